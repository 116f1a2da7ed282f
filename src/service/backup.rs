//! Backups on request and restoring one: the current book is always backed up first, and a
//! restored book must pass `verify`.

use super::error::{Error, RestoreRefused, Result};
use super::session::{Book, ReadBook};
use std::path::{Path, PathBuf};

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
                    .ok_or_else(|| Error::other(anyhow::anyhow!("no backups folder is known")))?;
                crate::store::backup_file(&dir, self.store.path(), "manual")
            }
        };
        // (A dangling link counts as there: the copy would go where it points.)
        if std::fs::symlink_metadata(&path).is_ok() {
            return Err(Error::BackupExists(path));
        }
        self.store
            .backup_to(&path)
            .map_err(|e| Error::BackupFailed {
                path: path.clone(),
                why: e.root_cause().to_string(),
            })?;
        Ok(path)
    }

    /// Replaces the book with the backup at `from`: the backup must be a book whose log
    /// checks out; the current book is backed up first. Returns that safety copy.
    pub fn restore(&mut self, from: &Path) -> Result<PathBuf> {
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
