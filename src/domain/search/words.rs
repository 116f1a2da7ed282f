//! The words of the full-text index. Every character is a word, its code point in hex;
//! every two adjacent characters of a text are a word too, `<hex>x<hex>`, and every three
//! adjacent characters within a run of ASCII (phones, WeChat IDs, budgets, Latin words),
//! `<hex>x<hex>x<hex>`. One character is found by its word, a longer substring as the
//! phrase of its pairs, or of its triples when it is ASCII. FTS5 steps through a phrase
//! word by word, so a word found in nearly every document slows it down: pairs are far
//! rarer than single characters, and among the ten digits only triples are rare (`5035`
//! is `503 035`, not `5 0 3 5`, which every phone has).
//!
//! A name has a second, marked copy: its first word `s<hex>` and its last `<hex>z`, so an
//! exact name or a prefix is a phrase that starts with a rare word, not with a marker every
//! name would share. Hex words never hold `s`, `x` or `z`, so no word is mistaken for
//! another.

use super::folded_chars;

/// Stands between two texts of one document, and between a text's words and its pairs,
/// so no phrase runs from one into the next.
pub const BREAK: &str = "zb";

fn push_hex(out: &mut String, c: char) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let v = c as u32;
    let digits = (32 - v.leading_zeros()).div_ceil(4).max(1);
    for i in (0..digits).rev() {
        out.push(HEX[((v >> (i * 4)) & 0xf) as usize] as char);
    }
}

fn space(out: &mut String) {
    if !out.is_empty() {
        out.push(' ');
    }
}

fn push_chars(out: &mut String, chars: &[char]) {
    for &c in chars {
        space(out);
        push_hex(out, c);
    }
}

/// Appends the word of each window of `n` adjacent characters (`<hex>x<hex>…`).
fn push_windows(out: &mut String, chars: &[char], n: usize) {
    for w in chars.windows(n) {
        space(out);
        for (i, &c) in w.iter().enumerate() {
            if i > 0 {
                out.push('x');
            }
            push_hex(out, c);
        }
    }
}

/// Triples are kept for ASCII (graphic) characters only.
fn ascii(chars: &[char]) -> bool {
    chars.iter().all(char::is_ascii_graphic)
}

/// The document of several texts (folded): each text's characters, then its pairs.
pub fn document<'a>(texts: impl IntoIterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for t in texts {
        let chars: Vec<char> = folded_chars(t).collect();
        if chars.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
            out.push_str(BREAK);
        }
        push_chars(&mut out, &chars);
        if chars.len() > 1 {
            out.push(' ');
            out.push_str(BREAK);
            push_windows(&mut out, &chars, 2);
        }
        for run in chars
            .split(|c| !c.is_ascii_graphic())
            .filter(|r| r.len() > 2)
        {
            out.push(' ');
            out.push_str(BREAK);
            push_windows(&mut out, run, 3);
        }
    }
    out
}

/// The document of a name: its characters, then its marked copy.
pub fn name_document(name: &str) -> String {
    let chars: Vec<char> = folded_chars(name).collect();
    let mut out = String::new();
    push_chars(&mut out, &chars);
    out.push(' ');
    out.push_str(BREAK);
    push_marked(&mut out, &chars, true);
    out
}

/// The marked copy of `chars`: the first word `s…`, and the last `…z` when `to_end`.
fn push_marked(out: &mut String, chars: &[char], to_end: bool) {
    for (i, &c) in chars.iter().enumerate() {
        space(out);
        if i == 0 {
            out.push('s');
        }
        push_hex(out, c);
    }
    if to_end && !chars.is_empty() {
        out.push('z');
    }
}

/// Where a name query must sit in the name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InName {
    Whole,
    Start,
    Anywhere,
}

/// The full-text query for names holding `compact` (folded, not empty) as `at` says.
pub fn name_query(compact: &str, at: InName) -> String {
    let chars: Vec<char> = compact.chars().collect();
    let mut words = String::new();
    match at {
        InName::Whole => push_marked(&mut words, &chars, true),
        InName::Start => push_marked(&mut words, &chars, false),
        InName::Anywhere => push_chars(&mut words, &chars),
    }
    format!("\"{words}\"")
}

/// The full-text query for documents holding `compact` (folded, not empty) anywhere.
pub fn text_query(compact: &str) -> String {
    let chars: Vec<char> = compact.chars().collect();
    let mut words = String::new();
    match chars.len() {
        1 => push_chars(&mut words, &chars),
        n if n > 2 && ascii(&chars) => push_windows(&mut words, &chars, 3),
        _ => push_windows(&mut words, &chars, 2),
    }
    format!("\"{words}\"")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_hold_characters_pairs_and_ascii_triples() {
        assert_eq!(document(["a b", "", " ", "张"]), "61 62 zb 61x62 zb 5f20");
        assert_eq!(
            document(["a12张"]),
            "61 31 32 5f20 zb 61x31 31x32 32x5f20 zb 61x31x32"
        );
        assert_eq!(name_document("张三"), "5f20 4e09 zb s5f20 4e09z");
        assert_eq!(name_document("张"), "5f20 zb s5f20z");
    }

    #[test]
    fn queries_match_the_documents_words() {
        assert_eq!(text_query("张"), "\"5f20\"");
        assert_eq!(text_query("张三丰"), "\"5f20x4e09 4e09x4e30\"");
        assert_eq!(text_query("ab"), "\"61x62\"");
        assert_eq!(text_query("5035"), "\"35x30x33 30x33x35\"");
        assert_eq!(text_query("wx张"), "\"77x78 78x5f20\"");
        assert_eq!(name_query("张三", InName::Whole), "\"s5f20 4e09z\"");
        assert_eq!(name_query("张", InName::Whole), "\"s5f20z\"");
        assert_eq!(name_query("张三", InName::Start), "\"s5f20 4e09\"");
        assert_eq!(name_query("张三", InName::Anywhere), "\"5f20 4e09\"");
    }
}
