//! The command line's own mistakes (an unknown option, a missing value, a number out of
//! range), worded in the UI's language instead of the argument parser's English.

use crate::config::Lang;

/// The sentences of a usage error. `{0}`, `{1}`, `{2}` as each field says.
pub struct UsageText {
    /// `{0}` the argument as typed.
    pub unknown_argument: &'static str,
    /// `{0}` the command as typed.
    pub unknown_command: &'static str,
    /// `{0}` what salesbook has that is close to it (quoted, listed).
    pub did_you_mean: &'static str,
    /// Before a further sentence on the same line.
    pub then: &'static str,
    /// `{0}` the value as typed (it starts with `-`).
    pub dash_value: &'static str,
    /// `{0}` what is missing.
    pub missing: &'static str,
    /// After a missing value that may also be given by an option: `{0}` the option, `{1}`
    /// its value in words.
    pub or_option: &'static str,
    /// `{0}` the option, `{1}` the value, `{2}` what is accepted.
    pub invalid_value: &'static str,
    /// `{0}` the option, `{1}` the value, `{2}` why.
    pub bad_value: &'static str,
    /// `{0}` the least, `{1}` the most.
    pub in_range: &'static str,
    pub whole_number: &'static str,
    pub too_large: &'static str,
    /// `{0}` one option, `{1}` the other.
    pub conflict: &'static str,
    /// `{0}` the option.
    pub given_twice: &'static str,
    /// `{0}` the option.
    pub needs_value: &'static str,
    pub not_utf8: &'static str,
    /// For mistakes without a sentence of their own; `{0}` the parser's words.
    pub other: &'static str,
    /// `{0}` the usage line.
    pub usage: &'static str,
    /// `{0}` the command (`salesbook log`).
    pub help: &'static str,
    /// Between a list's items.
    pub and: &'static str,
}

pub const ZH: UsageText = UsageText {
    unknown_argument: "不认识的参数 '{0}'",
    unknown_command: "没有 '{0}' 这个命令",
    did_you_mean: "是不是想写 {0}？",
    then: "；",
    dash_value: "'{0}' 以 - 开头，会被当成参数名；要把它作为值，请用等号连着参数写（--参数={0}），或写在 -- 之后（-- {0}）",
    missing: "缺少必填的参数：{0}",
    or_option: "（也可以写成 {0} {1}）",
    invalid_value: "参数 {0} 的值 '{1}' 不对；可用：{2}",
    bad_value: "参数 {0} 的值 '{1}' 不对：{2}",
    in_range: "应在 {0} 到 {1} 之间",
    whole_number: "应是一个整数",
    too_large: "数字太大了，没有这么大的编号或数量",
    conflict: "参数 {0} 不能和 {1} 一起用",
    given_twice: "参数 {0} 只能写一次",
    needs_value: "参数 {0} 后面要跟一个值",
    not_utf8: "参数里有无法识别的字符（不是 UTF-8 文本）",
    other: "命令行参数不对（{0}）",
    usage: "用法：{0}",
    help: "{0} --help 可查看全部参数",
    and: "、",
};

pub const EN: UsageText = UsageText {
    unknown_argument: "unknown argument '{0}'",
    unknown_command: "there is no command '{0}'",
    did_you_mean: "did you mean {0}?",
    then: "; ",
    dash_value: "'{0}' starts with - and reads as an option; to give it as a value, join it to its option with = (--option={0}) or put it after -- (-- {0})",
    missing: "missing required arguments: {0}",
    or_option: " (or {0} {1})",
    invalid_value: "{0} does not accept '{1}'; accepted: {2}",
    bad_value: "{0} does not accept '{1}': {2}",
    in_range: "it must be from {0} to {1}",
    whole_number: "it must be a whole number",
    too_large: "the number is too large for any id or count",
    conflict: "{0} cannot be used with {1}",
    given_twice: "{0} can be given only once",
    needs_value: "{0} needs a value",
    not_utf8: "an argument is not valid text (not UTF-8)",
    other: "the command line is not right ({0})",
    usage: "usage: {0}",
    help: "{0} --help lists every argument",
    and: ", ",
};

pub fn usage_text(lang: Lang) -> &'static UsageText {
    match lang {
        Lang::Zh => &ZH,
        Lang::En => &EN,
    }
}
