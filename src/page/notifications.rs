//! System notifications for feeds the reader asked to hear from: the browser's permission is
//! asked only when the reader turns one on; a click on a notification opens its entry.

use leptos::prelude::*;
use wasm_bindgen::{closure::Closure, JsCast};
use web_sys::{Notification, NotificationOptions, NotificationPermission};

use crate::protocol::{Failure, Status};

use super::Shown;
use crate::core::keys::FeedId;
use crate::core::library::Scope;
use crate::protocol::{Arrived, Command};

/// Whether this browser lets the page notify.
fn granted() -> bool {
    Notification::permission() == NotificationPermission::Granted
}

impl Shown {
    /// Turns a feed's notifications on (asking the browser first, when it has not been asked)
    /// or off.
    pub fn set_notify(&self, id: FeedId, on: bool) {
        if !on {
            self.send(Command::Notify { id, on });
            return;
        }
        if js_sys::Reflect::get(&js_sys::global(), &"Notification".into()).map_or(true, |n| n.is_undefined()) {
            self.status.set(Some(Status::failed(Failure::NoNotifications)));
            return;
        }
        if granted() {
            self.send(Command::Notify { id, on });
            return;
        }
        let shown = *self;
        let Ok(asked) = Notification::request_permission() else { return };
        leptos::task::spawn_local(async move {
            let _ = wasm_bindgen_futures::JsFuture::from(asked).await;
            if granted() {
                shown.send(Command::Notify { id, on: true });
            } else {
                // The checkbox goes back to off: the feed's item did not change.
                shown.feeds.update(|_| {});
                shown.status.set(Some(Status::failed(Failure::NotificationsRefused)));
            }
        });
    }

    /// Tells the system about new entries; a click opens the entry (or the feed, for many).
    pub fn notify(&self, arrived: Arrived) {
        if !granted() {
            return;
        }
        let named = arrived.entries.len();
        let mut notes: Vec<(String, String, Option<crate::core::keys::EntryKey>)> =
            arrived.entries.iter().map(|(key, title)| (arrived.feed_title.clone(), title.clone(), Some(*key))).collect();
        if arrived.count > named {
            let more = arrived.count - named;
            notes.push((
                arrived.feed_title.clone(),
                format!("and {} more", crate::protocol::plural(more, "new entry", "new entries")),
                None,
            ));
        }
        for (title, body, key) in notes {
            let options = NotificationOptions::new();
            options.set_body(&body);
            options.set_tag(&format!("feed-{}-{}", arrived.feed, key.map(|k| k.to_string()).unwrap_or_default()));
            let Ok(note) = Notification::new_with_options(&title, &options) else { continue };
            let (shown, feed, target) = (*self, arrived.feed.clone(), note.clone());
            let on_click = Closure::<dyn FnMut()>::new(move || {
                if let Some(window) = web_sys::window() {
                    let _ = window.focus();
                }
                if shown.alive() {
                    shown.show(Scope::Feed(feed.clone()));
                    if let Some(key) = key {
                        shown.open(key);
                    }
                }
                target.close();
            });
            note.set_onclick(Some(on_click.as_ref().unchecked_ref()));
            // It lives as long as the notification can be clicked.
            on_click.forget();
        }
    }
}
