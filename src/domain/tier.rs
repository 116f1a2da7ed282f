//! Customer tiers (客户分层) for people who have bought: A 深度绑定, B 场景唤醒, C 内容种草 —
//! by purchase frequency, interaction and spend, with thresholds from the template.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Tier {
    A,
    B,
    C,
}

impl Tier {
    pub const ALL: [Tier; 3] = [Tier::A, Tier::B, Tier::C];

    pub fn key(self) -> &'static str {
        match self {
            Tier::A => "A",
            Tier::B => "B",
            Tier::C => "C",
        }
    }

    pub fn zh(self) -> &'static str {
        match self {
            Tier::A => "深度绑定",
            Tier::B => "场景唤醒",
            Tier::C => "内容种草",
        }
    }
}

impl fmt::Display for Tier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

impl FromStr for Tier {
    type Err = super::error::FieldError;

    /// The letter (any case, full-width too) or the Chinese name.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = super::text::fold_width(s.trim());
        Tier::ALL
            .into_iter()
            .find(|x| x.key().eq_ignore_ascii_case(&t) || x.zh() == t)
            .ok_or_else(|| super::error::FieldError::UnknownTier(s.to_string()))
    }
}

/// What a tier asks of a customer; a threshold left out is not asked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TierRule {
    pub tier: Tier,
    pub name: String,
    pub meaning: String,
    /// Purchases, all told.
    pub min_purchases: Option<u32>,
    /// Total spend, in cents.
    pub min_amount_cents: Option<i64>,
    /// The customer's own messages, questions and likes since the first purchase.
    pub min_inbound: Option<u32>,
    /// The cadence a customer of this tier follows once after-sale care is done.
    pub cadence: Option<String>,
}

/// What the tier is computed from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CustomerStats {
    pub purchases: u32,
    pub amount_cents: i64,
    pub inbound: u32,
}

impl TierRule {
    /// How many of its thresholds the customer meets, and how many it sets.
    fn met(&self, s: &CustomerStats) -> (usize, usize) {
        let checks = [
            self.min_purchases.map(|m| s.purchases >= m),
            self.min_amount_cents.map(|m| s.amount_cents >= m),
            self.min_inbound.map(|m| s.inbound >= m),
        ];
        let set = checks.iter().flatten().count();
        let met = checks.iter().flatten().filter(|ok| **ok).count();
        (met, set)
    }

    /// A customer reaches a tier by meeting two of its three thresholds (all of them when
    /// it sets fewer than two): one strong dimension alone does not make a deep binding.
    pub fn reached(&self, s: &CustomerStats) -> bool {
        let (met, set) = self.met(s);
        met >= set.min(2)
    }
}

/// The highest tier the customer reaches; C for any buyer, nothing before a purchase.
pub fn tier_of(rules: &[TierRule], s: &CustomerStats) -> Option<Tier> {
    if s.purchases == 0 {
        return None;
    }
    let mut sorted: Vec<&TierRule> = rules.iter().collect();
    sorted.sort_by_key(|r| r.tier);
    Some(
        sorted
            .into_iter()
            .find(|r| r.reached(s))
            .map_or(Tier::C, |r| r.tier),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(tier: Tier, p: Option<u32>, a: Option<i64>, i: Option<u32>) -> TierRule {
        TierRule {
            tier,
            name: String::new(),
            meaning: String::new(),
            min_purchases: p,
            min_amount_cents: a,
            min_inbound: i,
            cadence: None,
        }
    }

    #[test]
    fn two_of_three_thresholds_reach_a_tier() {
        let rules = [
            rule(Tier::A, Some(3), Some(500_000), Some(6)),
            rule(Tier::B, Some(2), Some(150_000), Some(2)),
        ];
        let s = |purchases, amount_cents, inbound| CustomerStats {
            purchases,
            amount_cents,
            inbound,
        };
        assert_eq!(tier_of(&rules, &s(0, 0, 0)), None);
        assert_eq!(tier_of(&rules, &s(1, 10_000, 0)), Some(Tier::C));
        // One dimension alone is not enough, whatever its size.
        assert_eq!(tier_of(&rules, &s(1, 9_000_000, 0)), Some(Tier::C));
        assert_eq!(tier_of(&rules, &s(2, 150_000, 0)), Some(Tier::B));
        assert_eq!(tier_of(&rules, &s(1, 150_000, 2)), Some(Tier::B));
        assert_eq!(tier_of(&rules, &s(3, 0, 6)), Some(Tier::A));
        assert_eq!(tier_of(&rules, &s(3, 499_999, 5)), Some(Tier::B));
        // A rule with a single threshold asks just that one.
        let single = [rule(Tier::A, Some(5), None, None)];
        assert_eq!(tier_of(&single, &s(5, 0, 0)), Some(Tier::A));
        assert_eq!(tier_of(&single, &s(4, 0, 0)), Some(Tier::C));
    }

    #[test]
    fn parses_letters_and_names() {
        assert_eq!("a".parse::<Tier>().unwrap(), Tier::A);
        assert_eq!("场景唤醒".parse::<Tier>().unwrap(), Tier::B);
        assert!("D".parse::<Tier>().is_err());
    }

    #[test]
    fn each_tier_has_its_letter_and_chinese_name() {
        let shown: Vec<_> = Tier::ALL.iter().map(|t| (t.to_string(), t.zh())).collect();
        assert_eq!(
            shown,
            [
                ("A".to_string(), "深度绑定"),
                ("B".into(), "场景唤醒"),
                ("C".into(), "内容种草"),
            ]
        );
        for t in Tier::ALL {
            assert_eq!(t.key().parse(), Ok(t));
            assert_eq!(t.zh().parse(), Ok(t));
        }
        assert_eq!(" ｃ ".parse(), Ok(Tier::C));
        assert_eq!(
            "深度".parse::<Tier>(),
            Err(crate::domain::error::FieldError::UnknownTier("深度".into()))
        );
    }

    fn stats(purchases: u32, amount_cents: i64, inbound: u32) -> CustomerStats {
        CustomerStats {
            purchases,
            amount_cents,
            inbound,
        }
    }

    #[test]
    fn each_threshold_is_met_from_its_value_on() {
        let purchases = rule(Tier::A, Some(3), None, None);
        assert!(purchases.reached(&stats(3, 0, 0)));
        assert!(!purchases.reached(&stats(2, 0, 0)));
        let amount = rule(Tier::A, None, Some(100_000), None);
        assert!(amount.reached(&stats(1, 100_000, 0)));
        assert!(!amount.reached(&stats(1, 99_999, 0)));
        let inbound = rule(Tier::A, None, None, Some(4));
        assert!(inbound.reached(&stats(1, 0, 4)));
        assert!(!inbound.reached(&stats(1, 0, 3)));
    }

    #[test]
    fn a_rule_with_two_thresholds_asks_both() {
        let r = rule(Tier::B, Some(2), None, Some(3));
        assert!(r.reached(&stats(2, 0, 3)));
        assert!(!r.reached(&stats(2, 0, 2)));
        assert!(!r.reached(&stats(1, 0, 3)));
        assert_eq!(r.met(&stats(2, 0, 2)), (1, 2));
        assert_eq!(
            rule(Tier::A, Some(1), Some(1), Some(1)).met(&stats(1, 1, 0)),
            (2, 3)
        );
    }

    #[test]
    fn a_rule_without_thresholds_takes_every_buyer() {
        let r = rule(Tier::B, None, None, None);
        assert!(r.reached(&stats(1, 0, 0)));
        assert_eq!(tier_of(&[r], &stats(1, 0, 0)), Some(Tier::B));
        assert_eq!(tier_of(&[], &stats(1, 0, 0)), Some(Tier::C));
    }

    #[test]
    fn the_highest_tier_reached_wins_whatever_the_rules_order() {
        let rules = [
            rule(Tier::B, Some(2), None, None),
            rule(Tier::A, Some(4), None, None),
        ];
        assert_eq!(tier_of(&rules, &stats(5, 0, 0)), Some(Tier::A));
        assert_eq!(tier_of(&rules, &stats(3, 0, 0)), Some(Tier::B));
    }
}
