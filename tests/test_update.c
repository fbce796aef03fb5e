/*
 * test_update.c - incremental updates score exactly as a rebuild.
 *
 * Seeded random sequences of adds (some replacing articles by id),
 * deletes and merges run against one index, while a model keeps the live
 * articles; after every step an index built from scratch over the model's
 * articles must give the same matches with the same scores (relative error
 * 1e-9) for a fixed set of queries: words, phrases, names, fields,
 * prefixes, conjunctions, exclusions and date ranges.  Also: deletion
 * files survive reopening, the lock refuses a second writer, ids that
 * repeat within one build keep the last version, and check run while a
 * writer commits sees a healthy index.
 */
#include <check.h>

#include "check_main.h"
#include "gen.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "index/check.h"
#include "index/index.h"
#include "query/parser.h"
#include "query/search.h"
#include "util/err.h"

#define POOL 24      /* distinct ids */
#define MAXTEXT 2048

static char tmpdir[64];


static const char *const words[] = {
    "export", "controls", "chip", "chips", "model", "models", "market", "shares",
    "rose", "fell", "regulators", "said", "on", "the", "a", "new", "court", "ruling",
    "startup", "funding", "round", "investors", "semiconductor", "talks", "China",
    "prices", "oil", "bank", "rates", "inflation"};
static const char *const names[] = {"Qiao Siyuan", "Qiao Mu", "Zhang Yiming", "Yiming Zhang",
                                    "Priya Raman", "ByteDance", "U.S."};

typedef struct article {
    int live;
    unsigned stamp;          /* when its latest version was added */
    char id[16];
    char title[256];
    char body[MAXTEXT];
    long long date;
} article;

static void make_text(uint64_t *s, char *buf, size_t cap, int nwords)
{
    gen_text(s, buf, cap, nwords, words, sizeof words / sizeof *words, names,
             sizeof names / sizeof *names);
}

static void make_article(uint64_t *s, article *a, int id)
{
    snprintf(a->id, sizeof a->id, "a%02d", id);
    make_text(s, a->title, sizeof a->title, 1 + (int)(rnd(s) % 6));
    make_text(s, a->body, sizeof a->body, 3 + (int)(rnd(s) % 120));
    a->date = 1700000000LL + 86400LL * (rnd(s) % 60);
}

static byl_article as_doc(const article *a)
{
    byl_article d = {.id = a->id, .id_len = strlen(a->id), .title = a->title,
                     .title_len = strlen(a->title), .body = a->body, .body_len = strlen(a->body),
                     .author = "", .source = "", .url = "", .date = a->date, .file = "test"};
    return d;
}

static byl_index_writer *open_writer(const char *dir, int replace, size_t mem)
{
    byl_index_opts o = {.mem_budget = mem, .title_weight = replace ? 2 : 0, .replace = replace};
    byl_index_writer *w;
    ck_assert_msg(byl_index_writer_open(dir, &o, &w) == BYL_OK, "%s", byl_error_msg());
    return w;
}

/* The model's live articles, in the order their versions were added. */
static void rebuild(const char *dir, const article *m)
{
    byl_index_writer *w = open_writer(dir, 1, (size_t)64 << 20);
    unsigned next = 0;
    for (;;) {
        int best = -1;
        for (int i = 0; i < POOL; i++)
            if (m[i].live && m[i].stamp >= next && (best < 0 || m[i].stamp < m[best].stamp))
                best = i;
        if (best < 0)
            break;
        byl_article d = as_doc(&m[best]);
        ck_assert_int_eq(byl_index_writer_add(w, &d), BYL_OK);
        next = m[best].stamp + 1;
    }
    if (byl_index_writer_docs(w))
        ck_assert_msg(byl_index_writer_commit(w) == BYL_OK, "%s", byl_error_msg());
    byl_index_writer_free(w);
}

typedef struct result {
    char id[16];
    double score;
} result;

static int cmp_result(const void *a, const void *b)
{
    return strcmp(((const result *)a)->id, ((const result *)b)->id);
}

/* Every match of q with its score, sorted by id; the number in *n. */
static result *run_query(const char *dir, const char *q, size_t *n, int fast)
{
    byl_index *ix;
    *n = 0;
    if (byl_index_open(dir, &ix) == BYL_ENOTFOUND)
        return NULL;
    byl_searcher *s;
    ck_assert_int_eq(byl_searcher_new(&ix, 1, &s), BYL_OK);
    byl_qnode *node;
    ck_assert_int_eq(byl_query_parse(q, strlen(q), &node), BYL_OK);
    byl_search_opts o;
    byl_search_opts_init(&o);
    o.k = fast ? 5 : 1000;
    o.count_total = !fast;
    const byl_hit *hits;
    size_t nh;
    uint64_t total;
    ck_assert_msg(byl_search(s, node, &o, &hits, &nh, &total) == BYL_OK, "%s", byl_error_msg());
    result *r = calloc(nh + 1, sizeof *r);
    for (size_t i = 0; i < nh; i++) {
        const char *id;
        size_t len;
        ck_assert_int_eq(byl_segment_doc_id(byl_index_segment(ix, hits[i].seg), hits[i].doc, &id,
                                            &len), BYL_OK);
        snprintf(r[i].id, sizeof r[i].id, "%.*s", (int)len, id);
        r[i].score = hits[i].score;
    }
    if (!fast)
        ck_assert_uint_eq(total, nh);
    *n = nh;
    byl_qnode_free(node);
    byl_searcher_free(s);
    byl_index_close(ix);
    if (!fast)
        qsort(r, nh, sizeof *r, cmp_result);
    return r;
}

static const char *const queries[] = {
    "export", "chips", "export controls", "\"export controls\"", "Qiao Siyuan",
    "Zhang Yiming", "\"Yiming Zhang\"", "name:\"Qiao Siyuan\"", "title:model", "body:oil",
    "exp*", "+chip -market", "market AND rates", "bytedance", "us", "U.S.",
    "prices date:2023-11-15..2023-12-10", "the", "court ruling NOT China"};

static void compare(const char *updated, const char *fresh, const char *step)
{
    for (size_t q = 0; q < sizeof queries / sizeof *queries; q++) {
        for (int fast = 0; fast < 2; fast++) {
            size_t na, nb;
            result *a = run_query(updated, queries[q], &na, fast);
            result *b = run_query(fresh, queries[q], &nb, fast);
            ck_assert_msg(na == nb, "%s: '%s': %zu matches, rebuilt index %zu", step, queries[q],
                          na, nb);
            for (size_t i = 0; i < na; i++) {
                if (!fast)
                    ck_assert_msg(strcmp(a[i].id, b[i].id) == 0, "%s: '%s': %s vs %s", step,
                                  queries[q], a[i].id, b[i].id);
                ck_assert_msg(fabs(a[i].score - b[i].score) <= 1e-9 * fmax(1.0, b[i].score),
                              "%s: '%s': %s scores %.12f, rebuilt %.12f", step, queries[q],
                              a[i].id, a[i].score, b[i].score);
            }
            free(a);
            free(b);
        }
    }
}

static void assert_intact(const char *dir)
{
    byl_check_result r;
    int rc = byl_index_check(dir, NULL, NULL, &r);
    ck_assert_msg(rc == BYL_OK || rc == BYL_ENOTFOUND, "check %s: %s", dir, byl_error_msg());
}

START_TEST(test_random_sequences_score_as_rebuild)
{
    char dir[128], fresh[128];
    snprintf(dir, sizeof dir, "%s/ix%d", tmpdir, _i);
    snprintf(fresh, sizeof fresh, "%s/fresh%d", tmpdir, _i);
    uint64_t seed = 0x5eed0000u + (uint64_t)_i * 7919;
    article m[POOL];
    memset(m, 0, sizeof m);
    unsigned stamp = 1;
    size_t most_segments = 0, most_deleted = 0;
    for (int step = 0; step < 14; step++) {
        uint32_t op = step == 0 ? 0 : rnd(&seed) % 10;
        char what[96];
        if (op < 5) {
            /* add (build on the first step), small budgets make several segments */
            size_t mem = rnd(&seed) % 2 ? (size_t)64 << 10 : (size_t)64 << 20;
            byl_index_writer *w = open_writer(dir, step == 0, mem);
            int n = 1 + (int)(rnd(&seed) % 9);
            for (int k = 0; k < n; k++) {
                int id = (int)(rnd(&seed) % POOL);
                make_article(&seed, &m[id], id);
                m[id].live = 1;
                m[id].stamp = stamp++;
                byl_article d = as_doc(&m[id]);
                ck_assert_int_eq(byl_index_writer_add(w, &d), BYL_OK);
            }
            ck_assert_msg(byl_index_writer_commit(w) == BYL_OK, "%s", byl_error_msg());
            byl_index_writer_free(w);
            snprintf(what, sizeof what, "seq %d step %d (add %d)", _i, step, n);
        } else if (op < 8) {
            byl_index_writer *w = open_writer(dir, 0, (size_t)64 << 20);
            int n = 1 + (int)(rnd(&seed) % 4);
            uint64_t found = 0, expect = 0;
            for (int k = 0; k < n; k++) {
                int id = (int)(rnd(&seed) % POOL);
                char name[16];
                snprintf(name, sizeof name, "a%02d", id);
                uint64_t f;
                ck_assert_int_eq(byl_index_writer_delete(w, name, strlen(name), &f), BYL_OK);
                found += f;
                expect += (uint64_t)m[id].live;
                m[id].live = 0;
            }
            ck_assert_uint_eq(found, expect);
            ck_assert_msg(byl_index_writer_commit(w) == BYL_OK, "%s", byl_error_msg());
            byl_index_writer_free(w);
            snprintf(what, sizeof what, "seq %d step %d (delete %d)", _i, step, n);
        } else {
            byl_index_writer *w = open_writer(dir, 0, (size_t)64 << 20);
            uint32_t merged;
            int all = op == 9;
            ck_assert_int_eq(byl_index_writer_merge(w, all, NULL, NULL, &merged), BYL_OK);
            if (merged)
                ck_assert_msg(byl_index_writer_commit(w) == BYL_OK, "%s", byl_error_msg());
            byl_index_writer_free(w);
            snprintf(what, sizeof what, "seq %d step %d (merge%s)", _i, step, all ? "" : " tiered");
        }
        assert_intact(dir);
        byl_index *ix;
        if (byl_index_open(dir, &ix) == BYL_OK) {
            if (byl_index_nsegments(ix) > most_segments)
                most_segments = byl_index_nsegments(ix);
            if (byl_index_stats(ix)->ndeleted > most_deleted)
                most_deleted = byl_index_stats(ix)->ndeleted;
            byl_index_close(ix);
        }
        rebuild(fresh, m);
        compare(dir, fresh, what);
    }
    /* the sequence did exercise several segments and deletion files */
    ck_assert_uint_gt(most_segments, 1);
    ck_assert_uint_gt(most_deleted, 0);
}
END_TEST

START_TEST(test_last_version_wins_within_a_build)
{
    char dir[128];
    snprintf(dir, sizeof dir, "%s/dups", tmpdir);
    byl_index_writer *w = open_writer(dir, 1, (size_t)64 << 10);
    uint64_t seed = 42;
    article a;
    for (int k = 0; k < 300; k++) {
        make_article(&seed, &a, k % 7);
        if (k == 299)
            strcpy(a.title, "zebra");
        byl_article d = as_doc(&a);
        ck_assert_int_eq(byl_index_writer_add(w, &d), BYL_OK);
    }
    ck_assert_int_eq(byl_index_writer_commit(w), BYL_OK);
    ck_assert_uint_eq(byl_index_writer_deleted(w), 293);
    byl_index_writer_free(w);
    byl_index *ix;
    ck_assert_int_eq(byl_index_open(dir, &ix), BYL_OK);
    ck_assert_uint_eq(byl_index_stats(ix)->ndocs - byl_index_stats(ix)->ndeleted, 7);
    byl_index_close(ix);
    size_t n;
    result *r = run_query(dir, "zebra", &n, 0);
    ck_assert_uint_eq(n, 1);
    ck_assert_str_eq(r[0].id, "a05"); /* 299 % 7 */
    free(r);
    assert_intact(dir);
}
END_TEST

/* Ten small segments make a full tier: the tiered policy merges them into
 * one; a segment more than half deleted is rewritten on its own. */
START_TEST(test_tiered_policy)
{
    char dir[128];
    snprintf(dir, sizeof dir, "%s/tiers", tmpdir);
    uint64_t seed = 7;
    article a;
    for (int seg = 0; seg < BYL_MERGE_FACTOR; seg++) {
        byl_index_writer *w = open_writer(dir, seg == 0, (size_t)64 << 20);
        for (int k = 0; k < 3; k++) {
            make_article(&seed, &a, seg * 3 + k);
            byl_article d = as_doc(&a);
            ck_assert_int_eq(byl_index_writer_add(w, &d), BYL_OK);
        }
        ck_assert_int_eq(byl_index_writer_commit(w), BYL_OK);
        byl_index_writer_free(w);
        byl_index *ix;
        ck_assert_int_eq(byl_index_open(dir, &ix), BYL_OK);
        ck_assert_uint_eq(byl_index_nsegments(ix), (size_t)seg + 1);
        byl_index_close(ix);
        if (seg == BYL_MERGE_FACTOR - 2) {
            /* nine segments: not yet a full tier */
            w = open_writer(dir, 0, (size_t)64 << 20);
            uint32_t merged;
            ck_assert_int_eq(byl_index_writer_merge(w, 0, NULL, NULL, &merged), BYL_OK);
            ck_assert_uint_eq(merged, 0);
            byl_index_writer_free(w);
        }
    }
    byl_index_writer *w = open_writer(dir, 0, (size_t)64 << 20);
    uint32_t merged;
    ck_assert_int_eq(byl_index_writer_merge(w, 0, NULL, NULL, &merged), BYL_OK);
    ck_assert_uint_eq(merged, BYL_MERGE_FACTOR);
    ck_assert_int_eq(byl_index_writer_commit(w), BYL_OK);
    byl_index_writer_free(w);
    byl_index *ix;
    ck_assert_int_eq(byl_index_open(dir, &ix), BYL_OK);
    ck_assert_uint_eq(byl_index_nsegments(ix), 1);
    ck_assert_uint_eq(byl_index_stats(ix)->ndocs, 3 * BYL_MERGE_FACTOR);
    byl_index_close(ix);
    /* delete 16 of the 30: the segment is rewritten without them */
    w = open_writer(dir, 0, (size_t)64 << 20);
    for (int k = 0; k < 16; k++) {
        char id[16];
        uint64_t f;
        snprintf(id, sizeof id, "a%02d", k);
        ck_assert_int_eq(byl_index_writer_delete(w, id, strlen(id), &f), BYL_OK);
        ck_assert_uint_eq(f, 1);
    }
    ck_assert_int_eq(byl_index_writer_commit(w), BYL_OK);
    byl_index_writer_free(w);
    /* alone, the size-tiered policy leaves it: rewriting one segment
     * makes no fewer (review r28); a merge asked for drops them */
    w = open_writer(dir, 0, (size_t)64 << 20);
    ck_assert_int_eq(byl_index_writer_merge(w, 0, NULL, NULL, &merged), BYL_OK);
    ck_assert_uint_eq(merged, 0);
    byl_index_writer_free(w);
    w = open_writer(dir, 0, (size_t)64 << 20);
    ck_assert_int_eq(byl_index_writer_merge(w, 1, NULL, NULL, &merged), BYL_OK);
    ck_assert_uint_eq(merged, 1);
    ck_assert_int_eq(byl_index_writer_commit(w), BYL_OK);
    byl_index_writer_free(w);
    ck_assert_int_eq(byl_index_open(dir, &ix), BYL_OK);
    ck_assert_uint_eq(byl_index_stats(ix)->ndocs, 14);
    ck_assert_uint_eq(byl_index_stats(ix)->ndeleted, 0);
    byl_index_close(ix);
    assert_intact(dir);
}
END_TEST

START_TEST(test_one_writer_at_a_time)
{
    char dir[128];
    snprintf(dir, sizeof dir, "%s/locked", tmpdir);
    byl_index_writer *w = open_writer(dir, 1, (size_t)64 << 20);
    byl_index_opts o = {.mem_budget = (size_t)64 << 20, .replace = 0};
    byl_index_writer *w2;
    ck_assert_int_eq(byl_index_writer_open(dir, &o, &w2), BYL_EBUSY);
    ck_assert_ptr_nonnull(strstr(byl_error_msg(), "another byline-index"));
    byl_index_writer_free(w);
    ck_assert_int_eq(byl_index_writer_open(dir, &o, &w2), BYL_OK);
    byl_index_writer_free(w2);
}
END_TEST

/* One change by the child writer of test_check_during_writes: an add of
 * 30 articles, some replacing (a deletion file each time), and every third
 * change a merge of everything; 0, or 1 when it failed. */
static int write_once(const char *dir, int round, uint64_t *seed)
{
    byl_index_opts o = {.mem_budget = (size_t)64 << 20};
    byl_index_writer *w;
    if (byl_index_writer_open(dir, &o, &w))
        return 1;
    int rc = 0;
    for (int k = 0; k < 30 && !rc; k++) {
        article a;
        make_article(seed, &a, (int)(rnd(seed) % 90));
        byl_article d = as_doc(&a);
        rc = byl_index_writer_add(w, &d);
    }
    if (!rc)
        rc = byl_index_writer_commit(w);
    byl_index_writer_free(w);
    if (!rc && round % 3 == 2 && !(rc = byl_index_writer_open(dir, &o, &w))) {
        uint32_t merged;
        rc = byl_index_writer_merge(w, 1, NULL, NULL, &merged);
        if (!rc && merged)
            rc = byl_index_writer_commit(w);
        byl_index_writer_free(w);
    }
    return rc != 0;
}

static void count_problem(void *ctx, const char *problem)
{
    char *first = ctx;
    if (!first[0])
        snprintf(first, 512, "%s", problem);
}

/* check run while another process adds, replaces and merges: each commit
 * removes files the MANIFEST check read a moment before named, yet check
 * must see the index before or after the change and call it intact (it
 * used to say "missing (the manifest names it)" and send the user to
 * repair a healthy index). */
START_TEST(test_check_during_writes)
{
    char dir[128];
    snprintf(dir, sizeof dir, "%s/busy", tmpdir);
    uint64_t seed = 0xc4ec;
    byl_index_writer *w = open_writer(dir, 1, (size_t)1 << 20);
    for (int k = 0; k < 3000; k++) {
        article a;
        make_article(&seed, &a, k % 90);
        snprintf(a.id, sizeof a.id, "base%d", k);
        byl_article d = as_doc(&a);
        ck_assert_int_eq(byl_index_writer_add(w, &d), BYL_OK);
    }
    ck_assert_msg(byl_index_writer_commit(w) == BYL_OK, "%s", byl_error_msg());
    byl_index_writer_free(w);
    pid_t pid = fork();
    ck_assert_int_ge(pid, 0);
    if (pid == 0) {
        for (int round = 0; round < 40; round++)
            if (write_once(dir, round, &seed))
                _exit(1);
        _exit(0);
    }
    int checks = 0, damaged = 0, status;
    char first[512] = "";
    while (waitpid(pid, &status, WNOHANG) == 0) {
        byl_check_result r;
        int rc = byl_index_check(dir, count_problem, first, &r);
        ck_assert_msg(rc == BYL_OK || rc == BYL_ECORRUPT, "check: %s", byl_error_msg());
        checks++;
        damaged += rc != BYL_OK;
    }
    ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the writer failed");
    ck_assert_msg(damaged == 0, "%d of %d checks during writes found damage: %s", damaged, checks,
                  first);
    ck_assert_int_gt(checks, 5);
    assert_intact(dir);
}
END_TEST

static void setup(void)
{
    strcpy(tmpdir, "/tmp/byl_test_updateXXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(tmpdir));
}

static void teardown(void)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", tmpdir);
    ck_assert_int_eq(system(cmd), 0);
}

int main(void)
{
    Suite *su = suite_create("update");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 300);
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_loop_test(tc, test_random_sequences_score_as_rebuild, 0, 6);
    tcase_add_test(tc, test_last_version_wins_within_a_build);
    tcase_add_test(tc, test_tiered_policy);
    tcase_add_test(tc, test_one_writer_at_a_time);
    tcase_add_test(tc, test_check_during_writes);
    suite_add_tcase(su, tc);
    return byl_test_run(su);
}
