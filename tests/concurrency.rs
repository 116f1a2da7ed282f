//! Two writers at once, through the real binary: the races that used to lose changes or
//! leave contradictory states. Each command reads and validates inside its own
//! `BEGIN IMMEDIATE`, so whichever runs second sees the first one's result.
//!
//! `SALESBOOK_RACE_TRIES` sets the tries per race (300 by default).

mod common;

use common::{NOW, Sb, add_many, open_book};
use salesbook::domain::{InteractionKind, Outcome, Stage};
use salesbook::store::Reader;
use std::process::{Output, Stdio};

fn tries() -> usize {
    std::env::var("SALESBOOK_RACE_TRIES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(300)
}

/// Starts both commands before waiting for either.
fn race(sb: &Sb, a: &[String], b: &[String]) -> (Output, Output) {
    let spawn = |args: &[String]| {
        sb.command()
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn salesbook")
    };
    let (pa, pb) = (spawn(a), spawn(b));
    (
        pa.wait_with_output().expect("wait"),
        pb.wait_with_output().expect("wait"),
    )
}

fn args(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

fn reader(sb: &Sb) -> Reader {
    Reader::open(&sb.db()).expect("open for reading")
}

fn assert_verified(sb: &Sb) {
    let out = sb.run(&["verify"]);
    assert!(
        out.status.success(),
        "verify after the races: {}",
        common::stderr(&out)
    );
}

fn kinds(sb: &Sb, id: i64, kind: InteractionKind) -> usize {
    reader(sb)
        .snap()
        .timeline(id)
        .expect("timeline")
        .iter()
        .filter(|i| i.kind == kind)
        .count()
}

#[test]
fn two_edits_of_one_contact_both_land() {
    let sb = Sb::new();
    sb.add(&[
        "--name",
        "张三丰",
        "--phone",
        "13800000000",
        "--company",
        "旧公司",
    ]);
    for i in 0..tries() {
        let phone = format!("139{i:08}");
        let company = format!("公司{i}");
        let (a, b) = race(
            &sb,
            &args(&["edit", "1", "--phone", &phone]),
            &args(&["edit", "1", "--company", &company]),
        );
        assert!(
            a.status.success() && b.status.success(),
            "try {i}: both edits succeed: {} / {}",
            common::stderr(&a),
            common::stderr(&b)
        );
        let c = reader(&sb)
            .snap()
            .contact(1)
            .expect("read")
            .expect("contact");
        assert_eq!(
            c.phone.as_deref(),
            Some(phone.as_str()),
            "try {i}: phone lost"
        );
        assert_eq!(
            c.company.as_deref(),
            Some(company.as_str()),
            "try {i}: company lost"
        );
    }
    // The log says what happened, in order: verify folds it into exactly the book's state.
    assert_verified(&sb);
}

#[test]
fn won_and_move_at_once_never_leave_a_won_contact_in_a_pipeline_stage() {
    let sb = Sb::new();
    let ids = add_many(&mut open_book(&sb.db(), NOW), tries(), Some("A"));
    let (mut moved_first, mut won_first) = (0, 0);
    for id in ids {
        let id_s = id.to_string();
        let (won, mv) = race(
            &sb,
            &args(&["won", &id_s]),
            &args(&["move", &id_s, "pitch"]),
        );
        assert!(won.status.success(), "won {id}: {}", common::stderr(&won));
        let c = reader(&sb)
            .snap()
            .contact(id)
            .expect("read")
            .expect("contact");
        assert_eq!(
            (c.outcome, c.stage),
            (Outcome::Won, Stage::Aftercare),
            "contact {id}"
        );
        let stages: Vec<Stage> = reader(&sb)
            .snap()
            .stage_history(id)
            .expect("history")
            .iter()
            .map(|r| r.to)
            .collect();
        if mv.status.success() {
            moved_first += 1;
            assert_eq!(stages, [Stage::Discover, Stage::Pitch, Stage::Aftercare]);
        } else {
            won_first += 1;
            assert!(
                common::stderr(&mv).contains("已成交"),
                "{}",
                common::stderr(&mv)
            );
            assert_eq!(stages, [Stage::Discover, Stage::Aftercare]);
        }
    }
    eprintln!("move ran first {moved_first} times, won first {won_first} times");
    assert_verified(&sb);
}

#[test]
fn one_follow_up_is_done_once() {
    let sb = Sb::new();
    let ids = add_many(&mut open_book(&sb.db(), NOW), tries(), Some("B"));
    for id in ids {
        let f = reader(&sb)
            .snap()
            .open_followups_of(id)
            .expect("open follow-ups")[0]
            .id
            .to_string();
        let (a, b) = race(&sb, &args(&["done", &f]), &args(&["done", &f]));
        let ok = [&a, &b].iter().filter(|o| o.status.success()).count();
        assert_eq!(ok, 1, "follow-up {f}: exactly one done succeeds");
        let failed = if a.status.success() { &b } else { &a };
        assert!(
            common::stderr(failed).contains("已完成"),
            "{}",
            common::stderr(failed)
        );
        assert_eq!(
            kinds(&sb, id, InteractionKind::FollowupDone),
            1,
            "contact {id}"
        );
    }
    assert_verified(&sb);
}

#[test]
fn a_contact_is_lost_once_with_one_reason() {
    let sb = Sb::new();
    let ids = add_many(&mut open_book(&sb.db(), NOW), tries(), None);
    for id in ids {
        let id_s = id.to_string();
        let (a, b) = race(
            &sb,
            &args(&["lost", &id_s, "--reason", "预算不够"]),
            &args(&["lost", &id_s, "--reason", "选了竞品"]),
        );
        let ok: Vec<&Output> = [&a, &b]
            .into_iter()
            .filter(|o| o.status.success())
            .collect();
        assert_eq!(ok.len(), 1, "contact {id}: exactly one lost succeeds");
        let reason = if a.status.success() {
            "预算不够"
        } else {
            "选了竞品"
        };
        let c = reader(&sb)
            .snap()
            .contact(id)
            .expect("read")
            .expect("contact");
        assert_eq!(c.lost_reason.as_deref(), Some(reason), "contact {id}");
        assert_eq!(kinds(&sb, id, InteractionKind::Lost), 1, "contact {id}");
    }
    assert_verified(&sb);
}

/// A write that waits out the busy timeout behind another writer saves nothing and says so
/// in the UI's language; once the lock is gone, the same command goes through.
#[test]
fn a_write_kept_waiting_too_long_says_so_and_saves_nothing() {
    let sb = Sb::new();
    sb.add(&["--name", "张三"]);
    let before = sb.snapshot();
    let holder = rusqlite::Connection::open(sb.db()).unwrap();
    holder.execute_batch("BEGIN IMMEDIATE").unwrap();
    let out = sb.run(&["add", "--name", "李四"]);
    assert!(!out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("客户手册正被另一个 salesbook 写入") && err.contains("没有保存"),
        "{err}"
    );
    assert!(!err.contains("database is locked"), "{err}");
    holder.execute_batch("ROLLBACK").unwrap();
    drop(holder);
    assert_eq!(sb.snapshot(), before);
    sb.add(&["--name", "李四"]);
    assert_eq!(sb.all().len(), 2);
}

/// A restore behind another writer waits as a write does, then says so and changes
/// nothing (it used to wait for as long as the other held the book).
#[test]
fn a_restore_kept_waiting_too_long_says_so_and_restores_nothing() {
    let sb = Sb::new();
    sb.add(&["--name", "张三"]);
    let copy = sb.path("copy.sqlite");
    sb.ok(&["backup", "--to", copy.to_str().unwrap()]);
    sb.add(&["--name", "李四"]);
    let before = sb.snapshot();
    let holder = rusqlite::Connection::open(sb.db()).unwrap();
    holder.execute_batch("BEGIN IMMEDIATE").unwrap();
    let out = sb.run(&["restore", copy.to_str().unwrap()]);
    assert!(!out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("客户手册正被另一个 salesbook 写入"), "{err}");
    holder.execute_batch("ROLLBACK").unwrap();
    drop(holder);
    assert_eq!(sb.snapshot(), before);
    sb.ok(&["restore", copy.to_str().unwrap()]);
    assert_eq!(sb.all().len(), 1);
}

/// An app open all day holds its book with the template it had then. Once another program
/// switched the book's template, a change from the old session is refused (it would re-plan
/// the contact with the old template's steps), nothing is saved, and the book opened again
/// plans with the new one.
#[test]
fn a_change_planned_with_a_template_switched_elsewhere_is_refused_and_saves_nothing() {
    use salesbook::domain::command::Command;
    let sb = Sb::new();
    let mut stale = open_book(&sb.db(), NOW);
    let id = add_many(&mut stale, 1, Some("B"))[0];
    assert!(!stale.planned_with_another().unwrap());
    sb.ok(&["template", "use", "education"]);
    assert!(stale.planned_with_another().unwrap());
    let moves = || kinds(&sb, id, InteractionKind::StageChange);
    let before = moves();
    let err = stale
        .execute(Command::Move {
            id,
            to: Stage::Pitch,
        })
        .unwrap_err();
    assert!(
        matches!(err, salesbook::service::Error::TemplateChangedElsewhere),
        "{err:?}"
    );
    assert_eq!(moves(), before, "nothing was saved");
    assert!(
        salesbook::cli::error_text(&err.into(), salesbook::config::Lang::Zh).contains("别处换过"),
    );
    // Opened again (as the app does), the book follows education and the change goes in.
    let clock = salesbook::clock::Clock::parse(NOW).unwrap();
    let mut session = salesbook::service::Session::with_default_template(clock, common::USER);
    session.template = salesbook::service::SessionTemplate::builtin("education");
    let mut fresh = salesbook::service::Book::open(&sb.db(), session, false).unwrap();
    assert!(!fresh.planned_with_another().unwrap());
    fresh
        .execute(Command::Move {
            id,
            to: Stage::Pitch,
        })
        .unwrap();
    assert_eq!(moves(), before + 1);
    assert_verified(&sb);
}
