//! Search: what a contact is found by and how a typed query is read. Every text field is
//! found from one character on (a substring of any length), names, companies, sources and
//! tags also by pinyin ([`spell`]), phone numbers by their digits.

pub mod spell;
pub mod surnames;
mod syllables;

use super::ContactId;
use super::text::{fold_width, fold_width_char};
pub use spell::{PinyinQuery, Probe, Reading};

/// Where a hit came from; lower ranks first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MatchClass {
    ExactName = 0,
    NamePrefix = 1,
    Name = 2,
    Pinyin = 3,
    Field = 4,
    Notes = 5,
}

pub fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
}

/// A text as search compares it: full-width forms folded, lowercase, without spaces (so
/// `张 三` is `张三` and `ＴＯＭ Lee` is `tomlee`).
pub fn fold(text: &str) -> String {
    folded_chars(text).collect()
}

/// The characters of [`fold`], without building the string.
fn folded_chars(text: &str) -> impl Iterator<Item = char> + '_ {
    text.chars()
        .map(fold_width_char)
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
}

/// The digits of a phone-like query ("138-0000" → "1380000"), if it is one.
pub fn phone_digits(q: &str) -> Option<String> {
    let mut digits = String::new();
    for c in fold_width(q).chars() {
        match c {
            '0'..='9' => digits.push(c),
            ' ' | '-' | '+' | '(' | ')' | '.' => {}
            _ => return None,
        }
    }
    (!digits.is_empty()).then_some(digits)
}

// ---------------------------------------------------------------------------------------
// The full-text index: every character is a word of its own, written as its code point in
// hex, so a substring of any length (one character too) is a phrase of words. Words of
// hex digits never spell the markers, which hold a `z`.

/// Marks the start of a name (a phrase starting with it finds names by their prefix).
pub const WORD_START: &str = "zs";
/// Marks the end of a name.
pub const WORD_END: &str = "ze";
/// Stands between two texts of one document, so no phrase runs from one into the next.
pub const WORD_BREAK: &str = "zb";

/// Appends the words of `text` (folded) to `out`.
pub fn push_words(out: &mut String, text: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    for c in folded_chars(text) {
        if !out.is_empty() {
            out.push(' ');
        }
        let v = c as u32;
        let digits = (32 - v.leading_zeros()).div_ceil(4).max(1);
        for i in (0..digits).rev() {
            out.push(HEX[((v >> (i * 4)) & 0xf) as usize] as char);
        }
    }
}

/// The words of several texts, a [`WORD_BREAK`] between each two.
pub fn document<'a>(texts: impl IntoIterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for t in texts {
        let before = out.len();
        if before > 0 {
            out.push(' ');
            out.push_str(WORD_BREAK);
        }
        let marked = out.len();
        push_words(&mut out, t);
        if out.len() == marked {
            // Nothing but spaces: no break for it either.
            out.truncate(before);
        }
    }
    out
}

/// The words of a name, between its start and end markers.
pub fn name_document(name: &str) -> String {
    let mut out = String::from(WORD_START);
    push_words(&mut out, name);
    out.push(' ');
    out.push_str(WORD_END);
    out
}

/// A full-text query for the phrase of `compact`'s words, between optional markers.
pub fn phrase(compact: &str, from_start: bool, to_end: bool) -> String {
    let mut words = String::new();
    if from_start {
        words.push_str(WORD_START);
    }
    push_words(&mut words, compact);
    if to_end {
        words.push(' ');
        words.push_str(WORD_END);
    }
    format!("\"{words}\"")
}

// ---------------------------------------------------------------------------------------
// Every index orders a contact by one 63-bit key: active contacts above archived ones, then
// the most recent activity, then the lowest id. Newest first is descending key order, so
// the best page of any lookup is its first rows.

/// Set in the key of every contact that is not archived.
pub const ACTIVE: i64 = 1 << 62;
const ID_BITS: u32 = 30;
const ID_MASK: i64 = (1 << ID_BITS) - 1;
const RECENCY_MAX: i64 = (1 << 32) - 1;

/// The key of a contact, or `None` for an id past 2^30 − 1 (a book would need a billion
/// contacts to get there).
pub fn order_key(id: ContactId, recency_secs: i64, archived: bool) -> Option<i64> {
    if !(0..=ID_MASK).contains(&id) {
        return None;
    }
    let active = if archived { 0 } else { ACTIVE };
    Some(active | (recency_secs.clamp(0, RECENCY_MAX) << ID_BITS) | (ID_MASK - id))
}

/// The contact a key belongs to.
pub fn id_of_key(key: i64) -> ContactId {
    ID_MASK - (key & ID_MASK)
}

/// A key without the archived flag: recency, then id, for merging archived and active.
pub fn rank_of_key(key: i64) -> i64 {
    key & !ACTIVE
}

// ---------------------------------------------------------------------------------------

/// How a typed query is looked up.
#[derive(Debug, Clone, PartialEq)]
pub struct QueryPlan {
    /// The query, folded ([`fold`]); empty when there is nothing to look up.
    pub compact: String,
    /// Digits to find in phone numbers, when the query is a number typed with separators
    /// (`138-0000`); a plain number is found as text.
    pub phone: Option<String>,
    /// The query as pinyin, when it reads as pinyin.
    pub pinyin: Option<PinyinQuery>,
    /// The ways of cutting the pinyin into syllables.
    pub probes: Vec<Probe>,
}

pub fn plan(query: &str) -> QueryPlan {
    let compact = fold(query);
    let phone = phone_digits(query).filter(|d| *d != compact);
    let pinyin = PinyinQuery::parse(&compact);
    let probes = pinyin.as_ref().map(spell::probes).unwrap_or_default();
    QueryPlan {
        compact,
        phone,
        pinyin,
        probes,
    }
}

#[cfg(test)]
mod tests;
