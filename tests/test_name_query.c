/*
 * test_name_query.c - a name: query written as a reader copies a name from
 * the text finds the article the index found it in: the words the index
 * leaves out of a name's key (a company's legal form written with dots or
 * after a country's letter in brackets, a leading "The") are left out of
 * the query's key alike.  Generated: companies of several countries x
 * legal forms x places in the sentence, outlets with and without "The".
 *
 * Not for: which names the analyzer finds (test_analyzer.c, with the rows
 * of docs/TOKENIZATION.md), nor the list of names (test_dateorder.c,
 * bench/names/web.py).
 */
#include <check.h>

#include "check_main.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "byline.h"

static char dir[64];

static void setup(void)
{
    strcpy(dir, "/tmp/byl-namequery-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(dir));
}

static void teardown(void)
{
    char cmd[96];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    ck_assert_int_eq(system(cmd), 0);
}

/* The number of articles the query q matches in the searcher s. */
static uint64_t count(byline_searcher *s, const char *q)
{
    byline_query *pq;
    ck_assert_int_eq(byline_query_parse(q, &pq), BYLINE_OK);
    byline_search_opts o;
    byline_search_opts_init(&o);
    o.collapse = BYLINE_COLLAPSE_NONE;
    size_t nh;
    uint64_t total = 0;
    ck_assert_int_eq(byline_search(s, pq, &o, &nh, &total), BYLINE_OK);
    byline_query_free(pq);
    return total;
}

static const char *const company[] = {"Denizli Tekstil Sanayi ve Ticaret", "Ege Kalkınma Bankası",
                                      "Ekobat Recycling", "Ljubljana Jeklo", "Gulf Marine Services",
                                      "Victoria Cold Chain", "Fabbrica Tessile Lombarda"};
static const char *const form[] = {"A.Ş.", "s.r.o.", "d.o.o.", "W.L.L.", "S.A.", "S.p.A.", "(T) Ltd",
                                   "(K) Limited", "a.s.",
                                   /* round 25: Spain, Poland, Slovenia, Iceland, Bulgaria, a
                                    * Portuguese cooperative */
                                   "S.L.", "sp. z o.o.", "s.p.", "hf.", "EOOD", "CRL"};
static const char *const frame[] = {"Rates rose on Monday. %s grew its sales.",
                                    "Rates rose on Monday. Loans went to %s and two others.",
                                    "Rates rose on Monday. The buyer, %s, paid in cash."};
static const char *const outlet[] = {"Korea Daybreak", "Himalayan Ledger", "Jerusalem Signal",
                                     "Dnipro Dispatch"};
/* people with a suffix, and bodies after their country's acronym: the
 * query as written (with Jr., with U.S.) and without it */
static const char *const person[] = {"Gerardo Pangilinan", "Ramon Villareal", "Thomas Okafor Mensah"};
static const char *const suffix[] = {"Jr.", "Sr.", "Jr"};
static const char *const agency[] = {"Food and Drug Administration", "Health Security Agency",
                                   "Department of Energy"};
static const char *const country[] = {"U.S.", "UK", "US"};
#define NC (sizeof company / sizeof company[0])
#define NF (sizeof form / sizeof form[0])
#define NO (sizeof outlet / sizeof outlet[0])

START_TEST(test_names_as_written)
{
    char idx[300];
    snprintf(idx, sizeof idx, "%s/idx", dir);
    byline_writer *w;
    ck_assert_int_eq(byline_writer_open(idx, NULL, &w), BYLINE_OK);
    /* article c * NF + f names company c with form f; the outlets come
     * after them, one article each */
    for (size_t c = 0; c < NC; c++)
        for (size_t f = 0; f < NF; f++) {
            char id[16], full[160], body[400];
            snprintf(id, sizeof id, "c%zu-%zu", c, f);
            snprintf(full, sizeof full, "%s %s", company[c], form[f]);
            snprintf(body, sizeof body, frame[(c + f) % 3], full);
            byline_article a = {id, strlen(id), "Talks", 5, body, strlen(body), "", 0,
                                "", 0, "", 0, "", 0, BYLINE_NO_DATE};
            ck_assert_int_eq(byline_writer_add(w, &a), BYLINE_OK);
        }
    for (size_t o = 0; o < NO; o++) {
        char id[16], body[300];
        snprintf(id, sizeof id, "o%zu", o);
        snprintf(body, sizeof body, "Rates rose on Monday, The %s reported. Mills were shut.", outlet[o]);
        byline_article a = {id, strlen(id), "Talks", 5, body, strlen(body), "", 0,
                            "", 0, "", 0, "", 0, BYLINE_NO_DATE};
        ck_assert_int_eq(byline_writer_add(w, &a), BYLINE_OK);
    }
    for (size_t p = 0; p < 3; p++) {
        char id[16], body1[400];
        snprintf(id, sizeof id, "p%zu", p);
        snprintf(body1, sizeof body1,
                 "Rates rose on Monday. Engineer %s %s of the district office was held. "
                 "A submission to the %s %s is planned.",
                 person[p], suffix[p], country[p], agency[p]);
        byline_article a = {id, strlen(id), "Talks", 5, body1, strlen(body1), "", 0,
                            "", 0, "", 0, "", 0, BYLINE_NO_DATE};
        ck_assert_int_eq(byline_writer_add(w, &a), BYLINE_OK);
    }
    ck_assert_int_eq(byline_writer_commit(w), BYLINE_OK);
    byline_writer_free(w);
    byline_collection *col;
    byline_searcher *s;
    ck_assert_int_eq(byline_open(idx, &col), BYLINE_OK);
    ck_assert_int_eq(byline_searcher_new(col, &s), BYLINE_OK);
    for (size_t c = 0; c < NC; c++) {
        char q[200];
        /* the name without its form is in every article of the company */
        snprintf(q, sizeof q, "name:\"%s\"", company[c]);
        ck_assert_msg(count(s, q) == NF, "%s: %llu articles", q, (unsigned long long)count(s, q));
        /* and so is the name with any of its forms, as written */
        for (size_t f = 0; f < NF; f++) {
            snprintf(q, sizeof q, "name:\"%s %s\"", company[c], form[f]);
            ck_assert_msg(count(s, q) == NF, "%s: %llu articles", q, (unsigned long long)count(s, q));
        }
    }
    for (size_t o = 0; o < NO; o++) {
        char q[200];
        snprintf(q, sizeof q, "name:\"The %s\"", outlet[o]);
        ck_assert_msg(count(s, q) == 1, "%s: %llu articles", q, (unsigned long long)count(s, q));
        snprintf(q, sizeof q, "name:\"%s\"", outlet[o]);
        ck_assert_msg(count(s, q) == 1, "%s: %llu articles", q, (unsigned long long)count(s, q));
    }
    for (size_t p = 0; p < 3; p++) {
        char q[200];
        for (size_t v = 0; v < 2; v++) {
            snprintf(q, sizeof q, v ? "name:\"%s %s\"" : "name:\"%s\"", person[p], suffix[(p + v) % 3]);
            ck_assert_msg(count(s, q) == 1, "%s: %llu articles", q, (unsigned long long)count(s, q));
            snprintf(q, sizeof q, v ? "name:\"%s %s\"" : "name:\"%s\"", v ? country[(p + 1) % 3] : agency[p],
                     agency[p]);
            ck_assert_msg(count(s, q) == 1, "%s: %llu articles", q, (unsigned long long)count(s, q));
        }
    }
    /* "the" alone is no name, and a name of "The" and one word is the
     * word's */
    ck_assert_uint_eq(count(s, "name:\"the\""), 0);
    byline_searcher_free(s);
    byline_close(col);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("name_query");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_names_as_written);
    suite_add_tcase(s, tc);
    return s;
}

int main(void) { return byl_test_run(suite()); }
