//! Text rules shared by every layer: full-width folding, display width, and what may reach
//! a terminal.

use std::borrow::Cow;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Characters that change how a terminal or a text layout behaves instead of showing:
/// C0 controls, DEL, C1 controls, and the bidirectional overrides and isolates.
pub fn is_control(c: char) -> bool {
    c.is_control() || is_bidi_control(c)
}

/// Bidirectional embedding, override, isolate and mark characters (they reorder what
/// follows them, so a name could make a line read backwards).
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Characters that take no room and show nothing (zero-width spaces and joiners, the BOM,
/// bidi controls): a value made only of these looks empty.
pub fn is_invisible(c: char) -> bool {
    is_bidi_control(c)
        || matches!(
            c,
            '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}' | '\u{180E}'
        )
}

/// Whether `s` may hold a control or invisible character other than a line break or a tab,
/// told from its bytes: each such character is a byte below a space, DEL, or starts with
/// one of a few lead bytes (C1 and the soft hyphen 0xC2, U+061C 0xD8, U+180E 0xE1, the
/// U+2000 block's marks 0xE2, the BOM 0xEF). Most text has none, and a large import asks
/// of every cell.
pub fn may_hide(s: &str) -> bool {
    s.bytes().any(|b| HIDING_BYTES[b as usize])
}

/// The bytes [`may_hide`] looks for, as a table (one load a byte instead of a dozen tests).
static HIDING_BYTES: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        t[b] = !matches!(b as u8, b'\n' | b'\r' | b'\t');
        b += 1;
    }
    t[0x7F] = true;
    t[0xC2] = true;
    t[0xD8] = true;
    t[0xE1] = true;
    t[0xE2] = true;
    t[0xEF] = true;
    t
};

/// Drops control characters (keeping line breaks) from text as it enters the book, and
/// with an escape the whole sequence it opens (`ESC [31m`, `ESC ]0;title BEL`): without
/// its ESC, the rest of one is no one's text (a name stored as `[31m红色`).
pub fn strip_controls(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\u{1b}' {
            if c == '\n' || !is_control(c) {
                out.push(c);
            }
            continue;
        }
        match chars.next() {
            // CSI: parameters up to a final byte (@ to ~).
            Some('[') => {
                for f in chars.by_ref() {
                    if ('@'..='~').contains(&f) {
                        break;
                    }
                }
            }
            // OSC (and DCS, PM, APC, SOS): up to BEL or ESC \.
            Some(']' | 'P' | '^' | '_' | 'X') => {
                while let Some(f) = chars.next() {
                    if f == '\u{7}' {
                        break;
                    }
                    if f == '\u{1b}' {
                        chars.next_if_eq(&'\\');
                        break;
                    }
                }
            }
            // Another escape takes one ASCII character (ESC =, ESC 7); anything else after
            // a stray ESC is text and is kept (张ESC三 is 张三, not 张).
            Some(f) if (' '..='~').contains(&f) => {}
            Some(f) if f == '\n' || !is_control(f) => out.push(f),
            _ => {}
        }
    }
    out
}

/// The one output sanitiser: text from a book as it may be shown in a terminal, a table or a
/// calendar. Control characters (escape sequences, carriage returns, bidi overrides…) are
/// written out visibly as `\u{1b}` instead of being emitted; with `multiline`, line breaks
/// stay (anything else would let a contact's text rewrite the reader's screen).
pub fn display_safe(s: &str, multiline: bool) -> Cow<'_, str> {
    let bad = |c: char| is_control(c) && !(multiline && c == '\n');
    if !s.chars().any(bad) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if bad(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Marks a line break in text shown on one line (a table cell, a card's row).
pub const LINE_BREAK_MARK: &str = " ⏎ ";

/// [`display_safe`] for a place that holds one line: a note's line breaks are shown as
/// [`LINE_BREAK_MARK`] (a rep's own multi-line note reads as one), every other control
/// character escaped.
pub fn one_line(s: &str) -> Cow<'_, str> {
    if !s.contains('\n') {
        return display_safe(s, false);
    }
    Cow::Owned(display_safe(&s.replace('\n', LINE_BREAK_MARK), false).into_owned())
}

/// Folds full-width ASCII forms (Ａ-Ｚ, ０-９, ／, ？, full-width space…) to half-width,
/// so input typed with a Chinese IME compares equal to plain ASCII.
pub fn fold_width(s: &str) -> String {
    s.chars().map(fold_width_char).collect()
}

/// [`fold_width`] for one character.
pub fn fold_width_char(c: char) -> char {
    match c {
        '\u{3000}' => ' ',
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    }
}

/// Columns the text occupies in a terminal (CJK characters take two).
pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// Cuts `s` to at most `max` columns, ending with '…' when something was cut.
pub fn truncate(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > max - 1 {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

/// `s` split where it reaches `max` columns: the part that fits (never cutting a wide
/// character in two), and the rest.
pub fn split_at_width(s: &str, max: usize) -> (&str, &str) {
    let mut used = 0;
    for (i, c) in s.char_indices() {
        let w = c.width().unwrap_or(0);
        if used + w > max {
            return (&s[..i], &s[i..]);
        }
        used += w;
    }
    (s, "")
}

/// Pads `s` with spaces on the right to exactly `cols` columns (truncating first if needed).
pub fn pad(s: &str, cols: usize) -> String {
    let t = truncate(s, cols);
    let w = width(&t);
    format!("{t}{}", " ".repeat(cols.saturating_sub(w)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_at_a_display_width_never_inside_a_wide_character() {
        assert_eq!(split_at_width("发使用指南", 5), ("发使", "用指南"));
        assert_eq!(split_at_width("08:17 发使用", 7), ("08:17 ", "发使用"));
        assert_eq!(split_at_width("abc", 3), ("abc", ""));
        assert_eq!(split_at_width("abc", 0), ("", "abc"));
    }

    #[test]
    fn folds_full_width_forms() {
        assert_eq!(fold_width("ＡＢｃ１２３／？　"), "ABc123/? ");
        assert_eq!(fold_width("张三"), "张三");
    }

    #[test]
    fn control_characters_never_pass() {
        assert_eq!(display_safe("张三", false), "张三");
        assert_eq!(
            display_safe("Eve\u{1b}]52;c;ZXZpbA==\u{7}", false),
            "Eve\\u{1b}]52;c;ZXZpbA==\\u{7}"
        );
        assert_eq!(display_safe("a\nb\rc", false), "a\\u{a}b\\u{d}c");
        assert_eq!(display_safe("a\nb", true), "a\nb");
        assert_eq!(
            display_safe("\u{202e}abc\u{85}", false),
            "\\u{202e}abc\\u{85}"
        );
        assert_eq!(strip_controls("a\u{1b}[2Jb\n\u{7f}"), "ab\n");
        // Whole escape sequences go, not just their ESC.
        assert_eq!(
            strip_controls("\u{1b}[31m红色\u{1b}[0m王\u{1b}]0;pwned\u{7}公司"),
            "红色王公司"
        );
        assert_eq!(strip_controls("Eve\u{1b}]52;c;ZXZpbA==\u{1b}\\!"), "Eve!");
        assert_eq!(strip_controls("a\u{1b}=b\u{1b}"), "ab");
        assert_eq!(strip_controls("a\u{1b}\nb"), "a\nb");
        assert_eq!(strip_controls("张\u{1b}三"), "张三");
        // An unclosed sequence runs to the end.
        assert_eq!(strip_controls("a\u{1b}]0;title"), "a");
        assert_eq!(one_line("a\nb"), "a ⏎ b");
        assert_eq!(one_line("a\r\nb\u{1b}"), "a\\u{d} ⏎ b\\u{1b}");
        assert_eq!(one_line("张三"), "张三");
        assert!(is_invisible('\u{200b}') && !is_invisible('a'));
    }

    #[test]
    fn widths_and_truncation_count_columns() {
        assert_eq!(width("张三丰"), 6);
        assert_eq!(width("ab张"), 4);
        assert_eq!(truncate("张三丰", 6), "张三丰");
        assert_eq!(truncate("张三丰", 5), "张三…");
        assert_eq!(width(&truncate("张三丰", 4)), 3);
        assert_eq!(pad("张", 4), "张  ");
        assert_eq!(width(&pad("张三丰李四", 7)), 7);
    }

    #[test]
    fn truncation_never_goes_past_the_columns_given() {
        // Two columns hold the ellipsis but not a wide character before it.
        assert_eq!(truncate("张三丰", 2), "…");
        assert_eq!(truncate("张三丰", 3), "张…");
        assert_eq!(truncate("张三丰", 1), "…");
        assert_eq!(truncate("张三丰", 0), "");
        for s in ["张三丰", "ab张cd", "a张b三c", "éé张"] {
            for max in 0..=width(s) + 1 {
                let t = truncate(s, max);
                assert!(width(&t) <= max, "{s} {max}: {t}");
                assert_eq!(width(&pad(s, max)), max, "{s} {max}");
            }
        }
    }

    /// `may_hide` never misses a character that `is_control` or `is_invisible` flags
    /// (tabs and line breaks aside): every such character's first byte is among its bytes.
    #[test]
    fn may_hide_misses_no_hidden_character() {
        let layout = |c: char| matches!(c, '\n' | '\r' | '\t');
        for code in 0..=0x10FFFFu32 {
            let Some(c) = char::from_u32(code) else {
                continue;
            };
            if (is_control(c) || is_invisible(c)) && !layout(c) {
                let s = format!("张{c}三");
                assert!(may_hide(&s), "U+{code:04X}");
            }
        }
        assert!(!may_hide("张三\n李四\t王五 Hello 「方案」"));
        assert!(may_hide("a\u{1b}[31m"));
    }
}
