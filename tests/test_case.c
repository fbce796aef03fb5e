/*
 * test_case.c - queries as people type them (issue 13): the case a query is
 * written in does not change what it finds, and prose punctuation is never
 * an error.
 *
 * The case property: every query of our logs and topic sets, written in
 * lower case, in Title Case and in capitals, matches the same articles
 * (compared through the exhaustive path, every match), and the top 10 of
 * the Title Case and capital forms share at least 9 in 10 with the lower-case
 * form's on average.  The index holds the fixture corpus and, when ../shared
 * is there (BYL_SHARED overrides), a deterministic sample of Reuters-21578
 * (headlines in capitals) and of TIME's 1963 archive (all in capitals); the
 * queries are those of tests/data and, then, the AOL logs, CISI's questions
 * and our judged topics.  With BYL_TEST_QUICK set, or under valgrind, the
 * samples are thinner.
 *
 * Prose: pasted questions and headlines with dashes, colons, question
 * marks, quotes and the like parse and match what their words alone match;
 * a query broken as a query is still refused with its column.  And as a
 * property: long queries with every word wrapped in Unicode punctuation
 * drawn from every kind (opening, closing, initial and final quotes, dashes,
 * other) count and rank exactly as their words alone.
 */
#include <check.h>

#include "check_main.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <utf8proc.h>

#include "doc/reader.h"
#include "index/index.h"
#include "query/parser.h"
#include "query/search.h"
#include "text/analyzer.h"
#include "util/err.h"

static char tmpdir[64];

static void setup(void)
{
    strcpy(tmpdir, "/tmp/byl_test_caseXXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(tmpdir));
}

static void teardown(void)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", tmpdir);
    ck_assert_int_eq(system(cmd), 0);
}

/* Thinner samples under valgrind (which preloads its core) or when asked. */
static int quick(void)
{
    const char *pre = getenv("LD_PRELOAD");
    return getenv("BYL_TEST_QUICK") != NULL || (pre && strstr(pre, "vgpreload"));
}

static const char *data_dir(void)
{
    const char *d = getenv("BYL_TEST_DATA");
    return d ? d : "tests/data";
}

/* ../shared relative to the repository root (where the tests run), or
 * BYL_SHARED; NULL when it is not there. */
static const char *shared_dir(void)
{
    const char *d = getenv("BYL_SHARED");
    if (!d)
        d = "../shared";
    char probe[512];
    snprintf(probe, sizeof probe, "%s/corpora/reuters21578.jsonl.gz", d);
    return access(probe, R_OK) == 0 ? d : NULL;
}

/* ---- the index ---- */

typedef struct adder {
    byl_index_writer *w;
    unsigned every;  /* keep one article in this many */
    unsigned seen;
} adder;

static int add_file(const char *file, void *ctx)
{
    adder *ad = ctx;
    byl_reader *r;
    ck_assert_int_eq(byl_reader_open(file, BYL_FMT_AUTO, NULL, NULL, &r), BYL_OK);
    byl_article a;
    while (byl_reader_next(r, &a) == 1) {
        if (ad->seen++ % ad->every || (a.title_len == 0 && a.body_len == 0))
            continue;
        ck_assert_int_eq(byl_index_writer_add(ad->w, &a), BYL_OK);
    }
    byl_reader_close(r);
    return 0;
}

/* Builds an index in tmpdir/name of the fixture corpus and, when shared is
 * not NULL, samples of Reuters and TIME; opens a searcher on it. */
static byl_searcher *open_index(const char *name, const char *shared, byl_index **ix)
{
    char dir[128], path[512];
    snprintf(dir, sizeof dir, "%s/%s", tmpdir, name);
    byl_index_opts o = {.mem_budget = 64 << 20, .title_weight = 2, .replace = 1};
    byl_index_writer *w;
    ck_assert_int_eq(byl_index_writer_open(dir, &o, &w), BYL_OK);
    adder ad = {.w = w, .every = 1};
    snprintf(path, sizeof path, "%s/corpus", data_dir());
    ck_assert_int_eq(byl_walk(path, add_file, &ad), 0);
    if (shared) {
        ad.every = quick() ? 60 : 6;
        ad.seen = 0;
        snprintf(path, sizeof path, "%s/corpora/reuters21578.jsonl.gz", shared);
        ck_assert_int_eq(byl_walk(path, add_file, &ad), 0);
        snprintf(path, sizeof path, "%s/corpora/time.jsonl.gz", shared);
        ad.every = quick() ? 10 : 2;
        ad.seen = 0;
        if (access(path, R_OK) == 0)
            ck_assert_int_eq(byl_walk(path, add_file, &ad), 0);
    }
    ck_assert_int_eq(byl_index_writer_commit(w), BYL_OK);
    byl_index_writer_free(w);
    ck_assert_int_eq(byl_index_open(dir, ix), BYL_OK);
    byl_searcher *s;
    ck_assert_int_eq(byl_searcher_new(ix, 1, &s), BYL_OK);
    return s;
}

/* ---- running a query ---- */

typedef struct matches {
    uint64_t *v;        /* (segment << 32 | document) of every match, in index order */
    size_t n, cap;
    uint64_t top[10];   /* global numbers of the top 10 */
    size_t ntop;
} matches;

static void on_match(void *ctx, uint32_t ix, uint32_t seg, uint32_t doc)
{
    (void)ix;
    matches *m = ctx;
    if (m->n == m->cap) {
        m->cap = m->cap ? 2 * m->cap : 256;
        m->v = realloc(m->v, m->cap * sizeof *m->v);
        ck_assert_ptr_nonnull(m->v);
    }
    m->v[m->n++] = (uint64_t)seg << 32 | doc;
}

/* Runs q on s, every match and the top 10, into m; returns BYL_OK or the
 * parser's error. */
static int run(byl_searcher *s, const char *q, int all, matches *m)
{
    m->n = 0;
    m->ntop = 0;
    byl_qnode *node;
    int rc = byl_query_parse(q, strlen(q), &node);
    if (rc)
        return rc;
    byl_search_opts o;
    byl_search_opts_init(&o);
    o.all_required = all;
    o.on_match = on_match;
    o.on_match_ctx = m;
    const byl_hit *hits;
    size_t nh;
    uint64_t total;
    rc = byl_search(s, node, &o, &hits, &nh, &total);
    byl_qnode_free(node);
    ck_assert_msg(rc == BYL_OK, "%s: %s", q, byl_error_msg());
    ck_assert_uint_eq(total, m->n);
    for (size_t i = 0; i < nh; i++)
        m->top[m->ntop++] = hits[i].gdoc;
    return BYL_OK;
}

static int same_set(const matches *a, const matches *b)
{
    return a->n == b->n && (a->n == 0 || memcmp(a->v, b->v, a->n * sizeof *a->v) == 0);
}

/* Share of the larger top 10 that the other holds too (1 when both are
 * empty). */
static double overlap(const matches *a, const matches *b)
{
    size_t common = 0, most = a->ntop > b->ntop ? a->ntop : b->ntop;
    for (size_t i = 0; i < a->ntop; i++)
        for (size_t j = 0; j < b->ntop; j++)
            common += a->top[i] == b->top[j];
    return most ? (double)common / (double)most : 1.0;
}

/* ---- the three forms of a query ---- */

/* Lower case (how = 0), Title Case (1: the first letter of each word in
 * capitals, the rest in lower case) or capitals (2), through the same
 * Unicode case mapping as the analyzer's. */
static void case_form(const char *q, int how, char *out, size_t cap)
{
    size_t n = strlen(q);
    ck_assert(byl_text_case_map(q, n, how == 2, out, cap) > 0 || n == 0);
    if (how != 1)
        return;
    char tmp[4096];
    size_t at = 0;
    int first = 1;
    for (size_t i = 0; out[i];) {
        size_t k = 1;
        while (((unsigned char)out[i + k] & 0xC0) == 0x80)
            k++;
        if (first && byl_text_cases(out + i, k)) {
            at += byl_text_case_map(out + i, k, 1, tmp + at, sizeof tmp - at);
            first = 0;
        } else {
            memcpy(tmp + at, out + i, k);
            at += k;
        }
        if (out[i] == ' ' || out[i] == '\t')
            first = 1;
        i += k;
    }
    tmp[at] = '\0';
    ck_assert_uint_lt(at, cap);
    memcpy(out, tmp, at + 1);
}

typedef struct tally {
    int queries, differ;
    double overlap;
    int pairs;
} tally;

/* Runs the three forms of q and adds to t; a query that does not parse in
 * lower case is left out (it must not parse in any form then either). */
static void three_forms(byl_searcher *s, const char *q, int all, tally *t)
{
    static matches m[3];
    char f[3][4096];
    int rc[3];
    for (int h = 0; h < 3; h++)
        case_form(q, h, f[h], sizeof f[h]);
    /* the documented exception, tested apart: a query of one function word
     * that is also an acronym (us / US) */
    static const char *const fw[] = {"us", "it", "who", "am", "as", "at", "in", "is", "or",
                                     "an", "on", "no", "me", "we", "he", "be", "do", "so",
                                     "to", "up", "my", "by", "of", "if", "go", "id", "ok", "hi"};
    for (size_t i = 0; i < sizeof fw / sizeof *fw; i++)
        if (strcmp(f[0], fw[i]) == 0)
            return;
    for (int h = 0; h < 3; h++)
        rc[h] = run(s, f[h], all, &m[h]);
    ck_assert_msg(rc[0] == rc[1] && rc[0] == rc[2], "[%s]: parses in some cases only (%d %d %d)",
                  q, rc[0], rc[1], rc[2]);
    if (rc[0])
        return;
    t->queries++;
    for (int h = 1; h < 3; h++) {
        if (!same_set(&m[0], &m[h])) {
            t->differ++;
            fprintf(stderr, "case changes the matches: [%s] %zu, [%s] %zu\n", f[0], m[0].n, f[h],
                    m[h].n);
        }
        t->overlap += overlap(&m[0], &m[h]);
        t->pairs++;
    }
}

/* Every line of file (QUERY, ID<TAB>QUERY, or when first is set
 * QUERY<TAB>...), one in every `every`. */
static void forms_of_file(byl_searcher *s, const char *file, int first, int all, unsigned every,
                          tally *t)
{
    FILE *f = fopen(file, "r");
    if (!f) {
        fprintf(stderr, "test_case: %s not found, its queries not run\n", file);
        return;
    }
    char line[4096];
    unsigned n = 0;
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n")] = '\0';
        char *q = strchr(line, '\t');
        if (first && q)
            *q = '\0';
        q = q && !first ? q + 1 : line;
        if (!*q || line[0] == '#' || n++ % every)
            continue;
        three_forms(s, q, all, t);
    }
    fclose(f);
}

/* Names, acronyms and headlines, beside the logs. */
static const char *const typed[] = {
    "Qiao Siyuan", "Zhang Yiming", "ByteDance", "Qiao Mu drone", "Kennedy Diem",
    "Hisham Nazer Saudi oil", "Paul Volcker", "oil prices", "interest rates", "gold reserves",
    "dollar yen", "opec", "ibm profits", "nasa", "at&t", "u.s. trade", "us trade deficit",
    "who said it", "war and peace in the middle east", "export controls", "saffron harvest",
    "\"trade surplus\"", "\"Federal Reserve\" rate decision", "us-china trade", "covid-19",
    "résumé screening", "ｑｕａｎｔｕｍ", "lithium output in Chile", "bytedan*",
    "title:saffron", "semiconductor -apple", "+wheat egypt", "Meta: the new hires",
    "difficult - even impossible - to draw", "chips (nvidia OR amd)"};

START_TEST(test_case_does_not_change_what_is_found)
{
    const char *shared = shared_dir();
    if (!shared)
        fprintf(stderr, "test_case: ../shared not found (set BYL_SHARED): only the fixture "
                        "corpus and queries are checked\n");
    byl_index *ix;
    byl_searcher *s = open_index("case", shared, &ix);
    unsigned every = quick() ? 9 : 1;
    tally t = {0};
    char path[512];
    for (size_t i = 0; i < sizeof typed / sizeof *typed; i++)
        three_forms(s, typed[i], 0, &t);
    snprintf(path, sizeof path, "%s/judged.topics.tsv", data_dir());
    forms_of_file(s, path, 0, 0, 1, &t);
    snprintf(path, sizeof path, "%s/../e2e/queries.tsv", data_dir());
    forms_of_file(s, path, 1, 0, every, &t);
    if (shared) {
        const char *logs[] = {"queries/aol-union.txt", "queries/aol-and.txt",
                              "queries/aol-phrase.txt", "judgments/cisi.queries.tsv"};
        for (size_t i = 0; i < 4; i++) {
            snprintf(path, sizeof path, "%s/%s", shared, logs[i]);
            forms_of_file(s, path, 0, strstr(logs[i], "-and") != NULL, every, &t);
        }
    }
    double avg = t.pairs ? t.overlap / t.pairs : 1.0;
    fprintf(stderr, "test_case: %d queries in 3 cases: %d differ in matches; top-10 overlap %.4f\n",
            t.queries, t.differ, avg);
    /* every query was read: the fixture's alone are 131, a ninth of the
     * e2e ones under valgrind leaves 63; the shared logs add hundreds */
    ck_assert_int_gt(t.queries, shared && !quick() ? 250 : quick() ? 50 : 100);
    ck_assert_int_eq(t.differ, 0);
    ck_assert_msg(avg >= 0.9, "top-10 overlap %.4f", avg);
    byl_searcher_free(s);
    byl_index_close(ix);
}
END_TEST

/* Where the index can tell, capitals still mean something: US (alone, or
 * amid lower case) is the country and never the pronoun, u.s. is US in any
 * case, AT&T is one term, a name in capitals is that name; the one-word
 * queries us / Us are the pronoun (docs/QUERY.md, "Case"). */
START_TEST(test_capitals_that_mean_something)
{
    byl_index *ix;
    byl_searcher *s = open_index("caps", NULL, &ix);
    matches us = {0}, US = {0}, m = {0};
    ck_assert_int_eq(run(s, "us", 0, &us), BYL_OK);
    ck_assert_int_eq(run(s, "US", 0, &US), BYL_OK);
    ck_assert_uint_eq(us.n, 3); /* the pronoun (tests/data/CORPUS.md) */
    ck_assert_uint_eq(US.n, 5); /* the country */
    ck_assert_int_eq(run(s, "Us", 0, &m), BYL_OK);
    ck_assert(same_set(&m, &us));
    const char *country[] = {"U.S.", "u.s.", "US$8,282"};
    for (size_t i = 0; i < 3; i++) {
        ck_assert_int_eq(run(s, country[i], 0, &m), BYL_OK);
        for (size_t k = 0; k < m.n; k++) {
            int in = 0;
            for (size_t j = 0; j < US.n; j++)
                in |= m.v[k] == US.v[j];
            ck_assert_msg(in, "%s matches an article without the acronym US", country[i]);
        }
    }
    /* amid lower case, US is the country; in a query in one case, either */
    matches a = {0}, b = {0};
    ck_assert_int_eq(run(s, "US wheat", 0, &a), BYL_OK);
    ck_assert_int_eq(run(s, "wheat", 0, &b), BYL_OK);
    size_t both = 0;
    for (size_t k = 0; k < b.n; k++)
        for (size_t j = 0; j < US.n; j++)
            both += b.v[k] == US.v[j];
    ck_assert_uint_eq(a.n, b.n + US.n - both);
    ck_assert_int_eq(run(s, "us wheat", 0, &a), BYL_OK);
    ck_assert_int_eq(run(s, "US WHEAT", 0, &b), BYL_OK);
    ck_assert(same_set(&a, &b));
    /* AT&T is one term in any case */
    ck_assert_int_eq(run(s, "AT&T", 0, &a), BYL_OK);
    ck_assert_int_eq(run(s, "at&t", 0, &b), BYL_OK);
    ck_assert_uint_eq(a.n, 2);
    ck_assert(same_set(&a, &b));
    /* a name in capitals is the name: the entity scores */
    byl_buf out;
    byl_buf_init(&out);
    const char *names[] = {"QIAO SIYUAN", "Qiao Siyuan", "qiao siyuan"};
    for (size_t i = 0; i < 3; i++) {
        byl_qnode *node;
        ck_assert_int_eq(byl_query_parse(names[i], strlen(names[i]), &node), BYL_OK);
        byl_search_opts o;
        byl_search_opts_init(&o);
        const byl_hit *hits;
        size_t nh;
        uint64_t total;
        ck_assert_int_eq(byl_search(s, node, &o, &hits, &nh, &total), BYL_OK);
        byl_qnode_free(node);
        ck_assert_uint_gt(nh, 0);
        ck_assert_int_eq(byl_search_explain(s, &hits[0], &out), BYL_OK);
        ck_assert_msg(strstr((char *)out.data, "name:qiao siyuan") != NULL, "%s: %s", names[i],
                      (char *)out.data);
    }
    byl_buf_reset(&out);
    free(us.v);
    free(US.v);
    free(m.v);
    free(a.v);
    free(b.v);
    byl_searcher_free(s);
    byl_index_close(ix);
}
END_TEST

/* Pasted questions and headlines, each with the same words without their
 * punctuation: both parse and match the same articles. */
static const char *const prose[][2] = {
    {"information retrieval is difficult - even impossible - to draw",
     "information retrieval is difficult even impossible to draw"},
    {"Meta: the new hires", "Meta the new hires"},
    {"What is the U.S. trade deficit?", "What is the U.S. trade deficit"},
    {"oil prices — again", "oil prices again"},
    {"oil prices – again", "oil prices again"},
    {"difficult—even impossible—to draw", "difficult even impossible to draw"},
    {"he called it 'a disaster' yesterday", "he called it a disaster yesterday"},
    {"WAR AND PEACE IN THE MIDDLE EAST", "war and peace in the middle east"},
    {"Who supports them - government, business, universities, or libraries?",
     "Who supports them government business universities or libraries"},
    {"Is there any use for traditional classification schemes - DDC, UDC, LC, etc. - in "
     "information retrieval systems?",
     "Is there any use for traditional classification schemes DDC UDC LC etc in information "
     "retrieval systems"},
    {"y = a log(x + c) + b", "y a log x c b"},
    {"Apple's new iPhone: is it worth it?", "Apple's new iPhone is it worth it"},
    {"Breaking: Fed raises rates by 0.25%", "Breaking Fed raises rates by 0.25%"},
    {"Source: Reuters", "Source Reuters"},
    {"Title: The Art of War", "Title The Art of War"},
    {"Q&A: what the new rules mean", "Q&A what the new rules mean"},
    {"Trump vs. Biden: who won the debate?", "Trump vs. Biden who won the debate"},
    {"\xe2\x80\x9c" "Export controls" "\xe2\x80\x9d" " tighten again", "Export controls tighten again"},
    {"\xc2\xab" "Brexit" "\xc2\xbb" " talks stall", "Brexit talks stall"},
    {"Stocks fall... again", "Stocks fall again"},
    {"Stocks fall\xe2\x80\xa6" "again", "Stocks fall again"},
    {"oil, gas, and coal", "oil gas and coal"},
    {"oil,gas;coal", "oil gas coal"},
    {"rates (again) rise", "rates again rise"},
    {"Is it over? Analysts say no.", "Is it over Analysts say no"},
    {"5 things to know - Monday, March 3", "5 things to know Monday March 3"},
    {"AT&T + Time Warner", "AT&T Time Warner"},
    {"Procter & Gamble earnings", "Procter Gamble earnings"},
    {"price -- and volume", "price and volume"},
    {"* footnote here", "footnote here"},
    {"Q3 results: revenue up 12%!", "Q3 results revenue up 12%"},
    {"The 'new normal' for banks", "The new normal for banks"},
    {"ByteDance's TikTok — a timeline", "ByteDance's TikTok a timeline"},
    {"Gold Reserves: Up or Down?", "Gold Reserves Up or Down"},
    {"U.S.-China trade: what next?", "U.S.-China trade what next"},
    {"OIL PRICES - WHAT NEXT?", "OIL PRICES WHAT NEXT"},
    {"Here's why: the Fed cut rates", "Here's why the Fed cut rates"},
    {"semiconductor export controls; chips", "semiconductor export controls chips"},
    {"Zhang Yiming (ByteDance founder) steps down", "Zhang Yiming ByteDance founder steps down"},
    {"Is the U.S. economy slowing? Experts weigh in.", "Is the U.S. economy slowing Experts weigh in"},
    {"Fed's Powell: 'We are not there yet'", "Fed's Powell We are not there yet"},
    {"e-mail scams - how to spot them", "e-mail scams how to spot them"},
    {"NASA + ESA: joint mission", "NASA ESA joint mission"},
    {"Bitcoin hits $100,000!", "Bitcoin hits $100,000"},
    {"Kashmir's saffron harvest: a dry year", "Kashmir's saffron harvest a dry year"},
    {"What did the regulators say about the software that screens job applicants?",
     "What did the regulators say about the software that screens job applicants"},
    {"wheat -- egypt -- tonnes", "wheat egypt tonnes"},
    {"Saffron: ¿una cosecha seca?", "Saffron una cosecha seca"},
    {"QIAO SIYUAN - THE PROFILE", "QIAO SIYUAN THE PROFILE"},
    {"chips & export controls / semiconductor", "chips export controls semiconductor"},
};

START_TEST(test_prose_is_words)
{
    byl_index *ix;
    byl_searcher *s = open_index("prose", NULL, &ix);
    matches a = {0}, b = {0};
    size_t n = sizeof prose / sizeof *prose;
    ck_assert_uint_ge(n, 40);
    for (size_t i = 0; i < n; i++) {
        int rc = run(s, prose[i][0], 0, &a);
        ck_assert_msg(rc == BYL_OK, "[%s] refused: %s", prose[i][0], byl_error_msg());
        ck_assert_int_eq(run(s, prose[i][1], 0, &b), BYL_OK);
        ck_assert_msg(same_set(&a, &b), "[%s] %zu matches, [%s] %zu", prose[i][0], a.n,
                      prose[i][1], b.n);
        /* and --and: every word required, as in the words alone */
        ck_assert_int_eq(run(s, prose[i][0], 1, &a), BYL_OK);
        ck_assert_int_eq(run(s, prose[i][1], 1, &b), BYL_OK);
        ck_assert_msg(same_set(&a, &b), "--and [%s] %zu matches, [%s] %zu", prose[i][0], a.n,
                      prose[i][1], b.n);
    }
    free(a.v);
    free(b.v);
    byl_searcher_free(s);
    byl_index_close(ix);
}
END_TEST

/* ---- Unicode punctuation around words ---- */

/* Code points of Unicode's punctuation categories, by kind. */
enum { PS, PE, PI, PF, PO, PD, NKINDS };

typedef struct punct {
    int32_t *cp[NKINDS];
    size_t n[NKINDS];
} punct;

/* Whether the query syntax gives cp a meaning of its own, so that writing
 * it around a word is not prose: ASCII (quotes, parentheses, '-', ':',
 * '*'...), or a character whose compatibility form holds ASCII (full-width
 * '（', '＂', small forms '﹙', '‼' → "!!"), which the parser reads as that
 * ASCII; and the characters the analyzer joins words with (hyphens,
 * apostrophes: "to‐day" is one word). */
static int has_syntax(int32_t cp)
{
    if (cp < 0x80)
        return 1;
    switch (cp) {
    case 0x2019: case 0x02BC: case 0x2010: case 0x2011: case 0x2012: case 0x2013:
        return 1;
    }
    utf8proc_uint8_t *nf = NULL;
    uint8_t in[4];
    utf8proc_ssize_t len = utf8proc_encode_char(cp, in);
    if (utf8proc_map(in, len, &nf, UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_COMPOSE) < 0)
        return 1;
    int ascii = 0;
    for (utf8proc_uint8_t *p = nf; *p; p++)
        ascii |= *p < 0x80;
    free(nf);
    return ascii;
}

/* Every punctuation code point of the BMP and the supplementary planes
 * with no meaning in the query syntax, by kind. */
static void collect_punct(punct *p)
{
    memset(p, 0, sizeof *p);
    for (int32_t cp = 0x80; cp < 0x20000; cp++) {
        int k;
        switch (utf8proc_category(cp)) {
        case UTF8PROC_CATEGORY_PS: k = PS; break;
        case UTF8PROC_CATEGORY_PE: k = PE; break;
        case UTF8PROC_CATEGORY_PI: k = PI; break;
        case UTF8PROC_CATEGORY_PF: k = PF; break;
        case UTF8PROC_CATEGORY_PO: k = PO; break;
        case UTF8PROC_CATEGORY_PD: k = PD; break;
        default: continue;
        }
        if (has_syntax(cp))
            continue;
        p->cp[k] = realloc(p->cp[k], (p->n[k] + 1) * sizeof *p->cp[k]);
        ck_assert_ptr_nonnull(p->cp[k]);
        p->cp[k][p->n[k]++] = cp;
    }
    for (int k = 0; k < NKINDS; k++)
        ck_assert_msg(p->n[k] >= 5, "only %zu code points of kind %d", p->n[k], k);
}

static uint64_t next_rand(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

/* Appends one code point of kind k (or of a random kind when k < 0). */
static void put_punct(const punct *p, int k, uint64_t *seed, char *out, size_t *at)
{
    if (k < 0)
        k = (int)(next_rand(seed) % NKINDS);
    int32_t cp = p->cp[k][next_rand(seed) % p->n[k]];
    *at += (size_t)utf8proc_encode_char(cp, (utf8proc_uint8_t *)out + *at);
}

/* q with every word wrapped: «w», 「w」, ¿w, w·, —w—, ... */
static void wrap_words(const punct *p, const char *q, uint64_t *seed, char *out, size_t cap)
{
    size_t at = 0;
    for (const char *w = q; *w;) {
        if (*w == ' ') {
            out[at++] = *w++;
            continue;
        }
        size_t n = strcspn(w, " ");
        ck_assert_uint_lt(at + n + 40, cap);
        uint64_t how = next_rand(seed) % 6;
        if (how == 0 || how == 3) /* opening and closing */
            put_punct(p, how == 0 ? PS : PI, seed, out, &at);
        else if (how == 1 || how == 4) /* before only, or one or two of any kind */
            for (uint64_t r = 0; r <= next_rand(seed) % 2; r++)
                put_punct(p, -1, seed, out, &at);
        memcpy(out + at, w, n);
        at += n;
        w += n;
        if (how == 0 || how == 3)
            put_punct(p, how == 0 ? PE : PF, seed, out, &at);
        else if (how == 2 || how == 4)
            for (uint64_t r = 0; r <= next_rand(seed) % 2; r++)
                put_punct(p, -1, seed, out, &at);
        else if (how == 5)
            put_punct(p, next_rand(seed) % 2 ? PO : PD, seed, out, &at);
    }
    out[at] = '\0';
}

typedef struct ranked {
    uint64_t total;
    size_t n;
    uint64_t gdoc[10];
    double score[10];
} ranked;

static void run_ranked(byl_searcher *s, const char *q, ranked *r)
{
    byl_qnode *node;
    ck_assert_msg(byl_query_parse(q, strlen(q), &node) == BYL_OK, "[%s]: %s", q,
                  byl_error_msg());
    byl_search_opts o;
    byl_search_opts_init(&o);
    o.k = 10;
    o.count_total = 1;
    const byl_hit *hits;
    ck_assert_msg(byl_search(s, node, &o, &hits, &r->n, &r->total) == BYL_OK, "[%s]: %s", q,
                  byl_error_msg());
    byl_qnode_free(node);
    for (size_t i = 0; i < r->n; i++) {
        r->gdoc[i] = hits[i].gdoc;
        r->score[i] = hits[i].score;
    }
}

/* Long queries (function words among them, which a long query leaves out)
 * and a few short ones. */
static const char *const wrapped[] = {
    "a b c d e f software designed to help find",
    "what problems are there in making up descriptive titles",
    "how do the regulators say it is to be done by the courts",
    "is there any use for traditional classification schemes in information retrieval",
    "the new rules for an export of chips to China",
    "who said it was over for the oil market",
    "saffron harvest in the dry year",
    "export controls",
    "to be or not to be",
};

START_TEST(test_unicode_punctuation_is_not_words)
{
    byl_index *ix;
    byl_searcher *s = open_index("punct", NULL, &ix);
    punct p;
    collect_punct(&p);
    uint64_t seed = 0x9e3779b97f4a7c15ull;
    char q[2048];
    size_t n = sizeof wrapped / sizeof *wrapped;
    for (int round = 0; round < 40; round++) {
        for (size_t i = 0; i < n; i++) {
            ranked a, b;
            run_ranked(s, wrapped[i], &a);
            wrap_words(&p, wrapped[i], &seed, q, sizeof q);
            run_ranked(s, q, &b);
            ck_assert_msg(a.total == b.total && a.n == b.n, "[%s] %llu matches, [%s] %llu",
                          wrapped[i], (unsigned long long)a.total, q,
                          (unsigned long long)b.total);
            for (size_t h = 0; h < a.n; h++)
                ck_assert_msg(a.gdoc[h] == b.gdoc[h] && a.score[h] == b.score[h],
                              "[%s] ranks differently from [%s] at %zu", q, wrapped[i], h);
        }
    }
    for (int k = 0; k < NKINDS; k++)
        free(p.cp[k]);
    byl_searcher_free(s);
    byl_index_close(ix);
}
END_TEST

/* A query broken as a query is still refused, with its column. */
START_TEST(test_broken_queries_are_errors)
{
    static const struct {
        const char *q, *msg;
    } bad[] = {
        {"\"export controls", "column 1: unbalanced quote"},
        {"Meta: \"the new hires", "column 7: unbalanced quote"},
        {"chips (nvidia OR amd", "column 7: unbalanced parenthesis"},
        {"what is (this - that", "column 9: unbalanced parenthesis"},
        {"chips nvidia)", "column 13: unbalanced parenthesis"},
        {"title:", "column 1: expected a word, a \"phrase\" or '(' after the field name"},
        {"oil title: prices", "column 5: expected a word"},
        {"chips AND", "expected a word after AND"},
        {"chips OR", "expected a word after OR"},
        {"\"a b\"~", "expected a number"},
        {"-apple", "only excluded"},
        {"*", "column 1: a lone '*'"},
        {" - ", "only punctuation"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        byl_qnode *n = (byl_qnode *)1;
        int rc = byl_query_parse(bad[i].q, strlen(bad[i].q), &n);
        ck_assert_msg(rc == BYL_EPARSE, "[%s] accepted", bad[i].q);
        ck_assert_ptr_null(n);
        ck_assert_msg(strstr(byl_error_msg(), bad[i].msg) != NULL, "[%s]: '%s' lacks '%s'",
                      bad[i].q, byl_error_msg(), bad[i].msg);
    }
}
END_TEST

int main(void)
{
    Suite *su = suite_create("case");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 600);
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_case_does_not_change_what_is_found);
    tcase_add_test(tc, test_capitals_that_mean_something);
    tcase_add_test(tc, test_prose_is_words);
    tcase_add_test(tc, test_unicode_punctuation_is_not_words);
    tcase_add_test(tc, test_broken_queries_are_errors);
    suite_add_tcase(su, tc);
    return byl_test_run(su);
}
