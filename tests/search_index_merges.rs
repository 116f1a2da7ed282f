//! A bulk load (a demo, an import, a rebuild) leaves the full-text index merged above
//! FTS5's lowest level, so no later single change merges the whole index inside its commit.
//! Measured in pages, not time: with checkpoints deferred (as the app writes), each
//! change's commit appends the pages it wrote to the WAL.

mod search_support;

use salesbook::domain::Stage;
use salesbook::domain::command::Command;
use salesbook::service::BoardFilter;
use search_support::{T0, demo_book, exec, open_book};
use std::path::Path;

fn wal_len(book: &Path) -> u64 {
    let mut wal = book.as_os_str().to_owned();
    wal.push("-wal");
    std::fs::metadata(wal).map(|m| m.len()).unwrap_or(0)
}

#[test]
fn no_change_after_a_bulk_load_rewrites_the_search_index() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_book(dir.path(), 3000, 7);
    let mut book = open_book(&path, T0);
    book.defer_checkpoints();
    let first = book
        .view()
        .board_page(Stage::Discover, &BoardFilter::default(), None, 1)
        .unwrap();
    let id = first.first().expect("a contact in the first column").id;
    let mut grew = Vec::new();
    // FTS5 merges a level once it holds 16 segments; each change adds one.
    for i in 0..40 {
        let to = if i % 2 == 0 {
            Stage::Pitch
        } else {
            Stage::Discover
        };
        let before = wal_len(&path);
        exec(&mut book, Command::Move { id, to });
        grew.push(wal_len(&path) - before);
    }
    let mut sorted = grew.clone();
    sorted.sort_unstable();
    let median = sorted[sorted.len() / 2];
    let most = *sorted.last().unwrap();
    assert!(
        most <= 4 * median,
        "a change wrote {most} bytes to the WAL, the median change {median}: {grew:?}"
    );
    // The placeholder row the merge needed is gone from the index.
    assert_eq!(book.view().search("settle", 10, true).unwrap().total, 0);
}
