//! `audit BOOK`: the team lead's full-screen look at a rep's book. The book is opened
//! through the reader on the app's worker thread; nothing next to it is created or changed,
//! and every key that would change it is answered with the read-only message.

use super::Ui;
use super::args::AuditArgs;
use crate::context::Context;
use anyhow::Result;

pub fn run(ctx: &Context, ui: Ui, args: AuditArgs) -> Result<()> {
    // The period is checked before the terminal is taken or any book opened.
    let period = super::report::period(
        ctx,
        ui,
        args.period.from.as_deref(),
        args.period.to.as_deref(),
    )?;
    // So is the template to try: a misspelt one is said now, not after the screen opens.
    if let Some(spec) = &ctx.template {
        crate::service::choose_template(&ctx.library(), None, Some(spec))?;
    }
    let ctx = Context {
        config: ctx.config.clone(),
        clock: ctx.clock,
        db_path: args.book.unwrap_or_else(|| ctx.db_path.clone()),
        config_dir: ctx.config_dir.clone(),
        data_dir: ctx.data_dir.clone(),
        template: ctx.template.clone(),
    };
    crate::tui::run_audit(&ctx, period)
}
