//! What the app says after a change went through (or could not): the status line's
//! sentences, in the UI's language and its own words.

use super::names::grade_name;
use super::tui::text;
use crate::config::Lang;
use crate::domain::{Channel, Grade, Stage};

fn zh(lang: Lang) -> bool {
    lang == Lang::Zh
}

fn stage(lang: Lang, s: Stage) -> &'static str {
    super::stage_name(lang, s)
}

pub fn unchanged(lang: Lang) -> &'static str {
    text(lang).unchanged
}

pub fn added(lang: Lang, name: &str) -> String {
    if zh(lang) {
        format!("已添加 {name}")
    } else {
        format!("Added {name}")
    }
}

/// [`added`], when `others` (ids) have the same name: the rep may have added someone twice,
/// and is told the app's keys that join them.
pub fn added_same_name(lang: Lang, name: &str, others: &[i64]) -> String {
    let mut list = others
        .iter()
        .take(super::cli::SAME_NAME_SHOWN)
        .map(|id| format!("#{id}"))
        .collect::<Vec<_>>()
        .join(" ");
    if others.len() > super::cli::SAME_NAME_SHOWN {
        list.push_str(&if zh(lang) {
            format!(" 等 {} 位", others.len())
        } else {
            format!(" … {} in all", others.len())
        });
    }
    if zh(lang) {
        format!(
            "已添加 {name}；同名的客户已有 {list}。同一人可合并：/ 搜索，Tab，空格标记两位，按 M"
        )
    } else {
        format!(
            "Added {name}; {list} has the same name. One person? / to search, Tab, Space to mark both, M to merge"
        )
    }
}

/// A merge went through: `other` joined `keep` (each a name and its number).
pub fn merged(lang: Lang, other: &str, keep: &str) -> String {
    if zh(lang) {
        format!("已把 {other} 合并进 {keep}")
    } else {
        format!("Merged {other} into {keep}")
    }
}

pub fn saved(lang: Lang, name: &str) -> String {
    if zh(lang) {
        format!("已保存 {name} 的资料")
    } else {
        format!("Saved {name}")
    }
}

pub fn tags_saved(lang: Lang, name: &str) -> String {
    if zh(lang) {
        format!("已更新 {name} 的标签")
    } else {
        format!("Tags of {name} saved")
    }
}

pub fn graded(lang: Lang, name: &str, g: Option<Grade>) -> String {
    match (zh(lang), g) {
        (true, Some(g)) => format!("{name} 的等级改为 {}", grade_name(lang, g)),
        (true, None) => format!("已清除 {name} 的等级"),
        (false, Some(g)) => format!("{name} is now grade {}", grade_name(lang, g)),
        (false, None) => format!("Grade of {name} cleared"),
    }
}

pub fn moved(lang: Lang, name: &str, to: Stage) -> String {
    if zh(lang) {
        format!("已移到 {}：{name}", stage(lang, to))
    } else {
        format!("Moved {name} to {}", stage(lang, to))
    }
}

pub fn already_in(lang: Lang, name: &str, s: Stage) -> String {
    if zh(lang) {
        format!("{name} 已经在{}", stage(lang, s))
    } else {
        format!("{name} is already in {}", stage(lang, s))
    }
}

pub fn won(lang: Lang, name: &str) -> String {
    if zh(lang) {
        format!("{name} 已成交，进入理售后")
    } else {
        format!("{name} won: on to aftercare")
    }
}

/// A win for a customer who had bought before: the `nth` purchase.
pub fn bought_again(lang: Lang, name: &str, nth: usize) -> String {
    if zh(lang) {
        format!("{name} 复购，这是第 {nth} 次购买")
    } else {
        format!("{name} bought again: purchase {nth}")
    }
}

pub fn lost(lang: Lang, name: &str, reason: &str) -> String {
    if zh(lang) {
        format!("{name} 已标记流失（{reason}）")
    } else {
        format!("{name} marked lost ({reason})")
    }
}

pub fn reopened(lang: Lang, name: &str) -> String {
    if zh(lang) {
        format!("{name} 已重新打开")
    } else {
        format!("{name} reopened")
    }
}

pub fn logged(lang: Lang, name: &str, channel: Option<Channel>) -> String {
    match (zh(lang), channel) {
        (true, Some(c)) => format!("已记录{}：{name}", c.zh()),
        (true, None) => format!("已记下：{name}"),
        (false, Some(c)) => format!("Logged ({}) with {name}", c.key()),
        (false, None) => format!("Noted: {name}"),
    }
}

pub fn script_logged(lang: Lang) -> &'static str {
    if zh(lang) {
        "已记入跟进记录"
    } else {
        "logged in the timeline"
    }
}

/// "已复制「欢迎语」 · 已记入跟进记录" (how it reached the clipboard is no concern of the
/// rep's: the terminal's OSC 52, a clipboard tool, or both).
pub fn copied(lang: Lang, title: &str, then: &str) -> String {
    let title = crate::domain::text::truncate(title, 24);
    if zh(lang) {
        format!("已复制「{title}」 · {then}")
    } else {
        format!("Copied “{title}” · {then}")
    }
}

pub fn archived(lang: Lang, name: &str, archived: bool) -> String {
    match (zh(lang), archived) {
        (true, true) => format!("{name} 已归档"),
        (true, false) => format!("{name} 已取消归档"),
        (false, true) => format!("{name} archived"),
        (false, false) => format!("{name} unarchived"),
    }
}

pub fn followup_done(lang: Lang, name: &str, action: &str) -> String {
    if zh(lang) {
        format!("已完成：{name} · {action}")
    } else {
        format!("Done: {name} · {action}")
    }
}

pub fn followup_skipped(lang: Lang, name: &str, action: &str, late: bool) -> String {
    let note = if late {
        super::report::skipped_late(lang)
    } else {
        ""
    };
    if zh(lang) {
        format!("已跳过{note}：{name} · {action}")
    } else {
        format!("Skipped{note}: {name} · {action}")
    }
}

/// `earlier`: when the item was due, if the snooze brought it forward.
pub fn followup_snoozed(
    lang: Lang,
    name: &str,
    when: &str,
    earlier: Option<&str>,
    missed: Option<&str>,
) -> String {
    let late = missed
        .map(|m| super::report::still_late(lang, m))
        .unwrap_or_default();
    // The note before the name: a long name is what the status line cuts.
    match (zh(lang), earlier) {
        (true, Some(was)) => format!("已改到 {when}（比原定的 {was} 提前了）{late}：{name}"),
        (true, None) => format!("已推迟到 {when}{late}：{name}"),
        (false, Some(was)) => {
            format!("Moved to {when} (earlier than the {was} it was due){late}: {name}")
        }
        (false, None) => format!("Snoozed to {when}{late}: {name}"),
    }
}

pub fn followup_scheduled(lang: Lang, name: &str, when: &str) -> String {
    if zh(lang) {
        format!("已约定 {when} 跟进：{name}")
    } else {
        format!("Follow-up with {name} set for {when}")
    }
}

/// The template chosen is the one the book already follows, unchanged.
pub fn template_already(lang: Lang, name: &str) -> String {
    if zh(lang) {
        format!("已经在用模板「{name}」，没有改动")
    } else {
        format!("Already following “{name}”; nothing changed")
    }
}

pub fn template_used(lang: Lang, name: &str) -> String {
    if zh(lang) {
        format!("已改用模板「{name}」，跟进已按它重新安排")
    } else {
        format!("Now following “{name}”; follow-ups planned again")
    }
}

/// `total`: the contacts the change touched, of which `names` are the first.
pub fn undone(lang: Lang, action: &str, names: &[String], total: usize) -> String {
    let what = change(lang, action, names, total);
    if zh(lang) {
        format!("已撤销：{what}")
    } else {
        format!("Undone: {what}")
    }
}

/// The question before undoing a change this app did not make.
pub fn undo_elsewhere(lang: Lang, action: &str, names: &[String], total: usize) -> String {
    let what = change(lang, action, names, total);
    if zh(lang) {
        format!("最近一次改动不是在这个窗口里做的：{what}。撤销它吗？")
    } else {
        format!("The latest change was not made in this window: {what}. Undo it?")
    }
}

/// A change named by its action and the contacts it changed.
pub fn change(lang: Lang, action: &str, names: &[String], total: usize) -> String {
    let what = super::errors::action_label(lang, action);
    let mut who = super::list_of(lang, names);
    if total > names.len() && !names.is_empty() {
        who.push_str(&if zh(lang) {
            format!(" 等 {total} 位")
        } else {
            format!(" … {total} in all")
        });
    }
    match (zh(lang), who.is_empty()) {
        (_, true) => what.to_string(),
        (true, false) => format!("{what}（{who}）"),
        (false, false) => format!("{what} ({who})"),
    }
}

/// What a bulk change did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BulkWord {
    Moved,
    Graded,
    Tagged,
    Archived,
}

fn bulk_verb(lang: Lang, w: BulkWord) -> &'static str {
    match (zh(lang), w) {
        (true, BulkWord::Moved) => "换阶段",
        (true, BulkWord::Graded) => "改等级",
        (true, BulkWord::Tagged) => "加标签",
        (true, BulkWord::Archived) => "归档",
        (false, BulkWord::Moved) => "moved",
        (false, BulkWord::Graded) => "graded",
        (false, BulkWord::Tagged) => "tagged",
        (false, BulkWord::Archived) => "archived",
    }
}

/// "1 contact", "2 contacts".
fn contacts_en(n: usize) -> String {
    if n == 1 {
        "1 contact".to_string()
    } else {
        format!("{n} contacts")
    }
}

pub fn bulk_done(lang: Lang, w: BulkWord, done: usize, skipped: &[String]) -> String {
    /// Skipped contacts named in the message; more are counted.
    const NAMED: usize = 3;
    let verb = bulk_verb(lang, w);
    let n = skipped.len();
    let mut who = super::list_of(lang, &skipped[..n.min(NAMED)]);
    if n > NAMED {
        who.push_str(if zh(lang) { "等" } else { "…" });
    }
    match (zh(lang), n) {
        (true, 0) => format!("已批量{verb}：{done} 位客户（一次撤销即可还原）"),
        (true, n) => format!("已批量{verb}：{done} 位客户，{n} 位不适用已跳过（{who}）"),
        (false, 0) => format!("{} {verb} (one undo reverts them)", contacts_en(done)),
        (false, n) => format!(
            "{} {verb}; {n} skipped, not applicable ({who})",
            contacts_en(done)
        ),
    }
}

pub fn bulk_none(lang: Lang, w: BulkWord) -> String {
    let verb = bulk_verb(lang, w);
    if zh(lang) {
        format!("标记的客户都不能{verb}")
    } else {
        format!("None of the marked contacts can be {verb}")
    }
}
