//! Grade changes. Since schema 7 the timeline entry an edit or a merge leaves ('edited',
//! 'merged') keeps the grade before and after (`grade_from`, `grade_to`) when the change
//! moved the contact's grade. Books made before have them filled in from the activity log
//! when first opened for writing ([`backfill`]); a reader of such a book, which cannot
//! upgrade it, reads the same changes from the log ([`logged_changes`]).

use super::time::{from_db, to_db};
use crate::domain::state::{Effect, EventDetail};
use crate::domain::{ContactId, Grade};
use anyhow::Result;
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};

/// A change of one contact's grade as the log records it, with the timeline entries the
/// same log entry added for that contact: its 'edited' or 'merged' entry among them is
/// where the change belongs.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct LoggedGradeChange {
    pub contact: ContactId,
    /// When the change was made (its timeline entry carries the same time).
    pub at: DateTime<Utc>,
    pub from: Option<Grade>,
    pub to: Option<Grade>,
    /// The entries the change added for the contact, in the order it added them.
    pub entries: Vec<i64>,
}

/// The log entries that can change the grade of a contact that already exists: edits,
/// grades, merges, and batches of them (an import that merges rows into contacts). Undos
/// are left out: an undo takes out the timeline entry of the change it reverses, and with
/// it the change. Contacts created with a grade are not changes here (see the loader).
const CANDIDATES: &str = "SELECT at, detail FROM events WHERE undoes IS NULL \
     AND (action IN ('contact.edit', 'contact.grade', 'contact.merge') OR action LIKE 'batch.%') \
     ORDER BY id";

/// Calls `f` with every grade change the log records, oldest first. Entries that cannot be
/// read are passed over (`verify` names them).
pub(super) fn logged_changes(
    conn: &Connection,
    mut f: impl FnMut(LoggedGradeChange) -> Result<()>,
) -> Result<()> {
    let mut stmt = conn.prepare(CANDIDATES)?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let at = from_db(r.get(0)?);
        let Ok(detail) = r.get_ref(1)?.as_str() else {
            continue;
        };
        // A state with a grade writes the key "grade": without it, no grade changed.
        if !detail.contains("\"grade\"") {
            continue;
        }
        let Ok(d) = serde_json::from_str::<EventDetail>(detail) else {
            continue;
        };
        for ch in &d.contacts {
            let (Some(before), Some(after)) = (&ch.before, &ch.after) else {
                continue;
            };
            if before.grade == after.grade {
                continue;
            }
            let entries = d
                .effects
                .iter()
                .filter_map(|e| match e {
                    Effect::Interaction { id, contact } if *contact == ch.id => Some(*id),
                    _ => None,
                })
                .collect();
            f(LoggedGradeChange {
                contact: ch.id,
                at,
                from: before.grade,
                to: after.grade,
                entries,
            })?;
        }
    }
    Ok(())
}

/// Whether a timeline entry (its kind and time) is the one a logged change left: an
/// 'edited' or 'merged' entry made at the change's time. The time guards against an id
/// used again after an undo took the first entry out.
pub(super) fn is_entry_of(kind: &str, at: i64, change: &LoggedGradeChange) -> bool {
    matches!(kind, "edited" | "merged") && at == to_db(change.at)
}

/// Fills in the grade columns of an older book's timeline from its log (the schema
/// migration that adds them runs this once, inside its transaction).
pub(super) fn backfill(tx: &Connection) -> Result<()> {
    let mut find = tx.prepare("SELECT kind, at FROM interactions WHERE id = ?1")?;
    let mut set =
        tx.prepare("UPDATE interactions SET grade_from = ?2, grade_to = ?3 WHERE id = ?1")?;
    logged_changes(tx, |ch| {
        for id in ch.entries.iter().rev() {
            let row: Option<(String, i64)> = find
                .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()?;
            if let Some((kind, at)) = row
                && is_entry_of(&kind, at, &ch)
            {
                set.execute(params![id, ch.from.map(Grade::key), ch.to.map(Grade::key)])?;
                break;
            }
        }
        Ok(())
    })
}
