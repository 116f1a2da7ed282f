//! A row whose phone is one contact's and whose WeChat ID another's, merged: the import
//! said what it would do (merge by the phone) and does it, though the ID it fills in is
//! another contact's — a check meant for a rep typing a number by hand does not undo the
//! import's own decision. Part of `cli_exchange.rs`.

use super::*;

#[test]
fn a_row_matching_two_contacts_merges_as_its_report_says() {
    let sb = Sb::new();
    sb.add(&["--name", "李娜", "--wechat", "lina_1990"]);
    sb.add(&["--name", "赵敏", "--phone", "13700001111"]);
    let file = sb.write("m.csv", "姓名,手机,微信号\n张无忌,13700001111,lina_1990\n");
    let report = import_ok(&sb, &[p(&file), "--on-duplicate", "merge"]);
    assert!(
        report.contains("手机号与手册里已有的客户（#2）相同，微信号却与手册里已有的客户（#1）相同"),
        "{report}"
    );
    assert_eq!(
        counts(&report),
        "合计：读到 1 条，新增 0，合并 1，跳过 0，拒绝 0；1 条有警告",
        "{report}"
    );
    assert_eq!(sb.contact(2)["wechat"], "lina_1990");
    assert_eq!(sb.contact(1)["wechat"], "lina_1990");
}
