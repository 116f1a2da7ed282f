//! The rows the log seals besides the contacts (see [`crate::domain::records_seal`]), read
//! for the whole book (`verify`), for one contact (a write's before and after), or hashed
//! by the report as its timeline pass reads them.

use super::Snap;
use crate::domain::ContactId;
use crate::domain::records_seal::{RowHash, RowHasher, Seal, Table};
use anyhow::Result;
use rusqlite::Row;
use rusqlite::types::ValueRef;

/// The timeline's sealed columns, every one a fact: what was done, when, with whom, for how
/// much, and the stage and grade it changed.
pub(super) const INTERACTION_COLUMNS: &str = "id, contact_id, at, kind, channel, body, \
    from_stage, to_stage, script_id, amount_cents, product, grade_from, grade_to";
const INTERACTION_WIDTH: usize = 13;

/// The purchases' sealed columns.
pub(super) const PURCHASE_COLUMNS: &str = "id, contact_id, at, product, amount_cents";
pub(super) const PURCHASE_WIDTH: usize = 5;
/// A closed follow-up's sealed columns: which step, when it was due (and the deadline a
/// snooze missed), how and when it was closed; not the plan's wording or score.
pub(super) const FOLLOWUP_COLUMNS: &str =
    "id, contact_id, track, step, purchase_id, due_at, status, closed_at, note, overdue_at";
pub(super) const FOLLOWUP_WIDTH: usize = 10;

/// Each sealed table's rows (of the follow-ups, those done or skipped): the book's, read
/// from the table itself (a damaged index is `verify --full`'s to find, not a change to the
/// records), and one contact's, read by its index. A book at an older schema (read, never
/// upgraded by a read) lacks later columns: they are read as NULL.
fn sealed_queries(schema: i64) -> [(Table, [String; 2]); 3] {
    let closed = "status IN ('done', 'skipped')";
    let timeline = if schema >= super::schema::GRADE_CHANGES_VERSION {
        INTERACTION_COLUMNS.to_string()
    } else {
        INTERACTION_COLUMNS.replace("grade_from, grade_to", "NULL, NULL")
    };
    let followups = if schema >= super::schema::OVERDUE_VERSION {
        FOLLOWUP_COLUMNS.to_string()
    } else {
        FOLLOWUP_COLUMNS.replace("overdue_at", "NULL")
    };
    [
        (
            Table::Interactions,
            [
                format!("SELECT {timeline} FROM interactions NOT INDEXED"),
                format!("SELECT {timeline} FROM interactions WHERE contact_id = ?1"),
            ],
        ),
        (
            Table::Purchases,
            [
                format!("SELECT {PURCHASE_COLUMNS} FROM purchases NOT INDEXED"),
                format!("SELECT {PURCHASE_COLUMNS} FROM purchases WHERE contact_id = ?1"),
            ],
        ),
        (
            Table::ClosedFollowups,
            [
                format!("SELECT {followups} FROM followups NOT INDEXED WHERE {closed}"),
                format!("SELECT {followups} FROM followups WHERE contact_id = ?1 AND {closed}"),
            ],
        ),
    ]
}

/// The queries at the latest schema (a write's book is always at it).
static SEALED: std::sync::LazyLock<[(Table, [String; 2]); 3]> =
    std::sync::LazyLock::new(|| sealed_queries(super::schema::latest_version()));

/// Whether a follow-up's status is one the seal covers.
pub(super) fn is_closed(status: &[u8]) -> bool {
    matches!(status, b"done" | b"skipped")
}

/// Hashes a row of `table` whose sealed columns are at `at` (in the sealed order).
pub(super) fn hash_columns(
    h: &mut RowHasher,
    table: Table,
    r: &Row<'_>,
    at: &[usize],
) -> Result<RowHash> {
    h.start(table);
    for &i in at {
        match r.get_ref(i)? {
            ValueRef::Null => h.null(),
            ValueRef::Integer(v) => h.int(v),
            ValueRef::Real(v) => h.real(v),
            ValueRef::Text(t) => h.text(t),
            ValueRef::Blob(b) => h.blob(b),
        }
    }
    Ok(h.finish())
}

/// The timeline's columns by position ([`INTERACTION_COLUMNS`] read from column 0).
const INTERACTION_AT: [usize; INTERACTION_WIDTH] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];

/// The hash of a timeline row read with [`INTERACTION_COLUMNS`] from column 0.
pub(super) fn interaction_hash(h: &mut RowHasher, r: &Row<'_>) -> Result<RowHash> {
    hash_columns(h, Table::Interactions, r, &INTERACTION_AT)
}

impl Snap<'_> {
    /// The seal of every sealed row of the book (the report's passes hash the same rows
    /// as they read them).
    pub fn records_seal(&self) -> Result<Seal> {
        self.seal_where(None)
    }

    /// The seal of one contact's sealed rows.
    pub fn records_seal_of(&self, id: ContactId) -> Result<Seal> {
        self.seal_where(Some(id))
    }

    fn seal_where(&self, contact: Option<ContactId>) -> Result<Seal> {
        let mut seal = Seal::default();
        let mut h = RowHasher::default();
        let older;
        let queries = match contact {
            Some(_) => &*SEALED,
            None => {
                older = sealed_queries(self.schema_version()?);
                &older
            }
        };
        for (table, [whole, one]) in queries {
            let sql = if contact.is_some() { one } else { whole };
            let mut stmt = self.conn().prepare_cached(sql)?;
            let columns: Vec<usize> = (0..stmt.column_count()).collect();
            let mut rows = match contact {
                Some(id) => stmt.query([id])?,
                None => stmt.query([])?,
            };
            while let Some(r) = rows.next()? {
                seal.add(hash_columns(&mut h, *table, r, &columns)?);
            }
        }
        Ok(seal)
    }
}
