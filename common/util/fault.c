/*
 * fault.c - see fault.h.  The environment is read once; the counter is
 * process-wide (the writer's disk changes happen on one thread).
 * Not for: production error paths.
 */
#include "util/fault.h"

#include <errno.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static atomic_ulong passed;
static unsigned long fault_at;   /* 0: no fault */
static int fault_enospc;
static atomic_int loaded;

static void load(void)
{
    const char *at = getenv("BYL_FAULT_AT");
    const char *mode = getenv("BYL_FAULT");
    fault_at = at ? strtoul(at, NULL, 10) : 0;
    fault_enospc = mode && strcmp(mode, "enospc") == 0;
    atomic_store(&loaded, 1);
}

int byl_fault(const char *where)
{
    if (!atomic_load_explicit(&loaded, memory_order_relaxed))
        load();
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
