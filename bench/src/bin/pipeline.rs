//! The whole pipeline, parse + sanitize, against what a Rust developer would reach for
//! (feed-rs parsing, then ammonia's default `clean` on every body), on generated 10,000-entry
//! feeds of two shapes: `cargo run --release --bin pipeline [RUNS=7] [two-bodies|one-description]`
//! (both shapes when none is named). Each run is a process of its own (cold caches, fresh
//! allocator); prints both sides' medians and their ratio for each shape.
//!
//! One run of one side, for a profiler: `pipeline ours one-description` (or `theirs`, …).

use std::process::Command;
use std::time::Instant;

use feedreader::core::parse::{parse_bytes, ParseOptions};
use feedreader::core::sanitize::sanitize_feed;
use feedreader_bench::Shape;

/// One run of one side: returns milliseconds and the number of bodies sanitized. Never inlined,
/// so that a profiler can count it apart from generating the feed:
/// `valgrind --tool=callgrind --toggle-collect='pipeline::run' target/release/pipeline ours one-description`.
#[inline(never)]
fn run(side: &str, input: &[u8]) -> (f64, usize) {
    let start = Instant::now();
    let bodies = match side {
        "ours" => {
            let options = ParseOptions { base: Some("https://bench.example.com/feed.xml".into()), ..ParseOptions::default() };
            let feed = sanitize_feed(parse_bytes(input, &options).expect("the feed parses"));
            feed.entries.iter().map(|e| e.summary.is_some() as usize + e.content.is_some() as usize).sum()
        }
        // Where ours spends it: parsing alone, and ammonia's default clean on our parsed bodies.
        "ours-parse" => {
            let options = ParseOptions { base: Some("https://bench.example.com/feed.xml".into()), ..ParseOptions::default() };
            parse_bytes(input, &options).expect("the feed parses").entries.len()
        }
        "default-clean" => {
            let options = ParseOptions { base: Some("https://bench.example.com/feed.xml".into()), ..ParseOptions::default() };
            let feed = parse_bytes(input, &options).expect("the feed parses");
            let parsed = start.elapsed();
            let mut n = 0;
            for entry in &feed.entries {
                for body in [&entry.summary, &entry.content].into_iter().flatten() {
                    std::hint::black_box(ammonia::clean(&body.body));
                    n += 1;
                }
            }
            return ((start.elapsed() - parsed).as_secs_f64() * 1000.0, n);
        }
        _ => {
            let feed = feed_rs::parser::parse(input).expect("feed-rs parses it");
            let mut bodies = 0;
            for entry in &feed.entries {
                let summary = entry.summary.as_ref().map(|s| ammonia::clean(&s.content));
                let content = entry.content.as_ref().and_then(|c| c.body.as_deref()).map(ammonia::clean);
                bodies += summary.is_some() as usize + content.is_some() as usize;
                std::hint::black_box((summary, content));
            }
            bodies
        }
    };
    (start.elapsed().as_secs_f64() * 1000.0, bodies)
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(|a, b| a.total_cmp(b));
    let n = values.len();
    if n % 2 == 1 {
        values[n / 2]
    } else {
        (values[n / 2 - 1] + values[n / 2]) / 2.0
    }
}

const SIDES: [&str; 4] = ["ours", "theirs", "ours-parse", "default-clean"];

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(side) = args.get(1).filter(|a| SIDES.contains(&a.as_str())) {
        let shape = args.get(2).and_then(|name| Shape::from_name(name)).unwrap_or(Shape::TwoBodies);
        let (ms, bodies) = run(side, &shape.feed(10_000));
        println!("{ms} {bodies}");
        return;
    }
    let runs: usize = args.get(1).and_then(|n| n.parse().ok()).unwrap_or(7);
    let shapes: Vec<Shape> = match args.get(2) {
        Some(name) => vec![Shape::from_name(name).unwrap_or_else(|| panic!("no shape {name}: two-bodies or one-description"))],
        None => Shape::ALL.to_vec(),
    };
    let sides = if std::env::var_os("SPLIT").is_some() { &SIDES[..] } else { &SIDES[..2] };
    let me = std::env::current_exe().expect("the program's own path");
    let mut summaries = Vec::new();
    for shape in shapes {
        // Rounds take the sides in turn, so that the machine's drift over the minute falls on both.
        let mut times = vec![Vec::new(); sides.len()];
        let mut bodies = vec![0; sides.len()];
        for _ in 0..runs {
            for (i, side) in sides.iter().enumerate() {
                let output = Command::new(&me).args([side, shape.name()]).output().expect("a run");
                let text = String::from_utf8_lossy(&output.stdout);
                let mut parts = text.split_whitespace();
                times[i].push(parts.next().and_then(|t| t.parse().ok()).expect("a time"));
                bodies[i] = parts.next().and_then(|b| b.parse().ok()).unwrap_or(0);
            }
        }
        let mut medians = Vec::new();
        for (i, side) in sides.iter().enumerate() {
            let m = median(times[i].clone());
            println!("{} {side}: median {m:.0} ms over {runs} runs ({} bodies), runs {:.0?}", shape.name(), bodies[i], times[i]);
            medians.push(m);
        }
        summaries.push(format!(
            "BENCH {} ({:.1} MB), parse + sanitize: ours {:.0} ms, feed-rs + ammonia::clean {:.0} ms: ours / theirs {:.2}x",
            shape.name(),
            shape.feed(10_000).len() as f64 / 1e6,
            medians[0],
            medians[1],
            medians[0] / medians[1]
        ));
    }
    for summary in summaries {
        println!("{summary}");
    }
}
