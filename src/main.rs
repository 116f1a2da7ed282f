use clap::Parser;
use salesbook::cli::{self, Cli};
use salesbook::context::Context;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args = Cli::parse();
    let result = Context::load(args.db, args.template).and_then(|ctx| match args.command {
        None => salesbook::tui::run(&ctx),
        Some(cmd) => cli::run(&ctx, cmd),
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("salesbook: error: {e:#}");
            ExitCode::FAILURE
        }
    }
}
