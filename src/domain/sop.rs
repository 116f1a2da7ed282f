//! An SOP template, validated: what to say at each stage and when to follow up.
//! Loading and checking TOML lives in `crate::sop`; these are the plain rules it produces.

use super::{Grade, Stage, TagRef};
use chrono::TimeDelta;
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

#[derive(Debug, Clone, Serialize)]
pub struct Template {
    pub id: String,
    pub name: String,
    pub version: u32,
    pub description: String,
    pub first_response_minutes: u32,
    pub lifecycle: Lifecycle,
    pub urgency: UrgencyWeights,
    pub grades: Vec<GradeSop>,
    /// Exactly the five stages, in pipeline order.
    pub stages: Vec<StageSop>,
    pub cadences: BTreeMap<String, Cadence>,
    pub tag_groups: Vec<TagGroup>,
    pub products: Vec<Product>,
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

    pub fn product(&self, name: &str) -> Option<&Product> {
        self.products.iter().find(|p| p.name == name)
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Lifecycle {
    pub dormant_after_days: u32,
    pub churned_after_days: u32,
    pub mature_after_purchases: u32,
}

#[derive(Debug, Clone, Serialize, Default)]
pub struct UrgencyWeights {
    pub per_overdue_day: f64,
    pub first_response_breach: f64,
    pub rotting: f64,
    pub grade: BTreeMap<Grade, f64>,
    pub stage: BTreeMap<Stage, f64>,
    pub tags: BTreeMap<String, f64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct GradeSop {
    pub grade: Grade,
    pub name: String,
    pub meaning: String,
    pub cadence: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
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

#[derive(Debug, Clone, Serialize)]
pub struct Script {
    pub id: String,
    pub title: String,
    pub when: Option<String>,
    pub text: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Objection {
    pub id: String,
    pub kind: ObjectionKind,
    pub customer: String,
    pub reply: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
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
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        ObjectionKind::ALL
            .into_iter()
            .find(|k| k.key() == s)
            .ok_or_else(|| {
                format!(
                    "unknown objection kind '{s}'; accepted: {}",
                    ObjectionKind::ALL.map(|k| k.key()).join(", ")
                )
            })
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Cadence {
    pub steps: Vec<CadenceStep>,
    /// Repeat interval after the last step (reactivation).
    #[serde(serialize_with = "ser_opt_duration")]
    pub every: Option<TimeDelta>,
    pub max_touches_per_30d: Option<u32>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CadenceStep {
    #[serde(serialize_with = "ser_duration")]
    pub after: TimeDelta,
    pub action: String,
    pub script: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TagGroup {
    pub category: String,
    pub group: String,
    pub tags: Vec<String>,
    pub auto: bool,
}

impl TagGroup {
    pub fn contains(&self, t: &TagRef) -> bool {
        self.group == t.group && self.tags.contains(&t.tag)
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Product {
    pub name: String,
    pub cycle_days: u32,
    pub remind_before_days: u32,
}

/// Parses "30m", "12h", "3d", "2w" (a whole number and one unit).
pub fn parse_duration(s: &str) -> Result<TimeDelta, String> {
    let bad = || {
        format!(
            "bad duration '{s}'; expected a whole number and a unit m, h, d or w, e.g. \"30m\", \"12h\", \"3d\", \"2w\""
        )
    };
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

fn ser_duration<S: serde::Serializer>(d: &TimeDelta, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&format_duration(*d))
}

fn ser_opt_duration<S: serde::Serializer>(d: &Option<TimeDelta>, s: S) -> Result<S::Ok, S::Error> {
    match d {
        Some(d) => s.serialize_str(&format_duration(*d)),
        None => s.serialize_none(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_parse_and_print() {
        assert_eq!(parse_duration("30m"), Ok(TimeDelta::minutes(30)));
        assert_eq!(parse_duration("0d"), Ok(TimeDelta::zero()));
        assert_eq!(parse_duration("2w"), Ok(TimeDelta::days(14)));
        for bad in ["3x", "", "d", "-1d", "1.5d", "3 d", "天"] {
            assert!(parse_duration(bad).is_err(), "{bad}");
        }
        assert!(parse_duration("3x").unwrap_err().contains("'3x'"));
        assert_eq!(format_duration(TimeDelta::days(14)), "2w");
        assert_eq!(format_duration(TimeDelta::hours(36)), "36h");
        assert_eq!(format_duration(TimeDelta::zero()), "0d");
    }
}
