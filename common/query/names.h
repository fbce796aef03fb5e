/*
 * names.h - the most frequent name entities of an index, or of the articles
 * matching a query: who a set of stories is about.
 *
 * Counts are documents (an article naming Zhang Yiming five times counts
 * once).  Each name is shown in its most common written form, found by
 * re-reading a few of the articles that contain it ("Zhang Yiming", not the
 * internal key "yiming zhang").
 *
 * Places (text/place.h: countries, states, cities, regions, peoples) are
 * typed apart: a list of who a story is about leaves them out, a list of
 * places keeps only them (kinds below).
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
    int place;                 /* 1: a place of the gazetteer (text/place.h) */
    int part;                  /* 1: every occurrence sampled lies inside a
                                  longer name (listed only with
                                  BYL_NAMES_PARTS) */
} byl_name_count;

/* What byl_names_top lists, as bits. */
enum byl_name_kind {
    BYL_NAMES_WHO = 1,  /* people and organisations: every name not a place */
    BYL_NAMES_PLACE = 2, /* places */
    /* also the names whose sampled occurrences all lie inside a longer one
     * ("Exchange Commission"), which are otherwise left out, marked part:
     * whoever lists names of shards searched apart decides on them with
     * the evidence of every shard */
    BYL_NAMES_PARTS = 4
};

/* Fills *out (owned by the caller, free with byl_free) with up to k names
 * of the kinds (enum byl_name_kind bits; 0 counts as BYL_NAMES_WHO), most
 * frequent first (ties: key order), among all articles (q == NULL) or those
 * matching q.  BYL_OK, BYL_ENOMEM, BYL_ECORRUPT. */
int byl_names_top(byl_searcher *s, const byl_qnode *q, const byl_search_opts *o, unsigned kinds,
                  size_t k, byl_name_count **out, size_t *n);

#endif
