//! Grade changes as the report reads them: each edit, grade, merge or import merge that
//! moves a contact's grade leaves it on its timeline entry; an undo takes it out with the
//! entry; a contact created with a grade was graded from none at its creation. A book made
//! before these records gets them from its log: read as it is (a reader cannot upgrade
//! it), and filled in when it is first opened for writing.

mod common;

use chrono::{DateTime, FixedOffset, Utc};
use common::{Sb, USER, dir_state, exec, open_book};
use rusqlite::Connection;
use salesbook::clock::Clock;
use salesbook::config::Lang;
use salesbook::domain::command::{BatchKind, Command};
use salesbook::domain::{ContactPatch, Grade, NewContact};
use salesbook::report::input::Window;
use salesbook::service::{ReadBook, Session};
use std::path::Path;

/// 2026-11-20 at `hm`, +08:00.
fn at(hm: &str) -> String {
    format!("2026-11-20T{hm}:00+08:00")
}

/// Runs one command on the book at `hm`.
fn step(path: &Path, hm: &str, cmd: Command) -> Option<i64> {
    let mut book = open_book(path, &at(hm));
    exec(&mut book, cmd)
}

fn undo(path: &Path, hm: &str) {
    open_book(path, &at(hm)).undo_last().expect("undo");
}

fn add(path: &Path, hm: &str, name: &str, grade: Option<Grade>, phone: Option<&str>) -> i64 {
    step(
        path,
        hm,
        Command::Add(NewContact {
            name: name.into(),
            grade,
            phone: phone.map(str::to_string),
            // The merge cases add the same person twice on purpose.
            duplicate_ok: true,
            ..Default::default()
        }),
    )
    .expect("the new contact's id")
}

type Change = (i64, String, Option<Grade>, Option<Grade>);

/// The grade changes the report's loader reads from the book, as (contact, local time,
/// from, to), sorted.
fn changes(path: &Path) -> Vec<Change> {
    let clock = Clock::parse(&at("23:00")).unwrap();
    let book = ReadBook::open(path, Session::with_default_template(clock, USER)).unwrap();
    let input = book.report_input(Window::ALL, Lang::En).unwrap();
    let east8 = FixedOffset::east_opt(8 * 3600).unwrap();
    let local = |t: DateTime<Utc>| t.with_timezone(&east8).format("%H:%M").to_string();
    let mut out: Vec<Change> = input
        .grade_changes
        .iter()
        .map(|g| (g.contact, local(g.at), g.from, g.to))
        .collect();
    out.sort();
    out
}

fn c(contact: i64, hm: &str, from: Option<Grade>, to: Option<Grade>) -> Change {
    (contact, hm.to_string(), from, to)
}

/// A timeline row that carries a grade change: (row, contact, kind, from, to).
type Recorded = (i64, i64, String, Option<String>, Option<String>);

/// Timeline rows that carry a grade change.
fn recorded(path: &Path) -> Vec<Recorded> {
    let conn = Connection::open(path).unwrap();
    let mut stmt = conn
        .prepare(
            "SELECT id, contact_id, kind, grade_from, grade_to FROM interactions \
             WHERE grade_from IS NOT NULL OR grade_to IS NOT NULL ORDER BY id",
        )
        .unwrap();
    stmt.query_map([], |r| {
        Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
    })
    .unwrap()
    .collect::<rusqlite::Result<_>>()
    .unwrap()
}

use Grade::*;

#[test]
fn edits_record_grade_changes_and_undo_takes_them_out() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("book.sqlite");
    let zhang = add(&path, "09:00", "张三", None, None);
    let li = add(&path, "09:00", "李四", Some(C), None);
    step(
        &path,
        "09:10",
        Command::Grade {
            id: zhang,
            grade: Some(A),
        },
    );
    let patch = |grade: Option<Option<Grade>>, phone: Option<&str>| ContactPatch {
        grade,
        phone: phone.map(|p| Some(p.to_string())),
        ..Default::default()
    };
    step(
        &path,
        "09:20",
        Command::Edit {
            id: zhang,
            patch: patch(Some(Some(B)), Some("13800001111")),
        },
    );
    // A change that leaves the grade alone records none.
    step(
        &path,
        "09:30",
        Command::Edit {
            id: li,
            patch: patch(None, Some("13900002222")),
        },
    );
    step(
        &path,
        "09:40",
        Command::Edit {
            id: li,
            patch: patch(Some(None), None),
        },
    );
    assert_eq!(
        changes(&path),
        vec![
            c(zhang, "09:10", None, Some(A)),
            c(zhang, "09:20", Some(A), Some(B)),
            c(li, "09:00", None, Some(C)),
            c(li, "09:40", Some(C), None),
        ]
    );
    let rows = recorded(&path);
    assert_eq!(rows.len(), 3, "{rows:?}");
    assert!(rows.iter().all(|r| r.2 == "edited"), "{rows:?}");
    // Undo takes the last change out with its timeline entry; the next undo the one before.
    undo(&path, "09:50");
    assert_eq!(
        changes(&path),
        vec![
            c(zhang, "09:10", None, Some(A)),
            c(zhang, "09:20", Some(A), Some(B)),
            c(li, "09:00", None, Some(C)),
        ]
    );
    undo(&path, "09:51");
    undo(&path, "09:52");
    assert_eq!(
        changes(&path),
        vec![
            c(zhang, "09:10", None, Some(A)),
            c(li, "09:00", None, Some(C)),
        ]
    );
    assert_eq!(recorded(&path).len(), 1);
    // Several edits in one batch each record their own step.
    step(
        &path,
        "10:00",
        Command::Batch {
            kind: BatchKind::Bulk,
            commands: vec![
                Command::Grade {
                    id: zhang,
                    grade: Some(B),
                },
                Command::Grade {
                    id: zhang,
                    grade: Some(D),
                },
            ],
        },
    );
    assert_eq!(
        changes(&path),
        vec![
            c(zhang, "09:10", None, Some(A)),
            c(zhang, "10:00", Some(A), Some(B)),
            c(zhang, "10:00", Some(B), Some(D)),
            c(li, "09:00", None, Some(C)),
        ]
    );
}

#[test]
fn a_merge_that_fills_the_grade_records_it_and_its_undo_takes_it_out() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("book.sqlite");
    let wang = add(&path, "09:00", "王五", None, Some("13800001111"));
    let dup = add(&path, "09:05", "王五", Some(B), Some("13800001111"));
    let zhao = add(&path, "09:10", "赵六", Some(A), None);
    let zhao2 = add(&path, "09:15", "赵六", Some(C), None);
    step(
        &path,
        "10:00",
        Command::Merge {
            keep: wang,
            other: dup,
        },
    );
    // 赵六 keeps its own grade: no change.
    step(
        &path,
        "10:10",
        Command::Merge {
            keep: zhao,
            other: zhao2,
        },
    );
    // The duplicates merged away are not leads of their own: the report leaves them out.
    let before_undo = vec![
        c(wang, "10:00", None, Some(B)),
        c(zhao, "09:10", None, Some(A)),
    ];
    assert_eq!(changes(&path), before_undo);
    let rows = recorded(&path);
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(
        (
            rows[0].1,
            rows[0].2.as_str(),
            rows[0].3.as_deref(),
            rows[0].4.as_deref()
        ),
        (wang, "merged", None, Some("B"))
    );
    undo(&path, "10:20");
    undo(&path, "10:21");
    assert_eq!(
        changes(&path),
        vec![
            c(dup, "09:05", None, Some(B)),
            c(zhao, "09:10", None, Some(A)),
            c(zhao2, "09:15", None, Some(C)),
        ]
    );
    assert!(recorded(&path).is_empty());
}

#[test]
fn an_import_that_merges_a_grade_in_records_it() {
    let sb = Sb::new();
    let id = sb.add(&["--name", "孙七", "--phone", "13700003333"]);
    let other = sb.add(&["--name", "周八", "--phone", "13600004444", "--grade", "C"]);
    let file = sb.write(
        "leads.csv",
        "姓名,手机,等级\n孙七,13700003333,A\n周八,13600004444,B\n",
    );
    sb.ok(&["import", file.to_str().unwrap(), "--on-duplicate", "merge"]);
    let read = |path: &Path| -> Vec<Change> {
        let clock = Clock::parse(common::NOW).unwrap();
        let book = ReadBook::open(path, Session::with_default_template(clock, USER)).unwrap();
        let mut v: Vec<Change> = book
            .report_input(Window::ALL, Lang::Zh)
            .unwrap()
            .grade_changes
            .iter()
            .map(|g| (g.contact, g.at.to_rfc3339(), g.from, g.to))
            .collect();
        v.sort();
        v
    };
    let now = DateTime::parse_from_rfc3339(common::NOW)
        .unwrap()
        .with_timezone(&Utc)
        .to_rfc3339();
    // 孙七 had no grade: the file's fills it. 周八 keeps the book's C.
    assert_eq!(
        read(&sb.db()),
        vec![
            (id, now.clone(), None, Some(A)),
            (other, now.clone(), None, Some(C)),
        ]
    );
    sb.ok(&["undo"]);
    assert_eq!(read(&sb.db()), vec![(other, now, None, Some(C))]);
}

/// A book as the salesbook before these records left it: the same rows and log, without
/// the timeline's grade columns (nor the wider indexes of schemas 8 and 9, nor the
/// duplicate lookups of 14), at schema 6.
fn downgrade_to_schema_6(path: &Path) {
    let conn = Connection::open(path).unwrap();
    conn.execute_batch(
        "ALTER TABLE interactions DROP COLUMN grade_from;
         ALTER TABLE interactions DROP COLUMN grade_to;
         DROP INDEX contacts_board_page;
         DROP INDEX contacts_by_name;
         DROP INDEX contacts_by_wechat;
         CREATE INDEX contacts_by_wechat ON contacts (wechat);",
    )
    .unwrap();
    conn.execute_batch(common::INDEXES_BEFORE_8).unwrap();
    conn.execute_batch("PRAGMA user_version = 6;").unwrap();
    drop(conn);
    common::strip_records_seal(path);
}

#[test]
fn an_older_book_is_read_from_its_log_and_filled_in_when_upgraded() {
    let sb = Sb::new();
    let books = sb.root().join("books");
    std::fs::create_dir_all(&books).unwrap();
    let path = books.join("book.sqlite");
    let a = add(&path, "09:00", "张三", None, None);
    let b = add(&path, "09:00", "李四", Some(C), None);
    let keep = add(&path, "09:00", "王五", None, Some("13800001111"));
    let dup = add(&path, "09:00", "王五", Some(B), Some("13800001111"));
    step(
        &path,
        "09:10",
        Command::Grade {
            id: a,
            grade: Some(A),
        },
    );
    // Changed, then undone: its timeline entry is gone, and its id is used again by the
    // next entry (a later edit that changes no grade): that one must not take the change.
    step(
        &path,
        "09:20",
        Command::Grade {
            id: b,
            grade: Some(B),
        },
    );
    let last_entry = || -> i64 {
        Connection::open(&path)
            .unwrap()
            .query_row("SELECT max(id) FROM interactions", [], |r| r.get(0))
            .unwrap()
    };
    let undone_entry = last_entry();
    undo(&path, "09:30");
    step(
        &path,
        "09:40",
        Command::Edit {
            id: a,
            patch: ContactPatch {
                phone: Some(Some("13900002222".into())),
                ..Default::default()
            },
        },
    );
    assert_eq!(last_entry(), undone_entry, "the id is used again");
    step(&path, "09:50", Command::Merge { keep, other: dup });
    // `dup`, merged into `keep`, is not a lead of its own.
    let expected = vec![
        c(a, "09:10", None, Some(A)),
        c(b, "09:00", None, Some(C)),
        c(keep, "09:50", None, Some(B)),
    ];
    assert_eq!(changes(&path), expected);
    let rows_before = recorded(&path);
    assert_eq!(rows_before.len(), 2, "{rows_before:?}");

    downgrade_to_schema_6(&path);
    // Read as it is: the reader opens it, writes nothing, and takes the changes from the log.
    let folder = dir_state(&books);
    assert_eq!(changes(&path), expected);
    let p = path.to_str().unwrap();
    sb.ok(&["--db", p, "list", "--all"]);
    sb.ok(&["--db", p, "report", "--format", "json"]);
    sb.ok(&["--db", p, "verify"]);
    assert_eq!(
        dir_state(&books),
        folder,
        "reading an older book changed its folder"
    );

    // Opened for writing, it is upgraded and its timeline filled in from the log.
    drop(open_book(&path, &at("10:00")));
    assert_eq!(recorded(&path), rows_before);
    assert_eq!(changes(&path), expected);
    sb.ok(&["--db", p, "verify"]);
}

#[test]
fn a_book_older_than_the_reader_reads_is_refused_by_reads() {
    let sb = Sb::new();
    {
        let conn = Connection::open(sb.db()).unwrap();
        for v in 1..=5 {
            conn.execute_batch(salesbook::store::migration_sql(v).unwrap())
                .unwrap();
        }
        conn.execute_batch("PRAGMA user_version = 5; PRAGMA application_id = 1396853553;")
            .unwrap();
    }
    let before = std::fs::read(sb.db()).unwrap();
    let err = sb.fail(&["report"]);
    assert!(err.contains("旧版") && err.contains("结构版本 5"), "{err}");
    assert_eq!(std::fs::read(sb.db()).unwrap(), before);
}
