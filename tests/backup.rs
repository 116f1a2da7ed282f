//! Backups: on request (consistent while another process writes), before every schema
//! upgrade, and on the first write of each day (keeping the newest N); restore backs the
//! current book up first and takes only a book whose log checks out.

mod common;

use common::Sb;
use rusqlite::Connection;
use std::path::{Path, PathBuf};

fn backups(sb: &Sb) -> Vec<PathBuf> {
    let dir = sb.path("data/salesbook/backups");
    let mut out: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    out.sort();
    out
}

fn count(path: &Path) -> i64 {
    Connection::open(path)
        .unwrap()
        .query_row("SELECT count(*) FROM contacts", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn a_backup_taken_while_another_process_writes_is_consistent() {
    let sb = Sb::new();
    sb.ok(&["demo", "--contacts", "50"]);
    let db = sb.db();
    let writer = {
        let (root, db) = (sb.root().to_path_buf(), db.clone());
        std::thread::spawn(move || {
            for i in 0..40 {
                let out = std::process::Command::new(common::BIN)
                    .args(["add", "--name", &format!("并发{i}")])
                    .env("SALESBOOK_DB", &db)
                    .env("XDG_CONFIG_HOME", root.join("config"))
                    .env("XDG_DATA_HOME", root.join("data"))
                    .env("HOME", &root)
                    .env("SALESBOOK_NOW", common::NOW)
                    .output()
                    .unwrap();
                assert!(out.status.success());
            }
        })
    };
    let mut copies = Vec::new();
    for i in 0..5 {
        let to = sb.path(&format!("copy{i}.sqlite"));
        let out = sb.ok(&["backup", "--to", to.to_str().unwrap()]);
        assert!(out.contains("已备份到"), "{out}");
        copies.push(to);
    }
    writer.join().unwrap();
    for c in &copies {
        // Each copy is a whole book: its log explains every contact in it.
        sb.ok(&["--db", c.to_str().unwrap(), "verify"]);
        let n = count(c);
        assert!((50..=90).contains(&n), "{n} contacts");
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(c).unwrap().permissions().mode() & 0o777,
            0o600
        );
        assert!(!Path::new(&format!("{}-wal", c.display())).exists());
    }
    // A backup never overwrites a file, and says so in the UI's language.
    let before = std::fs::read(&copies[0]).unwrap();
    let err = sb.fail(&["backup", "--to", copies[0].to_str().unwrap()]);
    assert!(err.contains("copy0.sqlite 已经存在；备份从不覆盖"), "{err}");
    assert_eq!(std::fs::read(&copies[0]).unwrap(), before);
    // Nor a device or a link that points nowhere yet (the copy would land where it points).
    let err = sb.fail(&["backup", "--to", "/dev/null"]);
    assert!(err.contains("/dev/null 已经存在"), "{err}");
    let dangling = sb.path("dangling.sqlite");
    std::os::unix::fs::symlink(sb.path("nowhere/x.sqlite"), &dangling).unwrap();
    let err = sb.fail(&["backup", "--to", dangling.to_str().unwrap()]);
    assert!(err.contains("dangling.sqlite 已经存在"), "{err}");
    // A folder that cannot be made: why, in the same language.
    let err = sb.fail(&["backup", "--to", "/proc/nope/x.sqlite"]);
    assert!(err.contains("写不了备份 /proc/nope/x.sqlite（"), "{err}");
}

#[test]
fn restore_backs_up_first_and_brings_back_the_copy() {
    let sb = Sb::new();
    sb.add(&["--name", "张三丰"]);
    let copy = sb.path("before.sqlite");
    sb.ok(&["backup", "--to", copy.to_str().unwrap()]);
    sb.add(&["--name", "李四"]);
    sb.ok(&["move", "1", "pitch"]);
    let out = sb.ok(&["restore", copy.to_str().unwrap()]);
    assert!(
        out.contains("已从备份恢复") && out.contains("恢复前的手册备份在"),
        "{out}"
    );
    let names: Vec<String> = sb
        .all()
        .iter()
        .map(|c| c["name"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(names, ["张三丰"]);
    assert_eq!(sb.contact(1)["stage"], "discover");
    sb.ok(&["verify"]);
    // The book as it was before the restore is in the backups folder, whole.
    let safety: Vec<PathBuf> = backups(&sb)
        .into_iter()
        .filter(|p| p.to_string_lossy().contains("manual"))
        .collect();
    assert_eq!(safety.len(), 1, "{safety:?}");
    assert_eq!(count(&safety[0]), 2);
}

/// `backup FILE` is `backup --to FILE`; `restore` without a file lists the book's backups,
/// newest first, restores nothing, and fails.
#[test]
fn restore_without_a_file_lists_the_books_backups_to_choose_from() {
    let sb = Sb::new();
    sb.add(&["--name", "张三丰"]);
    let err = sb.fail(&["restore"]);
    assert!(err.contains("备份文件夹里也没有这本手册的备份"), "{err}");
    let copy = sb.path("mine.sqlite");
    sb.ok(&["backup", copy.to_str().unwrap()]);
    assert_eq!(count(&copy), 1);
    sb.ok(&["backup"]);
    std::thread::sleep(std::time::Duration::from_millis(20));
    sb.ok(&["backup"]);
    let before = sb.snapshot();
    let out = sb.run(&["restore"]);
    assert_eq!(out.status.code(), Some(1));
    let listed = common::stdout(&out);
    let ours = backups(&sb);
    assert_eq!(ours.len(), 2, "{ours:?}");
    let lines: Vec<&str> = listed.lines().collect();
    assert!(lines[0].starts_with("备份时间"), "{listed}");
    assert_eq!(lines.len(), 3, "{listed}");
    // Newest first.
    let newest = ours
        .iter()
        .max_by_key(|p| std::fs::metadata(p).unwrap().modified().unwrap())
        .unwrap();
    assert!(
        lines[1].ends_with(&newest.display().to_string()),
        "{listed}"
    );
    assert!(
        common::stderr(&out).contains("上面是这本手册的 2 份备份（最新的在前）"),
        "{}",
        common::stderr(&out)
    );
    assert_eq!(sb.snapshot(), before, "nothing restored");
}

/// Another rep's backup (or any other book's) does not silently replace a book with
/// contacts: said, refused, nothing changed; `--other-book` does it. A new, empty book
/// takes any backup (a rep moving to a new computer).
#[test]
fn restore_of_another_books_backup_asks_to_be_meant() {
    let mine = Sb::new();
    mine.add(&["--name", "张三丰"]);
    // Another rep's book, started on another day.
    let mut theirs = Sb::new();
    theirs.set_now("2026-11-20T10:00:00+08:00");
    theirs.add(&["--name", "李四"]);
    theirs.add(&["--name", "王五"]);
    let copy = theirs.path("theirs.sqlite");
    theirs.ok(&["backup", "--to", copy.to_str().unwrap()]);

    let before = mine.snapshot();
    let err = mine.fail(&["restore", copy.to_str().unwrap()]);
    assert!(
        err.contains("另一本客户手册的备份")
            && err.contains("1 位客户")
            && err.contains("--other-book"),
        "{err}"
    );
    assert_eq!(mine.snapshot(), before);
    let out = mine.ok(&["restore", copy.to_str().unwrap(), "--other-book"]);
    assert!(out.contains("；恢复前的手册备份在"), "{out}");
    assert_eq!(mine.all().len(), 2);
    mine.ok(&["verify"]);

    // An empty book takes it without asking.
    let fresh = Sb::new();
    fresh.add(&["--name", "试试"]);
    fresh.ok(&["undo"]);
    assert!(fresh.all().is_empty());
    fresh.ok(&["restore", copy.to_str().unwrap()]);
    assert_eq!(fresh.all().len(), 2);
}

#[test]
fn a_backup_to_a_folder_says_it_wants_a_file() {
    let sb = Sb::new();
    sb.add(&["--name", "张三丰"]);
    let folder = sb.path("backups-here");
    std::fs::create_dir_all(&folder).unwrap();
    let err = sb.fail(&["backup", "--to", folder.to_str().unwrap()]);
    assert!(
        err.contains("是一个文件夹") && err.contains("book-backup.sqlite"),
        "{err}"
    );
    assert_eq!(std::fs::read_dir(&folder).unwrap().count(), 0);
    // Through a file: the system's reason in the UI's words.
    std::fs::write(sb.path("afile"), b"x").unwrap();
    let err = sb.fail(&[
        "backup",
        "--to",
        sb.path("afile/b.sqlite").to_str().unwrap(),
    ]);
    assert!(
        err.contains("写不了备份") && err.contains("（路径里有一段不是文件夹）"),
        "{err}"
    );
}

#[test]
fn restore_refuses_what_is_not_a_sound_book() {
    let sb = Sb::new();
    sb.add(&["--name", "张三丰"]);
    let snap = sb.snapshot();
    let text = sb.path("notes.txt");
    std::fs::write(&text, "not a book").unwrap();
    let err = sb.fail(&["restore", text.to_str().unwrap()]);
    assert!(err.contains("notes.txt"), "{err}");
    // Why, in words (never the error's inner name), and no hint to make a new book.
    assert!(err.contains("不是 SQLite 数据库"), "{err}");
    assert!(!err.contains("NotSqlite") && !err.contains("(\""), "{err}");
    let err = sb.fail(&["restore", sb.path("nope.sqlite").to_str().unwrap()]);
    assert!(err.contains("nope.sqlite 恢复：没有这个文件"), "{err}");
    assert!(
        !err.contains("Missing") && !err.contains("salesbook add"),
        "{err}"
    );
    // A backup tampered with after it was taken.
    let copy = sb.path("copy.sqlite");
    sb.ok(&["backup", "--to", copy.to_str().unwrap()]);
    Connection::open(&copy)
        .unwrap()
        .execute_batch("UPDATE contacts SET name = '改过' WHERE id = 1")
        .unwrap();
    let err = sb.fail(&["restore", copy.to_str().unwrap()]);
    assert!(err.contains("校验不通过"), "{err}");
    assert_eq!(sb.snapshot(), snap);
    let err = sb.fail(&["restore", sb.db().to_str().unwrap()]);
    assert!(err.contains("当前的客户手册本身"), "{err}");
    // A folder: said so, naming the argument given (not --db, which was not).
    let folder = sb.path("folder");
    std::fs::create_dir(&folder).unwrap();
    let err = sb.fail(&["restore", folder.to_str().unwrap()]);
    assert!(err.contains("folder 是目录，不是普通文件"), "{err}");
    assert!(!err.contains("--db"), "{err}");
    assert_eq!(sb.snapshot(), snap);
}

#[test]
fn an_upgrade_is_preceded_by_a_backup_and_the_old_book_verifies_after() {
    let sb = Sb::new();
    // A book as the previous salesbook left it: schema 3, two contacts, a log of its own.
    {
        let c = Connection::open(sb.db()).unwrap();
        for v in 1..=3 {
            c.execute_batch(salesbook::store::migration_sql(v).unwrap())
                .unwrap();
        }
        c.execute_batch(
            "PRAGMA user_version = 3; PRAGMA application_id = 1396853553;
             INSERT INTO contacts (id, name, phone, stage, stage_since, archived, created_at,
                 updated_at, grade_since) VALUES
                 (1, '张三丰', '13800001234', 'pitch', 2000, 0, 1000, 2000, 1000),
                 (2, '李四', NULL, 'discover', 1500, 0, 1500, 1500, 1500);
             INSERT INTO stage_history (contact_id, at, from_stage, to_stage) VALUES
                 (1, 1000, NULL, 'discover'), (1, 2000, 'discover', 'pitch'),
                 (2, 1500, NULL, 'discover');
             INSERT INTO events (at, actor, action, contact_id, detail) VALUES
                 (1000, 'old', 'contact.add', NULL, '{\"id\":1}'),
                 (1500, 'old', 'contact.add', NULL, '{\"id\":2}'),
                 (2000, 'old', 'contact.move', 1, '{\"from\":\"discover\",\"to\":\"pitch\"}');",
        )
        .unwrap();
    }
    let original = std::fs::read(sb.db()).unwrap();
    let out = sb.run(&["add", "--name", "王五"]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    assert!(
        common::stderr(&out).contains("升级前的备份在"),
        "{}",
        common::stderr(&out)
    );
    let upgrade: Vec<PathBuf> = backups(&sb)
        .into_iter()
        .filter(|p| p.to_string_lossy().contains("upgrade"))
        .collect();
    assert_eq!(upgrade.len(), 1);
    let backup = Connection::open(&upgrade[0]).unwrap();
    let v: i64 = backup
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(v, 3, "the backup is the book before the upgrade");
    assert_eq!(count(&upgrade[0]), 2);
    drop(backup);
    assert_ne!(std::fs::read(sb.db()).unwrap(), original);
    // The old log is sealed into the chain; a genesis entry holds the contacts as they were.
    let out = sb.ok(&["verify"]);
    assert!(out.contains("3 位客户与日志一致"), "{out}");
    // Changes made before the chain cannot be undone; the new one can.
    sb.ok(&["undo"]);
    let err = sb.fail(&["undo"]);
    assert!(err.contains("没有可以撤销的操作"), "{err}");
}

#[test]
fn the_first_write_of_each_day_makes_a_backup_and_old_ones_are_pruned() {
    let mut sb = Sb::new();
    sb.write("config/salesbook/config.toml", "[backup]\nkeep = 2\n");
    sb.add(&["--name", "张三丰"]);
    // A new, empty book had nothing to back up.
    assert!(backups(&sb).is_empty());
    for (day, expected) in [("24", 1), ("25", 2), ("26", 2)] {
        sb.set_now(&format!("2026-11-{day}T09:30:00+08:00"));
        sb.ok(&["log", "1", "--note", "早上好"]);
        sb.ok(&["log", "1", "--note", "下午好"]);
        let daily: Vec<PathBuf> = backups(&sb);
        assert_eq!(daily.len(), expected, "day {day}: {daily:?}");
    }
    // Reads never back up.
    let before = backups(&sb);
    sb.set_now("2026-11-27T09:30:00+08:00");
    sb.ok(&["list"]);
    assert_eq!(backups(&sb), before);
}

#[test]
fn an_app_makes_the_days_backup_beside_its_writes_and_a_whole_one() {
    use salesbook::domain::command::Command;
    use salesbook::service::{Book, Session};
    let dir = tempfile::TempDir::new().unwrap();
    let path = dir.path().join("book.sqlite");
    let backups_dir = dir.path().join("backups");
    let session = |now: &str| {
        let clock = salesbook::clock::Clock::parse(now).unwrap();
        let mut s = Session::with_default_template(clock, common::USER);
        s.backups = Some(salesbook::store::BackupPolicy {
            dir: backups_dir.clone(),
            keep: 5,
        });
        s
    };
    {
        let mut book = Book::open(&path, session("2026-11-24T09:00:00+08:00"), true).unwrap();
        common::add_many(&mut book, 30, Some("B"));
    }
    let listed = || -> Vec<PathBuf> {
        let mut v: Vec<PathBuf> = std::fs::read_dir(&backups_dir)
            .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
            .unwrap_or_default();
        v.retain(|p| p.to_string_lossy().contains("daily"));
        v
    };
    assert!(
        listed().is_empty(),
        "the day the book was made had nothing before it"
    );
    // The next day, the app (checkpoints and the backup beside its writes) makes a change.
    let mut book = Book::open(&path, session("2026-11-25T09:00:00+08:00"), false).unwrap();
    book.defer_checkpoints();
    book.execute(Command::Log {
        id: 1,
        text: "早上好".into(),
        channel: None,
        inbound: false,
    })
    .unwrap();
    book.execute(Command::Log {
        id: 2,
        text: "下午好".into(),
        channel: None,
        inbound: false,
    })
    .unwrap();
    // Closing waits for the copy under way: one backup, and a whole book (it opens as one
    // of ours and holds the 30 contacts).
    drop(book);
    let made = listed();
    assert_eq!(made.len(), 1, "{made:?}");
    salesbook::store::Reader::open(&made[0]).expect("a whole book");
    assert_eq!(count(&made[0]), 30);
}

/// A restore takes the book back, not its ids: a contact added after it gets a new id, never
/// that of one the rep saw before the restore (an app's form still open on it would write
/// to the newcomer), and its follow-ups new ids too (a calendar's UIDs stay one item each).
#[test]
fn ids_given_out_before_a_restore_are_not_given_again() {
    let sb = Sb::new();
    sb.add(&["--name", "老客户"]);
    let copy = sb.path("before.sqlite");
    sb.ok(&["backup", "--to", copy.to_str().unwrap()]);
    let gone = sb.add(&["--name", "新客户甲"]);
    let max_followup = |sb: &Sb| -> i64 {
        Connection::open(sb.db())
            .unwrap()
            .query_row("SELECT coalesce(max(id), 0) FROM followups", [], |r| {
                r.get(0)
            })
            .unwrap()
    };
    let top_before = max_followup(&sb);
    sb.ok(&["restore", copy.to_str().unwrap()]);
    assert!(max_followup(&sb) < top_before);
    let err = sb.fail(&["show", &gone.to_string()]);
    assert!(err.contains(&gone.to_string()), "{err}");
    let next = sb.add(&["--name", "新客户乙"]);
    assert!(next > gone, "{next} after {gone}");
    let first: i64 = Connection::open(sb.db())
        .unwrap()
        .query_row(
            "SELECT min(id) FROM followups WHERE contact_id = ?1",
            [next],
            |r| r.get(0),
        )
        .unwrap();
    assert!(first > top_before, "{first} after {top_before}");
    sb.ok(&["verify"]);
}
