//! The append-only activity log: one row per write, who did what and when.

use super::time::{from_db, to_db};
use super::{Store, Writer};
use crate::domain::ContactId;
use anyhow::Result;
use chrono::{DateTime, Utc};
use rusqlite::params;

#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    pub id: i64,
    pub at: DateTime<Utc>,
    pub actor: String,
    pub action: String,
    pub contact_id: Option<ContactId>,
    pub detail: serde_json::Value,
}

impl Store {
    /// The whole activity log, oldest first.
    pub fn events(&self) -> Result<Vec<Event>> {
        let mut stmt = self
            .conn()
            .prepare("SELECT id, at, actor, action, contact_id, detail FROM events ORDER BY id")?;
        let rows = stmt
            .query_map([], |r| {
                let detail: String = r.get(5)?;
                Ok(Event {
                    id: r.get(0)?,
                    at: from_db(r.get(1)?),
                    actor: r.get(2)?,
                    action: r.get(3)?,
                    contact_id: r.get(4)?,
                    detail: serde_json::from_str(&detail).unwrap_or(serde_json::Value::Null),
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }
}

impl Writer<'_> {
    pub fn append_event(
        &self,
        at: DateTime<Utc>,
        actor: &str,
        action: &str,
        contact_id: Option<ContactId>,
        detail: &serde_json::Value,
    ) -> Result<i64> {
        self.tx.prepare_cached(
            "INSERT INTO events (at, actor, action, contact_id, detail) VALUES (?1, ?2, ?3, ?4, ?5)",
        )?
        .execute(params![
            to_db(at),
            actor,
            action,
            contact_id,
            detail.to_string()
        ])?;
        Ok(self.tx.last_insert_rowid())
    }
}
