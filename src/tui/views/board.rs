//! The pipeline board: five columns, one per stage, with the open contacts in each.

use super::{ViewCtx, scroll_offset};
use crate::domain::text::{pad, width};
use crate::domain::{Contact, ContactId, Grade, Stage};
use crate::i18n::stage_name;
use crate::tui::theme;
use chrono::{DateTime, FixedOffset, Utc};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph};

#[derive(Debug, Clone, PartialEq)]
pub struct BoardItem {
    pub id: ContactId,
    pub name: String,
    pub grade: Option<Grade>,
    pub idle_days: i64,
    pub next_due: Option<DateTime<Utc>>,
}

/// How a contact's next follow-up stands today: the colour of its name on the board.
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

#[derive(Debug, Clone, Default)]
pub struct BoardState {
    pub columns: [Vec<BoardItem>; 5],
    pub focus: usize,
    pub selected: [usize; 5],
}

impl BoardState {
    /// Fills the columns from the open contacts, keeping the focus and selections in range.
    pub fn fill(&mut self, contacts: &[Contact], now: DateTime<Utc>) {
        let mut columns: [Vec<BoardItem>; 5] = Default::default();
        for c in contacts {
            columns[c.stage.index()].push(BoardItem {
                id: c.id,
                name: c.name.clone(),
                grade: c.grade,
                idle_days: c.idle_days(now),
                next_due: c.next_due_at,
            });
        }
        self.columns = columns;
        for (i, col) in self.columns.iter().enumerate() {
            self.selected[i] = self.selected[i].min(col.len().saturating_sub(1));
        }
    }

    pub fn current(&self) -> Option<&BoardItem> {
        self.columns[self.focus].get(self.selected[self.focus])
    }

    /// Focuses the contact wherever it now is (after a stage move).
    pub fn select_contact(&mut self, id: ContactId) {
        for (col, items) in self.columns.iter().enumerate() {
            if let Some(row) = items.iter().position(|i| i.id == id) {
                self.focus = col;
                self.selected[col] = row;
            }
        }
    }

    pub fn up(&mut self) {
        self.selected[self.focus] = self.selected[self.focus].saturating_sub(1);
    }

    pub fn down(&mut self) {
        let len = self.columns[self.focus].len();
        self.selected[self.focus] = (self.selected[self.focus] + 1).min(len.saturating_sub(1));
    }

    pub fn top(&mut self) {
        self.selected[self.focus] = 0;
    }

    pub fn bottom(&mut self) {
        self.selected[self.focus] = self.columns[self.focus].len().saturating_sub(1);
    }

    pub fn left(&mut self) {
        self.focus = self.focus.saturating_sub(1);
    }

    pub fn right(&mut self) {
        self.focus = (self.focus + 1).min(4);
    }
}

pub fn draw(frame: &mut Frame, area: Rect, state: &BoardState, now: DateTime<Utc>, cx: &ViewCtx) {
    let cols = Layout::horizontal([Constraint::Ratio(1, 5); 5]).split(area);
    for (i, stage) in Stage::ALL.into_iter().enumerate() {
        draw_column(frame, cols[i], state, i, stage, now, cx);
    }
}

fn draw_column(
    frame: &mut Frame,
    area: Rect,
    state: &BoardState,
    col: usize,
    stage: Stage,
    now: DateTime<Utc>,
    cx: &ViewCtx,
) {
    let items = &state.columns[col];
    let focused = state.focus == col;
    let title = Line::from(vec![
        Span::styled(format!(" {} ", stage_name(cx.lang, stage)), theme::title()),
        Span::styled(format!("{} ", items.len()), theme::dim()),
    ]);
    let mut block = Block::bordered()
        .border_type(BorderType::Rounded)
        .title(title);
    if focused {
        block = block.border_style(theme::focused_border());
    }
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if items.is_empty() {
        frame.render_widget(
            Paragraph::new(Span::styled(cx.s.empty_stage, theme::dim())),
            inner,
        );
        return;
    }
    let height = inner.height as usize;
    let sel = state.selected[col];
    let offset = scroll_offset(sel, height);
    let inner_w = inner.width as usize;
    let lines: Vec<Line> = items
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .map(|(row, item)| {
            let due = due_state(item.next_due, now, cx.offset);
            item_line(item, inner_w, focused && row == sel, due, cx)
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

/// "张三丰  A  12天": name, grade, days since the last touch, fitted to the column.
fn item_line(
    item: &BoardItem,
    w: usize,
    selected: bool,
    due: DueState,
    cx: &ViewCtx,
) -> Line<'static> {
    let days = format!("{}{}", item.idle_days, cx.s.days_short);
    let days_w = 5;
    // The days cell is right-aligned, so it brings its own gap after the grade.
    let name_w = w.saturating_sub(days_w + 2);
    let grade = item.grade.map_or(" ".to_string(), |g| g.to_string());
    let days_cell = format!("{}{days}", " ".repeat(days_w.saturating_sub(width(&days))));
    let mut spans = vec![
        Span::styled(pad(&item.name, name_w), due_style(due)),
        Span::raw(" "),
        Span::styled(grade, theme::grade(item.grade)),
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
