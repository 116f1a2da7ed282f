//! The walk against the built-in default template, reshaped where a rule only shows on
//! another shape of cadence: a cadence with no tail, a dormancy threshold one step
//! long, wake-up steps past the ones the template lists.
use super::*;
use crate::domain::Grade;
use crate::domain::fixtures::{History, at, cn, default_template};
use crate::domain::followup::{Inbound, plan_full};
use crate::domain::script_values::ScriptValues;

fn t0() -> DateTime<Utc> {
    at("2026-03-02T10:00:00+08:00")
}

fn days(n: i64) -> TimeDelta {
    TimeDelta::days(n)
}

/// A lead created at `t0`, graded `grade` then, first touched at `t0`.
fn lead(grade: Option<Grade>) -> History {
    let mut h = History::new(t0());
    h.contact.grade = grade;
    h.touches.push(t0());
    h
}

/// The plan's items on `track`.
fn on(t: &Template, h: &History, track: Track) -> Vec<Planned> {
    plan_full(t, &h.facts(), cn())
        .into_iter()
        .filter(|p| p.track == track)
        .collect()
}

fn standing_of(t: &Template, h: &History) -> Standing {
    let f = h.facts();
    let who = ScriptValues::new(t, f.contact, None, f.last_purchase());
    standing(t, &f, &who, cn())
}

/// The default template with grade A's cadence ending after its steps (no `then`).
fn a_without_tail() -> Template {
    let mut t = default_template();
    let a = t.cadences.get_mut("grade-a").expect("grade-a");
    a.then = None;
    a.repeat.clear();
    a.every = None;
    assert!(t.tail(&t.cadences["grade-a"]).is_empty());
    t
}

#[test]
fn a_cadence_without_a_tail_plans_each_step_then_goes_idle() {
    let t = a_without_tail();
    let steps = t.cadences["grade-a"].steps.clone();
    assert_eq!(steps.len(), 4);
    let mut h = lead(Some(Grade::A));
    // The first touch starts the cadence: its first step is planned from it.
    let first = on(&t, &h, Track::Cadence);
    assert_eq!(first.len(), 1, "{first:?}");
    assert_eq!(first[0].step, 0);
    assert_eq!(first[0].due, t0() + steps[0].after);
    assert_eq!(first[0].action, steps[0].action);
    // Each touch on a new day completes one step; the next is planned from it.
    for (n, step) in steps.iter().enumerate().skip(1) {
        let touched = t0() + days(n as i64);
        h.touches.push(touched);
        let items = on(&t, &h, Track::Cadence);
        assert_eq!(items.len(), 1, "after {n} steps: {items:?}");
        assert_eq!(items[0].step, n as u32);
        assert_eq!(items[0].due, touched + step.after.max(MIN_GAP));
        assert_eq!(items[0].action, step.action);
        assert_eq!(items[0].expires, Some(touched + days(30)));
    }
    // The last step done: nothing left on the cadence, only waking at dormancy.
    let last = t0() + days(4);
    h.touches.push(last);
    assert!(on(&t, &h, Track::Cadence).is_empty());
    let wake = on(&t, &h, Track::Reactivation);
    assert_eq!(wake.len(), 1, "{wake:?}");
    assert_eq!((wake[0].step, wake[0].due), (0, last + days(30)));
    assert_eq!(standing_of(&t, &h).dormant_at, Some(last + days(30)));
}

#[test]
fn an_answer_to_a_wake_up_restarts_a_cadence_without_a_tail() {
    let t = a_without_tail();
    let steps = t.cadences["grade-a"].steps.clone();
    let mut h = lead(Some(Grade::A));
    // Idle past dormancy, one wake-up touch, then the customer answers.
    h.touches.push(t0() + days(31));
    assert!(on(&t, &h, Track::Cadence).is_empty());
    let answered = t0() + days(32);
    h.inbound.push(Inbound {
        at: answered,
        text: "在的".into(),
    });
    // Back on the cadence from its first step, the wake-up over.
    let items = on(&t, &h, Track::Cadence);
    assert_eq!(items.len(), 1, "{items:?}");
    assert_eq!(items[0].step, 0);
    assert_eq!(items[0].due, answered + steps[0].after);
    assert_eq!(items[0].action, steps[0].action);
    let s = standing_of(&t, &h);
    assert_eq!((s.dormant_at, s.wake), (Some(answered + days(30)), None));
}

#[test]
fn a_touch_after_an_idle_lead_went_dormant_is_the_first_wake_up() {
    let t = default_template();
    // Ungraded: no cadence, so the lead is idle from its first touch.
    let mut h = lead(None);
    assert_eq!(standing_of(&t, &h).dormant_at, Some(t0() + days(30)));
    // A touch within the threshold keeps it idle, dormant 30 days after that touch.
    h.touches.push(t0() + days(10));
    assert_eq!(standing_of(&t, &h).dormant_at, Some(t0() + days(40)));
    // A touch 31 days later wakes it: dormant since day 40, one attempt.
    let touched = t0() + days(41);
    h.touches.push(touched);
    assert_eq!(
        standing_of(&t, &h),
        Standing {
            dormant_at: None,
            wake: Some(Wake {
                since: t0() + days(40),
                attempts: 1,
                gave_up: false,
            }),
        }
    );
    // The next wake-up step (the second that fits an untagged contact), 15 days on.
    let wake = on(&t, &h, Track::Reactivation);
    assert_eq!(wake.len(), 1, "{wake:?}");
    assert_eq!(wake[0].step, 1);
    assert_eq!(wake[0].starts, Some(t0() + days(40)));
    assert_eq!(wake[0].due, touched + days(15));
    assert_eq!(wake[0].script.as_deref(), Some("wake-material"));
}

#[test]
fn touches_after_giving_up_still_count_as_attempts() {
    let t = default_template();
    assert_eq!(t.cadences["dormant"].give_up_after, Some(4));
    let mut h = lead(None);
    // Dormant at day 30; four unanswered wake-ups, the cap of two per 30 days kept.
    for d in [31, 47, 63, 79] {
        h.touches.push(t0() + days(d));
    }
    let gave_up = |h: &History| {
        let s = standing_of(&t, h);
        let w = s.wake.expect("waking");
        assert!(w.gave_up);
        assert_eq!(w.since, t0() + days(30));
        let items = on(&t, h, Track::Reactivation);
        assert_eq!(items.len(), 1, "{items:?}");
        (w.attempts, items[0].step, items[0].due)
    };
    assert_eq!(gave_up(&h), (4, 4, t0() + days(80)));
    // The rep tries once more anyway: a fifth attempt, the suggestion a day after it.
    h.touches.push(t0() + days(85));
    assert_eq!(gave_up(&h), (5, 5, t0() + days(86)));
}

#[test]
fn a_step_due_at_the_very_moment_of_dormancy_is_not_planned() {
    let mut t = default_template();
    let b_first = t.cadences["grade-b"].steps[0].after;
    assert_eq!(b_first, days(1));
    let h = lead(Some(Grade::B));
    // Dormant two days after the touch: B's first step, a day after it, is planned.
    t.lifecycle.dormant_after_days = 2;
    let items = on(&t, &h, Track::Cadence);
    assert_eq!(items.len(), 1, "{items:?}");
    assert_eq!(
        (items[0].due, items[0].expires),
        (t0() + days(1), Some(t0() + days(2)))
    );
    // Dormant one day after it: the step would fall due as the lead goes dormant, so
    // waking it is all there is.
    t.lifecycle.dormant_after_days = 1;
    assert!(on(&t, &h, Track::Cadence).is_empty());
    let wake = on(&t, &h, Track::Reactivation);
    assert_eq!(wake.len(), 1, "{wake:?}");
    assert_eq!(wake[0].due, t0() + days(1));
}

#[test]
fn without_a_tail_only_the_wake_up_steps_that_fit_are_used() {
    let mut t = default_template();
    let dormant = t.cadences.get_mut("dormant").expect("dormant");
    dormant.every = None;
    dormant.repeat.clear();
    // The first step needs the account-benefit tag, which this contact lacks.
    assert_eq!(dormant.steps[0].script.as_deref(), Some("wake-benefit"));
    let news = dormant.steps[1].clone();
    let h = lead(None);
    let wake = on(&t, &h, Track::Reactivation);
    assert_eq!(wake.len(), 1, "{wake:?}");
    assert_eq!(wake[0].step, 0);
    assert_eq!(wake[0].due, t0() + days(30));
    assert_eq!(wake[0].action, news.action);
    assert_eq!(wake[0].script, news.script);
}

#[test]
fn wake_up_steps_past_the_list_take_the_repeating_ones_in_turn() {
    let mut t = default_template();
    let dormant = t.cadences.get_mut("dormant").expect("dormant");
    // Four steps that all fit, three repeating ones, no giving up.
    for s in &mut dormant.steps {
        s.script = None;
    }
    let n = dormant.steps.len();
    assert_eq!(n, 4);
    dormant.repeat = ["甲", "乙", "丙"]
        .iter()
        .map(|a| CadenceStep {
            after: days(15),
            action: a.to_string(),
            script: None,
        })
        .collect();
    dormant.give_up_after = None;
    let steps = dormant.steps.clone();
    let mut h = lead(None);
    // Dormant at day 30; attempt k plans step k: the listed steps, then 甲 乙 丙 甲 乙.
    let want: Vec<&str> = steps
        .iter()
        .skip(1)
        .map(|s| s.action.as_str())
        .chain(["甲", "乙", "丙", "甲", "乙"])
        .collect();
    for (k, action) in want.iter().enumerate() {
        let attempt = k as u32 + 1;
        h.touches.push(t0() + days(31 + 20 * k as i64));
        let wake = on(&t, &h, Track::Reactivation);
        assert_eq!(wake.len(), 1, "attempt {attempt}: {wake:?}");
        assert_eq!(wake[0].step, attempt);
        assert_eq!(wake[0].action, *action, "attempt {attempt}");
    }
}

#[test]
fn a_lead_whose_first_reply_was_skipped_goes_on_with_its_cadence_from_the_skip() {
    use crate::domain::followup::Closed;
    let t = default_template();
    let skipped_at = t0() + TimeDelta::hours(2);
    let skip = Closed {
        track: Track::FirstResponse,
        step: 0,
        purchase_id: None,
        at: skipped_at,
        skipped: true,
    };
    // Graded B and never touched: the welcome skipped, B's cadence starts at the skip.
    let mut h = History::new(t0());
    h.contact.grade = Some(Grade::B);
    assert!(on(&t, &h, Track::Cadence).is_empty(), "no rhythm before");
    h.closed.push(skip.clone());
    assert!(
        on(&t, &h, Track::FirstResponse).is_empty(),
        "not asked again"
    );
    let b = &t.cadences["grade-b"].steps[0];
    let cadence = on(&t, &h, Track::Cadence);
    assert_eq!(cadence.len(), 1, "{cadence:?}");
    assert_eq!(cadence[0].step, 0);
    assert_eq!(
        cadence[0].due,
        t.contact_hours
            .expect("the default has hours")
            .within(skipped_at + b.after, cn())
    );
    // Ungraded: nothing to pace by, but it is not forgotten — woken when it goes quiet.
    let mut h = History::new(t0());
    h.closed.push(skip.clone());
    let wake = on(&t, &h, Track::Reactivation);
    assert_eq!(wake.len(), 1, "{wake:?}");
    assert!(
        wake[0].due >= skipped_at + days(i64::from(t.lifecycle.dormant_after_days))
            && wake[0].due < skipped_at + days(i64::from(t.lifecycle.dormant_after_days) + 2),
        "{:?}",
        wake[0].due
    );
    // A touch after the skip is a step on that cadence, not a new start: the step done
    // is not asked again (a property test found step 1 planned twice).
    let mut h = History::new(t0());
    h.contact.grade = Some(Grade::B);
    h.closed.push(skip.clone());
    // The cadence's first step skipped too, then the second done a minute later.
    h.closed.push(Closed {
        track: Track::Cadence,
        step: 0,
        purchase_id: None,
        at: skipped_at,
        skipped: true,
    });
    let first = on(&t, &h, Track::Cadence);
    assert_eq!(first[0].step, 1, "{first:?}");
    let touched = skipped_at + TimeDelta::minutes(1);
    h.closed.push(Closed {
        track: Track::Cadence,
        step: first[0].step,
        purchase_id: None,
        at: touched,
        skipped: false,
    });
    h.touches.push(touched);
    let next = on(&t, &h, Track::Cadence);
    assert_eq!(next.len(), 1, "{next:?}");
    assert_eq!(next[0].step, first[0].step + 1, "{next:?}");
    // A first reply done (a touch) starts it from the touch, as before.
    let mut h = lead(Some(Grade::B));
    h.closed.push(Closed {
        track: Track::FirstResponse,
        step: 0,
        purchase_id: None,
        at: t0(),
        skipped: false,
    });
    assert_eq!(
        on(&t, &h, Track::Cadence)[0].due,
        t.contact_hours.unwrap().within(t0() + b.after, cn())
    );
}
