/*
 * test_views.c - timelines, facets, tags, export and the plotted chart,
 * each checked against an independent oracle over seeded random corpora:
 * periods from libc's gmtime_r/strftime (%G-W%V for ISO weeks), facet
 * counts from the generated articles, tag matches from the tags'
 * hand-written normal forms, exports read back (CSV by an RFC 4180
 * reader written here, JSON Lines by jansson), the PNG read back by cairo.
 * Also: random bytes through the tag normalizer, and allocation failures
 * injected at every step of a timeline and of facets.
 */
#include <check.h>

#include "check_main.h"
#include <cairo.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "doc/reader.h"
#include "index/idkey.h"
#include "index/index.h"
#include "query/collapse.h"
#include "query/export.h"
#include "query/facet.h"
#include "query/parser.h"
#include "query/plot.h"
#include "query/search.h"
#include "query/timeline.h"
#include "text/tag.h"
#include "text/utf8.h"
#include "util/err.h"
#include "util/mem.h"

#define NDOCS 600

static uint32_t rnd(uint64_t *s)
{
    *s = *s * 6364136223846793005ull + 1442695040888963407ull;
    return (uint32_t)(*s >> 33);
}

static const char *const words[] = {"oil", "gold", "wheat", "coffee", "sugar", "copper"};
#define NWORDS 6
static const char *const sources[] = {"Reuters", "AP", "", "  Le Monde ", "reuters"};
static const char *const authors[] = {"", "Ann Lee", "Ann Lee; Bo Chan", "Bo Chan; Bo Chan",
                                      " Cy Diaz "};
/* tags as written, and the normal form tag: must match them by */
static const struct {
    const char *raw, *norm;
} tags[] = {{"crude", "crude"},     {"Oil Prices", "oil prices"}, {"oil  prices", "oil prices"},
            {"ÉNERGIE", "energie"}, {"énergie", "energie"},      {"Crude", "crude"},
            {"oil", "oil"}};
#define NTAGS 7

typedef struct gdoc {
    char id[16];
    char title[64], body[256];
    const char *source, *author;
    char tags[128];
    int tagset;       /* bit per tags[] entry */
    int has[NWORDS];  /* word i in title or body */
    int64_t date;
} gdoc;

static gdoc docs[NDOCS];
static char dir[64];

static void make_docs(uint64_t seed)
{
    for (int i = 0; i < NDOCS; i++) {
        gdoc *d = &docs[i];
        memset(d, 0, sizeof *d);
        snprintf(d->id, sizeof d->id, "d%d", i);
        for (int k = 0, n = 1 + (int)(rnd(&seed) % 3); k < n; k++) {
            int w = (int)(rnd(&seed) % NWORDS);
            strcat(d->title, k ? " " : "");
            strcat(d->title, words[w]);
            d->has[w] = 1;
        }
        strcpy(d->body, "market report");
        for (int k = 0, n = (int)(rnd(&seed) % 6); k < n; k++) {
            int w = (int)(rnd(&seed) % NWORDS);
            strcat(d->body, " ");
            strcat(d->body, words[w]);
            d->has[w] = 1;
        }
        d->source = sources[rnd(&seed) % 5];
        d->author = authors[rnd(&seed) % 5];
        for (int t = 0; t < NTAGS; t++)
            if (rnd(&seed) % 4 == 0) {
                if (*d->tags)
                    strcat(d->tags, "\n");
                strcat(d->tags, tags[t].raw);
                d->tagset |= 1 << t;
            }
        /* one in ten undated; the rest from 1967 to 2031, to the second,
         * so period edges and dates before 1970 are met */
        uint32_t r = rnd(&seed);
        d->date = r % 10 == 0 ? BYL_NO_DATE
                              : -94694400LL + (int64_t)(((uint64_t)rnd(&seed) << 31 | rnd(&seed)) %
                                                         (64ull * 365 * 86400));
    }
}

static void build(void)
{
    strcpy(dir, "/tmp/byl_views_XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(dir));
    byl_index_opts o = {.mem_budget = 1 << 20, .title_weight = 2, .replace = 1};
    byl_index_writer *w;
    ck_assert_int_eq(byl_index_writer_open(dir, &o, &w), BYL_OK);
    for (int i = 0; i < NDOCS; i++) {
        gdoc *d = &docs[i];
        byl_article a = {.id = d->id, .id_len = strlen(d->id), .title = d->title,
                         .title_len = strlen(d->title), .body = d->body,
                         .body_len = strlen(d->body), .author = d->author,
                         .author_len = strlen(d->author), .source = d->source,
                         .source_len = strlen(d->source), .url = "", .tags = d->tags,
                         .tags_len = strlen(d->tags), .date = d->date, .file = "test"};
        ck_assert_int_eq(byl_index_writer_add(w, &a), BYL_OK);
    }
    ck_assert_int_eq(byl_index_writer_commit(w), BYL_OK);
    byl_index_writer_free(w);
}

static void unbuild(void)
{
    char cmd[96];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    ck_assert_int_eq(system(cmd), 0);
}

typedef struct env {
    byl_index *ix;
    byl_searcher *s;
    byl_clusters *cl;
} env;

static void env_open(env *e)
{
    ck_assert_int_eq(byl_index_open(dir, &e->ix), BYL_OK);
    ck_assert_int_eq(byl_searcher_new(&e->ix, 1, &e->s), BYL_OK);
    ck_assert_int_eq(byl_clusters_new(&e->ix, 1, NULL, &e->cl), BYL_OK);
}

static void env_close(env *e)
{
    byl_clusters_free(e->cl);
    byl_searcher_free(e->s);
    byl_index_close(e->ix);
}

static byl_qnode *parse(const char *q)
{
    byl_qnode *n;
    ck_assert_int_eq(byl_query_parse(q, strlen(q), &n), BYL_OK);
    return n;
}

/* The oracle's label of time t for an interval, through libc. */
static void libc_label(int iv, int64_t t, char *buf, size_t cap)
{
    time_t tt = (time_t)t;
    struct tm tm;
    gmtime_r(&tt, &tm);
    static const char *const fmt[] = {"%Y-%m-%d", "%G-W%V", "%Y-%m", "%Y"};
    strftime(buf, cap, fmt[iv], &tm);
}

static int cmp_label(const void *a, const void *b) { return strcmp(a, b); }

/* Runs one timeline of q and checks it against the generated articles. */
static void check_timeline(env *e, int w, int iv, int collapse)
{
    char q[32];
    snprintf(q, sizeof q, "%s", words[w]);
    byl_qnode *n = parse(q);
    byl_timeline *t;
    ck_assert_int_eq(byl_timeline_new(e->s, iv, &t), BYL_OK);
    byl_search_opts o;
    byl_search_opts_init(&o);
    o.on_match = byl_timeline_match;
    o.on_match_ctx = t;
    const byl_group *g;
    size_t ng;
    uint64_t nclusters, nmatches;
    ck_assert_int_eq(byl_collapse_search(e->cl, e->s, n, &o, collapse, 0, &g, &ng, &nclusters,
                                         &nmatches),
                     BYL_OK);
    ck_assert_int_eq(byl_timeline_finish(t, collapse ? e->cl : NULL), BYL_OK);
    uint64_t want_total = 0, want_undated = 0;
    for (int i = 0; i < NDOCS; i++)
        if (docs[i].has[w]) {
            want_total++;
            want_undated += docs[i].date == BYL_NO_DATE;
        }
    ck_assert_uint_eq(byl_timeline_total(t), want_total);
    ck_assert_uint_eq(byl_timeline_total(t), nmatches);
    ck_assert_uint_eq(byl_timeline_undated(t), want_undated);
    if (collapse)
        ck_assert_uint_eq(byl_timeline_stories(t), nclusters);
    /* the oracle: libc's label of every dated match, sorted */
    char (*labs)[16] = malloc((want_total + 1) * sizeof *labs);
    size_t nl = 0;
    for (int d = 0; d < NDOCS; d++)
        if (docs[d].has[w] && docs[d].date != BYL_NO_DATE)
            libc_label(iv, docs[d].date, labs[nl++], sizeof *labs);
    qsort(labs, nl, sizeof *labs, cmp_label);
    size_t np;
    const byl_period *p = byl_timeline_periods(t, &np);
    uint64_t sum = 0;
    size_t at = 0;
    for (size_t i = 0; i < np; i++) {
        char lab[32];
        /* the period's first second, and the second before the next
         * period, are in it: periods are whole and leave no gap */
        libc_label(iv, p[i].start, lab, sizeof lab);
        ck_assert_str_eq(lab, p[i].label);
        if (i + 1 < np) {
            libc_label(iv, p[i + 1].start - 1, lab, sizeof lab);
            ck_assert_str_eq(lab, p[i].label);
            ck_assert_int_lt(p[i].start, p[i + 1].start);
        }
        /* periods ascend as the sorted labels do (ISO years included) */
        uint64_t want = 0;
        while (at < nl && strcmp(labs[at], p[i].label) < 0)
            at++;
        while (at < nl && strcmp(labs[at], p[i].label) == 0)
            at++, want++;
        ck_assert_uint_eq(p[i].articles, want);
        if (collapse) {
            ck_assert_uint_le(p[i].stories, p[i].articles);
            ck_assert_int_eq(p[i].stories > 0, p[i].articles > 0);
        } else {
            ck_assert_uint_eq(p[i].stories, 0);
        }
        sum += p[i].articles;
    }
    free(labs);
    ck_assert_uint_eq(sum + want_undated, want_total);
    if (np) { /* the first and last periods hold a match */
        ck_assert_uint_gt(p[0].articles, 0);
        ck_assert_uint_gt(p[np - 1].articles, 0);
    }
    byl_timeline_free(t);
    byl_qnode_free(n);
}

START_TEST(timeline_matches_libc)
{
    make_docs(0x5eed + (uint64_t)_i);
    build();
    env e;
    env_open(&e);
    for (int w = 0; w < NWORDS; w++)
        for (int iv = BYL_IV_DAY; iv <= BYL_IV_YEAR; iv++)
            check_timeline(&e, w, iv, (w + iv) % 2 ? BYL_COLLAPSE_BEST : BYL_COLLAPSE_NONE);
    env_close(&e);
    unbuild();
}
END_TEST

/* Splits s by sep into parts, each trimmed, the empty ones left out and
 * each distinct one once; returns their number. */
static int split_parts(const char *s, const char *sep, char parts[][64], int max)
{
    int n = 0;
    char buf[256];
    snprintf(buf, sizeof buf, "%s", s);
    size_t sl = strlen(sep);
    for (char *p = buf; p && n < max;) {
        char *e = strstr(p, sep);
        if (e)
            *e = '\0';
        char *a = p, *z = p + strlen(p);
        while (*a == ' ')
            a++;
        while (z > a && z[-1] == ' ')
            *--z = '\0';
        int dup = 0;
        for (int i = 0; i < n; i++)
            dup |= strcmp(parts[i], a) == 0;
        if (*a && !dup && strlen(a) < 64)
            memcpy(parts[n++], a, strlen(a) + 1);
        p = e ? e + sl : NULL;
    }
    return n;
}

static uint64_t oracle_count(int w, int kind, const char *value, uint64_t *missing)
{
    uint64_t c = 0;
    *missing = 0;
    for (int i = 0; i < NDOCS; i++) {
        if (!docs[i].has[w])
            continue;
        char parts[16][64];
        int n = 0;
        if (kind == BYL_FACET_SOURCE)
            n = split_parts(docs[i].source, "\x01", parts, 16);
        else if (kind == BYL_FACET_AUTHOR)
            n = split_parts(docs[i].author, "; ", parts, 16);
        else if (kind == BYL_FACET_TAG)
            n = split_parts(docs[i].tags, "\n", parts, 16);
        else if (docs[i].date != BYL_NO_DATE)
            libc_label(BYL_IV_YEAR, docs[i].date, parts[n++], 64);
        if (!n)
            (*missing)++;
        for (int k = 0; k < n; k++)
            c += strcmp(parts[k], value) == 0;
    }
    return c;
}

START_TEST(facets_match_oracle)
{
    make_docs(0xface + (uint64_t)_i);
    build();
    env e;
    env_open(&e);
    for (int w = 0; w < NWORDS; w++) {
        byl_qnode *n = parse(words[w]);
        byl_facets *f;
        ck_assert_int_eq(byl_facets_new(e.s, 0xf, &f), BYL_OK);
        byl_search_opts o;
        byl_search_opts_init(&o);
        o.on_match = byl_facets_match;
        o.on_match_ctx = f;
        const byl_hit *h;
        size_t nh;
        uint64_t total;
        ck_assert_int_eq(byl_search(e.s, n, &o, &h, &nh, &total), BYL_OK);
        ck_assert_int_eq(byl_facets_finish(f), BYL_OK);
        ck_assert_uint_eq(byl_facets_matches(f), total);
        for (int kind = 0; kind < BYL_FACET_COUNT_; kind++) {
            byl_facet_value *v;
            size_t nv;
            uint64_t distinct, missing, want_missing;
            ck_assert_int_eq(byl_facets_top(f, kind, 1000, &v, &nv, &distinct, &missing), BYL_OK);
            ck_assert_uint_eq(nv, distinct);
            uint64_t sum = 0;
            for (size_t i = 0; i < nv; i++) {
                ck_assert_uint_eq(v[i].articles, oracle_count(w, kind, v[i].value, &want_missing));
                ck_assert_uint_gt(v[i].articles, 0);
                if (i)
                    ck_assert_uint_le(v[i].articles, v[i - 1].articles);
                sum += v[i].articles;
            }
            oracle_count(w, kind, "", &want_missing);
            ck_assert_uint_eq(missing, want_missing);
            /* every match is under a value or missing; multi-valued
             * kinds may count one article under several */
            ck_assert_uint_ge(sum + missing, total);
            if (kind == BYL_FACET_SOURCE || kind == BYL_FACET_YEAR)
                ck_assert_uint_eq(sum + missing, total);
            /* top 2 is a prefix of the full list */
            byl_facet_value *v2;
            size_t n2;
            ck_assert_int_eq(byl_facets_top(f, kind, 2, &v2, &n2, &distinct, &missing), BYL_OK);
            ck_assert_uint_eq(n2, nv < 2 ? nv : 2);
            for (size_t i = 0; i < n2; i++)
                ck_assert_str_eq(v2[i].value, v[i].value);
            byl_free(v2);
            byl_free(v);
        }
        byl_facets_free(f);
        byl_qnode_free(n);
    }
    env_close(&e);
    unbuild();
}
END_TEST

/* Years of the extreme dates an article may carry: the earliest second
 * is a year far before 0, not after (a day count of date - 86399
 * overflowed: "+292277026596", round 27), and the years of the full list
 * are in the order of numbers ("9999" before "10000"). */
START_TEST(facet_years_of_extreme_dates)
{
    make_docs(0xdade);
    static const int64_t dates[] = {INT64_MIN + 1, -62135596800LL /* 0001 */,
                                    253402214400LL /* 9999-12-31 */,
                                    253402300800LL /* 10000-01-01 */, INT64_MAX - 1, 0};
    for (int i = 0; i < NDOCS; i++)
        docs[i].date = dates[i % 6];
    build();
    env e;
    env_open(&e);
    for (int w = 0; w < NWORDS; w++) {
        byl_qnode *n = parse(words[w]);
        byl_facets *f;
        ck_assert_int_eq(byl_facets_new(e.s, 1u << BYL_FACET_YEAR, &f), BYL_OK);
        byl_search_opts o;
        byl_search_opts_init(&o);
        o.on_match = byl_facets_match;
        o.on_match_ctx = f;
        const byl_hit *h;
        size_t nh;
        uint64_t total;
        ck_assert_int_eq(byl_search(e.s, n, &o, &h, &nh, &total), BYL_OK);
        ck_assert_int_eq(byl_facets_finish(f), BYL_OK);
        byl_facet_value *v;
        size_t nv;
        uint64_t distinct, missing;
        ck_assert_int_eq(byl_facets_top(f, BYL_FACET_YEAR, 0, &v, &nv, &distinct, &missing),
                         BYL_OK);
        for (size_t i = 0; i < nv; i++) {
            long long y = strtoll(v[i].value, NULL, 10);
            ck_assert_msg(y == 1 || y == 9999 || y == 10000 || y == 1970 || y < -292000000000LL ||
                              y > 292000000000LL,
                          "year %s", v[i].value);
            if (i)
                ck_assert_int_lt(strtoll(v[i - 1].value, NULL, 10), y);
        }
        if (nv == 6) { /* every date among the matches: the earliest first */
            ck_assert_int_eq(v[0].value[0], '-');
            ck_assert_int_ne(v[5].value[0], '-');
        }
        byl_free(v);
        byl_facets_free(f);
        byl_qnode_free(n);
    }
    env_close(&e);
    unbuild();
}
END_TEST

START_TEST(tag_search_matches_normal_forms)
{
    make_docs(0x7a9 + (uint64_t)_i);
    build();
    env e;
    env_open(&e);
    static const char *const queries[][2] = {
        {"tag:crude", "crude"},          {"tag:CRUDE", "crude"},
        {"tag:\"oil prices\"", "oil prices"}, {"tag:\"Oil   PRICES\"", "oil prices"},
        {"tag:energie", "energie"},      {"tag:ÉNERGIE", "energie"},
        {"tag:oil", "oil"},              {"tag:prices", "-"}};
    for (size_t q = 0; q < sizeof queries / sizeof *queries; q++) {
        uint64_t want = 0;
        for (int i = 0; i < NDOCS; i++) {
            int hit = 0;
            for (int t = 0; t < NTAGS; t++)
                hit |= (docs[i].tagset >> t & 1) && strcmp(tags[t].norm, queries[q][1]) == 0;
            want += hit;
        }
        byl_qnode *n = parse(queries[q][0]);
        byl_search_opts o;
        byl_search_opts_init(&o);
        o.k = 5;
        const byl_hit *h;
        size_t nh;
        uint64_t total;
        ck_assert_int_eq(byl_search(e.s, n, &o, &h, &nh, &total), BYL_OK);
        ck_assert_msg(total == want, "%s: %llu, want %llu", queries[q][0],
                      (unsigned long long)total, (unsigned long long)want);
        byl_qnode_free(n);
    }
    /* the stored tags come back as written */
    byl_segment *seg = byl_index_segment(e.ix, 0);
    for (uint32_t d = 0; d < NDOCS; d += 37) {
        byl_stored st;
        ck_assert_int_eq(byl_segment_stored(seg, d, &st), BYL_OK);
        ck_assert_uint_eq(st.tags_len, strlen(docs[d].tags));
        ck_assert(st.tags_len == 0 || memcmp(st.tags, docs[d].tags, st.tags_len) == 0);
    }
    env_close(&e);
    unbuild();
}
END_TEST

/* Tags longer than a key holds stay distinct: two tags that differ past
 * byte 254 (long tag x...x and x...y) were one key, cut, so that tag: of
 * either found both, and a tag no article had (600 x's) found them too
 * (round 29).  A long tag's key is hashed as a long id's (index/idkey.h),
 * by the indexer and the planner alike; a short tag's key is what it was
 * (the field byte and byl_tag_norm's form), so that an index written
 * before answers as before for every tag under the limit. */
START_TEST(long_tags_are_distinct)
{
    /* short tags: the key as before; long ones: hashed, BYL_MAX_KEY long */
    uint64_t seed = 0x29;
    static const char *const pieces[] = {"x", "Y", "é", "日", " ", "ß", "ﬁ", "\t", "oil"};
    for (int iter = 0; iter < 3000; iter++) {
        char in[1200];
        size_t n = 0, m = rnd(&seed) % 400;
        for (size_t k = 0; k < m; k++) {
            const char *p = pieces[rnd(&seed) % 9];
            if (n + strlen(p) < sizeof in)
                memcpy(in + n, p, strlen(p)), n += strlen(p);
        }
        uint8_t key[BYL_MAX_KEY], key2[BYL_MAX_KEY];
        char old[BYL_MAX_KEY], all[4096];
        size_t kl = byl_tagkey(in, n, key);
        size_t ol = byl_tag_norm(in, n, old, sizeof old - 1); /* as keys were cut */
        size_t al = byl_tag_norm(in, n, all, sizeof all);
        if (al + 1 <= BYL_MAX_KEY - 1) {
            ck_assert_uint_eq(kl, al ? al + 1 : 0);
            ck_assert_uint_eq(ol, al);
            ck_assert(!al || (key[0] == BYL_F_TAG && memcmp(key + 1, old, ol) == 0));
        } else {
            ck_assert_uint_eq(kl, BYL_MAX_KEY);
            ck_assert_uint_eq(key[0], BYL_F_TAG);
            /* the same tag written otherwise has the same key */
            char loud[2400];
            size_t ln = 0;
            for (size_t i = 0; i < n && ln + 2 < sizeof loud; i++) {
                loud[ln++] = in[i] >= 'a' && in[i] <= 'z' ? (char)(in[i] - 32) : in[i];
                if (in[i] == ' ')
                    loud[ln++] = ' ';
            }
            ck_assert_uint_eq(byl_tagkey(loud, ln, key2), kl);
            ck_assert(memcmp(key, key2, kl) == 0);
        }
    }
    strcpy(dir, "/tmp/byl_views_XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(dir));
    enum { LONG = 300 };
    char t[4][LONG + 16];
    for (int i = 0; i < 4; i++) {
        memcpy(t[i], "long tag ", 9);
        memset(t[i] + 9, 'x', LONG);
        t[i][9 + LONG] = '\0';
    }
    t[1][9 + LONG - 1] = 'y';         /* differs in its last byte */
    t[2][9 + 250] = 'z';              /* differs inside what was kept */
    t[3][9 + LONG - 60] = '\0';       /* 249 bytes: under the limit */
    byl_index_opts o = {.mem_budget = 1 << 20, .title_weight = 2, .replace = 1};
    byl_index_writer *w;
    ck_assert_int_eq(byl_index_writer_open(dir, &o, &w), BYL_OK);
    for (int i = 0; i < 5; i++) {
        char id[16], tl[2048];
        snprintf(id, sizeof id, "t%d", i);
        /* the fifth: the first tag again, in capitals, beside a short one */
        if (i == 4) {
            snprintf(tl, sizeof tl, "crude\nLONG TAG %s", t[0] + 9);
            for (char *p = tl; *p; p++)
                *p = *p == 'x' ? 'X' : *p;
        } else {
            snprintf(tl, sizeof tl, "%s", t[i]);
        }
        byl_article a = {.id = id, .id_len = strlen(id), .title = "Tagged", .title_len = 6,
                         .body = "words", .body_len = 5, .author = "", .source = "", .url = "",
                         .tags = tl, .tags_len = strlen(tl), .date = BYL_NO_DATE,
                         .file = "test"};
        ck_assert_int_eq(byl_index_writer_add(w, &a), BYL_OK);
    }
    ck_assert_int_eq(byl_index_writer_commit(w), BYL_OK);
    byl_index_writer_free(w);
    env e;
    env_open(&e);
    char none[700];
    memset(none, 'x', 600);
    none[600] = '\0';
    struct {
        const char *tag;
        uint64_t want;
    } qs[] = {{t[0], 2}, {t[1], 1}, {t[2], 1}, {t[3], 1}, {none, 0}, {"crude", 1}};
    for (size_t q = 0; q < sizeof qs / sizeof *qs; q++) {
        char text[1024];
        snprintf(text, sizeof text, "tag:\"%s\"", qs[q].tag);
        byl_qnode *n = parse(text);
        byl_search_opts so;
        byl_search_opts_init(&so);
        const byl_hit *h;
        size_t nh;
        uint64_t total;
        ck_assert_int_eq(byl_search(e.s, n, &so, &h, &nh, &total), BYL_OK);
        ck_assert_msg(total == qs[q].want, "tag %zu: %llu, want %llu", q,
                      (unsigned long long)total, (unsigned long long)qs[q].want);
        byl_qnode_free(n);
    }
    env_close(&e);
    unbuild();
}
END_TEST

/* Valid UTF-8 with no NUL: every character decodes to itself. */
static int valid_utf8(const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        int32_t cp;
        size_t k = byl_utf8_decode((const uint8_t *)s + i, n - i, &cp);
        if ((cp == BYL_UTF8_REPLACEMENT && k == 1) || cp == 0)
            return 0;
        i += k;
    }
    return 1;
}

START_TEST(tag_norm_random_bytes)
{
    uint64_t seed = 0x7a6;
    static const char *const pieces[] = {" ", "\t", "\n", "A", "é", "É", "\xff", "\xc3",
                                         "ß",  "ﬁ", "  ", "\x1b", "x", "\xe2\x80\x83", "日"};
    for (int iter = 0; iter < 20000; iter++) {
        char in[96];
        size_t n = 0;
        if (iter % 2) {
            n = rnd(&seed) % sizeof in;
            for (size_t i = 0; i < n; i++)
                in[i] = (char)rnd(&seed);
        } else {
            for (int k = 0, m = (int)(rnd(&seed) % 12); k < m; k++) {
                const char *p = pieces[rnd(&seed) % 15];
                if (n + strlen(p) < sizeof in) {
                    memcpy(in + n, p, strlen(p));
                    n += strlen(p);
                }
            }
        }
        size_t cap = 1 + rnd(&seed) % 64;
        char out[80], again[80];
        size_t k = byl_tag_norm(in, n, out, cap);
        ck_assert_uint_lt(k, cap > 1 ? cap : 2);
        ck_assert_uint_eq(strlen(out), k);
        ck_assert(valid_utf8(out, k) || memmem(out, k, "\xEF\xBF\xBD", 3));
        if (k) {
            ck_assert(out[0] != ' ' && out[k - 1] != ' ');
            ck_assert_ptr_null(strstr(out, "  "));
            /* idempotent */
            size_t k2 = byl_tag_norm(out, k, again, sizeof again);
            ck_assert_uint_eq(k2, k);
            ck_assert_str_eq(again, out);
        }
    }
    char out[64];
    ck_assert_uint_eq(byl_tag_norm("  Oil \n PRICES ", 15, out, sizeof out), 10);
    ck_assert_str_eq(out, "oil prices");
    ck_assert_uint_eq(byl_tag_norm("ÉNERGIE", strlen("ÉNERGIE"), out, sizeof out), 7);
    ck_assert_str_eq(out, "energie");
    ck_assert_uint_eq(byl_tag_norm(" \t ", 3, out, sizeof out), 0);
}
END_TEST

/* A minimal RFC 4180 reader: the next record's fields into f (each
 * malloc'd), their number into *n; 0 at the end of the input. */
static int csv_record(FILE *in, char **f, int max, int *n)
{
    *n = 0;
    int c = fgetc(in);
    if (c == EOF)
        return 0;
    for (;;) {
        size_t cap = 64, len = 0;
        char *v = malloc(cap);
        if (c == '"') {
            for (;;) {
                c = fgetc(in);
                if (c == EOF)
                    break;
                if (c == '"') {
                    c = fgetc(in);
                    if (c != '"')
                        break;
                }
                if (len + 2 > cap)
                    v = realloc(v, cap *= 2);
                v[len++] = (char)c;
            }
        } else {
            while (c != ',' && c != '\r' && c != '\n' && c != EOF) {
                if (len + 2 > cap)
                    v = realloc(v, cap *= 2);
                v[len++] = (char)c;
                c = fgetc(in);
            }
        }
        v[len] = '\0';
        ck_assert_int_lt(*n, max);
        f[(*n)++] = v;
        if (c == ',') {
            c = fgetc(in);
            continue;
        }
        if (c == '\r')
            ck_assert_int_eq(fgetc(in), '\n'); /* records end with CRLF */
        return 1;
    }
}

START_TEST(export_reads_back)
{
    uint64_t seed = 0xe4 + (uint64_t)_i;
    static const char *const pieces[] = {"a", ",", "\"", "\n", "\r\n", "é", " ", "\"\"", ";",
                                         "x y", "\t", "{}", "\\"};
    for (int fmt = 0; fmt < 2; fmt++) {
        FILE *tmp = tmpfile();
        ck_assert_ptr_nonnull(tmp);
        char strs[50][6][128];
        int64_t dates[50];
        ck_assert_int_eq(byl_export_begin(tmp, fmt), BYL_OK);
        for (int r = 0; r < 50; r++) {
            for (int k = 0; k < 6; k++) {
                size_t n = 0;
                strs[r][k][0] = '\0';
                for (int m = (int)(rnd(&seed) % 10); m > 0; m--) {
                    const char *p = pieces[rnd(&seed) % 13];
                    if (n + strlen(p) < 127) {
                        strcat(strs[r][k], p);
                        n += strlen(p);
                    }
                }
            }
            dates[r] = r % 5 ? (int64_t)(rnd(&seed) % 2000000000u) : BYL_NO_DATE;
            byl_stored st = {.id = strs[r][0], .id_len = strlen(strs[r][0]),
                             .title = strs[r][1], .title_len = strlen(strs[r][1]),
                             .author = strs[r][2], .author_len = strlen(strs[r][2]),
                             .source = strs[r][3], .source_len = strlen(strs[r][3]),
                             .url = "", .body = strs[r][4], .body_len = strlen(strs[r][4]),
                             .tags = "t1\nt,2", .tags_len = 6, .date = dates[r]};
            ck_assert_int_eq(byl_export_write(tmp, fmt, &st, (size_t)r + 1, r * 0.5), BYL_OK);
        }
        rewind(tmp);
        if (fmt == BYL_EXPORT_CSV) {
            char *f[16];
            int n;
            ck_assert(csv_record(tmp, f, 16, &n));
            ck_assert_int_eq(n, 10);
            ck_assert_str_eq(f[0], "rank");
            ck_assert_str_eq(f[9], "text");
            for (int i = 0; i < n; i++)
                free(f[i]);
            for (int r = 0; r < 50; r++) {
                ck_assert(csv_record(tmp, f, 16, &n));
                ck_assert_int_eq(n, 10);
                ck_assert_int_eq(atoi(f[0]), r + 1);
                ck_assert_str_eq(f[2], strs[r][0]);
                ck_assert_int_eq(*f[3] == '\0', dates[r] == BYL_NO_DATE);
                ck_assert_str_eq(f[4], strs[r][1]);
                ck_assert_str_eq(f[5], strs[r][2]);
                ck_assert_str_eq(f[6], strs[r][3]);
                ck_assert_str_eq(f[8], "t1; t,2");
                ck_assert_str_eq(f[9], strs[r][4]);
                for (int i = 0; i < n; i++)
                    free(f[i]);
            }
            ck_assert(!csv_record(tmp, f, 16, &n));
        } else {
            char line[4096];
            for (int r = 0; r < 50; r++) {
                ck_assert_ptr_nonnull(fgets(line, sizeof line, tmp));
                json_error_t err;
                json_t *o = json_loads(line, 0, &err);
                ck_assert_msg(o != NULL, "line %d: %s", r, err.text);
                ck_assert_int_eq(json_integer_value(json_object_get(o, "rank")), r + 1);
                ck_assert_str_eq(json_string_value(json_object_get(o, "id")), strs[r][0]);
                ck_assert_str_eq(json_string_value(json_object_get(o, "title")), strs[r][1]);
                ck_assert_str_eq(json_string_value(json_object_get(o, "text")), strs[r][4]);
                ck_assert_int_eq(json_is_null(json_object_get(o, "date")), dates[r] == BYL_NO_DATE);
                json_t *t = json_object_get(o, "tags");
                ck_assert_uint_eq(json_array_size(t), 2);
                ck_assert_str_eq(json_string_value(json_array_get(t, 1)), "t,2");
                json_decref(o);
            }
            ck_assert_ptr_null(fgets(line, sizeof line, tmp));
        }
        fclose(tmp);
    }
    /* bytes that are not UTF-8 and NUL: U+FFFD, the record kept */
    FILE *tmp = tmpfile();
    byl_stored st = {.id = "x", .id_len = 1, .title = "a\xff" "b", .title_len = 3,
                     .body = "n\0l", .body_len = 3, .date = BYL_NO_DATE};
    ck_assert_int_eq(byl_export_write(tmp, BYL_EXPORT_JSONL, &st, 1, 1.0), BYL_OK);
    ck_assert_int_eq(byl_export_write(tmp, BYL_EXPORT_CSV, &st, 2, 1.0), BYL_OK);
    rewind(tmp);
    char line[512];
    ck_assert_ptr_nonnull(fgets(line, sizeof line, tmp));
    json_t *o = json_loads(line, JSON_ALLOW_NUL, NULL);
    ck_assert_ptr_nonnull(o);
    ck_assert_str_eq(json_string_value(json_object_get(o, "title")), "a\xEF\xBF\xBD" "b");
    json_decref(o);
    ck_assert_ptr_nonnull(fgets(line, sizeof line, tmp));
    ck_assert_ptr_nonnull(strstr(line, "\"n\xEF\xBF\xBDl\""));
    fclose(tmp);
}
END_TEST

START_TEST(plot_png_and_svg)
{
    make_docs(0x9107);
    build();
    env e;
    env_open(&e);
    byl_qnode *n = parse("oil");
    byl_timeline *t;
    ck_assert_int_eq(byl_timeline_new(e.s, BYL_IV_YEAR, &t), BYL_OK);
    byl_search_opts o;
    byl_search_opts_init(&o);
    o.on_match = byl_timeline_match;
    o.on_match_ctx = t;
    const byl_hit *h;
    size_t nh;
    uint64_t total;
    ck_assert_int_eq(byl_search(e.s, n, &o, &h, &nh, &total), BYL_OK);
    ck_assert_int_eq(byl_timeline_finish(t, NULL), BYL_OK);
    char png[96], svg[96], bad[96];
    snprintf(png, sizeof png, "%s/t.png", dir);
    snprintf(svg, sizeof svg, "%s/t.svg", dir);
    snprintf(bad, sizeof bad, "%s/t.gif", dir);
    ck_assert_int_eq(byl_plot_timeline(t, "oil & <gas>", png, 640, 300), BYL_OK);
    ck_assert_int_eq(byl_plot_timeline(t, "oil & <gas>", svg, 0, 0), BYL_OK);
    ck_assert_int_eq(byl_plot_timeline(t, "oil", bad, 0, 0), BYL_EINVAL);
    ck_assert_int_eq(byl_plot_timeline(t, "oil", "/nonexistent/dir/t.png", 0, 0), BYL_EIO);
    ck_assert_int_eq(byl_plot_timeline(t, "oil", png, 5, 5), BYL_EINVAL);
    /* the PNG: its size, white background, and bars drawn in the bar colour */
    cairo_surface_t *s = cairo_image_surface_create_from_png(png);
    ck_assert_int_eq(cairo_surface_status(s), CAIRO_STATUS_SUCCESS);
    ck_assert_int_eq(cairo_image_surface_get_width(s), 640);
    ck_assert_int_eq(cairo_image_surface_get_height(s), 300);
    cairo_surface_flush(s);
    const unsigned char *px = cairo_image_surface_get_data(s);
    int stride = cairo_image_surface_get_stride(s);
    long white = 0, bar = 0, dark = 0;
    for (int y = 0; y < 300; y++)
        for (int x = 0; x < 640; x++) {
            uint32_t v;
            memcpy(&v, px + (size_t)y * stride + 4 * x, 4);
            v &= 0xffffff;
            white += v == 0xffffff;
            int r = (int)(v >> 16), g = (int)(v >> 8 & 0xff), b = (int)(v & 0xff);
            bar += abs(r - 140) <= 2 && abs(g - 179) <= 2 && abs(b - 224) <= 2; /* 0.55 0.70 0.88 */
            dark += v == 0;
        }
    cairo_surface_destroy(s);
    ck_assert_int_gt(white, 640 * 300 / 2);
    ck_assert_int_gt(bar, 100);
    ck_assert_int_gt(dark, 100); /* axes and text */
    /* the SVG: the title, escaped, and the axes and periods as text */
    FILE *f = fopen(svg, "r");
    ck_assert_ptr_nonnull(f);
    static char buf[1 << 20];
    size_t len = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[len] = '\0';
    ck_assert_ptr_nonnull(strstr(buf, "<title>oil &amp; &lt;gas&gt;</title>"));
    ck_assert_ptr_nonnull(strstr(buf, "y axis: articles; x axis: year (UTC)"));
    size_t np;
    const byl_period *p = byl_timeline_periods(t, &np);
    ck_assert_uint_gt(np, 10);
    ck_assert_ptr_nonnull(strstr(buf, p[0].label));
    ck_assert_ptr_nonnull(strstr(buf, p[np - 1].label));
    ck_assert_ptr_nonnull(strstr(buf, "</svg>"));
    byl_timeline_free(t);
    byl_qnode_free(n);
    env_close(&e);
    unbuild();
    cairo_debug_reset_static_data();
}
END_TEST

START_TEST(too_many_periods_refused)
{
    make_docs(0x11);
    docs[0].date = -62135596800LL; /* 0001-01-01 */
    docs[1].date = 253402300799LL; /* 9999-12-31 */
    strcpy(docs[0].title, "oil");
    strcpy(docs[1].title, "oil");
    docs[0].has[0] = docs[1].has[0] = 1;
    build();
    env e;
    env_open(&e);
    byl_qnode *n = parse("oil");
    for (int iv = BYL_IV_DAY; iv <= BYL_IV_YEAR; iv++) {
        byl_timeline *t;
        ck_assert_int_eq(byl_timeline_new(e.s, iv, &t), BYL_OK);
        byl_search_opts o;
        byl_search_opts_init(&o);
        o.on_match = byl_timeline_match;
        o.on_match_ctx = t;
        const byl_hit *h;
        size_t nh;
        uint64_t total;
        ck_assert_int_eq(byl_search(e.s, n, &o, &h, &nh, &total), BYL_OK);
        int rc = byl_timeline_finish(t, NULL);
        if (iv == BYL_IV_DAY || iv == BYL_IV_WEEK) {
            ck_assert_int_eq(rc, BYL_ELIMIT);
            ck_assert_ptr_nonnull(strstr(byl_error_msg(), "longer interval"));
        } else {
            ck_assert_int_eq(rc, BYL_OK);
            size_t np;
            const byl_period *p = byl_timeline_periods(t, &np);
            ck_assert_str_eq(p[0].label, iv == BYL_IV_YEAR ? "0001" : "0001-01");
            ck_assert_str_eq(p[np - 1].label, iv == BYL_IV_YEAR ? "9999" : "9999-12");
        }
        byl_timeline_free(t);
    }
    byl_qnode_free(n);
    env_close(&e);
    unbuild();
}
END_TEST

/* A query that matches nothing: no period, no value, no error. */
START_TEST(empty_match_set)
{
    make_docs(0xe);
    build();
    env e;
    env_open(&e);
    byl_qnode *n = parse("nosuchword");
    byl_timeline *t;
    byl_facets *f;
    ck_assert_int_eq(byl_timeline_new(e.s, BYL_IV_WEEK, &t), BYL_OK);
    ck_assert_int_eq(byl_facets_new(e.s, 0xf, &f), BYL_OK);
    for (int pass = 0; pass < 2; pass++) {
        byl_search_opts o;
        byl_search_opts_init(&o);
        o.on_match = pass ? byl_facets_match : byl_timeline_match;
        o.on_match_ctx = pass ? (void *)f : (void *)t;
        const byl_group *g;
        size_t ng;
        uint64_t nc, nm;
        ck_assert_int_eq(byl_collapse_search(e.cl, e.s, n, &o, BYL_COLLAPSE_BEST, 0, &g, &ng, &nc,
                                             &nm),
                         BYL_OK);
        ck_assert_uint_eq(nm, 0);
    }
    ck_assert_int_eq(byl_timeline_finish(t, e.cl), BYL_OK);
    size_t np;
    byl_timeline_periods(t, &np);
    ck_assert_uint_eq(np, 0);
    ck_assert_uint_eq(byl_timeline_total(t) + byl_timeline_undated(t) + byl_timeline_stories(t), 0);
    ck_assert_int_eq(byl_facets_finish(f), BYL_OK);
    for (int kind = 0; kind < BYL_FACET_COUNT_; kind++) {
        byl_facet_value *v;
        size_t nv;
        uint64_t d, m;
        ck_assert_int_eq(byl_facets_top(f, kind, 10, &v, &nv, &d, &m), BYL_OK);
        ck_assert_uint_eq(nv + d + m, 0);
        byl_free(v);
    }
    /* a chart of nothing is still a chart */
    char png[96];
    snprintf(png, sizeof png, "%s/empty.png", dir);
    ck_assert_int_eq(byl_plot_timeline(t, "nosuchword", png, 0, 0), BYL_OK);
    byl_timeline_free(t);
    byl_facets_free(f);
    byl_qnode_free(n);
    env_close(&e);
    unbuild();
}
END_TEST

/* Every allocation of a timeline and of facets made to fail in turn:
 * ENOMEM comes back, nothing crashes, nothing leaks (valgrind, ASan). */
/* A word after --timeline that reads as an interval and is none
 * ("--timeline weekly oil") is refused by the programs, not searched for:
 * every plural, adverb and other span, in any case; the intervals
 * themselves and other words are not lookalikes. */
START_TEST(interval_lookalikes)
{
    static const char *const like[] = {"weekly", "Weekly", "WEEKLY", "days", "daily", "Day",
                                       "weeks", "Week", "months", "monthly", "MONTH", "years",
                                       "yearly", "annual", "Year", "quarter", "quarters",
                                       "quarterly", "decade", "decades", "Decades"};
    for (size_t i = 0; i < sizeof like / sizeof *like; i++) {
        ck_assert_msg(byl_interval_parse(like[i]) < 0, "%s", like[i]);
        ck_assert_msg(byl_interval_lookalike(like[i]), "%s is no lookalike", like[i]);
    }
    static const char *const not_like[] = {"day", "week", "month", "year", "oil", "weekday",
                                           "dayton", "", "annals", "-", "--"};
    for (size_t i = 0; i < sizeof not_like / sizeof *not_like; i++)
        ck_assert_msg(!byl_interval_lookalike(not_like[i]), "%s is a lookalike", not_like[i]);
    ck_assert(!byl_interval_lookalike(NULL));
}
END_TEST

START_TEST(allocation_failures)
{
    make_docs(0xa11);
    build();
    env e;
    env_open(&e);
    byl_qnode *n = parse("oil OR gold");
    int ok = 0;
    for (long k = 0; k < 400 && !ok; k++) {
        byl_timeline *t = NULL;
        byl_facets *f = NULL;
        byl_mem_fail_after(k);
        int rc = byl_timeline_new(e.s, BYL_IV_MONTH, &t);
        if (!rc)
            rc = byl_facets_new(e.s, 0xf, &f);
        if (!rc) {
            byl_search_opts o;
            byl_search_opts_init(&o);
            o.on_match = byl_timeline_match;
            o.on_match_ctx = t;
            const byl_hit *h;
            size_t nh;
            uint64_t total;
            rc = byl_search(e.s, n, &o, &h, &nh, &total);
            if (!rc)
                rc = byl_timeline_finish(t, NULL);
            o.on_match = byl_facets_match;
            o.on_match_ctx = f;
            if (!rc)
                rc = byl_search(e.s, n, &o, &h, &nh, &total);
            if (!rc)
                rc = byl_facets_finish(f);
            byl_facet_value *v = NULL;
            size_t nv;
            uint64_t d, m;
            if (!rc)
                rc = byl_facets_top(f, BYL_FACET_TAG, 5, &v, &nv, &d, &m);
            byl_free(v);
        }
        byl_mem_fail_after(-1);
        ck_assert_msg(rc == BYL_OK || rc == BYL_ENOMEM, "rc %d after %ld allocations", rc, k);
        ok = rc == BYL_OK;
        byl_timeline_free(t);
        byl_facets_free(f);
    }
    ck_assert_msg(ok, "never succeeded within 400 allocations");
    byl_qnode_free(n);
    env_close(&e);
    unbuild();
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("views");
    TCase *tc = tcase_create("views");
    tcase_set_timeout(tc, 120);
    tcase_add_loop_test(tc, timeline_matches_libc, 0, 2);
    tcase_add_loop_test(tc, facets_match_oracle, 0, 2);
    tcase_add_test(tc, facet_years_of_extreme_dates);
    tcase_add_loop_test(tc, tag_search_matches_normal_forms, 0, 2);
    tcase_add_test(tc, tag_norm_random_bytes);
    tcase_add_test(tc, long_tags_are_distinct);
    tcase_add_loop_test(tc, export_reads_back, 0, 3);
    tcase_add_test(tc, plot_png_and_svg);
    tcase_add_test(tc, too_many_periods_refused);
    tcase_add_test(tc, empty_match_set);
    tcase_add_test(tc, allocation_failures);
    tcase_add_test(tc, interval_lookalikes);
    suite_add_tcase(s, tc);
    return s;
}

int main(void) { return byl_test_run(suite()); }
