/*
 * proximity.c - the BM25TP term-pair bonus (proximity.h) over the best
 * hits of a search, read from the positions the index keeps.
 *
 * Each hit reads the positions of every query term in its document through
 * a fresh cursor (hits come in rank order, cursors only move forward); a
 * term is looked up once per segment.  With n hits and t terms that is n x
 * t cursor seeks and t^2 / 2 merges of two sorted position lists per hit:
 * cheap for the hundred or so documents a page is chosen from, and never a
 * pass over a whole postings list.
 *
 * Not for: ranking whole collections (search.c).
 */
#include "query/proximity.h"

#include <stdlib.h>
#include <string.h>

#include "index/segment.h"
#include "util/err.h"
#include "util/mem.h"

#define MAX_TERMS 16

typedef struct pterm {
    uint8_t key[BYL_MAX_KEY];
    size_t keylen;
    double idf;
    uint32_t *pos;         /* positions in the current document */
    size_t npos, cap;
} pterm;

/* sum of 1/d^2 over pairs of positions of a and b at most the window apart */
static double pair_tpi(const pterm *a, const pterm *b)
{
    double tpi = 0;
    size_t j0 = 0;
    for (size_t i = 0; i < a->npos; i++) {
        uint32_t p = a->pos[i];
        while (j0 < b->npos && b->pos[j0] + BYL_PROX_WINDOW < p)
            j0++;
        for (size_t j = j0; j < b->npos && b->pos[j] <= p + BYL_PROX_WINDOW; j++) {
            uint32_t d = b->pos[j] > p ? b->pos[j] - p : p - b->pos[j];
            if (d)
                tpi += 1.0 / ((double)d * (double)d);
        }
    }
    return tpi;
}

/* Positions of t in doc of seg into t->pos (none if it does not occur). */
static int read_positions(byl_segment *seg, pterm *t, uint32_t doc)
{
    t->npos = 0;
    byl_terminfo ti;
    int rc = byl_segment_lookup(seg, t->key, t->keylen, &ti);
    if (rc == BYL_ENOTFOUND)
        return BYL_OK;
    if (rc)
        return rc;
    byl_cursor cur;
    byl_cursor_init(&cur, seg, &ti);
    if (byl_cursor_next_geq(&cur, doc) != doc)
        return cur.err ? byl_error_set(BYL_ECORRUPT, "damaged postings") : BYL_OK;
    for (;;) {
        long n = byl_cursor_positions(&cur, t->pos, t->cap);
        if (n < 0)
            return byl_error_set(BYL_ECORRUPT, "damaged positions");
        if ((size_t)n <= t->cap) {
            t->npos = (size_t)n;
            return BYL_OK;
        }
        uint32_t *p = byl_realloc(t->pos, (size_t)n * sizeof *p);
        if (!p)
            return byl_error_set(BYL_ENOMEM, "out of memory reading positions");
        t->pos = p;
        t->cap = (size_t)n;
    }
}

static int by_score(const void *x, const void *y)
{
    const byl_hit *a = x, *b = y;
    if (a->score != b->score)
        return a->score > b->score ? -1 : 1;
    return a->gdoc < b->gdoc ? -1 : a->gdoc > b->gdoc;
}

int byl_proximity_rerank(byl_searcher *s, byl_hit *hits, size_t n, double weight, double k1,
                         double b)
{
    size_t nq;
    const byl_qterm *q = byl_search_terms(s, &nq);
    pterm t[MAX_TERMS];
    size_t nt = 0;
    /* the distinct words of the default field; a word's capital form is
     * another term, and the pair (us, US) is no evidence of closeness */
    for (size_t i = 0; i < nq && nt < MAX_TERMS; i++) {
        if (q[i].field != BYL_F_TEXT && q[i].field != BYL_F_BODY)
            continue;
        size_t len = strlen(q[i].term), dup = 0;
        for (size_t j = 0; j < nt && !dup; j++)
            dup = t[j].keylen == len + 1 && strncasecmp((char *)t[j].key + 1, q[i].term, len) == 0;
        if (dup || len + 1 > BYL_MAX_KEY)
            continue;
        memset(&t[nt], 0, sizeof t[nt]);
        t[nt].key[0] = BYL_F_TEXT;
        memcpy(t[nt].key + 1, q[i].term, len);
        t[nt].keylen = len + 1;
        t[nt].idf = q[i].idf;
        nt++;
    }
    int rc = BYL_OK;
    if (nt < 2 || weight <= 0)
        goto done;
    const byl_segstats *st = byl_searcher_stats(s);
    double N = (double)st->ndocs - (double)st->ndeleted;
    double avgdl = N > 0 ? (double)st->total_len[BYL_F_TEXT] / N : 1;
    if (avgdl <= 0)
        avgdl = 1;
    for (size_t h = 0; h < n && !rc; h++) {
        byl_segment *seg = byl_searcher_segment(s, &hits[h]);
        for (size_t i = 0; i < nt && !rc; i++)
            rc = read_positions(seg, &t[i], hits[h].doc);
        if (rc)
            break;
        uint32_t lens[BYL_NFIELDS];
        if (byl_segment_doc_info(seg, hits[h].doc, NULL, lens)) {
            rc = byl_error_set(BYL_ECORRUPT, "damaged document columns");
            break;
        }
        double K = k1 * (1.0 - b + b * (double)lens[BYL_F_TEXT] / avgdl), bonus = 0;
        for (size_t i = 0; i < nt; i++)
            for (size_t j = i + 1; j < nt; j++) {
                if (!t[i].npos || !t[j].npos)
                    continue;
                double tpi = pair_tpi(&t[i], &t[j]);
                double idf = t[i].idf < t[j].idf ? t[i].idf : t[j].idf;
                if (tpi > 0)
                    bonus += idf * tpi * (k1 + 1.0) / (tpi + K);
            }
        hits[h].score += weight * bonus;
    }
    if (!rc)
        qsort(hits, n, sizeof *hits, by_score);
done:
    for (size_t i = 0; i < nt; i++)
        byl_free(t[i].pos);
    return rc;
}
