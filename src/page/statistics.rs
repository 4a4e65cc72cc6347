//! A feed's statistics (its ⋯ menu → Statistics): entries per week over the last year as a bar
//! chart drawn in SVG, with the same facts in words for those who do not see it, and how its
//! fetches have gone.

use leptos::prelude::*;

use super::chart::{interval, nice_top, tenths, WEEK};
use super::{dates, Shown};
use crate::core::library::{Statistics, WEEKS};
use crate::core::Timestamp;

// The chart's drawing box (it scales to the dialog's width), in whole units: the page carries
// no float formatting. 52 weeks of 11 units fill the 572 right of the axis.
const WIDTH: i64 = 600;
const HEIGHT: i64 = 180;
const LEFT: i64 = 28;
const BOTTOM: i64 = 22;
const TOP: i64 = 8;

/// The dialog, while statistics are shown.
#[component]
pub fn StatisticsDialog() -> impl IntoView {
    let shown = expect_context::<Shown>();
    let close = move || shown.statistics.set(None);
    move || {
        let stats = shown.statistics.get()?;
        let title =
            shown.feeds.with_untracked(|feeds| feeds.iter().find(|f| f.id == stats.feed).map(|f| f.title.clone())).unwrap_or_default();
        Some(view! {
            <div class="dialog-backdrop" on:click=move |_| close()>
                <div class="dialog statistics" role="dialog" aria-modal="true" aria-labelledby="statistics-title"
                    on:click=|e| e.stop_propagation()>
                    <h2 id="statistics-title">{format!("Statistics: {title}")}</h2>
                    <figure>
                        <Chart stats=stats.clone()/>
                        <figcaption id="statistics-summary">{summary(&stats)}</figcaption>
                    </figure>
                    <ul class="statistics-facts">
                        {facts(&stats).into_iter().map(|fact| view! { <li>{fact}</li> }).collect_view()}
                    </ul>
                    <button type="button" class="close-dialog" autofocus on:click=move |_| close()>"Close"</button>
                </div>
            </div>
        })
    }
}

#[component]
fn Chart(stats: Statistics) -> impl IntoView {
    let top = nice_top(stats.weeks.iter().copied().max().unwrap_or(0));
    let (plot_w, plot_h) = (WIDTH - LEFT, HEIGHT - TOP - BOTTOM);
    let slot = plot_w / WEEKS as i64;
    let height = move |count: u32| plot_h * count as i64 / top as i64;
    let y = move |count: u32| TOP + plot_h - height(count);
    let bars = stats.weeks.iter().enumerate().map(|(i, &count)| {
        let start = Timestamp(stats.start.0 + i as i64 * WEEK);
        let label = format!("Week of {}: {}", dates::local_date(start), entries(count));
        let x = LEFT + i as i64 * slot + 1;
        let this_week = i == WEEKS - 1;
        view! {
            <rect class=if this_week { "bar this-week" } else { "bar" } x=x.to_string() y=y(count).to_string()
                width=(slot - 2).to_string() height=height(count).to_string()>
                <title>{label}</title>
            </rect>
        }
    });
    // A month's name under the first week that starts in it.
    let months = (0..WEEKS).filter_map(|i| {
        let start = Timestamp(stats.start.0 + i as i64 * WEEK);
        let starts_month = i == 0 || start.to_civil().month != Timestamp(start.0 - WEEK).to_civil().month;
        starts_month.then(|| {
            let x = LEFT + i as i64 * slot;
            view! { <text class="axis" x=x.to_string() y=(HEIGHT - 6).to_string()>{dates::short_month(start)}</text> }
        })
    });
    let grid = [0, top / 2, top].into_iter().filter(|&n| n == 0 || n != top / 2 || top > 1).map(|n| {
        let at = y(n).to_string();
        view! {
            <line class="grid" x1=LEFT.to_string() x2=WIDTH.to_string() y1=at.clone() y2=at.clone()></line>
            <text class="axis" x=(LEFT - 4).to_string() y=at text-anchor="end" dominant-baseline="middle">{n.to_string()}</text>
        }
    });
    view! {
        <svg class="chart" viewBox=format!("0 0 {WIDTH} {HEIGHT}") role="img" aria-labelledby="statistics-summary">
            {grid.collect_view()}
            {bars.collect_view()}
            {months.collect_view()}
        </svg>
    }
}

fn entries(n: u32) -> String {
    if n == 1 {
        "1 entry".into()
    } else {
        format!("{} entries", super::words::thousands(n))
    }
}

/// What the chart shows, in words.
fn summary(stats: &Statistics) -> String {
    let total: u32 = stats.weeks.iter().sum();
    if total == 0 {
        return "No entry cached here is from the last year.".into();
    }
    let (busiest, most) = stats.weeks.iter().enumerate().max_by_key(|&(i, &n)| (n, i)).map(|(i, &n)| (i, n)).unwrap_or((0, 0));
    let busiest = dates::local_date(Timestamp(stats.start.0 + busiest as i64 * WEEK));
    format!(
        "Entries per week over the last year: {} in all, {} a week on average; the busiest week, of {busiest}, had {}.",
        super::words::thousands(total),
        tenths(total as i64 * 10 / WEEKS as i64),
        entries(most)
    )
}

/// The rest, a line each.
fn facts(stats: &Statistics) -> Vec<String> {
    let mut facts = Vec::new();
    let over = if stats.interval_recent { "of the last year" } else { "cached, the last year having fewer than two" };
    match stats.interval {
        Some(ms) => facts.push(format!("A new entry every {} on average (over the {} entries {over}).", interval(ms), stats.interval_over)),
        None => facts.push("Too few dated entries to say how often it brings new ones.".into()),
    }
    if let Some(newest) = stats.newest {
        facts.push(format!("Newest entry: {}.", dates::relative(newest)));
    }
    let undated = match stats.undated {
        0 => String::new(),
        1 => " (1 without a date)".into(),
        n => format!(" ({n} without a date)"),
    };
    facts.push(format!("{} cached on this device{undated}.", entries(stats.cached as u32)));
    match (stats.fetched, stats.tried) {
        (Some(at), _) => facts.push(format!("Last fetched {}.", dates::relative(at))),
        (None, Some(_)) => facts.push("Never fetched successfully.".into()),
        (None, None) => facts.push("Never fetched (added from a document, or not yet).".into()),
    }
    match (&stats.error, stats.failures) {
        (Some(error), n) if n > 1 => facts.push(format!("The last {n} fetches failed; the last said: {error}")),
        (Some(error), _) => facts.push(format!("The last fetch failed: {error}")),
        (None, _) if stats.tried.is_some() => facts.push("The last fetch went well.".into()),
        (None, _) => {}
    }
    facts
}
