//! The rows the log seals besides the contacts (see [`crate::domain::records_seal`]), read
//! for the whole book (`verify`), for one contact (a write's before and after), or hashed
//! by the report as its timeline pass reads them.

use super::Snap;
use crate::domain::ContactId;
use crate::domain::records_seal::{Cell, RowHash, Seal, Table, row_hash};
use anyhow::Result;
use rusqlite::Row;
use rusqlite::types::ValueRef;

/// The timeline's sealed columns, every one a fact: what was done, when, with whom, for how
/// much, and the stage and grade it changed.
pub(super) const INTERACTION_COLUMNS: &str = "id, contact_id, at, kind, channel, body, \
    from_stage, to_stage, script_id, amount_cents, product, grade_from, grade_to";
const INTERACTION_WIDTH: usize = 13;

/// Each sealed table's rows (of the follow-ups, those done or skipped, not a plan's wording
/// or score): the book's, read from the table itself (a damaged index is `verify --full`'s
/// to find, not a change to the records), and one contact's, read by its index.
const SEALED: [(Table, [&str; 2]); 3] = [
    (
        Table::Interactions,
        [
            "SELECT id, contact_id, at, kind, channel, body, from_stage, to_stage, script_id, \
             amount_cents, product, grade_from, grade_to FROM interactions NOT INDEXED",
            "SELECT id, contact_id, at, kind, channel, body, from_stage, to_stage, script_id, \
             amount_cents, product, grade_from, grade_to FROM interactions WHERE contact_id = ?1",
        ],
    ),
    (
        Table::Purchases,
        [
            "SELECT id, contact_id, at, product, amount_cents FROM purchases NOT INDEXED",
            "SELECT id, contact_id, at, product, amount_cents FROM purchases WHERE contact_id = ?1",
        ],
    ),
    (
        Table::ClosedFollowups,
        [
            "SELECT id, contact_id, track, step, purchase_id, due_at, status, closed_at, note \
             FROM followups NOT INDEXED WHERE status IN ('done', 'skipped')",
            "SELECT id, contact_id, track, step, purchase_id, due_at, status, closed_at, note \
             FROM followups WHERE contact_id = ?1 AND status IN ('done', 'skipped')",
        ],
    ),
];

/// The most columns a sealed table's query reads.
const WIDEST: usize = INTERACTION_WIDTH;

fn cell(v: ValueRef<'_>) -> Cell<'_> {
    match v {
        ValueRef::Null => Cell::Int(None),
        ValueRef::Integer(v) => Cell::Int(Some(v)),
        ValueRef::Real(v) => Cell::Real(v),
        // Text that is not UTF-8 is hashed as the bytes it is.
        ValueRef::Text(t) => match std::str::from_utf8(t) {
            Ok(s) => Cell::Text(Some(s)),
            Err(_) => Cell::Blob(t),
        },
        ValueRef::Blob(b) => Cell::Blob(b),
    }
}

/// The hash of a row of `table` whose sealed columns are at `at` (in the sealed order).
fn hash_columns(table: Table, r: &Row<'_>, at: &[usize]) -> Result<RowHash> {
    let mut cells = [Cell::Int(None); WIDEST];
    for (slot, &i) in cells.iter_mut().zip(at) {
        *slot = cell(r.get_ref(i)?);
    }
    Ok(row_hash(table, &cells[..at.len()]))
}

/// The hash of a timeline row read with [`INTERACTION_COLUMNS`] from column `first` on.
pub(super) fn interaction_hash(r: &Row<'_>, first: usize) -> Result<RowHash> {
    let at: [usize; INTERACTION_WIDTH] = std::array::from_fn(|i| first + i);
    hash_columns(Table::Interactions, r, &at)
}

impl Snap<'_> {
    /// The seal of every sealed row of the book.
    pub fn records_seal(&self) -> Result<Seal> {
        self.seal_where(&SEALED, None)
    }

    /// The seal of the purchases and closed follow-ups alone (the report hashes the
    /// timeline as it reads it).
    pub fn records_seal_besides_timeline(&self) -> Result<Seal> {
        self.seal_where(&SEALED[1..], None)
    }

    /// The seal of one contact's sealed rows.
    pub fn records_seal_of(&self, id: ContactId) -> Result<Seal> {
        self.seal_where(&SEALED, Some(id))
    }

    fn seal_where(
        &self,
        tables: &[(Table, [&str; 2])],
        contact: Option<ContactId>,
    ) -> Result<Seal> {
        let mut seal = Seal::default();
        for &(table, [whole, one]) in tables {
            let mut stmt =
                self.conn()
                    .prepare_cached(if contact.is_some() { one } else { whole })?;
            let columns: Vec<usize> = (0..stmt.column_count()).collect();
            let mut rows = match contact {
                Some(id) => stmt.query([id])?,
                None => stmt.query([])?,
            };
            while let Some(r) = rows.next()? {
                seal.add(hash_columns(table, r, &columns)?);
            }
        }
        Ok(seal)
    }
}
