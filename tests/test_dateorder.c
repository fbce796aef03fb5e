/*
 * test_dateorder.c - the order of ambiguous numeric dates (doc/dateorder.h)
 * and the places kept apart from --names (text/place.h, query/names.c).
 *
 * Dates: every rule of the evidence as a case; then the readers -- a text
 * article decided by its own other dates, by the files of its run, by an
 * explicit order that wins over all; JSON date fields decided by the
 * record and by the records before it -- and invariants over seeded random
 * articles: whatever the evidence, an ambiguous date is read as one of its
 * two readings (never lost, never a third date), one with a part above 12
 * is read the same in every mode, and random and mutated bytes through the
 * scanner never read past their end (ASan) nor crash.
 * Places: keys of the gazetteer; an index whose names are listed without
 * places by default, with them apart on request, and name: queries that
 * still find a place.
 *
 * Not for: parsing dates (test_text.c), finding names (test_analyzer.c).
 */
#include <check.h>

#include "check_main.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "byline.h"
#include "doc/date.h"
#include "doc/dateorder.h"
#include "doc/reader.h"
#include "text/place.h"
#include "util/err.h"
#include "util/mem.h"

static char dir[128];

static const char *put(const char *name, const char *text)
{
    static char paths[4][512]; /* the last four stay valid */
    static int at;
    char *path = paths[at++ % 4];
    snprintf(path, 512, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    fclose(f);
    return path;
}

static void setup(void)
{
    snprintf(dir, sizeof dir, "/tmp/byl-dateorder-%d", (int)getpid());
    char cmd[400];
    snprintf(cmd, sizeof cmd, "rm -rf %s && mkdir -p %s", dir, dir);
    ck_assert_int_eq(system(cmd), 0);
}

static void teardown(void)
{
    char cmd[400];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", dir);
}

static int order_of(const char *s)
{
    byl_date_votes v = {0};
    /* an exact-size copy: ASan sees any read past the end */
    size_t n = strlen(s);
    char *c = malloc(n ? n : 1);
    memcpy(c, s, n);
    byl_date_votes_add(&v, c, n);
    free(c);
    return byl_date_votes_order(&v);
}

/* Every rule of dateorder.h, and what is no evidence. */
/* The year of a date written without one is the one nearest the
 * reference, always within half a year of it (a property over random
 * references and days); the latest whole date is kept as written; the
 * nearer reading of an ambiguous date is the one within half a year. */
START_TEST(test_near)
{
    ck_assert_int_eq(byl_date_near(20270104, 12, 30), 2026);
    ck_assert_int_eq(byl_date_near(20261230, 1, 2), 2027);
    ck_assert_int_eq(byl_date_near(20261205, 12, 4), 2026);
    ck_assert_int_eq(byl_date_near(0, 12, 4), 0); /* no evidence: no year */
    ck_assert_int_eq(byl_date_near(20261205, 13, 4), 0);
    ck_assert_int_eq(byl_date_near(20270301, 2, 29), 2028); /* only leap years have it */
    unsigned seed = 17;
    for (int i = 0; i < 20000; i++) {
        int y = 1950 + (int)(rand_r(&seed) % 200), m = 1 + (int)(rand_r(&seed) % 12),
            d = 1 + (int)(rand_r(&seed) % 28);
        int mo = 1 + (int)(rand_r(&seed) % 12), dd = 1 + (int)(rand_r(&seed) % 28);
        uint32_t ref = (uint32_t)(y * 10000 + m * 100 + d);
        int got = byl_date_near(ref, mo, dd);
        ck_assert_int_ne(got, 0);
        int64_t gap = byl_days_from_civil(got, mo, dd) - byl_days_from_civil(y, m, d);
        ck_assert_msg(gap >= -184 && gap <= 184, "%u: %d-%d-%d is %lld days off", ref, got, mo, dd,
                      (long long)gap);
    }
    byl_date_votes v = {0};
    const char *t = "Born June 14, 1942 ... on 5 December 2026, and 2026-11-30; 04.12.2026";
    byl_date_votes_add(&v, t, strlen(t));
    ck_assert_uint_eq(v.latest, 20261205);
    byl_date_votes w = {.latest = 20270101};
    byl_date_votes_merge(&v, &w);
    ck_assert_uint_eq(v.latest, 20270101);
    /* a run counts each article settled by its weekdays once */
    byl_date_votes run = {0}, art = {0};
    const char *u = "Updated 05/12/2026\nOn Saturday, December 5 the";
    byl_date_votes_add(&art, u, strlen(u));
    byl_date_votes_merge(&run, &art);
    byl_date_votes_merge(&run, &art);
    ck_assert_uint_eq(run.wday[BYL_VOTE_DMY], 2);
    ck_assert_uint_eq(run.amb, 0); /* the run has no first date of its own */
    ck_assert_int_eq(byl_date_votes_order(&run), BYL_VOTE_DMY);
    const char *a = "Heatwave\n6/12/2026\nText.";
    ck_assert_int_eq(byl_date_order_near(a, strlen(a), 20261205), BYL_VOTE_DMY);
    ck_assert_int_eq(byl_date_order_near(a, strlen(a), 20260601), BYL_VOTE_MDY);
    ck_assert_int_eq(byl_date_order_near(a, strlen(a), 0), -1);
    const char *b = "no date, 26/11/2026 is not ambiguous, 7/7/2026 reads alike";
    ck_assert_int_eq(byl_date_order_near(b, strlen(b), 20261205), -1);
}
END_TEST

START_TEST(test_votes)
{
    static const struct {
        const char *s;
        int order;
    } cases[] = {
        {"on 7 November 2025 the", BYL_DATE_DMY},
        {"on 28\xC2\xA0Nov\xE2\x80\x8B" "ember 2025", BYL_DATE_DMY}, /* as pasted */
        {"Nov.\xE3\x80\x80" "7\xEF\xBB\xBF, 2025", BYL_DATE_MDY},
        {"on November 7, 2025 the", BYL_DATE_MDY},
        {"Nov. 7 deadline", BYL_DATE_MDY},
        {"the 7th of Nov", BYL_DATE_DMY},
        {"Tuesday 2nd December", BYL_DATE_DMY},
        {"Tuesday, 14 October 2025", BYL_DATE_DMY},
        /* an RFC 2822 header date (RSS pubDate) is the standard's order */
        {"Tue, 14 Oct 2025 14:34:00 +0000", -1},
        {"Mon, 19 May 2025 11:05:00 +0200", -1},
        {"mon, 19 May 2025", -1},
        {"Lemon, 19 May 2025", BYL_DATE_DMY},
        {"Updated 14/11/2026", BYL_DATE_DMY},
        {"Updated 11/14/2026", BYL_DATE_MDY},
        {"07.11.2025", BYL_DATE_DMY},
        {"25-12-26 results", BYL_DATE_DMY},
        /* numeric evidence outweighs written */
        {"November 7, 2025; November 8, 2025; 14/11/2026", BYL_DATE_DMY},
        /* a tie decides nothing; nor do ambiguous or other numbers */
        {"7 November 2025 and December 8, 2025", -1},
        {"11/07/2025", -1},
        {"2025-11-07 and 20251107", -1},
        {"version 1.2.3 and 3.14", -1},
        {"in November 2025", -1},
        {"Theresa May 5 times", -1},
        {"5 May", -1},
        {"5 May 2025", BYL_DATE_DMY},
        {"May 5, 2025", BYL_DATE_MDY},
        {"March 3.5% rise", -1},
        {"at 2:34 p.m.", -1},
        {"the Marchers 7", -1},
        /* a time zone after a time: its country's habit */
        {"Updated: 05/12/2026 14:20 IST", BYL_DATE_DMY},
        {"Updated 4.42pm AEDT", BYL_DATE_DMY},
        {"Last updated: 5/12 16:42 (SAST)", BYL_DATE_DMY},
        {"Published 12/05/2026 10:14 AM EST", BYL_DATE_MDY},
        {"Nov 26, 2025, 2:34 a.m. ET", BYL_DATE_MDY}, /* the zone and the month agree */
        {"filed at 4pm PT", BYL_DATE_MDY},
        {"on November 7, 2025 at 14:20 IST", BYL_DATE_DMY}, /* the zone beats the prose */
        {"the IST office; GMT plus two", -1},                /* no time before it */
        {"14:20 UTC", -1},
        {"14:20 JST", -1},
        {"rose 4% ET, 3 PT", -1}, /* a number is no time */
        /* money: day-first currencies, never a side for the dollar */
        {"a \xE2\x82\xAC" "4.2m plan", BYL_DATE_DMY},
        {"\xC2\xA3" "5 and \xE2\x82\xB9" "48 crore", BYL_DATE_DMY},
        {"A$30m", BYL_DATE_DMY},
        {"NZ$3bn", BYL_DATE_DMY},
        {"US$30m and C$4m", -1},
        {"$30m", -1},
        {"\xE2\x82\xAC" "50bn ($54bn)", -1},                     /* no more than the dollars */
        {"on November 7, 2025, \xC2\xA3" "5", BYL_DATE_MDY}, /* the prose beats money */
        /* a weekday settles the first ambiguous date: a dated weekday
         * within ten days of one reading, right for the year */
        {"Updated: 05/12/2026\nThe court on Saturday, December 5, ruled", BYL_DATE_DMY},
        {"Updated: 05/12/2026\nThe court on Tuesday, May 12, ruled", BYL_DATE_MDY},
        {"Updated: 05/12/2026\nOn Thursday 3rd December the", BYL_DATE_DMY},
        {"Posted 05/12/2026. Talks on Tue 12 May", BYL_DATE_MDY},
        {"Sat 05/12/2026", BYL_DATE_DMY},
        {"Tue 05/12/2026", BYL_DATE_MDY},
        {"Wed 05/12/2026", -1}, /* neither reading is a Wednesday */
        /* a masthead or an issue's line names its day in words on the
         * date's line or the one above it */
        {"Your Tuesday letter on coffee\nIssue 61 | 01/12/2026 | Kigali", BYL_DATE_DMY},
        {"The Monday note | 01/12/2026", BYL_DATE_MDY},
        {"Tuesday or Monday | 01/12/2026", -1}, /* two days: no evidence */
        {"Tuesday.\n\nIssue 61 | 01/12/2026", -1}, /* a blank line between */
        /* a weekday wrong for the year is no evidence: the prose decides */
        {"Updated: 05/12/2026\non Friday, December 5 the", BYL_DATE_MDY},
        /* a bare date may be any day: only its order counts */
        {"Updated: 05/12/2026\nthe deadline of 12 May 2026", BYL_DATE_DMY},
        /* numeric evidence still comes first */
        {"05/12/2026, 11/14/2026; on Saturday, December 5", BYL_DATE_MDY},
        {"", -1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        ck_assert_msg(order_of(cases[i].s) == cases[i].order, "%s: %d, not %d", cases[i].s,
                      order_of(cases[i].s), cases[i].order);
}
END_TEST

/* The date of the one article of a plain-text file, read with order. */
static int64_t text_date(const char *path, int order, int hint)
{
    byl_reader *r;
    ck_assert_int_eq(byl_reader_open(path, BYL_FMT_TEXT, NULL, NULL, &r), BYL_OK);
    ck_assert_int_eq(byl_reader_set_date_order(r, order), BYL_OK);
    ck_assert_int_eq(byl_reader_set_date_hint(r, hint), BYL_OK);
    byl_article a;
    ck_assert_int_eq(byl_reader_next(r, &a), 1);
    int64_t t = a.date;
    byl_reader_close(r);
    return t;
}

static int64_t day(int y, int m, int d)
{
    return byl_days_from_civil(y, m, d) * 86400;
}

START_TEST(test_text_article)
{
    const char *p = put("a.txt", "Published Date : 11/07/2025\nTitle here\n\n"
                                 "The talks of 3 March 2025 failed.\n");
    ck_assert_int_eq(text_date(p, BYL_DATE_AUTO, -1), day(2025, 7, 11));
    ck_assert_int_eq(text_date(p, BYL_DATE_AUTO, BYL_DATE_MDY), day(2025, 7, 11)); /* article first */
    ck_assert_int_eq(text_date(p, BYL_DATE_MDY, -1), day(2025, 11, 7));            /* asked: wins */
    p = put("b.txt", "Title here\nBy Jane Roe\nPublished: 11/07/2025\n\n"
                     "The talks of March 3, 2025 failed.\n");
    ck_assert_int_eq(text_date(p, BYL_DATE_AUTO, BYL_DATE_DMY), day(2025, 11, 7));
    ck_assert_int_eq(text_date(p, BYL_DATE_DMY, -1), day(2025, 7, 11));
    p = put("c.txt", "Title here\n11/07/2025\n\nNo other date here.\n");
    ck_assert_int_eq(text_date(p, BYL_DATE_AUTO, -1), day(2025, 11, 7)); /* nothing: month first */
    ck_assert_int_eq(text_date(p, BYL_DATE_AUTO, BYL_DATE_DMY), day(2025, 7, 11)); /* the run's */
    /* a sidecar's ambiguous date follows the article's evidence */
    p = put("d.txt", "Title here\n\nThe vote of 5 May 2025 was close.\n");
    put("d.json", "{\"date\": \"02/03/2025\"}");
    ck_assert_int_eq(text_date(p, BYL_DATE_AUTO, -1), day(2025, 3, 2));
}
END_TEST

/* The dates of the records of a JSON Lines file. */
static size_t jsonl_dates(const char *path, int order, int64_t *out, size_t cap)
{
    byl_reader *r;
    ck_assert_int_eq(byl_reader_open(path, BYL_FMT_JSONL, NULL, NULL, &r), BYL_OK);
    ck_assert_int_eq(byl_reader_set_date_order(r, order), BYL_OK);
    byl_article a;
    size_t n = 0;
    while (n < cap && byl_reader_next(r, &a) == 1)
        out[n++] = a.date;
    byl_reader_close(r);
    return n;
}

START_TEST(test_jsonl)
{
    int64_t d[4];
    const char *p = put("a.jsonl",
                        "{\"id\":\"1\",\"title\":\"T\",\"body\":\"On 3 March 2025 it rained.\","
                        "\"date\":\"11/07/2025\"}\n"
                        "{\"id\":\"2\",\"title\":\"T\",\"body\":\"Nothing.\",\"date\":\"02/03/2025\"}\n"
                        "{\"id\":\"3\",\"title\":\"T\",\"body\":\"On March 3, 2025 it rained; "
                        "on March 4, 2025 too.\",\"date\":\"02/03/2025\"}\n");
    ck_assert_uint_eq(jsonl_dates(p, BYL_DATE_AUTO, d, 4), 3);
    ck_assert_int_eq(d[0], day(2025, 7, 11)); /* its body */
    ck_assert_int_eq(d[1], day(2025, 3, 2));  /* the record before it */
    ck_assert_int_eq(d[2], day(2025, 2, 3));  /* its own body, over the file's */
    ck_assert_uint_eq(jsonl_dates(p, BYL_DATE_MDY, d, 4), 3);
    ck_assert_int_eq(d[0], day(2025, 11, 7));
    ck_assert_int_eq(d[1], day(2025, 2, 3));
    /* the other date fields of the record vote too */
    p = put("b.jsonl", "{\"id\":\"1\",\"title\":\"T\",\"body\":\"x\",\"date\":\"11/07/2025\","
                       "\"published\":\"25/07/2025\"}\n");
    ck_assert_uint_eq(jsonl_dates(p, BYL_DATE_AUTO, d, 4), 1);
    ck_assert_int_eq(d[0], day(2025, 7, 11));
}
END_TEST

/* A run: files given one by one and a folder vote for the articles that
 * settle nothing themselves, whichever is read first. */
static int64_t run_date(const char *const *paths, size_t n, int order, const char *id)
{
    byline_input_opts io;
    byline_input_opts_init(&io);
    if (order >= 0)
        io.date_order = order;
    byline_input *in;
    ck_assert_int_eq(byline_input_open_many(paths, n, &io, &in), BYLINE_OK);
    byline_article a;
    int64_t t = 1; /* no article with this id: no date is 1 */
    int rc;
    while ((rc = byline_input_next(in, &a)) == 1)
        if (a.id_len >= strlen(id) && memcmp(a.id + a.id_len - strlen(id), id, strlen(id)) == 0)
            t = a.date;
    ck_assert_int_eq(rc, 0);
    byline_input_close(in);
    return t;
}

START_TEST(test_run)
{
    char a[300], z[300], folder[200];
    snprintf(folder, sizeof folder, "%s/f", dir);
    ck_assert_int_eq(mkdir(folder, 0755), 0);
    put("f/a.txt", "Headline one\nPublished Date : 02/12/2026\n\nNo other date.\n");
    put("f/z.txt", "Headline two\nPublished Date : 14/11/2026\n\nNo other date.\n");
    snprintf(a, sizeof a, "%s/f/a.txt", dir);
    snprintf(z, sizeof z, "%s/f/z.txt", dir);
    const char *both[] = {a, z}, *alone[] = {a}, *dirs[] = {folder};
    ck_assert_int_eq(run_date(both, 2, -1, "a.txt"), day(2026, 12, 2));
    ck_assert_int_eq(run_date(dirs, 1, -1, "a.txt"), day(2026, 12, 2));
    ck_assert_int_eq(run_date(alone, 1, -1, "a.txt"), day(2026, 2, 12));
    ck_assert_int_eq(run_date(both, 2, BYLINE_DATE_MDY, "a.txt"), day(2026, 2, 12));
    byline_input_opts io;
    byline_input_opts_init(&io);
    ck_assert_int_eq(io.date_order, BYLINE_DATE_AUTO);
}
END_TEST

static uint32_t rnd(uint64_t *s)
{
    *s = *s * 6364136223846793005ull + 1442695040888963407ull;
    return (uint32_t)(*s >> 33);
}

/* Invariants over seeded random articles: an ambiguous date is one of its
 * two readings, whatever evidence surrounds it; an unambiguous one is the
 * same in every mode; the evidence decides as the votes say. */
START_TEST(test_random_articles)
{
    static const char *const dmy[] = {"on 4 March 2024 ", "the 21st of June ", "(03.04.2024) ",
                                      "by 30/01/2024 "};
    static const char *const mdy[] = {"on March 4, 2024 ", "on June 21st ", "by 01/30/2024 "};
    static const char *const noise[] = {"the talks ", "May ", "2024 ", "3.5% ", "2:30 p.m. ",
                                        "March ", "on 12 ", "11/07 ", "Marchers "};
    uint64_t seed = 14;
    for (int it = 0; it < 300; it++) {
        int dd = 1 + (int)(rnd(&seed) % 28), mm = 1 + (int)(rnd(&seed) % 12);
        int amb = dd <= 12 && dd != mm;
        char body[2048] = "";
        byl_date_votes truth = {0};
        int nw = (int)(rnd(&seed) % 8);
        for (int k = 0; k < nw; k++) {
            unsigned pick = rnd(&seed) % 3;
            const char *w = pick == 0   ? dmy[rnd(&seed) % 4]
                            : pick == 1 ? mdy[rnd(&seed) % 3]
                                        : noise[rnd(&seed) % 9];
            strcat(body, w);
        }
        byl_date_votes_add(&truth, body, strlen(body));
        char text[2300];
        snprintf(text, sizeof text, "A headline\nPublished Date : %02d/%02d/2025\n\n%s.\n", dd, mm,
                 body);
        const char *p = put("r.txt", text);
        int64_t t = text_date(p, BYL_DATE_AUTO, -1);
        int64_t as_d = day(2025, mm, dd), as_m = dd <= 12 ? day(2025, dd, mm) : as_d;
        ck_assert_msg(t == as_d || t == as_m, "%s: a third date", text);
        int want = byl_date_votes_order(&truth);
        if (want < 0 && truth.latest) { /* no vote: the reading nearer its latest whole date */
            int64_t ref = day((int)(truth.latest / 10000), (int)(truth.latest / 100 % 100),
                              (int)(truth.latest % 100));
            int64_t gd = as_d > ref ? as_d - ref : ref - as_d, gm = as_m > ref ? as_m - ref : ref - as_m;
            want = gd < gm ? BYL_DATE_DMY : gm < gd ? BYL_DATE_MDY : -1;
        }
        if (!amb)
            ck_assert_msg(t == as_d || dd == mm, "%s: unambiguous, misread", text);
        else
            ck_assert_msg(t == (want == BYL_DATE_DMY ? as_d : as_m), "%s: votes %d", text, want);
    }
}
END_TEST

/* Random and mutated bytes: the scanner never crashes nor reads past n. */
START_TEST(test_random_bytes)
{
    static const char *const seeds[] = {"7 November 2025", "November 7, 2025", "14/11/2026",
                                        "07.11.2025", "the 7th of Nov", "May 5, 2025"};
    static const char alphabet[] = "0123456789/.-, ofthMayNovember\t\n";
    uint64_t seed = 7;
    for (int it = 0; it < 20000; it++) {
        char buf[40];
        size_t n;
        if (it & 1) {
            const char *s = seeds[rnd(&seed) % 6];
            n = strlen(s);
            memcpy(buf, s, n);
            for (int m = (int)(rnd(&seed) % 4); m >= 0; m--) {
                size_t at = rnd(&seed) % n;
                buf[at] = (char)(rnd(&seed) & 1 ? alphabet[rnd(&seed) % (sizeof alphabet - 1)]
                                                : (char)rnd(&seed));
            }
            n = rnd(&seed) % (n + 1); /* cut anywhere */
        } else {
            n = rnd(&seed) % sizeof buf;
            for (size_t i = 0; i < n; i++)
                buf[i] = alphabet[rnd(&seed) % (sizeof alphabet - 1)];
        }
        char *c = malloc(n ? n : 1);
        memcpy(c, buf, n);
        byl_date_votes v = {0};
        byl_date_votes_add(&v, c, n);
        free(c);
        int o = byl_date_votes_order(&v);
        ck_assert(o == -1 || o == BYL_DATE_MDY || o == BYL_DATE_DMY);
    }
}
END_TEST

/* ---- places ---------------------------------------------------------- */

START_TEST(test_place_keys)
{
    /* keys as the analyzer makes them: two words in byte order */
    ck_assert_int_eq(byl_place_is("aires buenos", 12), 1);
    ck_assert_int_eq(byl_place_is("hong kong", 9), 1);
    ck_assert_int_eq(byl_place_is("antwerp", 7), 1);
    ck_assert_int_eq(byl_place_is("sao paulo", 9) + byl_place_is("paulo sao", 9), 1);
    ck_assert_int_eq(byl_place_is("of saudi arabia kingdom", 23), 0);
    ck_assert_int_eq(byl_place_is("united states of america", 24), 1);
    ck_assert_int_eq(byl_place_is("hong kong exchanges", 19), 0); /* an organisation */
    ck_assert_int_eq(byl_place_is("bytedance", 9), 0);
    ck_assert_int_eq(byl_place_is("denver international airport", 28), 1);
    ck_assert_int_eq(byl_place_is("adelaide oval", 13), 1);    /* two words, sorted */
    ck_assert_int_eq(byl_place_is("oval zzz", 8), 1);
    ck_assert_int_eq(byl_place_is("air gulf", 8), 0);          /* Gulf Air */
    ck_assert_int_eq(byl_place_is("airport authority", 17), 0);
    ck_assert_int_eq(byl_place_is("airport", 7), 0);            /* the word alone */
    ck_assert_int_eq(byl_place_is("city manchester", 15), 0);
    ck_assert_int_eq(byl_place_is("islamic state", 13), 0);
    /* a kind of place written first (round 18), not beside an
     * organisation's word */
    ck_assert_int_eq(byl_place_is("alder port", 10), 1);         /* Port Alder */
    ck_assert_int_eq(byl_place_is("ellis fort", 10), 1);         /* Fort Ellis */
    ck_assert_int_eq(byl_place_is("authority port", 14), 0);     /* Port Authority */
    ck_assert_int_eq(byl_place_is("bay bridge", 10), 1);
    ck_assert_int_eq(byl_place_is("port", 4), 0);
    ck_assert_int_eq(byl_place_is("buenos aires", 12), 0);        /* not a key */
    /* a part of a place (round 20): a compass or region word beside a
     * place of the gazetteer or of the one-word list, either order */
    ck_assert_int_eq(byl_place_is("asia west", 9), 1);            /* West Asia */
    ck_assert_int_eq(byl_place_is("atlantic canada", 15), 1);
    ck_assert_int_eq(byl_place_is("canada eastern", 14), 1);
    ck_assert_int_eq(byl_place_is("greater lisbon", 14), 1);
    ck_assert_int_eq(byl_place_is("south east asia", 15), 1);
    ck_assert_int_eq(byl_place_is("bank central", 12), 0);         /* Central Bank */
    ck_assert_int_eq(byl_place_is("ham west", 8), 0);              /* West Ham */
    ck_assert_int_eq(byl_place_is("union western", 13), 0);        /* Western Union */
    /* roads; Irish and Scots islands and lakes; Irish and Welsh towns */
    ck_assert_int_eq(byl_place_is("castle peak road", 16), 1);
    ck_assert_int_eq(byl_place_is("nathan road", 11), 1);
    ck_assert_int_eq(byl_place_is("beag inis", 9), 1);
    ck_assert_int_eq(byl_place_is("lough neagh", 11), 1);
    ck_assert_int_eq(byl_place_is("ballymaloe", 10), 1);
    ck_assert_int_eq(byl_place_is("llandovery", 10), 1);
    ck_assert_int_eq(byl_place_is("ballard", 7), 0);               /* a surname */
    ck_assert_int_eq(byl_place_is("road safety authority", 21), 0);
    ck_assert_int_eq(byl_place_is("street wall", 11), 0);          /* Wall Street */
    ck_assert_int_eq(byl_place_is("", 0) + byl_place_is(NULL, 3), 0);
    char big[200];
    memset(big, 'a', sizeof big);
    ck_assert_int_eq(byl_place_is(big, sizeof big), 0);
}
END_TEST

START_TEST(test_names_without_places)
{
    char idx[300];
    snprintf(idx, sizeof idx, "%s/idx", dir);
    byline_writer *w;
    ck_assert_int_eq(byline_writer_open(idx, NULL, &w), BYLINE_OK);
    static const char *const bodies[] = {
        "Officials in Buenos Aires said Maria Lopez of Banco Macro would speak. "
        "Reporters in New York and Antwerp waited.",
        "Maria Lopez of Banco Macro flew from Buenos Aires to New York.",
    };
    for (int i = 0; i < 2; i++) {
        char id[16];
        snprintf(id, sizeof id, "d%d", i);
        byline_article a = {id, strlen(id), "Talks", 5, bodies[i], strlen(bodies[i]), "", 0,
                            "", 0, "", 0, "", 0, BYLINE_NO_DATE};
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
    byline_name *nm;
    size_t n;
    ck_assert_int_eq(byline_names(s, NULL, &o, 50, &nm, &n), BYLINE_OK);
    int lopez = 0;
    for (size_t i = 0; i < n; i++) {
        ck_assert_msg(strcmp(nm[i].key, "aires buenos") && strcmp(nm[i].key, "new york"),
                      "%s listed", nm[i].display);
        ck_assert_int_eq(nm[i].kind, BYLINE_NAME_WHO);
        lopez |= strcmp(nm[i].key, "lopez maria") == 0;
    }
    ck_assert(lopez);
    byline_free(nm);
    ck_assert_int_eq(byline_names_kind(s, NULL, &o, BYLINE_NAME_PLACE, 50, &nm, &n), BYLINE_OK);
    ck_assert_uint_ge(n, 2);
    for (size_t i = 0; i < n; i++)
        ck_assert_int_eq(nm[i].kind, BYLINE_NAME_PLACE);
    ck_assert_str_eq(nm[0].display, "Buenos Aires"); /* 2 articles; then "new york" */
    byline_free(nm);
    ck_assert_int_eq(byline_names_kind(s, NULL, &o, BYLINE_NAME_PLACE | BYLINE_NAME_WHO, 50, &nm,
                                       &n), BYLINE_OK);
    size_t kinds[3] = {0};
    for (size_t i = 0; i < n; i++)
        kinds[nm[i].kind]++;
    ck_assert(kinds[BYLINE_NAME_WHO] > 0 && kinds[BYLINE_NAME_PLACE] >= 2);
    byline_free(nm);
    /* a place is still a name a query finds */
    byline_query *q;
    ck_assert_int_eq(byline_query_parse("name:\"Buenos Aires\"", &q), BYLINE_OK);
    size_t nh;
    uint64_t total;
    o.collapse = BYLINE_COLLAPSE_NONE;
    ck_assert_int_eq(byline_search(s, q, &o, &nh, &total), BYLINE_OK);
    ck_assert_uint_eq(total, 2);
    byline_query_free(q);
    byline_searcher_free(s);
    byline_close(c);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("dateorder");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_votes);
    tcase_add_test(tc, test_near);
    tcase_add_test(tc, test_text_article);
    tcase_add_test(tc, test_jsonl);
    tcase_add_test(tc, test_run);
    tcase_add_test(tc, test_random_articles);
    tcase_add_test(tc, test_random_bytes);
    tcase_add_test(tc, test_place_keys);
    tcase_add_test(tc, test_names_without_places);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return byl_test_run(suite());
}
