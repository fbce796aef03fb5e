/*
 * names.h - the most frequent name entities of an index, or of the articles
 * matching a query: who a set of stories is about.
 *
 * Counts are documents (an article naming Zhang Yiming five times counts
 * once).  Each name is shown in its most common written form, found by
 * re-reading a few of the articles that contain it ("Zhang Yiming", not the
 * internal key "yiming zhang").
 *
 * Not for: ranking (search.h).
 */
#ifndef BYL_NAMES_H
#define BYL_NAMES_H

#include <stddef.h>
#include <stdint.h>

#include "query/search.h"

typedef struct byl_name_count {
    char key[BYL_MAX_KEY];     /* the entity term */
    char display[BYL_MAX_KEY]; /* its most common written form */
    uint64_t docs;             /* articles that contain it */
} byl_name_count;

/* Fills *out (owned by the caller, free with byl_free) with up to k names,
 * most frequent first (ties: key order), among all articles (q == NULL) or
 * those matching q.  BYL_OK, BYL_ENOMEM, BYL_ECORRUPT. */
int byl_names_top(byl_searcher *s, const byl_qnode *q, const byl_search_opts *o, size_t k,
                  byl_name_count **out, size_t *n);

#endif
