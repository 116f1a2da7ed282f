//! Contacts grouped by source channel and by grade: how many, how many won, how fast, and
//! for how much.

use crate::domain::{ContactId, Grade};
use crate::report::index::Index;
use crate::report::input::{OutcomeChangeKind, Window};
use crate::report::stats::FastMap;
use crate::report::stats::{Count, Distribution, Share, clean_text};
use serde::Serialize;

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

/// What one contact of the window's cohort adds to its groups.
struct Facts {
    won: bool,
    to_win: Option<i64>,
    amount: i64,
}

fn facts(ix: &Index, i: usize, w: Window) -> Facts {
    let input = ix.input;
    let won = ix.first_outcome(i, OutcomeChangeKind::Won, |t| w.contains(t));
    let to_win = won.and_then(|won| {
        let first = *ix.touches.get(i).first().filter(|t| **t <= won)?;
        Some((won - first).num_seconds())
    });
    let amount = ix
        .purchases
        .get(i)
        .iter()
        .filter(|r| w.contains(r.at))
        .map(|r| input.purchases[r.row as usize].amount_cents)
        .sum();
    Facts {
        won: won.is_some(),
        to_win,
        amount,
    }
}

/// The contacts created in the window, with their facts.
fn cohort<'a>(ix: &'a Index, w: Window) -> impl Iterator<Item = (usize, Facts)> + 'a {
    ix.input
        .contacts
        .iter()
        .enumerate()
        .filter(move |(_, c)| w.contains(c.created_at))
        .map(move |(i, _)| (i, facts(ix, i, w)))
}

#[derive(Default)]
struct Acc {
    contacts: Vec<ContactId>,
    won: Vec<ContactId>,
    to_win: Vec<i64>,
    amount: i64,
}

impl Acc {
    fn add(&mut self, id: ContactId, f: &Facts) {
        self.contacts.push(id);
        if f.won {
            self.won.push(id);
        }
        self.to_win.extend(f.to_win);
        self.amount += f.amount;
    }

    fn merge(&mut self, other: Acc) {
        self.contacts.extend(other.contacts);
        self.won.extend(other.won);
        self.to_win.extend(other.to_win);
        self.amount += other.amount;
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

/// Both groupings of the window's cohort: by source channel (largest group first, then by
/// name, "no source" last among equals) and by grade now (A, B, C, D, ungraded; every row
/// present).
pub(crate) fn by_source_and_grade(ix: &Index, w: Window) -> (Vec<GroupRow>, Vec<GroupRow>) {
    let contacts = &ix.input.contacts;
    let mut raw: FastMap<Option<&str>, Acc> = FastMap::default();
    let mut grades: [Acc; 5] = Default::default();
    for (i, f) in cohort(ix, w) {
        let c = &contacts[i];
        raw.entry(c.source.as_deref()).or_default().add(c.id, &f);
        grades[c.grade.map_or(4, |g| g as usize)].add(c.id, &f);
    }
    // Sources that differ only by control characters or spacing are one source.
    let mut merged: FastMap<Option<String>, Acc> = FastMap::default();
    for (key, acc) in raw {
        let key = key.map(clean_text).filter(|s| !s.is_empty());
        merged.entry(key).or_default().merge(acc);
    }
    let mut sources: Vec<GroupRow> = merged.into_iter().map(|(k, a)| a.finish(k)).collect();
    sources.sort_by(|a, b| {
        b.contacts
            .count
            .cmp(&a.contacts.count)
            .then_with(|| a.key.is_none().cmp(&b.key.is_none()))
            .then_with(|| a.key.cmp(&b.key))
    });
    let keys = Grade::ALL.map(|g| Some(g.key().to_string()));
    let by_grade = keys
        .into_iter()
        .chain([None])
        .zip(grades)
        .map(|(k, a)| a.finish(k))
        .collect();
    (sources, by_grade)
}
