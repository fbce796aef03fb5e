/*
 * bm25.h - BM25, in one place: idf, the term-frequency part, the bound
 * MaxScore skips by, the most a word can score (the name bonus is made of
 * it), and the line --explain prints for a clause.
 *
 * idf = ln(1 + (N - df + 0.5) / (df + 0.5)) over live articles;
 * tf part = tf (k1 + 1) / (tf + k1 (1 - b + b dl / avgdl)), where tf and dl
 * are those of the field searched (TEXT carries title words weighted by the
 * index's title weight: BM25F with per-field weights baked in at index
 * time).  A clause scores bonus + idf x tf part; a phrase's idf is the sum
 * of its words' and its tf the phrase frequency.
 *
 * The scoring functions are inline: the iterators and MaxScore call them
 * once per posting scored.
 *
 * Not for: choosing k1 and b (search.h's BYL_BM25_K1/B and the options),
 * walking postings (cursor.c, maxscore.c).
 */
#ifndef BYL_BM25_H
#define BYL_BM25_H

#include <math.h>
#include <stdint.h>

#include "index/format.h"
#include "index/segment.h"
#include "util/mem.h"

/* A document shorter than BYL_BM25_MIN_NORM_LEN of the average counts as that long
 * (Xapian's min_normlen): a headline with no body, common in wire copy,
 * would otherwise outrank the story it announces on the strength of its
 * length alone. */
#define BYL_BM25_MIN_NORM_LEN 0.5

/* The parameters of one search and the collection's average lengths. */
typedef struct byl_bm25 {
    double k1;                        /* term frequency saturation */
    double b;                         /* length normalisation */
    double avgdl[BYL_NFIELDS + 1];    /* per field, + BYL_F_BODY (TEXT less the title) */
} byl_bm25;

/* Sets m's average lengths from statistics st summed over nlive live
 * articles (k1 and b are left as they are). */
void byl_bm25_init(byl_bm25 *m, const byl_segstats *st, uint64_t nlive);

/* idf of a term in df of n live articles. */
static inline double byl_bm25_idf(double n, double df)
{
    return log(1.0 + (n - df + 0.5) / (df + 0.5));
}

/* The term-frequency part of a field of length dl holding tf occurrences. */
static inline double byl_bm25_tf_part(const byl_bm25 *m, double tf, double dl, int field)
{
    double avg = m->avgdl[field] > 0 ? m->avgdl[field] : 1.0;
    double k1 = m->k1, b = m->b;
    double norm = dl / avg < BYL_BM25_MIN_NORM_LEN ? BYL_BM25_MIN_NORM_LEN : dl / avg;
    return tf * (k1 + 1.0) / (tf + k1 * (1.0 - b + b * norm));
}

/* Bound of idf x tf part over every document whose tf is at most max_tf,
 * whatever its length (length 0: the norm at its least), for MaxScore. */
static inline double byl_bm25_upper(const byl_bm25 *m, double idf, double max_tf)
{
    return idf * max_tf * (m->k1 + 1.0) / (max_tf + m->k1 * (1.0 - m->b));
}

/* The most a word of this idf can score, at any tf (tf part -> k1 + 1): a
 * name's bonus is the sum of its words' (query/rewrite.c). */
static inline double byl_bm25_ceiling(const byl_bm25 *m, double idf)
{
    return idf * (m->k1 + 1.0);
}

/* Appends to out the explanation line of one clause that matched:
 * "FIELD:WHAT  tf N  idf X  length L (average A)[  name bonus B]  = SCORE",
 * WHAT in quotes and "phrase freq" for a phrase.  The line ends with '\n';
 * a failed append is left in out->failed. */
void byl_bm25_explain(byl_buf *out, const byl_bm25 *m, const char *field_name, int field,
                      int phrase, const char *what, double tf, double idf, double dl,
                      double bonus, double score);

#endif
