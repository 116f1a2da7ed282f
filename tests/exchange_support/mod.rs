//! What the import/export tests share: the taxonomy and book they import against,
//! a readable dump of imported records, and golden files.

#![allow(dead_code)]

use chrono::{DateTime, FixedOffset, Utc};
use salesbook::domain::lifecycle::Lifecycle;
use salesbook::domain::{Outcome, Stage, TagRef};
use salesbook::exchange::{ExportContact, ImportedContact, MemoryBook, TimelineEntry};
use std::path::{Path, PathBuf};

pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import")
}

pub fn cn() -> FixedOffset {
    FixedOffset::east_opt(8 * 3600).unwrap()
}

pub fn utc(s: &str) -> DateTime<Utc> {
    s.parse().unwrap()
}

pub fn tag(s: &str) -> TagRef {
    s.parse().unwrap()
}

/// The tag groups of the built-in default template (直播 is in two groups on purpose).
pub fn taxonomy() -> Vec<(String, Vec<String>)> {
    let g = |group: &str, tags: &[&str]| {
        (
            group.to_string(),
            tags.iter().map(|t| t.to_string()).collect(),
        )
    };
    vec![
        g(
            "客户来源",
            &[
                "朋友圈",
                "社群",
                "转介绍",
                "直播",
                "线下门店",
                "广告投放",
                "公众号",
            ],
        ),
        g(
            "客户分类",
            &["自用", "送礼", "家庭采购", "企业采购", "老客户"],
        ),
        g("意向", &["近期购买", "对比观望", "了解阶段", "暂无计划"]),
        g(
            "成交周期",
            &["一周内", "一个月内", "三个月内", "三个月以上"],
        ),
        g(
            "参与活动",
            &["直播", "社群答疑", "体验装", "老带新", "节日活动"],
        ),
    ]
}

/// A small book the duplicate fixtures are checked against.
pub fn sample_book() -> MemoryBook {
    let c = |name: &str| ImportedContact {
        name: name.into(),
        created_at: Some(utc("2026-10-01T02:00:00Z")),
        ..Default::default()
    };
    MemoryBook::new([
        (
            1,
            ImportedContact {
                phone: Some("13800001234".into()),
                company: Some("武当科技".into()),
                grade: Some(salesbook::domain::Grade::B),
                tags: vec![tag("客户来源/朋友圈")],
                ..c("张伟")
            },
        ),
        (
            2,
            ImportedContact {
                wechat: Some("lina_1990".into()),
                ..c("李娜")
            },
        ),
        (
            3,
            ImportedContact {
                phone: Some("13500000000".into()),
                company: Some("青城山茶社".into()),
                ..c("王芳")
            },
        ),
    ])
}

fn one_line(s: &str) -> String {
    s.replace('\r', "\\r").replace('\n', "↵")
}

/// Every field the record has, one per line, for golden files.
pub fn dump(c: &ImportedContact) -> String {
    let mut out = format!("  name: {}\n", one_line(&c.name));
    let mut put = |k: &str, v: Option<String>| {
        if let Some(v) = v {
            out.push_str(&format!("  {k}: {}\n", one_line(&v)));
        }
    };
    put("honorific", c.honorific.clone());
    put("phone", c.phone.clone());
    put("wechat", c.wechat.clone());
    put("email", c.email.clone());
    put("company", c.company.clone());
    put("source", c.source.clone());
    put("need", c.need.clone());
    put("budget", c.budget.clone());
    put("grade", c.grade.map(|g| g.to_string()));
    put("stage", c.stage.map(|s| s.to_string()));
    put("outcome", c.outcome.map(|o| o.to_string()));
    put("lost_reason", c.lost_reason.clone());
    put("tier", c.tier.clone());
    let tags: Vec<String> = c.tags.iter().map(|t| t.to_string()).collect();
    put("tags", (!tags.is_empty()).then(|| tags.join(" | ")));
    put("notes", c.notes.clone());
    put("birthday", c.birthday.map(|d| d.to_string()));
    put("anniversary", c.anniversary.map(|d| d.to_string()));
    put("owner", c.owner.clone());
    put("archived", c.archived.map(|a| a.to_string()));
    put("created_at", c.created_at.map(|t| t.to_rfc3339()));
    put(
        "purchases",
        (!c.purchases.is_empty()).then(|| format!("{:?}", c.purchases)),
    );
    for e in &c.timeline {
        put("timeline", Some(format!("{e:?}")));
    }
    put("known_before", c.known_before.then(|| "yes".to_string()));
    out
}

/// Compares `actual` with the golden file; `SALESBOOK_BLESS=1` writes it instead.
pub fn check_golden(path: &Path, actual: &str) {
    if std::env::var_os("SALESBOOK_BLESS").is_some() {
        std::fs::write(path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(path).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (run with SALESBOOK_BLESS=1 to write it)",
            path.display()
        )
    });
    if expected != actual {
        let first = expected
            .lines()
            .zip(actual.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(expected.lines().count().min(actual.lines().count()));
        panic!(
            "{} differs from line {}:\n--- expected\n{}\n--- actual\n{}",
            path.display(),
            first + 1,
            expected
                .lines()
                .skip(first)
                .take(5)
                .collect::<Vec<_>>()
                .join("\n"),
            actual
                .lines()
                .skip(first)
                .take(5)
                .collect::<Vec<_>>()
                .join("\n"),
        );
    }
}

/// A contact with every field set, for the export tests.
pub fn full_contact(id: i64, name: &str) -> ExportContact {
    ExportContact {
        id,
        name: name.into(),
        honorific: Some("张总".into()),
        phone: Some("13800001234".into()),
        wechat: Some("zhangwei88".into()),
        email: Some("zw@example.com".into()),
        company: Some("武当科技".into()),
        source: Some("朋友圈".into()),
        need: Some("想改善睡眠".into()),
        budget: Some("3000-5000".into()),
        grade: Some(salesbook::domain::Grade::A),
        stage: Stage::Aftercare,
        outcome: Outcome::Won,
        lost_reason: None,
        tier: Some("A".into()),
        lifecycle: Lifecycle::Growth,
        tags: vec![tag("客户来源/朋友圈"), tag("意向/近期购买")],
        notes: Some("晚上八点后方便\n周末不打扰".into()),
        birthday: chrono::NaiveDate::from_ymd_opt(1985, 6, 15),
        anniversary: chrono::NaiveDate::from_ymd_opt(2020, 5, 20),
        owner: Some("tester".into()),
        archived: false,
        created_at: utc("2026-11-03T06:05:00Z"),
        updated_at: utc("2026-11-20T01:00:00Z"),
        last_touch_at: Some(utc("2026-11-19T12:30:00Z")),
        purchases: vec![salesbook::exchange::PurchaseRecord {
            at: utc("2026-11-18T03:00:00Z"),
            amount_cents: Some(399900),
            product: Some("年卡".into()),
        }],
        timeline: full_timeline(),
        followups: full_followups(),
        appointments: vec![salesbook::exchange::model::AppointmentRecord {
            at: utc("2026-11-25T07:00:00Z"),
            kind: Some("visit".into()),
            remind: true,
            created_at: utc("2026-11-19T12:30:00Z"),
            note: Some("带上体检报告".into()),
        }],
    }
}

/// Follow-ups worked every way: a reply done, a step skipped with a reason, one replaced,
/// the purchase's reminder snoozed after its deadline, the appointment kept.
pub fn full_followups() -> Vec<salesbook::exchange::model::FollowupRecord> {
    use salesbook::domain::followup::Track;
    use salesbook::exchange::model::{FollowupRecord, FollowupState as S, StepRef};
    let f = |due: &str, state, track, step, closed: Option<&str>| FollowupRecord {
        due: utc(due),
        state,
        track,
        step,
        purchase: None,
        closed_at: closed.map(utc),
        script: None,
        action: "跟进一次".into(),
        note: None,
        overdue: None,
    };
    vec![
        FollowupRecord {
            script: Some("welcome".into()),
            action: "欢迎语".into(),
            ..f(
                "2026-11-03T06:15:00Z",
                S::Done,
                Track::FirstResponse,
                StepRef::Step(0),
                Some("2026-11-03T06:10:00Z"),
            )
        },
        FollowupRecord {
            note: Some("客户出差，下周再聊".into()),
            ..f(
                "2026-11-06T02:00:00Z",
                S::Skipped,
                Track::Cadence,
                StepRef::Step(1),
                Some("2026-11-06T03:00:00Z"),
            )
        },
        f(
            "2026-11-12T02:00:00Z",
            S::Superseded,
            Track::Cadence,
            StepRef::Step(2),
            Some("2026-11-18T03:00:00Z"),
        ),
        FollowupRecord {
            purchase: Some(0),
            // Snoozed when it was already late: the deadline it missed travels too.
            overdue: Some(utc("2026-12-20T01:00:00Z")),
            ..f(
                "2027-01-10T01:00:00Z",
                S::Snoozed,
                Track::Repurchase,
                StepRef::Step(0),
                None,
            )
        },
        f(
            "2026-11-25T07:00:00Z",
            S::Done,
            Track::Appointment,
            StepRef::Appointment(0),
            Some("2026-11-25T08:00:00Z"),
        ),
    ]
}

/// A timeline with every part an entry can have: channels, a stage change, a script, a win
/// with amount and product, texts.
pub fn full_timeline() -> Vec<TimelineEntry> {
    use salesbook::domain::{Channel, InteractionKind as K};
    let entry = |at: &str, kind| TimelineEntry::new(utc(at), kind);
    vec![
        entry("2026-11-03T06:05:00Z", K::Created),
        TimelineEntry {
            channel: Some(Channel::Wechat),
            script_id: Some("welcome".into()),
            text: Some("您好，我是小王".into()),
            ..entry("2026-11-03T06:10:00Z", K::ScriptSent)
        },
        TimelineEntry {
            channel: Some(Channel::Phone),
            text: Some("聊了十分钟，电话 13900001234".into()),
            ..entry("2026-11-05T02:00:00Z", K::Call)
        },
        TimelineEntry {
            from_stage: Some(Stage::Discover),
            to_stage: Some(Stage::Close),
            ..entry("2026-11-10T02:00:00Z", K::StageChange)
        },
        TimelineEntry {
            amount_cents: Some(399900),
            product: Some("年卡".into()),
            ..entry("2026-11-18T03:00:00Z", K::Won)
        },
        TimelineEntry {
            from_stage: Some(Stage::Close),
            to_stage: Some(Stage::Aftercare),
            ..entry("2026-11-18T03:00:00Z", K::StageChange)
        },
        TimelineEntry {
            text: Some("用得不错\n还想再买一张".into()),
            ..entry("2026-11-19T12:30:00Z", K::Inbound)
        },
    ]
}
