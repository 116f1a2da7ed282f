//! Lifecycle, rotting, urgency and ranking, and calendars and clocks. Part of `followup_engine.rs`, whose helpers it uses.

use super::*;

// ───────────────────────────── lifecycle ─────────────────────────────

#[test]
fn lifecycle_thresholds() {
    let last = at("2026-03-02T09:20:00+08:00");
    let case = Case::new(c0()).grade(Grade::B).touch(last);
    // Purchases as facts (a reopened buyer stays on the lead's rhythm).
    let with = |n: i64| {
        let mut c = case.clone();
        for i in 0..n {
            c.purchases.push(Purchase {
                id: i + 1,
                at: last - days(60) + days(i),
                product: None,
                amount_cents: None,
            });
        }
        c
    };
    let life = |c: &Case, idle: TimeDelta| c.life(last + idle);
    assert_eq!(life(&case, days(0)), Lifecycle::Intro);
    assert_eq!(life(&case, days(29)), Lifecycle::Intro);
    assert_eq!(life(&case, days(30) - secs(1)), Lifecycle::Intro);
    assert_eq!(life(&case, days(30)), Lifecycle::Dormant);
    assert_eq!(life(&case, days(89)), Lifecycle::Dormant);
    assert_eq!(life(&case, days(90) - secs(1)), Lifecycle::Dormant);
    assert_eq!(life(&case, days(90)), Lifecycle::Churned);
    assert_eq!(life(&case, days(400)), Lifecycle::Churned);
    // Purchases: one → growth, two (mature_after_purchases) → mature; idleness still wins.
    assert_eq!(life(&with(1), days(29)), Lifecycle::Growth);
    assert_eq!(life(&with(2), days(29)), Lifecycle::Mature);
    assert_eq!(life(&with(5), days(0)), Lifecycle::Mature);
    assert_eq!(life(&with(2), days(30)), Lifecycle::Dormant);
    assert_eq!(life(&with(2), days(90)), Lifecycle::Churned);
    // Never touched: counted from creation.
    let fresh = Case::new(c0());
    assert_eq!(fresh.life(c0() + days(29)), Lifecycle::Intro);
    assert_eq!(fresh.life(c0() + days(30)), Lifecycle::Dormant);
    // Lost is churned at once.
    let lost = Case::new(c0()).touch(last).lost();
    assert_eq!(lost.life(last), Lifecycle::Churned);
    // Names and parsing.
    let zh: Vec<&str> = Lifecycle::ALL.iter().map(|l| l.zh()).collect();
    assert_eq!(zh, ["引入期", "成长期", "成熟期", "休眠期", "流失期"]);
    assert_eq!("休眠期".parse::<Lifecycle>(), Ok(Lifecycle::Dormant));
    assert_eq!("Dormant".parse::<Lifecycle>(), Ok(Lifecycle::Dormant));
    let err = "sleepy".parse::<Lifecycle>().unwrap_err();
    assert_eq!(
        err,
        salesbook::domain::error::FieldError::UnknownLifecycle("sleepy".into())
    );
}

// ───────────────────────────── rotting ─────────────────────────────

#[test]
fn rotting_is_idle_in_the_stage_past_its_limit_with_nothing_ahead() {
    let t = tpl();
    let s = at("2026-03-02T09:00:00+08:00");
    let case = Case::new(s).grade(Grade::B);
    let c = &case.contact;
    // 挖需求 rots after 5 days.
    assert!(!followup::rotting(t, c, s, None, s + days(5)));
    assert!(followup::rotting(t, c, s, None, s + days(5) + secs(1)));
    // Something scheduled in the future keeps it fresh; an overdue one does not.
    let now = s + days(8);
    assert!(!followup::rotting(t, c, s, Some(now + secs(1)), now));
    assert!(followup::rotting(t, c, s, Some(now), now));
    assert!(followup::rotting(t, c, s, Some(s + days(1)), now));
    // A touch counts as activity.
    let touched = case.clone().touch(s + days(3));
    assert!(!followup::rotting(
        t,
        &touched.contact,
        s,
        None,
        s + days(8)
    ));
    assert!(followup::rotting(
        t,
        &touched.contact,
        s,
        None,
        s + days(8) + secs(1)
    ));
    // Entering a stage restarts the clock, with that stage's limit (提成交: 3 days).
    let moved = case.clone().stage(Stage::Close, s + days(10));
    let c = &moved.contact;
    assert!(!followup::rotting(t, c, c.stage_since, None, s + days(13)));
    assert!(followup::rotting(
        t,
        c,
        c.stage_since,
        None,
        s + days(13) + secs(1)
    ));
    // Won, lost and archived contacts never rot.
    let later = s + days(200);
    let won = case.clone().won(s + days(1), 1, None);
    assert!(!followup::rotting(t, &won.contact, s, None, later));
    assert!(!followup::rotting(
        t,
        &case.clone().lost().contact,
        s,
        None,
        later
    ));
    assert!(!followup::rotting(
        t,
        &case.clone().archived().contact,
        s,
        None,
        later
    ));
}

// ───────────────────────────── urgency and ranking ─────────────────────────────

#[test]
fn urgency_term_by_term() {
    let t = tpl();
    let now = at("2026-03-10T09:00:00+08:00");
    let case = Case::new(c0())
        .grade(Grade::A)
        .stage(Stage::Close, c0())
        .tag("意向/近期购买")
        .tag("客户来源/朋友圈");
    let c = &case.contact;
    let list = followup::urgency(t, c, Track::Cadence, 0, now - days(2), true, now);
    assert_eq!(
        terms(&list),
        [
            term("overdue 2.0d", 6.0),
            term("grade A", 30.0),
            term("stage close", 20.0),
            term("rotting", 10.0),
            term("tag 意向/近期购买", 15.0),
        ]
    );
    assert_eq!(followup::score(&list), 81.0);
    // Not yet due: no overdue term; hours and minutes are labelled as such.
    let list = followup::urgency(t, c, Track::Cadence, 0, now + mins(1), false, now);
    assert_eq!(
        terms(&list),
        [
            term("grade A", 30.0),
            term("stage close", 20.0),
            term("tag 意向/近期购买", 15.0),
        ]
    );
    let list = followup::urgency(t, c, Track::Cadence, 0, now - mins(90), false, now);
    assert_eq!(terms(&list)[0], term("overdue 1.5h", 3.0 * 90.0 / 1440.0));
    let list = followup::urgency(t, c, Track::Cadence, 0, now - mins(59), false, now);
    assert_eq!(terms(&list)[0], term("overdue 59m", 3.0 * 59.0 / 1440.0));
    // Each grade and stage has its weight; an ungraded contact has no grade term.
    for (g, w) in [(Grade::B, 15.0), (Grade::C, 5.0), (Grade::D, 0.0)] {
        let c = Case::new(c0()).grade(g).contact;
        let list = followup::urgency(t, &c, Track::Cadence, 0, now, false, now);
        assert_eq!(
            terms(&list),
            [term(&format!("grade {g}"), w), term("stage discover", 5.0)]
        );
    }
    let plain = Case::new(c0()).stage(Stage::Resolve, c0()).contact;
    assert_eq!(
        terms(&followup::urgency(
            t,
            &plain,
            Track::Cadence,
            0,
            now,
            false,
            now
        )),
        [term("stage resolve", 12.0)]
    );
}

#[test]
fn ranking_is_urgency_then_due_then_id() {
    let d1 = at("2026-03-01T09:00:00Z");
    let d2 = at("2026-03-02T09:00:00Z");
    let mut items = vec![
        (10.0, d2, 5),
        (56.0, d2, 9),
        (10.0, d1, 7),
        (56.0, d2, 3),
        (10.0, d1, 2),
        (0.0, d1, 1),
        (75.5, d2, 4),
    ];
    items.sort_by(|a, b| followup::rank_cmp(*a, *b));
    assert_eq!(
        items,
        [
            (75.5, d2, 4),
            (56.0, d2, 3),
            (56.0, d2, 9),
            (10.0, d1, 2),
            (10.0, d1, 7),
            (10.0, d2, 5),
            (0.0, d1, 1),
        ]
    );
    assert_eq!(
        followup::rank_cmp((1.0, d1, 1), (1.0, d1, 1)),
        Ordering::Equal
    );
    // A zero that rounded from a small negative ranks as zero.
    assert_eq!(
        followup::rank_cmp((-0.0, d1, 1), (0.0, d1, 2)),
        Ordering::Less
    );
}

// ───────────────────────────── calendars and clocks ─────────────────────────────

#[test]
fn month_ends_roll_over_cleanly() {
    // Grade B with every step one day apart, from 2026-01-31.
    let mut t = tpl().clone();
    for s in &mut t.cadences.get_mut("grade-b").unwrap().steps {
        s.after = days(1);
    }
    let created = at("2026-01-31T10:00:00+08:00");
    let mut case = Case::new(created).grade(Grade::B);
    let show_t = |c: &Case, now| show(&c.plan_with(&t, now, cn()), cn());
    assert_eq!(
        show_t(&case, created),
        ["first_response#0 2026-01-31 10:10:00 welcome"]
    );
    let steps = [
        ("2026-01-31T10:05:00+08:00", "cadence#0 2026-02-01 10:05:00"),
        ("2026-02-01T10:10:00+08:00", "cadence#1 2026-02-02 10:10:00"),
        ("2026-02-02T23:00:00+08:00", "cadence#2 2026-02-03 23:00:00"),
        ("2026-02-03T23:30:00+08:00", "cadence#3 2026-02-04 23:30:00"),
    ];
    for (when, expected) in steps {
        case = case.touch(at(when));
        let got = show_t(&case, at(when));
        assert_eq!(got.len(), 1);
        assert!(got[0].starts_with(expected), "{got:?} vs {expected}");
    }
    // February 2026 has 28 days: the 28th plus a day is March 1st.
    let feb = Case::new(at("2026-02-27T08:00:00+08:00"))
        .grade(Grade::B)
        .touch(at("2026-02-27T08:05:00+08:00"))
        .touch(at("2026-02-28T20:00:00+08:00"));
    assert!(
        show_t(&feb, at("2026-02-28T20:00:00+08:00"))[0]
            .starts_with("cadence#1 2026-03-01 20:00:00")
    );
    // With the default A cadence: 1d then 2d across the month end.
    let a = Case::new(created).grade(Grade::A).touches(&[
        at("2026-01-31T10:05:00+08:00"),
        at("2026-01-31T22:00:00+08:00"),
    ]);
    assert_eq!(
        a.show(at("2026-01-31T22:00:00+08:00")),
        ["cadence#1 2026-02-01 22:00:00 invite-experience"]
    );
    let a = a.touch(at("2026-02-01T23:00:00+08:00"));
    assert_eq!(
        a.show(at("2026-02-01T23:00:00+08:00")),
        ["cadence#2 2026-02-03 23:00:00 limited-benefit"]
    );
    // A monthly product bought on the 31st: reminded 25 days later.
    let w = at("2026-01-31T12:00:00+08:00");
    let buyer = Case::new(created)
        .grade(Grade::A)
        .won(w, 1, Some("家庭营养礼盒"));
    assert_eq!(
        buyer.show(w)[1],
        "repurchase#0/p1 2026-02-25 12:00:00 repurchase-reminder"
    );
}

#[test]
fn a_touch_after_local_midnight_is_a_new_day() {
    // Created a minute before midnight in +08:00 (15:59 UTC).
    let created = at("2026-03-02T23:59:00+08:00");
    let case = Case::new(created).grade(Grade::A);
    assert_eq!(
        case.show(created),
        ["first_response#0 2026-03-03 00:09:00 welcome"]
    );
    let t0 = at("2026-03-02T23:59:20+08:00");
    let t1 = at("2026-03-02T23:59:40+08:00");
    let case = case.touches(&[t0, t1]);
    assert_eq!(
        case.show(t1),
        ["cadence#1 2026-03-03 23:59:40 invite-experience"]
    );
    // 00:01 local the next day — still the same UTC day (16:01Z) — is a new day.
    let t2 = at("2026-03-03T00:01:00+08:00");
    assert_eq!(t2.date_naive(), t1.date_naive(), "same UTC date");
    let next = case.clone().touch(t2);
    assert_eq!(
        next.show(t2),
        ["cadence#2 2026-03-05 00:01:00 limited-benefit"]
    );
    // Planned in UTC, the two touches share a day: no step completed, the count restarts.
    assert_eq!(
        show(&next.plan_in(t2, utc0()), cn()),
        ["cadence#1 2026-03-04 00:01:00 invite-experience"]
    );
    // The other way round: 00:01 and 23:59 of one +08:00 day are two UTC dates.
    let a = at("2026-03-04T00:01:00+08:00");
    let b = at("2026-03-04T23:59:00+08:00");
    assert_ne!(a.date_naive(), b.date_naive());
    let base = Case::new(c0())
        .grade(Grade::A)
        .touches(&[c0() + mins(5), c0() + mins(10), a]);
    assert_eq!(
        base.show(a),
        ["cadence#2 2026-03-06 00:01:00 limited-benefit"]
    );
    let same = base.touch(b);
    assert_eq!(
        same.show(b),
        ["cadence#2 2026-03-06 23:59:00 limited-benefit"]
    );
    assert_eq!(
        show(&same.plan_in(b, utc0()), cn()),
        ["cadence#3 2026-03-08 23:59:00 ask-concern"]
    );
}

#[test]
fn fixed_offsets_know_no_daylight_saving() {
    // 2026-03-08 is when New York moves to summer time; a fixed -05:00 does not.
    let ny = FixedOffset::west_opt(5 * 3600).unwrap();
    let created = at("2026-03-07T08:00:00-05:00");
    let t0 = at("2026-03-07T08:05:00-05:00");
    let t1 = at("2026-03-07T09:00:00-05:00");
    let case = Case::new(created).grade(Grade::A).touches(&[t0, t1]);
    let p = case.plan_in(t1, ny);
    assert_eq!(p[0].step, 1);
    assert_eq!(p[0].due - t1, TimeDelta::hours(24));
    assert_eq!(
        p[0].due.with_timezone(&ny).to_rfc3339(),
        "2026-03-08T09:00:00-05:00"
    );
    // 23:30 and 00:30 in -05:00 are two days, though in New York's summer time (-04:00)
    // both would fall on 03-09.
    let t2 = at("2026-03-08T23:30:00-05:00");
    let t3 = at("2026-03-09T00:30:00-05:00");
    let case = case.touches(&[t2, t3]);
    let p = case.plan_in(t3, ny);
    assert_eq!(p[0].step, 3);
    assert_eq!(
        p[0].due.with_timezone(&ny).to_rfc3339(),
        "2026-03-13T00:30:00-05:00"
    );
    assert_eq!(p[0].due - t3, TimeDelta::hours(96));
    // Every due is a whole number of 24-hour days from its anchor: same plan in any offset,
    // except for which touches share a day.
    let plain = Case::new(created).grade(Grade::B).touch(t0);
    for offset in [ny, cn(), utc0(), FixedOffset::east_opt(14 * 3600).unwrap()] {
        assert_eq!(only(&plain.plan_in(t0, offset)).due, t0 + days(1));
    }
}
