//! Taking in another copy of a feed without losing anything (a backup, an undone removal):
//! entries it lacks are added, a pending placeholder gives way to content, and our own name,
//! folder and source win over the other's.

use crate::core::model::Arrival;

use super::{summarize, Intake, Library, Subscription};

impl Subscription {
    /// Takes in another copy of the same subscription's record. The more recent fetch record
    /// wins, so two copies do not both fetch a feed that one of them just fetched.
    pub(super) fn absorb(&mut self, other: Subscription) {
        if other.fetch.tried > self.fetch.tried {
            self.fetch = other.fetch.clone();
        }
        self.proxy = self.proxy.take().or(other.proxy.clone());
        if self.pending && !other.pending {
            self.feed = other.feed;
            self.pending = false;
        }
        self.name = self.name.take().or(other.name);
        self.folder = self.folder.take().or(other.folder);
        self.source = self.source.take().or(other.source);
    }
}

impl Library {
    /// Merges a feed from elsewhere (a backup): a feed we lack is added whole at the end; a
    /// feed we have keeps its entries and gains the ones only theirs has (after ours), and its
    /// record absorbs theirs. Read and starred state are the caller's to unite.
    pub fn absorb(&mut self, theirs: Subscription, arrivals: &[Arrival]) -> Intake {
        let id = theirs.id.clone();
        let Some(i) = self.position(&id) else {
            let (pending, feed) = (theirs.pending, theirs.feed.clone());
            self.follow(theirs);
            if pending {
                return Intake { id: Some(id), ..Intake::default() };
            }
            return self.take_in(&id, feed, arrivals);
        };
        self.followed[i].subscription.absorb(theirs);
        // The record keeps no entries; theirs arrive as `arrivals`.
        self.followed[i].subscription.feed.entries.clear();
        let number = self.followed[i].number;
        let space = self.followed[i].subscription.key_space().clone();
        let mut intake = Intake { id: Some(id.clone()), ..Intake::default() };
        for (index, arrival) in arrivals.iter().enumerate() {
            let summary = summarize(&space, &arrival.entry, &arrival.excerpt);
            if self.by_key.contains_key(&summary.key) {
                continue;
            }
            let n = self.new_slot(number, summary, Some(&arrival.words));
            self.followed[i].entries.push(n);
            intake.new += 1;
            intake.written.push(index);
            self.touched.articles.push((id.clone(), arrival.clone()));
        }
        self.touched.records.insert(id.clone());
        self.touched.entries.insert(id.clone());
        self.entries_changed();
        intake
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{arrivals, entry, feed, subscribe, titles};
    use super::super::{EntryKey, FeedId, View};
    use super::*;

    /// Their feed as a backup hands it over: the record and its arrivals.
    fn theirs(library: &Library, id: &FeedId, entries: Vec<crate::core::Entry>) -> (Subscription, Vec<Arrival>) {
        let record = library.subscription(id).unwrap().clone();
        let (_, incoming) = arrivals(feed("x", entries));
        (record, incoming)
    }

    #[test]
    fn absorbing_loses_nothing_from_either_side() {
        let mut ours = Library::default();
        let a = subscribe(&mut ours, feed("a", vec![entry("1", "ours", Some(1))]));
        ours.rename(&a, Some("Our name".into()));

        let mut other = Library::default();
        subscribe(&mut other, feed("a", vec![]));
        other.rename(&a, Some("Their name".into()));
        other.set_folder(&a, Some("Their folder".into()));
        let (record, incoming) = theirs(&other, &a, vec![entry("1", "theirs", Some(1)), entry("2", "a2", Some(2))]);
        let b = subscribe(&mut other, feed("b", vec![]));

        let intake = ours.absorb(record, &incoming);
        assert_eq!((intake.new, intake.written), (1, vec![1]), "only the entry we lacked is written");
        let (b_record, b_entries) = theirs(&other, &b, vec![entry("1", "b1", Some(3))]);
        ours.absorb(b_record, &b_entries);
        assert_eq!(titles(&ours, &View::default()), ["b1", "a2", "ours"]);
        let merged = ours.subscription(&a).unwrap();
        assert_eq!(merged.title(), "Our name", "ours wins when both are set");
        assert_eq!(merged.folder.as_deref(), Some("Their folder"), "theirs fills what we lack");
        assert_eq!(ours.subscriptions().map(|s| s.id.clone()).collect::<Vec<FeedId>>(), [a.clone(), b]);
        assert!(!ours.is_read(EntryKey::new(&a, "2")));
    }

    #[test]
    fn absorbing_our_own_copy_changes_nothing() {
        let mut library = Library::default();
        let a = subscribe(&mut library, feed("a", vec![entry("1", "a1", Some(1)), entry("2", "a2", Some(2))]));
        let before = library.clone();
        let (record, incoming) = theirs(&library, &a, vec![entry("1", "a1", Some(1)), entry("2", "a2", Some(2))]);
        assert_eq!(library.absorb(record, &incoming).new, 0);
        assert_eq!(library, before);
    }

    #[test]
    fn absorbing_fills_a_pending_subscription_with_content() {
        let url = "https://a.example/feed".to_string();
        let mut ours = Library::default();
        let id = ours.add_pending(url.clone(), Some("A".into()), Some("Tech".into()));
        let mut other = Library::default();
        let (meta, incoming) = arrivals(feed("a", vec![entry("1", "a1", Some(1))]));
        other.subscribe(meta, Some(url), &incoming);
        let record = other.subscription(&id).unwrap().clone();
        ours.absorb(record, &incoming);
        let merged = ours.subscription(&id).unwrap();
        assert!(!merged.is_pending());
        assert_eq!(merged.folder.as_deref(), Some("Tech"));
        assert_eq!(merged.feed.title.as_deref(), Some("a"));
        assert_eq!(titles(&ours, &View::default()), ["a1"]);
    }
}
