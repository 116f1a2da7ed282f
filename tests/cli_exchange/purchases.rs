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

/// Another tool's buyers are the book's won customers, as `won` writes one: in 理售后,
/// each purchase a win on the timeline (the step into 理售后 with the first), counted
/// won in the lead's report. A row without a purchase stays a lead.
#[test]
fn buyers_from_another_tool_are_won_customers() {
    let sb = Sb::new();
    let said = import_ok(&sb, &[p(&fixture("import/purchases.csv"))]);
    // Only 卫东 is a lead whose rhythm waits for a grade; the buyers have the after-sale one.
    assert!(said.contains("其中 1 位已有往来但没有等级"), "{said}");
    let all: Vec<Value> =
        serde_json::from_slice(&export(&sb, "all.json", &["--all", "--format", "json"])).unwrap();
    let of = |name: &str| all.iter().find(|c| c["name"] == name).unwrap();
    for buyer in ["钱多多", "褚青", "陈一诺"] {
        assert_eq!(of(buyer)["stage"], "aftercare", "{buyer}");
        assert_eq!(of(buyer)["outcome"], "won", "{buyer}");
    }
    assert_eq!(of("卫东")["stage"], "discover");
    assert_eq!(of("卫东")["outcome"], "open");
    let kinds: Vec<(String, String, String)> = of("褚青")["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let s = |k: &str| e[k].as_str().unwrap_or("").to_string();
            (s("at"), s("kind"), s("amount"))
        })
        .collect();
    let day = |d: &str| format!("2026-{d}T00:00:00+08:00");
    assert_eq!(
        kinds[..4],
        [
            (day("10-12"), "created".into(), String::new()),
            (day("11-03"), "stage_change".into(), String::new()),
            (day("11-03"), "won".into(), "399".into()),
            (day("11-20"), "won".into(), "2999".into()),
        ]
    );
    let report: Value = serde_json::from_str(&sb.ok(&["report", "--format", "json"])).unwrap();
    let won = &report["all_time"]["funnel"]["won"];
    assert_eq!(won["count"], 6, "{won}");
    let after = &report["all_time"]["after_sale"];
    assert_eq!(after["repeat_buyers"]["count"], 1, "{after}");
}

/// A purchase dated after now is recorded at the import and said; nothing paid (`￥0`) is
/// no purchase: kept in the note with a warning, and the row stays a lead.
#[test]
fn purchases_in_the_future_or_of_nothing_are_said() {
    let sb = Sb::new();
    let file = sb.write(
        "buyers.csv",
        "姓名,手机号,购买记录\n欧阳,13700000001,2027/1/1 ￥100 年卡\n白露,13700000002,￥0 体验课\n",
    );
    let report = import_ok(&sb, &[p(&file)]);
    assert!(
        report.contains("购买记录“2027-01-01 00:00:00”晚于现在，按导入的时间记"),
        "{report}"
    );
    assert!(report.contains("购买记录“￥0 体验课”无法识别"), "{report}");
    let got = purchases(&sb);
    assert_eq!(got[0].1.len(), 1);
    // At the import: the clock the tests run at.
    assert_eq!(got[0].1[0].2, "2026-11-23T09:30:00+08:00", "{got:?}");
    assert!(got[1].1.is_empty(), "{got:?}");
    let all = sb.all();
    assert_eq!(all[1]["notes"], "购买记录：￥0 体验课");
    assert_eq!(all[1]["outcome"], "open");
}

/// A CRM's `Closed Won` is a win the lead's report counts (the book said 已成交 and the
/// report 0 won): dated when the contact was, the file giving no other time.
#[test]
fn a_crm_closed_won_counts_as_won() {
    let sb = Sb::new();
    let file = sb.write(
        "crm.csv",
        "Name,Phone,Stage,Created Date\nAmy Li,13900000002,Closed Won,2026-11-02\nBo Wu,13900000003,Negotiation,2026-11-02\n",
    );
    import_ok(&sb, &[p(&file)]);
    let amy = &sb.all()[0];
    assert_eq!(amy["outcome"], "won");
    assert!(
        sb.kinds(1).contains(&"won".to_string()),
        "{:?}",
        sb.kinds(1)
    );
    let report: Value = serde_json::from_str(&sb.ok(&["report", "--format", "json"])).unwrap();
    assert_eq!(
        report["all_time"]["funnel"]["won"]["contacts"],
        serde_json::json!([1])
    );
}

/// A row merged into a contact of the book does not bring its purchases (a merge fills
/// empty fields and adds tags): the report says so rather than "merged" alone.
#[test]
fn purchases_of_a_merged_row_are_said_not_merged() {
    let sb = Sb::new();
    let id = sb.add(&["--name", "张三", "--phone", "13800000003"]);
    let file = sb.write(
        "again.csv",
        "姓名,手机,购买记录\n张三,13800000003,\"2026/11/3 ￥999 年卡\n2026/11/9 ￥199\"\n",
    );
    let said = import_ok(&sb, &[p(&file), "--on-duplicate", "merge"]);
    assert!(
        said.contains("这一行的购买记录（2 笔）没有合并进去"),
        "{said}"
    );
    assert!(counts(&said).contains("1 条有警告"), "{said}");
    let got = purchases(&sb);
    assert!(got[0].1.is_empty(), "{got:?}");
    assert_eq!(sb.contact(id)["outcome"], "open");
}

/// One buyer on two rows of an order list, merged: both orders are the contact's
/// purchases, and the report does not say otherwise (it told the rep to record the second
/// with `won`, which would have counted it twice).
#[test]
fn a_buyers_orders_on_several_rows_merge_into_one_contacts_purchases() {
    let sb = Sb::new();
    let file = sb.write(
        "orders.csv",
        "姓名,手机号,购买记录\n王美丽,13912345678,2026/11/1 ￥399 台灯\n王美丽,13912345678,2026/11/5 ￥128 灯管\n",
    );
    let said = import_ok(&sb, &[p(&file), "--on-duplicate", "merge"]);
    assert!(!said.contains("没有合并进去"), "{said}");
    assert!(said.contains("新增 1，合并 1"), "{said}");
    let got = purchases(&sb);
    let amounts: Vec<&str> = got[0].1.iter().map(|(a, _, _)| a.as_str()).collect();
    assert_eq!(amounts, ["399", "128"], "{got:?}");
}
