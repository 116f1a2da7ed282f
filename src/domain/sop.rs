//! An SOP template, validated: what to say at each stage and when to follow up.
//! Loading and checking TOML lives in `crate::sop`; these are the plain rules it produces.

pub use super::sop_parts::*;

use super::condition::Condition;
use super::sop_syntax::SyntaxError;
use super::tier::{Tier, TierRule};
use super::{Grade, Stage, TagRef};
use chrono::TimeDelta;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Template {
    pub id: String,
    pub name: String,
    pub version: u32,
    pub description: String,
    pub first_response_minutes: u32,
    /// When the rep contacts customers; `None`: at any hour.
    #[serde(default)]
    pub contact_hours: Option<ContactHours>,
    /// The item that asks the rep to grade a lead after its first conversation.
    pub grading: Option<Grading>,
    /// The usual reasons a contact is lost, for the rep to pick from.
    pub lost_reasons: Vec<String>,
    pub lifecycle: Lifecycle,
    pub urgency: UrgencyWeights,
    pub grades: Vec<GradeSop>,
    /// Exactly the five stages, in pipeline order.
    pub stages: Vec<StageSop>,
    pub cadences: BTreeMap<String, Cadence>,
    pub tag_groups: Vec<TagGroup>,
    pub products: Vec<Product>,
    /// Customer tiers, A first.
    pub tiers: Vec<TierRule>,
    /// Buying signals in what the customer writes or does.
    pub signals: Vec<Signal>,
    /// Birthdays and anniversaries.
    pub occasions: Vec<Occasion>,
    /// Kinds of dated appointment (面诊, 试听…).
    pub appointments: Vec<AppointmentKind>,
}

impl Template {
    pub fn stage(&self, stage: Stage) -> &StageSop {
        &self.stages[stage.index()]
    }

    pub fn grade(&self, grade: Grade) -> Option<&GradeSop> {
        self.grades.iter().find(|g| g.grade == grade)
    }

    pub fn script(&self, id: &str) -> Option<(&StageSop, &Script)> {
        self.stages
            .iter()
            .find_map(|st| st.scripts.iter().find(|s| s.id == id).map(|s| (st, s)))
    }

    /// The product a name stands for: its name or an alias, ignoring case, full-width forms
    /// and spaces ("年卡", "年 卡", "ＶＩＰ年卡" for an alias "vip年卡").
    pub fn product(&self, name: &str) -> Option<&Product> {
        let want = product_key(name);
        if want.is_empty() {
            return None;
        }
        // Compared as characters, not as keys made for each product: the planner asks
        // this of every tag of every contact an import or a demo seeds.
        let same = |other: &str| key_chars(other).eq(want.chars());
        self.products
            .iter()
            .find(|p| same(&p.name) || p.aliases.iter().any(|a| same(a)))
    }

    pub fn tier(&self, tier: Tier) -> Option<&TierRule> {
        self.tiers.iter().find(|t| t.tier == tier)
    }

    pub fn tag_group(&self, group: &str) -> Option<&TagGroup> {
        self.tag_groups.iter().find(|g| g.group == group)
    }

    pub fn appointment(&self, kind: &str) -> Option<&AppointmentKind> {
        let want = product_key(kind);
        self.appointments
            .iter()
            .find(|a| product_key(&a.kind) == want || product_key(&a.name) == want)
    }

    /// The tail a cadence repeats once its steps are done: its own `repeat`, else the tail
    /// of the cadence it continues as (`then`), else its last step every `every`.
    pub fn tail<'a>(&'a self, c: &'a Cadence) -> Vec<CadenceStep> {
        let mut seen = 0;
        let mut at = c;
        loop {
            if !at.repeat.is_empty() {
                return at.repeat.clone();
            }
            match at.then.as_deref().and_then(|id| self.cadences.get(id)) {
                // `then` chains are checked for loops on load; this bound is a guard.
                Some(next) if seen < 8 => {
                    at = next;
                    seen += 1;
                }
                _ => break,
            }
        }
        match (at.every, at.steps.last()) {
            (Some(every), Some(last)) => vec![CadenceStep {
                after: every,
                ..last.clone()
            }],
            _ => Vec::new(),
        }
    }
}

/// How product names compare: case, full-width forms and spaces do not count.
pub fn product_key(name: &str) -> String {
    key_chars(name).collect()
}

/// The characters of [`product_key`], one at a time.
fn key_chars(name: &str) -> impl Iterator<Item = char> + '_ {
    name.chars()
        .map(super::text::fold_width_char)
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
}

/// When and how the rep is asked to grade a lead after the first conversation.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Grading {
    /// After the first touch.
    #[serde(serialize_with = "ser_duration", deserialize_with = "de_duration")]
    pub after: TimeDelta,
    /// Asked again this long after the rep put it off (done or skipped without grading).
    #[serde(serialize_with = "ser_duration", deserialize_with = "de_duration")]
    pub every: TimeDelta,
    pub action: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Lifecycle {
    pub dormant_after_days: u32,
    pub churned_after_days: u32,
    pub mature_after_purchases: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize, Default)]
pub struct UrgencyWeights {
    pub per_overdue_day: f64,
    pub first_response_breach: f64,
    pub rotting: f64,
    pub grade: BTreeMap<Grade, f64>,
    /// For customers (after a win), in place of the grade.
    pub tier: BTreeMap<Tier, f64>,
    pub stage: BTreeMap<Stage, f64>,
    pub tags: BTreeMap<String, f64>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct GradeSop {
    pub grade: Grade,
    pub name: String,
    pub meaning: String,
    pub cadence: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StageSop {
    pub stage: Stage,
    pub name: String,
    pub goal: String,
    pub exit: Vec<String>,
    pub checklist: Vec<String>,
    pub rot_after_days: Option<u32>,
    pub materials: Vec<String>,
    pub scripts: Vec<Script>,
    pub objections: Vec<Objection>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Script {
    pub id: String,
    pub title: String,
    /// When to use it, in words for the rep.
    pub when: Option<String>,
    pub text: String,
    /// The script applies only to contacts for whom this holds (an expiring benefit is
    /// claimed only to someone who has one).
    #[serde(default, skip_serializing_if = "Condition::is_empty")]
    pub requires: Condition,
    /// Other wordings, the first whose `when` holds replacing `text`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub variants: Vec<Variant>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Variant {
    pub when: Condition,
    pub text: String,
}

impl Script {
    /// The wording for a contact: the first variant whose condition holds, else the text.
    pub fn text_for(&self, s: &dyn super::condition::Subject) -> &str {
        self.variants
            .iter()
            .find(|v| v.when.holds(s))
            .map_or(&self.text, |v| &v.text)
    }
}

impl Serialize for Condition {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

/// Read back from its written form (a built-in template's snapshot holds them so).
impl<'de> Deserialize<'de> for Condition {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Condition::parse(&text).map_err(serde::de::Error::custom)
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Objection {
    pub id: String,
    pub kind: ObjectionKind,
    pub customer: String,
    pub reply: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ObjectionKind {
    Price,
    Comparing,
    Stalling,
    Distrust,
    Privacy,
    Timing,
    Need,
    Other,
}

impl ObjectionKind {
    pub const ALL: [ObjectionKind; 8] = [
        ObjectionKind::Price,
        ObjectionKind::Comparing,
        ObjectionKind::Stalling,
        ObjectionKind::Distrust,
        ObjectionKind::Privacy,
        ObjectionKind::Timing,
        ObjectionKind::Need,
        ObjectionKind::Other,
    ];

    pub fn key(self) -> &'static str {
        match self {
            ObjectionKind::Price => "price",
            ObjectionKind::Comparing => "comparing",
            ObjectionKind::Stalling => "stalling",
            ObjectionKind::Distrust => "distrust",
            ObjectionKind::Privacy => "privacy",
            ObjectionKind::Timing => "timing",
            ObjectionKind::Need => "need",
            ObjectionKind::Other => "other",
        }
    }

    pub fn zh(self) -> &'static str {
        match self {
            ObjectionKind::Price => "嫌贵砍价",
            ObjectionKind::Comparing => "对比同类",
            ObjectionKind::Stalling => "无理由拖延",
            ObjectionKind::Distrust => "不信任",
            ObjectionKind::Privacy => "隐私顾虑",
            ObjectionKind::Timing => "时机未到",
            ObjectionKind::Need => "需求不明",
            ObjectionKind::Other => "其他",
        }
    }
}

impl fmt::Display for ObjectionKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

impl FromStr for ObjectionKind {
    type Err = SyntaxError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        ObjectionKind::ALL
            .into_iter()
            .find(|k| k.key() == s)
            .ok_or_else(|| SyntaxError::UnknownObjectionKind(s.to_string()))
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Cadence {
    pub steps: Vec<CadenceStep>,
    /// Steps repeated in turn once `steps` are done, for as long as the contact stays on
    /// the track (B weekly, C every few days).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub repeat: Vec<CadenceStep>,
    /// Another cadence whose repeating tail this one continues as (A turning into B).
    pub then: Option<String>,
    /// Repeat the last step this often after the steps (when there is no `repeat`).
    #[serde(
        serialize_with = "ser_opt_duration",
        deserialize_with = "de_opt_duration"
    )]
    pub every: Option<TimeDelta>,
    pub max_touches_per_30d: Option<u32>,
    /// Reactivation: attempts without an answer after which the contact is given up
    /// (churned, and the rep is asked to mark it lost).
    pub give_up_after: Option<u32>,
    pub give_up_action: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CadenceStep {
    #[serde(serialize_with = "ser_duration", deserialize_with = "de_duration")]
    pub after: TimeDelta,
    pub action: String,
    pub script: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TagGroup {
    pub category: String,
    pub group: String,
    pub tags: Vec<String>,
    /// Derived by salesbook from the contact's facts, never set by hand.
    pub auto: bool,
    /// How an automatic group's tag is derived.
    pub rule: Option<AutoRule>,
    /// For `monthly_spend`: the lower bound (yuan) of each tag, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub bands: Vec<f64>,
}

impl TagGroup {
    pub fn contains(&self, t: &TagRef) -> bool {
        self.group == t.group && self.tags.contains(&t.tag)
    }
}

/// Parses "30m", "12h", "3d", "2w" (a whole number and one unit).
pub fn parse_duration(s: &str) -> Result<TimeDelta, SyntaxError> {
    let bad = || SyntaxError::BadDuration(s.to_string());
    let t = s.trim();
    let unit = t.chars().last().ok_or_else(bad)?;
    let n: i64 = t[..t.len() - unit.len_utf8()].parse().map_err(|_| bad())?;
    if !(0..=100_000).contains(&n) {
        return Err(bad());
    }
    match unit {
        'm' => Ok(TimeDelta::minutes(n)),
        'h' => Ok(TimeDelta::hours(n)),
        'd' => Ok(TimeDelta::days(n)),
        'w' => Ok(TimeDelta::weeks(n)),
        _ => Err(bad()),
    }
}

/// The inverse of [`parse_duration`], in the largest whole unit.
pub fn format_duration(d: TimeDelta) -> String {
    let m = d.num_minutes();
    if m % (7 * 1440) == 0 && m != 0 {
        format!("{}w", m / (7 * 1440))
    } else if m % 1440 == 0 {
        format!("{}d", m / 1440)
    } else if m % 60 == 0 {
        format!("{}h", m / 60)
    } else {
        format!("{m}m")
    }
}

pub(super) fn ser_duration<S: serde::Serializer>(d: &TimeDelta, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&format_duration(*d))
}

pub(super) fn de_duration<'de, D: serde::Deserializer<'de>>(d: D) -> Result<TimeDelta, D::Error> {
    let text = String::deserialize(d)?;
    parse_duration(&text).map_err(serde::de::Error::custom)
}

pub(super) fn de_opt_duration<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Option<TimeDelta>, D::Error> {
    Option::<String>::deserialize(d)?
        .map(|text| parse_duration(&text).map_err(serde::de::Error::custom))
        .transpose()
}

pub(super) fn ser_opt_duration<S: serde::Serializer>(
    d: &Option<TimeDelta>,
    s: S,
) -> Result<S::Ok, S::Error> {
    match d {
        Some(d) => s.serialize_str(&format_duration(*d)),
        None => s.serialize_none(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn durations_parse_and_print() {
        assert_eq!(parse_duration("30m"), Ok(TimeDelta::minutes(30)));
        assert_eq!(parse_duration("0d"), Ok(TimeDelta::zero()));
        assert_eq!(parse_duration("2w"), Ok(TimeDelta::days(14)));
        for bad in ["3x", "", "d", "-1d", "1.5d", "3 d", "天"] {
            assert!(parse_duration(bad).is_err(), "{bad}");
        }
        assert_eq!(
            parse_duration("3x").unwrap_err(),
            SyntaxError::BadDuration("3x".into())
        );
        assert_eq!(format_duration(TimeDelta::days(14)), "2w");
        assert_eq!(format_duration(TimeDelta::hours(36)), "36h");
        assert_eq!(format_duration(TimeDelta::zero()), "0d");
    }

    #[test]
    fn durations_take_every_unit_within_bounds_and_print_the_largest_whole_unit() {
        assert_eq!(parse_duration("12h"), Ok(TimeDelta::hours(12)));
        assert_eq!(parse_duration(" 3d "), Ok(TimeDelta::days(3)));
        assert_eq!(parse_duration("100000m"), Ok(TimeDelta::minutes(100_000)));
        assert!(parse_duration("100001m").is_err());
        for (d, text) in [
            (TimeDelta::days(7), "1w"),
            (TimeDelta::days(1), "1d"),
            (TimeDelta::days(10), "10d"),
            (TimeDelta::hours(2), "2h"),
            (TimeDelta::minutes(90), "90m"),
            (TimeDelta::minutes(30), "30m"),
        ] {
            assert_eq!(format_duration(d), text);
            assert_eq!(parse_duration(text), Ok(d));
        }
    }

    #[test]
    fn durations_serialize_as_templates_write_them() {
        let step = CadenceStep {
            after: TimeDelta::hours(12),
            action: "call".into(),
            script: None,
        };
        let mut c = cadence(vec![step], None, Some(TimeDelta::weeks(2)));
        let v = serde_json::to_value(&c).unwrap();
        assert_eq!(
            (&v["steps"][0]["after"], &v["every"]),
            (&json!("12h"), &json!("2w"))
        );
        c.every = None;
        assert_eq!(serde_json::to_value(&c).unwrap()["every"], json!(null));
        let cond = Condition::parse("bought，!tier:A").unwrap();
        assert_eq!(
            serde_json::to_value(&cond).unwrap(),
            json!("bought, !tier:A")
        );
    }

    #[test]
    fn objection_kinds_are_named_and_parsed_by_key() {
        let keys = ObjectionKind::ALL.map(|k| k.key());
        let want = [
            "price",
            "comparing",
            "stalling",
            "distrust",
            "privacy",
            "timing",
            "need",
            "other",
        ];
        assert_eq!(keys, want);
        let zh = ObjectionKind::ALL.map(|k| k.zh());
        let want_zh = [
            "嫌贵砍价",
            "对比同类",
            "无理由拖延",
            "不信任",
            "隐私顾虑",
            "时机未到",
            "需求不明",
            "其他",
        ];
        assert_eq!(zh, want_zh);
        for k in ObjectionKind::ALL {
            assert_eq!(k.to_string(), k.key());
            assert_eq!(k.key().parse::<ObjectionKind>(), Ok(k));
        }
        assert_eq!(
            "cost".parse::<ObjectionKind>().unwrap_err(),
            SyntaxError::UnknownObjectionKind("cost".into())
        );
    }

    struct Who(bool);
    impl super::super::condition::Subject for Who {
        fn value(&self, _: &str, _: Option<&str>) -> Option<String> {
            None
        }
        fn tags(&self) -> &[TagRef] {
            &[]
        }
        fn kind(&self) -> Option<ProductKind> {
            None
        }
        fn tier(&self) -> Option<Tier> {
            None
        }
        fn bought(&self) -> bool {
            self.0
        }
    }

    fn script(id: &str, variants: &[(&str, &str)]) -> Script {
        let variants = variants.iter().map(|(when, text)| Variant {
            when: Condition::parse(when).unwrap(),
            text: text.to_string(),
        });
        Script {
            id: id.into(),
            title: id.into(),
            when: None,
            text: format!("{id}-text"),
            requires: Condition::parse("").unwrap(),
            variants: variants.collect(),
        }
    }

    #[test]
    fn a_script_says_the_first_variant_that_holds_else_its_text() {
        let s = script(
            "s",
            &[("bought", "老客"), ("bought", "二号"), ("!bought", "新客")],
        );
        assert_eq!(s.text_for(&Who(true)), "老客");
        assert_eq!(s.text_for(&Who(false)), "新客");
        assert_eq!(
            script("t", &[("bought", "老客")]).text_for(&Who(false)),
            "t-text"
        );
    }

    fn cadence(steps: Vec<CadenceStep>, then: Option<&str>, every: Option<TimeDelta>) -> Cadence {
        Cadence {
            steps,
            repeat: Vec::new(),
            then: then.map(str::to_string),
            every,
            max_touches_per_30d: None,
            give_up_after: None,
            give_up_action: None,
        }
    }
}
