//! The calls of an account's dialect, over the fetch port: what the sync flow asks of the
//! server (log in, its feeds, its id lists, contents, marks, feed operations), whatever the
//! server speaks. The requests and the reading of answers are `core::sync`'s; here they are
//! sent, in the order each dialect needs.

use std::cell::RefCell;
use std::collections::HashSet;

use crate::core::fetching::{Call, Reply};
use crate::core::sync::outbox::Flag;
use crate::core::sync::{greader, miniflux, Account, Dialect, FeedOp, Ids, ItemId, ServerArrival, ServerFeed, SyncError};

use super::super::ports::{Fetch, Parser};
use super::super::{Engine, Ports};

/// Items marked in one call.
pub const MARKS_AT_ONCE: usize = 500;

/// Sends a call; a problem reaching the server is a sync error.
async fn send<P: Ports>(engine: &Engine<P>, call: Call) -> Result<Reply, SyncError> {
    engine.ports.fetch().call(call).await.map_err(SyncError::Network)
}

/// Finds the API at the address the reader typed and logs in: where it answers, the user's
/// name there, and what authenticates later calls (a token, never the password; Miniflux's API
/// key).
pub async fn log_in<P: Ports>(
    engine: &Engine<P>,
    dialect: Dialect,
    address: &str,
    user: &str,
    password: &str,
) -> Result<(String, String, String), SyncError> {
    match dialect {
        Dialect::GReader => {
            let mut outcome = Err(SyncError::NotTheApi { dialect, page: None });
            for api in greader::bases(address) {
                outcome =
                    send(engine, greader::login(&api, user, password)).await.and_then(|r| greader::read_login(&r)).map(|auth| (api, auth));
                // Another place at the address may be the API; any other answer is the answer.
                if !matches!(outcome, Err(SyncError::NotTheApi { .. })) {
                    break;
                }
            }
            outcome.map(|(api, auth)| (api, user.to_string(), auth))
        }
        Dialect::Miniflux => {
            let api = miniflux::base(address);
            let key = password.trim();
            let name = miniflux::read_me(&send(engine, miniflux::me(&api, key)).await?)?;
            miniflux::read_version(&send(engine, miniflux::version(&api, key)).await?)?;
            Ok((api, name, key.to_string()))
        }
    }
}

/// An account's API, for one sync or one send.
pub struct Api<'e, P: Ports> {
    engine: &'e Engine<P>,
    account: &'e Account,
    /// The token Google Reader's state-changing calls carry: asked for once, when first needed.
    token: RefCell<Option<String>>,
}

/// Where fetching contents has got to.
pub enum Paging {
    /// Google Reader: the ids still to ask for, asked for by id.
    ById(std::vec::IntoIter<ItemId>),
    /// Miniflux lists contents by state, newest first: the ids still wanted, the list being
    /// read (unread, then starred) and the oldest id read so far.
    ByState { wanted: HashSet<ItemId>, list: Ids, before: Option<ItemId> },
}

impl<'e, P: Ports> Api<'e, P> {
    pub fn new(engine: &'e Engine<P>, account: &'e Account) -> Self {
        Api { engine, account, token: RefCell::new(None) }
    }

    async fn call(&self, call: Call) -> Result<Reply, SyncError> {
        send(self.engine, call).await
    }

    fn keys(&self) -> (&str, &str) {
        (&self.account.api, &self.account.secret)
    }

    async fn token(&self) -> Result<String, SyncError> {
        if let Some(token) = self.token.borrow().clone() {
            return Ok(token);
        }
        let (api, auth) = self.keys();
        let token = greader::read_token(&self.call(greader::token(api, auth)).await?)?;
        *self.token.borrow_mut() = Some(token.clone());
        Ok(token)
    }

    /// The account's feeds.
    pub async fn feeds(&self) -> Result<Vec<ServerFeed>, SyncError> {
        let (api, key) = self.keys();
        match self.account.dialect {
            Dialect::GReader => greader::read_subscriptions(&self.call(greader::subscriptions(api, key)).await?),
            Dialect::Miniflux => miniflux::read_feeds(&self.call(miniflux::feeds(api, key)).await?),
        }
    }

    /// Every id of a list, page after page.
    pub async fn ids(&self, which: Ids) -> Result<Vec<ItemId>, SyncError> {
        let (api, key) = self.keys();
        let mut ids = Vec::new();
        match self.account.dialect {
            Dialect::GReader => {
                let mut continuation = None;
                loop {
                    let reply = self.call(greader::ids(api, key, which, continuation.as_deref())).await?;
                    let (page, next) = greader::read_ids(&reply)?;
                    ids.extend(page);
                    match next {
                        Some(next) if Some(&next) != continuation.as_ref() => continuation = Some(next),
                        _ => return Ok(ids),
                    }
                }
            }
            Dialect::Miniflux => {
                let mut offset = 0;
                loop {
                    let (page, next) = miniflux::read_ids(&self.call(miniflux::ids(api, key, which, offset)).await?, offset)?;
                    ids.extend(page);
                    match next {
                        Some(next) if next > offset => offset = next,
                        _ => return Ok(ids),
                    }
                }
            }
        }
    }

    /// How the contents of `missing` (unread or starred ids, newest first) are fetched.
    pub fn paging(&self, missing: Vec<ItemId>) -> Paging {
        match self.account.dialect {
            Dialect::GReader => Paging::ById(missing.into_iter()),
            Dialect::Miniflux => Paging::ByState { wanted: missing.into_iter().collect(), list: Ids::Unread, before: None },
        }
    }

    /// The next batch of contents, read and made safe by the parser (`None`: all are here), and
    /// how many of the missing it brought.
    pub async fn next_contents(&self, paging: &mut Paging) -> Result<Option<Vec<ServerArrival>>, SyncError> {
        let (api, key) = self.keys();
        let dialect = self.account.dialect;
        let parser = self.engine.ports.parser();
        match paging {
            Paging::ById(rest) => {
                let batch: Vec<ItemId> = rest.by_ref().take(greader::CONTENTS_AT_ONCE).collect();
                if batch.is_empty() {
                    return Ok(None);
                }
                let reply = self.call(greader::contents(api, key, &batch)).await?;
                if !reply.ok() {
                    return Err(greader::read_ok(&reply).err().unwrap_or(SyncError::Server(reply.status)));
                }
                parser.server_items(dialect, reply.bytes).await.map(Some)
            }
            Paging::ByState { wanted, list, before } => {
                // The oldest still wanted: the list need not be read past it.
                let Some(oldest) = wanted.iter().min().cloned() else { return Ok(None) };
                if *list == Ids::All {
                    return Ok(None);
                }
                let reply = self.call(miniflux::entries(api, key, *list, before.as_ref())).await?;
                let read = miniflux::read_done(&reply).map(|_| reply.bytes);
                let arrivals = parser.server_items(dialect, read?).await?;
                let last = arrivals.iter().map(|a| ItemId::parse(&a.arrival.entry.id)).min();
                let ended = arrivals.len() < miniflux::CONTENTS_AT_ONCE || last.as_ref().is_none_or(|l| *l <= oldest);
                *before = last;
                if ended {
                    // Unread first (what a first screen shows), then the starred ones read.
                    *list = if *list == Ids::Unread { Ids::Starred } else { Ids::All };
                    *before = None;
                }
                let wanted_here: Vec<ServerArrival> =
                    arrivals.into_iter().filter(|a| wanted.remove(&ItemId::parse(&a.arrival.entry.id))).collect();
                Ok(Some(wanted_here))
            }
        }
    }

    /// Sets a state of some items on the server.
    pub async fn mark(&self, ids: &[ItemId], flag: Flag, on: bool) -> Result<(), SyncError> {
        let (api, key) = self.keys();
        match self.account.dialect {
            Dialect::GReader => {
                let token = self.token().await?;
                greader::read_ok(&self.call(greader::edit_tag(api, key, &token, ids, flag, on)).await?)
            }
            Dialect::Miniflux => miniflux::read_done(&self.call(miniflux::mark(api, key, ids, flag, on)).await?),
        }
    }

    /// Does what the reader did to the account's feeds. A subscription the server cannot make
    /// is `Unreadable`, with its words.
    pub async fn feed_op(&self, op: &FeedOp) -> Result<(), SyncError> {
        let (api, key) = self.keys();
        match self.account.dialect {
            Dialect::GReader => {
                let token = self.token().await?;
                greader::read_feed_op(op, &self.call(greader::feed_op(api, key, &token, op)).await?)
            }
            Dialect::Miniflux => match op {
                FeedOp::Subscribe { url, .. } => {
                    // The server finds the feed at a site's address, as FreshRSS's quickadd does.
                    let feed = miniflux::read_discovered(&self.call(miniflux::discover(api, key, url)).await?, url)?;
                    miniflux::read_done(&self.call(miniflux::create_feed(api, key, &feed)).await?)
                }
                FeedOp::Unsubscribe { stream } => match self.call(miniflux::delete_feed(api, key, stream)?).await? {
                    // Gone already: what was asked is so.
                    reply if reply.status == 404 => Ok(()),
                    reply => miniflux::read_done(&reply),
                },
                FeedOp::Rename { stream, title } => miniflux::read_done(&self.call(miniflux::rename_feed(api, key, stream, title)?).await?),
                FeedOp::Move { stream, to, .. } => {
                    let found = miniflux::read_category(&self.call(miniflux::categories(api, key)).await?, to.as_deref())?;
                    let category = match found {
                        Some(id) => id,
                        None => miniflux::read_created_category(&self.call(miniflux::create_category(api, key, to.as_deref())).await?)?,
                    };
                    miniflux::read_done(&self.call(miniflux::move_feed(api, key, stream, category)?).await?)
                }
            },
        }
    }
}
