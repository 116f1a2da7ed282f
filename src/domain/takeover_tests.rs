//! Contacts an import took over with a relationship already under way: no first reply is
//! owed, the rhythm goes on from the last contact the file gave, and nothing falls due
//! before the import.
use super::Grade;
use super::fixtures::{History, at, cn, default_template};
use super::followup::{Planned, Track, lifecycle_at, plan_full};
use super::lifecycle::Lifecycle;
use super::sop::Template;
use chrono::{DateTime, TimeDelta, Utc};

/// The import, months after the contact was added.
fn imported_at() -> DateTime<Utc> {
    at("2026-12-02T10:00:00+08:00")
}

fn added() -> DateTime<Utc> {
    at("2026-03-01T10:00:00+08:00")
}

/// A contact added on `added()` and imported at `imported_at()`, last contacted at `prior`.
fn taken_over(grade: Option<Grade>, prior: Option<&str>) -> History {
    let mut h = History::new(added());
    h.contact.grade = grade;
    h.taken_over = Some(imported_at());
    h.prior_contact = prior.map(at);
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

#[test]
fn a_contact_the_book_saw_arrive_is_owed_a_first_reply_and_one_taken_over_is_not() {
    let t = default_template();
    let fresh = History::new(added());
    let reply = on(&t, &fresh, Track::FirstResponse);
    assert_eq!(reply.len(), 1);
    assert_eq!(
        reply[0].due,
        added() + TimeDelta::minutes(i64::from(t.first_response_minutes))
    );
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
}

#[test]
fn the_grades_cadence_resumes_from_the_last_contact_the_file_gave() {
    let t = default_template();
    let steps = t.cadences["grade-a"].steps.clone();
    let prior = "2026-11-30T15:00:00+08:00";
    let h = taken_over(Some(Grade::A), Some(prior));
    let items = on(&t, &h, Track::Cadence);
    assert_eq!(items.len(), 1, "{items:?}");
    assert_eq!(items[0].step, 0);
    // Due from the last contact, but never before the book had the contact.
    assert_eq!(
        items[0].due,
        (at(prior) + steps[0].after).max(imported_at())
    );
    // Without a last contact, the book takes the rhythm up at the import.
    let h = taken_over(Some(Grade::A), None);
    let items = on(&t, &h, Track::Cadence);
    assert_eq!(items[0].due, imported_at() + steps[0].after);
}

#[test]
fn a_contact_last_seen_long_ago_is_dormant_and_its_wake_up_is_due_at_the_import() {
    let t = default_template();
    let h = taken_over(Some(Grade::B), Some("2025-06-01T10:00:00+08:00"));
    // The cadence's step lapsed with the dormancy: live at the import is the wake-up.
    let live = super::followup::plan(&t, &h.facts(), imported_at(), cn());
    assert!(live.iter().all(|p| p.track != Track::Cadence), "{live:?}");
    let wake = on(&t, &h, Track::Reactivation);
    assert_eq!(wake.len(), 1, "{wake:?}");
    assert_eq!(wake[0].due, imported_at());
    // Every item of the plan falls due at the import or later.
    assert!(plan(&t, &h).iter().all(|p| p.due >= imported_at()));
    let life = lifecycle_at(&t, &h.facts(), cn(), imported_at());
    assert!(
        matches!(life, Lifecycle::Dormant | Lifecycle::Churned),
        "{life:?}"
    );
    // The same contact last seen last week is not.
    let recent = taken_over(Some(Grade::B), Some("2026-11-25T10:00:00+08:00"));
    let live = super::followup::plan(&t, &recent.facts(), imported_at(), cn());
    let tracks: Vec<Track> = live.iter().map(|p| p.track).collect();
    assert_eq!(tracks, [Track::Cadence], "{live:?}");
}

#[test]
fn an_ungraded_contact_taken_over_is_asked_for_a_grade_after_the_import() {
    let t = default_template();
    let g = t
        .grading
        .clone()
        .expect("the default template asks for grades");
    let h = taken_over(None, Some("2026-11-30T15:00:00+08:00"));
    let ask = on(&t, &h, Track::Grading);
    assert_eq!(ask.len(), 1, "{ask:?}");
    assert_eq!(
        ask[0].due,
        (at("2026-11-30T15:00:00+08:00") + g.after).max(imported_at())
    );
}

#[test]
fn the_reps_first_touch_after_the_import_moves_the_rhythm_on() {
    let t = default_template();
    let steps = t.cadences["grade-a"].steps.clone();
    let mut h = taken_over(Some(Grade::A), None);
    let touched = imported_at() + TimeDelta::days(1);
    h.touches.push(touched);
    let items = on(&t, &h, Track::Cadence);
    assert_eq!(items.len(), 1, "{items:?}");
    assert_eq!(items[0].step, 1);
    assert_eq!(items[0].due, touched + steps[1].after);
    assert!(on(&t, &h, Track::FirstResponse).is_empty());
}
