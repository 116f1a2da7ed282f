//! Follow-ups for the rep's day: planning them on every write, and the agenda — read
//! from the stored plans, which time alone never makes stale.

use super::pipeline::Cx;
use super::session::View;
use crate::domain::derived::{derived_tags, is_derived};
use crate::domain::followup::{self, Facts, Lifecycle, Term, Track};
use crate::domain::sop::Template;
use crate::domain::{Contact, ContactId, TagRef};
use crate::store::{Followup, History, Rank, Window};
use anyhow::Result;
use chrono::{DateTime, FixedOffset, NaiveDate, TimeDelta, Utc};
use serde::Serialize;

pub(super) fn facts<'a>(c: &'a Contact, h: &'a History) -> Facts<'a> {
    Facts {
        contact: c,
        grade_since: c.grade_since,
        stage_since: c.stage_since,
        won_at: h.won_at,
        touches: &h.touches,
        inbound: &h.inbound,
        closed: &h.closed,
        snoozed: &h.snoozed,
        purchases: &h.purchases,
        appointments: &h.appointments,
    }
}

/// Re-plans one contact inside a write: its open follow-ups, its tier, and the tags of the
/// template's automatic groups (a change to those is the contact's change too, so the
/// contact is read first for the log).
pub(super) fn replan(cx: &mut Cx, id: ContactId) -> crate::service::error::Result<()> {
    let (w, session) = (cx.w, cx.session);
    let t = &session.template;
    let offset = session.offset();
    let Some(c) = w.snap().contact(id)? else {
        return Ok(());
    };
    let h = w.snap().history(id)?;
    let f = facts(&c, &h);
    let plan = followup::plan_full(t, &f, offset);
    let tier = followup::tier_of(t, &f);
    let derived = derived_tags(t, &f, tier, &plan, offset);
    let stale: Vec<&TagRef> = c
        .tags
        .iter()
        .filter(|x| is_derived(t, x) && !derived.contains(x))
        .collect();
    let missing: Vec<&TagRef> = derived.iter().filter(|x| !c.tags.contains(x)).collect();
    if !stale.is_empty() || !missing.is_empty() {
        cx.load(id)?;
        for tag in stale {
            w.remove_tag(id, tag)?;
        }
        for tag in missing {
            w.add_tag(id, tag)?;
        }
    }
    w.set_tier(id, tier)?;
    let next_due = plan.iter().map(|p| p.due).min();
    let rot_from = followup::rots_from(t, &c, c.stage_since, next_due);
    w.set_open_followups(id, &plan, rot_from, cx.now)?;
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

/// Rows read past the limit per section: rows equal in `score_base` can still differ in
/// rank by a bit once the clock is added (the rotting ones are looked up separately).
const RANK_MARGIN: usize = 20;

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

    /// "2026-11-23 09:40 欢迎语" for the contact's next live follow-up, if any.
    pub fn next_followup_text(&self, c: &Contact) -> Result<Option<String>> {
        let now = self.now();
        let open = self.snap.open_followups_of(c.id)?;
        Ok(open
            .iter()
            .filter(|f| {
                f.valid_from.is_none_or(|s| s <= now) && f.valid_until.is_none_or(|u| u > now)
            })
            .min_by_key(|f| (f.due, f.id))
            .map(|f| {
                format!(
                    "{} {}",
                    self.clock().local(f.due).format("%Y-%m-%d %H:%M"),
                    f.action
                )
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
        self.agenda_with(date, days, limit, true)
    }

    /// The agenda's items without the section totals (`totals` is empty): counting every
    /// overdue follow-up is most of the work on a large book, and scripts reading the
    /// items (JSON, CSV) never see the totals.
    pub fn agenda_items(&self, date: NaiveDate, days: u32, limit: usize) -> Result<Agenda> {
        self.agenda_with(date, days, limit, false)
    }

    fn agenda_with(
        &self,
        date: NaiveDate,
        days: u32,
        limit: usize,
        with_totals: bool,
    ) -> Result<Agenda> {
        let t = self.template();
        let offset = self.clock().offset();
        let now = self.now();
        let day_start = local_midnight(date, offset);
        let day_end = day_start + TimeDelta::days(1);
        let horizon = day_end
            .checked_add_signed(TimeDelta::days(days as i64))
            .unwrap_or(DateTime::<Utc>::MAX_UTC);
        let forever = DateTime::<Utc>::MAX_UTC;
        // Before the day: overdue. On the day, what is already past "now" is overdue too.
        let cut = now.clamp(day_start, day_end);
        let window = limit.saturating_add(RANK_MARGIN);
        let snap = self.snap;
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
            rank,
        };
        let windows = [
            (Section::NewLeads, win(true, None, forever, exact)),
            (Section::Overdue, win(false, None, cut, None)),
            (Section::Today, win(false, Some(cut), day_end, exact)),
            (Section::Upcoming, win(false, Some(day_end), horizon, exact)),
        ];
        let key =
            |f: &Followup| followup::rank_key(t, f.track, f.score_base, f.due, f.rot_from, now);
        let mut sections = Vec::with_capacity(4);
        for (section, w) in &windows {
            let mut rows = snap.agenda_rows(w, window)?;
            // The overdue rows come by `score_base`; a rotting contact further down could
            // still rank above the edge once its rotting weight is added. At most `limit`
            // of those can, so reading that many from the score index is exact.
            if w.rank.is_none()
                && rows.len() >= limit
                && weights.rotting > 0.0
                && let Some(edge) = rows.get(limit - 1)
            {
                let min_base = edge.score_base - weights.rotting - 1e-9;
                for f in snap.rotting_rows(w, min_base, limit)? {
                    if !rows.iter().any(|r| r.id == f.id) {
                        rows.push(f);
                    }
                }
            }
            rows.sort_by(|a, b| followup::rank_cmp((key(a), a.due, a.id), (key(b), b.due, b.id)));
            rows.truncate(limit);
            let items = rows
                .into_iter()
                .map(|f| self.item(t, f, *section, now))
                .collect::<Result<Vec<_>>>()?;
            sections.push((*section, items));
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
        f: Followup,
        section: Section,
        now: DateTime<Utc>,
    ) -> Result<AgendaItem> {
        let c = self
            .snap
            .contact(f.contact_id)?
            .ok_or_else(|| anyhow::anyhow!("follow-up {} has no contact", f.id))?;
        let rotting = followup::rotting(t, &c, c.stage_since, c.next_due_at, now);
        let terms = followup::urgency(t, &c, f.track, f.step, f.due, rotting, now);
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
            urgency: (followup::score(&terms) * 10.0).round() / 10.0,
            terms,
            waiting_minutes: (section == Section::NewLeads)
                .then(|| (now - c.created_at).num_minutes().max(0)),
            over_cap,
        })
    }
}

pub fn local_midnight(date: NaiveDate, offset: FixedOffset) -> DateTime<Utc> {
    date.and_hms_opt(0, 0, 0)
        .and_then(|d| d.and_local_timezone(offset).single())
        .map(|d| d.with_timezone(&Utc))
        .unwrap_or_default()
}
