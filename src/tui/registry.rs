//! The one registry of scopes and key bindings. Dispatch, the help screen and the status
//! line's hints all read this table: a key that works is a key the help lists.

use crate::i18n::tui::TuiText;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

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
    FollowupDone,
    FollowupSnooze,
    FollowupSkip,
    Edit,
    Log,
    Won,
    Lost,
    Reopen,
    Archive,
    Grade,
    Tags,
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
    /// A one-line question (done, snooze, skip): keys type.
    Prompt,
    /// A list to choose from (tags, templates): keys type the filter.
    Picker,
    GradePicker,
    Confirm,
    Help,
    /// A timeline entry in full.
    Entry,
}

impl Scope {
    /// Every scope, in the order the help screen lists them.
    pub const ALL: [Scope; 14] = [
        Scope::Global,
        Scope::Today,
        Scope::Board,
        Scope::Card,
        Scope::Search,
        Scope::Results,
        Scope::Form,
        Scope::Prompt,
        Scope::Picker,
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
            Scope::Search | Scope::Form | Scope::Prompt | Scope::Picker
        )
    }

    /// The global bindings apply here too.
    pub fn with_globals(self) -> bool {
        matches!(
            self,
            Scope::Welcome | Scope::Today | Scope::Board | Scope::Card | Scope::Results
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
            Scope::GradePicker => t.scope_grade,
            Scope::Confirm => t.scope_confirm,
            Scope::Help => t.scope_help,
            Scope::Entry => t.scope_entry,
        }
    }
}

/// A key with its modifiers (Shift is part of the character: `L` is Shift-l).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

const fn k(code: KeyCode) -> Key {
    Key {
        code,
        mods: KeyModifiers::NONE,
    }
}

const fn c(ch: char) -> Key {
    k(KeyCode::Char(ch))
}

const fn ctrl(ch: char) -> Key {
    Key {
        code: KeyCode::Char(ch),
        mods: KeyModifiers::CONTROL,
    }
}

const fn alt(code: KeyCode) -> Key {
    Key {
        code,
        mods: KeyModifiers::ALT,
    }
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

use KeyCode::{
    BackTab, Backspace, Delete, Down, End, Enter, Esc, Home, Left, PageDown, PageUp, Right, Tab, Up,
};
use Scope::*;

macro_rules! bind {
    ($scope:expr, [$($key:expr),+], $shown:expr, $action:expr, $label:ident) => {
        Binding { scope: $scope, keys: &[$($key),+], shown: $shown, action: $action, label: |t| t.$label, hint: false }
    };
    ($scope:expr, [$($key:expr),+], $shown:expr, $action:expr, $label:ident, hint) => {
        Binding { scope: $scope, keys: &[$($key),+], shown: $shown, action: $action, label: |t| t.$label, hint: true }
    };
}

/// Contact actions every list and the card share.
macro_rules! contact_actions {
    ($scope:expr) => {
        [
            bind!($scope, [c('e')], "e", Action::Edit, key_edit),
            bind!($scope, [c('l')], "l", Action::Log, key_log, hint),
            bind!($scope, [c('w')], "w", Action::Won, key_won),
            bind!($scope, [c('L')], "L", Action::Lost, key_lost),
            bind!($scope, [c('r')], "r", Action::Reopen, key_reopen),
            bind!($scope, [c('X')], "X", Action::Archive, key_archive),
            bind!($scope, [c('g')], "g", Action::Grade, key_grade),
            bind!($scope, [c('t')], "t", Action::Tags, key_tags),
            bind!(
                $scope,
                [c('>'), c('》')],
                ">",
                Action::StageForward,
                key_stage_fwd
            ),
            bind!(
                $scope,
                [c('<'), c('《')],
                "<",
                Action::StageBack,
                key_stage_back
            ),
        ]
    };
}

/// Moving in a list.
macro_rules! list_moves {
    ($scope:expr) => {
        [
            bind!($scope, [k(Up), c('k')], "↑/k", Action::Up, key_move),
            bind!($scope, [k(Down), c('j')], "↓/j", Action::Down, key_move),
            bind!($scope, [k(PageUp)], "PgUp", Action::PageUp, key_page),
            bind!($scope, [k(PageDown)], "PgDn", Action::PageDown, key_page),
            bind!($scope, [k(Home)], "Home", Action::Top, key_ends),
            bind!($scope, [k(End)], "End", Action::Bottom, key_ends),
        ]
    };
}

/// Editing a line of text.
macro_rules! editing {
    ($scope:expr) => {
        [
            bind!($scope, [k(Backspace)], "⌫", Action::Backspace, key_erase),
            bind!($scope, [k(Delete)], "Del", Action::Delete, key_erase),
            bind!($scope, [k(Left)], "←", Action::CaretLeft, key_caret),
            bind!($scope, [k(Right)], "→", Action::CaretRight, key_caret),
            bind!($scope, [k(Home)], "Home", Action::CaretHome, key_caret),
            bind!($scope, [k(End)], "End", Action::CaretEnd, key_caret),
        ]
    };
}

const GLOBAL: &[Binding] = &[
    bind!(Global, [c('q')], "q", Action::Quit, key_quit, hint),
    // Full-width ？ and ／ too: a Chinese IME left on must not lock the rep out.
    bind!(Global, [c('?'), c('？')], "?", Action::Help, key_help, hint),
    bind!(
        Global,
        [c('/'), c('／')],
        "/",
        Action::OpenSearch,
        key_search,
        hint
    ),
    bind!(Global, [c('1')], "1", Action::ShowToday, key_today),
    bind!(Global, [c('2')], "2", Action::ShowBoard, key_board),
    bind!(Global, [c('u')], "u", Action::Undo, key_undo),
    bind!(Global, [c('T')], "T", Action::Templates, key_templates),
    bind!(Global, [k(Esc)], "Esc", Action::Back, key_back),
];

const WELCOME: &[Binding] = &[
    bind!(Welcome, [c('d')], "d", Action::LoadDemo, key_demo, hint),
    bind!(Welcome, [c('a')], "a", Action::NewContact, key_add, hint),
];

const TODAY: &[Binding] = &[
    bind!(Today, [k(Enter)], "Enter", Action::Open, key_open, hint),
    bind!(Today, [c('d')], "d", Action::FollowupDone, key_done, hint),
    bind!(
        Today,
        [c('s')],
        "s",
        Action::FollowupSnooze,
        key_snooze,
        hint
    ),
    bind!(Today, [c('x')], "x", Action::FollowupSkip, key_skip, hint),
    bind!(Today, [c('a')], "a", Action::NewContact, key_add),
    bind!(Today, [c(' ')], "Space", Action::Mark, key_mark),
];

const BOARD: &[Binding] = &[
    bind!(Board, [k(Left)], "←", Action::Left, key_column),
    bind!(Board, [k(Right)], "→", Action::Right, key_column),
    bind!(Board, [k(Enter)], "Enter", Action::Open, key_open, hint),
    bind!(Board, [c('a')], "a", Action::NewContact, key_add),
    bind!(Board, [c(' ')], "Space", Action::Mark, key_mark),
    bind!(Board, [c('f')], "f", Action::Filter, key_filter, hint),
    bind!(Board, [c('o')], "o", Action::ToggleClosed, key_closed),
];

const CARD: &[Binding] = &[
    bind!(Card, [k(Up), c('k')], "↑/k", Action::Up, key_move),
    bind!(Card, [k(Down), c('j')], "↓/j", Action::Down, key_move),
    bind!(Card, [k(PageUp)], "PgUp", Action::PageUp, key_page),
    bind!(Card, [k(PageDown)], "PgDn", Action::PageDown, key_page),
    bind!(Card, [k(Tab)], "Tab", Action::SwitchFocus, key_focus, hint),
    bind!(Card, [c('y')], "y", Action::Copy, key_copy, hint),
    bind!(Card, [k(Enter)], "Enter", Action::Open, key_entry),
];

const SEARCH: &[Binding] = &[
    bind!(Search, [k(Up)], "↑", Action::Up, key_move),
    bind!(Search, [k(Down)], "↓", Action::Down, key_move),
    bind!(Search, [k(Enter)], "Enter", Action::Open, key_open, hint),
    bind!(
        Search,
        [k(Tab)],
        "Tab",
        Action::SwitchFocus,
        key_to_results,
        hint
    ),
    bind!(Search, [k(Esc)], "Esc", Action::Back, key_back, hint),
];

const RESULTS: &[Binding] = &[
    bind!(Results, [k(Enter)], "Enter", Action::Open, key_open, hint),
    bind!(
        Results,
        [k(Tab)],
        "Tab",
        Action::SwitchFocus,
        key_to_query,
        hint
    ),
    bind!(Results, [c(' ')], "Space", Action::Mark, key_mark),
];

const FORM: &[Binding] = &[
    bind!(
        Form,
        [k(Tab)],
        "Tab",
        Action::NextField,
        key_next_field,
        hint
    ),
    bind!(
        Form,
        [k(BackTab)],
        "S-Tab",
        Action::PrevField,
        key_prev_field
    ),
    bind!(Form, [k(Down)], "↓", Action::Down, key_field_down),
    bind!(Form, [k(Up)], "↑", Action::Up, key_field_up),
    bind!(Form, [k(Enter)], "Enter", Action::Submit, key_submit, hint),
    bind!(Form, [ctrl('s')], "Ctrl-S", Action::Save, key_save, hint),
    bind!(
        Form,
        [alt(Enter), ctrl('j')],
        "Alt-Enter/Ctrl-J",
        Action::Newline,
        key_newline
    ),
    bind!(Form, [k(Esc)], "Esc", Action::Back, key_cancel, hint),
];

const PROMPT: &[Binding] = &[
    bind!(Prompt, [k(Enter)], "Enter", Action::Save, key_confirm, hint),
    bind!(Prompt, [k(Esc)], "Esc", Action::Back, key_cancel, hint),
];

const PICKER: &[Binding] = &[
    bind!(Picker, [k(Up)], "↑", Action::Up, key_move),
    bind!(Picker, [k(Down)], "↓", Action::Down, key_move),
    bind!(
        Picker,
        [c(' '), k(Tab)],
        "Space/Tab",
        Action::Toggle,
        key_toggle,
        hint
    ),
    bind!(Picker, [k(Enter)], "Enter", Action::Save, key_confirm, hint),
    bind!(Picker, [k(Esc)], "Esc", Action::Back, key_cancel, hint),
    bind!(Picker, [k(Backspace)], "⌫", Action::Backspace, key_erase),
];

const GRADE: &[Binding] = &[
    bind!(
        GradePicker,
        [c('A'), c('a')],
        "A",
        Action::GradeA,
        grade_a,
        hint
    ),
    bind!(
        GradePicker,
        [c('B'), c('b')],
        "B",
        Action::GradeB,
        grade_b,
        hint
    ),
    bind!(
        GradePicker,
        [c('C'), c('c')],
        "C",
        Action::GradeC,
        grade_c,
        hint
    ),
    bind!(
        GradePicker,
        [c('D'), c('d')],
        "D",
        Action::GradeD,
        grade_d,
        hint
    ),
    bind!(
        GradePicker,
        [c('0'), c('-')],
        "0",
        Action::GradeNone,
        grade_none
    ),
    bind!(GradePicker, [k(Esc)], "Esc", Action::Back, key_cancel, hint),
];

const CONFIRM: &[Binding] = &[
    bind!(
        Confirm,
        [c('y'), c('Y'), k(Enter)],
        "y/Enter",
        Action::Yes,
        key_yes,
        hint
    ),
    bind!(
        Confirm,
        [c('n'), c('N'), k(Esc)],
        "n/Esc",
        Action::No,
        key_no,
        hint
    ),
];

const HELP: &[Binding] = &[
    bind!(Help, [k(Up), c('k')], "↑/k", Action::Up, key_scroll),
    bind!(Help, [k(Down), c('j')], "↓/j", Action::Down, key_scroll),
    bind!(Help, [k(PageUp)], "PgUp", Action::PageUp, key_page),
    bind!(
        Help,
        [k(PageDown), c(' ')],
        "PgDn/Space",
        Action::PageDown,
        key_page
    ),
    bind!(
        Help,
        [k(Esc), c('q'), c('?'), c('？')],
        "Esc/q/?",
        Action::Back,
        key_close,
        hint
    ),
];

const ENTRY: &[Binding] = &[
    bind!(Entry, [k(Up), c('k')], "↑/k", Action::Up, key_scroll),
    bind!(Entry, [k(Down), c('j')], "↓/j", Action::Down, key_scroll),
    bind!(
        Entry,
        [k(Esc), k(Enter), c('q')],
        "Esc/Enter/q",
        Action::Back,
        key_close,
        hint
    ),
];

const TODAY_MOVES: [Binding; 6] = list_moves!(Today);
const BOARD_MOVES: [Binding; 6] = list_moves!(Board);
const RESULTS_MOVES: [Binding; 6] = list_moves!(Results);
const TODAY_ACTIONS: [Binding; 10] = contact_actions!(Today);
const BOARD_ACTIONS: [Binding; 10] = contact_actions!(Board);
const CARD_ACTIONS: [Binding; 10] = contact_actions!(Card);
const RESULTS_ACTIONS: [Binding; 10] = contact_actions!(Results);
const SEARCH_EDIT: [Binding; 6] = editing!(Search);
const FORM_EDIT: [Binding; 6] = editing!(Form);
const PROMPT_EDIT: [Binding; 6] = editing!(Prompt);

/// Every table, in the order the help screen reads them.
const TABLES: &[&[Binding]] = &[
    GLOBAL,
    WELCOME,
    TODAY,
    &TODAY_MOVES,
    &TODAY_ACTIONS,
    BOARD,
    &BOARD_MOVES,
    &BOARD_ACTIONS,
    CARD,
    &CARD_ACTIONS,
    SEARCH,
    &SEARCH_EDIT,
    RESULTS,
    &RESULTS_MOVES,
    &RESULTS_ACTIONS,
    FORM,
    &FORM_EDIT,
    PROMPT,
    &PROMPT_EDIT,
    PICKER,
    GRADE,
    CONFIRM,
    HELP,
    ENTRY,
];

/// Every binding of the app.
pub fn bindings() -> impl Iterator<Item = &'static Binding> {
    TABLES.iter().flat_map(|t| t.iter())
}

/// The action for `key` in `scope`: the scope's own bindings first; then, where keys type,
/// a printable character is typed; then the global bindings where they apply.
pub fn lookup(scope: Scope, e: KeyEvent) -> Action {
    let key = Key::of(e);
    if key == ctrl('c') {
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
        return find(Global).unwrap_or(Action::None);
    }
    Action::None
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
    scope.with_globals() && bound(Global)
}

/// The help lines of a scope: (keys, what they do), bindings sharing a label on one line.
pub fn help_rows(scope: Scope, t: &TuiText) -> Vec<(String, &'static str)> {
    let mut rows: Vec<(String, &'static str)> = Vec::new();
    for b in bindings().filter(|b| b.scope == scope) {
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

/// The status line's hints for a scope: its flagged bindings, then the global ones.
pub fn hints(scope: Scope, t: &TuiText) -> Vec<(&'static str, &'static str)> {
    let own = bindings().filter(|b| b.scope == scope && b.hint);
    let global = bindings().filter(move |b| scope.with_globals() && b.scope == Global && b.hint);
    own.chain(global).map(|b| (b.shown, (b.label)(t))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn scope_first_then_typing_then_global() {
        assert_eq!(lookup(Board, key(KeyCode::Char('j'))), Action::Down);
        assert_eq!(lookup(Board, key(KeyCode::Char('q'))), Action::Quit);
        assert_eq!(lookup(Card, key(KeyCode::Char('？'))), Action::Help);
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
