//! What every view is: a scope (its keys, from the registry), `handle(action) -> Effect`,
//! answers to the jobs it asked for, and `draw` (which changes nothing). The app runs the
//! effects; a view never does I/O.

use super::jobs::{BookInfo, BulkOp, Data, Job, Ticket};
use super::registry::{Action, Scope};
use crate::config::Lang;
use crate::domain::ContactId;
use crate::domain::command::Command;
use crate::i18n::Strings;
use crate::i18n::tui::TuiText;
use chrono::{DateTime, FixedOffset, Utc};
use ratatui::Frame;
use ratatui::layout::Rect;
use std::any::Any;
use std::collections::BTreeMap;

/// What every view may read besides its own state.
pub struct Cx<'a> {
    pub s: &'static Strings,
    pub t: &'static TuiText,
    pub lang: Lang,
    pub now: DateTime<Utc>,
    pub offset: FixedOffset,
    /// How times are shown and typed times read (the zone, with its daylight saving).
    pub clock: crate::clock::Clock,
    pub info: &'a BookInfo,
    /// Contacts marked for a bulk change.
    /// By id, with the name each was marked under (a merge names them).
    pub marks: &'a BTreeMap<ContactId, String>,
    /// What the board shows (the status line names it).
    pub filter: &'a crate::service::BoardFilter,
    /// A lead's audit (nothing can be changed), not the rep's own app.
    pub read_only: bool,
}

impl Cx<'_> {
    pub fn local(&self, t: DateTime<Utc>) -> DateTime<FixedOffset> {
        self.clock.local(t)
    }
}

/// What a view asks the app to do.
pub enum Effect {
    None,
    Many(Vec<Effect>),
    /// Put a view on top (a card, a form, a question).
    Push(Box<dyn View>),
    /// Close the top view.
    Pop,
    /// Show a base view (Today, the board) with nothing over it.
    Base(Scope),
    OpenCard {
        id: ContactId,
        /// The script the SOP pane should start on.
        script: Option<String>,
    },
    /// Run a job; the view that asked keeps the ticket to know its answer.
    Job(Ticket, Job),
    /// Change the book; the view with the ticket hears how it went.
    Write(Ticket, Command),
    Bulk(Vec<ContactId>, BulkOp),
    Undo,
    /// Copy a script to the clipboard and log it as sent.
    Copy {
        id: ContactId,
        text: String,
        script_id: String,
        title: String,
    },
    Status(String),
    Error(String),
    /// Show the board with this filter.
    Filter(crate::service::BoardFilter),
    Mark(ContactId, String),
    ClearMarks,
    Quit,
}

impl Effect {
    /// A write whose answer nobody but the app waits for.
    pub fn write(cmd: Command) -> Effect {
        Effect::Write(super::jobs::ticket(), cmd)
    }

    /// A job whose answer goes to whoever holds the ticket.
    pub fn job(job: Job) -> (Ticket, Effect) {
        let t = super::jobs::ticket();
        (t, Effect::Job(t, job))
    }
}

pub trait View: Any {
    fn scope(&self) -> Scope;

    fn handle(&mut self, action: Action, cx: &Cx) -> Effect;

    /// Draws into `area`; may place the terminal cursor (at a caret).
    fn draw(&self, frame: &mut Frame, area: Rect, cx: &Cx);

    /// The answer to a job; `None` when the ticket is not this view's.
    fn answer(
        &mut self,
        _ticket: Ticket,
        _result: &Result<Data, String>,
        _cx: &Cx,
    ) -> Option<Effect> {
        None
    }

    /// Reloads what the view shows after the book changed; `follow` is the contact the
    /// change was about (a list keeps it selected).
    fn refresh(&mut self, _cx: &Cx, _follow: Option<ContactId>) -> Effect {
        Effect::None
    }

    /// The board filter the rep chose (only the board takes it).
    fn filter(&mut self, _filter: &crate::service::BoardFilter) -> Effect {
        Effect::None
    }

    /// Pasted text (a paste is text, never keys).
    fn paste(&mut self, _text: &str, _cx: &Cx) -> Effect {
        Effect::None
    }

    /// A mouse click at (column, row) of the screen.
    fn click(&mut self, _col: u16, _row: u16, _cx: &Cx) -> Effect {
        Effect::None
    }

    /// Drawn over the view below it rather than instead of it.
    fn overlay(&self) -> bool {
        false
    }

    /// Holds typed input that closing would lose.
    fn unsaved(&self) -> bool {
        false
    }

    fn as_any(&self) -> &dyn Any;
}
