/*
 * qstats.c - a query's collection statistics (qstats.h): two tables kept
 * in key order (terms with their df; prefixes with their expansions), the
 * sums of merging, and the checked blob they travel in.
 *
 * A query looks up tens of keys, a prefix a few hundred, so sorted arrays
 * with binary search serve; insertion moves entries, which costs nothing
 * at those sizes.
 *
 * Not for: deciding which keys a query needs (plan.c, rewrite.c).
 */
#include "query/qstats.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc/reader.h"
#include "util/bytes.h"
#include "util/checked.h"
#include "util/err.h"
#include "util/mem.h"

typedef struct qterm_df {
    byl_qkey k;
    uint64_t df;
} qterm_df;

typedef struct qprefix {
    byl_qkey pre;
    byl_qkey *keys;
    size_t n;
} qprefix;

struct byl_qstats {
    uint64_t ndocs, ndeleted;
    uint32_t title_weight;
    uint64_t total_len[BYL_NFIELDS];
    int64_t min_date, max_date;
    qterm_df *terms;
    size_t nterms, terms_cap;
    qprefix *pres;
    size_t npres, pres_cap;
};

static const byl_checked_kind KIND = {.magic = "BYLQSTAT", .min_version = BYL_QSTATS_VERSION,
                                      .max_version = BYL_QSTATS_VERSION, .min_body = 0,
                                      .what = "query statistics blob"};

static int key_cmp(const uint8_t *a, size_t al, const uint8_t *b, size_t bl)
{
    int c = memcmp(a, b, al < bl ? al : bl);
    if (c)
        return c;
    return al < bl ? -1 : al > bl;
}

int byl_qstats_new(byl_qstats **out)
{
    *out = byl_calloc(1, sizeof **out);
    if (!*out)
        return byl_error_set(BYL_ENOMEM, "out of memory");
    byl_qstats_clear(*out);
    return BYL_OK;
}

void byl_qstats_free(byl_qstats *q)
{
    if (!q)
        return;
    for (size_t i = 0; i < q->npres; i++)
        byl_free(q->pres[i].keys);
    byl_free(q->pres);
    byl_free(q->terms);
    byl_free(q);
}

void byl_qstats_clear(byl_qstats *q)
{
    for (size_t i = 0; i < q->npres; i++)
        byl_free(q->pres[i].keys);
    q->npres = 0;
    q->nterms = 0;
    q->ndocs = q->ndeleted = 0;
    q->title_weight = 0;
    memset(q->total_len, 0, sizeof q->total_len);
    q->min_date = q->max_date = BYL_NO_DATE;
}

void byl_qstats_set_collection(byl_qstats *q, const byl_segstats *st)
{
    q->ndocs = st->ndocs;
    q->ndeleted = st->ndeleted;
    q->title_weight = st->title_weight;
    memcpy(q->total_len, st->total_len, sizeof q->total_len);
    q->min_date = st->min_date;
    q->max_date = st->max_date;
}

uint64_t byl_qstats_nlive(const byl_qstats *q)
{
    return q->ndocs >= q->ndeleted ? q->ndocs - q->ndeleted : 0;
}

int byl_qstats_segstats(const byl_qstats *q, byl_segstats *out)
{
    uint64_t live = byl_qstats_nlive(q);
    if (live >= UINT32_MAX)
        return byl_error_set(BYL_ELIMIT, "query statistics of %llu live articles: a search "
                             "numbers fewer than 2^32 - 1", (unsigned long long)live);
    memset(out, 0, sizeof *out);
    out->ndocs = (uint32_t)live;
    out->ndeleted = 0;
    out->title_weight = q->title_weight;
    memcpy(out->total_len, q->total_len, sizeof out->total_len);
    out->min_date = q->min_date;
    out->max_date = q->max_date;
    return BYL_OK;
}

/* Position of key in q->terms, or where it would go (*found 0). */
static size_t term_pos(const byl_qstats *q, const uint8_t *key, size_t keylen, int *found)
{
    size_t lo = 0, hi = q->nterms;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = key_cmp(q->terms[mid].k.key, q->terms[mid].k.keylen, key, keylen);
        if (c == 0) {
            *found = 1;
            return mid;
        }
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    *found = 0;
    return lo;
}

/* Adds df to key's entry, made with df 0 if absent (sum) or leaves a
 * present one (first). */
static int term_add(byl_qstats *q, const uint8_t *key, size_t keylen, uint64_t df, int sum)
{
    if (!keylen || keylen > BYL_MAX_KEY)
        return byl_error_set(BYL_EINVAL, "query statistics: key of %zu bytes", keylen);
    int found;
    size_t at = term_pos(q, key, keylen, &found);
    if (found) {
        if (sum)
            q->terms[at].df += df;
        return BYL_OK;
    }
    if (q->nterms == q->terms_cap) {
        size_t cap = q->terms_cap ? q->terms_cap * 2 : 32;
        qterm_df *t = byl_realloc(q->terms, cap * sizeof *t);
        if (!t)
            return byl_error_set(BYL_ENOMEM, "out of memory for query statistics");
        q->terms = t;
        q->terms_cap = cap;
    }
    memmove(q->terms + at + 1, q->terms + at, (q->nterms - at) * sizeof *q->terms);
    memcpy(q->terms[at].k.key, key, keylen);
    q->terms[at].k.keylen = keylen;
    q->terms[at].df = df;
    q->nterms++;
    return BYL_OK;
}

int byl_qstats_note_df(byl_qstats *q, const uint8_t *key, size_t keylen, uint64_t df)
{
    return term_add(q, key, keylen, df, 0);
}

int byl_qstats_df(const byl_qstats *q, const uint8_t *key, size_t keylen, uint64_t *df)
{
    int found;
    size_t at = term_pos(q, key, keylen, &found);
    if (!found)
        return BYL_ENOTFOUND;
    *df = q->terms[at].df;
    return BYL_OK;
}

static qprefix *prefix_find(const byl_qstats *q, const uint8_t *pre, size_t prelen, size_t *pos)
{
    size_t lo = 0, hi = q->npres;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = key_cmp(q->pres[mid].pre.key, q->pres[mid].pre.keylen, pre, prelen);
        if (c == 0) {
            *pos = mid;
            return &q->pres[mid];
        }
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    *pos = lo;
    return NULL;
}

static int qkey_cmp(const void *a, const void *b)
{
    const byl_qkey *x = a, *y = b;
    return key_cmp(x->key, x->keylen, y->key, y->keylen);
}

int byl_qstats_note_prefix(byl_qstats *q, const uint8_t *pre, size_t prelen,
                           const byl_qkey *keys, size_t n)
{
    if (!prelen || prelen > BYL_MAX_KEY)
        return byl_error_set(BYL_EINVAL, "query statistics: prefix of %zu bytes", prelen);
    size_t at;
    qprefix *p = prefix_find(q, pre, prelen, &at);
    if (!p) {
        if (q->npres == q->pres_cap) {
            size_t cap = q->pres_cap ? q->pres_cap * 2 : 4;
            qprefix *t = byl_realloc(q->pres, cap * sizeof *t);
            if (!t)
                return byl_error_set(BYL_ENOMEM, "out of memory for query statistics");
            q->pres = t;
            q->pres_cap = cap;
        }
        memmove(q->pres + at + 1, q->pres + at, (q->npres - at) * sizeof *q->pres);
        p = &q->pres[at];
        memset(p, 0, sizeof *p);
        memcpy(p->pre.key, pre, prelen);
        p->pre.keylen = prelen;
        q->npres++;
    }
    if (!n)
        return BYL_OK;
    /* the union, sorted, without repeats, cut to the first MAX */
    byl_qkey *u = byl_malloc((p->n + n) * sizeof *u);
    if (!u)
        return byl_error_set(BYL_ENOMEM, "out of memory for query statistics");
    if (p->n)
        memcpy(u, p->keys, p->n * sizeof *u);
    size_t m = p->n;
    for (size_t i = 0; i < n; i++) {
        if (!keys[i].keylen || keys[i].keylen > BYL_MAX_KEY) {
            byl_free(u);
            return byl_error_set(BYL_EINVAL, "query statistics: key of %zu bytes", keys[i].keylen);
        }
        u[m++] = keys[i];
    }
    qsort(u, m, sizeof *u, qkey_cmp);
    size_t w = 0;
    for (size_t i = 0; i < m && w < BYL_QSTATS_MAX_PREFIX; i++)
        if (!w || qkey_cmp(&u[w - 1], &u[i]) != 0)
            u[w++] = u[i];
    byl_free(p->keys);
    p->keys = u;
    p->n = w;
    return BYL_OK;
}

int byl_qstats_prefix(const byl_qstats *q, const uint8_t *pre, size_t prelen,
                      const byl_qkey **keys, size_t *n)
{
    size_t at;
    const qprefix *p = prefix_find(q, pre, prelen, &at);
    if (!p)
        return BYL_ENOTFOUND;
    *keys = p->keys;
    *n = p->n;
    return BYL_OK;
}

int byl_qstats_add(byl_qstats *q, const byl_qstats *from)
{
    if (q->ndocs && from->ndocs && q->title_weight != from->title_weight)
        return byl_error_set(BYL_EINVAL, "query statistics of indexes built with title weights "
                             "%u and %u cannot be merged (their text lengths do not add up)",
                             q->title_weight, from->title_weight);
    if (!q->ndocs)
        q->title_weight = from->title_weight;
    q->ndocs += from->ndocs;
    q->ndeleted += from->ndeleted;
    for (int f = 0; f < BYL_NFIELDS; f++)
        q->total_len[f] += from->total_len[f];
    if (from->min_date != BYL_NO_DATE && (q->min_date == BYL_NO_DATE || from->min_date < q->min_date))
        q->min_date = from->min_date;
    if (from->max_date != BYL_NO_DATE && (q->max_date == BYL_NO_DATE || from->max_date > q->max_date))
        q->max_date = from->max_date;
    for (size_t i = 0; i < from->nterms; i++) {
        int rc = term_add(q, from->terms[i].k.key, from->terms[i].k.keylen, from->terms[i].df, 1);
        if (rc)
            return rc;
    }
    for (size_t i = 0; i < from->npres; i++) {
        const qprefix *p = &from->pres[i];
        int rc = byl_qstats_note_prefix(q, p->pre.key, p->pre.keylen, p->keys, p->n);
        if (rc)
            return rc;
    }
    return BYL_OK;
}

static void put_key(byl_buf *b, const byl_qkey *k)
{
    byl_buf_put_vbyte(b, k->keylen);
    byl_buf_put(b, k->key, k->keylen);
}

int byl_qstats_write(const byl_qstats *q, byl_buf *out)
{
    out->len = 0;
    out->failed = 0;
    byl_checked_begin(out, KIND.magic, BYL_QSTATS_VERSION);
    byl_buf_put_u64(out, q->ndocs);
    byl_buf_put_u64(out, q->ndeleted);
    byl_buf_put_u32(out, q->title_weight);
    byl_buf_put_u32(out, BYL_NFIELDS);
    for (int f = 0; f < BYL_NFIELDS; f++)
        byl_buf_put_u64(out, q->total_len[f]);
    byl_buf_put_u64(out, (uint64_t)q->min_date);
    byl_buf_put_u64(out, (uint64_t)q->max_date);
    byl_buf_put_vbyte(out, q->nterms);
    for (size_t i = 0; i < q->nterms; i++) {
        put_key(out, &q->terms[i].k);
        byl_buf_put_vbyte(out, q->terms[i].df);
    }
    byl_buf_put_vbyte(out, q->npres);
    for (size_t i = 0; i < q->npres; i++) {
        put_key(out, &q->pres[i].pre);
        byl_buf_put_vbyte(out, q->pres[i].n);
        for (size_t j = 0; j < q->pres[i].n; j++)
            put_key(out, &q->pres[i].keys[j]);
    }
    return byl_checked_seal(out);
}

/* A bounded reader over a blob's body: every read checks the end and
 * names the offset it failed at. */
typedef struct rd {
    const uint8_t *base, *p, *end;
} rd;

static int bad(const rd *r, const char *why)
{
    return byl_error_set(BYL_ECORRUPT, "query statistics blob: %s at offset %zu", why,
                         (size_t)(r->p - r->base));
}

static int rd_fixed(rd *r, size_t n, const uint8_t **out, const char *what)
{
    if ((size_t)(r->end - r->p) < n)
        return bad(r, what);
    *out = r->p;
    r->p += n;
    return BYL_OK;
}

static int rd_vbyte(rd *r, uint64_t *v, const char *what)
{
    if (byl_vbyte_get(&r->p, r->end, v))
        return bad(r, what);
    return BYL_OK;
}

static int rd_key(rd *r, byl_qkey *k)
{
    uint64_t n;
    const uint8_t *p = NULL;
    if (rd_vbyte(r, &n, "truncated key length"))
        return BYL_ECORRUPT;
    if (n == 0 || n > BYL_MAX_KEY)
        return bad(r, "key length out of range");
    if (rd_fixed(r, (size_t)n, &p, "truncated key"))
        return BYL_ECORRUPT;
    memcpy(k->key, p, (size_t)n);
    k->keylen = (size_t)n;
    return BYL_OK;
}

static int parse_body(rd *r, byl_qstats *q)
{
    const uint8_t *p = NULL;
    if (rd_fixed(r, 8 + 8 + 4 + 4, &p, "truncated counts"))
        return BYL_ECORRUPT;
    q->ndocs = byl_get_u64(p);
    q->ndeleted = byl_get_u64(p + 8);
    q->title_weight = byl_get_u32(p + 16);
    if (byl_get_u32(p + 20) != BYL_NFIELDS)
        return bad(r, "wrong number of fields");
    if (q->ndeleted > q->ndocs)
        return bad(r, "more deleted articles than articles");
    if (rd_fixed(r, 8 * BYL_NFIELDS + 16, &p, "truncated lengths"))
        return BYL_ECORRUPT;
    for (int f = 0; f < BYL_NFIELDS; f++)
        q->total_len[f] = byl_get_u64(p + 8 * f);
    q->min_date = (int64_t)byl_get_u64(p + 8 * BYL_NFIELDS);
    q->max_date = (int64_t)byl_get_u64(p + 8 * BYL_NFIELDS + 8);
    uint64_t n;
    if (rd_vbyte(r, &n, "truncated term count"))
        return BYL_ECORRUPT;
    if (n > (uint64_t)(r->end - r->p) / 3) /* a term takes 3 bytes at least */
        return bad(r, "term count larger than the blob");
    byl_qkey k, last = {.keylen = 0};
    for (uint64_t i = 0; i < n; i++) {
        uint64_t df;
        if (rd_key(r, &k) || rd_vbyte(r, &df, "truncated df"))
            return BYL_ECORRUPT;
        if (i && qkey_cmp(&last, &k) >= 0)
            return bad(r, "terms out of order");
        if (df > byl_qstats_nlive(q))
            return bad(r, "df larger than the live articles");
        int rc = term_add(q, k.key, k.keylen, df, 0);
        if (rc)
            return rc;
        last = k;
    }
    if (rd_vbyte(r, &n, "truncated prefix count"))
        return BYL_ECORRUPT;
    if (n > (uint64_t)(r->end - r->p) / 3)
        return bad(r, "prefix count larger than the blob");
    byl_qkey *keys = byl_malloc(BYL_QSTATS_MAX_PREFIX * sizeof *keys);
    if (!keys)
        return byl_error_set(BYL_ENOMEM, "out of memory for query statistics");
    int rc = BYL_OK;
    last.keylen = 0;
    for (uint64_t i = 0; i < n && !rc; i++) {
        uint64_t nk;
        byl_qkey pre;
        if (rd_key(r, &pre) || rd_vbyte(r, &nk, "truncated expansion size")) {
            rc = BYL_ECORRUPT;
            break;
        }
        if (i && qkey_cmp(&last, &pre) >= 0) {
            rc = bad(r, "prefixes out of order");
            break;
        }
        if (nk > BYL_QSTATS_MAX_PREFIX) {
            rc = bad(r, "expansion longer than the limit");
            break;
        }
        for (uint64_t j = 0; j < nk && !rc; j++) {
            if (rd_key(r, &keys[j]))
                rc = BYL_ECORRUPT;
            else if (j && qkey_cmp(&keys[j - 1], &keys[j]) >= 0)
                rc = bad(r, "expansion out of order");
        }
        if (!rc)
            rc = byl_qstats_note_prefix(q, pre.key, pre.keylen, keys, (size_t)nk);
        last = pre;
    }
    byl_free(keys);
    if (!rc && r->p != r->end)
        rc = bad(r, "bytes after the end");
    return rc;
}

int byl_qstats_parse(const uint8_t *blob, size_t len, byl_qstats **out)
{
    *out = NULL;
    const uint8_t *body;
    size_t blen;
    int rc = byl_checked_verify(blob, len, &KIND, "query statistics", NULL, &body, &blen);
    if (rc)
        return rc;
    byl_qstats *q;
    if ((rc = byl_qstats_new(&q)))
        return rc;
    rd r = {.base = blob, .p = body, .end = body + blen};
    rc = parse_body(&r, q);
    if (rc) {
        byl_qstats_free(q);
        return rc;
    }
    *out = q;
    return BYL_OK;
}

int byl_qstats_merge(const uint8_t *const *blobs, const size_t *lens, size_t n, byl_buf *out)
{
    byl_qstats *sum, *one;
    int rc = byl_qstats_new(&sum);
    if (rc)
        return rc;
    for (size_t i = 0; i < n && !rc; i++) {
        rc = byl_qstats_parse(blobs[i], lens[i], &one);
        if (rc) {
            char msg[512];
            snprintf(msg, sizeof msg, "%s", byl_error_msg());
            rc = byl_error_set(rc, "blob %zu of %zu: %s", i, n, msg);
            break;
        }
        rc = byl_qstats_add(sum, one);
        byl_qstats_free(one);
    }
    if (!rc)
        rc = byl_qstats_write(sum, out);
    byl_qstats_free(sum);
    return rc;
}
