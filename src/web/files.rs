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
