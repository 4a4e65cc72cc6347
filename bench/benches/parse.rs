//! (a) quick-xml's raw event loop, (b) our parse, (c) parse + sanitize, (d) feed-rs, on the
//! bundled sample and on a generated 10,000-entry (about 20 MB) feed.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;

use feedreader::core::parse::{parse_bytes, ParseOptions};
use feedreader::core::sanitize::sanitize_feed;
use feedreader_bench::{generated_feed, raw_event_loop, SAMPLE};

fn bench_input(c: &mut Criterion, name: &str, bytes: &[u8], samples: usize) {
    let options = ParseOptions { base: Some("https://bench.example.com/feed.xml".into()), ..ParseOptions::default() };
    let mut group = c.benchmark_group(name);
    group.throughput(Throughput::Bytes(bytes.len() as u64));
    group.sample_size(samples);
    group.bench_function("a_raw_quick_xml", |b| b.iter(|| raw_event_loop(black_box(bytes))));
    group.bench_function("b_parse", |b| b.iter(|| parse_bytes(black_box(bytes), &options).unwrap()));
    group.bench_function("c_parse_sanitize", |b| b.iter(|| sanitize_feed(parse_bytes(black_box(bytes), &options).unwrap())));
    group.bench_function("d_feed_rs", |b| b.iter(|| feed_rs::parser::parse(black_box(bytes)).unwrap()));
    group.finish();
}

fn benches(c: &mut Criterion) {
    bench_input(c, "sample", SAMPLE, 30);
    let big = generated_feed(10_000);
    bench_input(c, "generated_10k", &big, 10);
}

criterion_group!(parse, benches);
criterion_main!(parse);
