//! The whole book read in one pass over each table: the book's side of `verify`, and what
//! the team lead's figures start from.

use super::contacts::{COLUMN_COUNT, COLUMNS, contact_from_row, stage_row};
use super::contacts_write::quiet_of;
use super::schema::QUIET_VERSION;
use super::{RowTable, Snap};
use crate::domain::state::StageRow;
use crate::domain::{Contact, ContactId, TagRef};
use anyhow::Result;
use std::collections::HashMap;

/// Every contact of the book (archived and merged ones too) with its tags, and every
/// stage-history row: the book's side of `verify`, read in one pass over each table.
#[derive(Debug, Clone, Default)]
pub struct BookRows {
    /// By id.
    pub contacts: Vec<Contact>,
    /// In the order they were written (so each contact's rows are in order).
    pub stages: Vec<(ContactId, StageRow)>,
}

/// Where `quiet_from` comes in the book-wide contact query (after [`COLUMNS`]).
const QUIET_COL: usize = COLUMN_COUNT;

impl Snap<'_> {
    /// The whole book's contacts and stage history.
    pub fn book_rows(&self) -> Result<BookRows> {
        Ok(BookRows {
            contacts: self.book_contacts()?,
            stages: self.book_stages()?,
        })
    }

    /// Every contact, by id, with its tags.
    pub fn book_contacts(&self) -> Result<Vec<Contact>> {
        let mut contacts = Vec::with_capacity(self.rows_hint(RowTable::Contacts));
        self.for_each_book_contact(|c| {
            contacts.push(c);
            Ok(())
        })?;
        Ok(contacts)
    }

    /// Calls `f` on every contact, by id, with its tags and where it stands on going quiet
    /// (`Contact::quiet`, which other reads leave out), without holding them all. Tags
    /// come from one pass over the tag links, in step with the contacts (a query per
    /// contact costs ten times more), with the few tags' names read once: joining each
    /// link to its name cost a big book's report a third of this read.
    pub fn for_each_book_contact(&self, mut f: impl FnMut(Contact) -> Result<()>) -> Result<()> {
        let conn = self.conn();
        // Each tag by id, with its place in (group, tag) order.
        let mut names: Vec<(i64, TagRef)> = conn
            .prepare("SELECT id, grp, name FROM tags")?
            .query_map([], |r| {
                Ok((
                    r.get(0)?,
                    TagRef {
                        group: r.get(1)?,
                        tag: r.get(2)?,
                    },
                ))
            })?
            .collect::<rusqlite::Result<_>>()?;
        names.sort_by(|(_, a), (_, b)| (&a.group, &a.tag).cmp(&(&b.group, &b.tag)));
        let place: HashMap<i64, usize> = names
            .iter()
            .enumerate()
            .map(|(i, (id, _))| (*id, i))
            .collect();
        let mut tag_stmt =
            conn.prepare("SELECT contact_id, tag_id FROM contact_tags ORDER BY contact_id")?;
        let mut tags = tag_stmt.query([])?;
        let next_tag = |tags: &mut rusqlite::Rows| -> Result<Option<(ContactId, i64)>> {
            Ok(match tags.next()? {
                Some(r) => Some((r.get(0)?, r.get(1)?)),
                None => None,
            })
        };
        let mut pending = next_tag(&mut tags)?;
        let mut held: Vec<usize> = Vec::new();
        // Where each contact stands on going quiet, in a book that keeps it (an older one
        // read as it is has not the columns).
        let quiet = if self.schema_version()? >= QUIET_VERSION {
            "quiet_from, quiet_wake"
        } else {
            "NULL, 0"
        };
        let mut stmt = conn.prepare(&format!(
            "SELECT {COLUMNS}, {quiet} FROM contacts c ORDER BY id"
        ))?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let mut c = contact_from_row(r)?;
            if let Some(from) = r.get::<_, Option<i64>>(QUIET_COL)? {
                c.quiet = Some(quiet_of(from, r.get(QUIET_COL + 1)?));
            }
            held.clear();
            while let Some((owner, tag)) = pending.take() {
                if owner > c.id {
                    pending = Some((owner, tag));
                    break;
                }
                // A link to a tag that is not there names nothing (as a join would).
                if owner == c.id
                    && let Some(at) = place.get(&tag)
                {
                    held.push(*at);
                }
                pending = next_tag(&mut tags)?;
            }
            held.sort_unstable();
            c.tags = held.iter().map(|at| names[*at].1.clone()).collect();
            f(c)?;
        }
        Ok(())
    }

    /// Every stage-history row, in the order they were written.
    pub fn book_stages(&self) -> Result<Vec<(ContactId, StageRow)>> {
        let mut stmt = self.conn().prepare(
            "SELECT contact_id, at, from_stage, to_stage FROM stage_history ORDER BY id",
        )?;
        let mut rows = stmt.query([])?;
        let mut out = Vec::with_capacity(self.rows_hint(RowTable::StageHistory));
        while let Some(r) = rows.next()? {
            out.push((r.get(0)?, stage_row(r, 1)?));
        }
        Ok(out)
    }
}
