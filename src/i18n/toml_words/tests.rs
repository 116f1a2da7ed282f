use super::syntax_zh;

/// English words left in a Chinese line, outside backticks (what the file must type) and
/// the few names a file writes as they are.
fn english_words(line: &str) -> Vec<String> {
    let outside: String = line
        .split('`')
        .enumerate()
        .filter(|(i, _)| i % 2 == 0)
        .map(|(_, s)| s)
        .collect::<Vec<_>>()
        .join(" ");
    outside
        .split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| w.len() >= 3)
        .map(str::to_lowercase)
        .filter(|w| !["true", "false", "unicode", "yyyy"].contains(&w.as_str()))
        .collect()
}

fn has_cjk(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// Broken files of the kinds people write, each read by the toml crate itself: whatever
/// it says of them reads in Chinese, with no English left.
#[test]
fn what_the_parser_says_of_broken_files_reads_in_chinese() {
    let corpus = [
        "name = bar",
        "name = ",
        "name",
        "= \"b\"",
        "name = \"x",
        "name = 'x",
        "name = \"\"\"x",
        "name = '''x",
        "name = “x”",
        "name ＝ \"x\"",
        "name = \"a\" \"b\"",
        "name = \"a\\q\"",
        "name = \"\\u12\"",
        "[stage",
        "[[stage]",
        "]",
        "a = 1\na = 2",
        "[a]\n[a]",
        "version = 1.2.3",
        "version = 0x",
        "version = 01",
        "version = +0x1",
        "version = 0X1",
        "version = ++1",
        "version = 1e",
        "version = 1.",
        "on = tru",
        "on = True",
        "arr = [1, 2",
        "arr = [1 2]",
        "arr = [1,,2]",
        "t = {a = 1",
        "t = {a = 1,}",
        "t = {a = 1 b = 2}",
        "t = {= 1}",
        "a = 1 = 2",
        "a = 1 # ok\u{7}",
        "\"\"\"k\"\"\" = 1",
        "d = 2026-13-01",
        "d = 2026-02-30",
        "d = 2026-1-01",
        "d = 25:00:00",
        "d = 12:61:00",
        "d = 2026-11-03T25:00:00",
        "d = 2026-11-03 10:00:00Zx",
        "d = 2026-11-03T10:00:00+25:00",
        "d = 2026-11-03x",
        "a = \"x\"\r",
        "a = [1]\na.b = 2",
        "a = {b = 1}\na.c = 2",
        "x = 99999999999999999999",
    ];
    let mut untaught = Vec::new();
    for text in corpus {
        let Err(e) = toml::from_str::<toml::Table>(text) else {
            continue;
        };
        let said = e.message();
        let zh = syntax_zh(said);
        if !has_cjk(&zh) || !english_words(&zh).is_empty() {
            untaught.push(format!("{text:?}: {said:?} → {zh:?}"));
        }
    }
    assert!(untaught.is_empty(), "{}", untaught.join("\n"));
}

#[test]
fn what_the_parser_expected_is_listed_in_chinese() {
    assert_eq!(
        syntax_zh("string values must be quoted, expected literal string"),
        "文字要加英文引号，例如 \"文字\""
    );
    assert_eq!(
        syntax_zh("unexpected key or value, expected newline, `#`"),
        "这里多了一个键或值（一行只写一个 键 = 值），这里应为 换行、`#`"
    );
    // Nothing expected: the value was wrong in itself.
    assert_eq!(
        syntax_zh("invalid float, expected nothing"),
        "数字的写法不对"
    );
    assert_eq!(syntax_zh("duplicate key: `id`"), "键 `id` 写了两次");
    assert_eq!(
        syntax_zh("invalid date, expected month between 01 and 12"),
        "日期的写法不对，这里应为 01 到 12 之间的月"
    );
    assert_eq!(
        syntax_zh("invalid date, expected a two-digit day (DD)"),
        "日期的写法不对，这里应为 2 位数字的日（DD）"
    );
    assert_eq!(
        syntax_zh("invalid offset, expected `Z`, +OFFSET, -OFFSET"),
        "时差的写法不对，这里应为 `Z`、+时差 或 -时差"
    );
}

/// A message this module was never taught is quoted whole, not half translated.
#[test]
fn an_unknown_message_is_quoted_as_it_is() {
    assert_eq!(
        syntax_zh("something new, expected a thing"),
        "something new，这里应为 a thing"
    );
    assert_eq!(syntax_zh("something new"), "something new");
}
