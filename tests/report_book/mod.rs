//! A small hand-built book whose every figure is worked out by hand in `report_figures.rs`.
//!
//! Times are local (+08:00). The period is [2026-11-10 00:00, 2026-11-20 00:00), "now" is
//! 2026-11-23 09:00. The template allows 10 minutes for a first reply, rots 挖需求 after 7
//! days, 抛产品 after 10, 提成交 after 5; dormant after 30 days, churned after 90; a script
//! "moves" a contact if it advances within 3 days.
//!
//! | id | name | source | grade now | created | story |
//! |----|------|--------|-----------|---------|-------|
//! | 1 | 张伟 | 朋友圈 | A | 11-10 09:00 | replied in 5 min, graded B then A, case script, to 提成交, won 11-13, bought twice |
//! | 2 | 李娜 | 朋友圈 | B | 11-10 10:00 | replied in 30 min, graded C then B, to 抛产品, case script, lost 11-15 (预算不够) |
//! | 3 | 王芳 (with markup in the name) | 抖音 | — | 11-12 09:00 | never touched (a note only): stuck in 挖需求 |
//! | 4 | 刘洋 | — | — | 11-14 09:00 | welcome script in 8 min, one inbound reply, then nothing; follow-up skipped |
//! | 5 | 陈静 | 抖音 | A | 11-15 09:00 | call in 3 min, case script, 挖需求 → 抛产品 → 解问题 → 提成交; referred by 1 |
//! | 6 | 赵磊 | 朋友圈 | B | 09-01 09:00 | replied in 20 min, 67 days in 抛产品, case script, won 11-12; downgraded A → B |
//! | 7 | 孙丽 | a formula | C | 06-01 09:00 | one message, then silence: churned |
//! | 8 | 周敏 | 朋友圈 | D | 10-01 09:00 | replied in 30 min, lost 10-02 to a competitor, archived |
//! | 9 | 马超 | 抖音 | B | 09-15 09:00 | replied in 4 min, an old promo script, to 抛产品, last inbound 10-10: dormant; referred by 6 |

#![allow(dead_code)]

pub mod live;
pub mod xml;

use chrono::{DateTime, FixedOffset, NaiveDateTime, TimeZone, Utc};
use salesbook::domain::followup::Track;
use salesbook::domain::{ContactId, Grade, Outcome, Stage};
use salesbook::report::input::*;

pub fn offset() -> FixedOffset {
    FixedOffset::east_opt(8 * 3600).unwrap()
}

/// "2026-11-10 09:00" in the book's local time.
pub fn t(s: &str) -> DateTime<Utc> {
    let naive = NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap();
    offset()
        .from_local_datetime(&naive)
        .unwrap()
        .with_timezone(&Utc)
}

pub const PHONES: [&str; 9] = [
    "13800001111",
    "13900002222",
    "13700003333",
    "13600004444",
    "13500005555",
    "13400006666",
    "13300007777",
    "13200008888",
    "13100009999",
];

pub const WECHATS: [&str; 8] = [
    "zhangwei88",
    "lina_2024",
    "liuyang_w",
    "chenjing5",
    "zhaolei66",
    "sunli77",
    "zhoumin8",
    "machao_99",
];

pub const NAMES: [&str; 9] = [
    "张伟",
    "李娜",
    "王芳<script>alert(1)</script>\u{7}",
    "刘洋",
    "陈静",
    "赵磊",
    "孙丽",
    "周敏",
    "马超",
];

pub const FORMULA_SOURCE: &str = "=cmd|' /C calc'!A0";

pub fn template() -> TemplateInfo {
    TemplateInfo {
        id: "default".into(),
        name: "通用模板".into(),
        version: 1,
        first_response_minutes: 10,
        rot_after_days: [Some(7), Some(10), None, Some(5), None],
        dormant_after_days: 30,
        churned_after_days: 90,
        script_window_days: 3,
        scripts: vec![
            ScriptInfo {
                id: "welcome".into(),
                title: "欢迎语".into(),
                stage: Stage::Discover,
            },
            ScriptInfo {
                id: "case".into(),
                title: "案例".into(),
                stage: Stage::Pitch,
            },
        ],
    }
}

#[allow(clippy::too_many_arguments)]
fn contact(
    id: ContactId,
    source: Option<&str>,
    grade: Option<Grade>,
    stage: Stage,
    outcome: Outcome,
    created: &str,
    last_touch: Option<&str>,
    last_inbound: Option<&str>,
) -> ContactRow {
    let i = (id - 1) as usize;
    ContactRow {
        id,
        name: NAMES[i].into(),
        phone: Some(PHONES[i].into()),
        // 王芳 (3) has no WeChat ID.
        wechat: match id {
            3 => None,
            1 | 2 => Some(WECHATS[i].into()),
            _ => Some(WECHATS[i - 1].into()),
        },
        source: source.map(str::to_string),
        grade,
        stage,
        outcome,
        lost_reason: None,
        created_at: t(created),
        archived: false,
        last_touch_at: last_touch.map(t),
        last_inbound_at: last_inbound.map(t),
        arrived_at: None,
        prior_contact: None,
        quiet: None,
        referred_by: None,
    }
}

fn mv(contact: ContactId, at: &str, from: Option<Stage>, to: Stage) -> StageMove {
    StageMove {
        contact,
        at: t(at),
        from,
        to,
    }
}

fn entry(contact: ContactId, at: &str, kind: EntryKind) -> TimelineEntry {
    TimelineEntry {
        contact,
        at: t(at),
        kind,
        script: None,
    }
}

fn script(contact: ContactId, at: &str, id: &str) -> TimelineEntry {
    TimelineEntry {
        script: Some(id.into()),
        ..entry(contact, at, EntryKind::ScriptSent)
    }
}

fn fu(
    id: i64,
    contact: ContactId,
    track: Track,
    due: &str,
    status: FollowupStatus,
    closed: Option<&str>,
) -> FollowupRow {
    FollowupRow {
        id,
        contact,
        track,
        due: t(due),
        status,
        closed_at: closed.map(t),
        note: None,
    }
}

fn grade(contact: ContactId, at: &str, from: Option<Grade>, to: Option<Grade>) -> GradeChange {
    GradeChange {
        contact,
        at: t(at),
        from,
        to,
    }
}

fn outcome(
    contact: ContactId,
    at: &str,
    change: OutcomeChangeKind,
    reason: Option<&str>,
) -> OutcomeChange {
    OutcomeChange {
        contact,
        at: t(at),
        change,
        reason: reason.map(str::to_string),
    }
}

fn purchase(contact: ContactId, at: &str, amount_cents: i64) -> PurchaseRow {
    PurchaseRow {
        contact,
        at: t(at),
        product: Some("年卡".into()),
        amount_cents,
    }
}

pub fn book() -> BookInput {
    use EntryKind::*;
    use FollowupStatus::*;
    use Stage::*;
    let mut contacts = vec![
        contact(
            1,
            Some("朋友圈"),
            Some(Grade::A),
            Aftercare,
            Outcome::Won,
            "2026-11-10 09:00",
            Some("2026-11-18 10:00"),
            None,
        ),
        contact(
            2,
            Some("朋友圈"),
            Some(Grade::B),
            Pitch,
            Outcome::Lost,
            "2026-11-10 10:00",
            Some("2026-11-14 10:00"),
            None,
        ),
        contact(
            3,
            Some("抖音"),
            None,
            Discover,
            Outcome::Open,
            "2026-11-12 09:00",
            None,
            None,
        ),
        contact(
            4,
            None,
            None,
            Discover,
            Outcome::Open,
            "2026-11-14 09:00",
            Some("2026-11-14 09:08"),
            Some("2026-11-14 09:20"),
        ),
        contact(
            5,
            Some("抖音"),
            Some(Grade::A),
            Close,
            Outcome::Open,
            "2026-11-15 09:00",
            Some("2026-11-16 09:00"),
            None,
        ),
        contact(
            6,
            Some("朋友圈"),
            Some(Grade::B),
            Aftercare,
            Outcome::Won,
            "2026-09-01 09:00",
            Some("2026-11-10 09:00"),
            None,
        ),
        contact(
            7,
            Some(FORMULA_SOURCE),
            Some(Grade::C),
            Discover,
            Outcome::Open,
            "2026-06-01 09:00",
            Some("2026-06-01 09:05"),
            None,
        ),
        contact(
            8,
            Some("朋友圈"),
            Some(Grade::D),
            Discover,
            Outcome::Lost,
            "2026-10-01 09:00",
            Some("2026-10-01 09:30"),
            None,
        ),
        contact(
            9,
            Some("抖音"),
            Some(Grade::B),
            Pitch,
            Outcome::Open,
            "2026-09-15 09:00",
            Some("2026-09-15 09:10"),
            Some("2026-10-10 09:00"),
        ),
    ];
    contacts[1].lost_reason = Some("预算不够".into());
    contacts[7].lost_reason = Some("竞品（微信 zhoumin8）".into());
    contacts[7].archived = true;
    contacts[4].referred_by = Some(1);
    contacts[8].referred_by = Some(6);
    let mut followups = vec![
        fu(
            1,
            1,
            Track::FirstResponse,
            "2026-11-10 09:10",
            Superseded,
            Some("2026-11-10 09:05"),
        ),
        fu(
            2,
            1,
            Track::Cadence,
            "2026-11-11 09:00",
            Done,
            Some("2026-11-11 15:00"),
        ),
        fu(
            3,
            1,
            Track::Repurchase,
            "2026-11-18 09:00",
            Done,
            Some("2026-11-18 10:00"),
        ),
        fu(
            4,
            2,
            Track::FirstResponse,
            "2026-11-10 10:10",
            Superseded,
            Some("2026-11-10 10:30"),
        ),
        fu(
            5,
            2,
            Track::Cadence,
            "2026-11-13 10:00",
            Superseded,
            Some("2026-11-15 10:00"),
        ),
        fu(6, 3, Track::FirstResponse, "2026-11-12 09:10", Open, None),
        fu(
            7,
            4,
            Track::FirstResponse,
            "2026-11-14 09:10",
            Superseded,
            Some("2026-11-14 09:08"),
        ),
        fu(
            8,
            4,
            Track::Cadence,
            "2026-11-16 09:00",
            Skipped,
            Some("2026-11-16 09:00"),
        ),
        fu(
            9,
            5,
            Track::FirstResponse,
            "2026-11-15 09:10",
            Superseded,
            Some("2026-11-15 09:03"),
        ),
        fu(
            10,
            5,
            Track::Cadence,
            "2026-11-17 09:00",
            Superseded,
            Some("2026-11-17 09:00"),
        ),
        fu(11, 5, Track::Cadence, "2026-11-25 09:00", Open, None),
        fu(12, 6, Track::Aftercare, "2026-11-13 09:00", Open, None),
        fu(13, 7, Track::Reactivation, "2026-12-01 09:00", Open, None),
        fu(14, 9, Track::Reactivation, "2026-11-30 09:00", Open, None),
        fu(
            15,
            6,
            Track::Cadence,
            "2026-09-02 09:00",
            Done,
            Some("2026-09-03 10:00"),
        ),
    ];
    followups[7].note = Some("客户说下月再聊，电话13600004444".into());
    BookInput {
        owner: "张三".into(),
        template: template(),
        period: Window::between(t("2026-11-10 00:00"), t("2026-11-20 00:00")),
        now: t("2026-11-23 09:00"),
        utc_offset: offset(),
        verify: VerifyStatus {
            events: 42,
            first_at: Some(t("2026-06-01 09:00")),
            last_at: Some(t("2026-11-18 10:00")),
            broken: None,
            records_checked: true,
        },
        records_referrals: true,
        contacts,
        stage_moves: vec![
            mv(1, "2026-11-10 09:00", None, Discover),
            mv(1, "2026-11-11 09:00", Some(Discover), Pitch),
            mv(1, "2026-11-12 12:00", Some(Pitch), Close),
            mv(1, "2026-11-13 09:00", Some(Close), Aftercare),
            mv(2, "2026-11-10 10:00", None, Discover),
            mv(2, "2026-11-12 10:00", Some(Discover), Pitch),
            mv(3, "2026-11-12 09:00", None, Discover),
            mv(4, "2026-11-14 09:00", None, Discover),
            mv(5, "2026-11-15 09:00", None, Discover),
            mv(5, "2026-11-15 12:00", Some(Discover), Pitch),
            mv(5, "2026-11-17 09:00", Some(Pitch), Resolve),
            mv(5, "2026-11-19 09:00", Some(Resolve), Close),
            // Contact 6's rows out of time order: the figures must sort them.
            mv(6, "2026-11-11 09:00", Some(Pitch), Close),
            mv(6, "2026-09-01 09:00", None, Discover),
            mv(6, "2026-11-12 09:00", Some(Close), Aftercare),
            mv(6, "2026-09-05 09:00", Some(Discover), Pitch),
            mv(7, "2026-06-01 09:00", None, Discover),
            mv(8, "2026-10-01 09:00", None, Discover),
            mv(9, "2026-09-15 09:00", None, Discover),
            mv(9, "2026-09-16 09:00", Some(Discover), Pitch),
        ],
        timeline: vec![
            entry(1, "2026-11-10 09:05", Message),
            script(1, "2026-11-11 10:00", "case"),
            entry(1, "2026-11-11 15:00", FollowupDone),
            entry(1, "2026-11-12 10:00", Message),
            entry(1, "2026-11-18 10:00", FollowupDone),
            entry(2, "2026-11-10 10:30", Message),
            script(2, "2026-11-14 10:00", "case"),
            entry(3, "2026-11-12 09:30", Note),
            script(4, "2026-11-14 09:08", "welcome"),
            entry(4, "2026-11-14 09:20", Inbound),
            entry(5, "2026-11-15 09:03", Call),
            script(5, "2026-11-16 09:00", "case"),
            entry(6, "2026-09-01 09:20", Message),
            entry(6, "2026-09-03 10:00", FollowupDone),
            script(6, "2026-11-10 09:00", "case"),
            entry(7, "2026-06-01 09:05", Message),
            entry(8, "2026-10-01 09:30", Message),
            entry(9, "2026-09-15 09:04", Message),
            script(9, "2026-09-15 09:10", "old_promo"),
            entry(9, "2026-10-10 09:00", Inbound),
        ],
        followups,
        purchases: vec![
            purchase(1, "2026-11-13 09:00", 399_900),
            purchase(1, "2026-11-18 10:00", 50_000),
            purchase(6, "2026-11-12 09:00", 200_000),
        ],
        grade_changes: vec![
            grade(1, "2026-11-10 09:30", None, Some(Grade::B)),
            grade(1, "2026-11-11 09:00", Some(Grade::B), Some(Grade::A)),
            grade(2, "2026-11-10 11:00", None, Some(Grade::C)),
            grade(2, "2026-11-12 10:00", Some(Grade::C), Some(Grade::B)),
            grade(5, "2026-11-15 09:30", None, Some(Grade::A)),
            grade(6, "2026-11-14 09:00", Some(Grade::A), Some(Grade::B)),
        ],
        outcome_changes: vec![
            outcome(1, "2026-11-13 09:00", OutcomeChangeKind::Won, None),
            outcome(
                2,
                "2026-11-15 10:00",
                OutcomeChangeKind::Lost,
                Some("预算不够"),
            ),
            outcome(6, "2026-11-12 09:00", OutcomeChangeKind::Won, None),
            outcome(
                8,
                "2026-10-02 09:00",
                OutcomeChangeKind::Lost,
                Some("竞品（微信 zhoumin8）"),
            ),
        ],
    }
}

/// The book with only the rows of `keep`'s contacts.
pub fn only(mut b: BookInput, keep: &[ContactId]) -> BookInput {
    b.contacts.retain(|c| keep.contains(&c.id));
    b.stage_moves.retain(|r| keep.contains(&r.contact));
    b.timeline.retain(|r| keep.contains(&r.contact));
    b.followups.retain(|r| keep.contains(&r.contact));
    b.purchases.retain(|r| keep.contains(&r.contact));
    b.grade_changes.retain(|r| keep.contains(&r.contact));
    b.outcome_changes.retain(|r| keep.contains(&r.contact));
    b
}
