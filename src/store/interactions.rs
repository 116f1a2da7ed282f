//! The timeline of each contact.

use super::time::{from_db, to_db};
use super::{Store, Writer};
use crate::domain::{ContactId, Interaction, Stage};
use anyhow::Result;
use rusqlite::{Row, params};

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
    })
}

impl Store {
    /// A contact's timeline, oldest first.
    pub fn timeline(&self, contact: ContactId) -> Result<Vec<Interaction>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT id, contact_id, at, kind, channel, body, from_stage, to_stage, script_id, \
             amount_cents, product FROM interactions WHERE contact_id = ?1 ORDER BY at, id",
        )?;
        let rows = stmt
            .query_map([contact], interaction_from_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// The product of the contact's latest purchase, if any.
    pub fn last_product(&self, contact: ContactId) -> Result<Option<String>> {
        use rusqlite::OptionalExtension;
        Ok(self
            .conn()
            .query_row(
                "SELECT product FROM purchases WHERE contact_id = ?1 AND product IS NOT NULL \
                 ORDER BY at DESC, id DESC LIMIT 1",
                [contact],
                |r| r.get(0),
            )
            .optional()?)
    }

    pub fn count_interactions(&self) -> Result<i64> {
        Ok(self
            .conn()
            .query_row("SELECT count(*) FROM interactions", [], |r| r.get(0))?)
    }
}

impl Writer<'_> {
    /// Appends to the timeline; a touch also moves the contact's `last_touch_at`.
    pub fn insert_interaction(&self, i: &Interaction) -> Result<i64> {
        let mut stmt = self.tx.prepare_cached(
            "INSERT INTO interactions (contact_id, at, kind, channel, body, from_stage, to_stage, \
             script_id, amount_cents, product) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        )?;
        stmt.execute(params![
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
        ])?;
        let id = self.tx.last_insert_rowid();
        self.touched(i.contact_id);
        if i.kind.is_touch() {
            self.tx.execute(
                "UPDATE contacts SET last_touch_at = max(coalesce(last_touch_at, 0), ?2) WHERE id = ?1",
                params![i.contact_id, to_db(i.at)],
            )?;
        }
        Ok(id)
    }
}
