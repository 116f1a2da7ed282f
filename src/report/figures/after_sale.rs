//! After the sale: repeat purchases, repurchase reminders acted on, referrals.

use super::Compliance;
use crate::domain::ContactId;
use crate::domain::followup::Track;
use crate::report::index::Index;
use crate::report::input::Window;
use crate::report::stats::{Count, Share};
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct AfterSale {
    /// Contacts whose first purchase came before the window's end.
    pub customers: Count,
    /// Of them, those who bought again (a purchase that is not their first) in the window.
    pub repeat_buyers: Count,
    pub repurchase_rate: Share,
    /// Every purchase in the window: how many, by whom, and their sum in cents.
    pub purchases: Count,
    pub sales_cents: i64,
    /// Repurchase reminders due in the window and done (on time or late), out of those
    /// done, missed or skipped: the cadence section's own counts.
    pub reminders_acted_on: Share,
    /// Contacts created in the window whom another contact referred; `None` when the book
    /// does not record referrals.
    pub referrals: Option<Count>,
    /// The distinct contacts who referred them.
    pub referrers: Option<Count>,
}

pub(crate) fn after_sale(ix: &Index, w: Window, cadence: &Compliance) -> AfterSale {
    let input = ix.input;
    let mut customers: Vec<ContactId> = Vec::new();
    let mut repeat: Vec<ContactId> = Vec::new();
    let (mut bought_in, mut buyers, mut sales_cents) = (0, Vec::new(), 0);
    for (i, c) in input.contacts.iter().enumerate() {
        let bought = ix.purchases.get(i);
        for p in bought.iter().filter(|p| w.contains(p.at)) {
            bought_in += 1;
            buyers.push(c.id);
            sales_cents += input.purchases[p.row as usize].amount_cents;
        }
        if bought.first().is_some_and(|p| w.before_end(p.at)) {
            customers.push(c.id);
            if bought[1..].iter().any(|p| w.contains(p.at)) {
                repeat.push(c.id);
            }
        }
    }
    let reminders = cadence
        .sections
        .iter()
        .find(|s| s.track == Some(Track::Repurchase));
    let reminders_acted_on = reminders.map_or_else(Share::default, |r| {
        let acted = r.on_time.count + r.late.count;
        Share::new(acted, acted + r.missed.count + r.skipped.count)
    });
    let (referrals, referrers) = if input.records_referrals {
        let mut referred = Vec::new();
        let mut by = Vec::new();
        for c in &input.contacts {
            if let Some(r) = c.referred_by.filter(|_| w.contains(c.created_at)) {
                referred.push(c.id);
                by.push(r);
            }
        }
        (
            Some(Count::of_contacts(referred)),
            Some(Count::of_contacts(by)),
        )
    } else {
        (None, None)
    };
    let customers = Count::of_contacts(customers);
    let repeat_buyers = Count::of_contacts(repeat);
    AfterSale {
        repurchase_rate: Share::new(repeat_buyers.count, customers.count),
        customers,
        repeat_buyers,
        purchases: Count::of_items(bought_in, buyers),
        sales_cents,
        reminders_acted_on,
        referrals,
        referrers,
    }
}
