//! Error paths: a non-zero exit, a clear message, nothing lost. Part of `cli_contacts.rs`, whose helpers it uses.

use super::*;

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
                "A（立即跟进）",
                "B（持续培育）",
                "C（潜在）",
                "D（无效）",
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
    // A landline with its extension: both parts named, nothing joined into one number.
    fails_keeping(
        &sb,
        &snap,
        &["add", "--name", "王五", "--phone", "010-12345678-8001"],
        &[
            "电话 '010-12345678' 后面带着分机号 8001",
            "分机号请写进备注",
        ],
    );
    fails_keeping(
        &sb,
        &snap,
        &["edit", "2", "--phone", "010-12345678 转 8001"],
        &["分机号 8001"],
    );
}

#[test]
fn bad_amount_fails() {
    let (sb, snap) = seeded();
    for amount in [
        "abc",
        "-5",
        "1.234",
        "",
        "三千",
        "3999元5",
        "99999999999999",
        "100000000.01",
    ] {
        // --amount=VALUE, so clap takes "-5" as the value rather than a flag.
        let flag = format!("--amount={amount}");
        fails_keeping(
            &sb,
            &snap,
            &["won", "1", &flag, "--product", "年卡"],
            &[
                &format!("金额 '{amount}' 不对"),
                "3999.50",
                "最多两位小数、不超过 1 亿元",
            ],
        );
    }
    assert_eq!(sb.contact(1)["outcome"], "open");
}

/// A birthday is a day someone was born on: not after today (the test clock's 2026-11-23),
/// not before 1900. Adding and editing both refuse one, and say what is accepted.
#[test]
fn a_birthday_that_has_not_happened_fails() {
    let (sb, snap) = seeded();
    for day in ["2999-01-01", "2026-11-24", "1899-12-31"] {
        fails_keeping(
            &sb,
            &snap,
            &["edit", "1", "--birthday", day],
            &[&format!("生日 '{day}' 不对"), "1900-01-01 到今天"],
        );
        fails_keeping(
            &sb,
            &snap,
            &["add", "--name", "新人", "--birthday", day],
            &[&format!("生日 '{day}' 不对")],
        );
    }
    sb.ok(&["edit", "1", "--birthday", "2026-11-23"]);
    assert_eq!(sb.contact(1)["birthday"], "2026-11-23");
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
    // A group's name is no tag of it (`add --tag 朋友圈` alone is placed: see changes.rs).
    fails_keeping(
        &sb,
        &snap,
        &["edit", "1", "--untag", "意向"],
        &["模板的标签里没有“意向”", "分组/标签", "客户来源/朋友圈"],
    );
    for (args, tag) in [
        (&["add", "--name", "王五", "--tag", "a/b/c"][..], "a/b/c"),
        (&["edit", "1", "--tag", "/朋友圈"][..], "/朋友圈"),
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
            "open（进行中）",
            "won（已成交）",
            "lost（已流失）",
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

#[test]
fn untagging_a_tag_the_contact_lacks_says_so() {
    let sb = Sb::new();
    sb.add(&["--name", "甲", "--tag", "客户来源/朋友圈"]);
    let out = sb.run(&["edit", "1", "--untag", "意向/近期购买"]);
    assert!(out.status.success());
    let said = common::stderr(&out);
    assert!(
        said.contains("客户 1（甲）没有标签 意向/近期购买"),
        "{said}"
    );
    assert!(said.contains("没有改动"), "{said}");
    // One it has goes, with nothing said of it.
    let out = sb.run(&["edit", "1", "--untag", "客户来源/朋友圈"]);
    assert_eq!(common::stderr(&out), "");
    assert_eq!(sb.contact(1)["tags"], json!([]));
}
