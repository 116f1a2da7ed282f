//! The write jobs: one command through the book's pipeline each (a bulk change is one batch,
//! so one undo), and what it did, worded for the status line.

use super::{Held, Worker};
use crate::domain::command::{BatchKind, Command};
use crate::domain::{ContactId, Outcome, Stage};
use crate::i18n::tui_words::{self as words, BulkWord};
use crate::service::{Applied, Error, Reply, View};
use crate::sop::Library;
use crate::tui::jobs::{BulkOp, Data, Written};

impl Worker {
    /// Whether an undo can reverse the change: one it cannot (a template switch) is not
    /// asked about, its refusal is said at once.
    fn undoable(&mut self, event: i64) -> Result<bool, Error> {
        let view = self.book()?.view();
        Ok(view
            .undo_list(50)?
            .iter()
            .find(|e| e.event == event)
            .is_none_or(|e| e.undoable))
    }

    /// A change this app made: `u` undoes it without asking.
    fn note(&mut self, applied: &Applied) {
        self.mine.extend(applied.event);
    }

    pub(super) fn write(&mut self, cmd: Command) -> Result<Data, Error> {
        let lang = self.lang;
        let mut info = None;
        let applied = match self.book()?.execute(cmd.clone()) {
            // The template was switched elsewhere since the book was opened: nothing was
            // saved. Opened again with the book's template, the change is made with it.
            Err(Error::TemplateChangedElsewhere) => {
                info = Some(Box::new(self.reopen()?));
                self.book()?.execute(cmd.clone())?
            }
            applied => applied?,
        };
        self.note(&applied);
        let view = self.book()?.view();
        let message = describe(lang, &view, &cmd, &applied)?;
        let contact = match applied.reply {
            Reply::Contact(id) | Reply::Moved { id, .. } => Some(id),
            _ => cmd.contact(),
        };
        Ok(Data::Written(Written {
            message,
            contact,
            info,
        }))
    }

    /// Copies a script and, once it reached a clipboard, logs it as sent.
    pub(super) fn copy_and_log(
        &mut self,
        text: &str,
        title: &str,
        native: bool,
        osc52: bool,
        log: Command,
    ) -> Result<Data, Error> {
        let via = if native {
            crate::clipboard::copy_native(text)
        } else {
            None
        };
        if !osc52 && via.is_none() {
            let s = crate::i18n::strings(self.lang);
            return Err(Error::Other(anyhow::anyhow!(s.copied_nowhere)));
        }
        let lang = self.lang;
        let Data::Written(mut w) = self.write(log)? else {
            return Err(Error::NothingToChange);
        };
        w.message = words::copied(lang, title, &w.message);
        Ok(Data::Written(w))
    }

    /// One change for every marked contact the operation applies to; the others are
    /// counted as skipped.
    pub(super) fn bulk(&mut self, ids: Vec<ContactId>, op: BulkOp) -> Result<Data, Error> {
        let lang = self.lang;
        let book = self.book()?;
        let mut commands = Vec::new();
        // Named in the message: the rep sees whom the change passed over.
        let mut skipped = Vec::new();
        {
            let view = book.view();
            for id in &ids {
                let c = view.contact(*id)?;
                let cmd = match &op {
                    BulkOp::Step { forward } => {
                        let to = if *forward {
                            c.stage.next()
                        } else {
                            c.stage.prev()
                        };
                        to.filter(|to| {
                            c.outcome == Outcome::Open && !c.archived && *to != Stage::Aftercare
                        })
                        .map(|to| Command::Move { id: c.id, to })
                    }
                    BulkOp::Grade(g) => (c.grade != *g).then_some(Command::Grade {
                        id: c.id,
                        grade: *g,
                    }),
                    BulkOp::Tag(tags) => {
                        let add: Vec<_> = tags
                            .iter()
                            .filter(|t| !c.tags.contains(t))
                            .cloned()
                            .collect();
                        (!add.is_empty()).then_some(Command::Tag {
                            id: c.id,
                            add,
                            remove: Vec::new(),
                        })
                    }
                    BulkOp::Archive => (!c.archived).then_some(Command::Archive { id: c.id }),
                };
                match cmd {
                    Some(cmd) => commands.push(cmd),
                    None => skipped.push(c.name),
                }
            }
        }
        let word = match op {
            BulkOp::Step { .. } => BulkWord::Moved,
            BulkOp::Grade(_) => BulkWord::Graded,
            BulkOp::Tag(_) => BulkWord::Tagged,
            BulkOp::Archive => BulkWord::Archived,
        };
        if commands.is_empty() {
            return Err(Error::Other(anyhow::anyhow!(words::bulk_none(lang, word))));
        }
        let done = commands.len();
        let applied = book.execute(Command::Batch {
            kind: BatchKind::Bulk,
            commands,
        })?;
        self.note(&applied);
        Ok(Data::Written(Written {
            message: words::bulk_done(lang, word, done, &skipped),
            contact: None,
            info: None,
        }))
    }

    /// Undoes the rep's newest change. One this app did not make (in another terminal, a
    /// second app) is asked about first: `agreed` is the change the rep said yes to.
    pub(super) fn undo(&mut self, agreed: Option<i64>) -> Result<Data, Error> {
        let lang = self.lang;
        let target = self
            .book()?
            .view()
            .next_to_undo()?
            .ok_or(Error::NothingToUndo)?;
        if !self.mine.contains(&target) && agreed != Some(target) && self.undoable(target)? {
            let view = self.book()?.view();
            let (action, names, total) = view.change_named(target)?;
            return Ok(Data::AskUndo(
                words::undo_elsewhere(lang, &action, &names, total),
                target,
            ));
        }
        let applied = self.book()?.execute(Command::Undo { event: target })?;
        self.note(&applied);
        let Reply::Undone { event, action } = applied.reply else {
            return Err(Error::NothingToUndo);
        };
        let view = self.book()?.view();
        let (_, names, total) = view.change_named(event)?;
        Ok(Data::Written(Written {
            message: words::undone(lang, &action, &names, total),
            contact: None,
            info: None,
        }))
    }

    fn library(&self) -> Library {
        match &self.held {
            Held::Write {
                opener: Some(o), ..
            } => o.context().library(),
            _ => Library::load(None),
        }
    }

    pub(super) fn templates(&self) -> Result<Data, Error> {
        let lib = self.library();
        let usable = lib
            .templates()
            .iter()
            .map(|t| (t.template.id.clone(), t.template.name.clone()))
            .collect();
        // A file of the rep's that has errors is listed too, with what is wrong, rather
        // than left out without a word.
        let mut broken: Vec<(String, String)> = Vec::new();
        for d in &lib.problems {
            let file = std::path::Path::new(&d.file)
                .file_name()
                .map_or_else(|| d.file.clone(), |n| n.to_string_lossy().into_owned());
            let said = format!("{file}:{}:{}: {}", d.line, d.col, d.message(self.lang));
            match broken.iter_mut().find(|(f, _)| *f == file) {
                Some((_, all)) => {
                    all.push_str("  ");
                    all.push_str(&said);
                }
                None => broken.push((file, said)),
            }
        }
        Ok(Data::Templates { usable, broken })
    }

    /// The book follows another template from now on (every plan made again).
    pub(super) fn use_template(&mut self, id: &str) -> Result<Data, Error> {
        let lang = self.lang;
        let lib = self.library();
        let template = crate::service::choose_template(&lib, None, Some(id))?
            .loaded
            .template;
        let name = template.name.clone();
        let applied = self.book()?.use_template(template)?;
        self.note(&applied);
        let info = self.info()?;
        Ok(Data::Written(Written {
            message: if applied.reply == Reply::Unchanged {
                words::template_already(lang, &name)
            } else {
                words::template_used(lang, &name)
            },
            contact: None,
            info: Some(Box::new(info)),
        }))
    }
}

/// The status line's sentence for a command that went through.
fn describe(
    lang: crate::config::Lang,
    view: &View,
    cmd: &Command,
    applied: &Applied,
) -> anyhow::Result<String> {
    let name = |id: ContactId| -> anyhow::Result<String> { Ok(view.contact(id)?.name) };
    let followup = |id: i64| -> anyhow::Result<(String, String, chrono::DateTime<chrono::Utc>)> {
        let f = view.followup(id)?;
        let action = crate::i18n::names::action_text(lang, &f.action).into_owned();
        Ok((name(f.contact_id)?, action, f.due))
    };
    let when = |t| view.clock().local(t).format("%m-%d %H:%M").to_string();
    Ok(match (cmd, &applied.reply) {
        (_, Reply::Unchanged) => words::unchanged(lang).to_string(),
        (Command::Add(_), Reply::Contact(id)) => match view.same_name(*id)? {
            others if others.is_empty() => words::added(lang, &name(*id)?),
            others => words::added_same_name(lang, &name(*id)?, &others),
        },
        (Command::Edit { id, .. }, _) => words::saved(lang, &name(*id)?),
        (Command::Merge { keep, other }, _) => {
            let named =
                |id: ContactId| -> anyhow::Result<String> { Ok(format!("{} (#{id})", name(id)?)) };
            words::merged(lang, &named(*other)?, &named(*keep)?)
        }
        (Command::Tag { id, .. }, _) => words::tags_saved(lang, &name(*id)?),
        (Command::Grade { id, grade }, _) => words::graded(lang, &name(*id)?, *grade),
        (_, Reply::Moved { id, to, .. }) => words::moved(lang, &name(*id)?, *to),
        (_, Reply::AlreadyThere { id, stage }) => words::already_in(lang, &name(*id)?, *stage),
        (Command::Won { id, .. }, _) => match view.purchase_count(*id)? {
            n if n > 1 => words::bought_again(lang, &name(*id)?, n),
            _ => words::won(lang, &name(*id)?),
        },
        (Command::Lost { id, reason }, _) => words::lost(lang, &name(*id)?, reason),
        (Command::Reopen { id }, _) => words::reopened(lang, &name(*id)?),
        (Command::Log { id, channel, .. }, _) => words::logged(lang, &name(*id)?, *channel),
        (Command::ScriptSent { .. }, _) => words::script_logged(lang).to_string(),
        (Command::Archive { id }, _) => words::archived(lang, &name(*id)?, true),
        (Command::Unarchive { id }, _) => words::archived(lang, &name(*id)?, false),
        (Command::Done { followup: f, .. }, _) => {
            let (who, action, _) = followup(*f)?;
            words::followup_done(lang, &who, &action)
        }
        (Command::Skip { followup: f, .. }, _) => {
            let (who, action, _) = followup(*f)?;
            words::followup_skipped(lang, &who, &action, view.skipped_late(*f)?)
        }
        (Command::Snooze { followup: f, .. }, reply) => {
            let (who, _, due) = followup(*f)?;
            let missed = view.missed_deadline(*f)?.map(when);
            let earlier = match reply {
                Reply::Snoozed { was, .. } if due < *was => Some(when(*was)),
                _ => None,
            };
            words::followup_snoozed(
                lang,
                &who,
                &when(due),
                earlier.as_deref(),
                missed.as_deref(),
            )
        }
        (Command::FollowupAdd { id, at, .. }, _) => {
            words::followup_scheduled(lang, &name(*id)?, &when(*at))
        }
        (Command::Demo { .. }, _) => crate::i18n::strings(lang).demo_loaded.to_string(),
        _ => String::new(),
    })
}
