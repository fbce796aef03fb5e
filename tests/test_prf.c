/*
 * test_prf.c - the relevance model of feedback (query/prf.h): P(w|R) by
 * hand on small documents, the keep filter, entities in the name field,
 * numbers left out, reset, random texts (weights always sum to 1, terms
 * distinct), and every allocation failing in turn.
 */
#include <check.h>

#include "check_main.h"
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "index/format.h"
#include "query/prf.h"
#include "text/analyzer.h"
#include "util/err.h"
#include "util/mem.h"

static byl_analyzer *an;
static byl_prf *p;

static void setup(void)
{
    ck_assert_int_eq(byl_analyzer_new(&an), BYL_OK);
    ck_assert_int_eq(byl_prf_new(an, &p), BYL_OK);
}

static void teardown(void)
{
    byl_prf_free(p);
    byl_analyzer_free(an);
}

static double weight_of(const byl_prf_term *t, size_t n, int field, const char *term)
{
    for (size_t i = 0; i < n; i++)
        if (t[i].field == field && strcmp(t[i].term, term) == 0)
            return t[i].weight;
    return -1;
}

/* Two documents of weights 0.75 and 0.25; every word is a plain lower-case
 * word the analyzer keeps as it is, so P(w|R) can be written down. */
START_TEST(test_model_by_hand)
{
    byl_prf_reset(p);
    ck_assert_int_eq(byl_prf_add(p, "", 0, "zork blat zork", 14, 0.75), BYL_OK);
    ck_assert_int_eq(byl_prf_add(p, "blat", 4, "quib", 4, 0.25), BYL_OK);
    const byl_prf_term *t;
    size_t n;
    ck_assert_int_eq(byl_prf_select(p, 10, NULL, NULL, &t, &n), BYL_OK);
    ck_assert_uint_eq(n, 3);
    /* zork 0.75*2/3 = 0.5; blat 0.75/3 + 0.25/2 = 0.375; quib 0.125; sum 1 */
    ck_assert(fabs(weight_of(t, n, BYL_F_TEXT, "zork") - 0.5) < 1e-12);
    ck_assert(fabs(weight_of(t, n, BYL_F_TEXT, "blat") - 0.375) < 1e-12);
    ck_assert(fabs(weight_of(t, n, BYL_F_TEXT, "quib") - 0.125) < 1e-12);
    ck_assert_str_eq(t[0].term, "zork");
    ck_assert_str_eq(t[2].term, "quib");
    /* the best two, renormalised */
    ck_assert_int_eq(byl_prf_select(p, 2, NULL, NULL, &t, &n), BYL_OK);
    ck_assert_uint_eq(n, 2);
    ck_assert(fabs(t[0].weight - 0.5 / 0.875) < 1e-12);
    ck_assert(fabs(t[1].weight - 0.375 / 0.875) < 1e-12);
    /* after a reset nothing is left */
    byl_prf_reset(p);
    ck_assert_int_eq(byl_prf_select(p, 10, NULL, NULL, &t, &n), BYL_OK);
    ck_assert_uint_eq(n, 0);
}
END_TEST

static int refuse_zork(void *ctx, int field, const char *term, size_t len)
{
    (*(int *)ctx)++;
    (void)field;
    return !(len == 4 && memcmp(term, "zork", 4) == 0);
}

START_TEST(test_keep_filter)
{
    byl_prf_reset(p);
    ck_assert_int_eq(byl_prf_add(p, "", 0, "zork zork zork blat quib", 24, 1.0), BYL_OK);
    const byl_prf_term *t;
    size_t n;
    int asked = 0;
    ck_assert_int_eq(byl_prf_select(p, 1, refuse_zork, &asked, &t, &n), BYL_OK);
    ck_assert_uint_eq(n, 1);
    ck_assert_str_ne(t[0].term, "zork");
    ck_assert(fabs(t[0].weight - 1.0) < 1e-12);
    ck_assert_int_eq(asked, 2); /* asked in order, and only until one was kept */
}
END_TEST

/* A news sentence: a name gives its entity (name field), figures are left
 * out, ordinary words are stemmed as the index stems them. */
START_TEST(test_news_terms)
{
    const char *title = "Kostas Kenteris misses drug test";
    const char *body = "Greek sprinter Kostas Kenteris missed a test on 12 August 2004, "
                       "officials said; Kenteris and Thanou face 60,000 questions.";
    byl_prf_reset(p);
    ck_assert_int_eq(byl_prf_add(p, title, strlen(title), body, strlen(body), 1.0), BYL_OK);
    const byl_prf_term *t;
    size_t n;
    ck_assert_int_eq(byl_prf_select(p, 1000, NULL, NULL, &t, &n), BYL_OK);
    int entity = 0;
    double sum = 0;
    for (size_t i = 0; i < n; i++) {
        sum += t[i].weight;
        entity |= t[i].field == BYL_F_NAME;
        ck_assert_msg(strcmp(t[i].term, "12") && strcmp(t[i].term, "2004") &&
                          strcmp(t[i].term, "60000"),
                      "a number was proposed: %s", t[i].term);
        ck_assert_uint_eq(strlen(t[i].term), t[i].len);
    }
    ck_assert_msg(entity, "no name entity among %zu terms", n);
    ck_assert(fabs(sum - 1.0) < 1e-9);
    ck_assert(weight_of(t, n, BYL_F_TEXT, "kenteri") > weight_of(t, n, BYL_F_TEXT, "greek"));
}
END_TEST

static uint32_t rnd(uint64_t *s)
{
    *s = *s * 6364136223846793005ull + 1442695040888963407ull;
    return (uint32_t)(*s >> 33);
}

/* Random bytes and words (invalid UTF-8, controls, long runs): never a
 * crash, weights in (0, 1] summing to 1, no term twice, best first. */
START_TEST(test_random_texts)
{
    uint64_t seed = 0xfeedbac;
    static char text[4096];
    for (int round = 0; round < 300; round++) {
        byl_prf_reset(p);
        int docs = 1 + (int)(rnd(&seed) % 12);
        for (int d = 0; d < docs; d++) {
            size_t len = rnd(&seed) % sizeof text;
            for (size_t i = 0; i < len; i++) {
                uint32_t r = rnd(&seed) % 100;
                text[i] = r < 15 ? ' ' : r < 20 ? (char)(rnd(&seed) & 0xff)
                                       : (char)('a' + rnd(&seed) % (r < 60 ? 6 : 26));
            }
            double w = (double)(rnd(&seed) % 1000) / 1000.0;
            ck_assert_int_eq(byl_prf_add(p, text, len / 8, text + len / 8, len - len / 8, w),
                             BYL_OK);
        }
        const byl_prf_term *t;
        size_t n, want = 1 + rnd(&seed) % 40;
        ck_assert_int_eq(byl_prf_select(p, want, NULL, NULL, &t, &n), BYL_OK);
        ck_assert_uint_le(n, want);
        double sum = 0;
        for (size_t i = 0; i < n; i++) {
            ck_assert(t[i].weight > 0 && t[i].weight <= 1.0 + 1e-12);
            if (i)
                ck_assert(t[i].weight <= t[i - 1].weight);
            for (size_t j = 0; j < i; j++)
                ck_assert(t[i].field != t[j].field || strcmp(t[i].term, t[j].term));
            sum += t[i].weight;
        }
        ck_assert(n == 0 || fabs(sum - 1.0) < 1e-9);
    }
}
END_TEST

/* Each allocation failing in turn: BYL_ENOMEM, never a crash or a leak
 * (the ASan build checks leaks), and the model works again afterwards. */
START_TEST(test_allocation_failures)
{
    const char *body = "Oracle raised its hostile bid for PeopleSoft to 9.2 billion dollars; "
                       "PeopleSoft's board rejected the Oracle offer again.";
    int failed = 0;
    for (long k = 0; k < 200; k++) {
        byl_prf *q;
        byl_mem_fail_after(k);
        int rc = byl_prf_new(an, &q);
        if (!rc) {
            rc = byl_prf_add(q, "Oracle PeopleSoft", 17, body, strlen(body), 1.0);
            const byl_prf_term *t;
            size_t n;
            if (!rc)
                rc = byl_prf_select(q, 5, NULL, NULL, &t, &n);
            byl_prf_free(q);
        }
        byl_mem_fail_after(-1);
        ck_assert(rc == BYL_OK || rc == BYL_ENOMEM);
        failed += rc == BYL_ENOMEM;
        if (rc == BYL_OK)
            break;
    }
    ck_assert_int_gt(failed, 2);
}
END_TEST

int main(void)
{
    Suite *su = suite_create("prf");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 120); /* a loaded machine: the random texts take seconds under ASan */
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_model_by_hand);
    tcase_add_test(tc, test_keep_filter);
    tcase_add_test(tc, test_news_terms);
    tcase_add_test(tc, test_random_texts);
    tcase_add_test(tc, test_allocation_failures);
    suite_add_tcase(su, tc);
    return byl_test_run(su);
}
