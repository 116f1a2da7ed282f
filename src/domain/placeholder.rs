//! Script placeholders: `{name}`, `{honorific|您}` (with a fallback), `{need.q}` (a
//! free-text value in quotes), `{budget.max}` (the budget's ceiling); `{{` / `}}` for braces.

use super::sop_syntax::SyntaxError;
use std::fmt;

/// The placeholder names a template may use.
pub const NAMES: [&str; 8] = [
    "name",
    "honorific",
    "me",
    "need",
    "budget",
    "source",
    "product",
    "company",
];

/// The forms a placeholder takes after a dot: `.q` quotes a value the rep typed freely (a
/// need is a phrase, not a noun: “给孩子报英语课”); a budget gives its `.max` (5000元) and
/// `.min`.
pub fn attrs_of(name: &str) -> &'static [&'static str] {
    match name {
        "need" | "source" | "company" | "product" | "name" => &["q"],
        "budget" => &["max", "min"],
        _ => &[],
    }
}

/// Checks a placeholder name and its form (what is accepted: [`NAMES`], [`attrs_of`]).
pub fn check_name(name: &str, attr: Option<&str>) -> Result<(), SyntaxError> {
    if !NAMES.contains(&name) {
        return Err(SyntaxError::UnknownPlaceholder(name.to_string()));
    }
    match attr {
        Some(a) if !attrs_of(name).contains(&a) => {
            let (name, form) = (name.to_string(), a.to_string());
            Err(if attrs_of(&name).is_empty() {
                SyntaxError::NoForms { name, form }
            } else {
                SyntaxError::BadForm { name, form }
            })
        }
        _ => Ok(()),
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece<'a> {
    Text(&'a str),
    /// A literal `{` or `}` written as `{{` / `}}`.
    Brace(char),
    Slot {
        name: &'a str,
        /// The form after the dot (`q`, `max`, `min`).
        attr: Option<&'a str>,
        fallback: Option<&'a str>,
        /// Byte offset of the `{` in the text.
        at: usize,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlaceholderError {
    /// Byte offset in the text where the problem starts.
    pub at: usize,
    pub problem: SyntaxError,
}

impl fmt::Display for PlaceholderError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} at byte {}", self.problem, self.at)
    }
}

/// Splits a script into text and placeholders, checking every placeholder name.
pub fn parse(text: &str) -> Result<Vec<Piece<'_>>, PlaceholderError> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    let mut start = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'{' if bytes.get(i + 1) == Some(&b'{') => {
                push_text(&mut out, &text[start..i]);
                out.push(Piece::Brace('{'));
                i += 2;
                start = i;
            }
            b'}' if bytes.get(i + 1) == Some(&b'}') => {
                push_text(&mut out, &text[start..i]);
                out.push(Piece::Brace('}'));
                i += 2;
                start = i;
            }
            b'{' => {
                push_text(&mut out, &text[start..i]);
                let Some(len) = text[i + 1..].find('}') else {
                    return Err(PlaceholderError {
                        at: i,
                        problem: SyntaxError::Unclosed,
                    });
                };
                let inner = &text[i + 1..i + 1 + len];
                let (full, fallback) = match inner.split_once('|') {
                    Some((n, f)) => (n.trim(), Some(f)),
                    None => (inner.trim(), None),
                };
                let (name, attr) = match full.split_once('.') {
                    Some((n, a)) => (n, Some(a)),
                    None => (full, None),
                };
                if let Err(problem) = check_name(name, attr) {
                    return Err(PlaceholderError { at: i, problem });
                }
                if inner.contains('{') {
                    return Err(PlaceholderError {
                        at: i,
                        problem: SyntaxError::Nested,
                    });
                }
                out.push(Piece::Slot {
                    name,
                    attr,
                    fallback,
                    at: i,
                });
                i += len + 2;
                start = i;
            }
            b'}' => {
                return Err(PlaceholderError {
                    at: i,
                    problem: SyntaxError::Stray,
                });
            }
            _ => i += 1,
        }
    }
    push_text(&mut out, &text[start..]);
    Ok(out)
}

fn push_text<'a>(out: &mut Vec<Piece<'a>>, s: &'a str) {
    if !s.is_empty() {
        out.push(Piece::Text(s));
    }
}

/// Used when a contact lacks a value and the placeholder gives no fallback, so a rendered
/// script always reads as a sentence. `{me}` has none: a script is never signed with a
/// name that is not the rep's (see [`render`]). `template check` warns about every slot
/// that would fall back here.
pub fn default_for(name: &str) -> &'static str {
    match name {
        "honorific" | "name" => "您",
        "need" => "您关心的问题",
        "budget" => "您的预算",
        "product" => "我们的产品",
        "company" => "贵公司",
        "source" => "朋友介绍",
        _ => "",
    }
}

/// A script filled in, and the placeholders it needed but had no value for and no words to
/// stand in (only `{me}` without the rep's name).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Filled {
    pub text: String,
    pub missing: Vec<String>,
}

/// Fills the placeholders from `value(name, form)`; missing values use the fallback, then
/// the default. A `{me}` with no value and no fallback is filled with `unsigned` and named
/// in `missing`.
pub fn render(
    text: &str,
    value: impl Fn(&str, Option<&str>) -> Option<String>,
    unsigned: &str,
) -> Result<Filled, PlaceholderError> {
    let mut out = String::with_capacity(text.len());
    let mut missing = Vec::new();
    for piece in parse(text)? {
        match piece {
            Piece::Text(t) => out.push_str(t),
            Piece::Brace(c) => out.push(c),
            Piece::Slot {
                name,
                attr,
                fallback,
                ..
            } => match (value(name, attr).filter(|v| !v.trim().is_empty()), fallback) {
                (Some(v), _) => out.push_str(&v),
                (None, Some(f)) => out.push_str(f),
                (None, None) if name == "me" => {
                    out.push_str(unsigned);
                    missing.push(name.to_string());
                }
                (None, None) => out.push_str(default_for(name)),
            },
        }
    }
    Ok(Filled { text: out, missing })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vals(name: &str, attr: Option<&str>) -> Option<String> {
        match (name, attr) {
            ("honorific", None) => Some("张姐".into()),
            ("me", None) => Some("小王".into()),
            ("need", _) => Some(String::new()),
            ("budget", Some("max")) => Some("5000元".into()),
            _ => None,
        }
    }

    fn fill(text: &str) -> String {
        render(text, vals, "〔名字〕").unwrap().text
    }

    #[test]
    fn fills_values_fallbacks_and_defaults() {
        let out = fill("{honorific|您}好，我是{me}。关于{need|您关心的问题}，{product}");
        assert_eq!(out, "张姐好，我是小王。关于您关心的问题，我们的产品");
        assert!(!out.contains('{') && !out.contains('}'));
        assert_eq!(fill("控制在{budget.max|预算}以内"), "控制在5000元以内");
        assert_eq!(fill("预算{budget.min|还没定}"), "预算还没定");
    }

    #[test]
    fn every_default_reads_as_words() {
        for name in NAMES {
            let filled = render(&format!("[{{{name}}}]"), |_, _| None, "〔名字〕").unwrap();
            if name == "me" {
                // Never a login name or "me": the gap is marked and reported.
                assert_eq!(filled.text, "[〔名字〕]");
                assert_eq!(filled.missing, ["me"]);
            } else {
                assert_eq!(filled.text, format!("[{}]", default_for(name)), "{name}");
                assert!(!default_for(name).is_empty(), "{name}");
                assert!(filled.missing.is_empty());
            }
        }
        // A fallback stands in for {me} as for any other.
        assert_eq!(
            render("{me|我}", |_, _| None, "〔名字〕").unwrap().text,
            "我"
        );
    }

    #[test]
    fn each_placeholder_without_a_value_reads_its_own_words() {
        let line = NAMES.map(|n| format!("{{{n}}}")).join("/");
        let filled = render(&line, |_, _| None, "〔名字〕").unwrap();
        assert_eq!(
            filled.text,
            "您/您/〔名字〕/您关心的问题/您的预算/朋友介绍/我们的产品/贵公司"
        );
        assert_eq!(filled.missing, ["me"]);
        // A form falls back like its plain placeholder; a name outside the list has no words.
        assert_eq!(
            render("{need.q}，{budget.max}", |_, _| None, "")
                .unwrap()
                .text,
            "您关心的问题，您的预算"
        );
        assert_eq!(default_for("me"), "");
        assert_eq!(default_for("nickname"), "");
    }

    #[test]
    fn literal_braces_and_chinese_text() {
        assert_eq!(fill("{{优惠}}码：{name|朋友}"), "{优惠}码：朋友");
    }

    #[test]
    fn forms_are_checked() {
        assert!(parse("{need.q}").is_ok());
        assert!(parse("{budget.max|您的预算}").is_ok());
        let e = parse("{budget.q}").unwrap_err();
        assert_eq!(
            e.problem,
            SyntaxError::BadForm {
                name: "budget".into(),
                form: "q".into()
            }
        );
        assert_eq!(
            parse("{honorific.q}").unwrap_err().problem,
            SyntaxError::NoForms {
                name: "honorific".into(),
                form: "q".into()
            }
        );
    }

    #[test]
    fn errors_point_at_the_brace() {
        let e = parse("你好{nmae}").unwrap_err();
        assert_eq!(e.at, "你好".len());
        assert_eq!(e.problem, SyntaxError::UnknownPlaceholder("nmae".into()));
        assert_eq!(
            parse("你好{name").unwrap_err().problem,
            SyntaxError::Unclosed
        );
        assert_eq!(
            parse("a}b").unwrap_err(),
            PlaceholderError {
                at: 1,
                problem: SyntaxError::Stray
            }
        );
        assert_eq!(
            parse("a {name|x{y} b").unwrap_err().problem,
            SyntaxError::Nested
        );
    }
}
