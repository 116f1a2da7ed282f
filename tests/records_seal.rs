//! The log seals the book's timeline, purchases and closed follow-ups: every way the app
//! changes them keeps `verify` clean — each command, its undo, an import and its undo, a
//! merge, a template switch that plans every contact again — and the seal it prints counts
//! exactly the book's rows. (`log_verify.rs` has the changes made behind the app.)

mod common;

use common::Sb;
use rusqlite::Connection;
use serde_json::Value;

/// The book's sealed rows, counted by SQLite.
fn sealed_rows(sb: &Sb) -> i64 {
    Connection::open(sb.db())
        .unwrap()
        .query_row(
            "SELECT (SELECT count(*) FROM interactions) + (SELECT count(*) FROM purchases) \
             + (SELECT count(*) FROM followups WHERE status IN ('done', 'skipped'))",
            [],
            |r| r.get(0),
        )
        .unwrap()
}

/// `verify` passes and counts what SQLite counts.
fn clean(sb: &Sb, after: &str) {
    let out = sb.run(&["verify"]);
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "after {after}: {text}");
    let rows = sealed_rows(sb);
    assert!(
        text.contains(&format!("共 {rows} 行与日志一致")),
        "after {after}, {rows} rows: {text}"
    );
}

fn first_open_item(sb: &Sb, contact: i64) -> String {
    let items = sb.json(&[
        "agenda", "--format", "json", "--days", "400", "--limit", "10000",
    ]);
    let items: &Vec<Value> = items.as_array().unwrap();
    items
        .iter()
        .find(|i| i["contact_id"] == contact)
        .unwrap_or_else(|| panic!("no item of {contact}"))["followup_id"]
        .to_string()
}

#[test]
fn every_change_through_the_app_keeps_the_seal() {
    let mut sb = Sb::new();
    sb.ok(&["demo", "--contacts", "30"]);
    clean(&sb, "demo");
    let a = sb.add(&["--name", "王芳", "--grade", "B", "--phone", "13800001111"]);
    let b = sb.add(&["--name", "王芳", "--phone", "13800002222"]);
    let c = sb.add(&["--name", "赵六", "--grade", "C"]);
    clean(&sb, "add");
    let a_s = a.to_string();
    let b_s = b.to_string();
    let c_s = c.to_string();
    let steps: Vec<Vec<&str>> = vec![
        vec!["log", &a_s, "--note", "聊了需求", "--channel", "wechat"],
        vec!["log", &b_s, "--inbound", "--note", "多少钱？"],
        vec!["move", &a_s, "pitch"],
        vec![
            "followup",
            "add",
            &a_s,
            "--at",
            "2026-11-25 15:00",
            "--note",
            "电话",
        ],
        vec!["won", &a_s, "--amount", "3999", "--product", "年度会员"],
        vec!["merge", &a_s, &b_s],
        vec!["undo"],
        vec!["merge", &a_s, &b_s],
        vec!["log", &c_s, "--note", "问了价格", "--channel", "phone"],
        vec!["lost", &c_s, "--reason", "预算不够"],
        vec!["reopen", &c_s],
        vec!["archive", &c_s],
        vec!["unarchive", &c_s],
        vec!["undo", "--steps", "3"],
    ];
    for args in &steps {
        sb.ok(args);
        clean(&sb, &args.join(" "));
    }
    // Follow-ups done, skipped and snoozed.
    let item = first_open_item(&sb, a);
    sb.ok(&["done", &item, "--note", "回访了"]);
    clean(&sb, "done");
    let item = first_open_item(&sb, 5);
    sb.ok(&["skip", &item, "--reason", "客户出差"]);
    clean(&sb, "skip");
    let item = first_open_item(&sb, 6);
    sb.ok(&["snooze", &item, "--until", "+3d"]);
    clean(&sb, "snooze");
    sb.ok(&["undo", "--steps", "3"]);
    clean(&sb, "undo of done, skip and snooze");
    // An import, and its undo (which archives what was worked with since).
    let csv = sb.write(
        "客户.csv",
        "姓名,手机\n李雷,13900001111\n韩梅梅,13900002222\n",
    );
    sb.ok(&["import", csv.to_str().unwrap()]);
    clean(&sb, "import");
    sb.set_now("2026-11-23T10:00:00+08:00");
    let imported = sb.json(&["search", "李雷", "--format", "json"]);
    let lilei = imported[0]["id"].to_string();
    sb.ok(&["log", &lilei, "--note", "加了微信", "--channel", "wechat"]);
    sb.ok(&["undo", "--steps", "2"]);
    clean(&sb, "undo of an import");
    // A template switch plans every contact again.
    sb.ok(&["template", "use", "education"]);
    clean(&sb, "template use");
}

/// A book made before the seal (its log has none) verifies as before and says the rows
/// are not checked yet; its next write seals the book whole, and from then on a change
/// behind the app is found.
#[test]
fn an_older_book_is_sealed_at_its_next_write() {
    let sb = Sb::new();
    sb.ok(&["demo", "--contacts", "10"]);
    // As an older salesbook left it: no seal in the log or the book. The log's entries are
    // rewritten without it and the chain hashed again, as that version hashed it.
    common::strip_records_seal(&sb.db());
    let out = sb.ok(&["verify"]);
    assert!(out.contains("还没有记入日志"), "{out}");
    sb.ok(&["log", "1", "--note", "聊了", "--channel", "wechat"]);
    clean(&sb, "the first write after the upgrade");
    Connection::open(sb.db())
        .unwrap()
        .execute("DELETE FROM interactions WHERE id = 1", [])
        .unwrap();
    let err = sb.fail(&["verify"]);
    assert!(err.contains("少了 1 行"), "{err}");
}
