//! The search index: every distinct word of every entry (title and article, lowercase), and
//! for each word the entries that have it.
//!
//! A search matches an entry when each word of the query is part of some word of the entry:
//! "wasm bind" finds "Rust and wasm-bindgen", "ust" finds "Rust". Scanning every entry's text on each
//! keystroke costs too much at 100,000 entries, and holding that text costs hundreds of
//! megabytes; the index holds each word once, and each entry once per word it has, as
//! variable-length deltas (about a byte each).

use std::collections::HashMap;

use crate::core::text::words;

/// Entries (by slot number) as a set: one bit each.
#[derive(Debug, Clone, Default)]
pub struct Hits(Vec<u64>);

impl Hits {
    fn insert(&mut self, n: u32) {
        let (word, bit) = (n as usize / 64, n % 64);
        if self.0.len() <= word {
            self.0.resize(word + 1, 0);
        }
        self.0[word] |= 1 << bit;
    }

    /// Whether entry `n` is in the set.
    pub fn contains(&self, n: u32) -> bool {
        self.0.get(n as usize / 64).is_some_and(|w| w & (1 << (n % 64)) != 0)
    }

    fn intersect(&mut self, other: &Hits) {
        self.0.truncate(other.0.len());
        for (mine, theirs) in self.0.iter_mut().zip(&other.0) {
            *mine &= theirs;
        }
    }
}

/// One word's entries, as the differences between one and the next (zigzag-coded, so
/// entries indexed out of order cost nothing special: words read at start arrive feed by
/// feed, another tab's entries in between), in LEB128: 7 bits a byte, about one byte an
/// entry when they arrive in order.
#[derive(Debug, Clone, Default)]
struct Postings {
    bytes: Vec<u8>,
    last: u32,
}

impl Postings {
    fn push(&mut self, n: u32) {
        let delta = n as i64 - self.last as i64;
        self.last = n;
        let mut zigzag = ((delta << 1) ^ (delta >> 63)) as u64;
        loop {
            let byte = (zigzag & 0x7f) as u8;
            zigzag >>= 7;
            if zigzag == 0 {
                self.bytes.push(byte);
                return;
            }
            self.bytes.push(byte | 0x80);
        }
    }

    fn add_to(&self, hits: &mut Hits) {
        let (mut value, mut shift, mut n) = (0u64, 0u32, 0i64);
        for &byte in &self.bytes {
            value |= ((byte & 0x7f) as u64) << shift;
            if byte & 0x80 == 0 {
                n += (value >> 1) as i64 ^ -((value & 1) as i64);
                hits.insert(n as u32);
                value = 0;
                shift = 0;
            } else {
                shift += 7;
            }
        }
    }
}

/// Words → entries.
#[derive(Debug, Clone, Default)]
pub(super) struct SearchIndex {
    ids: HashMap<Box<str>, u32>,
    postings: Vec<Postings>,
    /// Every word, each followed by a newline, so one substring search over this finds every
    /// word containing a query word.
    vocabulary: String,
    /// Where each word starts in `vocabulary`, by word id.
    starts: Vec<u32>,
}

impl SearchIndex {
    /// Indexes entry `n` under each distinct word of `text`.
    pub(super) fn add(&mut self, n: u32, text: &str) {
        let mut seen: Vec<u32> = Vec::new();
        for word in words(text) {
            let id = match self.ids.get(word.as_str()) {
                Some(&id) => id,
                None => {
                    let id = self.postings.len() as u32;
                    self.starts.push(self.vocabulary.len() as u32);
                    self.vocabulary.push_str(&word);
                    self.vocabulary.push('\n');
                    self.ids.insert(word.into_boxed_str(), id);
                    self.postings.push(Postings::default());
                    id
                }
            };
            if !seen.contains(&id) {
                seen.push(id);
                self.postings[id as usize].push(n);
            }
        }
    }

    /// The entries matching every word of `query`; `None` when the query has no words (then
    /// everything matches).
    pub(super) fn find(&self, query: &str) -> Option<Hits> {
        let mut result: Option<Hits> = None;
        for word in words(query) {
            let mut hits = Hits::default();
            let mut last_id = u32::MAX;
            for (at, _) in self.vocabulary.match_indices(word.as_str()) {
                // The word the match starts in; a query word has no newline, so the match
                // lies within that one word.
                let id = (self.starts.partition_point(|&start| start as usize <= at) - 1) as u32;
                if id != last_id {
                    self.postings[id as usize].add_to(&mut hits);
                    last_id = id;
                }
            }
            match &mut result {
                Some(all) => all.intersect(&hits),
                None => result = Some(hits),
            }
        }
        result
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(index: &SearchIndex, query: &str) -> Vec<u32> {
        let hits = index.find(query).expect("a query with words");
        (0..64).filter(|&n| hits.contains(n)).collect()
    }

    #[test]
    fn every_query_word_must_be_part_of_some_word_of_the_entry() {
        let mut index = SearchIndex::default();
        index.add(0, "rust compiled to wasm");
        index.add(1, "rust only");
        index.add(5, "Café au lait, WASM-bindgen");
        assert_eq!(found(&index, "Rust  WASM"), [0]);
        assert_eq!(found(&index, "wasm"), [0, 5]);
        assert_eq!(found(&index, "caf"), [5], "part of a word matches");
        assert_eq!(found(&index, "bindgen café"), [5]);
        assert!(found(&index, "rust lait").is_empty());
        assert!(found(&index, "zebra").is_empty());
        assert!(index.find("  ,. ").is_none(), "no words: everything matches");
    }

    #[test]
    fn postings_survive_large_gaps_and_any_order() {
        let mut index = SearchIndex::default();
        index.add(200, "kiwi apple");
        index.add(3, "kiwi");
        index.add(70_000, "kiwi");
        index.add(0, "kiwi");
        let hits = index.find("kiwi").unwrap();
        assert!(hits.contains(0) && hits.contains(3) && hits.contains(200) && hits.contains(70_000));
        assert!(!hits.contains(4) && !hits.contains(69_999));
        assert!(index.find("apple").unwrap().contains(200));
    }
}
