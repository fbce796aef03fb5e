/*
 * explain.c - how the score of a hit of the last search was made, for
 * --explain: one line per matching term or phrase (bm25.h writes it), then
 * the recency factor if any.
 *
 * Each clause is scored again by its own iterator (cursor.c), so the lines
 * add up to what the algorithms summed.
 *
 * Not for: scoring a search (oracle.c, maxscore.c).
 */
#include "query/_search.h"

#include <stdio.h>
#include <string.h>

#include "query/_cursor.h"
#include "query/bm25.h"
#include "util/err.h"
#include "util/mem.h"

/* Appends the lines of the clauses of p that doc (of segment si) matches. */
static void explain_plan(byl_searcher *s, const byl_plan *p, size_t si, uint32_t doc, byl_buf *out)
{
    if (p->role == BYL_ROLE_NOT)
        return;
    if (p->type == BYL_P_GROUP || p->type == BYL_P_OR) {
        for (size_t i = 0; i < p->nkids; i++)
            explain_plan(s, p->kids[i], si, doc, out);
        return;
    }
    if (p->type != BYL_P_TERM && p->type != BYL_P_PHRASE)
        return;
    byl_ictx c = byl_search_ictx(s, si);
    byl_arena a = {0};
    byl_iter *i = byl_iter_new(&c, &a, p);
    if (i && i->doc < doc)
        i->advance(i, doc);
    if (i && i->doc == doc && !c.rc) {
        double sc = i->score(i), dl = byl_iter_doc_len(&c, doc, p->field);
        double tf = p->type == BYL_P_TERM ? (p->field == BYL_F_BODY ? ((byl_term_iter *)i)->body_tf
                                                                 : ((byl_term_iter *)i)->tf)
                                      : ((byl_phrase_iter *)i)->freq;
        char what[400] = "";
        const char *fname = p->field == BYL_F_BODY ? "body" : byl_field_name(p->field);
        double idf = 0;
        size_t at = 0;
        for (size_t k = 0; k < p->nterms && at < sizeof what - 1; k++) {
            /* a term and its capital form are one word: term|CAPITALS */
            int n = snprintf(what + at, sizeof what - at, "%s%.*s",
                             !k ? "" : p->type == BYL_P_TERM ? "|" : " ",
                             (int)p->terms[k].keylen - 1, (const char *)p->terms[k].key + 1);
            at += n > 0 ? (size_t)n : 0;
            if (p->alts && p->alts[k].keylen && at < sizeof what - 1) {
                n = snprintf(what + at, sizeof what - at, "|%.*s", (int)p->alts[k].keylen - 1,
                             (const char *)p->alts[k].key + 1);
                at += n > 0 ? (size_t)n : 0;
            }
            if (p->type == BYL_P_PHRASE || k == 0)
                idf += p->terms[k].idf * (p->type == BYL_P_PHRASE ? p->scale : 1.0);
        }
        byl_bm25_explain(out, &s->bm, fname, p->field, p->type == BYL_P_PHRASE, what, tf, idf,
                         dl, p->bonus, sc);
    }
    byl_arena_free(&a);
}

int byl_search_explain(byl_searcher *s, const byl_hit *h, byl_buf *out)
{
    out->len = 0;
    if (!s->plan)
        return BYL_OK;
    size_t si = 0;
    while (si < s->nsegs && !(s->segs[si].ix == h->ix && s->segs[si].segno == h->seg))
        si++;
    if (si == s->nsegs)
        return byl_error_set(BYL_EINVAL, "hit is not from this searcher");
    explain_plan(s, s->plan, si, h->doc, out);
    if (s->o.half_life > 0) {
        int64_t date = INT64_MIN;
        byl_segment_doc_info(s->segs[si].seg, h->doc, &date, NULL);
        char line[160];
        snprintf(line, sizeof line, "recency: x %.4f (half-life %.1f days)\n",
                 byl_search_decay(s, date), s->o.half_life / 86400.0);
        byl_buf_put(out, line, strlen(line));
    }
    byl_buf_put_u8(out, 0);
    out->len--;
    return out->failed ? byl_error_set(BYL_ENOMEM, "out of memory explaining") : BYL_OK;
}
