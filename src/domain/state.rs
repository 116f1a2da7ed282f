//! What the activity log records of a contact: its state before and after each change, and
//! the stage-history rows a change added or removed. Folding the log from the start
//! rebuilds every contact — which is how `verify` checks a book against its log.

use super::{Contact, ContactId, Grade, Outcome, Stage};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Everything a rep can set on a contact, as the log keeps it. Derived values (last touch,
/// next follow-up, update times) are left out: they follow from the rest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactState {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub honorific: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wechat: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub company: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub need: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub birthday: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub anniversary: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grade: Option<Grade>,
    pub stage: Stage,
    pub outcome: Outcome,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lost_reason: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub archived: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub merged_into: Option<ContactId>,
    /// `group/tag`, sorted.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// Unix seconds.
    pub created_at: i64,
}

impl ContactState {
    pub fn of(c: &Contact) -> ContactState {
        let mut tags: Vec<String> = c.tags.iter().map(|t| t.to_string()).collect();
        tags.sort();
        tags.dedup();
        ContactState {
            name: c.name.clone(),
            honorific: c.honorific.clone(),
            phone: c.phone.clone(),
            wechat: c.wechat.clone(),
            company: c.company.clone(),
            source: c.source.clone(),
            need: c.need.clone(),
            budget: c.budget.clone(),
            email: c.email.clone(),
            birthday: c.birthday,
            anniversary: c.anniversary,
            grade: c.grade,
            stage: c.stage,
            outcome: c.outcome,
            lost_reason: c.lost_reason.clone(),
            notes: c.notes.clone(),
            owner: c.owner.clone(),
            archived: c.archived,
            merged_into: c.merged_into,
            tags,
            created_at: c.created_at.timestamp(),
        }
    }

    /// Whether this is `c`'s state (`ContactState::of(c) == *self`), without copying the
    /// contact's text: `verify` asks it of every contact of the book.
    pub fn matches(&self, c: &Contact) -> bool {
        let same_tags = || {
            if self.tags.len() != c.tags.len() {
                // `of` drops duplicates; a contact's tags have none, but be exact.
                return ContactState::of(c).tags == self.tags;
            }
            let mut tags: Vec<String> = c.tags.iter().map(|t| t.to_string()).collect();
            tags.sort();
            tags.dedup();
            tags == self.tags
        };
        self.name == c.name
            && self.honorific == c.honorific
            && self.phone == c.phone
            && self.wechat == c.wechat
            && self.company == c.company
            && self.source == c.source
            && self.need == c.need
            && self.budget == c.budget
            && self.email == c.email
            && self.birthday == c.birthday
            && self.anniversary == c.anniversary
            && self.grade == c.grade
            && self.stage == c.stage
            && self.outcome == c.outcome
            && self.lost_reason == c.lost_reason
            && self.notes == c.notes
            && self.owner == c.owner
            && self.archived == c.archived
            && self.merged_into == c.merged_into
            && self.created_at == c.created_at.timestamp()
            && (self.tags.is_empty() && c.tags.is_empty() || same_tags())
    }

    /// The fields that differ between two states, by their JSON names, for messages
    /// ("phone: 138… → 139…").
    pub fn differences(&self, other: &ContactState) -> Vec<(String, String, String)> {
        let (a, b) = (to_map(self), to_map(other));
        let mut keys: Vec<&String> = a.keys().chain(b.keys()).collect();
        keys.sort();
        keys.dedup();
        keys.into_iter()
            .filter(|k| a.get(*k) != b.get(*k))
            .map(|k| {
                let show = |m: &BTreeMap<String, serde_json::Value>| {
                    m.get(k).map_or_else(|| "—".to_string(), plain)
                };
                (k.clone(), show(&a), show(&b))
            })
            .collect()
    }
}

fn to_map(s: &ContactState) -> BTreeMap<String, serde_json::Value> {
    match serde_json::to_value(s) {
        Ok(serde_json::Value::Object(m)) => m.into_iter().collect(),
        _ => BTreeMap::new(),
    }
}

fn plain(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// One row of a contact's stage history: when it entered `to`, and from where.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct StageRow {
    /// Unix seconds.
    pub at: i64,
    pub from: Option<Stage>,
    pub to: Stage,
}

impl StageRow {
    pub fn new(at: DateTime<Utc>, from: Option<Stage>, to: Stage) -> StageRow {
        StageRow {
            at: at.timestamp(),
            from,
            to,
        }
    }
}

/// How one change left one contact. `S` is the contact's state as the log writes it, or
/// what a check keeps of it (see `state_digest`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactChange<S = ContactState> {
    pub id: ContactId,
    /// None: the change created the contact.
    pub before: Option<S>,
    /// None: the change removed the contact (only an undone add does).
    pub after: Option<S>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stages_added: Vec<StageRow>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stages_removed: Vec<StageRow>,
}

/// Contacts and their stage histories as the log says they are.
#[derive(Debug, Clone, PartialEq)]
pub struct Folded<S = ContactState> {
    pub contacts: BTreeMap<ContactId, S>,
    pub stages: BTreeMap<ContactId, Vec<StageRow>>,
}

impl<S> Default for Folded<S> {
    fn default() -> Self {
        Folded {
            contacts: BTreeMap::new(),
            stages: BTreeMap::new(),
        }
    }
}

/// Where folding found the log contradicting itself.
#[derive(Debug, Clone, PartialEq)]
pub struct FoldConflict<S = ContactState> {
    pub contact: ContactId,
    /// What the log had for the contact before this change, and what the change says.
    pub expected: Option<S>,
    pub found: Option<S>,
}

impl<S: Clone + PartialEq> Folded<S> {
    /// A snapshot of the whole book (the log's first entry for books made before it).
    pub fn start_from(&mut self, contacts: &[(ContactId, S, Vec<StageRow>)]) {
        self.contacts.clear();
        self.stages.clear();
        for (id, state, rows) in contacts {
            self.contacts.insert(*id, state.clone());
            self.stages.insert(*id, rows.clone());
        }
    }

    /// Applies one change; a `before` that does not match what the log said so far is a
    /// conflict (the change is applied anyway, so later ones can still be checked).
    pub fn apply(&mut self, ch: ContactChange<S>) -> Result<(), Box<FoldConflict<S>>> {
        // Taken by value: a log of 100,000 contacts moves its states in, never copies them.
        let ContactChange {
            id,
            before,
            after,
            stages_added,
            stages_removed,
        } = ch;
        let current = self.contacts.get(&id);
        let conflict = (current != before.as_ref()).then(|| FoldConflict {
            contact: id,
            expected: current.cloned(),
            found: before,
        });
        match after {
            Some(s) => {
                self.contacts.insert(id, s);
                let rows = self.stages.entry(id).or_default();
                for r in &stages_removed {
                    if let Some(i) = rows.iter().rposition(|x| x == r) {
                        rows.remove(i);
                    }
                }
                rows.extend(stages_added);
            }
            None => {
                self.contacts.remove(&id);
                self.stages.remove(&id);
            }
        }
        conflict.map_or(Ok(()), |c| Err(Box::new(c)))
    }
}

/// A contact as a book made before the log was chained held it: where folding starts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GenesisContact<S = ContactState> {
    pub id: ContactId,
    pub state: S,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stages: Vec<StageRow>,
}

/// What else a change did that undoing it must reverse (the contacts' own fields are in
/// their before/after states).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Effect {
    /// A timeline entry was added.
    Interaction { id: i64, contact: ContactId },
    /// A purchase was recorded.
    Purchase { id: i64, contact: ContactId },
    /// A dated follow-up was set.
    Appointment { id: i64, contact: ContactId },
    /// An open follow-up was closed as done or skipped.
    FollowupClosed { id: i64, status: String },
    /// An open follow-up was moved to another time.
    FollowupSnoozed {
        id: i64,
        due_before: i64,
        snoozed_before: bool,
        /// The missed deadline it kept from an earlier snooze (`followups.overdue_at`);
        /// absent from entries written before it was kept.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        overdue_before: Option<i64>,
    },
    /// A closed follow-up was opened again (by an undo).
    FollowupReopened {
        id: i64,
        status_before: String,
        closed_at_before: Option<i64>,
        note_before: Option<String>,
    },
    /// A book setting changed (the template it follows).
    Setting {
        key: String,
        before: Option<String>,
        after: Option<String>,
    },
    /// Rows of a table moved from one contact to another (a merge).
    Moved {
        table: String,
        ids: Vec<i64>,
        from: ContactId,
        to: ContactId,
    },
    /// A timeline entry or purchase taken out by an undo, kept here whole.
    Removed {
        table: String,
        row: serde_json::Value,
    },
}

/// The typed content of a log entry.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct EventDetail {
    /// What was asked.
    #[serde(default)]
    pub command: serde_json::Value,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contacts: Vec<ContactChange>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub effects: Vec<Effect>,
    /// Only in the entry that starts the chain of an older book.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub genesis: Option<Vec<GenesisContact>>,
    /// The book's timeline, purchases and closed follow-ups before and after the entry
    /// (entries written before salesbook sealed them have none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub records: Option<super::records_seal::SealChange>,
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::domain::fixtures::state;

    #[test]
    fn a_state_matches_exactly_the_contact_it_was_taken_of() {
        let at = chrono::DateTime::from_timestamp(1_700_000_000, 0).unwrap();
        let mut c = Contact::blank(1, "张三", at);
        c.phone = Some("13800001111".into());
        c.grade = Some(Grade::B);
        c.stage = Stage::Pitch;
        // Tuple order and text order differ here ("a b/x" sorts before "a/y").
        c.tags = vec!["a/y".parse().unwrap(), "a b/x".parse().unwrap()];
        let state = ContactState::of(&c);
        assert!(state.matches(&c));
        c.tags.reverse();
        assert!(state.matches(&c));
        // Derived values are not part of the state.
        c.last_touch_at = Some(at);
        assert!(state.matches(&c));
        let changes: [fn(&mut Contact); 6] = [
            |c| c.name.push('丰'),
            |c| c.phone = None,
            |c| c.grade = Some(Grade::A),
            |c| {
                c.tags.pop();
            },
            |c| c.archived = true,
            |c| c.created_at += chrono::TimeDelta::seconds(1),
        ];
        for change in changes {
            let mut other = c.clone();
            change(&mut other);
            assert_eq!(state.matches(&other), ContactState::of(&other) == state);
            assert!(!state.matches(&other));
        }
    }

    #[test]
    fn folding_rebuilds_states_and_catches_contradictions() {
        let mut f = Folded::default();
        let a = state("张三", Stage::Discover);
        let b = state("张三", Stage::Pitch);
        f.apply(ContactChange {
            id: 1,
            before: None,
            after: Some(a.clone()),
            stages_added: vec![StageRow {
                at: 0,
                from: None,
                to: Stage::Discover,
            }],
            stages_removed: vec![],
        })
        .unwrap();
        let moved = ContactChange {
            id: 1,
            before: Some(a.clone()),
            after: Some(b.clone()),
            stages_added: vec![StageRow {
                at: 5,
                from: Some(Stage::Discover),
                to: Stage::Pitch,
            }],
            stages_removed: vec![],
        };
        f.apply(moved.clone()).unwrap();
        assert_eq!(f.contacts[&1], b);
        assert_eq!(f.stages[&1].len(), 2);
        // The same move again: the log said pitch, the change claims discover.
        let err = f.apply(moved).unwrap_err();
        assert_eq!(err.expected, Some(b.clone()));
        assert_eq!(err.found, Some(a.clone()));
        let diff = a.differences(&b);
        assert_eq!(
            diff,
            vec![("stage".into(), "discover".into(), "pitch".into())]
        );
    }

    #[test]
    fn a_state_and_a_contact_match_only_if_both_or_neither_have_tags() {
        let mut c = crate::domain::fixtures::blank_contact(chrono::DateTime::UNIX_EPOCH);
        c.tags = vec!["a/y".parse().unwrap()];
        let tagged = ContactState::of(&c);
        let untagged = ContactState {
            tags: vec![],
            ..tagged.clone()
        };
        assert_eq!(tagged.tags, vec!["a/y".to_string()]);
        assert!(tagged.matches(&c));
        assert!(!untagged.matches(&c));
        c.tags.clear();
        assert!(untagged.matches(&c));
        assert!(!tagged.matches(&c));
    }

    #[test]
    fn a_change_removes_exactly_its_stage_rows_and_an_undone_add_drops_the_contact() {
        let row = |at, from, to| StageRow { at, from, to };
        let (first, pitched) = (
            row(0, None, Stage::Discover),
            row(5, Some(Stage::Discover), Stage::Pitch),
        );
        let (a, b) = (state("张三", Stage::Discover), state("张三", Stage::Pitch));
        let mut f = Folded::default();
        f.start_from(&[
            (1, b.clone(), vec![first.clone(), pitched.clone()]),
            (2, a.clone(), vec![first.clone()]),
        ]);
        // Undoing the move to pitch takes out its row, not the one before it.
        f.apply(ContactChange {
            id: 1,
            before: Some(b.clone()),
            after: Some(a.clone()),
            stages_added: vec![],
            stages_removed: vec![pitched.clone()],
        })
        .unwrap();
        assert_eq!(f.stages[&1], vec![first.clone()]);
        // A row the history does not hold removes nothing; added rows go last.
        f.apply(ContactChange {
            id: 1,
            before: Some(a.clone()),
            after: Some(b.clone()),
            stages_added: vec![pitched.clone()],
            stages_removed: vec![row(9, None, Stage::Close)],
        })
        .unwrap();
        assert_eq!(f.stages[&1], vec![first.clone(), pitched]);
        assert_eq!(f.contacts[&1], b);
        // An undone add forgets the contact and its history; the other one stays.
        f.apply(ContactChange {
            id: 2,
            before: Some(a.clone()),
            after: None,
            stages_added: vec![],
            stages_removed: vec![],
        })
        .unwrap();
        assert_eq!(f.contacts.keys().collect::<Vec<_>>(), vec![&1]);
        assert_eq!(f.stages.keys().collect::<Vec<_>>(), vec![&1]);
        // Starting again from a snapshot replaces everything folded so far.
        f.start_from(&[(3, a.clone(), vec![first.clone()])]);
        assert_eq!(f.contacts, BTreeMap::from([(3, a)]));
        assert_eq!(f.stages, BTreeMap::from([(3, vec![first])]));
    }
}
