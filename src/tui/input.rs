//! A text field edited by grapheme (an emoji with its modifier, a letter with its accent is
//! one step of the caret and one Backspace), measured in display columns so the terminal
//! cursor — and the IME window anchored to it — sits right after the last typed character.

use crate::domain::text::{strip_controls, width};
use unicode_segmentation::UnicodeSegmentation;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct TextInput {
    text: String,
    /// Caret as a byte offset, always on a grapheme boundary.
    caret: usize,
    /// Keeps line breaks (a note); a one-line field turns them into spaces.
    multiline: bool,
}

impl TextInput {
    pub fn multiline() -> TextInput {
        TextInput {
            multiline: true,
            ..TextInput::default()
        }
    }

    pub fn with(text: &str) -> TextInput {
        let mut t = TextInput::default();
        t.set(text);
        t
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn is_multiline(&self) -> bool {
        self.multiline
    }

    /// Replaces the text; the caret goes to its end.
    pub fn set(&mut self, text: &str) {
        self.text = self.clean(text);
        self.caret = self.text.len();
    }

    pub fn clear(&mut self) {
        self.text.clear();
        self.caret = 0;
    }

    /// What may enter the field: no control characters; line breaks kept only in a
    /// multi-line field (elsewhere they, and tabs, become spaces).
    fn clean(&self, s: &str) -> String {
        let s = s.replace("\r\n", "\n").replace('\r', "\n");
        let s: String = s
            .chars()
            .map(|c| match c {
                '\t' => ' ',
                '\n' if !self.multiline => ' ',
                c => c,
            })
            .collect();
        strip_controls(&s)
    }

    /// Types one character at the caret.
    pub fn insert(&mut self, c: char) {
        let mut buf = [0u8; 4];
        self.insert_str(c.encode_utf8(&mut buf));
    }

    /// Inserts text at the caret (typed, or pasted: a paste is text, never keys).
    pub fn insert_str(&mut self, s: &str) {
        let s = self.clean(s);
        if s.is_empty() {
            return;
        }
        self.text.insert_str(self.caret, &s);
        // A combining mark joins the grapheme before it: keep the caret on a boundary.
        self.caret = self.boundary_at_or_after(self.caret + s.len());
    }

    pub fn newline(&mut self) {
        if self.multiline {
            self.text.insert(self.caret, '\n');
            self.caret += 1;
        }
    }

    fn boundary_at_or_after(&self, at: usize) -> usize {
        self.text
            .grapheme_indices(true)
            .map(|(i, _)| i)
            .chain(std::iter::once(self.text.len()))
            .find(|&i| i >= at)
            .unwrap_or(self.text.len())
    }

    fn prev_boundary(&self) -> usize {
        self.text[..self.caret]
            .grapheme_indices(true)
            .next_back()
            .map_or(0, |(i, _)| i)
    }

    fn next_boundary(&self) -> usize {
        self.text[self.caret..]
            .graphemes(true)
            .next()
            .map_or(self.caret, |g| self.caret + g.len())
    }

    pub fn backspace(&mut self) {
        let from = self.prev_boundary();
        self.text.replace_range(from..self.caret, "");
        self.caret = from;
    }

    pub fn delete(&mut self) {
        let to = self.next_boundary();
        self.text.replace_range(self.caret..to, "");
    }

    /// Ctrl-U: everything from the start of the caret's line to the caret.
    pub fn kill_line(&mut self) {
        let from = self.text[..self.caret].rfind('\n').map_or(0, |i| i + 1);
        self.text.replace_range(from..self.caret, "");
        self.caret = from;
    }

    /// Ctrl-W: the word before the caret and the spaces after it. A word is a run of one
    /// kind: Chinese (and other wide) characters, letters and digits, or punctuation — so
    /// "约了周五 3pm" loses "3pm", then "约了周五". At the start of a line, the line break.
    pub fn kill_word(&mut self) {
        let before: Vec<(usize, &str)> = self.text[..self.caret].grapheme_indices(true).collect();
        let mut i = before.len();
        if i > 0 && before[i - 1].1 == "\n" {
            return self.backspace();
        }
        while i > 0 && word_kind(before[i - 1].1) == WordKind::Space {
            i -= 1;
        }
        if let Some(kind) = i.checked_sub(1).map(|j| word_kind(before[j].1)) {
            while i > 0 && word_kind(before[i - 1].1) == kind {
                i -= 1;
            }
        }
        let from = before.get(i).map_or(self.caret, |(at, _)| *at);
        self.text.replace_range(from..self.caret, "");
        self.caret = from;
    }

    pub fn left(&mut self) {
        self.caret = self.prev_boundary();
    }

    pub fn right(&mut self) {
        self.caret = self.next_boundary();
    }

    /// To the start of the caret's line.
    pub fn home(&mut self) {
        self.caret = self.text[..self.caret].rfind('\n').map_or(0, |i| i + 1);
    }

    /// To the end of the caret's line.
    pub fn end(&mut self) {
        self.caret = self.text[self.caret..]
            .find('\n')
            .map_or(self.text.len(), |i| self.caret + i);
    }

    /// Display columns from the start of the caret's line to the caret.
    pub fn caret_col(&self) -> usize {
        let line_start = self.text[..self.caret].rfind('\n').map_or(0, |i| i + 1);
        width(&self.text[line_start..self.caret])
    }

    /// The part of a one-line field that fits in `cols` columns with the caret in view,
    /// and the caret's column in it.
    pub fn window(&self, cols: usize) -> (String, usize) {
        let cols = cols.max(1);
        let before = &self.text[..self.caret];
        let after = &self.text[self.caret..];
        // Keep the caret in view: as much text before it as fits (leaving a column for
        // the caret itself), then what follows.
        let mut shown_before: Vec<&str> = Vec::new();
        let mut used = 0;
        for g in before.graphemes(true).rev() {
            let w = width(g);
            if used + w > cols - 1 {
                break;
            }
            used += w;
            shown_before.push(g);
        }
        shown_before.reverse();
        let caret = used;
        let mut out: String = shown_before.concat();
        for g in after.graphemes(true) {
            let w = width(g);
            if used + w > cols {
                break;
            }
            used += w;
            out.push_str(g);
        }
        (out, caret)
    }

    /// The text wrapped into lines of at most `cols` columns, and the caret's (row, column)
    /// in them (a multi-line field).
    pub fn wrapped(&self, cols: usize) -> (Vec<String>, (usize, usize)) {
        let cols = cols.max(2);
        let mut lines = vec![String::new()];
        let mut col = 0;
        let mut caret = (0, 0);
        let mut at = 0;
        for g in self.text.graphemes(true) {
            if at == self.caret {
                caret = (lines.len() - 1, col);
            }
            at += g.len();
            if g == "\n" {
                lines.push(String::new());
                col = 0;
                continue;
            }
            let w = width(g);
            if col + w > cols {
                lines.push(String::new());
                col = 0;
            }
            if let Some(last) = lines.last_mut() {
                last.push_str(g);
            }
            col += w;
        }
        if at == self.caret {
            if col >= cols {
                lines.push(String::new());
                col = 0;
            }
            caret = (lines.len() - 1, col);
        }
        (lines, caret)
    }
}

/// What a grapheme counts as for Ctrl-W; a line break ends every word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum WordKind {
    Space,
    Wide,
    Word,
    Other,
    Break,
}

fn word_kind(g: &str) -> WordKind {
    let Some(c) = g.chars().next() else {
        return WordKind::Other;
    };
    if g == "\n" {
        WordKind::Break
    } else if c.is_whitespace() {
        WordKind::Space
    } else if c.is_alphanumeric() && width(g) >= 2 {
        // 汉字, kana, hangul: a run of them is a word (Chinese has no spaces).
        WordKind::Wide
    } else if c.is_alphanumeric() || c == '_' {
        WordKind::Word
    } else {
        WordKind::Other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caret_counts_display_columns() {
        let mut t = TextInput::default();
        t.insert_str("张三a");
        assert_eq!(t.caret_col(), 5);
        t.left();
        assert_eq!(t.caret_col(), 4);
        t.insert('丰');
        assert_eq!(t.text(), "张三丰a");
        assert_eq!(t.caret_col(), 6);
        t.backspace();
        t.backspace();
        assert_eq!(t.text(), "张a");
        t.home();
        t.delete();
        assert_eq!((t.text(), t.caret_col()), ("a", 0));
        t.end();
        assert_eq!(t.caret_col(), 1);
    }

    #[test]
    fn graphemes_are_one_step() {
        // 👍🏽 is two code points, é here is e + a combining acute.
        let mut t = TextInput::with("a👍🏽e\u{301}");
        t.backspace();
        assert_eq!(t.text(), "a👍🏽");
        t.left();
        assert_eq!(t.caret_col(), 1);
        t.delete();
        assert_eq!(t.text(), "a");
        // A combining mark typed after a letter joins it; the caret stays after both.
        t.insert('e');
        t.insert('\u{301}');
        t.backspace();
        assert_eq!(t.text(), "a");
    }

    #[test]
    fn pasted_lines_become_spaces_in_one_line_fields_and_stay_in_notes() {
        let mut one = TextInput::default();
        one.insert_str("陈晨\r\n想了解课程\tqq号 12345\u{1b}[2J");
        assert_eq!(one.text(), "陈晨 想了解课程 qq号 12345");
        let mut note = TextInput::multiline();
        note.insert_str("第一行\r\n第二行");
        assert_eq!(note.text(), "第一行\n第二行");
        assert_eq!(note.caret_col(), 6);
        note.home();
        assert_eq!(note.caret_col(), 0);
        let (lines, caret) = note.wrapped(4);
        assert_eq!(lines, ["第一", "行", "第二", "行"]);
        assert_eq!(caret, (2, 0));
    }

    #[test]
    fn a_long_line_scrolls_to_keep_the_caret_in_view() {
        let t = TextInput::with("张三丰李四王五");
        let (shown, caret) = t.window(7);
        assert_eq!((shown.as_str(), caret), ("四王五", 6));
        let mut t = t;
        t.home();
        let (shown, caret) = t.window(7);
        assert_eq!((shown.as_str(), caret), ("张三丰", 0));
    }

    #[test]
    fn ctrl_w_takes_a_word_of_one_kind_and_ctrl_u_the_line_before_the_caret() {
        let mut t = TextInput::with("约了周五 3pm 见面");
        t.kill_word();
        assert_eq!(t.text(), "约了周五 3pm ");
        t.kill_word();
        assert_eq!(t.text(), "约了周五 ");
        t.kill_word();
        assert_eq!(t.text(), "");
        let mut t = TextInput::with("报价abc，");
        t.kill_word();
        assert_eq!(t.text(), "报价abc");
        t.kill_word();
        assert_eq!(t.text(), "报价");
        // In the middle: only what is before the caret goes.
        let mut t = TextInput::with("13800138000");
        t.left();
        t.kill_line();
        assert_eq!((t.text(), t.caret_col()), ("0", 0));
        let mut note = TextInput::multiline();
        note.insert_str("第一行\n第二行");
        note.kill_line();
        assert_eq!(note.text(), "第一行\n");
        note.kill_word();
        assert_eq!(note.text(), "第一行");
    }
}
