//! The input regrouped by contact, each contact's rows in time order, so every figure is one
//! pass over the contacts or the rows with cheap look-ups (the book may hold a million
//! timeline entries).

use super::input::{BookInput, OutcomeChangeKind};
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
        let mut offsets = vec![0u32; n + 1];
        for (i, _) in rows() {
            offsets[i + 1] += 1;
        }
        for i in 0..n {
            offsets[i + 1] += offsets[i];
        }
        let mut next = offsets.clone();
        let mut items = vec![T::default(); offsets[n] as usize];
        for (i, item) in rows() {
            items[next[i] as usize] = item;
            next[i] += 1;
        }
        for i in 0..n {
            let slice = &mut items[offsets[i] as usize..offsets[i + 1] as usize];
            if !slice.is_sorted_by_key(&key) {
                slice.sort_by_key(&key);
            }
        }
        Groups { offsets, items }
    }

    pub fn get(&self, i: usize) -> &[T] {
        &self.items[self.offsets[i] as usize..self.offsets[i + 1] as usize]
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
    /// Contact id → position in `input.contacts`.
    pub pos: HashMap<ContactId, usize>,
    /// The rep's outgoing touches.
    pub touches: Groups<DateTime<Utc>>,
    /// Touches and inbound messages: the moments the two sides talked.
    pub talks: Groups<DateTime<Utc>>,
    pub moves: Groups<RowAt>,
    pub outcomes: Groups<RowAt>,
    pub purchases: Groups<RowAt>,
    /// The earliest due time of each contact's open follow-ups.
    pub next_due: Vec<Option<DateTime<Utc>>>,
}

impl<'a> Index<'a> {
    pub fn new(input: &'a BookInput) -> Index<'a> {
        let n = input.contacts.len();
        let pos: HashMap<ContactId, usize> = input
            .contacts
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id, i))
            .collect();
        let at = |t: &DateTime<Utc>| *t;
        let row_at = |r: &RowAt| r.at;
        let touches = Groups::build(
            n,
            || {
                input
                    .timeline
                    .iter()
                    .filter(|e| e.kind.is_touch())
                    .filter_map(|e| Some((*pos.get(&e.contact)?, e.at)))
            },
            at,
        );
        let talks = Groups::build(
            n,
            || {
                input
                    .timeline
                    .iter()
                    .filter(|e| e.kind.is_touch() || e.kind == super::input::EntryKind::Inbound)
                    .filter_map(|e| Some((*pos.get(&e.contact)?, e.at)))
            },
            at,
        );
        let rows = |list: Vec<(ContactId, DateTime<Utc>)>| {
            Groups::build(
                n,
                || {
                    list.iter().enumerate().filter_map(|(row, (c, at))| {
                        Some((
                            *pos.get(c)?,
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
        let mut next_due: Vec<Option<DateTime<Utc>>> = vec![None; n];
        for f in &input.followups {
            if f.status == super::input::FollowupStatus::Open
                && let Some(&i) = pos.get(&f.contact)
            {
                next_due[i] = Some(next_due[i].map_or(f.due, |d| d.min(f.due)));
            }
        }
        Index {
            input,
            pos,
            touches,
            talks,
            moves,
            outcomes,
            purchases,
            next_due,
        }
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
