//! Transparent huge pages, turned off for the process.
//!
//! mimalloc asks the kernel for huge pages (`MADV_HUGEPAGE`). Where the kernel then
//! compacts memory at the fault to find 2 MiB pages (Debian's and Ubuntu's default,
//! `defrag = madvise`), a build spends seconds in the kernel: at 1,000 organizations
//! 2.6–4.9 s of system time with them, 1.6–1.8 s without, and 6.3–6.7 s of wall time
//! instead of 6.5–8.2 s, with 70–120 MiB less peak memory (issue 19; the README's
//! Performance part). The shipped guide and 10,000 organizations take the same time.

/// Turns transparent huge pages off for this process and those it starts.
pub(crate) fn turn_off() {
    #[cfg(target_os = "linux")]
    // SAFETY: PR_SET_THP_DISABLE takes plain integers and touches no memory of ours.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}
