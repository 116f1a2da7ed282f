//! Errors in a template file, each with its file, line and column.

use super::problem::Problem;
use crate::config::Lang;
use std::fmt;
use std::ops::Range;

#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    pub file: String,
    pub line: usize,
    pub col: usize,
    pub problem: Problem,
    /// A problem that does not stop the template from working.
    pub warning: bool,
}

impl Diagnostic {
    /// What is wrong, in `lang`, without the place.
    pub fn message(&self, lang: Lang) -> String {
        let said = crate::i18n::sop_check::problem(lang, &self.problem);
        if self.warning {
            format!("{}{said}", crate::i18n::sop_check::warning_word(lang))
        } else {
            said
        }
    }

    /// `FILE:LINE:COL: message`, in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        format!(
            "{}:{}:{}: {}",
            self.file,
            self.line,
            self.col,
            self.message(lang)
        )
    }

    /// A problem with the whole file (it cannot be read, another file takes its id).
    pub fn of_file(file: String, problem: Problem) -> Diagnostic {
        Diagnostic {
            file,
            line: 1,
            col: 1,
            problem,
            warning: false,
        }
    }
}

/// In English: for logs and tests. What a user reads goes through [`Diagnostic::render`].
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::En))
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

    pub fn at(&mut self, offset: usize, problem: impl Into<Problem>) {
        let (line, col) = self.position(offset);
        self.found.push(Diagnostic {
            file: self.file.to_string(),
            line,
            col,
            problem: problem.into(),
            warning: false,
        });
    }

    pub fn span(&mut self, span: Range<usize>, problem: impl Into<Problem>) {
        self.at(span.start, problem);
    }

    pub fn warn_at(&mut self, offset: usize, problem: Problem) {
        let (line, col) = self.position(offset);
        self.warnings.push(Diagnostic {
            file: self.file.to_string(),
            line,
            col,
            problem,
            warning: true,
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
    fn warnings_are_kept_apart_from_errors_and_say_so_in_either_language() {
        let src = "a = 1\nb = \"{budget}\"\n";
        let mut r = Reporter::new("t.toml", src);
        r.warn_at(src.find('{').unwrap(), Problem::FullWidthBraces);
        r.span(0..1, Problem::RepeatAtZero);
        assert_eq!(
            r.warnings,
            vec![Diagnostic {
                file: "t.toml".into(),
                line: 2,
                col: 6,
                problem: Problem::FullWidthBraces,
                warning: true,
            }]
        );
        assert_eq!(r.found.len(), 1);
        assert_eq!(
            r.found[0].to_string(),
            "t.toml:1:1: a repeated step must wait longer than zero"
        );
        assert_eq!(
            r.found[0].render(Lang::Zh),
            "t.toml:1:1: 重复的步骤必须等待一段时间（大于零）"
        );
        assert!(
            r.warnings[0]
                .to_string()
                .starts_with("t.toml:2:6: warning: full-width braces")
        );
        assert!(
            r.warnings[0]
                .render(Lang::Zh)
                .starts_with("t.toml:2:6: 警告：全角花括号")
        );
    }
}
