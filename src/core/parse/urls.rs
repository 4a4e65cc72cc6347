//! Addresses made absolute against the in-scope base.

use url::Url;

use crate::core::plain_url::is_canonical_http_url;

/// Resolves `value` against `base`; an absolute value stands alone; a relative one with no base
/// is kept as written. Empty values give `None`.
pub fn resolve_url(base: Option<&Url>, value: &str) -> Option<String> {
    let value = value.trim();
    if value.is_empty() {
        return None;
    }
    if is_canonical_http_url(value) {
        return Some(value.to_string());
    }
    let resolved = match base {
        Some(base) => base.join(value),
        None => Url::parse(value),
    };
    Some(resolved.map(String::from).unwrap_or_else(|_| value.to_string()))
}
