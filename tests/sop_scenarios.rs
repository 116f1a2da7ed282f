//! The SOP day by day, through the service as the app runs it: a rep who opens Today and
//! does what is due, on time, with the clock stepped from one follow-up to the next. Each
//! test is named after the SOP rule it checks, on the built-in templates.
//! This file holds the desk they share; the tests are in the modules under `sop_scenarios/`.

mod common;
#[path = "sop_scenarios/customers.rs"]
mod customers;
#[path = "sop_scenarios/leads.rs"]
mod leads;
#[path = "sop_scenarios/words_reads_and_old_books.rs"]
mod words_reads_and_old_books;

use chrono::{DateTime, FixedOffset, TimeDelta, Utc};
use salesbook::clock::Clock;
use salesbook::domain::command::Command;
use salesbook::domain::followup::{Lifecycle, Track};
use salesbook::domain::{Channel, ContactId, ContactPatch, Grade, NewContact, Tier};
use salesbook::service::{AgendaItem, Book, Reply, Section, Session};
use salesbook::sop::Library;
use salesbook::store::Followup;
use std::path::PathBuf;

fn cn() -> FixedOffset {
    FixedOffset::east_opt(8 * 3600).unwrap()
}

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

fn days(n: i64) -> TimeDelta {
    TimeDelta::days(n)
}

/// One thing the rep did: the follow-up, when it fell due and when it was done.
#[derive(Debug, Clone)]
struct Did {
    track: Track,
    due: DateTime<Utc>,
    done: DateTime<Utc>,
    action: String,
    script: Option<String>,
}

/// A book, a rep named 小王 and a clock the test moves.
struct Desk {
    _dir: tempfile::TempDir,
    path: PathBuf,
    now: DateTime<Utc>,
    template: &'static str,
}

impl Desk {
    fn new(template: &'static str, start: &str) -> Desk {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("book.sqlite");
        Desk {
            _dir: dir,
            path,
            now: at(start),
            template,
        }
    }

    fn book(&self) -> Book {
        let clock = Clock::parse(&self.now.with_timezone(&cn()).to_rfc3339()).unwrap();
        let mut session = Session::with_default_template(clock, "小王");
        session.template = Library::builtin(self.template).unwrap().template.into();
        Book::open(&self.path, session, true).unwrap()
    }

    /// Moves the clock (never back).
    fn at(&mut self, t: DateTime<Utc>) {
        self.now = self.now.max(t);
    }

    fn run(&mut self, cmd: Command) -> Reply {
        self.book().execute(cmd).unwrap().reply
    }

    fn add(&mut self, name: &str, grade: Option<Grade>) -> ContactId {
        let new = NewContact {
            name: name.into(),
            grade,
            ..NewContact::default()
        };
        match self.run(Command::Add(new)) {
            Reply::Contact(id) => id,
            other => panic!("{other:?}"),
        }
    }

    fn touch(&mut self, id: ContactId, text: &str) {
        self.run(Command::Log {
            id,
            text: text.into(),
            channel: Some(Channel::Wechat),
            inbound: false,
        });
    }

    fn inbound(&mut self, id: ContactId, text: &str) {
        self.run(Command::Log {
            id,
            text: text.into(),
            channel: Some(Channel::Wechat),
            inbound: true,
        });
    }

    fn grade(&mut self, id: ContactId, g: Grade) {
        self.run(Command::Grade { id, grade: Some(g) });
    }

    fn won(&mut self, id: ContactId, product: &str, yuan: i64) {
        self.run(Command::Won {
            id,
            amount_cents: Some(yuan * 100),
            product: Some(product.into()),
        });
    }

    /// The contact's open follow-ups, each as it will be when it falls due.
    fn open(&self, id: ContactId) -> Vec<Followup> {
        let mut open: Vec<Followup> = self
            .book()
            .view()
            .open_followups_of(id)
            .unwrap()
            .into_iter()
            .filter(|f| {
                f.valid_from.is_none_or(|s| s <= f.due.max(self.now))
                    && f.valid_until.is_none_or(|u| u > f.due.max(self.now))
            })
            .collect();
        open.sort_by_key(|f| (f.due, f.id));
        open
    }

    /// Today's agenda as the rep sees it: new leads, overdue and due today.
    fn today(&self) -> Vec<AgendaItem> {
        let date = self.now.with_timezone(&cn()).date_naive();
        let agenda = self.book().view().agenda(date, 0, 1000).unwrap();
        agenda
            .sections
            .into_iter()
            .filter(|(s, _)| *s != Section::Upcoming)
            .flat_map(|(_, items)| items)
            .collect()
    }

    fn done(&mut self, followup: i64) {
        self.run(Command::Done {
            followup,
            note: None,
        });
    }

    fn skip(&mut self, followup: i64, reason: &str) {
        self.run(Command::Skip {
            followup,
            reason: reason.into(),
        });
    }

    /// The rep works the contact until `until`: each follow-up done when it falls due,
    /// after checking Today shows it then.
    fn work(
        &mut self,
        id: ContactId,
        until: DateTime<Utc>,
        keep: impl Fn(&Followup) -> bool,
    ) -> Vec<Did> {
        let mut out = Vec::new();
        for _ in 0..500 {
            let Some(f) = self.open(id).into_iter().find(|f| keep(f)) else {
                break;
            };
            if f.due > until {
                break;
            }
            self.at(f.due);
            let shown = self.today();
            assert!(
                shown.iter().any(|i| i.followup_id == f.id),
                "Today at {} does not show #{} {:?} {}",
                self.now,
                f.id,
                f.track,
                f.action
            );
            self.done(f.id);
            out.push(Did {
                track: f.track,
                due: f.due,
                done: self.now,
                action: f.action.clone(),
                script: f.script.clone(),
            });
        }
        out
    }

    /// `followup add`: a follow-up on a date set with the customer.
    fn schedule(
        &mut self,
        id: ContactId,
        at: DateTime<Utc>,
        note: &str,
        kind: Option<&str>,
        remind: bool,
    ) {
        self.run(Command::FollowupAdd {
            id,
            at,
            note: Some(note.into()),
            kind: kind.map(str::to_string),
            remind,
        });
    }

    /// The contact's open follow-up of a track.
    fn find(&self, id: ContactId, track: Track) -> Option<Followup> {
        self.open(id).into_iter().find(|f| f.track == track)
    }

    fn lifecycle(&self, id: ContactId) -> Lifecycle {
        let book = self.book();
        let view = book.view();
        let c = view.contact(id).unwrap();
        view.lifecycle_of(&c).unwrap()
    }
}

/// The largest gap between one touch and the next.
fn max_gap(did: &[Did]) -> TimeDelta {
    did.windows(2)
        .map(|w| w[1].done - w[0].done)
        .max()
        .unwrap_or_default()
}

fn day_of(start: DateTime<Utc>, t: DateTime<Utc>) -> i64 {
    (t.with_timezone(&cn()).date_naive() - start.with_timezone(&cn()).date_naive()).num_days()
}
