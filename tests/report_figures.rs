//! Every figure of the hand-built book (tests/report_book) asserted exactly. The expected
//! numbers are worked out by hand in the comments, from the rows of the book.
//!
//! Period: [11-10 00:00, 11-20 00:00) local; now: 11-23 09:00. Percentiles are nearest
//! rank: rank ⌈p·n/100⌉ of the ascending values.

mod report_book;

use report_book::{FORMULA_SOURCE, book};
use salesbook::domain::followup::Track;
use salesbook::domain::{Grade, Stage};
use salesbook::report::figures::{Figures, GroupRow, TrackCompliance};
use salesbook::report::stats::{Count, Distribution, Share};
use salesbook::report::{compute, input::Window};

const DAY: i64 = 86_400;
const HOUR: i64 = 3_600;

fn figures() -> Figures {
    compute(&book())
}

/// (count, contacts)
fn c(count: &Count) -> (usize, Vec<i64>) {
    (count.count, count.contacts.clone())
}

fn sh(s: &Share) -> (usize, usize) {
    (s.num, s.den)
}

fn dist(d: &Distribution) -> (usize, Option<i64>, Option<i64>) {
    (d.count, d.median_seconds, d.p90_seconds)
}

#[test]
fn funnel_in_the_period() {
    let f = figures();
    let fun = &f.period.funnel;
    let st = |s: Stage| &fun.stages[s.index()];
    // Entered: creations of 1–5 enter 挖需求; 抛产品 by 1 (11-11), 2 (11-12), 5 (11-15);
    // 解问题 by 5; 提成交 by 1 (11-12), 5 (11-19), 6 (11-11); 理售后 by 1 and 6 (their wins).
    assert_eq!(c(&st(Stage::Discover).entered), (5, vec![1, 2, 3, 4, 5]));
    assert_eq!(c(&st(Stage::Pitch).entered), (3, vec![1, 2, 5]));
    assert_eq!(c(&st(Stage::Resolve).entered), (1, vec![5]));
    assert_eq!(c(&st(Stage::Close).entered), (3, vec![1, 5, 6]));
    assert_eq!(c(&st(Stage::Aftercare).entered), (2, vec![1, 6]));
    // Left: moves out of a stage in the period (2 was lost in 抛产品, which is no move).
    assert_eq!(c(&st(Stage::Discover).left), (3, vec![1, 2, 5]));
    assert_eq!(c(&st(Stage::Pitch).left), (3, vec![1, 5, 6]));
    assert_eq!(c(&st(Stage::Resolve).left), (1, vec![5]));
    assert_eq!(c(&st(Stage::Close).left), (2, vec![1, 6]));
    assert_eq!(c(&st(Stage::Aftercare).left), (0, vec![]));
    // Lost here: 2 was in 抛产品 (since 11-12) when lost on 11-15.
    assert_eq!(c(&st(Stage::Pitch).lost_here), (1, vec![2]));
    assert_eq!(c(&st(Stage::Discover).lost_here), (0, vec![]));
    // Went on: 挖需求 {1,2,5} of 5; 抛产品 {1,5} of 3; 解问题 {5} of 1; 提成交 {1,6} of 3.
    assert_eq!(st(Stage::Discover).to_next.map(|s| sh(&s)), Some((3, 5)));
    assert_eq!(st(Stage::Pitch).to_next.map(|s| sh(&s)), Some((2, 3)));
    assert_eq!(st(Stage::Resolve).to_next.map(|s| sh(&s)), Some((1, 1)));
    assert_eq!(st(Stage::Close).to_next.map(|s| sh(&s)), Some((2, 3)));
    assert_eq!(st(Stage::Aftercare).to_next, None);
    // Stays that ended in the period:
    // 挖需求: 5 3 h, 1 24 h, 2 48 h → median rank 2 = 24 h, p90 rank 3 = 48 h.
    assert_eq!(
        dist(&st(Stage::Discover).time_in_stage),
        (3, Some(DAY), Some(2 * DAY))
    );
    // 抛产品: 1 27 h (11-11 09:00 → 11-12 12:00), 5 45 h, 6 67 days (09-05 → 11-11)
    // → median 45 h, p90 67 days.
    assert_eq!(
        dist(&st(Stage::Pitch).time_in_stage),
        (3, Some(45 * HOUR), Some(67 * DAY))
    );
    assert_eq!(
        dist(&st(Stage::Resolve).time_in_stage),
        (1, Some(2 * DAY), Some(2 * DAY))
    );
    // 提成交: 1 21 h, 6 24 h → median rank 1 = 21 h, p90 rank 2 = 24 h.
    assert_eq!(
        dist(&st(Stage::Close).time_in_stage),
        (2, Some(21 * HOUR), Some(DAY))
    );
    assert_eq!(dist(&st(Stage::Aftercare).time_in_stage), (0, None, None));
    // Won 1 (11-13) and 6 (11-12); lost 2 (11-15); 8 was lost before the period.
    assert_eq!(c(&fun.won), (2, vec![1, 6]));
    assert_eq!(c(&fun.lost), (1, vec![2]));
    assert_eq!(sh(&fun.win_rate), (2, 3));
    assert_eq!(fun.lost_reasons.len(), 1);
    assert_eq!(fun.lost_reasons[0].reason.as_deref(), Some("预算不够"));
    assert_eq!(c(&fun.lost_reasons[0].count), (1, vec![2]));
}

#[test]
fn funnel_all_time() {
    let f = figures();
    let fun = &f.all_time.funnel;
    let st = |s: Stage| &fun.stages[s.index()];
    assert_eq!(c(&st(Stage::Discover).entered).0, 9);
    assert_eq!(c(&st(Stage::Pitch).entered), (5, vec![1, 2, 5, 6, 9]));
    assert_eq!(c(&st(Stage::Discover).left), (5, vec![1, 2, 5, 6, 9]));
    // 8 was lost in 挖需求 (10-02), 2 in 抛产品.
    assert_eq!(c(&st(Stage::Discover).lost_here), (1, vec![8]));
    assert_eq!(c(&st(Stage::Pitch).lost_here), (1, vec![2]));
    // 挖需求: {1,2,5,6,9} went on, of 9; 抛产品: {1,5,6} of 5.
    assert_eq!(st(Stage::Discover).to_next.map(|s| sh(&s)), Some((5, 9)));
    assert_eq!(st(Stage::Pitch).to_next.map(|s| sh(&s)), Some((3, 5)));
    // 挖需求 stays: 3 h, 24 h (1), 24 h (9), 48 h (2), 96 h (6) → median rank 3 = 24 h,
    // p90 rank ⌈4.5⌉ = 5 = 96 h.
    assert_eq!(
        dist(&st(Stage::Discover).time_in_stage),
        (5, Some(DAY), Some(4 * DAY))
    );
    assert_eq!(c(&fun.won), (2, vec![1, 6]));
    assert_eq!(c(&fun.lost), (2, vec![2, 8]));
    assert_eq!(sh(&fun.win_rate), (2, 4));
    // Tied at one each: ordered by text, 竞 (U+7ADE) before 预 (U+9884).
    let reasons: Vec<_> = fun
        .lost_reasons
        .iter()
        .map(|r| r.reason.clone().unwrap())
        .collect();
    assert_eq!(reasons, vec!["竞品（微信 zhoumin8）", "预算不够"]);
}

#[test]
fn first_response() {
    let f = figures();
    let p = &f.period.first_response;
    assert_eq!(p.limit_minutes, 10);
    // Created in the period: 1–5. Replies: 1 5 min, 2 30 min, 4 8 min, 5 3 min; 3 none.
    assert_eq!(p.new_contacts, 5);
    // [3, 5, 8, 30] min → median rank 2 = 5 min, p90 rank ⌈3.6⌉ = 4 = 30 min.
    assert_eq!(dist(&p.reply_time), (4, Some(300), Some(1800)));
    // Within 10 min: 1, 4, 5 of 5 (3 is past the limit with no reply).
    assert_eq!(sh(&p.within_limit), (3, 5));
    assert_eq!(c(&p.breaches), (2, vec![2, 3]));
    assert_eq!(c(&p.pending), (0, vec![]));
    let a = &f.all_time.first_response;
    // Not #8: graded D (无效) from the start, it was owed no reply, lost since or not.
    assert_eq!(a.new_contacts, 8);
    // [3, 4, 5, 5, 8, 20, 30] min → median rank 4 = 5 min, p90 rank ⌈6.3⌉ = 7 = 30 min.
    assert_eq!(dist(&a.reply_time), (7, Some(300), Some(1800)));
    // Within: 1, 4, 5, 7, 9 of 8.
    assert_eq!(sh(&a.within_limit), (5, 8));
    assert_eq!(c(&a.breaches), (3, vec![2, 3, 6]));
}

fn counts(t: &TrackCompliance) -> [usize; 6] {
    [
        t.on_time.count,
        t.late.count,
        t.missed.count,
        t.skipped.count,
        t.replaced.count,
        t.pending.count,
    ]
}

#[test]
fn cadence_compliance() {
    let f = figures();
    let sec = |w: &salesbook::report::figures::WindowFigures, track: Track| {
        w.cadence
            .sections
            .iter()
            .find(|s| s.track == Some(track))
            .unwrap()
            .clone()
    };
    let p = &f.period;
    // First replies due in the period: #1 (1) superseded at 09:05 with a touch at 09:05:
    // done on time; #4 (2) superseded at 10:30 by the 10:30 touch: late; #6 (3) open and
    // past due: missed; #7 (4) and #9 (5) done by touches before due: on time.
    let fr = sec(p, Track::FirstResponse);
    assert_eq!(counts(&fr), [3, 1, 1, 0, 0, 0]);
    assert_eq!(fr.on_time.contacts, vec![1, 4, 5]);
    assert_eq!(sh(&fr.on_time_share), (3, 5));
    // Cadence: #2 (1) done 15:00 on its due day: on time; #5 (2) superseded 11-15 with no
    // touch within 60 s, after its day: missed; #8 (4) skipped; #10 (5) superseded at its
    // due time with no touch: plan changed, not counted.
    let cad = sec(p, Track::Cadence);
    assert_eq!(counts(&cad), [1, 0, 1, 1, 1, 0]);
    assert_eq!(c(&cad.missed), (1, vec![2]));
    assert_eq!(c(&cad.replaced), (1, vec![5]));
    assert_eq!(sh(&cad.on_time_share), (1, 2));
    assert_eq!(cad.skip_reasons.len(), 1);
    assert_eq!(
        cad.skip_reasons[0].reason.as_deref(),
        Some("客户说下月再聊，电话13600004444")
    );
    // Aftercare #12 (6) open since 11-13: missed. Repurchase #3 (1) done an hour late on
    // its day: on time. Reactivation: nothing due in the period, so no rate.
    assert_eq!(counts(&sec(p, Track::Aftercare)), [0, 0, 1, 0, 0, 0]);
    assert_eq!(sh(&sec(p, Track::Aftercare).on_time_share), (0, 1));
    assert_eq!(counts(&sec(p, Track::Repurchase)), [1, 0, 0, 0, 0, 0]);
    let re = sec(p, Track::Reactivation);
    assert_eq!(counts(&re), [0; 6]);
    assert_eq!(re.on_time_share.rate, None);
    // Total: on time 5, late 1, missed 3 → 5 / 9.
    let total = &p.cadence.total;
    assert_eq!(total.track, None);
    assert_eq!(counts(total), [5, 1, 3, 1, 1, 0]);
    assert_eq!(total.missed.contacts, vec![2, 3, 6]);
    assert_eq!(sh(&total.on_time_share), (5, 9));
    // All time adds #15 (6, done the day after: late), #11 (5), #13 (7), #14 (9) pending.
    let a = &f.all_time;
    assert_eq!(counts(&sec(a, Track::Cadence)), [1, 1, 1, 1, 1, 1]);
    assert_eq!(c(&sec(a, Track::Reactivation).pending), (2, vec![7, 9]));
    assert_eq!(counts(&a.cadence.total), [5, 2, 3, 1, 1, 3]);
    assert_eq!(sh(&a.cadence.total.on_time_share), (5, 10));
}

#[test]
fn lead_quality() {
    let f = figures();
    let q = &f.period.quality;
    // New in the period by grade now: A {1,5}, B {2}, C {}, D {}, ungraded {3,4}.
    let mix: Vec<_> = q.grade_mix.iter().map(|g| (g.grade, c(&g.count))).collect();
    assert_eq!(
        mix,
        vec![
            (Some(Grade::A), (2, vec![1, 5])),
            (Some(Grade::B), (1, vec![2])),
            (Some(Grade::C), (0, vec![])),
            (Some(Grade::D), (0, vec![])),
            (None, (2, vec![3, 4])),
        ]
    );
    // First touched in the period: 1, 2, 4, 5; of the leads among them (1 was won, a
    // customer now) 4 has no grade.
    assert_eq!(c(&q.ungraded_after_touch), (1, vec![4]));
    assert_eq!(sh(&q.ungraded_share), (1, 3));
    assert_eq!(c(&q.first_graded), (3, vec![1, 2, 5]));
    let regrades: Vec<_> = q
        .regrades
        .iter()
        .map(|r| (r.from, r.to, r.count.count))
        .collect();
    assert_eq!(
        regrades,
        vec![
            (Grade::A, Grade::B, 1),
            (Grade::B, Grade::A, 1),
            (Grade::C, Grade::B, 1)
        ]
    );
    assert_eq!(c(&q.upgrades), (2, vec![1, 2]));
    assert_eq!(c(&q.downgrades), (1, vec![6]));
    // First conversation in the period: 1, 2, 4, 5. Only 4 talked on one day (script 09:08,
    // inbound 09:20) and nothing for 9 days since.
    assert_eq!(c(&q.dropped), (1, vec![4]));
    assert_eq!(sh(&q.dropped_share), (1, 4));
    let a = &f.all_time.quality;
    assert_eq!(c(&a.grade_mix[1].count), (3, vec![2, 6, 9]));
    // Of all 8 first touched, 1 and 6 were won.
    assert_eq!(sh(&a.ungraded_share), (1, 6));
    // 7 and 8 each talked on one day long ago.
    assert_eq!(c(&a.dropped), (3, vec![4, 7, 8]));
    assert_eq!(sh(&a.dropped_share), (3, 8));
}

fn row(rows: &[GroupRow], key: Option<&str>) -> GroupRow {
    rows.iter()
        .find(|r| r.key.as_deref() == key)
        .unwrap_or_else(|| panic!("no group {key:?}"))
        .clone()
}

#[test]
fn by_source_and_grade() {
    let f = figures();
    let p = &f.period.by_source;
    // Ties on size go by name (抖 U+6296 before 朋 U+670B); no source last.
    let keys: Vec<_> = p.iter().map(|r| r.key.clone()).collect();
    assert_eq!(keys, vec![Some("抖音".into()), Some("朋友圈".into()), None]);
    let friends = row(p, Some("朋友圈"));
    assert_eq!(c(&friends.contacts), (2, vec![1, 2]));
    assert_eq!(c(&friends.won), (1, vec![1]));
    assert_eq!(sh(&friends.win_rate), (1, 2));
    // 1: first touch 11-10 09:05, won 11-13 09:00 → 3 days less 5 minutes.
    assert_eq!(
        dist(&friends.time_to_win),
        (1, Some(3 * DAY - 300), Some(3 * DAY - 300))
    );
    assert_eq!(friends.amount_cents, 449_900);
    let douyin = row(p, Some("抖音"));
    assert_eq!(c(&douyin.contacts), (2, vec![3, 5]));
    assert_eq!(sh(&douyin.win_rate), (0, 2));
    assert_eq!(douyin.time_to_win.median_seconds, None);
    assert_eq!(c(&row(p, None).contacts), (1, vec![4]));

    let a = &f.all_time.by_source;
    let keys: Vec<_> = a.iter().map(|r| r.key.clone()).collect();
    assert_eq!(
        keys,
        vec![
            Some("朋友圈".into()),
            Some("抖音".into()),
            Some(FORMULA_SOURCE.into()),
            None
        ]
    );
    let friends = row(a, Some("朋友圈"));
    assert_eq!(c(&friends.won), (2, vec![1, 6]));
    // 6: first touch 09-01 09:20, won 11-12 09:00 → 72 days less 20 minutes; the median of
    // two is the smaller (rank 1), the p90 the larger.
    assert_eq!(
        dist(&friends.time_to_win),
        (2, Some(3 * DAY - 300), Some(72 * DAY - 1200))
    );
    assert_eq!(friends.amount_cents, 649_900);

    let g = &f.period.by_grade;
    let keys: Vec<_> = g.iter().map(|r| r.key.clone()).collect();
    assert_eq!(
        keys,
        vec![
            Some("A".into()),
            Some("B".into()),
            Some("C".into()),
            Some("D".into()),
            None
        ]
    );
    assert_eq!(sh(&row(g, Some("A")).win_rate), (1, 2));
    assert_eq!(row(g, Some("C")).win_rate.rate, None);
    assert_eq!(c(&row(g, None).contacts), (2, vec![3, 4]));
    let ga = &f.all_time.by_grade;
    assert_eq!(sh(&row(ga, Some("B")).win_rate), (1, 3));
    assert_eq!(row(ga, Some("B")).amount_cents, 200_000);
}

#[test]
fn after_the_sale() {
    let f = figures();
    let p = &f.period.after_sale;
    // First purchases before the period's end: 1 (11-13), 6 (11-12); 1 bought again 11-18.
    assert_eq!(c(&p.customers), (2, vec![1, 6]));
    assert_eq!(c(&p.repeat_buyers), (1, vec![1]));
    assert_eq!(sh(&p.repurchase_rate), (1, 2));
    assert_eq!(c(&p.purchases), (3, vec![1, 6]));
    assert_eq!(p.sales_cents, 649_900);
    assert_eq!(sh(&p.reminders_acted_on), (1, 1));
    // 5 (created in the period) was referred by 1; 9 (by 6) was created before it.
    assert_eq!(p.referrals.as_ref().map(c), Some((1, vec![5])));
    assert_eq!(p.referrers.as_ref().map(c), Some((1, vec![1])));
    let a = &f.all_time.after_sale;
    assert_eq!(a.referrals.as_ref().map(c), Some((2, vec![5, 9])));
    assert_eq!(a.referrers.as_ref().map(c), Some((2, vec![1, 6])));

    let mut b = book();
    b.records_referrals = false;
    assert_eq!(compute(&b).period.after_sale.referrals, None);
}

#[test]
fn scripts_that_move_people() {
    let f = figures();
    let p = &f.period.scripts;
    // case: sent to 1 (11-11 10:00, to 提成交 26 h later), 2 (11-14, then only lost),
    // 5 (11-16, to 解问题 24 h later), 6 (11-10, to 提成交 24 h later) → 3 of 4 within 3 days.
    assert_eq!(p.len(), 2);
    assert_eq!(p[0].script, "case");
    assert_eq!(p[0].title.as_deref(), Some("案例"));
    assert_eq!(p[0].sends, 4);
    assert_eq!(c(&p[0].contacts), (4, vec![1, 2, 5, 6]));
    assert_eq!(c(&p[0].advanced), (3, vec![1, 5, 6]));
    assert_eq!(sh(&p[0].advanced_share), (3, 4));
    // welcome: 4, who went nowhere.
    assert_eq!(p[1].script, "welcome");
    assert_eq!(sh(&p[1].advanced_share), (0, 1));
    // All time adds old_promo (not in the template): 9 moved to 抛产品 the next day.
    let a = &f.all_time.scripts;
    let ids: Vec<_> = a.iter().map(|r| r.script.as_str()).collect();
    assert_eq!(ids, vec!["case", "old_promo", "welcome"]);
    assert_eq!(a[1].title, None);
    assert_eq!(sh(&a[1].advanced_share), (1, 1));

    // A shorter window: with N = 1 day, 1's move 26 h after the send no longer counts.
    let mut b = book();
    b.template.script_window_days = 1;
    let short = compute(&b);
    assert_eq!(c(&short.period.scripts[0].advanced), (2, vec![5, 6]));
}

#[test]
fn activity_per_day() {
    let f = figures();
    let days: Vec<_> = f
        .activity
        .iter()
        .map(|d| {
            (
                d.day.format("%m-%d").to_string(),
                d.touches,
                d.stage_moves,
                d.wins,
            )
        })
        .collect();
    // Touches: 11-10 1,2,6; 11-11 1 script + 1 done; 11-12 1 (3's note is no touch);
    // 11-14 2 and 4's scripts (4's inbound is no touch); 11-15 5's call; 11-16 5's script;
    // 11-18 1's done. Moves (creations excluded): 11-11 1,6; 11-12 1,2,6; 11-13 1;
    // 11-15, 11-17, 11-19 5. Wins: 6 on 11-12, 1 on 11-13.
    assert_eq!(
        days,
        vec![
            ("11-10".to_string(), 3, 0, 0),
            ("11-11".to_string(), 2, 2, 0),
            ("11-12".to_string(), 1, 3, 1),
            ("11-13".to_string(), 0, 1, 1),
            ("11-14".to_string(), 2, 0, 0),
            ("11-15".to_string(), 1, 1, 0),
            ("11-16".to_string(), 1, 0, 0),
            ("11-17".to_string(), 0, 1, 0),
            ("11-18".to_string(), 1, 0, 0),
            ("11-19".to_string(), 0, 1, 0),
        ]
    );
}

#[test]
fn states_now() {
    let f = figures();
    let n = &f.now;
    // 8 is archived.
    assert_eq!(n.contacts, 8);
    let open: Vec<_> = n.open_by_stage.iter().map(|s| c(&s.count)).collect();
    assert_eq!(
        open,
        vec![
            (3, vec![3, 4, 7]),
            (1, vec![9]),
            (0, vec![]),
            (1, vec![5]),
            (0, vec![])
        ]
    );
    // 3: 11 days in 挖需求 untouched, its open first reply long past; 4: 9 days since its
    // last touch, nothing open. 7 and 9 have a reactivation ahead; 5 is 4 of 5 days in.
    assert_eq!(c(&n.stuck[Stage::Discover.index()].count), (2, vec![3, 4]));
    assert_eq!(c(&n.stuck_total), (2, vec![3, 4]));
    // 9: last inbound 10-10 → 44 idle days (dormant from 30). 7: 175 days; 2: lost.
    assert_eq!(c(&n.dormant), (1, vec![9]));
    assert_eq!(c(&n.churned), (2, vec![2, 7]));
    assert_eq!(sh(&n.quiet_share), (3, 8));
    // The report names the period's breaches (2, 3), its dropped lead (4) and the stuck.
    let named: Vec<_> = f.people.keys().copied().collect();
    assert_eq!(named, vec![2, 3, 4]);
    assert_eq!(f.people[&3].name, "王芳<script>alert(1)</script>");
}

#[test]
fn empty_book_reads_dashes_not_zeroes() {
    let mut b = book();
    b.contacts.clear();
    let f = compute(&b);
    assert_eq!(f.period.first_response.reply_time.median_seconds, None);
    assert_eq!(f.period.first_response.within_limit.rate, None);
    assert_eq!(f.period.funnel.win_rate.rate, None);
    assert_eq!(f.now.quiet_share.rate, None);
    assert!(f.period.by_source.is_empty());
    assert_eq!(f.activity.len(), 10);
    // An unbounded window has no days to chart.
    let mut b = book();
    b.period = Window::ALL;
    assert!(compute(&b).activity.is_empty());
}
