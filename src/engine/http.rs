//! Real HTTP for the native tests of sync: calls sent to a local server (the FreshRSS of
//! `shared/servers/freshrss`) as the browser would send them, answered whatever the status.

use crate::core::fetching::{Call, Method, Problem, Reply};

/// Sends a call and reads its answer (blocking: the tests' executor runs one task at a time).
pub fn send(call: &Call) -> Result<Reply, Problem> {
    let agent = ureq::AgentBuilder::new().timeout(std::time::Duration::from_secs(30)).build();
    let method = match call.method {
        Method::Get => "GET",
        Method::Post => "POST",
        Method::Put => "PUT",
        Method::Delete => "DELETE",
    };
    let mut request = agent.request(method, &call.url);
    for (name, value) in &call.headers {
        request = request.set(name, value);
    }
    let sent = match call.encoded_body() {
        Some((kind, body)) => request.set("Content-Type", kind).send_string(&body),
        None => request.call(),
    };
    let response = match sent {
        Ok(response) | Err(ureq::Error::Status(_, response)) => response,
        Err(ureq::Error::Transport(_)) => return Err(Problem::Unreachable),
    };
    let status = response.status();
    let content_type = response.header("content-type").map(str::to_string);
    let mut bytes = Vec::new();
    std::io::Read::read_to_end(&mut response.into_reader(), &mut bytes).map_err(|_| Problem::Unreachable)?;
    Ok(Reply { status, bytes, content_type })
}
