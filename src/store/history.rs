//! A contact's history as the follow-up engine reads it: touches, inbound messages, closed
//! and snoozed follow-ups, purchases, appointments, the win.

use super::time::from_db;
use crate::domain::ContactId;
use crate::domain::followup::{Appointment, Closed, Inbound, Purchase, Snooze, Track};
use anyhow::Result;
use chrono::{DateTime, Utc};
use rusqlite::Connection;

/// What the engine needs from a contact's history, besides the contact itself.
#[derive(Debug, Clone, Default)]
pub struct History {
    pub touches: Vec<DateTime<Utc>>,
    pub inbound: Vec<Inbound>,
    /// The touches the customer took part in (see `Facts::conversations`).
    pub conversations: Vec<DateTime<Utc>>,
    pub closed: Vec<Closed>,
    pub snoozed: Vec<Snooze>,
    pub purchases: Vec<Purchase>,
    pub appointments: Vec<Appointment>,
    pub won_at: Option<DateTime<Utc>>,
    /// The import that brought the contact in (see `Facts::arrived`).
    pub arrived: Option<DateTime<Utc>>,
    /// The relationship known before that import (see `Facts::prior_contact`).
    pub prior_contact: Option<DateTime<Utc>>,
    /// The last reopening or return from the archive.
    pub resumed: Option<DateTime<Utc>>,
    /// When the contact was last marked lost.
    pub lost_at: Option<DateTime<Utc>>,
    /// When the book switched to its template (see [`template_since`]).
    pub template_since: Option<DateTime<Utc>>,
}

/// The setting that holds when the book switched to the template it follows.
pub const TEMPLATE_SINCE: &str = "template_since";

/// When the book switched to the template it follows (`None` if it always followed it).
pub(crate) fn template_since(conn: &Connection) -> Result<Option<DateTime<Utc>>> {
    use rusqlite::OptionalExtension;
    let v: Option<String> = conn
        .prepare_cached("SELECT value FROM settings WHERE key = ?1")?
        .query_row([TEMPLATE_SINCE], |r| r.get(0))
        .optional()?;
    Ok(v.and_then(|v| v.parse::<i64>().ok()).map(from_db))
}

/// A contact's dates set with the customer, by time.
pub(super) fn appointments(conn: &Connection, id: ContactId) -> Result<Vec<Appointment>> {
    Ok(conn
        .prepare_cached(
            "SELECT id, at, note, kind, remind, created_at FROM appointments \
             WHERE contact_id = ?1 ORDER BY at, id",
        )?
        .query_map([id], |r| {
            Ok(Appointment {
                id: r.get(0)?,
                at: from_db(r.get(1)?),
                note: r.get(2)?,
                kind: r.get(3)?,
                remind: r.get::<_, i64>(4)? != 0,
                created_at: from_db(r.get(5)?),
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?)
}

pub(crate) fn history(conn: &Connection, id: ContactId) -> Result<History> {
    let (mut touches, mut conversations) = (Vec::new(), Vec::new());
    let mut stmt = conn.prepare_cached(
        "SELECT at, kind IN ('call', 'meeting') FROM interactions WHERE contact_id = ?1 \
         AND kind IN ('message', 'call', 'meeting', 'script_sent', 'followup_done') ORDER BY at",
    )?;
    let mut rows = stmt.query([id])?;
    while let Some(r) = rows.next()? {
        let at = from_db(r.get(0)?);
        touches.push(at);
        if r.get::<_, bool>(1)? {
            conversations.push(at);
        }
    }
    let inbound = conn
        .prepare_cached(
            "SELECT at, coalesce(body, '') FROM interactions WHERE contact_id = ?1 \
             AND kind = 'inbound' ORDER BY at, id",
        )?
        .query_map([id], |r| {
            Ok(Inbound {
                at: from_db(r.get(0)?),
                text: r.get(1)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let appointments = appointments(conn, id)?;
    let won_at = conn
        .prepare_cached("SELECT max(at) FROM interactions WHERE contact_id = ?1 AND kind = 'won'")?
        .query_row([id], |r| r.get::<_, Option<i64>>(0))?
        .map(from_db);
    let (mut arrived, mut prior_contact, mut resumed, mut lost_at) = (None, None, None, None);
    let mut stmt = conn.prepare_cached(
        "SELECT kind, max(at) FROM interactions WHERE contact_id = ?1 \
         AND kind IN ('imported', 'prior_contact', 'reopened', 'unarchived', 'lost') \
         GROUP BY kind",
    )?;
    let mut rows = stmt.query([id])?;
    while let Some(r) = rows.next()? {
        let at = Some(from_db(r.get(1)?));
        match r.get_ref(0)?.as_str()? {
            "imported" => arrived = at,
            "prior_contact" => prior_contact = at,
            "lost" => lost_at = at,
            _ => resumed = resumed.max(at),
        }
    }
    drop(rows);
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
                skipped: status == "skipped",
            });
        }
    }
    let purchases = super::interactions::purchases(conn, id)?;
    Ok(History {
        touches,
        inbound,
        conversations,
        closed,
        snoozed,
        purchases,
        appointments,
        won_at,
        arrived,
        prior_contact,
        resumed,
        lost_at,
        template_since: template_since(conn)?,
    })
}
