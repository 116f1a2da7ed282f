//! `report` and `rollup` as a team lead types them: the period, the formats, `--out`, and
//! every bad input refused with what was wrong and what is accepted; a team roll-up over
//! books on two templates, one of them tampered with, and books that cannot be read, each
//! named. (That reading leaves every book's folder unchanged is in `read_only.rs`.)

#[path = "report_cli/cadence.rs"]
mod cadence;
mod common;
#[path = "report_cli/outcomes.rs"]
mod outcomes;
mod report_book;
#[path = "report_cli/rollup.rs"]
mod rollup;

use common::Sb;
use report_book::xml::parse_strict;
use serde_json::Value;
use std::path::{Path, PathBuf};

/// A demo book of `user` in the folder `team/`.
fn demo(sb: &Sb, file: &str, user: &str) -> PathBuf {
    let dir = sb.root().join("team");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(file);
    let out = sb.run_env(
        &["demo", "--contacts", "60"],
        &[("SALESBOOK_DB", path.to_str().unwrap()), ("USER", user)],
    );
    assert!(out.status.success(), "{}", common::stderr(&out));
    path
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn the_period_is_whole_local_days_or_the_last_30_days() {
    let sb = Sb::new();
    sb.ok(&["demo", "--contacts", "30"]);
    let period = |args: &[&str]| -> (String, String) {
        let mut all = vec!["report", "--format", "json"];
        all.extend(args);
        let v = sb.json(&all);
        let p = &v["book"]["period"];
        (
            p["from"].as_str().unwrap().to_string(),
            p["to"].as_str().unwrap().to_string(),
        )
    };
    // Now is 2026-11-23 09:30 +08:00; days are local: by default the 30 ending today.
    assert_eq!(
        period(&[]),
        (
            "2026-10-24T16:00:00Z".to_string(),
            "2026-11-23T16:00:00Z".to_string()
        )
    );
    assert_eq!(
        period(&["--from", "2026-11-01", "--to", "2026-11-10"]),
        (
            "2026-10-31T16:00:00Z".to_string(),
            "2026-11-10T16:00:00Z".to_string()
        )
    );
    // One day: from its start to the next day's.
    assert_eq!(
        period(&["--from", "2026-11-05", "--to", "2026-11-05"]),
        (
            "2026-11-04T16:00:00Z".to_string(),
            "2026-11-05T16:00:00Z".to_string()
        )
    );
    // --from alone runs through today; --to alone is the 30 days ending that day.
    assert_eq!(period(&["--from", "2026-11-20"]).1, "2026-11-23T16:00:00Z");
    assert_eq!(
        period(&["--to", "2026-11-10"]),
        (
            "2026-10-11T16:00:00Z".to_string(),
            "2026-11-10T16:00:00Z".to_string()
        )
    );
    // Full-width digits typed with a Chinese input method are folded.
    assert_eq!(
        period(&["--from", "２０２６-１１-０５", "--to", "2026-11-05"]).0,
        "2026-11-04T16:00:00Z"
    );
}

#[test]
fn a_lead_in_another_zone_reads_the_reps_days() {
    let sb = Sb::new();
    // The rep writes from +08:00 (the book keeps the offset of the latest write).
    sb.ok(&["demo", "--contacts", "30"]);
    let json = |now: &str, args: &[&str]| -> Value {
        let mut all = vec!["report", "--format", "json"];
        all.extend(args);
        let out = sb.run_env(&all, &[("SALESBOOK_NOW", now)]);
        assert!(out.status.success(), "{}", common::stderr(&out));
        serde_json::from_slice(&out.stdout).unwrap()
    };
    // The same instant, read in Shanghai and in Los Angeles (where it is still the 22nd).
    let here = json(
        "2026-11-23T09:30:00+08:00",
        &["--from", "2026-11-02", "--to", "2026-11-20"],
    );
    let there = json(
        "2026-11-22T17:30:00-08:00",
        &["--from", "2026-11-02", "--to", "2026-11-20"],
    );
    assert_eq!(here["book"]["period"]["from"], "2026-11-01T16:00:00Z");
    assert_eq!(there["book"]["period"], here["book"]["period"]);
    assert_eq!(there["period"], here["period"], "the same figures");
    // By default, the 30 days ending the rep's today (the 23rd), not the reader's 22nd.
    let there = json("2026-11-22T17:30:00-08:00", &[]);
    assert_eq!(there["book"]["period"]["to"], "2026-11-23T16:00:00Z");
}

#[test]
fn a_period_not_begun_is_said() {
    let sb = Sb::new();
    sb.ok(&["demo", "--contacts", "10"]);
    let out = sb.run(&["report", "--from", "2027-01-01", "--to", "2027-01-31"]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    let err = common::stderr(&out);
    assert!(
        err.contains("报告期从 2027-01-01 开始，还没到（今天是 2026-11-23）"),
        "{err}"
    );
    // The file says it too, in every format a lead may pass on.
    for format in ["md", "html", "csv", "json"] {
        let out = sb.ok(&["report", "--from", "2027-01-01", "--format", format]);
        let said = if format == "json" {
            // The period's start after the time the report was made.
            out.contains("\"period\":{\"from\":\"2026-12-31T16:00:00Z\"")
                && out.contains("\"now\":\"2026-11-23T01:30:00Z\"")
        } else {
            out.contains("——还没开始")
        };
        assert!(said, "{format}: {out}");
    }
    assert!(
        !sb.ok(&["report", "--from", "2026-11-23"])
            .contains("还没开始")
    );
    // A period that has begun says nothing of the sort.
    let out = sb.run(&["report", "--from", "2026-11-23"]);
    assert!(
        !common::stderr(&out).contains("还没到"),
        "{}",
        common::stderr(&out)
    );
}

#[test]
fn bad_input_is_refused_with_what_is_accepted_and_nothing_is_written() {
    let sb = Sb::new();
    sb.ok(&["demo", "--contacts", "20"]);
    let book = std::fs::read(sb.db()).unwrap();
    let cases: &[(&[&str], &[&str])] = &[
        (
            &["report", "--from", "2026-13-01"],
            &["日历上没有 '2026-13-01' 这一天"],
        ),
        (
            &["report", "--from", "2026-1x"],
            &["日期 '2026-1x' 不对", "2026-11-23"],
        ),
        (&["report", "--to", "11/20"], &["11/20", "2026-11-23"]),
        (
            &["report", "--from", "2026-11-20", "--to", "2026-11-10"],
            &["2026-11-20", "2026-11-10", "--from"],
        ),
        (
            &["report", "--from", "0001-01-01"],
            &["0001-01-01", "最多 3660 天"],
        ),
        (
            &["report", "--from", "2026-01-01", "--to", "2999-01-01"],
            &["2999-01-01", "最多 3660 天"],
        ),
        (
            &["report", "--format", "pdf"],
            &["pdf", "md、html、json、csv"],
        ),
        (
            &["rollup", "x.sqlite", "--format", "xlsx"],
            &["xlsx", "md、html、json、csv"],
        ),
        (
            &["report", "--out", "book.sqlite"],
            &["book.sqlite", "--out"],
        ),
        (&["report", "--out", "book.sqlite-wal"], &["--out"]),
        (
            &["rollup", "book.sqlite", "--out", "book.sqlite"],
            &["--out"],
        ),
        (
            &["report", "--out", "no/such/folder/r.md"],
            &["no/such/folder/r.md"],
        ),
        (
            &["report", "--out", "folder"],
            &["folder：写不了文件（这是一个文件夹）"],
        ),
        (
            &["report", "--out", "folder/"],
            &["folder/：写不了文件（这是一个文件夹）"],
        ),
        (
            &["export", "--out", "new-folder/"],
            &["new-folder/：写不了文件（这是一个文件夹）"],
        ),
        (
            &["export", "--ics", "--out", "folder"],
            &["folder：写不了文件（这是一个文件夹）"],
        ),
        // A path through a file: the system's reason in the UI's words.
        (
            &["report", "--out", "afile/r.md"],
            &["afile/r.md：写不了文件（路径里有一段不是文件夹）"],
        ),
    ];
    std::fs::write(sb.path("afile"), b"x").unwrap();
    std::fs::create_dir_all(sb.path("folder")).unwrap();
    // A book's -wal, to refuse overwriting it.
    std::fs::write(sb.path("book.sqlite-wal"), b"").unwrap();
    for (args, words) in cases {
        let err = sb.fail(args);
        for w in *words {
            assert!(err.contains(w), "{args:?}: {err}");
        }
    }
    std::fs::remove_file(sb.path("book.sqlite-wal")).unwrap();
    assert_eq!(std::fs::read(sb.db()).unwrap(), book);
    // In English too.
    sb.write("config/salesbook/config.toml", "[ui]\nlang = \"en\"\n");
    let err = sb.fail(&["report", "--from", "2026-11-20", "--to", "2026-11-10"]);
    assert!(err.contains("is after --to"), "{err}");
    let err = sb.fail(&["report", "--format", "pdf"]);
    assert!(err.contains("accepted: md, html, json, csv"), "{err}");
    // `markdown` is taken as md, as it always was.
    assert!(sb.ok(&["report", "--format", "markdown"]).starts_with("# "));
    // A value the command line does not take: exit status 2, as for every command.
    let db = sb.db();
    for cmd in ["report", "rollup"] {
        let mut args = vec![cmd, "--format", "pdf"];
        if cmd == "rollup" {
            args.push(s(&db));
        }
        assert_eq!(sb.run(&args).status.code(), Some(2), "{args:?}");
    }
    let err = sb.fail(&["report", "--from", "1900-01-01"]);
    assert!(err.contains("at most 3660 days"), "{err}");
    // A missing book is named, and not created.
    let missing = sb.path("typo.sqlite");
    let err = sb.fail(&["--db", s(&missing), "report"]);
    assert!(err.contains("typo.sqlite"), "{err}");
    assert!(!missing.exists());
    // `--explain` needs no book.
    let out = sb.ok(&["--db", s(&missing), "report", "--explain"]);
    assert!(out.contains("Median and P90") && out.contains("First response"));
}

#[test]
fn out_writes_a_private_file_whole_and_says_where() {
    let sb = Sb::new();
    sb.ok(&["demo", "--contacts", "20"]);
    let shown = sb.ok(&["report", "--format", "html", "--mask"]);
    let path = sb.path("reports/r.html");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, "an older report").unwrap();
    let out = sb.run(&["report", "--format", "html", "--mask", "--out", s(&path)]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    assert!(common::stdout(&out).is_empty());
    assert!(common::stderr(&out).contains("报告已写入") && common::stderr(&out).contains("r.html"));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), shown);
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    // Nothing else left in the folder.
    let names: Vec<String> = std::fs::read_dir(path.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, vec!["r.html".to_string()]);
    parse_strict(&shown);
}

#[test]
fn the_text_formats_of_a_report_are_complete() {
    let sb = Sb::new();
    sb.ok(&["demo", "--contacts", "40"]);
    let md = sb.ok(&["report"]);
    for section in [
        "# 销售报告 · tester",
        "## 漏斗",
        "## 首次回复",
        "## 话术效果",
    ] {
        assert!(md.contains(section), "{section}\n{md}");
    }
    assert!(md.contains("通过："), "the log check heads the report");
    // Two rates, two names: the funnel's is out of those decided, a group's out of all.
    assert!(md.contains("| 成交率 |"), "{md}");
    assert!(
        md.contains("| 来源 | 客户数 | 成交 | 成交占比 |")
            && md.contains("| 等级 | 客户数 | 成交 | 成交占比 |"),
        "{md}"
    );
    let csv = sb.ok(&["report", "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    assert!(reader.records().count() > 50);
    let json = sb.json(&["report", "--format", "json"]);
    assert_eq!(json["book"]["owner"], "tester");
    assert_eq!(json["book"]["contacts"], 40);
    assert_eq!(json["book"]["template"]["id"], "default");
    assert!(json["book"]["verify"]["broken"].is_null());
}

#[test]
fn the_csv_report_opens_in_a_spreadsheet_with_numbers_to_sum_and_sort() {
    let sb = Sb::new();
    sb.ok(&["demo", "--contacts", "40"]);
    let csv = sb.ok(&["report", "--format", "csv"]);
    let body = csv
        .strip_prefix('\u{FEFF}')
        .expect("a byte-order mark, for spreadsheets on Chinese Windows");
    let mut reader = csv::Reader::from_reader(body.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        header,
        [
            "section", "table", "row", "column", "value", "contacts", "number", "out_of"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let (mut rates, mut amounts, mut counts) = (0, 0, 0);
    for r in &rows {
        let (value, number, out_of) = (&r[4], &r[6], &r[7]);
        let share = value
            .strip_suffix(')')
            .and_then(|v| v.rsplit_once(" ("))
            .and_then(|(_, frac)| frac.split_once('/'))
            .and_then(|(n, d)| Some((n.parse::<u32>().ok()?, d.parse::<u32>().ok()?)));
        if let Some((num, den)) = share {
            let (num, den) = (f64::from(num), f64::from(den));
            assert_eq!(out_of, &den.to_string(), "{r:?}");
            if den > 0.0 {
                let n: f64 = number.parse().unwrap();
                assert!((n - num / den).abs() < 1e-6, "{r:?}");
                rates += 1;
            } else {
                assert_eq!(number, "", "{r:?}");
            }
        } else if let Some(yuan) = value.strip_prefix('¥') {
            assert_eq!(number, yuan, "{r:?}");
            amounts += 1;
        } else if value.parse::<u64>().is_ok() {
            assert_eq!(number, value, "{r:?}");
            counts += 1;
        } else if value == "—" || r[0] == *"meta" {
            assert_eq!((number, out_of), ("", ""), "{r:?}");
        }
    }
    assert!(
        rates > 10 && amounts > 0 && counts > 10,
        "{rates} {amounts} {counts}"
    );
}

#[test]
fn a_tampered_book_still_reports_headed_by_the_break() {
    let sb = Sb::new();
    sb.ok(&["demo", "--contacts", "20"]);
    rusqlite::Connection::open(sb.db())
        .unwrap()
        .execute_batch("UPDATE contacts SET phone = '13000000000' WHERE id = 3")
        .unwrap();
    let out = sb.run(&["report"]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    let md = common::stdout(&out);
    let head: Vec<&str> = md.lines().filter(|l| !l.is_empty()).take(2).collect();
    assert!(head[1].contains("⚠") && head[1].contains("客户 3"), "{md}");
    assert!(
        md.contains("13000000000"),
        "the break names what differs: {md}"
    );
    // Found against the whole log, not at one entry of it: said so, not pinned on the
    // log's last entry (someone else's change).
    assert!(
        md.contains("客户 3（") && md.contains("（核对了全部") && !md.contains("条事件处断开"),
        "{md}"
    );
    assert!(common::stderr(&out).contains("校验不通过"));
    let json = sb.json(&["report", "--format", "json"]);
    assert!(
        json["book"]["verify"]["broken"]["detail"]
            .as_str()
            .unwrap()
            .contains("手机")
    );
    assert_eq!(json["book"]["verify"]["broken"]["book_differs"], true);
}

/// `--mask names` hides a name wherever the report quotes it: inside a lost reason, and in
/// the banner of a log that does not check out (which quotes the values that differ).
#[test]
fn a_masked_report_hides_names_and_numbers_in_reasons_and_in_a_broken_logs_banner() {
    let sb = Sb::new();
    sb.add(&[
        "--name",
        "上官婉儿",
        "--phone",
        "13812345678",
        "--wechat",
        "wan_er_2026",
    ]);
    sb.add(&["--name", "李四"]);
    sb.ok(&[
        "lost",
        "1",
        "--reason",
        "上官婉儿说找 wan_er_2026，电话13312345678，备用微信：backup_wx_01",
    ]);
    // Numbers written in groups, as phones usually are.
    sb.ok(&["lost", "2", "手机 139 1234 5678，座机 010-8888 6666"]);
    // Changed behind the log's back: the report is headed by the break, which quotes both.
    rusqlite::Connection::open(sb.db())
        .unwrap()
        .execute_batch("UPDATE contacts SET phone = '13899998888' WHERE id = 1")
        .unwrap();
    for format in ["md", "json", "html", "csv"] {
        let out = sb.ok(&["report", "--format", format, "--mask", "names"]);
        for secret in [
            "上官婉儿",
            "13812345678",
            "13899998888",
            "13312345678",
            "wan_er_2026",
            // An ID the book does not know, said to be one.
            "backup_wx_01",
            "1234 5678",
            "8888 6666",
        ] {
            assert!(!out.contains(secret), "{format}: {secret} in\n{out}");
        }
        assert!(out.contains("上官某"), "{format}:\n{out}");
    }
    // Masking contacts only keeps the names.
    let out = sb.ok(&["report", "--format", "md", "--mask"]);
    assert!(
        out.contains("上官婉儿") && !out.contains("13899998888"),
        "{out}"
    );
}

/// `--explain` defines the figures a lead asked about: first graded, pending, the day's
/// wins (repurchases apart), and stuck (overdue follow-ups are not "scheduled").
#[test]
fn explain_defines_first_graded_pending_and_the_days_wins() {
    let sb = Sb::new();
    let zh = sb.ok(&["report", "--explain"]);
    for said in [
        "首次定级：",
        "待处理：",
        "之后的复购不算在这里",
        "已逾期的不算已安排",
    ] {
        assert!(zh.contains(said), "{said}");
    }
    sb.write("config/salesbook/config.toml", "[ui]\nlang = \"en\"\n");
    let en = sb.ok(&["report", "--explain"]);
    for said in [
        "First graded:",
        "Pending:",
        "later repurchases count",
        "overdue ones do not count",
    ] {
        assert!(en.contains(said), "{said}");
    }
}

/// A book whose rep set no name and had no login name is named by its file, not by a
/// placeholder word that every such rep would share.
#[test]
fn a_rep_without_a_name_is_named_by_the_book_file() {
    let sb = Sb::new();
    let path = sb.root().join("team/noname.sqlite");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let out = sb.run_env(
        &["demo", "--contacts", "20"],
        &[("SALESBOOK_DB", s(&path)), ("USER", "")],
    );
    assert!(out.status.success(), "{}", common::stderr(&out));
    let json = sb.json(&["--db", s(&path), "report", "--format", "json"]);
    assert_eq!(json["book"]["owner"], "noname", "{}", json["book"]);
    let md = sb.ok(&["--db", s(&path), "report"]);
    assert!(!md.contains(": me") && !md.contains("：me"), "{md}");
}

/// A log that checks out says what the check covers: the contacts and, once the log has
/// sealed them, the timeline, purchases and closed follow-ups; a row slipped into the
/// timeline behind the app heads the report.
#[test]
fn a_passed_check_says_what_it_compared() {
    let sb = Sb::new();
    let id = sb.add(&["--name", "甲"]);
    let md = sb.ok(&["report"]);
    assert!(
        md.contains("通过：") && md.contains("客户资料、时间线、购买和已完成的跟进都与日志相符"),
        "{md}"
    );
    let explain = sb.ok(&["report", "--explain"]);
    assert!(
        explain.contains("在应用之外增删或改动其中任何一行都会被发现"),
        "{explain}"
    );
    let conn = rusqlite::Connection::open(sb.db()).unwrap();
    conn.execute(
        "INSERT INTO interactions (contact_id, at, kind, channel, body) \
         VALUES (?1, 1795000000, 'touch', 'wechat', '补录')",
        [id],
    )
    .unwrap();
    drop(conn);
    let md = sb.ok(&["report"]);
    assert!(md.contains("未通过") && md.contains("多了 1 行"), "{md}");
}

/// A book begun before the rep gave a name (no `[me] name`, no login name) has its first
/// contacts owned by nobody: the report names the rep by the name given since, and by the
/// book's file only while there is none.
#[test]
fn a_book_begun_before_the_rep_had_a_name_is_reported_under_the_name_given_since() {
    let sb = common::Sb::new();
    let nameless = [("USER", "")];
    for name in ["甲", "乙", "丙"] {
        let out = sb.run_env(&["add", "--name", name], &nameless);
        assert!(out.status.success(), "{}", common::stderr(&out));
    }
    let owner = |sb: &common::Sb| {
        let out = sb.run_env(&["report", "--format", "json"], &nameless);
        assert!(out.status.success(), "{}", common::stderr(&out));
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        v["book"]["owner"].clone()
    };
    assert_eq!(owner(&sb), "book", "no name yet: the file's");
    sb.write("config/salesbook/config.toml", "[me]\nname = \"王芳\"\n");
    // Every contact still owned by nobody: the last one to sign a change names the book.
    let out = sb.run_env(&["log", "1", "--note", "聊过"], &nameless);
    assert!(out.status.success(), "{}", common::stderr(&out));
    assert_eq!(owner(&sb), "王芳");
    // One contact under the name is enough, though three predate it.
    let out = sb.run_env(&["add", "--name", "丁"], &nameless);
    assert!(out.status.success(), "{}", common::stderr(&out));
    assert_eq!(owner(&sb), "王芳");
}
