//! Contacts an import brought in from another tool's file. Someone the rep already talks
//! to (a `prior_contact`) owes no first reply and goes on with the rhythm's repeating part
//! from the last contact the file gave; a new lead is owed its welcome; for both, nothing
//! falls due before the import.
use super::fixtures::{History, at, cn, default_template};
use super::followup::{Planned, Track, lifecycle_at, plan_full};
use super::lifecycle::Lifecycle;
use super::sop::Template;
use super::{Grade, Outcome, Stage};
use chrono::{DateTime, TimeDelta, Utc};

/// The import, months after the contact was added.
fn imported_at() -> DateTime<Utc> {
    at("2026-12-02T10:00:00+08:00")
}

/// What would have fallen due before the import is due by the end of its day's contact
/// hours (the default template's 09:00-21:00).
fn clamped(due: DateTime<Utc>) -> DateTime<Utc> {
    if due < imported_at() {
        at("2026-12-02T20:59:00+08:00")
    } else {
        due
    }
}

fn added() -> DateTime<Utc> {
    at("2026-03-01T10:00:00+08:00")
}

/// A contact added on `added()` and imported at `imported_at()` as someone in touch, last
/// contacted at `prior` (at the import when the file did not say).
fn taken_over(grade: Option<Grade>, prior: Option<&str>) -> History {
    let mut h = History::new(added());
    h.contact.grade = grade;
    h.arrived = Some(imported_at());
    h.prior_contact = Some(prior.map_or(imported_at(), at));
    h
}

fn plan(t: &Template, h: &History) -> Vec<Planned> {
    plan_full(t, &h.facts(), cn())
}

fn on(t: &Template, h: &History, track: Track) -> Vec<Planned> {
    plan(t, h)
        .into_iter()
        .filter(|p| p.track == track)
        .collect()
}

fn live(t: &Template, h: &History) -> Vec<Planned> {
    super::followup::plan(t, &h.facts(), imported_at(), cn())
}

#[test]
fn only_a_contact_not_known_before_is_owed_a_first_reply() {
    let t = default_template();
    let limit = TimeDelta::minutes(i64::from(t.first_response_minutes));
    let fresh = History::new(added());
    let reply = on(&t, &fresh, Track::FirstResponse);
    assert_eq!(reply.len(), 1);
    assert_eq!(reply[0].due, added() + limit);
    for h in [
        taken_over(None, None),
        taken_over(Some(Grade::A), None),
        taken_over(Some(Grade::B), Some("2026-11-20T15:00:00+08:00")),
    ] {
        assert!(
            on(&t, &h, Track::FirstResponse).is_empty(),
            "{:?}",
            h.contact.grade
        );
        assert!(
            !plan(&t, &h).is_empty(),
            "a taken-over lead still has something to do"
        );
    }
    // A new lead from a file added long ago: its welcome is due the limit after it came
    // in, not months overdue.
    let mut lead = History::new(added());
    lead.arrived = Some(imported_at());
    let reply = on(&t, &lead, Track::FirstResponse);
    assert_eq!(reply.len(), 1);
    assert_eq!(reply[0].due, imported_at() + limit);
}

#[test]
fn a_lead_taken_over_goes_on_with_the_cadences_repeating_part_from_its_last_contact() {
    let t = default_template();
    let steps = t.cadences["grade-a"].steps.clone();
    let tail = t.tail(&t.cadences["grade-a"]);
    assert!(!tail.is_empty());
    let prior = "2026-11-30T15:00:00+08:00";
    let h = taken_over(Some(Grade::A), Some(prior));
    let items = on(&t, &h, Track::Cadence);
    assert_eq!(items.len(), 1, "{items:?}");
    assert_eq!(
        items[0].step as usize,
        steps.len(),
        "not the first steps again"
    );
    assert_eq!(items[0].action, tail[0].action);
    assert_eq!(items[0].due, clamped(at(prior) + tail[0].after));
    // Without a last contact, the book takes the rhythm up at the import.
    let h = taken_over(Some(Grade::A), None);
    let items = on(&t, &h, Track::Cadence);
    assert_eq!(items[0].due, imported_at() + tail[0].after);
    // Regraded since: the new grade's cadence starts from its first step, as for anyone.
    let mut regraded = taken_over(Some(Grade::B), None);
    regraded.contact.grade_since = imported_at() + TimeDelta::days(1);
    let items = on(&t, &regraded, Track::Cadence);
    assert_eq!(items[0].step, 0, "{items:?}");
}

#[test]
fn a_contact_last_seen_long_ago_is_dormant_and_its_wake_up_is_due_at_the_import() {
    let t = default_template();
    let h = taken_over(Some(Grade::B), Some("2025-06-01T10:00:00+08:00"));
    // The cadence's item lapsed with the dormancy, long before the import: it was never on
    // an agenda, so it is not planned at all (not missed, not the next follow-up).
    assert!(on(&t, &h, Track::Cadence).is_empty(), "{:?}", plan(&t, &h));
    let now = live(&t, &h);
    assert_eq!(now.len(), 1, "{now:?}");
    let wake = on(&t, &h, Track::Reactivation);
    assert_eq!(wake.len(), 1, "{wake:?}");
    // Today's work on the day of the import: due by its end, not overdue at once.
    assert_eq!(wake[0].due, clamped(imported_at() - TimeDelta::seconds(1)));
    assert!(wake[0].due > imported_at());
    // Every item of the plan falls due at the import or later.
    assert!(plan(&t, &h).iter().all(|p| p.due >= imported_at()));
    let life = lifecycle_at(&t, &h.facts(), cn(), imported_at());
    assert!(
        matches!(life, Lifecycle::Dormant | Lifecycle::Churned),
        "{life:?}"
    );
    // The same contact last seen last week is not.
    let recent = taken_over(Some(Grade::B), Some("2026-11-25T10:00:00+08:00"));
    let tracks: Vec<Track> = live(&t, &recent).iter().map(|p| p.track).collect();
    assert_eq!(tracks, [Track::Cadence]);
}

#[test]
fn an_ungraded_contact_taken_over_is_asked_for_a_grade_once_the_rep_talks_to_it() {
    let t = default_template();
    let g = t
        .grading
        .clone()
        .expect("the default template asks for grades");
    let mut h = taken_over(None, Some("2026-11-30T15:00:00+08:00"));
    assert!(
        on(&t, &h, Track::Grading).is_empty(),
        "not on the day of the import"
    );
    let touched = imported_at() + TimeDelta::days(2);
    h.touches.push(touched);
    let ask = on(&t, &h, Track::Grading);
    assert_eq!(ask.len(), 1, "{ask:?}");
    assert_eq!(ask[0].due, touched + g.after);
}

#[test]
fn the_reps_first_touch_after_the_import_moves_the_rhythm_on() {
    let t = default_template();
    let steps = t.cadences["grade-a"].steps.clone();
    let tail = t.tail(&t.cadences["grade-a"]);
    let mut h = taken_over(Some(Grade::A), None);
    let touched = imported_at() + TimeDelta::days(1);
    h.touches.push(touched);
    let items = on(&t, &h, Track::Cadence);
    assert_eq!(items.len(), 1, "{items:?}");
    assert_eq!(items[0].step as usize, steps.len() + 1);
    assert_eq!(items[0].due, touched + tail[1 % tail.len()].after);
    assert!(on(&t, &h, Track::FirstResponse).is_empty());
}

#[test]
fn a_customer_taken_over_without_a_win_in_the_book_is_cared_for() {
    let t = default_template();
    let mut h = taken_over(None, Some("2026-11-20T10:00:00+08:00"));
    h.contact.outcome = Outcome::Won;
    h.contact.stage = Stage::Aftercare;
    let care = on(&t, &h, Track::Aftercare);
    assert_eq!(care.len(), 1, "{care:?}");
    assert!(care[0].due >= imported_at());
    let tail = t.tail(&t.cadences["aftercare"]);
    assert_eq!(
        care[0].action, tail[0].action,
        "the repeating part of the care"
    );
    // Known only as won, nothing else (no import behind it): nothing to plan, as before.
    h.prior_contact = None;
    h.arrived = None;
    assert!(on(&t, &h, Track::Aftercare).is_empty());
}

/// The day's catch-up is due by the last minute of its contact hours; back after they ended
/// (or in their last minute), by the next day's; without hours, by the day's last minute.
#[test]
fn caught_up_work_is_due_by_the_end_of_the_working_day() {
    use super::followup::catch_up_due;
    let hours: super::sop::ContactHours = "09:00-21:00".parse().unwrap();
    let due = |back: &str, h| catch_up_due(at(back), cn(), h);
    let cases = [
        ("2026-12-02T10:00:00+08:00", "2026-12-02T20:59:00+08:00"),
        ("2026-12-02T07:30:00+08:00", "2026-12-02T20:59:00+08:00"),
        ("2026-12-02T20:59:00+08:00", "2026-12-02T20:59:00+08:00"),
        ("2026-12-02T20:59:30+08:00", "2026-12-03T20:59:00+08:00"),
        ("2026-12-02T22:30:00+08:00", "2026-12-03T20:59:00+08:00"),
    ];
    for (back, expected) in cases {
        assert_eq!(due(back, Some(hours)), at(expected), "back at {back}");
    }
    assert_eq!(
        due("2026-12-02T10:00:00+08:00", None),
        at("2026-12-02T23:59:00+08:00")
    );
    assert_eq!(
        due("2026-12-02T23:59:30+08:00", None),
        at("2026-12-03T23:59:00+08:00")
    );
    // The rep's day, not UTC's: 22:30 in New York is the next day in UTC.
    let ny = chrono::FixedOffset::west_opt(5 * 3600).unwrap();
    assert_eq!(
        catch_up_due(at("2026-12-02T22:30:00-05:00"), ny, Some(hours)),
        at("2026-12-03T20:59:00-05:00")
    );
}

/// A contact taken over at night: what lapsed before is the next working day's, within
/// the hours.
#[test]
fn a_contact_imported_at_night_is_caught_up_the_next_working_day() {
    let t = default_template();
    let night = at("2026-12-02T22:30:00+08:00");
    let mut h = taken_over(Some(Grade::B), Some("2025-06-01T10:00:00+08:00"));
    h.arrived = Some(night);
    let wake = on(&t, &h, Track::Reactivation);
    assert_eq!(wake.len(), 1, "{wake:?}");
    assert_eq!(wake[0].due, at("2026-12-03T20:59:00+08:00"));
}
