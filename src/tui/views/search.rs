//! Search as you type: the query line, the matching contacts (refreshed as the answers
//! land, the newest query winning), and, after Tab, the daily actions on a result.

use super::{centered, clear_for_overlay, keep_in_view, row_in};
use crate::domain::text::{display_safe, pad, truncate};
use crate::i18n::stage_name;
use crate::store::SearchHit;
use crate::tui::actions::{Target, contact_action};
use crate::tui::input::TextInput;
use crate::tui::jobs::{Data, Job, Ticket};
use crate::tui::registry::{Action, Scope};
use crate::tui::theme;
use crate::tui::view::{Cx, Effect, View};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph};
use std::cell::Cell;
use std::collections::BTreeSet;

/// How many results a search shows.
pub const LIMIT: usize = 50;

#[derive(Debug, Default)]
pub struct SearchView {
    pub input: TextInput,
    pub hits: Vec<SearchHit>,
    /// How many contacts matched (the list holds the best [`LIMIT`]), and whether that
    /// count is exact or where counting stopped.
    pub total: (usize, bool),
    pub selected: usize,
    /// The keys act on the results (after Tab), not the query.
    pub in_results: bool,
    /// Queries asked and not answered; the newest answer shown so far.
    asked: BTreeSet<Ticket>,
    shown: Ticket,
    pub error: Option<String>,
    /// Archived contacts are listed too (Ctrl-O).
    pub archived: bool,
    /// Nothing active matched, but this many archived contacts did (exactly or at least).
    pub hidden: Option<(usize, bool)>,
    top: Cell<usize>,
    list: Cell<Rect>,
}

impl SearchView {
    pub fn current(&self) -> Option<&SearchHit> {
        self.hits.get(self.selected)
    }

    /// Still waiting for the newest query's answer.
    pub fn busy(&self) -> bool {
        self.asked.iter().any(|t| *t > self.shown)
    }

    fn ask(&mut self) -> Effect {
        let query = self.input.text().to_string();
        self.selected = 0;
        if !crate::store::searchable(&query) {
            // Nothing worth searching: clear, and let older answers fall on the floor.
            self.hits.clear();
            self.error = None;
            self.shown = crate::tui::jobs::ticket();
            return Effect::None;
        }
        let (t, e) = Effect::job(Job::Search {
            query,
            archived: self.archived,
        });
        self.asked.insert(t);
        e
    }

    fn step(&mut self, by: isize) {
        let last = self.hits.len().saturating_sub(1) as isize;
        self.selected = (self.selected as isize + by).clamp(0, last.max(0)) as usize;
    }

    fn open(&self) -> Effect {
        match self.current() {
            Some(h) => Effect::Many(vec![
                Effect::Pop,
                Effect::OpenCard {
                    id: h.contact.id,
                    script: None,
                },
            ]),
            None => Effect::None,
        }
    }

    fn target(&self) -> Option<Target> {
        self.current().map(|h| Target {
            id: h.contact.id,
            name: h.contact.name.clone(),
            stage: Some(h.contact.stage),
            archived: h.contact.archived,
        })
    }
}

impl View for SearchView {
    fn scope(&self) -> Scope {
        if self.in_results {
            Scope::Results
        } else {
            Scope::Search
        }
    }

    fn handle(&mut self, action: Action, cx: &Cx) -> Effect {
        let edited = match action {
            Action::Up => {
                self.step(-1);
                false
            }
            Action::Down => {
                self.step(1);
                false
            }
            Action::PageUp => {
                self.step(-10);
                false
            }
            Action::PageDown => {
                self.step(10);
                false
            }
            Action::Top => {
                self.selected = 0;
                false
            }
            Action::Bottom => {
                self.step(isize::MAX / 2);
                false
            }
            Action::SwitchFocus => {
                self.in_results = !self.in_results && !self.hits.is_empty();
                false
            }
            Action::Open => return self.open(),
            Action::Back => return Effect::Pop,
            Action::ToggleClosed => {
                self.archived = !self.archived;
                true
            }
            Action::Type(c) => {
                self.input.insert(c);
                true
            }
            Action::Backspace => {
                self.input.backspace();
                true
            }
            Action::Delete => {
                self.input.delete();
                true
            }
            Action::KillLine => {
                self.input.kill_line();
                true
            }
            Action::KillWord => {
                self.input.kill_word();
                true
            }
            Action::CaretLeft => {
                self.input.left();
                false
            }
            Action::CaretRight => {
                self.input.right();
                false
            }
            Action::CaretHome => {
                self.input.home();
                false
            }
            Action::CaretEnd => {
                self.input.end();
                false
            }
            other if self.in_results => {
                return contact_action(other, self.target(), cx).unwrap_or(Effect::None);
            }
            _ => false,
        };
        if edited { self.ask() } else { Effect::None }
    }

    fn paste(&mut self, text: &str, _cx: &Cx) -> Effect {
        self.in_results = false;
        self.input.insert_str(text);
        self.ask()
    }

    fn answer(
        &mut self,
        ticket: Ticket,
        result: &Result<Data, String>,
        _cx: &Cx,
    ) -> Option<Effect> {
        if !self.asked.remove(&ticket) {
            return None;
        }
        if ticket <= self.shown {
            return Some(Effect::None);
        }
        match result {
            Ok(Data::Hits(found, hidden)) => {
                self.shown = ticket;
                self.hidden = *hidden;
                self.hits = found.hits.clone();
                self.total = (found.total, found.total_is_exact);
                self.error = None;
            }
            // A query overtaken by a newer one before it ran.
            Err(e) if e.is_empty() => {}
            Err(e) => {
                self.shown = ticket;
                self.error = Some(e.clone());
            }
            Ok(_) => {}
        }
        self.selected = self.selected.min(self.hits.len().saturating_sub(1));
        if self.hits.is_empty() {
            self.in_results = false;
        }
        Some(Effect::None)
    }

    /// The book changed: the same query again.
    fn refresh(&mut self, _cx: &Cx, _follow: Option<crate::domain::ContactId>) -> Effect {
        let keep = self.selected;
        let e = self.ask();
        self.selected = keep;
        e
    }

    fn click(&mut self, col: u16, row: u16, _cx: &Cx) -> Effect {
        if let Some(r) = row_in(self.list.get(), col, row) {
            let i = self.top.get() + r;
            if i < self.hits.len() {
                self.selected = i;
            }
        }
        Effect::None
    }

    fn overlay(&self) -> bool {
        true
    }

    fn draw(&self, frame: &mut Frame, area: Rect, cx: &Cx) {
        draw(self, frame, area, cx);
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

fn draw(st: &SearchView, frame: &mut Frame, area: Rect, cx: &Cx) {
    let s = cx.s;
    let area = centered(
        area,
        area.width.saturating_sub(8).min(100),
        area.height.saturating_sub(4),
    );
    clear_for_overlay(frame, area);
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(theme::focused_border())
        .title(Span::styled(
            format!(" {} ", s.search_title),
            theme::title(),
        ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [input_row, hint_row, list] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(1),
    ])
    .areas(inner);
    st.list.set(list);

    let prompt = "/ ";
    let (shown, caret) = st
        .input
        .window((input_row.width as usize).saturating_sub(2));
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(prompt, theme::key()),
            Span::raw(shown),
        ])),
        input_row,
    );
    let hint = match (&st.error, st.busy()) {
        (Some(e), _) => Line::styled(e.clone(), theme::error()),
        (None, true) => Line::styled(s.searching, theme::dim()),
        (None, false) if st.input.text().trim().is_empty() => {
            Line::styled(s.search_hint, theme::dim())
        }
        (None, false) => {
            let total = crate::i18n::search::total_line(
                cx.lang,
                st.hits.len(),
                st.total.0.max(st.hits.len()),
                st.total.1,
            );
            let total = if st.archived {
                format!("{total} · {}", cx.t.archived_shown)
            } else {
                total
            };
            // Nothing found: nothing to act on, but the archive may hold it.
            let line = match st.hidden {
                Some((n, exact)) if st.hits.is_empty() => format!(
                    "{total} · {}",
                    crate::i18n::search::only_archived_app(cx.lang, n, exact)
                ),
                _ if st.hits.is_empty() => total,
                _ => format!("{total} · {}", cx.t.search_tab_hint),
            };
            Line::styled(line, theme::dim())
        }
    };
    frame.render_widget(Paragraph::new(hint), hint_row);

    let height = list.height as usize;
    let top = keep_in_view(st.selected, st.top.get(), height, st.hits.len());
    st.top.set(top);
    let width = list.width as usize;
    let rows: Vec<Line> = st
        .hits
        .iter()
        .enumerate()
        .skip(top)
        .take(height)
        .map(|(i, h)| {
            let c = &h.contact;
            // ⊘ an archived contact, as the board marks one.
            let mark = if cx.marks.contains_key(&c.id) {
                "✓"
            } else if c.archived {
                "⊘"
            } else {
                " "
            };
            let text = format!(
                "{mark}{} {} {} {} {}",
                pad(&display_safe(&c.name, false), 10),
                pad(stage_name(cx.lang, c.stage), 10),
                c.grade.map_or(" ".into(), |g| g.to_string()),
                pad(&display_safe(c.phone.as_deref().unwrap_or(""), false), 13),
                crate::i18n::search::matched_label(cx.lang, h.matched)
            );
            let text = truncate(&text, width);
            if i == st.selected {
                let style = if st.in_results {
                    theme::selected()
                } else {
                    theme::key()
                };
                Line::styled(text, style)
            } else {
                Line::raw(text)
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(rows), list);

    if !st.in_results {
        // The cursor at the caret, so an IME's candidate window opens right there.
        let x = input_row.x + (prompt.len() + caret) as u16;
        frame.set_cursor_position(Position::new(
            x.min(input_row.right().saturating_sub(1)),
            input_row.y,
        ));
    }
}
