/*
 * prf.c - the relevance model of pseudo-relevance feedback (prf.h): term
 * counts of the feedback documents folded into P(w|R), and the best terms.
 *
 * Terms live in one open-addressing table keyed by (field, term), their
 * bytes in one growing pool; a term remembers the last document that
 * counted it, so a document's P(w|D) is folded in when it ends without a
 * second table.  Ten news articles give a few thousand distinct terms: the
 * table is small and reused from query to query.
 *
 * Not for: choosing the feedback documents or rewriting the query
 * (search.c).
 */
#include "query/prf.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/err.h"
#include "util/mem.h"

typedef struct entry {
    uint32_t off, len;   /* term bytes in pool */
    uint32_t hash;
    int field;
    uint32_t last_doc;   /* 1-based number of the last document that counted it */
    uint32_t doc_tf;     /* its count in that document */
    double acc;          /* P(w|R) so far */
} entry;

struct byl_prf {
    byl_analyzer *an;    /* borrowed */
    uint32_t *slots;     /* 0: empty, else entry index + 1 */
    size_t nslots;
    entry *ents;
    size_t nents, ents_cap;
    char *pool;
    size_t pool_len, pool_cap;
    uint32_t *touched;   /* entries counted by the current document */
    size_t ntouched, touched_cap;
    uint32_t ndoc;       /* documents added since the reset */
    byl_prf_term *out;
    size_t out_cap;
};

int byl_prf_new(byl_analyzer *an, byl_prf **out)
{
    *out = NULL;
    byl_prf *p = byl_calloc(1, sizeof *p);
    if (!p)
        return byl_error_set(BYL_ENOMEM, "out of memory for feedback");
    p->an = an;
    *out = p;
    return BYL_OK;
}

void byl_prf_free(byl_prf *p)
{
    if (!p)
        return;
    byl_free(p->slots);
    byl_free(p->ents);
    byl_free(p->pool);
    byl_free(p->touched);
    byl_free(p->out);
    byl_free(p);
}

void byl_prf_reset(byl_prf *p)
{
    if (p->slots)
        memset(p->slots, 0, p->nslots * sizeof *p->slots);
    p->nents = 0;
    p->pool_len = 0;
    p->ntouched = 0;
    p->ndoc = 0;
}

static uint32_t hash_term(int field, const char *t, size_t n)
{
    uint32_t h = 2166136261u ^ (uint32_t)field; /* FNV-1a */
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)t[i]) * 16777619u;
    return h;
}

static int grow(void **buf, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return BYL_OK;
    size_t n = *cap ? *cap : 64;
    while (n < need)
        n *= 2;
    void *b = byl_realloc(*buf, n * size);
    if (!b)
        return byl_error_set(BYL_ENOMEM, "out of memory for feedback");
    *buf = b;
    *cap = n;
    return BYL_OK;
}

/* Doubles the slot table (or makes the first one) and re-inserts. */
static int rehash(byl_prf *p)
{
    size_t n = p->nslots ? p->nslots * 2 : 1024;
    uint32_t *s = byl_calloc(n, sizeof *s);
    if (!s)
        return byl_error_set(BYL_ENOMEM, "out of memory for feedback");
    for (size_t i = 0; i < p->nents; i++) {
        size_t j = p->ents[i].hash & (n - 1);
        while (s[j])
            j = (j + 1) & (n - 1);
        s[j] = (uint32_t)i + 1;
    }
    byl_free(p->slots);
    p->slots = s;
    p->nslots = n;
    return BYL_OK;
}

/* Counts one occurrence of (field, term) in the current document. */
static int count(byl_prf *p, int field, const char *t, size_t n)
{
    if (2 * (p->nents + 1) > p->nslots && rehash(p))
        return BYL_ENOMEM;
    uint32_t h = hash_term(field, t, n);
    size_t j = h & (p->nslots - 1);
    for (; p->slots[j]; j = (j + 1) & (p->nslots - 1)) {
        entry *e = &p->ents[p->slots[j] - 1];
        if (e->hash == h && e->field == field && e->len == n &&
            memcmp(p->pool + e->off, t, n) == 0)
            break;
    }
    entry *e;
    if (p->slots[j]) {
        e = &p->ents[p->slots[j] - 1];
    } else {
        if (grow((void **)&p->ents, &p->ents_cap, p->nents + 1, sizeof *p->ents) ||
            grow((void **)&p->pool, &p->pool_cap, p->pool_len + n + 1, 1))
            return BYL_ENOMEM;
        e = &p->ents[p->nents];
        memset(e, 0, sizeof *e);
        e->off = (uint32_t)p->pool_len;
        e->len = (uint32_t)n;
        e->hash = h;
        e->field = field;
        memcpy(p->pool + p->pool_len, t, n);
        p->pool[p->pool_len + n] = '\0';
        p->pool_len += n + 1;
        p->slots[j] = (uint32_t)++p->nents;
    }
    if (e->last_doc != p->ndoc) {
        if (grow((void **)&p->touched, &p->touched_cap, p->ntouched + 1, sizeof *p->touched))
            return BYL_ENOMEM;
        p->touched[p->ntouched++] = (uint32_t)(e - p->ents);
        e->last_doc = p->ndoc;
        e->doc_tf = 0;
    }
    e->doc_tf++;
    return BYL_OK;
}

/* Counts the terms of text; *len gets the number of positions. */
static int count_text(byl_prf *p, const char *text, size_t n, uint64_t *len)
{
    if (!n)
        return BYL_OK;
    const byl_token *tok;
    size_t nt;
    const char *terms;
    int rc = byl_analyze(p->an, text, n, BYL_AN_INDEX, &tok, &nt, &terms);
    if (rc)
        return rc;
    for (size_t i = 0; i < nt; i++) {
        const byl_token *t = &tok[i];
        if (!(t->flags & BYL_TOKF_STACKED))
            (*len)++;
        if (t->kind == BYL_TOK_NUMBER || t->kind == BYL_TOK_OTHER || !t->term_len ||
            t->term_len + 1 >= BYL_MAX_KEY)
            continue;
        int field = t->kind == BYL_TOK_ENTITY ? BYL_F_NAME : BYL_F_TEXT;
        if ((rc = count(p, field, terms + t->term_off, t->term_len)))
            return rc;
    }
    return BYL_OK;
}

int byl_prf_add(byl_prf *p, const char *title, size_t title_len, const char *body,
                size_t body_len, double w)
{
    p->ndoc++;
    p->ntouched = 0;
    uint64_t len = 0;
    int rc = count_text(p, title, title_len, &len);
    if (!rc)
        rc = count_text(p, body, body_len, &len);
    if (rc)
        return rc;
    for (size_t i = 0; i < p->ntouched && len; i++) {
        entry *e = &p->ents[p->touched[i]];
        e->acc += w * (double)e->doc_tf / (double)len;
    }
    return BYL_OK;
}

static int by_weight(const void *a, const void *b)
{
    const byl_prf_term *x = a, *y = b;
    if (x->weight != y->weight)
        return x->weight > y->weight ? -1 : 1;
    if (x->field != y->field)
        return x->field < y->field ? -1 : 1;
    return strcmp(x->term, y->term);
}

int byl_prf_select(byl_prf *p, size_t n, byl_prf_keep keep, void *ctx,
                   const byl_prf_term **out, size_t *nout)
{
    *out = NULL;
    *nout = 0;
    if (!n || !p->nents)
        return BYL_OK;
    if (grow((void **)&p->out, &p->out_cap, p->nents, sizeof *p->out))
        return BYL_ENOMEM;
    size_t m = 0;
    for (size_t i = 0; i < p->nents; i++) {
        const entry *e = &p->ents[i];
        if (e->acc <= 0)
            continue;
        byl_prf_term *t = &p->out[m++];
        t->field = e->field;
        t->len = e->len;
        memcpy(t->term, p->pool + e->off, e->len + 1);
        t->weight = e->acc;
    }
    qsort(p->out, m, sizeof *p->out, by_weight);
    /* the first n that keep accepts, in order */
    size_t k = 0;
    double sum = 0;
    for (size_t i = 0; i < m && k < n; i++) {
        if (keep && !keep(ctx, p->out[i].field, p->out[i].term, p->out[i].len))
            continue;
        if (k != i)
            p->out[k] = p->out[i];
        sum += p->out[k++].weight;
    }
    for (size_t i = 0; i < k && sum > 0; i++)
        p->out[i].weight /= sum;
    *out = p->out;
    *nout = k;
    return BYL_OK;
}
