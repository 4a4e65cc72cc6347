//! Any bytes as any message the reader's parts exchange or keep: the page's commands and the
//! engine's events, the parser's and the filters' jobs and answers (postcard), and the records
//! storage holds (postcard and JSON). Decoding must return an error or a value, never panic,
//! hang or blow up memory; and a value decoded must encode and decode back to itself.
#![no_main]

use libfuzzer_sys::fuzz_target;
use serde::{de::DeserializeOwned, Serialize};

use feedreader::core::keys::EntryKey;
use feedreader::core::library::{Counts, Marked, Settings, Subscription, Summary};
use feedreader::core::Entry;
use feedreader::parsing::{Done, FilterDone, FilterJob, Job};
use feedreader::protocol::{decode, encode, Command, Event, Saving, Shared};

/// Postcard, as page, engine and workers send it and as the engine keeps its compact records.
fn binary<T: Serialize + DeserializeOwned + PartialEq + std::fmt::Debug>(bytes: &[u8]) {
    if let Ok(value) = decode::<T>(bytes) {
        let again: T = decode(&encode(&value)).expect("what was decoded encodes and decodes");
        assert_eq!(again, value);
    }
}

/// JSON, as storage keeps the reader's own data (subscriptions, articles, settings).
fn json<T: Serialize + DeserializeOwned + PartialEq + std::fmt::Debug>(bytes: &[u8]) {
    if let Ok(value) = serde_json::from_slice::<T>(bytes) {
        let text = serde_json::to_string(&value).expect("what was decoded encodes");
        let again: T = serde_json::from_str(&text).expect("and decodes");
        assert_eq!(again, value);
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((kind, bytes)) = data.split_first() else { return };
    match kind % 15 {
        0 => binary::<Command>(bytes),
        1 => binary::<Event>(bytes),
        2 => binary::<Shared>(bytes),
        3 => binary::<Job>(bytes),
        4 => binary::<Done>(bytes),
        5 => binary::<FilterJob>(bytes),
        6 => binary::<FilterDone>(bytes),
        7 => binary::<Marked>(bytes),
        8 => binary::<Vec<Summary>>(bytes),
        9 => binary::<Vec<(EntryKey, String)>>(bytes),
        10 => binary::<Counts>(bytes),
        11 => binary::<Saving>(bytes),
        12 => json::<Subscription>(bytes),
        13 => json::<Entry>(bytes),
        _ => json::<Settings>(bytes),
    }
});
