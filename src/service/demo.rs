//! Deterministic demo data: a believable book of Chinese contacts for trying salesbook out
//! and for benchmarks. The same options always give the same book.

use super::demo_hours::{in_working_hours, next_working};
use crate::domain::command::SeedContact;
use crate::domain::{
    Channel, Grade, Interaction, InteractionKind, NewContact, Outcome, Stage, TagRef,
};
use chrono::{DateTime, Duration, FixedOffset, Utc};

#[derive(Debug, Clone, PartialEq)]
pub struct DemoOptions {
    pub contacts: u64,
    /// Total timeline entries across all contacts (each contact has at least its creation).
    pub interactions: u64,
    pub seed: u64,
    /// The rep's offset from UTC: the demo's rep works in the daytime there.
    pub offset: FixedOffset,
}

impl Default for DemoOptions {
    fn default() -> Self {
        DemoOptions {
            contacts: 60,
            interactions: 480,
            seed: 2024,
            offset: FixedOffset::east_opt(8 * 3600).expect("+08:00"),
        }
    }
}

/// SplitMix64: tiny, fast and fully reproducible across platforms.
pub(super) struct Rng(u64);

impl Rng {
    pub(super) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub(super) fn below(&mut self, n: u64) -> u64 {
        if n == 0 { 0 } else { self.next() % n }
    }

    pub(super) fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }

    /// True with probability `pct` percent.
    pub(super) fn chance(&mut self, pct: u64) -> bool {
        self.below(100) < pct
    }
}

// Common surnames, plus the ones whose reading differs as a surname (单 shan, 曾 zeng, 仇 qiu…).
const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭",
    "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾",
    "肖", "田", "董", "潘", "袁", "蔡", "蒋", "余", "于", "杜", "叶", "程", "魏", "苏", "吕", "丁",
    "沈", "任", "姚", "卢", "傅", "钟", "姜", "崔", "谭", "廖", "范", "汪", "陆", "金", "石", "戴",
    "贾", "韦", "夏", "邱", "方", "侯", "邹", "熊", "孟", "秦", "白", "江", "单", "仇", "解", "区",
    "查", "朴", "乐", "覃", "欧阳", "司马", "上官",
];
const GIVEN: &[&str] = &[
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明",
    "超", "秀", "霞", "平", "刚", "桂", "英", "华", "玉", "萍", "红", "鹏", "辉", "玲", "丹", "晨",
    "欣", "怡", "浩", "宇", "子", "涵", "梓", "轩", "雨", "思", "佳", "嘉", "俊", "博", "文", "婷",
    "雪", "琳", "晓", "颖", "倩", "然", "凯", "琪", "昊", "悦", "可", "诗",
];
const TITLES: &[&str] = &["先生", "女士", "姐", "哥", "总", "老师"];
const SOURCES: &[&str] = &[
    "朋友圈",
    "社群",
    "转介绍",
    "直播",
    "线下门店",
    "小红书",
    "抖音",
    "公众号",
];
const NEEDS: &[&str] = &[
    "想改善皮肤暗沉",
    "给孩子报英语课",
    "公司团建采购",
    "想系统学理财",
    "换季护肤",
    "产后恢复",
    "老人保健品",
    "想考证提升",
    "办公室零食团购",
    "减脂塑形",
    "送礼需求",
    "店铺进货",
    "想了解会员权益",
    "装修选材",
    "宝宝辅食",
];
const BUDGETS: &[&str] = &[
    "500以内",
    "500-2000",
    "2000-5000",
    "5000-1万",
    "1万以上",
    "未定",
];
const COMPANIES: &[&str] = &[
    "星河科技",
    "蓝湾贸易",
    "知行教育",
    "禾苗母婴",
    "远山设计",
    "青柠餐饮",
    "华信咨询",
    "明德律所",
    "云端电商",
    "九州物流",
];
const PRODUCTS: &[(&str, i64)] = &[
    ("焕颜精华套装", 129_900),
    ("季度私教课", 399_900),
    ("年度会员", 99_900),
    ("家庭营养礼盒", 59_900),
    ("进阶训练营", 259_900),
];
/// The lead's first reply.
const WELCOME_TEXT: &str = "发了欢迎语，介绍了能帮到的地方";
/// What a later touch was about, by the stage the lead was in.
const TOUCH_TEXTS: [&[&str]; 5] = [
    &[
        "聊了之前用过什么、效果怎么样",
        "问了使用场景和目前的困扰",
        "确认预算区间",
    ],
    &[
        "发了两个客户案例和前后对比",
        "分享了一篇入门教程",
        "对比了同类产品的差异",
    ],
    &[
        "客户问到价格，解释了价值",
        "客户说再考虑一下，约了周末再聊",
        "约了下周二电话沟通",
    ],
    &["发了限时权益说明", "约了下周二电话沟通"],
    &[
        "回访使用情况，客户反馈不错",
        "提醒快用完了，问是否需要续购",
        "节日问候",
    ],
];
const NOTE_TEXTS: &[&str] = &[
    "客户晚上八点后方便回复",
    "对价格比较敏感",
    "决策人是家里另一半",
    "近期有搬家计划",
];
const LOST_REASONS: &[&str] = &[
    "预算不够",
    "选了竞品",
    "暂时不需要",
    "联系不上",
    "觉得效果不确定",
];
const SCRIPTS: &[&str] = &[
    "welcome",
    "scene-question",
    "case-share",
    "value-recap",
    "usage-guide",
];

/// Generates the contacts lazily, so a 100,000-contact book never sits in memory at once:
/// the contacts and their timelines only, without the rep's work on the plan.
pub fn generate(opts: &DemoOptions, now: DateTime<Utc>) -> impl Iterator<Item = SeedContact> {
    generate_worked(opts, now, |_, _| {})
}

/// [`generate`], where `work` adds what the rep did since each contact's last touch
/// (`demo_work`), with a random stream of its own; the totals of timeline entries count
/// what it adds.
pub(super) fn generate_worked(
    opts: &DemoOptions,
    now: DateTime<Utc>,
    mut work: impl FnMut(&mut SeedContact, &mut Rng),
) -> impl Iterator<Item = SeedContact> {
    let mut rng = Rng(opts.seed);
    let total = opts.contacts;
    let mut remaining = opts.interactions.max(total);
    (0..total).map(move |i| {
        let left = total - i;
        let share = remaining / left;
        let target = if left == 1 {
            remaining
        } else {
            (share / 2 + rng.below(share + 1)).max(1)
        };
        let mut seed = one_contact(&mut rng, now, target as usize, opts.offset);
        // The first ones, so the rest of the book makes up the entries they do not hold.
        if i < just_arrived_count(total) {
            just_arrived(&mut seed, &mut Rng(rng.0 ^ 0x2545_F491_4F6C_DD1D), now);
        }
        work(&mut seed, &mut Rng(rng.0 ^ 0x5851_F42D_4C95_7F2D));
        remaining = remaining.saturating_sub(seed.history.len() as u64);
        seed
    })
}

/// How many of the book's contacts are leads that came in minutes ago: a demo's day
/// starts with someone waiting for a first reply, as a rep's does.
fn just_arrived_count(total: u64) -> u64 {
    (total / 30).min(5)
}

/// Makes `seed` a lead that came in a few minutes ago and is not answered yet: within the
/// first-reply limit, so it waits at the top of the day's list, not as a breach.
fn just_arrived(seed: &mut SeedContact, rng: &mut Rng, now: DateTime<Utc>) {
    let created_at = now - Duration::seconds(120 + rng.below(360) as i64);
    seed.created_at = created_at;
    seed.history = vec![Interaction::new(0, created_at, InteractionKind::Created)];
    seed.stage = Stage::Discover;
    seed.outcome = Outcome::Open;
    seed.lost_reason = None;
    seed.purchases.clear();
    seed.archived = false;
    // Nothing is known of it yet but where it came from.
    seed.contact.grade = None;
    seed.contact.tags.retain(|t| t.group == "客户来源");
}

fn one_contact(
    rng: &mut Rng,
    now: DateTime<Utc>,
    target: usize,
    offset: FixedOffset,
) -> SeedContact {
    let surname = *rng.pick(SURNAMES);
    let mut name = surname.to_string();
    name.push_str(rng.pick::<&str>(GIVEN));
    if rng.chance(70) {
        name.push_str(rng.pick::<&str>(GIVEN));
    }
    let source = *rng.pick(SOURCES);
    let grade = match rng.below(100) {
        0..=14 => Some(Grade::A),
        15..=49 => Some(Grade::B),
        50..=79 => Some(Grade::C),
        80..=89 => Some(Grade::D),
        _ => None,
    };
    let (stage, outcome) = match rng.below(100) {
        0..=29 => (Stage::Discover, Outcome::Open),
        30..=47 => (Stage::Pitch, Outcome::Open),
        48..=59 => (Stage::Resolve, Outcome::Open),
        60..=67 => (Stage::Close, Outcome::Open),
        68..=81 => (Stage::Aftercare, Outcome::Won),
        _ => (
            *rng.pick(&[Stage::Discover, Stage::Pitch, Stage::Resolve, Stage::Close]),
            Outcome::Lost,
        ),
    };
    let mut tags = vec![TagRef {
        group: "客户来源".into(),
        tag: source.into(),
    }];
    if grade == Some(Grade::A) && rng.chance(60) {
        tags.push(TagRef {
            group: "意向".into(),
            tag: "近期购买".into(),
        });
    }
    let contact = NewContact {
        name,
        honorific: rng
            .chance(80)
            .then(|| format!("{surname}{}", rng.pick(TITLES))),
        phone: rng
            .chance(85)
            .then(|| format!("1{}{:09}", 3 + rng.below(7), rng.below(1_000_000_000))),
        wechat: rng
            .chance(70)
            .then(|| format!("wx_{:08x}", rng.next() as u32)),
        company: rng.chance(25).then(|| rng.pick(COMPANIES).to_string()),
        source: Some(source.into()),
        need: rng.chance(90).then(|| rng.pick(NEEDS).to_string()),
        budget: rng.chance(75).then(|| rng.pick(BUDGETS).to_string()),
        grade,
        notes: rng.chance(20).then(|| rng.pick(NOTE_TEXTS).to_string()),
        tags,
        ..NewContact::default()
    };

    // Created some time in the past six months (recent leads are more common).
    let age_secs = {
        let max = 180 * 86_400u64;
        let a = rng.below(max);
        let b = rng.below(max);
        a.min(b) as i64
    };
    let drawn = now - Duration::seconds(age_secs.max(600));
    let span = (now - drawn).num_seconds().max(1) as u64;
    // Drawn over whole days, then pressed into working hours (none of them after now).
    let working = |t: DateTime<Utc>| in_working_hours(t, offset).min(now - Duration::minutes(1));
    let created_at = working(drawn);

    // The entries this contact must have; touches fill the rest of its share.
    let mut skeleton: Vec<InteractionKind> = vec![InteractionKind::Created];
    skeleton.extend(std::iter::repeat_n(
        InteractionKind::StageChange,
        stage.index(),
    ));
    if outcome == Outcome::Won {
        // A win jumps from close to aftercare: the last stage change follows the win.
        skeleton.pop();
        skeleton.push(InteractionKind::Won);
        skeleton.push(InteractionKind::StageChange);
    }
    if outcome == Outcome::Lost {
        skeleton.push(InteractionKind::Lost);
    }
    // At least one: every demo lead has had its first reply (a book with leads waiting
    // since weeks would be a rep's backlog, not a demo).
    let touches = target.saturating_sub(skeleton.len()).max(1);

    // Spread times: the skeleton's order is kept, touches fall between.
    let mut times: Vec<i64> = (0..skeleton.len() + touches)
        .map(|_| rng.below(span) as i64)
        .collect();
    times.sort_unstable();
    times[0] = 0;
    let mut history = Vec::with_capacity(times.len());
    let mut kinds = skeleton.into_iter().peekable();
    let mut stage_now = Stage::Discover;
    // What the rep talks about: aftercare from the win on (the move to it follows).
    let mut talking = Stage::Discover;
    let slots = times.len();
    let mut touches_left = touches;
    let mut purchases = Vec::new();
    for (slot, offset) in times.into_iter().enumerate() {
        let at = working(drawn + Duration::seconds(offset));
        let slots_left = slots - slot;
        // Place a skeleton entry when the rest must all be skeleton, or at random.
        let take_skeleton = kinds.peek().is_some()
            && (slot == 0 || touches_left == 0 || rng.below(slots_left as u64) < 2);
        let mut entry;
        if take_skeleton {
            let kind = kinds.next().unwrap_or(InteractionKind::Note);
            entry = Interaction::new(0, at, kind);
            match kind {
                InteractionKind::StageChange => {
                    let to = stage_now.next().unwrap_or(Stage::Aftercare);
                    entry.from_stage = Some(stage_now);
                    entry.to_stage = Some(to);
                    stage_now = to;
                    talking = to;
                }
                InteractionKind::Won => {
                    talking = Stage::Aftercare;
                    let (product, price) = *rng.pick(PRODUCTS);
                    entry.product = Some(product.into());
                    entry.amount_cents = Some(price);
                    purchases.push((at, Some(product.to_string()), Some(price)));
                }
                InteractionKind::Lost => {
                    entry.text = Some(rng.pick(LOST_REASONS).to_string());
                }
                _ => {}
            }
        } else {
            touches_left = touches_left.saturating_sub(1);
            let kind = match rng.below(100) {
                0..=59 => InteractionKind::Message,
                60..=74 => InteractionKind::ScriptSent,
                75..=86 => InteractionKind::Call,
                87..=92 => InteractionKind::Meeting,
                // The first of them is a reply: a note is not one.
                _ if !history.iter().any(|i: &Interaction| i.kind.is_touch()) => {
                    InteractionKind::Message
                }
                _ => InteractionKind::Note,
            };
            entry = Interaction::new(0, at, kind);
            entry.channel = match kind {
                InteractionKind::Message | InteractionKind::ScriptSent => Some(Channel::Wechat),
                InteractionKind::Call => Some(Channel::Phone),
                InteractionKind::Meeting => Some(Channel::Meeting),
                _ => None,
            };
            if kind == InteractionKind::ScriptSent {
                entry.script_id = Some(rng.pick(SCRIPTS).to_string());
            } else if kind == InteractionKind::Note {
                entry.text = Some(rng.pick(NOTE_TEXTS).to_string());
            } else {
                entry.text = Some(rng.pick(TOUCH_TEXTS[talking.index()]).to_string());
            }
        }
        history.push(entry);
    }
    // `won` moves the contact to aftercare at the moment of the win: the stage change that
    // follows the win is at its time (touches drawn between them come after both).
    if let Some(w) = history.iter().position(|i| i.kind == InteractionKind::Won) {
        let won_at = history[w].at;
        if let Some(m) = history[w..]
            .iter()
            .position(|i| i.to_stage == Some(Stage::Aftercare))
        {
            history[w + m].at = won_at;
            history.sort_by_key(|i| i.at);
        }
    }
    // Like a rep who keeps up: most leads hear back within minutes (the built-in limit is
    // ten), some within hours, a few only whenever their first touch happened to fall.
    // (A stream of its own: the rest of the book stays as the seed always made it.)
    let mut side = Rng(rng.0 ^ 0xD1B5_4A32_D192_ED03);
    if let Some(first) = history.iter().position(|i| i.kind.is_touch()) {
        let delay = match side.below(100) {
            0..=69 => Some(60 + side.below(480)),
            70..=89 => Some(600 + side.below(6 * 3600)),
            _ => None,
        };
        // A lead that came in late in the evening is answered the next morning.
        let awake = |t| next_working(t, offset);
        let mut at = delay.map_or(history[first].at, |secs| {
            awake(created_at + Duration::seconds(secs as i64)).min(history[first].at)
        });
        // Nobody moves a lead along, wins or loses it before answering it.
        if let Some(moved) = history[..first].iter().find(|i| {
            matches!(
                i.kind,
                InteractionKind::StageChange | InteractionKind::Won | InteractionKind::Lost
            )
        }) {
            at = at.min(awake(created_at + (moved.at - created_at) / 2));
        }
        // The first reply is the welcome, whatever stage its slot was drawn in.
        let reply = &mut history[first];
        if reply.kind == InteractionKind::ScriptSent {
            reply.script_id = Some(SCRIPTS[0].to_string());
        } else {
            reply.text = Some(WELCOME_TEXT.to_string());
        }
        if at < history[first].at {
            history[first].at = at;
            // Kept in time order (stable: entries at one instant keep theirs).
            history.sort_by_key(|i| i.at);
        }
    }
    let lost_reason = history
        .iter()
        .find(|i| i.kind == InteractionKind::Lost)
        .and_then(|i| i.text.clone());
    SeedContact {
        contact,
        stage: if outcome == Outcome::Won {
            Stage::Aftercare
        } else {
            stage
        },
        outcome,
        lost_reason,
        created_at,
        archived: rng.chance(2),
        history,
        purchases,
        owner: None,
        updated_at: None,
        last_touch_at: None,
        worked: Vec::new(),
        appointments: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Timelike;

    fn now() -> DateTime<Utc> {
        "2026-11-23T09:00:00Z".parse().unwrap()
    }

    #[test]
    fn same_seed_same_book() {
        let o = DemoOptions::default();
        let a: Vec<_> = generate(&o, now()).map(|s| s.contact).collect();
        let b: Vec<_> = generate(&o, now()).map(|s| s.contact).collect();
        assert_eq!(a, b);
        let c: Vec<_> = generate(&DemoOptions { seed: 7, ..o }, now())
            .map(|s| s.contact)
            .collect();
        assert_ne!(a, c);
    }

    #[test]
    fn counts_and_timelines_are_consistent() {
        let o = DemoOptions {
            contacts: 500,
            interactions: 4000,
            seed: 1,
            ..DemoOptions::default()
        };
        let seeds: Vec<_> = generate(&o, now()).collect();
        assert_eq!(seeds.len(), 500);
        let mut waiting = 0;
        let total: usize = seeds.iter().map(|s| s.history.len()).sum();
        assert!((4000..4400).contains(&total), "{total}");
        for s in &seeds {
            assert_eq!(s.history[0].kind, InteractionKind::Created);
            assert!(s.history.windows(2).all(|w| w[0].at <= w[1].at));
            assert!(
                s.history
                    .iter()
                    .all(|i| i.at >= s.created_at && i.at <= now())
            );
            let last_stage = s
                .history
                .iter()
                .filter_map(|i| i.to_stage)
                .next_back()
                .unwrap_or(Stage::Discover);
            assert_eq!(last_stage, s.stage, "{:?}", s.contact.name);
            // A win and the move to aftercare are one moment, as `won` makes them.
            if let Some(won) = s.history.iter().find(|i| i.kind == InteractionKind::Won) {
                let moved = s
                    .history
                    .iter()
                    .find(|i| i.to_stage == Some(Stage::Aftercare))
                    .expect("a won contact reaches aftercare");
                assert_eq!(moved.at, won.at, "{:?}", s.contact.name);
            }
            assert_eq!(s.outcome == Outcome::Won, !s.purchases.is_empty());
            // The rep works in the daytime, first replies to late leads the next morning.
            for i in &s.history {
                let local = i.at.with_timezone(&o.offset);
                assert!((9..21).contains(&local.hour()), "{local}: {:?}", i.kind);
            }
            // Every lead was answered, and answered before it was moved, won or lost, but
            // the few that came in minutes ago.
            let Some(first) = s.history.iter().position(|i| i.kind.is_touch()) else {
                assert_eq!(s.history.len(), 1, "{:?}", s.history);
                assert!(now() - s.created_at < Duration::minutes(10));
                assert_eq!((s.stage, s.outcome), (Stage::Discover, Outcome::Open));
                waiting += 1;
                continue;
            };
            let moved = s.history.iter().position(|i| {
                matches!(
                    i.kind,
                    InteractionKind::StageChange | InteractionKind::Won | InteractionKind::Lost
                )
            });
            assert!(moved.is_none_or(|m| first < m), "{:?}", s.history);
            // The reply is the welcome; later touches talk about the stage the lead is in.
            let reply = &s.history[first];
            assert!(
                reply.text.as_deref() == Some(WELCOME_TEXT)
                    || reply.script_id.as_deref() == Some("welcome"),
                "{reply:?}"
            );
            let mut stage = Stage::Discover;
            for i in &s.history[first + 1..] {
                stage = i.to_stage.unwrap_or(stage);
                if i.kind == InteractionKind::Won {
                    stage = Stage::Aftercare;
                }
                if i.kind.is_touch() && i.kind != InteractionKind::ScriptSent {
                    let text = i.text.as_deref().unwrap_or_default();
                    assert!(
                        TOUCH_TEXTS[stage.index()].contains(&text),
                        "{i:?} at {stage:?}"
                    );
                }
            }
        }
        assert_eq!(waiting, just_arrived_count(500));
        let names: Vec<&str> = seeds.iter().map(|s| s.contact.name.as_str()).collect();
        assert!(names.iter().any(|n| n.chars().count() == 2));
        assert!(
            ["单", "曾", "仇"]
                .iter()
                .all(|s| names.iter().any(|n| n.starts_with(s)))
        );
    }
}
