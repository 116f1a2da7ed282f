//! The pipeline board: five columns, one per stage, each with its count and the contacts
//! on screen (a window read page by page). Filters (`f`) and closed contacts (`o`) show in
//! the title.

use super::board_column::Column;
use super::{contact_form::ContactForm, filter::FilterForm, row_in};
use crate::domain::text::{display_safe, pad, width};
use crate::domain::{ContactId, Outcome, Stage};
use crate::i18n::stage_name;
use crate::service::BoardFilter;
use crate::store::BoardRow;
use crate::tui::actions::{Target, contact_action};
use crate::tui::jobs::{Anchor, Data, Job, Ticket};
use crate::tui::registry::{Action, Scope};
use crate::tui::theme;
use crate::tui::view::{Cx, Effect, View};
use chrono::{DateTime, FixedOffset, Utc};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph};
use std::cell::Cell;

/// Rows read beyond the screen on each side.
const MARGIN: usize = 40;
/// Rows per page when scrolling reads further.
const PAGE: usize = 80;

#[derive(Debug, Default)]
pub struct BoardView {
    pub columns: [Column; 5],
    pub focus: usize,
    pub filter: BoardFilter,
    counts: Option<Ticket>,
    /// The window around the contact a change was about (its column takes the focus).
    follow: Option<Ticket>,
    height: Cell<usize>,
    areas: Cell<[Rect; 5]>,
}

/// How a contact's next follow-up stands: the colour of its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DueState {
    Overdue,
    Today,
    Upcoming,
    Nothing,
}

pub fn due_state(next: Option<DateTime<Utc>>, now: DateTime<Utc>, offset: FixedOffset) -> DueState {
    let Some(due) = next else {
        return DueState::Nothing;
    };
    if due < now {
        DueState::Overdue
    } else if due.with_timezone(&offset).date_naive() == now.with_timezone(&offset).date_naive() {
        DueState::Today
    } else {
        DueState::Upcoming
    }
}

fn due_style(state: DueState) -> Style {
    match state {
        DueState::Overdue => Style::new().fg(Color::Red),
        DueState::Today => Style::new().fg(Color::Green),
        DueState::Upcoming => theme::dim(),
        DueState::Nothing => Style::new().fg(Color::Yellow),
    }
}

impl BoardView {
    pub fn current(&self) -> Option<&BoardRow> {
        self.columns[self.focus].current()
    }

    fn rows_on_screen(&self) -> usize {
        match self.height.get() {
            0 => 40,
            h => h,
        }
    }

    fn window(&mut self, col: usize, anchor: Anchor) -> Effect {
        let h = self.rows_on_screen();
        let c = &mut self.columns[col];
        c.before_reload();
        let (t, e) = Effect::job(Job::Window {
            stage: Stage::from_index(col),
            filter: self.filter.clone(),
            anchor,
            above: MARGIN,
            below: h + MARGIN,
        });
        c.ticket = Some(t);
        c.paging = None;
        e
    }

    /// Reads the counts and every column again, each around its selected contact.
    fn reload(&mut self, follow: Option<ContactId>) -> Effect {
        let (t, counts) = Effect::job(Job::Counts(self.filter.clone()));
        self.counts = Some(t);
        let mut effects = vec![counts];
        for col in 0..5 {
            let anchor = match self.columns[col].current() {
                Some(r) => Anchor::Contact {
                    id: r.id,
                    was: Some(r.key()),
                },
                None => Anchor::Top,
            };
            effects.push(self.window(col, anchor));
        }
        if let Some(id) = follow {
            let (t, e) = Effect::job(Job::Window {
                stage: None,
                filter: self.filter.clone(),
                anchor: Anchor::Contact { id, was: None },
                above: MARGIN,
                below: self.rows_on_screen() + MARGIN,
            });
            self.follow = Some(t);
            effects.push(e);
        }
        Effect::Many(effects)
    }

    /// Moves the selection and reads the next page when it nears a loaded end.
    fn step(&mut self, by: isize) -> Effect {
        let col = &mut self.columns[self.focus];
        col.step(by);
        let Some((from, down)) = col.wants_page(MARGIN / 2) else {
            return Effect::None;
        };
        let (t, e) = Effect::job(Job::Page {
            stage: Stage::from_index(self.focus).unwrap_or(Stage::Discover),
            filter: self.filter.clone(),
            from,
            down,
            limit: PAGE,
        });
        col.ticket = Some(t);
        col.paging = Some(down);
        e
    }

    fn target(&self) -> Option<Target> {
        self.current().map(|r| Target {
            id: r.id,
            name: r.name.clone(),
            stage: Some(r.stage),
            archived: r.archived,
        })
    }

    /// The board shows `filter` from now on.
    fn set_filter(&mut self, filter: BoardFilter) -> Effect {
        self.filter = filter;
        for c in &mut self.columns {
            c.rows.clear();
            c.sel = 0;
            c.top.set(0);
        }
        self.reload(None)
    }
}

impl View for BoardView {
    fn scope(&self) -> Scope {
        Scope::Board
    }

    fn handle(&mut self, action: Action, cx: &Cx) -> Effect {
        let page = self.rows_on_screen() as isize;
        match action {
            Action::Left => {
                self.focus = self.focus.saturating_sub(1);
                Effect::None
            }
            Action::Right => {
                self.focus = (self.focus + 1).min(4);
                Effect::None
            }
            Action::Up => self.step(-1),
            Action::Down => self.step(1),
            Action::PageUp => self.step(-page),
            Action::PageDown => self.step(page),
            Action::Top if self.columns[self.focus].start == 0 => self.step(isize::MIN / 2),
            Action::Top => self.window(self.focus, Anchor::Top),
            Action::Bottom if self.columns[self.focus].to_bottom => self.step(isize::MAX / 2),
            Action::Bottom => self.window(self.focus, Anchor::Bottom),
            Action::Open => match self.current() {
                Some(r) => Effect::OpenCard {
                    id: r.id,
                    script: None,
                },
                None => Effect::None,
            },
            Action::NewContact => ContactForm::add(cx),
            Action::Filter => FilterForm::open(&self.filter, cx),
            // Esc: the marks first, then the filter (closed contacts stay as chosen).
            Action::Clear if !cx.marks.is_empty() => Effect::ClearMarks,
            Action::Clear if !self.filter.is_empty() => Effect::Many(vec![
                Effect::Filter(BoardFilter {
                    closed: self.filter.closed,
                    ..BoardFilter::default()
                }),
                Effect::Status(cx.t.filter_cleared.to_string()),
            ]),
            Action::ToggleClosed => {
                let mut f = self.filter.clone();
                f.closed = !f.closed;
                Effect::Filter(f)
            }
            other => contact_action(other, self.target(), cx).unwrap_or(Effect::None),
        }
    }

    fn answer(
        &mut self,
        ticket: Ticket,
        result: &Result<Data, String>,
        _cx: &Cx,
    ) -> Option<Effect> {
        if self.counts == Some(ticket) {
            self.counts = None;
            if let Ok(Data::Counts(n)) = result {
                for (c, n) in self.columns.iter_mut().zip(n) {
                    c.count = *n as usize;
                }
            }
            return Some(error_of(result));
        }
        if self.follow == Some(ticket) {
            self.follow = None;
            if let Ok(Data::Window(stage, w)) = result
                && w.at.is_some()
            {
                self.focus = stage.index();
                let c = &mut self.columns[self.focus];
                c.before_reload();
                c.set_window(w);
            }
            return Some(error_of(result));
        }
        let col = self.columns.iter().position(|c| c.ticket == Some(ticket))?;
        let c = &mut self.columns[col];
        c.ticket = None;
        match result {
            Ok(Data::Window(_, w)) => c.set_window(w),
            Ok(Data::Page(_, rows)) => {
                let down = c.paging.take().unwrap_or(true);
                c.add_page(rows.clone(), down, PAGE);
            }
            _ => {}
        }
        Some(error_of(result))
    }

    fn refresh(&mut self, _cx: &Cx, follow: Option<ContactId>) -> Effect {
        self.reload(follow)
    }

    fn filter(&mut self, filter: &BoardFilter) -> Effect {
        self.set_filter(filter.clone())
    }

    fn click(&mut self, col: u16, row: u16, _cx: &Cx) -> Effect {
        for (i, area) in self.areas.get().iter().enumerate() {
            if let Some(r) = row_in(*area, col, row) {
                self.focus = i;
                let c = &mut self.columns[i];
                let at = c.top.get() + r;
                if at < c.rows.len() {
                    c.sel = at;
                }
            }
        }
        Effect::None
    }

    fn draw(&self, frame: &mut Frame, area: Rect, cx: &Cx) {
        let [header, body] =
            Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(area);
        draw_title(frame, header, &self.filter, cx);
        let cols = Layout::horizontal([Constraint::Ratio(1, 5); 5]).split(body);
        let mut areas = [Rect::default(); 5];
        for (i, stage) in Stage::ALL.into_iter().enumerate() {
            areas[i] = draw_column(frame, cols[i], self, i, stage, cx);
        }
        self.height.set(areas[0].height as usize);
        self.areas.set(areas);
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// A failed read's message for the status line.
fn error_of(result: &Result<Data, String>) -> Effect {
    match result {
        Err(e) if !e.is_empty() => Effect::Error(e.clone()),
        _ => Effect::None,
    }
}

/// The filter in words ("等级 A · 意向/近期购买"), empty when nothing narrows the board.
pub fn filter_words(f: &BoardFilter, cx: &Cx) -> String {
    let mut parts = Vec::new();
    if let Some(g) = f.grade {
        parts.push(format!("{} {g}", cx.s.col_grade));
    }
    if let Some(t) = &f.tag {
        parts.push(display_safe(&t.to_string(), false).into_owned());
    }
    if let Some(s) = &f.source {
        parts.push(format!("{} {}", cx.s.col_source, display_safe(s, false)));
    }
    if let Some(l) = f.lifecycle {
        parts.push(crate::i18n::names::lifecycle_name(cx.lang, l).to_string());
    }
    parts.join(" · ")
}

/// "管道  筛选：等级 A · 客户来源/朋友圈  含已成交/流失/归档"
fn draw_title(frame: &mut Frame, area: Rect, f: &BoardFilter, cx: &Cx) {
    let mut spans = vec![Span::styled(format!(" {} ", cx.s.pipeline), theme::title())];
    let words = filter_words(f, cx);
    if !words.is_empty() {
        spans.push(Span::styled(
            format!(" {}{}{words} ", cx.t.filtered, crate::i18n::colon(cx.lang)),
            theme::key(),
        ));
    }
    if f.closed {
        spans.push(Span::styled(
            format!(" {} ", cx.t.closed_shown),
            theme::dim(),
        ));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
    // What the number beside each name counts.
    let legend = format!("{} ", cx.t.board_days_legend);
    if width(&legend) + 30 < area.width as usize {
        frame.render_widget(
            Paragraph::new(Line::styled(legend, theme::dim()).right_aligned()),
            area,
        );
    }
}

fn draw_column(
    frame: &mut Frame,
    area: Rect,
    board: &BoardView,
    col: usize,
    stage: Stage,
    cx: &Cx,
) -> Rect {
    let c = &board.columns[col];
    let focused = board.focus == col;
    let title = Line::from(vec![
        Span::styled(format!(" {} ", stage_name(cx.lang, stage)), theme::title()),
        Span::styled(format!("{} ", c.count), theme::dim()),
    ]);
    let mut block = Block::bordered()
        .border_type(BorderType::Rounded)
        .title(title);
    if focused {
        block = block.border_style(theme::focused_border());
    }
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if c.rows.is_empty() {
        let text = if c.ticket.is_some() {
            cx.t.loading
        } else {
            cx.s.empty_stage
        };
        frame.render_widget(Paragraph::new(Span::styled(text, theme::dim())), inner);
        return inner;
    }
    let height = inner.height as usize;
    let top = super::keep_in_view(c.sel, c.top.get(), height, c.rows.len());
    c.top.set(top);
    let lines: Vec<Line> = c
        .rows
        .iter()
        .enumerate()
        .skip(top)
        .take(height)
        .map(|(i, row)| {
            let due = due_state(row.next_due, cx.now, cx.offset);
            item_line(row, inner.width as usize, focused && i == c.sel, due, cx)
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
    inner
}

/// "✓张三丰  A  12天": mark, name, grade, days since the last touch, fitted to the column.
fn item_line(row: &BoardRow, w: usize, selected: bool, due: DueState, cx: &Cx) -> Line<'static> {
    let days = (cx.now - row.activity).num_days().max(0);
    let days = format!("{days}{}", cx.s.days_short);
    // Room for "12天" and a gap; a longer count ("100天") takes one more column, never the
    // gap after the grade.
    let days_w = 5.max(width(&days) + 1);
    let mark = if cx.marks.contains_key(&row.id) {
        "✓"
    } else if row.outcome == Outcome::Lost {
        "✗"
    } else if row.archived {
        "⊘"
    } else {
        ""
    };
    // The days cell is right-aligned, so it brings its own gap after the grade.
    let name_w = w.saturating_sub(days_w + 2 + width(mark));
    let grade = row.grade.map_or(" ".to_string(), |g| g.to_string());
    let days_cell = format!("{}{days}", " ".repeat(days_w.saturating_sub(width(&days))));
    let mut name_style = due_style(due);
    if row.outcome == Outcome::Lost || row.archived {
        name_style = theme::dim().add_modifier(Modifier::CROSSED_OUT);
    }
    let mut spans = vec![
        Span::styled(mark.to_string(), theme::key()),
        Span::styled(pad(&display_safe(&row.name, false), name_w), name_style),
        Span::raw(" "),
        Span::styled(grade, theme::grade(row.grade)),
        Span::styled(days_cell, theme::dim()),
    ];
    if selected {
        spans = spans
            .into_iter()
            .map(|s| Span::styled(s.content, theme::selected()))
            .collect();
    }
    Line::from(spans)
}
