//! A command keeps the memory it frees for reuse instead of handing it back to the kernel
//! (`store::keep_freed_memory`): mimalloc's purge delay goes from its default to "never".
//! Its own process: the option is process-wide.
//!
//! What that saves (page faults and system time in a bulk write) depends on the host's
//! kernel and load, so it is measured in BENCHMARKS.md, not asserted here: a fault count
//! asserted in a test passed on one machine and failed on another.

#[test]
fn commands_keep_freed_memory_instead_of_handing_it_back() {
    // mimalloc's own default first (one second): the option set is the one meant.
    assert_eq!(salesbook::store::freed_memory_delay(), 1000);
    salesbook::store::keep_freed_memory();
    assert_eq!(salesbook::store::freed_memory_delay(), -1);
}
