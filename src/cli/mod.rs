//! The non-interactive subcommands: thin over the service layer.

pub mod args;
mod contacts;
pub mod output;

use crate::context::Context;
use anyhow::Result;
pub use args::{Cli, Command};

pub fn run(ctx: &Context, cmd: Command) -> Result<()> {
    contacts::run(ctx, cmd)
}
