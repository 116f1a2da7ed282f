//! The input regrouped by contact, each contact's rows in time order, so every figure is one
//! pass over the contacts or the rows with cheap look-ups (the book may hold a million
//! timeline entries).

use super::input::{BookInput, EntryKind, OutcomeChangeKind};
use crate::domain::ContactId;
use chrono::{DateTime, Utc};
use std::collections::HashMap;

/// Items grouped by contact position: `get(i)` is contact `i`'s items, in time order.
pub(crate) struct Groups<T> {
    offsets: Vec<u32>,
    items: Vec<T>,
}

impl<T: Copy + Default> Groups<T> {
    /// `rows` yields (contact position, item) and is walked twice (count, then fill).
    fn build<I>(n: usize, rows: impl Fn() -> I, key: impl Fn(&T) -> DateTime<Utc>) -> Groups<T>
    where
        I: Iterator<Item = (usize, T)>,
    {
        let mut b = Builder::new(n);
        for (i, _) in rows() {
            b.count(i);
        }
        b.allocate();
        for (i, item) in rows() {
            b.put(i, item);
        }
        b.finish(key)
    }

    pub fn get(&self, i: usize) -> &[T] {
        &self.items[self.offsets[i] as usize..self.offsets[i + 1] as usize]
    }
}

/// Builds [`Groups`] in two passes over the rows: count each contact's rows, then place
/// them. Several builders can share the passes.
struct Builder<T> {
    offsets: Vec<u32>,
    next: Vec<u32>,
    items: Vec<T>,
}

impl<T: Copy + Default> Builder<T> {
    fn new(n: usize) -> Builder<T> {
        Builder {
            offsets: vec![0; n + 1],
            next: Vec::new(),
            items: Vec::new(),
        }
    }

    fn count(&mut self, i: usize) {
        self.offsets[i + 1] += 1;
    }

    fn allocate(&mut self) {
        for i in 1..self.offsets.len() {
            self.offsets[i] += self.offsets[i - 1];
        }
        self.next = self.offsets.clone();
        self.items = vec![T::default(); *self.offsets.last().unwrap_or(&0) as usize];
    }

    fn put(&mut self, i: usize, item: T) {
        self.items[self.next[i] as usize] = item;
        self.next[i] += 1;
    }

    /// Sorts each contact's rows by `key` (most come in order already).
    fn finish(mut self, key: impl Fn(&T) -> DateTime<Utc>) -> Groups<T> {
        for w in self.offsets.windows(2) {
            let slice = &mut self.items[w[0] as usize..w[1] as usize];
            if !slice.is_sorted_by_key(&key) {
                slice.sort_by_key(&key);
            }
        }
        Groups {
            offsets: self.offsets,
            items: self.items,
        }
    }
}

/// The rep's touches and the two sides' talks (touches and inbound messages) by contact, in
/// two passes over the timeline.
fn group_timeline(
    input: &BookInput,
    pos: &Positions,
) -> (Groups<DateTime<Utc>>, Groups<DateTime<Utc>>) {
    let n = input.contacts.len();
    let (mut touches, mut talks) = (Builder::new(n), Builder::new(n));
    // Each entry's contact position, looked up once.
    let mut entry_pos: Vec<u32> = Vec::with_capacity(input.timeline.len());
    for e in &input.timeline {
        let p = pos.get(e.contact);
        entry_pos.push(p.map_or(Positions::NONE, |p| p as u32));
        if let Some(p) = p {
            if e.kind.is_touch() {
                touches.count(p);
                talks.count(p);
            } else if e.kind == EntryKind::Inbound {
                talks.count(p);
            }
        }
    }
    touches.allocate();
    talks.allocate();
    for (e, p) in input.timeline.iter().zip(&entry_pos) {
        if *p == Positions::NONE {
            continue;
        }
        let p = *p as usize;
        if e.kind.is_touch() {
            touches.put(p, e.at);
            talks.put(p, e.at);
        } else if e.kind == EntryKind::Inbound {
            talks.put(p, e.at);
        }
    }
    let at = |t: &DateTime<Utc>| *t;
    (touches.finish(at), talks.finish(at))
}

/// Contact id → position in `input.contacts`. Ids are usually dense (1…n), so a table
/// indexed by id is the common case; sparse ids fall back to a hash map.
pub(crate) enum Positions {
    Dense(Vec<u32>),
    Sparse(HashMap<ContactId, u32>),
}

impl Positions {
    const NONE: u32 = u32::MAX;

    fn new(input: &BookInput) -> Positions {
        let n = input.contacts.len();
        let max = input.contacts.iter().map(|c| c.id).max().unwrap_or(0);
        let min = input.contacts.iter().map(|c| c.id).min().unwrap_or(0);
        if min >= 0 && (max as u64) < 4 * n as u64 + 1024 {
            let mut table = vec![Self::NONE; max as usize + 1];
            for (i, c) in input.contacts.iter().enumerate() {
                table[c.id as usize] = i as u32;
            }
            Positions::Dense(table)
        } else {
            Positions::Sparse(
                input
                    .contacts
                    .iter()
                    .enumerate()
                    .map(|(i, c)| (c.id, i as u32))
                    .collect(),
            )
        }
    }

    #[inline]
    pub fn get(&self, id: ContactId) -> Option<usize> {
        match self {
            Positions::Dense(table) => usize::try_from(id)
                .ok()
                .and_then(|k| table.get(k))
                .filter(|p| **p != Self::NONE)
                .map(|p| *p as usize),
            Positions::Sparse(map) => map.get(&id).map(|p| *p as usize),
        }
    }
}

/// A row of one of the input's lists, by its position there, with its time.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct RowAt {
    pub at: DateTime<Utc>,
    pub row: u32,
}

pub(crate) struct Index<'a> {
    pub input: &'a BookInput,
    pub pos: Positions,
    /// The rep's outgoing touches.
    pub touches: Groups<DateTime<Utc>>,
    /// Touches and inbound messages: the moments the two sides talked.
    pub talks: Groups<DateTime<Utc>>,
    pub moves: Groups<RowAt>,
    pub outcomes: Groups<RowAt>,
    pub purchases: Groups<RowAt>,
    /// When the contact advanced: forward stage moves, wins and purchases.
    pub advances: Groups<DateTime<Utc>>,
    /// The earliest due time of each contact's open follow-ups.
    pub next_due: Vec<Option<DateTime<Utc>>>,
}

impl<'a> Index<'a> {
    pub fn new(input: &'a BookInput) -> Index<'a> {
        let pos = Positions::new(input);
        // The timeline is most of the input: it is grouped on a second thread while this
        // one groups the rest.
        let (touches, talks, rest) = std::thread::scope(|scope| {
            let grouping = scope.spawn(|| group_timeline(input, &pos));
            let rest = Self::group_rest(input, &pos);
            let (touches, talks) = grouping.join().expect("grouping the timeline");
            (touches, talks, rest)
        });
        let (moves, outcomes, purchases, advances, next_due) = rest;
        Index {
            input,
            pos,
            touches,
            talks,
            moves,
            outcomes,
            purchases,
            advances,
            next_due,
        }
    }

    /// Stage moves, outcome changes, purchases, advances and next due times, by contact.
    #[allow(clippy::type_complexity)]
    fn group_rest(
        input: &BookInput,
        pos: &Positions,
    ) -> (
        Groups<RowAt>,
        Groups<RowAt>,
        Groups<RowAt>,
        Groups<DateTime<Utc>>,
        Vec<Option<DateTime<Utc>>>,
    ) {
        let n = input.contacts.len();
        let at = |t: &DateTime<Utc>| *t;
        let row_at = |r: &RowAt| r.at;
        let rows = |list: Vec<(ContactId, DateTime<Utc>)>| {
            Groups::build(
                n,
                || {
                    list.iter().enumerate().filter_map(|(row, (c, at))| {
                        Some((
                            pos.get(*c)?,
                            RowAt {
                                at: *at,
                                row: row as u32,
                            },
                        ))
                    })
                },
                row_at,
            )
        };
        let moves = rows(
            input
                .stage_moves
                .iter()
                .map(|m| (m.contact, m.at))
                .collect(),
        );
        let outcomes = rows(
            input
                .outcome_changes
                .iter()
                .map(|o| (o.contact, o.at))
                .collect(),
        );
        let purchases = rows(input.purchases.iter().map(|p| (p.contact, p.at)).collect());
        let advances = Groups::build(
            n,
            || {
                let forward = input
                    .stage_moves
                    .iter()
                    .filter(|m| m.from.is_some_and(|f| m.to > f))
                    .map(|m| (m.contact, m.at));
                let won = input
                    .outcome_changes
                    .iter()
                    .filter(|o| o.change == OutcomeChangeKind::Won)
                    .map(|o| (o.contact, o.at));
                let bought = input.purchases.iter().map(|p| (p.contact, p.at));
                forward
                    .chain(won)
                    .chain(bought)
                    .filter_map(|(c, at)| Some((pos.get(c)?, at)))
            },
            at,
        );
        let mut next_due: Vec<Option<DateTime<Utc>>> = vec![None; n];
        for f in &input.followups {
            if f.status == super::input::FollowupStatus::Open
                && let Some(i) = pos.get(f.contact)
            {
                next_due[i] = Some(next_due[i].map_or(f.due, |d| d.min(f.due)));
            }
        }
        (moves, outcomes, purchases, advances, next_due)
    }

    /// The time of the contact's first outcome change of `kind` that `keep` accepts.
    pub fn first_outcome(
        &self,
        i: usize,
        kind: OutcomeChangeKind,
        keep: impl Fn(DateTime<Utc>) -> bool,
    ) -> Option<DateTime<Utc>> {
        self.outcomes
            .get(i)
            .iter()
            .find(|r| self.input.outcome_changes[r.row as usize].change == kind && keep(r.at))
            .map(|r| r.at)
    }
}
