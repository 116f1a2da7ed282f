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
    // A file path is not a template id a book can follow.
    let path = fixture("templates/valid-minimal.toml")
        .display()
        .to_string();
    assert!(
        sb.fail(&["template", "use", &path])
            .starts_with(&format!("salesbook: 错误: 没有模板 '{path}'；可用："))
    );
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
            "salesbook: 错误: template {bad} has errors:\n{bad}:66:13: bad duration '3x';"
        )),
        "{err}"
    );
    let missing = sb.fail(&["--template", "tpl/none.toml", "script", &id_s]);
    assert!(
        missing.contains("tpl/none.toml:1:1: cannot read the file"),
        "{missing}"
    );
    assert_eq!(
        ids(&script_json(&sb, id, &[])["scripts"]),
        template_script_ids(&built_in("default"), Stage::Discover)
    );
}
