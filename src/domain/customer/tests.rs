use super::*;
use crate::domain::fixtures::{History, at, default_template};
use crate::domain::followup::Inbound;

fn bought(h: &mut History, id: i64, when: &str, product: &str, yuan: Option<i64>) {
    h.purchases.push(Purchase {
        id,
        at: at(when),
        product: Some(product.into()),
        amount_cents: yuan.map(|y| y * 100),
    });
}

fn wrote(h: &mut History, when: &str) {
    h.inbound.push(Inbound {
        at: at(when),
        text: "👍".into(),
    });
}

#[test]
fn stats_count_what_the_customer_did_from_the_first_purchase_on() {
    let mut h = History::new(at("2026-01-01T09:00:00+08:00"));
    wrote(&mut h, "2026-01-05T09:00:00+08:00");
    assert_eq!(stats(&h.facts()), CustomerStats::default());
    bought(
        &mut h,
        2,
        "2026-03-01T09:00:00+08:00",
        "年度会员",
        Some(1999),
    );
    bought(&mut h, 1, "2026-02-01T09:00:00+08:00", "手工皂", None);
    // Before the first purchase: not counted; at its very instant and after: counted.
    wrote(&mut h, "2026-02-01T08:59:59+08:00");
    wrote(&mut h, "2026-02-01T09:00:00+08:00");
    wrote(&mut h, "2026-02-20T09:00:00+08:00");
    wrote(&mut h, "2026-03-20T09:00:00+08:00");
    assert_eq!(
        stats(&h.facts()),
        CustomerStats {
            purchases: 2,
            amount_cents: 199_900,
            inbound: 3,
        }
    );
}

/// The default template with the aftercare scripts' ids as given.
fn with_aftercare_scripts(ids: &[&str]) -> Template {
    let mut t = default_template();
    let scripts = &mut t.stages[Stage::Aftercare.index()].scripts;
    let model = scripts[0].clone();
    *scripts = ids
        .iter()
        .map(|id| {
            let mut s = model.clone();
            s.id = id.to_string();
            s
        })
        .collect();
    t
}

#[test]
fn a_repurchase_reminder_offers_the_templates_repurchase_script() {
    for (ids, want) in [
        (
            &["usage-guide", "early-renewal", "repurchase-reminder"][..],
            Some("repurchase-reminder"),
        ),
        (
            &["usage-guide", "course-renewal"][..],
            Some("course-renewal"),
        ),
        (
            &["repurchase-soon", "usage-guide"][..],
            Some("repurchase-soon"),
        ),
        (&["usage-guide", "surprise"][..], None),
    ] {
        let t = with_aftercare_scripts(ids);
        assert_eq!(repurchase_script(&t).as_deref(), want, "{ids:?}");
    }
}

/// A course of ten sessions a week apart, renewal asked when two are left and again
/// five days after each reminder dealt with.
fn course() -> Product {
    Product {
        name: "十次护理".into(),
        aliases: Vec::new(),
        kind: crate::domain::sop::ProductKind::Service,
        cycle_days: 0,
        remind_before_days: 0,
        remind_every_days: 5,
        sessions: Some(10),
        session_every_days: 7,
        renew_when_left: 2,
    }
}

fn course_template() -> Template {
    let mut t = default_template();
    t.products.push(course());
    t
}

/// Bought the course (purchase 1) on 1 March, 10:00.
fn on_course() -> History {
    let mut h = History::new(at("2026-02-01T09:00:00+08:00"));
    bought(
        &mut h,
        1,
        "2026-03-01T10:00:00+08:00",
        "十次护理",
        Some(3000),
    );
    h
}

fn close(h: &mut History, track: Track, purchase: i64, when: &str, skipped: bool) {
    let step = h
        .closed
        .iter()
        .filter(|c| c.track == track && c.purchase_id == Some(purchase))
        .count() as u32;
    h.closed.push(crate::domain::followup::Closed {
        track,
        step,
        purchase_id: Some(purchase),
        at: at(when),
        skipped,
    });
}

/// Sessions of purchase 1 closed on consecutive days from 2 March, 10:00: `true` for one
/// that did not happen.
fn sessions_closed(h: &mut History, skipped: &[bool]) {
    for (i, s) in skipped.iter().enumerate() {
        let when = format!("2026-03-{:02}T10:00:00+08:00", i + 2);
        close(h, Track::Session, 1, &when, *s);
    }
}

fn seen(p: &[Planned]) -> Vec<(Track, u32, DateTime<Utc>, String)> {
    p.iter()
        .map(|p| (p.track, p.step, p.due, p.action.clone()))
        .collect()
}

#[test]
fn the_first_session_is_planned_a_period_after_the_purchase() {
    let got = sessions(&course_template(), &on_course().facts());
    assert_eq!(
        seen(&got),
        [(
            Track::Session,
            0,
            at("2026-03-08T10:00:00+08:00"),
            "疗程/课时 1/10：十次护理".to_string()
        )]
    );
    assert_eq!(got[0].purchase_id, Some(1));
    // Not a product with a cycle to remind of.
    assert!(repurchases(&course_template(), &on_course().facts()).is_empty());
}

#[test]
fn each_session_follows_the_last_one_closed_done_or_skipped() {
    let mut h = on_course();
    sessions_closed(&mut h, &[false, true, false]);
    // Another purchase's session and this purchase's other tracks do not count.
    close(
        &mut h,
        Track::Session,
        2,
        "2026-03-20T10:00:00+08:00",
        false,
    );
    close(
        &mut h,
        Track::Repurchase,
        1,
        "2026-03-21T10:00:00+08:00",
        false,
    );
    close(
        &mut h,
        Track::Aftercare,
        1,
        "2026-03-22T10:00:00+08:00",
        false,
    );
    let got = sessions(&course_template(), &h.facts());
    assert_eq!(
        seen(&got),
        [(
            Track::Session,
            3,
            at("2026-03-11T10:00:00+08:00"),
            "疗程/课时 4/10：十次护理".to_string()
        )]
    );
}

#[test]
fn renewal_is_asked_once_only_a_few_sessions_are_left() {
    let mut h = on_course();
    // Seven used: three left, no renewal yet.
    sessions_closed(&mut h, &[false; 7]);
    let got = sessions(&course_template(), &h.facts());
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].track, Track::Session);

    // The eighth leaves two: renewal, due when it was closed.
    let mut h = on_course();
    sessions_closed(&mut h, &[false; 8]);
    let got = sessions(&course_template(), &h.facts());
    assert_eq!(
        seen(&got),
        [
            (
                Track::Session,
                8,
                at("2026-03-16T10:00:00+08:00"),
                "疗程/课时 9/10：十次护理".to_string()
            ),
            (
                Track::Repurchase,
                0,
                at("2026-03-09T10:00:00+08:00"),
                "复购提醒：十次护理（2/10）".to_string()
            ),
        ]
    );
    assert_eq!(got[1].purchase_id, Some(1));
    assert_eq!(got[1].script.as_deref(), Some("repurchase-reminder"));
}

#[test]
fn skipped_sessions_are_not_used_up() {
    let mut h = on_course();
    // Nine closed, two of them skipped: seven used, three left.
    sessions_closed(
        &mut h,
        &[false, true, false, false, true, false, false, false, false],
    );
    let got = sessions(&course_template(), &h.facts());
    assert_eq!(seen(&got).len(), 1, "{got:?}");
    assert_eq!(got[0].action, "疗程/课时 10/10：十次护理");
    // One more used: renewal, due at the eighth session used (the tenth closed).
    close(
        &mut h,
        Track::Session,
        1,
        "2026-03-20T10:00:00+08:00",
        false,
    );
    let got = sessions(&course_template(), &h.facts());
    assert_eq!(
        seen(&got),
        [(
            Track::Repurchase,
            0,
            at("2026-03-20T10:00:00+08:00"),
            "复购提醒：十次护理（2/10）".to_string()
        )]
    );
}

#[test]
fn a_finished_course_asks_only_for_renewal_until_bought_again() {
    let mut h = on_course();
    sessions_closed(&mut h, &[false; 10]);
    let got = sessions(&course_template(), &h.facts());
    assert_eq!(
        seen(&got),
        [(
            Track::Repurchase,
            0,
            at("2026-03-09T10:00:00+08:00"),
            "复购提醒：十次护理（0/10）".to_string()
        )]
    );
    // A reminder dealt with: the next five days later.
    close(
        &mut h,
        Track::Repurchase,
        1,
        "2026-03-13T12:00:00+08:00",
        true,
    );
    let got = sessions(&course_template(), &h.facts());
    assert_eq!(got[0].step, 1);
    assert_eq!(got[0].due, at("2026-03-18T12:00:00+08:00"));
    // The course bought again: the old one asks for nothing more.
    bought(&mut h, 2, "2026-03-25T10:00:00+08:00", "十次护理", None);
    let got = sessions(&course_template(), &h.facts());
    assert_eq!(
        seen(&got),
        [(
            Track::Session,
            0,
            at("2026-04-01T10:00:00+08:00"),
            "疗程/课时 1/10：十次护理".to_string()
        )]
    );
    assert_eq!(got[0].purchase_id, Some(2));
}

fn born(birthday: &str, created: &str) -> History {
    let mut h = History::new(at(created));
    h.contact.birthday = Some(birthday.parse().unwrap());
    h
}

fn cn() -> FixedOffset {
    crate::domain::fixtures::cn()
}

#[test]
fn a_birthday_is_planned_on_its_day_for_this_year_and_three_more() {
    let t = default_template();
    let h = born("1990-05-20", "2026-01-10T09:00:00+08:00");
    let got = occasions(&t, &h.facts(), cn());
    let days: Vec<_> = got.iter().map(|p| (p.track, p.step, p.due)).collect();
    assert_eq!(
        days,
        [
            (Track::Birthday, 2026, at("2026-05-20T09:00:00+08:00")),
            (Track::Birthday, 2027, at("2027-05-20T09:00:00+08:00")),
            (Track::Birthday, 2028, at("2028-05-20T09:00:00+08:00")),
            (Track::Birthday, 2029, at("2029-05-20T09:00:00+08:00")),
        ]
    );
    let p = &got[0];
    assert_eq!(p.action, "生日当天送上祝福（提前一周准备小礼）");
    assert_eq!(p.script.as_deref(), Some("birthday"));
    // Shown a week ahead (to send a gift in time), gone a week after.
    assert_eq!(p.starts, Some(at("2026-05-13T09:00:00+08:00")));
    assert_eq!(p.expires, Some(at("2026-05-27T09:00:00+08:00")));
}

#[test]
fn an_anniversary_has_its_own_track_and_notice() {
    let t = default_template();
    let mut h = History::new(at("2026-01-10T09:00:00+08:00"));
    h.contact.anniversary = Some("2020-10-01".parse().unwrap());
    let got = occasions(&t, &h.facts(), cn());
    assert_eq!(got.len(), 4);
    let p = &got[0];
    assert_eq!((p.track, p.step), (Track::Anniversary, 2026));
    assert_eq!(p.due, at("2026-10-01T09:00:00+08:00"));
    assert_eq!(p.starts, Some(at("2026-09-28T09:00:00+08:00")));
    assert_eq!(p.script.as_deref(), Some("anniversary"));
    assert!(occasions(&t, &on_course().facts(), cn()).is_empty());
}

#[test]
fn no_occasion_before_the_contact_was_added_or_once_closed() {
    let t = default_template();
    // Added on the birthday itself, at 09:00 sharp: still this year's.
    let mut h = born("1990-05-20", "2026-05-20T09:00:00+08:00");
    assert_eq!(occasions(&t, &h.facts(), cn())[0].step, 2026);
    h.contact.created_at = at("2026-05-20T09:00:01+08:00");
    assert_eq!(occasions(&t, &h.facts(), cn())[0].step, 2027);
    h.closed.push(crate::domain::followup::Closed {
        track: Track::Birthday,
        step: 2027,
        purchase_id: None,
        at: at("2027-05-20T10:00:00+08:00"),
        skipped: false,
    });
    let years: Vec<_> = occasions(&t, &h.facts(), cn())
        .iter()
        .map(|p| p.step)
        .collect();
    assert_eq!(years, [2028, 2029, 2030]);
}

#[test]
fn the_years_start_from_the_latest_fact_in_local_time() {
    let t = default_template();
    let mut h = born("1990-05-20", "2026-01-10T09:00:00+08:00");
    // New Year's Eve in UTC, already 2027 in Beijing.
    h.touches.push(at("2026-12-31T20:00:00Z"));
    let years: Vec<_> = occasions(&t, &h.facts(), cn())
        .iter()
        .map(|p| p.step)
        .collect();
    assert_eq!(years, [2027, 2028, 2029, 2030]);
}

#[test]
fn a_leap_day_is_kept_on_28_february_in_other_years() {
    let t = default_template();
    let h = born("2000-02-29", "2026-01-10T09:00:00+08:00");
    let days: Vec<_> = occasions(&t, &h.facts(), cn())
        .iter()
        .map(|p| p.due)
        .collect();
    assert_eq!(
        days,
        [
            at("2026-02-28T09:00:00+08:00"),
            at("2027-02-28T09:00:00+08:00"),
            at("2028-02-29T09:00:00+08:00"),
            at("2029-02-28T09:00:00+08:00"),
        ]
    );
}

#[test]
fn an_occasion_without_notice_has_no_start_of_its_own() {
    let mut t = default_template();
    for o in &mut t.occasions {
        o.ahead_days = 0;
    }
    let h = born("1990-05-20", "2026-01-10T09:00:00+08:00");
    let got = occasions(&t, &h.facts(), cn());
    assert_eq!(got[0].starts, None);
    assert_eq!(got[0].expires, Some(at("2026-05-27T09:00:00+08:00")));
}
