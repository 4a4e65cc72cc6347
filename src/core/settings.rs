//! The reader's preferences, saved on the device and carried in backups.
//!
//! Every field has a default, so settings saved by an older version (with fewer fields) still
//! load, and a field added later never makes the saved ones unreadable.

use serde::{Deserialize, Serialize};

use super::library::{Filter, Sort, Trained};

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
    pub saved: Vec<crate::core::library::Saved>,
    /// The lists shown as cards with pictures (by their address: `all`, `feed/ID`,
    /// `folder/NAME`, `saved/NAME`); the others are plain lists.
    pub cards: Vec<String>,
    /// The reader's filters, in the order they were made.
    pub filters: Vec<crate::core::filters::FilterRule>,
}

impl Settings {
    /// The filter and order a list opens with.
    pub fn list(&self) -> (Filter, Sort) {
        (self.filter, self.sort)
    }
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
        };
        let json = serde_json::to_string(&settings).unwrap();
        assert_eq!(serde_json::from_str::<Settings>(&json).unwrap(), settings);
    }
}
