/*
 * fault.h - crash and disk-full injection for the tests of crash safety.
 *
 * Every place where the index writer changes the disk (a write, an fsync, a
 * rename, an unlink) calls byl_fault() first.  Normally that costs one
 * branch.  With BYL_FAULT_AT=N in the environment the N-th such call
 * injects a fault: BYL_FAULT=kill (the default) kills the process with
 * SIGKILL, as a power cut between two writes would; BYL_FAULT=enospc makes
 * that operation fail as a full disk does.  tests/crash.sh walks N over every
 * point of a build, an add, a delete and a merge.
 *
 * Only test builds have them: compiled with -DBYL_FAULTS (the Makefile's
 * $(BUILD)/faults/ programs, which tests/crash.sh runs), byl_fault() is the
 * function below; otherwise it is an inline 0 that the compiler removes, so
 * the library and the programs people run carry no hook that an
 * environment variable could turn into a kill.
 *
 * Not for: anything but tests; ordinary error handling stays where it is.
 */
#ifndef BYL_FAULT_H
#define BYL_FAULT_H

#ifdef BYL_FAULTS
/* Returns 0, or an errno value (ENOSPC) the caller must treat as the
 * failure of the operation it was about to do.  May not return at all. */
int byl_fault(const char *where);

/* Number of fault points passed so far (for the tests' reports). */
unsigned long byl_fault_count(void);
#else
static inline int byl_fault(const char *where)
{
    (void)where;
    return 0;
}
#endif

#endif
