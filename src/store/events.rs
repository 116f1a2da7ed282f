//! The append-only activity log. Each entry's hash covers the previous entry's hash and its
//! own content, so removing, inserting, reordering or editing an entry breaks the chain.

use super::time::{from_db, to_db};
use super::{Snap, Writer};
use crate::domain::ContactId;
use crate::domain::state::{ContactState, EventDetail, GenesisContact};
use anyhow::Result;
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Row, params};
use sha2::{Digest, Sha256};

/// The "previous hash" of the first entry.
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// One entry as stored. `detail` is the JSON text exactly as hashed: owned, or borrowed
/// from the row being read (see [`Snap::for_each_event_in_place`]).
#[derive(Debug, Clone, PartialEq)]
pub struct EventRow<D = String> {
    pub id: i64,
    pub at: DateTime<Utc>,
    pub actor: String,
    pub action: String,
    pub contact_id: Option<ContactId>,
    pub undoes: Option<i64>,
    pub detail: D,
    pub hash: Option<String>,
}

impl<D: AsRef<str>> EventRow<D> {
    /// The hash this entry should carry after `prev`.
    pub fn expected_hash(&self, prev: &str) -> String {
        let mut h = Sha256::new();
        h.update(b"salesbook-event-v1\n");
        for part in [
            prev.to_string(),
            self.id.to_string(),
            to_db(self.at).to_string(),
            self.actor.clone(),
            self.action.clone(),
            self.contact_id.map(|c| c.to_string()).unwrap_or_default(),
            self.undoes.map(|c| c.to_string()).unwrap_or_default(),
        ] {
            h.update(part.as_bytes());
            h.update(b"\n");
        }
        h.update(self.detail.as_ref().as_bytes());
        hex(&h.finalize())
    }
}

impl EventRow<&str> {
    pub fn into_owned(self) -> EventRow {
        EventRow {
            id: self.id,
            at: self.at,
            actor: self.actor,
            action: self.action,
            contact_id: self.contact_id,
            undoes: self.undoes,
            detail: self.detail.to_string(),
            hash: self.hash,
        }
    }
}

pub fn sha256_hex(data: &[u8]) -> String {
    hex(&Sha256::digest(data))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

const COLUMNS: &str = "id, at, actor, action, contact_id, undoes, detail, hash";

/// An entry with its detail borrowed from the row.
fn in_place<'r>(r: &'r Row) -> rusqlite::Result<EventRow<&'r str>> {
    Ok(EventRow {
        id: r.get(0)?,
        at: from_db(r.get(1)?),
        actor: r.get(2)?,
        action: r.get(3)?,
        contact_id: r.get(4)?,
        undoes: r.get(5)?,
        detail: r.get_ref(6)?.as_str()?,
        hash: r.get(7)?,
    })
}

fn from_row(r: &Row) -> rusqlite::Result<EventRow> {
    in_place(r).map(EventRow::into_owned)
}

impl Snap<'_> {
    /// What SQLite's own check (`integrity_check`: every page, every index against its
    /// table) finds wrong with the file: nothing when it is sound. It reads the whole file:
    /// about 5 s at 100,000 contacts.
    pub fn storage_problems(&self) -> Result<Vec<String>> {
        let sql = "PRAGMA integrity_check(20)";
        // A reader's page cache is a few pages (it reads by index); the check walks every
        // tree: a roomier one for the check only.
        let conn = self.conn();
        let kept: i64 = conn.query_row("PRAGMA cache_size", [], |r| r.get(0))?;
        conn.pragma_update(None, "cache_size", -16_384)?;
        let rows = conn.prepare(sql).and_then(|mut st| {
            st.query_map([], |r| r.get::<_, String>(0))?
                .collect::<rusqlite::Result<Vec<_>>>()
        });
        conn.pragma_update(None, "cache_size", kept)?;
        let rows = rows?;
        // One finding a line, without the banner naming the schema ("*** in database
        // main ***").
        Ok(rows
            .iter()
            .flat_map(|r| r.lines())
            .map(str::trim)
            .filter(|l| !l.is_empty() && *l != "ok" && !l.starts_with("***"))
            .map(str::to_string)
            .collect())
    }

    /// Calls `f` on every entry, oldest first, without holding them all in memory.
    pub fn for_each_event(&self, mut f: impl FnMut(EventRow) -> Result<()>) -> Result<()> {
        self.for_each_event_in_place(|e| f(e.into_owned()))
    }

    /// Like [`for_each_event`](Self::for_each_event), with each entry's detail borrowed
    /// from the row instead of copied: a batch entry's detail can be tens of MB.
    pub fn for_each_event_in_place(
        &self,
        mut f: impl FnMut(EventRow<&str>) -> Result<()>,
    ) -> Result<()> {
        let mut stmt = self
            .conn()
            .prepare(&format!("SELECT {COLUMNS} FROM events ORDER BY id"))?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            f(in_place(r)?)?;
        }
        Ok(())
    }

    pub fn events(&self) -> Result<Vec<EventRow>> {
        let mut out = Vec::new();
        self.for_each_event(|e| {
            out.push(e);
            Ok(())
        })?;
        Ok(out)
    }

    /// The hash of the log's first entry. It names the book: a copy of it has the same one;
    /// another book has another unless its first change was the same, by the same person,
    /// in the same second.
    /// What tells one book from another: the hash of its log's second entry (which
    /// chains the first), or of the first in a book with one. Two books made the same
    /// second by the same rep share a first entry; a copy shares all of them.
    pub fn book_identity(&self) -> Result<Option<String>> {
        Ok(self
            .conn()
            .prepare_cached("SELECT hash FROM events ORDER BY id LIMIT 2")?
            .query_map([], |r| r.get::<_, Option<String>>(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?
            .into_iter()
            .flatten()
            .next_back())
    }

    pub fn first_event_hash(&self) -> Result<Option<String>> {
        Ok(self
            .conn()
            .prepare_cached("SELECT hash FROM events ORDER BY id LIMIT 1")?
            .query_row([], |r| r.get::<_, Option<String>>(0))
            .optional()?
            .flatten())
    }

    pub fn event(&self, id: i64) -> Result<Option<EventRow>> {
        Ok(self
            .conn()
            .prepare_cached(&format!("SELECT {COLUMNS} FROM events WHERE id = ?1"))?
            .query_row([id], from_row)
            .optional()?)
    }

    /// `actor`'s entries, newest first, below `before` (exclusive), at most `limit`.
    pub fn events_by(&self, actor: &str, before: i64, limit: usize) -> Result<Vec<EventRow>> {
        Ok(self
            .conn()
            .prepare_cached(&format!(
                "SELECT {COLUMNS} FROM events WHERE actor = ?1 AND id < ?2 \
                 ORDER BY id DESC LIMIT ?3"
            ))?
            .query_map(params![actor, before, limit as i64], from_row)?
            .collect::<rusqlite::Result<_>>()?)
    }

    /// Entries after `id`, oldest first.
    pub fn events_after(&self, id: i64) -> Result<Vec<EventRow>> {
        Ok(self
            .conn()
            .prepare_cached(&format!(
                "SELECT {COLUMNS} FROM events WHERE id > ?1 ORDER BY id"
            ))?
            .query_map([id], from_row)?
            .collect::<rusqlite::Result<_>>()?)
    }

    /// The entry that undid `id`, if one did.
    pub fn undone_by(&self, id: i64) -> Result<Option<i64>> {
        Ok(self
            .conn()
            .prepare_cached("SELECT id FROM events WHERE undoes = ?1 ORDER BY id LIMIT 1")?
            .query_row([id], |r| r.get(0))
            .optional()?)
    }

    /// The newest entry with this action, if any.
    pub fn last_event_id(&self, action: &str) -> Result<Option<i64>> {
        Ok(self
            .conn()
            .prepare_cached("SELECT max(id) FROM events WHERE action = ?1")?
            .query_row([action], |r| r.get(0))?)
    }

    pub fn count_events(&self) -> Result<i64> {
        Ok(self
            .conn()
            .query_row("SELECT count(*) FROM events", [], |r| r.get(0))?)
    }
}

/// The last entry's id and hash (the chain's current end).
pub(super) fn chain_end(conn: &Connection) -> Result<(i64, String)> {
    let end: Option<(i64, Option<String>)> = conn
        .prepare_cached("SELECT id, hash FROM events ORDER BY id DESC LIMIT 1")?
        .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    Ok(match end {
        Some((id, hash)) => (id, hash.unwrap_or_else(|| GENESIS_HASH.to_string())),
        None => (0, GENESIS_HASH.to_string()),
    })
}

/// The last entry as told apart from any other without reading its detail or its hash:
/// those come after the detail in the row, so reading them walks all of a big entry's
/// pages (40 MB for a demo's, 15-30 ms). Id, time, author, action, contact and the
/// detail's size in bytes (which SQLite knows without reading it).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(super) struct EntryMark {
    id: i64,
    at: i64,
    actor: String,
    action: String,
    contact: Option<i64>,
    detail_bytes: i64,
}

pub(super) fn last_entry_mark(conn: &Connection) -> Result<EntryMark> {
    Ok(conn
        .prepare_cached(
            "SELECT id, at, actor, action, contact_id, octet_length(detail) \
             FROM events ORDER BY id DESC LIMIT 1",
        )?
        .query_row([], |r| {
            Ok(EntryMark {
                id: r.get(0)?,
                at: r.get(1)?,
                actor: r.get(2)?,
                action: r.get(3)?,
                contact: r.get(4)?,
                detail_bytes: r.get::<_, Option<i64>>(5)?.unwrap_or(0),
            })
        })
        .optional()?
        .unwrap_or_default())
}

fn insert(conn: &Connection, e: &EventRow) -> Result<()> {
    conn.prepare_cached(&format!(
        "INSERT INTO events ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
    ))?
    .execute(params![
        e.id,
        to_db(e.at),
        e.actor,
        e.action,
        e.contact_id,
        e.undoes,
        e.detail,
        e.hash
    ])?;
    Ok(())
}

impl Writer<'_> {
    /// Appends one entry to the chain; returns its id.
    pub fn append_event(
        &self,
        at: DateTime<Utc>,
        actor: &str,
        action: &str,
        contact_id: Option<ContactId>,
        undoes: Option<i64>,
        detail: &str,
    ) -> Result<i64> {
        let (last, prev) = chain_end(self.tx)?;
        let mut e = EventRow {
            id: last + 1,
            at,
            actor: actor.to_string(),
            action: action.to_string(),
            contact_id,
            undoes,
            detail: detail.to_string(),
            hash: None,
        };
        e.hash = Some(e.expected_hash(&prev));
        insert(self.tx, &e)?;
        Ok(e.id)
    }
}

/// For a book made before the chain: hashes its existing entries in order (the log is
/// append-only, so its triggers are lifted for this one pass) and appends a genesis entry
/// holding every contact as it is now, with its stage history — where `verify` starts.
pub(super) fn seal_old_log(tx: &Connection) -> Result<()> {
    tx.execute_batch("DROP TRIGGER events_no_update;")?;
    let mut prev = GENESIS_HASH.to_string();
    let rows: Vec<EventRow> = {
        let mut stmt = tx.prepare(&format!("SELECT {COLUMNS} FROM events ORDER BY id"))?;
        stmt.query_map([], from_row)?
            .collect::<rusqlite::Result<_>>()?
    };
    for mut e in rows {
        let h = e.expected_hash(&prev);
        tx.execute(
            "UPDATE events SET hash = ?2 WHERE id = ?1",
            params![e.id, h],
        )?;
        e.hash = Some(h.clone());
        prev = h;
    }
    tx.execute_batch(
        "CREATE TRIGGER events_no_update BEFORE UPDATE ON events \
         BEGIN SELECT RAISE(ABORT, 'the events log is append-only'); END;",
    )?;
    let detail = genesis_detail(tx)?;
    let now = chrono::Utc::now();
    let (last, prev) = chain_end(tx)?;
    let mut e = EventRow {
        id: last + 1,
        at: now,
        actor: "salesbook".into(),
        action: "genesis".into(),
        contact_id: None,
        undoes: None,
        detail,
        hash: None,
    };
    e.hash = Some(e.expected_hash(&prev));
    insert(tx, &e)
}

/// Every contact as it is now, for the genesis entry of a book made before the chained log.
fn genesis_detail(conn: &Connection) -> Result<String> {
    let ids: Vec<ContactId> = conn
        .prepare("SELECT id FROM contacts ORDER BY id")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut contacts = Vec::with_capacity(ids.len());
    for id in ids {
        if let Some(c) = super::contacts::get_contact(conn, id)? {
            contacts.push(GenesisContact {
                id,
                state: ContactState::of(&c),
                stages: super::contacts::stage_rows(conn, id)?,
            });
        }
    }
    let detail = EventDetail {
        genesis: Some(contacts),
        ..EventDetail::default()
    };
    Ok(serde_json::to_string(&detail)?)
}
