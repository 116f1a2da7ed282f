//! `--out FILE` of export, report and the calendar, through the built binary, on what a
//! user may name besides a plain file: a named pipe (as `/dev/stdout` or `/dev/null` are
//! not files either), a symbolic link, a folder. A plain file is replaced whole (tests in
//! `hostile_args.rs`); anything else must be written into, never replaced by a file.

mod common;

use common::Sb;
use std::os::unix::fs::{FileTypeExt, PermissionsExt};
use std::path::Path;

fn mkfifo(path: &Path) {
    let ok = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo runs");
    assert!(ok.success());
}

/// Runs `args` (with `--out` naming a pipe) while a thread reads the pipe to its end.
fn through_pipe(sb: &Sb, pipe: &Path, args: &[&str]) -> Vec<u8> {
    let (send, read) = std::sync::mpsc::channel();
    {
        let pipe = pipe.to_path_buf();
        std::thread::spawn(move || send.send(std::fs::read(pipe).expect("the pipe reads")));
    }
    let mut all: Vec<&str> = args.to_vec();
    all.extend(["--out", pipe.to_str().unwrap()]);
    let out = sb.run(&all);
    assert!(out.status.success(), "{all:?}: {}", common::stderr(&out));
    // A pipe replaced by a file is never opened for writing: the reader would wait forever.
    let read = read
        .recv_timeout(std::time::Duration::from_secs(20))
        .unwrap_or_else(|_| panic!("{all:?} never wrote into the pipe"));
    let kind = std::fs::symlink_metadata(pipe).unwrap().file_type();
    assert!(kind.is_fifo(), "{all:?} replaced the pipe with {kind:?}");
    read
}

#[test]
fn a_named_pipe_is_written_into_not_replaced() {
    let sb = Sb::new();
    sb.ok(&["demo", "--contacts", "5"]);
    let pipe = sb.path("pipe");
    mkfifo(&pipe);
    let csv = through_pipe(&sb, &pipe, &["export", "--format", "csv"]);
    assert!(csv.starts_with("\u{feff}编号,姓名".as_bytes()), "{csv:?}");
    let rows = csv::Reader::from_reader(&csv[3..]).records().count();
    assert_eq!(rows, 5);
    let ics = through_pipe(&sb, &pipe, &["export", "--ics"]);
    assert!(ics.starts_with(b"BEGIN:VCALENDAR"));
    let report = through_pipe(&sb, &pipe, &["report", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&report).expect("the report's JSON");
    assert_eq!(v["book"]["contacts"], 5);
    // Nothing was left beside it.
    let names: Vec<String> = std::fs::read_dir(sb.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".salesbook-"))
        .collect();
    assert!(names.is_empty(), "{names:?}");
}

#[test]
fn a_link_to_a_file_stays_a_link_and_its_file_is_replaced() {
    let sb = Sb::new();
    sb.ok(&["demo", "--contacts", "5"]);
    let real = sb.write("exports/contacts.csv", "old contents\n");
    let link = sb.path("latest.csv");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    sb.ok(&["export", "--out", link.to_str().unwrap()]);
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(std::fs::read_link(&link).unwrap(), real);
    let text = std::fs::read_to_string(&real).unwrap();
    assert!(text.starts_with("\u{feff}编号,姓名"), "{text}");
    let mode = std::fs::metadata(&real).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600);
}

#[test]
fn a_folder_is_refused_and_left_as_it_was() {
    let sb = Sb::new();
    sb.ok(&["demo", "--contacts", "5"]);
    let dir = sb.path("reports");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(dir.join("keep.txt"), "keep").unwrap();
    let err = sb.fail(&["report", "--out", dir.to_str().unwrap()]);
    assert!(err.contains("reports"), "{err}");
    assert!(dir.is_dir());
    assert_eq!(
        std::fs::read_to_string(dir.join("keep.txt")).unwrap(),
        "keep"
    );
}

/// `--out -` is standard output, as `-` is for other tools: the same bytes as no `--out`,
/// and no file named `-`.
#[test]
fn a_dash_is_standard_output_not_a_file_named_dash() {
    let sb = Sb::new();
    sb.ok(&["demo", "--contacts", "20"]);
    for args in [
        vec!["export"],
        vec!["export", "--format", "json"],
        vec!["export", "--ics"],
        vec!["report", "--format", "md"],
        vec!["rollup", sb.db().to_str().unwrap(), "--format", "csv"],
    ] {
        let plain = sb.run(&args);
        let mut dashed = args.clone();
        dashed.extend(["--out", "-"]);
        let dash = sb.run(&dashed);
        assert!(
            dash.status.success(),
            "{dashed:?}: {}",
            common::stderr(&dash)
        );
        assert!(!dash.stdout.is_empty(), "{dashed:?}");
        assert_eq!(dash.stdout, plain.stdout, "{dashed:?}");
        assert!(!sb.path("-").exists(), "{dashed:?} wrote a file named -");
    }
}
