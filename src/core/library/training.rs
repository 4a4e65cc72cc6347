//! The trainer: the reader likes or dislikes an entry's author, one of its categories, its
//! feed, or a phrase of its title, and every entry gets a [`Score`] from those rules (the
//! model is NewsBlur's intelligence trainer). Liked beats disliked: an entry matching both is
//! liked. Scores are worked out for every entry at once after a change (a pass over the
//! summaries, no storage), and kept until the next change.

use serde::{Deserialize, Serialize};

use super::{EntryKey, FeedId, Library, Slot};

/// What a rule looks at.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Facet {
    /// An author's name, any case.
    Author(String),
    /// A category (tag), any case.
    Category(String),
    /// Every entry of one feed.
    Feed(FeedId),
    /// A word or phrase that is part of the title, any case.
    Title(String),
}

/// Like or dislike.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Opinion {
    Like,
    Dislike,
}

/// One thing the reader taught the reader.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Trained {
    pub facet: Facet,
    pub opinion: Opinion,
    /// Only entries of this feed; `None` everywhere.
    pub feed: Option<FeedId>,
}

impl Trained {
    /// Whether two rules are about the same thing in the same place (one replaces the other).
    pub fn same_place(&self, other: &Trained) -> bool {
        self.facet == other.facet && self.feed == other.feed
    }

    /// The rule in a few words, for the label beside an entry: "author: Jo", "“rust”".
    pub fn label(&self, feed_title: impl Fn(&FeedId) -> String) -> String {
        match &self.facet {
            Facet::Author(name) => format!("author: {name}"),
            Facet::Category(name) => format!("category: {name}"),
            Facet::Feed(id) => format!("feed: {}", feed_title(id)),
            Facet::Title(phrase) => format!("title: “{phrase}”"),
        }
    }
}

/// What the rules make of an entry.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Score {
    #[default]
    Neutral,
    /// Something liked matches.
    Liked,
    /// Something disliked matches and nothing liked does.
    Hidden,
}

/// A rule made ready for matching: its text in lower case, its feed as a number.
struct Ready<'a> {
    rule: &'a Trained,
    /// The text to compare, lower case (`None` for a feed rule).
    text: Option<String>,
    /// The feed number the facet names (feed rules), and the one the rule is limited to.
    facet_feed: Option<u32>,
    only_in: Option<u32>,
}

impl Library {
    /// The rules every score follows, in the order the reader made them.
    pub fn training(&self) -> &[Trained] {
        &self.settings.training
    }

    /// Replaces the rules (an undo puts them back as they were).
    pub fn set_training(&mut self, training: Vec<Trained>) {
        if self.settings.training != training {
            self.settings.training = training;
            self.touched.settings = true;
            self.scores_changed();
        }
    }

    /// Adds a rule, replacing one about the same thing in the same place; returns the rule
    /// it replaced.
    pub fn train(&mut self, rule: Trained) -> Option<Trained> {
        let mut training = self.settings.training.clone();
        let replaced = training.iter().position(|r| r.same_place(&rule)).map(|i| training.remove(i));
        training.push(rule);
        self.set_training(training);
        replaced
    }

    /// Removes a rule; says whether it was there.
    pub fn untrain(&mut self, rule: &Trained) -> bool {
        let mut training = self.settings.training.clone();
        let before = training.len();
        training.retain(|r| r != rule);
        let removed = training.len() != before;
        self.set_training(training);
        removed
    }

    /// An entry's score.
    pub fn score(&self, key: EntryKey) -> Score {
        self.by_key.get(&key).map_or(Score::Neutral, |&n| self.scores()[n as usize])
    }

    /// Every slot's score, worked out after each change.
    pub(super) fn scores(&self) -> &[Score] {
        self.scores.get_or_init(|| {
            let ready = self.ready_rules();
            // A filter hides whatever the trainer says.
            let filtered = self.filter_hidden();
            if ready.is_empty() && filtered.is_empty() {
                return vec![Score::Neutral; self.slots.len()];
            }
            let titled = ready.iter().any(|r| matches!(r.rule.facet, Facet::Title(_)));
            let mut lowered = String::new();
            self.slots
                .iter()
                .map(|slot| {
                    if filtered.contains(&slot.summary.key) {
                        return Score::Hidden;
                    }
                    if titled {
                        lowered.clear();
                        lowered.extend(slot.summary.title.chars().flat_map(char::to_lowercase));
                    }
                    let (liked, disliked) = ready
                        .iter()
                        .filter(|r| matches(r, slot, &lowered))
                        .fold((false, false), |(l, d), r| (l || r.rule.opinion == Opinion::Like, d || r.rule.opinion == Opinion::Dislike));
                    match (liked, disliked) {
                        (true, _) => Score::Liked,
                        (false, true) => Score::Hidden,
                        _ => Score::Neutral,
                    }
                })
                .collect()
        })
    }

    /// The rules that match an entry (for the labels beside it), liked ones first.
    pub fn reasons(&self, key: EntryKey) -> Vec<Trained> {
        let Some(&n) = self.by_key.get(&key) else { return Vec::new() };
        let slot = &self.slots[n as usize];
        let lowered: String = slot.summary.title.chars().flat_map(char::to_lowercase).collect();
        let mut reasons: Vec<Trained> = self.ready_rules().iter().filter(|r| matches(r, slot, &lowered)).map(|r| r.rule.clone()).collect();
        reasons.sort_by_key(|r| r.opinion);
        reasons
    }

    /// Puts the authors and categories of a feed's stored articles into its summaries (a
    /// version before the trainer stored summaries without them); says whether any changed.
    pub fn add_facets(&mut self, id: &FeedId, articles: &[crate::core::Entry]) -> bool {
        let mut changed = false;
        let Some(space) = self.subscription(id).map(|s| s.key_space().clone()) else { return false };
        for article in articles {
            let fresh = super::summarize(&space, article, "");
            let Some(&n) = self.by_key.get(&fresh.key) else { continue };
            let summary = &mut self.slots[n as usize].summary;
            if summary.author != fresh.author || summary.categories != fresh.categories || summary.image != fresh.image {
                summary.author = fresh.author;
                summary.categories = fresh.categories;
                summary.image = fresh.image;
                changed = true;
            }
        }
        if changed {
            self.scores_changed();
        }
        // Written back in today's form even when nothing was missing, so it is read once.
        self.touched.entries.insert(id.clone());
        changed
    }

    fn ready_rules(&self) -> Vec<Ready<'_>> {
        let number = |id: &FeedId| self.followed.iter().find(|f| &f.subscription.id == id).map(|f| f.number);
        self.settings
            .training
            .iter()
            .filter_map(|rule| {
                let only_in = match &rule.feed {
                    Some(id) => Some(number(id)?),
                    None => None,
                };
                let (text, facet_feed) = match &rule.facet {
                    Facet::Feed(id) => (None, Some(number(id)?)),
                    Facet::Author(text) | Facet::Category(text) | Facet::Title(text) => {
                        let text = text.trim().to_lowercase();
                        if text.is_empty() {
                            return None;
                        }
                        (Some(text), None)
                    }
                };
                Some(Ready { rule, text, facet_feed, only_in })
            })
            .collect()
    }
}

/// Whether a ready rule matches a slot whose title, in lower case, is `title`.
fn matches(ready: &Ready<'_>, slot: &Slot, title: &str) -> bool {
    if ready.only_in.is_some_and(|n| n != slot.feed) {
        return false;
    }
    // Compared a character at a time: no lower-case copy of every author for every rule.
    let same = |value: &str, text: &str| value.trim().chars().flat_map(char::to_lowercase).eq(text.chars());
    match (&ready.rule.facet, ready.text.as_deref()) {
        (Facet::Feed(_), _) => ready.facet_feed == Some(slot.feed),
        (Facet::Author(_), Some(text)) => slot.summary.author.as_deref().is_some_and(|a| same(a, text)),
        (Facet::Category(_), Some(text)) => slot.summary.categories.iter().any(|c| same(c, text)),
        (Facet::Title(_), Some(text)) => title.contains(text),
        _ => false,
    }
}

#[cfg(test)]
mod tests;
