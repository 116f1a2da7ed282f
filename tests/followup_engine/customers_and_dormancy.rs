//! After-sale care and repurchase, and waking dormant contacts within the cap. Part of `followup_engine.rs`, whose helpers it uses.

use super::*;

// ───────────────────────────── aftercare and repurchase ─────────────────────────────

#[test]
fn winning_starts_aftercare_and_a_repurchase_reminder() {
    let t0 = at("2026-03-02T09:20:00+08:00");
    let t1 = at("2026-03-02T09:50:00+08:00");
    let w = at("2026-03-06T15:00:00+08:00");
    let mut case =
        Case::new(c0())
            .grade(Grade::A)
            .touches(&[t0, t1])
            .won(w, 7, Some("标准套装（季装）"));
    // The usage guide is due within 24 h; a 90-day product is reminded 15 days before it
    // runs out: 75 days after the purchase.
    assert_eq!(
        case.show(w),
        [
            "aftercare#0 2026-03-07 03:00:00 usage-guide",
            "repurchase#0/p7 2026-05-20 15:00:00 repurchase-reminder",
        ]
    );
    let plan = case.plan(w);
    assert!(plan[0].due - w < TimeDelta::hours(24));
    assert_eq!(plan[0].action, "发使用指南和注意事项");
    assert_eq!(plan[1].action, "复购提醒：标准套装（季装）");
    assert_eq!(plan[1].purchase_id, Some(7));

    let reminder = "repurchase#0/p7 2026-05-20 15:00:00 repurchase-reminder";
    let steps = [
        // The guide sent the same evening: the check-in falls on day 3.
        (
            "2026-03-06T21:00:00+08:00",
            "aftercare#1 2026-03-09 09:00:00 day3-checkin",
        ),
        (
            "2026-03-09T10:00:00+08:00",
            "aftercare#2 2026-03-20 10:00:00 effect-checkin",
        ),
        (
            "2026-03-20T10:00:00+08:00",
            "aftercare#3 2026-03-23 10:00:00 referral-ask",
        ),
        // Care done: a one-purchase customer is tier C, kept in touch every 25 days —
        // well inside the dormancy line, so a fresh buyer never lands on reactivation.
        (
            "2026-03-23T10:00:00+08:00",
            "aftercare#4 2026-04-17 10:00:00 content-seed",
        ),
        (
            "2026-04-17T10:00:00+08:00",
            "aftercare#5 2026-05-12 10:00:00 content-seed",
        ),
    ];
    for (when, expected) in steps {
        case = case.touch(at(when));
        // The reminder keeps its own date while aftercare moves on.
        assert_eq!(
            case.show(at(when)),
            [expected, reminder],
            "after the touch at {when}"
        );
    }
    assert_eq!(
        case.plan(at("2026-05-12T10:00:00+08:00"))[0].action,
        "C 类老客：分享一篇实用内容保持联系"
    );
    // The customer's tier, not the pre-sale grade, ranks the items.
    let base = followup::score_base(tpl(), &case.contact, Some(Tier::C), Track::Aftercare, 4, w);
    let as_lead = followup::score_base(tpl(), &case.contact, None, Track::Aftercare, 4, w);
    assert_eq!(base - as_lead, 4.0);
}

#[test]
fn winning_a_contact_never_touched_still_starts_aftercare() {
    let w = at("2026-03-02T09:05:00+08:00");
    let case = Case::new(c0())
        .grade(Grade::A)
        .won(w, 1, Some("家庭营养礼盒"));
    assert_eq!(
        case.show(w),
        [
            "aftercare#0 2026-03-02 21:05:00 usage-guide",
            "repurchase#0/p1 2026-03-27 09:05:00 repurchase-reminder",
        ]
    );
}

#[test]
fn repurchase_reminders_per_product() {
    let w = at("2026-03-06T15:00:00+08:00");
    let base = Case::new(c0()).grade(Grade::A).touch(c0() + mins(5));
    let reminder = |product: Option<&str>| -> Vec<String> {
        base.clone()
            .won(w, 3, product)
            .show(w)
            .into_iter()
            .filter(|l| l.starts_with("repurchase"))
            .collect()
    };
    assert_eq!(
        reminder(Some("家庭营养礼盒")),
        ["repurchase#0/p3 2026-03-31 15:00:00 repurchase-reminder"]
    );
    assert_eq!(
        reminder(Some("年度服务")),
        ["repurchase#0/p3 2027-02-04 15:00:00 repurchase-reminder"]
    );
    // Names as reps write them: an alias, half-width brackets, spaces, full-width forms.
    for typed in ["营养礼盒", "家庭营养 礼盒"] {
        assert_eq!(
            reminder(Some(typed)),
            reminder(Some("家庭营养礼盒")),
            "{typed}"
        );
    }
    for typed in ["标准套装(季装)", "季装", "ＳＴＡＮＤＡＲＤ"] {
        let got = reminder(Some(typed));
        if typed == "ＳＴＡＮＤＡＲＤ" {
            assert_eq!(got, Vec::<String>::new(), "not an alias");
        } else {
            assert_eq!(
                got,
                ["repurchase#0/p3 2026-05-20 15:00:00 repurchase-reminder"]
            );
        }
    }
    // A product the template does not know, or none: no reminder.
    assert_eq!(reminder(Some("神秘礼盒")), Vec::<String>::new());
    assert_eq!(reminder(None), Vec::<String>::new());
}

#[test]
fn a_second_purchase_of_the_same_product_closes_the_first_reminder() {
    let w1 = at("2026-03-06T15:00:00+08:00");
    let w2 = at("2026-03-30T11:00:00+08:00");
    let case = Case::new(c0())
        .grade(Grade::A)
        .touch(c0() + mins(5))
        .won(w1, 1, Some("家庭营养礼盒"))
        // The same product under its alias.
        .won(w2, 2, Some("营养礼盒"));
    let repurchase: Vec<String> = case
        .show(w2)
        .into_iter()
        .filter(|l| l.starts_with("repurchase"))
        .collect();
    assert_eq!(
        repurchase,
        ["repurchase#0/p2 2026-04-24 11:00:00 repurchase-reminder"]
    );
    // The second win restarts aftercare from it.
    assert_eq!(
        case.show(w2)[0],
        "aftercare#0 2026-03-30 23:00:00 usage-guide"
    );
    // Another product leaves the first reminder open: each purchase its own.
    let other = Case::new(c0())
        .grade(Grade::A)
        .touch(c0() + mins(5))
        .won(w1, 1, Some("家庭营养礼盒"))
        .won(w2, 2, Some("年度服务"));
    let repurchase: Vec<String> = other
        .show(w2)
        .into_iter()
        .filter(|l| l.starts_with("repurchase"))
        .collect();
    assert_eq!(
        repurchase,
        [
            "repurchase#0/p1 2026-03-31 15:00:00 repurchase-reminder",
            "repurchase#0/p2 2027-02-28 11:00:00 repurchase-reminder",
        ]
    );
}

#[test]
fn a_reminder_dealt_with_comes_back_until_the_customer_buys_again() {
    let w = at("2026-03-06T15:00:00+08:00");
    let case =
        Case::new(c0())
            .grade(Grade::A)
            .touch(c0() + mins(5))
            .won(w, 4, Some("家庭营养礼盒"));
    // Done (or skipped) on day 25: asked again 5 days later (remind_every_days), and again.
    let once = case
        .clone()
        .close_repurchase(4, at("2026-03-31T16:00:00+08:00"));
    let later = at("2026-04-01T09:00:00+08:00");
    let reminders = |c: &Case, now| -> Vec<String> {
        c.show(now)
            .into_iter()
            .filter(|l| l.starts_with("repurchase"))
            .collect()
    };
    assert_eq!(
        reminders(&once, later),
        ["repurchase#1/p4 2026-04-05 16:00:00 repurchase-reminder"]
    );
    let twice = once
        .clone()
        .close_repurchase(4, at("2026-04-06T10:00:00+08:00"));
    assert_eq!(
        reminders(&twice, at("2026-04-06T10:00:00+08:00")),
        ["repurchase#2/p4 2026-04-11 10:00:00 repurchase-reminder"]
    );
    // A new purchase of the product ends them; the new purchase has its own.
    let bought = twice.won(at("2026-04-08T10:00:00+08:00"), 5, Some("家庭营养礼盒"));
    assert_eq!(
        reminders(&bought, at("2026-04-08T10:00:00+08:00")),
        ["repurchase#0/p5 2026-05-03 10:00:00 repurchase-reminder"]
    );
    // Closing another purchase's reminder does not touch this one.
    let other = case.close_repurchase(5, at("2026-03-31T16:00:00+08:00"));
    assert!(
        other
            .plan(later)
            .iter()
            .any(|p| p.purchase_id == Some(4) && p.step == 0)
    );
}

// ───────────────────────────── dormant reactivation and the cap ─────────────────────────────

#[test]
fn reactivation_respects_two_touches_per_30_days() {
    let t0 = at("2026-03-02T09:20:00+08:00");
    let t1 = at("2026-03-02T09:50:00+08:00");
    // Idle since t1: dormant on 04-01. The contact has an unused benefit, so the first
    // wake-up may mention it.
    let mut case = Case::new(c0())
        .grade(Grade::A)
        .tag("账户权益/有未用优惠券")
        .touches(&[t0, t1]);
    assert_eq!(
        case.show(at("2026-04-05T09:00:00+08:00")),
        ["reactivation#0 2026-04-01 09:50:00 wake-benefit"]
    );
    // First wake-up touch: the next is 15 days on (1 touch in the window, under the cap).
    let w1 = at("2026-04-05T12:00:00+08:00");
    case = case.touch(w1);
    assert_eq!(
        case.show(w1),
        ["reactivation#1 2026-04-20 12:00:00 wake-news"]
    );
    // The rep reaches out again 2 days later: 15 days on would make 3 touches within 30 days,
    // so the next waits until the first drops out of the window.
    let w2 = at("2026-04-07T09:00:00+08:00");
    case = case.touch(w2);
    assert_eq!(
        case.show(w2),
        ["reactivation#2 2026-05-05 12:00:01 wake-material"]
    );
    let t = tpl();
    let since = at("2026-04-01T09:50:00+08:00");
    assert_eq!(followup::touches_over_cap(t, &case.touches, since, w2), 0);
    // A third touch within 30 days is over the cap: the agenda warns, and the plan moves on
    // past both earlier touches.
    let w3 = at("2026-04-08T09:00:00+08:00");
    case = case.touch(w3);
    assert_eq!(followup::touches_over_cap(t, &case.touches, since, w3), 1);
    assert_eq!(
        case.show(w3),
        ["reactivation#3 2026-05-07 09:00:01 wake-care"]
    );
    // 30 days after the first of them it is back under the cap.
    assert_eq!(
        followup::touches_over_cap(t, &case.touches, since, w1 + days(30)),
        0
    );
    assert_eq!(
        followup::touches_over_cap(t, &case.touches, since, w1 + days(30) - secs(1)),
        1
    );
    // Touches before the contact went dormant never count against the cap.
    assert_eq!(
        followup::touches_over_cap(t, &case.touches, w2, w3),
        0,
        "only the touches since `since`"
    );
}

#[test]
fn the_cap_counts_only_wake_ups_not_a_lead_on_its_weekly_cadence() {
    // A B lead touched weekly (and twice in one week): never dormant, never a wake-up.
    let touches = [
        at("2026-03-02T09:20:00+08:00"),
        at("2026-03-03T10:00:00+08:00"),
        at("2026-03-10T10:00:00+08:00"),
        at("2026-03-12T10:00:00+08:00"),
        at("2026-03-17T10:00:00+08:00"),
    ];
    let case = Case::new(c0()).grade(Grade::B).touches(&touches);
    let now = at("2026-03-17T11:00:00+08:00");
    let plan = case.plan_full();
    let wake = plan
        .iter()
        .find(|p| p.track == Track::Reactivation)
        .expect("reactivation waits at dormancy");
    assert_eq!(wake.starts, Some(touches[4] + days(30)));
    assert!(!wake.live_at(now));
    // What the agenda asks: wake-up touches since it went dormant — none.
    let since = wake.starts.unwrap();
    assert_eq!(
        followup::touches_over_cap(tpl(), &case.touches, since, now),
        0
    );
    // Counting every touch of the last 30 days, as before, would have warned.
    assert_eq!(
        followup::touches_over_cap(tpl(), &case.touches, c0(), now),
        3
    );
}

#[test]
fn reactivation_ends_after_four_unanswered_attempts_and_suggests_lost() {
    let t1 = at("2026-03-02T09:50:00+08:00");
    let mut case = Case::new(c0()).grade(Grade::B).touch(t1);
    // Dormant on 04-01; the rep wakes it at each due date, and nobody answers.
    let attempts = [
        (
            "2026-04-01T10:00:00+08:00",
            "reactivation#1 2026-04-16 10:00:00 wake-material",
        ),
        // Exactly 30 days after the first attempt it no longer counts against the cap.
        (
            "2026-04-16T10:00:00+08:00",
            "reactivation#2 2026-05-01 10:00:00 wake-care",
        ),
        (
            "2026-05-01T10:00:00+08:00",
            "reactivation#3 2026-05-16 10:00:00 wake-care",
        ),
    ];
    for (when, expected) in attempts {
        case = case.touch(at(when));
        assert_eq!(
            case.show(at(when)),
            [expected],
            "after the attempt at {when}"
        );
        assert_eq!(case.life(at(when)), Lifecycle::Dormant);
    }
    // The fourth goes unanswered too: no more wake-ups; the contact is churned and the rep
    // is asked to mark it lost.
    let fourth = at("2026-05-16T10:00:00+08:00");
    case = case.touch(fourth);
    let plan = case.plan(fourth + days(1));
    let p = only(&plan);
    assert_eq!((p.track, p.step), (Track::Reactivation, 4));
    assert_eq!(p.due, fourth + days(1));
    assert_eq!(
        p.action,
        tpl().cadences["dormant"].give_up_action.clone().unwrap()
    );
    assert!(p.action.contains("标记为流失"), "{}", p.action);
    assert_eq!(case.life(fourth), Lifecycle::Churned);
    // Dealt with (done or skipped): nothing more is planned.
    let dealt = case.clone().skip(Track::Reactivation, 4, fourth + days(1));
    assert_eq!(dealt.plan(fourth + days(60)), Vec::<Planned>::new());
    // The customer answers at last: back on the weekly cadence, alive again.
    let answer = at("2026-06-01T20:00:00+08:00");
    let back = dealt.inbound(answer, "最近忙，现在可以聊");
    assert_eq!(
        back.show(answer),
        ["cadence#5 2026-06-08 20:00:00 case-share"]
    );
    assert_eq!(back.life(answer), Lifecycle::Intro);
}

#[test]
fn the_customers_own_messages_keep_a_lead_from_going_dormant() {
    let t1 = at("2026-03-02T09:50:00+08:00");
    let case = Case::new(c0()).grade(Grade::A).touch(t1);
    // The rep went quiet, but the customer wrote on day 20: dormant 30 days after that.
    let wrote = at("2026-03-22T21:00:00+08:00");
    let active = case.clone().inbound(wrote, "在吗？");
    assert_eq!(active.life(t1 + days(31)), Lifecycle::Intro);
    assert_eq!(active.life(wrote + days(30)), Lifecycle::Dormant);
    assert_eq!(case.life(t1 + days(30)), Lifecycle::Dormant);
    let wake = |c: &Case| {
        c.plan_full()
            .into_iter()
            .find(|p| p.track == Track::Reactivation)
            .map(|p| p.due)
    };
    assert_eq!(wake(&case), Some(t1 + days(30)));
    assert_eq!(wake(&active), Some(wrote + days(30)));
    // The cadence item stays live until then.
    assert_eq!(
        active.show(t1 + days(31)),
        ["cadence#0 2026-03-02 09:50:00 tailored-plan"]
    );
}

#[test]
fn respect_cap_moves_the_due_past_the_oldest_touch_in_the_window() {
    let due = at("2026-05-01T10:00:00Z");
    let touches = [
        at("2026-04-01T10:00:00Z"), // exactly 30 days before: outside the window
        at("2026-04-10T10:00:00Z"),
        at("2026-04-20T10:00:00Z"),
    ];
    assert_eq!(
        followup::respect_cap(due, &touches, 2),
        at("2026-05-10T10:00:01Z")
    );
    assert_eq!(followup::respect_cap(due, &touches, 3), due);
    assert_eq!(followup::respect_cap(due, &touches[..2], 2), due);
    assert_eq!(
        followup::respect_cap(due, &touches, 1),
        at("2026-05-20T10:00:01Z")
    );
    // No cap: unchanged.
    assert_eq!(followup::respect_cap(due, &touches, 0), due);
}

#[test]
fn done_and_skip_advance_reactivation_by_one_step() {
    let t0 = at("2026-03-02T09:20:00+08:00");
    let case = Case::new(c0()).grade(Grade::C).touch(t0);
    // Grade C, never touched again: dormant 30 days after t0.
    assert_eq!(
        case.show(at("2026-04-03T09:00:00+08:00")),
        ["reactivation#0 2026-04-01 09:20:00 wake-news"]
    );
    let d = at("2026-04-03T10:00:00+08:00");
    let done = case.clone().done(Track::Reactivation, 0, d);
    assert_eq!(
        done.show(d),
        ["reactivation#1 2026-04-18 10:00:00 wake-material"]
    );
    let s = at("2026-04-03T10:00:00+08:00");
    let skipped = case.skip(Track::Reactivation, 0, s);
    assert_eq!(
        skipped.show(s),
        ["reactivation#1 2026-04-18 10:00:00 wake-material"]
    );
}
