//! `verify`: recomputes the log's hash chain, folds its entries into contacts and stage
//! histories, and checks that the book holds exactly that.

use super::session::View;
use crate::domain::ContactId;
use crate::domain::state::{ContactState, EventDetail, Folded, StageRow};
use crate::store::{BookRows, EventRow, GENESIS_HASH};
use anyhow::Result;
use chrono::{DateTime, Utc};
use serde::Serialize;
use std::collections::HashMap;
use std::sync::Arc;

/// What differs, field by field: (field, what the log says, what the other side says).
pub type FieldDiff = Vec<(String, String, String)>;

/// A broken link, as precisely as it can be named.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Break {
    /// Entry ids jump from `after` to `next`: entries in between were removed.
    Gap {
        after: i64,
        next: i64,
        at: DateTime<Utc>,
    },
    /// The entry's hash does not follow from its content and the entry before: it, or
    /// something before it, was changed, inserted or reordered.
    Hash {
        event: i64,
        at: DateTime<Utc>,
        action: String,
        contact: Option<ContactId>,
    },
    /// The entry's content cannot be read.
    Unreadable {
        event: i64,
        at: DateTime<Utc>,
    },
    /// The entry says the contact was one thing before it; the entries before it say
    /// another (an entry was moved, inserted or left out).
    Contradiction {
        event: i64,
        at: DateTime<Utc>,
        contact: ContactId,
        fields: FieldDiff,
    },
    /// The book holds the contact otherwise than the log says (changed behind the app).
    Differs {
        contact: ContactId,
        name: String,
        fields: FieldDiff,
    },
    NotInLog {
        contact: ContactId,
        name: String,
    },
    NotInBook {
        contact: ContactId,
        name: String,
    },
    StageHistory {
        contact: ContactId,
        name: String,
        log: usize,
        book: usize,
    },
}

#[derive(Debug, Clone, Serialize)]
pub struct Verification {
    pub events: usize,
    pub first_at: Option<DateTime<Utc>>,
    pub last_at: Option<DateTime<Utc>>,
    pub contacts: usize,
    /// The first broken link first; at most a few more after it.
    pub breaks: Vec<Break>,
}

impl Verification {
    pub fn ok(&self) -> bool {
        self.breaks.is_empty()
    }
}

/// Breaks listed beyond the first, at most.
const MORE: usize = 19;

/// Log entries handed to the checking thread at a time.
const QUEUE: usize = 64;

impl View<'_> {
    pub fn verify(&self) -> Result<Verification> {
        Ok(self.verify_with(|_| Ok(()))?.0)
    }

    /// Verifies the book while `also` reads more of it in the same snapshot: the log's
    /// entries are hashed and folded on a second thread while this one reads them, then the
    /// book's contacts and stage history, then runs `also` with those rows (the report's
    /// loader needs them too), and last compares the book with the folded log.
    pub fn verify_with<T>(
        &self,
        also: impl FnOnce(&BookRows) -> Result<T>,
    ) -> Result<(Verification, T)> {
        std::thread::scope(|scope| {
            let (send, entries) = std::sync::mpsc::sync_channel::<EventRow>(QUEUE);
            let (send_book, book_read) = std::sync::mpsc::sync_channel::<Arc<BookRows>>(1);
            // The log is checked, then compared with the book, on a second thread.
            let checker = scope.spawn(move || {
                let (mut v, fold) = check_log(entries);
                let book = book_read.recv().ok()?;
                compare_with_book(&book, fold, &mut v);
                Some(v)
            });
            let read = self.snap.for_each_event(|e| {
                send.send(e)
                    .map_err(|_| anyhow::anyhow!("the log check stopped"))
            });
            drop(send);
            let book = read.and_then(|()| self.snap.book_rows()).map(Arc::new);
            if let Ok(b) = &book {
                // The checker only stops early by panicking, which the join reports.
                let _ = send_book.send(Arc::clone(b));
            }
            drop(send_book);
            let out = book.and_then(|b| also(&b));
            let checked = checker.join().expect("the log check panicked");
            let out = out?;
            let mut v = checked.ok_or_else(|| anyhow::anyhow!("the log check stopped"))?;
            v.breaks.truncate(MORE + 1);
            Ok((v, out))
        })
    }
}

/// Checks each entry's link and folds it, in order: what the log says the book is.
fn check_log(entries: std::sync::mpsc::Receiver<EventRow>) -> (Verification, Folded) {
    let mut v = Verification {
        events: 0,
        first_at: None,
        last_at: None,
        contacts: 0,
        breaks: Vec::new(),
    };
    let mut fold = Folded::default();
    let mut prev_hash = GENESIS_HASH.to_string();
    let mut prev_id = 0i64;
    for e in entries {
        v.events += 1;
        v.first_at.get_or_insert(e.at);
        v.last_at = Some(e.at);
        check_link(&e, &prev_hash, prev_id, &mut v.breaks);
        prev_hash = e.hash.clone().unwrap_or_default();
        prev_id = e.id;
        fold_entry(&e, &mut fold, &mut v.breaks);
    }
    (v, fold)
}

fn compare_with_book(book: &BookRows, mut fold: Folded, v: &mut Verification) {
    let mut book_stages: HashMap<ContactId, Vec<StageRow>> =
        HashMap::with_capacity(book.contacts.len());
    for (id, row) in &book.stages {
        book_stages.entry(*id).or_default().push(row.clone());
    }
    let breaks = &mut v.breaks;
    for c in &book.contacts {
        match fold.contacts.remove(&c.id) {
            None => breaks.push(Break::NotInLog {
                contact: c.id,
                name: c.name.clone(),
            }),
            Some(logged) if !logged.matches(c) => breaks.push(Break::Differs {
                contact: c.id,
                name: c.name.clone(),
                fields: logged.differences(&ContactState::of(c)),
            }),
            Some(_) => {}
        }
        let logged = fold.stages.remove(&c.id).unwrap_or_default();
        let held = book_stages.remove(&c.id).unwrap_or_default();
        if logged != held {
            breaks.push(Break::StageHistory {
                contact: c.id,
                name: c.name.clone(),
                log: logged.len(),
                book: held.len(),
            });
        }
    }
    v.contacts = book.contacts.len();
    for (id, s) in fold.contacts {
        v.breaks.push(Break::NotInBook {
            contact: id,
            name: s.name,
        });
    }
}

fn check_link(e: &EventRow, prev_hash: &str, prev_id: i64, breaks: &mut Vec<Break>) {
    if e.id != prev_id + 1 {
        breaks.push(Break::Gap {
            after: prev_id,
            next: e.id,
            at: e.at,
        });
    } else if e.hash.as_deref() != Some(e.expected_hash(prev_hash).as_str()) {
        breaks.push(Break::Hash {
            event: e.id,
            at: e.at,
            action: e.action.clone(),
            contact: e.contact_id,
        });
    }
}

fn fold_entry(e: &EventRow, fold: &mut Folded, breaks: &mut Vec<Break>) {
    let Ok(detail) = serde_json::from_str::<EventDetail>(&e.detail) else {
        breaks.push(Break::Unreadable {
            event: e.id,
            at: e.at,
        });
        return;
    };
    if let Some(genesis) = detail.genesis {
        let start: Vec<_> = genesis
            .into_iter()
            .map(|g| (g.id, g.state, g.stages))
            .collect();
        fold.start_from(&start);
        return;
    }
    for ch in detail.contacts {
        if let Err(c) = fold.apply(ch) {
            let fields = match (&c.expected, &c.found) {
                (Some(a), Some(b)) => a.differences(b),
                (a, b) => vec![(
                    "contact".into(),
                    a.as_ref().map_or("—".into(), |s| s.name.clone()),
                    b.as_ref().map_or("—".into(), |s| s.name.clone()),
                )],
            };
            breaks.push(Break::Contradiction {
                event: e.id,
                at: e.at,
                contact: c.contact,
                fields,
            });
        }
    }
}
