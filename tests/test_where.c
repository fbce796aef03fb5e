/*
 * test_where.c - what the text around a mention of a name says it is
 * (text/where.h), as cases generated from contexts x positions x names of
 * several cultures: every place context gives PLACE, every context of a
 * person's or organisation's role gives WHO (a title before a place
 * context too), neutral text gives nothing, and the look-alikes of place
 * contexts (a score line, a heading's last word, "by X standards") give
 * no PLACE.  Then the list of names (query/names.c) over an index: a name
 * that stands where places stand in one article of several, and nowhere
 * acts, is a place; one that also speaks is not.
 *
 * And the gazetteer's kinds of place of other countries' towns
 * (Addolorata Cemetery, Barangay San Sebastian).
 *
 * Not for: the gazetteer's lists of names (test_dateorder.c), nor
 * the analyzer's names (docs/TOKENIZATION.md's rows, mode where too).
 */
#include <check.h>

#include "check_main.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "index/index.h"
#include "query/names.h"
#include "query/search.h"
#include "text/analyzer.h"
#include "text/place.h"
#include "text/where.h"
#include "util/err.h"
#include "util/mem.h"

/* Names of places no gazetteer of the project holds, and of people and
 * firms, from several countries and scripts' transliterations. */
static const char *const names[] = {
    "Bahodopi", "Qrendi", "Al Wukair", "Sefwi Bekwai", "Tūrangi", "Lochboisdale",
    "Nyíregyháza", "Hagonoy", "Kłodzko", "Ōtaki", "Likuyani", "Kestrel Nordvik",
};

/* What comes before a context: the text's start, a sentence, a heading and
 * a blank line, a line of hard-wrapped copy (40 bytes or more, no period). */
static const char *const before[] = {
    "",
    "Rain fell again on Tuesday. ",
    "Floods Again\n\n",
    "The council met for three hours on Monday evening and then\n",
};

/* What comes after: nothing, or another sentence. */
static const char *const after[] = {"", " More follows on Friday."};

/* Contexts; {} is the name. */
static const char *const place_ctx[] = {
    "Fishermen in {} say the river is red.",
    "The line will run through the districts outside {} and beyond.",
    "Fishermen in the {} district say the river is red.",
    "Boats crowd the {} waterfront.",
    "By then {}'s population had reached 310,000.",
    "The ferry sails from {} to Mallaig.",
    "People are driving to {} or further.",
    "Farmers came from as far as Matete and {}.",
    "A tram line connecting Education City with {} opened.",
    "A tram line linking {} with the Red Line opened.",
    "A fish vendor from {} spoke.",
    "Write to {} 47, 185 35 Piraeus.",
    "She is the mayor of {} now.",
    "Stuart Penhaligon, 58, of {} was convicted.",
    "The aircraft will take visitors to {} and Kadavu.",
    "One buyer, a {} man, asked to be named.",
    "They live north of {} now.",
    "It left the state of {} without a budget.",
    "The contract went to Atlantic Hull Works Inc., of {}, and others.",
    "The storm cancelled all services between Perth and {}.",
    "Ferries run between {} and Oban.",
};

/* Contexts at a line's start only. */
static const char *const dateline_ctx[] = {
    "{}, Dec 5 (Reuters) - Rain fell.",
    "{}, December 5 - Rain fell.",
    "{}, Dec. 5 (AP) \xE2\x80\x94 Rain fell.",
};

static const char *const who_ctx[] = {
    "{} said on Friday it would appeal.",
    "The figures rose, according to {}.",
    "Then {}'s chief executive resigned.",
    "The chips were made by {}.",
    "Chips made by {} and Cambricon sold well.",
    "The {} coach spoke.",
    "Talks stalled as {} are understood to have offered more.",
    "She met {}, who runs the ferry.",
    /* a title outweighs a place context */
    "Fishermen in Mr {}'s boats say the river is red.",
    "Boats left from near Dr {} yesterday.",
};

/* Neither: nothing around says what it is, or a look-alike of a place
 * context. */
static const char *const none_ctx[] = {
    "The {} feast drew crowds.",
    "Shots: {} 7, Bajío 4.",
    "It was cold by {} standards.",
    "Its votes came from {} and others.",
    "She is a {} engineer.",
    "Sales fell in {}'s last quarter.",
    "Ties between the Commission and {} are at a low.",
    "The cuts at the plant in {}\xE2\x80\x99s home market hurt.",
    "Chip shipments to {} rose.",
    "Talks between Apple and {} stalled.",
};

/* Writes before + ctx (with name for {}) + aft into buf; the mention's
 * bounds into *s, *e. */
static size_t compose(char *buf, size_t cap, const char *pre, const char *ctx, const char *name,
                      const char *aft, size_t *s, size_t *e)
{
    const char *brace = strstr(ctx, "{}");
    ck_assert_ptr_nonnull(brace);
    int n = snprintf(buf, cap, "%s%.*s", pre, (int)(brace - ctx), ctx);
    *s = (size_t)n;
    n += snprintf(buf + n, cap - (size_t)n, "%s", name);
    *e = (size_t)n;
    n += snprintf(buf + n, cap - (size_t)n, "%s%s", brace + 2, aft);
    return (size_t)n;
}

/* Every context of ctx with every name, before and after: the verdict
 * must be want. */
static void check_all(const char *const *ctx, size_t nctx, const char *const *pre, size_t npre,
                      unsigned want)
{
    char buf[512];
    size_t cases = 0;
    for (size_t c = 0; c < nctx; c++)
        for (size_t p = 0; p < npre; p++)
            for (size_t a = 0; a < sizeof after / sizeof after[0]; a++)
                for (size_t k = 0; k < sizeof names / sizeof names[0]; k++) {
                    size_t s, e;
                    size_t n = compose(buf, sizeof buf, pre[p], ctx[c], names[k], after[a], &s, &e);
                    unsigned got = byl_where_mention(buf, n, s, e);
                    ck_assert_msg(got == want, "\"%s\" (%s): got %u, want %u", buf, names[k], got,
                                  want);
                    cases++;
                }
    ck_assert_uint_gt(cases, 0);
}

START_TEST(test_place_contexts)
{
    check_all(place_ctx, sizeof place_ctx / sizeof place_ctx[0], before,
              sizeof before / sizeof before[0], BYL_WHERE_PLACE);
    /* a dateline only at a line's start */
    static const char *const line_start[] = {"", "Floods Again\n\n", "Rain fell.\n"};
    check_all(dateline_ctx, sizeof dateline_ctx / sizeof dateline_ctx[0], line_start,
              sizeof line_start / sizeof line_start[0], BYL_WHERE_PLACE);
}
END_TEST

START_TEST(test_who_contexts)
{
    check_all(who_ctx, sizeof who_ctx / sizeof who_ctx[0], before,
              sizeof before / sizeof before[0], BYL_WHERE_WHO);
}
END_TEST

START_TEST(test_neutral_contexts)
{
    check_all(none_ctx, sizeof none_ctx / sizeof none_ctx[0], before,
              sizeof before / sizeof before[0], 0);
    /* a locative that ends a heading's line is not the next line's */
    static const char *const heading[] = {"Rivals Step In\n"};
    static const char *const ctx[] = {"{}'s chips sold well."};
    check_all(ctx, 1, heading, 1, 0);
    /* a dateline's shape in the middle of a line is none */
    static const char *const mid[] = {"Rain fell in "};
    static const char *const dl[] = {"{}, Dec 5 was wet."};
    check_all(dl, 1, mid, 1, BYL_WHERE_PLACE); /* "in" still places it */
    static const char *const mid2[] = {"Rain fell, said "};
    check_all(dl, 1, mid2, 1, 0);
    /* a byline's date is no dateline */
    static const char *const by[] = {"{}, December 5, 2026\n\nRain fell.", "{}, Dec. 5 2026"};
    static const char *const starts[] = {"", "Floods Again\n\n"};
    check_all(by, 2, starts, 2, 0);
}
END_TEST

/* The mention's own words: an organisation's last word, a legal form, an
 * organisation's kind in another language first: WHO wherever it stands. */
START_TEST(test_own_words)
{
    static const char *const orgs[] = {"Al Wakra Hospital", "Kestrel Ltd", "Ysgol Glan Teifi",
                                       "Redcliffe United", "Sefwi Bekwai Rural Bank"};
    char buf[256];
    for (size_t k = 0; k < sizeof orgs / sizeof orgs[0]; k++)
        for (size_t c = 0; c < sizeof place_ctx / sizeof place_ctx[0]; c++) {
            size_t s, e;
            size_t n = compose(buf, sizeof buf, "", place_ctx[c], orgs[k], "", &s, &e);
            ck_assert_msg(byl_where_mention(buf, n, s, e) == BYL_WHERE_WHO, "\"%s\"", buf);
        }
    /* degenerate input */
    ck_assert_uint_eq(byl_where_mention(NULL, 0, 0, 0), 0);
    ck_assert_uint_eq(byl_where_mention("in Qrendi", 9, 3, 3), 0);
    ck_assert_uint_eq(byl_where_mention("in Qrendi", 9, 3, 10), 0);
}
END_TEST

/* The key of a name of space-separated lower-case words, as the analyzer
 * makes it. */
static size_t key_of(const char *name, char *key, size_t cap)
{
    const char *w[8];
    size_t l[8], n = 0;
    for (const char *p = name; *p && n < 8;) {
        const char *e = strchr(p, ' ');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        w[n] = p;
        l[n++] = len;
        p += len;
        while (*p == ' ')
            p++;
    }
    return byl_entity_key(w, l, n, key, cap);
}

/* Kinds of place of other countries' towns, as the gazetteer types them
 * by a name's words: a kind last (of two words, where the key sorts them,
 * from the shorter list too), a kind first in a name of three words or
 * more; with towns of one and two words. */
START_TEST(test_place_kinds)
{
    static const char *const towns[] = {"addolorata", "al wakra", "bahodopi", "lalampu",
                                        "te poho o hawera", "webb", "bindi"};
    static const char *const last2[] = {"cemetery", "souq", "creek", "marae", "county", "river"};
    static const char *const last3[] = {"cemetery", "souq", "souk", "creek", "marae",
                                        "industrial estate", "metro cemetery"};
    static const char *const first[] = {"barangay", "estadio", "stade", "lake", "mount"};
    char name[128], key[128];
    for (size_t t = 0; t < sizeof towns / sizeof towns[0]; t++) {
        int one = strchr(towns[t], ' ') == NULL;
        for (size_t k = 0; k < sizeof last2 / sizeof last2[0]; k++) {
            if (!one)
                continue;
            snprintf(name, sizeof name, "%s %s", towns[t], last2[k]);
            size_t kl = key_of(name, key, sizeof key);
            ck_assert_msg(byl_place_is(key, kl), "%s", name);
            snprintf(name, sizeof name, "%s %s", last2[k], towns[t]);
            kl = key_of(name, key, sizeof key);
            ck_assert_msg(byl_place_is(key, kl), "%s", name);
        }
        for (size_t k = 0; k < sizeof last3 / sizeof last3[0]; k++) {
            snprintf(name, sizeof name, "%s %s%s", towns[t], one ? "town " : "", last3[k]);
            size_t kl = key_of(name, key, sizeof key);
            ck_assert_msg(byl_place_is(key, kl), "%s", name);
        }
        for (size_t k = 0; k < sizeof first / sizeof first[0]; k++) {
            snprintf(name, sizeof name, "%s %s%s", first[k], towns[t], one ? " nuevo" : "");
            size_t kl = key_of(name, key, sizeof key);
            ck_assert_msg(byl_place_is(key, kl), "%s", name);
        }
    }
    /* an organisation's word beside the kind: no place */
    static const char *const firms[] = {"emaar real estate", "county council", "river bank",
                                        "lake forest bank", "barangay health council"};
    for (size_t k = 0; k < sizeof firms / sizeof firms[0]; k++) {
        size_t kl = key_of(firms[k], key, sizeof key);
        ck_assert_msg(!byl_place_is(key, kl), "%s", firms[k]);
    }
}
END_TEST

/* ---- the list of names over an index ----------------------------------- */

static char tmpdir[64];

static void setup(void)
{
    strcpy(tmpdir, "/tmp/byl_test_whereXXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(tmpdir));
}

static void teardown(void)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", tmpdir);
    ck_assert_int_eq(system(cmd), 0);
}

/* Whether the list of kinds over the index holds display as a name of
 * place (1), as a person's or organisation's (0), or not at all (-1). */
static int listed(byl_searcher *s, const char *display)
{
    byl_search_opts o;
    byl_search_opts_init(&o);
    int r = -1;
    for (unsigned kind = BYL_NAMES_WHO; kind <= BYL_NAMES_PLACE; kind <<= 1) {
        byl_name_count *nc;
        size_t n;
        ck_assert_int_eq(byl_names_top(s, NULL, &o, kind, 100, &nc, &n), BYL_OK);
        for (size_t i = 0; i < n; i++)
            if (!strcmp(nc[i].display, display)) {
                ck_assert_int_eq(r, -1); /* never in both lists */
                r = kind == BYL_NAMES_PLACE;
            }
        byl_free(nc);
    }
    return r;
}

/* Seven articles name each town the same neutral way, the eighth places
 * it ("in Bahodopi"): over all mentions the town is a place, though most
 * of its mentions, and all of the first five articles, say nothing.  A
 * firm placed once and speaking once stays a firm. */
START_TEST(test_names_by_all_mentions)
{
    static const char *const towns[] = {"Bahodopi", "Al Wukair", "Sefwi Bekwai", "Hagonoy"};
    byl_index_opts io = {.mem_budget = 1 << 20, .title_weight = 2, .replace = 1};
    byl_index_writer *w;
    ck_assert_int_eq(byl_index_writer_open(tmpdir, &io, &w), BYL_OK);
    for (int d = 0; d < 8; d++) {
        char body[2048], id[16];
        size_t o = 0;
        for (size_t t = 0; t < sizeof towns / sizeof towns[0]; t++)
            o += (size_t)snprintf(body + o, sizeof body - o,
                                  d == 7 ? "Fishermen in %s say the river is red. "
                                         : "The %s feast drew crowds again. ",
                                  towns[t]);
        /* the firm: placed in one article, speaking in another */
        o += (size_t)snprintf(body + o, sizeof body - o, "%s",
                              d == 2   ? "Its office in Kestrel Nordvik is shut. "
                              : d == 5 ? "Kestrel Nordvik said it would appeal. "
                                       : "The Kestrel Nordvik vessels sailed. ");
        snprintf(id, sizeof id, "a%d", d);
        byl_article a = {.id = id, .id_len = strlen(id), .title = "Red rivers",
                         .title_len = 10, .body = body, .body_len = o, .author = "",
                         .source = "", .url = "", .date = 86400LL * (d + 1), .file = "t"};
        ck_assert_int_eq(byl_index_writer_add(w, &a), BYL_OK);
    }
    ck_assert_int_eq(byl_index_writer_commit(w), BYL_OK);
    byl_index_writer_free(w);
    byl_index *ix;
    byl_searcher *s;
    ck_assert_int_eq(byl_index_open(tmpdir, &ix), BYL_OK);
    ck_assert_int_eq(byl_searcher_new(&ix, 1, &s), BYL_OK);
    for (size_t t = 0; t < sizeof towns / sizeof towns[0]; t++)
        ck_assert_msg(listed(s, towns[t]) == 1, "%s: not a place", towns[t]);
    ck_assert_int_eq(listed(s, "Kestrel Nordvik"), 0);
    byl_searcher_free(s);
    byl_index_close(ix);
}
END_TEST

static Suite *where_suite(void)
{
    Suite *s = suite_create("where");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_place_contexts);
    tcase_add_test(tc, test_who_contexts);
    tcase_add_test(tc, test_neutral_contexts);
    tcase_add_test(tc, test_own_words);
    tcase_add_test(tc, test_place_kinds);
    suite_add_tcase(s, tc);
    TCase *tn = tcase_create("names");
    tcase_add_checked_fixture(tn, setup, teardown);
    tcase_add_test(tn, test_names_by_all_mentions);
    suite_add_tcase(s, tn);
    return s;
}

int main(void) { return byl_test_run(where_suite()); }
