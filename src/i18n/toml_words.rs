//! The TOML parser's own messages in Chinese: what it could not read and what it expected
//! there, for the diagnostics of a template and of `config.toml`. The parser words them in
//! English whatever the UI's language; a template's author or a rep fixing the config should
//! read them in the language of the rest of the line. Keys, the characters to type (in
//! backticks) and formats such as YYYY-MM stay as the file must write them.

/// The parser's `description, expected a, b` in Chinese. A description or an expectation it
/// has not been taught is quoted as the parser says it.
pub(super) fn syntax_zh(said: &str) -> String {
    let said = said.trim();
    if let Some(key) = said
        .strip_prefix("duplicate key: `")
        .and_then(|k| k.strip_suffix('`'))
    {
        return format!("键 `{key}` 写了两次");
    }
    let (what, expected) = match said.split_once(", expected ") {
        Some((what, expected)) => (what, Some(expected)),
        None => (said, None),
    };
    // A whole number past what TOML holds (64 bits) reaches serde as a 128-bit one.
    if what.starts_with("invalid type: integer `") && what.ends_with("` as i128") {
        return "数字太大了".to_string();
    }
    if what.starts_with("cannot extend value of type ") && what.ends_with(" with a dotted key") {
        return "这个键已经有值了，不能再用带点的键往里加".to_string();
    }
    // "expected literal string" only says again that the text wants its quotes.
    let expected = expected.filter(|_| what != "string values must be quoted");
    let what = description_zh(what);
    match expected.and_then(expected_zh) {
        Some(expected) => format!("{what}，这里应为 {expected}"),
        None => what,
    }
}

/// What could not be read (the toml parser's and the date parser's descriptions).
fn description_zh(what: &str) -> String {
    let words = match what.trim() {
        "key with no value" | "missing value" | "missing value for key" => "键后面缺少 `=` 和值",
        "duplicate key" => "同一个键写了两次",
        "invalid key" | "invalid unquoted key" => "键的写法不对（含中文或空格的键要加引号）",
        "unquoted keys cannot be empty" => "`=` 前面缺少键",
        "keys cannot be multi-line basic strings" | "keys cannot be multi-line literal strings" => {
            "键不能写成三引号的多行文字"
        }
        "invalid value" => "值的写法不对",
        "string values must be quoted" => "文字要加英文引号，例如 \"文字\"",
        "missing opening quote" => "文字缺少开头的引号",
        "invalid string" | "invalid basic string" | "invalid literal string" => {
            "文字的写法不对（引号没有成对）"
        }
        "invalid multi-line basic string" | "invalid multi-line literal string" => {
            "多行文字的写法不对（三引号没有成对）"
        }
        "missing escaped value" => "反斜杠后面缺少要转义的字符（反斜杠本身写作 `\\\\`）",
        "too few unicode value digits" => "\\u 或 \\U 后面的十六进制位数不够",
        "could not allocate for string" => "文字太长，读不进来",
        "carriage return must be followed by newline" => "回车符后面必须紧跟换行",
        "invalid table" => "表头的写法不对",
        "missing table open" => "表头缺少左方括号 `[`",
        "unclosed table" | "unclosed array table" => "表头缺少右方括号 `]`",
        "missing array opening" => "列表缺少左方括号 `[`",
        "unclosed array" => "列表缺少右方括号 `]`",
        "extra comma in array" => "列表里多了一个逗号",
        "missing comma between array elements" => "列表的两项之间缺少逗号",
        "missing inline table opening" => "内联表缺少左花括号 `{`",
        "unclosed inline table" => "内联表缺少右花括号 `}`",
        "invalid inline table element" => "内联表里有写法不对的项",
        "missing key for inline table element" => "内联表的一项缺少键",
        "extra comma in inline table" => "内联表里多了一个逗号",
        "missing comma between key-value pairs" => "内联表的两项之间缺少逗号",
        "invalid key-value pair" => "键值对的写法不对",
        "missing assignment between key-value pairs" => "键和值之间缺少 `=`",
        "extra assignment between key-value pairs" => "键和值之间多了一个 `=`",
        "unexpected key or value" => "这里多了一个键或值（一行只写一个 键 = 值）",
        "unexpected content" => "这里有多余的内容",
        "unexpected content between comment and newline" => "注释里有不允许的内容",
        "missing comment start" => "注释缺少开头的 `#`",
        "invalid comment character" => "注释里有不允许的控制字符",
        "invalid integer number"
        | "invalid float"
        | "invalid fraction"
        | "invalid exponent"
        | "invalid mantissa"
        | "invalid hexadecimal number"
        | "invalid octal number"
        | "invalid binary number" => "数字的写法不对",
        "unexpected leading zero" => "数字不能以 0 开头",
        "integer number overflowed" | "floating-point number overflowed" => "数字太大了",
        "recursion limit" => "列表或表套得太深",
        "unexpected sign" => "这里不能有正负号",
        "redundant numeric sign" => "数字的正负号重复了",
        "redundant integer number prefix" => "整数的前缀重复了",
        "integers with a radix cannot be signed" => "0x、0o、0b 开头的整数前不能有正负号",
        "radix must be lowercase" => "0x、0o、0b 要用小写",
        "invalid boolean" => "真假值只能写 true 或 false",
        "invalid datetime" | "invalid date-time" => "日期时间的写法不对",
        "invalid date" => "日期的写法不对",
        "invalid time" => "时间的写法不对",
        "invalid offset" => "时差的写法不对",
        other => return other.to_string(),
    };
    words.to_string()
}

/// What the parser expected, its items joined with 、; `None` when it expected nothing
/// (the value was wrong in itself).
fn expected_zh(expected: &str) -> Option<String> {
    let expected = expected.trim();
    if expected == "nothing" || expected.is_empty() {
        return None;
    }
    // The date parser's expectations are whole phrases, some with commas of their own.
    if let Some(words) = date_expected_zh(expected) {
        return Some(words);
    }
    let items: Vec<String> = expected.split(", ").map(expected_item_zh).collect();
    Some(items.join("、"))
}

fn expected_item_zh(item: &str) -> String {
    let words = match item.trim() {
        "newline" => "换行",
        "key" => "键",
        "value" => "值",
        "letters" => "字母",
        "numbers" | "digits" => "数字",
        "characters" => "字符",
        "printable characters" => "可显示的字符",
        "non-single-quote characters" | "non-single-quote visible characters" => "单引号以外的字符",
        "non-double-quote visible characters" => "双引号以外的字符",
        "literal string" => "加引号的文字",
        "basic string" => "加双引号的文字",
        "multi-line basic string" => "三引号的多行文字",
        "unicode hexadecimal value" => "十六进制的 Unicode 码",
        "etc" => "等",
        other => return date_expected_zh(other).unwrap_or_else(|| other.to_string()),
    };
    words.to_string()
}

/// toml_datetime's expectations: the part of a date or time it wanted.
fn date_expected_zh(expected: &str) -> Option<String> {
    let unit = |u: &str| -> Option<&'static str> {
        Some(match u {
            "year" => "年",
            "month" => "月",
            "day" => "日",
            "hour" | "hours" => "时",
            "minute" | "minutes" => "分",
            "second" | "seconds" => "秒",
            "nanosecond" | "nanoseconds" => "纳秒",
            _ => return None,
        })
    };
    let words = match expected {
        "year or hour" => "年份或小时".to_string(),
        "`-` (YYYY-MM) or `:` (HH:MM)" => "`-`（YYYY-MM）或 `:`（HH:MM）".to_string(),
        "`-` (MM-DD)" => "`-`（MM-DD）".to_string(),
        "`:` (HH:MM)" => "`:`（HH:MM）".to_string(),
        "`T` between date and time" => "日期和时间之间的 `T`".to_string(),
        "`Z`, +OFFSET, -OFFSET" => "`Z`、+时差 或 -时差".to_string(),
        "nanoseconds overflowed" => "位数不超过 9 位的纳秒".to_string(),
        other => {
            // "a two-digit month (MM)", "a four-digit year (YYYY)"
            if let Some(rest) = other
                .strip_prefix("a two-digit ")
                .or_else(|| other.strip_prefix("a four-digit "))
                && let Some((u, format)) = rest.split_once(' ')
            {
                let digits = if other.contains("four") { 4 } else { 2 };
                let format = format.trim_start_matches('(').trim_end_matches(')');
                return Some(format!("{digits} 位数字的{}（{format}）", unit(u)?));
            }
            // "month between 01 and 12"
            if let Some((u, range)) = other.split_once(" between ")
                && let Some((lo, hi)) = range.split_once(" and ")
            {
                return Some(format!("{lo} 到 {hi} 之间的{}", unit(u)?));
            }
            return unit(other).map(str::to_string);
        }
    };
    Some(words)
}

#[cfg(test)]
mod tests;
