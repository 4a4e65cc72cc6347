//! What the version before the engine left in localStorage (the engine cannot read
//! localStorage): the page hands it over in `Start`, and removes it only once the engine says
//! it is saved in its own storage. A value the engine could not read is kept under another
//! key, never deleted.

use leptos::prelude::*;

use super::Shown;
use crate::engine::upgrade::envelope::keys;
use crate::protocol::Legacy;

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The old values, if there are any.
pub fn read() -> Option<Legacy> {
    let storage = local_storage()?;
    let get = |key: &str| storage.get_item(key).ok().flatten();
    let legacy = Legacy { feeds: get(keys::FEEDS), read: get(keys::READ), starred: get(keys::STARRED), settings: get(keys::SETTINGS) };
    (legacy != Legacy::default()).then_some(legacy)
}

/// The engine saved what the page handed over: the old values go, except those it could not
/// read, which are set aside (`<key>.unreadable-<time>`).
pub fn migrated(shown: &Shown, unreadable: &[(String, String)]) {
    let Some(storage) = local_storage() else { return };
    for key in [keys::FEEDS, keys::READ, keys::STARRED, keys::SETTINGS] {
        if let Some((_, reason)) = unreadable.iter().find(|(k, _)| k == key) {
            let Ok(Some(value)) = storage.get_item(key) else { continue };
            let aside = format!("{key}.unreadable-{}", js_sys::Date::now() as u64);
            if storage.set_item(&aside, &value).is_ok() {
                let _ = storage.remove_item(key);
            }
            let notice = crate::protocol::Notice::SetAside { key: key.to_string(), reason: reason.clone(), aside };
            shown.notices.update(|n| n.push(notice.to_string()));
        } else {
            let _ = storage.remove_item(key);
        }
    }
}
