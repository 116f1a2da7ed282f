//! A command keeps the memory it frees for reuse instead of handing it back to the kernel
//! (`store::keep_freed_memory`), so a bulk write does not fault the same pages in again
//! and again. Its own process: the option is process-wide.

use libmimalloc_sys as mi;

fn minor_faults() -> i64 {
    // SAFETY: getrusage fills the struct it is given.
    unsafe {
        let mut u: libc::rusage = std::mem::zeroed();
        libc::getrusage(libc::RUSAGE_SELF, &mut u);
        u.ru_minflt
    }
}

/// Allocates `n` blocks of 64 KiB from mimalloc, writes every page, and frees them all.
fn churn(n: usize) {
    let blocks: Vec<*mut u8> = (0..n)
        .map(|_| {
            // SAFETY: a plain allocation, written within its size, freed below.
            unsafe {
                let p = mi::mi_malloc(64 << 10) as *mut u8;
                assert!(!p.is_null());
                for off in (0..64 << 10).step_by(4096) {
                    p.add(off).write_volatile(1);
                }
                p
            }
        })
        .collect();
    for p in blocks {
        // SAFETY: each block came from mi_malloc above and is freed once.
        unsafe { mi::mi_free(p as *mut std::ffi::c_void) }
    }
}

#[test]
fn freed_memory_is_kept_and_reused_without_new_faults() {
    // mimalloc's own default first (one second): the option is the one meant.
    assert_eq!(salesbook::store::freed_memory_delay(), 1000);
    salesbook::store::keep_freed_memory();
    assert_eq!(salesbook::store::freed_memory_delay(), -1);
    // 64 MiB: 16,384 pages. Freed, left past the default delay, collected, and taken
    // again, they come back without being faulted in anew.
    // Each round on a thread of its own: a thread's pages go back to the shared arena
    // when it ends, and from there to the kernel once the delay has passed.
    std::thread::spawn(|| churn(1024)).join().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(1300));
    // SAFETY: asks mimalloc to purge what it may; always allowed.
    unsafe { mi::mi_collect(true) };
    let before = minor_faults();
    std::thread::spawn(|| churn(1024)).join().unwrap();
    let faults = minor_faults() - before;
    assert!(
        faults < 200,
        "{faults} page faults taking back 16,384 freed pages"
    );
}
