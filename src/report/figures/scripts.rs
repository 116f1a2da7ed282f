//! Which scripts move people: per script, how often it was sent and the share of the
//! contacts it went to that advanced a stage, were won or bought within the template's
//! window after a send.

use crate::domain::ContactId;
use crate::report::index::Index;
use crate::report::input::{EntryKind, Window};
use crate::report::stats::{Count, FastMap, Share, clean_text};
use chrono::{DateTime, TimeDelta, Utc};
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct ScriptRow {
    pub script: String,
    /// The template's title, when the template has the script.
    pub title: Option<String>,
    /// Sends in the window.
    pub sends: usize,
    /// The contacts it was sent to.
    pub contacts: Count,
    /// Those who, within the window of days after one of these sends, moved to a later
    /// stage, were won, or bought. (Sends in the last days before now may still move.)
    pub advanced: Count,
    pub advanced_share: Share,
}

#[derive(Default)]
struct Acc {
    sends: usize,
    contacts: Vec<ContactId>,
    advanced: Vec<ContactId>,
}

/// Most sent first, then by id.
pub(crate) fn scripts(ix: &Index, w: Window) -> Vec<ScriptRow> {
    let input = ix.input;
    let days = TimeDelta::days(i64::from(input.template.script_window_days));
    let mut by: FastMap<&str, Acc> = FastMap::default();
    for e in &input.timeline {
        let (EntryKind::ScriptSent, Some(script)) = (e.kind, e.script.as_deref()) else {
            continue;
        };
        if !w.contains(e.at) {
            continue;
        }
        let Some(i) = ix.pos.get(e.contact) else {
            continue;
        };
        let acc = by.entry(script).or_default();
        acc.sends += 1;
        acc.contacts.push(e.contact);
        if advanced(ix, i, e.at, e.at + days) {
            acc.advanced.push(e.contact);
        }
    }
    let mut rows: Vec<ScriptRow> = by
        .into_iter()
        .map(|(id, acc)| {
            let contacts = Count::of_contacts(acc.contacts);
            let advanced = Count::of_contacts(acc.advanced);
            ScriptRow {
                script: clean_text(id),
                title: input.template.script_title(id).map(str::to_string),
                sends: acc.sends,
                advanced_share: Share::new(advanced.count, contacts.count),
                contacts,
                advanced,
            }
        })
        .collect();
    rows.sort_by(|a, b| b.sends.cmp(&a.sends).then_with(|| a.script.cmp(&b.script)));
    rows
}

/// Whether contact `i` advanced a stage, was won or bought in `(after, until]`.
fn advanced(ix: &Index, i: usize, after: DateTime<Utc>, until: DateTime<Utc>) -> bool {
    let times = ix.advances.get(i);
    times
        .get(times.partition_point(|t| *t <= after))
        .is_some_and(|t| *t <= until)
}
