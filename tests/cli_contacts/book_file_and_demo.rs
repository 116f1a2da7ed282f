//! The book file, and the demo book. Part of `cli_contacts.rs`, whose helpers it uses.

use super::*;

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
    // About the 480 entries asked for (the rep's work on the plan is among them), and
    // exactly as many as the book holds.
    let said: u64 = out
        .strip_prefix("示例数据: 60 位客户, ")
        .and_then(|s| s.strip_suffix(&format!(" 条记录 → {}\n", sb.db().display())))
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("{out}"));
    assert!((470..=495).contains(&said), "{out}");
    let held: i64 = rusqlite::Connection::open(sb.db())
        .unwrap()
        .query_row("SELECT count(*) FROM interactions", [], |r| r.get(0))
        .unwrap();
    assert_eq!(said as i64, held);
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
