/*
 * test_search.c - BM25 retrieval checked against an independent
 * brute-force computation over seeded random corpora: ranked OR, AND,
 * phrases, fields, several segments and several indexes searched as one.
 * Scores must agree to a relative error of 1e-6.
 */
#include <check.h>

#include "check_main.h"
#include "oracle_check.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "index/index.h"
#include "query/parser.h"
#include "query/search.h"
#include "doc/reader.h"
#include "text/analyzer.h"
#include "util/err.h"

#define NVOCAB 30
#define MAXW 60
#define TW 2 /* title weight */

typedef struct doc {
    int title[MAXW], ntitle;
    int body[MAXW], nbody;
} doc;

static char vocab[NVOCAB][16];
static int nvocab;

static uint32_t rnd(uint64_t *s)
{
    *s = *s * 6364136223846793005ull + 1442695040888963407ull;
    return (uint32_t)(*s >> 33);
}

/* Pseudo-words that the analyzer keeps exactly as they are (checked), so
 * the brute force can count them without analyzing. */
static void make_vocab(void)
{
    static const char *on[] = {"b", "d", "f", "g", "k", "m", "p", "t", "v", "z"};
    static const char *nu[] = {"a", "o", "u", "i"};
    static const char *co[] = {"rk", "mp", "lt", "nt", "rv", "lf"};
    byl_analyzer *a;
    ck_assert_int_eq(byl_analyzer_new(&a), BYL_OK);
    nvocab = 0;
    for (int i = 0; nvocab < NVOCAB && i < 240; i++) {
        char w[16];
        snprintf(w, sizeof w, "%s%s%s%s", on[i % 10], nu[(i / 10) % 4], co[(i / 40) % 6], "o");
        const byl_token *t;
        size_t n;
        const char *terms;
        ck_assert_int_eq(byl_analyze(a, w, strlen(w), BYL_AN_INDEX, &t, &n, &terms), BYL_OK);
        if (n == 1 && strcmp(terms + t[0].term_off, w) == 0)
            strcpy(vocab[nvocab++], w);
    }
    byl_analyzer_free(a);
    ck_assert_int_eq(nvocab, NVOCAB);
}

static doc *make_docs(uint64_t seed, int n)
{
    doc *d = calloc((size_t)n, sizeof *d);
    for (int i = 0; i < n; i++) {
        d[i].ntitle = (int)(rnd(&seed) % 6);
        d[i].nbody = 1 + (int)(rnd(&seed) % (MAXW - 1));
        /* skewed word choice so document frequencies differ */
        for (int k = 0; k < d[i].ntitle; k++)
            d[i].title[k] = (int)(rnd(&seed) % NVOCAB * (rnd(&seed) % NVOCAB) / NVOCAB);
        for (int k = 0; k < d[i].nbody; k++)
            d[i].body[k] = (int)(rnd(&seed) % NVOCAB * (rnd(&seed) % NVOCAB) / NVOCAB);
    }
    return d;
}

static void join_words(const int *w, int n, char *buf, size_t cap)
{
    buf[0] = '\0';
    for (int k = 0; k < n; k++) {
        if (k)
            strncat(buf, " ", cap - strlen(buf) - 1);
        strncat(buf, vocab[w[k]], cap - strlen(buf) - 1);
    }
}

static void build_index(const char *dir, const doc *d, int from, int to, size_t mem)
{
    byl_index_opts o = {.mem_budget = mem, .title_weight = TW, .replace = 1};
    byl_index_writer *w;
    ck_assert_int_eq(byl_index_writer_open(dir, &o, &w), BYL_OK);
    for (int i = from; i < to; i++) {
        char id[32], title[MAXW * 16], body[MAXW * 16];
        snprintf(id, sizeof id, "d%d", i);
        join_words(d[i].title, d[i].ntitle, title, sizeof title);
        join_words(d[i].body, d[i].nbody, body, sizeof body);
        byl_article a = {.id = id, .id_len = strlen(id), .title = title,
                         .title_len = strlen(title), .body = body, .body_len = strlen(body),
                         .author = "", .source = "", .url = "", .date = 86400LL * i,
                         .file = "test"};
        ck_assert_int_eq(byl_index_writer_add(w, &a), BYL_OK);
    }
    ck_assert_int_eq(byl_index_writer_commit(w), BYL_OK);
    byl_index_writer_free(w);
}

typedef struct scored {
    double score;
    int doc;
} scored;

static int cmp_scored(const void *a, const void *b)
{
    const scored *x = a, *y = b;
    if (x->score != y->score)
        return x->score < y->score ? 1 : -1;
    return x->doc - y->doc;
}

static int count_phrase(const int *w, int n, const int *q, int nq)
{
    int c = 0;
    for (int i = 0; i + nq <= n; i++) {
        int ok = 1;
        for (int k = 0; k < nq && ok; k++)
            ok = w[i + k] == q[k];
        c += ok;
    }
    return c;
}

/* Brute-force BM25 of query words q (as phrase if phrase) on docs. */
static int brute(const doc *d, int n, const int *q, int nq, int phrase, int all,
                 double k1, double b, scored *out)
{
    double total = 0;
    for (int i = 0; i < n; i++)
        total += TW * d[i].ntitle + d[i].nbody;
    double avg = total / n;
    int units = phrase ? 1 : nq;
    double idf[8];
    for (int u = 0; u < units; u++) {
        if (phrase) {
            idf[u] = 0;
            for (int k = 0; k < nq; k++) {
                int df = 0;
                for (int i = 0; i < n; i++)
                    df += count_phrase(d[i].title, d[i].ntitle, &q[k], 1) +
                              count_phrase(d[i].body, d[i].nbody, &q[k], 1) > 0;
                idf[u] += log(1 + (n - df + 0.5) / (df + 0.5));
            }
        } else {
            int df = 0;
            for (int i = 0; i < n; i++)
                df += count_phrase(d[i].title, d[i].ntitle, &q[u], 1) +
                          count_phrase(d[i].body, d[i].nbody, &q[u], 1) > 0;
            idf[u] = log(1 + (n - df + 0.5) / (df + 0.5));
        }
    }
    int m = 0;
    for (int i = 0; i < n; i++) {
        double s = 0, dl = TW * d[i].ntitle + d[i].nbody;
        int matched = 0;
        for (int u = 0; u < units; u++) {
            const int *qq = phrase ? q : &q[u];
            int len = phrase ? nq : 1;
            double tf = TW * count_phrase(d[i].title, d[i].ntitle, qq, len) +
                        count_phrase(d[i].body, d[i].nbody, qq, len);
            if (tf > 0) {
                matched++;
                /* a document shorter than half the average counts as half
                 * (query/bm25.h, BYL_BM25_MIN_NORM_LEN) */
                double norm = dl / avg < 0.5 ? 0.5 : dl / avg;
                s += idf[u] * tf * (k1 + 1) / (tf + k1 * (1 - b + b * norm));
            }
        }
        if (matched && (!all || matched == units)) {
            out[m].score = s;
            out[m].doc = i;
            m++;
        }
    }
    qsort(out, (size_t)m, sizeof *out, cmp_scored);
    return m;
}

/* The fast path's top k against the oracle's: the same scores rank by rank
 * (to 1e-6), the same documents but for ties, which may swap. */
static void same_topk(const char *q, const byl_hit *hits, size_t nh, const byl_hit *oracle,
                      size_t no)
{
    for (size_t i = 0; i < nh; i++) {
        ck_assert_msg(fabs(hits[i].score - oracle[i].score) <= 1e-6 * fmax(1.0, oracle[i].score),
                      "%s rank %zu: MaxScore %.9f, oracle %.9f", q, i + 1, hits[i].score,
                      oracle[i].score);
        int same = hits[i].gdoc == oracle[i].gdoc;
        for (size_t j = 0; j < no && !same; j++)
            same = hits[i].gdoc == oracle[j].gdoc &&
                   fabs(oracle[j].score - hits[i].score) <= 1e-6 * fmax(1.0, hits[i].score);
        ck_assert_msg(same, "%s rank %zu: MaxScore returned doc %llu, oracle %llu", q, i + 1,
                      (unsigned long long)hits[i].gdoc, (unsigned long long)oracle[i].gdoc);
    }
}

/* Feedback (RM3) only reorders: with it, a query matches the same
 * documents as without (the count is brute force's), every hit is one of
 * them, scores are at least BM25's (expansion terms only add), and the
 * first pass by MaxScore (count_total 0) gives the top k of the first pass
 * by the oracle, so the two final rankings agree. */
static int fb_checked, fb_expanded; /* queries checked, and those feedback changed */

/* Feedback that reranks only the first pass's best D (prf_depth) against
 * the full second pass (prf_depth 0, every match ranked again): the same
 * count; every hit scored exactly as the full pass scores that document;
 * and, when D reaches every match, the full pass's top k. */
static void count_match(void *ctx, uint32_t ix, uint32_t seg, uint32_t d)
{
    (void)ix, (void)seg, (void)d;
    ++*(uint64_t *)ctx;
}

static void check_rerank(byl_searcher *s, const byl_qnode *node, const char *text,
                         const byl_search_opts *base, int m)
{
    /* every search here runs feedback (stored text read and analysed):
     * one query in four keeps the suite within its time under ASan */
    static unsigned calls;
    if (!m || calls++ % 4)
        return;
    byl_search_opts full = *base, part = *base;
    full.prf_depth = 0;
    full.k = (size_t)m;
    full.count_total = 1;
    const byl_hit *h;
    size_t nh;
    uint64_t total;
    ck_assert_int_eq(byl_search(s, node, &full, &h, &nh, &total), BYL_OK);
    ck_assert_uint_eq(nh, (size_t)m);
    byl_hit *all = malloc((size_t)m * sizeof *all);
    memcpy(all, h, (size_t)m * sizeof *all);
    const size_t depths[] = {1, 2 * part.k, (size_t)m}; /* below k, between, every match */
    for (size_t di = 0; di < sizeof depths / sizeof *depths; di++) {
        size_t depth = depths[di];
        uint64_t told = 0;
        part.prf_depth = depth;
        part.count_total = 1;
        part.on_match = depth % 2 ? count_match : NULL; /* what facets and collapse hear */
        part.on_match_ctx = &told;
        ck_assert_int_eq(byl_search(s, node, &part, &h, &nh, &total), BYL_OK);
        ck_assert_msg(total == (uint64_t)m, "%s reranking %zu: %llu matches, not %d", text, depth,
                      (unsigned long long)total, m);
        ck_assert_msg(!part.on_match || told == (uint64_t)m, "%s reranking %zu: %llu matches told, "
                      "not %d", text, depth, (unsigned long long)told, m);
        ck_assert_uint_eq(nh, part.k < (size_t)m ? part.k : (size_t)m);
        /* the first pass's best max(depth, prf_docs) are ranked again,
         * whatever k (pages must not depend on the page asked for): they
         * come first, with the full pass's scores; past them the first
         * pass's order, under them */
        size_t nr = depth > part.prf_docs ? depth : part.prf_docs;
        for (size_t i = 0; i < nh; i++) {
            size_t j = 0;
            while (j < (size_t)m && all[j].gdoc != h[i].gdoc)
                j++;
            ck_assert_msg(j < (size_t)m, "%s reranking %zu: doc %llu is no match", text, depth,
                          (unsigned long long)h[i].gdoc);
            ck_assert_msg(i >= nr || fabs(all[j].score - h[i].score) <= 1e-9 * fmax(1.0, all[j].score),
                          "%s reranking %zu: doc %llu scores %.12f, the full pass %.12f", text,
                          depth, (unsigned long long)h[i].gdoc, h[i].score, all[j].score);
            ck_assert(!i || h[i - 1].score >= h[i].score);
        }
        if (depth >= (size_t)m)
            same_topk(text, h, nh, all, nh);
    }
    free(all);
}

static void check_feedback(byl_searcher *s, const char *text, const doc *d, int n, const int *q,
                           int nq, int phrase, int all, double k1, double b)
{
    scored *want = calloc((size_t)n, sizeof *want);
    int m = brute(d, n, q, nq, phrase, all, k1, b, want);
    byl_qnode *node;
    ck_assert_int_eq(byl_query_parse(text, strlen(text), &node), BYL_OK);
    byl_search_opts o;
    byl_search_opts_init(&o);
    o.k = 10;
    o.all_required = all;
    o.k1 = k1;
    o.b = b;
    o.prf_docs = 1 + (size_t)(m % 10);
    o.prf_min_docs = 0; /* the random collections are small */
    o.prf_terms = 1 + (size_t)(nq * 7 % 20);
    int raised = 0;
    const byl_hit *hits;
    size_t nhits;
    uint64_t total;
    ck_assert_int_eq(byl_search(s, node, &o, &hits, &nhits, &total), BYL_OK);
    ck_assert_msg(total == (uint64_t)m, "%s with feedback: %llu matches, brute force %d", text,
                  (unsigned long long)total, m);
    ck_assert_uint_eq(nhits, m < 10 ? (size_t)m : 10);
    byl_hit oracle[10];
    size_t no = nhits;
    memcpy(oracle, hits, nhits * sizeof *hits);
    for (size_t i = 0; i < nhits; i++) {
        int j = 0;
        while (j < m && want[j].doc != (int)hits[i].gdoc)
            j++;
        ck_assert_msg(j < m, "%s with feedback rank %zu: doc %llu does not match the query", text,
                      i + 1, (unsigned long long)hits[i].gdoc);
        ck_assert_msg(hits[i].score >= want[j].score - 1e-6 * fmax(1.0, want[j].score),
                      "%s with feedback: doc %llu scores %.9f, below its BM25 %.9f", text,
                      (unsigned long long)hits[i].gdoc, hits[i].score, want[j].score);
        raised |= hits[i].score > want[j].score + 1e-6 * fmax(1.0, want[j].score);
    }
    fb_checked++;
    fb_expanded += raised;
    if (!all && !phrase) {
        o.count_total = 0;
        /* a tie at the first pass's last feedback place may pick another
         * document: compare only when the oracle's first pass had none */
        byl_search_opts f = o;
        f.prf_docs = 0;
        f.count_total = 1;
        f.k = o.prf_docs + 1;
        const byl_hit *fh;
        size_t fn;
        uint64_t ft;
        ck_assert_int_eq(byl_search(s, node, &f, &fh, &fn, &ft), BYL_OK);
        int tie = fn > o.prf_docs &&
                  fabs(fh[o.prf_docs].score - fh[o.prf_docs - 1].score) <= 1e-9 * fh[o.prf_docs].score;
        if (!tie) {
            ck_assert_int_eq(byl_search(s, node, &o, &hits, &nhits, &total), BYL_OK);
            ck_assert_uint_eq(nhits, no);
            same_topk(text, hits, nhits, oracle, no);
        }
    }
    check_rerank(s, node, text, &o, m);
    byl_qnode_free(node);
    free(want);
}

static void check_query(byl_searcher *s, const doc *d, int n, const int *q, int nq, int phrase,
                        int all, double k1, double b)
{
    char text[256] = "";
    if (phrase)
        strcat(text, "\"");
    for (int k = 0; k < nq; k++) {
        if (k)
            strcat(text, " ");
        strcat(text, vocab[q[k]]);
    }
    if (phrase)
        strcat(text, "\"");
    byl_qnode *node;
    ck_assert_int_eq(byl_query_parse(text, strlen(text), &node), BYL_OK);
    byl_search_opts o;
    byl_search_opts_init(&o);
    o.exhaustive = 1; /* the oracle; the fast path below */
    o.k = 10;
    o.all_required = all;
    o.k1 = k1;
    o.b = b;
    o.prf_docs = 0; /* BM25 alone: feedback is checked below */
    const byl_hit *hits;
    size_t nhits;
    uint64_t total;
    ck_assert_int_eq(byl_search(s, node, &o, &hits, &nhits, &total), BYL_OK);
    byl_qnode_free(node);
    scored *want = calloc((size_t)n, sizeof *want);
    int m = brute(d, n, q, nq, phrase, all, k1, b, want);
    ck_assert_msg(total == (uint64_t)m, "%s: %llu matches, brute force %d", text,
                  (unsigned long long)total, m);
    ck_assert_uint_eq(nhits, m < 10 ? (size_t)m : 10);
    for (size_t i = 0; i < nhits; i++) {
        double exp = want[i].score, got = hits[i].score;
        ck_assert_msg(fabs(got - exp) <= 1e-6 * fmax(1.0, fabs(exp)),
                      "%s rank %zu: score %.9f, brute force %.9f", text, i + 1, got, exp);
        /* the document at this rank has this score (ties may swap) */
        double its = -1;
        for (int j = 0; j < m; j++)
            if (want[j].doc == (int)hits[i].gdoc)
                its = want[j].score;
        ck_assert_msg(fabs(its - got) <= 1e-6 * fmax(1.0, fabs(got)),
                      "%s rank %zu: doc %llu scores %.9f by brute force, engine says %.9f", text,
                      i + 1, (unsigned long long)hits[i].gdoc, its, got);
    }
    free(want);
    /* the fast path (MaxScore for ranked OR) returns the oracle's top k */
    if (!all && !phrase) {
        byl_hit oracle[10];
        size_t no = nhits;
        memcpy(oracle, hits, nhits * sizeof *hits);
        ck_assert_int_eq(byl_query_parse(text, strlen(text), &node), BYL_OK);
        o.count_total = 0;
        o.exhaustive = 0;
        ck_assert_int_eq(byl_search(s, node, &o, &hits, &nhits, &total), BYL_OK);
        byl_qnode_free(node);
        ck_assert_uint_eq(nhits, no);
        same_topk(text, hits, nhits, oracle, no);
    }
    check_feedback(s, text, d, n, q, nq, phrase, all, k1, b);
}

static void run_random_queries(byl_searcher *s, const doc *d, int n, uint64_t seed, int count)
{
    for (int i = 0; i < count; i++) {
        int q[4], nq = 1 + (int)(rnd(&seed) % 4);
        for (int k = 0; k < nq; k++) {
            q[k] = (int)(rnd(&seed) % NVOCAB);
            for (int j = 0; j < k; j++)
                if (q[j] == q[k])
                    q[k] = (q[k] + 1) % NVOCAB, j = -1;
        }
        int mode = (int)(rnd(&seed) % 4);
        if (mode == 3)
            mode = 0; /* ranked OR most often: it has the fast path */
        if (mode == 2 && nq > 3)
            nq = 3;
        check_query(s, d, n, q, nq, mode == 2 && nq > 1, mode == 1, i % 5 ? 1.2 : 0.9,
                    i % 7 ? 0.75 : 0.3);
    }
}

static char tmpdir[64];

/* Commits and frees writer w, opens the index in dir into *ix and returns
 * a searcher over it (the suite's searches over an index built here). */
static byl_searcher *commit_and_open(byl_index_writer *w, const char *dir, byl_index **ix)
{
    ck_assert_int_eq(byl_index_writer_commit(w), BYL_OK);
    byl_index_writer_free(w);
    ck_assert_int_eq(byl_index_open(dir, ix), BYL_OK);
    byl_searcher *s;
    ck_assert_int_eq(byl_searcher_new(ix, 1, &s), BYL_OK);
    return s;
}


/* Builds d[0..n) into tmpdir/name in one segment and returns a searcher
 * over it, the index in *ix (both freed by the caller). */
static byl_searcher *build_and_open(const char *name, const doc *d, int n, byl_index **ix)
{
    char dir[128];
    snprintf(dir, sizeof dir, "%s/%s", tmpdir, name);
    build_index(dir, d, 0, n, 64 << 20);
    ck_assert_int_eq(byl_index_open(dir, ix), BYL_OK);
    byl_searcher *s;
    ck_assert_int_eq(byl_searcher_new(ix, 1, &s), BYL_OK);
    return s;
}

static void setup(void)
{
    make_vocab();
    strcpy(tmpdir, "/tmp/byl_test_searchXXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(tmpdir));
}

static void teardown(void)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", tmpdir);
    ck_assert_int_eq(system(cmd), 0);
}

START_TEST(test_single_segment_matches_brute_force)
{
    int n = 400;
    doc *d = make_docs(1, n);
    char dir[128];
    snprintf(dir, sizeof dir, "%s/one", tmpdir);
    build_index(dir, d, 0, n, 64 << 20);
    byl_index *ix;
    ck_assert_int_eq(byl_index_open(dir, &ix), BYL_OK);
    ck_assert_uint_eq(byl_index_nsegments(ix), 1);
    byl_searcher *s;
    ck_assert_int_eq(byl_searcher_new(&ix, 1, &s), BYL_OK);
    fb_checked = fb_expanded = 0;
    run_random_queries(s, d, n, 11, 1500);
    /* the skewed vocabulary leaves rare words for feedback to add */
    ck_assert_int_eq(fb_checked, 1500);
    ck_assert_msg(fb_expanded > 100, "feedback changed %d of %d queries", fb_expanded, fb_checked);
    byl_searcher_free(s);
    byl_index_close(ix);
    free(d);
}
END_TEST

START_TEST(test_many_segments_and_indexes_score_as_one)
{
    int n = 600;
    /* under the sanitizers and valgrind (BYL_TEST_SHORT) a quarter of the
     * queries: the same paths, and the normal build runs them all */
    int nq = getenv("BYL_TEST_SHORT") ? 75 : 300;
    doc *d = make_docs(2, n);
    char dir[128], a[128], b[128];
    snprintf(dir, sizeof dir, "%s/multi", tmpdir);
    /* a tiny budget forces several segments */
    build_index(dir, d, 0, n, 40 << 10);
    byl_index *ix;
    ck_assert_int_eq(byl_index_open(dir, &ix), BYL_OK);
    ck_assert_uint_gt(byl_index_nsegments(ix), 2);
    byl_searcher *s;
    ck_assert_int_eq(byl_searcher_new(&ix, 1, &s), BYL_OK);
    run_random_queries(s, d, n, 12, nq);
    byl_searcher_free(s);
    byl_index_close(ix);

    /* the same articles split over two indexes searched together */
    snprintf(a, sizeof a, "%s/a", tmpdir);
    snprintf(b, sizeof b, "%s/b", tmpdir);
    build_index(a, d, 0, n / 3, 64 << 20);
    build_index(b, d, n / 3, n, 64 << 20);
    byl_index *two[2];
    ck_assert_int_eq(byl_index_open(a, &two[0]), BYL_OK);
    ck_assert_int_eq(byl_index_open(b, &two[1]), BYL_OK);
    ck_assert_int_eq(byl_searcher_new(two, 2, &s), BYL_OK);
    run_random_queries(s, d, n, 13, nq);
    byl_searcher_free(s);
    byl_index_close(two[0]);
    byl_index_close(two[1]);
    free(d);
}
END_TEST

START_TEST(test_fields_ids_and_dates)
{
    int n = 50;
    doc *d = make_docs(3, n);
    byl_index *ix;
    byl_searcher *s = build_and_open("f", d, n, &ix);
    byl_search_opts o;
    byl_search_opts_init(&o);
    const byl_hit *hits;
    size_t nhits;
    uint64_t total;
    byl_qnode *q;
    /* id: finds exactly that article */
    ck_assert_int_eq(byl_query_parse("id:d17", 6, &q), BYL_OK);
    ck_assert_int_eq(byl_search(s, q, &o, &hits, &nhits, &total), BYL_OK);
    ck_assert_uint_eq(total, 1);
    ck_assert_uint_eq(hits[0].gdoc, 17);
    byl_qnode_free(q);
    /* a date range alone filters: days 10..19 */
    const char *dq = "date:1970-01-11..1970-01-20";
    ck_assert_int_eq(byl_query_parse(dq, strlen(dq), &q), BYL_OK);
    ck_assert_int_eq(byl_search(s, q, &o, &hits, &nhits, &total), BYL_OK);
    ck_assert_uint_eq(total, 10);
    byl_qnode_free(q);
    /* title: counts only title words */
    int with_title = 0;
    for (int i = 0; i < n; i++)
        with_title += count_phrase(d[i].title, d[i].ntitle, (int[]){0}, 1) > 0;
    char tq[64];
    snprintf(tq, sizeof tq, "title:%s", vocab[0]);
    ck_assert_int_eq(byl_query_parse(tq, strlen(tq), &q), BYL_OK);
    ck_assert_int_eq(byl_search(s, q, &o, &hits, &nhits, &total), BYL_OK);
    ck_assert_uint_eq(total, (uint64_t)with_title);
    byl_qnode_free(q);
    /* exclusion */
    char xq[64];
    snprintf(xq, sizeof xq, "%s -%s", vocab[0], vocab[1]);
    ck_assert_int_eq(byl_query_parse(xq, strlen(xq), &q), BYL_OK);
    ck_assert_int_eq(byl_search(s, q, &o, &hits, &nhits, &total), BYL_OK);
    for (size_t i = 0; i < nhits; i++) {
        const doc *x = &d[hits[i].gdoc];
        ck_assert_int_eq(count_phrase(x->title, x->ntitle, (int[]){1}, 1) +
                             count_phrase(x->body, x->nbody, (int[]){1}, 1), 0);
    }
    byl_qnode_free(q);
    byl_searcher_free(s);
    byl_index_close(ix);
    free(d);
}
END_TEST

/* Whether body w[0..n) holds the phrase q[0..nq) within slop: an anchor
 * of q[0] and, for each later word, a position within slop of where the
 * exact phrase puts it, no position taken twice (found by trying every
 * choice). */
static int sloppy_from(const int *w, int n, const int *q, int nq, int slop, int a, int k,
                       int *took)
{
    if (k == nq)
        return 1;
    for (int p = a + k - slop; p <= a + k + slop; p++) {
        if (p < 0 || p >= n || w[p] != q[k])
            continue;
        int used = 0;
        for (int j = 0; j < k; j++)
            used |= took[j] == p;
        if (used)
            continue;
        took[k] = p;
        if (sloppy_from(w, n, q, nq, slop, a, k + 1, took))
            return 1;
    }
    return 0;
}

static int sloppy_match(const int *w, int n, const int *q, int nq, int slop)
{
    int took[8];
    for (int a = 0; a < n; a++) {
        if (w[a] != q[0])
            continue;
        took[0] = a;
        if (sloppy_from(w, n, q, nq, slop, a, 1, took))
            return 1;
    }
    return 0;
}

/* Phrases with slop over words repeated, against trying every choice: one
 * occurrence of a word stands for one place of the phrase ("budget
 * budget"~3 once matched an article with one "budget"). */
START_TEST(test_sloppy_phrase_takes_each_word_once)
{
    int n = 300;
    doc *d = calloc((size_t)n, sizeof *d);
    uint64_t seed = 77;
    for (int i = 0; i < n; i++) {
        d[i].nbody = 1 + (int)(rnd(&seed) % 12);
        for (int k = 0; k < d[i].nbody; k++)
            d[i].body[k] = (int)(rnd(&seed) % 3); /* three words: repeats everywhere */
    }
    byl_index *ix;
    byl_searcher *s = build_and_open("slop", d, n, &ix);
    byl_search_opts o;
    byl_search_opts_init(&o);
    o.k = 0;
    o.count_total = 1;
    int nonzero = 0;
    for (int t = 0; t < 200; t++) {
        int q[4], nq = 2 + (int)(rnd(&seed) % 3), slop = (int)(rnd(&seed) % 4);
        for (int k = 0; k < nq; k++)
            q[k] = (int)(rnd(&seed) % 3);
        char text[256], words[128];
        join_words(q, nq, words, sizeof words);
        snprintf(text, sizeof text, "\"%s\"~%d", words, slop);
        uint64_t want = 0;
        for (int i = 0; i < n; i++)
            want += (uint64_t)sloppy_match(d[i].body, d[i].nbody, q, nq, slop);
        byl_qnode *qn;
        ck_assert_int_eq(byl_query_parse(text, strlen(text), &qn), BYL_OK);
        const byl_hit *hits;
        size_t nhits;
        uint64_t total;
        ck_assert_int_eq(byl_search(s, qn, &o, &hits, &nhits, &total), BYL_OK);
        ck_assert_msg(total == want, "%s: %llu matches, %llu by trying every choice", text,
                      (unsigned long long)total, (unsigned long long)want);
        nonzero += want > 0;
        byl_qnode_free(qn);
    }
    ck_assert_int_gt(nonzero, 50);
    byl_searcher_free(s);
    byl_index_close(ix);
    free(d);
}
END_TEST

/* Lower-case words find their acronym when it is the usual form: "nasa"
 * finds NASA; "the" does not find T.H.E.; "us" stays the pronoun. */
START_TEST(test_acronym_expansion)
{
    char dir[128];
    snprintf(dir, sizeof dir, "%s/acr", tmpdir);
    byl_index_opts o = {.mem_budget = 64 << 20, .title_weight = 2, .replace = 1};
    byl_index_writer *w;
    ck_assert_int_eq(byl_index_writer_open(dir, &o, &w), BYL_OK);
    const char *bodies[] = {
        "The rocket was built by NASA engineers in Houston.",
        "Shares of T.H.E. Fitness rose after the merger was announced.",
        "The committee told us that the US economy would grow.",
        "The weather was calm and the sea was quiet."};
    for (int i = 0; i < 4; i++) {
        char id[16];
        snprintf(id, sizeof id, "a%d", i);
        byl_article a = {.id = id, .id_len = strlen(id), .title = "", .body = bodies[i],
                         .body_len = strlen(bodies[i]), .author = "", .source = "", .url = "",
                         .date = 0, .file = "t"};
        ck_assert_int_eq(byl_index_writer_add(w, &a), BYL_OK);
    }
    byl_index *ix;
    byl_searcher *s = commit_and_open(w, dir, &ix);
    const char *q[] = {"nasa", "NASA", "the", "us", "US", "U.S."};
    const uint64_t want[] = {1, 1, 4, 1, 1, 1};
    const uint64_t first[] = {0, 0, 0, 2, 2, 2};
    for (int i = 0; i < 6; i++) {
        byl_qnode *node;
        ck_assert_int_eq(byl_query_parse(q[i], strlen(q[i]), &node), BYL_OK);
        byl_search_opts so;
        byl_search_opts_init(&so);
        const byl_hit *hits;
        size_t nh;
        uint64_t total;
        ck_assert_int_eq(byl_search(s, node, &so, &hits, &nh, &total), BYL_OK);
        byl_qnode_free(node);
        ck_assert_msg(total == want[i], "%s: %llu matches", q[i], (unsigned long long)total);
        if (want[i] == 1)
            ck_assert_uint_eq(hits[0].gdoc, first[i]);
    }
    byl_searcher_free(s);
    byl_index_close(ix);
}
END_TEST

static int add_file(const char *file, void *ctx)
{
    byl_index_writer *w = ctx;
    byl_reader *r;
    ck_assert_int_eq(byl_reader_open(file, BYL_FMT_AUTO, NULL, NULL, &r), BYL_OK);
    byl_article a;
    while (byl_reader_next(r, &a) == 1)
        ck_assert_int_eq(byl_index_writer_add(w, &a), BYL_OK);
    byl_reader_close(r);
    return 0;
}

/* The fixture corpus and every query of the end-to-end list (plus a few
 * more): the fast path's top 10 equals the exhaustive oracle's. */
START_TEST(test_fast_path_matches_oracle_on_fixtures)
{
    const char *data = getenv("BYL_TEST_DATA");
    char corpus[512], queries[512], dir[128];
    snprintf(corpus, sizeof corpus, "%s/corpus", data ? data : "tests/data");
    snprintf(queries, sizeof queries, "%s/../e2e/queries.tsv", data ? data : "tests/data");
    snprintf(dir, sizeof dir, "%s/fix", tmpdir);
    byl_index_opts o = {.mem_budget = 64 << 20, .title_weight = 2, .replace = 1};
    byl_index_writer *w;
    ck_assert_int_eq(byl_index_writer_open(dir, &o, &w), BYL_OK);
    ck_assert_int_eq(byl_walk(corpus, add_file, w), 0);
    byl_index *ix;
    byl_searcher *s = commit_and_open(w, dir, &ix);
    FILE *f = fopen(queries, "r");
    ck_assert_ptr_nonnull(f);
    /* the end-to-end queries, then a few more with frequent words */
    static char qs[200][1024];
    size_t nq = 0;
    char line[1024];
    while (nq < 190 && fgets(line, sizeof line, f)) {
        char *tab = strchr(line, '\t');
        if (line[0] == '#' || !tab)
            continue;
        *tab = '\0';
        snprintf(qs[nq++], sizeof qs[0], "%s", line);
    }
    fclose(f);
    const char *extra[] = {"the", "trade us", "export controls semiconductor chips",
                           "qiao mu siyuan", "bytedance singapore lab", "oil wheat grain",
                           /* phrases beside words: MaxScore takes them as lists too */
                           "\"export controls\" chips", "the \"trade war\" tariffs us",
                           "\"qiao siyuan\" \"bytedance\" lab"};
    for (size_t e = 0; e < sizeof extra / sizeof *extra; e++)
        snprintf(qs[nq++], sizeof qs[0], "%s", extra[e]);
    int compared = 0;
    for (size_t qi = 0; qi < nq; qi++) {
        const char *q = qs[qi];
        byl_qnode *node;
        if (byl_query_parse(q, strlen(q), &node) != BYL_OK)
            continue;
        byl_search_opts so;
        byl_search_opts_init(&so);
        so.exhaustive = 1;
        const byl_hit *hits;
        size_t nh, no;
        uint64_t total, ototal;
        byl_hit oracle[10];
        ck_assert_int_eq(byl_search(s, node, &so, &hits, &nh, &ototal), BYL_OK);
        no = nh;
        memcpy(oracle, hits, nh * sizeof *hits);
        /* counting without the oracle: the same hits, the exact total */
        so.exhaustive = 0;
        ck_assert_int_eq(byl_search(s, node, &so, &hits, &nh, &total), BYL_OK);
        ck_assert_msg(total == ototal, "%s: %llu matches counted, oracle %llu", q,
                      (unsigned long long)total, (unsigned long long)ototal);
        ck_assert_uint_eq(nh, no);
        same_topk(q, hits, nh, oracle, no);
        so.count_total = 0;
        ck_assert_int_eq(byl_search(s, node, &so, &hits, &nh, &total), BYL_OK);
        byl_qnode_free(node);
        ck_assert_msg(nh == no, "%s: %zu hits, oracle %zu", q, nh, no);
        for (size_t i = 0; i < nh; i++) {
            ck_assert_msg(hits[i].gdoc == oracle[i].gdoc, "%s rank %zu: doc %llu, oracle %llu", q,
                          i + 1, (unsigned long long)hits[i].gdoc,
                          (unsigned long long)oracle[i].gdoc);
            ck_assert(fabs(hits[i].score - oracle[i].score) <= 1e-6 * fmax(1.0, oracle[i].score));
        }
        compared++;
    }
    ck_assert_int_gt(compared, 60);
    byl_searcher_free(s);
    byl_index_close(ix);
}
END_TEST

/* Words written both ways in the corpus, in lower case and in capitals
 * (barko, BARKO: a plain term and its capital form), so that a query word
 * matches the two terms as one word (tf summed, one idf).  Over many seeded
 * random ranked-OR queries, typed in lower case, Title Case or capitals,
 * the fast path (MaxScore over the union of the forms' lists) returns the
 * exhaustive oracle's top k with its scores.  Segments differ in which
 * forms they hold, and the lists span many blocks, so the union's cursor,
 * its bound and its block bounds are all exercised. */
START_TEST(test_fast_path_matches_oracle_on_two_form_words)
{
    char dir[128];
    snprintf(dir, sizeof dir, "%s/forms", tmpdir);
    uint64_t seed = 0x5eed2f0a;
    const int ndocs = 4000;
    byl_index_opts io = {.mem_budget = 256 << 10, .title_weight = TW, .replace = 1};
    byl_index_writer *w;
    ck_assert_int_eq(byl_index_writer_open(dir, &io, &w), BYL_OK);
    for (int i = 0; i < ndocs; i++) {
        char id[32], title[MAXW * 16], body[MAXW * 16];
        char *parts[2] = {title, body};
        int nw[2] = {(int)(rnd(&seed) % 6), 1 + (int)(rnd(&seed) % 40)};
        for (int f = 0; f < 2; f++) {
            parts[f][0] = '\0';
            for (int k = 0; k < nw[f]; k++) {
                int v = (int)(rnd(&seed) % NVOCAB * (rnd(&seed) % NVOCAB) / NVOCAB);
                /* how often a word is in capitals: never, sometimes, mostly;
                 * more often in the first documents (segments differ) */
                int pct = (v % 3 == 0 ? 0 : v % 3 == 1 ? 15 : 55) + (i < ndocs / 3 ? 10 : 0);
                char word[16];
                snprintf(word, sizeof word, "%s", vocab[v]);
                if ((int)(rnd(&seed) % 100) < pct)
                    for (char *c = word; *c; c++)
                        *c = (char)(*c - 'a' + 'A');
                if (k)
                    strcat(parts[f], " ");
                strcat(parts[f], word);
            }
        }
        snprintf(id, sizeof id, "f%d", i);
        byl_article a = {.id = id, .id_len = strlen(id), .title = title,
                         .title_len = strlen(title), .body = body, .body_len = strlen(body),
                         .author = "", .source = "", .url = "", .date = 86400LL * i,
                         .file = "test"};
        ck_assert_int_eq(byl_index_writer_add(w, &a), BYL_OK);
    }
    byl_index *ix;
    byl_searcher *s = commit_and_open(w, dir, &ix);
    int compared = 0, two_form = 0, pruned = 0;
    for (int qi = 0; qi < 600; qi++) {
        char q[512] = "";
        int nwords = 1 + (int)(rnd(&seed) % 5);
        for (int k = 0; k < nwords; k++) {
            char word[32];
            int v = (int)(rnd(&seed) % NVOCAB), how = (int)(rnd(&seed) % 10);
            snprintf(word, sizeof word, "%s%s", how == 9 ? "title:" : "", vocab[v]);
            char *c = word + (how == 9 ? 6 : 0);
            if (how == 7) /* Title Case */
                *c = (char)(*c - 'a' + 'A');
            else if (how == 8) /* capitals: a sign in a query with lower case */
                for (; *c; c++)
                    *c = (char)(*c - 'a' + 'A');
            if (k)
                strcat(q, " ");
            strcat(q, word);
        }
        size_t k = qi % 3 == 0 ? 1 : qi % 3 == 1 ? 3 : 10;
        byl_qnode *node;
        ck_assert_int_eq(byl_query_parse(q, strlen(q), &node), BYL_OK);
        byl_search_opts so;
        byl_search_opts_init(&so);
        so.exhaustive = 1;
        so.k = k;
        so.prf_docs = 0; /* feedback's second pass is exhaustive: MaxScore alone here */
        const byl_hit *hits;
        size_t nh, no;
        uint64_t total, ototal;
        byl_hit oracle[10];
        ck_assert_int_eq(byl_search(s, node, &so, &hits, &nh, &ototal), BYL_OK);
        no = nh;
        memcpy(oracle, hits, nh * sizeof *hits);
        /* does a word match two terms (a lower-case one and a capital form)? */
        size_t nt;
        const byl_qterm *qt = byl_search_terms(s, &nt);
        int upper = 0, lower = 0;
        for (size_t t = 0; t < nt; t++) {
            upper |= qt[t].term[0] >= 'A' && qt[t].term[0] <= 'Z';
            lower |= qt[t].term[0] >= 'a' && qt[t].term[0] <= 'z';
        }
        so.count_total = 0;
        so.exhaustive = 0;
        ck_assert_int_eq(byl_search(s, node, &so, &hits, &nh, &total), BYL_OK);
        byl_qnode_free(node);
        ck_assert_msg(nh == no, "%s: %zu hits, oracle %zu", q, nh, no);
        same_topk(q, hits, nh, oracle, no);
        compared++;
        two_form += upper && lower;
        /* the fast path ran, and skipped: fewer documents scored than match */
        pruned += upper && lower && total < ototal;
    }
    ck_assert_int_eq(compared, 600);
    ck_assert_msg(two_form > 200, "%d queries with two-form words", two_form);
    ck_assert_msg(pruned > 100, "%d two-form queries pruned by MaxScore", pruned);
    byl_searcher_free(s);
    byl_index_close(ix);
}
END_TEST

/* Phrases beside words, MaxScore's two-phase lists: a phrase's candidates
 * are the documents with all its words, bounded by one word's blocks, and
 * its positions are read only for a candidate that may enter the top k.
 * A seeded corpus of few words, so that a phrase's words meet in many
 * documents where the phrase is not (planted pairs make it occur often
 * enough to win), titles weighed twice, words sometimes in capitals, the
 * lists many blocks long over several segments; seeded random queries of
 * words and phrases (two or three words, a slop, a field, capitals).  The
 * fast path returns the oracle's top k with its scores, counts exactly, and
 * skips: fewer documents scored than match. */
START_TEST(test_fast_path_matches_oracle_on_phrases)
{
    char dir[128];
    snprintf(dir, sizeof dir, "%s/phrases", tmpdir);
    uint64_t seed = 0x9a5e2b17;
    const int ndocs = 3000;
    byl_index_opts io = {.mem_budget = 256 << 10, .title_weight = TW, .replace = 1};
    byl_index_writer *w;
    ck_assert_int_eq(byl_index_writer_open(dir, &io, &w), BYL_OK);
    for (int i = 0; i < ndocs; i++) {
        char id[32], title[MAXW * 16], body[MAXW * 16];
        char *parts[2] = {title, body};
        int nw[2] = {(int)(rnd(&seed) % 6), 1 + (int)(rnd(&seed) % 50)};
        for (int f = 0; f < 2; f++) {
            parts[f][0] = '\0';
            for (int k = 0; k < nw[f]; k++) {
                int v = (int)(rnd(&seed) % 12 * (rnd(&seed) % 12) / 12);
                char word[40];
                if (rnd(&seed) % 4 == 0) /* a planted pair: v and v + 1 */
                    snprintf(word, sizeof word, "%s %s", vocab[v], vocab[v + 1]);
                else
                    snprintf(word, sizeof word, "%s", vocab[v]);
                if (rnd(&seed) % 10 == 0)
                    word[0] = (char)(word[0] - 'a' + 'A');
                if (k)
                    strcat(parts[f], " ");
                strcat(parts[f], word);
            }
        }
        snprintf(id, sizeof id, "p%d", i);
        byl_article a = {.id = id, .id_len = strlen(id), .title = title,
                         .title_len = strlen(title), .body = body, .body_len = strlen(body),
                         .author = "", .source = "", .url = "", .date = 86400LL * i,
                         .file = "test"};
        ck_assert_int_eq(byl_index_writer_add(w, &a), BYL_OK);
    }
    ck_assert_int_eq(byl_index_writer_commit(w), BYL_OK);
    byl_index_writer_free(w);
    byl_index *ix;
    ck_assert_int_eq(byl_index_open(dir, &ix), BYL_OK);
    ck_assert_uint_gt(byl_index_nsegments(ix), 1);
    byl_searcher *s;
    ck_assert_int_eq(byl_searcher_new(&ix, 1, &s), BYL_OK);
    int compared = 0, pruned = 0, phrases = 0;
    for (int qi = 0; qi < 500; qi++) {
        char q[512] = "";
        int nitems = 1 + (int)(rnd(&seed) % 4), has_phrase = 0;
        for (int it = 0; it < nitems; it++) {
            char item[160];
            int kind = (int)(rnd(&seed) % 10), v = (int)(rnd(&seed) % 11);
            if (kind < 4) { /* a word */
                snprintf(item, sizeof item, "%s", vocab[v]);
            } else { /* a phrase: mostly a planted pair, sometimes any words */
                int len = kind == 9 ? 3 : 2, u = (int)(rnd(&seed) % 11);
                char ph[120];
                if (kind == 8)
                    snprintf(ph, sizeof ph, "%s %s", vocab[v], vocab[u]);
                else if (len == 3)
                    snprintf(ph, sizeof ph, "%s %s %s", vocab[v], vocab[v + 1], vocab[u]);
                else
                    snprintf(ph, sizeof ph, "%s %s", vocab[v], vocab[v + 1]);
                const char *field = rnd(&seed) % 6 == 0 ? "title:" : "";
                int slop = rnd(&seed) % 5 == 0 ? 1 + (int)(rnd(&seed) % 3) : 0;
                if (rnd(&seed) % 6 == 0)
                    ph[0] = (char)(ph[0] - 'a' + 'A');
                if (slop)
                    snprintf(item, sizeof item, "%s\"%s\"~%d", field, ph, slop);
                else
                    snprintf(item, sizeof item, "%s\"%s\"", field, ph);
                has_phrase = 1;
            }
            if (it)
                strcat(q, " ");
            strcat(q, item);
        }
        size_t k = qi % 3 == 0 ? 1 : qi % 3 == 1 ? 3 : 10;
        int pr = oracle_agrees(s, q, k, 1e-6);
        compared++;
        phrases += has_phrase;
        pruned += has_phrase && pr;
    }
    ck_assert_int_eq(compared, 500);
    ck_assert_msg(phrases > 300, "%d queries with phrases", phrases);
    ck_assert_msg(pruned > 100, "%d queries with phrases pruned by MaxScore", pruned);
    byl_searcher_free(s);
    byl_index_close(ix);
}
END_TEST

/* A phrase only probed is bounded by its bounding word's blocks around
 * each document, not by its best anywhere: "zeta" in long articles with
 * "big city" once, where the phrase and its words are at their least,
 * is passed over unscored once a few short articles (the phrase nowhere
 * in them) hold the top, though the phrase's best, in short articles of
 * its own, is above what those long articles can reach.  Bounded by its
 * best, the phrase kept every one of them scored (what kept 28,000
 * articles naming New York scored for "hempstead new york" at a
 * million).  The oracle's top k, and fewer articles examined
 * (byl_searcher_examined) than half the long ones. */
START_TEST(test_probed_phrase_bounded_by_blocks)
{
    char dir[128];
    snprintf(dir, sizeof dir, "%s/probed", tmpdir);
    byl_index_opts io = {.mem_budget = 64 << 20, .title_weight = TW, .replace = 1};
    byl_index_writer *w;
    ck_assert_int_eq(byl_index_writer_open(dir, &io, &w), BYL_OK);
    enum { TOP = 10, LONG = 300, OTHER = 1500, PHR = 20, NOISE = 3000 };
    char filler[600] = "";
    for (int k = 0; k < 60; k++)
        strcat(filler, k % 2 ? " harbour" : " quay");
    for (int i = 0; i < TOP + LONG + OTHER + PHR + NOISE; i++) {
        char id[32], body[1024];
        if (i < TOP) /* the top: short, its words often, the phrase not */
            snprintf(body, sizeof body, "city city city big big big zeta zeta zeta");
        else if (i < TOP + LONG) /* long: the word, and the phrase once */
            snprintf(body, sizeof body, "zeta%s big city", filler);
        else if (i < TOP + LONG + OTHER) /* the phrase's words apart */
            snprintf(body, sizeof body, "city%s big", filler);
        else if (i < TOP + LONG + OTHER + PHR) /* the phrase at its best */
            snprintf(body, sizeof body, "big city big city big city");
        else
            snprintf(body, sizeof body, "%s", filler + 1);
        snprintf(id, sizeof id, "q%d", i);
        byl_article a = {.id = id, .id_len = strlen(id), .title = "", .title_len = 0,
                         .body = body, .body_len = strlen(body), .author = "", .source = "",
                         .url = "", .date = 86400LL * i, .file = "test"};
        ck_assert_int_eq(byl_index_writer_add(w, &a), BYL_OK);
    }
    byl_index *ix;
    byl_searcher *s = commit_and_open(w, dir, &ix);
    const char *q = "zeta big city \"big city\"";
    oracle_agrees(s, q, TOP, 1e-9); /* the oracle's top k and count */
    /* the top and what MaxScore examined for it, without the count */
    byl_qnode *node;
    ck_assert_int_eq(byl_query_parse(q, strlen(q), &node), BYL_OK);
    byl_search_opts so;
    byl_search_opts_init(&so);
    so.k = TOP;
    so.prf_docs = 0;
    so.count_total = 0;
    const byl_hit *hits;
    size_t nh;
    uint64_t total;
    ck_assert_int_eq(byl_search(s, node, &so, &hits, &nh, &total), BYL_OK);
    ck_assert_uint_eq(nh, TOP);
    for (size_t i = 0; i < nh; i++)
        ck_assert_uint_lt(hits[i].doc, TOP); /* the short articles hold the top */
    uint64_t ex = byl_searcher_examined(s);
    ck_assert_msg(ex >= TOP && ex < LONG / 2, "%llu articles examined", (unsigned long long)ex);
    byl_qnode_free(node);
    byl_searcher_free(s);
    byl_index_close(ix);
}
END_TEST

/* The searcher numbers documents through its collection (index/collection.h):
 * every hit's global number is the collection's for its segment and
 * document, and locating it leads back to them; the statistics are the
 * collection's sums, over several segments of two indexes. */
START_TEST(test_hits_numbered_by_the_collection)
{
    int n = 300;
    doc *d = make_docs(4, n);
    char a[128], b[128];
    snprintf(a, sizeof a, "%s/ca", tmpdir);
    snprintf(b, sizeof b, "%s/cb", tmpdir);
    build_index(a, d, 0, n / 2, 40 << 10); /* several segments */
    build_index(b, d, n / 2, n, 64 << 20);
    byl_index *two[2];
    ck_assert_int_eq(byl_index_open(a, &two[0]), BYL_OK);
    ck_assert_int_eq(byl_index_open(b, &two[1]), BYL_OK);
    ck_assert_uint_gt(byl_index_nsegments(two[0]), 1);
    byl_searcher *s;
    ck_assert_int_eq(byl_searcher_new(two, 2, &s), BYL_OK);
    const byl_collection *c = byl_searcher_collection(s);
    ck_assert_ptr_nonnull(c);
    ck_assert_uint_eq(byl_collection_nindexes(c), 2);
    ck_assert_ptr_eq(byl_searcher_stats(s), byl_collection_stats(c));
    ck_assert_uint_eq(byl_searcher_stats(s)->ndocs, (uint32_t)n);
    size_t nix;
    ck_assert_ptr_eq(byl_searcher_indexes(s, &nix), byl_collection_indexes(c));
    ck_assert_uint_eq(nix, 2);
    size_t seen = 0;
    for (int w = 0; w < nvocab; w++) {
        byl_qnode *q;
        ck_assert_int_eq(byl_query_parse(vocab[w], strlen(vocab[w]), &q), BYL_OK);
        byl_search_opts o;
        byl_search_opts_init(&o);
        o.k = (size_t)n;
        o.exhaustive = w & 1; /* both algorithms number hits */
        const byl_hit *h;
        size_t nh;
        uint64_t total;
        ck_assert_int_eq(byl_search(s, q, &o, &h, &nh, &total), BYL_OK);
        for (size_t i = 0; i < nh; i++) {
            ck_assert_uint_eq(byl_collection_gdoc(c, h[i].ix, h[i].seg, h[i].doc), h[i].gdoc);
            uint32_t ix, segno, dn;
            ck_assert_int_eq(byl_collection_locate(c, h[i].gdoc, &ix, &segno, &dn), BYL_OK);
            ck_assert(ix == h[i].ix && segno == h[i].seg && dn == h[i].doc);
            ck_assert_ptr_eq(byl_searcher_segment(s, &h[i]), byl_collection_cseg_of(c, h[i].gdoc)->seg);
        }
        seen += nh;
        byl_qnode_free(q);
    }
    ck_assert_uint_gt(seen, (size_t)n);
    byl_searcher_free(s);
    byl_index_close(two[0]);
    byl_index_close(two[1]);
    free(d);
}
END_TEST

/* ---- --and at every depth ---- */

/* Appends to both renderings of a random clause of depth at most depth
 * (seeded): imp joins a group's clauses by spaces (-x for NOT), exp the
 * same clauses by AND (NOT x); ORs and phrases are the same in both.  A
 * group's first clause is never negated (a group of NOTs only finds
 * nothing either way); in_field: no field inside a field's group.
 * Returns whether the clause is composite (wanted in brackets). */
static int and_clause(uint64_t *seed, int depth, int in_field, int nw, char *imp, char *exp,
                      size_t cap)
{
    if (depth == 0 || rnd(seed) % 4 == 0) {
        char w[64];
        const char *field = !in_field && rnd(seed) % 4 == 0 ? (rnd(seed) % 2 ? "title:" : "body:")
                                                            : "";
        if (rnd(seed) % 6 == 0)
            snprintf(w, sizeof w, "%s\"%s %s\"", field, vocab[rnd(seed) % (unsigned)nw],
                     vocab[rnd(seed) % (unsigned)nw]);
        else
            snprintf(w, sizeof w, "%s%s", field, vocab[rnd(seed) % (unsigned)nw]);
        strncat(imp, w, cap - strlen(imp) - 1);
        strncat(exp, w, cap - strlen(exp) - 1);
        return 0;
    }
    int or = rnd(seed) % 2, n = 2 + (int)(rnd(seed) % 2), own = 0;
    if (!in_field && rnd(seed) % 4 == 0) {
        const char *field = rnd(seed) % 2 ? "title:(" : "body:(";
        strncat(imp, field, cap - strlen(imp) - 1);
        strncat(exp, field, cap - strlen(exp) - 1);
        in_field = own = 1; /* this clause brackets itself */
    }
    for (int k = 0; k < n; k++) {
        int neg = !or && k && rnd(seed) % 4 == 0;
        if (k) {
            strncat(imp, or ? " OR " : " ", cap - strlen(imp) - 1);
            strncat(exp, or ? " OR " : " AND ", cap - strlen(exp) - 1);
        }
        if (neg) {
            strncat(imp, "-", cap - strlen(imp) - 1);
            strncat(exp, "NOT ", cap - strlen(exp) - 1);
        }
        char ki[1024] = "", ke[1024] = "";
        int comp = and_clause(seed, depth - 1, in_field, nw, ki, ke, sizeof ki);
        strncat(imp, comp ? "(" : "", cap - strlen(imp) - 1);
        strncat(exp, comp ? "(" : "", cap - strlen(exp) - 1);
        strncat(imp, ki, cap - strlen(imp) - 1);
        strncat(exp, ke, cap - strlen(exp) - 1);
        strncat(imp, comp ? ")" : "", cap - strlen(imp) - 1);
        strncat(exp, comp ? ")" : "", cap - strlen(exp) - 1);
    }
    if (own) {
        strncat(imp, ")", cap - strlen(imp) - 1);
        strncat(exp, ")", cap - strlen(exp) - 1);
        return 0;
    }
    return 1;
}

/* The articles (sorted gdocs, into out) query q matches, every one. */
static size_t and_matches(byl_searcher *s, const char *q, int all, int ndocs, uint32_t *out)
{
    byl_qnode *node;
    ck_assert_msg(byl_query_parse(q, strlen(q), &node) == BYL_OK, "%s: %s", q, byl_error_msg());
    byl_search_opts o;
    byl_search_opts_init(&o);
    o.all_required = all;
    o.k = (size_t)ndocs;
    const byl_hit *hits;
    size_t nhits;
    uint64_t total;
    ck_assert_msg(byl_search(s, node, &o, &hits, &nhits, &total) == BYL_OK, "%s: %s", q,
                  byl_error_msg());
    ck_assert_uint_eq(nhits, total);
    for (size_t i = 0; i < nhits; i++)
        out[i] = hits[i].gdoc;
    for (size_t i = 1; i < nhits; i++) /* insertion sort: a few dozen */
        for (size_t j = i; j && out[j - 1] > out[j]; j--) {
            uint32_t t = out[j];
            out[j] = out[j - 1];
            out[j - 1] = t;
        }
    byl_qnode_free(node);
    return nhits;
}

/* --and makes the default operator between adjacent clauses AND at every
 * depth, inside groups, fields and the sides of an OR; an explicit OR is
 * still OR.  Property: for random small queries (nested groups, OR, NOT,
 * fields, phrases) of depth 1 to 4 over a small corpus, the matches with
 * --and are those of the same query with every adjacency written AND (with
 * and without --and).  "(a b) OR c" under --and matched a or b or c: the
 * sides of an OR passed "optional" down to the words inside them (round
 * 29). */
START_TEST(test_and_at_every_depth)
{
    enum { NW = 6, N = 80 };
    doc *d = make_docs(29, N);
    for (int i = 0; i < N; i++) { /* few words, few of them each: sets of every size */
        d[i].ntitle = d[i].ntitle % 3;
        d[i].nbody = 1 + d[i].nbody % 5;
        for (int k = 0; k < d[i].ntitle; k++)
            d[i].title[k] %= NW;
        for (int k = 0; k < d[i].nbody; k++)
            d[i].body[k] %= NW;
    }
    byl_index *ix;
    byl_searcher *s = build_and_open("and", d, N, &ix);
    int per_depth = getenv("BYL_TEST_SHORT") ? 60 : 250, differ = 0, some = 0;
    uint64_t seed = 2029;
    uint32_t a[N], b[N], c[N];
    for (int depth = 1; depth <= 4; depth++)
        for (int t = 0; t < per_depth; t++) {
            char imp[2048] = "", exp[2048] = "";
            and_clause(&seed, depth, 0, NW, imp, exp, sizeof imp);
            size_t na = and_matches(s, imp, 1, N, a);
            size_t nb = and_matches(s, exp, 0, N, b);
            size_t nc = and_matches(s, exp, 1, N, c);
            ck_assert_msg(na == nb && !memcmp(a, b, na * sizeof *a),
                          "--and '%s' matches %zu, '%s' %zu", imp, na, exp, nb);
            ck_assert_msg(nc == nb && !memcmp(c, b, nc * sizeof *c),
                          "--and '%s' matches %zu, without %zu", exp, nc, nb);
            some += na > 0;
            differ += and_matches(s, imp, 0, N, c) != na || memcmp(a, c, na * sizeof *a);
        }
    /* the property was put to the test: --and mattered, and found things */
    ck_assert_int_gt(differ, per_depth);
    ck_assert_int_gt(some, per_depth);
    byl_searcher_free(s);
    byl_index_close(ix);
    free(d);
}
END_TEST

int main(void)
{
    Suite *su = suite_create("search");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 120);
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_single_segment_matches_brute_force);
    tcase_add_test(tc, test_many_segments_and_indexes_score_as_one);
    tcase_add_test(tc, test_fields_ids_and_dates);
    tcase_add_test(tc, test_sloppy_phrase_takes_each_word_once);
    tcase_add_test(tc, test_acronym_expansion);
    tcase_add_test(tc, test_fast_path_matches_oracle_on_fixtures);
    tcase_add_test(tc, test_fast_path_matches_oracle_on_two_form_words);
    tcase_add_test(tc, test_fast_path_matches_oracle_on_phrases);
    tcase_add_test(tc, test_probed_phrase_bounded_by_blocks);
    tcase_add_test(tc, test_hits_numbered_by_the_collection);
    tcase_add_test(tc, test_and_at_every_depth);
    suite_add_tcase(su, tc);
    return byl_test_run(su);
}
