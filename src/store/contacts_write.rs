//! Writing contacts: a new contact, its fields, its state from the log, stage rows,
//! outcome, archiving, merging and tags. Reading them is in `contacts.rs`.

use super::Writer;
use super::contacts::stage_rows;
use super::time::to_db;
use crate::domain::followup::Quiet;
use crate::domain::state::{ContactState, StageRow};
use crate::domain::{Contact, ContactId, NewContact, Outcome, Stage, TagRef, Tier};
use anyhow::Result;
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::params;

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
    /// When it was given its grade (the creation, unless its history says later).
    pub grade_since: DateTime<Utc>,
    /// Known up front for a contact planned before it is written (a seed); `None`
    /// otherwise, set when the pipeline plans it.
    pub tier: Option<Tier>,
    pub next_due_at: Option<DateTime<Utc>>,
    /// Where it stands on going quiet, when planned before it is written (a seed).
    pub quiet: Option<Quiet>,
}

/// How the book stores [`Quiet::waking`] and [`Quiet::gave_up`]: 0 neither, 1 being
/// woken, 2 given up.
pub(super) fn quiet_wake(q: Quiet) -> i64 {
    match (q.waking, q.gave_up) {
        (_, true) => 2,
        (true, false) => 1,
        (false, false) => 0,
    }
}

/// The stored columns back as a [`Quiet`] (`quiet_from` is set: the contact was planned).
pub(super) fn quiet_of(from: i64, wake: i64) -> Quiet {
    Quiet {
        from: Some(super::time::from_db(from)),
        waking: wake >= 1,
        gave_up: wake == 2,
    }
}

impl Writer<'_> {
    pub fn insert_contact(&self, c: &ContactInsert) -> Result<ContactId> {
        let n = c.contact;
        let fixed_id = self.reused_id_floor(super::ids::IdTable::Contacts)?;
        self.tx
            .prepare_cached(
                "INSERT INTO contacts (name, honorific, phone, wechat, company, source, need, budget, \
                 grade, notes, owner, stage, stage_since, outcome, lost_reason, archived, created_at, \
                 updated_at, last_touch_at, grade_since, email, birthday, anniversary, tier, \
                 next_due_at, quiet_from, quiet_wake, id) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, \
                 ?18, ?19, ?25, ?20, ?21, ?22, ?23, ?24, ?26, ?27, ?28)",
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
                c.tier.map(|t| t.key()),
                c.next_due_at.map(to_db),
                to_db(c.grade_since),
                c.quiet.and_then(|q| q.from).map(to_db),
                c.quiet.map_or(0, quiet_wake),
                fixed_id,
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
    /// outcome, archived. Where the stage or grade changes back, its clock goes back to when
    /// the contact last entered that stage or was given that grade.
    pub fn write_state(&self, id: ContactId, s: &ContactState, now: DateTime<Utc>) -> Result<()> {
        self.touched(id);
        self.tx
            .prepare_cached(
                "UPDATE contacts SET name = ?2, honorific = ?3, phone = ?4, wechat = ?5, \
                 company = ?6, source = ?7, need = ?8, budget = ?9, \
                 grade_since = CASE WHEN grade IS ?10 THEN grade_since ELSE coalesce((SELECT \
                 max(at) FROM interactions WHERE contact_id = ?1 AND kind IN ('edited', 'merged') \
                 AND grade_to IS ?10 AND grade_from IS NOT ?10), created_at) END, grade = ?10, \
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
        self.keep_ids_of(id)?;

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
