//! The TOML shape of a template, as written, with source spans for precise errors.

use serde::Deserialize;
use std::collections::BTreeMap;
use toml::Spanned;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTemplate {
    pub template: RawMeta,
    pub lead: Option<RawLead>,
    pub lifecycle: RawLifecycle,
    pub urgency: Option<RawUrgency>,
    #[serde(default)]
    pub grade: Vec<RawGrade>,
    #[serde(default)]
    pub stage: Vec<RawStage>,
    #[serde(default)]
    pub cadence: BTreeMap<Spanned<String>, RawCadence>,
    #[serde(default)]
    pub tag_group: Vec<RawTagGroup>,
    #[serde(default)]
    pub product: Vec<RawProduct>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawMeta {
    pub id: Spanned<String>,
    pub name: Spanned<String>,
    pub version: Spanned<u32>,
    #[serde(default)]
    pub description: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawLead {
    pub first_response_minutes: Spanned<u32>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawLifecycle {
    pub dormant_after_days: Spanned<u32>,
    pub churned_after_days: Spanned<u32>,
    #[serde(default)]
    pub mature_after_purchases: Option<u32>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawUrgency {
    #[serde(default)]
    pub per_overdue_day: Option<Spanned<f64>>,
    #[serde(default)]
    pub first_response_breach: Option<Spanned<f64>>,
    #[serde(default)]
    pub rotting: Option<Spanned<f64>>,
    #[serde(default)]
    pub grade: BTreeMap<Spanned<String>, Spanned<f64>>,
    #[serde(default)]
    pub stage: BTreeMap<Spanned<String>, Spanned<f64>>,
    #[serde(default)]
    pub tags: BTreeMap<Spanned<String>, Spanned<f64>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawGrade {
    pub key: Spanned<String>,
    pub name: String,
    #[serde(default)]
    pub meaning: String,
    pub cadence: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawStage {
    pub key: Spanned<String>,
    pub name: Option<String>,
    pub goal: Spanned<String>,
    #[serde(default)]
    pub exit: Vec<String>,
    #[serde(default)]
    pub checklist: Vec<String>,
    pub rot_after_days: Option<Spanned<u32>>,
    #[serde(default)]
    pub materials: Vec<String>,
    #[serde(default)]
    pub script: Vec<RawScript>,
    #[serde(default)]
    pub objection: Vec<RawObjection>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawScript {
    pub id: Spanned<String>,
    pub title: String,
    pub when: Option<String>,
    pub text: Spanned<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawObjection {
    pub id: Spanned<String>,
    pub kind: Spanned<String>,
    pub customer: String,
    pub reply: Spanned<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCadence {
    #[serde(default)]
    pub steps: Vec<RawStep>,
    pub every: Option<Spanned<String>>,
    pub max_touches_per_30d: Option<Spanned<u32>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawStep {
    pub after: Spanned<String>,
    pub action: Spanned<String>,
    pub script: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTagGroup {
    pub category: Spanned<String>,
    pub group: Spanned<String>,
    pub tags: Vec<Spanned<String>>,
    #[serde(default)]
    pub auto: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawProduct {
    pub name: Spanned<String>,
    pub cycle_days: Spanned<u32>,
    pub remind_before_days: Option<Spanned<u32>>,
}
