//! A call to an API (the reader's own server, for sync), as opposed to fetching a feed: any
//! method, headers, a form or JSON body, and an answer read whatever its status, since the
//! status says something the sync must know (401: log in again; 503: the API is off).

use serde::{Deserialize, Serialize};

use super::text_of;

/// How a call asks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Method {
    Get,
    Post,
    Put,
    Delete,
}

/// What a call sends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Body {
    /// `application/x-www-form-urlencoded`: the one body type a page may send to another
    /// origin without a preflight asking about it.
    Form(Vec<(String, String)>),
    Json(String),
}

/// One call.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Call {
    pub method: Method,
    pub url: String,
    pub headers: Vec<(String, String)>,
    pub body: Option<Body>,
}

impl Call {
    pub fn get(url: impl Into<String>) -> Call {
        Call { method: Method::Get, url: url.into(), headers: Vec::new(), body: None }
    }

    pub fn post_form(url: impl Into<String>, form: Vec<(String, String)>) -> Call {
        Call { method: Method::Post, url: url.into(), headers: Vec::new(), body: Some(Body::Form(form)) }
    }

    pub fn json(method: Method, url: impl Into<String>, json: &serde_json::Value) -> Call {
        Call { method, url: url.into(), headers: Vec::new(), body: Some(Body::Json(json.to_string())) }
    }

    pub fn delete(url: impl Into<String>) -> Call {
        Call { method: Method::Delete, url: url.into(), headers: Vec::new(), body: None }
    }

    pub fn header(mut self, name: &str, value: impl Into<String>) -> Call {
        self.headers.push((name.to_string(), value.into()));
        self
    }

    /// The body as sent, with its Content-Type.
    pub fn encoded_body(&self) -> Option<(&'static str, String)> {
        match &self.body {
            None => None,
            Some(Body::Form(fields)) => Some(("application/x-www-form-urlencoded", form(fields))),
            Some(Body::Json(json)) => Some(("application/json", json.clone())),
        }
    }
}

/// Fields as a form body (`a=1&b=two%20words`).
pub fn form(fields: &[(String, String)]) -> String {
    let mut out = String::new();
    for (name, value) in fields {
        if !out.is_empty() {
            out.push('&');
        }
        out.push_str(&crate::core::text::percent_encode(name));
        out.push('=');
        out.push_str(&crate::core::text::percent_encode(value));
    }
    out
}

/// What the server answered, whatever the status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reply {
    pub status: u16,
    pub bytes: Vec<u8>,
    pub content_type: Option<String>,
}

impl Reply {
    pub fn ok(&self) -> bool {
        (200..300).contains(&self.status)
    }

    /// The body as text (UTF-8, damage replaced).
    pub fn text(&self) -> String {
        text_of(&self.bytes)
    }

    /// Whether the answer is a web page rather than what an API says.
    pub fn is_html(&self) -> bool {
        self.content_type.as_deref().is_some_and(|t| t.contains("text/html")) && super::looks_like_html(&self.bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_form_is_encoded_as_a_page_would() {
        let fields = vec![
            ("i".to_string(), "tag:google.com,2005:reader/item/00ab".to_string()),
            ("a".into(), "user/-/state/com.google/read".into()),
        ];
        assert_eq!(form(&fields), "i=tag%3Agoogle.com%2C2005%3Areader%2Fitem%2F00ab&a=user%2F-%2Fstate%2Fcom.google%2Fread");
        let call = Call::post_form("https://x/api", fields);
        assert_eq!(call.encoded_body().unwrap().0, "application/x-www-form-urlencoded");
    }
}
