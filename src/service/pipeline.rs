//! The one way a book changes: a typed [`Command`] is run inside `BEGIN IMMEDIATE` —
//! read and validated there, applied, every touched contact re-planned and re-indexed —
//! and recorded as one log entry holding each contact's state before and after.

use super::error::{Error, Result};
use super::followups::replan;
use super::session::{Book, LAST_BACKUP_DAY, PLANNED_WITH, REP_UTC_OFFSET, Session};
use crate::domain::command::Command;
use crate::domain::records_seal::{Seal, SealChange};
use crate::domain::state::{ContactChange, ContactState, EventDetail, StageRow};
use crate::domain::{Contact, ContactId, Stage};
use crate::store::Writer;
use chrono::{DateTime, Utc};
use std::collections::BTreeMap;

/// What a command did, for the front ends to report.
#[derive(Debug, Clone, PartialEq)]
pub enum Reply {
    /// Nothing needed changing (an edit to the same values).
    Unchanged,
    Contact(ContactId),
    Moved {
        id: ContactId,
        from: Stage,
        to: Stage,
    },
    AlreadyThere {
        id: ContactId,
        stage: Stage,
    },
    /// A timeline entry was added.
    Logged {
        id: ContactId,
        entry: i64,
    },
    Followup(i64),
    /// A follow-up was snoozed; `was` is when it was due before (a snooze counts from now,
    /// so it can bring an item due later forward).
    Snoozed {
        id: i64,
        was: chrono::DateTime<chrono::Utc>,
    },
    /// A dated follow-up was set for the contact.
    Scheduled {
        id: ContactId,
        appointment: i64,
    },
    Seeded {
        id: ContactId,
        interactions: u64,
    },
    Batch(Vec<Reply>),
    Demo {
        contacts: u64,
        interactions: u64,
    },
    Undone {
        event: i64,
        action: String,
    },
    Replanned(usize),
}

/// A command's reply and the log entry it made (none when nothing changed).
#[derive(Debug, Clone, PartialEq)]
pub struct Applied {
    pub event: Option<i64>,
    pub reply: Reply,
}

/// The state a command works in: the write transaction, and what each contact was before
/// the command touched it (the log's "before").
pub(super) struct Cx<'w, 't> {
    pub w: &'w Writer<'t>,
    pub session: &'w Session,
    pub now: DateTime<Utc>,
    before: BTreeMap<ContactId, Option<ContactState>>,
    /// The seal of each such contact's timeline, purchases and closed follow-ups before
    /// the command.
    sealed_before: BTreeMap<ContactId, Seal>,
    /// Contacts this command created already planned, with their state as written (see
    /// `seed.rs`): the log takes it as their "after" instead of reading them back.
    settled: std::collections::HashMap<ContactId, ContactState>,
    pub undoes: Option<i64>,
    /// The book's template switch time, read once per command (seeds plan thousands).
    template_since: Option<Option<DateTime<Utc>>>,
}

impl<'w, 't> Cx<'w, 't> {
    /// When the book switched to the template it follows (see `Facts::template_since`).
    pub fn template_since(&mut self) -> Result<Option<DateTime<Utc>>> {
        if let Some(v) = self.template_since {
            return Ok(v);
        }
        let v = self.w.snap().template_since()?;
        self.template_since = Some(v);
        Ok(v)
    }

    /// Reads a contact the command is about to change; its state now is the "before".
    pub fn load(&mut self, id: ContactId) -> Result<Contact> {
        let c = self.w.snap().contact(id)?.ok_or(Error::NoContact(id))?;
        // About to change again: planned and read back the plain way.
        self.settled.remove(&id);
        self.before
            .entry(id)
            .or_insert_with(|| Some(ContactState::of(&c)));
        if !self.sealed_before.contains_key(&id) {
            let seal = self.w.snap().records_seal_of(id)?;
            self.sealed_before.insert(id, seal);
        }
        Ok(c)
    }

    /// A contact the command is about to change, refused if it was merged into another.
    pub fn load_live(&mut self, id: ContactId) -> Result<Contact> {
        let c = self.load(id)?;
        if let Some(mut into) = c.merged_into {
            // Merged on since (2 into 1, then 1 into 3): point at the contact that holds it
            // now. The walk is bounded: a book edited by hand could hold a loop.
            for _ in 0..64 {
                match self.w.snap().contact(into)?.and_then(|n| n.merged_into) {
                    Some(next) if next != id => into = next,
                    _ => break,
                }
            }
            return Err(Error::MergedAway {
                id,
                name: c.name,
                into,
            });
        }
        Ok(c)
    }

    /// [`Cx::load_live`] of a contact the rep works on (a touch, a move, a win…): refused
    /// while it is archived, where nothing would plan its follow-ups or show it.
    pub fn load_active(&mut self, id: ContactId) -> Result<Contact> {
        let c = self.load_live(id)?;
        if c.archived {
            return Err(Error::Archived { id, name: c.name });
        }
        Ok(c)
    }

    /// A contact the command created (it had no "before").
    pub fn created(&mut self, id: ContactId) {
        self.before.entry(id).or_insert(None);
        self.sealed_before.entry(id).or_default();
    }

    /// A contact created and planned by this command, in the state it was written with.
    pub fn settle(&mut self, id: ContactId, state: ContactState) {
        self.settled.insert(id, state);
    }
}

impl Book {
    /// Runs one command through the pipeline.
    pub fn execute(&mut self, cmd: Command) -> Result<Applied> {
        if let Some(id) = self.template_stood_in_for()
            && !matches!(cmd, Command::UseTemplate { .. })
        {
            return Err(Error::TemplateUnreadable { id: id.to_string() });
        }
        self.daily_backup();
        // Planned with another template than the book's now (switched elsewhere since this
        // book was opened): the change would re-plan its contacts with the old one.
        let stamp = (!matches!(cmd, Command::UseTemplate { .. } | Command::Replan))
            .then(|| self.stamp().to_string());
        let session = &self.session;
        self.store.write(|w| {
            if let Some(stamp) = &stamp
                && w.snap()
                    .setting(PLANNED_WITH)?
                    .is_some_and(|planned| planned != *stamp)
            {
                return Err(Error::TemplateChangedElsewhere);
            }
            let now = session.now();
            let mut cx = Cx {
                w,
                session,
                now,
                before: BTreeMap::new(),
                sealed_before: BTreeMap::new(),
                settled: Default::default(),
                undoes: None,
                template_since: None,
            };
            // What the log says of the command, taken before the command is used up.
            let said = Said::of(&cmd);
            let reply = super::apply::apply_owned(&mut cx, cmd)?;
            // Re-planning reads by the indexes a bulk load set aside.
            w.restore_indexes()?;
            let event = finish(&mut cx, said)?;
            if event.is_some()
                && let Some(day) = today(session)
            {
                w.set_internal_setting(LAST_BACKUP_DAY, &day)?;
            }
            // Whose days the figures count in: the rep's, as of this write.
            if event.is_some() {
                let offset = session
                    .clock
                    .local(now)
                    .offset()
                    .local_minus_utc()
                    .to_string();
                if w.snap().setting(REP_UTC_OFFSET)?.as_deref() != Some(offset.as_str()) {
                    w.set_internal_setting(REP_UTC_OFFSET, &offset)?;
                }
            }
            Ok(Applied { event, reply })
        })
    }

    /// The first write of each day first copies the book into the backups folder.
    /// A backup that fails must not stop the rep's work: the write goes on.
    fn daily_backup(&mut self) {
        let Some(policy) = self.session.backups.clone() else {
            return;
        };
        let Some(day) = today(&self.session) else {
            return;
        };
        let snap = self.store.snap();
        let done = snap.setting(LAST_BACKUP_DAY).ok().flatten();
        if done.as_deref() == Some(day.as_str()) || snap.count_contacts().unwrap_or(0) == 0 {
            return;
        }
        let to = crate::store::backup_file(&policy.dir, self.store.path(), "daily");
        if let Some(beside) = &mut self.backup_beside {
            beside.start(self.store.path(), to, policy);
        } else if self.store.backup_to(&to).is_ok() {
            crate::store::prune_backups(&policy.dir, self.store.path(), policy.keep);
        }
    }
}

fn today(session: &Session) -> Option<String> {
    session.backups.as_ref()?;
    Some(
        session
            .clock
            .local(session.now())
            .format("%Y-%m-%d")
            .to_string(),
    )
}

/// What the log records of a command besides its effects.
struct Said {
    command: serde_json::Value,
    action: String,
    contact: Option<ContactId>,
    /// A command logged even when it changed nothing (a re-plan, a template switch).
    always: bool,
}

impl Said {
    fn of(cmd: &Command) -> Said {
        Said {
            command: cmd.describe(),
            action: cmd.action(),
            contact: cmd.contact(),
            always: matches!(cmd, Command::Replan | Command::UseTemplate { .. }),
        }
    }
}

/// Settings key: the book's seal after the latest entry (see [`seal_records`]).
pub(super) const RECORDS_SEAL: &str = "records_seal";

/// The book's seal before and after this write, from the rows of the contacts it touched
/// (`before` and `after`, the seals of those rows): the book's seal after the last entry,
/// with theirs replaced. A book no entry has sealed yet (or whose kept seal cannot be read)
/// is sealed whole, once. A kept seal changed behind the app makes this entry start where
/// the last one did not end, which `verify` reports.
fn seal_records(w: &crate::store::Writer<'_>, before: Seal, after: Seal) -> Result<SealChange> {
    let snap = w.snap();
    let was = match snap
        .setting(RECORDS_SEAL)?
        .as_deref()
        .and_then(Seal::from_setting)
    {
        Some(kept) => kept,
        None => snap.records_seal()?.replaced(after, before),
    };
    let now = was.replaced(before, after);
    w.set_internal_setting(RECORDS_SEAL, &now.to_setting())?;
    Ok(SealChange {
        before: was,
        after: now,
    })
}

/// Re-plans every contact the command touched and appends its log entry. Returns the
/// entry's id, or `None` when the command changed nothing.
fn finish(cx: &mut Cx, said: Said) -> Result<Option<i64>> {
    let w = cx.w;
    let touched = w.changed_contacts();
    let mut journal = w.take_journal();
    let stage_log = w.stage_changes();
    if touched.is_empty() && journal.is_empty() && !said.always {
        return Ok(None);
    }
    let mut stages: BTreeMap<ContactId, (Vec<StageRow>, Vec<StageRow>)> = BTreeMap::new();
    for (id, row, added) in stage_log {
        let e = stages.entry(id).or_default();
        if added { e.0.push(row) } else { e.1.push(row) }
    }
    let mut contacts = Vec::new();
    let (mut sealed_before, mut sealed_after) = (Seal::default(), Seal::default());
    for id in touched {
        // Every change goes through `load` or `created` first: a contact changed behind
        // the pipeline's back would be missing from the log.
        let Some(before) = cx.before.get(&id).cloned() else {
            return Err(Error::other(anyhow::anyhow!(
                "contact {id} was changed without being read first"
            )));
        };
        let after = match cx.settled.remove(&id) {
            Some(state) => Some(state),
            None => {
                replan(cx, id)?;
                w.snap().contact(id)?.map(|c| ContactState::of(&c))
            }
        };
        sealed_before = sealed_before.plus(cx.sealed_before.get(&id).copied().unwrap_or_default());
        sealed_after = sealed_after.plus(w.snap().records_seal_of(id)?);
        let (added, removed) = stages.remove(&id).unwrap_or_default();
        if before != after || !added.is_empty() || !removed.is_empty() {
            contacts.push(ContactChange {
                id,
                before,
                after,
                stages_added: added,
                stages_removed: removed,
            });
        }
    }
    // What re-planning itself journals (a snooze it replaced), for an undo to put back.
    journal.extend(w.take_journal());
    let records = seal_records(w, sealed_before, sealed_after)?;
    let detail = EventDetail {
        command: said.command,
        contacts,
        effects: journal,
        genesis: None,
        records: Some(records),
    };
    let text = serde_json::to_string(&detail).map_err(Error::other)?;
    let id = w.append_event(
        cx.now,
        &cx.session.actor,
        &said.action,
        said.contact,
        cx.undoes,
        &text,
    )?;
    Ok(Some(id))
}
