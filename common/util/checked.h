/*
 * checked.h - the frame shared by Byline's small checked files (the
 * manifest, deletion files, the cluster cache): an 8-byte magic, a u32
 * version, the body, and a u32 crc32 of everything before it.
 *
 * One writer (byl_checked_begin / byl_checked_seal over a byl_buf) and one
 * verifier, so that every such file is told apart from a foreign or
 * truncated one, refuses a version it does not read with the same advice,
 * and is never read past its end.
 *
 * Not for: segments (their footer and per-page checks are format.h's), or
 * how a file is read (whole, or mapped) and made durable (durable.h).
 */
#ifndef BYL_CHECKED_H
#define BYL_CHECKED_H

#include <stddef.h>
#include <stdint.h>

#include "util/mem.h"

#define BYL_CHECKED_HEAD 12 /* magic and version */
#define BYL_CHECKED_TAIL 4  /* crc32 */

/* Starts b (empty) with magic (8 bytes) and version. */
void byl_checked_begin(byl_buf *b, const char *magic, uint32_t version);
/* Appends the crc32 of everything in b.  BYL_ENOMEM if b failed at any
 * point (nothing is written then). */
int byl_checked_seal(byl_buf *b);

/* What a verifier expects of a file; what names it in messages. */
typedef struct byl_checked_kind {
    const char *magic;    /* 8 bytes */
    uint32_t min_version; /* versions read: min_version..max_version */
    uint32_t max_version;
    size_t min_body;      /* the body is at least this long */
    const char *what;     /* "manifest", "deletion file", ... */
} byl_checked_kind;

/* Checks buf[0..n) (the whole file path): magic, version, length and
 * checksum.  On BYL_OK, *version is the file's and *body, *body_len its
 * body (between the version and the checksum, inside buf).  Otherwise
 * BYL_ECORRUPT ("PATH: not a WHAT (bad magic or truncated)", "PATH: WHAT
 * fails its checksum") or BYL_EVERSION ("PATH: WHAT version V, this
 * program reads A to B; rebuild the index"), the message set. */
int byl_checked_verify(const uint8_t *buf, size_t n, const byl_checked_kind *k,
                       const char *path, uint32_t *version, const uint8_t **body,
                       size_t *body_len);

#endif
