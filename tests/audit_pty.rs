//! `salesbook audit BOOK` in a pseudo-terminal, as a team lead uses it: the read-only badge,
//! write keys answered in words, a figure opened down to a contact's card, quit — and the
//! book's folder byte-identical afterwards (names, sizes, sha256, mtimes, permissions), with
//! the book closed, held open mid-write by another connection, and as a read-only copy.

mod common;
mod tui_kit;

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use tempfile::TempDir;
use tui_kit::pty::Session;

const REFUSED: &str = "只读：审阅模式不能修改";

/// A demo book alone in `home/books/`.
fn demo_book(home: &Path) -> PathBuf {
    let books = home.join("books");
    std::fs::create_dir_all(&books).unwrap();
    let book = books.join("book.sqlite");
    let out = std::process::Command::new(common::BIN)
        .args(["demo", "--contacts", "80"])
        .envs(Session::env(home))
        .env("SALESBOOK_DB", &book)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", common::stderr(&out));
    book
}

/// A folder's files (name, size, sha256, mtime) and every mode (the folder's too).
type State = (
    Vec<(String, u64, String, std::time::SystemTime)>,
    Vec<(String, u32)>,
);

/// Names, sizes, hashes and mtimes of the folder's files, with every mode (the folder's too).
fn state(dir: &Path) -> State {
    let mut modes = vec![(".".to_string(), mode(dir))];
    for e in std::fs::read_dir(dir).unwrap() {
        let e = e.unwrap();
        modes.push((
            e.file_name().to_string_lossy().into_owned(),
            mode(&e.path()),
        ));
    }
    modes.sort();
    (common::dir_state(dir), modes)
}

fn mode(p: &Path) -> u32 {
    std::fs::metadata(p).unwrap().permissions().mode() & 0o7777
}

fn set_mode(p: &Path, m: u32) {
    std::fs::set_permissions(p, std::fs::Permissions::from_mode(m)).unwrap();
}

/// The whole audit, keys as a lead types them; the folder must not change.
fn audit_leaves_the_folder_as_it_was(book: &Path) {
    let folder = book.parent().unwrap().to_path_buf();
    let before = state(&folder);
    std::thread::sleep(std::time::Duration::from_millis(5));
    // The lead's own config and data live apart from the rep's book.
    let lead = TempDir::new().unwrap();
    let mut s = Session::start_args(lead, &[], &["audit", book.to_str().unwrap()]);
    let screen = s.wait_for("只读");
    assert!(s.in_alternate_screen());
    assert!(!screen.contains(REFUSED), "{screen}");
    s.wait_for("漏斗");
    s.wait_for("记录校验：通过");
    // Keys that change the book, on the dashboard: each refused in the app's words.
    for key in ["w", ">", "d", "u"] {
        s.send(key);
        let screen = s.wait_for(REFUSED);
        assert!(!screen.contains("salesbook "), "a command hint: {screen}");
        // A move clears the message before the next key.
        s.send("j");
        s.wait_gone(REFUSED);
    }
    // The first figure (entered 挖需求) down to its contacts, then a contact's card.
    s.send("\x1b[H");
    s.send("\r");
    s.wait_for("位客户");
    s.send("\r");
    s.wait_for("跟进记录");
    for key in ["w", "l", "y"] {
        s.send(key);
        s.wait_for(REFUSED);
        s.send("j");
        s.wait_gone(REFUSED);
    }
    s.send("\x1b");
    s.wait_for("位客户");
    s.send("\x1b");
    s.wait_for("漏斗");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    assert!(
        !s.in_alternate_screen(),
        "terminal left in the alternate screen"
    );
    assert!(
        !s.parser.lock().unwrap().screen().hide_cursor(),
        "cursor left hidden"
    );
    assert_eq!(
        state(&folder),
        before,
        "the audit changed the book's folder"
    );
}

#[test]
fn an_audit_of_a_closed_book_changes_nothing() {
    let home = TempDir::new().unwrap();
    let book = demo_book(home.path());
    assert!(!Path::new(&format!("{}-wal", book.display())).exists());
    audit_leaves_the_folder_as_it_was(&book);
}

#[test]
fn an_audit_beside_a_writer_mid_transaction_changes_nothing() {
    let home = TempDir::new().unwrap();
    let book = demo_book(home.path());
    // The rep's salesbook has the book open and has written (the log holds the change)…
    let mut writer = common::open_book(&book, tui_kit::NOW);
    writer
        .execute(salesbook::domain::command::Command::Log {
            id: 3,
            text: "刚聊过".into(),
            channel: None,
            inbound: false,
        })
        .unwrap();
    assert!(Path::new(&format!("{}-wal", book.display())).exists());
    // …and another connection is in the middle of a write it has not committed.
    let raw = rusqlite::Connection::open(&book).unwrap();
    raw.execute_batch("BEGIN IMMEDIATE; UPDATE contacts SET notes = '未提交' WHERE id = 4;")
        .unwrap();
    // The book, its log and the writer's `-shm` (SQLite's shared memory between the
    // connections, which the reader only reads) stay byte-identical, nothing appears, no
    // mode changes.
    audit_leaves_the_folder_as_it_was(&book);
    raw.execute_batch("ROLLBACK").unwrap();
    drop(writer);
}

#[test]
fn an_audit_of_a_read_only_copy_changes_nothing() {
    let home = TempDir::new().unwrap();
    let book = demo_book(home.path());
    let folder = book.parent().unwrap().to_path_buf();
    set_mode(&book, 0o444);
    set_mode(&folder, 0o555);
    // Root ignores the modes: the check is that they stay and nothing new appears.
    audit_leaves_the_folder_as_it_was(&book);
    set_mode(&folder, 0o755);
    drop(home);
}
