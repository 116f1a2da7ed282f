//! `--help` in the UI's language. The parser's help is English: its own words (Usage,
//! Options, "Print help", "[default: …]") and the doc comments of `args.rs`. For Chinese,
//! the whole command tree is built and every description, heading and annotation replaced
//! from `i18n::help`. Only a help request pays for that: a command that runs never builds
//! the other commands' arguments.

use crate::config::Lang;
use crate::i18n::help::{HelpWords, help_words};
use clap::builder::{Arg, Command};
use std::ffi::OsString;

/// The help (or the parse error) clap gives for `args` with the localized command tree.
pub fn localized_help(args: impl IntoIterator<Item = OsString>, lang: Lang) -> clap::Error {
    let cmd = localized(<super::args::Cli as clap::CommandFactory>::command(), lang);
    match cmd.try_get_matches_from(args) {
        Err(e) => e,
        // Not a help request after all (cannot happen: it was one with the same words).
        Ok(_) => clap::Error::new(clap::error::ErrorKind::DisplayHelp),
    }
}

/// The command tree with every text of its help in `lang` (English: as declared).
pub fn localized(mut cmd: Command, lang: Lang) -> Command {
    let Some(w) = help_words(lang) else {
        return cmd;
    };
    cmd.build();
    localize(cmd, "", w)
}

/// `path` is the command's place in the tree: "" for salesbook itself, "agenda",
/// "template list"…
fn localize(mut cmd: Command, path: &str, w: &HelpWords) -> Command {
    // `help template list` repeats `template list`, `help help` is `help`.
    let mirrored = path
        .split_once("help ")
        .map(|(before, after)| format!("{before}{after}"));
    if let Some(about) = w.text(path).or_else(|| w.text(mirrored.as_deref()?)) {
        cmd = cmd.about(about).long_about(None::<&str>);
    }
    let ids: Vec<String> = cmd
        .get_arguments()
        .map(|a| a.get_id().to_string())
        .collect();
    for id in ids {
        let key = format!("{path}.{id}");
        cmd = cmd.mut_arg(&id, |a| localize_arg(a, &key, w));
    }
    let usage = w.usage_in_words(
        cmd.clone()
            .render_usage()
            .to_string()
            .trim()
            .trim_start_matches("Usage:")
            .trim(),
    );
    // After the arguments: the usage line shows their placeholders.
    cmd = cmd
        .help_template(w.template)
        .override_usage(usage)
        .subcommand_help_heading(w.commands_heading)
        .subcommand_value_name(w.command_value);
    let subs: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in subs {
        let sub_path = if path.is_empty() {
            name.clone()
        } else {
            format!("{path} {name}")
        };
        cmd = cmd.mut_subcommand(&name, |s| localize(s, &sub_path, w));
    }
    cmd
}

fn localize_arg(mut a: Arg, key: &str, w: &HelpWords) -> Arg {
    let id = key.rsplit('.').next().unwrap_or(key);
    let text = w.text(key).or_else(|| w.text(&format!("*.{id}")));
    let mut help = text.map(str::to_string).unwrap_or_default();
    // The parser's annotations, in words of the language.
    let defaults: Vec<String> = a
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .collect();
    // (A flag's "false" says nothing.)
    let takes_values = a.get_action().takes_values();
    if takes_values && !defaults.is_empty() && !a.is_hide_default_value_set() {
        help.push_str(&crate::exchange::fill(w.default_is, &[&defaults.join(" ")]));
    }
    let values: Vec<String> = a
        .get_possible_values()
        .iter()
        .filter(|v| !v.is_hide_set())
        .map(|v| v.get_name().to_string())
        .collect();
    if !values.is_empty() && !a.is_hide_possible_values_set() {
        help.push_str(&crate::exchange::fill(w.values_are, &[&values.join(w.or)]));
    }
    if let Some(env) = a.get_env().filter(|_| !a.is_hide_env_set()) {
        help.push_str(&crate::exchange::fill(w.env_is, &[&env.to_string_lossy()]));
    }
    if text.is_some() || !help.is_empty() {
        a = a.help(help).long_help(None::<&str>);
    }
    // Placeholders (`<DATE>`) in words of the language, where the table has them.
    let declared: Vec<String> = match a.get_value_names() {
        Some(names) => names.iter().map(|n| n.to_string()).collect(),
        None if takes_values => vec![id.to_uppercase()],
        None => Vec::new(),
    };
    let named: Vec<&'static str> = declared.iter().filter_map(|n| w.value_name(n)).collect();
    if !declared.is_empty() && named.len() == declared.len() {
        a = a.value_names(named);
    }
    let heading = if a.is_positional() {
        w.arguments_heading
    } else {
        w.options_heading
    };
    a.hide_default_value(true)
        .hide_possible_values(true)
        .hide_env(true)
        .help_heading(heading)
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    /// Every command and argument with help of its own in English has it in Chinese: a
    /// new option without its words would show an empty line on a Chinese screen.
    #[test]
    fn every_command_and_argument_has_chinese_help() {
        let mut missing = Vec::new();
        let mut en = crate::cli::args::Cli::command();
        en.build();
        let zh = localized(crate::cli::args::Cli::command(), Lang::Zh);
        fn walk(en: &Command, zh: &Command, path: &str, missing: &mut Vec<String>) {
            if en.get_about().is_some() && zh.get_about() == en.get_about() {
                missing.push(format!("command '{path}'"));
            }
            for a in en.get_arguments().filter(|a| !a.is_hide_set()) {
                let z = zh
                    .get_arguments()
                    .find(|z| z.get_id() == a.get_id())
                    .expect("the same arguments");
                let english = a.get_help().map(|h| h.to_string());
                let chinese = z.get_help().map(|h| h.to_string()).unwrap_or_default();
                let has_cjk = chinese
                    .chars()
                    .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
                if english.is_some() && !has_cjk {
                    missing.push(format!("'{path}' --{}: {english:?}", a.get_id()));
                }
            }
            for s in en.get_subcommands() {
                let z = zh
                    .find_subcommand(s.get_name())
                    .expect("the same subcommands");
                let sub = format!("{path} {}", s.get_name());
                walk(s, z, sub.trim(), missing);
            }
        }
        walk(&en, &zh, "", &mut missing);
        assert!(
            missing.is_empty(),
            "no Chinese help for:\n{}",
            missing.join("\n")
        );
    }

    #[test]
    fn english_is_left_as_declared() {
        let mut en = crate::cli::args::Cli::command();
        en.build();
        let same = localized(crate::cli::args::Cli::command(), Lang::En);
        assert_eq!(
            en.clone().render_long_help().to_string(),
            same.clone().render_long_help().to_string()
        );
    }
}
