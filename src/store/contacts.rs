//! Contacts and their tags.

use super::time::{from_db, to_db};
use super::{Store, Writer};
use crate::domain::{Contact, ContactId, Grade, NewContact, Outcome, Stage, TagRef};
use anyhow::Result;
use chrono::{DateTime, Utc};
use rusqlite::types::Type;
use rusqlite::{Connection, OptionalExtension, Row, params};
use std::collections::HashMap;

const COLUMNS: &str = "id, name, honorific, phone, wechat, company, source, need, budget, grade, \
                       stage, outcome, lost_reason, notes, owner, archived, created_at, updated_at, \
                       last_touch_at, stage_since, coalesce(grade_since, created_at), next_due_at";

/// Which contacts a listing shows.
#[derive(Debug, Clone, Default)]
pub struct ContactFilter {
    pub stage: Option<Stage>,
    pub grade: Option<Grade>,
    pub tag: Option<TagRef>,
    pub outcome: Option<Outcome>,
    pub include_archived: bool,
}

fn parse_col<T: std::str::FromStr>(row: &Row, idx: usize) -> rusqlite::Result<T>
where
    T::Err: std::fmt::Display,
{
    let s: String = row.get(idx)?;
    s.parse::<T>().map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(
            idx,
            Type::Text,
            format!("bad value '{s}': {e}").into(),
        )
    })
}

fn contact_from_row(row: &Row) -> rusqlite::Result<Contact> {
    let grade: Option<String> = row.get(9)?;
    let grade = match grade {
        Some(g) => Some(g.parse::<Grade>().map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(9, Type::Text, e.to_string().into())
        })?),
        None => None,
    };
    Ok(Contact {
        id: row.get(0)?,
        name: row.get(1)?,
        honorific: row.get(2)?,
        phone: row.get(3)?,
        wechat: row.get(4)?,
        company: row.get(5)?,
        source: row.get(6)?,
        need: row.get(7)?,
        budget: row.get(8)?,
        grade,
        stage: parse_col(row, 10)?,
        outcome: parse_col(row, 11)?,
        lost_reason: row.get(12)?,
        notes: row.get(13)?,
        owner: row.get(14)?,
        archived: row.get::<_, i64>(15)? != 0,
        tags: Vec::new(),
        created_at: from_db(row.get(16)?),
        updated_at: from_db(row.get(17)?),
        last_touch_at: row.get::<_, Option<i64>>(18)?.map(from_db),
        stage_since: from_db(row.get(19)?),
        grade_since: from_db(row.get(20)?),
        next_due_at: row.get::<_, Option<i64>>(21)?.map(from_db),
    })
}

impl Store {
    pub fn contact(&self, id: ContactId) -> Result<Option<Contact>> {
        get_contact(self.conn(), id)
    }

    pub fn list_contacts(&self, filter: &ContactFilter) -> Result<Vec<Contact>> {
        let mut sql = format!("SELECT {COLUMNS} FROM contacts c WHERE 1 = 1");
        let mut args: Vec<Box<dyn rusqlite::ToSql>> = Vec::new();
        if !filter.include_archived {
            sql.push_str(" AND archived = 0");
        }
        if let Some(stage) = filter.stage {
            args.push(Box::new(stage.key()));
            sql.push_str(&format!(" AND stage = ?{}", args.len()));
        }
        if let Some(grade) = filter.grade {
            args.push(Box::new(grade.key()));
            sql.push_str(&format!(" AND grade = ?{}", args.len()));
        }
        if let Some(outcome) = filter.outcome {
            args.push(Box::new(outcome.key()));
            sql.push_str(&format!(" AND outcome = ?{}", args.len()));
        }
        if let Some(tag) = &filter.tag {
            args.push(Box::new(tag.group.clone()));
            args.push(Box::new(tag.tag.clone()));
            sql.push_str(&format!(
                " AND id IN (SELECT ct.contact_id FROM contact_tags ct JOIN tags t \
                 ON t.id = ct.tag_id WHERE t.grp = ?{} AND t.name = ?{})",
                args.len() - 1,
                args.len()
            ));
        }
        sql.push_str(" ORDER BY id");
        let mut stmt = self.conn().prepare(&sql)?;
        let mut contacts = stmt
            .query_map(rusqlite::params_from_iter(args.iter()), contact_from_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        attach_tags(self.conn(), &mut contacts)?;
        Ok(contacts)
    }

    /// Contacts on the pipeline board — open ones, and won ones in after-sale care —
    /// most recently active first.
    pub fn board_contacts(&self) -> Result<Vec<Contact>> {
        let sql = format!(
            "SELECT {COLUMNS} FROM contacts WHERE archived = 0 AND outcome != 'lost' \
             ORDER BY coalesce(last_touch_at, created_at) DESC, id"
        );
        let mut stmt = self.conn().prepare(&sql)?;
        let contacts = stmt
            .query_map([], contact_from_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(contacts)
    }

    pub fn count_contacts(&self) -> Result<i64> {
        Ok(self
            .conn()
            .query_row("SELECT count(*) FROM contacts", [], |r| r.get(0))?)
    }
}

pub(crate) fn get_contact(conn: &Connection, id: ContactId) -> Result<Option<Contact>> {
    // One statement for the contact and its tags: lookups by id run hundreds of times
    // in one agenda or search. Tags come as "group\x1ftag" joined by \x1e, in order.
    let sql = format!(
        "SELECT {COLUMNS}, (SELECT group_concat(t.grp || char(31) || t.name, char(30) \
         ORDER BY t.grp, t.name) FROM contact_tags ct JOIN tags t ON t.id = ct.tag_id \
         WHERE ct.contact_id = contacts.id) FROM contacts WHERE id = ?1"
    );
    let contact = conn
        .prepare_cached(&sql)?
        .query_row([id], |row| {
            let mut c = contact_from_row(row)?;
            let tags: Option<String> = row.get(22)?;
            c.tags = tags
                .as_deref()
                .unwrap_or("")
                .split('\u{1e}')
                .filter_map(|pair| pair.split_once('\u{1f}'))
                .map(|(g, t)| TagRef {
                    group: g.to_string(),
                    tag: t.to_string(),
                })
                .collect();
            Ok(c)
        })
        .optional()?;
    Ok(contact)
}

fn attach_tags(conn: &Connection, contacts: &mut [Contact]) -> Result<()> {
    if contacts.is_empty() {
        return Ok(());
    }
    let mut by_contact: HashMap<ContactId, Vec<TagRef>> = HashMap::new();
    let mut stmt = conn.prepare(
        "SELECT ct.contact_id, t.grp, t.name FROM contact_tags ct JOIN tags t ON t.id = ct.tag_id \
         ORDER BY t.grp, t.name",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            TagRef {
                group: r.get(1)?,
                tag: r.get(2)?,
            },
        ))
    })?;
    for row in rows {
        let (id, tag) = row?;
        by_contact.entry(id).or_default().push(tag);
    }
    for c in contacts.iter_mut() {
        c.tags = by_contact.remove(&c.id).unwrap_or_default();
    }
    Ok(())
}

impl Writer<'_> {
    pub fn insert_contact(
        &self,
        c: &NewContact,
        owner: &str,
        now: DateTime<Utc>,
    ) -> Result<ContactId> {
        let now = to_db(now);
        self.tx.execute(
            "INSERT INTO contacts (name, honorific, phone, wechat, company, source, need, budget, \
             grade, notes, owner, stage, stage_since, outcome, created_at, updated_at, grade_since) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, 'discover', ?12, 'open', ?12, ?12, ?12)",
            params![
                c.name,
                c.honorific,
                c.phone,
                c.wechat,
                c.company,
                c.source,
                c.need,
                c.budget,
                c.grade.map(|g| g.key()),
                c.notes,
                owner,
                now
            ],
        )?;
        let id = self.tx.last_insert_rowid();
        self.touched(id);
        for tag in &c.tags {
            self.add_tag(id, tag)?;
        }
        Ok(id)
    }

    /// Writes every editable field of `c` back (the caller has applied the patch).
    pub fn update_fields(&self, c: &Contact, now: DateTime<Utc>) -> Result<()> {
        self.touched(c.id);
        self.tx.execute(
            // A new grade restarts its cadence: remember when it was set.
            "UPDATE contacts SET name = ?2, honorific = ?3, phone = ?4, wechat = ?5, company = ?6, \
             source = ?7, need = ?8, budget = ?9, \
             grade_since = CASE WHEN grade IS ?10 THEN grade_since ELSE ?12 END, grade = ?10, \
             notes = ?11, updated_at = ?12 WHERE id = ?1",
            params![
                c.id,
                c.name,
                c.honorific,
                c.phone,
                c.wechat,
                c.company,
                c.source,
                c.need,
                c.budget,
                c.grade.map(|g| g.key()),
                c.notes,
                to_db(now)
            ],
        )?;
        Ok(())
    }

    pub fn set_stage(
        &self,
        id: ContactId,
        from: Option<Stage>,
        to: Stage,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let now = to_db(now);
        self.tx.execute(
            "UPDATE contacts SET stage = ?2, stage_since = ?3, updated_at = ?3 WHERE id = ?1",
            params![id, to.key(), now],
        )?;
        self.tx.execute(
            "INSERT INTO stage_history (contact_id, at, from_stage, to_stage) VALUES (?1, ?2, ?3, ?4)",
            params![id, now, from.map(|s| s.key()), to.key()],
        )?;
        Ok(())
    }

    pub fn set_outcome(
        &self,
        id: ContactId,
        outcome: Outcome,
        lost_reason: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<()> {
        self.tx.execute(
            "UPDATE contacts SET outcome = ?2, lost_reason = ?3, updated_at = ?4 WHERE id = ?1",
            params![id, outcome.key(), lost_reason, to_db(now)],
        )?;
        Ok(())
    }

    pub fn set_archived(&self, id: ContactId, archived: bool, now: DateTime<Utc>) -> Result<()> {
        self.touched(id);
        self.tx.execute(
            "UPDATE contacts SET archived = ?2, updated_at = ?3 WHERE id = ?1",
            params![id, archived as i64, to_db(now)],
        )?;
        Ok(())
    }

    pub fn record_purchase(
        &self,
        id: ContactId,
        product: Option<&str>,
        amount_cents: Option<i64>,
        now: DateTime<Utc>,
    ) -> Result<()> {
        self.tx.execute(
            "INSERT INTO purchases (contact_id, at, product, amount_cents) VALUES (?1, ?2, ?3, ?4)",
            params![id, to_db(now), product, amount_cents],
        )?;
        Ok(())
    }

    pub(super) fn tag_id(&self, tag: &TagRef) -> Result<i64> {
        self.tx.execute(
            "INSERT INTO tags (grp, name) VALUES (?1, ?2) ON CONFLICT (grp, name) DO NOTHING",
            (&tag.group, &tag.tag),
        )?;
        Ok(self.tx.query_row(
            "SELECT id FROM tags WHERE grp = ?1 AND name = ?2",
            (&tag.group, &tag.tag),
            |r| r.get(0),
        )?)
    }

    pub fn add_tag(&self, id: ContactId, tag: &TagRef) -> Result<()> {
        self.touched(id);
        let tag_id = self.tag_id(tag)?;
        self.tx.execute(
            "INSERT OR IGNORE INTO contact_tags (contact_id, tag_id) VALUES (?1, ?2)",
            (id, tag_id),
        )?;
        Ok(())
    }

    pub fn remove_tag(&self, id: ContactId, tag: &TagRef) -> Result<()> {
        self.touched(id);
        self.tx.execute(
            "DELETE FROM contact_tags WHERE contact_id = ?1 AND tag_id = \
             (SELECT id FROM tags WHERE grp = ?2 AND name = ?3)",
            (id, &tag.group, &tag.tag),
        )?;
        Ok(())
    }
}
