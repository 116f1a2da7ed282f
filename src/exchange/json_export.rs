//! The JSON export: every field, the field names of `list --format json`, times in RFC 3339
//! in the offset given, amounts as decimal strings (`"3999.50"`).

use super::model::{ExportContact, PurchaseRecord};
use crate::domain::money::format_amount;
use chrono::{DateTime, FixedOffset, SecondsFormat, Utc};
use serde::Serialize;

#[derive(Serialize)]
struct ContactOut<'a> {
    id: i64,
    name: &'a str,
    honorific: Option<&'a str>,
    phone: Option<&'a str>,
    wechat: Option<&'a str>,
    email: Option<&'a str>,
    company: Option<&'a str>,
    source: Option<&'a str>,
    need: Option<&'a str>,
    budget: Option<&'a str>,
    grade: Option<&'static str>,
    stage: &'static str,
    outcome: &'static str,
    lost_reason: Option<&'a str>,
    tier: Option<&'a str>,
    lifecycle: &'static str,
    tags: Vec<String>,
    notes: Option<&'a str>,
    birthday: Option<String>,
    anniversary: Option<String>,
    owner: Option<&'a str>,
    archived: bool,
    created_at: String,
    updated_at: String,
    last_touch_at: Option<String>,
    purchases: Vec<PurchaseOut<'a>>,
}

#[derive(Serialize)]
struct PurchaseOut<'a> {
    at: String,
    amount: Option<String>,
    product: Option<&'a str>,
}

/// The contacts as a pretty-printed JSON array.
pub fn export_json(contacts: &[ExportContact], offset: FixedOffset) -> String {
    let time = |t: DateTime<Utc>| {
        t.with_timezone(&offset)
            .to_rfc3339_opts(SecondsFormat::Secs, true)
    };
    let out: Vec<ContactOut> = contacts
        .iter()
        .map(|c| ContactOut {
            id: c.id,
            name: &c.name,
            honorific: c.honorific.as_deref(),
            phone: c.phone.as_deref(),
            wechat: c.wechat.as_deref(),
            email: c.email.as_deref(),
            company: c.company.as_deref(),
            source: c.source.as_deref(),
            need: c.need.as_deref(),
            budget: c.budget.as_deref(),
            grade: c.grade.map(|g| g.key()),
            stage: c.stage.key(),
            outcome: c.outcome.key(),
            lost_reason: c.lost_reason.as_deref(),
            tier: c.tier.as_deref(),
            lifecycle: c.lifecycle.key(),
            tags: c.tags.iter().map(|t| t.to_string()).collect(),
            notes: c.notes.as_deref(),
            birthday: c.birthday.map(|d| d.format("%Y-%m-%d").to_string()),
            anniversary: c.anniversary.map(|d| d.format("%Y-%m-%d").to_string()),
            owner: c.owner.as_deref(),
            archived: c.archived,
            created_at: time(c.created_at),
            updated_at: time(c.updated_at),
            last_touch_at: c.last_touch_at.map(time),
            purchases: c.purchases.iter().map(|p| purchase(p, time)).collect(),
        })
        .collect();
    // Plain structs of strings, numbers and booleans always serialise.
    serde_json::to_string_pretty(&out).expect("serialisable")
}

fn purchase(p: &PurchaseRecord, time: impl Fn(DateTime<Utc>) -> String) -> PurchaseOut<'_> {
    PurchaseOut {
        at: time(p.at),
        amount: p.amount_cents.map(format_amount),
        product: p.product.as_deref(),
    }
}
