//! Every key binding of the app, scope by scope, in the order the help screen lists them.

use super::{Action, Binding, Key, Scope};
use ratatui::crossterm::event::{KeyCode, KeyModifiers};

const fn k(code: KeyCode) -> Key {
    Key {
        code,
        mods: KeyModifiers::NONE,
    }
}

const fn c(ch: char) -> Key {
    k(KeyCode::Char(ch))
}

pub(super) const fn ctrl(ch: char) -> Key {
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

/// A binding labelled in the audit's words.
macro_rules! audit_bind {
    ($scope:expr, [$($key:expr),+], $shown:expr, $action:expr, $label:ident, $hint:expr) => {
        Binding { scope: $scope, keys: &[$($key),+], shown: $shown, action: $action, label: |t| crate::i18n::audit::for_tui(t).$label, hint: $hint }
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
            bind!($scope, [c('M')], "M", Action::Merge, key_merge),
            bind!(
                $scope,
                [c('F')],
                "F",
                Action::ScheduleFollowup,
                key_schedule
            ),
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
            bind!(
                $scope,
                [ctrl('u')],
                "Ctrl-U",
                Action::KillLine,
                key_kill_line
            ),
            bind!(
                $scope,
                [ctrl('w')],
                "Ctrl-W",
                Action::KillWord,
                key_kill_word
            ),
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
    audit_bind!(
        Global,
        [c('3')],
        "3",
        Action::ShowDashboard,
        key_dashboard,
        false
    ),
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
    bind!(Today, [c('y')], "y", Action::Copy, key_copy_due),
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
    // Before the global Esc: the board's own state (marks, a filter) goes first.
    bind!(Board, [k(Esc)], "Esc", Action::Clear, key_clear_board),
];

const CARD: &[Binding] = &[
    bind!(Card, [k(Up), c('k')], "↑/k", Action::Up, key_move),
    bind!(Card, [k(Down), c('j')], "↓/j", Action::Down, key_move),
    bind!(Card, [k(PageUp)], "PgUp", Action::PageUp, key_page),
    bind!(Card, [k(PageDown)], "PgDn", Action::PageDown, key_page),
    bind!(Card, [k(Home)], "Home", Action::Top, key_ends),
    bind!(Card, [k(End)], "End", Action::Bottom, key_ends),
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
    bind!(
        Search,
        [ctrl('o')],
        "Ctrl-O",
        Action::ToggleClosed,
        key_archived
    ),
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
    bind!(
        Results,
        [ctrl('o')],
        "Ctrl-O",
        Action::ToggleClosed,
        key_archived
    ),
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
    // Ctrl-S too: it saves every form, and a rep's fingers do not tell a prompt apart.
    bind!(
        Prompt,
        [k(Enter), ctrl('s')],
        "Enter/Ctrl-S",
        Action::Save,
        key_confirm,
        hint
    ),
    bind!(Prompt, [k(Esc)], "Esc", Action::Back, key_cancel, hint),
    // The done note takes several lines, as the log form's does (one-line answers ignore it).
    bind!(
        Prompt,
        [alt(Enter), ctrl('j')],
        "Alt-Enter/Ctrl-J",
        Action::Newline,
        key_newline
    ),
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

/// One entry is taken (a template): nothing to check.
const CHOICE: &[Binding] = &[
    bind!(Choice, [k(Up)], "↑", Action::Up, key_move),
    bind!(Choice, [k(Down)], "↓", Action::Down, key_move),
    bind!(Choice, [k(Enter)], "Enter", Action::Save, key_confirm, hint),
    bind!(Choice, [k(Esc)], "Esc", Action::Back, key_cancel, hint),
    bind!(Choice, [k(Backspace)], "⌫", Action::Backspace, key_erase),
];

const GRADE: &[Binding] = &[
    bind!(
        GradePicker,
        [c('A'), c('a')],
        "A",
        Action::GradeA,
        key_grade_a,
        hint
    ),
    bind!(
        GradePicker,
        [c('B'), c('b')],
        "B",
        Action::GradeB,
        key_grade_b,
        hint
    ),
    bind!(
        GradePicker,
        [c('C'), c('c')],
        "C",
        Action::GradeC,
        key_grade_c,
        hint
    ),
    bind!(
        GradePicker,
        [c('D'), c('d')],
        "D",
        Action::GradeD,
        key_grade_d,
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

const DASHBOARD: &[Binding] = &[
    audit_bind!(
        Dashboard,
        [k(Enter)],
        "Enter",
        Action::Open,
        key_drill,
        true
    ),
    audit_bind!(
        Dashboard,
        [k(Tab)],
        "Tab",
        Action::SwitchFocus,
        key_scope,
        true
    ),
];

const DRILL: &[Binding] = &[audit_bind!(
    Drill,
    [k(Enter)],
    "Enter",
    Action::Open,
    key_open_contact,
    true
)];

const DASHBOARD_MOVES: [Binding; 6] = list_moves!(Dashboard);
const DRILL_MOVES: [Binding; 6] = list_moves!(Drill);
const TODAY_MOVES: [Binding; 6] = list_moves!(Today);
const BOARD_MOVES: [Binding; 6] = list_moves!(Board);
const RESULTS_MOVES: [Binding; 6] = list_moves!(Results);
const TODAY_ACTIONS: [Binding; 12] = contact_actions!(Today);
const BOARD_ACTIONS: [Binding; 12] = contact_actions!(Board);
const CARD_ACTIONS: [Binding; 12] = contact_actions!(Card);
const RESULTS_ACTIONS: [Binding; 12] = contact_actions!(Results);
const SEARCH_EDIT: [Binding; 8] = editing!(Search);
const FORM_EDIT: [Binding; 8] = editing!(Form);
const PROMPT_EDIT: [Binding; 8] = editing!(Prompt);

/// Every table, in the order the help screen reads them.
pub(super) const TABLES: &[&[Binding]] = &[
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
    CHOICE,
    GRADE,
    CONFIRM,
    HELP,
    ENTRY,
    DASHBOARD,
    &DASHBOARD_MOVES,
    DRILL,
    &DRILL_MOVES,
];
