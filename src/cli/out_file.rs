//! Writing a command's `--out FILE`.

use crate::exchange::fill;
use anyhow::{Context, Result, anyhow};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Writes `bytes` to `path`. A file (or a path where there is none yet) is written as a
/// private file (0600), all or nothing: into a temporary file beside it, then renamed over
/// it, so a full disk leaves no half-written file. Anything else that is there — a device
/// (`/dev/null`, `/dev/stdout`), a named pipe — is written into as it is: renamed over, it
/// would be replaced by a plain file (as root, `/dev/null` itself). A symbolic link to a
/// file keeps being a link: the file it points to is the one replaced.
pub fn write_private(path: &Path, bytes: &[u8]) -> Result<()> {
    write_private_with(path, |w| Ok(w.write_all(bytes)?))
}

/// [`write_private`] of what `body` writes as it goes (an export a contact at a time): the
/// file is renamed into place only once `body` has succeeded, so an error part-way leaves
/// whatever was there before.
pub fn write_private_with<T>(
    path: &Path,
    body: impl FnOnce(&mut dyn Write) -> Result<T>,
) -> Result<T> {
    let cannot = || format!("cannot write {}", path.display());
    // `folder/` names a folder whatever is there: said so, not "a part of the path is not
    // a folder" (what renaming onto it would report).
    if path.as_os_str().as_encoded_bytes().ends_with(b"/") {
        let folder = std::io::Error::from(std::io::ErrorKind::IsADirectory);
        return Err(anyhow::Error::new(folder).context(cannot()));
    }
    match std::fs::metadata(path) {
        Ok(m) if !m.is_file() && !m.is_dir() => {
            let f = std::fs::OpenOptions::new()
                .write(true)
                .open(path)
                .with_context(cannot)?;
            let mut w = std::io::BufWriter::with_capacity(1 << 16, f);
            let out = body(&mut w)?;
            w.flush().with_context(cannot)?;
            Ok(out)
        }
        Ok(m) if m.is_file() => replace(&std::fs::canonicalize(path).with_context(cannot)?, body),
        _ => replace(path, body),
    }
}

/// The file at `path` replaced by what `body` writes, through a temporary file beside it.
fn replace<T>(path: &Path, body: impl FnOnce(&mut dyn Write) -> Result<T>) -> Result<T> {
    let cannot = || format!("cannot write {}", path.display());
    let dir: PathBuf = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .to_path_buf();
    let tmp = tempfile::Builder::new()
        .prefix(".salesbook-")
        .tempfile_in(dir)
        .with_context(cannot)?;
    let mut w = std::io::BufWriter::with_capacity(1 << 16, tmp);
    let out = body(&mut w)?;
    let tmp = w
        .into_inner()
        .map_err(|e| e.into_error())
        .with_context(cannot)?;
    tmp.as_file().sync_all().with_context(cannot)?;
    tmp.persist(path)
        .map_err(|e| e.error)
        .with_context(cannot)?;
    Ok(out)
}

/// `--out -` is standard output, as `-` is for every other tool (and for `import -`): not
/// a file named `-`.
pub fn dash_is_standard_output(mut cmd: super::args::Command) -> super::args::Command {
    use super::args::Command;
    let out = match &mut cmd {
        Command::Export { out, .. } => out,
        Command::Report(r) => &mut r.output.out,
        Command::Rollup(r) => &mut r.output.out,
        _ => return cmd,
    };
    if out.as_deref() == Some(Path::new("-")) {
        *out = None;
    }
    cmd
}

/// A file that could not be written (`--out` of an export, a report, a calendar): the path
/// and why, in the user's language where the reason is a
/// common one.
pub fn cannot_write(ui: super::Ui, path: &Path, e: &anyhow::Error) -> anyhow::Error {
    use std::io::ErrorKind;
    let cause = e.root_cause();
    // The first system error along the chain: a temporary file's wraps it with the path.
    let io = e.chain().find_map(|c| c.downcast_ref::<std::io::Error>());
    let folder = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let why = match io.map(|io| io.kind()) {
        Some(ErrorKind::NotFound) if !folder.is_dir() => ui.t.no_such_folder.to_string(),
        Some(ErrorKind::PermissionDenied | ErrorKind::ReadOnlyFilesystem) => {
            ui.t.cannot_write_here.to_string()
        }
        Some(ErrorKind::IsADirectory) => ui.t.is_a_folder.to_string(),
        Some(kind) => crate::i18n::errors::io_kind_words(ui.lang, kind)
            .map_or_else(|| cause.to_string(), str::to_string),
        None => cause.to_string(),
    };
    match ui.lang {
        crate::config::Lang::Zh => {
            anyhow!("{}：{}（{why}）", path.display(), ui.t.cannot_write_file)
        }
        crate::config::Lang::En => {
            anyhow!("{}: {} ({why})", path.display(), ui.t.cannot_write_file)
        }
    }
}

/// `--out` must not name a book being read, nor one of the files SQLite keeps beside it,
/// nor any other SQLite database (another rep's book, a backup): an export written over
/// one would destroy it.
pub fn refuse_overwriting(ui: super::Ui, out: Option<&Path>, books: &[PathBuf]) -> Result<()> {
    let Some(out) = out else {
        return Ok(());
    };
    let shown = out.display().to_string();
    // Another book's write-ahead log or shared memory (there or not yet): written over, or
    // made up beside it, it damages that book the next time it is opened.
    if let Some(base) = sidecar_of(out)
        && base.is_file()
        && is_sqlite(&base)
    {
        let base_meta = std::fs::metadata(&base)?;
        let read_now = books
            .iter()
            .any(|b| std::fs::metadata(b).is_ok_and(|m| same_file(&m, &base_meta)));
        if read_now {
            return Err(anyhow!("{}", fill(ui.t.out_is_a_book, &[&shown])));
        }
        let base = base.display().to_string();
        return Err(anyhow!("{}", fill(ui.t.out_is_a_sidecar, &[&shown, &base])));
    }
    let Ok(target) = std::fs::metadata(out) else {
        return Ok(());
    };
    for book in books {
        for suffix in ["", "-wal", "-shm", "-journal"] {
            let mut p = book.as_os_str().to_owned();
            p.push(suffix);
            if std::fs::metadata(&p).is_ok_and(|m| same_file(&m, &target)) {
                return Err(anyhow!("{}", fill(ui.t.out_is_a_book, &[&shown])));
            }
        }
    }
    if target.is_file() && (is_sqlite(out) || is_wal(out)) {
        return Err(anyhow!("{}", fill(ui.t.out_is_a_database, &[&shown])));
    }
    Ok(())
}

/// `X` for a path named `X-wal`, `X-shm` or `X-journal`.
fn sidecar_of(path: &Path) -> Option<PathBuf> {
    let name = path.as_os_str().to_str()?;
    ["-wal", "-shm", "-journal"]
        .iter()
        .find_map(|s| name.strip_suffix(s))
        .filter(|base| !base.is_empty())
        .map(PathBuf::from)
}

/// The file begins with a write-ahead log's magic number (either byte order).
fn is_wal(path: &Path) -> bool {
    use std::io::Read;
    let mut head = [0u8; 4];
    std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut head))
        .is_ok_and(|_| matches!(u32::from_be_bytes(head), 0x377f_0682 | 0x377f_0683))
}

/// The file begins with SQLite's header.
fn is_sqlite(path: &Path) -> bool {
    use std::io::Read;
    let mut head = [0u8; 16];
    std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut head))
        .is_ok_and(|_| &head == b"SQLite format 3\0")
}

#[cfg(unix)]
fn same_file(a: &std::fs::Metadata, b: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    a.dev() == b.dev() && a.ino() == b.ino()
}

#[cfg(not(unix))]
fn same_file(a: &std::fs::Metadata, b: &std::fs::Metadata) -> bool {
    a.len() == b.len() && a.modified().ok() == b.modified().ok()
}
