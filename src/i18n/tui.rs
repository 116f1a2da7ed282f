//! What the full-screen app says: key labels, headings, prompts, and the sentences that
//! confirm a change — in the UI's language, in its own words (never a command to type).

use crate::config::Lang;
use crate::domain::followup::Lifecycle;
use crate::domain::sop::ObjectionKind;
use crate::domain::{Channel, Grade, InteractionKind};

pub struct TuiText {
    // Help headings, one per scope.
    pub scope_global: &'static str,
    pub scope_welcome: &'static str,
    pub scope_today: &'static str,
    pub scope_board: &'static str,
    pub scope_card: &'static str,
    pub scope_search: &'static str,
    pub scope_results: &'static str,
    pub scope_form: &'static str,
    pub scope_prompt: &'static str,
    pub scope_picker: &'static str,
    pub scope_grade: &'static str,
    pub scope_confirm: &'static str,
    pub scope_help: &'static str,
    pub scope_entry: &'static str,
    // Key labels.
    pub key_quit: &'static str,
    pub key_help: &'static str,
    pub key_search: &'static str,
    pub key_today: &'static str,
    pub key_board: &'static str,
    pub key_undo: &'static str,
    pub key_templates: &'static str,
    pub key_back: &'static str,
    pub key_demo: &'static str,
    pub key_add: &'static str,
    pub key_open: &'static str,
    pub key_done: &'static str,
    pub key_snooze: &'static str,
    pub key_skip: &'static str,
    pub key_mark: &'static str,
    pub key_move: &'static str,
    pub key_page: &'static str,
    pub key_ends: &'static str,
    pub key_column: &'static str,
    pub key_filter: &'static str,
    pub key_closed: &'static str,
    pub key_edit: &'static str,
    pub key_log: &'static str,
    pub key_won: &'static str,
    pub key_lost: &'static str,
    pub key_reopen: &'static str,
    pub key_archive: &'static str,
    pub key_merge: &'static str,
    /// `M` without exactly two contacts marked.
    pub merge_needs_two: &'static str,
    /// Asked before merging: `{other}` goes into `{keep}` (contact numbers).
    pub merge_question: &'static str,
    pub key_grade: &'static str,
    pub key_tags: &'static str,
    pub key_schedule: &'static str,
    pub key_stage_fwd: &'static str,
    pub key_stage_back: &'static str,
    pub key_focus: &'static str,
    pub key_copy: &'static str,
    pub key_entry: &'static str,
    pub key_to_results: &'static str,
    pub key_to_query: &'static str,
    pub key_erase: &'static str,
    pub key_caret: &'static str,
    pub key_next_field: &'static str,
    pub key_prev_field: &'static str,
    pub key_field_down: &'static str,
    pub key_field_up: &'static str,
    pub key_submit: &'static str,
    pub key_save: &'static str,
    pub key_newline: &'static str,
    pub key_cancel: &'static str,
    pub key_confirm: &'static str,
    pub key_toggle: &'static str,
    pub key_yes: &'static str,
    pub key_no: &'static str,
    pub key_scroll: &'static str,
    pub key_close: &'static str,
    pub grade_a: &'static str,
    pub grade_b: &'static str,
    pub grade_c: &'static str,
    pub grade_d: &'static str,
    pub grade_none: &'static str,
    // Screens.
    pub loading: &'static str,
    pub loading_demo: &'static str,
    pub marked: &'static str,
    pub filtered: &'static str,
    pub closed_shown: &'static str,
    pub more_below: &'static str,
    pub section_new: &'static str,
    pub section_overdue: &'static str,
    pub section_today: &'static str,
    pub section_upcoming: &'static str,
    pub checklist: &'static str,
    pub exit_criteria: &'static str,
    pub materials: &'static str,
    pub scripts_and_replies: &'static str,
    pub search_tab_hint: &'static str,
    pub no_further_stage: &'static str,
    pub read_only_book: &'static str,
    // Forms and questions.
    pub form_hint: &'static str,
    pub saving: &'static str,
    pub options: &'static str,
    pub discard_question: &'static str,
    pub quit_question: &'static str,
    pub unchanged: &'static str,
    pub edit_title: &'static str,
    pub source_group: &'static str,
    pub prompt_note: &'static str,
    pub prompt_until: &'static str,
    pub prompt_reason: &'static str,
    pub prompt_done_hint: &'static str,
    pub prompt_snooze_hint: &'static str,
    pub prompt_skip_hint: &'static str,
    pub log_title: &'static str,
    pub log_channel: &'static str,
    pub log_text: &'static str,
    pub log_note_only: &'static str,
    pub log_inbound: &'static str,
    pub log_hint: &'static str,
    pub won_title: &'static str,
    pub won_amount: &'static str,
    pub won_product: &'static str,
    pub won_hint: &'static str,
    pub lost_title: &'static str,
    pub lost_reason: &'static str,
    pub lost_hint: &'static str,
    pub schedule_title: &'static str,
    pub schedule_at: &'static str,
    pub schedule_note: &'static str,
    pub schedule_hint: &'static str,
    pub schedule_at_missing: &'static str,
    /// Reasons offered besides those used before.
    pub lost_reasons: &'static [&'static str],
    pub grade_title: &'static str,
    pub tags_title: &'static str,
    pub tags_bulk_hint: &'static str,
    pub templates_title: &'static str,
    pub active: &'static str,
    pub picker_hint: &'static str,
    pub filter_prompt: &'static str,
    pub filter_title: &'static str,
    pub filter_any: &'static str,
    pub filter_hint: &'static str,
    pub name_title: &'static str,
    pub name_field: &'static str,
    pub name_style: &'static str,
    pub name_hint: &'static str,
    pub name_required: &'static str,
    pub name_saved: &'static str,
    /// How a rep may be called, from their surname and given name.
    pub name_styles: &'static [&'static str],
    // The render command.
    pub bad_size: &'static str,
    pub render_needs_contact: &'static str,
    pub render_needs_query: &'static str,
}

pub const ZH: TuiText = TuiText {
    scope_global: "所有界面",
    scope_welcome: "欢迎页",
    scope_today: "今日",
    scope_board: "管道",
    scope_card: "客户卡片",
    scope_search: "搜索（输入中）",
    scope_results: "搜索结果",
    scope_form: "表单",
    scope_prompt: "一句话提问",
    scope_picker: "选择列表",
    scope_grade: "选等级",
    scope_confirm: "确认",
    scope_help: "帮助",
    scope_entry: "全文",
    key_quit: "退出",
    key_help: "帮助",
    key_search: "搜索",
    key_today: "今日",
    key_board: "管道",
    key_undo: "撤销上一步",
    key_templates: "模板",
    key_back: "返回",
    key_demo: "载入示例客户",
    key_add: "新客户",
    key_open: "打开客户",
    key_done: "完成",
    key_snooze: "推迟",
    key_skip: "跳过",
    key_mark: "标记（批量）",
    key_move: "移动选择",
    key_page: "翻页",
    key_ends: "到顶 / 到底",
    key_column: "换一列",
    key_filter: "筛选",
    key_closed: "显示/隐藏已关闭",
    key_edit: "修改资料",
    key_log: "记录跟进",
    key_won: "成交",
    key_lost: "流失",
    key_reopen: "重新打开",
    key_archive: "归档/取消归档",
    key_merge: "合并两位已标记的联系人",
    merge_needs_two: "合并要先用空格标记两位联系人（正好两位）",
    merge_question: "把 #{other} 合并进 #{keep}？资料互补，两边的记录都保留（可撤销）",
    key_grade: "等级",
    key_tags: "标签",
    key_schedule: "约定跟进时间",
    key_stage_fwd: "推进到下一阶段",
    key_stage_back: "退回上一阶段",
    key_focus: "切换 话术/记录/指引",
    key_copy: "复制并记录",
    key_entry: "看全文",
    key_to_results: "到结果列表",
    key_to_query: "回到输入",
    key_erase: "删除",
    key_caret: "移动光标",
    key_next_field: "下一项",
    key_prev_field: "上一项",
    key_field_down: "下一项 / 下一个选项",
    key_field_up: "上一项 / 上一个选项",
    key_submit: "下一项，最后一项时保存",
    key_save: "保存",
    key_newline: "换行（多行内容）",
    key_cancel: "取消",
    key_confirm: "确定",
    key_toggle: "选中/取消",
    key_yes: "是",
    key_no: "否",
    key_scroll: "滚动",
    key_close: "关闭",
    grade_a: "A 立即跟进",
    grade_b: "B 持续培育",
    grade_c: "C 潜在",
    grade_d: "D 无效",
    grade_none: "清除等级",
    loading: "载入中…",
    loading_demo: "正在载入示例数据…",
    marked: "已标记",
    filtered: "筛选",
    closed_shown: "含已成交/流失/归档",
    more_below: "↓ 下面还有",
    section_new: "新线索待回复",
    section_overdue: "已逾期",
    section_today: "今天到期",
    section_upcoming: "即将到期",
    checklist: "清单",
    exit_criteria: "推进条件",
    materials: "物料",
    scripts_and_replies: "话术与应答",
    search_tab_hint: "Tab 对结果操作",
    no_further_stage: "已经是最后（或最前）一个阶段了",
    read_only_book: "这本手册只能查看，不能修改",
    form_hint: "Enter 下一项（最后一项保存）  Ctrl-S 保存  Esc 取消",
    saving: "保存中…",
    options: "选项",
    discard_question: "放弃刚才填写的内容？",
    quit_question: "还有没保存的内容，确定退出？",
    unchanged: "没有改动",
    edit_title: "修改资料",
    source_group: "客户来源",
    prompt_note: "备注",
    prompt_until: "推迟到",
    prompt_reason: "原因",
    prompt_done_hint: "完成这条跟进；备注可不填",
    prompt_snooze_hint: "可写 +1d、+3h、明天、下周一、2026-12-01 15:00；不填就是 +1d",
    prompt_skip_hint: "写下跳过的原因，例如：客户出差",
    log_title: "记录跟进",
    log_channel: "方式",
    log_text: "内容",
    log_note_only: "仅备注",
    log_inbound: "客户来信",
    log_hint: "↑↓ 选方式；Alt-Enter 或 Ctrl-J 换行",
    won_title: "成交",
    won_amount: "金额",
    won_product: "产品",
    won_hint: "金额如 3999 或 3999.50；产品 ↑↓ 从模板里选，也可以直接写",
    lost_title: "流失",
    lost_reason: "原因",
    lost_hint: "↑↓ 选一个常见原因，或者直接写",
    schedule_title: "约定跟进",
    schedule_at: "时间",
    schedule_note: "约了什么",
    schedule_hint: "时间可写 明天 15:00、后天、下周二 10:00、+3d、2026-12-01 15:00",
    schedule_at_missing: "请写下和客户约好的时间",
    lost_reasons: &[
        "预算不够",
        "选了别家",
        "暂时不需要",
        "联系不上",
        "对效果没信心",
    ],
    grade_title: "等级",
    tags_title: "标签",
    tags_bulk_hint: "勾选的标签会加到每位已标记的客户上",
    templates_title: "SOP 模板",
    active: "当前",
    picker_hint: "输入筛选  空格选中  Enter 确定  Esc 取消",
    filter_prompt: "筛选：",
    filter_title: "管道筛选",
    filter_any: "全部",
    filter_hint: "↑↓ 选；标签和来源也可以直接输入",
    name_title: "第一次使用：你的名字",
    name_field: "名字",
    name_style: "话术里称呼",
    name_hint: "话术里的 {me} 会换成你选的称呼；只问这一次，存进 config.toml",
    name_required: "请先写下你的名字",
    name_saved: "已保存，话术里会称你为",
    name_styles: &["小{surname}", "{surname}老师", "{surname}顾问", "{given}"],
    bad_size: "窗口大小应写成 宽x高，例如 120x40：",
    render_needs_contact: "render card 需要 --contact 客户编号",
    render_needs_query: "render search 需要 --query 搜索词",
};

pub const EN: TuiText = TuiText {
    scope_global: "Everywhere",
    scope_welcome: "Welcome",
    scope_today: "Today",
    scope_board: "Pipeline",
    scope_card: "Contact card",
    scope_search: "Search (typing)",
    scope_results: "Search results",
    scope_form: "Forms",
    scope_prompt: "One-line questions",
    scope_picker: "Lists to choose from",
    scope_grade: "Grade",
    scope_confirm: "Questions",
    scope_help: "Help",
    scope_entry: "Full text",
    key_quit: "quit",
    key_help: "help",
    key_search: "search",
    key_today: "today",
    key_board: "pipeline",
    key_undo: "undo the last change",
    key_templates: "templates",
    key_back: "back",
    key_demo: "load demo contacts",
    key_add: "new contact",
    key_open: "open contact",
    key_done: "done",
    key_snooze: "snooze",
    key_skip: "skip",
    key_mark: "mark (bulk)",
    key_move: "move selection",
    key_page: "page",
    key_ends: "top / bottom",
    key_column: "other column",
    key_filter: "filter",
    key_closed: "show/hide closed",
    key_edit: "edit",
    key_log: "log a touch",
    key_won: "won",
    key_lost: "lost",
    key_reopen: "reopen",
    key_archive: "archive/unarchive",
    key_merge: "merge the two marked contacts",
    merge_needs_two: "To merge, mark exactly two contacts with Space first",
    merge_question: "Merge #{other} into #{keep}? Fields fill each other; both histories stay (undoable)",
    key_grade: "grade",
    key_tags: "tags",
    key_schedule: "schedule a follow-up",
    key_stage_fwd: "advance to next stage",
    key_stage_back: "move back a stage",
    key_focus: "scripts / timeline / guide",
    key_copy: "copy and log",
    key_entry: "read in full",
    key_to_results: "to the results",
    key_to_query: "back to the query",
    key_erase: "erase",
    key_caret: "move the caret",
    key_next_field: "next field",
    key_prev_field: "previous field",
    key_field_down: "next field / next option",
    key_field_up: "previous field / previous option",
    key_submit: "next field, save on the last",
    key_save: "save",
    key_newline: "new line (notes)",
    key_cancel: "cancel",
    key_confirm: "confirm",
    key_toggle: "check / uncheck",
    key_yes: "yes",
    key_no: "no",
    key_scroll: "scroll",
    key_close: "close",
    grade_a: "A act now",
    grade_b: "B nurture",
    grade_c: "C potential",
    grade_d: "D not a lead",
    grade_none: "clear the grade",
    loading: "loading…",
    loading_demo: "loading the demo…",
    marked: "marked",
    filtered: "Filter",
    closed_shown: "won/lost/archived shown",
    more_below: "↓ more",
    section_new: "New leads waiting",
    section_overdue: "Overdue",
    section_today: "Due today",
    section_upcoming: "Upcoming",
    checklist: "Checklist",
    exit_criteria: "Ready to move on when",
    materials: "Materials",
    scripts_and_replies: "Scripts and replies",
    search_tab_hint: "Tab to act on a result",
    no_further_stage: "There is no stage further that way",
    read_only_book: "This book is open for reading only",
    form_hint: "Enter next (saves on the last)  Ctrl-S save  Esc cancel",
    saving: "saving…",
    options: "Options",
    discard_question: "Throw away what you typed?",
    quit_question: "Something is not saved. Quit anyway?",
    unchanged: "Nothing changed",
    edit_title: "Edit",
    source_group: "客户来源",
    prompt_note: "Note",
    prompt_until: "Until",
    prompt_reason: "Reason",
    prompt_done_hint: "Mark the follow-up done; the note is optional",
    prompt_snooze_hint: "+1d, +3h, tomorrow, 2026-12-01 15:00; empty means +1d",
    prompt_skip_hint: "Why skip it? e.g. away on business",
    log_title: "Log a touch",
    log_channel: "How",
    log_text: "What",
    log_note_only: "note only",
    log_inbound: "they wrote",
    log_hint: "↑↓ choose how; Alt-Enter or Ctrl-J for a new line",
    won_title: "Won",
    won_amount: "Amount",
    won_product: "Product",
    won_hint: "Amount like 3999 or 3999.50; product: ↑↓ through the template's, or type one",
    lost_title: "Lost",
    lost_reason: "Reason",
    lost_hint: "↑↓ through common reasons, or type one",
    schedule_title: "Schedule a follow-up",
    schedule_at: "When",
    schedule_note: "What",
    schedule_hint: "When: tomorrow 15:00, +3d, +4h, 2026-12-01 15:00",
    schedule_at_missing: "Write the time agreed with the customer",
    lost_reasons: &[
        "budget",
        "chose another",
        "no need now",
        "unreachable",
        "doubts the results",
    ],
    grade_title: "Grade",
    tags_title: "Tags",
    tags_bulk_hint: "Checked tags are added to every marked contact",
    templates_title: "SOP templates",
    active: "active:",
    picker_hint: "type to filter  Space check  Enter confirm  Esc cancel",
    filter_prompt: "Filter:",
    filter_title: "Filter the pipeline",
    filter_any: "all",
    filter_hint: "↑↓ choose; tags and sources can be typed too",
    name_title: "First run: your name",
    name_field: "Name",
    name_style: "In scripts",
    name_hint: "{me} in scripts becomes what you choose here; asked once, saved in config.toml",
    name_required: "Your name first, please",
    name_saved: "Saved. Scripts will call you",
    name_styles: &["小{surname}", "{surname}老师", "{surname}顾问", "{given}"],
    bad_size: "size must be WIDTHxHEIGHT, e.g. 120x40:",
    render_needs_contact: "render card needs --contact ID",
    render_needs_query: "render search needs --query TEXT",
};

pub fn text(lang: Lang) -> &'static TuiText {
    match lang {
        Lang::Zh => &ZH,
        Lang::En => &EN,
    }
}

fn zh(lang: Lang) -> bool {
    lang == Lang::Zh
}

/// What a timeline entry says besides its kind: the stage change, the channel, the script,
/// the product and amount, the text — in `lang` (the app's timeline and `show` alike).
pub fn entry_summary(lang: Lang, e: &crate::domain::Interaction) -> String {
    let mut parts: Vec<String> = Vec::new();
    if let (Some(from), Some(to)) = (e.from_stage, e.to_stage) {
        parts.push(format!(
            "{} → {}",
            super::stage_name(lang, from),
            super::stage_name(lang, to)
        ));
    }
    if let Some(ch) = e.channel {
        parts.push(format!("[{}]", channel_name(lang, ch)));
    }
    if let Some(script) = &e.script_id {
        parts.push(format!("«{script}»"));
    }
    if let Some(p) = &e.product {
        parts.push(p.clone());
    }
    if let Some(a) = e.amount_cents {
        parts.push(format!("¥{}", crate::domain::money::format_amount(a)));
    }
    if let Some(t) = &e.text {
        parts.push(t.clone());
    }
    parts.join(" ")
}

/// A timeline entry's kind in words.
pub fn kind_label(lang: Lang, k: InteractionKind) -> &'static str {
    use InteractionKind::*;
    let (z, e) = match k {
        Created => ("新建", "created"),
        Note => ("备注", "note"),
        Message => ("消息", "message"),
        Call => ("电话", "call"),
        Meeting => ("面谈", "meeting"),
        ScriptSent => ("发送话术", "script sent"),
        StageChange => ("换阶段", "stage"),
        Won => ("成交", "won"),
        Lost => ("流失", "lost"),
        Reopened => ("重新打开", "reopened"),
        Edited => ("修改资料", "edited"),
        Archived => ("归档", "archived"),
        Unarchived => ("取消归档", "unarchived"),
        FollowupDone => ("完成跟进", "done"),
        FollowupSkipped => ("跳过跟进", "skipped"),
        FollowupSnoozed => ("推迟跟进", "snoozed"),
        Inbound => ("客户来信", "they wrote"),
        Merged => ("合并", "merged"),
    };
    if zh(lang) { z } else { e }
}

pub fn channel_name(lang: Lang, c: Channel) -> &'static str {
    if zh(lang) { c.zh() } else { c.key() }
}

pub fn grade_name(lang: Lang, g: Grade) -> &'static str {
    let t = text(lang);
    match g {
        Grade::A => t.grade_a,
        Grade::B => t.grade_b,
        Grade::C => t.grade_c,
        Grade::D => t.grade_d,
    }
}

/// Open, won or lost, in words.
pub fn outcome_name(lang: Lang, o: crate::domain::Outcome) -> &'static str {
    use crate::domain::Outcome;
    match (lang, o) {
        (Lang::Zh, _) => o.zh(),
        (Lang::En, Outcome::Open) => "open",
        (Lang::En, Outcome::Won) => "won",
        (Lang::En, Outcome::Lost) => "lost",
    }
}

/// A customer tier's meaning (A/B/C after a win), in words.
pub fn tier_name(lang: Lang, t: crate::domain::Tier) -> &'static str {
    use crate::domain::Tier;
    match (lang, t) {
        (Lang::Zh, _) => t.zh(),
        (Lang::En, Tier::A) => "close ties",
        (Lang::En, Tier::B) => "wake on occasions",
        (Lang::En, Tier::C) => "nurture with content",
    }
}

pub fn lifecycle_name(lang: Lang, l: Lifecycle) -> &'static str {
    if zh(lang) { l.zh() } else { l.key() }
}

pub fn objection_kind(lang: Lang, k: ObjectionKind) -> &'static str {
    if zh(lang) { k.zh() } else { k.key() }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Channel, Interaction, Stage};

    #[test]
    fn a_summary_lists_what_the_entry_holds_in_order_in_either_language() {
        let at = chrono::DateTime::parse_from_rfc3339("2026-11-20T10:00:00+08:00")
            .unwrap()
            .with_timezone(&chrono::Utc);
        let mut i = Interaction::new(1, at, InteractionKind::Won);
        assert_eq!(entry_summary(Lang::Zh, &i), "");
        i.text = Some("签了".into());
        i.amount_cents = Some(399_950);
        i.product = Some("年度会员".into());
        i.script_id = Some("close-deal".into());
        i.channel = Some(Channel::Wechat);
        i.from_stage = Some(Stage::Close);
        i.to_stage = Some(Stage::Aftercare);
        assert_eq!(
            entry_summary(Lang::Zh, &i),
            "提成交 → 理售后 [微信] «close-deal» 年度会员 ¥3999.50 签了"
        );
        assert_eq!(
            entry_summary(Lang::En, &i),
            "Close → Aftercare [wechat] «close-deal» 年度会员 ¥3999.50 签了"
        );
        // A stage change needs both ends.
        i.from_stage = None;
        assert_eq!(
            entry_summary(Lang::Zh, &i),
            "[微信] «close-deal» 年度会员 ¥3999.50 签了"
        );
    }
}
