//! Every user-facing label of the app, in one place: Simplified Chinese by default,
//! English by config (`[ui] lang = "en"`). Stage and grade names come from `domain`.

pub mod audit;
pub mod cli;
pub mod errors;
pub mod exchange;
mod field_errors;
pub mod help;
mod open_errors;
mod setup_errors;
pub mod sop;
pub mod sop_check;
mod sop_words;
mod toml_words;
pub mod tui;
pub mod tui_words;
mod verify_words;

use crate::config::Lang;
use crate::domain::Stage;

pub mod names;
pub mod report;
pub mod search;
pub mod usage;

pub struct Strings {
    pub app_title: &'static str,
    // Column headers of tables.
    pub col_id: &'static str,
    pub col_name: &'static str,
    pub col_stage: &'static str,
    pub col_grade: &'static str,
    pub col_outcome: &'static str,
    pub col_source: &'static str,
    pub col_need: &'static str,
    pub col_budget: &'static str,
    pub col_tags: &'static str,
    pub col_updated: &'static str,
    pub col_time: &'static str,
    pub col_kind: &'static str,
    pub col_detail: &'static str,
    pub col_matched: &'static str,
    // Contact card labels.
    pub honorific: &'static str,
    pub phone: &'static str,
    pub wechat: &'static str,
    pub company: &'static str,
    pub notes: &'static str,
    pub email: &'static str,
    pub birthday: &'static str,
    pub anniversary: &'static str,
    pub merged_into: &'static str,
    pub owner: &'static str,
    /// The owner of contacts added before the rep gave a name.
    pub owner_me: &'static str,
    pub created: &'static str,
    pub last_touch: &'static str,
    pub lost_reason: &'static str,
    pub archived: &'static str,
    pub timeline: &'static str,
    pub never: &'static str,
    // Screens.
    pub pipeline: &'static str,
    pub contact_card: &'static str,
    pub welcome_title: &'static str,
    pub welcome_body: &'static str,
    pub welcome_demo: &'static str,
    pub welcome_add: &'static str,
    pub welcome_quit: &'static str,
    pub empty_stage: &'static str,
    pub too_small: &'static str,
    pub days_short: &'static str,
    pub help_title: &'static str,
    pub add_title: &'static str,
    pub add_hint: &'static str,
    pub demo_loaded: &'static str,
    pub added: &'static str,
    pub moved: &'static str,
    pub name_required: &'static str,
    pub read_only: &'static str,
    // Key help.
    pub key_move: &'static str,
    pub key_open: &'static str,
    pub key_back: &'static str,
    pub key_quit: &'static str,
    pub key_add: &'static str,
    pub key_stage_fwd: &'static str,
    pub key_stage_back: &'static str,
    pub key_help: &'static str,
    pub key_scroll: &'static str,
    pub key_next_field: &'static str,
    pub key_save: &'static str,
    pub key_copy: &'static str,
    pub key_focus: &'static str,
    // SOP pane.
    pub sop_pane: &'static str,
    pub goal: &'static str,
    pub scripts: &'static str,
    pub customer_says: &'static str,
    pub copied: &'static str,
    pub copied_nowhere: &'static str,
    pub logged_script: &'static str,
    // Search.
    pub key_search: &'static str,
    pub search_title: &'static str,
    pub search_hint: &'static str,
    pub searching: &'static str,
    // Today.
    pub today: &'static str,
    pub waiting: &'static str,
    pub overdue_by: &'static str,
    pub minutes_short: &'static str,
    pub hours_short: &'static str,
    pub nothing_due: &'static str,
    pub prompt_done: &'static str,
    pub prompt_snooze: &'static str,
    pub prompt_skip: &'static str,
    pub add_hint_short: &'static str,
    pub key_today: &'static str,
    pub key_board: &'static str,
    pub key_done: &'static str,
    pub key_snooze: &'static str,
    pub key_skip: &'static str,
    pub done_msg: &'static str,
    pub snoozed_msg: &'static str,
    pub skipped_msg: &'static str,
    pub next_due: &'static str,
    pub nothing_scheduled: &'static str,
    pub lifecycle: &'static str,
    pub next_followup: &'static str,
    /// After a next follow-up that comes only if the contact stays quiet until then.
    pub if_still_quiet: &'static str,
}

pub const ZH: Strings = Strings {
    app_title: "salesbook 销售手册",
    col_id: "编号",
    col_name: "姓名",
    col_stage: "阶段",
    col_grade: "等级",
    col_outcome: "状态",
    col_source: "来源",
    col_need: "需求",
    col_budget: "预算",
    col_tags: "标签",
    col_updated: "更新",
    col_time: "时间",
    col_kind: "类型",
    col_detail: "内容",
    col_matched: "匹配",
    honorific: "称呼",
    phone: "电话",
    wechat: "微信",
    company: "公司",
    notes: "备注",
    email: "邮箱",
    birthday: "生日",
    anniversary: "纪念日",
    merged_into: "已合并到",
    owner: "负责人",
    owner_me: "我（还没有设置姓名）",
    created: "创建",
    last_touch: "最近跟进",
    lost_reason: "流失原因",
    archived: "已归档",
    timeline: "跟进记录",
    never: "从未",
    pipeline: "管道",
    contact_card: "客户卡片",
    welcome_title: "欢迎使用 salesbook",
    welcome_body: "这本手册还是空的。先载入示例数据看看效果，或者直接录入第一位客户。",
    welcome_demo: "载入示例客户",
    welcome_add: "录入第一位客户",
    welcome_quit: "退出",
    empty_stage: "（空）",
    too_small: "窗口太小，请放大到至少 80×24；按 q 退出",
    days_short: "天",
    help_title: "快捷键",
    add_title: "新客户",
    add_hint: "Tab 切换  Enter 保存  Esc 取消",
    demo_loaded: "已载入示例数据",
    added: "已添加",
    moved: "已移到",
    name_required: "请填写姓名",
    read_only: "只读",
    key_move: "移动选择",
    key_open: "打开客户",
    key_back: "返回",
    key_quit: "退出",
    key_add: "新客户",
    key_stage_fwd: "推进到下一阶段",
    key_stage_back: "退回上一阶段",
    key_help: "帮助",
    key_scroll: "滚动",
    key_next_field: "下一项",
    key_save: "保存",
    key_copy: "复制并记录",
    key_focus: "切换话术/记录",
    sop_pane: "SOP",
    goal: "目标：",
    scripts: "话术",
    customer_says: "客户：",
    copied: "已复制",
    copied_nowhere: "没有可用的剪贴板（终端不支持 OSC 52，也没有 xclip/wl-copy）",
    logged_script: "已记入跟进记录",
    key_search: "搜索",
    search_title: "搜索客户",
    search_hint: "输入姓名、拼音（zs / zhangsan）、手机号片段、微信号或备注里的词",
    searching: "搜索中…",
    today: "今日",
    waiting: "已等",
    overdue_by: "逾期",
    minutes_short: "分钟",
    hours_short: "小时",
    nothing_due: "今天没有要跟进的客户。按 2 看管道，按 / 搜索。",
    prompt_done: "完成这条跟进。可以写一句备注（直接回车跳过）：",
    prompt_snooze: "推迟到什么时候？+1d、+3h 或 2026-12-01（默认 +1d）：",
    prompt_skip: "为什么跳过？（必填）",
    add_hint_short: "Enter 确认  Esc 取消",
    key_today: "今日",
    key_board: "管道",
    key_done: "完成",
    key_snooze: "推迟",
    key_skip: "跳过",
    done_msg: "已完成",
    snoozed_msg: "已推迟到",
    skipped_msg: "已跳过",
    next_due: "下一次",
    nothing_scheduled: "暂无安排",
    lifecycle: "生命周期",
    next_followup: "下次跟进",
    if_still_quiet: "（到时仍没有动静才跟进）",
};

pub const EN: Strings = Strings {
    app_title: "salesbook",
    col_id: "ID",
    col_name: "Name",
    col_stage: "Stage",
    col_grade: "Grade",
    col_outcome: "Outcome",
    col_source: "Source",
    col_need: "Need",
    col_budget: "Budget",
    col_tags: "Tags",
    col_updated: "Updated",
    col_time: "Time",
    col_kind: "Kind",
    col_detail: "Detail",
    col_matched: "Matched",
    honorific: "Honorific",
    phone: "Phone",
    wechat: "WeChat",
    company: "Company",
    notes: "Notes",
    email: "E-mail",
    birthday: "Birthday",
    anniversary: "Anniversary",
    merged_into: "merged into",
    owner: "Owner",
    owner_me: "me (no name set yet)",
    created: "Created",
    last_touch: "Last touch",
    lost_reason: "Lost reason",
    archived: "Archived",
    timeline: "Timeline",
    never: "never",
    pipeline: "Pipeline",
    contact_card: "Contact",
    welcome_title: "Welcome to salesbook",
    welcome_body: "This book is empty. Load the demo contacts to look around, or add your first contact.",
    welcome_demo: "Load demo contacts",
    welcome_add: "Add a first contact",
    welcome_quit: "Quit",
    empty_stage: "(empty)",
    too_small: "Window too small: make it at least 80×24 (q quits)",
    days_short: "d",
    help_title: "Keys",
    add_title: "New contact",
    add_hint: "Tab next  Enter save  Esc cancel",
    demo_loaded: "Demo data loaded",
    added: "Added",
    moved: "Moved to",
    name_required: "A name is required",
    read_only: "read-only",
    key_move: "move selection",
    key_open: "open contact",
    key_back: "back",
    key_quit: "quit",
    key_add: "new contact",
    key_stage_fwd: "advance to next stage",
    key_stage_back: "move back a stage",
    key_help: "help",
    key_scroll: "scroll",
    key_next_field: "next field",
    key_save: "save",
    key_copy: "copy and log",
    key_focus: "switch scripts/timeline",
    sop_pane: "SOP",
    goal: "Goal: ",
    scripts: "Script",
    customer_says: "Customer: ",
    copied: "Copied",
    copied_nowhere: "No clipboard available (no OSC 52 terminal, no xclip/wl-copy)",
    logged_script: "logged in the timeline",
    key_search: "search",
    search_title: "Search contacts",
    search_hint: "Type a name, pinyin (zs / zhangsan), phone digits, a WeChat ID or a word from a note",
    searching: "searching…",
    today: "Today",
    waiting: "waiting",
    overdue_by: "overdue",
    minutes_short: "m",
    hours_short: "h",
    nothing_due: "Nothing due today. Press 2 for the pipeline, / to search.",
    prompt_done: "Done. Add a note if you like (Enter to skip):",
    prompt_snooze: "Until when? +1d, +3h or 2026-12-01 (default +1d):",
    prompt_skip: "Why skip it? (required)",
    add_hint_short: "Enter confirm  Esc cancel",
    key_today: "today",
    key_board: "pipeline",
    key_done: "done",
    key_snooze: "snooze",
    key_skip: "skip",
    done_msg: "Done",
    snoozed_msg: "Snoozed to",
    skipped_msg: "Skipped",
    next_due: "next",
    nothing_scheduled: "nothing scheduled",
    lifecycle: "Lifecycle",
    next_followup: "Next follow-up",
    if_still_quiet: " (only if still quiet by then)",
};

/// A list as the language writes one: `甲、乙、丙` in Chinese, `a, b, c` in English.
pub fn list_of<S: AsRef<str>>(lang: Lang, items: &[S]) -> String {
    let items: Vec<&str> = items.iter().map(AsRef::as_ref).collect();
    items.join(match lang {
        Lang::Zh => "、",
        Lang::En => ", ",
    })
}

/// A key with what it means, in the language's brackets: `close（提成交）` in Chinese,
/// `close (closing)` in English.
pub fn glossed(lang: Lang, key: impl std::fmt::Display, meaning: &str) -> String {
    match lang {
        Lang::Zh => format!("{key}（{meaning}）"),
        Lang::En => format!("{key} ({meaning})"),
    }
}

/// A label's colon in the language's way: full-width in Chinese, ": " in English.
pub fn colon(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "：",
        Lang::En => ": ",
    }
}

pub fn strings(lang: Lang) -> &'static Strings {
    match lang {
        Lang::Zh => &ZH,
        Lang::En => &EN,
    }
}

/// A section of the agenda, as Today and `agenda` head it.
pub fn section_name(lang: Lang, section: crate::service::Section) -> &'static str {
    use crate::service::Section;
    let t = tui::text(lang);
    match section {
        Section::NewLeads => t.section_new,
        Section::Overdue => t.section_overdue,
        Section::Today => t.section_today,
        Section::Upcoming => t.section_upcoming,
    }
}

pub fn stage_name(lang: Lang, stage: Stage) -> &'static str {
    match lang {
        Lang::Zh => stage.zh(),
        Lang::En => stage.en(),
    }
}

#[cfg(test)]
#[path = "lists_tests.rs"]
mod lists_tests;
