//! Running what views ask for, and handing the workers' answers back to them.

use super::{App, Copier};
use crate::domain::ContactId;
use crate::domain::command::Command;
use crate::tui::jobs::{Answer, Data, Job, Ticket, ticket};
use crate::tui::registry::Scope;
use crate::tui::view::Effect;
use crate::tui::views::{card::CardView, name::NameForm};

impl App {
    pub(super) fn apply(&mut self, effect: Effect) {
        // An audit changes nothing, whichever way a change was asked for.
        if self.shared.read_only
            && matches!(
                effect,
                Effect::Write(..) | Effect::Bulk(..) | Effect::Undo | Effect::Copy { .. }
            )
        {
            return self.refuse();
        }
        match effect {
            Effect::None => {}
            Effect::Many(all) => {
                for e in all {
                    self.apply(e);
                }
            }
            Effect::Push(view) => self.stack.push(view),
            Effect::Pop => {
                self.stack.pop();
            }
            Effect::Base(scope) => {
                self.stack.clear();
                self.base = self.base_index(scope);
                if self.stale[self.base] {
                    self.refresh_base(None);
                }
            }
            Effect::OpenCard { id, script } => {
                let (view, effect) = CardView::open(id, script);
                self.stack.push(Box::new(view));
                self.apply(effect);
            }
            Effect::Job(t, job) => self.submit(t, job),
            Effect::Write(t, cmd) => self.submit(t, Job::Write(cmd)),
            Effect::Bulk(ids, op) => {
                let t = ticket();
                self.bulk = Some(t);
                self.submit(t, Job::Bulk { ids, op });
            }
            Effect::Undo => self.submit(ticket(), Job::Undo),
            Effect::Copy {
                id,
                text,
                script_id,
                title,
            } => self.copy(id, text, script_id, title),
            Effect::Status(m) => self.status = Some((m, false)),
            Effect::Error(m) => self.status = Some((m, true)),
            Effect::Mark(id, name) => {
                if self.shared.marks.remove(&id).is_none() {
                    self.shared.marks.insert(id, name);
                }
            }
            Effect::ClearMarks => self.shared.marks.clear(),
            Effect::Filter(f) => {
                self.shared.filter = f.clone();
                self.stack.clear();
                self.base = self.base_index(Scope::Board);
                self.stale[self.base] = false;
                let effects: Vec<Effect> = self.bases.iter_mut().map(|b| b.filter(&f)).collect();
                for e in effects {
                    self.apply(e);
                }
            }
            Effect::Quit => self.quit = true,
        }
    }

    pub(super) fn submit(&mut self, t: Ticket, job: Job) {
        if self.shared.read_only && job.writes() {
            return self.refuse();
        }
        self.outstanding.insert(t);
        self.last_issued = self.last_issued.max(t);
        if job.writes() {
            self.write_since.get_or_insert_with(std::time::Instant::now);
            self.writes.insert(t);
            self.barrier = Some(self.barrier.map_or(t, |b| b.max(t)));
        }
        if job.is_search() || job.is_figures() {
            self.background.insert(t);
        }
        let lane = match (&mut self.search, &mut self.figures) {
            (Some(lane), _) if job.is_search() => lane,
            (_, Some(lane)) if job.is_figures() => lane,
            _ => &mut self.main,
        };
        lane.send(t, job, &self.inbox_tx);
    }

    /// OSC 52 is written here, between frames (the terminal is this thread's); the native
    /// tool and the log entry are the worker's.
    fn copy(&mut self, id: ContactId, text: String, script_id: String, title: String) {
        // Never sent with a blank where the rep's name goes: ask for the name instead.
        if text.contains(crate::i18n::sop::UNSIGNED) {
            let ask = NameForm::open(&self.shared.cx());
            self.apply(ask);
            self.status = Some((self.shared.t.unsigned_script.to_string(), true));
            return;
        }
        let log = Command::ScriptSent {
            id,
            script_id,
            title: title.clone(),
        };
        let (native, osc52) = match &mut self.copier {
            Copier::System(mode) => {
                let osc52 = crate::clipboard::uses_osc52(*mode) && {
                    use std::io::Write;
                    let mut out = std::io::stdout();
                    out.write_all(crate::clipboard::osc52_sequence(&text).as_bytes())
                        .and_then(|_| out.flush())
                        .is_ok()
                };
                (crate::clipboard::uses_native(*mode), osc52)
            }
            Copier::Custom(c) => {
                let r = c.copy(&text);
                (false, r.osc52 || r.native.is_some())
            }
        };
        let job = Job::CopyAndLog {
            text,
            title,
            native,
            osc52,
            log,
        };
        self.submit(ticket(), job);
    }

    /// Reloads the base view (and forgets it was stale).
    pub(super) fn refresh_base(&mut self, follow: Option<ContactId>) {
        self.stale[self.base] = false;
        let cx = self.shared.cx();
        let effect = self.bases[self.base].refresh(&cx, follow);
        self.apply(effect);
    }

    /// After a change: everything on screen reloads; hidden bases reload when shown.
    pub(super) fn refresh_all(&mut self, follow: Option<ContactId>) {
        for (i, stale) in self.stale.iter_mut().enumerate() {
            *stale = i != self.base;
        }
        self.refresh_base(follow);
        let cx = self.shared.cx();
        let effects: Vec<Effect> = self
            .stack
            .iter_mut()
            .map(|v| v.refresh(&cx, follow))
            .collect();
        for e in effects {
            self.apply(e);
        }
    }

    pub(super) fn on_answer(&mut self, a: Answer) {
        self.outstanding.remove(&a.ticket);
        self.background.remove(&a.ticket);
        let was_write = self.writes.remove(&a.ticket);
        if Some(a.ticket) == self.open_ticket {
            return self.opened(a.result);
        }
        if Some(a.ticket) == self.watch {
            self.watch = None;
            // Another process changed the book (an empty one may have contacts now).
            if let Ok(Data::Changed {
                changed: true,
                empty,
                info,
            }) = a.result
            {
                if let Some(info) = info {
                    self.shared.info = *info;
                }
                self.shared.info.empty = empty;
                self.refresh_all(None);
            }
            return;
        }
        let cx = self.shared.cx();
        let mut effect = None;
        for v in self.stack.iter_mut().rev().chain(self.bases.iter_mut()) {
            if let Some(e) = v.answer(a.ticket, &a.result, &cx) {
                effect = Some(e);
                break;
            }
        }
        let heard = effect.is_some();
        if let Some(e) = effect {
            self.apply(e);
        }
        if was_write {
            let bulk = self.bulk == Some(a.ticket);
            if bulk && a.result.is_ok() {
                self.shared.marks.clear();
            }
            self.written(a.result, heard);
        } else if let Err(e) = a.result
            && !heard
            && !e.is_empty()
        {
            self.status = Some((e, true));
        }
    }

    /// A change went through (or did not): say so, reload what shows the book, and let
    /// the keys pressed meanwhile wait for those reloads.
    fn written(&mut self, result: Result<Data, String>, heard: bool) {
        match result {
            Ok(Data::Written(w)) => {
                if let Some(info) = w.info {
                    self.shared.info = *info;
                }
                // Something was written: the book is not empty now (the welcome gives way).
                self.shared.info.empty = false;
                if !w.message.is_empty() {
                    self.status = Some((w.message, false));
                }
                self.refresh_all(w.contact);
            }
            Ok(Data::Opened(info)) => {
                self.shared.info = *info;
                self.refresh_all(None);
            }
            // The change to undo was made elsewhere: asked first, undone only on yes.
            Ok(Data::AskUndo(question, event)) => {
                self.stack
                    .push(Box::new(crate::tui::views::confirm::Confirm::new(
                        question,
                        Effect::Job(ticket(), Job::UndoAgreed(event)),
                    )));
            }
            Ok(_) => self.refresh_all(None),
            Err(e) if !heard => self.status = Some((e, true)),
            Err(_) => {}
        }
        self.barrier = Some(self.last_issued);
    }

    /// The book is open: an empty one shows the welcome, the rep is asked their name if
    /// the config has none.
    fn opened(&mut self, result: Result<Data, String>) {
        match result {
            Ok(Data::Opened(info)) => {
                if info.empty && self.base_scope() == Scope::Today {
                    self.base = self.base_index(Scope::Welcome);
                }
                if let Some(w) = &info.warning {
                    self.status = Some((w.clone(), true));
                }
                self.shared.info = *info;
                if std::mem::take(&mut self.ask_name) {
                    let ask = NameForm::open(&self.shared.cx());
                    self.apply(ask);
                }
            }
            Ok(_) => {}
            Err(e) => {
                self.fatal = Some(e);
                self.quit = true;
            }
        }
    }

    /// Asks the worker whether another process changed the book (at most one ask at a
    /// time).
    pub fn watch(&mut self) {
        if self.watch.is_none() && self.open_ticket_answered() {
            let t = ticket();
            self.watch = Some(t);
            self.submit(t, Job::Watch);
        }
    }

    fn open_ticket_answered(&self) -> bool {
        self.open_ticket
            .is_none_or(|t| !self.outstanding.contains(&t))
    }

    /// Reloads Today (its sections move with the clock) when it is what shows.
    pub fn refresh_today(&mut self) {
        if self.base_scope() == Scope::Today && self.stack.is_empty() && self.settled() {
            self.refresh_base(None);
        }
    }

    /// Why the app stopped on its own, if it did.
    pub fn fatal(&self) -> Option<&str> {
        self.fatal.as_deref()
    }
}
