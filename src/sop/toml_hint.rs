//! What the TOML parser says of a template that does not parse, with the hint an author
//! writing with a Chinese input method most often needs.

use super::problem::{Problem, TomlSays};

/// The line of `source` holding byte `at`.
pub(super) fn line_at(source: &str, at: usize) -> &str {
    let at = at.min(source.len());
    let start = source[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = source[at..].find('\n').map_or(source.len(), |i| at + i);
    source.get(start..end).unwrap_or("")
}

/// Punctuation a Chinese input method types where TOML wants its ASCII form.
const FULL_WIDTH: [(char, &str); 8] = [
    ('＝', "="),
    ('，', ","),
    ('“', "\""),
    ('”', "\""),
    ('［', "["),
    ('］', "]"),
    ('｛', "{"),
    ('｝', "}"),
];

/// What the TOML library says, on one line and in parts where it has a known shape (so
/// it can be worded in the UI's language), with the full-width punctuation found outside
/// strings on the line: when there is some, that is the likely cause.
pub(super) fn toml_problem(e: &toml::de::Error, line: &str) -> Problem {
    let msg = e.message().trim().replace('\n', " ");
    Problem::Toml {
        says: toml_says(&msg),
        full_width: full_width_outside_strings(line),
    }
}

/// The full-width punctuation on `line` outside quotes (full-width commas inside a
/// script's text are fine), with the ASCII TOML wants.
fn full_width_outside_strings(line: &str) -> Vec<(char, &'static str)> {
    let mut outside = String::new();
    let mut quoted = false;
    for c in line.chars() {
        if c == '"' || c == '\'' {
            quoted = !quoted;
        } else if !quoted {
            outside.push(c);
        }
    }
    FULL_WIDTH
        .iter()
        .filter(|(c, _)| outside.contains(*c))
        .copied()
        .collect()
}

/// serde's messages of a known shape, taken apart; any other kept whole.
fn toml_says(msg: &str) -> TomlSays {
    if let Some(rest) = msg.strip_prefix("unknown field `")
        && let Some((field, rest)) = rest.split_once('`')
    {
        let expected = rest
            .strip_prefix(", expected one of ")
            .or_else(|| rest.strip_prefix(", expected "))
            .map(|list| {
                list.split(", ")
                    .map(|k| k.trim_matches('`').to_string())
                    .filter(|k| !k.is_empty())
                    .collect()
            })
            .unwrap_or_default();
        return TomlSays::UnknownField {
            field: field.to_string(),
            expected,
        };
    }
    if let Some(rest) = msg.strip_prefix("missing field `")
        && let Some(field) = rest.strip_suffix('`')
    {
        return TomlSays::MissingField(field.to_string());
    }
    if let Some(rest) = msg.strip_prefix("invalid type: ")
        && let Some((found, expected)) = rest.rsplit_once(", expected ")
    {
        return TomlSays::WrongType {
            found: found.to_string(),
            expected: expected.to_string(),
        };
    }
    TomlSays::Other(msg.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_line_of_an_offset_is_the_whole_line_without_its_break() {
        let src = "a = 1\nname ＝ \"x\"\nb = 2";
        assert_eq!(line_at(src, src.find('＝').unwrap()), "name ＝ \"x\"");
        assert_eq!(line_at(src, 0), "a = 1");
        assert_eq!(line_at(src, src.len()), "b = 2");
    }

    #[test]
    fn full_width_punctuation_counts_only_outside_strings() {
        // The ＝ is the mistake; the comma in the text and the quotes' own kind do not count.
        assert_eq!(
            full_width_outside_strings("text ＝ \"你好，世界\""),
            vec![('＝', "=")]
        );
        assert_eq!(
            full_width_outside_strings("text = '你好，世界'"),
            Vec::<(char, &str)>::new()
        );
        assert_eq!(
            full_width_outside_strings("tags ＝ ［\"a\"，\"b\"］"),
            vec![('＝', "="), ('，', ","), ('［', "["), ('］', "]")]
        );
    }

    #[test]
    fn serde_messages_of_known_shapes_are_taken_apart() {
        assert_eq!(
            toml_says("unknown field `colour`, expected one of `id`, `name`"),
            TomlSays::UnknownField {
                field: "colour".into(),
                expected: vec!["id".into(), "name".into()]
            }
        );
        assert_eq!(
            toml_says("unknown field `x`, expected `id`"),
            TomlSays::UnknownField {
                field: "x".into(),
                expected: vec!["id".into()]
            }
        );
        assert_eq!(
            toml_says("missing field `name`"),
            TomlSays::MissingField("name".into())
        );
        assert_eq!(
            toml_says("invalid type: string \"one\", expected u32"),
            TomlSays::WrongType {
                found: "string \"one\"".into(),
                expected: "u32".into()
            }
        );
        assert_eq!(
            toml_says("key with no value, expected `=`"),
            TomlSays::Other("key with no value, expected `=`".into())
        );
    }
}
