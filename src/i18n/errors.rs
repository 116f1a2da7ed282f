//! Every error a rep or a lead can meet, worded for each front end in the UI's language:
//! the command line names the command or flag that fixes it; the TUI says it in its own
//! words (a rep there never needs a command).

use super::field_errors::outcome_word;
pub use super::field_errors::{field_error, field_name};
pub use super::open_errors::open_error;
pub use super::setup_errors::{bad_now, config_error};
pub use super::verify_words::{verify_break, verify_break_subject};
use crate::config::Lang;
use crate::service::Error;

/// Which front end the message is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Front {
    Cli,
    Tui,
}

pub(super) fn zh(lang: Lang) -> bool {
    lang == Lang::Zh
}

/// A log action ("contact.move") in words.
pub fn action_label(lang: Lang, action: &str) -> String {
    let z = zh(lang);
    let word = match action {
        "contact.add" => ("新增客户", "add"),
        "contact.edit" => ("修改资料", "edit"),
        "contact.tag" => ("改标签", "tags"),
        "contact.grade" => ("改等级", "grade"),
        "contact.move" => ("换阶段", "move"),
        "contact.won" => ("成交", "won"),
        "contact.lost" => ("流失", "lost"),
        "contact.reopen" => ("重新打开", "reopen"),
        "interaction.log" => ("记录跟进", "log"),
        "interaction.inbound" => ("记录客户消息", "inbound"),
        "interaction.script_sent" => ("发送话术", "script sent"),
        "contact.archive" => ("归档", "archive"),
        "contact.unarchive" => ("取消归档", "unarchive"),
        "followup.done" => ("完成跟进", "follow-up done"),
        "followup.snooze" => ("推迟跟进", "follow-up snoozed"),
        "followup.skip" => ("跳过跟进", "follow-up skipped"),
        "followup.add" => ("约定跟进", "follow-up scheduled"),
        "contact.merge" => ("合并客户", "merge"),
        "template.use" => ("换模板", "template"),
        "followups.replan" => ("重新排跟进", "re-plan"),
        "demo.fill" => ("载入示例", "demo"),
        "batch.import" => ("导入", "import"),
        "batch.bulk" => ("批量操作", "bulk change"),
        "undo" => ("撤销", "undo"),
        "genesis" => ("日志起点", "log start"),
        other => return other.to_string(),
    };
    if z { word.0 } else { word.1 }.to_string()
}

pub fn message(e: &Error, lang: Lang, front: Front) -> String {
    let z = zh(lang);
    let cli = front == Front::Cli;
    match e {
        Error::Open(o) => open_error(lang, o),
        Error::Field(f) => field_error(lang, front, f),
        Error::NoContact(id) => match (z, cli) {
            (true, true) => format!("没有编号为 {id} 的客户（salesbook list --all 可查看编号）"),
            (true, false) => format!("没有编号为 {id} 的客户"),
            (false, true) => format!("no contact with id {id} (see `salesbook list --all` for ids)"),
            (false, false) => format!("No contact with id {id}"),
        },
        Error::NotOpen { id, name, outcome } => {
            let o = outcome_word(lang, *outcome);
            match (z, cli) {
                (true, true) => format!(
                    "客户 {id}（{name}）{o}，只有进行中的客户能换阶段或标记流失；要重新开始请用 salesbook reopen {id}"
                ),
                (true, false) => format!("{name} {o}：只有进行中的客户能换阶段，请先重新打开"),
                (false, true) => format!(
                    "contact {id} ({name}) is {o}; only open contacts move or are lost (reopen it with `salesbook reopen {id}`)"
                ),
                (false, false) => format!("{name} is {o}: only open contacts move; reopen first"),
            }
        }
        Error::AftercareByWin { id, name } => match (z, cli) {
            (true, true) => format!("客户 {id}（{name}）成交后才进入理售后：请用 salesbook won {id}"),
            (true, false) => format!("{name} 成交后才进入理售后，请标记成交"),
            (false, true) => format!(
                "contact {id} ({name}) reaches aftercare only by a win: use `salesbook won {id}`"
            ),
            (false, false) => format!("{name} reaches aftercare only by a win: mark it won"),
        },
        Error::WonWhileLost { id, name } => match (z, cli) {
            (true, true) => format!("客户 {id}（{name}）已流失；请先用 salesbook reopen {id} 重新打开"),
            (true, false) => format!("{name} 已流失，请先重新打开"),
            (false, true) => format!("contact {id} ({name}) is lost; reopen it first with `salesbook reopen {id}`"),
            (false, false) => format!("{name} is lost: reopen first"),
        },
        Error::AlreadyOpen { id, name } => {
            if z {
                format!("客户 {id}（{name}）本来就是进行中")
            } else {
                format!("contact {id} ({name}) is already open")
            }
        }
        Error::AlreadyArchived { id, name, archived } => match (z, archived) {
            (true, true) => format!("客户 {id}（{name}）已经归档了"),
            (true, false) => format!("客户 {id}（{name}）没有归档"),
            (false, true) => format!("contact {id} ({name}) is already archived"),
            (false, false) => format!("contact {id} ({name}) is not archived"),
        },
        Error::Archived { id, name } => {
            if z {
                format!("客户 {id}（{name}）已归档；要继续跟进，先取消归档")
            } else {
                format!("contact {id} ({name}) is archived; unarchive it to work on it again")
            }
        }
        Error::MergedAway { id, name, into } => {
            if z {
                format!("客户 {id}（{name}）已合并到 {into}，请改用 {into}")
            } else {
                format!("contact {id} ({name}) was merged into {into}; use {into} instead")
            }
        }
        Error::Duplicate { id, name, key } => {
            let (what_zh, what_en, value) = match key {
                crate::service::SharedKey::Phone(p) => ("电话", "phone number", p),
                crate::service::SharedKey::Wechat(w) => ("微信号", "WeChat ID", w),
            };
            match (z, cli) {
                (true, true) => format!(
                    "{what_zh} {value} 已经是客户 {id}（{name}）的了，没有保存；是同一个人就用 \
                     salesbook show {id} 查看，确实是另一个人请加上 --duplicate 再运行"
                ),
                (true, false) => format!(
                    "{what_zh} {value} 已经是客户 {id}（{name}）的了；确实是另一个人，再保存一次"
                ),
                (false, true) => format!(
                    "contact {id} ({name}) already has the {what_en} {value}; nothing was saved \
                     (see it with `salesbook show {id}`; if this is someone else, run again with \
                     --duplicate)"
                ),
                (false, false) => format!(
                    "Contact {id} ({name}) already has the {what_en} {value}; if this is \
                     someone else, save again"
                ),
            }
        }
        Error::MergeSelf(id) => {
            if z {
                format!("不能把客户 {id} 合并到它自己")
            } else {
                format!("contact {id} cannot be merged into itself")
            }
        }
        Error::NoFollowup(id) => match (z, cli) {
            (true, true) => format!("没有编号为 {id} 的跟进（salesbook agenda 可查看编号）"),
            (true, false) => "这条跟进已经不在了".into(),
            (false, true) => format!("no follow-up with id {id} (see `salesbook agenda` for ids)"),
            (false, false) => "That follow-up is gone".into(),
        },
        Error::FollowupClosed { id, status } => {
            let st = match (z, status.as_str()) {
                (true, "done") => "已完成",
                (true, "skipped") => "已跳过",
                (true, _) => "已被新的计划替代",
                (false, "done") => "already done",
                (false, "skipped") => "already skipped",
                (false, _) => "already replaced by a newer plan",
            };
            match (z, cli) {
                (true, true) => format!("跟进 {id} {st}；现在要做的见 salesbook agenda"),
                (true, false) => format!("这条跟进{st}"),
                (false, true) => format!("follow-up {id} is {st}; see `salesbook agenda` for what is open now"),
                (false, false) => format!("That follow-up is {st}"),
            }
        }
        Error::NotInFuture => {
            if z {
                "推迟到的时间必须在将来：可写 +3d、3天后、明天、下周一 15:00、2026-12-01 或 2026-12-01 15:00".into()
            } else {
                "the new time must be in the future: +3d, in 3 days, tomorrow 3pm, next mon, 2026-12-01 or 2026-12-01 15:00".into()
            }
        }
        Error::NothingToChange => match (z, cli) {
            (true, true) => "没有要改的内容：至少给出 --name、--honorific、--phone、--wechat、--company、--source、--need、--budget、--email、--birthday、--grade、--tag、--untag、--note 中的一项".into(),
            (true, false) => "没有改动".into(),
            (false, true) => "nothing to change; give at least one of --name, --honorific, --phone, --wechat, --company, --source, --need, --budget, --email, --birthday, --grade, --tag, --untag, --note".into(),
            (false, false) => "Nothing changed".into(),
        },
        Error::BookNotEmpty { contacts } => {
            if z {
                format!("这本手册已经有 {contacts} 位客户；示例数据只放进空手册（确实要加请用 --force，或用 --db 指定一个新文件）")
            } else {
                format!("the book already has {contacts} contacts; demo data goes only into an empty book (add --force to add it anyway, or use --db with a new file)")
            }
        }
        Error::NothingToUndo => {
            if z {
                "没有可以撤销的操作".into()
            } else {
                "nothing to undo".into()
            }
        }
        Error::NotUndoable { event, action } if action == "template.use" => {
            if z {
                format!("#{event}（换模板）不能撤销：要换回去，请再选一次原来的模板")
            } else {
                format!(
                    "#{event} (a change of template) cannot be undone: to go back, choose the \
                     old template again"
                )
            }
        }
        Error::NotUndoable { event, action } => {
            let a = action_label(lang, action);
            if z {
                format!("#{event}（{a}）不能撤销")
            } else {
                format!("#{event} ({a}) cannot be undone")
            }
        }
        Error::AlreadyUndone { event, by } => {
            if z {
                format!("#{event} 已经被 #{by} 撤销了")
            } else {
                format!("#{event} was already undone by #{by}")
            }
        }
        Error::UndoBlocked {
            event,
            action,
            contact,
            name,
            by,
            by_other,
        } => {
            let a = action_label(lang, action);
            let later = by.map(|b| format!(" #{b}")).unwrap_or_default();
            match (z, by_other) {
                (true, None) => format!("不能撤销 #{event}（{a}）：客户 {contact}（{name}）之后又有改动{later}，撤销会丢掉它；请先撤销后面的改动"),
                (true, Some(who)) => format!("不能撤销 #{event}（{a}）：客户 {contact}（{name}）之后又被 {who} 改过{later}，撤销会丢掉那次改动；要先由 {who} 撤销它"),
                (false, None) => format!("cannot undo #{event} ({a}): contact {contact} ({name}) changed after it{later}, which undoing would lose; undo that first"),
                (false, Some(who)) => format!("cannot undo #{event} ({a}): {who} changed contact {contact} ({name}) after it{later}, which undoing would lose; {who} has to undo that first"),
            }
        }
        Error::TemplateChangedElsewhere => pick(
            z,
            "这本手册的 SOP 模板刚在别处换过或改过，这次的改动没有保存；请再试一次",
            "this book's SOP template was just switched or edited elsewhere, so nothing was saved; try again",
        )
        .to_string(),
        Error::TemplateUnreadable { id } => {
            if z {
                format!(
                    "这本手册用的模板 '{id}' 现在读不出来（文件不见了或有错误），为免按别的模板改乱跟进计划，修好它或改用别的模板之前不能修改；查看照常"
                )
            } else {
                format!(
                    "this book's template '{id}' cannot be read now (missing or broken); so that no plan is remade with another, changes wait until it is fixed or the book switches template; reading works as usual"
                )
            }
        }
        Error::BrokenTemplate { file, problems } => {
            let head = if z {
                format!("模板 {file} 有错误：")
            } else {
                format!("template {file} has errors:")
            };
            let lines: Vec<String> = problems.iter().map(|d| d.render(lang)).collect();
            format!("{head}\n{}", lines.join("\n"))
        }
        Error::UnknownTemplate { id, available } => {
            if z {
                format!("没有模板 '{id}'；可用：{}", super::list_of(lang, available))
            } else {
                format!("no template '{id}'; available: {}", available.join(", "))
            }
        }
        Error::BadRestore { path, why } => {
            use crate::service::RestoreRefused as R;
            let why = match (z, why) {
                (true, R::SameFile) => "这就是当前的客户手册本身".to_string(),
                (true, R::Verify) => "它的操作日志校验不通过（salesbook --db 该文件 verify 可查看详情）".to_string(),
                (true, R::OtherBook { contacts }) => format!("它是另一本客户手册的备份，不是这本的；这本现在有 {contacts} 位客户，恢复会整本换掉（换之前会先备份）。确定要换成它，请加上 --other-book"),
                (false, R::OtherBook { contacts }) => format!("it is a backup of another book, not of this one; this book has {contacts} contacts that restoring would replace (after backing it up). To replace it anyway, add --other-book"),
                (false, R::SameFile) => "it is the book itself".to_string(),
                (false, R::Verify) => "its activity log does not check out (run `salesbook --db FILE verify`)".to_string(),
                // (Not the hint a missing book gets elsewhere, to make one.)
                (true, R::Open(crate::store::OpenError::Missing(_))) => "没有这个文件".to_string(),
                (false, R::Open(crate::store::OpenError::Missing(_))) => "no such file".to_string(),
                (_, R::Open(o)) => open_error(lang, o),
            };
            if z {
                format!("不能用 {} 恢复：{why}", path.display())
            } else {
                format!("cannot restore from {}: {why}", path.display())
            }
        }
        Error::BackupExists(path) => {
            if z {
                format!("{} 已经存在；备份从不覆盖已有的文件，请换一个路径", path.display())
            } else {
                format!(
                    "{} already exists; a backup never overwrites a file: choose another path",
                    path.display()
                )
            }
        }
        Error::BackupIsFolder(path) => {
            let example = path.join("book-backup.sqlite");
            if z {
                format!(
                    "{} 是一个文件夹；备份是一个文件，--to 要写新文件的路径，例如 {}",
                    path.display(),
                    example.display()
                )
            } else {
                format!(
                    "{} is a folder; a backup is a file: give --to a new file's path, e.g. {}",
                    path.display(),
                    example.display()
                )
            }
        }
        Error::BackupFailed { path, why, kind } => {
            let words = kind.and_then(|k| io_kind_words(lang, k));
            let why = words.unwrap_or(why);
            if z {
                format!("写不了备份 {}（{why}）", path.display())
            } else {
                format!("cannot write the backup {} ({why})", path.display())
            }
        }
        Error::Sop(s) => super::sop::message(s, lang, front),
        Error::Other(e) => match e.downcast_ref::<crate::store::WriteFailed>() {
            Some(w) => write_failed(lang, w),
            None => match crate::store::damage(e) {
                Some(why) => damaged(lang, front, &why),
                None => match e
                    .downcast_ref::<std::io::Error>()
                    .and_then(|io| io_kind_words(lang, io.kind()))
                {
                    // Output that could not be written (a listing to a full disk).
                    Some(words) => io_failed(lang, words),
                    None if e.downcast_ref::<crate::config::NoHomeDir>().is_some() => {
                        no_home_dir(lang).to_string()
                    }
                    None => format!("{e:#}"),
                },
            },
        },
    }
}

pub(super) fn fields_text(lang: Lang, fields: &[(String, String, String)], other: &str) -> String {
    fields
        .iter()
        .take(4)
        .map(|(f, log, held)| {
            let (label, log, held) = (
                field_label(lang, f),
                field_value(lang, f, log),
                field_value(lang, f, held),
            );
            if zh(lang) {
                format!("{label}：日志为「{log}」，{other}为「{held}」")
            } else {
                format!("{label}: the log says '{log}', {other} '{held}'")
            }
        })
        .collect::<Vec<_>>()
        .join("；")
}

/// A contact field as the log names it (`stage`, `merged_into`…), in the UI's words.
fn field_label(lang: Lang, key: &str) -> &str {
    let z = zh(lang);
    match key {
        "name" => pick(z, "姓名", "name"),
        "honorific" => pick(z, "称呼", "form of address"),
        "phone" => pick(z, "手机", "phone"),
        "wechat" => pick(z, "微信", "WeChat"),
        "company" => pick(z, "公司", "company"),
        "source" => pick(z, "来源", "source"),
        "need" => pick(z, "需求", "need"),
        "budget" => pick(z, "预算", "budget"),
        "email" => pick(z, "邮箱", "email"),
        "birthday" => pick(z, "生日", "birthday"),
        "anniversary" => pick(z, "纪念日", "anniversary"),
        "grade" => pick(z, "等级", "grade"),
        "stage" => pick(z, "阶段", "stage"),
        "outcome" => pick(z, "结果", "outcome"),
        "lost_reason" => pick(z, "流失原因", "lost reason"),
        "notes" => pick(z, "备注", "notes"),
        "owner" => pick(z, "归属", "owner"),
        "archived" => pick(z, "归档", "archived"),
        "merged_into" => pick(z, "合并到", "merged into"),
        "tags" => pick(z, "标签", "tags"),
        "created_at" => pick(z, "创建时间", "created"),
        other => other,
    }
}

/// A field's value as the log keeps it, in the UI's words where it is a word of ours.
fn field_value(lang: Lang, key: &str, value: &str) -> String {
    let z = zh(lang);
    match key {
        "stage" if z => value
            .parse::<crate::domain::Stage>()
            .map_or_else(|_| value.to_string(), |s| s.zh().to_string()),
        "outcome" if z => value
            .parse::<crate::domain::Outcome>()
            .map_or_else(|_| value.to_string(), |o| o.zh().to_string()),
        "archived" => match value {
            "true" => pick(z, "是", "yes").to_string(),
            "false" | "—" => pick(z, "否", "no").to_string(),
            other => other.to_string(),
        },
        _ => value.to_string(),
    }
}

/// A book file SQLite cannot read on (`why`: its words): the command line says how to look
/// and restore; the app, which names no commands, that a backup is the way back.
pub fn damaged(lang: Lang, front: Front, why: &str) -> String {
    match (zh(lang), front == Front::Cli) {
        (_, true) => crate::exchange::fill(super::cli::cli_text(lang).book_damaged, &[why]),
        (true, false) => format!("客户手册文件已损坏，读不下去了（SQLite：{why}）；需要从备份恢复"),
        (false, false) => {
            format!(
                "The book's file is damaged and cannot be read on (SQLite: {why}); restore a backup"
            )
        }
    }
}

/// A file system's common refusals in words of the language (the system's own words are
/// English whatever the UI's): `None` for the rest.
pub fn io_kind_words(lang: Lang, kind: std::io::ErrorKind) -> Option<&'static str> {
    use std::io::ErrorKind as K;
    let z = zh(lang);
    Some(match kind {
        K::NotFound => pick(z, "文件或文件夹不存在", "no such file or folder"),
        K::PermissionDenied => pick(z, "没有权限", "permission denied"),
        K::ReadOnlyFilesystem => pick(z, "这里是只读的", "read-only file system"),
        K::NotADirectory => pick(
            z,
            "路径里有一段不是文件夹",
            "a part of the path is not a folder",
        ),
        K::IsADirectory => pick(z, "这是一个文件夹", "it is a folder"),
        K::StorageFull => pick(z, "磁盘满了", "the disk is full"),
        K::AlreadyExists => pick(z, "已经存在", "already exists"),
        _ => return None,
    })
}

/// A read or write of a file or of standard output that failed, `why` in words.
pub fn io_failed(lang: Lang, why: &str) -> String {
    match lang {
        Lang::Zh => format!("读写失败（{why}）"),
        Lang::En => format!("input/output failed ({why})"),
    }
}

fn pick(z: bool, zh: &'static str, en: &'static str) -> &'static str {
    if z { zh } else { en }
}

/// A write the book did not take; nothing of it was saved.
pub fn write_failed(lang: Lang, w: &crate::store::WriteFailed) -> String {
    use crate::store::WriteFailed as W;
    match (zh(lang), w) {
        (true, W::Blocked(_)) => {
            "客户手册正被另一个 salesbook 写入，等了 10 秒还没写完；这次的改动没有保存，请稍后再试"
                .to_string()
        }
        (true, W::NotSaved(why)) => format!("改动没有保存（{why}）；客户手册保持原样"),
        (false, W::Blocked(_)) => "another salesbook has been writing to the book for 10 seconds; \
             this change was not saved: try again in a moment"
            .to_string(),
        (false, W::NotSaved(why)) => {
            format!("the change was not saved ({why}); the book is as it was")
        }
    }
}

/// The full-screen app started without a terminal (the command line still works).
/// No home directory: no default book, settings or backups folder.
pub fn no_home_dir(lang: Lang) -> &'static str {
    if zh(lang) {
        "找不到主目录，不知道客户手册和备份该放在哪里：请用 --db 指定手册文件（备份用 --to 指定文件）"
    } else {
        "no home directory, so no default place for the book or its backups: name the book \
         with --db (and a backup with --to)"
    }
}

pub fn not_a_terminal(lang: Lang) -> &'static str {
    if zh(lang) {
        "全屏界面要在终端里打开（这里的输入或输出不是终端）；不开界面也能用各个命令，见 salesbook --help"
    } else {
        "the full-screen app opens in a terminal (input or output here is not one); \
         every command works without it: see salesbook --help"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The app names no command; the command line says how to look and restore.
    #[test]
    fn a_damaged_file_is_said_in_words_on_each_front() {
        let corrupt = || {
            Error::Other(anyhow::Error::new(rusqlite::Error::SqliteFailure(
                rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CORRUPT),
                None,
            )))
        };
        let app = message(&corrupt(), Lang::Zh, Front::Tui);
        assert!(
            app.contains("已损坏") && !app.contains("salesbook"),
            "{app}"
        );
        let cli = message(&corrupt(), Lang::Zh, Front::Cli);
        assert!(
            cli.contains("已损坏") && cli.contains("verify --full"),
            "{cli}"
        );
        let en = message(&corrupt(), Lang::En, Front::Tui);
        assert!(en.contains("damaged") && !en.contains('（'), "{en}");
    }
}

#[cfg(test)]
#[path = "errors_no_home_tests.rs"]
mod no_home_tests;
