//! The SOP pane beside the contact card: the stage's goal and checklist, its scripts and
//! objection replies filled in for the contact, and the selected one in full.

use super::{ViewCtx, scroll_offset};
use crate::domain::text::truncate;
use crate::sop::render::RenderedStage;
use crate::tui::theme;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Paragraph, Wrap};

/// One copyable entry: a script, or the reply to an objection.
#[derive(Debug, Clone, PartialEq)]
pub struct SopItem {
    pub script_id: String,
    pub title: String,
    /// The customer's words, for an objection.
    pub customer: Option<String>,
    pub group: String,
    pub text: String,
}

#[derive(Debug, Clone)]
pub struct SopPane {
    pub stage: RenderedStage,
    pub items: Vec<SopItem>,
    pub selected: usize,
}

impl SopPane {
    pub fn new(stage: RenderedStage, scripts_label: &str) -> Self {
        let mut items: Vec<SopItem> = stage
            .scripts
            .iter()
            .map(|s| SopItem {
                script_id: s.id.clone(),
                title: match &s.when {
                    Some(w) => format!("{} · {w}", s.title),
                    None => s.title.clone(),
                },
                customer: None,
                group: scripts_label.to_string(),
                text: s.text.clone(),
            })
            .collect();
        items.extend(stage.objections.iter().map(|o| SopItem {
            script_id: o.id.clone(),
            title: o.customer.clone(),
            customer: Some(o.customer.clone()),
            group: o.kind.zh().to_string(),
            text: o.reply.clone(),
        }));
        SopPane {
            stage,
            items,
            selected: 0,
        }
    }

    pub fn current(&self) -> Option<&SopItem> {
        self.items.get(self.selected)
    }

    /// Selects the script with this id, if the pane has it.
    pub fn select(&mut self, script_id: &str) {
        if let Some(i) = self.items.iter().position(|x| x.script_id == script_id) {
            self.selected = i;
        }
    }

    pub fn up(&mut self) {
        self.selected = self.selected.saturating_sub(1);
    }

    pub fn down(&mut self) {
        self.selected = (self.selected + 1).min(self.items.len().saturating_sub(1));
    }
}

pub fn draw(frame: &mut Frame, area: Rect, pane: &SopPane, focused: bool, cx: &ViewCtx) {
    let s = cx.s;
    let mut block = Block::bordered()
        .border_type(BorderType::Rounded)
        .title(Span::styled(
            format!(" {} · {} ", s.sop_pane, pane.stage.name),
            theme::title(),
        ));
    if focused {
        block = block.border_style(theme::focused_border());
    }
    let inner = block.inner(area);
    frame.render_widget(block, area);

    let checklist_h = (pane.stage.checklist.len() as u16 + 1).min(5);
    let preview_h = (inner.height / 3).clamp(4, 9);
    let [head, list, preview] = Layout::vertical([
        Constraint::Length(checklist_h),
        Constraint::Min(2),
        Constraint::Length(preview_h),
    ])
    .areas(inner);

    let w = head.width as usize;
    let mut lines = vec![Line::from(vec![
        Span::styled(format!("{}：", s.goal), theme::dim()),
        Span::raw(truncate(&pane.stage.goal, w.saturating_sub(6))),
    ])];
    for item in pane.stage.checklist.iter().take(checklist_h as usize - 1) {
        lines.push(Line::raw(truncate(&format!("□ {item}"), w)));
    }
    frame.render_widget(Paragraph::new(lines), head);

    let height = list.height as usize;
    let offset = scroll_offset(pane.selected, height);
    let w = list.width as usize;
    let rows: Vec<Line> = pane
        .items
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .map(|(i, item)| {
            let label = format!("{} [{}] {}", item.group, item.script_id, item.title);
            let text = truncate(&label, w);
            if i == pane.selected {
                Line::styled(
                    text,
                    if focused {
                        theme::selected()
                    } else {
                        theme::key()
                    },
                )
            } else {
                Line::raw(text)
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(rows), list);

    if let Some(item) = pane.current() {
        let mut text = Vec::new();
        if let Some(c) = &item.customer {
            text.push(Line::styled(
                format!("{}{c}", s.customer_says),
                theme::dim(),
            ));
        }
        // Scripts are often several lines; each becomes its own line on screen.
        text.extend(item.text.lines().map(|l| Line::raw(l.to_string())));
        let block = Block::default()
            .borders(Borders::TOP)
            .border_style(theme::dim())
            .title(Span::styled(format!(" y {} ", s.key_copy), theme::key()));
        frame.render_widget(
            Paragraph::new(text).block(block).wrap(Wrap { trim: false }),
            preview,
        );
    }
}
