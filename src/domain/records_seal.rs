//! The book's records besides its contacts' fields — timeline entries, purchases and closed
//! follow-ups — sealed in the log. Every entry records the book's seal before and after it;
//! `verify` checks that each entry starts where the one before ended and that the book's
//! rows still add up to the last one. An entry added, removed or changed behind the app
//! breaks the sum.
//!
//! A seal is a count and a wrapping sum of one 64-bit hash per row, so a write updates it
//! from the rows of the contacts it touched alone, in any order.

use serde::{Deserialize, Serialize};

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

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RowHash(pub u64);

/// Hashes rows one at a time, a 64-bit word at a time: each cell is marked with its kind
/// (text and blobs with their length) so no two different rows feed the same words, and
/// each word is mixed in by a folded 64×64→128-bit multiply. It is fixed here, not taken
/// from a crate, because the seal is kept in the log: it must never change between
/// versions. Like the log's chain, it shows changes made behind the app; it is not a
/// secret anyone could not recompute.
#[derive(Debug, Default)]
pub struct RowHasher {
    state: u64,
}

const MUL: u64 = 0x9e37_79b9_7f4a_7c15;
const SEED: u64 = 0x7361_6c65_7362_6f6f;
const FINAL: u64 = 0xd6e8_feb8_6659_fd93;

fn folded_multiply(a: u64, b: u64) -> u64 {
    let full = u128::from(a) * u128::from(b);
    (full as u64) ^ ((full >> 64) as u64)
}

impl RowHasher {
    pub fn start(&mut self, table: Table) {
        self.state = SEED ^ table as u64;
    }

    fn word(&mut self, w: u64) {
        self.state = folded_multiply(self.state ^ w, MUL).wrapping_add(SEED);
    }

    fn bytes(&mut self, tag: u64, b: &[u8]) {
        self.word(tag | (b.len() as u64) << 8);
        let mut chunks = b.chunks_exact(8);
        for c in &mut chunks {
            self.word(u64::from_le_bytes(c.try_into().expect("8 bytes")));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut last = [0u8; 8];
            last[..rest.len()].copy_from_slice(rest);
            self.word(u64::from_le_bytes(last));
        }
    }

    pub fn null(&mut self) {
        self.word(0);
    }

    pub fn int(&mut self, v: i64) {
        self.word(1);
        self.word(v as u64);
    }

    /// Text as SQLite holds it (not checked to be UTF-8: a row edited by hand may not be).
    pub fn text(&mut self, t: &[u8]) {
        self.bytes(2, t);
    }

    pub fn real(&mut self, v: f64) {
        self.word(3);
        self.word(v.to_bits());
    }

    pub fn blob(&mut self, b: &[u8]) {
        self.bytes(4, b);
    }

    pub fn finish(&self) -> RowHash {
        RowHash(folded_multiply(self.state ^ (self.state >> 29), FINAL))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One column's value, as SQLite holds it (a row edited by hand may hold any kind).
    #[derive(Debug, Clone, Copy, PartialEq)]
    enum Cell<'a> {
        Int(Option<i64>),
        Text(Option<&'a str>),
        Real(f64),
        Blob(&'a [u8]),
    }

    /// A row's hash from its cells, as the store feeds them to a [`RowHasher`].
    fn row_hash(table: Table, cells: &[Cell<'_>]) -> RowHash {
        let mut h = RowHasher::default();
        h.start(table);
        for c in cells {
            match *c {
                Cell::Int(None) | Cell::Text(None) => h.null(),
                Cell::Int(Some(v)) => h.int(v),
                Cell::Text(Some(s)) => h.text(s.as_bytes()),
                Cell::Real(v) => h.real(v),
                Cell::Blob(b) => h.blob(b),
            }
        }
        h.finish()
    }

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

    /// The seal is kept in the log: a row must hash the same in every version.
    #[test]
    fn a_row_hashes_as_it_always_has() {
        let row = [
            Cell::Int(Some(42)),
            Cell::Int(Some(7)),
            Cell::Int(Some(1_795_000_000)),
            Cell::Text(Some("message")),
            Cell::Text(Some("wechat")),
            Cell::Text(Some("发了两个案例，约了周五")),
            Cell::Text(None),
            Cell::Real(1.5),
            Cell::Blob(&[0, 1, 2]),
        ];
        assert_eq!(
            row_hash(Table::Interactions, &row),
            RowHash(0x4016_a78c_8c1d_1d7f)
        );
    }

    /// Rows that differ a little — one digit, one character, a cell moved — never hash
    /// alike over a couple of hundred thousand of them.
    #[test]
    fn nearby_rows_hash_apart() {
        let mut seen = std::collections::HashSet::new();
        let texts = ["", "a", "ab", "张三", "张三 ", "12345678", "123456789"];
        for id in 0..30_000i64 {
            for (k, t) in texts.iter().enumerate() {
                let h = row_hash(
                    Table::Interactions,
                    &[
                        Cell::Int(Some(id)),
                        Cell::Text(Some(t)),
                        Cell::Int(Some(k as i64)),
                    ],
                );
                assert!(seen.insert(h.0), "{id} {t:?} {k}");
            }
        }
    }
}
