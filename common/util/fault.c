/*
 * fault.c - see fault.h.  The environment is read once; the counter is
 * process-wide and atomic (segments are written on the indexing thread).
 * Compiled only with -DBYL_FAULTS (fault.h): in the library it is empty.
 * Not for: production error paths.
 */
#include "util/fault.h"

#ifdef BYL_FAULTS

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static atomic_ulong passed;
static unsigned long fault_at;   /* 0: no fault */
static int fault_enospc;
static pthread_once_t loaded = PTHREAD_ONCE_INIT;

static void load(void)
{
    const char *at = getenv("BYL_FAULT_AT");
    const char *mode = getenv("BYL_FAULT");
    fault_at = at ? strtoul(at, NULL, 10) : 0;
    fault_enospc = mode && strcmp(mode, "enospc") == 0;
}

int byl_fault(const char *where)
{
    /* segments are written on the indexing thread, the rest on the
     * caller's: the environment is read once, whichever comes first */
    pthread_once(&loaded, load);
    unsigned long n = atomic_fetch_add(&passed, 1) + 1;
    if (fault_at == 0 || n != fault_at)
        return 0;
    if (getenv("BYL_FAULT_VERBOSE"))
        fprintf(stderr, "byline: injected fault %lu at %s\n", n, where);
    if (fault_enospc)
        return ENOSPC;
    raise(SIGKILL);
    _exit(137);
}

unsigned long byl_fault_count(void) { return atomic_load(&passed); }

#endif /* BYL_FAULTS */
