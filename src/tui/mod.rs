//! The full-screen app. One state (`App`), input turned into `Action`s, views that only draw.
//! The loop is generic over the ratatui backend, so tests drive it with `TestBackend`.

pub mod app;
pub mod event_loop;
pub mod input;
pub mod keymap;
mod theme;
mod views;

use crate::context::Context;
use anyhow::Result;

pub use app::App;
pub use event_loop::{EventSource, ScriptedEvents, run_app};

/// Opens the book and runs the app in the real terminal, restoring it on quit, on error and
/// (through ratatui's panic hook) on panic.
pub fn run(ctx: &Context) -> Result<()> {
    let book = ctx.open_book()?;
    let mut app = App::new(book, ctx.lang())?;
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
