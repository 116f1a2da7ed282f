//! Where the app's jobs run: a worker thread that owns the book (reads and writes, in the
//! order asked), a second one for searches, so typing never waits behind a write — or, for
//! a headless render, right away on the caller's thread. The input thread never touches
//! SQLite.

mod reads;
mod writes;

use super::jobs::{Answer, BookInfo, Data, Job, Ticket};
use crate::clock::Clock;
use crate::config::{Config, Lang};
use crate::context::Context;
use crate::i18n::errors::{Front, message};
use crate::service::{Book, Error, ReadBook, Session, View};
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, Sender, channel};

/// What the app's loop wakes up for: a key (or paste, resize, mouse), a job's answer, or
/// nothing for a while.
#[derive(Debug)]
pub enum LoopEvent {
    Term(ratatui::crossterm::event::Event),
    Answer(Answer),
}

/// How the worker opens the book (and opens it again after the rep gave their name).
#[derive(Debug, Clone)]
pub struct Opener {
    pub db_path: PathBuf,
    pub config: Config,
    pub config_dir: PathBuf,
    pub data_dir: Option<PathBuf>,
    pub clock: Clock,
    pub template: Option<String>,
}

impl Opener {
    fn context(&self) -> Context {
        Context {
            config: self.config.clone(),
            clock: self.clock,
            db_path: self.db_path.clone(),
            config_dir: self.config_dir.clone(),
            data_dir: self.data_dir.clone(),
            template: self.template.clone(),
        }
    }
}

/// The book a worker holds.
pub enum Held {
    /// Not open yet (the opener does it on the worker thread).
    Closed(Box<Opener>),
    /// Not open yet, and to be opened read-only through the reader (an audit).
    ClosedRead(Box<Opener>),
    Write {
        book: Box<Book>,
        opener: Option<Box<Opener>>,
        warning: Option<String>,
    },
    Read(Box<ReadBook>),
    /// The search lane's book, opened read-only at the first query.
    Search {
        path: PathBuf,
        clock: Clock,
    },
    /// The figures lane's book, opened read-only through the reader for each job; `own`
    /// when it is the rep's own book (the app), not one under audit.
    Figures {
        opener: Box<Opener>,
        own: bool,
    },
}

/// A worker's state: its book, the UI's language, and the book's data version when it
/// last looked.
pub struct Worker {
    held: Held,
    lang: Lang,
    seen_version: Option<i64>,
    /// The log entries this app wrote (see `Worker::undo`).
    mine: std::collections::HashSet<i64>,
    /// The board's column counts, kept current from the log between reads.
    counts: Option<crate::service::StageCounts>,
    /// A write since the last checkpoint.
    written: bool,
    /// Checkpoints the book beside the writer (an app's book).
    keeper: Option<crate::service::upkeep::LogKeeper>,
    /// The book read is the rep's own (the figures lane of the app): a book that names no
    /// owner is named after the rep, as the writer does, not after its file.
    own_book: bool,
}

impl Worker {
    pub fn new(held: Held, lang: Lang) -> Worker {
        Worker {
            held,
            lang,
            seen_version: None,
            mine: Default::default(),
            counts: None,
            written: false,
            keeper: None,
            own_book: false,
        }
    }

    fn word(&self, e: &Error) -> String {
        message(e, self.lang, Front::Tui)
    }

    /// Runs one job; an error comes back in the app's own words.
    pub fn run(&mut self, job: Job) -> Result<Data, String> {
        self.written |= job.writes();
        if let Held::Search { path, clock } = &self.held {
            // The template does not matter to a search: the built-in one will do.
            let session = Session::with_default_template(*clock, "");
            match ReadBook::open(path, session) {
                Ok(book) => self.held = Held::Read(Box::new(book)),
                Err(e) => return Err(self.word(&e)),
            }
        }
        if let Held::Figures { opener, own } = &self.held {
            // Opened afresh for each job (a millisecond beside the figures' read): the
            // template the book follows may have changed since the last.
            let mut once = match opener.context().open_read() {
                Ok(opened) => Worker::new(Held::Read(Box::new(opened.book)), self.lang),
                Err(e) => return Err(self.word(&e)),
            };
            once.own_book = *own;
            return once.run(job);
        }
        let out = match job {
            Job::Open => self.open(),
            Job::SaveName(name, call) => self.save_name(&name, &call),
            Job::Write(cmd) => self.write(cmd),
            Job::Bulk { ids, op } => self.bulk(ids, op),
            Job::Undo => self.undo(None),
            Job::UndoAgreed(event) => self.undo(Some(event)),
            Job::UseTemplate(id) => self.use_template(&id),
            Job::Templates => self.templates(),
            Job::CopyAndLog {
                text,
                title,
                native,
                osc52,
                log,
            } => self.copy_and_log(&text, &title, native, osc52, log),
            Job::Watch => self.watch(),
            Job::Figures(period) => self.figures(period),
            Job::Counts(filter) => {
                let mut kept = self.counts.take();
                let counts = self.read(|view| view.board_counts_kept(&filter, &mut kept));
                self.counts = kept;
                counts.map(Data::Counts)
            }
            other => {
                let lang = self.lang;
                self.read(|view| reads::run(view, other, lang))
            }
        };
        out.map_err(|e| self.word(&e))
    }

    /// Runs `f` over one consistent snapshot of the book.
    fn read<T>(&self, f: impl FnOnce(View<'_>) -> anyhow::Result<T>) -> Result<T, Error> {
        match &self.held {
            Held::Write { book, .. } => book.read(f),
            Held::Read(book) => book.read(f),
            Held::Closed(_) | Held::ClosedRead(_) | Held::Search { .. } | Held::Figures { .. } => {
                Err(Error::other(anyhow::anyhow!("the book is not open")))
            }
        }
    }

    fn book(&mut self) -> Result<&mut Book, Error> {
        match &mut self.held {
            Held::Write { book, .. } => Ok(book),
            _ => Err(Error::Other(anyhow::anyhow!(
                crate::i18n::tui::text(self.lang).read_only_book
            ))),
        }
    }

    fn open(&mut self) -> Result<Data, Error> {
        if let Held::ClosedRead(opener) = &self.held {
            let opened = opener.context().open_read()?;
            let warning = opened.missing_template.map(|id| {
                format!(
                    "'{id}' — {} '{}'",
                    crate::i18n::cli::cli_text(self.lang).template_missing,
                    opened.book.session().template.id
                )
            });
            self.held = Held::Read(Box::new(opened.book));
            self.seen_version = Some(self.read(|view| view.data_version())?);
            let mut info = self.info()?;
            info.warning = warning;
            return Ok(Data::Opened(Box::new(info)));
        }
        if let Held::Closed(opener) = &self.held {
            let opener = opener.clone();
            let opened = opener.context().open_write(true)?;
            let warning = opened.missing_template.map(|id| {
                format!(
                    "'{id}' — {} '{}'",
                    crate::i18n::cli::cli_text(self.lang).template_missing,
                    opened.book.session().template.id
                )
            });
            let mut book = opened.book;
            book.defer_checkpoints();
            // The log is copied into the book beside the writes, not in them.
            self.keeper = crate::service::upkeep::LogKeeper::start(book.path(), KEEP_EVERY).ok();
            self.held = Held::Write {
                book: Box::new(book),
                opener: Some(opener),
                warning,
            };
        }
        // Changes by other processes count from here.
        self.seen_version = Some(self.read(|view| view.data_version())?);
        self.info().map(|i| Data::Opened(Box::new(i)))
    }

    /// What the status line and the pickers need to know about the book.
    fn info(&self) -> Result<BookInfo, Error> {
        let (session, path, warning): (&Session, _, _) = match &self.held {
            Held::Write { book, warning, .. } => (book.session(), book.path(), warning.clone()),
            Held::Read(book) => (book.session(), book.path(), None),
            _ => return Err(Error::other(anyhow::anyhow!("the book is not open"))),
        };
        let t = &session.template;
        Ok(BookInfo {
            file: path
                .file_name()
                .map(|f| f.to_string_lossy().into_owned())
                .unwrap_or_default(),
            template_id: t.id.clone(),
            template_name: t.name.clone(),
            actor: session.actor.clone(),
            products: t.products.iter().map(|p| p.name.clone()).collect(),
            tag_groups: t.tag_groups.clone(),
            empty: !self.read(|v| v.has_contacts())?,
            warning,
        })
    }

    /// Saves the rep's name to `config.toml` and opens the book again as them, so scripts
    /// and the log use it from now on.
    fn save_name(&mut self, name: &str, call: &str) -> Result<Data, Error> {
        let Held::Write {
            opener: Some(opener),
            ..
        } = &self.held
        else {
            return Err(Error::Other(anyhow::anyhow!(
                crate::i18n::tui::text(self.lang).read_only_book
            )));
        };
        let mut opener = opener.clone();
        crate::config::save_name(&opener.config_dir, name, Some(call)).map_err(Error::Other)?;
        opener.config.me.name = Some(name.to_string());
        opener.config.me.call = Some(call.to_string());
        self.held = Held::Closed(opener);
        self.open()
    }

    /// Copies the log into the book when the app closes (the keeper stopped first). Writes
    /// leave it: the keeper copies it every few seconds beside them.
    fn checkpoint_if_written(&mut self) {
        self.keeper = None;
        if std::mem::take(&mut self.written)
            && let Held::Write { book, .. } = &self.held
        {
            book.checkpoint();
        }
    }

    /// The report's figures for `period`, read in one snapshot and computed by the
    /// figures module: the same numbers `report` prints.
    fn figures(&self, period: crate::report::input::Period) -> Result<Data, Error> {
        // Tests hold the figures back until a file appears, to show nothing waits on them.
        #[cfg(debug_assertions)]
        if let Some(gate) = std::env::var_os("SALESBOOK_DEBUG_FIGURES_GATE") {
            let until = std::time::Instant::now() + std::time::Duration::from_secs(30);
            while !std::path::Path::new(&gate).exists() && std::time::Instant::now() < until {
                std::thread::sleep(std::time::Duration::from_millis(10));
            }
        }
        let own = |input: crate::report::input::BookInput, actor: &str| {
            let mut input = input;
            if input.owner.trim().is_empty() {
                input.owner = actor.to_string();
            }
            input
        };
        let input = match &self.held {
            Held::Read(book) if self.own_book => own(
                book.read(|v| v.report_input(period, v.now(), self.lang))?,
                &book.session().actor,
            ),
            Held::Read(book) => book.report_input(period, self.lang)?,
            Held::Write { book, .. } => own(
                book.read(|v| v.report_input(period, v.now(), self.lang))?,
                &book.session().actor,
            ),
            _ => return Err(Error::other(anyhow::anyhow!("the book is not open"))),
        };
        let figures = crate::report::compute(&input);
        drop(input);
        crate::store::give_back_freed_memory();
        Ok(Data::Figures(Box::new(figures)))
    }

    /// True when another process committed to the book since the last look (SQLite's
    /// data version: one cheap pragma, never a scan).
    fn watch(&mut self) -> Result<Data, Error> {
        let (v, has) = self.read(|view| Ok((view.data_version()?, view.has_contacts()?)))?;
        let changed = self.seen_version.is_some_and(|seen| seen != v);
        self.seen_version = Some(v);
        // Switched to another template elsewhere: plans made from here on, the scripts
        // shown and the products offered must be the book's new template's.
        let info = match &self.held {
            Held::Write { book, .. } if changed && book.planned_with_another()? => {
                Some(Box::new(self.reopen()?))
            }
            _ => None,
        };
        Ok(Data::Changed {
            changed,
            empty: !has,
            info,
        })
    }

    /// Opens the book again as it is now (its template, the rep's name).
    fn reopen(&mut self) -> Result<BookInfo, Error> {
        let Held::Write {
            opener: Some(opener),
            ..
        } = &self.held
        else {
            return Err(Error::TemplateChangedElsewhere);
        };
        self.held = Held::Closed(opener.clone());
        match self.open()? {
            Data::Opened(info) => Ok(*info),
            _ => Err(Error::TemplateChangedElsewhere),
        }
    }
}

/// A lane jobs are sent down: a thread, or the caller's thread (a headless render).
pub enum Lane {
    Thread(Sender<(Ticket, Job)>, Option<std::thread::JoinHandle<()>>),
    Inline(Box<Worker>),
}

impl Lane {
    /// A worker thread over `held`; answers go to `inbox`.
    pub fn thread(worker: Worker, inbox: Sender<LoopEvent>) -> Lane {
        let (tx, rx) = channel::<(Ticket, Job)>();
        let handle = std::thread::spawn(move || serve(worker, rx, inbox));
        Lane::Thread(tx, Some(handle))
    }

    /// Sends a job; an inline lane answers before returning.
    pub fn send(&mut self, ticket: Ticket, job: Job, inbox: &Sender<LoopEvent>) {
        match self {
            Lane::Thread(tx, _) => {
                if tx.send((ticket, job)).is_err() {
                    let _ = inbox.send(LoopEvent::Answer(Answer {
                        ticket,
                        result: Err("worker stopped".into()),
                    }));
                }
            }
            Lane::Inline(worker) => {
                let result = worker.run(job);
                let _ = inbox.send(LoopEvent::Answer(Answer { ticket, result }));
            }
        }
    }
}

impl Lane {
    /// The read-only book an inline lane holds.
    pub fn into_read_book(self) -> Option<ReadBook> {
        match self {
            Lane::Inline(w) => match w.held {
                Held::Read(book) => Some(*book),
                _ => None,
            },
            Lane::Thread(..) => None,
        }
    }

    /// Lets the worker finish what it was asked and close the book (checkpointed, its
    /// log folded back), waiting for it a while: a worker stuck on something must not keep
    /// the process from ending.
    pub fn close(self) {
        if let Lane::Thread(tx, Some(handle)) = self {
            drop(tx);
            let deadline = std::time::Instant::now() + CLOSE_WAIT;
            while !handle.is_finished() && std::time::Instant::now() < deadline {
                std::thread::sleep(std::time::Duration::from_millis(5));
            }
            if handle.is_finished() {
                let _ = handle.join();
            }
        }
    }
}

/// How often the log is copied into an open book.
const KEEP_EVERY: std::time::Duration = std::time::Duration::from_secs(3);

/// How long closing waits for a worker to finish.
const CLOSE_WAIT: std::time::Duration = std::time::Duration::from_secs(5);

fn serve(mut worker: Worker, rx: Receiver<(Ticket, Job)>, inbox: Sender<LoopEvent>) {
    let mut next: Option<(Ticket, Job)> = None;
    loop {
        let (ticket, job) = match next.take() {
            Some(j) => j,
            None => match rx.recv() {
                Ok(j) => j,
                // The app is closing: fold the log back into the book.
                Err(_) => return worker.checkpoint_if_written(),
            },
        };
        // Only the newest query matters: an older one waiting behind it is answered as
        // superseded (an empty error, which the app drops) without running.
        if job.is_search()
            && let Ok(newer) = rx.try_recv()
        {
            let superseded = Answer {
                ticket,
                result: Err(String::new()),
            };
            if inbox.send(LoopEvent::Answer(superseded)).is_err() {
                return;
            }
            next = Some(newer);
            continue;
        }
        let result = worker.run(job);
        if inbox
            .send(LoopEvent::Answer(Answer { ticket, result }))
            .is_err()
        {
            return;
        }
    }
}
