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
