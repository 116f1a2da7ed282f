//! Today (今日): who to contact now — new leads waiting, overdue, due today, upcoming —
//! most urgent first within each section. Done / snooze / skip through a one-line prompt;
//! after each, the selection moves on to the next item.

use super::prompt::{FollowupPrompt, PromptKind};
use super::{contact_form::ContactForm, keep_in_view, row_in};
use crate::domain::Stage;
use crate::domain::text::{display_safe, pad, truncate};
use crate::i18n::{section_name, stage_name};
use crate::service::{AgendaItem, COUNT_CAP, Section, total_text};
use crate::tui::actions::{Target, contact_action};
use crate::tui::jobs::{Data, Job, Ticket};
use crate::tui::registry::{Action, Scope};
use crate::tui::theme;
use crate::tui::view::{Cx, Effect, View};
use chrono::{DateTime, Utc};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph};
use std::cell::Cell;

/// Items per section read at first; scrolling near the end reads this many more.
const PAGE: usize = 30;

#[derive(Debug, Default)]
pub struct TodayView {
    pub totals: Vec<(Section, i64)>,
    /// Every item, section by section.
    pub items: Vec<AgendaItem>,
    pub selected: usize,
    top: Cell<usize>,
    height: Cell<usize>,
    list: Cell<Rect>,
    limit: usize,
    ticket: Option<Ticket>,
    /// When the items were read (none yet: the list is still loading).
    loaded_at: Option<DateTime<Utc>>,
    /// The selected follow-up and the one after it when the reload was asked.
    keep: Option<(AgendaItem, Option<i64>)>,
    /// A contact the change was about that the list did not hold (one just added): its
    /// item is selected once it is read.
    find: Option<crate::domain::ContactId>,
    /// `y` asked for the item's script, filled in for the contact: its ticket and the id.
    copy: Option<(Ticket, String)>,
}

impl TodayView {
    pub fn current(&self) -> Option<&AgendaItem> {
        self.items.get(self.selected)
    }

    fn load(&mut self) -> Effect {
        if self.limit == 0 {
            self.limit = PAGE;
        }
        self.keep = self.current().map(|i| {
            let next = self
                .items
                .get(self.selected + 1)
                .or_else(|| self.selected.checked_sub(1).and_then(|p| self.items.get(p)))
                .map(|n| n.followup_id);
            (i.clone(), next)
        });
        let (t, e) = Effect::job(Job::Today { limit: self.limit });
        self.ticket = Some(t);
        e
    }

    fn fill(&mut self, agenda: &crate::service::Agenda, now: DateTime<Utc>) {
        self.totals = agenda.totals.clone();
        self.items = agenda
            .sections
            .iter()
            .flat_map(|(_, v)| v.iter().cloned())
            .collect();
        self.loaded_at = Some(now);
        // The same follow-up stays selected unless it was just done, snoozed or skipped
        // (gone, or due elsewhere): then the one that came after it.
        let pos = |id: i64, items: &[AgendaItem]| items.iter().position(|i| i.followup_id == id);
        if let Some((was, next)) = self.keep.take() {
            let same = pos(was.followup_id, &self.items)
                .filter(|&i| self.items[i].due == was.due && self.items[i].section == was.section);
            self.selected = same
                .or_else(|| next.and_then(|n| pos(n, &self.items)))
                .unwrap_or(self.selected);
        }
        if let Some(id) = self.find.take()
            && let Some(i) = self.items.iter().position(|i| i.contact_id == id)
        {
            self.selected = i;
        }
        self.selected = self.selected.min(self.items.len().saturating_sub(1));
    }

    fn step(&mut self, by: isize) -> Effect {
        let last = self.items.len().saturating_sub(1) as isize;
        self.selected = (self.selected as isize + by).clamp(0, last.max(0)) as usize;
        // Near the end of what is loaded while a section holds more: read further.
        let more = self.totals.iter().any(|(s, n)| {
            let shown = self.items.iter().filter(|i| i.section == *s).count() as i64;
            *n > shown
        });
        if more && self.items.len() - self.selected < 10 && self.limit < COUNT_CAP as usize {
            self.limit += PAGE;
            return self.load();
        }
        Effect::None
    }

    fn target(&self) -> Option<Target> {
        self.current().map(|i| Target {
            id: i.contact_id,
            name: i.contact_name.clone(),
            stage: i.stage.parse::<Stage>().ok(),
            archived: false,
        })
    }
}

impl View for TodayView {
    fn scope(&self) -> Scope {
        Scope::Today
    }

    fn handle(&mut self, action: Action, cx: &Cx) -> Effect {
        let page = self.height.get().max(1) as isize;
        match action {
            Action::Up => self.step(-1),
            Action::Down => self.step(1),
            Action::PageUp => self.step(-page),
            Action::PageDown => self.step(page),
            Action::Top => self.step(-(self.items.len() as isize)),
            Action::Bottom => self.step(self.items.len() as isize),
            Action::Open => match self.current() {
                Some(i) => Effect::OpenCard {
                    id: i.contact_id,
                    script: i.script.clone(),
                },
                None => Effect::None,
            },
            Action::FollowupDone | Action::FollowupSnooze | Action::FollowupSkip => {
                let Some(item) = self.current() else {
                    return Effect::None;
                };
                let kind = match action {
                    Action::FollowupDone => PromptKind::Done,
                    Action::FollowupSnooze => PromptKind::Snooze,
                    _ => PromptKind::Skip,
                };
                FollowupPrompt::open(kind, item, cx)
            }
            Action::NewContact => ContactForm::add(cx),
            // The item's own script, as the card opened from it would copy it: read filled
            // in for the contact first.
            Action::Copy => match self.current() {
                Some(AgendaItem {
                    contact_id,
                    script: Some(script),
                    ..
                }) => {
                    let (id, script) = (*contact_id, script.clone());
                    let (t, e) = Effect::job(Job::Card {
                        id,
                        due: Some(script.clone()),
                    });
                    self.copy = Some((t, script));
                    e
                }
                Some(_) => Effect::Status(cx.t.no_due_script.to_string()),
                None => Effect::None,
            },
            other => contact_action(other, self.target(), cx).unwrap_or(Effect::None),
        }
    }

    fn answer(&mut self, ticket: Ticket, result: &Result<Data, String>, cx: &Cx) -> Option<Effect> {
        if let Some((t, script)) = &self.copy
            && *t == ticket
        {
            let script = script.clone();
            self.copy = None;
            return Some(match result {
                Ok(Data::Card(d)) => copy_effect(d, &script, cx),
                Ok(_) => Effect::None,
                Err(e) => Effect::Error(e.clone()),
            });
        }
        if self.ticket != Some(ticket) {
            return None;
        }
        self.ticket = None;
        match result {
            Ok(Data::Today(agenda)) => {
                self.fill(agenda, cx.now);
                Some(Effect::None)
            }
            Ok(_) => Some(Effect::None),
            Err(e) => Some(Effect::Error(e.clone())),
        }
    }

    fn refresh(&mut self, _cx: &Cx, follow: Option<crate::domain::ContactId>) -> Effect {
        // A change to a contact on the list keeps the place (done, snoozed: the next one);
        // a contact new to it is shown.
        self.find = follow.filter(|id| !self.items.iter().any(|i| i.contact_id == *id));
        self.load()
    }

    fn click(&mut self, col: u16, row: u16, _cx: &Cx) -> Effect {
        if let Some(r) = row_in(self.list.get(), col, row) {
            let i = self.top.get() + r;
            if i < self.items.len() {
                self.selected = i;
            }
        }
        Effect::None
    }

    fn draw(&self, frame: &mut Frame, area: Rect, cx: &Cx) {
        draw(self, frame, area, cx);
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// `y` on an item: its script as the card would list it, copied and logged as sent; where
/// it does not apply to the contact, the card is where to pick one.
fn copy_effect(d: &crate::tui::jobs::CardData, script: &str, cx: &Cx) -> Effect {
    let mut items = super::sop_pane::items(&d.stage, cx);
    if let Some((stage, s)) = &d.due {
        items.push(super::sop_pane::due_item(*stage, s, cx));
    }
    match items.into_iter().find(|i| i.script_id == script) {
        Some(item) => Effect::Copy {
            id: d.contact.id,
            text: item.text,
            script_id: item.script_id,
            title: item.title,
        },
        None => Effect::Status(cx.t.no_due_script.to_string()),
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

/// "已等 35分钟" / "逾期 2天" / "11-24 09:00": how the item stands now. Waiting times keep
/// counting from the lead's arrival while the screen stays open.
fn when(item: &AgendaItem, cx: &Cx) -> String {
    let s = cx.s;
    // Counted from when the lead came in (adding whole minutes since the list was read
    // to the minutes then would run up to a minute behind).
    if let Some(from) = item.waiting_since {
        let m = (cx.now - from).num_minutes().max(0);
        return format!("{} {}", s.waiting, span_text(m, cx));
    }
    let m = (cx.now - item.due).num_minutes();
    if m > 0 {
        format!("{} {}", s.overdue_by, span_text(m, cx))
    } else {
        // Another year's date (near New Year) shows its year, in the column's width.
        let due = cx.local(item.due);
        let same_year = chrono::Datelike::year(&due) == chrono::Datelike::year(&cx.local(cx.now));
        due.format(if same_year { "%m-%d %H:%M" } else { "%Y-%m-%d" })
            .to_string()
    }
}

fn span_text(minutes: i64, cx: &Cx) -> String {
    let s = cx.s;
    if minutes < 60 {
        format!("{minutes}{}", s.minutes_short)
    } else if minutes < 1440 {
        format!("{}{}", minutes / 60, s.hours_short)
    } else {
        format!("{}{}", minutes / 1440, s.days_short)
    }
}

fn draw(st: &TodayView, frame: &mut Frame, area: Rect, cx: &Cx) {
    let s = cx.s;
    let [header, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(area);
    let mut spans = vec![Span::styled(format!(" {} ", s.today), theme::title())];
    for (section, n) in &st.totals {
        spans.push(Span::styled(
            format!(" {} {} ", section_name(cx.lang, *section), total_text(*n)),
            section_style(*section),
        ));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), header);

    let plain = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(theme::focused_border());
    let inner = plain.inner(body);
    st.list.set(inner);
    if st.items.is_empty() {
        frame.render_widget(plain, body);
        let text = if st.ticket.is_some() && st.loaded_at.is_none() {
            cx.t.loading
        } else {
            s.nothing_due
        };
        frame.render_widget(Paragraph::new(Span::styled(text, theme::dim())), inner);
        return;
    }
    let height = inner.height as usize;
    st.height.set(height);
    let top = keep_in_view(st.selected, st.top.get(), height, st.items.len());
    st.top.set(top);
    // The border says what the list holds: the selected item's section, the right-hand
    // column's meaning, and what a ⚠ on a row in view means.
    let mut block =
        plain.title(Line::styled(format!(" {} ", cx.t.urgency), theme::dim()).right_aligned());
    if let Some(item) = st.current() {
        block = block.title(Span::styled(
            format!(" {} ", section_name(cx.lang, item.section)),
            section_style(item.section),
        ));
    }
    let in_view = &st.items[top.min(st.items.len())..(top + height).min(st.items.len())];
    if let Some(n) = in_view.iter().map(|i| i.over_cap).find(|n| *n > 0) {
        let legend = crate::exchange::fill(cx.t.over_cap_legend, &[&n.to_string()]);
        block = block.title_bottom(Span::styled(format!(" {legend} "), theme::dim()));
    }
    frame.render_widget(block, body);
    let w = inner.width as usize;
    // The stage column fits the language's longest stage name (Aftercare is 9 wide).
    let stage_w = Stage::ALL
        .iter()
        .map(|s| unicode_width::UnicodeWidthStr::width(stage_name(cx.lang, *s)))
        .max()
        .unwrap_or(0)
        .max(8);
    let (name_w, when_w) = (10, 14);
    let rows: Vec<Line> = st
        .items
        .iter()
        .enumerate()
        .skip(top)
        .take(height)
        .map(|(i, item)| {
            let stage = item
                .stage
                .parse::<Stage>()
                .map_or(item.stage.clone(), |x| stage_name(cx.lang, x).to_string());
            let action = crate::i18n::names::action_text(cx.lang, &item.action);
            let mut action = display_safe(&action, false).into_owned();
            if item.over_cap > 0 {
                action = format!("⚠{} {action}", item.over_cap);
            }
            let fixed = 2 + name_w + 1 + 2 + stage_w + 1 + when_w + 1 + 6;
            let aw = w.saturating_sub(fixed);
            let style = section_style(item.section);
            let marked = cx.marks.contains_key(&item.contact_id);
            let mut spans = vec![
                Span::styled(if marked { "✓ " } else { "● " }, style),
                Span::raw(pad(&display_safe(&item.contact_name, false), name_w)),
                Span::raw(" "),
                Span::styled(
                    format!("{} ", item.grade.as_deref().unwrap_or(" ")),
                    theme::grade(item.grade.as_deref().and_then(|g| g.parse().ok())),
                ),
                Span::styled(pad(&stage, stage_w), theme::dim()),
                Span::raw(" "),
                Span::styled(pad(&when(item, cx), when_w), style),
                Span::raw(" "),
                Span::raw(pad(&truncate(&action, aw), aw)),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Lang;
    use crate::domain::followup::Track;

    /// A screen drawn at 09:32:00 for a lead in since 09:29:10 says 2 minutes (170 s), as
    /// the command line would now, whatever the minutes counted when the list was read (1,
    /// at 09:31:05).
    #[test]
    fn waiting_counts_from_the_leads_arrival_to_the_minute() {
        let t = |s: &str| DateTime::parse_from_rfc3339(s).unwrap().to_utc();
        let clock = crate::clock::Clock::parse("2026-11-23T09:32:00+08:00").unwrap();
        let (info, marks, filter) = Default::default();
        let cx = Cx {
            s: crate::i18n::strings(Lang::Zh),
            t: crate::i18n::tui::text(Lang::Zh),
            lang: Lang::Zh,
            now: clock.now(),
            offset: clock.offset(),
            clock,
            info: &info,
            marks: &marks,
            filter: &filter,
            read_only: false,
        };
        let arrived = t("2026-11-23T09:29:10+08:00");
        let item = AgendaItem {
            followup_id: 1,
            contact_id: 1,
            contact_name: "张三".into(),
            stage: "discover".into(),
            grade: None,
            due: arrived + chrono::TimeDelta::minutes(10),
            section: Section::NewLeads,
            track: Track::FirstResponse,
            action: "欢迎语".into(),
            script: None,
            urgency: 5.0,
            terms: Vec::new(),
            waiting_minutes: Some(1),
            waiting_since: Some(arrived),
            over_cap: 0,
        };
        assert_eq!(when(&item, &cx), "已等 2分钟");
    }
}
