//! Adding and showing a contact, and listing as a table, CSV and JSON. Part of `cli_contacts.rs`, whose helpers it uses.

use super::*;

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
fn the_name_and_a_logged_text_can_be_typed_without_their_option() {
    let sb = Sb::new();
    assert_eq!(sb.ok(&["add", "张伟", "--phone", "13800001234"]), "1\n");
    assert_eq!(sb.contact(1)["name"], "张伟");
    sb.ok(&["log", "1", "约了周六试听", "--channel", "wechat"]);
    sb.ok(&["log", "1", "--note", "第二条"]);
    let texts: Vec<String> = sb.contact(1)["history"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|h| h["text"].as_str().map(String::from))
        .collect();
    assert_eq!(texts, ["约了周六试听", "第二条"]);
    // Both ways at once, or neither, is refused in words, nothing saved.
    let before = sb.snapshot();
    let err = sb.fail(&["add", "李四", "--name", "王五"]);
    assert!(
        err.contains("参数 [姓名] 不能和 --name <姓名> 一起用"),
        "{err}"
    );
    let err = sb.fail(&["log", "1", "甲", "--note", "乙"]);
    assert!(
        err.contains("参数 [内容] 不能和 --note <内容> 一起用"),
        "{err}"
    );
    let err = sb.fail(&["log", "1"]);
    assert!(err.contains("缺少必填的参数"), "{err}");
    assert_eq!(sb.snapshot(), before);
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
fn a_number_copied_with_its_mark_is_the_number() {
    let sb = Sb::new();
    sb.add(&["--name", "李四"]);
    for typed in ["#1", "＃１", " #1 "] {
        let c = sb.json(&["show", typed, "--format", "json"]);
        assert_eq!(c["name"], "李四", "{typed}");
    }
    sb.ok(&["log", "#1", "--note", "聊过"]);
    let err = sb.fail(&["show", "#"]);
    assert!(!err.is_empty());
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
    assert_cell_at(tl[2], col_of(tl[1], "类型"), "新建");
}

#[test]
fn a_multi_line_note_reads_as_lines_in_show_and_as_one_marked_line_in_the_timeline() {
    let sb = Sb::new();
    sb.add(&[
        "--name",
        "张三丰",
        "--note",
        "晚上方便\n周末别打扰\u{1b}[2J",
    ]);
    sb.ok(&["log", "1", "--note", "聊了需求\n下周回访"]);
    let out = sb.ok(&["show", "1"]);
    assert!(
        !out.contains("\\u{a}"),
        "a line break shown as an escape:\n{out}"
    );
    assert!(
        !out.contains('\u{1b}'),
        "an escape reached the terminal:\n{out}"
    );
    let (card, timeline) = out.split_once("\n\n").expect("card, then timeline");
    let lines: Vec<&str> = card.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.starts_with("备注"))
        .unwrap_or_else(|| panic!("no note in:\n{card}"));
    let value_col = UnicodeWidthStr::width("最近跟进") + 2;
    assert_eq!(from_col(lines[at], value_col), Some("晚上方便"));
    // The second line stands under the first, with nothing in the label column.
    // (The escape sequence was dropped whole as the note came in.)
    assert_eq!(from_col(lines[at + 1], value_col), Some("周末别打扰"));
    assert!(
        lines[at + 1][..value_col].trim().is_empty(),
        "{:?}",
        lines[at + 1]
    );
    assert!(lines[at + 2].starts_with("负责人"), "{card}");
    // In the timeline's table a note stays on its row.
    let row = timeline
        .lines()
        .find(|l| l.contains("聊了需求"))
        .unwrap_or_else(|| panic!("no note row in:\n{timeline}"));
    assert!(row.ends_with("聊了需求 ⏎ 下周回访"), "{row:?}");
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
        ("Lifecycle", "churned"),
        ("Stage", "Discover (discover) · lost"),
        ("Next follow-up", "nothing scheduled"),
    ] {
        let line = card
            .lines()
            .find(|l| l.starts_with(label))
            .unwrap_or_else(|| panic!("no {label} line in:\n{card}"));
        assert_eq!(from_col(line, value_col), Some(value), "{line:?}");
    }
    // Nothing of the app's own is Chinese: only what the rep typed is.
    let ours = out
        .replace("张三丰", "")
        .replace("张总", "")
        .replace("预算不够", "");
    let cjk = |c: char| ('\u{4e00}'..='\u{9fff}').contains(&c);
    assert!(
        !ours.chars().any(cjk),
        "Chinese in an English screen:\n{out}"
    );
    let list = sb.ok(&["list", "--all"]);
    assert!(!list.replace("张三丰", "").chars().any(cjk), "{list}");
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
    // A mistyped path is the likelier cause than a book never made.
    assert!(err.contains("请核对路径"), "{err}");
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

#[test]
fn email_and_dates_are_in_the_json_when_set() {
    let sb = Sb::new();
    let id = sb.add(&[
        "--name",
        "王芳",
        "--email",
        "wf@example.com",
        "--birthday",
        "1990-05-01",
        "--anniversary",
        "2020-10-01",
    ]);
    let shown = sb.json(&["show", &id.to_string(), "--format", "json"]);
    let listed = &sb.json(&["list", "--format", "json"])[0];
    for v in [&shown, listed] {
        assert_eq!(v["email"], "wf@example.com");
        assert_eq!(v["birthday"], "1990-05-01");
        assert_eq!(v["anniversary"], "2020-10-01");
    }
    // Left out when unset, so a long list stays as it was.
    let other = sb.add(&["--name", "李雷"]);
    let v = sb.json(&["show", &other.to_string(), "--format", "json"]);
    assert!(
        v.get("email").is_none() && v.get("birthday").is_none(),
        "{v}"
    );
}
