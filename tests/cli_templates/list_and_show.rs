//! `template list` and `template show`: the built-ins, user templates that override or are broken, formats, files and unknown ids. Part of `cli_templates.rs`, whose helpers it uses.

use super::*;

const BUILT_INS: [&str; 4] = ["default", "medical-aesthetics", "education", "ecommerce"];

/// The minimal valid template of the corpus, with its id changed.
fn minimal_with_id(id: &str) -> String {
    let text = read_fixture("templates/valid-minimal.toml");
    assert!(text.contains("id = \"minimal\""));
    text.replacen("id = \"minimal\"", &format!("id = \"{id}\""), 1)
}

// ───────────────────────── template list ─────────────────────────

#[test]
fn list_shows_the_four_built_ins_in_every_format() {
    let sb = Sb::new();
    assert_eq!(
        sb.ok(&["template", "list"]),
        "编号                名称               版本  来源\n\
         default             私域1对1成交       3     内置\n\
         medical-aesthetics  医美诊所·邀约面诊  3     内置\n\
         education           教育课程·约试听    3     内置\n\
         ecommerce           电商快消·私域复购  3     内置\n"
    );
    assert_eq!(
        sb.json(&["template", "list", "--format", "json"]),
        json!([
            {"id": "default", "name": "私域1对1成交", "version": 3, "origin": "built-in"},
            {"id": "medical-aesthetics", "name": "医美诊所·邀约面诊", "version": 3, "origin": "built-in"},
            {"id": "education", "name": "教育课程·约试听", "version": 3, "origin": "built-in"},
            {"id": "ecommerce", "name": "电商快消·私域复购", "version": 3, "origin": "built-in"},
        ])
    );
    assert_eq!(
        sb.ok(&["template", "list", "--format", "csv"]),
        "id,name,version,origin\n\
         default,私域1对1成交,3,built-in\n\
         medical-aesthetics,医美诊所·邀约面诊,3,built-in\n\
         education,教育课程·约试听,3,built-in\n\
         ecommerce,电商快消·私域复购,3,built-in\n"
    );
}

#[test]
fn a_broken_user_template_is_named_by_its_id_with_its_errors() {
    let sb = Sb::new();
    let text = minimal_with_id("mine").replacen("[template]", "[template]\nnmae = \"x\"", 1);
    let mine = sb.write("config/salesbook/templates/mine.toml", &text);
    let path = mine.display().to_string();
    // Using it by id says what is wrong with the file, not "no template 'mine'".
    let err = sb.fail(&["template", "use", "mine"]);
    assert!(err.contains(&format!("模板 {path} 有错误")), "{err}");
    assert!(err.contains("不认识的键 `nmae`"), "{err}");
    assert!(!err.contains("没有模板 'mine'"), "{err}");
    let err = sb.fail(&["template", "show", "mine"]);
    assert!(err.contains("不认识的键 `nmae`"), "{err}");
    // Checking it by id checks that file; a built-in by id checks out.
    let out = sb.run(&["template", "check", "mine"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains(&format!("{path}:")),
        "{}",
        stderr(&out)
    );
    let ok = sb.ok(&["template", "check", "default"]);
    assert!(
        ok.contains("没有问题") && ok.contains("私域1对1成交"),
        "{ok}"
    );
    let err = sb.fail(&["template", "check", "nosuch"]);
    assert!(err.contains("nosuch"), "{err}");
}

#[test]
fn list_shows_a_user_template_with_its_path() {
    let sb = Sb::new();
    let mine = sb.write(
        "config/salesbook/templates/mine.toml",
        &minimal_with_id("mine"),
    );
    assert_eq!(mine, sb.user_templates().join("mine.toml"));
    // Only *.toml files count.
    sb.write("config/salesbook/templates/notes.txt", "not a template");
    let path = mine.display().to_string();

    let out = sb.run(&["template", "list", "--format", "json"]);
    assert_eq!(stderr(&out), "");
    let list: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(
        ids(&list),
        [
            "default",
            "medical-aesthetics",
            "education",
            "ecommerce",
            "mine"
        ]
    );
    assert_eq!(
        list[4],
        json!({"id": "mine", "name": "最小模板", "version": 1, "origin": path})
    );
    let csv = sb.ok(&["template", "list", "--format", "csv"]);
    assert_eq!(
        csv.lines().last().unwrap(),
        format!("mine,最小模板,1,{path}")
    );
    let table = sb.ok(&["template", "list"]);
    let row = table.lines().last().unwrap();
    assert!(row.starts_with("mine "), "{table}");
    assert!(row.contains("最小模板"), "{table}");
    assert!(row.contains(&sb.root().display().to_string()), "{table}");
}

#[test]
fn a_user_template_with_id_default_overrides_the_built_in() {
    let sb = named();
    let text = minimal_with_id("default");
    let path = sb.write("config/salesbook/templates/my-default.toml", &text);
    let list = sb.json(&["template", "list", "--format", "json"]);
    let entries: Vec<&Value> = list
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t["id"] == "default")
        .collect();
    assert_eq!(entries.len(), 1, "{list}");
    assert_eq!(entries[0]["origin"], path.display().to_string());
    assert_eq!(entries[0]["name"], "最小模板");
    assert_eq!(list.as_array().unwrap().len(), 4);

    // It is what `show` prints and what the book follows by default.
    assert_eq!(sb.ok(&["template", "show", "default"]), text);
    let id = sb.add(&["--name", "张三"]);
    assert_eq!(ids(&script_json(&sb, id, &[])["scripts"]), ["hello"]);
}

#[test]
fn a_broken_user_template_is_a_warning_not_an_error() {
    let sb = named();
    let broken = sb.write(
        "config/salesbook/templates/broken.toml",
        &read_fixture("templates/bad-duration.toml"),
    );
    sb.write(
        "config/salesbook/templates/mine.toml",
        &minimal_with_id("mine"),
    );
    let warning = format!(
        "salesbook: 提示: {}:66:13: 时长 '3x' 写得不对：要一个整数加单位 m、h、d 或 w，\
         例如 \"30m\"、\"12h\"、\"3d\"、\"2w\"\n",
        broken.display()
    );

    for format in ["table", "json", "csv"] {
        let out = sb.run(&["template", "list", "--format", format]);
        assert!(out.status.success(), "{format}: {}", stderr(&out));
        assert_eq!(stderr(&out), warning, "{format}");
        if format == "json" {
            let list: Value = serde_json::from_str(&stdout(&out)).unwrap();
            assert_eq!(
                ids(&list),
                [
                    "default",
                    "medical-aesthetics",
                    "education",
                    "ecommerce",
                    "mine"
                ]
            );
        } else {
            assert_eq!(stdout(&out).lines().count(), 6, "{format}");
        }
    }

    // `script` keeps working, with the same warning.
    let id = sb.add(&["--name", "张三"]);
    let out = sb.run(&["script", &id.to_string(), "--format", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stderr(&out), warning);
    let v: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v["stage"], "discover");
    assert_eq!(
        ids(&v["scripts"]),
        template_script_ids(&built_in("default"), Stage::Discover)
    );
}

// ───────────────────────── template show ─────────────────────────

#[test]
fn show_prints_the_template_as_toml_or_json() {
    let sb = Sb::new();
    for id in BUILT_INS {
        let text = sb.ok(&["template", "show", id]);
        let on_disk = std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join(format!("sop-templates/{id}.toml")),
        )
        .unwrap();
        assert_eq!(text, on_disk, "{id}");
        let parsed: toml::Value = toml::from_str(&text).expect("show prints TOML");
        assert_eq!(parsed["template"]["id"].as_str(), Some(id));
        assert_eq!(parsed["stage"].as_array().map(Vec::len), Some(5), "{id}");
    }
    assert_eq!(
        sb.ok(&["template", "show", "default", "--format", "toml"]),
        sb.ok(&["template", "show", "default"])
    );

    let v = sb.json(&["template", "show", "default", "--format", "json"]);
    assert_eq!(v["id"], "default");
    let stages: Vec<&str> = v["stages"]
        .as_array()
        .expect("stages")
        .iter()
        .map(|s| s["stage"].as_str().unwrap())
        .collect();
    assert_eq!(
        stages,
        ["discover", "pitch", "resolve", "close", "aftercare"]
    );
    assert_eq!(v["first_response_minutes"], 10);
    assert_eq!(v["grades"].as_array().unwrap().len(), 4);
    assert_eq!(v["cadences"]["grade-a"]["steps"][0]["after"], "0d");
}

#[test]
fn show_accepts_a_file_and_rejects_an_unknown_id() {
    let sb = Sb::new();
    let path = fixture("templates/valid-minimal.toml");
    let text = sb.ok(&["template", "show", &path.display().to_string()]);
    assert_eq!(text, read_fixture("templates/valid-minimal.toml"));

    let out = sb.run(&["template", "show", "nope"]);
    assert_eq!(stdout(&out), "");
    assert_eq!(
        expect_fail(&["template", "show", "nope"], out),
        NO_TEMPLATE_NOPE
    );
}

/// Two files with one id: the file named after the id is the template (a copy kept beside
/// it does not take its place, whatever the names' order), and the notice names both.
#[test]
fn of_two_files_with_one_id_the_one_named_after_it_is_used() {
    let sb = named();
    let team = minimal_with_id("team").replacen("name = \"最小模板\"", "name = \"团队模板\"", 1);
    let copy = minimal_with_id("team").replacen("name = \"最小模板\"", "name = \"副本\"", 1);
    assert!(team.contains("团队模板") && copy.contains("副本"));
    let kept = sb.write("config/salesbook/templates/team.toml", &team);
    let skipped = sb.write("config/salesbook/templates/team-copy.toml", &copy);
    let out = sb.run(&["template", "list", "--format", "json"]);
    let err = common::stderr(&out);
    let list: Value = serde_json::from_str(&common::stdout(&out)).unwrap();
    let entry = list
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == "team")
        .unwrap();
    assert_eq!(entry["name"], "团队模板", "{list}");
    assert!(
        err.contains(&skipped.display().to_string()) && err.contains(&kept.display().to_string()),
        "{err}"
    );
}
