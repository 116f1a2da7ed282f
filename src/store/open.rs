//! Opening a book carefully: the file is recognised before SQLite may change anything in
//! it, readers never create, checkpoint or remove a file, and a new book is private (0600).

use super::APPLICATION_ID;
use rusqlite::{Connection, OpenFlags};
use std::fmt;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// Why a file is not opened as a book. Each keeps the path; the front ends word it.
#[derive(Debug)]
pub enum OpenError {
    /// Nothing at the path (a read) — nothing is created.
    Missing(PathBuf),
    /// A zero-byte file where a read expects a book.
    EmptyFile(PathBuf),
    /// A directory, device, FIFO or socket.
    NotAFile {
        path: PathBuf,
        what: &'static str,
    },
    NotSqlite(PathBuf),
    /// An SQLite database that is not a salesbook book (another program's, or empty).
    Foreign {
        path: PathBuf,
        empty: bool,
    },
    /// Written by a newer salesbook.
    Newer {
        path: PathBuf,
        version: i64,
        latest: i64,
    },
    /// A schema version no salesbook writes (negative, or our id with version 0).
    BadVersion {
        path: PathBuf,
        version: i64,
    },
    /// Made by an older salesbook; a reader does not upgrade it.
    Older {
        path: PathBuf,
        version: i64,
        latest: i64,
    },
    /// The file (or its folder) cannot be written, and this command writes.
    ReadOnly(PathBuf),
    Io {
        path: PathBuf,
        err: std::io::Error,
    },
    Sqlite {
        path: PathBuf,
        err: rusqlite::Error,
    },
}

impl fmt::Display for OpenError {
    /// A bare description for logs: the front ends word it through `i18n::errors`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{self:?}")
    }
}

impl std::error::Error for OpenError {}

impl OpenError {
    pub fn path(&self) -> &Path {
        match self {
            OpenError::Missing(p)
            | OpenError::EmptyFile(p)
            | OpenError::NotSqlite(p)
            | OpenError::ReadOnly(p) => p,
            OpenError::NotAFile { path, .. }
            | OpenError::Foreign { path, .. }
            | OpenError::Newer { path, .. }
            | OpenError::BadVersion { path, .. }
            | OpenError::Older { path, .. }
            | OpenError::Io { path, .. }
            | OpenError::Sqlite { path, .. } => path,
        }
    }
}

/// What is at a book's path, judged from the file itself, before SQLite opens it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Found {
    Nothing,
    /// Zero bytes: counts as no book.
    Empty,
    Sqlite,
}

pub fn look(path: &Path) -> Result<Found, OpenError> {
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Found::Nothing),
        Err(err) => {
            return Err(OpenError::Io {
                path: path.into(),
                err,
            });
        }
    };
    if !meta.is_file() {
        let what = if meta.is_dir() {
            "directory"
        } else {
            kind_of_special(&meta)
        };
        return Err(OpenError::NotAFile {
            path: path.into(),
            what,
        });
    }
    if meta.len() == 0 {
        return Ok(Found::Empty);
    }
    let mut head = [0u8; 16];
    use std::io::Read;
    let read = std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut head))
        .map(|_| true)
        .or_else(|e| match e.kind() {
            std::io::ErrorKind::UnexpectedEof => Ok(false),
            _ => Err(e),
        })
        .map_err(|err| OpenError::Io {
            path: path.into(),
            err,
        })?;
    if !read || &head != b"SQLite format 3\0" {
        return Err(OpenError::NotSqlite(path.into()));
    }
    Ok(Found::Sqlite)
}

#[cfg(unix)]
fn kind_of_special(meta: &std::fs::Metadata) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    let t = meta.file_type();
    if t.is_fifo() {
        "FIFO"
    } else if t.is_socket() {
        "socket"
    } else if t.is_block_device() || t.is_char_device() {
        "device"
    } else {
        "special file"
    }
}

#[cfg(not(unix))]
fn kind_of_special(_: &std::fs::Metadata) -> &'static str {
    "special file"
}

fn side_file(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

pub fn wal_path(path: &Path) -> PathBuf {
    side_file(path, "-wal")
}

pub fn shm_path(path: &Path) -> PathBuf {
    side_file(path, "-shm")
}

/// How a reader got at the book.
pub enum ReadMode {
    /// No `-wal` next to the book: opened `immutable=1`, which creates and locks nothing.
    /// The file's identity at open is kept to notice a writer that came and went.
    Immutable(FileStamp),
    /// A writer's `-wal` and `-shm` are there: read through them, both opened read-only
    /// (never checkpointing, never marking the `-shm`).
    Shared,
    /// A `-wal` without `-shm` (a copied or crashed book): read from a private copy, so the
    /// original is left exactly as it is. The folder goes when the reader does.
    Copy { _folder: tempfile::TempDir },
}

/// Size and modification time: enough to tell a file was rewritten.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileStamp {
    len: u64,
    modified: Option<SystemTime>,
}

pub fn stamp(path: &Path) -> Option<FileStamp> {
    std::fs::metadata(path).ok().map(|m| FileStamp {
        len: m.len(),
        modified: m.modified().ok(),
    })
}

fn sqlite_err(path: &Path) -> impl Fn(rusqlite::Error) -> OpenError + '_ {
    move |err| OpenError::Sqlite {
        path: path.into(),
        err,
    }
}

/// A read-only connection to the book at `path` that writes nothing anywhere near it.
pub fn open_for_reading(path: &Path) -> Result<(Connection, ReadMode), OpenError> {
    match look(path)? {
        Found::Nothing => return Err(OpenError::Missing(path.into())),
        Found::Empty => return Err(OpenError::EmptyFile(path.into())),
        Found::Sqlite => {}
    }
    let wal = wal_path(path).exists();
    let shm = shm_path(path).exists();
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
        | OpenFlags::SQLITE_OPEN_NO_MUTEX
        | OpenFlags::SQLITE_OPEN_URI;
    let (conn, mode) = if !wal {
        let before = stamp(path);
        let uri = file_uri(path, "immutable=1");
        let conn = Connection::open_with_flags(&uri, flags).map_err(sqlite_err(path))?;
        (
            conn,
            ReadMode::Immutable(before.unwrap_or(FileStamp {
                len: 0,
                modified: None,
            })),
        )
    } else if shm {
        // `readonly_shm`: the writer's `-shm` is mapped read-only and, when this reader
        // would need to mark it, SQLite reads the log into its own memory instead, so not
        // one byte of the side files changes.
        let conn = Connection::open_with_flags(file_uri(path, "readonly_shm=1"), flags)
            .map_err(sqlite_err(path))?;
        (conn, ReadMode::Shared)
    } else {
        open_private_copy(path)?
    };
    conn.busy_timeout(std::time::Duration::from_secs(5))
        .map_err(sqlite_err(path))?;
    // Setting the cache loads the schema: the connection's first read. A `-shm` this reader
    // may only read, left by a writer killed mid-write, can refuse it here already (see
    // `open_identified`): read a private copy then.
    match small_cache(&conn).map_err(sqlite_err(path)) {
        Ok(()) => Ok((conn, mode)),
        Err(e) if copy_instead(&mode, &e) => {
            drop(conn);
            open_private_copy(path)
        }
        Err(e) => Err(e),
    }
}

/// The page cache of a read-only connection, in pages. SQLite's default (2 MB) gives each page
/// a read touches a buffer of its own until it is full: on a big book the agenda's 460 page
/// reads faulted in 460 fresh buffers, a quarter of its time. A read-only connection keeps
/// nothing dirty, and the pages read again and again (the B-trees' upper levels) stay in the
/// least recently used few, so a small cache reuses its buffers and reads the same pages.
/// On the 100k demo book, 32 pages read what 128 did for the agenda, `show` and `list`,
/// and three pages more (of 72-82) for a search, with 120 fewer page faults; 16 began to
/// read pages again (369 reads for the agenda's 352).
pub const READ_CACHE_PAGES: i64 = 32;

fn small_cache(conn: &Connection) -> rusqlite::Result<()> {
    conn.pragma_update(None, "cache_size", READ_CACHE_PAGES)
}

/// How to open another connection to a book already open: the same file, opened the same
/// way, so that a second thread can read it beside the first (see `Snap::second`).
#[derive(Debug, Clone)]
pub struct SecondSource {
    /// A path, or an SQLite URI when `uri` is set.
    target: String,
    uri: bool,
}

impl SecondSource {
    /// For a reader's connection opened as `mode`.
    pub fn for_reader(path: &Path, mode: &ReadMode) -> SecondSource {
        match mode {
            ReadMode::Immutable(_) => SecondSource {
                target: file_uri(path, "immutable=1"),
                uri: true,
            },
            ReadMode::Shared => SecondSource {
                target: file_uri(path, "readonly_shm=1"),
                uri: true,
            },
            ReadMode::Copy { _folder } => SecondSource {
                target: _folder.path().join("book.sqlite").to_string_lossy().into(),
                uri: false,
            },
        }
    }

    /// For a writer's book: read-only, through the writer's own `-wal` and `-shm`.
    pub fn for_writer(path: &Path) -> SecondSource {
        SecondSource {
            target: path.to_string_lossy().into(),
            uri: false,
        }
    }

    pub fn open(&self) -> rusqlite::Result<Connection> {
        let mut flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        if self.uri {
            flags |= OpenFlags::SQLITE_OPEN_URI;
        }
        let conn = Connection::open_with_flags(&self.target, flags)?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        small_cache(&conn)?;
        Ok(conn)
    }
}

/// A read-only connection to a private copy of the book and its `-wal`.
fn open_private_copy(path: &Path) -> Result<(Connection, ReadMode), OpenError> {
    let dir = private_copy(path)?;
    let conn = Connection::open_with_flags(
        dir.path().join("book.sqlite"),
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(sqlite_err(path))?;
    conn.busy_timeout(std::time::Duration::from_secs(5))
        .map_err(sqlite_err(path))?;
    small_cache(&conn).map_err(sqlite_err(path))?;
    Ok((conn, ReadMode::Copy { _folder: dir }))
}

/// Whether a reader opened as `mode` should read a private copy after `e` at one of its
/// first reads: SQLite's answers when a `-shm` it may only read cannot serve this reader,
/// "read-only" (it would have to rebuild it) or "locking protocol" (a writer killed
/// mid-write left it in a state only a writer may repair).
fn copy_instead(mode: &ReadMode, e: &OpenError) -> bool {
    use rusqlite::ErrorCode::{FileLockingProtocolFailed, ReadOnly};
    matches!(mode, ReadMode::Shared)
        && matches!(e, OpenError::Sqlite { err, .. }
            if matches!(err.sqlite_error_code(), Some(ReadOnly | FileLockingProtocolFailed)))
}

/// Copies the book and its `-wal` into a private temporary folder (0700).
fn private_copy(path: &Path) -> Result<tempfile::TempDir, OpenError> {
    let io = |err| OpenError::Io {
        path: path.into(),
        err,
    };
    let dir = tempfile::Builder::new()
        .prefix("salesbook-read-")
        .tempdir()
        .map_err(io)?;
    std::fs::copy(path, dir.path().join("book.sqlite")).map_err(io)?;
    std::fs::copy(wal_path(path), dir.path().join("book.sqlite-wal")).map_err(io)?;
    Ok(dir)
}

/// An SQLite URI for a path (percent-encoding what a URI cannot hold).
fn file_uri(path: &Path, query: &str) -> String {
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut out = String::from("file:");
    for b in abs.to_string_lossy().bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out.push('?');
    out.push_str(query);
    out
}

/// A reader's connection to the book and the book's identity (see [`identity`]). A writer
/// that closes at that very moment removes its `-wal` and `-shm` under us (copying the log,
/// or SQLite opening the `-shm`, fails): the book is whole again, so look again.
pub fn open_identified(path: &Path) -> Result<(Connection, ReadMode, Identity), OpenError> {
    let mut tries = 0;
    loop {
        let opened = open_for_reading(path).and_then(|(conn, mode)| match identity(&conn, path) {
            Ok(id) => Ok((conn, mode, id)),
            // The `-shm` is ours to read only, and SQLite found it must be rebuilt (its
            // writer crashed, or is closing): read a private copy instead.
            Err(e) if copy_instead(&mode, &e) => {
                let (conn, mode) = open_private_copy(path)?;
                let id = identity(&conn, path)?;
                Ok((conn, mode, id))
            }
            Err(e) => Err(e),
        });
        match opened {
            Err(e) if tries < 10 && side_files_went(&e) => {
                tries += 1;
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            other => return other,
        }
    }
}

/// Whether `e` is what a writer closing under a reader can look like: its side files gone
/// while we copy or open them, or a copy taken while it checkpointed. A file that is truly
/// damaged says so again on every try.
fn side_files_went(e: &OpenError) -> bool {
    use rusqlite::ErrorCode::{CannotOpen, DatabaseCorrupt, FileLockingProtocolFailed, ReadOnly};
    match e {
        OpenError::Io { err, .. } => err.kind() == std::io::ErrorKind::NotFound,
        OpenError::Sqlite { err, .. } => matches!(
            err.sqlite_error_code(),
            Some(CannotOpen | DatabaseCorrupt | ReadOnly | FileLockingProtocolFailed)
        ),
        _ => false,
    }
}

/// What a file says it is: (application id, schema version, number of tables).
pub type Identity = (i64, i64, i64);

/// The book's identity as SQLite reports it.
pub fn identity(conn: &Connection, path: &Path) -> Result<Identity, OpenError> {
    let q = |sql: &str| -> Result<i64, OpenError> {
        conn.query_row(sql, [], |r| r.get(0))
            .map_err(|err| match err.sqlite_error_code() {
                Some(rusqlite::ErrorCode::NotADatabase) => OpenError::NotSqlite(path.into()),
                _ => OpenError::Sqlite {
                    path: path.into(),
                    err,
                },
            })
    };
    Ok((
        q("PRAGMA application_id")?,
        q("PRAGMA user_version")?,
        q("SELECT count(*) FROM sqlite_master")?,
    ))
}

/// Accepts our books (any version up to `latest`); names every other case.
pub fn check_identity(
    path: &Path,
    (app_id, version, tables): Identity,
    latest: i64,
) -> Result<i64, OpenError> {
    if app_id != APPLICATION_ID {
        return Err(OpenError::Foreign {
            path: path.into(),
            empty: tables == 0,
        });
    }
    if version > latest {
        return Err(OpenError::Newer {
            path: path.into(),
            version,
            latest,
        });
    }
    if version <= 0 {
        return Err(OpenError::BadVersion {
            path: path.into(),
            version,
        });
    }
    Ok(version)
}

/// Creates the book file with owner-only permissions before SQLite touches it (and its
/// folder 0700), so contact data is never readable by other users, not even for a moment.
/// A zero-byte file is taken over and made private.
pub fn create_private(path: &Path) -> Result<(), OpenError> {
    let io = |err| OpenError::Io {
        path: path.into(),
        err,
    };
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
        && !dir.exists()
    {
        let mut b = std::fs::DirBuilder::new();
        b.recursive(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::DirBuilderExt;
            b.mode(0o700);
        }
        b.create(dir).map_err(io)?;
    }
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    let file = opts.open(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::PermissionDenied => OpenError::ReadOnly(path.into()),
        _ => io(e),
    })?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        file.set_permissions(std::fs::Permissions::from_mode(0o600))
            .map_err(io)?;
    }
    drop(file);
    Ok(())
}

/// Whether this process may write the book (and create its `-wal` beside it).
pub fn writable(path: &Path) -> bool {
    let file_ok = std::fs::OpenOptions::new().append(true).open(path).is_ok();
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    file_ok && dir_writable(dir)
}

#[cfg(unix)]
fn dir_writable(dir: &Path) -> bool {
    use std::os::unix::ffi::OsStrExt;
    let Ok(c) = std::ffi::CString::new(dir.as_os_str().as_bytes()) else {
        return false;
    };
    // SAFETY: a valid NUL-terminated path; access() only reads it.
    unsafe { libc::access(c.as_ptr(), libc::W_OK | libc::X_OK) == 0 }
}

#[cfg(not(unix))]
fn dir_writable(_: &Path) -> bool {
    true
}

#[cfg(test)]
#[path = "open_tests.rs"]
mod tests;
