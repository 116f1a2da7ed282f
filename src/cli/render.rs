//! `salesbook render VIEW`: one frame of the app as text. A read command: the book is
//! opened through the reader and never changed.

use super::args::{RenderArgs, RenderView};
use super::output::emit_line;
use super::{Ui, finish_read, open_read};
use crate::context::Context;
use crate::tui::render::{Screen, render};
use anyhow::{Result, bail};

/// Frames smaller than this draw nothing useful; larger ones are not a terminal.
const MAX_SIDE: u16 = 1000;

pub fn run(ctx: &Context, ui: Ui, args: RenderArgs) -> Result<()> {
    let t = crate::i18n::tui::text(ui.lang);
    let (w, h) =
        parse_size(&args.size).ok_or_else(|| anyhow::anyhow!("{} '{}'", t.bad_size, args.size))?;
    let screen = match args.view {
        RenderView::Today => Screen::Today,
        RenderView::Board => Screen::Board,
        RenderView::Help => Screen::Help,
        RenderView::Card => match args.contact {
            Some(id) => Screen::Card(id),
            None => bail!("{}", t.render_needs_contact),
        },
        RenderView::Search => match args.query {
            Some(q) => Screen::Search(q),
            None => bail!("{}", t.render_needs_query),
        },
        RenderView::Dashboard => Screen::Dashboard(super::report::period(
            ctx,
            ui,
            args.period.from.as_deref(),
            args.period.to.as_deref(),
        )?),
    };
    let (frame, book) = render(open_read(ctx, ui)?, ui.lang, &screen, w, h)?;
    finish_read(&book, ui)?;
    Ok(emit_line(frame.strip_suffix('\n').unwrap_or(&frame))?)
}

/// "120x40" (or 120×40).
fn parse_size(s: &str) -> Option<(u16, u16)> {
    let (w, h) = s.trim().split_once(['x', 'X', '×'])?;
    let (w, h) = (w.trim().parse::<u16>().ok()?, h.trim().parse::<u16>().ok()?);
    ((1..=MAX_SIDE).contains(&w) && (1..=MAX_SIDE).contains(&h)).then_some((w, h))
}
