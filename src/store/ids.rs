//! Ids are never given out twice. SQLite gives a new row the highest id plus one, so an
//! undone add (the only write that deletes a contact) would hand its id, and its
//! follow-ups' ids, to the next contact: `show 1` would be someone else, and a calendar
//! that imported the old follow-up would have it overwritten by the new one's (the UID is
//! built from the id). The highest ids an undo removes are kept as floors; a new row goes
//! above them. A restore keeps the highest ids the replaced content had given out the same
//! way.

use super::Writer;
use anyhow::Result;
use rusqlite::{Connection, OptionalExtension};

/// The internal setting holding the floors, as `contacts,followups`.
const KEY: &str = "id_floor";

#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Floors {
    contacts: i64,
    followups: i64,
}

#[derive(Debug, Clone, Copy)]
pub(super) enum IdTable {
    Contacts,
    Followups,
}

impl IdTable {
    fn max_sql(self) -> &'static str {
        match self {
            IdTable::Contacts => "SELECT coalesce(max(id), 0) FROM contacts",
            IdTable::Followups => "SELECT coalesce(max(id), 0) FROM followups",
        }
    }
}

impl Floors {
    fn parse(s: &str) -> Floors {
        let mut parts = s.split(',').map(|p| p.trim().parse::<i64>().unwrap_or(0));
        Floors {
            contacts: parts.next().unwrap_or(0),
            followups: parts.next().unwrap_or(0),
        }
    }

    fn get(&mut self, t: IdTable) -> &mut i64 {
        match t {
            IdTable::Contacts => &mut self.contacts,
            IdTable::Followups => &mut self.followups,
        }
    }
}

impl Writer<'_> {
    fn floors(&self) -> Result<Floors> {
        if let Some(f) = *self.id_floors.borrow() {
            return Ok(f);
        }
        let stored: Option<String> = self
            .tx
            .prepare_cached("SELECT value FROM settings WHERE key = ?1")?
            .query_row([KEY], |r| r.get(0))
            .optional()?;
        let f = stored.as_deref().map(Floors::parse).unwrap_or_default();
        *self.id_floors.borrow_mut() = Some(f);
        Ok(f)
    }

    /// The id a new row of `table` must take so that it is not one an undo removed: `None`
    /// (SQLite's own choice) unless the table's highest id is below the floor. Costs one
    /// lookup a write while a floor is above the table, nothing after.
    pub(super) fn reused_id_floor(&self, table: IdTable) -> Result<Option<i64>> {
        let mut floors = self.floors()?;
        let floor = *floors.get(table);
        if floor == 0 {
            return Ok(None);
        }
        let max: i64 = self
            .tx
            .prepare_cached(table.max_sql())?
            .query_row([], |r| r.get(0))?;
        if max >= floor {
            // Passed: SQLite's choice is above the floor from now on.
            *floors.get(table) = 0;
            *self.id_floors.borrow_mut() = Some(floors);
            return Ok(None);
        }
        Ok(Some(floor + 1))
    }

    /// Raises the floors to a contact about to be removed and its follow-ups.
    pub(super) fn keep_ids_of(&self, contact: i64) -> Result<()> {
        let top_followup: i64 = self
            .tx
            .prepare_cached("SELECT coalesce(max(id), 0) FROM followups WHERE contact_id = ?1")?
            .query_row([contact], |r| r.get(0))?;
        let stored: Option<String> = self
            .tx
            .prepare_cached("SELECT value FROM settings WHERE key = ?1")?
            .query_row([KEY], |r| r.get(0))
            .optional()?;
        let mut f = stored.as_deref().map(Floors::parse).unwrap_or_default();
        f.contacts = f.contacts.max(contact);
        f.followups = f.followups.max(top_followup);
        self.set_internal_setting(KEY, &format!("{},{}", f.contacts, f.followups))?;
        *self.id_floors.borrow_mut() = Some(f);
        Ok(())
    }
}

fn stored_floors(conn: &Connection) -> Result<Floors> {
    let stored: Option<String> = conn
        .prepare_cached("SELECT value FROM settings WHERE key = ?1")?
        .query_row([KEY], |r| r.get(0))
        .optional()?;
    Ok(stored.as_deref().map(Floors::parse).unwrap_or_default())
}

fn table_max(conn: &Connection, table: IdTable) -> Result<i64> {
    Ok(conn.query_row(table.max_sql(), [], |r| r.get(0))?)
}

/// The highest ids the book has given out: its rows' and its floors'.
pub(super) fn highest_given(conn: &Connection) -> Result<Floors> {
    let f = stored_floors(conn)?;
    Ok(Floors {
        contacts: f.contacts.max(table_max(conn, IdTable::Contacts)?),
        followups: f.followups.max(table_max(conn, IdTable::Followups)?),
    })
}

/// Raises the floors to `given` where the book's rows and floors are below it (a book just
/// replaced by an older copy), in one write.
pub(super) fn keep_given(conn: &mut Connection, given: Floors) -> Result<()> {
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    let now = highest_given(&tx)?;
    if given.contacts > now.contacts || given.followups > now.followups {
        let mut f = stored_floors(&tx)?;
        f.contacts = f.contacts.max(given.contacts);
        f.followups = f.followups.max(given.followups);
        tx.execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2) \
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (KEY, format!("{},{}", f.contacts, f.followups)),
        )?;
    }
    tx.commit()?;
    Ok(())
}
