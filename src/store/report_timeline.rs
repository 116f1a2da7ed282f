//! The report's pass over the timeline, cut into ranges of entry ids that two connections
//! on one snapshot take in turn: whichever thread is free reads the next range, so the
//! report's two threads end together instead of one reading a million rows alone.

use super::grades::{LoggedGradeChange, is_entry_of, logged_changes};
use super::records_seal::{INTERACTION_COLUMNS, interaction_hash};
use super::report_input::{EntryGrade, grade, outcome_changes, text};
use super::schema::GRADE_CHANGES_VERSION;
use super::time::from_db;
use super::{RowTable, Snap};
use crate::domain::ContactId;
use crate::domain::records_seal::{RowHasher, Seal};
use crate::report::input::{BookInput, EntryKind, GradeChange, OutcomeChangeKind, TimelineEntry};
use anyhow::Result;
use rusqlite::types::ValueRef;
use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Ranges a big timeline is cut into: enough for two threads to end within a range of
/// each other, few enough that the queries cost nothing.
const CHUNKS: i64 = 32;
/// The smallest range worth a query of its own.
const MIN_CHUNK: i64 = 4096;

/// The interactions' ids cut into ranges, handed out one at a time to whoever asks.
pub struct TimelineChunks {
    next: AtomicUsize,
    count: usize,
    step: i64,
    rows: usize,
    /// Whether entries record the grade changes they made (else the log tells).
    recorded: bool,
}

impl TimelineChunks {
    /// Range `i`'s ids, both ends included. The first and the last are open-ended, so the
    /// ranges cover every id whatever the book holds.
    fn range(&self, i: usize) -> (i64, i64) {
        let lo = if i == 0 {
            i64::MIN
        } else {
            i as i64 * self.step + 1
        };
        let hi = if i + 1 == self.count {
            i64::MAX
        } else {
            (i as i64 + 1) * self.step
        };
        (lo, hi)
    }

    fn take(&self) -> Option<usize> {
        let i = self.next.fetch_add(1, Ordering::Relaxed);
        (i < self.count).then_some(i)
    }

    /// About how many entries the book holds (to size a list for them).
    pub fn rows_hint(&self) -> usize {
        self.rows
    }
}

/// (contact, at, entry id, change, reason)
pub(super) type OutcomeRow = (ContactId, i64, i64, OutcomeChangeKind, Option<String>);

/// What one connection read of the timeline, and which ranges.
#[derive(Default)]
pub struct TimelinePart {
    timeline: Vec<TimelineEntry>,
    last_inbound: HashMap<ContactId, i64>,
    outcomes: Vec<OutcomeRow>,
    graded: Vec<EntryGrade>,
    /// Without the records: every edit's and merge's entry, by id, for the log's changes.
    edits: HashMap<i64, (ContactId, i64, bool)>,
    /// `imported` (false) and `prior_contact` (true) entries: contact, kind, time.
    markers: Vec<(ContactId, bool, i64)>,
    /// The seal of the rows read (see [`crate::domain::records_seal`]).
    seal: Seal,
    read: Vec<usize>,
}

/// Where the timeline pass finds each column ([`INTERACTION_COLUMNS`]' order).
const COL_ID: usize = 0;
const COL_CONTACT: usize = 1;
const COL_AT: usize = 2;
const COL_KIND: usize = 3;
const COL_BODY: usize = 5;
const COL_SCRIPT: usize = 8;
const COL_GRADE_FROM: usize = 11;
const COL_GRADE_TO: usize = 12;

impl Snap<'_> {
    /// The book's timeline cut into ranges, none taken yet.
    pub fn timeline_chunks(&self) -> Result<TimelineChunks> {
        let rows = self.rows_hint(RowTable::Interactions);
        self.timeline_chunks_of((rows as i64 / CHUNKS).max(MIN_CHUNK))
    }

    /// The timeline cut into ranges of `step` ids (at least 1).
    pub fn timeline_chunks_of(&self, step: i64) -> Result<TimelineChunks> {
        let rows = self.rows_hint(RowTable::Interactions);
        let step = step.max(1);
        Ok(TimelineChunks {
            next: AtomicUsize::new(0),
            count: (rows as u64).div_ceil(step as u64).max(1) as usize,
            step,
            rows,
            recorded: self.schema_version()? >= GRADE_CHANGES_VERSION,
        })
    }

    /// Reads ranges of `chunks` until none is left, into a list made for `capacity`
    /// entries.
    pub fn read_timeline_chunks(
        &self,
        chunks: &TimelineChunks,
        capacity: usize,
    ) -> Result<TimelinePart> {
        let mut part = TimelinePart::default();
        part.timeline.reserve(capacity);
        while self.read_next_timeline_chunk(chunks, &mut part)? {}
        Ok(part)
    }

    /// Reads the next range of `chunks` into `part`; false when none was left.
    pub fn read_next_timeline_chunk(
        &self,
        chunks: &TimelineChunks,
        part: &mut TimelinePart,
    ) -> Result<bool> {
        let Some(i) = chunks.take() else {
            return Ok(false);
        };
        self.read_timeline_range(chunks, i, part)?;
        Ok(true)
    }

    /// Touches, notes and inbound messages of range `i`, each contact's last inbound
    /// message, outcome changes, and the grade changes edits and merges recorded.
    fn read_timeline_range(
        &self,
        chunks: &TimelineChunks,
        i: usize,
        part: &mut TimelinePart,
    ) -> Result<()> {
        // Every row, filtered here: a filter on the kind costs SQLite more than the rows
        // it would leave out.
        // Every sealed column, in the seal's order: each row is hashed for `verify` as it
        // passes (a book from before the grade columns has no seal to check).
        let sql = if chunks.recorded {
            format!("SELECT {INTERACTION_COLUMNS} FROM interactions WHERE id BETWEEN ?1 AND ?2")
        } else {
            "SELECT id, contact_id, at, kind, channel, body, from_stage, to_stage, script_id, \
             amount_cents, product, NULL, NULL FROM interactions WHERE id BETWEEN ?1 AND ?2"
                .to_string()
        };
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let (lo, hi) = chunks.range(i);
        let mut rows = stmt.query([lo, hi])?;
        let mut hasher = RowHasher::default();
        while let Some(r) = rows.next()? {
            part.seal.add(interaction_hash(&mut hasher, r)?);
            // The kind as bytes: a million rows need no UTF-8 check to be matched.
            let kind = match r.get_ref(COL_KIND)? {
                ValueRef::Text(k) => k,
                _ => b"",
            };
            let entry = match kind {
                b"message" => Some(EntryKind::Message),
                b"call" => Some(EntryKind::Call),
                b"meeting" => Some(EntryKind::Meeting),
                b"note" => Some(EntryKind::Note),
                b"script_sent" => Some(EntryKind::ScriptSent),
                b"followup_done" => Some(EntryKind::FollowupDone),
                b"inbound" => Some(EntryKind::Inbound),
                _ => None,
            };
            let change = match kind {
                b"won" => Some(OutcomeChangeKind::Won),
                b"lost" => Some(OutcomeChangeKind::Lost),
                b"reopened" => Some(OutcomeChangeKind::Reopened),
                _ => None,
            };
            if matches!(kind, b"imported" | b"prior_contact") {
                part.markers.push((
                    r.get(COL_CONTACT)?,
                    kind == b"prior_contact",
                    r.get(COL_AT)?,
                ));
                continue;
            }
            // Grades change only on an edit's or a merge's entry.
            let edit = matches!(kind, b"edited" | b"merged");
            if entry.is_none() && change.is_none() && !edit {
                continue;
            }
            let merged = kind == b"merged";
            let contact: ContactId = r.get(COL_CONTACT)?;
            let at: i64 = r.get(COL_AT)?;
            if let Some(kind) = entry {
                if kind == EntryKind::Inbound {
                    let last = part.last_inbound.entry(contact).or_insert(at);
                    *last = (*last).max(at);
                }
                part.timeline.push(TimelineEntry {
                    contact,
                    at: from_db(at),
                    kind,
                    script: match kind {
                        EntryKind::ScriptSent => r.get(COL_SCRIPT)?,
                        _ => None,
                    },
                });
            }
            if let Some(change) = change {
                part.outcomes
                    .push((contact, at, r.get(COL_ID)?, change, r.get(COL_BODY)?));
            }
            if !edit {
                continue;
            }
            let id: i64 = r.get(COL_ID)?;
            if !chunks.recorded {
                part.edits.insert(id, (contact, at, merged));
                continue;
            }
            let (from, to) = (
                grade(text(r, COL_GRADE_FROM)?)?,
                grade(text(r, COL_GRADE_TO)?)?,
            );
            if from != to {
                part.graded.push(EntryGrade {
                    entry: id,
                    change: GradeChange {
                        contact,
                        at: from_db(at),
                        from,
                        to,
                    },
                });
            }
        }
        part.read.push(i);
        Ok(())
    }

    /// The parts put together into `input`: its timeline, each contact's last inbound
    /// message and the outcome changes; returns the grade changes (from the log instead
    /// for a book older than those records). A range no part read (its thread stopped) is
    /// read here first, so the timeline is whole whoever read what.
    pub(super) fn merge_timeline(
        &self,
        input: &mut BookInput,
        chunks: &TimelineChunks,
        mut parts: Vec<TimelinePart>,
    ) -> Result<(Vec<EntryGrade>, Seal)> {
        let mut done = vec![false; chunks.count];
        for i in parts.iter().flat_map(|p| &p.read) {
            done[*i] = true;
        }
        let mut rest = TimelinePart::default();
        for i in (0..chunks.count).filter(|i| !done[*i]) {
            self.read_timeline_range(chunks, i, &mut rest)?;
        }
        parts.push(rest);
        let seal = parts.iter().fold(Seal::default(), |s, p| s.plus(p.seal));
        // The list with the most room is kept and the others appended to it. Entries
        // need no order: the figures group them by contact and time.
        parts.sort_by_key(|p| std::cmp::Reverse(p.timeline.capacity()));
        let mut parts = parts.into_iter();
        let mut all = parts.next().unwrap_or_default();
        for p in parts {
            all.timeline.extend(p.timeline);
            for (contact, at) in p.last_inbound {
                let last = all.last_inbound.entry(contact).or_insert(at);
                *last = (*last).max(at);
            }
            all.outcomes.extend(p.outcomes);
            all.graded.extend(p.graded);
            all.edits.extend(p.edits);
            all.markers.extend(p.markers);
        }
        input.timeline = all.timeline;
        all.markers.sort_unstable();
        let marker = |id: ContactId, prior: bool| {
            // The latest of the contact's entries of that kind.
            let end = all.markers.partition_point(|m| (m.0, m.1) <= (id, prior));
            all.markers[..end]
                .last()
                .filter(|m| m.0 == id && m.1 == prior)
                .map(|m| from_db(m.2))
        };
        for c in &mut input.contacts {
            c.last_inbound_at = all.last_inbound.get(&c.id).map(|t| from_db(*t));
            c.arrived_at = marker(c.id, false);
            c.prior_contact = marker(c.id, true);
        }
        input.outcome_changes = outcome_changes(all.outcomes);
        let mut graded = all.graded;
        if !chunks.recorded {
            let edits = all.edits;
            logged_changes(self.conn(), |ch: LoggedGradeChange| {
                let found = ch.entries.iter().rev().find_map(|id| {
                    let (contact, at, merged) = edits.get(id)?;
                    let kind = if *merged { "merged" } else { "edited" };
                    is_entry_of(kind, *at, &ch).then_some((*id, *contact, *at))
                });
                if let Some((entry, contact, at)) = found {
                    graded.push(EntryGrade {
                        entry,
                        change: GradeChange {
                            contact,
                            at: from_db(at),
                            from: ch.from,
                            to: ch.to,
                        },
                    });
                }
                Ok(())
            })?;
        }
        Ok((graded, seal))
    }
}
