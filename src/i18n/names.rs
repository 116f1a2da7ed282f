//! The domain's values in words — a timeline entry, its kind, a channel, a grade, an
//! outcome, a tier, a lifecycle, an objection's kind — for the app and the command line
//! alike, in the UI's language.

use super::tui::text;
use crate::config::Lang;
use crate::domain::followup::Lifecycle;
use crate::domain::sop::ObjectionKind;
use crate::domain::{Channel, Grade, InteractionKind};

fn zh(lang: Lang) -> bool {
    lang == Lang::Zh
}

/// What a timeline entry says besides its kind: the stage change, the channel, the script,
/// the product and amount, the text — in `lang` (the app's timeline and `show` alike).
/// `script_title`: the template's title of the entry's script, shown for its id when known.
pub fn entry_summary(
    lang: Lang,
    e: &crate::domain::Interaction,
    script_title: Option<&str>,
) -> String {
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
        parts.push(format!("«{}»", script_title.unwrap_or(script)));
    }
    if let Some(p) = &e.product {
        parts.push(p.clone());
    }
    if let Some(a) = e.amount_cents {
        parts.push(format!("¥{}", crate::domain::money::format_amount(a)));
    }
    if let Some(t) = &e.text {
        match e.kind {
            // Their text lists the changes by field key ("phone: a → b; +tag 组/标签").
            InteractionKind::Edited | InteractionKind::Merged => {
                parts.push(changes_in_words(lang, t))
            }
            // "action · note", "action → time": the action as the plan wrote it.
            InteractionKind::FollowupDone
            | InteractionKind::FollowupSkipped
            | InteractionKind::FollowupSnoozed => {
                let cut = [" · ", " → "]
                    .iter()
                    .filter_map(|sep| t.find(sep))
                    .min()
                    .unwrap_or(t.len());
                let (action, rest) = t.split_at(cut);
                parts.push(format!("{}{rest}", action_text(lang, action)));
            }
            _ => parts.push(t.clone()),
        }
    }
    parts.join(" ")
}

/// A follow-up's action as the plan wrote it, in `lang`. The plan writes its own words in
/// Chinese (约定跟进, 提前提醒：…, 复购提醒：…, 疗程/课时 n/m：…) around what the template
/// and the rep wrote (product and appointment names, notes), which stay as written; an
/// English screen gets the plan's words in English.
pub fn action_text(lang: Lang, action: &str) -> std::borrow::Cow<'_, str> {
    use crate::domain::followup::Track;
    use std::borrow::Cow;
    if zh(lang) {
        return Cow::Borrowed(action);
    }
    let bare = |s: &str| -> String {
        if s == Track::Appointment.zh() {
            "follow-up".to_string()
        } else if s == Track::FirstResponse.zh() {
            "first reply".to_string()
        } else {
            s.to_string()
        }
    };
    let colon = |rest: &str| rest.replacen('：', ": ", 1);
    // Books written before calls were reminded too named every reminder 到访提醒.
    let reminder = [Track::Reminder.zh(), "到访提醒"]
        .into_iter()
        .find_map(|word| action.strip_prefix(word)?.strip_prefix('：'));
    if let Some(rest) = reminder {
        // "提前提醒：约定跟进 11-20 15:00": the appointment's name, then its day and time.
        let mut parts = rest.rsplitn(3, ' ');
        let (time, day, name) = (parts.next(), parts.next(), parts.next());
        let (name, when) = match (name, day, time) {
            (Some(n), Some(d), Some(t)) => (n, format!(" {d} {t}")),
            _ => (rest, String::new()),
        };
        return Cow::Owned(format!("Reminder: {}{when}", bare(name)));
    }
    if let Some(rest) = action.strip_prefix(&format!("{}：", Track::Repurchase.zh())) {
        // "复购提醒：课程包（3/24）": sessions left of a pack, in ASCII brackets.
        let rest = match rest.strip_suffix('）').and_then(|r| r.rsplit_once('（')) {
            Some((product, left)) => format!("{product} ({left} left)"),
            None => rest.to_string(),
        };
        return Cow::Owned(format!("Repurchase: {rest}"));
    }
    if let Some(rest) = action.strip_prefix(crate::domain::signal::CAME_BACK) {
        // "流失客户发来消息「还有货吗」：回复，看要不要重新打开": the quote kept as written.
        let quote = rest.split_once('：').map_or(rest, |(q, _)| q);
        return Cow::Owned(format!(
            "A lost customer wrote {quote}: answer, and see whether to reopen"
        ));
    }
    if let Some(rest) = action.strip_prefix(&format!("{} ", Track::Session.zh())) {
        return Cow::Owned(format!("Session {}", colon(rest)));
    }
    match bare(action) {
        b if b == action => Cow::Borrowed(action),
        b => Cow::Owned(b),
    }
}

/// An edit's or a merge's list of changes with each field in the language's words.
fn changes_in_words(lang: Lang, text: &str) -> String {
    if lang != Lang::Zh {
        return text.to_string();
    }
    const FIELDS: [(&str, &str); 13] = [
        ("name", "姓名"),
        ("honorific", "称呼"),
        ("phone", "电话"),
        ("wechat", "微信"),
        ("company", "公司"),
        ("source", "来源"),
        ("need", "需求"),
        ("budget", "预算"),
        ("email", "邮箱"),
        ("notes", "备注"),
        ("birthday", "生日"),
        ("anniversary", "纪念日"),
        ("grade", "等级"),
    ];
    text.split("; ")
        .map(|part| {
            // A merge's values kept apart start with "≠ " (the first of them).
            let (mark, part) = match part.strip_prefix("≠ ") {
                Some(rest) => ("≠ ", rest),
                None => ("", part),
            };
            format!("{mark}{}", field_in_words(part, &FIELDS))
        })
        .collect::<Vec<_>>()
        .join("；")
}

/// One "field: before → after" (or "+tag …") of an edit, the field in Chinese.
fn field_in_words(part: &str, fields: &[(&str, &str)]) -> String {
    if let Some(tag) = part.strip_prefix("+tag ") {
        return format!("加标签 {tag}");
    }
    if let Some(tag) = part.strip_prefix("-tag ") {
        return format!("去标签 {tag}");
    }
    for (key, word) in fields {
        if let Some(rest) = part.strip_prefix(key).and_then(|r| r.strip_prefix(": ")) {
            return format!("{word}：{rest}");
        }
    }
    part.to_string()
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
        Imported => ("导入", "imported"),
        PriorContact => ("导入前已有往来", "in touch before import"),
    };
    if zh(lang) { z } else { e }
}

/// The channel as a timeline entry and an export write it (`[wechat]` in English: read
/// back by an import).
pub fn channel_name(lang: Lang, c: Channel) -> &'static str {
    if zh(lang) { c.zh() } else { c.key() }
}

/// The channel as a choice offered to the rep, in words.
pub fn channel_label(lang: Lang, c: Channel) -> &'static str {
    match (lang, c) {
        (Lang::Zh, _) => c.zh(),
        (Lang::En, Channel::Wechat) => "WeChat",
        (Lang::En, Channel::Phone) => "Phone",
        (Lang::En, Channel::Meeting) => "Meeting",
        (Lang::En, Channel::Other) => "Other",
    }
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
    if zh(lang) {
        return k.zh();
    }
    // Words, as the Chinese names are (the keys are the template's, not the rep's).
    match k {
        ObjectionKind::Price => "Price",
        ObjectionKind::Comparing => "Comparing",
        ObjectionKind::Stalling => "Stalling",
        ObjectionKind::Distrust => "Distrust",
        ObjectionKind::Privacy => "Privacy",
        ObjectionKind::Timing => "Timing",
        ObjectionKind::Need => "Need unclear",
        ObjectionKind::Other => "Other",
    }
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
        assert_eq!(entry_summary(Lang::Zh, &i, None), "");
        i.text = Some("签了".into());
        i.amount_cents = Some(399_950);
        i.product = Some("年度会员".into());
        i.script_id = Some("close-deal".into());
        i.channel = Some(Channel::Wechat);
        i.from_stage = Some(Stage::Close);
        i.to_stage = Some(Stage::Aftercare);
        assert_eq!(
            entry_summary(Lang::Zh, &i, None),
            "提成交 → 理售后 [微信] «close-deal» 年度会员 ¥3999.50 签了"
        );
        assert_eq!(
            entry_summary(Lang::En, &i, None),
            "Close → Aftercare [wechat] «close-deal» 年度会员 ¥3999.50 签了"
        );
        // A stage change needs both ends.
        i.from_stage = None;
        assert_eq!(
            entry_summary(Lang::Zh, &i, None),
            "[微信] «close-deal» 年度会员 ¥3999.50 签了"
        );
    }
}

#[cfg(test)]
mod change_words_tests {
    use super::changes_in_words;
    use super::{InteractionKind, action_text, entry_summary};
    use crate::config::Lang;

    #[test]
    fn an_edits_changes_in_chinese_and_left_as_they_are_in_english() {
        let text = "phone: — → 13800001234; grade: A → B; +tag 意向/近期必买; -tag 组/旧; #3 张三";
        assert_eq!(
            changes_in_words(Lang::Zh, text),
            "电话：— → 13800001234；等级：A → B；加标签 意向/近期必买；去标签 组/旧；#3 张三"
        );
        assert_eq!(changes_in_words(Lang::En, text), text);
        // A key only at the start of a change, followed by ": ".
        assert_eq!(changes_in_words(Lang::Zh, "phonebook"), "phonebook");
        assert_eq!(
            changes_in_words(Lang::Zh, "notes: a; b → c"),
            "备注：a；b → c"
        );
        // A merge's values kept apart: the field after "≠ " is named too.
        assert_eq!(
            changes_in_words(Lang::Zh, "#2 王芳; ≠ wechat: wx_2; budget: 3000-5000"),
            "#2 王芳；≠ 微信：wx_2；预算：3000-5000"
        );
    }

    #[test]
    fn the_plans_own_words_are_english_on_an_english_screen() {
        let en = |a: &str| action_text(Lang::En, a).into_owned();
        assert_eq!(en("约定跟进"), "follow-up");
        assert_eq!(en("首次回复"), "first reply");
        assert_eq!(
            en("到访提醒：约定跟进 11-20 15:00"),
            "Reminder: follow-up 11-20 15:00"
        );
        assert_eq!(
            en("提前提醒：约好的通话 11-20 15:00"),
            "Reminder: 约好的通话 11-20 15:00"
        );
        assert_eq!(
            en("到访提醒：到店 或 见面 11-20 15:00"),
            "Reminder: 到店 或 见面 11-20 15:00"
        );
        assert_eq!(en("复购提醒：营养礼盒"), "Repurchase: 营养礼盒");
        assert_eq!(
            en("复购提醒：季度课程包（3/24）"),
            "Repurchase: 季度课程包 (3/24 left)"
        );
        assert_eq!(en("疗程/课时 1/24：季度课程包"), "Session 1/24: 季度课程包");
        // What the template or the rep wrote stays as written.
        assert_eq!(en("面诊：带上检查报告"), "面诊：带上检查报告");
        assert_eq!(en("发使用指南"), "发使用指南");
        // A Chinese screen shows the plan as written.
        for a in [
            "约定跟进",
            "到访提醒：约定跟进 11-20 15:00",
            "复购提醒：营养礼盒",
        ] {
            assert_eq!(action_text(Lang::Zh, a), a);
        }
    }

    #[test]
    fn a_closed_follow_ups_entry_names_its_action_in_the_screens_language() {
        let at = chrono::DateTime::from_timestamp(1_800_000_000, 0).unwrap();
        let mut e = crate::domain::Interaction::new(1, at, InteractionKind::FollowupSkipped);
        e.text = Some("约定跟进 · 没来".into());
        assert_eq!(entry_summary(Lang::En, &e, None), "follow-up · 没来");
        assert_eq!(entry_summary(Lang::Zh, &e, None), "约定跟进 · 没来");
        e.kind = InteractionKind::FollowupSnoozed;
        e.text = Some("复购提醒：礼盒 → 12-01 09:00".into());
        assert_eq!(
            entry_summary(Lang::En, &e, None),
            "Repurchase: 礼盒 → 12-01 09:00"
        );
    }
}
