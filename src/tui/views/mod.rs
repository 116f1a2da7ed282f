//! One file per view. A view reads its state and draws; it changes the book only by asking
//! (an `Effect`). Adding a view touches its own file and the registry.

pub mod board;
mod board_column;
pub mod card;
pub mod confirm;
pub mod contact_form;
pub mod dashboard;
pub mod drill;
pub mod entry;
pub mod filter;
pub mod followup_form;
pub mod grade;
pub mod help;
pub mod log_form;
pub mod merge;
pub mod name;
pub mod outcome_forms;
mod picker;
pub mod prompt;
pub mod search;
mod sop_pane;
pub mod tags;
pub mod templates;
mod timeline;
pub mod today;
pub mod welcome;

use super::view::View;
use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::widgets::Clear;

/// The views a screen can rest on, in the order the app keeps them.
pub fn bases() -> Vec<Box<dyn View>> {
    vec![
        Box::new(welcome::WelcomeView),
        Box::new(today::TodayView::default()),
        Box::new(board::BoardView::default()),
        Box::new(dashboard::DashboardView::default()),
    ]
}

/// A rectangle of at most `w`×`h` centred in `area`.
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let [row] = Layout::vertical([Constraint::Length(h.min(area.height))])
        .flex(Flex::Center)
        .areas(area);
    let [cell] = Layout::horizontal([Constraint::Length(w.min(area.width))])
        .flex(Flex::Center)
        .areas(row);
    cell
}

/// Clears `area` for an overlay. A wide (CJK) character just left of it would spill its
/// right half into the overlay's border, so that character is blanked too.
pub fn clear_for_overlay(frame: &mut Frame, area: Rect) {
    frame.render_widget(Clear, area);
    if area.x == 0 {
        return;
    }
    let buf = frame.buffer_mut();
    for y in area.top()..area.bottom() {
        if let Some(cell) = buf.cell_mut((area.x - 1, y))
            && crate::domain::text::width(cell.symbol()) > 1
        {
            cell.set_symbol(" ");
        }
    }
}

/// First visible row so that `selected` stays in a window of `height` rows, moving the
/// window as little as possible from `top`, and never leaving rows below it blank while
/// `len` rows could fill them.
pub fn keep_in_view(selected: usize, top: usize, height: usize, len: usize) -> usize {
    if height == 0 {
        return selected;
    }
    let top = if selected < top {
        selected
    } else if selected >= top + height {
        selected + 1 - height
    } else {
        top
    };
    top.min(len.saturating_sub(height))
}

/// The row of `area` a click at screen row `row` fell on, if inside.
pub fn row_in(area: Rect, col: u16, row: u16) -> Option<usize> {
    (area.x..area.right()).contains(&col).then_some(()).and(
        (area.y..area.bottom())
            .contains(&row)
            .then(|| (row - area.y) as usize),
    )
}

/// `text` cut into lines of at most `cols` display columns, by grapheme (line breaks kept).
pub fn wrap(text: &str, cols: usize) -> Vec<String> {
    use unicode_segmentation::UnicodeSegmentation;
    let cols = cols.max(2);
    let mut out = Vec::new();
    for para in text.split('\n') {
        let mut line = String::new();
        let mut used = 0;
        for g in para.graphemes(true) {
            let w = crate::domain::text::width(g);
            if used + w > cols {
                out.push(std::mem::take(&mut line));
                used = 0;
            }
            line.push_str(g);
            used += w;
        }
        out.push(line);
    }
    out
}
