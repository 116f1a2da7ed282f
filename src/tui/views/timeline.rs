//! The card's timeline: every touch and change, newest last, with its kind in words; the
//! selected entry opens in full.

use super::keep_in_view;
use crate::domain::Interaction;
use crate::domain::text::{one_line, pad, width};
use crate::i18n::names::{entry_summary, kind_label};
use crate::tui::theme;
use crate::tui::view::Cx;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph};
use std::cell::Cell;

/// The template's titles of scripts, by id.
pub type Titles = std::collections::HashMap<String, String>;

fn summary(e: &Interaction, titles: &Titles, cx: &Cx) -> String {
    let title = e.script_id.as_ref().and_then(|id| titles.get(id));
    entry_summary(cx.lang, e, title.map(String::as_str))
}

/// The entry as its full view shows it: when, what, and all of its text.
pub fn full_text(e: &Interaction, titles: &Titles, cx: &Cx) -> (String, String) {
    let title = format!(
        "{} · {}",
        cx.local(e.at).format("%Y-%m-%d %H:%M"),
        kind_label(cx.lang, e.kind)
    );
    (title, summary(e, titles, cx))
}

pub fn draw(
    frame: &mut Frame,
    area: Rect,
    card: &crate::tui::jobs::CardData,
    row: usize,
    top: &Cell<usize>,
    focused: bool,
    cx: &Cx,
) {
    let mut block = Block::bordered()
        .border_type(BorderType::Rounded)
        .title(Span::styled(format!(" {} ", cx.s.timeline), theme::title()));
    if focused {
        block = block.border_style(theme::focused_border());
    }
    let (timeline, titles) = (&card.timeline, &card.script_titles);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let height = inner.height as usize;
    let first = keep_in_view(row, top.get(), height, timeline.len());
    top.set(first);
    // The kind column fits the longest kind in view in the UI's language ("script sent"
    // is wider than 发送话术), within reason: a rare long one is cut rather than the text.
    let kind_w = timeline
        .iter()
        .skip(first)
        .take(height)
        .map(|e| width(kind_label(cx.lang, e.kind)))
        .max()
        .unwrap_or(0)
        .min(14)
        + 1;
    let lines: Vec<Line> = timeline
        .iter()
        .enumerate()
        .skip(first)
        .take(height)
        .map(|(i, entry)| {
            let style = if i == row && focused {
                theme::selected()
            } else {
                Style::new()
            };
            let text = summary(entry, titles, cx);
            Line::from(vec![
                Span::styled(
                    cx.local(entry.at).format("%m-%d %H:%M ").to_string(),
                    theme::dim(),
                ),
                Span::styled(pad(kind_label(cx.lang, entry.kind), kind_w.max(9)), style),
                Span::raw(one_line(&text).into_owned()),
            ])
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}
