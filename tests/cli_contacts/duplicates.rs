//! The same person added twice: a phone or WeChat ID another contact has is refused unless
//! the rep says it is someone else, the same name is pointed out, and a Chinese number is
//! kept in one spelling whatever way it was typed. Part of `cli_contacts.rs`.

use super::*;

fn count(sb: &Sb) -> usize {
    sb.all().len()
}

fn english(sb: &Sb) {
    let dir = sb.path("config/salesbook");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("config.toml"), "[ui]\nlang = \"en\"\n").unwrap();
}

#[test]
fn a_number_typed_with_its_country_code_is_kept_as_dialled_at_home_and_found_so() {
    let sb = Sb::new();
    let id = sb.add(&["--name", "张伟", "--phone", "+86 138 0000 1234"]);
    assert_eq!(sb.contact(id)["phone"], "13800001234");
    let found = sb.json(&["search", "13800001234", "--format", "json"]);
    let ids: Vec<i64> = found
        .as_array()
        .expect("a list")
        .iter()
        .map(|c| c["id"].as_i64().unwrap())
        .collect();
    assert_eq!(ids, [id]);
    // Pasted back with its country code, it is found all the same.
    for pasted in ["+86 138 0000 1234", "0086-138-0000-1234", "8613800001234"] {
        let found = sb.json(&["search", pasted, "--format", "json"]);
        assert_eq!(found.as_array().map(Vec::len), Some(1), "{pasted}: {found}");
    }
    // A landline with the country code gets its area code's 0 back; a number from
    // elsewhere keeps its own.
    let bj = sb.add(&["--name", "北京座机", "--phone", "0086 10 1234 5678"]);
    assert_eq!(sb.contact(bj)["phone"], "01012345678");
    let us = sb.add(&["--name", "Tom", "--phone", "+1 415 555 0100"]);
    assert_eq!(sb.contact(us)["phone"], "+14155550100");
}

#[test]
fn a_phone_another_contact_has_is_refused_however_it_is_written() {
    let sb = Sb::new();
    let first = sb.add(&["--name", "张伟", "--phone", "138-0000-1234"]);
    for typed in ["13800001234", "+86 138 0000 1234", "0086-138-0000-1234"] {
        let err = sb.fail(&["add", "--name", "张伟", "--phone", typed]);
        assert!(
            err.contains(&format!("已经是客户 {first}（张伟）的了")) && err.contains("--duplicate"),
            "{typed}: {err}"
        );
        assert!(err.contains("13800001234"), "the number is named: {err}");
    }
    assert_eq!(count(&sb), 1, "nothing was added");
    // Someone else on the same family phone: said on purpose, added.
    let other = sb.add(&[
        "--name",
        "张伟的太太",
        "--phone",
        "13800001234",
        "--duplicate",
    ]);
    assert_eq!(sb.contact(other)["phone"], "13800001234");
    assert_eq!(count(&sb), 2);
}

#[test]
fn a_wechat_id_is_compared_with_case_ignored_as_wechat_does() {
    let sb = Sb::new();
    sb.add(&["--name", "李娜", "--wechat", "LiNa_88"]);
    let err = sb.fail(&["add", "--name", "娜娜", "--wechat", "lina_88"]);
    assert!(
        err.contains("微信号 lina_88 已经是客户 1（李娜）的了"),
        "{err}"
    );
    assert_eq!(count(&sb), 1);
    // Another ID is another person.
    assert_eq!(sb.add(&["--name", "娜娜", "--wechat", "lina_89"]), 2);
}

#[test]
fn an_edit_may_not_take_another_contacts_number_but_may_rewrite_its_own() {
    let sb = Sb::new();
    sb.add(&["--name", "张伟", "--phone", "13800001234", "--wechat", "zw"]);
    let li = sb.add(&["--name", "李娜", "--phone", "13900001234"]);
    let err = sb.fail(&["edit", &li.to_string(), "--phone", "+8613800001234"]);
    assert!(err.contains("已经是客户 1（张伟）的了"), "{err}");
    let err = sb.fail(&["edit", &li.to_string(), "--wechat", "ZW"]);
    assert!(err.contains("微信号 ZW 已经是客户 1"), "{err}");
    assert_eq!(
        sb.contact(li)["phone"],
        "13900001234",
        "the edit was not saved"
    );
    assert_eq!(sb.contact(li)["wechat"], Value::Null);
    // Its own number in another spelling, its own ID in another case: no one else's.
    sb.ok(&[
        "edit",
        "1",
        "--phone",
        "+86 138 0000 1234",
        "--wechat",
        "ZW",
    ]);
    assert_eq!(sb.contact(1)["wechat"], "ZW");
    // Said on purpose, it goes through.
    sb.ok(&[
        "edit",
        &li.to_string(),
        "--phone",
        "13800001234",
        "--duplicate",
    ]);
    assert_eq!(sb.contact(li)["phone"], "13800001234");
    // A number already shared stays shared when something else is edited.
    sb.ok(&["edit", &li.to_string(), "--need", "想换车"]);
    // `--duplicate` alone changes nothing, and is told so.
    let err = sb.fail(&["edit", &li.to_string(), "--duplicate"]);
    assert!(err.contains("没有要改的内容"), "{err}");
}

#[test]
fn a_contact_merged_away_holds_no_number() {
    let sb = Sb::new();
    sb.add(&["--name", "张伟", "--phone", "13800001234"]);
    sb.add(&["--name", "张伟", "--phone", "13800001234", "--duplicate"]);
    sb.ok(&["merge", "1", "2"]);
    // Contact 1 still has it; contact 2, merged into 1, is not named.
    let err = sb.fail(&["add", "--name", "老张", "--phone", "13800001234"]);
    assert!(err.contains("客户 1（张伟）"), "{err}");
    assert!(!err.contains("客户 2"), "{err}");
}

#[test]
fn the_same_name_is_pointed_out_after_adding_and_the_contact_is_added() {
    let sb = Sb::new();
    sb.add(&["--name", "王芳", "--company", "星河"]);
    sb.add(&["--name", "王芳", "--company", "远山"]);
    let out = sb.run(&["add", "--name", "王芳", "--company", "星河"]);
    let said = expect_ok(&["add"], out.clone());
    assert_eq!(said, "3\n", "stdout stays just the id");
    let note = common::stderr(&out);
    assert!(
        note.contains("已有同名的客户：1；") && note.contains("salesbook merge 1 3"),
        "{note}"
    );
    // Without a company it may be either of them.
    let out = sb.run(&["add", "--name", "王芳"]);
    assert!(
        common::stderr(&out).contains("已有同名的客户：1, 2, 3；"),
        "{}",
        common::stderr(&out)
    );
    // A common name: the first five, and how many.
    for _ in 0..4 {
        sb.add(&["--name", "王芳", "--company", "远山"]);
    }
    let out = sb.run(&["add", "--name", "王芳"]);
    assert!(
        common::stderr(&out).contains("已有同名的客户：1, 2, 3, 4, 5 等 8 位；"),
        "{}",
        common::stderr(&out)
    );
    // Another name: nothing said.
    let out = sb.run(&["add", "--name", "王芳芳"]);
    assert_eq!(common::stderr(&out), "");
    assert_eq!(count(&sb), 10);
}

#[test]
fn english_says_it_in_english() {
    let sb = Sb::new();
    english(&sb);
    sb.add(&["--name", "Zhang Wei", "--phone", "13800001234"]);
    let err = sb.fail(&["add", "--name", "Wei", "--phone", "13800001234"]);
    assert!(
        err.contains("contact 1 (Zhang Wei) already has the phone number 13800001234")
            && err.contains("--duplicate"),
        "{err}"
    );
    let out = sb.run(&["add", "--name", "Zhang Wei"]);
    assert!(
        common::stderr(&out).contains("contacts with the same name already in the book: 1;"),
        "{}",
        common::stderr(&out)
    );
}

#[test]
fn a_book_holding_the_old_spelling_still_finds_the_number() {
    let sb = Sb::new();
    sb.add(&["--name", "张伟", "--phone", "13800001234"]);
    // Written by a version that kept the country code.
    let conn = rusqlite::Connection::open(sb.db()).unwrap();
    conn.execute(
        "UPDATE contacts SET phone = '+8613800001234' WHERE id = 1",
        [],
    )
    .unwrap();
    drop(conn);
    let err = sb.fail(&["add", "--name", "老张", "--phone", "138 0000 1234"]);
    assert!(err.contains("已经是客户 1（张伟）的了"), "{err}");
}

/// A tag added on purpose is the book's while someone has it; taken off everyone (a typo
/// put right), it is forgotten: not accepted again without `--new-tag`, not offered.
#[test]
fn a_tag_added_on_purpose_is_forgotten_once_nobody_has_it() {
    let sb = Sb::new();
    sb.add(&["--name", "甲", "--new-tag", "意向/近期够买"]);
    // While someone has it, it is one of the book's.
    let b = sb.add(&["--name", "乙", "--tag", "意向/近期够买"]);
    sb.ok(&["list", "--tag", "意向/近期够买"]);
    for id in ["1", &b.to_string()] {
        sb.ok(&["edit", id, "--untag", "意向/近期够买"]);
    }
    let err = sb.fail(&["add", "--name", "丙", "--tag", "意向/近期够买"]);
    assert!(
        err.contains("不在模板的标签体系里；最接近的：意向/近期购买") && err.contains("--new-tag"),
        "{err}"
    );
    let err = sb.fail(&["list", "--tag", "意向/近期够买"]);
    assert!(err.contains("筛不出任何客户"), "{err}");
    assert_eq!(count(&sb), 2, "nothing was added");
}

/// A WeChat ID typed full-width (a Chinese IME's `ｗｘ＿ｚｈａｎｇ`) is the half-width ID, at
/// add and at edit, so the same ID is caught as a duplicate; a phone with its country code
/// in brackets, as cards print it, reads as it would written plainly.
#[test]
fn full_width_wechat_ids_and_bracketed_country_codes_are_kept_in_one_spelling() {
    let sb = Sb::new();
    let id = sb.add(&["--name", "张伟", "--wechat", "ｗｘ＿ｚｈａｎｇ"]);
    assert_eq!(sb.contact(id)["wechat"], "wx_zhang");
    let err = sb.fail(&["add", "--name", "张伟", "--wechat", "wx_zhang"]);
    assert!(err.contains("--duplicate"), "{err}");
    let other = sb.add(&["--name", "李娜", "--phone", "（+86）137-0000-1111"]);
    assert_eq!(sb.contact(other)["phone"], "13700001111");
    sb.ok(&["edit", &other.to_string(), "--wechat", "ｌｉｎａ２０２０"]);
    assert_eq!(sb.contact(other)["wechat"], "lina2020");
    let third = sb.add(&["--name", "孙丽", "--phone", "(+86)13700002222"]);
    assert_eq!(sb.contact(third)["phone"], "13700002222");
    assert_eq!(count(&sb), 3);
}
