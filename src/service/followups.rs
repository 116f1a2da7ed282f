//! Follow-ups for the rep's day: planning them on every write, and the agenda — read
//! from the stored plans, which time alone never makes stale.

use super::agenda_walks::{best_not_due, best_overdue};
use super::pipeline::Cx;
use super::session::View;
use crate::domain::agenda_card::{Card, weights_key};
use crate::domain::derived::{derived_tags, is_derived};
use crate::domain::followup::{self, Facts, Lifecycle, Term, Track};
use crate::domain::sop::Template;
use crate::domain::zone::Zone;
use crate::domain::{Contact, ContactId, TagRef};
use crate::store::{AgendaRow, History, Rank, Window};
use anyhow::Result;
use chrono::{DateTime, FixedOffset, NaiveDate, TimeDelta, Utc};
use serde::Serialize;
use std::collections::HashMap;

pub(super) fn facts<'a>(c: &'a Contact, h: &'a History) -> Facts<'a> {
    Facts {
        contact: c,
        grade_since: c.grade_since,
        stage_since: c.stage_since,
        won_at: h.won_at,
        touches: &h.touches,
        inbound: &h.inbound,
        conversations: &h.conversations,
        closed: &h.closed,
        snoozed: &h.snoozed,
        purchases: &h.purchases,
        appointments: &h.appointments,
        arrived: h.arrived,
        prior_contact: h.prior_contact,
        resumed: h.resumed,
        lost_at: h.lost_at,
        template_since: h.template_since,
    }
}

/// What re-planning decides for one contact: its open follow-ups, its tier, the tags of
/// the template's automatic groups it should gain or lose, and from when it rots.
pub(super) struct Replanned {
    pub plan: Vec<followup::Planned>,
    pub tier: Option<crate::domain::Tier>,
    pub stale: Vec<TagRef>,
    pub missing: Vec<TagRef>,
    pub rot_from: Option<DateTime<Utc>>,
    /// Where it stands on going quiet, kept with the plan for the lead's report.
    pub quiet: followup::Quiet,
}

/// Re-plans a contact from what the book holds about it (pure: no reads, no writes).
pub(super) fn replanned(t: &Template, c: &Contact, h: &History, offset: FixedOffset) -> Replanned {
    let f = facts(c, h);
    let plan = followup::plan_full(t, &f, offset);
    let tier = followup::tier_of(t, &f);
    let derived = derived_tags(t, &f, tier, &plan, offset);
    let stale = c
        .tags
        .iter()
        .filter(|x| is_derived(t, x) && !derived.contains(x))
        .cloned()
        .collect();
    let missing = derived
        .iter()
        .filter(|x| !c.tags.contains(x))
        .cloned()
        .collect();
    let next_due = plan.iter().map(|p| p.due).min();
    let rot_from = followup::rots_from(t, c, c.stage_since, next_due);
    Replanned {
        quiet: followup::quiet(t, &f, offset),
        plan,
        tier,
        stale,
        missing,
        rot_from,
    }
}

/// Re-plans one contact inside a write: its open follow-ups, its tier, and the tags of the
/// template's automatic groups (a change to those is the contact's change too, so the
/// contact is read first for the log).
pub(super) fn replan(cx: &mut Cx, id: ContactId) -> crate::service::error::Result<()> {
    replan_retiring(cx, id, &[])
}

/// [`replan`], also taking off the contact's tags of the `retired` groups (automatic in
/// the template the book followed before, absent from the one it follows now).
pub(super) fn replan_retiring(
    cx: &mut Cx,
    id: ContactId,
    retired: &[String],
) -> crate::service::error::Result<()> {
    let (w, session) = (cx.w, cx.session);
    let Some(mut c) = w.snap().contact(id)? else {
        return Ok(());
    };
    let h = w.snap().history(id)?;
    let mut r = replanned(&session.template, &c, &h, session.offset());
    r.stale.extend(
        c.tags
            .iter()
            .filter(|t| retired.contains(&t.group))
            .cloned(),
    );
    if !r.stale.is_empty() || !r.missing.is_empty() {
        cx.load(id)?;
        for tag in &r.stale {
            w.remove_tag(id, tag)?;
        }
        for tag in &r.missing {
            w.add_tag(id, tag)?;
        }
    }
    w.set_tier(id, r.tier)?;
    // The card shows the contact as this write leaves it.
    c.tags.retain(|t| !r.stale.contains(t));
    c.tags.extend(r.missing.iter().cloned());
    c.tier = r.tier;
    let card = Card::of(&session.template, &c).to_json();
    w.set_open_followups(id, &r.plan, r.rot_from, r.quiet, &card, cx.now)?;
    Ok(())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Section {
    /// New leads still waiting for a first reply.
    NewLeads,
    Overdue,
    Today,
    Upcoming,
}

impl Section {
    pub const ALL: [Section; 4] = [
        Section::NewLeads,
        Section::Overdue,
        Section::Today,
        Section::Upcoming,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Section::NewLeads => "new_leads",
            Section::Overdue => "overdue",
            Section::Today => "today",
            Section::Upcoming => "upcoming",
        }
    }

    pub fn zh(self) -> &'static str {
        match self {
            Section::NewLeads => "新线索待回复",
            Section::Overdue => "已逾期",
            Section::Today => "今天到期",
            Section::Upcoming => "即将到期",
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct AgendaItem {
    pub followup_id: i64,
    pub contact_id: ContactId,
    pub contact_name: String,
    pub stage: String,
    pub grade: Option<String>,
    pub due: DateTime<Utc>,
    pub section: Section,
    pub track: Track,
    pub action: String,
    pub script: Option<String>,
    pub urgency: f64,
    pub terms: Vec<Term>,
    /// Minutes a new lead has waited for its first reply (new leads only).
    pub waiting_minutes: Option<i64>,
    /// Since when it waits: a screen that stays open counts on from it to the minute.
    #[serde(skip)]
    pub waiting_since: Option<DateTime<Utc>>,
    /// Touches in the last 30 days beyond the reactivation cap (a harassment warning).
    pub over_cap: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct Agenda {
    pub date: NaiveDate,
    /// Items per section, most urgent first; `totals` counts everything in the section.
    pub sections: Vec<(Section, Vec<AgendaItem>)>,
    pub totals: Vec<(Section, i64)>,
}

/// Section totals are counted up to this; above it they read "999+".
pub const COUNT_CAP: i64 = 999;

/// A section total as shown: the count, or "999+" past [`COUNT_CAP`].
pub fn total_text(n: i64) -> String {
    if n > COUNT_CAP {
        format!("{COUNT_CAP}+")
    } else {
        n.to_string()
    }
}

impl View<'_> {
    pub fn lifecycle_of(&self, c: &Contact) -> Result<Lifecycle> {
        let h = self.snap.history(c.id)?;
        Ok(followup::lifecycle_at(
            self.template(),
            &facts(c, &h),
            self.clock().offset(),
            self.now(),
        ))
    }

    /// The contact's next follow-up, if any: "2026-11-23 09:40 欢迎语", and whether it only
    /// comes on the agenda at that time if nothing happens before (a wake-up planned for
    /// when the contact goes quiet). An item no longer live (a cadence step given up at
    /// dormancy) is not next.
    pub fn next_followup_text(&self, c: &Contact) -> Result<Option<(String, bool)>> {
        let now = self.now();
        let open = self.snap.open_followups_of(c.id)?;
        Ok(open
            .iter()
            .filter(|f| f.valid_until.is_none_or(|u| u > now))
            .min_by_key(|f| (f.due, f.id))
            .map(|f| {
                let text = format!(
                    "{} {}",
                    self.clock().local(f.due).format("%Y-%m-%d %H:%M"),
                    f.action
                );
                (text, f.valid_from.is_some_and(|s| s > now))
            }))
    }

    pub fn is_rotting(&self, c: &Contact) -> bool {
        followup::rotting(self.template(), c, c.stage_since, c.next_due_at, self.now())
    }

    /// The day's agenda for `date` (local), with `days` of upcoming items after it, each
    /// section ranked by `domain::urgency::rank_key` (most urgent first, then the earlier
    /// due, then the lower id) and cut at `limit`: exactly the first `limit` of the full
    /// ranking, read from the indexes rather than by loading every item.
    pub fn agenda(&self, date: NaiveDate, days: u32, limit: usize) -> Result<Agenda> {
        self.agenda_with(date, days, limit, true, true)
    }

    /// The agenda's items without the section totals (`totals` is empty): counting every
    /// overdue follow-up is most of the work on a large book, and scripts reading the
    /// items (JSON, CSV) never see the totals. Each item's urgency terms are named only
    /// with `explain` (`terms` is empty otherwise; `urgency` is their sum all the same).
    pub fn agenda_items(
        &self,
        date: NaiveDate,
        days: u32,
        limit: usize,
        explain: bool,
    ) -> Result<Agenda> {
        self.agenda_with(date, days, limit, false, explain)
    }

    fn agenda_with(
        &self,
        date: NaiveDate,
        days: u32,
        limit: usize,
        with_totals: bool,
        with_terms: bool,
    ) -> Result<Agenda> {
        let t = self.template();
        let now = self.now();
        let day_start = local_midnight(date, self.clock());
        let day_end = local_midnight(date.succ_opt().unwrap_or(date), self.clock());
        let horizon = day_end
            .checked_add_signed(TimeDelta::days(days as i64))
            .unwrap_or(DateTime::<Utc>::MAX_UTC);
        let forever = DateTime::<Utc>::MAX_UTC;
        // Before the day: overdue. On the day, what is already past "now" is overdue too.
        let cut = now.clamp(day_start, day_end);
        let snap = self.snap;
        let cards = snap.has_cards()?;
        // Overdue items rank by `score_base` (its index); where items may not be overdue
        // yet, by the key SQL computes the way `rank_key` does.
        let weights = Rank {
            per_overdue_day: t.urgency.per_overdue_day,
            first_response_breach: t.urgency.first_response_breach,
            rotting: t.urgency.rotting,
        };
        let exact = Some(weights);
        let win = |first_replies, from, until, rank| Window {
            first_replies,
            from,
            until,
            now,
            cards,
            rank,
        };
        let windows = [
            (Section::NewLeads, win(true, None, forever, exact)),
            (Section::Overdue, win(false, None, cut, None)),
            (Section::Today, win(false, Some(cut), day_end, exact)),
            (Section::Upcoming, win(false, Some(day_end), horizon, exact)),
        ];
        let key =
            |f: &AgendaRow| followup::rank_key(t, f.track, f.score_base, f.due, f.rot_from, now);
        let mut ranked = Vec::with_capacity(4);
        for (section, w) in &windows {
            let mut rows = if w.rank.is_some() {
                best_not_due(&snap, t, w, limit)?
            } else {
                // Overdue by a minute or more, urgency is `score_base` plus the clock, plus
                // the rotting weight for a rotting contact (see `best_overdue`). The last
                // minute ranks by the exact key, like Today.
                let minute = DateTime::from_timestamp(now.timestamp() - 59, 0).unwrap_or(now);
                let older = Window {
                    until: w.until.min(minute),
                    ..*w
                };
                let mut rows = best_overdue(snap, t, &older, limit)?;
                if w.until > minute {
                    let last = Window {
                        from: Some(minute),
                        rank: exact,
                        ..*w
                    };
                    rows.extend(best_not_due(&snap, t, &last, limit)?);
                }
                rows
            };
            rows.sort_by(|a, b| followup::rank_cmp((key(a), a.due, a.id), (key(b), b.due, b.id)));
            rows.truncate(limit);
            ranked.push((*section, rows));
        }
        // Every item's contact: from the card its row carries, or else all in one read.
        let weights = weights_key(t);
        // Sized once: a `Contact` is big, and growing the map copied each of them again.
        let items: usize = ranked.iter().map(|(_, rows)| rows.len()).sum();
        let mut contacts: HashMap<ContactId, Contact> = HashMap::with_capacity(items);
        let mut ids: Vec<ContactId> = Vec::new();
        for f in ranked.iter().flat_map(|(_, rows)| rows) {
            if contacts.contains_key(&f.contact_id) {
                continue;
            }
            match f.card.as_deref().and_then(|s| Card::parse(s, weights)) {
                Some(card) => {
                    contacts.insert(f.contact_id, card.stand_in(f.contact_id));
                }
                None => ids.push(f.contact_id),
            }
        }
        ids.sort_unstable();
        ids.dedup();
        ids.retain(|id| !contacts.contains_key(id));
        if !ids.is_empty() {
            // Of their tags, only the weighted ones count towards urgency, the one use of
            // tags here.
            let weighted: Vec<String> = t.urgency.tags.keys().cloned().collect();
            contacts.extend(snap.contacts_for_agenda(&ids, &weighted)?);
        }
        let mut sections = Vec::with_capacity(4);
        for (section, rows) in ranked {
            let items = rows
                .into_iter()
                .map(|f| {
                    let c = contacts
                        .get(&f.contact_id)
                        .ok_or_else(|| anyhow::anyhow!("follow-up {} has no contact", f.id))?;
                    self.item(t, c, f, section, now, with_terms)
                })
                .collect::<Result<Vec<_>>>()?;
            sections.push((section, items));
        }
        let totals = if with_totals {
            let cap = COUNT_CAP + 1;
            let mut totals = Vec::with_capacity(4);
            for (section, w) in &windows {
                totals.push((*section, snap.count_open(w, cap)?));
            }
            totals
        } else {
            Vec::new()
        };
        Ok(Agenda {
            date,
            sections,
            totals,
        })
    }

    fn item(
        &self,
        t: &Template,
        c: &Contact,
        f: AgendaRow,
        section: Section,
        now: DateTime<Utc>,
        with_terms: bool,
    ) -> Result<AgendaItem> {
        // Known when planned, as the ranking knows it (`rank_key`).
        let rotting = f.rot_from.is_some_and(|r| now >= r);
        let (terms, points) = if with_terms {
            let terms = followup::urgency(t, c, f.track, f.step, f.due, rotting, now);
            let points = followup::score(&terms);
            (terms, points)
        } else {
            let points = followup::urgency_points(t, c, f.track, f.step, f.due, rotting, now);
            (Vec::new(), points)
        };
        let over_cap = if f.track == Track::Reactivation {
            // Only the last 30 days matter for the cap, and only the wake-up touches since
            // the contact went dormant (when the item's plan says it began).
            let recent = self
                .snap
                .touches_between(c.id, now - TimeDelta::days(30), now)?;
            followup::touches_over_cap(t, &recent, f.valid_from.unwrap_or(f.due), now)
        } else {
            0
        };
        Ok(AgendaItem {
            followup_id: f.id,
            contact_id: c.id,
            contact_name: c.name.clone(),
            stage: c.stage.key().to_string(),
            grade: c.grade.map(|g| g.to_string()),
            due: f.due,
            section,
            track: f.track,
            action: f.action,
            script: f.script,
            urgency: (points * 10.0).round() / 10.0,
            terms,
            waiting_minutes: (section == Section::NewLeads)
                .then(|| (now - c.created_at).num_minutes().max(0)),
            waiting_since: (section == Section::NewLeads).then_some(c.created_at),
            over_cap,
        })
    }
}

/// When `date` begins in `zone` (its own offset, daylight saving included).
pub fn local_midnight(date: NaiveDate, zone: &dyn Zone) -> DateTime<Utc> {
    date.and_hms_opt(0, 0, 0)
        .and_then(|d| zone.instant(d))
        .unwrap_or_default()
}
