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

/// The first 2 and last 2 characters and three stars (the length is not told); an ID of
/// four characters or fewer keeps none (one of them is a quarter of it). The export and
/// the lead's report mask alike.
pub fn mask_wechat(id: &str) -> String {
    let chars: Vec<char> = id.chars().collect();
    let n = chars.len();
    if n <= 4 {
        return "***".to_string();
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
        // A name kept whole (阿卜杜·热合曼) keeps only its first character.
        let (family, _) = split_name(name);
        let family = if family.is_empty() {
            name.chars().take(1).collect()
        } else {
            family
        };
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
        if digits.trim_start_matches('+').len() >= 7 && !is_date(&run) && !is_range(&run) {
            out.push_str(&mask_phone(&digits));
        } else {
            out.push_str(&run);
        }
        i = end;
    }
    out
}

/// Free text (a note, a timeline entry) with what identifies someone masked: phone
/// numbers, e-mail addresses, and the contact's WeChat IDs (`wechats`: its own, and any
/// it had before) where they are written as words.
pub fn mask_free_text(text: &str, wechats: &[&str]) -> String {
    let mut text = mask_emails_in_text(&mask_digits_in_text(text));
    for id in wechats
        .iter()
        .map(|w| w.trim())
        .filter(|w| w.chars().count() >= 3)
    {
        text = replace_word(&text, id, &mask_wechat(id));
    }
    text
}

/// The values an edit's or a merge's timeline text gives for `label`: `label: A → B`
/// (both sides) and a merge's conflict `label: A`. A value ends at ` → `, `; ` or the end;
/// `—` (none) is no value.
fn logged_values<'t>(text: &'t str, label: &str) -> Vec<&'t str> {
    let mut out = Vec::new();
    let key = format!("{label}: ");
    let mut rest = text;
    while let Some(at) = rest.find(&key) {
        let before_ok = at == 0 || rest[..at].ends_with(' ');
        rest = &rest[at + key.len()..];
        if !before_ok {
            continue;
        }
        let mut value = rest;
        loop {
            let end = [value.find(" → "), value.find("; ")]
                .into_iter()
                .flatten()
                .min()
                .unwrap_or(value.len());
            let v = value[..end].trim();
            if !v.is_empty() && v != "—" {
                out.push(v);
            }
            match value[end..].strip_prefix(" → ") {
                Some(next) => value = next,
                None => break,
            }
        }
    }
    out
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

/// `3000-5000`, `500-2000`: a range of round amounts (a budget), not a phone.
fn is_range(run: &str) -> bool {
    let groups: Vec<&str> = run.split('-').collect();
    groups.len() == 2
        && groups
            .iter()
            .all(|g| g.len() >= 3 && g.ends_with("00") && g.chars().all(|c| c.is_ascii_digit()))
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
/// in the timeline's texts always, with any WeChat ID the contact had before (its edits and
/// merges name them); the name, and names it had, when `names`.
pub fn mask_contact(c: &mut ExportContact, names: bool) {
    use crate::domain::InteractionKind;
    // The IDs and names as the book holds them, to find them in the texts before they are
    // masked themselves.
    let changes: Vec<String> = c
        .timeline
        .iter()
        .filter(|e| matches!(e.kind, InteractionKind::Edited | InteractionKind::Merged))
        .filter_map(|e| e.text.clone())
        .collect();
    let mut wechats: Vec<&str> = c.wechat.as_deref().into_iter().collect();
    let mut people: Vec<String> = vec![c.name.trim().to_string()];
    // A 称呼 is often the name itself (李娜姐), or a name the name is not (王美丽-宝妈, as
    // WeCom's remark names come in): a name to mask wherever it is written.
    people.extend(c.honorific.as_deref().map(|h| h.trim().to_string()));
    for text in &changes {
        wechats.extend(logged_values(text, "wechat"));
        people.extend(logged_values(text, "name").into_iter().map(String::from));
        // A merge's text starts with the merged contact: `#12 李四`.
        if let Some(rest) = text.strip_prefix('#')
            && let Some((_, name)) = rest.split_once(' ')
        {
            people.push(name.split("; ").next().unwrap_or("").trim().to_string());
        }
    }
    // Longest first, so a name inside a longer one is not masked half.
    people.retain(|p| !p.is_empty());
    people.sort_by_key(|p| std::cmp::Reverse(p.chars().count()));
    people.dedup();
    let mask_text = |t: &str| {
        let mut t = mask_free_text(t, &wechats);
        if names {
            for p in &people {
                t = t.replace(p.as_str(), &mask_name(p));
            }
        }
        t
    };
    let notes = c.notes.as_deref().map(mask_text);
    let timeline: Vec<Option<String>> = c
        .timeline
        .iter()
        .map(|e| e.text.as_deref().map(mask_text))
        .collect();
    let followup_notes: Vec<Option<String>> = c
        .followups
        .iter()
        .map(|f| f.note.as_deref().map(mask_text))
        .collect();
    let appointment_notes: Vec<Option<String>> = c
        .appointments
        .iter()
        .map(|a| a.note.as_deref().map(mask_text))
        .collect();
    c.notes = notes;
    for (e, t) in c.timeline.iter_mut().zip(timeline) {
        e.text = t;
    }
    for (f, t) in c.followups.iter_mut().zip(followup_notes) {
        f.note = t;
    }
    for (a, t) in c.appointments.iter_mut().zip(appointment_notes) {
        a.note = t;
    }
    c.phone = c.phone.as_deref().map(mask_phone);
    c.wechat = c.wechat.as_deref().map(mask_wechat);
    c.email = c.email.as_deref().map(mask_email);
    if names {
        c.name = mask_name(&c.name);
        c.honorific = c.honorific.as_deref().map(mask_name);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// IDs and names the contact had before are in its edits and merges: masked too; a
    /// budget range is not a phone.
    #[test]
    fn earlier_ids_and_names_in_the_timeline() {
        use crate::domain::InteractionKind as K;
        use crate::exchange::model::TimelineEntry;
        let at = "2026-11-01T00:00:00Z".parse().unwrap();
        let entry = |kind, text: &str| TimelineEntry {
            text: Some(text.into()),
            ..TimelineEntry::new(at, kind)
        };
        let mut c = crate::exchange::model::ExportContact {
            id: 1,
            name: "王芳".into(),
            honorific: None,
            phone: Some("13933334444".into()),
            wechat: Some("newwx_2".into()),
            email: None,
            company: None,
            source: None,
            need: None,
            budget: Some("3000-5000".into()),
            grade: None,
            stage: crate::domain::Stage::Discover,
            outcome: crate::domain::Outcome::Open,
            lost_reason: None,
            tier: None,
            lifecycle: crate::domain::lifecycle::Lifecycle::Intro,
            tags: vec![],
            notes: Some("老客户 王芳芳 介绍".into()),
            birthday: None,
            anniversary: None,
            owner: None,
            archived: false,
            created_at: at,
            updated_at: at,
            last_touch_at: None,
            purchases: vec![],
            timeline: vec![
                entry(
                    K::Edited,
                    "name: 王芳芳 → 王芳; phone: 13811112222 → 13933334444; wechat: oldwx_secret1 → newwx_2",
                ),
                entry(
                    K::Merged,
                    "#2 欧阳娜; ≠ wechat: dupwx_secret3; budget: 3000-5000",
                ),
                entry(K::Note, "oldwx_secret1 和 dupwx_secret3 都是她"),
            ],
            followups: vec![],
            appointments: vec![],
        };
        mask_contact(&mut c, true);
        let all = format!("{:?} {:?}", c.notes, c.timeline);
        for secret in [
            "oldwx_secret1",
            "newwx_2",
            "dupwx_secret3",
            "13811112222",
            "王芳芳",
            "欧阳娜",
            "王芳 ",
        ] {
            assert!(!all.contains(secret), "{secret} in {all}");
        }
        assert_eq!(c.notes.as_deref(), Some("老客户 王某 介绍"));
        assert_eq!(
            c.timeline[1].text.as_deref(),
            Some("#2 欧阳某; ≠ wechat: du***t3; budget: 3000-5000")
        );
        assert_eq!(c.name, "王某");
        // Without `names`, the names stay and the IDs still go.
        let mut plain = c.clone();
        plain.timeline[2].text = Some("oldwx_secret1 王芳芳".into());
        plain.timeline[0].text = Some("wechat: oldwx_secret1 → x; name: 王芳芳 → 王芳".into());
        mask_contact(&mut plain, false);
        assert_eq!(plain.timeline[2].text.as_deref(), Some("ol***t1 王芳芳"));
    }

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
        assert_eq!(mask_wechat("wx88"), "***");
        assert_eq!(mask_wechat("ab"), "***");
        assert_eq!(mask_wechat("张三的微信号"), "张三***信号");
        assert_eq!(mask_email("zhangsan@qq.com"), "zh***@qq.com");
        assert_eq!(mask_name("张伟"), "张某");
        assert_eq!(mask_name("欧阳强浩"), "欧阳某");
        assert_eq!(mask_name("John Smith"), "J***");
        assert_eq!(mask_name("Émilie"), "É***");
        // Every two-character surname the book knows keeps both characters.
        assert_eq!(mask_name("漆雕开"), "漆雕某");
        assert_eq!(mask_name("淳于琼"), "淳于某");
        assert_eq!(mask_name("阿卜杜·热合曼"), "阿某");
    }

    #[test]
    fn emails_and_the_contacts_wechat_id_in_notes() {
        assert_eq!(
            mask_free_text(
                "备用 0755-86001234 邮箱 a.b@corp.com.cn，微信 WX_li88 或 wx_li888",
                &["wx_li88"]
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
        assert_eq!(mask_free_text("ab cd", &["ab"]), "ab cd");
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
