//! Follow-ups: the open ones the agenda reads, and the closed ones that record the work.

use super::time::{from_db, to_db};
use super::{Snap, Writer};
use crate::domain::ContactId;
use crate::domain::followup::{Closed, Planned, Purchase, Snooze, Track};
use crate::domain::state::Effect;
use anyhow::Result;
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Row, params};

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
}

const COLUMNS: &str = "id, contact_id, track, step, purchase_id, due_at, action, script, status, \
                       snoozed, score_base, valid_from, valid_until, closed_at, note";

/// An open item is live from its start to its expiry, "now" being parameter `?n`: a plan
/// that moves on with time alone (a cadence abandoned at dormancy for a wake-up) is stored
/// whole when made, and reads pick what is live without writing anything.
fn live(n: usize) -> String {
    format!(
        "(valid_from IS NULL OR valid_from <= ?{n}) AND (valid_until IS NULL OR valid_until > ?{n})"
    )
}

/// A slice of the agenda: first replies or the rest, due in [from, until), as of `now`.
#[derive(Debug, Clone, Copy)]
pub struct Window {
    pub first_replies: bool,
    pub from: Option<DateTime<Utc>>,
    pub until: DateTime<Utc>,
    pub now: DateTime<Utc>,
}

impl Window {
    fn track_filter(&self) -> &'static str {
        if self.first_replies {
            "track = 'first_response'"
        } else {
            "track != 'first_response'"
        }
    }
}

/// What the agenda ranks a window's rows by: `score_base + per_day × due` (due in days).
/// With `per_day` 0 that is `score_base` itself, which an index keeps in order; otherwise
/// the window's rows are read by due time and ranked.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RankKey {
    pub per_day: f64,
}

impl RankKey {
    pub const BASE: RankKey = RankKey { per_day: 0.0 };

    fn sql(&self, param: usize) -> String {
        if self.per_day == 0.0 {
            "score_base".into()
        } else {
            format!("(score_base + ?{param} * due_at / 86400.0)")
        }
    }

    /// `+` keeps SQLite from choosing the due index, so the score index is walked.
    fn due_hint(&self) -> &'static str {
        if self.per_day == 0.0 { "+" } else { "" }
    }

    /// The key of one row, computed as the SQL computes it.
    pub fn of(&self, f: &Followup) -> f64 {
        if self.per_day == 0.0 {
            f.score_base
        } else {
            f.score_base + self.per_day * to_db(f.due) as f64 / 86_400.0
        }
    }
}

fn from_row(r: &Row) -> rusqlite::Result<Followup> {
    let track: String = r.get(2)?;
    Ok(Followup {
        id: r.get(0)?,
        contact_id: r.get(1)?,
        track: track.parse().map_err(|e: String| {
            rusqlite::Error::FromSqlConversionFailure(2, rusqlite::types::Type::Text, e.into())
        })?,
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
    })
}

/// What the engine needs from a contact's history, besides the contact itself.
#[derive(Debug, Clone, Default)]
pub struct History {
    pub touches: Vec<DateTime<Utc>>,
    pub closed: Vec<Closed>,
    pub snoozed: Vec<Snooze>,
    pub purchases: Vec<Purchase>,
    pub won_at: Option<DateTime<Utc>>,
}

pub(crate) fn history(conn: &Connection, id: ContactId) -> Result<History> {
    let touches = conn
        .prepare_cached(
            "SELECT at FROM interactions WHERE contact_id = ?1 AND kind IN \
             ('message', 'call', 'meeting', 'script_sent', 'followup_done') ORDER BY at",
        )?
        .query_map([id], |r| r.get::<_, i64>(0))?
        .map(|r| r.map(from_db))
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let won_at = conn
        .prepare_cached("SELECT max(at) FROM interactions WHERE contact_id = ?1 AND kind = 'won'")?
        .query_row([id], |r| r.get::<_, Option<i64>>(0))?
        .map(from_db);
    let mut closed = Vec::new();
    let mut snoozed = Vec::new();
    let mut stmt = conn.prepare_cached(
        "SELECT track, step, purchase_id, status, coalesce(closed_at, due_at), due_at, snoozed \
         FROM followups WHERE contact_id = ?1 AND (status IN ('done', 'skipped') OR \
         (status = 'open' AND snoozed = 1))",
    )?;
    let rows = stmt.query_map([id], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, u32>(1)?,
            r.get::<_, Option<i64>>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, i64>(4)?,
            r.get::<_, i64>(5)?,
        ))
    })?;
    for row in rows {
        let (track, step, purchase_id, status, closed_at, due_at) = row?;
        let Ok(track) = track.parse::<Track>() else {
            continue;
        };
        if status == "open" {
            snoozed.push(Snooze {
                track,
                step,
                purchase_id,
                until: from_db(due_at),
            });
        } else {
            closed.push(Closed {
                track,
                step,
                purchase_id,
                at: from_db(closed_at),
            });
        }
    }
    let purchases = conn
        .prepare_cached(
            "SELECT id, at, product FROM purchases WHERE contact_id = ?1 ORDER BY at, id",
        )?
        .query_map([id], |r| {
            Ok(Purchase {
                id: r.get(0)?,
                at: from_db(r.get(1)?),
                product: r.get(2)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(History {
        touches,
        closed,
        snoozed,
        purchases,
        won_at,
    })
}

impl Writer<'_> {
    /// Makes the contact's open follow-ups exactly `planned`: unchanged ones keep their id
    /// (so `done 42` still means the same thing), others are replaced.
    pub fn set_open_followups(
        &self,
        id: ContactId,
        planned: &[Planned],
        now: DateTime<Utc>,
    ) -> Result<()> {
        let open: Vec<Followup> = self
            .tx
            .prepare_cached(&format!(
                "SELECT {COLUMNS} FROM followups WHERE contact_id = ?1 AND status = 'open'"
            ))?
            .query_map([id], from_row)?
            .collect::<rusqlite::Result<_>>()?;
        // Each planned item keeps at most one open row (an undo can reopen a row the plan
        // had already replaced): the rest are superseded below.
        let mut kept: Vec<i64> = Vec::with_capacity(planned.len());
        for p in planned {
            let same = open.iter().find(|o| {
                o.track == p.track
                    && o.step == p.step
                    && o.purchase_id == p.purchase_id
                    && !kept.contains(&o.id)
            });
            if let Some(o) = same {
                kept.push(o.id);
            }
            match same {
                Some(o)
                    if o.due == p.due
                        && o.action == p.action
                        && o.script == p.script
                        && o.score_base == p.score_base
                        && o.valid_from == p.starts
                        && o.valid_until == p.expires => {}
                Some(o) => {
                    self.tx
                        .prepare_cached(
                            "UPDATE followups SET due_at = ?2, action = ?3, script = ?4, \
                             score_base = ?5, valid_from = ?6, valid_until = ?7 WHERE id = ?1",
                        )?
                        .execute(params![
                            o.id,
                            to_db(p.due),
                            p.action,
                            p.script,
                            p.score_base,
                            p.starts.map(to_db),
                            p.expires.map(to_db)
                        ])?;
                }
                None => {
                    self.tx
                        .prepare_cached(
                            "INSERT INTO followups (contact_id, track, step, purchase_id, due_at, \
                             action, script, score_base, valid_from, valid_until) \
                             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
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
                            p.expires.map(to_db)
                        ])?;
                }
            }
        }
        for o in &open {
            if !kept.contains(&o.id) {
                self.tx
                    .prepare_cached(
                        "UPDATE followups SET status = 'superseded', closed_at = ?2 WHERE id = ?1",
                    )?
                    .execute(params![o.id, to_db(now)])?;
            }
        }
        let next = planned.iter().map(|p| p.due).min();
        self.tx
            .prepare_cached("UPDATE contacts SET next_due_at = ?2 WHERE id = ?1")?
            .execute(params![id, next.map(to_db)])?;
        Ok(())
    }

    /// The first plan of a contact created in this write (it has no follow-ups yet): the
    /// rows `set_open_followups` would write for it, without looking for rows to keep.
    pub fn insert_first_followups(&self, id: ContactId, planned: &[Planned]) -> Result<()> {
        let mut insert = self.tx.prepare_cached(
            "INSERT INTO followups (contact_id, track, step, purchase_id, due_at, \
             action, script, score_base, valid_from, valid_until) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        )?;
        for p in planned {
            insert.execute(params![
                id,
                p.track.key(),
                p.step,
                p.purchase_id,
                to_db(p.due),
                p.action,
                p.script,
                p.score_base,
                p.starts.map(to_db),
                p.expires.map(to_db)
            ])?;
        }
        if let Some(next) = planned.iter().map(|p| p.due).min() {
            self.tx
                .prepare_cached("UPDATE contacts SET next_due_at = ?2 WHERE id = ?1")?
                .execute(params![id, to_db(next)])?;
        }
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

    /// Moves an open follow-up to `until` (journalled with where it was).
    pub fn snooze_followup(&self, f: &Followup, until: DateTime<Utc>) -> Result<()> {
        let n = self.tx.execute(
            "UPDATE followups SET due_at = ?2, snoozed = 1 WHERE id = ?1 AND status = 'open'",
            params![f.id, to_db(until)],
        )?;
        if n > 0 {
            self.record(Effect::FollowupSnoozed {
                id: f.id,
                due_before: to_db(f.due),
                snoozed_before: f.snoozed,
            });
        }
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

impl Snap<'_> {
    pub fn followup(&self, id: i64) -> Result<Option<Followup>> {
        Ok(self
            .conn()
            .prepare_cached(&format!("SELECT {COLUMNS} FROM followups WHERE id = ?1"))?
            .query_row([id], from_row)
            .optional()?)
    }

    pub fn history(&self, id: ContactId) -> Result<History> {
        history(self.conn(), id)
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
            .prepare_cached(
                "SELECT at FROM interactions WHERE contact_id = ?1 AND at > ?2 AND at <= ?3 \
                 AND kind IN ('message', 'call', 'meeting', 'script_sent', 'followup_done') \
                 ORDER BY at",
            )?
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

    /// The rank key of the `n`-th (1-based) live open follow-up of a window in key order,
    /// the key being `score_base + per_day × due` (due in days; see
    /// `domain::urgency::score_base`). `None` when the window holds fewer than `n`.
    pub fn agenda_edge(&self, w: &Window, key: RankKey, n: usize) -> Result<Option<f64>> {
        let sql = format!(
            "SELECT {k} AS k FROM followups WHERE status = 'open' AND {} \
             AND {due}due_at >= ?1 AND {due}due_at < ?2 AND {} AND ?5 IS NOT NULL \
             ORDER BY k DESC LIMIT 1 OFFSET ?3",
            w.track_filter(),
            live(4),
            k = key.sql(5),
            due = key.due_hint(),
        );
        Ok(self
            .conn()
            .prepare_cached(&sql)?
            .query_row(
                params![
                    w.from.map_or(i64::MIN, to_db),
                    to_db(w.until),
                    n.saturating_sub(1).min(i64::MAX as usize) as i64,
                    to_db(w.now),
                    key.per_day
                ],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// The live open follow-ups of a window whose key (see [`Self::agenda_edge`]) is at
    /// least `floor`, or all of them when `None`. Unordered.
    pub fn agenda_from(
        &self,
        w: &Window,
        key: RankKey,
        floor: Option<f64>,
    ) -> Result<Vec<Followup>> {
        // Two statements, not `?3 IS NULL OR …`: an OR keeps SQLite from a range scan. A
        // whole window is read by due time; the rows above a floor by score.
        let (above, due) = match floor {
            Some(_) => (format!("AND {} >= ?3", key.sql(5)), key.due_hint()),
            None => ("AND ?3 IS NULL".to_string(), ""),
        };
        let sql = format!(
            "SELECT {COLUMNS} FROM followups WHERE status = 'open' AND {} \
             AND {due}due_at >= ?1 AND {due}due_at < ?2 AND {} AND ?5 IS NOT NULL {above}",
            w.track_filter(),
            live(4),
        );
        Ok(self
            .conn()
            .prepare_cached(&sql)?
            .query_map(
                params![
                    w.from.map_or(i64::MIN, to_db),
                    to_db(w.until),
                    floor,
                    to_db(w.now),
                    key.per_day
                ],
                from_row,
            )?
            .collect::<rusqlite::Result<_>>()?)
    }

    /// The live open follow-ups of a window with a key in `[low, high)` whose contact is
    /// rotting at `w.now`: the test of `domain::lifecycle::rotting` in SQL, given the
    /// stages' rot limits in `Stage::ALL` order. Unordered.
    pub fn agenda_rotting(
        &self,
        w: &Window,
        key: RankKey,
        (low, high): (f64, f64),
        rot_days: [Option<u32>; 5],
    ) -> Result<Vec<Followup>> {
        let secs = |d: Option<u32>| d.map(|d| i64::from(d) * 86_400);
        let k = key
            .sql(5)
            .replace("score_base", "f.score_base")
            .replace("due_at", "f.due_at");
        let sql = format!(
            // CROSS JOIN: walk the band of the score index, look each contact up by id
            // (SQLite would otherwise scan every contact).
            "SELECT {cols} FROM followups f CROSS JOIN contacts c ON c.id = f.contact_id \
             WHERE f.status = 'open' AND f.{track} AND {due}f.due_at >= ?1 \
             AND {due}f.due_at < ?2 AND {live} AND ?5 IS NOT NULL \
             AND {k} >= ?3 AND {k} < ?6 \
             AND c.outcome = 'open' AND c.archived = 0 \
             AND (c.next_due_at IS NULL OR c.next_due_at <= ?4) \
             AND ?4 - max(c.stage_since, coalesce(c.last_touch_at, c.created_at)) > \
                 CASE c.stage WHEN 'discover' THEN ?7 WHEN 'pitch' THEN ?8 \
                 WHEN 'resolve' THEN ?9 WHEN 'close' THEN ?10 WHEN 'aftercare' THEN ?11 END",
            cols = COLUMNS
                .split(", ")
                .map(|c| format!("f.{c}"))
                .collect::<Vec<_>>()
                .join(", "),
            track = w.track_filter(),
            live = live(4).replace("valid_", "f.valid_"),
            due = key.due_hint(),
        );
        Ok(self
            .conn()
            .prepare_cached(&sql)?
            .query_map(
                params![
                    w.from.map_or(i64::MIN, to_db),
                    to_db(w.until),
                    low,
                    to_db(w.now),
                    key.per_day,
                    high,
                    secs(rot_days[0]),
                    secs(rot_days[1]),
                    secs(rot_days[2]),
                    secs(rot_days[3]),
                    secs(rot_days[4]),
                ],
                from_row,
            )?
            .collect::<rusqlite::Result<_>>()?)
    }

    /// How many live open follow-ups a window holds, counting no further than `cap`: a
    /// count of tens of thousands costs milliseconds and says no more than "very many".
    pub fn count_open(&self, w: &Window, cap: i64) -> Result<i64> {
        Ok(self
            .conn()
            .prepare_cached(&format!(
                "SELECT count(*) FROM (SELECT 1 FROM followups WHERE status = 'open' \
                 AND {} AND due_at >= ?1 AND due_at < ?2 AND {} LIMIT ?3)",
                w.track_filter(),
                live(4)
            ))?
            .query_row(
                params![
                    w.from.map_or(i64::MIN, to_db),
                    to_db(w.until),
                    cap,
                    to_db(w.now)
                ],
                |r| r.get(0),
            )?)
    }
}
