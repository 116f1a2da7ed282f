//! What the figures are computed from: plain values a loader fills from one book.
//!
//! Nothing here reads a book; the store's read-only loader builds a [`BookInput`] and hands
//! it over. Rows may come in any order: the figures index them by contact and time. Rows of
//! a contact missing from `contacts` are ignored.
//!
//! Where each list comes from in a book:
//! - `contacts`: the contacts table, archived ones included; `last_inbound_at` from the
//!   latest inbound entry; `referred_by` where the book records a referrer (else `None` and
//!   `records_referrals: false`).
//! - `stage_moves`: stage history, the creation row (`from_stage` NULL) included.
//! - `timeline`: interactions of kinds message, call, meeting, note, script_sent,
//!   followup_done and inbound messages; other kinds are not needed.
//! - `followups`: every follow-up row with its status, `closed_at` and `note`.
//! - `purchases`: the purchases table.
//! - `grade_changes`: each change of a contact's grade with before and after (from the
//!   activity log's edits), the first grading (`from: None`) included.
//! - `outcome_changes`: won, lost (with the reason given) and reopened, with their time.
//! - `template`: the template the book is planned with; `script_window_days` is 7 unless
//!   the template says otherwise.
//! - `verify`: what `verify` found in the activity log.

use crate::domain::followup::Track;
use crate::domain::{ContactId, Grade, Outcome, Stage};
use chrono::{DateTime, FixedOffset, Utc};
use serde::Serialize;

/// One book, as the figures need it.
#[derive(Debug, Clone)]
pub struct BookInput {
    /// The rep whose book this is (`[me] name` of whoever wrote it, or the contacts' owner).
    pub owner: String,
    pub template: TemplateInfo,
    /// The report's period, `[from, to)`.
    pub period: Window,
    /// The report's clock: states ("stuck", "dormant", "missed") are judged as of now.
    pub now: DateTime<Utc>,
    /// The book's local time zone: days (activity, "by the end of the due day") are local.
    pub utc_offset: FixedOffset,
    pub verify: VerifyStatus,
    /// Whether the book records who referred a contact (`ContactRow::referred_by`); when it
    /// does not, the referral figures read "—" rather than 0.
    pub records_referrals: bool,
    pub contacts: Vec<ContactRow>,
    /// Every stage entry, the creation's included (`from: None`).
    pub stage_moves: Vec<StageMove>,
    /// Touches, notes and inbound messages. Stage changes, wins and edits come in their own
    /// lists; other timeline kinds are not needed.
    pub timeline: Vec<TimelineEntry>,
    /// Every follow-up row, open and closed.
    pub followups: Vec<FollowupRow>,
    pub purchases: Vec<PurchaseRow>,
    pub grade_changes: Vec<GradeChange>,
    pub outcome_changes: Vec<OutcomeChange>,
}

impl BookInput {
    /// A book's input before its rows are read: no owner, no log checked, every list empty.
    pub fn empty(
        template: TemplateInfo,
        period: Window,
        now: DateTime<Utc>,
        utc_offset: FixedOffset,
    ) -> BookInput {
        BookInput {
            owner: String::new(),
            template,
            period,
            now,
            utc_offset,
            verify: VerifyStatus {
                events: 0,
                first_at: None,
                last_at: None,
                broken: None,
                records_checked: false,
            },
            records_referrals: false,
            contacts: Vec::new(),
            stage_moves: Vec::new(),
            timeline: Vec::new(),
            followups: Vec::new(),
            purchases: Vec::new(),
            grade_changes: Vec::new(),
            outcome_changes: Vec::new(),
        }
    }
}

/// The days a report covers when nobody names them: the 30 days ending today.
pub const DEFAULT_DAYS: u32 = 30;

/// The days a lead asks for (`--from`, `--to`), in the rep's calendar: made a [`Window`]
/// only once the book says which zone its rep writes from, so a lead in another zone gets
/// the rep's days. Missing ends: `first` alone runs through today, `last` alone is the
/// [`DEFAULT_DAYS`] days ending that day, neither is the [`DEFAULT_DAYS`] ending today.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Period {
    pub first: Option<chrono::NaiveDate>,
    pub last: Option<chrono::NaiveDate>,
    /// Instants given outright (a test's "all time"), whatever the zone.
    pub exactly: Option<Window>,
}

impl Period {
    /// Whole days, both included.
    pub fn days(first: chrono::NaiveDate, last: chrono::NaiveDate) -> Period {
        Period {
            first: Some(first),
            last: Some(last),
            exactly: None,
        }
    }

    /// The first and last day (both included), `today` filling a missing end.
    pub fn bounds(self, today: chrono::NaiveDate) -> (chrono::NaiveDate, chrono::NaiveDate) {
        let span = chrono::TimeDelta::days(i64::from(DEFAULT_DAYS) - 1);
        let back =
            |d: chrono::NaiveDate| d.checked_sub_signed(span).unwrap_or(chrono::NaiveDate::MIN);
        match (self.first, self.last) {
            (Some(f), Some(l)) => (f, l),
            // A first day after today (the rep's today can be a day behind the lead's):
            // that one day.
            (Some(f), None) => (f, today.max(f)),
            (None, Some(l)) => (back(l), l),
            (None, None) => (back(today), today),
        }
    }

    /// The period as instants, its days in the zone `offset` and today the day `now` falls
    /// on there. `None` when a day lies past what the calendar can hold.
    pub fn window(self, now: DateTime<Utc>, offset: FixedOffset) -> Option<Window> {
        if let Some(w) = self.exactly {
            return Some(w);
        }
        let (first, last) = self.bounds(now.with_timezone(&offset).date_naive());
        Window::local_days(first, last, offset)
    }
}

impl From<Window> for Period {
    fn from(w: Window) -> Period {
        Period {
            exactly: Some(w),
            ..Period::default()
        }
    }
}

/// A span of time, `[from, to)`; `None` is unbounded (the "all time" column).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Window {
    pub from: Option<DateTime<Utc>>,
    pub to: Option<DateTime<Utc>>,
}

impl Window {
    pub fn between(from: DateTime<Utc>, to: DateTime<Utc>) -> Window {
        Window {
            from: Some(from),
            to: Some(to),
        }
    }

    /// Whole local days: from the start of `first` to the start of the day after `last`
    /// (`--from D --to D` with both days included). `None` when a day has no local midnight.
    pub fn local_days(
        first: chrono::NaiveDate,
        last: chrono::NaiveDate,
        offset: FixedOffset,
    ) -> Option<Window> {
        use chrono::TimeZone;
        let start = |d: chrono::NaiveDate| {
            offset
                .from_local_datetime(&d.and_hms_opt(0, 0, 0)?)
                .single()
                .map(|t| t.with_timezone(&Utc))
        };
        Some(Window::between(start(first)?, start(last.succ_opt()?)?))
    }

    /// Everything the book holds.
    pub const ALL: Window = Window {
        from: None,
        to: None,
    };

    pub fn contains(&self, t: DateTime<Utc>) -> bool {
        self.from.is_none_or(|f| t >= f) && self.to.is_none_or(|e| t < e)
    }

    /// Strictly before the window's end (always true for an open end).
    pub fn before_end(&self, t: DateTime<Utc>) -> bool {
        self.to.is_none_or(|e| t < e)
    }
}

/// The parts of the SOP template the figures are measured against.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TemplateInfo {
    pub id: String,
    pub name: String,
    pub version: u32,
    pub first_response_minutes: u32,
    /// Per stage, in `Stage::ALL` order: days in a stage with no activity before it rots.
    pub rot_after_days: [Option<u32>; 5],
    pub dormant_after_days: u32,
    pub churned_after_days: u32,
    /// A script "moved" a contact if a stage advance, a win or a purchase follows it within
    /// this many days.
    pub script_window_days: u32,
    /// The template's scripts, for their titles in the report.
    pub scripts: Vec<ScriptInfo>,
}

impl TemplateInfo {
    pub fn rot_days(&self, stage: Stage) -> Option<u32> {
        self.rot_after_days[stage.index()]
    }

    pub fn script_title(&self, id: &str) -> Option<&str> {
        self.scripts
            .iter()
            .find(|s| s.id == id)
            .map(|s| s.title.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScriptInfo {
    pub id: String,
    pub title: String,
    pub stage: Stage,
}

/// A contact as it is now. Every string is untrusted text typed by the rep or imported.
#[derive(Debug, Clone, PartialEq)]
pub struct ContactRow {
    pub id: ContactId,
    pub name: String,
    pub phone: Option<String>,
    pub wechat: Option<String>,
    /// The source channel (来源), as typed.
    pub source: Option<String>,
    pub grade: Option<Grade>,
    pub stage: Stage,
    pub outcome: Outcome,
    pub lost_reason: Option<String>,
    pub created_at: DateTime<Utc>,
    pub archived: bool,
    /// The rep's last outgoing touch (message, call, meeting, script sent, follow-up done).
    pub last_touch_at: Option<DateTime<Utc>>,
    /// The customer's last inbound message, where the book records them.
    pub last_inbound_at: Option<DateTime<Utc>>,
    /// The contact who referred this one, where recorded.
    pub referred_by: Option<ContactId>,
    /// When an import brought the contact in from another tool's file (its `imported`
    /// entry): the book knew it from then on.
    pub arrived_at: Option<DateTime<Utc>>,
    /// A relationship already under way when it came in (its `prior_contact` entry): the
    /// first reply happened before the book, and is not the rep's to be judged on.
    pub prior_contact: Option<DateTime<Utc>>,
    /// Where it stands on going quiet, as its plan left it (the card's lifecycle comes from
    /// the same); `None` in a book not planned since the book kept it.
    pub quiet: Option<crate::domain::followup::Quiet>,
}

impl ContactRow {
    /// Whether something at `at` is how the book found a relationship already under way
    /// when an import took it over from another tool's file (at or before its arrival): its
    /// creation and stage then are the file's, not moves the rep made in the book, and no
    /// flow figure counts them. (A new lead from a file enters the funnel at its arrival.)
    pub fn found_at_import(&self, at: DateTime<Utc>) -> bool {
        self.prior_contact.is_some() && self.arrived_at.is_some_and(|a| at <= a)
    }
}

/// One stage entry: `from` is `None` for the contact's creation.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StageMove {
    pub contact: ContactId,
    pub at: DateTime<Utc>,
    pub from: Option<Stage>,
    pub to: Stage,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EntryKind {
    Message,
    Call,
    Meeting,
    Note,
    ScriptSent,
    FollowupDone,
    /// A message from the customer.
    Inbound,
}

impl EntryKind {
    /// The rep reached the customer (the same kinds that advance a cadence).
    pub fn is_touch(self) -> bool {
        matches!(
            self,
            EntryKind::Message
                | EntryKind::Call
                | EntryKind::Meeting
                | EntryKind::ScriptSent
                | EntryKind::FollowupDone
        )
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct TimelineEntry {
    pub contact: ContactId,
    pub at: DateTime<Utc>,
    pub kind: EntryKind,
    /// The script's id, for `ScriptSent`.
    pub script: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FollowupStatus {
    Open,
    Done,
    Skipped,
    /// Closed by a re-plan: a touch logged another way completed it, or the plan changed
    /// (new grade, win, loss, dormancy). The timeline tells which (see `figures::cadence`).
    Superseded,
}

#[derive(Debug, Clone, PartialEq)]
pub struct FollowupRow {
    pub id: i64,
    pub contact: ContactId,
    pub track: Track,
    /// When it was due: a snooze made before the deadline is a new date agreed in time;
    /// one made after it leaves the deadline it missed.
    pub due: DateTime<Utc>,
    pub status: FollowupStatus,
    pub closed_at: Option<DateTime<Utc>>,
    /// The reason given for a skip.
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PurchaseRow {
    pub contact: ContactId,
    pub at: DateTime<Utc>,
    pub product: Option<String>,
    pub amount_cents: i64,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GradeChange {
    pub contact: ContactId,
    pub at: DateTime<Utc>,
    pub from: Option<Grade>,
    pub to: Option<Grade>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum OutcomeChangeKind {
    Won,
    Lost,
    Reopened,
}

#[derive(Debug, Clone, PartialEq)]
pub struct OutcomeChange {
    pub contact: ContactId,
    pub at: DateTime<Utc>,
    pub change: OutcomeChangeKind,
    /// The reason given for a loss.
    pub reason: Option<String>,
}

/// What `verify` found in the book's hash-chained activity log.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VerifyStatus {
    /// Events in the log, and the first and last event's time: the span the log covers.
    pub events: u64,
    pub first_at: Option<DateTime<Utc>>,
    pub last_at: Option<DateTime<Utc>>,
    /// The first link that does not hold, if any.
    pub broken: Option<ChainBreak>,
    /// Whether the timeline, purchases and closed follow-ups were checked against the log
    /// (a log from before it sealed them has nothing to check them against).
    pub records_checked: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChainBreak {
    /// The event's sequence number in the log.
    pub event: u64,
    pub at: Option<DateTime<Utc>>,
    /// What the event is about ("contact 12", "follow-up 40"…).
    pub entity: String,
    /// What differs from the recorded hash or from the book.
    pub detail: String,
    /// The book differs from what the whole log says (found after its last entry, which
    /// `event` then names), rather than the log breaking at `event`.
    #[serde(default)]
    pub book_differs: bool,
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn windows_are_half_open() {
        let east8 = FixedOffset::east_opt(8 * 3600).unwrap();
        let d = |m, d| NaiveDate::from_ymd_opt(2026, m, d).unwrap();
        let w = Window::local_days(d(11, 1), d(11, 30), east8).unwrap();
        let t = |s: &str| DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc);
        assert!(w.contains(t("2026-11-01T00:00:00+08:00")));
        assert!(w.contains(t("2026-11-30T23:59:59+08:00")));
        assert!(!w.contains(t("2026-12-01T00:00:00+08:00")));
        assert!(!w.contains(t("2026-10-31T23:59:59+08:00")));
        let now = t("2026-11-23T09:00:00+08:00");
        assert!(w.before_end(t("2026-11-30T23:59:59+08:00")));
        assert!(!w.before_end(t("2026-12-01T00:00:00+08:00")));
        assert!(Window::ALL.contains(now));
    }

    #[test]
    fn a_period_is_the_reps_days_whatever_zone_reads_it() {
        let zone = |h: i32| FixedOffset::east_opt(h * 3600).unwrap();
        let d = |m, d| NaiveDate::from_ymd_opt(2026, m, d).unwrap();
        let t = |s: &str| DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc);
        // 2026-12-04 01:00 in Shanghai is still 12-03 in Los Angeles.
        let now = t("2026-12-04T01:00:00+08:00");
        let days = Period::days(d(11, 2), d(11, 30));
        let shanghai = days.window(now, zone(8)).unwrap();
        assert_eq!(shanghai.from, Some(t("2026-11-02T00:00:00+08:00")));
        assert_eq!(shanghai.to, Some(t("2026-12-01T00:00:00+08:00")));
        let la = days.window(now, zone(-8)).unwrap();
        assert_eq!(la.from, Some(t("2026-11-02T00:00:00-08:00")));
        // Nothing named: the 30 days ending the rep's today, whole days.
        let default = Period::default().window(now, zone(8)).unwrap();
        assert_eq!(default.from, Some(t("2026-11-05T00:00:00+08:00")));
        assert_eq!(default.to, Some(t("2026-12-05T00:00:00+08:00")));
        let default = Period::default().window(now, zone(-8)).unwrap();
        assert_eq!(default.to, Some(t("2026-12-04T00:00:00-08:00")));
        // One end named.
        let from = Period {
            first: Some(d(11, 20)),
            ..Period::default()
        };
        assert_eq!(
            from.window(now, zone(8)).unwrap().to,
            Some(t("2026-12-05T00:00:00+08:00"))
        );
        // A first day after the rep's today: that one day.
        let ahead = Period {
            first: Some(d(12, 4)),
            ..Period::default()
        };
        assert_eq!(
            ahead.window(now, zone(-8)).unwrap(),
            Window::local_days(d(12, 4), d(12, 4), zone(-8)).unwrap()
        );
        let to = Period {
            last: Some(d(11, 10)),
            ..Period::default()
        };
        assert_eq!(
            to.window(now, zone(8)).unwrap().from,
            Some(t("2026-10-12T00:00:00+08:00"))
        );
        // Instants given outright are kept.
        assert_eq!(
            Period::from(Window::ALL).window(now, zone(8)),
            Some(Window::ALL)
        );
    }
}
