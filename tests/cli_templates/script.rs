//! `script ID`: the contact's details filled in, other stages, bad arguments, after a win, and without the rep's name. Part of `cli_templates.rs`, whose helpers it uses.

use super::*;

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
    // No source given: the welcome claims no channel (a guessed referral would be false).
    let welcome = v["scripts"][0]["text"].as_str().unwrap();
    assert!(
        welcome.starts_with(&format!("张姐好，我是{ME}，很高兴认识您～")),
        "{welcome}"
    );
    assert!(!welcome.contains("渠道"), "{welcome}");
    assert!(
        welcome.contains("想先问问：最近是碰到了什么情况"),
        "{welcome}"
    );
    let distrust = v["objections"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["kind"] == "distrust")
        .expect("a distrust reply");
    let reply = distrust["reply"].as_str().unwrap();
    assert!(
        !reply.contains("活动") && !reply.contains("加到我"),
        "{reply}"
    );

    // The table shows the same stage for reading.
    let table = sb.ok(&["script", &id.to_string()]);
    assert!(
        table.starts_with(&format!("挖需求 (discover) — {}\n", discover.goal)),
        "{table}"
    );
    assert!(table.contains("\n[welcome] 欢迎语 · 添加好友后 10 分钟内\n张姐好，"));
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
            "— 嫌贵砍价 —",
            "— 对比同类 —",
            "— 无理由拖延 —",
            "— 不信任 —",
            "— 隐私顾虑 —",
            "— 时机未到 —",
            "— 其他 —",
        ]
    );
}

#[test]
fn script_rejects_an_unknown_stage_contact_or_format() {
    let sb = named();
    let id = sb.add(&["--name", "张三"]).to_string();
    assert_eq!(
        sb.fail(&["script", &id, "--stage", "谈判"]),
        "salesbook: 错误: 没有阶段 '谈判'；可用：discover（挖需求）、pitch（抛产品）、\
         resolve（解问题）、close（提成交）、aftercare（理售后）\n"
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
