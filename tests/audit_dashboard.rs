//! The audit's dashboard on the hand-built report book: every number it shows is the number
//! `report --format json` gives for the same book and period, the log check heads it, and
//! a figure opens the very contacts the report lists behind it, whose cards open read-only.

mod common;
mod report_book;
mod tui_kit;

use common::Sb;
use ratatui::crossterm::event::KeyCode;
use report_book::live::{self, Live};
use salesbook::config::Lang;
use salesbook::i18n::report::report_strings;
use salesbook::i18n::stage_name;
use salesbook::report::input::Window;
use salesbook::service::ReadBook;
use salesbook::tui::App;
use salesbook::tui::views::dashboard::{DashboardView, rows};
use salesbook::tui::views::drill::DrillView;
use serde_json::Value;

const NOW: &str = "2026-11-23T09:00:00+08:00";
const PERIOD: [&str; 4] = ["--from", "2026-11-10", "--to", "2026-11-19"];

fn cli(sb: &Sb, live: &Live, args: &[&str]) -> String {
    let out = sb.run_env(
        args,
        &[
            ("SALESBOOK_DB", live.path.to_str().unwrap()),
            ("SALESBOOK_NOW", NOW),
        ],
    );
    common::expect_ok(args, out)
}

/// The figures list of a dashboard frame: the right-hand panel's lines, borders cut.
fn list_panel(frame: &str) -> Vec<String> {
    frame
        .lines()
        .filter_map(|l| {
            let at = ["││", "╯│", "╮│"].iter().filter_map(|p| l.find(p)).min()?;
            Some(&l[at + "│".len() * 2..])
        })
        .map(|r| r.trim_end().trim_end_matches('│').trim_end().to_string())
        .collect()
}

/// The value the list shows for `label` (label, spaces, value, then `›` or spaces).
fn value_of(list: &[String], label: &str) -> String {
    let hits: Vec<String> = list
        .iter()
        .filter_map(|l| l.strip_prefix(label))
        // "抖音 · 成交用时…" is another row than "抖音".
        .filter(|rest| rest.starts_with(' ') && !rest.trim_start().starts_with('·'))
        .map(|rest| {
            let v = rest.trim_start();
            let end = v.find('›').or_else(|| v.find("  ")).unwrap_or(v.len());
            v[..end].trim_end().to_string()
        })
        .collect();
    assert_eq!(
        hits.len(),
        1,
        "{label:?} shown {} times:\n{list:#?}",
        hits.len()
    );
    hits[0].clone()
}

fn n(v: &Value) -> String {
    v["count"].as_u64().unwrap().to_string()
}

/// A share as the report writes it: "62.5% (5/8)", or "— (0/0)".
fn share(v: &Value) -> String {
    let rate = match v["rate"].as_f64() {
        Some(r) => format!("{:.1}%", r * 100.0),
        None => "—".to_string(),
    };
    format!("{rate} ({}/{})", v["num"], v["den"])
}

fn minutes(v: &Value) -> String {
    v.as_i64()
        .map_or("—".to_string(), |s| format!("{:.1}", s as f64 / 60.0))
}

#[test]
fn every_number_on_the_dashboard_is_the_reports() {
    let sb = Sb::new();
    std::fs::create_dir_all(sb.root().join("books")).unwrap();
    let live = live::build(&sb.root().join("books"));
    let mut args = vec!["render", "dashboard", "--size", "160x220"];
    args.extend(PERIOD);
    let frame = cli(&sb, &live, &args);
    let mut json_args = vec!["report", "--format", "json"];
    json_args.extend(PERIOD);
    let report: Value = serde_json::from_str(&cli(&sb, &live, &json_args)).unwrap();
    let s = report_strings(Lang::Zh);
    let list = list_panel(&frame);
    let p = &report["period"];

    // The head: the book, the period, and what verify found.
    assert!(frame.contains("只读"), "{frame}");
    assert!(frame.contains("张三"), "{frame}");
    assert!(
        frame.contains("2026-11-10 00:00 至 2026-11-20 00:00"),
        "{frame}"
    );
    let events = report["book"]["verify"]["events"].as_u64().unwrap();
    assert!(events > 0);
    assert!(frame.contains(&format!("通过：{events} 条事件")), "{frame}");

    let funnel = p["funnel"]["stages"].as_array().unwrap();
    assert_eq!(funnel.len(), 5);
    for st in funnel {
        let stage: salesbook::domain::Stage = serde_json::from_value(st["stage"].clone()).unwrap();
        let name = stage_name(Lang::Zh, stage);
        for (label, key) in [
            (s.entered, "entered"),
            (s.left, "left"),
            (s.lost_here, "lost_here"),
        ] {
            assert_eq!(
                value_of(&list, &format!("{name} · {label}")),
                n(&st[key]),
                "{name} {key}"
            );
        }
    }
    assert_eq!(value_of(&list, s.won), n(&p["funnel"]["won"]));
    let cents = p["after_sale"]["sales_cents"].as_i64().unwrap();
    assert_eq!(
        value_of(&list, s.sales),
        format!("¥{}", cents / 100),
        "the amount, as the report has it"
    );
    assert_eq!(value_of(&list, s.lost), n(&p["funnel"]["lost"]));
    assert_eq!(value_of(&list, s.win_rate), share(&p["funnel"]["win_rate"]));
    // The book's period has a win and a loss at least (the check is not of zeros).
    assert_ne!(n(&p["funnel"]["won"]), "0");
    assert_ne!(n(&p["funnel"]["lost"]), "0");

    let fr = &p["first_response"];
    assert_eq!(
        value_of(&list, s.owed_reply),
        fr["new_contacts"].to_string()
    );
    assert_eq!(
        value_of(&list, s.median_minutes),
        minutes(&fr["reply_time"]["median_seconds"])
    );
    assert_eq!(value_of(&list, s.within_limit), share(&fr["within_limit"]));
    assert_eq!(value_of(&list, s.breaches), n(&fr["breaches"]));
    assert_eq!(value_of(&list, s.pending), n(&fr["pending"]));

    let total = &p["cadence"]["total"];
    assert_eq!(
        value_of(&list, &format!("{} · {}", s.total, s.on_time_share)),
        share(&total["on_time_share"])
    );
    assert_eq!(
        value_of(&list, &format!("{} · {}", s.total, s.missed)),
        n(&total["missed"])
    );

    // Every column of the report's cadence table, per section and in all.
    for t in p["cadence"]["sections"]
        .as_array()
        .unwrap()
        .iter()
        .chain([total])
    {
        use salesbook::domain::followup::Track;
        let track = Track::ALL.into_iter().find(|tr| t["track"] == tr.key());
        let name = track.map_or(s.total, |tr| {
            salesbook::i18n::report::track_name(Lang::Zh, tr)
        });
        for (label, key) in [
            (s.skipped, "skipped"),
            (s.replaced, "replaced"),
            (s.pending, "pending"),
        ] {
            assert_eq!(
                value_of(&list, &format!("{name} · {label}")),
                n(&t[key]),
                "{name} {key}"
            );
        }
    }
    for r in total["skip_reasons"].as_array().unwrap() {
        let why = r["reason"].as_str().unwrap_or(s.no_reason);
        assert_eq!(
            value_of(&list, &format!("{} · {why}", s.skip_reasons)),
            n(&r["count"])
        );
    }

    let q = &p["quality"];
    assert_eq!(value_of(&list, s.first_graded), n(&q["first_graded"]));
    assert_ne!(n(&q["first_graded"]), "0");
    assert_eq!(value_of(&list, s.upgrades), n(&q["upgrades"]));
    assert_eq!(value_of(&list, s.downgrades), n(&q["downgrades"]));
    assert_eq!(value_of(&list, s.dropped), n(&q["dropped"]));

    for g in p["by_source"].as_array().unwrap() {
        let key = g["key"].as_str().unwrap_or(s.no_source);
        assert_eq!(value_of(&list, key), n(&g["contacts"]), "source {key}");
        let days = g["time_to_win"]["median_seconds"]
            .as_i64()
            .map_or("—".to_string(), |s| format!("{:.1}", s as f64 / 86_400.0));
        let short = salesbook::i18n::audit::audit_text(Lang::Zh).days_to_win;
        assert_eq!(value_of(&list, &format!("{key} · {short}")), days, "{key}");
    }
    assert!(!p["by_source"].as_array().unwrap().is_empty());

    let a = &p["after_sale"];
    assert_eq!(value_of(&list, s.customers), n(&a["customers"]));
    assert_eq!(value_of(&list, s.repeat_buyers), n(&a["repeat_buyers"]));
    assert_eq!(
        value_of(&list, s.repurchase_rate),
        share(&a["repurchase_rate"])
    );

    for sc in p["scripts"].as_array().unwrap() {
        let title = sc["title"].as_str().or(sc["script"].as_str()).unwrap();
        assert_eq!(
            value_of(&list, &format!("{title} · {}", s.sends)),
            sc["sends"].to_string(),
            "script {title}"
        );
    }

    let now = &report["now"];
    assert_eq!(value_of(&list, s.dormant), n(&now["dormant"]));
    assert_eq!(value_of(&list, s.churned), n(&now["churned"]));
    assert_eq!(value_of(&list, s.contacts_now), now["contacts"].to_string());
    assert_eq!(value_of(&list, s.quiet_share), share(&now["quiet_share"]));
    let referrals = match &a["referrals"] {
        Value::Null => "—".to_string(),
        c => n(c),
    };
    assert_eq!(value_of(&list, s.referrals), referrals);

    let touches: u64 = report["activity"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["touches"].as_u64().unwrap())
        .sum();
    assert_eq!(
        value_of(&list, &format!("{} · {}", s.sec_activity, s.touches)),
        touches.to_string()
    );
    assert!(touches > 0);
}

#[test]
fn the_english_dashboard_speaks_english_and_says_read_only() {
    let sb = Sb::new();
    std::fs::create_dir_all(sb.root().join("books")).unwrap();
    let live = live::build(&sb.root().join("books"));
    sb.write("config/salesbook/config.toml", "[ui]\nlang = \"en\"\n");
    let mut args = vec!["render", "dashboard", "--size", "120x40"];
    args.extend(PERIOD);
    let frame = cli(&sb, &live, &args);
    assert!(frame.contains("read-only"), "{frame}");
    assert!(
        frame.contains("Funnel") || frame.contains("funnel"),
        "{frame}"
    );
    assert!(
        !frame.contains("只读") && !frame.contains("漏斗"),
        "{frame}"
    );
    // English punctuation too.
    assert!(frame.contains(" Log check: "), "{frame}");
    assert!(!frame.contains('：'), "{frame}");
}

/// A lead with no name set and no login name: the status line names nobody, not the
/// stand-in "me".
#[test]
fn a_lead_without_a_name_is_not_called_me() {
    let sb = Sb::new();
    std::fs::create_dir_all(sb.root().join("books")).unwrap();
    let live = live::build(&sb.root().join("books"));
    let out = sb
        .command()
        .env_remove("USER")
        .env("SALESBOOK_DB", &live.path)
        .env("SALESBOOK_NOW", NOW)
        .args(["render", "dashboard", "--size", "120x40"])
        .output()
        .unwrap();
    let frame = common::expect_ok(&["render", "dashboard"], out);
    let status = frame.lines().last().unwrap();
    assert!(status.contains("只读"), "{frame}");
    assert!(!status.contains("· me"), "{status}");
}

/// The row labelled `label` selected with ↓ from the top, as a team lead would.
fn select(app: &mut App, label: &str) {
    for _ in 0..200 {
        let d = app.view::<DashboardView>().unwrap();
        let f = d.figures.as_deref().expect("figures loaded");
        if rows::rows(f, d.all_time, Lang::Zh)[d.selected].label == label {
            return;
        }
        tui_kit::run(app, 120, 40, tui_kit::keys(&[KeyCode::Down]));
    }
    panic!("no row {label}");
}

#[test]
fn a_figure_opens_its_contacts_and_a_contact_its_card_read_only() {
    let dir = tempfile::TempDir::new().unwrap();
    let live = live::build(dir.path());
    let book = ReadBook::open(&live.path, live::session("2026-11-23 09:00")).unwrap();
    let period = Window::local_days(
        chrono::NaiveDate::from_ymd_opt(2026, 11, 10).unwrap(),
        chrono::NaiveDate::from_ymd_opt(2026, 11, 19).unwrap(),
        report_book::offset(),
    )
    .unwrap();
    // The report's own figures of the same book and period.
    let figures = salesbook::report::compute(&book.report_input(period, Lang::Zh).unwrap());
    let won = figures.period.funnel.won.contacts.clone();
    assert_eq!(won.len(), 2);
    let before = common::dir_state(dir.path());

    let mut app = App::headless_audit(book, Lang::Zh, period.into());
    let screen = tui_kit::run(&mut app, 120, 40, Default::default());
    assert!(tui_kit::contains(&screen, "只读"), "{screen:#?}");
    let s = report_strings(Lang::Zh);
    select(&mut app, s.won);
    let screen = tui_kit::run(&mut app, 120, 40, tui_kit::keys(&[KeyCode::Enter]));
    let drill = app.view::<DrillView>().expect("the drill-down");
    assert_eq!(drill.ids, won);
    for name in ["张伟", "赵磊"] {
        assert!(tui_kit::contains(&screen, name), "{screen:#?}");
    }
    // A write key on the list, then on the card: refused in words, nothing changes.
    let screen = tui_kit::run(&mut app, 120, 40, tui_kit::keys(&[KeyCode::Char('w')]));
    assert!(
        tui_kit::contains(&screen, "只读：审阅模式不能修改"),
        "{screen:#?}"
    );
    let screen = tui_kit::run(&mut app, 120, 40, tui_kit::keys(&[KeyCode::Enter]));
    assert!(tui_kit::contains(&screen, "跟进记录"), "{screen:#?}");
    // Nothing on the card offers to copy (this template has no scripts; see
    // `an_audited_card_offers_its_scripts_to_read_not_to_copy` for one that has).
    assert!(!tui_kit::contains(&screen, "复制并记录"), "{screen:#?}");
    // The status line offers no key the audit refuses (a rep's card offers `l`, `y`).
    let status = screen.last().unwrap();
    assert!(
        status.contains("只读") && status.contains("q 退出"),
        "{status}"
    );
    for refused in ["记录跟进", "复制", "完成", "推迟"] {
        assert!(!status.contains(refused), "{refused}: {status}");
    }
    // Merging and setting a date with the customer included: no form opens.
    for key in ['w', 'l', '>', 'u', 'y', 'X', 'F', 'M'] {
        let screen = tui_kit::run(&mut app, 120, 40, tui_kit::keys(&[KeyCode::Char(key)]));
        assert!(
            tui_kit::contains(&screen, "只读：审阅模式不能修改"),
            "{key}: {screen:#?}"
        );
        assert_eq!(app.scope(), salesbook::tui::registry::Scope::Card, "{key}");
    }
    // Back to the list, back to the dashboard; all time's figures on Tab.
    tui_kit::run(
        &mut app,
        120,
        40,
        tui_kit::keys(&[KeyCode::Esc, KeyCode::Esc]),
    );
    assert_eq!(app.scope(), salesbook::tui::registry::Scope::Dashboard);
    let screen = tui_kit::run(&mut app, 120, 40, Default::default());
    assert!(
        screen[0].contains(s.period),
        "the period heads it: {}",
        screen[0]
    );
    let screen = tui_kit::run(&mut app, 120, 40, tui_kit::keys(&[KeyCode::Tab]));
    assert!(tui_kit::contains(&screen, s.scope_all), "{screen:#?}");
    // The head says what the figures are of now: all time, not the period.
    assert!(screen[0].contains(s.scope_all), "{}", screen[0]);
    assert!(!screen[0].contains(s.period), "{}", screen[0]);
    select(&mut app, s.won);
    tui_kit::run(&mut app, 120, 40, tui_kit::keys(&[KeyCode::Enter]));
    let drill = app.view::<DrillView>().expect("the drill-down");
    assert_eq!(drill.ids, figures.all_time.funnel.won.contacts);
    // The audit's help lists the keys that work there, none it would refuse.
    let help = tui_kit::run(&mut app, 120, 40, tui_kit::keys(&[KeyCode::Char('?')]));
    assert!(tui_kit::contains(&help, "查看这个数字的客户"), "{help:#?}");
    for refused in ["撤销上一步", "记录跟进", "复制并记录", "新客户"] {
        assert!(!tui_kit::contains(&help, refused), "{refused}: {help:#?}");
    }
    app.close();
    assert_eq!(common::dir_state(dir.path()), before);
}

/// Rows that differ only in a grade name it first: a narrow list cuts a label's end, and
/// five rows reading "Grades of new leads ·…" told the lead nothing.
#[test]
fn rows_of_one_figure_by_grade_differ_in_their_first_words() {
    let dir = tempfile::TempDir::new().unwrap();
    let live = live::build(dir.path());
    let book = ReadBook::open(&live.path, live::session("2026-11-23 09:00")).unwrap();
    let figures = salesbook::report::compute(&book.report_input(Window::ALL, Lang::En).unwrap());
    let s = report_strings(Lang::En);
    let labels: Vec<String> = rows::rows(&figures, true, Lang::En)
        .iter()
        .map(|r| r.label.to_string())
        .filter(|l| l.contains(s.grade_mix))
        .collect();
    assert!(labels.len() >= 2, "{labels:?}");
    let heads: std::collections::BTreeSet<String> =
        labels.iter().map(|l| l.chars().take(6).collect()).collect();
    assert_eq!(heads.len(), labels.len(), "{labels:?}");
}

/// An audited card shows the scripts to read under their own heading; nothing on it offers
/// to copy and log one (that would write).
#[test]
fn an_audited_card_offers_its_scripts_to_read_not_to_copy() {
    let dir = tempfile::TempDir::new().unwrap();
    drop(tui_kit::demo(&dir));
    let session = salesbook::service::Session::with_default_template(
        salesbook::clock::Clock::parse(tui_kit::NOW).unwrap(),
        "主管",
    );
    let book = ReadBook::open(&dir.path().join("book.sqlite"), session).unwrap();
    let period = Window::local_days(
        chrono::NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
        chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
        report_book::offset(),
    )
    .unwrap();
    let mut app = App::headless_audit(book, Lang::Zh, period.into());
    // Today, then the first item's card.
    let screen = tui_kit::run(
        &mut app,
        120,
        40,
        tui_kit::keys(&[KeyCode::Char('1'), KeyCode::Enter]),
    );
    assert_eq!(
        app.scope(),
        salesbook::tui::registry::Scope::Card,
        "{screen:#?}"
    );
    assert!(tui_kit::contains(&screen, "话术全文"), "{screen:#?}");
    assert!(!tui_kit::contains(&screen, "复制并记录"), "{screen:#?}");
    app.close();
}
