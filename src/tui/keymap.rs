//! The key map as data: the same table drives input handling and the help screen.

use crate::i18n::Strings;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// What a key asks the app to do.
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
    // In a form.
    NextField,
    PrevField,
    Save,
    Type(char),
    Backspace,
    Delete,
    CaretLeft,
    CaretRight,
    CaretHome,
    CaretEnd,
}

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Everywhere except in forms (where keys type text).
    Global,
    Welcome,
    Board,
    Card,
    Form,
    /// The search overlay: keys type into the query.
    Search,
    Today,
    /// A one-line question (note, time, reason): keys type.
    Prompt,
}

pub struct Binding {
    pub scope: Scope,
    pub keys: &'static [KeyCode],
    /// How the help screen spells the keys.
    pub shown: &'static str,
    pub action: Action,
    pub label: fn(&Strings) -> &'static str,
}

use KeyCode::{
    BackTab, Backspace, Char, Delete, Down, End, Enter, Esc, Home, Left, Right, Tab, Up,
};

#[rustfmt::skip]
pub const BINDINGS: &[Binding] = &[
    Binding { scope: Scope::Global, keys: &[Char('q')], shown: "q", action: Action::Quit, label: |s| s.key_quit },
    // Full-width ？ too: a Chinese IME left on must not make help unreachable.
    Binding { scope: Scope::Global, keys: &[Char('?'), Char('？')], shown: "?", action: Action::Help, label: |s| s.key_help },
    Binding { scope: Scope::Global, keys: &[Esc], shown: "Esc", action: Action::Back, label: |s| s.key_back },
    // Full-width ／ too, for the same reason as ？.
    Binding { scope: Scope::Global, keys: &[Char('/'), Char('／')], shown: "/", action: Action::OpenSearch, label: |s| s.key_search },
    Binding { scope: Scope::Global, keys: &[Char('t'), Char('1')], shown: "t/1", action: Action::ShowToday, label: |s| s.key_today },
    Binding { scope: Scope::Global, keys: &[Char('p'), Char('2')], shown: "p/2", action: Action::ShowBoard, label: |s| s.key_board },
    Binding { scope: Scope::Welcome, keys: &[Char('d')], shown: "d", action: Action::LoadDemo, label: |s| s.welcome_demo },
    Binding { scope: Scope::Today, keys: &[Up, Char('k')], shown: "↑/k", action: Action::Up, label: |s| s.key_move },
    Binding { scope: Scope::Today, keys: &[Down, Char('j')], shown: "↓/j", action: Action::Down, label: |s| s.key_move },
    Binding { scope: Scope::Today, keys: &[Enter], shown: "Enter", action: Action::Open, label: |s| s.key_open },
    Binding { scope: Scope::Today, keys: &[Char('d')], shown: "d", action: Action::FollowupDone, label: |s| s.key_done },
    Binding { scope: Scope::Today, keys: &[Char('s')], shown: "s", action: Action::FollowupSnooze, label: |s| s.key_snooze },
    Binding { scope: Scope::Today, keys: &[Char('x')], shown: "x", action: Action::FollowupSkip, label: |s| s.key_skip },
    Binding { scope: Scope::Today, keys: &[Char('a')], shown: "a", action: Action::NewContact, label: |s| s.key_add },
    Binding { scope: Scope::Welcome, keys: &[Char('a')], shown: "a", action: Action::NewContact, label: |s| s.welcome_add },
    Binding { scope: Scope::Board, keys: &[Left, Char('h')], shown: "←/h", action: Action::Left, label: |s| s.key_move },
    Binding { scope: Scope::Board, keys: &[Right, Char('l')], shown: "→/l", action: Action::Right, label: |s| s.key_move },
    Binding { scope: Scope::Board, keys: &[Up, Char('k')], shown: "↑/k", action: Action::Up, label: |s| s.key_move },
    Binding { scope: Scope::Board, keys: &[Down, Char('j')], shown: "↓/j", action: Action::Down, label: |s| s.key_move },
    Binding { scope: Scope::Board, keys: &[Home, Char('g')], shown: "g", action: Action::Top, label: |s| s.key_move },
    Binding { scope: Scope::Board, keys: &[End, Char('G')], shown: "G", action: Action::Bottom, label: |s| s.key_move },
    Binding { scope: Scope::Board, keys: &[Enter], shown: "Enter", action: Action::Open, label: |s| s.key_open },
    Binding { scope: Scope::Board, keys: &[Char('>'), Char('》')], shown: ">", action: Action::StageForward, label: |s| s.key_stage_fwd },
    Binding { scope: Scope::Board, keys: &[Char('<'), Char('《')], shown: "<", action: Action::StageBack, label: |s| s.key_stage_back },
    Binding { scope: Scope::Board, keys: &[Char('a')], shown: "a", action: Action::NewContact, label: |s| s.key_add },
    Binding { scope: Scope::Card, keys: &[Char('y')], shown: "y", action: Action::Copy, label: |s| s.key_copy },
    Binding { scope: Scope::Card, keys: &[Tab], shown: "Tab", action: Action::SwitchFocus, label: |s| s.key_focus },
    Binding { scope: Scope::Card, keys: &[Up, Char('k')], shown: "↑/k", action: Action::Up, label: |s| s.key_scroll },
    Binding { scope: Scope::Card, keys: &[Down, Char('j')], shown: "↓/j", action: Action::Down, label: |s| s.key_scroll },
    Binding { scope: Scope::Card, keys: &[Char('>'), Char('》')], shown: ">", action: Action::StageForward, label: |s| s.key_stage_fwd },
    Binding { scope: Scope::Card, keys: &[Char('<'), Char('《')], shown: "<", action: Action::StageBack, label: |s| s.key_stage_back },
    Binding { scope: Scope::Form, keys: &[Tab, Down], shown: "Tab/↓", action: Action::NextField, label: |s| s.key_next_field },
    Binding { scope: Scope::Form, keys: &[BackTab, Up], shown: "S-Tab/↑", action: Action::PrevField, label: |s| s.key_next_field },
    Binding { scope: Scope::Form, keys: &[Enter], shown: "Enter", action: Action::Save, label: |s| s.key_save },
    Binding { scope: Scope::Form, keys: &[Esc], shown: "Esc", action: Action::Back, label: |s| s.key_back },
    Binding { scope: Scope::Form, keys: &[Backspace], shown: "⌫", action: Action::Backspace, label: |_| "" },
    Binding { scope: Scope::Form, keys: &[Delete], shown: "Del", action: Action::Delete, label: |_| "" },
    Binding { scope: Scope::Form, keys: &[Left], shown: "←", action: Action::CaretLeft, label: |_| "" },
    Binding { scope: Scope::Form, keys: &[Right], shown: "→", action: Action::CaretRight, label: |_| "" },
    Binding { scope: Scope::Form, keys: &[Home], shown: "Home", action: Action::CaretHome, label: |_| "" },
    Binding { scope: Scope::Form, keys: &[End], shown: "End", action: Action::CaretEnd, label: |_| "" },
    Binding { scope: Scope::Search, keys: &[Up], shown: "↑", action: Action::Up, label: |s| s.key_move },
    Binding { scope: Scope::Search, keys: &[Down], shown: "↓", action: Action::Down, label: |s| s.key_move },
    Binding { scope: Scope::Search, keys: &[Enter], shown: "Enter", action: Action::Open, label: |s| s.key_open },
    Binding { scope: Scope::Search, keys: &[Esc], shown: "Esc", action: Action::Back, label: |s| s.key_back },
    Binding { scope: Scope::Search, keys: &[Backspace], shown: "⌫", action: Action::Backspace, label: |_| "" },
    Binding { scope: Scope::Search, keys: &[Delete], shown: "Del", action: Action::Delete, label: |_| "" },
    Binding { scope: Scope::Search, keys: &[Left], shown: "←", action: Action::CaretLeft, label: |_| "" },
    Binding { scope: Scope::Search, keys: &[Right], shown: "→", action: Action::CaretRight, label: |_| "" },
    Binding { scope: Scope::Search, keys: &[Home], shown: "Home", action: Action::CaretHome, label: |_| "" },
    Binding { scope: Scope::Search, keys: &[End], shown: "End", action: Action::CaretEnd, label: |_| "" },
    Binding { scope: Scope::Prompt, keys: &[Enter], shown: "Enter", action: Action::Save, label: |s| s.key_save },
    Binding { scope: Scope::Prompt, keys: &[Esc], shown: "Esc", action: Action::Back, label: |s| s.key_back },
    Binding { scope: Scope::Prompt, keys: &[Backspace], shown: "⌫", action: Action::Backspace, label: |_| "" },
    Binding { scope: Scope::Prompt, keys: &[Left], shown: "←", action: Action::CaretLeft, label: |_| "" },
    Binding { scope: Scope::Prompt, keys: &[Right], shown: "→", action: Action::CaretRight, label: |_| "" },
];

/// The action for `key` in `scope`: the scope's own bindings first, then the global ones
/// (except in forms, where every printable key types).
pub fn lookup(scope: Scope, key: KeyEvent) -> Action {
    if key.modifiers.contains(KeyModifiers::CONTROL) {
        return match key.code {
            Char('c') => Action::Quit,
            _ => Action::None,
        };
    }
    let find = |sc: Scope| {
        BINDINGS
            .iter()
            .find(|b| b.scope == sc && b.keys.contains(&key.code))
            .map(|b| b.action)
    };
    if let Some(a) = find(scope) {
        return a;
    }
    if matches!(scope, Scope::Form | Scope::Search | Scope::Prompt) {
        return match key.code {
            Char(c) => Action::Type(c),
            _ => Action::None,
        };
    }
    find(Scope::Global).unwrap_or(Action::None)
}

/// The help lines for a scope: (keys, what they do). Bindings without a label (plain
/// editing keys) are left out; bindings sharing a label (the four arrows) share a line.
pub fn help_rows(scope: Scope, s: &Strings) -> Vec<(String, &'static str)> {
    let mut rows: Vec<(String, &'static str)> = Vec::new();
    for b in BINDINGS.iter().filter(|b| b.scope == scope) {
        let label = (b.label)(s);
        if label.is_empty() {
            continue;
        }
        match rows.iter_mut().find(|(_, l)| *l == label) {
            Some((keys, _)) => keys.push_str(&format!(" {}", b.shown)),
            None => rows.push((b.shown.to_string(), label)),
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    fn k(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn scope_first_then_global() {
        assert_eq!(lookup(Scope::Board, k(Char('j'))), Action::Down);
        assert_eq!(lookup(Scope::Board, k(Char('q'))), Action::Quit);
        assert_eq!(lookup(Scope::Card, k(Char('？'))), Action::Help);
        assert_eq!(lookup(Scope::Welcome, k(Char('d'))), Action::LoadDemo);
        assert_eq!(lookup(Scope::Board, k(Char('／'))), Action::OpenSearch);
        assert_eq!(lookup(Scope::Search, k(Char('q'))), Action::Type('q'));
        assert_eq!(lookup(Scope::Search, k(Char('/'))), Action::Type('/'));
    }

    #[test]
    fn forms_type_letters_that_are_commands_elsewhere() {
        assert_eq!(lookup(Scope::Form, k(Char('q'))), Action::Type('q'));
        assert_eq!(lookup(Scope::Form, k(Char('张'))), Action::Type('张'));
        assert_eq!(lookup(Scope::Form, k(Esc)), Action::Back);
        let ctrl_c = KeyEvent::new(Char('c'), KeyModifiers::CONTROL);
        assert_eq!(lookup(Scope::Form, ctrl_c), Action::Quit);
    }
}
