//! Taking the terminal over and giving it back: raw mode, the alternate screen, bracketed
//! paste (a paste arrives as text, never as keys) and, when configured, the mouse. Given
//! back on quit, on error and on panic.

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use std::io::{Stdout, stdout};

pub type Term = Terminal<CrosstermBackend<Stdout>>;

/// The app was started where there is no terminal to draw in (a pipe, a file, a job
/// without a terminal): said as such, not as the system's "no such device".
#[derive(Debug)]
pub struct NotATerminal;

impl std::fmt::Display for NotATerminal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the full-screen app needs a terminal for its input and output")
    }
}

impl std::error::Error for NotATerminal {}

/// Whether both standard input and output are a terminal, as the app needs.
pub fn available() -> bool {
    use std::io::IsTerminal;
    std::io::stdin().is_terminal() && stdout().is_terminal()
}

/// Raw mode, the alternate screen, bracketed paste, and the mouse if asked for. A panic
/// restores the terminal before its message is printed.
pub fn enter(mouse: bool) -> std::io::Result<Term> {
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        leave(mouse);
        hook(info);
    }));
    enable_raw_mode()?;
    execute!(stdout(), EnterAlternateScreen, EnableBracketedPaste)?;
    if mouse {
        execute!(stdout(), EnableMouseCapture)?;
    }
    Terminal::new(CrosstermBackend::new(stdout()))
}

/// Gives the terminal back as it was (safe to call twice).
pub fn leave(mouse: bool) {
    if mouse {
        let _ = execute!(stdout(), DisableMouseCapture);
    }
    let _ = execute!(
        stdout(),
        DisableBracketedPaste,
        LeaveAlternateScreen,
        ratatui::crossterm::cursor::Show
    );
    let _ = disable_raw_mode();
}
