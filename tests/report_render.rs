//! The report's formats over the hand-built book: HTML parsed as strict XML with its charts
//! counted, untrusted text escaped in every format, masking complete, both languages.

mod report_book;

use report_book::xml::parse_strict;
use report_book::{FORMULA_SOURCE, NAMES, PHONES, WECHATS, book, t};
use salesbook::config::Lang;
use salesbook::report::input::ChainBreak;
use salesbook::report::{Format, Mask, RenderOptions, compute, explain, render_report};

fn render(format: Format, lang: Lang, mask: Mask) -> String {
    render_report(&compute(&book()), format, RenderOptions { lang, mask })
}

const ALL_MASKED: Mask = Mask {
    contacts: true,
    names: true,
};

#[test]
fn html_is_well_formed_with_its_charts() {
    for lang in [Lang::Zh, Lang::En] {
        let html = render(Format::Html, lang, Mask::default());
        let bars = parse_strict(&html);
        // 5 stages; 10 days × 3 series; 3 sources in the period × 2 series (contacts, won).
        assert_eq!(bars.get("funnel"), Some(&5), "{lang:?}");
        assert_eq!(bars.get("activity"), Some(&30), "{lang:?}");
        assert_eq!(bars.get("sources"), Some(&6), "{lang:?}");
        // Self-contained: inline style, no scripts, nothing fetched.
        assert!(html.contains("<style>") && html.contains("--accent"));
        assert!(!html.contains("<script") && !html.contains("src=") && !html.contains("href="));
        assert!(!html.contains("http://example"));
    }
    let zh = render(Format::Html, Lang::Zh, Mask::default());
    assert!(zh.contains("lang=\"zh-CN\"") && zh.contains("销售报告 · 张三") && zh.contains("漏斗"));
    let en = render(Format::Html, Lang::En, Mask::default());
    assert!(
        en.contains("lang=\"en\"") && en.contains("Sales report · 张三") && en.contains("Funnel")
    );
    assert!(!en.contains("漏斗"));
}

#[test]
fn a_table_with_nothing_in_it_says_so_and_tables_scroll_on_a_phone() {
    let mut empty = book();
    empty.contacts.clear();
    empty.stage_moves.clear();
    empty.timeline.clear();
    empty.followups.clear();
    empty.purchases.clear();
    empty.grade_changes.clear();
    empty.outcome_changes.clear();
    let figures = compute(&empty);
    let opts = RenderOptions {
        lang: Lang::Zh,
        mask: Mask::default(),
    };
    let md = render_report(&figures, Format::Markdown, opts);
    let lines: Vec<&str> = md.lines().collect();
    let mut tables = 0;
    for (i, l) in lines.iter().enumerate() {
        if l.starts_with("| ---") {
            tables += 1;
            let next = lines.get(i + 1).copied().unwrap_or("");
            assert!(next.starts_with("| "), "a bare header at line {i}:\n{md}");
        }
    }
    assert!(md.contains("| — | — | — | — | — |"), "{md}");
    let html = render_report(&figures, Format::Html, opts);
    parse_strict(&html);
    assert!(!html.contains("<tbody>\n</tbody>"), "{html}");
    assert!(
        html.contains("<td class=\"none\" colspan=\"5\">—</td>"),
        "{html}"
    );
    // Each table in a box of its own that scrolls sideways, not the page.
    assert_eq!(
        html.matches("<div class=\"table\">\n<table>").count(),
        html.matches("<table>").count()
    );
    assert!(html.matches("<table>").count() >= tables.min(1));
    assert!(html.contains("div.table { overflow-x: auto;"));
}

#[test]
fn untrusted_text_is_escaped_in_every_format() {
    let html = render(Format::Html, Lang::Zh, Mask::default());
    assert!(html.contains("王芳&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(!html.contains('\u{7}'));
    let md = render(Format::Markdown, Lang::Zh, Mask::default());
    assert!(
        md.contains("王芳&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{md}"
    );
    assert!(!md.contains("<script>") && !md.contains('\u{7}'));
    // The formula source is defused in CSV; the cell keeps its text after the apostrophe.
    let csv = render(Format::Csv, Lang::Zh, Mask::default());
    let csv = csv.strip_prefix('\u{FEFF}').expect("a byte-order mark");
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let mut formula_rows = 0;
    for rec in reader.records() {
        let rec = rec.unwrap();
        assert_eq!(rec.len(), 8);
        for cell in rec.iter() {
            assert!(
                !cell.starts_with(['=', '+', '-', '@']),
                "formula cell {cell:?}"
            );
        }
        if rec[2] == format!("'{FORMULA_SOURCE}") {
            formula_rows += 1;
        }
    }
    // The formula source is a row of the all-time source table: five columns.
    assert_eq!(formula_rows, 5);
    // JSON carries the text as data.
    let json: serde_json::Value =
        serde_json::from_str(&render(Format::Json, Lang::Zh, Mask::default())).unwrap();
    assert_eq!(json["people"]["3"]["name"], "王芳<script>alert(1)</script>");
}

#[test]
fn csv_rows_carry_values_and_their_contacts() {
    let csv = render(Format::Csv, Lang::Zh, Mask::default());
    let csv = csv.strip_prefix('\u{FEFF}').expect("a byte-order mark");
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    assert_eq!(
        reader.headers().unwrap().iter().collect::<Vec<_>>(),
        vec![
            "section", "table", "row", "column", "value", "contacts", "number", "out_of"
        ]
    );
    let rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect();
    let find = |section: &str, table: &str, row: &str, column: &str| {
        rows.iter()
            .find(|r| r[0] == section && r[1] == table && r[2] == row && r[3] == column)
            .unwrap_or_else(|| panic!("no {section}/{table}/{row}/{column}"))
            .clone()
    };
    let entered = find("funnel", "本期", "挖需求", "进入");
    assert_eq!(
        (entered[4].as_str(), entered[5].as_str()),
        ("5", "1 2 3 4 5")
    );
    assert_eq!(entered[6], "5", "the count as a number");
    let median = find("first_response", "首次回复", "中位数（分钟）", "本期");
    assert_eq!((median[4].as_str(), median[6].as_str()), ("5.0", "5.0"));
    let empty = find("funnel", "本期", "理售后", "停留中位数（天）");
    assert_eq!((empty[4].as_str(), empty[6].as_str()), ("—", ""));
}

#[test]
fn json_is_the_figures() {
    let json: serde_json::Value =
        serde_json::from_str(&render(Format::Json, Lang::En, Mask::default())).unwrap();
    assert_eq!(json["book"]["owner"], "张三");
    assert_eq!(json["period"]["funnel"]["won"]["count"], 2);
    assert_eq!(
        json["period"]["funnel"]["won"]["contacts"],
        serde_json::json!([1, 6])
    );
    assert_eq!(
        json["period"]["first_response"]["reply_time"]["median_seconds"],
        300
    );
    assert_eq!(
        json["all_time"]["funnel"]["stages"][4]["time_in_stage"]["median_seconds"],
        serde_json::Value::Null
    );
    assert_eq!(
        json["period"]["cadence"]["total"]["on_time_share"]["num"],
        5
    );
    assert_eq!(json["activity"].as_array().unwrap().len(), 10);
    assert_eq!(json["book"]["verify"]["events"], 42);
}

#[test]
fn masking_hides_every_phone_wechat_id_and_name() {
    for format in [Format::Markdown, Format::Html, Format::Json, Format::Csv] {
        let out = render(format, Lang::Zh, ALL_MASKED);
        for p in PHONES {
            assert!(!out.contains(p), "{format:?} shows {p}");
        }
        for w in WECHATS {
            assert!(!out.to_lowercase().contains(w), "{format:?} shows {w}");
        }
        // The named contacts (2, 3, 4) by surname only.
        for name in [NAMES[1], "王芳", NAMES[3]] {
            assert!(!out.contains(name), "{format:?} shows {name}");
        }
        if format != Format::Json {
            assert!(out.contains("李某") && out.contains("王某"), "{format:?}");
        }
        // In the fields (2's phone and WeChat) and inside free text (4's phone in a skip
        // reason, 8's WeChat ID in a lost reason). Markdown escapes the stars.
        let out = out.replace("\\*", "*");
        assert!(
            out.contains("139****2222") && out.contains("li***24"),
            "{format:?}"
        );
        assert!(out.contains("电话136****4444"), "{format:?}");
        assert!(out.contains("zh***n8"), "{format:?}");
    }
    // Without `names`, names stay; phones still go.
    let md = render(
        Format::Markdown,
        Lang::Zh,
        Mask {
            contacts: true,
            names: false,
        },
    );
    assert!(md.contains("李娜") && !md.contains(PHONES[1]));
    // Unmasked, the lead sees the numbers to call.
    let md = render(Format::Markdown, Lang::Zh, Mask::default());
    assert!(md.contains(PHONES[1]) && md.contains("lina\\_2024"));
}

#[test]
fn the_head_states_the_log_check_and_a_break_leads() {
    let md = render(Format::Markdown, Lang::Zh, Mask::default());
    assert!(
        md.contains("通过：42 条事件，2026-06-01 09:00 至 2026-11-18 10:00"),
        "{md}"
    );
    assert!(md.contains("2026-11-10 00:00 至 2026-11-20 00:00（不含）"));
    assert!(!md.contains('⚠'));

    let mut b = book();
    b.verify.broken = Some(ChainBreak {
        event: 17,
        at: Some(t("2026-11-12 10:00")),
        entity: "contact 2".into(),
        detail: "stage differs from the log".into(),
        book_differs: false,
    });
    let f = compute(&b);
    let opts = RenderOptions {
        lang: Lang::En,
        mask: Mask::default(),
    };
    let md = render_report(&f, Format::Markdown, opts);
    // The warning comes right after the title, before any figure.
    let lines: Vec<&str> = md.lines().filter(|l| !l.is_empty()).collect();
    assert!(
        lines[1].starts_with("> **⚠ Warning: this book's activity log is broken at event 17"),
        "{md}"
    );
    assert!(md.contains("failed: event 17 (2026-11-12 10:00, contact 2) differs"));
    // Still a full report.
    assert!(md.contains("## Funnel") && md.contains("## Definitions"));
    let html = render_report(&f, Format::Html, opts);
    parse_strict(&html);
    let banner = html.find("class=\"banner\"").expect("banner");
    assert!(banner < html.find("<main>").unwrap());
    let csv = render_report(&f, Format::Csv, opts);
    assert!(csv.lines().nth(1).unwrap().starts_with("warning,"));
}

#[test]
fn explain_defines_every_figure_in_both_languages() {
    let zh = explain(Lang::Zh);
    let en = explain(Lang::En);
    for term in ["中位数与 P90", "跟进执行", "话术效果", "停滞", "首次回复"] {
        assert!(zh.contains(term), "{term}");
    }
    for term in [
        "Median and P90",
        "Follow-up compliance",
        "Scripts",
        "Stuck",
        "First response",
    ] {
        assert!(en.contains(term), "{term}");
    }
    assert!(en.contains("nearest rank") || en.contains("Nearest rank"));
    // The report's notes carry the same definitions.
    let md = render(Format::Markdown, Lang::En, Mask::default());
    assert!(md.contains("Nearest rank: with n values"));
}
