//! The first screen of an empty book: load the demo, or add a first contact.

use super::{ViewCtx, centered};
use crate::tui::theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Padding, Paragraph, Wrap};

pub fn draw(frame: &mut Frame, area: Rect, cx: &ViewCtx) {
    let s = cx.s;
    let area = centered(area, 60, 12);
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(theme::focused_border())
        .title(Span::styled(
            format!(" {} ", s.welcome_title),
            theme::title(),
        ));
    let option = |key: &'static str, label: &'static str| {
        Line::from(vec![
            Span::raw("  "),
            Span::styled(format!("[{key}]"), theme::key()),
            Span::raw(format!(" {label}")),
        ])
    };
    let lines = vec![
        Line::raw(""),
        Line::raw(s.welcome_body),
        Line::raw(""),
        option("d", s.welcome_demo),
        option("a", s.welcome_add),
        option("q", s.welcome_quit),
    ];
    frame.render_widget(
        Paragraph::new(lines)
            .block(block.padding(Padding::horizontal(2)))
            .wrap(Wrap { trim: false }),
        area,
    );
}
