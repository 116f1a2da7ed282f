//! The daily actions on a contact, the same in every list and on the card: edit, log a
//! touch, won, lost, reopen, archive, grade, tags, a dated follow-up, stage moves. With
//! contacts marked, the ones that make sense for many (stage, grade, tags, archive) apply
//! to all of them as one change; two marked contacts can be merged into one.

use super::jobs::BulkOp;
use super::registry::Action;
use super::view::{Cx, Effect};
use super::views::{contact_form, followup_form, grade, log_form, merge, outcome_forms, tags};
use crate::domain::command::Command;
use crate::domain::{ContactId, Stage};

/// The contact an action is about, as the view knows it.
#[derive(Debug, Clone)]
pub struct Target {
    pub id: ContactId,
    pub name: String,
    pub stage: Option<Stage>,
    pub archived: bool,
}

/// The effect of a contact action on `target` (or on the marked contacts), or `None` when
/// `action` is not one.
pub fn contact_action(action: Action, target: Option<Target>, cx: &Cx) -> Option<Effect> {
    let marked: Vec<ContactId> = cx.marks.keys().copied().collect();
    let bulk = !marked.is_empty();
    let effect = match action {
        Action::StageForward | Action::StageBack if bulk => Effect::Bulk(
            marked,
            BulkOp::Step {
                forward: action == Action::StageForward,
            },
        ),
        Action::Grade if bulk => grade::GradePicker::open(marked, cx),
        Action::Tags if bulk => tags::TagPicker::open(marked, None, cx),
        Action::Archive if bulk => Effect::Bulk(marked, BulkOp::Archive),
        Action::Merge => merge(&marked, target.map(|t| t.id), cx),
        _ => {
            let t = target?;
            match action {
                Action::Edit => contact_form::ContactForm::edit(t.id, cx),
                Action::Log => log_form::LogForm::open(t.id, &t.name, cx),
                Action::Won => outcome_forms::WonForm::open(t.id, &t.name, cx),
                Action::Lost => outcome_forms::LostForm::open(t.id, &t.name, cx),
                Action::Reopen => Effect::write(Command::Reopen { id: t.id }),
                Action::Archive if t.archived => Effect::write(Command::Unarchive { id: t.id }),
                Action::Archive => Effect::write(Command::Archive { id: t.id }),
                Action::Grade => grade::GradePicker::open(vec![t.id], cx),
                Action::Tags => tags::TagPicker::open(vec![t.id], Some(&t.name), cx),
                Action::ScheduleFollowup => followup_form::FollowupForm::open(t.id, &t.name, cx),
                Action::StageForward | Action::StageBack => {
                    let stage = t.stage?;
                    let to = if action == Action::StageForward {
                        stage.next()
                    } else {
                        stage.prev()
                    };
                    match to {
                        Some(to) => Effect::write(Command::Move { id: t.id, to }),
                        None => Effect::Error(cx.t.no_further_stage.to_string()),
                    }
                }
                Action::Mark => Effect::Mark(t.id, t.name),
                _ => return None,
            }
        }
    };
    Some(effect)
}

/// Merging needs exactly two marked contacts. The one under the cursor is kept when it is
/// one of them (the rep points at the record to keep), else the older one (the lower number).
fn merge(marked: &[ContactId], at: Option<ContactId>, cx: &Cx) -> Effect {
    let &[a, b] = marked else {
        return Effect::Error(cx.t.merge_needs_two.to_string());
    };
    let (keep, other) = if at == Some(b) {
        (b, a)
    } else {
        (a.min(b), a.max(b))
    };
    // Asked once both are read: what tells two namesakes apart goes in the question.
    merge::MergeAsk::open(keep, other)
}
