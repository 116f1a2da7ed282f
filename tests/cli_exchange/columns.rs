//! What a column of another tool's file becomes, as the rep then finds it. Part of
//! `cli_exchange.rs`, whose helpers it uses.

use super::*;

/// WeCom's 客户备注 (the rep's own name for the customer) is the honorific, so the rep
/// finds the customer by it; 意向 A–D is the grade, and a word there stays in the note.
#[test]
fn wecom_remark_names_are_honorifics_the_rep_searches_by() {
    let sb = Sb::new();
    import_ok(&sb, &[p(&fixture("import/wecom_remarks.csv"))]);
    let found = sb.json(&["search", "许总", "--format", "json"]);
    let names: Vec<&str> = found
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["🌼阿云"], "{found}");
    let all = sb.all();
    assert_eq!(all[0]["honorific"], "许总");
    assert_eq!(all[0]["grade"], "A");
    assert_eq!(all[1]["notes"], "意向：有意向");
    assert_eq!(all[2]["grade"], "C");
}

/// A shop's order export as Taobao writes it (GBK, headers with trailing spaces, numbers
/// as ="…" and '…): the consignee is the name and the mobile column the phone, ahead of
/// the landline column (which was taken instead, and a row with a name and a mobile was
/// refused as having neither). Each row a contact; the rest in the note, named.
#[test]
fn a_shops_order_export_gives_consignees_with_their_mobiles() {
    let sb = Sb::new();
    let report = import_ok(&sb, &[p(&fixture("import/taobao_orders_gbk.csv"))]);
    assert!(report.contains("收货人姓名 → 姓名"), "{report}");
    assert!(report.contains("联系手机 → 手机号"), "{report}");
    let all = sb.all();
    let got: Vec<(&str, &str)> = all
        .iter()
        .map(|c| (c["name"].as_str().unwrap(), c["phone"].as_str().unwrap()))
        .collect();
    assert_eq!(got, [("王美丽", "13912345678"), ("赵大熊", "15800001111")]);
    let note = all[1]["notes"].as_str().unwrap();
    assert!(note.contains("01065529988"), "{note}");
    assert!(note.contains("宝贝标题：护眼台灯"), "{note}");
}

/// A phone cell as hand-kept sheets write it — a remark in brackets after the number, a
/// label before it — gives the number; the remark stays in the note with the cell as
/// written (both were refused as phones, the contact left without one).
#[test]
fn a_phone_with_a_remark_or_a_label_is_the_number() {
    let sb = Sb::new();
    let file = sb.write(
        "phones.csv",
        "姓名,手机号\n甲,13800138011（微信同号）\n乙,手机：13800138019\n丙,打不通\n",
    );
    let report = import_ok(&sb, &[p(&file)]);
    assert!(report.contains("手机号“打不通”无法识别"), "{report}");
    assert!(counts(&report).contains("1 条有警告"), "{report}");
    let all = sb.all();
    assert_eq!(all[0]["phone"], "13800138011");
    assert_eq!(all[0]["notes"], "手机号：13800138011（微信同号）");
    assert_eq!(all[1]["phone"], "13800138019");
    assert!(all[1]["notes"].is_null(), "{}", all[1]);
    assert!(all[2]["phone"].is_null());
}

/// A mainland mobile a digit short or long is kept as written and said (it was stored
/// without a word); eleven digits, a landline and a number with its country code are not.
#[test]
fn a_mobile_a_digit_off_is_said() {
    let sb = Sb::new();
    let file = sb.write(
        "mobiles.csv",
        "姓名,手机号\n甲,138 0013 800\n乙,138001380200\n丙,13800138000\n丁,0755-86001234\n",
    );
    let report = import_ok(&sb, &[p(&file)]);
    assert!(
        report.contains("手机号“1380013800”是 10 位：大陆手机号是 11 位"),
        "{report}"
    );
    assert!(report.contains("手机号“138001380200”是 12 位"), "{report}");
    assert!(counts(&report).contains("2 条有警告"), "{report}");
    assert_eq!(sb.all()[0]["phone"], "1380013800");
}
