//! Amounts of money, kept as whole cents (分) so sums are exact.

/// Parses "3999", "3999.5", "3,999.00", "￥3999" into cents.
pub fn parse_amount(s: &str) -> Result<i64, crate::domain::error::FieldError> {
    let bad = || crate::domain::error::FieldError::BadAmount(s.to_string());
    let t: String = crate::domain::text::fold_width(s.trim())
        .chars()
        .filter(|c| !matches!(c, ',' | '￥' | '¥' | ' '))
        .collect();
    // 元 / 块 said after the number; 万 and 千 (w, k) as a rep writes a big amount.
    let t = t.trim_end_matches(['元', '块']);
    let (t, unit): (&str, i64) = match t.char_indices().next_back() {
        Some((i, '万' | 'w' | 'W')) => (&t[..i], 10_000),
        Some((i, '千' | 'k' | 'K')) => (&t[..i], 1_000),
        _ => (t, 1),
    };
    if t.is_empty() || t.starts_with('-') {
        return Err(bad());
    }
    let (whole, frac) = t.split_once('.').unwrap_or((t, ""));
    if whole.is_empty() || !whole.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad());
    }
    // Cents at most: two decimals, or as many more as the unit carries (1.2345万).
    let places = 2 + unit.ilog10() as usize;
    if frac.len() > places || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad());
    }
    let whole: i64 = whole.parse().map_err(|_| bad())?;
    let frac_units: i64 = format!("{frac:0<places$}").parse().map_err(|_| bad())?;
    whole
        .checked_mul(unit * 100)
        .and_then(|w| w.checked_add(frac_units))
        .filter(|cents| *cents <= MAX_CENTS)
        .ok_or_else(bad)
}

/// The largest amount a sale or a purchase may have: 100,000,000 元 (1 亿). Sums of a whole
/// book stay exact in every report format (a JSON reader's numbers are exact to 2^53).
pub const MAX_CENTS: i64 = 100_000_000 * 100;

/// 399950 → "3999.50"; whole amounts print without decimals.
pub fn format_amount(cents: i64) -> String {
    if cents % 100 == 0 {
        format!("{}", cents / 100)
    } else {
        format!("{}.{:02}", cents / 100, cents % 100)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_formats() {
        assert_eq!(parse_amount("3999"), Ok(399900));
        assert_eq!(parse_amount("3,999.5"), Ok(399950));
        assert_eq!(parse_amount("￥12.05"), Ok(1205));
        assert_eq!(parse_amount("１２"), Ok(1200));
        // As reps write big amounts.
        assert_eq!(parse_amount("1.2万"), Ok(1_200_000));
        assert_eq!(parse_amount("3千元"), Ok(300_000));
        assert_eq!(parse_amount("2.5w"), Ok(2_500_000));
        assert_eq!(parse_amount("399元"), Ok(39_900));
        assert_eq!(parse_amount("1.23456万"), Ok(1_234_560));
        for bad in ["万", "1.2345678万", "1万万", "-1万", "1.2.3万"] {
            assert!(parse_amount(bad).is_err(), "{bad}");
        }
        for bad in ["", "-3", "abc", "1.234", "1.2.3", ".5"] {
            assert!(parse_amount(bad).is_err(), "{bad}");
        }
        assert_eq!(format_amount(399950), "3999.50");
        assert_eq!(format_amount(1200), "12");
        // Up to 1 亿 元, to the cent.
        assert_eq!(parse_amount("100000000"), Ok(MAX_CENTS));
        assert_eq!(
            parse_amount("1万万"),
            Err(crate::domain::error::FieldError::BadAmount("1万万".into()))
        );
        for too_big in ["100000000.01", "10001万", "99999999999999"] {
            assert!(parse_amount(too_big).is_err(), "{too_big}");
        }
    }

    #[test]
    fn a_sign_is_not_part_of_an_amount() {
        // Rust's integer parser takes a leading '+'; an amount typed by a rep does not.
        for bad in ["+5", "+5.50", "-0", "-.5", "5.+5", "5.-5"] {
            assert!(parse_amount(bad).is_err(), "{bad}");
        }
    }
}
