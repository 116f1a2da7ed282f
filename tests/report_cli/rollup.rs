//! `rollup` over a team's books: two templates side by side, a tampered book, books that
//! cannot be read, the same book named twice. Part of `report_cli.rs`, whose helpers it uses.

use super::*;

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

/// Reps in two time zones: the roll-up's period says that each book counts the same days
/// in its rep's own zone, and, for the default period taken when their "today" differed,
/// that the days differ and how to give the same ones.
#[test]
fn a_team_in_two_time_zones_is_told_how_its_periods_compare() {
    let sb = Sb::new();
    let dir = sb.root().join("team");
    std::fs::create_dir_all(&dir).unwrap();
    let book = |file: &str, now: &str| {
        let path = dir.join(file);
        let out = sb.run_env(
            &["--db", s(&path), "demo", "--contacts", "20"],
            &[("SALESBOOK_NOW", now)],
        );
        assert!(out.status.success(), "{}", common::stderr(&out));
        path
    };
    // The same instant: Shanghai's 23rd, New York's 22nd.
    let shanghai = book("shanghai.sqlite", "2026-11-23T09:00:00+08:00");
    let new_york = book("newyork.sqlite", "2026-11-22T20:00:00-05:00");
    let period = |extra: &[&str]| {
        let mut args = vec!["rollup", s(&shanghai), s(&new_york)];
        args.extend(extra);
        let out = sb.run_env(&args, &[("SALESBOOK_NOW", "2026-11-23T09:00:00+08:00")]);
        assert!(out.status.success(), "{}", common::stderr(&out));
        common::stdout(&out)
            .lines()
            .find(|l| l.contains("统计期间"))
            .expect("a period line")
            .to_string()
    };
    let given = period(&["--from", "2026-11-01", "--to", "2026-11-20"]);
    assert!(
        given.contains(
            "2026-11-01 00:00 至 2026-11-21 00:00（不含），每本账本按它的销售所在时区的这些时刻"
        ),
        "{given}"
    );
    let default = period(&[]);
    assert!(
        default.contains("日期不完全相同，请用 --from 和 --to 指定日期"),
        "{default}"
    );
    // One zone: the period alone.
    let two_here = book("shanghai2.sqlite", "2026-11-23T09:05:00+08:00");
    let out = sb.run_env(
        &["rollup", s(&shanghai), s(&two_here)],
        &[("SALESBOOK_NOW", "2026-11-23T09:10:00+08:00")],
    );
    let text = common::stdout(&out);
    let line = text.lines().find(|l| l.contains("统计期间")).unwrap();
    assert!(line.ends_with("（不含）"), "{line}");
}
