//! Errors in a template file, each with its file, line and column.

use std::fmt;
use std::ops::Range;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub file: String,
    pub line: usize,
    pub col: usize,
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.file, self.line, self.col, self.message
        )
    }
}

/// Turns byte offsets in one file's text into diagnostics.
pub struct Reporter<'a> {
    pub file: &'a str,
    pub source: &'a str,
    pub found: Vec<Diagnostic>,
    /// Problems that do not stop the template from working (a placeholder that would fall
    /// back to generic words): `template check` shows them.
    pub warnings: Vec<Diagnostic>,
}

impl<'a> Reporter<'a> {
    pub fn new(file: &'a str, source: &'a str) -> Self {
        Reporter {
            file,
            source,
            found: Vec::new(),
            warnings: Vec::new(),
        }
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn position(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.source.len());
        let offset = (0..=offset)
            .rev()
            .find(|o| self.source.is_char_boundary(*o))
            .unwrap_or(0);
        let before = &self.source[..offset];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let col = self.source[line_start..offset].chars().count() + 1;
        (line, col)
    }

    pub fn at(&mut self, offset: usize, message: impl Into<String>) {
        let (line, col) = self.position(offset);
        self.found.push(Diagnostic {
            file: self.file.to_string(),
            line,
            col,
            message: message.into(),
        });
    }

    pub fn span(&mut self, span: Range<usize>, message: impl Into<String>) {
        self.at(span.start, message);
    }

    pub fn warn_at(&mut self, offset: usize, message: impl Into<String>) {
        let (line, col) = self.position(offset);
        self.warnings.push(Diagnostic {
            file: self.file.to_string(),
            line,
            col,
            message: format!("warning: {}", message.into()),
        });
    }

    /// Offset in the file of byte `at` inside the string value written at `span`: exact when
    /// the value is written without escapes, else the start of the value.
    pub fn inside_string(&self, span: Range<usize>, value: &str, at: usize) -> usize {
        let raw = self.source.get(span.clone()).unwrap_or("");
        let mut prefix = ["\"\"\"", "'''", "\"", "'"]
            .iter()
            .find(|q| raw.starts_with(**q))
            .map_or(0, |q| q.len());
        // A newline right after an opening triple quote is not part of the value.
        if prefix == 3 {
            if raw[prefix..].starts_with("\r\n") {
                prefix += 2;
            } else if raw[prefix..].starts_with('\n') {
                prefix += 1;
            }
        }
        match raw.get(prefix..prefix + value.len()) {
            Some(body) if body == value => span.start + prefix + at,
            _ => span.start,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_columns_count_characters() {
        let src = "a = 1\n名字 = \"张三\"\n";
        let r = Reporter::new("t.toml", src);
        assert_eq!(r.position(0), (1, 1));
        assert_eq!(r.position(6), (2, 1));
        let quote = src.find('"').unwrap();
        assert_eq!(r.position(quote), (2, 6));
    }

    #[test]
    fn offsets_inside_strings() {
        let src = "t = \"你好{x}\"\nu = \"\"\"\nab{x}\"\"\"";
        let r = Reporter::new("t.toml", src);
        let s1 = src.find('"').unwrap()..src.find('\n').unwrap();
        let at = r.inside_string(s1, "你好{x}", "你好".len());
        assert_eq!(r.position(at), (1, 8));
        let start = src.find("\"\"\"").unwrap();
        let at = r.inside_string(start..src.len(), "ab{x}", 2);
        assert_eq!(r.position(at), (3, 3));
    }

    #[test]
    fn a_newline_after_an_opening_triple_quote_is_skipped_crlf_too() {
        let src = "u = \"\"\"\r\nab{x}\"\"\"\r\n";
        let r = Reporter::new("t.toml", src);
        let start = src.find("\"\"\"").unwrap();
        let end = src.rfind("\"\"\"").unwrap() + 3;
        let at = r.inside_string(start..end, "ab{x}", 2);
        assert_eq!(at, src.find('{').unwrap());
        assert_eq!(r.position(at), (2, 3));
    }

    #[test]
    fn a_value_written_with_escapes_points_at_its_start() {
        // The value `a"b{x}` is written `"a\"b{x}"`: byte offsets inside the value no longer
        // match the file, so the diagnostic goes to the opening quote.
        let src = "t = \"a\\\"b{x}\"\n";
        let r = Reporter::new("t.toml", src);
        let start = src.find('"').unwrap();
        let end = src.rfind('"').unwrap() + 1;
        let at = r.inside_string(start..end, "a\"b{x}", 3);
        assert_eq!(at, start);
        assert_eq!(r.position(at), (1, 5));
    }

    #[test]
    fn warnings_are_kept_apart_from_errors_and_say_so() {
        let src = "a = 1\nb = \"{budget}\"\n";
        let mut r = Reporter::new("t.toml", src);
        r.warn_at(src.find('{').unwrap(), "no fallback");
        r.span(0..1, "bad a");
        assert_eq!(
            r.warnings,
            vec![Diagnostic {
                file: "t.toml".into(),
                line: 2,
                col: 6,
                message: "warning: no fallback".into(),
            }]
        );
        assert_eq!(r.found.len(), 1);
        assert_eq!(r.found[0].to_string(), "t.toml:1:1: bad a");
        assert_eq!(
            r.warnings[0].to_string(),
            "t.toml:2:6: warning: no fallback"
        );
    }
}
