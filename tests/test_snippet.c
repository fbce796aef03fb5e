/*
 * test_snippet.c - snippet windows: matches at the very start and end, no
 * match at all, multi-byte characters at the window's edge, joined
 * highlights, white space folding, a 1 MB article, and the name detector
 * off when no term is a name.
 */
#include <check.h>

#include "check_main.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "index/format.h"
#include "query/snippet.h"
#include "text/analyzer.h"
#include "util/err.h"
#include "util/mem.h"

static byl_analyzer *an;

static void setup(void) { ck_assert_int_eq(byl_analyzer_new(&an), BYL_OK); }
static void teardown(void) { byl_analyzer_free(an); }

/* Query terms as the planner would note them: analyzed words in TEXT. */
static size_t qterms(const char *q, byl_qterm *out, size_t cap)
{
    const byl_token *t;
    size_t n, k = 0;
    const char *terms;
    ck_assert_int_eq(byl_analyze(an, q, strlen(q), BYL_AN_QUERY, &t, &n, &terms), BYL_OK);
    for (size_t i = 0; i < n && k < cap; i++) {
        if (t[i].flags & BYL_TOKF_STACKED)
            continue;
        memset(&out[k], 0, sizeof out[k]);
        out[k].field = BYL_F_TEXT;
        memcpy(out[k].term, terms + t[i].term_off, t[i].term_len);
        k++;
    }
    return k;
}

static char *marked(const byl_snippet *s)
{
    static char buf[8192];
    size_t o = 0, at = 0;
    for (size_t i = 0; i < s->nspans; i++) {
        memcpy(buf + o, s->text + at, s->spans[i].start - at);
        o += s->spans[i].start - at;
        buf[o++] = '[';
        memcpy(buf + o, s->text + s->spans[i].start, s->spans[i].len);
        o += s->spans[i].len;
        buf[o++] = ']';
        at = s->spans[i].start + s->spans[i].len;
    }
    memcpy(buf + o, s->text + at, s->len - at);
    o += s->len - at;
    buf[o] = '\0';
    return buf;
}

static void utf8_valid(const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        size_t k = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
        ck_assert(c < 0x80 || c >= 0xC2);
        ck_assert_uint_le(i + k, n);
        for (size_t j = 1; j < k; j++)
            ck_assert_int_eq((unsigned char)s[i + j] & 0xC0, 0x80);
        i += k;
    }
}

START_TEST(test_match_at_start_and_end)
{
    byl_qterm q[8];
    byl_snippet s;
    byl_snippet_init(&s);
    const char *body = "Tractors rolled into the capital on Monday as farmers protested.";
    size_t nq = qterms("tractor", q, 8);
    ck_assert_int_eq(byl_snippet_make(an, body, strlen(body), q, nq, 160, &s), BYL_OK);
    ck_assert_str_eq(marked(&s), "[Tractors] rolled into the capital on Monday as farmers protested.");
    ck_assert(!s.cut_start && !s.cut_end);
    nq = qterms("protests", q, 8);
    ck_assert_int_eq(byl_snippet_make(an, body, strlen(body), q, nq, 160, &s), BYL_OK);
    ck_assert_str_eq(marked(&s), "Tractors rolled into the capital on Monday as farmers [protested].");
    byl_snippet_reset(&s);
}
END_TEST

START_TEST(test_no_match_gives_the_start)
{
    byl_qterm q[8];
    byl_snippet s;
    byl_snippet_init(&s);
    const char *body = "First sentence here.\n\n  Second   one\tthere. Third sentence goes on and on "
                       "and on until it is longer than the window allows it to be, surely.";
    size_t nq = qterms("zeppelin", q, 8);
    ck_assert_int_eq(byl_snippet_make(an, body, strlen(body), q, nq, 40, &s), BYL_OK);
    ck_assert_uint_eq(s.nspans, 0);
    ck_assert(!s.cut_start && s.cut_end);
    /* the window counts characters of the text; runs of spaces fold */
    ck_assert_str_eq(s.text, "First sentence here. Second one");
    byl_snippet_reset(&s);
}
END_TEST

START_TEST(test_densest_window_and_word_boundaries)
{
    byl_qterm q[8];
    byl_snippet s;
    byl_snippet_init(&s);
    char body[4096] = "";
    for (int i = 0; i < 30; i++)
        strcat(body, "Filler words about nothing in particular. ");
    strcat(body, "Here the saffron harvest failed and saffron prices rose. ");
    for (int i = 0; i < 30; i++)
        strcat(body, "More filler text follows the story. ");
    size_t nq = qterms("saffron prices", q, 8);
    ck_assert_int_eq(byl_snippet_make(an, body, strlen(body), q, nq, 80, &s), BYL_OK);
    ck_assert(s.cut_start && s.cut_end);
    ck_assert_uint_eq(s.nspans, 3);
    ck_assert_ptr_nonnull(strstr(marked(&s), "[saffron] harvest failed and [saffron] [prices] rose."));
    ck_assert(s.text[0] != ' ' && s.text[s.len - 1] != ' ');
    byl_snippet_reset(&s);
}
END_TEST

START_TEST(test_multibyte_edges)
{
    byl_qterm q[8];
    byl_snippet s;
    byl_snippet_init(&s);
    /* a long run of CJK (no spaces to cut at) with the match in the middle */
    static char body[16384];
    body[0] = '\0';
    for (int i = 0; i < 200; i++)
        strcat(body, "据两位知情人士透露");
    strcat(body, "字节跳动");
    for (int i = 0; i < 200; i++)
        strcat(body, "计划在新加坡设立中心");
    size_t nq = qterms("字节跳动", q, 8);
    for (size_t width = 5; width < 200; width += 7) {
        ck_assert_int_eq(byl_snippet_make(an, body, strlen(body), q, nq, width, &s), BYL_OK);
        utf8_valid(s.text, s.len);
        for (size_t i = 0; i < s.nspans; i++) {
            utf8_valid(s.text + s.spans[i].start, s.spans[i].len);
            ck_assert_uint_le(s.spans[i].start + s.spans[i].len, s.len);
        }
    }
    ck_assert_ptr_nonnull(strstr(marked(&s), "[字节跳动]"));
    /* accented Latin at the edge */
    const char *acc = "Ça commence ici: résumé résumé résumé résumé résumé résumé fin.";
    nq = qterms("resume", q, 8);
    for (size_t width = 3; width < 70; width++) {
        ck_assert_int_eq(byl_snippet_make(an, acc, strlen(acc), q, nq, width, &s), BYL_OK);
        utf8_valid(s.text, s.len);
    }
    byl_snippet_reset(&s);
}
END_TEST

START_TEST(test_joined_highlight)
{
    byl_qterm q[8];
    byl_snippet s;
    byl_snippet_init(&s);
    const char *body = "According to LeiFeng.com, the U.S.-China talks stalled.";
    size_t nq = qterms("LeiFeng.com U.S.-China", q, 8);
    ck_assert_int_eq(byl_snippet_make(an, body, strlen(body), q, nq, 160, &s), BYL_OK);
    ck_assert_str_eq(marked(&s), "According to [LeiFeng.com], the [U.S.-China] talks stalled.");
    byl_snippet_reset(&s);
}
END_TEST

START_TEST(test_one_megabyte_article)
{
    byl_qterm q[8];
    byl_snippet s;
    byl_snippet_init(&s);
    size_t n = 1 << 20;
    char *body = malloc(n + 1);
    const char *unit = "grain silo report ";
    for (size_t i = 0; i < n; i++)
        body[i] = unit[i % strlen(unit)];
    memcpy(body + n - 40, " the harvester broke down at last ok  ", 38);
    body[n] = '\0';
    size_t nq = qterms("harvester", q, 8);
    ck_assert_int_eq(byl_snippet_make(an, body, n, q, nq, 160, &s), BYL_OK);
    ck_assert_uint_eq(s.nspans, 1);
    ck_assert_ptr_nonnull(strstr(marked(&s), "[harvester] broke down"));
    ck_assert_uint_le(s.len, 400);
    free(body);
    byl_snippet_reset(&s);
}
END_TEST

START_TEST(test_empty_body)
{
    byl_qterm q[8];
    byl_snippet s;
    byl_snippet_init(&s);
    size_t nq = qterms("anything", q, 8);
    ck_assert_int_eq(byl_snippet_make(an, "", 0, q, nq, 160, &s), BYL_OK);
    ck_assert_uint_eq(s.len, 0);
    ck_assert_str_eq(s.text, "");
    byl_snippet_reset(&s);
}
END_TEST

/* The seeded texts of the property tests below: 20 to 140 pieces, each
 * followed by a separator, into text (cap bytes); returns the length. */
static uint64_t lcg(uint64_t *seed)
{
    return *seed = *seed * 6364136223846793005ull + 1442695040888963407ull;
}

static size_t seeded_text(uint64_t *seed, const char *const *pieces, size_t npieces,
                          char *text, size_t cap)
{
    static const char *const seps[] = {" ", " ", " ", ", ", ". ", ".\n", "\n\n", " - ", ": ",
                                       "; "};
    size_t o = 0;
    int words = 5 + (int)(lcg(seed) >> 58);
    for (int w = 0; w < 4 * words && o + 64 < cap; w++) {
        lcg(seed);
        const char *p = pieces[(*seed >> 33) % npieces];
        const char *sp = seps[(*seed >> 20) % (sizeof seps / sizeof *seps)];
        o += (size_t)snprintf(text + o, cap - o, "%s%s", p, sp);
    }
    return o;
}

/* Adds to q[*nq] (up to cap) terms of text as it is indexed, picked by the
 * seed (about one word in 16 / (keep + 1)), any kind but a name, in TEXT or
 * TITLE. */
static void text_terms(const char *text, size_t len, uint64_t *seed, unsigned keep,
                       byl_qterm *q, size_t *nq, size_t cap)
{
    const byl_token *t;
    size_t n;
    const char *terms;
    ck_assert_int_eq(byl_analyze(an, text, len, BYL_AN_INDEX, &t, &n, &terms), BYL_OK);
    for (size_t i = 0; i < n && *nq < cap; i++) {
        lcg(seed);
        if (t[i].kind == BYL_TOK_ENTITY || (*seed >> 60) > keep || t[i].term_len >= BYL_MAX_KEY)
            continue;
        memset(&q[*nq], 0, sizeof q[*nq]);
        q[*nq].field = (*seed >> 40) & 1 ? BYL_F_TEXT : BYL_F_TITLE;
        memcpy(q[*nq].term, terms + t[i].term_off, t[i].term_len);
        (*nq)++;
    }
}

/* Snippets switch the name detector off when no term is a name: on seeded
 * texts full of names (runs, initials, particles, possessives, headings,
 * capitals), the spans of word terms taken from each text are the same as
 * with a name term that matches nothing beside them (which keeps the
 * detector on). */
START_TEST(test_names_off_same_spans)
{
    static const char *const pieces[] = {
        "Zhang Wei", "said", "Bank of America", "New York", "the", "U.S.", "Jean-Claude",
        "Juncker's", "oil", "prices", "rose", "3.5%", "on", "Monday", "CEO", "IBM", "of",
        "van der Berg", "Mr.", "J.", "Smith", "talks", "with", "OPEC", "in", "Vienna", "and",
        "GDP", "fell", "Procter & Gamble", "U.S.-China", "e-mail", "co-operation", "Kim",
        "Seo-yeon", "LeiFeng.com", "#oil", "BREAKING NEWS", "Key Takeaways:", "Wall Street",
        "Deutsche Bank AG", "Saudi Arabia's", "al-Assad", "McDonald", "O'Brien", "2026",
    };
    uint64_t seed = 42;
    char text[4096];
    int compared = 0;
    for (int it = 0; it < 400; it++) {
        size_t o = seeded_text(&seed, pieces, sizeof pieces / sizeof *pieces, text, sizeof text);
        byl_qterm q[5];
        size_t nq = 0;
        text_terms(text, o, &seed, 3, q, &nq, 3);
        byl_span *a, *b;
        size_t na, nb;
        ck_assert_int_eq(byl_snippet_spans(an, text, o, q, nq, &a, &na), BYL_OK);
        memset(&q[nq], 0, sizeof q[nq]);
        q[nq].field = BYL_F_NAME;
        strcpy(q[nq].term, "qqq zzz");
        ck_assert_int_eq(byl_snippet_spans(an, text, o, q, nq + 1, &b, &nb), BYL_OK);
        ck_assert_uint_eq(na, nb);
        for (size_t i = 0; i < na; i++) {
            ck_assert_uint_eq(a[i].start, b[i].start);
            ck_assert_uint_eq(a[i].len, b[i].len);
        }
        compared += na > 0;
        byl_free(a);
        byl_free(b);
    }
    ck_assert_int_gt(compared, 300); /* the terms were found: spans compared */
}
END_TEST

/* Snippets stem only the words whose first letter some term has: on seeded
 * texts of words of every first letter (plain, capitalised, plural,
 * possessive, hyphenated, dotted, numbers), the spans of terms taken from
 * the text, of words stemmed as a query would, and of capital forms are the
 * same as when every word is stemmed. */
START_TEST(test_stem_filter_same_spans)
{
    static const char *const pieces[] = {
        "running", "Runs", "ran", "agreed", "agreement", "Agree", "yielding", "yields", "dying",
        "died", "skies", "sky", "news", "early", "only", "generously", "generalization",
        "Zhang Wei", "zoning", "zones", "Xi's", "x-rays", "quickly", "queued", "U.S.",
        "ByteDance's", "ByteDance’s", "OPEC", "oil", "oils", "oiled", "e-mail", "emails",
        "co-operation", "cooperating", "3.5%", "2026", "Monday", "mondays", "ideas", "idly",
        "jumped", "Jumping", "knives", "knife", "lying", "lies", "very", "vary", "was", "were",
        "happy", "happiness", "the", "and", "of", "in", "Tanaka-san", "éclair", "Éric", "über",
        "naïve", "façade", "Ørsted", "Procter & Gamble", "AT&T", "LeiFeng.com", "#oil",
    };
    static const char *const queries[] = {"run", "agreement", "dying skies", "the news",
                                          "generous", "Zhang", "oil prices", "x-ray",
                                          "emails cooperation", "happy", "Éric façade",
                                          "knife lying", "queue", "idle", "mondays", "über"};
    uint64_t seed = 7;
    char text[4096];
    int compared = 0, matched = 0;
    for (int it = 0; it < 600; it++) {
        size_t o = seeded_text(&seed, pieces, sizeof pieces / sizeof *pieces, text, sizeof text);
        byl_qterm q[8];
        size_t nq = qterms(queries[it % (sizeof queries / sizeof *queries)], q, 4);
        text_terms(text, o, &seed, 2, q, &nq, 6); /* and terms of the text itself */
        byl_span *a, *b;
        size_t na, nb;
        ck_assert_int_eq(byl_snippet_spans(an, text, o, q, nq, &a, &na), BYL_OK);
        byl_snippet_test_stem_all(1);
        ck_assert_int_eq(byl_snippet_spans(an, text, o, q, nq, &b, &nb), BYL_OK);
        byl_snippet_test_stem_all(0);
        ck_assert_uint_eq(na, nb);
        for (size_t i = 0; i < na; i++) {
            ck_assert_uint_eq(a[i].start, b[i].start);
            ck_assert_uint_eq(a[i].len, b[i].len);
        }
        compared++;
        matched += na > 0;
        byl_free(a);
        byl_free(b);
    }
    ck_assert_int_eq(compared, 600);
    ck_assert_int_gt(matched, 300); /* the comparison saw matches */
}
END_TEST

int main(void)
{
    Suite *su = suite_create("snippet");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 60);
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_match_at_start_and_end);
    tcase_add_test(tc, test_no_match_gives_the_start);
    tcase_add_test(tc, test_densest_window_and_word_boundaries);
    tcase_add_test(tc, test_multibyte_edges);
    tcase_add_test(tc, test_joined_highlight);
    tcase_add_test(tc, test_one_megabyte_article);
    tcase_add_test(tc, test_empty_body);
    tcase_add_test(tc, test_names_off_same_spans);
    tcase_add_test(tc, test_stem_filter_same_spans);
    suite_add_tcase(su, tc);
    return byl_test_run(su);
}
