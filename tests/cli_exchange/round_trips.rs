//! Round trips through CSV, vCard and JSON. Part of `cli_exchange.rs`, whose helpers it uses.

use super::*;

// ───────────────────────────── round trips ─────────────────────────────

/// A demo book of 200 contacts: open, won and lost, a few of them archived.
fn demo_book() -> Sb {
    let sb = Sb::new();
    sb.ok(&["demo", "--contacts", "200"]);
    let all = sb.all();
    let archived = all.iter().filter(|c| c["archived"] == true).count();
    let lost = all.iter().filter(|c| c["outcome"] == "lost").count();
    assert!(
        archived >= 2 && lost >= 10,
        "{archived} archived, {lost} lost"
    );
    sb
}

#[test]
fn csv_and_json_round_trip_of_a_demo_book_are_byte_identical() {
    let a = demo_book();
    let first = export(&a, "a.csv", &["--all"]);
    let first_json = export(&a, "a.json", &["--all", "--format", "json"]);

    let b = Sb::new();
    let report = import_ok(&b, &[p(&a.path("a.csv"))]);
    assert_eq!(
        counts(&report),
        "合计：读到 200 条，新增 200，合并 0，跳过 0，拒绝 0",
        "{report}"
    );
    assert!(report.contains("salesbook 导出的文件"), "{report}");
    let second = export(&b, "b.csv", &["--all"]);
    assert_same_bytes("CSV export → import → export", &first, &second);
    let second_json = export(&b, "b.json", &["--all", "--format", "json"]);
    assert_same_bytes("the JSON of both books", &first_json, &second_json);
}

/// The text as Excel or WPS on Chinese Windows saves a CSV ("CSV (逗号分隔)"): GBK, no
/// byte-order mark, `?` for a character GBK lacks. The characters lost are returned.
fn saved_as_gbk(utf8: &[u8]) -> (Vec<u8>, Vec<char>) {
    let text = std::str::from_utf8(utf8.strip_prefix(BOM).unwrap_or(utf8)).unwrap();
    let (mut out, mut lost) = (Vec::new(), Vec::new());
    for c in text.chars() {
        let mut buf = [0; 4];
        let (bytes, _, unmappable) = encoding_rs::GBK.encode(c.encode_utf8(&mut buf));
        if unmappable {
            out.push(b'?');
            lost.push(c);
        } else {
            out.extend_from_slice(&bytes);
        }
    }
    (out, lost)
}

/// The export's own marks (amounts, scripts) are characters GBK holds, so a book exported,
/// saved as GBK by a spreadsheet and imported again comes back whole: purchases with their
/// amounts, the plan with its scripts.
#[test]
fn csv_round_trip_through_a_gbk_save_is_byte_identical() {
    let a = demo_book();
    let first = export(&a, "a.csv", &["--all"]);
    let (gbk, lost) = saved_as_gbk(&first);
    assert_eq!(lost, [], "characters of the export GBK does not hold");
    let text = String::from_utf8_lossy(&first);
    assert!(
        text.contains(" ￥") && text.contains('「'),
        "no amounts or scripts to test"
    );
    std::fs::write(a.path("gbk.csv"), &gbk).unwrap();

    let b = Sb::new();
    let report = import_ok(&b, &[p(&a.path("gbk.csv"))]);
    assert!(report.contains("编码 GBK"), "{report}");
    assert_eq!(
        counts(&report),
        "合计：读到 200 条，新增 200，合并 0，跳过 0，拒绝 0",
        "{report}"
    );
    let second = export(&b, "b.csv", &["--all"]);
    assert_same_bytes("CSV export → GBK → import → export", &first, &second);
}

#[test]
fn vcard_round_trip_of_a_demo_book_is_byte_identical() {
    let a = demo_book();
    let first = export(&a, "a.vcf", &["--all", "--format", "vcard"]);
    let text = String::from_utf8(first.clone()).unwrap();
    assert_eq!(text.matches("BEGIN:VCARD\r\n").count(), 200);

    let b = Sb::new();
    let report = import_ok(&b, &[p(&a.path("a.vcf"))]);
    assert_eq!(
        counts(&report),
        "合计：读到 200 条，新增 200，合并 0，跳过 0，拒绝 0",
        "{report}"
    );
    let second = export(&b, "b.vcf", &["--all", "--format", "vcard"]);
    assert_same_bytes("vCard export → import → export", &first, &second);
    assert_eq!(names(&b), names(&a));
}

#[test]
fn namesakes_with_nothing_else_to_tell_them_apart_round_trip_as_two_people() {
    let a = Sb::new();
    for args in [
        &["--name", "王芳", "--need", "减肥"][..],
        &["--name", "王芳", "--need", "美白"],
        &["--name", "李雷", "--company", "星河"],
        &["--name", "李雷", "--company", "星河"],
        // A family sharing a phone, and two sharing a WeChat ID, added on purpose.
        &["--name", "张伟", "--phone", "13800001234"],
        &[
            "--name",
            "张伟太太",
            "--phone",
            "13800001234",
            "--duplicate",
        ],
        &["--name", "周一", "--wechat", "zhou_home"],
        &["--name", "周二", "--wechat", "zhou_home", "--duplicate"],
    ] {
        a.add(args);
    }
    for (file, format) in [("a.csv", "csv"), ("a.vcf", "vcard")] {
        let first = export(&a, file, &["--all", "--format", format]);
        let b = Sb::new();
        let report = import_ok(&b, &[p(&a.path(file))]);
        assert_eq!(
            counts(&report),
            "合计：读到 8 条，新增 8，合并 0，跳过 0，拒绝 0",
            "{format}: {report}"
        );
        assert_eq!(names(&b), names(&a), "{format}");
        let again = format!("b.{format}");
        let second = export(&b, &again, &["--all", "--format", format]);
        assert_same_bytes(
            &format!("{format} export → import → export"),
            &first,
            &second,
        );
        // The same file again adds nobody: by name, phone or ID, all are in the book now.
        let report = import_ok(&b, &[p(&a.path(file))]);
        assert_eq!(
            counts(&report),
            "合计：读到 8 条，新增 0，合并 0，跳过 8，拒绝 0",
            "{format}: {report}"
        );
    }
}

/// The texts of a JSON export contact's timeline entries.
fn timeline_texts(contact: &Value) -> Vec<String> {
    contact["timeline"]
        .as_array()
        .expect("a timeline array")
        .iter()
        .filter_map(|e| e["text"].as_str().map(String::from))
        .collect()
}

/// A timeline from another file (`--map 记录=timeline`) becomes the contact's past: a
/// `created` entry first (the file has none), the file's entries in order, its win a
/// purchase (the file has no purchase list), an entry dated after now moved to now, and a
/// line that does not read reported by its line in the cell and kept in the note.
#[test]
fn an_imported_timeline_is_the_contact_s_past() {
    let sb = Sb::new();
    let file = sb.write(
        "timeline.csv",
        "姓名,手机,阶段,成交状态,添加时间,记录\r\n\
         张伟,13800001234,理售后,已成交,2026-11-01 10:00,\"2026-11-02 10:00:00 message [微信] 您好\r\n\
         2026-11-05 10:00:00 stage_change 挖需求→提成交\r\n\
         2026-11-06 10:00:00 won ¥399 《年卡》\r\n\
         2026-11-06 10:00:00 stage_change 提成交→理售后\r\n\
         昨天 打了电话\r\n\
         2026-12-25 10:00:00 call [电话] 还没到的日子\"\r\n\
         李娜,13911112222,抛产品,,2026-11-10,\r\n",
    );
    let report = import_ok(&sb, &[p(&file), "--map", "记录=timeline"]);
    assert_eq!(
        counts(&report),
        "合计：读到 2 条，新增 2，合并 0，跳过 0，拒绝 0；1 条有警告",
        "{report}"
    );
    assert!(
        report.contains("第 2 行\n  警告：跟进记录第 5 行“昨天 打了电话”无法识别"),
        "{report}"
    );
    sb.ok(&["verify"]);
    let json: Vec<Value> =
        serde_json::from_slice(&export(&sb, "t.json", &["--format", "json"])).unwrap();
    let zhang = &json[0];
    let entries: Vec<(String, String)> = zhang["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["at"].as_str().unwrap().to_string(),
                e["kind"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let want = [
        ("2026-11-01T10:00:00+08:00", "created"),
        ("2026-11-02T10:00:00+08:00", "message"),
        ("2026-11-05T10:00:00+08:00", "stage_change"),
        ("2026-11-06T10:00:00+08:00", "won"),
        ("2026-11-06T10:00:00+08:00", "stage_change"),
        ("2026-11-23T09:30:00+08:00", "call"),
        // From another tool: the book knows it from the import on.
        ("2026-11-23T09:30:00+08:00", "imported"),
    ];
    let want: Vec<(String, String)> = want
        .iter()
        .map(|(a, k)| (a.to_string(), k.to_string()))
        .collect();
    assert_eq!(entries, want);
    assert_eq!(timeline_texts(zhang), ["您好", "还没到的日子"]);
    assert_eq!(zhang["notes"], "记录：昨天 打了电话");
    let purchases = zhang["purchases"].as_array().unwrap();
    assert_eq!(purchases.len(), 1, "{purchases:?}");
    assert_eq!(purchases[0]["amount"], "399");
    assert_eq!(purchases[0]["product"], "年卡");
    assert_eq!(zhang["last_touch_at"], "2026-11-23T09:30:00+08:00");
    assert!(tags(zhang).contains(&"购买次数/1次".to_string()), "{zhang}");
    // No timeline in the file: the contact came in where the file says it is, in one step,
    // and (past the first stage) as someone the rep already talks to.
    let li = &json[1];
    let kinds: Vec<&str> = li["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds,
        ["created", "stage_change", "prior_contact", "imported"]
    );
    assert_eq!(li["timeline"][1]["to_stage"], "pitch");
    assert_eq!(li["purchases"].as_array().unwrap().len(), 0);
}

/// `--on-duplicate merge` into a contact of the book fills its empty fields and adds tags;
/// the file's timeline is not woven into the book's, and the report says so.
#[test]
fn a_merge_keeps_the_book_s_timeline_and_says_the_file_s_was_left_out() {
    let a = Sb::new();
    let other = a.add(&[
        "--name",
        "张伟",
        "--phone",
        "13800001234",
        "--need",
        "想改善睡眠",
    ]);
    a.ok(&["log", &other.to_string(), "--note", "文件里的记录"]);
    export(&a, "a.csv", &[]);

    let sb = Sb::new();
    let id = sb.add(&["--name", "张伟", "--phone", "13800001234"]);
    sb.ok(&["log", &id.to_string(), "--note", "书里的记录"]);
    let report = import_ok(&sb, &[p(&a.path("a.csv")), "--on-duplicate", "merge"]);
    assert_eq!(
        counts(&report),
        "合计：读到 1 条，新增 0，合并 1，跳过 0，拒绝 0；1 条有警告",
        "{report}"
    );
    assert!(
        report.contains("这一行的跟进记录（2 条）没有合并进去"),
        "{report}"
    );
    let json: Vec<Value> =
        serde_json::from_slice(&export(&sb, "b.json", &["--format", "json"])).unwrap();
    assert_eq!(json.len(), 1);
    assert_eq!(json[0]["need"], "想改善睡眠", "the empty field is filled");
    let texts = timeline_texts(&json[0]);
    assert!(texts.contains(&"书里的记录".to_string()), "{texts:?}");
    assert!(
        !texts.iter().any(|t| t.contains("文件里的记录")),
        "{texts:?}"
    );
    sb.ok(&["verify"]);
}

/// Contacts with every field the CLI can set, and values that are hard to keep: separators,
/// quotes, backslashes, line breaks, guards and markers already in the text, a ¥ product.
fn rich_book() -> Sb {
    let sb = Sb::new();
    let zhang = sb.add(&[
        "--name",
        "张伟",
        "--honorific",
        "张总",
        "--phone",
        "+86 138 0000 1234",
        "--wechat",
        "zhang_wei",
        "--email",
        "zw@example.com",
        "--company",
        "A, B & C \"引号\"",
        "--source",
        "朋友圈",
        "--need",
        "想改善睡眠; 也看看按摩椅",
        "--budget",
        "3-5",
        "--grade",
        "A",
        "--new-tag",
        "组/a;b",
        "--new-tag",
        "组/c",
        "--note",
        "第一行\n第二行 \\ 反斜杠\\n",
        "--birthday",
        "1990-02-28",
        "--anniversary",
        "2020-05-20",
    ]);
    sb.ok(&[
        "won",
        &zhang.to_string(),
        "--amount",
        "3999.50",
        "--product",
        "¥年卡 plus",
    ]);
    let li = sb.add(&["--name", "李娜", "--phone", "13911112222"]);
    sb.ok(&["lost", &li.to_string(), "--reason", "预算不够, 明年再说"]);
    sb.add(&[
        "--name",
        "Ann O'Neil",
        "--wechat",
        "00123",
        "--phone",
        "075512345678",
    ]);
    sb.add(&[
        "--name=''=1+1",
        "--honorific",
        "TRUE",
        "--need",
        "-",
        "--budget",
        "1e5",
    ]);
    sb.add(&["--name", "王\\n芳", "--note", "\\", "--company", "@公司"]);
    let moved = sb.add(&["--name", "赵敏", "--tag", "意向/近期购买"]);
    sb.ok(&["move", &moved.to_string(), "resolve"]);
    sb.ok(&["archive", &moved.to_string()]);
    sb
}

#[test]
fn every_field_and_awkward_values_round_trip_through_csv_json_and_vcard() {
    let a = rich_book();
    let csv1 = export(&a, "a.csv", &["--all"]);
    let json1 = export(&a, "a.json", &["--all", "--format", "json"]);
    let b = Sb::new();
    import_ok(&b, &[p(&a.path("a.csv"))]);
    assert_same_bytes("CSV round trip", &csv1, &export(&b, "b.csv", &["--all"]));
    assert_same_bytes(
        "JSON after the CSV round trip",
        &json1,
        &export(&b, "b.json", &["--all", "--format", "json"]),
    );
    // The JSON says what went in.
    let json: Vec<Value> = serde_json::from_slice(&json1).unwrap();
    assert_eq!(json[0]["company"], "A, B & C \"引号\"");
    assert_eq!(json[0]["notes"], "第一行\n第二行 \\ 反斜杠\\n");
    assert_eq!(json[0]["birthday"], "1990-02-28");
    assert_eq!(json[0]["anniversary"], "2020-05-20");
    assert_eq!(json[0]["purchases"][0]["amount"], "3999.50");
    assert_eq!(json[0]["purchases"][0]["product"], "¥年卡 plus");
    // One win, one purchase: the timeline's win and the purchase list are not counted twice.
    assert_eq!(json[0]["purchases"].as_array().unwrap().len(), 1);
    let wins = json[0]["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["kind"] == "won")
        .count();
    assert_eq!(wins, 1);
    assert_eq!(json[1]["lost_reason"], "预算不够, 明年再说");
    assert_eq!(json[3]["name"], "''=1+1");
    assert_eq!(json[4]["name"], "王\\n芳");
    assert_eq!(json[5]["stage"], "resolve");
    assert_eq!(json[5]["archived"], true);

    let vcf1 = export(&a, "a.vcf", &["--all", "--format", "vcard"]);
    // The automatic tags (购买次数, 客户层级…) are the book's to work out from what vCard
    // does not carry: the card has the rep's own tags only.
    let template = salesbook::sop::Library::builtin("default")
        .expect("the default template")
        .template;
    let own_tags = |contact: &Value| -> Vec<String> {
        tags(contact)
            .into_iter()
            .filter(|t| {
                let tag: salesbook::domain::TagRef = t.parse().expect("group/tag");
                !salesbook::domain::derived::is_derived(&template, &tag)
            })
            .collect()
    };
    assert!(
        tags(&json[0]).iter().any(|t| t.starts_with("购买次数/")),
        "张伟 has automatic tags in the book: {:?}",
        json[0]["tags"]
    );
    assert!(
        !String::from_utf8_lossy(&vcf1).contains("购买次数"),
        "no automatic tag on a card"
    );
    let c = Sb::new();
    import_ok(&c, &[p(&a.path("a.vcf"))]);
    assert_same_bytes(
        "vCard round trip",
        &vcf1,
        &export(&c, "c.vcf", &["--all", "--format", "vcard"]),
    );
    let through: Vec<Value> =
        serde_json::from_slice(&export(&c, "c.json", &["--all", "--format", "json"])).unwrap();
    for (after, before) in through.iter().zip(&json) {
        for key in [
            "name",
            "honorific",
            "phone",
            "wechat",
            "email",
            "company",
            "notes",
            "birthday",
            "anniversary",
        ] {
            assert_eq!(
                after[key], before[key],
                "{key} of {} through vCard",
                before["name"]
            );
        }
        assert_eq!(
            own_tags(after),
            own_tags(before),
            "the rep's own tags of {} through vCard",
            before["name"]
        );
    }
}

#[test]
fn json_export_has_every_contact_with_its_pipeline_and_purchases() {
    let sb = demo_book();
    let listed = sb.all();
    let exported: Vec<Value> =
        serde_json::from_slice(&export(&sb, "all.json", &["--all", "--format", "json"]))
            .expect("the JSON export parses");
    assert_eq!(exported.len(), 200);
    assert_eq!(exported.len(), listed.len());
    let (mut tagged, mut bought) = (0, 0);
    for (e, l) in exported.iter().zip(&listed) {
        for key in [
            "id",
            "name",
            "phone",
            "wechat",
            "company",
            "source",
            "need",
            "budget",
            "grade",
            "stage",
            "outcome",
            "lost_reason",
            "notes",
            "owner",
            "archived",
            "created_at",
            "updated_at",
            "last_touch_at",
        ] {
            assert_eq!(e[key], l[key], "{key} of #{}", l["id"]);
        }
        assert_eq!(tags(e), tags(l), "tags of #{}", l["id"]);
        assert!(
            ["discover", "pitch", "resolve", "close", "aftercare"]
                .contains(&e["stage"].as_str().unwrap())
        );
        assert!(
            ["intro", "growth", "mature", "dormant", "churned"]
                .contains(&e["lifecycle"].as_str().unwrap()),
            "lifecycle {}",
            e["lifecycle"]
        );
        let purchases = e["purchases"].as_array().expect("purchases");
        // The demo records a purchase exactly for the won contacts.
        assert_eq!(
            !purchases.is_empty(),
            e["outcome"] == "won",
            "purchases of #{}",
            l["id"]
        );
        for buy in purchases {
            let amount = buy["amount"].as_str().expect("an amount string");
            assert!(amount.parse::<f64>().unwrap() > 0.0, "{amount}");
            assert!(buy["product"].as_str().is_some_and(|s| !s.is_empty()));
            assert!(buy["at"].as_str().unwrap().ends_with("+08:00"), "{buy}");
        }
        if !purchases.is_empty() {
            // The same purchases as the timeline's wins: time, amount, product.
            let id = l["id"].as_i64().unwrap();
            let wins: Vec<(Value, Value, Value)> = common::history(&sb.contact(id))
                .iter()
                .filter(|h| h["kind"] == "won")
                .map(|h| (h["at"].clone(), h["amount"].clone(), h["product"].clone()))
                .collect();
            let bought: Vec<(Value, Value, Value)> = purchases
                .iter()
                .map(|b| (b["at"].clone(), b["amount"].clone(), b["product"].clone()))
                .collect();
            assert_eq!(bought, wins, "purchases of #{id}");
        }
        tagged += usize::from(!tags(e).is_empty());
        bought += usize::from(!purchases.is_empty());
    }
    assert!(
        tagged > 20 && bought > 5,
        "{tagged} tagged, {bought} bought"
    );
    // Each lifecycle as `list --lifecycle` sees it.
    for lifecycle in ["intro", "growth", "mature", "dormant", "churned"] {
        let want: BTreeSet<i64> = exported
            .iter()
            .filter(|c| c["lifecycle"] == lifecycle)
            .map(|c| c["id"].as_i64().unwrap())
            .collect();
        let got: BTreeSet<i64> = sb
            .json(&[
                "list",
                "--all",
                "--lifecycle",
                lifecycle,
                "--format",
                "json",
            ])
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["id"].as_i64().unwrap())
            .collect();
        assert_eq!(got, want, "lifecycle {lifecycle}");
    }
}

/// A vCard's N splits only a plain Han name: a transliterated name with ·, or one with an
/// emoji, is kept whole as the given name (phones sorted 阿卜杜·热合曼 under a family name
/// 阿), and each comes back whole.
#[test]
fn vcard_names_that_are_not_plain_han_are_kept_whole() {
    let a = Sb::new();
    for name in ["阿卜杜·热合曼", "小鱼儿🐟", "欧阳强浩"] {
        a.add(&[name]);
    }
    let vcf = String::from_utf8(export(&a, "a.vcf", &["--all", "--format", "vcard"])).unwrap();
    for n in ["N:;阿卜杜·热合曼;;;", "N:;小鱼儿🐟;;;", "N:欧阳;强浩;;;"] {
        assert!(vcf.contains(n), "{n} in\n{vcf}");
    }
    let b = Sb::new();
    import_ok(&b, &[p(&a.path("a.vcf"))]);
    assert_eq!(names(&b), names(&a));
}
