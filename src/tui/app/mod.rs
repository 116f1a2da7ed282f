//! The app's single state, how input becomes actions, and how actions change the state.

mod contact;
mod search;
mod today;

use super::keymap::{self, Action, Scope};
use super::search_worker::SearchWorker;
use super::theme;
use super::views::add_form::FormState;
use super::views::board::BoardState;
use super::views::card::CardState;
use super::views::prompt::PromptState;
use super::views::search::SearchState;
use super::views::today::TodayState;
use super::views::{self, ViewCtx};
use crate::clipboard::{Clipboard, ClipboardMode, SystemClipboard};
use crate::config::Lang;
use crate::domain::sop::Template;
use crate::i18n::{Strings, strings};
use crate::service::Book;
use crate::service::demo::DemoOptions;
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
    Today,
    Board,
    Card(Box<CardState>),
    Form(Box<FormState>),
    Search(Box<SearchState>),
    Prompt(Box<PromptState>),
    Help,
}

pub struct App {
    book: Book,
    clipboard: Box<dyn Clipboard>,
    lang: Lang,
    s: &'static Strings,
    /// The screens, bottom first; the last one has the input.
    screens: Vec<Screen>,
    board: BoardState,
    today: TodayState,
    status: Option<(String, bool)>,
    quit: bool,
    /// Started the first time search opens.
    search: Option<SearchWorker>,
}

impl App {
    pub fn new(book: Book, lang: Lang) -> Result<App> {
        // A non-empty book opens on Today: who to contact now.
        let first = if book.is_empty()? {
            Screen::Welcome
        } else {
            Screen::Today
        };
        let mut app = App {
            book,
            clipboard: Box::new(SystemClipboard(ClipboardMode::Auto)),
            lang,
            s: strings(lang),
            screens: vec![first],
            board: BoardState::default(),
            today: TodayState::default(),
            status: None,
            quit: false,
            search: None,
        };
        app.reload()?;
        Ok(app)
    }

    /// Plans and shows scripts with `template` (re-planning the book if it changed).
    pub fn with_template(mut self, template: Template) -> Result<Self> {
        self.book.set_template(template)?;
        self.reload()?;
        Ok(self)
    }

    /// An error in the app's own words, in its language.
    pub(super) fn error_text(&self, e: &crate::service::Error) -> String {
        crate::i18n::errors::message(e, self.lang, crate::i18n::errors::Front::Tui)
    }

    /// Reloads what the base screens show after a change.
    fn reload(&mut self) -> Result<()> {
        self.reload_board()?;
        self.reload_today()
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

    pub fn today(&self) -> &TodayState {
        &self.today
    }

    fn screen_mut(&mut self) -> Option<&mut Screen> {
        self.screens.last_mut()
    }

    fn scope(&self) -> Scope {
        match self.screen() {
            Screen::Welcome => Scope::Welcome,
            Screen::Today => Scope::Today,
            Screen::Board => Scope::Board,
            Screen::Card(_) => Scope::Card,
            Screen::Form(_) => Scope::Form,
            Screen::Search(_) => Scope::Search,
            Screen::Prompt(_) => Scope::Prompt,
            Screen::Help => Scope::Global,
        }
    }

    pub fn handle_key(&self, key: KeyEvent) -> Action {
        keymap::lookup(self.scope(), key)
    }

    /// Text pasted into a form, a prompt or the search line goes where the caret is.
    pub fn paste(&mut self, text: &str) {
        match self.screen_mut() {
            Some(Screen::Form(f)) => f.current().insert_str(text),
            Some(Screen::Prompt(p)) => p.input.insert_str(text),
            Some(Screen::Search(s)) => {
                s.input.insert_str(text);
                self.ask_search();
            }
            _ => {}
        }
    }

    /// Applies an action. Failures become a status message; the app keeps running.
    pub fn update(&mut self, action: Action) {
        if let Err(e) = self.apply(action) {
            let e = crate::service::Error::from(e);
            self.status = Some((self.error_text(&e), true));
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
                let d = DemoOptions::default();
                self.book.execute(crate::domain::command::Command::Demo {
                    contacts: d.contacts,
                    interactions: d.interactions,
                    seed: d.seed,
                    force: false,
                })?;
                self.screens = vec![Screen::Today];
                self.reload()?;
                self.status = Some((self.s.demo_loaded.to_string(), false));
            }
            Action::ShowToday => {
                self.reload_today()?;
                self.screens = vec![Screen::Today];
            }
            Action::ShowBoard => {
                self.reload_board()?;
                self.screens = vec![Screen::Board];
            }
            Action::FollowupDone | Action::FollowupSnooze | Action::FollowupSkip => {
                self.ask_followup(action)
            }
            Action::NewContact => self.screens.push(Screen::Form(Box::default())),
            Action::OpenSearch => {
                if !matches!(self.screen(), Screen::Search(_)) {
                    self.screens.push(Screen::Search(Box::default()));
                }
            }
            Action::Open => {
                let (target, script) = match self.screen() {
                    Screen::Search(st) => (st.current(), None),
                    Screen::Today => match self.today.current() {
                        Some(i) => (Some(i.contact_id), i.script.clone()),
                        None => (None, None),
                    },
                    _ => (self.board.current().map(|i| i.id), None),
                };
                if let Some(id) = target {
                    if let Screen::Search(_) = self.screen() {
                        self.screens.pop();
                    }
                    self.open_card(id)?;
                    // From Today, the SOP pane opens on the step's script.
                    if let (Some(script), Some(Screen::Card(card))) =
                        (script, self.screens.last_mut())
                        && let Some(p) = card.sop.as_mut()
                    {
                        p.select(&script);
                    }
                }
            }
            Action::StageForward | Action::StageBack => self.step_stage(action)?,
            Action::Copy => self.copy_script()?,
            Action::Save => match self.screen() {
                Screen::Prompt(_) => self.answer_prompt()?,
                _ => self.save_form()?,
            },
            _ => self.navigate(action),
        }
        Ok(())
    }

    /// Selection, scrolling and typing: changes that touch only the current screen.
    fn navigate(&mut self, action: Action) {
        match self.screens.last_mut() {
            Some(Screen::Search(st)) => {
                let edited = match action {
                    Action::Up => {
                        st.up();
                        false
                    }
                    Action::Down => {
                        st.down();
                        false
                    }
                    other => edit_input(&mut st.input, other),
                };
                if edited {
                    st.selected = 0;
                    self.ask_search();
                }
            }
            Some(Screen::Prompt(p)) => {
                p.error = None;
                edit_input(&mut p.input, action);
            }
            Some(Screen::Form(f)) => {
                f.error = None;
                match action {
                    Action::NextField => f.next(),
                    Action::PrevField => f.prev(),
                    other => {
                        edit_input(f.current(), other);
                    }
                }
            }
            Some(Screen::Card(card)) => match action {
                Action::Up => card.up(),
                Action::Down => card.down(),
                Action::SwitchFocus => card.toggle_focus(),
                _ => {}
            },
            Some(Screen::Today) => match action {
                Action::Up => self.today.up(),
                Action::Down => self.today.down(),
                _ => {}
            },
            _ => {
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
        }
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
            offset: self.book.session().offset(),
        };
        // Overlays (form, search, prompt, help) draw over the screen below them.
        let base = self
            .screens
            .iter()
            .rev()
            .find(|s| {
                !matches!(
                    s,
                    Screen::Form(_) | Screen::Search(_) | Screen::Prompt(_) | Screen::Help
                )
            })
            .unwrap_or(&Screen::Board);
        match base {
            Screen::Welcome => views::welcome::draw(frame, main, &cx),
            Screen::Today => {
                views::today::draw(frame, main, &self.today, self.book.session().now(), &cx)
            }
            Screen::Card(card) => views::card::draw(frame, main, card, &cx),
            _ => views::board::draw(frame, main, &self.board, self.book.session().now(), &cx),
        }
        match self.screen() {
            Screen::Form(f) => views::add_form::draw(frame, main, f, &cx),
            Screen::Search(st) => views::search::draw(frame, main, st, &cx),
            Screen::Prompt(p) => views::prompt::draw(frame, main, p, &cx),
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
                if !matches!(
                    self.scope(),
                    Scope::Form | Scope::Search | Scope::Prompt | Scope::Global
                ) {
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

/// Applies an editing action to a text field; true when the text changed.
fn edit_input(input: &mut crate::tui::input::TextInput, action: Action) -> bool {
    match action {
        Action::Type(c) => input.insert(c),
        Action::Backspace => input.backspace(),
        Action::Delete => input.delete(),
        Action::CaretLeft => input.left(),
        Action::CaretRight => input.right(),
        Action::CaretHome => input.home(),
        Action::CaretEnd => input.end(),
        _ => return false,
    }
    matches!(action, Action::Type(_) | Action::Backspace | Action::Delete)
}

fn draw_too_small(frame: &mut Frame, area: Rect, s: &Strings) {
    let text = Paragraph::new(s.too_small).wrap(ratatui::widgets::Wrap { trim: true });
    frame.render_widget(text, area);
}
