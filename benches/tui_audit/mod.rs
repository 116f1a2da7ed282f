//! The audit case of `cargo bench --bench tui`: `salesbook audit BOOK` in the same pty —
//! spawn to the first frame (the head, the read-only badge, "loading"), and to the frame
//! with the figures (the log check's line, which arrives with them). The lead audits a
//! copy of the book file, as they receive it from a rep (no `-wal` beside it); its folder is
//! checked unchanged afterwards.

use super::Session;
use super::harness::{self, Salesbook, Stats, Table, ms};
use anyhow::{Result, bail};
use std::path::Path;

pub struct AuditRow {
    pub book: String,
    pub first_frame: Stats,
    pub figures: Stats,
    pub rss_kb: Option<u64>,
}

/// Starts to measure per book (a start computes every figure of the book).
pub fn starts() -> Result<usize> {
    Ok(harness::env_usize("SALESBOOK_BENCH_AUDIT_STARTS", 10)?.max(1))
}

pub fn measure(
    sb: &Salesbook,
    home: &Path,
    book: &Path,
    label: String,
    starts: usize,
    warmup: usize,
) -> Result<AuditRow> {
    let folder = harness::target_dir().join("bench-audit");
    std::fs::create_dir_all(&folder)?;
    let copy = folder.join("book.sqlite");
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(folder.join(format!("book.sqlite{suffix}")));
    }
    std::fs::copy(book, &copy)?;
    let book = copy.as_path();
    let folder = folder.as_path();
    let before = listing(folder, book)?;
    let (mut first, mut ready, mut rss) = (Vec::new(), Vec::new(), None);
    for i in 0..warmup + starts {
        let s = Session::start_args(sb, &["audit".as_ref(), book.as_os_str()], home)?;
        let painted = s.wait("the badge", |sc| sc.contents().contains("只读"))?;
        let shown = s.wait("the figures", |sc| sc.contents().contains("记录校验"))?;
        if i >= warmup {
            first.push(painted.duration_since(s.started));
            ready.push(shown.duration_since(s.started));
        }
        rss = s.peak_rss_kb().or(rss);
        s.quit()?;
    }
    if listing(folder, book)? != before {
        bail!("the audit changed {}", folder.display());
    }
    Ok(AuditRow {
        book: label,
        first_frame: Stats::of(first),
        figures: Stats::of(ready),
        rss_kb: rss,
    })
}

/// The book and the files SQLite keeps beside it: name, size, modification time.
fn listing(folder: &Path, book: &Path) -> Result<Vec<(String, u64, std::time::SystemTime)>> {
    let stem = book
        .file_name()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned();
    let mut out = Vec::new();
    for e in std::fs::read_dir(folder)? {
        let e = e?;
        let name = e.file_name().to_string_lossy().into_owned();
        if name.starts_with(&stem) {
            let m = e.metadata()?;
            out.push((name, m.len(), m.modified()?));
        }
    }
    out.sort();
    Ok(out)
}

pub fn print(rows: &[AuditRow]) {
    let mut t = Table::new(&[
        "book",
        "first frame p50",
        "p99",
        "figures shown p50",
        "p99",
        "peak RSS",
    ]);
    for r in rows {
        t.row(vec![
            r.book.clone(),
            ms(r.first_frame.p50),
            ms(r.first_frame.p99),
            ms(r.figures.p50),
            ms(r.figures.p99),
            r.rss_kb
                .map_or("-".into(), |kb| format!("{:.1} MiB", kb as f64 / 1024.0)),
        ]);
    }
    println!(
        "Audit (`salesbook audit BOOK`), spawn to frame (ms):\n\n{}",
        t.render()
    );
}
