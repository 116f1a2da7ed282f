//! Reading never writes: every read command (the team lead's `report` and `rollup` too)
//! leaves the book's folder exactly as it was —
//! names, sizes, sha256 and modification times — with the book closed, read at a later date,
//! and held open by a writer. Files that are not our books are refused and left
//! byte-identical; a missing book is reported, never created.

mod common;

use common::{NOW, Sb, dir_state, open_book};
use salesbook::domain::command::Command;
use std::path::Path;

/// Every read command, as a rep or a lead would type it (ids of the demo book).
const READS: &[&[&str]] = &[
    &["list"],
    &["list", "--all", "--format", "json"],
    &["list", "--lifecycle", "dormant"],
    &["list", "--rotting", "--format", "csv"],
    &["show", "3"],
    &["show", "3", "--format", "json"],
    &["search", "张"],
    &["search", "zs", "--format", "json"],
    &["script", "3"],
    &["agenda"],
    &["agenda", "--format", "json", "--days", "30"],
    &["simulate", "--days", "7"],
    &["export", "--ics"],
    &["verify"],
    &["undo", "--list"],
    &["template", "show", "default"],
    &["--template", "education", "script", "3"],
    &["report"],
    &["report", "--format", "html", "--mask", "names"],
    &[
        "report",
        "--format",
        "json",
        "--from",
        "2026-10-01",
        "--to",
        "2026-11-23",
    ],
    &["report", "--format", "csv"],
    // `{book}`: the book's path (a roll-up names its books).
    &["rollup", "{book}", "--format", "json"],
    &["rollup", "{book}", "--format", "html"],
];

/// `args` with `{book}` replaced by the book's path.
fn with_book<'a>(args: &[&'a str], book: &'a str) -> Vec<&'a str> {
    args.iter()
        .map(|a| if *a == "{book}" { book } else { *a })
        .collect()
}

/// A demo book alone in its own folder (so the folder's state is the book's).
fn demo(sb: &Sb) -> std::path::PathBuf {
    sb.ok(&["demo", "--contacts", "80"]);
    let dir = sb.root().join("books");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("book.sqlite");
    std::fs::rename(sb.db(), &path).unwrap();
    path
}

fn read_all(sb: &Sb, book: &Path, now: &str) {
    let dir = book.parent().unwrap();
    for args in READS {
        let before = dir_state(dir);
        // mtimes have a resolution: a write in the same instant must still show.
        std::thread::sleep(std::time::Duration::from_millis(5));
        let out = sb.run_env(
            &with_book(args, book.to_str().unwrap()),
            &[
                ("SALESBOOK_DB", book.to_str().unwrap()),
                ("SALESBOOK_NOW", now),
            ],
        );
        assert!(
            out.status.success(),
            "{args:?} failed: {}",
            common::stderr(&out)
        );
        assert_eq!(dir_state(dir), before, "{args:?} changed the book's folder");
    }
}

#[test]
fn reads_leave_a_closed_book_untouched() {
    let sb = Sb::new();
    let book = demo(&sb);
    assert!(!Path::new(&format!("{}-wal", book.display())).exists());
    read_all(&sb, &book, NOW);
}

#[test]
fn reads_at_a_later_date_write_no_catch_up() {
    let sb = Sb::new();
    let book = demo(&sb);
    // A month on, cadences have gone dormant: the answer changes, the book must not.
    read_all(&sb, &book, "2026-12-28T09:30:00+08:00");
    read_all(&sb, &book, "2027-06-01T09:30:00+08:00");
}

/// The rep's app, running in a pseudo-terminal on `book`: a writer holding it open.
struct RunningApp {
    child: Box<dyn portable_pty::Child + Send + Sync>,
    _master: Box<dyn portable_pty::MasterPty + Send>,
}

impl RunningApp {
    fn start(sb: &Sb, book: &Path) -> RunningApp {
        use portable_pty::{CommandBuilder, PtySize, native_pty_system};
        let pty = native_pty_system()
            .openpty(PtySize {
                rows: 30,
                cols: 100,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut cmd = CommandBuilder::new(common::BIN);
        cmd.env("SALESBOOK_DB", book);
        cmd.env("XDG_CONFIG_HOME", sb.path("config"));
        cmd.env("XDG_DATA_HOME", sb.path("data"));
        cmd.env("HOME", sb.root());
        cmd.env("TERM", "xterm-256color");
        cmd.env("SALESBOOK_NOW", NOW);
        let child = pty.slave.spawn_command(cmd).unwrap();
        drop(pty.slave);
        // Drain the screen so the app never blocks on a full pty.
        let mut reader = pty.master.try_clone_reader().unwrap();
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while matches!(std::io::Read::read(&mut reader, &mut buf), Ok(n) if n > 0) {}
        });
        // The app has the book open once SQLite made its shared-memory file.
        let shm = format!("{}-shm", book.display());
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
        while !Path::new(&shm).exists() {
            assert!(
                std::time::Instant::now() < deadline,
                "the app never opened the book"
            );
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        std::thread::sleep(std::time::Duration::from_millis(300));
        RunningApp {
            child,
            _master: pty.master,
        }
    }
}

impl Drop for RunningApp {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn reads_beside_a_writer_touch_neither_the_book_nor_its_log() {
    let sb = Sb::new();
    let book = demo(&sb);
    let db = book.to_str().unwrap();
    let _app = RunningApp::start(&sb, &book);
    // Another process writes while the app holds the book open.
    sb.run_env(
        &["log", "3", "--note", "刚聊过", "--channel", "wechat"],
        &[("SALESBOOK_DB", db)],
    );
    assert!(Path::new(&format!("{}-wal", book.display())).exists());
    read_all(&sb, &book, NOW);
    // And the reads saw the change.
    let shown = sb.run_env(&["show", "3"], &[("SALESBOOK_DB", db)]);
    assert!(common::stdout(&shown).contains("刚聊过"));
}

/// The demo book with a change logged on contact 3 by a writer still holding it open, its
/// files (the book and the `sides` given, e.g. "-wal") copied into `folder` meanwhile: the
/// copy's path.
fn copied_while_open(sb: &Sb, note: &str, folder: &str, sides: &[&str]) -> std::path::PathBuf {
    let book = demo(sb);
    let mut writer = open_book(&book, NOW);
    writer
        .execute(Command::Log {
            id: 3,
            text: note.into(),
            channel: None,
            inbound: false,
        })
        .unwrap();
    let copy_dir = sb.root().join(folder);
    std::fs::create_dir_all(&copy_dir).unwrap();
    let copy = copy_dir.join("book.sqlite");
    for side in std::iter::once(&"").chain(sides) {
        std::fs::copy(
            format!("{}{side}", book.display()),
            format!("{}{side}", copy.display()),
        )
        .unwrap();
    }
    drop(writer);
    copy
}

fn shows(sb: &Sb, book: &Path, text: &str) -> bool {
    let shown = sb.run_env(&["show", "3"], &[("SALESBOOK_DB", book.to_str().unwrap())]);
    common::stdout(&shown).contains(text)
}

#[test]
fn a_read_only_copy_with_a_live_log_is_read_without_touching_it() {
    let sb = Sb::new();
    // Copied while the app is open (book and -wal, no -shm), then made read-only.
    let copy = copied_while_open(&sb, "复制前的记录", "copy", &["-wal"]);
    let copy_dir = copy.parent().unwrap().to_path_buf();
    set_mode(&copy, 0o444);
    set_mode(Path::new(&format!("{}-wal", copy.display())), 0o444);
    set_mode(&copy_dir, 0o555);
    read_all(&sb, &copy, NOW);
    assert!(shows(&sb, &copy, "复制前的记录"));
    set_mode(&copy_dir, 0o755);
}

#[test]
fn a_book_left_by_a_crashed_writer_is_read_without_touching_its_side_files() {
    let sb = Sb::new();
    // The three files as a writer that died would leave them: -wal and -shm, no process.
    let copy = copied_while_open(&sb, "崩溃前的记录", "crashed", &["-wal", "-shm"]);
    read_all(&sb, &copy, NOW);
    assert!(shows(&sb, &copy, "崩溃前的记录"));
}

fn set_mode(p: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode)).unwrap();
}

#[test]
fn a_missing_book_is_reported_and_never_created() {
    let sb = Sb::new();
    // (`template show` reads no book.)
    for args in READS.iter().filter(|a| a[0] != "template") {
        let path = sb.root().join("typo.sqlite");
        let out = sb.run_env(
            &with_book(args, path.to_str().unwrap()),
            &[("SALESBOOK_DB", path.to_str().unwrap())],
        );
        assert!(!out.status.success(), "{args:?} on a missing book exited 0");
        assert!(
            common::stderr(&out).contains("typo.sqlite"),
            "{args:?}: {}",
            common::stderr(&out)
        );
        assert!(!path.exists(), "{args:?} created {}", path.display());
    }
    // The commands that make a book say so.
    let out = sb.run(&["add", "--name", "张三"]);
    assert!(out.status.success());
    assert!(common::stderr(&out).contains("已新建客户手册"));
    // The book is private.
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(sb.db()).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
}

/// A file salesbook must refuse, and every command that must leave it byte-identical.
fn refused(sb: &Sb, path: &Path, why: &str) {
    let dir = path.parent().unwrap();
    let before = dir_state(dir);
    let p = path.to_str().unwrap();
    for args in [
        &["list"][..],
        &["show", "1"],
        &["agenda"],
        &["verify"],
        &["add", "--name", "王五"],
        &["demo"],
        &["edit", "1", "--phone", "1380000"],
        &["backup"],
    ] {
        let out = sb.run_env(args, &[("SALESBOOK_DB", p)]);
        assert!(!out.status.success(), "{args:?} on {why} exited 0");
        assert!(
            common::stderr(&out).contains(path.file_name().unwrap().to_str().unwrap()),
            "{args:?} on {why}: the error names the file: {}",
            common::stderr(&out)
        );
        assert_eq!(dir_state(dir), before, "{args:?} changed {why}");
    }
}

#[test]
fn files_that_are_not_our_books_are_refused_and_left_as_they_are() {
    let sb = Sb::new();
    let dir = sb.root().join("foreign");
    std::fs::create_dir_all(&dir).unwrap();
    // A newer salesbook's book, in rollback-journal mode.
    let newer = dir.join("newer.sqlite");
    {
        let c = rusqlite::Connection::open(&newer).unwrap();
        c.execute_batch(
            "PRAGMA application_id = 1396853553; CREATE TABLE contacts (id INTEGER);
             PRAGMA user_version = 99;",
        )
        .unwrap();
    }
    refused(&sb, &newer, "a newer book");
    let err = sb.fail(&["--db", newer.to_str().unwrap(), "list"]);
    assert!(err.contains("更新版本") && err.contains("99"), "{err}");

    // Another program's empty database.
    let empty = dir.join("empty.db");
    rusqlite::Connection::open(&empty)
        .unwrap()
        .execute_batch("PRAGMA user_version = 0; VACUUM;")
        .unwrap();
    refused(&sb, &empty, "an empty database of another program");

    // An empty database stamped with a negative version.
    let negative = dir.join("negative.db");
    rusqlite::Connection::open(&negative)
        .unwrap()
        .execute_batch("PRAGMA user_version = -1; VACUUM;")
        .unwrap();
    refused(&sb, &negative, "a database with version -1");

    // Another program's database with tables.
    let other = dir.join("other.db");
    rusqlite::Connection::open(&other)
        .unwrap()
        .execute_batch("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('x');")
        .unwrap();
    refused(&sb, &other, "another program's database");

    // Not SQLite at all.
    let text = dir.join("notes.txt");
    std::fs::write(&text, "客户名单\n张三 138\n").unwrap();
    refused(&sb, &text, "a text file");
}

#[test]
fn a_device_is_not_a_book() {
    let sb = Sb::new();
    for args in [&["list"][..], &["add", "--name", "王五"]] {
        let out = sb.run_env(args, &[("SALESBOOK_DB", "/dev/null")]);
        assert!(!out.status.success(), "{args:?} on /dev/null");
        assert!(common::stderr(&out).contains("/dev/null"));
    }
    assert!(!Path::new("/dev/null-journal").exists());
    assert!(!Path::new("/dev/null-wal").exists());
}

#[test]
fn a_zero_byte_file_becomes_a_private_book_on_the_first_write() {
    let sb = Sb::new();
    std::fs::write(sb.db(), b"").unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(sb.db(), std::fs::Permissions::from_mode(0o644)).unwrap();
    let err = sb.fail(&["list"]);
    assert!(err.contains("空文件"), "{err}");
    assert_eq!(std::fs::metadata(sb.db()).unwrap().len(), 0);
    sb.add(&["--name", "张三"]);
    let mode = std::fs::metadata(sb.db()).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
}

/// The same book as the salesbook before schema 8 left it: the agenda's score and track
/// indexes without the columns 8 added to them, the timeline's index without 9's kind.
fn downgrade_to_schema_7(path: &Path) {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.execute_batch(common::INDEXES_BEFORE_8).unwrap();
    conn.execute_batch("PRAGMA user_version = 7; PRAGMA journal_mode = DELETE;")
        .unwrap();
}

#[test]
fn a_book_at_an_older_schema_reads_the_same_agenda_and_stays_as_it_was() {
    let sb = Sb::new();
    let book = demo(&sb);
    let older = book.with_file_name("older.sqlite");
    std::fs::copy(&book, &older).unwrap();
    downgrade_to_schema_7(&older);
    let agenda = |path: &Path| {
        let out = sb.run_env(
            &[
                "agenda", "--format", "json", "--days", "30", "--limit", "500",
            ],
            &[
                ("SALESBOOK_DB", path.to_str().unwrap()),
                ("SALESBOOK_NOW", NOW),
            ],
        );
        assert!(out.status.success(), "{}", common::stderr(&out));
        String::from_utf8(out.stdout).unwrap()
    };
    let before = dir_state(book.parent().unwrap());
    let old = agenda(&older);
    assert_eq!(
        dir_state(book.parent().unwrap()),
        before,
        "the read changed the folder"
    );
    assert!(old.contains("\"section\""), "{old}");
    assert_eq!(old, agenda(&book));
    let version: i64 = rusqlite::Connection::open(&older)
        .unwrap()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, 7);
}
