//! Property tests (proptest) over random contacts, histories and clocks. Part of `followup_engine.rs`, whose helpers it uses.

use super::*;

// ───────────────────────────── properties ─────────────────────────────

const PRODUCTS: [Option<&str>; 5] = [
    Some("家庭营养礼盒"),
    Some("标准套装（季装）"),
    Some("年度服务"),
    Some("神秘礼盒"),
    None,
];

/// A random contact and history: times are minutes after a base, touches and closes
/// happen between creation and "now", as in a real book.
#[derive(Debug, Clone)]
struct Random {
    case: Case,
    now: DateTime<Utc>,
    offset: FixedOffset,
}

fn base() -> DateTime<Utc> {
    at("2026-01-01T00:00:00Z")
}

fn grade_strategy() -> impl Strategy<Value = Option<Grade>> {
    prop_oneof![
        Just(None),
        Just(Some(Grade::A)),
        Just(Some(Grade::B)),
        Just(Some(Grade::C)),
        Just(Some(Grade::D)),
    ]
}

fn track_strategy() -> impl Strategy<Value = Track> {
    prop_oneof![
        Just(Track::FirstResponse),
        Just(Track::Cadence),
        Just(Track::Aftercare),
        Just(Track::Repurchase),
        Just(Track::Reactivation),
    ]
}

prop_compose! {
    fn random_case()(
        created_min in 0i64..60 * 1440,
        span in prop_oneof![0i64..180, 0i64..3 * 1440, 0i64..200 * 1440],
        grade in grade_strategy(),
        grade_at in 0.0f64..1.0,
        outcome in 0u8..10,
        archived in proptest::bool::weighted(0.05),
        touch_at in proptest::collection::vec(0.0f64..1.0, 0..14),
        closed in proptest::collection::vec((track_strategy(), 0u32..7, 0.0f64..1.0, any::<bool>()), 0..6),
        buys in proptest::collection::vec((0usize..PRODUCTS.len(), 0.0f64..1.0), 0..4),
        offset_h in -12i32..=14,
        snooze in proptest::option::weighted(0.3, (any::<prop::sample::Index>(), 1i64..60 * 1440)),
        snap in 0u8..4,
    ) -> Random {
        let created = base() + mins(created_min);
        let now = created + mins(span);
        let within = |f: f64| created + secs((span as f64 * 60.0 * f) as i64);
        let mut case = Case::new(created).id(created_min % 97 + 1);
        // Sometimes the grade is set, or the last touch made, at "now" itself: the rep acts
        // within the same second.
        let grade_at = if snap == 1 { 1.0 } else { grade_at * grade_at };
        if let Some(g) = grade {
            case = case.regrade(Some(g), within(grade_at));
        }
        let mut times: Vec<DateTime<Utc>> = touch_at.iter().map(|f| within(*f)).collect();
        if snap == 2 && !times.is_empty() {
            times.push(now);
        }
        times.sort();
        case = case.touches(&times);
        for (track, step, f, with_touch) in closed {
            let when = within(f);
            case = if with_touch {
                case.done(track, step, when)
            } else {
                case.skip(track, step, when)
            };
        }
        // Purchases (wins) in time order, each a new id.
        let mut wins: Vec<(DateTime<Utc>, Option<&str>)> =
            buys.iter().map(|(p, f)| (within(*f), PRODUCTS[*p])).collect();
        wins.sort();
        let has_wins = !wins.is_empty();
        for (i, (when, product)) in wins.into_iter().enumerate() {
            case = case.won(when, i as i64 + 1, product);
        }
        // Some buyers were reopened (open again, history kept), some lost.
        match outcome {
            0 if has_wins => case.contact.outcome = Outcome::Open,
            1 => case.contact.outcome = Outcome::Lost,
            _ => {}
        }
        if archived {
            case = case.archived();
        }
        let offset = FixedOffset::east_opt(offset_h * 3600).unwrap();
        // A snooze as the service makes one: of a currently planned follow-up, to a later time.
        if let Some((pick, ahead)) = snooze {
            let plan = case.plan_in(now, offset);
            if !plan.is_empty() {
                let p = &plan[pick.index(plan.len())];
                case.snoozed.push(Snooze {
                    track: p.track,
                    step: p.step,
                    purchase_id: p.purchase_id,
                    until: now + mins(ahead),
                });
            }
        }
        Random { case, now, offset }
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 512,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    /// (a) Nothing is ever due before the contact existed.
    #[test]
    fn nothing_is_due_before_creation(r in random_case()) {
        for p in r.case.plan_in(r.now, r.offset) {
            prop_assert!(p.due >= r.case.contact.created_at, "{p:?} before {}", r.case.contact.created_at);
        }
    }

    /// (b) A wake-up done at its due never puts more than the cap in the 30 days up to it
    /// (the suggestion to mark a given-up contact lost is no message to the customer).
    #[test]
    fn reactivation_never_plans_past_the_cap(r in random_case()) {
        let cap = tpl().cadences["dormant"].max_touches_per_30d.unwrap() as usize;
        let give_up = tpl().cadences["dormant"].give_up_after.unwrap();
        for p in r.case.plan_in(r.now, r.offset).iter().filter(|p| p.track == Track::Reactivation && p.step < give_up) {
            let mut touches = r.case.touches.clone();
            touches.push(p.due);
            touches.sort();
            let window = touches
                .iter()
                .filter(|t| **t > p.due - days(30) && **t <= p.due)
                .count();
            prop_assert!(window <= cap, "{window} touches in the 30 days up to {:?}: {touches:?}", p.due);
            let since = p.starts.unwrap_or(p.due);
            prop_assert_eq!(followup::touches_over_cap(tpl(), &touches, since, p.due), 0);
        }
    }

    /// (c) After `done` at t, what the track asks for next is strictly later than t, and it
    /// is the next step: exactly one step further on the same track (or reactivation).
    #[test]
    fn after_done_the_next_step_is_strictly_later(
        r in random_case(),
        later in prop_oneof![Just(0i64), 0i64..3 * 1440, 0i64..40 * 1440],
    ) {
        let plan = r.case.plan_in(r.now, r.offset);
        let t = r.now + mins(later);
        for p in &plan {
            let mut done = r.case.clone();
            done.snoozed.retain(|s| !(s.track == p.track && s.step == p.step && s.purchase_id == p.purchase_id));
            done.closed.push(Closed { track: p.track, step: p.step, purchase_id: p.purchase_id, at: t, skipped: false });
            done = done.touch(t);
            let next = done.plan_in(t, r.offset);
            for q in &next {
                let same_track = match p.track {
                    Track::Repurchase => q.purchase_id == p.purchase_id,
                    Track::FirstResponse => q.track == Track::FirstResponse,
                    _ => matches!(q.track, Track::Cadence | Track::Aftercare | Track::Reactivation),
                };
                if same_track {
                    prop_assert!(q.due > t, "done {p:?} at {t}, next {q:?}");
                }
                match (p.track, q.track) {
                    (Track::Cadence, Track::Cadence) | (Track::Aftercare, Track::Aftercare) => {
                        prop_assert_eq!(q.step, p.step + 1, "done {:?} at {}, next {:?}", p, t, q);
                    }
                    (Track::Reactivation, Track::Reactivation) => {
                        // One step on; or, done before dormancy began, dormancy counts again.
                        prop_assert!(
                            q.step == p.step + 1 || (p.step == 0 && q.step == 0),
                            "done {p:?} at {t}, next {q:?}"
                        );
                    }
                    _ => {}
                }
            }
        }
    }

    /// (d) Ranking is a total order: any input order sorts to the same list, ranked by
    /// urgency (desc), then due, then id.
    #[test]
    fn ranking_is_a_total_order(
        rs in proptest::collection::vec(random_case(), 1..8),
        seed in any::<u64>(),
    ) {
        let now = rs[0].now;
        let mut items: Vec<(f64, DateTime<Utc>, i64)> = Vec::new();
        let mut id = 0;
        for r in &rs {
            for p in r.case.plan_in(r.now, r.offset) {
                let terms = followup::urgency(tpl(), &r.case.contact, p.track, 0, p.due, id % 3 == 0, now);
                let score = (followup::score(&terms) * 10.0).round() / 10.0;
                // Ties on urgency and on due, on purpose.
                id += 1;
                items.push((score, p.due, id));
                items.push((score, p.due, id + 1000));
            }
        }
        let mut sorted = items.clone();
        sorted.sort_by(|a, b| followup::rank_cmp(*a, *b));
        let mut shuffled = items.clone();
        let mut s = seed;
        for i in (1..shuffled.len()).rev() {
            s = s.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            shuffled.swap(i, (s >> 33) as usize % (i + 1));
        }
        shuffled.sort_by(|a, b| followup::rank_cmp(*a, *b));
        prop_assert_eq!(&shuffled, &sorted);
        let mut reversed: Vec<_> = items.iter().rev().copied().collect();
        reversed.sort_by(|a, b| followup::rank_cmp(*a, *b));
        prop_assert_eq!(&reversed, &sorted);
        for w in sorted.windows(2) {
            let (a, b) = (w[0], w[1]);
            prop_assert!(
                a.0 > b.0 || (a.0 == b.0 && (a.1 < b.1 || (a.1 == b.1 && a.2 < b.2))),
                "{a:?} before {b:?}"
            );
            prop_assert_eq!(followup::rank_cmp(a, b), Ordering::Less);
            prop_assert_eq!(followup::rank_cmp(b, a), Ordering::Greater);
        }
    }

    /// (e) The engine is a function of its inputs.
    #[test]
    fn the_engine_is_deterministic(r in random_case()) {
        let a = r.case.plan_in(r.now, r.offset);
        let b = r.case.clone().plan_in(r.now, r.offset);
        prop_assert_eq!(&a, &b);
        // Closed entries in another order plan the same.
        let mut rev = r.case.clone();
        rev.closed.reverse();
        prop_assert_eq!(&rev.plan_in(r.now, r.offset), &a);
        // Dues come sorted.
        prop_assert!(a.windows(2).all(|w| w[0].due <= w[1].due));
        for p in &a {
            let t1 = followup::urgency(tpl(), &r.case.contact, p.track, 0, p.due, false, r.now);
            let t2 = followup::urgency(tpl(), &r.case.contact, p.track, 0, p.due, false, r.now);
            prop_assert_eq!(t1, t2);
        }
    }
}

#[test]
fn tracks_print_as_their_stored_keys_and_read_back() {
    assert_eq!(Track::FirstResponse.to_string(), "first_response");
    assert_eq!(Track::AfterAppointment.to_string(), "after_appointment");
    for t in Track::ALL {
        assert_eq!(t.to_string(), t.key());
        assert_eq!(t.to_string().parse::<Track>(), Ok(t));
    }
}

#[test]
fn the_last_purchase_is_the_latest_ones_product_as_recorded() {
    let start = c0();
    let case = Case::new(start);
    assert_eq!(case.facts().last_purchase(), None, "before any purchase");
    let case = case.won(start + days(1), 1, Some("面霜"));
    assert_eq!(case.facts().last_purchase(), Some(Some("面霜")));
    // A later purchase with no product recorded: known to have bought, product unknown.
    let mut case = case;
    case.purchases.push(Purchase {
        id: 2,
        at: start + days(5),
        product: None,
        amount_cents: Some(9_900),
    });
    assert_eq!(case.facts().last_purchase(), Some(None));
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 256,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    /// Contact hours move items, never add or drop one: the built-in template (09:00-21:00)
    /// plans the same follow-ups as the same template at any hour, each either at the same
    /// time or within the hours; a first reply and a snoozed item keep their time.
    #[test]
    fn contact_hours_move_items_into_the_day_and_nothing_else(r in random_case()) {
        let with = super::builtin();
        let hours = with.contact_hours.unwrap();
        let key = |p: &Planned| (p.track, p.step, p.purchase_id);
        let mut plain = followup::plan_full(tpl(), &r.case.facts(), r.offset);
        let mut moved = followup::plan_full(&with, &r.case.facts(), r.offset);
        plain.sort_by_key(key);
        moved.sort_by_key(key);
        prop_assert_eq!(plain.iter().map(key).collect::<Vec<_>>(), moved.iter().map(key).collect::<Vec<_>>());
        for (a, b) in plain.iter().zip(&moved) {
            let snoozed = r.case.snoozed.iter().any(|s| (s.track, s.step, s.purchase_id) == key(a));
            if snoozed || a.track == Track::FirstResponse {
                prop_assert_eq!(a.due, b.due, "{:?}", a);
                continue;
            }
            let local = b.due.with_timezone(&r.offset).time();
            prop_assert!(
                a.due == b.due || (hours.start..hours.end).contains(&local),
                "{:?} moved to {} ({})", a, b.due, local
            );
        }
    }
}

/// A win at 15:00 asks for the usage guide twelve hours on: 03:00 at any hour, 09:00 within
/// the built-in hours; the repurchase reminder, at 15:00, stays.
#[test]
fn an_item_due_at_night_is_due_when_the_hours_begin() {
    let w = at("2026-03-06T15:00:00+08:00");
    let case = Case::new(c0())
        .grade(Grade::A)
        .touches(&[at("2026-03-02T09:20:00+08:00")])
        .won(w, 7, Some("标准套装（季装）"));
    let with = builtin();
    assert_eq!(
        show(&case.plan_with(&with, w, cn()), cn()),
        [
            "aftercare#0 2026-03-07 09:00:00 usage-guide",
            "repurchase#0/p7 2026-05-20 15:00:00 repurchase-reminder",
        ]
    );
    assert_eq!(
        case.show(w)[0],
        "aftercare#0 2026-03-07 03:00:00 usage-guide"
    );
    // The rep's day is in the rep's zone: in London the same 03:00 (Beijing) is 19:00.
    assert_eq!(
        show(&case.plan_with(&with, w, utc0()), utc0())[0],
        "aftercare#0 2026-03-06 19:00:00 usage-guide"
    );
}
