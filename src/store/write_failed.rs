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

/// SQLite's words when an error comes from a damaged book file, anywhere along its chain:
/// a page SQLite finds malformed, text that is not UTF-8 where the app writes only UTF-8,
/// or a value of a type the app never writes in its column (a NULL read from a NOT NULL
/// column: a damaged page SQLite read without noticing). The front ends word it as
/// damage, not as the library's English.
pub fn damage(e: &anyhow::Error) -> Option<String> {
    use rusqlite::ErrorCode::{DatabaseCorrupt, NotADatabase};
    e.chain().find_map(|c| {
        if let Some(rusqlite::types::FromSqlError::Utf8Error(u)) =
            c.downcast_ref::<rusqlite::types::FromSqlError>()
        {
            return Some(u.to_string());
        }
        c.downcast_ref::<rusqlite::Error>().and_then(|r| match r {
            rusqlite::Error::SqliteFailure(f, _)
                if matches!(r.sqlite_error_code(), Some(DatabaseCorrupt | NotADatabase)) =>
            {
                Some(f.to_string())
            }
            rusqlite::Error::Utf8Error(..) | rusqlite::Error::InvalidColumnType(..) => {
                Some(r.to_string())
            }
            _ => None,
        })
    })
}

#[cfg(test)]
mod tests {
    use super::damage;
    use anyhow::Context;

    fn sqlite(code: i32) -> rusqlite::Error {
        rusqlite::Error::SqliteFailure(rusqlite::ffi::Error::new(code), None)
    }

    #[test]
    fn damage_is_found_along_the_chain_and_nothing_else_is_damage() {
        let corrupt: anyhow::Result<()> = Err(sqlite(rusqlite::ffi::SQLITE_CORRUPT).into());
        let wrapped = corrupt.context("reading the timeline").unwrap_err();
        assert!(damage(&wrapped).is_some_and(|w| w.contains("malformed")));
        let null =
            rusqlite::Error::InvalidColumnType(1, "contact_id".into(), rusqlite::types::Type::Null);
        let wrapped = anyhow::Error::new(null).context("reading the timeline");
        assert!(damage(&wrapped).is_some_and(|w| w.contains("contact_id")));
        let busy = anyhow::Error::new(sqlite(rusqlite::ffi::SQLITE_BUSY));
        assert_eq!(damage(&busy), None);
        assert_eq!(damage(&anyhow::anyhow!("no such file")), None);
    }
}
