//! The event pump: draw, wait for input, update — until the app asks to quit.

use super::App;
use anyhow::Result;
use ratatui::Terminal;
use ratatui::backend::Backend;
use ratatui::crossterm::event::{self, Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use std::collections::VecDeque;
use std::time::Duration;

/// Where input comes from: the terminal, or a script in tests.
pub trait EventSource {
    /// The next event; `None` when the source is exhausted.
    fn next_event(&mut self) -> Result<Option<Event>>;
}

/// Reads the real terminal. Wakes up now and then so time-based views can refresh.
pub struct TerminalEvents;

impl EventSource for TerminalEvents {
    fn next_event(&mut self) -> Result<Option<Event>> {
        loop {
            if event::poll(Duration::from_millis(500))? {
                return Ok(Some(event::read()?));
            }
        }
    }
}

/// A fixed list of events, for tests.
#[derive(Default)]
pub struct ScriptedEvents(pub VecDeque<Event>);

impl ScriptedEvents {
    pub fn keys(keys: &[KeyCode]) -> Self {
        ScriptedEvents(
            keys.iter()
                .map(|k| Event::Key(KeyEvent::new(*k, KeyModifiers::NONE)))
                .collect(),
        )
    }

    /// Each character typed as a key press (Chinese text arrives like this from an IME).
    pub fn text(s: &str) -> Self {
        ScriptedEvents(
            s.chars()
                .map(|c| Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)))
                .collect(),
        )
    }

    pub fn then(mut self, other: ScriptedEvents) -> Self {
        self.0.extend(other.0);
        self
    }
}

impl EventSource for ScriptedEvents {
    fn next_event(&mut self) -> Result<Option<Event>> {
        Ok(self.0.pop_front())
    }
}

/// Debug builds only: fails on the first key (`SALESBOOK_DEBUG_FAULT=panic|error`), so tests
/// can check that the terminal is restored on a panic and on an error.
#[cfg(debug_assertions)]
pub struct FaultOnFirstKey {
    pub inner: Box<dyn EventSource>,
    pub fault: String,
}

#[cfg(debug_assertions)]
impl EventSource for FaultOnFirstKey {
    fn next_event(&mut self) -> Result<Option<Event>> {
        let ev = self.inner.next_event()?;
        if matches!(ev, Some(Event::Key(_))) {
            match self.fault.as_str() {
                "panic" => panic!("injected fault (SALESBOOK_DEBUG_FAULT=panic)"),
                "error" => anyhow::bail!("injected fault (SALESBOOK_DEBUG_FAULT=error)"),
                _ => {}
            }
        }
        Ok(ev)
    }
}

pub fn run_app<B>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    events: &mut dyn EventSource,
) -> Result<()>
where
    B: Backend,
    B::Error: Send + Sync + 'static,
{
    loop {
        terminal.draw(|frame| app.draw(frame))?;
        if app.should_quit() {
            return Ok(());
        }
        let Some(ev) = events.next_event()? else {
            return Ok(());
        };
        match ev {
            // Windows reports key releases too; act on presses only.
            Event::Key(key) if key.kind == KeyEventKind::Press => {
                let action = app.handle_key(key);
                app.update(action);
            }
            Event::Paste(text) => app.paste(&text),
            _ => {}
        }
    }
}
