//! Sanitizer throughput on the sample's summaries. A measurement, not a timed assertion: run
//! `cargo test --release --test sanitize_bench -- --ignored --nocapture` and record the figure
//! in tests/hostile/RESULTS.md.

use crate::sample;

use std::time::Instant;

use feedreader::core::sanitize::sanitize_markup;
use feedreader::core::{Markup, MarkupKind};

#[test]
#[ignore = "benchmark: run in release with --ignored --nocapture"]
fn sanitize_throughput_on_the_sample() {
    let bodies: Vec<Markup> =
        sample::sample_entries().into_iter().map(|e| Markup { kind: MarkupKind::Html, body: e.summary, base: e.link }).collect();
    let bytes: usize = bodies.iter().map(|m| m.body.len()).sum();
    // Warm up (the policy is built on first use), then time whole passes over the sample.
    let mut sink = 0usize;
    for markup in &bodies {
        sink += sanitize_markup(markup).as_str().len();
    }
    let mut runs = Vec::new();
    for _ in 0..30 {
        let start = Instant::now();
        for markup in &bodies {
            sink += sanitize_markup(markup).as_str().len();
        }
        runs.push(start.elapsed().as_secs_f64());
    }
    runs.sort_by(f64::total_cmp);
    let median = runs[runs.len() / 2];
    println!(
        "sanitize: {} bodies, {:.1} KB per pass, median {:.2} ms per pass, {:.1} MB/s (output bytes {sink})",
        bodies.len(),
        bytes as f64 / 1024.0,
        median * 1000.0,
        bytes as f64 / median / 1e6,
    );
}
