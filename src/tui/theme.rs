//! Colours and styles in one place.

use crate::domain::Grade;
use ratatui::style::{Color, Modifier, Style};

pub fn title() -> Style {
    Style::new().add_modifier(Modifier::BOLD)
}

pub fn focused_border() -> Style {
    Style::new().fg(Color::Cyan)
}

pub fn selected() -> Style {
    Style::new().bg(Color::Cyan).fg(Color::Black)
}

pub fn dim() -> Style {
    Style::new().fg(Color::DarkGray)
}

pub fn key() -> Style {
    Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD)
}

pub fn error() -> Style {
    Style::new().fg(Color::Red)
}

pub fn grade(g: Option<Grade>) -> Style {
    match g {
        Some(Grade::A) => Style::new()
            .fg(Color::LightRed)
            .add_modifier(Modifier::BOLD),
        Some(Grade::B) => Style::new().fg(Color::Yellow),
        Some(Grade::C) => Style::new().fg(Color::Blue),
        Some(Grade::D) | None => dim(),
    }
}

/// The read-only badge of an audit.
pub fn badge() -> Style {
    Style::new()
        .fg(ratatui::style::Color::Black)
        .bg(ratatui::style::Color::Yellow)
        .add_modifier(ratatui::style::Modifier::BOLD)
}
