//! The vCard content lines: cards, folded lines, parameters, quoted-printable values with
//! a CHARSET (the 2.1-style exports of older phones), and value escapes.

use std::ops::Range;

/// One property of a card, its value decoded (quoted-printable and charset) but still
/// escaped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Property {
    /// Upper case, without its group (`item1.TEL` → `TEL`).
    pub name: String,
    /// The group (`item1`), upper case: Apple ties a label (`X-ABLabel`) to a value by it.
    pub group: Option<String>,
    /// Parameter names upper case; a bare 2.1 parameter (`CELL`) reads as `TYPE=CELL`.
    pub params: Vec<(String, String)>,
    pub value: String,
}

impl Property {
    pub fn param(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Card {
    /// The line of `BEGIN:VCARD`.
    pub line: usize,
    /// Where the card's lines are in the text, `BEGIN:VCARD` to `END:VCARD`.
    pub span: Range<usize>,
    pub props: Vec<Property>,
    /// It ended with `END:VCARD`.
    pub closed: bool,
}

/// Splits the text into cards. Lines outside a card are passed over.
pub fn cards(text: &str) -> Vec<Card> {
    let offset = |l: &str| l.as_ptr() as usize - text.as_ptr() as usize;
    let with_raw = |mut card: Card, lines: &[&str]| {
        if let (Some(first), Some(last)) = (lines.first(), lines.last()) {
            card.span = offset(first)..offset(last) + last.len();
        }
        card
    };
    let physical: Vec<&str> = text
        .split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .collect();
    let mut out: Vec<Card> = Vec::new();
    let mut current: Option<(Card, usize)> = None;
    let mut i = 0;
    while i < physical.len() {
        let start = i;
        let mut logical = physical[i].to_string();
        i += 1;
        if is_quoted_printable(&logical) {
            // Soft line breaks: a trailing '=' continues on the next line.
            while logical.ends_with('=') && i < physical.len() {
                logical.pop();
                logical.push_str(physical[i]);
                i += 1;
            }
        } else {
            while i < physical.len() && physical[i].starts_with([' ', '\t']) {
                logical.push_str(&physical[i][1..]);
                i += 1;
            }
        }
        let Some(prop) = parse_line(&logical) else {
            continue;
        };
        let line = start + 1;
        match prop.name.as_str() {
            "BEGIN" if prop.value.trim().eq_ignore_ascii_case("VCARD") => {
                if let Some((card, first)) = current.take() {
                    out.push(with_raw(card, &physical[first..start]));
                }
                let card = Card {
                    line,
                    span: 0..0,
                    props: Vec::new(),
                    closed: false,
                };
                current = Some((card, start));
            }
            "END" if prop.value.trim().eq_ignore_ascii_case("VCARD") => {
                if let Some((mut card, first)) = current.take() {
                    card.closed = true;
                    out.push(with_raw(card, &physical[first..i]));
                }
            }
            _ => {
                if let Some((card, _)) = current.as_mut() {
                    card.props.push(prop);
                }
            }
        }
    }
    if let Some((card, first)) = current.take() {
        let end = physical.len() - usize::from(physical.last() == Some(&""));
        out.push(with_raw(card, &physical[first..end.max(first)]));
    }
    out
}

fn is_quoted_printable(line: &str) -> bool {
    let head = line.split(':').next().unwrap_or("");
    head.to_ascii_uppercase().contains("QUOTED-PRINTABLE")
}

/// `[group.]NAME[;PARAM...]:VALUE`; `None` for a line that is not a property.
fn parse_line(line: &str) -> Option<Property> {
    let colon = find_unquoted(line, ':')?;
    let (head, value) = (&line[..colon], &line[colon + 1..]);
    let mut parts = split_unquoted(head, ';').into_iter();
    let full = parts.next()?.trim();
    let name = full.rsplit('.').next().unwrap_or(full).to_ascii_uppercase();
    let group = full
        .rsplit_once('.')
        .map(|(g, _)| g.to_ascii_uppercase())
        .filter(|g| !g.is_empty());
    if name.is_empty() {
        return None;
    }
    let params: Vec<(String, String)> = parts
        .map(|p| match p.split_once('=') {
            Some((k, v)) => (
                k.trim().to_ascii_uppercase(),
                v.trim().trim_matches('"').to_string(),
            ),
            None if p.trim().eq_ignore_ascii_case("QUOTED-PRINTABLE") => {
                ("ENCODING".into(), "QUOTED-PRINTABLE".into())
            }
            None => ("TYPE".into(), p.trim().to_string()),
        })
        .collect();
    let mut prop = Property {
        name,
        group,
        params,
        value: String::new(),
    };
    let qp = prop
        .param("ENCODING")
        .is_some_and(|e| e.eq_ignore_ascii_case("QUOTED-PRINTABLE"));
    prop.value = if qp {
        decode_charset(&decode_quoted_printable(value), prop.param("CHARSET"))
    } else {
        value.to_string()
    };
    Some(prop)
}

fn find_unquoted(s: &str, sep: char) -> Option<usize> {
    let mut quoted = false;
    for (i, c) in s.char_indices() {
        match c {
            '"' => quoted = !quoted,
            c if c == sep && !quoted => return Some(i),
            _ => {}
        }
    }
    None
}

fn split_unquoted(s: &str, sep: char) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = s;
    while let Some(i) = find_unquoted(rest, sep) {
        out.push(&rest[..i]);
        rest = &rest[i + sep.len_utf8()..];
    }
    out.push(rest);
    out
}

fn decode_quoted_printable(s: &str) -> Vec<u8> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = |x: u8| (x as char).to_digit(16);
        match (b[i], b.get(i + 1).copied(), b.get(i + 2).copied()) {
            (b'=', Some(h), Some(l)) if hex(h).is_some() && hex(l).is_some() => {
                out.push((hex(h).unwrap_or(0) * 16 + hex(l).unwrap_or(0)) as u8);
                i += 3;
            }
            (x, _, _) => {
                out.push(x);
                i += 1;
            }
        }
    }
    out
}

/// Bytes in the card's CHARSET; UTF-8 when it names none, and GB18030 for bytes that are
/// not UTF-8 (old phones wrote GBK and said nothing).
fn decode_charset(bytes: &[u8], charset: Option<&str>) -> String {
    let named = charset.and_then(|c| encoding_rs::Encoding::for_label(c.trim().as_bytes()));
    match named {
        Some(enc) => enc.decode_without_bom_handling(bytes).0.into_owned(),
        None => match std::str::from_utf8(bytes) {
            Ok(s) => s.to_string(),
            Err(_) => encoding_rs::GB18030
                .decode_without_bom_handling(bytes)
                .0
                .into_owned(),
        },
    }
}

/// `\n` `\,` `\;` `\\` → the characters.
pub fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n' | 'N') => out.push('\n'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

/// Splits a structured value (N, ADR, ORG, CATEGORIES) at unescaped `sep`, then unescapes
/// each part.
pub fn split_value(s: &str, sep: char) -> Vec<String> {
    let mut parts = Vec::new();
    let mut start = 0;
    let mut escaped = false;
    for (i, c) in s.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            c if c == sep => {
                parts.push(unescape(&s[start..i]));
                start = i + c.len_utf8();
            }
            _ => {}
        }
    }
    parts.push(unescape(&s[start..]));
    parts
}

/// Escapes text for a value: `\` `,` `;` and line breaks (a CR is dropped: vCard has no
/// escape for it).
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ',' => out.push_str("\\,"),
            ';' => out.push_str("\\;"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Folds a content line at 75 bytes, never inside a character; CRLF after each piece.
pub fn fold_into(out: &mut String, line: &str) {
    let mut rest = line;
    let mut limit = 75;
    loop {
        if rest.len() <= limit {
            out.push_str(rest);
            out.push_str("\r\n");
            return;
        }
        let mut cut = limit;
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        out.push_str(&rest[..cut]);
        out.push_str("\r\n ");
        rest = &rest[cut..];
        limit = 74;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unfolds_and_decodes_quoted_printable() {
        let text = "BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=E5=BC=A0;=E4=BC=9F;;;\r\n\
                    FN;CHARSET=UTF-8;QUOTED-PRINTABLE:=E5=BC=A0=\r\n=E4=BC=9F\r\n\
                    NOTE:first part\r\n  and second\r\nitem1.TEL;CELL:138\r\nEND:VCARD\r\n";
        let cards = cards(text);
        assert_eq!(cards.len(), 1);
        let c = &cards[0];
        assert!(c.closed);
        assert_eq!(c.line, 1);
        let get = |n: &str| c.props.iter().find(|p| p.name == n).unwrap();
        assert_eq!(get("N").value, "张;伟;;;");
        assert_eq!(get("FN").value, "张伟");
        assert_eq!(get("NOTE").value, "first part and second");
        assert_eq!(get("TEL").param("TYPE"), Some("CELL"));
        assert_eq!(text[c.span.clone()].lines().count(), 9);
    }

    #[test]
    fn gbk_charset_and_unclosed_cards() {
        let text = "BEGIN:VCARD\nFN;CHARSET=GBK;ENCODING=QUOTED-PRINTABLE:=D5=C5=C8=FD\nBEGIN:VCARD\nFN:李四\n";
        let cards = cards(text);
        assert_eq!(cards.len(), 2);
        assert_eq!(cards[0].props[0].value, "张三");
        assert!(!cards[0].closed && !cards[1].closed);
        assert_eq!((cards[0].line, cards[1].line), (1, 3));
        assert_eq!(&text[cards[1].span.clone()], "BEGIN:VCARD\nFN:李四");
    }

    #[test]
    fn escapes_round_trip_and_lines_fold() {
        let s = "a,b;c\\d\ne";
        assert_eq!(unescape(&escape(s)), s);
        assert_eq!(split_value("张;伟\\;x;;", ';'), ["张", "伟;x", "", ""]);
        let mut out = String::new();
        let long = format!("NOTE:{}", "备注".repeat(40));
        fold_into(&mut out, &long);
        assert!(out.split("\r\n").all(|l| l.len() <= 75));
        let unfolded = out.trim_end().replace("\r\n ", "");
        assert_eq!(unfolded, long);
    }
}
