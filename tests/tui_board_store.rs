//! The board's paged reads against the plain way, on random books: every count, every page
//! (forwards and backwards, any page size), every window around a contact must be exactly
//! what filtering and sorting the whole listing gives.

use chrono::{DateTime, TimeDelta, Utc};
use salesbook::clock::Clock;
use salesbook::domain::command::{Command, SeedContact};
use salesbook::domain::followup::Lifecycle;
use salesbook::domain::{
    Contact, Grade, Interaction, InteractionKind, NewContact, Outcome, Stage, TagRef,
};
use salesbook::service::{BoardFilter, Book, ListQuery, Session, View};
use salesbook::store::{BoardKey, BoardRow, ContactFilter};
use tempfile::TempDir;

const NOW: &str = "2026-11-23T09:30:00+08:00";

/// A small deterministic generator (the tests must fail the same way every time).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len() as u64) as usize]
    }
}

const SOURCES: [&str; 3] = ["朋友圈", "社群", "直播"];
const TAGS: [(&str, &str); 3] = [
    ("意向", "近期购买"),
    ("意向", "对比观望"),
    ("客户分类", "送礼"),
];

fn random_book(dir: &TempDir, seed: u64, n: usize) -> Book {
    let now = Clock::parse(NOW).unwrap().now();
    let session = Session::with_default_template(Clock::parse(NOW).unwrap(), "测试");
    let mut book = Book::open(&dir.path().join("book.sqlite"), session, true).unwrap();
    let mut rng = Rng(seed);
    // Few distinct times, so many rows tie on activity and the id breaks the tie.
    let day = |rng: &mut Rng| now - TimeDelta::days(*rng.pick(&[0, 3, 40, 100, 200, 400]) as i64);
    let mut commands = Vec::new();
    for i in 0..n {
        let created = day(&mut rng);
        let mut history = Vec::new();
        for _ in 0..rng.below(3) {
            let at = day(&mut rng).max(created);
            let kind = *rng.pick(&[InteractionKind::Message, InteractionKind::Note]);
            history.push(Interaction::new(0, at, kind));
        }
        let outcome = *rng.pick(&[Outcome::Open, Outcome::Open, Outcome::Won, Outcome::Lost]);
        let stage = match outcome {
            Outcome::Won => Stage::Aftercare,
            _ => *rng.pick(&Stage::ALL[..4]),
        };
        let purchases = (0..rng.below(4))
            .map(|_| (created, None, Some(100)))
            .collect();
        let tags = if rng.below(3) == 0 {
            let (g, t) = *rng.pick(&TAGS);
            vec![TagRef {
                group: g.into(),
                tag: t.into(),
            }]
        } else {
            Vec::new()
        };
        commands.push(Command::Seed(Box::new(SeedContact {
            contact: NewContact {
                name: format!("客户{i}"),
                grade: *rng.pick(&[None, Some(Grade::A), Some(Grade::B), Some(Grade::D)]),
                source: (rng.below(4) > 0).then(|| rng.pick(&SOURCES).to_string()),
                tags,
                ..NewContact::default()
            },
            stage,
            outcome,
            lost_reason: (outcome == Outcome::Lost).then(|| "预算不够".to_string()),
            created_at: created,
            archived: rng.below(8) == 0,
            history,
            purchases,
            owner: None,
            updated_at: None,
            last_touch_at: None,
            worked: Vec::new(),
            appointments: Vec::new(),
        })));
    }
    book.execute(Command::Batch {
        kind: salesbook::domain::command::BatchKind::Import,
        commands,
    })
    .unwrap();
    book
}

/// The plain way: the whole listing, filtered one contact at a time, sorted.
fn plain(view: &View, stage: Stage, f: &BoardFilter) -> Vec<(i64, i64)> {
    let all = view
        .list(&ListQuery {
            filter: ContactFilter {
                include_archived: true,
                ..ContactFilter::default()
            },
            ..ListQuery::default()
        })
        .unwrap();
    let keep = |c: &Contact| -> bool {
        c.stage == stage
            && (f.closed || (!c.archived && c.outcome != Outcome::Lost))
            && f.grade.is_none_or(|g| c.grade == Some(g))
            && f.source
                .as_ref()
                .is_none_or(|s| c.source.as_ref() == Some(s))
            && f.tag.as_ref().is_none_or(|t| c.tags.contains(t))
            && f.lifecycle
                .is_none_or(|l| view.lifecycle_of(c).unwrap() == l)
    };
    let mut keys: Vec<(i64, i64)> = all
        .iter()
        .filter(|c| keep(c))
        .map(|c| (c.last_activity().timestamp(), c.id))
        .collect();
    keys.sort_by(|a, b| b.cmp(a));
    keys
}

fn keys(rows: &[BoardRow]) -> Vec<(i64, i64)> {
    rows.iter().map(|r| (r.key().activity, r.id)).collect()
}

fn random_filter(rng: &mut Rng) -> BoardFilter {
    BoardFilter {
        grade: *rng.pick(&[None, None, Some(Grade::A), Some(Grade::D)]),
        tag: (rng.below(4) == 0).then(|| {
            let (g, t) = *rng.pick(&TAGS);
            TagRef {
                group: g.into(),
                tag: t.into(),
            }
        }),
        source: (rng.below(4) == 0).then(|| rng.pick(&SOURCES).to_string()),
        lifecycle: (rng.below(2) == 0).then(|| *rng.pick(&Lifecycle::ALL)),
        closed: rng.below(2) == 0,
    }
}

#[test]
fn pages_counts_and_windows_match_the_plain_listing() {
    for seed in [1, 7, 42] {
        let dir = TempDir::new().unwrap();
        let book = random_book(&dir, seed, 240);
        let view = book.view();
        let mut rng = Rng(seed * 31 + 5);
        let mut checked_rows = 0;
        for round in 0..12 {
            // The plain board and the one with closed contacts first, then random filters.
            let f = match round {
                0 => BoardFilter::default(),
                1 => BoardFilter {
                    closed: true,
                    ..BoardFilter::default()
                },
                _ => random_filter(&mut rng),
            };
            let counts = view.board_counts(&f).unwrap();
            for stage in Stage::ALL {
                let want = plain(&view, stage, &f);
                checked_rows += want.len();
                assert_eq!(
                    counts[stage.index()] as usize,
                    want.len(),
                    "{f:?} {stage:?}"
                );
                // Forwards, in pages of random sizes.
                let mut got = Vec::new();
                let mut after: Option<BoardKey> = None;
                loop {
                    let size = 1 + rng.below(9) as usize;
                    let page = view.board_page(stage, &f, after, size).unwrap();
                    got.extend(keys(&page));
                    match page.last() {
                        Some(r) if page.len() == size => after = Some(r.key()),
                        _ => break,
                    }
                }
                assert_eq!(got, want, "forwards {f:?} {stage:?}");
                // Backwards from the bottom.
                let mut got = Vec::new();
                let mut before: Option<BoardKey> = None;
                loop {
                    let size = 1 + rng.below(9) as usize;
                    let page = view.board_page_before(stage, &f, before, size).unwrap();
                    let mut k = keys(&page);
                    k.extend(got);
                    got = k;
                    match page.first() {
                        Some(r) if page.len() == size => before = Some(r.key()),
                        _ => break,
                    }
                }
                assert_eq!(got, want, "backwards {f:?} {stage:?}");
                let bottom = view.board_bottom(stage, &f, 5).unwrap();
                assert_eq!(bottom.start, want.len().saturating_sub(5));
                assert_eq!(keys(&bottom.rows), want[bottom.start..].to_vec());
            }
            // Windows around random contacts: found exactly when the filter keeps them.
            for _ in 0..15 {
                let id = 1 + rng.below(240) as i64;
                let c = view.contact(id).unwrap();
                let want = plain(&view, c.stage, &f);
                let at = want.iter().position(|k| k.1 == id);
                let around = view.board_around(id, &f, 3, 4).unwrap();
                match (at, around) {
                    (None, None) => {}
                    (Some(i), Some((stage, page))) => {
                        assert_eq!(stage, c.stage);
                        let start = i.saturating_sub(3);
                        assert_eq!(page.start, start, "{f:?} id {id}");
                        let end = (i + 5).min(want.len());
                        assert_eq!(keys(&page.rows), want[start..end].to_vec());
                    }
                    (a, b) => panic!("{f:?} id {id}: plain {a:?}, paged {b:?}"),
                }
            }
        }
        assert!(checked_rows > 500, "the filters left too little to compare");
    }
}

#[test]
fn lifecycle_filter_agrees_with_lifecycle_of_at_the_day_edges() {
    // Activity exactly on the dormancy threshold, a second either side.
    let dir = TempDir::new().unwrap();
    let session = Session::with_default_template(Clock::parse(NOW).unwrap(), "测试");
    let mut book = Book::open(&dir.path().join("book.sqlite"), session, true).unwrap();
    let now: DateTime<Utc> = book.session().now();
    let dormant = book.session().template.lifecycle.dormant_after_days as i64;
    for (i, secs) in [-1i64, 0, 1].iter().enumerate() {
        let at = now - TimeDelta::days(dormant) + TimeDelta::seconds(*secs);
        book.execute(Command::Seed(Box::new(SeedContact {
            contact: NewContact {
                name: format!("边界{i}"),
                ..NewContact::default()
            },
            stage: Stage::Pitch,
            outcome: Outcome::Open,
            lost_reason: None,
            created_at: at,
            archived: false,
            history: Vec::new(),
            purchases: Vec::new(),
            owner: None,
            updated_at: None,
            last_touch_at: None,
            worked: Vec::new(),
            appointments: Vec::new(),
        })))
        .unwrap();
    }
    let view = book.view();
    for life in Lifecycle::ALL {
        let f = BoardFilter {
            lifecycle: Some(life),
            ..BoardFilter::default()
        };
        let got = keys(&view.board_page(Stage::Pitch, &f, None, 10).unwrap());
        assert_eq!(got, plain(&view, Stage::Pitch, &f), "{life:?}");
    }
}

#[test]
fn counts_kept_from_the_log_match_counting_again_after_every_change() {
    use salesbook::domain::command::BatchKind;
    use salesbook::service::StageCounts;
    let dir = TempDir::new().unwrap();
    let mut book = random_book(&dir, 11, 120);
    let mut rng = Rng(99);
    let filters: Vec<BoardFilter> = vec![
        BoardFilter::default(),
        BoardFilter {
            closed: true,
            ..BoardFilter::default()
        },
        BoardFilter {
            grade: Some(Grade::A),
            ..BoardFilter::default()
        },
        BoardFilter {
            tag: Some(TagRef {
                group: "意向".into(),
                tag: "近期购买".into(),
            }),
            closed: true,
            ..BoardFilter::default()
        },
        BoardFilter {
            source: Some("社群".into()),
            ..BoardFilter::default()
        },
    ];
    let mut kept: Vec<Option<StageCounts>> = vec![None; filters.len()];
    let mut changes = 0;
    for step in 0..150 {
        let id = 1 + rng.below(120) as i64;
        let c = book.view().contact(id).unwrap();
        let cmd = match rng.below(12) {
            0 | 1 => Command::Move {
                id,
                to: *rng.pick(&Stage::ALL[..4]),
            },
            2 => Command::Lost {
                id,
                reason: "预算不够".into(),
            },
            3 => Command::Won {
                id,
                amount_cents: None,
                product: None,
            },
            4 => Command::Reopen { id },
            5 if c.archived => Command::Unarchive { id },
            5 => Command::Archive { id },
            6 => Command::Grade {
                id,
                grade: *rng.pick(&[None, Some(Grade::A), Some(Grade::C)]),
            },
            7 => Command::Tag {
                id,
                add: vec![TagRef {
                    group: "意向".into(),
                    tag: "近期购买".into(),
                }],
                remove: Vec::new(),
            },
            8 => Command::Tag {
                id,
                add: Vec::new(),
                remove: vec![TagRef {
                    group: "意向".into(),
                    tag: "近期购买".into(),
                }],
            },
            9 => Command::Batch {
                kind: BatchKind::Bulk,
                commands: (0..3)
                    .map(|k| Command::Grade {
                        id: 1 + (id + k) % 120,
                        grade: Some(Grade::A),
                    })
                    .collect(),
            },
            10 => Command::Add(NewContact {
                name: format!("新客{step}"),
                source: Some("社群".into()),
                grade: Some(Grade::A),
                ..NewContact::default()
            }),
            _ => Command::Undo {
                event: match book.view().next_to_undo().unwrap() {
                    Some(e) => e,
                    None => continue,
                },
            },
        };
        // Refused changes (a lost contact moved, an undo blocked) change nothing: fine too.
        if book.execute(cmd).is_ok() {
            changes += 1;
        }
        // Read now and then, so several entries pile up between reads.
        if rng.below(3) != 0 {
            continue;
        }
        let view = book.view();
        for (f, k) in filters.iter().zip(kept.iter_mut()) {
            let plain = view.board_counts(f).unwrap();
            assert_eq!(
                view.board_counts_kept(f, k).unwrap(),
                plain,
                "step {step}, {f:?}"
            );
        }
    }
    assert!(changes > 80, "only {changes} changes went through");
}

#[test]
fn an_apps_writes_reach_the_book_file_through_the_log_keeper_not_the_write() {
    use salesbook::service::upkeep::LogKeeper;
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("book.sqlite");
    let session = Session::with_default_template(Clock::parse(NOW).unwrap(), "测试");
    let mut book = Book::open(&path, session, true).unwrap();
    book.defer_checkpoints();
    let file_len = || std::fs::metadata(&path).unwrap().len();
    let before = file_len();
    for i in 0..200 {
        book.execute(Command::Add(NewContact {
            name: format!("客户{i}"),
            notes: Some("备注".repeat(50)),
            ..NewContact::default()
        }))
        .unwrap();
    }
    // The writes went to the log only: the file itself did not grow.
    assert_eq!(file_len(), before, "a write checkpointed");
    let keeper = LogKeeper::start(&path, std::time::Duration::from_millis(20)).unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while file_len() == before && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    drop(keeper);
    assert!(
        file_len() > before,
        "the keeper never copied the log into the book"
    );
    // And the book reads the same through a second connection.
    assert_eq!(book.view().list(&ListQuery::default()).unwrap().len(), 200);
}
