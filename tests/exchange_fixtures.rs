//! The import corpus: every file under tests/fixtures/import/ is read with the options of
//! its case below, and its report (rendered in Chinese, line numbers and all) and the
//! records it yields are compared with the `.report` file next to it.
//!
//! `SALESBOOK_BLESS=1 cargo test --test exchange_fixtures` rewrites the `.report` files;
//! read the diff before committing it.

mod exchange_support;

use exchange_support::{check_golden, dump, fixtures, sample_book, tag, taxonomy, utc};
use salesbook::exchange::contacted::{Arrival, Contacted};
use salesbook::exchange::{
    BookLookup, ColumnMapping, DuplicatePolicy, ImportOptions, NoBook, TextEncoding, import,
    render_report,
};
use salesbook::i18n::exchange::{EN, ExchangeStrings, ZH};

struct Case {
    file: &'static str,
    variant: &'static str,
    policy: DuplicatePolicy,
    maps: &'static [&'static str],
    encoding: Option<&'static str>,
    source: Option<&'static str>,
    tags: &'static [&'static str],
    against_book: bool,
    lang: &'static ExchangeStrings,
}

const BASE: Case = Case {
    file: "",
    variant: "",
    policy: DuplicatePolicy::Skip,
    maps: &[],
    encoding: None,
    source: None,
    tags: &[],
    against_book: false,
    lang: &ZH,
};

fn cases() -> Vec<Case> {
    let c = |file| Case { file, ..BASE };
    vec![
        c("clean.csv"),
        c("excel_utf8_bom.csv"),
        c("wecom_customers_gbk.csv"),
        Case {
            variant: "mapped",
            maps: &["性别=ignore", "状态=ignore", "客户名称=ignore"],
            ..c("wecom_customers_gbk.csv")
        },
        Case {
            variant: "as_utf8",
            encoding: Some("utf-8"),
            ..c("mixed_encoding.csv")
        },
        // Detected: mostly UTF-8, so the line that is not is named.
        c("mixed_encoding.csv"),
        c("gb18030.csv"),
        c("excel_unicode_text.txt"),
        c("quoted_newlines.csv"),
        c("crm_en_semicolon.csv"),
        c("crm_hubspot.csv"),
        c("crm_salesforce.csv"),
        c("address_book.csv"),
        Case {
            variant: "source_and_tag",
            source: Some("手机通讯录"),
            tags: &["客户分类/自用"],
            ..c("address_book.csv")
        },
        c("missing_names.csv"),
        c("bad_values.csv"),
        c("phones.csv"),
        c("dates.csv"),
        Case {
            variant: "en",
            lang: &EN,
            ..c("bad_values.csv")
        },
        Case {
            variant: "skip",
            against_book: true,
            ..c("duplicates.csv")
        },
        Case {
            variant: "merge",
            policy: DuplicatePolicy::Merge,
            against_book: true,
            ..c("duplicates.csv")
        },
        Case {
            variant: "new",
            policy: DuplicatePolicy::New,
            against_book: true,
            ..c("duplicates.csv")
        },
        c("unterminated_quote.csv"),
        c("google_contacts.csv"),
        c("google_contacts_legacy.csv"),
        c("outlook_contacts_gbk.csv"),
        c("outlook_contacts_zh_gbk.csv"),
        c("google_contacts.vcf"),
        c("iphone_v3.vcf"),
        c("android_v21_qp.vcf"),
        c("v4.vcf"),
        c("hand_kept_gbk.csv"),
        c("names_only.csv"),
        c("purchases.csv"),
        c("vcard_octet_folds.vcf"),
        c("damaged_bytes.csv"),
        c("outlook_zh_company_gbk.csv"),
        c("outlook_defaults.csv"),
        c("numbered_list.csv"),
        c("full_width_ids.csv"),
        c("mac_cr_only.csv"),
        c("wecom_remarks.csv"),
        c("iphone_impp.vcf"),
        c("taobao_orders_gbk.csv"),
        Case {
            variant: "mapped",
            maps: &["成交金额=purchases"],
            ..c("deal_sheet.csv")
        },
    ]
}

fn run(case: &Case) -> String {
    let bytes = std::fs::read(fixtures().join(case.file)).unwrap();
    let mut opts = ImportOptions::new(case.lang);
    opts.file_name = Some(case.file.to_string());
    opts.taxonomy = taxonomy();
    opts.mappings = case
        .maps
        .iter()
        .map(|m| ColumnMapping::parse(m).unwrap())
        .collect();
    opts.encoding = case.encoding.map(|e| TextEncoding::parse(e).unwrap());
    opts.source = case.source.map(String::from);
    opts.tags = case.tags.iter().map(|t| tag(t)).collect();
    // As the command line decides it, at the test clock.
    opts.arrival = Some(Arrival {
        contacted: Contacted::Auto,
        now: utc("2026-11-23T09:30:00+08:00"),
    });
    let book = sample_book();
    let lookup: &dyn BookLookup = if case.against_book { &book } else { &NoBook };
    let plan = import(&bytes, &opts, case.policy, lookup).unwrap();
    let mut out = render_report(&plan.report, case.lang, false);
    out.push_str("\n=== adds\n");
    for a in &plan.adds {
        out.push_str(&format!("line {}\n{}", a.line, dump(&a.contact)));
    }
    if !plan.updates.is_empty() {
        out.push_str("=== updates\n");
        for u in &plan.updates {
            out.push_str(&format!(
                "#{} from lines {:?}\n{}",
                u.id,
                u.lines,
                dump(&u.after)
            ));
        }
    }
    out
}

#[test]
fn every_fixture_gives_its_expected_report() {
    let mut seen = Vec::new();
    for case in cases() {
        let name = if case.variant.is_empty() {
            format!("{}.report", case.file)
        } else {
            format!("{}.{}.report", case.file, case.variant)
        };
        check_golden(&fixtures().join(&name), &run(&case));
        seen.push(name);
    }
    // No fixture without a case, no report without a case.
    for entry in std::fs::read_dir(fixtures()).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        if name.ends_with(".report") {
            assert!(seen.contains(&name), "{name} has no case");
        } else {
            assert!(
                seen.iter().any(|s| s.starts_with(&format!("{name}."))),
                "{name} has no case"
            );
        }
    }
}
