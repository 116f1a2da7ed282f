//! The one registry of scopes and key bindings (the tables are in `bindings.rs`). Dispatch, the help screen and the status
//! line's hints all read this table: a key that works is a key the help lists.

use crate::i18n::tui::TuiText;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

mod bindings;

/// What a key asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    None,
    Quit,
    Help,
    Back,
    Up,
    Down,
    Left,
    Right,
    PageUp,
    PageDown,
    Top,
    Bottom,
    Open,
    LoadDemo,
    NewContact,
    StageForward,
    StageBack,
    Copy,
    SwitchFocus,
    OpenSearch,
    ShowToday,
    ShowBoard,
    /// The figures of the book (the audit's home).
    ShowDashboard,
    FollowupDone,
    FollowupSnooze,
    FollowupSkip,
    Edit,
    Log,
    Won,
    Lost,
    Reopen,
    Archive,
    /// Merge the two marked contacts into one.
    Merge,
    Grade,
    Tags,
    /// A dated follow-up set with the customer (a call, 面诊, 试听).
    ScheduleFollowup,
    Undo,
    Mark,
    Filter,
    ToggleClosed,
    Templates,
    // Editing text, in forms, prompts and the search line.
    NextField,
    PrevField,
    Submit,
    Save,
    Newline,
    Type(char),
    Backspace,
    Delete,
    CaretLeft,
    CaretRight,
    CaretHome,
    CaretEnd,
    /// Ctrl-U: the line before the caret.
    KillLine,
    /// Ctrl-W: the word before the caret.
    KillWord,
    // Pickers and questions.
    Toggle,
    Clear,
    Yes,
    No,
    GradeA,
    GradeB,
    GradeC,
    GradeD,
    GradeNone,
}

/// Where a binding applies: one scope per kind of view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Every view that does not take typing.
    Global,
    Welcome,
    Today,
    Board,
    Card,
    /// The search line: keys type.
    Search,
    /// The search results, once Tab moved there: keys act on the contact.
    Results,
    /// A form (new contact, edit, log, won, lost, filters, your name): keys type.
    Form,
    /// A short question (done with a note, snooze, skip): keys type.
    Prompt,
    /// A list to check several in (tags): keys type the filter.
    Picker,
    /// A list to choose one from (templates): keys type the filter, Enter takes it.
    Choice,
    GradePicker,
    Confirm,
    Help,
    /// A timeline entry in full.
    Entry,
    /// The figures of the book, each one opening the contacts behind it.
    Dashboard,
    /// The contacts behind one figure.
    Drill,
}

impl Scope {
    /// Every scope, in the order the help screen lists them.
    pub const ALL: [Scope; 17] = [
        Scope::Global,
        Scope::Dashboard,
        Scope::Drill,
        Scope::Today,
        Scope::Board,
        Scope::Card,
        Scope::Search,
        Scope::Results,
        Scope::Form,
        Scope::Prompt,
        Scope::Picker,
        Scope::Choice,
        Scope::GradePicker,
        Scope::Confirm,
        Scope::Entry,
        Scope::Help,
        Scope::Welcome,
    ];

    /// Printable keys type text here instead of acting.
    pub fn types(self) -> bool {
        matches!(
            self,
            Scope::Search | Scope::Form | Scope::Prompt | Scope::Picker | Scope::Choice
        )
    }

    /// The global bindings apply here too.
    pub fn with_globals(self) -> bool {
        matches!(
            self,
            Scope::Welcome
                | Scope::Today
                | Scope::Board
                | Scope::Card
                | Scope::Results
                | Scope::Dashboard
                | Scope::Drill
        )
    }

    /// The help screen's heading for the scope.
    pub fn title(self, t: &TuiText) -> &'static str {
        match self {
            Scope::Global => t.scope_global,
            Scope::Welcome => t.scope_welcome,
            Scope::Today => t.scope_today,
            Scope::Board => t.scope_board,
            Scope::Card => t.scope_card,
            Scope::Search => t.scope_search,
            Scope::Results => t.scope_results,
            Scope::Form => t.scope_form,
            Scope::Prompt => t.scope_prompt,
            Scope::Picker => t.scope_picker,
            Scope::Choice => t.scope_choice,
            Scope::GradePicker => t.scope_grade,
            Scope::Confirm => t.scope_confirm,
            Scope::Help => t.scope_help,
            Scope::Entry => t.scope_entry,
            Scope::Dashboard => crate::i18n::audit::for_tui(t).scope_dashboard,
            Scope::Drill => crate::i18n::audit::for_tui(t).scope_drill,
        }
    }
}

impl Action {
    /// Changes the book, or opens a form or a question that would: refused in an audit,
    /// where nothing may change.
    pub fn writes(self) -> bool {
        use Action::*;
        matches!(
            self,
            LoadDemo
                | NewContact
                | StageForward
                | StageBack
                | Copy
                | FollowupDone
                | FollowupSnooze
                | FollowupSkip
                | Edit
                | Log
                | Won
                | Lost
                | Reopen
                | Archive
                | Merge
                | ScheduleFollowup
                | Grade
                | Tags
                | Undo
                | Mark
                | Templates
        )
    }
}

/// A key with its modifiers (Shift is part of the character: `L` is Shift-l).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

impl Key {
    /// The key as the table spells it: Shift dropped from characters (the character says
    /// it), and from BackTab.
    pub fn of(e: KeyEvent) -> Key {
        let mut mods = e.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT);
        if !matches!(e.code, KeyCode::Char(_) | KeyCode::BackTab) {
            mods |= e.modifiers & KeyModifiers::SHIFT;
        }
        Key { code: e.code, mods }
    }
}

pub struct Binding {
    pub scope: Scope,
    pub keys: &'static [Key],
    /// How help and hints spell the keys.
    pub shown: &'static str,
    pub action: Action,
    pub label: fn(&TuiText) -> &'static str,
    /// Shown in the status line's hints (the few a newcomer needs first).
    pub hint: bool,
}

/// Every binding of the app.
pub fn bindings() -> impl Iterator<Item = &'static Binding> {
    bindings::TABLES.iter().flat_map(|t| t.iter())
}

/// The action for `key` in `scope`: the scope's own bindings first; then, where keys type,
/// a printable character is typed; then the global bindings where they apply.
pub fn lookup(scope: Scope, e: KeyEvent) -> Action {
    let key = Key::of(e);
    match lookup_key(scope, key) {
        // An input method left in full-width mode types `２` for `2`, `ｄ` for `d`: read as
        // the key it stands for (a field that takes text has typed it as it is already).
        Action::None => half_width(key).map_or(Action::None, |k| lookup_key(scope, k)),
        found => found,
    }
}

/// A full-width character key (`！`…`～`) as its ASCII key, if it is one.
fn half_width(key: Key) -> Option<Key> {
    let KeyCode::Char(ch) = key.code else {
        return None;
    };
    let half = char::from_u32((ch as u32).checked_sub(0xFEE0)?)?;
    ('!'..='~').contains(&half).then_some(Key {
        code: KeyCode::Char(half),
        mods: key.mods,
    })
}

fn lookup_key(scope: Scope, key: Key) -> Action {
    if key == bindings::ctrl('c') {
        return Action::Quit;
    }
    let find = |sc: Scope| {
        bindings()
            .find(|b| b.scope == sc && b.keys.contains(&key))
            .map(|b| b.action)
    };
    if let Some(a) = find(scope) {
        return a;
    }
    if scope.types()
        && let KeyCode::Char(ch) = key.code
        && key.mods.is_empty()
    {
        return Action::Type(ch);
    }
    if scope.with_globals() {
        return find(Scope::Global).unwrap_or(Action::None);
    }
    Action::None
}

/// True when `e` changes the book on some screen (an audit answers it with the read-only
/// message wherever it is pressed, rather than with silence).
pub fn writes_somewhere(e: KeyEvent) -> bool {
    let key = Key::of(e);
    let key = half_width(key).unwrap_or(key);
    bindings().any(|b| b.action.writes() && !b.scope.types() && b.keys.contains(&key))
}

/// True when `e` in `scope` reaches a global binding (the app, not the view, acts on it).
pub fn is_global(scope: Scope, e: KeyEvent) -> bool {
    let key = Key::of(e);
    let bound = |sc: Scope| bindings().any(|b| b.scope == sc && b.keys.contains(&key));
    if bound(scope) {
        return false;
    }
    if scope.types() && matches!(key.code, KeyCode::Char(_)) && key.mods.is_empty() {
        return false;
    }
    scope.with_globals() && bound(Scope::Global)
}

/// The help lines of a scope: (keys, what they do), bindings sharing a label on one line.
pub fn help_rows(scope: Scope, t: &TuiText, read_only: bool) -> Vec<(String, &'static str)> {
    let mut rows: Vec<(String, &'static str)> = Vec::new();
    // An audit's help lists no key it would refuse.
    for b in bindings().filter(|b| b.scope == scope && !(read_only && b.action.writes())) {
        let label = (b.label)(t);
        match rows.iter_mut().find(|(_, l)| *l == label) {
            Some((keys, _)) => {
                keys.push(' ');
                keys.push_str(b.shown);
            }
            None => rows.push((b.shown.to_string(), label)),
        }
    }
    rows
}

/// The status line's hints for a scope: its flagged bindings, then the global ones. In an
/// audit (`read_only`), none that would change the book: they are refused there.
pub fn hints(scope: Scope, t: &TuiText, read_only: bool) -> Vec<(&'static str, &'static str)> {
    let own = bindings().filter(|b| b.scope == scope && b.hint);
    let global =
        bindings().filter(move |b| scope.with_globals() && b.scope == Scope::Global && b.hint);
    own.chain(global)
        .filter(|b| !(read_only && b.action.writes()))
        .map(|b| (b.shown, (b.label)(t)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::Scope::*;
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn scope_first_then_typing_then_global() {
        assert_eq!(lookup(Board, key(KeyCode::Char('j'))), Action::Down);
        assert_eq!(lookup(Board, key(KeyCode::Char('q'))), Action::Quit);
        assert_eq!(lookup(Card, key(KeyCode::Char('？'))), Action::Help);
        // Any full-width key stands for its ASCII one where nothing takes text.
        for (full, half) in [('２', '2'), ('ｄ', 'd'), ('ｑ', 'q'), ('／', '/')] {
            assert_eq!(
                lookup(Today, key(KeyCode::Char(full))),
                lookup(Today, key(KeyCode::Char(half))),
                "{full}"
            );
            assert_ne!(
                lookup(Today, key(KeyCode::Char(half))),
                Action::None,
                "{half}"
            );
        }
        assert!(writes_somewhere(key(KeyCode::Char('ｄ'))));
        // Where text is typed, it is typed as it is.
        assert_eq!(lookup(Form, key(KeyCode::Char('２'))), Action::Type('２'));
        assert_eq!(lookup(Search, key(KeyCode::Char('ｄ'))), Action::Type('ｄ'));
        assert_eq!(lookup(Search, key(KeyCode::Char('q'))), Action::Type('q'));
        assert_eq!(lookup(Form, key(KeyCode::Char('张'))), Action::Type('张'));
        assert_eq!(lookup(Form, key(KeyCode::Esc)), Action::Back);
        let shift_l = KeyEvent::new(KeyCode::Char('L'), KeyModifiers::SHIFT);
        assert_eq!(lookup(Board, shift_l), Action::Lost);
        let ctrl_s = KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL);
        assert_eq!(lookup(Form, ctrl_s), Action::Save);
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(lookup(Form, ctrl_c), Action::Quit);
        // Keys that act elsewhere do nothing in a question that does not take them.
        assert_eq!(lookup(Confirm, key(KeyCode::Char('q'))), Action::None);
    }

    #[test]
    fn no_key_is_bound_twice_in_a_scope() {
        for scope in Scope::ALL {
            let mut seen: Vec<Key> = Vec::new();
            for b in bindings().filter(|b| b.scope == scope) {
                for k in b.keys {
                    assert!(!seen.contains(k), "{scope:?}: {k:?} bound twice");
                    seen.push(*k);
                }
            }
        }
    }
}
