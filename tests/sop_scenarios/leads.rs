//! Leads: cadences that continue, dates set with the customer, and dormant leads. Part of `sop_scenarios.rs`, whose helpers it uses.

use super::*;

/// A lead of `grade` worked on time for 90 days: the desk, everything done, the cadence.
fn ninety_days(grade: Grade) -> (Desk, Vec<Did>, Vec<Did>) {
    let mut d = Desk::new("default", "2026-03-02T09:00:00+08:00");
    let id = d.add("李四", Some(grade));
    let start = d.now;
    let did = d.work(id, start + days(90), |_| true);
    let cadence = did
        .iter()
        .filter(|x| x.track == Track::Cadence)
        .cloned()
        .collect();
    (d, did, cadence)
}

// ───────────────────────────── leads: cadences that continue ─────────────────────────────

#[test]
fn grade_a_is_followed_on_days_1_2_3_to_7_then_weekly_until_it_moves() {
    let mut d = Desk::new("default", "2026-03-02T09:00:00+08:00");
    let id = d.add("张三", Some(Grade::A));
    let start = d.now;
    let did = d.work(id, start + days(90), |_| true);
    // The first reply, then the tailored plan the same day (the SOP's "day 1").
    assert_eq!(did[0].track, Track::FirstResponse);
    let cadence: Vec<&Did> = did.iter().filter(|x| x.track == Track::Cadence).collect();
    let on: Vec<i64> = cadence.iter().map(|x| day_of(start, x.done)).collect();
    assert_eq!(&on[..4], [0, 1, 3, 7], "{on:?}");
    // Then weekly, for as long as it stays in play: never silent for more than a week.
    for w in on[3..].windows(2) {
        assert_eq!(w[1] - w[0], 7, "{on:?}");
    }
    assert!(on.len() >= 15, "{on:?}");
    assert!(did.iter().all(|x| x.track != Track::Reactivation));
    assert_eq!(cadence[0].script.as_deref(), Some("tailored-plan"));
    assert_eq!(cadence[2].script.as_deref(), Some("limited-benefit"));
    assert_eq!(d.lifecycle(id), Lifecycle::Intro);
    // It moves to 抛产品: the push starts again from the same day.
    let moved = d.now + TimeDelta::hours(1);
    d.at(moved);
    d.run(Command::Move {
        id,
        to: salesbook::domain::Stage::Pitch,
    });
    let next = &d.open(id)[0];
    assert_eq!(
        (next.track, next.step, next.due),
        (Track::Cadence, 0, moved)
    );
}

#[test]
fn grade_b_is_touched_weekly_for_as_long_as_it_is_in_play() {
    let (d, did, cadence) = ninety_days(Grade::B);
    assert!(max_gap(&cadence) <= days(7), "gap {}", max_gap(&cadence));
    assert!(cadence.len() >= 12, "{} touches in 90 days", cadence.len());
    // No wake-up is ever needed for a lead that is being worked.
    assert!(did.iter().all(|x| x.track != Track::Reactivation));
    // No harassment warning either: the cap is for wake-ups.
    assert!(d.today().iter().all(|i| i.over_cap == 0));
}

#[test]
fn grade_c_gets_one_or_two_light_touches_a_week_for_90_days() {
    let (_, _, cadence) = ninety_days(Grade::C);
    assert!(max_gap(&cadence) <= days(6), "gap {}", max_gap(&cadence));
    // Light: never two on one day, and at most two in any week.
    for w in cadence.windows(3) {
        assert!(
            w[2].done - w[0].done >= days(7),
            "{:?}",
            w.iter().map(|x| x.done).collect::<Vec<_>>()
        );
    }
    assert!(cadence.len() >= 15, "{} touches in 90 days", cadence.len());
}

#[test]
fn an_ungraded_lead_is_asked_to_grade_until_it_is_graded() {
    let mut d = Desk::new("default", "2026-03-02T09:00:00+08:00");
    let id = d.add("赵六", None);
    let welcome = d.open(id)[0].clone();
    d.at(at("2026-03-02T09:05:00+08:00"));
    d.done(welcome.id);
    // Two hours after the first conversation, Today asks for a grade.
    d.at(at("2026-03-02T11:05:00+08:00"));
    let today = d.today();
    let ask = today
        .iter()
        .find(|i| i.track == Track::Grading)
        .expect("grading item");
    assert!(ask.action.contains("定级"), "{}", ask.action);
    // Put off: asked again the next day, not a month later.
    d.skip(ask.followup_id, "还没聊透");
    let again = d
        .open(id)
        .into_iter()
        .find(|f| f.track == Track::Grading)
        .unwrap();
    assert_eq!(again.due, d.now + days(1));
    // Graded: the question is gone and the grade's cadence takes over.
    d.at(at("2026-03-02T16:00:00+08:00"));
    d.grade(id, Grade::B);
    let open = d.open(id);
    assert!(open.iter().all(|f| f.track != Track::Grading));
    assert_eq!(open[0].track, Track::Cadence);
    assert_eq!(open[0].due, at("2026-03-03T16:00:00+08:00"));
}

// ───────────────────────────── dates set with the customer ─────────────────────────────

#[test]
fn a_dated_follow_up_takes_the_cadences_place_that_day_and_is_reminded_the_day_before() {
    let mut d = Desk::new("default", "2026-03-02T09:00:00+08:00");
    let id = d.add("钱七", Some(Grade::B));
    d.at(at("2026-03-02T09:05:00+08:00"));
    d.touch(id, "聊了需求，约了下周二电话沟通");
    // The B cadence would come back tomorrow (03-03) and then weekly; the customer asked
    // for a call on Tuesday 03-03 at 15:00 — the date wins that day.
    let call = at("2026-03-03T15:00:00+08:00");
    d.schedule(id, call, "电话沟通方案", Some("call"), true);
    let open: Vec<Followup> = d
        .open(id)
        .into_iter()
        .filter(|f| f.track != Track::Reactivation)
        .collect();
    let tracks: Vec<(Track, DateTime<Utc>)> = open.iter().map(|f| (f.track, f.due)).collect();
    assert_eq!(
        tracks,
        [
            // The reminder to the customer the day before (--remind).
            (Track::Reminder, call - days(1)),
            (Track::Appointment, call),
        ],
        "{open:#?}"
    );
    assert_eq!(open[1].action, "约好的通话：电话沟通方案");
    assert_eq!(open[0].action, "提前提醒：约好的通话 03-03 15:00");
    // The reminder is on Today the day before; the appointment on its day.
    d.at(call - days(1));
    assert!(d.today().iter().any(|i| i.track == Track::Reminder));
    d.done(open[0].id);
    d.at(at("2026-03-03T09:00:00+08:00"));
    let today = d.today();
    assert!(today.iter().any(|i| i.track == Track::Appointment));
    assert!(today.iter().all(|i| i.track != Track::Cadence));
    // Kept: the cadence moves on from the call, a week later.
    d.at(call);
    d.done(open[1].id);
    let next = &d.open(id)[0];
    assert_eq!((next.track, next.due), (Track::Cadence, call + days(7)));
}

#[test]
fn a_visit_is_reminded_by_its_kind_and_checked_on_the_day_after() {
    let mut d = Desk::new("medical-aesthetics", "2026-03-02T09:00:00+08:00");
    let id = d.add("面诊客", Some(Grade::A));
    d.at(at("2026-03-02T09:03:00+08:00"));
    d.touch(id, "约了周四面诊");
    let visit = at("2026-03-05T14:00:00+08:00");
    d.schedule(id, visit, "光子嫩肤面诊", Some("面诊"), false);
    let reminder = d.find(id, Track::Reminder).unwrap();
    assert_eq!(reminder.due, visit - days(1));
    assert_eq!(reminder.script.as_deref(), Some("visit-reminder"));
    let item = d.find(id, Track::Appointment).unwrap();
    assert_eq!(item.action, "面诊：光子嫩肤面诊");
    d.at(visit);
    d.done(item.id);
    let follow = d
        .find(id, Track::AfterAppointment)
        .expect("the check-in after the visit");
    assert_eq!(follow.due, visit + days(1));
    assert_eq!(follow.script.as_deref(), Some("visit-follow"));
}

#[test]
fn an_appointment_the_customer_missed_is_rescheduled_the_next_day() {
    let mut d = Desk::new("education", "2026-03-02T09:00:00+08:00");
    let id = d.add("孙八", Some(Grade::A));
    d.at(at("2026-03-02T09:03:00+08:00"));
    d.touch(id, "约了周六试听");
    let trial = at("2026-03-07T10:00:00+08:00");
    d.schedule(id, trial, "英语试听", Some("trial"), false);
    let reminder = d.find(id, Track::Reminder).unwrap();
    assert_eq!(reminder.due, trial - days(1));
    assert_eq!(reminder.script.as_deref(), Some("trial-reminder"));
    let item = d.find(id, Track::Appointment).unwrap();
    assert_eq!(item.action, "试听：英语试听");
    // The trial day: the student did not come.
    d.at(trial + TimeDelta::hours(2));
    d.skip(item.id, "没来");
    let after = d.open(id);
    let resched = after
        .iter()
        .find(|f| f.track == Track::AfterAppointment)
        .expect("rescheduling");
    assert_eq!(resched.due, d.now + days(1));
    assert_eq!(resched.script.as_deref(), Some("trial-reschedule"));
}

// ───────────────────────────── dormant leads ─────────────────────────────

#[test]
fn a_dormant_lead_gets_at_most_two_touches_a_month_and_is_given_up_after_four() {
    let mut d = Desk::new("default", "2026-03-02T09:00:00+08:00");
    let id = d.add("周九", Some(Grade::C));
    d.at(at("2026-03-02T09:05:00+08:00"));
    d.touch(id, "发了欢迎语");
    let last = d.now;
    // Nobody follows up and the customer never writes: dormant 30 days later, and only
    // wake-ups from then on.
    let did = d.work(id, last + days(200), |f| f.track == Track::Reactivation);
    assert!(did.len() >= 4, "{did:#?}");
    assert_eq!(did[0].due, last + days(30));
    // The wake-ups (the last item, the suggestion to mark it lost, is no message).
    let touches: Vec<DateTime<Utc>> = did[..did.len() - 1].iter().map(|x| x.done).collect();
    for t in &touches {
        let in_window = touches
            .iter()
            .filter(|x| **x > *t - days(30) && *x <= t)
            .count();
        assert!(
            in_window <= 2,
            "{in_window} wake-ups in the 30 days up to {t}"
        );
    }
    // Four went unanswered: the fifth item is the suggestion to mark it lost, then nothing.
    assert_eq!(did.len(), 5, "{:#?}", did);
    assert!(did[4].action.contains("标记为流失"), "{}", did[4].action);
    assert_eq!(d.lifecycle(id), Lifecycle::Churned);
    assert!(d.open(id).is_empty());
    // No wake-up ever claims a benefit the contact does not have.
    assert!(
        did.iter()
            .all(|x| x.script.as_deref() != Some("wake-benefit"))
    );
}

#[test]
fn the_customers_answer_ends_reactivation_and_brings_the_lead_back() {
    let mut d = Desk::new("default", "2026-03-02T09:00:00+08:00");
    let id = d.add("吴十", Some(Grade::B));
    d.at(at("2026-03-02T09:05:00+08:00"));
    d.touch(id, "发了欢迎语");
    let woke = d.work(id, at("2026-04-02T12:00:00+08:00"), |f| {
        f.track == Track::Reactivation
    });
    assert_eq!(woke.len(), 1);
    assert_eq!(d.lifecycle(id), Lifecycle::Dormant);
    d.at(at("2026-04-03T20:00:00+08:00"));
    d.inbound(id, "不好意思前阵子太忙，最近想了解一下");
    assert_eq!(d.lifecycle(id), Lifecycle::Intro);
    // Back on the weekly cadence; a wake-up only if it goes quiet again for 30 days.
    let open = d.open(id);
    assert!(
        open.iter()
            .any(|f| f.track == Track::Cadence && f.due == d.now + days(7))
    );
    for f in open.iter().filter(|f| f.track == Track::Reactivation) {
        assert_eq!(f.valid_from, Some(d.now + days(30)), "{f:#?}");
    }
}
