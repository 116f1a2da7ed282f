//! The customer's own words, what the front ends read, and books made before. Part of `sop_scenarios.rs`, whose helpers it uses.

use super::*;

// ───────────────────────────── the customer's own words ─────────────────────────────

#[test]
fn a_product_question_raises_urgency_and_shows_the_reason_on_today() {
    let mut d = Desk::new("default", "2026-03-02T09:00:00+08:00");
    let id = d.add("卫六", Some(Grade::B));
    d.at(at("2026-03-02T09:05:00+08:00"));
    d.touch(id, "发了欢迎语");
    // The next cadence step is tomorrow; tonight the customer asks about the price.
    d.at(at("2026-03-02T21:30:00+08:00"));
    d.inbound(id, "你们那个焕颜精华套装多少钱？敏感肌能用吗");
    let today = d.today();
    let signal = today
        .iter()
        .find(|i| i.track == Track::Signal)
        .expect("the signal is on Today");
    assert!(
        signal
            .action
            .starts_with("主动问产品「你们那个焕颜精华套装多少钱？"),
        "{}",
        signal.action
    );
    assert_eq!(signal.script.as_deref(), Some("answer-question"));
    assert!(
        signal
            .terms
            .iter()
            .any(|t| t.name == "signal product-question" && t.points == 25.0),
        "{:?}",
        signal.terms
    );
    // Ranked above the rest of the contact's work.
    let top = today.first().unwrap();
    assert_eq!(top.followup_id, signal.followup_id);
    // Answered (any touch after it): gone.
    d.at(at("2026-03-02T21:40:00+08:00"));
    d.touch(id, "回复了价格和适用肤质");
    assert!(d.open(id).iter().all(|f| f.track != Track::Signal));
}

#[test]
fn likes_on_three_days_running_are_a_buying_signal() {
    let mut d = Desk::new("default", "2026-03-02T09:00:00+08:00");
    let id = d.add("蒋七", Some(Grade::C));
    d.at(at("2026-03-02T09:05:00+08:00"));
    d.touch(id, "发了欢迎语");
    for (day, what) in [
        ("03", "点赞了朋友圈"),
        ("04", "评论了朋友圈"),
        ("05", "又点赞了"),
    ] {
        d.at(at(&format!("2026-03-{day}T20:00:00+08:00")));
        d.inbound(id, what);
        let warming = d.open(id).into_iter().any(|f| f.track == Track::Signal);
        assert_eq!(warming, day == "05", "on 03-{day}");
    }
    let s = d
        .open(id)
        .into_iter()
        .find(|f| f.track == Track::Signal)
        .unwrap();
    assert!(s.action.starts_with("连续三天有互动："), "{}", s.action);
    // The signal lasts its window (3 days), then leaves Today by itself.
    d.at(at("2026-03-08T20:00:01+08:00"));
    assert!(d.today().iter().all(|i| i.track != Track::Signal));
}

// ───────────────────────────── what the front ends read ─────────────────────────────

#[test]
fn the_front_ends_read_lost_reasons_products_kinds_and_the_whole_taxonomy() {
    let mut d = Desk::new("default", "2026-03-02T09:00:00+08:00");
    let id = d.add("褚五", None);
    d.run(Command::Tag {
        id,
        add: vec!["意向/近期购买".parse().unwrap()],
        remove: vec![],
    });
    // A tag added on purpose joins its group; one of a new group stands on its own.
    d.run(Command::Edit {
        id,
        patch: ContactPatch {
            add_tags: vec![
                "意向/近期必买".parse().unwrap(),
                "渠道伙伴/老王".parse().unwrap(),
            ],
            new_tags: vec![
                "意向/近期必买".parse().unwrap(),
                "渠道伙伴/老王".parse().unwrap(),
            ],
            ..ContactPatch::default()
        },
    });
    let book = d.book();
    let view = book.view();
    assert!(view.lost_reasons().contains(&"预算不够".to_string()));
    assert!(view.products().iter().any(|p| p.name == "年度会员"));
    assert_eq!(view.product_named("ＶＩＰ").map(|p| p.name.as_str()), None);
    assert_eq!(view.product_named("会员").unwrap().name, "年度会员");
    assert!(view.appointment_kinds().iter().any(|k| k.kind == "visit"));
    assert!(view.has_reps_name());
    let tax = view.tag_taxonomy().unwrap();
    let intent = tax.iter().find(|g| g.group == "意向").unwrap();
    assert_eq!(intent.tags.last().map(String::as_str), Some("近期必买"));
    assert_eq!(
        intent.tags.iter().filter(|t| *t == "近期购买").count(),
        1,
        "{intent:?}"
    );
    let own = tax.iter().find(|g| g.group == "渠道伙伴").unwrap();
    assert_eq!(
        (own.category.clone(), own.tags.clone()),
        (None, vec!["老王".to_string()])
    );
    assert!(tax.iter().find(|g| g.group == "购买次数").unwrap().auto);
}

// ───────────────────────────── books made before ─────────────────────────────

#[test]
fn a_book_from_before_is_planned_again_with_tiers_derived_tags_and_rotting_on_open() {
    use salesbook::store::migration_sql;
    let d = Desk::new("default", "2026-03-20T09:00:00+08:00");
    {
        let conn = rusqlite::Connection::open(&d.path).unwrap();
        for v in 1..=4 {
            conn.execute_batch(migration_sql(v).unwrap()).unwrap();
        }
        // A buyer, and a lead idle in 挖需求 since 03-02, planned with this very template
        // id and version by the version before.
        let t0 = at("2026-03-02T09:00:00+08:00").timestamp();
        conn.execute_batch(&format!(
            "PRAGMA user_version = 4; PRAGMA application_id = {};
             INSERT INTO contacts (id, name, stage, stage_since, outcome, archived, created_at,
                 updated_at, last_touch_at, grade, grade_since)
             VALUES (1, '老客', 'aftercare', {t0}, 'won', 0, {t0}, {t0}, {t0}, 'A', {t0}),
                    (2, '线索', 'discover', {t0}, 'open', 0, {t0}, {t0}, {t0}, 'C', {t0});
             INSERT INTO purchases (contact_id, at, product, amount_cents)
             VALUES (1, {t0}, '家庭营养礼盒', 59900);
             INSERT INTO interactions (contact_id, at, kind, body, product)
             VALUES (1, {t0}, 'won', NULL, '家庭营养礼盒'), (2, {t0}, 'message', '你好', NULL);
             INSERT INTO settings (key, value) VALUES ('followups_planned_with', 'default@2');",
            salesbook::store::APPLICATION_ID
        ))
        .unwrap();
    }
    let book = d.book();
    let view = book.view();
    let buyer = view.contact(1).unwrap();
    assert_eq!(buyer.tier, Some(Tier::C));
    let tags: Vec<String> = buyer.tags.iter().map(|t| t.to_string()).collect();
    assert_eq!(tags, ["客户层级/内容种草", "购买次数/1次"]);
    // The idle lead rots (5 days in 挖需求), and its items know from when.
    let open = view.open_followups_of(2).unwrap();
    assert!(!open.is_empty());
    assert!(open.iter().all(|f| f.rot_from.is_some()), "{open:#?}");
    let overdue = view
        .agenda_items(d.now.with_timezone(&cn()).date_naive(), 0, 10, true)
        .unwrap()
        .sections
        .into_iter()
        .find(|(s, _)| *s == Section::Overdue)
        .unwrap()
        .1;
    let lead = overdue.iter().find(|i| i.contact_id == 2).unwrap();
    assert!(
        lead.terms.iter().any(|t| t.name == "rotting"),
        "{:?}",
        lead.terms
    );
}
