//! Help lists every binding of every scope, and only those: checked against a list written
//! here by hand (not computed from the registry under test), read off the screen at 80×24
//! page by page.

mod tui_kit;

use ratatui::crossterm::event::KeyCode;
use salesbook::config::Lang;
use salesbook::tui::App;
use salesbook::tui::registry::Scope;
use tempfile::TempDir;
use tui_kit::*;

const CONTACT_ACTIONS: &[(&str, &str)] = &[
    ("e", "修改资料"),
    ("l", "记录跟进"),
    ("w", "成交"),
    ("L", "流失"),
    ("r", "重新打开"),
    ("X", "归档/取消归档"),
    ("g", "等级"),
    ("t", "标签"),
    ("M", "合并两位已标记的客户"),
    ("F", "约定跟进时间"),
    (">", "推进到下一阶段"),
    ("<", "退回上一阶段"),
];

const LIST_MOVES: &[(&str, &str)] = &[
    ("↑/k ↓/j", "移动选择"),
    ("PgUp PgDn", "翻页"),
    ("Home End", "到顶 / 到底"),
];

const EDITING: &[(&str, &str)] = &[
    ("⌫ Del", "删除"),
    ("← → Home End", "移动光标"),
    ("Ctrl-U", "删到行首"),
    ("Ctrl-W", "删掉光标前一个词"),
];

fn rows(
    first: &[(&'static str, &'static str)],
    more: &[&[(&'static str, &'static str)]],
) -> Vec<(&'static str, &'static str)> {
    let mut v = first.to_vec();
    for m in more {
        v.extend_from_slice(m);
    }
    v
}

/// Every scope's heading and its rows, as the help should show them.
fn expected() -> Vec<(&'static str, Vec<(&'static str, &'static str)>)> {
    vec![
        (
            "所有界面",
            rows(
                &[
                    ("q", "退出"),
                    ("?", "帮助"),
                    ("/", "搜索"),
                    ("1", "今日"),
                    ("2", "管道"),
                    ("3", "数据看板"),
                    ("u", "撤销上一步"),
                    ("T", "模板"),
                    ("Esc", "返回"),
                ],
                &[],
            ),
        ),
        (
            "数据看板",
            rows(
                &[
                    ("Enter", "查看这个数字的客户"),
                    ("Tab", "统计期间 / 全部时间"),
                ],
                &[LIST_MOVES],
            ),
        ),
        (
            "数字背后的客户",
            rows(&[("Enter", "打开客户")], &[LIST_MOVES]),
        ),
        (
            "今日",
            rows(
                &[
                    ("Enter", "打开客户"),
                    ("d", "完成"),
                    ("s", "推迟"),
                    ("x", "跳过"),
                    ("y", "复制并记录这一项的话术"),
                    ("a", "新客户"),
                    ("Space", "标记（批量）"),
                ],
                &[LIST_MOVES, CONTACT_ACTIONS],
            ),
        ),
        (
            "管道",
            rows(
                &[
                    ("← →", "换一列"),
                    ("Enter", "打开客户"),
                    ("a", "新客户"),
                    ("Space", "标记（批量）"),
                    ("f", "筛选"),
                    ("o", "显示/隐藏已关闭"),
                    ("Esc", "取消标记 / 清除筛选"),
                ],
                &[LIST_MOVES, CONTACT_ACTIONS],
            ),
        ),
        (
            "客户卡片",
            rows(
                &[
                    ("↑/k ↓/j", "移动选择"),
                    ("PgUp PgDn", "翻页"),
                    ("Home End", "到顶 / 到底"),
                    ("Tab", "切换 话术/记录/指引"),
                    ("y", "复制并记录"),
                    ("Enter", "看全文"),
                ],
                &[CONTACT_ACTIONS],
            ),
        ),
        (
            "搜索（输入中）",
            rows(
                &[
                    ("↑ ↓", "移动选择"),
                    ("Enter", "打开客户"),
                    ("Tab", "到结果列表"),
                    ("Esc", "返回"),
                    ("Ctrl-O", "显示/隐藏已归档"),
                ],
                &[EDITING],
            ),
        ),
        (
            "搜索结果",
            rows(
                &[
                    ("Enter", "打开客户"),
                    ("Tab", "回到输入"),
                    ("Space", "标记（批量）"),
                    ("Ctrl-O", "显示/隐藏已归档"),
                ],
                &[LIST_MOVES, CONTACT_ACTIONS],
            ),
        ),
        (
            "表单",
            rows(
                &[
                    ("Tab", "下一项"),
                    ("S-Tab", "上一项"),
                    ("↓", "下一项 / 下一个选项"),
                    ("↑", "上一项 / 上一个选项"),
                    ("Enter", "下一项，最后一项时保存"),
                    ("Ctrl-S", "保存"),
                    ("Alt-Enter/Ctrl-J", "换行（多行内容）"),
                    ("Esc", "取消"),
                ],
                &[EDITING],
            ),
        ),
        (
            "完成 / 推迟 / 跳过",
            rows(
                &[
                    ("Enter/Ctrl-S", "确定"),
                    ("Esc", "取消"),
                    ("Alt-Enter/Ctrl-J", "换行（多行内容）"),
                ],
                &[EDITING],
            ),
        ),
        (
            "多选列表（标签）",
            rows(
                &[
                    ("↑ ↓", "移动选择"),
                    ("Space/Tab", "选中/取消"),
                    ("Enter", "确定"),
                    ("Esc", "取消"),
                    ("⌫", "删除"),
                ],
                &[],
            ),
        ),
        (
            "单选列表（模板）",
            rows(
                &[
                    ("↑ ↓", "移动选择"),
                    ("Enter", "确定"),
                    ("Esc", "取消"),
                    ("⌫", "删除"),
                ],
                &[],
            ),
        ),
        (
            "选等级",
            rows(
                &[
                    ("A", "立即跟进"),
                    ("B", "持续培育"),
                    ("C", "潜在"),
                    ("D", "无效"),
                    ("0", "清除等级"),
                    ("Esc", "取消"),
                ],
                &[],
            ),
        ),
        ("确认", rows(&[("y/Enter", "是"), ("n/Esc", "否")], &[])),
        (
            "全文",
            rows(&[("↑/k ↓/j", "滚动"), ("Esc/Enter/q", "关闭")], &[]),
        ),
        (
            "帮助",
            rows(
                &[
                    ("↑/k ↓/j", "滚动"),
                    ("PgUp PgDn/Space", "翻页"),
                    ("Esc/q/?", "关闭"),
                ],
                &[],
            ),
        ),
        (
            "欢迎页",
            rows(&[("d", "载入示例客户"), ("a", "新客户")], &[]),
        ),
    ]
}

/// The help box's lines, read page by page to the end, without its border and without
/// the "more" marker.
fn help_lines(app: &mut App) -> Vec<String> {
    let mut pages: Vec<Vec<String>> = Vec::new();
    let mut screen = run(app, 80, 24, keys(&[KeyCode::Char('?')]));
    // The box's columns, from its top border (lines hold wide characters: count columns).
    let top = screen
        .iter()
        .position(|l| l.contains("╭ 快捷键"))
        .expect("the help box");
    let left = columns_before(&screen[top], "╭ 快捷键");
    let right =
        left + unicode_width::UnicodeWidthStr::width(
            screen[top][screen[top].find("╭ 快捷键").unwrap()..]
                .split('╮')
                .next()
                .unwrap(),
        ) + 1;
    let inside = move |l: &String| -> Option<String> {
        let cut = cut_columns(l, left + 1, right - 1);
        (!cut.starts_with('─')).then(|| cut.trim_end().to_string())
    };
    loop {
        let page: Vec<String> = screen[top + 1..].iter().map_while(&inside).collect();
        if pages.last() == Some(&page) {
            break;
        }
        pages.push(page);
        screen = run(app, 80, 24, keys(&[KeyCode::PageDown]));
    }
    // A page replaces its last line with the marker; the next page starts where that line
    // was, and the last page may be pulled up to end on the last line: drop the overlap.
    let mut lines: Vec<String> = Vec::new();
    for page in pages {
        let marker = salesbook::i18n::tui::ZH.more_below;
        let page: Vec<String> = page.into_iter().filter(|l| !l.contains(marker)).collect();
        let overlap = (0..=page.len().min(lines.len()))
            .rev()
            .find(|&n| lines[lines.len() - n..] == page[..n])
            .unwrap_or(0);
        lines.extend(page.into_iter().skip(overlap));
    }
    lines
}

#[test]
fn help_lists_every_binding_of_every_scope_and_scrolls_at_80x24() {
    let dir = TempDir::new().unwrap();
    let mut b = book(&dir);
    add(&mut b, "张三", None);
    let mut app = App::new(book(&dir), Lang::Zh);
    let got: Vec<String> = help_lines(&mut app)
        .into_iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    // Asked on Today: Today's keys first, then every other scope in its order.
    let mut scopes = expected();
    let today = scopes.iter().position(|(h, _)| *h == "今日").unwrap();
    let first = scopes.remove(today);
    scopes.insert(0, first);
    let mut want: Vec<String> = Vec::new();
    for (heading, rows) in scopes {
        want.push(heading.to_string());
        for (keys, label) in rows {
            want.push(format!("{keys} {label}"));
        }
    }
    assert_eq!(got, want);
    run(&mut app, 80, 24, keys(&[KeyCode::Esc]));
    assert_eq!(app.scope(), Scope::Today);
}

/// The box's first heading, as help opens on the screen `keys` lead to.
fn first_heading(app: &mut App, to: &[KeyCode]) -> String {
    run(app, 80, 24, keys(to));
    help_lines(app)
        .into_iter()
        .find(|l| !l.trim().is_empty())
        .map(|l| l.trim().to_string())
        .unwrap_or_default()
}

#[test]
fn help_starts_with_the_keys_of_the_screen_it_was_asked_on() {
    let dir = TempDir::new().unwrap();
    let mut b = book(&dir);
    add(&mut b, "张三", None);
    let mut app = App::new(book(&dir), Lang::Zh);
    assert_eq!(first_heading(&mut app, &[]), "今日");
    run(&mut app, 80, 24, keys(&[KeyCode::Esc]));
    assert_eq!(first_heading(&mut app, &[KeyCode::Char('2')]), "管道");
    run(&mut app, 80, 24, keys(&[KeyCode::Esc]));
    assert_eq!(app.scope(), Scope::Board);
    // On a contact's card (opened from the board's first column).
    let card = first_heading(&mut app, &[KeyCode::Char('1'), KeyCode::Enter]);
    run(&mut app, 80, 24, keys(&[KeyCode::Esc]));
    let expected = expected();
    let card_heading = expected
        .iter()
        .map(|(h, _)| *h)
        .find(|h| h.contains("客户卡"))
        .expect("a card scope in the list");
    assert_eq!(card, card_heading);
}

#[test]
fn the_status_line_hints_come_from_the_same_registry() {
    let dir = TempDir::new().unwrap();
    let mut b = book(&dir);
    add(&mut b, "张三", None);
    let mut app = App::new(book(&dir), Lang::Zh);
    let lines = run(&mut app, 120, 40, Default::default());
    let status = lines.last().unwrap();
    for hint in ["Enter 打开客户", "d 完成", "s 推迟", "x 跳过", "q 退出"] {
        assert!(status.contains(hint), "{status}");
    }
    let lines = run(&mut app, 120, 40, keys(&[KeyCode::Char('2')]));
    assert!(lines.last().unwrap().contains("f 筛选"), "{lines:#?}");
}

/// Display columns before `needle` in `line`.
fn columns_before(line: &str, needle: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(&line[..line.find(needle).unwrap()])
}

/// The text between display columns `from` and `to` of `line`.
fn cut_columns(line: &str, from: usize, to: usize) -> String {
    let mut col = 0;
    let mut out = String::new();
    for c in line.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if col >= from && col + w <= to {
            out.push(c);
        }
        col += w;
    }
    out
}
