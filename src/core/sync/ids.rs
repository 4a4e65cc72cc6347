//! An item's id as the reader's server gives it. Google Reader's API writes one number two
//! ways (`tag:google.com,2005:reader/item/000661f04a9cbe8d` in contents, `1796534532095629` in
//! id lists), some servers write it as a signed 64-bit decimal (negative past 2^63), and some
//! use ids that are no number at all. The reader keeps each as the server gave it beside its
//! own entry key, and compares them by what they name.

use std::fmt;

use serde::{Deserialize, Serialize};

/// The long form's prefix.
const LONG: &str = "tag:google.com,2005:reader/item/";

/// What an item id names: a 64-bit number (in whichever form it was written), or a text.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum ItemId {
    Number(u64),
    Text(String),
}

impl ItemId {
    /// Reads any form: the long form (16 hex digits), a decimal (an all-digit id is decimal
    /// unless it starts with `0`, as FreshRSS reads it), a negative decimal (the same 64 bits
    /// read as signed), or anything else as text.
    pub fn parse(id: &str) -> ItemId {
        let id = id.trim();
        if let Some(hex) = id.strip_prefix(LONG) {
            if let Ok(n) = u64::from_str_radix(hex, 16) {
                return ItemId::Number(n);
            }
        }
        let digits = id.strip_prefix('-').unwrap_or(id);
        let decimal = !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) && (digits == "0" || !digits.starts_with('0'));
        if decimal {
            if id.starts_with('-') {
                if let Ok(n) = id.parse::<i64>() {
                    return ItemId::Number(n as u64);
                }
            } else if let Ok(n) = id.parse::<u64>() {
                return ItemId::Number(n);
            }
        }
        ItemId::Text(id.to_string())
    }

    /// The form to send back: the long form for a number (which every Google Reader server
    /// reads), the text as it came otherwise.
    pub fn long(&self) -> String {
        match self {
            ItemId::Number(n) => format!("{LONG}{n:016x}"),
            ItemId::Text(text) => text.clone(),
        }
    }
}

impl fmt::Display for ItemId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.long())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_form_of_one_id_names_the_same_item_and_goes_back_long() {
        // As a real FreshRSS wrote one item in its contents and in its id list.
        let long = ItemId::parse("tag:google.com,2005:reader/item/000661f04a9cbe8d");
        let short = ItemId::parse("1796534532095629");
        assert_eq!(long, short);
        assert_eq!(short.long(), "tag:google.com,2005:reader/item/000661f04a9cbe8d");
        assert_eq!(ItemId::parse(&short.long()), short, "round trip");
    }

    #[test]
    fn numbers_past_two_to_the_53_and_signed_ones_keep_every_bit() {
        // 2^53 + 1 is not a JavaScript number; it stays exact here.
        let big = ItemId::parse("9007199254740993");
        assert_eq!(big, ItemId::Number(9_007_199_254_740_993));
        // A server writing the upper half as signed: -1 is all ones.
        assert_eq!(ItemId::parse("-1"), ItemId::Number(u64::MAX));
        assert_eq!(ItemId::parse("-1").long(), "tag:google.com,2005:reader/item/ffffffffffffffff");
        assert_eq!(ItemId::parse("tag:google.com,2005:reader/item/ffffffffffffffff"), ItemId::parse("18446744073709551615"));
    }

    #[test]
    fn ids_that_are_no_number_stay_as_given() {
        for text in ["abc-123", "0123", "e/5f2b", "urn:uuid:8c1d"] {
            let id = ItemId::parse(text);
            assert_eq!(id, ItemId::Text(text.to_string()));
            assert_eq!(id.long(), text);
        }
    }
}
