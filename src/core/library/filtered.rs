//! What the filters hide, as the library keeps it. Matching a regular expression is the
//! parser's work (see [`crate::core::filters`]); the library keeps each feed's verdicts in its
//! record ([`Filtered`]), together with the hash of the rules they were made under, so they
//! last across starts and a changed rule is seen to need them made again.

use serde::{Deserialize, Serialize};

use crate::core::filters::{applicable, applies, hiding_hash_in, FilterRule, Verdict};

use super::{EntryKey, FeedId, Library};

/// The entries of one feed that a filter hides, each with its rule's place among the rules
/// that apply there; made under the rules whose [`crate::core::filters::hiding_hash`] is `by`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Filtered {
    pub by: u64,
    pub hidden: Vec<(EntryKey, u16)>,
}

impl Library {
    /// The reader's filters.
    pub fn filters(&self) -> &[FilterRule] {
        &self.settings.filters
    }

    /// Takes the reader's filters: verdicts made under other rules stop counting (until
    /// [`Library::set_filtered`] brings new ones). Says whether they changed.
    pub fn set_filters(&mut self, filters: Vec<FilterRule>) -> bool {
        if self.settings.filters == filters {
            return false;
        }
        self.settings.filters = filters;
        self.touched.settings = true;
        self.scores_changed();
        true
    }

    /// The feeds whose verdicts were made under other hiding rules than today's: each with
    /// the rules that apply there and their hash.
    pub fn filtering_due(&self) -> Vec<(FeedId, Vec<FilterRule>, u64)> {
        self.followed
            .iter()
            .filter_map(|f| {
                let id = &f.subscription.id;
                let hash = hiding_hash_in(&self.settings.filters, id);
                (f.subscription.filtered.by != hash || (hash == 0 && !f.subscription.filtered.hidden.is_empty()))
                    .then(|| (id.clone(), applicable(&self.settings.filters, id), hash))
            })
            .collect()
    }

    /// A feed's verdicts, all of them, made under rules whose hash is `by`; says whether
    /// anything the lists show changed.
    pub fn set_filtered(&mut self, id: &FeedId, by: u64, verdicts: &[(EntryKey, Verdict)]) -> bool {
        let Some(subscription) = self.subscription_mut(id) else { return false };
        let hidden: Vec<(EntryKey, u16)> = verdicts.iter().filter_map(|(k, v)| Some((*k, v.hide?))).collect();
        let fresh = Filtered { by, hidden };
        if subscription.filtered == fresh {
            return false;
        }
        subscription.filtered = fresh;
        self.touched.records.insert(id.clone());
        self.scores_changed();
        true
    }

    /// The verdicts on entries just arrived in a feed, judged under its current rules (whose
    /// hash is `by`): those on the feed's other entries stay, and when every entry it has was
    /// judged, its verdicts are up to date. Returns the new entries (of `fresh`) that arrive
    /// read.
    pub fn take_verdicts(&mut self, id: &FeedId, by: u64, verdicts: &[(EntryKey, Verdict)], fresh: &[EntryKey]) -> Vec<EntryKey> {
        let keys: std::collections::HashSet<EntryKey> = self
            .followed
            .iter()
            .find(|f| &f.subscription.id == id)
            .map_or_else(Default::default, |f| f.entries.iter().map(|&n| self.slots[n as usize].summary.key).collect());
        let Some(subscription) = self.subscription_mut(id) else { return Vec::new() };
        let judged: std::collections::HashSet<EntryKey> = verdicts.iter().map(|(k, _)| *k).collect();
        let filtered = &mut subscription.filtered;
        filtered.hidden.retain(|(k, _)| keys.contains(k) && !judged.contains(k));
        filtered.hidden.extend(verdicts.iter().filter_map(|(k, v)| Some((*k, v.hide?))));
        if keys.iter().all(|k| judged.contains(k)) {
            filtered.by = by;
        }
        self.touched.records.insert(id.clone());
        self.scores_changed();
        let fresh: std::collections::HashSet<&EntryKey> = fresh.iter().collect();
        verdicts.iter().filter(|(k, v)| v.read && fresh.contains(k)).map(|(k, _)| *k).collect()
    }

    /// The filter that hides an entry, if one does (under today's rules). Asked for every row
    /// sent to the page, so the common answer (not hidden) comes first and nothing is copied.
    pub fn filtered_by(&self, key: EntryKey) -> Option<&FilterRule> {
        let &n = self.by_key.get(&key)?;
        let feed = &self.followed.iter().find(|f| f.number == self.places[n as usize].feed)?.subscription;
        let &(_, place) = feed.filtered.hidden.iter().find(|(k, _)| *k == key)?;
        if feed.filtered.by != hiding_hash_in(&self.settings.filters, &feed.id) {
            return None;
        }
        self.settings.filters.iter().filter(|r| applies(r, &feed.id)).nth(place as usize)
    }

    /// Every entry a filter hides under today's rules (for the scores).
    pub(super) fn filter_hidden(&self) -> super::KeySet {
        let mut hidden = super::KeySet::default();
        for followed in &self.followed {
            let filtered = &followed.subscription.filtered;
            if !filtered.hidden.is_empty() && filtered.by == hiding_hash_in(&self.settings.filters, &followed.subscription.id) {
                hidden.extend(filtered.hidden.iter().map(|(k, _)| *k));
            }
        }
        hidden
    }
}

#[cfg(test)]
mod tests;
