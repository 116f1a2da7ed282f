//! Drawing the dashboard: the head (who, which template, the period, the log check), the
//! funnel as horizontal bars, activity per day as a sparkline, and the figures list.

use super::DashboardView;
use super::rows::Row;
use crate::domain::text::{display_safe, pad, truncate, width};
use crate::i18n::audit::audit_text;
use crate::i18n::report::report_strings;
use crate::i18n::stage_name;
use crate::report::Figures;
use crate::report::render::{fmt, head_lines};
use crate::tui::theme;
use crate::tui::view::Cx;
use crate::tui::views::keep_in_view;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, Block, BorderType, Paragraph, Sparkline};

/// Columns of the charts' side.
const CHARTS_WIDTH: u16 = 34;
const NARROW_CHARTS_WIDTH: u16 = 24;

/// "统计期间" or "全部时间": the scope the flow figures are of.
pub fn scope_word(all_time: bool, cx: &Cx) -> &'static str {
    let s = report_strings(cx.lang);
    if all_time {
        s.scope_all
    } else {
        s.scope_period
    }
}

pub fn draw(st: &DashboardView, frame: &mut Frame, area: Rect, cx: &Cx) {
    let [head, body] = Layout::vertical([Constraint::Length(2), Constraint::Min(1)]).areas(area);
    draw_head(
        st.figures.as_deref(),
        st.all_time,
        st.loading(),
        frame,
        head,
        cx,
    );
    // On a narrow screen the charts give up columns to the figures' notes (rates, stays),
    // which say what the bars cannot.
    let charts_w = if body.width < 100 {
        NARROW_CHARTS_WIDTH
    } else {
        CHARTS_WIDTH
    }
    .min(body.width / 2);
    let [charts, list] =
        Layout::horizontal([Constraint::Length(charts_w), Constraint::Min(1)]).areas(body);
    draw_charts(st, frame, charts, cx);
    draw_list(st, frame, list, cx);
}

fn block(title: &str) -> Block<'_> {
    Block::bordered()
        .border_type(BorderType::Rounded)
        .title(Span::styled(format!(" {title} "), theme::title()))
}

/// Who and what is audited, and the scope of the figures shown (the period, or all time);
/// then what `verify` found: a broken log in red, first thing.
/// `refreshing`: the figures shown are the last ones, new ones on their way.
fn draw_head(
    f: Option<&Figures>,
    all_time: bool,
    refreshing: bool,
    frame: &mut Frame,
    area: Rect,
    cx: &Cx,
) {
    let a = audit_text(cx.lang);
    let title = if cx.read_only { a.title } else { a.own_title };
    let [first, second] =
        Layout::vertical([Constraint::Length(1), Constraint::Length(1)]).areas(area);
    let Some(f) = f else {
        let line = format!(" {title} · {}", cx.info.file);
        frame.render_widget(Paragraph::new(Span::styled(line, theme::title())), first);
        frame.render_widget(
            Paragraph::new(Span::styled(format!(" {}", a.loading), theme::dim())),
            second,
        );
        return;
    };
    let (period, verify) = head_lines(f, cx.lang);
    let s = report_strings(cx.lang);
    let scope = if all_time {
        scope_word(true, cx).to_string()
    } else {
        format!("{} {}", s.period, period)
    };
    let mut who = format!(
        " {title} · {} · {} · {scope}",
        f.book.owner, f.book.template.name
    );
    if refreshing {
        // First on the line: the figures below are not the book's latest yet.
        who = format!(" {} ·{who}", a.refreshing);
    }
    let w = area.width as usize;
    let safe = |t: &str| truncate(&display_safe(t, false), w);
    frame.render_widget(
        Paragraph::new(Span::styled(safe(&who), theme::title())),
        first,
    );
    let style = if f.book.verify.broken.is_some() {
        theme::error()
    } else {
        Style::new().fg(Color::Green)
    };
    let colon = crate::i18n::colon(cx.lang);
    let verify = format!(" {}{colon}{verify}", s.verify);
    frame.render_widget(Paragraph::new(Span::styled(safe(&verify), style)), second);
}

/// Entries per stage as bars, touches per day as a sparkline.
fn draw_charts(st: &DashboardView, frame: &mut Frame, area: Rect, cx: &Cx) {
    let a = audit_text(cx.lang);
    let [bars, spark] = Layout::vertical([Constraint::Length(11), Constraint::Min(3)]).areas(area);
    let scope = scope_word(st.all_time, cx);
    let bars_block = block(a.funnel_chart).title_bottom(Span::styled(scope, theme::dim()));
    let spark_block = block(a.activity_chart);
    let Some(f) = st.figures.as_deref() else {
        frame.render_widget(bars_block, bars);
        frame.render_widget(spark_block, spark);
        return;
    };
    let w = if st.all_time { &f.all_time } else { &f.period };
    let data: Vec<Bar> = w
        .funnel
        .stages
        .iter()
        .map(|s| {
            Bar::with_label(stage_name(cx.lang, s.stage), s.entered.count as u64)
                .text_value(s.entered.count.to_string())
        })
        .collect();
    let chart = BarChart::horizontal(data)
        .block(bars_block)
        .bar_width(1)
        .bar_gap(1)
        .bar_style(Style::new().fg(Color::Cyan))
        .value_style(Style::new().fg(Color::Black).bg(Color::Cyan));
    frame.render_widget(chart, bars);

    let touches: Vec<u64> = f.activity.iter().map(|d| d.touches as u64).collect();
    let total: u64 = touches.iter().sum();
    let inner = spark_block.inner(spark);
    frame.render_widget(spark_block, spark);
    if total == 0 {
        frame.render_widget(
            Paragraph::new(Span::styled(a.no_activity, theme::dim())),
            inner,
        );
        return;
    }
    let [line, caption] =
        Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(inner);
    // The newest days when the period has more days than the chart has columns.
    let shown = &touches[touches.len().saturating_sub(line.width as usize)..];
    frame.render_widget(
        Sparkline::default()
            .data(shown)
            .style(Style::new().fg(Color::Green)),
        line,
    );
    let first = f
        .activity
        .first()
        .map(|d| d.day.format("%m-%d").to_string());
    let last = f.activity.last().map(|d| d.day.format("%m-%d").to_string());
    let s = report_strings(cx.lang);
    let text = format!(
        "{}–{} · {} {total}",
        first.unwrap_or_default(),
        last.unwrap_or_default(),
        s.touches
    );
    frame.render_widget(
        Paragraph::new(Span::styled(
            truncate(&text, caption.width as usize),
            theme::dim(),
        )),
        caption,
    );
}

fn draw_list(st: &DashboardView, frame: &mut Frame, area: Rect, cx: &Cx) {
    let a = audit_text(cx.lang);
    let title = fmt::fill(a.figures, &[("scope", scope_word(st.all_time, cx))]);
    let list_block = block(&title).border_style(theme::focused_border());
    let inner = list_block.inner(area);
    frame.render_widget(list_block, area);
    let rows = match st.figures.as_deref() {
        Some(f) => super::rows::rows(f, st.all_time, cx.lang),
        None => {
            let (text, style) = match &st.error {
                Some(e) => (format!("{} {e}", a.load_failed), theme::error()),
                None => (a.loading.to_string(), theme::dim()),
            };
            frame.render_widget(Paragraph::new(Span::styled(text, style)), inner);
            return;
        }
    };
    let height = inner.height as usize;
    st.height.set(height);
    let top = keep_in_view(st.selected, st.top.get(), height, rows.len());
    st.top.set(top);
    let w = inner.width as usize;
    let label_w = rows
        .iter()
        .filter(|r| !r.heading)
        .map(|r| width(&r.label))
        .max()
        .unwrap_or(0)
        .min(w * 2 / 5);
    let value_w = rows.iter().map(|r| width(&r.value)).max().unwrap_or(0);
    let lines: Vec<Line> = rows
        .iter()
        .enumerate()
        .skip(top)
        .take(height)
        .map(|(i, r)| line(r, i == st.selected, (label_w, value_w), w))
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

/// One row: label, value right-aligned, note dimmed; the selected one highlighted.
fn line(r: &Row, selected: bool, (label_w, value_w): (usize, usize), w: usize) -> Line<'static> {
    let safe = |t: &str| display_safe(t, false).into_owned();
    if r.heading {
        return Line::styled(truncate(&safe(&r.label), w), theme::title());
    }
    let label = pad(&truncate(&safe(&r.label), label_w), label_w);
    let value = format!("{:>value_w$}", r.value);
    let used = label_w + 1 + width(&value) + 2;
    let note = truncate(&safe(&r.note), w.saturating_sub(used));
    let base = if selected {
        theme::selected()
    } else {
        Style::new()
    };
    let marker = if r.ids.is_empty() { " " } else { "›" };
    Line::from(vec![
        Span::styled(format!("{label} "), base),
        Span::styled(value, base),
        Span::styled(format!("{marker} "), base.patch(theme::dim())),
        Span::styled(note, base.patch(theme::dim())),
    ])
}
