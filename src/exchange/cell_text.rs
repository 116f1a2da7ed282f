//! What a spreadsheet user writes around a value in a cell: the marks that keep a number
//! as text, and the words around a phone number.

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

#[cfg(test)]
mod tests {
    use super::{annotated_number, spreadsheet_text};

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
}
