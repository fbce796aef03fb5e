/*
 * byline.h - Byline's public C API: build, update and search full-text
 * indexes of news articles.  This is the one header a program includes;
 * everything else under common/ is internal and may change at any time.
 *
 *     byline_collection *c;
 *     byline_searcher *s;
 *     byline_query *q;
 *     byline_search_opts o;
 *     size_t n;
 *     uint64_t total;
 *     if (byline_open("news.idx", &c) || byline_searcher_new(c, &s) ||
 *         byline_query_parse("\"Qiao Siyuan\"", &q))
 *         fprintf(stderr, "%s\n", byline_errmsg());
 *     byline_search_opts_init(&o);
 *     if (byline_search(s, q, &o, &n, &total) == BYLINE_OK)
 *         for (size_t i = 0; i < n; i++) {
 *             byline_hit h;
 *             byline_hit_get(s, i, &h);
 *             printf("%.3f %.*s\n", h.score, (int)h.title_len, h.title);
 *         }
 *
 * Conventions
 *   - Every fallible function returns an int: BYLINE_OK (0) or a negative
 *     BYLINE_E* code.  The message that goes with it ("postings block 17 of
 *     000003.seg fails its checksum") is kept per thread: byline_errmsg().
 *   - Handles are opaque.  A function named _new or _open makes one, and
 *     the matching _free or _close lets it go; free functions accept NULL.
 *     Arrays and strings the library allocates for the caller are released
 *     with byline_free().  Anything else the library returns is borrowed:
 *     its lifetime is stated beside the function.
 *   - Strings given to the library are UTF-8 and need not be NUL-terminated
 *     where a length goes with them; strings it returns are NUL-terminated
 *     and come with their length.
 *   - Dates are seconds since 1970-01-01 UTC; BYLINE_NO_DATE means none.
 *
 * Threads
 *   - A collection (byline_collection) is read-only once open and may be
 *     shared by any number of threads.
 *   - A searcher (byline_searcher) holds one thread's working memory and
 *     results: give each thread its own (they are cheap: no index data is
 *     copied but the deletions, a bit per article).  Everything returned
 *     by a searcher is valid until its next search or until it is freed.
 *   - One writer (byline_writer) per index at a time, across processes:
 *     opening a second one fails with BYLINE_EBUSY.  Readers keep the state
 *     they opened (a snapshot) while a writer commits; reopen to see the
 *     change.  A writer is used from one thread at a time.
 *
 * Versions: BYLINE_VERSION is the version of this header, byline_version()
 * that of the library linked; the soname (libbyline.so.BYLINE_ABI) changes
 * when a program built against an older header could break.
 */
#ifndef BYLINE_H
#define BYLINE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#define BYLINE_VERSION "0.4.0"
#define BYLINE_VERSION_MAJOR 0
#define BYLINE_VERSION_MINOR 4
#define BYLINE_VERSION_PATCH 0
#define BYLINE_ABI 0

/* The library's version ("0.4.0"); compare with BYLINE_VERSION to see
 * whether the library loaded is the one the program was built for. */
const char *byline_version(void);

/* ------------------------------------------------------------------ */
/* Errors                                                              */

enum {
    BYLINE_OK = 0,
    BYLINE_ENOMEM = -1,     /* out of memory */
    BYLINE_EIO = -2,        /* a file could not be read or written */
    BYLINE_ECORRUPT = -3,   /* the index is damaged (byline_check, byline_repair) */
    BYLINE_EPARSE = -4,     /* a query or an input record cannot be parsed */
    BYLINE_EINVAL = -5,     /* an argument is out of range */
    BYLINE_ENOTFOUND = -6,  /* no such index, article or file */
    BYLINE_EVERSION = -7,   /* an index format this library does not read */
    BYLINE_ELIMIT = -8,     /* a size limit was exceeded */
    BYLINE_EBUSY = -9,      /* another writer holds the index */
    BYLINE_ENOTSYNCED = -10, /* committed, but the disk did not confirm it */
    BYLINE_ESTATS = -11     /* the statistics given lack a term: collect again with them */
};

/* The message of the last error on the calling thread: it names the file,
 * offset or query column and says what to do.  Borrowed; valid until the
 * thread's next call into the library. */
const char *byline_errmsg(void);

/* A short fixed text for a code ("index is damaged"); never NULL. */
const char *byline_errstr(int rc);

/* Releases what the library allocated for the caller (arrays, strings). */
void byline_free(void *p);

#define BYLINE_NO_DATE INT64_MIN

/* ------------------------------------------------------------------ */
/* Articles                                                            */

/* One article, as given to a writer or as stored in an index.  Strings
 * given to a writer are borrowed for the call and need not be
 * NUL-terminated; strings the library returns are. */
typedef struct byline_article {
    const char *id;     size_t id_len;     /* unique within an index */
    const char *title;  size_t title_len;
    const char *body;   size_t body_len;
    const char *author; size_t author_len; /* several joined by "; " */
    const char *source; size_t source_len;
    const char *url;    size_t url_len;
    const char *tags;   size_t tags_len;   /* one per line */
    int64_t date;                          /* or BYLINE_NO_DATE */
} byline_article;

/* ------------------------------------------------------------------ */
/* Reading: collections, queries, searches                             */

/* One or several indexes, searched as one collection: scores are computed
 * with statistics summed over all of them, so they do not depend on how
 * articles are split between indexes. */
typedef struct byline_collection byline_collection;

/* Opens the index in dir.  BYLINE_ENOTFOUND if there is none,
 * BYLINE_ECORRUPT if it is damaged, BYLINE_EVERSION if it is of a format
 * this library does not read. */
int byline_open(const char *dir, byline_collection **out);
/* Opens dirs[0..n-1] as one collection (n >= 1).  BYLINE_EINVAL if one
 * directory is given twice, by whatever path: its articles would count
 * twice. */
int byline_open_many(const char *const *dirs, size_t n, byline_collection **out);
void byline_close(byline_collection *c);

typedef struct byline_info {
    uint64_t articles;   /* live articles */
    uint64_t deleted;    /* deleted or replaced, still in the files */
    uint64_t terms;      /* distinct terms, summed over segments */
    uint64_t segments;
    uint64_t bytes;      /* size of the index files */
    int64_t first_date;  /* oldest dated article, or BYLINE_NO_DATE */
    int64_t last_date;   /* newest */
    unsigned title_weight;
    size_t indexes;
} byline_info;

int byline_info_get(const byline_collection *c, byline_info *out);

/* A parsed query: words, "phrases", +required, -excluded, AND/OR/NOT,
 * (groups), field:value (title, author, source, name, tag, id), prefix*.
 * The syntax is docs/QUERY.md's. */
typedef struct byline_query byline_query;

/* Parses a NUL-terminated query.  BYLINE_EPARSE for a query broken as a
 * query (unbalanced quote or parenthesis, a field with no value), the
 * message giving the column; prose punctuation is never an error. */
int byline_query_parse(const char *text, byline_query **out);
void byline_query_free(byline_query *q);

enum byline_sort {
    BYLINE_SORT_SCORE = 0, /* best first */
    BYLINE_SORT_DATE,      /* oldest first, undated last */
    BYLINE_SORT_DATE_DESC  /* newest first, undated last */
};

enum byline_collapse {
    BYLINE_COLLAPSE_NONE = 0, /* every matching article */
    BYLINE_COLLAPSE_BEST,     /* near-duplicates shown once, by the best-ranked */
    BYLINE_COLLAPSE_OLDEST    /* ... by the earliest published */
};

/* Cluster labels given to searches (byline_labels_new, below). */
typedef struct byline_labels byline_labels;

typedef struct byline_search_opts {
    size_t k;            /* hits to return (default 10) */
    size_t offset;       /* hits to skip first, for paging (default 0) */
    int all_required;    /* 1: plain words must all match, at every depth
                          * but across an explicit OR (default 0) */
    int sort;            /* enum byline_sort */
    int collapse;        /* enum byline_collapse (default NONE) */
    int64_t since;       /* only articles dated >= since (INT64_MIN: no limit) */
    int64_t until;       /* ... and <= until (INT64_MAX: no limit) */
    double half_life;    /* > 0: scores halve every half_life seconds of age */
    int64_t now;         /* age is measured from now (INT64_MIN: the newest article) */
    double k1, b;        /* BM25 (defaults 1.0 and 0.6; k1 0 to 100, b 0 to 1) */
    size_t prf_docs;     /* pseudo-relevance feedback documents (default 0: off) */
    size_t prf_terms;    /* ... expansion terms (default 20) */
    double prf_weight;   /* ... weight of the original query, 0 to 1 (default 0.8) */
    int count_total;     /* 1 (default): *total counts every match */
    size_t snippet_chars;/* length of snippets (default 200) */
    /* Merged statistics of every shard (byline_stats_merge), when this
     * collection is one shard of a larger one searched apart; NULL and 0
     * (default): the collection's own.  Borrowed for the call. */
    const void *stats;
    size_t stats_len;
    /* Feedback ranks again only the first pass's prf_depth best articles
     * (at least k; default 100), 0: every match (slower; docs/QUERY.md). */
    size_t prf_depth;
    /* Near-duplicate clusters given from outside (byline_labels_new), which
     * collapse, `similar` and the count of stories then follow instead of
     * the collection's own: for shards clustered together (see "Shards
     * searched apart" below).  NULL (default): the collection's own.
     * Borrowed for the call. */
    const byline_labels *labels;
    /* With labels and collapse: only the groups of these labels (nonly of
     * them, ascending) are returned, the others are still counted in
     * *total; NULL (default): every group. */
    const uint32_t *only;
    size_t nonly;
    /* 0 (default): *total and byline_search_matches are exact, every match
     * walked.  N > 0, with collapse (and no labels or feedback): exact when
     * the query has at most N matches; above, both are estimates (the
     * first N matches in index order scaled by the share of the articles
     * they span; stories weighed by their copies; two significant
     * digits), the hits, their order and `similar` still exact
     * (byline_search_total_exact says which).  byline-search sets 1000
     * unless --exact-total or --count. */
    uint64_t total_bound;
} byline_search_opts;

/* Sets every field to its default. */
void byline_search_opts_init(byline_search_opts *o);

/* One thread's searches over a collection (borrowed: it must outlive the
 * searcher). */
typedef struct byline_searcher byline_searcher;

int byline_searcher_new(byline_collection *c, byline_searcher **out);
void byline_searcher_free(byline_searcher *s);

/* Runs q.  On BYLINE_OK, *nhits hits are ready (at most o->k, after
 * o->offset) and *total holds the number of matching articles (with
 * collapse: of stories).  o may be NULL for the defaults.
 * BYLINE_ECORRUPT if a damaged part of the index was met. */
int byline_search(byline_searcher *s, const byline_query *q, const byline_search_opts *o,
                  size_t *nhits, uint64_t *total);

typedef struct byline_hit {
    double score;
    uint64_t doc;       /* number of the article in the collection */
    const char *id;     size_t id_len;
    const char *title;  size_t title_len;
    const char *author; size_t author_len;
    const char *source; size_t source_len;
    const char *url;    size_t url_len;
    int64_t date;       /* or BYLINE_NO_DATE */
    uint32_t similar;   /* with collapse: near-duplicates hidden behind it */
    uint32_t similar_estimated; /* 1: similar is an estimate (o.total_bound
                                   set and a story of over 20,000 copies) */
} byline_hit;

/* Fills *out with hit i (< *nhits) of the last search.  Strings are
 * borrowed until the next search on s. */
int byline_hit_get(byline_searcher *s, size_t i, byline_hit *out);

/* A matched word, by byte offset in the text it was found in. */
typedef struct byline_span {
    uint32_t start;
    uint32_t len;
} byline_span;

typedef struct byline_snippet {
    const char *text;   size_t len;  /* a window of the body, NUL-terminated */
    const byline_span *spans; size_t nspans;
    int cut_start;      /* the window starts after the body's start */
    int cut_end;        /* ... and stops before its end */
} byline_snippet;

/* The snippet of hit i: the window of its body where the query's words
 * are densest, about o->snippet_chars characters.  Borrowed until the next
 * snippet or search on s. */
int byline_hit_snippet(byline_searcher *s, size_t i, byline_snippet *out);

/* How hit i's score was made, one line per matching term (field, term,
 * tf, idf, lengths, contribution).  *text is the caller's (byline_free). */
int byline_hit_explain(byline_searcher *s, size_t i, char **text);

/* The stored article with this id: BYLINE_ENOTFOUND if none.  *out and
 * its strings are the caller's, released together by byline_free(*out). */
int byline_article_get(byline_searcher *s, const char *id, size_t id_len,
                       byline_article **out);

/* ---- reading, continued (names, similar, views, statistics) ------- */

/* Threads, in detail: nothing a collection shares is built lazily.  The
 * first searcher made while no other holds the collection reads the
 * indexes byline_open opened; every other searcher alive at the same time
 * opens the same files again for itself (the internal readers keep
 * per-reader caches: pages verified, the last block of stored text): the
 * collection's snapshot, even after a writer removed those files, with
 * the same article numbers (byline_collection_docs).  For that a
 * collection keeps a descriptor per segment, within a quarter of the
 * process's limit of open files; past it, a searcher made after a writer
 * removed one of the collection's files fails (BYLINE_ENOTFOUND, "open it
 * again").  Near-duplicate clusters
 * (for collapse, similar, stories) are per searcher, built on its first
 * use, so no lock is taken, except that byline_tally_plot draws one image
 * at a time in a process (cairo is loaded once, on the first drawing).  Functions that "count as a search on
 * s" end the validity of the hits of the last byline_search on s. */

/* Matching articles of the last search on s before collapsing (*total of
 * byline_search counts stories when collapsing; without collapse the two
 * are equal). */
uint64_t byline_search_matches(const byline_searcher *s);

/* 1 when the last search's *total and byline_search_matches are exact; 0
 * when they are estimates (o.total_bound). */
int byline_search_total_exact(const byline_searcher *s);

/* Prefixes (word*) of the last search that stood for more words than one
 * expands to (256): only the first 256 found were searched, so a longer
 * prefix may find articles a shorter one does not.  0 when none was cut. */
unsigned byline_search_prefix_cut(const byline_searcher *s);

/* Parses a query of len bytes (need not be NUL-terminated; a NUL byte in
 * it is refused with BYLINE_EPARSE instead of cutting the query short). */
int byline_query_parse_n(const char *text, size_t len, byline_query **out);

/* The id and score of hit i without reading its stored article (cheap:
 * for run files).  *id is borrowed until s is freed, not NUL-terminated. */
int byline_hit_id(byline_searcher *s, size_t i, const char **id, size_t *len, double *score);

/* The number of positive query words of the last search on s (what
 * snippets and byline_highlight mark); 0 when it had none. */
size_t byline_search_terms(const byline_searcher *s);

/* Marks the words of the last search on s in any text (an article's title
 * or body, for --show --query): byte ranges, in order, not overlapping.
 * *spans is the caller's (byline_free; NULL when *n is 0).  Run a search
 * with k = 0 first to highlight a query without ranking anything. */
int byline_highlight(byline_searcher *s, const char *text, size_t len, byline_span **spans,
                     size_t *n);

/* Names: the most frequent people and organisations of all articles (q
 * NULL) or of those matching q (with o's filters), most articles first.
 * Counts are articles.  Places (countries, states, large cities, regions,
 * peoples: a gazetteer, docs/TOKENIZATION.md) are left out; they are still
 * entities that name: queries find.  *out is the caller's, strings
 * included (byline_free(*out)).  Counts as a search on s. */
enum byline_name_kind {
    BYLINE_NAME_WHO = 1,   /* people and organisations (any name not a place) */
    BYLINE_NAME_PLACE = 2, /* places */
    /* With either: also the names whose occurrences, in the articles
     * sampled, all lie inside a longer name ("Exchange Commission" of
     * "Securities and Exchange Commission"), left out otherwise; they come
     * with part = 1.  For lists merged over shards searched apart, which
     * leave a name out only if every shard's sample says so. */
    BYLINE_NAME_PARTS = 4
};

typedef struct byline_name {
    const char *display; /* the most common written form: "Zhang Yiming" */
    const char *key;     /* the index's key for it: "yiming zhang" */
    uint64_t articles;
    int kind;            /* BYLINE_NAME_WHO or BYLINE_NAME_PLACE */
    int part;            /* with BYLINE_NAME_PARTS: 1 for a part of longer names */
} byline_name;

int byline_names(byline_searcher *s, const byline_query *q, const byline_search_opts *o,
                 size_t k, byline_name **out, size_t *n);

/* The same for the kinds of names in kinds (enum byline_name_kind bits;
 * 0 counts as BYLINE_NAME_WHO): BYLINE_NAME_PLACE alone lists places,
 * both list every name, each with its kind. */
int byline_names_kind(byline_searcher *s, const byline_query *q, const byline_search_opts *o,
                      unsigned kinds, size_t k, byline_name **out, size_t *n);

/* Similar articles: the article with this id and its near-duplicates (the
 * copies collapse hides), oldest first, undated last.  BYLINE_ENOTFOUND
 * when no live article has the id.  *out is the caller's, strings included
 * (byline_free(*out)).  Counts as a search on s. */
typedef struct byline_similar_article {
    uint64_t doc;
    const char *id;     size_t id_len;
    const char *title;  size_t title_len;
    const char *source; size_t source_len;
    const char *url;    size_t url_len;
    int64_t date;       /* or BYLINE_NO_DATE */
    double resemblance; /* of their word sketches, 0..1 */
    double containment; /* of the smaller in the larger, 0..1 */
    int self;           /* 1 for the article asked about */
} byline_similar_article;

int byline_similar(byline_searcher *s, const char *id, size_t id_len,
                   byline_similar_article **out, size_t *n);

/* Tallies: counts over every match of a query (not a page of hits) per
 * period of time (a timeline) and per value of a field (facets), from one
 * evaluation.  o's filters apply, and o->collapse != NONE counts stories
 * (clusters of near-duplicates) beside articles.  Periods are UTC; weeks
 * are ISO weeks ("2025-W09").  Undated articles are counted apart. */
enum byline_interval { BYLINE_DAY = 0, BYLINE_WEEK, BYLINE_MONTH, BYLINE_YEAR };
enum byline_facet {
    BYLINE_FACET_SOURCE = 0,
    BYLINE_FACET_AUTHOR,
    BYLINE_FACET_TAG,
    BYLINE_FACET_YEAR,
    BYLINE_FACET_NAME
};

/* "day", "week", "month", "year" to enum byline_interval, or -1; and back. */
int byline_interval_parse(const char *name);
const char *byline_interval_name(int interval);
/* 1 if word is no interval but reads as one in any case ("weekly",
 * "Month", "days", "quarterly", "decades"): a command line that takes an
 * optional interval word refuses it rather than search for it; else 0. */
int byline_interval_lookalike(const char *word);
/* "source", "author", "tag", "year", "name" (len bytes) to enum
 * byline_facet, or -1; and back. */
int byline_facet_parse(const char *name, size_t len);
const char *byline_facet_name(int facet);

typedef struct byline_tally byline_tally;

/* Evaluates q over every match: a timeline per interval (-1: none) and the
 * facets in the bit set facets (1 << enum byline_facet).  q and s are
 * borrowed and must outlive the tally (the name facet reads them).  Counts
 * as a search on s.  BYLINE_ELIMIT when the timeline would have too many
 * periods (the message suggests a longer interval). */
int byline_tally_new(byline_searcher *s, const byline_query *q, const byline_search_opts *o,
                     int interval, unsigned facets, byline_tally **out);
void byline_tally_free(byline_tally *t);

typedef struct byline_tally_totals {
    uint64_t matches;  /* matching articles */
    uint64_t stories;  /* distinct stories among them (0 without collapse) */
    uint64_t undated;  /* matching articles without a date (timeline only) */
    int interval;      /* the timeline's, or -1 */
} byline_tally_totals;

int byline_tally_totals_get(const byline_tally *t, byline_tally_totals *out);

typedef struct byline_period {
    char label[16];    /* "1987-03-26", "1987-W13", "1987-03", "1987" */
    int64_t start;     /* first second of the period */
    uint64_t articles; /* matching articles dated in it */
    uint64_t stories;  /* distinct stories among them (0 without collapse) */
} byline_period;

/* Every period from the first to the last with a match, oldest first,
 * empty ones as 0 (borrowed; valid until the tally is freed). */
const byline_period *byline_tally_periods(const byline_tally *t, size_t *n);

typedef struct byline_facet_value {
    const char *value; /* as written in the articles (the name facet: display form) */
    const char *key;   /* the name facet: the index's key for the name; else NULL */
    uint64_t articles;
} byline_facet_value;

/* The k most frequent values of a facet (year: all years in order when k
 * is 0), most articles first.  *distinct values in all and *missing
 * matches without one (both 0 for names; either may be NULL).  *out is
 * the caller's (byline_free); its strings are borrowed from the tally.
 * BYLINE_EINVAL for a facet not asked for at byline_tally_new. */
int byline_tally_facet(byline_tally *t, int facet, size_t k, byline_facet_value **out,
                       size_t *n, uint64_t *distinct, uint64_t *missing);

/* Draws the timeline as an image: path ends in .svg or .png, width and
 * height in pixels (0: 960 x 480), title above it (may be NULL).
 * BYLINE_EINVAL for another extension, BYLINE_EIO when it cannot be
 * written.  Cairo is loaded when the first image is drawn. */
int byline_tally_plot(const byline_tally *t, const char *title, const char *path, int width,
                      int height);

/* Export: every match of q in o's order (o->offset and o->k select a page;
 * k = SIZE_MAX: all) written to f as JSON Lines or CSV (RFC 4180, a
 * header line first), each article whole with its rank and score, one at
 * a time.  *total gets the number of matching articles.  BYLINE_EIO when
 * a write fails.  Counts as a search on s. */
enum byline_export_format { BYLINE_EXPORT_JSONL = 0, BYLINE_EXPORT_CSV };
/* "jsonl" or "csv" to enum byline_export_format, or -1. */
int byline_export_parse(const char *name);
int byline_export(byline_searcher *s, const byline_query *q, const byline_search_opts *o,
                  int format, FILE *f, uint64_t *total);

/* Statistics per segment, for reports of where the bytes go.  The
 * sections are those of docs/FORMAT.md. */
enum byline_section {
    BYLINE_SEC_POSTINGS = 0,
    BYLINE_SEC_DICT,
    BYLINE_SEC_DICTIDX,
    BYLINE_SEC_DOCS,
    BYLINE_SEC_POSITIONS,
    BYLINE_SEC_STORE,
    BYLINE_SEC_STOREIDX,
    BYLINE_SEC_IDS,
    BYLINE_SEC_FINGERPRINTS,
    BYLINE_SEC_COUNT
};
/* "postings", "dictionary", ... "fingerprints"; "?" out of range. */
const char *byline_section_name(int section);

typedef struct byline_segment_info {
    size_t index;        /* which of the collection's indexes */
    const char *path;    /* the segment file (borrowed; valid until close) */
    uint64_t articles, deleted, terms;
    uint64_t bytes;      /* the file's size */
    uint64_t section_bytes[BYLINE_SEC_COUNT];
    int64_t first_date, last_date;
} byline_segment_info;

/* Segments of every index in collection order (byline_info.segments). */
size_t byline_segment_count(const byline_collection *c);
int byline_segment_info_get(const byline_collection *c, size_t i, byline_segment_info *out);

/* Dates.  byline_date_parse reads one instant in the forms news dumps use
 * (ISO 8601, RFC 2822, "Nov 26, 2025", "26-FEB-1987 15:01:01.79"):
 * BYLINE_OK or BYLINE_EPARSE.  byline_date_period reads YYYY, YYYY-MM or
 * YYYY-MM-DD as a date: clause does, a whole period: its first and last
 * second, or BYLINE_EPARSE with the reason (2025-02-30 does not exist).
 * byline_date_format writes "YYYY-MM-DD" (full: "YYYY-MM-DDTHH:MM:SSZ"),
 * returning the length needed as snprintf does; BYLINE_DATE_BUF bytes are
 * always enough. */
#define BYLINE_DATE_BUF 40
int byline_date_parse(const char *s, size_t len, int64_t *out);
int byline_date_period(const char *s, size_t len, int64_t *first, int64_t *last);
size_t byline_date_format(int64_t t, int full, char *buf, size_t cap);

/* Decodes one UTF-8 character of s[0..n) (n >= 1) into *cp and returns the
 * bytes it took (1..4); a byte that starts no valid character gives
 * U+FFFD and 1.  For showing stored text safely.  n 0 (or s NULL) gives
 * U+FFFD and 0. */
size_t byline_utf8_next(const char *s, size_t n, int32_t *cp);

/* Shards searched apart (on other processes or machines) as one
 * collection: the DFS phase.  For each query,
 *   1. every shard: byline_stats_collect(searcher, q, &o, &blob, &len);
 *   2. one place: byline_stats_merge(blobs, lens, n, &merged, &mlen);
 *   3. every shard: o.stats = merged, o.stats_len = mlen; byline_search();
 *   4. the top k of every shard merged by score give the top k, and the
 *      totals summed the total, of one index holding every article (scores
 *      equal to 1e-9; ties may come in another order).
 * If step 3 fails with BYLINE_ESTATS (the global statistics led the query's
 * rewriting to a term no shard had been asked about), repeat 1 and 2 with
 * o.stats set to the merged statistics, then 3.  Blobs are versioned and
 * checksummed; a damaged one is BYLINE_ECORRUPT, never read past its end.
 * With statistics, feedback (prf_docs) is refused (BYLINE_EINVAL): it
 * cannot be exact across shards; so is collapse, unless the search is
 * given the clusters of every shard's articles together (o.labels, below).
 * *blob and *out are the caller's, freed with byline_free. */
int byline_stats_collect(byline_searcher *s, const byline_query *q, const byline_search_opts *o,
                         void **blob, size_t *len);
int byline_stats_merge(const void *const *blobs, const size_t *lens, size_t n, void **out,
                       size_t *out_len);

/* Near-duplicates across shards.  Clusters are the connected components
 * of close pairs of sketches, which do not depend on where the articles
 * lie, so the shards' sketches clustered together give the clusters of
 * one index holding every article:
 *   1. every shard: byline_sketches(searcher, &docs, &sk, &n);
 *   2. one place: the shards' sketches one after the other, then
 *      byline_sketch_clusters(all, total, &labels): one label per sketch;
 *   3. every shard: its own slice of the labels, placed by docs[i] into an
 *      array of one label per article number of the collection
 *      (byline_collection_docs; deleted articles: any label), given to
 *      byline_labels_new; searches with o.labels set collapse by it (and
 *      may be given o.stats), and byline_search_labels lists the labels
 *      of every match of the last one.
 * The labels are those of one moment of every shard: a shard changed
 * since needs them again (byline_index_generation tells). */
#define BYLINE_SKETCH_BYTES 76

/* The sketches of the live articles of s's collection, in the order of
 * their numbers: docs[i] (byline_hit.doc) and BYLINE_SKETCH_BYTES bytes at
 * sketches + i * BYLINE_SKETCH_BYTES.  *docs and *sketches are the
 * caller's (byline_free).  Counts as a search on s.  BYLINE_ECORRUPT. */
int byline_sketches(byline_searcher *s, uint64_t **docs, uint8_t **sketches, size_t *n);

/* Clusters n sketches (n * BYLINE_SKETCH_BYTES bytes) by the rule and the
 * code of one index's clusters: (*labels)[i] is the smallest j whose
 * sketch is in i's cluster (a sketch of a body too short is alone).  The
 * clusters do not depend on the order of the sketches.  *labels is the
 * caller's (byline_free).  BYLINE_ELIMIT for 2^32 sketches or more. */
int byline_sketch_clusters(const uint8_t *sketches, size_t n, uint32_t **labels);

/* Articles numbered in c (byline_hit.doc is below it), deleted ones
 * included: the length of a labels array. */
uint64_t byline_collection_docs(const byline_collection *c);

/* The generation of index i of c (0 <= i < byline_info.indexes), as it
 * was opened: every commit moves it.  BYLINE_EINVAL for i out of range. */
int byline_index_generation(const byline_collection *c, size_t i, uint64_t *out);

/* A cluster label for every article number of a collection (labels[d] of
 * article d; n of them, byline_collection_docs), copied, ready for
 * searches (o.labels).  BYLINE_ENOMEM; BYLINE_EINVAL for n of 2^32 or
 * more.  A search refuses labels of another length than its collection's
 * (BYLINE_EINVAL). */
int byline_labels_new(const uint32_t *labels, size_t n, byline_labels **out);
void byline_labels_free(byline_labels *l);

/* After a search with o.labels and collapse: the distinct labels of all
 * its matches (filters applied), ascending, *n of them (its *total);
 * borrowed until the next search on s.  BYLINE_EINVAL when the last
 * search had no labels or did not collapse. */
int byline_search_labels(const byline_searcher *s, const uint32_t **labels, size_t *n);

/* ------------------------------------------------------------------ */
/* Writing: building, updating, merging                                */

typedef struct byline_writer byline_writer;

typedef struct byline_writer_opts {
    size_t mem;            /* memory budget in bytes, the whole writer (default 256 MiB) */
    int replace;           /* 1: the commit replaces the index's articles (a rebuild) */
    int no_names;          /* 1: no name entities (plain analysis; a new index only) */
    unsigned title_weight; /* title words count this many times (0: the index's, or 2) */
    int threads;           /* 1 or 2 (default 2: analysis beside inversion) */
} byline_writer_opts;

void byline_writer_opts_init(byline_writer_opts *o);

/* Opens (creating it if needed) the index in dir for writing.  Nothing is
 * visible to readers until byline_writer_commit(); freeing a writer
 * without a commit leaves the index as it was. */
int byline_writer_open(const char *dir, const byline_writer_opts *o, byline_writer **out);

/* Adds an article; at the commit it replaces any article with its id.
 * BYLINE_EPARSE, nothing added, for a field other than the id that is not
 * UTF-8 (the message names the field and the byte offset), as the input
 * files' readers skip such a record; BYLINE_ELIMIT, nothing added, for an
 * article longer in all (id and fields) than byline_writer_record_limit()
 * of the writer's options.  Either way the writer goes on: skip the
 * article. */
int byline_writer_add(byline_writer *w, const byline_article *a);

/* Deletes the article with this id; *found (may be NULL) is 1 if there
 * was one.  It concerns committed articles only: an article added since
 * the last commit is kept (and *found is 0); commit in between to add and
 * then delete an id. */
int byline_writer_delete(byline_writer *w, const char *id, size_t id_len, uint64_t *found);

/* Makes every change since the writer was opened visible at once, and
 * durable.  An interrupted commit leaves the last committed state. */
int byline_writer_commit(byline_writer *w);

void byline_writer_free(byline_writer *w);

/* ---- writing, continued (input files, merge, check, repair) ------- */

/* Building an index from news dumps, and keeping it current:
 *
 *     byline_writer *w;
 *     byline_input *in;
 *     int rc;
 *     if (byline_writer_open("news.idx", NULL, &w) ||
 *         byline_input_open("dumps/", NULL, &in))
 *         return fail(byline_errmsg());
 *     while ((rc = byline_writer_add_input(w, in, NULL)) == BYLINE_EIO ||
 *            rc == BYLINE_ELIMIT)
 *         fprintf(stderr, "not read: %s\n", byline_errmsg()); // and go on
 *     byline_input_close(in);
 *     if (rc || byline_writer_delete(w, "wire-0042", 9, NULL) ||
 *         byline_writer_commit(w))
 *         fprintf(stderr, "%s\n", byline_errmsg()); // the index is as it was
 *     byline_writer_free(w);
 *     byline_clusters_refresh("news.idx", NULL);
 */

/* A field of byline_writer_opts left 0 takes its default, so a zeroed
 * struct is as good as one set by byline_writer_opts_init.  mem must be at
 * least 8 MiB (the writer's own needs are about 6 MB plus an eighth of the
 * budget; the rest holds postings until a segment is written), and
 * title_weight at most 100.  After a commit the writer goes on: the next
 * add, delete or merge begins a new change, an update of what was
 * committed (replace, no_names and title_weight served the first change
 * only).  Between the commit and that next call the index is unlocked, so
 * another writer may get in: the call then fails with BYLINE_EBUSY. */

/* 1 if dir holds an index, or what is left of one (a MANIFEST, sound or
 * not, or a segment file), else 0: a program that means to build a new
 * index asks first, so that it never takes an old one for an empty
 * directory. */
int byline_index_exists(const char *dir);

/* The longest record (a JSON line, an SGML document, a text file) a writer
 * opened with o can take, in bytes: indexing needs some 20 bytes of memory
 * per byte of text at the peak, so the budget bounds the record (9 MiB of
 * the default 256 MiB).  Give it as max_record to the inputs that feed the
 * writer.  0 if o is invalid. */
size_t byline_writer_record_limit(const byline_writer_opts *o);

typedef struct byline_writer_stats {
    uint64_t added;    /* articles added since the writer was opened */
    uint64_t deleted;  /* articles deleted (found by byline_writer_delete) */
    uint64_t replaced; /* older versions replaced by an article of the same
                          id: counted at the commit, when ids are resolved */
    uint64_t merged;   /* articles rewritten by merges */
    uint64_t commits; /* changes committed */
    size_t mem;       /* bytes the change under way holds now */
} byline_writer_stats;

/* Counts of w so far, committed or not (for a progress line, or the
 * summary after a commit). */
int byline_writer_stats_get(const byline_writer *w, byline_writer_stats *out);

/* Progress of a long operation: done of total units (articles). */
typedef void (*byline_progress_fn)(void *ctx, uint64_t done, uint64_t total);

/* Merges segments into one, leaving their deleted articles out: all of
 * them (all = 1), or those the size-tiered policy picks (all = 0: segments
 * of similar size, ten at a time).  progress (may be NULL) is called now
 * and then with the articles rewritten so far.  *merged (may be NULL)
 * gets the number of segments merged; 0 means there was nothing worth
 * doing, and nothing to commit.  A merge is a change of its own: it must
 * not follow uncommitted adds or deletes (BYLINE_EINVAL), and nothing may
 * be added or deleted after it until byline_writer_commit. */
int byline_writer_merge(byline_writer *w, int all, byline_progress_fn progress, void *ctx,
                        uint32_t *merged);

/* Input: articles read from news dumps.  The formats are docs/ARTICLES.md's:
 * JSON Lines (one article per line), TREC SGML (<DOC>), Reuters-21578
 * SGML (<REUTERS>) and plain-text articles (one per file, with a NAME.json
 * sidecar of metadata); any of them may be gzip-compressed. */
enum byline_format {
    BYLINE_FORMAT_AUTO = 0, /* detected from the content, file by file */
    BYLINE_FORMAT_JSONL,
    BYLINE_FORMAT_TREC,
    BYLINE_FORMAT_REUTERS,
    BYLINE_FORMAT_TEXT
};

/* Parses "auto", "jsonl", "trec", "reuters" or "text"; -1 if unknown. */
int byline_format_parse(const char *name);
/* The name of a format ("jsonl"), or "?" for a value out of range. */
const char *byline_format_name(int format);

/* Why a record was skipped: the order of the summary.  The kinds from
 * BYLINE_SKIP_FIELD on skip no record: they report something ignored in a
 * record that was kept (a date that is not one), or in a file (a gzip
 * trailer that does not match intact data, an input with nothing in it). */
enum byline_skip {
    BYLINE_SKIP_JSON = 0, /* malformed JSON */
    BYLINE_SKIP_UTF8,     /* invalid UTF-8 */
    BYLINE_SKIP_NOTEXT,   /* neither title nor body */
    BYLINE_SKIP_GZIP,     /* truncated or corrupt gzip stream */
    BYLINE_SKIP_SGML,     /* malformed SGML */
    BYLINE_SKIP_BINARY,   /* binary data */
    BYLINE_SKIP_TOOLONG,  /* longer than max_record */
    BYLINE_SKIP_IO,       /* a read error ended the file */
    BYLINE_SKIP_FIELD,    /* a field ignored, the record kept */
    BYLINE_SKIP_TRAILER,  /* a bad gzip trailer ignored, the data kept */
    BYLINE_SKIP_EMPTY,    /* an input with nothing in it */
    BYLINE_SKIP_COUNT
};

/* The text of a reason ("malformed JSON"); it reads well after
 * "skipped: " as well as alone.  "?" out of range. */
const char *byline_skip_text(int reason);
/* 1 for the kinds that keep every record (BYLINE_SKIP_FIELD and after). */
int byline_skip_keeps(int reason);

/* Called once per skipped record, and once per warning that keeps its
 * record: file as the input names it, line (1-based; 0 when it does not
 * apply) and offset (the byte in the uncompressed input where the record
 * starts; for what concerns the file as stored, such as a gzip trailer,
 * line is 0 and offset counts bytes of the file), detail ("" or a few
 * words: "expected ',' or '}' at column 37").  Strings are borrowed for
 * the call. */
typedef void (*byline_warn_fn)(void *ctx, const char *file, uint64_t line, uint64_t offset,
                               int reason, const char *detail);

/* How a numeric date whose day and month could be either ("11/07/2025")
 * is read: month first (as US sites print it), day first, or (AUTO, what
 * byline_input_opts_init sets) as the evidence says: the article's other
 * dates ("7 November 2025" says day first, "November 7, 2025" month first,
 * a numeric date with a part above 12 settles it), then those of the
 * records of its file read before it, then those of the other files of the
 * run (the files given, the folders read so far), else month first
 * (docs/ARTICLES.md, "Dates").  A part above 12 is the day whatever the
 * order; "26.11.2025" with dots is always day first. */
enum { BYLINE_DATE_MDY = 0, BYLINE_DATE_DMY = 1, BYLINE_DATE_AUTO = 2 };

/* The default longest record an input keeps, in bytes. */
#define BYLINE_MAX_RECORD ((size_t)16 << 20)

typedef struct byline_input_opts {
    int format;            /* enum byline_format (default AUTO) */
    int date_order;        /* BYLINE_DATE_AUTO (byline_input_opts_init),
                              BYLINE_DATE_MDY (0) or BYLINE_DATE_DMY */
    size_t max_record;     /* longer records are skipped, streamed past and
                              never held (0: BYLINE_MAX_RECORD) */
    const char *source;    /* the source of every article that names none
                              (NULL: none); copied */
    const char *id_prefix; /* put before every id, so that two dumps whose
                              ids clash can share an index (NULL: none);
                              copied */
    byline_warn_fn warn;   /* may be NULL */
    void *warn_ctx;
    /* Reading one shard of many: with shards > 1, only the articles whose
     * final id (id_prefix included) byline_shard_of() sends to shard
     * (0 <= shard < shards) are returned; the others are read, parsed and
     * passed over, counted in records but not in articles.  0 or 1: every
     * article.  Records that cannot be read have no id: every shard's
     * input reports them. */
    uint32_t shards;
    uint32_t shard;
} byline_input_opts;

/* The shard (0 to shards-1) of an article id of len bytes among shards
 * (0 is taken as 1): FNV-1a 64 of the id's bytes modulo shards.  The rule
 * is fixed, part of the format of sharded collections: an id lands in
 * the same shard on every machine and every run, so replacing or deleting
 * it finds it. */
uint32_t byline_shard_of(const char *id, size_t len, uint32_t shards);

/* Sets every field to its default. */
void byline_input_opts_init(byline_input_opts *o);

/* Articles read from one or several paths, in order: a file, a directory
 * (every file below it, in sorted order, hidden ones left out, each
 * directory read once however many links lead to it) or "-" for standard
 * input.  Memory stays bounded whatever the size of the dumps (about twice
 * max_record per file being read).  Ids are made to not depend on how a
 * path was typed: a plain-text article's id is the base name of its
 * directory and its path below it ("news/2025/a.txt" whether the path
 * given was "news" or "/abs/news/"). */
typedef struct byline_input byline_input;

/* Opens path (see above); o may be NULL for the defaults.  Nothing is read
 * yet: a path that cannot be read is reported by byline_input_next, in its
 * turn, so that one bad path among many neither stops the rest nor goes
 * unreported.  BYLINE_EINVAL for a bad option, BYLINE_ENOMEM. */
int byline_input_open(const char *path, const byline_input_opts *o, byline_input **out);
/* Opens paths[0..n-1] (n >= 1) as one input, read in that order. */
int byline_input_open_many(const char *const *paths, size_t n, const byline_input_opts *o,
                           byline_input **out);

/* The next article: 1 and *a filled (its strings NUL-terminated, borrowed
 * until the next call or byline_input_close), 0 at the end of every path.
 * A bad record is never an error: it goes to the warning callback, is
 * counted and skipped.  A negative code says that a path could not be
 * read: BYLINE_EIO (its articles are missing), or BYLINE_ELIMIT (left out
 * on purpose, nothing lost: a directory already read through another
 * link); byline_errmsg() says why and byline_input_failed() which path.
 * Call again to go on with the rest.  A negative code that names no path
 * (BYLINE_ENOMEM) leaves the input unusable. */
int byline_input_next(byline_input *in, byline_article *a);

enum byline_input_stage {
    BYLINE_INPUT_WALK = 1, /* a path given to byline_input_open could not
                              be walked (the message names it) */
    BYLINE_INPUT_OPEN,     /* a file could not be opened */
    BYLINE_INPUT_READ      /* a file failed after it was opened: the
                              articles before the failure were returned,
                              the rest of the file is lost */
};

/* After a negative byline_input_next: the path it was about (borrowed
 * until the next call), and in *stage (may be NULL) when it failed.  NULL
 * when the failure concerned no path. */
const char *byline_input_failed(const byline_input *in, int *stage);

typedef struct byline_input_stats {
    uint64_t files;       /* files opened */
    uint64_t records;     /* records met in them: returned and skipped */
    uint64_t articles;    /* articles returned */
    uint64_t skipped[BYLINE_SKIP_COUNT]; /* records skipped, by reason; a
                             read error that ends a file counts one, as
                             BYLINE_SKIP_IO (not in records) */
    uint64_t warned[BYLINE_SKIP_COUNT];  /* warnings that kept their record */
    uint64_t unreadable;  /* paths that could not be read (BYLINE_EIO) */
    uint64_t left_out;    /* paths left out on purpose (BYLINE_ELIMIT) */
    uint64_t sidecars;    /* NAME.json files read as metadata of NAME.txt */
    uint64_t bytes_total; /* size of every input file, as on disk; 0 when
                             unknown (standard input is among them) */
    uint64_t bytes_done;  /* of them, read so far (for a progress line) */
} byline_input_stats;

int byline_input_stats_get(const byline_input *in, byline_input_stats *out);
void byline_input_close(byline_input *in);

/* Adds the articles of in to w until the input ends (BYLINE_OK) or a path
 * cannot be read (the negative code of byline_input_next: call again to go
 * on with the rest), or the writer fails (its code; stop there).  *added
 * (may be NULL) gets the articles added by this call. */
int byline_writer_add_input(byline_writer *w, byline_input *in, uint64_t *added);

/* A finding of byline_check or byline_repair, in words for a person
 * ("000003-0001.seg: postings page 4 fails its checksum").  Borrowed for
 * the call. */
typedef void (*byline_report_fn)(void *ctx, const char *what);

typedef struct byline_check_report {
    uint64_t problems;    /* 0: intact */
    uint64_t segments, articles, deleted, terms;
    uint64_t bytes;       /* read and verified */
} byline_check_report;

/* Reads every byte of the index in dir and verifies it (searches verify
 * only what they touch): manifest, every page against its checksum,
 * dictionary, postings, stored articles, deletion files and the saved
 * near-duplicate clusters.  report (may be NULL) is called once per
 * problem.  BYLINE_OK when intact; BYLINE_ECORRUPT when problems were
 * found (out->problems of them); another code when the index cannot be
 * checked at all (no index: BYLINE_ENOTFOUND).  out may be NULL. */
int byline_check(const char *dir, byline_report_fn report, void *ctx, byline_check_report *out);

typedef struct byline_repair_report {
    int changed;          /* 0: the index was sound; nothing was done */
    uint32_t segments;    /* segments the repaired index holds */
    uint64_t articles;    /* live articles in them */
    uint64_t resolved;    /* older versions of an id marked deleted */
    uint32_t set_aside;   /* damaged files moved to DIR/damaged/ (never
                             removed) */
    uint64_t lost;        /* articles of the files set aside or missing
                             (0 when unknown): add them again (a segment
                             newer than the MANIFEST, taken in, may hold
                             some of them) */
} byline_repair_report;

/* Makes a damaged index searchable again from its intact segments: a lost
 * or damaged MANIFEST is rebuilt from the segments that pass a full check
 * (one article per id kept, the newest), damaged files are moved to
 * DIR/damaged/.  mem is a budget as byline_writer_opts.mem (0: the
 * default).  report (may be NULL) gets each finding.  BYLINE_OK (out->changed
 * says whether anything was done); BYLINE_EBUSY, BYLINE_ENOTFOUND (no
 * index here), BYLINE_EIO, BYLINE_ENOMEM with a message saying in what
 * state the index was left.  out may be NULL. */
int byline_repair(const char *dir, size_t mem, byline_report_fn report, void *ctx,
                  byline_repair_report *out);

/* Saves the near-duplicate clusters of the index in dir as it is now,
 * computed from its sketches, so that searches that collapse need not
 * compute them (about a microsecond per article); call it after a commit.
 * The saved clusters are a cache: without them searches compute their
 * own, so a failure is worth a warning, not more.  *opened (may be NULL)
 * is set to 1 once the index was opened: a failure with *opened 0 means
 * that dir held no readable index to cluster. */
int byline_clusters_refresh(const char *dir, int *opened);
/* The same within mem bytes for the whole process (as byline_writer_opts'
 * mem; 0: 256 MB): the clustering reads the sketches in passes when they do
 * not fit (the clusters are the same).  When even that does not fit,
 * nothing is written and BYLINE_ELIMIT is returned, the message saying how
 * much memory would do (searches compute the clusters meanwhile). */
int byline_clusters_refresh_mem(const char *dir, size_t mem, int *opened);


#ifdef __cplusplus
}
#endif

#endif /* BYLINE_H */
