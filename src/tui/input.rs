//! A one-line text field with a caret, measured in display columns so the terminal cursor
//! (and the IME window anchored to it) sits right after the last typed character.

use crate::domain::text::width;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct TextInput {
    text: String,
    /// Caret position in characters (not bytes, not columns).
    caret: usize,
}

impl TextInput {
    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn set(&mut self, text: &str) {
        self.text = text.to_string();
        self.caret = self.text.chars().count();
    }

    fn byte_at(&self, chars: usize) -> usize {
        self.text
            .char_indices()
            .nth(chars)
            .map_or(self.text.len(), |(i, _)| i)
    }

    pub fn insert(&mut self, c: char) {
        if c.is_control() {
            return;
        }
        let at = self.byte_at(self.caret);
        self.text.insert(at, c);
        self.caret += 1;
    }

    pub fn insert_str(&mut self, s: &str) {
        for c in s.chars().filter(|c| !c.is_control()) {
            self.insert(c);
        }
    }

    pub fn backspace(&mut self) {
        if self.caret == 0 {
            return;
        }
        self.caret -= 1;
        let at = self.byte_at(self.caret);
        self.text.remove(at);
    }

    pub fn delete(&mut self) {
        if self.caret < self.text.chars().count() {
            let at = self.byte_at(self.caret);
            self.text.remove(at);
        }
    }

    pub fn left(&mut self) {
        self.caret = self.caret.saturating_sub(1);
    }

    pub fn right(&mut self) {
        self.caret = (self.caret + 1).min(self.text.chars().count());
    }

    pub fn home(&mut self) {
        self.caret = 0;
    }

    pub fn end(&mut self) {
        self.caret = self.text.chars().count();
    }

    /// Display columns from the start of the field to the caret.
    pub fn caret_col(&self) -> usize {
        width(&self.text[..self.byte_at(self.caret)])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caret_counts_display_columns() {
        let mut t = TextInput::default();
        for c in "张三a".chars() {
            t.insert(c);
        }
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
}
