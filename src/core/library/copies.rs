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
/// for what is no web address.
pub fn address_identity(link: &str) -> Option<u64> {
    let link = link.trim();
    let rest = link.strip_prefix("https://").or_else(|| link.strip_prefix("http://"))?;
    let rest = rest.split('#').next().unwrap_or("");
    let (before_query, query) = rest.split_once('?').unwrap_or((rest, ""));
    let (host, path) = before_query.split_once('/').unwrap_or((before_query, ""));
    let host = host.to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    if host.is_empty() {
        return None;
    }
    let path = path.trim_end_matches('/');
    let mut kept: Vec<&str> = query.split('&').filter(|p| !p.is_empty() && !is_tracking(p.split('=').next().unwrap_or(""))).collect();
    kept.sort_unstable();
    let mut hash = super::super::hash::fnv1a(&[host.as_bytes(), b"/", path.as_bytes(), b"?"]);
    for param in kept {
        hash = hash.rotate_left(5) ^ super::super::hash::fnv1a(&[param.as_bytes()]);
    }
    Some(hash)
}

/// Which entries are copies of which: for each slot, the first slot of its group.
#[derive(Debug, Clone, Default)]
pub(super) struct Copies {
    /// `first[n]`: the slot that stands for slot `n`'s group (itself when it has no copy).
    first: Vec<u32>,
    /// The members of each group with copies, by its first slot.
    groups: HashMap<u32, Vec<u32>>,
}

impl Copies {
    /// The slot that stands for `n`'s group.
    pub(super) fn first(&self, n: u32) -> u32 {
        self.first.get(n as usize).copied().unwrap_or(n)
    }

    /// Every member of `n`'s group (empty when it has no copy).
    pub(super) fn group(&self, n: u32) -> &[u32] {
        self.groups.get(&self.first(n)).map_or(&[], Vec::as_slice)
    }

    /// The groups that have copies.
    pub(super) fn groups(&self) -> impl Iterator<Item = &Vec<u32>> {
        self.groups.values()
    }
}

impl Library {
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
            let join = |first: &mut Vec<u32>, a: u32, b: u32| {
                let (ra, rb) = (root(first, a), root(first, b));
                if ra != rb {
                    // The slot added first stands for the group.
                    let (low, high) = if ra < rb { (ra, rb) } else { (rb, ra) };
                    first[high as usize] = low;
                }
            };
            let mut by_address: HashMap<u64, (u32, u32)> = HashMap::new();
            let mut by_title: HashMap<u64, Vec<u32>> = HashMap::new();
            for followed in &self.followed {
                let folder = followed.subscription.folder.as_deref();
                for &n in &followed.entries {
                    let summary = &self.slots[n as usize].summary;
                    if let Some(identity) = summary.link.as_deref().and_then(address_identity) {
                        match by_address.get(&identity) {
                            // Copies come through other feeds; a feed listing an address twice is its own business.
                            Some(&(other, feed)) if feed != followed.number => join(&mut first, other, n),
                            Some(_) => {}
                            None => {
                                by_address.insert(identity, (n, followed.number));
                            }
                        }
                    }
                    if let (Some(folder), false) = (folder, summary.title.trim().is_empty()) {
                        let mut title = String::with_capacity(summary.title.len());
                        title.extend(summary.title.split_whitespace().flat_map(|w| w.chars().chain([' '])).flat_map(char::to_lowercase));
                        let key = super::super::hash::fnv1a(&[folder.as_bytes(), b"\x1f", title.as_bytes()]);
                        by_title.entry(key).or_default().push(n);
                    }
                }
            }
            // A title dozens of entries share ("Untitled", "Daily links") names no one story.
            for slots in by_title.values().filter(|s| s.len() > 1 && s.len() <= MAX_SAME_TITLE) {
                for (i, &a) in slots.iter().enumerate() {
                    for &b in &slots[i + 1..] {
                        let (sa, sb) = (&self.slots[a as usize], &self.slots[b as usize]);
                        let close = match (sa.summary.date, sb.summary.date) {
                            (Some(x), Some(y)) => (x.0 - y.0).abs() <= SAME_STORY,
                            _ => false,
                        };
                        if close && sa.feed != sb.feed {
                            join(&mut first, a, b);
                        }
                    }
                }
            }
            let mut groups: HashMap<u32, Vec<u32>> = HashMap::new();
            for n in 0..first.len() as u32 {
                let r = root(&mut first, n);
                if r != n {
                    groups.entry(r).or_insert_with(|| vec![r]).push(n);
                }
            }
            Copies { first, groups }
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
