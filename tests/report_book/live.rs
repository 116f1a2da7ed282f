//! The hand-built book of this folder made for real: every contact, touch, move, grade,
//! win and loss of its table entered through the write pipeline, one command at a time,
//! each at its own pinned time, so the report's loader can be checked against the rows the
//! figures were worked out from.
//!
//! The contacts are made in the order of their creation (7, 6, 9, 8, 1, 2, 3, 4, 5), so the
//! book's ids differ from the table's: [`Live::ids`] maps each table id to the book's.
//!
//! What a book cannot hold as the table has it (checked by `report_loader.rs`):
//! - follow-ups: the cadence engine plans them; the book's own are used (3 of them done and
//!   one skipped where the table has a done or skipped one);
//! - referrals: the book does not record who referred whom;
//! - the template's script window: templates do not set one, so it is 7 days, not 3;
//! - contacts created with a grade (6, 7, 8, 9) were graded from none at their creation;
//! - 王芳's name loses its control character on the way in.

use super::{FORMULA_SOURCE, NAMES, PHONES, WECHATS, t, template};
use chrono::{DateTime, Utc};
use salesbook::clock::Clock;
use salesbook::domain::command::Command;
use salesbook::domain::sop::Template;
use salesbook::domain::{Channel, ContactId, Grade, NewContact, Stage};
use salesbook::service::{Book, Session};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The rep whose book it is (signs every change, so the contacts' owner).
pub const OWNER: &str = "张三";

/// The template of the table: the built-in default with the table's limits and scripts.
pub fn live_template() -> Template {
    let info = template();
    let mut t = salesbook::sop::Library::builtin(salesbook::sop::DEFAULT_ID)
        .expect("the built-in default")
        .template;
    t.id = info.id;
    t.name = info.name;
    t.version = info.version;
    t.first_response_minutes = info.first_response_minutes;
    t.lifecycle.dormant_after_days = info.dormant_after_days;
    t.lifecycle.churned_after_days = info.churned_after_days;
    for s in &mut t.stages {
        s.rot_after_days = info.rot_after_days[s.stage.index()];
        s.scripts.retain(|_| false);
        for sc in info.scripts.iter().filter(|sc| sc.stage == s.stage) {
            s.scripts.push(salesbook::domain::sop::Script {
                id: sc.id.clone(),
                title: sc.title.clone(),
                when: None,
                text: format!("{}：你好", sc.title),
                requires: Default::default(),
                variants: Vec::new(),
            });
        }
    }
    t
}

/// A session on the live template at `at` (a local time of the table).
pub fn session(at: &str) -> Session {
    let utc: DateTime<Utc> = t(at);
    let clock = Clock::parse(&utc.with_timezone(&super::offset()).to_rfc3339()).unwrap();
    Session {
        clock,
        actor: OWNER.into(),
        me: Some(OWNER.into()),
        template: live_template().into(),
        backups: None,
    }
}

pub struct Live {
    pub path: PathBuf,
    /// Table id → the book's id.
    pub ids: BTreeMap<ContactId, ContactId>,
    /// Follow-ups marked done, with when (book ids).
    pub done: Vec<(ContactId, DateTime<Utc>)>,
    /// The follow-up skipped, and its reason.
    pub skipped: Option<(i64, String)>,
}

/// The skip reason of the table's contact 4 (with its phone number in it).
pub const SKIP_REASON: &str = "客户说下月再聊，电话13600004444";

impl Live {
    fn book(&self, at: &str) -> Book {
        Book::open(&self.path, session(at), true).expect("open the book")
    }

    fn run(&mut self, at: &str, cmd: Command) {
        self.book(at)
            .execute(cmd)
            .unwrap_or_else(|e| panic!("{at}: {e:?}"));
    }

    fn id(&self, table: ContactId) -> ContactId {
        self.ids[&table]
    }

    fn add(&mut self, at: &str, table: ContactId, source: Option<&str>, grade: Option<Grade>) {
        let i = (table - 1) as usize;
        let wechat = match table {
            3 => None,
            1 | 2 => Some(WECHATS[i].to_string()),
            _ => Some(WECHATS[i - 1].to_string()),
        };
        let reply = self
            .book(at)
            .execute(Command::Add(NewContact {
                name: NAMES[i].into(),
                phone: Some(PHONES[i].into()),
                wechat,
                source: source.map(str::to_string),
                grade,
                ..Default::default()
            }))
            .unwrap();
        let salesbook::service::Reply::Contact(id) = reply.reply else {
            panic!("add replied {:?}", reply.reply);
        };
        self.ids.insert(table, id);
    }

    fn log(&mut self, at: &str, table: ContactId, channel: Option<Channel>, inbound: bool) {
        let id = self.id(table);
        self.run(
            at,
            Command::Log {
                id,
                text: format!("{at} 的记录"),
                channel,
                inbound,
            },
        );
    }

    fn message(&mut self, at: &str, table: ContactId) {
        self.log(at, table, Some(Channel::Wechat), false);
    }

    fn script(&mut self, at: &str, table: ContactId, script: &str) {
        let id = self.id(table);
        self.run(
            at,
            Command::ScriptSent {
                id,
                script_id: script.into(),
                title: script.into(),
            },
        );
    }

    fn grade(&mut self, at: &str, table: ContactId, grade: Grade) {
        let id = self.id(table);
        self.run(
            at,
            Command::Grade {
                id,
                grade: Some(grade),
            },
        );
    }

    fn move_to(&mut self, at: &str, table: ContactId, to: Stage) {
        let id = self.id(table);
        self.run(at, Command::Move { id, to });
    }

    fn won(&mut self, at: &str, table: ContactId, cents: i64) {
        let id = self.id(table);
        self.run(
            at,
            Command::Won {
                id,
                amount_cents: Some(cents),
                product: Some("年卡".into()),
            },
        );
    }

    fn lost(&mut self, at: &str, table: ContactId, reason: &str) {
        let id = self.id(table);
        self.run(
            at,
            Command::Lost {
                id,
                reason: reason.into(),
            },
        );
    }

    /// The contact's open follow-up due first (and in force at `at`).
    fn open_followup(&self, at: &str, table: ContactId) -> i64 {
        let book = self.book(at);
        let now = t(at);
        let view = book.view();
        let mut open = view.open_followups_of(self.id(table)).unwrap();
        open.retain(|f| f.valid_from.is_none_or(|v| v <= now));
        open.sort_by_key(|f| (f.due, f.id));
        open.first()
            .unwrap_or_else(|| panic!("{at}: contact {table} has no open follow-up"))
            .id
    }

    fn done(&mut self, at: &str, table: ContactId) {
        let followup = self.open_followup(at, table);
        self.run(
            at,
            Command::Done {
                followup,
                note: None,
            },
        );
        self.done.push((self.id(table), t(at)));
    }

    fn skip(&mut self, at: &str, table: ContactId, reason: &str) {
        let followup = self.open_followup(at, table);
        self.run(
            at,
            Command::Skip {
                followup,
                reason: reason.into(),
            },
        );
        self.skipped = Some((followup, reason.into()));
    }
}

/// Makes the table's book at `dir/book.sqlite`, oldest change first.
pub fn build(dir: &Path) -> Live {
    use Grade::*;
    use Stage::*;
    let mut b = Live {
        path: dir.join("book.sqlite"),
        ids: BTreeMap::new(),
        done: Vec::new(),
        skipped: None,
    };
    b.add("2026-06-01 09:00", 7, Some(FORMULA_SOURCE), Some(C));
    b.message("2026-06-01 09:05", 7);
    b.add("2026-09-01 09:00", 6, Some("朋友圈"), Some(A));
    b.message("2026-09-01 09:20", 6);
    b.done("2026-09-03 10:00", 6);
    b.move_to("2026-09-05 09:00", 6, Pitch);
    b.add("2026-09-15 09:00", 9, Some("抖音"), Some(B));
    b.message("2026-09-15 09:04", 9);
    b.script("2026-09-15 09:10", 9, "old_promo");
    b.move_to("2026-09-16 09:00", 9, Pitch);
    b.add("2026-10-01 09:00", 8, Some("朋友圈"), Some(D));
    b.message("2026-10-01 09:30", 8);
    b.lost("2026-10-02 09:00", 8, "竞品（微信 zhoumin8）");
    let id8 = b.id(8);
    b.run("2026-10-02 09:05", Command::Archive { id: id8 });
    b.log("2026-10-10 09:00", 9, None, true);
    b.add("2026-11-10 09:00", 1, Some("朋友圈"), None);
    b.script("2026-11-10 09:00", 6, "case");
    b.message("2026-11-10 09:05", 1);
    b.grade("2026-11-10 09:30", 1, B);
    b.add("2026-11-10 10:00", 2, Some("朋友圈"), None);
    b.message("2026-11-10 10:30", 2);
    b.grade("2026-11-10 11:00", 2, C);
    b.grade("2026-11-11 09:00", 1, A);
    b.move_to("2026-11-11 09:00", 1, Pitch);
    b.move_to("2026-11-11 09:00", 6, Close);
    b.script("2026-11-11 10:00", 1, "case");
    b.done("2026-11-11 15:00", 1);
    b.add("2026-11-12 09:00", 3, Some("抖音"), None);
    b.won("2026-11-12 09:00", 6, 200_000);
    b.log("2026-11-12 09:30", 3, None, false);
    b.message("2026-11-12 10:00", 1);
    b.grade("2026-11-12 10:00", 2, B);
    b.move_to("2026-11-12 10:00", 2, Pitch);
    b.move_to("2026-11-12 12:00", 1, Close);
    b.won("2026-11-13 09:00", 1, 399_900);
    b.add("2026-11-14 09:00", 4, None, None);
    b.grade("2026-11-14 09:00", 6, B);
    // 4 is ungraded, so it has no cadence: its first reply is the follow-up skipped.
    b.skip("2026-11-14 09:05", 4, SKIP_REASON);
    b.script("2026-11-14 09:08", 4, "welcome");
    b.log("2026-11-14 09:20", 4, None, true);
    b.script("2026-11-14 10:00", 2, "case");
    b.add("2026-11-15 09:00", 5, Some("抖音"), None);
    b.log("2026-11-15 09:03", 5, Some(Channel::Phone), false);
    b.grade("2026-11-15 09:30", 5, A);
    b.lost("2026-11-15 10:00", 2, "预算不够");
    b.move_to("2026-11-15 12:00", 5, Pitch);
    b.script("2026-11-16 09:00", 5, "case");
    b.move_to("2026-11-17 09:00", 5, Resolve);
    b.done("2026-11-18 10:00", 1);
    // A second order: `won` again records the purchase.
    b.won("2026-11-18 10:00", 1, 50_000);
    b.move_to("2026-11-19 09:00", 5, Close);
    b
}
