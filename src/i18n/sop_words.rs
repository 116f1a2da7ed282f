//! The words of what a template writes that does not read: the TOML parser's messages and
//! the values of a template's own syntax (durations, placeholders, conditions, kinds), in
//! the UI's language, with what is accepted.

use super::sop_check::{list, zh};
use crate::config::Lang;
use crate::domain::placeholder::{NAMES, attrs_of};
use crate::domain::sop::ObjectionKind;
use crate::domain::sop_parts::{AutoRule, ProductKind};
use crate::domain::sop_syntax::SyntaxError;
use crate::sop::problem::TomlSays;

pub(super) fn toml_says(lang: Lang, says: &TomlSays) -> String {
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
            format!("TOML 格式错误：{}", super::toml_words::syntax_zh(said))
        }
        TomlSays::Other(said) => said.clone(),
    }
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
        SyntaxError::BadContactHours(v) => {
            if z {
                format!(
                    "联系时段 '{v}' 写得不对：要写成 \"开始-结束\"（24 小时制，开始早于结束），例如 \"09:00-21:00\""
                )
            } else {
                format!(
                    "bad contact hours '{v}'; expected \"START-END\" in 24-hour time, the start before the end, e.g. \"09:00-21:00\""
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
