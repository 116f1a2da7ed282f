//! The work views ask for — reads, writes, copies — as values, and the answers. Each
//! request carries a ticket (a number that only grows); a view keeps the ticket of what it
//! asked last and drops any answer to an older one, so a slow answer never overwrites a
//! newer one.

use crate::domain::command::Command;
use crate::domain::sop::TagGroup;
use crate::domain::{Contact, ContactId, Grade, Interaction, Stage, TagRef};
use crate::service::{Agenda, BoardFilter, BoardPage};
use crate::sop::render::RenderedStage;
use crate::store::{BoardKey, BoardRow};
use std::sync::atomic::{AtomicU64, Ordering};

pub type Ticket = u64;

static NEXT: AtomicU64 = AtomicU64::new(1);

/// A fresh ticket, newer than every one handed out before.
pub fn ticket() -> Ticket {
    NEXT.fetch_add(1, Ordering::Relaxed)
}

/// Where a board column's window should be.
#[derive(Debug, Clone, PartialEq)]
pub enum Anchor {
    Top,
    Bottom,
    /// Around this contact; where it is no longer in the column, around where it was.
    Contact {
        id: ContactId,
        was: Option<BoardKey>,
    },
}

/// A change to every marked contact at once: one command, one undo.
#[derive(Debug, Clone, PartialEq)]
pub enum BulkOp {
    Step { forward: bool },
    Grade(Option<Grade>),
    Tag(Vec<TagRef>),
    Archive,
}

#[derive(Debug, Clone)]
pub enum Job {
    /// Open the book (the first job of the app's worker).
    Open,
    Today {
        limit: usize,
    },
    Counts(BoardFilter),
    /// A column's window; without a stage, the column the anchor contact is in.
    Window {
        stage: Option<Stage>,
        filter: BoardFilter,
        anchor: Anchor,
        above: usize,
        below: usize,
    },
    /// Rows after `from` (downwards) or before it (upwards).
    Page {
        stage: Stage,
        filter: BoardFilter,
        from: BoardKey,
        down: bool,
        limit: usize,
    },
    /// A contact's card; `due` the script the follow-up it was opened for suggests (read
    /// filled in even when it belongs to another stage).
    Card {
        id: ContactId,
        due: Option<String>,
    },
    Contact(ContactId),
    Write(Command),
    Bulk {
        ids: Vec<ContactId>,
        op: BulkOp,
    },
    /// Undoes the rep's newest change: at once when this app made it, else it asks.
    Undo,
    /// Undoes the change the rep agreed to undo, if it is still the newest.
    UndoAgreed(i64),
    Templates,
    UseTemplate(String),
    /// The rep's name, and how scripts call them.
    SaveName(String, String),
    /// Copies `text` with the native clipboard tool (when `native`) and, if it reached a
    /// clipboard (or OSC 52 already sent it), runs `log` (the script marked sent).
    CopyAndLog {
        text: String,
        title: String,
        native: bool,
        osc52: bool,
        log: Command,
    },
    LostReasons,
    Sources,
    /// A search; `archived` lists archived contacts too.
    Search {
        query: String,
        archived: bool,
    },
    /// Has another process changed the book?
    Watch,
    /// Every figure of the book for a period (the report's, computed once).
    Figures(crate::report::input::Period),
    /// The contacts behind a figure, in its order.
    People(Vec<ContactId>),
    /// The two contacts a merge would join, for the question before it.
    Merging {
        keep: ContactId,
        other: ContactId,
    },
}

impl Job {
    /// Searches run in their own lane, so typing never waits behind a write.
    pub fn is_search(&self) -> bool {
        matches!(self, Job::Search { .. })
    }

    /// The dashboard's figures run in their own lane: a whole-book read of seconds on a
    /// large book must not hold up the keys' reads and writes.
    pub fn is_figures(&self) -> bool {
        matches!(self, Job::Figures(_))
    }

    /// Changes the book: later keys wait for it (and the reloads after it).
    pub fn writes(&self) -> bool {
        matches!(
            self,
            Job::Write(_)
                | Job::Bulk { .. }
                | Job::Undo
                | Job::UndoAgreed(_)
                | Job::UseTemplate(_)
                | Job::SaveName(..)
                | Job::CopyAndLog { .. }
        )
    }
}

/// What the app shows about the book and the rep (the status line, the pickers).
#[derive(Debug, Clone, Default)]
pub struct BookInfo {
    pub file: String,
    pub template_id: String,
    pub template_name: String,
    pub actor: String,
    pub products: Vec<String>,
    pub tag_groups: Vec<TagGroup>,
    pub empty: bool,
    /// Something the rep should know at once (a template that could not be found).
    pub warning: Option<String>,
}

/// Everything the contact card shows.
#[derive(Debug, Clone)]
pub struct CardData {
    pub contact: Contact,
    pub timeline: Vec<Interaction>,
    /// The template's titles of the scripts the timeline names, by id.
    pub script_titles: std::collections::HashMap<String, String>,
    pub stage: RenderedStage,
    /// The due follow-up's script when the stage's own list does not hold it (a cadence's
    /// tip, a signal's reply from another stage), filled in for the contact.
    pub due: Option<(Stage, crate::sop::render::RenderedScript)>,
    /// The contact it was merged into, with its name (the card says so, and takes nothing).
    pub merged_into: Option<(ContactId, String)>,
    pub fields: Vec<(&'static str, String)>,
}

/// A column window: rows from index `start`; `at` is the anchor's row.
#[derive(Debug, Clone)]
pub struct Window {
    pub page: BoardPage,
    pub at: Option<usize>,
    /// The column's end is in the window.
    pub to_bottom: bool,
}

/// What a write did, worded for the status line.
#[derive(Debug, Clone)]
pub struct Written {
    pub message: String,
    /// The contact to follow (a new one, or the one moved).
    pub contact: Option<ContactId>,
    /// The book as it is now, when the change was to the book itself (its template).
    pub info: Option<Box<BookInfo>>,
}

#[derive(Debug, Clone)]
pub enum Data {
    Opened(Box<BookInfo>),
    /// The change an undo would take back was made elsewhere (another terminal, another
    /// app): the question to ask first, and the change.
    AskUndo(String, i64),
    Today(Box<Agenda>),
    Counts([i64; 5]),
    Window(Stage, Window),
    Page(Stage, Vec<BoardRow>),
    Card(Box<CardData>),
    Contact(Box<Contact>),
    Written(Written),
    /// The templates there are (id, name), and the template files that could not be used
    /// (file name, what is wrong in them).
    Templates {
        usable: Vec<(String, String)>,
        broken: Vec<(String, String)>,
    },
    Choices(Vec<String>),
    /// The best hits, and how many matched in all.
    /// When nothing active matched but archived contacts did (and those were not asked
    /// for): how many, and whether exactly.
    Hits(crate::store::SearchResults, Option<(usize, bool)>),
    Figures(Box<crate::report::Figures>),
    /// Each id with its contact (none: no longer in the book).
    People(Vec<(ContactId, Option<Contact>)>),
    /// Each contact a merge would join, with how many timeline entries it holds.
    Merging(Vec<(Contact, i64)>),
    /// Whether another process changed the book since the last look, and whether it has
    /// contacts now.
    Changed {
        changed: bool,
        empty: bool,
        /// The book opened again: its template was switched or edited elsewhere.
        info: Option<Box<BookInfo>>,
    },
}

#[derive(Debug)]
pub struct Answer {
    pub ticket: Ticket,
    /// The data, or what went wrong in the UI's own words.
    pub result: Result<Data, String>,
}
