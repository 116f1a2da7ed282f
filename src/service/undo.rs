//! Undo: a change is reversed by running its inverse through the same pipeline, recorded as
//! its own log entry ("undo of #N"). The log keeps both.

use super::error::{Error, Result};
use super::pipeline::{Applied, Cx, Reply};
use super::session::{Book, View};
use crate::domain::ContactId;
use crate::domain::command::Command;
use crate::domain::state::{ContactState, Effect, EventDetail};
use crate::store::{EventRow, Snap};
use chrono::DateTime;
use serde::Serialize;
use std::collections::BTreeSet;

/// Log entries that cannot be undone: the chain's start, plans made again, undos, and a
/// change of template (every plan was made again under the new one; undoing it would
/// bring back the setting but not the plans: the rep chooses the old template again).
fn undoable_action(action: &str) -> bool {
    !matches!(
        action,
        "genesis" | "undo" | "followups.replan" | TEMPLATE_CHANGE
    )
}

const TEMPLATE_CHANGE: &str = "template.use";

/// A recent change by the rep, for `undo --list` and the TUI.
#[derive(Debug, Clone, Serialize)]
pub struct UndoEntry {
    pub event: i64,
    pub at: DateTime<chrono::Utc>,
    pub action: String,
    pub contact_id: Option<ContactId>,
    /// The contacts it changed, by name: the first five.
    pub contacts: Vec<String>,
    /// How many contacts it changed.
    pub contacts_total: usize,
    /// Set when an undo already reversed it.
    pub undone_by: Option<i64>,
    /// A later change by someone else that touched its contacts: undo refuses it while
    /// that change stands.
    pub blocked_by: Option<i64>,
    /// Whether an undo can reverse it now (once the rep's later changes are undone): false
    /// for entries already undone or blocked, and for those an undo never reverses (the
    /// log's start, plans made again, undos, entries made before the log was chained).
    pub undoable: bool,
}

impl View<'_> {
    /// A log entry's action and the contacts it changed, by name (the first five) and in
    /// all; an entry beside the contact's own row (a dated follow-up) names the contact it
    /// was about.
    pub fn change_named(&self, event: i64) -> Result<(String, Vec<String>, usize)> {
        Ok(
            match self.undo_list(50)?.into_iter().find(|e| e.event == event) {
                Some(e) if e.contacts.is_empty() => {
                    let names: Vec<String> = e
                        .contact_id
                        .and_then(|id| self.contact(id).ok())
                        .map(|c| vec![c.name])
                        .unwrap_or_default();
                    let n = names.len();
                    (e.action, names, n)
                }
                Some(e) => (e.action, e.contacts, e.contacts_total),
                None => (String::new(), Vec::new(), 0),
            },
        )
    }

    /// The rep's latest changes, newest first.
    pub fn undo_list(&self, limit: usize) -> anyhow::Result<Vec<UndoEntry>> {
        let genesis = self.last_genesis()?;
        let rows = self.snap.events_by(&self.session.actor, i64::MAX, limit)?;
        let mut out = Vec::new();
        for e in rows {
            let detail: EventDetail = serde_json::from_str(&e.detail).unwrap_or_default();
            let mut contacts: Vec<String> = detail
                .contacts
                .iter()
                .filter_map(|c| {
                    c.after
                        .as_ref()
                        .or(c.before.as_ref())
                        .map(|s| s.name.clone())
                })
                .take(5)
                .collect();
            let mut contacts_total = detail
                .contacts
                .iter()
                .filter(|c| c.after.is_some() || c.before.is_some())
                .count();
            // A change that left the contact's fields as they were (a touch logged, a
            // follow-up done or snoozed) names its contact through what it did.
            let mut contact_id = e.contact_id;
            if contacts.is_empty() {
                contact_id = contact_id.or(self.effects_contact(&detail.effects)?);
                if let Some(c) = contact_id
                    .map(|id| self.snap.contact(id))
                    .transpose()?
                    .flatten()
                {
                    contacts.push(c.name);
                    contacts_total = 1;
                }
            }
            let undone_by = self.snap.undone_by(e.id)?;
            let kind_undoable = undoable_action(&e.action) && genesis.is_none_or(|g| e.id > g);
            let blocked_by = if kind_undoable && undone_by.is_none() {
                let later = later_in_force(&self.snap, e.id)?;
                blocked_by_another(&self.snap, &e, &detail, &later)?.map(|b| b.event)
            } else {
                None
            };
            out.push(UndoEntry {
                contacts_total,
                event: e.id,
                at: e.at,
                undone_by,
                blocked_by,
                undoable: kind_undoable && undone_by.is_none() && blocked_by.is_none(),
                action: e.action,
                contact_id,
                contacts,
            });
        }
        Ok(out)
    }

    /// The one contact a change's effects touched, if they name one.
    fn effects_contact(
        &self,
        effects: &[crate::domain::state::Effect],
    ) -> anyhow::Result<Option<ContactId>> {
        use crate::domain::state::Effect;
        for e in effects {
            let id = match e {
                Effect::Interaction { contact, .. }
                | Effect::Purchase { contact, .. }
                | Effect::Appointment { contact, .. } => Some(*contact),
                Effect::FollowupClosed { id, .. } | Effect::FollowupSnoozed { id, .. } => {
                    self.snap.followup(*id)?.map(|f| f.contact_id)
                }
                _ => None,
            };
            if id.is_some() {
                return Ok(id);
            }
        }
        Ok(None)
    }

    /// The newest entry of this rep an undo would reverse now.
    pub fn next_to_undo(&self) -> anyhow::Result<Option<i64>> {
        let mut before = i64::MAX;
        let genesis = self.last_genesis()?.unwrap_or(0);
        loop {
            let rows = self.snap.events_by(&self.session.actor, before, 200)?;
            if rows.is_empty() {
                return Ok(None);
            }
            for e in &rows {
                if e.id <= genesis {
                    return Ok(None);
                }
                // A template change stops the walk: undo says why it cannot go back past
                // it rather than undoing an older change the rep did not mean.
                let stops = undoable_action(&e.action) || e.action == TEMPLATE_CHANGE;
                if stops && self.snap.undone_by(e.id)?.is_none() {
                    return Ok(Some(e.id));
                }
                before = e.id;
            }
        }
    }

    /// The entry that starts the chain of a book made before it (none for newer books).
    fn last_genesis(&self) -> anyhow::Result<Option<i64>> {
        self.snap.last_event_id("genesis")
    }
}

impl Book {
    /// Undoes the rep's latest change that is not undone yet.
    pub fn undo_last(&mut self) -> Result<Applied> {
        let event = self.view().next_to_undo()?.ok_or(Error::NothingToUndo)?;
        self.execute(Command::Undo { event })
    }
}

/// Entries after `event` still in force, oldest first, each with the contacts it touched:
/// neither undone since nor undos of a change made after `event` (the two cancel out). An
/// undo of an older change is a change in force like any other (it archived or took out
/// what the older one made).
fn later_in_force(snap: &Snap<'_>, event: i64) -> anyhow::Result<Vec<Later>> {
    let mut out = Vec::new();
    let mut undone: BTreeSet<i64> = BTreeSet::new();
    let later = snap.events_after(event)?;
    for e in &later {
        if let Some(target) = e.undoes {
            undone.insert(target);
        }
    }
    for e in later {
        if undone.contains(&e.id) || e.undoes.is_some_and(|t| t > event) {
            continue;
        }
        let d: EventDetail = serde_json::from_str(&e.detail).unwrap_or_default();
        let contacts = contacts_of(snap, &e, &d)?;
        out.push(Later { row: e, contacts });
    }
    Ok(out)
}

/// A later log entry still in force and the contacts it touched.
struct Later {
    row: EventRow,
    contacts: BTreeSet<ContactId>,
}

/// The contacts a log entry changed or wrote for: those it names, and those of its
/// effects (a follow-up's contact looked up in the book).
fn contacts_of(
    snap: &Snap<'_>,
    e: &EventRow,
    d: &EventDetail,
) -> anyhow::Result<BTreeSet<ContactId>> {
    let mut ids: BTreeSet<ContactId> = e.contact_id.into_iter().collect();
    ids.extend(d.contacts.iter().map(|c| c.id));
    for f in &d.effects {
        match f {
            Effect::Interaction { contact, .. }
            | Effect::Purchase { contact, .. }
            | Effect::Appointment { contact, .. } => {
                ids.insert(*contact);
            }
            Effect::Moved { from, to, .. } => {
                ids.insert(*from);
                ids.insert(*to);
            }
            Effect::FollowupClosed { id, .. }
            | Effect::FollowupSnoozed { id, .. }
            | Effect::FollowupReopened { id, .. } => {
                ids.extend(snap.followup(*id)?.map(|f| f.contact_id));
            }
            Effect::Setting { .. } | Effect::Removed { .. } => {}
        }
    }
    Ok(ids)
}

/// Why an undo of `e` would be refused before it is tried: a change still in force, made
/// after it by someone else, touched a contact it changed (the rep's own later changes
/// are undone first, in order). Contacts `e` created are left out: those are archived, not
/// removed, when worked on since.
fn blocked_by_another(
    snap: &Snap<'_>,
    e: &EventRow,
    d: &EventDetail,
    later: &[Later],
) -> anyhow::Result<Option<Blocker>> {
    let created: BTreeSet<ContactId> = d
        .contacts
        .iter()
        .filter(|c| c.before.is_none())
        .map(|c| c.id)
        .collect();
    let mine: BTreeSet<ContactId> = contacts_of(snap, e, d)?
        .into_iter()
        .filter(|id| !created.contains(id))
        .collect();
    for l in later.iter().filter(|l| l.row.actor != e.actor) {
        if let Some(&contact) = l.contacts.intersection(&mine).next() {
            return Ok(Some(Blocker {
                event: l.row.id,
                actor: l.row.actor.clone(),
                contact,
            }));
        }
    }
    Ok(None)
}

/// A later change of someone else's that an undo would lose.
struct Blocker {
    event: i64,
    actor: String,
    contact: ContactId,
}

pub(super) fn undo(cx: &mut Cx, event: i64) -> Result<Reply> {
    let snap = cx.w.snap();
    let e = snap.event(event)?.ok_or(Error::NothingToUndo)?;
    if let Some(by) = snap.undone_by(event)? {
        return Err(Error::AlreadyUndone { event, by });
    }
    let genesis = View {
        snap,
        session: cx.session,
    }
    .last_genesis()?;
    if !undoable_action(&e.action) || genesis.is_some_and(|g| event <= g) {
        return Err(Error::NotUndoable {
            event,
            action: e.action,
        });
    }
    let detail: EventDetail = serde_json::from_str(&e.detail).map_err(Error::other)?;
    let later = later_in_force(&snap, event)?;
    let touched_since = |id: ContactId| later.iter().any(|l| l.contacts.contains(&id));
    let blocked = |id: ContactId, name: &str| {
        let by = later.iter().rev().find(|l| l.contacts.contains(&id));
        Error::UndoBlocked {
            event,
            action: e.action.clone(),
            contact: id,
            name: name.to_string(),
            by: by.map(|l| l.row.id),
            by_other: by
                .filter(|l| l.row.actor != e.actor)
                .map(|l| l.row.actor.clone()),
        }
    };
    if let Some(b) = blocked_by_another(&snap, &e, &detail, &later)? {
        let name = snap.contact(b.contact)?.map(|c| c.name).unwrap_or_default();
        return Err(Error::UndoBlocked {
            event,
            action: e.action.clone(),
            contact: b.contact,
            name,
            by: Some(b.event),
            by_other: Some(b.actor),
        });
    }

    // Contacts the change created and that were worked with since are archived, not removed:
    // their own entries stay with them.
    let keep_created: BTreeSet<ContactId> = detail
        .contacts
        .iter()
        .filter(|c| c.before.is_none() && touched_since(c.id))
        .map(|c| c.id)
        .collect();

    for eff in detail.effects.iter().rev() {
        match eff {
            Effect::Interaction { id, contact } => {
                if keep_created.contains(contact) {
                    continue;
                }
                cx.load(*contact)?;
                cx.w.remove_interaction(*id)?;
            }
            Effect::Appointment { id, contact } => {
                if keep_created.contains(contact) {
                    continue;
                }
                cx.load(*contact)?;
                cx.w.remove_appointment(*id)?;
            }
            Effect::Purchase { id, contact } => {
                if keep_created.contains(contact) {
                    continue;
                }
                cx.load(*contact)?;
                cx.w.remove_purchase(*id)?;
            }
            Effect::FollowupClosed { id, status } => {
                let f = snap.followup(*id)?.ok_or(Error::NoFollowup(*id))?;
                let c = cx.load(f.contact_id)?;
                if &f.status != status {
                    return Err(blocked(f.contact_id, &c.name));
                }
                cx.w.restore_followup(*id, None, f.snoozed)?;
            }
            Effect::FollowupSnoozed {
                id,
                due_before,
                snoozed_before,
                overdue_before,
            } => {
                let f = snap.followup(*id)?.ok_or(Error::NoFollowup(*id))?;
                let c = cx.load(f.contact_id)?;
                if f.status != "open" {
                    return Err(blocked(f.contact_id, &c.name));
                }
                cx.w.restore_followup(
                    *id,
                    Some(crate::store::time_from_db(*due_before)),
                    *snoozed_before,
                )?;
                cx.w.restore_overdue(*id, *overdue_before)?;
            }
            Effect::Setting { key, before, after } => {
                if snap.setting(key)? != *after {
                    return Err(Error::NotUndoable {
                        event,
                        action: e.action.clone(),
                    });
                }
                cx.w.set_setting(key, before.as_deref())?;
            }
            Effect::Moved {
                table,
                ids,
                from,
                to,
            } => {
                cx.load(*from)?;
                cx.load(*to)?;
                cx.w.move_rows(table, ids, *to, *from)?;
            }
            Effect::FollowupReopened { .. } | Effect::Removed { .. } => {
                return Err(Error::NotUndoable {
                    event,
                    action: e.action.clone(),
                });
            }
        }
    }

    for ch in detail.contacts.iter().rev() {
        let current = snap.contact(ch.id)?;
        let current_state = current.as_ref().map(ContactState::of);
        match (&ch.before, &ch.after) {
            (None, Some(after)) => {
                let Some(c) = current else { continue };
                if keep_created.contains(&ch.id) {
                    cx.load(ch.id)?;
                    if !c.archived {
                        cx.w.set_archived(ch.id, true, cx.now)?;
                    }
                } else {
                    if current_state.as_ref() != Some(after) {
                        return Err(blocked(ch.id, &c.name));
                    }
                    cx.load(ch.id)?;
                    cx.w.delete_contact(ch.id)?;
                }
            }
            (Some(before), Some(after)) => {
                let name = current
                    .as_ref()
                    .map_or(after.name.clone(), |c| c.name.clone());
                if current_state.as_ref() != Some(after) {
                    return Err(blocked(ch.id, &name));
                }
                cx.load(ch.id)?;
                for row in ch.stages_added.iter().rev() {
                    cx.w.remove_stage_row(ch.id, row)?;
                }
                for row in &ch.stages_removed {
                    cx.w.add_stage_row(ch.id, row)?;
                }
                cx.w.write_state(ch.id, before, cx.now)?;
            }
            _ => {
                return Err(Error::NotUndoable {
                    event,
                    action: e.action.clone(),
                });
            }
        }
    }
    cx.undoes = Some(event);
    Ok(Reply::Undone {
        event,
        action: e.action,
    })
}
