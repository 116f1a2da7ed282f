//! What the TUI tests share: a book at a fixed clock, the app drawn into a `TestBackend`,
//! the screen read back as text.

#![allow(dead_code)]

pub mod pty;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use salesbook::clock::Clock;
use salesbook::domain::command::Command;
use salesbook::domain::{Grade, NewContact};
use salesbook::service::{Book, Reply, Session};
use salesbook::tui::{App, ScriptedEvents, run_app};
use tempfile::TempDir;

/// The clock every TUI test runs at unless it says otherwise.
pub const NOW: &str = "2026-11-23T09:30:00+08:00";

pub fn book_at(dir: &TempDir, now: &str) -> Book {
    let session = Session::with_default_template(Clock::parse(now).unwrap(), "测试");
    Book::open(&dir.path().join("book.sqlite"), session, true).unwrap()
}

pub fn book(dir: &TempDir) -> Book {
    book_at(dir, NOW)
}

/// The demo book (60 contacts), made at the fixed clock.
pub fn demo(dir: &TempDir) -> Book {
    let mut b = book(dir);
    let d = salesbook::service::demo::DemoOptions::default();
    b.execute(Command::Demo {
        contacts: d.contacts,
        interactions: d.interactions,
        seed: d.seed,
        force: false,
    })
    .unwrap();
    b
}

/// Entries in the book's activity log (one per change).
pub fn events_count(dir: &TempDir) -> i64 {
    book(dir).view().count_events().unwrap()
}

pub fn add(book: &mut Book, name: &str, grade: Option<Grade>) -> i64 {
    let applied = book
        .execute(Command::Add(NewContact {
            name: name.into(),
            source: Some("朋友圈".into()),
            grade,
            ..NewContact::default()
        }))
        .unwrap();
    match applied.reply {
        Reply::Contact(id) => id,
        other => panic!("add replied {other:?}"),
    }
}

/// Runs `events` through the app in a w×h `TestBackend`; the final screen as lines.
///
/// The screen is drawn once more into a fresh backend: `TestBackend` stores the cells it is
/// sent and, unlike a terminal, does not let a wide character cover the cell after it, so
/// a frame drawn over another can keep cells a real terminal would have covered.
pub fn run(app: &mut App, w: u16, h: u16, mut events: ScriptedEvents) -> Vec<String> {
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    run_app(&mut term, app, &mut events).unwrap();
    let mut fresh = Terminal::new(TestBackend::new(w, h)).unwrap();
    fresh.draw(|f| app.draw(f)).unwrap();
    screen_of(&fresh)
}

pub fn contains(lines: &[String], needle: &str) -> bool {
    lines.iter().any(|l| l.contains(needle))
}

pub fn keys(k: &[KeyCode]) -> ScriptedEvents {
    ScriptedEvents::keys(k)
}

pub fn text(s: &str) -> ScriptedEvents {
    ScriptedEvents::text(s)
}

pub fn ctrl(c: char) -> ScriptedEvents {
    ScriptedEvents::key(KeyCode::Char(c), KeyModifiers::CONTROL)
}

/// The terminal's screen as lines of text (a wide character once).
pub fn screen_of(term: &Terminal<TestBackend>) -> Vec<String> {
    salesbook::tui::render::text(term.backend().buffer())
        .lines()
        .map(String::from)
        .collect()
}

/// The screen with every line padded to the width (for width checks).
pub fn full_lines(term: &Terminal<TestBackend>) -> Vec<String> {
    let buf = term.backend().buffer();
    (0..buf.area.height)
        .map(|y| {
            let mut line = String::new();
            let mut x = 0;
            while x < buf.area.width {
                let sym = buf[(x, y)].symbol();
                line.push_str(sym);
                x += unicode_width::UnicodeWidthStr::width(sym).max(1) as u16;
            }
            line
        })
        .collect()
}

/// Remembers what the app copied.
pub struct Recorder(pub std::rc::Rc<std::cell::RefCell<Vec<String>>>);

impl salesbook::clipboard::Clipboard for Recorder {
    fn copy(&mut self, text: &str) -> salesbook::clipboard::CopyReport {
        self.0.borrow_mut().push(text.to_string());
        salesbook::clipboard::CopyReport {
            osc52: true,
            native: None,
        }
    }
}
