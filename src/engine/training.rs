//! The trainer's rules: taught from an open entry, forgotten from a label beside one. They
//! live in the settings (so they travel in backups and to other tabs); every change shows the
//! list and counts again and can be undone.

use std::rc::Rc;

use crate::core::library::{Facet, Opinion, Trained};
use crate::protocol::Event;

use super::{Engine, Ports, Undo};

impl<P: Ports> Engine<P> {
    pub(super) async fn train(self: Rc<Self>, rule: Trained) {
        let text = {
            let state = self.state.borrow();
            let feed_title = |id: &_| state.library.subscription(id).map(|s| s.title().to_string()).unwrap_or_default();
            let what = rule.label(feed_title);
            let place = match (&rule.facet, &rule.feed) {
                (Facet::Feed(_), _) | (_, None) => String::new(),
                (_, Some(id)) => format!(" in {}", feed_title(id)),
            };
            match rule.opinion {
                Opinion::Like => format!("Liked {what}{place}: its entries show in Focus."),
                Opinion::Dislike => format!("Hiding entries with {what}{place}."),
            }
        };
        self.change_training(text, |library| {
            library.train(rule);
        })
        .await;
    }

    pub(super) async fn untrain(self: Rc<Self>, rule: Trained) {
        let text = {
            let state = self.state.borrow();
            let what = rule.label(|id| state.library.subscription(id).map(|s| s.title().to_string()).unwrap_or_default());
            format!("Forgot {what}.")
        };
        self.change_training(text, |library| {
            library.untrain(&rule);
        })
        .await;
    }

    /// Changes the rules, then shows, counts and saves what follows, offering undo.
    async fn change_training(self: &Rc<Self>, text: String, change: impl FnOnce(&mut crate::core::library::Library)) {
        let before = {
            let mut state = self.state.borrow_mut();
            let before = state.library.training().to_vec();
            change(&mut state.library);
            before
        };
        if before == self.state.borrow().library.training() {
            return;
        }
        let status = self.with_undo(text, Undo::Training(before));
        if self.commit().await {
            self.emit(Event::Status(status));
        }
    }
}
