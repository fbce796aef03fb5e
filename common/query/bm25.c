/*
 * bm25.c - the parts of BM25 that are not on the scoring path (bm25.h):
 * average lengths, and the explanation line of a clause.
 * Not for: scoring (inline in bm25.h) or walking postings.
 */
#include "query/bm25.h"

#include <stdio.h>
#include <string.h>

void byl_bm25_init(byl_bm25 *m, const byl_segstats *st, uint64_t nlive)
{
    for (int f = 0; f < BYL_NFIELDS; f++)
        m->avgdl[f] = nlive ? (double)st->total_len[f] / (double)nlive : 0;
    /* body: is TEXT less the title, whose words TEXT counts title_weight times */
    m->avgdl[BYL_F_BODY] =
        nlive ? ((double)st->total_len[BYL_F_TEXT] -
                 (double)st->title_weight * (double)st->total_len[BYL_F_TITLE]) / (double)nlive
              : 0;
}

void byl_bm25_explain(byl_buf *out, const byl_bm25 *m, const char *field_name, int field,
                      int phrase, const char *what, double tf, double idf, double dl,
                      double bonus, double score)
{
    char line[600], b[64] = "";
    if (bonus > 0)
        snprintf(b, sizeof b, "  name bonus %.4f", bonus);
    snprintf(line, sizeof line, "%s:%s%s%s  %s %.0f  idf %.4f  length %.0f (average %.1f)%s  = %.4f\n",
             field_name, phrase ? "\"" : "", what, phrase ? "\"" : "",
             phrase ? "phrase freq" : "tf", tf, idf, dl, m->avgdl[field], b, score);
    byl_buf_put(out, line, strlen(line));
}
