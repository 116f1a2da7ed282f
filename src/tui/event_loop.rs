//! The event pump: draw, wait for input, update — until the app asks to quit.

use super::App;
use anyhow::Result;
use ratatui::Terminal;
use ratatui::backend::Backend;
use ratatui::crossterm::event::{self, Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use std::collections::VecDeque;
use std::time::Duration;

/// What the loop wakes up for.
pub enum Input {
    Event(Event),
    /// Nothing typed for a moment: a chance to pick up background results.
    Tick,
    /// The source has nothing more (scripted input ran out).
    End,
}

/// Where input comes from: the terminal, or a script in tests.
pub trait EventSource {
    fn next_input(&mut self) -> Result<Input>;
}

/// Reads the real terminal, ticking often enough that search results appear as they land.
pub struct TerminalEvents;

impl EventSource for TerminalEvents {
    fn next_input(&mut self) -> Result<Input> {
        if event::poll(Duration::from_millis(30))? {
            Ok(Input::Event(event::read()?))
        } else {
            Ok(Input::Tick)
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
    fn next_input(&mut self) -> Result<Input> {
        Ok(self.0.pop_front().map_or(Input::End, Input::Event))
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
    fn next_input(&mut self) -> Result<Input> {
        let input = self.inner.next_input()?;
        if matches!(input, Input::Event(Event::Key(_))) {
            match self.fault.as_str() {
                "panic" => panic!("injected fault (SALESBOOK_DEBUG_FAULT=panic)"),
                "error" => anyhow::bail!("injected fault (SALESBOOK_DEBUG_FAULT=error)"),
                _ => {}
            }
        }
        Ok(input)
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
    let mut dirty = true;
    loop {
        dirty |= app.tick();
        if dirty {
            terminal.draw(|frame| app.draw(frame))?;
            dirty = false;
        }
        if app.should_quit() {
            return Ok(());
        }
        match events.next_input()? {
            Input::End => return Ok(()),
            Input::Tick => {}
            // Windows reports key releases too; act on presses only.
            Input::Event(Event::Key(key)) if key.kind == KeyEventKind::Press => {
                let action = app.handle_key(key);
                app.update(action);
                dirty = true;
            }
            Input::Event(Event::Paste(text)) => {
                app.paste(&text);
                dirty = true;
            }
            Input::Event(Event::Resize(..)) => dirty = true,
            Input::Event(_) => {}
        }
    }
}
