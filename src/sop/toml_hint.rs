//! What the TOML parser says of a template that does not parse, with the hint an author
//! writing with a Chinese input method most often needs.

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

/// The TOML library's message, on one line, with what the format accepts where it helps;
/// when the line holds full-width punctuation outside a string, that is the likely cause.
pub(super) fn toml_message(e: &toml::de::Error, line: &str) -> String {
    let msg = e.message().trim().replace('\n', " ");
    let msg = if msg.starts_with("unknown field") {
        format!("{msg} (see the template format in README.md)")
    } else if msg.starts_with("missing field") {
        format!("{msg}: this table needs it")
    } else {
        msg
    };
    // Only what stands outside quotes: full-width commas inside a script's text are fine.
    let mut outside = String::new();
    let mut quoted = false;
    for c in line.chars() {
        if c == '"' || c == '\'' {
            quoted = !quoted;
        } else if !quoted {
            outside.push(c);
        }
    }
    let found: Vec<String> = FULL_WIDTH
        .iter()
        .filter(|(c, _)| outside.contains(*c))
        .map(|(c, ascii)| format!("{c} → {ascii}"))
        .collect();
    if found.is_empty() {
        msg
    } else {
        format!(
            "{msg} (this line has full-width punctuation, which TOML does not read: {})",
            found.join(", ")
        )
    }
}
