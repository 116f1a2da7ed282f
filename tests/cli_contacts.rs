//! Integration tests of the contact commands, run against the real `salesbook` binary.
//! Each test owns a temporary directory (see `common::Sb`) and a fixed clock.

mod common;

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
    "discover (挖需求)",
    "pitch (抛产品)",
    "resolve (解问题)",
    "close (提成交)",
    "aftercare (理售后)",
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

// ---------------------------------------------------------------------------------------------
// add / show

#[test]
fn add_with_every_field_prints_the_id_and_show_has_every_value() {
    let sb = Sb::new();
    let out = sb.ok(&add_args(FULL));
    assert_eq!(out, "1\n", "add prints just the new id");

    let mut expected = full_contact_json(1);
    expected["history"] = json!([{ "at": NOW, "kind": "created", "text": null }]);
    assert_eq!(sb.contact(1), expected);

    // The next contact gets the next id.
    assert_eq!(sb.add(&["--name", "李四"]), 2);
}

#[test]
fn add_format_json_returns_the_new_contact() {
    let sb = Sb::new();
    let mut args = add_args(FULL);
    args.extend(["--format", "json"]);
    let added = sb.json(&args);
    assert_eq!(added, full_contact_json(1));
    assert!(added.get("history").is_none(), "add prints no timeline");
    assert_eq!(without_history(sb.contact(1)), added);

    // Only the name is required; every other field is null.
    let bare = sb.json(&["add", "--name", " 李四 ", "--phone", "", "--format", "json"]);
    assert_eq!(bare["id"], 2);
    assert_eq!(bare["name"], "李四", "the name is trimmed");
    for field in [
        "honorific",
        "phone",
        "wechat",
        "company",
        "source",
        "need",
        "budget",
        "grade",
        "lost_reason",
        "notes",
        "last_touch_at",
    ] {
        assert_eq!(bare[field], Value::Null, "{field}");
    }
    assert_eq!(bare["tags"], json!([]));
}

#[test]
fn tags_are_stored_once_and_sorted_whatever_the_order_given() {
    let sb = Sb::new();
    let id = sb.add(&[
        "--name",
        "王五",
        "--tag",
        "意向／近期购买",
        "--tag",
        "客户来源/朋友圈",
        "--tag",
        "客户来源/抖音",
        "--tag",
        "客户来源/朋友圈",
    ]);
    assert_eq!(
        sb.contact(id)["tags"],
        json!(["客户来源/抖音", "客户来源/朋友圈", "意向/近期购买"])
    );
}

#[test]
fn show_table_is_an_aligned_card_with_the_timeline() {
    let sb = Sb::new();
    sb.add(FULL);
    let out = sb.ok(&["show", "1"]);
    let (card, timeline) = out
        .split_once("\n\n")
        .unwrap_or_else(|| panic!("card and timeline are separated by a blank line:\n{out}"));

    let expected = [
        ("编号", "1".to_string()),
        ("姓名", "张三丰".to_string()),
        ("称呼", "张总".to_string()),
        ("阶段", "挖需求 (discover) · 进行中".to_string()),
        ("等级", "A 立即跟进".to_string()),
        ("来源", "朋友圈".to_string()),
        ("需求", "想改善睡眠".to_string()),
        ("预算", "3000-5000".to_string()),
        ("电话", "13800001234".to_string()),
        ("微信", "zsf_wx".to_string()),
        ("公司", "武当科技".to_string()),
        ("标签", "客户来源/朋友圈 意向/近期购买".to_string()),
        ("备注", "晚上方便".to_string()),
        ("负责人", USER.to_string()),
        ("创建", "2026-11-23 09:30".to_string()),
        ("最近跟进", "从未".to_string()),
        ("生命周期", "引入期 (intro)".to_string()),
        // A new lead: the first reply is due 10 minutes after it was added.
        ("下次跟进", "2026-11-23 09:40 欢迎语".to_string()),
    ];
    let lines: Vec<&str> = card.lines().collect();
    assert_eq!(lines.len(), expected.len(), "card:\n{card}");
    // Values start at one display column: the widest label (最近跟进, 8 columns) plus 2.
    let value_col = UnicodeWidthStr::width("最近跟进") + 2;
    for (line, (label, value)) in lines.iter().zip(&expected) {
        assert!(
            line.starts_with(label),
            "{line:?} should start with {label}"
        );
        assert_cell_at(line, value_col, value);
        assert_eq!(from_col(line, value_col), Some(value.as_str()), "{line:?}");
    }

    let tl: Vec<&str> = timeline.lines().collect();
    assert_eq!(tl[0], "跟进记录");
    assert!(tl[1].starts_with("时间"), "{tl:?}");
    assert_eq!(tl.len(), 3, "one entry: {tl:?}");
    assert!(tl[2].starts_with("2026-11-23 09:30"), "{tl:?}");
    assert_cell_at(tl[2], col_of(tl[1], "类型"), "created");
}

#[test]
fn times_are_shown_in_the_offset_of_the_clock() {
    let mut sb = Sb::new();
    sb.add(&["--name", "张三丰"]);
    // The same instant, seen from UTC.
    sb.set_now("2026-11-23T01:30:00Z");
    let c = sb.contact(1);
    assert_eq!(c["created_at"], "2026-11-23T01:30:00+00:00");
    assert_eq!(history(&c)[0]["at"], "2026-11-23T01:30:00+00:00");
    assert!(sb.ok(&["show", "1"]).contains("2026-11-23 01:30"));
}

#[test]
fn show_card_labels_are_not_cut_in_english() {
    let sb = Sb::new();
    let dir = sb.path("config/salesbook");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("config.toml"), "[ui]\nlang = \"en\"\n").unwrap();
    sb.add(&["--name", "张三丰", "--honorific", "张总"]);
    sb.ok(&["lost", "1", "--reason", "预算不够"]);
    let out = sb.ok(&["show", "1"]);
    let card = out.split_once("\n\n").map_or(out.as_str(), |(c, _)| c);
    assert!(!card.contains('…'), "a label was cut:\n{card}");
    let value_col = "Next follow-up".len() + 2;
    for (label, value) in [
        ("Name", "张三丰"),
        ("Honorific", "张总"),
        ("Lost reason", "预算不够"),
        ("Last touch", "never"),
        ("Lifecycle", "流失期 (churned)"),
        ("Next follow-up", "nothing scheduled"),
    ] {
        let line = card
            .lines()
            .find(|l| l.starts_with(label))
            .unwrap_or_else(|| panic!("no {label} line in:\n{card}"));
        assert_eq!(from_col(line, value_col), Some(value), "{line:?}");
    }
}

// ---------------------------------------------------------------------------------------------
// list: table, csv, json

#[test]
fn list_table_aligns_columns_by_display_width() {
    let sb = Sb::new();
    sb.add(FULL);
    sb.add(&["--name", "Li Lei", "--grade", "b", "--source", "抖音"]);
    sb.add(&[
        "--name",
        "欧阳娜娜",
        "--need",
        "长期理财规划",
        "--grade",
        "C",
    ]);
    let out = sb.ok(&["list"]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 4, "a header and three rows:\n{out}");

    let headers = [
        "编号", "姓名", "阶段", "等级", "状态", "来源", "需求", "预算", "标签", "更新",
    ];
    let cols: Vec<usize> = headers.iter().map(|h| col_of(lines[0], h)).collect();
    assert_eq!(cols[0], 0);
    assert!(cols.windows(2).all(|w| w[0] < w[1]), "{cols:?}");
    // The name column is as wide as its widest cell in columns (欧阳娜娜 = 8), plus 2.
    assert_eq!(cols[2] - cols[1], 8 + 2, "{out}");

    let rows: [[&str; 10]; 3] = [
        [
            "1",
            "张三丰",
            "挖需求",
            "A",
            "进行中",
            "朋友圈",
            "想改善睡眠",
            "3000-5000",
            "客户来源/朋友圈 意向/近期购买",
            "2026-11-23",
        ],
        [
            "2",
            "Li Lei",
            "挖需求",
            "B",
            "进行中",
            "抖音",
            "",
            "",
            "",
            "2026-11-23",
        ],
        [
            "3",
            "欧阳娜娜",
            "挖需求",
            "C",
            "进行中",
            "",
            "长期理财规划",
            "",
            "",
            "2026-11-23",
        ],
    ];
    for (line, cells) in lines[1..].iter().zip(rows) {
        for (col, cell) in cols.iter().zip(cells) {
            if cell.is_empty() {
                assert_eq!(
                    from_col(line, *col).map(|r| r.starts_with(' ') || r.is_empty()),
                    Some(true),
                    "empty cell at {col} of {line:?}"
                );
            } else {
                assert_cell_at(line, *col, cell);
            }
        }
    }
}

#[test]
fn list_and_show_csv_have_the_json_field_names_and_right_values() {
    let sb = Sb::new();
    sb.add(FULL);
    sb.add(&[
        "--name",
        "李四",
        "--note",
        "he said \"ok\", call back",
        "--grade",
        "D",
    ]);
    let out = sb.ok(&["list", "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(out.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header, CSV_HEADER);
    let records: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    let full = vec![
        "1",
        "张三丰",
        "张总",
        "13800001234",
        "zsf_wx",
        "武当科技",
        "朋友圈",
        "想改善睡眠",
        "3000-5000",
        "A",
        "discover",
        "open",
        "",
        "晚上方便",
        USER,
        "false",
        "客户来源/朋友圈\n意向/近期购买",
        NOW,
        NOW,
        "",
    ];
    let li = vec![
        "2",
        "李四",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "D",
        "discover",
        "open",
        "",
        "he said \"ok\", call back",
        USER,
        "false",
        "",
        NOW,
        NOW,
        "",
    ];
    assert_eq!(records, vec![full.clone(), li]);

    // show --format csv: the same header and the one record.
    let one = sb.ok(&["show", "1", "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(one.as_bytes());
    assert_eq!(
        reader.headers().unwrap().iter().collect::<Vec<_>>(),
        CSV_HEADER
    );
    let records: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    assert_eq!(records, vec![full]);
}

#[test]
fn list_json_is_an_array_of_the_show_objects_in_id_order() {
    let sb = Sb::new();
    // No book yet: a read command says so and creates nothing.
    let err = sb.fail(&["list", "--format", "json"]);
    assert!(err.contains("找不到客户手册"), "{err}");
    assert!(!sb.db().exists());
    sb.add(FULL);
    sb.add(&["--name", "李四"]);
    let list = sb.json(&["list", "--format", "json"]);
    let items = list.as_array().expect("list --format json prints an array");
    assert_eq!(ids(items), vec![1, 2]);
    assert_eq!(items[0], full_contact_json(1));
    assert!(items.iter().all(|c| c.get("history").is_none()));
    assert_eq!(items[1], without_history(sb.contact(2)));
}

// ---------------------------------------------------------------------------------------------
// move, won, lost, reopen

#[test]
fn move_by_key_and_by_chinese_name_records_stage_changes() {
    let mut sb = Sb::new();
    sb.add(FULL);
    assert_eq!(
        sb.ok(&["move", "1", "pitch"]),
        "1 张三丰: 挖需求 → 抛产品\n"
    );
    sb.set_now(LATER);
    assert_eq!(
        sb.ok(&["move", "1", "解问题"]),
        "1 张三丰: 抛产品 → 解问题\n"
    );
    assert_eq!(
        sb.ok(&["move", "1", "CLOSE"]),
        "1 张三丰: 解问题 → 提成交\n"
    );
    // Back a stage is allowed too.
    assert_eq!(
        sb.ok(&["move", "1", "抛产品"]),
        "1 张三丰: 提成交 → 抛产品\n"
    );
    // After-sale care is reached by a win, not a move.
    let snap = sb.snapshot();
    fails_keeping(&sb, &snap, &["move", "1", "理售后"], &["salesbook won 1"]);

    let c = sb.contact(1);
    assert_eq!(c["stage"], "pitch");
    assert_eq!(c["outcome"], "open");
    assert_eq!(c["updated_at"], LATER);
    assert_eq!(
        c["last_touch_at"],
        Value::Null,
        "a stage change is not a touch"
    );
    let change = |at: &str, from: &str, to: &str| json!({ "at": at, "kind": "stage_change", "text": null, "from": from, "to": to });
    assert_eq!(
        history(&c)[1..],
        [
            change(NOW, "discover", "pitch"),
            change(LATER, "pitch", "resolve"),
            change(LATER, "resolve", "close"),
            change(LATER, "close", "pitch"),
        ]
    );
}

#[test]
fn acceptance_add_move_by_chinese_name_then_show() {
    let sb = Sb::new();
    let id = sb.add(&["--name", "张三丰", "--source", "朋友圈", "--grade", "A"]);
    let id_s = id.to_string();
    sb.ok(&["move", &id_s, "抛产品"]);
    let c = sb.contact(id);
    assert_eq!(c["stage"], "pitch");
    assert_eq!(c["source"], "朋友圈");
    assert_eq!(c["grade"], "A");
    assert_eq!(
        history(&c),
        &vec![
            json!({ "at": NOW, "kind": "created", "text": null }),
            json!({ "at": NOW, "kind": "stage_change", "text": null,
                    "from": "discover", "to": "pitch" }),
        ]
    );
    let card = sb.ok(&["show", &id_s]);
    assert!(card.contains("抛产品 (pitch) · 进行中"), "{card}");
    assert!(
        card.lines()
            .any(|l| l.contains("stage_change") && l.contains("挖需求 → 抛产品")),
        "the timeline shows the stage change:\n{card}"
    );
}

#[test]
fn moving_to_the_current_stage_exits_0_and_changes_nothing() {
    let mut sb = Sb::new();
    sb.add(FULL);
    sb.ok(&["move", "1", "pitch"]);
    let before = sb.snapshot();
    sb.set_now(LATER);
    for stage in ["pitch", "抛产品"] {
        let out = sb.run(&["move", "1", stage]);
        let stdout = expect_ok(&["move", "1", stage], out.clone());
        assert_eq!(stdout, "");
        assert_eq!(
            common::stderr(&out),
            "salesbook: 提示: 1 已经在 抛产品 (pitch); 没有改动\n"
        );
    }
    assert_eq!(sb.snapshot(), before, "no new entry, updated_at unchanged");
}

#[test]
fn won_moves_to_aftercare_and_records_amount_and_product() {
    let mut sb = Sb::new();
    sb.add(FULL);
    sb.set_now(LATER);
    assert_eq!(
        sb.ok(&["won", "1", "--amount", "3999.5", "--product", "年卡"]),
        "1 张三丰: 已成交 → 理售后\n"
    );
    let c = sb.contact(1);
    assert_eq!(c["stage"], "aftercare");
    assert_eq!(c["outcome"], "won");
    assert_eq!(c["lost_reason"], Value::Null);
    assert_eq!(c["updated_at"], LATER);
    assert_eq!(
        history(&c)[1..],
        [
            json!({ "at": LATER, "kind": "won", "text": null,
                    "amount": "3999.50", "product": "年卡" }),
            json!({ "at": LATER, "kind": "stage_change", "text": null,
                    "from": "discover", "to": "aftercare" }),
        ]
    );
    assert_eq!(list_ids(&sb, &["--outcome", "won"]), vec![1]);

    // Amounts as people type them; a whole amount prints without decimals.
    sb.add(&["--name", "李四"]);
    sb.ok(&["won", "2", "--amount", "￥1,200"]);
    let e = last_entry(&sb, 2);
    assert_eq!(e["kind"], "stage_change");
    let won = history(&sb.contact(2))[1].clone();
    assert_eq!(won["kind"], "won");
    assert_eq!(won["amount"], "1200");
    assert!(won.get("product").is_none());
}

#[test]
fn lost_contacts_keep_their_reason_cannot_move_and_can_be_reopened() {
    let mut sb = Sb::new();
    sb.add(FULL);
    sb.ok(&["move", "1", "pitch"]);
    sb.set_now(LATER);
    assert_eq!(
        sb.ok(&["lost", "1", "--reason", "预算不够"]),
        "1 张三丰: 已流失 (预算不够)\n"
    );
    let c = sb.contact(1);
    assert_eq!(c["outcome"], "lost");
    assert_eq!(c["lost_reason"], "预算不够");
    assert_eq!(c["stage"], "pitch", "losing keeps the stage");
    assert_eq!(
        last_entry(&sb, 1),
        json!({ "at": LATER, "kind": "lost", "text": "预算不够" })
    );

    let snap = sb.snapshot();
    let err = fails_keeping(&sb, &snap, &["move", "1", "resolve"], &["reopen"]);
    assert!(err.contains("salesbook reopen 1"), "{err}");
    fails_keeping(&sb, &snap, &["won", "1"], &["reopen"]);
    fails_keeping(
        &sb,
        &snap,
        &["lost", "1", "--reason", "又没预算"],
        &["已流失", "salesbook reopen 1"],
    );

    sb.set_now(LATER2);
    assert_eq!(sb.ok(&["reopen", "1"]), "1 张三丰: 进行中 · 抛产品\n");
    let c = sb.contact(1);
    assert_eq!(c["outcome"], "open");
    assert_eq!(c["lost_reason"], Value::Null);
    assert_eq!(c["stage"], "pitch");
    assert_eq!(
        last_entry(&sb, 1),
        json!({ "at": LATER2, "kind": "reopened", "text": null })
    );
    let snap = sb.snapshot();
    fails_keeping(&sb, &snap, &["reopen", "1"], &["本来就是进行中"]);

    assert_eq!(
        sb.ok(&["move", "1", "resolve"]),
        "1 张三丰: 抛产品 → 解问题\n"
    );
    assert_eq!(sb.contact(1)["stage"], "resolve");
}

// ---------------------------------------------------------------------------------------------
// log

#[test]
fn log_kinds_follow_the_channel_and_only_touches_set_last_touch() {
    let mut sb = Sb::new();
    sb.add(FULL);

    sb.set_now(LATER);
    assert_eq!(
        sb.ok(&["log", "1", "--note", "客户说在出差"]),
        "1: note #2\n"
    );
    assert_eq!(
        sb.contact(1)["last_touch_at"],
        Value::Null,
        "a note is not a touch"
    );

    sb.set_now(LATER2);
    assert_eq!(
        sb.ok(&["log", "1", "--note", "发了案例", "--channel", "wechat"]),
        "1: message #3\n"
    );
    assert_eq!(sb.contact(1)["last_touch_at"], LATER2);

    sb.set_now(LATER3);
    // A later note leaves the last touch alone.
    assert_eq!(
        sb.ok(&["log", "1", "--note", "他爱人也在听"]),
        "1: note #4\n"
    );
    assert_eq!(sb.contact(1)["last_touch_at"], LATER2);
    assert_eq!(
        sb.ok(&[
            "log",
            "1",
            "--note",
            "电话聊了二十分钟",
            "--channel",
            "phone"
        ]),
        "1: call #5\n"
    );
    assert_eq!(
        sb.ok(&["log", "1", "--note", "门店见面", "--channel", "面谈"]),
        "1: meeting #6\n"
    );

    let c = sb.contact(1);
    assert_eq!(c["last_touch_at"], LATER3);
    assert_eq!(
        history(&c)[1..],
        [
            json!({ "at": LATER, "kind": "note", "text": "客户说在出差" }),
            json!({ "at": LATER2, "kind": "message", "text": "发了案例", "channel": "wechat" }),
            json!({ "at": LATER3, "kind": "note", "text": "他爱人也在听" }),
            json!({ "at": LATER3, "kind": "call", "text": "电话聊了二十分钟", "channel": "phone" }),
            json!({ "at": LATER3, "kind": "meeting", "text": "门店见面", "channel": "meeting" }),
        ]
    );
}

// ---------------------------------------------------------------------------------------------
// archive

#[test]
fn archived_contacts_are_hidden_unless_all_and_archiving_twice_fails() {
    let sb = Sb::new();
    sb.add(FULL);
    sb.add(&["--name", "李四"]);
    assert_eq!(sb.ok(&["archive", "1"]), "1 张三丰: 已归档\n");
    assert_eq!(list_ids(&sb, &[]), vec![2]);
    assert_eq!(list_ids(&sb, &["--all"]), vec![1, 2]);
    assert_eq!(list_ids(&sb, &["--stage", "discover"]), vec![2]);
    assert!(!sb.ok(&["list"]).contains("张三丰"));
    assert!(sb.ok(&["list", "--all"]).contains("张三丰"));
    let c = sb.contact(1);
    assert_eq!(c["archived"], true);
    assert_eq!(last_entry(&sb, 1)["kind"], "archived");
    assert!(sb.ok(&["show", "1"]).contains("已归档"));

    let snap = sb.snapshot();
    fails_keeping(&sb, &snap, &["archive", "1"], &["客户 1", "已经归档了"]);

    assert_eq!(sb.ok(&["unarchive", "1"]), "1 张三丰: 已取消归档\n");
    assert_eq!(list_ids(&sb, &[]), vec![1, 2]);
    assert_eq!(sb.contact(1)["archived"], false);
    assert_eq!(last_entry(&sb, 1)["kind"], "unarchived");
    let snap = sb.snapshot();
    fails_keeping(&sb, &snap, &["unarchive", "1"], &["客户 1", "没有归档"]);
}

// ---------------------------------------------------------------------------------------------
// list filters

#[test]
fn list_filters_by_stage_grade_tag_and_outcome() {
    let sb = Sb::new();
    // 1: A, 朋友圈, pitch
    sb.add(&[
        "--name",
        "张三丰",
        "--grade",
        "A",
        "--tag",
        "客户来源/朋友圈",
    ]);
    sb.ok(&["move", "1", "pitch"]);
    // 2: B, 抖音, discover
    sb.add(&["--name", "李四", "--grade", "B", "--tag", "客户来源/抖音"]);
    // 3: B, 朋友圈, won (aftercare)
    sb.add(&["--name", "王五", "--grade", "b", "--tag", "客户来源/朋友圈"]);
    sb.ok(&["move", "3", "抛产品"]);
    sb.ok(&["won", "3"]);
    // 4: no grade, lost in discover
    sb.add(&["--name", "赵六"]);
    sb.ok(&["lost", "4", "--reason", "联系不上"]);
    // 5: B, pitch, archived
    sb.add(&["--name", "钱七", "--grade", "B"]);
    sb.ok(&["move", "5", "pitch"]);
    sb.ok(&["archive", "5"]);

    assert_eq!(list_ids(&sb, &[]), vec![1, 2, 3, 4]);
    assert_eq!(list_ids(&sb, &["--stage", "抛产品"]), vec![1]);
    assert_eq!(list_ids(&sb, &["--stage", "pitch", "--all"]), vec![1, 5]);
    assert_eq!(list_ids(&sb, &["--stage", "aftercare"]), vec![3]);
    assert_eq!(list_ids(&sb, &["--grade", "b"]), vec![2, 3]);
    assert_eq!(list_ids(&sb, &["--grade", "B", "--all"]), vec![2, 3, 5]);
    assert_eq!(list_ids(&sb, &["--grade", "立即跟进"]), vec![1]);
    assert_eq!(list_ids(&sb, &["--tag", "客户来源/朋友圈"]), vec![1, 3]);
    assert_eq!(
        list_ids(&sb, &["--tag", "客户来源/小红书"]),
        Vec::<i64>::new()
    );
    assert_eq!(list_ids(&sb, &["--outcome", "won"]), vec![3]);
    assert_eq!(list_ids(&sb, &["--outcome", "已流失"]), vec![4]);
    assert_eq!(list_ids(&sb, &["--outcome", "open"]), vec![1, 2]);
    assert_eq!(
        list_ids(
            &sb,
            &[
                "--stage",
                "抛产品",
                "--grade",
                "A",
                "--tag",
                "客户来源/朋友圈"
            ]
        ),
        vec![1]
    );
    assert_eq!(
        list_ids(&sb, &["--tag", "客户来源/朋友圈", "--outcome", "open"]),
        vec![1]
    );

    // Filters work the same for the table.
    let table = sb.ok(&["list", "--grade", "b"]);
    assert_eq!(table.lines().count(), 3, "{table}");
    assert!(table.contains("李四") && table.contains("王五") && !table.contains("张三丰"));
}

// ---------------------------------------------------------------------------------------------
// edit

#[test]
fn edit_changes_fields_clears_phone_and_records_what_changed() {
    let mut sb = Sb::new();
    sb.add(FULL);
    sb.set_now(LATER);
    let card = sb.ok(&[
        "edit",
        "1",
        "--grade",
        "B",
        "--need",
        "新需求",
        "--phone",
        "",
    ]);
    assert!(
        card.contains("B 持续培育") && card.contains("新需求"),
        "{card}"
    );
    assert!(!card.contains("13800001234"), "{card}");

    let c = sb.contact(1);
    let mut expected = full_contact_json(1);
    expected["grade"] = json!("B");
    expected["need"] = json!("新需求");
    expected["phone"] = Value::Null;
    expected["updated_at"] = json!(LATER);
    assert_eq!(without_history(c.clone()), expected);
    assert_eq!(
        history(&c)[1..],
        [json!({
            "at": LATER,
            "kind": "edited",
            "text": "phone: 13800001234 → —; need: 想改善睡眠 → 新需求; grade: A → B",
        })]
    );

    // Tags in and out (a tag the taxonomy lacks, added on purpose), and --format json
    // prints the updated contact.
    let edited = sb.json(&[
        "edit",
        "1",
        "--new-tag",
        "意向/高",
        "--untag",
        "意向/近期购买",
        "--name",
        "张真人",
        "--format",
        "json",
    ]);
    assert_eq!(edited["name"], "张真人");
    assert_eq!(edited["tags"], json!(["客户来源/朋友圈", "意向/高"]));
    assert_eq!(edited, without_history(sb.contact(1)));
    assert_eq!(
        last_entry(&sb, 1)["text"],
        "name: 张三丰 → 张真人; +tag 意向/高; -tag 意向/近期购买"
    );

    // Giving the values it already has changes nothing and records nothing.
    let snap = sb.snapshot();
    sb.set_now(LATER2);
    sb.ok(&["edit", "1", "--grade", "b", "--need", "新需求"]);
    assert_eq!(sb.snapshot(), snap);

    // An empty value clears the field, the grade included.
    sb.ok(&["edit", "1", "--grade", "", "--budget", ""]);
    let c = sb.contact(1);
    assert_eq!(c["grade"], Value::Null);
    assert_eq!(c["budget"], Value::Null);
    assert_eq!(c["need"], "新需求");
    assert_eq!(
        last_entry(&sb, 1),
        json!({ "at": LATER2, "kind": "edited", "text": "budget: 3000-5000 → —; grade: B → —" })
    );
}

#[test]
fn edit_with_nothing_to_change_fails() {
    let (sb, snap) = seeded();
    fails_keeping(&sb, &snap, &["edit", "1"], &["没有要改的内容", "--grade"]);
    fails_keeping(
        &sb,
        &snap,
        &["edit", "1", "--format", "json"],
        &["没有要改的内容"],
    );
}

// ---------------------------------------------------------------------------------------------
// error paths: non-zero exit, a clear message, nothing lost

#[test]
fn missing_name_fails() {
    let (sb, snap) = seeded();
    fails_keeping(&sb, &snap, &["add"], &["请填写姓名", "--name"]);
    fails_keeping(
        &sb,
        &snap,
        &["add", "--name", "   ", "--grade", "A"],
        &["请填写姓名"],
    );
    fails_keeping(&sb, &snap, &["edit", "1", "--name", ""], &["请填写姓名"]);
    let long = "长".repeat(101);
    fails_keeping(
        &sb,
        &snap,
        &["add", "--name", &long],
        &["姓名太长", "最多 100"],
    );
}

#[test]
fn unknown_stage_lists_all_five_stages_in_both_forms() {
    let (sb, snap) = seeded();
    for args in [
        &["move", "1", "签合同"][..],
        &["list", "--stage", "签合同"][..],
    ] {
        let err = fails_keeping(&sb, &snap, args, &["没有阶段 '签合同'"]);
        for stage in STAGES_BOTH_FORMS {
            assert!(err.contains(stage), "stderr should list {stage}:\n{err}");
        }
    }
}

#[test]
fn unknown_id_fails_for_every_command() {
    let (sb, snap) = seeded();
    for args in [
        &["show", "999"][..],
        &["show", "999", "--format", "json"][..],
        &["move", "999", "pitch"][..],
        &["won", "999", "--amount", "10"][..],
        &["lost", "999", "--reason", "预算不够"][..],
        &["reopen", "999"][..],
        &["log", "999", "--note", "你好"][..],
        &["archive", "999"][..],
        &["unarchive", "999"][..],
        &["edit", "999", "--grade", "A"][..],
    ] {
        fails_keeping(&sb, &snap, args, &["没有编号为 999 的客户"]);
    }
    // Not a number at all: clap refuses it.
    fails_keeping(&sb, &snap, &["show", "abc"], &["abc"]);
}

#[test]
fn bad_grade_lists_the_grades() {
    let (sb, snap) = seeded();
    for args in [
        &["add", "--name", "王五", "--grade", "E"][..],
        &["edit", "2", "--grade", "E"][..],
        &["list", "--grade", "E"][..],
    ] {
        fails_keeping(
            &sb,
            &snap,
            args,
            &[
                "没有等级 'E'",
                "A (立即跟进)",
                "B (持续培育)",
                "C (潜在)",
                "D (无效)",
            ],
        );
    }
}

#[test]
fn bad_phone_fails() {
    let (sb, snap) = seeded();
    fails_keeping(
        &sb,
        &snap,
        &["add", "--name", "王五", "--phone", "call me"],
        &["手机号 'call me' 不对"],
    );
    fails_keeping(
        &sb,
        &snap,
        &["add", "--name", "王五", "--phone", "12"],
        &["手机号 '12' 不对", "3 到 20 位"],
    );
    fails_keeping(
        &sb,
        &snap,
        &["edit", "2", "--phone", "abc"],
        &["手机号 'abc' 不对"],
    );
}

#[test]
fn bad_amount_fails() {
    let (sb, snap) = seeded();
    for amount in ["abc", "-5", "1.234", "", "3999.5元"] {
        // --amount=VALUE, so clap takes "-5" as the value rather than a flag.
        let flag = format!("--amount={amount}");
        fails_keeping(
            &sb,
            &snap,
            &["won", "1", &flag, "--product", "年卡"],
            &[&format!("金额 '{amount}' 不对"), "3999.50"],
        );
    }
    assert_eq!(sb.contact(1)["outcome"], "open");
}

#[test]
fn unknown_channel_fails() {
    let (sb, snap) = seeded();
    fails_keeping(
        &sb,
        &snap,
        &["log", "1", "--note", "发了传真", "--channel", "fax"],
        &["没有渠道 'fax'", "wechat", "phone", "meeting", "other"],
    );
    fails_keeping(
        &sb,
        &snap,
        &["log", "1", "--note", "  "],
        &["没有可记录的内容"],
    );
}

#[test]
fn bad_tag_format_fails() {
    let (sb, snap) = seeded();
    for (args, tag) in [
        (&["add", "--name", "王五", "--tag", "朋友圈"][..], "朋友圈"),
        (&["add", "--name", "王五", "--tag", "a/b/c"][..], "a/b/c"),
        (&["edit", "1", "--tag", "/朋友圈"][..], "/朋友圈"),
        (&["edit", "1", "--untag", "意向"][..], "意向"),
        (&["list", "--tag", "朋友圈"][..], "朋友圈"),
    ] {
        fails_keeping(
            &sb,
            &snap,
            args,
            &[
                &format!("标签 '{tag}' 不对"),
                "分组/标签",
                "客户来源/朋友圈",
            ],
        );
    }
}

#[test]
fn lost_without_a_reason_fails() {
    let (sb, snap) = seeded();
    fails_keeping(&sb, &snap, &["lost", "1"], &["--reason"]);
    fails_keeping(
        &sb,
        &snap,
        &["lost", "1", "--reason", " "],
        &["请写明原因", "--reason"],
    );
    assert_eq!(sb.contact(1)["outcome"], "open");
}

#[test]
fn unknown_outcome_fails() {
    let (sb, snap) = seeded();
    fails_keeping(
        &sb,
        &snap,
        &["list", "--outcome", "maybe"],
        &[
            "没有状态 'maybe'",
            "open (进行中)",
            "won (已成交)",
            "lost (已流失)",
        ],
    );
}

#[test]
fn unwritable_book_path_fails_clearly() {
    let (sb, snap) = seeded();
    let afile = sb.path("afile");
    std::fs::write(&afile, "just a file\n").unwrap();
    let under_file = afile.join("book.sqlite");
    let under_file = under_file.to_str().unwrap();
    for args in [
        &["--db", under_file, "add", "--name", "王五"][..],
        &["--db", under_file, "list"][..],
    ] {
        fails_keeping(&sb, &snap, args, &["afile"]);
    }
    // The same through the environment.
    let out = sb.run_env(&["list"], &[("SALESBOOK_DB", under_file)]);
    let err = common::expect_fail(&["list"], out);
    assert!(err.contains("afile"), "{err}");
    assert_eq!(std::fs::read_to_string(&afile).unwrap(), "just a file\n");

    if Path::new("/proc/self").exists() {
        fails_keeping(
            &sb,
            &snap,
            &["--db", "/proc/nope/book.sqlite", "add", "--name", "王五"],
            &["/proc/nope"],
        );
        assert!(!Path::new("/proc/nope").exists());
    }
}

#[test]
fn db_pointing_at_a_directory_fails() {
    let (sb, snap) = seeded();
    let dir = sb.path("adir");
    std::fs::create_dir(&dir).unwrap();
    let d = dir.to_str().unwrap();
    fails_keeping(&sb, &snap, &["--db", d, "list"], &["是目录", "adir"]);
    fails_keeping(
        &sb,
        &snap,
        &["--db", d, "add", "--name", "王五"],
        &["是目录"],
    );
    assert_eq!(
        std::fs::read_dir(&dir).unwrap().count(),
        0,
        "nothing written inside"
    );
}

#[test]
fn a_file_that_is_not_sqlite_is_refused_and_left_unchanged() {
    let (sb, snap) = seeded();
    let path = sb.path("notes.sqlite");
    let text = "客户名单：张三 13800001234\nthis is not an SQLite database, just text.\n";
    std::fs::write(&path, text).unwrap();
    let p = path.to_str().unwrap();
    for args in [
        &["--db", p, "list"][..],
        &["--db", p, "add", "--name", "王五"][..],
        &["--db", p, "demo"][..],
    ] {
        fails_keeping(
            &sb,
            &snap,
            args,
            &["notes.sqlite", "不是 salesbook 客户手册"],
        );
    }
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
    assert_no_sidecars(&path);
}

#[test]
fn another_programs_sqlite_database_is_refused_and_left_unchanged() {
    let (sb, snap) = seeded();
    let path = sb.path("other.db");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
            .unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    let p = path.to_str().unwrap();
    fails_keeping(&sb, &snap, &["--db", p, "list"], &["其他程序"]);
    fails_keeping(
        &sb,
        &snap,
        &["--db", p, "add", "--name", "王五"],
        &["其他程序"],
    );
    assert!(
        std::fs::read(&path).unwrap() == before,
        "other.db was modified"
    );
    assert_no_sidecars(&path);
}

#[test]
fn a_garbage_clock_fails_and_writes_nothing() {
    let (sb, snap) = seeded();
    for args in [&["list"][..], &["add", "--name", "王五"][..]] {
        let out = sb.run_env(args, &[("SALESBOOK_NOW", "garbage")]);
        let err = common::expect_fail(args, out);
        for needle in ["SALESBOOK_NOW", "'garbage'", "RFC 3339"] {
            assert!(
                err.contains(needle),
                "stderr should mention {needle:?}:\n{err}"
            );
        }
        assert_eq!(sb.snapshot(), snap);
    }
}

// ---------------------------------------------------------------------------------------------
// the book file

#[cfg(unix)]
#[test]
fn the_book_file_is_private_0600() {
    use std::os::unix::fs::PermissionsExt;
    let sb = Sb::new();
    sb.add(&["--name", "张三丰"]);
    let mode = std::fs::metadata(sb.db()).unwrap().permissions().mode();
    assert_eq!(
        mode & 0o777,
        0o600,
        "book.sqlite mode is {:o}",
        mode & 0o777
    );

    // The default book, in the data directory, too.
    let out = sb
        .command()
        .env_remove("SALESBOOK_DB")
        .args(["add", "--name", "李四"])
        .output()
        .unwrap();
    assert_eq!(expect_ok(&["add"], out), "1\n");
    let default_book = sb.path("data/salesbook/book.sqlite");
    let mode = std::fs::metadata(&default_book)
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(
        mode & 0o777,
        0o600,
        "default book mode is {:o}",
        mode & 0o777
    );
    // …and it is a different book from SALESBOOK_DB's.
    assert_eq!(ids(&sb.all()), vec![1]);
    assert_eq!(sb.contact(1)["name"], "张三丰");
}

#[test]
fn the_book_survives_across_processes_and_db_overrides_the_environment() {
    let sb = Sb::new();
    assert_eq!(sb.add(FULL), 1);
    sb.ok(&["move", "1", "pitch"]);
    sb.ok(&["log", "1", "--note", "发了案例", "--channel", "wechat"]);
    // Every command above was its own process; read it all back in new ones.
    let c = sb.contact(1);
    assert_eq!(c["name"], "张三丰");
    assert_eq!(c["stage"], "pitch");
    assert_eq!(sb.kinds(1), vec!["created", "stage_change", "message"]);

    // --db wins over SALESBOOK_DB and leaves the other book alone.
    let snap = sb.snapshot();
    let other = sb.path("other/book.sqlite");
    let o = other.to_str().unwrap();
    assert_eq!(sb.ok(&["--db", o, "add", "--name", "李四"]), "1\n");
    assert_eq!(sb.ok(&["add", "--name", "王五", "--db", o]), "2\n");
    let names: Vec<Value> = match sb.json(&["--db", o, "list", "--format", "json"]) {
        Value::Array(items) => items.into_iter().map(|c| c["name"].clone()).collect(),
        other => panic!("{other}"),
    };
    assert_eq!(names, vec![json!("李四"), json!("王五")]);
    assert_eq!(sb.snapshot(), snap);
}

#[test]
fn reads_succeed_while_another_process_holds_the_write_lock() {
    let sb = Sb::new();
    sb.add(&["--name", "张三丰"]);
    let conn = rusqlite::Connection::open(sb.db()).unwrap();
    conn.execute_batch("BEGIN IMMEDIATE; UPDATE contacts SET name = '未提交' WHERE id = 1;")
        .unwrap();

    // A reader sees the last committed state, without waiting for the writer.
    let start = Instant::now();
    let list = sb.json(&["list", "--format", "json"]);
    assert_eq!(list[0]["name"], "张三丰");
    assert_eq!(list.as_array().map(Vec::len), Some(1));
    assert_eq!(sb.contact(1)["name"], "张三丰");
    assert!(
        start.elapsed() < Duration::from_secs(4),
        "reads waited {:?} for the writer",
        start.elapsed()
    );

    // A second writer queues behind the first and goes through once it commits.
    let child = sb
        .command()
        .args(["add", "--name", "王五"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(300));
    conn.execute_batch("COMMIT").unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(expect_ok(&["add", "--name", "王五"], out), "2\n");

    let names: Vec<Value> = sb.all().into_iter().map(|c| c["name"].clone()).collect();
    assert_eq!(names, vec![json!("未提交"), json!("王五")]);
}

// ---------------------------------------------------------------------------------------------
// demo

#[test]
fn demo_fills_an_empty_book_with_60_contacts() {
    let sb = Sb::new();
    let out = sb.ok(&["demo"]);
    assert_eq!(
        out,
        format!("示例数据: 60 位客户, 480 条记录 → {}\n", sb.db().display())
    );
    let all = sb.all();
    assert_eq!(all.len(), 60);
    assert_eq!(ids(&all), (1..=60).collect::<Vec<i64>>());
    let names: Vec<&str> = all.iter().map(|c| c["name"].as_str().unwrap()).collect();
    assert!(
        names
            .iter()
            .any(|n| n.starts_with('单') || n.starts_with('曾') || n.starts_with('仇')),
        "{names:?}"
    );
    for c in &all {
        assert_eq!(c["owner"], USER);
        match c["outcome"].as_str().unwrap() {
            "won" => assert_eq!(c["stage"], "aftercare", "{c}"),
            "lost" => assert!(c["lost_reason"].is_string(), "{c}"),
            "open" => assert_eq!(c["lost_reason"], Value::Null, "{c}"),
            other => panic!("outcome {other}"),
        }
    }
    // Timelines start with the creation and never lie in the future.
    let first = sb.contact(1);
    let h = history(&first);
    assert_eq!(h[0]["kind"], "created");
    assert!(h.iter().all(|e| e["at"].as_str().unwrap() <= NOW), "{h:?}");
}

#[test]
fn demo_is_deterministic_for_a_seed() {
    let (a, b, c) = (Sb::new(), Sb::new(), Sb::new());
    a.ok(&["demo", "--seed", "42"]);
    b.ok(&["demo", "--seed", "42"]);
    c.ok(&["demo", "--seed", "43"]);
    let list_a = a.ok(&["list", "--all", "--format", "json"]);
    assert_eq!(list_a, b.ok(&["list", "--all", "--format", "json"]));
    assert_ne!(list_a, c.ok(&["list", "--all", "--format", "json"]));
    for id in ["1", "30", "60"] {
        let show = ["show", id, "--format", "json"];
        assert_eq!(a.ok(&show), b.ok(&show), "contact {id}");
    }
}

#[test]
fn a_large_demo_has_every_special_surname() {
    let sb = Sb::new();
    sb.ok(&["demo", "--contacts", "500"]);
    let all = sb.all();
    assert_eq!(all.len(), 500);
    for surname in ['单', '曾', '仇'] {
        assert!(
            all.iter()
                .any(|c| c["name"].as_str().unwrap().starts_with(surname)),
            "no name starts with {surname}"
        );
    }
}

#[test]
fn demo_refuses_a_book_that_is_not_empty() {
    let sb = Sb::new();
    sb.add(FULL);
    let snap = sb.snapshot();
    fails_keeping(&sb, &snap, &["demo"], &["已经有 1 位客户", "--force"]);
    fails_keeping(
        &sb,
        &snap,
        &["demo", "--contacts", "0", "--force"],
        &["--contacts"],
    );

    let out = sb.ok(&["demo", "--force", "--contacts", "5", "--interactions", "12"]);
    assert!(out.starts_with("示例数据: 5 位客户, "), "{out}");
    assert_eq!(sb.all().len(), 6);
    assert_eq!(without_history(sb.contact(1)), full_contact_json(1));
}
