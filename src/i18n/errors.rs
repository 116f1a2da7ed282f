//! Every error a rep or a lead can meet, worded for each front end in the UI's language:
//! the command line names the command or flag that fixes it; the TUI says it in its own
//! words (a rep there never needs a command).

pub use super::open_errors::open_error;
pub use super::verify_words::{verify_break, verify_break_subject};
use crate::config::Lang;
use crate::domain::error::{Field, FieldError};
use crate::domain::{Grade, Outcome, Stage};
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

pub fn field_name(lang: Lang, f: Field) -> &'static str {
    match (zh(lang), f) {
        (true, Field::Name) => "姓名",
        (true, Field::Honorific) => "称呼",
        (true, Field::Phone) => "手机号",
        (true, Field::Wechat) => "微信号",
        (true, Field::Company) => "公司",
        (true, Field::Source) => "来源",
        (true, Field::Need) => "需求",
        (true, Field::Budget) => "预算",
        (true, Field::Notes) => "备注",
        (true, Field::Email) => "邮箱",
        (true, Field::Tag) => "标签",
        (true, Field::Reason) => "原因",
        (true, Field::Note) => "内容",
        (true, Field::Product) => "产品",
        (false, Field::Name) => "name",
        (false, Field::Honorific) => "honorific",
        (false, Field::Phone) => "phone",
        (false, Field::Wechat) => "WeChat ID",
        (false, Field::Company) => "company",
        (false, Field::Source) => "source",
        (false, Field::Need) => "need",
        (false, Field::Budget) => "budget",
        (false, Field::Notes) => "notes",
        (false, Field::Email) => "e-mail",
        (false, Field::Tag) => "tag",
        (false, Field::Reason) => "reason",
        (false, Field::Note) => "note",
        (false, Field::Product) => "product",
    }
}

fn stages(lang: Lang) -> String {
    Stage::ALL
        .iter()
        .map(|s| {
            if zh(lang) {
                format!("{} ({})", s.key(), s.zh())
            } else {
                format!("{} ({})", s.key(), s.en())
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn grades() -> String {
    Grade::ALL
        .iter()
        .map(|g| format!("{g} ({})", g.zh()))
        .collect::<Vec<_>>()
        .join(", ")
}

fn outcome_word(lang: Lang, o: Outcome) -> &'static str {
    match (zh(lang), o) {
        (true, Outcome::Open) => "进行中",
        (true, Outcome::Won) => "已成交",
        (true, Outcome::Lost) => "已流失",
        (false, Outcome::Open) => "open",
        (false, Outcome::Won) => "won",
        (false, Outcome::Lost) => "lost",
    }
}

/// A value as an error quotes it: the start of a long one is enough to recognise it.
fn quoted(v: &str) -> String {
    crate::domain::text::truncate(v, 60)
}

pub fn field_error(lang: Lang, front: Front, e: &FieldError) -> String {
    let cli = front == Front::Cli;
    let z = zh(lang);
    let e = &match e {
        FieldError::BadPhone(v) => FieldError::BadPhone(quoted(v)),
        FieldError::PhoneDigits(v) => FieldError::PhoneDigits(quoted(v)),
        FieldError::BadEmail(v) => FieldError::BadEmail(quoted(v)),
        FieldError::BadTag(v) => FieldError::BadTag(quoted(v)),
        FieldError::BadAmount(v) => FieldError::BadAmount(quoted(v)),
        FieldError::BadTime(v) => FieldError::BadTime(quoted(v)),
        FieldError::NoSuchTime(v) => FieldError::NoSuchTime(quoted(v)),
        FieldError::TooFarAhead(v) => FieldError::TooFarAhead(quoted(v)),
        FieldError::BadDate(v) => FieldError::BadDate(quoted(v)),
        FieldError::BirthdayNotPast(v) => FieldError::BirthdayNotPast(quoted(v)),
        FieldError::UnknownStage(v) => FieldError::UnknownStage(quoted(v)),
        FieldError::UnknownGrade(v) => FieldError::UnknownGrade(quoted(v)),
        FieldError::UnknownOutcome(v) => FieldError::UnknownOutcome(quoted(v)),
        FieldError::UnknownChannel(v) => FieldError::UnknownChannel(quoted(v)),
        FieldError::UnknownLifecycle(v) => FieldError::UnknownLifecycle(quoted(v)),
        other => other.clone(),
    };
    match e {
        FieldError::Missing(f) => match (z, f) {
            (true, Field::Name) if cli => "请填写姓名（--name），例如 --name 张三".into(),
            (true, Field::Name) => "请填写姓名".into(),
            (false, Field::Name) if cli => {
                "a contact needs a name (--name), e.g. --name 张三".into()
            }
            (false, Field::Name) => "A name is required".into(),
            (true, Field::Reason) if cli => "请写明原因（--reason），例如 --reason 预算不够".into(),
            (true, Field::Reason) => "请写明原因".into(),
            (false, Field::Reason) if cli => {
                "a reason is required (--reason), e.g. --reason 预算不够".into()
            }
            (false, Field::Reason) => "A reason is required".into(),
            (true, Field::Note) if cli => "没有可记录的内容：--note 是空的".into(),
            (true, Field::Note) => "请写点内容".into(),
            (false, Field::Note) if cli => "nothing to log: --note is empty".into(),
            (false, Field::Note) => "Write something first".into(),
            (true, f) => format!("请填写{}", field_name(lang, *f)),
            (false, f) => format!("{} is required", field_name(lang, *f)),
        },
        FieldError::TooLong { field, chars, max } => {
            if z {
                format!(
                    "{}太长（{chars} 个字），最多 {max} 个",
                    field_name(lang, *field)
                )
            } else {
                format!(
                    "{} is too long ({chars} characters); at most {max}",
                    field_name(lang, *field)
                )
            }
        }
        FieldError::Invisible(f) => {
            if z {
                format!(
                    "{}只有看不见的字符（零宽或方向控制符），请重新填写",
                    field_name(lang, *f)
                )
            } else {
                format!(
                    "{} holds only invisible characters (zero-width or direction marks)",
                    field_name(lang, *f)
                )
            }
        }
        FieldError::BadPhone(v) => {
            if z {
                format!("手机号 '{v}' 不对：只能写数字，可带空格、横线、括号或开头的 +")
            } else {
                format!(
                    "bad phone '{v}'; use digits, optionally with spaces, dashes or a leading +"
                )
            }
        }
        FieldError::PhoneExtension { number, extension } => {
            if z {
                format!(
                    "电话 '{number}' 后面带着分机号 {extension}：电话只写 {number}，分机号请写进备注"
                )
            } else {
                format!(
                    "phone '{number}' carries extension {extension}: give {number} as the phone and put the extension in the notes"
                )
            }
        }
        FieldError::PhoneDigits(v) => {
            if z {
                format!("手机号 '{v}' 不对：应为 3 到 20 位数字")
            } else {
                format!("bad phone '{v}'; expected 3 to 20 digits")
            }
        }
        FieldError::BadEmail(v) => {
            if z {
                format!("邮箱 '{v}' 不对，例如 name@example.com")
            } else {
                format!("bad e-mail '{v}'; expected e.g. name@example.com")
            }
        }
        FieldError::BadTag(v) => {
            if z {
                format!("标签 '{v}' 不对：写成 分组/标签，例如 客户来源/朋友圈")
            } else {
                format!("bad tag '{v}'; expected GROUP/TAG, e.g. 客户来源/朋友圈")
            }
        }
        FieldError::BadAmount(v) => {
            if z {
                format!(
                    "金额 '{v}' 不对：写数字，最多两位小数、不超过 1 亿元，例如 3999、3999.50 或 1.2万"
                )
            } else {
                format!(
                    "bad amount '{v}'; expected a number with at most 2 decimals, up to 100000000, such as 3999, 3999.50 or 1.2万"
                )
            }
        }
        FieldError::BadTime(v) => {
            if z {
                format!(
                    "时间 '{v}' 不对：可写 +3d、+4h、+30m、+1w（或 3天后、4小时后）、明天、后天、下周一、2026-12-01 或 2026-12-01 15:00"
                )
            } else {
                format!(
                    "bad time '{v}'; expected +3d / +4h / +30m / +1w, tomorrow, YYYY-MM-DD or YYYY-MM-DD HH:MM"
                )
            }
        }
        FieldError::NoSuchTime(v) => {
            if z {
                format!(
                    "没有 '{v}' 这个日子或时刻（例如没有 2 月 30 日，也没有 25:00）：可写 +3d、+4h、+30m、+1w、明天、后天、下周一、2026-12-01 或 2026-12-01 15:00"
                )
            } else {
                format!(
                    "there is no such day or hour as '{v}' (no 30 February, no 25:00); expected +3d / +4h / +30m / +1w, tomorrow, YYYY-MM-DD or YYYY-MM-DD HH:MM"
                )
            }
        }
        FieldError::TooFarAhead(v) => {
            let years = crate::domain::when::MAX_DAYS_AHEAD / 366;
            if z {
                format!("'{v}' 太远了：跟进最多安排到 {years} 年以后")
            } else {
                format!("'{v}' is too far ahead: a follow-up is at most {years} years away")
            }
        }
        FieldError::BadDate(v) => {
            if z {
                format!("日期 '{v}' 不对：写成 YYYY-MM-DD，例如 2026-11-23")
            } else {
                format!("bad date '{v}'; expected YYYY-MM-DD, e.g. 2026-11-23")
            }
        }
        FieldError::BirthdayNotPast(v) => {
            if z {
                format!("生日 '{v}' 不对：生日要在 1900-01-01 到今天之间")
            } else {
                format!("birthday '{v}' is not possible; expected a day from 1900-01-01 to today")
            }
        }
        FieldError::UnknownStage(v) => {
            if z {
                format!("没有阶段 '{v}'；可用：{}", stages(lang))
            } else {
                format!("unknown stage '{v}'; accepted: {}", stages(lang))
            }
        }
        FieldError::UnknownGrade(v) => {
            if z {
                format!("没有等级 '{v}'；可用：{}", grades())
            } else {
                format!("unknown grade '{v}'; accepted: {}", grades())
            }
        }
        FieldError::UnknownOutcome(v) => {
            if z {
                format!("没有状态 '{v}'；可用：open (进行中), won (已成交), lost (已流失)")
            } else {
                format!(
                    "unknown outcome '{v}'; accepted: open (进行中), won (已成交), lost (已流失)"
                )
            }
        }
        FieldError::UnknownChannel(v) => {
            if z {
                format!(
                    "没有渠道 '{v}'；可用：wechat (微信), phone (电话), meeting (面谈), other (其他)"
                )
            } else {
                format!(
                    "unknown channel '{v}'; accepted: wechat (微信), phone (电话), meeting (面谈), other (其他)"
                )
            }
        }
        FieldError::UnknownLifecycle(v) => {
            let list = crate::domain::followup::Lifecycle::ALL
                .map(|l| format!("{} ({})", l.key(), l.zh()))
                .join(", ");
            if z {
                format!("没有生命周期 '{v}'；可用：{list}")
            } else {
                format!("unknown lifecycle '{v}'; accepted: {list}")
            }
        }
        FieldError::UnknownTier(v) => super::sop::unknown_tier(lang, v),
    }
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
            (false, false) => format!("No contact {id}"),
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
                "contact {id} ({name}) reaches aftercare (理售后) only by a win: use `salesbook won {id}`"
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
        Error::MergedAway { id, name, into } => {
            if z {
                format!("客户 {id}（{name}）已合并到 {into}，请改用 {into}")
            } else {
                format!("contact {id} ({name}) was merged into {into}; use {into} instead")
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
                "the new time must be in the future: +3d, tomorrow, 2026-12-01 or 2026-12-01 15:00".into()
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
        } => {
            let a = action_label(lang, action);
            let later = by.map(|b| format!(" #{b}")).unwrap_or_default();
            if z {
                format!("不能撤销 #{event}（{a}）：客户 {contact}（{name}）之后又有改动{later}，撤销会丢掉它；请先撤销后面的改动")
            } else {
                format!("cannot undo #{event} ({a}): contact {contact} ({name}) changed after it{later}, which undoing would lose; undo that first")
            }
        }
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
        Error::UnknownTemplate { id, available } => {
            if z {
                format!("没有模板 '{id}'；可用：{}", available.join(", "))
            } else {
                format!("no template '{id}'; available: {}", available.join(", "))
            }
        }
        Error::BadRestore { path, why } => {
            use crate::service::RestoreRefused as R;
            let why = match (z, why) {
                (true, R::SameFile) => "这就是当前的客户手册本身".to_string(),
                (true, R::Verify) => "它的操作日志校验不通过（salesbook --db 该文件 verify 可查看详情）".to_string(),
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
        Error::BackupFailed { path, why } => {
            if z {
                format!("写不了备份 {}（{why}）", path.display())
            } else {
                format!("cannot write the backup {} ({why})", path.display())
            }
        }
        Error::Sop(s) => super::sop::message(s, lang, front),
        Error::Other(e) => match e.downcast_ref::<crate::store::WriteFailed>() {
            Some(w) => write_failed(lang, w),
            None => format!("{e:#}"),
        },
    }
}

pub(super) fn fields_text(lang: Lang, fields: &[(String, String, String)], other: &str) -> String {
    fields
        .iter()
        .take(4)
        .map(|(f, log, held)| {
            if zh(lang) {
                format!("{f}：日志为「{log}」，{other}为「{held}」")
            } else {
                format!("{f}: the log says '{log}', {other} '{held}'")
            }
        })
        .collect::<Vec<_>>()
        .join("；")
}

/// A `config.toml` that cannot be read as settings: where, the parser's words, and every
/// setting there is.
pub fn config_error(
    lang: Lang,
    path: &std::path::Path,
    line: usize,
    column: usize,
    detail: &str,
) -> String {
    let detail = detail.trim_end();
    if zh(lang) {
        format!(
            "配置文件 {} 第 {line} 行第 {column} 列有错误：{detail}\n\
             可用的设置：[me] name = \"…\"；[ui] lang = \"zh-CN\" 或 \"en\"，mouse = true 或 false；\
             [clipboard] mode = \"auto\"、\"osc52\" 或 \"native\"；[backup] keep = 14",
            path.display()
        )
    } else {
        format!(
            "{} has a mistake at line {line}, column {column}: {detail}\n\
             accepted keys: [me] name = \"…\"; [ui] lang = \"zh-CN\" | \"en\", mouse = true | false; \
             [clipboard] mode = \"auto\" | \"osc52\" | \"native\"; [backup] keep = 14",
            path.display()
        )
    }
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
pub fn not_a_terminal(lang: Lang) -> &'static str {
    if zh(lang) {
        "全屏界面要在终端里打开（这里的输入或输出不是终端）；不开界面也能用各个命令，见 salesbook --help"
    } else {
        "the full-screen app opens in a terminal (input or output here is not one); \
         every command works without it: see salesbook --help"
    }
}
