//! The app: a base view (welcome, Today, the board) with views stacked over it, the effects
//! they ask for run on the worker, the answers handed back to whoever asked. One state,
//! `draw` with no side effects.

mod effects;
mod events;

use super::jobs::{BookInfo, Job, Ticket};
use super::registry::{self, Scope};
use super::theme;
use super::view::{Cx, View};
use super::views::dashboard::DashboardView;
use super::work::{Held, Lane, LoopEvent, Opener, Worker};
use crate::clipboard::{Clipboard, ClipboardMode};
use crate::clock::Clock;
use crate::config::Lang;
use crate::domain::ContactId;
use crate::domain::text::{display_safe, truncate, width};
use crate::i18n::tui::TuiText;
use crate::i18n::{Strings, strings};
use crate::report::input::Period;
use crate::service::{Book, ReadBook};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::sync::mpsc::{Receiver, Sender, channel};

/// Smallest window the app lays out in; below it, a message instead of a broken screen.
pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

/// What every view reads: language, clock, the book's description, the marks.
pub(crate) struct Shared {
    pub lang: Lang,
    pub s: &'static Strings,
    pub t: &'static TuiText,
    pub clock: Clock,
    pub info: BookInfo,
    pub marks: BTreeMap<ContactId, String>,
    pub filter: crate::service::BoardFilter,
    /// An audit: the book is open through the reader and every change is refused.
    pub read_only: bool,
}

impl Shared {
    pub fn cx(&self) -> Cx<'_> {
        Cx {
            s: self.s,
            t: self.t,
            lang: self.lang,
            now: self.clock.now(),
            offset: self.clock.offset(),
            clock: self.clock,
            info: &self.info,
            marks: &self.marks,
            filter: &self.filter,
            read_only: self.read_only,
        }
    }
}

/// Where a copied script goes.
enum Copier {
    /// OSC 52 written by this thread, the native tool run by the worker.
    System(ClipboardMode),
    /// Tests: a recorder, called here.
    Custom(Box<dyn Clipboard>),
}

pub struct App {
    pub(crate) shared: Shared,
    /// Welcome, Today, the board; one of them is under everything.
    bases: Vec<Box<dyn View>>,
    base: usize,
    /// Bases that missed a change while hidden (reloaded when shown).
    stale: Vec<bool>,
    stack: Vec<Box<dyn View>>,
    status: Option<(String, bool)>,
    quit: bool,
    main: Lane,
    /// Searches' own lane (none: they share the main one).
    search: Option<Lane>,
    /// The dashboard's figures' own lane (none: they share the main one).
    figures: Option<Lane>,
    inbox_tx: Sender<LoopEvent>,
    inbox: Receiver<LoopEvent>,
    /// Asked and not answered yet.
    outstanding: BTreeSet<Ticket>,
    /// Writes among them.
    writes: BTreeSet<Ticket>,
    /// Searches and figures among them: keys never wait for these (typing never waits for
    /// results, nor a key for the dashboard's whole-book read).
    background: BTreeSet<Ticket>,
    /// Keys wait while anything asked up to this ticket is unanswered: the write they may
    /// depend on, and the reloads after it.
    barrier: Option<Ticket>,
    deferred: VecDeque<ratatui::crossterm::event::Event>,
    size: (u16, u16),
    copier: Copier,
    open_ticket: Option<Ticket>,
    /// Ask the rep's name once the book is open.
    ask_name: bool,
    /// Why the app had to stop (the book could not be opened).
    pub(crate) fatal: Option<String>,
    /// The watch for other processes' changes waiting for its answer.
    watch: Option<Ticket>,
    /// When the change being saved was asked for (frames wait for its reloads, briefly).
    write_since: Option<std::time::Instant>,
    /// The bulk change in flight (the marks are cleared when it goes through).
    bulk: Option<Ticket>,
    /// The newest ticket handed out (a write's reloads end there).
    last_issued: Ticket,
    /// Debug builds: fail on the first key, to test that the terminal is restored.
    #[cfg(debug_assertions)]
    pub(crate) fault: Option<String>,
}

impl App {
    fn with_lanes(
        lang: Lang,
        clock: Clock,
        main: Lane,
        search: Option<Lane>,
        figures: Option<Lane>,
        inbox: (Sender<LoopEvent>, Receiver<LoopEvent>),
        audit: Option<Period>,
    ) -> App {
        let mut bases = super::views::bases();
        if let Some(period) = audit {
            for b in &mut bases {
                if b.scope() == Scope::Dashboard {
                    *b = Box::new(DashboardView::new(period));
                }
            }
        }
        let n = bases.len();
        let mut app = App {
            shared: Shared {
                lang,
                s: strings(lang),
                t: crate::i18n::tui::text(lang),
                clock,
                info: BookInfo::default(),
                marks: BTreeMap::new(),
                filter: Default::default(),
                read_only: audit.is_some(),
            },
            bases,
            base: 0,
            stale: vec![true; n],
            stack: Vec::new(),
            status: None,
            quit: false,
            main,
            search,
            figures,
            inbox_tx: inbox.0,
            inbox: inbox.1,
            outstanding: BTreeSet::new(),
            writes: BTreeSet::new(),
            background: BTreeSet::new(),
            barrier: None,
            deferred: VecDeque::new(),
            size: (0, 0),
            copier: Copier::System(ClipboardMode::Auto),
            open_ticket: None,
            ask_name: false,
            fatal: None,
            watch: None,
            bulk: None,
            write_since: None,
            last_issued: 0,
            #[cfg(debug_assertions)]
            fault: None,
        };
        app.base = app.base_index(match audit {
            Some(_) => Scope::Dashboard,
            None => Scope::Today,
        });
        // Opening and Today's first read go down the lane together: the first frame with
        // content needs no second round trip.
        let t = super::jobs::ticket();
        app.open_ticket = Some(t);
        app.submit(t, Job::Open);
        app.refresh_base(None);
        app
    }

    /// The app over a book already open (tests): its worker thread takes the book.
    pub fn new(book: Book, lang: Lang) -> App {
        let clock = book.session().clock;
        let path = book.path().to_path_buf();
        let inbox = channel();
        let held = Held::Write {
            book: Box::new(book),
            opener: None,
            warning: None,
        };
        let main = Lane::thread(Worker::new(held, lang), inbox.0.clone());
        let search = search_lane(path, clock, lang, inbox.0.clone());
        App::with_lanes(lang, clock, main, Some(search), None, inbox, None)
    }

    /// The app in the terminal: the book is opened on the worker thread, so the first
    /// frame is drawn before anything slow.
    pub fn live(opener: Opener, lang: Lang, ask_name: bool) -> App {
        let clock = opener.clock;
        let mode = opener.config.clipboard.mode;
        let path = opener.db_path.clone();
        let inbox = channel();
        let figures = figures_lane(&opener, true, lang, inbox.0.clone());
        let held = Held::Closed(Box::new(opener));
        let main = Lane::thread(Worker::new(held, lang), inbox.0.clone());
        let search = search_lane(path, clock, lang, inbox.0.clone());
        let mut app = App::with_lanes(lang, clock, main, Some(search), Some(figures), inbox, None);
        app.copier = Copier::System(mode);
        app.ask_name = ask_name;
        app
    }

    /// A team lead's audit of the book `opener` names: opened read-only through the reader
    /// on the worker thread (the first frame is drawn before anything slow), the dashboard
    /// for `period` first, every change refused.
    pub fn audit(opener: Opener, lang: Lang, period: Period) -> App {
        let clock = opener.clock;
        let path = opener.db_path.clone();
        let inbox = channel();
        let figures = figures_lane(&opener, false, lang, inbox.0.clone());
        let held = Held::ClosedRead(Box::new(opener));
        let main = Lane::thread(Worker::new(held, lang), inbox.0.clone());
        let search = search_lane(path, clock, lang, inbox.0.clone());
        App::with_lanes(
            lang,
            clock,
            main,
            Some(search),
            Some(figures),
            inbox,
            Some(period),
        )
    }

    /// A headless audit (a render of the dashboard): as [`App::headless`], read-only, on
    /// the dashboard for `period`.
    pub fn headless_audit(book: ReadBook, lang: Lang, period: Period) -> App {
        let clock = book.session().clock;
        let main = Lane::Inline(Box::new(Worker::new(Held::Read(Box::new(book)), lang)));
        App::with_lanes(lang, clock, main, None, None, channel(), Some(period))
    }

    /// True in an audit: nothing can change the book.
    pub fn read_only(&self) -> bool {
        self.shared.read_only
    }

    /// The app over a book opened read-only, every job run at once on this thread (a
    /// headless render).
    pub fn headless(book: ReadBook, lang: Lang) -> App {
        let clock = book.session().clock;
        let main = Lane::Inline(Box::new(Worker::new(Held::Read(Box::new(book)), lang)));
        App::with_lanes(lang, clock, main, None, None, channel(), None)
    }

    /// Asks the rep's name once the book is open (as the first run does).
    pub fn with_name_prompt(mut self) -> Self {
        self.ask_name = true;
        self
    }

    /// Copies go to `clipboard` (tests record them) instead of the terminal.
    pub fn with_clipboard(mut self, clipboard: Box<dyn Clipboard>) -> Self {
        self.copier = Copier::Custom(clipboard);
        self
    }

    /// Closes the book: the workers finish what they were asked, then stop.
    pub fn close(self) {
        for lane in [self.search, self.figures].into_iter().flatten() {
            lane.close();
        }
        self.main.close();
    }

    /// The read-only book of a headless app, back from its worker.
    pub fn into_read_book(self) -> Option<ReadBook> {
        self.main.into_read_book()
    }

    /// Opens a contact's card (as Enter on a list does).
    pub fn open_card(&mut self, id: ContactId) {
        self.apply(super::view::Effect::OpenCard { id, script: None });
    }

    /// The status line's message, if one shows.
    pub fn status(&self) -> Option<&str> {
        self.status.as_ref().map(|(m, _)| m.as_str())
    }

    /// A message for the status line.
    pub fn set_status(&mut self, message: String, is_error: bool) {
        self.status = Some((message, is_error));
    }

    pub fn should_quit(&self) -> bool {
        self.quit
    }

    /// Nothing asked is still unanswered.
    pub fn settled(&self) -> bool {
        self.outstanding.is_empty()
    }

    /// The scope of the view that has the keys.
    pub fn scope(&self) -> Scope {
        self.top().scope()
    }

    /// The base view's scope (Welcome, Today or Board).
    pub fn base_scope(&self) -> Scope {
        self.bases[self.base].scope()
    }

    /// The topmost view of type `T`, if one is open (tests inspect views through this).
    pub fn view<T: 'static>(&self) -> Option<&T> {
        self.stack
            .iter()
            .rev()
            .chain(std::iter::once(&self.bases[self.base]))
            .chain(self.bases.iter())
            .find_map(|v| v.as_any().downcast_ref::<T>())
    }

    pub fn marks(&self) -> &BTreeMap<ContactId, String> {
        &self.shared.marks
    }

    pub fn info(&self) -> &BookInfo {
        &self.shared.info
    }

    fn top(&self) -> &dyn View {
        self.stack
            .last()
            .map(|v| v.as_ref())
            .unwrap_or(self.bases[self.base].as_ref())
    }

    fn base_index(&self, scope: Scope) -> usize {
        self.bases
            .iter()
            .position(|b| b.scope() == scope)
            .unwrap_or(0)
    }

    fn too_small(&self) -> bool {
        self.size.0 < MIN_WIDTH || self.size.1 < MIN_HEIGHT
    }

    /// Draws the whole screen from the state.
    pub fn draw(&mut self, frame: &mut Frame) {
        let area = frame.area();
        self.size = (area.width, area.height);
        let cx = self.shared.cx();
        if self.too_small() {
            // Below a few columns the words cannot wrap (a wide character would not fit on
            // a line at all): a mark only.
            let text = if area.width >= 8 {
                Paragraph::new(cx.s.too_small).wrap(Wrap { trim: true })
            } else {
                Paragraph::new("…")
            };
            frame.render_widget(text, area);
            return;
        }
        let [main, status] =
            Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(area);
        // The topmost full-screen view, and the overlays above it.
        let first = self.stack.iter().rposition(|v| !v.overlay()).map(|i| i + 1);
        match first {
            Some(i) => {
                for v in &self.stack[i - 1..] {
                    v.draw(frame, main, &cx);
                }
            }
            None => {
                self.bases[self.base].draw(frame, main, &cx);
                for v in &self.stack {
                    v.draw(frame, main, &cx);
                }
            }
        }
        let badge = self
            .shared
            .read_only
            .then(|| crate::i18n::audit::audit_text(self.shared.lang).badge);
        // A change still being saved (an undo on a big book takes a while) says so, lest
        // the rep press again over a screen that has not moved yet.
        let saving = (!self.writes.is_empty()).then(|| (cx.t.saving.to_string(), false));
        draw_status(
            frame,
            status,
            self.top().scope(),
            saving.as_ref().or(self.status.as_ref()),
            badge,
            &cx,
        );
    }
}

/// The search lane: a worker with its own read-only connection, opened at the first query.
fn search_lane(
    path: std::path::PathBuf,
    clock: Clock,
    lang: Lang,
    inbox: Sender<LoopEvent>,
) -> Lane {
    let held = Held::Search { path, clock };
    Lane::thread(Worker::new(held, lang), inbox)
}

/// The figures lane: a worker that opens the book read-only through the reader for each
/// figures asked for; `own` for the rep's own book.
fn figures_lane(opener: &Opener, own: bool, lang: Lang, inbox: Sender<LoopEvent>) -> Lane {
    let held = Held::Figures {
        opener: Box::new(opener.clone()),
        own,
    };
    Lane::thread(Worker::new(held, lang), inbox)
}

/// The last line: a message, or the keys that matter here; the book, template, rep, filter
/// and marks on the right.
fn draw_status(
    frame: &mut Frame,
    area: Rect,
    scope: Scope,
    status: Option<&(String, bool)>,
    badge: Option<&str>,
    cx: &Cx,
) {
    // An audit says so on every screen, before anything else on the line.
    let area = match badge {
        Some(b) => {
            let w = width(b) as u16 + 2;
            let [b_area, rest] =
                Layout::horizontal([Constraint::Length(w + 1), Constraint::Min(1)]).areas(area);
            let chip = Span::styled(format!(" {b} "), theme::badge());
            frame.render_widget(Paragraph::new(chip), b_area);
            rest
        }
        None => area,
    };
    let info = cx.info;
    let mut right = Vec::new();
    if !cx.marks.is_empty() {
        right.push(format!("{} {}", cx.t.marked, cx.marks.len()));
    }
    // The filter narrows the board only: said there, not over Today or a card.
    let filter = super::views::board::filter_words(cx.filter, cx);
    if !filter.is_empty() && scope == Scope::Board {
        right.push(format!(
            "{}{}{filter}",
            cx.t.filtered,
            crate::i18n::colon(cx.lang)
        ));
    }
    if !info.file.is_empty() {
        right.push(info.file.clone());
        right.push(info.template_name.clone());
        // Nobody's name yet (a lead auditing before setting theirs): nothing, not "me".
        if info.actor != crate::domain::contact::UNNAMED_OWNER {
            right.push(info.actor.clone());
        }
    }
    let right = display_safe(&right.join(" · "), false).into_owned();
    // A message (what a key just did, or why not) comes before the book's name: the right
    // side gives up what the message needs, down to nothing.
    let message_w = status.map_or(0, |(msg, _)| width(&display_safe(msg, false)) + 1);
    let right_w = width(&right)
        .min(area.width as usize / 2)
        .min((area.width as usize).saturating_sub(message_w));
    let right_w = if right_w < 8 { 0 } else { right_w };
    let right = truncate(&right, right_w);
    let left_w = (area.width as usize).saturating_sub(right_w + 1);
    // Messages quote names from the book (undone for 张三, copied for 李四).
    let left = match status.map(|(msg, error)| (display_safe(msg, false), *error)) {
        Some((msg, true)) => Line::styled(truncate(&msg, left_w), theme::error()),
        Some((msg, false)) => Line::raw(truncate(&msg, left_w)),
        None => {
            let mut spans = Vec::new();
            let mut hints = registry::hints(scope, cx.t, badge.is_some());
            // Help is how a new rep finds every other key: it keeps its place (last) when
            // the line is too narrow for all of them.
            let help = hints
                .iter()
                .position(|(keys, _)| *keys == "?")
                .map(|i| hints.remove(i));
            let hint_w = |(keys, label): &(&str, &str)| width(keys) + width(label) + 3;
            let mut used = help.as_ref().map_or(0, hint_w);
            for hint in hints.iter().chain(help.as_ref()) {
                let w = hint_w(hint);
                if Some(hint) != help.as_ref() {
                    if used + w > left_w {
                        continue;
                    }
                    used += w;
                }
                spans.push(Span::styled(hint.0, theme::key()));
                spans.push(Span::raw(format!(" {}  ", hint.1)));
            }
            Line::from(spans)
        }
    };
    let [l, r] =
        Layout::horizontal([Constraint::Min(1), Constraint::Length(right_w as u16)]).areas(area);
    frame.render_widget(Paragraph::new(left), l);
    frame.render_widget(Paragraph::new(Span::styled(right, theme::dim())), r);
}
