//! Reading contacts and their tags (writing them is in `contacts_write.rs`).

use super::Snap;
use super::time::from_db;
use crate::domain::state::StageRow;
use crate::domain::{Contact, ContactId, Grade, Outcome, Stage, TagRef};
use anyhow::Result;
use chrono::NaiveDate;
use rusqlite::types::Type;
use rusqlite::{Connection, OptionalExtension, Row};

pub(super) const COLUMNS: &str = "id, name, honorific, phone, wechat, company, source, need, budget, grade, \
                       stage, outcome, lost_reason, notes, owner, archived, created_at, updated_at, \
                       last_touch_at, stage_since, coalesce(grade_since, created_at), next_due_at, \
                       email, birthday, anniversary, merged_into, tier";
/// [`COLUMNS`] with only what the agenda shows and ranks by: name, grade, tier, stage,
/// outcome, archived and the times; the free text and the contact details read as empty.
/// A big book's agenda shows 200 items: their needs, notes and details were a third of
/// reading their contacts.
pub(super) const AGENDA_COLUMNS: &str = "id, name, NULL, NULL, NULL, NULL, NULL, NULL, NULL, \
                       grade, stage, outcome, NULL, NULL, NULL, archived, created_at, \
                       updated_at, last_touch_at, stage_since, coalesce(grade_since, created_at), \
                       next_due_at, NULL, NULL, NULL, merged_into, tier";
/// How many columns [`COLUMNS`] (and [`AGENDA_COLUMNS`]) read: what a query adds after
/// them comes at this index.
pub(super) const COLUMN_COUNT: usize = 27;
/// Where the tag list comes in a contact query (after [`COLUMNS`]).
const TAGS_COL: usize = COLUMN_COUNT;
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

/// A [`KeyRow`] from `id, name, company, phone, wechat`.
fn key_row(r: &Row) -> rusqlite::Result<KeyRow> {
    Ok(KeyRow {
        id: r.get(0)?,
        name: r.get(1)?,
        company: r.get(2)?,
        phone: r.get(3)?,
        wechat: r.get(4)?,
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
        // Only the book-wide pass reads it (see `Snap::for_each_book_contact`).
        quiet: None,
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

    /// How many contacts are archived (merged-away ones, which live on in the contact they
    /// joined, not counted).
    pub fn count_archived(&self) -> Result<i64> {
        Ok(self.conn().query_row(
            "SELECT count(*) FROM contacts WHERE archived = 1 AND merged_into IS NULL",
            [],
            |r| r.get(0),
        )?)
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
            .query_map([], key_row)?
            .collect::<rusqlite::Result<_>>()?)
    }

    /// Contacts (archived too, not those merged into another) whose phone is one of these
    /// spellings (see `domain::contact::phone_spellings`), whose WeChat ID is this one with
    /// case ignored, or — when `name` is given — with this name; by id.
    pub fn contacts_sharing(
        &self,
        phones: &[String],
        wechat: Option<&str>,
        name: Option<&str>,
    ) -> Result<Vec<KeyRow>> {
        const KEYS: &str = "SELECT id, name, company, phone, wechat FROM contacts";
        let mut out: Vec<KeyRow> = Vec::new();
        let mut read = |sql: &str, value: &str| -> Result<()> {
            let mut stmt = self.conn().prepare_cached(sql)?;
            for row in stmt.query_map([value], key_row)? {
                out.push(row?);
            }
            Ok(())
        };
        for p in phones {
            read(
                &format!("{KEYS} WHERE phone = ?1 AND merged_into IS NULL"),
                p,
            )?;
        }
        if let Some(w) = wechat {
            read(
                &format!("{KEYS} WHERE wechat = ?1 COLLATE NOCASE AND merged_into IS NULL"),
                w,
            )?;
        }
        if let Some(n) = name {
            read(
                &format!("{KEYS} WHERE name = ?1 AND merged_into IS NULL"),
                n,
            )?;
        }
        out.sort_by_key(|k| k.id);
        out.dedup_by_key(|k| k.id);
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Columns at the top level of a select list (commas inside brackets do not count).
    fn columns(list: &str) -> usize {
        let mut depth = 0i32;
        let mut n = 1;
        for c in list.chars() {
            match c {
                '(' => depth += 1,
                ')' => depth -= 1,
                ',' if depth == 0 => n += 1,
                _ => {}
            }
        }
        n
    }

    #[test]
    fn what_follows_the_contact_columns_is_read_where_it_is() {
        assert_eq!(columns(COLUMNS), COLUMN_COUNT);
        assert_eq!(columns(AGENDA_COLUMNS), COLUMN_COUNT);
        assert_eq!(columns("a, coalesce(b, c), d"), 3);
    }
}
