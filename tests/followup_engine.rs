//! The follow-up engine (`salesbook::domain::followup`), rule by rule, with a fixed clock and
//! hand-built contacts and histories, against the built-in default template:
//! first response 10 min; grading asked 2 h after the first touch, then daily;
//! A = 0d, 1d, 2d, 4d then B's weekly tail; B = 1d, 7d×4, then 7d repeating; C = 2d, 4d,
//! 5d, then 4d, 6d repeating; aftercare = 12h, 60h, 11d, 3d, then the tier's rhythm;
//! dormant = 0d (only with a benefit), 15d×3 then every 15d, at most 2 touches per 30 days,
//! given up after 4 unanswered; dormant after 30 idle days, churned after 90.
//!
//! This file holds the helpers, the template's numbers, first replies and grade A day by
//! day; the other rules are in the modules under `followup_engine/`, the property tests
//! (proptest, random contacts, histories and clocks) in `followup_engine/properties.rs`.

mod common;
#[path = "followup_engine/customers_and_dormancy.rs"]
mod customers_and_dormancy;
#[path = "followup_engine/lifecycle_urgency_and_clocks.rs"]
mod lifecycle_urgency_and_clocks;
#[path = "followup_engine/other_grades_and_the_same_day.rs"]
mod other_grades_and_the_same_day;
#[path = "followup_engine/properties.rs"]
mod properties;
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

/// The built-in default template, parsed once, without its contact hours: these tests
/// follow the rhythm to the minute, at any hour (`contact_hours.rs` in this folder has
/// the hours' own).
fn tpl() -> &'static Template {
    static T: OnceLock<Template> = OnceLock::new();
    T.get_or_init(|| Template {
        contact_hours: None,
        ..builtin()
    })
}

/// The built-in default template as it is.
fn builtin() -> Template {
    Library::builtin("default")
        .expect("the default template is built in")
        .template
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
            conversations: &[],
            closed: &self.closed,
            snoozed: &self.snoozed,
            purchases: &self.purchases,
            appointments: &self.appointments,
            arrived: None,
            prior_contact: None,
            resumed: None,
            lost_at: None,
            template_since: None,
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
    let hours = builtin()
        .contact_hours
        .expect("the default has contact hours");
    assert_eq!(
        (hours.start.to_string(), hours.end.to_string()),
        ("09:00:00".into(), "21:00:00".into())
    );
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
