/*
 * facet.c - value counts of stored fields over a match set: one open-
 * addressing hash table of value -> articles per kind, fed by the match
 * visitor, sorted once at the end.
 *
 * Not for: name entities (names.c counts them from their postings).
 */
#include "query/facet.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc/date.h"
#include "doc/reader.h"
#include "index/collection.h"
#include "util/err.h"
#include "util/mem.h"

typedef struct entry {
    char *value;       /* NUL-terminated copy; NULL = empty slot */
    size_t len;
    uint64_t articles;
    uint64_t seen_doc; /* last match (global order) counted, + 1 */
} entry;

typedef struct table {
    entry *slots;
    size_t cap, n;     /* cap a power of two */
    uint64_t missing;
} table;

struct byl_facets {
    unsigned kinds;
    byl_collection *col; /* the searcher's indexes, numbered as one */
    table t[BYL_FACET_COUNT_];
    uint64_t matches;
    int rc;
};

static const char *const kind_names[BYL_FACET_COUNT_] = {"source", "author", "tag", "year"};

int byl_facet_parse(const char *name, size_t len)
{
    for (int k = 0; k < BYL_FACET_COUNT_; k++)
        if (strlen(kind_names[k]) == len && memcmp(kind_names[k], name, len) == 0)
            return k;
    return -1;
}

const char *byl_facet_name(int kind)
{
    return kind >= 0 && kind < BYL_FACET_COUNT_ ? kind_names[kind] : "?";
}

int byl_facets_new(byl_searcher *s, unsigned kinds, byl_facets **out)
{
    *out = NULL;
    byl_facets *f = byl_calloc(1, sizeof *f);
    if (!f)
        return byl_error_set(BYL_ENOMEM, "out of memory for facets");
    f->kinds = kinds;
    size_t nix;
    byl_index *const *ixs = byl_searcher_indexes(s, &nix);
    int rc = byl_collection_new(ixs, nix, &f->col);
    if (rc) {
        byl_facets_free(f);
        return rc == BYL_ENOMEM ? byl_error_set(rc, "out of memory for facets") : rc;
    }
    *out = f;
    return BYL_OK;
}

void byl_facets_free(byl_facets *f)
{
    if (!f)
        return;
    for (int k = 0; k < BYL_FACET_COUNT_; k++) {
        for (size_t i = 0; i < f->t[k].cap; i++)
            byl_free(f->t[k].slots[i].value);
        byl_free(f->t[k].slots);
    }
    byl_collection_free(f->col);
    byl_free(f);
}

static uint64_t hash(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ull; /* FNV-1a */
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
    return h;
}

static int grow(table *t)
{
    size_t ncap = t->cap ? t->cap * 2 : 64;
    entry *ns = byl_calloc(ncap, sizeof *ns);
    if (!ns)
        return byl_error_set(BYL_ENOMEM, "out of memory counting facet values");
    for (size_t i = 0; i < t->cap; i++) {
        entry *e = &t->slots[i];
        if (!e->value)
            continue;
        size_t j = hash(e->value, e->len) & (ncap - 1);
        while (ns[j].value)
            j = (j + 1) & (ncap - 1);
        ns[j] = *e;
    }
    byl_free(t->slots);
    t->slots = ns;
    t->cap = ncap;
    return BYL_OK;
}

/* Counts value (trimmed) once for match number doc; returns 1 when the
 * value was not empty, 0 when it was, or a negative error. */
static int count(table *t, const char *v, size_t n, uint64_t doc)
{
    while (n && (*v == ' ' || *v == '\t' || *v == '\n' || *v == '\r'))
        v++, n--;
    while (n && (v[n - 1] == ' ' || v[n - 1] == '\t' || v[n - 1] == '\n' || v[n - 1] == '\r'))
        n--;
    if (!n)
        return 0;
    if ((t->n + 1) * 4 > t->cap * 3) {
        int rc = grow(t);
        if (rc)
            return rc;
    }
    size_t j = hash(v, n) & (t->cap - 1);
    while (t->slots[j].value && (t->slots[j].len != n || memcmp(t->slots[j].value, v, n) != 0))
        j = (j + 1) & (t->cap - 1);
    entry *e = &t->slots[j];
    if (!e->value) {
        if (!(e->value = byl_strndup(v, n)))
            return byl_error_set(BYL_ENOMEM, "out of memory counting facet values");
        e->len = n;
        t->n++;
    }
    if (e->seen_doc != doc + 1) { /* "A; A" names one author once */
        e->articles++;
        e->seen_doc = doc + 1;
    }
    return 1;
}

/* Counts each part of a list separated by sep (a string). */
static int count_list(table *t, const char *v, size_t n, const char *sep, uint64_t doc)
{
    size_t sl = strlen(sep);
    int any = 0;
    while (n) {
        const char *end = memmem(v, n, sep, sl);
        size_t part = end ? (size_t)(end - v) : n;
        int rc = count(t, v, part, doc);
        if (rc < 0)
            return rc;
        any |= rc;
        if (!end)
            break;
        v += part + sl;
        n -= part + sl;
    }
    if (!any)
        t->missing++;
    return BYL_OK;
}

void byl_facets_match(void *ctx, uint32_t ix, uint32_t seg, uint32_t doc)
{
    byl_facets *f = ctx;
    if (f->rc)
        return;
    uint64_t m = f->matches++;
    byl_segment *sg = byl_collection_segs(f->col)[byl_collection_seg_pos(f->col, ix, seg)].seg;
    int rc = BYL_OK;
    if (f->kinds & (1u << BYL_FACET_YEAR)) {
        int64_t date;
        if ((rc = byl_segment_doc_info(sg, doc, &date, NULL)))
            goto out;
        if (date == BYL_NO_DATE) {
            f->t[BYL_FACET_YEAR].missing++;
        } else {
            int64_t y;
            int mo, d;
            /* days rounded down, without date - 86399, which overflowed at
             * the earliest dates (a year of +292277026596: round 27) */
            int64_t days = date / 86400 - (date % 86400 < 0);
            byl_civil_from_days(days, &y, &mo, &d);
            char buf[16];
            int len = snprintf(buf, sizeof buf, "%04lld", (long long)y);
            if ((rc = count(&f->t[BYL_FACET_YEAR], buf, (size_t)len, m)) > 0)
                rc = BYL_OK;
            if (rc)
                goto out;
        }
    }
    if (f->kinds & ((1u << BYL_FACET_SOURCE) | (1u << BYL_FACET_AUTHOR) | (1u << BYL_FACET_TAG))) {
        byl_stored st;
        if ((rc = byl_segment_stored(sg, doc, &st)))
            goto out;
        if (f->kinds & (1u << BYL_FACET_SOURCE)) {
            /* one source per article: no list splitting */
            if ((rc = count(&f->t[BYL_FACET_SOURCE], st.source, st.source_len, m)) < 0)
                goto out;
            if (rc == 0)
                f->t[BYL_FACET_SOURCE].missing++;
            rc = BYL_OK;
        }
        if ((f->kinds & (1u << BYL_FACET_AUTHOR)) &&
            (rc = count_list(&f->t[BYL_FACET_AUTHOR], st.author, st.author_len, "; ", m)))
            goto out;
        if ((f->kinds & (1u << BYL_FACET_TAG)) &&
            (rc = count_list(&f->t[BYL_FACET_TAG], st.tags, st.tags_len, "\n", m)))
            goto out;
    }
out:
    if (rc)
        f->rc = rc;
}

int byl_facets_finish(byl_facets *f) { return f->rc; }

uint64_t byl_facets_matches(const byl_facets *f) { return f->matches; }

static int cmp_count(const void *pa, const void *pb)
{
    const byl_facet_value *a = pa, *b = pb;
    if (a->articles != b->articles)
        return a->articles > b->articles ? -1 : 1;
    return strcmp(a->value, b->value);
}

/* Years in order as numbers: "-0044" before "0079", "9999" before
 * "10000" (as text "10000" came first). */
static int cmp_year(const void *pa, const void *pb)
{
    const byl_facet_value *a = pa, *b = pb;
    long long x = strtoll(a->value, NULL, 10), y = strtoll(b->value, NULL, 10);
    return x < y ? -1 : x > y;
}

int byl_facets_top(const byl_facets *f, int kind, size_t k, byl_facet_value **out, size_t *n,
                   uint64_t *distinct, uint64_t *missing)
{
    *out = NULL;
    *n = 0;
    if (kind < 0 || kind >= BYL_FACET_COUNT_ || !(f->kinds & (1u << kind)))
        return byl_error_set(BYL_EINVAL, "facet %s was not counted", byl_facet_name(kind));
    const table *t = &f->t[kind];
    byl_facet_value *v = byl_malloc((t->n ? t->n : 1) * sizeof *v);
    if (!v)
        return byl_error_set(BYL_ENOMEM, "out of memory sorting facet values");
    size_t m = 0;
    for (size_t i = 0; i < t->cap; i++)
        if (t->slots[i].value) {
            v[m].value = t->slots[i].value;
            v[m++].articles = t->slots[i].articles;
        }
    if (kind == BYL_FACET_YEAR && !k) {
        qsort(v, m, sizeof *v, cmp_year); /* years in order */
    } else {
        qsort(v, m, sizeof *v, cmp_count);
        if (k && m > k)
            m = k;
    }
    *out = v;
    *n = m;
    *distinct = t->n;
    *missing = t->missing;
    return BYL_OK;
}
