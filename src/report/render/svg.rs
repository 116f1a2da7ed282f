//! Bar charts as inline SVG. Every bar is a `<rect class="bar sN">` (N: the series) with a
//! `<title>` giving its label and value, so a chart reads without a script.

use super::doc::{Chart, ChartKind};
use super::html::escape;

const LABEL_W: f64 = 150.0;
const PLOT_W: f64 = 460.0;
const ROW_H: f64 = 26.0;
const COL_H: f64 = 160.0;
const LEGEND_H: f64 = 22.0;

pub(crate) fn chart(c: &Chart) -> String {
    let svg = match c.kind {
        ChartKind::Bars => bars(c),
        ChartKind::Columns => columns(c),
    };
    format!(
        "<figure class=\"chart\">\n<figcaption>{}</figcaption>\n{svg}</figure>\n",
        escape(&c.title)
    )
}

fn max_value(c: &Chart) -> u64 {
    c.groups
        .iter()
        .flat_map(|(_, v)| v.iter().copied())
        .max()
        .unwrap_or(0)
        .max(1)
}

fn open(c: &Chart, w: f64, h: f64) -> String {
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" data-chart=\"{}\" role=\"img\" \
         aria-label=\"{}\" width=\"{w:.0}\" height=\"{h:.0}\" viewBox=\"0 0 {w:.0} {h:.0}\">\n",
        escape(c.key),
        escape(&c.title)
    )
}

fn legend(c: &Chart) -> String {
    let mut out = String::new();
    for (k, name) in c.series.iter().enumerate() {
        let x = 4.0 + k as f64 * 130.0;
        out.push_str(&format!(
            "<rect class=\"swatch s{k}\" x=\"{x:.0}\" y=\"4\" width=\"12\" height=\"12\"/>\
             <text x=\"{:.0}\" y=\"14\">{}</text>\n",
            x + 16.0,
            escape(name)
        ));
    }
    out
}

fn bar(series: usize, x: f64, y: f64, w: f64, h: f64, tip: &str) -> String {
    format!(
        "<rect class=\"bar s{series}\" x=\"{x:.1}\" y=\"{y:.1}\" width=\"{w:.1}\" height=\"{h:.1}\">\
         <title>{}</title></rect>\n",
        escape(tip)
    )
}

/// Horizontal bars: one row per label, one bar per series stacked in the row's height.
fn bars(c: &Chart) -> String {
    let max = max_value(c) as f64;
    let n = c.series.len().max(1) as f64;
    let h = LEGEND_H + c.groups.len() as f64 * ROW_H + 4.0;
    let mut out = open(c, LABEL_W + PLOT_W + 60.0, h);
    out.push_str(&legend(c));
    for (row, (label, values)) in c.groups.iter().enumerate() {
        let y = LEGEND_H + row as f64 * ROW_H;
        out.push_str(&format!(
            "<text x=\"{:.0}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>\n",
            LABEL_W - 6.0,
            y + ROW_H / 2.0 + 4.0,
            escape(label)
        ));
        let bar_h = (ROW_H - 6.0) / n;
        for (k, v) in values.iter().enumerate() {
            let w = *v as f64 / max * PLOT_W;
            let by = y + 3.0 + k as f64 * bar_h;
            let tip = format!("{label} · {}: {v}", c.series.get(k).map_or("", |s| s));
            out.push_str(&bar(k, LABEL_W, by, w, bar_h, &tip));
            out.push_str(&format!(
                "<text x=\"{:.1}\" y=\"{:.1}\">{v}</text>\n",
                LABEL_W + w + 4.0,
                by + bar_h - 2.0
            ));
        }
    }
    out.push_str("</svg>\n");
    out
}

/// Vertical bars grouped per label (a day): one bar per series side by side.
fn columns(c: &Chart) -> String {
    let max = max_value(c) as f64;
    let n = c.series.len().max(1);
    // Wide bars for a short period, thin ones (never under 3 px) for a long one.
    let bar_w = (PLOT_W / (c.groups.len().max(1) * n) as f64).clamp(3.0, 12.0);
    let group_w = bar_w * n as f64 + 4.0;
    let left = 36.0;
    let w = (left + c.groups.len() as f64 * group_w + 10.0).max(320.0);
    let base = LEGEND_H + 10.0 + COL_H;
    let mut out = open(c, w, base + 30.0);
    out.push_str(&legend(c));
    out.push_str(&format!(
        "<line class=\"axis\" x1=\"{left:.0}\" y1=\"{base:.1}\" x2=\"{:.0}\" y2=\"{base:.1}\"/>\n\
         <text x=\"{:.0}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>\n",
        w - 4.0,
        left - 4.0,
        LEGEND_H + 18.0,
        max as u64
    ));
    // Label the first day, then every seventh, so the axis stays readable.
    for (g, (label, values)) in c.groups.iter().enumerate() {
        let x = left + g as f64 * group_w;
        for (k, v) in values.iter().enumerate() {
            let h = *v as f64 / max * COL_H;
            let tip = format!("{label} · {}: {v}", c.series.get(k).map_or("", |s| s));
            out.push_str(&bar(k, x + k as f64 * bar_w, base - h, bar_w, h, &tip));
        }
        if g % 7 == 0 {
            out.push_str(&format!(
                "<text x=\"{x:.1}\" y=\"{:.1}\">{}</text>\n",
                base + 14.0,
                escape(label.get(5..).unwrap_or(label))
            ));
        }
    }
    out.push_str("</svg>\n");
    out
}
