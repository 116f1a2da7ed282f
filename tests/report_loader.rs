//! The report's loader proven on a real book: the hand-built book of `report_book` made
//! through the write pipeline at pinned times (`report_book/live.rs`), read back by the
//! loader, and compared list by list with the rows its figures were worked out from — the
//! differences a real book must have are applied to the expectation one by one, each named.
//! Then the same book through the binary: the HTML report well-formed with its charts, and
//! `--mask` leaving no full phone number or WeChat ID of the book.

mod common;
mod report_book;

use common::Sb;
use report_book::live::{self, Live, OWNER, SKIP_REASON};
use report_book::xml::parse_strict;
use report_book::{NAMES, PHONES, WECHATS, book, t};
use rusqlite::Connection;
use salesbook::config::Lang;
use salesbook::domain::{ContactId, Grade};
use salesbook::report::input::*;
use salesbook::service::ReadBook;
use std::collections::BTreeMap;
use std::fmt::Debug;

const NOW: &str = "2026-11-23 09:00";
const NOW_RFC3339: &str = "2026-11-23T09:00:00+08:00";

fn load(live: &Live) -> BookInput {
    let book = ReadBook::open(&live.path, live::session(NOW)).unwrap();
    book.report_input(report_book::book().period, Lang::Zh)
        .unwrap()
}

/// The loaded input with the book's contact ids turned back into the table's.
fn in_table_ids(mut b: BookInput, ids: &BTreeMap<ContactId, ContactId>) -> BookInput {
    let back: BTreeMap<ContactId, ContactId> = ids.iter().map(|(t, b)| (*b, *t)).collect();
    let m = |id: &mut ContactId| *id = back[id];
    b.contacts.iter_mut().for_each(|r| m(&mut r.id));
    b.stage_moves.iter_mut().for_each(|r| m(&mut r.contact));
    b.timeline.iter_mut().for_each(|r| m(&mut r.contact));
    b.followups.iter_mut().for_each(|r| m(&mut r.contact));
    b.purchases.iter_mut().for_each(|r| m(&mut r.contact));
    b.grade_changes.iter_mut().for_each(|r| m(&mut r.contact));
    b.outcome_changes.iter_mut().for_each(|r| m(&mut r.contact));
    b
}

/// Rows in a stable order for comparing (each row's debug text, sorted).
fn rows<T: Debug>(v: &[T]) -> Vec<String> {
    let mut out: Vec<String> = v.iter().map(|r| format!("{r:?}")).collect();
    out.sort();
    out
}

#[test]
fn the_loader_reads_back_the_hand_built_book() {
    let dir = tempfile::tempdir().unwrap();
    let live = live::build(dir.path());
    let got = in_table_ids(load(&live), &live.ids);
    let mut want = book();

    // The book's own: its rep, template, clock and time zone.
    assert_eq!(got.owner, OWNER);
    assert_eq!(want.owner, OWNER);
    // Templates do not set a script window: 7 days, where the table chose 3.
    want.template.script_window_days = 7;
    assert_eq!(got.template, want.template);
    assert_eq!(
        (got.period, got.now, got.utc_offset),
        (want.period, want.now, want.utc_offset)
    );
    assert_eq!(got.now, t(NOW));

    // The book does not record referrals.
    assert!(want.records_referrals && !got.records_referrals);
    for c in &mut want.contacts {
        c.referred_by = None;
    }
    // A control character never enters the book.
    want.contacts[2].name = NAMES[2].replace('\u{7}', "");
    let mut contacts = got.contacts.clone();
    contacts.sort_by_key(|c| c.id);
    // Every contact was planned, so the book says where it stands on going quiet (what
    // that says is checked against the cards in `report_quiet.rs`).
    for c in &mut contacts {
        assert!(c.quiet.is_some(), "{c:?}");
        c.quiet = None;
    }
    assert_eq!(contacts, want.contacts);

    assert_eq!(rows(&got.stage_moves), rows(&want.stage_moves));
    assert_eq!(rows(&got.timeline), rows(&want.timeline));
    assert_eq!(rows(&got.purchases), rows(&want.purchases));
    // 1's second order is a purchase, not a second win.
    assert_eq!(rows(&got.outcome_changes), rows(&want.outcome_changes));
    // Contacts created with a grade were graded from none at their creation.
    for (id, grade) in [(6, Grade::A), (7, Grade::C), (8, Grade::D), (9, Grade::B)] {
        let created = want.contacts[id as usize - 1].created_at;
        want.grade_changes.push(GradeChange {
            contact: id,
            at: created,
            from: None,
            to: Some(grade),
        });
    }
    assert_eq!(rows(&got.grade_changes), rows(&want.grade_changes));

    // What verify found: the whole log, intact.
    assert_eq!(got.verify.broken, None);
    assert_eq!(got.verify.first_at, Some(t("2026-06-01 09:00")));
    assert_eq!(got.verify.last_at, Some(t("2026-11-19 09:00")));
    let events: i64 = Connection::open(&live.path)
        .unwrap()
        .query_row("SELECT count(*) FROM events", [], |r| r.get(0))
        .unwrap();
    assert_eq!(got.verify.events, events as u64);
}

#[test]
fn the_loader_reads_every_follow_up_as_the_book_holds_it() {
    let dir = tempfile::tempdir().unwrap();
    let live = live::build(dir.path());
    let got = load(&live);
    // Every row, read here with a query of its own.
    let conn = Connection::open(&live.path).unwrap();
    let mut stmt = conn
        .prepare(
            "SELECT id, contact_id, track, due_at, status, closed_at, note FROM followups \
             ORDER BY id",
        )
        .unwrap();
    let want: Vec<String> = stmt
        .query_map([], |r| {
            Ok(format!(
                "{} {} {} {} {} {:?} {:?}",
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, i64>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, Option<i64>>(5)?,
                r.get::<_, Option<String>>(6)?,
            ))
        })
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    let status = |s: FollowupStatus| match s {
        FollowupStatus::Open => "open",
        FollowupStatus::Done => "done",
        FollowupStatus::Skipped => "skipped",
        FollowupStatus::Superseded => "superseded",
    };
    let mut loaded: Vec<&FollowupRow> = got.followups.iter().collect();
    loaded.sort_by_key(|f| f.id);
    let loaded: Vec<String> = loaded
        .iter()
        .map(|f| {
            format!(
                "{} {} {} {} {} {:?} {:?}",
                f.id,
                f.contact,
                f.track.key(),
                f.due.timestamp(),
                status(f.status),
                f.closed_at.map(|t| t.timestamp()),
                f.note
            )
        })
        .collect();
    assert_eq!(loaded, want);
    // The ones the rep closed: done when the table has them done, skipped with its reason.
    let mut done: Vec<(ContactId, i64)> = got
        .followups
        .iter()
        .filter(|f| f.status == FollowupStatus::Done)
        .map(|f| (f.contact, f.closed_at.unwrap().timestamp()))
        .collect();
    done.sort();
    let mut want_done: Vec<(ContactId, i64)> =
        live.done.iter().map(|(c, t)| (*c, t.timestamp())).collect();
    want_done.sort();
    assert_eq!(done, want_done);
    let (skipped, reason) = live.skipped.clone().unwrap();
    let row = got.followups.iter().find(|f| f.id == skipped).unwrap();
    assert_eq!(row.status, FollowupStatus::Skipped);
    assert_eq!(row.note.as_deref(), Some(reason.as_str()));
    assert_eq!(reason, SKIP_REASON);
}

/// `salesbook --db BOOK ARGS…` at the table's "now".
fn cli(sb: &Sb, live: &Live, args: &[&str]) -> String {
    let out = sb.run_env(
        args,
        &[
            ("SALESBOOK_DB", live.path.to_str().unwrap()),
            ("SALESBOOK_NOW", NOW_RFC3339),
        ],
    );
    common::expect_ok(args, out)
}

const PERIOD: [&str; 4] = ["--from", "2026-11-10", "--to", "2026-11-19"];

#[test]
fn the_html_report_of_the_book_is_well_formed_with_its_charts() {
    let sb = Sb::new();
    let live = live::build(&sb.root().join("books").tap_mkdir());
    let mut args = vec!["report", "--format", "html"];
    args.extend(PERIOD);
    for lang in ["zh-CN", "en"] {
        sb.write(
            "config/salesbook/config.toml",
            &format!("[ui]\nlang = \"{lang}\"\n"),
        );
        let html = cli(&sb, &live, &args);
        let bars = parse_strict(&html);
        // 5 stages; 10 days × 3 series; 3 sources of the period's new contacts × 2.
        assert_eq!(bars.get("funnel"), Some(&5), "{lang}");
        assert_eq!(bars.get("activity"), Some(&30), "{lang}");
        assert_eq!(bars.get("sources"), Some(&6), "{lang}");
        assert!(html.contains(&format!("lang=\"{lang}\"")), "{lang}");
        assert!(!html.contains("<script>"), "the name is escaped");
    }
    let en = cli(&sb, &live, &args);
    assert!(en.contains("Sales report · 张三") && !en.contains("漏斗"));
}

#[test]
fn a_masked_report_holds_no_phone_number_or_wechat_id_of_the_book() {
    let sb = Sb::new();
    let live = live::build(&sb.root().join("books").tap_mkdir());
    // Every period: the whole book is in the all-time figures.
    for format in ["md", "html", "json", "csv"] {
        for mask in [&["--mask"][..], &["--mask", "names"]] {
            let mut args = vec!["report", "--format", format];
            args.extend(mask);
            let out = cli(&sb, &live, &args);
            for phone in PHONES {
                assert!(!out.contains(phone), "{format} {mask:?}: {phone}");
            }
            for id in WECHATS {
                assert!(!out.contains(id), "{format} {mask:?}: {id}");
            }
            if mask.len() == 2 {
                assert!(!out.contains("李娜") && !out.contains("张伟"), "{format}");
            }
        }
        // Unmasked, the numbers are there to call (the skip reason holds 4's phone).
        let out = cli(&sb, &live, &["report", "--format", format]);
        assert!(out.contains(PHONES[3]), "{format}");
    }
}

trait TapMkdir {
    fn tap_mkdir(self) -> Self;
}

impl TapMkdir for std::path::PathBuf {
    fn tap_mkdir(self) -> Self {
        std::fs::create_dir_all(&self).unwrap();
        self
    }
}

/// The log is checked on a second connection, which begins a snapshot of its own. A change
/// the rep's app saves after the report's snapshot began, but before that connection
/// began, must not be mixed in: the verification, the follow-ups and the purchases are
/// those of the report's snapshot. The next report sees the change.
#[test]
fn a_change_saved_while_the_report_reads_is_left_out_of_it() {
    use salesbook::domain::NewContact;
    use salesbook::domain::command::Command;
    let dir = tempfile::tempdir().unwrap();
    let live = live::build(dir.path());
    // The rep's app holds the book open: the report reads through its `-wal`.
    let mut app = salesbook::service::Book::open(&live.path, live::session(NOW), false).unwrap();
    let reader = ReadBook::open(&live.path, live::session(NOW)).unwrap();
    let period = book().period;
    let (first, second) = reader
        .read(|view| {
            let first = view.report_input(period, t(NOW), Lang::Zh)?;
            app.execute(Command::Add(NewContact {
                name: "新来的客户".into(),
                phone: Some("13912345678".into()),
                ..Default::default()
            }))
            .unwrap();
            let second = view.report_input(period, t(NOW), Lang::Zh)?;
            Ok((first, second))
        })
        .unwrap();
    assert!(first.verify.broken.is_none(), "{:?}", first.verify);
    assert_eq!(second.verify, first.verify);
    assert_eq!(second.contacts, first.contacts);
    assert_eq!(second.followups, first.followups);
    assert_eq!(second.purchases, first.purchases);
    let after = load(&live);
    assert!(after.verify.broken.is_none(), "{:?}", after.verify);
    assert_eq!(after.verify.events, first.verify.events + 1);
    assert_eq!(after.contacts.len(), first.contacts.len() + 1);
    assert!(after.followups.len() > first.followups.len());
}
