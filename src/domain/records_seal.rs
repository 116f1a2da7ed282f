//! The book's records besides its contacts' fields — timeline entries, purchases and closed
//! follow-ups — sealed in the log. Every entry records the book's seal before and after it;
//! `verify` checks that each entry starts where the one before ended and that the book's
//! rows still add up to the last one. An entry added, removed or changed behind the app
//! breaks the sum.
//!
//! A seal is a count and a wrapping sum of one 64-bit hash per row, so a write updates it
//! from the rows of the contacts it touched alone, in any order.

use serde::{Deserialize, Serialize};
use siphasher::sip::SipHasher13;
use std::hash::Hasher;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Seal {
    pub rows: u64,
    pub sum: u64,
}

impl Seal {
    pub fn add(&mut self, row: RowHash) {
        self.rows = self.rows.wrapping_add(1);
        self.sum = self.sum.wrapping_add(row.0);
    }

    /// The seal of these rows and `other`'s together.
    pub fn plus(self, other: Seal) -> Seal {
        Seal {
            rows: self.rows.wrapping_add(other.rows),
            sum: self.sum.wrapping_add(other.sum),
        }
    }

    /// This seal with `before` taken out and `after` put in: a set of rows that changed.
    pub fn replaced(self, before: Seal, after: Seal) -> Seal {
        Seal {
            rows: self.rows.wrapping_sub(before.rows),
            sum: self.sum.wrapping_sub(before.sum),
        }
        .plus(after)
    }

    /// As the book keeps it between writes: `rows:sum`, the sum in hex.
    pub fn to_setting(self) -> String {
        format!("{}:{:016x}", self.rows, self.sum)
    }

    pub fn from_setting(s: &str) -> Option<Seal> {
        let (rows, sum) = s.split_once(':')?;
        Some(Seal {
            rows: rows.parse().ok()?,
            sum: u64::from_str_radix(sum, 16).ok()?,
        })
    }
}

/// What one log entry did to the book's seal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SealChange {
    pub before: Seal,
    pub after: Seal,
}

/// Which table a row is from: the same values in two tables hash apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Table {
    Interactions = 1,
    Purchases = 2,
    ClosedFollowups = 3,
}

/// One column's value, as SQLite holds it (a row edited by hand may hold any kind).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Cell<'a> {
    Int(Option<i64>),
    Text(Option<&'a str>),
    Real(f64),
    Blob(&'a [u8]),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RowHash(pub u64);

/// Hashes rows one at a time: each row's table and cells are written into one buffer,
/// each cell marked with its kind (and text with its length) so no two different rows
/// write the same bytes, then the buffer is hashed at once (SipHash-1-3 with fixed keys:
/// the seal is kept in the log, so it never changes between versions).
#[derive(Debug, Default)]
pub struct RowHasher {
    buf: Vec<u8>,
}

impl RowHasher {
    pub fn start(&mut self, table: Table) {
        self.buf.clear();
        self.buf.push(table as u8);
    }

    pub fn null(&mut self) {
        self.buf.push(0);
    }

    pub fn int(&mut self, v: i64) {
        self.buf.push(1);
        self.buf.extend_from_slice(&v.to_le_bytes());
    }

    /// Text as SQLite holds it (not checked to be UTF-8: a row edited by hand may not be).
    pub fn text(&mut self, t: &[u8]) {
        self.buf.push(2);
        self.buf.extend_from_slice(&(t.len() as u64).to_le_bytes());
        self.buf.extend_from_slice(t);
    }

    pub fn real(&mut self, v: f64) {
        self.buf.push(3);
        self.buf.extend_from_slice(&v.to_bits().to_le_bytes());
    }

    pub fn blob(&mut self, b: &[u8]) {
        self.buf.push(4);
        self.buf.extend_from_slice(&(b.len() as u64).to_le_bytes());
        self.buf.extend_from_slice(b);
    }

    pub fn finish(&self) -> RowHash {
        let mut h = SipHasher13::new_with_keys(0x7361_6c65_7362_6f6f, 0x6b2d_7265_636f_7264);
        h.write(&self.buf);
        RowHash(h.finish())
    }

    pub fn cell(&mut self, cell: Cell<'_>) {
        match cell {
            Cell::Int(None) | Cell::Text(None) => self.null(),
            Cell::Int(Some(v)) => self.int(v),
            Cell::Text(Some(s)) => self.text(s.as_bytes()),
            Cell::Real(v) => self.real(v),
            Cell::Blob(b) => self.blob(b),
        }
    }
}

/// A row's hash from its cells (see [`RowHasher`]).
pub fn row_hash(table: Table, cells: &[Cell<'_>]) -> RowHash {
    let mut h = RowHasher::default();
    h.start(table);
    cells.iter().for_each(|c| h.cell(*c));
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seal_of(rows: &[RowHash]) -> Seal {
        let mut s = Seal::default();
        rows.iter().for_each(|r| s.add(*r));
        s
    }

    #[test]
    fn every_cell_and_the_table_count() {
        let base = [
            Cell::Int(Some(1)),
            Cell::Text(Some("ab")),
            Cell::Text(None),
            Cell::Real(0.5),
            Cell::Blob(b"xy"),
        ];
        let h = row_hash(Table::Interactions, &base);
        assert_ne!(h, row_hash(Table::Purchases, &base));
        for i in 0..base.len() {
            let mut other = base;
            other[i] = match base[i] {
                Cell::Int(_) => Cell::Int(Some(2)),
                Cell::Text(Some(_)) => Cell::Text(Some("a")),
                Cell::Text(None) => Cell::Text(Some("")),
                Cell::Real(_) => Cell::Real(-0.5),
                Cell::Blob(_) => Cell::Blob(b"x"),
            };
            assert_ne!(h, row_hash(Table::Interactions, &other), "cell {i}");
        }
        // The text's length is part of it: "a"+"bc" is not "ab"+"c".
        let split = |a, b| {
            row_hash(
                Table::Purchases,
                &[Cell::Text(Some(a)), Cell::Text(Some(b))],
            )
        };
        assert_ne!(split("a", "bc"), split("ab", "c"));
        // A value's kind is part of it: 1, 1.0, "1" and the bytes of "1" are four rows.
        let one = [
            Cell::Int(Some(1)),
            Cell::Real(1.0),
            Cell::Text(Some("1")),
            Cell::Blob(b"1"),
            Cell::Int(None),
        ];
        for (i, a) in one.iter().enumerate() {
            for b in &one[i + 1..] {
                assert_ne!(
                    row_hash(Table::Purchases, &[*a]),
                    row_hash(Table::Purchases, &[*b]),
                    "{a:?} {b:?}"
                );
            }
        }
    }

    #[test]
    fn a_seal_is_the_rows_in_any_order_and_changes_replace_their_rows() {
        let rows: Vec<RowHash> = (0..5)
            .map(|i| row_hash(Table::Interactions, &[Cell::Int(Some(i))]))
            .collect();
        let all = seal_of(&rows);
        let mut reversed = rows.clone();
        reversed.reverse();
        assert_eq!(all, seal_of(&reversed));
        assert_eq!(all.rows, 5);
        // Rows 1 and 2 replaced by a changed row 2: the book's seal follows from theirs.
        let changed = row_hash(Table::Interactions, &[Cell::Int(Some(22))]);
        let expected = seal_of(&[rows[0], changed, rows[3], rows[4]]);
        assert_eq!(
            all.replaced(seal_of(&rows[1..3]), seal_of(&[changed])),
            expected
        );
        assert_ne!(all, seal_of(&rows[..4]));
        assert_eq!(seal_of(&rows[..2]).plus(seal_of(&rows[2..])), all);
        assert_eq!(Seal::from_setting(&all.to_setting()), Some(all));
        let top = Seal {
            rows: u64::MAX,
            sum: u64::MAX,
        };
        assert_eq!(Seal::from_setting(&top.to_setting()), Some(top));
        assert_eq!(Seal::from_setting("12"), None);
        assert_eq!(Seal::from_setting("x:00"), None);
    }
}
