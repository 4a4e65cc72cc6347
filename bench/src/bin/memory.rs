//! Peak heap use while parsing the generated 10,000-entry feed, measured with a counting global
//! allocator: `cargo run --release --bin memory`.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use feedreader::core::parse::{parse_bytes, ParseOptions};
use feedreader::core::sanitize::sanitize_feed;
use feedreader_bench::{generated_feed, raw_event_loop, SAMPLE};

struct Counting;

static CURRENT: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let now = CURRENT.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
        PEAK.fetch_max(now, Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        CURRENT.fetch_sub(layout.size(), Ordering::Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Heap in use at the peak of `f`, above what was in use before it.
fn peak_of<T>(f: impl FnOnce() -> T) -> (usize, T) {
    let before = CURRENT.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);
    let out = f();
    (PEAK.load(Ordering::Relaxed) - before, out)
}

fn mb(bytes: usize) -> f64 {
    bytes as f64 / 1_048_576.0
}

fn main() {
    let options = ParseOptions { base: Some("https://bench.example.com/feed.xml".into()), ..ParseOptions::default() };
    let input = generated_feed(10_000);
    println!("input: {:.1} MB ({} entries)", mb(input.len()), 10_000);
    let (peak, feed) = peak_of(|| parse_bytes(&input, &options).unwrap());
    println!(
        "parse: peak {:.1} MB above the input = {:.2}x input; with the input {:.2}x",
        mb(peak),
        peak as f64 / input.len() as f64,
        (peak + input.len()) as f64 / input.len() as f64
    );
    drop(feed);
    let (peak, feed) = peak_of(|| feed_rs::parser::parse(&input[..]).unwrap());
    println!("feed-rs: peak {:.1} MB above the input = {:.2}x input", mb(peak), peak as f64 / input.len() as f64);
    drop(feed);

    // A quick single-threaded throughput check beside criterion's (best of 5 runs).
    let time = |name: &str, bytes: &[u8], f: &dyn Fn(&[u8])| {
        let best = (0..5)
            .map(|_| {
                let start = Instant::now();
                f(bytes);
                start.elapsed().as_secs_f64()
            })
            .fold(f64::MAX, f64::min);
        println!("{name}: {:.0} MB/s", mb(bytes.len()) / best);
    };
    for (label, bytes) in [("sample", SAMPLE), ("generated", &input[..])] {
        time(&format!("{label} a raw quick-xml"), bytes, &|b| {
            std::hint::black_box(raw_event_loop(b));
        });
        time(&format!("{label} b parse"), bytes, &|b| {
            std::hint::black_box(parse_bytes(b, &options).unwrap());
        });
        time(&format!("{label} c parse+sanitize"), bytes, &|b| {
            std::hint::black_box(sanitize_feed(parse_bytes(b, &options).unwrap()));
        });
        time(&format!("{label} d feed-rs"), bytes, &|b| {
            std::hint::black_box(feed_rs::parser::parse(b).unwrap());
        });
    }
}
