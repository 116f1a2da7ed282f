//! Search keys for contacts and how a typed query is read: Chinese substrings, pinyin
//! (full, initials, prefixes, every reading of a heteronym), phone digits, plain text.

use super::text::fold_width;
use pinyin::ToPinyinMulti;

/// Where a hit came from; lower ranks first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MatchClass {
    ExactName = 0,
    NamePrefix = 1,
    Name = 2,
    Pinyin = 3,
    Field = 4,
    Notes = 5,
}

/// Pinyin forms are also stored cut to this many letters: the shortest queries match the
/// most names, so they get an exact, ordered lookup; longer ones scan a narrow key range.
pub const PINYIN_PREFIX_MAX: usize = 4;

/// Caps the readings combined for one name (a name of four heteronyms would explode).
const MAX_COMBOS: usize = 64;

pub fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
}

/// Folds full-width forms, lowercases Latin letters, trims.
pub fn normalize(q: &str) -> String {
    fold_width(q.trim()).to_lowercase()
}

/// Every plain reading of a character, with ü typed as v (and as u).
pub fn readings(c: char) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    if let Some(multi) = c.to_pinyin_multi() {
        for p in multi {
            let plain = p.plain();
            for r in [plain.replace('ü', "v"), plain.replace('ü', "u")] {
                if !out.contains(&r) {
                    out.push(r);
                }
            }
        }
    }
    out
}

/// The Latin strings a name can be typed as from its first character: each character as a
/// full syllable or its initial, in every reading. `true` marks forms that use only each
/// character's main reading (they rank first).
pub fn pinyin_forms(name: &str) -> Vec<(String, bool)> {
    let mut forms: Vec<(String, bool)> = vec![(String::new(), true)];
    for c in name.chars() {
        let options: Vec<(String, bool)> = if is_cjk(c) {
            let rs = readings(c);
            if rs.is_empty() {
                return finish(forms);
            }
            let main = rs[0].clone();
            let mut opts: Vec<(String, bool)> = Vec::new();
            for r in rs {
                let initial = r[..1].to_string();
                let is_main = r == main || main.starts_with(&r);
                for o in [r, initial] {
                    let primary = is_main || main.starts_with(&o);
                    match opts.iter_mut().find(|(x, _)| *x == o) {
                        Some(e) => e.1 |= primary,
                        None => opts.push((o, primary)),
                    }
                }
            }
            opts
        } else if c.is_ascii_alphanumeric() {
            vec![(c.to_ascii_lowercase().to_string(), true)]
        } else {
            continue;
        };
        let mut next = Vec::new();
        'outer: for (f, fp) in &forms {
            for (o, op) in &options {
                next.push((format!("{f}{o}"), *fp && *op));
                if next.len() >= MAX_COMBOS {
                    break 'outer;
                }
            }
        }
        forms = next;
    }
    finish(forms)
}

fn finish(mut forms: Vec<(String, bool)>) -> Vec<(String, bool)> {
    forms.retain(|f| !f.0.is_empty());
    // Main-reading forms sort first among equals, so dedup keeps them.
    forms.sort_by(|a, b| (&a.0, !a.1).cmp(&(&b.0, !b.1)));
    forms.dedup_by(|b, a| a.0 == b.0);
    forms
}

/// Pinyin index keys for a name: every full form, of the whole name and of the given name
/// (without the surname), plus their first [`PINYIN_PREFIX_MAX`] letters. Each key has a
/// rank: 0 when some main-reading form of the whole name gives it, 1 otherwise.
pub fn pinyin_keys(name: &str) -> Vec<(String, u8)> {
    let chars: Vec<char> = name.chars().collect();
    let mut forms: Vec<(String, u8)> = pinyin_forms(name)
        .into_iter()
        .map(|(f, main)| (f, if main { 0 } else { 1 }))
        .collect();
    if chars.len() >= 2 {
        let given: String = chars[1..].iter().collect();
        forms.extend(pinyin_forms(&given).into_iter().map(|(f, _)| (f, 1)));
    }
    let mut keys: Vec<(String, u8)> = Vec::new();
    for (f, rank) in forms {
        for len in 1..=f.len().min(PINYIN_PREFIX_MAX) {
            keys.push((f[..len].to_string(), rank));
        }
        keys.push((f, rank));
    }
    keys.sort();
    keys.dedup_by(|b, a| a.0 == b.0);
    keys
}

/// Whether a stored key set finds the (Latin) query `q`: exact for short queries, by
/// prefix of a full form for longer ones — the same rule the store's lookup follows.
pub fn keys_find(keys: &[(String, u8)], q: &str) -> bool {
    if q.len() <= PINYIN_PREFIX_MAX {
        keys.iter().any(|(k, _)| k == q)
    } else {
        keys.iter().any(|(k, _)| k.starts_with(q))
    }
}

/// Short-gram keys of a contact with the class each earns: from the name (exact, prefix,
/// inside) and from other short fields (honorific, company).
pub fn gram_keys(name: &str, short_text: &str) -> Vec<(String, MatchClass)> {
    let mut out: Vec<(String, MatchClass)> = Vec::new();
    for g in short_grams(name) {
        let class = if g == name {
            MatchClass::ExactName
        } else if name.starts_with(&g) {
            MatchClass::NamePrefix
        } else {
            MatchClass::Name
        };
        out.push((g, class));
    }
    for g in short_grams(short_text) {
        if !out.iter().any(|(x, _)| *x == g) {
            out.push((g, MatchClass::Field));
        }
    }
    out
}

/// The one- and two-character substrings of the CJK runs in `text`, for short queries.
pub fn short_grams(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let chars: Vec<char> = text.chars().collect();
    for i in 0..chars.len() {
        if !is_cjk(chars[i]) {
            continue;
        }
        out.push(chars[i].to_string());
        if let Some(&n) = chars.get(i + 1)
            && is_cjk(n)
        {
            out.push(format!("{}{n}", chars[i]));
        }
    }
    out.sort();
    out.dedup();
    out
}

/// The digits of a phone-like query ("138-0000" → "1380000"), if it is one.
pub fn phone_digits(q: &str) -> Option<String> {
    let mut digits = String::new();
    for c in q.chars() {
        match c {
            '0'..='9' => digits.push(c),
            ' ' | '-' | '+' | '(' | ')' => {}
            _ => return None,
        }
    }
    (!digits.is_empty()).then_some(digits)
}

/// What kinds of lookup a query calls for.
#[derive(Debug, Clone, PartialEq)]
pub struct QueryPlan {
    /// The normalised query.
    pub text: String,
    /// All CJK, one or two characters: the short-gram index.
    pub short_cjk: bool,
    /// Pinyin strings to look up (hanzi in a mixed query replaced by their readings).
    pub pinyin: Vec<String>,
    /// The hanzi a pinyin hit must contain (from a mixed query like 张s).
    pub pinyin_must_contain: Vec<char>,
    /// Digits for a phone search.
    pub phone: Option<String>,
    /// Long enough for the trigram index.
    pub trigram: bool,
}

pub fn plan(query: &str) -> QueryPlan {
    let text = normalize(query);
    let chars: Vec<char> = text.chars().filter(|c| !c.is_whitespace()).collect();
    let n_cjk = chars.iter().filter(|c| is_cjk(**c)).count();
    let has_latin = chars.iter().any(|c| c.is_ascii_alphabetic());
    let short_cjk = n_cjk == chars.len() && (1..=2).contains(&n_cjk);
    let mut pinyin = Vec::new();
    let mut must = Vec::new();
    if has_latin
        && chars
            .iter()
            .all(|c| c.is_ascii_alphanumeric() || is_cjk(*c))
    {
        let mut forms: Vec<String> = vec![String::new()];
        for &c in &chars {
            let opts: Vec<String> = if is_cjk(c) {
                must.push(c);
                readings(c)
            } else {
                vec![c.to_string()]
            };
            forms = forms
                .iter()
                .flat_map(|f| opts.iter().map(move |o| format!("{f}{o}")))
                .take(MAX_COMBOS)
                .collect();
        }
        forms.sort();
        forms.dedup();
        pinyin = forms;
    }
    let phone = phone_digits(&text).filter(|d| d.len() >= 3);
    QueryPlan {
        trigram: text.chars().count() >= 3,
        text,
        short_cjk,
        pinyin,
        pinyin_must_contain: must,
        phone,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(name: &str) -> Vec<(String, u8)> {
        pinyin_keys(name)
    }

    #[test]
    fn main_readings_rank_first() {
        let k = keys("邓静嘉");
        let rank = |q: &str| k.iter().find(|(x, _)| x == q).map(|(_, r)| *r);
        assert_eq!(rank("dj"), Some(0));
        assert_eq!(
            rank("shan"),
            Some(1),
            "a second reading of 邓 ranks after the main one"
        );
        assert_eq!(rank("deng"), Some(0));
        assert_eq!(
            k.iter()
                .find(|(x, _)| x.starts_with("shanjing"))
                .map(|x| x.1),
            Some(1)
        );
    }

    #[test]
    fn initials_full_and_prefixes_of_a_name() {
        let k = keys("张三丰");
        for q in [
            "z",
            "zs",
            "zsf",
            "zhang",
            "zhangs",
            "zhangsan",
            "zhangsanfeng",
            "zsanf",
            "sf",
            "sanfeng",
        ] {
            assert!(keys_find(&k, q), "{q} should find 张三丰");
        }
        for q in ["zx", "zhangx", "sanz"] {
            assert!(!keys_find(&k, q), "{q} should not find 张三丰");
        }
    }

    #[test]
    fn surname_heteronyms_are_all_indexed() {
        for (name, reading) in [
            ("单雄信", "shan"),
            ("曾国藩", "zeng"),
            ("仇英", "qiu"),
            ("解缙", "xie"),
            ("区伟", "ou"),
            ("查良镛", "zha"),
            ("朴树", "piao"),
            ("乐嘉", "yue"),
            ("乐嘉", "le"),
            ("覃雨", "qin"),
        ] {
            let forms = pinyin_forms(name);
            assert!(
                forms.iter().any(|(f, _)| f.starts_with(reading)),
                "{name} as {reading}: {forms:?}"
            );
        }
    }

    #[test]
    fn u_umlaut_types_as_v_or_u() {
        let forms: Vec<String> = pinyin_forms("吕").into_iter().map(|f| f.0).collect();
        assert!(forms.contains(&"lv".to_string()) && forms.contains(&"lu".to_string()));
    }

    #[test]
    fn grams_cover_one_and_two_characters() {
        let g = short_grams("张三丰a李");
        let mut expected = vec!["张", "张三", "三", "三丰", "丰", "李"];
        expected.sort();
        assert_eq!(g, expected);
    }

    #[test]
    fn plans_read_the_query() {
        let p = plan("张三");
        assert!(p.short_cjk && p.pinyin.is_empty() && !p.trigram);
        let p = plan("ＺＳ");
        assert_eq!(p.pinyin, ["zs"]);
        let p = plan("张s");
        assert_eq!(p.pinyin, ["zhangs"]);
        assert_eq!(p.pinyin_must_contain, ['张']);
        let p = plan("zhang三");
        assert_eq!(p.pinyin, ["zhangsan"]);
        let p = plan("138-0000");
        assert_eq!(p.phone.as_deref(), Some("1380000"));
        assert!(plan("ab").phone.is_none() && plan("12").phone.is_none());
        assert!(plan("预算高").trigram);
    }
}
