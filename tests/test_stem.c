/*
 * test_stem.c - the analyzer's stem cache (text/normalize.c) against
 * libstemmer itself.
 * Not for: which words are stemmed (test_analyzer.c).
 *
 * The cache only remembers: whatever words come, in whatever order and
 * however often, byl_norm_stem must give what libstemmer gives.  Words are
 * generated (seeded) so that the cache grows, fills, evicts and reorders
 * its sets: tens of thousands of distinct words, a few of them very
 * frequent, some longer than a slot holds.
 */
#include <check.h>
#include <libstemmer.h>
#include <string.h>

#include "check_main.h"
#include "text/_analyzer.h"
#include "util/err.h"

static uint32_t rnd(uint64_t *s)
{
    *s = *s * 6364136223846793005ull + 1442695040888963407ull;
    return (uint32_t)(*s >> 33);
}

/* Word number k of the vocabulary: a stem of letters and, often, an
 * English suffix, so that libstemmer has work to do. */
static size_t word(uint32_t k, char *out)
{
    static const char *suffix[] = {"", "s", "ing", "ed", "ies", "ational", "ness", "ly",
                                   "ement", "ization", "fulness", "ive", "er", "est"};
    uint64_t s = k * 0x9e3779b97f4a7c15ull + 1;
    size_t n = 1 + rnd(&s) % 18;
    for (size_t i = 0; i < n; i++)
        out[i] = (char)('a' + rnd(&s) % 26);
    const char *suf = suffix[rnd(&s) % (sizeof suffix / sizeof *suffix)];
    memcpy(out + n, suf, strlen(suf));
    return n + strlen(suf);
}

START_TEST(test_cached_stems_are_libstemmers)
{
    byl_analyzer *an;
    ck_assert_int_eq(byl_analyzer_new(&an), BYL_OK);
    struct sb_stemmer *ref = sb_stemmer_new("english", "UTF_8");
    ck_assert_ptr_nonnull(ref);
    uint64_t seed = 19;
    long longer = 0;
    for (int i = 0; i < 150000; i++) {
        /* half the draws from 64 words, the rest from 60,000 (more than
         * the cache holds): hits, misses and evictions all happen */
        uint32_t r = rnd(&seed);
        uint32_t k = r % 2 ? r / 2 % 64 : r / 2 % 60000;
        char w[64], out[MAX_TERM + 1];
        size_t n = word(k, w);
        longer += n > STEM_MAX;
        size_t m = byl_norm_stem(an, w, n, out);
        const sb_symbol *e = sb_stemmer_stem(ref, (const sb_symbol *)w, (int)n);
        size_t em = (size_t)sb_stemmer_length(ref);
        if (em > MAX_TERM)
            em = MAX_TERM;
        ck_assert_msg(m == em && memcmp(out, e, m) == 0, "draw %d: %.*s -> %.*s, libstemmer %.*s",
                      i, (int)n, w, (int)m, out, (int)em, (const char *)e);
    }
    ck_assert_int_gt(longer, 0);
    sb_stemmer_delete(ref);
    byl_analyzer_free(an);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("stem");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_cached_stems_are_libstemmers);
    suite_add_tcase(s, tc);
    return byl_test_run(s);
}
