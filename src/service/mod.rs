//! The service layer: every action a rep or a lead can take, shared by the TUI and the CLI.
//! Reads go through a [`View`] (of a [`ReadBook`] or a [`Book`]); every change is a
//! `domain::command::Command` run by [`Book::execute`].

mod agenda_walks;
mod apply;
mod apply_followups;
mod apply_sop;
mod backup;
pub use backup::backups_of;
mod board;
mod card;
mod contacts;
pub mod demo;
mod demo_hours;
mod demo_work;
pub mod error;
mod exchange;
mod exchange_plan;
mod followups;
mod merge;
mod pipeline;
pub mod report;
mod same_person;
mod seed;
mod session;
mod session_template;
mod simulate;
mod sop_reads;
mod templates;
mod undo;
pub mod upkeep;
pub mod verify;

pub use board::{BoardFilter, BoardPage, StageCounts};
pub use card::CardStyle;
pub use contacts::ListQuery;
pub use error::{Error, RestoreRefused, SharedKey, SopError};
pub use exchange::{
    BookKeys, Imported, note_new_tags_for_new_book, nothing_imported, screen_import,
};
pub use followups::{Agenda, AgendaItem, COUNT_CAP, Section, local_midnight, total_text};
pub use pipeline::{Applied, Reply};
pub use session::{ACTIVE_TEMPLATE, Book, ReadBook, Session, View};
pub use session_template::SessionTemplate;
pub use simulate::IcsItems;
pub use simulate::SimDay;
pub use sop_reads::{TaxonomyGroup, check_tags_for_new_book};
pub use templates::{ActiveTemplate, choose_template};
pub use undo::UndoEntry;
pub use verify::{Break, Verification};
