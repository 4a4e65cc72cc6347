//! Parses the generated feed in a loop, for a profiler: `perf record target/release/profile_parse`.

use feedreader::core::parse::{parse_bytes, ParseOptions};
use feedreader_bench::generated_feed;

fn main() {
    let options = ParseOptions { base: Some("https://bench.example.com/feed.xml".into()), ..ParseOptions::default() };
    let input = generated_feed(10_000);
    let runs: usize = std::env::args().nth(1).and_then(|n| n.parse().ok()).unwrap_or(10);
    for _ in 0..runs {
        std::hint::black_box(parse_bytes(&input, &options).unwrap());
    }
}
