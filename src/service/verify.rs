//! `verify`: recomputes the log's hash chain, folds its entries into contacts and stage
//! histories, and checks that the book holds exactly that.

use super::session::View;
use crate::domain::records_seal::{Seal, SealChange};
use crate::domain::state::{ContactState, Folded, StageRow};
use crate::domain::state_digest::Digest;
use crate::domain::state_stream::{Kept, fold_entry};
use crate::domain::{Contact, ContactId};
use crate::store::{BookRows, EventRow, GENESIS_HASH, RowTable, Snap};
use anyhow::Result;
use chrono::{DateTime, Utc};
use serde::Serialize;
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
    /// The entry says the book's timeline, purchases and closed follow-ups were otherwise
    /// before it than the entry before left them (what the book keeps of them between
    /// writes was changed behind the app).
    RecordsContradiction {
        event: i64,
        at: DateTime<Utc>,
    },
    /// The book's timeline, purchases or closed follow-ups are not what the log sealed:
    /// rows added, removed or changed behind the app (`log` and `book` rows).
    RecordsDiffer {
        log: u64,
        book: u64,
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
    /// The seal of the book's records after the last entry that sealed them.
    #[serde(skip)]
    pub sealed: Option<Seal>,
}

impl Verification {
    pub fn ok(&self) -> bool {
        self.breaks.is_empty()
    }

    /// The book's timeline, purchases and closed follow-ups (their seal, `book`) against
    /// the log's last seal of them; a log that never sealed them has nothing to compare.
    pub fn check_records(&mut self, book: Seal) {
        if let Some(logged) = self.sealed
            && book != logged
        {
            self.breaks.push(Break::RecordsDiffer {
                log: logged.rows,
                book: book.rows,
            });
        }
    }
}

/// `verify`'s own contact sink: once the contacts are read, the sealed records are read
/// on the same thread while the other still checks the log — in a book that a sealing
/// write has marked (an older one may lack the columns the seal reads).
struct Sealer<'a> {
    snap: Snap<'a>,
}

impl ContactSink for Sealer<'_> {
    type Out = Option<Seal>;
    fn take(&mut self, _: Contact) {}
    fn finish(self) -> Result<Option<Seal>> {
        if self.snap.setting(super::pipeline::RECORDS_SEAL)?.is_none() {
            return Ok(None);
        }
        self.snap.records_seal().map(Some)
    }
}

/// Breaks listed beyond the first, at most.
const MORE: usize = 19;

/// Log entries handed to the checking thread at a time.
const QUEUE: usize = 64;

/// What [`View::verify_with`] read: the verification, what `beside` returned, what the
/// contact sink made, and the book's stage history (read for the check, and the report's
/// too).
pub struct Verified<U, T> {
    pub verification: Verification,
    pub beside: U,
    pub also: T,
    pub stages: Vec<(ContactId, StageRow)>,
}

/// What reads the book's contacts beside the check: each contact is handed over as it is
/// read, and let go by the sink (a big book is never held whole), then `finish`.
pub trait ContactSink {
    type Out;
    fn take(&mut self, c: Contact);
    fn finish(self) -> Result<Self::Out>;
}

impl ContactSink for () {
    type Out = ();
    fn take(&mut self, _: Contact) {}
    fn finish(self) -> Result<()> {
        Ok(())
    }
}

impl View<'_> {
    /// What SQLite's own check finds wrong with the book's file (see
    /// [`Snap::storage_problems`](crate::store::Snap::storage_problems)).
    pub fn storage_problems(&self) -> anyhow::Result<Vec<String>> {
        self.snap.storage_problems()
    }

    /// What tells this book from another (a copy has the same).
    pub fn book_identity(&self) -> anyhow::Result<Option<String>> {
        self.snap.book_identity()
    }

    pub fn verify(&self) -> Result<Verification> {
        let read = self.verify_with(|_| Ok(()), Sealer { snap: self.snap })?;
        let mut v = read.verification;
        // The log sealed the records, but the book's mark of it is gone: read them now.
        let book = match (read.also, v.sealed) {
            (Some(book), _) => Some(book),
            (None, Some(_)) => Some(self.snap.records_seal()?),
            (None, None) => None,
        };
        if let Some(book) = book {
            v.check_records(book);
        }
        Ok(v)
    }

    /// Verifies the book while reading more of it in the same snapshot. The log is read
    /// and folded on a second thread and connection, which then reads the stage history
    /// and runs `beside` (reads that need nothing else); this one reads the contacts
    /// meanwhile, keeps a digest of each and hands it to `sink`, then finishes the sink
    /// (the report reads its timeline there, shared with `beside`). When the second connection cannot be had,
    /// or began on another snapshot (a write came in between), everything is read here and
    /// the log folded beside instead.
    pub fn verify_with<U: Send, K: ContactSink>(
        &self,
        beside: impl Fn(Snap<'_>) -> Result<U> + Sync,
        mut sink: K,
    ) -> Result<Verified<U, K::Out>> {
        let Some(second) = self.snap.second() else {
            return self.verify_reading_here(&beside, sink);
        };
        let mark = self.snap.snapshot_mark()?;
        let beside = &beside;
        let (checked, out) = std::thread::scope(|scope| {
            let (send, digests_read) = std::sync::mpsc::sync_channel::<Vec<(ContactId, Digest)>>(1);
            let checker = scope.spawn(move || {
                second.read(|snap| {
                    if snap.snapshot_mark()? != mark {
                        return Ok(None);
                    }
                    let (mut v, fold) = check_log::<Digest>(snap)?;
                    let stages = snap.book_stages()?;
                    let more = beside(snap)?;
                    let Ok(digests) = digests_read.recv() else {
                        return Ok(None);
                    };
                    v.contacts = digests.len();
                    if !v.breaks.is_empty() || !digests_agree(&digests, &stages, fold) {
                        // Something is wrong: read the log and the contacts again, keeping
                        // the states, to name it exactly.
                        let (mut exact, fold) = check_log::<ContactState>(snap)?;
                        compare_with_book(&snap.book_contacts()?, &stages, fold, &mut exact);
                        v = exact;
                    }
                    Ok(Some((v, more, stages)))
                })
            });
            let mut digests = Vec::with_capacity(self.snap.rows_hint(RowTable::Contacts));
            let read = self.snap.for_each_book_contact(|c| {
                digests.push((c.id, Digest::of_contact(&c)));
                sink.take(c);
                Ok(())
            });
            if read.is_ok() {
                let _ = send.send(digests);
            }
            drop(send);
            let out = read.and_then(|()| sink.finish());
            let checked = checker.join().expect("the log check panicked");
            (checked, out)
        });
        let out = out?;
        match checked {
            Ok(Some((mut verification, beside, stages))) => {
                verification.breaks.truncate(MORE + 1);
                Ok(Verified {
                    verification,
                    beside,
                    also: out,
                    stages,
                })
            }
            // Another snapshot, or the second connection failed: check here instead.
            _ => {
                let checked = self.verify_reading_here(beside, ())?;
                Ok(Verified {
                    verification: checked.verification,
                    beside: checked.beside,
                    also: out,
                    stages: checked.stages,
                })
            }
        }
    }

    /// [`verify_with`](Self::verify_with) on this connection alone: the log's entries are
    /// read here and hashed and folded on a second thread while this one goes on to the
    /// book's contacts and stage history, the sink, and `beside`.
    fn verify_reading_here<U, K: ContactSink>(
        &self,
        beside: &impl Fn(Snap<'_>) -> Result<U>,
        mut sink: K,
    ) -> Result<Verified<U, K::Out>> {
        std::thread::scope(|scope| {
            let (send, entries) = std::sync::mpsc::sync_channel::<EventRow>(QUEUE);
            let (send_book, book_read) = std::sync::mpsc::sync_channel::<Arc<BookRows>>(1);
            // The log is checked, then compared with the book, on a second thread.
            let checker = scope.spawn(move || {
                let mut check = LogCheck::<ContactState>::new();
                for e in entries {
                    check.push(&e);
                }
                let (mut v, fold) = check.finish();
                let book = book_read.recv().ok()?;
                compare_with_book(&book.contacts, &book.stages, fold, &mut v);
                Some((v, book))
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
            let out = book.and_then(|b| {
                b.contacts.iter().for_each(|c| sink.take(c.clone()));
                sink.finish()
            });
            let more = out.and_then(|out| Ok((beside(self.snap)?, out)));
            let checked = checker.join().expect("the log check panicked");
            let (more, out) = more?;
            let (mut v, book) = checked.ok_or_else(|| anyhow::anyhow!("the log check stopped"))?;
            v.breaks.truncate(MORE + 1);
            Ok(Verified {
                verification: v,
                beside: more,
                also: out,
                stages: Arc::unwrap_or_clone(book).stages,
            })
        })
    }
}

/// Whether the book's contacts (by id, as digests) and stage history are what the folded
/// log says, and nothing more: the clean case, told without keeping any state.
fn digests_agree(
    digests: &[(ContactId, Digest)],
    stages: &[(ContactId, StageRow)],
    mut fold: Folded<Digest>,
) -> bool {
    let mut held = BookStages::new(stages);
    for (id, digest) in digests {
        if fold.contacts.remove(id) != Some(*digest) {
            return false;
        }
        let logged = fold.stages.remove(id).unwrap_or_default();
        if held.differs(*id, &logged).is_some() {
            return false;
        }
    }
    fold.contacts.is_empty()
}

/// The book's stage rows grouped by contact, each contact's in the order they were written
/// (a stable sort keeps it), walked by contacts taken in id order.
struct BookStages<'a> {
    stages: &'a [(ContactId, StageRow)],
    order: Vec<usize>,
    at: usize,
}

impl<'a> BookStages<'a> {
    fn new(stages: &'a [(ContactId, StageRow)]) -> BookStages<'a> {
        let mut order: Vec<usize> = (0..stages.len()).collect();
        order.sort_by_key(|&i| stages[i].0);
        BookStages {
            stages,
            order,
            at: 0,
        }
    }

    /// How many rows the book holds for `id` when they are not `logged`.
    fn differs(&mut self, id: ContactId, logged: &[StageRow]) -> Option<usize> {
        let row = |at: usize| self.order.get(at).map(|&i| &self.stages[i]);
        while row(self.at).is_some_and(|(c, _)| *c < id) {
            self.at += 1;
        }
        let mut held = 0;
        let mut same = true;
        while let Some((_, r)) = row(self.at).filter(|(c, _)| *c == id) {
            same &= logged.get(held) == Some(r);
            held += 1;
            self.at += 1;
        }
        (!same || held != logged.len()).then_some(held)
    }
}

/// The log read and checked in `snap`, keeping `S` of each state.
fn check_log<S: Logged>(snap: Snap<'_>) -> Result<(Verification, Folded<S>)> {
    let mut check = LogCheck::<S>::new();
    snap.for_each_event_in_place(|e| {
        check.push(&e);
        Ok(())
    })?;
    Ok(check.finish())
}

/// What a check keeps of each contact's state: the state itself, which names every
/// difference, or its digest, which only tells that there is one (and costs a big log's
/// check a sixth of the time and tens of MB less).
trait Logged: for<'de> Kept<'de> {
    /// The fields by which two of the log's states differ, for a contradiction.
    fn between(a: &Self, b: &Self) -> FieldDiff;
    fn name(&self) -> String;
}

impl Logged for ContactState {
    fn between(a: &Self, b: &Self) -> FieldDiff {
        a.differences(b)
    }
    fn name(&self) -> String {
        self.name.clone()
    }
}

/// Only ever asked whether all is well: what is not is named by a check of the states.
impl Logged for Digest {
    fn between(_: &Self, _: &Self) -> FieldDiff {
        Vec::new()
    }
    fn name(&self) -> String {
        String::new()
    }
}

/// Checks each entry's link and folds it, in order: what the log says the book is.
struct LogCheck<S> {
    v: Verification,
    fold: Folded<S>,
    prev_hash: String,
    prev_id: i64,
}

impl<S: Logged> LogCheck<S> {
    fn new() -> LogCheck<S> {
        LogCheck {
            v: Verification {
                events: 0,
                first_at: None,
                last_at: None,
                contacts: 0,
                breaks: Vec::new(),
                sealed: None,
            },
            fold: Folded::default(),
            prev_hash: GENESIS_HASH.to_string(),
            prev_id: 0,
        }
    }

    fn push<D: AsRef<str>>(&mut self, e: &EventRow<D>) {
        let v = &mut self.v;
        v.events += 1;
        v.first_at.get_or_insert(e.at);
        v.last_at = Some(e.at);
        check_link(e, &self.prev_hash, self.prev_id, &mut v.breaks);
        self.prev_hash = e.hash.clone().unwrap_or_default();
        self.prev_id = e.id;
        if let Some(records) = fold_logged(e, &mut self.fold, &mut v.breaks) {
            if v.sealed.is_some_and(|last| last != records.before) {
                v.breaks.push(Break::RecordsContradiction {
                    event: e.id,
                    at: e.at,
                });
            }
            v.sealed = Some(records.after);
        }
    }

    fn finish(self) -> (Verification, Folded<S>) {
        (self.v, self.fold)
    }
}

/// The book against the folded log, every difference named (the digests' check,
/// [`digests_agree`], only tells whether there is one).
fn compare_with_book(
    contacts: &[Contact],
    stages: &[(ContactId, StageRow)],
    mut fold: Folded,
    v: &mut Verification,
) {
    let mut held = BookStages::new(stages);
    let breaks = &mut v.breaks;
    for c in contacts {
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
        if let Some(book) = held.differs(c.id, &logged) {
            breaks.push(Break::StageHistory {
                contact: c.id,
                name: c.name.clone(),
                log: logged.len(),
                book,
            });
        }
    }
    v.contacts = contacts.len();
    for (id, s) in fold.contacts {
        v.breaks.push(Break::NotInBook {
            contact: id,
            name: s.name,
        });
    }
}

fn check_link<D: AsRef<str>>(
    e: &EventRow<D>,
    prev_hash: &str,
    prev_id: i64,
    breaks: &mut Vec<Break>,
) {
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

/// Folds one entry, naming its contradictions; returns what it says of the book's sealed
/// records.
fn fold_logged<D: AsRef<str>, S: Logged>(
    e: &EventRow<D>,
    fold: &mut Folded<S>,
    breaks: &mut Vec<Break>,
) -> Option<SealChange> {
    let Ok(folding) = fold_entry(e.detail.as_ref(), fold) else {
        breaks.push(Break::Unreadable {
            event: e.id,
            at: e.at,
        });
        return None;
    };
    for c in folding.conflicts {
        let fields = match (&c.expected, &c.found) {
            (Some(a), Some(b)) => S::between(a, b),
            (a, b) => vec![(
                "contact".into(),
                a.as_ref().map_or("—".into(), |s| s.name()),
                b.as_ref().map_or("—".into(), |s| s.name()),
            )],
        };
        breaks.push(Break::Contradiction {
            event: e.id,
            at: e.at,
            contact: c.contact,
            fields,
        });
    }
    folding.records
}
