/*
 * test_headline.c - the head-line features and the title model of the
 * plain-text reader (doc/headline.h): the line splitter, what the features
 * say of known lines, that the generated weights make the trainer's
 * choices on the checked-in sets (tests/data/headmodel_picks.tsv, written
 * with the weights by bench/names/headmodel.py), and that headlines under
 * page chrome the rules take are found, with the rules' line kept in the
 * body.  Not for: the rules' own layouts (test_text.c, docs/ARTICLES.md).
 */
#include <check.h>
#include "check_main.h"
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "gen.h"
#include "doc/_reader.h"
#include "doc/headline.h"
#include "doc/reader.h"
#include "util/err.h"
#include "util/mem.h"

static char tmpdir[256];

static int rm_one(const char *p, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    return remove(p);
}

static void setup(void)
{
    strcpy(tmpdir, "/tmp/byl_headline_XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(tmpdir));
}

static void teardown(void) { nftw(tmpdir, rm_one, 16, FTW_DEPTH | FTW_PHYS); }

static const char *data_dir(void)
{
    const char *d = getenv("BYL_TEST_DATA");
    return d ? d : "tests/data";
}

static const char *put(const char *name, const char *text)
{
    static char p[512];
    snprintf(p, sizeof p, "%s/%s", tmpdir, name);
    FILE *f = fopen(p, "wb");
    ck_assert_ptr_nonnull(f);
    ck_assert_uint_eq(fwrite(text, 1, strlen(text), f), strlen(text));
    fclose(f);
    return p;
}

/* ------------------------------------------------------- line splitter */

/* Random lines joined with LF or CRLF, with or without a last line end,
 * come back as they were. */
START_TEST(test_line_next)
{
    uint64_t seed = 14;
    for (int round = 0; round < 200; round++) {
        int nl = 1 + (int)(rnd(&seed) % 8), crlf = rnd(&seed) & 1, end = rnd(&seed) & 1;
        char lines[8][16], text[256] = "";
        for (int i = 0; i < nl; i++) {
            int len = (int)(rnd(&seed) % 10);
            for (int k = 0; k < len; k++)
                lines[i][k] = (char)("ab \tZ9."[rnd(&seed) % 7]);
            lines[i][len] = '\0';
            strcat(text, lines[i]);
            if (i + 1 < nl || end)
                strcat(text, crlf ? "\r\n" : "\n");
        }
        const char *p = text, *e = text + strlen(text);
        byl_line l;
        int i = 0;
        while (byl_line_next(&p, e, &l)) {
            ck_assert_int_lt(i, nl);
            ck_assert_uint_eq((size_t)(l.e - l.p), strlen(lines[i]));
            ck_assert(!memcmp(l.p, lines[i], strlen(lines[i])));
            i++;
        }
        /* a last empty line without its end is no line */
        ck_assert_int_eq(i, nl - (!end && !lines[nl - 1][0]));
    }
}
END_TEST

/* ------------------------------------------------------------ features */

static const char page[] =
    "We use cookies to improve your experience. Accept all | Manage\n"
    "\n"
    "The Harbour Gazette\n"
    "News \xE2\x80\xBA Local \xE2\x80\xBA Transport\n"
    "Ferry operator fined over cancelled winter crossings\n"
    "By Jane Roe\n"
    "5 December 2026\n"
    "The ferry operator that cancelled forty winter crossings was fined on Friday by the "
    "regulator, which said the operator had known for months that its only spare vessel "
    "was out of service.\n"
    "Islanders said the cancelled crossings left shops without fresh food.\n"
    "The Harbour Gazette\n";

static int line_of(const byl_hl_head *h, const char *start)
{
    for (int i = 0; i < h->n; i++)
        if ((size_t)(h->line[i].line.e - h->line[i].line.p) >= strlen(start) &&
            !memcmp(h->line[i].line.p, start, strlen(start)))
            return i;
    ck_abort_msg("no head line starts with %s", start);
    return -1;
}

START_TEST(test_features_of_known_lines)
{
    byl_hl_head *h = malloc(sizeof *h);
    byl_buf cl, sc;
    byl_buf_init(&cl);
    byl_buf_init(&sc);
    const char *rule = strstr(page, "The Harbour");
    ck_assert_int_eq(byl_hl_features(page, strlen(page), BYL_DATE_DMY, rule, &cl, &sc, h),
                     BYL_OK);
    ck_assert_int_eq(h->n, 9); /* the blank line is no head line */
    int cookie = line_of(h, "We use"), mast = line_of(h, "The Harbour"),
        crumbs = line_of(h, "News "), head = line_of(h, "Ferry"), by = line_of(h, "By Jane"),
        day = line_of(h, "5 Dec"), para = line_of(h, "The ferry");
    const float *f = h->line[cookie].f;
    ck_assert(f[BYL_HL_F_first] == 1 && f[BYL_HL_F_chrome] > 0 && f[BYL_HL_F_seps] > 0);
    ck_assert(f[BYL_HL_F_rule] == 0 && f[BYL_HL_F_bias] == 1);
    ck_assert(h->line[mast].f[BYL_HL_F_rule] == 1);
    ck_assert(h->line[mast].f[BYL_HL_F_repeats] == 1); /* again at the end */
    ck_assert(h->line[crumbs].f[BYL_HL_F_seps] > 0.5f);
    f = h->line[head].f;
    ck_assert(f[BYL_HL_F_shape] == 1 && f[BYL_HL_F_head_words] == 1 && f[BYL_HL_F_next_meta] == 1);
    ck_assert(f[BYL_HL_F_recur] > 0.5f); /* ferry, operator, cancelled, crossings */
    ck_assert(f[BYL_HL_F_prev_chrome] == 1 && f[BYL_HL_F_repeats] == 0);
    ck_assert(h->line[cookie].f[BYL_HL_F_recur] < f[BYL_HL_F_recur]);
    ck_assert(h->line[by].f[BYL_HL_F_byline] == 1 && h->line[by].f[BYL_HL_F_credit] == 1);
    ck_assert(h->line[day].f[BYL_HL_F_date] == 1 && h->line[day].f[BYL_HL_F_year] == 1);
    ck_assert(h->line[day].f[BYL_HL_F_prev_meta] == 1);
    ck_assert(h->line[para].f[BYL_HL_F_end_stop] == 1 && h->line[para].f[BYL_HL_F_long_line] == 1);
    ck_assert(h->line[day].f[BYL_HL_F_next_para] == 1);
    /* the shape rank counts headline-shaped lines above */
    ck_assert(h->line[head].f[BYL_HL_F_shape_rank] == 0);
    ck_assert(h->line[by].f[BYL_HL_F_shape_rank] > 0);
    /* doubtful headlines, the only ones the model may replace: chrome,
     * crumbs, a bare masthead; not the headline, nor a paragraph */
    ck_assert(byl_hl_gate(h->line[cookie].f) && byl_hl_gate(h->line[crumbs].f));
    ck_assert(byl_hl_gate(h->line[mast].f) && !byl_hl_gate(h->line[head].f));
    ck_assert(!byl_hl_gate(h->line[para].f));
    for (int i = 0; i < h->n; i++) /* the cheap check says what the features say */
        ck_assert_int_eq(byl_hl_doubtful(&h->line[i].line, page + sizeof page - 1, &cl),
                         byl_hl_rule_doubt(h->line[i].f, h->line[i].words));
    /* the masthead stands over the bar of sections: doubtful as a
     * headline the rules took; the headline, over its byline, is not */
    ck_assert(h->line[mast].f[BYL_HL_F_next_nav] == 1 && h->line[head].f[BYL_HL_F_next_nav] == 0);
    /* the headline's words open the story below it, the cookie banner's do not */
    ck_assert(f[BYL_HL_F_lead_overlap] > 0.5f);
    ck_assert(h->line[cookie].f[BYL_HL_F_lead_overlap] < 0.2f);
    ck_assert(f[BYL_HL_F_meta_below] == 1 && h->line[h->n - 1].f[BYL_HL_F_meta_below] == 0);
    ck_assert(h->line[by].f[BYL_HL_F_lead_in] == 1 && f[BYL_HL_F_lead_in] == 0);
    ck_assert_str_eq(byl_hl_feature_name(BYL_HL_F_recur), "recur");
    ck_assert_str_eq(byl_hl_feature_name(BYL_HL_NFEAT), "?");

    /* BYL_HL_HEAD lines at most */
    byl_buf many;
    byl_buf_init(&many);
    for (int i = 0; i < 3 * BYL_HL_HEAD; i++) {
        char ln[64];
        snprintf(ln, sizeof ln, "Line number %d of a long head\n", i);
        byl_buf_put(&many, ln, strlen(ln));
    }
    ck_assert_int_eq(byl_hl_features((const char *)many.data, many.len, BYL_DATE_DMY, NULL, &cl,
                                     &sc, h),
                     BYL_OK);
    ck_assert_int_eq(h->n, BYL_HL_HEAD);
    byl_buf_reset(&many);
    byl_buf_reset(&cl);
    byl_buf_reset(&sc);
    free(h);
}
END_TEST

/* ------------------------------------------------ the training check */

typedef struct {
    int pick;  /* what byl_hl_pick_title said, -2 before the hook ran */
} pick_t;

static void on_head(void *ctx, const struct byl_hl_head *h)
{
    const char *rule = NULL;
    for (int i = 0; i < h->n; i++)
        if (h->line[i].f[BYL_HL_F_rule] > 0)
            rule = h->line[i].line.p;
    ((pick_t *)ctx)->pick = rule ? byl_hl_pick_title(h, rule) : -1;
}

/* The generated weights take, on every checked-in article, the line the
 * trainer's own scoring took (a stale weights file, or C and Python
 * scoring apart, fails here). */
START_TEST(test_weights_make_the_trainers_picks)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/headmodel_picks.tsv", data_dir());
    FILE *f = fopen(path, "r");
    ck_assert_msg(f != NULL, "cannot read %s", path);
    char ln[1024];
    int n = 0, taken = 0;
    while (fgets(ln, sizeof ln, f)) {
        if (ln[0] == '#')
            continue;
        char set[256], file[512];
        int want;
        ck_assert_int_eq(sscanf(ln, "%255[^\t]\t%511[^\t]\t%d", set, file, &want), 3);
        snprintf(path, sizeof path, "%s/%s/%s", data_dir(), set, file);
        byl_reader *r;
        ck_assert_int_eq(byl_reader_open(path, BYL_FMT_TEXT, NULL, NULL, &r), BYL_OK);
        pick_t pk = {-2};
        r->on_head = on_head;
        r->on_head_ctx = &pk;
        byl_article a;
        while (byl_reader_next(r, &a) == 1)
            ;
        byl_reader_close(r);
        ck_assert_msg(pk.pick == want, "%s/%s: C picks %d, the trainer %d", set, file, pk.pick,
                      want);
        n++;
        taken += want >= 0;
    }
    fclose(f);
    ck_assert_int_ge(n, 100); /* the ten sets */
    ck_assert_int_gt(taken, 0);
}
END_TEST

/* ---------------------------------------- headlines under page chrome */

static char dropped[4096]; /* the lines the reader left out, each + '\n' */

static void on_drop(void *ctx, const char *s, size_t n, int kind)
{
    (void)ctx;
    ck_assert(kind == 'k' || kind == 'b' || kind == 'd');
    ck_assert_uint_lt(strlen(dropped) + n + 1, sizeof dropped);
    strncat(dropped, s, n);
    strcat(dropped, "\n");
}

/* Page chrome the rules take for a headline (each a kind holdout9 showed,
 * written anew) over a headline, a byline and a story: the headline is
 * the title, the chrome stays in the body, the byline is read. */
START_TEST(test_headlines_under_chrome)
{
    static const char *const tops[] = {
        "We use cookies to personalise content and ads. By continuing you agree. ACCEPT\n"
        "Coastal Ledger\n",
        "Monday, December 07, 2026 | Jumada II 27, 1448 | Muscat 24\xC2\xB0" "C\n"
        "THE COASTAL LEDGER\n"
        "Oman | Business | Sport | Opinion\n",
        "Coastal Ledger Podcasts\n"
        "Shows \xC2\xB7 Episodes \xC2\xB7 About \xC2\xB7 Support us\n",
        "THE COASTAL LEDGER\n"
        "Serving the Batinah coast since 1971\n"
        "NEWS  |  BUSINESS  |  SPORT  |  LETTERS\n",
    };
    static const char *const heads[] = {
        "Sohar port hires 300 dockers as copper exports double",
        "Fishermen in Sohar win compensation after diesel spill",
    };
    static const char *const stories[] = {
        "Sohar port will hire 300 dockers before March as copper exports through its "
        "terminals doubled this year, the port operator said on Sunday.\n"
        "The new dockers will work at the copper terminal, which exports double last year's "
        "tonnage.\n",
        "Fishermen in Sohar will share compensation for a diesel spill that closed their "
        "grounds for six weeks, a court ruled on Sunday.\n"
        "The spill from a tanker reached the beaches where the fishermen land their catch.\n",
    };
    for (size_t t = 0; t < sizeof tops / sizeof tops[0]; t++)
        for (size_t k = 0; k < sizeof heads / sizeof heads[0]; k++) {
            char text[2048];
            snprintf(text, sizeof text, "%s%s\nBy Salim Al Harthy\n6 December 2026\n%s",
                     tops[t], heads[k], stories[k]);
            byl_reader *r;
            ck_assert_int_eq(byl_reader_open(put("c.txt", text), BYL_FMT_TEXT, NULL, NULL, &r),
                             BYL_OK);
            dropped[0] = '\0';
            r->on_drop = on_drop;
            byl_article a;
            ck_assert_int_eq(byl_reader_next(r, &a), 1);
            ck_assert_msg(!strcmp(a.title, heads[k]), "top %zu: title %s", t, a.title);
            ck_assert_str_eq(a.author, "Salim Al Harthy");
            /* nothing of the page is lost: each line of the top is in
             * the body or was left out as a kicker or label */
            for (const char *q = tops[t]; *q;) {
                size_t ln = strcspn(q, "\n");
                char one[256];
                memcpy(one, q, ln);
                one[ln] = '\0';
                ck_assert_msg(strstr(a.body, one) || strstr(dropped, one), "lost: %s", one);
                q += ln + (q[ln] == '\n');
            }
            ck_assert_msg(strstr(a.body, "Sohar") != NULL, "story lost");
            ck_assert_msg(strstr(a.body, heads[k]) == NULL, "headline left in the body");
            byl_reader_close(r);
        }
}
END_TEST

/* ------------------------------------------- what a line is, not a list */

/* Capitalised words of a made-up organisation, and the acronym made of a
 * prefix of one to three letters of each (a syllabic acronym), either way
 * round, with a dash, a bar, a colon or parentheses: org_name says so.
 * The same line with one letter of its acronym changed, or with a verb in
 * it (a headline about the organisation), is no organisation's name. */
START_TEST(test_org_name_generated)
{
    static const char *const stems[] = {"Federation", "Colombian", "National", "Skating",
                                        "Velocity", "Ports", "Authority", "Kenya", "Union",
                                        "Regional", "Transport", "Council", "Basque", "Energy"};
    static const char *const seps[] = {" \xE2\x80\x93 ", " \xE2\x80\x94 ", " - ", " | ", ": ", " "};
    uint64_t seed = 24;
    byl_hl_head *h = malloc(sizeof *h);
    byl_buf cl, sc;
    byl_buf_init(&cl);
    byl_buf_init(&sc);
    for (int round = 0; round < 300; round++) {
        int nw = 2 + (int)(rnd(&seed) % 4);
        char name[256] = "", acr[32] = "";
        for (int i = 0; i < nw; i++) {
            const char *w = stems[rnd(&seed) % (sizeof stems / sizeof stems[0])];
            size_t k = 1 + rnd(&seed) % 3;
            for (size_t j = 0; j < k; j++)
                acr[strlen(acr)] = (char)(w[j] >= 'a' ? w[j] - 32 : w[j]);
            if (i)
                strcat(name, i == nw - 1 && rnd(&seed) % 2 ? " de " : " ");
            strcat(name, w);
        }
        if (strlen(acr) < 2 || strlen(acr) > 10)
            continue; /* an acronym is two to ten letters */
        int way = (int)(rnd(&seed) % 2);
        const char *sep = seps[rnd(&seed) % (sizeof seps / sizeof seps[0])];
        for (int variant = 0; variant < 3; variant++) {
            char a2[32], line[512], text[1024];
            strcpy(a2, acr);
            if (variant == 1) /* a letter no word begins with there */
                a2[strlen(a2) - 1] = 'Q';
            if (way == 0 && strcmp(sep, " ") && strcmp(sep, ": "))
                snprintf(line, sizeof line, "%s%s%s%s", a2, sep, name,
                         variant == 2 ? " wins cup again" : "");
            else if (way == 0)
                snprintf(line, sizeof line, "%s: %s%s", a2, name,
                         variant == 2 ? " wins cup again" : "");
            else
                snprintf(line, sizeof line, "%s%s (%s)", name,
                         variant == 2 ? " wins cup again" : "", a2);
            snprintf(text, sizeof text, "%s\nSkaters named for the championships\n", line);
            ck_assert_int_eq(byl_hl_features(text, strlen(text), BYL_DATE_DMY, NULL, &cl, &sc, h),
                             BYL_OK);
            ck_assert_msg((h->line[0].f[BYL_HL_F_org_name] > 0) == (variant == 0),
                          "[%s]: org_name %g", line, (double)h->line[0].f[BYL_HL_F_org_name]);
            /* such a line is no headline the model may take */
            if (variant == 0)
                ck_assert(byl_hl_gate(h->line[0].f));
        }
    }
    byl_buf_reset(&cl);
    byl_buf_reset(&sc);
    free(h);
}
END_TEST

/* A feed's or a mailing's chrome over a headline (a repost line, a
 * "Posted by u/NAME · N hr. ago", a "View this email in your browser", a
 * short line in capitals over a bar of sections, an organisation's name
 * over one), any name, any of them, is never the title: the headline
 * below it is, and the chrome line stays in the body. */
START_TEST(test_feed_chrome_is_never_the_title)
{
    static const char *const first[] = {"Ivan", "Marta", "Kadri", "Selamawit", "Chloe"};
    static const char *const last[] = {"Peri\xC4\x87", "Tamm-Saar", "Bekele", "Teoh", "Olsen"};
    static const char *const heads[] = {
        "Harbour cranes to be run from a control room by next spring",
        "City withholds \xE2\x82\xAC" "9 million from tram contractor after third missed deadline",
        "Exporters race to map smallholder plots before new rules bite",
    };
    uint64_t seed = 11;
    for (int round = 0; round < 80; round++) {
        const char *fn = first[rnd(&seed) % 5], *ln = last[rnd(&seed) % 5];
        const char *hd = heads[rnd(&seed) % 3];
        char top[512], text[4096];
        switch (round % 8) {
        case 0: snprintf(top, sizeof top, "%s %s reposted this\n3d\n\n", fn, ln); break;
        case 1:
            snprintf(top, sizeof top, "r/Harbours\nPosted by u/%s_%d \xC2\xB7 %d hr. ago\n\n", fn,
                     (int)(rnd(&seed) % 100), 1 + (int)(rnd(&seed) % 20));
            break;
        case 2: snprintf(top, sizeof top, "View this email in your browser\n\n"); break;
        case 3:
            snprintf(top, sizeof top, "%s %s shared this\n\n", fn, ln);
            break;
        case 4:
            snprintf(top, sizeof top, "GLOBAL HARBOUR TRADE\nMarkets | Ports | Shipping | Jobs\n\n");
            break;
        case 5:
            snprintf(top, sizeof top,
                     "HPTA \xE2\x80\x93 Harbour Port Transport Authority\nHome | News | About\n\n");
            break;
        case 6: /* a mailing's pre-header speaks of the mail itself */
            snprintf(top, sizeof top,
                     "Trouble viewing this email? Open it in your browser.\n\nHARBOUR NOTES\n\n");
            break;
        default: /* a masthead over a menu set apart by blanks alone */
            snprintf(top, sizeof top,
                     "HARBOUR VOICE IN ENGLISH\nFront page   Harbour   Business   Culture   "
                     "Sport\n\n");
            break;
        }
        snprintf(text, sizeof text,
                 "%s%s\n\nBy %s %s\n5 December 2026\n\n"
                 "%s, the port authority said on Friday, after months of talks with the "
                 "unions and the city about the money and the people who will do the work.\n\n"
                 "The plan was agreed at a meeting of the board on Thursday evening.\n",
                 top, hd, fn, ln, hd);
        byl_reader *r;
        ck_assert_int_eq(byl_reader_open(put("f.txt", text), BYL_FMT_TEXT, NULL, NULL, &r), BYL_OK);
        byl_article a;
        ck_assert_int_eq(byl_reader_next(r, &a), 1);
        ck_assert_msg(!strcmp(a.title, hd), "round %d: title [%s]", round, a.title);
        char au[128];
        snprintf(au, sizeof au, "%s %s", fn, ln);
        ck_assert_str_eq(a.author, au);
        byl_reader_close(r);
    }
}
END_TEST

/* The marks of a quote and of bold around a head line are no part of it:
 * "> **Headline**" is the headline, under any number of quote marks. */
START_TEST(test_quote_marks_cleaned)
{
    static const char *const in[] = {"> **Trams slip to 2028**", ">> __Trams slip to 2028__ ",
                                     "  > Trams slip to 2028", "**Trams slip to 2028**",
                                     "Trams slip to 2028"};
    byl_buf cl;
    byl_buf_init(&cl);
    for (size_t i = 0; i < sizeof in / sizeof in[0]; i++) {
        cl.len = 0;
        byl_rd_clean(in[i], strlen(in[i]), 1, &cl);
        ck_assert_msg(cl.len == 18 && !memcmp(cl.data, "Trams slip to 2028", 18), "[%s]", in[i]);
    }
    /* the body keeps them (head 0), and a lone mark or a bold word inside
     * a line stays */
    cl.len = 0;
    byl_rd_clean("> quoted", 8, 0, &cl);
    ck_assert(cl.len == 8 && !memcmp(cl.data, "> quoted", 8));
    cl.len = 0;
    byl_rd_clean("a **b** c", 9, 1, &cl);
    ck_assert(cl.len == 9 && !memcmp(cl.data, "a **b** c", 9));
    byl_buf_reset(&cl);
}
END_TEST

/* A bar of sections under a line makes it doubtful as a headline,
 * whatever the bar's size: a language switch of two items ("Kiswahili |
 * English"), or a menu set one item a line ("Politics" over "Metals" over
 * "Energy").  A name over its role ("Jane Roe" over "Staff Writer") and a
 * headline over its byline and date are no menu.  A headline may say one
 * word that is also chrome ("live"), and keeps its shape; a word of the
 * site's machinery ("newsletter") takes it away. */
static const char nav_page[] =
    "Pwani Checks \xE2\x80\x94 Verifying claims on the coast\n"
    "Kiswahili | English\n"
    "Coast Metals Wire\n"
    "Politics\n"
    "Metals\n"
    "Energy\n"
    "Floods live: river tops its banks at Garsen as rain keeps falling\n"
    "By Amina Said-Mwakio\n"
    "5 December 2026\n"
    "Tomasz Wrona-Kell\n"
    "Staff Writer\n"
    "The weekly newsletter on the coast's fishing ports\n";

START_TEST(test_bars_and_columns_of_sections)
{
    byl_hl_head *h = malloc(sizeof *h);
    byl_buf cl, sc;
    byl_buf_init(&cl);
    byl_buf_init(&sc);
    ck_assert_int_eq(byl_hl_features(nav_page, strlen(nav_page), BYL_DATE_DMY, NULL, &cl, &sc, h),
                     BYL_OK);
    int motto = line_of(h, "Pwani"), mast = line_of(h, "Coast Metals"),
        head = line_of(h, "Floods live"), name = line_of(h, "Tomasz"),
        news = line_of(h, "The weekly");
    ck_assert(h->line[motto].f[BYL_HL_F_next_nav] == 1); /* over a two-item switch */
    ck_assert(h->line[mast].f[BYL_HL_F_next_nav] == 1);  /* over a column menu */
    ck_assert(h->line[head].f[BYL_HL_F_next_nav] == 0);  /* over its byline */
    ck_assert(h->line[name - 1].f[BYL_HL_F_next_nav] == 0); /* over a name and its role */
    ck_assert(h->line[head].f[BYL_HL_F_shape] == 1);     /* "live" is a headline's word too */
    ck_assert(h->line[news].f[BYL_HL_F_shape] == 0);     /* "newsletter" is the site's */
    const char *e = nav_page + sizeof nav_page - 1;
    for (int i = 0; i < h->n; i++) /* the cheap check says what the features say */
        ck_assert_int_eq(byl_hl_doubtful(&h->line[i].line, e, &cl),
                         byl_hl_rule_doubt(h->line[i].f, h->line[i].words));
    ck_assert(byl_hl_doubtful(&h->line[motto].line, e, &cl));
    ck_assert(byl_hl_doubtful(&h->line[mast].line, e, &cl));
    byl_buf_reset(&cl);
    byl_buf_reset(&sc);
    free(h);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("headline");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_line_next);
    tcase_add_test(tc, test_features_of_known_lines);
    tcase_add_test(tc, test_weights_make_the_trainers_picks);
    tcase_add_test(tc, test_headlines_under_chrome);
    tcase_add_test(tc, test_org_name_generated);
    tcase_add_test(tc, test_feed_chrome_is_never_the_title);
    tcase_add_test(tc, test_quote_marks_cleaned);
    tcase_add_test(tc, test_bars_and_columns_of_sections);
    suite_add_tcase(s, tc);
    return s;
}

int main(void) { return byl_test_run(suite()); }
