//! Phone numbers as typed: their digits kept, an extension told apart, and a Chinese
//! number in the one spelling it is dialled at home.

use super::error::FieldError;

/// A mainland mobile (a 1 first, no country code) with a digit too few or too many: kept
/// as written, but said — 11 digits is the only length it has.
pub fn looks_like_a_mistyped_mobile(p: &str) -> bool {
    p.starts_with('1') && matches!(p.len(), 10 | 12) && p.bytes().all(|c| c.is_ascii_digit())
}

/// Keeps the digits (and a leading +) of a phone number typed with spaces or dashes. A
/// landline with its extension is refused with both parts named: the extension alone
/// cannot be dialled, and joined to the number it makes one nobody can.
pub fn normalize_phone(phone: &str) -> Result<Option<String>, FieldError> {
    let folded = super::text::fold_width(phone.trim());
    if folded.is_empty() {
        return Ok(None);
    }
    let folded = spreadsheet_number(&folded).unwrap_or(folded);
    if let Some((number, extension)) = split_extension(phone) {
        return Err(FieldError::PhoneExtension { number, extension });
    }
    let mut out = String::new();
    for c in folded.chars() {
        match c {
            '0'..='9' => out.push(c),
            // Before any digit: `+86 …`, and `(+86)…` as cards print it.
            '+' if out.is_empty() => out.push(c),
            ' ' | '-' | '(' | ')' | '.' => {}
            _ => return Err(FieldError::BadPhone(phone.to_string())),
        }
    }
    let digits = out.trim_start_matches('+').len();
    if !(3..=20).contains(&digits) {
        return Err(FieldError::PhoneDigits(phone.to_string()));
    }
    // One number, one spelling: `+86 138…` typed on one card and `138…` on another must
    // find each other (search, duplicates) and open as text in a spreadsheet.
    Ok(Some(national_phone(&out).unwrap_or(out)))
}

/// A phone a spreadsheet or a script wrote as a number: `13800001234.0` (a float column,
/// as pandas writes one with an empty cell) and `1.3800001234E10` with every digit still
/// there, as the digits they stand for. `None` for anything else, `1.38001E+10` too (its
/// last digits were rounded away: which they were, nobody can tell).
fn spreadsheet_number(s: &str) -> Option<String> {
    let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    if let Some((whole, zeros)) = s.split_once('.')
        && !zeros.is_empty()
        && zeros.bytes().all(|b| b == b'0')
        && digits(whole.strip_prefix('+').unwrap_or(whole))
    {
        return Some(whole.to_string());
    }
    let (mantissa, exponent) = s.split_once(['e', 'E'])?;
    let exponent: usize = exponent
        .strip_prefix('+')
        .unwrap_or(exponent)
        .parse()
        .ok()?;
    let (first, rest) = mantissa.split_once('.')?;
    (first.len() == 1 && digits(first) && digits(rest) && rest.len() == exponent)
        .then(|| format!("{first}{rest}"))
}

/// A Chinese number written with its country code, in the form dialled at home: `+86` or
/// `0086` before a mobile number (`+8613800001234` is `13800001234`) or before a landline's
/// area code without its 0 (`+861012345678`, Beijing, is `01012345678`), and a bare `86`
/// before a mobile number as some exports write it. `None` for anything else.
pub fn national_phone(phone: &str) -> Option<String> {
    let digits = |n: &str| n.bytes().all(|b| b.is_ascii_digit());
    let mobile = |n: &str| n.len() == 11 && n.starts_with('1') && digits(n);
    // Area codes are 10, 2x, or three digits from 3 to 9: never 0, never 1 but Beijing's.
    let landline = |n: &str| {
        (9..=11).contains(&n.len())
            && digits(n)
            && !n.starts_with('0')
            && (!n.starts_with('1') || n.starts_with("10"))
    };
    match phone
        .strip_prefix("+86")
        .or_else(|| phone.strip_prefix("0086"))
    {
        Some(n) if mobile(n) => Some(n.to_string()),
        Some(n) if landline(n) => Some(format!("0{n}")),
        Some(_) => None,
        None => phone
            .strip_prefix("86")
            .filter(|n| mobile(n))
            .map(str::to_string),
    }
}

/// Every spelling a stored phone may have for this number: itself, and for a number in
/// its national form the country-code spellings a book written before phones were stored
/// nationally may hold.
pub fn phone_spellings(phone: &str) -> Vec<String> {
    let national = national_phone(phone).unwrap_or_else(|| phone.to_string());
    let mut out = vec![national.clone()];
    let international = national.strip_prefix('0').unwrap_or(&national).to_string();
    if national_phone(&format!("+86{international}")).as_deref() == Some(national.as_str()) {
        out.push(format!("+86{international}"));
        out.push(format!("0086{international}"));
        if national.starts_with('1') {
            out.push(format!("86{international}"));
        }
    }
    if !out.iter().any(|p| p == phone) {
        out.push(phone.to_string());
    }
    out
}

/// A landline written with its extension — `010-12345678-8001`, `010-12345678 转 8001`,
/// `0755 1234 5678 ext. 12`, `分机`, `x12` — as the number (as typed) and the extension's
/// digits. `None` for anything else, a mobile number with dashes included.
pub fn split_extension(phone: &str) -> Option<(String, String)> {
    let t = super::text::fold_width(phone.trim()).to_lowercase();
    let digits_only = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    for marker in ["转", "分机", "ext.", "ext", "x", "#"] {
        if let Some((number, ext)) = t.split_once(marker) {
            let number = number.trim().trim_end_matches([',', '，', '-']).trim();
            let ext = ext.trim_start_matches([' ', '.', ':', '：', '号']).trim();
            let ext = ext.strip_suffix('号').unwrap_or(ext);
            if digits_only(ext) && ext.len() <= 6 && number.chars().any(|c| c.is_ascii_digit()) {
                return Some((number.to_string(), ext.to_string()));
            }
        }
    }
    // Area code, number, extension: 0 and 2–3 digits, 7–8 digits, 1–5 digits.
    let groups: Vec<&str> = t.split(['-', ' ']).filter(|g| !g.is_empty()).collect();
    match groups[..] {
        [area, local, ext]
            if groups.iter().all(|g| digits_only(g))
                && area.starts_with('0')
                && (3..=4).contains(&area.len())
                && (7..=8).contains(&local.len())
                && (1..=5).contains(&ext.len()) =>
        {
            Some((format!("{area}-{local}"), ext.to_string()))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_landlines_extension_is_told_apart_from_the_number() {
        let split = |s: &str| split_extension(s).map(|(n, e)| format!("{n}|{e}"));
        for (typed, parts) in [
            ("010-12345678-8001", "010-12345678|8001"),
            ("0755 1234567 12", "0755-1234567|12"),
            ("010-12345678 转 8001", "010-12345678|8001"),
            ("010-12345678转8001", "010-12345678|8001"),
            ("010-12345678 分机 567", "010-12345678|567"),
            ("010-12345678分机：567号", "010-12345678|567"),
            ("0755 8888 6666 ext. 12", "0755 8888 6666|12"),
            ("0755-88886666 EXT 12", "0755-88886666|12"),
            ("0755-88886666x12", "0755-88886666|12"),
            ("０１０－１２３４５６７８－８００１", "010-12345678|8001"),
        ] {
            assert_eq!(split(typed).as_deref(), Some(parts), "{typed}");
            assert_eq!(
                normalize_phone(typed),
                Err(FieldError::PhoneExtension {
                    number: parts.split('|').next().unwrap().to_string(),
                    extension: parts.split('|').nth(1).unwrap().to_string(),
                }),
                "{typed}"
            );
        }
        // Mobile numbers in groups, numbers with a country code, plain landlines: no.
        for plain in [
            "138-0013-8000",
            "138 0013 8000",
            "+86 138 0013 8000",
            "010-12345678",
            "0086-10-12345678",
            "12345",
            "转 8001",
        ] {
            assert_eq!(split(plain), None, "{plain}");
        }
        assert_eq!(
            normalize_phone("138-0013-8000"),
            Ok(Some("13800138000".into()))
        );
    }

    #[test]
    fn phones_keep_digits() {
        assert_eq!(
            normalize_phone("138-0000 1234"),
            Ok(Some("13800001234".into()))
        );
        assert_eq!(normalize_phone("+86 138"), Ok(Some("+86138".into())));
        assert_eq!(
            normalize_phone("+86 138 0000 1234"),
            Ok(Some("13800001234".into()))
        );
        assert_eq!(
            normalize_phone("0086-10-1234-5678"),
            Ok(Some("01012345678".into()))
        );
        assert_eq!(
            normalize_phone("+1 415 555 0100"),
            Ok(Some("+14155550100".into()))
        );
        assert_eq!(normalize_phone("１３８００"), Ok(Some("13800".into())));
        assert_eq!(normalize_phone(""), Ok(None));
        assert_eq!(
            normalize_phone("call me"),
            Err(FieldError::BadPhone("call me".into()))
        );
        assert_eq!(
            normalize_phone("12"),
            Err(FieldError::PhoneDigits("12".into()))
        );
    }

    /// A float column's `.0` is no digit, and scientific notation with all its digits is
    /// the number; rounded notation and dotted spellings are not taken for either.
    #[test]
    fn a_number_a_spreadsheet_wrote_as_a_float_keeps_its_digits() {
        for (typed, want) in [
            ("13800001234.0", "13800001234"),
            ("13900005678.00", "13900005678"),
            ("+8613800001236.0", "13800001236"),
            ("075512345678.0", "075512345678"),
            ("1.3800001243E10", "13800001243"),
            ("1.3800001243e+10", "13800001243"),
            ("１３８００００１２３４．０", "13800001234"),
            // Dots between groups are separators, as before.
            ("138.0000.1234", "13800001234"),
            ("0755.12345678", "075512345678"),
        ] {
            assert_eq!(normalize_phone(typed), Ok(Some(want.into())), "{typed}");
        }
        for rounded in ["1.38001E+10", "1.3800001243E11", "13800001234.5"] {
            assert!(
                !matches!(normalize_phone(rounded), Ok(Some(ref p)) if p == "13800001234" || p == "13800100000"),
                "{rounded}: {:?}",
                normalize_phone(rounded)
            );
        }
        assert!(normalize_phone("1.38001E+10").is_err());
    }

    #[test]
    fn chinese_numbers_drop_their_country_code() {
        for (typed, national) in [
            ("+8613800001234", Some("13800001234")),
            ("008613800001234", Some("13800001234")),
            ("8613800001234", Some("13800001234")),
            ("+8675512345678", Some("075512345678")),
            ("+86201234567", Some("0201234567")),
            ("+861012345678", Some("01012345678")),
            // Not a number from China, or not one whole: as written.
            ("+86138", None),
            ("+861234567890", None),
            ("+8601012345678", None),
            ("8675512345678", None),
            ("13800001234", None),
            ("+14155550100", None),
        ] {
            assert_eq!(national_phone(typed).as_deref(), national, "{typed}");
        }
    }

    #[test]
    fn a_number_is_looked_up_by_every_spelling_an_older_book_holds() {
        assert_eq!(
            phone_spellings("13800001234"),
            [
                "13800001234",
                "+8613800001234",
                "008613800001234",
                "8613800001234"
            ]
        );
        assert_eq!(
            phone_spellings("+8675512345678"),
            ["075512345678", "+8675512345678", "008675512345678"]
        );
        assert_eq!(phone_spellings("+14155550100"), ["+14155550100"]);
        assert_eq!(phone_spellings("12345"), ["12345"]);
    }
}
