//! A typed value that was refused, worded for each front end in the UI's language: what
//! was wrong with it and what is accepted.

use super::errors::{Front, zh};
use crate::config::Lang;
use crate::domain::error::{Field, FieldError};
use crate::domain::{Grade, Outcome, Stage};

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
    let all: Vec<String> = Stage::ALL
        .iter()
        .map(|s| super::glossed(lang, s.key(), if zh(lang) { s.zh() } else { s.en() }))
        .collect();
    super::list_of(lang, &all)
}

/// The grades with their meaning: in English as the app names them (the Chinese names
/// are accepted too, but an English screen lists English words).
fn grades(lang: Lang) -> String {
    let t = super::tui::text(lang);
    let en = [t.key_grade_a, t.key_grade_b, t.key_grade_c, t.key_grade_d];
    let all: Vec<String> = Grade::ALL
        .iter()
        .zip(en)
        .map(|(g, e)| super::glossed(lang, g, if zh(lang) { g.zh() } else { e }))
        .collect();
    super::list_of(lang, &all)
}

pub(super) fn outcome_word(lang: Lang, o: Outcome) -> &'static str {
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
        FieldError::MaskedWechat(v) => FieldError::MaskedWechat(quoted(v)),
        FieldError::BadTag(v) => FieldError::BadTag(quoted(v)),
        FieldError::BadAmount(v) => FieldError::BadAmount(quoted(v)),
        FieldError::BadTime(v) => FieldError::BadTime(quoted(v)),
        FieldError::NoSuchTime(v) => FieldError::NoSuchTime(quoted(v)),
        FieldError::TooFarAhead(v) => FieldError::TooFarAhead(quoted(v)),
        FieldError::BadDate(v) => FieldError::BadDate(quoted(v)),
        FieldError::NoSuchDate(v) => FieldError::NoSuchDate(quoted(v)),
        FieldError::BadDay(v) => FieldError::BadDay(quoted(v)),
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
        FieldError::MaskedWechat(v) => {
            if z {
                format!(
                    "微信号 '{v}' 带星号，是打过码的，不是完整的微信号（打码导出的文件不能用来恢复客户）"
                )
            } else {
                format!(
                    "WeChat ID '{v}' has stars in it: it was masked, not a whole ID (a masked export cannot restore contacts)"
                )
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
        FieldError::ZeroAmount => {
            if z {
                "成交金额不能是 0；不知道金额就不填".into()
            } else {
                "a sale's amount cannot be 0; leave it out if you do not know it".into()
            }
        }
        FieldError::BadTime(v) => {
            if z {
                format!(
                    "时间 '{v}' 不对：可写 +3d、3天后、半小时后、明天下午、今晚8点、周五 15:00、15:00、12月1日 15:00、2026-12-01 或 2026-12-01 15:00"
                )
            } else {
                format!(
                    "bad time '{v}'; expected +3d / +4h / +30m / +1w (or in 3 days), tomorrow, friday, next mon 3pm, 15:00, 3pm, 12-01 15:00, YYYY-MM-DD or YYYY-MM-DD HH:MM"
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
                    "there is no such day or hour as '{v}' (no 30 February, no 25:00); expected +3d / +4h / +30m / +1w, tomorrow, friday, next mon 3pm, YYYY-MM-DD or YYYY-MM-DD HH:MM"
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
                format!("日期 '{v}' 不对：写成 2026-11-23、2026/11/23 或 2026年11月23日")
            } else {
                format!(
                    "bad date '{v}'; expected YYYY-MM-DD (2026-11-23), 2026/11/23 or 2026年11月23日"
                )
            }
        }
        FieldError::NoSuchDate(v) => {
            if z {
                format!("日历上没有 '{v}' 这一天（例如没有 2 月 30 日）")
            } else {
                format!("there is no such day as '{v}' on the calendar (no 30 February)")
            }
        }
        FieldError::BadDay(v) => {
            if z {
                format!(
                    "日期 '{v}' 不对：可写 今天、明天、后天、周五、下周一、12月1日、12-01 或 2026-12-01"
                )
            } else {
                format!(
                    "bad day '{v}'; expected today, tomorrow, friday, next mon, 12-01 or 2026-12-01"
                )
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
                format!("没有等级 '{v}'；可用：{}", grades(lang))
            } else {
                format!("unknown grade '{v}'; accepted: {}", grades(lang))
            }
        }
        FieldError::UnknownOutcome(v) => {
            if z {
                format!("没有状态 '{v}'；可用：open（进行中）、won（已成交）、lost（已流失）")
            } else {
                format!("unknown outcome '{v}'; accepted: open, won, lost")
            }
        }
        FieldError::UnknownChannel(v) => {
            if z {
                format!(
                    "没有渠道 '{v}'；可用：wechat（微信）、phone（电话）、meeting（面谈）、other（其他）"
                )
            } else {
                format!("unknown channel '{v}'; accepted: wechat, phone, meeting, other")
            }
        }
        FieldError::UnknownLifecycle(v) => {
            let list = super::list_of(
                lang,
                &crate::domain::followup::Lifecycle::ALL.map(|l| {
                    if z {
                        super::glossed(lang, l.key(), l.zh())
                    } else {
                        l.key().to_string()
                    }
                }),
            );
            if z {
                format!("没有生命周期 '{v}'；可用：{list}")
            } else {
                format!("unknown lifecycle '{v}'; accepted: {list}")
            }
        }
        FieldError::UnknownTier(v) => super::sop::unknown_tier(lang, v),
    }
}
