//! A form: labelled fields (one line, several lines, or a choice that may also be typed),
//! edited by grapheme. Enter moves to the next field and saves on the last; Ctrl-S saves
//! from anywhere; Esc asks before throwing typed text away (the view decides).

use super::input::TextInput;
use super::jobs::{Data, Ticket};
use super::registry::Action;
use super::theme;
use super::view::{Cx, Effect};
use super::views::{centered, clear_for_overlay};
use crate::domain::text::{display_safe, pad, truncate, width};
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph};

#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    Line,
    /// Several lines (a note): this many rows on screen.
    Text(u16),
    /// One of `options`; with `typed`, any text too. ↑/↓ step through the options that
    /// match what was typed.
    Choice {
        options: Vec<String>,
        typed: bool,
    },
}

#[derive(Debug, Clone)]
pub struct Field {
    pub label: &'static str,
    pub required: bool,
    pub kind: Kind,
    pub input: TextInput,
    /// What was typed (the options shown match it); stepping through them leaves it.
    filter: String,
    /// The value is an option just picked with ↑/↓: typing replaces it, not extends it.
    picked: bool,
    initial: String,
}

impl Field {
    pub fn line(label: &'static str, value: &str) -> Field {
        Field::new(label, Kind::Line, value)
    }

    pub fn text(label: &'static str, rows: u16, value: &str) -> Field {
        Field::new(label, Kind::Text(rows), value)
    }

    pub fn choice(label: &'static str, options: Vec<String>, typed: bool, value: &str) -> Field {
        Field::new(label, Kind::Choice { options, typed }, value)
    }

    fn new(label: &'static str, kind: Kind, value: &str) -> Field {
        let mut input = if matches!(kind, Kind::Text(_)) {
            TextInput::multiline()
        } else {
            TextInput::default()
        };
        input.set(value);
        Field {
            label,
            required: false,
            kind,
            input,
            filter: String::new(),
            picked: false,
            initial: value.to_string(),
        }
    }

    pub fn required(mut self) -> Field {
        self.required = true;
        self
    }

    pub fn value(&self) -> &str {
        self.input.text()
    }

    /// The value the field started with.
    pub fn initial(&self) -> &str {
        &self.initial
    }

    /// Offers other options (read after the form opened).
    pub fn set_options(&mut self, more: Vec<String>) {
        if let Kind::Choice { options, .. } = &mut self.kind {
            for o in more {
                if !options.contains(&o) {
                    options.push(o);
                }
            }
        }
    }

    /// Offers `option` as the value: typing replaces it, as it replaces one picked with ↑/↓
    /// (a suggestion is not the start of what the rep types).
    pub fn suggest(&mut self, option: &str) {
        self.input.set(option);
        self.picked = true;
    }

    /// Sets the value as loaded (not a change the rep made).
    pub fn load(&mut self, value: &str) {
        self.input.set(value);
        self.initial = value.to_string();
    }

    fn rows(&self) -> u16 {
        match self.kind {
            Kind::Text(rows) => rows,
            _ => 1,
        }
    }

    /// The options matching what was typed.
    pub fn matches(&self) -> Vec<&str> {
        let Kind::Choice { options, .. } = &self.kind else {
            return Vec::new();
        };
        let f = self.filter.to_lowercase();
        options
            .iter()
            .filter(|o| f.is_empty() || o.to_lowercase().contains(&f))
            .map(String::as_str)
            .collect()
    }

    fn step(&mut self, forward: bool) {
        let matches: Vec<String> = self.matches().into_iter().map(String::from).collect();
        if matches.is_empty() {
            return;
        }
        let at = matches.iter().position(|m| m == self.input.text());
        let next = match (at, forward) {
            (None, true) => 0,
            (None, false) => matches.len() - 1,
            (Some(i), true) => (i + 1) % matches.len(),
            (Some(i), false) => (i + matches.len() - 1) % matches.len(),
        };
        self.input.set(&matches[next]);
        self.picked = true;
    }

    /// Before typing into a typed choice: a picked option gives way to what is typed.
    fn unpick(&mut self) {
        if std::mem::take(&mut self.picked) {
            self.input.set("");
        }
    }

    /// On a choice that takes no typing, a character picks the next option that starts
    /// with it (or, failing that, holds it): `b` for grade B, 选 for 选了别家.
    fn pick_by(&mut self, c: char) {
        let Kind::Choice { options, .. } = &self.kind else {
            return;
        };
        let want: String = c.to_lowercase().collect();
        let at = options.iter().position(|o| o == self.input.text());
        let after = |i: usize| at.is_none_or(|a| i > a);
        let order: Vec<usize> = (0..options.len())
            .filter(|i| after(*i))
            .chain((0..options.len()).filter(|i| !after(*i)))
            .collect();
        let lower = |i: usize| options[i].to_lowercase();
        let found = order
            .iter()
            .find(|i| lower(**i).starts_with(&want))
            .or_else(|| order.iter().find(|i| lower(**i).contains(&want)));
        if let Some(&i) = found {
            let v = options[i].clone();
            self.input.set(&v);
        }
    }

    fn typable(&self) -> bool {
        !matches!(self.kind, Kind::Choice { typed: false, .. })
    }
}

/// What a key did to the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    None,
    Save,
    Cancel,
}

#[derive(Debug, Clone)]
pub struct Form {
    pub title: String,
    pub fields: Vec<Field>,
    pub focus: usize,
    pub error: Option<String>,
    /// The write this form is waiting for.
    pub saving: Option<Ticket>,
    /// A line under the fields (what the form does, what is accepted).
    pub note: Option<String>,
    /// Columns of the box.
    pub width: u16,
}

impl Form {
    pub fn new(title: String, fields: Vec<Field>) -> Form {
        Form {
            title,
            fields,
            focus: 0,
            error: None,
            saving: None,
            note: None,
            width: 64,
        }
    }

    pub fn value(&self, i: usize) -> &str {
        self.fields[i].value()
    }

    /// Something was typed that closing would lose.
    pub fn unsaved(&self) -> bool {
        self.fields.iter().any(|f| f.input.text() != f.initial)
    }

    pub fn handle(&mut self, action: Action) -> Outcome {
        let last = self.fields.len().saturating_sub(1);
        let field = &mut self.fields[self.focus];
        // Esc keeps the error: asked whether to discard and answering no, the rep must
        // still see why the save failed.
        if !matches!(action, Action::None | Action::Back) {
            self.error = None;
        }
        match action {
            Action::Back => return Outcome::Cancel,
            Action::Save => return Outcome::Save,
            Action::Submit if self.focus == last => return Outcome::Save,
            Action::Submit | Action::NextField => self.focus = (self.focus + 1).min(last),
            Action::PrevField => self.focus = self.focus.saturating_sub(1),
            Action::Down | Action::Up if matches!(field.kind, Kind::Choice { .. }) => {
                field.step(action == Action::Down)
            }
            Action::Down => self.focus = (self.focus + 1).min(last),
            Action::Up => self.focus = self.focus.saturating_sub(1),
            Action::Newline => field.input.newline(),
            Action::Type(c) if !field.typable() => field.pick_by(c),
            Action::Type(c) if field.typable() => {
                field.unpick();
                field.input.insert(c);
                field.filter = field.input.text().to_string();
            }
            Action::Backspace if field.typable() && field.picked => {
                field.unpick();
                field.filter.clear();
            }
            Action::Backspace if field.typable() => {
                field.input.backspace();
                field.filter = field.input.text().to_string();
            }
            Action::Delete if field.typable() => {
                field.input.delete();
                field.filter = field.input.text().to_string();
            }
            Action::KillLine | Action::KillWord if field.typable() => {
                field.unpick();
                if action == Action::KillLine {
                    field.input.kill_line();
                } else {
                    field.input.kill_word();
                }
                field.filter = field.input.text().to_string();
            }
            Action::CaretLeft if !field.typable() => field.step(false),
            Action::CaretRight if !field.typable() => field.step(true),
            Action::CaretLeft | Action::CaretRight | Action::CaretHome | Action::CaretEnd => {
                // Moving the caret into a picked option means editing it.
                field.picked = false;
                match action {
                    Action::CaretLeft => field.input.left(),
                    Action::CaretRight => field.input.right(),
                    Action::CaretHome => field.input.home(),
                    _ => field.input.end(),
                }
            }
            _ => {}
        }
        Outcome::None
    }

    /// Pasted text goes into the focused field as text.
    pub fn paste(&mut self, text: &str) {
        let field = &mut self.fields[self.focus];
        if field.typable() {
            field.unpick();
            field.input.insert_str(text);
            field.filter = field.input.text().to_string();
        }
    }

    /// Closes the form, asking first when typed text would be lost.
    pub fn cancel(&self, cx: &Cx) -> Effect {
        if self.unsaved() {
            Effect::Push(Box::new(super::views::confirm::Confirm::new(
                cx.t.discard_question,
                Effect::Pop,
            )))
        } else {
            Effect::Pop
        }
    }

    /// How the write this form asked for went: closed on success, the error shown in the
    /// form otherwise. `None` when the ticket is not this form's.
    pub fn saved(&mut self, ticket: Ticket, result: &Result<Data, String>) -> Option<Effect> {
        if self.saving != Some(ticket) {
            return None;
        }
        self.saving = None;
        match result {
            Ok(_) => Some(Effect::Pop),
            Err(e) => {
                self.error = Some(e.clone());
                Some(Effect::None)
            }
        }
    }

    /// Height of the box for its fields (and an error on as many lines as it needs).
    fn height(&self) -> u16 {
        let rows: u16 = self.fields.iter().map(Field::rows).sum();
        let error = self
            .error_lines(self.width.saturating_sub(2) as usize)
            .len()
            .max(1);
        let note = self.note_lines(self.width.saturating_sub(2) as usize).len() as u16;
        rows + 1 + 4 + note + error as u16 - 1
    }

    /// The note wrapped between words (an English hint cut mid-word read wrong), two lines
    /// at most.
    fn note_lines(&self, w: usize) -> Vec<String> {
        let Some(note) = &self.note else {
            return Vec::new();
        };
        let mut lines = crate::tui::views::confirm::wrap_text(note, w);
        if lines.len() > 2 {
            let rest = lines.split_off(1).join(" ");
            lines.push(truncate(&rest, w));
        }
        lines
    }

    /// The error wrapped to `w` columns, three lines at most (the last cut with '…'): an
    /// error says what is accepted, and that part is at its end.
    fn error_lines(&self, w: usize) -> Vec<String> {
        let Some(e) = &self.error else {
            return Vec::new();
        };
        // An error may quote the book (a tag, a name): through the sanitiser like any text.
        let e = display_safe(e, false);
        let mut rest = e.as_ref();
        let mut out = Vec::new();
        while !rest.is_empty() && out.len() < 3 && w > 0 {
            let (line, more) = crate::domain::text::split_at_width(rest, w);
            if line.is_empty() {
                break;
            }
            let last = out.len() == 2 && !more.is_empty();
            out.push(if last {
                truncate(rest, w)
            } else {
                line.to_string()
            });
            rest = more;
        }
        out
    }

    pub fn draw(&self, frame: &mut Frame, area: Rect, cx: &Cx) {
        let area = centered(area, self.width, self.height());
        clear_for_overlay(frame, area);
        let block = Block::bordered()
            .border_type(BorderType::Rounded)
            .border_style(theme::focused_border())
            .title(Span::styled(
                format!(" {} ", display_safe(&self.title, false)),
                theme::title(),
            ));
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let label_w = self
            .fields
            .iter()
            .map(|f| width(f.label) + 1)
            .max()
            .unwrap_or(6)
            .min(12);
        let field_w = (inner.width as usize).saturating_sub(label_w + 1).max(1);
        let mut lines: Vec<Line> = Vec::new();
        let mut cursor = None;
        for (i, f) in self.fields.iter().enumerate() {
            let focused = i == self.focus;
            let label = if f.required {
                format!("{}*", f.label)
            } else {
                f.label.to_string()
            };
            let style = if focused { theme::key() } else { theme::dim() };
            let y0 = lines.len() as u16;
            match f.kind {
                Kind::Text(rows) => {
                    let (wrapped, (crow, ccol)) = f.input.wrapped(field_w);
                    let first = (crow + 1).saturating_sub(rows as usize);
                    for r in 0..rows as usize {
                        let text = wrapped.get(first + r).cloned().unwrap_or_default();
                        let head = if r == 0 {
                            pad(&label, label_w)
                        } else {
                            pad("", label_w)
                        };
                        lines.push(Line::from(vec![
                            Span::styled(head, style),
                            Span::raw(" "),
                            Span::raw(text),
                        ]));
                    }
                    if focused {
                        cursor = Some((ccol, y0 + (crow - first) as u16));
                    }
                }
                _ => {
                    let (shown, ccol) = f.input.window(field_w);
                    let mut spans = vec![
                        Span::styled(pad(&label, label_w), style),
                        Span::raw(" "),
                        Span::raw(shown),
                    ];
                    if matches!(f.kind, Kind::Choice { .. }) && focused {
                        spans.push(Span::styled(" ▾", theme::dim()));
                    }
                    lines.push(Line::from(spans));
                    if focused {
                        cursor = Some((ccol, y0));
                    }
                }
            }
        }
        lines.push(Line::raw(""));
        // The focused choice's options, the current one marked.
        let current = &self.fields[self.focus];
        // Options are contact text too (a book's loss reasons): shown through the sanitiser.
        let shown: Vec<String> = current
            .matches()
            .into_iter()
            .map(|o| display_safe(o, false).into_owned())
            .collect();
        let options: Vec<&str> = shown.iter().map(String::as_str).collect();
        let current_shown = display_safe(current.value(), false);
        if !options.is_empty() {
            // The label whole ("Options" is wider than the fields' labels in English).
            let opt_w = (label_w + 1).max(width(cx.t.options) + 1);
            let mut spans = vec![Span::styled(pad(cx.t.options, opt_w), theme::dim())];
            // As many as fit, the current one always among them; ‹ › where more are.
            let room = (inner.width as usize).saturating_sub(opt_w);
            let selected = options.iter().position(|o| *o == current_shown);
            let (start, end) = option_window(&options, selected, room);
            if start > 0 {
                spans.push(Span::styled("‹ ", theme::dim()));
            }
            for o in &options[start..end] {
                let style = if *o == current_shown {
                    theme::selected()
                } else {
                    theme::dim()
                };
                spans.push(Span::styled(o.to_string(), style));
                spans.push(Span::raw(" "));
            }
            if end < options.len() {
                spans.push(Span::styled("›", theme::dim()));
            }
            lines.push(Line::from(spans));
        } else {
            lines.push(Line::raw(""));
        }
        for note in self.note_lines(inner.width as usize) {
            lines.push(Line::styled(note, theme::dim()));
        }
        match &self.error {
            Some(_) => {
                for line in self.error_lines(inner.width as usize) {
                    lines.push(Line::styled(line, theme::error()));
                }
            }
            None if self.saving.is_some() => lines.push(Line::styled(cx.t.saving, theme::dim())),
            None => lines.push(Line::styled(cx.t.form_hint, theme::dim())),
        }
        frame.render_widget(Paragraph::new(lines), inner);
        // The terminal cursor at the caret: an IME's candidate window opens there.
        if let Some((col, row)) = cursor {
            let x = inner.x + (label_w + 1 + col) as u16;
            frame.set_cursor_position(Position::new(
                x.min(inner.right().saturating_sub(1)),
                (inner.y + row).min(inner.bottom().saturating_sub(1)),
            ));
        }
    }
}

/// The options `[start, end)` a row of `room` columns shows: from the first, or moved on
/// just enough that `selected` is among them; two columns kept for each of the ‹ and ›
/// marks where options are left out.
fn option_window(options: &[&str], selected: Option<usize>, room: usize) -> (usize, usize) {
    let fits = |start: usize| {
        let mut used = if start > 0 { 2 } else { 0 };
        let mut end = start;
        while end < options.len() {
            let w = crate::domain::text::width(options[end]) + 1;
            let more = if end + 1 < options.len() { 2 } else { 0 };
            if used + w + more > room && end > start {
                break;
            }
            used += w;
            end += 1;
        }
        end
    };
    let mut start = 0;
    let mut end = fits(start);
    while let Some(sel) = selected
        && sel >= end
        && start < sel
    {
        start += 1;
        end = fits(start);
    }
    (start, end)
}

#[cfg(test)]
#[path = "form_tests.rs"]
mod tests;
