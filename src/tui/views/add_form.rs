//! The quick-capture form for a new lead: name + source + need is enough.

use super::{ViewCtx, centered, clear_for_overlay};
use crate::domain::text::{pad, width};
use crate::domain::{Grade, NewContact};
use crate::i18n::Strings;
use crate::tui::input::TextInput;
use crate::tui::theme;
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Name,
    Honorific,
    Source,
    Need,
    Budget,
    Grade,
    Phone,
    Wechat,
}

impl Field {
    pub const ALL: [Field; 8] = [
        Field::Name,
        Field::Honorific,
        Field::Source,
        Field::Need,
        Field::Budget,
        Field::Grade,
        Field::Phone,
        Field::Wechat,
    ];

    fn label(self, s: &Strings) -> &'static str {
        match self {
            Field::Name => s.col_name,
            Field::Honorific => s.honorific,
            Field::Source => s.col_source,
            Field::Need => s.col_need,
            Field::Budget => s.col_budget,
            Field::Grade => s.col_grade,
            Field::Phone => s.phone,
            Field::Wechat => s.wechat,
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct FormState {
    pub inputs: [TextInput; 8],
    pub focus: usize,
    pub error: Option<String>,
}

impl FormState {
    pub fn current(&mut self) -> &mut TextInput {
        &mut self.inputs[self.focus]
    }

    pub fn next(&mut self) {
        self.focus = (self.focus + 1) % Field::ALL.len();
    }

    pub fn prev(&mut self) {
        self.focus = (self.focus + Field::ALL.len() - 1) % Field::ALL.len();
    }

    fn value(&self, f: Field) -> Option<String> {
        let i = Field::ALL.iter().position(|x| *x == f).unwrap_or(0);
        crate::domain::contact::clean(self.inputs[i].text())
    }

    /// The contact the form describes, or what is wrong with it.
    pub fn to_new_contact(&self, s: &Strings) -> Result<NewContact, String> {
        let name = self
            .value(Field::Name)
            .ok_or_else(|| s.name_required.to_string())?;
        let grade = self
            .value(Field::Grade)
            .map(|g| g.parse::<Grade>().map_err(|e| e.to_string()))
            .transpose()?;
        Ok(NewContact {
            name,
            honorific: self.value(Field::Honorific),
            phone: self.value(Field::Phone),
            wechat: self.value(Field::Wechat),
            source: self.value(Field::Source),
            need: self.value(Field::Need),
            budget: self.value(Field::Budget),
            grade,
            ..NewContact::default()
        })
    }
}

const LABEL_W: usize = 8;

pub fn draw(frame: &mut Frame, area: Rect, state: &FormState, cx: &ViewCtx) {
    let s = cx.s;
    let area = centered(area, 56, Field::ALL.len() as u16 + 5);
    clear_for_overlay(frame, area);
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(theme::focused_border())
        .title(Span::styled(format!(" {} ", s.add_title), theme::title()));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let field_w = (inner.width as usize).saturating_sub(LABEL_W + 1);
    let mut lines: Vec<Line> = Vec::new();
    for (i, field) in Field::ALL.iter().enumerate() {
        let label = if *field == Field::Name {
            format!("{}*", field.label(s))
        } else {
            field.label(s).to_string()
        };
        let style = if i == state.focus {
            theme::key()
        } else {
            theme::dim()
        };
        lines.push(Line::from(vec![
            Span::styled(pad(&label, LABEL_W), style),
            Span::raw(" "),
            Span::raw(tail_fit(state.inputs[i].text(), field_w)),
        ]));
    }
    lines.push(Line::raw(""));
    match &state.error {
        Some(e) => lines.push(Line::styled(e.clone(), theme::error())),
        None => lines.push(Line::styled(s.add_hint, theme::dim())),
    }
    frame.render_widget(Paragraph::new(lines), inner);

    // Put the terminal cursor at the caret's display column: IME windows anchor to it.
    let input = &state.inputs[state.focus];
    let col = input.caret_col().min(field_w);
    let visible_shift = width(input.text()).saturating_sub(field_w);
    let x = inner.x + (LABEL_W + 1 + col.saturating_sub(visible_shift)) as u16;
    let y = inner.y + state.focus as u16;
    frame.set_cursor_position(Position::new(x.min(inner.right().saturating_sub(1)), y));
}

/// Shows the end of a long value (where the typing happens).
fn tail_fit(text: &str, cols: usize) -> String {
    if width(text) <= cols {
        return text.to_string();
    }
    let mut out: Vec<char> = Vec::new();
    let mut used = 0;
    for c in text.chars().rev() {
        let w = width(c.encode_utf8(&mut [0; 4]));
        if used + w > cols {
            break;
        }
        used += w;
        out.push(c);
    }
    out.into_iter().rev().collect()
}
