/*
 * search.h - plans a parsed query against one or more indexes and returns
 * the top-k documents by BM25.
 *
 * Collection statistics (document count, average field lengths, document
 * frequencies) are summed over every segment of every index searched
 * (index/collection.h), so a score does not depend on how the articles
 * happen to be split.
 *
 * Scoring is BM25 (query/bm25.h gives the formulas): per term idf times
 * the tf part of the field searched; a phrase scores as the sum of its
 * words' idf times the tf part of the phrase frequency.
 *
 * A ranked OR of words, names and phrases is evaluated by MaxScore with
 * block-max bounds (query/maxscore.c), which skips documents that cannot
 * enter the top k; anything else (required or excluded clauses, filters,
 * date order) by the exhaustive document-at-a-time oracle
 * (query/oracle.c), which scores every match and is what the fast path is
 * tested against (opts.exhaustive forces it).  When asked (prf_* below,
 * query/prf.h), the query's matches are then ranked again with
 * pseudo-relevance feedback terms.
 *
 * Not for: parsing (parser.h), snippets (snippet.h) or printing.
 */
#ifndef BYL_SEARCH_H
#define BYL_SEARCH_H

#include <stddef.h>
#include <stdint.h>

#include "index/collection.h"
#include "index/index.h"
#include "util/mem.h"
#include "query/parser.h"
#include "query/hit.h"
#include "query/qstats.h"
#include "query/qterm.h"

/* Chosen on CISI, our Reuters and BBC news judgments and the name queries
 * (docs/PERFORMANCE.md, Effectiveness): against 1.2 / 0.75, short news
 * queries gain from quicker tf saturation and less length normalisation
 * (Reuters nDCG@10 +1.7%, BBC +0.8%); CISI's long questions lose 1.6% MAP
 * and keep their nDCG@10. */
#define BYL_BM25_K1 1.0
#define BYL_BM25_B 0.6

typedef struct byl_search_opts {
    double k1;          /* BM25 term frequency saturation */
    double b;           /* BM25 length normalisation */
    int all_required;   /* --and: plain words must all match */
    size_t k;           /* hits to return */
    int64_t since;      /* only articles dated >= since (INT64_MIN: no limit) */
    int64_t until;      /* ... and <= until (INT64_MAX: no limit) */
    /* 1 (default): *total is the number of matching documents.  0: only
     * the top k matter; *total is then the documents scored, a lower bound
     * when ranked OR queries skip what cannot enter the top k (MaxScore).
     * Either way the top k are the same: counting walks the matches
     * without scoring them. */
    int count_total;
    /* 1: score every match, never skipping (the oracle the fast paths are
     * tested against; 0 by default). */
    int exhaustive;
    int sort;           /* enum byl_sort */
    /* Recency: when > 0, a score is multiplied by 0.5^(age / half_life),
     * age being seconds before `now` (INT64_MIN: the newest article's date).
     * Undated articles count as old as the oldest. */
    double half_life;
    int64_t now;
    /* Called for every matching document, in index order, when set (for
     * facets such as --names); may be NULL. */
    void (*on_match)(void *ctx, uint32_t ix, uint32_t seg, uint32_t doc);
    void *on_match_ctx;
    /* Pseudo-relevance feedback (RM3, query/prf.h): when prf_docs > 0 and
     * results are ranked by score (not by date), a first pass ranks the
     * query alone, the prf_docs best documents (by
     * score, before any recency or date order) propose prf_terms
     * expansion terms, and the query is run again with them added.  The
     * original query keeps weight prf_weight and the expansion terms share
     * 1 - prf_weight: an expansion term's BM25 score is multiplied by
     * (1 - prf_weight) / prf_weight x (words in the query) x P(w|R).  The
     * terms only reorder the query's matches: they add none, so *total
     * and every filter are those of the query alone.  The second pass
     * scores the first pass's best prf_depth again (below), or, with
     * prf_depth 0, every match (the query becomes a required clause,
     * which MaxScore does not take). */
    size_t prf_docs;
    size_t prf_terms;
    double prf_weight;
    /* Feedback runs only over at least this many live articles: in a small
     * collection the best ten are a large share of everything, and their
     * words are the collection's own.  Queries with no word of the text
     * (only source:, author:, id:, dates) are never expanded. */
    size_t prf_min_docs;
    /* Statistics of the whole collection when this index is one shard of
     * it (query/qstats.h: merged from every shard's byl_search_collect();
     * borrowed), or NULL: the indexes' own.  When set, document counts,
     * average lengths, the title weight, dates for recency, every df and
     * every prefix's expansion come from it, in planning and rewriting as
     * in scoring, so that the shards' top k merge into the top k of one
     * index holding every article.  Feedback (prf_docs) is refused with
     * it: its terms come from the best documents of every shard. */
    const byl_qstats *stats;
    /* Feedback's second pass ranks again only the first pass's prf_depth
     * best documents (at least prf_docs; not k: the order must not depend
     * on the page asked for), scoring each exactly as a full second pass
     * would: a match below them cannot rise above them, and past them
     * the first pass's order stands, scores scaled under them.  The
     * first pass then takes MaxScore and the second touches prf_depth
     * documents, not every match; on_match hears each match once, from the
     * first pass.  0: every match is ranked again (the exhaustive second
     * pass, and what recency (half_life) always gets). */
    size_t prf_depth;
    /* A collapsed ranking (query/collapse.c) when set: the top k holds at
     * most one hit per cluster, cluster_of(cluster_ctx, gdoc) naming a
     * document's cluster (UINT32_MAX: never kept), so that the k hits are
     * the best of the k best-ranked clusters and MaxScore prunes by the
     * k-th cluster's score (topk.h, byl_topk_push_grouped).  NULL: every
     * hit for itself. */
    uint32_t (*cluster_of)(void *ctx, uint64_t gdoc);
    void *cluster_ctx;
    /* Read by collapsed searches only (query/collapse.h; byl_search
     * ignores it).  0 (default): the numbers of matches and of clusters
     * are exact, every match walked.  N > 0: exact when there are at most
     * N matches; above, estimated from the first N (byl_collapse_estimated
     * says which). */
    uint64_t total_bound;
} byl_search_opts;

/* Feedback, chosen on the train halves of the news topics and on CISI
 * (docs/PERFORMANCE.md, "Ranking on unseen news"): with 10 documents it
 * raised MAP and nDCG@10 on every judged collection and both halves, by
 * 1-4% on news and 11% on CISI, for about 2 ms more per query (the median
 * of ranked OR went from 22 us to 1.9 ms on Reuters; a search from the
 * shell from 40 to 48 ms).  That is not a clear enough win on news for
 * its cost, so it is off by default (0 documents); --prf 10 turns it on. */
#define BYL_PRF_DOCS 0
/* Feedback reranks the first pass's best 100 (docs/PERFORMANCE.md,
 * "Ranking: field weights and length"). */
#define BYL_PRF_DEPTH 100
#define BYL_PRF_TERMS 20
#define BYL_PRF_WEIGHT 0.8
#define BYL_PRF_MIN_DOCS 1000

void byl_search_opts_init(byl_search_opts *o);

typedef struct byl_searcher byl_searcher;

/* A searcher over indexes[0..n-1] (borrowed; must outlive it). */
int byl_searcher_new(byl_index **indexes, size_t n, byl_searcher **out);
void byl_searcher_free(byl_searcher *s);

/* Runs q.  On BYL_OK, *hits (borrowed, valid until the next search) holds
 * min(k, matches) hits best first (ties: lower global number first), and
 * *total the number of matching documents.  Errors: BYL_ECORRUPT (damaged
 * index, message set), BYL_ENOMEM, BYL_ELIMIT; with o->stats, BYL_ESTATS
 * (they lack a key the plan needs; see byl_search_collect) and BYL_EINVAL
 * (feedback asked for). */
int byl_search(byl_searcher *s, const byl_qnode *q, const byl_search_opts *o,
               const byl_hit **hits, size_t *nhits, uint64_t *total);

/* Counts the matches of the last search (its filters applied, in global
 * document order) and stops at the bound-th: *n of them, at most bound,
 * their global numbers written to out (room for bound) unless out is
 * NULL, and in *covered how many global numbers the walk passed: every
 * one (byl_collection_ndocs) when it ended before the bound, *n then
 * being all the matches.  A total estimated without counting it
 * (query/collapse.c): the matches of a prefix of the documents, scaled by
 * its share.  BYL_OK, BYL_ECORRUPT, BYL_ENOMEM, BYL_EINVAL (no search
 * yet). */
int byl_search_sample(byl_searcher *s, uint64_t bound, uint64_t *out, uint64_t *n,
                      uint64_t *covered);

/* Live (not deleted) documents among the global numbers below g: what a
 * sample that covered g numbers saw of the articles, for scaling it. */
uint64_t byl_search_live_below(const byl_searcher *s, uint64_t g);

/* Whether each of gdocs[0..n) (global numbers, ascending) matches the
 * last search, filters applied: match[i] 1 or 0.  The members of chosen
 * clusters tested without walking every match.  Errors as
 * byl_search_sample. */
int byl_search_test(byl_searcher *s, const uint64_t *gdocs, size_t n, uint8_t *match);

/* The DFS phase of a search over shards: plans q as byl_search would,
 * scoring nothing, and writes into out (emptied first) the statistics its
 * scores depend on over this searcher's indexes (a blob,
 * query/qstats.h).  The caller merges every shard's blob
 * (byl_qstats_merge), parses the result and passes it as o->stats to
 * byl_search on every shard.
 *
 * When o->stats is set, planning follows its answers (a df it holds
 * decides how a word is rewritten; one it lacks is read here) and the
 * blob holds the keys that path needed.  byl_search with statistics that
 * lack a key its plan needs (possible when the global answers lead the
 * rewriter elsewhere than a shard's own did) returns BYL_ESTATS: collect
 * again with o->stats set to the merged statistics, merge, and search
 * with those.  How many rounds that takes is not bounded by proof; the
 * rewriter looks up every form of a word whatever it then decides, and no
 * search of tests/test_qstats.c (2 078 on 2, 3 and 7 shards, which allow
 * two extra rounds) nor of the Reuters benchmark needed one.  Errors: BYL_ECORRUPT, BYL_ENOMEM, BYL_ELIMIT, BYL_EINVAL
 * (feedback with statistics). */
int byl_search_collect(byl_searcher *s, const byl_qnode *q, const byl_search_opts *o,
                       byl_buf *out);

/* Writes, for one hit of the last search, how its score was made: one line
 * per matching term or phrase (field, term, tf, idf, length and average
 * length, contribution), then the recency factor if any.  Lines end with
 * '\n'; the text is NUL-terminated in out.  BYL_OK, BYL_ENOMEM,
 * BYL_ECORRUPT. */
int byl_search_explain(byl_searcher *s, const byl_hit *h, byl_buf *out);

/* The positive terms of the last search (for highlighting; query/qterm.h),
 * borrowed. */
const byl_qterm *byl_search_terms(const byl_searcher *s, size_t *n);

/* The indexes searched (borrowed). */
byl_index *const *byl_searcher_indexes(const byl_searcher *s, size_t *n);

/* Global statistics over all indexes searched (the collection's, borrowed). */
const byl_segstats *byl_searcher_stats(const byl_searcher *s);

/* The documents the last byl_search examined past every bound by MaxScore
 * (their lengths read: the dearest step of scoring one), the top k's
 * candidates; what its bounds are judged by (tests/test_search.c). */
uint64_t byl_searcher_examined(const byl_searcher *s);
/* The documents the last byl_search passed over because a list they lack
 * was required (maxscore.c, ms_req): that path's use, for its tests. */
uint64_t byl_searcher_filtered(const byl_searcher *s);
/* The phrases the last byl_search left unread at a candidate because the
 * list of one of their words showed it absent there, or its tf bounded the
 * phrase below what the candidate needed (maxscore.c, ms_link_phrases):
 * that path's use, for its tests. */
uint64_t byl_searcher_spared(const byl_searcher *s);
/* Prefixes (word*) of the last search that stood for more words than a
 * prefix expands to (BYL_QSTATS_MAX_PREFIX): only some of them were
 * searched. */
uint32_t byl_searcher_prefix_cut(const byl_searcher *s);

/* The collection of the indexes searched: global numbers and summed
 * statistics (borrowed; valid until the searcher is freed). */
const byl_collection *byl_searcher_collection(const byl_searcher *s);

/* Segment and document of a hit, and its index. */
byl_segment *byl_searcher_segment(const byl_searcher *s, const byl_hit *h);

#endif
