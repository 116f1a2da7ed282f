//! Masking for reports that leave the team: phone numbers (138****1234), WeChat IDs
//! (wx***88) and, on request, names (surname + 某). Applied to the figures before any
//! format renders them, so every format hides the same things.

use super::figures::{Figures, Reason};
use super::input::BookInput;
use super::stats::Fnv;
use std::collections::HashSet;
use std::hash::BuildHasherDefault;

/// Lower-cased ASCII words.
pub(crate) type WordSet = HashSet<String, BuildHasherDefault<Fnv>>;

/// What `--mask` hides.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Mask {
    /// Phone numbers and WeChat IDs, in their fields and inside free text.
    pub contacts: bool,
    /// Names too (`--mask names`).
    pub names: bool,
}

// Phones, WeChat IDs and names are masked as the export masks them: one rule for every
// file that leaves the rep's machine (numbers written in groups, 139 1234 5678, and with
// +86 included; every two-character surname the import knows).
use crate::exchange::mask::mask_digits_in_text;
pub use crate::exchange::mask::{mask_name, mask_phone, mask_wechat};

/// Masks phone numbers and known WeChat IDs inside free text.
struct TextMasker<'a> {
    wechat_ids: &'a WordSet,
}

impl TextMasker<'_> {
    fn apply(&self, text: &str) -> String {
        mask_digits_in_text(&self.wechat_ids_masked(text))
    }

    /// The text with its WeChat IDs masked: the book's own, and any said to be one.
    fn wechat_ids_masked(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        while let Some(c) = rest.chars().next() {
            if c.is_ascii_alphanumeric() || c == '_' || c == '-' {
                // An ASCII word: a digit run long enough to be a phone, or a WeChat ID.
                let end = rest
                    .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
                    .unwrap_or(rest.len());
                let w = &rest[..end];
                if after_wechat_cue(&out) && looks_like_wechat_id(w) {
                    // An ID the book does not know, said to be one ("微信 backup_wx_01").
                    out.push_str(&mask_wechat(w));
                } else {
                    out.push_str(&self.word(w));
                }
                rest = &rest[end..];
            } else {
                out.push(c);
                rest = &rest[c.len_utf8()..];
            }
        }
        out
    }

    fn word(&self, w: &str) -> String {
        if self.wechat_ids.contains(&w.to_ascii_lowercase()) {
            mask_wechat(w)
        } else {
            w.to_string()
        }
    }
}

/// Whether the text so far ends in words that name a WeChat ID ("微信：", "加 vx ", "WeChat
/// ID:"), so the next word is one.
fn after_wechat_cue(before: &str) -> bool {
    let trimmed = before.trim_end_matches([' ', ':', '：', '是', '为', '号']);
    let lower = trimmed.to_ascii_lowercase();
    [
        "微信",
        "v信",
        "威信",
        "wx",
        "vx",
        "weixin",
        "wechat",
        "wechat id",
    ]
    .iter()
    .any(|cue| {
        lower.ends_with(cue)
                // "wx" as a word of its own, not the end of "abcwx".
                && !lower[..lower.len() - cue.len()]
                    .ends_with(|c: char| c.is_ascii_alphanumeric())
    })
}

/// WeChat's own rule for an ID: 6 to 20 letters, digits, `_` or `-`, starting with a letter.
fn looks_like_wechat_id(w: &str) -> bool {
    (6..=20).contains(&w.len())
        && w.starts_with(|c: char| c.is_ascii_alphabetic())
        && w.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

/// Calls `visit` on every piece of free text the figures carry from the book (contact names,
/// reasons, sources, script ids): the one list both masking and its word search use.
fn for_each_free_text(f: &mut Figures, mut visit: impl FnMut(&mut String)) {
    for p in f.people.values_mut() {
        visit(&mut p.name);
    }
    let mut reasons = |list: &mut Vec<Reason>| {
        for r in list.iter_mut().filter_map(|r| r.reason.as_mut()) {
            visit(r);
        }
    };
    for w in [&mut f.period, &mut f.all_time] {
        reasons(&mut w.funnel.lost_reasons);
        reasons(&mut w.cadence.total.skip_reasons);
        for s in &mut w.cadence.sections {
            reasons(&mut s.skip_reasons);
        }
    }
    for w in [&mut f.period, &mut f.all_time] {
        for g in w.by_source.iter_mut().filter_map(|g| g.key.as_mut()) {
            visit(g);
        }
        for s in &mut w.scripts {
            visit(&mut s.script);
        }
    }
    // A broken log's banner names the contact and quotes the values that differ.
    if let Some(b) = f.book.verify.broken.as_mut() {
        visit(&mut b.entity);
        visit(&mut b.detail);
    }
}

/// Names up to this many characters are looked for inside free text.
const NAME_CHARS: usize = 6;

/// The book's contact names that occur inside the figures' free text (a lost reason that
/// quotes the customer, the banner of a broken log), longest first so a name inside a
/// longer one is not masked half. Found through the texts' short substrings, so the cost
/// is one lookup per contact however large the book.
pub(crate) fn names_in_text(f: &mut Figures, input: &BookInput) -> Vec<String> {
    let mut pieces: HashSet<String, BuildHasherDefault<Fnv>> = HashSet::default();
    for_each_free_text(f, |text| {
        let chars: Vec<char> = text.chars().collect();
        for i in 0..chars.len() {
            for n in 2..=NAME_CHARS.min(chars.len() - i) {
                pieces.insert(chars[i..i + n].iter().collect());
            }
        }
    });
    if pieces.is_empty() {
        return Vec::new();
    }
    let mut names: Vec<String> = input
        .contacts
        .iter()
        .map(|c| c.name.trim())
        .filter(|n| pieces.contains(*n))
        .map(String::from)
        .collect();
    names.sort_by_key(|n| std::cmp::Reverse(n.chars().count()));
    names.dedup();
    names
}

fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '-'
}

/// The book's WeChat IDs that occur as words in the figures' free text, lower-cased. Only
/// these can need masking there, and the set stays small however large the book.
pub(crate) fn wechat_ids_in_text(f: &mut Figures, input: &BookInput) -> WordSet {
    let mut words = WordSet::default();
    for_each_free_text(f, |text| {
        for w in text
            .split(|c: char| !is_word_char(c))
            .filter(|w| !w.is_empty())
        {
            words.insert(w.to_ascii_lowercase());
        }
    });
    if words.is_empty() {
        return words;
    }
    input
        .contacts
        .iter()
        .filter_map(|c| c.wechat.as_deref())
        .map(str::trim)
        .filter(|w| {
            if w.bytes().any(|b| b.is_ascii_uppercase()) {
                words.contains(&w.to_ascii_lowercase())
            } else {
                words.contains(*w)
            }
        })
        .map(str::to_ascii_lowercase)
        .collect()
}

/// A copy of `f` with what `mask` hides masked everywhere it appears.
pub fn mask_figures(f: &Figures, mask: Mask) -> Figures {
    let mut f = f.clone();
    if !mask.contacts && !mask.names {
        return f;
    }
    let ids = std::mem::take(&mut f.wechat_ids);
    let names = std::mem::take(&mut f.names_in_text);
    let masker = TextMasker { wechat_ids: &ids };
    for_each_free_text(&mut f, |text| {
        if mask.contacts {
            *text = masker.apply(text);
        }
        if mask.names {
            for n in &names {
                if text.contains(n.as_str()) {
                    *text = text.replace(n.as_str(), &mask_name(n));
                }
            }
        }
    });
    for p in f.people.values_mut() {
        if mask.names {
            p.name = mask_name(&p.name);
        }
        if mask.contacts {
            p.phone = p.phone.as_deref().map(mask_phone);
            p.wechat = p.wechat.as_deref().map(mask_wechat);
        }
    }
    f
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones_wechat_and_names() {
        assert_eq!(mask_phone("13812341234"), "138****1234");
        assert_eq!(mask_phone("+8613812341234"), "+86138****1234");
        assert_eq!(mask_phone("88886666"), "******66");
        assert_eq!(mask_wechat("wxid_lisi88"), "wx***88");
        assert_eq!(mask_wechat("ab"), "***");
        assert_eq!(mask_name("张三丰"), "张某");
        assert_eq!(mask_name("欧阳娜娜"), "欧阳某");
        assert_eq!(mask_name("欧阳"), "欧某");
        assert_eq!(mask_name("Lily Chen"), "L***");
    }

    #[test]
    fn free_text_hides_numbers_and_known_ids() {
        let ids: WordSet = ["lisi88".to_string()].into_iter().collect();
        let m = TextMasker { wechat_ids: &ids };
        assert_eq!(m.apply("电话138-1234-5678不通"), "电话138****5678不通");
        assert_eq!(m.apply("电话13812345678不通"), "电话138****5678不通");
        assert_eq!(m.apply("加了LiSi88，预算 5000"), "加了Li***88，预算 5000");
        // An ID the book does not know, after words that say it is one.
        assert_eq!(
            m.apply("客户留了备用号13899990000 wx: backup_wx_01"),
            "客户留了备用号138****0000 wx: ba***01"
        );
        assert_eq!(m.apply("微信号：zhang_wei-88 已加"), "微信号：zh***88 已加");
        assert_eq!(m.apply("加了VX abcdef"), "加了VX ab***ef");
        assert_eq!(m.apply("WeChat ID: lily_chen"), "WeChat ID: li***en");
        // Not after a cue, or not an ID's shape: left.
        assert_eq!(m.apply("选了 backup_plan"), "选了 backup_plan");
        assert_eq!(m.apply("微信 12345678"), "微信 ******78");
        assert_eq!(m.apply("微信 ok"), "微信 ok");
        assert_eq!(m.apply("abcwx: backup_wx_01"), "abcwx: backup_wx_01");
    }

    #[test]
    fn numbers_written_in_groups_are_phones() {
        let ids = WordSet::default();
        let m = TextMasker { wechat_ids: &ids };
        assert_eq!(m.apply("手机 139 1234 5678"), "手机 139****5678");
        assert_eq!(
            m.apply("号码是 1391234 5678，晚上打"),
            "号码是 139****5678，晚上打"
        );
        assert_eq!(m.apply("电话 010-8888 6666"), "电话 010****6666");
        assert_eq!(m.apply("+86 139 1234 5678"), "+86139****5678");
        assert_eq!(m.apply("+8613912345678"), "+86139****5678");
        // Too few digits, a date or a budget's range: as they are.
        assert_eq!(m.apply("买了 2 3 盒"), "买了 2 3 盒");
        assert_eq!(m.apply("预算 5000 到 8000"), "预算 5000 到 8000");
        assert_eq!(m.apply("预算 3000-5000"), "预算 3000-5000");
    }
}
