//! A feed's statistics, from the entries cached here: how many arrived each week over the last
//! year, how often on average, and how its fetches have gone. The page draws them.

use serde::{Deserialize, Serialize};

use super::{FeedId, Library};
use crate::core::time::Timestamp;

/// Weeks the chart covers: the last year, this week last.
pub const WEEKS: usize = 52;

const DAY: i64 = 86_400_000;
const WEEK: i64 = 7 * DAY;

/// What a feed's **Statistics** show.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Statistics {
    pub feed: FeedId,
    /// Entries dated in each week (Monday to Sunday, UTC), oldest first; the last is this
    /// week, so far.
    pub weeks: Vec<u32>,
    /// When the first week starts.
    pub start: Timestamp,
    /// The mean time between one entry and the next over the last year (over every dated
    /// entry cached when the year has fewer than two; none with fewer than two in all), and
    /// over how many entries.
    pub interval: Option<i64>,
    pub interval_over: usize,
    /// Whether that is over the last year.
    pub interval_recent: bool,
    /// Entries cached here, and how many of them have no date.
    pub cached: usize,
    pub undated: usize,
    /// The newest entry's date.
    pub newest: Option<Timestamp>,
    pub fetched: Option<Timestamp>,
    pub tried: Option<Timestamp>,
    /// The last fetch's failure, and how many in a row.
    pub error: Option<String>,
    pub failures: u32,
}

/// The Monday (00:00 UTC) that starts the week of `at`. 1970-01-01 was a Thursday.
fn week_start(at: Timestamp) -> Timestamp {
    let days = at.0.div_euclid(DAY);
    Timestamp((days - (days + 3).rem_euclid(7)) * DAY)
}

impl Library {
    /// A feed's statistics at `now`; `None` when there is no such feed.
    pub fn statistics(&self, id: &FeedId, now: Timestamp) -> Option<Statistics> {
        let i = self.position(id)?;
        let followed = &self.followed[i];
        let dates: Vec<Timestamp> = followed.entries.iter().filter_map(|&n| self.slots[n as usize].summary.date).collect();
        let start = Timestamp(week_start(now).0 - (WEEKS as i64 - 1) * WEEK);
        let mut weeks = vec![0u32; WEEKS];
        for date in &dates {
            let week = (date.0 - start.0).div_euclid(WEEK);
            if let Some(count) = usize::try_from(week).ok().and_then(|w| weeks.get_mut(w)) {
                *count += 1;
            }
        }
        let newest = dates.iter().max().copied();
        let this_year: Vec<Timestamp> = dates.iter().copied().filter(|d| *d >= start).collect();
        let over = if this_year.len() > 1 { &this_year } else { &dates };
        let interval = match (over.iter().min(), over.iter().max()) {
            (Some(oldest), Some(newest)) if over.len() > 1 => Some((newest.0 - oldest.0) / (over.len() as i64 - 1)),
            _ => None,
        };
        let log = &followed.subscription.fetch;
        Some(Statistics {
            feed: id.clone(),
            weeks,
            start,
            interval,
            interval_over: over.len(),
            interval_recent: this_year.len() > 1,
            cached: followed.entries.len(),
            undated: followed.entries.len() - dates.len(),
            newest,
            fetched: log.fetched,
            tried: log.tried,
            error: log.error.clone(),
            failures: log.failures,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::library::testing::*;
    use crate::core::time::days_from_civil;

    fn day(year: i64, month: u32, day: u32) -> i64 {
        days_from_civil(year, month, day) * DAY
    }

    #[test]
    fn weeks_start_on_monday() {
        // 2026-12-06 was a Sunday; its week began on Monday 2026-11-30.
        assert_eq!(week_start(Timestamp(day(2026, 12, 6) + DAY - 1)), Timestamp(day(2026, 11, 30)));
        assert_eq!(week_start(Timestamp(day(2026, 11, 30))), Timestamp(day(2026, 11, 30)));
    }

    #[test]
    fn entries_are_counted_by_week_over_the_last_year_with_their_mean_interval() {
        let now = Timestamp(day(2026, 12, 6) + 12 * 3_600_000);
        let mut library = Library::default();
        let entries = vec![
            entry("a", "this week", Some(day(2026, 12, 1))),
            entry("b", "this week too", Some(day(2026, 11, 30))),
            entry("c", "last week", Some(day(2026, 11, 25))),
            entry("d", "a year and more ago", Some(day(2025, 11, 1))),
            entry("e", "undated", None),
        ];
        let id = subscribe(&mut library, feed("stats", entries));
        let stats = library.statistics(&id, now).expect("a feed");
        assert_eq!(stats.weeks.len(), WEEKS);
        assert_eq!(stats.start, Timestamp(day(2026, 11, 30) - 51 * WEEK));
        assert_eq!(&stats.weeks[50..], [1, 2]);
        assert_eq!(stats.weeks.iter().sum::<u32>(), 3, "the entry from more than a year ago is not in the chart");
        assert_eq!((stats.cached, stats.undated), (5, 1));
        // Over the last year: three entries from 2026-11-25 to 2026-12-01, two intervals.
        assert_eq!((stats.interval, stats.interval_over), (Some((day(2026, 12, 1) - day(2026, 11, 25)) / 2), 3));
        assert_eq!(stats.newest, Some(Timestamp(day(2026, 12, 1))));
        // A feed quiet for a year is measured over all it has.
        let old =
            subscribe(&mut library, feed("old", vec![entry("x", "x", Some(day(2020, 1, 1))), entry("y", "y", Some(day(2020, 1, 11)))]));
        let stats = library.statistics(&old, now).unwrap();
        assert_eq!((stats.interval, stats.interval_over), (Some(10 * DAY), 2));
        assert_eq!(library.statistics(&FeedId("nope".into()), now), None);
    }
}
