//! The service layer: every action a rep or a lead can take, shared by the TUI and the CLI.

mod book;
mod card;
pub mod demo;
mod followups;
mod simulate;
mod templates;

pub use book::{Book, MoveOutcome};
pub use card::CardStyle;
pub use followups::{Agenda, AgendaItem, COUNT_CAP, Section, total_text};
pub use templates::ActiveTemplate;
