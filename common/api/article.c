/*
 * article.c - articles by id: byline_article_get (the stored article) and
 * byline_similar (its near-duplicates), both found through the id term of
 * every segment, the newest segment first.
 *
 * Not for: articles found by a query (search.c).
 */
#include <stdlib.h>
#include <string.h>

#include "api/_api.h"
#include "doc/reader.h"
#include "index/fingerprint.h"
#include "index/idkey.h"
#include "index/segwriter.h"
#include "util/err.h"

/* Newest segment first: an older version of a replaced article is deleted
 * anyway, and the newest holding a live one is where it is. */
int byl_api_find(byline_searcher *s, const char *id, size_t len, uint32_t *ix, uint32_t *seg,
                 uint32_t *doc)
{
    uint8_t key[BYL_MAX_KEY];
    size_t keylen = len ? byl_idkey(id, len, key) : 0;
    for (size_t i = 0; i < s->c->n && keylen; i++)
        for (size_t j = byl_index_nsegments(s->ix[i]); j-- > 0;) {
            byl_segment *sg = byl_index_segment(s->ix[i], j);
            byl_terminfo ti;
            int rc = byl_segment_lookup(sg, key, keylen, &ti);
            if (rc == BYL_ENOTFOUND)
                continue;
            byl_cursor c;
            if (!rc)
                byl_cursor_init(&c, sg, &ti);
            /* under a hashed key (a long id), the stored id decides */
            while (!rc && !(rc = c.err) && c.doc != BYL_END && byl_idkey_is_hashed(len)) {
                const char *got;
                size_t glen;
                if ((rc = byl_segment_doc_id(sg, c.doc, &got, &glen)) == BYL_OK &&
                    glen == len && memcmp(got, id, len) == 0)
                    break;
                byl_cursor_next(&c);
            }
            if (rc)
                return rc;
            if (c.doc == BYL_END)
                continue; /* deleted or replaced */
            *ix = (uint32_t)i;
            *seg = (uint32_t)j;
            *doc = c.doc;
            return BYL_OK;
        }
    return byl_error_set(BYL_ENOTFOUND, "no article with id %.*s", (int)(len > 200 ? 200 : len),
                         id ? id : "");
}

static char *put(char *p, const char *src, size_t n, const char **dst, size_t *dlen)
{
    if (n)
        memcpy(p, src, n);
    p[n] = '\0';
    *dst = p;
    *dlen = n;
    return p + n + 1;
}

int byl_api_article_copy(const byl_stored *st, byline_article **out)
{
    size_t need = sizeof(byline_article) + st->id_len + st->title_len + st->body_len +
                  st->author_len + st->source_len + st->url_len + st->tags_len + 7;
    byline_article *a = byl_malloc(need);
    if (!a)
        return byl_error_set(BYL_ENOMEM, "out of memory for an article of %zu bytes", need);
    char *p = (char *)(a + 1);
    p = put(p, st->id, st->id_len, &a->id, &a->id_len);
    p = put(p, st->title, st->title_len, &a->title, &a->title_len);
    p = put(p, st->body, st->body_len, &a->body, &a->body_len);
    p = put(p, st->author, st->author_len, &a->author, &a->author_len);
    p = put(p, st->source, st->source_len, &a->source, &a->source_len);
    p = put(p, st->url, st->url_len, &a->url, &a->url_len);
    put(p, st->tags, st->tags_len, &a->tags, &a->tags_len);
    a->date = st->date;
    *out = a;
    return BYL_OK;
}

int byline_article_get(byline_searcher *s, const char *id, size_t id_len, byline_article **out)
{
    if (!out)
        return byl_error_set(BYL_EINVAL, "byline_article_get: out is NULL");
    *out = NULL;
    if (!s || (!id && id_len))
        return byl_error_set(BYL_EINVAL, "byline_article_get: NULL argument");
    uint32_t ix, seg, doc;
    byl_stored st;
    int rc = byl_api_find(s, id, id_len, &ix, &seg, &doc);
    if (!rc)
        rc = byl_segment_stored(byl_index_segment(s->ix[ix], seg), doc, &st);
    return rc ? rc : byl_api_article_copy(&st, out);
}

typedef struct member {
    uint64_t gdoc;
    int64_t date; /* INT64_MAX when undated */
    uint32_t ix, seg, doc;
} member;

static int cmp_members(const void *pa, const void *pb)
{
    const member *x = pa, *y = pb;
    if (x->date != y->date)
        return x->date < y->date ? -1 : 1;
    return x->gdoc < y->gdoc ? -1 : x->gdoc > y->gdoc;
}

int byline_similar(byline_searcher *s, const char *id, size_t id_len, byline_similar_article **out,
                   size_t *n)
{
    if (out)
        *out = NULL;
    if (n)
        *n = 0;
    if (!s || !out || !n || (!id && id_len))
        return byl_error_set(BYL_EINVAL, "byline_similar: NULL argument");
    byl_api_reset_hits(s);
    uint32_t ix0, seg0, doc0;
    const uint8_t *fp0;
    byl_clusters *cl;
    int rc = byl_api_find(s, id, id_len, &ix0, &seg0, &doc0);
    if (!rc)
        rc = byl_segment_fingerprint(byl_index_segment(s->ix[ix0], seg0), doc0, &fp0);
    if (!rc)
        rc = byl_api_clusters(s, &cl);
    if (rc)
        return rc;
    uint64_t gdoc0 = byl_index_base(s->ix[ix0], seg0) + doc0;
    for (uint32_t i = 0; i < ix0; i++)
        gdoc0 += byl_index_stats(s->ix[i])->ndocs;
    uint64_t *g;
    size_t ng;
    if ((rc = byl_clusters_members(cl, gdoc0, &g, &ng)))
        return rc;
    member *m = byl_malloc((ng ? ng : 1) * sizeof *m);
    if (!m) {
        byl_free(g);
        return byl_error_set(BYL_ENOMEM, "out of memory");
    }
    for (size_t i = 0; i < ng && !rc; i++) {
        byl_clusters_locate(cl, g[i], &m[i].ix, &m[i].seg, &m[i].doc);
        m[i].gdoc = g[i];
        rc = byl_segment_doc_info(byl_index_segment(s->ix[m[i].ix], m[i].seg), m[i].doc,
                                  &m[i].date, NULL);
        if (!rc && m[i].date == BYL_NO_DATE)
            m[i].date = INT64_MAX;
    }
    byl_free(g);
    if (!rc)
        qsort(m, ng, sizeof *m, cmp_members);
    /* two passes over the stored articles: sizes, then copies into one
     * block (the segment reader keeps only its last inflated block) */
    size_t need = ng * sizeof(byline_similar_article);
    for (int pass = 0; pass < 2 && !rc; pass++) {
        char *p = pass ? (char *)(*out + ng) : NULL;
        if (pass && !(*out = byl_malloc(need ? need : 1))) {
            rc = byl_error_set(BYL_ENOMEM, "out of memory");
            break;
        }
        if (pass)
            p = (char *)(*out + ng);
        for (size_t i = 0; i < ng && !rc; i++) {
            byl_segment *sg = byl_index_segment(s->ix[m[i].ix], m[i].seg);
            byl_stored st;
            const uint8_t *fp;
            if ((rc = byl_segment_fingerprint(sg, m[i].doc, &fp)) ||
                (rc = byl_segment_stored(sg, m[i].doc, &st)))
                break;
            if (!pass) {
                need += st.id_len + st.title_len + st.source_len + st.url_len + 4;
                continue;
            }
            byline_similar_article *a = &(*out)[i];
            memset(a, 0, sizeof *a);
            p = put(p, st.id, st.id_len, &a->id, &a->id_len);
            p = put(p, st.title, st.title_len, &a->title, &a->title_len);
            p = put(p, st.source, st.source_len, &a->source, &a->source_len);
            p = put(p, st.url, st.url_len, &a->url, &a->url_len);
            a->date = st.date;
            a->doc = m[i].gdoc;
            a->self = m[i].gdoc == gdoc0;
            byl_fp_similarity(fp0, fp, &a->resemblance, &a->containment);
        }
    }
    byl_free(m);
    if (rc) {
        byl_free(*out);
        *out = NULL;
        return rc;
    }
    *n = ng;
    return BYL_OK;
}
