//! Masking personal data for `export --mask` and for reports that leave the rep's machine:
//! phone 138****1234, WeChat ID wx***88, e-mail zh***@qq.com, and names (when asked)
//! surname + 某.

use super::model::ExportContact;
use super::names::{is_cjk, split_name};

/// Keeps the first 3 and last 4 digits of a phone (after a `+86`), stars in between.
/// Short numbers keep only their last 2 digits; very short ones nothing.
pub fn mask_phone(phone: &str) -> String {
    let (prefix, national) = match phone.strip_prefix("+86") {
        Some(rest) => ("+86", rest),
        None => ("", phone),
    };
    let chars: Vec<char> = national.chars().collect();
    let n = chars.len();
    let kept: String = match n {
        0..=4 => "*".repeat(n),
        5..=8 => format!(
            "{}{}",
            "*".repeat(n - 2),
            chars[n - 2..].iter().collect::<String>()
        ),
        _ => format!(
            "{}{}{}",
            chars[..3].iter().collect::<String>(),
            "*".repeat(n - 7),
            chars[n - 4..].iter().collect::<String>()
        ),
    };
    format!("{prefix}{kept}")
}

/// The first 2 and last 2 characters and three stars (the length is not told); a short ID
/// keeps only its first character.
pub fn mask_wechat(id: &str) -> String {
    let chars: Vec<char> = id.chars().collect();
    let n = chars.len();
    if n <= 4 {
        return format!(
            "{}***",
            chars.first().map(|c| c.to_string()).unwrap_or_default()
        );
    }
    format!(
        "{}***{}",
        chars[..2].iter().collect::<String>(),
        chars[n - 2..].iter().collect::<String>()
    )
}

/// The mailbox masked like a WeChat ID, the domain kept.
pub fn mask_email(email: &str) -> String {
    match email.rsplit_once('@') {
        Some((local, domain)) => {
            let keep: String = local.chars().take(2).collect();
            format!("{keep}***@{domain}")
        }
        None => mask_wechat(email),
    }
}

/// A Chinese name becomes its family name + 某 (张伟 → 张某, 欧阳强浩 → 欧阳某); another
/// name its first letter and stars.
pub fn mask_name(name: &str) -> String {
    let name = name.trim();
    if name.chars().next().is_some_and(is_cjk) {
        let (family, _) = split_name(name);
        return format!("{family}某");
    }
    let first: String = name.chars().take(1).collect();
    format!("{first}***")
}

/// Phone numbers in free text (a number written into a note) masked as phones: runs of 7
/// or more digits, which may be broken by single dashes or spaces (`139-8765-4321`,
/// `0755 8765 1234`).
pub fn mask_digits_in_text(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let starts_number = chars[i].is_ascii_digit()
            || (chars[i] == '+' && chars.get(i + 1).is_some_and(char::is_ascii_digit));
        if !starts_number {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        // The run: digits, and a separator only between two digits.
        let mut end = i + 1;
        while end < chars.len() {
            let c = chars[end];
            let joins = matches!(c, '-' | ' ')
                && chars.get(end + 1).is_some_and(char::is_ascii_digit)
                && chars[end - 1].is_ascii_digit();
            if c.is_ascii_digit() || joins {
                end += 1;
            } else {
                break;
            }
        }
        let run: String = chars[i..end].iter().collect();
        let digits: String = run
            .chars()
            .filter(|c| *c == '+' || c.is_ascii_digit())
            .collect();
        if digits.trim_start_matches('+').len() >= 7 && !is_date(&run) {
            out.push_str(&mask_phone(&digits));
        } else {
            out.push_str(&run);
        }
        i = end;
    }
    out
}

/// Free text (a note, a timeline entry) with what identifies someone masked: phone
/// numbers, e-mail addresses, and the contact's own WeChat ID (`wechat`) where it is
/// written as a word.
pub fn mask_free_text(text: &str, wechat: Option<&str>) -> String {
    let text = mask_emails_in_text(&mask_digits_in_text(text));
    match wechat.map(str::trim).filter(|w| w.chars().count() >= 3) {
        Some(id) => replace_word(&text, id, &mask_wechat(id)),
        None => text,
    }
}

/// E-mail addresses in free text masked as e-mails: a local part, `@`, a domain with a dot.
pub fn mask_emails_in_text(text: &str) -> String {
    let local = |c: char| c.is_ascii_alphanumeric() || "._%+-".contains(c);
    let domain = |c: char| c.is_ascii_alphanumeric() || ".-".contains(c);
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('@') {
        let start = rest[..at]
            .char_indices()
            .rev()
            .take_while(|(_, c)| local(*c))
            .last()
            .map_or(at, |(i, _)| i);
        let end = at
            + 1
            + rest[at + 1..]
                .char_indices()
                .find(|(_, c)| !domain(*c))
                .map_or(rest.len() - at - 1, |(i, _)| i);
        let host = rest[at + 1..end].trim_end_matches('.');
        let end = at + 1 + host.len();
        if start < at && host.contains('.') && !host.starts_with('.') {
            out.push_str(&rest[..start]);
            out.push_str(&mask_email(&rest[start..end]));
            rest = &rest[end..];
        } else {
            out.push_str(&rest[..=at]);
            rest = &rest[at + 1..];
        }
    }
    out.push_str(rest);
    out
}

/// `text` with each occurrence of `word` (ignoring ASCII case) that is not part of a
/// longer ASCII word replaced by `by`.
fn replace_word(text: &str, word: &str, by: &str) -> String {
    let lower = text.to_ascii_lowercase();
    let want = word.to_ascii_lowercase();
    let joins = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_');
    let mut out = String::with_capacity(text.len());
    let mut from = 0;
    while let Some(found) = lower[from..].find(&want) {
        let at = from + found;
        let end = at + want.len();
        let alone = !joins(text[..at].chars().next_back()) && !joins(text[end..].chars().next());
        out.push_str(&text[from..at]);
        out.push_str(if alone { by } else { &text[at..end] });
        from = end;
    }
    out.push_str(&text[from..]);
    out
}

/// `2026-11-30`, `2026-1-3`: a date, not a phone.
fn is_date(run: &str) -> bool {
    let groups: Vec<&str> = run.split('-').collect();
    groups.len() == 3
        && groups[0].len() == 4
        && groups[1..].iter().all(|g| (1..=2).contains(&g.len()))
        && groups.iter().all(|g| g.chars().all(|c| c.is_ascii_digit()))
}

/// Masks a contact for export: phone, WeChat ID, e-mail and phone numbers in the note and
/// in the timeline's texts always; the name too when `names`.
pub fn mask_contact(c: &mut ExportContact, names: bool) {
    // The ID as the book holds it, to find it in the texts before it is masked itself.
    let wechat = c.wechat.clone();
    let wechat = wechat.as_deref();
    c.phone = c.phone.as_deref().map(mask_phone);
    c.wechat = c.wechat.as_deref().map(mask_wechat);
    c.email = c.email.as_deref().map(mask_email);
    c.notes = c.notes.as_deref().map(|t| mask_free_text(t, wechat));
    for e in &mut c.timeline {
        e.text = e.text.as_deref().map(|t| mask_free_text(t, wechat));
    }
    if names {
        c.name = mask_name(&c.name);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones() {
        assert_eq!(mask_phone("13812341234"), "138****1234");
        assert_eq!(mask_phone("+8613812341234"), "+86138****1234");
        assert_eq!(mask_phone("075512345678"), "075*****5678");
        assert_eq!(mask_phone("12345"), "***45");
        assert_eq!(mask_phone("110"), "***");
    }

    #[test]
    fn wechat_ids_emails_names() {
        assert_eq!(mask_wechat("wxid_zhang88"), "wx***88");
        assert_eq!(mask_wechat("wx88"), "w***");
        assert_eq!(mask_wechat("张三的微信号"), "张三***信号");
        assert_eq!(mask_email("zhangsan@qq.com"), "zh***@qq.com");
        assert_eq!(mask_name("张伟"), "张某");
        assert_eq!(mask_name("欧阳强浩"), "欧阳某");
        assert_eq!(mask_name("John Smith"), "J***");
    }

    #[test]
    fn emails_and_the_contacts_wechat_id_in_notes() {
        assert_eq!(
            mask_free_text(
                "备用 0755-86001234 邮箱 a.b@corp.com.cn，微信 WX_li88 或 wx_li888",
                Some("wx_li88")
            ),
            "备用 075*****1234 邮箱 a.***@corp.com.cn，微信 wx***88 或 wx_li888"
        );
        // Not an address: no local part, no dot in the domain, a lone @.
        for kept in ["@张三 你好", "a@localhost", "x @ y.com", "邮箱@", "me@.com"] {
            assert_eq!(mask_emails_in_text(kept), kept);
        }
        assert_eq!(
            mask_emails_in_text("写信到 li@qq.com."),
            "写信到 li***@qq.com."
        );
        // A short ID is not looked for in the text (it would match ordinary words).
        assert_eq!(mask_free_text("ab cd", Some("ab")), "ab cd");
    }

    #[test]
    fn phones_in_notes() {
        assert_eq!(
            mask_digits_in_text("其他电话：13900001234, 工号 12345"),
            "其他电话：139****1234, 工号 12345"
        );
        // Dashes and spaces inside a number; a date and short numbers left alone.
        assert_eq!(
            mask_digits_in_text("备用 139-8765-4321，座机 0755 8765 1234。+86 138 0013 8000"),
            "备用 139****4321，座机 075*****1234。+86138****8000"
        );
        assert_eq!(
            mask_digits_in_text("2026-11-30 来过 3 次, 12 34"),
            "2026-11-30 来过 3 次, 12 34"
        );
    }
}
