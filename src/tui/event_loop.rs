//! The event pump. Live: a thread reads the terminal into the app's inbox, where the
//! workers' answers also land, so the loop wakes for whichever comes first. Scripted
//! (tests): each event is given once the app has settled, so a script reads like a rep
//! who waits for the screen.

use super::App;
use anyhow::Result;
use ratatui::Terminal;
use ratatui::backend::Backend;
use ratatui::crossterm::event::{self, Event, KeyCode, KeyEvent, KeyModifiers};
use std::collections::VecDeque;
use std::time::{Duration, Instant};

/// A fixed list of terminal events, for tests.
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

    /// One key with modifiers (Ctrl-S, Alt-Enter).
    pub fn key(code: KeyCode, mods: KeyModifiers) -> Self {
        ScriptedEvents(VecDeque::from([Event::Key(KeyEvent::new(code, mods))]))
    }

    /// Each character typed as a key press (Chinese text arrives like this from an IME).
    pub fn text(s: &str) -> Self {
        ScriptedEvents(
            s.chars()
                .map(|c| Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)))
                .collect(),
        )
    }

    /// A bracketed paste.
    pub fn paste(s: &str) -> Self {
        ScriptedEvents(VecDeque::from([Event::Paste(s.to_string())]))
    }

    pub fn then(mut self, other: ScriptedEvents) -> Self {
        self.0.extend(other.0);
        self
    }
}

/// How long a scripted run waits for the workers before giving up on an answer.
const SETTLE_LIMIT: Duration = Duration::from_secs(30);

/// Takes answers until nothing asked is unanswered.
pub fn settle(app: &mut App) {
    let deadline = Instant::now() + SETTLE_LIMIT;
    while !app.settled() {
        let left = deadline.saturating_duration_since(Instant::now());
        match app.next_event(left) {
            Some(ev) => {
                app.on_event(ev);
            }
            None => return,
        }
    }
}

/// Runs `events` through the app, drawing after each, and returns settled.
pub fn run_app<B>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    events: &mut ScriptedEvents,
) -> Result<()>
where
    B: Backend,
    B::Error: Send + Sync + 'static,
{
    loop {
        settle(app);
        terminal.draw(|frame| app.draw(frame))?;
        if app.should_quit() {
            return Ok(());
        }
        match events.0.pop_front() {
            Some(e) => {
                app.on_term(e);
            }
            None => return Ok(()),
        }
    }
}

/// Another process's writes show up within this long.
const WATCH_EVERY: Duration = Duration::from_secs(2);
/// Today's sections move with the clock: read again this often.
const TODAY_EVERY: Duration = Duration::from_secs(60);
/// Waiting times on screen tick this often.
const REDRAW_EVERY: Duration = Duration::from_secs(20);

/// The real terminal's loop.
pub fn run_live<B>(terminal: &mut Terminal<B>, app: &mut App) -> Result<()>
where
    B: Backend,
    B::Error: Send + Sync + 'static,
{
    let inbox = app.inbox();
    std::thread::spawn(move || {
        while let Ok(e) = event::read() {
            if inbox.send(super::work::LoopEvent::Term(e)).is_err() {
                return;
            }
        }
    });
    let (mut watched, mut today, mut drawn) = (Instant::now(), Instant::now(), Instant::now());
    let mut dirty = true;
    loop {
        let due = dirty && !app.holding_frames();
        if due || drawn.elapsed() >= REDRAW_EVERY {
            terminal.draw(|frame| app.draw(frame))?;
            dirty = false;
            drawn = Instant::now();
        }
        if app.should_quit() {
            return Ok(());
        }
        // While a frame is held, wake soon to draw it if the reloads take long.
        let wait = if dirty {
            Duration::from_millis(20)
        } else {
            Duration::from_millis(250)
        };
        if let Some(ev) = app.next_event(wait) {
            dirty |= app.on_event(ev);
        }
        if watched.elapsed() >= WATCH_EVERY {
            app.watch();
            watched = Instant::now();
        }
        if today.elapsed() >= TODAY_EVERY {
            app.refresh_today();
            today = Instant::now();
        }
    }
}
