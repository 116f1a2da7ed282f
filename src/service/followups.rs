//! Follow-ups for the rep's day: planning them on every write, the agenda, done / snooze /
//! skip, a dry-run simulation and an iCalendar export.

use super::Book;
use crate::domain::followup::{self, Facts, Lifecycle, Term, Track};
use crate::domain::sop::Template;
use crate::domain::{Contact, ContactId, Interaction, InteractionKind};
use crate::store::{Followup, History, Writer};
use anyhow::{Result, anyhow, bail};
use chrono::{DateTime, FixedOffset, NaiveDate, TimeDelta, Utc};
use serde::Serialize;
use serde_json::json;

/// Settings key: which template (id@version) the open follow-ups were planned with.
const PLANNED_WITH: &str = "followups_planned_with";

pub(super) fn facts<'a>(c: &'a Contact, h: &'a History) -> Facts<'a> {
    Facts {
        contact: c,
        grade_since: c.grade_since,
        stage_since: c.stage_since,
        won_at: h.won_at,
        touches: &h.touches,
        closed: &h.closed,
        snoozed: &h.snoozed,
        purchases: &h.purchases,
    }
}

/// Re-plans one contact's open follow-ups inside a write.
pub(super) fn replan(
    w: &Writer,
    t: &Template,
    id: ContactId,
    now: DateTime<Utc>,
    offset: FixedOffset,
) -> Result<()> {
    let Some(c) = w.contact(id)? else {
        return Ok(());
    };
    let h = w.history(id)?;
    let plan = followup::plan_full(t, &facts(&c, &h), now, offset);
    w.set_open_followups(id, &plan, now)
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

/// Items read past the limit per section: only rotting (added per item) can lift an item
/// over those above it in the index order.
const RANK_MARGIN: usize = 20;

impl Book {
    pub fn planning_template(&self) -> Option<&Template> {
        self.template.as_ref()
    }

    /// Plans with `t` from now on; if the open follow-ups were planned with another template
    /// (or none), every contact is re-planned.
    pub fn set_template(&mut self, t: Template) -> Result<()> {
        let stamp = format!("{}@{}", t.id, t.version);
        let current = self.store().setting(PLANNED_WITH)?;
        self.template = Some(t);
        if current.as_deref() == Some(stamp.as_str()) || self.store().is_read_only() {
            return Ok(());
        }
        self.replan_all(&stamp)
    }

    fn replan_all(&mut self, stamp: &str) -> Result<()> {
        let Some(t) = self.template.clone() else {
            return Ok(());
        };
        let offset = self.clock().offset();
        let stamp = stamp.to_string();
        self.write("followups.replan", None, |w, now| {
            let ids = w.all_contact_ids()?;
            for id in &ids {
                replan(w, &t, *id, now, offset)?;
            }
            w.set_setting(PLANNED_WITH, &stamp)?;
            Ok(((), json!({ "contacts": ids.len(), "template": stamp })))
        })
    }

    /// Re-plans the contacts whose plan has gone stale with time alone: a cadence left
    /// idle past dormancy moves to reactivation without any write to the contact. Each plan
    /// records when that happens (`replan_at`), so this reads only those contacts — nothing
    /// at all on most runs. Returns how many contacts were re-planned.
    pub fn refresh_followups(&mut self) -> Result<usize> {
        let Some(t) = self.template.clone() else {
            return Ok(0);
        };
        if self.store().is_read_only() {
            return Ok(0);
        }
        let stale = self.store().contacts_to_replan(self.now())?;
        if stale.is_empty() {
            return Ok(0);
        }
        let offset = self.clock().offset();
        self.write("followups.refresh", None, |w, now| {
            for id in &stale {
                replan(w, &t, *id, now, offset)?;
            }
            Ok((stale.len(), json!({ "contacts": stale.len() })))
        })
    }

    pub(super) fn template_or_err(&self) -> Result<&Template> {
        self.template
            .as_ref()
            .ok_or_else(|| anyhow!("no SOP template is available to plan follow-ups"))
    }

    pub fn lifecycle_of(&self, c: &Contact) -> Result<Lifecycle> {
        let t = self.template_or_err()?;
        let purchases = self.store().history(c.id)?.purchases.len();
        Ok(followup::lifecycle(t, c, purchases, self.now()))
    }

    /// "2026-11-23 09:40 欢迎语" for the contact's next follow-up, if any.
    pub fn next_followup_text(&self, c: &Contact) -> Result<Option<String>> {
        let open = self.store().open_followups_of(c.id)?;
        Ok(open.iter().min_by_key(|f| (f.due, f.id)).map(|f| {
            format!(
                "{} {}",
                self.clock().local(f.due).format("%Y-%m-%d %H:%M"),
                f.action
            )
        }))
    }

    pub fn is_rotting(&self, c: &Contact) -> Result<bool> {
        let t = self.template_or_err()?;
        Ok(followup::rotting(
            t,
            c,
            c.stage_since,
            c.next_due_at,
            self.now(),
        ))
    }

    /// The day's agenda for `date` (local), with `days` of upcoming items after it. Each
    /// section is read most-urgent-first from the index (see `score_base`), a few past
    /// `limit` so the per-item terms (rotting) can still reorder the edge.
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
        // Hundreds of small reads: one read transaction, one snapshot.
        self.store()
            .read(|| self.agenda_in_snapshot(date, days, limit, with_totals))
    }

    fn agenda_in_snapshot(
        &self,
        date: NaiveDate,
        days: u32,
        limit: usize,
        with_totals: bool,
    ) -> Result<Agenda> {
        let t = self.template_or_err()?;
        let offset = self.clock().offset();
        let now = self.now();
        let day_start = local_midnight(date, offset);
        let day_end = day_start + TimeDelta::days(1);
        let horizon = day_end + TimeDelta::days(days as i64);
        let forever = now + TimeDelta::days(365 * 100);
        // Before the day: overdue. On the day, what is already past "now" is overdue too.
        let cut = now.clamp(day_start, day_end);
        let window = limit + RANK_MARGIN;
        let store = self.store();
        let fetched = [
            (
                Section::NewLeads,
                store.open_followups_by_urgency(forever, true, window)?,
            ),
            (
                Section::Overdue,
                store.open_followups_by_urgency(cut, false, window)?,
            ),
            (
                Section::Today,
                store.open_followups_between_by_urgency(cut, day_end, window)?,
            ),
            (
                Section::Upcoming,
                store.open_followups_between_by_urgency(day_end, horizon, window)?,
            ),
        ];
        let totals = if with_totals {
            let cap = COUNT_CAP + 1;
            vec![
                (
                    Section::NewLeads,
                    store.count_open(true, None, forever, cap)?,
                ),
                (Section::Overdue, store.count_open(false, None, cut, cap)?),
                (
                    Section::Today,
                    store.count_open(false, Some(cut), day_end, cap)?,
                ),
                (
                    Section::Upcoming,
                    store.count_open(false, Some(day_end), horizon, cap)?,
                ),
            ]
        } else {
            Vec::new()
        };
        let mut sections = Vec::new();
        for (section, rows) in fetched {
            // Rows come most urgent first by `score_base`; past the limit, only a row that
            // rotting (the one term added per item) could lift above the last kept row is
            // worth loading.
            let edge = rows.get(limit.saturating_sub(1)).map(|f| f.score_base);
            let mut items = rows
                .into_iter()
                .enumerate()
                .take_while(|(i, f)| {
                    *i < limit || edge.is_some_and(|e| f.score_base + t.urgency.rotting >= e)
                })
                .map(|(_, f)| self.item(t, f, section, now))
                .collect::<Result<Vec<_>>>()?;
            rank(&mut items);
            items.truncate(limit);
            sections.push((section, items));
        }
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
        let c = self.contact(f.contact_id)?;
        let rotting = followup::rotting(t, &c, c.stage_since, c.next_due_at, now);
        let terms = followup::urgency(t, &c, f.track, f.due, rotting, now);
        let over_cap = if f.track == Track::Reactivation {
            // Only the last 30 days matter for the cap: read just those touches.
            let recent = self
                .store()
                .touches_between(c.id, now - TimeDelta::days(30), now)?;
            followup::touches_over_cap(t, &recent, now)
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

    fn open_followup(&self, id: i64) -> Result<Followup> {
        let f = self
            .store()
            .followup(id)?
            .ok_or_else(|| anyhow!("no follow-up with id {id} (see `salesbook agenda` for ids)"))?;
        if f.status != "open" {
            bail!(
                "follow-up {id} is already {} — see `salesbook agenda` for what is open now",
                f.status
            );
        }
        Ok(f)
    }

    /// Marks a follow-up done: a touch in the timeline, and the cadence moves on.
    pub fn done(&mut self, id: i64, note: Option<&str>) -> Result<Followup> {
        let f = self.open_followup(id)?;
        let note = note.and_then(crate::domain::contact::clean);
        self.write("followup.done", Some(f.contact_id), |w, now| {
            w.close_followup(id, false, note.as_deref(), now)?;
            let mut entry = Interaction::new(f.contact_id, now, InteractionKind::FollowupDone);
            entry.text = Some(match &note {
                Some(n) => format!("{} · {n}", f.action),
                None => f.action.clone(),
            });
            entry.script_id = f.script.clone();
            w.insert_interaction(&entry)?;
            Ok((
                (),
                json!({ "followup": id, "track": f.track.key(), "step": f.step }),
            ))
        })?;
        self.store()
            .followup(id)?
            .ok_or_else(|| anyhow!("follow-up {id} vanished"))
    }

    /// Skips a follow-up with a reason; the cadence moves on without a touch.
    pub fn skip(&mut self, id: i64, reason: &str) -> Result<Followup> {
        let Some(reason) = crate::domain::contact::clean(reason) else {
            bail!("skipping needs a reason (--reason), e.g. --reason 客户出差");
        };
        let f = self.open_followup(id)?;
        self.write("followup.skip", Some(f.contact_id), |w, now| {
            w.close_followup(id, true, Some(&reason), now)?;
            let mut entry = Interaction::new(f.contact_id, now, InteractionKind::FollowupSkipped);
            entry.text = Some(format!("{} · {reason}", f.action));
            w.insert_interaction(&entry)?;
            Ok(((), json!({ "followup": id, "reason": reason })))
        })?;
        self.store()
            .followup(id)?
            .ok_or_else(|| anyhow!("follow-up {id} vanished"))
    }

    /// Moves a follow-up to `until` (it keeps its id).
    pub fn snooze(&mut self, id: i64, until: DateTime<Utc>) -> Result<Followup> {
        let f = self.open_followup(id)?;
        let now = self.now();
        if until <= now {
            bail!(
                "--until must be in the future (now is {})",
                self.clock().local(now).to_rfc3339()
            );
        }
        let local = self
            .clock()
            .local(until)
            .format("%Y-%m-%d %H:%M")
            .to_string();
        self.write("followup.snooze", Some(f.contact_id), |w, now| {
            w.snooze_followup(id, until)?;
            let mut entry = Interaction::new(f.contact_id, now, InteractionKind::FollowupSnoozed);
            entry.text = Some(format!("{} → {local}", f.action));
            w.insert_interaction(&entry)?;
            Ok(((), json!({ "followup": id, "until": until.to_rfc3339() })))
        })?;
        self.store()
            .followup(id)?
            .ok_or_else(|| anyhow!("follow-up {id} vanished"))
    }
}

fn rank(items: &mut [AgendaItem]) {
    items.sort_by(|a, b| {
        followup::rank_cmp(
            (a.urgency, a.due, a.followup_id),
            (b.urgency, b.due, b.followup_id),
        )
    });
}

pub fn local_midnight(date: NaiveDate, offset: FixedOffset) -> DateTime<Utc> {
    date.and_hms_opt(0, 0, 0)
        .and_then(|d| d.and_local_timezone(offset).single())
        .map(|d| d.with_timezone(&Utc))
        .unwrap_or_default()
}
