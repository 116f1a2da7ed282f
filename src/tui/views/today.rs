//! Today (今日): who to contact now — new leads waiting, overdue, due today, upcoming —
//! most urgent first within each section.

use super::{ViewCtx, scroll_offset};
use crate::domain::Stage;
use crate::domain::text::{pad, truncate};
use crate::i18n::stage_name;
use crate::service::{Agenda, AgendaItem, Section, total_text};
use crate::tui::theme;
use chrono::{DateTime, Utc};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph};

#[derive(Debug, Clone, Default)]
pub struct TodayState {
    pub totals: Vec<(Section, i64)>,
    /// Every item, section by section.
    pub items: Vec<AgendaItem>,
    pub selected: usize,
}

impl TodayState {
    pub fn fill(&mut self, agenda: Agenda) {
        let keep = self.current().map(|i| i.followup_id);
        self.totals = agenda.totals;
        self.items = agenda.sections.into_iter().flat_map(|(_, v)| v).collect();
        self.selected = keep
            .and_then(|id| self.items.iter().position(|i| i.followup_id == id))
            .unwrap_or(self.selected)
            .min(self.items.len().saturating_sub(1));
    }

    pub fn current(&self) -> Option<&AgendaItem> {
        self.items.get(self.selected)
    }

    pub fn up(&mut self) {
        self.selected = self.selected.saturating_sub(1);
    }

    pub fn down(&mut self) {
        self.selected = (self.selected + 1).min(self.items.len().saturating_sub(1));
    }
}

pub fn section_style(section: Section) -> Style {
    match section {
        Section::NewLeads => Style::new().fg(Color::LightRed),
        Section::Overdue => Style::new().fg(Color::Red),
        Section::Today => Style::new().fg(Color::Green),
        Section::Upcoming => theme::dim(),
    }
}

pub fn section_name(section: Section, cx: &ViewCtx) -> &'static str {
    match cx.lang {
        crate::config::Lang::Zh => section.zh(),
        crate::config::Lang::En => match section {
            Section::NewLeads => "New leads waiting",
            Section::Overdue => "Overdue",
            Section::Today => "Due today",
            Section::Upcoming => "Upcoming",
        },
    }
}

/// "逾期 2天" / "3小时后" / "已等 35 分钟": how the item stands against now.
fn when(item: &AgendaItem, now: DateTime<Utc>, cx: &ViewCtx) -> String {
    let s = cx.s;
    if let Some(m) = item.waiting_minutes {
        return format!("{} {}", s.waiting, span_text(m, cx));
    }
    let m = (now - item.due).num_minutes();
    if m > 0 {
        format!("{} {}", s.overdue_by, span_text(m, cx))
    } else {
        cx.local(item.due).format("%m-%d %H:%M").to_string()
    }
}

fn span_text(minutes: i64, cx: &ViewCtx) -> String {
    let s = cx.s;
    if minutes < 60 {
        format!("{minutes}{}", s.minutes_short)
    } else if minutes < 1440 {
        format!("{}{}", minutes / 60, s.hours_short)
    } else {
        format!("{}{}", minutes / 1440, s.days_short)
    }
}

pub fn draw(frame: &mut Frame, area: Rect, st: &TodayState, now: DateTime<Utc>, cx: &ViewCtx) {
    let s = cx.s;
    let [header, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(area);
    let mut spans = vec![Span::styled(format!(" {} ", s.today), theme::title())];
    for (section, n) in &st.totals {
        spans.push(Span::styled(
            format!(" {} {} ", section_name(*section, cx), total_text(*n)),
            section_style(*section),
        ));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), header);

    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(theme::focused_border());
    let inner = block.inner(body);
    frame.render_widget(block, body);
    if st.items.is_empty() {
        frame.render_widget(
            Paragraph::new(Span::styled(s.nothing_due, theme::dim())),
            inner,
        );
        return;
    }
    let height = inner.height as usize;
    let offset = scroll_offset(st.selected, height);
    let w = inner.width as usize;
    let name_w = 10;
    let stage_w = 8;
    let when_w = 14;
    let rows: Vec<Line> = st
        .items
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .map(|(i, item)| {
            let stage = Stage::ALL
                .iter()
                .find(|x| x.key() == item.stage)
                .map_or(item.stage.clone(), |x| stage_name(cx.lang, *x).to_string());
            let mut action = item.action.clone();
            if item.over_cap > 0 {
                action = format!("⚠{} {action}", item.over_cap);
            }
            let fixed = 2 + name_w + 1 + 2 + stage_w + 1 + when_w + 1 + 6;
            let action = pad(
                &truncate(&action, w.saturating_sub(fixed)),
                w.saturating_sub(fixed),
            );
            let due_text = when(item, now, cx);
            let style = section_style(item.section);
            let mut spans = vec![
                Span::styled("● ", style),
                Span::raw(pad(&item.contact_name, name_w)),
                Span::raw(" "),
                Span::styled(
                    format!("{} ", item.grade.as_deref().unwrap_or(" ")),
                    theme::grade(item.grade.as_deref().and_then(|g| g.parse().ok())),
                ),
                Span::styled(pad(&stage, stage_w), theme::dim()),
                Span::raw(" "),
                Span::styled(pad(&due_text, when_w), style),
                Span::raw(" "),
                Span::raw(action),
                Span::styled(
                    format!("{:>6}", format!("{:.0}", item.urgency)),
                    theme::dim(),
                ),
            ];
            if i == st.selected {
                spans = spans
                    .into_iter()
                    .map(|sp| Span::styled(sp.content, theme::selected()))
                    .collect();
            }
            Line::from(spans)
        })
        .collect();
    frame.render_widget(Paragraph::new(rows), inner);
}
