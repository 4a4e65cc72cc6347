//! Keyboard shortcuts, as the readers people know (Google Reader, NewsBlur, Feedly) have them.
//! Pure: which key means what, including the two-key "g then a" sequences; the app performs
//! the commands. Tested natively.

/// Something the reader asked for with a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// j: the next entry, opened.
    NextEntry,
    /// k: the previous entry, opened.
    PreviousEntry,
    /// n: move down the list without opening.
    CursorDown,
    /// p: move up the list without opening.
    CursorUp,
    /// o or Enter: open the entry under the cursor.
    Open,
    /// v: the original article in a new tab.
    OpenOriginal,
    /// x: Text view (the whole article from its page) ↔ the feed's text.
    ToggleText,
    /// m: read ↔ unread.
    ToggleRead,
    /// s: starred ↔ not.
    ToggleStar,
    /// Shift+A: mark everything in view read.
    MarkAllRead,
    /// Shift+K: mark everything the list shows above the entry read.
    MarkAbove,
    /// Shift+J: mark everything the list shows below the entry read.
    MarkBelow,
    /// /: the search box.
    FocusSearch,
    /// r: fetch the feeds again.
    Refresh,
    /// g a: the "All" river.
    GoAll,
    /// g s: starred entries.
    GoStarred,
    /// g f: the Focus list (entries the trainer likes).
    GoFocus,
    /// t: the trainer for the open entry.
    Train,
    /// Shift+H: show or leave out the entries the trainer hides.
    ToggleHidden,
    /// c: cards with pictures, or the plain list, for this list.
    ToggleCards,
    /// Shift+F: Settings, at the filters' expression field.
    Filters,
    /// ?: the list of shortcuts.
    ShowHelp,
    /// Escape: close what is open (help, the entry on a phone).
    Close,
}

/// Every shortcut, for the help dialog and README.
pub const SHORTCUTS: &[(&str, &str)] = &[
    ("j / k", "next / previous entry, opened"),
    ("n / p", "move down / up the list without opening"),
    ("o or Enter", "open the entry under the cursor"),
    ("v", "open the original article in a new tab"),
    ("x", "Text view: the whole article from its page / the feed's text"),
    ("m", "mark read / unread"),
    ("s", "star / unstar"),
    ("Shift+A", "mark all in view as read (with undo)"),
    ("Shift+K / Shift+J", "mark everything above / below the entry as read (with undo)"),
    ("/", "search"),
    ("r", "refresh feeds"),
    ("g then a", "go to All"),
    ("g then s", "go to Starred"),
    ("g then f", "go to Focus (entries you like)"),
    ("t", "train: like or dislike the entry's author, categories, feed or title words"),
    ("Shift+H", "show / leave out the entries you disliked or filtered out"),
    ("c", "cards with pictures / plain list, for this list (remembered)"),
    ("Shift+F", "filters: Settings, at a new filter's expression"),
    ("?", "show these shortcuts"),
    ("Esc", "close the shortcuts, or the entry on a phone"),
];

/// Turns key presses into commands; remembers a pending "g".
#[derive(Debug, Default)]
pub struct Keymap {
    pending_g: bool,
}

/// A key press as the browser reports it.
#[derive(Debug, Clone, Copy)]
pub struct Key<'a> {
    /// `KeyboardEvent.key`: "j", "A", "Enter", "/", "?".
    pub key: &'a str,
    pub ctrl: bool,
    pub meta: bool,
    pub alt: bool,
}

impl Keymap {
    /// The command a key press means, if any. Presses with Ctrl, Cmd or Alt belong to the
    /// browser and the system, never to us.
    pub fn press(&mut self, key: Key<'_>) -> Option<Action> {
        if key.ctrl || key.meta || key.alt {
            self.pending_g = false;
            return None;
        }
        if std::mem::take(&mut self.pending_g) {
            return match key.key {
                "a" => Some(Action::GoAll),
                "s" => Some(Action::GoStarred),
                "f" => Some(Action::GoFocus),
                _ => None,
            };
        }
        Some(match key.key {
            "j" => Action::NextEntry,
            "k" => Action::PreviousEntry,
            "n" => Action::CursorDown,
            "p" => Action::CursorUp,
            "o" | "Enter" => Action::Open,
            "v" => Action::OpenOriginal,
            "x" => Action::ToggleText,
            "m" => Action::ToggleRead,
            "s" => Action::ToggleStar,
            "A" => Action::MarkAllRead,
            "K" => Action::MarkAbove,
            "J" => Action::MarkBelow,
            "t" => Action::Train,
            "H" => Action::ToggleHidden,
            "c" => Action::ToggleCards,
            "F" => Action::Filters,
            "/" => Action::FocusSearch,
            "r" => Action::Refresh,
            "?" => Action::ShowHelp,
            "Escape" => Action::Close,
            "g" => {
                self.pending_g = true;
                return None;
            }
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(keymap: &mut Keymap, key: &str) -> Option<Action> {
        keymap.press(Key { key, ctrl: false, meta: false, alt: false })
    }

    #[test]
    fn single_keys() {
        let mut keymap = Keymap::default();
        assert_eq!(press(&mut keymap, "j"), Some(Action::NextEntry));
        assert_eq!(press(&mut keymap, "k"), Some(Action::PreviousEntry));
        assert_eq!(press(&mut keymap, "Enter"), Some(Action::Open));
        assert_eq!(press(&mut keymap, "A"), Some(Action::MarkAllRead));
        assert_eq!(press(&mut keymap, "K"), Some(Action::MarkAbove));
        assert_eq!(press(&mut keymap, "J"), Some(Action::MarkBelow));
        assert_eq!(press(&mut keymap, "a"), None, "lowercase a alone does nothing");
        assert_eq!(press(&mut keymap, "?"), Some(Action::ShowHelp));
    }

    #[test]
    fn g_sequences() {
        let mut keymap = Keymap::default();
        assert_eq!(press(&mut keymap, "g"), None);
        assert_eq!(press(&mut keymap, "s"), Some(Action::GoStarred), "g s is not a star toggle");
        assert_eq!(press(&mut keymap, "s"), Some(Action::ToggleStar), "the g was used up");
        assert_eq!(press(&mut keymap, "g"), None);
        assert_eq!(press(&mut keymap, "a"), Some(Action::GoAll));
        assert_eq!(press(&mut keymap, "g"), None);
        assert_eq!(press(&mut keymap, "f"), Some(Action::GoFocus));
        assert_eq!(press(&mut keymap, "t"), Some(Action::Train));
        assert_eq!(press(&mut keymap, "H"), Some(Action::ToggleHidden));
        assert_eq!(press(&mut keymap, "F"), Some(Action::Filters));
        assert_eq!(press(&mut keymap, "g"), None);
        assert_eq!(press(&mut keymap, "q"), None, "an unknown second key cancels");
        assert_eq!(press(&mut keymap, "j"), Some(Action::NextEntry));
    }

    #[test]
    fn modifiers_belong_to_the_browser() {
        let mut keymap = Keymap::default();
        assert_eq!(keymap.press(Key { key: "r", ctrl: true, meta: false, alt: false }), None);
        assert_eq!(keymap.press(Key { key: "j", ctrl: false, meta: true, alt: false }), None);
    }

    #[test]
    fn every_command_is_documented() {
        let keys = SHORTCUTS.iter().map(|(k, _)| *k).collect::<Vec<_>>().join(" ");
        for key in [
            "j", "k", "n", "p", "o", "Enter", "v", "x", "m", "s", "Shift+A", "Shift+K", "Shift+J", "/", "r", "g then a", "g then s",
            "g then f", "t", "Shift+H", "c", "Shift+F", "?", "Esc",
        ] {
            assert!(keys.contains(key), "{key} is missing from the help");
        }
    }
}
