//! What the template checker found, as data: [`crate::i18n::sop_check`] words each problem
//! in the UI's language, so a team lead reading `template check` in Chinese reads every
//! line of it in Chinese.

use crate::domain::error::FieldError;
use crate::domain::sop_syntax::SyntaxError;
use crate::domain::{Grade, Stage};

/// The part of a template a problem is about, named in the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    TemplateId,
    TemplateName,
    LostReason,
    GradeAction,
    StageGoal,
    ScriptId,
    ScriptText,
    VariantText,
    ObjectionId,
    ObjectionReply,
    StepAction,
    CadenceId,
    GiveUpAction,
    TagCategory,
    TagGroup,
    Tag,
    ProductName,
    Product,
    Grade,
    Tier,
    Signal,
    SignalId,
    SignalName,
    SignalAction,
    Occasion,
    OccasionAction,
    AppointmentKind,
    AppointmentName,
}

/// The TOML parser's own message, and what the checker adds to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TomlSays {
    /// `unknown field `x`, expected one of `a`, `b``.
    UnknownField {
        field: String,
        expected: Vec<String>,
    },
    /// `missing field `x``.
    MissingField(String),
    /// `invalid type: string "one", expected u32`.
    WrongType { found: String, expected: String },
    /// Anything else the parser says (a syntax error), quoted as it says it.
    Other(String),
}

/// One problem in a template file.
#[derive(Debug, Clone, PartialEq)]
pub enum Problem {
    /// The file could not be parsed as TOML; `full_width` lists the full-width punctuation
    /// found outside strings on its line, with the ASCII TOML wants.
    Toml {
        says: TomlSays,
        full_width: Vec<(char, &'static str)>,
    },
    /// The file could not be read: the system's reason, as it gives it and by kind.
    Unreadable {
        kind: std::io::ErrorKind,
        detail: String,
    },
    NotAFile,
    TooLarge {
        bytes: Option<u64>,
        max: u64,
    },
    /// Another file in the templates folder has the same id and is the one used.
    SameId {
        id: String,
        kept: String,
    },
    Empty(Part),
    BadId(Part, String),
    ListedTwice(Part, String),
    DefinedTwice(Part, String),
    /// An id used twice where ids are unique in a template.
    UsedTwice(Part, String),
    /// A count that must be 1 or more; the TOML key.
    AtLeastOne(&'static str),
    /// A wait that must be longer than zero; the TOML key.
    LongerThanZero(&'static str),
    CadenceUndefined {
        id: String,
        defined: Vec<String>,
    },
    ScriptUndefined(String),
    FullWidthBraces,
    ChurnedNotAfterDormant {
        churned: u32,
        dormant: u32,
    },
    StageTwice(Stage),
    StageMissing(Stage),
    GradeMissing(Grade),
    EmptyWhen,
    StepOnDormancyLine {
        wait: String,
        dormant_days: u32,
    },
    CadenceEmpty(String),
    CadenceLoop(String),
    RepeatAtZero,
    BadTag,
    AutoNeedsRule(String),
    BandsPerTag {
        tags: usize,
        bands: usize,
    },
    TierGroupOfThree,
    PurchaseCountTags,
    /// An automatic rule that names its tags by month; the rule's key.
    DatedTags(&'static str),
    BadWeight {
        value: f64,
        max: f64,
    },
    TagNotInTaxonomy(String),
    RemindNotBeforeCycle {
        remind: u32,
        cycle: u32,
    },
    RenewNotBeforeSessions {
        left: u32,
        sessions: u32,
    },
    SignalNeedsTrigger,
    UnknownOccasion(String),
    AheadDaysMax(u32),
    /// A warning: a slot with no fallback in a text a contact without the value may get.
    NoFallback {
        slot: String,
        script: String,
        stand_in: &'static str,
        when: String,
    },
    Field(FieldError),
    Syntax(SyntaxError),
}

impl Problem {
    pub fn unreadable(e: &std::io::Error) -> Problem {
        Problem::Unreadable {
            kind: e.kind(),
            detail: e.to_string(),
        }
    }
}

impl From<SyntaxError> for Problem {
    fn from(e: SyntaxError) -> Self {
        Problem::Syntax(e)
    }
}
