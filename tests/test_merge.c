/*
 * test_merge.c - the merge policy (index/merge.c byl_merge_plan): given
 * segments of known sizes and a memory budget, which are merged.  The
 * properties: a merge never rewrites segments without making fewer of
 * them, takes the small ones first, and fits the budget.
 */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "check_main.h"
#include "index/_writer.h"

#define MB ((uint64_t)1 << 20)
#define BUDGET ((size_t)22 << 20) /* the inverter's share of --mem 32M */

/* A manifest of n segments of sizes[i] bytes on disk and docs[i] articles
 * (dels[i] of them deleted; dels may be NULL). */
static void make(byl_manifest *m, byl_segref *segs, uint32_t n, const uint64_t *sizes,
                 const uint32_t *docs, const uint32_t *dels)
{
    memset(m, 0, sizeof *m);
    memset(segs, 0, n * sizeof *segs);
    for (uint32_t i = 0; i < n; i++) {
        snprintf(segs[i].name, sizeof segs[i].name, "000001-%04u.seg", i + 1);
        segs[i].size = sizes[i];
        segs[i].ndocs = docs[i];
        segs[i].ndeleted = dels ? dels[i] : 0;
    }
    m->nseg = n;
    m->segs = segs;
}

/* The properties every plan keeps: what is taken fits the budget, and is
 * two segments or more unless a segment is fully deleted (nothing is
 * written) or, under all, has deletions (dropping them is what was asked). */
static void sound(const byl_manifest *m, uint32_t chosen, int all, const char *what)
{
    uint64_t mem = 0;
    uint32_t n = 0, excused = 0;
    for (uint32_t i = 0; i < m->nseg; i++)
        if (m->segs[i].drop) {
            n++;
            mem += byl_merge_mem(&m->segs[i]);
            excused += m->segs[i].ndocs == m->segs[i].ndeleted || (all && m->segs[i].ndeleted);
        }
    ck_assert_msg(n == chosen, "%s: %u marked, %u said", what, n, chosen);
    if (!all)
        ck_assert_msg(mem <= BUDGET, "%s: %llu bytes planned at a budget of %zu", what,
                      (unsigned long long)mem, BUDGET);
    ck_assert_msg(n == 0 || n >= 2 || excused, "%s: one segment rewritten alone", what);
}

START_TEST(test_full_segments_never_rewritten)
{
    /* the review's index: 11 segments each written when the inverter was
     * full; adding one article made a 12th, and each add rewrote all 11
     * into 11 again */
    uint64_t sizes[12] = {3977176, 4283944, 5521852, 6055048, 7555608, 3803300,
                          5379148, 7040932, 7980172, 7547036, 6915816, 4000};
    uint32_t docs[12] = {3700, 3600, 3900, 3500, 3800, 3650, 3700, 3800, 3600, 3700, 3650, 1};
    byl_segref segs[12];
    byl_manifest m;
    make(&m, segs, 12, sizes, docs, NULL);
    uint32_t n = byl_merge_plan(&m, BUDGET, 0);
    sound(&m, n, 0, "tiered, 11 full + 1");
    ck_assert_uint_eq(n, 0);
    /* merge all cannot make fewer of them either */
    n = byl_merge_plan(&m, BUDGET, 1);
    sound(&m, n, 1, "all, 11 full + 1");
    for (uint32_t i = 0; i < 11; i++)
        ck_assert_msg(!segs[i].drop, "all: full segment %u rewritten", i);
}
END_TEST

START_TEST(test_small_ones_first)
{
    /* 11 full segments and 10 one-article ones: the ten are merged, the
     * big ones are left alone */
    uint64_t sizes[21];
    uint32_t docs[21];
    for (int i = 0; i < 11; i++)
        sizes[i] = 6 * MB, docs[i] = 3700;
    for (int i = 11; i < 21; i++)
        sizes[i] = 3000 + (uint64_t)i, docs[i] = 1;
    byl_segref segs[21];
    byl_manifest m;
    make(&m, segs, 21, sizes, docs, NULL);
    uint32_t n = byl_merge_plan(&m, BUDGET, 0);
    sound(&m, n, 0, "tiered, 10 small");
    ck_assert_uint_eq(n, 10);
    for (int i = 0; i < 21; i++)
        ck_assert_int_eq(segs[i].drop, i >= 11);
    /* nine small ones: not yet a tier */
    make(&m, segs, 20, sizes, docs, NULL);
    ck_assert_uint_eq(byl_merge_plan(&m, BUDGET, 0), 0);
    /* all: the small ones only, the full ones stay */
    n = byl_merge_plan(&m, BUDGET, 1);
    sound(&m, n, 1, "all, 9 small");
    ck_assert_uint_eq(n, 9);
}
END_TEST

START_TEST(test_fits_the_budget)
{
    /* ten middling segments of one tier, each a tenth of the budget in
     * memory: the smallest that fit are taken, not all ten */
    uint64_t sizes[10];
    uint32_t docs[10];
    for (int i = 0; i < 10; i++)
        sizes[i] = (uint64_t)(BUDGET / 5 / BYL_MERGE_MEM_RATIO) + (uint64_t)(9 - i) * 1000,
        docs[i] = 2000;
    byl_segref segs[10];
    byl_manifest m;
    make(&m, segs, 10, sizes, docs, NULL);
    uint32_t n = byl_merge_plan(&m, BUDGET, 0);
    sound(&m, n, 0, "tiered, 10 of a fifth");
    ck_assert_uint_eq(n, 3); /* a quarter of the budget is left for the estimate's error */
    for (int i = 0; i < 10; i++)
        ck_assert_int_eq(segs[i].drop, i >= 7); /* the three smallest */
    /* all: as many as make fewer (10 of a fifth come out as 3) */
    n = byl_merge_plan(&m, BUDGET, 1);
    sound(&m, n, 1, "all, 10 of a fifth");
    ck_assert_uint_eq(n, 10);
}
END_TEST

START_TEST(test_deleted)
{
    /* a segment more than half deleted goes with a small partner; alone,
     * it is left to an explicit merge; fully deleted, it is dropped */
    uint64_t sizes[3] = {2 * MB, 20 * MB, 4000};
    uint32_t docs[3] = {1000, 5000, 1}, dels[3] = {600, 0, 0};
    byl_segref segs[3];
    byl_manifest m;
    make(&m, segs, 3, sizes, docs, dels);
    uint32_t n = byl_merge_plan(&m, BUDGET, 0);
    sound(&m, n, 0, "half deleted + small");
    ck_assert_uint_eq(n, 2);
    ck_assert(segs[0].drop && !segs[1].drop && segs[2].drop);
    make(&m, segs, 2, sizes, docs, dels);
    ck_assert_uint_eq(byl_merge_plan(&m, BUDGET, 0), 0);
    n = byl_merge_plan(&m, BUDGET, 1);
    sound(&m, n, 1, "all, half deleted");
    ck_assert(segs[0].drop && !segs[1].drop);
    uint32_t gone[2] = {1000, 0};
    make(&m, segs, 2, sizes, docs, gone);
    n = byl_merge_plan(&m, BUDGET, 0);
    sound(&m, n, 0, "fully deleted");
    ck_assert(segs[0].drop && !segs[1].drop);
}
END_TEST

/* Random manifests: every plan is sound, and a tiered plan of a merged
 * result is stable (merging what it planned never plans the same again). */
START_TEST(test_random_plans_sound)
{
    uint64_t x = 88172645463325252ull;
    for (int round = 0; round < 2000; round++) {
        byl_segref segs[40];
        uint64_t sizes[40];
        uint32_t docs[40], dels[40];
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        uint32_t n = 1 + (uint32_t)(x % 40);
        for (uint32_t i = 0; i < n; i++) {
            x ^= x << 13, x ^= x >> 7, x ^= x << 17;
            docs[i] = 1 + (uint32_t)(x % 20000);
            sizes[i] = (uint64_t)docs[i] * (200 + x % 2000);
            dels[i] = (x >> 20) % 4 == 0 ? (uint32_t)((x >> 24) % (docs[i] + 1)) : 0;
        }
        byl_manifest m;
        make(&m, segs, n, sizes, docs, dels);
        char what[64];
        snprintf(what, sizeof what, "round %d tiered", round);
        sound(&m, byl_merge_plan(&m, BUDGET, 0), 0, what);
        snprintf(what, sizeof what, "round %d all", round);
        sound(&m, byl_merge_plan(&m, BUDGET, 1), 1, what);
    }
}
END_TEST

int main(void)
{
    Suite *s = suite_create("merge");
    TCase *tc = tcase_create("plan");
    tcase_add_test(tc, test_full_segments_never_rewritten);
    tcase_add_test(tc, test_small_ones_first);
    tcase_add_test(tc, test_fits_the_budget);
    tcase_add_test(tc, test_deleted);
    tcase_add_test(tc, test_random_plans_sound);
    suite_add_tcase(s, tc);
    return byl_test_run(s);
}
