//! The app's single state, how input becomes actions, and how actions change the state.

use super::keymap::{self, Action, Scope};
use super::search_worker::SearchWorker;
use super::theme;
use super::views::add_form::FormState;
use super::views::board::BoardState;
use super::views::card::CardState;
use super::views::search::SearchState;
use super::views::sop_pane::SopPane;
use super::views::{self, ViewCtx};
use crate::clipboard::{Clipboard, ClipboardMode, SystemClipboard};
use crate::config::Lang;
use crate::domain::sop::Template;
use crate::domain::{ContactId, Stage};
use crate::i18n::{Strings, stage_name, strings};
use crate::service::demo::DemoOptions;
use crate::service::{Book, MoveOutcome};
use anyhow::Result;
use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// Smallest window the app lays out in; below it, a message instead of a broken screen.
pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

#[derive(Debug, Clone)]
pub enum Screen {
    Welcome,
    Board,
    Card(Box<CardState>),
    Form(Box<FormState>),
    Search(Box<SearchState>),
    Help,
}

pub struct App {
    book: Book,
    /// The SOP template in use; without one the card has no SOP pane.
    template: Option<Template>,
    clipboard: Box<dyn Clipboard>,
    lang: Lang,
    s: &'static Strings,
    /// The screens, bottom first; the last one has the input.
    screens: Vec<Screen>,
    board: BoardState,
    status: Option<(String, bool)>,
    quit: bool,
    /// Started the first time search opens.
    search: Option<SearchWorker>,
}

impl App {
    pub fn new(book: Book, lang: Lang) -> Result<App> {
        let first = if book.is_empty()? {
            Screen::Welcome
        } else {
            Screen::Board
        };
        let mut app = App {
            book,
            template: None,
            clipboard: Box::new(SystemClipboard(ClipboardMode::Auto)),
            lang,
            s: strings(lang),
            screens: vec![first],
            board: BoardState::default(),
            status: None,
            quit: false,
            search: None,
        };
        app.reload_board()?;
        Ok(app)
    }

    pub fn with_template(mut self, template: Template) -> Self {
        self.template = Some(template);
        self
    }

    pub fn with_clipboard(mut self, clipboard: Box<dyn Clipboard>) -> Self {
        self.clipboard = clipboard;
        self
    }

    /// A message for the status line (e.g. a template warning at start).
    pub fn set_status(&mut self, message: String, is_error: bool) {
        self.status = Some((message, is_error));
    }

    pub fn should_quit(&self) -> bool {
        self.quit
    }

    pub fn screen(&self) -> &Screen {
        self.screens.last().unwrap_or(&Screen::Board)
    }

    pub fn board(&self) -> &BoardState {
        &self.board
    }

    fn screen_mut(&mut self) -> Option<&mut Screen> {
        self.screens.last_mut()
    }

    fn scope(&self) -> Scope {
        match self.screen() {
            Screen::Welcome => Scope::Welcome,
            Screen::Board => Scope::Board,
            Screen::Card(_) => Scope::Card,
            Screen::Form(_) => Scope::Form,
            Screen::Search(_) => Scope::Search,
            Screen::Help => Scope::Global,
        }
    }

    pub fn handle_key(&self, key: KeyEvent) -> Action {
        keymap::lookup(self.scope(), key)
    }

    /// Text pasted into a form or the search line goes where the caret is.
    pub fn paste(&mut self, text: &str) {
        match self.screen_mut() {
            Some(Screen::Form(f)) => f.current().insert_str(text),
            Some(Screen::Search(s)) => s.input.insert_str(text),
            _ => return,
        }
        self.ask_search();
    }

    /// Picks up finished background work; true when the screen should be redrawn.
    pub fn tick(&mut self) -> bool {
        let Some(worker) = &self.search else {
            return false;
        };
        let answers = worker.answers();
        if answers.is_empty() {
            return false;
        }
        if let Some(Screen::Search(st)) = self.screens.last_mut() {
            for a in answers {
                st.offer(a.seq, a.result);
            }
        }
        true
    }

    /// Blocks until the newest search has its results (tests; the UI never waits).
    pub fn settle_search(&mut self) {
        let (Some(worker), Some(Screen::Search(st))) = (&self.search, self.screens.last_mut())
        else {
            return;
        };
        if !st.busy() {
            return;
        }
        for a in worker.wait_for(st.sent, std::time::Duration::from_secs(10)) {
            st.offer(a.seq, a.result);
        }
    }

    /// Sends the current query to the worker; an empty query clears the results.
    fn ask_search(&mut self) {
        let Some(Screen::Search(st)) = self.screens.last_mut() else {
            return;
        };
        let query = st.input.text().to_string();
        st.sent += 1;
        if !crate::store::searchable(&query) {
            st.offer(st.sent, Ok(Vec::new()));
            return;
        }
        let path = self.book.store().path().to_path_buf();
        let worker = self
            .search
            .get_or_insert_with(|| SearchWorker::start(path, false));
        worker.ask(st.sent, &query);
    }

    /// Applies an action. Failures become a status message; the app keeps running.
    pub fn update(&mut self, action: Action) {
        if let Err(e) = self.apply(action) {
            self.status = Some((format!("{e:#}"), true));
        }
    }

    fn apply(&mut self, action: Action) -> Result<()> {
        if action != Action::None {
            self.status = None;
        }
        match action {
            Action::None => {}
            Action::Quit => self.quit = true,
            Action::Help => {
                if !matches!(self.screen(), Screen::Help) {
                    self.screens.push(Screen::Help);
                }
            }
            Action::Back => {
                if self.screens.len() > 1 {
                    self.screens.pop();
                }
            }
            Action::LoadDemo => {
                self.book.fill_demo(&DemoOptions::default(), false)?;
                self.screens = vec![Screen::Board];
                self.reload_board()?;
                self.status = Some((self.s.demo_loaded.to_string(), false));
            }
            Action::NewContact => self.screens.push(Screen::Form(Box::default())),
            Action::OpenSearch => {
                if !matches!(self.screen(), Screen::Search(_)) {
                    self.screens.push(Screen::Search(Box::default()));
                }
            }
            Action::Open => {
                let target = match self.screen() {
                    Screen::Search(st) => st.current(),
                    _ => self.board.current().map(|i| i.id),
                };
                if let Some(id) = target {
                    if let Screen::Search(_) = self.screen() {
                        self.screens.pop();
                    }
                    self.open_card(id)?;
                }
            }
            Action::StageForward | Action::StageBack => self.step_stage(action)?,
            Action::Copy => self.copy_script()?,
            Action::Save => self.save_form()?,
            _ => self.navigate(action),
        }
        Ok(())
    }

    /// Selection, scrolling and typing: changes that touch only the current screen.
    fn navigate(&mut self, action: Action) {
        if let Some(Screen::Search(st)) = self.screens.last_mut() {
            let edited = match action {
                Action::Up => {
                    st.up();
                    false
                }
                Action::Down => {
                    st.down();
                    false
                }
                Action::Type(c) => {
                    st.input.insert(c);
                    true
                }
                Action::Backspace => {
                    st.input.backspace();
                    true
                }
                Action::Delete => {
                    st.input.delete();
                    true
                }
                Action::CaretLeft => {
                    st.input.left();
                    false
                }
                Action::CaretRight => {
                    st.input.right();
                    false
                }
                Action::CaretHome => {
                    st.input.home();
                    false
                }
                Action::CaretEnd => {
                    st.input.end();
                    false
                }
                _ => false,
            };
            if edited {
                st.selected = 0;
                self.ask_search();
            }
            return;
        }
        if let Some(Screen::Form(f)) = self.screens.last_mut() {
            f.error = None;
            match action {
                Action::NextField => f.next(),
                Action::PrevField => f.prev(),
                Action::Type(c) => f.current().insert(c),
                Action::Backspace => f.current().backspace(),
                Action::Delete => f.current().delete(),
                Action::CaretLeft => f.current().left(),
                Action::CaretRight => f.current().right(),
                Action::CaretHome => f.current().home(),
                Action::CaretEnd => f.current().end(),
                _ => {}
            }
            return;
        }
        if let Some(Screen::Card(card)) = self.screens.last_mut() {
            match action {
                Action::Up => card.up(),
                Action::Down => card.down(),
                Action::SwitchFocus => card.toggle_focus(),
                _ => {}
            }
            return;
        }
        let b = &mut self.board;
        match action {
            Action::Up => b.up(),
            Action::Down => b.down(),
            Action::Left => b.left(),
            Action::Right => b.right(),
            Action::Top => b.top(),
            Action::Bottom => b.bottom(),
            _ => {}
        }
    }

    fn open_card(&mut self, id: ContactId) -> Result<()> {
        let card = self.load_card(id)?;
        self.screens.push(Screen::Card(Box::new(card)));
        Ok(())
    }

    fn load_card(&self, id: ContactId) -> Result<CardState> {
        let contact = self.book.contact(id)?;
        let timeline = self.book.timeline(id)?;
        let sop = match &self.template {
            Some(t) => Some(SopPane::new(
                self.book.scripts_for(t, id, None)?,
                self.s.scripts,
            )),
            None => None,
        };
        Ok(CardState::new(contact, timeline, sop))
    }

    /// Copies the selected script (or objection reply) and logs it as sent.
    fn copy_script(&mut self) -> Result<()> {
        let Some(Screen::Card(card)) = self.screens.last() else {
            return Ok(());
        };
        let Some(item) = card.sop.as_ref().and_then(|p| p.current()).cloned() else {
            return Ok(());
        };
        let (id, focus) = (card.contact.id, card.timeline_focused);
        let report = self.clipboard.copy(&item.text);
        if !report.osc52 && report.native.is_none() {
            self.status = Some((self.s.copied_nowhere.to_string(), true));
            return Ok(());
        }
        self.book.script_sent(id, &item.script_id, &item.title)?;
        let mut fresh = self.load_card(id)?;
        fresh.timeline_focused = focus;
        if let Some(p) = fresh.sop.as_mut() {
            p.select(&item.script_id);
        }
        if let Some(Screen::Card(card)) = self.screens.last_mut() {
            **card = fresh;
        }
        let via = match (report.osc52, report.native) {
            (true, Some(tool)) => format!("OSC 52 + {tool}"),
            (true, None) => "OSC 52".to_string(),
            (false, Some(tool)) => tool.to_string(),
            (false, None) => String::new(),
        };
        self.status = Some((
            format!(
                "{}「{}」({via}) · {}",
                self.s.copied,
                crate::domain::text::truncate(&item.title, 24),
                self.s.logged_script
            ),
            false,
        ));
        Ok(())
    }

    fn reload_board(&mut self) -> Result<()> {
        let contacts = self.book.store().board_contacts()?;
        self.board.fill(&contacts, self.book.now());
        Ok(())
    }

    /// Moves the selected (or opened) contact one stage forward or back.
    fn step_stage(&mut self, action: Action) -> Result<()> {
        let (id, stage) = match self.screen() {
            Screen::Card(card) => (card.contact.id, card.contact.stage),
            _ => match self.board.current() {
                Some(item) => (
                    item.id,
                    Stage::from_index(self.board.focus).unwrap_or(Stage::Discover),
                ),
                None => return Ok(()),
            },
        };
        let target = if action == Action::StageForward {
            stage.next()
        } else {
            stage.prev()
        };
        let Some(target) = target else {
            return Ok(());
        };
        if let MoveOutcome::Moved { to, .. } = self.book.move_to(id, target)? {
            self.status = Some((
                format!("{} {}", self.s.moved, stage_name(self.lang, to)),
                false,
            ));
        }
        self.reload_board()?;
        self.board.select_contact(id);
        if let Screen::Card(_) = self.screen() {
            let card = self.load_card(id)?;
            if let Some(Screen::Card(current)) = self.screens.last_mut() {
                **current = card;
            }
        }
        Ok(())
    }

    fn save_form(&mut self) -> Result<()> {
        let Some(Screen::Form(form)) = self.screens.last_mut() else {
            return Ok(());
        };
        let new = match form.to_new_contact(self.s) {
            Ok(n) => n,
            Err(e) => {
                form.error = Some(e);
                return Ok(());
            }
        };
        let contact = match self.book.add(new) {
            Ok(c) => c,
            Err(e) => {
                form.error = Some(format!("{e:#}"));
                return Ok(());
            }
        };
        self.screens = vec![Screen::Board];
        self.reload_board()?;
        self.board.select_contact(contact.id);
        self.status = Some((format!("{} {}", self.s.added, contact.name), false));
        Ok(())
    }

    /// Draws the whole screen from the state; no side effects.
    pub fn draw(&self, frame: &mut Frame) {
        let area = frame.area();
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            draw_too_small(frame, area, self.s);
            return;
        }
        let [main, status] =
            Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(area);
        let cx = ViewCtx {
            s: self.s,
            lang: self.lang,
            offset: self.book.clock().offset(),
        };
        // Overlays (form, help) draw over the screen below them.
        let base = self
            .screens
            .iter()
            .rev()
            .find(|s| !matches!(s, Screen::Form(_) | Screen::Search(_) | Screen::Help))
            .unwrap_or(&Screen::Board);
        match base {
            Screen::Welcome => views::welcome::draw(frame, main, &cx),
            Screen::Card(card) => views::card::draw(frame, main, card, &cx),
            _ => views::board::draw(frame, main, &self.board, &cx),
        }
        match self.screen() {
            Screen::Form(f) => views::add_form::draw(frame, main, f, &cx),
            Screen::Search(st) => views::search::draw(frame, main, st, &cx),
            Screen::Help => views::help::draw(frame, main, &cx),
            _ => {}
        }
        self.draw_status(frame, status);
    }

    fn draw_status(&self, frame: &mut Frame, area: Rect) {
        let line = match &self.status {
            Some((msg, true)) => Line::styled(msg.clone(), theme::error()),
            Some((msg, false)) => Line::raw(msg.clone()),
            None => {
                let mut spans = Vec::new();
                let mut rows = keymap::help_rows(self.scope(), self.s);
                if !matches!(self.scope(), Scope::Form | Scope::Search | Scope::Global) {
                    rows.extend(keymap::help_rows(Scope::Global, self.s));
                }
                for (keys, label) in rows {
                    spans.push(Span::styled(keys, theme::key()));
                    spans.push(Span::raw(format!(" {label}  ")));
                }
                Line::from(spans)
            }
        };
        frame.render_widget(Paragraph::new(line), area);
    }
}

fn draw_too_small(frame: &mut Frame, area: Rect, s: &Strings) {
    let text = Paragraph::new(s.too_small).wrap(ratatui::widgets::Wrap { trim: true });
    frame.render_widget(text, area);
}
