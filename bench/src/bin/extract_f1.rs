//! How well Text view finds a page's main text: on saved pages whose main text is known, the
//! bag-of-words F1 of what `extract` keeps against the expected text, beside the whole page's
//! own F1 (what showing the page unextracted would score), and the time per page.
//!
//!     cargo run --release --bin extract_f1 -- DIR
//!
//! DIR holds one folder per page with `source.html` (the page as saved) and `expected.html`
//! (its main text): Mozilla Readability's test pages (`test/test-pages` of
//! github.com/mozilla/readability) are 130 such pages from news sites, blogs, documentation
//! and forums. Their address is the one those tests use.

use std::collections::HashMap;
use std::time::Instant;

use feedreader::core::extract::extract;
use feedreader::core::html::text;
use feedreader::core::text::words;

const URL: &str = "http://fakehost/test/page.html";

fn bag(text: &str) -> HashMap<String, usize> {
    let mut bag = HashMap::new();
    for word in words(text) {
        *bag.entry(word).or_insert(0) += 1;
    }
    bag
}

/// The F1 of two bags of words: each word counted as often as both have it.
fn f1(found: &HashMap<String, usize>, expected: &HashMap<String, usize>) -> f64 {
    let common: usize = found.iter().map(|(w, n)| (*n).min(expected.get(w).copied().unwrap_or(0))).sum();
    let (found_n, expected_n) = (found.values().sum::<usize>(), expected.values().sum::<usize>());
    if found_n == 0 || expected_n == 0 {
        return if found_n == expected_n { 1.0 } else { 0.0 };
    }
    let (precision, recall) = (common as f64 / found_n as f64, common as f64 / expected_n as f64);
    if common == 0 {
        0.0
    } else {
        2.0 * precision * recall / (precision + recall)
    }
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(|a, b| a.total_cmp(b));
    values[values.len() / 2]
}

fn main() {
    let dir = std::env::args().nth(1).expect("usage: extract_f1 DIR");
    let mut pages: Vec<_> = std::fs::read_dir(&dir).expect("a folder of pages").filter_map(Result::ok).map(|e| e.path()).collect();
    pages.sort();
    let (mut scores, mut whole, mut times, mut worst) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for page in pages {
        let (Ok(source), Ok(expected)) = (std::fs::read(page.join("source.html")), std::fs::read_to_string(page.join("expected.html"))) else {
            continue;
        };
        let expected = bag(&text(&expected));
        let started = Instant::now();
        let found = extract(&source, URL, None, None);
        times.push(started.elapsed().as_secs_f64() * 1000.0);
        let score = found.map_or(0.0, |found| f1(&bag(&text(found.content.as_str())), &expected));
        let name = page.file_name().unwrap().to_string_lossy().into_owned();
        worst.push((score, name));
        scores.push(score);
        whole.push(f1(&bag(&text(&String::from_utf8_lossy(&source))), &expected));
    }
    let n = scores.len();
    let above = scores.iter().filter(|s| **s >= 0.9).count();
    worst.sort_by(|a, b| a.0.total_cmp(&b.0));
    println!("pages: {n}");
    println!("F1 median {:.3}, mean {:.3}; >= 0.9 on {above} of {n} ({:.1} %)", median(&mut scores.clone()), scores.iter().sum::<f64>() / n as f64, 100.0 * above as f64 / n as f64);
    println!("whole page F1 median {:.3}", median(&mut whole));
    let slowest = times.iter().cloned().fold(0.0, f64::max);
    println!("time per page: median {:.1} ms, slowest {:.1} ms", median(&mut times), slowest);
    println!("lowest: {}", worst.iter().take(10).map(|(s, n)| format!("{n} {s:.2}")).collect::<Vec<_>>().join(", "));
}
