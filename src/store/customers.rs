//! What the SOP engine keeps besides follow-ups: dated appointments, the derived customer
//! tier, and the book's own tag taxonomy (tags added on purpose beyond the template's).

use super::time::to_db;
use super::{Snap, Writer};
use crate::domain::state::Effect;
use crate::domain::{ContactId, TagRef, Tier};
use anyhow::Result;
use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, params};
use serde_json::json;

/// A dated follow-up to store.
pub struct NewAppointment<'a> {
    pub contact: ContactId,
    pub at: DateTime<Utc>,
    pub kind: Option<&'a str>,
    pub note: Option<&'a str>,
    pub remind: bool,
    pub created_at: DateTime<Utc>,
}

impl Writer<'_> {
    /// Stores a dated follow-up (journalled: an undo takes it out).
    pub fn insert_appointment(&self, a: &NewAppointment) -> Result<i64> {
        let id = self.insert_appointment_quietly(a)?;
        self.record(Effect::Appointment {
            id,
            contact: a.contact,
        });
        Ok(id)
    }

    /// As [`Writer::insert_appointment`], for a contact the same write created (its removal
    /// removes the date too: nothing to journal).
    pub fn insert_appointment_quietly(&self, a: &NewAppointment) -> Result<i64> {
        self.tx
            .prepare_cached(
                "INSERT INTO appointments (contact_id, at, kind, note, remind, created_at) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?
            .execute(params![
                a.contact,
                to_db(a.at),
                a.kind,
                a.note,
                a.remind as i64,
                to_db(a.created_at)
            ])?;
        let id = self.tx.last_insert_rowid();
        self.touched(a.contact);
        Ok(id)
    }

    /// Takes a dated follow-up out (an undone `followup add`), kept whole in the journal.
    pub fn remove_appointment(&self, id: i64) -> Result<()> {
        type Row = (ContactId, i64, Option<String>, Option<String>, i64, i64);
        let row: Option<Row> = self
            .tx
            .prepare_cached(
                "SELECT contact_id, at, kind, note, remind, created_at FROM appointments \
                 WHERE id = ?1",
            )?
            .query_row([id], |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                ))
            })
            .optional()?;
        let Some((contact, at, kind, note, remind, created)) = row else {
            return Ok(());
        };
        self.tx
            .prepare_cached("DELETE FROM appointments WHERE id = ?1")?
            .execute([id])?;
        self.touched(contact);
        self.record(Effect::Removed {
            table: "appointments".into(),
            row: json!({ "id": id, "contact": contact, "at": at, "kind": kind, "note": note,
                         "remind": remind != 0, "created_at": created }),
        });
        Ok(())
    }

    /// Keeps the derived tier: not something the rep sets, so not journalled (every change
    /// that moves it is, and the plan it comes from is made again after an undo).
    pub fn set_tier(&self, id: ContactId, tier: Option<Tier>) -> Result<()> {
        self.tx
            .prepare_cached("UPDATE contacts SET tier = ?2 WHERE id = ?1 AND tier IS NOT ?2")?
            .execute(params![id, tier.map(|t| t.key())])?;
        Ok(())
    }
}

impl Snap<'_> {
    /// Whether the book knows this tag: a contact has it (archived ones too). A tag added
    /// on purpose and taken off everyone since is forgotten, so a typo once let through
    /// with `--new-tag` is not accepted without it for ever after.
    pub fn tag_known(&self, tag: &TagRef) -> Result<bool> {
        Ok(self
            .conn()
            .prepare_cached(
                "SELECT 1 FROM tags t WHERE grp = ?1 AND name = ?2 \
                 AND EXISTS (SELECT 1 FROM contact_tags ct WHERE ct.tag_id = t.id)",
            )?
            .query_row((&tag.group, &tag.tag), |_| Ok(()))
            .optional()?
            .is_some())
    }

    /// Every tag the book knows (see [`Snap::tag_known`]), by group and name.
    pub fn book_tags(&self) -> Result<Vec<TagRef>> {
        Ok(self
            .conn()
            .prepare_cached(
                "SELECT grp, name FROM tags t \
                 WHERE EXISTS (SELECT 1 FROM contact_tags ct WHERE ct.tag_id = t.id) \
                 ORDER BY grp, name",
            )?
            .query_map([], |r| {
                Ok(TagRef {
                    group: r.get(0)?,
                    tag: r.get(1)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?)
    }
}
