/*
 * stored.h - what a segment stores of one article: the writer takes it
 * (segwriter.h) and the reader gives it back (segment.h), so that neither
 * header includes the other.
 *
 * Not for: how it is laid out and compressed (format.h, segwriter.c).
 */
#ifndef BYL_STORED_H
#define BYL_STORED_H

#include <stddef.h>
#include <stdint.h>

/* What a segment stores of one article; strings need not be
 * NUL-terminated.  Borrowed for the duration of the call. */
typedef struct byl_stored {
    const char *id;     size_t id_len;
    const char *title;  size_t title_len;
    const char *author; size_t author_len;
    const char *source; size_t source_len;
    const char *url;    size_t url_len;
    const char *body;   size_t body_len;
    const char *tags;   size_t tags_len;   /* tags as written, one per line */
    int64_t date;
} byl_stored;

#endif
