//! The agenda reads only the most urgent rows of each section (ordered by the index on
//! `score_base`, see `domain::urgency::score_base`) and stops at `--limit`: that shortcut
//! must give exactly the first N of the full ranking. Checked on random books (demo data
//! with buying signals on top) at random times, days and limits; and the urgency terms at
//! their boundaries.

mod common;

use chrono::{DateTime, FixedOffset, TimeDelta, Utc};
use proptest::prelude::*;
use salesbook::clock::Clock;
use salesbook::domain::command::Command;
use salesbook::domain::followup::{self, Track};
use salesbook::domain::urgency::overdue_label;
use salesbook::domain::{Channel, Grade};
use salesbook::service::{Book, Session};
use salesbook::sop::Library;

fn cn() -> FixedOffset {
    FixedOffset::east_opt(8 * 3600).unwrap()
}

/// The Monday the random books start on.
fn day0() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-23T09:30:00+08:00")
        .unwrap()
        .with_timezone(&Utc)
}

fn book_at(path: &std::path::Path, now: DateTime<Utc>) -> Book {
    let clock = Clock::parse(&now.with_timezone(&cn()).to_rfc3339()).unwrap();
    Book::open(path, Session::with_default_template(clock, "小王"), true).unwrap()
}

const QUESTIONS: [&str; 4] = [
    "这个多少钱？",
    "有优惠吗",
    "最近有点困扰，不知道怎么办",
    "点赞了",
];

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 16,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn a_limited_agenda_is_the_first_n_of_the_full_ranking(
        seed in any::<u64>(),
        contacts in 120u64..260,
        inbound in proptest::collection::vec((0i64..90, 0usize..4, 0i64..72), 0..25),
        later in proptest::collection::vec(0i64..60 * 24, 1..4),
        limits in proptest::collection::vec(1usize..12, 1..4),
        days in 0u32..6,
    ) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("book.sqlite");
        let start = day0();
        let mut book = book_at(&path, start);
        book.execute(Command::Demo {
            contacts,
            interactions: contacts * 6,
            seed,
            force: false,
        })
        .unwrap();
        drop(book);
        // The customers write in: buying signals lift some items far above the rest.
        for (who, text, hours) in inbound {
            let at = start + TimeDelta::hours(hours);
            let mut book = book_at(&path, at);
            let id = (who % contacts as i64) + 1;
            // A contact that no longer takes changes (merged, say) is simply skipped.
            let _ = book.execute(Command::Log {
                id,
                text: QUESTIONS[text].to_string(),
                channel: Some(Channel::Wechat),
                inbound: true,
            });
        }
        for minutes in later {
            let now = start + TimeDelta::hours(72) + TimeDelta::minutes(minutes);
            let book = book_at(&path, now);
            let view = book.view();
            let date = now.with_timezone(&cn()).date_naive();
            let full = view.agenda_items(date, days, 100_000, true).unwrap();
            for &limit in &limits {
                let cut = view.agenda_items(date, days, limit, true).unwrap();
                for ((s, all), (s2, some)) in full.sections.iter().zip(&cut.sections) {
                    prop_assert_eq!(s, s2);
                    let want: Vec<i64> = all.iter().take(limit).map(|i| i.followup_id).collect();
                    let got: Vec<i64> = some.iter().map(|i| i.followup_id).collect();
                    prop_assert_eq!(
                        &got, &want,
                        "{:?} at {} with --days {} --limit {}: {} items in all",
                        s, now, days, limit, all.len()
                    );
                }
            }
        }
    }
}

#[test]
fn the_property_above_sees_sections_longer_than_the_limit_and_the_margin() {
    // So that the shortcut is really exercised: the demo books above have sections of
    // many more items than limit + the rotting margin (20).
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("book.sqlite");
    let start = day0();
    let mut book = book_at(&path, start);
    book.execute(Command::Demo {
        contacts: 150,
        interactions: 900,
        seed: 7,
        force: false,
    })
    .unwrap();
    let view = book.view();
    let date = start.with_timezone(&cn()).date_naive();
    let full = view.agenda_items(date, 5, 100_000, true).unwrap();
    let longest = full.sections.iter().map(|(_, i)| i.len()).max().unwrap();
    assert!(longest > 12 + 20, "longest section: {longest}");
}

// ───────────────────────────── urgency at its boundaries ─────────────────────────────

#[test]
fn overdue_labels_change_unit_at_an_hour_and_a_day() {
    let cases = [
        (1, "1m"),
        (59, "59m"),
        (60, "1.0h"),
        (61, "1.0h"),
        (90, "1.5h"),
        (1439, "24.0h"),
        (1440, "1.0d"),
        (2160, "1.5d"),
        (14400, "10.0d"),
    ];
    for (minutes, label) in cases {
        assert_eq!(overdue_label(minutes), label, "{minutes} minutes");
    }
}

#[test]
fn a_first_reply_at_its_due_minute_is_neither_late_nor_overdue() {
    let t = Library::builtin("default").unwrap().template;
    let created = DateTime::parse_from_rfc3339("2026-03-02T09:00:00+08:00")
        .unwrap()
        .with_timezone(&Utc);
    let mut c = common::blank_contact("张三", created);
    c.grade = Some(Grade::A);
    let due = created + TimeDelta::minutes(10);
    let names = |now| -> Vec<String> {
        followup::urgency(&t, &c, Track::FirstResponse, 0, due, false, now)
            .into_iter()
            .map(|x| x.name)
            .collect()
    };
    assert_eq!(names(due), ["grade A", "stage discover"]);
    assert_eq!(
        names(due + TimeDelta::seconds(59)),
        ["grade A", "stage discover"]
    );
    // A whole minute late: overdue and flagged.
    assert_eq!(
        names(due + TimeDelta::minutes(1)),
        [
            "overdue 1m",
            "grade A",
            "stage discover",
            "first response late"
        ]
    );
    // score_base holds the breach for every first reply: at any overdue time, the urgency
    // is score_base plus the overdue rate times the time.
    let base = followup::score_base(&t, &c, None, Track::FirstResponse, 0, due);
    for late in [1, 37, 600, 3000] {
        let now = due + TimeDelta::minutes(late);
        let terms = followup::urgency(&t, &c, Track::FirstResponse, 0, due, false, now);
        let expected = base + t.urgency.per_overdue_day * now.timestamp() as f64 / 86_400.0;
        assert!(
            (followup::score(&terms) - expected).abs() < 1e-6,
            "{late}: {} vs {expected}",
            followup::score(&terms)
        );
    }
}

#[test]
fn score_base_is_urgency_less_its_time_part_for_every_track_and_standing() {
    // For any overdue item, urgency(now) − per_overdue_day × now = score_base: whatever the
    // grade, tier, stage, tags, signal. (Rotting is the one term added per item.)
    let t = Library::builtin("default").unwrap().template;
    let created = DateTime::parse_from_rfc3339("2026-03-02T09:00:00+08:00")
        .unwrap()
        .with_timezone(&Utc);
    let due = created + TimeDelta::days(3);
    let now = due + TimeDelta::hours(30);
    let mut c = common::blank_contact("张三", created);
    for grade in [None, Some(Grade::A), Some(Grade::C)] {
        for won in [false, true] {
            for (track, step) in [
                (Track::Cadence, 0),
                (Track::Signal, 0),
                (Track::Signal, 1),
                (Track::Repurchase, 2),
                (Track::Reactivation, 1),
            ] {
                c.grade = grade;
                c.tier = won.then_some(salesbook::domain::Tier::B);
                c.outcome = if won {
                    salesbook::domain::Outcome::Won
                } else {
                    salesbook::domain::Outcome::Open
                };
                c.tags = vec!["意向/近期购买".parse().unwrap()];
                let base = followup::score_base(&t, &c, c.tier, track, step, due);
                let terms = followup::urgency(&t, &c, track, step, due, false, now);
                let time = t.urgency.per_overdue_day * now.timestamp() as f64 / 86_400.0;
                assert!(
                    (followup::score(&terms) - time - base).abs() < 1e-6,
                    "{grade:?} won={won} {track:?}: {terms:?}"
                );
                let standing: Vec<&str> = terms
                    .iter()
                    .map(|x| x.name.as_str())
                    .filter(|n| n.starts_with("grade") || n.starts_with("tier"))
                    .collect();
                match (won, grade) {
                    (true, _) => assert_eq!(standing, ["tier B"]),
                    (false, Some(g)) => assert_eq!(standing, [format!("grade {g}")]),
                    (false, None) => assert!(standing.is_empty()),
                }
            }
        }
    }
}

#[test]
fn a_more_urgent_item_due_later_in_the_window_is_not_lost_behind_the_limit() {
    // Upcoming items are not overdue: they rank by their standing alone, so a B lead due in
    // a week outranks C leads due in two days — however many of those there are.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("book.sqlite");
    let day0 = day0();
    let add = |book: &mut Book, name: &str, grade: Grade| -> i64 {
        match book
            .execute(Command::Add(salesbook::domain::NewContact {
                name: name.into(),
                grade: Some(grade),
                ..Default::default()
            }))
            .unwrap()
            .reply
        {
            salesbook::service::Reply::Contact(id) => id,
            other => panic!("{other:?}"),
        }
    };
    let touch = |book: &mut Book, id: i64| {
        book.execute(Command::Log {
            id,
            text: "聊了聊".into(),
            channel: Some(Channel::Wechat),
            inbound: false,
        })
        .unwrap();
    };
    let mut book = book_at(&path, day0 - TimeDelta::days(1));
    let b = add(&mut book, "乙", Grade::B);
    touch(&mut book, b);
    drop(book);
    let mut book = book_at(&path, day0);
    touch(&mut book, b); // B's second step: due in 7 days
    for i in 0..40 {
        let c = add(&mut book, &format!("丙{i}"), Grade::C);
        touch(&mut book, c); // C's first step: due in 2 days
    }
    let view = book.view();
    let date = day0.with_timezone(&cn()).date_naive();
    let full = view.agenda_items(date, 7, 1000, true).unwrap();
    let upcoming = |a: &salesbook::service::Agenda| -> Vec<i64> {
        a.sections
            .iter()
            .find(|(s, _)| *s == salesbook::service::Section::Upcoming)
            .map(|(_, i)| i.iter().map(|x| x.contact_id).collect())
            .unwrap()
    };
    assert_eq!(upcoming(&full)[0], b);
    assert_eq!(upcoming(&full).len(), 41);
    for limit in [1, 3, 10] {
        let cut = view.agenda_items(date, 7, limit, true).unwrap();
        assert_eq!(upcoming(&cut), upcoming(&full)[..limit], "--limit {limit}");
    }
}

#[test]
fn the_rank_key_is_the_urgency_before_and_after_the_due_rotting_or_not() {
    let t = Library::builtin("default").unwrap().template;
    let created = DateTime::parse_from_rfc3339("2026-03-02T09:00:00+08:00")
        .unwrap()
        .with_timezone(&Utc);
    let mut c = common::blank_contact("张三", created);
    c.grade = Some(Grade::B);
    c.tags = vec!["意向/近期购买".parse().unwrap()];
    let due = created + TimeDelta::days(2);
    for track in [Track::FirstResponse, Track::Cadence, Track::Signal] {
        let base = followup::score_base(&t, &c, None, track, 0, due);
        // Whole minutes either side of the due, as the overdue term counts them.
        for offset in [-3000, -60, 0, 59, 60, 61, 600, 5000] {
            let now = due + TimeDelta::minutes(offset);
            // Not rotting (never, or not yet), and rotting from before now.
            for (rot_from, rotting) in [
                (None, false),
                (Some(now + TimeDelta::seconds(1)), false),
                (Some(now), true),
            ] {
                let terms = followup::urgency(&t, &c, track, 0, due, rotting, now);
                let key = followup::rank_key(&t, track, base, due, rot_from, now);
                assert!(
                    (followup::score(&terms) - key).abs() < 1e-6,
                    "{track:?} at {offset} min, rotting {rotting}: urgency {} key {key}",
                    followup::score(&terms)
                );
            }
        }
    }
}

#[test]
fn a_rotting_contact_far_down_the_index_still_reaches_the_top_of_a_limited_section() {
    // Thirty B leads a few days overdue, and one C lead a little less urgent by its
    // standing — but idle in its stage past the limit, so rotting lifts it above them all.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("book.sqlite");
    let day0 = day0();
    let add = |book: &mut Book, name: &str, grade: Grade| -> i64 {
        let id = match book
            .execute(Command::Add(salesbook::domain::NewContact {
                name: name.into(),
                grade: Some(grade),
                ..Default::default()
            }))
            .unwrap()
            .reply
        {
            salesbook::service::Reply::Contact(id) => id,
            other => panic!("{other:?}"),
        };
        book.execute(Command::Log {
            id,
            text: "聊了聊".into(),
            channel: Some(Channel::Wechat),
            inbound: false,
        })
        .unwrap();
        id
    };
    let mut book = book_at(&path, day0 - TimeDelta::days(2));
    let stale = add(&mut book, "丁", Grade::C);
    drop(book);
    let mut book = book_at(&path, day0);
    for i in 0..30 {
        add(&mut book, &format!("乙{i}"), Grade::B);
    }
    drop(book);
    let now = day0 + TimeDelta::days(4);
    let book = book_at(&path, now);
    let view = book.view();
    let date = now.with_timezone(&cn()).date_naive();
    let overdue = |limit| -> Vec<salesbook::service::AgendaItem> {
        view.agenda_items(date, 0, limit, true)
            .unwrap()
            .sections
            .into_iter()
            .find(|(s, _)| *s == salesbook::service::Section::Overdue)
            .unwrap()
            .1
    };
    let full = overdue(1000);
    assert_eq!(full.len(), 31);
    assert_eq!(full[0].contact_id, stale);
    assert!(
        full[0].terms.iter().any(|t| t.name == "rotting"),
        "{:?}",
        full[0].terms
    );
    for limit in [1, 2, 5] {
        let cut: Vec<i64> = overdue(limit).iter().map(|i| i.followup_id).collect();
        let want: Vec<i64> = full.iter().take(limit).map(|i| i.followup_id).collect();
        assert_eq!(cut, want, "--limit {limit}");
    }
}

#[test]
fn a_signal_item_carries_its_rules_points_and_no_other_track_does() {
    let t = Library::builtin("default").unwrap().template;
    assert!(
        t.signals.len() >= 2,
        "the default template names its signals"
    );
    let created = day0();
    let c = common::blank_contact("张三", created);
    let due = created + TimeDelta::days(1);
    let signal_terms = |track, step| -> Vec<followup::Term> {
        followup::urgency(&t, &c, track, step, due, false, due)
            .into_iter()
            .filter(|x| x.name.starts_with("signal"))
            .collect()
    };
    for (step, rule) in t.signals.iter().enumerate() {
        assert_eq!(
            signal_terms(Track::Signal, step as u32),
            [followup::Term {
                name: format!("signal {}", rule.id),
                points: rule.points,
                kind: salesbook::domain::urgency::TermKind::Signal(rule.id.clone()),
            }]
        );
        assert!(signal_terms(Track::Cadence, step as u32).is_empty());
    }
    // A rule removed from the template since the item was planned adds nothing.
    assert!(signal_terms(Track::Signal, t.signals.len() as u32).is_empty());
}
