//! `salesbook search` through the built binary: what it finds, the three formats (each
//! with `matched`), the total under the table, `--limit`, `--all`, queries with nothing to
//! search for, and that the index follows writes made by other commands (edit, log,
//! archive, demo).

mod common;

use common::Sb;
use serde_json::Value;

/// `SALESBOOK_NOW` at `minute` minutes past 09:00 on 2026-11-20 (a later minute is a more
/// recent activity; ties are broken by it).
fn at(minute: u32) -> String {
    format!(
        "2026-11-20T{:02}:{:02}:00+08:00",
        9 + minute / 60,
        minute % 60
    )
}

/// The CSV header of `list --format csv` / `show --format csv`, then `matched`.
fn csv_header() -> Vec<&'static str> {
    let mut h = common::CSV_HEADER.to_vec();
    h.push("matched");
    h
}

/// A book of eight contacts, one a minute, so a later one is more recent.
struct Book {
    sb: Sb,
    ids: Vec<(&'static str, i64)>,
}

impl Book {
    fn new() -> Book {
        let mut sb = Sb::new();
        let people: [(&str, &[&str]); 8] = [
            (
                "张三丰",
                &[
                    "--honorific",
                    "掌门",
                    "--phone",
                    "138-0000-1234",
                    "--wechat",
                    "wx_abc",
                    "--company",
                    "武当科技",
                    "--source",
                    "朋友圈",
                    "--need",
                    "想改善睡眠",
                    "--budget",
                    "3000-5000",
                    "--tag",
                    "意向/近期购买",
                    "--note",
                    "晚上方便联系",
                ],
            ),
            (
                "张伟",
                &["--phone", "139 1234 5678", "--company", "峨眉贸易"],
            ),
            ("王芳", &["--wechat", "Fang_Wang88", "--need", "减肥塑形"]),
            ("单雄信", &[]),
            ("曾国藩", &[]),
            ("吕布", &[]),
            ("李四光", &["--phone", "021-6666 8888"]),
            ("乐嘉", &[]),
        ];
        let mut ids = Vec::new();
        for (i, (name, rest)) in people.into_iter().enumerate() {
            sb.set_now(&at(i as u32));
            let mut args = vec!["--name", name];
            args.extend_from_slice(rest);
            ids.push((name, sb.add(&args)));
        }
        // A plain note: timeline text, not a touch (recency stays the creation time).
        sb.set_now(&at(30));
        let li = ids.iter().find(|(n, _)| *n == "李四光").expect("李四光").1;
        sb.ok(&["log", &li.to_string(), "--note", "客户说下个月再联系"]);
        Book { sb, ids }
    }

    fn id(&self, name: &str) -> i64 {
        self.ids
            .iter()
            .find(|(n, _)| *n == name)
            .unwrap_or_else(|| panic!("no {name}"))
            .1
    }

    /// `search ARGS… --format json` as (id, name, matched).
    fn json(&self, args: &[&str]) -> Vec<(i64, String, String)> {
        let mut all = vec!["search"];
        all.extend_from_slice(args);
        all.extend_from_slice(&["--format", "json"]);
        let v = self.sb.json(&all);
        let items = v
            .as_array()
            .unwrap_or_else(|| panic!("search should print a JSON array, got {v}"));
        items
            .iter()
            .map(|i| {
                (
                    i["id"].as_i64().expect("id"),
                    i["name"].as_str().expect("name").to_string(),
                    i["matched"].as_str().expect("matched").to_string(),
                )
            })
            .collect()
    }

    /// The expected (id, name, matched) of names.
    fn want(&self, want: &[(&str, &str)]) -> Vec<(i64, String, String)> {
        want.iter()
            .map(|(n, m)| (self.id(n), n.to_string(), m.to_string()))
            .collect()
    }
}

#[test]
fn json_finds_every_kind_of_query_with_matched() {
    let b = Book::new();
    let cases: &[(&str, &[(&str, &str)])] = &[
        ("张三丰", &[("张三丰", "name")]),
        ("张", &[("张伟", "name"), ("张三丰", "name")]),
        ("掌门", &[("张三丰", "honorific")]),
        ("武当", &[("张三丰", "company")]),
        ("朋友圈", &[("张三丰", "source")]),
        ("近期", &[("张三丰", "tags")]),
        ("WX_ABC", &[("张三丰", "wechat")]),
        ("ＷＸ＿ａｂｃ", &[("张三丰", "wechat")]),
        ("fang_wang", &[("王芳", "wechat")]),
        ("改善睡眠", &[("张三丰", "need")]),
        ("3000-5000", &[("张三丰", "budget")]),
        ("晚上方便", &[("张三丰", "notes")]),
        ("下个月再联系", &[("李四光", "timeline")]),
        ("8000", &[("张三丰", "phone")]),
        ("138-0000", &[("张三丰", "phone")]),
        ("１３８", &[("张三丰", "phone")]),
        ("6666 8888", &[("李四光", "phone")]),
        ("zs", &[("张三丰", "pinyin")]),
        ("ｚｓ", &[("张三丰", "pinyin")]),
        ("zsf", &[("张三丰", "pinyin")]),
        ("zhangsan", &[("张三丰", "pinyin")]),
        ("zhangs", &[("张三丰", "pinyin")]),
        ("sanfeng", &[("张三丰", "pinyin")]),
        ("zhang", &[("张伟", "pinyin"), ("张三丰", "pinyin")]),
        ("张s", &[("张三丰", "pinyin")]),
        ("zhang三", &[("张三丰", "pinyin")]),
        ("章s", &[]),
        ("shan", &[("单雄信", "pinyin")]),
        ("sxx", &[("单雄信", "pinyin")]),
        ("zeng", &[("曾国藩", "pinyin")]),
        ("zgf", &[("曾国藩", "pinyin")]),
        ("yue", &[("乐嘉", "pinyin")]),
        ("lejia", &[("乐嘉", "pinyin")]),
        ("lv", &[("吕布", "pinyin")]),
        ("lubu", &[("吕布", "pinyin")]),
        // Each syllable as any prefix of itself.
        ("zhsf", &[("张三丰", "pinyin")]),
        ("zhasanf", &[("张三丰", "pinyin")]),
        // Companies and tags by pinyin.
        ("wdkj", &[("张三丰", "company")]),
        ("jqgm", &[("张三丰", "tags")]),
        // One or two characters reach every field.
        ("睡眠", &[("张三丰", "need")]),
        ("方便", &[("张三丰", "notes")]),
        ("下个", &[("李四光", "timeline")]),
        ("张 三", &[("张三丰", "name")]),
        ("诸葛", &[]),
    ];
    for (q, want) in cases {
        assert_eq!(b.json(&[q]), b.want(want), "search {q:?}");
    }
}

#[test]
fn json_items_are_whole_contacts_plus_matched() {
    let b = Book::new();
    let v = b.sb.json(&["search", "zsf", "--format", "json"]);
    let item = &v[0];
    let id = b.id("张三丰");
    let mut shown = b.sb.contact(id);
    shown
        .as_object_mut()
        .expect("object")
        .remove("history")
        .expect("show has a history");
    let mut item = item.clone();
    assert_eq!(
        item.as_object_mut()
            .expect("object")
            .remove("matched")
            .as_ref()
            .and_then(Value::as_str),
        Some("pinyin")
    );
    assert_eq!(
        item, shown,
        "a search item is the contact as `show` prints it"
    );
    assert_eq!(shown["phone"], "13800001234");
    assert_eq!(shown["tags"][0], "意向/近期购买");
}

#[test]
fn table_lists_hits_in_rank_order_with_a_matched_column() {
    let b = Book::new();
    let out = b.sb.ok(&["search", "张"]);
    let lines: Vec<&str> = out.lines().collect();
    let header: Vec<&str> = lines[0].split_whitespace().collect();
    assert_eq!(header.first(), Some(&"编号"));
    assert_eq!(header.last(), Some(&"匹配"));
    let rows: Vec<Vec<&str>> = lines[1..lines.len() - 1]
        .iter()
        .map(|l| l.split_whitespace().collect())
        .collect();
    let got: Vec<(String, String, String)> = rows
        .iter()
        .map(|r| {
            (
                r[0].to_string(),
                r[1].to_string(),
                r[r.len() - 1].to_string(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (b.id("张伟").to_string(), "张伟".into(), "姓名".into()),
            (b.id("张三丰").to_string(), "张三丰".into(), "姓名".into()),
        ]
    );
    assert!(lines[2].contains("13800001234"), "the phone column: {out}");
    assert_eq!(lines[3], "共 2 个结果", "the total under the table: {out}");
    assert_eq!(lines.len(), 4, "{out}");

    // Field hits say which field, in the table's language (JSON and CSV keep the keys).
    for (q, name, matched) in [
        ("8000", "张三丰", "电话"),
        ("wx_abc", "张三丰", "微信"),
        ("下个月", "李四光", "跟进记录"),
        ("zgf", "曾国藩", "姓名拼音"),
    ] {
        let out = b.sb.ok(&["search", q, "--format", "table"]);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), 3, "{q}: {out}");
        assert_eq!(lines[2], "共 1 个结果", "{q}: {out}");
        let row: Vec<&str> = lines[1].split_whitespace().collect();
        assert_eq!(
            (row[0], row[1], row[row.len() - 1]),
            (b.id(name).to_string().as_str(), name, matched),
            "{q}"
        );
    }

    // No hits: the header and the total.
    let out = b.sb.ok(&["search", "诸葛亮"]);
    assert_eq!(
        out.lines().collect::<Vec<_>>()[1..],
        ["共 0 个结果"],
        "{out}"
    );
    // Nothing among the active contacts, but the archive has it: said, with how to see it.
    let id = b.sb.add(&["--name", "诸葛亮"]);
    b.sb.ok(&["archive", &id.to_string()]);
    let out = b.sb.run(&["search", "诸葛亮"]);
    assert_eq!(common::stdout(&out).lines().nth(1), Some("共 0 个结果"));
    assert!(
        common::stderr(&out).contains("已归档的客户里有 1 个结果，加 --all 一起查看"),
        "{}",
        common::stderr(&out)
    );
    let all = b.sb.ok(&["search", "诸葛亮", "--all"]);
    assert!(all.contains("共 1 个结果"), "{all}");
    // A search with hits says nothing of the archive.
    let out = b.sb.run(&["search", "张"]);
    assert_eq!(common::stderr(&out), "");
}

#[test]
fn the_total_says_how_many_matched_and_whether_the_page_was_cut() {
    let sb = Sb::new();
    sb.ok(&["demo", "--contacts", "1200", "--seed", "5"]);
    let all = sb.all();
    let active: Vec<&Value> = all.iter().filter(|c| c["archived"] == false).collect();
    // Every demo contact has a tag of the group 客户来源: more than the count's cap.
    assert!(active.len() > 1000);
    let out = sb.run(&["search", "客户", "--limit", "3"]);
    let stdout = common::stdout(&out);
    assert_eq!(stdout.lines().count(), 5, "{stdout}");
    let cut = "至少 1000 个结果，显示前 3 个";
    assert_eq!(stdout.lines().last(), Some(cut));
    assert!(common::stderr(&out).is_empty());
    // JSON and CSV stay machine-readable; a cut page is said on stderr.
    let out = sb.run(&["search", "客户", "--limit", "3", "--format", "json"]);
    let items: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(items.as_array().map(Vec::len), Some(3));
    assert_eq!(common::stderr(&out).trim(), cut);
    // --limit is honoured past the count's cap: the whole page, exactly counted.
    let out = sb.run(&["search", "客户", "--limit", "5000", "--format", "csv"]);
    // Records, not lines: a cell may hold line breaks (tags go one per line).
    let records = csv::Reader::from_reader(out.stdout.as_slice())
        .records()
        .count();
    assert_eq!(records, active.len());
    assert!(common::stderr(&out).is_empty(), "a whole page says nothing");
    let out = sb.ok(&["search", "客户", "--limit", "5000"]);
    let whole = format!("共 {} 个结果", active.len());
    assert_eq!(out.lines().last(), Some(whole.as_str()));
    // Under the cap the total is exact, also when the page is cut.
    let n = active
        .iter()
        .filter(|c| c["need"].as_str().is_some_and(|n| n.contains("想改善")))
        .count();
    assert!(n > 3);
    let out = sb.ok(&["search", "想改善", "--limit", "3"]);
    let line = format!("共 {n} 个结果，显示前 3 个");
    assert_eq!(out.lines().last(), Some(line.as_str()));
    // In English too.
    sb.write("config/salesbook/config.toml", "[ui]\nlang = \"en\"\n");
    let out = sb.ok(&["search", "想改善", "--limit", "3"]);
    let line = format!("{n} results, showing the first 3");
    assert_eq!(out.lines().last(), Some(line.as_str()));
    let out = sb.ok(&["search", "客户", "--limit", "3"]);
    assert_eq!(
        out.lines().last(),
        Some("at least 1000 results, showing the first 3")
    );
}

fn csv_records(out: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut r = csv::Reader::from_reader(out.as_bytes());
    let header = r
        .headers()
        .expect("header")
        .iter()
        .map(String::from)
        .collect();
    let rows = r
        .records()
        .map(|rec| rec.expect("record").iter().map(String::from).collect())
        .collect();
    (header, rows)
}

#[test]
fn csv_has_a_matched_column_even_with_line_breaks_in_notes() {
    let mut b = Book::new();
    b.sb.set_now(&at(40));
    let id = b.sb.add(&[
        "--name",
        "张无忌",
        "--note",
        "第一行\n第二行, 有逗号和\"引号\"",
    ]);
    let out = b.sb.ok(&["search", "张", "--format", "csv"]);
    let (header, rows) = csv_records(&out);
    assert_eq!(header, csv_header());
    let got: Vec<(String, String, String)> = rows
        .iter()
        .map(|r| {
            assert_eq!(r.len(), csv_header().len(), "{r:?}");
            (r[0].clone(), r[1].clone(), r[20].clone())
        })
        .collect();
    assert_eq!(
        got,
        [
            (id.to_string(), "张无忌".into(), "name".into()),
            (b.id("张伟").to_string(), "张伟".into(), "name".into()),
            (b.id("张三丰").to_string(), "张三丰".into(), "name".into()),
        ]
    );
    assert_eq!(rows[0][13], "第一行\n第二行, 有逗号和\"引号\"");

    // The columns are those of `list --format csv`, plus matched.
    let list = b.sb.ok(&["list", "--format", "csv"]);
    let (list_header, list_rows) = csv_records(&list);
    assert_eq!(list_header[..], header[..20]);
    let zsf = list_rows
        .iter()
        .find(|r| r[1] == "张三丰")
        .expect("张三丰 in list");
    assert_eq!(zsf[..], rows[2][..20]);

    let out = b.sb.ok(&["search", "8000", "--format", "csv"]);
    let (_, rows) = csv_records(&out);
    assert_eq!(rows.len(), 1);
    assert_eq!(
        (rows[0][0].as_str(), rows[0][20].as_str()),
        (b.id("张三丰").to_string().as_str(), "phone")
    );

    // No hits: just the header.
    let out = b.sb.ok(&["search", "诸葛亮", "--format", "csv"]);
    let (header, rows) = csv_records(&out);
    assert_eq!(header, csv_header());
    assert!(rows.is_empty());
}

#[test]
fn limit_keeps_the_best_hits() {
    let b = Book::new();
    let all = b.json(&["zhang"]);
    assert_eq!(all.len(), 2);
    assert_eq!(b.json(&["zhang", "--limit", "1"]), all[..1]);
    assert_eq!(b.json(&["zhang", "--limit", "2"]), all);
    assert_eq!(b.json(&["zhang", "--limit", "0"]), []);
    // Pinyin initials: 曾 reads zeng as a surname, so all three read z naturally and
    // rank by recency.
    let z = b.json(&["z"]);
    assert_eq!(
        z,
        b.want(&[
            ("曾国藩", "pinyin"),
            ("张伟", "pinyin"),
            ("张三丰", "pinyin")
        ])
    );
    assert_eq!(b.json(&["z", "--limit", "2"]), z[..2]);
    let err = b.sb.fail(&["search", "z", "--limit", "many"]);
    assert!(err.contains("--limit"), "{err}");
}

#[test]
fn archived_contacts_only_with_all() {
    let mut b = Book::new();
    b.sb.set_now(&at(50));
    let zw = b.id("张伟").to_string();
    b.sb.ok(&["archive", &zw]);
    for q in ["张", "zhang", "张伟", "4567"] {
        let without = b.json(&[q]);
        assert!(
            without.iter().all(|(id, _, _)| *id != b.id("张伟")),
            "{q}: {without:?}"
        );
        let with = b.json(&[q, "--all"]);
        assert!(
            with.iter().any(|(id, _, _)| *id == b.id("张伟")),
            "{q} --all: {with:?}"
        );
    }
    assert_eq!(
        b.json(&["张", "--all"]),
        b.want(&[("张伟", "name"), ("张三丰", "name")])
    );
    let v = b.sb.json(&["search", "张伟", "--all", "--format", "json"]);
    assert_eq!(v[0]["archived"], true);
    b.sb.ok(&["unarchive", &zw]);
    assert_eq!(
        b.json(&["张"]),
        b.want(&[("张伟", "name"), ("张三丰", "name")])
    );
}

#[test]
fn a_query_with_nothing_to_search_for_fails_clearly() {
    let b = Book::new();
    for q in [
        "",
        " ",
        "   ",
        "\u{3000}",
        "!!!",
        "-",
        "？！。，",
        "、",
        "...",
        "__",
    ] {
        let out = b.sb.run(&["search", q]);
        assert!(!out.status.success(), "search {q:?} should fail");
        assert_eq!(out.status.code(), Some(1), "search {q:?}");
        assert!(out.stdout.is_empty(), "search {q:?} printed to stdout");
        let err = common::stderr(&out);
        assert!(
            err.contains("没有可搜索的内容") && err.contains("姓名、拼音"),
            "search {q:?}: {err}"
        );
    }
    // A query is required.
    let err = b.sb.fail(&["search"]);
    assert!(err.contains("缺少必填的参数：<查询>"), "{err}");
}

#[test]
fn the_index_follows_other_commands() {
    let mut b = Book::new();
    let id = b.id("张三丰");
    let ids = id.to_string();

    // Rename: old name gone by every route, new one found.
    b.sb.set_now(&at(100));
    b.sb.ok(&["edit", &ids, "--name", "张君宝"]);
    b.ids.push(("张君宝", id));
    for q in ["张三丰", "三丰", "zsf", "sanfeng"] {
        assert_eq!(b.json(&[q]), [], "{q} after the rename");
    }
    for (q, m) in [("张君宝", "name"), ("zjb", "pinyin"), ("junbao", "pinyin")] {
        assert_eq!(b.json(&[q]), [(id, "张君宝".into(), m.into())], "{q}");
    }

    // Field edits.
    b.sb.ok(&[
        "edit",
        &ids,
        "--phone",
        "13999990000",
        "--need",
        "想减肥塑形",
        "--tag",
        "客户来源/转介绍",
        "--untag",
        "意向/近期购买",
    ]);
    for q in ["138-0000", "改善睡眠", "近期", "近期购买"] {
        assert_eq!(b.json(&[q]), [], "{q} after the edit");
    }
    assert_eq!(b.json(&["9999"]), [(id, "张君宝".into(), "phone".into())]);
    assert_eq!(b.json(&["转介绍"]), [(id, "张君宝".into(), "tags".into())]);
    // 王芳 needs 减肥塑形 too, and was created later: the more recent ranks first.
    let hits = b.json(&["减肥塑形"]);
    assert_eq!(
        hits,
        [
            (b.id("王芳"), "王芳".into(), "need".into()),
            (id, "张君宝".into(), "need".into())
        ]
    );

    // A touch makes it the most recent: it now ranks first among equals.
    b.sb.set_now(&at(200));
    b.sb.ok(&[
        "log",
        &ids,
        "--note",
        "发了产品价格表",
        "--channel",
        "wechat",
    ]);
    assert_eq!(
        b.json(&["产品价格表"]),
        [(id, "张君宝".into(), "timeline".into())]
    );
    assert_eq!(
        b.json(&["减肥塑形"]),
        [
            (id, "张君宝".into(), "need".into()),
            (b.id("王芳"), "王芳".into(), "need".into())
        ]
    );
    assert_eq!(
        b.json(&["张"]),
        b.want(&[("张君宝", "name"), ("张伟", "name")])
    );

    // Archive.
    b.sb.ok(&["archive", &ids]);
    assert_eq!(b.json(&["张君宝"]), []);
    assert_eq!(b.json(&["张君宝", "--all"]).len(), 1);
}

#[test]
fn demo_data_is_searchable() {
    let sb = Sb::new();
    sb.ok(&["demo", "--contacts", "80", "--seed", "3"]);
    let all = sb.all();
    assert_eq!(all.len(), 80);
    for c in all.iter().step_by(7) {
        let id = c["id"].as_i64().expect("id");
        let name = c["name"].as_str().expect("name");
        let archived = c["archived"].as_bool().expect("archived");
        let v = sb.json(&[
            "search", name, "--all", "--format", "json", "--limit", "100",
        ]);
        let hit = v
            .as_array()
            .expect("array")
            .iter()
            .find(|h| h["id"] == id)
            .unwrap_or_else(|| panic!("{name} ({id}) not found by its name: {v}"));
        assert_eq!(hit["matched"], "name");
        let v = sb.json(&["search", name, "--format", "json", "--limit", "100"]);
        let found = v.as_array().expect("array").iter().any(|h| h["id"] == id);
        assert_eq!(found, !archived, "{name}: archived {archived}");
        if let Some(phone) = c["phone"].as_str() {
            let v = sb.json(&["search", &phone[2..9], "--all", "--format", "json"]);
            assert!(
                v.as_array()
                    .expect("array")
                    .iter()
                    .any(|h| h["id"] == id && h["matched"] == "phone"),
                "{name} by phone digits {}: {v}",
                &phone[2..9]
            );
        }
    }
}
