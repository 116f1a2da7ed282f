//! SQLite takes its memory from mimalloc, as the binary arranges before any book is opened
//! (`store::sqlite_uses_app_allocator`). One test in its own process: SQLite must not have
//! started before it runs.

use rusqlite::{Connection, ffi};

#[test]
fn sqlite_allocates_from_mimalloc_once_told_before_it_starts() {
    assert!(
        salesbook::store::sqlite_uses_app_allocator(),
        "SQLite accepts the allocator before it starts"
    );
    // A block SQLite hands out lies in mimalloc's heap, and SQLite knows its size.
    // SAFETY: a plain allocation and free through SQLite's own API.
    unsafe {
        let p = ffi::sqlite3_malloc64(1000);
        assert!(!p.is_null());
        assert!(libmimalloc_sys::mi_is_in_heap_region(p));
        assert!(ffi::sqlite3_msize(p) >= 1000);
        let q = ffi::sqlite3_realloc64(p, 5_000_000);
        assert!(!q.is_null() && ffi::sqlite3_msize(q) >= 5_000_000);
        ffi::sqlite3_free(q);
    }
    // A book's work through it: a blob grown past many pages and read back whole.
    let db = Connection::open_in_memory().unwrap();
    db.execute_batch("CREATE TABLE t (b BLOB)").unwrap();
    let big: Vec<u8> = (0..3_000_000u32).map(|i| (i % 251) as u8).collect();
    db.execute("INSERT INTO t VALUES (?1)", [&big]).unwrap();
    let back: Vec<u8> = db.query_row("SELECT b FROM t", [], |r| r.get(0)).unwrap();
    assert_eq!(back, big);
    // Once SQLite has started, the call changes nothing and says so.
    assert!(!salesbook::store::sqlite_uses_app_allocator());
}
