//! Documents the reader pastes, opens or drops: a feed (subscribed, or merged into the
//! subscription it already is), an OPML list (subscriptions that wait for their first
//! fetch), or a backup of this reader (merged in: nothing on either side is lost). Each gets
//! a message that says what was added, or what is wrong with it and where.

use std::rc::Rc;

use crate::core::fetching::DocumentKind;
use crate::core::library::Library;
use crate::protocol::{plural, Event, Status};

use super::ports::{Document, Parser};
use super::{sentence, Engine, NamedFile, Parsed, Ports};

impl<P: Ports> Engine<P> {
    /// Reads every file the reader opened or dropped, one after the other, and says how each
    /// went in one message.
    pub(super) async fn add_files(self: Rc<Self>, files: Vec<NamedFile>) {
        let mut texts = Vec::new();
        let mut error = false;
        for file in files {
            let status = self.add_document(Some(&file.name), file.bytes).await;
            error |= status.error;
            texts.push(status.text);
        }
        if !texts.is_empty() {
            self.emit(Event::Status(Status { text: texts.join(" "), error, undo: None }));
        }
    }

    /// Reads one document and adds what it holds.
    pub(super) async fn add_document(self: &Rc<Self>, name: Option<&str>, bytes: Vec<u8>) -> Status {
        let prefix = name.map(|n| format!("{n}: ")).unwrap_or_default();
        match DocumentKind::of(&bytes) {
            DocumentKind::Empty => Status::error(sentence(&prefix, "the document is empty.")),
            DocumentKind::Opml => self.add_opml(&prefix, bytes).await,
            DocumentKind::Backup => self.import_backup(&prefix, bytes).await,
            DocumentKind::Feed => match self.ports.parser().feed(Document { bytes, url: None, charset: None }).await {
                Ok(parsed) => {
                    let title = parsed.feed.title.clone().unwrap_or_else(|| "the feed".into());
                    let (count, warnings) = (parsed.arrivals.len(), parsed.feed.diagnostics.len());
                    if !self.add_feed(parsed, None).await {
                        return Status::error(sentence(&prefix, &format!("{title} could not be saved.")));
                    }
                    let mut text = sentence(&prefix, &format!("added {title}: {}.", plural(count, "entry", "entries")));
                    if warnings > 0 {
                        text.push_str(&format!(" {} in the document worked around.", plural(warnings, "problem", "problems")));
                    }
                    Status::ok(text)
                }
                Err(error) => Status::error(sentence(&prefix, &format!("this is not a feed the reader can use: {error}"))),
            },
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

    async fn add_opml(self: &Rc<Self>, prefix: &str, bytes: Vec<u8>) -> Status {
        let feeds = match self.ports.parser().opml(bytes).await {
            Ok(feeds) => feeds,
            Err(error) => return Status::error(sentence(prefix, &format!("this subscription list could not be read: {error}"))),
        };
        let listed = feeds.len();
        let added = self.state.borrow_mut().library.import_opml(feeds);
        if !self.commit().await {
            return Status::error(sentence(prefix, "the subscriptions could not be saved."));
        }
        Status::ok(sentence(
            prefix,
            &format!(
                "imported {} of {} listed (the others were already here). They wait for their first fetch.",
                plural(added, "subscription", "subscriptions"),
                listed
            ),
        ))
    }

    /// Merges a backup into what is here: subscriptions by id (ours win where both have
    /// something), entries only it has, read and starred state as unions. Its settings
    /// replace the current ones.
    async fn import_backup(self: &Rc<Self>, prefix: &str, bytes: Vec<u8>) -> Status {
        let imported = match self.ports.parser().backup(bytes).await {
            Ok(imported) => imported,
            Err(error) => return Status::error(sentence(prefix, &format!("this backup could not be restored: {error}"))),
        };
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
            return Status::error(sentence(prefix, "the backup could not be saved."));
        }
        // A backup brought other filters, say.
        self.refilter_if_due();
        Status::ok(sentence(
            prefix,
            &format!("restored the backup: added {}; read and starred state merged.", plural(added, "feed", "feeds")),
        ))
    }
}
