//! The same article arriving through several feeds: the same address once tracking
//! parameters (`utm_*`, `fbclid`, `ref`…), the scheme, a `www.`, a fragment and a trailing slash
//! are left aside, or the same title within two days from feeds in the same folder. River,
//! folder and search lists show such copies once ("also in: …"); reading one reads them all;
//! each feed's own list still shows its copy.
//!
//! Copies are found once after each change, from hashes (no strings kept): one pass over the
//! entries, one map from address to the first entry seen with it, one from title to the
//! entries with it.

use std::collections::HashMap;

use super::{EntryKey, FeedId, Library};

/// Two days, in milliseconds: titles further apart are different stories.
const SAME_STORY: i64 = 2 * 24 * 60 * 60 * 1000;

/// More entries than this with one title in one folder are a series, not copies.
const MAX_SAME_TITLE: usize = 12;

/// Query parameters that only say where a click came from.
fn is_tracking(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    name.starts_with("utm_")
        || matches!(
            name.as_str(),
            "fbclid"
                | "gclid"
                | "dclid"
                | "msclkid"
                | "mc_cid"
                | "mc_eid"
                | "ref"
                | "ref_src"
                | "ref_url"
                | "source"
                | "igshid"
                | "yclid"
                | "_hsenc"
                | "_hsmi"
                | "mkt_tok"
                | "cmpid"
                | "rss"
                | "rss_id"
        )
}

/// A hash of an article address with what does not change the article left out, or `None`
/// for what is no web address. Streamed into the hash: nothing is allocated (it runs for every
/// entry after each change).
pub fn address_identity(link: &str) -> Option<u64> {
    use super::super::hash::fnv1a;
    let link = link.trim();
    let rest = link.strip_prefix("https://").or_else(|| link.strip_prefix("http://"))?;
    let rest = rest.split('#').next().unwrap_or("");
    let (before_query, query) = rest.split_once('?').unwrap_or((rest, ""));
    let (host, path) = before_query.split_once('/').unwrap_or((before_query, ""));
    let host = if host.len() > 4 && host[..4].eq_ignore_ascii_case("www.") { &host[4..] } else { host };
    if host.is_empty() {
        return None;
    }
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in host.bytes().map(|b| b.to_ascii_lowercase()).chain([b'/']).chain(path.trim_end_matches('/').bytes()) {
        hash ^= byte as u64;
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    // The parameters that are kept, in any order: their hashes added up.
    let params = query.split('&').filter(|p| !p.is_empty() && !is_tracking(p.split('=').next().unwrap_or("")));
    let params = params.fold(0u64, |sum, p| sum.wrapping_add(fnv1a(&[p.as_bytes()])));
    Some(hash ^ params.rotate_left(17))
}

/// Which entries are copies of which: for each slot, the first slot of its group.
#[derive(Debug, Clone, Default)]
pub(super) struct Copies {
    /// `first[n]`: the slot that stands for slot `n`'s group (itself when it has no copy).
    first: Vec<u32>,
    /// The members of each group with copies, by its first slot.
    groups: HashMap<u32, Vec<u32>>,
    /// Whether a slot has a copy at all (the common answer, no, without a map lookup).
    copied: Vec<bool>,
}

impl Copies {
    /// The slot that stands for `n`'s group.
    pub(super) fn first(&self, n: u32) -> u32 {
        self.first.get(n as usize).copied().unwrap_or(n)
    }

    /// Every member of `n`'s group (empty when it has no copy).
    pub(super) fn group(&self, n: u32) -> &[u32] {
        if !self.has_copies(n) {
            return &[];
        }
        self.groups.get(&self.first(n)).map_or(&[], Vec::as_slice)
    }

    /// Whether slot `n` has a copy.
    pub(super) fn has_copies(&self, n: u32) -> bool {
        self.copied.get(n as usize).copied().unwrap_or(false)
    }

    /// The groups that have copies.
    pub(super) fn groups(&self) -> impl Iterator<Item = &Vec<u32>> {
        self.groups.values()
    }
}

/// What finds an entry's copies, worked out when its summary is made: its address without
/// what does not change the article, and its title in lower case with spaces folded.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Identity {
    address: Option<u64>,
    title: Option<u64>,
}

impl Identity {
    pub(super) fn of(summary: &super::Summary) -> Identity {
        let address = summary.link.as_deref().and_then(address_identity);
        let title = (!summary.title.trim().is_empty()).then(|| {
            let mut title = String::with_capacity(summary.title.len());
            title.extend(summary.title.split_whitespace().flat_map(|w| w.chars().chain([' '])).flat_map(char::to_lowercase));
            super::super::hash::fnv1a(&[title.as_bytes()])
        });
        Identity { address, title }
    }
}

impl Library {
    /// Copies are found from sorted lists of hashes (one pass, one sort each; no map of
    /// 90,000 entries to build and free after every change).
    pub(super) fn copies(&self) -> &Copies {
        self.copies.get_or_init(|| {
            let mut first: Vec<u32> = (0..self.slots.len() as u32).collect();
            fn root(first: &mut [u32], mut n: u32) -> u32 {
                while first[n as usize] != n {
                    let up = first[first[n as usize] as usize];
                    first[n as usize] = up;
                    n = up;
                }
                n
            }
            fn join(first: &mut [u32], a: u32, b: u32) {
                let (ra, rb) = (root(first, a), root(first, b));
                if ra != rb {
                    // The slot added first stands for the group.
                    let (low, high) = if ra < rb { (ra, rb) } else { (rb, ra) };
                    first[high as usize] = low;
                }
            }
            // (hash, slot, feed number) of every listed entry, by address and by folder + title.
            let mut by_address: Vec<(u64, u32, u32)> = Vec::with_capacity(self.slots.len());
            let mut by_title: Vec<(u64, u32, u32)> = Vec::new();
            for followed in &self.followed {
                let folder = followed.subscription.folder.as_deref().map(|f| super::super::hash::fnv1a(&[f.as_bytes()]));
                for &n in &followed.entries {
                    let identity = self.identities[n as usize];
                    if let Some(address) = identity.address {
                        by_address.push((address, n, followed.number));
                    }
                    if let (Some(folder), Some(title)) = (folder, identity.title) {
                        by_title.push((folder.rotate_left(29) ^ title, n, followed.number));
                    }
                }
            }
            by_address.sort_unstable();
            for run in by_address.chunk_by(|a, b| a.0 == b.0).filter(|run| run.len() > 1) {
                // Copies come through other feeds; a feed listing an address twice is its own business.
                for &(_, n, feed) in &run[1..] {
                    if let Some(&(_, other, _)) = run.iter().find(|(_, _, f)| *f != feed) {
                        join(&mut first, other, n);
                    }
                }
            }
            by_title.sort_unstable();
            // A title dozens of entries share ("Untitled", "Daily links") names no one story.
            for run in by_title.chunk_by(|a, b| a.0 == b.0).filter(|run| run.len() > 1 && run.len() <= MAX_SAME_TITLE) {
                for (i, &(_, a, feed_a)) in run.iter().enumerate() {
                    for &(_, b, feed_b) in &run[i + 1..] {
                        let close = match (self.slots[a as usize].summary.date, self.slots[b as usize].summary.date) {
                            (Some(x), Some(y)) => (x.0 - y.0).abs() <= SAME_STORY,
                            _ => false,
                        };
                        if close && feed_a != feed_b {
                            join(&mut first, a, b);
                        }
                    }
                }
            }
            let mut groups: HashMap<u32, Vec<u32>> = HashMap::new();
            let mut copied = vec![false; first.len()];
            for n in 0..first.len() as u32 {
                let r = root(&mut first, n);
                if r != n {
                    groups.entry(r).or_insert_with(|| vec![r]).push(n);
                    copied[n as usize] = true;
                    copied[r as usize] = true;
                }
            }
            Copies { first, groups, copied }
        })
    }

    /// The other copies of an entry, and the feeds they came through.
    pub fn copies_of(&self, key: EntryKey) -> Vec<(EntryKey, FeedId)> {
        let Some(&n) = self.by_key.get(&key) else { return Vec::new() };
        self.copies()
            .group(n)
            .iter()
            .filter(|&&m| m != n)
            .filter_map(|&m| {
                let slot = &self.slots[m as usize];
                let feed = self.followed.iter().find(|f| f.number == slot.feed)?;
                Some((slot.summary.key, feed.subscription.id.clone()))
            })
            .collect()
    }

    /// These entries and all their copies (what marking them read or unread changes).
    pub fn with_copies(&self, keys: &[EntryKey]) -> Vec<EntryKey> {
        let mut all = keys.to_vec();
        for key in keys {
            all.extend(self.copies_of(*key).into_iter().map(|(k, _)| k));
        }
        let mut seen = super::KeySet::default();
        all.retain(|k| seen.insert(*k));
        all
    }
}

#[cfg(test)]
mod tests;
