//! Backups on request and restoring one: the current book is always backed up first, and a
//! restored book must pass `verify`.

use super::error::{Error, RestoreRefused, Result};
use super::session::{Book, ReadBook};
use std::path::{Path, PathBuf};

/// The backups of the book at `book` in the data directory's backups folder, newest first:
/// when each was written, where, and its size.
pub fn backups_of(data_dir: &Path, book: &Path) -> Vec<(std::time::SystemTime, PathBuf, u64)> {
    let dir = crate::config::Config::backups_dir(data_dir);
    let mut all = crate::store::backups_of(&dir, book);
    all.reverse();
    all
}

impl Book {
    /// A consistent copy of the book: at `to`, or in the backups folder.
    pub fn backup(&self, to: Option<&Path>) -> Result<PathBuf> {
        let path = match to {
            Some(p) => p.to_path_buf(),
            None => {
                let dir = self
                    .session
                    .backups
                    .as_ref()
                    .map(|b| b.dir.clone())
                    .ok_or_else(|| Error::other(crate::config::NoHomeDir))?;
                crate::store::backup_file(&dir, self.store.path(), "manual")
            }
        };
        if path.is_dir() {
            return Err(Error::BackupIsFolder(path));
        }
        // (A dangling link counts as there: the copy would go where it points.)
        if std::fs::symlink_metadata(&path).is_ok() {
            return Err(Error::BackupExists(path));
        }
        self.store
            .backup_to(&path)
            .map_err(|e| Error::BackupFailed {
                path: path.clone(),
                why: e.root_cause().to_string(),
                kind: e
                    .chain()
                    .find_map(|c| c.downcast_ref::<std::io::Error>())
                    .map(std::io::Error::kind),
            })?;
        Ok(path)
    }

    /// Replaces the book with the backup at `from`: the backup must be a book whose log
    /// checks out; the current book is backed up first. Returns that safety copy.
    /// A backup of another book (its log starts elsewhere) replaces a book that has
    /// contacts only with `other_book`: a rep restoring the wrong file would lose hers.
    pub fn restore(&mut self, from: &Path, other_book: bool) -> Result<PathBuf> {
        let same =
            std::fs::canonicalize(from).ok() == std::fs::canonicalize(self.store.path()).ok();
        if same {
            return Err(Error::BadRestore {
                path: from.into(),
                why: RestoreRefused::SameFile,
            });
        }
        let candidate = ReadBook::open(from, self.session.clone()).map_err(|e| match e {
            Error::Open(o) => Error::BadRestore {
                path: from.into(),
                why: RestoreRefused::Open(o),
            },
            other => other,
        })?;
        let check = candidate.read(|v| v.verify())?;
        if !check.ok() {
            return Err(Error::BadRestore {
                path: from.into(),
                why: RestoreRefused::Verify,
            });
        }
        if !other_book {
            let theirs = candidate.read(|v| v.snap.book_identity())?;
            let (ours, contacts) =
                self.read(|v| Ok((v.snap.book_identity()?, v.snap.count_contacts()?)))?;
            // A book from before the log was chained has no start to compare: let it be.
            if let (Some(a), Some(b)) = (&theirs, &ours)
                && a != b
                && contacts > 0
            {
                return Err(Error::BadRestore {
                    path: from.into(),
                    why: RestoreRefused::OtherBook { contacts },
                });
            }
        }
        drop(candidate);
        let safety = self.backup(None)?;
        self.store.restore_from(from)?;
        let after = self.read(|v| v.verify())?;
        if !after.ok() {
            return Err(Error::BadRestore {
                path: from.into(),
                why: RestoreRefused::Verify,
            });
        }
        Ok(safety)
    }
}
