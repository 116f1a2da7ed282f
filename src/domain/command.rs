//! Every change to a book is one of these values. One pipeline runs them all (see
//! `service::pipeline`): that is what makes the activity log, undo, bulk edits and imports
//! one mechanism.

use super::followup::{Appointment, FollowupState, Track};
use super::{
    Channel, ContactId, ContactPatch, Grade, Interaction, NewContact, Outcome, Stage, TagRef,
};
use chrono::{DateTime, Utc};
use serde_json::{Value, json};

#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    Add(NewContact),
    Edit {
        id: ContactId,
        patch: ContactPatch,
    },
    Tag {
        id: ContactId,
        add: Vec<TagRef>,
        remove: Vec<TagRef>,
    },
    Grade {
        id: ContactId,
        grade: Option<Grade>,
    },
    Move {
        id: ContactId,
        to: Stage,
    },
    Won {
        id: ContactId,
        amount_cents: Option<i64>,
        product: Option<String>,
    },
    Lost {
        id: ContactId,
        reason: String,
    },
    Reopen {
        id: ContactId,
    },
    /// A touch on a channel, a plain note (no channel), or the customer's own message.
    Log {
        id: ContactId,
        text: String,
        channel: Option<Channel>,
        inbound: bool,
    },
    ScriptSent {
        id: ContactId,
        script_id: String,
        title: String,
    },
    Archive {
        id: ContactId,
    },
    Unarchive {
        id: ContactId,
    },
    Done {
        followup: i64,
        note: Option<String>,
    },
    Snooze {
        followup: i64,
        until: DateTime<Utc>,
    },
    Skip {
        followup: i64,
        reason: String,
    },
    /// A follow-up on a date the rep set with the customer (a call next Tuesday, 面诊,
    /// 试听): it takes the cadence's place that day; `remind` plans a reminder to the
    /// customer the day before.
    FollowupAdd {
        id: ContactId,
        at: DateTime<Utc>,
        note: Option<String>,
        /// One of the template's appointment kinds.
        kind: Option<String>,
        remind: bool,
    },
    /// `other` joins `keep`: its empty fields filled, tags, timeline and purchases moved;
    /// `other` is archived and remembers where it went.
    Merge {
        keep: ContactId,
        other: ContactId,
    },
    /// The book follows another SOP template (every plan is made again).
    UseTemplate {
        id: String,
        /// Groups the previous template kept up to date itself and the new one does not
        /// have: their tags would go stale, so they are taken off.
        retired_groups: Vec<String>,
    },
    /// Plans made again with the book's template (it changed since they were made).
    Replan,
    /// A contact with its past, as demo data brings it.
    Seed(Box<SeedContact>),
    /// A generated demo book (made as it is applied, so even 100,000 contacts never sit in
    /// memory at once).
    Demo {
        contacts: u64,
        interactions: u64,
        seed: u64,
        /// Into a book that already has contacts.
        force: bool,
    },
    /// Many commands as one change: one transaction, one log entry, one undo.
    Batch {
        kind: BatchKind,
        commands: Vec<Command>,
    },
    /// Reverses the change the log holds as entry `event`.
    Undo {
        event: i64,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BatchKind {
    Demo,
    Import,
    Bulk,
}

impl BatchKind {
    pub fn key(self) -> &'static str {
        match self {
            BatchKind::Demo => "demo",
            BatchKind::Import => "import",
            BatchKind::Bulk => "bulk",
        }
    }
}

/// A contact with its whole past, as it should land in the book.
#[derive(Debug, Clone, PartialEq)]
pub struct SeedContact {
    pub contact: NewContact,
    pub stage: Stage,
    pub outcome: Outcome,
    pub lost_reason: Option<String>,
    pub created_at: DateTime<Utc>,
    pub archived: bool,
    /// Timeline entries; `contact_id` is filled in on insert.
    pub history: Vec<Interaction>,
    /// Purchases: (time, product, amount in cents).
    pub purchases: Vec<(DateTime<Utc>, Option<String>, Option<i64>)>,
    /// Who it belongs to, when not the rep writing (a book's own export read back).
    pub owner: Option<String>,
    /// When it last changed and was last touched, when a file says so (else derived from
    /// `history`).
    pub updated_at: Option<DateTime<Utc>>,
    pub last_touch_at: Option<DateTime<Utc>>,
    /// What the rep did to the plan before (a book's own export read back): follow-ups
    /// done, skipped, replaced or snoozed, and the dates set with the customer (their `id`
    /// is their place in this list).
    pub worked: Vec<SeedFollowup>,
    pub appointments: Vec<Appointment>,
}

/// A follow-up a seeded contact's rep already worked on.
#[derive(Debug, Clone, PartialEq)]
pub struct SeedFollowup {
    pub track: Track,
    /// The cadence's step; on the appointment tracks, the place in
    /// [`SeedContact::appointments`].
    pub step: u32,
    /// The place in [`SeedContact::purchases`] of the purchase it follows.
    pub purchase: Option<usize>,
    pub due: DateTime<Utc>,
    pub state: FollowupState,
    pub closed_at: Option<DateTime<Utc>>,
    pub action: String,
    pub script: Option<String>,
    pub note: Option<String>,
    /// The deadline it had already missed when it was snoozed.
    pub overdue: Option<DateTime<Utc>>,
}

impl Command {
    /// The log's name for the change.
    pub fn action(&self) -> String {
        match self {
            Command::Add(_) => "contact.add".into(),
            Command::Edit { .. } => "contact.edit".into(),
            Command::Tag { .. } => "contact.tag".into(),
            Command::Grade { .. } => "contact.grade".into(),
            Command::Move { .. } => "contact.move".into(),
            Command::Won { .. } => "contact.won".into(),
            Command::Lost { .. } => "contact.lost".into(),
            Command::Reopen { .. } => "contact.reopen".into(),
            Command::Log { inbound: true, .. } => "interaction.inbound".into(),
            Command::Log { .. } => "interaction.log".into(),
            Command::ScriptSent { .. } => "interaction.script_sent".into(),
            Command::Archive { .. } => "contact.archive".into(),
            Command::Unarchive { .. } => "contact.unarchive".into(),
            Command::Done { .. } => "followup.done".into(),
            Command::Snooze { .. } => "followup.snooze".into(),
            Command::Skip { .. } => "followup.skip".into(),
            Command::FollowupAdd { .. } => "followup.add".into(),
            Command::Merge { .. } => "contact.merge".into(),
            Command::UseTemplate { .. } => "template.use".into(),
            Command::Replan => "followups.replan".into(),
            Command::Seed(_) => "contact.seed".into(),
            Command::Demo { .. } => "demo.fill".into(),
            Command::Batch { kind, .. } => format!("batch.{}", kind.key()),
            Command::Undo { .. } => "undo".into(),
        }
    }

    /// The contact the change is about, when it is about one.
    pub fn contact(&self) -> Option<ContactId> {
        match self {
            Command::Edit { id, .. }
            | Command::Tag { id, .. }
            | Command::Grade { id, .. }
            | Command::Move { id, .. }
            | Command::Won { id, .. }
            | Command::Lost { id, .. }
            | Command::Reopen { id }
            | Command::Log { id, .. }
            | Command::ScriptSent { id, .. }
            | Command::Archive { id }
            | Command::Unarchive { id }
            | Command::FollowupAdd { id, .. } => Some(*id),
            Command::Merge { keep, .. } => Some(*keep),
            _ => None,
        }
    }

    /// What was asked, as the log records it (a batch records its size, not its items: the
    /// contacts it changed are in the entry anyway).
    pub fn describe(&self) -> Value {
        match self {
            Command::Add(c) => json!({ "name": c.name }),
            Command::Edit { id, .. } => json!({ "id": id }),
            Command::Tag { id, add, remove } => json!({
                "id": id,
                "add": add.iter().map(|t| t.to_string()).collect::<Vec<_>>(),
                "remove": remove.iter().map(|t| t.to_string()).collect::<Vec<_>>(),
            }),
            Command::Grade { id, grade } => json!({ "id": id, "grade": grade.map(|g| g.key()) }),
            Command::Move { id, to } => json!({ "id": id, "to": to.key() }),
            Command::Won {
                id,
                amount_cents,
                product,
            } => json!({ "id": id, "amount_cents": amount_cents, "product": product }),
            Command::Lost { id, reason } => json!({ "id": id, "reason": reason }),
            Command::Reopen { id } | Command::Archive { id } | Command::Unarchive { id } => {
                json!({ "id": id })
            }
            Command::Log {
                id,
                channel,
                inbound,
                ..
            } => json!({ "id": id, "channel": channel.map(|c| c.key()), "inbound": inbound }),
            Command::ScriptSent { id, script_id, .. } => json!({ "id": id, "script": script_id }),
            Command::Done { followup, note } => json!({ "followup": followup, "note": note }),
            Command::Snooze { followup, until } => {
                json!({ "followup": followup, "until": until.to_rfc3339() })
            }
            Command::Skip { followup, reason } => {
                json!({ "followup": followup, "reason": reason })
            }
            Command::FollowupAdd {
                id,
                at,
                kind,
                remind,
                ..
            } => json!({ "id": id, "at": at.to_rfc3339(), "kind": kind, "remind": remind }),
            Command::Merge { keep, other } => json!({ "keep": keep, "other": other }),
            Command::UseTemplate { id, .. } => json!({ "template": id }),
            Command::Replan => json!({}),
            Command::Seed(s) => json!({ "name": s.contact.name }),
            Command::Demo {
                contacts,
                interactions,
                seed,
                ..
            } => json!({ "contacts": contacts, "interactions": interactions, "seed": seed }),
            Command::Batch { kind, commands } => {
                json!({ "batch": kind.key(), "commands": commands.len() })
            }
            Command::Undo { event } => json!({ "event": event }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_log_names_each_change() {
        let actions: Vec<_> = [
            Command::Reopen { id: 3 },
            Command::Log {
                id: 3,
                text: "在吗".into(),
                channel: None,
                inbound: true,
            },
            Command::Log {
                id: 3,
                text: "聊过".into(),
                channel: Some(Channel::Phone),
                inbound: false,
            },
            Command::Merge { keep: 3, other: 4 },
            Command::Replan,
            Command::Batch {
                kind: BatchKind::Import,
                commands: Vec::new(),
            },
            Command::Batch {
                kind: BatchKind::Bulk,
                commands: Vec::new(),
            },
            Command::Batch {
                kind: BatchKind::Demo,
                commands: Vec::new(),
            },
        ]
        .iter()
        .map(Command::action)
        .collect();
        assert_eq!(
            actions,
            [
                "contact.reopen",
                "interaction.inbound",
                "interaction.log",
                "contact.merge",
                "followups.replan",
                "batch.import",
                "batch.bulk",
                "batch.demo",
            ]
        );
    }

    #[test]
    fn a_change_is_about_its_contact_or_the_one_kept_in_a_merge() {
        let edit = Command::Edit {
            id: 7,
            patch: ContactPatch::default(),
        };
        assert_eq!(edit.contact(), Some(7));
        assert_eq!(Command::Unarchive { id: 8 }.contact(), Some(8));
        assert_eq!(Command::Merge { keep: 3, other: 4 }.contact(), Some(3));
        assert_eq!(
            Command::Done {
                followup: 5,
                note: None
            }
            .contact(),
            None
        );
        assert_eq!(Command::Replan.contact(), None);
    }

    #[test]
    fn the_log_records_what_was_asked() {
        let tag = Command::Tag {
            id: 2,
            add: vec!["意向/近期购买".parse().unwrap()],
            remove: Vec::new(),
        };
        assert_eq!(
            tag.describe(),
            json!({ "id": 2, "add": ["意向/近期购买"], "remove": [] })
        );
        let batch = Command::Batch {
            kind: BatchKind::Bulk,
            commands: vec![Command::Reopen { id: 1 }, Command::Reopen { id: 2 }],
        };
        assert_eq!(batch.describe(), json!({ "batch": "bulk", "commands": 2 }));
    }
}
