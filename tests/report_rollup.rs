//! The team roll-up over books given as values: two reps on one template, one tampered book
//! on it, one rep on another template, and one book that could not be read.

mod report_book;

use report_book::xml::parse_strict;
use report_book::{book, only, t};
use salesbook::config::Lang;
use salesbook::report::input::ChainBreak;
use salesbook::report::rollup::{MetricValue, Rollup};
use salesbook::report::{BookResult, Format, Mask, RenderOptions, combine, compute, render_rollup};

fn books() -> Vec<BookResult> {
    let zhang = book();
    let mut li = only(book(), &[1, 2, 3]);
    li.owner = "李四".into();
    let mut zhao = book();
    zhao.owner = "赵六".into();
    zhao.verify.broken = Some(ChainBreak {
        event: 9,
        at: Some(t("2026-11-12 10:00")),
        entity: "contact 5".into(),
        detail: "outcome differs from the log".into(),
        book_differs: false,
    });
    let mut wang = book();
    wang.owner = "王五".into();
    wang.template.id = "retail".into();
    wang.template.name = "零售模板".into();
    wang.template.version = 2;
    wang.template.first_response_minutes = 5;
    vec![
        ("zhangsan.sqlite".into(), Ok(compute(&zhang))),
        ("lisi.sqlite".into(), Ok(compute(&li))),
        ("zhaoliu.sqlite".into(), Ok(compute(&zhao))),
        ("wangwu.sqlite".into(), Ok(compute(&wang))),
        (
            "old.sqlite".into(),
            Err("not a salesbook book (file is not a database)".into()),
        ),
    ]
}

fn metric<'a>(r: &'a Rollup, group: usize, key: &str) -> &'a salesbook::report::rollup::MetricRow {
    r.groups[group]
        .metrics
        .iter()
        .find(|m| m.key == key)
        .unwrap()
}

fn count(v: &MetricValue) -> usize {
    match v {
        MetricValue::Count { count } => *count,
        other => panic!("not a count: {other:?}"),
    }
}

fn share(v: &MetricValue) -> (usize, usize) {
    match v {
        MetricValue::Share(s) => (s.num, s.den),
        other => panic!("not a share: {other:?}"),
    }
}

#[test]
fn templates_are_grouped_not_merged() {
    let r = combine(&books());
    assert_eq!(r.groups.len(), 2);
    let reps: Vec<_> = r.groups[0]
        .reps
        .iter()
        .map(|c| (c.owner.as_str(), c.tampered))
        .collect();
    assert_eq!(reps, vec![("张三", false), ("李四", false), ("赵六", true)]);
    assert_eq!(
        (
            r.groups[1].template_id.as_str(),
            r.groups[1].template_version
        ),
        ("retail", 2)
    );
    assert_eq!(r.groups[1].reps[0].owner, "王五");
    // The measuring rules that differ, with each template's value.
    let diffs: Vec<_> = r
        .template_differences
        .iter()
        .map(|d| {
            (
                d.field,
                d.values.iter().map(|(_, v)| v.as_str()).collect::<Vec<_>>(),
            )
        })
        .collect();
    assert_eq!(
        diffs,
        vec![
            ("version", vec!["1", "2"]),
            ("first_response_minutes", vec!["10", "5"])
        ]
    );
    assert_eq!(r.unreadable.len(), 1);
    assert_eq!(r.unreadable[0].label, "old.sqlite");
    assert_eq!(r.tampered.len(), 1);
    assert_eq!(
        (
            r.tampered[0].label.as_str(),
            r.tampered[0].chain_break.event
        ),
        ("zhaoliu.sqlite", 9)
    );
}

#[test]
fn team_totals_leave_the_tampered_book_out() {
    let r = combine(&books());
    // New contacts in the period: 张三 5, 李四 3 (1, 2, 3), 赵六 5 (tampered, not added).
    let m = metric(&r, 0, "new_contacts");
    assert_eq!(
        m.values.iter().map(count).collect::<Vec<_>>(),
        vec![5, 3, 5]
    );
    assert_eq!(count(&m.team), 8);
    assert_eq!(m.ranks, vec![Some(1), Some(2), None]);
    // Win rate: 张三 2/3, 李四 1/2 (1 won, 2 lost) → team 3/5.
    let m = metric(&r, 0, "win_rate");
    assert_eq!(share(&m.team), (3, 5));
    assert_eq!(m.ranks, vec![Some(1), Some(2), None]);
    // Sales: 6499 + 4499 (李四 has only 1's purchases).
    match &metric(&r, 0, "sales").team {
        MetricValue::Money { cents } => assert_eq!(*cents, 649_900 + 449_900),
        other => panic!("{other:?}"),
    }
    // First reply median: 张三 [3,5,8,30] → 5 min, 李四 [5,30] → 5 min: tied at rank 1.
    // Team: pooled [3,5,5,8,30,30] → rank 3 = 5 min.
    let m = metric(&r, 0, "first_reply_median");
    assert_eq!(m.ranks, vec![Some(1), Some(1), None]);
    match &m.team {
        MetricValue::Minutes(d) => assert_eq!((d.count, d.median_seconds), (6, Some(300))),
        other => panic!("{other:?}"),
    }
    // Fewer is better: missed follow-ups 张三 3, 李四 2 (2's cadence, 3's first reply).
    let m = metric(&r, 0, "missed");
    assert_eq!(
        m.values.iter().map(count).collect::<Vec<_>>(),
        vec![3, 2, 3]
    );
    assert_eq!(m.ranks, vec![Some(2), Some(1), None]);
    // Quiet share now: 张三 3/8, 李四 1/3 (2 lost) → team 4/11; 李四 ranks first.
    let m = metric(&r, 0, "quiet_share");
    assert_eq!(share(&m.team), (4, 11));
    assert_eq!(m.ranks, vec![Some(2), Some(1), None]);
    // The other template's group stands alone: with a 5-minute limit, 4's 8-minute reply
    // is a breach → 2/5.
    let m = metric(&r, 1, "within_limit");
    assert_eq!(share(&m.team), (2, 5));
    // Alone, it is ranked against nobody.
    assert_eq!(m.ranks, vec![None]);
}

#[test]
fn rendered_rollup_names_every_book() {
    let opts = RenderOptions {
        lang: Lang::Zh,
        mask: Mask::default(),
    };
    let md = render_rollup(&books(), Format::Markdown, opts);
    assert!(md.starts_with("# 团队报告"));
    // The period in the books' local time.
    assert!(
        md.contains("2026-11-10 00:00 至 2026-11-20 00:00（不含）"),
        "{md}"
    );
    assert!(
        md.contains("无法读取的账本：old.sqlite（not a salesbook book (file is not a database)）"),
        "{md}"
    );
    assert!(
        md.contains("记录链断开的账本：zhaoliu.sqlite（赵六，第 9 条事件"),
        "{md}"
    );
    assert!(md.contains("不计入团队合计与排名"));
    assert!(md.contains("这些账本使用不同的模板"));
    // The rules named in the reader's words, not by their TOML keys.
    assert!(md.contains("| 首次回复时限（分钟） | 10 | 5 |"), "{md}");
    assert!(md.contains("| 模板版本 | 1 | 2 |"), "{md}");
    assert!(!md.contains("first\\_response"), "{md}");
    let en = render_rollup(
        &books(),
        Format::Markdown,
        RenderOptions {
            lang: Lang::En,
            ..opts
        },
    );
    assert!(
        en.contains("| First reply within (minutes) | 10 | 5 |"),
        "{en}"
    );
    assert!(
        md.contains("## 模板 通用模板（default 第 1 版）")
            && md.contains("## 模板 零售模板（retail 第 2 版）")
    );
    // A column per rep, the team, the ranking.
    assert!(md.contains("| 指标 | 张三 (zhangsan.sqlite) | 李四 (lisi.sqlite) | 赵六 (zhaoliu.sqlite) ⚠ | 团队 | 排名 |"), "{md}");
    assert!(md.contains("| 成交率 | 66.7% (2/3) \\#1 | 50.0% (1/2) \\#2 | 66.7% (2/3) | 60.0% (3/5) | 1. 张三 2. 李四 |"), "{md}");

    let html = render_rollup(&books(), Format::Html, opts);
    parse_strict(&html);
    assert!(html.contains("old.sqlite") && html.contains("zhaoliu.sqlite"));

    let json: serde_json::Value =
        serde_json::from_str(&render_rollup(&books(), Format::Json, opts)).unwrap();
    assert_eq!(json["groups"].as_array().unwrap().len(), 2);
    assert_eq!(json["unreadable"][0]["label"], "old.sqlite");
    assert_eq!(json["tampered"][0]["chain_break"]["event"], 9);

    let csv = render_rollup(&books(), Format::Csv, opts);
    assert!(csv.contains("team,本期,成交率,团队,60.0% (3/5),"), "{csv}");
    assert!(
        csv.lines()
            .any(|l| l.starts_with("warning,") && l.contains("old.sqlite"))
    );
}

/// A rep with an empty book has missed nothing and has nothing stuck because there was
/// nothing to do: not ranked first on those counts, not ranked at all; ranked last on
/// what the others did.
#[test]
fn an_empty_book_is_not_the_best_at_having_no_problems() {
    let zhang = book();
    let mut empty = only(book(), &[]);
    empty.owner = "新人".into();
    let r = combine(&[
        ("zhangsan.sqlite".into(), Ok(compute(&zhang))),
        ("new.sqlite".into(), Ok(compute(&empty))),
        ("zhangsan2.sqlite".into(), Ok(compute(&zhang))),
    ]);
    for key in ["missed", "stuck"] {
        let m = metric(&r, 0, key);
        assert_eq!(count(&m.values[1]), 0, "{key}");
        assert_eq!(m.ranks[1], None, "{key}: the empty book is not ranked");
        assert_eq!(m.ranks[0], Some(1), "{key}");
        assert_eq!(m.ranks[2], Some(1), "{key}");
    }
    let m = metric(&r, 0, "new_contacts");
    assert_eq!(m.ranks, vec![Some(1), Some(3), Some(1)]);
    // With no one else ranked, nobody is.
    let r = combine(&[
        ("zhangsan.sqlite".into(), Ok(compute(&zhang))),
        ("new.sqlite".into(), Ok(compute(&empty))),
    ]);
    assert_eq!(metric(&r, 0, "missed").ranks, vec![None, None]);
    // Anything judged at all — on time, late, missed or skipped — is something that could
    // have been missed: a book with none missed of it ranks first, the empty one not at all.
    for (on_time, late, missed, skipped) in [(1, 0, 0, 0), (1, 1, 0, 0), (0, 0, 1, 0), (0, 0, 0, 1)]
    {
        let mut f = compute(&zhang);
        let t = &mut f.period.cadence.total;
        t.on_time.count = on_time;
        t.late.count = late;
        t.missed.count = missed;
        t.skipped.count = skipped;
        let r = combine(&[
            ("zhangsan.sqlite".into(), Ok(f)),
            ("new.sqlite".into(), Ok(compute(&empty))),
            ("zhangsan2.sqlite".into(), Ok(compute(&zhang))),
        ]);
        let ranks = &metric(&r, 0, "missed").ranks;
        assert!(
            ranks[0].is_some() && ranks[1].is_none() && ranks[2].is_some(),
            "{on_time} {late} {missed} {skipped}: {ranks:?}"
        );
    }
}

/// The roll-up's 新增客户 is every contact the period brought: a lead made D (无效) as it
/// came in is owed no first reply, so the first-reply figure leaves it out, but it is new
/// all the same (the roll-up ranked reps by the first-reply count).
#[test]
fn new_contacts_are_every_contact_the_period_brought() {
    let plain = compute(&book());
    let mut b = book();
    let lead = b.contacts.iter_mut().find(|c| c.id == 3).unwrap();
    lead.grade = Some(salesbook::domain::Grade::D);
    let at = lead.created_at;
    b.grade_changes.push(salesbook::report::input::GradeChange {
        contact: 3,
        at,
        from: None,
        to: Some(salesbook::domain::Grade::D),
    });
    let graded = compute(&b);
    assert_eq!(
        graded.period.first_response.new_contacts + 1,
        plain.period.first_response.new_contacts
    );
    let r = combine(&[
        ("plain.sqlite".into(), Ok(plain)),
        ("graded.sqlite".into(), Ok(graded)),
    ]);
    let m = metric(&r, 0, "new_contacts");
    assert_eq!(m.values.iter().map(count).collect::<Vec<_>>(), vec![5, 5]);
}
