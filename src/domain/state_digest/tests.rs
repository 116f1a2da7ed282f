use super::{Digest, StateRef};
use crate::domain::fixtures::{at, blank_contact};
use crate::domain::state::ContactState;
use crate::domain::{Contact, Grade, Outcome, Stage, TagRef};
use chrono::NaiveDate;
use proptest::prelude::*;

/// Text as a log may hold it: Chinese, quotes and backslashes (escaped in JSON, so read
/// into owned strings), control characters, empty.
fn a_text() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        "[张王李欧阳a-z0-9 ]{1,6}",
        "[\"\\\\/\\n\\t\\u{1}é😀]{1,4}",
    ]
}

fn maybe() -> impl Strategy<Value = Option<String>> {
    prop::option::of(a_text())
}

fn a_contact() -> impl Strategy<Value = Contact> {
    (
        (a_text(), maybe(), maybe(), maybe(), maybe(), maybe()),
        (maybe(), maybe(), maybe(), maybe(), maybe()),
        (
            0..5usize,
            0..5usize,
            0..3usize,
            any::<bool>(),
            prop::option::of(1..9i64),
        ),
        (
            prop::option::of(0..3000u32),
            prop::collection::vec((0..3usize, 0..3usize), 0..4),
            0..2_000_000_000i64,
        ),
    )
        .prop_map(|(a, b, c, d)| {
            let (name, honorific, phone, wechat, company, source) = a;
            let (need, budget, notes, owner, lost_reason) = b;
            let (grade, stage, outcome, archived, merged_into) = c;
            let (day, tags, created) = d;
            let mut k = blank_contact(at("2026-01-01T00:00:00Z"));
            k.name = name;
            k.honorific = honorific;
            k.phone = phone;
            k.wechat = wechat;
            k.company = company;
            k.source = source;
            k.need = need;
            k.budget = budget;
            k.notes = notes;
            k.owner = owner;
            k.lost_reason = lost_reason;
            k.email = k.phone.clone();
            k.birthday = day.map(|d| {
                NaiveDate::from_ymd_opt(1990, 1, 1).unwrap() + chrono::Days::new(d.into())
            });
            k.grade = [
                None,
                Some(Grade::A),
                Some(Grade::B),
                Some(Grade::C),
                Some(Grade::D),
            ][grade];
            k.stage = Stage::ALL[stage];
            k.outcome = [Outcome::Open, Outcome::Won, Outcome::Lost][outcome];
            k.archived = archived;
            k.merged_into = merged_into;
            // Repeats on purpose: a state keeps each tag once.
            k.tags = tags
                .into_iter()
                .map(|(g, t)| TagRef {
                    group: ["意向", "来源", "a b"][g].into(),
                    tag: ["高", "低/中", "x"][t].into(),
                })
                .collect();
            k.created_at = chrono::DateTime::from_timestamp(created, 0).unwrap();
            k
        })
}

proptest! {
    /// The three ways to a digest agree: a state's JSON read in place, the state, and the
    /// contact it was taken of.
    #[test]
    fn a_digest_is_the_same_whichever_way_it_is_taken(c in a_contact()) {
        let state = ContactState::of(&c);
        let json = serde_json::to_string(&state).unwrap();
        let read: Digest = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(read, StateRef::of_state(&state).digest());
        prop_assert_eq!(read, Digest::of_contact(&c));
    }

    /// Two states differ exactly when their digests do.
    #[test]
    fn different_states_have_different_digests(a in a_contact(), b in a_contact()) {
        let (sa, sb) = (ContactState::of(&a), ContactState::of(&b));
        prop_assert_eq!(sa == sb, Digest::of_contact(&a) == Digest::of_contact(&b));
    }
}

/// Both halves of the 128 bits carry a hash of the state.
#[test]
fn a_digest_has_two_halves() {
    let a = Digest::of_contact(&blank_contact(at("2026-01-01T00:00:00Z")));
    let mut other = blank_contact(at("2026-01-01T00:00:00Z"));
    other.name.push('x');
    let b = Digest::of_contact(&other);
    let high = |d: Digest| d.0 >> 64;
    let low = |d: Digest| d.0 as u64;
    assert_ne!(high(a), 0);
    assert_ne!(low(a), 0);
    assert_ne!(high(a), high(b));
    assert_ne!(low(a), low(b));
}

#[test]
fn every_field_counts() {
    let c = blank_contact(at("2026-01-01T00:00:00Z"));
    let base = Digest::of_contact(&c);
    let changes: Vec<fn(&mut Contact)> = vec![
        |c| c.name.push('x'),
        |c| c.honorific = Some(String::new()),
        |c| c.phone = Some("1".into()),
        |c| c.wechat = Some("1".into()),
        |c| c.company = Some("1".into()),
        |c| c.source = Some("1".into()),
        |c| c.need = Some("1".into()),
        |c| c.budget = Some("1".into()),
        |c| c.email = Some("1".into()),
        |c| c.birthday = NaiveDate::from_ymd_opt(2000, 1, 1),
        |c| c.anniversary = NaiveDate::from_ymd_opt(2000, 1, 1),
        |c| c.grade = Some(Grade::A),
        |c| c.stage = Stage::Close,
        |c| c.outcome = Outcome::Won,
        |c| c.lost_reason = Some("1".into()),
        |c| c.notes = Some("1".into()),
        |c| c.owner = Some("1".into()),
        |c| c.archived = true,
        |c| c.merged_into = Some(3),
        |c| c.tags.push("a/b".parse().unwrap()),
        |c| c.created_at += chrono::TimeDelta::seconds(1),
    ];
    for (i, change) in changes.into_iter().enumerate() {
        let mut other = c.clone();
        change(&mut other);
        assert_ne!(Digest::of_contact(&other), base, "change {i}");
    }
    // Derived values are not part of the state.
    let mut other = c.clone();
    other.last_touch_at = Some(at("2026-02-01T00:00:00Z"));
    other.tier = None;
    assert_eq!(Digest::of_contact(&other), base);
}
