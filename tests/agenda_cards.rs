//! Each open follow-up carries a card of its contact (`domain::agenda_card`), so the agenda
//! shows and ranks its items without reading their contacts. The cards are a copy: after
//! any sequence of writes (renames, regrades, tags, stage moves, wins, losses, reopenings,
//! touches, archiving, merges, follow-ups done, skipped or snoozed, undos) every open
//! follow-up's card must be the card of its contact as read whole, and the agenda must
//! show each item as the plain way does from the contact itself.

mod common;

use proptest::prelude::*;
use rusqlite::Connection;
use salesbook::domain::agenda_card::Card;
use salesbook::domain::command::{BatchKind, Command};
use salesbook::domain::{Channel, ContactPatch, Grade, Stage, TagRef};
use salesbook::service::demo::{DemoOptions, generate};
use salesbook::service::{Book, Section, Session};

/// A tag the default template weighs, and one it does not.
const HOT: &str = "意向/近期购买";
const PLAIN: &str = "来源/朋友介绍";

#[derive(Debug, Clone)]
enum Op {
    Rename(usize, u8),
    Grade(usize, Option<u8>),
    Tag(usize, bool, bool),
    Move(usize, u8),
    Won(usize),
    Lost(usize),
    Reopen(usize),
    Touch(usize),
    Archive(usize),
    Unarchive(usize),
    Done(usize),
    Skip(usize),
    Snooze(usize, u16),
    Merge(usize, usize),
    Undo(usize),
}

fn op() -> impl Strategy<Value = Op> {
    let who = 0usize..40;
    prop_oneof![
        (who.clone(), any::<u8>()).prop_map(|(c, n)| Op::Rename(c, n)),
        (who.clone(), prop::option::of(0u8..4)).prop_map(|(c, g)| Op::Grade(c, g)),
        (who.clone(), any::<bool>(), any::<bool>()).prop_map(|(c, h, a)| Op::Tag(c, h, a)),
        (who.clone(), 0u8..5).prop_map(|(c, s)| Op::Move(c, s)),
        who.clone().prop_map(Op::Won),
        who.clone().prop_map(Op::Lost),
        who.clone().prop_map(Op::Reopen),
        who.clone().prop_map(Op::Touch),
        who.clone().prop_map(Op::Archive),
        who.clone().prop_map(Op::Unarchive),
        who.clone().prop_map(Op::Done),
        who.clone().prop_map(Op::Skip),
        (who.clone(), 1u16..2000).prop_map(|(c, h)| Op::Snooze(c, h)),
        (who.clone(), who).prop_map(|(a, b)| Op::Merge(a, b)),
        (0usize..64).prop_map(Op::Undo),
    ]
}

fn session(now: &str) -> Session {
    Session::with_default_template(salesbook::clock::Clock::parse(now).unwrap(), common::USER)
}

/// A demo book of `contacts` with three timeline entries each, made at the tests' clock.
fn demo_book(contacts: u64, seed: u64) -> (tempfile::TempDir, std::path::PathBuf, Book) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("book.sqlite");
    let built_at = chrono::DateTime::parse_from_rfc3339(common::NOW)
        .unwrap()
        .to_utc();
    let opts = DemoOptions {
        contacts,
        interactions: contacts * 3,
        seed,
        ..DemoOptions::default()
    };
    let mut book = Book::open(&path, session(common::NOW), true).unwrap();
    book.execute(Command::Batch {
        kind: BatchKind::Demo,
        commands: generate(&opts, built_at)
            .map(|s| Command::Seed(Box::new(s)))
            .collect(),
    })
    .unwrap();
    (dir, path, book)
}

/// The command an op stands for on this book, if it can be made (a follow-up to close).
fn command(book: &Book, ids: &[i64], events: &[i64], op: &Op) -> Option<Command> {
    let id = |k: &usize| ids[k % ids.len()];
    let first_open = |k: &usize| {
        book.view()
            .open_followups_of(id(k))
            .ok()?
            .into_iter()
            .next()
            .map(|f| f.id)
    };
    let now = book.view().now();
    Some(match op {
        Op::Rename(c, n) => Command::Edit {
            id: id(c),
            patch: ContactPatch {
                name: Some(format!(
                    "改名{}「{n}」",
                    ["甲", "乙", "丙"][*n as usize % 3]
                )),
                ..Default::default()
            },
        },
        Op::Grade(c, g) => Command::Grade {
            id: id(c),
            grade: g.map(|g| Grade::ALL[g as usize]),
        },
        Op::Tag(c, hot, add) => {
            let tag: TagRef = if *hot { HOT } else { PLAIN }.parse().unwrap();
            let (add, remove) = if *add {
                (vec![tag], vec![])
            } else {
                (vec![], vec![tag])
            };
            Command::Tag {
                id: id(c),
                add,
                remove,
            }
        }
        Op::Move(c, s) => Command::Move {
            id: id(c),
            to: Stage::ALL[*s as usize],
        },
        Op::Won(c) => Command::Won {
            id: id(c),
            amount_cents: Some(129_900),
            product: None,
        },
        Op::Lost(c) => Command::Lost {
            id: id(c),
            reason: "预算不够".into(),
        },
        Op::Reopen(c) => Command::Reopen { id: id(c) },
        Op::Touch(c) => Command::Log {
            id: id(c),
            text: "聊了聊近况".into(),
            channel: Some(Channel::Wechat),
            inbound: false,
        },
        Op::Archive(c) => Command::Archive { id: id(c) },
        Op::Unarchive(c) => Command::Unarchive { id: id(c) },
        Op::Done(c) => Command::Done {
            followup: first_open(c)?,
            note: None,
        },
        Op::Skip(c) => Command::Skip {
            followup: first_open(c)?,
            reason: "客户出差".into(),
        },
        Op::Snooze(c, hours) => Command::Snooze {
            followup: first_open(c)?,
            until: now + chrono::Duration::hours(i64::from(*hours)),
        },
        Op::Merge(a, b) => Command::Merge {
            keep: id(a),
            other: id(b),
        },
        Op::Undo(k) => Command::Undo {
            event: *events.get(k % events.len().max(1))?,
        },
    })
}

/// Every open follow-up's stored card against the card of its contact read whole.
fn check_cards(book: &Book, path: &std::path::Path) -> usize {
    let conn = Connection::open(path).unwrap();
    let rows: Vec<(i64, i64, Option<String>)> = conn
        .prepare("SELECT id, contact_id, card FROM followups WHERE status = 'open' ORDER BY id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let view = book.view();
    for (f, contact, card) in &rows {
        let c = view.contact(*contact).unwrap();
        let expected = Card::of(view.template(), &c).to_json();
        assert_eq!(
            card.as_deref(),
            Some(expected.as_str()),
            "follow-up {f} of contact {contact}: its card is not its contact's"
        );
    }
    rows.len()
}

/// The agenda at `now` against the plain way: each item's name, stage, grade, terms and
/// wait from its contact and follow-up read whole.
fn check_agenda(path: &std::path::Path, now: &str) -> usize {
    let book = Book::open(path, session(now), false).unwrap();
    let view = book.view();
    let date = view.clock().local(view.now()).date_naive();
    let agenda = view.agenda_items(date, 7, 100_000, true).unwrap();
    let t = view.template();
    let mut n = 0;
    for (section, items) in &agenda.sections {
        for item in items {
            n += 1;
            let c = view.contact(item.contact_id).unwrap();
            let f = view
                .open_followups_of(c.id)
                .unwrap()
                .into_iter()
                .find(|f| f.id == item.followup_id)
                .expect("an item is an open follow-up");
            assert_eq!(item.contact_name, c.name, "follow-up {}", f.id);
            assert_eq!(item.stage, c.stage.key(), "follow-up {}", f.id);
            assert_eq!(item.grade, c.grade.map(|g| g.to_string()));
            let terms = salesbook::domain::followup::urgency(
                t,
                &c,
                f.track,
                f.step,
                f.due,
                view.is_rotting(&c),
                view.now(),
            );
            assert_eq!(item.terms, terms, "follow-up {} at {now}", f.id);
            let waiting = (*section == Section::NewLeads)
                .then(|| (view.now() - c.created_at).num_minutes().max(0));
            assert_eq!(item.waiting_minutes, waiting, "follow-up {}", f.id);
        }
    }
    n
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]
    #[test]
    fn cards_follow_every_write(
        contacts in 8u64..30,
        seed in any::<u64>(),
        ops in prop::collection::vec(op(), 1..40),
        later_hours in prop::collection::vec(0i64..(24 * 40), 2),
    ) {
        let (_dir, path, mut book) = demo_book(contacts, seed);
        // Cards as seeded (made from memory, not read back) are the contacts' too.
        prop_assert!(check_cards(&book, &path) > 0);
        let ids: Vec<i64> = Connection::open(&path)
            .unwrap()
            .prepare("SELECT id FROM contacts ORDER BY id")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        let mut events: Vec<i64> = Vec::new();
        for op in &ops {
            let Some(cmd) = command(&book, &ids, &events, op) else { continue };
            // Refused commands (reopening an open lead, merging a contact into itself)
            // change nothing; the rest must leave the cards current.
            if let Ok(applied) = book.execute(cmd) {
                events.extend(applied.event);
            }
        }
        check_cards(&book, &path);
        drop(book);
        let start = chrono::DateTime::parse_from_rfc3339(common::NOW).unwrap();
        for h in later_hours {
            let now = (start + chrono::Duration::hours(h)).to_rfc3339();
            check_agenda(&path, &now);
        }
    }
}

/// A book whose follow-ups have no cards yet (made before they existed, or by a writer
/// under other weights) shows the same agenda, read from the contacts.
#[test]
fn items_without_a_usable_card_are_read_from_their_contact() {
    let (_dir, path, book) = demo_book(60, 7);
    drop(book);
    let later = "2026-11-25T10:00:00+08:00";
    let shown = |path: &std::path::Path| {
        let book = Book::open(path, session(later), false).unwrap();
        let view = book.view();
        let date = view.clock().local(view.now()).date_naive();
        serde_json::to_string(&view.agenda_items(date, 7, 50, true).unwrap().sections).unwrap()
    };
    let with_cards = shown(&path);
    assert!(check_agenda(&path, later) > 10, "the agenda shows items");
    let conn = Connection::open(&path).unwrap();
    // Half the cards gone, a quarter made under other weights, a few unreadable.
    conn.execute_batch(
        "UPDATE followups SET card = NULL WHERE id % 2 = 0;
         UPDATE followups SET card = json_set(card, '$.k', 12345) WHERE id % 4 = 1;
         UPDATE followups SET card = '{' WHERE id % 8 = 3;",
    )
    .unwrap();
    // Were a card used, it would show this name.
    conn.execute_batch(
        "UPDATE followups SET card = json_set(card, '$.n', '假名') WHERE id % 4 = 1",
    )
    .unwrap();
    drop(conn);
    assert_eq!(shown(&path), with_cards);
    assert!(check_agenda(&path, later) > 10);
}

/// The agenda shows its items from their cards, not from their contacts: a name changed
/// behind the book's back (no write through salesbook, so no card follows) does not show,
/// while a rename through a write does.
#[test]
fn the_agenda_reads_the_cards_not_the_contacts() {
    let (_dir, path, mut book) = demo_book(40, 11);
    let names = |book: &Book| -> Vec<(i64, String)> {
        let view = book.view();
        let date = view.clock().local(view.now()).date_naive();
        let agenda = view.agenda_items(date, 7, 50, true).unwrap();
        agenda
            .sections
            .iter()
            .flat_map(|(_, items)| items.iter())
            .map(|i| (i.contact_id, i.contact_name.clone()))
            .collect()
    };
    let shown = names(&book);
    let (id, name) = shown.first().cloned().expect("the agenda shows items");
    Connection::open(&path)
        .unwrap()
        .execute(
            "UPDATE contacts SET name = '改过的名字' WHERE id = ?1",
            [id],
        )
        .unwrap();
    assert_eq!(view_name(&book, id), "改过的名字");
    assert!(
        names(&book).contains(&(id, name.clone())),
        "the agenda read the contact, not its card"
    );
    book.execute(Command::Edit {
        id,
        patch: ContactPatch {
            name: Some("写进去的名字".into()),
            ..Default::default()
        },
    })
    .unwrap();
    let after = names(&book);
    assert!(
        after.contains(&(id, "写进去的名字".to_string())),
        "{after:?}"
    );
    assert!(
        !after
            .iter()
            .any(|(who, n)| *who == id && (n == &name || n == "改过的名字")),
        "{after:?}"
    );
}

fn view_name(book: &Book, id: i64) -> String {
    book.view().contact(id).unwrap().name
}

/// Following another template re-plans every contact: each open follow-up then carries the
/// card the new template's weights make (they weigh other tags), and no follow-up is left
/// from the old plan.
#[test]
fn another_template_remakes_every_card() {
    let (_dir, path, mut book) = demo_book(30, 5);
    let before = check_cards(&book, &path);
    let education = salesbook::sop::Library::builtin("education")
        .expect("a built-in template")
        .template;
    assert_ne!(
        salesbook::domain::agenda_card::weights_key(&education),
        salesbook::domain::agenda_card::weights_key(book.view().template()),
        "the two templates weigh different tags"
    );
    book.use_template(education).unwrap();
    assert_eq!(book.view().template().id, "education");
    assert!(before > 0 && check_cards(&book, &path) > 0);
}
