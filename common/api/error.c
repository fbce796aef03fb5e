/*
 * error.c - the public face of libbyline's errors and memory: the version,
 * codes, per-thread messages and byline_free.  The public codes are the
 * internal ones (util/err.h), which the asserts below hold to.
 *
 * Not for: setting messages (the modules do, through byl_error_set).
 */
#include "byline.h"
#include "util/err.h"
#include "util/mem.h"

/* One assert per code of the internal list: a code added there and not
 * here fails to build. */
#define CHECK_(name, val, text)                                                \
    _Static_assert((int)BYLINE_##name == (int)BYL_##name && BYL_##name == (val), \
                   "public and internal codes differ: " #name);
BYL_ERRNO_MAP(CHECK_)
#undef CHECK_

const char *byline_version(void) { return BYLINE_VERSION; }

const char *byline_errmsg(void) { return byl_error_msg(); }

const char *byline_errstr(int rc) { return byl_strerror(rc); }

void byline_free(void *p) { byl_free(p); }
