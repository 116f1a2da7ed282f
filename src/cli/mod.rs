//! The non-interactive subcommands: thin over the service layer.

mod agenda;
pub mod args;
mod contacts;
pub mod output;
mod templates;

use crate::context::Context;
use anyhow::Result;
pub use args::{Cli, Command};

pub fn run(ctx: &Context, cmd: Command) -> Result<()> {
    match cmd {
        Command::Template(t) => templates::run_template(ctx, t),
        Command::Script { id, stage, format } => {
            templates::run_script(ctx, id, stage.as_deref(), format.format)
        }
        cmd @ (Command::Agenda { .. }
        | Command::Done { .. }
        | Command::Snooze { .. }
        | Command::Skip { .. }
        | Command::Simulate { .. }
        | Command::Export { .. }) => agenda::run(ctx, cmd),
        other => contacts::run(ctx, other),
    }
}
