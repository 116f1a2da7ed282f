//! SQLite's memory from the app's allocator (mimalloc) instead of the C library's.
//!
//! A big book's report reads a log entry of tens of MB in one piece: the C library maps
//! such a block afresh in 4 KiB pages and faults in each one (10,000 faults for a demo's
//! 40 MB entry), where mimalloc hands out huge pages and reuses what it has.

use libmimalloc_sys as mi;
use rusqlite::ffi;
use std::os::raw::{c_int, c_void};

unsafe extern "C" fn malloc(n: c_int) -> *mut c_void {
    // SAFETY: plain allocation; SQLite never asks for a negative size.
    unsafe { mi::mi_malloc(n.max(0) as usize) }
}

unsafe extern "C" fn free(p: *mut c_void) {
    // SAFETY: `p` came from `malloc` or `realloc` above.
    unsafe { mi::mi_free(p) }
}

unsafe extern "C" fn realloc(p: *mut c_void, n: c_int) -> *mut c_void {
    // SAFETY: as `malloc` and `free`.
    unsafe { mi::mi_realloc(p, n.max(0) as usize) }
}

unsafe extern "C" fn size(p: *mut c_void) -> c_int {
    // SAFETY: `p` came from this allocator. SQLite allocations stay under 2 GiB.
    let n = unsafe { mi::mi_usable_size(p) };
    c_int::try_from(n).unwrap_or(c_int::MAX)
}

unsafe extern "C" fn roundup(n: c_int) -> c_int {
    // SAFETY: a pure function of the size.
    let n = unsafe { mi::mi_good_size(n.max(0) as usize) };
    c_int::try_from(n).unwrap_or(c_int::MAX)
}

unsafe extern "C" fn init(_: *mut c_void) -> c_int {
    ffi::SQLITE_OK
}

unsafe extern "C" fn shutdown(_: *mut c_void) {}

/// Routes SQLite's allocations to mimalloc. Call it before SQLite is first used (the
/// binary does, first thing); once SQLite has started it changes nothing and returns
/// false, and SQLite keeps the C library's allocator.
pub fn sqlite_uses_app_allocator() -> bool {
    let methods = ffi::sqlite3_mem_methods {
        xMalloc: Some(malloc),
        xFree: Some(free),
        xRealloc: Some(realloc),
        xSize: Some(size),
        xRoundup: Some(roundup),
        xInit: Some(init),
        xShutdown: Some(shutdown),
        pAppData: std::ptr::null_mut(),
    };
    // SAFETY: SQLite copies the methods before returning; it refuses the call with
    // SQLITE_MISUSE once it has been initialised, so a late call is harmless.
    unsafe {
        ffi::sqlite3_config(
            ffi::SQLITE_CONFIG_MALLOC,
            &methods as *const ffi::sqlite3_mem_methods,
        ) == ffi::SQLITE_OK
    }
}

/// mimalloc's `mi_option_purge_delay` (its place in `mi_option_e` of the bundled v3
/// header; libmimalloc-sys does not name it).
const MI_OPTION_PURGE_DELAY: mi::mi_option_t = 15;

/// Keeps freed memory in the process instead of handing it back to the kernel, for a
/// command that runs once and exits. mimalloc returns pages freed for a second; a bulk
/// write frees and allocates hundreds of MB over and over (SQLite's page cache, FTS5's
/// pending terms, the batch's lists), and every page given back is faulted in and zeroed
/// again: 110,000 faults and about 0.7 s of system time in a 100,000-contact import. The
/// full-screen app, which lives for hours, keeps the default.
pub fn keep_freed_memory() {
    // SAFETY: setting an option is always allowed; mimalloc reads it on each purge.
    unsafe { mi::mi_option_set(MI_OPTION_PURGE_DELAY, -1) }
}

/// Hands the memory this thread freed back to the kernel now. A worker that just dropped
/// a big job's data (the dashboard's figures read the whole book: about 190 MB at 100,000
/// contacts) then sleeps: mimalloc purges a thread's freed pages only when that thread
/// allocates again, so the app kept the peak for as long as it ran.
pub fn give_back_freed_memory() {
    // SAFETY: collecting the calling thread's heap is always allowed.
    unsafe { mi::mi_collect(true) }
}

/// The delay before freed memory goes back to the kernel, in ms (-1: never).
pub fn freed_memory_delay() -> std::os::raw::c_long {
    // SAFETY: reading an option is always allowed.
    unsafe { mi::mi_option_get(MI_OPTION_PURGE_DELAY) }
}

/// Stops the kernel from backing this process's memory with 2 MiB pages from now on, for
/// a command that touches little of it. mimalloc asks for huge pages on its arena
/// (`MADV_HUGEPAGE`); where the kernel compacts memory to find one on first touch (its
/// default for such regions), a search or an agenda that needs 10 MB stalled: after a
/// process that had used 700 MB exited, the agenda's 90th percentile went from 17 to
/// 38 ms with huge pages, and one run took 4.2 s. Even without compaction, the first
/// allocation (before `main`) had the kernel zero a whole 2 MiB page: 0.7 ms of a 2.6 ms
/// `--version`. The binary calls this before `main`; commands that read or write the
/// whole book turn huge pages back on ([`allow_huge_pages`]): there the fewer faults win.
pub fn avoid_huge_pages() -> bool {
    #[cfg(target_os = "linux")]
    {
        // SAFETY: PR_SET_THP_DISABLE takes plain integers and changes only this process's
        // flag, which the kernel reads at each later fault.
        unsafe { libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0) == 0 }
    }
    #[cfg(not(target_os = "linux"))]
    {
        false
    }
}

/// Lets the kernel back this process's memory with 2 MiB pages again (undoes
/// [`avoid_huge_pages`]) for a command over the whole book.
pub fn allow_huge_pages() -> bool {
    #[cfg(target_os = "linux")]
    {
        // SAFETY: as in `avoid_huge_pages`.
        unsafe { libc::prctl(libc::PR_SET_THP_DISABLE, 0, 0, 0, 0) == 0 }
    }
    #[cfg(not(target_os = "linux"))]
    {
        false
    }
}

/// Whether huge pages are off for this process (`avoid_huge_pages`).
pub fn huge_pages_avoided() -> bool {
    #[cfg(target_os = "linux")]
    {
        // SAFETY: PR_GET_THP_DISABLE takes no pointer; it returns the flag or -1.
        unsafe { libc::prctl(libc::PR_GET_THP_DISABLE, 0, 0, 0, 0) == 1 }
    }
    #[cfg(not(target_os = "linux"))]
    {
        false
    }
}
