//! Input: keys, pastes, clicks and resizes become actions for the view on top (or for the
//! app, for the global keys). While a change is being saved, keys wait their turn: a key
//! pressed after `>` acts on the board as it is after the move.

use super::App;
use crate::tui::registry::{self, Action, Scope};
use crate::tui::view::Effect;
use crate::tui::views::{confirm::Confirm, help::HelpView, search::SearchView, templates};
use crate::tui::work::LoopEvent;
use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

/// The longest a change may hold the next frame back.
const HOLD: std::time::Duration = std::time::Duration::from_millis(150);

impl App {
    /// Takes one event; true when the screen should be drawn again.
    pub fn on_event(&mut self, ev: LoopEvent) -> bool {
        match ev {
            LoopEvent::Answer(a) => {
                self.on_answer(a);
                self.replay();
                true
            }
            LoopEvent::Term(e) => self.on_term(e),
        }
    }

    /// Waits for and takes the next event from the workers (or a live terminal feeding the
    /// same inbox), up to `timeout`; false when none came.
    pub fn next_event(&mut self, timeout: std::time::Duration) -> Option<LoopEvent> {
        self.inbox.recv_timeout(timeout).ok()
    }

    /// Where a live terminal's events go.
    pub fn inbox(&self) -> std::sync::mpsc::Sender<LoopEvent> {
        self.inbox_tx.clone()
    }

    pub fn on_term(&mut self, e: Event) -> bool {
        match &e {
            Event::Resize(w, h) => {
                self.size = (*w, *h);
                return true;
            }
            Event::Key(k) if k.kind != KeyEventKind::Press => return false,
            Event::Key(_) | Event::Paste(_) | Event::Mouse(_) => {}
            _ => return false,
        }
        if self.blocked() {
            // Ctrl-C never waits: a stuck worker must not lock the rep in.
            if let Event::Key(k) = &e
                && k.code == KeyCode::Char('c')
                && k.modifiers.contains(KeyModifiers::CONTROL)
            {
                self.quit_asking();
                return true;
            }
            self.deferred.push_back(e);
            return false;
        }
        self.handle_term(e);
        true
    }

    /// Acts on one input; the next waits until what this one asked for is answered (a key
    /// acts on the screen as the keys before it left it).
    fn handle_term(&mut self, e: Event) {
        let before = self.last_issued;
        match e {
            Event::Key(k) => self.on_key(k),
            Event::Paste(text) => self.on_paste(&text),
            Event::Mouse(m) => self.on_mouse(m),
            _ => {}
        }
        if self.last_issued > before {
            self.barrier = Some(
                self.barrier
                    .map_or(self.last_issued, |b| b.max(self.last_issued)),
            );
        }
    }

    /// A change is saved and the views showing it are being read again: a frame now would
    /// show the book half changed (the status line saying "moved" over the old board).
    /// Frames wait for the reloads, but never longer than [`HOLD`].
    pub fn holding_frames(&mut self) -> bool {
        match self.write_since {
            Some(since) if self.blocked() && since.elapsed() < HOLD => true,
            Some(_) if !self.blocked() => {
                self.write_since = None;
                false
            }
            _ => false,
        }
    }

    /// What an earlier key asked for is not all in yet (searches and figures aside).
    fn blocked(&self) -> bool {
        self.barrier.is_some_and(|b| {
            self.outstanding
                .iter()
                .any(|t| *t <= b && !self.background.contains(t))
        })
    }

    /// Keys that waited for a change, in the order they came.
    fn replay(&mut self) {
        while !self.blocked() {
            let Some(e) = self.deferred.pop_front() else {
                return;
            };
            self.handle_term(e);
        }
    }

    fn on_key(&mut self, key: KeyEvent) {
        #[cfg(debug_assertions)]
        if let Some(fault) = self.fault.take() {
            match fault.as_str() {
                "panic" => panic!("injected fault (SALESBOOK_DEBUG_FAULT=panic)"),
                "error" => self.fatal = Some("injected fault (SALESBOOK_DEBUG_FAULT=error)".into()),
                _ => {}
            }
            if self.fatal.is_some() {
                self.quit = true;
                return;
            }
        }
        let ctrl_c =
            key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL);
        // In a window too small to show anything, keys would act unseen: only quitting
        // (and resizing) does anything.
        if self.too_small() {
            if ctrl_c || key.code == KeyCode::Char('q') {
                self.quit = true;
            }
            return;
        }
        let scope = self.scope();
        let action = registry::lookup(scope, key);
        if action == Action::None {
            if self.shared.read_only && registry::writes_somewhere(key) {
                self.refuse();
            }
            return;
        }
        self.status = None;
        if self.shared.read_only && action.writes() {
            return self.refuse();
        }
        if ctrl_c {
            return self.quit_asking();
        }
        if registry::is_global(scope, key) {
            return self.global(action);
        }
        let cx = self.shared.cx();
        let effect = match self.stack.last_mut() {
            Some(v) => v.handle(action, &cx),
            None => self.bases[self.base].handle(action, &cx),
        };
        self.apply(effect);
    }

    /// Quits, asking first when a form holds typed text.
    fn quit_asking(&mut self) {
        if self.stack.iter().any(|v| v.unsaved()) {
            let t = self.shared.t;
            self.stack
                .push(Box::new(Confirm::new(t.quit_question, Effect::Quit)));
        } else {
            self.quit = true;
        }
    }

    /// The keys that work the same on every screen that takes them.
    fn global(&mut self, action: Action) {
        let effect = match action {
            Action::Quit => return self.quit_asking(),
            Action::Help => {
                let here = match self.stack.last() {
                    Some(v) => v.scope(),
                    None => self.bases[self.base].scope(),
                };
                Effect::Push(Box::new(HelpView::asked_on(here)))
            }
            Action::OpenSearch => Effect::Push(Box::new(SearchView::default())),
            Action::ShowToday => Effect::Base(Scope::Today),
            Action::ShowBoard => Effect::Base(Scope::Board),
            Action::ShowDashboard => Effect::Base(Scope::Dashboard),
            Action::Undo => Effect::Undo,
            Action::Templates => templates::TemplatePicker::open(&self.shared.cx()),
            Action::Back if !self.stack.is_empty() => Effect::Pop,
            Action::Back if !self.shared.marks.is_empty() => Effect::ClearMarks,
            _ => Effect::None,
        };
        self.apply(effect);
    }

    /// Says, in the app's words, that an audit changes nothing.
    pub(super) fn refuse(&mut self) {
        let words = crate::i18n::audit::audit_text(self.shared.lang).refused;
        self.status = Some((words.to_string(), true));
    }

    fn on_paste(&mut self, text: &str) {
        if self.too_small() {
            return;
        }
        let cx = self.shared.cx();
        let effect = match self.stack.last_mut() {
            Some(v) => v.paste(text, &cx),
            None => self.bases[self.base].paste(text, &cx),
        };
        self.apply(effect);
    }

    /// Clicks select, the wheel scrolls (only with `[ui] mouse = true`).
    fn on_mouse(&mut self, m: MouseEvent) {
        if self.too_small() {
            return;
        }
        let cx = self.shared.cx();
        let top = match self.stack.last_mut() {
            Some(v) => v,
            None => &mut self.bases[self.base],
        };
        let effect = match m.kind {
            MouseEventKind::Down(MouseButton::Left) => top.click(m.column, m.row, &cx),
            MouseEventKind::ScrollUp => top.handle(Action::Up, &cx),
            MouseEventKind::ScrollDown => top.handle(Action::Down, &cx),
            _ => Effect::None,
        };
        self.apply(effect);
    }
}
