//! What the search tests share: a book in a temporary directory with a fixed clock per
//! write, demo books, and (in [`reference`]) an independent reading of the spec.
//!
//! Each write opens the book with its clock at `T0 + n minutes`, so a contact's creation
//! time and its touches (which set the recency that breaks ties) are chosen by each test.
//! Writes go through `Book::execute`, searches through a read-only `Reader`.

#![allow(dead_code)]

pub mod reference;

use chrono::{DateTime, Duration, Utc};
use salesbook::clock::Clock;
use salesbook::domain::command::{BatchKind, Command, SeedContact};
use salesbook::domain::search::MatchClass;
use salesbook::domain::{Channel, Contact, ContactId, ContactPatch, NewContact, TagRef};
use salesbook::service::{Book, ListQuery, Reply, Session};
use salesbook::store::{ContactFilter, Reader, SearchHit, SearchResults};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Minute 0 of every test book.
pub const T0: &str = "2026-11-01T09:00:00+08:00";

/// `T0` plus `minute` minutes, as the RFC 3339 text `SALESBOOK_NOW` takes.
pub fn time(minute: i64) -> String {
    let t0 = DateTime::parse_from_rfc3339(T0).expect("T0");
    (t0 + Duration::minutes(minute)).to_rfc3339()
}

pub fn utc(minute: i64) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(&time(minute))
        .expect("time")
        .with_timezone(&Utc)
}

pub fn s(v: &str) -> Option<String> {
    Some(v.to_string())
}

pub fn tags(list: &[&str]) -> Vec<TagRef> {
    list.iter().map(|t| t.parse().expect("tag")).collect()
}

pub fn person(name: &str) -> NewContact {
    NewContact {
        name: name.to_string(),
        ..Default::default()
    }
}

/// A book (made if missing) opened at `now`, on the default template.
pub fn open_book(path: &Path, now: &str) -> Book {
    let session = Session::with_default_template(Clock::parse(now).expect("clock"), "tester");
    Book::open(path, session, true).expect("open the book")
}

/// Runs `cmd` on `book`; panics (saying what) when it fails.
pub fn exec(book: &mut Book, cmd: Command) -> Reply {
    let what = cmd.action();
    book.execute(cmd)
        .unwrap_or_else(|e| panic!("{what} failed: {e:#}"))
        .reply
}

/// A read-only view of the book at `path`, as the search worker and `salesbook search`
/// read it.
pub fn reader(path: &Path) -> Reader {
    Reader::open(path).expect("open for reading")
}

/// Loads `seeds` into the book at `path` (made if missing) in one batch, as an import
/// does.
pub fn seed_book(path: &Path, seeds: impl IntoIterator<Item = SeedContact>) {
    let mut book = open_book(path, T0);
    exec(
        &mut book,
        Command::Batch {
            kind: BatchKind::Import,
            commands: seeds
                .into_iter()
                .map(|s| Command::Seed(Box::new(s)))
                .collect(),
        },
    );
}

/// A contact with a past (for [`seed_book`]): open, in the first stage, its history as
/// given.
pub fn seed_contact(
    contact: NewContact,
    created_at: DateTime<Utc>,
    archived: bool,
    history: Vec<salesbook::domain::Interaction>,
) -> SeedContact {
    SeedContact {
        contact,
        stage: salesbook::domain::Stage::Discover,
        outcome: salesbook::domain::Outcome::Open,
        lost_reason: None,
        created_at,
        archived,
        history,
        purchases: Vec::new(),
        owner: None,
        updated_at: None,
        last_touch_at: None,
        worked: Vec::new(),
        appointments: Vec::new(),
    }
}

/// 张三丰 with every field filled but the tags.
pub fn zhang_sanfeng() -> NewContact {
    NewContact {
        honorific: s("掌门"),
        phone: s("138-0000-1234"),
        wechat: s("wx_abc"),
        company: s("武当科技"),
        source: s("朋友圈"),
        need: s("想改善睡眠"),
        budget: s("3000-5000"),
        notes: s("晚上方便联系"),
        ..person("张三丰")
    }
}

/// One book in a temporary directory, with the ids of the contacts added by name.
pub struct Fx {
    pub dir: tempfile::TempDir,
    pub ids: HashMap<String, ContactId>,
}

impl Fx {
    pub fn new() -> Fx {
        Fx {
            dir: tempfile::tempdir().expect("temporary directory"),
            ids: HashMap::new(),
        }
    }

    pub fn path(&self) -> PathBuf {
        self.dir.path().join("book.sqlite")
    }

    /// The book as seen at `T0 + minute`.
    pub fn at(&self, minute: i64) -> Book {
        open_book(&self.path(), &time(minute))
    }

    /// Runs `cmd` on the book opened at `T0 + minute`.
    pub fn run(&self, minute: i64, cmd: Command) -> Reply {
        exec(&mut self.at(minute), cmd)
    }

    /// Adds a contact at `T0 + minute` (its creation time, so its recency until touched).
    pub fn add(&mut self, minute: i64, c: NewContact) -> ContactId {
        let name = c.name.clone();
        let id = match self.run(minute, Command::Add(c)) {
            Reply::Contact(id) => id,
            other => panic!("add replied {other:?}"),
        };
        assert!(
            self.ids.insert(name.clone(), id).is_none(),
            "fixture names must be unique: {name}"
        );
        id
    }

    pub fn id(&self, name: &str) -> ContactId {
        *self
            .ids
            .get(name)
            .unwrap_or_else(|| panic!("no contact {name} in the fixture"))
    }

    /// Logs `text` on the contact at `T0 + minute`: a touch on `channel`, or with none a
    /// plain note.
    pub fn log(&self, minute: i64, id: ContactId, text: &str, channel: Option<Channel>) {
        self.run(
            minute,
            Command::Log {
                id,
                text: text.into(),
                channel,
                inbound: false,
            },
        );
    }

    /// A touch (a WeChat message) logged at `T0 + minute`.
    pub fn touch(&self, minute: i64, name: &str, text: &str) {
        self.log(minute, self.id(name), text, Some(Channel::Wechat));
    }

    /// A plain note (timeline text, not a touch) logged at `T0 + minute`.
    pub fn note(&self, minute: i64, name: &str, text: &str) {
        self.log(minute, self.id(name), text, None);
    }

    pub fn edit(&self, name: &str, patch: ContactPatch) -> Contact {
        let id = self.id(name);
        let mut book = self.at(5000);
        exec(&mut book, Command::Edit { id, patch });
        book.view().contact(id).expect("the edited contact")
    }

    /// Archives (or with `false` unarchives) a contact at `T0 + minute`.
    pub fn set_archived(&self, minute: i64, id: ContactId, archived: bool) {
        let cmd = if archived {
            Command::Archive { id }
        } else {
            Command::Unarchive { id }
        };
        self.run(minute, cmd);
    }

    pub fn results(&self, q: &str, limit: usize, all: bool) -> SearchResults {
        // No book yet: nothing to find (a reader never makes one).
        if !self.path().exists() {
            return SearchResults {
                total_is_exact: true,
                ..Default::default()
            };
        }
        reader(&self.path())
            .snap()
            .search(q, limit, all)
            .unwrap_or_else(|e| panic!("search {q:?} failed: {e:#}"))
    }

    pub fn search(&self, q: &str, limit: usize, all: bool) -> Vec<SearchHit> {
        self.results(q, limit, all).hits
    }

    /// Asserts the exact hits (names in order, and each `matched`) of `q`.
    pub fn expect(&self, q: &str, limit: usize, all: bool, want: &[(&str, &str)]) {
        let got: Vec<(ContactId, String, &str)> = self
            .search(q, limit, all)
            .iter()
            .map(|h| (h.contact.id, h.contact.name.clone(), h.matched))
            .collect();
        let expected: Vec<(ContactId, String, &str)> = want
            .iter()
            .map(|(n, m)| (self.id(n), n.to_string(), *m))
            .collect();
        assert_eq!(
            got, expected,
            "search {q:?} (limit {limit}, archived {all})"
        );
    }

    /// Asserts `q` finds these contacts, in this order, whatever `matched` says.
    pub fn expect_names(&self, q: &str, want: &[&str]) {
        let got: Vec<String> = self.names(q, false);
        assert_eq!(got, want, "search {q:?}");
    }

    pub fn names(&self, q: &str, all: bool) -> Vec<String> {
        self.search(q, 50, all)
            .iter()
            .map(|h| h.contact.name.clone())
            .collect()
    }

    pub fn none(&self, q: &str) {
        let got = self.names(q, true);
        assert!(
            got.is_empty(),
            "search {q:?} should find nothing, got {got:?}"
        );
    }

    /// The classes of `q`'s hits, in order.
    pub fn classes(&self, q: &str) -> Vec<MatchClass> {
        self.search(q, 50, false).iter().map(|h| h.class).collect()
    }
}

/// A demo book of `contacts` contacts (8 interactions each on average) in `dir`.
pub fn demo_book(dir: &Path, contacts: u64, seed: u64) -> PathBuf {
    let path = dir.join("demo.sqlite");
    exec(
        &mut open_book(&path, T0),
        Command::Demo {
            contacts,
            interactions: contacts * 8,
            seed,
            force: false,
        },
    );
    path
}

/// Every contact of a book, archived too, as the reference reads it.
pub fn people_of(path: &Path) -> Vec<reference::Person> {
    let book = open_book(path, T0);
    let view = book.view();
    let all = view
        .list(&ListQuery {
            filter: ContactFilter {
                include_archived: true,
                ..Default::default()
            },
            ..Default::default()
        })
        .expect("list");
    all.into_iter()
        .map(|c| {
            let t = view.timeline(c.id).expect("timeline");
            reference::Person::new(c, &t)
        })
        .collect()
}

/// Asserts that each page (of `limit`, with archived contacts or not) and its total
/// answer `q` as the reference does, and that each hit's `matched` names a field that
/// holds the query. Returns the hits checked.
pub fn check_against_reference(
    book: &Reader,
    people: &[reference::Person],
    q: &str,
    pages: &[(usize, bool)],
) -> usize {
    let query = reference::Query::new(q);
    let every = reference::expected(people, &query);
    let by_id: HashMap<ContactId, &reference::Person> =
        people.iter().map(|p| (p.contact.id, p)).collect();
    let mut checked = 0;
    for &(limit, all) in pages {
        let want: Vec<(ContactId, MatchClass)> = every
            .iter()
            .filter(|(_, _, archived)| all || !archived)
            .map(|(id, class, _)| (*id, *class))
            .collect();
        let found = book
            .snap()
            .search(q, limit, all)
            .unwrap_or_else(|e| panic!("search {q:?}: {e:#}"));
        let got: Vec<(ContactId, MatchClass)> =
            found.hits.iter().map(|h| (h.contact.id, h.class)).collect();
        let page: Vec<(ContactId, MatchClass)> = want.iter().take(limit).copied().collect();
        assert_eq!(got, page, "{q:?} (limit {limit}, archived {all})");
        let cap = salesbook::store::TOTAL_CAP.max(limit);
        let total = if want.len() < cap {
            (want.len(), true)
        } else {
            (cap, false)
        };
        assert_eq!(
            (found.total, found.total_is_exact),
            total,
            "{q:?} (limit {limit}, archived {all}): total"
        );
        for h in &found.hits {
            let ok = by_id[&h.contact.id].labels(&query, h.class);
            assert!(
                ok.contains(&h.matched),
                "{q:?} → {} says matched {}, the query is in {ok:?}",
                h.contact.name,
                h.matched
            );
        }
        checked += got.len();
    }
    checked
}
