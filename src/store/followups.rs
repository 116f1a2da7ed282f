//! Follow-ups: the open ones the agenda reads, and the closed ones that record the work.

use super::history::{History, TEMPLATE_SINCE, history, template_since};
use super::time::{from_db, to_db};
use super::{Snap, Writer};
use crate::domain::ContactId;
use crate::domain::followup::{Appointment, Planned, Quiet, Snooze, Track};
use crate::domain::state::Effect;
use anyhow::Result;
use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, Row, params};

/// A follow-up as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct Followup {
    pub id: i64,
    pub contact_id: ContactId,
    pub track: Track,
    pub step: u32,
    pub purchase_id: Option<i64>,
    pub due: DateTime<Utc>,
    pub action: String,
    pub script: Option<String>,
    pub status: String,
    pub snoozed: bool,
    pub score_base: f64,
    /// When the item comes into force (a wake-up planned for dormancy) and stops (the
    /// cadence abandoned then), if ever.
    pub valid_from: Option<DateTime<Utc>>,
    pub valid_until: Option<DateTime<Utc>>,
    pub closed_at: Option<DateTime<Utc>>,
    pub note: Option<String>,
    /// From when the contact counts as rotting (`domain::lifecycle::rots_from`).
    pub rot_from: Option<DateTime<Utc>>,
    /// The deadline it had missed when it was snoozed (read only with the worked ones).
    pub overdue_at: Option<DateTime<Utc>>,
}

const COLUMNS: &str = "id, contact_id, track, step, purchase_id, due_at, action, script, status, \
                       snoozed, score_base, valid_from, valid_until, closed_at, note, rot_from";
/// How many columns [`COLUMNS`] names.
const COLUMN_COUNT: usize = 16;

pub(super) fn parse_track(r: &Row, i: usize) -> rusqlite::Result<Track> {
    r.get_ref(i)?.as_str()?.parse().map_err(|e: String| {
        rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, e.into())
    })
}

/// An open item is live from its start to its expiry, "now" being parameter `?n`: a plan
/// that moves on with time alone (a cadence abandoned at dormancy for a wake-up) is stored
/// whole when made, and reads pick what is live without writing anything.
pub(super) fn live(n: usize) -> String {
    format!(
        "(valid_from IS NULL OR valid_from <= ?{n}) AND (valid_until IS NULL OR valid_until > ?{n})"
    )
}

fn from_row(r: &Row) -> rusqlite::Result<Followup> {
    Ok(Followup {
        id: r.get(0)?,
        contact_id: r.get(1)?,
        track: parse_track(r, 2)?,
        step: r.get(3)?,
        purchase_id: r.get(4)?,
        due: from_db(r.get(5)?),
        action: r.get(6)?,
        script: r.get(7)?,
        status: r.get(8)?,
        snoozed: r.get::<_, i64>(9)? != 0,
        score_base: r.get(10)?,
        valid_from: r.get::<_, Option<i64>>(11)?.map(from_db),
        valid_until: r.get::<_, Option<i64>>(12)?.map(from_db),
        closed_at: r.get::<_, Option<i64>>(13)?.map(from_db),
        note: r.get(14)?,
        rot_from: r.get::<_, Option<i64>>(15)?.map(from_db),
        overdue_at: None,
    })
}

impl Writer<'_> {
    /// Records that the book follows its template from `at` on (a switch of template).
    pub fn set_template_since(&self, at: DateTime<Utc>) -> Result<()> {
        self.set_internal_setting(TEMPLATE_SINCE, &to_db(at).to_string())
    }

    /// Makes the contact's open follow-ups exactly `planned`, each knowing from when the
    /// contact rots (`rot_from`): unchanged ones keep their id (so `done 42` still means the
    /// same thing), others are replaced.
    pub fn set_open_followups(
        &self,
        id: ContactId,
        planned: &[Planned],
        rot_from: Option<DateTime<Utc>>,
        quiet: Quiet,
        card: &str,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let rot = rot_from.map(to_db);
        let open: Vec<(Followup, Option<String>)> = self
            .tx
            .prepare_cached(&format!(
                "SELECT {COLUMNS}, card FROM followups WHERE contact_id = ?1 AND status = 'open'"
            ))?
            // The card comes after the 16 columns of `COLUMNS`.
            .query_map([id], |r| Ok((from_row(r)?, r.get(16)?)))?
            .collect::<rusqlite::Result<_>>()?;
        // Each planned item keeps at most one open row (an undo can reopen a row the plan
        // had already replaced): the rest are superseded below.
        let mut kept: Vec<i64> = Vec::with_capacity(planned.len());
        for p in planned {
            // An item already past its due time that the plan now dates otherwise is not
            // the same item moved: it was missed (a change after the deadline), and the
            // plan's item is a new one. Moved in place, the miss would vanish from the
            // lead's compliance figures.
            let same = open.iter().find(|(o, _)| {
                o.track == p.track
                    && o.step == p.step
                    && o.purchase_id == p.purchase_id
                    && !kept.contains(&o.id)
                    && (o.due == p.due || o.due >= now)
            });
            if let Some((o, _)) = same {
                kept.push(o.id);
            }
            match same {
                // The card too: a renamed or regraded contact's items show it at once.
                Some((o, kept_card))
                    if o.due == p.due
                        && o.action == p.action
                        && o.script == p.script
                        && o.score_base == p.score_base
                        && o.valid_from == p.starts
                        && o.valid_until == p.expires
                        && o.rot_from.map(to_db) == rot
                        && kept_card.as_deref() == Some(card) => {}
                Some((o, _)) => {
                    self.tx
                        .prepare_cached(
                            "UPDATE followups SET due_at = ?2, action = ?3, script = ?4, \
                             score_base = ?5, valid_from = ?6, valid_until = ?7, rot_from = ?8, \
                             card = ?9 WHERE id = ?1",
                        )?
                        .execute(params![
                            o.id,
                            to_db(p.due),
                            p.action,
                            p.script,
                            p.score_base,
                            p.starts.map(to_db),
                            p.expires.map(to_db),
                            rot,
                            card
                        ])?;
                }
                None => self.insert_followup(id, p, rot, card)?,
            }
        }
        for (o, _) in &open {
            if !kept.contains(&o.id) {
                self.tx
                    .prepare_cached(
                        "UPDATE followups SET status = 'superseded', closed_at = ?2 WHERE id = ?1",
                    )?
                    .execute(params![o.id, to_db(now)])?;
                // A snooze is the rep's own date, not the plan's: undoing the change that
                // replaced it (a touch logged by mistake) must bring it back.
                if o.snoozed {
                    self.record(Effect::FollowupClosed {
                        id: o.id,
                        status: "superseded".into(),
                    });
                }
            }
        }
        let next = planned.iter().map(|p| p.due).min();
        self.tx
            .prepare_cached(
                "UPDATE contacts SET next_due_at = ?2, quiet_from = ?3, quiet_wake = ?4 \
                 WHERE id = ?1",
            )?
            .execute(params![
                id,
                next.map(to_db),
                quiet.from.map(to_db),
                super::contacts_write::quiet_wake(quiet)
            ])?;
        Ok(())
    }

    /// The first plan of a contact created in this write (it has no follow-ups yet): the
    /// rows `set_open_followups` would write for it, without looking for rows to keep. The
    /// contact's row already holds the plan's next due time (`ContactInsert::next_due_at`).
    pub fn insert_followup_rows(
        &self,
        id: ContactId,
        planned: &[Planned],
        rot_from: Option<DateTime<Utc>>,
        card: &str,
        snoozed: &[Snooze],
    ) -> Result<()> {
        let rot = rot_from.map(to_db);
        for p in planned {
            self.insert_followup(id, p, rot, card)?;
            // The plan applied the snooze (and may have moved it on, as it moves any item):
            // the item is the one the rep moved.
            if snoozed
                .iter()
                .any(|s| (s.track, s.step, s.purchase_id) == (p.track, p.step, p.purchase_id))
            {
                self.tx
                    .prepare_cached("UPDATE followups SET snoozed = 1 WHERE id = ?1")?
                    .execute([self.tx.last_insert_rowid()])?;
            }
        }
        Ok(())
    }

    /// A follow-up the rep already closed, for a contact the same write created (a book's
    /// own export read back): it goes in as it was, not planned.
    pub fn insert_closed_followup(&self, f: &Followup) -> Result<()> {
        let fixed_id = self.reused_id_floor(super::ids::IdTable::Followups)?;
        self.tx
            .prepare_cached(
                "INSERT INTO followups (contact_id, track, step, purchase_id, due_at, action, \
                 script, status, closed_at, note, id, overdue_at) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            )?
            .execute(params![
                f.contact_id,
                f.track.key(),
                f.step,
                f.purchase_id,
                to_db(f.due),
                f.action,
                f.script,
                f.status,
                f.closed_at.map(to_db),
                f.note,
                fixed_id,
                f.overdue_at.map(to_db),
            ])?;
        Ok(())
    }

    fn insert_followup(
        &self,
        id: ContactId,
        p: &Planned,
        rot: Option<i64>,
        card: &str,
    ) -> Result<()> {
        let fixed_id = self.reused_id_floor(super::ids::IdTable::Followups)?;
        self.tx
            .prepare_cached(
                "INSERT INTO followups (contact_id, track, step, purchase_id, due_at, \
                 action, script, score_base, valid_from, valid_until, rot_from, card, id) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
            )?
            .execute(params![
                id,
                p.track.key(),
                p.step,
                p.purchase_id,
                to_db(p.due),
                p.action,
                p.script,
                p.score_base,
                p.starts.map(to_db),
                p.expires.map(to_db),
                rot,
                card,
                fixed_id
            ])?;
        Ok(())
    }

    /// Closes an open follow-up as done or skipped (journalled).
    pub fn close_followup(
        &self,
        id: i64,
        skipped: bool,
        note: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let status = if skipped { "skipped" } else { "done" };
        let n = self.tx.execute(
            "UPDATE followups SET status = ?2, closed_at = ?3, note = ?4 \
             WHERE id = ?1 AND status = 'open'",
            params![id, status, to_db(now), note],
        )?;
        if n > 0 {
            self.record(Effect::FollowupClosed {
                id,
                status: status.into(),
            });
        }
        Ok(())
    }

    /// Moves an open follow-up to `until` (journalled with where it was). `keeps_deadline`
    /// says the snooze does not move what it is judged by (it was already past its deadline,
    /// or it is a first reply): the first deadline so kept is the lead's figures'
    /// (`overdue_at`), whatever later snoozes do.
    pub fn snooze_followup(
        &self,
        f: &Followup,
        until: DateTime<Utc>,
        keeps_deadline: bool,
    ) -> Result<()> {
        let overdue_before: Option<i64> = self
            .tx
            .prepare_cached("SELECT overdue_at FROM followups WHERE id = ?1")?
            .query_row([f.id], |r| r.get(0))?;
        let overdue_after = overdue_before.or(keeps_deadline.then(|| to_db(f.due)));
        let n = self.tx.execute(
            "UPDATE followups SET due_at = ?2, snoozed = 1, overdue_at = ?3 \
             WHERE id = ?1 AND status = 'open'",
            params![f.id, to_db(until), overdue_after],
        )?;
        if n > 0 {
            self.record(Effect::FollowupSnoozed {
                id: f.id,
                due_before: to_db(f.due),
                snoozed_before: f.snoozed,
                overdue_before,
            });
        }
        Ok(())
    }

    /// Keeps the deadline a seeded snoozed follow-up had missed (a book's own export read
    /// back): on its open row, which the plan has just written.
    pub fn set_seeded_overdue(
        &self,
        contact: ContactId,
        track: Track,
        step: u32,
        purchase_id: Option<i64>,
        overdue_at: DateTime<Utc>,
    ) -> Result<()> {
        self.tx
            .prepare_cached(
                "UPDATE followups SET overdue_at = ?5 WHERE contact_id = ?1 AND track = ?2 \
                 AND step = ?3 AND purchase_id IS ?4 AND status = 'open' AND snoozed = 1",
            )?
            .execute(params![
                contact,
                track.key(),
                step,
                purchase_id,
                to_db(overdue_at)
            ])?;
        Ok(())
    }

    /// Puts back the missed deadline a follow-up had before an undone snooze.
    pub fn restore_overdue(&self, id: i64, overdue_at: Option<i64>) -> Result<()> {
        self.tx.execute(
            "UPDATE followups SET overdue_at = ?2 WHERE id = ?1",
            params![id, overdue_at],
        )?;
        Ok(())
    }

    /// Puts a follow-up back as an undone change left it: open again, or back to its time.
    pub fn restore_followup(
        &self,
        id: i64,
        due: Option<DateTime<Utc>>,
        snoozed: bool,
    ) -> Result<()> {
        let Some(f) = self.snap().followup(id)? else {
            return Ok(());
        };
        self.touched(f.contact_id);
        self.record(Effect::FollowupReopened {
            id,
            status_before: f.status.clone(),
            closed_at_before: f.closed_at.map(to_db),
            note_before: f.note.clone(),
        });
        self.tx.execute(
            "UPDATE followups SET status = 'open', closed_at = NULL, note = NULL, \
             due_at = ?2, snoozed = ?3 WHERE id = ?1",
            params![id, to_db(due.unwrap_or(f.due)), snoozed as i64],
        )?;
        Ok(())
    }

    pub fn all_contact_ids(&self) -> Result<Vec<ContactId>> {
        Ok(self
            .tx
            .prepare("SELECT id FROM contacts ORDER BY id")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?)
    }
}

/// A contact's touches in (?2, ?3], oldest first: from the timeline's index alone (schema 9).
pub(super) const TOUCHES_SQL: &str = "SELECT at FROM interactions \
    WHERE contact_id = ?1 AND at > ?2 AND at <= ?3 \
    AND kind IN ('message', 'call', 'meeting', 'script_sent', 'followup_done') ORDER BY at";

impl Snap<'_> {
    pub fn followup(&self, id: i64) -> Result<Option<Followup>> {
        Ok(self
            .conn()
            .prepare_cached(&format!("SELECT {COLUMNS} FROM followups WHERE id = ?1"))?
            .query_row([id], from_row)
            .optional()?)
    }

    /// The deadline a follow-up had already missed when it was snoozed, if so.
    pub fn missed_deadline(&self, id: i64) -> Result<Option<DateTime<Utc>>> {
        if self.schema_version()? < super::schema::OVERDUE_VERSION {
            return Ok(None);
        }
        Ok(self
            .conn()
            .prepare_cached("SELECT overdue_at FROM followups WHERE id = ?1")?
            .query_row([id], |r| r.get::<_, Option<i64>>(0))
            .optional()?
            .flatten()
            .map(from_db))
    }

    pub fn history(&self, id: ContactId) -> Result<History> {
        history(self.conn(), id)
    }

    /// When the book switched to the template it follows, if it ever did.
    pub fn template_since(&self) -> Result<Option<DateTime<Utc>>> {
        template_since(self.conn())
    }

    /// A contact's outgoing touches in (from, until], oldest first.
    pub fn touches_between(
        &self,
        id: ContactId,
        from: DateTime<Utc>,
        until: DateTime<Utc>,
    ) -> Result<Vec<DateTime<Utc>>> {
        Ok(self
            .conn()
            .prepare_cached(TOUCHES_SQL)?
            .query_map(params![id, to_db(from), to_db(until)], |r| {
                r.get::<_, i64>(0)
            })?
            .map(|r| r.map(from_db))
            .collect::<rusqlite::Result<_>>()?)
    }

    /// A contact's open follow-ups, by id.
    pub fn open_followups_of(&self, id: ContactId) -> Result<Vec<Followup>> {
        Ok(self
            .conn()
            .prepare_cached(&format!(
                "SELECT {COLUMNS} FROM followups WHERE contact_id = ?1 AND status = 'open' \
                 ORDER BY id"
            ))?
            .query_map([id], from_row)?
            .collect::<rusqlite::Result<_>>()?)
    }

    /// What the rep did to a contact's plan: its follow-ups done, skipped or replaced, and
    /// its open ones moved to a later time; by due time.
    pub fn worked_followups_of(&self, id: ContactId) -> Result<Vec<Followup>> {
        // A book older than the missed deadline's column has none.
        let overdue = if self.schema_version()? >= super::schema::OVERDUE_VERSION {
            "overdue_at"
        } else {
            "NULL"
        };
        Ok(self
            .conn()
            .prepare_cached(&format!(
                "SELECT {COLUMNS}, {overdue} FROM followups WHERE contact_id = ?1 \
                 AND (status <> 'open' OR snoozed = 1) ORDER BY due_at, id"
            ))?
            .query_map([id], |r| {
                let mut f = from_row(r)?;
                f.overdue_at = r.get::<_, Option<i64>>(COLUMN_COUNT)?.map(from_db);
                Ok(f)
            })?
            .collect::<rusqlite::Result<_>>()?)
    }

    /// A contact's dates set with the customer, by time.
    pub fn appointments_of(&self, id: ContactId) -> Result<Vec<Appointment>> {
        super::history::appointments(self.conn(), id)
    }

    /// Live open follow-ups due before `until` (at `now`), earliest first, at most `limit`.
    pub fn open_followups_before(
        &self,
        until: DateTime<Utc>,
        now: DateTime<Utc>,
        limit: usize,
    ) -> Result<Vec<Followup>> {
        Ok(self
            .conn()
            .prepare_cached(&format!(
                "SELECT {COLUMNS} FROM followups WHERE status = 'open' AND due_at < ?1 \
                 AND {} ORDER BY due_at, id LIMIT ?2",
                live(3)
            ))?
            .query_map(params![to_db(until), limit as i64, to_db(now)], from_row)?
            .collect::<rusqlite::Result<_>>()?)
    }
}
