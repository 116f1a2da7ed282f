//! Dated follow-ups the rep set with the customer (a call next Tuesday, 面诊, 试听): the
//! appointment itself, a reminder to the customer before it, and afterwards a check-in —
//! or, when it did not happen (skipped), rescheduling.

use super::followup::{Facts, Planned, Track};
use super::sop::Template;
use chrono::{FixedOffset, TimeDelta};

pub fn plan(t: &Template, f: &Facts, offset: FixedOffset) -> Vec<Planned> {
    let mut out = Vec::new();
    for a in f.appointments {
        let Ok(step) = u32::try_from(a.id) else {
            continue;
        };
        let kind = a.kind.as_deref().and_then(|k| t.appointment(k));
        let name = kind.map(|k| k.name.as_str());
        let when = a.at.with_timezone(&offset).format("%m-%d %H:%M");
        match f.closed_on(Track::Appointment, step, None) {
            None => {
                let action = match (name, a.note.as_deref()) {
                    (Some(n), Some(note)) => format!("{n}：{note}"),
                    (Some(n), None) => n.to_string(),
                    (None, Some(note)) => note.to_string(),
                    (None, None) => Track::Appointment.zh().to_string(),
                };
                out.push(Planned::new(Track::Appointment, step, a.at, action));
                let before = kind
                    .and_then(|k| k.remind)
                    .or(a.remind.then(|| TimeDelta::days(1)));
                if let Some(before) = before
                    && a.at - before > a.created_at
                    && f.closed_on(Track::Reminder, step, None).is_none()
                {
                    let mut r = Planned::new(
                        Track::Reminder,
                        step,
                        a.at - before,
                        format!(
                            "{}：{} {when}",
                            Track::Reminder.zh(),
                            name.unwrap_or(Track::Appointment.zh())
                        ),
                    );
                    r.script = kind.and_then(|k| k.reminder_script.clone());
                    // A reminder after the appointment has no point.
                    r.expires = Some(a.at);
                    out.push(r);
                }
            }
            Some(closed) => {
                let Some(k) = kind else { continue };
                if f.closed_on(Track::AfterAppointment, step, None).is_some() {
                    continue;
                }
                let (after, action, script) = if closed.skipped {
                    (
                        Some(TimeDelta::days(1)),
                        k.no_show_action.clone(),
                        k.no_show_script.clone(),
                    )
                } else {
                    (
                        k.follow_after,
                        k.follow_action.clone(),
                        k.follow_script.clone(),
                    )
                };
                if let (Some(after), Some(action)) = (after, action) {
                    let mut p =
                        Planned::new(Track::AfterAppointment, step, closed.at + after, action);
                    p.script = script;
                    out.push(p);
                }
            }
        }
    }
    out
}
