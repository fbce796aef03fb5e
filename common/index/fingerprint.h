/*
 * fingerprint.h - a compact sketch of an article's body for finding
 * syndicated copies and near-duplicates, and the rule that says two
 * sketches are "the same story".
 *
 * The sketch is a one-permutation b-bit MinHash over word 3-shingles of the
 * body's analyzed terms (the terms the index holds: stemmed, case folded,
 * accents stripped; stacked forms and name entities left out), so that a
 * copy with a changed dateline, a moved paragraph or a trimmed ending keeps
 * most of its shingles.  Each shingle hashes to 64 bits; the top 6 bits pick
 * one of BYL_FP_BINS bins and the bin keeps the smallest of the rest; the
 * low 8 bits of each bin's minimum are stored (empty bins borrow from the
 * next full bin to the right, "rotation densification").  The fraction of
 * equal bins estimates the Jaccard resemblance J of two shingle sets; with
 * the shingle counts it also estimates containment (how much of the shorter
 * body is inside the longer), which catches trimmed and extended copies.
 * Templated stories (bond issues, dividend notices, daily market reports)
 * share their wording but not their figures and names, so the record also
 * keeps the body's "figures" -- numbers, acronyms and name entities after
 * the first 8 words (where a dateline would be) -- as a 64-bit set (one
 * bit per figure, by hash): copies of one story share their figures,
 * templated stories do not.
 *
 * Record (BYL_FP_REC bytes, one per document in a segment's FPRINT section):
 *     u32 shingle count n (0: body too short, never a duplicate)
 *     BYL_FP_BINS bytes: the b-bit minimum of each bin
 *     u64 figures: bit mix64(FNV-1a(term)) % 64 for every figure
 *
 * Protocol: byl_fp_compute() per article at index time; at search time
 * byl_fp_close() (the clustering rule) on pairs that byl_fp_band() puts in
 * the same LSH bucket.
 *
 * Not for: deciding which documents are live, or grouping them into
 * clusters (cluster.h).
 */
#ifndef BYL_FINGERPRINT_H
#define BYL_FINGERPRINT_H

#include <stddef.h>
#include <stdint.h>

#include "text/analyzer.h"

#define BYL_FP_BINS 64
#define BYL_FP_REC (4 + BYL_FP_BINS + 8)
#define BYL_FP_SHINGLE 3       /* words per shingle */
/* LSH bands used to find candidate pairs: band b is bins 2b and 2b+1 (a
 * 16-bit key), so a pair with resemblance J shares at least one band with
 * probability 1 - (1 - J^2)^32: 0.95 at J = 0.3, > 0.999 at J = 0.5. */
#define BYL_FP_BANDS (BYL_FP_BINS / 2)

/* The clustering rule's thresholds (chosen by measurement:
 * docs/PERFORMANCE.md, "Near-duplicate detection").  Two documents are
 * close when both have at least min_shingles shingles and either their
 * estimated resemblance is >= resemblance, or the shorter body is
 * estimated to lie >= containment inside the longer one while the
 * resemblance is still >= min_resemblance; and, when both bodies hold at
 * least min_numbers figures (set bits), at least `numbers` of the smaller
 * set of figures is in the other. */
typedef struct byl_fp_rule {
    uint32_t min_shingles;
    double resemblance;
    double containment;
    double min_resemblance;
    uint32_t min_numbers;
    double numbers;
} byl_fp_rule;

/* The default rule. */
void byl_fp_rule_init(byl_fp_rule *r);

/* Computes the record of a body from its analyzed tokens (tk[0..nt), terms
 * as returned by byl_analyze) into rec (BYL_FP_REC bytes).  Never fails;
 * a body of fewer than BYL_FP_SHINGLE words gets count 0. */
void byl_fp_compute(const byl_token *tk, size_t nt, const char *terms, uint8_t *rec);

/* Shingle count of a record. */
uint32_t byl_fp_count(const uint8_t *rec);

/* Band b's 16-bit key of a record (b < BYL_FP_BANDS). */
static inline uint32_t byl_fp_band(const uint8_t *rec, unsigned b)
{
    return (uint32_t)rec[4 + 2 * b] << 8 | rec[4 + 2 * b + 1];
}

/* Estimated resemblance (Jaccard of the shingle sets) and containment of
 * the smaller set in the larger, both in [0, 1]; 0 when either record has
 * no shingles. */
void byl_fp_similarity(const uint8_t *a, const uint8_t *b, double *resemblance,
                       double *containment);

/* Share of the smaller figure set (bits) found in the other (1 when it is
 * empty), and the smaller set's size. */
double byl_fp_numbers(const uint8_t *a, const uint8_t *b, uint32_t *smaller);

/* 1 if a and b are close under rule r (NULL: the default rule), else 0. */
int byl_fp_close(const uint8_t *a, const uint8_t *b, const byl_fp_rule *r);

#endif
