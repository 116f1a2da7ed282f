//! The SOP pane beside the contact card: the whole stage (goal, every checklist item, the
//! exit criteria, the materials — scrolled when focused), its scripts and objection replies
//! filled in for the contact, and the selected one in full.

use super::{keep_in_view, wrap};
use crate::domain::text::{display_safe, truncate};
use crate::i18n::stage_name;
use crate::sop::render::{RenderedScript, RenderedStage};
use crate::tui::theme;
use crate::tui::view::Cx;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Paragraph, Wrap};
use std::cell::Cell;

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

pub fn items(stage: &RenderedStage, cx: &Cx) -> Vec<SopItem> {
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
            group: cx.s.scripts.to_string(),
            text: s.text.clone(),
        })
        .collect();
    items.extend(stage.objections.iter().map(|o| SopItem {
        script_id: o.id.clone(),
        title: o.customer.clone(),
        customer: Some(o.customer.clone()),
        group: crate::i18n::names::objection_kind(cx.lang, o.kind).to_string(),
        text: o.reply.clone(),
    }));
    items
}

/// The due follow-up's script from another stage, marked as such ("本次跟进 · 抛产品").
pub fn due_item(stage: crate::domain::Stage, s: &RenderedScript, cx: &Cx) -> SopItem {
    SopItem {
        script_id: s.id.clone(),
        title: match &s.when {
            Some(w) => format!("{} · {w}", s.title),
            None => s.title.clone(),
        },
        customer: None,
        group: format!("{} · {}", cx.t.due_script, stage_name(cx.lang, stage)),
        text: s.text.clone(),
    }
}

/// Where the pane is: the selected item and how far the stage guide is scrolled.
#[derive(Debug, Default)]
pub struct SopState {
    pub selected: usize,
    pub guide_scroll: usize,
    list_top: Cell<usize>,
    /// Lines the guide has, and how many show (set when drawn), to stop the scroll.
    guide_lines: Cell<(usize, usize)>,
}

impl SopState {
    pub fn scroll_guide(&mut self, by: isize) {
        let (total, shown) = self.guide_lines.get();
        let max = total.saturating_sub(shown);
        self.guide_scroll = (self.guide_scroll as isize + by).clamp(0, max as isize) as usize;
    }
}

/// Which part of the pane has the keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PaneFocus {
    Items,
    Guide,
    /// Neither (the card's timeline has them).
    Off,
}

/// The stage guide as lines of at most `cols` columns: goal, checklist, exit criteria,
/// materials.
fn guide(stage: &RenderedStage, cols: usize, cx: &Cx) -> Vec<Line<'static>> {
    let t = cx.t;
    let mut lines = Vec::new();
    let mut add = |text: String, style: ratatui::style::Style| {
        for l in wrap(&display_safe(&text, false), cols) {
            lines.push(Line::styled(l, style));
        }
    };
    add(format!("{}{}", cx.s.goal, stage.goal), theme::title());
    for (title, mark, items) in [
        (t.checklist, "□", &stage.checklist),
        (t.exit_criteria, "→", &stage.exit),
        (t.materials, "·", &stage.materials),
    ] {
        if items.is_empty() {
            continue;
        }
        add(title.to_string(), theme::dim());
        for item in items {
            add(format!("{mark} {item}"), ratatui::style::Style::new());
        }
    }
    lines
}

pub fn draw(
    frame: &mut Frame,
    area: Rect,
    stage: &RenderedStage,
    items: &[SopItem],
    st: &SopState,
    focus: PaneFocus,
    cx: &Cx,
) {
    let s = cx.s;
    // The template names its stages in its own words (Chinese); an English screen names
    // the stage in English, as every other label on it does.
    let stage_label = match cx.lang {
        crate::config::Lang::Zh => display_safe(&stage.name, false).into_owned(),
        crate::config::Lang::En => stage_name(cx.lang, stage.stage).to_string(),
    };
    let mut block = Block::bordered()
        .border_type(BorderType::Rounded)
        .title(Span::styled(
            format!(" {} · {stage_label} ", s.sop_pane),
            theme::title(),
        ));
    if focus != PaneFocus::Off {
        block = block.border_style(theme::focused_border());
    }
    let inner = block.inner(area);
    frame.render_widget(block, area);

    let guide_h = (inner.height / 3).max(3);
    let preview_h = (inner.height / 3).clamp(4, 14);
    let [head, list, preview] = Layout::vertical([
        Constraint::Length(guide_h),
        Constraint::Min(2),
        Constraint::Length(preview_h),
    ])
    .areas(inner);

    // The guide, wrapped, scrolled; a marker says when more is below.
    let lines = guide(stage, head.width as usize, cx);
    let total = lines.len();
    // When the guide does not fit, its last line is the marker's own (drawn over text, it
    // hid the end of a checklist item).
    let h = head.height as usize;
    let room = if total > h { h.saturating_sub(1) } else { h };
    st.guide_lines.set((total, room));
    let scroll = st.guide_scroll.min(total.saturating_sub(room));
    let shown: Vec<Line> = lines.into_iter().skip(scroll).take(room).collect();
    frame.render_widget(Paragraph::new(shown), head);
    if total > scroll + room {
        let more = format!(" {} ", cx.t.more_below);
        let w = crate::domain::text::width(&more) as u16;
        let at = Rect::new(
            head.right().saturating_sub(w),
            head.bottom() - 1,
            w.min(head.width),
            1,
        );
        let style = if focus == PaneFocus::Guide {
            theme::selected()
        } else {
            theme::key()
        };
        frame.render_widget(Paragraph::new(Span::styled(more, style)), at);
    }

    let height = list.height as usize;
    let top = keep_in_view(st.selected, st.list_top.get(), height, items.len());
    st.list_top.set(top);
    let w = list.width as usize;
    let rows: Vec<Line> = items
        .iter()
        .enumerate()
        .skip(top)
        .take(height)
        .map(|(i, item)| {
            let label = format!("{} · {}", item.group, display_safe(&item.title, false));
            let text = truncate(&label, w);
            if i == st.selected {
                let style = if focus == PaneFocus::Items {
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
    frame.render_widget(
        Paragraph::new(rows).block(
            Block::default()
                .borders(Borders::TOP)
                .border_style(theme::dim())
                .title(Span::styled(
                    format!(" {} ", cx.t.scripts_and_replies),
                    theme::dim(),
                )),
        ),
        list,
    );

    if let Some(item) = items.get(st.selected) {
        let mut text = Vec::new();
        if let Some(c) = &item.customer {
            text.push(Line::styled(
                format!("{}{}", s.customer_says, display_safe(c, false)),
                theme::dim(),
            ));
        }
        // Scripts are often several lines; each becomes its own line on screen.
        text.extend(
            display_safe(&item.text, true)
                .lines()
                .map(|l| Line::raw(l.to_string())),
        );
        let block = Block::default()
            .borders(Borders::TOP)
            .border_style(theme::dim())
            .title(if cx.read_only {
                // An audit reads the words; it copies and logs nothing.
                Span::styled(format!(" {} ", cx.t.script_text), theme::dim())
            } else {
                Span::styled(format!(" y {} ", s.key_copy), theme::key())
            });
        frame.render_widget(
            Paragraph::new(text).block(block).wrap(Wrap { trim: false }),
            preview,
        );
    }
}
