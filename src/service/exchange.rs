//! Import and export through the book: the format layer (`crate::exchange`) reads and writes
//! files; this is where its records meet the book — duplicates looked up from the book's
//! keys, an import run as one batch command (one transaction, one log entry, one undo), and
//! contacts turned into export records.

use super::error::{Error, Result};
use super::pipeline::{Applied, Reply};
use super::session::{Book, View};
use crate::domain::command::{BatchKind, Command, SeedContact};
use crate::domain::{
    Contact, ContactId, ContactPatch, Interaction, InteractionKind, NewContact, Outcome, Stage,
};
use crate::exchange::merge::{phone_key, wechat_key};
use crate::exchange::{
    BookLookup, ExportContact, ImportPlan, ImportedContact, Issue, IssueKind, PurchaseRecord,
    TimelineEntry,
};
use crate::store::ContactFilter;
use chrono::{DateTime, Utc};
use std::collections::HashMap;

/// The book as an import's duplicate finder sees it: every contact's keys read once, a
/// whole contact only for the rows that merge into it.
pub struct BookKeys<'a> {
    view: View<'a>,
    phones: HashMap<String, ContactId>,
    wechats: HashMap<String, ContactId>,
    names: HashMap<(String, String), ContactId>,
}

impl BookLookup for BookKeys<'_> {
    fn by_phone(&self, key: &str) -> Option<ContactId> {
        self.phones.get(key).copied()
    }

    fn by_wechat(&self, key: &str) -> Option<ContactId> {
        self.wechats.get(key).copied()
    }

    fn by_name_company(&self, name: &str, company: &str) -> Option<ContactId> {
        self.names
            .get(&(name.to_string(), company.to_string()))
            .copied()
    }

    fn contact(&self, id: ContactId) -> Option<ImportedContact> {
        let c = self.view.find(id).ok()??;
        let e = self.view.export_contact(&c).ok()?;
        Some(ImportedContact::from(&e))
    }
}

impl<'a> View<'a> {
    /// The book's keys for an import (the oldest contact wins a shared key).
    pub fn import_keys(&self) -> Result<BookKeys<'a>> {
        let mut keys = BookKeys {
            view: *self,
            phones: HashMap::new(),
            wechats: HashMap::new(),
            names: HashMap::new(),
        };
        for k in self.snap.contact_keys()? {
            if let Some(p) = k.phone {
                keys.phones.entry(phone_key(&p)).or_insert(k.id);
            }
            if let Some(w) = k.wechat {
                keys.wechats.entry(wechat_key(&w)).or_insert(k.id);
            }
            let co = k.company.unwrap_or_default();
            keys.names.entry((k.name, co)).or_insert(k.id);
        }
        Ok(keys)
    }

    /// A contact as the exports write it.
    pub fn export_contact(&self, c: &Contact) -> Result<ExportContact> {
        let book_purchases = self.snap.purchases_of(c.id)?;
        let (followups, appointments) = super::exchange_plan::export_records(
            self.snap.worked_followups_of(c.id)?,
            &book_purchases,
            self.snap.appointments_of(c.id)?,
        );
        let purchases: Vec<PurchaseRecord> = book_purchases
            .into_iter()
            .map(|p| PurchaseRecord {
                at: p.at,
                amount_cents: p.amount_cents,
                product: p.product,
            })
            .collect();
        let timeline = self
            .snap
            .timeline(c.id)?
            .into_iter()
            .map(|i| TimelineEntry {
                at: i.at,
                kind: i.kind,
                channel: i.channel,
                from_stage: i.from_stage,
                to_stage: i.to_stage,
                script_id: i.script_id,
                amount_cents: i.amount_cents,
                product: i.product,
                text: i.text,
                grade_change: i.grade_change,
            })
            .collect();
        let lifecycle = self.lifecycle_of(c)?;
        Ok(ExportContact {
            id: c.id,
            name: c.name.clone(),
            honorific: c.honorific.clone(),
            phone: c.phone.clone(),
            wechat: c.wechat.clone(),
            email: c.email.clone(),
            company: c.company.clone(),
            source: c.source.clone(),
            need: c.need.clone(),
            budget: c.budget.clone(),
            grade: c.grade,
            stage: c.stage,
            outcome: c.outcome,
            lost_reason: c.lost_reason.clone(),
            tier: c.tier.map(|t| t.to_string()),
            lifecycle,
            tags: c.tags.clone(),
            notes: c.notes.clone(),
            birthday: c.birthday,
            anniversary: c.anniversary,
            owner: c.owner.clone(),
            archived: c.archived,
            created_at: c.created_at,
            updated_at: c.updated_at,
            last_touch_at: c.last_touch_at,
            purchases,
            timeline,
            followups,
            appointments,
        })
    }

    /// Every contact (archived ones with `all`) as export records, by id, one at a time.
    pub fn for_each_export(
        &self,
        all: bool,
        mut f: impl FnMut(ExportContact) -> anyhow::Result<()>,
    ) -> Result<()> {
        let filter = ContactFilter {
            include_archived: all,
            ..ContactFilter::default()
        };
        self.snap
            .for_each_contact(&filter, |c| f(self.export_contact(&c)?))?;
        Ok(())
    }

    /// How many archived contacts an export without `--all` leaves out.
    pub fn archived_left_out(&self, all: bool) -> Result<i64> {
        if all {
            return Ok(0);
        }
        Ok(self.snap.count_archived()?)
    }
}

/// What an import did: the batch's log entry, and the report with every row the book itself
/// refused added to it.
pub struct Imported {
    pub applied: Option<Applied>,
    pub added: Vec<ContactId>,
}

impl Book {
    /// Runs an import plan as one batch: the whole file, or (on any failure) none of it.
    /// Rows the book refuses (a value the format layer let through but the book's own rules
    /// do not) move to the report as rejected before anything is written. Afterwards the
    /// plan's adds keep their line numbers only: their contacts went into the book.
    pub fn import(&mut self, plan: &mut ImportPlan, lang: crate::config::Lang) -> Result<Imported> {
        self.view().note_new_tags(plan)?;
        let now = self.session.now();
        // The book's own CSV brings each record's past; its vCards (an address book) none.
        let brings_past = plan.report.meta.brings_its_past();
        let mut commands = Vec::with_capacity(plan.adds.len() + plan.updates.len());
        let mut kept = Vec::with_capacity(plan.adds.len());
        for mut add in std::mem::take(&mut plan.adds) {
            let seed = seed_of(&add.contact, now, brings_past);
            match super::apply::checked_new(&seed.contact) {
                Ok(_) => {
                    commands.push(Command::Seed(Box::new(seed)));
                    // The seed carries the row from here on; the plan keeps its line (a
                    // second copy of 100,000 rows with their timelines is 100s of MB).
                    add.contact = Default::default();
                    kept.push(add);
                }
                Err(e) => reject(plan, add.line, add.contact.known_before, &e, lang),
            }
        }
        plan.adds = kept;
        plan.report.issues.sort_by_key(|i| i.line);
        let t = &self.session.template;
        for u in &plan.updates {
            let mut patch = patch_of(&u.before, &u.after);
            // The file's tags are the rep's own (they need not be in the template); tags of
            // the template's automatic groups are the book's to set, not the file's.
            patch
                .add_tags
                .retain(|tag| !crate::domain::derived::is_derived(t, tag));
            patch.new_tags = patch.add_tags.clone();
            // The import matched its rows itself and reported a row whose phone and WeChat
            // ID are two contacts' (filling one with the other's ID is what it said it did).
            patch.duplicate_ok = true;
            if !patch.is_empty() {
                commands.push(Command::Edit { id: u.id, patch });
            }
        }
        if commands.is_empty() {
            return Ok(Imported {
                applied: None,
                added: Vec::new(),
            });
        }
        let applied = self.execute(Command::Batch {
            kind: BatchKind::Import,
            commands,
        })?;
        let added = match &applied.reply {
            Reply::Batch(replies) => replies
                .iter()
                .filter_map(|r| match r {
                    Reply::Seeded { id, .. } => Some(*id),
                    _ => None,
                })
                .collect(),
            _ => Vec::new(),
        };
        Ok(Imported {
            applied: Some(applied),
            added,
        })
    }
}

impl View<'_> {
    /// Names in the report the tags the file brings that neither the template's taxonomy
    /// nor the book has: the import adds them to this book's own (never silently).
    pub fn note_new_tags(&self, plan: &mut ImportPlan) -> Result<()> {
        plan.report.new_tags = new_tags_in(self.template(), Some(&self.snap), plan)?;
        Ok(())
    }
}

/// [`View::note_new_tags`] for a book not made yet, on the template it will follow.
pub fn note_new_tags_for_new_book(
    t: &crate::domain::sop::Template,
    plan: &mut ImportPlan,
) -> Result<()> {
    plan.report.new_tags = new_tags_in(t, None, plan)?;
    Ok(())
}

fn new_tags_in(
    t: &crate::domain::sop::Template,
    snap: Option<&crate::store::Snap>,
    plan: &ImportPlan,
) -> Result<Vec<crate::domain::TagRef>> {
    let brought = plan.adds.iter().flat_map(|a| &a.contact.tags).chain(
        plan.updates
            .iter()
            .flat_map(|u| u.after.tags.iter().filter(|t| !u.before.tags.contains(t))),
    );
    let mut seen = std::collections::BTreeSet::new();
    for tag in brought {
        if seen.contains(tag)
            || crate::domain::derived::is_derived(t, tag)
            || t.tag_groups.iter().any(|g| g.contains(tag))
        {
            continue;
        }
        if let Some(snap) = snap
            && snap.tag_known(tag)?
        {
            continue;
        }
        seen.insert(tag.clone());
    }
    Ok(seen.into_iter().collect())
}

/// What `import` does before writing, for a dry run to say the same: each row the book's
/// own rules refuse (a value the format layer let through) moves to the report as rejected.
pub fn screen_import(plan: &mut ImportPlan, now: DateTime<Utc>, lang: crate::config::Lang) {
    // The book's own CSV brings each record's past; its vCards (an address book) none.
    let brings_past = plan.report.meta.brings_its_past();
    for add in std::mem::take(&mut plan.adds) {
        let seed = seed_of(&add.contact, now, brings_past);
        match super::apply::checked_new(&seed.contact) {
            Ok(_) => plan.adds.push(add),
            Err(e) => reject(plan, add.line, add.contact.known_before, &e, lang),
        }
    }
    plan.report.issues.sort_by_key(|i| i.line);
}

/// A row the book refuses, counted and reported as rejected instead of added.
fn reject(
    plan: &mut ImportPlan,
    line: usize,
    known_before: bool,
    e: &crate::domain::error::FieldError,
    lang: crate::config::Lang,
) {
    if known_before {
        plan.report.counts.known -= 1;
    }
    plan.report.counts.rejected += 1;
    plan.report.counts.added = plan.report.counts.added.saturating_sub(1);
    plan.report.issues.push(Issue {
        line,
        kind: IssueKind::Refused {
            reason: crate::i18n::errors::field_error(lang, crate::i18n::errors::Front::Cli, e),
        },
        raw: String::new(),
    });
}

/// A file's record as a contact with its past: stage, outcome, purchases, timeline and
/// times as the file gives them, the rest as a new contact starts. Nothing is dated after
/// `now`: later times (the creation, the timeline's entries, the update and last touch)
/// become `now`. A contact was added no later than its last contact. From another tool's
/// file, the contact is marked as brought in `now` (nothing falls due before), and when it
/// is someone the rep already talks to, since when.
fn seed_of(r: &ImportedContact, now: DateTime<Utc>, brings_past: bool) -> SeedContact {
    let last_touch = r.last_touch_at.map(|t| t.min(now));
    // Known no later than their first purchase, too.
    let created_at = r
        .created_at
        .or_else(|| first_time(&r.timeline))
        .into_iter()
        .chain(last_touch)
        .chain(r.purchases.iter().map(|p| p.at))
        .min()
        .map_or(now, |t| t.min(now));
    let outcome = r.outcome_in_book();
    // A sale puts a contact in 理售后, as `won` does.
    let stage = match outcome {
        Outcome::Won => Stage::Aftercare,
        _ => r.stage.unwrap_or(Stage::Discover),
    };
    let mut history = history_of(&r.timeline, created_at, stage, now);
    if !brings_past && outcome == Outcome::Won {
        record_wins(&mut history, &r.purchases, now);
    }
    if !brings_past {
        if r.known_before {
            let since = last_touch.unwrap_or(now);
            history.push(Interaction::new(0, since, InteractionKind::PriorContact));
        }
        history.push(Interaction::new(0, now, InteractionKind::Imported));
    }
    let purchases = if r.purchases.is_empty() {
        // A win is a purchase (the book writes both): a file with a timeline but no
        // purchase list has its purchases in its wins. Never both, so none counts twice.
        history
            .iter()
            .filter(|i| i.kind == InteractionKind::Won)
            .map(|i| (i.at, i.product.clone(), i.amount_cents))
            .collect()
    } else {
        r.purchases
            .iter()
            .map(|p| (p.at.min(now), p.product.clone(), p.amount_cents))
            .collect()
    };
    let (worked, appointments) = if brings_past {
        super::exchange_plan::seed_records(&r.followups, &r.appointments, r.purchases.len())
    } else {
        (Vec::new(), Vec::new())
    };
    SeedContact {
        contact: NewContact {
            name: r.name.clone(),
            honorific: r.honorific.clone(),
            phone: r.phone.clone(),
            wechat: r.wechat.clone(),
            company: r.company.clone(),
            source: r.source.clone(),
            need: r.need.clone(),
            budget: r.budget.clone(),
            email: r.email.clone(),
            birthday: r.birthday,
            anniversary: r.anniversary,
            grade: r.grade,
            notes: r.notes.clone(),
            tags: r.tags.clone(),
            // A file's `group/tag` is the rep's own tag: it need not be in the template.
            new_tags: Vec::new(),
            created_at: Some(created_at),
            // The import found its duplicates itself and did what `--on-duplicate` says.
            duplicate_ok: true,
        },
        stage,
        outcome,
        lost_reason: r.lost_reason.clone().filter(|_| outcome == Outcome::Lost),
        created_at,
        archived: r.archived.unwrap_or(false),
        history,
        purchases,
        owner: r.owner.clone(),
        updated_at: r.updated_at.map(|t| t.min(now)),
        last_touch_at: last_touch,
        worked,
        appointments,
    }
}

/// Another tool's won customer, as `won` writes one: each purchase a win with its amount and
/// product, the first of them the step into 理售后 (without purchases, the win is when the
/// step was, the contact's creation: the file does not say when). A timeline that has its
/// wins already is left as it is.
fn record_wins(history: &mut Vec<Interaction>, purchases: &[PurchaseRecord], now: DateTime<Utc>) {
    if history.iter().any(|i| i.kind == InteractionKind::Won) {
        return;
    }
    let step = history.iter().position(|i| {
        i.kind == InteractionKind::StageChange && i.to_stage == Some(Stage::Aftercare)
    });
    let mut wins: Vec<Interaction> = purchases
        .iter()
        .map(|p| {
            let mut won = Interaction::new(0, p.at.min(now), InteractionKind::Won);
            won.amount_cents = p.amount_cents;
            won.product.clone_from(&p.product);
            won
        })
        .collect();
    wins.sort_by_key(|w| w.at);
    let steps = history
        .iter()
        .filter(|i| i.kind == InteractionKind::StageChange)
        .count();
    match (step, wins.first()) {
        // The one step into 理售后, which the file did not date, is taken with the first sale.
        (Some(s), Some(first)) if steps == 1 => history[s].at = first.at,
        (Some(s), None) => {
            let at = history[s].at;
            wins.push(Interaction::new(0, at, InteractionKind::Won));
        }
        _ => {}
    }
    history.extend(wins);
    // In time order; entries at one time keep theirs (created, the step, the wins).
    history.sort_by_key(|i| i.at);
}

/// When a record without a creation time came in: its `created` entry, else its first.
fn first_time(timeline: &[TimelineEntry]) -> Option<DateTime<Utc>> {
    timeline
        .iter()
        .find(|e| e.kind == InteractionKind::Created)
        .or_else(|| timeline.iter().min_by_key(|e| e.at))
        .map(|e| e.at)
}

/// The timeline a seeded contact starts with: the file's, in its order, with a `created`
/// entry first when it has none; without any stage change, one step from 挖需求 to where
/// the file says the contact is, when it came in. (The book rebuilds the stage history from
/// the stage changes.) A file without a timeline gives just those.
fn history_of(
    timeline: &[TimelineEntry],
    created_at: DateTime<Utc>,
    stage: Stage,
    now: DateTime<Utc>,
) -> Vec<Interaction> {
    let mut history = Vec::with_capacity(timeline.len() + 2);
    if !timeline.iter().any(|e| e.kind == InteractionKind::Created) {
        history.push(Interaction::new(0, created_at, InteractionKind::Created));
    }
    history.extend(timeline.iter().map(|e| Interaction {
        id: 0,
        contact_id: 0,
        at: e.at.min(now),
        kind: e.kind,
        channel: e.channel,
        text: e.text.clone(),
        from_stage: e.from_stage,
        to_stage: e.to_stage,
        script_id: e.script_id.clone(),
        amount_cents: e.amount_cents,
        product: e.product.clone(),
        grade_change: e.grade_change,
    }));
    let moved = history
        .iter()
        .any(|i| i.kind == InteractionKind::StageChange);
    if stage != Stage::Discover && !moved {
        let mut step = Interaction::new(0, created_at, InteractionKind::StageChange);
        step.from_stage = Some(Stage::Discover);
        step.to_stage = Some(stage);
        let after_created = history
            .iter()
            .position(|i| i.kind == InteractionKind::Created)
            .map_or(0, |p| p + 1);
        history.insert(after_created, step);
    }
    history
}

/// The fields a merge filled in, as an edit: only what `after` has and `before` lacked
/// (the book's values win on conflict), and the tags it added.
fn patch_of(before: &ImportedContact, after: &ImportedContact) -> ContactPatch {
    let fill = |b: &Option<String>, a: &Option<String>| match (b, a) {
        (None, Some(v)) => Some(Some(v.clone())),
        _ => None,
    };
    ContactPatch {
        honorific: fill(&before.honorific, &after.honorific),
        phone: fill(&before.phone, &after.phone),
        wechat: fill(&before.wechat, &after.wechat),
        company: fill(&before.company, &after.company),
        source: fill(&before.source, &after.source),
        need: fill(&before.need, &after.need),
        budget: fill(&before.budget, &after.budget),
        email: fill(&before.email, &after.email),
        notes: fill(&before.notes, &after.notes),
        birthday: (before.birthday.is_none() && after.birthday.is_some()).then_some(after.birthday),
        anniversary: (before.anniversary.is_none() && after.anniversary.is_some())
            .then_some(after.anniversary),
        grade: (before.grade.is_none() && after.grade.is_some()).then_some(after.grade),
        add_tags: after
            .tags
            .iter()
            .filter(|t| !before.tags.contains(t))
            .cloned()
            .collect(),
        ..ContactPatch::default()
    }
}

/// An import that would write nothing is no error; one whose every row was refused is.
pub fn nothing_imported(plan: &ImportPlan) -> bool {
    let c = &plan.report.counts;
    plan.adds.is_empty() && plan.updates.is_empty() && (c.rejected > 0 || c.read == 0)
}

impl From<crate::exchange::ImportError> for Error {
    fn from(e: crate::exchange::ImportError) -> Error {
        Error::Other(anyhow::Error::new(e))
    }
}
