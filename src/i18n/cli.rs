//! What the commands say when they succeed, in the UI's language.

use crate::config::Lang;

pub struct CliText {
    pub created_book: &'static str,
    pub upgraded_book: &'static str,
    pub backup_at: &'static str,
    pub unchanged: &'static str,
    pub already_in: &'static str,
    pub next: &'static str,
    pub nothing_scheduled: &'static str,
    pub unarchived: &'static str,
    /// A contact archived, said after the change and in a listing's status.
    pub archived_done: &'static str,
    pub demo_done: &'static str,
    pub contacts: &'static str,
    pub interactions: &'static str,
    pub undone: &'static str,
    pub undo_list_header: [&'static str; 5],
    pub undo_can: &'static str,
    pub undo_cannot: &'static str,
    pub undo_done_by: &'static str,
    /// A change someone else made since stands in the way: `{}` is its number.
    pub undo_blocked_by: &'static str,
    pub undo_stopped: &'static str,
    /// `{0}` changes asked for, `{1}` undone: there were no more.
    pub undo_fewer: &'static str,
    /// `{0}` log entries, `{1}` their span (`verify_span`, or nothing), `{2}` contacts, `{3}`
    /// the sealed rows (`verify_records` or `verify_records_unsealed`).
    pub verify_ok: &'static str,
    /// `{0}` the first entry's time, `{1}` the last's.
    pub verify_span: &'static str,
    /// `{0}` rows of the timeline, purchases and closed follow-ups, all as sealed.
    pub verify_records: &'static str,
    /// A log that has not sealed those rows yet (a book from before the seal, unchanged since).
    pub verify_records_unsealed: &'static str,
    /// `{0}` the first problem.
    pub verify_broken: &'static str,
    /// SQLite's check of the file found damage: `{0}` its words.
    pub verify_damaged: &'static str,
    /// A command met a damaged file.
    pub book_damaged: &'static str,
    /// `{0}` another problem.
    pub verify_more: &'static str,
    pub backed_up: &'static str,
    pub restored: &'static str,
    pub safety_copy: &'static str,
    pub template_missing: &'static str,
    pub changed_while_reading: &'static str,
    pub merged: &'static str,
    pub error: &'static str,
    /// Before a note on standard error (a file written, a book created, a hint).
    pub note: &'static str,
    pub saved_but_output_failed: &'static str,
    /// The agenda table's columns.
    pub agenda_columns: [&'static str; 8],
    /// The column `--explain` adds.
    pub agenda_terms: &'static str,
    /// `{0}` follow-up id, `{1}` name, `{2}` how many over the cap.
    pub over_cap: &'static str,
    /// `simulate`'s columns.
    pub simulate_columns: [&'static str; 3],
    /// Before an objection's answer in `script`.
    pub reply: &'static str,
    /// `template list`'s columns.
    pub template_columns: [&'static str; 4],
    pub backup_columns: [&'static str; 3],
    /// `restore` without a file, and the book has no backups.
    pub no_backups: &'static str,
    /// `{0}` how many backups were listed.
    pub choose_backup: &'static str,
    /// Where a template built into salesbook comes from.
    pub built_in: &'static str,
    /// `{0}` an option, `{1}` the value given, `{2}` what is accepted.
    pub bad_option: &'static str,
    pub bad_map: &'static str,
    pub cannot_read_file: &'static str,
    pub not_a_file: &'static str,
    pub no_such_file: &'static str,
    pub permission_denied: &'static str,
    pub cannot_write_file: &'static str,
    pub no_such_folder: &'static str,
    pub cannot_write_here: &'static str,
    pub is_a_folder: &'static str,
    pub file_too_big: &'static str,
    /// `{0}` rows rejected; the rest imported.
    pub import_partly: &'static str,
    pub import_nothing: &'static str,
    /// A file with a header and no rows under it.
    pub import_no_rows: &'static str,
    /// `{0}` rows a dry run found it would reject.
    pub import_dry_rejected: &'static str,
    /// `{0}`: how many archived contacts an export without `--all` left out.
    pub archived_left_out: &'static str,
    /// After a snooze that moved an item earlier; `{0}` when it was due.
    pub snoozed_earlier: &'static str,
    /// `followup add` asked for a reminder whose time, `{0}`, has passed.
    pub reminder_passed: &'static str,
    /// `done`/`skip` on an item not due for over a week; `{0}` when it was due.
    pub closed_long_before_due: &'static str,
    /// `--tag X` without a group, and no group of the template has X; `{0}` the tag.
    pub tag_not_in_template: &'static str,
    /// `--tag X` without a group, and several groups have X; `{0}` the tag, `{1}` the
    /// tag written out in each.
    pub tag_in_several_groups: &'static str,
    pub exported: &'static str,
    pub undo_import_hint: &'static str,
    pub report_written: &'static str,
    /// `{0}` the first day, `{1}` the last.
    pub bad_period: &'static str,
    /// `{0}` first day, `{1}` last day, `{2}` the most days a period may have.
    pub period_too_long: &'static str,
    /// `{0}` a date.
    pub day_out_of_range: &'static str,
    /// `{0}` the period's first day, `{1}` today.
    pub period_not_begun: &'static str,
    /// `{0}` the book.
    pub log_broken: &'static str,
    /// `{0}` how many books, `{1}` which.
    pub books_unreadable: &'static str,
    /// After a list of names cut short; `{0}` how many there are.
    pub names_in_all: &'static str,
    /// `{0}` and `{1}`: two names of one book file.
    pub book_given_twice: &'static str,
    pub book_copied_twice: &'static str,
    /// `{0}` the file.
    pub out_is_a_book: &'static str,
    pub out_is_a_database: &'static str,
    /// `{0}`: the path given, `{1}`: the database it belongs to.
    pub out_is_a_sidecar: &'static str,
    /// `--template` given to a command that does not use it.
    pub template_flag_unused: &'static str,
    /// `template use FILE`: `{0}` the file, `{1}` the templates folder, `{2}` its id.
    pub template_file_not_installed: &'static str,
}

pub const ZH: CliText = CliText {
    created_book: "已新建客户手册",
    upgraded_book: "已升级客户手册的结构，升级前的备份在",
    backup_at: "备份",
    unchanged: "没有改动",
    already_in: "已经在",
    next: "下次",
    nothing_scheduled: "暂无安排",
    unarchived: "已取消归档",
    archived_done: "已归档",
    demo_done: "示例数据",
    contacts: "位客户",
    interactions: "条记录",
    undone: "已撤销",
    undo_list_header: ["#", "时间", "操作", "撤销", "客户"],
    undo_can: "可撤销",
    undo_cannot: "不能撤销",
    undo_done_by: "已由 #{} 撤销",
    undo_blocked_by: "别人的 #{} 挡住了",
    undo_stopped: "其余的没有撤销",
    undo_fewer: "要撤销 {0} 次，只有 {1} 次可以撤销",
    verify_ok: "日志完好：{0} 条记录{1}；{2} 位客户与日志一致{3}",
    verify_span: "（{0} 至 {1}）",
    verify_records: "；时间线、购买和已完成的跟进共 {0} 行与日志一致",
    verify_records_unsealed: "；时间线、购买和已完成的跟进还没有记入日志，下一次修改之后才能核对",
    verify_broken: "日志校验不通过：{0}",
    verify_damaged: "客户手册文件已损坏（SQLite 检查：{0}）；请用 salesbook restore 从备份恢复（备份在数据目录的 backups 文件夹里）",
    book_damaged: "客户手册文件已损坏，读不下去了（SQLite：{0}）；salesbook verify --full 可查看，salesbook restore 可从备份恢复",
    verify_more: "另有问题：{0}",
    backed_up: "已备份到",
    restored: "已从备份恢复",
    safety_copy: "恢复前的手册备份在",
    template_missing: "这本手册用的模板不见了（缺失或有错误），暂时改用",
    changed_while_reading: "读取时另一个 salesbook 改动了这本手册，结果可能不一致；请再运行一次",
    merged: "已合并",
    error: "错误",
    note: "提示",
    bad_option: "参数 {0} 的值 '{1}' 不对；可用：{2}",
    bad_map: "--map 的“{0}”不对：写成 列名=字段，例如 客户昵称=name；字段可用：{1}、ignore",
    cannot_read_file: "读不了文件",
    not_a_file: "不是普通文件",
    no_such_file: "没有这个文件",
    permission_denied: "没有读取权限",
    cannot_write_file: "写不了文件",
    no_such_folder: "文件夹不存在",
    cannot_write_here: "没有写入权限",
    is_a_folder: "这是一个文件夹",
    file_too_big: "文件太大（最多 {0} MB）",
    import_partly: "有 {0} 行没有导入（原因见上面的报告），其余已导入；改好这些行后可以只导入它们",
    import_nothing: "没有导入任何一行：每一行都有问题（见上面的报告），手册没有改动",
    import_no_rows: "文件里只有表头，下面没有客户：没有导入任何内容",
    import_dry_rejected: "有 {0} 行会被拒绝（原因见上面的报告）；这是试运行，没有写入任何内容",
    archived_left_out: "另有 {0} 位已归档的客户没有导出；加 --all 一起导出",
    snoozed_earlier: "（比原定的 {0} 提前了）",
    tag_not_in_template: "模板的标签里没有“{0}”：写成 分组/标签，例如 客户来源/朋友圈；模板外的新标签用 --new-tag 分组/标签 添加",
    tag_in_several_groups: "“{0}”在几个分组里都有：请写全，{1}",
    closed_long_before_due: "这条跟进原定 {0} 才到期；如果编号输错了，用 undo 撤销",
    reminder_passed: "没有安排提醒：该提醒的时间 {0} 已经过了，需要的话现在就提醒客户",
    exported: "已导出",
    undo_import_hint: "整批导入可以撤销",
    report_written: "报告已写入",
    bad_period: "开始日期 {0} 晚于结束日期 {1}：--from 不能晚于 --to（两天都算在报告期内）",
    period_too_long: "报告期 {0} 到 {1} 太长：最多 {2} 天（十年）；请把 --from 和 --to 收窄",
    day_out_of_range: "日期 {0} 超出了能计算的范围",
    period_not_begun: "报告期从 {0} 开始，还没到（今天是 {1}）：这段时间里还没有发生任何事，只有到期落在其中的跟进",
    log_broken: "{0} 的活动日志校验不通过，数字可能被改动过；报告开头写明了断在哪里",
    books_unreadable: "有 {0} 本手册读不了（报告里写明了原因）：{1}",
    names_in_all: " 等，共 {0} 位",
    book_given_twice: "{0} 和 {1} 是同一本手册，汇总里会被算两次；每本手册只写一次",
    book_copied_twice: "{0} 和 {1} 是同一本手册的两份拷贝（操作日志相同），汇总里会把这位销售算两次；只写其中一份",
    out_is_a_book: "--out {0} 是正在读取的客户手册（或它的附属文件），不能覆盖；请换一个文件名",
    out_is_a_database: "--out {0} 是一个 SQLite 数据库（可能是客户手册或备份），不会覆盖它；请换一个文件名",
    out_is_a_sidecar: "--out {0} 是 SQLite 数据库 {1} 的附属文件（写到这里会损坏它），不能写；请换一个文件名",
    template_file_not_installed: "{0} 是一个模板文件，还不在模板文件夹里：手册下次打开时会找不到它。把它放进 {1}，再用 salesbook template use {2}",
    template_flag_unused: "--template 只用于 script、simulate 和 audit（看另一个模板的话术、试算它的跟进节奏）；其他命令都按这本手册自己的模板。要整本改用别的模板，用 salesbook template use 模板编号",
    saved_but_output_failed: "改动已保存，但结果没能输出",
    agenda_columns: [
        "跟进号",
        "客户",
        "阶段",
        "级",
        "到期",
        "跟进",
        "话术",
        "紧急度",
    ],
    agenda_terms: "= 各项",
    over_cap: "⚠ #{0} {1}：30天内已超出唤醒上限 {2} 次",
    simulate_columns: ["日期", "跟进", "客户"],
    reply: "回复：",
    template_columns: ["编号", "名称", "版本", "来源"],
    backup_columns: ["备份时间", "大小", "文件"],
    no_backups: "没有指定要恢复的备份，备份文件夹里也没有这本手册的备份；请写出备份文件的路径：salesbook restore 文件",
    choose_backup: "没有指定要恢复的备份：上面是这本手册的 {0} 份备份（最新的在前）；选一份再运行 salesbook restore 文件",
    built_in: "内置",
};

pub const EN: CliText = CliText {
    created_book: "created a new book",
    upgraded_book: "upgraded the book's schema; the backup made first is",
    backup_at: "backup",
    unchanged: "nothing changed",
    already_in: "is already in",
    next: "next",
    nothing_scheduled: "nothing scheduled",
    unarchived: "unarchived",
    archived_done: "archived",
    demo_done: "demo",
    contacts: "contacts",
    interactions: "interactions",
    undone: "undone",
    undo_list_header: ["#", "time", "change", "undo", "contacts"],
    undo_can: "can undo",
    undo_cannot: "cannot undo",
    undo_done_by: "undone by #{}",
    undo_blocked_by: "blocked by #{} (someone else's)",
    undo_stopped: "the rest were not undone",
    undo_fewer: "{0} asked for, only {1} could be undone: there are no more changes of yours",
    verify_ok: "log intact: {0} entries{1}; {2} contacts match the log{3}",
    verify_span: " ({0} – {1})",
    verify_records: "; {0} rows of timeline, purchases and closed follow-ups match the log",
    verify_records_unsealed: "; the timeline, purchases and closed follow-ups are not in the log yet: they are checked after the next change",
    verify_broken: "the activity log does not check out: {0}",
    verify_damaged: "the book's file is damaged (SQLite's check: {0}); restore a backup with `salesbook restore` (backups are in the data folder's backups)",
    book_damaged: "the book's file is damaged and cannot be read on (SQLite: {0}); see `salesbook verify --full`, and `salesbook restore` brings back a backup",
    verify_more: "more problems: {0}",
    backed_up: "backed up to",
    restored: "restored from the backup",
    safety_copy: "the book as it was is backed up at",
    template_missing: "the book's template is missing or broken; using",
    changed_while_reading: "another salesbook changed the book while it was read, so the answer may mix two states; run the command again",
    merged: "merged",
    error: "error",
    note: "note",
    bad_option: "{0} does not accept '{1}'; accepted: {2}",
    bad_map: "bad --map '{0}': write COLUMN=FIELD, e.g. 客户昵称=name; fields: {1}, ignore",
    cannot_read_file: "cannot read the file",
    not_a_file: "not a regular file",
    no_such_file: "no such file",
    permission_denied: "permission denied",
    cannot_write_file: "cannot write the file",
    no_such_folder: "no such folder",
    cannot_write_here: "no permission to write there",
    is_a_folder: "it is a folder",
    file_too_big: "file too big (at most {0} MB)",
    import_partly: "{0} rows were not imported (see the report above for why); the others were. Fix those rows and import just them",
    import_nothing: "nothing imported: every row has a problem (see the report above); the book is unchanged",
    import_no_rows: "the file has a header and no rows under it: nothing was imported",
    import_dry_rejected: "rows that would be rejected: {0} (see the report above for why); this was a dry run, nothing was written",
    archived_left_out: "archived contacts not exported: {0}; add --all to export them too",
    snoozed_earlier: " (earlier than the {0} it was due)",
    tag_not_in_template: "the template has no tag \"{0}\": write GROUP/TAG, e.g. 客户来源/朋友圈; add a tag the template lacks with --new-tag GROUP/TAG",
    tag_in_several_groups: "\"{0}\" is a tag of several groups: write it in full, {1}",
    closed_long_before_due: "this follow-up was not due until {0}; if the id was mistyped, undo takes it back",
    reminder_passed: "no reminder planned: its time, {0}, has already passed; remind the customer now if needed",
    exported: "exported",
    undo_import_hint: "the whole import can be undone",
    report_written: "report written to",
    bad_period: "--from {0} is after --to {1}: the period's first day cannot come after its last (both days are included)",
    period_too_long: "the period {0} to {1} is too long: at most {2} days (ten years); narrow --from and --to",
    day_out_of_range: "the date {0} is out of the range salesbook can compute with",
    period_not_begun: "the period begins on {0}, which has not come yet (today is {1}): nothing has happened in it, only follow-ups fall due in it",
    log_broken: "the activity log of {0} does not check out, so its figures may have been altered; the report opens with where it breaks",
    books_unreadable: "{0} of the books could not be read (the report says why): {1}",
    names_in_all: " … {0} in all",
    book_given_twice: "{0} and {1} are the same book, which the totals would count twice; name each book once",
    book_copied_twice: "{0} and {1} are two copies of one book (the same log), which the totals would count as two reps; name one of them",
    out_is_a_book: "--out {0} is a book being read (or one of its files) and will not be overwritten; choose another file",
    out_is_a_database: "--out {0} is an SQLite database (perhaps a book or a backup) and will not be overwritten; choose another file",
    out_is_a_sidecar: "--out {0} belongs to the SQLite database {1} (writing it would damage that database); choose another file",
    template_file_not_installed: "{0} is a template file outside the templates folder, where the book could not find it next time: put it in {1}, then salesbook template use {2}",
    template_flag_unused: "--template is for script, simulate and audit (another template's scripts, a dry run of its cadences); every other command follows the book's own template. To switch the book, use salesbook template use ID",
    saved_but_output_failed: "the change was saved, but its output could not be written",
    agenda_columns: [
        "Item",
        "Contact",
        "Stage",
        "Gr",
        "Due",
        "Follow-up",
        "Script",
        "Urgency",
    ],
    agenda_terms: "= terms",
    over_cap: "⚠ #{0} {1}: {2} over the wake-up cap within 30 days",
    simulate_columns: ["Date", "Follow-ups", "Contacts"],
    reply: "Reply: ",
    template_columns: ["id", "name", "version", "origin"],
    backup_columns: ["backed up", "size", "file"],
    no_backups: "no backup given to restore, and the backups folder has none of this book; name the backup file: salesbook restore FILE",
    choose_backup: "no backup given to restore: above are this book's {0} backups (newest first); pick one and run salesbook restore FILE",
    built_in: "built-in",
};

/// A term of an item's urgency, as `agenda --explain` lists it: in English its name as
/// the JSON gives it; in Chinese in words.
pub fn term_text(lang: Lang, term: &crate::domain::urgency::Term) -> String {
    use crate::domain::urgency::TermKind;
    if lang == Lang::En {
        return term.name.clone();
    }
    match &term.kind {
        TermKind::Overdue(m) => {
            let (m, f) = (*m, *m as f64);
            match m {
                ..60 => format!("逾期 {m} 分钟"),
                60..1440 => format!("逾期 {:.1} 小时", f / 60.0),
                _ => format!("逾期 {:.1} 天", f / 1440.0),
            }
        }
        TermKind::Tier(t) => format!("分层 {t} {}", t.zh()),
        TermKind::Grade(g) => format!("等级 {g}"),
        TermKind::Signal(id) => format!("信号 {id}"),
        TermKind::Stage(s) => format!("阶段 {}", s.zh()),
        TermKind::FirstResponseLate => "首次回复超时".into(),
        TermKind::Rotting => "停留过久".into(),
        TermKind::Tag(tag) => format!("标签 {tag}"),
    }
}

/// The name a calendar app gives the follow-ups' calendar.
pub fn ics_calendar_name(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "salesbook 跟进",
        Lang::En => "salesbook follow-ups",
    }
}

/// An overdue follow-up's event in a calendar file: the prefix of its title, and the
/// line that says when it was due (`was`, a local date and time).
pub fn ics_overdue(lang: Lang, was: &str) -> (&'static str, String) {
    match lang {
        Lang::Zh => ("【逾期】", format!("原定 {was}")),
        Lang::En => ("[Overdue] ", format!("Was due {was}")),
    }
}

/// How many namesakes a note names (a common name may have hundreds).
pub const SAME_NAME_SHOWN: usize = 5;

/// Said after adding contact `id` when `others` have the same name (and company): perhaps
/// the same person, to look at and merge if so.
pub fn same_name(lang: Lang, id: i64, others: &[i64]) -> String {
    let mut list = others
        .iter()
        .take(SAME_NAME_SHOWN)
        .map(i64::to_string)
        .collect::<Vec<_>>()
        .join(", ");
    if others.len() > SAME_NAME_SHOWN {
        list.push_str(&match lang {
            Lang::Zh => format!(" 等 {} 位", others.len()),
            Lang::En => format!(" … {} in all", others.len()),
        });
    }
    let first = others.first().copied().unwrap_or(id);
    match lang {
        Lang::Zh => format!(
            "已有同名的客户：{list}；如果是同一个人，可用 salesbook merge {first} {id} 合并"
        ),
        Lang::En => format!(
            "contacts with the same name already in the book: {list}; if it is the same \
             person, merge them with `salesbook merge {first} {id}`"
        ),
    }
}

/// `--untag` of a tag the contact does not have.
pub fn not_tagged(lang: Lang, id: i64, name: &str, tag: &str) -> String {
    match lang {
        Lang::Zh => format!("客户 {id}（{name}）没有标签 {tag}"),
        Lang::En => format!("contact {id} ({name}) has no tag {tag}"),
    }
}

/// After a next follow-up's time that has already passed.
pub fn overdue_mark(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "（已逾期）",
        Lang::En => " (overdue)",
    }
}

/// A win recorded for a customer who had bought before: the `nth` purchase.
pub fn bought_again(lang: Lang, nth: usize) -> String {
    match lang {
        Lang::Zh => format!("复购（第 {nth} 次购买）"),
        Lang::En => format!("bought again (purchase {nth})"),
    }
}

/// How long a new lead has waited: "35 分钟", "2 小时 5 分", "3 天".
pub fn waited(lang: Lang, minutes: i64) -> String {
    let (d, h) = (minutes / 1440, minutes / 60);
    match lang {
        Lang::Zh if minutes < 60 => format!("{minutes} 分钟"),
        Lang::Zh if minutes < 1440 => format!("{h} 小时 {} 分", minutes % 60),
        Lang::Zh => format!("{d} 天"),
        Lang::En if minutes < 60 => format!("{minutes} min"),
        Lang::En if minutes < 1440 => format!("{h} h {} min", minutes % 60),
        Lang::En => format!("{d} d"),
    }
}

pub fn cli_text(lang: Lang) -> &'static CliText {
    match lang {
        Lang::Zh => &ZH,
        Lang::En => &EN,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::urgency::{Term, TermKind};
    use crate::domain::{Grade, Stage, TagRef, Tier};

    #[test]
    fn an_overdue_event_says_so_in_either_language() {
        assert_eq!(
            ics_overdue(Lang::Zh, "2026-11-20 09:00"),
            ("【逾期】", "原定 2026-11-20 09:00".to_string())
        );
        assert_eq!(
            ics_overdue(Lang::En, "2026-11-20 09:00"),
            ("[Overdue] ", "Was due 2026-11-20 09:00".to_string())
        );
    }

    #[test]
    fn waiting_times_read_in_minutes_hours_and_days() {
        let zh = |m| waited(Lang::Zh, m);
        assert_eq!(zh(0), "0 分钟");
        assert_eq!(zh(59), "59 分钟");
        assert_eq!(zh(60), "1 小时 0 分");
        assert_eq!(zh(135), "2 小时 15 分");
        assert_eq!(zh(1439), "23 小时 59 分");
        assert_eq!(zh(1440), "1 天");
        assert_eq!(zh(3 * 1440 + 700), "3 天");
        let en = |m| waited(Lang::En, m);
        assert_eq!(en(59), "59 min");
        assert_eq!(en(60), "1 h 0 min");
        assert_eq!(en(1439), "23 h 59 min");
        assert_eq!(en(1440), "1 d");
        assert_eq!(en(135), "2 h 15 min");
        assert_eq!(en(3 * 1440 + 700), "3 d");
    }

    #[test]
    fn urgency_terms_in_words() {
        let term = |kind: TermKind| Term {
            name: kind.name(),
            points: 1.0,
            kind,
        };
        let zh = |kind| term_text(Lang::Zh, &term(kind));
        assert_eq!(zh(TermKind::Overdue(59)), "逾期 59 分钟");
        assert_eq!(zh(TermKind::Overdue(90)), "逾期 1.5 小时");
        assert_eq!(zh(TermKind::Overdue(1439)), "逾期 24.0 小时");
        assert_eq!(zh(TermKind::Overdue(1440 * 2 + 720)), "逾期 2.5 天");
        assert_eq!(zh(TermKind::Tier(Tier::A)), "分层 A 深度绑定");
        assert_eq!(zh(TermKind::Grade(Grade::B)), "等级 B");
        assert_eq!(zh(TermKind::Signal("ask-price".into())), "信号 ask-price");
        assert_eq!(zh(TermKind::Stage(Stage::Pitch)), "阶段 抛产品");
        assert_eq!(zh(TermKind::FirstResponseLate), "首次回复超时");
        assert_eq!(zh(TermKind::Rotting), "停留过久");
        let tag = TagRef {
            group: "意向".into(),
            tag: "近期购买".into(),
        };
        assert_eq!(zh(TermKind::Tag(tag.clone())), "标签 意向/近期购买");
        // In English, the name the JSON gives.
        let en = term(TermKind::Overdue(90));
        assert_eq!(term_text(Lang::En, &en), "overdue 1.5h");
        assert_eq!(
            term_text(Lang::En, &term(TermKind::Tag(tag))),
            "tag 意向/近期购买"
        );
    }
}
