//! Unit tests of `store/open.rs`: URIs, identities, the read connections' cache and when a
//! reader reads a private copy instead.

use super::*;

#[test]
fn uris_escape_what_they_must() {
    let u = file_uri(Path::new("/tmp/a b/书?#.sqlite"), "immutable=1");
    assert!(
        u.starts_with("file:/tmp/a%20b/%E4%B9%A6%3F%23.sqlite?immutable=1"),
        "{u}"
    );
}

#[test]
fn identities_are_judged() {
    let p = Path::new("x");
    assert!(check_identity(p, (APPLICATION_ID, 3, 9), 4).is_ok());
    assert!(matches!(
        check_identity(p, (APPLICATION_ID, 5, 9), 4),
        Err(OpenError::Newer { version: 5, .. })
    ));
    assert!(matches!(
        check_identity(p, (APPLICATION_ID, -1, 0), 4),
        Err(OpenError::BadVersion { version: -1, .. })
    ));
    assert!(matches!(
        check_identity(p, (0, 0, 0), 4),
        Err(OpenError::Foreign { empty: true, .. })
    ));
    assert!(matches!(
        check_identity(p, (7, 1, 3), 4),
        Err(OpenError::Foreign { empty: false, .. })
    ));
}

/// Every read-only connection, however the book was found, gets the small cache.
#[test]
fn read_connections_keep_a_small_page_cache() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("b.sqlite");
    let (store, _) = crate::store::Store::open(&path, true, None).expect("a new book");
    let cache =
        |c: &Connection| -> i64 { c.query_row("PRAGMA cache_size", [], |r| r.get(0)).unwrap() };
    // The writer is open: its `-wal` and `-shm` are there (a shared read).
    let (shared, mode) = open_for_reading(&path).unwrap();
    assert!(matches!(mode, ReadMode::Shared));
    assert_eq!(cache(&shared), READ_CACHE_PAGES);
    let second = SecondSource::for_reader(&path, &mode).open().unwrap();
    assert_eq!(cache(&second), READ_CACHE_PAGES);
    assert_eq!(
        cache(&SecondSource::for_writer(&path).open().unwrap()),
        READ_CACHE_PAGES
    );
    // The private copy a reader falls back to when it cannot use the writer's `-shm`.
    let (copy, mode) = open_private_copy(&path).unwrap();
    assert!(matches!(mode, ReadMode::Copy { .. }));
    assert_eq!(cache(&copy), READ_CACHE_PAGES);
    drop((shared, second, copy, store));
    // Closed: no side files, the file is read as immutable.
    let (closed, mode) = open_for_reading(&path).unwrap();
    assert!(matches!(mode, ReadMode::Immutable(_)));
    assert_eq!(cache(&closed), READ_CACHE_PAGES);
}

/// A reader of a writer's `-shm` reads a private copy when SQLite says the `-shm` cannot
/// serve it ("read-only", "locking protocol"), at whichever of its first reads says so; a
/// reader of a closed book (immutable) or one told anything else does not.
#[test]
fn only_a_shared_reader_refused_by_the_shm_reads_a_copy() {
    let refused = |code| OpenError::Sqlite {
        path: "b.sqlite".into(),
        err: rusqlite::Error::SqliteFailure(rusqlite::ffi::Error::new(code), None),
    };
    let immutable = ReadMode::Immutable(FileStamp {
        len: 0,
        modified: None,
    });
    for code in [
        rusqlite::ffi::SQLITE_PROTOCOL,
        rusqlite::ffi::SQLITE_READONLY,
    ] {
        assert!(copy_instead(&ReadMode::Shared, &refused(code)), "{code}");
        assert!(!copy_instead(&immutable, &refused(code)), "{code}");
    }
    for code in [rusqlite::ffi::SQLITE_CORRUPT, rusqlite::ffi::SQLITE_BUSY] {
        assert!(!copy_instead(&ReadMode::Shared, &refused(code)), "{code}");
    }
    assert!(!copy_instead(
        &ReadMode::Shared,
        &OpenError::Missing("b.sqlite".into())
    ));
}
