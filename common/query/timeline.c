/*
 * timeline.c - matches per period: a visitor that records each match's
 * period (and global number, for stories), then a sort that turns the
 * records into consecutive periods.
 *
 * One 16-byte record per match is kept until finish: sorting them is what
 * counts distinct stories per period without a hash set per period, and
 * a match set is at most the collection.
 *
 * Not for: drawing or printing.
 */
#include "query/timeline.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "doc/date.h"
#include "doc/reader.h"
#include "index/collection.h"
#include "util/err.h"
#include "util/mem.h"

typedef struct rec {
    int64_t key;   /* period key, INT64_MAX when undated */
    uint64_t id;   /* global document number, then its cluster */
} rec;

struct byl_timeline {
    int interval;
    byl_collection *col; /* the searcher's indexes, numbered as one */
    const byl_cseg *segs; /* its segments */
    rec *recs;
    size_t nrecs, cap;
    int rc;              /* first error of the visitor (sticky) */
    byl_period *periods;
    size_t nperiods;
    uint64_t undated, stories;
};

static const char *const iv_names[] = {"day", "week", "month", "year"};

int byl_interval_parse(const char *s)
{
    for (int i = 0; i < 4; i++)
        if (s && strcmp(s, iv_names[i]) == 0)
            return i;
    return -1;
}

/* Words that name a span of time without being one of iv_names: a
 * plural, an adverb, a span no timeline has.  "--timeline weekly oil"
 * must not read as the query "weekly oil" over months. */
static const char *const iv_lookalikes[] = {
    "day",     "days",     "daily",     "week",     "weeks",  "weekly", "month",
    "months",  "monthly",  "year",      "years",    "yearly", "annual", "annually",
    "quarter", "quarters", "quarterly", "decade",   "decades", "hour", "hours",
    "hourly",  "fortnight", "fortnightly"};

int byl_interval_lookalike(const char *s)
{
    if (!s || byl_interval_parse(s) >= 0)
        return 0;
    for (size_t i = 0; i < sizeof iv_lookalikes / sizeof *iv_lookalikes; i++)
        if (strcasecmp(s, iv_lookalikes[i]) == 0)
            return 1;
    return 0;
}

const char *byl_interval_name(int interval)
{
    return interval >= 0 && interval < 4 ? iv_names[interval] : "?";
}

/* Floor division: dates before 1970 are negative. */
static int64_t floor_div(int64_t a, int64_t b)
{
    int64_t q = a / b;
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

int64_t byl_period_key(int interval, int64_t t)
{
    int64_t days = floor_div(t, 86400), y;
    int m, d;
    switch (interval) {
    case BYL_IV_DAY: return days;
    case BYL_IV_WEEK: /* 1970-01-01 was a Thursday: Monday-based weekday 3 */
        return days - (days + 3 - 7 * floor_div(days + 3, 7));
    case BYL_IV_MONTH: byl_civil_from_days(days, &y, &m, &d); return y * 12 + (m - 1);
    default: byl_civil_from_days(days, &y, &m, &d); return y;
    }
}

int64_t byl_period_start(int interval, int64_t key)
{
    switch (interval) {
    case BYL_IV_DAY:
    case BYL_IV_WEEK: return key * 86400;
    case BYL_IV_MONTH:
        return byl_days_from_civil(floor_div(key, 12), (int)(key - 12 * floor_div(key, 12)) + 1, 1) *
               86400;
    default: return byl_days_from_civil(key, 1, 1) * 86400;
    }
}

void byl_period_label(int interval, int64_t key, char *buf, size_t cap)
{
    int64_t y;
    int m, d;
    switch (interval) {
    case BYL_IV_DAY:
        byl_civil_from_days(key, &y, &m, &d);
        snprintf(buf, cap, "%04lld-%02d-%02d", (long long)y, m, d);
        break;
    case BYL_IV_WEEK: {
        /* the ISO year is the year of the week's Thursday */
        int64_t thu = key + 3;
        byl_civil_from_days(thu, &y, &m, &d);
        int64_t week = (thu - byl_days_from_civil(y, 1, 1)) / 7 + 1;
        snprintf(buf, cap, "%04lld-W%02lld", (long long)y, (long long)week);
        break;
    }
    case BYL_IV_MONTH:
        snprintf(buf, cap, "%04lld-%02d", (long long)floor_div(key, 12),
                 (int)(key - 12 * floor_div(key, 12)) + 1);
        break;
    default: snprintf(buf, cap, "%04lld", (long long)key); break;
    }
}

/* The key after key. */
static int64_t next_key(int interval, int64_t key)
{
    return key + (interval == BYL_IV_WEEK ? 7 : 1);
}

int byl_timeline_new(byl_searcher *s, int interval, byl_timeline **out)
{
    *out = NULL;
    if (interval < 0 || interval > BYL_IV_YEAR)
        return byl_error_set(BYL_EINVAL, "unknown timeline interval %d", interval);
    byl_timeline *t = byl_calloc(1, sizeof *t);
    if (!t)
        return byl_error_set(BYL_ENOMEM, "out of memory for a timeline");
    t->interval = interval;
    size_t nix;
    byl_index *const *ixs = byl_searcher_indexes(s, &nix);
    int rc = byl_collection_new(ixs, nix, &t->col);
    if (rc) {
        byl_timeline_free(t);
        return rc == BYL_ENOMEM ? byl_error_set(rc, "out of memory for a timeline") : rc;
    }
    t->segs = byl_collection_segs(t->col);
    *out = t;
    return BYL_OK;
}

void byl_timeline_free(byl_timeline *t)
{
    if (!t)
        return;
    byl_collection_free(t->col);
    byl_free(t->recs);
    byl_free(t->periods);
    byl_free(t);
}

void byl_timeline_match(void *ctx, uint32_t ix, uint32_t seg, uint32_t doc)
{
    byl_timeline *t = ctx;
    if (t->rc)
        return;
    if (t->nrecs == t->cap) {
        size_t ncap = t->cap ? t->cap * 2 : 1024;
        rec *r = byl_realloc(t->recs, ncap * sizeof *r);
        if (!r) {
            t->rc = byl_error_set(BYL_ENOMEM, "out of memory counting %zu matches per period",
                                  ncap);
            return;
        }
        t->recs = r;
        t->cap = ncap;
    }
    const byl_cseg *e = &t->segs[byl_collection_seg_pos(t->col, ix, seg)];
    int64_t date;
    if (byl_segment_doc_info(e->seg, doc, &date, NULL)) {
        t->rc = BYL_ECORRUPT;
        return;
    }
    rec *r = &t->recs[t->nrecs++];
    r->key = date == BYL_NO_DATE ? INT64_MAX : byl_period_key(t->interval, date);
    r->id = e->base + doc;
}

static int cmp_rec(const void *pa, const void *pb)
{
    const rec *a = pa, *b = pb;
    if (a->key != b->key)
        return a->key < b->key ? -1 : 1;
    return a->id < b->id ? -1 : a->id > b->id;
}

static int cmp_u64(const void *pa, const void *pb)
{
    uint64_t a = *(const uint64_t *)pa, b = *(const uint64_t *)pb;
    return a < b ? -1 : a > b;
}

int byl_timeline_finish(byl_timeline *t, const byl_clusters *cl)
{
    if (t->rc)
        return t->rc;
    byl_free(t->periods);
    t->periods = NULL;
    t->nperiods = 0;
    t->undated = t->stories = 0;
    if (cl) {
        /* stories over all matches: distinct clusters */
        uint64_t *c = byl_malloc((t->nrecs ? t->nrecs : 1) * sizeof *c);
        if (!c)
            return byl_error_set(BYL_ENOMEM, "out of memory counting stories");
        for (size_t i = 0; i < t->nrecs; i++) {
            t->recs[i].id = byl_clusters_of(cl, t->recs[i].id);
            c[i] = t->recs[i].id;
        }
        qsort(c, t->nrecs, sizeof *c, cmp_u64);
        for (size_t i = 0; i < t->nrecs; i++)
            t->stories += !i || c[i] != c[i - 1];
        byl_free(c);
    }
    if (t->nrecs) /* recs is NULL when nothing matched: qsort wants a pointer */
        qsort(t->recs, t->nrecs, sizeof *t->recs, cmp_rec);
    size_t ndated = 0;
    while (ndated < t->nrecs && t->recs[ndated].key != INT64_MAX)
        ndated++;
    t->undated = t->nrecs - ndated;
    if (!ndated)
        return BYL_OK;
    int64_t lo = t->recs[0].key, hi = t->recs[ndated - 1].key;
    uint64_t span = (uint64_t)(hi - lo) / (t->interval == BYL_IV_WEEK ? 7 : 1) + 1;
    if (span > BYL_TIMELINE_MAX)
        return byl_error_set(BYL_ELIMIT,
                             "the matches span %llu %ss (at most %d periods); "
                             "use a longer interval or a date: filter",
                             (unsigned long long)span, byl_interval_name(t->interval),
                             BYL_TIMELINE_MAX);
    t->periods = byl_calloc((size_t)span, sizeof *t->periods);
    if (!t->periods)
        return byl_error_set(BYL_ENOMEM, "out of memory for %llu periods",
                             (unsigned long long)span);
    size_t r = 0;
    for (int64_t key = lo; t->nperiods < span; key = next_key(t->interval, key)) {
        byl_period *p = &t->periods[t->nperiods++];
        byl_period_label(t->interval, key, p->label, sizeof p->label);
        p->start = byl_period_start(t->interval, key);
        for (; r < ndated && t->recs[r].key == key; r++) {
            p->articles++;
            if (cl && (r == 0 || t->recs[r - 1].key != key || t->recs[r - 1].id != t->recs[r].id))
                p->stories++;
        }
    }
    return BYL_OK;
}

const byl_period *byl_timeline_periods(const byl_timeline *t, size_t *n)
{
    *n = t->nperiods;
    return t->periods;
}

uint64_t byl_timeline_total(const byl_timeline *t) { return t->nrecs; }
uint64_t byl_timeline_undated(const byl_timeline *t) { return t->undated; }
uint64_t byl_timeline_stories(const byl_timeline *t) { return t->stories; }
int byl_timeline_interval(const byl_timeline *t) { return t->interval; }
