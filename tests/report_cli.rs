//! `report` and `rollup` as a team lead types them: the period, the formats, `--out`, and
//! every bad input refused with what was wrong and what is accepted; a team roll-up over
//! books on two templates, one of them tampered with, and books that cannot be read, each
//! named. (That reading leaves every book's folder unchanged is in `read_only.rs`.)

mod common;
mod report_book;

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

/// The number of `contact`'s open follow-up of `track` in the next 30 days' agenda.
fn open_item(sb: &Sb, contact: i64, track: &str) -> i64 {
    sb.json(&["agenda", "--format", "json", "--days", "30"])
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["contact_id"] == contact && i["track"] == track)
        .unwrap()["followup_id"]
        .as_i64()
        .unwrap()
}

/// The period's compliance of the grade cadence, from a JSON report.
fn period_cadence(r: &Value) -> Value {
    r["period"]["cadence"]["sections"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["track"] == "cadence")
        .unwrap()
        .clone()
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
    // Now is 2026-11-23 09:30 +08:00; days are local.
    assert_eq!(
        period(&[]),
        (
            "2026-10-24T01:30:00Z".to_string(),
            "2026-11-23T01:30:00Z".to_string()
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
fn bad_input_is_refused_with_what_is_accepted_and_nothing_is_written() {
    let sb = Sb::new();
    sb.ok(&["demo", "--contacts", "20"]);
    let book = std::fs::read(sb.db()).unwrap();
    let cases: &[(&[&str], &[&str])] = &[
        (
            &["report", "--from", "2026-13-01"],
            &["2026-13-01", "YYYY-MM-DD"],
        ),
        (&["report", "--to", "11/20"], &["11/20", "YYYY-MM-DD"]),
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

fn rollup_json(sb: &Sb, books: &[&Path], ok: bool) -> (Value, String) {
    let mut args = vec!["rollup"];
    args.extend(books.iter().map(|p| s(p)));
    args.extend(["--format", "json"]);
    let out = sb.run(&args);
    assert_eq!(out.status.success(), ok, "{}", common::stderr(&out));
    let v = serde_json::from_str(&common::stdout(&out)).expect("the roll-up is written");
    (v, common::stderr(&out))
}

fn labels(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x["label"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_team_on_two_templates_with_a_tampered_book_is_rolled_up_side_by_side() {
    let sb = Sb::new();
    let alice = demo(&sb, "alice.sqlite", "alice");
    let bob = demo(&sb, "bob.sqlite", "bob");
    let carol = demo(&sb, "carol.sqlite", "carol");
    sb.ok(&["--db", s(&bob), "template", "use", "ecommerce"]);
    // Carol's book changed behind the app's back.
    rusqlite::Connection::open(&carol)
        .unwrap()
        .execute_batch("UPDATE contacts SET name = '改过的名字' WHERE id = 1")
        .unwrap();
    let (v, err) = rollup_json(&sb, &[&alice, &bob, &carol], true);
    let groups = v["groups"].as_array().unwrap();
    let ids: Vec<&str> = groups
        .iter()
        .map(|g| g["template_id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["default", "ecommerce"]);
    let reps = |g: &Value| -> Vec<(String, bool)> {
        g["reps"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                (
                    r["owner"].as_str().unwrap().to_string(),
                    r["tampered"].as_bool().unwrap(),
                )
            })
            .collect()
    };
    assert_eq!(
        reps(&groups[0]),
        [("alice".into(), false), ("carol".into(), true)]
    );
    assert_eq!(reps(&groups[1]), [("bob".into(), false)]);
    // The templates' differences are stated, never merged.
    assert!(!v["template_differences"].as_array().unwrap().is_empty());
    // The tampered book is named with its break, and kept out of the team total.
    let tampered = &v["tampered"][0];
    assert!(
        tampered["label"]
            .as_str()
            .unwrap()
            .ends_with("carol.sqlite")
    );
    assert_eq!(tampered["owner"], "carol");
    let detail = tampered["chain_break"]["detail"].as_str().unwrap();
    assert!(detail.contains("改过的名字"), "{detail}");
    let won = groups[0]["metrics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["key"] == "new_contacts")
        .unwrap();
    assert_eq!(won["team"]["count"], won["values"][0]["count"]);
    assert!(v["unreadable"].as_array().unwrap().is_empty());
    assert!(
        err.contains("carol.sqlite") && err.contains("校验不通过"),
        "{err}"
    );
    // The other formats say the same.
    let md = sb.ok(&["rollup", s(&alice), s(&bob), s(&carol)]);
    assert!(md.contains("carol.sqlite") && md.contains("ecommerce") && md.contains("alice"));
    let mut args = vec!["rollup", s(&alice), s(&bob), s(&carol), "--format", "html"];
    let html = sb.ok(&args);
    parse_strict(&html);
    args.push("--mask");
    sb.ok(&args);
}

#[test]
fn books_that_cannot_be_read_are_named_in_the_rollup_and_it_exits_non_zero() {
    let sb = Sb::new();
    let alice = demo(&sb, "alice.sqlite", "alice");
    let missing = sb.root().join("team/dave.sqlite");
    let text = sb.write("team/erin.sqlite", "不是客户手册\n");
    // A book cut short: half its pages are gone.
    let corrupt = sb.root().join("team/frank.sqlite");
    let bytes = std::fs::read(demo(&sb, "frank-src.sqlite", "frank")).unwrap();
    std::fs::write(&corrupt, &bytes[..bytes.len() / 2]).unwrap();
    let (v, err) = rollup_json(&sb, &[&alice, &missing, &text, &corrupt], false);
    let unreadable = labels(&v["unreadable"]);
    assert_eq!(unreadable.len(), 3, "{unreadable:?}");
    for (label, name) in unreadable.iter().zip(["dave", "erin", "frank"]) {
        assert!(label.ends_with(&format!("{name}.sqlite")), "{label}");
    }
    for u in v["unreadable"].as_array().unwrap() {
        assert!(!u["error"].as_str().unwrap().is_empty());
    }
    // The readable book is still reported.
    assert_eq!(v["groups"][0]["reps"][0]["owner"], "alice");
    assert!(err.contains("3") && err.contains("dave.sqlite"), "{err}");
    assert!(!missing.exists(), "a missing book is not created");
    // Only unreadable books: still a report, naming them all.
    let (v, _) = rollup_json(&sb, &[&missing], false);
    assert_eq!(labels(&v["unreadable"]).len(), 1);
}

#[test]
fn a_book_named_twice_is_refused_and_reps_of_one_name_are_told_apart() {
    let sb = Sb::new();
    let alice = demo(&sb, "alice.sqlite", "alice");
    // Another book of someone else called alice (a demo of another seed: the same seed by
    // the same name at the same second is the same book).
    let other = sb.root().join("team/alice2.sqlite");
    let out = sb.run_env(
        &["demo", "--contacts", "60", "--seed", "7"],
        &[("SALESBOOK_DB", s(&other)), ("USER", "alice")],
    );
    assert!(out.status.success(), "{}", common::stderr(&out));
    let link = sb.path("link.sqlite");
    std::os::unix::fs::symlink(&alice, &link).unwrap();
    let dotted = format!("{}/./alice.sqlite", alice.parent().unwrap().display());
    for twice in [
        [s(&alice), s(&alice)],
        [s(&alice), dotted.as_str()],
        [s(&alice), s(&link)],
    ] {
        let mut args = vec!["rollup", twice[0], twice[1], s(&other)];
        args.extend(["--out", "team.md"]);
        let err = sb.fail(&args);
        assert!(
            err.contains("是同一本手册") && err.contains(twice[1]),
            "{err}"
        );
        assert!(!sb.path("team.md").exists());
    }
    // Two books whose owners share a name: the ranking says which file is which.
    let md = sb.ok(&["rollup", s(&alice), s(&other)]);
    assert!(
        md.contains("1. alice (") && md.contains("alice2.sqlite)"),
        "{md}"
    );
    // A copy of a book is that book: its rep would count twice.
    let copy = sb.root().join("team/alice-copy.sqlite");
    std::fs::copy(&alice, &copy).unwrap();
    let err = sb.fail(&["rollup", s(&alice), s(&other), s(&copy), "--out", "team.md"]);
    assert!(
        err.contains("两份拷贝") && err.contains("alice-copy.sqlite") && err.contains(s(&alice)),
        "{err}"
    );
    assert!(!sb.path("team.md").exists());
}

/// A follow-up already past its due time when a change re-plans it (here a stage move) was
/// missed: it is closed as such and the plan's item is a new one. Moved in place, the miss
/// vanished from the compliance figures.
#[test]
fn an_overdue_follow_up_re_planned_by_a_change_counts_as_missed() {
    let mut sb = Sb::new();
    sb.set_now("2026-11-02T10:00:00+08:00");
    sb.add(&["--name", "甲", "--grade", "A"]);
    sb.set_now("2026-11-02T10:01:00+08:00");
    sb.ok(&["log", "1", "--channel", "wechat", "--note", "hi"]);
    let open = |sb: &Sb| -> Vec<i64> {
        sb.json(&["agenda", "--format", "json", "--days", "30"])
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["followup_id"].as_i64().unwrap())
            .collect()
    };
    let before = open(&sb);
    assert_eq!(before.len(), 1, "{before:?}");
    sb.set_now("2026-11-09T10:00:00+08:00");
    sb.ok(&["move", "1", "pitch"]);
    let after = open(&sb);
    assert!(
        !after.contains(&before[0]),
        "a new item, not the old one moved: {after:?}"
    );
    sb.set_now("2026-11-09T10:30:00+08:00");
    sb.ok(&["done", &after[0].to_string()]);
    sb.set_now("2026-11-12T10:00:00+08:00");
    // The period ends before the next step falls due.
    let r = sb.json(&[
        "report",
        "--from",
        "2026-11-01",
        "--to",
        "2026-11-09",
        "--format",
        "json",
    ]);
    let cadence = period_cadence(&r);
    assert_eq!(cadence["missed"]["count"], 1, "{cadence}");
    assert_eq!(cadence["on_time"]["count"], 1, "{cadence}");
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
        "上官婉儿说找 wan_er_2026，电话13312345678",
    ]);
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

/// An invalid lead (graded D) is owed no first reply: the agenda asks for none, and the
/// first-response figure does not count it as a breach.
#[test]
fn an_invalid_lead_is_owed_no_first_reply_in_the_plan_or_the_figure() {
    let mut sb = Sb::new();
    sb.set_now("2026-11-23T10:00:00+08:00");
    sb.add(&["--name", "丁", "--grade", "B"]);
    sb.add(&["--name", "戊", "--grade", "D"]);
    sb.set_now("2026-11-23T10:11:00+08:00");
    let agenda = sb.json(&["agenda", "--format", "json"]);
    let names: Vec<&str> = agenda
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["contact_name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["丁"], "{agenda}");
    // New leads counted by the period's first-response figure, and those it calls breaches.
    let counted = |sb: &Sb| {
        let fr = sb.json(&["report", "--format", "json"])["period"]["first_response"].clone();
        (
            fr["new_contacts"].clone(),
            fr["breaches"]["contacts"].clone(),
        )
    };
    assert_eq!(counted(&sb), (1.into(), serde_json::json!([1])));
    // Graded D only once its reply was overdue: it was owed that reply, and counts.
    sb.add(&["--name", "己", "--grade", "B"]);
    sb.set_now("2026-11-23T10:40:00+08:00");
    sb.ok(&["edit", "3", "--grade", "D"]);
    assert_eq!(counted(&sb), (2.into(), serde_json::json!([1, 3])));
    // Won or lost later, a lead that was D by its deadline still was owed no reply.
    sb.ok(&["won", "2", "--amount", "100"]);
    sb.ok(&["lost", "3", "--reason", "预算不够"]);
    assert_eq!(counted(&sb), (2.into(), serde_json::json!([1, 3])));
}

/// A skip made after the deadline is a miss (with a reason, but a miss); a first reply
/// keeps its limit when snoozed even before it, as the first-reply figure does.
#[test]
fn a_late_skip_is_a_miss_and_a_first_reply_keeps_its_limit() {
    let mut sb = Sb::new();
    sb.set_now("2026-11-02T10:00:00+08:00");
    sb.add(&["--name", "甲", "--grade", "A"]);
    sb.add(&["--name", "乙", "--grade", "A"]);
    sb.set_now("2026-11-02T10:01:00+08:00");
    sb.ok(&["log", "1", "--channel", "wechat", "--note", "hi"]);
    let item = |sb: &Sb, contact: i64, track: &str| open_item(sb, contact, track).to_string();
    // 乙's first reply, due 10:10, snoozed at 10:05 and answered at 13:05.
    let first = item(&sb, 2, "first_response");
    sb.set_now("2026-11-02T10:05:00+08:00");
    let said = sb.ok(&["snooze", &first, "--until", "+3h"]);
    assert!(
        said.contains("报表仍按原截止时间 2026-11-02 10:10 计"),
        "{said}"
    );
    sb.set_now("2026-11-02T13:05:00+08:00");
    sb.ok(&["done", &first]);
    // 甲's cadence step, due on the 2nd, skipped on the 4th.
    let step = item(&sb, 1, "cadence");
    sb.set_now("2026-11-04T10:00:00+08:00");
    let said = sb.ok(&["skip", &step, "--reason", "客户出差"]);
    assert!(
        said.contains("（过了截止时间才跳过，报表按漏了计）"),
        "{said}"
    );
    sb.set_now("2026-11-06T10:00:00+08:00");
    let r = sb.json(&[
        "report",
        "--from",
        "2026-11-01",
        "--to",
        "2026-11-02",
        "--format",
        "json",
    ]);
    let sections = r["period"]["cadence"]["sections"].as_array().unwrap();
    let section = |track: &str| sections.iter().find(|s| s["track"] == track).unwrap();
    let ids = |v: &Value| -> Vec<i64> {
        v["contacts"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x.as_i64().unwrap())
            .collect()
    };
    let fr = section("first_response");
    assert!(ids(&fr["late"]).contains(&2), "{fr}");
    assert!(!ids(&fr["on_time"]).contains(&2), "{fr}");
    let cadence = section("cadence");
    assert!(ids(&cadence["missed"]).contains(&1), "{cadence}");
    assert_eq!(cadence["skipped"]["count"], 0, "{cadence}");
    let first_reply = &r["period"]["first_response"];
    assert_eq!(first_reply["breaches"]["contacts"], serde_json::json!([2]));
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

/// A lead never answered, then a template change: the plan dates the first reply again
/// (another limit). It is one reply missed, not two, once the new date has passed too.
#[test]
fn a_template_change_does_not_count_an_unanswered_lead_twice() {
    let mut sb = Sb::new();
    sb.set_now("2026-11-20T10:00:00+08:00");
    sb.add(&["--name", "甲"]);
    sb.set_now("2026-11-21T10:00:00+08:00");
    sb.ok(&["template", "use", "education"]);
    for now in ["2026-11-21T11:00:00+08:00", "2026-11-25T10:00:00+08:00"] {
        sb.set_now(now);
        let r = sb.json(&[
            "report",
            "--format",
            "json",
            "--from",
            "2026-11-15",
            "--to",
            "2026-11-25",
        ]);
        let first = &r["period"]["cadence"]["sections"][0];
        assert_eq!(first["track"], "first_response", "{first}");
        assert_eq!(first["missed"]["count"], 1, "{now}: {first}");
        assert_eq!(first["pending"]["count"], 0, "{now}: {first}");
        assert_eq!(
            r["period"]["first_response"]["breaches"]["count"], 1,
            "{now}"
        );
    }
}

/// A snooze made before a follow-up's deadline is a new date agreed in time, judged as such;
/// one made after the deadline leaves the item late, however soon after its new date it is
/// done. Undoing that snooze forgets the missed deadline it kept.
#[test]
fn a_follow_up_snoozed_after_its_deadline_stays_late() {
    let mut sb = Sb::new();
    let first_item = |sb: &Sb, contact: i64| open_item(sb, contact, "cadence");
    sb.set_now("2026-11-02T10:00:00+08:00");
    sb.add(&["--name", "甲", "--grade", "A"]);
    sb.add(&["--name", "乙", "--grade", "A"]);
    sb.set_now("2026-11-02T10:01:00+08:00");
    sb.ok(&["log", "1", "--channel", "wechat", "--note", "hi"]);
    sb.ok(&["log", "2", "--channel", "wechat", "--note", "hi"]);
    let (late, in_time) = (first_item(&sb, 1), first_item(&sb, 2));
    // 乙's is moved on its own day (on time until midnight), 甲's two days after.
    // The rep is told when a snooze cannot make the item on time.
    sb.set_now("2026-11-02T12:00:00+08:00");
    let said = sb.ok(&[
        "snooze",
        &in_time.to_string(),
        "--until",
        "2026-11-03 10:00",
    ]);
    assert!(!said.contains("报表仍按"), "{said}");
    sb.set_now("2026-11-04T10:00:00+08:00");
    let said = sb.ok(&["snooze", &late.to_string(), "--until", "2026-11-05 10:00"]);
    assert!(
        said.contains("报表仍按原截止时间 2026-11-02 10:01 计"),
        "{said}"
    );
    let kept = |sb: &Sb, id: i64| -> Option<i64> {
        rusqlite::Connection::open(sb.db())
            .unwrap()
            .query_row(
                "SELECT overdue_at FROM followups WHERE id = ?1",
                [id],
                |r| r.get(0),
            )
            .unwrap()
    };
    assert!(kept(&sb, late).is_some());
    assert_eq!(kept(&sb, in_time), None);
    // Undone and done again: the kept deadline goes and comes back with the snooze.
    sb.ok(&["undo"]);
    assert_eq!(kept(&sb, late), None);
    sb.ok(&["snooze", &late.to_string(), "--until", "2026-11-05 10:00"]);
    sb.set_now("2026-11-03T10:00:00+08:00");
    sb.ok(&["done", &in_time.to_string()]);
    sb.set_now("2026-11-05T10:00:00+08:00");
    sb.ok(&["done", &late.to_string()]);
    sb.set_now("2026-11-06T10:00:00+08:00");
    let r = sb.json(&[
        "report",
        "--from",
        "2026-11-01",
        "--to",
        "2026-11-05",
        "--format",
        "json",
    ]);
    let cadence = period_cadence(&r);
    let who = |key: &str| -> Vec<i64> {
        cadence[key]["contacts"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_i64().unwrap())
            .collect()
    };
    assert!(who("late").contains(&1), "{cadence}");
    assert!(!who("on_time").contains(&1), "{cadence}");
    assert!(who("on_time").contains(&2), "{cadence}");
    assert!(!who("late").contains(&2), "{cadence}");
}

/// A log that checks out says what the check covers: a lead must not read "passed" as
/// every table compared.
#[test]
fn a_passed_check_says_what_it_did_not_compare() {
    let sb = Sb::new();
    sb.add(&["--name", "甲"]);
    let md = sb.ok(&["report"]);
    assert!(
        md.contains("通过：") && md.contains("时间线、跟进和购买记录尚未逐条核对"),
        "{md}"
    );
    let explain = sb.ok(&["report", "--explain"]);
    assert!(explain.contains("直接改这几张表不会被发现"), "{explain}");
}

/// Days are the rep's: a follow-up done at 23:59 of its due day in the rep's city is on
/// time for a lead reading the book from another zone too.
#[test]
fn on_time_is_judged_by_the_reps_day_wherever_the_book_is_read() {
    let mut sb = Sb::new();
    sb.set_now("2026-11-03T10:00:00+08:00");
    sb.add(&["--name", "甲", "--grade", "A"]);
    sb.set_now("2026-11-03T10:01:00+08:00");
    sb.ok(&["log", "1", "--channel", "wechat", "--note", "hi"]);
    let step = open_item(&sb, 1, "cadence").to_string();
    sb.set_now("2026-11-03T23:59:00+08:00");
    sb.ok(&["done", &step]);
    let on_time = |sb: &Sb| -> Value {
        let r = sb.json(&[
            "report",
            "--from",
            "2026-11-01",
            "--to",
            "2026-11-30",
            "--format",
            "json",
        ]);
        period_cadence(&r)["on_time"]["contacts"].clone()
    };
    sb.set_now("2026-11-06T10:00:00+08:00");
    assert_eq!(on_time(&sb), serde_json::json!([1]));
    // The same instant read from Tokyo (+09), where 23:59 was already the next day.
    sb.set_now("2026-11-06T11:00:00+09:00");
    assert_eq!(on_time(&sb), serde_json::json!([1]));
}

/// The first-reply figure's edges: a reply logged the very second the lead came in is a
/// reply (in no time), and a lead unanswered exactly at its limit is still waiting, not late.
#[test]
fn first_reply_at_the_edges_of_its_limit() {
    let mut sb = Sb::new();
    sb.set_now("2026-11-23T10:00:00+08:00");
    sb.add(&["--name", "甲", "--grade", "B"]);
    sb.ok(&["log", "1", "--channel", "wechat", "--note", "欢迎"]);
    sb.set_now("2026-11-23T10:05:00+08:00");
    sb.add(&["--name", "乙", "--grade", "B"]);
    sb.set_now("2026-11-23T10:15:00+08:00");
    let fr = sb.json(&["report", "--format", "json"])["period"]["first_response"].clone();
    assert_eq!(fr["within_limit"]["num"], 1, "{fr}");
    assert_eq!(fr["reply_time"]["median_seconds"], 0, "{fr}");
    assert_eq!(fr["pending"]["contacts"], serde_json::json!([2]), "{fr}");
    assert_eq!(fr["breaches"]["count"], 0, "{fr}");
    // A second later it is late.
    sb.set_now("2026-11-23T10:15:01+08:00");
    let fr = sb.json(&["report", "--format", "json"])["period"]["first_response"].clone();
    assert_eq!(fr["breaches"]["contacts"], serde_json::json!([2]), "{fr}");
}
