//! The reader's preferences, saved on the device and carried in backups.
//!
//! Every field has a default, so settings saved by an older version (with fewer fields) still
//! load, and a field added later never makes the saved ones unreadable.

use serde::{Deserialize, Serialize};

use super::{Filter, Library, Sort, Trained};

/// Light or dark colours.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Theme {
    /// Follow the system (`prefers-color-scheme`).
    #[default]
    System,
    Light,
    Dark,
}

/// Everything the reader can set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    pub theme: Theme,
    /// The filter a list opens with.
    pub filter: Filter,
    /// The order a list opens with.
    pub sort: Sort,
    /// How often feeds are fetched again, in minutes.
    pub refresh_minutes: u32,
    /// An address feeds are fetched through when their server does not allow cross-origin
    /// reads; none unless the reader sets one, since it sees every feed fetched.
    pub cors_proxy: Option<String>,
    /// What the reader taught the trainer, in the order it was taught.
    pub training: Vec<Trained>,
    /// Entries the trainer hides are listed and counted all the same.
    pub show_hidden: bool,
    /// Rows that scroll past the top of the list are marked read.
    pub mark_on_scroll: bool,
    /// Searches kept as sidebar views, in the reader's order.
    pub saved: Vec<super::Saved>,
    /// The lists shown as cards with pictures (by their address: `all`, `feed/ID`,
    /// `folder/NAME`, `saved/NAME`); the others are plain lists.
    pub cards: Vec<String>,
    /// The reader's filters, in the order they were made.
    pub filters: Vec<crate::core::filters::FilterRule>,
    /// Entries older than this many days are marked read (starred ones never); 0: never. A
    /// feed may have its own ([`super::Subscription::read_after_days`]).
    pub read_after_days: u32,
    /// Tags on starred entries, by entry (sorted by key; an entry without tags is not here).
    pub tags: Vec<(super::EntryKey, Vec<String>)>,
    /// The stories the reader shared, the last first.
    pub shares: Vec<super::Share>,
    /// The reader's name as the sharer of its shared stories.
    pub sharer: String,
}

impl Settings {
    /// The filter and order a list opens with.
    pub fn list(&self) -> (Filter, Sort) {
        (self.filter, self.sort)
    }

    /// Sets one preference; says whether anything changed.
    pub fn set(&mut self, preference: Preference) -> bool {
        let before = self.clone();
        match preference {
            Preference::Theme(theme) => self.theme = theme,
            Preference::Filter(filter) => self.filter = filter,
            Preference::Sort(sort) => self.sort = sort,
            Preference::RefreshMinutes(minutes) => self.refresh_minutes = minutes,
            Preference::CorsProxy(proxy) => self.cors_proxy = proxy.map(|p| p.trim().to_string()).filter(|p| !p.is_empty()),
            Preference::ShowHidden(show) => self.show_hidden = show,
            Preference::MarkOnScroll(on) => self.mark_on_scroll = on,
            Preference::ReadAfterDays(days) => self.read_after_days = days,
            Preference::Sharer(name) => self.sharer = name.trim().to_string(),
            Preference::Cards { list, on } => {
                self.cards.retain(|c| c != &list);
                if on {
                    self.cards.push(list);
                }
            }
        }
        *self != before
    }
}

impl Library {
    /// The reader's settings.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// Settings as storage (or another tab) has them: nothing is recorded as touched.
    pub fn restore_settings(&mut self, settings: Settings) {
        self.take_settings(settings);
    }

    /// Settings from elsewhere (a backup) replace these; says whether they changed.
    pub fn adopt_settings(&mut self, settings: Settings) -> bool {
        if self.settings == settings {
            return false;
        }
        let shaped = |s: &Settings| (s.training.clone(), s.filters.clone(), s.show_hidden);
        self.touched.scores |= shaped(&self.settings) != shaped(&settings);
        self.take_settings(settings);
        self.touched.settings = true;
        true
    }

    /// Sets one preference; says whether it changed.
    pub fn set_preference(&mut self, preference: Preference) -> bool {
        let show_hidden = self.settings.show_hidden;
        if !self.settings.set(preference) {
            return false;
        }
        self.touched.settings = true;
        if self.settings.show_hidden != show_hidden {
            // Saved searches count hidden entries or leave them out; lists follow.
            self.saved_lists = std::cell::OnceCell::new();
            self.touched.scores = true;
        }
        true
    }

    /// Takes settings whole; scores and saved lists are worked out again when asked.
    fn take_settings(&mut self, settings: Settings) {
        if self.settings != settings {
            self.settings = settings;
            self.forget_scores();
        }
    }
}

/// One preference the page changes, each on its own: a command carries one, never the whole
/// [`Settings`], so a change the engine made meanwhile (a trainer's rule, a filter, a setting
/// another tab or a sync brought) is never written back over with an older copy. The
/// trainer's rules, the filters and the saved searches have commands of their own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Preference {
    Theme(Theme),
    /// The filter a list opens with.
    Filter(Filter),
    /// The order a list opens with.
    Sort(Sort),
    RefreshMinutes(u32),
    /// Blank or `None`: no proxy.
    CorsProxy(Option<String>),
    ShowHidden(bool),
    MarkOnScroll(bool),
    /// Entries older than this many days are marked read; 0: never.
    ReadAfterDays(u32),
    /// A list (by its address, as [`Settings::cards`] names it) shown as cards, or not.
    Cards {
        list: String,
        on: bool,
    },
    /// The reader's name as the sharer of its shared stories.
    Sharer(String),
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            theme: Theme::System,
            filter: Filter::All,
            sort: Sort::NewestFirst,
            refresh_minutes: 30,
            cors_proxy: None,
            training: Vec::new(),
            show_hidden: false,
            mark_on_scroll: false,
            saved: Vec::new(),
            cards: Vec::new(),
            filters: Vec::new(),
            read_after_days: 0,
            tags: Vec::new(),
            shares: Vec::new(),
            sharer: String::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_saved_by_an_older_version_load_with_defaults() {
        let settings: Settings = serde_json::from_str(r#"{"theme":"dark"}"#).unwrap();
        assert_eq!(settings, Settings { theme: Theme::Dark, ..Settings::default() });
        let empty: Settings = serde_json::from_str("{}").unwrap();
        assert_eq!((empty.refresh_minutes, empty.cors_proxy), (30, None));
    }

    #[test]
    fn a_preference_changes_only_itself() {
        let mut settings = Settings { training: vec![], show_hidden: false, ..Settings::default() };
        assert!(settings.set(Preference::Cards { list: "all".into(), on: true }));
        assert!(!settings.set(Preference::Cards { list: "all".into(), on: true }), "twice changes nothing");
        assert!(!settings.set(Preference::CorsProxy(Some("  ".into()))), "blank is no proxy, as before");
        assert!(settings.set(Preference::Theme(Theme::Dark)));
        assert_eq!(settings, Settings { cards: vec!["all".into()], theme: Theme::Dark, ..Settings::default() });
        assert!(settings.set(Preference::Cards { list: "all".into(), on: false }));
        assert!(settings.cards.is_empty());
    }

    #[test]
    fn settings_round_trip() {
        let settings = Settings {
            theme: Theme::Light,
            filter: Filter::Unread,
            sort: Sort::OldestFirst,
            refresh_minutes: 5,
            cors_proxy: Some("https://proxy.example/?url=".into()),
            training: vec![Trained {
                facet: crate::core::library::Facet::Author("Jo".into()),
                opinion: crate::core::library::Opinion::Dislike,
                feed: None,
            }],
            show_hidden: true,
            mark_on_scroll: true,
            saved: vec![crate::core::library::Saved {
                name: "Rust".into(),
                scope: crate::core::library::Scope::All,
                filter: Filter::Unread,
                search: "rust".into(),
            }],
            cards: vec!["feed/abc".into()],
            filters: vec![crate::core::filters::FilterRule {
                field: crate::core::filters::Field::Title,
                pattern: "(?i)sponsor".into(),
                action: crate::core::filters::Action::Hide,
                feed: Some(crate::core::keys::FeedId("abc".into())),
            }],
            read_after_days: 14,
            tags: vec![(crate::core::keys::EntryKey(0x1234), vec!["rust".into(), "to read".into()])],
            shares: vec![crate::core::library::Share {
                key: crate::core::keys::EntryKey(0x1234),
                at: crate::core::time::Timestamp(1_000),
                comment: Some("Worth it".into()),
            }],
            sharer: "Ada".into(),
        };
        let json = serde_json::to_string(&settings).unwrap();
        assert_eq!(serde_json::from_str::<Settings>(&json).unwrap(), settings);
    }
}
