//! The follow-up engine: from the template and a contact's history, which follow-ups should
//! be open, when each is due, from when to when it is live, and how urgent it is — term by
//! term. Pure: no I/O, no clock reads. The plan depends on the facts only, never on "now".
//!
//! The pieces: the main track (a lead's grade cadence, a customer's after-sale care and tier
//! rhythm, reactivation once dormant: `walk`), dated appointments (`appointment`), buying
//! signals (`signal`), repurchase, sessions and yearly occasions (`customer`).

pub use super::lifecycle::{Lifecycle, Quiet, lifecycle, rots_from, rotting};
pub use super::urgency::{Term, rank_cmp, rank_key, score, score_base, urgency, urgency_points};
pub use super::walk::{Standing, Wake, respect_cap, standing, touches_over_cap};

use super::script_values::ScriptValues;
use super::sop::{ContactHours, Template};
use super::{Contact, Grade, Outcome, Stage, Tier};
use chrono::{DateTime, FixedOffset, NaiveDate, TimeDelta, Utc};
use serde::Serialize;
use std::fmt;
use std::str::FromStr;

/// Why a follow-up exists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Track {
    /// A new lead waiting for the first reply.
    FirstResponse,
    /// A lead that had its first conversation and still has no grade.
    Grading,
    /// The grade's cadence (A/B/C), with its repeating tail.
    Cadence,
    /// After-sale care, started by a win, then the tier's rhythm.
    Aftercare,
    /// A reminder before a bought product runs out, or to renew a course of sessions.
    Repurchase,
    /// The next session of a course (疗程, 课时).
    Session,
    /// Waking a dormant contact, capped per 30 days; given up after unanswered attempts.
    Reactivation,
    /// A date the rep set with the customer (a call, 面诊, 试听).
    Appointment,
    /// A reminder to the customer before an appointment.
    Reminder,
    /// After an appointment: a check-in, or rescheduling one that did not happen.
    AfterAppointment,
    /// A buying signal from the customer that calls for a prompt answer.
    Signal,
    Birthday,
    Anniversary,
}

impl Track {
    pub const ALL: [Track; 13] = [
        Track::FirstResponse,
        Track::Grading,
        Track::Cadence,
        Track::Aftercare,
        Track::Repurchase,
        Track::Session,
        Track::Reactivation,
        Track::Appointment,
        Track::Reminder,
        Track::AfterAppointment,
        Track::Signal,
        Track::Birthday,
        Track::Anniversary,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Track::FirstResponse => "first_response",
            Track::Grading => "grading",
            Track::Cadence => "cadence",
            Track::Aftercare => "aftercare",
            Track::Repurchase => "repurchase",
            Track::Session => "session",
            Track::Reactivation => "reactivation",
            Track::Appointment => "appointment",
            Track::Reminder => "reminder",
            Track::AfterAppointment => "after_appointment",
            Track::Signal => "signal",
            Track::Birthday => "birthday",
            Track::Anniversary => "anniversary",
        }
    }

    pub fn zh(self) -> &'static str {
        match self {
            Track::FirstResponse => "首次回复",
            Track::Grading => "线索定级",
            Track::Cadence => "分级跟进",
            Track::Aftercare => "售后",
            Track::Repurchase => "复购提醒",
            Track::Session => "疗程/课时",
            Track::Reactivation => "唤醒",
            Track::Appointment => "约定跟进",
            Track::Reminder => "提前提醒",
            Track::AfterAppointment => "约后跟进",
            Track::Signal => "成交信号",
            Track::Birthday => "生日",
            Track::Anniversary => "纪念日",
        }
    }

    /// The tracks that make up a contact's main rhythm: a dated appointment stands in for
    /// them on its day.
    pub fn is_rhythm(self) -> bool {
        matches!(
            self,
            Track::Cadence | Track::Aftercare | Track::Reactivation
        )
    }
}

impl fmt::Display for Track {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

impl Track {
    /// Whether the track's steps are appointments (the step is the appointment's id): the
    /// appointment itself, its reminder and what follows it.
    pub fn steps_are_appointments(self) -> bool {
        matches!(
            self,
            Track::Appointment | Track::Reminder | Track::AfterAppointment
        )
    }
}

impl FromStr for Track {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Track::ALL
            .into_iter()
            .find(|t| t.key() == s)
            .ok_or_else(|| format!("unknown follow-up track '{s}'"))
    }
}

/// A follow-up the engine wants open.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Planned {
    pub track: Track,
    /// Position in the track's sequence; for an appointment and what goes with it, the
    /// appointment's id; for a signal, the rule's place in the template; for an occasion,
    /// the year.
    pub step: u32,
    /// The purchase a repurchase reminder or a session belongs to.
    pub purchase_id: Option<i64>,
    pub due: DateTime<Utc>,
    pub action: String,
    pub script: Option<String>,
    /// Urgency minus the overdue term's "now" part: see [`score_base`].
    pub score_base: f64,
    /// When the item comes into force, if later than when it was planned, and when it
    /// stops: a cadence left idle is abandoned at dormancy, where the plan's reactivation
    /// item starts. Both are known when planning, so no read ever has to plan again. A
    /// reactivation item's `starts` is when the contact went dormant (what its cap counts
    /// from).
    pub starts: Option<DateTime<Utc>>,
    pub expires: Option<DateTime<Utc>>,
}

impl Planned {
    /// Whether the item is on the agenda at `now`.
    pub fn live_at(&self, now: DateTime<Utc>) -> bool {
        self.starts.is_none_or(|s| s <= now) && self.expires.is_none_or(|e| e > now)
    }

    pub(super) fn new(track: Track, step: u32, due: DateTime<Utc>, action: String) -> Planned {
        Planned {
            track,
            step,
            purchase_id: None,
            due,
            action,
            script: None,
            score_base: 0.0,
            starts: None,
            expires: None,
        }
    }
}

/// What became of a follow-up the book keeps beyond its plan (the plan itself is made again
/// on import: only what the rep did to it has to travel).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FollowupState {
    Done,
    Skipped,
    /// Replaced by a new plan (a new grade, a win) or completed by a touch logged for it.
    Superseded,
    /// Still open, moved by the rep to its due time.
    Snoozed,
}

impl FollowupState {
    pub const ALL: [FollowupState; 4] = [
        FollowupState::Done,
        FollowupState::Skipped,
        FollowupState::Superseded,
        FollowupState::Snoozed,
    ];

    pub fn key(self) -> &'static str {
        match self {
            FollowupState::Done => "done",
            FollowupState::Skipped => "skipped",
            FollowupState::Superseded => "superseded",
            FollowupState::Snoozed => "snoozed",
        }
    }
}

/// A follow-up the rep closed: done (or skipped) on a track's step.
#[derive(Debug, Clone, PartialEq)]
pub struct Closed {
    pub track: Track,
    pub step: u32,
    pub purchase_id: Option<i64>,
    pub at: DateTime<Utc>,
    /// Skipped rather than done (an appointment that did not happen).
    pub skipped: bool,
}

/// An open follow-up the rep moved to a later time.
#[derive(Debug, Clone, PartialEq)]
pub struct Snooze {
    pub track: Track,
    pub step: u32,
    pub purchase_id: Option<i64>,
    pub until: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Purchase {
    pub id: i64,
    pub at: DateTime<Utc>,
    pub product: Option<String>,
    pub amount_cents: Option<i64>,
}

/// The customer's own message, question or like.
#[derive(Debug, Clone, PartialEq)]
pub struct Inbound {
    pub at: DateTime<Utc>,
    pub text: String,
}

/// A follow-up the rep scheduled on a date.
#[derive(Debug, Clone, PartialEq)]
pub struct Appointment {
    pub id: i64,
    pub at: DateTime<Utc>,
    pub note: Option<String>,
    /// One of the template's appointment kinds (面诊, 试听…).
    pub kind: Option<String>,
    /// Remind the customer the day before (or as the kind says).
    pub remind: bool,
    pub created_at: DateTime<Utc>,
}

/// Everything the engine needs to know about one contact.
#[derive(Debug, Clone)]
pub struct Facts<'a> {
    pub contact: &'a Contact,
    /// When the grade was last set (cadences restart on a new grade).
    pub grade_since: DateTime<Utc>,
    /// When the contact entered its stage (cadences restart in a new stage).
    pub stage_since: DateTime<Utc>,
    pub won_at: Option<DateTime<Utc>>,
    /// Outgoing touches, oldest first.
    pub touches: &'a [DateTime<Utc>],
    /// The customer's own activity, oldest first.
    pub inbound: &'a [Inbound],
    /// Touches the customer took part in (calls, meetings), oldest first: like their own
    /// activity, they keep the contact from going dormant and bring a dormant one back.
    pub conversations: &'a [DateTime<Utc>],
    pub closed: &'a [Closed],
    pub snoozed: &'a [Snooze],
    pub purchases: &'a [Purchase],
    pub appointments: &'a [Appointment],
    /// When the contact came into the book from another tool's file (an import's
    /// `imported` entry): nothing falls due before it.
    pub arrived: Option<DateTime<Utc>>,
    /// A relationship already under way when it came in (a `prior_contact` entry: the
    /// file's last contact, else the import): no first reply is owed, and the rhythm
    /// starts from it.
    pub prior_contact: Option<DateTime<Utc>>,
    /// When the contact last came back into play (reopened, or taken out of the archive):
    /// nothing falls due while it was closed or put away.
    pub resumed: Option<DateTime<Utc>>,
    /// When the contact was last marked lost: a message after it is the customer back.
    pub lost_at: Option<DateTime<Utc>>,
    /// When the book took up the template it follows now: nothing the new template plans
    /// falls due before the rep could know of it.
    pub template_since: Option<DateTime<Utc>>,
}

impl Facts<'_> {
    /// The product of the latest purchase, as recorded (`None` before any purchase).
    pub fn last_purchase(&self) -> Option<Option<&str>> {
        self.purchases.last().map(|p| p.product.as_deref())
    }

    /// The latest time any fact holds: occasions are planned from that year on.
    pub fn latest(&self) -> DateTime<Utc> {
        let c = self.contact;
        [
            Some(c.created_at),
            Some(self.grade_since),
            Some(self.stage_since),
            self.touches.last().copied(),
            self.inbound.last().map(|i| i.at),
            self.purchases.last().map(|p| p.at),
            self.closed.iter().map(|x| x.at).max(),
            self.arrived,
            self.resumed,
        ]
        .into_iter()
        .flatten()
        .max()
        .unwrap_or(c.created_at)
    }

    /// The earliest anything can fall due: the import that brought the contact in, the
    /// last time it came back into play, or the book's switch to its template.
    pub fn in_play_from(&self) -> DateTime<Utc> {
        [self.arrived, self.resumed, self.template_since]
            .into_iter()
            .flatten()
            .max()
            .unwrap_or(self.contact.created_at)
    }

    /// The first contact the rhythm counts from: the first touch, or for a contact taken
    /// over from a file, the contact known before it if that is earlier.
    pub fn first_contact(&self) -> Option<DateTime<Utc>> {
        let touch = self.touches.first().copied();
        match (touch, self.prior_contact) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    pub(super) fn closed_on(
        &self,
        track: Track,
        step: u32,
        purchase: Option<i64>,
    ) -> Option<&Closed> {
        self.closed
            .iter()
            .filter(|c| c.track == track && c.step == step && c.purchase_id == purchase)
            .max_by_key(|c| c.at)
    }
}

/// Never plan two steps at the same instant: "after done, the next is strictly later".
pub(super) const MIN_GAP: TimeDelta = TimeDelta::minutes(1);

pub(super) fn local_day(t: DateTime<Utc>, offset: FixedOffset) -> NaiveDate {
    t.with_timezone(&offset).date_naive()
}

/// The follow-ups live at `now`: the plan as the agenda shows it then.
pub fn plan(t: &Template, f: &Facts, now: DateTime<Utc>, offset: FixedOffset) -> Vec<Planned> {
    plan_full(t, f, offset)
        .into_iter()
        .filter(|p| p.live_at(now))
        .collect()
}

/// The customer's tier from the facts (none before a purchase).
pub fn tier_of(t: &Template, f: &Facts) -> Option<Tier> {
    super::customer::tier(t, f)
}

/// The contact's lifecycle at `now`, from its facts: where it stands on reactivation and
/// how many purchases it has.
pub fn lifecycle_at(t: &Template, f: &Facts, offset: FixedOffset, now: DateTime<Utc>) -> Lifecycle {
    lifecycle(
        t,
        f.contact,
        f.purchases.len(),
        &standing_of(t, f, offset),
        now,
    )
}

/// Where the contact stands on going quiet (see [`Quiet`]): what the book keeps with its
/// plan, so a read can tell dormant and churned contacts at any later time.
pub fn quiet(t: &Template, f: &Facts, offset: FixedOffset) -> Quiet {
    Quiet::of(&standing_of(t, f, offset))
}

fn standing_of(t: &Template, f: &Facts, offset: FixedOffset) -> Standing {
    let mut who = ScriptValues::new(t, f.contact, None, f.last_purchase());
    who.tier = tier_of(t, f);
    standing(t, f, &who, offset)
}

/// Every follow-up a contact's plan holds, each with when it stops being live. The plan
/// depends only on the facts, never on "now": time passing cannot make it stale.
pub fn plan_full(t: &Template, f: &Facts, offset: FixedOffset) -> Vec<Planned> {
    let c = f.contact;
    let mut out = Vec::new();
    if c.archived {
        return out;
    }
    if c.outcome == Outcome::Lost {
        // Nothing is sold to a lost contact; but one who writes again is waiting for an
        // answer, and may be worth reopening.
        out.extend(super::signal::lost_came_back(f));
        return finish(t, out, f, offset);
    }
    // What the rep arranged with the customer stands, whatever the grade.
    out.extend(super::appointment::plan(t, f, offset));
    // D (无效) stops selling to a lead; a D contact who bought anyway still gets care.
    let invalid_lead = c.grade == Some(Grade::D) && c.outcome == Outcome::Open;
    if !invalid_lead {
        let mut values = ScriptValues::new(t, c, None, f.last_purchase());
        values.tier = tier_of(t, f);
        out.extend(super::customer::repurchases(t, f));
        out.extend(super::customer::sessions(t, f));
        out.extend(super::customer::occasions(t, f, offset));
        out.extend(super::signal::plan(t, f, offset));
        match super::walk::main_track(t, f, &values, offset) {
            Some(items) => out.extend(items),
            // A contact taken over from a file was answered before the book knew it; a
            // first reply the rep skipped (with a reason) is not asked for again.
            None if c.outcome == Outcome::Open
                && f.prior_contact.is_none()
                && f.closed_on(Track::FirstResponse, 0, None).is_none() =>
            {
                out.push(first_response(t, f))
            }
            None => {}
        }
        if let Some(mut g) = grading(t, f) {
            // Asked while the lead is in play: once it goes quiet, waking it comes first.
            let s = standing(t, f, &values, offset);
            g.expires = s.dormant_at.or(s.wake.map(|w| w.since));
            out.push(g);
        }
    }
    if let Some(hours) = t.contact_hours {
        within_contact_hours(&mut out, hours, offset);
    }
    keep_appointment_days(&mut out, offset);
    finish(t, out, f, offset)
}

/// The rhythm's items wait for the rep's contact hours; a time set with the customer, a
/// first reply and an answer to a buying signal keep theirs (the customer is waiting). An
/// item whose window would close before the hours begin keeps its time too.
pub(super) fn within_contact_hours(out: &mut [Planned], hours: ContactHours, offset: FixedOffset) {
    for p in out {
        if matches!(
            p.track,
            Track::FirstResponse | Track::Appointment | Track::Reminder | Track::Signal
        ) {
            continue;
        }
        let due = hours.within(p.due, offset);
        if p.expires.is_none_or(|e| due < e) {
            p.due = due;
        }
    }
}

/// A dated appointment takes the place of the rhythm's item on its day: the rep talks to
/// the customer then anyway, and doing it moves the rhythm on.
fn keep_appointment_days(out: &mut Vec<Planned>, offset: FixedOffset) {
    let days: Vec<NaiveDate> = out
        .iter()
        .filter(|p| p.track == Track::Appointment)
        .map(|p| local_day(p.due, offset))
        .collect();
    out.retain(|p| !(p.track.is_rhythm() && days.contains(&local_day(p.due, offset))));
}

/// Applies snoozes, keeps every due after the contact's creation, and scores each item.
fn finish(t: &Template, mut out: Vec<Planned>, f: &Facts, offset: FixedOffset) -> Vec<Planned> {
    let tier = tier_of(t, f);
    let in_play = f.in_play_from();
    let that_day = catch_up_due(in_play, offset, t.contact_hours);
    for p in &mut out {
        if let Some(s) = f
            .snoozed
            .iter()
            .find(|s| s.track == p.track && s.step == p.step && s.purchase_id == p.purchase_id)
        {
            p.due = s.until;
            // A snoozed reactivation still never asks for more than the cap.
            if p.track == Track::Reactivation
                && let Some(cap) = t
                    .cadences
                    .get("dormant")
                    .and_then(|c| c.max_touches_per_30d)
            {
                let since = p.starts.unwrap_or(p.due);
                let attempts: Vec<DateTime<Utc>> =
                    f.touches.iter().copied().filter(|x| *x >= since).collect();
                p.due = respect_cap(p.due, &attempts, cap as usize);
            }
        }
        p.due = p.due.max(f.contact.created_at);
        if p.due < in_play {
            p.due = that_day;
        }
        p.score_base = score_base(t, f.contact, tier, p.track, p.step, p.due);
    }
    // An item that lapsed before the contact came into play was never on anyone's
    // agenda: it is no follow-up at all (not overdue, not missed, not "next").
    out.retain(|p| p.expires.is_none_or(|e| e > in_play));
    out.sort_by_key(|p| (p.due, p.track, p.step));
    out
}

/// What would have fallen due while the contact was away (or before the book knew it, or
/// under another template) is the work of the day it came back: due by the last minute of
/// that day's contact hours (of the day itself without them), so not overdue the minute
/// after. Back after the hours have ended, it is the next working day's.
pub(super) fn catch_up_due(
    in_play: DateTime<Utc>,
    offset: FixedOffset,
    hours: Option<ContactHours>,
) -> DateTime<Utc> {
    let day = local_day(in_play, offset);
    let closing = |d: NaiveDate| {
        let end = match hours {
            Some(h) => d.and_time(h.end),
            None => d.succ_opt()?.and_hms_opt(0, 0, 0)?,
        };
        let end = end.and_local_timezone(offset).single()?.with_timezone(&Utc);
        Some(end - MIN_GAP)
    };
    [Some(day), day.succ_opt()]
        .into_iter()
        .flatten()
        .filter_map(closing)
        .find(|due| *due >= in_play)
        .unwrap_or(in_play)
}

/// The lead's first reply, due the template's limit after it came in.
pub fn first_response(t: &Template, f: &Facts) -> Planned {
    let welcome = t.stage(Stage::Discover).scripts.first();
    // A new lead from a file waits from when it came in.
    let arrived = f
        .arrived
        .map_or(f.contact.created_at, |a| a.max(f.contact.created_at));
    let mut p = Planned::new(
        Track::FirstResponse,
        0,
        arrived + TimeDelta::minutes(t.first_response_minutes as i64),
        welcome.map_or_else(
            || Track::FirstResponse.zh().to_string(),
            |s| s.title.clone(),
        ),
    );
    p.script = welcome.map(|s| s.id.clone());
    p
}

/// An open lead with a first conversation behind it and no grade yet is asked to be graded:
/// after the first touch, and again each time the rep puts it off.
fn grading(t: &Template, f: &Facts) -> Option<Planned> {
    let g = t.grading.as_ref()?;
    let c = f.contact;
    if c.grade.is_some() || c.outcome != Outcome::Open {
        return None;
    }
    // Asked after a conversation in the book: a contact taken over ungraded is graded as
    // the rep talks to it again, not all at once on the day of the import.
    let first = *f.touches.first()?;
    let put_off: Vec<&Closed> = f
        .closed
        .iter()
        .filter(|x| x.track == Track::Grading && x.at >= first)
        .collect();
    let due = match put_off.iter().map(|x| x.at).max() {
        Some(last) => last + g.every.max(MIN_GAP),
        None => first + g.after,
    };
    Some(Planned::new(
        Track::Grading,
        put_off.len() as u32,
        due,
        g.action.clone(),
    ))
}
