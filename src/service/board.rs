//! The board's reads, one page of a column at a time: a rep's filters (grade, tag, source,
//! lifecycle, closed contacts shown or not) turned into the store's indexed queries.

use super::session::View;
use crate::domain::followup::Lifecycle;
use crate::domain::state::{ContactState, EventDetail};
use crate::domain::{ContactId, Grade, Outcome, Stage, TagRef};
use crate::store::{BoardKey, BoardQuery, BoardRow};
use anyhow::Result;

/// What the board shows, as the rep chose it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct BoardFilter {
    pub grade: Option<Grade>,
    pub tag: Option<TagRef>,
    pub source: Option<String>,
    pub lifecycle: Option<Lifecycle>,
    /// Lost and archived contacts too.
    pub closed: bool,
}

impl BoardFilter {
    /// Nothing narrows the board (closed contacts may still be shown).
    pub fn is_empty(&self) -> bool {
        self.grade.is_none()
            && self.tag.is_none()
            && self.source.is_none()
            && self.lifecycle.is_none()
    }
}

/// The board's column counts, kept current from the log: counted in full once, then moved
/// by each later entry's contacts before and after (every change to a book is an entry
/// holding both). A count read this way after a stage move costs one entry, not a scan of
/// the columns.
#[derive(Debug, Clone)]
pub struct StageCounts {
    filter: BoardFilter,
    counts: [i64; 5],
    /// The last entry counted in, and its hash (a restored book has other entries).
    seen: Option<(i64, String)>,
}

/// Rows read at a time when each must be checked (a lifecycle filter).
const SCAN: usize = 256;

/// More entries than this since the last count: counting again is cheaper.
const DELTA_LIMIT: usize = 200;

impl StageCounts {
    /// The column (if any) that counts a contact in this state under `f`. Lifecycles move
    /// with time and touches, which the states do not hold: those filters always count.
    fn column(f: &BoardFilter, s: &ContactState) -> Option<usize> {
        // Merged away: counted nowhere, as the store's query lists it nowhere.
        let shown =
            s.merged_into.is_none() && (f.closed || (!s.archived && s.outcome != Outcome::Lost));
        let grade = f.grade.is_none_or(|g| s.grade == Some(g));
        let source = f.source.is_none() || s.source == f.source;
        let tag = f
            .tag
            .as_ref()
            .is_none_or(|t| s.tags.contains(&t.to_string()));
        (shown && grade && source && tag).then(|| s.stage.index())
    }
}

/// A page of a column and where it sits in the column.
#[derive(Debug, Clone, PartialEq)]
pub struct BoardPage {
    /// Index in the column of the first row.
    pub start: usize,
    pub rows: Vec<BoardRow>,
}

impl View<'_> {
    /// The store's query for `f`. A lifecycle is read per contact (it follows the
    /// reactivation walk, not a stored column): SQL narrows by what it implies (lost or
    /// not, how many purchases) and each row left is checked (see [`View::life_keeps`]).
    fn board_query(&self, f: &BoardFilter) -> BoardQuery {
        let mut q = BoardQuery {
            grade: f.grade,
            tag: f.tag.as_ref().map(|t| (t.group.clone(), t.tag.clone())),
            source: f.source.clone(),
            closed: f.closed,
            ..BoardQuery::default()
        };
        let mature = self.template().lifecycle.mature_after_purchases as i64;
        match f.lifecycle {
            None | Some(Lifecycle::Churned) => {}
            Some(Lifecycle::Dormant) => q.not_lost = true,
            Some(active) => {
                q.not_lost = true;
                q.purchases = Some(match active {
                    Lifecycle::Mature => (mature, i64::MAX),
                    Lifecycle::Growth => (1, mature - 1),
                    _ => (0, if mature > 0 { 0 } else { -1 }),
                });
            }
        }
        q
    }

    /// Whether the row passes `f`'s lifecycle (always, without one).
    fn life_keeps(&self, f: &BoardFilter, row: &BoardRow) -> Result<bool> {
        let Some(want) = f.lifecycle else {
            return Ok(true);
        };
        let c = self.contact(row.id)?;
        Ok(self.lifecycle_of(&c)? == want)
    }

    /// Up to `limit` rows of a column that pass `f`, from `from` (exclusive) downwards, or
    /// upwards (then in the column's order). Without a lifecycle, one indexed read; with
    /// one, indexed reads of [`SCAN`] rows at a time, each row checked.
    fn rows(
        &self,
        stage: Stage,
        f: &BoardFilter,
        from: Option<BoardKey>,
        down: bool,
        limit: usize,
    ) -> Result<Vec<BoardRow>> {
        let q = self.board_query(f);
        let read = |from, n| {
            if down {
                self.snap.board_page(stage, &q, from, n)
            } else {
                self.snap.board_page_before(stage, &q, from, n)
            }
        };
        if f.lifecycle.is_none() {
            return read(from, limit);
        }
        let mut out = Vec::new();
        let mut cursor = from;
        loop {
            let chunk = read(cursor, SCAN)?;
            let ordered: Vec<&BoardRow> = if down {
                chunk.iter().collect()
            } else {
                chunk.iter().rev().collect()
            };
            for r in ordered {
                cursor = Some(r.key());
                if out.len() < limit && self.life_keeps(f, r)? {
                    out.push(r.clone());
                }
            }
            if out.len() >= limit || chunk.len() < SCAN {
                break;
            }
        }
        if !down {
            out.reverse();
        }
        Ok(out)
    }

    /// How many rows of a column pass `f`, before `key` (or in all, without one).
    fn count(&self, stage: Stage, f: &BoardFilter, key: Option<BoardKey>) -> Result<usize> {
        if f.lifecycle.is_none() {
            let q = self.board_query(f);
            return Ok(match key {
                Some(k) => self.snap.board_rank(stage, &q, k)?,
                None => self.snap.board_counts_of(stage, &q)?,
            } as usize);
        }
        // Rows above `key` are those after the top and before it: read down to it.
        let mut n = 0;
        let mut cursor = None;
        let q = self.board_query(f);
        loop {
            let chunk = self.snap.board_page(stage, &q, cursor, SCAN)?;
            for r in &chunk {
                if key.is_some_and(|k| r.key() <= k) {
                    return Ok(n);
                }
                cursor = Some(r.key());
                n += usize::from(self.life_keeps(f, r)?);
            }
            if chunk.len() < SCAN {
                return Ok(n);
            }
        }
    }

    /// How many contacts each stage column holds under `f`, in pipeline order.
    pub fn board_counts(&self, f: &BoardFilter) -> Result<[i64; 5]> {
        if f.lifecycle.is_none() {
            return self.snap.board_counts(&self.board_query(f));
        }
        let mut out = [0; 5];
        for stage in Stage::ALL {
            out[stage.index()] = self.count(stage, f, None)? as i64;
        }
        Ok(out)
    }

    /// The same counts, brought up to date from `kept` (the last counts read this way)
    /// with the entries logged since: exact, and without counting again.
    pub fn board_counts_kept(
        &self,
        f: &BoardFilter,
        kept: &mut Option<StageCounts>,
    ) -> Result<[i64; 5]> {
        let last = self.snap.last_event()?;
        let usable = match kept.as_ref() {
            Some(k) if k.filter == *f && f.lifecycle.is_none() => match &k.seen {
                None => true,
                Some((id, hash)) => self.snap.event_hash(*id)?.as_ref() == Some(hash),
            },
            _ => false,
        };
        if usable && let Some(k) = kept.as_mut() {
            let since = k.seen.as_ref().map_or(0, |(id, _)| *id);
            let entries = self.snap.events_since(since, DELTA_LIMIT + 1)?;
            if entries.len() <= DELTA_LIMIT && apply_entries(k, &entries) {
                k.seen = last;
                return Ok(k.counts);
            }
        }
        let counts = self.board_counts(f)?;
        *kept = Some(StageCounts {
            filter: f.clone(),
            counts,
            seen: last,
        });
        Ok(counts)
    }

    /// `limit` rows of a column from row `after` on (the top without one); `start` is the
    /// index of the row after `after`, which the caller knows.
    pub fn board_page(
        &self,
        stage: Stage,
        f: &BoardFilter,
        after: Option<BoardKey>,
        limit: usize,
    ) -> Result<Vec<BoardRow>> {
        self.rows(stage, f, after, true, limit)
    }

    /// `limit` rows of a column just before `before` (the bottom without one).
    pub fn board_page_before(
        &self,
        stage: Stage,
        f: &BoardFilter,
        before: Option<BoardKey>,
        limit: usize,
    ) -> Result<Vec<BoardRow>> {
        self.rows(stage, f, before, false, limit)
    }

    /// How many rows of the column come before `key`.
    pub fn board_rank(&self, stage: Stage, f: &BoardFilter, key: BoardKey) -> Result<usize> {
        self.count(stage, f, Some(key))
    }

    /// Rows around contact `id` in its column (it first, `before` rows above it), or
    /// `None` when the filter leaves it out.
    pub fn board_around(
        &self,
        id: ContactId,
        f: &BoardFilter,
        before: usize,
        after: usize,
    ) -> Result<Option<(Stage, BoardPage)>> {
        let Some(row) = self.snap.board_row(id)? else {
            return Ok(None);
        };
        let key = row.key();
        // The row itself must pass the filter: it is the first row from just above it.
        let above = key_above(key);
        let here = self.board_page(row.stage, f, Some(above), after + 1)?;
        if here.first().map(|r| r.id) != Some(id) {
            return Ok(None);
        }
        let rank = self.board_rank(row.stage, f, key)?;
        let mut rows = self.board_page_before(row.stage, f, Some(key), before)?;
        let start = rank - rows.len();
        rows.extend(here);
        Ok(Some((row.stage, BoardPage { start, rows })))
    }

    /// The rows of a column ending at its bottom, and where they start.
    pub fn board_bottom(&self, stage: Stage, f: &BoardFilter, limit: usize) -> Result<BoardPage> {
        let rows = self.board_page_before(stage, f, None, limit)?;
        let start = match rows.first() {
            Some(r) => self.board_rank(stage, f, r.key())?,
            None => 0,
        };
        Ok(BoardPage { start, rows })
    }

    /// SQLite's count of commits by other connections: a cheap "did the book change?".
    pub fn data_version(&self) -> Result<i64> {
        self.snap.data_version()
    }

    /// Whether the book has any contact (one row read, not a count).
    pub fn has_contacts(&self) -> Result<bool> {
        self.snap.has_contacts()
    }

    /// Source channels in use, most common first (the board filter's choices).
    pub fn sources_in_use(&self, limit: usize) -> Result<Vec<String>> {
        Ok(self
            .snap
            .sources_in_use(limit)?
            .into_iter()
            .map(|(s, _)| s)
            .collect())
    }

    /// Reasons contacts were lost for, most common first.
    pub fn lost_reasons_in_use(&self, limit: usize) -> Result<Vec<String>> {
        self.snap.lost_reasons_in_use(limit)
    }
}

/// Moves the counts by each entry's contacts; false when an entry cannot say (an older
/// book's genesis, an entry that cannot be read).
fn apply_entries(k: &mut StageCounts, entries: &[(i64, String, String)]) -> bool {
    for (_, action, detail) in entries {
        if action == "genesis" {
            return false;
        }
        let Ok(d) = serde_json::from_str::<EventDetail>(detail) else {
            return false;
        };
        for c in &d.contacts {
            if let Some(col) = c
                .before
                .as_ref()
                .and_then(|s| StageCounts::column(&k.filter, s))
            {
                k.counts[col] -= 1;
            }
            if let Some(col) = c
                .after
                .as_ref()
                .and_then(|s| StageCounts::column(&k.filter, s))
            {
                k.counts[col] += 1;
            }
        }
    }
    true
}

/// The key just above `k` in a column (activity newer first, then id newer first): the
/// page "after" it starts at `k` itself.
fn key_above(k: BoardKey) -> BoardKey {
    BoardKey {
        activity: k.activity,
        id: k.id + 1,
    }
}
