//! `template use` and the global `--template` option, for the book and for one command. Part of `cli_templates.rs`, whose helpers it uses.

use super::*;

// ───────────────────────── template use and --template ─────────────────────────

#[test]
fn use_makes_the_book_follow_another_template() {
    let sb = named();
    let id = sb.add(&["--name", "张三", "--honorific", "张姐"]);
    let default = built_in("default");
    let education = built_in("education");
    // level-test is a discover script only education has.
    assert!(default.script("level-test").is_none());
    assert_eq!(
        education.script("level-test").map(|(st, _)| st.stage),
        Some(Stage::Discover)
    );

    assert_eq!(
        ids(&script_json(&sb, id, &[])["scripts"]),
        template_script_ids(&default, Stage::Discover)
    );
    assert_eq!(
        sb.ok(&["template", "use", "education"]),
        format!(
            "已改用模板「{}」，跟进已按它重新安排 (education)\n",
            education.name
        )
    );
    // Chosen again as it is: nothing changes, the log takes nothing, the day the
    // template was taken up stays (what was due before it stays overdue).
    let before = sb.snapshot();
    let events = sb.json(&["undo", "--list", "--format", "json"]);
    assert_eq!(
        sb.ok(&["template", "use", "education"]),
        format!("已经在用模板「{}」，没有改动 (education)\n", education.name)
    );
    assert_eq!(sb.snapshot(), before);
    assert_eq!(sb.json(&["undo", "--list", "--format", "json"]), events);
    // A change of template is not undone (its plans could not come back with it): undo
    // says so, and how to go back, instead of undoing an older change.
    let before = sb.snapshot();
    let err = sb.fail(&["undo"]);
    assert!(
        err.contains("换模板）不能撤销：要换回去，请再选一次原来的模板"),
        "{err}"
    );
    assert_eq!(sb.snapshot(), before);
    let list = sb.ok(&["undo", "--list"]);
    let row = list
        .lines()
        .find(|l| l.contains("换模板"))
        .expect("the change listed");
    let cells: Vec<&str> = row.split_whitespace().collect();
    assert_eq!(cells.get(4), Some(&"不能撤销"), "{list}");
    let v = script_json(&sb, id, &[]);
    let got = ids(&v["scripts"]);
    assert_eq!(got, template_script_ids(&education, Stage::Discover));
    assert!(got.contains(&"level-test".to_string()));
    assert_eq!(v["goal"], education.stage(Stage::Discover).goal.as_str());
    assert_no_braces(&v);
    // The choice is the book's: it holds in the next command too, and for other stages.
    let pitch = script_json(&sb, id, &["--stage", "pitch"]);
    assert_eq!(
        ids(&pitch["scripts"]),
        template_script_ids(&education, Stage::Pitch)
    );
}

#[test]
fn use_of_an_unknown_template_fails_and_changes_nothing() {
    let sb = named();
    let id = sb.add(&["--name", "张三"]);
    let before = sb.snapshot();
    let default_ids = template_script_ids(&built_in("default"), Stage::Discover);

    assert_eq!(sb.fail(&["template", "use", "nope"]), NO_TEMPLATE_NOPE);
    assert_eq!(ids(&script_json(&sb, id, &[])["scripts"]), default_ids);

    sb.ok(&["template", "use", "education"]);
    let out = sb.run(&["template", "use", "nope"]);
    assert_eq!(stdout(&out), "");
    assert_eq!(
        expect_fail(&["template", "use", "nope"], out),
        NO_TEMPLATE_NOPE
    );
    assert_eq!(
        ids(&script_json(&sb, id, &[])["scripts"]),
        template_script_ids(&built_in("education"), Stage::Discover)
    );
    // A file outside the templates folder is not one a book can follow: where to put it.
    let path = fixture("templates/valid-minimal.toml")
        .display()
        .to_string();
    let err = sb.fail(&["template", "use", &path]);
    assert!(
        err.starts_with(&format!(
            "salesbook: 错误: {path} 是一个模板文件，还不在模板文件夹里"
        )),
        "{err}"
    );
    let folder = sb.user_templates().display().to_string();
    assert!(err.contains(&format!("把它放进 {folder}")), "{err}");
    assert_eq!(
        ids(&script_json(&sb, id, &[])["scripts"]),
        template_script_ids(&built_in("education"), Stage::Discover)
    );
    assert_eq!(sb.snapshot(), before);
}

#[test]
fn template_option_overrides_for_one_command_only() {
    let sb = named();
    let id = sb.add(&["--name", "张三"]);
    sb.ok(&["template", "use", "education"]);
    let ecommerce = template_script_ids(&built_in("ecommerce"), Stage::Discover);
    let education = template_script_ids(&built_in("education"), Stage::Discover);
    assert!(ecommerce.contains(&"quick-answer".to_string()));
    assert_ne!(ecommerce, education);

    let id_s = id.to_string();
    // Before or after the subcommand: it is a global option.
    let before = sb.json(&[
        "--template",
        "ecommerce",
        "script",
        &id_s,
        "--format",
        "json",
    ]);
    assert_eq!(ids(&before["scripts"]), ecommerce);
    let after = script_json(&sb, id, &["--template", "ecommerce"]);
    assert_eq!(after, before);
    // The book still follows education.
    assert_eq!(ids(&script_json(&sb, id, &[])["scripts"]), education);

    assert_eq!(
        sb.fail(&["script", &id_s, "--template", "nope"]),
        NO_TEMPLATE_NOPE
    );
    // The audit says so before it takes the screen.
    let book = sb.db();
    assert_eq!(
        sb.fail(&["audit", book.to_str().unwrap(), "--template", "nope"]),
        NO_TEMPLATE_NOPE
    );
    // Where it would be ignored (a listing) or plan the book with another template (a
    // change), it is refused, and the book is left as it was.
    let snap = sb.snapshot();
    for args in [
        &["--template", "ecommerce", "agenda"][..],
        &["--template", "ecommerce", "log", &id_s, "--note", "x"],
        &["--template", "ecommerce", "list"],
    ] {
        let err = sb.fail(args);
        assert!(
            err.contains("--template 只用于 script、simulate 和 audit"),
            "{args:?}: {err}"
        );
    }
    assert_eq!(sb.snapshot(), snap);
}

#[test]
fn template_option_accepts_a_file() {
    let sb = named();
    let id = sb.add(&[
        "--name",
        "张三",
        "--honorific",
        "张姐",
        "--need",
        "想改善睡眠",
    ]);
    let id_s = id.to_string();
    let abs = fixture("templates/valid-minimal.toml")
        .display()
        .to_string();
    sb.write(
        "tpl/minimal.toml",
        &read_fixture("templates/valid-minimal.toml"),
    );
    // Relative to where the command runs (the test's directory), or absolute.
    for spec in ["tpl/minimal.toml", abs.as_str()] {
        let v = sb.json(&["--template", spec, "script", &id_s, "--format", "json"]);
        assert_eq!(
            v["scripts"],
            json!([{
                "id": "hello",
                "title": "欢迎语",
                "when": null,
                "text": format!("张姐好，我是{ME}。"),
            }]),
            "{spec}"
        );
        let resolve = sb.json(&[
            "--template",
            spec,
            "script",
            &id_s,
            "--stage",
            "resolve",
            "--format",
            "json",
        ]);
        assert_eq!(
            resolve["objections"],
            json!([{
                "id": "too-expensive",
                "kind": "price",
                "customer": "太贵了。",
                "reply": "为了想改善睡眠，值得。",
            }])
        );
    }
    // A contact with only a name is addressed as 您, never by full name.
    let bare = sb.add(&["--name", "李四"]).to_string();
    let v = sb.json(&[
        "--template",
        "tpl/minimal.toml",
        "script",
        &bare,
        "--format",
        "json",
    ]);
    assert_eq!(v["scripts"][0]["text"], format!("您好，我是{ME}。"));
    let v = sb.json(&[
        "--template",
        "tpl/minimal.toml",
        "script",
        &bare,
        "--stage",
        "解问题",
        "--format",
        "json",
    ]);
    assert_eq!(v["objections"][0]["reply"], "为了这件事，值得。");
    // A broken file is refused with its errors, and the book is left alone.
    let bad = fixture("templates/bad-duration.toml").display().to_string();
    let err = sb.fail(&["--template", &bad, "script", &id_s]);
    assert!(
        err.starts_with(&format!(
            "salesbook: 错误: 模板 {bad} 有错误：\n{bad}:66:13: 时长 '3x' 写得不对："
        )),
        "{err}"
    );
    let missing = sb.fail(&["--template", "tpl/none.toml", "script", &id_s]);
    assert!(
        missing.contains("tpl/none.toml:1:1: 读不了这个文件："),
        "{missing}"
    );
    assert_eq!(
        ids(&script_json(&sb, id, &[])["scripts"]),
        template_script_ids(&built_in("default"), Stage::Discover)
    );
}

/// When the book's own template breaks (a typo while editing it), what stands in for it is
/// for reading: nothing is planned again with it and a change is refused, so the rep's
/// plans (a snooze here) survive; once the file is fixed, writing works again, and a
/// switch to another template is allowed meanwhile.
#[test]
fn a_broken_own_template_stands_in_for_reading_only() {
    let mut sb = Sb::new();
    let text = std::fs::read_to_string(fixture("../../sop-templates/default.toml")).unwrap();
    let text = text
        .replacen("id = \"default\"", "id = \"team\"", 1)
        .replacen("name = \"私域1对1成交\"", "name = \"团队模板\"", 1);
    let path = sb.write("config/salesbook/templates/team.toml", &text);
    sb.add(&["--name", "张三", "--grade", "B"]);
    sb.ok(&["template", "use", "team"]);
    sb.ok(&["log", "1", "--channel", "wechat", "--note", "聊过"]);
    let item = sb.json(&["agenda", "--format", "json", "--days", "30"])[0]["followup_id"]
        .as_i64()
        .unwrap()
        .to_string();
    sb.ok(&["snooze", &item, "--until", "+5d"]);
    let due = |sb: &Sb| -> i64 {
        rusqlite::Connection::open(sb.db())
            .unwrap()
            .query_row(
                "SELECT due_at FROM followups WHERE id = ?1 AND status = 'open'",
                [item.parse::<i64>().unwrap()],
                |r| r.get(0),
            )
            .unwrap()
    };
    let snoozed = due(&sb);
    std::fs::write(&path, format!("{text}\ngarbage = [\n")).unwrap();
    let snap = sb.snapshot();
    let err = sb.fail(&["log", "1", "--note", "又聊了"]);
    assert!(err.contains("模板 'team' 现在读不出来"), "{err}");
    assert_eq!(
        sb.snapshot(),
        snap,
        "nothing written, nothing planned again"
    );
    // Reading goes on (with a note of what stands in).
    sb.ok(&["show", "1"]);
    // Fixed: writing works, the snooze is still the rep's.
    std::fs::write(&path, &text).unwrap();
    sb.set_now("2026-11-23T10:00:00+08:00");
    sb.ok(&["log", "1", "--note", "又聊了"]);
    assert_eq!(due(&sb), snoozed);
    // Broken again: switching away is allowed.
    std::fs::write(&path, format!("{text}\ngarbage = [\n")).unwrap();
    sb.ok(&["template", "use", "default"]);
    sb.ok(&["log", "1", "--note", "第三次"]);
}

/// A lead edits the team's template in place (same id, same version): the book's plans are
/// made again at its next change, so the agenda says what the file now says.
#[test]
fn an_edited_template_replans_the_book_at_its_next_change() {
    let sb = Sb::new();
    let text = std::fs::read_to_string(fixture("../../sop-templates/default.toml")).unwrap();
    let text = text.replacen("id = \"default\"", "id = \"team\"", 1);
    let path = sb.write("config/salesbook/templates/team.toml", &text);
    sb.add(&["--name", "张三", "--grade", "B"]);
    sb.add(&["--name", "李四", "--grade", "B"]);
    sb.ok(&["template", "use", "team"]);
    sb.ok(&["log", "1", "--channel", "wechat", "--note", "聊过"]);
    let actions = |sb: &Sb| -> Vec<String> {
        sb.json(&["agenda", "--format", "json", "--days", "30"])
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["action"].as_str().unwrap().to_string())
            .collect()
    };
    let before = actions(&sb);
    let old = "一对一分享一个相近的案例，不推销";
    assert!(before.iter().any(|a| a == old), "{before:?}");
    std::fs::write(&path, text.replace(old, "分享一个相近的案例（新写法）")).unwrap();
    // A change to another contact: the whole book follows the edited file.
    sb.ok(&["log", "2", "--note", "备注"]);
    let after = actions(&sb);
    assert!(
        after.iter().any(|a| a == "分享一个相近的案例（新写法）"),
        "{after:?}"
    );
    assert!(!after.iter().any(|a| a == old), "{after:?}");
}
