//! What every command needs before it starts: config, clock, and where the book is.

use crate::clock::Clock;
use crate::config::{Config, Dirs, Lang};
use crate::service::Book;
use crate::sop::Library;
use anyhow::Result;
use std::path::PathBuf;

pub struct Context {
    pub config: Config,
    pub clock: Clock,
    pub db_path: PathBuf,
    pub config_dir: PathBuf,
    /// `--template ID|PATH`, for this command only.
    pub template: Option<String>,
}

impl Context {
    /// `db` is `--db` (or `SALESBOOK_DB`, which clap folds into it).
    pub fn load(db: Option<PathBuf>, template: Option<String>) -> Result<Context> {
        let clock = Clock::from_env()?;
        let dirs = Dirs::discover();
        let config_dir = match &dirs {
            Ok(d) => d.config.clone(),
            Err(_) => PathBuf::from("."),
        };
        let config = Config::load(&config_dir)?;
        let db_path = match db {
            Some(p) => p,
            None => dirs?.default_book(),
        };
        Ok(Context {
            config,
            clock,
            db_path,
            config_dir,
            template,
        })
    }

    pub fn lang(&self) -> Lang {
        self.config.ui.lang
    }

    /// Built-in templates plus the user's, from `templates/` in the config directory.
    pub fn library(&self) -> Library {
        Library::load(Some(&self.config_dir.join("templates")))
    }

    /// Opens the book for commands that neither write nor read follow-ups.
    pub fn open_book_unplanned(&self) -> Result<Book> {
        Book::open_unplanned(&self.db_path, self.clock, &self.config.actor())
    }

    /// Opens the book for writing, planning follow-ups with its template (or `--template`).
    pub fn open_book(&self) -> Result<Book> {
        let mut book = Book::open_unplanned(&self.db_path, self.clock, &self.config.actor())?;
        let chosen = book.active_template_id()?;
        let wanted: Vec<&str> = [self.template.as_deref(), chosen.as_deref()]
            .into_iter()
            .flatten()
            .collect();
        let lib = Library::load_for(Some(&self.config_dir.join("templates")), &wanted);
        // Not found among the few parsed: ask the whole library (its error lists them all).
        let active = match book.template(&lib, self.template.as_deref()) {
            Ok(active) => active,
            Err(_) => book.template(&self.library(), self.template.as_deref())?,
        };
        book.set_template(active.loaded.template)?;
        Ok(book)
    }
}
