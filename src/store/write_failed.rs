//! A write the book did not take, typed so the front ends word it in the UI's language.

/// A write that could not be made, nothing of it saved: the front ends word it.
#[derive(Debug)]
pub enum WriteFailed {
    /// Another connection held the book's write lock past the busy timeout.
    Blocked(String),
    /// The write could not start or be committed for another reason (a full disk, an I/O
    /// error): the system's words.
    NotSaved(String),
}

impl std::fmt::Display for WriteFailed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WriteFailed::Blocked(why) => {
                write!(
                    f,
                    "cannot start a write (another salesbook may be writing): {why}"
                )
            }
            WriteFailed::NotSaved(why) => write!(f, "cannot save the change: {why}"),
        }
    }
}

impl std::error::Error for WriteFailed {}

impl WriteFailed {
    /// Why `BEGIN IMMEDIATE` failed: another writer past the busy timeout, or something else
    /// (the system's words).
    pub(super) fn starting(e: rusqlite::Error) -> WriteFailed {
        use rusqlite::ErrorCode::{DatabaseBusy, DatabaseLocked};
        match e.sqlite_error_code() {
            Some(DatabaseBusy | DatabaseLocked) => WriteFailed::Blocked(e.to_string()),
            _ => WriteFailed::NotSaved(e.to_string()),
        }
    }
}
