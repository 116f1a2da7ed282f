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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::fixtures::{History, at, cn, default_template};
    use crate::domain::followup::Purchase;
    use chrono::{DateTime, Utc};

    fn group(name: &str, tags: &[&str], rule: Option<AutoRule>) -> TagGroup {
        TagGroup {
            category: "精细".into(),
            group: name.into(),
            tags: tags.iter().map(|t| t.to_string()).collect(),
            auto: rule.is_some(),
            rule,
            bands: Vec::new(),
        }
    }

    fn tag(group: &str, tag: &str) -> TagRef {
        TagRef {
            group: group.into(),
            tag: tag.into(),
        }
    }

    /// The one tag `g` gives the contact of `h`.
    fn one(g: &TagGroup, h: &History, tier: Option<Tier>, plan: &[Planned]) -> Option<TagRef> {
        derive(g, g.rule.unwrap(), &h.facts(), tier, plan, cn())
    }

    fn bought(h: &mut History, when: &str, yuan: Option<i64>) {
        h.purchases.push(Purchase {
            id: h.purchases.len() as i64 + 1,
            at: at(when),
            product: None,
            amount_cents: yuan.map(|y| y * 100),
        });
    }

    fn contact() -> History {
        History::new(at("2026-01-01T09:00:00+08:00"))
    }

    #[test]
    fn the_source_tag_is_the_groups_tag_that_names_it() {
        let g = group(
            "来源",
            &["抖音", "WeChat 朋友圈", "小红书"],
            Some(AutoRule::Source),
        );
        let mut h = contact();
        assert_eq!(one(&g, &h, None, &[]), None);
        // Case, width and spaces aside.
        h.contact.source = Some("ｗｅｃｈａｔ朋友圈".into());
        assert_eq!(one(&g, &h, None, &[]), Some(tag("来源", "WeChat 朋友圈")));
        h.contact.source = Some("小红书".into());
        assert_eq!(one(&g, &h, None, &[]), Some(tag("来源", "小红书")));
        h.contact.source = Some("地推".into());
        assert_eq!(one(&g, &h, None, &[]), None);
    }

    #[test]
    fn the_purchase_count_tag_is_the_nth_or_the_last() {
        let g = group(
            "购买次数",
            &["1次", "2次", "3次及以上"],
            Some(AutoRule::PurchaseCount),
        );
        let mut h = contact();
        assert_eq!(one(&g, &h, None, &[]), None);
        let want = ["1次", "2次", "3次及以上", "3次及以上", "3次及以上"];
        for (day, want) in want.iter().enumerate() {
            bought(
                &mut h,
                &format!("2026-02-{:02}T10:00:00+08:00", day + 1),
                None,
            );
            assert_eq!(one(&g, &h, None, &[]), Some(tag("购买次数", want)));
        }
    }

    #[test]
    fn the_first_order_month_is_the_earliest_purchase_in_local_time() {
        let g = group("首单月份", &[], Some(AutoRule::FirstOrderMonth));
        let mut h = contact();
        assert_eq!(one(&g, &h, None, &[]), None);
        bought(&mut h, "2026-05-10T10:00:00+08:00", None);
        // 17:00 UTC on the last day of February is 1 March in Beijing.
        bought(&mut h, "2026-02-28T17:00:00Z", None);
        bought(&mut h, "2026-04-01T10:00:00+08:00", None);
        assert_eq!(one(&g, &h, None, &[]), Some(tag("首单月份", "2026-03")));
    }

    fn spend_group() -> TagGroup {
        let mut g = group("月消费", &["低", "中", "高"], Some(AutoRule::MonthlySpend));
        g.bands = vec![0.0, 500.0, 2000.0];
        g
    }

    #[test]
    fn monthly_spend_spreads_the_total_over_the_months_between_first_and_last() {
        let g = spend_group();
        let mut h = contact();
        assert_eq!(one(&g, &h, None, &[]), None);
        // 2400 yuan over 90 days: 800 a month.
        bought(&mut h, "2026-03-01T10:00:00+08:00", Some(1000));
        bought(&mut h, "2026-04-10T10:00:00+08:00", None);
        bought(&mut h, "2026-05-30T10:00:00+08:00", Some(1400));
        assert_eq!(one(&g, &h, None, &[]), Some(tag("月消费", "中")));
        // 2400 yuan in less than a month counts as one month: 2400.
        let mut h = contact();
        bought(&mut h, "2026-03-01T10:00:00+08:00", Some(1000));
        bought(&mut h, "2026-03-20T10:00:00+08:00", Some(1400));
        assert_eq!(one(&g, &h, None, &[]), Some(tag("月消费", "高")));
    }

    #[test]
    fn monthly_spend_bands_start_at_their_lower_bound() {
        let g = spend_group();
        for (yuan, want) in [(499, "低"), (500, "中"), (1999, "中"), (2000, "高")] {
            let mut h = contact();
            bought(&mut h, "2026-03-01T10:00:00+08:00", Some(yuan));
            assert_eq!(one(&g, &h, None, &[]), Some(tag("月消费", want)), "{yuan}");
        }
        // Below the lowest band: no tag.
        let mut g = spend_group();
        g.bands = vec![100.0, 500.0, 2000.0];
        let mut h = contact();
        bought(&mut h, "2026-03-01T10:00:00+08:00", Some(99));
        assert_eq!(one(&g, &h, None, &[]), None);
    }

    fn item(track: Track, due: DateTime<Utc>) -> Planned {
        Planned::new(track, 0, due, "跟进".into())
    }

    #[test]
    fn the_next_repurchase_month_is_that_of_the_earliest_repurchase_reminder() {
        let g = group("复购月份", &[], Some(AutoRule::NextRepurchaseMonth));
        let h = contact();
        let cadence = item(Track::Cadence, at("2026-11-15T10:00:00+08:00"));
        assert_eq!(one(&g, &h, None, std::slice::from_ref(&cadence)), None);
        let plan = [
            item(Track::Repurchase, at("2027-01-05T10:00:00+08:00")),
            cadence,
            // 1 December in Beijing.
            item(Track::Repurchase, at("2026-11-30T17:00:00Z")),
        ];
        assert_eq!(one(&g, &h, None, &plan), Some(tag("复购月份", "2026-12")));
    }

    #[test]
    fn the_tier_tag_is_the_groups_first_second_or_third() {
        let g = group(
            "客户层级",
            &["深度绑定", "场景唤醒", "内容种草"],
            Some(AutoRule::Tier),
        );
        let h = contact();
        assert_eq!(one(&g, &h, None, &[]), None);
        assert_eq!(
            one(&g, &h, Some(Tier::A), &[]),
            Some(tag("客户层级", "深度绑定"))
        );
        assert_eq!(
            one(&g, &h, Some(Tier::B), &[]),
            Some(tag("客户层级", "场景唤醒"))
        );
        assert_eq!(
            one(&g, &h, Some(Tier::C), &[]),
            Some(tag("客户层级", "内容种草"))
        );
        // A group with fewer tags than tiers has none for the rest.
        let short = group("层级", &["A", "B"], Some(AutoRule::Tier));
        assert_eq!(one(&short, &h, Some(Tier::C), &[]), None);
    }

    fn template() -> Template {
        let mut t = default_template();
        t.tag_groups = vec![
            group(
                "客户层级",
                &["深度绑定", "场景唤醒", "内容种草"],
                Some(AutoRule::Tier),
            ),
            group("意向", &["近期购买", "暂无计划"], None),
            group("来源", &["抖音", "微信"], Some(AutoRule::Source)),
            group("购买次数", &["1次", "2次"], Some(AutoRule::PurchaseCount)),
        ];
        t
    }

    #[test]
    fn derived_tags_are_one_per_automatic_group_that_has_one() {
        let t = template();
        let mut h = contact();
        h.contact.source = Some("微信".into());
        let got = derived_tags(&t, &h.facts(), Some(Tier::B), &[], cn());
        assert_eq!(got, [tag("客户层级", "场景唤醒"), tag("来源", "微信")]);
        assert!(derived_tags(&t, &contact().facts(), None, &[], cn()).is_empty());
    }

    #[test]
    fn only_tags_of_automatic_groups_are_derived() {
        let t = template();
        assert!(is_derived(&t, &tag("客户层级", "深度绑定")));
        assert!(is_derived(&t, &tag("购买次数", "1次")));
        assert!(!is_derived(&t, &tag("意向", "近期购买")));
        assert!(!is_derived(&t, &tag("别的", "1次")));
    }
}
