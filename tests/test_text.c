/*
 * test_text.c - Check suite for plain-text articles read as a person reads
 * them (common/doc/text.c, byline.c, sidecar.c) and for the metadata a user
 * can give (ids, sidecars, date order).
 *
 * The layouts test reads the table of docs/ARTICLES.md, so that the table a
 * user reads and the one the code is held to are the same; every row names
 * a fixture of tests/data/readers/layouts/.  Around it, properties: any
 * mutation that a copy-paste can make (Unicode blanks, line ends, BOM,
 * zero-width characters, blank lines on top) changes no field, and on
 * random files every non-blank character is in the title, the body or a
 * line the reader reported as metadata.
 *
 * Not for: the other formats (test_reader.c) or the indexer's options (the
 * end-to-end tests).
 */
#include <check.h>

#include "check_main.h"
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "doc/_reader.h"
#include "doc/date.h"
#include "doc/reader.h"
#include "util/err.h"
#include "util/mem.h"

/* ------------------------------------------------------------- helpers */

static char tmpdir[256];
static uint32_t rng;

static uint32_t rnd(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 17;
    rng ^= rng << 5;
    return rng;
}

static int rm_one(const char *p, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    return remove(p);
}

static void setup(void)
{
    rng = 2463534242u;
    strcpy(tmpdir, "/tmp/byl_text_XXXXXX");
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
    ck_assert_uint_eq(fread(s, 1, (size_t)n, f), (size_t)n);
    s[n] = '\0';
    fclose(f);
    *len = (size_t)n;
    return s;
}

static const char *write_file(const char *name, const void *d, size_t n)
{
    static char bufs[4][512];
    static int k;
    char *p = bufs[k++ & 3];
    snprintf(p, 512, "%s/%s", tmpdir, name);
    FILE *f = fopen(p, "wb");
    ck_assert_ptr_nonnull(f);
    ck_assert_uint_eq(fwrite(d, 1, n, f), n);
    fclose(f);
    return p;
}

static const char *put(const char *name, const char *text)
{
    return write_file(name, text, strlen(text));
}

/* One article's fields, copied. */
typedef struct {
    int n;           /* articles read (0 or 1) */
    int warnings;
    char detail[512]; /* the last warning's */
    char title[512], author[256], source[128], id[512], url[256];
    char *body;
    int64_t date;
    uint64_t records, skipped;
    byl_buf dropped; /* the metadata lines the reader left out, each + '\n' */
} got_t;

static void on_warn(void *ctx, const char *file, uint64_t line, uint64_t off,
                    byl_skip_reason why, const char *detail)
{
    (void)file;
    (void)line;
    (void)off;
    (void)why;
    got_t *g = ctx;
    snprintf(g->detail, sizeof g->detail, "%s", detail ? detail : "");
    g->warnings++;
}

static void on_drop(void *ctx, const char *s, size_t n, int kind)
{
    got_t *g = ctx;
    ck_assert(kind == 'k' || kind == 'b' || kind == 'd' || kind == 'c');
    byl_buf_put(&g->dropped, s, n);
    byl_buf_put_u8(&g->dropped, '\n');
}

static void copy(char *dst, size_t cap, const char *s, size_t n)
{
    ck_assert_msg(n < cap, "field of %zu bytes", n);
    memcpy(dst, s, n);
    dst[n] = '\0';
}

static void read_text(const char *path, int order, got_t *g)
{
    memset(g, 0, sizeof *g);
    byl_buf_init(&g->dropped);
    byl_reader *r;
    ck_assert_int_eq(byl_reader_open(path, BYL_FMT_TEXT, on_warn, g, &r), BYL_OK);
    ck_assert_int_eq(byl_reader_set_date_order(r, order), BYL_OK);
    r->on_drop = on_drop;
    r->on_drop_ctx = g;
    byl_article a;
    int rc;
    while ((rc = byl_reader_next(r, &a)) == 1) {
        ck_assert_int_eq(g->n, 0);
        g->n++;
        copy(g->title, sizeof g->title, a.title, a.title_len);
        copy(g->author, sizeof g->author, a.author, a.author_len);
        copy(g->source, sizeof g->source, a.source, a.source_len);
        copy(g->id, sizeof g->id, a.id, a.id_len);
        copy(g->url, sizeof g->url, a.url, a.url_len);
        g->body = strndup(a.body, a.body_len);
        g->date = a.date;
        ck_assert_uint_eq(strlen(a.title), a.title_len);
        ck_assert_uint_eq(strlen(a.body), a.body_len);
    }
    ck_assert_int_eq(rc, 0);
    g->records = byl_reader_records(r);
    for (int i = 0; i < BYL_SKIP_COUNT; i++)
        g->skipped += byl_reader_skipped(r)[i];
    byl_reader_close(r);
}

static void got_free(got_t *g)
{
    free(g->body);
    g->body = NULL;
    byl_buf_reset(&g->dropped);
}

/* s with every run of blanks made one space, trimmed (for comparing bodies). */
static char *squeeze(const char *s)
{
    char *o = malloc(strlen(s) + 1), *q = o;
    int sp = 0;
    for (; *s; s++) {
        if (*s == ' ' || *s == '\n' || *s == '\t' || *s == '\r') {
            sp = q > o;
            continue;
        }
        if (sp)
            *q++ = ' ';
        sp = 0;
        *q++ = *s;
    }
    *q = '\0';
    return o;
}

static void date_text(int64_t t, char *buf, size_t cap)
{
    if (t == BYL_NO_DATE)
        buf[0] = '\0';
    else
        byl_date_format(t, t % 86400 != 0, buf, cap);
}

/* ------------------------------------------------------- layouts table */

typedef struct {
    char file[256], title[256], author[256], date[256], source[256], body[256];
} layout;

/* Splits a table row at unescaped '|' into cells (trimmed, "\|" -> "|").
 * Returns the number of cells. */
static int cells(const char *line, char out[][256], int max)
{
    int k = -1;
    size_t o = 0;
    for (const char *p = line; *p && *p != '\n'; p++) {
        if (*p == '|' && (p == line || p[-1] != '\\')) {
            if (k >= 0 && k < max) {
                while (o && out[k][o - 1] == ' ')
                    o--;
                out[k][o] = '\0';
            }
            k++;
            o = 0;
            continue;
        }
        if (k < 0 || k >= max)
            continue;
        if (*p == '\\' && p[1] == '|')
            continue;
        if (o == 0 && *p == ' ')
            continue;
        if (o < 255)
            out[k][o++] = *p;
    }
    return k;
}

static int read_layouts(layout **out)
{
    char path[512];
    snprintf(path, sizeof path, "%s/../../docs/ARTICLES.md", data_dir());
    size_t n;
    char *doc = slurp(path, &n);
    const char *b = strstr(doc, "<!-- layouts begin -->"), *e = strstr(doc, "<!-- layouts end -->");
    ck_assert_msg(b && e && b < e, "docs/ARTICLES.md has no layouts table");
    layout *ls = NULL;
    int nl = 0;
    for (const char *p = b; p < e; p = strchr(p, '\n') + 1) {
        if (*p != '|' || strncmp(p, "| file", 6) == 0 || strncmp(p, "|---", 4) == 0)
            continue;
        char c[8][256];
        int k = cells(p, c, 8);
        ck_assert_msg(k == 7, "a row of %d cells: %.60s", k, p);
        ls = realloc(ls, (size_t)(nl + 1) * sizeof *ls);
        layout *l = &ls[nl++];
        snprintf(l->file, sizeof l->file, "%s", c[0]);
        snprintf(l->title, sizeof l->title, "%s", c[1]);
        snprintf(l->author, sizeof l->author, "%s", c[2]);
        snprintf(l->date, sizeof l->date, "%s", c[3]);
        snprintf(l->source, sizeof l->source, "%s", c[4]);
        snprintf(l->body, sizeof l->body, "%s", c[5]);
    }
    free(doc);
    *out = ls;
    return nl;
}

static void layout_path(const layout *l, char *buf, size_t cap)
{
    snprintf(buf, cap, "%s/readers/layouts/%s", data_dir(), l->file);
}

static void check_layout(const layout *l, const got_t *g, const char *what)
{
    char d[40];
    ck_assert_msg(g->n == 1, "%s %s: %d articles", l->file, what, g->n);
    ck_assert_msg(strcmp(g->title, l->title) == 0, "%s %s: title [%s], want [%s]", l->file, what,
                  g->title, l->title);
    ck_assert_msg(strcmp(g->author, l->author) == 0, "%s %s: author [%s], want [%s]", l->file,
                  what, g->author, l->author);
    date_text(g->date, d, sizeof d);
    ck_assert_msg(strcmp(d, l->date) == 0, "%s %s: date [%s], want [%s]", l->file, what, d,
                  l->date);
    ck_assert_msg(strcmp(g->source, l->source) == 0, "%s %s: source [%s], want [%s]", l->file,
                  what, g->source, l->source);
    char *body = squeeze(g->body);
    ck_assert_msg(strncmp(body, l->body, strlen(l->body)) == 0, "%s %s: body [%.60s], want [%s...]",
                  l->file, what, body, l->body);
    free(body);
    ck_assert_int_eq(g->warnings, 0);
}

START_TEST(test_layouts_table)
{
    layout *ls;
    int n = read_layouts(&ls);
    ck_assert_msg(n >= 40, "only %d layouts in docs/ARTICLES.md", n);
    for (int i = 0; i < n; i++) {
        char path[512];
        layout_path(&ls[i], path, sizeof path);
        got_t g;
        read_text(path, BYL_DATE_AUTO, &g); /* byline-index's default */
        check_layout(&ls[i], &g, "as written");
        /* a title cut from a paragraph stays within 160 characters */
        size_t chars = 0;
        for (const char *p = g.title; *p; p++)
            chars += ((unsigned char)*p & 0xC0) != 0x80;
        ck_assert_uint_le(chars, 160);
        got_free(&g);
    }
    free(ls);
}
END_TEST

/* ----------------------------------------------------- mutations */

static const char *const blanks[] = {"\xC2\xA0", "\xE2\x80\x89", "\xE2\x80\x87", "\xE3\x80\x80",
                                     "\xE2\x80\xAF", "\xE2\x80\x8A"};
static const char *const zeros[] = {"\xE2\x80\x8B", "\xE2\x81\xA0", "\xEF\xBB\xBF", "\xC2\xAD"};

/* A copy of s[0, n) as a copy-paste could have made it (kind 0..4, or all
 * of them at once for kind 5). */
static char *mutate(const char *s, size_t n, int kind, size_t *outlen)
{
    byl_buf b;
    byl_buf_init(&b);
    int all = kind == 5;
    int eol = all || kind == 1 ? (int)(rnd() % 2) + 1 : 0; /* 1 CRLF, 2 CR */
    if (all || kind == 2)
        byl_buf_put(&b, "\xEF\xBB\xBF", 3);
    if (all || kind == 4)
        for (uint32_t k = rnd() % 4 + 1; k; k--)
        {
            const char *bl = rnd() % 2 ? "\n" : " \t\n";
            byl_buf_put(&b, bl, strlen(bl));
        }
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == ' ' && (all || kind == 0) && rnd() % 2) {
            const char *u = blanks[rnd() % 6];
            byl_buf_put(&b, u, strlen(u));
            continue;
        }
        if (c == '\n' && eol) {
            byl_buf_put(&b, eol == 1 ? "\r\n" : "\r", eol == 1 ? 2 : 1);
            continue;
        }
        if (c == '\r' && eol) { /* the fixture's own CRLF or CR */
            if (i + 1 < n && s[i + 1] == '\n')
                continue;
            byl_buf_put(&b, eol == 1 ? "\r\n" : "\r", eol == 1 ? 2 : 1);
            continue;
        }
        byl_buf_put_u8(&b, (uint8_t)c);
        /* a zero-width character between two characters */
        if ((all || kind == 3) && rnd() % 5 == 0 && (i + 1 >= n || ((unsigned char)s[i + 1] & 0xC0) != 0x80) &&
            c != '\n' && c != '\r') {
            const char *z = zeros[rnd() % 4];
            byl_buf_put(&b, z, strlen(z));
        }
    }
    ck_assert(!b.failed);
    *outlen = b.len;
    char *o = malloc(b.len + 1);
    memcpy(o, b.data, b.len);
    o[b.len] = '\0';
    byl_buf_reset(&b);
    return o;
}

START_TEST(test_layouts_mutated)
{
    layout *ls;
    int n = read_layouts(&ls);
    for (int i = 0; i < n; i++) {
        char path[512];
        layout_path(&ls[i], path, sizeof path);
        size_t len;
        char *orig = slurp(path, &len);
        for (int round = 0; round < 12; round++) {
            int kind = round % 6;
            size_t ml;
            char *m = mutate(orig, len, kind, &ml);
            const char *p = write_file("mutated.txt", m, ml);
            got_t g;
            read_text(p, BYL_DATE_AUTO, &g);
            char what[32];
            snprintf(what, sizeof what, "mutation %d.%d", kind, round);
            if (getenv("BYL_KEEP_MUTATION") && g.n != 1) {
                FILE *kf = fopen(getenv("BYL_KEEP_MUTATION"), "wb");
                fwrite(m, 1, ml, kf);
                fclose(kf);
            }
            check_layout(&ls[i], &g, what);
            got_free(&g);
            free(m);
        }
        free(orig);
    }
    free(ls);
}
END_TEST

/* ------------------------------------------------- nothing is lost */

/* Counts of every non-blank byte of s[0, n) once cleaned (Unicode blanks
 * are blanks, zero-width characters nothing), into c[256]. */
static void count_bytes(const char *s, size_t n, long *c)
{
    byl_buf b;
    byl_buf_init(&b);
    byl_rd_clean(s, n, 0, &b);
    for (size_t i = 0; i < b.len; i++)
        if (b.data[i] > 0x20 && b.data[i] != 0x7F)
            c[b.data[i]]++;
    byl_buf_reset(&b);
}

static const char *const tokens[] = {
    "By", "by", "Jane", "Roe", "JANE", "ROE", "jane", "and", "Reuters", "AP", "|", "\xC2\xB7",
    "\xE2\x80\x94", "--", "Nov", "26,", "2025", "11/07/2025", "2025-11-26", "Published",
    "Updated:", "3 hours ago", "5 min read", "Opinion", "NEWS", "/", "(Reporting by", "Editing by",
    ")", ";", ",", ".", "Share", "Listen to this article", "the", "council", "voted.", "Written",
    "Author:", "\xC2\xA0", "\xE2\x80\x89", "\xE2\x80\x8B", "\xEF\xBB\xBF", "\t", "\r", "\n",
    "\n\n", "\r\n", "\xE5\xB9\xB4", "\xE6\x9C\x88", "\xE6\x97\xA5", "\xE6\x96\xB0\xE9\x97\xBB",
    "\xE8\xAE\xB0\xE8\x80\x85", "(Reuters) -", "LONDON", "EXCLUSIVE", "Advertisement", "Par",
    "Von", "26.", "November", "14.34", "GMT", "a.m.", "ET", "at", "Thursday,", "-", ">",
    "\xE2\x80\xBA", "de", "O'Neill", "\xC3\xA9t\xC3\xA9",
};

static void random_file(byl_buf *b)
{
    uint32_t words = rnd() % 120 + 1;
    int para = rnd() % 4 == 0; /* a long first line */
    for (uint32_t i = 0; i < words; i++) {
        uint32_t r = rnd() % 100;
        if (r < 3) {
            byl_buf_put_u8(b, (uint8_t)(rnd() % 256)); /* any byte: often not UTF-8 */
        } else if (r < 6) {
            byl_buf_put_u8(b, (uint8_t)(rnd() % 0x7F + 1));
        } else {
            const char *t = tokens[rnd() % (sizeof tokens / sizeof tokens[0])];
            if (para && i < 40 && strchr(t, '\n'))
                t = "word";
            byl_buf_put(b, t, strlen(t));
        }
        if (rnd() % 3)
            byl_buf_put_u8(b, ' ');
    }
}

START_TEST(test_random_files_lose_nothing)
{
    int articles = 0, notext = 0, bad = 0, with_drops = 0;
    for (int round = 0; round < 2000; round++) {
        byl_buf f;
        byl_buf_init(&f);
        random_file(&f);
        const char *p = write_file("random.txt", f.data, f.len);
        got_t g;
        read_text(p, BYL_DATE_MDY, &g);
        long file[256] = {0}, title[256] = {0}, body[256] = {0}, drop[256] = {0};
        count_bytes((const char *)f.data, f.len, file);
        if (g.records == 0) { /* nothing but blanks: one warning, no record */
            ck_assert_int_eq(g.warnings, 1);
            for (int c = 0; c < 256; c++)
                ck_assert_int_eq(file[c], 0);
            goto next;
        }
        ck_assert_uint_eq(g.records, 1);
        if (g.n == 0) {
            ck_assert_uint_eq(g.skipped, 1);
            ck_assert_int_ge(g.warnings, 1);
        }
        int valid = byl_rd_utf8_bad((const char *)f.data, f.len) == f.len &&
                    !memchr(f.data, 0, f.len);
        if (g.n) {
            articles++;
            count_bytes(g.title, strlen(g.title), title);
            count_bytes(g.body, strlen(g.body), body);
        } else if (valid && !byl_rd_binary((const char *)f.data, f.len)) {
            notext++; /* "no text": everything in it was metadata */
        } else {
            bad++;
            goto next;
        }
        count_bytes(g.dropped.data ? (const char *)g.dropped.data : "", g.dropped.len, drop);
        with_drops += g.dropped.len > 0;
        for (int c = 0; c < 256; c++) {
            /* nothing lost: every character is in the title, body or a
             * metadata line; nothing made up: the body and those lines
             * hold only what the file does, and so does the title */
            ck_assert_msg(file[c] <= title[c] + body[c] + drop[c],
                          "round %d: byte 0x%02x: %ld in the file, %ld+%ld+%ld out", round, c,
                          file[c], title[c], body[c], drop[c]);
            ck_assert_msg(body[c] + drop[c] <= file[c], "round %d: byte 0x%02x made up", round, c);
            ck_assert_msg(title[c] <= file[c], "round %d: byte 0x%02x in the title only", round,
                          c);
        }
    next:
        got_free(&g);
        byl_buf_reset(&f);
    }
    /* the generator reaches every path */
    ck_assert_int_gt(articles, 600);
    ck_assert_int_gt(bad, 10);
    ck_assert_msg(with_drops > 100, "only %d random files had metadata lines", with_drops);
    (void)notext;
}
END_TEST

/* ------------------------------------------------------------- pieces */

START_TEST(test_date_order)
{
    static const struct {
        const char *s;
        int order;
        int y, m, d;
    } cases[] = {
        {"11/07/2025", BYL_DATE_MDY, 2025, 11, 7}, {"11/07/2025", BYL_DATE_DMY, 2025, 7, 11},
        {"26/11/2025", BYL_DATE_MDY, 2025, 11, 26}, {"26/11/2025", BYL_DATE_DMY, 2025, 11, 26},
        {"11/26/2025", BYL_DATE_DMY, 2025, 11, 26}, {"11-07-2025", BYL_DATE_DMY, 2025, 7, 11},
        {"11.07.2025", BYL_DATE_MDY, 2025, 7, 11}, {"26. November 2025", BYL_DATE_MDY, 2025, 11, 26},
        {"26 novembre 2025", BYL_DATE_MDY, 2025, 11, 26}, {"1 f\xC3\xA9vrier 2025", 0, 2025, 2, 1},
        {"3. M\xC3\xA4rz 2025", 0, 2025, 3, 3}, {"2025\xE5\xB9\xB4" "11\xE6\x9C\x88" "26\xE6\x97\xA5", 0, 2025, 11, 26},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int64_t t;
        ck_assert_msg(byl_date_parse_order(cases[i].s, strlen(cases[i].s), cases[i].order, &t) == 0,
                      "%s not read", cases[i].s);
        ck_assert_msg(t == byl_days_from_civil(cases[i].y, cases[i].m, cases[i].d) * 86400,
                      "%s read as %lld", cases[i].s, (long long)t);
    }
    int64_t t;
    /* "14.34" is a time only after a date; 13/13 is no date in either order */
    ck_assert_int_eq(byl_date_parse("Wed 26 Nov 2025 14.34 GMT", 25, &t), 0);
    ck_assert_int_eq(t, byl_days_from_civil(2025, 11, 26) * 86400 + 14 * 3600 + 34 * 60);
    ck_assert_int_eq(byl_date_parse_order("13/13/2025", 10, BYL_DATE_DMY, &t), -1);
    ck_assert_int_eq(byl_date_parse("Published 3 hours ago", 21, &t), -1);

    /* ordinal days: each day of December with its own suffix is read, in
     * both orders and after a weekday; any other suffix is no date */
    static const char *const suf[] = {"st", "nd", "rd", "th", "ST", "Nd", "RD", "TH"};
    for (int day = 1; day <= 31; day++) {
        int u = day % 10, teen = day >= 11 && day <= 13;
        int want = teen || u == 0 || u >= 4 ? 3 : u - 1;
        for (int k = 0; k < 8; k++) {
            char b[64];
            int n = snprintf(b, sizeof b, "%s%d%s December 2026", day % 2 ? "Thursday " : "",
                             day, suf[k]);
            int ok = byl_date_parse_order(b, (size_t)n, BYL_DATE_MDY, &t) == 0;
            ck_assert_msg(ok == (k % 4 == want), "%s: %s", b, ok ? "read" : "not read");
            if (ok)
                ck_assert_int_eq(t, byl_days_from_civil(2026, 12, day) * 86400);
        }
    }
    ck_assert(byl_date_time_only("6:12 PM NZDT", 12));
    ck_assert(byl_date_time_only("16:40", 5));
    ck_assert(!byl_date_time_only("6:12 PM NZDT x", 14));
    ck_assert(!byl_date_time_only("Dec 5, 2026", 11));

    /* a dateline with a full date dates the article; a year alone does not */
    got_t g;
    read_text(put("dl.txt", "T\n\nSEOUL, 2025 will be a hard year.\n"), BYL_DATE_MDY, &g);
    ck_assert(g.date == BYL_NO_DATE);
    got_free(&g);
    read_text(put("dl.txt", "T\n\nPARIS, 2 December 2025 - The talks ended.\n"), BYL_DATE_MDY, &g);
    ck_assert_int_eq(g.date, byl_days_from_civil(2025, 12, 2) * 86400);
    got_free(&g);
    /* a release's dateline with its city in Title Case: a dash after the
     * whole date; without the dash it is a sentence's start */
    read_text(put("dl.txt", "T\n\nAalborg, 3 December 2026 \xE2\x80\x93 Fjordlys A/S today "
                            "announced a hatchery.\n"),
              BYL_DATE_MDY, &g);
    ck_assert_int_eq(g.date, byl_days_from_civil(2026, 12, 3) * 86400);
    got_free(&g);
    read_text(put("dl.txt", "T\n\nAalborg, 3 December 2026 was the coldest day.\n"), BYL_DATE_MDY,
              &g);
    ck_assert(g.date == BYL_NO_DATE);
    got_free(&g);
    /* a dash between the region and the date */
    read_text(put("dl.txt", "T\n\nGDYNIA, Poland \xE2\x80\x93 3 December 2026 \xE2\x80\x93 Harbour "
                            "Robotics today opened a centre.\n"),
              BYL_DATE_MDY, &g);
    ck_assert_int_eq(g.date, byl_days_from_civil(2026, 12, 3) * 86400);
    got_free(&g);
    /* a letter's closing over a name alone at the end names the writer;
     * a name the story gave before is no writer */
    static const char *const closing =
        "Smelter workers vote to strike\n\nWorkers at the copper smelter voted on Monday to "
        "strike from next week over pay for night shifts, their leader Ana Ruiz said.\n\n"
        "Until next week,\n%s\n\nYou received this email because you subscribed.\n";
    char text[512];
    snprintf(text, sizeof text, closing, "Ignacio Mamani Torrez");
    read_text(put("cl.txt", text), BYL_DATE_MDY, &g);
    ck_assert_str_eq(g.author, "Ignacio Mamani Torrez");
    got_free(&g);
    snprintf(text, sizeof text, closing, "Ana Ruiz");
    read_text(put("cl.txt", text), BYL_DATE_MDY, &g);
    ck_assert_str_eq(g.author, "");
    got_free(&g);
    read_text(put("dl.txt", "Fjordlys Akvakultur A/S \xE2\x80\x93 Newsroom\nFjordlys to open a "
                            "smolt hatchery in Hirtshals\n\nThe company will open a hatchery.\n"),
              BYL_DATE_MDY, &g);
    ck_assert_str_eq(g.author, ""); /* a company is never a writer */
    got_free(&g);

    /* the option reaches plain text */
    const char *p = put("order.txt", "Title\nPublished: 03/04/2025\nBody.\n");
    read_text(p, BYL_DATE_DMY, &g);
    ck_assert_int_eq(g.date, byl_days_from_civil(2025, 4, 3) * 86400);
    got_free(&g);
    read_text(p, BYL_DATE_MDY, &g);
    ck_assert_int_eq(g.date, byl_days_from_civil(2025, 3, 4) * 86400);
    got_free(&g);
}
END_TEST

START_TEST(test_byline_fields)
{
    /* JSON byline and author fields go through the same rules as text */
    const char *jl =
        "{\"id\":\"1\",\"title\":\"T\",\"text\":\"x\",\"byline\":\"By Jane Roe and John Doe\"}\n"
        "{\"id\":\"2\",\"title\":\"T\",\"text\":\"x\",\"author\":\"By JANE ROE, Reuters\"}\n"
        "{\"id\":\"3\",\"title\":\"T\",\"text\":\"x\",\"author\":\"Roe, Jane\"}\n"
        "{\"id\":\"4\",\"title\":\"T\",\"text\":\"x\",\"authors\":[\"By Ann Lee\",{\"name\":\"Bo "
        "Chen\"}],\"source\":\"Site\",\"author\":\"Written by Cy Young, AP\"}\n"
        "{\"id\":\"5\",\"title\":\"T\",\"text\":\"x\",\"author\":\"Jane\\u00a0Roe\\u200b\"}\n"
        "{\"id\":\"6\",\"title\":\"T\",\"text\":\"x\",\"byline\":\"Ananya Krishnan | New Delhi\"}\n"
        "{\"id\":\"7\",\"title\":\"T\",\"text\":\"x\",\"byline\":\"Reviewed by Tolu Hart\"}\n"
        "{\"id\":\"8\",\"title\":\"T\",\"text\":\"x\",\"author\":\"By Jane Roe, Kuala Lumpur\"}\n";
    const char *p = write_file("a.jsonl", jl, strlen(jl));
    byl_reader *r;
    ck_assert_int_eq(byl_reader_open(p, BYL_FMT_AUTO, NULL, NULL, &r), BYL_OK);
    static const char *const want[][2] = {{"Jane Roe; John Doe", ""},
                                          {"Jane Roe", "Reuters"},
                                          {"Jane Roe", ""},
                                          {"Cy Young", "Site"},
                                          {"Jane Roe", ""},
                                          {"Ananya Krishnan", ""}, /* a city after a bar */
                                          {"Tolu Hart", ""},
                                          {"Jane Roe", ""}}; /* a city of two words */
    byl_article a;
    for (int i = 0; i < 8; i++) {
        ck_assert_int_eq(byl_reader_next(r, &a), 1);
        ck_assert_str_eq(a.author, want[i][0]);
        ck_assert_str_eq(a.source, want[i][1]);
    }
    byl_reader_close(r);

    /* text: bylines that are not, and a byline with a place and a role */
    static const struct {
        const char *in, *title, *author, *body;
    } cases[] = {
        {"T\nBy now, most had left.\n", "T", "", "By now, most had left."},
        {"T\nby the way\n", "T", "", "by the way"},
        {"T\nBy Jane Roe in Washington\nB.\n", "T", "Jane Roe", "B."},
        {"T\nBy Jane Roe, Staff Writer, London\nB.\n", "T", "Jane Roe", "B."},
        {"T\nJane Roe\nB.\n", "T", "", "Jane Roe\nB."}, /* a bare name stays */
        {"T\nB.\n- Apples\n", "T", "", "B.\n- Apples"},  /* a list item is no sign-off */
        {"T\nB.\n(Editing by John Doe)\n", "T", "", "B."},
        /* a credit under a story with a byline: one that names only
         * others (an editor, a photographer) stays in the body for the
         * name finder; one that echoes the writer is left out */
        {"T\nBy Ilse Varkaus\n\nB.\n\nEdited by: Tomas Orvala Quint\n", "T", "Ilse Varkaus",
         "B.\n\nEdited by: Tomas Orvala Quint"},
        {"T\nBy Ilse Varkaus\n\nB.\n\n(Reporting by Ilse Varkaus; Editing by Tomas Orvala)\n", "T",
         "Ilse Varkaus", "B."},
        {"By Design\nHow architects think\n", "By Design", "", "How architects think"},
        {"T\nJane Smith\nBBC Wales News\n\nB.\n", "T", "Jane Smith", "B."},
        /* a place is never a writer; a dateline alone is a date line */
        {"T\nNew Delhi, 4 December 2026\n\nB.\n", "T", "", "B."},
        {"T\nBy Jane Roe, Los Angeles\nB.\n", "T", "Jane Roe", "B."},
        /* "NAME | City": a byline when the city is the gazetteer's (or a
         * date line follows); a section path is none */
        {"Jane Roe | New Delhi\nHeadline of the day\n\nB.\n", "Headline of the day",
         "Jane Roe", "B."},
        {"Premier League | London\nHeadline of the day\n\nB.\n", "Headline of the day", "",
         "B."},
        {"Jane Roe | Brackwater\nHeadline of the day\n\nB.\n", "Headline of the day", "",
         "B."}, /* a town nobody knows, and no date line: a path */
        {"Business | Markets\n4 December 2026\nHeadline\n\nB.\n", "Headline", "", "B."},
        /* "Medically reviewed by", "Fact checked by": not the writer */
        {"T\nBy John Doe\nMedically reviewed by Dr Jane Roe\nB.\n", "T", "John Doe",
         "Medically reviewed by Dr Jane Roe\nB."},
        {"T\nBy John Doe\nFact checked by Jane Roe\nB.\n", "T", "John Doe",
         "Fact checked by Jane Roe\nB."},
        {"T\nReviewed by the board, the plan went ahead.\n", "T", "",
         "Reviewed by the board, the plan went ahead."},
        /* a checker's credit and no byline: a fact-check, its checker's;
         * under a writer's byline it names someone else (above) */
        {"Minister's dam claim does not hold up\nChecked by: Jane Roe\nB.\n", "Minister's dam claim does not hold up", "Jane Roe", "B."},
        {"Minister's dam claim does not hold up\nFact-checked by Jane Roe and John Doe\nB.\n", "Minister's dam claim does not hold up", "Jane Roe; John Doe", "B."},
        {"Minister's dam claim does not hold up\nFact checked by Jane Roe\nBy John Doe\nB.\n", "Minister's dam claim does not hold up", "John Doe",
         "Fact checked by Jane Roe\nB."},
        /* a bare name over a stamp without a date ("3 hours ago", "4 min
         * read"): a writer's; a section's name there is none, its words
         * written in lower case in the story */
        {"Tram fares to rise in spring as power costs climb\n\nOdalys Brennan\n"
         "3 hours ago \xC2\xB7 4 min read\n\nB.\n",
         "Tram fares to rise in spring as power costs climb", "Odalys Brennan", "B."},
        {"Tram fares to rise in spring as power costs climb\n\nCity Transport\n4 min read\n\n"
         "The city will raise tram fares in spring, its transport committee said.\n",
         "Tram fares to rise in spring as power costs climb", "",
         "City Transport\n\nThe city will raise tram fares in spring, its transport committee "
         "said."},
        /* a masthead in capitals over its issue's line, a date among its
         * words: no writer over a date line */
        {"Ferry fares to rise in spring as fuel costs climb\n\nHARBOUR LIGHTS WEEKLY\n"
         "The Sunday Letter \xC2\xB7 Issue 88 \xC2\xB7 6 December 2026\n\nB.\n",
         "Ferry fares to rise in spring as fuel costs climb", "", "HARBOUR LIGHTS WEEKLY\n\nB."},
        {"Minister's dam claim does not hold up\nChecked by the council, the plan went ahead.\n", "Minister's dam claim does not hold up", "",
         "Checked by the council, the plan went ahead."},
        /* no release label: the first line stays the headline */
        {"Ministry of Water Resources\nLagos, 2 December 2026\n\nB.\n",
         "Ministry of Water Resources", "", "B."},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        p = write_file("b.txt", cases[i].in, strlen(cases[i].in));
        got_t g;
        read_text(p, BYL_DATE_MDY, &g);
        ck_assert_str_eq(g.title, cases[i].title);
        ck_assert_msg(strcmp(g.author, cases[i].author) == 0, "case %zu: author [%s]", i, g.author);
        ck_assert_str_eq(g.body, cases[i].body);
        got_free(&g);
    }
    /* the end of a story: a closing "NAME is a farmer" is its subject, not
     * a writer's note; two particles are no sign-off */
    static const char *const ends[] = {
        "Title here now\n\nSome text.\n\nJohn Smith is a farmer in Kent.\n",
        "Title\n\nBody paragraph that is fairly long and talks about things for a while.\n\nMac Ap\n",
    };
    for (size_t i = 0; i < sizeof ends / sizeof ends[0]; i++) {
        got_t g;
        read_text(write_file("end.txt", ends[i], strlen(ends[i])), BYL_DATE_MDY, &g);
        ck_assert_msg(g.author[0] == '\0', "end %zu: author [%s]", i, g.author);
        got_free(&g);
    }
    /* a section path is no byline; an honorific is no part of a name;
     * "Hosted by" leads a byline */
    static const char *const by[][2] = {
        {"NATIONAL / Local Democracy", NULL}, {"News | City Desk", NULL},
        {"Jane Roe | Reuters", "Jane Roe"}, {"By Dr. Jane Roe", "Jane Roe"},
        {"By Dr Who", "Dr Who"}, {"BY MR. JOHN DOE", "John Doe"},
        {"Hosted by Jane Roe and John Doe", "Jane Roe; John Doe"},
        {"Presented by Jane Roe", "Jane Roe"},
        /* "Reporting:" leads like "Author:"; where the writers are, after
         * a comma, is no writer (a byline's mark without a lead-in), but
         * a headline's words after "in" keep the line no byline */
        {"Reporting: Jane Roe-Doe", "Jane Roe-Doe"},
        {"Jane Roe-Doe and John Doe, in Regina and Estevan", "Jane Roe-Doe; John Doe"},
        {"Jane Roe, at Harbour Park", "Jane Roe"},
        {"By Jane Roe, for the Lagoon Gazette", "Jane Roe"}, /* whom for */
        {"Words and photos by Jane Roe", "Jane Roe"},
        /* the crafts of one maker in any order, one of them the writing */
        {"Photographs and words by Jane Roe", "Jane Roe"},
        {"Pictures, video and text by Jane Roe", "Jane Roe"},
        {"Text & photography by Jane Roe", "Jane Roe"},
        {"Photos and video by Jane Roe", NULL}, /* no writing: a crew's credit */
        {"Photographs and more by Jane Roe", NULL},
        {"Text and photos: Jane Roe", "Jane Roe"},
        /* a kind of opinion piece leads, with an article or "Guest" */
        {"Guest column by Jane Roe", "Jane Roe"},
        {"An essay by jane roe", "Jane Roe"},
        {"Op-ed by Jane Roe", "Jane Roe"},
        {"Column: Jane Roe", "Jane Roe"},
        {"A by Jane Roe", NULL},
        {"A letter by the minister", NULL},
        {"Photos and video: Jane Roe", NULL},
        /* a Turkic patronymic closes the name; an outlet's colophon is no byline */
        {"By Bakyt Temirbek uulu", "Bakyt Temirbek uulu"},
        {"By Aizada Nurlanovna kyzy and Jane Roe", "Aizada Nurlanovna kyzy; Jane Roe"},
        {"Nordvik Compass \xC2\xB7 Published by Nordvik Media Group AS", NULL},
        {"Jane Roe \xC2\xB7 Published 3 Dec 2026", "Jane Roe"},
        {"Roe and Doe, in talks over the harbour", NULL},
        /* a company with a Nordic legal form is no writer */
        {"Fjordlys Akvakultur A/S | Newsroom", NULL},
    };
    for (size_t i = 0; i < sizeof by / sizeof by[0]; i++) {
        byl_buf b;
        byl_buf_init(&b);
        int rc = byl_rd_byline_ex(by[i][0], strlen(by[i][0]), 1, BYL_DATE_MDY, &b, 0, NULL, NULL);
        if (!by[i][1])
            ck_assert_msg(rc < 0, "%s read as a byline", by[i][0]);
        else
            ck_assert_msg(rc >= 0 && b.len == strlen(by[i][1]) && !memcmp(b.data, by[i][1], b.len),
                          "%s: [%.*s]", by[i][0], (int)b.len, b.data ? (char *)b.data : "");
        byl_buf_reset(&b);
    }
}
END_TEST

/* A writer's name on a line of its own under the story's last paragraph
 * signs it; a desk's name over an address, a name the story tells of, or a
 * name with a paragraph under it does not. */
START_TEST(test_signed_under_story)
{
    static const char *const story =
        "Dockers vote to accept the new shift rota\n\n4 December 2026\n\nDockers at the "
        "container terminal voted on Thursday to accept a new shift rota that ends the "
        "twelve-hour night shift from February.\n\n";
    static const struct {
        const char *end, *author;
    } ends[] = {
        {"Tamsin Oyelowo-Hart\n\nRead also\nCrane drivers get new cabins\n", "Tamsin Oyelowo-Hart"},
        {"Tamsin Oyelowo-Hart, ports correspondent\n", "Tamsin Oyelowo-Hart"},
        {"Tamsin Oyelowo-Hart \xE2\x80\x93 Ostend\n\nShare   Facebook   X\n", "Tamsin Oyelowo-Hart"},
        {"Tamsin Oyelowo-Hart is our ports correspondent.\n", "Tamsin Oyelowo-Hart"},
        {"Harbour Communications Division\nPort Authority\nQuay Street 4\n", ""},
        /* the outlet's name over its copyright line */
        {"Nordvik Compass\n\nAbout \xC2\xB7 Contact\n\xC2\xA9 2026 Nordvik Compass\n", ""},
        {"Tamsin Oyelowo-Hart\n\nThe union said it would meet the terminal's managers again "
         "in March to talk about the pay for weekend shifts and the new cranes.\n",
         ""},
    };
    for (size_t i = 0; i < sizeof ends / sizeof ends[0]; i++) {
        char text[1024];
        snprintf(text, sizeof text, "%s%s", story, ends[i].end);
        got_t g;
        read_text(write_file("signed.txt", text, strlen(text)), BYL_DATE_AUTO, &g);
        ck_assert_msg(!strcmp(g.author, ends[i].author), "end %zu: [%s]", i, g.author);
        got_free(&g);
    }
}
END_TEST

/* ------------------------------------------ date lines as pages print them */

/* A date line with no label over the headline is the masthead's day; an
 * earlier date in the byline's block under the headline is the story's
 * (a label keeps the line the story's: "Published: ..."). */
START_TEST(test_masthead_day)
{
    static const struct {
        const char *s;
        int labelled;
    } lines[] = {
        {"Friday 11 December 2026 | Edition 48", 0},
        {"HARBOUR VOICE \xC2\xB7 Friday 11 December 2026", 0},
        {"Published: 9 December 2026", 1},
        {"Updated 11.12.2026 08:15 \xC2\xB7 Published 09.12.2026", 1},
        {"Started: Thursday, December 3, 2026", 1},
    };
    for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++)
        ck_assert_msg(byl_rd_date_labelled(lines[i].s, strlen(lines[i].s)) == lines[i].labelled,
                      "%s", lines[i].s);
    static const struct {
        const char *text, *date;
    } pages[] = {
        {"ORE COAST TIMES\nFriday 11 December 2026 | Edition 48\n\nMiners return to the "
         "northern pit after a week\n\nBy Jane Roe\n9 December 2026\n\nThe miners went back "
         "down on Wednesday after the company agreed to pay the overtime it owed them.\n",
         "2026-12-09"},
        /* the story's date later than the masthead's: no masthead, the first date */
        {"Friday 11 December 2026\n\nMiners return to the northern pit after a week\n\nBy "
         "Jane Roe\n12 December 2026\n\nThe miners went back down on Wednesday after the "
         "company agreed to pay the overtime it owed them.\n",
         "2026-12-11"},
        /* an update's date over the headline: the byline block's own
         * date under it is the story's, on the byline's line or under a
         * bare name */
        {"Updated: 12 December 2026 10:15\nMiners return to the northern pit after a week\n\n"
         "Jane Roe | 9 December 2026\n\nThe miners went back down on Wednesday after the "
         "company agreed to pay the overtime it owed them.\n",
         "2026-12-09"},
        {"Updated: 12 December 2026 10:15\nMiners return to the northern pit after a week\n\n"
         "Jane Roe\n9 December 2026\n\nThe miners went back down on Wednesday after the "
         "company agreed to pay the overtime it owed them.\n",
         "2026-12-09"},
        {"Updated: 12 December 2026\n\nMiners return to the northern pit after a week\n\nBy "
         "Jane Roe\n\nThe miners went back down on Wednesday after the "
         "company agreed to pay the overtime it owed them.\n",
         "2026-12-12"},
        /* a label: the line over the headline is the story's date */
        {"Published: 11 December 2026\n\nMiners return to the northern pit after a week\n\nBy "
         "Jane Roe | 9 December 2026\n\nThe miners went back down on Wednesday after the "
         "company agreed to pay the overtime it owed them.\n",
         "2026-12-11"},
    };
    for (size_t i = 0; i < sizeof pages / sizeof pages[0]; i++) {
        got_t g;
        read_text(write_file("masthead.txt", pages[i].text, strlen(pages[i].text)), BYL_DATE_AUTO,
                  &g);
        char buf[BYL_DATE_BUF];
        byl_date_format(g.date, 0, buf, sizeof buf);
        ck_assert_msg(!strcmp(buf, pages[i].date), "page %zu: %s", i, buf);
        got_free(&g);
    }
}
END_TEST

/* Every date form, with page furniture around it in every combination,
 * reads as the same day; and the furniture never swallows words that are
 * not furniture (a name, a place: then the line is no date line). */
START_TEST(test_date_line_furniture)
{
    static const char *const dates[] = {
        "December 5, 2026", "05 Dec, 2026", "Fri Dec 4 2026", "Sat 5 Dec 2026",
        "Saturday, December 5, 2026", "2026-12-05", "5th December 2026", "Dec. 5, 2026",
        "05/12/2026", "5.12.2026",
    };
    static const int day[] = {5, 5, 4, 5, 5, 5, 5, 5, 5, 5};
    static const char *const before[] = {"", "Published: ", "Posted ", "Updated: ",
                                         "Last update: ", "Saturday | ", "Published: Saturday | ",
                                         "Released on: ", "Ends/", "NAIROBI | "};
    static const char *const after[] = {"", " - 00:12", " \xE2\x80\x93 17:20", " | 12:09 AM",
                                        " - 19:41 0 Views", " \xC2\xB7 3 Comments",
                                        " | 4 min read", " No Comments", " - 10:12 - 1.2k views",
                                        " Time: 10:20", " | Updated 10:20 a.m. ET"};
    static const char *const words[] = {" | Harbour Board", " - Jane Roe", " \xE2\x80\x93 Photo",
                                        " | Harlan County Council"};
    char line[256];
    for (size_t a = 0; a < sizeof dates / sizeof dates[0]; a++)
        for (size_t b = 0; b < sizeof before / sizeof before[0]; b++)
            for (size_t c = 0; c < sizeof after / sizeof after[0]; c++) {
                snprintf(line, sizeof line, "%s%s%s", before[b], dates[a], after[c]);
                int64_t t = 0, y;
                int m, d;
                ck_assert_msg(byl_rd_date_line(line, strlen(line), BYL_DATE_DMY, &t) != 0,
                              "no date line: [%s]", line);
                byl_civil_from_days(t / 86400, &y, &m, &d);
                ck_assert_msg(y == 2026 && m == 12 && d == day[a], "[%s] read as %lld-%d-%d",
                              line, (long long)y, m, d);
                for (size_t w = 0; w < sizeof words / sizeof words[0]; w++) {
                    snprintf(line, sizeof line, "%s%s%s%s", before[b], dates[a], after[c],
                             words[w]);
                    ck_assert_msg(byl_rd_date_line(line, strlen(line), BYL_DATE_DMY, &t) == 0,
                                  "a date line with words in it: [%s]", line);
                }
            }
    /* counts, weekdays and end marks alone are no date */
    static const char *const none[] = {"0 Views", "Saturday", "Published: Saturday", "Ends",
                                       "12 Comments | 3 min read", "Saturday | 12:09 AM",
                                       "Started: Saturday", "Kickoff: in the evening",
                                       "Yesterday, 14:05", "Today", "7 | 12",
                                       "Updated 15:05", "Posted 07:55 \xC2\xB7 Harbour Board",
                                       "12:40 | 14:05"};
    /* a one-word label and a colon before a whole date: an open class */
    static const char *const labelled[] = {
        "Started: Friday, December 4, 2026", "Aired: 4 December 2026",
        "Yesterday at 22:14 (4.12.2026)", /* the bracket's whole date */
        /* a day said relative to now beside the whole date: the whole date */
        "Yesterday, 14:05 | Fri 04 Dec 2026", "Today at 9:10 am \xC2\xB7 4 December 2026",
        "i g\xC3\xA5r 18:20 | 04.12.2026",
        /* a count after the date, its icon (a speech bubble) cleaned away */
        "04.12.2026 | 18:20 \xC2\xB7 6 min read \xC2\xB7 \xF0\x9F\x92\xAC 7",
        /* icons before the furniture read as blanks */
        "\xF0\x9F\x93\x85 4 December 2026   \xE2\x8F\xB1\xEF\xB8\x8F 9 min read",
        /* the clock first, in a part of its own: the date's, and its label */
        "Posted 07:55 \xC2\xB7 04/12/2026", "14:05 | Fri 4 Dec 2026",
        "Published 9.30am | 4 December 2026",
        /* a zone's offset with a typeset minus sign, after a relative stamp */
        "5 hours ago \xC2\xB7 Friday 4 December 2026 (VUT, UTC\xE2\x88\x92" "10)"};
    for (size_t i = 0; i < sizeof labelled / sizeof labelled[0]; i++) {
        int64_t t;
        byl_buf c;
        byl_buf_init(&c);
        byl_rd_clean(labelled[i], strlen(labelled[i]), 1, &c); /* as head lines are read */
        ck_assert_msg(byl_rd_date_line((const char *)c.data, c.len, BYL_DATE_DMY, &t) != 0 &&
                          t == byl_days_from_civil(2026, 12, 4) * 86400,
                      "no date: [%s]", labelled[i]);
        byl_buf_reset(&c);
    }
    for (size_t i = 0; i < sizeof none / sizeof none[0]; i++) {
        int64_t t;
        ck_assert_msg(byl_rd_date_line(none[i], strlen(none[i]), BYL_DATE_DMY, &t) == 0,
                      "a date line without a date: [%s]", none[i]);
    }
}
END_TEST

/* Kickers, section paths and job titles: which lines without "By" are
 * bylines. */
START_TEST(test_bylines_without_by)
{
    static const struct {
        const char *in, *author; /* NULL: no byline */
    } cases[] = {
        {"LOCAL NEWS  |  Harlan County", NULL},
        {"Corrib Coast Radio \xE2\x80\x93 News", NULL},
        {"Business News | Kerry", NULL},
        {"Press Releases | Lands Department", NULL},
        {"Ahmed bin Sulaiman Al Rashdi | Legal Consultant", "Ahmed bin Sulaiman Al Rashdi"},
        {"Jane Roe / Tax Adviser", "Jane Roe"},
        {"Jane Roe \xC2\xB7 Contributing Editor", "Jane Roe"},
        {"Dwayne Ellis-Campbell/Staff Reporter", "Dwayne Ellis-Campbell"},
        {"Jane Roe | Brackwater", NULL}, /* one word: a town, not a job */
        {"Jane Roe | 5 min read", "Jane Roe"},
        {"Regional News | Sligo Town", NULL}, /* a desk named for what it covers */
        {"Jane Roe | Bloomberg News", "Jane Roe"}, /* an agency's name is no desk */
        {"Story: Jane Roe | Photos: John Doe", "Jane Roe"}, /* the photographer is no writer */
        {"Reporter: Jane Roe", "Jane Roe"},
        {"Words by Jane Roe \xC2\xB7 Pictures by John Doe", "Jane Roe"},
        /* places one after another: an edition switch, no writer beside
         * them; one place beside a writer is where the story was filed */
        {"Kisumu \xC2\xB7 Kampala \xC2\xB7 Mwanza \xC2\xB7 Lake Basin", NULL},
        {"\xE6\xBE\xB3\xE9\x96\x80 \xC2\xB7 Macau \xC2\xB7 Hong Kong \xC2\xB7 Greater Bay", NULL},
        {"Jane Roe \xC2\xB7 Nairobi \xC2\xB7 5 min read", "Jane Roe"},
        /* a copyright notice names the page's owner, at its head or foot */
        {"\xC2\xA9 The Strait Courant 2026 \xC2\xB7 Courant Media Holdings Ltd", NULL},
        {"\xC2\xA9 Jane Roe 2026 | All rights reserved", NULL},
        {"Copyright 2026 Jane Roe | Harbour Media", NULL},
        /* the clock in a part of its own after a lead-in is the date's */
        {"Written by Jane Roe | Published 09:15 \xC2\xB7 14/12/2026", "Jane Roe"},
        {"By Jane Roe | 09:15 | 14/12/2026", "Jane Roe"},
        {"Key Event | 14:02", NULL},
        /* a lead-in opening a part after the date: the byline's */
        {"Published: 04-12-2026 09:40 | By Jane Roe", "Jane Roe"},
        {"4 December 2026 | By Design", NULL},
        /* a masthead in capitals opening with "The" is a title */
        {"THE REEF LEDGER \xC2\xB7 5 min read", NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        byl_buf b;
        byl_buf_init(&b);
        int k = byl_rd_byline_ex(cases[i].in, strlen(cases[i].in), 1, BYL_DATE_DMY, &b, 0,
                                 NULL, NULL);
        if (!cases[i].author) {
            ck_assert_msg(k < 0, "[%s] taken as a byline", cases[i].in);
        } else {
            ck_assert_msg(k > 0, "[%s] not a byline", cases[i].in);
            ck_assert_int_eq(b.len, strlen(cases[i].author));
            ck_assert(!memcmp(b.data, cases[i].author, b.len));
        }
        byl_buf_reset(&b);
    }
}
END_TEST

/* A file that is not UTF-8 text is skipped with advice: how to convert a
 * Windows-1252 or Latin-1 file, how to unpack an archive; plain binary
 * data gets no guess. */
START_TEST(test_not_text_advice)
{
    static const struct {
        const char *bytes;
        size_t n;
        const char *want; /* in the warning, or NULL: no "(" advice */
    } cases[] = {
#define B(lit) lit, sizeof lit - 1
        {B("Caf\x93 news\n\nThe caf\x92s opened.\n"), "iconv -f WINDOWS-1252"},
        {B("Caf\xe9 news\n\nThe caf\xe9 opened.\n"), "iconv -f LATIN1"},
        {B("PK\3\4\24\0\0\0\10\0x"), "unzip"},
        {B("%PDF-1.7\n\0\0\1"), "pdftotext"},
        {B("\1\2\3\0\4\5"), NULL},
#undef B
    };
    char path[400];
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        snprintf(path, sizeof path, "%s/bin%zu.txt", tmpdir, i);
        FILE *f = fopen(path, "wb");
        ck_assert_ptr_nonnull(f);
        fwrite(cases[i].bytes, 1, cases[i].n, f);
        fclose(f);
        got_t g;
        read_text(path, BYL_DATE_MDY, &g);
        ck_assert_int_eq(g.n, 0);
        ck_assert_int_eq(g.warnings, 1);
        if (cases[i].want)
            ck_assert_msg(strstr(g.detail, cases[i].want), "case %zu: %s", i, g.detail);
        else
            ck_assert_msg(!strchr(g.detail, '('), "case %zu: %s", i, g.detail);
        got_free(&g);
    }
}
END_TEST

START_TEST(test_sidecar)
{
    char dir[300];
    snprintf(dir, sizeof dir, "%s/news", tmpdir);
    mkdir(dir, 0700);
    put("news/a.txt", "Title from text\nBy Jane Roe\n\nBody.\n");
    put("news/a.json", "{\"title\":\"Title from sidecar\",\"date\":\"11/07/2025\",\"source\":"
                       "\"Example Times\",\"url\":\"https://example.com/a\",\"tags\":[\"x\"]}");
    char txt[400], js[400];
    snprintf(txt, sizeof txt, "%s/a.txt", dir);
    snprintf(js, sizeof js, "%s/a.json", dir);
    ck_assert_int_eq(byl_is_sidecar(js), 1);
    ck_assert_int_eq(byl_is_sidecar(txt), 0);
    got_t g;
    read_text(txt, BYL_DATE_DMY, &g);
    ck_assert_str_eq(g.title, "Title from sidecar");
    ck_assert_str_eq(g.author, "Jane Roe"); /* not in the sidecar: the text's */
    ck_assert_str_eq(g.source, "Example Times");
    ck_assert_str_eq(g.url, "https://example.com/a");
    ck_assert_int_eq(g.date, byl_days_from_civil(2025, 7, 11) * 86400); /* in the given order */
    ck_assert_int_eq(g.warnings, 0);
    got_free(&g);

    /* a broken sidecar: one warning, the text's fields */
    put("news/a.json", "{\"title\": \"x\",\n  oops}");
    read_text(txt, BYL_DATE_MDY, &g);
    ck_assert_str_eq(g.title, "Title from text");
    ck_assert_int_eq(g.warnings, 1);
    got_free(&g);
    put("news/a.json", "{\"title\": 7, \"author\": [\"By Ann Lee\", \"Bo Chen\"]}");
    read_text(txt, BYL_DATE_MDY, &g);
    ck_assert_str_eq(g.title, "Title from text");
    ck_assert_str_eq(g.author, "Ann Lee; Bo Chen");
    ck_assert_int_eq(g.warnings, 1);
    got_free(&g);
    /* a byte order mark before the object, as some editors write */
    put("news/a.json", "\xEF\xBB\xBF{\"source\": \"Marsh Courier\"}\n");
    ck_assert_int_eq(byl_is_sidecar(js), 1);
    read_text(txt, BYL_DATE_MDY, &g);
    ck_assert_str_eq(g.source, "Marsh Courier");
    ck_assert_int_eq(g.warnings, 0);
    got_free(&g);
    /* named like a sidecar but holding articles: JSON Lines, an array, an
     * object with an article's text -- a dump, never metadata */
    const char *dumps[] = {"{\"title\":\"A\",\"text\":\"a\"}\n{\"title\":\"B\",\"text\":\"b\"}\n",
                           "{\"title\":\"A\"}\n{\"title\":\"B\"}\n",
                           "[{\"title\":\"A\",\"body\":\"a\"}]",
                           "{\"headline\":\"A\",\"content\":\"One story.\"}\n",
                           /* a first record that does not parse, sound ones after it */
                           "{\"title\":\"Caf\xe9\",\"text\":\"a\"\n{\"title\":\"B\",\"text\":\"b\"}\n"};
    /* an empty or null body holds no article: still a sidecar */
    const char *metas[] = {"{\"source\":\"Marsh Courier\",\"text\":\"\"}",
                           "{\"source\":\"Marsh Courier\",\"body\":null}"};
    for (size_t i = 0; i < 2; i++) {
        put("news/a.json", metas[i]);
        ck_assert_msg(byl_is_sidecar(js) == 1, "meta %zu not taken for a sidecar", i);
    }
    for (size_t i = 0; i < sizeof dumps / sizeof *dumps; i++) {
        put("news/a.json", dumps[i]);
        ck_assert_msg(byl_is_sidecar(js) == 0, "dump %zu taken for a sidecar", i);
        read_text(txt, BYL_DATE_MDY, &g);
        ck_assert_str_eq(g.title, "Title from text");
        ck_assert_int_eq(g.warnings, 0);
        got_free(&g);
    }
}
END_TEST

START_TEST(test_id_names)
{
    char dir[300], sub[300], file[400], cwd[512];
    snprintf(dir, sizeof dir, "%s/news", tmpdir);
    snprintf(sub, sizeof sub, "%s/news/2025", tmpdir);
    mkdir(dir, 0700);
    mkdir(sub, 0700);
    put("news/2025/a.txt", "T\nB.\n");
    ck_assert_ptr_nonnull(getcwd(cwd, sizeof cwd));
    ck_assert_int_eq(chdir(tmpdir), 0);
    /* the same file as the walk names it from roots typed four ways */
    static const char *const roots[][2] = {{"news", "news/2025/a.txt"},
                                           {"./news/", "./news/2025/a.txt"},
                                           {"news//", "news//2025/a.txt"},
                                           {NULL, NULL}};
    for (int i = 0; roots[i][0]; i++) {
        char *id = byl_input_id_name(roots[i][0], roots[i][1]);
        ck_assert_ptr_nonnull(id);
        ck_assert_str_eq(id, "news/2025/a.txt");
        byl_free(id);
    }
    char *id = byl_input_id_name(dir, strcat(strcpy(file, dir), "/2025/a.txt"));
    ck_assert_str_eq(id, "news/2025/a.txt");
    byl_free(id);
    id = byl_input_id_name("news/2025/a.txt", "news/2025/a.txt"); /* a file alone */
    ck_assert_str_eq(id, "2025/a.txt");
    byl_free(id);
    ck_assert_ptr_null(byl_input_id_name("missing", "missing/x"));
    ck_assert_int_eq(chdir(cwd), 0);

    /* the id name is the text article's id; a path date is its date */
    byl_reader *r;
    snprintf(file, sizeof file, "%s/2025/a.txt", dir);
    ck_assert_int_eq(byl_reader_open(file, BYL_FMT_TEXT, NULL, NULL, &r), BYL_OK);
    ck_assert_int_eq(byl_reader_set_id_name(r, "news/2025/11/26/a.txt"), BYL_OK);
    byl_article a;
    ck_assert_int_eq(byl_reader_next(r, &a), 1);
    ck_assert_str_eq(a.id, "news/2025/11/26/a.txt");
    ck_assert_int_eq(a.date, byl_days_from_civil(2025, 11, 26) * 86400);
    byl_reader_close(r);
}
END_TEST

/* ------------------------------- metadata that carries to unseen pages */

/* The day of t (UTC) is 5 December 2026. */
static int is_dec5(int64_t t)
{
    int64_t y;
    int m, d;
    if (t == BYL_NO_DATE)
        return 0;
    byl_civil_from_days(t / 86400, &y, &m, &d);
    return y == 2026 && m == 12 && d == 5;
}

/* Date forms as the world's sites print them, with the time after a word
 * of the site's language and what trails it, under a label, at the top
 * of an article or only at its end: every one is 5 December 2026.
 * Dashed dd-mm-yyyy is day first unless strong evidence says not. */
START_TEST(test_dates_carry)
{
    static const char *const dates[] = {
        "05.12.2026", "5 Dec 2026", "5 December 2026", "Saturday 5 December 2026",
        "Sat, 5 Dec 2026", "December 5, 2026", "2026/12/05", "2026-12-05",
        "5th December 2026", "05-12-2026", "Saturday, 5th of December 2026",
        "samedi 5 d\xC3\xA9" "cembre 2026", "Samstag, 5. Dezember 2026", "Sa., 05.12.2026",
        "s\xC3\xA1" "bado, 5 de diciembre de 2026", "5 de dezembro de 2026", "5 dicembre 2026",
        "zaterdag 5 december 2026", "l\xC3\xB8rdag 5. desember 2026", "2026.12.05",
        "5. 12. 2026", "05. 12. 2026", "2026.12.05.", "2026. 12. 05.", "Dec 5, 2026",
        /* a dot after the year, as an ordinal's (Croatian, Serbian, Bosnian) */
        "05.12.2026.", "5. 12. 2026."};
    static const char *const times[] = {
        "", " 14:02", " kl. 14:02", " kl 14.02", " um 14:02 Uhr", " \xC3\xA0 14h02",
        " alle ore 14:02", " a las 14:02", " om 14:02", " klo 14.02", ", 14:02 h",
        " 4:10pm (Nuku'alofa time)", " 14:02 (local time)", " 10:42 AM", " 14:02 CET",
        " | Updated: 3 hrs ago", " \xC2\xB7 4 min read", " (3 hrs ago)", " 14:02 (2 days ago)",
        " | 08:30 pm GMT+7", " | 14:02", " - 14:02", " 08:30 pm GMT+7", ", 11:30 pm GMT+7",
        " 18:20", " | 8:30 PM ICT", " u 14:02", " ob 14:02", " v 14:02", " \xD0\xB2 14:02"};
    static const char *const labels[] = {"", "Published: ", "Last updated: ", "Posted on ",
                                         "Publicado el ", "Gepubliceerd op ", "Pubblicato il ",
                                         "Morowali, Central Sulawesi \xE2\x97\x8F ",
                                         "Harbour Town \xE2\x97\x86 "};
    char text[1024], line[256];
    for (size_t a = 0; a < sizeof dates / sizeof dates[0]; a++)
        for (size_t b = 0; b < sizeof times / sizeof times[0]; b++)
            for (size_t c = 0; c < sizeof labels / sizeof labels[0]; c++) {
                snprintf(line, sizeof line, "%s%s%s", labels[c], dates[a], times[b]);
                if (strstr(dates[a], "of December") && (b % 3)) /* fewer of the long form */
                    continue;
                for (int at = 0; at < 2; at++) {
                    /* at 0: under the headline; at 1: only at the end */
                    snprintf(text, sizeof text,
                             "Harbour board approves a new ferry terminal\n\n%s%s"
                             "The harbour board voted on Friday to build a new terminal for "
                             "the island ferries after a long debate.\n\n%s\n",
                             at ? "" : line, at ? "" : "\n\n", at ? line : "");
                    if (at && !labels[c][0])
                        continue; /* a bare date at the end is text */
                    got_t g;
                    read_text(put("d.txt", text), BYL_DATE_AUTO, &g);
                    ck_assert_msg(is_dec5(g.date), "[%s] at %s: date %lld", line,
                                  at ? "the end" : "the top", (long long)g.date);
                    ck_assert_str_eq(g.title, "Harbour board approves a new ferry terminal");
                    got_free(&g);
                }
            }
    /* a dashed date turns month first only on strong evidence: a numeric
     * date that settles it, or a United States zone; prose does not */
    static const struct {
        const char *text;
        int m, d;
    } dash[] = {
        {"T\n\n05-12-2026\n\nThe case was postponed to February 18 for argument.\n", 12, 5},
        {"T\n\n05-12-2026\n\nThe hearing of 12-14-2026 was moved.\n", 5, 12},
        {"T\n\n05-12-2026 10:14 AM EST\n\nThe hearing was moved.\n", 5, 12},
        {"T\n\n05/12/2026\n\nThe case was postponed to February 18 for argument.\n", 5, 12},
    };
    for (size_t i = 0; i < sizeof dash / sizeof dash[0]; i++) {
        got_t g;
        read_text(put("dash.txt", dash[i].text), BYL_DATE_AUTO, &g);
        int64_t y;
        int m, d;
        byl_civil_from_days(g.date / 86400, &y, &m, &d);
        ck_assert_msg(m == dash[i].m && d == dash[i].d, "dash case %zu: %d-%d", i, m, d);
        got_free(&g);
    }
    /* the option still wins */
    got_t g;
    read_text(put("dash.txt", dash[0].text), BYL_DATE_MDY, &g);
    ck_assert_int_eq(g.date, byl_days_from_civil(2026, 5, 12) * 86400);
    got_free(&g);
}
END_TEST

/* Credit forms at the top (under the headline, over a date line) and at
 * the end (when the top names no writer), with one or two writers: the
 * writers only, never the outlet, desk or agency beside them. */
START_TEST(test_bylines_carry)
{
    static const char *const one[] = {"Jane Roe", "Priya Raman", "Lena von Arnim"};
    static const char *const two[] = {"John Doe", "Tobias Kretschmer", "Ana Lucero"};
    static const struct {
        const char *form; /* %1$s, %2$s: the writers */
        int writers;      /* how many the form names */
        int end;          /* 1: the form closes the article */
    } forms[] = {
        {"%1$s for Harbour Public Radio", 1, 0},
        {"%1$s for the Delta Dispatch", 1, 0},
        {"%1$s, Nordwest Presse Agentur", 1, 0},
        {"%1$s and %2$s, Nordwest Presse Agentur", 2, 0},
        {"By %1$s and %2$s, Communications Office", 2, 0},
        {"Written by Dr. %1$s, Communications Office", 1, 0},
        {"%1$s | Delta Dispatch", 1, 0},
        {"%1$s, Lakeside Public Radio", 1, 0},
        {"%1$s | Harbour FM", 1, 0},
        {"By %1$s and %2$s, Coast Television", 2, 0},
        {"%1$s and %2$s, AFP", 2, 0},
        {"Words: %1$s", 1, 0},
        {"Written by %1$s", 1, 0},
        {"Story by %1$s", 1, 0},
        {"Text: %1$s", 1, 0},
        {"By %1$s, Metro Desk", 1, 0},
        {"\xE2\x80\x94 Reported by %1$s and %2$s, Lanka Herald Fact Check Unit", 2, 1},
        {"By %1$s", 1, 1},
        {"Reported by %1$s", 1, 1},
        {"(Reporting by %1$s; Editing by %2$s)", 1, 1},
        {"Reporting by %1$s and %2$s; Editing by Sam Poe", 2, 1},
        {"%1$s is a reporter for the Harbour Times.", 1, 1},
        {"By %1$s - Saturday 5 December 2026 - 16:20", 1, 0},
        {"By: %1$s - Saturday 5 December 2026 - 4:20 PM", 1, 0},
        {"%1$s | Saigon Daily Post", 1, 0},
        {"By: %1$s - Reporter / @harbourdesk", 1, 0},
        {"By %1$s - Senior Correspondent", 1, 0},
        {"%1$s (The Archipelago Times)", 1, 0},
        {"%1$s and %2$s (Reuters)", 2, 0},
        {"By %1$s, Harbour Robotics Inc", 1, 0},
        /* "Author:" in the languages that write it "Autor" */
        {"Autor: %1$s | 05.12.2026.", 1, 0},
        {"Autorka: %1$s", 1, 0},
        /* a closing byline with a lead-in above what closes a page
         * (end 2: related links, tags and share buttons follow it) */
        {"Author: %1$s", 1, 2},
        {"Reported by %1$s, Dar es Salaam", 1, 2},
        {"Story: %1$s", 1, 2},
        {"Text: %1$s, Communications Office", 1, 2},
        {"(Reporting by %1$s and %2$s)", 2, 2},
    };
    /* what follows a closing byline on a page: a translator, the paper
     * and its date, related links, tags, share buttons (the paper's name
     * with a date is no writer) */
    static const char *const closing =
        "Translated by Sam Poe\n"
        "Harbour Courier \xC2\xB7 05.12.2026, 09:47\n\nRead also:\n"
        "Ferry fares to rise in spring\nWhy the old pier is closing\n"
        "Port strike ends after two days\n\nRelated\n\xE2\x80\x93 Court upholds port ruling\n"
        "\xE2\x80\x93 What changes for island traders\n\n"
        "Tags: ferries, islands, transport\n\nShare this: WhatsApp | Facebook | X | Email\n";
    char by[256], text[1024], want[256];
    for (size_t f = 0; f < sizeof forms / sizeof forms[0]; f++)
        for (size_t i = 0; i < 3; i++)
            for (int crlf = 0; crlf < 2; crlf++) {
                snprintf(by, sizeof by, forms[f].form, one[i], two[i]);
                const char *nl = crlf ? "\r\n" : "\n";
                if (forms[f].end == 2 && crlf)
                    continue; /* line ends are the other forms' concern */
                if (forms[f].end == 2)
                    snprintf(text, sizeof text,
                             "Ferry operator adds winter sailings\n\n5 December 2026\n\n"
                             "The island ferry will sail twice a day from January, the "
                             "operator said on Friday.\n\nIt will also stop at the two "
                             "northern islands on the way.\n\n%s\n%s",
                             by, closing);
                else if (forms[f].end)
                    snprintf(text, sizeof text,
                             "Ferry operator adds winter sailings%s%s5 December 2026%s%s"
                             "The island ferry will sail twice a day from January, the "
                             "operator said on Friday.%s%s%s%s",
                             nl, nl, nl, nl, nl, nl, by, nl);
                else
                    snprintf(text, sizeof text,
                             "Ferry operator adds winter sailings%s%s%s%s5 December 2026%s%s"
                             "The island ferry will sail twice a day from January, the "
                             "operator said on Friday.%s",
                             nl, nl, by, nl, nl, nl, nl);
                if (forms[f].writers == 2)
                    snprintf(want, sizeof want, "%s; %s", one[i], two[i]);
                else
                    snprintf(want, sizeof want, "%s", one[i]);
                got_t g;
                read_text(put("b.txt", text), BYL_DATE_AUTO, &g);
                ck_assert_msg(strcmp(g.author, want) == 0, "[%s]: author [%s], want [%s]", by,
                              g.author, want);
                ck_assert_str_eq(g.title, "Ferry operator adds winter sailings");
                ck_assert_msg(is_dec5(g.date), "[%s]: no date", by);
                got_free(&g);
            }
    /* an agency, a desk or an office alone is no writer; nor a code and
     * a city ("BWS, Dhaka" is not "Dhaka BWS") */
    static const char *const none[] = {"BWS, Dhaka", "By Nordwest Presse Agentur",
                                       "By Staff", "By Newsroom", "Communications Office",
                                       "By Metro Desk", "Reuters",
                                       "Saigon Daily Post \xC2\xB7 3 hours ago",
                                       "WARSAW COURIER \xC2\xB7 ENGLISH EDITION",
                                       "Harbour Daily Newsline / 05:32 PM December 05, 2026",
                                       "Lakeside Tribune | 5 December 2026",
                                       "Harbour Robotics Co., Ltd.", "Nordic Aqua Systems Inc",
                                       "News provided by\nHarbour Robotics Co., Ltd."};
    for (size_t i = 0; i < sizeof none / sizeof none[0]; i++) {
        snprintf(text, sizeof text,
                 "Ferry operator adds winter sailings\n\n%s\n5 December 2026\n\n"
                 "The island ferry will sail twice a day from January.\n", none[i]);
        got_t g;
        read_text(put("n.txt", text), BYL_DATE_AUTO, &g);
        ck_assert_msg(g.author[0] == '\0', "[%s]: author [%s]", none[i], g.author);
        got_free(&g);
    }
    /* "NAME for OUTLET" is no byline when the words before "for" are a
     * headline's, and a closing byline under a list of short lines is one
     * more line of the list */
    static const char *const heads[] = {"Harbor Robotics Launches Autonomous Crane for Mid-Size Ports",
                                        "Support Grows for Harbour Plan"};
    for (size_t i = 0; i < 2; i++) {
        snprintf(text, sizeof text, "%s\n\nFirst crane of its class\n\nBody text here.\n", heads[i]);
        got_t g;
        read_text(put("h.txt", text), BYL_DATE_AUTO, &g);
        ck_assert_str_eq(g.title, heads[i]);
        ck_assert_str_eq(g.author, "");
        got_free(&g);
    }
    /* a name in capitals beyond ASCII is given capitals as a person
     * writes it, every letter of it */
    static const struct {
        const char *line, *want;
    } caps[] = {
        {"BY LUC\xC3\x8D" "A FERN\xC3\x81NDEZ CASTELLI", "Luc\xC3\xAD" "a Fern\xC3\xA1ndez Castelli"},
        {"By \xC3\x89LODIE BRIAND", "\xC3\x89lodie Briand"},
        {"BY ZS\xC3\x93" "FIA KERT\xC3\x89SZ-VARGA", "Zs\xC3\xB3" "fia Kert\xC3\xA9sz-Varga"},
        {"BY \xC5\x81UCJA WI\xC5\x9ANIEWSKA", "\xC5\x81ucja Wi\xC5\x9Bniewska"},
    };
    for (size_t i = 0; i < sizeof caps / sizeof caps[0]; i++) {
        snprintf(text, sizeof text,
                 "Ferry operator adds winter sailings\n\n%s\n5 December 2026\n\n"
                 "The island ferry will sail twice a day from January.\n", caps[i].line);
        got_t g;
        read_text(put("c.txt", text), BYL_DATE_AUTO, &g);
        ck_assert_str_eq(g.author, caps[i].want);
        got_free(&g);
    }
    /* a closing "Reported by NAME, DATE" dates an article undated at the top */
    got_t g;
    read_text(put("e.txt", "Ferry operator adds winter sailings\n\nThe island ferry will sail "
                           "twice a day from January, the operator said.\n\nReported by Jane "
                           "Roe, 5 December 2026\n"),
              BYL_DATE_AUTO, &g);
    ck_assert_str_eq(g.author, "Jane Roe");
    ck_assert(is_dec5(g.date));
    got_free(&g);
}
END_TEST

/* Headlines: wrapped over two lines (joined), under an all-caps label or
 * a breadcrumb (left out), with and without a byline and date under them. */
START_TEST(test_titles_carry)
{
    static const struct {
        const char *l1, *l2, *title; /* l2 NULL: one line */
    } heads[] = {
        {"Why Eindhoven's chip-tool makers are quietly", "hiring away Big Tech's AI engineers",
         "Why Eindhoven's chip-tool makers are quietly hiring away Big Tech's AI engineers"},
        {"Why Chip-Tool Makers Are Quietly Hiring", "Away Big Tech's Best Engineers",
         "Why Chip-Tool Makers Are Quietly Hiring Away Big Tech's Best Engineers"},
        {"Salmon farmer fined NOK 42 million after mass escape", NULL,
         "Salmon farmer fined NOK 42 million after mass escape"},
        {"Council approves the harbour budget after a long night", NULL,
         "Council approves the harbour budget after a long night"},
    };
    static const char *const over[] = {"", "NEWS IN ENGLISH", "LIVE", "BREAKING", "WORLD",
                                       "Home > News > Business", "News / Business",
                                       "Home \xE2\x80\xBA World \xE2\x80\xBA Europe",
                                       "Skip to main content", "Skip to navigation"};
    static const char *const under[] = {"", "By Jane Roe\n05.12.2026 kl. 14:02\n",
                                        "5 December 2026\n"};
    char text[1024];
    for (size_t h = 0; h < sizeof heads / sizeof heads[0]; h++)
        for (size_t o = 0; o < sizeof over / sizeof over[0]; o++)
            for (size_t u = 0; u < sizeof under / sizeof under[0]; u++) {
                snprintf(text, sizeof text,
                         "%s%s%s%s%s\n\n%s\nThe first paragraph of the story tells what "
                         "happened and who said so.\n",
                         over[o], over[o][0] ? "\n\n" : "", heads[h].l1, heads[h].l2 ? "\n" : "",
                         heads[h].l2 ? heads[h].l2 : "", under[u]);
                got_t g;
                read_text(put("t.txt", text), BYL_DATE_AUTO, &g);
                ck_assert_msg(strcmp(g.title, heads[h].title) == 0, "over [%s], under [%s]: [%s]",
                              over[o], under[u], g.title);
                ck_assert_msg(!strstr(g.body, heads[h].l1), "headline in the body: [%s]", g.body);
                got_free(&g);
            }
    /* not wrapped: a line ending in a stop or a question, a dek in
     * sentence case under a headline, a blank line between */
    static const char *const keep[][2] = {
        {"Is the harbour levy fair?\nmost say it is not\n", "Is the harbour levy fair?"},
        {"Council approves the harbour budget\nThe vote came after a long night\n",
         "Council approves the harbour budget"},
        {"Council approves the harbour budget\n\nafter a long night of talks\n",
         "Council approves the harbour budget"},
        {"STORM WARNING FOR THE COAST TONIGHT\nResidents told to stay indoors as winds rise\n",
         "STORM WARNING FOR THE COAST TONIGHT"},
    };
    for (size_t i = 0; i < sizeof keep / sizeof keep[0]; i++) {
        got_t g;
        read_text(put("k.txt", keep[i][0]), BYL_DATE_AUTO, &g);
        ck_assert_str_eq(g.title, keep[i][1]);
        got_free(&g);
    }
}
END_TEST

/* The last resort of a page's head (byl_rd_date_loose): a part of a line
 * that opens with a whole date, a few words after it, among other short
 * parts, is the page's date; every label, date form, tail and neighbour
 * crossed; a sentence, a month alone, a year alone, or a date with a
 * sentence after it are not.  Most of these lines fail byl_rd_date_line
 * (it refuses a line with any part it cannot read), which is why the
 * loose reading is there. */
START_TEST(test_dates_loose)
{
    static const char *const labels[] = {"", "Published ", "Posted: ", "Date: "};
    static const struct {
        const char *d;
        int y, m, day;
    } dates[] = {{"4 Dec 2026", 2026, 12, 4},         {"04.12.2026", 2026, 12, 4},
                 {"Sat, Dec 05, 2026", 2026, 12, 5},  {"Thursday 3 December 2026", 2026, 12, 3},
                 {"5 December 2026, 10:14", 2026, 12, 5}, {"2026-12-03", 2026, 12, 3}};
    static const char *const tails[] = {"", " page2", " 18:40 hrs.", " (GMT+5)", " Updated: 04.12.2026, 19:05"};
    static const char *const around[][2] = {{"", ""}, {"Issue #212 · ", " · 7 min read"},
                                             {"> Baltic Lens | ", ""}, {"", " | 💬 37 comments"}};
    size_t n = 0;
    for (size_t a = 0; a < 4; a++)
        for (size_t d = 0; d < 6; d++)
            for (size_t tl = 0; tl < 5; tl++)
                for (size_t ar = 0; ar < 4; ar++) {
                    char line[256];
                    snprintf(line, sizeof line, "%s%s%s%s%s", around[ar][0], labels[a], dates[d].d,
                             tails[tl], around[ar][1]);
                    int64_t t = 0;
                    ck_assert_msg(byl_rd_date_loose(line, strlen(line), BYL_DATE_DMY, &t) == 1,
                                  "no date in '%s'", line);
                    int64_t y;
                    int m, day;
                    byl_civil_from_days(t / 86400, &y, &m, &day);
                    ck_assert_msg(y == dates[d].y && m == dates[d].m && day == dates[d].day,
                                  "'%s': %lld-%d-%d", line, (long long)y, m, day);
                    n++;
                }
    ck_assert_uint_eq(n, 480);
    /* an update's date only when no other is there */
    int64_t t = 0;
    const char *both = "Updated 5 Dec 2026 page 3 | 4 Dec 2026 page2";
    ck_assert_int_eq(byl_rd_date_loose(both, strlen(both), BYL_DATE_DMY, &t), 1);
    ck_assert_int_eq(t, byl_days_from_civil(2026, 12, 4) * 86400);
    static const char *const none[] = {
        "December 2026 | Issue 12",               /* a month, no day */
        "© 2026 Andes Business Journal",          /* a year */
        "4 Dec 2026 the council voted to close the yard for good", /* a sentence after it */
        "The council said on 4 December 2026 that the yard would close", /* not opening a part */
        "Vol. 12 No. 4",
        "Arsenal 2 Chelsea 1 | Report",
        "Jan-Sep 2026: -11% (communities) / -3.6% (company)",
        ""};
    for (size_t i = 0; i < sizeof none / sizeof *none; i++)
        ck_assert_msg(byl_rd_date_loose(none[i], strlen(none[i]), BYL_DATE_DMY, &t) == 0,
                      "a date in '%s'", none[i]);
}
END_TEST

/* ------------------------------------------------ two writers, any way */

/* Any two name-shaped writers (particles, hyphens, initials, beyond ASCII,
 * a curly apostrophe, four words) joined by "&", "and" or a comma, on one
 * line after "By" or set over lines under "WRITTEN BY" (the second line
 * opening with the joiner), with no-break spaces, zero-width spaces after
 * the names and a place in brackets after each, give both writers, in
 * order, and nothing else. */
START_TEST(test_two_writers_generated)
{
    static const char *const given[] = {"Nur Syafiqah", "Chloe", "Ana", "\xC3\x89lodie", "J. R.",
                                        "Selamawit", "Tom\xC3\xA1\xC5\xA1", "Siobh\xC3\xA1n"};
    static const char *const family[] = {"binti Roslan", "Teoh Xin Yi", "Ribeiro-Costa",
                                         "van der Berg", "O\xE2\x80\x99Neill", "Bekele Tadesse",
                                         "Nov\xC3\xA1k", "Larra\xC3\xB1" "aga"};
    static const char *const joins[] = {" & ", " and ", ", "};
    static const char *const places[] = {"Addis Ababa", "Hamburg", "Kuala Lumpur"};
    for (int round = 0; round < 400; round++) {
        char a[2][96], line[512], text[2048];
        int words[2];
        for (int k = 0; k < 2; k++) {
            const char *g = given[rnd() % 8], *f = family[rnd() % 8];
            snprintf(a[k], sizeof a[k], "%s %s", g, f);
            words[k] = 1;
            for (const char *q = a[k]; *q; q++)
                words[k] += *q == ' ';
        }
        if (!strcmp(a[0], a[1]))
            continue;
        int j = (int)(rnd() % 3), form = (int)(rnd() % 2), nbsp = (int)(rnd() % 2),
            zw = (int)(rnd() % 2), place = (int)(rnd() % 2);
        /* after a comma, four words or more are a body's name ("By Jane
         * Roe, Local Democracy Reporting Service"): names of three at most */
        if (j == 2 && (words[0] > 3 || words[1] > 3))
            j = (int)(rnd() % 2);
        char nm[2][160];
        for (int k = 0; k < 2; k++) {
            char *o = nm[k];
            for (const char *q = a[k]; *q; q++) {
                if (*q == ' ' && nbsp) {
                    memcpy(o, "\xC2\xA0", 2);
                    o += 2;
                } else {
                    *o++ = *q;
                }
            }
            *o = '\0';
            if (zw)
                strcat(nm[k], "\xE2\x80\x8B");
            if (place) {
                strcat(nm[k], " (");
                strcat(nm[k], places[rnd() % 3]);
                strcat(nm[k], ")");
            }
        }
        if (form == 0 || j == 2)
            snprintf(line, sizeof line, "By %s%s%s", nm[0], joins[j], nm[1]);
        else
            snprintf(line, sizeof line, "WRITTEN BY\n%s\n%s%s", nm[0], joins[j] + 1, nm[1]);
        snprintf(text, sizeof text,
                 "Ferry group wins a 12-year concession for the island routes\n\n%s\n"
                 "4 December 2026\n\nThe ferry group will run the island routes for the next "
                 "twelve years after the state signed the concession on Friday.\n",
                 line);
        got_t g;
        read_text(put("two.txt", text), BYL_DATE_AUTO, &g);
        char want[256];
        snprintf(want, sizeof want, "%s; %s", a[0], a[1]);
        ck_assert_msg(!strcmp(g.author, want), "[%s]: author [%s], want [%s]", line, g.author,
                      want);
        ck_assert_str_eq(g.title, "Ferry group wins a 12-year concession for the island routes");
        got_free(&g);
    }
}
END_TEST

/* A name alone over the writer's job at a body ("ROLE at ORG"), a name
 * over a line that reads as a byline of its own ("Outlet | date"): the
 * name is the writer; the same name over a line of the story is none. */
START_TEST(test_name_over_job_or_outlet)
{
    static const char *const under[] = {
        "Head of Communications at Kvarner Container Terminal d.o.o.",
        "Senior Reporter at The Harbour Post",
        "Policy Analyst at Nordic Ports Council",
        "Baltic Lens | 5 December 2026, 10:14 EET",
        "Harbour Courier | 4 Dec 2026",
    };
    for (size_t i = 0; i < sizeof under / sizeof under[0]; i++)
        for (int story = 0; story < 2; story++) {
            char text[1024];
            snprintf(text, sizeof text,
                     "Harbour cranes will be run from a control room by next spring\n\n"
                     "Marija Kova\xC4\x8D" "evi\xC4\x87-Horvat\n%s\n\n"
                     "The port will move its crane drivers to a control room next spring, the "
                     "operator said on Friday, after a year of talks with the union.\n",
                     story ? "The union said it agreed to the plan after a year of talks." : under[i]);
            got_t g;
            read_text(put("job.txt", text), BYL_DATE_DMY, &g);
            ck_assert_msg(!strcmp(g.author, story ? "" : "Marija Kova\xC4\x8D" "evi\xC4\x87-Horvat"),
                          "under [%s]: author [%s]", story ? "story" : under[i], g.author);
            got_free(&g);
        }
}
END_TEST

/* A name alone right over the writer's role closes a letter or a
 * newsletter: any of these names over any of these roles is the writer;
 * with a blank line between, or with the name given earlier in the text
 * (a person the story tells of), or over a line of the story, none.  (The
 * story is long enough that the sign-off is no line under the headline,
 * where a name over a role is a byline.) */
/* The job-line and affiliation tests read nothing past the line: every
 * prefix of lines with a comma or " at " near their end, each copied to a
 * buffer of exactly its length (a comma one or two bytes from the end once
 * sent byl_rd_job_line past it: fuzz_text, tests/fuzz/crashes/text/
 * job-line-comma-near-end.txt; ASan and valgrind see any such read). */
START_TEST(test_job_line_reads_only_the_line)
{
    static const char *const lines[] = {
        "Head of Communications at Aegean Freight Brief", "Editor, Aegean Freight Brief",
        "City Council Apprrepostedoves New Bike Lanes,", "Senior Reporter at", "Editor, X",
        "Editor,", "A, b", "Policy Analyst at Ortzadar Elektronika S.Coop., Arrasate",
    };
    size_t yes = 0;
    for (size_t i = 0; i < sizeof lines / sizeof *lines; i++) {
        size_t len = strlen(lines[i]);
        for (size_t n = 0; n <= len; n++) {
            char *b = malloc(n ? n : 1);
            ck_assert_ptr_nonnull(b);
            memcpy(b, lines[i], n);
            int j = byl_rd_job_line(b, n);
            ck_assert(j == 0 || j == 1);
            yes += j && n == len;
            (void)byl_rd_affiliation_line(b, n);
            free(b);
        }
    }
    ck_assert_uint_ge(yes, 2); /* the two whole job lines still read as such */
}
END_TEST

/* A writer named again in the text as its writer ("Contact reporter Jane
 * Roe at ...", "Harbour Post reporter Jane Roe ...") is still the writer,
 * where a name the story speaks of as of a third party ("told Berriak
 * Euskadi that") is a masthead; a name inside a longer word ("Jane
 * Roeland") is not the name; and a headline set under "WRITTEN BY" is no
 * writer (round 24's review found all three).  Every head form of the
 * byline with every mention. */
START_TEST(test_writer_named_again)
{
    static const char *const heads[] = {
        "Jane Roe | Harbour Post\n5 December 2026\n\nPort strike enters third day as ships queue outside\n",
        "Jane Roe \xC2\xB7 5 December 2026\n\nPort strike enters third day as ships queue outside\n",
        "Port strike enters third day as ships queue outside\n\nBy Jane Roe\n5 December 2026\n",
    };
    static const char *const tails[] = {
        "Contact reporter Jane Roe at jane@example.com.",
        "Harbour Post reporter Jane Roe was at the gate.",
        "Our correspondent Jane Roe reported from the quay.",
        "Dockers cheered as Jane Roeland, a union steward, spoke.",
        "Photos by Jane Roe.",
    };
    for (size_t h = 0; h < sizeof heads / sizeof *heads; h++)
        for (size_t k = 0; k < sizeof tails / sizeof *tails; k++) {
            char text[2048];
            snprintf(text, sizeof text,
                     "%s\nThe strike at the port entered its third day on Monday, officials said, "
                     "and ships waited outside the breakwater.\n\n%s\n", heads[h], tails[k]);
            got_t g;
            read_text(put("again.txt", text), BYL_DATE_DMY, &g);
            ck_assert_msg(!strcmp(g.author, "Jane Roe"), "head %zu, [%s]: author [%s]", h, tails[k],
                          g.author);
            ck_assert_str_eq(g.title, "Port strike enters third day as ships queue outside");
            got_free(&g);
        }
    got_t g;
    read_text(put("written.txt", "Harbour Post\n\nWRITTEN BY\nPort Strike Enters Third Day\n\n"
                                 "The strike at the port entered its third day on Monday, officials "
                                 "said.\n"),
              BYL_DATE_DMY, &g);
    ck_assert_str_eq(g.title, "Port Strike Enters Third Day");
    ck_assert_msg(strcmp(g.author, g.title) != 0, "the headline is the author too");
    got_free(&g);
}
END_TEST

/* A label glued before the headline on its line: a section's kicker with
 * a mark (▸ ► » › |) and a label of what the copy is ("Translated:",
 * "Fwd:", "Re:") are left out of the title; the site's own labels before
 * a colon ("LIVE:", "FACT CHECK:") stay, and so does a longer line before
 * a mark, or one with a number (no kicker). */
START_TEST(test_title_labels)
{
    static const char *const head = "Lagoon ferry fares to double from January";
    static const struct {
        const char *line; /* %s: the headline */
        int strip;
    } cases[] = {
        {"FERRIES \xE2\x96\xB8 %s", 1},   {"Ferries  \xE2\x96\xBA  %s", 1},
        {"Opinion | %s", 1},                {"LAGOON TRANSPORT \xC2\xBB %s", 1},
        {"Local News \xE2\x80\xBA %s", 1}, {"Translated: %s", 1},
        {"Fwd: %s", 1},                     {"Re: %s", 1},
        {"Repost: %s", 1},                  {"LIVE: %s", 0},
        {"FACT CHECK: %s", 0},              {"Ferries 2026 \xE2\x96\xB8 %s", 0},
        {"One two three four \xE2\x96\xB8 %s", 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char line[256], text[1024], want[256];
        snprintf(line, sizeof line, cases[i].line, head);
        snprintf(text, sizeof text,
                 "%s\n\nBy Mele Tuilagi\n4 December 2026\n\nThe lagoon ferry company said on "
                 "Friday that fares would double from January to pay for two new boats.\n",
                 line);
        snprintf(want, sizeof want, "%s", cases[i].strip ? head : line);
        got_t g;
        read_text(put("label.txt", text), BYL_DATE_DMY, &g);
        ck_assert_msg(!strcmp(g.title, want), "[%s]: title [%s]", line, g.title);
        ck_assert_str_eq(g.author, "Mele Tuilagi");
        got_free(&g);
    }
}
END_TEST

START_TEST(test_sign_off_over_role_generated)
{
    static const char *const names[] = {"Eleni Papathanasiou", "Karolina Wi\xC5\x9Bniewska-Nowak",
                                        "Jan de Vries", "Aino Virtanen"};
    static const char *const roles[] = {"Editor, The Baltic Box Brief", "Editor",
                                        "Senior Reporter at Harbour Weekly",
                                        "Head of Research at Nordic Ports Council",
                                        "Shipping correspondent"};
    for (size_t n = 0; n < sizeof names / sizeof names[0]; n++)
        for (size_t k = 0; k < sizeof roles / sizeof roles[0]; k++)
            for (int v = 0; v < 4; v++) {
                char text[2048];
                snprintf(text, sizeof text,
                         "Gdansk picks two bidders for the third deep-water terminal\n\n"
                         "The port authority has shortlisted two groups for the concession%s%s, "
                         "it said on Thursday.\n\nThe winner will be named in March.\n\n"
                         "The terminal will add room for a million containers a year.\n\n"
                         "Both groups run terminals in other Baltic ports already.\n\n"
                         "The city council still has to approve the road link to it.\n\n"
                         "Have a good weekend,\n\n%s\n%s%s\n\nForwarded this email? Subscribe "
                         "here.\n",
                         v == 2 ? ", according to " : "", v == 2 ? names[n] : "", names[n],
                         v == 1 ? "\n" : "",
                         v == 3 ? "The terminal should open in 2031, the authority said." : roles[k]);
                got_t g;
                read_text(put("signoff.txt", text), BYL_DATE_DMY, &g);
                ck_assert_msg(!strcmp(g.author, v == 0 ? names[n] : ""), "%s over %s (%d): [%s]",
                              names[n], roles[k], v, g.author);
                got_free(&g);
            }
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("text");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_layouts_table);
    tcase_add_test(tc, test_layouts_mutated);
    tcase_add_test(tc, test_title_labels);
    tcase_add_test(tc, test_random_files_lose_nothing);
    tcase_add_test(tc, test_date_order);
    tcase_add_test(tc, test_byline_fields);
    tcase_add_test(tc, test_date_line_furniture);
    tcase_add_test(tc, test_bylines_without_by);
    tcase_add_test(tc, test_sidecar);
    tcase_add_test(tc, test_not_text_advice);
    tcase_add_test(tc, test_id_names);
    tcase_add_test(tc, test_dates_carry);
    tcase_add_test(tc, test_bylines_carry);
    tcase_add_test(tc, test_titles_carry);
    tcase_add_test(tc, test_dates_loose);
    tcase_add_test(tc, test_two_writers_generated);
    tcase_add_test(tc, test_name_over_job_or_outlet);
    tcase_add_test(tc, test_sign_off_over_role_generated);
    tcase_add_test(tc, test_job_line_reads_only_the_line);
    tcase_add_test(tc, test_writer_named_again);
    tcase_add_test(tc, test_masthead_day);
    tcase_add_test(tc, test_signed_under_story);
    suite_add_tcase(s, tc);
    return s;
}

int main(void) { return byl_test_run(suite()); }
