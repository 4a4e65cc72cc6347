//! Documents the reader pastes, opens or drops: a feed (subscribed, or merged into the
//! subscription it already is), an OPML list (subscriptions that wait for their first
//! fetch), or a backup of this reader (merged in: nothing on either side is lost). Each gets
//! a message that says what was added, or what is wrong with it and where.

use std::rc::Rc;

use crate::core::fetching::DocumentKind;
use crate::core::library::Library;
use crate::protocol::{plural, sentence, Added, DocumentProblem, Event, Failure, Status};

use super::ports::{Document, Parser};
use super::{Engine, Parsed, Ports};

impl<P: Ports> Engine<P> {
    /// Reads every document the reader pasted, opened or dropped, one after the other, and
    /// says how each went in one message.
    pub(super) async fn add_documents(self: Rc<Self>, documents: Vec<(Option<String>, Vec<u8>)>) {
        let mut added = Vec::new();
        for (name, bytes) in documents {
            let outcome = self.add_document(bytes).await;
            added.push(Added { name, outcome });
        }
        if added.is_empty() {
            return;
        }
        let status = if added.iter().all(|a| a.outcome.is_ok()) {
            let text: Vec<String> = added
                .iter()
                .map(|a| {
                    sentence(&a.name.as_ref().map(|n| format!("{n}: ")).unwrap_or_default(), a.outcome.as_ref().map_or("", String::as_str))
                })
                .collect();
            Status::ok(text.join(" "))
        } else {
            Status::failed(Failure::Documents(added))
        };
        self.emit(Event::Status(status));
    }

    /// Reads one document and adds what it holds: the words of what was added, or why
    /// nothing was.
    async fn add_document(self: &Rc<Self>, bytes: Vec<u8>) -> Result<String, DocumentProblem> {
        match DocumentKind::of(&bytes) {
            DocumentKind::Empty => Err(DocumentProblem::Empty),
            DocumentKind::Opml => self.add_opml(bytes).await,
            DocumentKind::Backup => self.import_backup(bytes).await,
            DocumentKind::Feed => {
                let parsed =
                    self.ports.parser().feed(Document { bytes, url: None, charset: None }).await.map_err(DocumentProblem::NotAFeed)?;
                let title = parsed.feed.title.clone().unwrap_or_else(|| "the feed".into());
                let (count, warnings) = (parsed.arrivals.len(), parsed.feed.diagnostics.len());
                if !self.add_feed(parsed, None).await {
                    return Err(DocumentProblem::FeedNotSaved(title));
                }
                let mut text = format!("added {title}: {}.", plural(count, "entry", "entries"));
                if warnings > 0 {
                    text.push_str(&format!(" {} in the document worked around.", plural(warnings, "problem", "problems")));
                }
                Ok(text)
            }
        }
    }

    /// Subscribes to a parsed feed (or merges it into the subscription it already is), saves
    /// it and shows it.
    pub(super) async fn add_feed(self: &Rc<Self>, parsed: Parsed, source: Option<String>) -> bool {
        let Parsed { feed, arrivals } = parsed;
        let judged = self.judge_arrivals(&Library::feed_id(&feed, source.as_deref()), &arrivals).await;
        let id = {
            let mut state = self.state.borrow_mut();
            let intake = state.library.subscribe(feed, source, &arrivals);
            let Some(id) = intake.id else { return false };
            super::filtering::take_judged(&mut state.library, &id, judged, &intake.fresh);
            id
        };
        self.emit(Event::ShowFeed(id));
        self.commit().await
    }

    async fn add_opml(self: &Rc<Self>, bytes: Vec<u8>) -> Result<String, DocumentProblem> {
        let feeds = self.ports.parser().opml(bytes).await.map_err(DocumentProblem::Opml)?;
        let listed = feeds.len();
        let added = self.state.borrow_mut().library.import_opml(feeds);
        if !self.commit().await {
            return Err(DocumentProblem::SubscriptionsNotSaved);
        }
        Ok(format!(
            "imported {} of {} listed (the others were already here). They wait for their first fetch.",
            plural(added, "subscription", "subscriptions"),
            listed
        ))
    }

    /// Merges a backup into what is here: subscriptions by id (ours win where both have
    /// something), entries only it has, read and starred state as unions. Its settings
    /// replace the current ones.
    async fn import_backup(self: &Rc<Self>, bytes: Vec<u8>) -> Result<String, DocumentProblem> {
        let imported = self.ports.parser().backup(bytes).await.map_err(DocumentProblem::Backup)?;
        let added = {
            let mut state = self.state.borrow_mut();
            let library = &mut state.library;
            let before = library.subscriptions().len();
            for (record, arrivals) in &imported.subscriptions {
                library.absorb(record.clone(), arrivals);
            }
            for &key in &imported.read {
                library.set_read(key, true);
            }
            for &key in &imported.starred {
                library.set_starred(key, true);
            }
            library.adopt_settings(imported.settings);
            let added = library.subscriptions().len() - before;
            added
        };
        if !self.commit().await {
            return Err(DocumentProblem::BackupNotSaved);
        }
        // A backup brought other filters, say.
        self.refilter_if_due();
        Ok(format!("restored the backup: added {}; read and starred state merged.", plural(added, "feed", "feeds")))
    }
}
