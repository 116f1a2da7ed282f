//! The rep's past work in a demo book: the follow-ups the plan asked for since each
//! contact's last touch, worked as a rep who mostly keeps up would have worked them —
//! done on the day, some late, a few skipped with a reason, now and then one let slip.
//! Without it a demo book showed a rep who never did a single follow-up (every figure of
//! cadence compliance at 0%) and an agenda buried under months of overdue items.

use super::demo::Rng;
use super::followups::facts;
use super::seed::{planning, stored};
use crate::domain::command::{SeedContact, SeedFollowup};
use crate::domain::followup::{self, FollowupState, Planned, Track};
use crate::domain::sop::Template;
use crate::domain::{Grade, Interaction, InteractionKind};
use chrono::{DateTime, Duration, FixedOffset, NaiveTime, Utc};

/// Follow-ups worked per contact at most: a lead left on a weekly cadence for months stops
/// being worked somewhere, as real ones do.
const MOST_WORKED: usize = 12;

const SKIP_REASONS: &[&str] = &[
    "客户说这周在外地，下周再约",
    "刚在电话里聊过，这条不用再发",
    "客户明确说先不考虑，过段时间再问",
    "对方忙，约好月底再联系",
];

/// What the rep did with one follow-up.
enum Worked {
    OnTime,
    Late,
    Skipped,
    /// Let slip: it stays open, past due, and the contact is worked no further.
    Missed,
}

/// The tracks a rep works from the agenda (a first reply is the lead's first touch, which
/// the demo times and `first_reply` records; dates set with a customer are not in demo
/// books).
fn worked_track(t: Track) -> bool {
    matches!(
        t,
        Track::Grading
            | Track::Cadence
            | Track::Aftercare
            | Track::Repurchase
            | Track::Session
            | Track::Reactivation
            | Track::Signal
    )
}

/// The settings the plan is made with, as the book will make it.
pub(super) struct Planner<'a> {
    pub template: &'a Template,
    pub offset: FixedOffset,
    pub owner: &'a str,
    pub template_since: Option<DateTime<Utc>>,
    pub now: DateTime<Utc>,
}

impl Planner<'_> {
    /// Adds to `seed` the follow-ups worked since its last touch, each with the timeline
    /// entry `done` or `skip` writes, planned step by step exactly as the book will plan.
    pub(super) fn work(&self, seed: &mut SeedContact, rng: &mut Rng) {
        self.first_reply(seed);
        // Items due today are left open: the rep's day still has them.
        let today = self
            .now
            .with_timezone(&self.offset)
            .date_naive()
            .and_time(NaiveTime::MIN)
            .and_local_timezone(self.offset)
            .single()
            .map_or(self.now, |t| t.with_timezone(&Utc));
        for _ in 0..MOST_WORKED {
            let view = planning(seed, &seed.contact, self.owner, self.template_since);
            let plan = followup::plan_full(
                self.template,
                &facts(&view.contact, &view.history),
                self.offset,
            );
            let Some(item) = plan
                .into_iter()
                .filter(|p| worked_track(p.track) && p.due < today)
                .min_by_key(|p| p.due)
            else {
                return;
            };
            let already = seed.worked.iter().any(|w| {
                w.track == item.track
                    && w.step == item.step
                    && w.purchase.map(|k| k as i64) == item.purchase_id
            });
            // The earliest a rep could act: when the item came in force, after what the
            // book already holds of the contact.
            let floor = [
                item.starts,
                seed.history.last().map(|i| i.at + Duration::minutes(1)),
            ]
            .into_iter()
            .flatten()
            .max()
            .unwrap_or(item.due);
            // The latest: an hour ago, so nothing is closed at the very moment the book is made.
            let latest = self.now - Duration::hours(1);
            if already || floor >= latest {
                return;
            }
            let how = match rng.below(100) {
                0..=77 => Worked::OnTime,
                78..=88 => Worked::Late,
                89..=95 => Worked::Skipped,
                _ => Worked::Missed,
            };
            let at = match how {
                Worked::Missed => return,
                Worked::OnTime => item.due - Duration::minutes(rng.below(120) as i64),
                Worked::Late => item.due + Duration::hours(24 + rng.below(48) as i64),
                Worked::Skipped => item.due + Duration::minutes(rng.below(120) as i64),
            };
            // In the rep's working day, as the rest of the demo's timelines.
            let at = super::demo_hours::next_working(at, self.offset)
                .max(floor)
                .min(latest);
            if item.expires.is_some_and(|e| at >= e) {
                return;
            }
            record(seed, &item, at, &how, rng);
            if item.track == Track::Repurchase && !matches!(how, Worked::Skipped) {
                buy_again(seed, &item, at, latest, rng);
            }
        }
    }
}

/// Of the customers a repurchase reminder reached, the share who buy again.
const BUY_AGAIN_PERCENT: u64 = 35;

/// Some customers reminded to buy again do, within three days, the product the reminder
/// was about: recorded as `won` records a repeat purchase. Without it a demo book's
/// repurchase rate was 0% however many reminders the rep worked.
fn buy_again(
    seed: &mut SeedContact,
    item: &Planned,
    reminded: DateTime<Utc>,
    latest: DateTime<Utc>,
    rng: &mut Rng,
) {
    let Some(&(_, ref product, amount)) = item
        .purchase_id
        .and_then(|k| seed.purchases.get(k as usize))
    else {
        return;
    };
    if !rng.chance(BUY_AGAIN_PERCENT) {
        return;
    }
    let at = stored(reminded + Duration::minutes(30 + rng.below(3 * 24 * 60) as i64));
    if at >= latest {
        return;
    }
    let product = product.clone();
    let mut entry = Interaction::new(0, at, InteractionKind::Won);
    entry.product = product.clone();
    entry.amount_cents = amount;
    seed.history.push(entry);
    seed.history.sort_by_key(|i| i.at);
    seed.purchases.push((at, product, amount));
}

impl Planner<'_> {
    /// The first reply's row as logging that reply leaves it: the plan asked for it when
    /// the lead came in, and the touch closed it (the report judges it by the touch).
    fn first_reply(&self, seed: &mut SeedContact) {
        // A demo lead keeps the grade it came in with: one that came in as D (无效) was
        // never asked for a reply.
        if seed.contact.grade == Some(Grade::D) {
            return;
        }
        let Some(reply) = seed.history.iter().find(|i| i.kind.is_touch()) else {
            return;
        };
        let closed_at = reply.at;
        let view = planning(seed, &seed.contact, self.owner, self.template_since);
        let item = followup::first_response(self.template, &facts(&view.contact, &view.history));
        seed.worked.push(SeedFollowup {
            track: Track::FirstResponse,
            step: item.step,
            purchase: None,
            due: item.due,
            state: FollowupState::Superseded,
            closed_at: Some(closed_at),
            action: item.action,
            script: item.script,
            note: None,
            overdue: None,
        });
    }
}

/// The follow-up closed at `at` and its timeline entry, as `done` and `skip` leave them.
fn record(seed: &mut SeedContact, item: &Planned, at: DateTime<Utc>, how: &Worked, rng: &mut Rng) {
    let at = stored(at);
    let skipped = matches!(how, Worked::Skipped);
    let reason = skipped.then(|| rng.pick(SKIP_REASONS).to_string());
    let mut entry = Interaction::new(
        0,
        at,
        if skipped {
            InteractionKind::FollowupSkipped
        } else {
            InteractionKind::FollowupDone
        },
    );
    entry.text = Some(match &reason {
        Some(r) => format!("{} · {r}", item.action),
        None => item.action.clone(),
    });
    if !skipped {
        entry.script_id = item.script.clone();
    }
    // Kept in time order (stable: entries at one instant keep theirs).
    seed.history.push(entry);
    seed.history.sort_by_key(|i| i.at);
    seed.worked.push(SeedFollowup {
        track: item.track,
        step: item.step,
        purchase: item.purchase_id.map(|k| k as usize),
        due: item.due,
        state: if skipped {
            FollowupState::Skipped
        } else {
            FollowupState::Done
        },
        closed_at: Some(at),
        action: item.action.clone(),
        script: item.script.clone(),
        note: reason,
        overdue: None,
    });
}
