//! Dates as the reader expects to see them: in their own time zone and locale, via `Intl`.

use std::cell::OnceCell;

use js_sys::{Array, Date, Intl, Object, Reflect};
use wasm_bindgen::JsValue;

use crate::core::Timestamp;

thread_local! {
    // Building an Intl formatter is costly; a list of thousands of entries reuses one.
    static ABSOLUTE: OnceCell<Intl::DateTimeFormat> = const { OnceCell::new() };
    static RELATIVE: OnceCell<Intl::RelativeTimeFormat> = const { OnceCell::new() };
    static DAY: OnceCell<Intl::DateTimeFormat> = const { OnceCell::new() };
}

fn options(pairs: &[(&str, &str)]) -> Object {
    let options = Object::new();
    for (key, value) in pairs {
        // Setting a string property on a fresh plain object cannot fail.
        let _ = Reflect::set(&options, &(*key).into(), &(*value).into());
    }
    options
}

/// e.g. "28 Aug 2025, 16:03" for a reader in Berlin with a British locale.
pub fn local_date_time(at: Timestamp) -> String {
    ABSOLUTE
        .with(|cell| {
            let format =
                cell.get_or_init(|| Intl::DateTimeFormat::new(&Array::new(), &options(&[("dateStyle", "medium"), ("timeStyle", "short")])));
            format.format().call1(format, &Date::new(&JsValue::from_f64(at.0 as f64))).ok().and_then(|s| s.as_string())
        })
        .unwrap_or_else(|| at.to_string())
}

/// When something happened, the way a list shows it: "5 minutes ago", "yesterday",
/// "2 weeks ago" within a month, else the day ("28 Aug 2025"), in the reader's language.
pub fn relative(at: Timestamp) -> String {
    let seconds = (at.0 as f64 - Date::now()) / 1000.0;
    if seconds.abs() >= 30.0 * 86_400.0 {
        return local_date(at);
    }
    let (value, unit) = relative_unit(seconds);
    RELATIVE.with(|cell| {
        let format = cell.get_or_init(|| Intl::RelativeTimeFormat::new(&Array::new(), &options(&[("numeric", "auto")])));
        String::from(format.format(value, unit))
    })
}

/// The largest unit that keeps the number readable, rounded toward zero.
fn relative_unit(seconds: f64) -> (f64, &'static str) {
    const UNITS: [(f64, &str); 4] = [(604_800.0, "week"), (86_400.0, "day"), (3600.0, "hour"), (60.0, "minute")];
    for (size, unit) in UNITS {
        if seconds.abs() >= size {
            return ((seconds / size).trunc(), unit);
        }
    }
    (0.0, "minute")
}

/// Gives the `<time>` under the pointer its full date as a title, the first time.
pub fn title_on_hover(event: &web_sys::PointerEvent, at: Timestamp) {
    use wasm_bindgen::JsCast;
    if let Some(element) = event.current_target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) {
        if !element.has_attribute("title") {
            let _ = element.set_attribute("title", &local_date_time(at));
        }
    }
}

/// e.g. "28 Aug 2025": the day, in the reader's language and time zone.
pub fn local_date(at: Timestamp) -> String {
    DAY.with(|cell| {
        let format = cell.get_or_init(|| Intl::DateTimeFormat::new(&Array::new(), &options(&[("dateStyle", "medium")])));
        format.format().call1(format, &Date::new(&JsValue::from_f64(at.0 as f64))).ok().and_then(|s| s.as_string())
    })
    .unwrap_or_else(|| at.to_string())
}

/// e.g. "Aug": a moment's month, short, in the reader's language (in UTC, as the weeks of a
/// feed's statistics are).
pub fn short_month(at: Timestamp) -> String {
    let format = Intl::DateTimeFormat::new(&Array::new(), &options(&[("month", "short"), ("timeZone", "UTC")]));
    format.format().call1(&format, &Date::new(&JsValue::from_f64(at.0 as f64))).ok().and_then(|s| s.as_string()).unwrap_or_default()
}

/// The same moment in RFC 3339, for `<time datetime>`.
pub fn machine_date_time(at: Timestamp) -> String {
    at.to_string()
}
