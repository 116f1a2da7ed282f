//! Grades B, C and D, lost and archived contacts, the same-day rule and snoozes. Part of `followup_engine.rs`, whose helpers it uses.

use super::*;

// ───────────────────────────── grades B and C, D, lost, archived ─────────────────────────────

#[test]
fn grade_b_shares_a_case_a_day_after_the_first_touch_then_weekly() {
    let t0 = at("2026-03-02T09:20:00+08:00");
    let mut case = Case::new(c0()).grade(Grade::B).touch(t0);
    assert_eq!(case.show(t0), ["cadence#0 2026-03-03 09:20:00 case-share"]);
    let touches = [
        (
            "2026-03-03T11:00:00+08:00",
            "cadence#1 2026-03-10 11:00:00 weekly-tip",
        ),
        (
            "2026-03-10T12:00:00+08:00",
            "cadence#2 2026-03-17 12:00:00 testimonial",
        ),
        (
            "2026-03-17T09:00:00+08:00",
            "cadence#3 2026-03-24 09:00:00 tutorial",
        ),
        (
            "2026-03-24T09:00:00+08:00",
            "cadence#4 2026-03-31 09:00:00 budget-intent",
        ),
        // The five steps done: weekly from here on, the tail's scripts in turn.
        (
            "2026-03-31T20:00:00+08:00",
            "cadence#5 2026-04-07 20:00:00 case-share",
        ),
        (
            "2026-04-07T20:00:00+08:00",
            "cadence#6 2026-04-14 20:00:00 weekly-tip",
        ),
        (
            "2026-04-14T20:00:00+08:00",
            "cadence#7 2026-04-21 20:00:00 budget-intent",
        ),
        (
            "2026-04-21T20:00:00+08:00",
            "cadence#8 2026-04-28 20:00:00 case-share",
        ),
    ];
    for (when, expected) in touches {
        case = case.touch(at(when));
        assert_eq!(case.show(at(when)), [expected], "after the touch at {when}");
    }
}

#[test]
fn grade_c_gets_a_light_touch_every_four_to_six_days() {
    let t0 = at("2026-03-02T09:20:00+08:00");
    let mut case = Case::new(c0()).grade(Grade::C).touch(t0);
    assert_eq!(case.show(t0), ["cadence#0 2026-03-04 09:20:00 weekly-tip"]);
    let touches = [
        (
            "2026-03-04T10:00:00+08:00",
            "cadence#1 2026-03-08 10:00:00 -",
        ),
        (
            "2026-03-08T10:00:00+08:00",
            "cadence#2 2026-03-13 10:00:00 case-share",
        ),
        (
            "2026-03-13T10:00:00+08:00",
            "cadence#3 2026-03-17 10:00:00 -",
        ),
        (
            "2026-03-17T10:00:00+08:00",
            "cadence#4 2026-03-23 10:00:00 weekly-tip",
        ),
        (
            "2026-03-23T10:00:00+08:00",
            "cadence#5 2026-03-27 10:00:00 -",
        ),
        (
            "2026-03-27T10:00:00+08:00",
            "cadence#6 2026-04-02 10:00:00 weekly-tip",
        ),
    ];
    for (when, expected) in touches {
        case = case.touch(at(when));
        assert_eq!(case.show(at(when)), [expected], "after the touch at {when}");
    }
    assert_eq!(
        only(&case.plan(at("2026-03-27T10:00:00+08:00"))).action,
        "发一条新的实用内容；客户主动互动多了就升到 B 类"
    );
}

#[test]
fn an_ungraded_lead_is_asked_to_grade_then_woken_once_dormant() {
    let t0 = at("2026-03-02T09:20:00+08:00");
    let case = Case::new(c0()).touch(t0);
    // Two hours after the first conversation: grade it.
    assert_eq!(case.show(t0), ["grading#0 2026-03-02 11:20:00 -"]);
    assert_eq!(
        only(&case.plan(t0)).action,
        tpl().grading.as_ref().unwrap().action
    );
    // Still there, overdue, until graded — while the lead is in play: after 30 days of
    // silence, waking it comes first.
    assert_eq!(
        case.show(t0 + days(30) - secs(1)),
        ["grading#0 2026-03-02 11:20:00 -"]
    );
    assert_eq!(
        case.show(t0 + days(30)),
        ["reactivation#0 2026-04-01 09:20:00 wake-news"]
    );
    // Put off (skipped): asked again a day later.
    let s = at("2026-03-02T12:00:00+08:00");
    assert_eq!(
        case.clone().skip(Track::Grading, 0, s).show(s),
        ["grading#1 2026-03-03 12:00:00 -"]
    );
    // Graded: the grade's cadence takes over, from when it was set.
    let g = at("2026-03-02T15:00:00+08:00");
    assert_eq!(
        case.clone().regrade(Some(Grade::B), g).show(g),
        ["cadence#0 2026-03-03 15:00:00 case-share"]
    );
    // A touch before dormancy counts dormancy again from that touch.
    let t1 = at("2026-03-20T15:00:00+08:00");
    assert_eq!(
        case.clone().touch(t1).show(t1 + days(30) - secs(1)),
        ["grading#0 2026-03-02 11:20:00 -"]
    );
    assert_eq!(
        case.touch(t1).show(t1 + days(30)),
        ["reactivation#0 2026-04-19 15:00:00 wake-news"]
    );
}

#[test]
fn grade_d_lost_and_archived_contacts_plan_nothing() {
    let t0 = at("2026-03-02T09:20:00+08:00");
    let later = at("2026-06-01T09:00:00+08:00");
    let busy = |c: Case| {
        c.touch(t0).touch(at("2026-03-03T10:00:00+08:00")).won(
            at("2026-03-04T10:00:00+08:00"),
            1,
            Some("基础款（月装）"),
        )
    };
    let cases = [
        ("new D", Case::new(c0()).grade(Grade::D)),
        ("touched D", Case::new(c0()).grade(Grade::D).touch(t0)),
        ("lost", Case::new(c0()).grade(Grade::A).touch(t0).lost()),
        ("lost new lead", Case::new(c0()).grade(Grade::A).lost()),
        (
            "archived",
            Case::new(c0()).grade(Grade::A).touch(t0).archived(),
        ),
        (
            "archived new lead",
            Case::new(c0()).grade(Grade::B).archived(),
        ),
        (
            "archived buyer",
            busy(Case::new(c0()).grade(Grade::A)).archived(),
        ),
        (
            "regraded D",
            Case::new(c0())
                .grade(Grade::A)
                .touch(t0)
                .regrade(Some(Grade::D), at("2026-03-02T10:00:00+08:00")),
        ),
    ];
    for (label, case) in cases {
        for now in [c0(), t0, later] {
            assert_eq!(case.plan(now), [], "{label}, now = {now}");
        }
    }
}

// ───────────────────────────── the same-day rule ─────────────────────────────

#[test]
fn several_touches_on_one_day_complete_one_step() {
    let t0 = at("2026-03-02T09:20:00+08:00");
    let t1 = at("2026-03-02T09:50:00+08:00");
    let base = Case::new(c0()).grade(Grade::A).touches(&[t0, t1]);
    // Three touches on 03-03: only step 1 is completed; the cadence counts from the last.
    let case = base.clone().touches(&[
        at("2026-03-03T10:00:00+08:00"),
        at("2026-03-03T11:00:00+08:00"),
        at("2026-03-03T18:00:00+08:00"),
    ]);
    assert_eq!(
        case.show(at("2026-03-03T18:00:00+08:00")),
        ["cadence#2 2026-03-05 18:00:00 limited-benefit"]
    );
    // A touch the next day completes the next step.
    let next = at("2026-03-04T08:00:00+08:00");
    assert_eq!(
        case.touch(next).show(next),
        ["cadence#3 2026-03-08 08:00:00 ask-concern"]
    );
    // Day 0 is the exception: "当天深聊" is done the same day, so a second touch on the
    // first day completes it (that is how `base` reached step 1).
    assert_eq!(
        base.show(t1),
        ["cadence#1 2026-03-03 09:50:00 invite-experience"]
    );
    // …and a third touch that day completes nothing more.
    let t2 = at("2026-03-02T21:00:00+08:00");
    assert_eq!(
        base.touch(t2).show(t2),
        ["cadence#1 2026-03-03 21:00:00 invite-experience"]
    );
}

#[test]
fn explicit_skip_always_completes_one_step_even_on_the_same_day() {
    let t0 = at("2026-03-02T09:20:00+08:00");
    let t1 = at("2026-03-02T09:50:00+08:00");
    let case = Case::new(c0()).grade(Grade::A).touches(&[t0, t1]);
    let skip_at = at("2026-03-02T10:30:00+08:00");
    let skipped = case.skip(Track::Cadence, 1, skip_at);
    assert_eq!(
        skipped.show(skip_at),
        ["cadence#2 2026-03-04 10:30:00 limited-benefit"]
    );
    // Two skips the same day: two steps.
    let again = at("2026-03-02T10:40:00+08:00");
    assert_eq!(
        skipped.skip(Track::Cadence, 2, again).show(again),
        ["cadence#3 2026-03-06 10:40:00 ask-concern"]
    );
}

#[test]
fn done_records_one_completion_not_two() {
    // `done` closes the follow-up and logs a touch at the same instant: one step, on the same
    // day as the previous touch or on another.
    let t0 = at("2026-03-02T09:20:00+08:00");
    let t1 = at("2026-03-02T09:50:00+08:00");
    let case = Case::new(c0()).grade(Grade::A).touches(&[t0, t1]);

    let next_day = at("2026-03-03T09:55:00+08:00");
    assert_eq!(
        case.clone()
            .done(Track::Cadence, 1, next_day)
            .show(next_day),
        ["cadence#2 2026-03-05 09:55:00 limited-benefit"]
    );
    let same_day = at("2026-03-02T16:00:00+08:00");
    assert_eq!(
        case.clone()
            .done(Track::Cadence, 1, same_day)
            .show(same_day),
        ["cadence#2 2026-03-04 16:00:00 limited-benefit"]
    );
    // Done on day 0 right after the first touch: day 1 next.
    let first = Case::new(c0()).grade(Grade::A).touch(t0);
    let d0 = at("2026-03-02T09:30:00+08:00");
    assert_eq!(
        first.done(Track::Cadence, 0, d0).show(d0),
        ["cadence#1 2026-03-03 09:30:00 invite-experience"]
    );
    // Done on the first reply: that is the first touch, so day 0 is due right then.
    let lead = Case::new(c0()).grade(Grade::A);
    let reply = at("2026-03-02T09:08:00+08:00");
    assert_eq!(
        lead.done(Track::FirstResponse, 0, reply).show(reply),
        ["cadence#0 2026-03-02 09:08:00 tailored-plan"]
    );
}

#[test]
fn two_dones_in_one_second_complete_their_own_steps() {
    // The repurchase reminder done (its touch completes the usage guide), then the next
    // aftercare step done within the same second: that is one more step, not nothing.
    let w = at("2026-03-06T15:00:00+08:00");
    let t = at("2026-03-06T21:00:00+08:00");
    let reminded = Case::new(c0())
        .grade(Grade::A)
        .won(w, 7, Some("标准套装（季装）"))
        .close_repurchase(7, t)
        .touch(t);
    assert_eq!(
        reminded.show(t),
        [
            "aftercare#1 2026-03-09 09:00:00 day3-checkin",
            "repurchase#1/p7 2026-03-21 21:00:00 repurchase-reminder",
        ]
    );
    assert_eq!(
        reminded.done(Track::Aftercare, 1, t).show(t)[0],
        "aftercare#2 2026-03-17 21:00:00 effect-checkin"
    );
}

#[test]
fn done_at_the_very_second_the_cadence_restarted_still_counts() {
    // The rep sets grade B and marks the new step done within the same second.
    let t0 = at("2026-03-02T09:20:00+08:00");
    let g = at("2026-03-04T12:00:00+08:00");
    let case = Case::new(c0())
        .grade(Grade::A)
        .touch(t0)
        .regrade(Some(Grade::B), g);
    assert_eq!(case.show(g), ["cadence#0 2026-03-05 12:00:00 case-share"]);
    assert_eq!(
        case.done(Track::Cadence, 0, g).show(g),
        ["cadence#1 2026-03-11 12:00:00 weekly-tip"]
    );
}

#[test]
fn a_new_grade_restarts_the_cadence_from_when_it_was_set() {
    let t0 = at("2026-03-02T09:20:00+08:00");
    let t1 = at("2026-03-02T09:50:00+08:00");
    let g = at("2026-03-04T12:00:00+08:00");
    let case = Case::new(c0())
        .grade(Grade::A)
        .touches(&[t0, t1])
        .regrade(Some(Grade::B), g);
    assert_eq!(case.show(g), ["cadence#0 2026-03-05 12:00:00 case-share"]);
    // Touches before the new grade do not complete its steps; one after does.
    let t2 = at("2026-03-05T13:00:00+08:00");
    assert_eq!(
        case.touch(t2).show(t2),
        ["cadence#1 2026-03-12 13:00:00 weekly-tip"]
    );
    // A grade set before the first touch: the cadence starts at the first touch.
    let early = Case::new(c0())
        .regrade(Some(Grade::A), c0() + mins(2))
        .touch(t0);
    assert_eq!(
        early.show(t0),
        ["cadence#0 2026-03-02 09:20:00 tailored-plan"]
    );
}

#[test]
fn steps_after_the_first_are_never_due_within_a_minute_of_the_last_completion() {
    let mut t = tpl().clone();
    let a = t.cadences.get_mut("grade-a").unwrap();
    a.steps[1].after = TimeDelta::zero();
    a.steps[2].after = TimeDelta::seconds(10);
    let t0 = at("2026-03-02T09:20:00+08:00");
    let t1 = at("2026-03-02T09:50:00+08:00");
    let case = Case::new(c0()).grade(Grade::A).touches(&[t0, t1]);
    let p = case.plan_with(&t, t1, cn());
    assert_eq!((p[0].step, p[0].due), (1, t1 + mins(1)));
    let t2 = at("2026-03-03T08:00:00+08:00");
    let p = case.clone().touch(t2).plan_with(&t, t2, cn());
    assert_eq!((p[0].step, p[0].due), (2, t2 + mins(1)));
    // Step 0 keeps its 0d: due at the first touch itself.
    let p = Case::new(c0())
        .grade(Grade::A)
        .touch(t0)
        .plan_with(&t, t0, cn());
    assert_eq!((p[0].step, p[0].due), (0, t0));
}

// ───────────────────────────── snooze ─────────────────────────────

#[test]
fn a_snooze_moves_only_the_snoozed_follow_up() {
    let t0 = at("2026-03-02T09:20:00+08:00");
    let t1 = at("2026-03-02T09:50:00+08:00");
    let case = Case::new(c0()).grade(Grade::A).touches(&[t0, t1]);
    let until = at("2026-03-06T09:00:00+08:00");
    let now = at("2026-03-03T10:00:00+08:00");
    assert_eq!(
        case.clone().snooze(Track::Cadence, 1, until).show(now),
        ["cadence#1 2026-03-06 09:00:00 invite-experience"]
    );
    // A snooze of another step (or track) leaves this one alone.
    assert_eq!(
        case.clone().snooze(Track::Cadence, 2, until).show(now),
        ["cadence#1 2026-03-03 09:50:00 invite-experience"]
    );
    assert_eq!(
        case.clone().snooze(Track::Aftercare, 1, until).show(now),
        ["cadence#1 2026-03-03 09:50:00 invite-experience"]
    );
    // Snoozing a new lead's first reply.
    let lead =
        Case::new(c0())
            .grade(Grade::A)
            .snooze(Track::FirstResponse, 0, c0() + TimeDelta::hours(3));
    assert_eq!(
        lead.show(c0()),
        ["first_response#0 2026-03-02 12:00:00 welcome"]
    );
    // Once the snoozed step is completed the next follows the touch, not the snooze.
    let t2 = at("2026-03-04T10:00:00+08:00");
    assert_eq!(
        case.snooze(Track::Cadence, 1, until).touch(t2).show(t2),
        ["cadence#2 2026-03-06 10:00:00 limited-benefit"]
    );
}
