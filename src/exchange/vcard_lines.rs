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

/// A vCard folded every 75 octets, as some generators do (RFC 6350 asks them not to), can
/// split a UTF-8 character across a fold; each half is then invalid, and the card would
/// be lost or the file read as GBK. RFC 6350 has parsers unfold before decoding: the bytes
/// of a split character are moved across the fold (`…\xE5\x85⏎ \xB3…` → `…⏎ \xE5\x85\xB3…`),
/// which joins them the way unfolding would and keeps every line where it was, so line
/// numbers in the report stay physical. `None` when no fold splits a character.
pub fn mend_split_folds(bytes: &[u8]) -> Option<Vec<u8>> {
    let mut out: Vec<u8> = Vec::with_capacity(bytes.len());
    let mut changed = false;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let fold = match (b, bytes.get(i + 1), bytes.get(i + 2)) {
            (b'\n', Some(b' ' | b'\t'), _) => Some(2),
            (b'\r', Some(b'\n'), Some(b' ' | b'\t')) => Some(3),
            _ => None,
        };
        if let Some(len) = fold {
            let k = incomplete_tail(&out);
            let after = &bytes[i + len..];
            let needed = k.map_or(0, |(lead, have)| utf8_len(lead) - have);
            if let Some((_, have)) = k
                && needed > 0
                && after.len() >= needed
                && after[..needed].iter().all(|c| (0x80..0xC0).contains(c))
            {
                let split: Vec<u8> = out.split_off(out.len() - have);
                out.extend_from_slice(&bytes[i..i + len]);
                out.extend_from_slice(&split);
                changed = true;
            } else {
                out.extend_from_slice(&bytes[i..i + len]);
            }
            i += len;
            continue;
        }
        out.push(b);
        i += 1;
    }
    changed.then_some(out)
}

/// The lead byte and length of an unfinished UTF-8 sequence at the end of `bytes`.
fn incomplete_tail(bytes: &[u8]) -> Option<(u8, usize)> {
    (1..=3).find_map(|have| {
        let at = bytes.len().checked_sub(have)?;
        let lead = bytes[at];
        let rest_continues = bytes[at + 1..].iter().all(|c| (0x80..0xC0).contains(c));
        ((0xC2..=0xF4).contains(&lead) && rest_continues && utf8_len(lead) > have)
            .then_some((lead, have))
    })
}

/// How many bytes the UTF-8 sequence a lead byte starts has.
fn utf8_len(lead: u8) -> usize {
    match lead {
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => 4,
    }
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
    fn a_fold_inside_a_character_is_mended_in_place() {
        // 张伟 with the fold after the first byte of 伟, CRLF and LF, a space and a tab.
        for (fold, mended) in [
            (&b"\r\n "[..], &b"FN:\xE5\xBC\xA0\r\n \xE4\xBC\x9F\r\n"[..]),
            (b"\n\t", b"FN:\xE5\xBC\xA0\n\t\xE4\xBC\x9F\r\n"),
        ] {
            let mut split = b"FN:\xE5\xBC\xA0\xE4".to_vec();
            split.extend_from_slice(fold);
            split.extend_from_slice(b"\xBC\x9F\r\n");
            let out = mend_split_folds(&split).expect("mended");
            assert_eq!(out, mended);
            let text = std::str::from_utf8(&out).unwrap();
            assert_eq!(
                cards(&format!("BEGIN:VCARD\n{text}END:VCARD\n"))[0].props[0].value,
                "张伟"
            );
        }
        // Two bytes before the fold, one after.
        let out = mend_split_folds(b"N:\xE4\xBC\r\n \x9F").unwrap();
        assert_eq!(out, b"N:\r\n \xE4\xBC\x9F");
        // Folds between characters, and bytes that are no character at all, are left.
        assert_eq!(mend_split_folds("N:张\r\n 伟".as_bytes()), None);
        assert_eq!(mend_split_folds(b"N:\xD5\xC5\r\n \xC8\xFD"), None);
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
