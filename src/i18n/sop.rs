//! Words of the SOP engine and its commands: defaults a template may leave out, what a
//! rendered script says when the rep's name is not set, and the messages about tags,
//! products, tiers and dated follow-ups.

use crate::config::Lang;
use crate::domain::Tier;

/// The "grade this lead" item, when the template does not word its own.
pub const DEFAULT_GRADE_ACTION: &str = "给线索定级：按需求、预算和时间定 A/B/C/D";

/// A dated follow-up the rep scheduled without a note.
pub const APPOINTMENT_ACTION: &str = "约定的跟进";

/// What stands in a script for `{me}` when the rep has not set a name: visibly not a name.
pub const UNSIGNED: &str = "〔你的名字〕";

fn zh(lang: Lang) -> bool {
    lang == Lang::Zh
}

pub fn unknown_tier(lang: Lang, v: &str) -> String {
    let list = super::list_of(
        lang,
        &Tier::ALL.map(|t| super::glossed(lang, t.key(), super::names::tier_name(lang, t))),
    );
    if zh(lang) {
        format!("没有客户层级 '{v}'；可用：{list}")
    } else {
        format!("unknown tier '{v}'; accepted: {list}")
    }
}

/// What the SOP refused, in the UI's language; the command line names the flag to use.
pub fn message(
    e: &crate::service::SopError,
    lang: Lang,
    front: crate::i18n::errors::Front,
) -> String {
    use crate::service::SopError;
    let cli = front == crate::i18n::errors::Front::Cli;
    match e {
        SopError::UnknownTag { tag, closest } => {
            let near = super::list_of(lang, closest);
            match (zh(lang), cli, closest.is_empty()) {
                (true, true, false) => format!(
                    "标签 '{tag}' 不在模板的标签体系里；最接近的：{near}。确实要新增这个标签请用 --new-tag {tag}"
                ),
                (true, true, true) => format!(
                    "标签 '{tag}' 不在模板的标签体系里；确实要新增这个标签请用 --new-tag {tag}"
                ),
                (true, false, false) => format!("没有标签“{tag}”，是不是想选：{near}"),
                (true, false, true) => format!("没有标签“{tag}”"),
                (false, true, false) => format!(
                    "tag '{tag}' is not in the template's taxonomy; closest: {near}. To add it on purpose use --new-tag {tag}"
                ),
                (false, true, true) => format!(
                    "tag '{tag}' is not in the template's taxonomy; to add it on purpose use --new-tag {tag}"
                ),
                (false, false, false) => format!("No tag “{tag}”; did you mean {near}?"),
                (false, false, true) => format!("No tag “{tag}”"),
            }
        }
        SopError::NoSuchTag { tag, closest } => {
            let near = super::list_of(lang, closest);
            match (zh(lang), closest.is_empty()) {
                (true, false) => format!(
                    "模板的标签体系和这本手册里都没有标签 '{tag}'，筛不出任何客户；最接近的：{near}"
                ),
                (true, true) => {
                    format!("模板的标签体系和这本手册里都没有标签 '{tag}'，筛不出任何客户")
                }
                (false, false) => format!(
                    "neither the template's taxonomy nor this book has the tag '{tag}', so it matches nobody; closest: {near}"
                ),
                (false, true) => format!(
                    "neither the template's taxonomy nor this book has the tag '{tag}', so it matches nobody"
                ),
            }
        }
        SopError::DerivedTag { tag } => {
            if zh(lang) {
                format!(
                    "标签 '{tag}' 所在的分组由 salesbook 根据客户的资料和购买记录自动维护，不能手动设置"
                )
            } else {
                format!(
                    "tag '{tag}' is in a group salesbook derives from the contact's details and purchases; it cannot be set by hand"
                )
            }
        }
        SopError::PastDate => {
            if zh(lang) {
                "约定的时间必须在将来".into()
            } else {
                "the date set with the customer must be in the future".into()
            }
        }
        SopError::Lost { id, name } => match (zh(lang), cli) {
            (true, true) => format!(
                "客户 {id}（{name}）已流失，不会再安排跟进；要约时间请先用 salesbook reopen {id} 重新打开"
            ),
            (true, false) => format!("{name} 已流失，请先重新打开再约时间"),
            (false, true) => format!(
                "contact {id} ({name}) is lost and gets no follow-ups; reopen it first with `salesbook reopen {id}`"
            ),
            (false, false) => format!("{name} is lost: reopen first"),
        },
        SopError::UnknownAppointmentKind { kind, available } => {
            let list = if available.is_empty() {
                if zh(lang) {
                    "（模板没有定义）".to_string()
                } else {
                    "(the template defines none)".to_string()
                }
            } else {
                super::list_of(lang, available)
            };
            match (zh(lang), cli) {
                (true, true) => format!("模板里没有约见类型 '{kind}'；--kind 可用：{list}"),
                (true, false) => format!("没有约见类型“{kind}”；可用：{list}"),
                (false, true) => {
                    format!("the template has no appointment kind '{kind}'; --kind accepts: {list}")
                }
                (false, false) => format!("No appointment kind “{kind}”; available: {list}"),
            }
        }
    }
}

/// The card's label for the customer tier.
pub fn tier_label(lang: Lang) -> &'static str {
    if zh(lang) { "客户层级" } else { "Tier" }
}

pub fn reminder_word(lang: Lang) -> &'static str {
    if zh(lang) { "提醒" } else { "reminder" }
}

/// `won --product` with a product the template does not know.
pub fn unknown_product(lang: Lang, name: &str, known: &[&str]) -> String {
    let list = super::list_of(lang, known);
    match (zh(lang), known.is_empty()) {
        (true, false) => format!(
            "'{name}' 不是模板里的产品，不会有复购提醒；模板的产品：{list}（大小写、全角和别名都认）"
        ),
        (true, true) => format!("'{name}' 不是模板里的产品，不会有复购提醒；模板没有定义产品"),
        (false, false) => format!(
            "'{name}' is not one of the template's products, so no repurchase reminder is planned; its products: {list} (case, full-width forms and aliases are accepted)"
        ),
        (false, true) => format!(
            "'{name}' is not one of the template's products, so no repurchase reminder is planned; the template defines none"
        ),
    }
}

/// A script signs with the rep's name and none is set.
pub fn no_name(lang: Lang, config_dir: &std::path::Path) -> String {
    let file = config_dir.join("config.toml");
    if zh(lang) {
        format!(
            "话术要署上你的名字（{{me}}），但还没有设置：在 {} 里写上\n[me]\nname = \"小王\"",
            file.display()
        )
    } else {
        format!(
            "the scripts sign with your name ({{me}}) and none is set: add to {}\n[me]\nname = \"Wang\"",
            file.display()
        )
    }
}
