//! The agenda's reads of open follow-ups: each section's window ranked most urgent first,
//! from the open-item indexes (by score, by due time, by track), and counted.

use super::Snap;
use super::contacts::{AGENDA_COLUMNS as CONTACT_COLUMNS, contact_from_row};
use super::followups::{live, parse_track};
use super::time::{from_db, to_db};
use crate::domain::followup::Track;
use crate::domain::{Contact, ContactId, TagRef};
use anyhow::Result;
use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, Row, params};
use std::collections::HashMap;

/// An open follow-up as the agenda ranks and shows it. The open-item indexes by score and
/// by track hold every one of these columns (schema 8), so the agenda reads its overdue
/// items and first replies without touching the table.
#[derive(Debug, Clone, PartialEq)]
pub struct AgendaRow {
    pub id: i64,
    pub contact_id: ContactId,
    pub track: Track,
    pub step: u32,
    pub due: DateTime<Utc>,
    pub action: String,
    pub script: Option<String>,
    pub score_base: f64,
    pub valid_from: Option<DateTime<Utc>>,
    pub rot_from: Option<DateTime<Utc>>,
    /// The agenda's copy of the contact (`domain::agenda_card`), on books that keep one
    /// (schema 11) and once the contact's plan was made with it.
    pub card: Option<String>,
}

/// The columns of [`AgendaRow`]; on a book without cards the card reads as empty.
fn agenda_columns(cards: bool) -> &'static str {
    if cards {
        "id, contact_id, track, step, due_at, action, script, score_base, valid_from, rot_from, \
         card"
    } else {
        "id, contact_id, track, step, due_at, action, script, score_base, valid_from, rot_from, \
         NULL"
    }
}

fn agenda_row(r: &Row) -> rusqlite::Result<AgendaRow> {
    Ok(AgendaRow {
        id: r.get(0)?,
        contact_id: r.get(1)?,
        track: parse_track(r, 2)?,
        step: r.get(3)?,
        due: from_db(r.get(4)?),
        action: r.get(5)?,
        script: r.get(6)?,
        score_base: r.get(7)?,
        valid_from: r.get::<_, Option<i64>>(8)?.map(from_db),
        rot_from: r.get::<_, Option<i64>>(9)?.map(from_db),
        card: r.get(10)?,
    })
}

/// What the agenda's order needs of a row (`domain::urgency::rank_key`, then due, then id).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RowKey {
    pub id: i64,
    pub track: Track,
    pub due: DateTime<Utc>,
    pub score_base: f64,
    pub rot_from: Option<DateTime<Utc>>,
}

impl RowKey {
    pub fn of(f: &AgendaRow) -> RowKey {
        RowKey {
            id: f.id,
            track: f.track,
            due: f.due,
            score_base: f.score_base,
            rot_from: f.rot_from,
        }
    }
}

/// A row met on a walk: its place in the order at once, the rest (the action and script
/// text) read only for a row the walk keeps. Most rows a walk passes are not kept.
pub struct Met<'r> {
    pub key: RowKey,
    rest: Rest<'r>,
}

enum Rest<'r> {
    Sql(&'r Row<'r>),
    Read(AgendaRow),
}

impl Met<'_> {
    /// The whole row.
    pub fn row(self) -> Result<AgendaRow> {
        Ok(match self.rest {
            Rest::Sql(r) => rest_of_row(r, self.key)?,
            Rest::Read(f) => f,
        })
    }

    /// A row of [`agenda_columns`], its key read now and the rest only if asked.
    fn sql<'r>(r: &'r Row<'r>) -> rusqlite::Result<Met<'r>> {
        Ok(Met {
            key: RowKey {
                id: r.get(0)?,
                track: parse_track(r, 2)?,
                due: from_db(r.get(4)?),
                score_base: r.get(7)?,
                rot_from: r.get::<_, Option<i64>>(9)?.map(from_db),
            },
            rest: Rest::Sql(r),
        })
    }
}

/// A row of [`agenda_columns`] whose key was read already: the columns the key has not.
fn rest_of_row(r: &Row, key: RowKey) -> rusqlite::Result<AgendaRow> {
    Ok(AgendaRow {
        id: key.id,
        contact_id: r.get(1)?,
        track: key.track,
        step: r.get(3)?,
        due: key.due,
        action: r.get(5)?,
        script: r.get(6)?,
        score_base: key.score_base,
        valid_from: r.get::<_, Option<i64>>(8)?.map(from_db),
        rot_from: key.rot_from,
        card: r.get(10)?,
    })
}

impl From<AgendaRow> for Met<'static> {
    fn from(f: AgendaRow) -> Met<'static> {
        Met {
            key: RowKey::of(&f),
            rest: Rest::Read(f),
        }
    }
}

/// A slice of the agenda: first replies or the rest, due in [from, until), as of `now`.
#[derive(Debug, Clone, Copy)]
pub struct Window {
    pub first_replies: bool,
    pub from: Option<DateTime<Utc>>,
    pub until: DateTime<Utc>,
    pub now: DateTime<Utc>,
    /// Whether the book keeps contact cards on its follow-ups (`Snap::has_cards`).
    pub cards: bool,
    /// How to rank a window that holds items not yet overdue; `None` for one where every
    /// item is overdue (then `score_base` alone orders them, through its index).
    pub rank: Option<Rank>,
}

/// The urgency weights that turn `score_base` back into urgency (see
/// `domain::urgency::rank_key`).
#[derive(Debug, Clone, Copy)]
pub struct Rank {
    pub per_overdue_day: f64,
    pub first_response_breach: f64,
    pub rotting: f64,
}

/// `domain::urgency::rank_key` in SQL, the same operations in the same order. Parameters:
/// `?{now}` (whole seconds), `?{rate}`, `?{breach}`, `?{rot}`.
fn rank_key(now: usize, rate: usize, breach: usize, rot: usize) -> String {
    format!(
        "((CASE WHEN due_at <= ?{now} - 60 THEN score_base + ?{rate} * ?{now} / 86400.0 \
         WHEN track = 'first_response' \
         THEN score_base + ?{rate} * due_at / 86400.0 - ?{breach} \
         ELSE score_base + ?{rate} * due_at / 86400.0 END) \
         + CASE WHEN rot_from <= ?{now} THEN ?{rot} ELSE 0.0 END)"
    )
}

/// The overdue walk: most urgent `score_base` first, through the score index alone
/// (`+due_at` keeps the planner off the due index). Parameters: from, until, now.
fn walk_sql(w: &Window) -> String {
    format!(
        "SELECT {} FROM followups WHERE status = 'open' AND {} \
         AND +due_at >= ?1 AND +due_at < ?2 AND {} \
         ORDER BY score_base DESC, due_at, id",
        agenda_columns(w.cards),
        w.track_filter(),
        live(3)
    )
}

/// Seconds in a bucket of the day index: its first column is `due_at / 86400`.
pub const DAY_SECONDS: i64 = 86_400;

/// One UTC day's open items of a window with a `score_base` of at least `?5`, highest first,
/// through the day index alone: all of them, or only those whose contact rots at "now"
/// (`Some(true)`), or only those whose contact does not (`Some(false)`), as
/// `domain::urgency::rank_key` tells. Parameters: the day, from, until, now, the least
/// `score_base`.
fn day_walk_sql(cards: bool, rots: Option<bool>) -> String {
    format!(
        "SELECT {} FROM followups INDEXED BY followups_open_by_day \
         WHERE status = 'open' AND due_at / 86400 = ?1 AND score_base >= ?5 {} \
         AND due_at >= ?2 AND due_at < ?3 AND track != 'first_response' AND {} {} \
         ORDER BY score_base DESC",
        agenda_columns(cards),
        // Each row is tested in the order written: the test that turns away the most
        // rows first.
        if rots == Some(true) {
            "AND rot_from <= ?4"
        } else {
            ""
        },
        live(4),
        if rots == Some(false) {
            "AND (rot_from IS NULL OR rot_from > ?4)"
        } else {
            ""
        }
    )
}

/// New leads' first replies, ranked by `key`, through the track index alone.
fn first_replies_sql(filter: &str, key: &str, cards: bool) -> String {
    format!(
        "SELECT {} FROM followups INDEXED BY followups_open_by_track \
         WHERE {filter} ORDER BY {key} DESC, due_at, id LIMIT ?3",
        agenda_columns(cards)
    )
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

impl Snap<'_> {
    /// Live open follow-ups in a window that may hold items not yet overdue, most urgent
    /// first by their exact key (`domain::urgency::rank_key`), at most `limit`.
    pub fn agenda_rows(&self, w: &Window, limit: usize) -> Result<Vec<AgendaRow>> {
        // A window of overdue items only is walked by `score_base` instead (`walk_overdue`).
        let Some(rank) = w.rank else {
            anyhow::bail!("an overdue window is walked, not ranked");
        };
        // Items not yet overdue rank by their standing alone, rotting included: order by
        // the urgency the key gives back (a window of this kind is days long at most and
        // its due index covers the key: sorting it is cheap), and read the kept rows
        // from the table. First replies come from the track index, which holds every
        // column the agenda reads: no table rows at all.
        let key = rank_key(4, 5, 6, 7);
        let filter = format!(
            "status = 'open' AND due_at >= ?1 AND due_at < ?2 AND {} AND {}",
            w.track_filter(),
            live(4)
        );
        let sql = if w.first_replies {
            first_replies_sql(&filter, &key, w.cards)
        } else {
            format!(
                "SELECT {} FROM followups WHERE id IN (SELECT id FROM \
                 followups WHERE {filter} ORDER BY {key} DESC, due_at, id LIMIT ?3) \
                 ORDER BY {key} DESC, due_at, id",
                agenda_columns(w.cards)
            )
        };
        Ok(self
            .conn()
            .prepare_cached(&sql)?
            .query_map(
                params![
                    w.from.map_or(i64::MIN, to_db),
                    to_db(w.until),
                    limit as i64,
                    to_db(w.now),
                    rank.per_overdue_day,
                    rank.first_response_breach,
                    rank.rotting
                ],
                agenda_row,
            )?
            .collect::<rusqlite::Result<_>>()?)
    }

    /// The window's live open follow-ups, most urgent `score_base` first (then due, then
    /// id), handed to `visit` one at a time until it returns false (or fails): the caller
    /// stops the walk once no row further down can rank among those it keeps.
    pub fn walk_overdue(
        &self,
        w: &Window,
        mut visit: impl FnMut(Met<'_>) -> Result<bool>,
    ) -> Result<()> {
        let mut stmt = self.conn().prepare_cached(&walk_sql(w))?;
        let mut rows = stmt.query(params![
            w.from.map_or(i64::MIN, to_db),
            to_db(w.until),
            to_db(w.now)
        ])?;
        while let Some(row) = rows.next()? {
            if !visit(Met::sql(row)?)? {
                break;
            }
        }
        Ok(())
    }

    /// Whether the book has the day index (`walk_day`); an older book read as it is has not.
    pub fn has_day_index(&self) -> Result<bool> {
        Ok(self.schema_version()? >= super::schema::DAY_INDEX_VERSION)
    }

    /// Whether the book keeps contact cards on its follow-ups (`AgendaRow::card`).
    pub fn has_cards(&self) -> Result<bool> {
        Ok(self.schema_version()? >= super::schema::CARDS_VERSION)
    }

    /// The window's open items due on UTC day `day` (`due_at / 86400`), highest
    /// `score_base` first, handed to `visit` until it returns false: the caller stops once no
    /// row further down can rank among those it keeps. With `rots`, only the items whose
    /// contact rots at the window's "now" (`Some(true)`) or only the others; only those
    /// whose `score_base` is at least `least` (a number, not NaN). The window's tests (due in
    /// it, live at its "now", not a first reply, rotting or not) are made in SQL, on the
    /// index row's own columns: a row that fails them costs a few comparisons instead of
    /// being read out. The walk can then stop only on one of the window's rows, which is
    /// why `least` ends it too: without it, a walk of a few items (those that rot) passed
    /// the rest of the day's index after its last one.
    pub fn walk_day(
        &self,
        w: &Window,
        day: i64,
        rots: Option<bool>,
        least: f64,
        mut visit: impl FnMut(Met<'_>) -> Result<bool>,
    ) -> Result<()> {
        let mut stmt = self.conn().prepare_cached(&day_walk_sql(w.cards, rots))?;
        let mut rows = stmt.query(params![
            day,
            w.from.map_or(i64::MIN, to_db),
            to_db(w.until),
            to_db(w.now),
            least
        ])?;
        while let Some(row) = rows.next()? {
            if !visit(Met::sql(row)?)? {
                break;
            }
        }
        Ok(())
    }

    /// How many open follow-ups (of any track, live or not) are due in `lo..=hi` (whole
    /// seconds), counting no further than `cap`, from the narrow due index: what a day's
    /// walk would pass there, at a hundredth of the pages the walk's wide index reads.
    pub fn count_due_between(&self, lo: i64, hi: i64, cap: usize) -> Result<usize> {
        Ok(self
            .conn()
            .prepare_cached(
                "SELECT count(*) FROM (SELECT 1 FROM followups INDEXED BY \
                 followups_open_by_due WHERE status = 'open' AND due_at >= ?1 \
                 AND due_at <= ?2 LIMIT ?3)",
            )?
            .query_row(params![lo, hi, cap as i64], |r| r.get::<_, i64>(0))? as usize)
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

    /// The contacts of `ids` that exist, by id, each with the fields the agenda reads (the
    /// free text and contact details are left empty) and, of its tags, only those named in
    /// `tags` ("group/tag", the template's weighted ones), in the usual order. On a big
    /// book each contact's full tag list was a page read of its own; the few weighted tags
    /// are read from the tag index, where their contacts lie together.
    pub fn contacts_for_agenda(
        &self,
        ids: &[ContactId],
        tags: &[String],
    ) -> Result<HashMap<ContactId, Contact>> {
        let list = serde_json::to_string(ids)?;
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT {CONTACT_COLUMNS} FROM contacts WHERE id IN (SELECT value FROM json_each(?1))"
        ))?;
        let mut rows = stmt.query([&list])?;
        let mut out = HashMap::with_capacity(ids.len());
        while let Some(r) = rows.next()? {
            let c = contact_from_row(r)?;
            out.insert(c.id, c);
        }
        let mut holders = self.conn().prepare_cached(
            "SELECT contact_id FROM contact_tags INDEXED BY contact_tags_by_tag \
             WHERE tag_id = ?1 AND contact_id IN (SELECT value FROM json_each(?2))",
        )?;
        for (id, tag) in self.tags_named(tags)? {
            for who in holders.query_map(params![id, &list], |r| r.get::<_, ContactId>(0))? {
                if let Some(c) = out.get_mut(&who?) {
                    c.tags.push(tag.clone());
                }
            }
        }
        for c in out.values_mut() {
            c.tags
                .sort_by(|a, b| (&a.group, &a.tag).cmp(&(&b.group, &b.tag)));
        }
        Ok(out)
    }

    /// The tags that exist among `names` ("group/tag"), with their ids. A group may hold a
    /// `/` itself, so every split of a name is looked up.
    fn tags_named(&self, names: &[String]) -> Result<Vec<(i64, TagRef)>> {
        let mut stmt = self
            .conn()
            .prepare_cached("SELECT id FROM tags WHERE grp = ?1 AND name = ?2")?;
        let mut found = Vec::new();
        for name in names {
            for (at, _) in name.match_indices('/') {
                let (group, tag) = (&name[..at], &name[at + 1..]);
                if let Some(id) = stmt
                    .query_row([group, tag], |r| r.get::<_, i64>(0))
                    .optional()?
                {
                    let tag = TagRef {
                        group: group.to_string(),
                        tag: tag.to_string(),
                    };
                    found.push((id, tag));
                }
            }
        }
        found.sort_unstable_by_key(|(id, _)| *id);
        found.dedup_by_key(|(id, _)| *id);
        Ok(found)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan(conn: &rusqlite::Connection, sql: &str) -> String {
        let mut stmt = conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap();
        let unbound = vec![rusqlite::types::Null; stmt.parameter_count()];
        let rows = stmt
            .query_map(rusqlite::params_from_iter(unbound), |r| {
                r.get::<_, String>(3)
            })
            .unwrap();
        rows.map(|r| r.unwrap()).collect::<Vec<_>>().join("; ")
    }

    /// On a big book each table row the agenda touched was a page read of its own: the
    /// overdue walk, the first replies and the touches under a wake-up's cap must be
    /// answered by their index alone.
    #[test]
    fn the_overdue_and_day_walks_first_replies_and_touches_read_only_an_index() {
        let dir = tempfile::tempdir().unwrap();
        let (store, _) = crate::store::Store::open(&dir.path().join("b.sqlite"), true, None)
            .expect("a new book");
        let snap = store.snap();
        let now = DateTime::from_timestamp(1_790_000_000, 0).unwrap();
        let w = Window {
            first_replies: false,
            from: None,
            until: now,
            now,
            cards: snap.has_cards().unwrap(),
            rank: None,
        };
        assert!(w.cards, "a new book keeps cards");
        let walk = plan(snap.conn(), &walk_sql(&w));
        assert!(
            walk.contains("COVERING INDEX followups_open_by_score"),
            "overdue walk: {walk}"
        );
        let first = Window {
            first_replies: true,
            ..w
        };
        let filter = format!(
            "status = 'open' AND due_at >= ?1 AND due_at < ?2 AND {} AND {}",
            first.track_filter(),
            live(4)
        );
        let replies = plan(
            snap.conn(),
            &first_replies_sql(&filter, &rank_key(4, 5, 6, 7), true),
        );
        assert!(
            replies.contains("COVERING INDEX followups_open_by_track"),
            "first replies: {replies}"
        );
        // Each kind of day walk is a range of the day index, ended by the least
        // `score_base`, in the index's order.
        for rots in [None, Some(true), Some(false)] {
            let day = plan(snap.conn(), &day_walk_sql(true, rots));
            assert!(
                day.contains("COVERING INDEX followups_open_by_day (<expr>=? AND score_base>?)")
                    && !day.contains("TEMP B-TREE"),
                "day walk ({rots:?}): {day}"
            );
        }
        // A wake-up item's cap counts its contact's recent touches.
        let touches = plan(snap.conn(), super::super::followups::TOUCHES_SQL);
        assert!(
            touches.contains("COVERING INDEX interactions_by_contact"),
            "touches: {touches}"
        );
    }
}
