/*
 * test_bm25.c - BM25's properties (query/bm25.h) on random parameters:
 * idf falls as a term gets commoner and stays positive; the tf part grows
 * with tf, shrinks with length and stays below k1 + 1; MaxScore's bound
 * holds for every tf up to its maximum at every length (the skipping is
 * only as sound as that); the ceiling bounds the bound; average lengths;
 * the explanation line.
 */
#include <check.h>

#include "check_main.h"
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "query/bm25.h"

static uint64_t rng = 0x9E3779B97F4A7C15ull;

static double unit(void) /* [0, 1) */
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (double)(rng >> 11) / 9007199254740992.0;
}

static void random_model(byl_bm25 *m)
{
    m->k1 = 0.05 + 3.0 * unit();
    m->b = unit();
    for (int f = 0; f <= BYL_NFIELDS; f++)
        m->avgdl[f] = unit() < 0.1 ? 0 : 0.5 + 500.0 * unit(); /* 0: an empty field */
}

START_TEST(test_idf)
{
    for (int i = 0; i < 10000; i++) {
        double n = floor(1 + 1e6 * unit()), df = floor(n * unit());
        double a = byl_bm25_idf(n, df), b = byl_bm25_idf(n, df + 1);
        ck_assert(a > 0 && isfinite(a));
        ck_assert_msg(b < a, "idf(%g) %g <= idf(%g) %g of %g", df + 1, b, df, a, n);
    }
    /* a term in every article still counts a little (Lucene's +1) */
    ck_assert(byl_bm25_idf(100, 100) > 0);
}
END_TEST

START_TEST(test_tf_part_and_bounds)
{
    for (int i = 0; i < 20000; i++) {
        byl_bm25 m;
        random_model(&m);
        int field = (int)(unit() * (BYL_NFIELDS + 1));
        double max_tf = floor(1 + 200 * unit()), idf = 0.01 + 10 * unit();
        double tf = floor(1 + max_tf * unit()), dl = floor(2000 * unit());
        double p = byl_bm25_tf_part(&m, tf, dl, field);
        ck_assert(p > 0 && p < m.k1 + 1.0);
        ck_assert(byl_bm25_tf_part(&m, tf + 1, dl, field) >= p);
        ck_assert(byl_bm25_tf_part(&m, tf, dl + 1, field) <= p);
        /* MaxScore skips a list whose bound cannot lift a document into
         * the top k: the bound must hold at every length, 0 included */
        double ub = byl_bm25_upper(&m, idf, max_tf);
        ck_assert_msg(idf * p <= ub * (1 + 1e-12), "tf %g dl %g: %.17g > bound %.17g", tf, dl,
                      idf * p, ub);
        ck_assert(idf * byl_bm25_tf_part(&m, max_tf, 0, field) <= ub * (1 + 1e-12));
        ck_assert(ub <= byl_bm25_ceiling(&m, idf) * (1 + 1e-12));
    }
}
END_TEST

START_TEST(test_short_documents_count_as_half_the_average)
{
    byl_bm25 m = {.k1 = 1.0, .b = 0.6};
    for (int f = 0; f <= BYL_NFIELDS; f++)
        m.avgdl[f] = 100;
    /* a headline of 3 words scores as one of 50 */
    ck_assert(byl_bm25_tf_part(&m, 2, 3, BYL_F_TEXT) == byl_bm25_tf_part(&m, 2, 50, BYL_F_TEXT));
    ck_assert(byl_bm25_tf_part(&m, 2, 51, BYL_F_TEXT) < byl_bm25_tf_part(&m, 2, 50, BYL_F_TEXT));
}
END_TEST

START_TEST(test_average_lengths)
{
    byl_segstats st;
    memset(&st, 0, sizeof st);
    st.title_weight = 3;
    st.total_len[BYL_F_TEXT] = 1000;
    st.total_len[BYL_F_TITLE] = 100;
    byl_bm25 m = {.k1 = 1.0, .b = 0.6};
    byl_bm25_init(&m, &st, 10);
    ck_assert(m.avgdl[BYL_F_TEXT] == 100.0);
    ck_assert(m.avgdl[BYL_F_TITLE] == 10.0);
    ck_assert(m.avgdl[BYL_F_BODY] == 70.0); /* text less three times the title */
    ck_assert(m.k1 == 1.0 && m.b == 0.6);
    byl_bm25_init(&m, &st, 0); /* no live article: no average, no division */
    for (int f = 0; f <= BYL_NFIELDS; f++)
        ck_assert(m.avgdl[f] == 0);
    /* an empty field's average counts as 1: a finite score */
    ck_assert(isfinite(byl_bm25_tf_part(&m, 1, 5, BYL_F_TEXT)));
}
END_TEST

START_TEST(test_explain_line)
{
    byl_bm25 m = {.k1 = 1.0, .b = 0.6};
    m.avgdl[BYL_F_TEXT] = 162.25;
    byl_buf b;
    byl_buf_init(&b);
    byl_bm25_explain(&b, &m, "text", BYL_F_TEXT, 0, "qiao", 8, 1.79176, 179, 0, 3.16349);
    byl_bm25_explain(&b, &m, "text", BYL_F_TEXT, 1, "qiao siyuan", 7, 3.9512, 179, 7.90249,
                     14.76391);
    byl_buf_put_u8(&b, 0);
    ck_assert_str_eq((const char *)b.data,
                     "text:qiao  tf 8  idf 1.7918  length 179 (average 162.2)  = 3.1635\n"
                     "text:\"qiao siyuan\"  phrase freq 7  idf 3.9512  length 179 (average "
                     "162.2)  name bonus 7.9025  = 14.7639\n");
    ck_assert(!b.failed);
    byl_buf_reset(&b);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("bm25");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 60); /* a loaded machine; the work is well under a second */
    tcase_add_test(tc, test_idf);
    tcase_add_test(tc, test_tf_part_and_bounds);
    tcase_add_test(tc, test_short_documents_count_as_half_the_average);
    tcase_add_test(tc, test_average_lengths);
    tcase_add_test(tc, test_explain_line);
    suite_add_tcase(s, tc);
    return byl_test_run(s);
}
