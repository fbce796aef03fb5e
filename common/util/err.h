/*
 * err.h - Byline's status codes and the per-thread error message.
 *
 * Every fallible function in libbyline returns an int: BYL_OK (0) or a
 * negative byl_err.  The human-readable detail ("postings block 17 fails its
 * checksum") is left in a thread-local buffer by byl_error_set() and read with
 * byl_error_msg().  The library never prints; the programs turn codes into
 * messages and exit codes.
 *
 * Not for: warnings about skipped input records (those go through the
 * reader's warning callback, see doc/reader.h).
 */
#ifndef BYL_ERR_H
#define BYL_ERR_H

#define BYL_ERRNO_MAP(XX)                                                  \
    XX(OK, 0, "success")                                                   \
    XX(ENOMEM, -1, "out of memory")                                        \
    XX(EIO, -2, "input/output error")                                      \
    XX(ECORRUPT, -3, "index is damaged")                                   \
    XX(EPARSE, -4, "cannot parse")                                         \
    XX(EINVAL, -5, "invalid argument")                                     \
    XX(ENOTFOUND, -6, "not found")                                         \
    XX(EVERSION, -7, "unsupported format version")                         \
    XX(ELIMIT, -8, "limit exceeded")                                       \
    XX(EBUSY, -9, "locked by another process")                             \
    XX(ENOTSYNCED, -10, "committed, but not synced to disk")              \
    XX(ESTATS, -11, "the statistics given lack a term the query needs")

typedef enum {
#define BYL_XX_(name, val, text) BYL_##name = val,
    BYL_ERRNO_MAP(BYL_XX_)
#undef BYL_XX_
} byl_err;

/* Short fixed text for a code ("index is damaged"); never NULL. */
const char *byl_strerror(int rc);

/* Records a formatted message for the calling thread and returns rc, so that
 * callers can write `return byl_error_set(BYL_EIO, "open %s: %s", ...)`. */
int byl_error_set(int rc, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* The last message set on this thread, or the code's text if none was set
 * since byl_error_clear().  Borrowed; valid until the next byl_error_set. */
const char *byl_error_msg(void);

void byl_error_clear(void);

#endif
