//! The rows the log seals besides the contacts (see [`crate::domain::records_seal`]), read
//! for the whole book (`verify`) or for one contact (a write's before and after).

use super::Snap;
use crate::domain::ContactId;
use crate::domain::records_seal::{Cell, Seal, Table, row_hash};
use anyhow::Result;
use rusqlite::types::ValueRef;

/// Each sealed table's rows, every column that is a fact (not a plan's wording or score):
/// the book's, read from the table itself (a damaged index is `verify --full`'s to find, not
/// a change to the records), and one contact's, read by its index.
const SEALED: [(Table, [&str; 2]); 3] = [
    (
        Table::Interactions,
        [
            "SELECT id, contact_id, at, kind, channel, body, from_stage, to_stage, script_id, \
             amount_cents, product FROM interactions NOT INDEXED",
            "SELECT id, contact_id, at, kind, channel, body, from_stage, to_stage, script_id, \
             amount_cents, product FROM interactions WHERE contact_id = ?1",
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
const WIDEST: usize = 11;

impl Snap<'_> {
    /// The seal of every sealed row of the book.
    pub fn records_seal(&self) -> Result<Seal> {
        self.seal_where(None)
    }

    /// The seal of one contact's sealed rows.
    pub fn records_seal_of(&self, id: ContactId) -> Result<Seal> {
        self.seal_where(Some(id))
    }

    fn seal_where(&self, contact: Option<ContactId>) -> Result<Seal> {
        let mut seal = Seal::default();
        for (table, [whole, one]) in SEALED {
            let mut stmt =
                self.conn()
                    .prepare_cached(if contact.is_some() { one } else { whole })?;
            let width = stmt.column_count();
            let mut rows = match contact {
                Some(id) => stmt.query([id])?,
                None => stmt.query([])?,
            };
            while let Some(r) = rows.next()? {
                let mut cells = [Cell::Int(None); WIDEST];
                for (i, cell) in cells.iter_mut().enumerate().take(width) {
                    *cell = match r.get_ref(i)? {
                        ValueRef::Null => Cell::Int(None),
                        ValueRef::Integer(v) => Cell::Int(Some(v)),
                        ValueRef::Real(v) => Cell::Real(v),
                        // Text that is not UTF-8 is hashed as the bytes it is.
                        ValueRef::Text(t) => match std::str::from_utf8(t) {
                            Ok(s) => Cell::Text(Some(s)),
                            Err(_) => Cell::Blob(t),
                        },
                        ValueRef::Blob(b) => Cell::Blob(b),
                    };
                }
                seal.add(row_hash(table, &cells[..width]));
            }
        }
        Ok(seal)
    }
}
