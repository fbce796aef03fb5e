/*
 * timeline.h - coverage over time: how many matching articles (and
 * stories, when near-duplicates are collapsed) fall in each day, ISO week,
 * month or year.
 *
 * Counts are over every match of a query, not over a page of results: the
 * accumulator is fed by the match visitor of an exhaustive search
 * (byl_search_opts.on_match), which is the same evaluation --count makes,
 * and reads only each match's date from the DOCS column (no stored text).
 * Periods are UTC.  A week is an ISO 8601 week (Monday to Sunday, labelled
 * "2025-W09" by the ISO week-numbering year).  Every period between the
 * first and the last one that has a match is reported, empty ones as zero.
 * Articles without a date are counted apart (undated), never dropped.
 * A story is a cluster of near-duplicates (index/cluster.h); one that has
 * matches in several periods counts once in each.
 *
 * Protocol: byl_timeline_new(); run the search with on_match =
 * byl_timeline_match and on_match_ctx = the timeline (several visitors may
 * be chained by the caller); byl_timeline_finish() (with the clusters when
 * stories are wanted); read the periods; byl_timeline_free().
 *
 * Not for: drawing (plot.h) or printing (the programs).
 */
#ifndef BYL_TIMELINE_H
#define BYL_TIMELINE_H

#include <stddef.h>
#include <stdint.h>

#include "index/cluster.h"
#include "query/search.h"

enum byl_interval { BYL_IV_DAY = 0, BYL_IV_WEEK, BYL_IV_MONTH, BYL_IV_YEAR };

/* At most this many periods from the first to the last: a day timeline
 * over 9,999 years would be 3.6 million rows. */
#define BYL_TIMELINE_MAX 200000

/* "day", "week", "month", "year" to enum byl_interval, or -1. */
int byl_interval_parse(const char *s);
/* 1 if s is not an interval but reads as one, in any case: "Month",
 * "weekly", "days", "annual", "quarterly", "decades" (a command line
 * refuses it rather than search for it); else 0. */
int byl_interval_lookalike(const char *s);
const char *byl_interval_name(int interval);

typedef struct byl_period {
    char label[16];    /* "1987-03-26", "1987-W13", "1987-03", "1987" */
    int64_t start;     /* first second of the period (UTC) */
    uint64_t articles; /* matching articles dated in it */
    uint64_t stories;  /* distinct stories among them (0 without clusters) */
} byl_period;

typedef struct byl_timeline byl_timeline;

/* An empty timeline over the indexes of s (borrowed; must outlive it).
 * BYL_OK, BYL_ENOMEM, BYL_EINVAL (bad interval). */
int byl_timeline_new(byl_searcher *s, int interval, byl_timeline **out);
void byl_timeline_free(byl_timeline *t);

/* The match visitor (signature of byl_search_opts.on_match); ctx is the
 * timeline.  A damaged date column or a failed allocation is kept and
 * reported by byl_timeline_finish(). */
void byl_timeline_match(void *ctx, uint32_t ix, uint32_t seg, uint32_t doc);

/* Makes the periods after the search.  cl (may be NULL: no stories) must
 * be built over the same indexes (byl_collapse_search with a collapsing
 * mode builds it).  BYL_OK, or the first error met: BYL_ECORRUPT,
 * BYL_ENOMEM, BYL_ELIMIT (more than BYL_TIMELINE_MAX periods; the message
 * suggests a longer interval). */
int byl_timeline_finish(byl_timeline *t, const byl_clusters *cl);

/* The periods, oldest first (borrowed; valid until free). */
const byl_period *byl_timeline_periods(const byl_timeline *t, size_t *n);
/* Matching articles in all, and those of them without a date. */
uint64_t byl_timeline_total(const byl_timeline *t);
uint64_t byl_timeline_undated(const byl_timeline *t);
/* Distinct stories among all matches (dated or not); 0 without clusters. */
uint64_t byl_timeline_stories(const byl_timeline *t);
int byl_timeline_interval(const byl_timeline *t);

/* The period of time t (seconds since 1970 UTC): its key (day number,
 * Monday's day number, year * 12 + month - 1, or year) and label. */
int64_t byl_period_key(int interval, int64_t t);
void byl_period_label(int interval, int64_t key, char *buf, size_t cap);
int64_t byl_period_start(int interval, int64_t key);

#endif
