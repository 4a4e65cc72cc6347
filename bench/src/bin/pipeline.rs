//! The whole pipeline, parse + sanitize, against what a Rust developer would reach for
//! (feed-rs parsing, then ammonia's default `clean` on every body), on the generated
//! 10,000-entry feed: `cargo run --release --bin pipeline [RUNS=7]`. Each run is a process of
//! its own (cold caches, fresh allocator); prints both medians and their ratio.

use std::process::Command;
use std::time::Instant;

use feedreader::core::parse::{parse_bytes, ParseOptions};
use feedreader::core::sanitize::sanitize_feed;
use feedreader_bench::generated_feed;

/// One run of one side: returns milliseconds and the number of bodies sanitized.
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

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let input = generated_feed(10_000);
    if let Some(side) = args.get(1).filter(|a| ["ours", "theirs", "ours-parse", "default-clean"].contains(&a.as_str())) {
        let (ms, bodies) = run(side, &input);
        println!("{ms} {bodies}");
        return;
    }
    let runs: usize = args.get(1).and_then(|n| n.parse().ok()).unwrap_or(7);
    let me = std::env::current_exe().expect("the program's own path");
    let sides: Vec<&str> =
        if std::env::var_os("SPLIT").is_some() { vec!["ours", "theirs", "ours-parse", "default-clean"] } else { vec!["ours", "theirs"] };
    // Rounds take the sides in turn, so that the machine's drift over the minute falls on both.
    let mut times = vec![Vec::new(); sides.len()];
    let mut bodies = vec![0; sides.len()];
    for _ in 0..runs {
        for (i, side) in sides.iter().enumerate() {
            let output = Command::new(&me).arg(side).output().expect("a run");
            let text = String::from_utf8_lossy(&output.stdout);
            let mut parts = text.split_whitespace();
            times[i].push(parts.next().and_then(|t| t.parse().ok()).expect("a time"));
            bodies[i] = parts.next().and_then(|b| b.parse().ok()).unwrap_or(0);
        }
    }
    let mut medians = Vec::new();
    for (i, side) in sides.iter().enumerate() {
        let m = median(times[i].clone());
        println!("{side}: median {m:.0} ms over {runs} runs ({} bodies), runs {:.0?}", bodies[i], times[i]);
        medians.push(m);
    }
    println!(
        "BENCH {:.1} MB, parse + sanitize: ours {:.0} ms, feed-rs + ammonia::clean {:.0} ms: ours / theirs {:.2}x",
        input.len() as f64 / 1e6,
        medians[0],
        medians[1],
        medians[0] / medians[1]
    );
}
