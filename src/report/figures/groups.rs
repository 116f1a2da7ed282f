//! Contacts grouped by source channel and by grade: how many, how many won, how fast, and
//! for how much.

use crate::domain::{ContactId, Grade};
use crate::report::index::Index;
use crate::report::input::{OutcomeChangeKind, Window};
use crate::report::stats::{Count, Distribution, Share, clean_text};
use serde::Serialize;
use std::collections::HashMap;

/// One group: the contacts created in the window that belong to it.
#[derive(Debug, Clone, Serialize)]
pub struct GroupRow {
    /// The source as typed, or the grade's letter; `None`: no source / no grade.
    pub key: Option<String>,
    pub contacts: Count,
    /// Of them, those won in the window.
    pub won: Count,
    pub win_rate: Share,
    /// From the first touch to the first win, of the won with a touch before the win.
    pub time_to_win: Distribution,
    /// What the group's contacts bought in the window, in cents.
    pub amount_cents: i64,
}

#[derive(Default)]
struct Acc {
    contacts: Vec<ContactId>,
    won: Vec<ContactId>,
    to_win: Vec<i64>,
    amount: i64,
}

impl Acc {
    fn add(&mut self, ix: &Index, i: usize, w: Window) {
        let input = ix.input;
        let c = &input.contacts[i];
        self.contacts.push(c.id);
        if let Some(won) = ix.first_outcome(i, OutcomeChangeKind::Won, |t| w.contains(t)) {
            self.won.push(c.id);
            if let Some(first) = ix.touches.get(i).first().filter(|t| **t <= won) {
                self.to_win.push((won - *first).num_seconds());
            }
        }
        self.amount += ix
            .purchases
            .get(i)
            .iter()
            .filter(|r| w.contains(r.at))
            .map(|r| input.purchases[r.row as usize].amount_cents)
            .sum::<i64>();
    }

    fn finish(self, key: Option<String>) -> GroupRow {
        let contacts = Count::of_contacts(self.contacts);
        let won = Count::of_contacts(self.won);
        GroupRow {
            key,
            win_rate: Share::new(won.count, contacts.count),
            contacts,
            won,
            time_to_win: Distribution::of(self.to_win),
            amount_cents: self.amount,
        }
    }
}

/// By source channel: largest group first, then by name; "no source" last among equals.
pub(crate) fn by_source(ix: &Index, w: Window) -> Vec<GroupRow> {
    let mut raw: HashMap<Option<&str>, Acc> = HashMap::new();
    for (i, c) in ix.input.contacts.iter().enumerate() {
        if w.contains(c.created_at) {
            let key = c.source.as_deref().map(str::trim).filter(|s| !s.is_empty());
            raw.entry(key).or_default().add(ix, i, w);
        }
    }
    // Sources that differ only by control characters or spacing are one source.
    let mut merged: HashMap<Option<String>, Acc> = HashMap::new();
    for (key, acc) in raw {
        let key = key.map(clean_text).filter(|s| !s.is_empty());
        let into = merged.entry(key).or_default();
        into.contacts.extend(acc.contacts);
        into.won.extend(acc.won);
        into.to_win.extend(acc.to_win);
        into.amount += acc.amount;
    }
    let mut rows: Vec<GroupRow> = merged.into_iter().map(|(k, a)| a.finish(k)).collect();
    rows.sort_by(|a, b| {
        b.contacts
            .count
            .cmp(&a.contacts.count)
            .then_with(|| a.key.is_none().cmp(&b.key.is_none()))
            .then_with(|| a.key.cmp(&b.key))
    });
    rows
}

/// By grade now: A, B, C, D, then ungraded; every row present.
pub(crate) fn by_grade(ix: &Index, w: Window) -> Vec<GroupRow> {
    let mut accs: [Acc; 5] = Default::default();
    for (i, c) in ix.input.contacts.iter().enumerate() {
        if w.contains(c.created_at) {
            accs[c.grade.map_or(4, |g| g as usize)].add(ix, i, w);
        }
    }
    let keys = Grade::ALL.map(|g| Some(g.key().to_string()));
    keys.into_iter()
        .chain([None])
        .zip(accs)
        .map(|(k, a)| a.finish(k))
        .collect()
}
