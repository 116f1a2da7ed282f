//! Text rules shared by every layer: full-width folding and display width.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

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
    fn folds_full_width_forms() {
        assert_eq!(fold_width("ＡＢｃ１２３／？　"), "ABc123/? ");
        assert_eq!(fold_width("张三"), "张三");
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
}
