//! The lead's report counts dormant and churned contacts from where each contact's plan
//! left it (kept with the plan, `domain::lifecycle::Quiet`) instead of walking every
//! history again. On random books, worked on, and at random later clocks, its lists are
//! exactly the contacts whose card says 休眠期 or 流失期 — the plain way, one history at a
//! time — and a book planned before the book kept it still reports (by idle days).

mod common;

use common::{USER, exec, open_book};
use proptest::prelude::*;
use salesbook::clock::Clock;
use salesbook::config::Lang;
use salesbook::domain::Channel;
use salesbook::domain::command::{BatchKind, Command};
use salesbook::domain::followup::Lifecycle;
use salesbook::report::input::Window;
use salesbook::service::demo::{DemoOptions, generate};
use salesbook::service::{ListQuery, ReadBook, Session};
use std::path::Path;

fn clock_at(days_after: i64) -> String {
    let now = chrono::DateTime::parse_from_rfc3339(common::NOW).unwrap()
        + chrono::Duration::days(days_after);
    now.to_rfc3339()
}

/// Dormant contacts, then churned ones.
type Quiet = (Vec<i64>, Vec<i64>);

/// The report's dormant and churned contacts, and the cards' (not archived), at `now`.
fn both_ways(path: &Path, now: &str) -> (Quiet, Quiet) {
    let session = Session::with_default_template(Clock::parse(now).unwrap(), USER);
    let book = ReadBook::open(path, session).unwrap();
    let input = book.report_input(Window::ALL, Lang::Zh).unwrap();
    let figures = salesbook::report::compute(&input);
    let report = (
        figures.now.dormant.contacts.clone(),
        figures.now.churned.contacts.clone(),
    );
    let view = book.view();
    let (mut dormant, mut churned) = (Vec::new(), Vec::new());
    for c in view.list(&ListQuery::default()).unwrap() {
        match view.lifecycle_of(&c).unwrap() {
            Lifecycle::Dormant => dormant.push(c.id),
            Lifecycle::Churned => churned.push(c.id),
            _ => {}
        }
    }
    (report, (dormant, churned))
}

/// A demo book, then some of its contacts touched, answered or lost later on.
fn book(dir: &Path, contacts: u64, seed: u64, worked: u64) -> std::path::PathBuf {
    let path = dir.join("book.sqlite");
    let start = chrono::DateTime::parse_from_rfc3339(common::NOW)
        .unwrap()
        .to_utc();
    let mut book = open_book(&path, common::NOW);
    let opts = DemoOptions {
        contacts,
        interactions: contacts * 6,
        seed,
        ..DemoOptions::default()
    };
    let seeds = generate(&opts, start);
    exec(
        &mut book,
        Command::Batch {
            kind: BatchKind::Demo,
            commands: seeds.map(|s| Command::Seed(Box::new(s))).collect(),
        },
    );
    drop(book);
    for k in 0..worked {
        let id = (k.wrapping_mul(7919).wrapping_add(seed) % contacts) as i64 + 1;
        let day = (k * 13 + seed) % 120;
        let mut book = open_book(&path, &clock_at(day as i64));
        let cmd = match k % 3 {
            0 => Command::Log {
                id,
                channel: Some(Channel::Wechat),
                text: "问候一下".into(),
                inbound: false,
            },
            1 => Command::Log {
                id,
                channel: None,
                text: "客户回了消息".into(),
                inbound: true,
            },
            _ => Command::Lost {
                id,
                reason: "没预算".into(),
            },
        };
        let _ = book.execute(cmd);
    }
    path
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(8))]
    #[test]
    fn the_report_s_quiet_contacts_are_the_cards(
        contacts in 5u64..60,
        seed in any::<u64>(),
        worked in 0u64..30,
        later in 0i64..400,
    ) {
        let dir = tempfile::tempdir().unwrap();
        let path = book(dir.path(), contacts, seed, worked);
        let (report, cards) = both_ways(&path, &clock_at(later));
        prop_assert_eq!(report, cards);
    }
}

/// A book whose plans were made before the book kept where contacts stand: the report
/// reads it as it is (by idle days) and says the same as the cards once it is planned.
#[test]
fn a_book_planned_before_reports_by_idle_days_until_planned_again() {
    let dir = tempfile::tempdir().unwrap();
    let path = book(dir.path(), 40, 7, 10);
    let now = clock_at(90);
    let (planned, cards) = both_ways(&path, &now);
    assert_eq!(planned, cards);
    assert!(!cards.0.is_empty() || !cards.1.is_empty(), "{cards:?}");
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute_batch(
        "UPDATE contacts SET quiet_from = NULL, quiet_wake = 0; \
         DELETE FROM settings WHERE key = 'followups_planned_with';",
    )
    .unwrap();
    drop(conn);
    let (unplanned, _) = both_ways(&path, &now);
    // Idle days count some differently (a wake-up attempt is activity there), but every
    // quiet contact is counted once.
    let all = |l: &(Vec<i64>, Vec<i64>)| l.0.len() + l.1.len();
    assert!(all(&unplanned) > 0);
    // Opened for writing, the book plans again and the report agrees with the cards.
    drop(open_book(&path, &now));
    assert_eq!(both_ways(&path, &now).0, cards);
}
