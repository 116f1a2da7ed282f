//! What the rep did to a contact's plan, across an export and an import of the book's own
//! file: follow-ups done, skipped, replaced or snoozed, and the dates set with the customer.
//! A book's ids do not travel, so a follow-up names the purchase and the appointment it
//! belongs to by their place in the contact's lists.

use crate::domain::command::SeedFollowup;
use crate::domain::followup::{Appointment, FollowupState, Purchase};
use crate::exchange::model::{AppointmentRecord, FollowupRecord, StepRef};
use crate::store::Followup;

/// A contact's worked follow-ups and appointments as the export writes them. `purchases`
/// and `appointments` in the order the export lists them; a row pointing at neither (none
/// should) is left out.
pub(super) fn export_records(
    worked: Vec<Followup>,
    purchases: &[Purchase],
    appointments: Vec<Appointment>,
) -> (Vec<FollowupRecord>, Vec<AppointmentRecord>) {
    let mut followups = Vec::with_capacity(worked.len());
    for f in worked {
        let state = match f.status.as_str() {
            "open" => FollowupState::Snoozed,
            "done" => FollowupState::Done,
            "skipped" => FollowupState::Skipped,
            _ => FollowupState::Superseded,
        };
        let step = if f.track.steps_are_appointments() {
            match appointments.iter().position(|a| a.id == i64::from(f.step)) {
                Some(k) => StepRef::Appointment(k),
                None => continue,
            }
        } else {
            StepRef::Step(f.step)
        };
        let purchase = match f.purchase_id {
            Some(id) => match purchases.iter().position(|p| p.id == id) {
                Some(k) => Some(k),
                None => continue,
            },
            None => None,
        };
        followups.push(FollowupRecord {
            due: f.due,
            state,
            track: f.track,
            step,
            purchase,
            closed_at: f.closed_at.filter(|_| state != FollowupState::Snoozed),
            script: f.script,
            action: f.action,
            note: f.note,
            overdue: f.overdue_at,
        });
    }
    let appointments = appointments
        .into_iter()
        .map(|a| AppointmentRecord {
            at: a.at,
            kind: a.kind,
            remind: a.remind,
            created_at: a.created_at,
            note: a.note,
        })
        .collect();
    (followups, appointments)
}

/// A file's worked follow-ups and appointments as a seed carries them (appointments keep
/// their place as id until the book gives them one). A follow-up pointing past the
/// contact's purchases (`purchases` of them) or appointments is left out: the plan makes
/// that step again.
pub(super) fn seed_records(
    followups: &[FollowupRecord],
    appointments: &[AppointmentRecord],
    purchases: usize,
) -> (Vec<SeedFollowup>, Vec<Appointment>) {
    let worked = followups
        .iter()
        .filter_map(|f| {
            let step = match f.step {
                StepRef::Appointment(k) if k < appointments.len() => u32::try_from(k).ok()?,
                StepRef::Appointment(_) => return None,
                StepRef::Step(n) => n,
            };
            if f.purchase.is_some_and(|k| k >= purchases) {
                return None;
            }
            Some(SeedFollowup {
                track: f.track,
                step,
                purchase: f.purchase,
                due: f.due,
                state: f.state,
                closed_at: f.closed_at,
                action: f.action.clone(),
                script: f.script.clone(),
                note: f.note.clone(),
                overdue: f.overdue,
            })
        })
        .collect();
    let appointments = appointments
        .iter()
        .enumerate()
        .map(|(k, a)| Appointment {
            id: k as i64,
            at: a.at,
            note: a.note.clone(),
            kind: a.kind.clone(),
            remind: a.remind,
            created_at: a.created_at,
        })
        .collect();
    (worked, appointments)
}
