//! The records that cross the format layer: what an import yields and what an export takes.

pub use crate::domain::followup::FollowupState;
use crate::domain::followup::Track;
use crate::domain::lifecycle::Lifecycle;
use crate::domain::{
    Channel, ContactId, Grade, GradeChange, InteractionKind, Outcome, Stage, TagRef,
};
use chrono::{DateTime, NaiveDate, Utc};
use std::fmt;

/// One purchase as files carry it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PurchaseRecord {
    pub at: DateTime<Utc>,
    /// Whole cents (分), as `domain::money` keeps amounts.
    pub amount_cents: Option<i64>,
    pub product: Option<String>,
}

/// One entry of a contact's timeline as files carry it: the book's timeline entry without
/// its ids.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimelineEntry {
    pub at: DateTime<Utc>,
    pub kind: InteractionKind,
    pub channel: Option<Channel>,
    pub from_stage: Option<Stage>,
    pub to_stage: Option<Stage>,
    pub script_id: Option<String>,
    /// Whole cents (分).
    pub amount_cents: Option<i64>,
    pub product: Option<String>,
    pub text: Option<String>,
    /// An edit's or a merge's change of grade: before, after.
    pub grade_change: Option<GradeChange>,
}

impl TimelineEntry {
    /// A blank entry of `kind`; callers fill in what applies.
    pub fn new(at: DateTime<Utc>, kind: InteractionKind) -> TimelineEntry {
        TimelineEntry {
            at,
            kind,
            channel: None,
            from_stage: None,
            to_stage: None,
            script_id: None,
            amount_cents: None,
            product: None,
            text: None,
            grade_change: None,
        }
    }
}

/// Which step of its track a follow-up is. Steps of the appointment tracks are the
/// appointment's place in the contact's list (a book's ids do not travel); others are the
/// cadence's step number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepRef {
    Step(u32),
    /// 0-based place in [`ImportedContact::appointments`] / [`ExportContact::appointments`].
    Appointment(usize),
}

/// A follow-up as files carry it: its track and step, when it was due, what became of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FollowupRecord {
    pub due: DateTime<Utc>,
    pub state: FollowupState,
    pub track: Track,
    pub step: StepRef,
    /// 0-based place of the purchase it follows in the contact's purchase list.
    pub purchase: Option<usize>,
    /// When it was done, skipped or replaced (none for a snoozed one).
    pub closed_at: Option<DateTime<Utc>>,
    pub script: Option<String>,
    pub action: String,
    /// What the rep wrote when closing it (a skip's reason).
    pub note: Option<String>,
    /// The deadline it had already missed when it was snoozed: the lead's figures judge
    /// it by that (see `followups.overdue_at`).
    pub overdue: Option<DateTime<Utc>>,
}

/// A dated follow-up the rep set with the customer, as files carry it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppointmentRecord {
    pub at: DateTime<Utc>,
    /// One of the template's appointment kinds (面诊, 试听…).
    pub kind: Option<String>,
    pub remind: bool,
    pub created_at: DateTime<Utc>,
    pub note: Option<String>,
}

/// One accepted record of an imported file, with every field the file gave. `None` (or an
/// empty list) means the file did not say; the core keeps its defaults for those (a new
/// contact starts in 挖需求, open, not archived, created now).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ImportedContact {
    pub name: String,
    pub honorific: Option<String>,
    /// The first phone, normalised by `domain::contact::normalize_phone`; extra phones are
    /// written into `notes`.
    pub phone: Option<String>,
    pub wechat: Option<String>,
    pub email: Option<String>,
    pub company: Option<String>,
    pub source: Option<String>,
    pub need: Option<String>,
    pub budget: Option<String>,
    pub grade: Option<Grade>,
    pub stage: Option<Stage>,
    pub outcome: Option<Outcome>,
    pub lost_reason: Option<String>,
    pub tier: Option<String>,
    pub tags: Vec<TagRef>,
    pub notes: Option<String>,
    pub birthday: Option<NaiveDate>,
    pub anniversary: Option<NaiveDate>,
    pub owner: Option<String>,
    pub archived: Option<bool>,
    /// When the contact was added, read as a local time in the offset the caller gave.
    pub created_at: Option<DateTime<Utc>>,
    pub purchases: Vec<PurchaseRecord>,
    /// From salesbook's own export: when it last changed and was last touched, so a book
    /// exported and imported again exports the same.
    pub updated_at: Option<DateTime<Utc>>,
    pub last_touch_at: Option<DateTime<Utc>>,
    /// From salesbook's own export (or a column mapped to `timeline`): the contact's past,
    /// oldest first. Empty when the file has none.
    pub timeline: Vec<TimelineEntry>,
    /// From salesbook's own export: follow-ups done, skipped, replaced or snoozed, and the
    /// dates set with the customer, so the plan goes on where it was.
    pub followups: Vec<FollowupRecord>,
    pub appointments: Vec<AppointmentRecord>,
    /// Decided on import (see `exchange::contacted`): someone the rep already talks to,
    /// owed no first reply.
    pub known_before: bool,
}

impl ImportedContact {
    /// The outcome the book gives the row. Someone who bought (purchases, no outcome, no
    /// stage short of 理售后) has been won: a customer, not a new lead with purchases.
    pub fn outcome_in_book(&self) -> Outcome {
        let bought =
            !self.purchases.is_empty() && matches!(self.stage, None | Some(Stage::Aftercare));
        self.outcome
            .unwrap_or(if bought { Outcome::Won } else { Outcome::Open })
    }
}

/// A contact as the exports write it: plain values the core fills from its model.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportContact {
    pub id: ContactId,
    pub name: String,
    pub honorific: Option<String>,
    pub phone: Option<String>,
    pub wechat: Option<String>,
    pub email: Option<String>,
    pub company: Option<String>,
    pub source: Option<String>,
    pub need: Option<String>,
    pub budget: Option<String>,
    pub grade: Option<Grade>,
    pub stage: Stage,
    pub outcome: Outcome,
    pub lost_reason: Option<String>,
    /// The customer tier (客户分层) as the book names it, e.g. "A".
    pub tier: Option<String>,
    pub lifecycle: Lifecycle,
    pub tags: Vec<TagRef>,
    pub notes: Option<String>,
    pub birthday: Option<NaiveDate>,
    pub anniversary: Option<NaiveDate>,
    pub owner: Option<String>,
    pub archived: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub last_touch_at: Option<DateTime<Utc>>,
    pub purchases: Vec<PurchaseRecord>,
    /// The timeline, oldest first (the CSV and JSON exports carry it; vCard does not).
    pub timeline: Vec<TimelineEntry>,
    /// Follow-ups closed or snoozed, by due time; the dates set with the customer, by time.
    pub followups: Vec<FollowupRecord>,
    pub appointments: Vec<AppointmentRecord>,
}

impl From<&ExportContact> for ImportedContact {
    /// A book contact in import form, so the merge rule can compare it with a file's record.
    fn from(c: &ExportContact) -> Self {
        ImportedContact {
            name: c.name.clone(),
            honorific: c.honorific.clone(),
            phone: c.phone.clone(),
            wechat: c.wechat.clone(),
            email: c.email.clone(),
            company: c.company.clone(),
            source: c.source.clone(),
            need: c.need.clone(),
            budget: c.budget.clone(),
            grade: c.grade,
            stage: Some(c.stage),
            outcome: Some(c.outcome),
            lost_reason: c.lost_reason.clone(),
            tier: c.tier.clone(),
            tags: c.tags.clone(),
            notes: c.notes.clone(),
            birthday: c.birthday,
            anniversary: c.anniversary,
            owner: c.owner.clone(),
            archived: Some(c.archived),
            created_at: Some(c.created_at),
            purchases: c.purchases.clone(),
            updated_at: Some(c.updated_at),
            last_touch_at: c.last_touch_at,
            timeline: c.timeline.clone(),
            followups: c.followups.clone(),
            appointments: c.appointments.clone(),
            known_before: false,
        }
    }
}

/// A field of a contact that a file column (or a vCard property) can carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    Name,
    Honorific,
    Phone,
    Wechat,
    Email,
    Company,
    Source,
    Need,
    Budget,
    Grade,
    Stage,
    Outcome,
    LostReason,
    Tier,
    Tags,
    Notes,
    Birthday,
    Anniversary,
    Owner,
    Archived,
    CreatedAt,
    Purchases,
    /// Only salesbook's own export carries these two: they read back what the book derived.
    UpdatedAt,
    LastTouchAt,
    /// The timeline, one entry a line, as salesbook's own export writes it.
    Timeline,
    /// Only salesbook's own export: follow-ups closed or snoozed, and dates set with the
    /// customer, one a line.
    Followups,
    Appointments,
    /// A name in parts, as address books export it (`Last Name`, `First Name`, 姓, 名): put
    /// together in the language's order when the file has no whole name.
    FamilyName,
    GivenName,
    MiddleName,
}

impl Field {
    pub const ALL: [Field; 30] = [
        Field::Name,
        Field::Honorific,
        Field::Phone,
        Field::Wechat,
        Field::Email,
        Field::Company,
        Field::Source,
        Field::Need,
        Field::Budget,
        Field::Grade,
        Field::Stage,
        Field::Outcome,
        Field::LostReason,
        Field::Tier,
        Field::Tags,
        Field::Notes,
        Field::Birthday,
        Field::Anniversary,
        Field::Owner,
        Field::Archived,
        Field::CreatedAt,
        Field::Purchases,
        Field::UpdatedAt,
        Field::LastTouchAt,
        Field::Timeline,
        Field::Followups,
        Field::Appointments,
        Field::FamilyName,
        Field::GivenName,
        Field::MiddleName,
    ];

    /// The key `--map COLUMN=FIELD` accepts; the same as the JSON field names.
    pub fn key(self) -> &'static str {
        match self {
            Field::Name => "name",
            Field::Honorific => "honorific",
            Field::Phone => "phone",
            Field::Wechat => "wechat",
            Field::Email => "email",
            Field::Company => "company",
            Field::Source => "source",
            Field::Need => "need",
            Field::Budget => "budget",
            Field::Grade => "grade",
            Field::Stage => "stage",
            Field::Outcome => "outcome",
            Field::LostReason => "lost_reason",
            Field::Tier => "tier",
            Field::Tags => "tags",
            Field::Notes => "notes",
            Field::Birthday => "birthday",
            Field::Anniversary => "anniversary",
            Field::Owner => "owner",
            Field::Archived => "archived",
            Field::CreatedAt => "created_at",
            Field::Purchases => "purchases",
            Field::UpdatedAt => "updated_at",
            Field::LastTouchAt => "last_touch_at",
            Field::Timeline => "timeline",
            Field::Followups => "followups",
            Field::Appointments => "appointments",
            Field::FamilyName => "family_name",
            Field::GivenName => "given_name",
            Field::MiddleName => "middle_name",
        }
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}
