/*
 * inverter.h - in-memory inversion of articles into segments, within a RAM
 * budget.
 *
 * Protocol: byl_inverter_new(); byl_inverter_add() per article; when the
 * memory it holds passes the budget it writes a segment by itself (through
 * the namer callback) and starts afresh; byl_inverter_finish() writes the
 * last one.  Each finished segment is reported to the done callback.
 * Errors are sticky: after one, add/finish return it and do nothing.
 *
 * What goes where (see format.h for fields): title and body are analyzed
 * once; their words go to TEXT (title frequencies multiplied by the title
 * weight, body positions after the title's), title words also to TITLE,
 * name entities to NAME; author and source to their fields; the external id
 * verbatim to ID.
 *
 * Not for: naming segments or committing them (index.h).
 */
#ifndef BYL_INVERTER_H
#define BYL_INVERTER_H

#include <stddef.h>
#include <stdint.h>

#include "doc/reader.h"
#include "index/fingerprint.h"
#include "text/analyzer.h"
#include "util/mem.h"

typedef struct byl_inverter byl_inverter;

/* Past this much text, the buffers an article's analysis grew are freed
 * once it is inverted (a long article is rare; keeping them would keep
 * its memory for good). */
#define BYL_LONG_ARTICLE ((size_t)256 << 10)
/* Peak bytes of memory per byte of an article's text while it is read,
 * analyzed and inverted (measured: 15 to 20; docs/RELIABILITY.md).  The
 * longest article a budget admits is about budget / (BYL_ARTICLE_COST + 4). */
#define BYL_ARTICLE_COST 20

typedef struct byl_inverter_opts {
    size_t mem_budget;     /* bytes of postings, dictionary and buffers */
    uint32_t title_weight; /* title term frequency multiplier in TEXT */
    int no_names;          /* 1: index no name entities */
    int threads;           /* > 1: a segment's postings are decoded on a
                              second thread while this one writes them */
    /* Writes the path of the next segment to create into buf (cap bytes). */
    int (*namer)(void *ctx, char *buf, size_t cap);
    /* Called after a segment is complete and synced; path as named. */
    int (*done)(void *ctx, const char *path, uint32_t ndocs);
    /* Memory held for articles analyzed but not yet inverted (another
     * thread's), which the budget must leave room for; NULL: none. */
    size_t (*outside_mem)(void *ctx);
    void *ctx;
} byl_inverter_opts;

/* An article analyzed and copied, so that analysis (on one thread) and
 * inversion (on another) can overlap.  Caller-owned storage, reused across
 * articles: byl_analyzed_init, byl_analyzed_fill..., byl_analyzed_reset. */
typedef struct byl_analyzed_field {
    byl_token *tok;    /* owned */
    size_t ntok, cap;
    byl_buf terms;
} byl_analyzed_field;

typedef struct byl_analyzed {
    byl_article a;              /* strings point into text */
    byl_buf text;
    byl_analyzed_field f[4];    /* title, body, author, source */
    /* The body's sketch (fingerprint.h), made by the thread that analyzed
     * it: on the inverting thread, the longest of a build's three, it was
     * a twentieth of that thread's time (perf, Reuters, round 27). */
    uint8_t fp[BYL_FP_REC];
} byl_analyzed;

void byl_analyzed_init(byl_analyzed *x);
void byl_analyzed_reset(byl_analyzed *x);
/* Bytes its buffers hold. */
size_t byl_analyzed_mem(const byl_analyzed *x);
/* Copies a and its analysis by an into x.  BYL_OK or BYL_ENOMEM/ELIMIT. */
int byl_analyzed_fill(byl_analyzed *x, byl_analyzer *an, const byl_article *a);
/* The two halves of byl_analyzed_fill, so that another thread may analyze
 * (the article is borrowed only by _copy): _copy copies a into x (BYL_OK or
 * BYL_ENOMEM); _run analyzes x's copy by an (as _fill). */
int byl_analyzed_copy(byl_analyzed *x, const byl_article *a);
int byl_analyzed_run(byl_analyzed *x, byl_analyzer *an);

int byl_inverter_new(const byl_inverter_opts *o, byl_inverter **out);
/* Writes the segment held so far if an article of `text` bytes would not
 * fit beside it in the budget (BYL_ARTICLE_COST; only for long ones): so
 * that a long article's analysis, which happens before it is added, never
 * meets a full inverter.  byl_inverter_add and _add_analyzed call it too. */
int byl_inverter_make_room(byl_inverter *inv, size_t text);

/* Adds an article analyzed by byl_analyzed_fill (same effect as
 * byl_inverter_add on the article). */
int byl_inverter_add_analyzed(byl_inverter *inv, const byl_analyzed *x);
/* Adds one article (skips nothing: the caller decides what is valid). */
int byl_inverter_add(byl_inverter *inv, const byl_article *a);
/* Writes what is pending as a last segment (none if empty). */
int byl_inverter_finish(byl_inverter *inv);
/* Bytes currently held (what the budget is compared with). */
size_t byl_inverter_mem(const byl_inverter *inv);
/* Frees; a segment not yet finished is removed. */
void byl_inverter_free(byl_inverter *inv);

#endif
