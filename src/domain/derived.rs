//! Tags salesbook derives and keeps current (the template's automatic tag groups): the
//! source, how many purchases, the month of the first order, monthly spend, the month of
//! the next repurchase, the tier. Never typed by the rep.

use super::followup::{Facts, Planned, Track};
use super::sop::{AutoRule, TagGroup, Template, product_key};
use super::{TagRef, Tier};
use chrono::FixedOffset;

fn pick(g: &TagGroup, i: usize) -> Option<TagRef> {
    g.tags.get(i).map(|t| TagRef {
        group: g.group.clone(),
        tag: t.clone(),
    })
}

/// The tag one automatic group gives the contact, if any.
fn derive(
    g: &TagGroup,
    rule: AutoRule,
    f: &Facts,
    tier: Option<Tier>,
    plan: &[Planned],
    offset: FixedOffset,
) -> Option<TagRef> {
    let month = |t: chrono::DateTime<chrono::Utc>| TagRef {
        group: g.group.clone(),
        tag: t.with_timezone(&offset).format("%Y-%m").to_string(),
    };
    let n = f.purchases.len();
    match rule {
        AutoRule::Source => {
            let source = product_key(f.contact.source.as_deref()?);
            let i = g.tags.iter().position(|t| product_key(t) == source)?;
            pick(g, i)
        }
        AutoRule::PurchaseCount if n > 0 => pick(g, n.min(g.tags.len()) - 1),
        AutoRule::FirstOrderMonth => f.purchases.iter().map(|p| p.at).min().map(month),
        AutoRule::MonthlySpend if n > 0 => {
            let first = f.purchases.iter().map(|p| p.at).min()?;
            let last = f.purchases.iter().map(|p| p.at).max()?;
            let yuan: f64 = f
                .purchases
                .iter()
                .filter_map(|p| p.amount_cents)
                .sum::<i64>() as f64
                / 100.0;
            let months = ((last - first).num_days() as f64 / 30.0).max(1.0);
            let spend = yuan / months;
            let i = g.bands.iter().rposition(|lo| spend >= *lo)?;
            pick(g, i)
        }
        AutoRule::NextRepurchaseMonth => plan
            .iter()
            .filter(|p| p.track == Track::Repurchase)
            .map(|p| p.due)
            .min()
            .map(month),
        AutoRule::Tier => pick(
            g,
            match tier? {
                Tier::A => 0,
                Tier::B => 1,
                Tier::C => 2,
            },
        ),
        _ => None,
    }
}

/// Every tag the template's automatic groups give the contact, by group.
pub fn derived_tags(
    t: &Template,
    f: &Facts,
    tier: Option<Tier>,
    plan: &[Planned],
    offset: FixedOffset,
) -> Vec<TagRef> {
    t.tag_groups
        .iter()
        .filter_map(|g| derive(g, g.rule?, f, tier, plan, offset))
        .collect()
}

/// Whether a tag belongs to one of the template's automatic groups.
pub fn is_derived(t: &Template, tag: &TagRef) -> bool {
    t.tag_group(&tag.group).is_some_and(|g| g.auto)
}
