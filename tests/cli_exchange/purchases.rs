//! Purchases of another tool's file: the amount as reps write it, a column mapped to
//! purchases, and a cell that does not read. Part of `cli_exchange.rs`, whose helpers it uses.

use super::*;

/// A purchase as (amount, product, time).
type Bought = (String, String, String);

/// Each contact's name and purchases, from the JSON export.
fn purchases(sb: &Sb) -> Vec<(String, Vec<Bought>)> {
    let all: Vec<Value> =
        serde_json::from_slice(&export(sb, "all.json", &["--all", "--format", "json"])).unwrap();
    all.iter()
        .map(|c| {
            let list = c["purchases"]
                .as_array()
                .unwrap()
                .iter()
                .map(|b| {
                    let s = |k: &str| b[k].as_str().unwrap_or("").to_string();
                    (s("amount"), s("product"), s("at"))
                })
                .collect();
            (c["name"].as_str().unwrap().to_string(), list)
        })
        .collect()
}

#[test]
fn amounts_in_yuan_however_written_become_purchases() {
    let sb = Sb::new();
    let out = import(&sb, &[p(&fixture("import/purchases.csv"))]);
    assert!(out.status.success(), "{}", stderr(&out));
    let report = stdout(&out);
    assert!(
        report.contains("购买记录“年卡两张”无法识别，原值已写入备注"),
        "{report}"
    );
    let got = purchases(&sb);
    let amount = |name: &str| -> Vec<&str> {
        got.iter()
            .find(|(n, _)| n == name)
            .unwrap()
            .1
            .iter()
            .map(|(a, _, _)| a.as_str())
            .collect()
    };
    assert_eq!(amount("钱多多"), ["999"]);
    assert_eq!(amount("孙有财"), ["1299"]);
    assert_eq!(amount("郑小满"), ["1999"]);
    assert_eq!(amount("冯大牛"), ["3999"]);
    assert_eq!(amount("陈一诺"), ["5000"]);
    assert_eq!(amount("褚青"), ["399", "2999"]);
    assert!(amount("卫东").is_empty());
    let wei = sb.all().into_iter().find(|c| c["name"] == "卫东").unwrap();
    assert_eq!(wei["notes"], "购买记录：年卡两张");
}

/// `--map 成交金额=purchases`: a bare amount is one purchase, made when the contact was
/// added (else at the import); one that does not read is said and kept in the note.
#[test]
fn a_column_of_amounts_mapped_to_purchases() {
    let sb = Sb::new();
    let file = fixture("import/deal_sheet.csv");
    let report = import_ok(&sb, &[p(&file), "--map", "成交金额=purchases"]);
    assert!(report.contains("成交金额 → 购买记录"), "{report}");
    assert!(report.contains("购买记录“面议”无法识别"), "{report}");
    let got = purchases(&sb);
    assert_eq!(got[0].0, "蒋文");
    assert_eq!(
        got[0].1,
        [(
            "5000".to_string(),
            String::new(),
            "2026-09-01T00:00:00+08:00".to_string()
        )]
    );
    assert_eq!(got[1].1[0].0, "3999");
    assert!(got[2].1.is_empty());
    // In the report's sales, not lost.
    let figures = sb.ok(&["report", "--format", "json", "--from", "2026-01-01"]);
    assert!(figures.contains("899900"), "{figures}");
}
