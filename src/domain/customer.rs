//! After the sale: the customer's tier, repurchase reminders (each purchase its own, repeated
//! until the customer buys again), the sessions of a course and its renewal, and yearly
//! occasions (birthday, anniversary).

use super::Stage;
use super::followup::{Facts, MIN_GAP, Planned, Purchase, Track};
use super::sop::{OccasionKind, Product, Template};
use super::tier::{CustomerStats, Tier, tier_of};
use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, TimeDelta, Utc};

/// Purchases, spend and the customer's own activity since the first purchase.
pub fn stats(f: &Facts) -> CustomerStats {
    let first = f.purchases.iter().map(|p| p.at).min();
    CustomerStats {
        purchases: f.purchases.len() as u32,
        amount_cents: f.purchases.iter().filter_map(|p| p.amount_cents).sum(),
        inbound: first.map_or(0, |first| {
            f.inbound.iter().filter(|i| i.at >= first).count() as u32
        }),
    }
}

pub fn tier(t: &Template, f: &Facts) -> Option<Tier> {
    tier_of(&t.tiers, &stats(f))
}

fn repurchase_script(t: &Template) -> Option<String> {
    let scripts = &t.stage(Stage::Aftercare).scripts;
    scripts
        .iter()
        .find(|s| s.id == "repurchase-reminder")
        .or_else(|| {
            scripts
                .iter()
                .find(|s| s.id.contains("repurchase") || s.id.contains("renewal"))
        })
        .map(|s| s.id.clone())
}

/// Whether the customer bought the same product again after `p`.
fn bought_again(t: &Template, f: &Facts, p: &Purchase, product: &Product) -> bool {
    f.purchases.iter().any(|q| {
        q.id != p.id
            && (q.at, q.id) > (p.at, p.id)
            && q.product
                .as_deref()
                .and_then(|name| t.product(name))
                .is_some_and(|x| x.name == product.name)
    })
}

/// Reminder `n` for `purchase`, the first due at `first`, each later one `every` after the
/// rep dealt with the one before (done or skipped): reminders repeat until a new purchase.
fn reminders(
    f: &Facts,
    purchase: i64,
    first: DateTime<Utc>,
    every: TimeDelta,
) -> (u32, DateTime<Utc>) {
    let mut closed: Vec<&super::followup::Closed> = f
        .closed
        .iter()
        .filter(|c| c.track == Track::Repurchase && c.purchase_id == Some(purchase))
        .collect();
    closed.sort_by_key(|c| (c.step, c.at));
    match closed.iter().map(|c| c.at).max() {
        Some(last) => (closed.len() as u32, last + every.max(MIN_GAP)),
        None => (0, first),
    }
}

pub fn repurchases(t: &Template, f: &Facts) -> Vec<Planned> {
    let mut out = Vec::new();
    for p in f.purchases {
        let Some(product) = p.product.as_deref().and_then(|name| t.product(name)) else {
            continue;
        };
        if product.sessions.is_some() || bought_again(t, f, p, product) {
            continue;
        }
        let first = p.at
            + TimeDelta::days(
                product
                    .cycle_days
                    .saturating_sub(product.remind_before_days) as i64,
            );
        let every = TimeDelta::days(product.remind_every_days as i64);
        let (step, due) = reminders(f, p.id, first, every);
        let mut item = Planned::new(
            Track::Repurchase,
            step,
            due,
            format!("{}：{}", Track::Repurchase.zh(), product.name),
        );
        item.purchase_id = Some(p.id);
        item.script = repurchase_script(t);
        out.push(item);
    }
    out
}

/// A course of sessions: each planned after the one before, and renewal asked once only a
/// few are left (instead of by the product's cycle).
pub fn sessions(t: &Template, f: &Facts) -> Vec<Planned> {
    let mut out = Vec::new();
    for p in f.purchases {
        let Some(product) = p.product.as_deref().and_then(|name| t.product(name)) else {
            continue;
        };
        let Some(total) = product.sessions else {
            continue;
        };
        let mut closed: Vec<&super::followup::Closed> = f
            .closed
            .iter()
            .filter(|c| c.track == Track::Session && c.purchase_id == Some(p.id))
            .collect();
        closed.sort_by_key(|c| c.at);
        // A session done was used; one skipped did not happen, and the course moves on.
        let used = closed.iter().filter(|c| !c.skipped).count() as u32;
        let next = closed.len() as u32;
        let last = closed.last().map_or(p.at, |c| c.at);
        if next < total {
            let due = last + TimeDelta::days(product.session_every_days as i64).max(MIN_GAP);
            let mut item = Planned::new(
                Track::Session,
                next,
                due,
                format!(
                    "{} {}/{}：{}",
                    Track::Session.zh(),
                    next + 1,
                    total,
                    product.name
                ),
            );
            item.purchase_id = Some(p.id);
            out.push(item);
        }
        let left = total.saturating_sub(used);
        if left <= product.renew_when_left && !bought_again(t, f, p, product) {
            // Due when the threshold was reached: the close that left this few.
            let reached = closed
                .iter()
                .filter(|c| !c.skipped)
                .nth((total.saturating_sub(product.renew_when_left) as usize).saturating_sub(1))
                .map_or(p.at, |c| c.at);
            let every = TimeDelta::days(product.remind_every_days as i64);
            let (step, due) = reminders(f, p.id, reached, every);
            let mut item = Planned::new(
                Track::Repurchase,
                step,
                due,
                format!(
                    "{}：{}（{left}/{total}）",
                    Track::Repurchase.zh(),
                    product.name
                ),
            );
            item.purchase_id = Some(p.id);
            item.script = repurchase_script(t);
            out.push(item);
        }
    }
    out
}

/// The date in `year`; 29 February is kept on 28 February in other years.
fn in_year(d: NaiveDate, year: i32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, d.month(), d.day())
        .or_else(|| NaiveDate::from_ymd_opt(year, d.month(), d.day() - 1))
}

/// How many years of occasions a plan holds: any change to the contact plans them again
/// from its year, so they never run out for a contact someone works with.
const YEARS_AHEAD: i32 = 3;

/// Birthdays and anniversaries: a follow-up on each day (09:00 local), shown `ahead_days`
/// before, gone a week after.
pub fn occasions(t: &Template, f: &Facts, offset: FixedOffset) -> Vec<Planned> {
    let c = f.contact;
    let mut out = Vec::new();
    for o in &t.occasions {
        let (date, track) = match o.kind {
            OccasionKind::Birthday => (c.birthday, Track::Birthday),
            OccasionKind::Anniversary => (c.anniversary, Track::Anniversary),
        };
        let Some(date) = date else { continue };
        let from = f.latest().with_timezone(&offset).year();
        for year in from..=from + YEARS_AHEAD {
            let Some(day) = in_year(date, year) else {
                continue;
            };
            let Some(due) = day
                .and_hms_opt(9, 0, 0)
                .and_then(|d| d.and_local_timezone(offset).single())
                .map(|d| d.with_timezone(&Utc))
            else {
                continue;
            };
            let step = year as u32;
            if due < c.created_at || f.closed_on(track, step, None).is_some() {
                continue;
            }
            let mut p = Planned::new(track, step, due, o.action.clone());
            p.script = o.script.clone();
            if o.ahead_days > 0 {
                p.starts = Some(due - TimeDelta::days(o.ahead_days as i64));
            }
            p.expires = Some(due + TimeDelta::days(7));
            out.push(p);
        }
    }
    out
}

#[cfg(test)]
mod tests;
