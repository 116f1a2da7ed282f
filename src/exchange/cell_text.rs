//! What a spreadsheet or another tool writes in a cell, read for what it means: the marks
//! that keep a number as text, the words around a phone number, a mobile a digit off, a
//! date of zeros, a CRM's result.

use crate::domain::text::{is_control, is_invisible, may_hide, strip_controls};

/// A cell as a spreadsheet user makes it keep its zeros: `'0755…` (a leading apostrophe)
/// or `="0755…"` (a formula giving text), read as the text itself.
pub fn spreadsheet_text(value: &str) -> &str {
    let v = value.trim();
    if let Some(inner) = v
        .strip_prefix("=\"")
        .and_then(|rest| rest.strip_suffix('"'))
        .filter(|inner| !inner.contains('"'))
    {
        return inner.trim();
    }
    v.strip_prefix('\'').map_or(v, str::trim)
}

/// A number with words around it as reps write them: a label before it (`手机：`, `电话:`)
/// and a remark in brackets after it (`（微信同号）`, `(晚上打)`), and whether it had the
/// remark. `None` when the cell is not that shape.
pub fn annotated_number(cell: &str) -> Option<(&str, bool)> {
    let mut v = cell.trim();
    if let Some((label, rest)) = v.split_once([':', '：'])
        && !label.chars().any(|c| c.is_ascii_digit())
    {
        v = rest.trim();
    }
    let mut remark = false;
    for (open, close) in [('（', '）'), ('(', ')'), ('【', '】'), ('[', ']')] {
        if v.ends_with(close)
            && let Some(at) = v.rfind(open)
        {
            v = v[..at].trim();
            remark = true;
            break;
        }
    }
    (v != cell.trim() && !v.is_empty()).then_some((v, remark))
}

pub use crate::domain::phone::looks_like_a_mistyped_mobile;

/// A date of zeros (`0/0/00`, `00-00-0000`): an address book's way to write none.
pub fn no_date(v: &str) -> bool {
    v.contains('0') && v.chars().all(|c| matches!(c, '0' | '/' | '-' | '.'))
}

/// A sale's result as CRMs and spreadsheets write it: `Closed Won`, `closed-lost`, 赢单, 输单.
pub fn crm_outcome(v: &str) -> Option<crate::domain::Outcome> {
    use crate::domain::Outcome;
    let key: String = v
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '_'))
        .collect::<String>()
        .to_lowercase();
    match key.as_str() {
        "closedwon" | "won" | "赢单" | "已赢单" | "签单" | "已签单" => Some(Outcome::Won),
        "closedlost" | "lost" | "输单" | "丢单" | "已丢单" => Some(Outcome::Lost),
        _ => None,
    }
}

/// How many characters of a cell the book drops as the value enters it: control
/// characters (NUL, a direction override…) and the escape sequences an ESC opens. Line
/// breaks and tabs are the cell's own layout, not counted.
pub fn hidden_controls(value: &str) -> usize {
    let layout = |c: &char| matches!(c, '\n' | '\r' | '\t');
    if !may_hide(value) || !value.chars().any(|c| is_control(c) && !layout(&c)) {
        return 0;
    }
    let count = |s: &str| s.chars().filter(|c| !layout(c)).count();
    count(value) - count(&strip_controls(value))
}

/// Whether a cell shows anything once the book has dropped its control characters: one of
/// NULs, escapes or zero-width spaces alone is an empty cell (a name made of them was
/// "too long", and kept a phone from naming the contact).
pub fn shows_something(t: &str) -> bool {
    if !may_hide(t) || !t.chars().any(|c| is_control(c) || is_invisible(c)) {
        return !t.trim().is_empty();
    }
    strip_controls(t)
        .chars()
        .any(|c| !c.is_whitespace() && !is_invisible(c))
}

#[cfg(test)]
mod tests {
    use super::{
        annotated_number, crm_outcome, looks_like_a_mistyped_mobile, no_date, spreadsheet_text,
    };
    use crate::domain::Outcome;

    #[test]
    fn text_markers_of_spreadsheets_are_read_through() {
        assert_eq!(spreadsheet_text("'13800138000"), "13800138000");
        assert_eq!(spreadsheet_text("=\"0755-86001234\""), "0755-86001234");
        assert_eq!(spreadsheet_text(" =\" 00123 \" "), "00123");
        // Anything else as it is.
        for kept in [
            "13800138000",
            "=SUM(A1)",
            "=\"a\"\"b\"",
            "wx'88",
            "\"0755\"",
        ] {
            assert_eq!(spreadsheet_text(kept), kept.trim());
        }
    }

    #[test]
    fn numbers_with_a_label_or_a_remark() {
        assert_eq!(
            annotated_number("13800138011（微信同号）"),
            Some(("13800138011", true))
        );
        assert_eq!(
            annotated_number("手机：13800138019"),
            Some(("13800138019", false))
        );
        assert_eq!(
            annotated_number("电话: 0755-86001234 (晚上打)"),
            Some(("0755-86001234", true))
        );
        assert_eq!(annotated_number("【老号】"), None);
        for plain in ["13800138011", "打不通", "0755:1234"] {
            assert_eq!(annotated_number(plain), None, "{plain}");
        }
    }

    #[test]
    fn dates_of_zeros_are_no_date() {
        for none in ["0/0/00", "00/00/0000", "0000-00-00", "0.0.0"] {
            assert!(no_date(none), "{none}");
        }
        for some in ["", "/", "2000/1/1", "0/0/01", "10/0/00", "O/O/OO"] {
            assert!(!no_date(some), "{some}");
        }
    }

    #[test]
    fn a_mobile_a_digit_short_or_long() {
        for odd in ["1380013800", "138001380011"] {
            assert!(looks_like_a_mistyped_mobile(odd), "{odd}");
        }
        for fine in ["13800138000", "075586001234", "+8613800138000", "1234567"] {
            assert!(!looks_like_a_mistyped_mobile(fine), "{fine}");
        }
    }

    #[test]
    fn crm_results_read_as_outcomes() {
        for (v, o) in [
            ("Closed Won", Outcome::Won),
            ("closed-lost", Outcome::Lost),
            ("CLOSED_WON", Outcome::Won),
            ("赢单", Outcome::Won),
            ("丢单", Outcome::Lost),
        ] {
            assert_eq!(crm_outcome(v), Some(o), "{v}");
        }
        for v in ["Negotiation", "Closed", "抛产品"] {
            assert_eq!(crm_outcome(v), None, "{v}");
        }
    }
}
