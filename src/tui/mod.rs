//! The full-screen app. One state (`App`), input turned into `Action`s, views that only draw.
//! The loop is generic over the ratatui backend, so tests drive it with `TestBackend`.

pub mod app;
pub mod event_loop;
pub mod input;
pub mod keymap;
pub mod search_worker;
mod theme;
mod views;

use crate::clipboard::SystemClipboard;
use crate::context::Context;
use anyhow::Result;

pub use app::App;

/// View state types, for tests that drive a view directly.
pub mod views_for_tests {
    pub use super::views::search::SearchState;
}
pub use event_loop::{EventSource, Input, ScriptedEvents, run_app};

/// Opens the book and runs the app in the real terminal, restoring it on quit, on error and
/// (through ratatui's panic hook) on panic.
pub fn run(ctx: &Context) -> Result<()> {
    let opened = ctx.open_write(true)?;
    let lib = ctx.library();
    let book = opened.book;
    let template_id = book.session().template.id.clone();
    let mut app = App::new(book, ctx.lang())?
        .with_clipboard(Box::new(SystemClipboard(ctx.config.clipboard.mode)));
    let problems: Vec<String> = lib.problems.iter().map(|p| p.to_string()).collect();
    let warning = opened.missing_template.map(|id| {
        format!(
            "'{id}' — {} '{template_id}'",
            crate::i18n::cli::cli_text(ctx.lang()).template_missing
        )
    });
    if let Some(warning) = warning.or_else(|| problems.first().cloned()) {
        app.set_status(warning, true);
    }
    let mut events: Box<dyn EventSource> = Box::new(event_loop::TerminalEvents);
    #[cfg(debug_assertions)]
    if let Ok(fault) = std::env::var("SALESBOOK_DEBUG_FAULT") {
        events = Box::new(event_loop::FaultOnFirstKey {
            inner: events,
            fault,
        });
    }
    let mut terminal = ratatui::try_init()?;
    let result = run_app(&mut terminal, &mut app, events.as_mut());
    ratatui::restore();
    result
}
