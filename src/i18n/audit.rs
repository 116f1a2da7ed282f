//! The audit's words: the read-only badge and refusal, the dashboard's headings, its keys
//! and its drill-down. The figures' own labels are the report's (`i18n::report`), so the
//! dashboard and `report` name every number alike.

use crate::config::Lang;
use crate::i18n::tui::TuiText;

pub struct AuditText {
    /// The badge every screen of an audit shows.
    pub badge: &'static str,
    /// The answer to a key that would change the book.
    pub refused: &'static str,
    pub loading: &'static str,
    /// A stage's stay, short enough for a dashboard row: `{0}` the median, `{1}` the P90,
    /// in days.
    pub stay_days: &'static str,
    /// A group's median days from first touch to win, short enough for a narrow list.
    pub days_to_win: &'static str,
    /// Shown beside figures being computed again (after a change): they are the last ones.
    pub refreshing: &'static str,
    pub title: &'static str,
    /// The same screen in the rep's own app: their own figures, to look back on.
    pub own_title: &'static str,
    /// Heading of the figures list; `{scope}` is the period or "all time".
    pub figures: &'static str,
    pub funnel_chart: &'static str,
    pub activity_chart: &'static str,
    pub no_activity: &'static str,
    /// The drill-down's title: `{figure}` and how many contacts.
    pub drill_title: &'static str,
    pub drill_empty: &'static str,
    /// A figure that counts no contacts has nothing to open.
    pub no_contacts: &'static str,
    /// A contact of the figure that is no longer in the book (merged away).
    pub gone: &'static str,
    pub load_failed: &'static str,
    // Help headings and key labels.
    pub scope_dashboard: &'static str,
    pub scope_drill: &'static str,
    pub key_dashboard: &'static str,
    pub key_drill: &'static str,
    pub key_scope: &'static str,
    pub key_open_contact: &'static str,
}

pub const ZH: AuditText = AuditText {
    badge: "只读",
    refused: "只读：审阅模式不能修改",
    loading: "正在计算数据…",
    stay_days: "停留天数：中位 {0} · P90 {1}",
    days_to_win: "成交用时（天，中位）",
    refreshing: "更新中…",
    title: "审阅",
    own_title: "复盘",
    figures: "数据 · {scope}",
    funnel_chart: "进入各阶段",
    activity_chart: "每日跟进",
    no_activity: "期间内没有跟进",
    drill_title: "{figure} · {n} 位客户",
    drill_empty: "这个数字背后没有客户",
    no_contacts: "这一项没有对应的客户",
    gone: "（已不在手册中）",
    load_failed: "数据没有算出来：",
    scope_dashboard: "数据看板",
    scope_drill: "数字背后的客户",
    key_dashboard: "数据看板",
    key_drill: "查看这个数字的客户",
    key_scope: "统计期间 / 全部时间",
    key_open_contact: "打开客户",
};

pub const EN: AuditText = AuditText {
    badge: "read-only",
    refused: "Read-only: an audit cannot change the book",
    loading: "loading…",
    stay_days: "days in stage: median {0} · P90 {1}",
    days_to_win: "days to win (median)",
    refreshing: "updating…",
    title: "Audit",
    own_title: "Review",
    figures: "Figures · {scope}",
    funnel_chart: "Entered each stage",
    activity_chart: "Touches per day",
    no_activity: "No touches in the period",
    drill_title: "{figure} · {n} contacts",
    drill_empty: "No contact is behind this figure",
    no_contacts: "This figure counts no contacts",
    gone: "(no longer in the book)",
    load_failed: "The figures could not be computed:",
    scope_dashboard: "Figures dashboard",
    scope_drill: "Contacts behind a figure",
    key_dashboard: "figures dashboard",
    key_drill: "contacts behind the figure",
    key_scope: "period / all time",
    key_open_contact: "open contact",
};

pub fn audit_text(lang: Lang) -> &'static AuditText {
    match lang {
        Lang::Zh => &ZH,
        Lang::En => &EN,
    }
}

/// The audit's words in the language `t` speaks (key labels are read through the app's
/// text, which does not carry its language).
pub fn for_tui(t: &TuiText) -> &'static AuditText {
    if t.scope_global == crate::i18n::tui::EN.scope_global {
        &EN
    } else {
        &ZH
    }
}
