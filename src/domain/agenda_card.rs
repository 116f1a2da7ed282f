//! What the agenda needs of an item's contact, kept on each of its open follow-ups.
//!
//! The agenda shows at most a few hundred items, but on a big book each item's contact was a
//! page read of its own: most of what the agenda read. Every write re-plans the contacts it
//! touched and rewrites their open follow-ups, so a copy of the few fields the agenda shows
//! and ranks by (name, stage, grade, tier, outcome, creation time and the tags the template
//! weighs) can ride along in the follow-up's index rows and stay current.

use super::sop::Template;
use super::{Contact, ContactId, Grade, Outcome, Stage, TagRef, Tier};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// The agenda's copy of a contact (stored as compact JSON).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Card {
    #[serde(rename = "n")]
    pub name: String,
    #[serde(rename = "s")]
    pub stage: Stage,
    #[serde(rename = "g", default, skip_serializing_if = "Option::is_none")]
    pub grade: Option<Grade>,
    #[serde(rename = "t", default, skip_serializing_if = "Option::is_none")]
    pub tier: Option<Tier>,
    #[serde(rename = "o", default = "open", skip_serializing_if = "is_open")]
    pub outcome: Outcome,
    /// When the contact was created, in whole seconds (a new lead's wait).
    #[serde(rename = "c")]
    pub created: i64,
    /// The contact's tags the template weighs, as (group, tag), in the contact's order.
    #[serde(rename = "w", default, skip_serializing_if = "Vec::is_empty")]
    pub weighted: Vec<(String, String)>,
    /// Which tags the planning template weighed ([`weights_key`]): a card made under other
    /// weights may lack a tag that counts now, and is not used.
    #[serde(rename = "k", default, skip_serializing_if = "is_zero")]
    pub weights: u32,
}

fn open() -> Outcome {
    Outcome::Open
}

fn is_open(o: &Outcome) -> bool {
    *o == Outcome::Open
}

fn is_zero(k: &u32) -> bool {
    *k == 0
}

/// A fingerprint of the tags `t` weighs (FNV-1a over their names): 0 when it weighs none.
pub fn weights_key(t: &Template) -> u32 {
    if t.urgency.tags.is_empty() {
        return 0;
    }
    let mut h: u32 = 0x811c_9dc5;
    for name in t.urgency.tags.keys() {
        for b in name.bytes().chain(std::iter::once(0)) {
            h ^= u32::from(b);
            h = h.wrapping_mul(0x0100_0193);
        }
    }
    // 0 stands for "weighs none".
    h.max(1)
}

impl Card {
    /// The card of `c` as it stands, under `t`'s weights.
    pub fn of(t: &Template, c: &Contact) -> Card {
        let mut weighted: Vec<(String, String)> = c
            .tags
            .iter()
            .filter(|tag| t.urgency.tags.contains_key(&tag.to_string()))
            .map(|tag| (tag.group.clone(), tag.tag.clone()))
            .collect();
        // The book's order of a contact's tags: the order their terms are added in.
        weighted.sort();
        Card {
            name: c.name.clone(),
            stage: c.stage,
            grade: c.grade,
            tier: c.tier,
            outcome: c.outcome,
            created: c.created_at.timestamp(),
            weighted,
            weights: weights_key(t),
        }
    }

    /// The stored form.
    pub fn to_json(&self) -> String {
        // A struct of strings and numbers always serialises.
        serde_json::to_string(self).unwrap_or_default()
    }

    /// A stored card, if it can be used under the weights `weights` ([`weights_key`] of the
    /// reader's template): it parses and was made under the same. `None` sends the reader to
    /// the contact itself.
    pub fn parse(stored: &str, weights: u32) -> Option<Card> {
        let card = read_plain(stored).or_else(|| serde_json::from_str(stored).ok())?;
        (card.weights == weights).then_some(card)
    }

    /// A contact holding what the card holds, for the rules that take a [`Contact`]; the
    /// rest is empty (no contact details, free text or history times).
    pub fn stand_in(&self, id: ContactId) -> Contact {
        let created = DateTime::<Utc>::from_timestamp(self.created, 0).unwrap_or_default();
        let mut c = Contact::blank(id, &self.name, created);
        c.grade = self.grade;
        c.tier = self.tier;
        c.stage = self.stage;
        c.outcome = self.outcome;
        c.tags = self
            .weighted
            .iter()
            .map(|(group, tag)| TagRef {
                group: group.clone(),
                tag: tag.clone(),
            })
            .collect();
        c
    }
}

/// A card exactly as [`Card::to_json`] writes it, when none of its texts holds an escape:
/// the common case, read without serde's general machinery (a fifth of what the agenda did
/// per item). Anything else (an escape, another field order, extra space) is `None`, and
/// serde reads it.
fn read_plain(s: &str) -> Option<Card> {
    let mut r = Plain(s);
    r.lit("{\"n\":")?;
    let name = r.text()?;
    r.lit(",\"s\":")?;
    let stage = r.keyed(&Stage::ALL, |x| x.key())?;
    let grade = if r.eat(",\"g\":") {
        Some(r.keyed(&Grade::ALL, |x| x.key())?)
    } else {
        None
    };
    let tier = if r.eat(",\"t\":") {
        Some(r.keyed(&Tier::ALL, |x| x.key())?)
    } else {
        None
    };
    let outcome = if r.eat(",\"o\":") {
        r.keyed(&Outcome::ALL, |x| x.key())?
    } else {
        Outcome::Open
    };
    r.lit(",\"c\":")?;
    let created = r.number::<i64>()?;
    let mut weighted = Vec::new();
    if r.eat(",\"w\":[") {
        loop {
            r.lit("[")?;
            let group = r.text()?;
            r.lit(",")?;
            let tag = r.text()?;
            r.lit("]")?;
            weighted.push((group.to_string(), tag.to_string()));
            if !r.eat(",") {
                break;
            }
        }
        r.lit("]")?;
    }
    let weights = if r.eat(",\"k\":") {
        r.number::<u32>()?
    } else {
        0
    };
    r.lit("}")?;
    r.0.is_empty().then(|| Card {
        name: name.to_string(),
        stage,
        grade,
        tier,
        outcome,
        created,
        weighted,
        weights,
    })
}

/// What is left of the text being read.
struct Plain<'a>(&'a str);

impl<'a> Plain<'a> {
    fn eat(&mut self, lit: &str) -> bool {
        match self.0.strip_prefix(lit) {
            Some(rest) => {
                self.0 = rest;
                true
            }
            None => false,
        }
    }

    fn lit(&mut self, lit: &str) -> Option<()> {
        self.eat(lit).then_some(())
    }

    /// A quoted text without escapes or control characters.
    fn text(&mut self) -> Option<&'a str> {
        let rest = self.0.strip_prefix('"')?;
        // Bytes, not chars: no byte of a multi-byte character is below 0x80.
        let end = rest
            .bytes()
            .position(|b| b == b'"' || b == b'\\' || b < b' ')?;
        if rest.as_bytes()[end] != b'"' {
            return None;
        }
        self.0 = &rest[end + 1..];
        Some(&rest[..end])
    }

    /// A quoted key, one of `all`'s.
    fn keyed<T: Copy>(&mut self, all: &[T], key: impl Fn(T) -> &'static str) -> Option<T> {
        let text = self.text()?;
        all.iter().copied().find(|x| key(*x) == text)
    }

    fn number<T: std::str::FromStr>(&mut self) -> Option<T> {
        let end = self
            .0
            .bytes()
            .position(|b| !(b.is_ascii_digit() || b == b'-'))
            .unwrap_or(self.0.len());
        let n = self.0[..end].parse().ok()?;
        self.0 = &self.0[end..];
        Some(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::followup::{Track, urgency};

    use crate::domain::fixtures::{at, blank_contact, default_template as template};

    fn contact(t: &Template) -> Contact {
        let weighed: Vec<&String> = t.urgency.tags.keys().collect();
        assert!(!weighed.is_empty(), "the default template weighs some tags");
        let mut c = blank_contact(at("2026-11-02T08:30:00Z"));
        c.id = 7;
        c.name = "欧阳\"娜娜\"\\".into();
        c.grade = Some(Grade::B);
        c.tier = Some(Tier::C);
        c.stage = Stage::Resolve;
        c.outcome = Outcome::Won;
        c.tags = vec![
            "来源/无关".parse().unwrap(),
            weighed[0].parse().unwrap(),
            "A组/无关".parse().unwrap(),
        ];
        c.tags
            .sort_by(|a, b| (&a.group, &a.tag).cmp(&(&b.group, &b.tag)));
        c
    }

    #[test]
    fn a_card_keeps_what_the_terms_need_and_reads_back_whole() {
        let t = template();
        let c = contact(&t);
        let card = Card::of(&t, &c);
        assert_eq!(card.weighted.len(), 1, "only weighted tags: {card:?}");
        let back =
            Card::parse(&card.to_json(), weights_key(&t)).expect("a card made under these weights");
        assert_eq!(back, card);
        let stand_in = back.stand_in(c.id);
        let due = c.created_at + chrono::TimeDelta::days(3);
        let now = due + chrono::TimeDelta::hours(30);
        for track in [Track::Cadence, Track::FirstResponse, Track::Signal] {
            assert_eq!(
                urgency(&t, &stand_in, track, 0, due, true, now),
                urgency(&t, &c, track, 0, due, true, now),
                "{track:?}"
            );
        }
        assert_eq!(
            (stand_in.name.as_str(), stand_in.stage, stand_in.grade),
            (c.name.as_str(), c.stage, c.grade)
        );
        assert_eq!(stand_in.created_at, c.created_at);
    }

    #[test]
    fn an_open_lead_without_grade_or_tags_is_a_short_card() {
        let mut t = template();
        let mut c = contact(&t);
        t.urgency.tags.clear();
        c.outcome = Outcome::Open;
        c.grade = None;
        c.tier = None;
        let json = Card::of(&t, &c).to_json();
        assert!(
            !json.contains("\"o\"")
                && !json.contains("\"g\"")
                && !json.contains("\"t\"")
                && !json.contains("\"k\"")
                && !json.contains("\"w\""),
            "{json}"
        );
        let back = Card::parse(&json, weights_key(&t)).unwrap();
        assert_eq!(back.outcome, Outcome::Open);
        assert_eq!(back.weights, 0);
    }

    #[test]
    fn a_card_made_under_other_weights_or_unreadable_is_not_used() {
        let t = template();
        let c = contact(&t);
        let json = Card::of(&t, &c).to_json();
        let mut other = t.clone();
        other.urgency.tags.insert("来源/无关".into(), 4.0);
        assert!(Card::parse(&json, weights_key(&other)).is_none());
        // Another weight for the same tags keeps the card: only which tags count matters.
        let mut reweighed = t.clone();
        for w in reweighed.urgency.tags.values_mut() {
            *w += 1.0;
        }
        assert!(Card::parse(&json, weights_key(&reweighed)).is_some());
        assert!(Card::parse("{\"n\":1}", weights_key(&t)).is_none());
        assert!(Card::parse("", weights_key(&t)).is_none());
    }

    #[test]
    fn the_weights_key_tells_tag_sets_apart() {
        let t = template();
        let mut a = t.clone();
        a.urgency.tags.clear();
        assert_eq!(weights_key(&a), 0);
        a.urgency.tags.insert("ab/c".into(), 1.0);
        let mut b = a.clone();
        b.urgency.tags.clear();
        b.urgency.tags.insert("a/bc".into(), 1.0);
        assert_ne!(weights_key(&a), weights_key(&b));
        assert_ne!(weights_key(&a), 0);
        assert_ne!(weights_key(&a), weights_key(&t));
    }

    fn text() -> impl proptest::strategy::Strategy<Value = String> {
        proptest::string::string_regex("[a-z张三欧阳/ \"\\\\\u{1}\u{7f}é]{0,8}").unwrap()
    }

    fn card() -> impl proptest::strategy::Strategy<Value = Card> {
        use proptest::prelude::*;
        (
            text(),
            0usize..5,
            proptest::option::of(0usize..4),
            proptest::option::of(0usize..3),
            0usize..3,
            any::<i64>(),
            proptest::collection::vec((text(), text()), 0..3),
            prop_oneof![Just(0u32), any::<u32>()],
        )
            .prop_map(|(name, s, g, t, o, created, weighted, weights)| Card {
                name,
                stage: Stage::ALL[s],
                grade: g.map(|g| Grade::ALL[g]),
                tier: t.map(|t| Tier::ALL[t]),
                outcome: Outcome::ALL[o],
                created,
                weighted,
                weights,
            })
    }

    #[test]
    fn raw_control_characters_and_escapes_are_left_to_serde() {
        let ok = r#"{"n":"张三","s":"pitch","c":5}"#;
        assert_eq!(read_plain(ok).map(|c| c.name), Some("张三".to_string()));
        // serde refuses a raw control character in a text; so must the plain reader.
        let raw = "{\"n\":\"张\u{1}三\",\"s\":\"pitch\",\"c\":5}";
        assert!(serde_json::from_str::<Card>(raw).is_err());
        assert_eq!(read_plain(raw), None);
        let escaped = r#"{"n":"张\"三","s":"pitch","c":5}"#;
        assert_eq!(read_plain(escaped), None);
        assert_eq!(
            Card::parse(escaped, 0).map(|c| c.name),
            Some("张\"三".into())
        );
    }

    fn plain(t: &str) -> bool {
        !t.contains(|c: char| c == '"' || c == '\\' || c < ' ')
    }

    proptest::proptest! {
        /// The plain reader gives back every card written without escapes, and leaves the
        /// rest to serde, which reads them all.
        #[test]
        fn the_plain_reader_reads_back_what_is_written(card in card()) {
            let json = card.to_json();
            let texts_plain = plain(&card.name)
                && card.weighted.iter().all(|(g, t)| plain(g) && plain(t));
            let fast = read_plain(&json);
            proptest::prop_assert_eq!(fast.is_some(), texts_plain, "{}", json);
            if let Some(fast) = fast {
                proptest::prop_assert_eq!(&fast, &card);
            }
            proptest::prop_assert_eq!(Card::parse(&json, card.weights), Some(card));
        }

        /// Whatever text it is given, the plain reader never reads a card serde would read
        /// otherwise (or not at all).
        #[test]
        fn the_plain_reader_agrees_with_serde(
            card in card(),
            cut in 0usize..200,
            insert in proptest::option::of((0usize..200, "[ ,\\[\\]{}\":0-9a-z\u{1}-]")),
        ) {
            let mut json = card.to_json();
            if let Some((at, what)) = insert {
                let at = (0..=at.min(json.len())).rev().find(|i| json.is_char_boundary(*i)).unwrap();
                json.insert_str(at, &what);
            }
            let cut = (0..=cut.min(json.len())).rev().find(|i| json.is_char_boundary(*i)).unwrap();
            for s in [&json[..], &json[..cut]] {
                if let Some(fast) = read_plain(s) {
                    let slow: Card = serde_json::from_str(s).expect("serde reads it too");
                    proptest::prop_assert_eq!(fast, slow, "{}", s);
                }
            }
        }
    }
}
