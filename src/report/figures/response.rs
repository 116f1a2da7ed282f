//! First response: how long a new contact waited for the rep's first touch.

use crate::domain::ContactId;
use crate::domain::Grade;
use crate::report::index::Index;
use crate::report::input::Window;
use crate::report::stats::{Count, Distribution, Share};
use chrono::TimeDelta;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct FirstResponse {
    /// The template's limit.
    pub limit_minutes: u32,
    /// Contacts that arrived in the window: created, or brought in by an import (not
    /// those already in touch then).
    pub new_contacts: usize,
    /// Time from creation to the first touch, of those touched.
    pub reply_time: Distribution,
    /// Replied within the limit, out of those whose limit has passed or who got a reply.
    pub within_limit: Share,
    /// Replied after the limit, or not at all and past it.
    pub breaches: Count,
    /// Not replied yet, still within the limit.
    pub pending: Count,
}

pub(crate) fn first_response(ix: &Index, w: Window) -> FirstResponse {
    let input = ix.input;
    let limit = TimeDelta::minutes(i64::from(input.template.first_response_minutes));
    let mut delays = Vec::new();
    let mut within = 0;
    let mut breaches: Vec<ContactId> = Vec::new();
    let mut pending: Vec<ContactId> = Vec::new();
    let mut new_contacts = 0;
    // When each lead graded D now was last made D: graded so only after its reply was due,
    // it was owed that reply (a grade given later must not hide the breach).
    let mut made_d: std::collections::HashMap<ContactId, chrono::DateTime<chrono::Utc>> =
        std::collections::HashMap::new();
    for g in input
        .grade_changes
        .iter()
        .filter(|g| g.to == Some(Grade::D))
    {
        let at = made_d.entry(g.contact).or_insert(g.at);
        *at = (*at).max(g.at);
    }
    for (i, c) in input.contacts.iter().enumerate() {
        // Someone already in touch when an import brought them in was answered before
        // the book knew them; a new lead from a file waits from when it came in.
        let arrived = c.arrived_at.map_or(c.created_at, |a| a.max(c.created_at));
        // An invalid lead (graded D by its reply's deadline, and D still) was owed no
        // reply: the plan gave it none then, so the figure does not count it either, even
        // once it is won or lost.
        let invalid =
            c.grade == Some(Grade::D) && made_d.get(&c.id).is_none_or(|at| *at <= arrived + limit);
        if !w.contains(arrived) || c.prior_contact.is_some() || invalid {
            continue;
        }
        new_contacts += 1;
        let touches = ix.touches.get(i);
        let first = touches[touches.partition_point(|t| *t < arrived)..].first();
        match first {
            Some(t) => {
                let delay = *t - arrived;
                delays.push(delay.num_seconds());
                if delay <= limit {
                    within += 1;
                } else {
                    breaches.push(c.id);
                }
            }
            None if input.now - arrived > limit => breaches.push(c.id),
            None => pending.push(c.id),
        }
    }
    FirstResponse {
        limit_minutes: input.template.first_response_minutes,
        new_contacts,
        reply_time: Distribution::of(delays),
        within_limit: Share::new(within, new_contacts - pending.len()),
        breaches: Count::of_contacts(breaches),
        pending: Count::of_contacts(pending),
    }
}
