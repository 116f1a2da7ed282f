//! The records that cross the format layer: what an import yields and what an export takes.

use crate::domain::lifecycle::Lifecycle;
use crate::domain::{Channel, ContactId, Grade, InteractionKind, Outcome, Stage, TagRef};
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
        }
    }
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
    /// Decided on import (see `exchange::contacted`): someone the rep already talks to,
    /// owed no first reply.
    pub known_before: bool,
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
}

impl Field {
    pub const ALL: [Field; 25] = [
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
        }
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}
