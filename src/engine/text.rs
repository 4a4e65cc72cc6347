//! Text view: an entry's whole article, read from its web page. The page is fetched as feeds
//! are (directly, else through the feed's or the settings' CORS proxy), read as an article by
//! the parser's extraction (a worker of its own in the browser), and kept with the entry, so
//! it reads offline afterwards and search finds its words. And story changes: what a new
//! version of an entry changed.

use std::rc::Rc;

use crate::core::extract::FullText;
use crate::core::keys::EntryKey;
use crate::protocol::{Event, TextProblem};

use super::ports::{Document, Fetch, Parser, Store};
use super::{Engine, Ports};

impl<P: Ports> Engine<P> {
    /// Reads an entry's whole article (kept, or from its page) and tells the page.
    pub(super) async fn read_text(self: Rc<Self>, key: EntryKey) {
        let outcome = self.text_of(key).await;
        self.emit(Event::Text { key, outcome });
    }

    async fn text_of(self: &Rc<Self>, key: EntryKey) -> Result<FullText, TextProblem> {
        if let Ok(Some(text)) = self.ports.store().text(key).await {
            return Ok(text);
        }
        let (link, proxy) = {
            let state = self.state.borrow();
            let library = &state.library;
            let (summary, subscription) = library.summary(key).ok_or(TextProblem::NoLink)?;
            let proxy = subscription.proxy.clone().or_else(|| library.settings().cors_proxy.clone());
            (summary.link.as_deref().map(str::to_string), proxy)
        };
        let link = link.ok_or(TextProblem::NoLink)?;
        let answer = self.ports.fetch().get(&link, proxy.as_deref()).await.map_err(TextProblem::Fetch)?;
        let text = self.ports.parser().article(Document::from(&answer)).await.map_err(TextProblem::Extract)?;
        // Kept when the entry is still here; shown either way.
        if self.state.borrow_mut().library.keep_text(key, text.clone()) {
            self.commit().await;
        }
        Ok(text)
    }
}

impl<P: Ports> Engine<P> {
    /// What the last update of an entry changed: its earlier version against the current one,
    /// word by word (in the parser's worker).
    pub(super) async fn show_changes(self: Rc<Self>, key: EntryKey) {
        let store = self.ports.store();
        let (Ok(Some(before)), Ok(Some(now))) = (store.previous(key).await, store.article(key).await) else {
            self.emit(Event::Changes { key, changes: None });
            return;
        };
        let text = |entry: &crate::core::Entry| {
            let body = entry.content.as_ref().or(entry.summary.as_ref()).map(|b| b.as_str().to_string()).unwrap_or_default();
            (entry.title.clone().unwrap_or_default(), body)
        };
        let changes = self.ports.parser().changes(text(&before), text(&now)).await;
        self.emit(Event::Changes { key, changes });
    }
}
