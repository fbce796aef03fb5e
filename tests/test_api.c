/*
 * test_api.c - the reading half of the public API (byline.h), checked
 * against the internal modules it wraps and against itself: one index and
 * the same articles split over two give the same scores; a page is a slice
 * of a longer ranking; collapsed results account for every match; snippet
 * spans lie inside their text and mark query words; articles read back as
 * written; four threads with their own searchers over one collection see
 * what one thread sees; every error path gives its code and a message that
 * names the file or column; random queries never crash.  Indexes are
 * built with the internal writer (index/index.h) from a seeded corpus.
 */
#include <check.h>
#include <fcntl.h>

#include "check_main.h"
#include <ctype.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "byline.h"
#include "doc/reader.h"
#include "index/index.h"

#define NDOCS 300
#define NDUPS 40 /* articles 0..NDUPS-1 are copied as NDOCS..NDOCS+NDUPS-1 */

static const char *const vocab[] = {"oil",    "gold",   "wheat",  "copper", "coffee",
                                    "sugar",  "zinc",   "tin",    "cocoa",  "rubber",
                                    "silver", "cotton", "barley", "nickel", "lead",
                                    "tea",    "rice",   "maize",  "wool",   "timber"};
#define NVOCAB (sizeof vocab / sizeof *vocab)

typedef struct tdoc {
    char id[24], title[160], body[1200], author[32], source[32], url[64], tags[32];
    int64_t date;
} tdoc;

static tdoc docs[NDOCS + NDUPS];
static char tmpdir[64], whole[128], parta[128], partb[128];

static uint32_t rnd(uint64_t *s)
{
    *s = *s * 6364136223846793005ull + 1442695040888963407ull;
    return (uint32_t)(*s >> 33);
}

static void words(uint64_t *seed, int n, char *buf, size_t cap)
{
    buf[0] = '\0';
    for (int k = 0; k < n; k++) {
        /* skewed: low words are frequent, so document frequencies differ */
        size_t w = rnd(seed) % NVOCAB * (rnd(seed) % NVOCAB) / NVOCAB;
        if (k)
            strncat(buf, " ", cap - strlen(buf) - 1);
        strncat(buf, vocab[w], cap - strlen(buf) - 1);
    }
}

static void make_docs(void)
{
    uint64_t seed = 42;
    for (int i = 0; i < NDOCS; i++) {
        tdoc *d = &docs[i];
        snprintf(d->id, sizeof d->id, "a%03d", i);
        words(&seed, 1 + (int)(rnd(&seed) % 6), d->title, sizeof d->title);
        words(&seed, 60 + (int)(rnd(&seed) % 80), d->body, sizeof d->body);
        snprintf(d->author, sizeof d->author, "%s", i % 3 ? "Ann Lee" : "");
        snprintf(d->source, sizeof d->source, "%s", i % 2 ? "Wire" : "Post");
        snprintf(d->url, sizeof d->url, "https://example.org/%d", i);
        snprintf(d->tags, sizeof d->tags, "%s", i % 4 ? "markets\ncommodities" : "");
        d->date = i % 10 == 9 ? BYL_NO_DATE : 86400LL * (17000 + i);
    }
    for (int i = 0; i < NDUPS; i++) { /* syndicated copies: same text, later */
        docs[NDOCS + i] = docs[i];
        snprintf(docs[NDOCS + i].id, sizeof docs[0].id, "copy%03d", i);
        docs[NDOCS + i].date = 86400LL * (18000 + i);
    }
}

static void build(const char *dir, int from, int to)
{
    byl_index_opts o = {.mem_budget = 8 << 20, .title_weight = 2, .replace = 1};
    byl_index_writer *w;
    ck_assert_int_eq(byl_index_writer_open(dir, &o, &w), BYLINE_OK);
    for (int i = from; i < to; i++) {
        const tdoc *d = &docs[i];
        byl_article a = {.id = d->id, .id_len = strlen(d->id), .title = d->title,
                         .title_len = strlen(d->title), .body = d->body,
                         .body_len = strlen(d->body), .author = d->author,
                         .author_len = strlen(d->author), .source = d->source,
                         .source_len = strlen(d->source), .url = d->url,
                         .url_len = strlen(d->url), .tags = d->tags, .tags_len = strlen(d->tags),
                         .date = d->date, .file = "test"};
        ck_assert_int_eq(byl_index_writer_add(w, &a), BYLINE_OK);
    }
    ck_assert_int_eq(byl_index_writer_commit(w), BYLINE_OK);
    byl_index_writer_free(w);
}

static void setup(void)
{
    make_docs();
    strcpy(tmpdir, "/tmp/byl_test_apiXXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(tmpdir));
    snprintf(whole, sizeof whole, "%s/whole", tmpdir);
    snprintf(parta, sizeof parta, "%s/a", tmpdir);
    snprintf(partb, sizeof partb, "%s/b", tmpdir);
    build(whole, 0, NDOCS + NDUPS);
    build(parta, 0, NDOCS / 2);
    build(partb, NDOCS / 2, NDOCS + NDUPS);
}

static void teardown(void)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", tmpdir);
    ck_assert_int_eq(system(cmd), 0);
}

/* A seeded query of 1 to 3 vocabulary words, sometimes a phrase or
 * required word. */
static void random_query(uint64_t *seed, char *buf, size_t cap)
{
    int n = 1 + (int)(rnd(seed) % 3);
    buf[0] = '\0';
    for (int k = 0; k < n; k++) {
        const char *pre = rnd(seed) % 5 == 0 ? "+" : "";
        size_t len = strlen(buf);
        snprintf(buf + len, cap - len, "%s%s%s", k ? " " : "", pre, vocab[rnd(seed) % NVOCAB]);
    }
}

typedef struct result {
    char id[24];
    double score;
} result;

/* Runs q with opts o and copies up to cap hits into r; returns the count. */
static size_t run(byline_searcher *s, const char *q, const byline_search_opts *o, result *r,
                  size_t cap, uint64_t *total)
{
    byline_query *bq;
    ck_assert_int_eq(byline_query_parse(q, &bq), BYLINE_OK);
    size_t n;
    ck_assert_int_eq(byline_search(s, bq, o, &n, total), BYLINE_OK);
    byline_query_free(bq);
    ck_assert_uint_le(n, cap);
    for (size_t i = 0; i < n; i++) {
        byline_hit h;
        ck_assert_int_eq(byline_hit_get(s, i, &h), BYLINE_OK);
        ck_assert_uint_lt(h.id_len, sizeof r[i].id);
        ck_assert_uint_eq(strlen(h.id), h.id_len);
        memcpy(r[i].id, h.id, h.id_len + 1);
        r[i].score = h.score;
    }
    return n;
}

START_TEST(test_many_indexes_score_as_one)
{
    byline_collection *one, *two;
    ck_assert_int_eq(byline_open(whole, &one), BYLINE_OK);
    const char *dirs[] = {parta, partb};
    ck_assert_int_eq(byline_open_many(dirs, 2, &two), BYLINE_OK);
    byline_info i1, i2;
    ck_assert_int_eq(byline_info_get(one, &i1), BYLINE_OK);
    ck_assert_int_eq(byline_info_get(two, &i2), BYLINE_OK);
    ck_assert_uint_eq(i1.articles, NDOCS + NDUPS);
    ck_assert_uint_eq(i2.articles, NDOCS + NDUPS);
    ck_assert_uint_eq(i2.indexes, 2);
    ck_assert_int_eq(i1.first_date, i2.first_date);
    ck_assert_int_eq(i1.last_date, 86400LL * (18000 + NDUPS - 1));
    byline_searcher *s1, *s2;
    ck_assert_int_eq(byline_searcher_new(one, &s1), BYLINE_OK);
    ck_assert_int_eq(byline_searcher_new(two, &s2), BYLINE_OK);
    byline_search_opts o;
    byline_search_opts_init(&o);
    o.k = 30;
    uint64_t seed = 7;
    for (int t = 0; t < 60; t++) {
        char q[128];
        random_query(&seed, q, sizeof q);
        result r1[30], r2[30];
        uint64_t t1, t2;
        size_t n1 = run(s1, q, &o, r1, 30, &t1), n2 = run(s2, q, &o, r2, 30, &t2);
        ck_assert_uint_eq(t1, t2);
        ck_assert_uint_eq(n1, n2);
        for (size_t i = 0; i < n1; i++) {
            ck_assert_msg(fabs(r1[i].score - r2[i].score) < 1e-9, "%s: rank %zu: %f vs %f", q,
                          i, r1[i].score, r2[i].score);
            ck_assert_str_eq(r1[i].id, r2[i].id);
        }
    }
    byline_searcher_free(s1);
    byline_searcher_free(s2);
    byline_close(one);
    byline_close(two);
}
END_TEST

START_TEST(test_paging_is_a_slice)
{
    byline_collection *c;
    byline_searcher *s;
    ck_assert_int_eq(byline_open(whole, &c), BYLINE_OK);
    ck_assert_int_eq(byline_searcher_new(c, &s), BYLINE_OK);
    uint64_t seed = 11;
    for (int t = 0; t < 40; t++) {
        char q[128];
        random_query(&seed, q, sizeof q);
        for (int mode = 0; mode < 3; mode++) {
            byline_search_opts o;
            byline_search_opts_init(&o);
            o.collapse = mode;
            o.sort = t % 3;
            o.k = 60;
            result all[60], page[60];
            uint64_t ta, tp;
            size_t na = run(s, q, &o, all, 60, &ta);
            o.offset = rnd(&seed) % 40;
            o.k = 1 + rnd(&seed) % 20; /* offset + k < 60: inside the longer ranking */
            size_t np = run(s, q, &o, page, 60, &tp);
            ck_assert_uint_eq(ta, tp);
            size_t want = o.offset < na ? na - o.offset : 0;
            ck_assert_uint_eq(np, want < o.k ? want : o.k);
            for (size_t i = 0; i < np; i++) {
                ck_assert_str_eq(page[i].id, all[o.offset + i].id);
                ck_assert(page[i].score == all[o.offset + i].score);
            }
        }
    }
    /* k = 0: a count only */
    byline_search_opts o;
    byline_search_opts_init(&o);
    o.k = 0;
    result r[1];
    uint64_t total;
    ck_assert_uint_eq(run(s, "oil", &o, r, 1, &total), 0);
    ck_assert_uint_gt(total, 0);
    byline_searcher_free(s);
    byline_close(c);
}
END_TEST

/* Feedback's documents and depth past the articles there are (2^62, the
 * largest size_t) mean all of them: the same hits as the number of
 * articles, not a top k of a wrapped size (a heap overrun, round 27). */
START_TEST(test_huge_feedback_is_all)
{
    byline_collection *c;
    byline_searcher *s;
    ck_assert_int_eq(byline_open(whole, &c), BYLINE_OK);
    ck_assert_int_eq(byline_searcher_new(c, &s), BYLINE_OK);
    uint64_t ndocs = byline_collection_docs(c);
    const size_t huge[] = {(size_t)1 << 62, SIZE_MAX, (size_t)ndocs + 1};
    for (int field = 0; field < 2; field++)
        for (size_t h = 0; h < sizeof huge / sizeof huge[0]; h++) {
            byline_search_opts o;
            byline_search_opts_init(&o);
            o.prf_docs = field ? 5 : (size_t)ndocs;
            o.prf_depth = field ? (size_t)ndocs : 100;
            result want[10], got[10];
            uint64_t tw, tg;
            size_t nw = run(s, "oil prices", &o, want, 10, &tw);
            if (field)
                o.prf_depth = huge[h];
            else
                o.prf_docs = huge[h];
            size_t ng = run(s, "oil prices", &o, got, 10, &tg);
            ck_assert_uint_eq(ng, nw);
            ck_assert_uint_eq(tg, tw);
            for (size_t i = 0; i < ng; i++)
                ck_assert_str_eq(got[i].id, want[i].id);
        }
    byline_searcher_free(s);
    byline_close(c);
}
END_TEST

/* A segment truncated, or written over in place, under an open collection
 * (a hand, or an index copied over a live one with cp): the next search
 * says the index is damaged, instead of reading past the file's new end
 * through the map (SIGBUS, the process killed: round 27).  Opened again,
 * the truncated index is refused; the one written over with its own bytes
 * is sound. */
START_TEST(test_segment_changed_under_a_reader)
{
    for (int how = 0; how < 2; how++) {
        char dir[600], seg[700], cmd[4096];
        snprintf(dir, sizeof dir, "%s/changed%d", tmpdir, how);
        build(dir, 0, NDOCS);
        snprintf(seg, sizeof seg, "%s/000001-0001.seg", dir);
        byline_collection *c;
        byline_searcher *s;
        ck_assert_int_eq(byline_open(dir, &c), BYLINE_OK);
        ck_assert_int_eq(byline_searcher_new(c, &s), BYLINE_OK);
        result r[10];
        uint64_t total;
        ck_assert_uint_gt(run(s, "oil", NULL, r, 10, &total), 0);
        struct stat st;
        ck_assert_int_eq(stat(seg, &st), 0);
        if (how == 0) {
            ck_assert_int_eq(truncate(seg, st.st_size / 3), 0);
        } else { /* the same bytes written again: a new time */
            usleep(20000);
            snprintf(cmd, sizeof cmd, "cp %s %s.copy && cat %s.copy > %s && rm %s.copy", seg, seg,
                     seg, seg, seg);
            ck_assert_int_eq(system(cmd), 0);
        }
        byline_query *q;
        ck_assert_int_eq(byline_query_parse("oil", &q), BYLINE_OK);
        size_t n;
        ck_assert_int_eq(byline_search(s, q, NULL, &n, &total), BYLINE_ECORRUPT);
        ck_assert_ptr_nonnull(strstr(byline_errmsg(), "changed since it was opened"));
        byline_query_free(q);
        byline_searcher_free(s);
        byline_close(c);
        int rc = byline_open(dir, &c);
        ck_assert_int_eq(rc, how == 0 ? BYLINE_ECORRUPT : BYLINE_OK);
        if (rc == BYLINE_OK) {
            ck_assert_int_eq(byline_searcher_new(c, &s), BYLINE_OK);
            ck_assert_uint_gt(run(s, "oil", NULL, r, 10, &total), 0);
            byline_searcher_free(s);
            byline_close(c);
        }
    }
}
END_TEST

/* Deletes the articles docs[0..n) in w. */
static void delete_first(byl_index_writer *w, int n)
{
    for (int i = 0; i < n; i++) {
        uint64_t found;
        ck_assert_int_eq(byl_index_writer_delete(w, docs[i].id, strlen(docs[i].id), &found),
                         BYLINE_OK);
    }
}

/* Estimated totals (total_bound) over an index whose first articles were
 * deleted: scaled by the live articles the sample saw, not by the numbers
 * it passed (deleted ones included), and never past the live articles.
 * With 200 of 340 deleted from the start, "oil" was estimated at a
 * quarter of its stories (hostile tester, round 27). */
START_TEST(test_estimates_after_deletions)
{
    char dir[600];
    snprintf(dir, sizeof dir, "%s/deleted", tmpdir);
    build(dir, 0, NDOCS + NDUPS);
    byl_index_opts io = {.mem_budget = 8 << 20};
    byl_index_writer *w;
    ck_assert_int_eq(byl_index_writer_open(dir, &io, &w), BYLINE_OK);
    delete_first(w, 200);
    ck_assert_int_eq(byl_index_writer_commit(w), BYLINE_OK);
    byl_index_writer_free(w);
    byline_collection *c;
    byline_searcher *s;
    ck_assert_int_eq(byline_open(dir, &c), BYLINE_OK);
    ck_assert_int_eq(byline_searcher_new(c, &s), BYLINE_OK);
    size_t tried = 0;
    for (size_t v = 0; v < NVOCAB; v++) {
        byline_search_opts o;
        byline_search_opts_init(&o);
        o.collapse = BYLINE_COLLAPSE_BEST;
        result r[10];
        uint64_t exact, est;
        run(s, vocab[v], &o, r, 10, &exact);
        uint64_t exact_m = byline_search_matches(s);
        o.total_bound = 10;
        run(s, vocab[v], &o, r, 10, &est);
        if (byline_search_total_exact(s))
            continue;
        tried++;
        uint64_t est_m = byline_search_matches(s);
        ck_assert_uint_le(est_m, NDOCS + NDUPS - 200);
        ck_assert_uint_le(est, est_m);
        ck_assert_msg(est_m * 3 >= exact_m * 2 && est_m * 2 <= exact_m * 3,
                      "%s: about %llu matches, %llu", vocab[v], (unsigned long long)est_m,
                      (unsigned long long)exact_m);
        ck_assert_msg(est * 3 >= exact * 2 && est * 2 <= exact * 3,
                      "%s: about %llu distinct, %llu", vocab[v], (unsigned long long)est,
                      (unsigned long long)exact);
    }
    ck_assert_uint_gt(tried, 5);
    byline_searcher_free(s);
    byline_close(c);
}
END_TEST

/* A collection is a snapshot: a searcher made after a writer added,
 * deleted and merged (removing the files the collection opened) reads
 * what the first did, article numbers and all; the collection opened
 * again reads the change (round 27: a second searcher opened the index
 * as it was then). */
START_TEST(test_second_searcher_keeps_the_snapshot)
{
    char dir[600];
    snprintf(dir, sizeof dir, "%s/snap", tmpdir);
    build(dir, 0, NDOCS / 2);
    byline_collection *c;
    byline_searcher *s1, *s2;
    ck_assert_int_eq(byline_open(dir, &c), BYLINE_OK);
    uint64_t numbered = byline_collection_docs(c);
    ck_assert_int_eq(byline_searcher_new(c, &s1), BYLINE_OK);
    const char *qs[] = {"oil", "gold wheat", "copper -tin"};
    result before[3][40], after[40];
    size_t nb[3];
    uint64_t tb[3], ta;
    for (int i = 0; i < 3; i++)
        nb[i] = run(s1, qs[i], NULL, before[i], 40, &tb[i]);
    /* the change: more articles, some deleted, all merged into one segment */
    byl_index_opts io = {.mem_budget = 8 << 20, .title_weight = 2};
    byl_index_writer *w;
    ck_assert_int_eq(byl_index_writer_open(dir, &io, &w), BYLINE_OK);
    for (int i = NDOCS / 2; i < NDOCS; i++) {
        const tdoc *d = &docs[i];
        byl_article a = {.id = d->id, .id_len = strlen(d->id), .title = d->title,
                         .title_len = strlen(d->title), .body = d->body,
                         .body_len = strlen(d->body), .date = d->date, .file = "test"};
        ck_assert_int_eq(byl_index_writer_add(w, &a), BYLINE_OK);
    }
    delete_first(w, 20);
    ck_assert_int_eq(byl_index_writer_commit(w), BYLINE_OK);
    byl_index_writer_free(w);
    ck_assert_int_eq(byl_index_writer_open(dir, &io, &w), BYLINE_OK);
    uint32_t merged;
    ck_assert_int_eq(byl_index_writer_merge(w, 1, NULL, NULL, &merged), BYLINE_OK);
    ck_assert_uint_gt(merged, 1);
    ck_assert_int_eq(byl_index_writer_commit(w), BYLINE_OK);
    byl_index_writer_free(w);
    /* a second searcher of the same collection: the first's snapshot */
    ck_assert_int_eq(byline_searcher_new(c, &s2), BYLINE_OK);
    ck_assert_uint_eq(byline_collection_docs(c), numbered);
    for (int i = 0; i < 3; i++) {
        size_t na = run(s2, qs[i], NULL, after, 40, &ta);
        ck_assert_uint_eq(na, nb[i]);
        ck_assert_uint_eq(ta, tb[i]);
        for (size_t j = 0; j < na; j++) {
            ck_assert_str_eq(after[j].id, before[i][j].id);
            ck_assert(after[j].score == before[i][j].score);
        }
    }
    /* no descriptor of the index leaks into a child (close-on-exec) */
    int segfds = 0;
    for (int fd = 3; fd < 1024; fd++) {
        char link[64], target[1024];
        snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
        ssize_t n = readlink(link, target, sizeof target - 1);
        if (n <= 0)
            continue;
        target[n] = '\0';
        if (!strstr(target, ".seg"))
            continue;
        segfds++;
        ck_assert_msg(fcntl(fd, F_GETFD) & FD_CLOEXEC, "%s open without close-on-exec", target);
    }
    ck_assert_int_gt(segfds, 0);
    byline_searcher_free(s2);
    byline_searcher_free(s1);
    byline_close(c);
    /* opened again: the change */
    ck_assert_int_eq(byline_open(dir, &c), BYLINE_OK);
    ck_assert_uint_eq(byline_collection_docs(c), NDOCS - 20);
    byline_close(c);
}
END_TEST

START_TEST(test_collapse_accounts_for_every_match)
{
    byline_collection *c;
    byline_searcher *s;
    ck_assert_int_eq(byline_open(whole, &c), BYLINE_OK);
    ck_assert_int_eq(byline_searcher_new(c, &s), BYLINE_OK);
    uint64_t seed = 5;
    int collapsed_some = 0;
    for (int t = 0; t < 30; t++) {
        char q[128];
        random_query(&seed, q, sizeof q);
        for (int mode = BYLINE_COLLAPSE_BEST; mode <= BYLINE_COLLAPSE_OLDEST; mode++) {
            byline_query *bq;
            ck_assert_int_eq(byline_query_parse(q, &bq), BYLINE_OK);
            byline_search_opts o;
            byline_search_opts_init(&o);
            o.collapse = mode;
            o.k = NDOCS + NDUPS;
            size_t n;
            uint64_t stories;
            ck_assert_int_eq(byline_search(s, bq, &o, &n, &stories), BYLINE_OK);
            uint64_t matches = byline_search_matches(s), shown = 0;
            ck_assert_uint_eq(n, stories);
            for (size_t i = 0; i < n; i++) {
                byline_hit h;
                ck_assert_int_eq(byline_hit_get(s, i, &h), BYLINE_OK);
                shown += 1 + h.similar;
                /* a copy and its original are one story: never both shown */
                if (strncmp(h.id, "copy", 4) == 0) {
                    char orig[24];
                    snprintf(orig, sizeof orig, "a%s", h.id + 4);
                    for (size_t j = 0; j < n; j++) {
                        byline_hit h2;
                        ck_assert_int_eq(byline_hit_get(s, j, &h2), BYLINE_OK);
                        ck_assert_str_ne(h2.id, orig);
                    }
                }
            }
            ck_assert_uint_eq(shown, matches);
            collapsed_some |= stories < matches;
            byline_query_free(bq);
        }
    }
    ck_assert(collapsed_some);
    /* byline_similar: a copy's cluster holds its original, oldest first */
    byline_similar_article *sim;
    size_t ns;
    ck_assert_int_eq(byline_similar(s, "copy003", 7, &sim, &ns), BYLINE_OK);
    ck_assert_uint_ge(ns, 2);
    int self = 0, orig = 0;
    for (size_t i = 0; i < ns; i++) {
        self += sim[i].self && strcmp(sim[i].id, "copy003") == 0;
        orig += strcmp(sim[i].id, "a003") == 0;
        if (i && sim[i].date != BYLINE_NO_DATE)
            ck_assert(sim[i - 1].date != BYLINE_NO_DATE && sim[i - 1].date <= sim[i].date);
    }
    ck_assert_int_eq(self, 1);
    ck_assert_int_eq(orig, 1);
    byline_free(sim);
    ck_assert_int_eq(byline_similar(s, "nope", 4, &sim, &ns), BYLINE_ENOTFOUND);
    byline_searcher_free(s);
    byline_close(c);
}
END_TEST

static int is_query_word(const char *w, size_t n, const char *q)
{
    char lw[32];
    if (n >= sizeof lw)
        return 0;
    for (size_t i = 0; i < n; i++)
        lw[i] = (char)tolower((unsigned char)w[i]);
    lw[n] = '\0';
    for (const char *p = q; *p;) {
        p += strspn(p, " +\"");
        size_t len = strcspn(p, " +\"");
        if (len == n && memcmp(p, lw, n) == 0)
            return 1;
        p += len;
    }
    return 0;
}

START_TEST(test_snippets_and_highlights_mark_query_words)
{
    byline_collection *c;
    byline_searcher *s;
    ck_assert_int_eq(byline_open(whole, &c), BYLINE_OK);
    ck_assert_int_eq(byline_searcher_new(c, &s), BYLINE_OK);
    uint64_t seed = 3;
    size_t marked = 0;
    for (int t = 0; t < 30; t++) {
        char q[128];
        random_query(&seed, q, sizeof q);
        byline_query *bq;
        ck_assert_int_eq(byline_query_parse(q, &bq), BYLINE_OK);
        byline_search_opts o;
        byline_search_opts_init(&o);
        o.snippet_chars = 40 + rnd(&seed) % 200;
        size_t n;
        uint64_t total;
        ck_assert_int_eq(byline_search(s, bq, &o, &n, &total), BYLINE_OK);
        for (size_t i = 0; i < n; i++) {
            byline_snippet sn;
            ck_assert_int_eq(byline_hit_snippet(s, i, &sn), BYLINE_OK);
            ck_assert_uint_eq(strlen(sn.text), sn.len);
            uint32_t at = 0;
            for (size_t k = 0; k < sn.nspans; k++) {
                ck_assert_uint_ge(sn.spans[k].start, at);
                ck_assert_uint_le((size_t)sn.spans[k].start + sn.spans[k].len, sn.len);
                ck_assert_msg(is_query_word(sn.text + sn.spans[k].start, sn.spans[k].len, q),
                              "'%.*s' is not a word of %s", (int)sn.spans[k].len,
                              sn.text + sn.spans[k].start, q);
                at = sn.spans[k].start + sn.spans[k].len;
                marked++;
            }
            char *ex;
            ck_assert_int_eq(byline_hit_explain(s, i, &ex), BYLINE_OK);
            ck_assert_ptr_nonnull(strchr(ex, '\n'));
            byline_free(ex);
        }
        /* highlight the whole body of the best hit: every span a query word,
         * and as many as the body holds */
        if (n) {
            byline_hit h;
            ck_assert_int_eq(byline_hit_get(s, 0, &h), BYLINE_OK);
            byline_article *a;
            ck_assert_int_eq(byline_article_get(s, h.id, h.id_len, &a), BYLINE_OK);
            byline_span *sp;
            size_t ns;
            ck_assert_int_eq(byline_highlight(s, a->body, a->body_len, &sp, &ns), BYLINE_OK);
            size_t expect = 0;
            for (const char *p = a->body; *p;) {
                size_t len = strcspn(p, " ");
                expect += is_query_word(p, len, q) && !strchr(q, '+');
                p += len + (p[len] == ' ');
            }
            for (size_t k = 0; k < ns; k++)
                ck_assert(is_query_word(a->body + sp[k].start, sp[k].len, q));
            if (!strchr(q, '+'))
                ck_assert_uint_eq(ns, expect);
            byline_free(sp);
            byline_free(a);
        }
        byline_query_free(bq);
    }
    ck_assert_uint_gt(marked, 0);
    ck_assert_int_eq(byline_hit_snippet(s, 1000000, &(byline_snippet){0}), BYLINE_EINVAL);
    byline_searcher_free(s);
    byline_close(c);
}
END_TEST

/* A prefix that stands for more words than one expands to is said to be
 * cut (byline_search_prefix_cut), and one within bounds is not: 300
 * articles, each with its own word "zeta000" ... "zeta299". */
START_TEST(test_prefix_cut_is_said)
{
    char dir[160];
    snprintf(dir, sizeof dir, "%s/prefix", tmpdir);
    byl_index_opts io = {.mem_budget = 8 << 20, .title_weight = 2, .replace = 1};
    byl_index_writer *w;
    ck_assert_int_eq(byl_index_writer_open(dir, &io, &w), BYLINE_OK);
    for (int i = 0; i < 300; i++) {
        char id[16], body[64];
        snprintf(id, sizeof id, "z%d", i);
        snprintf(body, sizeof body, "The harbour report names zeta%03d today.", i);
        byl_article a = {.id = id, .id_len = strlen(id), .title = "Report", .title_len = 6,
                         .body = body, .body_len = strlen(body), .author = "", .source = "",
                         .url = "", .tags = "", .file = "test"};
        ck_assert_int_eq(byl_index_writer_add(w, &a), BYLINE_OK);
    }
    ck_assert_int_eq(byl_index_writer_commit(w), BYLINE_OK);
    byl_index_writer_free(w);
    byline_collection *c;
    byline_searcher *s;
    ck_assert_int_eq(byline_open(dir, &c), BYLINE_OK);
    ck_assert_int_eq(byline_searcher_new(c, &s), BYLINE_OK);
    const char *qs[] = {"zeta*", "zeta1*", "harbour"};
    const unsigned want_cut[] = {1, 0, 0};
    const uint64_t want_total[] = {256, 100, 300};
    for (int i = 0; i < 3; i++) {
        byline_query *q;
        ck_assert_int_eq(byline_query_parse(qs[i], &q), BYLINE_OK);
        byline_search_opts o;
        byline_search_opts_init(&o);
        o.collapse = BYLINE_COLLAPSE_NONE;
        size_t nh;
        uint64_t total;
        ck_assert_int_eq(byline_search(s, q, &o, &nh, &total), BYLINE_OK);
        ck_assert_uint_eq(byline_search_prefix_cut(s), want_cut[i]);
        ck_assert_uint_eq(byline_search_matches(s), want_total[i]);
        byline_query_free(q);
    }
    byline_searcher_free(s);
    byline_close(c);
}
END_TEST

START_TEST(test_article_round_trip)
{
    const char *dirs[] = {parta, partb};
    byline_collection *c;
    byline_searcher *s;
    ck_assert_int_eq(byline_open_many(dirs, 2, &c), BYLINE_OK);
    ck_assert_int_eq(byline_searcher_new(c, &s), BYLINE_OK);
    for (int i = 0; i < NDOCS + NDUPS; i++) {
        const tdoc *d = &docs[i];
        byline_article *a;
        ck_assert_int_eq(byline_article_get(s, d->id, strlen(d->id), &a), BYLINE_OK);
        ck_assert_str_eq(a->id, d->id);
        ck_assert_str_eq(a->title, d->title);
        ck_assert_str_eq(a->body, d->body);
        ck_assert_str_eq(a->author, d->author);
        ck_assert_str_eq(a->source, d->source);
        ck_assert_str_eq(a->url, d->url);
        ck_assert_str_eq(a->tags, d->tags);
        ck_assert_uint_eq(a->body_len, strlen(d->body));
        ck_assert_int_eq(a->date, d->date);
        byline_free(a);
    }
    byline_article *a = (byline_article *)1;
    ck_assert_int_eq(byline_article_get(s, "a9999", 5, &a), BYLINE_ENOTFOUND);
    ck_assert_ptr_null(a);
    ck_assert_int_eq(byline_article_get(s, "", 0, &a), BYLINE_ENOTFOUND);
    byline_searcher_free(s);
    byline_close(c);
}
END_TEST

START_TEST(test_error_paths)
{
    byline_collection *c = (byline_collection *)1;
    char missing[160];
    snprintf(missing, sizeof missing, "%s/missing", tmpdir);
    ck_assert_int_eq(byline_open(missing, &c), BYLINE_ENOTFOUND);
    ck_assert_ptr_null(c);
    ck_assert_ptr_nonnull(strstr(byline_errmsg(), "missing"));
    ck_assert_str_eq(byline_errstr(BYLINE_ECORRUPT), "index is damaged");
    ck_assert_str_eq(byline_version(), BYLINE_VERSION);
    /* a damaged index: a segment file cut short */
    char dam[160], cmd[512];
    snprintf(dam, sizeof dam, "%s/damaged", tmpdir);
    snprintf(cmd, sizeof cmd, "cp -r %s %s && for f in %s/*.seg; do truncate -s -100 $f; done",
             whole, dam, dam);
    ck_assert_int_eq(system(cmd), 0);
    ck_assert_int_eq(byline_open(dam, &c), BYLINE_ECORRUPT);
    ck_assert_ptr_nonnull(strstr(byline_errmsg(), ".seg"));
    ck_assert_ptr_nonnull(strstr(byline_errmsg(), dam));
    const char *dirs[] = {whole, dam};
    ck_assert_int_eq(byline_open_many(dirs, 2, &c), BYLINE_ECORRUPT);
    ck_assert_ptr_null(c);
    ck_assert_int_eq(byline_open_many(dirs, 0, &c), BYLINE_EINVAL);
    /* one index twice, spelt differently: refused, not every hit shown
     * twice with doubled statistics (it was) */
    char again[300];
    snprintf(again, sizeof again, "%s/../%s/", whole, strrchr(whole, '/') + 1);
    const char *twice[] = {whole, again};
    ck_assert_int_eq(byline_open_many(twice, 2, &c), BYLINE_EINVAL);
    ck_assert_ptr_null(c);
    ck_assert_ptr_nonnull(strstr(byline_errmsg(), "same index"));
    /* a bad query: the column */
    byline_query *q = (byline_query *)1;
    ck_assert_int_eq(byline_query_parse("oil \"gold", &q), BYLINE_EPARSE);
    ck_assert_ptr_null(q);
    ck_assert_ptr_nonnull(strstr(byline_errmsg(), "column 5"));
    ck_assert_int_eq(byline_query_parse_n("oil\0gold", 8, &q), BYLINE_EPARSE);
    /* bad options and hits out of range */
    ck_assert_int_eq(byline_open(whole, &c), BYLINE_OK);
    byline_searcher *s;
    ck_assert_int_eq(byline_searcher_new(c, &s), BYLINE_OK);
    ck_assert_int_eq(byline_query_parse("oil", &q), BYLINE_OK);
    byline_search_opts o;
    byline_search_opts_init(&o);
    o.collapse = 7;
    size_t n;
    uint64_t total;
    ck_assert_int_eq(byline_search(s, q, &o, &n, &total), BYLINE_EINVAL);
    byline_hit h;
    ck_assert_int_eq(byline_hit_get(s, 0, &h), BYLINE_EINVAL);
    /* BM25 and feedback parameters out of the ranges byline-search takes */
    const double bad_k1[] = {-1, 100.5, NAN}, bad_b[] = {-0.1, 7, NAN};
    for (int i = 0; i < 3; i++) {
        byline_search_opts_init(&o);
        o.k1 = bad_k1[i];
        ck_assert_int_eq(byline_search(s, q, &o, &n, &total), BYLINE_EINVAL);
        byline_search_opts_init(&o);
        o.b = bad_b[i];
        ck_assert_int_eq(byline_search(s, q, &o, &n, &total), BYLINE_EINVAL);
        byline_search_opts_init(&o);
        o.prf_weight = bad_b[i];
        ck_assert_int_eq(byline_search(s, q, &o, &n, &total), BYLINE_EINVAL);
    }
    byline_search_opts_init(&o);
    o.half_life = -1;
    ck_assert_int_eq(byline_search(s, q, &o, &n, &total), BYLINE_EINVAL);
    byline_search_opts_init(&o);
    o.k1 = 0;
    o.b = 1;
    ck_assert_int_eq(byline_search(s, q, &o, &n, &total), BYLINE_OK);
    /* k of SIZE_MAX means all, not an allocation of that size */
    o.collapse = BYLINE_COLLAPSE_NONE;
    o.k = SIZE_MAX;
    o.offset = SIZE_MAX - 1;
    ck_assert_int_eq(byline_search(s, q, &o, &n, &total), BYLINE_OK);
    ck_assert_uint_eq(n, 0);
    ck_assert_int_eq(byline_search(s, q, NULL, &n, &total), BYLINE_OK);
    ck_assert_uint_eq(n, 10);
    byline_query_free(q);
    byline_searcher_free(s);
    byline_close(c);
    byline_close(NULL);
    byline_searcher_free(NULL);
    byline_query_free(NULL);
    byline_free(NULL);
}
END_TEST

/* Random bytes and mutated queries: parse refuses or accepts, a search of
 * what parses succeeds, and nothing crashes or leaks. */
START_TEST(test_random_queries_never_crash)
{
    byline_collection *c;
    byline_searcher *s;
    ck_assert_int_eq(byline_open(whole, &c), BYLINE_OK);
    ck_assert_int_eq(byline_searcher_new(c, &s), BYLINE_OK);
    static const char alphabet[] = "oil gold\"()+-*:~^ANDORNOT title:date:2025..1987-\\\t\xc3\xa9";
    uint64_t seed = 99;
    for (int t = 0; t < 400; t++) {
        char q[64];
        size_t len = rnd(&seed) % sizeof q;
        for (size_t i = 0; i < len; i++)
            q[i] = t % 4 ? alphabet[rnd(&seed) % (sizeof alphabet - 1)] : (char)(rnd(&seed) % 256);
        byline_query *bq;
        int rc = byline_query_parse_n(q, len, &bq);
        ck_assert(rc == BYLINE_OK || rc == BYLINE_EPARSE || rc == BYLINE_ELIMIT);
        if (rc)
            continue;
        byline_search_opts o;
        byline_search_opts_init(&o);
        o.collapse = t % 3;
        size_t n;
        uint64_t total;
        ck_assert_int_eq(byline_search(s, bq, &o, &n, &total), BYLINE_OK);
        for (size_t i = 0; i < n; i++) {
            byline_snippet sn;
            ck_assert_int_eq(byline_hit_snippet(s, i, &sn), BYLINE_OK);
        }
        byline_query_free(bq);
    }
    byline_searcher_free(s);
    byline_close(c);
}
END_TEST

typedef struct job {
    byline_collection *c;
    result r[40][10];
    size_t n[40];
    int rc;
} job;

static void *worker(void *arg)
{
    job *j = arg;
    byline_searcher *s;
    if ((j->rc = byline_searcher_new(j->c, &s)))
        return NULL;
    uint64_t seed = 21;
    for (int t = 0; t < 40 && !j->rc; t++) {
        char q[128];
        random_query(&seed, q, sizeof q);
        byline_query *bq;
        byline_search_opts o;
        byline_search_opts_init(&o);
        o.collapse = t % 3;
        size_t n;
        uint64_t total;
        if ((j->rc = byline_query_parse(q, &bq)))
            break;
        j->rc = byline_search(s, bq, &o, &n, &total);
        byline_query_free(bq);
        j->n[t] = n;
        for (size_t i = 0; i < n && !j->rc; i++) {
            byline_hit h;
            byline_snippet sn;
            if (!(j->rc = byline_hit_get(s, i, &h)))
                j->rc = byline_hit_snippet(s, i, &sn);
            snprintf(j->r[t][i].id, sizeof j->r[t][i].id, "%s", h.id);
            j->r[t][i].score = h.score;
        }
    }
    byline_searcher_free(s);
    return NULL;
}

START_TEST(test_threads_share_a_collection)
{
    const char *dirs[] = {parta, partb};
    byline_collection *c;
    ck_assert_int_eq(byline_open_many(dirs, 2, &c), BYLINE_OK);
    static job one, four[4];
    one.c = c;
    worker(&one);
    ck_assert_int_eq(one.rc, BYLINE_OK);
    pthread_t th[4];
    for (int i = 0; i < 4; i++) {
        memset(&four[i], 0, sizeof four[i]);
        four[i].c = c;
        ck_assert_int_eq(pthread_create(&th[i], NULL, worker, &four[i]), 0);
    }
    for (int i = 0; i < 4; i++) {
        ck_assert_int_eq(pthread_join(th[i], NULL), 0);
        ck_assert_int_eq(four[i].rc, BYLINE_OK);
        for (int t = 0; t < 40; t++) {
            ck_assert_uint_eq(four[i].n[t], one.n[t]);
            for (size_t k = 0; k < one.n[t]; k++) {
                ck_assert_str_eq(four[i].r[t][k].id, one.r[t][k].id);
                ck_assert(four[i].r[t][k].score == one.r[t][k].score);
            }
        }
    }
    byline_close(c);
}
END_TEST

START_TEST(test_views_agree_with_search)
{
    byline_collection *c;
    byline_searcher *s;
    ck_assert_int_eq(byline_open(whole, &c), BYLINE_OK);
    ck_assert_int_eq(byline_searcher_new(c, &s), BYLINE_OK);
    byline_query *q;
    ck_assert_int_eq(byline_query_parse("zinc tin", &q), BYLINE_OK);
    byline_search_opts o;
    byline_search_opts_init(&o);
    o.k = 0;
    size_t n;
    uint64_t total;
    ck_assert_int_eq(byline_search(s, q, &o, &n, &total), BYLINE_OK);
    byline_tally *t;
    unsigned facets = 1u << BYLINE_FACET_SOURCE | 1u << BYLINE_FACET_YEAR;
    ck_assert_int_eq(byline_tally_new(s, q, &o, BYLINE_YEAR, facets, &t), BYLINE_OK);
    byline_tally_totals tt;
    ck_assert_int_eq(byline_tally_totals_get(t, &tt), BYLINE_OK);
    ck_assert_uint_eq(tt.matches, total);
    size_t np;
    const byline_period *p = byline_tally_periods(t, &np);
    uint64_t sum = tt.undated;
    for (size_t i = 0; i < np; i++)
        sum += p[i].articles;
    ck_assert_uint_eq(sum, total);
    byline_facet_value *v;
    size_t nv;
    uint64_t distinct, missing;
    ck_assert_int_eq(byline_tally_facet(t, BYLINE_FACET_SOURCE, 10, &v, &nv, &distinct, &missing),
                     BYLINE_OK);
    sum = missing;
    for (size_t i = 0; i < nv; i++)
        sum += v[i].articles;
    ck_assert_uint_eq(sum, total);
    byline_free(v);
    ck_assert_int_eq(byline_tally_facet(t, BYLINE_FACET_TAG, 10, &v, &nv, NULL, NULL),
                     BYLINE_EINVAL);
    /* the drawing itself is test_views.c's (which links cairo: loading
     * it here would leave dlopen's memory to valgrind); the wrapper's
     * checks are these */
    char svg[160];
    snprintf(svg, sizeof svg, "%s/t.gif", tmpdir);
    ck_assert_int_eq(byline_tally_plot(t, "zinc tin", svg, 0, 0), BYLINE_EINVAL);
    snprintf(svg, sizeof svg, "%s/t.svg", tmpdir);
    ck_assert_int_eq(byline_tally_plot(t, "zinc tin", svg, 5, 5), BYLINE_EINVAL);
    ck_assert_int_eq(byline_tally_plot(NULL, "zinc tin", svg, 0, 0), BYLINE_EINVAL);
    byline_tally_free(t);
    /* export: as many records as matches, rank 1 first */
    char path[160];
    snprintf(path, sizeof path, "%s/out.jsonl", tmpdir);
    FILE *f = fopen(path, "w+");
    ck_assert_ptr_nonnull(f);
    o.k = SIZE_MAX;
    ck_assert_int_eq(byline_export(s, q, &o, BYLINE_EXPORT_JSONL, f, &total), BYLINE_OK);
    rewind(f);
    char line[4096];
    uint64_t lines = 0;
    while (fgets(line, sizeof line, f))
        lines += strchr(line, '\n') != NULL;
    fclose(f);
    ck_assert_uint_eq(lines, total);
    byline_query_free(q);
    /* segment statistics add up to the collection's */
    byline_info in;
    ck_assert_int_eq(byline_info_get(c, &in), BYLINE_OK);
    uint64_t arts = 0, terms = 0;
    for (size_t i = 0; i < byline_segment_count(c); i++) {
        byline_segment_info si;
        ck_assert_int_eq(byline_segment_info_get(c, i, &si), BYLINE_OK);
        uint64_t secs = 0;
        for (int k = 0; k < BYLINE_SEC_COUNT; k++)
            secs += si.section_bytes[k];
        ck_assert_uint_le(secs, si.bytes);
        arts += si.articles;
        terms += si.terms;
    }
    ck_assert_uint_eq(arts, in.articles);
    ck_assert_uint_eq(terms, in.terms);
    byline_searcher_free(s);
    byline_close(c);
}
END_TEST

/* Virtual memory of this process in KiB, its peak so far (VmPeak). */
static long vm_peak_kib(void)
{
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    long kib = -1;
    while (f && fgets(line, sizeof line, f))
        if (sscanf(line, "VmPeak: %ld", &kib) == 1)
            break;
    if (f)
        fclose(f);
    return kib;
}

/* A k or an offset past anything an index can hold asks for everything
 * there is, never for memory by the k: names with k = 2^62 aborted in
 * malloc (k * 2 + 16, then twice that, wrapped), 2^63 - 8 gave no name,
 * SIZE_MAX 13 of 86, 2^61 failed with ENOMEM, and k = 10^6 reserved 2 GB
 * (hostile tester, round 29).  Every huge k gives the list of a k just
 * past the count, as does the name facet of a tally; the peak of virtual
 * memory stays within 256 MiB of where it was; an export's huge offset
 * writes nothing, a huge k everything. */
START_TEST(test_huge_k_is_all)
{
    static const char *const who[] = {"Tobaru Kesimo", "Ameli Varsotti", "Kobaru Holdings",
                                      "Dunmore Reeve", "Sawu Steel", "Harlan Frist",
                                      "Merlion Partners", "Zoe Akintola"};
    enum { NWHO = sizeof who / sizeof *who, NART = 24 };
    char idx[160];
    snprintf(idx, sizeof idx, "%s/names", tmpdir);
    byline_writer *w;
    ck_assert_int_eq(byline_writer_open(idx, NULL, &w), BYLINE_OK);
    for (int d = 0; d < NART; d++) {
        char id[16], body[512];
        snprintf(id, sizeof id, "n%d", d);
        snprintf(body, sizeof body, "%s said on Monday that oil rose. %s told reporters the deal "
                 "was done. Later %s agreed on item %d.", who[d % NWHO], who[(d * 3 + 1) % NWHO],
                 who[(d * 5 + 2) % NWHO], d);
        byline_article a = {id, strlen(id), "Talks", 5, body, strlen(body), "", 0, "", 0, "", 0,
                            "", 0, BYLINE_NO_DATE};
        ck_assert_int_eq(byline_writer_add(w, &a), BYLINE_OK);
    }
    ck_assert_int_eq(byline_writer_commit(w), BYLINE_OK);
    byline_writer_free(w);
    byline_collection *c;
    byline_searcher *s;
    ck_assert_int_eq(byline_open(idx, &c), BYLINE_OK);
    ck_assert_int_eq(byline_searcher_new(c, &s), BYLINE_OK);
    byline_search_opts o;
    byline_search_opts_init(&o);
    byline_name *want, *got;
    size_t nwant, ngot;
    /* the peak before and after a k of a million: no reservation by k */
    long before = vm_peak_kib();
    ck_assert_int_eq(byline_names(s, NULL, &o, 1000000, &got, &ngot), BYLINE_OK);
    long after = vm_peak_kib();
    byline_free(got);
    if (before > 0 && after > 0)
        ck_assert_msg(after - before < 256 * 1024, "k = 10^6 took VmPeak from %ld to %ld KiB",
                      before, after);
    ck_assert_int_eq(byline_names(s, NULL, &o, 1000, &want, &nwant), BYLINE_OK);
    ck_assert_uint_ge(nwant, NWHO / 2);
    ck_assert_uint_lt(nwant, 1000);
    const size_t huge[] = {(size_t)1 << 61, (size_t)1 << 62, ((size_t)1 << 63) - 8,
                           (size_t)1 << 63, SIZE_MAX - 15, SIZE_MAX, 1000000, nwant};
    for (size_t h = 0; h < sizeof huge / sizeof *huge; h++) {
        ck_assert_msg(byline_names(s, NULL, &o, huge[h], &got, &ngot) == BYLINE_OK,
                      "k = %zu: %s", huge[h], byline_errmsg());
        ck_assert_msg(ngot == nwant, "k = %zu: %zu names, not %zu", huge[h], ngot, nwant);
        for (size_t i = 0; i < ngot; i++) {
            ck_assert_str_eq(got[i].key, want[i].key);
            ck_assert_uint_eq(got[i].articles, want[i].articles);
        }
        byline_free(got);
    }
    byline_query *q;
    ck_assert_int_eq(byline_query_parse("oil", &q), BYLINE_OK);
    /* the name facet of a tally is the same list */
    byline_tally *t;
    ck_assert_int_eq(byline_tally_new(s, q, &o, -1, 1u << BYLINE_FACET_NAME, &t), BYLINE_OK);
    for (size_t h = 0; h < sizeof huge / sizeof *huge; h++) {
        byline_facet_value *v;
        size_t nv;
        ck_assert_int_eq(byline_tally_facet(t, BYLINE_FACET_NAME, huge[h], &v, &nv, NULL, NULL),
                         BYLINE_OK);
        ck_assert_uint_eq(nv, nwant);
        byline_free(v);
    }
    byline_tally_free(t);
    /* a page: a huge k is every match, a huge offset none (the
     * articles are alike: collapsed they would be fewer) */
    o.collapse = BYLINE_COLLAPSE_NONE;
    for (size_t h = 0; h < sizeof huge / sizeof *huge; h++) {
        size_t n;
        uint64_t total;
        o.k = huge[h];
        o.offset = 0;
        ck_assert_int_eq(byline_search(s, q, &o, &n, &total), BYLINE_OK);
        ck_assert_uint_eq(n, huge[h] < NART ? huge[h] : NART);
        if (huge[h] < NART)
            continue; /* a page, not everything */
        o.offset = huge[h];
        ck_assert_int_eq(byline_search(s, q, &o, &n, &total), BYLINE_OK);
        ck_assert_uint_eq(n, huge[h] >= NART ? 0 : NART - huge[h]);
        char path[192];
        snprintf(path, sizeof path, "%s/huge.jsonl", tmpdir);
        for (int off = 0; off < 2; off++) {
            FILE *f = fopen(path, "w+");
            ck_assert_ptr_nonnull(f);
            o.offset = off ? huge[h] : 0;
            ck_assert_int_eq(byline_export(s, q, &o, BYLINE_EXPORT_JSONL, f, &total), BYLINE_OK);
            ck_assert_uint_eq(total, NART);
            rewind(f);
            char line[4096];
            uint64_t lines = 0;
            while (fgets(line, sizeof line, f))
                lines += strchr(line, '\n') != NULL;
            fclose(f);
            ck_assert_uint_eq(lines, off ? (huge[h] >= NART ? 0 : NART - huge[h]) : NART);
        }
    }
    byline_query_free(q);
    byline_free(want);
    byline_searcher_free(s);
    byline_close(c);
}
END_TEST

/* Dates: a period's bounds are its first and last second, formatting
 * reads back, and nonsense is refused; UTF-8: every byte of random input
 * is consumed exactly once, in steps of 1 to 4. */
START_TEST(test_dates_and_utf8)
{
    int64_t lo, hi, t;
    ck_assert_int_eq(byline_date_period("2025", 4, &lo, &hi), BYLINE_OK);
    ck_assert_int_eq(hi - lo + 1, 365 * 86400LL);
    ck_assert_int_eq(byline_date_period("2024-02", 7, &lo, &hi), BYLINE_OK);
    ck_assert_int_eq(hi - lo + 1, 29 * 86400LL);
    ck_assert_int_eq(byline_date_period("2025-02-30", 10, &lo, &hi), BYLINE_EPARSE);
    ck_assert_int_eq(byline_date_period("oil", 3, &lo, &hi), BYLINE_EPARSE);
    ck_assert_int_eq(byline_date_period("2025 OR x", 9, &lo, &hi), BYLINE_EPARSE);
    ck_assert_int_eq(byline_date_parse("Nov 26, 2025", 12, &t), BYLINE_OK);
    char buf[BYLINE_DATE_BUF];
    ck_assert_uint_eq(byline_date_format(t, 0, buf, sizeof buf), 10);
    ck_assert_str_eq(buf, "2025-11-26");
    ck_assert_int_eq(byline_date_parse("not a date", 10, &t), BYLINE_EPARSE);
    uint64_t seed = 17;
    for (int r = 0; r < 2000; r++) {
        char s[16];
        size_t n = 1 + rnd(&seed) % sizeof s, at = 0;
        for (size_t i = 0; i < n; i++)
            s[i] = (char)(r % 2 ? rnd(&seed) : 0x80 | (rnd(&seed) % 0x50));
        while (at < n) {
            int32_t cp;
            size_t k = byline_utf8_next(s + at, n - at, &cp);
            ck_assert(k >= 1 && k <= 4 && k <= n - at);
            ck_assert(cp >= 0 && cp <= 0x10FFFF);
            at += k;
        }
        ck_assert_uint_eq(at, n);
    }
    int32_t cp;
    ck_assert_uint_eq(byline_utf8_next("\xc3\xa9", 2, &cp), 2);
    ck_assert_int_eq(cp, 0xE9);
    ck_assert_uint_eq(byline_utf8_next("\xc3", 1, &cp), 1);
    /* at the end of a string: nothing read past it (the byte after was
     * decoded, and NULL crashed) */
    ck_assert_uint_eq(byline_utf8_next("\xc3\xa9", 0, &cp), 0);
    ck_assert_int_eq(cp, 0xFFFD);
    ck_assert_uint_eq(byline_utf8_next(NULL, 0, &cp), 0);
    ck_assert_uint_eq(byline_utf8_next("a", 1, NULL), 1);
    ck_assert_int_eq(cp, 0xFFFD);
}
END_TEST

int main(void)
{
    Suite *suite = suite_create("api");
    TCase *tc = tcase_create("read");
    tcase_set_timeout(tc, 120);
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_many_indexes_score_as_one);
    tcase_add_test(tc, test_paging_is_a_slice);
    tcase_add_test(tc, test_huge_feedback_is_all);
    tcase_add_test(tc, test_second_searcher_keeps_the_snapshot);
    tcase_add_test(tc, test_estimates_after_deletions);
    tcase_add_test(tc, test_segment_changed_under_a_reader);
    tcase_add_test(tc, test_collapse_accounts_for_every_match);
    tcase_add_test(tc, test_snippets_and_highlights_mark_query_words);
    tcase_add_test(tc, test_article_round_trip);
    tcase_add_test(tc, test_prefix_cut_is_said);
    tcase_add_test(tc, test_error_paths);
    tcase_add_test(tc, test_random_queries_never_crash);
    tcase_add_test(tc, test_threads_share_a_collection);
    tcase_add_test(tc, test_views_agree_with_search);
    tcase_add_test(tc, test_huge_k_is_all);
    tcase_add_test(tc, test_dates_and_utf8);
    suite_add_tcase(suite, tc);
    return byl_test_run(suite);
}
