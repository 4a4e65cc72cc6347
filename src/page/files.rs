//! Files going in (opened or dropped) and out (a download the engine prepared).

use wasm_bindgen::JsCast;

/// Every file of a `FileList` (from an `<input type=file>` or a drop).
pub fn files_of(list: Option<web_sys::FileList>) -> Vec<web_sys::File> {
    let Some(list) = list else { return Vec::new() };
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}

/// Offers the file at `url` (an object URL the engine made) as a download named `name`.
pub fn download(name: &str, url: &str) -> Result<(), String> {
    let failed = || format!("The browser would not save {name}.");
    let document = web_sys::window().and_then(|w| w.document()).ok_or_else(failed)?;
    let link: web_sys::HtmlAnchorElement = document.create_element("a").map_err(|_| failed())?.unchecked_into();
    link.set_href(url);
    link.set_download(name);
    link.click();
    // The download has its own copy now; the object URL can go.
    let _ = web_sys::Url::revoke_object_url(url);
    Ok(())
}
