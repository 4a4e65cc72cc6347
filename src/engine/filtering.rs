//! The reader's filters in the engine. They live in the settings (backups, other tabs); the
//! filters' port (a worker of its own) compiles and matches them (the engine carries no regex
//! engine). Arrivals
//! are judged as a refresh brings them; a new or changed hiding rule has every cached entry
//! of the feeds it applies to judged again, feed by feed, in the background, from their
//! stored articles; each feed's verdicts go into its record.

use std::rc::Rc;

use crate::core::filters::{applicable, hiding_hash, hiding_hash_in, Action, FilterRule, Verdict};
use crate::core::keys::{EntryKey, FeedId};
use crate::core::library::Library;
use crate::core::Arrival;
use crate::protocol::{Event, Notice};

use super::ports::{Filters, Platform, Store};
use super::{Engine, Ports, Undo};

/// Feeds judged again between one showing of the list and the next.
const FEEDS_AT_ONCE: usize = 8;

/// Verdicts on a refresh's arrivals, made under the rules whose hiding hash is the first.
pub(super) type Judged = (u64, Vec<(EntryKey, Verdict)>);

impl<P: Ports> Engine<P> {
    /// Adds a filter once the parser has compiled it; a bad expression is answered with
    /// [`Event::FilterRejected`] and changes nothing.
    pub(super) async fn add_filter(self: Rc<Self>, rule: FilterRule) {
        if let Err(error) = self.ports.filters().judge(vec![rule.clone()], Vec::new()).await {
            self.emit(Event::FilterRejected(error.to_string()));
            return;
        }
        let mut filters = self.state.borrow().library.filters().to_vec();
        if !filters.contains(&rule) {
            filters.push(rule.clone());
        }
        let place = self.place(&rule.feed);
        let text = match rule.action {
            Action::Hide => format!("Hiding entries whose {}{place}.", rule.label()),
            Action::MarkRead => format!("New entries whose {}{place} will arrive read.", rule.label()),
        };
        self.change_filters(filters, text).await;
    }

    pub(super) async fn remove_filter(self: Rc<Self>, rule: FilterRule) {
        let mut filters = self.state.borrow().library.filters().to_vec();
        filters.retain(|r| r != &rule);
        let text = format!("Removed the filter {}{}.", rule.label(), self.place(&rule.feed));
        self.change_filters(filters, text).await;
    }

    fn place(&self, feed: &Option<FeedId>) -> String {
        let state = self.state.borrow();
        feed.as_ref().and_then(|id| state.library.subscription(id)).map(|s| format!(" in {}", s.title())).unwrap_or_default()
    }

    async fn change_filters(self: Rc<Self>, filters: Vec<FilterRule>, text: String) {
        let before = self.state.borrow().library.filters().to_vec();
        if before == filters {
            return;
        }
        self.restore_filters(filters);
        let status = self.with_undo(text, Undo::Filters(before));
        if self.commit().await {
            self.emit(Event::Status(status));
        }
    }

    /// Takes these filters (a change, or its undo) and has the feeds they change judged again.
    pub(super) fn restore_filters(self: &Rc<Self>, filters: Vec<FilterRule>) {
        self.state.borrow_mut().library.set_filters(filters);
        self.spawn_refilter();
    }

    /// Has the feeds whose verdicts are out of date (a feed just added, rules changed in
    /// another tab) judged again, if there are any.
    pub(super) fn refilter_if_due(self: &Rc<Self>) {
        if !self.state.borrow().library.filtering_due().is_empty() {
            self.spawn_refilter();
        }
    }

    /// Has the feeds whose verdicts are out of date judged again, in the background.
    pub(super) fn spawn_refilter(self: &Rc<Self>) {
        let engine = self.clone();
        self.platform().spawn(Box::pin(async move { engine.refilter().await }));
    }

    /// Judges again every feed whose verdicts were made under other hiding rules, a few feeds
    /// at a time (one pass at once; a change meanwhile makes it go round again).
    async fn refilter(self: Rc<Self>) {
        {
            let mut state = self.state.borrow_mut();
            if state.refiltering {
                state.refilter_again = true;
                return;
            }
            state.refiltering = true;
        }
        loop {
            let due = self.state.borrow().library.filtering_due();
            for chunk in due.chunks(FEEDS_AT_ONCE) {
                let mut judged = Vec::new();
                for (id, rules, hash) in chunk {
                    if let Some(verdicts) = self.judge_stored(id, rules, *hash).await {
                        judged.push((id, *hash, verdicts));
                    }
                }
                {
                    let mut state = self.state.borrow_mut();
                    for (id, hash, verdicts) in judged {
                        // Rules changed while the filters judged: these verdicts are of no use.
                        if hiding_hash_in(state.library.filters(), id) == hash {
                            state.library.set_filtered(id, hash, &verdicts);
                        }
                    }
                }
                self.commit().await;
            }
            let mut state = self.state.borrow_mut();
            if !std::mem::take(&mut state.refilter_again) {
                state.refiltering = false;
                return;
            }
        }
    }

    /// Every stored entry of a feed judged under `rules` (none to judge when no rule hides).
    async fn judge_stored(&self, id: &FeedId, rules: &[FilterRule], hash: u64) -> Option<Vec<(EntryKey, Verdict)>> {
        if hash == 0 {
            return Some(Vec::new());
        }
        let entries = match self.ports.store().articles(id).await {
            Ok(entries) => entries,
            Err(error) => {
                self.emit(Event::Notice(Notice::FilterEntries(error)));
                return None;
            }
        };
        let space = self.key_space(id);
        let keys: Vec<EntryKey> = entries.iter().map(|e| EntryKey::new(&space, &e.id)).collect();
        let verdicts = self.ports.filters().judge(rules.to_vec(), entries).await.ok()?;
        Some(keys.into_iter().zip(verdicts).collect())
    }

    /// The space a feed's entries are keyed in (a feed not subscribed yet: its own).
    fn key_space(&self, id: &FeedId) -> FeedId {
        self.state.borrow().library.subscription(id).map_or_else(|| id.clone(), |s| s.key_space().clone())
    }

    /// What the filters say of a refresh's arrivals, when any apply to the feed.
    pub(super) async fn judge_arrivals(&self, id: &FeedId, arrivals: &[Arrival]) -> Option<Judged> {
        let rules = applicable(self.state.borrow().library.filters(), id);
        if rules.is_empty() {
            return None;
        }
        let hash = hiding_hash(&rules);
        let entries = arrivals.iter().map(|a| a.entry.clone()).collect();
        let verdicts = self.ports.filters().judge(rules, entries).await.ok()?;
        let space = self.key_space(id);
        Some((hash, arrivals.iter().map(|a| EntryKey::new(&space, &a.entry.id)).zip(verdicts).collect()))
    }
}

/// Takes the verdicts on arrivals into the library (unless the rules changed while they were
/// made: the pass that follows a change sees to those), and marks read the new entries a rule
/// says arrive read; returns those.
pub(super) fn take_judged(library: &mut Library, id: &FeedId, judged: Option<Judged>, fresh: &[EntryKey]) -> Vec<EntryKey> {
    let Some((hash, verdicts)) = judged else { return Vec::new() };
    if hash != hiding_hash_in(library.filters(), id) {
        return Vec::new();
    }
    let read = library.take_verdicts(id, hash, &verdicts, fresh);
    for &key in &read {
        library.set_read(key, true);
    }
    read
}
