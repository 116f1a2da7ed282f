//! The template commands (`template list|show|check|use`), the global `--template` option and
//! `script ID`, run against the real `salesbook` binary (see `common::Sb`).

mod common;

use common::{Sb, USER, expect_fail, fixture, read_fixture, stderr, stdout};
use salesbook::domain::Stage;
use salesbook::domain::sop::{ObjectionKind, Template};
use salesbook::sop::Library;
use serde_json::{Value, json};

const BUILT_INS: [&str; 4] = ["default", "medical-aesthetics", "education", "ecommerce"];

const NO_TEMPLATE_NOPE: &str = "salesbook: 错误: 没有模板 'nope'；可用：default, \
                                medical-aesthetics, education, ecommerce\n";

/// A built-in template as the binary embeds it.
fn built_in(id: &str) -> Template {
    Library::load(None)
        .get(id)
        .unwrap_or_else(|| panic!("no built-in template '{id}'"))
        .template
        .clone()
}

/// The minimal valid template of the corpus, with its id changed.
fn minimal_with_id(id: &str) -> String {
    let text = read_fixture("templates/valid-minimal.toml");
    assert!(text.contains("id = \"minimal\""));
    text.replacen("id = \"minimal\"", &format!("id = \"{id}\""), 1)
}

/// The rep's name, as `[me] name` in config.toml sets it: what fills `{me}`.
const ME: &str = "小王";

/// A salesbook whose rep has set a name (the scripts sign with it).
fn named() -> Sb {
    let sb = Sb::new();
    sb.write(
        "config/salesbook/config.toml",
        &format!("[me]\nname = \"{ME}\"\n"),
    );
    sb
}

fn ids(items: &Value) -> Vec<String> {
    items
        .as_array()
        .unwrap_or_else(|| panic!("not an array: {items}"))
        .iter()
        .map(|x| x["id"].as_str().expect("id").to_string())
        .collect()
}

/// The ids of a stage's scripts in a template, in order.
fn template_script_ids(t: &Template, stage: Stage) -> Vec<String> {
    t.stage(stage)
        .scripts
        .iter()
        .map(|s| s.id.clone())
        .collect()
}

fn script_json(sb: &Sb, id: i64, extra: &[&str]) -> Value {
    let id = id.to_string();
    let mut args = vec!["script", id.as_str(), "--format", "json"];
    args.extend_from_slice(extra);
    sb.json(&args)
}

/// Asserts no rendered script or objection reply keeps a placeholder brace.
fn assert_no_braces(v: &Value) {
    for s in v["scripts"].as_array().unwrap() {
        let text = s["text"].as_str().unwrap();
        assert!(!text.contains(['{', '}']), "{}: {text}", s["id"]);
    }
    for o in v["objections"].as_array().unwrap() {
        let reply = o["reply"].as_str().unwrap();
        assert!(!reply.contains(['{', '}']), "{}: {reply}", o["id"]);
    }
}

// ───────────────────────── template list ─────────────────────────

#[test]
fn list_shows_the_four_built_ins_in_every_format() {
    let sb = Sb::new();
    assert_eq!(
        sb.ok(&["template", "list"]),
        "id                  name               version  origin\n\
         default             私域1对1成交       2        built-in\n\
         medical-aesthetics  医美诊所·邀约面诊  2        built-in\n\
         education           教育课程·约试听    2        built-in\n\
         ecommerce           电商快消·私域复购  2        built-in\n"
    );
    assert_eq!(
        sb.json(&["template", "list", "--format", "json"]),
        json!([
            {"id": "default", "name": "私域1对1成交", "version": 2, "origin": "built-in"},
            {"id": "medical-aesthetics", "name": "医美诊所·邀约面诊", "version": 2, "origin": "built-in"},
            {"id": "education", "name": "教育课程·约试听", "version": 2, "origin": "built-in"},
            {"id": "ecommerce", "name": "电商快消·私域复购", "version": 2, "origin": "built-in"},
        ])
    );
    assert_eq!(
        sb.ok(&["template", "list", "--format", "csv"]),
        "id,name,version,origin\n\
         default,私域1对1成交,2,built-in\n\
         medical-aesthetics,医美诊所·邀约面诊,2,built-in\n\
         education,教育课程·约试听,2,built-in\n\
         ecommerce,电商快消·私域复购,2,built-in\n"
    );
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
        "salesbook: 提示: {}:66:13: bad duration '3x'; expected a whole number and a unit m, h, d or w, \
         e.g. \"30m\", \"12h\", \"3d\", \"2w\"\n",
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
        format!("{}: education\n", sb.db().display())
    );
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

// ───────────────────────── script ─────────────────────────

#[test]
fn script_fills_in_the_contact_details() {
    let sb = named();
    let id = sb.add(&[
        "--name",
        "张三",
        "--honorific",
        "张姐",
        "--need",
        "想改善睡眠",
    ]);
    let v = script_json(&sb, id, &[]);
    let default = built_in("default");
    let discover = default.stage(Stage::Discover);
    assert_eq!(v["stage"], "discover");
    assert_eq!(v["name"], "挖需求");
    assert_eq!(v["checklist"], json!(discover.checklist));
    assert_eq!(
        ids(&v["scripts"]),
        template_script_ids(&default, Stage::Discover)
    );
    assert_no_braces(&v);

    let (mut honorific, mut need) = (0, 0);
    for (raw, out) in discover
        .scripts
        .iter()
        .zip(v["scripts"].as_array().unwrap())
    {
        let text = out["text"].as_str().unwrap();
        assert_eq!(out["title"], raw.title.as_str());
        if raw.text.contains("{honorific") {
            assert!(text.contains("张姐"), "{}: {text}", raw.id);
            honorific += 1;
        }
        if raw.text.contains("{need") {
            assert!(text.contains("想改善睡眠"), "{}: {text}", raw.id);
            need += 1;
        }
        if raw.text.contains("{me}") {
            assert!(text.contains(&format!("我是{ME}")), "{}: {text}", raw.id);
            assert!(!text.contains(USER), "{}: {text}", raw.id);
        }
    }
    assert!(honorific >= 3 && need >= 2, "{honorific} {need}");
    // No source given: the welcome uses its fallback.
    let welcome = v["scripts"][0]["text"].as_str().unwrap();
    assert!(
        welcome.starts_with(&format!("张姐好，我是{ME}，很高兴认识您～")),
        "{welcome}"
    );
    assert!(welcome.contains("看到您是从朋友那边加过来的"), "{welcome}");

    // The table shows the same stage for reading.
    let table = sb.ok(&["script", &id.to_string()]);
    assert!(
        table.starts_with(&format!("挖需求 (discover) — {}\n", discover.goal)),
        "{table}"
    );
    assert!(table.contains("\n[welcome] 欢迎语 · 添加好友后 5 分钟内\n张姐好，"));
    assert!(!table.contains(['{', '}']));
}

#[test]
fn script_for_another_stage_groups_objections_by_kind() {
    let sb = named();
    let id = sb.add(&["--name", "张三", "--honorific", "张姐"]);
    let v = script_json(&sb, id, &["--stage", "解问题"]);
    assert_eq!(v["stage"], "resolve");
    assert_eq!(v["name"], "解问题");
    assert_eq!(script_json(&sb, id, &["--stage", "resolve"]), v);
    // The contact itself stays where it was.
    assert_eq!(sb.contact(id)["stage"], "discover");

    let resolve = built_in("default").stage(Stage::Resolve).clone();
    let mut want = resolve.objections.clone();
    want.sort_by_key(|o| o.kind); // stable: the file's order within a kind
    let got = v["objections"].as_array().unwrap();
    assert_eq!(
        ids(&v["objections"]),
        want.iter().map(|o| o.id.clone()).collect::<Vec<_>>()
    );
    let kinds: Vec<String> = got
        .iter()
        .map(|o| o["kind"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        kinds,
        [
            "price",
            "comparing",
            "stalling",
            "distrust",
            "distrust",
            "privacy",
            "timing",
            "other"
        ]
    );
    let rank = |k: &str| {
        ObjectionKind::ALL
            .iter()
            .position(|x| x.key() == k)
            .unwrap()
    };
    assert!(kinds.windows(2).all(|w| rank(&w[0]) <= rank(&w[1])));
    for (o, raw) in got.iter().zip(&want) {
        assert_eq!(o["customer"], raw.customer.as_str());
    }
    assert_no_braces(&v);

    // The table prints each kind once, as a heading, in the same order.
    let table = sb.ok(&["script", &id.to_string(), "--stage", "解问题"]);
    let headings: Vec<&str> = table.lines().filter(|l| l.starts_with("— ")).collect();
    assert_eq!(
        headings,
        [
            "— 嫌贵砍价 (price) —",
            "— 对比同类 (comparing) —",
            "— 无理由拖延 (stalling) —",
            "— 不信任 (distrust) —",
            "— 隐私顾虑 (privacy) —",
            "— 时机未到 (timing) —",
            "— 其他 (other) —",
        ]
    );
}

#[test]
fn script_rejects_an_unknown_stage_contact_or_format() {
    let sb = named();
    let id = sb.add(&["--name", "张三"]).to_string();
    assert_eq!(
        sb.fail(&["script", &id, "--stage", "谈判"]),
        "salesbook: 错误: 没有阶段 '谈判'；可用：discover (挖需求), pitch (抛产品), \
         resolve (解问题), close (提成交), aftercare (理售后)\n"
    );
    assert_eq!(
        sb.fail(&["script", "99"]),
        "salesbook: 错误: 没有编号为 99 的客户（salesbook list --all 可查看编号）\n"
    );
    assert_eq!(
        sb.fail(&["script", &id, "--format", "csv"]),
        "salesbook: 错误: script 只能输出 --format table 或 json\n"
    );
}

#[test]
fn script_after_a_win_names_the_product_bought() {
    let sb = named();
    let id = sb.add(&["--name", "张三", "--honorific", "张姐"]);
    let id_s = id.to_string();
    // Before any purchase, and with no product of interest, {product} uses its fallback.
    let pitch = script_json(&sb, id, &["--stage", "pitch"]);
    let plan = pitch["scripts"][0]["text"].as_str().unwrap();
    assert!(plan.contains("• 我推荐先看：我们的主推方案，"), "{plan}");
    // A tag naming one of the template's products: pre-sale scripts speak of it.
    sb.ok(&["edit", &id_s, "--tag", "意向产品/焕颜精华套装"]);
    let pitch = script_json(&sb, id, &["--stage", "pitch"]);
    let plan = pitch["scripts"][0]["text"].as_str().unwrap();
    assert!(plan.contains("• 我推荐先看：焕颜精华套装，"), "{plan}");

    // Bought under an alias: the scripts name the product as the template does.
    sb.ok(&["won", &id_s, "--amount", "3999", "--product", "精华套装"]);
    let v = script_json(&sb, id, &[]);
    assert_eq!(v["stage"], "aftercare");
    assert_no_braces(&v);
    // Goods: every after-sale script applies, the parcel surprise included.
    assert_eq!(
        ids(&v["scripts"]),
        template_script_ids(&built_in("default"), Stage::Aftercare)
    );
    let naming: Vec<&str> = v["scripts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["text"].as_str().unwrap())
        .filter(|t| t.contains("焕颜精华套装"))
        .collect();
    assert!(naming.len() >= 3, "{naming:?}");
    let guide = v["scripts"][0]["text"].as_str().unwrap();
    assert!(
        guide.starts_with("张姐好，“焕颜精华套装”的使用指南和注意事项发您啦"),
        "{guide}"
    );
    assert!(guide.contains("存放时避开高温和潮湿"), "{guide}");
}

#[test]
fn a_course_buyer_gets_no_goods_wording() {
    let sb = named();
    let id = sb.add(&[
        "--name",
        "王五",
        "--honorific",
        "王哥",
        "--need",
        "想练出体能",
    ]);
    sb.ok(&["won", &id.to_string(), "--product", "季度私教课"]);
    let v = script_json(&sb, id, &[]);
    assert_no_braces(&v);
    assert_eq!(v["not_applicable"], json!(["surprise"]));
    let all: Vec<&str> = v["scripts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["text"].as_str().unwrap())
        .collect();
    for goods_word in [
        "存放", "高温", "潮湿", "发货", "快递", "包裹", "用完", "到货",
    ] {
        for text in &all {
            assert!(!text.contains(goods_word), "'{goods_word}' in: {text}");
        }
    }
    assert!(all[0].contains("“季度私教课”的上课安排"), "{}", all[0]);
    assert!(all.iter().any(|t| t.contains("第一次课上下来感觉怎么样")));
}

#[test]
fn script_without_the_reps_name_says_so_instead_of_signing() {
    let sb = Sb::new();
    let id = sb.add(&["--name", "张三"]).to_string();
    let err = sb.fail(&["script", &id]);
    assert!(
        err.contains("话术要署上你的名字（{me}），但还没有设置"),
        "{err}"
    );
    assert!(err.contains("config.toml") && err.contains("[me]"), "{err}");
    // Never the login name, nor "me".
    assert!(!err.contains(USER), "{err}");
    let out = sb.run(&["script", &id, "--format", "json"]);
    assert!(!out.status.success());
    assert!(out.stdout.is_empty());
    // Once set, the scripts sign with it.
    sb.write("config/salesbook/config.toml", "[me]\nname = \"阿May\"\n");
    let v = sb.json(&["script", &id, "--format", "json"]);
    assert!(
        v["scripts"][0]["text"]
            .as_str()
            .unwrap()
            .starts_with("您好，我是阿May，"),
        "{v}"
    );
}
