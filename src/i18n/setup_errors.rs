//! What is wrong with the set-up rather than the book: `config.toml` that does not parse,
//! `SALESBOOK_NOW` that is not a time.

use super::errors::zh;
use crate::config::Lang;

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
            "配置文件 {} 第 {line} 行第 {column} 列有错误：{}\n\
             可用的设置：[me] name = \"…\"，call = \"…\"；[ui] lang = \"zh-CN\" 或 \"en\"，mouse = true 或 false；\
             [clipboard] mode = \"auto\"、\"osc52\" 或 \"native\"；[backup] keep = 14",
            path.display(),
            parser_words_zh(detail)
        )
    } else {
        format!(
            "{} has a mistake at line {line}, column {column}: {detail}\n\
             accepted keys: [me] name = \"…\", call = \"…\"; [ui] lang = \"zh-CN\" | \"en\", mouse = true | false; \
             [clipboard] mode = \"auto\" | \"osc52\" | \"native\"; [backup] keep = 14",
            path.display()
        )
    }
}

/// `SALESBOOK_NOW` that is not a time.
pub fn bad_now(lang: Lang, e: &crate::clock::BadNow) -> String {
    let env = crate::clock::Clock::ENV;
    let example = "2026-11-23T09:30:00+08:00";
    match (zh(lang), e.not_text) {
        (true, true) => format!(
            "{env} = {} 不是文字；要一个 RFC 3339 格式的时间，例如 {example}",
            e.value
        ),
        (true, false) => format!(
            "{env} = '{}' 不是 RFC 3339 格式的时间；要这样写：{example}",
            e.value
        ),
        (false, true) => format!(
            "{env} = {} is not text; expected an RFC 3339 time, e.g. {example}",
            e.value
        ),
        (false, false) => format!(
            "{env} = '{}' is not an RFC 3339 time; expected e.g. {example}",
            e.value
        ),
    }
}

/// The settings parser's usual complaints in Chinese (a wrong type, an unknown value or
/// key), and the TOML syntax as templates word it.
fn parser_words_zh(detail: &str) -> String {
    let ticks = |s: &str| s.replace('`', "");
    let wants = |what: &str| -> String {
        match what.trim() {
            "a boolean" => "true 或 false".into(),
            "a string" => "加引号的文字".into(),
            "usize" | "u32" | "u64" | "an integer" => "不小于 0 的整数".into(),
            other => ticks(other),
        }
    };
    let given = |what: &str| -> String {
        let what = what.trim();
        match what.split_once(' ') {
            Some(("string", v)) => format!("文字 {v}"),
            Some(("integer", v)) | Some(("float", v)) => format!("数字 {}", ticks(v)),
            Some(("boolean", v)) => ticks(v),
            _ => ticks(what),
        }
    };
    let list = |s: &str| ticks(s).replace(", ", "、").replace(" or ", "、");
    if let Some(rest) = detail.strip_prefix("invalid type: ")
        && let Some((got, want)) = rest.split_once(", expected ")
    {
        return format!("类型不对：写的是{}，这里要{}", given(got), wants(want));
    }
    if let Some(rest) = detail.strip_prefix("invalid value: ")
        && let Some((got, want)) = rest.split_once(", expected ")
    {
        return format!("取值不对：写的是{}，这里要{}", given(got), wants(want));
    }
    if let Some(rest) = detail.strip_prefix("unknown variant ")
        && let Some((got, want)) = rest.split_once(", expected ")
    {
        let want = want.strip_prefix("one of ").unwrap_or(want);
        return format!("不认识的取值 {}；可用：{}", ticks(got), list(want));
    }
    if let Some(rest) = detail.strip_prefix("unknown field ")
        && let Some((got, want)) = rest.split_once(", expected ")
    {
        let want = want.strip_prefix("one of ").unwrap_or(want);
        return format!("不认识的设置 {}；这一节可用：{}", ticks(got), list(want));
    }
    format!("格式不对：{}", super::toml_words::syntax_zh(detail))
}
