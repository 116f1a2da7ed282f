//! The service layer: every action a rep or a lead can take, shared by the TUI and the CLI.

mod book;
pub mod demo;
mod templates;

pub use book::{Book, MoveOutcome};
pub use templates::ActiveTemplate;
