//! The arithmetic and words of a feed's statistics chart (pure, so tested natively; the page
//! draws it in `statistics`).

pub const DAY: i64 = 86_400_000;
pub const WEEK: i64 = 7 * DAY;

/// The smallest of 1, 2, 5, 10, 20, 50… at or above `n`: the chart's top.
pub fn nice_top(n: u32) -> u32 {
    let mut step = 1;
    loop {
        for top in [step, 2 * step, 5 * step] {
            if top >= n.max(1) {
                return top;
            }
        }
        step *= 10;
    }
}

/// A number of tenths as "4.2" (the page carries no float formatting).
pub fn tenths(n: i64) -> String {
    format!("{}.{}", n / 10, n % 10)
}

/// How long an interval is, roughly: "5 hours", "1.7 days", "2.3 weeks".
pub fn interval(ms: i64) -> String {
    match ms {
        ms if ms >= 2 * WEEK => format!("{} weeks", tenths(ms * 10 / WEEK)),
        ms if ms >= 2 * DAY => format!("{} days", tenths(ms * 10 / DAY)),
        ms if ms >= 2 * 3_600_000 => format!("{} hours", ms / 3_600_000),
        ms if ms < 120_000 => "1 minute".into(),
        ms => format!("{} minutes", ms / 60_000),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_top_is_a_round_number() {
        assert_eq!([0, 1, 2, 3, 6, 11, 49, 51, 120].map(nice_top), [1, 1, 2, 5, 10, 20, 50, 100, 200]);
    }

    #[test]
    fn intervals_read_as_people_say_them() {
        assert_eq!(interval(90_000), "1 minute");
        assert_eq!(interval(45 * 60_000), "45 minutes");
        assert_eq!(interval(3 * 3_600_000), "3 hours");
        assert_eq!(interval(DAY * 17 / 10), "40 hours");
        assert_eq!(interval(DAY * 5 / 2), "2.5 days");
        assert_eq!(interval(WEEK * 3), "3.0 weeks");
    }
}
