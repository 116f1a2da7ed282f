//! The pipeline board's reads: how many contacts each stage column holds, and one page of a
//! column at a time (keyset pagination over the `contacts_board_page` index), so the board
//! never loads the whole book.
//!
//! A column is ordered by last activity (the last touch, else creation), newest first, ties
//! by id, newest first: exactly the index order, so a page is an index range read.

use super::Snap;
use super::time::{from_db, to_db};
use crate::domain::{ContactId, Grade, Outcome, Stage};
use anyhow::Result;
use chrono::{DateTime, Utc};
use rusqlite::types::Value;
use rusqlite::{OptionalExtension, Row};

/// The expression the index is built on: SQLite uses an expression index only when a query
/// spells the expression the same way.
const ACTIVITY: &str = "coalesce(last_touch_at, created_at)";

/// Which contacts a board column shows (the stage is given per call).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct BoardQuery {
    pub grade: Option<Grade>,
    /// A tag as group and name.
    pub tag: Option<(String, String)>,
    pub source: Option<String>,
    /// Lost and archived contacts too (won ones are always shown).
    pub closed: bool,
    /// Leave lost contacts out (every lifecycle but churned).
    pub not_lost: bool,
    /// Number of purchases in this range (inclusive), when set.
    pub purchases: Option<(i64, i64)>,
}

/// A contact as a board cell shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct BoardRow {
    pub id: ContactId,
    pub name: String,
    pub grade: Option<Grade>,
    pub stage: Stage,
    pub outcome: Outcome,
    pub archived: bool,
    /// Last touch, else creation: the column's order.
    pub activity: DateTime<Utc>,
    pub next_due: Option<DateTime<Utc>>,
}

impl BoardRow {
    pub fn key(&self) -> BoardKey {
        BoardKey {
            activity: to_db(self.activity),
            id: self.id,
        }
    }
}

/// Where a row sits in its column's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct BoardKey {
    pub activity: i64,
    pub id: ContactId,
}

const ROW: &str = "id, name, grade, stage, outcome, archived, coalesce(last_touch_at, created_at), \
                   next_due_at";

fn row(r: &Row) -> rusqlite::Result<BoardRow> {
    let bad = |i: usize, s: String| {
        rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, s.into())
    };
    let grade: Option<String> = r.get(2)?;
    let stage: String = r.get(3)?;
    let outcome: String = r.get(4)?;
    Ok(BoardRow {
        id: r.get(0)?,
        name: r.get(1)?,
        grade: match grade {
            Some(g) => Some(g.parse().map_err(|e| bad(2, format!("{e:?}")))?),
            None => None,
        },
        stage: stage.parse().map_err(|e| bad(3, format!("{e:?}")))?,
        outcome: outcome.parse().map_err(|e| bad(4, format!("{e:?}")))?,
        archived: r.get::<_, i64>(5)? != 0,
        activity: from_db(r.get(6)?),
        next_due: r.get::<_, Option<i64>>(7)?.map(from_db),
    })
}

/// The WHERE clause for one column and its arguments, in order of the `?`s.
fn conditions(stage: Stage, q: &BoardQuery, tag_id: Option<i64>) -> (String, Vec<Value>) {
    let mut sql = String::from("stage = ?");
    let mut args = vec![Value::Text(stage.key().into())];
    if !q.closed {
        sql.push_str(" AND archived = 0 AND outcome != 'lost'");
    } else {
        // A contact merged away is no longer the rep's: not even among the closed ones
        // (hidden above as archived). Asked of archived rows only, so the rest stay a read
        // of the board's index alone (the table is looked at only for the archived).
        sql.push_str(" AND (archived = 0 OR merged_into IS NULL)");
    }
    if q.not_lost {
        sql.push_str(" AND outcome != 'lost'");
    }
    if let Some(g) = q.grade {
        sql.push_str(" AND grade = ?");
        args.push(Value::Text(g.key().into()));
    }
    if let Some(s) = &q.source {
        sql.push_str(" AND source = ?");
        args.push(Value::Text(s.clone()));
    }
    if q.tag.is_some() {
        // An unknown tag matches nothing (-1 is never a tag id).
        sql.push_str(
            " AND EXISTS (SELECT 1 FROM contact_tags ct WHERE ct.contact_id = contacts.id \
             AND ct.tag_id = ?)",
        );
        args.push(Value::Integer(tag_id.unwrap_or(-1)));
    }
    if let Some((lo, hi)) = q.purchases {
        sql.push_str(
            " AND (SELECT count(*) FROM purchases p WHERE p.contact_id = contacts.id) \
             BETWEEN ? AND ?",
        );
        args.push(Value::Integer(lo));
        args.push(Value::Integer(hi));
    }
    (sql, args)
}

impl Snap<'_> {
    fn tag_id(&self, q: &BoardQuery) -> Result<Option<i64>> {
        let Some((group, name)) = &q.tag else {
            return Ok(None);
        };
        Ok(self
            .conn()
            .prepare_cached("SELECT id FROM tags WHERE grp = ?1 AND name = ?2")?
            .query_row((group, name), |r| r.get(0))
            .optional()?)
    }

    /// How many contacts each stage column holds, in pipeline order.
    pub fn board_counts(&self, q: &BoardQuery) -> Result<[i64; 5]> {
        let mut out = [0; 5];
        for (i, stage) in Stage::ALL.into_iter().enumerate() {
            out[i] = self.board_counts_of(stage, q)?;
        }
        Ok(out)
    }

    /// How many contacts one stage column holds.
    pub fn board_counts_of(&self, stage: Stage, q: &BoardQuery) -> Result<i64> {
        let (cond, args) = conditions(stage, q, self.tag_id(q)?);
        Ok(self
            .conn()
            .prepare_cached(&format!(
                "SELECT count(*) FROM contacts INDEXED BY contacts_board_page WHERE {cond}"
            ))?
            .query_row(rusqlite::params_from_iter(args), |r| r.get(0))?)
    }

    /// Up to `limit` rows of a column after `after` (from the top without one).
    pub fn board_page(
        &self,
        stage: Stage,
        q: &BoardQuery,
        after: Option<BoardKey>,
        limit: usize,
    ) -> Result<Vec<BoardRow>> {
        let (mut cond, mut args) = conditions(stage, q, self.tag_id(q)?);
        if let Some(k) = after {
            // Split rather than a row value `(a, id) < (?, ?)`: SQLite turns this form into
            // an index range, the row value into a scan from the top.
            cond.push_str(&format!(
                " AND {ACTIVITY} <= ? AND ({ACTIVITY} < ? OR id < ?)"
            ));
            args.extend([
                Value::Integer(k.activity),
                Value::Integer(k.activity),
                Value::Integer(k.id),
            ]);
        }
        args.push(Value::Integer(limit as i64));
        self.board_rows(
            &format!(
                "SELECT {ROW} FROM contacts WHERE {cond} \
             ORDER BY {ACTIVITY} DESC, id DESC LIMIT ?"
            ),
            args,
        )
    }

    /// Up to `limit` rows of a column just before `before` (the bottom without one), in the
    /// column's order.
    pub fn board_page_before(
        &self,
        stage: Stage,
        q: &BoardQuery,
        before: Option<BoardKey>,
        limit: usize,
    ) -> Result<Vec<BoardRow>> {
        let (mut cond, mut args) = conditions(stage, q, self.tag_id(q)?);
        if let Some(k) = before {
            cond.push_str(&format!(
                " AND {ACTIVITY} >= ? AND ({ACTIVITY} > ? OR id > ?)"
            ));
            args.extend([
                Value::Integer(k.activity),
                Value::Integer(k.activity),
                Value::Integer(k.id),
            ]);
        }
        args.push(Value::Integer(limit as i64));
        let mut rows = self.board_rows(
            &format!("SELECT {ROW} FROM contacts WHERE {cond} ORDER BY {ACTIVITY}, id LIMIT ?"),
            args,
        )?;
        rows.reverse();
        Ok(rows)
    }

    /// How many rows of the column come before `key` (its index in the column).
    pub fn board_rank(&self, stage: Stage, q: &BoardQuery, key: BoardKey) -> Result<i64> {
        let (mut cond, mut args) = conditions(stage, q, self.tag_id(q)?);
        cond.push_str(&format!(
            " AND {ACTIVITY} >= ? AND ({ACTIVITY} > ? OR id > ?)"
        ));
        args.extend([
            Value::Integer(key.activity),
            Value::Integer(key.activity),
            Value::Integer(key.id),
        ]);
        Ok(self
            .conn()
            .prepare_cached(&format!(
                "SELECT count(*) FROM contacts INDEXED BY contacts_board_page WHERE {cond}"
            ))?
            .query_row(rusqlite::params_from_iter(args), |r| r.get(0))?)
    }

    /// One contact as a board row (to find where it sits after a change).
    pub fn board_row(&self, id: ContactId) -> Result<Option<BoardRow>> {
        Ok(self
            .conn()
            .prepare_cached(&format!("SELECT {ROW} FROM contacts WHERE id = ?1"))?
            .query_row([id], row)
            .optional()?)
    }

    fn board_rows(&self, sql: &str, args: Vec<Value>) -> Result<Vec<BoardRow>> {
        Ok(self
            .conn()
            .prepare_cached(sql)?
            .query_map(rusqlite::params_from_iter(args), row)?
            .collect::<rusqlite::Result<_>>()?)
    }

    /// The log's newest entry: id and hash (`None` for an empty log).
    pub fn last_event(&self) -> Result<Option<(i64, String)>> {
        Ok(self
            .conn()
            .prepare_cached("SELECT id, coalesce(hash, '') FROM events ORDER BY id DESC LIMIT 1")?
            .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?)
    }

    /// Entry `id`'s hash, if the log has that entry.
    pub fn event_hash(&self, id: i64) -> Result<Option<String>> {
        Ok(self
            .conn()
            .prepare_cached("SELECT coalesce(hash, '') FROM events WHERE id = ?1")?
            .query_row([id], |r| r.get(0))
            .optional()?)
    }

    /// Up to `limit` entries after `id`, oldest first: (id, action, detail).
    pub fn events_since(&self, id: i64, limit: usize) -> Result<Vec<(i64, String, String)>> {
        Ok(self
            .conn()
            .prepare_cached(
                "SELECT id, action, detail FROM events WHERE id > ?1 ORDER BY id LIMIT ?2",
            )?
            .query_map((id, limit as i64), |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })?
            .collect::<rusqlite::Result<_>>()?)
    }

    /// Whether the book has any contact (the welcome screen shows when not): one row read,
    /// not a count of the whole table.
    pub fn has_contacts(&self) -> Result<bool> {
        Ok(self
            .conn()
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM contacts)")?
            .query_row([], |r| r.get(0))?)
    }

    /// The source channels in use, most common first, at most `limit` (the board filter's
    /// choices).
    pub fn sources_in_use(&self, limit: usize) -> Result<Vec<(String, i64)>> {
        Ok(self
            .conn()
            .prepare_cached(
                "SELECT source, count(*) AS n FROM contacts WHERE source IS NOT NULL \
                 AND archived = 0 GROUP BY source ORDER BY n DESC, source LIMIT ?1",
            )?
            .query_map([limit as i64], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?)
    }

    /// Reasons contacts were lost for, most common first, at most `limit` (offered when the
    /// rep marks another one lost).
    pub fn lost_reasons_in_use(&self, limit: usize) -> Result<Vec<String>> {
        Ok(self
            .conn()
            .prepare_cached(
                "SELECT lost_reason FROM contacts WHERE outcome = 'lost' \
                 AND lost_reason IS NOT NULL GROUP BY lost_reason \
                 ORDER BY count(*) DESC, lost_reason LIMIT ?1",
            )?
            .query_map([limit as i64], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?)
    }
}
