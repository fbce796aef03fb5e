/*
 * test_qstats.c - the DFS phase of a search over shards (query/qstats.h,
 * byl_search_collect): a generated news corpus (names, acronyms, words in
 * capitals, dates, undated and deleted articles) is built as one index and
 * split by a stable hash of the id into 2, 3 and 7 shard indexes; for every
 * query and option tried, collecting on each shard, merging, searching
 * each shard with the merged statistics and merging the top k gives the
 * one index's top k: the same ids, scores within 1e-9 rank by rank (ties
 * may order differently), and the same total; through the public API
 * (byline_stats_*) as well.  Also: the blob's parser on
 * truncated, bit-flipped and re-checksummed mutations of real blobs, and
 * merging's sums.
 */
#include <check.h>

#include "check_main.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "byline.h"
#include "doc/reader.h"
#include "index/index.h"
#include "query/parser.h"
#include "query/qstats.h"
#include "query/search.h"
#include "util/bytes.h"
#include "util/crc.h"
#include "util/err.h"
#include "util/mem.h"

#define NDOCS 600
#define MAXSH 7

static uint64_t rng_state;

static uint32_t rnd(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return (uint32_t)(rng_state >> 16);
}

/* Words as articles write them: plain words (a skewed choice), names of
 * several words, acronyms, words that are also names in capitals. */
static const char *const plain[] = {
    "oil", "prices", "price", "market", "crude", "bank", "rate", "rates", "trade", "talks",
    "minister", "output", "quota", "barrel", "shares", "apple", "bush", "who", "it", "us",
    "exports", "wheat", "grain", "shipping", "strike", "said", "the", "of", "and", "in",
    "a", "to", "for", "on", "year", "new", "exploration", "exporters", "explosion", "bankers",
    "banking", "sauce", "saucer", "pricing", "priced", "tech", "computer", "mobile", "york",
    "england", "arabia", "gulf", "production", "producers", "cut", "cuts", "raise", "agreed"};
static const char *const names[] = {
    "Saudi Arabia", "New York", "Exxon Mobil", "George Bush", "Apple Computer",
    "Bank of England", "Persian Gulf", "Sheikh Yamani", "Wall Street", "Apple"};
static const char *const acronyms[] = {"OPEC", "U.S.", "IT", "WHO", "EC", "AT&T", "IBM", "GATT"};

static void add_word(char *buf, size_t cap, const char *w, int cap_first)
{
    size_t n = strlen(buf);
    if (n && n + 1 < cap)
        buf[n++] = ' ', buf[n] = '\0';
    size_t wl = strlen(w);
    if (n + wl + 1 >= cap)
        return;
    memcpy(buf + n, w, wl + 1);
    if (cap_first && buf[n] >= 'a' && buf[n] <= 'z')
        buf[n] -= 32;
}

static void make_text(char *buf, size_t cap, int nwords)
{
    buf[0] = '\0';
    int sentence_start = 1;
    for (int i = 0; i < nwords; i++) {
        uint32_t r = rnd() % 100;
        const char *w;
        if (r < 8)
            w = names[rnd() % (sizeof names / sizeof *names)];
        else if (r < 14)
            w = acronyms[rnd() % (sizeof acronyms / sizeof *acronyms)];
        else {
            size_t np = sizeof plain / sizeof *plain;
            size_t a = rnd() % np, b = rnd() % np; /* skewed to the front */
            w = plain[a < b ? a : b];
        }
        add_word(buf, cap, w, sentence_start);
        sentence_start = rnd() % 9 == 0;
        if (sentence_start && strlen(buf) + 2 < cap)
            strcat(buf, ".");
    }
}

static uint32_t id_hash(const char *id)
{
    uint32_t h = 2166136261u; /* FNV-1a: stable across runs and machines */
    for (; *id; id++)
        h = (h ^ (uint8_t)*id) * 16777619u;
    return h;
}

typedef struct article {
    char id[16];
    char title[256];
    char body[2048];
    int64_t date;
} article;

static article *corpus;
static char tmpdir[64];

static void make_corpus(void)
{
    rng_state = 0x2545F4914F6CDD1Dull;
    corpus = calloc(NDOCS, sizeof *corpus);
    ck_assert_ptr_nonnull(corpus);
    for (int i = 0; i < NDOCS; i++) {
        article *a = &corpus[i];
        snprintf(a->id, sizeof a->id, "a%d", i);
        make_text(a->title, sizeof a->title, 3 + (int)(rnd() % 6));
        make_text(a->body, sizeof a->body, 10 + (int)(rnd() % 120));
        /* words few articles hold, so that shards answer differently: a
         * prefix's terms (exo*: more than one index expands to, so the
         * cut matters), and words whose capital form is about as common */
        if (rnd() % 2) {
            char w[8] = {'e', 'x', 'o', (char)('a' + i % 26), (char)('a' + i / 26 % 26), 'q', 0};
            add_word(a->body, sizeof a->body, w, 0);
        }
        static const char *const rare[] = {"Turkey", "turkey", "March", "march", "Bill", "bill"};
        if (rnd() % 4 == 0)
            add_word(a->body, sizeof a->body, rare[rnd() % 6], 0);
        /* 1987 onwards, a day apart at most a few; one in twenty undated */
        a->date = rnd() % 20 == 0 ? BYL_NO_DATE : 536457600LL + 86400LL * (rnd() % 400);
    }
}

/* Builds dir from the articles whose shard (of nsh) is sh (nsh 1: all),
 * then deletes every article whose number is a multiple of 37. */
static void build(const char *dir, int nsh, int sh, size_t mem)
{
    byl_index_opts o = {.mem_budget = mem, .title_weight = 2, .replace = 1};
    byl_index_writer *w;
    ck_assert_int_eq(byl_index_writer_open(dir, &o, &w), BYL_OK);
    for (int i = 0; i < NDOCS; i++) {
        const article *a = &corpus[i];
        if ((int)(id_hash(a->id) % (uint32_t)nsh) != sh)
            continue;
        byl_article art = {.id = a->id, .id_len = strlen(a->id), .title = a->title,
                           .title_len = strlen(a->title), .body = a->body,
                           .body_len = strlen(a->body), .author = "", .source = "", .url = "",
                           .date = a->date, .file = "gen"};
        ck_assert_int_eq(byl_index_writer_add(w, &art), BYL_OK);
    }
    ck_assert_int_eq(byl_index_writer_commit(w), BYL_OK);
    byl_index_writer_free(w);
    o.replace = 0;
    ck_assert_int_eq(byl_index_writer_open(dir, &o, &w), BYL_OK);
    for (int i = 0; i < NDOCS; i += 37) {
        const article *a = &corpus[i];
        uint64_t found;
        if ((int)(id_hash(a->id) % (uint32_t)nsh) == sh)
            ck_assert_int_eq(byl_index_writer_delete(w, a->id, strlen(a->id), &found), BYL_OK);
    }
    ck_assert_int_eq(byl_index_writer_commit(w), BYL_OK);
    byl_index_writer_free(w);
}

typedef struct shardset {
    int n;
    byl_index *ix[MAXSH];
    byl_searcher *s[MAXSH];
} shardset;

static void open_set(shardset *ss, int n, const char *name, size_t mem)
{
    ss->n = n;
    for (int i = 0; i < n; i++) {
        char dir[160];
        snprintf(dir, sizeof dir, "%s/%s%d", tmpdir, name, i);
        build(dir, n, i, mem);
        ck_assert_int_eq(byl_index_open(dir, &ss->ix[i]), BYL_OK);
        ck_assert_int_eq(byl_searcher_new(&ss->ix[i], 1, &ss->s[i]), BYL_OK);
    }
}

static void close_set(shardset *ss)
{
    for (int i = 0; i < ss->n; i++) {
        byl_searcher_free(ss->s[i]);
        byl_index_close(ss->ix[i]);
    }
}

typedef struct rhit {
    double score;
    int64_t date;
    int shard;
    uint64_t gdoc;
    char id[16];
} rhit;

static void hit_id(byl_searcher *s, const byl_hit *h, char *id)
{
    byl_stored st;
    ck_assert_int_eq(byl_segment_stored(byl_searcher_segment(s, h), h->doc, &st), BYL_OK);
    ck_assert_uint_lt(st.id_len, 16);
    memcpy(id, st.id, st.id_len);
    id[st.id_len] = '\0';
}

static int sort_kind;

static int date_key_cmp(int64_t a, int64_t b, int desc)
{
    if (a == b)
        return 0;
    if (a == BYL_NO_DATE) /* undated last either way */
        return 1;
    if (b == BYL_NO_DATE)
        return -1;
    return desc ? (a > b ? -1 : 1) : (a < b ? -1 : 1);
}

static int rhit_cmp(const void *pa, const void *pb)
{
    const rhit *a = pa, *b = pb;
    if (sort_kind != BYL_SORT_SCORE) {
        int c = date_key_cmp(a->date, b->date, sort_kind == BYL_SORT_DATE_DESC);
        if (c)
            return c;
    }
    if (a->score != b->score)
        return a->score > b->score ? -1 : 1;
    if (a->shard != b->shard)
        return a->shard < b->shard ? -1 : 1;
    return a->gdoc < b->gdoc ? -1 : a->gdoc > b->gdoc;
}

static int rounds_hist[4];

static int cmp_desc(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x > y ? -1 : x < y;
}

/* Parses and merges blobs[0..n) into *out (freeing what it held). */
static void merge_blobs(byl_buf *blobs, int n, byl_qstats **out)
{
    const uint8_t *p[MAXSH];
    size_t l[MAXSH];
    for (int i = 0; i < n; i++)
        p[i] = blobs[i].data, l[i] = blobs[i].len;
    byl_buf m;
    byl_buf_init(&m);
    ck_assert_int_eq(byl_qstats_merge(p, l, (size_t)n, &m), BYL_OK);
    byl_qstats_free(*out);
    ck_assert_int_eq(byl_qstats_parse(m.data, m.len, out), BYL_OK);
    byl_buf_reset(&m);
}

/* The DFS dance over ss: collect, merge, search every shard with the merged
 * statistics (collecting again with them while one says BYL_ESTATS), and
 * merge the top k by score, then shard, then local number.  Returns the
 * hits in out (at most o->k) and their number; *total the sum of the
 * shards' totals. */
static size_t dfs_search(shardset *ss, const byl_qnode *q, const byl_search_opts *o, rhit *out,
                         uint64_t *total)
{
    byl_buf blobs[MAXSH];
    for (int i = 0; i < ss->n; i++) {
        byl_buf_init(&blobs[i]);
        ck_assert_int_eq(byl_search_collect(ss->s[i], q, o, &blobs[i]), BYL_OK);
    }
    byl_qstats *g = NULL;
    merge_blobs(blobs, ss->n, &g);
    rhit *all = calloc((size_t)ss->n * (o->k + 1), sizeof *all);
    size_t nall = 0;
    int round = 0;
    for (;;) {
        byl_search_opts so = *o;
        so.stats = g;
        int missing = 0;
        nall = 0;
        *total = 0;
        for (int i = 0; i < ss->n && !missing; i++) {
            const byl_hit *h;
            size_t nh;
            uint64_t t;
            int rc = byl_search(ss->s[i], q, &so, &h, &nh, &t);
            if (rc == BYL_ESTATS) {
                missing = 1;
                break;
            }
            ck_assert_msg(rc == BYL_OK, "search: %s", byl_error_msg());
            *total += t;
            for (size_t j = 0; j < nh; j++) {
                rhit *r = &all[nall++];
                r->score = h[j].score;
                r->date = h[j].date;
                r->shard = i;
                r->gdoc = h[j].gdoc;
                hit_id(ss->s[i], &h[j], r->id);
            }
        }
        if (!missing)
            break;
        ck_assert_msg(++round <= 2, "still lacking statistics after %d rounds", round);
        for (int i = 0; i < ss->n; i++)
            ck_assert_int_eq(byl_search_collect(ss->s[i], q, &so, &blobs[i]), BYL_OK);
        merge_blobs(blobs, ss->n, &g);
    }
    rounds_hist[round]++;
    sort_kind = o->sort;
    qsort(all, nall, sizeof *all, rhit_cmp);
    size_t n = nall < o->k ? nall : o->k;
    memcpy(out, all, n * sizeof *out);
    free(all);
    byl_qstats_free(g);
    for (int i = 0; i < ss->n; i++)
        byl_buf_reset(&blobs[i]);
    return n;
}

static int checked_queries;

/* The one index's answer to q under o against the shards' (DFS). */
static void check_same(byl_searcher *one, shardset *ss, const char *text,
                       const byl_search_opts *o)
{
    byl_qnode *q;
    if (byl_query_parse(text, strlen(text), &q) != BYL_OK)
        return; /* a log line that is no query: nothing to compare */
    const byl_hit *h;
    size_t nh;
    uint64_t total;
    ck_assert_msg(byl_search(one, q, o, &h, &nh, &total) == BYL_OK, "%s: %s", text,
                  byl_error_msg());
    rhit *want = calloc(nh + 1, sizeof *want);
    for (size_t i = 0; i < nh; i++) {
        want[i].score = h[i].score;
        want[i].date = h[i].date;
        hit_id(one, &h[i], want[i].id);
    }
    /* every match of the one index, for the scores of tied hits beyond k */
    byl_search_opts wide = *o;
    wide.k = NDOCS;
    const byl_hit *wh;
    size_t nwh;
    uint64_t wtotal;
    ck_assert_int_eq(byl_search(one, q, &wide, &wh, &nwh, &wtotal), BYL_OK);
    rhit *every = calloc(nwh + 1, sizeof *every);
    for (size_t i = 0; i < nwh; i++) {
        every[i].score = wh[i].score;
        hit_id(one, &wh[i], every[i].id);
    }
    rhit got[64];
    uint64_t gtotal;
    ck_assert_uint_le(o->k, 64);
    size_t ng = dfs_search(ss, q, o, got, &gtotal);
    ck_assert_msg(ng == nh, "%s (%d shards): %zu hits, one index %zu", text, ss->n, ng, nh);
    if (o->count_total)
        ck_assert_msg(gtotal == total, "%s (%d shards): total %llu, one index %llu", text,
                      ss->n, (unsigned long long)gtotal, (unsigned long long)total);
    for (size_t i = 0; i < ng; i++) {
        /* rank by rank: the same score (or date), and a hit the one index
         * scores the same */
        ck_assert_msg(fabs(got[i].score - want[i].score) <= 1e-9,
                      "%s (%d shards) rank %zu: %s %.17g, one index %s %.17g", text, ss->n, i,
                      got[i].id, got[i].score, want[i].id, want[i].score);
        if (o->sort != BYL_SORT_SCORE)
            ck_assert(got[i].date == want[i].date);
        int found = 0;
        for (size_t j = 0; j < nwh && !found; j++)
            if (strcmp(every[j].id, got[i].id) == 0) {
                found = 1;
                ck_assert_msg(fabs(every[j].score - got[i].score) <= 1e-9,
                              "%s: %s scores %.17g, one index %.17g", text, got[i].id,
                              got[i].score, every[j].score);
            }
        ck_assert_msg(found, "%s (%d shards): %s is no match of the one index", text, ss->n,
                      got[i].id);
        for (size_t j = 0; j < i; j++)
            ck_assert_str_ne(got[j].id, got[i].id);
    }
    checked_queries++;
    free(want);
    free(every);
    byl_qnode_free(q);
}

static const char *const fixed_queries[] = {
    "oil", "OPEC", "opec", "Opec oil", "saudi arabia", "Saudi Arabia", "SAUDI ARABIA",
    "\"saudi arabia\" oil", "bush", "Bush", "george bush", "George Bush oil prices", "who", "WHO",
    "the who", "IT", "it tech", "IT market", "apple", "Apple", "apple computer", "AT&T", "at&t",
    "U.S.", "us", "u.s. trade", "opec*", "ex*", "sau*", "bank*", "pric*", "explo*", "saudi*",
    "zzz*", "title:oil", "title:Bush", "body:crude", "oil -bank", "+oil +price", "oil OR wheat",
    "\"crude oil\"", "\"oil price\"~3", "Bank of England", "bank of england rate", "exxon mobil",
    "Exxon", "what did the minister say about OPEC oil output and prices",
    "Sheikh Yamani OPEC quota talks in the Persian Gulf", "wall street shares", "Wall Street",
    "gatt", "GATT trade talks", "ec", "EC farm", "ibm computer", "nosuchword",
    "oil nosuchword", "\"new york\"", "New York bankers", "year", "said the minister",
    "exo*", "exob*", "exoz*", "exo", "turkey", "Turkey", "TURKEY", "march", "March oil",
    "bill", "Bill Bush", "turkey exo* march"};

static void random_query(char *buf, size_t cap)
{
    buf[0] = '\0';
    int n = 1 + (int)(rnd() % 4);
    for (int i = 0; i < n; i++) {
        uint32_t r = rnd() % 10;
        const char *w = r < 6   ? plain[rnd() % (sizeof plain / sizeof *plain)]
                        : r < 8 ? names[rnd() % (sizeof names / sizeof *names)]
                                : acronyms[rnd() % (sizeof acronyms / sizeof *acronyms)];
        char word[64];
        snprintf(word, sizeof word, "%s", w);
        uint32_t c = rnd() % 4; /* as typed: lower, upper, capitalised, as written */
        for (char *p = word; *p; p++) {
            if (c == 0 && *p >= 'A' && *p <= 'Z')
                *p += 32;
            else if (c == 1 && *p >= 'a' && *p <= 'z')
                *p -= 32;
        }
        if (c == 2 && word[0] >= 'a' && word[0] <= 'z')
            word[0] -= 32;
        if (rnd() % 8 == 0 && strlen(word) > 4 && !strchr(word, ' ')) {
            word[3 + rnd() % (strlen(word) - 3)] = '\0';
            strcat(word, "*");
        }
        add_word(buf, cap, word, 0);
    }
}

/* Options tried: plain, --and, date ranges, recency, date order, small and
 * larger k, the oracle, only the top k counted. */
static void options(int which, byl_search_opts *o)
{
    byl_search_opts_init(o);
    switch (which % 9) {
    case 1: o->all_required = 1; break;
    case 2: o->since = 536457600LL + 86400LL * 50; o->until = 536457600LL + 86400LL * 250; break;
    case 3: o->half_life = 86400.0 * 30; break;
    case 4: o->sort = BYL_SORT_DATE; break;
    case 5: o->sort = BYL_SORT_DATE_DESC; o->k = 20; break;
    case 6: o->k = 1; break;
    case 7: o->exhaustive = 1; o->k = 50; break;
    case 8: o->count_total = 0; o->k = 30; o->half_life = 86400.0 * 7; o->now = 536457600LL; break;
    default: break;
    }
}

static void setup(void)
{
    make_corpus();
    strcpy(tmpdir, "/tmp/byl_test_qstatsXXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(tmpdir));
}

static void teardown(void)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", tmpdir);
    ck_assert_int_eq(system(cmd), 0);
    free(corpus);
}

START_TEST(test_shards_score_as_one_index)
{
    char dir[160];
    snprintf(dir, sizeof dir, "%s/one", tmpdir);
    build(dir, 1, 0, 64 << 20);
    byl_index *ix;
    ck_assert_int_eq(byl_index_open(dir, &ix), BYL_OK);
    byl_searcher *one;
    ck_assert_int_eq(byl_searcher_new(&ix, 1, &one), BYL_OK);
    static const int nshards[] = {2, 3, 7};
    /* under valgrind (make valgrind sets BYL_TEST_SHORT) a tenth of the
     * queries: the same paths, in minutes less */
    int short_run = getenv("BYL_TEST_SHORT") != NULL;
    checked_queries = 0;
    memset(rounds_hist, 0, sizeof rounds_hist);
    for (size_t si = 0; si < 3; si++) {
        shardset ss;
        char name[16];
        snprintf(name, sizeof name, "s%d_", nshards[si]);
        /* shards of several segments: a shard is a collection too */
        open_set(&ss, nshards[si], name, si == 1 ? 24 << 10 : 64 << 20);
        /* every fixed query under four of the options, in turn */
        for (size_t i = 0; i < sizeof fixed_queries / sizeof *fixed_queries; i++)
            for (int w = 0; w < (short_run ? 1 : 4); w++) {
                byl_search_opts o;
                options((int)(i + si + 2 * (size_t)w), &o);
                check_same(one, &ss, fixed_queries[i], &o);
            }
        rng_state = 77 + si;
        for (int i = 0; i < (short_run ? 30 : 100); i++) {
            char qb[256];
            random_query(qb, sizeof qb);
            byl_search_opts o;
            options((int)(rnd() % 9), &o);
            check_same(one, &ss, qb, &o);
        }
        /* the query log of the benchmarks, when the shared data is here */
        FILE *f = short_run ? NULL : fopen("../shared/queries/aol-union.txt", "r");
        if (short_run) {
            if (si == 0)
                fprintf(stderr, "test_qstats: BYL_TEST_SHORT (valgrind): the query log part is "
                                "left to the other runs\n");
        } else if (!f) {
            if (si == 0)
                fprintf(stderr, "test_qstats: ../shared/queries/aol-union.txt absent: the "
                                "query log part is skipped\n");
        } else {
            char line[512];
            int n = 0;
            while (fgets(line, sizeof line, f)) {
                line[strcspn(line, "\r\n")] = '\0';
                byl_search_opts o;
                options(n++, &o);
                check_same(one, &ss, line, &o);
            }
            fclose(f);
        }
        close_set(&ss);
    }
    ck_assert_int_gt(checked_queries, short_run ? 150 : 1000);
    fprintf(stderr, "test_qstats: %d queries checked; searches needing 0/1/2 extra collect "
                    "rounds: %d/%d/%d\n", checked_queries, rounds_hist[0], rounds_hist[1],
            rounds_hist[2]);
    byl_searcher_free(one);
    byl_index_close(ix);
}
END_TEST

START_TEST(test_statistics_lacking_a_key_are_refused)
{
    char dir[160];
    snprintf(dir, sizeof dir, "%s/one", tmpdir);
    build(dir, 1, 0, 64 << 20);
    byl_index *ix;
    ck_assert_int_eq(byl_index_open(dir, &ix), BYL_OK);
    byl_searcher *s;
    ck_assert_int_eq(byl_searcher_new(&ix, 1, &s), BYL_OK);
    byl_qnode *q1, *q2;
    ck_assert_int_eq(byl_query_parse("oil", 3, &q1), BYL_OK);
    ck_assert_int_eq(byl_query_parse("wheat opec*", 11, &q2), BYL_OK);
    byl_search_opts o;
    byl_search_opts_init(&o);
    byl_buf b;
    byl_buf_init(&b);
    ck_assert_int_eq(byl_search_collect(s, q1, &o, &b), BYL_OK);
    byl_qstats *st;
    ck_assert_int_eq(byl_qstats_parse(b.data, b.len, &st), BYL_OK);
    o.stats = st;
    const byl_hit *h;
    size_t nh;
    uint64_t total, total0;
    /* statistics of another query: never scored with local numbers */
    ck_assert_int_eq(byl_search(s, q2, &o, &h, &nh, &total), BYL_ESTATS);
    ck_assert_ptr_nonnull(strstr(byl_error_msg(), "collect again"));
    /* their own query: the same as without them (one shard is everything) */
    ck_assert_int_eq(byl_search(s, q1, &o, &h, &nh, &total), BYL_OK);
    double top = nh ? h[0].score : 0;
    o.stats = NULL;
    ck_assert_int_eq(byl_search(s, q1, &o, &h, &nh, &total0), BYL_OK);
    ck_assert_uint_eq(total, total0);
    ck_assert(nh && h[0].score == top);
    /* feedback cannot be exact across shards: refused */
    o.stats = st;
    o.prf_docs = 10;
    ck_assert_int_eq(byl_search(s, q1, &o, &h, &nh, &total), BYL_EINVAL);
    ck_assert_ptr_nonnull(strstr(byl_error_msg(), "feedback"));
    o.prf_docs = 0;
    /* and the searcher goes back to its own numbers afterwards */
    o.stats = NULL;
    ck_assert_int_eq(byl_search(s, q1, &o, &h, &nh, &total), BYL_OK);
    ck_assert(h[0].score == top);
    byl_qstats_free(st);
    byl_buf_reset(&b);
    byl_qnode_free(q1);
    byl_qnode_free(q2);
    byl_searcher_free(s);
    byl_index_close(ix);
}
END_TEST

/* Re-seals a mutated blob, so that the parser's own checks are reached. */
static void reseal(uint8_t *p, size_t n)
{
    if (n >= 4)
        byl_put_u32(p + n - 4, byl_crc32(0, p, n - 4));
}

START_TEST(test_blob_parser_never_reads_past_a_damaged_blob)
{
    char dir[160];
    snprintf(dir, sizeof dir, "%s/one", tmpdir);
    build(dir, 1, 0, 64 << 20);
    byl_index *ix;
    ck_assert_int_eq(byl_index_open(dir, &ix), BYL_OK);
    byl_searcher *s;
    ck_assert_int_eq(byl_searcher_new(&ix, 1, &s), BYL_OK);
    static const char *const qs[] = {"Saudi Arabia opec* oil", "ex* pric* bank", "zzz"};
    rng_state = 99;
    int parsed = 0, refused = 0;
    for (size_t qi = 0; qi < 3; qi++) {
        byl_qnode *q;
        ck_assert_int_eq(byl_query_parse(qs[qi], strlen(qs[qi]), &q), BYL_OK);
        byl_search_opts o;
        byl_search_opts_init(&o);
        byl_buf b;
        byl_buf_init(&b);
        ck_assert_int_eq(byl_search_collect(s, q, &o, &b), BYL_OK);
        /* a blob merged alone is itself, byte for byte */
        const uint8_t *one = b.data;
        byl_buf m;
        byl_buf_init(&m);
        ck_assert_int_eq(byl_qstats_merge(&one, &b.len, 1, &m), BYL_OK);
        ck_assert(m.len == b.len && memcmp(m.data, b.data, b.len) == 0);
        for (int round = 0; round < 3000; round++) {
            /* an exact-length copy: ASan and valgrind see any read past it */
            size_t n = b.len;
            int kind = (int)(rnd() % 4);
            if (kind == 0)
                n = rnd() % b.len; /* truncated */
            uint8_t *p = malloc(n ? n : 1);
            memcpy(p, b.data, n);
            if (kind >= 1 && n) {
                int flips = 1 + (int)(rnd() % 4);
                for (int f = 0; f < flips; f++)
                    p[rnd() % n] ^= (uint8_t)(1u << (rnd() % 8));
            }
            if (kind >= 2)
                reseal(p, n); /* past the checksum, to the parser's checks */
            if (kind == 3 && n > 16) {
                /* cut inside the body, re-sealed */
                n = 16 + rnd() % (n - 16);
                reseal(p, n);
            }
            byl_qstats *st = NULL;
            int rc = byl_qstats_parse(p, n, &st);
            if (rc == BYL_OK) {
                /* whatever it read writes back and reads again the same */
                byl_buf w1, w2;
                byl_buf_init(&w1);
                byl_buf_init(&w2);
                ck_assert_int_eq(byl_qstats_write(st, &w1), BYL_OK);
                byl_qstats *st2;
                ck_assert_int_eq(byl_qstats_parse(w1.data, w1.len, &st2), BYL_OK);
                ck_assert_int_eq(byl_qstats_write(st2, &w2), BYL_OK);
                ck_assert(w1.len == w2.len && memcmp(w1.data, w2.data, w1.len) == 0);
                byl_qstats_free(st2);
                byl_buf_reset(&w1);
                byl_buf_reset(&w2);
                parsed++;
            } else {
                ck_assert_msg(rc == BYL_ECORRUPT || rc == BYL_EVERSION, "rc %d", rc);
                ck_assert_ptr_null(st);
                ck_assert_ptr_nonnull(strstr(byl_error_msg(), "query statistics"));
                refused++;
            }
            byl_qstats_free(st);
            free(p);
        }
        byl_buf_reset(&m);
        byl_buf_reset(&b);
        byl_qnode_free(q);
    }
    ck_assert_int_gt(refused, 1000);
    ck_assert_int_gt(parsed, 0); /* some flips land in a df or a date */
    byl_searcher_free(s);
    byl_index_close(ix);
}
END_TEST

START_TEST(test_merge_sums_and_unites)
{
    byl_qstats *a, *b;
    ck_assert_int_eq(byl_qstats_new(&a), BYL_OK);
    ck_assert_int_eq(byl_qstats_new(&b), BYL_OK);
    byl_segstats sa = {.ndocs = 10, .ndeleted = 2, .title_weight = 2,
                       .min_date = 100, .max_date = 200};
    byl_segstats sb = {.ndocs = 5, .ndeleted = 0, .title_weight = 2,
                       .min_date = BYL_NO_DATE, .max_date = BYL_NO_DATE};
    for (int f = 0; f < BYL_NFIELDS; f++)
        sa.total_len[f] = 7u + (unsigned)f, sb.total_len[f] = 1;
    byl_qstats_set_collection(a, &sa);
    byl_qstats_set_collection(b, &sb);
    const uint8_t k1[] = {1, 'o', 'i', 'l'}, k2[] = {1, 'g', 'a', 's'};
    ck_assert_int_eq(byl_qstats_note_df(a, k1, 4, 3), BYL_OK);
    ck_assert_int_eq(byl_qstats_note_df(a, k1, 4, 9), BYL_OK); /* the first answer stays */
    ck_assert_int_eq(byl_qstats_note_df(b, k1, 4, 2), BYL_OK);
    ck_assert_int_eq(byl_qstats_note_df(b, k2, 4, 0), BYL_OK);
    /* expansions: each side's keys, united in key order and cut */
    byl_qkey *ka = calloc(BYL_QSTATS_MAX_PREFIX, sizeof *ka);
    byl_qkey *kb = calloc(BYL_QSTATS_MAX_PREFIX, sizeof *kb);
    for (int i = 0; i < BYL_QSTATS_MAX_PREFIX; i++) {
        ka[i].keylen = (size_t)snprintf((char *)ka[i].key, BYL_MAX_KEY, "\001ex%04d", 2 * i);
        kb[i].keylen = (size_t)snprintf((char *)kb[i].key, BYL_MAX_KEY, "\001ex%04d", 2 * i + 1);
    }
    const uint8_t pre[] = {1, 'e', 'x'};
    ck_assert_int_eq(byl_qstats_note_prefix(a, pre, 3, ka, BYL_QSTATS_MAX_PREFIX), BYL_OK);
    ck_assert_int_eq(byl_qstats_note_prefix(b, pre, 3, kb, 10), BYL_OK);
    byl_buf ba, bb, m;
    byl_buf_init(&ba);
    byl_buf_init(&bb);
    byl_buf_init(&m);
    ck_assert_int_eq(byl_qstats_write(a, &ba), BYL_OK);
    ck_assert_int_eq(byl_qstats_write(b, &bb), BYL_OK);
    const uint8_t *blobs[2] = {ba.data, bb.data};
    size_t lens[2] = {ba.len, bb.len};
    ck_assert_int_eq(byl_qstats_merge(blobs, lens, 2, &m), BYL_OK);
    byl_qstats *g;
    ck_assert_int_eq(byl_qstats_parse(m.data, m.len, &g), BYL_OK);
    ck_assert_uint_eq(byl_qstats_nlive(g), 13);
    byl_segstats gs;
    ck_assert_int_eq(byl_qstats_segstats(g, &gs), BYL_OK);
    ck_assert_uint_eq(gs.ndocs, 13);
    ck_assert_uint_eq(gs.total_len[0], 8);
    ck_assert(gs.min_date == 100 && gs.max_date == 200);
    uint64_t df;
    ck_assert_int_eq(byl_qstats_df(g, k1, 4, &df), BYL_OK);
    ck_assert_uint_eq(df, 5);
    ck_assert_int_eq(byl_qstats_df(g, k2, 4, &df), BYL_OK);
    ck_assert_uint_eq(df, 0);
    ck_assert_int_eq(byl_qstats_df(g, k2, 3, &df), BYL_ENOTFOUND);
    const byl_qkey *e;
    size_t ne;
    ck_assert_int_eq(byl_qstats_prefix(g, pre, 3, &e, &ne), BYL_OK);
    ck_assert_uint_eq(ne, BYL_QSTATS_MAX_PREFIX);
    /* the first ten odd keys interleave with the evens: ex0000..ex0019,
     * then evens up to the cut */
    for (int i = 0; i < 20; i++) {
        char want[16];
        snprintf(want, sizeof want, "\001ex%04d", i);
        ck_assert(e[i].keylen == strlen(want) && memcmp(e[i].key, want, e[i].keylen) == 0);
    }
    ck_assert_int_eq(byl_qstats_prefix(g, pre, 2, &e, &ne), BYL_ENOTFOUND);
    /* merging is associative: (a + b) + a == a + (b + a) */
    byl_buf l, r, ab, baa;
    byl_buf_init(&l), byl_buf_init(&r), byl_buf_init(&ab), byl_buf_init(&baa);
    ck_assert_int_eq(byl_qstats_merge(blobs, lens, 2, &ab), BYL_OK);
    const uint8_t *x[2] = {ab.data, ba.data};
    size_t xl[2] = {ab.len, ba.len};
    ck_assert_int_eq(byl_qstats_merge(x, xl, 2, &l), BYL_OK);
    const uint8_t *y[2] = {bb.data, ba.data};
    size_t yl[2] = {bb.len, ba.len};
    ck_assert_int_eq(byl_qstats_merge(y, yl, 2, &baa), BYL_OK);
    const uint8_t *z[2] = {ba.data, baa.data};
    size_t zl[2] = {ba.len, baa.len};
    ck_assert_int_eq(byl_qstats_merge(z, zl, 2, &r), BYL_OK);
    ck_assert(l.len == r.len && memcmp(l.data, r.data, l.len) == 0);
    /* different title weights do not add up */
    sb.title_weight = 3;
    byl_qstats_set_collection(b, &sb);
    ck_assert_int_eq(byl_qstats_write(b, &bb), BYL_OK);
    blobs[1] = bb.data;
    lens[1] = bb.len;
    ck_assert_int_eq(byl_qstats_merge(blobs, lens, 2, &m), BYL_EINVAL);
    /* a damaged blob is named */
    bb.data[bb.len / 2] ^= 1;
    ck_assert_int_eq(byl_qstats_merge(blobs, lens, 2, &m), BYL_ECORRUPT);
    ck_assert_ptr_nonnull(strstr(byl_error_msg(), "blob 1 of 2"));
    byl_buf_reset(&l), byl_buf_reset(&r), byl_buf_reset(&ab), byl_buf_reset(&baa);
    byl_buf_reset(&ba), byl_buf_reset(&bb), byl_buf_reset(&m);
    free(ka);
    free(kb);
    byl_qstats_free(g);
    byl_qstats_free(a);
    byl_qstats_free(b);
}
END_TEST

/* The dance through byline.h, as a program would do it: three shards and
 * the one index agree on the top 10 and the total. */
START_TEST(test_public_api_dance)
{
    char one_dir[160], dirs[3][160];
    snprintf(one_dir, sizeof one_dir, "%s/one", tmpdir);
    build(one_dir, 1, 0, 64 << 20);
    byline_collection *oc, *sc[3];
    byline_searcher *os, *ss[3];
    ck_assert_int_eq(byline_open(one_dir, &oc), BYLINE_OK);
    ck_assert_int_eq(byline_searcher_new(oc, &os), BYLINE_OK);
    for (int i = 0; i < 3; i++) {
        snprintf(dirs[i], sizeof dirs[i], "%s/p%d", tmpdir, i);
        build(dirs[i], 3, i, 64 << 20);
        ck_assert_int_eq(byline_open(dirs[i], &sc[i]), BYLINE_OK);
        ck_assert_int_eq(byline_searcher_new(sc[i], &ss[i]), BYLINE_OK);
    }
    static const char *const qs[] = {"Saudi Arabia oil", "exo*", "OPEC", "turkey march",
                                     "\"crude oil\" prices", "IT market"};
    for (size_t qi = 0; qi < sizeof qs / sizeof *qs; qi++) {
        byline_query *q;
        ck_assert_int_eq(byline_query_parse(qs[qi], &q), BYLINE_OK);
        byline_search_opts o;
        byline_search_opts_init(&o);
        size_t n1;
        uint64_t t1;
        ck_assert_int_eq(byline_search(os, q, &o, &n1, &t1), BYLINE_OK);
        double want[10];
        for (size_t i = 0; i < n1; i++) {
            byline_hit h;
            ck_assert_int_eq(byline_hit_get(os, i, &h), BYLINE_OK);
            want[i] = h.score;
        }
        void *blob[3];
        size_t len[3];
        for (int i = 0; i < 3; i++)
            ck_assert_int_eq(byline_stats_collect(ss[i], q, &o, &blob[i], &len[i]), BYLINE_OK);
        void *merged;
        size_t mlen;
        ck_assert_int_eq(byline_stats_merge((const void *const *)blob, len, 3, &merged, &mlen),
                         BYLINE_OK);
        o.stats = merged;
        o.stats_len = mlen;
        double got[30];
        size_t ng = 0;
        uint64_t tsum = 0;
        for (int i = 0; i < 3; i++) {
            size_t n;
            uint64_t t;
            ck_assert_int_eq(byline_search(ss[i], q, &o, &n, &t), BYLINE_OK);
            tsum += t;
            for (size_t j = 0; j < n; j++) {
                byline_hit h;
                ck_assert_int_eq(byline_hit_get(ss[i], j, &h), BYLINE_OK);
                got[ng++] = h.score;
            }
        }
        qsort(got, ng, sizeof *got, cmp_desc);
        ck_assert_uint_eq(tsum, t1);
        ck_assert_uint_eq(ng < 10 ? ng : 10, n1);
        for (size_t i = 0; i < n1; i++)
            ck_assert_msg(fabs(got[i] - want[i]) <= 1e-9, "%s rank %zu: %.17g, one index %.17g",
                          qs[qi], i, got[i], want[i]);
        /* refused: collapse across shards, a damaged blob, a length alone */
        o.collapse = BYLINE_COLLAPSE_BEST;
        size_t n;
        uint64_t t;
        ck_assert_int_eq(byline_search(ss[0], q, &o, &n, &t), BYLINE_EINVAL);
        o.collapse = BYLINE_COLLAPSE_NONE;
        ((uint8_t *)merged)[mlen / 2] ^= 0x10;
        ck_assert_int_eq(byline_search(ss[0], q, &o, &n, &t), BYLINE_ECORRUPT);
        o.stats = NULL;
        ck_assert_int_eq(byline_search(ss[0], q, &o, &n, &t), BYLINE_EINVAL);
        byline_free(merged);
        for (int i = 0; i < 3; i++)
            byline_free(blob[i]);
        byline_query_free(q);
    }
    /* statistics of another query: BYLINE_ESTATS, then one more round */
    byline_query *a, *b;
    ck_assert_int_eq(byline_query_parse("wheat", &a), BYLINE_OK);
    ck_assert_int_eq(byline_query_parse("wheat exo*", &b), BYLINE_OK);
    byline_search_opts o;
    byline_search_opts_init(&o);
    void *blob;
    size_t len, n;
    uint64_t t;
    ck_assert_int_eq(byline_stats_collect(ss[0], a, &o, &blob, &len), BYLINE_OK);
    o.stats = blob;
    o.stats_len = len;
    ck_assert_int_eq(byline_search(ss[0], b, &o, &n, &t), BYLINE_ESTATS);
    void *again;
    size_t alen;
    ck_assert_int_eq(byline_stats_collect(ss[0], b, &o, &again, &alen), BYLINE_OK);
    o.stats = again;
    o.stats_len = alen;
    ck_assert_int_eq(byline_search(ss[0], b, &o, &n, &t), BYLINE_OK);
    byline_free(blob);
    byline_free(again);
    byline_query_free(a);
    byline_query_free(b);
    for (int i = 0; i < 3; i++) {
        byline_searcher_free(ss[i]);
        byline_close(sc[i]);
    }
    byline_searcher_free(os);
    byline_close(oc);
}
END_TEST

int main(void)
{
    Suite *su = suite_create("qstats");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 600);
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_merge_sums_and_unites);
    tcase_add_test(tc, test_blob_parser_never_reads_past_a_damaged_blob);
    tcase_add_test(tc, test_statistics_lacking_a_key_are_refused);
    tcase_add_test(tc, test_public_api_dance);
    tcase_add_test(tc, test_shards_score_as_one_index);
    suite_add_tcase(su, tc);
    return byl_test_run(su);
}
