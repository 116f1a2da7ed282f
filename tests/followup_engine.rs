//! The follow-up engine (`salesbook::domain::followup`), rule by rule, with a fixed clock and
//! hand-built contacts and histories, against the built-in default template:
//! first response 10 min; grading asked 2 h after the first touch, then daily;
//! A = 0d, 1d, 2d, 4d then B's weekly tail; B = 1d, 7d×4, then 7d repeating; C = 2d, 4d,
//! 5d, then 4d, 6d repeating; aftercare = 12h, 60h, 11d, 3d, then the tier's rhythm;
//! dormant = 0d (only with a benefit), 15d×3 then every 15d, at most 2 touches per 30 days,
//! given up after 4 unanswered; dormant after 30 idle days, churned after 90.
//!
//! Then property tests (proptest) over random contacts, histories and clocks.

mod common;
#[path = "followup_engine/won_unrecorded_and_snoozed_wakeups.rs"]
mod won_unrecorded_and_snoozed_wakeups;

use chrono::{DateTime, FixedOffset, TimeDelta, Utc};
use proptest::prelude::*;
use salesbook::domain::followup::{
    self, Appointment, Closed, Facts, Inbound, Lifecycle, Planned, Purchase, Snooze, Term, Track,
};
use salesbook::domain::sop::Template;
use salesbook::domain::{Contact, Grade, Outcome, Stage, TagRef, Tier};
use salesbook::sop::Library;
use std::cmp::Ordering;
use std::sync::OnceLock;

// ───────────────────────────── helpers ─────────────────────────────

/// The built-in default template, parsed once.
fn tpl() -> &'static Template {
    static T: OnceLock<Template> = OnceLock::new();
    T.get_or_init(|| {
        Library::builtin("default")
            .expect("the default template is built in")
            .template
    })
}

/// An RFC 3339 time, as UTC.
fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s)
        .unwrap_or_else(|e| panic!("bad test time {s}: {e}"))
        .with_timezone(&Utc)
}

/// China Standard Time, the offset every test plans in unless it says otherwise.
fn cn() -> FixedOffset {
    FixedOffset::east_opt(8 * 3600).unwrap()
}

fn utc0() -> FixedOffset {
    FixedOffset::east_opt(0).unwrap()
}

fn days(n: i64) -> TimeDelta {
    TimeDelta::days(n)
}

fn mins(n: i64) -> TimeDelta {
    TimeDelta::minutes(n)
}

fn secs(n: i64) -> TimeDelta {
    TimeDelta::seconds(n)
}

/// A contact with its history, built step by step.
#[derive(Debug, Clone)]
struct Case {
    contact: Contact,
    won_at: Option<DateTime<Utc>>,
    touches: Vec<DateTime<Utc>>,
    inbound: Vec<Inbound>,
    closed: Vec<Closed>,
    snoozed: Vec<Snooze>,
    purchases: Vec<Purchase>,
    appointments: Vec<Appointment>,
}

impl Case {
    /// An open, ungraded contact in 挖需求, created at `created`.
    fn new(created: DateTime<Utc>) -> Case {
        Case {
            contact: common::blank_contact("张三", created),
            won_at: None,
            touches: Vec::new(),
            inbound: Vec::new(),
            closed: Vec::new(),
            snoozed: Vec::new(),
            purchases: Vec::new(),
            appointments: Vec::new(),
        }
    }

    fn id(mut self, id: i64) -> Case {
        self.contact.id = id;
        self
    }

    /// The grade as set when the contact was created.
    fn grade(mut self, g: Grade) -> Case {
        self.contact.grade = Some(g);
        self
    }

    /// The grade set (again) at `when`: cadences restart then.
    fn regrade(mut self, g: Option<Grade>, when: DateTime<Utc>) -> Case {
        self.contact.grade = g;
        self.contact.grade_since = when;
        self
    }

    fn stage(mut self, s: Stage, since: DateTime<Utc>) -> Case {
        self.contact.stage = s;
        self.contact.stage_since = since;
        self
    }

    fn tag(mut self, t: &str) -> Case {
        self.contact.tags.push(t.parse::<TagRef>().unwrap());
        self
    }

    fn lost(mut self) -> Case {
        self.contact.outcome = Outcome::Lost;
        self
    }

    fn archived(mut self) -> Case {
        self.contact.archived = true;
        self
    }

    /// An outgoing touch (message, call, meeting).
    fn touch(mut self, when: DateTime<Utc>) -> Case {
        self.touches.push(when);
        self.touches.sort();
        self.contact.last_touch_at = self.touches.last().copied();
        self
    }

    fn touches(self, list: &[DateTime<Utc>]) -> Case {
        list.iter().fold(self, |c, t| c.touch(*t))
    }

    /// `done` as the service records it: the follow-up closed at `when`, and a touch then.
    fn done(mut self, track: Track, step: u32, when: DateTime<Utc>) -> Case {
        self.snoozed
            .retain(|s| !(s.track == track && s.step == step));
        self.closed.push(Closed {
            track,
            step,
            purchase_id: None,
            at: when,
            skipped: false,
        });
        self.touch(when)
    }

    /// `skip`: closed at `when`, without a touch.
    fn skip(mut self, track: Track, step: u32, when: DateTime<Utc>) -> Case {
        self.snoozed
            .retain(|s| !(s.track == track && s.step == step));
        self.closed.push(Closed {
            track,
            step,
            purchase_id: None,
            at: when,
            skipped: true,
        });
        self
    }

    fn close_repurchase(mut self, purchase_id: i64, when: DateTime<Utc>) -> Case {
        self.closed.push(Closed {
            track: Track::Repurchase,
            step: 0,
            purchase_id: Some(purchase_id),
            at: when,
            skipped: false,
        });
        self
    }

    fn snooze(mut self, track: Track, step: u32, until: DateTime<Utc>) -> Case {
        self.snoozed.push(Snooze {
            track,
            step,
            purchase_id: None,
            until,
        });
        self
    }

    /// `won --product P` at `when`: won, moved to 理售后, the purchase recorded.
    fn won(mut self, when: DateTime<Utc>, purchase_id: i64, product: Option<&str>) -> Case {
        self.contact.outcome = Outcome::Won;
        if self.contact.stage != Stage::Aftercare {
            self.contact.stage = Stage::Aftercare;
            self.contact.stage_since = when;
        }
        self.won_at = Some(when);
        self.purchases.push(Purchase {
            id: purchase_id,
            at: when,
            product: product.map(str::to_string),
            amount_cents: None,
        });
        self
    }

    fn facts(&self) -> Facts<'_> {
        Facts {
            contact: &self.contact,
            grade_since: self.contact.grade_since,
            stage_since: self.contact.stage_since,
            won_at: self.won_at,
            touches: &self.touches,
            inbound: &self.inbound,
            closed: &self.closed,
            snoozed: &self.snoozed,
            purchases: &self.purchases,
            appointments: &self.appointments,
        }
    }

    fn plan_with(&self, t: &Template, now: DateTime<Utc>, offset: FixedOffset) -> Vec<Planned> {
        followup::plan(t, &self.facts(), now, offset)
    }

    fn plan_in(&self, now: DateTime<Utc>, offset: FixedOffset) -> Vec<Planned> {
        self.plan_with(tpl(), now, offset)
    }

    fn plan(&self, now: DateTime<Utc>) -> Vec<Planned> {
        self.plan_in(now, cn())
    }

    /// The customer's own message, question or like.
    fn inbound(mut self, when: DateTime<Utc>, text: &str) -> Case {
        self.inbound.push(Inbound {
            at: when,
            text: text.to_string(),
        });
        self.inbound.sort_by_key(|i| i.at);
        self
    }

    fn plan_full(&self) -> Vec<Planned> {
        followup::plan_full(tpl(), &self.facts(), cn())
    }

    fn life(&self, now: DateTime<Utc>) -> Lifecycle {
        followup::lifecycle_at(tpl(), &self.facts(), cn(), now)
    }

    /// The plan as readable lines, dues in +08:00.
    fn show(&self, now: DateTime<Utc>) -> Vec<String> {
        show(&self.plan(now), cn())
    }
}

/// "track#step[/pPURCHASE] YYYY-MM-DD HH:MM:SS script" per planned follow-up, in `offset`.
fn show(plan: &[Planned], offset: FixedOffset) -> Vec<String> {
    plan.iter()
        .map(|p| {
            let purchase = p
                .purchase_id
                .map(|id| format!("/p{id}"))
                .unwrap_or_default();
            format!(
                "{}#{}{purchase} {} {}",
                p.track.key(),
                p.step,
                p.due.with_timezone(&offset).format("%Y-%m-%d %H:%M:%S"),
                p.script.as_deref().unwrap_or("-")
            )
        })
        .collect()
}

fn only(plan: &[Planned]) -> &Planned {
    assert_eq!(
        plan.len(),
        1,
        "expected exactly one planned follow-up: {plan:#?}"
    );
    &plan[0]
}

fn terms(list: &[Term]) -> Vec<(String, f64)> {
    list.iter().map(|t| (t.name.clone(), t.points)).collect()
}

fn term(name: &str, points: f64) -> (String, f64) {
    (name.to_string(), points)
}

/// The created time most tests use: Monday 2026-03-02 09:00 in +08:00.
fn c0() -> DateTime<Utc> {
    at("2026-03-02T09:00:00+08:00")
}

// ───────────────────────── the template's numbers ─────────────────────────

#[test]
fn the_default_template_has_the_numbers_these_tests_assume() {
    let t = tpl();
    assert_eq!(t.first_response_minutes, 10);
    let g = t.grading.as_ref().unwrap();
    assert_eq!((g.after, g.every), (TimeDelta::hours(2), days(1)));
    assert_eq!(t.lifecycle.dormant_after_days, 30);
    assert_eq!(t.lifecycle.churned_after_days, 90);
    assert_eq!(t.lifecycle.mature_after_purchases, 2);
    let mins_of = |steps: &[salesbook::domain::sop::CadenceStep]| -> Vec<i64> {
        steps.iter().map(|s| s.after.num_minutes()).collect()
    };
    let after = |id: &str| mins_of(&t.cadences[id].steps);
    let repeat = |id: &str| mins_of(&t.cadences[id].repeat);
    let d = 1440;
    assert_eq!(after("grade-a"), [0, d, 2 * d, 4 * d]);
    assert_eq!(t.cadences["grade-a"].then.as_deref(), Some("grade-b"));
    assert_eq!(after("grade-b"), [d, 7 * d, 7 * d, 7 * d, 7 * d]);
    assert_eq!(repeat("grade-b"), [7 * d, 7 * d, 7 * d]);
    assert_eq!(after("grade-c"), [2 * d, 4 * d, 5 * d]);
    assert_eq!(repeat("grade-c"), [4 * d, 6 * d]);
    assert_eq!(after("aftercare"), [12 * 60, 60 * 60, 11 * d, 3 * d]);
    assert_eq!(repeat("tier-a"), [14 * d, 14 * d]);
    assert_eq!(repeat("tier-b"), [21 * d]);
    assert_eq!(repeat("tier-c"), [25 * d]);
    assert_eq!(after("dormant"), [0, 15 * d, 15 * d, 15 * d]);
    assert_eq!(t.cadences["dormant"].every, Some(days(15)));
    assert_eq!(t.cadences["dormant"].max_touches_per_30d, Some(2));
    assert_eq!(t.cadences["dormant"].give_up_after, Some(4));
    let cycle = |name: &str| {
        let p = t.product(name).unwrap();
        (p.cycle_days, p.remind_before_days, p.remind_every_days)
    };
    assert_eq!(cycle("家庭营养礼盒"), (30, 5, 5));
    assert_eq!(cycle("标准套装（季装）"), (90, 15, 15));
    assert_eq!(cycle("季度私教课"), (90, 15, 15));
    assert_eq!(cycle("年度服务"), (365, 30, 30));
    assert_eq!(t.stage(Stage::Discover).rot_after_days, Some(5));
    assert_eq!(t.stage(Stage::Close).rot_after_days, Some(3));
    assert_eq!(t.stage(Stage::Aftercare).rot_after_days, Some(45));
}

// ───────────────────────────── first response ─────────────────────────────

#[test]
fn a_new_lead_is_due_for_a_first_reply_ten_minutes_after_creation() {
    let case = Case::new(c0()).grade(Grade::A);
    let plan = case.plan(c0());
    let p = only(&plan);
    assert_eq!(p.track, Track::FirstResponse);
    assert_eq!(p.step, 0);
    assert_eq!(p.purchase_id, None);
    assert_eq!(p.due, at("2026-03-02T09:10:00+08:00"));
    assert_eq!(p.action, "欢迎语");
    assert_eq!(p.script.as_deref(), Some("welcome"));
    // The due does not depend on when the plan is made, nor on the grade.
    for now in [c0() + mins(9), c0() + mins(11), c0() + days(3)] {
        assert_eq!(case.plan(now), plan, "now = {now}");
    }
    let ungraded = Case::new(c0());
    assert_eq!(
        ungraded.show(c0() + days(1)),
        ["first_response#0 2026-03-02 09:10:00 welcome"]
    );
}

#[test]
fn a_late_first_reply_is_flagged_in_the_urgency_terms() {
    let case = Case::new(c0()).grade(Grade::A);
    let due = only(&case.plan(c0())).due;
    let t = tpl();
    // On time (even at the due minute): no breach, nothing overdue.
    for now in [c0(), c0() + mins(10)] {
        let list = followup::urgency(t, &case.contact, Track::FirstResponse, 0, due, false, now);
        assert_eq!(
            terms(&list),
            [term("grade A", 30.0), term("stage discover", 5.0)],
            "now = {now}"
        );
    }
    // 15 minutes past the limit.
    let now = c0() + mins(25);
    let list = followup::urgency(t, &case.contact, Track::FirstResponse, 0, due, false, now);
    assert_eq!(
        terms(&list),
        [
            term("overdue 15m", 3.0 * 15.0 / 1440.0),
            term("grade A", 30.0),
            term("stage discover", 5.0),
            term("first response late", 40.0),
        ]
    );
    assert_eq!(followup::score(&list), 75.03125);
    // The same lateness on a cadence step is no first-response breach.
    let list = followup::urgency(t, &case.contact, Track::Cadence, 0, due, false, now);
    assert!(!terms(&list).iter().any(|(n, _)| n == "first response late"));
}

// ───────────────────────────── grade A, day by day ─────────────────────────────

#[test]
fn grade_a_day_by_day_then_weekly_until_it_moves() {
    let t0 = at("2026-03-02T09:20:00+08:00");
    let t1 = at("2026-03-02T09:50:00+08:00");
    let t2 = at("2026-03-03T10:00:00+08:00");
    let t3 = at("2026-03-05T11:00:00+08:00");
    let t4 = at("2026-03-09T11:30:00+08:00");

    let mut case = Case::new(c0()).grade(Grade::A);
    assert_eq!(
        case.show(c0() + mins(5)),
        ["first_response#0 2026-03-02 09:10:00 welcome"]
    );

    // The first touch starts the cadence: the day-0 step is due at that touch.
    case = case.touch(t0);
    let plan = case.plan(t0);
    let p = only(&plan);
    assert_eq!((p.track, p.step, p.due), (Track::Cadence, 0, t0));
    assert_eq!(p.action, "当天深聊需求，发专属建议方案");
    assert_eq!(p.script.as_deref(), Some("tailored-plan"));

    // The next touch (the tailored plan sent) completes day 0: day 1 is due a day later.
    case = case.touch(t1);
    assert_eq!(
        case.show(t1),
        ["cadence#1 2026-03-03 09:50:00 invite-experience"]
    );
    assert_eq!(only(&case.plan(t1)).action, "跟进方案反馈，邀约通话或体验");
    // Nothing moves while nothing happens (overdue stays overdue).
    for now in [
        at("2026-03-02T23:59:59+08:00"),
        at("2026-03-03T09:50:00+08:00"),
        at("2026-03-04T09:00:00+08:00"),
        at("2026-03-20T09:00:00+08:00"),
    ] {
        assert_eq!(
            case.show(now),
            ["cadence#1 2026-03-03 09:50:00 invite-experience"],
            "now = {now}"
        );
    }

    case = case.touch(t2);
    assert_eq!(
        case.show(t2),
        ["cadence#2 2026-03-05 10:00:00 limited-benefit"]
    );
    case = case.touch(t3);
    assert_eq!(case.show(t3), ["cadence#3 2026-03-09 11:00:00 ask-concern"]);

    // Day 7 done: the lead does not fall silent — it continues with B's weekly tail, for
    // as long as the rep keeps it going.
    case = case.touch(t4);
    assert_eq!(case.show(t4), ["cadence#4 2026-03-16 11:30:00 case-share"]);
    let weekly = [
        (
            "2026-03-16T10:00:00+08:00",
            "cadence#5 2026-03-23 10:00:00 weekly-tip",
        ),
        (
            "2026-03-23T10:00:00+08:00",
            "cadence#6 2026-03-30 10:00:00 budget-intent",
        ),
        (
            "2026-03-30T10:00:00+08:00",
            "cadence#7 2026-04-06 10:00:00 case-share",
        ),
    ];
    for (when, expected) in weekly {
        case = case.touch(at(when));
        assert_eq!(case.show(at(when)), [expected], "after the touch at {when}");
    }
    // A move to the next stage starts the cadence again from day 0.
    let moved = case.stage(Stage::Pitch, at("2026-04-01T09:00:00+08:00"));
    assert_eq!(
        moved.show(at("2026-04-01T09:00:00+08:00")),
        ["cadence#0 2026-04-01 09:00:00 tailored-plan"]
    );
}

#[test]
fn an_a_grade_left_idle_for_30_days_moves_to_reactivation() {
    let t0 = at("2026-03-02T09:20:00+08:00");
    let t1 = at("2026-03-02T09:50:00+08:00");
    let case = Case::new(c0()).grade(Grade::A).touches(&[t0, t1]);
    // One second before dormancy: still the cadence step (overdue).
    assert_eq!(
        case.show(t1 + days(30) - secs(1)),
        ["cadence#1 2026-03-03 09:50:00 invite-experience"]
    );
    // From the moment the contact became dormant: reactivation, due then. Without an
    // unused benefit, the wake-up never claims one: it starts with news.
    for now in [t1 + days(30), t1 + days(45)] {
        assert_eq!(
            case.show(now),
            ["reactivation#0 2026-04-01 09:50:00 wake-news"],
            "now = {now}"
        );
    }
    // A contact tagged with an unused benefit is reminded of it first.
    let with_benefit = case.clone().tag("账户权益/有未用优惠券");
    assert_eq!(
        with_benefit.show(t1 + days(30)),
        ["reactivation#0 2026-04-01 09:50:00 wake-benefit"]
    );
    // A touch after going dormant is the first reactivation touch: the next is 15 days on.
    let late = at("2026-04-03T10:00:00+08:00");
    assert_eq!(
        case.clone().touch(late).show(late),
        ["reactivation#1 2026-04-18 10:00:00 wake-material"]
    );
}

#[test]
fn a_single_touch_then_silence_is_day_0_until_dormancy() {
    let t0 = at("2026-03-02T09:20:00+08:00");
    let case = Case::new(c0()).grade(Grade::A).touch(t0);
    assert_eq!(
        case.show(t0 + days(29)),
        ["cadence#0 2026-03-02 09:20:00 tailored-plan"]
    );
    assert_eq!(
        case.show(t0 + days(30)),
        ["reactivation#0 2026-04-01 09:20:00 wake-news"]
    );
}

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
    assert!(p.action.contains("lost"));
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

// ───────────────────────────── properties ─────────────────────────────

const PRODUCTS: [Option<&str>; 5] = [
    Some("家庭营养礼盒"),
    Some("标准套装（季装）"),
    Some("年度服务"),
    Some("神秘礼盒"),
    None,
];

/// A random contact and history: times are minutes after a base, touches and closes
/// happen between creation and "now", as in a real book.
#[derive(Debug, Clone)]
struct Random {
    case: Case,
    now: DateTime<Utc>,
    offset: FixedOffset,
}

fn base() -> DateTime<Utc> {
    at("2026-01-01T00:00:00Z")
}

fn grade_strategy() -> impl Strategy<Value = Option<Grade>> {
    prop_oneof![
        Just(None),
        Just(Some(Grade::A)),
        Just(Some(Grade::B)),
        Just(Some(Grade::C)),
        Just(Some(Grade::D)),
    ]
}

fn track_strategy() -> impl Strategy<Value = Track> {
    prop_oneof![
        Just(Track::FirstResponse),
        Just(Track::Cadence),
        Just(Track::Aftercare),
        Just(Track::Repurchase),
        Just(Track::Reactivation),
    ]
}

prop_compose! {
    fn random_case()(
        created_min in 0i64..60 * 1440,
        span in prop_oneof![0i64..180, 0i64..3 * 1440, 0i64..200 * 1440],
        grade in grade_strategy(),
        grade_at in 0.0f64..1.0,
        outcome in 0u8..10,
        archived in proptest::bool::weighted(0.05),
        touch_at in proptest::collection::vec(0.0f64..1.0, 0..14),
        closed in proptest::collection::vec((track_strategy(), 0u32..7, 0.0f64..1.0, any::<bool>()), 0..6),
        buys in proptest::collection::vec((0usize..PRODUCTS.len(), 0.0f64..1.0), 0..4),
        offset_h in -12i32..=14,
        snooze in proptest::option::weighted(0.3, (any::<prop::sample::Index>(), 1i64..60 * 1440)),
        snap in 0u8..4,
    ) -> Random {
        let created = base() + mins(created_min);
        let now = created + mins(span);
        let within = |f: f64| created + secs((span as f64 * 60.0 * f) as i64);
        let mut case = Case::new(created).id(created_min % 97 + 1);
        // Sometimes the grade is set, or the last touch made, at "now" itself: the rep acts
        // within the same second.
        let grade_at = if snap == 1 { 1.0 } else { grade_at * grade_at };
        if let Some(g) = grade {
            case = case.regrade(Some(g), within(grade_at));
        }
        let mut times: Vec<DateTime<Utc>> = touch_at.iter().map(|f| within(*f)).collect();
        if snap == 2 && !times.is_empty() {
            times.push(now);
        }
        times.sort();
        case = case.touches(&times);
        for (track, step, f, with_touch) in closed {
            let when = within(f);
            case = if with_touch {
                case.done(track, step, when)
            } else {
                case.skip(track, step, when)
            };
        }
        // Purchases (wins) in time order, each a new id.
        let mut wins: Vec<(DateTime<Utc>, Option<&str>)> =
            buys.iter().map(|(p, f)| (within(*f), PRODUCTS[*p])).collect();
        wins.sort();
        let has_wins = !wins.is_empty();
        for (i, (when, product)) in wins.into_iter().enumerate() {
            case = case.won(when, i as i64 + 1, product);
        }
        // Some buyers were reopened (open again, history kept), some lost.
        match outcome {
            0 if has_wins => case.contact.outcome = Outcome::Open,
            1 => case.contact.outcome = Outcome::Lost,
            _ => {}
        }
        if archived {
            case = case.archived();
        }
        let offset = FixedOffset::east_opt(offset_h * 3600).unwrap();
        // A snooze as the service makes one: of a currently planned follow-up, to a later time.
        if let Some((pick, ahead)) = snooze {
            let plan = case.plan_in(now, offset);
            if !plan.is_empty() {
                let p = &plan[pick.index(plan.len())];
                case.snoozed.push(Snooze {
                    track: p.track,
                    step: p.step,
                    purchase_id: p.purchase_id,
                    until: now + mins(ahead),
                });
            }
        }
        Random { case, now, offset }
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 512,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    /// (a) Nothing is ever due before the contact existed.
    #[test]
    fn nothing_is_due_before_creation(r in random_case()) {
        for p in r.case.plan_in(r.now, r.offset) {
            prop_assert!(p.due >= r.case.contact.created_at, "{p:?} before {}", r.case.contact.created_at);
        }
    }

    /// (b) A wake-up done at its due never puts more than the cap in the 30 days up to it
    /// (the suggestion to mark a given-up contact lost is no message to the customer).
    #[test]
    fn reactivation_never_plans_past_the_cap(r in random_case()) {
        let cap = tpl().cadences["dormant"].max_touches_per_30d.unwrap() as usize;
        let give_up = tpl().cadences["dormant"].give_up_after.unwrap();
        for p in r.case.plan_in(r.now, r.offset).iter().filter(|p| p.track == Track::Reactivation && p.step < give_up) {
            let mut touches = r.case.touches.clone();
            touches.push(p.due);
            touches.sort();
            let window = touches
                .iter()
                .filter(|t| **t > p.due - days(30) && **t <= p.due)
                .count();
            prop_assert!(window <= cap, "{window} touches in the 30 days up to {:?}: {touches:?}", p.due);
            let since = p.starts.unwrap_or(p.due);
            prop_assert_eq!(followup::touches_over_cap(tpl(), &touches, since, p.due), 0);
        }
    }

    /// (c) After `done` at t, what the track asks for next is strictly later than t, and it
    /// is the next step: exactly one step further on the same track (or reactivation).
    #[test]
    fn after_done_the_next_step_is_strictly_later(
        r in random_case(),
        later in prop_oneof![Just(0i64), 0i64..3 * 1440, 0i64..40 * 1440],
    ) {
        let plan = r.case.plan_in(r.now, r.offset);
        let t = r.now + mins(later);
        for p in &plan {
            let mut done = r.case.clone();
            done.snoozed.retain(|s| !(s.track == p.track && s.step == p.step && s.purchase_id == p.purchase_id));
            done.closed.push(Closed { track: p.track, step: p.step, purchase_id: p.purchase_id, at: t, skipped: false });
            done = done.touch(t);
            let next = done.plan_in(t, r.offset);
            for q in &next {
                let same_track = match p.track {
                    Track::Repurchase => q.purchase_id == p.purchase_id,
                    Track::FirstResponse => q.track == Track::FirstResponse,
                    _ => matches!(q.track, Track::Cadence | Track::Aftercare | Track::Reactivation),
                };
                if same_track {
                    prop_assert!(q.due > t, "done {p:?} at {t}, next {q:?}");
                }
                match (p.track, q.track) {
                    (Track::Cadence, Track::Cadence) | (Track::Aftercare, Track::Aftercare) => {
                        prop_assert_eq!(q.step, p.step + 1, "done {:?} at {}, next {:?}", p, t, q);
                    }
                    (Track::Reactivation, Track::Reactivation) => {
                        // One step on; or, done before dormancy began, dormancy counts again.
                        prop_assert!(
                            q.step == p.step + 1 || (p.step == 0 && q.step == 0),
                            "done {p:?} at {t}, next {q:?}"
                        );
                    }
                    _ => {}
                }
            }
        }
    }

    /// (d) Ranking is a total order: any input order sorts to the same list, ranked by
    /// urgency (desc), then due, then id.
    #[test]
    fn ranking_is_a_total_order(
        rs in proptest::collection::vec(random_case(), 1..8),
        seed in any::<u64>(),
    ) {
        let now = rs[0].now;
        let mut items: Vec<(f64, DateTime<Utc>, i64)> = Vec::new();
        let mut id = 0;
        for r in &rs {
            for p in r.case.plan_in(r.now, r.offset) {
                let terms = followup::urgency(tpl(), &r.case.contact, p.track, 0, p.due, id % 3 == 0, now);
                let score = (followup::score(&terms) * 10.0).round() / 10.0;
                // Ties on urgency and on due, on purpose.
                id += 1;
                items.push((score, p.due, id));
                items.push((score, p.due, id + 1000));
            }
        }
        let mut sorted = items.clone();
        sorted.sort_by(|a, b| followup::rank_cmp(*a, *b));
        let mut shuffled = items.clone();
        let mut s = seed;
        for i in (1..shuffled.len()).rev() {
            s = s.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            shuffled.swap(i, (s >> 33) as usize % (i + 1));
        }
        shuffled.sort_by(|a, b| followup::rank_cmp(*a, *b));
        prop_assert_eq!(&shuffled, &sorted);
        let mut reversed: Vec<_> = items.iter().rev().copied().collect();
        reversed.sort_by(|a, b| followup::rank_cmp(*a, *b));
        prop_assert_eq!(&reversed, &sorted);
        for w in sorted.windows(2) {
            let (a, b) = (w[0], w[1]);
            prop_assert!(
                a.0 > b.0 || (a.0 == b.0 && (a.1 < b.1 || (a.1 == b.1 && a.2 < b.2))),
                "{a:?} before {b:?}"
            );
            prop_assert_eq!(followup::rank_cmp(a, b), Ordering::Less);
            prop_assert_eq!(followup::rank_cmp(b, a), Ordering::Greater);
        }
    }

    /// (e) The engine is a function of its inputs.
    #[test]
    fn the_engine_is_deterministic(r in random_case()) {
        let a = r.case.plan_in(r.now, r.offset);
        let b = r.case.clone().plan_in(r.now, r.offset);
        prop_assert_eq!(&a, &b);
        // Closed entries in another order plan the same.
        let mut rev = r.case.clone();
        rev.closed.reverse();
        prop_assert_eq!(&rev.plan_in(r.now, r.offset), &a);
        // Dues come sorted.
        prop_assert!(a.windows(2).all(|w| w[0].due <= w[1].due));
        for p in &a {
            let t1 = followup::urgency(tpl(), &r.case.contact, p.track, 0, p.due, false, r.now);
            let t2 = followup::urgency(tpl(), &r.case.contact, p.track, 0, p.due, false, r.now);
            prop_assert_eq!(t1, t2);
        }
    }
}

#[test]
fn tracks_print_as_their_stored_keys_and_read_back() {
    assert_eq!(Track::FirstResponse.to_string(), "first_response");
    assert_eq!(Track::AfterAppointment.to_string(), "after_appointment");
    for t in Track::ALL {
        assert_eq!(t.to_string(), t.key());
        assert_eq!(t.to_string().parse::<Track>(), Ok(t));
    }
}

#[test]
fn the_last_purchase_is_the_latest_ones_product_as_recorded() {
    let start = c0();
    let case = Case::new(start);
    assert_eq!(case.facts().last_purchase(), None, "before any purchase");
    let case = case.won(start + days(1), 1, Some("面霜"));
    assert_eq!(case.facts().last_purchase(), Some(Some("面霜")));
    // A later purchase with no product recorded: known to have bought, product unknown.
    let mut case = case;
    case.purchases.push(Purchase {
        id: 2,
        at: start + days(5),
        product: None,
        amount_cents: Some(9_900),
    });
    assert_eq!(case.facts().last_purchase(), Some(None));
}
