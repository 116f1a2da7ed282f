//! The report's own part of `report` and `rollup`: computing the figures from a book's
//! input values and rendering them, in process, on generated input of the goals' sizes.
//!
//! `cargo bench --bench report`. No book file is read: the store's loader (which fills the
//! input from SQLite) is measured with the commands; this measures what comes after it, so
//! the loader knows how much of the budget is left (`report --format json` on 100,000
//! contacts / 1,000,000 interactions ≤ 500 ms whole process; `rollup` of 20 books of 5,000
//! contacts ≤ 2 s). Method and figures: BENCHMARKS.md.
//!
//! Environment: `SALESBOOK_BENCH_REPORT_N` (timed runs per case, 20),
//! `SALESBOOK_BENCH_WARMUP` (untimed runs first, 3).

mod harness;

use anyhow::{Result, ensure};
use chrono::{DateTime, FixedOffset, TimeDelta, Utc};
use harness::{Stats, Table, ms};
use proptest::prelude::Rng as _;
use proptest::test_runner::{RngAlgorithm, TestRng};
use salesbook::config::Lang;
use salesbook::domain::followup::Track;
use salesbook::domain::{Grade, Outcome, Stage};
use salesbook::report::input::*;
use salesbook::report::{
    BookResult, Figures, Format, Mask, RenderOptions, compute, render_report, render_rollup,
};
use std::process::ExitCode;
use std::time::{Duration, Instant};

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("bench report: error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// A seeded ChaCha generator (proptest's, already a dev-dependency): the same seed gives
/// the same book on every run and machine.
struct Rng(TestRng);

impl Rng {
    fn seeded(seed: u64) -> Rng {
        let mut bytes = [0u8; 32];
        bytes[..8].copy_from_slice(&seed.to_le_bytes());
        Rng(TestRng::from_seed(RngAlgorithm::ChaCha, &bytes))
    }

    fn next(&mut self) -> u64 {
        self.0.next_u64()
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

const SOURCES: [&str; 8] = [
    "朋友圈",
    "抖音",
    "小红书",
    "转介绍",
    "门店",
    "公众号",
    "直播",
    "社群",
];
const REASONS: [&str; 6] = [
    "预算不够",
    "选了竞品",
    "暂时不需要",
    "联系不上",
    "家人反对",
    "价格太高",
];
const SCRIPTS: [&str; 12] = [
    "welcome",
    "ask_scene",
    "ask_budget",
    "case",
    "tutorial",
    "compare",
    "value",
    "trust",
    "privacy",
    "link",
    "benefit",
    "aftercare_day3",
];

fn template() -> TemplateInfo {
    TemplateInfo {
        id: "default".into(),
        name: "通用模板".into(),
        version: 1,
        first_response_minutes: 10,
        rot_after_days: [Some(7), Some(14), Some(10), Some(5), None],
        dormant_after_days: 30,
        churned_after_days: 90,
        script_window_days: 7,
        scripts: SCRIPTS
            .iter()
            .map(|id| ScriptInfo {
                id: id.to_string(),
                title: format!("话术 {id}"),
                stage: Stage::Discover,
            })
            .collect(),
    }
}

/// A book of `contacts` contacts and about `interactions` timeline entries, spread over
/// the year before `now`, with stage moves, follow-ups, purchases, grade and outcome
/// changes in proportions like the demo book's.
fn generate(contacts: usize, interactions: usize, seed: u64) -> BookInput {
    let mut rng = Rng::seeded(seed);
    let now: DateTime<Utc> = DateTime::parse_from_rfc3339(harness::NOW).unwrap().into();
    let offset = FixedOffset::east_opt(8 * 3600).unwrap();
    let per_contact = interactions / contacts.max(1);
    let mut b = BookInput {
        owner: format!("rep-{seed}"),
        template: template(),
        period: Window::between(now - TimeDelta::days(30), now),
        now,
        utc_offset: offset,
        verify: VerifyStatus {
            events: (contacts * 4) as u64,
            first_at: Some(now - TimeDelta::days(365)),
            last_at: Some(now),
            broken: None,
            records_checked: true,
        },
        records_referrals: true,
        contacts: Vec::with_capacity(contacts),
        stage_moves: Vec::with_capacity(contacts * 3),
        timeline: Vec::with_capacity(interactions),
        followups: Vec::with_capacity(contacts * 3),
        purchases: Vec::new(),
        grade_changes: Vec::with_capacity(contacts * 2),
        outcome_changes: Vec::new(),
    };
    let mut followup_id = 0;
    for i in 0..contacts {
        let id = i as i64 + 1;
        let created = now - TimeDelta::minutes(rng.below(365 * 24 * 60) as i64);
        let life = (now - created).num_minutes().max(1) as u64;
        let at = |rng: &mut Rng| created + TimeDelta::minutes(rng.below(life) as i64);
        // The timeline, oldest first.
        let mut times: Vec<DateTime<Utc>> = (0..per_contact).map(|_| at(&mut rng)).collect();
        times.sort_unstable();
        if let Some(first) = times.first_mut() {
            *first = created + TimeDelta::minutes(rng.below(40) as i64);
        }
        let (mut last_touch, mut last_inbound) = (None, None);
        for t in times {
            let roll = rng.below(100);
            let (kind, script) = match roll {
                0..50 => (EntryKind::Message, None),
                50..60 => (EntryKind::Call, None),
                60..63 => (EntryKind::Meeting, None),
                63..70 => (EntryKind::Note, None),
                70..85 => (EntryKind::ScriptSent, Some(rng.pick(&SCRIPTS).to_string())),
                85..90 => (EntryKind::FollowupDone, None),
                _ => (EntryKind::Inbound, None),
            };
            if kind.is_touch() {
                last_touch = Some(t);
            } else if kind == EntryKind::Inbound {
                last_inbound = Some(t);
            }
            b.timeline.push(TimelineEntry {
                contact: id,
                at: t,
                kind,
                script,
            });
        }
        // Stage moves: the creation, then forward steps.
        b.stage_moves.push(StageMove {
            contact: id,
            at: created,
            from: None,
            to: Stage::Discover,
        });
        let steps = rng.below(5) as usize;
        let mut stage = Stage::Discover;
        let mut t = created;
        for _ in 0..steps.min(4) {
            let next = stage.next().unwrap();
            t += TimeDelta::minutes(rng.below((life / 5).max(1)) as i64);
            b.stage_moves.push(StageMove {
                contact: id,
                at: t,
                from: Some(stage),
                to: next,
            });
            stage = next;
        }
        let outcome = if stage == Stage::Aftercare {
            b.outcome_changes.push(OutcomeChange {
                contact: id,
                at: t,
                change: OutcomeChangeKind::Won,
                reason: None,
            });
            for k in 0..=rng.below(3) {
                b.purchases.push(PurchaseRow {
                    contact: id,
                    at: t + TimeDelta::days(k as i64 * 60),
                    product: Some("年卡".into()),
                    amount_cents: 100 * (500 + rng.below(5000)) as i64,
                });
            }
            Outcome::Won
        } else if rng.chance(10) {
            b.outcome_changes.push(OutcomeChange {
                contact: id,
                at: at(&mut rng),
                change: OutcomeChangeKind::Lost,
                reason: Some(rng.pick(&REASONS).to_string()),
            });
            Outcome::Lost
        } else {
            Outcome::Open
        };
        let grade = [
            None,
            Some(Grade::A),
            Some(Grade::B),
            Some(Grade::C),
            Some(Grade::D),
        ][rng.below(5) as usize];
        if grade.is_some() {
            b.grade_changes.push(GradeChange {
                contact: id,
                at: created + TimeDelta::minutes(30),
                from: None,
                to: grade,
            });
        }
        for _ in 0..3 {
            followup_id += 1;
            let due = at(&mut rng);
            let status = match rng.below(100) {
                0..40 => FollowupStatus::Done,
                40..70 => FollowupStatus::Superseded,
                70..75 => FollowupStatus::Skipped,
                _ => FollowupStatus::Open,
            };
            b.followups.push(FollowupRow {
                id: followup_id,
                contact: id,
                track: *rng.pick(&Track::ALL),
                due,
                status,
                closed_at: (status != FollowupStatus::Open)
                    .then(|| due + TimeDelta::minutes(rng.below(3 * 24 * 60) as i64)),
                note: (status == FollowupStatus::Skipped).then(|| "客户在外地".to_string()),
            });
        }
        b.contacts.push(ContactRow {
            id,
            name: format!("客户{id}"),
            phone: Some(format!("138{:08}", id)),
            wechat: Some(format!("wx_{id}")),
            source: Some(rng.pick(&SOURCES).to_string()),
            grade,
            stage,
            outcome,
            lost_reason: None,
            created_at: created,
            archived: rng.chance(2),
            last_touch_at: last_touch,
            last_inbound_at: last_inbound,
            referred_by: (id > 10 && rng.chance(5)).then(|| rng.below(id as u64 - 1) as i64 + 1),
            arrived_at: None,
            prior_contact: rng.chance(10).then_some(created),
            quiet: None,
        });
    }
    b
}

/// CPU time of the whole process so far: the figures use a second thread, which the
/// harness's per-thread clock would not see.
fn process_cpu() -> Duration {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid, writable timespec for the call to fill in.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_PROCESS_CPUTIME_ID, &mut ts) };
    assert_eq!(rc, 0, "clock_gettime(CLOCK_PROCESS_CPUTIME_ID)");
    Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32)
}

/// Wall-clock and process CPU time of `n` runs of `f` after `warmup` untimed ones, and the
/// last run's output.
fn measure<T>(warmup: usize, n: usize, mut f: impl FnMut() -> T) -> (Stats, Stats, T) {
    for _ in 0..warmup {
        std::hint::black_box(f());
    }
    let (mut wall, mut cpu) = (Vec::new(), Vec::new());
    let mut last = None;
    for _ in 0..n.max(1) {
        let (c0, t0) = (process_cpu(), Instant::now());
        let out = std::hint::black_box(f());
        wall.push(t0.elapsed());
        cpu.push(process_cpu() - c0);
        last = Some(out);
    }
    (Stats::of(wall), Stats::of(cpu), last.expect("one run"))
}

/// An output's size: MiB from 1 MiB up, else KiB.
fn size(out: &str) -> String {
    if out.len() >= 1 << 20 {
        harness::mib(out.len() as u64)
    } else {
        format!("{:.1} KiB", out.len() as f64 / 1024.0)
    }
}

/// How many contact ids the JSON's drill-down lists (`contacts`) hold.
fn drill_down_ids(f: &Figures) -> Result<usize> {
    fn walk(v: &serde_json::Value) -> usize {
        match v {
            serde_json::Value::Object(m) => m
                .iter()
                .map(|(k, v)| match (k.as_str(), v) {
                    ("contacts", serde_json::Value::Array(a)) => a.len(),
                    _ => walk(v),
                })
                .sum(),
            serde_json::Value::Array(a) => a.iter().map(walk).sum(),
            _ => 0,
        }
    }
    Ok(walk(&serde_json::to_value(f)?))
}

fn run() -> Result<()> {
    let n = harness::env_usize("SALESBOOK_BENCH_REPORT_N", 20)?;
    let warmup = harness::env_usize("SALESBOOK_BENCH_WARMUP", 3)?;
    let opts = RenderOptions {
        lang: Lang::Zh,
        mask: Mask::default(),
    };
    println!("## Input\n");
    println!("- source: {}", harness::source_revision());
    println!("- load average at the start: {}", harness::load_average());

    let big = generate(100_000, 1_000_000, 2024);
    println!(
        "- one book: {} contacts, {} timeline entries, {} stage moves, {} follow-ups, {} purchases",
        big.contacts.len(),
        big.timeline.len(),
        big.stage_moves.len(),
        big.followups.len(),
        big.purchases.len()
    );
    let team: Vec<BookInput> = (0..20).map(|k| generate(5_000, 50_000, 100 + k)).collect();
    println!("- team: 20 books of 5,000 contacts and 50,000 timeline entries\n");

    let mut table = Table::new(&[
        "case",
        "runs",
        "wall p50 ms",
        "wall p99 ms",
        "process CPU p50 ms",
        "output",
    ]);
    let mut row = |label: &str, (wall, cpu, out): (Stats, Stats, String)| {
        table.row(vec![
            label.into(),
            wall.n.to_string(),
            ms(wall.p50),
            ms(wall.p99),
            ms(cpu.p50),
            out,
        ]);
    };

    let (wall, cpu, f) = measure(warmup, n, || compute(&big));
    ensure!(
        f.all_time.funnel.stages[0].entered.count == 100_000,
        "every contact enters 挖需求"
    );
    let won = format!("{} won all time", f.all_time.funnel.won.count);
    println!("- drill-down ids in the JSON: {}\n", drill_down_ids(&f)?);
    row("figures, 100k / 1M", (wall, cpu, won));
    let masked = Mask {
        contacts: true,
        names: true,
    };
    for (label, format, mask) in [
        ("JSON", Format::Json, Mask::default()),
        ("JSON, masked", Format::Json, masked),
        ("HTML", Format::Html, Mask::default()),
        ("Markdown", Format::Markdown, Mask::default()),
        ("CSV", Format::Csv, Mask::default()),
    ] {
        let (wall, cpu, out) = measure(warmup, n, || {
            render_report(&f, format, RenderOptions { mask, ..opts })
        });
        row(
            &format!("render {label}, 100k / 1M"),
            (wall, cpu, size(&out)),
        );
    }
    let (wall, cpu, out) = measure(warmup, n, || {
        let f: Figures = compute(&big);
        render_report(&f, Format::Json, opts)
    });
    row("figures + JSON, 100k / 1M", (wall, cpu, size(&out)));

    for format in [Format::Html, Format::Json] {
        let (wall, cpu, out) = measure(warmup, n, || {
            let books: Vec<BookResult> = team
                .iter()
                .enumerate()
                .map(|(k, b)| (format!("rep{k}.sqlite"), Ok(compute(b))))
                .collect();
            render_rollup(&books, format, opts)
        });
        row(
            &format!("rollup: 20 × (figures) + {format:?}, 20 × 5k"),
            (wall, cpu, size(&out)),
        );
    }
    println!("## In process\n\n{}", table.render());
    Ok(())
}
