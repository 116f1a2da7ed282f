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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::fixtures::{History, at, cn, default_template};
    use crate::domain::followup::{Appointment, Closed};
    use crate::domain::sop_parts::AppointmentKind;
    use chrono::{DateTime, Utc};

    /// The default template with two kinds of appointment: a 面诊 with a reminder two hours
    /// before and what to do after it, and a 电话 with nothing around it.
    fn template() -> Template {
        let mut t = default_template();
        t.appointments = vec![
            AppointmentKind {
                kind: "visit".into(),
                name: "面诊".into(),
                remind: Some(TimeDelta::hours(2)),
                reminder_script: Some("visit-reminder".into()),
                no_show_action: Some("没来成：帮客户改约".into()),
                no_show_script: Some("reschedule".into()),
                follow_after: Some(TimeDelta::days(2)),
                follow_action: Some("面诊后回访".into()),
                follow_script: Some("visit-follow".into()),
            },
            AppointmentKind {
                kind: "call".into(),
                name: "电话".into(),
                remind: None,
                reminder_script: None,
                no_show_action: None,
                no_show_script: None,
                follow_after: None,
                follow_action: None,
                follow_script: None,
            },
        ];
        t
    }

    /// Set on the 10th for 15:00 on the 20th (Beijing time), with no kind, note or reminder.
    fn appointment(id: i64) -> Appointment {
        Appointment {
            id,
            at: at("2026-11-20T15:00:00+08:00"),
            note: None,
            kind: None,
            remind: false,
            created_at: at("2026-11-10T09:00:00+08:00"),
        }
    }

    fn with(appointments: Vec<Appointment>) -> History {
        let mut h = History::new(at("2026-11-01T09:00:00+08:00"));
        h.appointments = appointments;
        h
    }

    fn planned(h: &History) -> Vec<Planned> {
        plan(&template(), &h.facts(), cn())
    }

    fn closed(track: Track, step: u32, when: DateTime<Utc>, skipped: bool) -> Closed {
        Closed {
            track,
            step,
            purchase_id: None,
            at: when,
            skipped,
        }
    }

    /// What the rep sees of an item: track, step, due, action, script.
    type Seen<'a> = (Track, u32, DateTime<Utc>, &'a str, Option<&'a str>);

    fn summary(p: &[Planned]) -> Vec<Seen<'_>> {
        p.iter()
            .map(|p| {
                (
                    p.track,
                    p.step,
                    p.due,
                    p.action.as_str(),
                    p.script.as_deref(),
                )
            })
            .collect()
    }

    #[test]
    fn a_bare_appointment_is_one_item_on_its_time() {
        let h = with(vec![appointment(7)]);
        let got = planned(&h);
        assert_eq!(
            summary(&got),
            [(
                Track::Appointment,
                7,
                at("2026-11-20T15:00:00+08:00"),
                "约定跟进",
                None
            )]
        );
        assert_eq!(got[0].expires, None);
    }

    #[test]
    fn the_action_names_the_kind_and_the_note() {
        let cases = [
            (Some("visit"), Some("带上检查报告"), "面诊：带上检查报告"),
            (Some("面诊"), None, "面诊"),
            (None, Some("聊报价"), "聊报价"),
            // A kind the template does not know is as good as none.
            (Some("massage"), None, "约定跟进"),
        ];
        for (kind, note, want) in cases {
            let mut a = appointment(1);
            a.kind = kind.map(String::from);
            a.note = note.map(String::from);
            let got = planned(&with(vec![a]));
            assert_eq!(got[0].track, Track::Appointment);
            assert_eq!(got[0].action, want, "{kind:?} {note:?}");
        }
    }

    #[test]
    fn remind_asks_for_a_reminder_the_day_before() {
        let mut a = appointment(3);
        a.remind = true;
        let got = planned(&with(vec![a]));
        assert_eq!(got.len(), 2, "{got:?}");
        let r = &got[1];
        assert_eq!(r.track, Track::Reminder);
        assert_eq!(r.step, 3);
        assert_eq!(r.due, at("2026-11-19T15:00:00+08:00"));
        assert_eq!(r.action, "提前提醒：约定跟进 11-20 15:00");
        assert_eq!(r.script, None);
        // Once the appointment has come, the reminder has no point.
        assert_eq!(r.expires, Some(at("2026-11-20T15:00:00+08:00")));
    }

    #[test]
    fn a_kind_sets_its_own_reminder() {
        let mut a = appointment(3);
        a.kind = Some("visit".into());
        a.remind = true;
        let got = planned(&with(vec![a]));
        assert_eq!(
            summary(&got),
            [
                (
                    Track::Appointment,
                    3,
                    at("2026-11-20T15:00:00+08:00"),
                    "面诊",
                    None
                ),
                (
                    Track::Reminder,
                    3,
                    at("2026-11-20T13:00:00+08:00"),
                    "提前提醒：面诊 11-20 15:00",
                    Some("visit-reminder")
                ),
            ]
        );
    }

    #[test]
    fn the_reminder_time_is_shown_in_the_reps_offset() {
        let mut a = appointment(3);
        a.remind = true;
        let utc = chrono::FixedOffset::east_opt(0).unwrap();
        let got = plan(&template(), &with(vec![a]).facts(), utc);
        assert_eq!(got[1].action, "提前提醒：约定跟进 11-20 07:00");
    }

    #[test]
    fn no_reminder_when_it_would_come_before_the_appointment_was_set() {
        let mut a = appointment(3);
        a.remind = true;
        // Set exactly a day before: the reminder's time is already here, no reminder.
        a.created_at = at("2026-11-19T15:00:00+08:00");
        assert_eq!(planned(&with(vec![a.clone()])).len(), 1);
        a.created_at = at("2026-11-20T10:00:00+08:00");
        assert_eq!(planned(&with(vec![a.clone()])).len(), 1);
        // A minute earlier, there is still time to remind.
        a.created_at = at("2026-11-19T14:59:00+08:00");
        let got = planned(&with(vec![a]));
        assert_eq!(got.len(), 2);
        assert_eq!(got[1].due, at("2026-11-19T15:00:00+08:00"));
    }

    #[test]
    fn a_done_reminder_is_not_planned_again() {
        let mut a = appointment(3);
        a.remind = true;
        let mut h = with(vec![a]);
        h.closed = vec![closed(
            Track::Reminder,
            3,
            at("2026-11-19T16:00:00+08:00"),
            false,
        )];
        let got = planned(&h);
        assert_eq!(summary(&got).len(), 1);
        assert_eq!(got[0].track, Track::Appointment);
    }

    #[test]
    fn after_a_kept_appointment_its_kind_asks_for_a_check_in() {
        let mut a = appointment(4);
        a.kind = Some("visit".into());
        a.remind = true;
        let mut h = with(vec![a]);
        h.closed = vec![closed(
            Track::Appointment,
            4,
            at("2026-11-20T16:30:00+08:00"),
            false,
        )];
        assert_eq!(
            summary(&planned(&h)),
            [(
                Track::AfterAppointment,
                4,
                at("2026-11-22T16:30:00+08:00"),
                "面诊后回访",
                Some("visit-follow")
            )]
        );
        // Once the check-in is done, nothing more.
        h.closed.push(closed(
            Track::AfterAppointment,
            4,
            at("2026-11-22T17:00:00+08:00"),
            false,
        ));
        assert!(planned(&h).is_empty());
    }

    #[test]
    fn a_skipped_appointment_is_rescheduled_the_next_day() {
        let mut a = appointment(4);
        a.kind = Some("visit".into());
        let mut h = with(vec![a]);
        h.closed = vec![closed(
            Track::Appointment,
            4,
            at("2026-11-20T18:00:00+08:00"),
            true,
        )];
        assert_eq!(
            summary(&planned(&h)),
            [(
                Track::AfterAppointment,
                4,
                at("2026-11-21T18:00:00+08:00"),
                "没来成：帮客户改约",
                Some("reschedule")
            )]
        );
    }

    #[test]
    fn nothing_follows_an_appointment_whose_kind_asks_for_nothing() {
        for kind in [None, Some("call")] {
            for skipped in [false, true] {
                let mut a = appointment(4);
                a.kind = kind.map(String::from);
                let mut h = with(vec![a]);
                h.closed = vec![closed(
                    Track::Appointment,
                    4,
                    at("2026-11-20T16:00:00+08:00"),
                    skipped,
                )];
                assert!(planned(&h).is_empty(), "{kind:?} {skipped}");
            }
        }
    }

    #[test]
    fn each_appointment_is_planned_on_its_own_and_odd_ids_are_left_out() {
        let mut later = appointment(9);
        later.at = at("2026-11-25T10:00:00+08:00");
        let mut h = with(vec![appointment(8), appointment(-1), later]);
        // Closing the 8th does not close the 9th.
        h.closed = vec![closed(
            Track::Appointment,
            8,
            at("2026-11-20T16:00:00+08:00"),
            false,
        )];
        assert_eq!(
            summary(&planned(&h)),
            [(
                Track::Appointment,
                9,
                at("2026-11-25T10:00:00+08:00"),
                "约定跟进",
                None
            )]
        );
    }
}
