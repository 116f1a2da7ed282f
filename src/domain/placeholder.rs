//! Script placeholders: `{name}`, `{honorific|您}` (with a fallback), `{{` / `}}` for braces.

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

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece<'a> {
    Text(&'a str),
    /// A literal `{` or `}` written as `{{` / `}}`.
    Brace(char),
    Slot {
        name: &'a str,
        fallback: Option<&'a str>,
        /// Byte offset of the `{` in the text.
        at: usize,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlaceholderError {
    /// Byte offset in the text where the problem starts.
    pub at: usize,
    pub message: String,
}

impl fmt::Display for PlaceholderError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
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
                        message:
                            "placeholder is not closed: add '}' (write '{{' for a literal brace)"
                                .into(),
                    });
                };
                let inner = &text[i + 1..i + 1 + len];
                let (name, fallback) = match inner.split_once('|') {
                    Some((n, f)) => (n.trim(), Some(f)),
                    None => (inner.trim(), None),
                };
                if !NAMES.contains(&name) {
                    return Err(PlaceholderError {
                        at: i,
                        message: format!(
                            "unknown placeholder '{{{name}}}'; accepted: {}",
                            NAMES.map(|n| format!("{{{n}}}")).join(" ")
                        ),
                    });
                }
                if inner.contains('{') {
                    return Err(PlaceholderError {
                        at: i,
                        message: "a placeholder cannot contain '{'".into(),
                    });
                }
                out.push(Piece::Slot {
                    name,
                    fallback,
                    at: i,
                });
                i += len + 2;
                start = i;
            }
            b'}' => {
                return Err(PlaceholderError {
                    at: i,
                    message: "stray '}' (write '}}' for a literal brace)".into(),
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
/// script always reads as a sentence.
pub fn default_for(name: &str) -> &'static str {
    match name {
        "honorific" | "name" => "您",
        "me" => "我",
        "need" => "您的需求",
        "budget" => "您的预算",
        "product" => "我们的产品",
        "company" => "贵公司",
        _ => "",
    }
}

/// Fills the placeholders from `value`; missing values use the fallback, then the default.
pub fn render(
    text: &str,
    value: impl Fn(&str) -> Option<String>,
) -> Result<String, PlaceholderError> {
    let mut out = String::with_capacity(text.len());
    for piece in parse(text)? {
        match piece {
            Piece::Text(t) => out.push_str(t),
            Piece::Brace(c) => out.push(c),
            Piece::Slot { name, fallback, .. } => {
                match value(name).filter(|v| !v.trim().is_empty()) {
                    Some(v) => out.push_str(&v),
                    None => out.push_str(fallback.unwrap_or_else(|| default_for(name))),
                }
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vals(name: &str) -> Option<String> {
        match name {
            "honorific" => Some("张姐".into()),
            "me" => Some("小王".into()),
            "need" => Some(String::new()),
            _ => None,
        }
    }

    #[test]
    fn fills_values_fallbacks_and_defaults() {
        let out = render(
            "{honorific|您}好，我是{me}。关于{need|您关心的问题}，{product}",
            vals,
        )
        .unwrap();
        assert_eq!(out, "张姐好，我是小王。关于您关心的问题，我们的产品");
        assert!(!out.contains('{') && !out.contains('}'));
    }

    #[test]
    fn literal_braces_and_chinese_text() {
        assert_eq!(
            render("{{优惠}}码：{name|朋友}", vals).unwrap(),
            "{优惠}码：朋友"
        );
    }

    #[test]
    fn errors_point_at_the_brace() {
        let e = parse("你好{nmae}").unwrap_err();
        assert_eq!(e.at, "你好".len());
        assert!(e.message.contains("{nmae}") && e.message.contains("{honorific}"));
        assert!(
            parse("你好{name")
                .unwrap_err()
                .message
                .contains("not closed")
        );
        assert!(parse("a}b").unwrap_err().message.contains("stray"));
        assert!(parse("a {name|x{y} b").is_err());
    }
}
