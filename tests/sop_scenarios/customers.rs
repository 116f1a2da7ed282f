//! Customers: after-sale care and repurchase, tiers, services, birthdays and courses of treatment. Part of `sop_scenarios.rs`, whose helpers it uses.

use super::*;

// ───────────────────────────── customers ─────────────────────────────

#[test]
fn a_buyer_of_a_90_day_product_gets_the_guide_within_24h_day_3_and_repurchase_from_day_75() {
    let mut d = Desk::new("default", "2026-03-02T09:00:00+08:00");
    let id = d.add("郑一", Some(Grade::A));
    d.at(at("2026-03-02T09:05:00+08:00"));
    d.touch(id, "聊了需求");
    d.at(at("2026-03-05T15:00:00+08:00"));
    let won = d.now;
    d.won(id, "标准套装（季装）", 699);
    let did = d.work(id, won + days(120), |_| true);
    let guide = &did[0];
    assert_eq!(guide.script.as_deref(), Some("usage-guide"));
    assert!(
        guide.due - won < TimeDelta::hours(24),
        "guide {}",
        guide.due
    );
    let day3 = did
        .iter()
        .find(|x| x.script.as_deref() == Some("day3-checkin"))
        .unwrap();
    // Sixty hours after the guide: the guide, due at 03:00 after a 15:00 win, waited for
    // the contact hours (09:00), so the check-in's 21:00 on day 3 waits for the morning of
    // day 4.
    assert_eq!(guide.due, at("2026-03-06T09:00:00+08:00"));
    assert_eq!(day3.due, at("2026-03-09T09:00:00+08:00"));
    assert_eq!(day_of(won, day3.due), 4);
    let reminders: Vec<&Did> = did
        .iter()
        .filter(|x| x.track == Track::Repurchase)
        .collect();
    assert_eq!(reminders[0].due, won + days(75));
    // Not answered with a new purchase: reminded again, every 15 days.
    assert_eq!(reminders[1].due, reminders[0].done + days(15));
    assert!(reminders.len() >= 3, "{reminders:#?}");
    // Aftercare never goes silent long enough to look dormant, and never wakes a fresh
    // buyer up as if dormant.
    let care: Vec<Did> = did
        .iter()
        .filter(|x| x.track == Track::Aftercare)
        .cloned()
        .collect();
    assert!(max_gap(&care) < days(30), "gap {}", max_gap(&care));
    assert!(did.iter().all(|x| x.track != Track::Reactivation));
    assert_eq!(d.lifecycle(id), Lifecycle::Growth);
    // A new purchase ends the reminders of the old one.
    d.won(id, "季装", 699);
    let open = d.open(id);
    let rep: Vec<&Followup> = open
        .iter()
        .filter(|f| f.track == Track::Repurchase)
        .collect();
    assert_eq!(rep.len(), 1);
    assert_eq!(rep[0].due, d.now + days(75));
}

#[test]
fn after_a_win_the_tier_not_the_pre_sale_grade_ranks_the_customer() {
    let mut d = Desk::new("default", "2026-03-02T09:00:00+08:00");
    let id = d.add("冯二", Some(Grade::A));
    d.at(at("2026-03-02T09:05:00+08:00"));
    d.touch(id, "聊了需求");
    d.won(id, "家庭营养礼盒", 599);
    let c = d.book().view().contact(id).unwrap();
    assert_eq!(c.tier, Some(Tier::C));
    let item = d.today().into_iter().next();
    d.at(d.now + days(1));
    let terms: Vec<String> = d
        .book()
        .view()
        .agenda(d.now.with_timezone(&cn()).date_naive(), 0, 50)
        .unwrap()
        .sections
        .into_iter()
        .flat_map(|(_, i)| i)
        .flat_map(|i| i.terms.into_iter().map(|t| t.name))
        .collect();
    assert!(terms.iter().any(|t| t == "tier C"), "{terms:?} {item:?}");
    assert!(terms.iter().all(|t| !t.starts_with("grade")), "{terms:?}");
    // Buying again, and writing back: B (two purchases, ¥1500, two replies).
    d.won(id, "焕颜精华套装", 999);
    d.inbound(id, "用着挺好");
    d.inbound(id, "再问下怎么搭配");
    let c = d.book().view().contact(id).unwrap();
    assert_eq!(c.tier, Some(Tier::B));
    assert!(
        c.tags.iter().any(|t| t.to_string() == "客户层级/场景唤醒"),
        "{:?}",
        c.tags
    );
    assert!(
        c.tags.iter().any(|t| t.to_string() == "购买次数/2次"),
        "{:?}",
        c.tags
    );
    // The derived tags are kept current, never stacked.
    assert!(
        !c.tags.iter().any(|t| t.to_string() == "购买次数/1次"),
        "{:?}",
        c.tags
    );
}

#[test]
fn a_service_buyer_reads_no_goods_wording() {
    let mut d = Desk::new("default", "2026-03-02T09:00:00+08:00");
    let id = d.add("陈三", Some(Grade::B));
    d.won(id, "年度服务", 3999);
    let book = d.book();
    let view = book.view();
    let stage = view.scripts_for(view.template(), id, None).unwrap();
    for s in &stage.scripts {
        for word in ["存放", "高温", "潮湿", "发货", "快递", "包裹", "到货"] {
            assert!(!s.text.contains(word), "{}: '{word}' in {}", s.id, s.text);
        }
    }
    assert!(stage.not_applicable.contains(&"surprise".to_string()));
    let guide = stage
        .scripts
        .iter()
        .find(|s| s.id == "usage-guide")
        .unwrap();
    assert!(guide.text.contains("预约"), "{}", guide.text);
    // The whole stage is there for the SOP pane: every checklist item, exit and materials.
    let sop = view.template().stage(salesbook::domain::Stage::Aftercare);
    assert_eq!(stage.checklist, sop.checklist);
    assert_eq!(stage.exit, sop.exit);
    assert_eq!(stage.materials, sop.materials);
    assert!(stage.checklist.len() > 4);
}

#[test]
fn a_birthday_is_followed_up_every_year() {
    let mut d = Desk::new("default", "2026-03-02T09:00:00+08:00");
    let id = d.add("楚四", Some(Grade::C));
    d.run(Command::Edit {
        id,
        patch: ContactPatch {
            birthday: Some(Some(chrono::NaiveDate::from_ymd_opt(1990, 4, 18).unwrap())),
            ..ContactPatch::default()
        },
    });
    let birthdays: Vec<DateTime<Utc>> = d
        .book()
        .view()
        .open_followups_of(id)
        .unwrap()
        .into_iter()
        .filter(|f| f.track == Track::Birthday)
        .map(|f| f.due)
        .collect();
    assert_eq!(
        birthdays,
        [
            at("2026-04-18T09:00:00+08:00"),
            at("2027-04-18T09:00:00+08:00"),
            at("2028-04-18T09:00:00+08:00"),
            at("2029-04-18T09:00:00+08:00"),
        ]
    );
    // Shown among upcoming items a week ahead, on Today on the day.
    d.at(at("2026-04-18T08:00:00+08:00"));
    let today = d.today();
    let b = today.iter().find(|i| i.track == Track::Birthday).unwrap();
    assert_eq!(b.script.as_deref(), Some("birthday"));
    d.done(b.followup_id);
    // Next year's is still there.
    assert!(
        d.open(id)
            .iter()
            .any(|f| f.track == Track::Birthday && f.due == at("2027-04-18T09:00:00+08:00"))
    );
}

#[test]
fn a_course_of_treatment_plans_each_session_and_renewal_when_one_is_left() {
    let mut d = Desk::new("medical-aesthetics", "2026-03-02T09:00:00+08:00");
    let id = d.add("韩五", Some(Grade::A));
    d.won(id, "光子疗程", 6800);
    let won = d.now;
    let did = d.work(id, won + days(200), |f| {
        matches!(f.track, Track::Session | Track::Repurchase)
    });
    let sessions: Vec<&Did> = did.iter().filter(|x| x.track == Track::Session).collect();
    // Five sessions booked one after another, 28 days apart.
    assert_eq!(sessions.len(), 5, "{did:#?}");
    assert_eq!(sessions[0].due, won + days(28));
    assert!(sessions[4].action.contains("5/5"), "{}", sessions[4].action);
    // Renewal asked once four are used (one left), not by the calendar.
    let renewal = did.iter().find(|x| x.track == Track::Repurchase).unwrap();
    assert_eq!(renewal.due, sessions[3].done);
    assert!(renewal.action.contains("1/5"), "{}", renewal.action);
}
