/*
 * fingerprint.c - body sketches (one-permutation b-bit MinHash over word
 * 3-shingles) and the rule that says two of them are the same story.
 *
 * One 64-bit hash per shingle, one comparison per shingle: computing a
 * sketch costs about as much as hashing the body's terms once, which is
 * what keeps it inside the indexing budget.
 *
 * Not for: storing sketches (segwriter.c, segment.c) or clustering
 * (query/collapse.c).
 */
#include "index/fingerprint.h"

#include <string.h>

#include "util/bytes.h"

/* b-bit values: two unrelated bins agree with probability 1/256. */
#define CHANCE (1.0 / 256.0)
/* The first words of a body are where a dateline goes ("LONDON, March 3
 * (Reuters) -"), and copies change it: its numbers and names are not
 * figures of the story. */
#define DATELINE 8

void byl_fp_rule_init(byl_fp_rule *r)
{
    r->min_shingles = 16;
    r->resemblance = 0.4;
    r->containment = 0.8;
    r->min_resemblance = 0.2;
    r->min_numbers = 2;
    r->numbers = 0.67;
}

static uint64_t mix64(uint64_t x)
{
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ull;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebull;
    x ^= x >> 31;
    return x;
}

static uint64_t term_hash(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (uint8_t)s[i]) * 1099511628211ull;
    return h;
}

static uint64_t rotl(uint64_t x, unsigned r) { return x << r | x >> (64 - r); }

void byl_fp_compute(const byl_token *tk, size_t nt, const char *terms, uint8_t *rec)
{
    uint32_t min[BYL_FP_BINS];
    for (int i = 0; i < BYL_FP_BINS; i++)
        min[i] = UINT32_MAX;
    uint8_t full[BYL_FP_BINS] = {0};
    uint64_t w[BYL_FP_SHINGLE] = {0};
    uint32_t words = 0, count = 0;
    uint64_t numbers = 0;
    for (size_t i = 0; i < nt; i++) {
        if (tk[i].kind == BYL_TOK_ENTITY) {
            if (words >= DATELINE)
                numbers |= 1ull << (mix64(term_hash(terms + tk[i].term_off, tk[i].term_len)) & 63);
            continue;
        }
        if (tk[i].flags & BYL_TOKF_STACKED)
            continue;
        w[0] = w[1];
        w[1] = w[2];
        w[2] = term_hash(terms + tk[i].term_off, tk[i].term_len);
        if ((tk[i].kind == BYL_TOK_NUMBER || tk[i].kind == BYL_TOK_ACRONYM) && words >= DATELINE)
            numbers |= 1ull << (mix64(w[2]) & 63);
        if (++words < BYL_FP_SHINGLE)
            continue;
        uint64_t h = mix64(w[0] ^ rotl(w[1], 21) ^ rotl(w[2], 42));
        unsigned bin = (unsigned)(h >> 58);
        uint32_t v = (uint32_t)h;
        if (v < min[bin])
            min[bin] = v;
        full[bin] = 1;
        count++;
    }
    memset(rec, 0, BYL_FP_REC);
    byl_put_u32(rec, count);
    if (!count)
        return;
    byl_put_u64(rec + 4 + BYL_FP_BINS, numbers);
    for (int i = 0; i < BYL_FP_BINS; i++) {
        uint32_t v = min[i];
        if (!full[i]) {
            /* the next full bin to the right, shifted by the distance */
            int d = 1;
            while (!full[(i + d) % BYL_FP_BINS])
                d++;
            v = min[(i + d) % BYL_FP_BINS] + (uint32_t)d * 0x9e3779b9u;
            v = (uint32_t)mix64(v);
        }
        rec[4 + i] = (uint8_t)v;
    }
}

uint32_t byl_fp_count(const uint8_t *rec) { return byl_get_u32(rec); }

void byl_fp_similarity(const uint8_t *a, const uint8_t *b, double *resemblance,
                       double *containment)
{
    uint32_t na = byl_get_u32(a), nb = byl_get_u32(b);
    *resemblance = *containment = 0;
    if (!na || !nb)
        return;
    int eq = 0;
    for (int i = 0; i < BYL_FP_BINS; i++)
        eq += a[4 + i] == b[4 + i];
    double j = ((double)eq / BYL_FP_BINS - CHANCE) / (1.0 - CHANCE);
    if (j < 0)
        j = 0;
    /* |A n B| = J (|A| + |B|) / (1 + J) */
    double inter = j * ((double)na + (double)nb) / (1.0 + j);
    double c = inter / (double)(na < nb ? na : nb);
    *resemblance = j;
    *containment = c > 1 ? 1 : c;
}

double byl_fp_numbers(const uint8_t *a, const uint8_t *b, uint32_t *smaller)
{
    uint64_t x = byl_get_u64(a + 4 + BYL_FP_BINS), y = byl_get_u64(b + 4 + BYL_FP_BINS);
    uint32_t nx = (uint32_t)__builtin_popcountll(x), ny = (uint32_t)__builtin_popcountll(y);
    *smaller = nx < ny ? nx : ny;
    return *smaller ? (double)__builtin_popcountll(x & y) / *smaller : 1.0;
}

int byl_fp_close(const uint8_t *a, const uint8_t *b, const byl_fp_rule *r)
{
    byl_fp_rule def;
    if (!r) {
        byl_fp_rule_init(&def);
        r = &def;
    }
    uint32_t na = byl_get_u32(a), nb = byl_get_u32(b);
    if (na < r->min_shingles || nb < r->min_shingles)
        return 0;
    double j, c;
    byl_fp_similarity(a, b, &j, &c);
    if (!(j >= r->resemblance || (c >= r->containment && j >= r->min_resemblance)))
        return 0;
    uint32_t small;
    double nc = byl_fp_numbers(a, b, &small);
    return small < r->min_numbers || nc >= r->numbers;
}
