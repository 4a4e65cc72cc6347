//! Sync with the reader's own server: connect (find the API at the address the reader gave,
//! log in, keep the token and never the password), then, on each sync, in this order:
//!
//! 1. send what waits: what the reader did to the account's feeds, then the journal's records
//!    after the last one the server acknowledged, for the account's entries, as final intents,
//!    in batches of set operations; acknowledged only when the server said OK, so a tab closed
//!    meanwhile sends them again;
//! 2. the account's feeds, from the server's list, and the ids of unread, starred and kept
//!    items, whole (neither dialect lists what changed since a time in a way a sync can
//!    trust): all read before any is taken;
//! 3. the contents of those not here yet, 250 at a time, through the parser like any
//!    document, each batch committed;
//! 4. read and starred state as the server has it, except for entries with a change made here
//!    the server has not acknowledged (which wins).
//!
//! The flow is the same for every server; [`api`] makes each step's calls in the account's
//! dialect. Every change goes through `commit`, like any flow's.

mod api;

use std::collections::HashSet;
use std::rc::Rc;

use crate::core::fetching::Problem;
use crate::core::keys::{EntryKey, KeySet};
use crate::core::sync::outbox::Outbox;
use crate::core::sync::{Account, AccountView, Connection, Dialect, FeedOp, Ids, ItemId, SyncError};
use crate::protocol::{Event, Saving};

use super::ports::{Fetch, Platform, Store};
use super::{Engine, Ports};
use api::{Api, MARKS_AT_ONCE};

/// The Web Lock that lets one tab at a time talk to the server.
const SYNC_LOCK: &str = "feedreader-sync";

/// How long after a mark what waits is sent (marks that come in a burst go together).
const SEND_AFTER_MS: u32 = 2_000;

/// The first retry after a failed sync or send; each later one waits twice as long, six at
/// most (30 s to 16 min), then the refresh schedule takes over.
const RETRY_AFTER_MS: u32 = 30_000;
const RETRIES: u32 = 6;

/// What a sync found.
#[derive(Debug, Default)]
struct Synced {
    feeds: usize,
    unread: usize,
    /// Another tab holds the sync: this one follows what it saves.
    elsewhere: bool,
}

impl<P: Ports> Engine<P> {
    /// Connects an account, then syncs it.
    pub(super) async fn connect(self: Rc<Self>, dialect: Dialect, address: String, user: String, password: String) {
        self.emit(Event::Connection(Connection::Checking));
        let (api, user, secret) = match api::log_in(&self, dialect, &address, user.trim(), &password).await {
            Ok(found) => found,
            Err(error) => {
                self.emit(Event::Connection(Connection::Failed(error)));
                return;
            }
        };
        let (acked, pending) = {
            let state = self.state.borrow();
            // Connecting again (after a refusal) keeps what waits; a new account starts here.
            match state.library.account() {
                Some(old) if old.api == api && old.user == user => (old.acked, old.pending.clone()),
                _ => (state.journal_seen, Vec::new()),
            }
        };
        let account = Account { dialect, api, user, secret, acked, synced: None, refused: false, pending };
        self.state.borrow_mut().library.set_account(Some(account));
        self.commit().await;
        match self.sync_now().await {
            Ok(Synced { elsewhere: true, .. }) => {
                // Another tab is syncing: what this one has of the account is what it can tell.
                let (feeds, unread) = {
                    let library = &self.state.borrow().library;
                    let counts = library.counts();
                    let feeds: Vec<_> = library.subscriptions().filter(|s| s.remote.is_some()).map(|s| s.id.clone()).collect();
                    (feeds.len(), feeds.iter().filter_map(|id| counts.unread.get(id)).sum())
                };
                self.emit(Event::Connection(Connection::Connected { feeds, unread }))
            }
            Ok(synced) => self.emit(Event::Connection(Connection::Connected { feeds: synced.feeds, unread: synced.unread })),
            Err(error) => self.emit(Event::Connection(Connection::Failed(error))),
        }
    }

    /// Forgets the account (its token with it) and, asked, its feeds and their entries.
    pub(super) async fn disconnect(self: Rc<Self>, forget_entries: bool) {
        {
            let library = &mut self.state.borrow_mut().library;
            if forget_entries {
                let feeds: Vec<_> = library.subscriptions().filter(|s| s.remote.is_some()).map(|s| s.id.clone()).collect();
                for id in &feeds {
                    library.remove(id);
                }
                library.forget(feeds);
            }
            library.set_account(None);
        }
        self.state.borrow_mut().waiting = Outbox::default();
        self.commit().await;
    }

    /// Syncs now, saying only what went wrong, or that another tab is syncing (this one shows
    /// what that one saves).
    pub(super) async fn sync(self: Rc<Self>) {
        match self.sync_now().await {
            Err(error) => self.sync_failed(error),
            Ok(Synced { elsewhere: true, .. }) => {
                let server = self.state.borrow().library.account().map(Account::server).unwrap_or_default();
                self.emit(Event::Status(crate::protocol::Status::ok(format!(
                    "Another tab of the reader is syncing with {server}: this one shows what it brings."
                ))));
            }
            Ok(_) => {}
        }
    }

    /// One sync (none while another runs, or without an account).
    async fn sync_now(self: &Rc<Self>) -> Result<Synced, SyncError> {
        let Some(account) = self.state.borrow().library.account().cloned() else { return Ok(Synced::default()) };
        if account.refused {
            return Err(SyncError::Refused);
        }
        if std::mem::replace(&mut self.state.borrow_mut().syncing, true) {
            return Ok(Synced::default());
        }
        // One tab syncs at a time; the others follow what it saves, through storage.
        let Some(_held) = self.platform().lock(SYNC_LOCK).await else {
            self.state.borrow_mut().syncing = false;
            return Ok(Synced { elsewhere: true, ..Synced::default() });
        };
        let synced = self.sync_steps(account).await;
        self.state.borrow_mut().syncing = false;
        if synced.is_ok() {
            self.state.borrow_mut().retries = 0;
        }
        self.emit(Event::Syncing(None));
        // Marks made meanwhile (by the reader, or by a filter as entries arrived) go next.
        if synced.is_ok() && !self.state.borrow().waiting.is_empty() {
            self.send_soon();
        }
        if let Err(SyncError::Refused) = &synced {
            // The saved login no longer works: nothing more is sent until the reader connects
            // again; what waits stays.
            let refused = self.state.borrow().library.account().cloned().map(|a| Account { refused: true, ..a });
            self.state.borrow_mut().library.set_account(refused);
            self.commit().await;
        }
        synced
    }

    async fn sync_steps(self: &Rc<Self>, account: Account) -> Result<Synced, SyncError> {
        let server = Api::new(self, &account);
        self.send_waiting(&server, &account).await?;
        // The server's picture is read whole before any of it is taken: a server that fails
        // halfway (FreshRSS with a broken database lists no feeds, then fails the id lists)
        // takes nothing away here.
        let feeds = server.feeds().await?;
        let unread = server.ids(Ids::Unread).await?;
        let starred = server.ids(Ids::Starred).await?;
        let kept = server.ids(Ids::All).await?;
        self.state.borrow_mut().library.take_server_feeds(&account, &feeds);
        self.commit().await;
        let space = account.space();
        let key = |id: &ItemId| EntryKey::new(&space, &id.long());
        let missing: Vec<ItemId> = {
            let library = &self.state.borrow().library;
            let mut seen = HashSet::new();
            unread.iter().chain(&starred).filter(|id| seen.insert(*id) && library.summary(key(id)).is_none()).cloned().collect()
        };
        self.take_contents(&server, missing).await?;
        let unread_keys: KeySet = unread.iter().map(key).collect();
        let starred_keys: KeySet = starred.iter().map(key).collect();
        {
            let mut state = self.state.borrow_mut();
            let waiting = std::mem::take(&mut state.waiting);
            // An entry the server no longer keeps has no state there to take: it goes here too
            // (old read entries a server purges), unless starred here or with a change waiting.
            let kept: KeySet = kept.iter().chain(&unread).chain(&starred).map(key).collect();
            state.library.take_server_state(&unread_keys, &starred_keys, |k| waiting.touches(k) || !kept.contains(&k));
            state.library.drop_server_deleted(&kept, |k| waiting.touches(k));
            state.waiting = waiting;
            let now = self.now();
            let synced = state.library.account().cloned().map(|a| Account { synced: Some(now), ..a });
            state.library.set_account(synced);
        }
        self.commit().await;
        Ok(Synced { feeds: feeds.len(), unread: unread.len(), elsewhere: false })
    }

    /// Sends the changes waiting, then records that the server acknowledged them.
    async fn send_waiting(self: &Rc<Self>, server: &Api<'_, P>, account: &Account) -> Result<(), SyncError> {
        let store = self.ports.store();
        let (records, last) = match store.marks_since(account.acked).await {
            Ok(Some(since)) => since,
            // Folded already (never past the acknowledged record, so nothing of the account's):
            // nothing waits.
            Ok(None) => (Vec::new(), self.state.borrow().journal_seen),
            Err(error) => return Err(SyncError::Unreadable(error.to_string())),
        };
        let outbox = Outbox::of(&records, |k| self.state.borrow().library.is_account_entry(k));
        self.send_feed_ops(server, account).await?;
        for (flag, on, keys) in outbox.groups() {
            let ids = self.item_ids(&keys).await?;
            for batch in ids.chunks(MARKS_AT_ONCE) {
                server.mark(batch, flag, on).await?;
            }
        }
        {
            let library = &mut self.state.borrow_mut().library;
            let acked = library.account().cloned().map(|a| Account { acked: last.max(a.acked), ..a });
            library.set_account(acked);
        }
        self.commit().await;
        // What was marked while this was sent still waits.
        self.count_waiting().await;
        Ok(())
    }

    /// Sends what the reader did to the account's feeds, in order, each forgotten once the
    /// server took it. One the server cannot do (no feed at an address) is said and dropped;
    /// a failure to reach it keeps the rest for the next time.
    async fn send_feed_ops(self: &Rc<Self>, server: &Api<'_, P>, account: &Account) -> Result<(), SyncError> {
        for op in &account.pending {
            match server.feed_op(op).await {
                Ok(()) => {}
                Err(SyncError::Unreadable(why)) => self.emit(Event::SyncFailed(SyncError::Unreadable(why))),
                Err(error) => return Err(error),
            }
            {
                let library = &mut self.state.borrow_mut().library;
                // A feed of this device the server now has: it is the server's from here on.
                if let FeedOp::Subscribe { replaces: Some(id), .. } = op {
                    if library.remove(id).is_some() {
                        library.forget(vec![id.clone()]);
                    }
                }
                let rest = library.account().cloned().map(|mut a| {
                    if a.pending.first() == Some(op) {
                        a.pending.remove(0);
                    }
                    a
                });
                library.set_account(rest);
            }
            self.commit().await;
        }
        Ok(())
    }

    /// Records something done to the account's feeds, to send soon (and keeps it until the
    /// server takes it).
    pub(super) fn queue(self: &Rc<Self>, op: FeedOp) {
        {
            let library = &mut self.state.borrow_mut().library;
            let queued = library.account().cloned().map(|mut a| {
                // Undoing an unsubscription not sent yet: nothing to send at all.
                let undone = matches!(&op, FeedOp::Subscribe { .. })
                    && a.pending.last().is_some_and(|last| matches!(last, FeedOp::Unsubscribe { .. }));
                if undone {
                    a.pending.pop();
                } else {
                    a.pending.push(op);
                }
                a
            });
            library.set_account(queued);
        }
        self.send_soon();
    }

    /// Subscribes on the server to a feed's (or a site's) address: the server fetches it, so
    /// no site's CORS rules matter; the feed arrives with the sync that follows.
    pub(super) async fn subscribe_on_server(self: Rc<Self>, address: String) {
        let address = address.trim().to_string();
        if address.is_empty() || self.state.borrow().library.account().is_none() {
            return;
        }
        let url = if address.contains("://") { address } else { format!("https://{address}") };
        let server = self.state.borrow().library.account().map(Account::server).unwrap_or_default();
        self.queue(FeedOp::Subscribe { url: url.clone(), replaces: None });
        if self.commit().await {
            self.emit(Event::Status(crate::protocol::Status::ok(format!(
                "Asked {server} to subscribe to {url}: the feed arrives with the sync."
            ))));
        }
        self.clone().sync().await;
    }

    /// Adds every feed of this device that has an address to the server, which fetches them
    /// from then on; each leaves this device once the server has it.
    pub(super) async fn move_to_server(self: Rc<Self>) {
        let (urls, server) = {
            let library = &self.state.borrow().library;
            let Some(account) = library.account() else { return };
            let urls: Vec<_> =
                library.subscriptions().filter(|s| s.remote.is_none()).filter_map(|s| Some((s.source.clone()?, s.id.clone()))).collect();
            (urls, account.server())
        };
        let count = urls.len();
        for (url, id) in urls {
            self.queue(FeedOp::Subscribe { url, replaces: Some(id) });
        }
        if self.commit().await {
            let feeds = crate::protocol::plural(count, "feed", "feeds");
            self.emit(Event::Status(crate::protocol::Status::ok(format!(
                "Adding {feeds} to {server}: each moves there once the server has it."
            ))));
        }
        self.clone().sync().await;
    }

    /// The server's ids of the reader's entries, from their stored articles.
    async fn item_ids(&self, keys: &[EntryKey]) -> Result<Vec<ItemId>, SyncError> {
        let articles = self.ports.store().articles_by_key(keys).await.map_err(|e| SyncError::Unreadable(e.to_string()))?;
        Ok(articles.into_iter().map(|(_, entry)| ItemId::parse(&entry.id)).collect())
    }

    /// Brings the contents of items not here yet, a batch at a time, each saved before the
    /// next is asked for (an interruption keeps what was saved; the next sync asks only for
    /// the rest).
    async fn take_contents(self: &Rc<Self>, server: &Api<'_, P>, missing: Vec<ItemId>) -> Result<(), SyncError> {
        let of = missing.len() as u32;
        let mut done = 0;
        let mut paging = server.paging(missing);
        self.emit(Event::Syncing(Some(Saving { done, of })));
        while let Some(items) = server.next_contents(&mut paging).await? {
            let brought = items.len() as u32;
            // Each feed's items together; their state comes from the id lists.
            let streams = self.state.borrow().library.account_streams();
            let mut by_feed: std::collections::BTreeMap<_, Vec<_>> = Default::default();
            for item in items {
                if let Some(id) = streams.get(&item.stream) {
                    by_feed.entry(id.clone()).or_default().push(item.arrival);
                }
            }
            for (id, arrivals) in by_feed {
                // The reader's filters judge them as any arrivals: hidden, or read on arrival
                // (a mark sent to the server like any other).
                let judged = self.judge_arrivals(&id, &arrivals).await;
                let library = &mut self.state.borrow_mut().library;
                let Some(feed) = library.subscription(&id).map(|s| s.feed.clone()) else { continue };
                let intake = library.take_in(&id, feed, &arrivals);
                super::filtering::take_judged(library, &id, judged, &intake.fresh);
            }
            done += brought;
            self.commit().await;
            self.emit(Event::Syncing(Some(Saving { done: done.min(of), of })));
        }
        Ok(())
    }

    /// Adds the reader's marks of the account's entries to what waits, and has them sent soon
    /// (marks that come in a burst go together). Says whether any was the account's.
    pub(super) fn wait_to_send(self: &Rc<Self>, marks: &[crate::core::library::Marked]) -> bool {
        let added = {
            let mut state = self.state.borrow_mut();
            if marks.is_empty() || state.library.account().is_none_or(|a| a.refused) {
                return false;
            }
            let before = state.waiting.len();
            let mut waiting = std::mem::take(&mut state.waiting);
            waiting.extend(marks, |k| state.library.is_account_entry(k));
            let added = waiting.len() != before;
            state.waiting = waiting;
            added
        };
        if added {
            self.send_soon();
        }
        added
    }

    /// Sends what waits in a moment (what comes in a burst goes together).
    fn send_soon(self: &Rc<Self>) {
        if !std::mem::replace(&mut self.state.borrow_mut().sending_soon, true) {
            let engine = self.clone();
            self.platform().spawn(Box::pin(async move {
                engine.platform().sleep(SEND_AFTER_MS).await;
                engine.state.borrow_mut().sending_soon = false;
                engine.send_now().await;
            }));
        }
    }

    /// Sends what waits, unless a sync is under way (it sends first) or the device is offline
    /// (the next sync sends it).
    pub(super) async fn send_now(self: &Rc<Self>) {
        let account = self.state.borrow().library.account().cloned();
        let Some(account) = account.filter(|a| !a.refused) else { return };
        if !self.ports.fetch().online() || std::mem::replace(&mut self.state.borrow_mut().syncing, true) {
            return;
        }
        let Some(_held) = self.platform().lock(SYNC_LOCK).await else {
            self.state.borrow_mut().syncing = false;
            return;
        };
        let sent = self.send_waiting(&Api::new(self, &account), &account).await;
        self.state.borrow_mut().syncing = false;
        match sent {
            Ok(()) => self.state.borrow_mut().retries = 0,
            Err(error) => self.sync_failed(error),
        }
    }

    /// Says what went wrong and, when trying again later can help (the server failed, or did
    /// not answer), plans a sync: after 30 s, then twice as long each time. Nothing is retried
    /// that needs the reader (a refused login, a wrong address), nor while offline (the
    /// network's return sends what waits).
    fn sync_failed(self: &Rc<Self>, error: SyncError) {
        let passing = matches!(&error, SyncError::Server(_) | SyncError::Network(Problem::Unreachable | Problem::Timeout));
        self.emit(Event::SyncFailed(error));
        let delay = {
            let mut state = self.state.borrow_mut();
            if !passing || state.retries >= RETRIES || state.retry_planned || !self.ports.fetch().online() {
                return;
            }
            state.retry_planned = true;
            state.retries += 1;
            RETRY_AFTER_MS << (state.retries - 1)
        };
        let engine = self.clone();
        self.platform().spawn(Box::pin(async move {
            engine.platform().sleep(delay).await;
            engine.state.borrow_mut().retry_planned = false;
            engine.sync().await;
        }));
    }

    /// Reads what waits to be sent (at start, and after a send).
    pub(super) async fn count_waiting(&self) {
        let Some(acked) = self.state.borrow().library.account().map(|a| a.acked) else { return };
        let records = match self.ports.store().marks_since(acked).await {
            Ok(Some((records, _))) => records,
            _ => Vec::new(),
        };
        let waiting = {
            let library = &self.state.borrow().library;
            Outbox::of(&records, |k| library.is_account_entry(k))
        };
        self.state.borrow_mut().waiting = waiting;
        self.emit_account();
    }

    /// Tells the page the account as it stands.
    pub(super) fn emit_account(&self) {
        let view = {
            let state = self.state.borrow();
            state.library.account().map(|a| AccountView {
                dialect: a.dialect,
                server: a.server(),
                api: a.api.clone(),
                user: a.user.clone(),
                synced: a.synced,
                waiting: state.waiting.len() + a.pending.len(),
                refused: a.refused,
            })
        };
        self.emit(Event::Account(view));
    }
}
