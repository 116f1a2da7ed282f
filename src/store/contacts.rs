//! Contacts and their tags.

use super::time::{from_db, to_db};
use super::{Snap, Writer};
use crate::domain::state::{ContactState, StageRow};
use crate::domain::{Contact, ContactId, Grade, NewContact, Outcome, Stage, TagRef};
use anyhow::Result;
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::types::Type;
use rusqlite::{Connection, OptionalExtension, Row, params};

pub(super) const COLUMNS: &str = "id, name, honorific, phone, wechat, company, source, need, budget, grade, \
                       stage, outcome, lost_reason, notes, owner, archived, created_at, updated_at, \
                       last_touch_at, stage_since, coalesce(grade_since, created_at), next_due_at, \
                       email, birthday, anniversary, merged_into, tier";
/// Where the tag list comes in a contact query (after [`COLUMNS`]).
const TAGS_COL: usize = 27;
/// The contact's tags as "group\x1ftag" joined by \x1e, in order: one statement for a
/// contact and its tags.
const TAGS: &str = "(SELECT group_concat(t.grp || char(31) || t.name, char(30) \
                    ORDER BY t.grp, t.name) FROM contact_tags ct JOIN tags t ON t.id = ct.tag_id \
                    WHERE ct.contact_id = c.id)";

/// What an import matches a contact by.
#[derive(Debug, Clone)]
pub struct KeyRow {
    pub id: ContactId,
    pub name: String,
    pub company: Option<String>,
    pub phone: Option<String>,
    pub wechat: Option<String>,
}

/// Which contacts a listing shows.
#[derive(Debug, Clone, Default)]
pub struct ContactFilter {
    pub stage: Option<Stage>,
    pub grade: Option<Grade>,
    pub tier: Option<crate::domain::Tier>,
    pub tag: Option<TagRef>,
    pub outcome: Option<Outcome>,
    pub include_archived: bool,
}

/// Where a page of a listing ends, for the next page (keyset pagination).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ContactKey {
    pub id: ContactId,
}

fn parse_col<T: std::str::FromStr>(row: &Row, idx: usize) -> rusqlite::Result<T>
where
    T::Err: std::fmt::Debug,
{
    // Read in place: every contact row parses a few of these.
    let s = row.get_ref(idx)?.as_str()?;
    s.parse::<T>().map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(
            idx,
            Type::Text,
            format!("bad value '{s}': {e:?}").into(),
        )
    })
}

fn date_col(row: &Row, idx: usize) -> rusqlite::Result<Option<NaiveDate>> {
    let v: Option<String> = row.get(idx)?;
    Ok(v.and_then(|s| NaiveDate::parse_from_str(&s, "%Y-%m-%d").ok()))
}

pub(super) fn contact_from_row(row: &Row) -> rusqlite::Result<Contact> {
    let grade = row.get_ref(9)?.as_str_or_null()?;
    let grade = match grade {
        Some(g) => Some(g.parse::<Grade>().map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(9, Type::Text, format!("{e:?}").into())
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
        email: row.get(22)?,
        birthday: date_col(row, 23)?,
        anniversary: date_col(row, 24)?,
        merged_into: row.get(25)?,
        tier: row
            .get::<_, Option<String>>(26)?
            .and_then(|t| t.parse().ok()),
    })
}

/// A contact row followed by its tag list.
fn contact_with_tags(row: &Row) -> rusqlite::Result<Contact> {
    let mut c = contact_from_row(row)?;
    let tags: Option<String> = row.get(TAGS_COL)?;
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
}

impl Snap<'_> {
    pub fn contact(&self, id: ContactId) -> Result<Option<Contact>> {
        get_contact(self.conn(), id)
    }

    /// The contacts of `ids` that exist, with their tags, by id, read in one statement
    /// (the agenda read its 200 items' contacts one statement each).
    pub fn contacts_by_ids(
        &self,
        ids: &[ContactId],
    ) -> Result<std::collections::HashMap<ContactId, Contact>> {
        let list = serde_json::to_string(ids)?;
        let sql = format!(
            "SELECT {COLUMNS}, {TAGS} FROM contacts c \
             WHERE id IN (SELECT value FROM json_each(?1))"
        );
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let mut rows = stmt.query([list])?;
        let mut out = std::collections::HashMap::with_capacity(ids.len());
        while let Some(r) = rows.next()? {
            let c = contact_with_tags(r)?;
            out.insert(c.id, c);
        }
        Ok(out)
    }

    /// Every contact the filter keeps, by id, handed to `f` one at a time (a listing of the
    /// whole book never sits in memory).
    pub fn for_each_contact(
        &self,
        filter: &ContactFilter,
        mut f: impl FnMut(Contact) -> Result<()>,
    ) -> Result<()> {
        let mut sql = format!("SELECT {COLUMNS}, {TAGS} FROM contacts c WHERE 1 = 1");
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
        if let Some(tier) = filter.tier {
            args.push(Box::new(tier.key()));
            sql.push_str(&format!(" AND tier = ?{}", args.len()));
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
        let mut rows = stmt.query(rusqlite::params_from_iter(args.iter()))?;
        while let Some(r) = rows.next()? {
            f(contact_with_tags(r)?)?;
        }
        Ok(())
    }

    pub fn list_contacts(&self, filter: &ContactFilter) -> Result<Vec<Contact>> {
        let mut out = Vec::new();
        self.for_each_contact(filter, |c| {
            out.push(c);
            Ok(())
        })?;
        Ok(out)
    }

    /// Contacts on the pipeline board — open ones, and won ones in after-sale care —
    /// most recently active first.
    pub fn board_contacts(&self) -> Result<Vec<Contact>> {
        let sql = format!(
            "SELECT {COLUMNS}, {TAGS} FROM contacts c WHERE archived = 0 AND outcome != 'lost' \
             ORDER BY coalesce(last_touch_at, created_at) DESC, id"
        );
        let mut stmt = self.conn().prepare(&sql)?;
        let contacts = stmt
            .query_map([], contact_with_tags)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(contacts)
    }

    pub fn count_contacts(&self) -> Result<i64> {
        Ok(self
            .conn()
            .query_row("SELECT count(*) FROM contacts", [], |r| r.get(0))?)
    }

    /// Every contact's keys (archived too, but not those merged into another): what an
    /// import matches duplicates against, read in one pass.
    pub fn contact_keys(&self) -> Result<Vec<KeyRow>> {
        Ok(self
            .conn()
            .prepare(
                "SELECT id, name, company, phone, wechat FROM contacts \
                 WHERE merged_into IS NULL ORDER BY id",
            )?
            .query_map([], |r| {
                Ok(KeyRow {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    company: r.get(2)?,
                    phone: r.get(3)?,
                    wechat: r.get(4)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?)
    }

    /// Contacts with this phone / WeChat ID (archived too), by id.
    pub fn contacts_with(
        &self,
        phone: Option<&str>,
        wechat: Option<&str>,
    ) -> Result<Vec<ContactId>> {
        let mut out: Vec<ContactId> = Vec::new();
        if let Some(p) = phone {
            out.extend(
                self.conn()
                    .prepare_cached("SELECT id FROM contacts WHERE phone = ?1 ORDER BY id")?
                    .query_map([p], |r| r.get::<_, i64>(0))?
                    .collect::<rusqlite::Result<Vec<_>>>()?,
            );
        }
        if let Some(w) = wechat {
            out.extend(
                self.conn()
                    .prepare_cached("SELECT id FROM contacts WHERE wechat = ?1 ORDER BY id")?
                    .query_map([w], |r| r.get::<_, i64>(0))?
                    .collect::<rusqlite::Result<Vec<_>>>()?,
            );
        }
        out.sort_unstable();
        out.dedup();
        Ok(out)
    }

    /// A contact's stage history, oldest first.
    pub fn stage_history(&self, id: ContactId) -> Result<Vec<StageRow>> {
        stage_rows(self.conn(), id)
    }

    /// Every stage-history row of the book, by contact then time.
    pub fn all_stage_history(&self, mut f: impl FnMut(ContactId, StageRow)) -> Result<()> {
        let mut stmt = self.conn().prepare(
            "SELECT contact_id, at, from_stage, to_stage FROM stage_history ORDER BY contact_id, id",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            f(r.get(0)?, stage_row(r, 1)?);
        }
        Ok(())
    }
}

pub(super) fn stage_row(r: &Row, at: usize) -> rusqlite::Result<StageRow> {
    // Read in place: a big book's report reads a quarter of a million of these.
    let from = r.get_ref(at + 1)?.as_str_or_null()?;
    Ok(StageRow {
        at: r.get(at)?,
        from: from.and_then(|s| s.parse().ok()),
        to: parse_col(r, at + 2)?,
    })
}

pub(super) fn stage_rows(conn: &Connection, id: ContactId) -> Result<Vec<StageRow>> {
    Ok(conn
        .prepare_cached(
            "SELECT at, from_stage, to_stage FROM stage_history WHERE contact_id = ?1 ORDER BY id",
        )?
        .query_map([id], |r| stage_row(r, 0))?
        .collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn get_contact(conn: &Connection, id: ContactId) -> Result<Option<Contact>> {
    let sql = format!("SELECT {COLUMNS}, {TAGS} FROM contacts c WHERE id = ?1");
    Ok(conn
        .prepare_cached(&sql)?
        .query_row([id], contact_with_tags)
        .optional()?)
}

fn date_db(d: Option<NaiveDate>) -> Option<String> {
    d.map(|d| d.format("%Y-%m-%d").to_string())
}

/// How a contact lands in the book (a new lead, or demo data with its past).
pub struct ContactInsert<'a> {
    pub contact: &'a NewContact,
    pub owner: &'a str,
    pub created_at: DateTime<Utc>,
    pub stage: Stage,
    pub stage_since: DateTime<Utc>,
    pub outcome: Outcome,
    pub lost_reason: Option<&'a str>,
    pub archived: bool,
    pub updated_at: DateTime<Utc>,
    pub last_touch_at: Option<DateTime<Utc>>,
}

impl Writer<'_> {
    pub fn insert_contact(&self, c: &ContactInsert) -> Result<ContactId> {
        let n = c.contact;
        self.tx
            .prepare_cached(
                "INSERT INTO contacts (name, honorific, phone, wechat, company, source, need, budget, \
                 grade, notes, owner, stage, stage_since, outcome, lost_reason, archived, created_at, \
                 updated_at, last_touch_at, grade_since, email, birthday, anniversary) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, \
                 ?18, ?19, ?17, ?20, ?21, ?22)",
            )?
            .execute(params![
                n.name,
                n.honorific,
                n.phone,
                n.wechat,
                n.company,
                n.source,
                n.need,
                n.budget,
                n.grade.map(|g| g.key()),
                n.notes,
                c.owner,
                c.stage.key(),
                to_db(c.stage_since),
                c.outcome.key(),
                c.lost_reason,
                c.archived as i64,
                to_db(c.created_at),
                to_db(c.updated_at),
                c.last_touch_at.map(to_db),
                n.email,
                date_db(n.birthday),
                date_db(n.anniversary),
            ])?;
        let id = self.tx.last_insert_rowid();
        self.touched(id);
        for tag in &n.tags {
            self.add_tag(id, tag)?;
        }
        Ok(id)
    }

    /// Writes every editable field of `c` back (the caller has applied the patch).
    pub fn update_fields(&self, c: &Contact, now: DateTime<Utc>) -> Result<()> {
        self.touched(c.id);
        self.tx
            .prepare_cached(
                // A new grade restarts its cadence: remember when it was set.
                "UPDATE contacts SET name = ?2, honorific = ?3, phone = ?4, wechat = ?5, \
                 company = ?6, source = ?7, need = ?8, budget = ?9, \
                 grade_since = CASE WHEN grade IS ?10 THEN grade_since ELSE ?12 END, grade = ?10, \
                 notes = ?11, updated_at = ?12, email = ?13, birthday = ?14, anniversary = ?15 \
                 WHERE id = ?1",
            )?
            .execute(params![
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
                to_db(now),
                c.email,
                date_db(c.birthday),
                date_db(c.anniversary),
            ])?;
        Ok(())
    }

    /// Puts a contact back exactly as `s` describes it (an undo): fields, tags, stage,
    /// outcome, archived; stage and grade clocks restart only where they changed.
    pub fn write_state(&self, id: ContactId, s: &ContactState, now: DateTime<Utc>) -> Result<()> {
        self.touched(id);
        self.tx
            .prepare_cached(
                "UPDATE contacts SET name = ?2, honorific = ?3, phone = ?4, wechat = ?5, \
                 company = ?6, source = ?7, need = ?8, budget = ?9, \
                 grade_since = CASE WHEN grade IS ?10 THEN grade_since ELSE ?16 END, grade = ?10, \
                 stage_since = CASE WHEN stage = ?11 THEN stage_since ELSE coalesce((SELECT \
                 max(at) FROM stage_history WHERE contact_id = ?1 AND to_stage = ?11), ?16) END, \
                 stage = ?11, \
                 outcome = ?12, lost_reason = ?13, notes = ?14, owner = ?15, updated_at = ?16, \
                 archived = ?17, merged_into = ?18, email = ?19, birthday = ?20, anniversary = ?21 \
                 WHERE id = ?1",
            )?
            .execute(params![
                id,
                s.name,
                s.honorific,
                s.phone,
                s.wechat,
                s.company,
                s.source,
                s.need,
                s.budget,
                s.grade.map(|g| g.key()),
                s.stage.key(),
                s.outcome.key(),
                s.lost_reason,
                s.notes,
                s.owner,
                to_db(now),
                s.archived as i64,
                s.merged_into,
                s.email,
                date_db(s.birthday),
                date_db(s.anniversary),
            ])?;
        let current: Vec<String> = self
            .snap()
            .contact(id)?
            .map(|c| c.tags.iter().map(|t| t.to_string()).collect())
            .unwrap_or_default();
        for t in current.iter().filter(|t| !s.tags.contains(t)) {
            if let Ok(tag) = t.parse::<TagRef>() {
                self.remove_tag(id, &tag)?;
            }
        }
        for t in s.tags.iter().filter(|t| !current.contains(t)) {
            if let Ok(tag) = t.parse::<TagRef>() {
                self.add_tag(id, &tag)?;
            }
        }
        Ok(())
    }

    /// Moves the contact to `to` and records the stage-history row.
    pub fn set_stage(
        &self,
        id: ContactId,
        from: Option<Stage>,
        to: Stage,
        now: DateTime<Utc>,
    ) -> Result<()> {
        self.touched(id);
        self.tx
            .prepare_cached(
                "UPDATE contacts SET stage = ?2, stage_since = ?3, updated_at = ?3 WHERE id = ?1",
            )?
            .execute(params![id, to.key(), to_db(now)])?;
        self.add_stage_row(id, &StageRow::new(now, from, to))
    }

    pub fn add_stage_row(&self, id: ContactId, row: &StageRow) -> Result<()> {
        self.touched(id);
        self.tx
            .prepare_cached(
                "INSERT INTO stage_history (contact_id, at, from_stage, to_stage) \
                 VALUES (?1, ?2, ?3, ?4)",
            )?
            .execute(params![id, row.at, row.from.map(|s| s.key()), row.to.key()])?;
        self.stage_log.borrow_mut().push((id, row.clone(), true));
        Ok(())
    }

    /// Takes out the latest stage-history row equal to `row` (an undone move).
    pub fn remove_stage_row(&self, id: ContactId, row: &StageRow) -> Result<bool> {
        self.touched(id);
        let n = self.tx.execute(
            "DELETE FROM stage_history WHERE id = (SELECT max(id) FROM stage_history \
             WHERE contact_id = ?1 AND at = ?2 AND from_stage IS ?3 AND to_stage = ?4)",
            params![id, row.at, row.from.map(|s| s.key()), row.to.key()],
        )?;
        if n > 0 {
            self.stage_log.borrow_mut().push((id, row.clone(), false));
        }
        Ok(n > 0)
    }

    pub fn set_outcome(
        &self,
        id: ContactId,
        outcome: Outcome,
        lost_reason: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<()> {
        self.touched(id);
        self.tx
            .prepare_cached(
                "UPDATE contacts SET outcome = ?2, lost_reason = ?3, updated_at = ?4 WHERE id = ?1",
            )?
            .execute(params![id, outcome.key(), lost_reason, to_db(now)])?;
        Ok(())
    }

    pub fn set_archived(&self, id: ContactId, archived: bool, now: DateTime<Utc>) -> Result<()> {
        self.touched(id);
        self.tx
            .prepare_cached("UPDATE contacts SET archived = ?2, updated_at = ?3 WHERE id = ?1")?
            .execute(params![id, archived as i64, to_db(now)])?;
        Ok(())
    }

    pub fn set_merged_into(
        &self,
        id: ContactId,
        into: Option<ContactId>,
        now: DateTime<Utc>,
    ) -> Result<()> {
        self.touched(id);
        self.tx
            .prepare_cached("UPDATE contacts SET merged_into = ?2, updated_at = ?3 WHERE id = ?1")?
            .execute(params![id, into, to_db(now)])?;
        Ok(())
    }

    /// Removes a contact and everything that hangs off it (only an undone add does this:
    /// a contact that was worked with is archived instead).
    pub fn delete_contact(&self, id: ContactId) -> Result<()> {
        self.touched(id);
        for (id_, row) in stage_rows(self.tx, id)?.into_iter().map(|r| (id, r)) {
            self.stage_log.borrow_mut().push((id_, row, false));
        }
        for sql in [
            "DELETE FROM contact_tags WHERE contact_id = ?1",
            "DELETE FROM interactions WHERE contact_id = ?1",
            "DELETE FROM stage_history WHERE contact_id = ?1",
            "DELETE FROM purchases WHERE contact_id = ?1",
            "DELETE FROM followups WHERE contact_id = ?1",
            "DELETE FROM appointments WHERE contact_id = ?1",
            "DELETE FROM contacts WHERE id = ?1",
        ] {
            self.tx.prepare_cached(sql)?.execute([id])?;
        }
        Ok(())
    }

    pub(super) fn tag_id(&self, tag: &TagRef) -> Result<i64> {
        if let Some(id) = self.tag_ids.borrow().get(tag) {
            return Ok(*id);
        }
        self.tx
            .prepare_cached(
                "INSERT INTO tags (grp, name) VALUES (?1, ?2) ON CONFLICT (grp, name) DO NOTHING",
            )?
            .execute((&tag.group, &tag.tag))?;
        let id: i64 = self
            .tx
            .prepare_cached("SELECT id FROM tags WHERE grp = ?1 AND name = ?2")?
            .query_row((&tag.group, &tag.tag), |r| r.get(0))?;
        self.tag_ids.borrow_mut().insert(tag.clone(), id);
        Ok(id)
    }

    pub fn add_tag(&self, id: ContactId, tag: &TagRef) -> Result<()> {
        self.touched(id);
        let tag_id = self.tag_id(tag)?;
        self.tx
            .prepare_cached(
                "INSERT OR IGNORE INTO contact_tags (contact_id, tag_id) VALUES (?1, ?2)",
            )?
            .execute((id, tag_id))?;
        Ok(())
    }

    pub fn remove_tag(&self, id: ContactId, tag: &TagRef) -> Result<()> {
        self.touched(id);
        self.tx
            .prepare_cached(
                "DELETE FROM contact_tags WHERE contact_id = ?1 AND tag_id = \
                 (SELECT id FROM tags WHERE grp = ?2 AND name = ?3)",
            )?
            .execute((id, &tag.group, &tag.tag))?;
        Ok(())
    }
}
