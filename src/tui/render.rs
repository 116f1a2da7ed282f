//! One frame of a view as plain text, exactly as the app draws it: for `salesbook render`,
//! tests, benchmarks and a rep's chat. The book is read through the reader; every job runs
//! at once on this thread.

use super::app::App;
use super::event_loop::{ScriptedEvents, run_app};
use super::views::card::CardView;
use crate::config::Lang;
use crate::domain::ContactId;
use crate::service::ReadBook;
use anyhow::{Result, bail};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyCode;

/// The views a frame can be drawn of.
#[derive(Debug, Clone, PartialEq)]
pub enum Screen {
    Today,
    Board,
    Card(ContactId),
    Help,
    Search(String),
    /// The audit's dashboard of a period, read-only.
    Dashboard(crate::report::input::Period),
}

/// Draws `screen` of `book` at `width`×`height`; the book comes back with the frame.
pub fn render(
    book: ReadBook,
    lang: Lang,
    screen: &Screen,
    width: u16,
    height: u16,
) -> Result<(String, ReadBook)> {
    let mut app = match screen {
        Screen::Dashboard(period) => App::headless_audit(book, lang, *period),
        _ => App::headless(book, lang),
    };
    let mut term = Terminal::new(TestBackend::new(width, height))?;
    run_app(&mut term, &mut app, &mut ScriptedEvents::default())?;
    let keys = match screen {
        Screen::Today | Screen::Dashboard(_) => ScriptedEvents::default(),
        Screen::Board => ScriptedEvents::keys(&[KeyCode::Char('2')]),
        Screen::Help => ScriptedEvents::keys(&[KeyCode::Char('?')]),
        Screen::Search(q) => {
            ScriptedEvents::keys(&[KeyCode::Char('/')]).then(ScriptedEvents::paste(q))
        }
        Screen::Card(id) => {
            app.open_card(*id);
            ScriptedEvents::default()
        }
    };
    run_app(&mut term, &mut app, &mut { keys })?;
    // The frame itself, drawn once into a fresh buffer: a `TestBackend` only stores the
    // cells it is sent (a wide character does not cover the cell after it, as it does in a
    // terminal), so what earlier frames left there could show through.
    let mut term = Terminal::new(TestBackend::new(width, height))?;
    term.draw(|f| app.draw(f))?;
    if let Some(why) = app.fatal() {
        bail!("{why}");
    }
    if let Screen::Card(_) = screen
        && app.view::<CardView>().is_none_or(|c| c.data.is_none())
    {
        bail!("{}", app.status().unwrap_or_default());
    }
    let frame = text(term.backend().buffer());
    let book = app
        .into_read_book()
        .ok_or_else(|| anyhow::anyhow!("the book went missing"))?;
    Ok((frame, book))
}

/// The buffer as lines of text (a wide character once, not once per cell), trailing blanks
/// dropped.
pub fn text(buf: &Buffer) -> String {
    let (w, h) = (buf.area.width, buf.area.height);
    let mut out = String::new();
    for y in 0..h {
        let mut line = String::new();
        let mut x = 0;
        while x < w {
            let sym = buf[(x, y)].symbol();
            line.push_str(sym);
            x += crate::domain::text::width(sym).max(1) as u16;
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}
