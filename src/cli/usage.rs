//! A command line the parser cannot take, reported like every other error: in the UI's
//! language, on standard error, with the usage line and where the help is.

use crate::config::Lang;
use crate::exchange::fill;
use crate::i18n::usage::{UsageText, usage_text};
use clap::error::{ContextKind, ContextValue, ErrorKind};
use std::process::ExitCode;

/// Prints why the command line did not parse and returns the exit status (2, as the
/// parser's own). Help and version requests are not errors: they print as they are.
pub fn parse_failed(e: clap::Error) -> ExitCode {
    let lang = crate::config::configured_lang();
    match usage_error(&e, lang) {
        Some(text) => {
            let word = crate::i18n::cli::cli_text(lang).error;
            let text = crate::domain::text::display_safe(&text, true);
            eprintln!("salesbook: {word}: {text}");
            ExitCode::from(2)
        }
        None => {
            // Help in the UI's language: asked again of the translated command tree.
            let e = match e.kind() {
                ErrorKind::DisplayHelp | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
                    super::help::localized_help(std::env::args_os(), lang)
                }
                _ => e,
            };
            let _ = e.print();
            ExitCode::from(e.exit_code().clamp(0, 255) as u8)
        }
    }
}

/// A value that may follow the id or come after its option (`lost 12 预算不够`, `lost 12
/// --reason 预算不够`): a missing one names both ways.
const TWINS: &[(&str, &str)] = &[
    ("<REASON>", "--reason"),
    ("<TEXT>", "--note"),
    ("<WHEN>", "--until"),
    ("<TIME>", "--at"),
];

/// The message for a command line that did not parse; `None` for help and version.
pub fn usage_error(e: &clap::Error, lang: Lang) -> Option<String> {
    if matches!(
        e.kind(),
        ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    ) {
        return None;
    }
    let t = usage_text(lang);
    let get = |k: ContextKind| e.get(k).map(|v| words(v, t)).unwrap_or_default();
    let arg = placeholders_in_words(&get(ContextKind::InvalidArg), lang);
    let value = get(ContextKind::InvalidValue);
    let mut text = match e.kind() {
        ErrorKind::UnknownArgument => {
            let mut s = fill(t.unknown_argument, &[&arg]);
            let negative = arg
                .strip_prefix('-')
                .is_some_and(|n| n.parse::<f64>().is_ok());
            if let Some(suggested) = e.get(ContextKind::SuggestedArg) {
                s = format!(
                    "{s}{}{}",
                    t.then,
                    fill(t.did_you_mean, &[&quoted(suggested, t)])
                );
            } else if negative
                || (e.get(ContextKind::Suggested).is_some() && !arg.starts_with("--"))
            {
                // (The parser's own tip is to put it after `--`.) A `--word` is an option
                // this command lacks, not a value: the help line below lists the options.
                s = format!("{s}{}{}", t.then, fill(t.dash_value, &[&arg]));
            }
            s
        }
        ErrorKind::InvalidSubcommand => {
            let sub = get(ContextKind::InvalidSubcommand);
            let mut s = fill(t.unknown_command, &[&sub]);
            if let Some(suggested) = e.get(ContextKind::SuggestedSubcommand) {
                s = format!(
                    "{s}{}{}",
                    t.then,
                    fill(t.did_you_mean, &[&quoted(suggested, t)])
                );
            }
            s
        }
        ErrorKind::MissingRequiredArgument | ErrorKind::MissingSubcommand => {
            let raw = e.get(ContextKind::InvalidArg).map(|v| v.to_string());
            let twin = raw
                .as_deref()
                .and_then(|r| TWINS.iter().find(|(p, _)| *p == r))
                .map(|(_, option)| fill(t.or_option, &[option, &arg]));
            format!("{}{}", fill(t.missing, &[&arg]), twin.unwrap_or_default())
        }
        ErrorKind::InvalidValue if value.is_empty() => fill(t.needs_value, &[&arg]),
        ErrorKind::InvalidValue => {
            let valid = get(ContextKind::ValidValue);
            fill(t.invalid_value, &[&arg, &value, &valid])
        }
        ErrorKind::ValueValidation => {
            let why = std::error::Error::source(e)
                .map(|s| why_not(&s.to_string(), t))
                .unwrap_or_default();
            fill(t.bad_value, &[&arg, &value, &why])
        }
        ErrorKind::ArgumentConflict => {
            let prior = placeholders_in_words(&get(ContextKind::PriorArg), lang);
            if prior.is_empty() || prior == arg {
                fill(t.given_twice, &[&arg])
            } else {
                fill(t.conflict, &[&arg, &prior])
            }
        }
        ErrorKind::InvalidUtf8 => t.not_utf8.to_string(),
        _ => fill(t.other, &[e.kind().as_str().unwrap_or("?")]),
    };
    if let Some(usage) = e.get(ContextKind::Usage).map(|v| words(v, t)) {
        let usage = usage.trim();
        let usage = usage.strip_prefix("Usage:").unwrap_or(usage).trim();
        let usage = match crate::i18n::help::help_words(lang) {
            Some(w) => placeholders_in_words(&w.usage_in_words(usage), lang),
            None => usage.to_string(),
        };
        let usage = usage.as_str();
        text.push('\n');
        text.push_str(&fill(t.usage, &[usage]));
        // `salesbook log --note …` → `salesbook log`: the command whose help to read.
        let command: Vec<&str> = usage
            .split_whitespace()
            .take(2)
            .take_while(|w| !w.starts_with(['[', '<', '-']))
            .collect();
        if !command.is_empty() {
            text.push('\n');
            text.push_str(&fill(t.help, &[&command.join(" ")]));
        }
    }
    Some(text)
}

/// A context value as plain text; lists joined in the language's way.
fn words(v: &ContextValue, t: &UsageText) -> String {
    match v {
        ContextValue::String(s) => s.clone(),
        ContextValue::Strings(list) => list.join(t.and),
        ContextValue::StyledStr(s) => s.to_string(),
        ContextValue::StyledStrs(list) => list
            .iter()
            .map(|s| s.to_string())
            .collect::<Vec<_>>()
            .join(t.and),
        ContextValue::Number(n) => n.to_string(),
        ContextValue::Bool(_) | ContextValue::None => String::new(),
        _ => String::new(),
    }
}

/// Suggestions, each in quotes.
fn quoted(v: &ContextValue, t: &UsageText) -> String {
    match v {
        ContextValue::Strings(list) => list
            .iter()
            .map(|s| format!("'{s}'"))
            .collect::<Vec<_>>()
            .join(t.and),
        other => format!("'{}'", words(other, t)),
    }
}

/// Why a number was refused, from the parser's English: out of range (`5000 is not in
/// 1..=100`) or not a whole number; anything else as it came.
fn why_not(source: &str, t: &UsageText) -> String {
    if let Some((_, range)) = source.split_once(" is not in ")
        && let Some((lo, hi)) = range.trim().split_once("..=")
    {
        return fill(t.in_range, &[lo.trim(), hi.trim()]);
    }
    if source.contains("number too large") || source.contains("number too small") {
        return t.too_large.to_string();
    }
    if source.contains("invalid digit") {
        return t.whole_number.to_string();
    }
    source.to_string()
}

/// `<KEEP>` (the parser's name for a positional value) as the help names it: `<保留的编号>`;
/// an optional one too (`[NAME]` → `[姓名]`).
fn placeholders_in_words(arg: &str, lang: Lang) -> String {
    let Some(words) = crate::i18n::help::help_words(lang) else {
        return arg.to_string();
    };
    let mut out = String::new();
    let mut rest = arg;
    while let Some(open) = rest.find(['<', '[']) {
        let shut = if rest.as_bytes()[open] == b'<' {
            '>'
        } else {
            ']'
        };
        let Some(close) = rest[open..].find(shut).map(|c| open + c) else {
            break;
        };
        out.push_str(&rest[..open]);
        let name = &rest[open + 1..close];
        match words.value_name(name) {
            Some(word) => out.push_str(&format!("{}{word}{shut}", &rest[open..open + 1])),
            None => out.push_str(&rest[open..=close]),
        }
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    out
}
