//! Help: every scope's keys, generated from the registry, scrolled.

use super::{centered, clear_for_overlay};
use crate::domain::text::pad;
use crate::tui::registry::{Action, Scope, help_rows};
use crate::tui::theme;
use crate::tui::view::{Cx, Effect, View};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph};
use std::cell::Cell;

#[derive(Debug, Default)]
pub struct HelpView {
    pub scroll: usize,
    /// The screen help was asked on: its keys come first, the others after.
    first: Option<Scope>,
    /// Lines in all and lines shown (set when drawn).
    lines: Cell<(usize, usize)>,
}

impl HelpView {
    /// The help as asked on a screen of `scope`.
    pub fn asked_on(scope: Scope) -> HelpView {
        HelpView {
            first: Some(scope),
            ..HelpView::default()
        }
    }
}

/// Every line of the help: a heading per scope, then its keys and what they do; the
/// scope of `first` before the others.
pub fn lines(cx: &Cx, first: Option<Scope>) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    let order = first
        .into_iter()
        .chain(Scope::ALL.into_iter().filter(|s| Some(*s) != first));
    for scope in order {
        let rows = help_rows(scope, cx.t, cx.read_only);
        if rows.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(Line::raw(""));
        }
        out.push(Line::styled(scope.title(cx.t).to_string(), theme::title()));
        for (keys, label) in rows {
            out.push(Line::from(vec![
                Span::styled(format!("  {}", pad(&keys, 20)), theme::key()),
                Span::raw(label),
            ]));
        }
    }
    out
}

impl View for HelpView {
    fn scope(&self) -> Scope {
        Scope::Help
    }

    fn handle(&mut self, action: Action, _cx: &Cx) -> Effect {
        let (total, shown) = self.lines.get();
        let max = total.saturating_sub(shown);
        // The last line shown is the "more" marker: a page moves one line less.
        let page = shown.saturating_sub(1).max(1);
        self.scroll = match action {
            Action::Up => self.scroll.saturating_sub(1),
            Action::Down => self.scroll + 1,
            Action::PageUp => self.scroll.saturating_sub(page),
            Action::PageDown => self.scroll + page,
            Action::Back => return Effect::Pop,
            _ => self.scroll,
        }
        .min(max);
        Effect::None
    }

    fn draw(&self, frame: &mut Frame, area: Rect, cx: &Cx) {
        let all = lines(cx, self.first);
        let area = centered(area, 64, area.height);
        clear_for_overlay(frame, area);
        let block = Block::bordered()
            .border_type(BorderType::Rounded)
            .border_style(theme::focused_border())
            .title(Span::styled(
                format!(" {} ", cx.s.help_title),
                theme::title(),
            ));
        let inner = block.inner(area);
        let shown = inner.height as usize;
        self.lines.set((all.len(), shown));
        let scroll = self.scroll.min(all.len().saturating_sub(shown));
        let more = all.len() > scroll + shown;
        let mut visible: Vec<Line> = all.into_iter().skip(scroll).take(shown).collect();
        if more && let Some(last) = visible.last_mut() {
            *last = Line::styled(format!("  {}", cx.t.more_below), theme::key());
        }
        frame.render_widget(Paragraph::new(visible).block(block), area);
    }

    fn overlay(&self) -> bool {
        true
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}
