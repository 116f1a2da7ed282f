//! How the spreadsheet CSV writes a value into a cell, and reads it back exactly.
//!
//! - **Formula guard.** A cell starting with `=` `+` `-` `@`, a tab or a carriage return
//!   runs as a formula when a spreadsheet opens the file. Such a value, and one that already
//!   looks guarded (apostrophes, then one of those), gets one more leading `'`; reading
//!   removes exactly one from a value that looks guarded. Nothing else is touched, so the
//!   pair is exact for every string.
//! - **Text marker.** A value a spreadsheet would turn into a number, date or boolean
//!   (`00123`, `075512345678`, `3-5`, `TRUE`) loses leading zeros or changes meaning. It gets
//!   one trailing tab, which keeps the cell text and does not show; reading removes exactly
//!   one trailing tab. (A value that already ends in a tab also gets one, for exactness.)
//! - **Lists.** Tags, one per line in the cell, as `group/tag`; purchases, one per line;
//!   the timeline, one entry per line (see [`encode_timeline`]). Backslash escapes make any
//!   text survive (see [`encode_tags`]).
//! - **GBK-safe marks.** Excel and WPS on Chinese Windows save a CSV as GBK, which has no
//!   `¥`, `«` or `»` (they become `?`). Amounts are written after `￥` and scripts between
//!   `「」`, which GBK holds; `¥` and `«»` of older exports still read.

use super::model::{PurchaseRecord, TimelineEntry};
use super::values::{format_local, parse_time};
use crate::domain::money::{format_amount, parse_amount};
use crate::domain::text::fold_width;
use crate::domain::zone::Zone;
use crate::domain::{Grade, GradeChange, Stage, TagRef};
use std::borrow::Cow;

/// What the export writes before an amount (GBK has `￥`, not `¥`).
pub(super) const YUAN: char = '￥';
/// Either sign before an amount: the export's, and `¥` of older exports.
pub(super) const YUAN_SIGNS: [char; 2] = ['￥', '¥'];
/// The brackets the export writes around a script's id (GBK has them, not `«»`).
pub(super) const SCRIPT_OPEN: char = '「';
pub(super) const SCRIPT_CLOSE: char = '」';

/// A script's id in brackets at the start of `part` (`「id」`, or `«id»` of older exports):
/// the id and what follows the closing bracket, if it is closed.
pub(super) fn script_part(part: &str) -> Option<(String, Option<&str>)> {
    let (close, rest) = if let Some(r) = part.strip_prefix(SCRIPT_OPEN) {
        (SCRIPT_CLOSE, r)
    } else {
        ('»', part.strip_prefix('«')?)
    };
    Some(unescape_until(rest, Some(close)))
}

fn is_formula_start(c: char) -> bool {
    matches!(c, '=' | '+' | '-' | '@' | '\t' | '\r')
}

/// Apostrophes, then a formula character.
fn looks_guarded(v: &str, min_quotes: usize) -> bool {
    let quotes = v.chars().take_while(|&c| c == '\'').count();
    quotes >= min_quotes && v[quotes..].chars().next().is_some_and(is_formula_start)
}

/// The formula guard alone: what `list`, `search` and `agenda --format csv` apply to every
/// cell, so a script sees plain UTF-8 and a spreadsheet never runs a cell.
pub fn guard_formula(v: &str) -> Cow<'_, str> {
    if looks_guarded(v, 0) {
        Cow::Owned(format!("'{v}"))
    } else {
        Cow::Borrowed(v)
    }
}

/// Undoes [`guard_formula`].
pub fn unguard_formula(v: &str) -> &str {
    if looks_guarded(v, 1) { &v[1..] } else { v }
}

/// Whether a spreadsheet opening the CSV would read the text as a number, date, time,
/// percentage or boolean instead of text.
fn spreadsheet_would_convert(v: &str) -> bool {
    let f = fold_width(v.trim());
    if f.eq_ignore_ascii_case("true") || f.eq_ignore_ascii_case("false") {
        return true;
    }
    f.chars().any(|c| c.is_ascii_digit())
        && f.chars()
            .all(|c| c.is_ascii_digit() || " +-.,/:%()$eE¥￥年月日时分秒".contains(c))
}

/// A text value as a spreadsheet cell: marker, then guard.
pub fn text_cell(v: &str) -> String {
    let marked = if spreadsheet_would_convert(v) || v.ends_with('\t') {
        Cow::Owned(format!("{v}\t"))
    } else {
        Cow::Borrowed(v)
    };
    guard_formula(&marked).into_owned()
}

/// Undoes [`text_cell`].
pub fn read_text_cell(cell: &str) -> &str {
    let v = unguard_formula(cell);
    v.strip_suffix('\t').unwrap_or(v)
}

pub(super) fn escape_into(out: &mut String, s: &str, also: &[char]) {
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if also.contains(&c) => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
}

/// Reads escaped text up to the first unescaped `stop`; returns it and what follows `stop`.
pub(super) fn unescape_until(s: &str, stop: Option<char>) -> (String, Option<&str>) {
    let mut out = String::new();
    let mut chars = s.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some((_, 'n')) => out.push('\n'),
                Some((_, 'r')) => out.push('\r'),
                Some((_, other)) => out.push(other),
                None => out.push('\\'),
            },
            c if Some(c) == stop => return (out, Some(&s[i + c.len_utf8()..])),
            c => out.push(c),
        }
    }
    (out, None)
}

/// Tags one per line as `group/tag`. A `\`, a line break, or a `/` inside the group is
/// written with a backslash, so the list splits back exactly whatever the tags contain:
/// `组/a;b` and `组/c` stay two tags.
pub fn encode_tags(tags: &[TagRef]) -> String {
    let mut out = String::new();
    for (i, t) in tags.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        escape_into(&mut out, &t.group, &['/']);
        out.push('/');
        escape_into(&mut out, &t.tag, &[]);
    }
    out
}

/// Undoes [`encode_tags`]. A spreadsheet that saved the line breaks as CRLF is fine.
pub fn decode_tags(cell: &str) -> Result<Vec<TagRef>, String> {
    let mut tags = Vec::new();
    for line in cell.split('\n') {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.is_empty() {
            continue;
        }
        let (group, rest) = unescape_until(line, Some('/'));
        let Some(rest) = rest else {
            return Err(line.to_string());
        };
        let (tag, _) = unescape_until(rest, None);
        tags.push(TagRef { group, tag });
    }
    Ok(tags)
}

/// Purchases one per line: `YYYY-MM-DD HH:MM:SS` (local), then ` ￥AMOUNT` if known, then
/// ` PRODUCT` if known (escaped like tags, and a leading `￥` or `¥` too).
pub fn encode_purchases(purchases: &[PurchaseRecord], offset: impl Zone + Copy) -> String {
    let mut out = String::new();
    for (i, p) in purchases.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(&format_local(p.at, offset));
        if let Some(cents) = p.amount_cents {
            out.push(' ');
            out.push(YUAN);
            out.push_str(&format_amount(cents));
        }
        if let Some(product) = &p.product {
            out.push(' ');
            if product.starts_with(YUAN_SIGNS) || purchase_amount(first_word(product).0).is_some() {
                out.push('\\');
            }
            escape_into(&mut out, product, &[]);
        }
    }
    out
}

/// An amount a rep put in an exported purchase by hand (`999元`, `RMB999`), or `?999`: an
/// older export's `¥` after a save as GBK. (The export escapes a product that would read
/// as one.)
fn purchase_amount(word: &str) -> Option<i64> {
    match word.strip_prefix('?') {
        Some(n) if n.starts_with(|c: char| c.is_ascii_digit()) => parse_amount(n).ok(),
        Some(_) => None,
        None => super::purchase_cells::read_amount(word, false),
    }
}

/// Undoes [`encode_purchases`]; the error is the line that does not read.
pub fn decode_purchases(
    cell: &str,
    offset: impl Zone + Copy,
) -> Result<Vec<PurchaseRecord>, String> {
    let mut out = Vec::new();
    for line in cell.split('\n') {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.is_empty() {
            continue;
        }
        let bad = || line.to_string();
        let stamp = line.get(..19).ok_or_else(bad)?;
        let at = parse_time(stamp, offset).ok_or_else(bad)?;
        let mut rest = &line[19..];
        let mut amount_cents = None;
        if let Some(r) = rest
            .strip_prefix(' ')
            .and_then(|r| r.strip_prefix(YUAN_SIGNS))
        {
            let end = r.find(' ').unwrap_or(r.len());
            amount_cents = Some(parse_amount(&r[..end]).map_err(|_| bad())?);
            rest = &r[end..];
        } else if let Some((cents, tail)) = rest
            .strip_prefix(' ')
            .map(first_word)
            .and_then(|(w, tail)| Some((purchase_amount(w)?, tail)))
        {
            amount_cents = Some(cents);
            rest = tail;
        }
        let product = match rest.strip_prefix(' ') {
            Some(p) => Some(unescape_until(p, None).0),
            None if rest.is_empty() => None,
            None => return Err(bad()),
        };
        out.push(PurchaseRecord {
            at,
            amount_cents,
            product,
        });
    }
    Ok(out)
}

/// What opens a part of a timeline entry after its kind: a channel `[微信]`, a script
/// `「id」`, an amount `￥3999.50`, a product `《年卡》`, a change of grade `〔C→A〕`, and the
/// `«` and `¥` of older exports. (A stage change is the word with `→`.)
const ENTRY_MARKS: [char; 7] = ['[', SCRIPT_OPEN, '«', YUAN, '¥', '《', '〔'];

/// The timeline, one entry per line:
///
/// `YYYY-MM-DD HH:MM:SS KIND [CHANNEL] FROM→TO 「SCRIPT」 ￥AMOUNT 《PRODUCT》 〔GRADE→GRADE〕 TEXT`
///
/// Time local; KIND the entry kind's key (`message`, `stage_change`…); then only the parts
/// the entry has, each after one space. Channel and stages are named in Chinese when
/// `chinese` (else by key; reading takes either); a missing side of a stage change is left
/// empty (`→抛产品`), and so is a missing grade (`〔→B〕`, a first grading). Script, product and text are escaped like tags (`\`, `\n`, `\r`, and
/// the closing `」` / `》`); a text that would read as a part (it starts with a mark of
/// [`ENTRY_MARKS`],
/// or its first word has a `→`) gets a leading `\`. So any text survives, line breaks,
/// backslashes and separators included. An empty text is no text.
pub fn encode_timeline(
    entries: &[TimelineEntry],
    offset: impl Zone + Copy,
    chinese: bool,
) -> String {
    let mut out = String::with_capacity(entries.len() * 48);
    for (i, e) in entries.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        encode_entry(&mut out, e, offset, chinese);
    }
    out
}

fn encode_entry(out: &mut String, e: &TimelineEntry, offset: impl Zone + Copy, chinese: bool) {
    let stage = |s: Stage| if chinese { s.zh() } else { s.key() };
    out.push_str(&format_local(e.at, offset));
    out.push(' ');
    out.push_str(e.kind.key());
    if let Some(ch) = e.channel {
        out.push_str(" [");
        out.push_str(if chinese { ch.zh() } else { ch.key() });
        out.push(']');
    }
    if e.from_stage.is_some() || e.to_stage.is_some() {
        out.push(' ');
        out.push_str(e.from_stage.map(stage).unwrap_or(""));
        out.push('→');
        out.push_str(e.to_stage.map(stage).unwrap_or(""));
    }
    if let Some(script) = &e.script_id {
        out.push(' ');
        out.push(SCRIPT_OPEN);
        escape_into(out, script, &[SCRIPT_CLOSE]);
        out.push(SCRIPT_CLOSE);
    }
    if let Some(cents) = e.amount_cents {
        out.push(' ');
        out.push(YUAN);
        out.push_str(&format_amount(cents));
    }
    if let Some(product) = &e.product {
        out.push_str(" 《");
        escape_into(out, product, &['》']);
        out.push('》');
    }
    if let Some((from, to)) = e.grade_change {
        out.push_str(" 〔");
        out.push_str(from.map_or("", |g| g.key()));
        out.push('→');
        out.push_str(to.map_or("", |g| g.key()));
        out.push('〕');
    }
    if let Some(text) = e.text.as_deref().filter(|t| !t.is_empty()) {
        out.push(' ');
        // A text that starts with `\` is written from `\\`, which no part starts with: it
        // needs no mark (and a mark before it would read as one escaped backslash).
        if !text.starts_with('\\')
            && (text.starts_with(ENTRY_MARKS) || first_word(text).0.contains('→'))
        {
            out.push('\\');
        }
        escape_into(out, text, &[]);
    }
}

/// The text up to the first space, and the rest from that space on.
fn first_word(s: &str) -> (&str, &str) {
    s.split_at(s.find(' ').unwrap_or(s.len()))
}

/// A stage change `FROM→TO` at the start of `part`: both sides and what follows the word.
/// A word starting with `\\` is text.
fn stage_word(part: &str) -> Option<(&str, &str, &str)> {
    if part.starts_with('\\') {
        return None;
    }
    let (word, tail) = first_word(part);
    let (from, to) = word.split_once('→')?;
    Some((from, to, tail))
}

/// A change of grade `〔FROM→TO〕` at the start of `part` and what follows it. Anything else
/// (an export made before grades were written, whose text began with `〔`) is text.
fn grade_part(part: &str) -> Option<(GradeChange, &str)> {
    let r = part.strip_prefix('〔')?;
    let end = r.find('〕')?;
    let (from, to) = r[..end].split_once('→')?;
    let grade = |s: &str| -> Option<Option<Grade>> {
        if s.is_empty() {
            Some(None)
        } else {
            s.parse().ok().map(Some)
        }
    };
    let change = (grade(from)?, grade(to)?);
    let tail = &r[end + '〕'.len_utf8()..];
    (change != (None, None) && (tail.is_empty() || tail.starts_with(' '))).then_some((change, tail))
}

/// Undoes [`encode_timeline`]: the entries that read, and the lines that do not (1-based
/// line within the cell, and the line). A spreadsheet that saved the line breaks as CRLF
/// is fine; blank lines are passed over.
pub fn decode_timeline(
    cell: &str,
    offset: impl Zone + Copy,
) -> (Vec<TimelineEntry>, Vec<(usize, String)>) {
    let mut entries = Vec::new();
    let mut bad = Vec::new();
    for (i, line) in cell.split('\n').enumerate() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.trim().is_empty() {
            continue;
        }
        match decode_entry(line, offset) {
            Some(e) => entries.push(e),
            None => bad.push((i + 1, line.to_string())),
        }
    }
    (entries, bad)
}

/// One line of the timeline cell. The time is the export's `YYYY-MM-DD HH:MM:SS`, or any
/// form `parse_time` reads as one word or two (`2026/3/1 9:05`, `2026-03-01`).
fn decode_entry(line: &str, offset: impl Zone + Copy) -> Option<TimelineEntry> {
    let (date, after_date) = first_word(line);
    let (clock, after_clock) = first_word(after_date.strip_prefix(' ')?);
    let (at, rest) = match parse_time(&line[..date.len() + 1 + clock.len()], offset) {
        Some(at) => (at, after_clock),
        None => (parse_time(date, offset)?, after_date),
    };
    let (kind, mut rest) = first_word(rest.strip_prefix(' ')?);
    let mut e = TimelineEntry::new(at, kind.parse().ok()?);
    let mut stages = false;
    while let Some(part) = rest.strip_prefix(' ') {
        if e.channel.is_none()
            && let Some(r) = part.strip_prefix('[')
        {
            let end = r.find(']')?;
            e.channel = Some(r[..end].parse().ok()?);
            rest = &r[end + 1..];
        } else if e.script_id.is_none()
            && let Some((script, tail)) = script_part(part)
        {
            e.script_id = Some(script);
            rest = tail?;
        } else if e.amount_cents.is_none()
            && let Some(r) = part.strip_prefix(YUAN_SIGNS)
        {
            let (amount, tail) = first_word(r);
            e.amount_cents = Some(parse_amount(amount).ok()?);
            rest = tail;
        } else if e.product.is_none()
            && let Some(r) = part.strip_prefix('《')
        {
            let (product, tail) = unescape_until(r, Some('》'));
            e.product = Some(product);
            rest = tail?;
        } else if e.grade_change.is_none()
            && let Some((change, tail)) = grade_part(part)
        {
            e.grade_change = Some(change);
            rest = tail;
        } else if !stages && let Some((from, to, tail)) = stage_word(part) {
            let stage = |s: &str| -> Option<Option<Stage>> {
                if s.is_empty() {
                    Some(None)
                } else {
                    s.parse().ok().map(Some)
                }
            };
            e.from_stage = stage(from)?;
            e.to_stage = stage(to)?;
            if e.from_stage.is_none() && e.to_stage.is_none() {
                return None;
            }
            stages = true;
            rest = tail;
        } else {
            break;
        }
    }
    if !rest.is_empty() {
        let text = unescape_until(rest.strip_prefix(' ')?, None).0;
        e.text = (!text.is_empty()).then_some(text);
    }
    Some(e)
}

#[cfg(test)]
#[path = "cells_tests.rs"]
mod tests;
