/*
 * test_names_web.c - invariants of the articles of tests/data/web,
 * web-new, web-holdout2 and web-holdout3 (news copied from web pages) as a user's copies
 * vary: written with LF, CRLF or CR line ends, with no-break spaces in the
 * head lines and between words of the body, every article gives the same
 * title, author, date and source and the same names (the entity terms of
 * its title and body); and no name spans a line break.
 *
 * Not for: whether the metadata and names are right (bench/names/web.py
 * scores them against each folder's TRUTH.json; tests/e2e.sh guards the
 * figures), nor the reader's layouts (test_text.c).
 */
#include <check.h>

#include "check_main.h"
#include <dirent.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "doc/reader.h"
#include "text/analyzer.h"
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
    strcpy(tmpdir, "/tmp/byl_names_web_XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(tmpdir));
}

static void teardown(void) { nftw(tmpdir, rm_one, 16, FTW_DEPTH | FTW_PHYS); }

static const char *data_dir(void)
{
    const char *d = getenv("BYL_TEST_DATA");
    return d ? d : "tests/data";
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    ck_assert_msg(f != NULL, "cannot read %s", path);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *s = malloc((size_t)n + 1);
    ck_assert_ptr_nonnull(s);
    ck_assert_uint_eq(fread(s, 1, (size_t)n, f), (size_t)n);
    s[n] = '\0';
    fclose(f);
    *len = (size_t)n;
    return s;
}

/* What one copy of an article gives. */
typedef struct {
    char title[512], author[256], source[128];
    int64_t date;
    char *names; /* the entity terms of title and body, sorted, one a line */
    size_t nnames;
} got_t;

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The entity terms of text[0, n), appended to *list (grown), checking that
 * none spans a line break. */
static void names_of(byl_analyzer *an, const char *text, size_t n, char ***list, size_t *cnt,
                     size_t *cap, const char *what)
{
    const byl_token *tk;
    size_t nt;
    const char *terms;
    if (!n)
        return;
    ck_assert_int_eq(byl_analyze(an, text, n, BYL_AN_INDEX, &tk, &nt, &terms), 0);
    for (size_t i = 0; i < nt; i++) {
        if (tk[i].kind != BYL_TOK_ENTITY)
            continue;
        ck_assert_msg(memchr(text + tk[i].start, '\n', tk[i].end - tk[i].start) == NULL,
                      "%s: the name `%.*s` spans a line break", what, (int)tk[i].term_len,
                      terms + tk[i].term_off);
        if (*cnt == *cap) {
            *cap = *cap ? *cap * 2 : 64;
            *list = realloc(*list, *cap * sizeof **list);
            ck_assert_ptr_nonnull(*list);
        }
        (*list)[(*cnt)++] = strndup(terms + tk[i].term_off, tk[i].term_len);
    }
}

static void read_one(const char *path, got_t *g)
{
    memset(g, 0, sizeof *g);
    byl_reader *r;
    ck_assert_int_eq(byl_reader_open(path, BYL_FMT_TEXT, NULL, NULL, &r), 0);
    byl_reader_set_date_order(r, BYL_DATE_AUTO);
    byl_article a;
    ck_assert_int_eq(byl_reader_next(r, &a), 1);
    snprintf(g->title, sizeof g->title, "%.*s", (int)a.title_len, a.title ? a.title : "");
    snprintf(g->author, sizeof g->author, "%.*s", (int)a.author_len, a.author ? a.author : "");
    snprintf(g->source, sizeof g->source, "%.*s", (int)a.source_len, a.source ? a.source : "");
    g->date = a.date;
    byl_analyzer *an;
    ck_assert_int_eq(byl_analyzer_new(&an), 0);
    char **list = NULL;
    size_t cnt = 0, cap = 0;
    names_of(an, a.title, a.title_len, &list, &cnt, &cap, path);
    names_of(an, a.body, a.body_len, &list, &cnt, &cap, path);
    byl_analyzer_free(an);
    byl_reader_close(r);
    qsort(list, cnt, sizeof *list, cmp_str);
    size_t len = 0;
    for (size_t i = 0; i < cnt; i++)
        len += strlen(list[i]) + 1;
    g->names = malloc(len + 1);
    ck_assert_ptr_nonnull(g->names);
    size_t o = 0;
    for (size_t i = 0; i < cnt; i++) {
        size_t l = strlen(list[i]);
        memcpy(g->names + o, list[i], l);
        o += l;
        g->names[o++] = '\n';
        free(list[i]);
    }
    g->names[o] = '\0';
    g->nnames = cnt;
    free(list);
}

enum { V_LF, V_CRLF, V_CR, V_NBSP, V_COUNT };
static const char *const vname[] = {"LF", "CRLF", "CR", "NBSP"};

/* The copy of s[0, n) (any line ends) in variant v: every line end made
 * LF, CRLF or CR; or LF with no-break spaces for every space of the first
 * eight lines and every third space after them. */
static char *variant(const char *s, size_t n, int v, size_t *out_n)
{
    char *o = malloc(n * 2 + 8);
    ck_assert_ptr_nonnull(o);
    size_t k = 0, line = 0, spaces = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '\r' || c == '\n') {
            if (c == '\r' && i + 1 < n && s[i + 1] == '\n')
                i++;
            if (v == V_CRLF)
                o[k++] = '\r', o[k++] = '\n';
            else if (v == V_CR)
                o[k++] = '\r';
            else
                o[k++] = '\n';
            line++;
            continue;
        }
        if (c == ' ' && v == V_NBSP && (line < 8 || ++spaces % 3 == 0)) {
            o[k++] = (char)0xC2;
            o[k++] = (char)0xA0;
            continue;
        }
        o[k++] = c;
    }
    *out_n = k;
    return o;
}

static void check_folder(const char *sub)
{
    char dir[512];
    snprintf(dir, sizeof dir, "%s/%s", data_dir(), sub);
    DIR *d = opendir(dir);
    if (!d) {
        fprintf(stderr, "test_names_web: %s not found, skipped\n", dir);
        return;
    }
    struct dirent *e;
    int files = 0;
    while ((e = readdir(d)) != NULL) {
        size_t l = strlen(e->d_name);
        if (l < 5 || strcmp(e->d_name + l - 4, ".txt") != 0)
            continue;
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        size_t n;
        char *s = slurp(path, &n);
        got_t g[V_COUNT];
        for (int v = 0; v < V_COUNT; v++) {
            size_t vn;
            char *vs = variant(s, n, v, &vn);
            char vp[512];
            snprintf(vp, sizeof vp, "%s/%s", tmpdir, e->d_name);
            FILE *f = fopen(vp, "wb");
            ck_assert_ptr_nonnull(f);
            ck_assert_uint_eq(fwrite(vs, 1, vn, f), vn);
            fclose(f);
            free(vs);
            read_one(vp, &g[v]);
            if (v == 0)
                continue;
            ck_assert_msg(strcmp(g[v].title, g[0].title) == 0, "%s %s: title [%s], LF [%s]",
                          path, vname[v], g[v].title, g[0].title);
            ck_assert_msg(strcmp(g[v].author, g[0].author) == 0, "%s %s: author [%s], LF [%s]",
                          path, vname[v], g[v].author, g[0].author);
            ck_assert_msg(strcmp(g[v].source, g[0].source) == 0, "%s %s: source [%s], LF [%s]",
                          path, vname[v], g[v].source, g[0].source);
            ck_assert_msg(g[v].date == g[0].date, "%s %s: date %lld, LF %lld", path, vname[v],
                          (long long)g[v].date, (long long)g[0].date);
            ck_assert_msg(strcmp(g[v].names, g[0].names) == 0, "%s %s: names\n%s\nLF:\n%s", path,
                          vname[v], g[v].names, g[0].names);
        }
        ck_assert_msg(g[0].nnames > 0, "%s: no names at all", path);
        for (int v = 0; v < V_COUNT; v++)
            free(g[v].names);
        free(s);
        files++;
    }
    closedir(d);
    ck_assert_int_gt(files, 0);
}

START_TEST(test_variants_web) { check_folder("web"); }
END_TEST

START_TEST(test_variants_web_new) { check_folder("web-new"); }
END_TEST

START_TEST(test_variants_web_holdout2) { check_folder("web-holdout2"); }
END_TEST

START_TEST(test_variants_web_holdout3) { check_folder("web-holdout3"); }
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("names_web");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_variants_web);
    tcase_add_test(tc, test_variants_web_new);
    tcase_add_test(tc, test_variants_web_holdout2);
    tcase_add_test(tc, test_variants_web_holdout3);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return byl_test_run(suite());
}
