/*
 * _api.h - the structures behind byline.h's reading handles, shared by the
 * files of common/api/ (collection.c, search.c, article.c, ...).  Internal:
 * no program or binding includes it.
 *
 * Threads.  The internal segment reader keeps per-reader state (pages
 * already verified, the last stored block inflated, a decompressor), so an
 * opened byl_index must be used by one thread at a time.  A collection
 * therefore never touches its indexes after byline_open returns, except
 * through the one searcher that holds its claim: the first searcher made
 * while no other holds it uses the collection's own indexes; any other
 * opens the index directories again for itself.  Near-duplicate clusters
 * (collapse) and the analyzer are per searcher as well, so nothing is built
 * lazily in shared memory and no lock is needed.
 *
 * Not for: programs (byline.h is theirs).
 */
#ifndef BYL_API_INTERNAL_H
#define BYL_API_INTERNAL_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#include "byline.h"
#include "index/collection.h"
#include "index/index.h"
#include "query/collapse.h"
#include "query/parser.h"
#include "query/search.h"
#include "query/snippet.h"
#include "text/analyzer.h"
#include "util/mem.h"

struct byline_collection {
    size_t n;
    char **dirs;              /* owned copies of the directories */
    byl_index **ix;           /* opened by byline_open; used only by the claimant */
    byl_collection *coll;     /* numbering and summed statistics */
    atomic_int claimed;       /* 1 while a searcher uses ix */
    byline_info info;         /* computed once at open */
};

struct byline_query {
    byl_qnode *n;
};

/* What byline_hit_get hands out for one hit: its stored fields copied, so
 * that they stay valid until the next search whatever else is read. */
typedef struct byl_api_hitstr {
    char *block;              /* id, title, author, source, url: NUL-terminated, one block */
    byline_hit h;
} byl_api_hitstr;

struct byline_searcher {
    byline_collection *c;
    int claim;                /* 1: ix is c->ix (released at free) */
    byl_index **ix;           /* the indexes this searcher reads */
    byl_searcher *s;
    byl_clusters *cl;         /* made on the first collapsed search */
    byl_clusters *lcl;        /* clusters given by labels (o.labels), made on first use */
    byl_collapser *lcoll;     /* ... and the collapser of those searches */
    const struct byline_labels *keep_lab; /* the labels o.only is read with */
    const uint32_t *only;     /* o.only of the search under way */
    size_t nonly;
    uint32_t *mlabels;        /* the labels of every match of the last labelled search */
    size_t nmlabels, mlabels_cap;
    int has_mlabels;          /* 1: the last search collapsed by labels */
    byl_analyzer *an;         /* made on the first snippet or highlight */
    byl_group *hits;          /* the page of the last search (after offset) */
    size_t nhits, hits_cap;
    uint64_t total, matches;  /* of the last search */
    int estimated;            /* ... and they are estimates (o.total_bound) */
    byl_api_hitstr *hs;       /* per hit, filled by byline_hit_get (block NULL until then) */
    byl_qterm *terms;         /* the positive terms of the last search (copied) */
    size_t nterms;
    size_t snippet_chars;
    byl_snippet sn;
    byl_buf buf;              /* explain text */
};

/* Labels given from outside (byline_labels_new): per article number its
 * label, and its cluster as byl_clusters_table numbers it (the smallest
 * number of its label). */
struct byline_labels {
    size_t n;
    uint32_t *label;
    uint32_t *root;
};

/* A labelled collapsed search (labels.c), byline_search's other path:
 * want groups, in the way of byl_collapser_search. */
int byl_api_labelled_search(byline_searcher *s, const byl_qnode *q, const byl_search_opts *so,
                            const byline_search_opts *o, size_t want, const byl_group **g,
                            size_t *ng, uint64_t *nclusters, uint64_t *nmatches);

/* Internal opts from public ones (o NULL: defaults). */
void byl_api_opts(const byline_search_opts *o, byl_search_opts *out);

/* The searcher's analyzer, made when first needed. */
int byl_api_analyzer(byline_searcher *s, byl_analyzer **out);

/* The statistics of o (stats.c): *out NULL when o has none, else parsed
 * (the caller frees it with byl_qstats_free).  BYL_ECORRUPT,
 * BYL_EVERSION, BYL_EINVAL (collapse asked for), BYL_ENOMEM. */
int byl_api_stats(const byline_search_opts *o, byl_qstats **out);

/* The searcher's clusters, made (not built) when first needed. */
int byl_api_clusters(byline_searcher *s, byl_clusters **out);

/* Forgets the last search's hits (before a new search). */
void byl_api_reset_hits(byline_searcher *s);

/* Copies the last internal search's positive terms into the searcher. */
int byl_api_keep_terms(byline_searcher *s);

/* The live article with this id, newest segment first: BYL_OK and its
 * place, BYL_ENOTFOUND (message set), BYL_ECORRUPT. */
int byl_api_find(byline_searcher *s, const char *id, size_t len, uint32_t *ix, uint32_t *seg,
                 uint32_t *doc);

/* A copy of a stored article as one byl_malloc block (strings inside). */
int byl_api_article_copy(const byl_stored *st, byline_article **out);

#endif
