//! No home directory, worded (see `errors.rs`).

use super::*;

#[test]
fn no_home_directory_is_worded_in_the_ui_language_from_a_command_or_a_service() {
    let as_service = Error::other(crate::config::NoHomeDir);
    let zh = message(&as_service, Lang::Zh, Front::Cli);
    assert!(zh.starts_with("找不到主目录"), "{zh}");
    let en = message(&as_service, Lang::En, Front::Cli);
    assert!(en.starts_with("no home directory, so"), "{en}");
    let bare = anyhow::Error::new(crate::config::NoHomeDir);
    assert_eq!(crate::cli::error_text(&bare, Lang::Zh), zh);
    assert_eq!(crate::cli::error_text(&bare, Lang::En), en);
}
