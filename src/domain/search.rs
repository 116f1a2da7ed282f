//! Search: what a contact is found by and how a typed query is read. Every text field is
//! found from one character on (a substring of any length), names, companies, sources and
//! tags also by pinyin ([`spell`]), phone numbers by their digits.

pub mod spell;
pub mod surnames;
mod syllables;
pub mod words;

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
pub(crate) fn folded_chars(text: &str) -> impl Iterator<Item = char> + '_ {
    text.chars()
        .map(fold_width_char)
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
}

/// A number pasted with its country code (`+86 138 0000 1234`, `0086…`, `86138…`) looked up
/// as the book keeps it, dialled at home (see `phone::national_phone`); other digits as
/// they are.
fn national_digits(query: &str, digits: String) -> String {
    let written = if fold_width(query.trim()).starts_with('+') {
        format!("+{digits}")
    } else {
        digits.clone()
    };
    super::phone::national_phone(&written).unwrap_or(digits)
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
// Every index orders a contact by one 63-bit key: active contacts before archived ones,
// then the most recent activity, then the lowest id. Best first is ascending key order, so
// the best page of any lookup is its first rows — and ascending is the order FTS5 reads
// its postings in, skipping through them; backwards it decodes whole pages.

/// Set in the key of every archived contact.
pub const ARCHIVED: i64 = 1 << 62;
const ID_BITS: u32 = 30;
const ID_MASK: i64 = (1 << ID_BITS) - 1;
const RECENCY_MAX: i64 = (1 << 32) - 1;

/// The key of a contact, or `None` for an id past 2^30 − 1 (a book would need a billion
/// contacts to get there).
pub fn order_key(id: ContactId, recency_secs: i64, archived: bool) -> Option<i64> {
    if !(0..=ID_MASK).contains(&id) {
        return None;
    }
    let archived = if archived { ARCHIVED } else { 0 };
    let age = RECENCY_MAX - recency_secs.clamp(0, RECENCY_MAX);
    Some(archived | (age << ID_BITS) | id)
}

/// The contact a key belongs to.
pub fn id_of_key(key: i64) -> ContactId {
    key & ID_MASK
}

/// A key without the archived flag: recency, then id, for merging archived and active.
pub fn rank_of_key(key: i64) -> i64 {
    key & !ARCHIVED
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
    let phone = phone_digits(query)
        .map(|d| national_digits(query, d))
        .filter(|d| *d != compact);
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
