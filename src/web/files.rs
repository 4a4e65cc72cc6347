//! Reading files the reader opened or dropped on the page.

use js_sys::Uint8Array;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// A file's name and bytes.
pub struct OpenedFile {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// Every file of a `FileList` (from an `<input type=file>` or a drop).
pub fn files_of(list: Option<web_sys::FileList>) -> Vec<web_sys::File> {
    let Some(list) = list else { return Vec::new() };
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}

/// Reads a file whole; the message names the file when the browser cannot read it.
pub async fn read(file: &web_sys::File) -> Result<OpenedFile, String> {
    let name = file.name();
    let buffer = JsFuture::from(file.array_buffer())
        .await
        .map_err(|_| format!("{name}: the browser could not read this file."))?;
    let bytes = Uint8Array::new(buffer.unchecked_ref()).to_vec();
    Ok(OpenedFile { name, bytes })
}

/// Offers text to the reader as a file download (OPML export, backup).
pub fn download(name: &str, mime: &str, text: &str) -> Result<(), String> {
    let failed = |_| format!("The browser would not save {name}.");
    let parts = js_sys::Array::of1(&text.into());
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(failed)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(failed)?;
    let document = web_sys::window().and_then(|w| w.document()).ok_or_else(|| failed(wasm_bindgen::JsValue::NULL))?;
    let link: web_sys::HtmlAnchorElement = document.create_element("a").map_err(failed)?.unchecked_into();
    link.set_href(&url);
    link.set_download(name);
    link.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}
