//! The whole book read in one pass over each table: the book's side of `verify`, and what
//! the team lead's figures start from.

use super::contacts::{COLUMNS, contact_from_row, stage_row};
use super::{RowTable, Snap};
use crate::domain::state::StageRow;
use crate::domain::{Contact, ContactId, TagRef};
use anyhow::Result;

/// Every contact of the book (archived and merged ones too) with its tags, and every
/// stage-history row: the book's side of `verify`, read in one pass over each table.
#[derive(Debug, Clone, Default)]
pub struct BookRows {
    /// By id.
    pub contacts: Vec<Contact>,
    /// In the order they were written (so each contact's rows are in order).
    pub stages: Vec<(ContactId, StageRow)>,
}

impl Snap<'_> {
    /// The whole book's contacts and stage history. Tags come from one pass over the tag
    /// links, in step with the contacts (a query per contact costs ten times more).
    pub fn book_rows(&self) -> Result<BookRows> {
        let conn = self.conn();
        let mut tag_stmt = conn.prepare(
            "SELECT ct.contact_id, t.grp, t.name FROM contact_tags ct \
             JOIN tags t ON t.id = ct.tag_id ORDER BY ct.contact_id",
        )?;
        let mut tags = tag_stmt.query([])?;
        let next_tag = |tags: &mut rusqlite::Rows| -> Result<Option<(ContactId, TagRef)>> {
            Ok(match tags.next()? {
                Some(r) => Some((
                    r.get(0)?,
                    TagRef {
                        group: r.get(1)?,
                        tag: r.get(2)?,
                    },
                )),
                None => None,
            })
        };
        let mut pending = next_tag(&mut tags)?;
        let mut stmt = conn.prepare(&format!("SELECT {COLUMNS} FROM contacts c ORDER BY id"))?;
        let mut rows = stmt.query([])?;
        let mut out = BookRows {
            contacts: Vec::with_capacity(self.rows_hint(RowTable::Contacts)),
            stages: Vec::with_capacity(self.rows_hint(RowTable::StageHistory)),
        };
        while let Some(r) = rows.next()? {
            let mut c = contact_from_row(r)?;
            while let Some((owner, tag)) = pending.take() {
                if owner > c.id {
                    pending = Some((owner, tag));
                    break;
                }
                if owner == c.id {
                    c.tags.push(tag);
                }
                pending = next_tag(&mut tags)?;
            }
            c.tags
                .sort_by(|a, b| (&a.group, &a.tag).cmp(&(&b.group, &b.tag)));
            out.contacts.push(c);
        }
        let mut stmt = conn.prepare(
            "SELECT contact_id, at, from_stage, to_stage FROM stage_history ORDER BY id",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            out.stages.push((r.get(0)?, stage_row(r, 1)?));
        }
        Ok(out)
    }
}
