//! The SOP day by day, through the service as the app runs it: a rep who opens Today and
//! does what is due, on time, with the clock stepped from one follow-up to the next. Each
//! test is named after the SOP rule it checks, on the built-in templates.

mod common;

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

/// A lead of `grade` worked on time for 90 days: the desk, everything done, the cadence.
fn ninety_days(grade: Grade) -> (Desk, Vec<Did>, Vec<Did>) {
    let mut d = Desk::new("default", "2026-03-02T09:00:00+08:00");
    let id = d.add("李四", Some(grade));
    let start = d.now;
    let did = d.work(id, start + days(90), |_| true);
    let cadence = did
        .iter()
        .filter(|x| x.track == Track::Cadence)
        .cloned()
        .collect();
    (d, did, cadence)
}

fn day_of(start: DateTime<Utc>, t: DateTime<Utc>) -> i64 {
    (t.with_timezone(&cn()).date_naive() - start.with_timezone(&cn()).date_naive()).num_days()
}

// ───────────────────────────── leads: cadences that continue ─────────────────────────────

#[test]
fn grade_a_is_followed_on_days_1_2_3_to_7_then_weekly_until_it_moves() {
    let mut d = Desk::new("default", "2026-03-02T09:00:00+08:00");
    let id = d.add("张三", Some(Grade::A));
    let start = d.now;
    let did = d.work(id, start + days(90), |_| true);
    // The first reply, then the tailored plan the same day (the SOP's "day 1").
    assert_eq!(did[0].track, Track::FirstResponse);
    let cadence: Vec<&Did> = did.iter().filter(|x| x.track == Track::Cadence).collect();
    let on: Vec<i64> = cadence.iter().map(|x| day_of(start, x.done)).collect();
    assert_eq!(&on[..4], [0, 1, 3, 7], "{on:?}");
    // Then weekly, for as long as it stays in play: never silent for more than a week.
    for w in on[3..].windows(2) {
        assert_eq!(w[1] - w[0], 7, "{on:?}");
    }
    assert!(on.len() >= 15, "{on:?}");
    assert!(did.iter().all(|x| x.track != Track::Reactivation));
    assert_eq!(cadence[0].script.as_deref(), Some("tailored-plan"));
    assert_eq!(cadence[2].script.as_deref(), Some("limited-benefit"));
    assert_eq!(d.lifecycle(id), Lifecycle::Intro);
    // It moves to 抛产品: the push starts again from the same day.
    let moved = d.now + TimeDelta::hours(1);
    d.at(moved);
    d.run(Command::Move {
        id,
        to: salesbook::domain::Stage::Pitch,
    });
    let next = &d.open(id)[0];
    assert_eq!(
        (next.track, next.step, next.due),
        (Track::Cadence, 0, moved)
    );
}

#[test]
fn grade_b_is_touched_weekly_for_as_long_as_it_is_in_play() {
    let (d, did, cadence) = ninety_days(Grade::B);
    assert!(max_gap(&cadence) <= days(7), "gap {}", max_gap(&cadence));
    assert!(cadence.len() >= 12, "{} touches in 90 days", cadence.len());
    // No wake-up is ever needed for a lead that is being worked.
    assert!(did.iter().all(|x| x.track != Track::Reactivation));
    // No harassment warning either: the cap is for wake-ups.
    assert!(d.today().iter().all(|i| i.over_cap == 0));
}

#[test]
fn grade_c_gets_one_or_two_light_touches_a_week_for_90_days() {
    let (_, _, cadence) = ninety_days(Grade::C);
    assert!(max_gap(&cadence) <= days(6), "gap {}", max_gap(&cadence));
    // Light: never two on one day, and at most two in any week.
    for w in cadence.windows(3) {
        assert!(
            w[2].done - w[0].done >= days(7),
            "{:?}",
            w.iter().map(|x| x.done).collect::<Vec<_>>()
        );
    }
    assert!(cadence.len() >= 15, "{} touches in 90 days", cadence.len());
}

#[test]
fn an_ungraded_lead_is_asked_to_grade_until_it_is_graded() {
    let mut d = Desk::new("default", "2026-03-02T09:00:00+08:00");
    let id = d.add("赵六", None);
    let welcome = d.open(id)[0].clone();
    d.at(at("2026-03-02T09:05:00+08:00"));
    d.done(welcome.id);
    // Two hours after the first conversation, Today asks for a grade.
    d.at(at("2026-03-02T11:05:00+08:00"));
    let today = d.today();
    let ask = today
        .iter()
        .find(|i| i.track == Track::Grading)
        .expect("grading item");
    assert!(ask.action.contains("定级"), "{}", ask.action);
    // Put off: asked again the next day, not a month later.
    d.skip(ask.followup_id, "还没聊透");
    let again = d
        .open(id)
        .into_iter()
        .find(|f| f.track == Track::Grading)
        .unwrap();
    assert_eq!(again.due, d.now + days(1));
    // Graded: the question is gone and the grade's cadence takes over.
    d.at(at("2026-03-02T16:00:00+08:00"));
    d.grade(id, Grade::B);
    let open = d.open(id);
    assert!(open.iter().all(|f| f.track != Track::Grading));
    assert_eq!(open[0].track, Track::Cadence);
    assert_eq!(open[0].due, at("2026-03-03T16:00:00+08:00"));
}

// ───────────────────────────── dates set with the customer ─────────────────────────────

#[test]
fn a_dated_follow_up_takes_the_cadences_place_that_day_and_is_reminded_the_day_before() {
    let mut d = Desk::new("default", "2026-03-02T09:00:00+08:00");
    let id = d.add("钱七", Some(Grade::B));
    d.at(at("2026-03-02T09:05:00+08:00"));
    d.touch(id, "聊了需求，约了下周二电话沟通");
    // The B cadence would come back tomorrow (03-03) and then weekly; the customer asked
    // for a call on Tuesday 03-03 at 15:00 — the date wins that day.
    let call = at("2026-03-03T15:00:00+08:00");
    d.schedule(id, call, "电话沟通方案", Some("call"), true);
    let open: Vec<Followup> = d
        .open(id)
        .into_iter()
        .filter(|f| f.track != Track::Reactivation)
        .collect();
    let tracks: Vec<(Track, DateTime<Utc>)> = open.iter().map(|f| (f.track, f.due)).collect();
    assert_eq!(
        tracks,
        [
            // The reminder to the customer the day before (--remind).
            (Track::Reminder, call - days(1)),
            (Track::Appointment, call),
        ],
        "{open:#?}"
    );
    assert_eq!(open[1].action, "约好的通话：电话沟通方案");
    assert_eq!(open[0].action, "到访提醒：约好的通话 03-03 15:00");
    // The reminder is on Today the day before; the appointment on its day.
    d.at(call - days(1));
    assert!(d.today().iter().any(|i| i.track == Track::Reminder));
    d.done(open[0].id);
    d.at(at("2026-03-03T09:00:00+08:00"));
    let today = d.today();
    assert!(today.iter().any(|i| i.track == Track::Appointment));
    assert!(today.iter().all(|i| i.track != Track::Cadence));
    // Kept: the cadence moves on from the call, a week later.
    d.at(call);
    d.done(open[1].id);
    let next = &d.open(id)[0];
    assert_eq!((next.track, next.due), (Track::Cadence, call + days(7)));
}

#[test]
fn a_visit_is_reminded_by_its_kind_and_checked_on_the_day_after() {
    let mut d = Desk::new("medical-aesthetics", "2026-03-02T09:00:00+08:00");
    let id = d.add("面诊客", Some(Grade::A));
    d.at(at("2026-03-02T09:03:00+08:00"));
    d.touch(id, "约了周四面诊");
    let visit = at("2026-03-05T14:00:00+08:00");
    d.schedule(id, visit, "光子嫩肤面诊", Some("面诊"), false);
    let reminder = d.find(id, Track::Reminder).unwrap();
    assert_eq!(reminder.due, visit - days(1));
    assert_eq!(reminder.script.as_deref(), Some("visit-reminder"));
    let item = d.find(id, Track::Appointment).unwrap();
    assert_eq!(item.action, "面诊：光子嫩肤面诊");
    d.at(visit);
    d.done(item.id);
    let follow = d
        .find(id, Track::AfterAppointment)
        .expect("the check-in after the visit");
    assert_eq!(follow.due, visit + days(1));
    assert_eq!(follow.script.as_deref(), Some("visit-follow"));
}

#[test]
fn an_appointment_the_customer_missed_is_rescheduled_the_next_day() {
    let mut d = Desk::new("education", "2026-03-02T09:00:00+08:00");
    let id = d.add("孙八", Some(Grade::A));
    d.at(at("2026-03-02T09:03:00+08:00"));
    d.touch(id, "约了周六试听");
    let trial = at("2026-03-07T10:00:00+08:00");
    d.schedule(id, trial, "英语试听", Some("trial"), false);
    let reminder = d.find(id, Track::Reminder).unwrap();
    assert_eq!(reminder.due, trial - days(1));
    assert_eq!(reminder.script.as_deref(), Some("trial-reminder"));
    let item = d.find(id, Track::Appointment).unwrap();
    assert_eq!(item.action, "试听：英语试听");
    // The trial day: the student did not come.
    d.at(trial + TimeDelta::hours(2));
    d.skip(item.id, "没来");
    let after = d.open(id);
    let resched = after
        .iter()
        .find(|f| f.track == Track::AfterAppointment)
        .expect("rescheduling");
    assert_eq!(resched.due, d.now + days(1));
    assert_eq!(resched.script.as_deref(), Some("trial-reschedule"));
}

// ───────────────────────────── dormant leads ─────────────────────────────

#[test]
fn a_dormant_lead_gets_at_most_two_touches_a_month_and_is_given_up_after_four() {
    let mut d = Desk::new("default", "2026-03-02T09:00:00+08:00");
    let id = d.add("周九", Some(Grade::C));
    d.at(at("2026-03-02T09:05:00+08:00"));
    d.touch(id, "发了欢迎语");
    let last = d.now;
    // Nobody follows up and the customer never writes: dormant 30 days later, and only
    // wake-ups from then on.
    let did = d.work(id, last + days(200), |f| f.track == Track::Reactivation);
    assert!(did.len() >= 4, "{did:#?}");
    assert_eq!(did[0].due, last + days(30));
    // The wake-ups (the last item, the suggestion to mark it lost, is no message).
    let touches: Vec<DateTime<Utc>> = did[..did.len() - 1].iter().map(|x| x.done).collect();
    for t in &touches {
        let in_window = touches
            .iter()
            .filter(|x| **x > *t - days(30) && *x <= t)
            .count();
        assert!(
            in_window <= 2,
            "{in_window} wake-ups in the 30 days up to {t}"
        );
    }
    // Four went unanswered: the fifth item is the suggestion to mark it lost, then nothing.
    assert_eq!(did.len(), 5, "{:#?}", did);
    assert!(did[4].action.contains("lost"), "{}", did[4].action);
    assert_eq!(d.lifecycle(id), Lifecycle::Churned);
    assert!(d.open(id).is_empty());
    // No wake-up ever claims a benefit the contact does not have.
    assert!(
        did.iter()
            .all(|x| x.script.as_deref() != Some("wake-benefit"))
    );
}

#[test]
fn the_customers_answer_ends_reactivation_and_brings_the_lead_back() {
    let mut d = Desk::new("default", "2026-03-02T09:00:00+08:00");
    let id = d.add("吴十", Some(Grade::B));
    d.at(at("2026-03-02T09:05:00+08:00"));
    d.touch(id, "发了欢迎语");
    let woke = d.work(id, at("2026-04-02T12:00:00+08:00"), |f| {
        f.track == Track::Reactivation
    });
    assert_eq!(woke.len(), 1);
    assert_eq!(d.lifecycle(id), Lifecycle::Dormant);
    d.at(at("2026-04-03T20:00:00+08:00"));
    d.inbound(id, "不好意思前阵子太忙，最近想了解一下");
    assert_eq!(d.lifecycle(id), Lifecycle::Intro);
    // Back on the weekly cadence; a wake-up only if it goes quiet again for 30 days.
    let open = d.open(id);
    assert!(
        open.iter()
            .any(|f| f.track == Track::Cadence && f.due == d.now + days(7))
    );
    for f in open.iter().filter(|f| f.track == Track::Reactivation) {
        assert_eq!(f.valid_from, Some(d.now + days(30)), "{f:#?}");
    }
}

// ───────────────────────────── customers ─────────────────────────────

#[test]
fn a_buyer_of_a_90_day_product_gets_the_guide_within_24h_day_3_and_repurchase_from_day_75() {
    let mut d = Desk::new("default", "2026-03-02T09:00:00+08:00");
    let id = d.add("郑一", Some(Grade::A));
    d.at(at("2026-03-02T09:05:00+08:00"));
    d.touch(id, "聊了需求");
    d.at(at("2026-03-05T15:00:00+08:00"));
    let won = d.now;
    d.won(id, "标准套装（季装）", 699);
    let did = d.work(id, won + days(120), |_| true);
    let guide = &did[0];
    assert_eq!(guide.script.as_deref(), Some("usage-guide"));
    assert!(
        guide.due - won < TimeDelta::hours(24),
        "guide {}",
        guide.due
    );
    let day3 = did
        .iter()
        .find(|x| x.script.as_deref() == Some("day3-checkin"))
        .unwrap();
    assert_eq!(day_of(won, day3.due), 3);
    let reminders: Vec<&Did> = did
        .iter()
        .filter(|x| x.track == Track::Repurchase)
        .collect();
    assert_eq!(reminders[0].due, won + days(75));
    // Not answered with a new purchase: reminded again, every 15 days.
    assert_eq!(reminders[1].due, reminders[0].done + days(15));
    assert!(reminders.len() >= 3, "{reminders:#?}");
    // Aftercare never goes silent long enough to look dormant, and never wakes a fresh
    // buyer up as if dormant.
    let care: Vec<Did> = did
        .iter()
        .filter(|x| x.track == Track::Aftercare)
        .cloned()
        .collect();
    assert!(max_gap(&care) < days(30), "gap {}", max_gap(&care));
    assert!(did.iter().all(|x| x.track != Track::Reactivation));
    assert_eq!(d.lifecycle(id), Lifecycle::Growth);
    // A new purchase ends the reminders of the old one.
    d.won(id, "季装", 699);
    let open = d.open(id);
    let rep: Vec<&Followup> = open
        .iter()
        .filter(|f| f.track == Track::Repurchase)
        .collect();
    assert_eq!(rep.len(), 1);
    assert_eq!(rep[0].due, d.now + days(75));
}

#[test]
fn after_a_win_the_tier_not_the_pre_sale_grade_ranks_the_customer() {
    let mut d = Desk::new("default", "2026-03-02T09:00:00+08:00");
    let id = d.add("冯二", Some(Grade::A));
    d.at(at("2026-03-02T09:05:00+08:00"));
    d.touch(id, "聊了需求");
    d.won(id, "家庭营养礼盒", 599);
    let c = d.book().view().contact(id).unwrap();
    assert_eq!(c.tier, Some(Tier::C));
    let item = d.today().into_iter().next();
    d.at(d.now + days(1));
    let terms: Vec<String> = d
        .book()
        .view()
        .agenda(d.now.with_timezone(&cn()).date_naive(), 0, 50)
        .unwrap()
        .sections
        .into_iter()
        .flat_map(|(_, i)| i)
        .flat_map(|i| i.terms.into_iter().map(|t| t.name))
        .collect();
    assert!(terms.iter().any(|t| t == "tier C"), "{terms:?} {item:?}");
    assert!(terms.iter().all(|t| !t.starts_with("grade")), "{terms:?}");
    // Buying again, and writing back: B (two purchases, ¥1500, two replies).
    d.won(id, "焕颜精华套装", 999);
    d.inbound(id, "用着挺好");
    d.inbound(id, "再问下怎么搭配");
    let c = d.book().view().contact(id).unwrap();
    assert_eq!(c.tier, Some(Tier::B));
    assert!(
        c.tags.iter().any(|t| t.to_string() == "客户层级/场景唤醒"),
        "{:?}",
        c.tags
    );
    assert!(
        c.tags.iter().any(|t| t.to_string() == "购买次数/2次"),
        "{:?}",
        c.tags
    );
    // The derived tags are kept current, never stacked.
    assert!(
        !c.tags.iter().any(|t| t.to_string() == "购买次数/1次"),
        "{:?}",
        c.tags
    );
}

#[test]
fn a_service_buyer_reads_no_goods_wording() {
    let mut d = Desk::new("default", "2026-03-02T09:00:00+08:00");
    let id = d.add("陈三", Some(Grade::B));
    d.won(id, "年度服务", 3999);
    let book = d.book();
    let view = book.view();
    let stage = view.scripts_for(view.template(), id, None).unwrap();
    for s in &stage.scripts {
        for word in ["存放", "高温", "潮湿", "发货", "快递", "包裹", "到货"] {
            assert!(!s.text.contains(word), "{}: '{word}' in {}", s.id, s.text);
        }
    }
    assert!(stage.not_applicable.contains(&"surprise".to_string()));
    let guide = stage
        .scripts
        .iter()
        .find(|s| s.id == "usage-guide")
        .unwrap();
    assert!(guide.text.contains("预约"), "{}", guide.text);
    // The whole stage is there for the SOP pane: every checklist item, exit and materials.
    let sop = view.template().stage(salesbook::domain::Stage::Aftercare);
    assert_eq!(stage.checklist, sop.checklist);
    assert_eq!(stage.exit, sop.exit);
    assert_eq!(stage.materials, sop.materials);
    assert!(stage.checklist.len() > 4);
}

#[test]
fn a_birthday_is_followed_up_every_year() {
    let mut d = Desk::new("default", "2026-03-02T09:00:00+08:00");
    let id = d.add("楚四", Some(Grade::C));
    d.run(Command::Edit {
        id,
        patch: ContactPatch {
            birthday: Some(Some(chrono::NaiveDate::from_ymd_opt(1990, 4, 18).unwrap())),
            ..ContactPatch::default()
        },
    });
    let birthdays: Vec<DateTime<Utc>> = d
        .book()
        .view()
        .open_followups_of(id)
        .unwrap()
        .into_iter()
        .filter(|f| f.track == Track::Birthday)
        .map(|f| f.due)
        .collect();
    assert_eq!(
        birthdays,
        [
            at("2026-04-18T09:00:00+08:00"),
            at("2027-04-18T09:00:00+08:00"),
            at("2028-04-18T09:00:00+08:00"),
            at("2029-04-18T09:00:00+08:00"),
        ]
    );
    // Shown among upcoming items a week ahead, on Today on the day.
    d.at(at("2026-04-18T08:00:00+08:00"));
    let today = d.today();
    let b = today.iter().find(|i| i.track == Track::Birthday).unwrap();
    assert_eq!(b.script.as_deref(), Some("birthday"));
    d.done(b.followup_id);
    // Next year's is still there.
    assert!(
        d.open(id)
            .iter()
            .any(|f| f.track == Track::Birthday && f.due == at("2027-04-18T09:00:00+08:00"))
    );
}

#[test]
fn a_course_of_treatment_plans_each_session_and_renewal_when_one_is_left() {
    let mut d = Desk::new("medical-aesthetics", "2026-03-02T09:00:00+08:00");
    let id = d.add("韩五", Some(Grade::A));
    d.won(id, "光子疗程", 6800);
    let won = d.now;
    let did = d.work(id, won + days(200), |f| {
        matches!(f.track, Track::Session | Track::Repurchase)
    });
    let sessions: Vec<&Did> = did.iter().filter(|x| x.track == Track::Session).collect();
    // Five sessions booked one after another, 28 days apart.
    assert_eq!(sessions.len(), 5, "{did:#?}");
    assert_eq!(sessions[0].due, won + days(28));
    assert!(sessions[4].action.contains("5/5"), "{}", sessions[4].action);
    // Renewal asked once four are used (one left), not by the calendar.
    let renewal = did.iter().find(|x| x.track == Track::Repurchase).unwrap();
    assert_eq!(renewal.due, sessions[3].done);
    assert!(renewal.action.contains("1/5"), "{}", renewal.action);
}

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
        .agenda_items(d.now.with_timezone(&cn()).date_naive(), 0, 10)
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
