/*
 * test_api_write.c - the writing half of byline.h: writer, input, merge,
 * check, repair, saved clusters.
 *
 * The central property: an index built from A, then updated through the
 * public writer with B (some of its ids already in A: replacements) and
 * the deletion of D, holds exactly what a fresh build of A+B-D holds: the
 * same ids with the same stored text, and the same matches with the same
 * scores, over seeded random sequences.  Also: freeing a writer without a
 * commit leaves the index byte for byte as it was; a second writer gets
 * BYLINE_EBUSY; the writer goes on after a commit; bad arguments are
 * refused; every fixture format reads through the input with every
 * warning counted; and mutated inputs never crash and keep the counts
 * consistent.
 *
 * Checked against the internal search (query/search.h) as the oracle.
 */
#include <check.h>

#include "check_main.h"
#include "gen.h"
#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <utf8proc.h>

#include "byline.h"
#include "index/index.h"
#include "query/parser.h"
#include "query/search.h"
#include "util/err.h"

#define POOL 40 /* distinct ids */
#define MAXTEXT 1536

static char tmpdir[64];


static const char *data_dir(void)
{
    const char *d = getenv("BYL_TEST_DATA");
    return d ? d : "tests/data";
}

static const char *const words[] = {
    "export", "controls", "chip", "chips", "model", "market", "shares", "rose", "fell",
    "regulators", "said", "the", "a", "new", "court", "ruling", "startup", "funding",
    "investors", "semiconductor", "talks", "China", "prices", "oil", "bank", "rates"};
static const char *const people[] = {"Qiao Siyuan", "Zhang Yiming", "Priya Raman", "ByteDance",
                                    "U.S."};

typedef struct article {
    int live;
    unsigned stamp; /* when its latest version was given */
    char id[16];
    char title[160];
    char body[MAXTEXT];
    char author[32];
    int64_t date;
} article;

static void make_text(uint64_t *s, char *buf, size_t cap, int nwords)
{
    gen_text(s, buf, cap, nwords, words, sizeof words / sizeof *words, people,
             sizeof people / sizeof *people);
}

static void make_article(uint64_t *s, article *a, int id)
{
    snprintf(a->id, sizeof a->id, "n%02d", id);
    make_text(s, a->title, sizeof a->title, 1 + (int)(rnd(s) % 6));
    make_text(s, a->body, sizeof a->body, 3 + (int)(rnd(s) % 90));
    snprintf(a->author, sizeof a->author, "%s", rnd(s) % 3 ? "" : "Priya Raman");
    a->date = rnd(s) % 5 ? 1700000000LL + 86400LL * (rnd(s) % 60) : BYLINE_NO_DATE;
}

/* The public form; the strings are given without their NUL (lengths only),
 * as byline.h allows: the title of a copy one byte longer than it. */
static byline_article as_public(const article *a)
{
    byline_article d = {.id = a->id, .id_len = strlen(a->id), .title = a->title,
                        .title_len = strlen(a->title), .body = a->body,
                        .body_len = strlen(a->body), .author = a->author,
                        .author_len = strlen(a->author), .date = a->date};
    return d;
}

static byline_writer *writer(const char *dir, int replace)
{
    byline_writer_opts o;
    byline_writer_opts_init(&o);
    o.mem = (size_t)32 << 20;
    o.replace = replace;
    o.threads = replace ? 2 : 1;
    byline_writer *w;
    ck_assert_msg(byline_writer_open(dir, &o, &w) == BYLINE_OK, "%s", byl_error_msg());
    return w;
}

/* A fresh build of the model's live articles, in the order their versions
 * were given. */
static void rebuild(const char *dir, const article *m)
{
    byline_writer *w = writer(dir, 1);
    unsigned next = 0;
    for (;;) {
        int best = -1;
        for (int i = 0; i < POOL; i++)
            if (m[i].live && m[i].stamp >= next && (best < 0 || m[i].stamp < m[best].stamp))
                best = i;
        if (best < 0)
            break;
        byline_article d = as_public(&m[best]);
        ck_assert_int_eq(byline_writer_add(w, &d), BYLINE_OK);
        next = m[best].stamp + 1;
    }
    ck_assert_msg(byline_writer_commit(w) == BYLINE_OK, "%s", byl_error_msg());
    byline_writer_free(w);
}

/* Every live article of dir as "id|title|body|author|date" lines, sorted:
 * what the index holds, whatever its segments. */
typedef struct holding {
    char **rows;
    size_t n;
} holding;

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static holding held(const char *dir)
{
    holding h = {0};
    byl_index *ix;
    int rc = byl_index_open(dir, &ix);
    if (rc == BYL_ENOTFOUND)
        return h;
    ck_assert_msg(rc == BYL_OK, "%s", byl_error_msg());
    size_t cap = 0;
    for (size_t s = 0; s < byl_index_nsegments(ix); s++) {
        byl_segment *seg = byl_index_segment(ix, s);
        for (uint32_t d = 0; d < byl_segment_stats(seg)->ndocs; d++) {
            if (byl_segment_is_deleted(seg, d))
                continue;
            byl_stored st;
            ck_assert_int_eq(byl_segment_stored(seg, d, &st), BYL_OK);
            size_t len = st.id_len + st.title_len + st.body_len + st.author_len + 64;
            char *row = malloc(len);
            snprintf(row, len, "%.*s|%.*s|%.*s|%.*s|%lld", (int)st.id_len, st.id,
                     (int)st.title_len, st.title, (int)st.body_len, st.body, (int)st.author_len,
                     st.author, (long long)st.date);
            if (h.n == cap) {
                cap = cap ? cap * 2 : 64;
                h.rows = realloc(h.rows, cap * sizeof *h.rows);
            }
            h.rows[h.n++] = row;
        }
    }
    byl_index_close(ix);
    qsort(h.rows, h.n, sizeof *h.rows, cmp_str);
    return h;
}

static void holding_free(holding *h)
{
    for (size_t i = 0; i < h->n; i++)
        free(h->rows[i]);
    free(h->rows);
}

typedef struct result {
    char id[16];
    double score;
} result;

static int cmp_result(const void *a, const void *b)
{
    return strcmp(((const result *)a)->id, ((const result *)b)->id);
}

/* Every match of q with its score, sorted by id. */
static result *run_query(const char *dir, const char *q, size_t *n)
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
    o.k = 1000;
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
    *n = nh;
    byl_qnode_free(node);
    byl_searcher_free(s);
    byl_index_close(ix);
    qsort(r, nh, sizeof *r, cmp_result);
    return r;
}

static const char *const queries[] = {
    "export", "chips", "\"export controls\"", "Qiao Siyuan", "name:\"Zhang Yiming\"",
    "title:model", "exp*", "+chip -market", "market AND rates", "author:raman", "us",
    "prices date:2023-11-15..2023-12-10", "the"};

/* The same articles, and the same matches with the same scores. */
static void same_index(const char *updated, const char *fresh, const char *step)
{
    holding a = held(updated), b = held(fresh);
    ck_assert_msg(a.n == b.n, "%s: %zu articles, a fresh build %zu", step, a.n, b.n);
    for (size_t i = 0; i < a.n; i++)
        ck_assert_msg(strcmp(a.rows[i], b.rows[i]) == 0, "%s: holds %.60s, a fresh build %.60s",
                      step, a.rows[i], b.rows[i]);
    holding_free(&a);
    holding_free(&b);
    for (size_t q = 0; q < sizeof queries / sizeof *queries; q++) {
        size_t na, nb;
        result *x = run_query(updated, queries[q], &na);
        result *y = run_query(fresh, queries[q], &nb);
        ck_assert_msg(na == nb, "%s: '%s': %zu matches, a fresh build %zu", step, queries[q], na,
                      nb);
        for (size_t i = 0; i < na; i++) {
            ck_assert_msg(strcmp(x[i].id, y[i].id) == 0, "%s: '%s': %s vs %s", step, queries[q],
                          x[i].id, y[i].id);
            ck_assert_msg(fabs(x[i].score - y[i].score) <= 1e-9 * fmax(1.0, y[i].score),
                          "%s: '%s': %s scores %.12f, a fresh build %.12f", step, queries[q],
                          x[i].id, x[i].score, y[i].score);
        }
        free(x);
        free(y);
    }
}

/* A built from scratch, then B added (replacing by id) and D deleted
 * through one writer, possibly over several commits and a merge: what a
 * fresh build of A+B-D holds. */
START_TEST(test_add_delete_is_rebuild)
{
    char dir[128], fresh[128], what[96];
    snprintf(dir, sizeof dir, "%s/ix%d", tmpdir, _i);
    snprintf(fresh, sizeof fresh, "%s/fresh%d", tmpdir, _i);
    uint64_t seed = 0xab1e0000u + (uint64_t)_i * 104729;
    article m[POOL];
    memset(m, 0, sizeof m);
    unsigned stamp = 1;
    /* A */
    byline_writer *w = writer(dir, 1);
    int na = 5 + (int)(rnd(&seed) % 25);
    for (int k = 0; k < na; k++) {
        int id = (int)(rnd(&seed) % POOL);
        make_article(&seed, &m[id], id);
        m[id].live = 1;
        m[id].stamp = stamp++;
        byline_article d = as_public(&m[id]);
        ck_assert_int_eq(byline_writer_add(w, &d), BYLINE_OK);
    }
    ck_assert_msg(byline_writer_commit(w) == BYLINE_OK, "%s", byl_error_msg());
    byline_writer_free(w);
    /* B and D, interleaved, in one writer with a commit now and then.  A
     * delete sees the index as last committed: it removes the committed
     * version of an id, never one added in the same change. */
    int committed[POOL], pending[POOL], gone[POOL];
    for (int i = 0; i < POOL; i++)
        committed[i] = m[i].live, pending[i] = gone[i] = 0;
    w = writer(dir, 0);
    uint64_t found_sum = 0;
    int steps = 10 + (int)(rnd(&seed) % 30), commits = 0;
    for (int k = 0; k < steps; k++) {
        uint32_t op = rnd(&seed) % 10;
        int id = (int)(rnd(&seed) % POOL);
        if (op < 6) {
            make_article(&seed, &m[id], id);
            m[id].live = 1;
            m[id].stamp = stamp++;
            pending[id] = 1;
            byline_article d = as_public(&m[id]);
            ck_assert_int_eq(byline_writer_add(w, &d), BYLINE_OK);
        } else if (op < 9) {
            char name[16];
            snprintf(name, sizeof name, "n%02d", id);
            uint64_t f = 99;
            ck_assert_int_eq(byline_writer_delete(w, name, strlen(name), &f), BYLINE_OK);
            if (!gone[id])
                ck_assert_msg(f == (uint64_t)committed[id], "delete %s: found %llu, expected %d",
                              name, (unsigned long long)f, committed[id]);
            else
                ck_assert_uint_le(f, 1);
            found_sum += f;
            gone[id] = 1;
            if (!pending[id])
                m[id].live = 0;
        } else {
            ck_assert_msg(byline_writer_commit(w) == BYLINE_OK, "%s", byl_error_msg());
            commits++;
            for (int i = 0; i < POOL; i++) {
                committed[i] = m[i].live;
                pending[i] = gone[i] = 0;
            }
        }
    }
    ck_assert_msg(byline_writer_commit(w) == BYLINE_OK, "%s", byl_error_msg());
    byline_writer_stats st;
    ck_assert_int_eq(byline_writer_stats_get(w, &st), BYLINE_OK);
    ck_assert_uint_eq(st.deleted, found_sum);
    if (_i % 2) {
        uint32_t merged;
        ck_assert_int_eq(byline_writer_merge(w, 1, NULL, NULL, &merged), BYLINE_OK);
        ck_assert_int_eq(byline_writer_commit(w), BYLINE_OK);
    }
    byline_writer_free(w);
    rebuild(fresh, m);
    snprintf(what, sizeof what, "sequence %d (%d steps, %d commits)", _i, steps, commits);
    same_index(dir, fresh, what);
}
END_TEST

/* The names, sizes and MANIFEST bytes of dir, as one string. */
static char *snapshot(const char *dir)
{
    size_t cap = 1 << 16, len = 0;
    char *out = calloc(1, cap);
    struct dirent **names;
    int n = scandir(dir, &names, NULL, alphasort);
    ck_assert_int_ge(n, 0);
    for (int i = 0; i < n; i++) {
        char path[512];
        struct stat st;
        snprintf(path, sizeof path, "%s/%s", dir, names[i]->d_name);
        if (names[i]->d_name[0] != '.' && stat(path, &st) == 0)
            len += (size_t)snprintf(out + len, cap - len, "%s %lld\n", names[i]->d_name,
                                    (long long)st.st_size);
        free(names[i]);
    }
    free(names);
    char path[512];
    snprintf(path, sizeof path, "%s/MANIFEST", dir);
    FILE *f = fopen(path, "rb");
    ck_assert_ptr_nonnull(f);
    int c;
    while ((c = fgetc(f)) != EOF && len + 4 < cap)
        len += (size_t)snprintf(out + len, cap - len, "%02x", c);
    fclose(f);
    return out;
}

static void add_some(byline_writer *w, uint64_t *seed, int first, int n)
{
    article a;
    for (int k = 0; k < n; k++) {
        make_article(seed, &a, first + k);
        byline_article d = as_public(&a);
        ck_assert_int_eq(byline_writer_add(w, &d), BYLINE_OK);
    }
}

START_TEST(test_free_without_commit_changes_nothing)
{
    char dir[128];
    snprintf(dir, sizeof dir, "%s/nocommit", tmpdir);
    uint64_t seed = 11;
    byline_writer *w = writer(dir, 1);
    add_some(w, &seed, 0, 20);
    ck_assert_int_eq(byline_writer_commit(w), BYLINE_OK);
    byline_writer_free(w);
    char *before = snapshot(dir);
    holding h0 = held(dir);
    /* an update: adds (some replacing), deletes, then no commit */
    w = writer(dir, 0);
    add_some(w, &seed, 10, 30);
    uint64_t f;
    ck_assert_int_eq(byline_writer_delete(w, "n03", 3, &f), BYLINE_OK);
    ck_assert_uint_eq(f, 1);
    byline_writer_free(w);
    char *after = snapshot(dir);
    ck_assert_str_eq(before, after);
    free(after);
    /* a rebuild (replace) dropped without a commit, and a merge */
    w = writer(dir, 1);
    add_some(w, &seed, 50, 5);
    byline_writer_free(w);
    w = writer(dir, 0);
    add_some(w, &seed, 60, 3);
    ck_assert_int_eq(byline_writer_commit(w), BYLINE_OK);
    byline_writer_free(w);
    free(before);
    before = snapshot(dir);
    w = writer(dir, 0);
    uint32_t merged;
    ck_assert_int_eq(byline_writer_merge(w, 1, NULL, NULL, &merged), BYLINE_OK);
    ck_assert_uint_eq(merged, 2);
    byline_writer_free(w);
    after = snapshot(dir);
    ck_assert_str_eq(before, after);
    holding h1 = held(dir);
    ck_assert_uint_eq(h1.n, h0.n + 3);
    holding_free(&h0);
    holding_free(&h1);
    free(before);
    free(after);
}
END_TEST

START_TEST(test_second_writer_is_busy)
{
    char dir[128];
    snprintf(dir, sizeof dir, "%s/busy", tmpdir);
    byline_writer *w = writer(dir, 1), *w2 = (byline_writer *)1;
    ck_assert_int_eq(byline_writer_open(dir, NULL, &w2), BYLINE_EBUSY);
    ck_assert_ptr_null(w2);
    ck_assert_str_ne(byl_error_msg(), "");
    uint64_t seed = 5;
    add_some(w, &seed, 0, 3);
    ck_assert_int_eq(byline_writer_commit(w), BYLINE_OK);
    /* committed, and the next change not begun: the lock is free... */
    ck_assert_int_eq(byline_writer_open(dir, NULL, &w2), BYLINE_OK);
    /* ...and the first writer's next change meets the second */
    article a;
    make_article(&seed, &a, 9);
    byline_article d = as_public(&a);
    ck_assert_int_eq(byline_writer_add(w, &d), BYLINE_EBUSY);
    byline_writer_free(w2);
    ck_assert_int_eq(byline_writer_add(w, &d), BYLINE_OK);
    ck_assert_int_eq(byline_writer_commit(w), BYLINE_OK);
    byline_writer_stats st;
    ck_assert_int_eq(byline_writer_stats_get(w, &st), BYLINE_OK);
    ck_assert_uint_eq(st.added, 4);
    ck_assert_uint_eq(st.commits, 2);
    ck_assert_uint_eq(st.mem, 0);
    byline_writer_free(w);
    holding h = held(dir);
    ck_assert_uint_eq(h.n, 4);
    holding_free(&h);
}
END_TEST

/* Replacement by id, the counts, and a merge's. */
START_TEST(test_replace_counts_and_merge)
{
    char dir[128];
    snprintf(dir, sizeof dir, "%s/replace", tmpdir);
    uint64_t seed = 77;
    byline_writer *w = writer(dir, 1);
    add_some(w, &seed, 0, 10);
    add_some(w, &seed, 0, 4); /* the same ids again: the later versions win */
    byline_writer_stats st;
    ck_assert_int_eq(byline_writer_stats_get(w, &st), BYLINE_OK);
    ck_assert_uint_eq(st.added, 14);
    ck_assert_uint_eq(st.replaced, 0); /* replacements are found at the commit */
    ck_assert_uint_gt(st.mem, 0);
    ck_assert_int_eq(byline_writer_commit(w), BYLINE_OK);
    ck_assert_int_eq(byline_writer_stats_get(w, &st), BYLINE_OK);
    ck_assert_uint_eq(st.replaced, 4);
    ck_assert_uint_eq(st.deleted, 0);
    /* the next change: an update of what was committed */
    add_some(w, &seed, 8, 4); /* n08, n09 replace; n10, n11 are new */
    ck_assert_int_eq(byline_writer_commit(w), BYLINE_OK);
    ck_assert_int_eq(byline_writer_stats_get(w, &st), BYLINE_OK);
    ck_assert_uint_eq(st.added, 18);
    ck_assert_uint_eq(st.replaced, 6);
    /* a delete is counted as soon as it is found */
    uint64_t f;
    ck_assert_int_eq(byline_writer_delete(w, "n11", 3, &f), BYLINE_OK);
    ck_assert_uint_eq(f, 1);
    ck_assert_int_eq(byline_writer_stats_get(w, &st), BYLINE_OK);
    ck_assert_uint_eq(st.deleted, 1);
    ck_assert_uint_eq(st.replaced, 6);
    ck_assert_int_eq(byline_writer_commit(w), BYLINE_OK);
    uint32_t merged = 99;
    /* a merge cannot follow uncommitted adds, nor be followed by them */
    add_some(w, &seed, 30, 1);
    ck_assert_int_eq(byline_writer_merge(w, 1, NULL, NULL, &merged), BYLINE_EINVAL);
    ck_assert_uint_eq(merged, 0);
    ck_assert_int_eq(byline_writer_commit(w), BYLINE_OK);
    ck_assert_int_eq(byline_writer_merge(w, 1, NULL, NULL, &merged), BYLINE_OK);
    ck_assert_uint_eq(merged, 3);
    article a;
    make_article(&seed, &a, 31);
    byline_article d = as_public(&a);
    ck_assert_int_eq(byline_writer_add(w, &d), BYLINE_EINVAL);
    ck_assert_int_eq(byline_writer_delete(w, "n01", 3, NULL), BYLINE_EINVAL);
    ck_assert_int_eq(byline_writer_commit(w), BYLINE_OK);
    ck_assert_int_eq(byline_writer_stats_get(w, &st), BYLINE_OK);
    ck_assert_uint_eq(st.merged, 12);
    /* one clean segment: nothing to merge, nothing to commit */
    ck_assert_int_eq(byline_writer_merge(w, 1, NULL, NULL, &merged), BYLINE_OK);
    ck_assert_uint_eq(merged, 0);
    ck_assert_int_eq(byline_writer_commit(w), BYLINE_OK);
    ck_assert_int_eq(byline_writer_stats_get(w, &st), BYLINE_OK);
    ck_assert_uint_eq(st.commits, 5);
    byline_writer_free(w);
    holding h = held(dir);
    ck_assert_uint_eq(h.n, 12);
    holding_free(&h);
    byl_index *ix;
    ck_assert_int_eq(byl_index_open(dir, &ix), BYL_OK);
    ck_assert_uint_eq(byl_index_nsegments(ix), 1);
    byl_index_close(ix);
}
END_TEST

START_TEST(test_bad_arguments)
{
    char dir[128];
    snprintf(dir, sizeof dir, "%s/args", tmpdir);
    byline_writer *w = (byline_writer *)1;
    byline_writer_opts o;
    byline_writer_opts_init(&o);
    ck_assert_int_eq(byline_writer_open(NULL, &o, &w), BYLINE_EINVAL);
    ck_assert_ptr_null(w);
    ck_assert_int_eq(byline_writer_open(dir, &o, NULL), BYLINE_EINVAL);
    o.mem = 1 << 20;
    ck_assert_int_eq(byline_writer_open(dir, &o, &w), BYLINE_EINVAL);
    byline_writer_opts_init(&o);
    o.threads = 3;
    ck_assert_int_eq(byline_writer_open(dir, &o, &w), BYLINE_EINVAL);
    byline_writer_opts_init(&o);
    o.title_weight = 101;
    ck_assert_int_eq(byline_writer_open(dir, &o, &w), BYLINE_EINVAL);
    ck_assert_int_eq(byline_writer_record_limit(&o), 0);
    /* a zeroed struct is the defaults */
    memset(&o, 0, sizeof o);
    ck_assert_uint_gt(byline_writer_record_limit(&o), (size_t)1 << 20);
    ck_assert_int_eq(byline_index_exists(dir), 0);
    ck_assert_int_eq(byline_writer_open(dir, &o, &w), BYLINE_OK);
    byline_article a = {.id = "x", .id_len = 1, .body = "text", .body_len = 4,
                        .date = BYLINE_NO_DATE};
    ck_assert_int_eq(byline_writer_add(NULL, &a), BYLINE_EINVAL);
    ck_assert_int_eq(byline_writer_add(w, NULL), BYLINE_EINVAL);
    a.id_len = 0;
    ck_assert_int_eq(byline_writer_add(w, &a), BYLINE_EINVAL);
    a.id_len = 1;
    a.title_len = 5; /* title NULL with a length */
    ck_assert_int_eq(byline_writer_add(w, &a), BYLINE_EINVAL);
    a.title_len = 0; /* NULL with no length is "" */
    ck_assert_int_eq(byline_writer_add(w, &a), BYLINE_OK);
    /* neither title nor text: nothing to find, refused as the readers skip it */
    byline_article empty = {.id = "e", .id_len = 1, .author = "Ann Lee", .author_len = 7,
                            .date = BYLINE_NO_DATE};
    ck_assert_int_eq(byline_writer_add(w, &empty), BYLINE_EINVAL);
    ck_assert_ptr_nonnull(strstr(byline_errmsg(), "neither a title nor a text"));
    uint64_t f = 7;
    ck_assert_int_eq(byline_writer_delete(w, NULL, 3, &f), BYLINE_EINVAL);
    ck_assert_uint_eq(f, 0);
    ck_assert_int_eq(byline_writer_delete(w, "", 0, &f), BYLINE_OK);
    ck_assert_int_eq(byline_writer_stats_get(w, NULL), BYLINE_EINVAL);
    ck_assert_int_eq(byline_writer_commit(NULL), BYLINE_EINVAL);
    ck_assert_int_eq(byline_writer_commit(w), BYLINE_OK);
    ck_assert_int_eq(byline_index_exists(dir), 1);
    byline_writer_free(w);
    byline_writer_free(NULL);
    /* a directory of other files is no index to write into */
    char other[160];
    snprintf(other, sizeof other, "%s/other", tmpdir);
    mkdir(other, 0755);
    char path[200];
    snprintf(path, sizeof path, "%s/notes.txt", other);
    FILE *fp = fopen(path, "w");
    fputs("mine\n", fp);
    fclose(fp);
    ck_assert_int_eq(byline_writer_open(other, NULL, &w), BYLINE_EINVAL);
    byline_input *in = (byline_input *)1;
    ck_assert_int_eq(byline_input_open(NULL, NULL, &in), BYLINE_EINVAL);
    ck_assert_ptr_null(in);
    byline_input_opts io;
    byline_input_opts_init(&io);
    io.format = 9;
    ck_assert_int_eq(byline_input_open(path, &io, &in), BYLINE_EINVAL);
    byline_input_opts_init(&io);
    io.source = "two\nlines";
    ck_assert_int_eq(byline_input_open(path, &io, &in), BYLINE_EINVAL);
    byline_input_opts_init(&io);
    io.date_order = 3; /* 0 MDY, 1 DMY, 2 AUTO */
    ck_assert_int_eq(byline_input_open(path, &io, &in), BYLINE_EINVAL);
    ck_assert_int_eq(byline_format_parse("trec"), BYLINE_FORMAT_TREC);
    ck_assert_int_eq(byline_format_parse("nope"), -1);
    ck_assert_int_eq(byline_format_parse(NULL), -1);
    ck_assert_str_eq(byline_format_name(BYLINE_FORMAT_REUTERS), "reuters");
    ck_assert_str_eq(byline_format_name(42), "?");
    ck_assert_str_eq(byline_skip_text(BYLINE_SKIP_JSON), "malformed JSON");
    ck_assert_str_eq(byline_skip_text(-1), "?");
    ck_assert_int_eq(byline_skip_keeps(BYLINE_SKIP_FIELD), 1);
    ck_assert_int_eq(byline_skip_keeps(BYLINE_SKIP_UTF8), 0);
    ck_assert_int_eq(byline_check(NULL, NULL, NULL, NULL), BYLINE_EINVAL);
    ck_assert_int_eq(byline_repair(NULL, 0, NULL, NULL, NULL), BYLINE_EINVAL);
}
END_TEST

/* ------------------------------------------------------------------ input */

typedef struct tally {
    uint64_t calls, bad;
    uint64_t per[BYLINE_SKIP_COUNT];
} tally;

static void on_warn(void *ctx, const char *file, uint64_t line, uint64_t offset, int reason,
                    const char *detail)
{
    tally *t = ctx;
    t->calls++;
    if (!file || !*file || !detail || reason < 0 || reason >= BYLINE_SKIP_COUNT)
        t->bad++;
    else
        t->per[reason]++;
    (void)line;
    (void)offset;
}

/* Reads everything from the paths; checks the invariants of an input
 * (every article usable, every warning counted once) and returns the
 * stats.  *read_fails gets the files that failed while read. */
static byline_input_stats read_all(const char *const *paths, size_t n, int format,
                                   size_t max_record, uint64_t *failures)
{
    byline_input_opts o;
    byline_input_opts_init(&o);
    o.format = format;
    o.max_record = max_record;
    tally t;
    memset(&t, 0, sizeof t);
    o.warn = on_warn;
    o.warn_ctx = &t;
    byline_input *in;
    ck_assert_msg(byline_input_open_many(paths, n, &o, &in) == BYLINE_OK, "%s", byl_error_msg());
    byline_article a;
    int rc;
    uint64_t articles = 0, read_fails = 0, fails = 0;
    for (;;) {
        rc = byline_input_next(in, &a);
        if (rc == 0)
            break;
        if (rc < 0) {
            int stage;
            const char *p = byline_input_failed(in, &stage);
            ck_assert_msg(p != NULL, "%s", byl_error_msg());
            ck_assert(rc == BYLINE_EIO || rc == BYLINE_ELIMIT);
            ck_assert(stage >= BYLINE_INPUT_WALK && stage <= BYLINE_INPUT_READ);
            read_fails += stage == BYLINE_INPUT_READ;
            fails++;
            continue;
        }
        articles++;
        ck_assert_uint_gt(a.id_len, 0);
        ck_assert_uint_eq(strlen(a.id), a.id_len);
        ck_assert_uint_eq(strlen(a.title), a.title_len);
        ck_assert_uint_le(strlen(a.body), a.body_len); /* NUL-terminated; NULs inside cut it */
        ck_assert_int_eq(a.body[a.body_len], '\0');
        ck_assert_uint_gt(a.title_len + a.body_len, 0);
        if (max_record)
            ck_assert_uint_le(a.body_len, max_record);
    }
    byline_input_stats st;
    ck_assert_int_eq(byline_input_stats_get(in, &st), BYLINE_OK);
    byline_input_close(in);
    ck_assert_uint_eq(t.bad, 0);
    ck_assert_uint_eq(st.articles, articles);
    uint64_t skipped = 0, warned = 0;
    for (int i = 0; i < BYLINE_SKIP_COUNT; i++) {
        skipped += st.skipped[i];
        warned += st.warned[i];
        /* one call per record skipped or warning kept, of that kind */
        uint64_t expect = st.skipped[i] + st.warned[i] - (i == BYLINE_SKIP_IO ? read_fails : 0);
        ck_assert_msg(t.per[i] == expect, "%s: %llu warnings, %llu counted",
                      byline_skip_text(i), (unsigned long long)t.per[i],
                      (unsigned long long)expect);
    }
    ck_assert_uint_eq(t.calls, skipped - read_fails + warned);
    ck_assert_uint_eq(st.records, articles + skipped - read_fails);
    ck_assert_uint_eq(st.unreadable + st.left_out, fails);
    if (failures)
        *failures = fails;
    return st;
}

START_TEST(test_input_reads_every_fixture_format)
{
    char corpus[256], readers[256], web[256];
    snprintf(corpus, sizeof corpus, "%s/corpus", data_dir());
    snprintf(readers, sizeof readers, "%s/readers", data_dir());
    snprintf(web, sizeof web, "%s/web", data_dir());
    const char *all[] = {corpus, readers, web};
    uint64_t fails;
    byline_input_stats st = read_all(all, 3, BYLINE_FORMAT_AUTO, 0, &fails);
    ck_assert_uint_eq(fails, 0);
    ck_assert_uint_gt(st.articles, 50);
    ck_assert_uint_gt(st.files, 10);
    ck_assert_uint_gt(st.bytes_total, 0);
    ck_assert_uint_eq(st.bytes_done, st.bytes_total);
    /* each fixture file alone, with its format named and detected: the
     * same articles either way */
    static const struct { const char *file; int format; } one[] = {
        {"corpus/feed.jsonl", BYLINE_FORMAT_JSONL},   {"corpus/archive.jsonl.gz", BYLINE_FORMAT_JSONL},
        {"corpus/wire.trec", BYLINE_FORMAT_TREC},     {"corpus/wire2.trec.gz", BYLINE_FORMAT_TREC},
        {"corpus/reuters.sgm", BYLINE_FORMAT_REUTERS}, {"readers/articles.jsonl", BYLINE_FORMAT_JSONL},
        {"readers/news.trec", BYLINE_FORMAT_TREC},    {"readers/wire.sgm", BYLINE_FORMAT_REUTERS},
        {"readers/story.txt", BYLINE_FORMAT_TEXT},    {"web/01-bytedance-ambition.txt", BYLINE_FORMAT_TEXT}};
    for (size_t i = 0; i < sizeof one / sizeof *one; i++) {
        char path[300];
        snprintf(path, sizeof path, "%s/%s", data_dir(), one[i].file);
        const char *p = path;
        byline_input_stats named = read_all(&p, 1, one[i].format, 0, &fails);
        byline_input_stats detected = read_all(&p, 1, BYLINE_FORMAT_AUTO, 0, NULL);
        ck_assert_msg(named.articles > 0, "%s: no article", path);
        ck_assert_msg(named.articles == detected.articles, "%s: %llu named, %llu detected", path,
                      (unsigned long long)named.articles, (unsigned long long)detected.articles);
        ck_assert_uint_eq(fails, 0);
        ck_assert_uint_eq(named.files, 1);
    }
}
END_TEST

/* Shards partition the input: every article read whole is returned by
 * exactly one of n shard inputs, the one byline_shard_of() names for its
 * final id (the prefix included), for 2, 3 and 7 shards. */
START_TEST(test_input_shards_partition)
{
    char corpus[256], readers[256];
    snprintf(corpus, sizeof corpus, "%s/corpus", data_dir());
    snprintf(readers, sizeof readers, "%s/readers", data_dir());
    const char *paths[] = {corpus, readers};
    static const uint32_t ns[] = {2, 3, 7};
    for (int pre = 0; pre < 2; pre++)
        for (size_t t = 0; t < sizeof ns / sizeof *ns; t++) {
            byline_input_opts io;
            byline_input_opts_init(&io);
            io.id_prefix = pre ? "x/" : NULL;
            byline_input *in;
            byline_article a;
            uint64_t whole = 0, parts = 0, hash = 0;
            ck_assert_int_eq(byline_input_open_many(paths, 2, &io, &in), BYLINE_OK);
            while (byline_input_next(in, &a) == 1) {
                whole++;
                hash += (uint64_t)byline_shard_of(a.id, a.id_len, ns[t]) * 1000003u + a.id_len;
            }
            byline_input_close(in);
            uint64_t seen = 0;
            io.shards = ns[t];
            for (uint32_t sh = 0; sh < ns[t]; sh++) {
                io.shard = sh;
                ck_assert_int_eq(byline_input_open_many(paths, 2, &io, &in), BYLINE_OK);
                while (byline_input_next(in, &a) == 1) {
                    ck_assert_uint_eq(byline_shard_of(a.id, a.id_len, ns[t]), sh);
                    ck_assert(pre == 0 || strncmp(a.id, "x/", 2) == 0);
                    parts++;
                    seen += (uint64_t)sh * 1000003u + a.id_len;
                }
                byline_input_stats st;
                ck_assert_int_eq(byline_input_stats_get(in, &st), BYLINE_OK);
                ck_assert_uint_le(st.articles, st.records);
                byline_input_close(in);
            }
            ck_assert_uint_gt(whole, 50);
            ck_assert_uint_eq(parts, whole);
            ck_assert_uint_eq(seen, hash);
        }
    /* the rule is FNV-1a 64: fixed values, so that other languages agree */
    ck_assert_uint_eq(byline_shard_of("", 0, 1000), 14695981039346656037ULL % 1000);
    ck_assert_uint_eq(byline_shard_of("a", 1, 0xffffffffu), 0xaf63dc4c8601ec8cULL % 0xffffffffu);
    ck_assert_uint_eq(byline_shard_of("a", 1, 0), 0);
    /* a shard out of range is refused */
    byline_input_opts io;
    byline_input_opts_init(&io);
    io.shards = 3;
    io.shard = 3;
    byline_input *in;
    ck_assert_int_eq(byline_input_open(corpus, &io, &in), BYLINE_EINVAL);
    ck_assert_ptr_null(in);
}
END_TEST

/* Paths that cannot be read are reported in their turn, and the rest is
 * read; the options reach every article. */
START_TEST(test_input_paths_and_options)
{
    char feed[300], missing[300], sub[300];
    snprintf(feed, sizeof feed, "%s/corpus/feed.jsonl", data_dir());
    snprintf(missing, sizeof missing, "%s/nothing-here.jsonl", tmpdir);
    snprintf(sub, sizeof sub, "%s/corpus/text", data_dir());
    const char *paths[] = {missing, feed, sub};
    byline_input_opts o;
    byline_input_opts_init(&o);
    o.id_prefix = "x:";
    o.source = "Test Wire";
    byline_input *in;
    ck_assert_int_eq(byline_input_open_many(paths, 3, &o, &in), BYLINE_OK);
    byline_article a;
    ck_assert_int_eq(byline_input_next(in, &a), BYLINE_EIO);
    int stage;
    ck_assert_str_eq(byline_input_failed(in, &stage), missing);
    ck_assert_int_eq(stage, BYLINE_INPUT_WALK);
    ck_assert_ptr_nonnull(strstr(byl_error_msg(), "nothing-here.jsonl"));
    uint64_t n = 0, with_source = 0, text_ids = 0;
    int rc;
    while ((rc = byline_input_next(in, &a)) == 1) {
        ck_assert_ptr_null(byline_input_failed(in, NULL));
        ck_assert_int_eq(strncmp(a.id, "x:", 2), 0);
        with_source += a.source_len > 0;
        /* a plain-text article's id does not depend on how its path was
         * typed: it starts with the directory's base name */
        text_ids += strncmp(a.id, "x:text/", 7) == 0;
        n++;
    }
    ck_assert_int_eq(rc, 0);
    ck_assert_uint_eq(with_source, n);
    ck_assert_uint_gt(text_ids, 0);
    byline_input_stats st;
    ck_assert_int_eq(byline_input_stats_get(in, &st), BYLINE_OK);
    ck_assert_uint_eq(st.unreadable, 1);
    ck_assert_uint_eq(st.articles, n);
    byline_input_close(in);
    byline_input_close(NULL);
    /* a UTF-16 file among good ones is a path that cannot be read (EIO,
     * named with the reason), counted, and the rest is read: it was
     * EINVAL naming no file (round 29) */
    char u16dir[200], u16[260], good[260];
    snprintf(u16dir, sizeof u16dir, "%s/u16", tmpdir);
    ck_assert_int_eq(mkdir(u16dir, 0755), 0);
    snprintf(u16, sizeof u16, "%s/a.txt", u16dir);
    snprintf(good, sizeof good, "%s/b.txt", u16dir);
    FILE *uf = fopen(u16, "w");
    fwrite("\xFF\xFET\0\n\0\n\0x\0", 1, 10, uf);
    fclose(uf);
    uf = fopen(good, "w");
    fputs("T\n\nplum\n", uf);
    fclose(uf);
    const char *up = u16dir;
    ck_assert_int_eq(byline_input_open_many(&up, 1, NULL, &in), BYLINE_OK);
    ck_assert_int_eq(byline_input_next(in, &a), BYLINE_EIO);
    ck_assert_str_eq(byline_input_failed(in, &stage), u16);
    ck_assert_int_eq(stage, BYLINE_INPUT_OPEN);
    ck_assert_msg(strstr(byl_error_msg(), u16) && strstr(byl_error_msg(), "UTF-16"), "%s",
                  byl_error_msg());
    ck_assert_int_eq(byline_input_next(in, &a), 1);
    ck_assert_str_eq(a.body, "plum");
    ck_assert_int_eq(byline_input_next(in, &a), 0);
    ck_assert_int_eq(byline_input_stats_get(in, &st), BYLINE_OK);
    ck_assert_uint_eq(st.unreadable, 1);
    ck_assert_uint_eq(st.articles, 1);
    byline_input_close(in);
    /* the record limit: every record of the fixture is longer than 64 bytes */
    o.max_record = 64;
    o.id_prefix = NULL;
    const char *p = feed;
    ck_assert_int_eq(byline_input_open_many(&p, 1, &o, &in), BYLINE_OK);
    ck_assert_int_eq(byline_input_next(in, &a), 0);
    ck_assert_int_eq(byline_input_stats_get(in, &st), BYLINE_OK);
    ck_assert_uint_gt(st.skipped[BYLINE_SKIP_TOOLONG], 0);
    ck_assert_uint_eq(st.records, st.skipped[BYLINE_SKIP_TOOLONG]);
    byline_input_close(in);
    /* a sidecar is metadata of its article, no input of its own */
    char side[160], path[200];
    snprintf(side, sizeof side, "%s/side", tmpdir);
    ck_assert_int_eq(mkdir(side, 0755), 0);
    snprintf(path, sizeof path, "%s/a.txt", side);
    FILE *f = fopen(path, "w");
    fputs("Chips Rally\n\nShares of chip makers rose on Tuesday.\n", f);
    fclose(f);
    snprintf(path, sizeof path, "%s/a.json", side);
    f = fopen(path, "w");
    fputs("{\"author\": \"Priya Raman\"}\n", f);
    fclose(f);
    p = side;
    ck_assert_int_eq(byline_input_open_many(&p, 1, NULL, &in), BYLINE_OK);
    ck_assert_int_eq(byline_input_next(in, &a), 1);
    ck_assert_str_eq(a.author, "Priya Raman");
    ck_assert_str_eq(a.id, "side/a.txt");
    ck_assert_int_eq(byline_input_next(in, &a), 0);
    ck_assert_int_eq(byline_input_stats_get(in, &st), BYLINE_OK);
    ck_assert_uint_eq(st.sidecars, 1);
    ck_assert_uint_eq(st.files, 1);
    byline_input_close(in);
    /* a JSON Lines dump beside notes of the same name is input, not a
     * sidecar: its records are read, none lost */
    snprintf(path, sizeof path, "%s/a.json", side);
    f = fopen(path, "w");
    fputs("{\"id\": \"r1\", \"title\": \"Grain\", \"text\": \"Wheat rose.\"}\n"
          "{\"id\": \"r2\", \"title\": \"Oil\", \"text\": \"Crude fell.\"}\n", f);
    fclose(f);
    ck_assert_int_eq(byline_input_open_many(&p, 1, NULL, &in), BYLINE_OK);
    int n2 = 0;
    while (byline_input_next(in, &a) == 1)
        n2++;
    ck_assert_int_eq(n2, 3);
    ck_assert_int_eq(byline_input_stats_get(in, &st), BYLINE_OK);
    ck_assert_uint_eq(st.sidecars, 0);
    ck_assert_uint_eq(st.files, 2);
    byline_input_close(in);
}
END_TEST

/* An index made through byline_writer_add_input holds what the input gave,
 * less the older versions replaced; check, saved clusters and repair. */
START_TEST(test_add_input_check_repair)
{
    char dir[128], corpus[300];
    snprintf(dir, sizeof dir, "%s/corpus-ix", tmpdir);
    snprintf(corpus, sizeof corpus, "%s/corpus", data_dir());
    byline_writer *w = writer(dir, 1);
    byline_input *in;
    ck_assert_int_eq(byline_input_open(corpus, NULL, &in), BYLINE_OK);
    uint64_t added;
    ck_assert_int_eq(byline_writer_add_input(w, in, &added), BYLINE_OK);
    byline_input_stats ist;
    ck_assert_int_eq(byline_input_stats_get(in, &ist), BYLINE_OK);
    ck_assert_uint_eq(added, ist.articles);
    byline_input_close(in);
    ck_assert_int_eq(byline_writer_commit(w), BYLINE_OK);
    byline_writer_stats st;
    ck_assert_int_eq(byline_writer_stats_get(w, &st), BYLINE_OK);
    byline_writer_free(w);
    holding h = held(dir);
    ck_assert_uint_eq(h.n, added - st.replaced);
    ck_assert_uint_eq(st.deleted, 0);
    int opened = 0;
    ck_assert_int_eq(byline_clusters_refresh(dir, &opened), BYLINE_OK);
    ck_assert_int_eq(opened, 1);
    char missing[160];
    snprintf(missing, sizeof missing, "%s/no-index", tmpdir);
    ck_assert_int_ne(byline_clusters_refresh(missing, &opened), BYLINE_OK);
    ck_assert_int_eq(opened, 0);
    tally t;
    memset(&t, 0, sizeof t);
    byline_check_report cr;
    ck_assert_int_eq(byline_check(dir, NULL, NULL, &cr), BYLINE_OK);
    ck_assert_uint_eq(cr.problems, 0);
    ck_assert_uint_eq(cr.articles, h.n);
    ck_assert_uint_eq(byline_check(missing, NULL, NULL, &cr), BYLINE_ENOTFOUND);
    /* a flipped byte in the segment: found by check, set aside by repair */
    struct dirent **names;
    int n = scandir(dir, &names, NULL, alphasort);
    char seg[512] = "";
    for (int i = 0; i < n; i++) {
        size_t l = strlen(names[i]->d_name);
        if (l > 4 && strcmp(names[i]->d_name + l - 4, ".seg") == 0)
            snprintf(seg, sizeof seg, "%s/%s", dir, names[i]->d_name);
        free(names[i]);
    }
    free(names);
    ck_assert_str_ne(seg, "");
    FILE *f = fopen(seg, "r+b");
    ck_assert_ptr_nonnull(f);
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fseek(f, size / 2, SEEK_SET);
    int c = fgetc(f);
    fseek(f, size / 2, SEEK_SET);
    fputc(c ^ 0x5a, f);
    fclose(f);
    uint64_t problems = 0;
    ck_assert_int_eq(byline_check(dir, NULL, NULL, &cr),
                     BYLINE_ECORRUPT);
    ck_assert_uint_gt(cr.problems, 0);
    problems = cr.problems;
    byline_repair_report rr;
    ck_assert_msg(byline_repair(dir, 0, NULL, NULL, &rr) == BYLINE_OK, "%s", byl_error_msg());
    ck_assert_int_eq(rr.changed, 1);
    ck_assert_uint_ge(rr.set_aside, 1);
    ck_assert_uint_eq(rr.lost, h.n);
    ck_assert_int_eq(byline_check(dir, NULL, NULL, &cr), BYLINE_OK);
    ck_assert_uint_gt(problems, 0);
    holding_free(&h);
}
END_TEST

/* ------------------------------------------------------- mutated inputs */

static unsigned char *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    ck_assert_ptr_nonnull(f);
    fseek(f, 0, SEEK_END);
    long len = ftell(f);
    fseek(f, 0, SEEK_SET);
    unsigned char *buf = malloc((size_t)len + 1);
    ck_assert_uint_eq(fread(buf, 1, (size_t)len, f), (size_t)len);
    fclose(f);
    *n = (size_t)len;
    return buf;
}

/* A copy of src mutated in one of several ways, written to path. */
static void mutate(uint64_t *seed, const unsigned char *src, size_t n, const char *path)
{
    size_t cap = n * 2 + 70000;
    unsigned char *b = malloc(cap);
    memcpy(b, src, n);
    size_t len = n;
    int rounds = 1 + (int)(rnd(seed) % 6);
    for (int r = 0; r < rounds && len; r++) {
        size_t at = rnd(seed) % len;
        switch (rnd(seed) % 7) {
        case 0: /* flip bits */
            b[at] ^= (unsigned char)(1u << (rnd(seed) % 8));
            break;
        case 1: /* truncate */
            len = at;
            break;
        case 2: /* a NUL or a control byte */
            b[at] = (unsigned char)(rnd(seed) % 2 ? 0 : rnd(seed) % 32);
            break;
        case 3: { /* random bytes inserted */
            size_t k = 1 + rnd(seed) % 64;
            if (len + k > cap)
                break;
            memmove(b + at + k, b + at, len - at);
            for (size_t i = 0; i < k; i++)
                b[at + i] = (unsigned char)rnd(seed);
            len += k;
            break;
        }
        case 4: { /* a chunk repeated */
            size_t k = 1 + rnd(seed) % (len - at < 512 ? len - at : 512);
            if (len + k > cap)
                break;
            memmove(b + at + k, b + at, len - at);
            len += k;
            break;
        }
        case 5: { /* a long line with no end */
            size_t k = 1 + rnd(seed) % 65536;
            if (len + k > cap)
                break;
            memmove(b + at + k, b + at, len - at);
            memset(b + at, 'a' + (int)(rnd(seed) % 26), k);
            len += k;
            break;
        }
        default: /* invalid UTF-8 */
            b[at] = 0xC0 | (unsigned char)(rnd(seed) % 2);
            break;
        }
    }
    FILE *f = fopen(path, "wb");
    ck_assert_ptr_nonnull(f);
    ck_assert_uint_eq(fwrite(b, 1, len, f), len);
    fclose(f);
    free(b);
}

START_TEST(test_mutated_inputs_never_crash)
{
    static const char *const files[] = {
        "corpus/feed.jsonl", "corpus/archive.jsonl.gz", "corpus/wire.trec",
        "corpus/wire2.trec.gz", "corpus/reuters.sgm", "readers/articles.jsonl",
        "readers/news.trec", "readers/wire.sgm", "readers/story.txt"};
    static const int formats[] = {BYLINE_FORMAT_AUTO, BYLINE_FORMAT_JSONL, BYLINE_FORMAT_TREC,
                                  BYLINE_FORMAT_REUTERS, BYLINE_FORMAT_TEXT};
    uint64_t seed = 0xf00d + (uint64_t)_i;
    uint64_t total_skipped = 0, total_articles = 0;
    char dir[128];
    snprintf(dir, sizeof dir, "%s/mut%d", tmpdir, _i);
    ck_assert_int_eq(mkdir(dir, 0755), 0);
    for (size_t fi = 0; fi < sizeof files / sizeof *files; fi++) {
        char src[300];
        snprintf(src, sizeof src, "%s/%s", data_dir(), files[fi]);
        size_t n;
        unsigned char *orig = slurp(src, &n);
        for (int k = 0; k < 6; k++) {
            char path[300];
            /* keep the name's extension: .gz is read by its bytes anyway */
            snprintf(path, sizeof path, "%s/m%zu-%d.%s", dir, fi, k,
                     strrchr(files[fi], '.') + 1);
            mutate(&seed, orig, n, path);
            const char *p = path;
            int format = formats[rnd(&seed) % 5];
            size_t max_record = rnd(&seed) % 2 ? 0 : 256 + rnd(&seed) % 8192;
            byline_input_stats st = read_all(&p, 1, format, max_record, NULL);
            for (int i = 0; i < BYLINE_SKIP_COUNT; i++)
                total_skipped += st.skipped[i] + st.warned[i];
            total_articles += st.articles;
        }
        free(orig);
    }
    /* the whole folder of mutants at once, and into an index: what the
     * index holds is what the input gave, less the replaced versions */
    const char *p = dir;
    byline_input_stats st = read_all(&p, 1, BYLINE_FORMAT_AUTO, 0, NULL);
    char ix[160];
    snprintf(ix, sizeof ix, "%s/mutix%d", tmpdir, _i);
    byline_writer *w = writer(ix, 1);
    byline_input *in;
    ck_assert_int_eq(byline_input_open(dir, NULL, &in), BYLINE_OK);
    uint64_t added = 0, more;
    int rc;
    while ((rc = byline_writer_add_input(w, in, &more)) != BYLINE_OK) {
        ck_assert_msg(rc == BYLINE_EIO || rc == BYLINE_ELIMIT, "%s", byl_error_msg());
        added += more;
    }
    added += more;
    byline_input_close(in);
    ck_assert_uint_eq(added, st.articles);
    if (added) {
        ck_assert_int_eq(byline_writer_commit(w), BYLINE_OK);
        byline_writer_stats ws;
        ck_assert_int_eq(byline_writer_stats_get(w, &ws), BYLINE_OK);
        holding h = held(ix);
        ck_assert_uint_eq(h.n, added - ws.replaced);
        holding_free(&h);
        ck_assert_int_eq(byline_check(ix, NULL, NULL, NULL), BYLINE_OK);
    }
    byline_writer_free(w);
    /* the mutations did reach the readers' defences */
    ck_assert_uint_gt(total_skipped, 0);
    ck_assert_uint_gt(total_articles, 0);
}
END_TEST

/* Whether s[0..n) is UTF-8, by utf8proc (not the library's own check). */
static int is_utf8(const char *s, size_t n)
{
    while (n) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &cp);
        if (k <= 0)
            return 0;
        s += k;
        n -= (size_t)k;
    }
    return 1;
}

/* Fields that are not UTF-8 were stored as given and came back from every
 * reader as bytes that are not text (U+FFFD in Python), while the input
 * files' readers skip such records.  Property, over mutated UTF-8 text: an
 * article is added iff each field but the id is UTF-8 (the id may be any
 * bytes, as file names are); a refused one is BYLINE_EPARSE naming the
 * field; an added one comes back byte for byte. */
START_TEST(test_add_refuses_invalid_utf8)
{
    char dir[128];
    snprintf(dir, sizeof dir, "%s/utf8", tmpdir);
    byline_writer *w;
    ck_assert_int_eq(byline_writer_open(dir, NULL, &w), BYLINE_OK);
    static const char base[] = "caf\xc3\xa9 \xe5\xad\x97\xe8\x8a\x82 \xf0\x9f\x98\x80 news";
    enum { N = 300 };
    static char text[N][2][sizeof base];
    int kept[N];
    uint64_t seed = 15;
    size_t nkept = 0, nrefused = 0;
    for (int i = 0; i < N; i++) {
        byline_article a = {.date = BYLINE_NO_DATE};
        char id[16];
        int n = snprintf(id, sizeof id, "u%d\xff", i); /* an id that is not UTF-8 is fine */
        a.id = id;
        a.id_len = (size_t)n;
        for (int f = 0; f < 2; f++) {
            memcpy(text[i][f], base, sizeof base);
            for (uint32_t m = rnd(&seed) % 3; m; m--) /* 0 to 2 bytes changed */
                text[i][f][rnd(&seed) % (sizeof base - 1)] = (char)(rnd(&seed) & 0xff);
            for (size_t j = 0; j < sizeof base - 1; j++) /* no NUL: strlen below */
                if (!text[i][f][j])
                    text[i][f][j] = 'x';
        }
        a.title = text[i][0];
        a.title_len = strlen(text[i][0]);
        a.body = text[i][1];
        a.body_len = strlen(text[i][1]);
        int valid = is_utf8(a.title, a.title_len) && is_utf8(a.body, a.body_len);
        int rc = byline_writer_add(w, &a);
        kept[i] = rc == BYLINE_OK;
        if (valid) {
            ck_assert_msg(rc == BYLINE_OK, "%d: %s", i, byline_errmsg());
            nkept++;
        } else {
            ck_assert_int_eq(rc, BYLINE_EPARSE);
            ck_assert_msg(strstr(byline_errmsg(), "invalid UTF-8") &&
                              (strstr(byline_errmsg(), ": title: ") ||
                               strstr(byline_errmsg(), ": body: ")),
                          "%s", byline_errmsg());
            nrefused++;
        }
    }
    ck_assert_uint_gt(nkept, 0);
    ck_assert_uint_gt(nrefused, 0);
    ck_assert_int_eq(byline_writer_commit(w), BYLINE_OK);
    byline_writer_free(w);
    byline_collection *c;
    byline_searcher *s;
    ck_assert_int_eq(byline_open(dir, &c), BYLINE_OK);
    ck_assert_int_eq(byline_searcher_new(c, &s), BYLINE_OK);
    byline_info info;
    ck_assert_int_eq(byline_info_get(c, &info), BYLINE_OK);
    ck_assert_uint_eq(info.articles, nkept);
    for (int i = 0; i < N; i++) {
        char id[16];
        int n = snprintf(id, sizeof id, "u%d\xff", i);
        byline_article *a;
        int rc = byline_article_get(s, id, (size_t)n, &a);
        if (!kept[i]) {
            ck_assert_int_eq(rc, BYLINE_ENOTFOUND);
            continue;
        }
        ck_assert_int_eq(rc, BYLINE_OK);
        ck_assert_str_eq(a->title, text[i][0]);
        ck_assert_str_eq(a->body, text[i][1]);
        byline_free(a);
    }
    byline_searcher_free(s);
    byline_close(c);
}
END_TEST

/* What byline.h now states: a delete concerns committed articles, so an
 * article added in the same change is kept and *found is 0; after a commit
 * the same delete finds it. */
START_TEST(test_delete_concerns_committed_articles)
{
    char dir[128];
    snprintf(dir, sizeof dir, "%s/pending", tmpdir);
    byline_writer *w;
    ck_assert_int_eq(byline_writer_open(dir, NULL, &w), BYLINE_OK);
    byline_article a = {.id = "p1", .id_len = 2, .body = "pending words", .body_len = 13,
                        .date = BYLINE_NO_DATE};
    ck_assert_int_eq(byline_writer_add(w, &a), BYLINE_OK);
    uint64_t found = 7;
    ck_assert_int_eq(byline_writer_delete(w, "p1", 2, &found), BYLINE_OK);
    ck_assert_uint_eq(found, 0);
    ck_assert_int_eq(byline_writer_commit(w), BYLINE_OK);
    byline_collection *c;
    byline_info info;
    ck_assert_int_eq(byline_open(dir, &c), BYLINE_OK);
    ck_assert_int_eq(byline_info_get(c, &info), BYLINE_OK);
    ck_assert_uint_eq(info.articles, 1);
    byline_close(c);
    ck_assert_int_eq(byline_writer_delete(w, "p1", 2, &found), BYLINE_OK);
    ck_assert_uint_eq(found, 1);
    ck_assert_int_eq(byline_writer_commit(w), BYLINE_OK);
    byline_writer_free(w);
    ck_assert_int_eq(byline_open(dir, &c), BYLINE_OK);
    ck_assert_int_eq(byline_info_get(c, &info), BYLINE_OK);
    ck_assert_uint_eq(info.articles, 0);
    byline_close(c);
}
END_TEST

static void setup(void)
{
    strcpy(tmpdir, "/tmp/byl_test_apiwXXXXXX");
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
    Suite *su = suite_create("api_write");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 300);
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_loop_test(tc, test_add_delete_is_rebuild, 0, 8);
    tcase_add_test(tc, test_free_without_commit_changes_nothing);
    tcase_add_test(tc, test_second_writer_is_busy);
    tcase_add_test(tc, test_replace_counts_and_merge);
    tcase_add_test(tc, test_bad_arguments);
    tcase_add_test(tc, test_add_refuses_invalid_utf8);
    tcase_add_test(tc, test_delete_concerns_committed_articles);
    tcase_add_test(tc, test_input_reads_every_fixture_format);
    tcase_add_test(tc, test_input_paths_and_options);
    tcase_add_test(tc, test_input_shards_partition);
    tcase_add_test(tc, test_add_input_check_repair);
    tcase_add_loop_test(tc, test_mutated_inputs_never_crash, 0, 4);
    suite_add_tcase(su, tc);
    return byl_test_run(su);
}
