//! What every command needs before it starts: config, clock, where the book is — and the
//! two ways to open it: for reading only, or for writing.

use crate::clock::Clock;
use crate::config::{Config, Dirs, Lang};
use crate::service::{
    ACTIVE_TEMPLATE, Book, Error, ReadBook, Session, SessionTemplate, choose_template,
};
use crate::sop::{DEFAULT_ID, Library};
use crate::store::{BackupPolicy, Reader, Store};
use std::path::PathBuf;

pub struct Context {
    pub config: Config,
    pub clock: Clock,
    pub db_path: PathBuf,
    pub config_dir: PathBuf,
    /// The platform data directory (automatic backups go to its `backups/`).
    pub data_dir: Option<PathBuf>,
    /// `--template ID|PATH`, for this command only.
    pub template: Option<String>,
}

/// A book opened for reading or writing, with the template it follows and, when the
/// book's own template could not be found, its id.
pub struct Opened<B> {
    pub book: B,
    pub missing_template: Option<String>,
}

impl Context {
    /// `db` is `--db` (or `SALESBOOK_DB`, which clap folds into it).
    pub fn load(db: Option<PathBuf>, template: Option<String>) -> anyhow::Result<Context> {
        let clock = Clock::from_env()?;
        let dirs = Dirs::discover();
        let config_dir = match &dirs {
            Ok(d) => d.config.clone(),
            Err(_) => PathBuf::from("."),
        };
        let config = Config::load(&config_dir)?;
        let data_dir = dirs.as_ref().ok().map(|d| d.data.clone());
        let db_path = match db {
            Some(p) => p,
            None => dirs?.default_book(),
        };
        Ok(Context {
            config,
            clock,
            db_path,
            config_dir,
            data_dir,
            template,
        })
    }

    pub fn lang(&self) -> Lang {
        self.config.ui.lang
    }

    fn templates_dir(&self) -> PathBuf {
        self.config_dir.join("templates")
    }

    /// Built-in templates plus the user's, from `templates/` in the config directory.
    pub fn library(&self) -> Library {
        Library::load(Some(&self.templates_dir()))
    }

    /// The user's templates and only the built-ins among `ids` (and the default): what a
    /// command that needs no other built-in must parse.
    pub fn library_for(&self, ids: &[&str]) -> Library {
        Library::load_for(Some(&self.templates_dir()), ids)
    }

    fn backups(&self) -> Option<BackupPolicy> {
        self.data_dir.as_ref().map(|d| BackupPolicy {
            dir: Config::backups_dir(d),
            keep: self.config.backup.keep,
        })
    }

    /// The session for a book whose chosen template is `chosen`: planning always follows
    /// the book's own template (`--template` changes what a command shows, not the plans).
    fn session(&self, chosen: Option<&str>) -> Result<(Session, Option<String>), Error> {
        let dir = self.templates_dir();
        let id = chosen.unwrap_or(DEFAULT_ID);
        // Nothing can override a built-in when no user file exists: parse it only when a
        // command needs it.
        let lazy = Library::is_builtin_id(id) && !Library::has_user_templates(&dir);
        let (template, missing) = if lazy {
            (SessionTemplate::builtin(id), None)
        } else {
            let wanted: Vec<&str> = chosen.into_iter().collect();
            let lib = Library::load_for(Some(&dir), &wanted);
            // Not among the few parsed: ask the whole library.
            let active = match choose_template(&lib, chosen, None) {
                Ok(a) if a.missing.is_none() => a,
                _ => choose_template(&self.library(), chosen, None)?,
            };
            (active.loaded.template.into(), active.missing)
        };
        Ok((
            Session {
                clock: self.clock,
                actor: self.config.actor(),
                me: self.config.me.in_scripts(),
                template,
                backups: self.backups(),
            },
            missing,
        ))
    }

    /// The template a book made now would follow (for a command about to make one).
    pub fn new_book_template(&self) -> Result<SessionTemplate, Error> {
        Ok(self.session(None)?.0.template)
    }

    /// Opens the book for reading only: nothing is created, changed or left behind.
    pub fn open_read(&self) -> Result<Opened<ReadBook>, Error> {
        self.open_read_at(&self.db_path)
    }

    /// Opens another book (one of a team's, for a roll-up) for reading only.
    pub fn open_read_at(&self, path: &std::path::Path) -> Result<Opened<ReadBook>, Error> {
        let reader = Reader::open(path)?;
        let chosen = reader.snap().setting(ACTIVE_TEMPLATE)?;
        let (session, missing) = self.session(chosen.as_deref())?;
        Ok(Opened {
            book: ReadBook::new(reader, session),
            missing_template: missing,
        })
    }

    /// Opens the book for writing; with `create`, a missing book is made (and the caller
    /// says so).
    pub fn open_write(&self, create: bool) -> Result<Opened<Book>, Error> {
        let (store, opened) = Store::open(&self.db_path, create, self.backups().as_ref())?;
        let chosen = store.snap().setting(ACTIVE_TEMPLATE)?;
        let (session, missing) = self.session(chosen.as_deref())?;
        Ok(Opened {
            book: Book::standing_in(store, opened, session, missing.clone())?,
            missing_template: missing,
        })
    }
}
