//! The agenda walks' unit tests: on a list of rows that counts what a walk reads.

use super::*;
use crate::domain::followup::Track;
use chrono::Utc;

fn at(s: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(s, 0).unwrap()
}

fn row(id: i64, due: i64) -> AgendaRow {
    AgendaRow {
        id,
        contact_id: id,
        track: Track::Cadence,
        step: 0,
        due: at(due),
        action: String::new(),
        script: None,
        score_base: 0.0,
        valid_from: None,
        rot_from: None,
        card: None,
    }
}

fn window(from: Option<i64>, until: i64) -> Window {
    Window {
        first_replies: false,
        from: from.map(at),
        until: at(until),
        now: at(1_790_000_000),
        cards: false,
        rank: None,
    }
}

#[test]
fn the_keeper_holds_the_first_limit_and_its_floor_admits_ties() {
    let mut best = Best::new(2);
    // Before `limit` items nothing can be turned away.
    assert!(best.open_to(f64::MIN));
    best.offer(1.0, row(1, 100));
    assert!(best.open_to(f64::MIN));
    best.offer(3.0, row(2, 100));
    // The floor is the second best key as soon as there are two.
    assert!(!best.open_to(0.5));
    assert!(
        best.open_to(1.0),
        "a tie with the floor may still win on due or id"
    );
    assert!(best.open_to(2.0));
    // Two more offers (2 × limit) and the floor moves up at once; not before (the
    // keeper sorts every `limit` offers, not on each).
    best.offer(2.0, row(3, 100));
    assert!(
        best.open_to(1.5),
        "the floor is still 1.0 after one more offer"
    );
    best.offer(0.5, row(4, 100));
    assert!(!best.open_to(1.5), "the floor is now 2.0");
    assert!(best.open_to(2.0));
    // Equal keys: the earlier due, then the lower id, whatever the order offered.
    best.offer(3.0, row(9, 50));
    best.offer(3.0, row(8, 50));
    let ids: Vec<i64> = best.rows().iter().map(|f| f.id).collect();
    assert_eq!(ids, [8, 9]);
}

#[test]
fn a_limit_of_one_moves_its_floor_after_two_offers() {
    let mut best = Best::new(1);
    best.offer(1.0, row(1, 100));
    assert!(!best.open_to(0.9));
    best.offer(5.0, row(2, 100));
    assert!(!best.open_to(4.9), "the floor follows the best of the two");
    assert_eq!(best.rows().iter().map(|f| f.id).collect::<Vec<_>>(), [2]);
}

const D: i64 = DAY_SECONDS;

/// A new book has the day index, so its agenda walks: the book as a `DaySource` says so.
#[test]
fn a_new_book_has_the_day_index() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) =
        crate::store::Store::open(&dir.path().join("b.sqlite"), true, None).expect("a new book");
    assert!(DaySource::has_day_index(&store.snap()).unwrap());
}

/// A book as a list of rows: ranks a window the plain way (sort everything), walks a day
/// by `score_base`, and counts what the walks read.
struct Rows {
    t: Template,
    rows: Vec<AgendaRow>,
    indexed: bool,
    walked: std::cell::Cell<usize>,
    walks: std::cell::Cell<usize>,
}

impl Rows {
    fn new(t: Template, rows: Vec<AgendaRow>) -> Rows {
        Rows {
            t,
            rows,
            indexed: true,
            walked: Default::default(),
            walks: Default::default(),
        }
    }

    fn ours(w: &Window, f: &AgendaRow) -> bool {
        w.from.is_none_or(|s| f.due >= s)
            && f.due < w.until
            && f.track != Track::FirstResponse
            && f.valid_from.is_none_or(|v| v <= w.now)
    }
}

impl DaySource for Rows {
    fn ranked(&self, w: &Window, limit: usize) -> Result<Vec<AgendaRow>> {
        let key = |f: &AgendaRow| {
            followup::rank_key(&self.t, f.track, f.score_base, f.due, f.rot_from, w.now)
        };
        let mut all: Vec<&AgendaRow> = self.rows.iter().filter(|f| Rows::ours(w, f)).collect();
        all.sort_by(|a, b| followup::rank_cmp((key(a), a.due, a.id), (key(b), b.due, b.id)));
        Ok(all.into_iter().take(limit).cloned().collect())
    }
    fn has_day_index(&self) -> Result<bool> {
        Ok(self.indexed)
    }
    fn count_due_between(&self, lo: i64, hi: i64, cap: usize) -> Result<usize> {
        let due = |f: &&AgendaRow| (lo..=hi).contains(&f.due.timestamp());
        Ok(self.rows.iter().filter(due).count().min(cap))
    }
    fn walk_day(
        &self,
        w: &Window,
        day: i64,
        rots: Option<bool>,
        least: f64,
        visit: &mut dyn FnMut(Met<'_>) -> Result<bool>,
    ) -> Result<()> {
        self.walks.set(self.walks.get() + 1);
        let rotting = |f: &AgendaRow| {
            f.rot_from
                .is_some_and(|r| r.timestamp() <= w.now.timestamp())
        };
        let mut on_day: Vec<&AgendaRow> = self
            .rows
            .iter()
            .filter(|f| f.due.timestamp() / D == day && Rows::ours(w, f))
            .filter(|f| rots.is_none_or(|r| rotting(f) == r) && f.score_base >= least)
            .collect();
        on_day.sort_by(|a, b| b.score_base.total_cmp(&a.score_base));
        for f in on_day {
            self.walked.set(self.walked.get() + 1);
            if !visit(Met::from(f.clone()))? {
                break;
            }
        }
        Ok(())
    }
}

fn template(rate: f64, rotting: f64) -> Template {
    let mut t = crate::domain::fixtures::default_template();
    t.urgency.per_overdue_day = rate;
    t.urgency.rotting = rotting;
    t
}

/// A thousand items due later today, a second and a point of score apart (at the day's
/// overdue rate of 3), those for which `rots` holds rotting since a second before `now`.
fn later_today(now: i64, rots: impl Fn(i32) -> bool) -> Vec<AgendaRow> {
    (0..1000)
        .map(|i| AgendaRow {
            score_base: f64::from(i) - 3.0 * (now + 60 + i64::from(i)) as f64 / 86_400.0,
            rot_from: rots(i).then(|| at(now - 1)),
            ..row(i64::from(i) + 1, now + 60 + i64::from(i))
        })
        .collect()
}

#[test]
fn a_day_walk_stops_soon_after_the_first_limit() {
    let now = 1_790_000_000 - 1_790_000_000 % D + 3600;
    let rows = later_today(now, |i| i % 3 == 0);
    let book = Rows::new(template(3.0, 10.0), rows);
    let w = Window {
        now: at(now),
        ..window(Some(now), now - now % D + D)
    };
    let got = best_not_due(&book, &book.t, &w, 5).unwrap();
    assert_eq!(got, book.ranked(&w, 5).unwrap());
    // Two walks: the items whose contacts do not rot, then those that do.
    assert_eq!(book.walks.get(), 2);
    // The fifth best is within a point or two of the best; the day's rate (3) lets the
    // first walk stop a few items further down, and the rotting weight (10) the second
    // some fifteen items down (a third of them rot).
    assert!(book.walked.get() < 25, "walked {}", book.walked.get());
    // Without the day index, or with nothing to keep, nothing is walked.
    let old = Rows {
        indexed: false,
        ..Rows::new(template(3.0, 10.0), book.rows.clone())
    };
    assert_eq!(best_not_due(&old, &old.t, &w, 5).unwrap(), got);
    assert_eq!(best_not_due(&book, &book.t, &w, 0).unwrap(), vec![]);
    assert_eq!((old.walks.get(), book.walks.get()), (0, 2));
}

/// Where few items rot, the others' walk stops without the rotting weight in its bound,
/// and the walk of those that rot reads no further down than the weight allows.
#[test]
fn items_that_rot_are_walked_apart() {
    let now = 1_790_000_000 - 1_790_000_000 % D + 3600;
    // One in fifty rots.
    let rows = later_today(now, |i| i % 50 == 7);
    let w = Window {
        now: at(now),
        ..window(Some(now), now - now % D + D)
    };
    let book = Rows::new(template(3.0, 10.0), rows.clone());
    let got = best_not_due(&book, &book.t, &w, 20).unwrap();
    assert_eq!(got, book.ranked(&w, 20).unwrap());
    // Twenty kept and a few past them, then the one rotting item within 10 points.
    assert!(book.walked.get() < 30, "walked {}", book.walked.get());
    // Without the weight: one walk, as short.
    let none = Rows::new(template(3.0, 0.0), rows);
    let plain = best_not_due(&none, &none.t, &w, 20).unwrap();
    assert_eq!(plain, none.ranked(&w, 20).unwrap());
    assert_eq!(none.walks.get(), 1, "no weight, one walk");
    assert!(none.walked.get() < 25, "walked {}", none.walked.get());
}

#[test]
fn the_least_score_base_that_can_enter_errs_low() {
    let mut best = Best::new(1);
    assert_eq!(best.least(3.0), f64::NEG_INFINITY, "anything may enter");
    best.offer(100.0, row(1, 100));
    let least = best.least(13.0);
    assert!(least < 87.0 && least > 86.99, "{least}");
    // Whatever rounding does to `score_base + lift`, no item that would be let in is
    // below `least` (those a few bits either side of the exact boundary included), and
    // `least` is below that boundary, but not by much.
    let pairs = [
        (62_400.123, 0.1),
        (62_400.123, 1e-7),
        (62_400.123, 62_345.678),
        (62_400.123, 3.0 * 20_780.5),
        (62_400.123, -62_000.25),
        (10.0, 62_345.678),
        (-3.5, 2.0),
        (0.0, 0.0),
        (0.5, 0.25),
    ];
    for (k, lift) in pairs {
        let mut b = Best::new(1);
        b.offer(k, row(1, 100));
        let least = b.least(lift);
        let edge = k - lift;
        let (mut up, mut down) = (edge, edge);
        for _ in 0..8 {
            for s in [up, down] {
                if b.open_to(s + lift) {
                    assert!(s >= least, "{k} - {lift}: {s} let in, below {least}");
                }
            }
            (up, down) = (up.next_up(), down.next_down());
        }
        assert!(
            !b.open_to(least + lift),
            "{k} - {lift}: `least` is not below the exact boundary"
        );
        let slack = 1e-6 * (k.abs() + lift.abs() + 1.0);
        assert!(least > edge - slack, "{k} - {lift}: {least} is far too low");
    }
    let mut odd = Best::new(1);
    odd.offer(f64::INFINITY, row(1, 100));
    assert_eq!(odd.least(1.0), f64::NEG_INFINITY, "no finite bound");
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(300))]
    /// Walked or ranked in one read, a window's first `limit` are the plain sort's.
    #[test]
    fn walking_the_days_gives_the_plain_ranking(
        items in proptest::collection::vec(
            (0i64..3 * D, 0u8..12, proptest::option::of(-D..D), 0u8..10, 0u8..3),
            0..250,
        ),
        start in -6 * 3600i64..36 * 3600,
        len in 1i64..3 * D,
        limit in 1usize..30,
        rate in proptest::prop_oneof![proptest::strategy::Just(3.0), 0.0f64..10.0],
        rotting in proptest::prop_oneof![proptest::strategy::Just(10.0), -50.0f64..50.0],
    ) {
        let base = 20_415 * D;
        let now = base + 9 * 3600 + 17;
        let t = template(rate, rotting);
        let rows: Vec<AgendaRow> = items
            .iter()
            .enumerate()
            .map(|(i, &(due, standing, rot, live, kind))| {
                let due = base + due;
                AgendaRow {
                    // Few standings, so many ties.
                    score_base: f64::from(standing) * 5.0 - rate * due as f64 / 86_400.0,
                    rot_from: rot.map(|r| at(now + r)),
                    valid_from: (live == 0).then(|| at(now + 60)),
                    track: if kind == 0 { Track::FirstResponse } else { Track::Cadence },
                    ..row(i as i64 + 1, due)
                }
            })
            .collect();
        let book = Rows::new(t, rows);
        let w = Window {
            now: at(now),
            ..window(Some(now + start), now + start + len)
        };
        let got = best_not_due(&book, &book.t, &w, limit).unwrap();
        proptest::prop_assert_eq!(got, book.ranked(&w, limit).unwrap());
        let walked_any = walk_plan(&w).is_some_and(|p| p.iter().any(|d| d.walk));
        // Only a part long enough is walked (one with nothing in it, or few items in a
        // busy day, is not).
        proptest::prop_assert!(book.walks.get() == 0 || walked_any);
    }
}

#[test]
fn a_window_is_walked_by_its_utc_days_and_its_short_parts_ranked() {
    let day = 20_415; // 2025-11-23, UTC
    // Today at 09:00 in UTC+8, to local midnight: 15 hours of one UTC day.
    let today = window(Some(day * D + 3600), day * D + 16 * 3600);
    assert_eq!(
        walk_plan(&today),
        Some(vec![DayPart {
            day,
            lo: day * D + 3600,
            hi: day * D + 16 * 3600 - 1,
            walk: true
        }])
    );
    // Tomorrow in UTC+8: the last 8 hours of one UTC day, the first 16 of the next.
    let tomorrow = window(Some(day * D + 16 * 3600), (day + 1) * D + 16 * 3600);
    assert_eq!(
        walk_plan(&tomorrow),
        Some(vec![
            DayPart {
                day,
                lo: day * D + 16 * 3600,
                hi: (day + 1) * D - 1,
                walk: true
            },
            DayPart {
                day: day + 1,
                lo: (day + 1) * D,
                hi: (day + 1) * D + 16 * 3600 - 1,
                walk: true
            },
        ])
    );
    // Six hours exactly are walked; a second less is ranked in one read.
    let six = |len| walk_plan(&window(Some(day * D), day * D + len)).unwrap()[0].walk;
    assert!(six(6 * 3600));
    assert!(!six(6 * 3600 - 1));
    // The last minute before now.
    let minute = window(Some(day * D + 3541), day * D + 3600);
    assert!(!walk_plan(&minute).unwrap()[0].walk);
    // A window ending on a day's first second holds none of that day.
    let to_midnight = walk_plan(&window(Some(day * D), (day + 1) * D)).unwrap();
    assert_eq!(to_midnight.len(), 1);
    assert_eq!(to_midnight[0].hi, (day + 1) * D - 1);
}

#[test]
fn some_windows_are_ranked_in_one_read() {
    let day = 20_415;
    assert_eq!(walk_plan(&window(None, day * D)), None, "no start");
    assert_eq!(walk_plan(&window(Some(day * D), day * D)), None, "empty");
    assert_eq!(
        walk_plan(&window(Some(day * D), day * D - 5)),
        None,
        "reversed"
    );
    assert_eq!(walk_plan(&window(Some(-3 * D), 3 * D)), None, "before 1970");
    let replies = Window {
        first_replies: true,
        ..window(Some(day * D), (day + 1) * D)
    };
    assert_eq!(walk_plan(&replies), None, "first replies");
    // Up to 62 days are walked, day by day; 63 are not.
    let days = |n| walk_plan(&window(Some(day * D), (day + n) * D)).map(|p| p.len());
    assert_eq!(days(62), Some(62));
    assert_eq!(days(63), None);
    assert_eq!(walk_plan(&window(Some(0), 3600)).map(|p| p.len()), Some(1));
}

/// A day's part with nothing due in it is not walked (the walk would pass the whole day);
/// one with few items in a busy day is ranked in one read; one that holds most of its day
/// is walked. Each way gives the plain ranking.
#[test]
fn a_part_is_walked_only_where_walking_pays() {
    let day = 20_415;
    let now = day * D + 3600;
    // A thousand items due later this UTC day, from 01:01.
    let busy = later_today(now, |i| i % 3 == 0);
    // The night part of tomorrow in UTC+8 (16:00 to midnight, UTC): nothing due in it.
    let night = Window {
        now: at(now),
        ..window(Some(day * D + 16 * 3600), (day + 1) * D)
    };
    let part = walk_plan(&night).unwrap()[0];
    assert!(part.walk, "eight hours is long enough to walk");
    let book = Rows::new(template(3.0, 10.0), busy.clone());
    assert_eq!(part_read(&book, &part, 5).unwrap(), PartRead::Skip);
    assert_eq!(best_not_due(&book, &book.t, &night, 5).unwrap(), vec![]);
    assert_eq!(book.walks.get(), 0);
    // Ten items in the night part of that busy day: ranked in one read.
    let mut sparse = busy.clone();
    sparse.extend((0..10).map(|i| AgendaRow {
        score_base: f64::from(i),
        ..row(2000 + i64::from(i), day * D + 20 * 3600 + i64::from(i))
    }));
    let book = Rows::new(template(3.0, 10.0), sparse.clone());
    assert_eq!(part_read(&book, &part, 5).unwrap(), PartRead::Rank);
    let got = best_not_due(&book, &book.t, &night, 5).unwrap();
    assert_eq!(got, book.ranked(&night, 5).unwrap());
    assert_eq!(got.len(), 5);
    assert_eq!(book.walks.get(), 0);
    // Few items in a quiet day: walked.
    let quiet: Vec<AgendaRow> = sparse[900..].to_vec();
    let book = Rows::new(template(3.0, 10.0), quiet);
    assert_eq!(part_read(&book, &part, 5).unwrap(), PartRead::Walk);
    let got = best_not_due(&book, &book.t, &night, 5).unwrap();
    assert_eq!(got, book.ranked(&night, 5).unwrap());
    assert!(book.walks.get() > 0);
    // More than four times `limit` in the part: walked, however busy the rest of the day.
    let part_items = 60i32;
    sparse.extend((10..part_items).map(|i| AgendaRow {
        score_base: f64::from(i),
        ..row(2000 + i64::from(i), day * D + 20 * 3600 + i64::from(i))
    }));
    let book = Rows::new(template(3.0, 10.0), sparse);
    assert_eq!(part_read(&book, &part, 5).unwrap(), PartRead::Walk);
    let got = best_not_due(&book, &book.t, &night, 5).unwrap();
    assert_eq!(got, book.ranked(&night, 5).unwrap());
    assert!(book.walks.get() > 0);
    // Today from 01:00 holds every one of the day's items: walked.
    let today = Window {
        now: at(now),
        ..window(Some(now), day * D + 16 * 3600)
    };
    let book = Rows::new(template(3.0, 10.0), busy);
    let part = walk_plan(&today).unwrap()[0];
    assert_eq!(part_read(&book, &part, 5).unwrap(), PartRead::Walk);
}
