//! A file's own tags: the ones the template's taxonomy lacks are added to the book's own,
//! and the report names them, never silently. Part of `cli_exchange.rs`.

use super::*;

const FILE: &str = "姓名,手机,标签\n王一,13811112222,客户来源/朋友圈 我的分组/老乡\n\
                    王二,13811113333,我的分组/老乡；兴趣/钓鱼\n";

#[test]
fn tags_the_taxonomy_lacks_are_named_in_the_report_and_join_the_book() {
    let sb = Sb::new();
    let file = sb.write("t.csv", FILE);
    let dry = import_ok(&sb, &[p(&file), "--dry-run"]);
    assert!(
        dry.contains(
            "文件里有 2 个标签不在模板的标签体系里，导入时会作为这本手册自己的标签加入：兴趣/钓鱼、我的分组/老乡"
        ),
        "{dry}"
    );
    assert!(!sb.db().exists(), "a dry run makes no book");
    let report = import_ok(&sb, &[p(&file)]);
    assert!(
        report.contains(
            "文件里有 2 个标签不在模板的标签体系里，已作为这本手册自己的标签加入：兴趣/钓鱼、我的分组/老乡"
        ),
        "{report}"
    );
    // Now the book's own: a filter finds them; the same file again names none.
    let listed = sb.json(&["list", "--tag", "我的分组/老乡", "--format", "json"]);
    assert_eq!(listed.as_array().map(Vec::len), Some(2), "{listed}");
    let again = import_ok(&sb, &[p(&file), "--on-duplicate", "merge"]);
    assert!(!again.contains("不在模板的标签体系里"), "{again}");
    // A template's tag is no news.
    let plain = sb.write("plain.csv", "姓名,标签\n李三,客户来源/朋友圈\n");
    let report = import_ok(&sb, &[p(&plain)]);
    assert!(!report.contains("标签体系"), "{report}");
}

#[test]
fn in_english_too() {
    let sb = Sb::new();
    english(&sb);
    let file = sb.write("t.csv", FILE);
    let report = import_ok(&sb, &[p(&file)]);
    assert!(
        report.contains(
            "2 tags of the file are not in the template's taxonomy; they were added as this book's own: 兴趣/钓鱼, 我的分组/老乡"
        ),
        "{report}"
    );
}

#[test]
fn a_list_filter_on_a_tag_nobody_could_have_is_refused_with_the_closest() {
    let sb = Sb::new();
    sb.add(&["--name", "王一", "--tag", "客户来源/朋友圈"]);
    let err = sb.fail(&["list", "--tag", "客户来源/朋友圏"]);
    assert!(
        err.contains("模板的标签体系和这本手册里都没有标签 '客户来源/朋友圏'")
            && err.contains("最接近的：客户来源/朋友圈"),
        "{err}"
    );
    // A tag of the taxonomy nobody has yet is a fair question: an empty list.
    let none = sb.json(&["list", "--tag", "客户来源/抖音", "--format", "json"]);
    assert_eq!(none, serde_json::json!([]));
    // The groups salesbook keeps itself are tags to filter by too.
    sb.ok(&["list", "--tag", "购买次数/1次"]);
    english(&sb);
    let err = sb.fail(&["list", "--tag", "客户来源/朋友圏"]);
    assert!(
        err.contains("neither the template's taxonomy nor this book has the tag '客户来源/朋友圏'"),
        "{err}"
    );
}
