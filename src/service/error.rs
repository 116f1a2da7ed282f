//! What can go wrong with a request to the book, as data. The command line words each case
//! with the command that fixes it, the TUI in its own words; both in the UI's language
//! (`crate::i18n::errors`).

use crate::domain::error::FieldError;
use crate::domain::{ContactId, Outcome, Stage};
use crate::store::OpenError;

/// Why a file cannot be restored from.
#[derive(Debug)]
pub enum RestoreRefused {
    /// It is the book itself.
    SameFile,
    /// Its activity log does not check out.
    Verify,
    /// It cannot be opened as a book.
    Open(OpenError),
    /// It is a backup of another book, and this one has `contacts` it would replace.
    OtherBook { contacts: i64 },
}

/// What a new or edited contact shares with one already in the book.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SharedKey {
    Phone(String),
    Wechat(String),
}

#[derive(Debug)]
pub enum Error {
    Open(OpenError),
    Field(FieldError),
    NoContact(ContactId),
    /// Only open contacts move, are lost, are won from a stage.
    NotOpen {
        id: ContactId,
        name: String,
        outcome: Outcome,
    },
    /// 理售后 is reached by a win, not a move.
    AftercareByWin {
        id: ContactId,
        name: String,
    },
    /// A lost contact is reopened before it can be won.
    WonWhileLost {
        id: ContactId,
        name: String,
    },
    AlreadyOpen {
        id: ContactId,
        name: String,
    },
    AlreadyArchived {
        id: ContactId,
        name: String,
        archived: bool,
    },
    /// An archived contact is not worked on (no touch, move or outcome) until unarchived.
    Archived {
        id: ContactId,
        name: String,
    },
    /// A contact merged into another takes no more changes.
    MergedAway {
        id: ContactId,
        name: String,
        into: ContactId,
    },
    MergeSelf(ContactId),
    /// The phone or WeChat ID is contact `id`'s already: the same person twice.
    Duplicate {
        id: ContactId,
        name: String,
        key: SharedKey,
    },
    NoFollowup(i64),
    FollowupClosed {
        id: i64,
        status: String,
    },
    /// Snoozing to a time that has passed.
    NotInFuture,
    NothingToChange,
    /// Demo data goes only into an empty book.
    BookNotEmpty {
        contacts: i64,
    },
    NothingToUndo,
    NotUndoable {
        event: i64,
        action: String,
    },
    AlreadyUndone {
        event: i64,
        by: i64,
    },
    /// Something changed after the change to undo, so undoing it would lose that.
    UndoBlocked {
        event: i64,
        action: String,
        contact: ContactId,
        name: String,
        by: Option<i64>,
        /// Who made the later change, when it was not the one undoing.
        by_other: Option<String>,
    },
    UnknownTemplate {
        id: String,
        available: Vec<String>,
    },
    /// A template file given by path (`--template FILE`) has errors.
    BrokenTemplate {
        file: String,
        problems: Vec<crate::sop::Diagnostic>,
    },
    /// The book's template is missing or broken: changes wait until it reads again (or
    /// the book switches to another).
    TemplateUnreadable {
        id: String,
    },
    /// Another program switched the book's template (or its file changed and the book was
    /// planned with the new one) since this book was opened: a change planned with the old
    /// one would undo that, so nothing was saved.
    TemplateChangedElsewhere,
    /// The file to restore is not a book, or its log does not check out.
    BadRestore {
        path: std::path::PathBuf,
        why: RestoreRefused,
    },
    /// A backup is never written over something that is there.
    BackupExists(std::path::PathBuf),
    /// `backup --to` named a folder: a backup is a file.
    BackupIsFolder(std::path::PathBuf),
    /// The copy could not be written (`why`: the system's words).
    BackupFailed {
        path: std::path::PathBuf,
        why: String,
        /// The system's reason, when it is one the front ends can word.
        kind: Option<std::io::ErrorKind>,
    },
    /// What the SOP refuses: tags outside the taxonomy, derived tags typed by hand…
    Sop(SopError),
    Other(anyhow::Error),
}

impl Error {
    pub fn other(e: impl Into<anyhow::Error>) -> Error {
        Error::Other(e.into())
    }
}

impl From<anyhow::Error> for Error {
    fn from(e: anyhow::Error) -> Error {
        // Typed errors that travelled through anyhow come back as themselves.
        match e.downcast::<Error>() {
            Ok(err) => err,
            Err(e) => match e.downcast::<FieldError>() {
                Ok(f) => Error::Field(f),
                Err(e) => match e.downcast::<OpenError>() {
                    Ok(o) => Error::Open(o),
                    Err(e) => Error::Other(e),
                },
            },
        }
    }
}

impl From<FieldError> for Error {
    fn from(e: FieldError) -> Error {
        Error::Field(e)
    }
}

impl From<OpenError> for Error {
    fn from(e: OpenError) -> Error {
        Error::Open(e)
    }
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Error {
        Error::Other(e.into())
    }
}

impl std::fmt::Display for Error {
    /// A bare description for logs: the front ends word errors through `i18n::errors`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Other(e) => write!(f, "{e:#}"),
            other => write!(f, "{other:?}"),
        }
    }
}

impl std::error::Error for Error {}

/// Where a stage move stands, for the messages of `move`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StageMove {
    pub from: Stage,
    pub to: Stage,
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// What the SOP refuses, as data.
#[derive(Debug, Clone, PartialEq)]
pub enum SopError {
    /// A tag neither the template's taxonomy nor the book knows (a typo?), with the closest
    /// known ones.
    UnknownTag { tag: String, closest: Vec<String> },
    /// A filter on a tag neither the template nor the book has: it could match nobody.
    NoSuchTag { tag: String, closest: Vec<String> },
    /// A tag of a group salesbook derives itself.
    DerivedTag { tag: String },
    /// A dated follow-up at a time already past.
    PastDate,
    /// A follow-up for a lost contact (it plans nothing until reopened).
    Lost { id: ContactId, name: String },
    /// An appointment kind the template does not define.
    UnknownAppointmentKind {
        kind: String,
        available: Vec<String>,
    },
}

impl From<SopError> for Error {
    fn from(e: SopError) -> Error {
        Error::Sop(e)
    }
}
