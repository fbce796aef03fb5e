/*
 * facet.h - counts of the matching articles by a stored field's value:
 * source, author, tag, or year of publication.
 *
 * Counts are articles over every match of a query (fed by the match
 * visitor of an exhaustive search, as --count evaluates), each value as
 * written in the article (trimmed of surrounding white space): "Reuters"
 * and "REUTERS" are two sources.  An article with several authors (the
 * readers join them with "; ") or several tags counts once under each; one
 * that has none is counted as missing, so that the counts of a facet plus
 * its missing always account for every match.  Source, author and tag
 * read the stored article (one inflate per stored block, in index order);
 * year reads only the date column.
 *
 * Name entities are a facet too, but over the entity postings rather than
 * stored text: names.h.
 *
 * Protocol: byl_facets_new() with the kinds wanted; run the search with
 * on_match = byl_facets_match, on_match_ctx = the facets;
 * byl_facets_finish(); byl_facets_top() per kind; byl_facets_free().
 *
 * Not for: printing (the programs), ranking (search.h).
 */
#ifndef BYL_FACET_H
#define BYL_FACET_H

#include <stddef.h>
#include <stdint.h>

#include "query/search.h"

enum byl_facet_kind {
    BYL_FACET_SOURCE = 0,
    BYL_FACET_AUTHOR,
    BYL_FACET_TAG,
    BYL_FACET_YEAR,
    BYL_FACET_COUNT_ /* one past the last */
};

/* "source", "author", "tag", "year" to enum byl_facet_kind, or -1. */
int byl_facet_parse(const char *name, size_t len);
const char *byl_facet_name(int kind);

typedef struct byl_facet_value {
    const char *value; /* as written (borrowed from the facets) */
    uint64_t articles;
} byl_facet_value;

typedef struct byl_facets byl_facets;

/* Facets over the indexes of s (borrowed; must outlive them); kinds is a
 * bit set of (1 << enum byl_facet_kind).  BYL_OK, BYL_ENOMEM. */
int byl_facets_new(byl_searcher *s, unsigned kinds, byl_facets **out);
void byl_facets_free(byl_facets *f);

/* The match visitor (byl_search_opts.on_match); ctx is the facets.  Errors
 * (damage, memory) are kept for byl_facets_finish(). */
void byl_facets_match(void *ctx, uint32_t ix, uint32_t seg, uint32_t doc);

/* BYL_OK, or the first error the visitor met. */
int byl_facets_finish(byl_facets *f);

/* The k most frequent values of a kind, most articles first (ties: value
 * order; year: every year in order when k is 0), into *out (owned by the
 * caller, free with byl_free; the strings stay the facets').  *distinct is
 * the number of different values, *missing the matches without one.
 * BYL_OK, BYL_ENOMEM, BYL_EINVAL (a kind not asked for). */
int byl_facets_top(const byl_facets *f, int kind, size_t k, byl_facet_value **out, size_t *n,
                   uint64_t *distinct, uint64_t *missing);

/* Matches visited. */
uint64_t byl_facets_matches(const byl_facets *f);

#endif
