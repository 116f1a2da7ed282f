//! Rules of the plan's last steps, kept beside `followup_engine.rs` (already well past the
//! length a test file should have): the first reply and the cadence are a lead's alone, and
//! a snoozed wake-up still keeps to the reactivation cap.

use super::*;

#[test]
fn a_customer_won_without_a_recorded_win_is_never_asked_for_a_first_reply() {
    // Marked won (an import, say) with no win in the book and never touched: no rhythm has
    // started (aftercare starts from the win, a lead's cadence from the first touch).
    let mut won = Case::new(c0()).grade(Grade::A);
    won.contact.outcome = Outcome::Won;
    won.contact.stage = Stage::Aftercare;
    assert_eq!(won.won_at, None);
    for now in [c0(), c0() + days(1), c0() + days(60)] {
        assert_eq!(won.plan(now), [], "now = {now}");
    }
    // The same contact still open is a lead waiting for its first reply.
    let mut open = won.clone();
    open.contact.outcome = Outcome::Open;
    assert_eq!(
        open.show(c0() + days(1)),
        ["first_response#0 2026-03-02 09:10:00 welcome"]
    );
}

#[test]
fn a_customer_won_without_a_recorded_win_stays_off_the_lead_cadence_once_touched() {
    // Touched after the import, it is still a customer: a lead's cadence would have the rep
    // sell to it again.
    let touched = c0() + mins(30);
    let mut won = Case::new(c0()).grade(Grade::A).touches(&[touched]);
    won.contact.outcome = Outcome::Won;
    won.contact.stage = Stage::Aftercare;
    assert_eq!(won.won_at, None);
    let plan = won.plan_full();
    assert!(
        plan.iter().all(|p| p.track != Track::Cadence),
        "{:?}",
        won.show(touched + days(1))
    );
    // The same contact still open is on the A cadence from that touch.
    let mut open = won.clone();
    open.contact.outcome = Outcome::Open;
    assert!(open.plan_full().iter().any(|p| p.track == Track::Cadence));
}

#[test]
fn a_snoozed_wake_up_still_waits_for_the_cap() {
    let t0 = at("2026-03-02T09:20:00+08:00");
    let t1 = at("2026-03-02T09:50:00+08:00");
    // As in `reactivation_respects_two_touches_per_30_days`: idle since t1, dormant on
    // 04-01 09:50, woken twice within three days; the third wake-up waits until the first
    // of them leaves the 30-day window (the cap is 2 touches per 30 days).
    let dormant = at("2026-04-01T09:50:00+08:00");
    let w1 = at("2026-04-05T12:00:00+08:00");
    let w2 = at("2026-04-07T09:00:00+08:00");
    let case = Case::new(c0())
        .grade(Grade::A)
        .tag("账户权益/有未用优惠券")
        .touches(&[t0, t1, w1, w2]);
    let capped = w1 + days(30) + secs(1);
    assert_eq!(
        case.show(w2),
        ["reactivation#2 2026-05-05 12:00:01 wake-material"]
    );
    // The rep snoozes it to 04-25 (any time ahead may be chosen): both wake-ups are still
    // within the 30 days before then, so the cap holds it where it was.
    let snoozed = case
        .clone()
        .snooze(Track::Reactivation, 2, at("2026-04-25T09:00:00+08:00"));
    let plan = snoozed.plan_full();
    let p = plan
        .iter()
        .find(|p| p.track == Track::Reactivation)
        .expect("the wake-up is planned");
    assert_eq!((p.step, p.due, p.starts), (2, capped, Some(dormant)));
    assert_eq!(
        followup::touches_over_cap(tpl(), &snoozed.touches, dormant, p.due),
        0,
        "the planned wake-up is within the cap"
    );
    // Snoozed past the window, the snooze stands: nothing to wait for.
    let later = at("2026-05-10T10:00:00+08:00");
    assert_eq!(
        case.snooze(Track::Reactivation, 2, later).show(later),
        ["reactivation#2 2026-05-10 10:00:00 wake-material"]
    );
}
