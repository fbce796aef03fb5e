/*
 * test_fingerprint.c - body sketches and near-duplicate clusters: equal
 * texts give equal sketches, small edits stay close, unrelated texts are
 * far, trimmed copies are caught by containment, templated notices with
 * other figures are not copies; clusters span segments
 * written by separate runs; collapsed searches count and page by cluster;
 * a damaged sketch page is reported.
 */
#include <check.h>

#include "check_main.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "index/fingerprint.h"
#include "index/index.h"
#include "query/collapse.h"
#include "query/parser.h"
#include "query/search.h"
#include "text/analyzer.h"
#include "util/err.h"
#include "util/mem.h"

static char tmp[64];

static void setup(void)
{
    strcpy(tmp, "/tmp/byl_test_fpXXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(tmp));
}

static void teardown(void)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", tmp);
    ck_assert_int_eq(system(cmd), 0);
}

/* A body of n pseudo-words drawn by seed: distinct seeds, unrelated texts. */
static char *story(uint64_t seed, int n)
{
    static const char *const syl[] = {"ka", "lo", "mi", "ren", "sto", "vu", "pal", "dor",
                                      "ne", "zi", "tam", "bor", "gue", "fi", "sha", "wen"};
    char *s = malloc((size_t)n * 12 + 1), *p = s;
    for (int i = 0; i < n; i++) {
        seed = seed * 6364136223846793005ull + 1442695040888963407ull;
        uint32_t r = (uint32_t)(seed >> 33);
        p += sprintf(p, "%s%s%s%s", i ? " " : "", syl[r & 15], syl[(r >> 4) & 15],
                     syl[(r >> 8) & 15]);
        if (i % 17 == 16)
            *p++ = '.';
    }
    *p = '\0';
    return s;
}

static void sketch(const char *text, uint8_t *rec)
{
    byl_analyzer *an;
    ck_assert_int_eq(byl_analyzer_new(&an), BYL_OK);
    const byl_token *tk;
    size_t nt;
    const char *terms;
    ck_assert_int_eq(byl_analyze(an, text, strlen(text), BYL_AN_INDEX, &tk, &nt, &terms), BYL_OK);
    byl_fp_compute(tk, nt, terms, rec);
    byl_analyzer_free(an);
}

START_TEST(test_identical_texts_equal)
{
    char *a = story(1, 200), *b = strdup(a);
    uint8_t ra[BYL_FP_REC], rb[BYL_FP_REC];
    sketch(a, ra);
    sketch(b, rb);
    ck_assert_mem_eq(ra, rb, BYL_FP_REC);
    ck_assert_uint_eq(byl_fp_count(ra), 198);
    double j, c;
    byl_fp_similarity(ra, rb, &j, &c);
    ck_assert(j > 0.99 && c > 0.99);
    ck_assert_int_eq(byl_fp_close(ra, rb, NULL), 1);
    free(a);
    free(b);
}
END_TEST

START_TEST(test_small_edits_close)
{
    char *a = story(2, 300);
    /* a new dateline, a changed word in the middle, a dropped last word */
    size_t n = strlen(a);
    char *b = malloc(n + 64);
    snprintf(b, n + 64, "LONDON, March 3 (Wire) - %s", a);
    char *mid = b + strlen(b) / 2;
    while (*mid != ' ')
        mid++;
    memcpy(mid + 1, "xyzzy", 5);
    *strrchr(b, ' ') = '\0';
    uint8_t ra[BYL_FP_REC], rb[BYL_FP_REC];
    sketch(a, ra);
    sketch(b, rb);
    double j, c;
    byl_fp_similarity(ra, rb, &j, &c);
    ck_assert_msg(j > 0.8, "resemblance %f", j);
    ck_assert_int_eq(byl_fp_close(ra, rb, NULL), 1);
    free(a);
    free(b);
}
END_TEST

START_TEST(test_unrelated_far)
{
    uint8_t ra[BYL_FP_REC], rb[BYL_FP_REC];
    for (uint64_t s = 10; s < 30; s++) {
        char *a = story(s, 250), *b = story(s + 1000, 250);
        sketch(a, ra);
        sketch(b, rb);
        double j, c;
        byl_fp_similarity(ra, rb, &j, &c);
        ck_assert_msg(j < 0.15, "resemblance %f", j);
        ck_assert_int_eq(byl_fp_close(ra, rb, NULL), 0);
        free(a);
        free(b);
    }
}
END_TEST

START_TEST(test_trimmed_copy_contained)
{
    char *a = story(3, 400), *b = strdup(a);
    b[strlen(b) * 45 / 100] = '\0'; /* the first 45%: resemblance about 0.45 */
    uint8_t ra[BYL_FP_REC], rb[BYL_FP_REC];
    sketch(a, ra);
    sketch(b, rb);
    double j, c;
    byl_fp_similarity(ra, rb, &j, &c);
    ck_assert_msg(c > 0.85, "containment %f", c);
    ck_assert_int_eq(byl_fp_close(ra, rb, NULL), 1);
    free(a);
    free(b);
}
END_TEST

/* Same wording, different figures and names: a templated notice is a
 * different story each time. */
START_TEST(test_templated_stories_differ)
{
    const char *tpl = "%s is raising %d mln dlrs via an offering of convertible subordinated "
                      "debentures due %d with a %d pct coupon and par pricing, said lead manager "
                      "%s. The debentures are convertible into the company's common stock at "
                      "%d dlrs per share, representing a premium of %d pct over the stock price "
                      "when terms were set. The issue is rated by Moody's and by Standard and "
                      "Poor's. The company said it would use the proceeds to repay bank debt.";
    char a[1024], b[1024];
    snprintf(a, sizeof a, tpl, "Pope and Talbot Inc", 40, 2012, 6, "Smith Barney", 27, 24);
    snprintf(b, sizeof b, tpl, "Micropolis Corp", 75, 2011, 7, "Salomon Brothers", 44, 22);
    uint8_t ra[BYL_FP_REC], rb[BYL_FP_REC];
    sketch(a, ra);
    sketch(b, rb);
    double j, c;
    byl_fp_similarity(ra, rb, &j, &c);
    ck_assert_msg(j > 0.4, "the wording is shared: resemblance %f", j);
    ck_assert_int_eq(byl_fp_close(ra, rb, NULL), 0);
    /* the same notice again, with a dateline of its own, is a copy */
    char a2[1100];
    snprintf(a2, sizeof a2, "NEW YORK, March 4 - %s", a);
    sketch(a2, rb);
    ck_assert_int_eq(byl_fp_close(ra, rb, NULL), 1);
}
END_TEST

START_TEST(test_short_body_never_duplicate)
{
    uint8_t ra[BYL_FP_REC], rb[BYL_FP_REC];
    sketch("Two words", ra);
    ck_assert_uint_eq(byl_fp_count(ra), 0);
    sketch("Power restored across Lisbon.", rb);
    ck_assert_int_eq(byl_fp_close(rb, rb, NULL), 0); /* 2 shingles: under the minimum */
    sketch("Qtly div 25 cts vs 25 cts prior. Pay April 30. Record April 16.", ra);
    ck_assert_int_eq(byl_fp_close(ra, ra, NULL), 0); /* 13: a notice, not a story */
}
END_TEST

/* ---- clusters over an index ---- */

static void add(byl_index_writer *w, const char *id, const char *title, const char *body,
                int64_t date)
{
    byl_article a = {.id = id, .id_len = strlen(id), .title = title, .title_len = strlen(title),
                     .body = body, .body_len = strlen(body), .author = "", .source = "",
                     .url = "", .date = date, .file = "t"};
    ck_assert_int_eq(byl_index_writer_add(w, &a), BYL_OK);
}

static void run(const char *dir, int replace, void (*fill)(byl_index_writer *))
{
    byl_index_opts o = {.mem_budget = 64 << 20, .title_weight = 2, .replace = replace};
    byl_index_writer *w;
    ck_assert_int_eq(byl_index_writer_open(dir, &o, &w), BYL_OK);
    fill(w);
    ck_assert_int_eq(byl_index_writer_commit(w), BYL_OK);
    byl_index_writer_free(w);
}

/* Run 1: story A (dated 100), story B, an unrelated C. */
static void first(byl_index_writer *w)
{
    char *a = story(40, 250), *b = story(41, 250), *c = story(42, 250);
    add(w, "A", "Harbour strike ends", a, 100);
    add(w, "B", "Harbour budget passed", b, 50);
    add(w, "C", "Harbour regatta", c, 60);
    free(a);
    free(b);
    free(c);
}

/* Run 2: two copies of A (one trimmed, one with a dateline), one of B. */
static void second(byl_index_writer *w)
{
    char *a = story(40, 250), *b = story(41, 250), *t = malloc(strlen(a) + 64);
    snprintf(t, strlen(a) + 64, "OSLO, May 2 - %s", a);
    add(w, "A2", "UPDATE 1-Harbour strike ends", t, 200);
    a[strlen(a) * 7 / 10] = '\0';
    add(w, "A3", "Harbour strike is over", a, 40);
    add(w, "B2", "Harbour budget passed | Wire", b, 70);
    free(a);
    free(b);
    free(t);
}

static uint64_t gdoc_of(byl_index *ix, const char *id)
{
    for (size_t s = 0; s < byl_index_nsegments(ix); s++) {
        byl_segment *seg = byl_index_segment(ix, s);
        for (uint32_t d = 0; d < byl_segment_stats(seg)->ndocs; d++) {
            const char *x;
            size_t n;
            ck_assert_int_eq(byl_segment_doc_id(seg, d, &x, &n), BYL_OK);
            if (n == strlen(id) && memcmp(x, id, n) == 0)
                return byl_index_base(ix, s) + d;
        }
    }
    ck_abort_msg("no %s", id);
    return 0;
}

START_TEST(test_clusters_across_segments)
{
    char dir[128];
    snprintf(dir, sizeof dir, "%s/ix", tmp);
    run(dir, 1, first);
    run(dir, 0, second); /* appended: a second segment */
    byl_index *ix;
    ck_assert_int_eq(byl_index_open(dir, &ix), BYL_OK);
    ck_assert_uint_eq(byl_index_nsegments(ix), 2);
    byl_clusters *cl;
    ck_assert_int_eq(byl_clusters_new(&ix, 1, NULL, &cl), BYL_OK);
    ck_assert_int_eq(byl_clusters_build(cl), BYL_OK);
    uint64_t a = gdoc_of(ix, "A"), a2 = gdoc_of(ix, "A2"), a3 = gdoc_of(ix, "A3"),
             b = gdoc_of(ix, "B"), b2 = gdoc_of(ix, "B2"), c = gdoc_of(ix, "C");
    ck_assert_uint_eq(byl_clusters_of(cl, a2), byl_clusters_of(cl, a));
    ck_assert_uint_eq(byl_clusters_of(cl, a3), byl_clusters_of(cl, a));
    ck_assert_uint_eq(byl_clusters_of(cl, a), a); /* named by its smallest member */
    ck_assert_uint_eq(byl_clusters_of(cl, b2), byl_clusters_of(cl, b));
    ck_assert_uint_ne(byl_clusters_of(cl, b), byl_clusters_of(cl, a));
    ck_assert_uint_eq(byl_clusters_of(cl, c), c);
    uint64_t *m;
    size_t n;
    ck_assert_int_eq(byl_clusters_members(cl, a3, &m, &n), BYL_OK);
    ck_assert_uint_eq(n, 3);
    ck_assert(m[0] == a && m[1] == a2 && m[2] == a3);
    byl_free(m);

    /* collapsed search: every article says "harbour" */
    byl_searcher *s;
    ck_assert_int_eq(byl_searcher_new(&ix, 1, &s), BYL_OK);
    byl_qnode *q;
    ck_assert_int_eq(byl_query_parse("harbour strike", 14, &q), BYL_OK);
    byl_search_opts o;
    byl_search_opts_init(&o);
    const byl_group *g;
    size_t ng;
    uint64_t nclusters, nmatches;
    ck_assert_int_eq(byl_collapse_search(cl, s, q, &o, BYL_COLLAPSE_BEST, 10, &g, &ng, &nclusters,
                                         &nmatches), BYL_OK);
    ck_assert_uint_eq(nmatches, 6);
    ck_assert_uint_eq(nclusters, 3);
    ck_assert_uint_eq(ng, 3);
    ck_assert_uint_eq(byl_clusters_of(cl, g[0].hit.gdoc), a); /* the strike story first */
    ck_assert_uint_eq(g[0].similar, 2);
    uint32_t simsum = 0;
    for (size_t i = 0; i < ng; i++)
        simsum += g[i].similar;
    ck_assert_uint_eq(simsum, 3);
    /* paging: one group at a time, same order */
    ck_assert_int_eq(byl_collapse_search(cl, s, q, &o, BYL_COLLAPSE_BEST, 1, &g, &ng, &nclusters,
                                         &nmatches), BYL_OK);
    ck_assert_uint_eq(ng, 1);
    ck_assert_uint_eq(nclusters, 3);
    /* oldest: A3 (dated 40) stands for the strike story */
    ck_assert_int_eq(byl_collapse_search(cl, s, q, &o, BYL_COLLAPSE_OLDEST, 10, &g, &ng,
                                         &nclusters, &nmatches), BYL_OK);
    ck_assert_uint_eq(g[0].hit.gdoc, a3);
    ck_assert_int_eq(g[0].hit.date, 40);
    uint32_t ix3, seg3, doc3;
    byl_clusters_locate(cl, a3, &ix3, &seg3, &doc3);
    ck_assert_uint_eq(g[0].hit.seg, seg3);
    ck_assert_uint_eq(g[0].hit.doc, doc3);
    /* no collapsing: every match */
    ck_assert_int_eq(byl_collapse_search(cl, s, q, &o, BYL_COLLAPSE_NONE, 10, &g, &ng, &nclusters,
                                         &nmatches), BYL_OK);
    ck_assert_uint_eq(ng, 6);
    ck_assert_uint_eq(nclusters, 6);
    /* --count: no hits, the number of clusters */
    ck_assert_int_eq(byl_collapse_search(cl, s, q, &o, BYL_COLLAPSE_BEST, 0, &g, &ng, &nclusters,
                                         &nmatches), BYL_OK);
    ck_assert_uint_eq(ng, 0);
    ck_assert_uint_eq(nclusters, 3);
    /* the same from the saved cache (mapped, not computed), in either
     * mode and back again: the oldest-member arrays come and go */
    ck_assert_int_eq(byl_clusters_save(cl), BYL_OK);
    byl_clusters *cl2;
    ck_assert_int_eq(byl_clusters_new(&ix, 1, NULL, &cl2), BYL_OK);
    ck_assert_int_eq(byl_clusters_check_cache(cl2), BYL_OK);
    const int modes[] = {BYL_COLLAPSE_OLDEST, BYL_COLLAPSE_BEST, BYL_COLLAPSE_OLDEST,
                         BYL_COLLAPSE_BEST};
    for (size_t mi = 0; mi < sizeof modes / sizeof *modes; mi++) {
        const byl_group *g1, *g2;
        size_t n1, n2;
        uint64_t c1, c2, m1, m2;
        ck_assert_int_eq(byl_collapse_search(cl, s, q, &o, modes[mi], 10, &g1, &n1, &c1, &m1),
                         BYL_OK);
        byl_group first[10];
        memcpy(first, g1, n1 * sizeof *g1);
        ck_assert_int_eq(byl_collapse_search(cl2, s, q, &o, modes[mi], 10, &g2, &n2, &c2, &m2),
                         BYL_OK);
        ck_assert_uint_eq(n1, n2);
        ck_assert_uint_eq(c1, c2);
        ck_assert_uint_eq(m1, m2);
        for (size_t i = 0; i < n1; i++) {
            ck_assert_uint_eq(first[i].hit.gdoc, g2[i].hit.gdoc);
            ck_assert_uint_eq(first[i].similar, g2[i].similar);
            ck_assert_int_eq(first[i].hit.date, g2[i].hit.date);
        }
        if (modes[mi] == BYL_COLLAPSE_OLDEST)
            ck_assert_uint_eq(g2[0].hit.gdoc, a3);
    }
    for (uint64_t d = 0; d < 6; d++)
        ck_assert_uint_eq(byl_clusters_of(cl2, d), byl_clusters_of(cl, d));
    byl_clusters_free(cl2);
    byl_qnode_free(q);
    byl_searcher_free(s);
    byl_clusters_free(cl);
    byl_index_close(ix);
}
END_TEST

/* Many copies of one story: the first pass (4k + 32 hits) holds only
 * copies, and the second ranks every match to fill the page. */
static void many(byl_index_writer *w)
{
    char *a = story(50, 200);
    for (int i = 0; i < 60; i++) {
        char id[16];
        snprintf(id, sizeof id, "copy%d", i);
        add(w, id, "Ferry fares rise again", a, i);
    }
    char *b = story(51, 200);
    add(w, "other", "Ferry timetable", b, 5);
    free(a);
    free(b);
}

START_TEST(test_collapse_second_pass)
{
    char dir[128];
    snprintf(dir, sizeof dir, "%s/many", tmp);
    run(dir, 1, many);
    byl_index *ix;
    ck_assert_int_eq(byl_index_open(dir, &ix), BYL_OK);
    byl_clusters *cl;
    ck_assert_int_eq(byl_clusters_new(&ix, 1, NULL, &cl), BYL_OK);
    byl_searcher *s;
    ck_assert_int_eq(byl_searcher_new(&ix, 1, &s), BYL_OK);
    byl_qnode *q;
    ck_assert_int_eq(byl_query_parse("ferry fares", 11, &q), BYL_OK);
    byl_search_opts o;
    byl_search_opts_init(&o);
    const byl_group *g;
    size_t ng;
    uint64_t nclusters, nmatches;
    ck_assert_int_eq(byl_collapse_search(cl, s, q, &o, BYL_COLLAPSE_BEST, 2, &g, &ng, &nclusters,
                                         &nmatches), BYL_OK);
    ck_assert_uint_eq(nmatches, 61);
    ck_assert_uint_eq(nclusters, 2);
    ck_assert_uint_eq(ng, 2);
    ck_assert_uint_eq(g[0].similar + g[1].similar, 59);
    byl_qnode_free(q);
    byl_searcher_free(s);
    byl_clusters_free(cl);
    byl_index_close(ix);
}
END_TEST

START_TEST(test_damaged_sketch_reported)
{
    char dir[128], seg[256];
    snprintf(dir, sizeof dir, "%s/dam", tmp);
    run(dir, 1, first);
    byl_index *ix;
    ck_assert_int_eq(byl_index_open(dir, &ix), BYL_OK);
    uint64_t size = byl_segment_size(byl_index_segment(ix, 0));
    uint64_t fplen = byl_segment_section_size(byl_index_segment(ix, 0), BYL_SEC_FPRINT);
    ck_assert_uint_eq(fplen, 3 * BYL_FP_REC);
    byl_index_close(ix);
    /* the FPRINT section is the last before the footer; flip a byte of the
     * first sketch by finding the segment file */
    char cmd[512];
    snprintf(cmd, sizeof cmd, "ls %s/*.seg > %s/segname", dir, tmp);
    ck_assert_int_eq(system(cmd), 0);
    snprintf(cmd, sizeof cmd, "%s/segname", tmp);
    FILE *f = fopen(cmd, "r");
    ck_assert_ptr_nonnull(f);
    ck_assert_ptr_nonnull(fgets(seg, sizeof seg, f));
    fclose(f);
    seg[strcspn(seg, "\n")] = '\0';
    ck_assert_int_eq(byl_index_open(dir, &ix), BYL_OK);
    byl_segment *sg = byl_index_segment(ix, 0);
    const uint8_t *rec;
    ck_assert_int_eq(byl_segment_fingerprint(sg, 0, &rec), BYL_OK);
    ck_assert_int_eq(byl_segment_fingerprint(sg, 3, &rec), BYL_EINVAL);
    byl_index_close(ix);
    (void)size;
    /* find the sketch's offset: it is the last section, fplen bytes ending
     * at the footer; flip its first byte in place */
    f = fopen(seg, "r+b");
    ck_assert_ptr_nonnull(f);
    uint8_t tail[32];
    ck_assert_int_eq(fseek(f, -32, SEEK_END), 0);
    ck_assert_uint_eq(fread(tail, 1, 32, f), 32);
    uint64_t footer = 0;
    for (int i = 7; i >= 0; i--)
        footer = footer << 8 | tail[i];
    ck_assert_int_eq(fseek(f, (long)(footer - fplen + 5), SEEK_SET), 0);
    int ch = fgetc(f);
    ck_assert_int_eq(fseek(f, (long)(footer - fplen + 5), SEEK_SET), 0);
    fputc(ch ^ 0x40, f);
    fclose(f);
    ck_assert_int_eq(byl_index_open(dir, &ix), BYL_OK);
    byl_clusters *cl;
    ck_assert_int_eq(byl_clusters_new(&ix, 1, NULL, &cl), BYL_OK);
    ck_assert_int_eq(byl_clusters_build(cl), BYL_ECORRUPT);
    ck_assert_ptr_nonnull(strstr(byl_error_msg(), "checksum"));
    byl_clusters_free(cl);
    byl_index_close(ix);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("fingerprint");
    TCase *tc = tcase_create("sketch");
    tcase_add_test(tc, test_identical_texts_equal);
    tcase_add_test(tc, test_small_edits_close);
    tcase_add_test(tc, test_unrelated_far);
    tcase_add_test(tc, test_trimmed_copy_contained);
    tcase_add_test(tc, test_templated_stories_differ);
    tcase_add_test(tc, test_short_body_never_duplicate);
    suite_add_tcase(s, tc);
    TCase *tc2 = tcase_create("clusters");
    tcase_set_timeout(tc2, 60);
    tcase_add_checked_fixture(tc2, setup, teardown);
    tcase_add_test(tc2, test_clusters_across_segments);
    tcase_add_test(tc2, test_collapse_second_pass);
    tcase_add_test(tc2, test_damaged_sketch_reported);
    suite_add_tcase(s, tc2);
    return byl_test_run(s);
}
