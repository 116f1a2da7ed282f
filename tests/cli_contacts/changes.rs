//! Moving, winning, losing and reopening; logging; archiving; list filters; editing. Part of `cli_contacts.rs`, whose helpers it uses.

use super::*;

// ---------------------------------------------------------------------------------------------
// move, won, lost, reopen

/// A contact added before the rep has a name (no `[me] name`, no login name) is owned by a
/// stand-in; the card says so in words instead of showing the stand-in "me".
#[test]
fn the_owner_of_a_contact_added_without_a_name_is_said_in_words() {
    let sb = Sb::new();
    let out = sb.run_env(&["add", "张三"], &[("USER", "")]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    let card = sb.ok(&["show", "1"]);
    assert!(card.contains("负责人    我（还没有设置姓名）"), "{card}");
    assert!(!card.contains(" me\n"), "{card}");
    // A named rep's contact shows the name.
    sb.ok(&["add", "李四"]);
    assert!(sb.ok(&["show", "2"]).contains("负责人    tester"));
}

#[test]
fn a_stage_is_also_taken_by_its_name_without_the_verb() {
    let sb = Sb::new();
    sb.add(FULL);
    assert_eq!(sb.ok(&["move", "1", "产品"]), "1 张三丰: 挖需求 → 抛产品\n");
    assert_eq!(sb.ok(&["move", "1", "问题"]), "1 张三丰: 抛产品 → 解问题\n");
    assert_eq!(sb.ok(&["move", "1", "需求"]), "1 张三丰: 解问题 → 挖需求\n");
    let listed = sb.json(&["list", "--stage", "需求", "--format", "json"]);
    assert_eq!(listed.as_array().map(Vec::len), Some(1));
}

#[test]
fn move_by_key_and_by_chinese_name_records_stage_changes() {
    let mut sb = Sb::new();
    sb.add(FULL);
    assert_eq!(
        sb.ok(&["move", "1", "pitch"]),
        "1 张三丰: 挖需求 → 抛产品\n"
    );
    sb.set_now(LATER);
    assert_eq!(
        sb.ok(&["move", "1", "解问题"]),
        "1 张三丰: 抛产品 → 解问题\n"
    );
    assert_eq!(
        sb.ok(&["move", "1", "CLOSE"]),
        "1 张三丰: 解问题 → 提成交\n"
    );
    // Back a stage is allowed too.
    assert_eq!(
        sb.ok(&["move", "1", "抛产品"]),
        "1 张三丰: 提成交 → 抛产品\n"
    );
    // After-sale care is reached by a win, not a move (said of 售后 too, the name as
    // reps shorten it).
    let snap = sb.snapshot();
    fails_keeping(&sb, &snap, &["move", "1", "理售后"], &["salesbook won 1"]);
    fails_keeping(&sb, &snap, &["move", "1", "售后"], &["salesbook won 1"]);
    // 成交 is not guessed: the stage, or a win?
    fails_keeping(&sb, &snap, &["move", "1", "成交"], &["没有阶段 '成交'"]);

    let c = sb.contact(1);
    assert_eq!(c["stage"], "pitch");
    assert_eq!(c["outcome"], "open");
    assert_eq!(c["updated_at"], LATER);
    assert_eq!(
        c["last_touch_at"],
        Value::Null,
        "a stage change is not a touch"
    );
    let change = |at: &str, from: &str, to: &str| json!({ "at": at, "kind": "stage_change", "text": null, "from": from, "to": to });
    assert_eq!(
        history(&c)[1..],
        [
            change(NOW, "discover", "pitch"),
            change(LATER, "pitch", "resolve"),
            change(LATER, "resolve", "close"),
            change(LATER, "close", "pitch"),
        ]
    );
}

#[test]
fn acceptance_add_move_by_chinese_name_then_show() {
    let sb = Sb::new();
    let id = sb.add(&["--name", "张三丰", "--source", "朋友圈", "--grade", "A"]);
    let id_s = id.to_string();
    sb.ok(&["move", &id_s, "抛产品"]);
    let c = sb.contact(id);
    assert_eq!(c["stage"], "pitch");
    assert_eq!(c["source"], "朋友圈");
    assert_eq!(c["grade"], "A");
    assert_eq!(
        history(&c),
        &vec![
            json!({ "at": NOW, "kind": "created", "text": null }),
            json!({ "at": NOW, "kind": "stage_change", "text": null,
                    "from": "discover", "to": "pitch" }),
        ]
    );
    let card = sb.ok(&["show", &id_s]);
    assert!(card.contains("抛产品 (pitch) · 进行中"), "{card}");
    assert!(
        card.lines()
            .any(|l| l.contains("换阶段") && l.contains("挖需求 → 抛产品")),
        "the timeline shows the stage change:\n{card}"
    );
}

#[test]
fn moving_to_the_current_stage_exits_0_and_changes_nothing() {
    let mut sb = Sb::new();
    sb.add(FULL);
    sb.ok(&["move", "1", "pitch"]);
    let before = sb.snapshot();
    sb.set_now(LATER);
    for stage in ["pitch", "抛产品"] {
        let out = sb.run(&["move", "1", stage]);
        let stdout = expect_ok(&["move", "1", stage], out.clone());
        assert_eq!(stdout, "");
        assert_eq!(
            common::stderr(&out),
            "salesbook: 提示: 1 已经在 抛产品 (pitch)；没有改动\n"
        );
    }
    assert_eq!(sb.snapshot(), before, "no new entry, updated_at unchanged");
}

#[test]
fn won_moves_to_aftercare_and_records_amount_and_product() {
    let mut sb = Sb::new();
    sb.add(FULL);
    sb.set_now(LATER);
    assert_eq!(
        sb.ok(&["won", "1", "--amount", "3999.5", "--product", "年卡"]),
        "1 张三丰: 已成交 → 理售后\n"
    );
    let c = sb.contact(1);
    assert_eq!(c["stage"], "aftercare");
    assert_eq!(c["outcome"], "won");
    assert_eq!(c["lost_reason"], Value::Null);
    assert_eq!(c["updated_at"], LATER);
    assert_eq!(
        history(&c)[1..],
        [
            json!({ "at": LATER, "kind": "won", "text": null,
                    "amount": "3999.50", "product": "年卡" }),
            json!({ "at": LATER, "kind": "stage_change", "text": null,
                    "from": "discover", "to": "aftercare" }),
        ]
    );
    assert_eq!(list_ids(&sb, &["--outcome", "won"]), vec![1]);

    // Amounts as people type them; a whole amount prints without decimals.
    sb.add(&["--name", "李四"]);
    sb.ok(&["won", "2", "--amount", "￥1,200"]);
    let e = last_entry(&sb, 2);
    assert_eq!(e["kind"], "stage_change");
    let won = history(&sb.contact(2))[1].clone();
    assert_eq!(won["kind"], "won");
    assert_eq!(won["amount"], "1200");
    assert!(won.get("product").is_none());
}

#[test]
fn a_customer_who_buys_again_is_told_it_is_a_repurchase_and_a_sale_of_nothing_is_refused() {
    let mut sb = Sb::new();
    sb.add(FULL);
    let err = sb.fail(&["won", "1", "--amount", "0"]);
    assert!(err.contains("成交金额不能是 0"), "{err}");
    assert_eq!(sb.contact(1)["outcome"], "open", "nothing was recorded");
    assert_eq!(sb.fail(&["won", "1", "--amount", "0.00"]), err);
    sb.ok(&["won", "1", "--amount", "3999"]);
    sb.set_now(LATER);
    assert_eq!(
        sb.ok(&["won", "1", "--amount", "1200", "--product", "续费"]),
        "1 张三丰: 复购（第 2 次购买） → 理售后\n"
    );
    sb.set_now(LATER2);
    assert_eq!(
        sb.ok(&["won", "1"]),
        "1 张三丰: 复购（第 3 次购买） → 理售后\n"
    );
    let kinds: Vec<Value> = history(&sb.contact(1))
        .iter()
        .map(|e| e["kind"].clone())
        .collect();
    assert_eq!(
        kinds.iter().filter(|k| *k == "won").count(),
        3,
        "each purchase is on the timeline: {kinds:?}"
    );
    // The same in English.
    let dir = sb.path("config/salesbook");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("config.toml"), "[ui]\nlang = \"en\"\n").unwrap();
    sb.set_now(LATER3);
    assert_eq!(
        sb.ok(&["won", "1"]),
        "1 张三丰: bought again (purchase 4) → Aftercare\n"
    );
    let err = sb.fail(&["won", "1", "--amount", "0"]);
    assert!(err.contains("a sale's amount cannot be 0"), "{err}");
}

#[test]
fn a_product_named_by_its_alias_is_recorded_by_its_own_name() {
    let sb = Sb::new();
    sb.add(&["--name", "王姐"]);
    sb.ok(&["won", "1", "--product", "精华套装"]);
    sb.ok(&["won", "1", "--product", "焕颜精华套装"]);
    sb.ok(&["won", "1", "--product", "我们自己的小样"]);
    let products: Vec<Value> = history(&sb.contact(1))
        .iter()
        .filter(|e| e["kind"] == "won")
        .map(|e| e["product"].clone())
        .collect();
    assert_eq!(
        products,
        [
            json!("焕颜精华套装"),
            json!("焕颜精华套装"),
            json!("我们自己的小样")
        ],
        "one product, one name; an unknown one as typed"
    );
}

#[test]
fn lost_contacts_keep_their_reason_cannot_move_and_can_be_reopened() {
    let mut sb = Sb::new();
    sb.add(FULL);
    sb.ok(&["move", "1", "pitch"]);
    sb.set_now(LATER);
    assert_eq!(
        sb.ok(&["lost", "1", "--reason", "预算不够"]),
        "1 张三丰: 已流失 (预算不够)\n"
    );
    let c = sb.contact(1);
    assert_eq!(c["outcome"], "lost");
    assert_eq!(c["lost_reason"], "预算不够");
    assert_eq!(c["stage"], "pitch", "losing keeps the stage");
    assert_eq!(
        last_entry(&sb, 1),
        json!({ "at": LATER, "kind": "lost", "text": "预算不够" })
    );

    let snap = sb.snapshot();
    let err = fails_keeping(&sb, &snap, &["move", "1", "resolve"], &["reopen"]);
    assert!(err.contains("salesbook reopen 1"), "{err}");
    fails_keeping(&sb, &snap, &["won", "1"], &["reopen"]);
    fails_keeping(
        &sb,
        &snap,
        &["lost", "1", "--reason", "又没预算"],
        &["已流失", "salesbook reopen 1"],
    );

    sb.set_now(LATER2);
    assert_eq!(sb.ok(&["reopen", "1"]), "1 张三丰: 进行中 · 抛产品\n");
    let c = sb.contact(1);
    assert_eq!(c["outcome"], "open");
    assert_eq!(c["lost_reason"], Value::Null);
    assert_eq!(c["stage"], "pitch");
    assert_eq!(
        last_entry(&sb, 1),
        json!({ "at": LATER2, "kind": "reopened", "text": null })
    );
    let snap = sb.snapshot();
    fails_keeping(&sb, &snap, &["reopen", "1"], &["本来就是进行中"]);

    assert_eq!(
        sb.ok(&["move", "1", "resolve"]),
        "1 张三丰: 抛产品 → 解问题\n"
    );
    assert_eq!(sb.contact(1)["stage"], "resolve");
}

/// A customer reopened (the deal is back under discussion) returns to the stage it was won
/// from: 理售后 is reached by a win, so no open lead is left there to get a lead's pitch in
/// place of the after-sale care. Undo puts the customer back.
#[test]
fn a_reopened_customer_goes_back_to_the_stage_it_was_won_from() {
    let mut sb = Sb::new();
    sb.add(FULL);
    sb.add(&["--name", "李四"]);
    sb.ok(&["move", "1", "resolve"]);
    sb.ok(&["won", "1", "--amount", "3999"]);
    sb.ok(&["won", "2"]);
    assert_eq!(sb.contact(1)["stage"], "aftercare");
    sb.set_now(LATER);
    assert_eq!(sb.ok(&["reopen", "1"]), "1 张三丰: 进行中 · 解问题\n");
    assert_eq!(sb.ok(&["reopen", "2"]), "2 李四: 进行中 · 挖需求\n");
    let c = sb.contact(1);
    assert_eq!(
        (c["outcome"].as_str(), c["stage"].as_str()),
        (Some("open"), Some("resolve"))
    );
    let open = sb.json(&["list", "--stage", "aftercare", "--format", "json"]);
    assert_eq!(open, json!([]), "no open contact is left in 理售后");
    // The timeline shows the move back, then the reopening.
    assert_eq!(last_entry(&sb, 1)["kind"], "reopened");
    let card = sb.ok(&["show", "1"]);
    assert!(card.contains("理售后 → 解问题"), "{card}");
    sb.ok(&["undo"]);
    sb.ok(&["undo"]);
    let c = sb.contact(1);
    assert_eq!(
        (c["outcome"].as_str(), c["stage"].as_str()),
        (Some("won"), Some("aftercare"))
    );
    sb.ok(&["verify"]);
}

/// A tag typed without its group, as reps say them (`--tag 朋友圈`), is placed in the group
/// of the book's template that has it; `--untag` finds it among the contact's tags. One no
/// group has, or several do, is refused with what to write, and nothing is made or changed.
#[test]
fn a_tag_without_its_group_is_placed_by_the_template() {
    let sb = Sb::new();
    // No book yet: an unknown bare tag leaves no book behind.
    let err = sb.fail(&["add", "张三", "--tag", "不存在的"]);
    assert!(
        err.contains("模板的标签里没有“不存在的”：写成 分组/标签") && err.contains("--new-tag"),
        "{err}"
    );
    assert!(!sb.db().exists(), "a refused add made a book");
    sb.ok(&[
        "add",
        "张三",
        "--tag",
        "朋友圈",
        "--tag",
        "账户权益/有未用优惠券",
    ]);
    let tags = |sb: &Sb| sb.contact(1)["tags"].clone();
    assert_eq!(
        tags(&sb),
        json!(["客户来源/朋友圈", "账户权益/有未用优惠券"])
    );
    let snap = sb.snapshot();
    // 直播 is a source and an activity: which one must be said.
    fails_keeping(
        &sb,
        &snap,
        &["edit", "1", "--tag", "直播"],
        &[
            "“直播”在几个分组里都有：请写全",
            "客户来源/直播",
            "参与活动/直播",
        ],
    );
    fails_keeping(
        &sb,
        &snap,
        &["edit", "1", "--tag", "没有这个"],
        &["没有“没有这个”"],
    );
    sb.ok(&["edit", "1", "--untag", "有未用优惠券", "--tag", "近期购买"]);
    assert_eq!(tags(&sb), json!(["客户来源/朋友圈", "意向/近期购买"]));
}

// ---------------------------------------------------------------------------------------------
// log

#[test]
fn log_kinds_follow_the_channel_and_only_touches_set_last_touch() {
    let mut sb = Sb::new();
    sb.add(FULL);

    sb.set_now(LATER);
    assert_eq!(
        sb.ok(&["log", "1", "--note", "客户说在出差"]),
        "1 张三丰: 备注 #2\n"
    );
    assert_eq!(
        sb.contact(1)["last_touch_at"],
        Value::Null,
        "a note is not a touch"
    );

    sb.set_now(LATER2);
    assert_eq!(
        sb.ok(&["log", "1", "--note", "发了案例", "--channel", "wechat"]),
        "1 张三丰: 消息 #3\n"
    );
    assert_eq!(sb.contact(1)["last_touch_at"], LATER2);

    sb.set_now(LATER3);
    // A later note leaves the last touch alone.
    assert_eq!(
        sb.ok(&["log", "1", "--note", "他爱人也在听"]),
        "1 张三丰: 备注 #4\n"
    );
    assert_eq!(sb.contact(1)["last_touch_at"], LATER2);
    assert_eq!(
        sb.ok(&[
            "log",
            "1",
            "--note",
            "电话聊了二十分钟",
            "--channel",
            "phone"
        ]),
        "1 张三丰: 电话 #5\n"
    );
    assert_eq!(
        sb.ok(&["log", "1", "--note", "门店见面", "--channel", "面谈"]),
        "1 张三丰: 面谈 #6\n"
    );

    let c = sb.contact(1);
    assert_eq!(c["last_touch_at"], LATER3);
    assert_eq!(
        history(&c)[1..],
        [
            json!({ "at": LATER, "kind": "note", "text": "客户说在出差" }),
            json!({ "at": LATER2, "kind": "message", "text": "发了案例", "channel": "wechat" }),
            json!({ "at": LATER3, "kind": "note", "text": "他爱人也在听" }),
            json!({ "at": LATER3, "kind": "call", "text": "电话聊了二十分钟", "channel": "phone" }),
            json!({ "at": LATER3, "kind": "meeting", "text": "门店见面", "channel": "meeting" }),
        ]
    );
}

// ---------------------------------------------------------------------------------------------
// archive

#[test]
fn archived_contacts_are_hidden_unless_all_and_archiving_twice_fails() {
    let sb = Sb::new();
    sb.add(FULL);
    sb.add(&["--name", "李四"]);
    assert_eq!(sb.ok(&["archive", "1"]), "1 张三丰: 已归档\n");
    assert_eq!(list_ids(&sb, &[]), vec![2]);
    assert_eq!(list_ids(&sb, &["--all"]), vec![1, 2]);
    assert_eq!(list_ids(&sb, &["--stage", "discover"]), vec![2]);
    assert!(!sb.ok(&["list"]).contains("张三丰"));
    assert!(sb.ok(&["list", "--all"]).contains("张三丰"));
    let c = sb.contact(1);
    assert_eq!(c["archived"], true);
    assert_eq!(last_entry(&sb, 1)["kind"], "archived");
    assert!(sb.ok(&["show", "1"]).contains("已归档"));

    let snap = sb.snapshot();
    fails_keeping(&sb, &snap, &["archive", "1"], &["客户 1", "已经归档了"]);

    assert_eq!(sb.ok(&["unarchive", "1"]), "1 张三丰: 已取消归档\n");
    assert_eq!(list_ids(&sb, &[]), vec![1, 2]);
    assert_eq!(sb.contact(1)["archived"], false);
    assert_eq!(last_entry(&sb, 1)["kind"], "unarchived");
    let snap = sb.snapshot();
    fails_keeping(&sb, &snap, &["unarchive", "1"], &["客户 1", "没有归档"]);
}

// ---------------------------------------------------------------------------------------------
// list filters

#[test]
fn list_filters_by_stage_grade_tag_and_outcome() {
    let sb = Sb::new();
    // 1: A, 朋友圈, pitch
    sb.add(&[
        "--name",
        "张三丰",
        "--grade",
        "A",
        "--tag",
        "客户来源/朋友圈",
    ]);
    sb.ok(&["move", "1", "pitch"]);
    // 2: B, 抖音, discover
    sb.add(&["--name", "李四", "--grade", "B", "--tag", "客户来源/抖音"]);
    // 3: B, 朋友圈, won (aftercare)
    sb.add(&["--name", "王五", "--grade", "b", "--tag", "客户来源/朋友圈"]);
    sb.ok(&["move", "3", "抛产品"]);
    sb.ok(&["won", "3"]);
    // 4: no grade, lost in discover
    sb.add(&["--name", "赵六"]);
    sb.ok(&["lost", "4", "--reason", "联系不上"]);
    // 5: B, pitch, archived
    sb.add(&["--name", "钱七", "--grade", "B"]);
    sb.ok(&["move", "5", "pitch"]);
    sb.ok(&["archive", "5"]);

    assert_eq!(list_ids(&sb, &[]), vec![1, 2, 3, 4]);
    assert_eq!(list_ids(&sb, &["--stage", "抛产品"]), vec![1]);
    assert_eq!(list_ids(&sb, &["--stage", "pitch", "--all"]), vec![1, 5]);
    assert_eq!(list_ids(&sb, &["--stage", "aftercare"]), vec![3]);
    assert_eq!(list_ids(&sb, &["--grade", "b"]), vec![2, 3]);
    assert_eq!(list_ids(&sb, &["--grade", "B", "--all"]), vec![2, 3, 5]);
    assert_eq!(list_ids(&sb, &["--grade", "立即跟进"]), vec![1]);
    assert_eq!(list_ids(&sb, &["--tag", "客户来源/朋友圈"]), vec![1, 3]);
    assert_eq!(
        list_ids(&sb, &["--tag", "客户来源/小红书"]),
        Vec::<i64>::new()
    );
    assert_eq!(list_ids(&sb, &["--outcome", "won"]), vec![3]);
    assert_eq!(list_ids(&sb, &["--outcome", "已流失"]), vec![4]);
    assert_eq!(list_ids(&sb, &["--outcome", "open"]), vec![1, 2]);
    assert_eq!(
        list_ids(
            &sb,
            &[
                "--stage",
                "抛产品",
                "--grade",
                "A",
                "--tag",
                "客户来源/朋友圈"
            ]
        ),
        vec![1]
    );
    assert_eq!(
        list_ids(&sb, &["--tag", "客户来源/朋友圈", "--outcome", "open"]),
        vec![1]
    );

    // Filters work the same for the table.
    let table = sb.ok(&["list", "--grade", "b"]);
    assert_eq!(table.lines().count(), 3, "{table}");
    assert!(table.contains("李四") && table.contains("王五") && !table.contains("张三丰"));
}

// ---------------------------------------------------------------------------------------------
// edit

#[test]
fn edit_changes_fields_clears_phone_and_records_what_changed() {
    let mut sb = Sb::new();
    sb.add(FULL);
    sb.set_now(LATER);
    let card = sb.ok(&[
        "edit",
        "1",
        "--grade",
        "B",
        "--need",
        "新需求",
        "--phone",
        "",
    ]);
    assert!(
        card.contains("B 持续培育") && card.contains("新需求"),
        "{card}"
    );
    assert!(!card.contains("13800001234"), "{card}");

    let c = sb.contact(1);
    let mut expected = full_contact_json(1);
    expected["grade"] = json!("B");
    expected["need"] = json!("新需求");
    expected["phone"] = Value::Null;
    expected["updated_at"] = json!(LATER);
    assert_eq!(without_history(c.clone()), expected);
    assert_eq!(
        history(&c)[1..],
        [json!({
            "at": LATER,
            "kind": "edited",
            "text": "phone: 13800001234 → —; need: 想改善睡眠 → 新需求; grade: A → B",
        })]
    );

    // Tags in and out (a tag the taxonomy lacks, added on purpose), and --format json
    // prints the updated contact.
    let edited = sb.json(&[
        "edit",
        "1",
        "--new-tag",
        "意向/高",
        "--untag",
        "意向/近期购买",
        "--name",
        "张真人",
        "--format",
        "json",
    ]);
    assert_eq!(edited["name"], "张真人");
    assert_eq!(edited["tags"], json!(["客户来源/朋友圈", "意向/高"]));
    assert_eq!(edited, without_history(sb.contact(1)));
    assert_eq!(
        last_entry(&sb, 1)["text"],
        "name: 张三丰 → 张真人; +tag 意向/高; -tag 意向/近期购买"
    );

    // Giving the values it already has changes nothing and records nothing.
    let snap = sb.snapshot();
    sb.set_now(LATER2);
    sb.ok(&["edit", "1", "--grade", "b", "--need", "新需求"]);
    assert_eq!(sb.snapshot(), snap);

    // An empty value clears the field, the grade included.
    sb.ok(&["edit", "1", "--grade", "", "--budget", ""]);
    let c = sb.contact(1);
    assert_eq!(c["grade"], Value::Null);
    assert_eq!(c["budget"], Value::Null);
    assert_eq!(c["need"], "新需求");
    assert_eq!(
        last_entry(&sb, 1),
        json!({ "at": LATER2, "kind": "edited", "text": "budget: 3000-5000 → —; grade: B → —" })
    );
}

#[test]
fn edit_with_nothing_to_change_fails() {
    let (sb, snap) = seeded();
    fails_keeping(&sb, &snap, &["edit", "1"], &["没有要改的内容", "--grade"]);
    fails_keeping(
        &sb,
        &snap,
        &["edit", "1", "--format", "json"],
        &["没有要改的内容"],
    );
}

#[test]
fn an_edit_on_the_timeline_names_its_fields_in_the_ui_language() {
    let sb = Sb::new();
    let id = sb.add(&["--name", "张三", "--grade", "A"]);
    let id = id.to_string();
    sb.ok(&[
        "edit",
        &id,
        "--phone",
        "13800001234",
        "--grade",
        "B",
        "--tag",
        "客户来源/朋友圈",
    ]);
    let card = sb.ok(&["show", &id]);
    let line = card
        .lines()
        .find(|l| l.contains("修改资料"))
        .unwrap_or_else(|| panic!("{card}"));
    assert!(
        line.contains("电话：— → 13800001234；等级：A → B；加标签 客户来源/朋友圈"),
        "{line}"
    );
    assert!(!line.contains("phone") && !line.contains("+tag"), "{line}");
    // The JSON keeps the entry's text as stored.
    let json = sb.ok(&["show", &id, "--format", "json"]);
    assert!(
        json.contains("phone: — → 13800001234; grade: A → B"),
        "{json}"
    );
}

#[test]
fn a_script_sent_is_named_on_the_timeline_by_its_title() {
    let sb = Sb::new();
    sb.ok(&["demo", "--contacts", "20"]);
    let sent: Vec<String> = (1..=20)
        .flat_map(|id| {
            sb.ok(&["show", &id.to_string()])
                .lines()
                .filter(|l| l.contains('«'))
                .map(String::from)
                .collect::<Vec<_>>()
        })
        .collect();
    assert!(sent.iter().any(|l| l.contains("«欢迎语»")), "{sent:#?}");
    for id in [
        "welcome",
        "scene-question",
        "case-share",
        "value-recap",
        "usage-guide",
    ] {
        assert!(!sent.iter().any(|l| l.contains(id)), "{id}: {sent:#?}");
    }
}
