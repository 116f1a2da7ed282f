//! A rep's book: reads go straight to the store; every write is one transaction that also
//! appends to the timeline (where the rep will see it) and to the activity log (for audits).

use crate::clock::Clock;
use crate::domain::contact::{clean, normalize_phone, validate_name};
use crate::domain::sop::Template;
use crate::domain::{
    Channel, Contact, ContactId, ContactPatch, Interaction, InteractionKind, NewContact, Outcome,
    Stage,
};
use crate::store::{ContactFilter, Store, Writer};
use anyhow::{Result, anyhow, bail};
use chrono::{DateTime, Utc};
use serde_json::json;
use std::path::Path;

pub struct Book {
    store: Store,
    clock: Clock,
    actor: String,
    /// The SOP template follow-ups are planned from; none means no planning.
    pub(super) template: Option<Template>,
}

/// What `move` did.
#[derive(Debug, Clone, PartialEq)]
pub enum MoveOutcome {
    Moved { from: Stage, to: Stage },
    AlreadyThere(Stage),
}

impl Book {
    /// Opens the book, planning follow-ups with its own template if that is a built-in
    /// one (else the default). Front ends that load the user's templates use
    /// [`Book::open_unplanned`] and then `set_template`.
    pub fn open(path: &Path, clock: Clock, actor: &str) -> Result<Book> {
        let mut book = Book::open_unplanned(path, clock, actor)?;
        // Plan with the book's own template among the built-ins; callers that load the
        // user's templates too call `set_template`, which also re-plans if it changed.
        book.template = book.builtin_template()?;
        Ok(book)
    }

    /// Opens the book without a template: nothing is planned until `set_template`.
    pub fn open_unplanned(path: &Path, clock: Clock, actor: &str) -> Result<Book> {
        Ok(Book {
            store: Store::open(path)?,
            clock,
            actor: actor.to_string(),
            template: None,
        })
    }

    pub fn open_read_only(path: &Path, clock: Clock, actor: &str) -> Result<Book> {
        let mut book = Book {
            store: Store::open_read_only(path)?,
            clock,
            actor: actor.to_string(),
            template: None,
        };
        book.template = book.builtin_template()?;
        Ok(book)
    }

    /// The book's chosen template if it is a built-in one, else the default.
    fn builtin_template(&self) -> Result<Option<Template>> {
        let chosen = self.active_template_id()?;
        let id = chosen.as_deref().unwrap_or(crate::sop::DEFAULT_ID);
        Ok(crate::sop::Library::builtin(id)
            .or_else(|| crate::sop::Library::builtin(crate::sop::DEFAULT_ID))
            .map(|t| t.template))
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    pub fn clock(&self) -> &Clock {
        &self.clock
    }

    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    pub fn actor(&self) -> &str {
        &self.actor
    }

    pub fn is_empty(&self) -> Result<bool> {
        Ok(self.store.count_contacts()? == 0)
    }

    pub fn contact(&self, id: ContactId) -> Result<Contact> {
        self.store.contact(id)?.ok_or_else(|| not_found(id))
    }

    pub fn list(&self, filter: &ContactFilter) -> Result<Vec<Contact>> {
        self.store.list_contacts(filter)
    }

    pub fn timeline(&self, id: ContactId) -> Result<Vec<Interaction>> {
        self.contact(id)?;
        self.store.timeline(id)
    }

    /// Runs one write: `f` gets the writer and "now"; the event is appended in the same
    /// transaction, so the log never misses a change and never records one that failed.
    pub(super) fn write<T>(
        &mut self,
        action: &str,
        contact: Option<ContactId>,
        f: impl FnOnce(&Writer, DateTime<Utc>) -> Result<(T, serde_json::Value)>,
    ) -> Result<T> {
        let now = self.clock.now();
        let actor = self.actor.clone();
        let offset = self.clock.offset();
        let template = self.template.as_ref();
        self.store.write(|w| {
            let (out, detail) = f(w, now)?;
            // Follow-ups follow every change, in the same transaction.
            if let Some(t) = template {
                for id in w.changed_contacts() {
                    super::followups::replan(w, t, id, now, offset)?;
                }
            }
            w.append_event(now, &actor, action, contact, &detail)?;
            Ok(out)
        })
    }

    pub fn add(&mut self, new: NewContact) -> Result<Contact> {
        let mut new = new;
        new.name = validate_name(&new.name).map_err(|e| anyhow!(e))?;
        new.phone = match new.phone.as_deref() {
            Some(p) => normalize_phone(p).map_err(|e| anyhow!(e))?,
            None => None,
        };
        let owner = self.actor.clone();
        let id = self.write("contact.add", None, |w, now| {
            let id = w.insert_contact(&new, &owner, now)?;
            w.set_stage(id, None, Stage::Discover, now)?;
            w.insert_interaction(&Interaction::new(id, now, InteractionKind::Created))?;
            Ok((id, json!({ "id": id, "name": new.name })))
        })?;
        self.contact(id)
    }

    pub fn edit(&mut self, id: ContactId, patch: ContactPatch) -> Result<Contact> {
        let mut c = self.contact(id)?;
        let before = c.clone();
        apply_patch(&mut c, &patch)?;
        let changes = describe_changes(&before, &c, &patch);
        if changes.is_empty() {
            return Ok(before);
        }
        self.write("contact.edit", Some(id), |w, now| {
            w.update_fields(&c, now)?;
            for tag in &patch.add_tags {
                w.add_tag(id, tag)?;
            }
            for tag in &patch.remove_tags {
                w.remove_tag(id, tag)?;
            }
            let mut entry = Interaction::new(id, now, InteractionKind::Edited);
            entry.text = Some(changes.join("; "));
            w.insert_interaction(&entry)?;
            Ok(((), json!({ "changes": changes })))
        })?;
        self.contact(id)
    }

    pub fn move_to(&mut self, id: ContactId, to: Stage) -> Result<MoveOutcome> {
        let c = self.contact(id)?;
        if c.outcome != Outcome::Open {
            bail!(
                "contact {id} ({}) is {} ({}); only open contacts move between stages \
                 (reopen it with `salesbook reopen {id}`)",
                c.name,
                c.outcome.key(),
                c.outcome.zh()
            );
        }
        if c.stage == to {
            return Ok(MoveOutcome::AlreadyThere(to));
        }
        if to == Stage::Aftercare {
            bail!(
                "contact {id} ({}) reaches {} ({}) only by a win: use `salesbook won {id}`",
                c.name,
                to.key(),
                to.zh()
            );
        }
        let from = c.stage;
        self.write("contact.move", Some(id), |w, now| {
            change_stage(w, id, from, to, now)?;
            Ok(((), json!({ "from": from.key(), "to": to.key() })))
        })?;
        Ok(MoveOutcome::Moved { from, to })
    }

    /// Marks a deal won: the contact moves on to after-sale care, the purchase is recorded.
    pub fn won(
        &mut self,
        id: ContactId,
        amount_cents: Option<i64>,
        product: Option<String>,
    ) -> Result<Contact> {
        let c = self.contact(id)?;
        if c.outcome == Outcome::Lost {
            bail!(
                "contact {id} ({}) is lost; reopen it first with `salesbook reopen {id}`",
                c.name
            );
        }
        let product = product.as_deref().and_then(clean);
        let from = c.stage;
        self.write("contact.won", Some(id), |w, now| {
            w.set_outcome(id, Outcome::Won, None, now)?;
            w.record_purchase(id, product.as_deref(), amount_cents, now)?;
            let mut entry = Interaction::new(id, now, InteractionKind::Won);
            entry.amount_cents = amount_cents;
            entry.product = product.clone();
            w.insert_interaction(&entry)?;
            if from != Stage::Aftercare {
                change_stage(w, id, from, Stage::Aftercare, now)?;
            }
            Ok((
                (),
                json!({ "amount_cents": amount_cents, "product": product }),
            ))
        })?;
        self.contact(id)
    }

    pub fn lost(&mut self, id: ContactId, reason: &str) -> Result<Contact> {
        let Some(reason) = clean(reason) else {
            bail!("a lost contact needs a reason (--reason), e.g. --reason 预算不够");
        };
        let c = self.contact(id)?;
        if c.outcome != Outcome::Open {
            bail!(
                "contact {id} ({}) is already {} ({})",
                c.name,
                c.outcome.key(),
                c.outcome.zh()
            );
        }
        self.write("contact.lost", Some(id), |w, now| {
            w.set_outcome(id, Outcome::Lost, Some(&reason), now)?;
            let mut entry = Interaction::new(id, now, InteractionKind::Lost);
            entry.text = Some(reason.clone());
            w.insert_interaction(&entry)?;
            Ok(((), json!({ "reason": reason })))
        })?;
        self.contact(id)
    }

    /// Puts a won or lost contact back in the pipeline at its current stage.
    pub fn reopen(&mut self, id: ContactId) -> Result<Contact> {
        let c = self.contact(id)?;
        if c.outcome == Outcome::Open {
            bail!("contact {id} ({}) is already open", c.name);
        }
        self.write("contact.reopen", Some(id), |w, now| {
            w.set_outcome(id, Outcome::Open, None, now)?;
            w.insert_interaction(&Interaction::new(id, now, InteractionKind::Reopened))?;
            Ok(((), json!({ "was": c.outcome.key() })))
        })?;
        self.contact(id)
    }

    /// Logs a touch on a channel, or a plain note when no channel is given.
    pub fn log(
        &mut self,
        id: ContactId,
        text: &str,
        channel: Option<Channel>,
    ) -> Result<Interaction> {
        let Some(text) = clean(text) else {
            bail!("nothing to log: --note is empty");
        };
        self.contact(id)?;
        self.write("interaction.log", Some(id), |w, now| {
            let kind = channel.map_or(InteractionKind::Note, Channel::touch_kind);
            let mut entry = Interaction::new(id, now, kind);
            entry.channel = channel;
            entry.text = Some(text);
            entry.id = w.insert_interaction(&entry)?;
            let detail = json!({ "kind": kind.key(), "channel": channel.map(|c| c.key()) });
            Ok((entry, detail))
        })
    }

    pub fn set_archived(&mut self, id: ContactId, archived: bool) -> Result<Contact> {
        let c = self.contact(id)?;
        if c.archived == archived {
            let state = if archived { "archived" } else { "not archived" };
            bail!("contact {id} ({}) is already {state}", c.name);
        }
        let (action, kind) = if archived {
            ("contact.archive", InteractionKind::Archived)
        } else {
            ("contact.unarchive", InteractionKind::Unarchived)
        };
        self.write(action, Some(id), |w, now| {
            w.set_archived(id, archived, now)?;
            w.insert_interaction(&Interaction::new(id, now, kind))?;
            Ok(((), json!({})))
        })?;
        self.contact(id)
    }

    /// Fills an empty book with generated contacts; `force` allows a non-empty one.
    pub fn fill_demo(
        &mut self,
        opts: &super::demo::DemoOptions,
        force: bool,
    ) -> Result<(u64, u64)> {
        let existing = self.store.count_contacts()?;
        if existing > 0 && !force {
            bail!(
                "the book {} already has {existing} contacts; demo data goes only into an empty \
                 book (add --force to add it anyway, or use --db with a new file)",
                self.store.path().display()
            );
        }
        let owner = self.actor.clone();
        let opts = opts.clone();
        let template = self.template.clone();
        let offset = self.clock.offset();
        self.write("demo.fill", None, |w, now| {
            let seeds = super::demo::generate(&opts, now);
            let counts = w.insert_seeds(&owner, seeds)?;
            if let Some(t) = &template {
                for id in w.all_contact_ids()? {
                    super::followups::replan(w, t, id, now, offset)?;
                }
            }
            let detail = json!({
                "contacts": counts.0, "interactions": counts.1, "seed": opts.seed
            });
            Ok((counts, detail))
        })
    }
}

/// Moves the contact and leaves a `stage_change` entry in its timeline.
fn change_stage(
    w: &Writer,
    id: ContactId,
    from: Stage,
    to: Stage,
    now: DateTime<Utc>,
) -> Result<()> {
    w.set_stage(id, Some(from), to, now)?;
    let mut entry = Interaction::new(id, now, InteractionKind::StageChange);
    entry.from_stage = Some(from);
    entry.to_stage = Some(to);
    w.insert_interaction(&entry)?;
    Ok(())
}

fn not_found(id: ContactId) -> anyhow::Error {
    anyhow!("no contact with id {id} (see `salesbook list --all` for ids)")
}

fn apply_patch(c: &mut Contact, p: &ContactPatch) -> Result<()> {
    if let Some(name) = &p.name {
        c.name = validate_name(name).map_err(|e| anyhow!(e))?;
    }
    let text_fields: [(&Option<Option<String>>, &mut Option<String>); 7] = [
        (&p.honorific, &mut c.honorific),
        (&p.wechat, &mut c.wechat),
        (&p.company, &mut c.company),
        (&p.source, &mut c.source),
        (&p.need, &mut c.need),
        (&p.budget, &mut c.budget),
        (&p.notes, &mut c.notes),
    ];
    for (new, field) in text_fields {
        if let Some(v) = new {
            *field = v.as_deref().and_then(clean);
        }
    }
    if let Some(phone) = &p.phone {
        c.phone = match phone {
            Some(p) => normalize_phone(p).map_err(|e| anyhow!(e))?,
            None => None,
        };
    }
    if let Some(grade) = p.grade {
        c.grade = grade;
    }
    Ok(())
}

/// Human-readable "field: old → new" lines for the timeline.
fn describe_changes(before: &Contact, after: &Contact, p: &ContactPatch) -> Vec<String> {
    let show = |v: &Option<String>| v.clone().unwrap_or_else(|| "—".into());
    let mut out = Vec::new();
    if before.name != after.name {
        out.push(format!("name: {} → {}", before.name, after.name));
    }
    let fields = [
        ("honorific", &before.honorific, &after.honorific),
        ("phone", &before.phone, &after.phone),
        ("wechat", &before.wechat, &after.wechat),
        ("company", &before.company, &after.company),
        ("source", &before.source, &after.source),
        ("need", &before.need, &after.need),
        ("budget", &before.budget, &after.budget),
        ("notes", &before.notes, &after.notes),
    ];
    for (label, b, a) in fields {
        if b != a {
            out.push(format!("{label}: {} → {}", show(b), show(a)));
        }
    }
    if before.grade != after.grade {
        let g = |g: Option<crate::domain::Grade>| g.map_or("—".to_string(), |g| g.to_string());
        out.push(format!("grade: {} → {}", g(before.grade), g(after.grade)));
    }
    for t in &p.add_tags {
        if !before.tags.contains(t) {
            out.push(format!("+tag {t}"));
        }
    }
    for t in &p.remove_tags {
        if before.tags.contains(t) {
            out.push(format!("-tag {t}"));
        }
    }
    out
}
