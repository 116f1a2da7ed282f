//! The timeline of each contact, and the purchases.

use super::time::{from_db, to_db};
use super::{Snap, Writer};
use crate::domain::followup::Purchase;
use crate::domain::state::Effect;
use crate::domain::{ContactId, Grade, GradeChange, Interaction, Stage};
use anyhow::Result;
use rusqlite::{OptionalExtension, Row, params};
use serde_json::json;

const COLUMNS: &str = "id, contact_id, at, kind, channel, body, from_stage, to_stage, script_id, \
                       amount_cents, product, grade_from, grade_to";

/// The kinds that count as the rep's real contact with the customer, as SQL.
pub(super) const TOUCH_KINDS: &str =
    "('message', 'call', 'meeting', 'script_sent', 'followup_done')";

fn parse_opt<T: std::str::FromStr>(v: Option<String>) -> Option<T> {
    v.and_then(|s| s.parse().ok())
}

fn interaction_from_row(row: &Row) -> rusqlite::Result<Interaction> {
    let kind: String = row.get(3)?;
    Ok(Interaction {
        id: row.get(0)?,
        contact_id: row.get(1)?,
        at: from_db(row.get(2)?),
        kind: kind.parse().map_err(|e: String| {
            rusqlite::Error::FromSqlConversionFailure(3, rusqlite::types::Type::Text, e.into())
        })?,
        channel: parse_opt(row.get(4)?),
        text: row.get(5)?,
        from_stage: parse_opt::<Stage>(row.get(6)?),
        to_stage: parse_opt::<Stage>(row.get(7)?),
        script_id: row.get(8)?,
        amount_cents: row.get(9)?,
        product: row.get(10)?,
        grade_change: grade_change(parse_opt(row.get(11)?), parse_opt(row.get(12)?)),
    })
}

/// The columns `grade_from`, `grade_to` as an entry's change of grade (none when both are
/// empty).
fn grade_change(from: Option<Grade>, to: Option<Grade>) -> Option<GradeChange> {
    (from.is_some() || to.is_some()).then_some((from, to))
}

/// A timeline entry or purchase an undo took out, as the log keeps it.
pub type RemovedInteraction = serde_json::Value;

impl Snap<'_> {
    /// A contact's timeline, oldest first.
    pub fn timeline(&self, contact: ContactId) -> Result<Vec<Interaction>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT {COLUMNS} FROM interactions WHERE contact_id = ?1 ORDER BY at, id"
        ))?;
        let rows = stmt
            .query_map([contact], interaction_from_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    pub fn interaction(&self, id: i64) -> Result<Option<Interaction>> {
        Ok(self
            .conn()
            .prepare_cached(&format!("SELECT {COLUMNS} FROM interactions WHERE id = ?1"))?
            .query_row([id], interaction_from_row)
            .optional()?)
    }

    /// The product of the contact's latest purchase, if any.
    pub fn last_product(&self, contact: ContactId) -> Result<Option<String>> {
        Ok(self
            .conn()
            .prepare_cached(
                "SELECT product FROM purchases WHERE contact_id = ?1 AND product IS NOT NULL \
                 ORDER BY at DESC, id DESC LIMIT 1",
            )?
            .query_row([contact], |r| r.get(0))
            .optional()?)
    }

    /// How many entries a contact's timeline holds (an index range count).
    pub fn timeline_len(&self, contact: ContactId) -> Result<i64> {
        Ok(self
            .conn()
            .prepare_cached("SELECT count(*) FROM interactions WHERE contact_id = ?1")?
            .query_row([contact], |r| r.get(0))?)
    }

    pub fn count_interactions(&self) -> Result<i64> {
        Ok(self
            .conn()
            .query_row("SELECT count(*) FROM interactions", [], |r| r.get(0))?)
    }
}

/// Timeline rows written by one statement in a seeded contact's history.
const ROWS_PER_INSERT: usize = 8;

impl Writer<'_> {
    /// Appends to the timeline; a touch also moves the contact's `last_touch_at`.
    pub fn insert_interaction(&self, i: &Interaction) -> Result<i64> {
        let id = self.insert_interaction_quietly(i)?;
        self.record(Effect::Interaction {
            id,
            contact: i.contact_id,
        });
        Ok(id)
    }

    /// As [`Writer::insert_interaction`], for a contact the same write created (its removal
    /// removes the entry too: nothing to journal).
    pub fn insert_interaction_quietly(&self, i: &Interaction) -> Result<i64> {
        let id = self.insert_interaction_row(i)?;
        if i.kind.is_touch() {
            self.tx
                .prepare_cached(
                    "UPDATE contacts SET last_touch_at = max(coalesce(last_touch_at, 0), ?2) \
                     WHERE id = ?1",
                )?
                .execute(params![i.contact_id, to_db(i.at)])?;
        }
        Ok(id)
    }

    /// The timeline row alone, for a contact inserted with its last touch already set from
    /// its whole history (a seeded contact): a million-entry demo would otherwise rewrite
    /// the contact and its board index entry once per touch.
    pub fn insert_interaction_row(&self, i: &Interaction) -> Result<i64> {
        self.tx
            .prepare_cached(
                "INSERT INTO interactions (contact_id, at, kind, channel, body, from_stage, \
                 to_stage, script_id, amount_cents, product, grade_from, grade_to) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            )?
            .execute(params![
                i.contact_id,
                to_db(i.at),
                i.kind.key(),
                i.channel.map(|c| c.key()),
                i.text,
                i.from_stage.map(|s| s.key()),
                i.to_stage.map(|s| s.key()),
                i.script_id,
                i.amount_cents,
                i.product,
                i.grade_change.and_then(|g| g.0).map(Grade::key),
                i.grade_change.and_then(|g| g.1).map(Grade::key),
            ])?;
        let id = self.tx.last_insert_rowid();
        self.touched(i.contact_id);
        Ok(id)
    }

    /// [`Writer::insert_interaction_row`] for a seeded contact's whole history, several
    /// rows a statement: most of a row's cost is the statement's own, and a demo or an
    /// import writes ten rows a contact. Up to [`ROWS_PER_INSERT`] rows a statement, one
    /// statement for each count, so the last few rows go in together too.
    pub fn insert_interaction_rows(&self, rows: &[Interaction]) -> Result<()> {
        for chunk in rows.chunks(ROWS_PER_INSERT) {
            self.insert_rows(chunk)?;
        }
        Ok(())
    }

    fn insert_rows(&self, rows: &[Interaction]) -> Result<()> {
        static SQL: std::sync::LazyLock<Vec<String>> = std::sync::LazyLock::new(|| {
            (1..=ROWS_PER_INSERT)
                .map(|n| {
                    format!(
                        "INSERT INTO interactions (contact_id, at, kind, channel, body, \
                         from_stage, to_stage, script_id, amount_cents, product, grade_from, \
                         grade_to) VALUES {}",
                        ["(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"; ROWS_PER_INSERT][..n].join(", ")
                    )
                })
                .collect()
        });
        debug_assert!((1..=ROWS_PER_INSERT).contains(&rows.len()));
        let cols: Vec<_> = rows
            .iter()
            .map(|i| {
                (
                    to_db(i.at),
                    i.kind.key(),
                    i.channel.map(|c| c.key()),
                    i.from_stage.map(|s| s.key()),
                    i.to_stage.map(|s| s.key()),
                    i.grade_change.and_then(|g| g.0).map(Grade::key),
                    i.grade_change.and_then(|g| g.1).map(Grade::key),
                )
            })
            .collect();
        let mut args: Vec<&dyn rusqlite::ToSql> = Vec::with_capacity(rows.len() * 12);
        for (i, c) in rows.iter().zip(&cols) {
            args.extend_from_slice(&[
                &i.contact_id,
                &c.0,
                &c.1,
                &c.2,
                &i.text,
                &c.3,
                &c.4,
                &i.script_id,
                &i.amount_cents,
                &i.product,
                &c.5,
                &c.6,
            ]);
        }
        self.tx
            .prepare_cached(&SQL[rows.len() - 1])?
            .execute(args.as_slice())?;
        for i in rows {
            self.touched(i.contact_id);
        }
        Ok(())
    }

    /// Marks a timeline entry (an edit's or a merge's) as changing the contact's grade from
    /// `from` to `to`. The entry is already journalled: undoing takes it out, change and all.
    pub fn set_grade_change(
        &self,
        entry: i64,
        from: Option<Grade>,
        to: Option<Grade>,
    ) -> Result<()> {
        self.tx
            .prepare_cached("UPDATE interactions SET grade_from = ?2, grade_to = ?3 WHERE id = ?1")?
            .execute(params![entry, from.map(Grade::key), to.map(Grade::key)])?;
        Ok(())
    }

    /// Takes a timeline entry out (an undone change) and keeps it whole in the journal.
    pub fn remove_interaction(&self, id: i64) -> Result<()> {
        let Some(i) = self.snap().interaction(id)? else {
            return Ok(());
        };
        let grades: (Option<String>, Option<String>) = self
            .tx
            .prepare_cached("SELECT grade_from, grade_to FROM interactions WHERE id = ?1")?
            .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))?;
        self.tx
            .prepare_cached("DELETE FROM interactions WHERE id = ?1")?
            .execute([id])?;
        self.touched(i.contact_id);
        if i.kind.is_touch() {
            self.tx
                .prepare_cached(&format!(
                    "UPDATE contacts SET last_touch_at = (SELECT max(at) FROM interactions \
                     WHERE contact_id = ?1 AND kind IN {TOUCH_KINDS}) WHERE id = ?1"
                ))?
                .execute([i.contact_id])?;
        }
        let mut row = json!({
            "id": i.id, "contact": i.contact_id, "at": to_db(i.at), "kind": i.kind.key(),
            "channel": i.channel.map(|c| c.key()), "text": i.text,
            "from": i.from_stage.map(|s| s.key()), "to": i.to_stage.map(|s| s.key()),
            "script": i.script_id, "amount_cents": i.amount_cents, "product": i.product,
        });
        if grades != (None, None) {
            row["grade_from"] = json!(grades.0);
            row["grade_to"] = json!(grades.1);
        }
        self.record(Effect::Removed {
            table: "interactions".into(),
            row,
        });
        Ok(())
    }

    pub fn insert_purchase(
        &self,
        contact: ContactId,
        at: chrono::DateTime<chrono::Utc>,
        product: Option<&str>,
        amount_cents: Option<i64>,
    ) -> Result<i64> {
        let id = self.insert_purchase_quietly(contact, at, product, amount_cents)?;
        self.record(Effect::Purchase { id, contact });
        Ok(id)
    }

    pub fn insert_purchase_quietly(
        &self,
        contact: ContactId,
        at: chrono::DateTime<chrono::Utc>,
        product: Option<&str>,
        amount_cents: Option<i64>,
    ) -> Result<i64> {
        self.tx
            .prepare_cached(
                "INSERT INTO purchases (contact_id, at, product, amount_cents) \
                 VALUES (?1, ?2, ?3, ?4)",
            )?
            .execute(params![contact, to_db(at), product, amount_cents])?;
        self.touched(contact);
        Ok(self.tx.last_insert_rowid())
    }

    pub fn remove_purchase(&self, id: i64) -> Result<()> {
        let row: Option<(ContactId, i64, Option<String>, Option<i64>)> = self
            .tx
            .prepare_cached(
                "SELECT contact_id, at, product, amount_cents FROM purchases WHERE id = ?1",
            )?
            .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .optional()?;
        let Some((contact, at, product, amount)) = row else {
            return Ok(());
        };
        self.tx
            .prepare_cached("DELETE FROM purchases WHERE id = ?1")?
            .execute([id])?;
        self.touched(contact);
        self.record(Effect::Removed {
            table: "purchases".into(),
            row: json!({ "id": id, "contact": contact, "at": at, "product": product,
                         "amount_cents": amount }),
        });
        Ok(())
    }

    /// Moves every timeline entry and purchase of `from` to `to` (a merge), journalled.
    pub fn move_history(&self, from: ContactId, to: ContactId) -> Result<()> {
        for table in ["interactions", "purchases", "appointments"] {
            let ids: Vec<i64> = self
                .tx
                .prepare_cached(&format!(
                    "SELECT id FROM {table} WHERE contact_id = ?1 ORDER BY id"
                ))?
                .query_map([from], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            self.move_rows(table, &ids, from, to)?;
        }
        Ok(())
    }

    /// Moves the rows `ids` of `table` (interactions, purchases, appointments) from one contact to
    /// another, journalled; both contacts' last touch is brought up to date.
    pub fn move_rows(
        &self,
        table: &str,
        ids: &[i64],
        from: ContactId,
        to: ContactId,
    ) -> Result<()> {
        let table = match table {
            "interactions" => "interactions",
            "purchases" => "purchases",
            "appointments" => "appointments",
            other => anyhow::bail!("rows of {other} do not move between contacts"),
        };
        if ids.is_empty() {
            return Ok(());
        }
        let mut stmt = self.tx.prepare_cached(&format!(
            "UPDATE {table} SET contact_id = ?2 WHERE id = ?1 AND contact_id = ?3"
        ))?;
        for id in ids {
            stmt.execute(params![id, to, from])?;
        }
        for c in [from, to] {
            self.touched(c);
            self.tx
                .prepare_cached(&format!(
                    "UPDATE contacts SET last_touch_at = (SELECT max(at) FROM interactions \
                     WHERE contact_id = ?1 AND kind IN {TOUCH_KINDS}) WHERE id = ?1"
                ))?
                .execute([c])?;
        }
        self.record(Effect::Moved {
            table: table.to_string(),
            ids: ids.to_vec(),
            from,
            to,
        });
        Ok(())
    }
}

/// A contact's purchases, oldest first (as the planner and the export read them).
pub(super) fn purchases(conn: &rusqlite::Connection, contact: ContactId) -> Result<Vec<Purchase>> {
    Ok(conn
        .prepare_cached(
            "SELECT id, at, product, amount_cents FROM purchases WHERE contact_id = ?1 \
             ORDER BY at, id",
        )?
        .query_map([contact], |r| {
            Ok(Purchase {
                id: r.get(0)?,
                at: from_db(r.get(1)?),
                product: r.get(2)?,
                amount_cents: r.get(3)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?)
}

impl Snap<'_> {
    /// A contact's purchases, oldest first.
    pub fn purchases_of(&self, contact: ContactId) -> Result<Vec<Purchase>> {
        purchases(self.conn(), contact)
    }
}
