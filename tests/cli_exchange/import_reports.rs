//! The import report of the fixture corpus, a dry run, duplicates against the book and undo of a whole import. Part of `cli_exchange.rs`, whose helpers it uses.

use super::*;

// ───────────────────────────── the corpus through the command line ─────────────────────────────

/// The number after `label` in the counts line, e.g. 拒绝 in `…，拒绝 1；…`.
fn count_of(report: &str, label: &str) -> usize {
    let line = counts(report);
    let at = line
        .find(label)
        .unwrap_or_else(|| panic!("{label} in {line}"))
        + label.len();
    line[at..]
        .trim_start()
        .chars()
        .take_while(char::is_ascii_digit)
        .collect::<String>()
        .parse()
        .unwrap()
}

/// The rejected count of a report in either language.
fn rejected(report: &str) -> usize {
    let line = counts(report);
    match line.strip_prefix("Total: ") {
        Some(rest) => rest
            .split(", ")
            .find_map(|part| part.split(';').next()?.strip_suffix(" rejected"))
            .unwrap_or_else(|| panic!("no rejected count in {line}"))
            .parse()
            .unwrap(),
        None => count_of(report, "拒绝"),
    }
}

/// `import --dry-run FILE ARGS…` prints the golden report under the dry run's title; the
/// exit says whether rows were rejected.
fn check_dry_run(sb: &Sb, file: &str, args: &[&str], golden_name: &str, dry_title: &str) {
    let want = golden(golden_name);
    let path = fixture(&format!("import/{file}"));
    let mut all = vec!["import", "--dry-run", p(&path)];
    all.extend_from_slice(args);
    let out = sb.run(&all);
    let printed = stdout(&out);
    let (title, rest) = printed.split_once('\n').expect("a title line");
    let (_, want_rest) = want.split_once('\n').unwrap();
    assert_eq!(title, dry_title, "{golden_name}");
    assert_eq!(rest, want_rest, "{golden_name}: the report differs");
    let rejected = rejected(&want);
    assert_eq!(
        out.status.success(),
        rejected == 0,
        "{golden_name}: {rejected} rejected, exit {}: {}",
        out.status,
        stderr(&out)
    );
}

/// Every corpus file whose golden report was made with the default options.
const DEFAULT_CASES: [&str; 34] = [
    "clean.csv",
    "excel_utf8_bom.csv",
    "wecom_customers_gbk.csv",
    "gb18030.csv",
    "excel_unicode_text.txt",
    "quoted_newlines.csv",
    "crm_en_semicolon.csv",
    "crm_hubspot.csv",
    "crm_salesforce.csv",
    "address_book.csv",
    "missing_names.csv",
    "bad_values.csv",
    "unterminated_quote.csv",
    "google_contacts.csv",
    "google_contacts_legacy.csv",
    "outlook_contacts_gbk.csv",
    "outlook_contacts_zh_gbk.csv",
    "google_contacts.vcf",
    "iphone_v3.vcf",
    "android_v21_qp.vcf",
    "v4.vcf",
    "hand_kept_gbk.csv",
    "names_only.csv",
    "purchases.csv",
    "vcard_octet_folds.vcf",
    "damaged_bytes.csv",
    "outlook_zh_company_gbk.csv",
    "outlook_defaults.csv",
    "numbered_list.csv",
    "full_width_ids.csv",
    "mac_cr_only.csv",
    "wecom_remarks.csv",
    "iphone_impp.vcf",
    "taobao_orders_gbk.csv",
];

/// Address books' own exports, as a rep downloads them: names put together from their
/// parts in the language's order, every number and address kept, the book's labels as tags.
#[test]
fn google_and_outlook_exports_import_with_whole_names() {
    let sb = Sb::new();
    for file in [
        "google_contacts.csv",
        "google_contacts_legacy.csv",
        "outlook_contacts_gbk.csv",
    ] {
        let out = import(&sb, &[p(&fixture(&format!("import/{file}")))]);
        // Only the Google row with nothing but a company is refused (and named).
        assert_eq!(
            out.status.success(),
            file != "google_contacts.csv",
            "{file}"
        );
    }
    assert_eq!(
        names(&sb),
        [
            "张伟",
            "欧阳强浩",
            "Mary Q Smith",
            "小王",
            "司马相如",
            "王老板",
            "李三",
            "David Chen",
            "诸葛美玲"
        ]
    );
    let all = sb.all();
    let zhang = &all[0];
    assert_eq!(zhang["phone"], "13800138000", "kept as dialled at home");
    assert_eq!(zhang["email"], "zhangwei@example.com");
    assert_eq!(tags(zhang), ["客户来源/转介绍"]);
    let notes = zhang["notes"].as_str().unwrap();
    for kept in [
        "13900001111",
        "075512345678",
        "wei.zhang@example.cn",
        "深圳市南山区科技园",
        "VIP 客户",
    ] {
        assert!(notes.contains(kept), "{kept} missing from {notes}");
    }
    assert!(
        !notes.contains("myContacts") && !notes.contains("Mobile"),
        "{notes}"
    );
    // A whole name beside parts that say otherwise: the parts are kept as written.
    let wang = &all[5];
    assert!(wang["notes"].as_str().unwrap().contains("Given Name：建国"));
    assert_eq!(all[6]["company"], "某某科技");
    // An address book's people are known to the rep: no welcome is owed to any of them.
    let agenda: Value =
        serde_json::from_str(&sb.ok(&["agenda", "--days", "400", "--format", "json"])).unwrap();
    let tracks: Vec<&str> = agenda
        .as_array()
        .expect("a list of items")
        .iter()
        .map(|i| i["track"].as_str().unwrap())
        .collect();
    assert!(!tracks.contains(&"first_response"), "{tracks:?}");
}

/// Outlook in Chinese: its own headers (名, 姓, 移动电话, 单位主要电话, 类别), its `0/0/00`
/// for a date it does not have (nothing, not a bad value), and a company's own entry named
/// by the company.
#[test]
fn a_chinese_outlook_export_imports_with_its_categories_as_tags() {
    let sb = Sb::new();
    let report = import_ok(&sb, &[p(&fixture("import/outlook_contacts_zh_gbk.csv"))]);
    assert!(!report.contains("“0/0/00”无法识别"), "{report}");
    assert_eq!(names(&sb), ["王明", "欧阳美华", "上海某某物流"]);
    let all = sb.all();
    assert_eq!(tags(&all[0]), ["客户来源/转介绍"]);
    assert_eq!(all[0]["birthday"], "1980-05-06");
    assert_eq!(all[1]["phone"], "13800138001");
    assert_eq!(all[2]["company"], "上海某某物流");
    for c in &all {
        let notes = c["notes"].as_str().unwrap_or("");
        assert!(
            !notes.contains("0/0/00") && !notes.contains("SMTP"),
            "{notes}"
        );
    }
}

/// A second column of the same part (two given names) is not lost: the first makes the
/// name, the second goes to the note under its own header.
#[test]
fn a_second_column_of_a_name_part_goes_to_the_note() {
    let sb = Sb::new();
    let file = sb.path("parts.csv");
    std::fs::write(
        &file,
        "Family Name,Given Name,Nickname,Phone\n张,伟,小伟,13800138000\n",
    )
    .unwrap();
    import_ok(&sb, &[p(&file), "--map", "Nickname=given_name"]);
    let all = sb.all();
    assert_eq!(all[0]["name"], "张伟");
    assert_eq!(all[0]["notes"], "Nickname：小伟");
}

#[test]
fn dry_run_prints_each_fixtures_golden_report() {
    let sb = Sb::new();
    for file in DEFAULT_CASES {
        check_dry_run(&sb, file, &[], &format!("{file}.report"), DRY_RUN_ZH);
    }
    for (file, args, golden) in [
        (
            "wecom_customers_gbk.csv",
            &[
                "--map",
                "性别=ignore",
                "--map",
                "状态=ignore",
                "--map",
                "客户名称=ignore",
            ][..],
            "wecom_customers_gbk.csv.mapped.report",
        ),
        (
            "mixed_encoding.csv",
            &["--encoding", "utf-8"][..],
            "mixed_encoding.csv.as_utf8.report",
        ),
        (
            "address_book.csv",
            &["--source", "手机通讯录", "--tag", "客户分类/自用"][..],
            "address_book.csv.source_and_tag.report",
        ),
    ] {
        check_dry_run(&sb, file, args, golden, DRY_RUN_ZH);
    }
    assert!(!sb.db().exists(), "a dry run made a book");
    english(&sb);
    check_dry_run(
        &sb,
        "bad_values.csv",
        &[],
        "bad_values.csv.en.report",
        DRY_RUN_EN,
    );
}

#[test]
fn a_real_import_prints_the_golden_report_and_adds_what_it_counts() {
    for file in DEFAULT_CASES {
        let sb = Sb::new();
        let want = golden(&format!("{file}.report"));
        let out = import(&sb, &[p(&fixture(&format!("import/{file}")))]);
        let printed = stdout(&out);
        let rest = printed
            .strip_prefix(&want)
            .unwrap_or_else(|| panic!("{file}: the report differs:\n{printed}\nwanted:\n{want}"));
        let added = count_of(&want, "新增");
        if added > 0 {
            let hint = rest
                .strip_prefix("\n#")
                .and_then(|r| r.strip_suffix(&format!(" · {UNDO_HINT_ZH}\n")))
                .unwrap_or_else(|| panic!("{file}: no undo hint after the report: {rest:?}"));
            assert!(hint.parse::<i64>().is_ok(), "{file}: {rest:?}");
        }
        assert_eq!(out.status.success(), count_of(&want, "拒绝") == 0, "{file}");
        assert_eq!(sb.all().len(), added, "{file}");
    }
}

// ───────────────────────────── a dry run writes nothing ─────────────────────────────

#[test]
fn dry_run_without_a_book_creates_nothing() {
    let sb = Sb::new();
    let clean = sb.write("in/clean.csv", &read_fixture("import/clean.csv"));
    let bad = sb.write("in/bad.csv", &read_fixture("import/bad_values.csv"));
    let out = leaves_everything_as_it_was(&sb, &["import", "--dry-run", p(&clean)]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).starts_with(DRY_RUN_ZH));
    let out = leaves_everything_as_it_was(&sb, &["import", "--dry-run", p(&bad)]);
    assert!(!out.status.success());
    assert!(!sb.db().exists());
    assert!(!sb.path("config").exists() && !sb.path("data").exists());
}

#[test]
fn dry_run_leaves_a_book_byte_for_byte_unchanged() {
    let sb = Sb::new();
    sb.add(&[
        "--name",
        "张伟",
        "--phone",
        "13800001234",
        "--company",
        "武当科技",
    ]);
    sb.add(&["--name", "李娜", "--wechat", "lina_1990"]);
    let dups = fixture("import/duplicates.csv");
    for policy in ["skip", "merge", "new"] {
        let out = leaves_everything_as_it_was(
            &sb,
            &["import", "--dry-run", p(&dups), "--on-duplicate", policy],
        );
        assert!(out.status.success(), "{}", stderr(&out));
        assert!(
            stdout(&out).contains("手册里已有的客户（#1）"),
            "{}",
            stdout(&out)
        );
    }
    let out =
        leaves_everything_as_it_was(&sb, &["import", "--dry-run", p(&fixture("import/v4.vcf"))]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(names(&sb), ["张伟", "李娜"]);
}

// ───────────────────────────── duplicates against the book ─────────────────────────────

/// The book the corpus' duplicate reports were made against: 张伟 #1, 李娜 #2, 王芳 #3.
fn sample_book() -> Sb {
    let sb = Sb::new();
    sb.add(&[
        "--name",
        "张伟",
        "--phone",
        "13800001234",
        "--company",
        "武当科技",
        "--grade",
        "B",
        "--tag",
        "客户来源/朋友圈",
    ]);
    sb.add(&["--name", "李娜", "--wechat", "lina_1990"]);
    sb.add(&[
        "--name",
        "王芳",
        "--phone",
        "13500000000",
        "--company",
        "青城山茶社",
    ]);
    sb
}

#[test]
fn duplicates_against_the_book_follow_the_policy() {
    let dups = fixture("import/duplicates.csv");
    for policy in ["skip", "merge", "new"] {
        let sb = sample_book();
        check_dry_run(
            &sb,
            "duplicates.csv",
            &["--on-duplicate", policy],
            &format!("duplicates.csv.{policy}.report"),
            DRY_RUN_ZH,
        );
        let before: Vec<Value> = (1..=3).map(|id| sb.contact(id)).collect();
        let args: Vec<&str> = if policy == "skip" {
            vec![p(&dups)] // the default
        } else {
            vec![p(&dups), "--on-duplicate", policy]
        };
        let report = import_ok(&sb, &args);
        let want = golden(&format!("duplicates.csv.{policy}.report"));
        assert!(report.starts_with(&want), "{policy}:\n{report}");
        let added = count_of(&want, "新增");
        assert_eq!(sb.all().len(), 3 + added, "{policy}");
        let after: Vec<Value> = (1..=3).map(|id| sb.contact(id)).collect();
        match policy {
            "merge" => {
                assert_eq!(
                    counts(&report),
                    "合计：读到 7 条，新增 2，合并 5，跳过 0，拒绝 0；2 条有警告"
                );
                // 张伟: the book's company and grade kept, the file's tag added.
                let z = &after[0];
                assert_eq!(z["company"], "武当科技");
                assert_eq!(z["grade"], "B");
                assert_eq!(z["phone"], before[0]["phone"]);
                let mut t = tags(z);
                t.sort();
                assert_eq!(t, ["客户来源/朋友圈", "意向/近期购买"]);
                // 李娜: her empty phone filled from the file, her WeChat ID kept.
                assert_eq!(after[1]["phone"], "13911112222");
                assert_eq!(after[1]["wechat"], "lina_1990");
                // 王芳 only shares a name and company: reported, not touched.
                assert_eq!(after[2], before[2]);
                // 赵敏 (lines 4, 5, 6, 8) is one new contact with what line 5 added.
                let zhao: Vec<Value> = sb
                    .all()
                    .into_iter()
                    .filter(|c| c["name"] == "赵敏")
                    .collect();
                assert_eq!(zhao.len(), 1);
                assert_eq!(zhao[0]["company"], "明教");
                assert_eq!(zhao[0]["grade"], "B");
                assert_eq!(zhao[0]["wechat"], "zhaomin");
            }
            "skip" => {
                assert_eq!(
                    counts(&report),
                    "合计：读到 7 条，新增 2，合并 0，跳过 5，拒绝 0；2 条有警告"
                );
                assert_eq!(after, before, "skip changed the book's contacts");
            }
            _ => {
                assert_eq!(
                    counts(&report),
                    "合计：读到 7 条，新增 7，合并 0，跳过 0，拒绝 0；6 条有警告"
                );
                assert_eq!(after, before, "new changed the book's contacts");
                let zhang = sb.all().iter().filter(|c| c["name"] == "张伟").count();
                assert_eq!(zhang, 2);
            }
        }
    }
}

#[test]
fn a_row_matching_a_contact_merged_away_goes_to_the_one_it_joined() {
    let sb = Sb::new();
    sb.add(&["--name", "李娜", "--wechat", "lina_1990"]);
    sb.add(&["--name", "李娜", "--phone", "13911112222"]);
    // #1 joins #2: both now hold the WeChat ID, #1 only as a merged-away record.
    sb.ok(&["merge", "2", "1"]);
    let file = sb.write("m.csv", "姓名,微信号,公司\n李娜,lina_1990,峨眉派\n新人,,\n");
    let dry = sb.ok(&["import", "--dry-run", p(&file)]);
    assert!(dry.contains("（#2）") && !dry.contains("（#1）"), "{dry}");
    let report = import_ok(&sb, &[p(&file), "--on-duplicate", "merge"]);
    assert_eq!(
        counts(&report),
        "合计：读到 2 条，新增 1，合并 1，跳过 0，拒绝 0",
        "{report}"
    );
    assert_eq!(sb.contact(2)["company"], "峨眉派");
    assert_eq!(sb.contact(1)["company"], Value::Null);
}

// ───────────────────────────── undo ─────────────────────────────

const THREE: &str = "姓名,手机,微信号,公司\n\
                     赵敏,13700001111,zhaomin,明教\n\
                     周芷若,13600001111,zhouzr,峨眉派\n\
                     小昭,13500002222,,明教\n";

#[test]
fn undo_removes_a_whole_import() {
    let sb = Sb::new();
    sb.add(&["--name", "老客户", "--phone", "13900009999"]);
    let before = sb.snapshot();
    let file = sb.write("three.csv", THREE);
    import_ok(&sb, &[p(&file)]);
    assert_eq!(names(&sb), ["老客户", "赵敏", "周芷若", "小昭"]);

    // One log entry for the whole file.
    let list = sb.json(&["undo", "--list", "--format", "json"]);
    let newest = &list[0];
    assert!(
        newest["action"].as_str().unwrap().contains("import"),
        "{newest}"
    );
    assert_eq!(
        newest["contacts"],
        serde_json::json!(["赵敏", "周芷若", "小昭"])
    );
    assert!(
        list[1]["action"].as_str().unwrap().contains("add"),
        "{list}"
    );

    sb.ok(&["undo"]);
    assert_eq!(sb.snapshot(), before);
    sb.ok(&["verify"]);
}

#[test]
fn undo_of_a_merging_import_gives_back_the_book_values() {
    let sb = sample_book();
    let before = sb.snapshot();
    let dups = fixture("import/duplicates.csv");
    import_ok(&sb, &[p(&dups), "--on-duplicate", "merge"]);
    assert_ne!(sb.snapshot(), before);
    sb.ok(&["undo"]);
    assert_eq!(sb.snapshot(), before);
    sb.ok(&["verify"]);
}

#[test]
fn undo_archives_an_imported_contact_worked_on_since() {
    let sb = Sb::new();
    sb.add(&["--name", "老客户", "--phone", "13900009999"]);
    let file = sb.write("three.csv", THREE);
    import_ok(&sb, &[p(&file)]);
    let zhou = sb
        .all()
        .into_iter()
        .find(|c| c["name"] == "周芷若")
        .unwrap()["id"]
        .as_i64()
        .unwrap();
    // A colleague on the same book logs a call, so the rep's latest change is the import.
    let out = sb.run_env(
        &[
            "log",
            &zhou.to_string(),
            "--channel",
            "phone",
            "--note",
            "回电话了",
        ],
        &[("USER", "colleague")],
    );
    expect_ok(&["log"], out);

    let said = sb.ok(&["undo"]);
    assert!(!said.trim().is_empty());
    // Nothing of the import is left open; 周芷若 is archived with her call, not deleted.
    assert_eq!(
        sb.json(&["list", "--format", "json"])
            .as_array()
            .unwrap()
            .len(),
        1
    );
    assert_eq!(names(&sb), ["老客户", "周芷若"]);
    let c = sb.contact(zhou);
    assert_eq!(c["archived"], true);
    let texts: Vec<&str> = common::history(&c)
        .iter()
        .filter_map(|h| h["text"].as_str())
        .collect();
    assert!(texts.contains(&"回电话了"), "{c}");
    sb.ok(&["verify"]);
}

/// A contact first written down by name alone, then met again in a file with a phone: the
/// report asks whether they are one person (the book cannot tell), and merges nothing.
#[test]
fn the_same_name_as_a_contact_known_by_name_alone_is_reported() {
    let sb = Sb::new();
    let bare = sb.add(&["--name", "周建国"]);
    sb.add(&["--name", "李娜", "--phone", "13911112222"]);
    let file = sb.write(
        "客户.csv",
        "姓名,手机号\r\n周建国,13800001111\r\n李娜,13700002222\r\n刘洋,13600003333\r\n刘洋,13500004444\r\n",
    );
    let report = sb.ok(&["import", p(&file), "--on-duplicate", "merge"]);
    assert!(
        report.contains(&format!(
            "与手册里已有的客户（#{bare}）同名，对方没有手机号、微信号和公司可以区分"
        )),
        "{report}"
    );
    // Same name, but the other one has a phone of its own: two people.
    assert_eq!(report.matches("同名").count(), 1, "{report}");
    assert_eq!(count_of(&report, "新增"), 4, "{report}");
}

/// Dates later than now (a typo, a year mistyped) are not taken silently: the book puts the
/// contact at the import's time and the report says so, row by row.
#[test]
fn dates_in_the_future_are_reported_and_put_at_the_import() {
    let sb = Sb::new();
    let file = sb.write(
        "future.csv",
        "姓名,手机号,添加时间,最后联系时间\r\n\
         未来,13800000021,2999-01-01,2030-01-01 10:00\r\n\
         正常,13800000022,2026-01-15,2026-11-20 10:00\r\n",
    );
    let report = sb.ok(&["import", p(&file)]);
    assert!(
        report.contains(
            "第 2 行\n  警告：添加时间“2999-01-01 00:00:00”晚于现在，按导入的时间记；请核对文件里的日期\n  \
             警告：最近跟进“2030-01-01 10:00:00”晚于现在，按导入的时间记；请核对文件里的日期\n\n"
        ),
        "{report}"
    );
    assert!(!report.contains("第 3 行"), "{report}");
    assert!(counts(&report).ends_with("；1 条有警告"), "{report}");
    let all = sb.all();
    let now = chrono::DateTime::parse_from_rfc3339(common::NOW).unwrap();
    let at =
        |c: &Value, k: &str| chrono::DateTime::parse_from_rfc3339(c[k].as_str().unwrap()).unwrap();
    assert_eq!(at(&all[0], "created_at"), now, "{}", all[0]);
    assert!(at(&all[1], "created_at") < now, "{}", all[1]);
}
