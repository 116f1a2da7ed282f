//! One file per view. Views read state and draw; they never change anything.

pub mod add_form;
pub mod board;
pub mod card;
pub mod help;
pub mod prompt;
pub mod search;
pub mod sop_pane;
pub mod today;
pub mod welcome;

use crate::config::Lang;
use crate::i18n::Strings;
use chrono::{DateTime, FixedOffset, Utc};
use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::widgets::Clear;

/// What every view needs besides its own state.
pub struct ViewCtx {
    pub s: &'static Strings,
    pub lang: Lang,
    /// The offset times are shown in (the clock's).
    pub offset: FixedOffset,
}

impl ViewCtx {
    pub fn local(&self, t: DateTime<Utc>) -> DateTime<FixedOffset> {
        t.with_timezone(&self.offset)
    }
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

/// First visible row so that `selected` stays in a window of `height` rows.
pub fn scroll_offset(selected: usize, height: usize) -> usize {
    if height == 0 {
        0
    } else {
        selected.saturating_sub(height - 1)
    }
}
