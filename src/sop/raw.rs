//! The TOML shape of a template, as written, with source spans for precise errors.

use serde::Deserialize;
use std::collections::BTreeMap;
use toml::Spanned;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTemplate {
    pub template: RawMeta,
    pub lead: Option<RawLead>,
    pub schedule: Option<RawSchedule>,
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
    #[serde(default)]
    pub tier: Vec<RawTier>,
    #[serde(default)]
    pub signal: Vec<RawSignal>,
    #[serde(default)]
    pub occasion: Vec<RawOccasion>,
    #[serde(default)]
    pub appointment: Vec<RawAppointment>,
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
    /// The "grade this lead" item: after the first touch, again after being put off.
    pub grade_after: Option<Spanned<String>>,
    pub grade_every: Option<Spanned<String>>,
    pub grade_action: Option<Spanned<String>>,
    /// The reasons a rep picks from when marking a contact lost.
    #[serde(default)]
    pub lost_reasons: Vec<Spanned<String>>,
}

/// `[schedule]`: when the rep contacts customers.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSchedule {
    /// `"09:00-21:00"`: follow-ups due outside these hours wait for their start.
    pub contact_hours: Option<Spanned<String>>,
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
    #[serde(default)]
    pub tier: BTreeMap<Spanned<String>, Spanned<f64>>,
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
    pub requires: Option<Spanned<String>>,
    #[serde(default)]
    pub variant: Vec<RawVariant>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawVariant {
    pub when: Spanned<String>,
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
    #[serde(default)]
    pub repeat: Vec<RawStep>,
    pub then: Option<Spanned<String>>,
    pub every: Option<Spanned<String>>,
    pub max_touches_per_30d: Option<Spanned<u32>>,
    pub give_up_after: Option<Spanned<u32>>,
    pub give_up_action: Option<Spanned<String>>,
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
    #[serde(default)]
    pub tags: Vec<Spanned<String>>,
    /// `false`, or how the group is derived: `auto = "purchase_count"`.
    #[serde(default)]
    pub auto: Option<RawAuto>,
    #[serde(default)]
    pub bands: Vec<f64>,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum RawAuto {
    Flag(bool),
    Rule(String),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawProduct {
    pub name: Spanned<String>,
    #[serde(default)]
    pub aliases: Vec<String>,
    pub kind: Option<Spanned<String>>,
    pub cycle_days: Spanned<u32>,
    pub remind_before_days: Option<Spanned<u32>>,
    pub remind_every_days: Option<Spanned<u32>>,
    pub sessions: Option<Spanned<u32>>,
    pub session_every_days: Option<Spanned<u32>>,
    pub renew_when_left: Option<Spanned<u32>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTier {
    pub key: Spanned<String>,
    pub name: String,
    #[serde(default)]
    pub meaning: String,
    pub min_purchases: Option<u32>,
    /// Yuan.
    pub min_amount: Option<f64>,
    pub min_inbound: Option<u32>,
    pub cadence: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSignal {
    pub id: Spanned<String>,
    pub name: Spanned<String>,
    #[serde(default)]
    pub keywords: Vec<String>,
    pub streak_days: Option<Spanned<u32>>,
    pub points: f64,
    pub window: Spanned<String>,
    pub action: Spanned<String>,
    pub script: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawOccasion {
    pub kind: Spanned<String>,
    pub action: Spanned<String>,
    pub script: Option<Spanned<String>>,
    #[serde(default)]
    pub ahead_days: u32,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAppointment {
    pub kind: Spanned<String>,
    pub name: Spanned<String>,
    pub remind: Option<Spanned<String>>,
    pub reminder_script: Option<Spanned<String>>,
    pub no_show_action: Option<String>,
    pub no_show_script: Option<Spanned<String>>,
    pub follow_after: Option<Spanned<String>>,
    pub follow_action: Option<String>,
    pub follow_script: Option<Spanned<String>>,
}
