//! The parts of a template beyond stages and cadences: products and their kinds, how
//! automatic tags are derived, buying signals, yearly occasions, kinds of appointment.

use super::sop::{de_duration, de_opt_duration, ser_duration, ser_opt_duration};
use super::sop_syntax::SyntaxError;
use chrono::TimeDelta;
use serde::{Deserialize, Serialize};
use std::str::FromStr;

/// What an automatic tag group is derived from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AutoRule {
    /// The contact's source, when it is one of the group's tags.
    Source,
    /// Purchases: the n-th tag for n purchases, the last for that many or more.
    PurchaseCount,
    /// The month of the first purchase, `2026-03`.
    FirstOrderMonth,
    /// Spend per month between the first and the latest purchase, by `bands`.
    MonthlySpend,
    /// The month the next repurchase reminder falls in.
    NextRepurchaseMonth,
    /// The customer tier: the group's tags are for A, B and C.
    Tier,
}

impl AutoRule {
    pub const ALL: [AutoRule; 6] = [
        AutoRule::Source,
        AutoRule::PurchaseCount,
        AutoRule::FirstOrderMonth,
        AutoRule::MonthlySpend,
        AutoRule::NextRepurchaseMonth,
        AutoRule::Tier,
    ];

    pub fn key(self) -> &'static str {
        match self {
            AutoRule::Source => "source",
            AutoRule::PurchaseCount => "purchase_count",
            AutoRule::FirstOrderMonth => "first_order_month",
            AutoRule::MonthlySpend => "monthly_spend",
            AutoRule::NextRepurchaseMonth => "next_repurchase_month",
            AutoRule::Tier => "tier",
        }
    }

    /// Rules whose tags are made from dates, not listed in the group.
    pub fn makes_its_own_tags(self) -> bool {
        matches!(
            self,
            AutoRule::FirstOrderMonth | AutoRule::NextRepurchaseMonth
        )
    }
}

impl FromStr for AutoRule {
    type Err = SyntaxError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        AutoRule::ALL
            .into_iter()
            .find(|r| r.key() == s)
            .ok_or_else(|| SyntaxError::UnknownAutoRule(s.to_string()))
    }
}

/// What a product is: it decides which after-sale care fits (no storage advice for a
/// course).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ProductKind {
    Goods,
    Service,
    Course,
    Membership,
}

impl ProductKind {
    pub const ALL: [ProductKind; 4] = [
        ProductKind::Goods,
        ProductKind::Service,
        ProductKind::Course,
        ProductKind::Membership,
    ];

    pub fn key(self) -> &'static str {
        match self {
            ProductKind::Goods => "goods",
            ProductKind::Service => "service",
            ProductKind::Course => "course",
            ProductKind::Membership => "membership",
        }
    }
}

impl FromStr for ProductKind {
    type Err = SyntaxError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        ProductKind::ALL
            .into_iter()
            .find(|k| k.key() == s)
            .ok_or_else(|| SyntaxError::UnknownProductKind(s.to_string()))
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Product {
    pub name: String,
    /// Other names reps write for it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    pub kind: ProductKind,
    pub cycle_days: u32,
    pub remind_before_days: u32,
    /// After a reminder is done or skipped, remind again this many days later, until the
    /// customer buys again.
    pub remind_every_days: u32,
    /// A course of sessions (疗程, 课时): sessions planned one after another, and renewal
    /// asked when few are left instead of by the cycle.
    pub sessions: Option<u32>,
    pub session_every_days: u32,
    pub renew_when_left: u32,
}

/// A customer signal that calls for a prompt answer (成交信号).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Signal {
    pub id: String,
    pub name: String,
    /// Any of these words in a customer's message.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub keywords: Vec<String>,
    /// The customer active on this many days in a row.
    pub streak_days: Option<u32>,
    pub points: f64,
    /// How long the signal calls for an answer.
    #[serde(serialize_with = "ser_duration", deserialize_with = "de_duration")]
    pub window: TimeDelta,
    pub action: String,
    pub script: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum OccasionKind {
    Birthday,
    Anniversary,
}

/// A yearly date to remember: a follow-up on the day.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Occasion {
    pub kind: OccasionKind,
    pub action: String,
    pub script: Option<String>,
    /// Shown among upcoming follow-ups this many days ahead (to send a gift in time).
    pub ahead_days: u32,
}

/// A kind of dated appointment (面诊, 治疗, 试听) and what goes with it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AppointmentKind {
    pub kind: String,
    pub name: String,
    /// A reminder to the customer this long before.
    #[serde(
        serialize_with = "ser_opt_duration",
        deserialize_with = "de_opt_duration"
    )]
    pub remind: Option<TimeDelta>,
    pub reminder_script: Option<String>,
    /// When the appointment was skipped (the customer did not come): reschedule, a day
    /// later.
    pub no_show_action: Option<String>,
    pub no_show_script: Option<String>,
    /// A check-in this long after the appointment was kept.
    #[serde(
        serialize_with = "ser_opt_duration",
        deserialize_with = "de_opt_duration"
    )]
    pub follow_after: Option<TimeDelta>,
    pub follow_action: Option<String>,
    pub follow_script: Option<String>,
}

/// The hours of the day a rep contacts customers, in the rep's local time (`[schedule]
/// contact_hours = "09:00-21:00"`). A follow-up the rhythm would have fall due outside them
/// falls due when they next begin: a lead last talked to at 23:30 is followed up at 09:00
/// three days on, not at 23:30 — and an item due at 03:00 is not overdue by breakfast.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactHours {
    pub start: chrono::NaiveTime,
    /// Not included: an item due at exactly this time waits for the next day's start.
    pub end: chrono::NaiveTime,
}

impl ContactHours {
    /// `due` moved into these hours of its local day (`offset`), or to their start on the
    /// next day; unchanged when it is within them.
    pub fn within(
        self,
        due: chrono::DateTime<chrono::Utc>,
        offset: chrono::FixedOffset,
    ) -> chrono::DateTime<chrono::Utc> {
        let local = due.with_timezone(&offset);
        let time = local.time();
        if (self.start..self.end).contains(&time) {
            return due;
        }
        let day = if time < self.start {
            local.date_naive()
        } else {
            local.date_naive().succ_opt().unwrap_or(local.date_naive())
        };
        day.and_time(self.start)
            .and_local_timezone(offset)
            .single()
            .map_or(due, |t| t.with_timezone(&chrono::Utc))
    }
}

impl FromStr for ContactHours {
    type Err = SyntaxError;

    /// `HH:MM-HH:MM`, the start before the end within one day.
    fn from_str(s: &str) -> Result<ContactHours, SyntaxError> {
        let bad = || SyntaxError::BadContactHours(s.to_string());
        let (a, b) = s.split_once('-').ok_or_else(bad)?;
        let time =
            |t: &str| chrono::NaiveTime::parse_from_str(t.trim(), "%H:%M").map_err(|_| bad());
        let (start, end) = (time(a)?, time(b)?);
        if start >= end {
            return Err(bad());
        }
        Ok(ContactHours { start, end })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auto_rules_are_named_as_templates_write_them() {
        let keys: Vec<_> = AutoRule::ALL.iter().map(|r| r.key()).collect();
        assert_eq!(
            keys,
            [
                "source",
                "purchase_count",
                "first_order_month",
                "monthly_spend",
                "next_repurchase_month",
                "tier"
            ]
        );
        for r in AutoRule::ALL {
            assert_eq!(r.key().parse(), Ok(r));
        }
    }

    #[test]
    fn an_unknown_auto_rule_lists_the_accepted_ones() {
        assert_eq!(
            "spend".parse::<AutoRule>(),
            Err(SyntaxError::UnknownAutoRule("spend".into()))
        );
        assert!("Tier".parse::<AutoRule>().is_err());
    }

    #[test]
    fn only_the_month_rules_make_their_own_tags() {
        let own: Vec<_> = AutoRule::ALL
            .into_iter()
            .filter(|r| r.makes_its_own_tags())
            .collect();
        assert_eq!(
            own,
            [AutoRule::FirstOrderMonth, AutoRule::NextRepurchaseMonth]
        );
    }

    #[test]
    fn product_kinds_are_named_as_templates_write_them() {
        let keys: Vec<_> = ProductKind::ALL.iter().map(|k| k.key()).collect();
        assert_eq!(keys, ["goods", "service", "course", "membership"]);
        for k in ProductKind::ALL {
            assert_eq!(k.key().parse(), Ok(k));
        }
        assert_eq!(
            "class".parse::<ProductKind>(),
            Err(SyntaxError::UnknownProductKind("class".into()))
        );
    }
}

#[cfg(test)]
#[path = "contact_hours_tests.rs"]
mod contact_hours_tests;
