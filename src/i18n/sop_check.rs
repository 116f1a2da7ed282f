//! What `template check` and a broken template file say, in the UI's language: every
//! problem the checker finds ([`Problem`]) and every value a template writes that does not
//! read ([`SyntaxError`]). TOML keys, ids and examples stay as the file must write them.

use super::sop_words::{syntax, toml_says};
use crate::config::Lang;
use crate::domain::sop_parts::AutoRule;
use crate::domain::{Grade, Stage};
use crate::sop::problem::{Part, Problem};

pub(super) fn zh(lang: Lang) -> bool {
    lang == Lang::Zh
}

pub(super) use super::list_of as list;

fn part(lang: Lang, p: Part) -> &'static str {
    let (z, e) = match p {
        Part::TemplateId => ("模板 id", "template id"),
        Part::TemplateName => ("模板名称", "template name"),
        Part::LostReason => ("流失原因", "lost reason"),
        Part::GradeAction => ("定级提醒（grade_action）", "grade_action"),
        Part::StageGoal => ("阶段目标", "stage goal"),
        Part::ScriptId => ("话术 id", "script id"),
        Part::ScriptText => ("话术正文", "script text"),
        Part::VariantText => ("话术变体的正文", "variant text"),
        Part::ObjectionId => ("异议 id", "objection id"),
        Part::ObjectionReply => ("异议回复", "objection reply"),
        Part::StepAction => ("跟进步骤的动作", "step action"),
        Part::CadenceId => ("跟进节奏 id", "cadence id"),
        Part::GiveUpAction => ("放弃时的动作（give_up_action）", "give_up_action"),
        Part::TagCategory => ("标签类别", "tag category"),
        Part::TagGroup => ("标签分组", "tag group"),
        Part::Tag => ("标签", "tag"),
        Part::ProductName => ("产品名称", "product name"),
        Part::Product => ("产品", "product"),
        Part::Grade => ("等级", "grade"),
        Part::Tier => ("客户层级", "tier"),
        Part::Signal => ("信号", "signal"),
        Part::SignalId => ("信号 id", "signal id"),
        Part::SignalName => ("信号名称", "signal name"),
        Part::SignalAction => ("信号的动作", "signal action"),
        Part::Occasion => ("节日类型", "occasion"),
        Part::OccasionAction => ("节日提醒的动作", "occasion action"),
        Part::AppointmentKind => ("约定类型", "appointment kind"),
        Part::AppointmentName => ("约定名称", "appointment name"),
    };
    if zh(lang) { z } else { e }
}

/// `stage 'close' (提成交)`.
fn stage(lang: Lang, s: Stage) -> String {
    if zh(lang) {
        format!("阶段 '{}'（{}）", s.key(), s.zh())
    } else {
        format!("stage '{}' ({})", s.key(), s.en())
    }
}

fn grade(lang: Lang, g: Grade) -> String {
    if zh(lang) {
        format!("等级 '{g}'（{}）", g.zh())
    } else {
        let t = super::tui::text(lang);
        let meaning = match g {
            Grade::A => t.key_grade_a,
            Grade::B => t.key_grade_b,
            Grade::C => t.key_grade_c,
            Grade::D => t.key_grade_d,
        };
        format!("grade '{g}' ({meaning})")
    }
}

/// What one problem says, without its place in the file.
pub fn problem(lang: Lang, p: &Problem) -> String {
    let z = zh(lang);
    match p {
        Problem::Toml { says, full_width } => {
            let said = toml_says(lang, says);
            if full_width.is_empty() {
                return said;
            }
            let pairs: Vec<String> = full_width
                .iter()
                .map(|(c, ascii)| format!("{c} → {ascii}"))
                .collect();
            if z {
                format!(
                    "{said}（这一行有全角标点，TOML 不认：{}）",
                    list(lang, &pairs)
                )
            } else {
                format!(
                    "{said} (this line has full-width punctuation, which TOML does not read: {})",
                    list(lang, &pairs)
                )
            }
        }
        Problem::Unreadable { kind, detail } => {
            let why = super::errors::io_kind_words(lang, *kind).unwrap_or(detail);
            if z {
                format!("读不了这个文件：{why}")
            } else {
                format!("cannot read the file: {why}")
            }
        }
        Problem::NotAFile => {
            if z {
                "不是普通文件（模板必须是一个 .toml 文件）".into()
            } else {
                "not a regular file (a template must be a .toml file)".into()
            }
        }
        Problem::TooLarge { bytes, max } => match (z, bytes) {
            (true, Some(b)) => format!("文件有 {b} 字节；模板最多 {max} 字节"),
            (true, None) => format!("文件超过了 {max} 字节"),
            (false, Some(b)) => format!("the file is {b} bytes; a template is at most {max} bytes"),
            (false, None) => format!("the file is over {max} bytes"),
        },
        Problem::SameId { id, kept } => {
            if z {
                format!(
                    "模板 id '{id}' 和 {kept} 的相同，用的是那一个；这个文件被跳过（换一个 id 就能两个都用）"
                )
            } else {
                format!(
                    "template id '{id}' is also the id of {kept}, which is the one used; this file is skipped (give it another id to use both)"
                )
            }
        }
        Problem::Empty(what) => {
            if z {
                format!("{}是空的，请写上内容", part(lang, *what))
            } else {
                format!("{} is empty; write some text", part(lang, *what))
            }
        }
        Problem::BadId(what, v) => {
            if z {
                format!(
                    "{} '{v}' 不合规：只能用小写字母、数字和 '-'，例如 \"welcome\"",
                    part(lang, *what)
                )
            } else {
                format!(
                    "{} '{v}' is not valid; use lowercase letters, digits and '-', e.g. \"welcome\"",
                    part(lang, *what)
                )
            }
        }
        Problem::ListedTwice(what, v) => {
            if z {
                format!("{} '{v}' 列了两次", part(lang, *what))
            } else {
                format!("{} '{v}' is listed twice", part(lang, *what))
            }
        }
        Problem::DefinedTwice(what, v) => {
            if z {
                format!("{} '{v}' 定义了两次", part(lang, *what))
            } else {
                format!("{} '{v}' is defined twice", part(lang, *what))
            }
        }
        Problem::UsedTwice(what, v) => {
            if z {
                format!(
                    "{} '{v}' 用了两次；同一个模板里 id 不能重复",
                    part(lang, *what)
                )
            } else {
                format!(
                    "{} '{v}' is used twice; ids are unique in a template",
                    part(lang, *what)
                )
            }
        }
        Problem::AtLeastOne(key) => {
            if z {
                format!("{key} 至少要是 1")
            } else {
                format!("{key} must be 1 or more")
            }
        }
        Problem::LongerThanZero(key) => {
            if z {
                format!("{key} 必须大于零")
            } else {
                format!("{key} must be longer than zero")
            }
        }
        Problem::CadenceUndefined { id, defined } => {
            if z {
                format!(
                    "跟进节奏 '{id}' 没有定义；已定义的：{}",
                    list(lang, defined)
                )
            } else {
                format!(
                    "cadence '{id}' is not defined; defined: {}",
                    list(lang, defined)
                )
            }
        }
        Problem::ScriptUndefined(id) => {
            if z {
                format!("话术 '{id}' 在哪个阶段都没有定义；请在 [[stage.script]] 下定义它")
            } else {
                format!(
                    "script '{id}' is not defined in any stage; define it under [[stage.script]]"
                )
            }
        }
        Problem::FullWidthBraces => {
            if z {
                "全角花括号 ｛…｝ 会原样发给客户，不会被替换：请用半角写成 {name}".into()
            } else {
                "full-width braces ｛…｝ are sent as they are, not filled in: write {name} with ASCII braces".into()
            }
        }
        Problem::ChurnedNotAfterDormant { churned, dormant } => {
            if z {
                format!("churned_after_days（{churned}）必须大于 dormant_after_days（{dormant}）")
            } else {
                format!(
                    "churned_after_days ({churned}) must be greater than dormant_after_days ({dormant})"
                )
            }
        }
        Problem::StageTwice(s) => {
            if z {
                format!("{}定义了两次；每个阶段只出现一次", stage(lang, *s))
            } else {
                format!(
                    "{} is defined twice; each stage appears once",
                    stage(lang, *s)
                )
            }
        }
        Problem::StageMissing(s) => {
            let all: Vec<String> = Stage::ALL
                .iter()
                .map(|s| super::glossed(lang, s.key(), if z { s.zh() } else { s.en() }))
                .collect();
            if z {
                format!(
                    "缺少{}；模板正好有五个阶段：{}",
                    stage(lang, *s),
                    list(lang, &all)
                )
            } else {
                format!(
                    "{} is missing; a template has exactly the five stages: {}",
                    stage(lang, *s),
                    list(lang, &all)
                )
            }
        }
        Problem::GradeMissing(g) => {
            if z {
                format!("缺少{}；A、B、C、D 四个等级都要定义", grade(lang, *g))
            } else {
                format!("{} is missing; define all of A, B, C, D", grade(lang, *g))
            }
        }
        Problem::EmptyWhen => {
            if z {
                "变体的 `when` 是空的；写上它需要的信息，例如 \"budget\"".into()
            } else {
                "a variant's `when` is empty; name what it needs, e.g. \"budget\"".into()
            }
        }
        Problem::StepOnDormancyLine { wait, dormant_days } => {
            if z {
                format!(
                    "距上次联系 {wait} 的步骤正好落在沉睡线上（dormant_after_days = {dormant_days}）；请把等待时间缩短"
                )
            } else {
                format!(
                    "a step {wait} after the last touch lands on the dormancy line (dormant_after_days = {dormant_days}); use a shorter wait"
                )
            }
        }
        Problem::CadenceEmpty(id) => {
            if z {
                format!("跟进节奏 '{id}' 既没有步骤也没有 'every'；至少要有一个")
            } else {
                format!("cadence '{id}' has no steps and no 'every'; give it at least one")
            }
        }
        Problem::CadenceLoop(id) => {
            if z {
                format!("跟进节奏 '{id}' 通过 'then' 又接回了自己")
            } else {
                format!("cadence '{id}' continues into itself through 'then'")
            }
        }
        Problem::RepeatAtZero => {
            if z {
                "重复的步骤必须等待一段时间（大于零）".into()
            } else {
                "a repeated step must wait longer than zero".into()
            }
        }
        Problem::BadTag => {
            if z {
                "标签要有名字，且不能含 '/'".into()
            } else {
                "a tag is a non-empty name without '/'".into()
            }
        }
        Problem::AutoNeedsRule(group) => {
            let rules: Vec<&str> = AutoRule::ALL.iter().map(|r| r.key()).collect();
            let rules = rules.join("\" | \"");
            if z {
                format!("自动标签分组 '{group}' 需要一条规则：auto = \"{rules}\"")
            } else {
                format!("automatic tag group '{group}' needs a rule: auto = \"{rules}\"")
            }
        }
        Problem::BandsPerTag { tags, bands } => {
            if z {
                format!(
                    "monthly_spend 每个标签要对应一个档位（该档最低月消费，单位元）：现在 {tags} 个标签、{bands} 个档位"
                )
            } else {
                format!(
                    "monthly_spend needs one band (the lowest monthly spend in yuan) per tag: {tags} tags, {bands} bands"
                )
            }
        }
        Problem::TierGroupOfThree => {
            if z {
                "层级分组要列三个标签，依次对应 A、B、C 层".into()
            } else {
                "a tier group lists three tags, for tiers A, B and C".into()
            }
        }
        Problem::PurchaseCountTags => {
            if z {
                "purchase_count 按购买次数列标签：1 次、2 次……最后一个表示更多次".into()
            } else {
                "purchase_count lists a tag per count: 1, 2, … and the last for more".into()
            }
        }
        Problem::DatedTags(rule) => {
            if z {
                format!("{rule} 按月份自动生成标签（如 2026-03），不要再列标签")
            } else {
                format!("{rule} makes its tags from dates (2026-03); leave tags out")
            }
        }
        Problem::BadWeight { value, max } => {
            if z {
                format!("紧急度权重 {value} 不是 -{max} 到 {max} 之间的数")
            } else {
                format!("urgency weight {value} is not a number from -{max} to {max}")
            }
        }
        Problem::TagNotInTaxonomy(tag) => {
            if z {
                format!("标签 '{tag}' 不在模板的标签体系里（[[tag_group]]）")
            } else {
                format!("tag '{tag}' is not in the template's tag taxonomy ([[tag_group]])")
            }
        }
        Problem::RemindNotBeforeCycle { remind, cycle } => {
            if z {
                format!("remind_before_days（{remind}）必须小于 cycle_days（{cycle}）")
            } else {
                format!("remind_before_days ({remind}) must be less than cycle_days ({cycle})")
            }
        }
        Problem::RenewNotBeforeSessions { left, sessions } => {
            if z {
                format!("renew_when_left（{left}）必须小于 sessions（{sessions}）")
            } else {
                format!("renew_when_left ({left}) must be less than sessions ({sessions})")
            }
        }
        Problem::SignalNeedsTrigger => {
            if z {
                "信号需要 keywords（客户消息里的关键词）或 streak_days".into()
            } else {
                "a signal needs keywords (words in the customer's message) or streak_days".into()
            }
        }
        Problem::UnknownOccasion(v) => {
            if z {
                format!("没有节日类型 '{v}'；可用：birthday、anniversary")
            } else {
                format!("unknown occasion '{v}'; accepted: birthday, anniversary")
            }
        }
        Problem::AheadDaysMax(max) => {
            if z {
                format!("ahead_days 最多 {max}")
            } else {
                format!("ahead_days is at most {max}")
            }
        }
        Problem::NoFallback {
            slot,
            script,
            stand_in,
            when,
        } => {
            if z {
                format!(
                    "'{script}' 里的 {{{slot}}} 没有备用词：没有这项信息的客户会读到“{stand_in}”；请写成 {{{slot}|…}}，或加一个变体（when = \"{when}\"），主文里不用它"
                )
            } else {
                format!(
                    "{{{slot}}} in '{script}' has no fallback: a contact without it would read “{stand_in}”; write {{{slot}|…}}, or add a variant (when = \"{when}\") and keep the main text without it"
                )
            }
        }
        Problem::Field(e) => super::errors::field_error(lang, super::errors::Front::Cli, e),
        Problem::Syntax(e) => syntax(lang, e),
    }
}

/// `template check`'s line for a file that checks out: what the template holds.
pub fn checked_ok(
    lang: Lang,
    file: &str,
    t: &crate::domain::sop::Template,
    warnings: usize,
) -> String {
    let scripts: usize = t.stages.iter().map(|s| s.scripts.len()).sum();
    let objections: usize = t.stages.iter().map(|s| s.objections.len()).sum();
    let cadences = t.cadences.len();
    let (id, name, v) = (&t.id, &t.name, t.version);
    match (zh(lang), warnings) {
        (true, 0) => format!(
            "{file}：没有问题 — '{id}' {name} v{v}：{scripts} 条话术、{objections} 条异议回复、{cadences} 套跟进节奏"
        ),
        (true, w) => format!(
            "{file}：可以使用 — '{id}' {name} v{v}：{scripts} 条话术、{objections} 条异议回复、{cadences} 套跟进节奏，{w} 条警告"
        ),
        (false, 0) => format!(
            "{file}: ok — '{id}' {name} v{v}: {scripts} scripts, {objections} objection replies, {cadences} cadences"
        ),
        (false, w) => format!(
            "{file}: ok — '{id}' {name} v{v}: {scripts} scripts, {objections} objection replies, {cadences} cadences, {w} warning(s)"
        ),
    }
}

/// A warning's mark before its message.
pub fn warning_word(lang: Lang) -> &'static str {
    if zh(lang) { "警告：" } else { "warning: " }
}

#[cfg(test)]
#[path = "sop_check_tests.rs"]
mod tests;
