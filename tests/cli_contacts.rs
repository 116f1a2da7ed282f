//! Integration tests of the contact commands, run against the real `salesbook` binary.
//! Each test owns a temporary directory (see `common::Sb`) and a fixed clock. This file
//! holds what they share; the tests are in the modules under `cli_contacts/`.

#[path = "cli_contacts/add_show_list.rs"]
mod add_show_list;
#[path = "cli_contacts/book_file_and_demo.rs"]
mod book_file_and_demo;
#[path = "cli_contacts/changes.rs"]
mod changes;
mod common;
#[path = "cli_contacts/duplicates.rs"]
mod duplicates;
#[path = "cli_contacts/errors.rs"]
mod errors;

use common::{CSV_HEADER, NOW, Sb, USER, expect_ok, history};
use serde_json::{Value, json};
use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// `add` with every field, as the README shows it.
const FULL: &[&str] = &[
    "--name",
    "张三丰",
    "--honorific",
    "张总",
    "--phone",
    "138-0000 1234",
    "--wechat",
    "zsf_wx",
    "--company",
    "武当科技",
    "--source",
    "朋友圈",
    "--need",
    "想改善睡眠",
    "--budget",
    "3000-5000",
    "--grade",
    "A",
    "--tag",
    "客户来源/朋友圈",
    "--tag",
    "意向/近期购买",
    "--note",
    "晚上方便",
];

const LATER: &str = "2026-11-24T15:00:00+08:00";
const LATER2: &str = "2026-11-25T11:15:00+08:00";
const LATER3: &str = "2026-11-26T20:45:00+08:00";

const STAGES_BOTH_FORMS: [&str; 5] = [
    "discover（挖需求）",
    "pitch（抛产品）",
    "resolve（解问题）",
    "close（提成交）",
    "aftercare（理售后）",
];

fn add_args<'a>(rest: &[&'a str]) -> Vec<&'a str> {
    let mut v = vec!["add"];
    v.extend_from_slice(rest);
    v
}

/// The JSON `show` gives for the FULL contact right after `add` (without `history`).
fn full_contact_json(id: i64) -> Value {
    json!({
        "id": id,
        "name": "张三丰",
        "honorific": "张总",
        "phone": "13800001234",
        "wechat": "zsf_wx",
        "company": "武当科技",
        "source": "朋友圈",
        "need": "想改善睡眠",
        "budget": "3000-5000",
        "grade": "A",
        "stage": "discover",
        "outcome": "open",
        "lost_reason": null,
        "notes": "晚上方便",
        "owner": USER,
        "archived": false,
        "tags": ["客户来源/朋友圈", "意向/近期购买"],
        "created_at": NOW,
        "updated_at": NOW,
        "last_touch_at": null,
    })
}

fn without_history(mut c: Value) -> Value {
    c.as_object_mut().expect("object").remove("history");
    c
}

fn ids(items: &[Value]) -> Vec<i64> {
    items
        .iter()
        .map(|c| c["id"].as_i64().expect("id"))
        .collect()
}

fn list_ids(sb: &Sb, filters: &[&str]) -> Vec<i64> {
    let mut args = vec!["list", "--format", "json"];
    args.extend_from_slice(filters);
    match sb.json(&args) {
        Value::Array(items) => ids(&items),
        other => panic!("list should print an array, got {other}"),
    }
}

fn last_entry(sb: &Sb, id: i64) -> Value {
    history(&sb.contact(id))
        .last()
        .expect("a timeline entry")
        .clone()
}

/// The text of `line` from display column `col` on; `None` when no character starts there.
fn from_col(line: &str, col: usize) -> Option<&str> {
    let mut at = 0;
    for (i, c) in line.char_indices() {
        if at == col {
            return Some(&line[i..]);
        }
        if at > col {
            return None;
        }
        at += c.width().unwrap_or(0);
    }
    (at == col).then_some("")
}

/// The display column where `needle` first occurs in `line`.
fn col_of(line: &str, needle: &str) -> usize {
    let i = line
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in {line:?}"));
    UnicodeWidthStr::width(&line[..i])
}

/// Asserts that `cell` is printed in `line` starting exactly at display column `col`.
fn assert_cell_at(line: &str, col: usize, cell: &str) {
    let rest = from_col(line, col)
        .unwrap_or_else(|| panic!("no character starts at display column {col} in {line:?}"));
    assert!(
        rest.starts_with(cell),
        "expected {cell:?} at display column {col} of {line:?}, found {rest:?}"
    );
    if col > 0 {
        let before = &line[..line.len() - rest.len()];
        assert!(
            before.ends_with(' '),
            "{cell:?} at column {col} runs into the cell before it in {line:?}"
        );
    }
}

/// A book with two contacts and a little history; returns it and its snapshot.
fn seeded() -> (Sb, Value) {
    let sb = Sb::new();
    assert_eq!(sb.add(FULL), 1);
    assert_eq!(sb.add(&["--name", "李四", "--grade", "B"]), 2);
    sb.ok(&["move", "1", "pitch"]);
    sb.ok(&["log", "1", "--note", "初次沟通", "--channel", "wechat"]);
    let snap = sb.snapshot();
    assert_eq!(snap.as_array().map(Vec::len), Some(2));
    (sb, snap)
}

/// Runs a command that must fail, mention every needle on stderr and leave the book as it was.
fn fails_keeping(sb: &Sb, snap: &Value, args: &[&str], needles: &[&str]) -> String {
    let err = sb.fail(args);
    for needle in needles {
        assert!(
            err.contains(needle),
            "`salesbook {}`: stderr should mention {needle:?}:\n{err}",
            args.join(" ")
        );
    }
    assert_eq!(
        &sb.snapshot(),
        snap,
        "`salesbook {}` failed but changed the book",
        args.join(" ")
    );
    err
}

fn assert_no_sidecars(path: &Path) {
    for suffix in ["-wal", "-shm", "-journal"] {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        assert!(
            !Path::new(&p).exists(),
            "{} was left behind",
            Path::new(&p).display()
        );
    }
}

/// Numbers typed with the input method still in full-width mode read as the same numbers:
/// a contact's id, a follow-up's, a count; words that are not numbers are refused as before.
#[test]
fn full_width_numbers_read_as_numbers() {
    let sb = Sb::new();
    sb.add(&["--name", "张伟", "--grade", "B"]);
    let id = sb.add(&["--name", "李娜", "--grade", "A"]);
    assert_eq!(id, 2);
    assert_eq!(sb.json(&["show", "２", "--format", "json"])["name"], "李娜");
    let agenda = sb.json(&["agenda", "--format", "json", "--limit", "１"]);
    let items = agenda.as_array().unwrap();
    let followup = items[0]["followup_id"].as_i64().unwrap();
    let wide: String = followup
        .to_string()
        .chars()
        .map(|c| char::from_u32(c as u32 - '0' as u32 + '０' as u32).unwrap())
        .collect();
    sb.ok(&["done", &wide, "--note", "已回复"]);
    let after = sb.json(&["agenda", "--format", "json"]);
    assert!(
        after
            .as_array()
            .unwrap()
            .iter()
            .all(|i| i["followup_id"].as_i64() != Some(followup)),
        "{after}"
    );
    let err = sb.fail(&["show", "二"]);
    assert!(err.contains("应是一个整数"), "{err}");
    let err = sb.fail(&["undo", "--steps", "５０００"]);
    assert!(err.contains("1 到 100"), "{err}");
}

/// A mobile a digit off, typed by hand (`add`, `edit`), is saved as typed and said, as an
/// import says it; a right one, a landline or an edit that leaves the phone is not.
#[test]
fn a_mobile_a_digit_off_is_saved_and_said() {
    let sb = Sb::new();
    let said = |out: &std::process::Output| common::stderr(out).contains("大陆手机号是 11 位");
    let out = sb.run(&["add", "周一", "--phone", "1391234567"]);
    assert!(out.status.success());
    assert!(
        common::stderr(&out).contains("手机号“1391234567”是 10 位"),
        "{}",
        common::stderr(&out)
    );
    let out = sb.run(&["add", "周二", "--phone", "13912345678"]);
    assert!(
        out.status.success() && !said(&out),
        "{}",
        common::stderr(&out)
    );
    let out = sb.run(&["add", "周三", "--phone", "010-12345678"]);
    assert!(
        out.status.success() && !said(&out),
        "{}",
        common::stderr(&out)
    );
    let out = sb.run(&["edit", "2", "--phone", "139 1234 56789"]);
    assert!(
        out.status.success() && common::stderr(&out).contains("手机号“139123456789”是 12 位"),
        "{}",
        common::stderr(&out)
    );
    let out = sb.run(&["edit", "2", "--company", "某公司"]);
    assert!(
        out.status.success() && !said(&out),
        "{}",
        common::stderr(&out)
    );
    // Saved as typed.
    let c: Value = serde_json::from_str(&sb.ok(&["show", "1", "--format", "json"])).unwrap();
    assert_eq!(c["phone"], "1391234567");
}
