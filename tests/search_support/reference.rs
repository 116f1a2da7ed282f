//! What the spec of search says a query finds, worked out from the contacts alone: plain
//! substring tests, and a plain recursive reading of pinyin built on this file's own
//! surname table and the `pinyin` crate's dictionary. Nothing here calls salesbook's search
//! code, so comparing the two tests the index, its orders and its shortcuts.

use pinyin::ToPinyinMulti;
use salesbook::domain::search::MatchClass;
use salesbook::domain::{Contact, ContactId, Interaction, InteractionKind};

/// How surnames read, one spelling per entry, syllables separated by spaces. Surnames not
/// listed read by the dictionary's main reading.
pub const SURNAMES: &[(&str, &[&str])] = &[
    ("单", &["shan"]),
    ("曾", &["zeng"]),
    ("仇", &["qiu"]),
    ("解", &["xie"]),
    ("区", &["ou"]),
    ("查", &["zha"]),
    ("朴", &["piao"]),
    ("乐", &["yue", "le"]),
    ("覃", &["qin", "tan"]),
    ("长", &["chang"]),
    ("欧阳", &["ou yang"]),
    ("司马", &["si ma"]),
    ("上官", &["shang guan"]),
    ("诸葛", &["zhu ge"]),
    ("尉迟", &["yu chi"]),
    ("澹台", &["tan tai"]),
    ("万俟", &["mo qi"]),
];

/// Full-width forms folded, lowercase, spaces dropped.
pub fn fold(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            c => c,
        })
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

pub fn cjk(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
}

/// Every dictionary reading of `c` as it can be typed (ü as v and as u, ê as e), the main
/// reading's forms first.
pub fn typed_readings(c: char) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for p in c.to_pinyin_multi().into_iter().flatten() {
        let r = p.plain().replace('ê', "e");
        for t in [r.replace('ü', "v"), r.replace('ü', "u")] {
            if !out.contains(&t) {
                out.push(t);
            }
        }
    }
    out
}

/// One Chinese character of a text with how it may be read.
#[derive(Debug, Clone)]
pub struct Syl {
    pub ch: char,
    pub natural: Vec<String>,
    pub any: Vec<String>,
}

/// A text's Chinese characters as syllables; for a name, with its surname read as one and
/// where its given name starts.
pub fn syllables(text: &str, as_name: bool) -> (Vec<Syl>, Option<usize>) {
    let surname = as_name
        .then(|| {
            SURNAMES
                .iter()
                .filter(|(s, _)| text.starts_with(s))
                .max_by_key(|(s, _)| s.chars().count())
        })
        .flatten();
    let first_is_cjk = text.chars().next().is_some_and(cjk);
    let n_surname = match surname {
        Some((s, _)) => s.chars().count(),
        None if as_name && first_is_cjk => 1,
        None => 0,
    };
    let mut out = Vec::new();
    for (i, c) in text.chars().enumerate() {
        if !cjk(c) {
            continue;
        }
        let dict = typed_readings(c);
        if dict.is_empty() {
            continue;
        }
        let listed: Vec<String> = surname
            .filter(|_| i < n_surname)
            .map(|(_, spellings)| {
                spellings
                    .iter()
                    .map(|sp| sp.split(' ').nth(i).unwrap_or_default().to_string())
                    .collect()
            })
            .unwrap_or_default();
        let natural = if listed.is_empty() {
            let main = c.to_pinyin_multi().into_iter().flatten().next();
            let main = main
                .map(|p| p.plain().replace('ê', "e"))
                .unwrap_or_default();
            vec![main.replace('ü', "v"), main.replace('ü', "u")]
        } else {
            listed.clone()
        };
        let mut any = natural.clone();
        any.extend(listed);
        any.extend(dict);
        out.push(Syl {
            ch: c,
            natural,
            any,
        });
    }
    let given = (n_surname > 0 && out.len() > n_surname).then_some(n_surname);
    (out, given)
}

/// Whether `q` reads as exactly `span` syllables from `start`, each syllable typed as its
/// hanzi or as a non-empty prefix of one of its readings.
pub fn reads(q: &[char], syls: &[Syl], start: usize, span: usize, natural: bool) -> bool {
    if span == 0 {
        return q.is_empty();
    }
    let Some(s) = syls.get(start) else {
        return false;
    };
    if q.first() == Some(&s.ch) {
        return reads(&q[1..], syls, start + 1, span - 1, natural);
    }
    let readings = if natural { &s.natural } else { &s.any };
    readings.iter().any(|r| {
        (1..=r.len().min(q.len())).any(|k| {
            q[..k].iter().copied().eq(r[..k].chars())
                && reads(&q[k..], syls, start + 1, span - 1, natural)
        })
    })
}

/// A query is pinyin when it holds a Latin letter and only Latin letters and hanzi.
pub fn pinyin_query(compact: &str) -> Option<Vec<char>> {
    let ok = compact.chars().any(|c| c.is_ascii_lowercase())
        && compact.chars().all(|c| c.is_ascii_lowercase() || cjk(c));
    ok.then(|| compact.chars().collect())
}

fn digits(s: &str) -> String {
    s.chars().filter(char::is_ascii_digit).collect()
}

/// The digits of a phone-like query, if it is one.
pub fn phone_digits(q: &str) -> Option<String> {
    let q = fold(q);
    let d = digits(&q);
    (!d.is_empty() && q.chars().all(|c| c.is_ascii_digit() || "-+().".contains(c))).then_some(d)
}

/// A query as the reference reads it, once.
pub struct Query {
    pub text: String,
    compact: String,
    pinyin: Option<Vec<char>>,
    /// The digits to find in phone numbers.
    digits: Option<String>,
}

impl Query {
    pub fn new(q: &str) -> Query {
        let compact = fold(q);
        let digits = phone_digits(q).or_else(|| {
            compact
                .chars()
                .all(|c| c.is_ascii_digit())
                .then(|| compact.clone())
        });
        Query {
            text: q.to_string(),
            pinyin: pinyin_query(&compact),
            digits,
            compact,
        }
    }
}

/// A contact as the reference reads it: its fields folded and its texts spelled, once.
pub struct Person {
    pub contact: Contact,
    name: String,
    /// (label, folded text) of the fields besides the name, notes and timeline.
    fields: Vec<(&'static str, String)>,
    phone: String,
    notes: String,
    timeline: Vec<String>,
    name_syllables: (Vec<Syl>, Option<usize>),
    /// (label, syllables) of the company, the source and each tag's name.
    spelled: Vec<(&'static str, Vec<Syl>)>,
}

impl Person {
    pub fn new(contact: Contact, timeline: &[Interaction]) -> Person {
        let f = |v: &Option<String>| v.as_deref().map(fold).unwrap_or_default();
        let mut fields = vec![
            ("honorific", f(&contact.honorific)),
            ("company", f(&contact.company)),
            ("source", f(&contact.source)),
            ("wechat", f(&contact.wechat)),
            ("need", f(&contact.need)),
            ("budget", f(&contact.budget)),
        ];
        fields.extend(contact.tags.iter().map(|t| ("tags", fold(&t.to_string()))));
        let mut spelled: Vec<(&'static str, Vec<Syl>)> = Vec::new();
        for (label, text) in [("company", &contact.company), ("source", &contact.source)] {
            if let Some(t) = text {
                spelled.push((label, syllables(t, false).0));
            }
        }
        for t in &contact.tags {
            spelled.push(("tags", syllables(&t.tag, false).0));
        }
        Person {
            name: fold(&contact.name),
            phone: contact.phone.as_deref().map(digits).unwrap_or_default(),
            notes: f(&contact.notes),
            timeline: timeline
                .iter()
                .filter(|i| i.kind != InteractionKind::Edited)
                .filter_map(|i| i.text.as_deref().map(fold))
                .collect(),
            name_syllables: syllables(&contact.name, true),
            fields,
            spelled,
            contact,
        }
    }

    /// How `q` reads as this name: whether it needs a reading other than the natural one,
    /// and the fewest syllables it spans that way.
    pub fn name_rank(&self, q: &[char]) -> Option<(bool, usize)> {
        let (syls, given) = &self.name_syllables;
        let natural = (1..=syls.len()).find(|&span| reads(q, syls, 0, span, true));
        let other = (1..=syls.len()).find(|&span| {
            reads(q, syls, 0, span, false) || given.is_some_and(|g| reads(q, syls, g, span, false))
        });
        natural
            .map(|span| (false, span))
            .or(other.map(|span| (true, span)))
    }

    /// The labels `matched` may rightly carry for a hit of `class` on `q`.
    pub fn labels(&self, q: &Query, class: MatchClass) -> Vec<&'static str> {
        let compact = &q.compact;
        let mut out = Vec::new();
        match class {
            MatchClass::ExactName | MatchClass::NamePrefix | MatchClass::Name => out.push("name"),
            MatchClass::Pinyin => out.push("pinyin"),
            MatchClass::Field => {
                if q.digits.as_ref().is_some_and(|d| self.phone.contains(d)) {
                    out.push("phone");
                }
                for (label, text) in &self.fields {
                    if text.contains(compact) && !out.contains(label) {
                        out.push(label);
                    }
                }
                if let Some(qc) = &q.pinyin {
                    for (label, syls) in &self.spelled {
                        let reads_it = (1..=syls.len()).any(|span| reads(qc, syls, 0, span, false));
                        if reads_it && !out.contains(label) {
                            out.push(label);
                        }
                    }
                }
            }
            MatchClass::Notes => {
                if self.notes.contains(compact) {
                    out.push("notes");
                }
                if self.timeline.iter().any(|t| t.contains(compact)) {
                    out.push("timeline");
                }
            }
        }
        out
    }

    /// How this contact matches `q`, if it does: its class, and for pinyin whether a
    /// reading other than the natural one was needed and the syllables spanned.
    pub fn classify(&self, q: &Query) -> Option<(MatchClass, bool, usize)> {
        let compact = &q.compact;
        if compact.is_empty() {
            return None;
        }
        if self.name == *compact {
            return Some((MatchClass::ExactName, false, 0));
        }
        if self.name.starts_with(compact.as_str()) {
            return Some((MatchClass::NamePrefix, false, 0));
        }
        if self.name.contains(compact.as_str()) {
            return Some((MatchClass::Name, false, 0));
        }
        if let Some(qc) = &q.pinyin
            && let Some((other, span)) = self.name_rank(qc)
        {
            return Some((MatchClass::Pinyin, other, span));
        }
        [MatchClass::Field, MatchClass::Notes]
            .into_iter()
            .find(|class| !self.labels(q, *class).is_empty())
            .map(|class| (class, false, 0))
    }
}

/// Every contact `q` finds, best first: by class (pinyin: natural readings first, then
/// the fewest syllables), then most recent activity, then lowest id.
/// Each with whether it is archived.
pub fn expected(people: &[Person], q: &Query) -> Vec<(ContactId, MatchClass, bool)> {
    let mut out: Vec<(MatchClass, bool, usize, i64, ContactId, bool)> = people
        .iter()
        .filter_map(|p| {
            p.classify(q).map(|(class, other, span)| {
                let c = &p.contact;
                let recency = -c.last_activity().timestamp();
                (class, other, span, recency, c.id, c.archived)
            })
        })
        .collect();
    out.sort();
    out.into_iter()
        .map(|(class, _, _, _, id, archived)| (id, class, archived))
        .collect()
}
