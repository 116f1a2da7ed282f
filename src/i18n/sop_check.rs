//! What `template check` and a broken template file say, in the UI's language: every
//! problem the checker finds ([`Problem`]) and every value a template writes that does not
//! read ([`SyntaxError`]). TOML keys, ids and examples stay as the file must write them.

use crate::config::Lang;
use crate::domain::placeholder::{NAMES, attrs_of};
use crate::domain::sop::ObjectionKind;
use crate::domain::sop_parts::{AutoRule, ProductKind};
use crate::domain::sop_syntax::SyntaxError;
use crate::domain::{Grade, Stage};
use crate::sop::problem::{Part, Problem, TomlSays};

fn zh(lang: Lang) -> bool {
    lang == Lang::Zh
}

/// A list as the language writes one.
fn list<S: AsRef<str>>(lang: Lang, items: &[S]) -> String {
    let items: Vec<&str> = items.iter().map(AsRef::as_ref).collect();
    items.join(if zh(lang) { "、" } else { ", " })
}

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
        format!("stage '{}' ({})", s.key(), s.zh())
    }
}

fn grade(lang: Lang, g: Grade) -> String {
    if zh(lang) {
        format!("等级 '{g}'（{}）", g.zh())
    } else {
        format!("grade '{g}' ({})", g.zh())
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
                .map(|s| format!("{} ({})", s.key(), s.zh()))
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

fn toml_says(lang: Lang, says: &TomlSays) -> String {
    let z = zh(lang);
    match says {
        TomlSays::UnknownField { field, expected } => {
            let expected: Vec<String> = expected.iter().map(|e| format!("`{e}`")).collect();
            if z {
                format!(
                    "不认识的键 `{field}`，这里可以写：{}（模板格式见 README.md）",
                    list(lang, &expected)
                )
            } else {
                format!(
                    "unknown field `{field}`, expected one of {} (see the template format in README.md)",
                    expected.join(", ")
                )
            }
        }
        TomlSays::MissingField(field) => {
            if z {
                format!("缺少键 `{field}`：这个表必须有它")
            } else {
                format!("missing field `{field}`: this table needs it")
            }
        }
        TomlSays::WrongType { found, expected } => {
            if z {
                format!(
                    "值的类型不对：写的是{}，这里要的是{}",
                    found_words(found),
                    type_name(expected)
                )
            } else {
                format!("invalid type: {found}, expected {expected}")
            }
        }
        TomlSays::Other(said) if z => {
            if let Some(key) = said
                .strip_prefix("duplicate key: `")
                .and_then(|k| k.strip_suffix('`'))
            {
                return format!("TOML 格式错误：键 `{key}` 写了两次");
            }
            match said.split_once(", expected ") {
                Some((what, expected)) => {
                    format!("TOML 格式错误：{}，这里应为 {expected}", syntax_words(what))
                }
                None => format!("TOML 格式错误：{}", syntax_words(said)),
            }
        }
        TomlSays::Other(said) => said.clone(),
    }
}

/// The TOML parser's descriptions of what it could not read, in Chinese; one it has not
/// been taught is quoted as it is.
fn syntax_words(what: &str) -> String {
    let words = match what {
        "key with no value" => "键后面缺少 `=` 和值",
        "duplicate key" => "同一个键写了两次",
        "invalid key" | "invalid unquoted key" => "键的写法不对（含中文或空格的键要加引号）",
        "invalid value" => "值的写法不对",
        "invalid string" | "invalid basic string" | "invalid literal string" => {
            "文字的写法不对（引号没有成对）"
        }
        "invalid table" => "表头的写法不对",
        "unclosed table" | "unclosed array table" => "表头缺少右方括号 `]`",
        "unclosed array" => "列表缺少右方括号 `]`",
        "unclosed inline table" => "内联表缺少右花括号 `}`",
        "invalid inline table element" => "内联表里有写法不对的项",
        "invalid integer number"
        | "invalid float"
        | "invalid fraction"
        | "invalid exponent"
        | "invalid mantissa"
        | "invalid hexadecimal number"
        | "invalid octal number"
        | "invalid binary number" => "数字的写法不对",
        "invalid boolean" => "真假值只能写 true 或 false",
        "invalid comment character" => "注释里有不允许的控制字符",
        other => return other.to_string(),
    };
    words.to_string()
}

/// serde's `string "one"`, `integer `3``… in Chinese.
fn found_words(found: &str) -> String {
    let kinds = [
        ("string", "文字"),
        ("integer", "整数"),
        ("floating point", "小数"),
        ("boolean", "真假值"),
        ("sequence", "列表"),
        ("map", "表"),
    ];
    for (en, zh) in kinds {
        if let Some(rest) = found.strip_prefix(en) {
            return format!("{zh}{rest}");
        }
    }
    found.to_string()
}

/// The parser's name of a type, in words a template author knows.
fn type_name(t: &str) -> String {
    match t {
        "u32" | "u64" | "i64" | "u8" | "u16" | "usize" => "整数".into(),
        "f64" | "f32" => "数字".into(),
        "a string" | "string" => "文字（加引号）".into(),
        "a boolean" | "bool" => "true 或 false".into(),
        "a sequence" => "列表 [ … ]".into(),
        other => other.to_string(),
    }
}

/// What a value that does not read says, with what is accepted.
pub fn syntax(lang: Lang, e: &SyntaxError) -> String {
    let z = zh(lang);
    let keys = |k: Vec<&str>| list(lang, &k);
    match e {
        SyntaxError::BadDuration(v) => {
            if z {
                format!(
                    "时长 '{v}' 写得不对：要一个整数加单位 m、h、d 或 w，例如 \"30m\"、\"12h\"、\"3d\"、\"2w\""
                )
            } else {
                format!(
                    "bad duration '{v}'; expected a whole number and a unit m, h, d or w, e.g. \"30m\", \"12h\", \"3d\", \"2w\""
                )
            }
        }
        SyntaxError::UnknownObjectionKind(v) => {
            let ok = keys(ObjectionKind::ALL.iter().map(|k| k.key()).collect());
            if z {
                format!("没有异议类型 '{v}'；可用：{ok}")
            } else {
                format!("unknown objection kind '{v}'; accepted: {ok}")
            }
        }
        SyntaxError::UnknownAutoRule(v) => {
            let ok = keys(AutoRule::ALL.iter().map(|r| r.key()).collect());
            if z {
                format!("没有自动规则 '{v}'；可用：{ok}")
            } else {
                format!("unknown auto rule '{v}'; accepted: {ok}")
            }
        }
        SyntaxError::UnknownProductKind(v) => {
            let ok = keys(ProductKind::ALL.iter().map(|k| k.key()).collect());
            if z {
                format!("没有产品类型 '{v}'；可用：{ok}")
            } else {
                format!("unknown product kind '{v}'; accepted: {ok}")
            }
        }
        SyntaxError::UnknownTier(v) => {
            if z {
                format!("没有客户层级 '{v}'；可用：A、B、C")
            } else {
                format!("unknown tier '{v}'; accepted: A, B, C")
            }
        }
        SyntaxError::NotATag(v) => {
            if z {
                format!("'{v}' 不是标签：请写 tag:分组 或 tag:分组/标签")
            } else {
                format!("'{v}' is not a tag: write tag:GROUP or tag:GROUP/TAG")
            }
        }
        SyntaxError::UnknownPlaceholder(name) => {
            let ok: Vec<String> = NAMES.iter().map(|n| format!("{{{n}}}")).collect();
            if z {
                format!("没有占位符 '{{{name}}}'；可用：{}", ok.join(" "))
            } else {
                format!(
                    "unknown placeholder '{{{name}}}'; accepted: {}",
                    ok.join(" ")
                )
            }
        }
        SyntaxError::NoForms { name, form } => {
            if z {
                format!("'{{{name}.{form}}}'：{{{name}}} 没有 '.写法' 可选")
            } else {
                format!("'{{{name}.{form}}}': {{{name}}} takes no '.form'")
            }
        }
        SyntaxError::BadForm { name, form } => {
            let ok: Vec<String> = attrs_of(name)
                .iter()
                .map(|f| format!("{{{name}.{f}}}"))
                .collect();
            if z {
                format!(
                    "'{{{name}.{form}}}' 不是 {{{name}}} 的写法；可用：{}",
                    ok.join(" ")
                )
            } else {
                format!(
                    "'{{{name}.{form}}}' is not a form of {{{name}}}; accepted: {}",
                    ok.join(" ")
                )
            }
        }
        SyntaxError::InCondition(inner) => {
            let inner = syntax(lang, inner);
            if z {
                format!("{inner}；条件还可以写 tag:分组[/标签]、kind:类型、tier:A|B|C 或 bought")
            } else {
                format!(
                    "{inner}; a condition is also tag:GROUP[/TAG], kind:KIND, tier:A|B|C or bought"
                )
            }
        }
        SyntaxError::Unclosed => {
            if z {
                "占位符没有闭合：请补上 '}'（要写花括号本身请用 '{{'）".into()
            } else {
                "placeholder is not closed: add '}' (write '{{' for a literal brace)".into()
            }
        }
        SyntaxError::Nested => {
            if z {
                "占位符里不能再有 '{'".into()
            } else {
                "a placeholder cannot contain '{'".into()
            }
        }
        SyntaxError::Stray => {
            if z {
                "多了一个 '}'（要写花括号本身请用 '}}'）".into()
            } else {
                "stray '}' (write '}}' for a literal brace)".into()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::error::FieldError;

    /// One of every problem and every syntax error.
    fn every_problem() -> Vec<Problem> {
        let s = |x: &str| x.to_string();
        let syntax = vec![
            SyntaxError::BadDuration(s("3x")),
            SyntaxError::UnknownObjectionKind(s("cost")),
            SyntaxError::UnknownAutoRule(s("spend")),
            SyntaxError::UnknownProductKind(s("food")),
            SyntaxError::UnknownTier(s("D")),
            SyntaxError::NotATag(s("tag:/")),
            SyntaxError::UnknownPlaceholder(s("nmae")),
            SyntaxError::NoForms {
                name: s("honorific"),
                form: s("q"),
            },
            SyntaxError::BadForm {
                name: s("budget"),
                form: s("q"),
            },
            SyntaxError::InCondition(Box::new(SyntaxError::UnknownPlaceholder(s("x")))),
            SyntaxError::Unclosed,
            SyntaxError::Nested,
            SyntaxError::Stray,
        ];
        let mut out = vec![
            Problem::Toml {
                says: TomlSays::UnknownField {
                    field: s("colour"),
                    expected: vec![s("id")],
                },
                full_width: vec![],
            },
            Problem::Toml {
                says: TomlSays::MissingField(s("name")),
                full_width: vec![('＝', "=")],
            },
            Problem::Toml {
                says: TomlSays::WrongType {
                    found: s("string \"one\""),
                    expected: s("u32"),
                },
                full_width: vec![],
            },
            Problem::Toml {
                says: TomlSays::Other(s("invalid key")),
                full_width: vec![],
            },
            Problem::Unreadable {
                kind: std::io::ErrorKind::NotFound,
                detail: s("No such file"),
            },
            Problem::NotAFile,
            Problem::TooLarge {
                bytes: Some(2),
                max: 1,
            },
            Problem::TooLarge {
                bytes: None,
                max: 1,
            },
            Problem::SameId {
                id: s("mine"),
                kept: s("mine.toml"),
            },
            Problem::Empty(Part::ScriptText),
            Problem::BadId(Part::ScriptId, s("Hello")),
            Problem::ListedTwice(Part::Tag, s("a")),
            Problem::DefinedTwice(Part::Grade, s("B")),
            Problem::UsedTwice(Part::ObjectionId, s("x")),
            Problem::AtLeastOne("version"),
            Problem::LongerThanZero("every"),
            Problem::CadenceUndefined {
                id: s("steady"),
                defined: vec![s("fast"), s("slow")],
            },
            Problem::ScriptUndefined(s("helo")),
            Problem::FullWidthBraces,
            Problem::ChurnedNotAfterDormant {
                churned: 30,
                dormant: 30,
            },
            Problem::StageTwice(Stage::Pitch),
            Problem::StageMissing(Stage::Close),
            Problem::GradeMissing(Grade::C),
            Problem::EmptyWhen,
            Problem::StepOnDormancyLine {
                wait: s("60d"),
                dormant_days: 60,
            },
            Problem::CadenceEmpty(s("x")),
            Problem::CadenceLoop(s("x")),
            Problem::RepeatAtZero,
            Problem::BadTag,
            Problem::AutoNeedsRule(s("g")),
            Problem::BandsPerTag { tags: 2, bands: 1 },
            Problem::TierGroupOfThree,
            Problem::PurchaseCountTags,
            Problem::DatedTags("first_order_month"),
            Problem::BadWeight {
                value: f64::NAN,
                max: 1.0,
            },
            Problem::TagNotInTaxonomy(s("意向/下周")),
            Problem::RemindNotBeforeCycle {
                remind: 3,
                cycle: 3,
            },
            Problem::RenewNotBeforeSessions {
                left: 3,
                sessions: 3,
            },
            Problem::SignalNeedsTrigger,
            Problem::UnknownOccasion(s("wedding")),
            Problem::AheadDaysMax(60),
            Problem::NoFallback {
                slot: s("budget"),
                script: s("quote"),
                stand_in: "您的预算",
                when: s("budget"),
            },
            Problem::Field(FieldError::UnknownStage(s("negotiate"))),
        ];
        out.extend(syntax.into_iter().map(Problem::Syntax));
        out
    }

    fn has_cjk(s: &str) -> bool {
        s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
    }

    #[test]
    fn every_problem_is_worded_in_both_languages() {
        for p in every_problem() {
            let (zh, en) = (problem(Lang::Zh, &p), problem(Lang::En, &p));
            assert!(has_cjk(&zh), "{p:?}: {zh}");
            assert_ne!(zh, en, "{p:?}");
            // English words of the checker's own never reach the Chinese line.
            for word in [
                " is ",
                " must ",
                " the ",
                "not defined",
                "unknown ",
                " twice",
            ] {
                assert!(!zh.contains(word), "{p:?}: {zh}");
            }
        }
    }

    #[test]
    fn every_part_has_its_own_name() {
        use std::collections::HashSet;
        let parts = [
            Part::TemplateId,
            Part::TemplateName,
            Part::LostReason,
            Part::GradeAction,
            Part::StageGoal,
            Part::ScriptId,
            Part::ScriptText,
            Part::VariantText,
            Part::ObjectionId,
            Part::ObjectionReply,
            Part::StepAction,
            Part::CadenceId,
            Part::GiveUpAction,
            Part::TagCategory,
            Part::TagGroup,
            Part::Tag,
            Part::ProductName,
            Part::Product,
            Part::Grade,
            Part::Tier,
            Part::Signal,
            Part::SignalId,
            Part::SignalName,
            Part::SignalAction,
            Part::Occasion,
            Part::OccasionAction,
            Part::AppointmentKind,
            Part::AppointmentName,
        ];
        for lang in [Lang::Zh, Lang::En] {
            let names: HashSet<&str> = parts.iter().map(|p| part(lang, *p)).collect();
            assert_eq!(names.len(), parts.len(), "{lang:?}");
        }
    }

    #[test]
    fn lists_and_parser_words_follow_the_language() {
        let p = Problem::CadenceUndefined {
            id: "steady".into(),
            defined: vec!["fast".into(), "slow".into()],
        };
        assert!(problem(Lang::Zh, &p).ends_with("fast、slow"));
        assert!(problem(Lang::En, &p).ends_with("fast, slow"));
        let p = Problem::Toml {
            says: TomlSays::Other("unclosed table, expected `]`".into()),
            full_width: vec![],
        };
        assert_eq!(
            problem(Lang::Zh, &p),
            "TOML 格式错误：表头缺少右方括号 `]`，这里应为 `]`"
        );
        assert_eq!(problem(Lang::En, &p), "unclosed table, expected `]`");
        let p = Problem::Toml {
            says: TomlSays::Other("duplicate key: `name`".into()),
            full_width: vec![],
        };
        assert_eq!(problem(Lang::Zh, &p), "TOML 格式错误：键 `name` 写了两次");
        // A parser message not taught is quoted as it is.
        let p = Problem::Toml {
            says: TomlSays::Other("something new".into()),
            full_width: vec![],
        };
        assert_eq!(problem(Lang::Zh, &p), "TOML 格式错误：something new");
    }
}
