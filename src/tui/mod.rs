//! The full-screen app. Views (one file each, `views/`) handle actions into effects and
//! draw; the registry (`registry.rs`) binds keys for dispatch, help and hints; effects run
//! on worker threads (`work/`), so the input thread never waits on SQLite. The app is
//! generic over the ratatui backend: tests drive it with `TestBackend`, `render` draws one
//! frame headless.

mod actions;
pub mod app;
pub mod event_loop;
mod form;
mod form_view;
pub mod input;
pub mod jobs;
pub mod registry;
pub mod render;
mod terminal;
mod theme;
pub mod view;
pub mod views;
pub mod work;

use crate::context::Context;
use anyhow::Result;

pub use app::App;
pub use event_loop::{ScriptedEvents, run_app, settle};
pub use terminal::NotATerminal;

/// Runs the app in the real terminal, restoring it on quit, on error and on panic.
pub fn run(ctx: &Context) -> Result<()> {
    let ask_name = ctx
        .config
        .me
        .name
        .as_deref()
        .is_none_or(|n| n.trim().is_empty());
    let app = App::live(opener(ctx), ctx.lang(), ask_name);
    run_in_terminal(app, ctx.config.ui.mouse)
}

/// A team lead's audit of the book: read-only, on the dashboard of `period`.
pub fn run_audit(ctx: &Context, period: crate::report::input::Period) -> Result<()> {
    let app = App::audit(opener(ctx), ctx.lang(), period);
    run_in_terminal(app, ctx.config.ui.mouse)
}

fn opener(ctx: &Context) -> work::Opener {
    work::Opener {
        db_path: ctx.db_path.clone(),
        config: ctx.config.clone(),
        config_dir: ctx.config_dir.clone(),
        data_dir: ctx.data_dir.clone(),
        clock: ctx.clock,
        template: ctx.template.clone(),
    }
}

fn run_in_terminal(mut app: App, mouse: bool) -> Result<()> {
    #[cfg(debug_assertions)]
    {
        app.fault = std::env::var("SALESBOOK_DEBUG_FAULT").ok();
    }
    if !terminal::available() {
        return Err(terminal::NotATerminal.into());
    }
    let mut term = terminal::enter(mouse)?;
    let result = event_loop::run_live(&mut term, &mut app);
    terminal::leave(mouse);
    let fatal = app.fatal().map(str::to_string);
    // The terminal is back; the book is closed properly before the process ends.
    app.close();
    result?;
    match fatal {
        Some(why) => anyhow::bail!("{why}"),
        None => Ok(()),
    }
}
