//! The import parser and the exports over 100,000 rows.
//!
//! `cargo bench --bench exchange`. Generates a 100,000-row spreadsheet export in memory
//! (12 columns in the words of a Chinese CRM, one row in seven with a line break inside a
//! quoted note, bare tags placed through the taxonomy, local times), in UTF-8 and in GBK,
//! and times, in process:
//!
//! 1. `exchange::read`: decode + CSV + header recognition + per-row validation: the parser;
//! 2. `exchange::import`: the same plus duplicates within the file and against a book of
//!    100,000 contacts held in a `MemoryBook`;
//! 3. `exchange::export_csv` of 100,000 full contacts, and `read` of that export back;
//!    the same with a six-entry timeline on every contact.
//!
//! Environment: `SALESBOOK_BENCH_N` (timed runs per case, 10), `SALESBOOK_BENCH_WARMUP`
//! (untimed runs first, 2), `SALESBOOK_BENCH_ROWS` (100000), `SALESBOOK_BENCH_CASES`
//! (comma-separated: read, read-gbk, plan, plan-book, export, reread, export-timeline,
//! reread-timeline; all by default).
//! Method and figures: BENCHMARKS.md.

mod harness;

use anyhow::{Result, ensure};
use chrono::{DateTime, FixedOffset, Utc};
use harness::{Table, Timing, env_usize, load_average, measure, mib, ms, source_revision};
use salesbook::domain::lifecycle::Lifecycle;
use salesbook::domain::{Channel, Grade, InteractionKind, Outcome, Stage};
use salesbook::exchange::{
    CsvExportOptions, DuplicatePolicy, ExportContact, ImportOptions, ImportedContact, MemoryBook,
    NoBook, PurchaseRecord, TimelineEntry, export_csv, import, read,
};
use salesbook::i18n::exchange::ZH;

fn offset() -> FixedOffset {
    FixedOffset::east_opt(8 * 3600).expect("valid offset")
}

fn taxonomy() -> Vec<(String, Vec<String>)> {
    let g = |group: &str, tags: &[&str]| {
        (
            group.to_string(),
            tags.iter().map(|t| t.to_string()).collect(),
        )
    };
    vec![
        g(
            "客户来源",
            &["朋友圈", "社群", "转介绍", "线下门店", "公众号"],
        ),
        g(
            "客户分类",
            &["自用", "送礼", "家庭采购", "企业采购", "老客户"],
        ),
        g("意向", &["近期购买", "对比观望", "了解阶段", "暂无计划"]),
    ]
}

const SURNAMES: [&str; 8] = ["张", "王", "李", "赵", "欧阳", "陈", "刘", "黄"];
const GIVEN: [&str; 8] = ["伟", "芳", "娜", "强浩", "静", "敏", "洋", "蓉"];
const TAGS: [&str; 5] = [
    "近期购买",
    "老客户",
    "意向/对比观望",
    "送礼,朋友圈",
    "企业采购 了解阶段",
];

/// A spreadsheet of `rows` contacts, as a Chinese CRM would export it.
fn spreadsheet(rows: usize) -> String {
    let mut s = String::with_capacity(rows * 160);
    s.push_str("姓名,手机,微信号,公司,来源,需求,预算,标签,阶段,等级,备注,添加时间\r\n");
    for i in 0..rows {
        let note = if i.is_multiple_of(7) {
            "\"上午打过电话，\r\n说下周再联系\""
        } else {
            "晚上方便"
        };
        s.push_str(&format!(
            "{}{}{},138 {:04} {:04},wx_{i},某某科技有限公司,朋友圈,想了解价格,3000-5000,{},抛产品,{},{note},2026/{}/{} {}:{:02}\r\n",
            SURNAMES[i % 8],
            GIVEN[(i / 8) % 8],
            i,
            i / 10_000,
            i % 10_000,
            if TAGS[i % 5].contains([',', ' ']) {
                format!("\"{}\"", TAGS[i % 5])
            } else {
                TAGS[i % 5].to_string()
            },
            ["A", "B", "C", "D"][i % 4],
            1 + i % 12,
            1 + i % 28,
            8 + i % 12,
            i % 60,
        ));
    }
    s
}

fn at(secs: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(1_760_000_000 + secs, 0).expect("in range")
}

fn contacts(rows: usize) -> Vec<ExportContact> {
    (0..rows)
        .map(|i| ExportContact {
            id: i as i64 + 1,
            name: format!("{}{}{i}", SURNAMES[i % 8], GIVEN[(i / 8) % 8]),
            honorific: Some("王姐".into()),
            phone: Some(format!("0755{:08}", i)),
            wechat: Some(format!("00{i}")),
            email: Some(format!("c{i}@example.com")),
            company: Some("=某某科技".into()),
            source: Some("朋友圈".into()),
            need: Some("想了解价格".into()),
            budget: Some("3000-5000".into()),
            grade: Some(Grade::ALL[i % 4]),
            stage: Stage::ALL[i % 5],
            outcome: Outcome::Open,
            lost_reason: None,
            tier: None,
            lifecycle: Lifecycle::Intro,
            tags: vec![
                "客户来源/朋友圈".parse().expect("tag"),
                "组/a;b".parse().expect("tag"),
            ],
            notes: Some("第一行\n第二行".into()),
            birthday: None,
            anniversary: None,
            owner: Some("bench".into()),
            archived: false,
            created_at: at(i as i64 * 60),
            updated_at: at(i as i64 * 60 + 30),
            last_touch_at: None,
            purchases: vec![PurchaseRecord {
                at: at(i as i64),
                amount_cents: Some(399_900),
                product: Some("年卡".into()),
            }],
            timeline: Vec::new(),
            followups: Vec::new(),
            appointments: Vec::new(),
        })
        .collect()
}

/// Six entries, as a contact a few weeks in has them: created, a welcome script, a call, a
/// stage change, the customer's message (two lines), a note.
fn timeline(i: usize) -> Vec<TimelineEntry> {
    let base = i as i64 * 60;
    let entry = |secs: i64, kind| TimelineEntry::new(at(base + secs), kind);
    vec![
        entry(0, InteractionKind::Created),
        TimelineEntry {
            channel: Some(Channel::Wechat),
            script_id: Some("welcome".into()),
            text: Some("您好，我是小王，有问题随时找我".into()),
            ..entry(600, InteractionKind::ScriptSent)
        },
        TimelineEntry {
            channel: Some(Channel::Phone),
            text: Some("聊了十分钟，想了解价格".into()),
            ..entry(86_400, InteractionKind::Call)
        },
        TimelineEntry {
            from_stage: Some(Stage::Discover),
            to_stage: Some(Stage::Pitch),
            ..entry(86_500, InteractionKind::StageChange)
        },
        TimelineEntry {
            text: Some("年卡多少钱？\n有优惠吗".into()),
            ..entry(172_800, InteractionKind::Inbound)
        },
        TimelineEntry {
            text: Some("下周三再联系".into()),
            ..entry(172_900, InteractionKind::Note)
        },
    ]
}

fn rate(rows: usize, t: &Timing) -> String {
    format!("{:.0}", rows as f64 / t.wall.p50.as_secs_f64())
}

/// Whether `SALESBOOK_BENCH_CASES` (comma-separated keys; all when unset) asks for `key`.
fn wanted(key: &str) -> bool {
    match std::env::var("SALESBOOK_BENCH_CASES") {
        Ok(list) if !list.trim().is_empty() => list.split(',').any(|k| k.trim() == key),
        _ => true,
    }
}

fn main() -> Result<()> {
    let rows = env_usize("SALESBOOK_BENCH_ROWS", 100_000)?;
    let n = env_usize("SALESBOOK_BENCH_N", 10)?;
    let warmup = env_usize("SALESBOOK_BENCH_WARMUP", 2)?;
    println!("## exchange — {rows} rows, {n} timed runs after {warmup} warm-up runs");
    println!();
    println!(
        "Source: {}. Load average before: {}.",
        source_revision(),
        load_average()
    );
    println!();

    let utf8 = spreadsheet(rows).into_bytes();
    let mut opts = ImportOptions::new(&ZH);
    opts.taxonomy = taxonomy();
    opts.zone = offset().into();
    let export_opts = CsvExportOptions {
        bom: true,
        zone: offset().into(),
        strings: &ZH,
    };

    let mut table = Table::new(&[
        "case",
        "input",
        "p50 ms",
        "p99 ms",
        "min ms",
        "CPU p50 ms",
        "rows/s (p50)",
    ]);
    let mut add = |case: &str, size: usize, t: Timing| {
        table.row(vec![
            case.into(),
            mib(size as u64),
            ms(t.wall.p50),
            ms(t.wall.p99),
            ms(t.wall.min),
            t.cpu.map_or("-".into(), |c| ms(c.p50)),
            rate(rows, &t),
        ]);
    };

    if wanted("read") {
        let (t, parsed) = measure(warmup, n, || Ok(read(&utf8, &opts)?))?;
        ensure!(parsed.records.len() == rows, "every row read");
        ensure!(
            parsed.issues.is_empty(),
            "a clean file: {:?}",
            parsed.issues.first()
        );
        add("`read` (parse + validate), UTF-8", utf8.len(), t);
    }
    if wanted("read-gbk") {
        let text = String::from_utf8(utf8.clone())?;
        let gbk = encoding_rs::GBK.encode(&text).0.into_owned();
        let (t, parsed) = measure(warmup, n, || Ok(read(&gbk, &opts)?))?;
        ensure!(parsed.records.len() == rows, "every row read");
        add("`read` (parse + validate), GBK", gbk.len(), t);
    }
    if wanted("plan") {
        let (t, plan) = measure(warmup, n, || {
            Ok(import(&utf8, &opts, DuplicatePolicy::Skip, &NoBook)?)
        })?;
        ensure!(plan.adds.len() == rows, "no duplicates in the file");
        add("`import` (read + plan), empty book", utf8.len(), t);
    }
    if wanted("plan-book") {
        let book = MemoryBook::new((0..rows).map(|i| {
            (
                i as i64 + 1,
                ImportedContact {
                    name: format!("老客户{i}"),
                    phone: Some(format!("139{i:08}")),
                    wechat: Some(format!("old_{i}")),
                    company: Some("某某科技有限公司".into()),
                    ..Default::default()
                },
            )
        }));
        let (t, plan) = measure(warmup, n, || {
            Ok(import(&utf8, &opts, DuplicatePolicy::Merge, &book)?)
        })?;
        ensure!(plan.adds.len() == rows, "nothing in the book matches");
        add("`import`, against a book of as many", utf8.len(), t);
    }
    if wanted("export") || wanted("reread") {
        let all = contacts(rows);
        let exported = export_csv(&all, &export_opts);
        if wanted("export") {
            let (t, out) = measure(warmup, n, || Ok(export_csv(&all, &export_opts)))?;
            ensure!(out == exported, "the export is deterministic");
            add("`export_csv`", out.len(), t);
        }
        if wanted("reread") {
            let (t, parsed) = measure(warmup, n, || Ok(read(&exported, &opts)?))?;
            ensure!(
                parsed.meta.own_export && parsed.records.len() == rows,
                "own export read back"
            );
            add("`read` of salesbook's own export", exported.len(), t);
        }
    }
    if wanted("export-timeline") || wanted("reread-timeline") {
        let mut all = contacts(rows);
        for (i, c) in all.iter_mut().enumerate() {
            c.timeline = timeline(i);
        }
        let exported = export_csv(&all, &export_opts);
        if wanted("export-timeline") {
            let (t, out) = measure(warmup, n, || Ok(export_csv(&all, &export_opts)))?;
            ensure!(out == exported, "the export is deterministic");
            add("`export_csv`, six-entry timelines", out.len(), t);
        }
        if wanted("reread-timeline") {
            let (t, parsed) = measure(warmup, n, || Ok(read(&exported, &opts)?))?;
            ensure!(
                parsed.meta.own_export && parsed.records.len() == rows,
                "own export read back"
            );
            ensure!(
                parsed.records[rows - 1].contact.timeline == all[rows - 1].timeline,
                "the timeline read back"
            );
            add("`read` of that export", exported.len(), t);
        }
    }

    println!("{}", table.render());
    println!("Load average after: {}.", load_average());
    Ok(())
}
