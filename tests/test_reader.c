/*
 * test_reader.c - Check suite for the article readers (doc/reader.h) and the
 * date parser.
 *
 * Small hand-written fixtures live in tests/data/readers/ (found through
 * BYL_TEST_DATA); everything large, binary, compressed or damaged is made at
 * test time in a mkdtemp directory, so no big file is ever committed.  Every
 * bad-input case checks the one warning (reason, line, offset), the counts,
 * and that the next good record still comes out.
 *
 * Not for: the indexer's handling of warnings (see the end-to-end tests).
 */
#include <check.h>

#include "check_main.h"
#include <fcntl.h>
#include <ftw.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>
#include <zlib.h>

#include "doc/_reader.h"
#include "doc/date.h"
#include "doc/reader.h"
#include "util/err.h"
#include "util/mem.h"

/* ------------------------------------------------------------- helpers */

static char tmpdir[256];
static uint32_t rng; /* of word(): each test starts from the same seed, forked or not */

static void setup(void)
{
    rng = 12345;
    strcpy(tmpdir, "/tmp/byl_reader_XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(tmpdir));
}

static int rm_one(const char *p, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    return remove(p);
}

static void teardown(void)
{
    if (tmpdir[0])
        nftw(tmpdir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
    tmpdir[0] = '\0';
}

/* A path in the temp dir; a few rotating static buffers. */
static const char *tpath(const char *name)
{
    static char bufs[8][512];
    static int k;
    char *b = bufs[k++ & 7];
    snprintf(b, 512, "%s/%s", tmpdir, name);
    return b;
}

static const char *fixture(const char *name)
{
    static char bufs[4][512];
    static int k;
    const char *dir = getenv("BYL_TEST_DATA");
    char *b = bufs[k++ & 3];
    snprintf(b, 512, "%s/readers/%s", dir ? dir : "tests/data", name);
    return b;
}

static const char *write_file(const char *name, const void *data, size_t len)
{
    const char *p = tpath(name);
    FILE *f = fopen(p, "wb");
    ck_assert_ptr_nonnull(f);
    ck_assert_uint_eq(fwrite(data, 1, len, f), len);
    fclose(f);
    return p;
}

static const char *write_str(const char *name, const char *s) { return write_file(name, s, strlen(s)); }

static const char *write_gz(const char *name, const void *data, size_t len)
{
    const char *p = tpath(name);
    gzFile g = gzopen(p, "wb6");
    ck_assert_ptr_nonnull(g);
    ck_assert_int_eq(gzwrite(g, data, (unsigned)len), (int)len);
    gzclose(g);
    return p;
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    ck_assert_ptr_nonnull(f);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *d = malloc((size_t)n + 1);
    ck_assert_uint_eq(fread(d, 1, (size_t)n, f), (size_t)n);
    d[n] = '\0';
    fclose(f);
    *len = (size_t)n;
    return d;
}

/* A growable string for building inputs. */
typedef struct {
    char *d;
    size_t n, cap;
} sbuf;

static void sb_add(sbuf *s, const void *p, size_t n)
{
    if (s->n + n + 1 > s->cap) {
        s->cap = (s->n + n + 1) * 2;
        s->d = realloc(s->d, s->cap);
    }
    memcpy(s->d + s->n, p, n);
    s->n += n;
    s->d[s->n] = '\0';
}

static void sb_printf(sbuf *s, const char *fmt, ...)
{
    char tmp[4096];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    sb_add(s, tmp, (size_t)n);
}

/* Seeded words, so compressed inputs do not shrink to nothing. */
static const char *word(void)
{
    static const char *const w[] = {"harbor", "council", "market", "wheat",  "bridge", "snow",
                                    "budget", "school",  "river",  "energy", "vote",   "port",
                                    "rail",   "tariff",  "orchard", "ferry", "mayor",  "drill"};
    rng = rng * 1103515245u + 12345u;
    return w[(rng >> 16) % (sizeof w / sizeof w[0])];
}

typedef struct {
    char file[512];
    uint64_t line, off;
    byl_skip_reason reason;
    char detail[512];
} warning;

typedef struct {
    char *id, *title, *body, *author, *source, *url;
    int64_t date;
    uint64_t line;
} art;

typedef struct {
    art *a;
    int n, cap;
    int rc;
    uint64_t records;
    uint64_t skipped[BYL_SKIP_COUNT];
    uint64_t warned[BYL_SKIP_COUNT];
    byl_format fmt;
    warning w[32]; /* the first warnings */
    warning last;  /* and the last one */
    int nw;
    size_t max_cap; /* largest input window seen */
} result;

static void on_warn(void *ctx, const char *file, uint64_t line, uint64_t off,
                    byl_skip_reason reason, const char *detail)
{
    result *res = ctx;
    for (int k = 0; k < 2; k++) {
        if (k == 0 && res->nw >= 32)
            continue;
        warning *w = k == 0 ? &res->w[res->nw] : &res->last;
        snprintf(w->file, sizeof w->file, "%s", file);
        w->line = line;
        w->off = off;
        w->reason = reason;
        snprintf(w->detail, sizeof w->detail, "%s", detail);
    }
    res->nw++;
}

static char *dupn(const char *s, size_t n)
{
    ck_assert_ptr_nonnull(s);
    ck_assert_uint_eq(strlen(s), n); /* NUL-terminated at the stated length */
    return strndup(s, n);
}

static void drain(byl_reader *r, result *res)
{
    byl_article a;
    int rc;
    while ((rc = byl_reader_next(r, &a)) == 1) {
        if (res->n == res->cap) {
            res->cap = res->cap ? res->cap * 2 : 16;
            res->a = realloc(res->a, (size_t)res->cap * sizeof *res->a);
        }
        art *x = &res->a[res->n++];
        x->id = dupn(a.id, a.id_len);
        x->title = dupn(a.title, a.title_len);
        x->body = dupn(a.body, a.body_len);
        x->author = dupn(a.author, a.author_len);
        x->source = dupn(a.source, a.source_len);
        x->url = dupn(a.url, a.url_len);
        x->date = a.date;
        x->line = a.line;
        ck_assert_ptr_nonnull(a.file);
        if (r->cap > res->max_cap)
            res->max_cap = r->cap;
    }
    if (r->cap > res->max_cap)
        res->max_cap = r->cap;
    res->rc = rc;
    /* After the end, next keeps returning 0. */
    if (rc == 0)
        ck_assert_int_eq(byl_reader_next(r, &a), 0);
    res->records = byl_reader_records(r);
    memcpy(res->skipped, byl_reader_skipped(r), sizeof res->skipped);
    memcpy(res->warned, byl_reader_warned(r), sizeof res->warned);
    /* A kind is a skip or a warning, never both. */
    for (int i = 0; i < BYL_SKIP_COUNT; i++)
        ck_assert(byl_skip_reason_keeps((byl_skip_reason)i) ? res->skipped[i] == 0
                                                            : res->warned[i] == 0);
    res->fmt = byl_reader_format(r);
}

static void read_all(const char *path, byl_format fmt, size_t max_record, result *res)
{
    memset(res, 0, sizeof *res);
    byl_reader *r;
    int rc = byl_reader_open(path, fmt, on_warn, res, &r);
    ck_assert_msg(rc == BYL_OK, "open %s: %s", path, byl_error_msg());
    if (max_record)
        ck_assert_int_eq(byl_reader_set_max_record(r, max_record), BYL_OK);
    drain(r, res);
    byl_reader_close(r);
}

static void free_result(result *res)
{
    for (int i = 0; i < res->n; i++) {
        art *x = &res->a[i];
        free(x->id);
        free(x->title);
        free(x->body);
        free(x->author);
        free(x->source);
        free(x->url);
    }
    free(res->a);
    res->a = NULL;
    res->n = 0;
}

static uint64_t total_skipped(const result *res)
{
    uint64_t t = 0;
    for (int i = 0; i < BYL_SKIP_COUNT; i++)
        t += res->skipped[i];
    return t;
}

/* The warning k has this reason, line and offset. */
static void assert_warn(const result *res, int k, byl_skip_reason why, uint64_t line, uint64_t off)
{
    ck_assert_int_gt(res->nw, k);
    const warning *w = &res->w[k];
    ck_assert_msg(w->reason == why, "warning %d: reason %s, want %s (%s)", k,
                  byl_skip_reason_name(w->reason), byl_skip_reason_name(why), w->detail);
    ck_assert_msg(w->line == line, "warning %d (%s): line %llu, want %llu", k, w->detail,
                  (unsigned long long)w->line, (unsigned long long)line);
    ck_assert_msg(w->off == off, "warning %d (%s): offset %llu, want %llu", k, w->detail,
                  (unsigned long long)w->off, (unsigned long long)off);
    ck_assert_msg(w->detail[0] != '\0', "warning %d has no detail", k);
}

static int64_t utc(int y, int mo, int d, int h, int mi, int s)
{
    return byl_days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s;
}

/* --------------------------------------------------------------- names */

START_TEST(test_names)
{
    ck_assert_str_eq(byl_skip_reason_name(BYL_SKIP_JSON), "JSON");
    ck_assert_str_eq(byl_skip_reason_name(BYL_SKIP_IO), "IO");
    ck_assert_str_eq(byl_skip_reason_text(BYL_SKIP_TOOLONG), "record too long");
    for (int i = 0; i < BYL_SKIP_COUNT; i++) {
        ck_assert_ptr_nonnull(byl_skip_reason_name((byl_skip_reason)i));
        ck_assert_ptr_nonnull(byl_skip_reason_text((byl_skip_reason)i));
    }
    /* The kinds that keep every record come last, after the skips. */
    ck_assert_int_eq(byl_skip_reason_keeps(BYL_SKIP_IO), 0);
    ck_assert_int_eq(byl_skip_reason_keeps(BYL_SKIP_JSON), 0);
    ck_assert_int_eq(byl_skip_reason_keeps(BYL_SKIP_FIELD), 1);
    ck_assert_int_eq(byl_skip_reason_keeps(BYL_SKIP_TRAILER), 1);
    ck_assert_int_eq(byl_skip_reason_keeps(BYL_SKIP_EMPTY), 1);
    ck_assert_int_eq(byl_skip_reason_keeps(BYL_SKIP_COUNT), 0);
    ck_assert_str_eq(byl_skip_reason_name(BYL_SKIP_FIELD), "FIELD");
    ck_assert_str_eq(byl_skip_reason_text(BYL_SKIP_FIELD), "field ignored (record kept)");
    ck_assert_str_eq(byl_skip_reason_text(BYL_SKIP_EMPTY), "empty input");
    ck_assert_ptr_null(byl_reader_warned(NULL));
    const char *names[] = {"auto", "jsonl", "trec", "reuters", "text"};
    for (int f = BYL_FMT_AUTO; f <= BYL_FMT_TEXT; f++) {
        ck_assert_str_eq(byl_format_name((byl_format)f), names[f]);
        ck_assert_int_eq(byl_format_parse(names[f]), f);
    }
    ck_assert_int_eq(byl_format_parse("TREC"), BYL_FMT_TREC);
    ck_assert_int_eq(byl_format_parse("pdf"), -1);
    ck_assert_int_eq(byl_format_parse(NULL), -1);
}
END_TEST

/* ------------------------------------------------------ date parsing */

START_TEST(test_dates)
{
    static const struct {
        const char *s;
        int y, mo, d, h, mi, sec, tzmin;
    } ok[] = {
        {"2025-11-26", 2025, 11, 26, 0, 0, 0, 0},
        {"2025-11-26T14:34:00Z", 2025, 11, 26, 14, 34, 0, 0},
        {"2025-11-26t14:34:00z", 2025, 11, 26, 14, 34, 0, 0},
        {"2025-11-26 14:34", 2025, 11, 26, 14, 34, 0, 0},
        {"2025-11-26T14:34:00.123456+01:00", 2025, 11, 26, 14, 34, 0, 60},
        {"2025-11-26T14:34:00-0500", 2025, 11, 26, 14, 34, 0, -300},
        {"2025-11-26T14:34:00+05", 2025, 11, 26, 14, 34, 0, 300},
        {"2025/11/26", 2025, 11, 26, 0, 0, 0, 0},
        {"2025-11", 2025, 11, 1, 0, 0, 0, 0},
        {"20251126", 2025, 11, 26, 0, 0, 0, 0},
        {"20251126T143400Z", 2025, 11, 26, 14, 34, 0, 0},
        {"2025", 2025, 1, 1, 0, 0, 0, 0},
        {"  2025-11-26  ", 2025, 11, 26, 0, 0, 0, 0},
        {"Wed, 26 Nov 2025 14:34:00 +0000", 2025, 11, 26, 14, 34, 0, 0},
        {"Wed, 26 Nov 2025 14:34:00 GMT", 2025, 11, 26, 14, 34, 0, 0},
        {"26 Nov 2025 09:34:00 EST", 2025, 11, 26, 9, 34, 0, -300},
        {"Wednesday, 26 November 2025", 2025, 11, 26, 0, 0, 0, 0},
        {"26 November 2025", 2025, 11, 26, 0, 0, 0, 0},
        {"Nov 26, 2025", 2025, 11, 26, 0, 0, 0, 0},
        {"Nov. 26, 2025", 2025, 11, 26, 0, 0, 0, 0},
        {"November 26, 2025", 2025, 11, 26, 0, 0, 0, 0},
        {"november 26th 2025", 2025, 11, 26, 0, 0, 0, 0},
        {"Sept 3, 2025", 2025, 9, 3, 0, 0, 0, 0},
        {"November 2025", 2025, 11, 1, 0, 0, 0, 0},
        {"Nov 26, 2025, 2:34 a.m. ET", 2025, 11, 26, 2, 34, 0, -300},
        {"Nov 26, 2025, 2:34 p.m. ET", 2025, 11, 26, 14, 34, 0, -300},
        {"Nov 26, 2025 12:05 AM PST", 2025, 11, 26, 0, 5, 0, -480},
        {"November 26, 2025 at 2 PM EDT", 2025, 11, 26, 14, 0, 0, -240},
        {"Nov 26, 2025 14:34 UTC+01:00", 2025, 11, 26, 14, 34, 0, 60},
        {"11/07/2025", 2025, 11, 7, 0, 0, 0, 0},
        {"11-07-2025", 2025, 11, 7, 0, 0, 0, 0},
        {"3/4/87", 1987, 3, 4, 0, 0, 0, 0},
        {"03/24/25", 2025, 3, 24, 0, 0, 0, 0},
        {"26.11.2025", 2025, 11, 26, 0, 0, 0, 0},
        {"26-FEB-1987 15:01:01.79", 1987, 2, 26, 15, 1, 1, 0},
        {" 2-MAR-1987 09:30:00.00", 1987, 3, 2, 9, 30, 0, 0},
        {"2024-02-29", 2024, 2, 29, 0, 0, 0, 0},
        {"2000-02-29", 2000, 2, 29, 0, 0, 0, 0},
        {"1969-12-31T23:59:59Z", 1969, 12, 31, 23, 59, 59, 0},
        {"1601-01-01", 1601, 1, 1, 0, 0, 0, 0},
        {"2016-12-31T23:59:60Z", 2016, 12, 31, 23, 59, 59, 0}, /* leap second */
        /* a weekday printed with a numeric date says which part is the
         * month when one reading only falls on it, dots or slashes, in
         * English or the page's language (12 Feb 2026 is a Thursday, 2
         * December a Wednesday) */
        {"Wednesday 12.02.26", 2026, 12, 2, 0, 0, 0, 0},
        {"Thursday 12.02.26", 2026, 2, 12, 0, 0, 0, 0},
        {"Wed, 12/02/2026", 2026, 12, 2, 0, 0, 0, 0},
        {"Thu, 12/02/2026", 2026, 2, 12, 0, 0, 0, 0},
        {"miércoles 02.12.2026", 2026, 12, 2, 0, 0, 0, 0},
        {"Mi., 12.02.2026", 2026, 12, 2, 0, 0, 0, 0},
        {"Saturday 05/05/2026", 2026, 5, 5, 0, 0, 0, 0}, /* one reading: as it was */
        {"Monday 13.02.2026", 2026, 2, 13, 0, 0, 0, 0}, /* a part above 12 wins */
        /* the month after its day in Croatian, Serbian, Slovene, Polish,
         * Czech and Russian, an ordinal's dot closing the year */
        {"4. prosinca 2026.", 2026, 12, 4, 0, 0, 0, 0},
        {"petak, 4. prosinca 2026.", 2026, 12, 4, 0, 0, 0, 0},
        {"4. decembra 2026", 2026, 12, 4, 0, 0, 0, 0},
        {"sreda, 2. decembra 2026", 2026, 12, 2, 0, 0, 0, 0},
        {"4 grudnia 2026", 2026, 12, 4, 0, 0, 0, 0},
        {"pi\xC4\x85tek, 4 grudnia 2026", 2026, 12, 4, 0, 0, 0, 0},
        {"4. listopadu 2026", 2026, 11, 4, 0, 0, 0, 0},
        {"4 \xD0\xB4\xD0\xB5\xD0\xBA\xD0\xB0\xD0\xB1\xD1\x80\xD1\x8F 2026", 2026, 12, 4, 0, 0, 0, 0},
        {"14. srpnja 2026.", 2026, 7, 14, 0, 0, 0, 0},
        /* weekdays of those languages before the date */
        {"Jumat, 4 Desember 2026", 2026, 12, 4, 0, 0, 0, 0},
        {"Cuma, 4 Aral\xC4\xB1k 2026", 2026, 12, 4, 0, 0, 0, 0},
        {"vineri, 4 decembrie 2026", 2026, 12, 4, 0, 0, 0, 0},
        {"Biyernes, Disyembre 4, 2026", 2026, 12, 4, 0, 0, 0, 0},
        /* Turkish, Indonesian, Malay, Swahili, Filipino, Catalan,
         * Romanian, Albanian, Finnish, Estonian, Greek, Ukrainian */
        {"4 Aral\xC4\xB1k 2026", 2026, 12, 4, 0, 0, 0, 0},
        {"4 \xC5\x9E" "ubat 2026", 2026, 2, 4, 0, 0, 0, 0},
        {"4 Agustus 2026", 2026, 8, 4, 0, 0, 0, 0},
        {"4 Disember 2026", 2026, 12, 4, 0, 0, 0, 0},
        {"4 Desemba 2026", 2026, 12, 4, 0, 0, 0, 0},
        {"Disyembre 4, 2026", 2026, 12, 4, 0, 0, 0, 0},
        {"4 de desembre de 2026", 2026, 12, 4, 0, 0, 0, 0},
        {"4 decembrie 2026", 2026, 12, 4, 0, 0, 0, 0},
        {"4 dhjetor 2026", 2026, 12, 4, 0, 0, 0, 0},
        {"4. joulukuuta 2026", 2026, 12, 4, 0, 0, 0, 0},
        {"4. detsember 2026", 2026, 12, 4, 0, 0, 0, 0},
        {"4 \xCE\x94\xCE\xB5\xCE\xBA\xCE\xB5\xCE\xBC\xCE\xB2\xCF\x81\xCE\xAF\xCE\xBF\xCF\x85 2026", 2026, 12, 4, 0, 0, 0, 0},
        {"4 \xD0\xB3\xD1\x80\xD1\x83\xD0\xB4\xD0\xBD\xD1\x8F 2026", 2026, 12, 4, 0, 0, 0, 0},
        /* a zone's offset with a typeset minus sign (U+2212) */
        {"Dec 1, 2026 18:10 UTC\xE2\x88\x92" "10", 2026, 12, 1, 18, 10, 0, -600},
        {"2026-12-01T18:10:00\xE2\x88\x92" "05:00", 2026, 12, 1, 18, 10, 0, -300},
    };
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        int64_t t = 0;
        int rc = byl_date_parse(ok[i].s, strlen(ok[i].s), &t);
        ck_assert_msg(rc == 0, "'%s' did not parse", ok[i].s);
        int64_t want = utc(ok[i].y, ok[i].mo, ok[i].d, ok[i].h, ok[i].mi, ok[i].sec) -
                       (int64_t)ok[i].tzmin * 60;
        ck_assert_msg(t == want, "'%s' -> %lld, want %lld", ok[i].s, (long long)t,
                      (long long)want);
    }
    /* Known anchors, independent of days_from_civil. */
    int64_t t;
    ck_assert_int_eq(byl_date_parse("1970-01-01", 10, &t), 0);
    ck_assert_int_eq(t, 0);
    ck_assert_int_eq(byl_date_parse("2025-11-26T14:34:00Z", 20, &t), 0);
    ck_assert_int_eq(t, 1764167640);
    ck_assert_int_eq(byl_date_parse("26-FEB-1987 15:01:01.79", 23, &t), 0);
    ck_assert_int_eq(t, 541350061);
    /* Only len bytes are read. */
    ck_assert_int_eq(byl_date_parse("2025-11-26garbage", 10, &t), 0);
    ck_assert_int_eq(t, 1764115200);

    static const char *const bad[] = {
        "", "   ", "hello", "2025-13-01", "2025-02-29", "2025-11-31", "2025-11-26T25:00",
        "13/45/2025", "Nov 32, 2025", "Nov 26", "2025-11-26 then some words", "By Jane Doe",
        "2025x", "12345", "Nov 26, 2025, 14:34 p.m.", "0000-01-01",
        /* "listopada" is October in Croatian, November in Polish: no date */
        "4. listopada 2026",
        /* an en dash after a time is a range, no zone */
        "Dec 1, 2026 09:00\xE2\x80\x93" "11:00",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        t = 42;
        ck_assert_msg(byl_date_parse(bad[i], strlen(bad[i]), &t) == -1, "'%s' parsed as %lld",
                      bad[i], (long long)t);
        ck_assert_int_eq(t, 42); /* untouched on failure */
    }
    ck_assert_int_eq(byl_date_parse(NULL, 0, &t), -1);

    /* The lenient form used for SGML dates takes a tail and YYMMDD. */
    ck_assert_int_eq(byl_date_parse_lenient("January 1, 1989, Sunday, Home Edition", 37, &t), 0);
    ck_assert_int_eq(t, utc(1989, 1, 1, 0, 0, 0));
    ck_assert_int_eq(byl_date_parse_lenient("910514", 6, &t), 0);
    ck_assert_int_eq(t, utc(1991, 5, 14, 0, 0, 0));
    ck_assert_int_eq(byl_date_parse_lenient("2025x", 5, &t), -1);
    ck_assert_int_eq(byl_date_parse("910514", 6, &t), -1);

    ck_assert_int_eq(byl_days_from_civil(1970, 1, 1), 0);
    ck_assert_int_eq(byl_days_from_civil(2000, 3, 1), 11017);
    ck_assert_int_eq(byl_days_from_civil(1969, 12, 31), -1);
}
END_TEST

static void expect_format(int64_t t, int full, const char *want)
{
    char buf[BYL_DATE_BUF];
    size_t n = byl_date_format(t, full, buf, sizeof buf);
    ck_assert_msg(strcmp(buf, want) == 0, "%lld: got '%s', want '%s'", (long long)t, buf, want);
    ck_assert_uint_eq(n, strlen(want));
}

/* Dates print with four-digit years (year 1 was "1-01-01" through
 * strftime), and the parser's range has one upper and one lower end. */
START_TEST(test_date_bounds_and_format)
{
    expect_format(0, 0, "1970-01-01");
    expect_format(-1, 1, "1969-12-31T23:59:59Z");
    expect_format(1764167640, 1, "2025-11-26T14:34:00Z");
    expect_format(BYL_DATE_MIN, 0, "0001-01-01");
    expect_format(BYL_DATE_MIN, 1, "0001-01-01T00:00:00Z");
    expect_format(BYL_DATE_MAX, 1, "9999-12-31T23:59:59Z");
    /* Stored times outside the parser's range (a JSON epoch number) still
     * print as ISO 8601's expanded years, never as garbage. */
    expect_format(BYL_DATE_MIN - 1, 1, "0000-12-31T23:59:59Z");
    expect_format(BYL_DATE_MAX + 1, 0, "+10000-01-01");
    expect_format(byl_days_from_civil(-1, 12, 31) * 86400, 0, "-0001-12-31");
    char buf[BYL_DATE_BUF];
    ck_assert_uint_lt(byl_date_format(INT64_MIN + 1, 1, buf, sizeof buf), sizeof buf);
    ck_assert_int_eq(buf[0], '-');
    ck_assert_uint_lt(byl_date_format(INT64_MAX, 1, buf, sizeof buf), sizeof buf);
    ck_assert_int_eq(buf[0], '+');
    ck_assert_uint_eq(byl_date_format(0, 0, buf, 5), 10); /* cut, and says so */
    ck_assert_str_eq(buf, "1970");

    /* civil_from_days inverts days_from_civil, across era boundaries. */
    for (int64_t day = byl_days_from_civil(-800, 1, 1); day < byl_days_from_civil(10400, 1, 1);
         day += 97) {
        int64_t y;
        int m, d;
        byl_civil_from_days(day, &y, &m, &d);
        ck_assert_msg(m >= 1 && m <= 12 && d >= 1 && d <= 31, "day %lld", (long long)day);
        ck_assert_int_eq(byl_days_from_civil(y, m, d), day);
    }

    /* Both ends of the range parse and print back as written ... */
    int64_t t;
    ck_assert_int_eq(byl_date_parse("0001-01-01", 10, &t), 0);
    ck_assert_int_eq(t, BYL_DATE_MIN);
    ck_assert_int_eq(byl_date_parse("9999-12-31T23:59:59Z", 20, &t), 0);
    ck_assert_int_eq(t, BYL_DATE_MAX);
    ck_assert_int_eq(byl_date_parse("9999", 4, &t), 0);
    ck_assert_int_eq(byl_date_parse("9999-12", 7, &t), 0);
    ck_assert_int_eq(byl_date_parse("2024-02-29", 10, &t), 0);
    /* ... but a zone that would carry a time out of it is refused. */
    static const char *const out[] = {
        "0001-01-01T00:00+01:00", "9999-12-31T23:00-05:00", "0000", "0000-12",
        "2025-00", "2025-00-10", "2025-01-00", "2025-13", "2025-02-30", "2025-02-29",
        "10000-01-01",
    };
    for (size_t i = 0; i < sizeof out / sizeof out[0]; i++) {
        t = 42;
        ck_assert_msg(byl_date_parse(out[i], strlen(out[i]), &t) == -1, "'%s' parsed as %lld",
                      out[i], (long long)t);
        ck_assert_int_eq(t, 42);
    }
}
END_TEST

/* ---------------------------------------------------- format detection */

START_TEST(test_detect)
{
    static const struct {
        const char *content;
        byl_format want;
    } cases[] = {
        {"{\"id\":\"1\",\"title\":\"t\"}\n", BYL_FMT_JSONL},
        {"\n\n   \t{\"id\":\"1\",\"title\":\"t\"}\n", BYL_FMT_JSONL},
        {"\xEF\xBB\xBF{\"id\":\"1\",\"title\":\"t\"}\n", BYL_FMT_JSONL},
        {"<DOC>\n<DOCNO>1</DOCNO><TEXT>x</TEXT></DOC>\n", BYL_FMT_TREC},
        {"  <doc>\n<docno>1</docno><text>x</text></doc>\n", BYL_FMT_TREC},
        {"<DOC id=\"x\">\n<TEXT>x</TEXT></DOC>\n", BYL_FMT_TREC},
        {"<REUTERS NEWID=\"1\">\n<TEXT>x</TEXT></REUTERS>\n", BYL_FMT_REUTERS},
        {"<!DOCTYPE lewis SYSTEM \"lewis.dtd\">\n<REUTERS NEWID=\"1\"></REUTERS>\n",
         BYL_FMT_REUTERS},
        {"<DOCUMENT>not trec</DOCUMENT>\n", BYL_FMT_TEXT},
        {"Just a headline\n\nAnd a body.\n", BYL_FMT_TEXT},
        {"[Updated] A headline\n\nA body.\n", BYL_FMT_TEXT}, /* a JSON array is one skipped record: test_open_errors */
        {"", BYL_FMT_TEXT},
        {"<D", BYL_FMT_TEXT},
        /* a stray first line does not hide the records after it */
        {"stray line\n<DOC>\n<DOCNO>1</DOCNO><TEXT>x</TEXT></DOC>\n", BYL_FMT_TREC},
        {"<!-- a comment -->\n<DOC>\n<TEXT>x</TEXT></DOC>\n", BYL_FMT_TREC},
        {"\xC2\xA0\n\n<doc>\n<TEXT>x</TEXT></doc>\n", BYL_FMT_TREC},
        {"# exported 2025-11-26\r\r  <REUTERS NEWID=\"1\">\n</REUTERS>\n", BYL_FMT_REUTERS},
        {"note\n{\"id\":\"1\",\"title\":\"t\"}\n{\"id\":\"2\"}\n", BYL_FMT_JSONL},
        {"note\n{\"id\":\"1\",\"title\":\"t\"}", BYL_FMT_JSONL},
        /* prose that only mentions them stays prose */
        {"Title\n{\"a\": 1} is an object.\nMore prose.\n", BYL_FMT_TEXT},
        {"Title\nThe <DOC> tag opens a record.\n", BYL_FMT_TEXT},
        {"Title\n<DOCUMENT>\n", BYL_FMT_TEXT},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char name[32];
        snprintf(name, sizeof name, "detect%zu", i);
        const char *p = write_str(name, cases[i].content);
        byl_reader *r;
        ck_assert_int_eq(byl_reader_open(p, BYL_FMT_AUTO, NULL, NULL, &r), BYL_OK);
        ck_assert_msg(byl_reader_format(r) == cases[i].want, "case %zu: %s, want %s", i,
                      byl_format_name(byl_reader_format(r)), byl_format_name(cases[i].want));
        byl_reader_close(r);
        /* The same bytes gzip-compressed detect the same. */
        snprintf(name, sizeof name, "detect%zu.gz", i);
        p = write_gz(name, cases[i].content, strlen(cases[i].content));
        ck_assert_int_eq(byl_reader_open(p, BYL_FMT_AUTO, NULL, NULL, &r), BYL_OK);
        ck_assert_int_eq(byl_reader_format(r), cases[i].want);
        byl_reader_close(r);
    }

    /* The stray text is skipped with one warning naming it; the records
     * after it come out. */
    result res;
    read_all(write_str("stray.trec", "A note before the first record.\n\n<DOC>\n<DOCNO>S1</DOCNO>\n"
                                     "<TEXT>Stray text above.</TEXT>\n</DOC>\n"),
             BYL_FMT_AUTO, 0, &res);
    ck_assert_int_eq(res.fmt, BYL_FMT_TREC);
    ck_assert_int_eq(res.n, 1);
    ck_assert_str_eq(res.a[0].id, "S1");
    ck_assert_uint_eq(res.a[0].line, 3);
    ck_assert_int_eq(res.nw, 1);
    assert_warn(&res, 0, BYL_SKIP_SGML, 1, 0);
    ck_assert_ptr_nonnull(strstr(res.w[0].detail, "outside <DOC>"));
    free_result(&res);
    read_all(write_str("note.jsonl", "exported by crawler 2.1\n{\"id\":\"n1\",\"title\":\"T\"}\n"),
             BYL_FMT_AUTO, 0, &res);
    ck_assert_int_eq(res.fmt, BYL_FMT_JSONL);
    ck_assert_int_eq(res.n, 1);
    ck_assert_int_eq(res.nw, 1);
    assert_warn(&res, 0, BYL_SKIP_JSON, 1, 0);
    free_result(&res);

    /* The look-ahead is bounded: a tag 60 KiB into the file is found, one
     * past the first 64 KiB is not (nor read: it is prose then). */
    for (int far = 0; far < 2; far++) {
        sbuf j = {0};
        sb_printf(&j, "Stray header\n");
        while (j.n < (far ? 70000u : 60000u))
            sb_printf(&j, "%s %s %s\n", word(), word(), word());
        sb_printf(&j, "<DOC>\n<DOCNO>F1</DOCNO>\n<TEXT>far</TEXT>\n</DOC>\n");
        for (int gz = 0; gz < 2; gz++) {
            const char *p = gz ? write_gz("far.gz", j.d, j.n) : write_str("far", j.d);
            read_all(p, BYL_FMT_AUTO, 0, &res);
            ck_assert_int_eq(res.fmt, far ? BYL_FMT_TEXT : BYL_FMT_TREC);
            ck_assert_int_eq(res.n, 1);
            if (!far) {
                ck_assert_str_eq(res.a[0].id, "F1");
                ck_assert_int_eq(res.nw, 1);
                assert_warn(&res, 0, BYL_SKIP_SGML, 1, 0);
            }
            free_result(&res);
        }
        free(j.d);
    }

    read_all(fixture("articles.jsonl"), BYL_FMT_AUTO, 0, &res);
    ck_assert_int_eq(res.fmt, BYL_FMT_JSONL);
    free_result(&res);
    read_all(fixture("news.trec"), BYL_FMT_AUTO, 0, &res);
    ck_assert_int_eq(res.fmt, BYL_FMT_TREC);
    free_result(&res);
    read_all(fixture("wire.sgm"), BYL_FMT_AUTO, 0, &res);
    ck_assert_int_eq(res.fmt, BYL_FMT_REUTERS);
    free_result(&res);
    read_all(fixture("story.txt"), BYL_FMT_AUTO, 0, &res);
    ck_assert_int_eq(res.fmt, BYL_FMT_TEXT);
    free_result(&res);
}
END_TEST

START_TEST(test_format_override)
{
    /* JSON Lines read as plain text: one article, the first line its title. */
    result res;
    read_all(fixture("articles.jsonl"), BYL_FMT_TEXT, 0, &res);
    ck_assert_int_eq(res.fmt, BYL_FMT_TEXT);
    ck_assert_int_eq(res.n, 1);
    ck_assert_str_eq(res.a[0].id, fixture("articles.jsonl"));
    ck_assert_ptr_nonnull(strstr(res.a[0].title, "\"Plain names\""));
    free_result(&res);

    /* TREC read as JSON Lines: every non-blank line is malformed JSON. */
    read_all(fixture("news.trec"), BYL_FMT_JSONL, 0, &res);
    ck_assert_int_eq(res.n, 0);
    ck_assert_uint_gt(res.skipped[BYL_SKIP_JSON], 10);
    ck_assert_uint_eq(res.skipped[BYL_SKIP_JSON], res.records);
    assert_warn(&res, 0, BYL_SKIP_JSON, 1, 0);
    assert_warn(&res, 1, BYL_SKIP_JSON, 2, 6);
    free_result(&res);

    /* A TREC file forced as Reuters has no <REUTERS> records: junk. */
    read_all(fixture("news.trec"), BYL_FMT_REUTERS, 0, &res);
    ck_assert_int_eq(res.n, 0);
    ck_assert_int_eq(res.nw, 1);
    assert_warn(&res, 0, BYL_SKIP_SGML, 1, 0);
    free_result(&res);
}
END_TEST

/* ---------------------------------------------------------- JSON Lines */

START_TEST(test_jsonl_fixture)
{
    result res;
    const char *path = fixture("articles.jsonl");
    read_all(path, BYL_FMT_AUTO, 0, &res);
    ck_assert_int_eq(res.rc, 0);
    ck_assert_int_eq(res.nw, 0);
    ck_assert_int_eq(res.n, 6);
    ck_assert_uint_eq(res.records, 6);
    ck_assert_uint_eq(total_skipped(&res), 0);

    art *a = res.a;
    ck_assert_str_eq(a[0].id, "a1");
    ck_assert_str_eq(a[0].title, "Plain names");
    ck_assert_str_eq(a[0].body, "Body one.");
    ck_assert_str_eq(a[0].author, "Jane Doe");
    ck_assert_str_eq(a[0].source, "Example Times");
    ck_assert_str_eq(a[0].url, "https://example.com/a1");
    ck_assert_int_eq(a[0].date, utc(2025, 11, 26, 14, 34, 0));
    ck_assert_uint_eq(a[0].line, 1);

    /* guid, headline, body, published (RFC 2822), authors array, site;
     * line 2 was blank and is skipped silently. */
    ck_assert_str_eq(a[1].id, "g-2");
    ck_assert_str_eq(a[1].title, "Headline and body");
    ck_assert_str_eq(a[1].body, "Body two.");
    ck_assert_str_eq(a[1].author, "Ann Lee; Bo Chen");
    ck_assert_str_eq(a[1].source, "example.org");
    ck_assert_str_eq(a[1].url, "");
    ck_assert_int_eq(a[1].date, utc(2025, 11, 26, 14, 34, 0));
    ck_assert_uint_eq(a[1].line, 3);

    /* id falls back to url; content; publish_date; byline; domain; an
     * unknown nested field is ignored; blanks trimmed. */
    ck_assert_str_eq(a[2].id, "https://example.com/3");
    ck_assert_str_eq(a[2].url, "https://example.com/3");
    ck_assert_str_eq(a[2].title, "Id from url");
    ck_assert_str_eq(a[2].body, "Body three.");
    ck_assert_str_eq(a[2].author, "Cy Young");
    ck_assert_str_eq(a[2].source, "example.net");
    ck_assert_int_eq(a[2].date, utc(2025, 11, 26, 0, 0, 0));

    /* numeric id; article; pubDate (US m/d); author objects with "name". */
    ck_assert_str_eq(a[3].id, "42");
    ck_assert_str_eq(a[3].body, "Body four.");
    ck_assert_str_eq(a[3].author, "Di Ross; Ed Park");
    ck_assert_int_eq(a[3].date, utc(2025, 11, 7, 0, 0, 0));

    /* no id and no url: FILE:LINE; maintext; date_publish. */
    char want[600];
    snprintf(want, sizeof want, "%s:6", path);
    ck_assert_str_eq(a[4].id, want);
    ck_assert_str_eq(a[4].body, "Body five.");
    ck_assert_int_eq(a[4].date, utc(2025, 11, 26, 14, 34, 0));

    /* a title alone is an article; no date is BYL_NO_DATE. */
    ck_assert_str_eq(a[5].title, "Title only");
    ck_assert_str_eq(a[5].body, "");
    ck_assert_int_eq(a[5].date, BYL_NO_DATE);
    free_result(&res);
}
END_TEST

START_TEST(test_jsonl_variants)
{
    const char *in =
        /* 1: names in other cases and spellings */
        "{\"ID\":\"v1\",\"Title\":\"T1\",\"PublishedAt\":\"2025-11-26\",\"Body\":\"B1\"}\n"
        /* 2: empty text loses to content; blank id loses to docid */
        "{\"id\":\" \",\"doc_id\":\"v2\",\"title\":\"T2\",\"text\":\"\",\"content\":\"B2\"}\n"
        /* 3: description as a last resort; source object */
        "{\"id\":\"v3\",\"title\":\"T3\",\"description\":\"D3\",\"source\":{\"id\":\"x\","
        "\"name\":\"Wire Co\"}}\n"
        /* 4: body as an array of paragraphs; author with blanks; array with junk */
        "{\"id\":\"v4\",\"title\":\"T4\",\"text\":[\"P1\",\"\",\"P2\"],"
        "\"authors\":[\" Al Po \",7,{\"x\":1},\"\",{\"name\":\"Bea Qi\"}]}\n"
        /* 5: escaped NUL becomes a space; CRLF line end */
        "{\"id\":\"v5\",\"title\":\"T5\",\"text\":\"a\\u0000b\"}\r\n"
        /* 6: dates as epoch seconds, milliseconds, digit strings */
        "{\"id\":\"v6\",\"title\":\"T6\",\"date\":1764167640}\n"
        "{\"id\":\"v7\",\"title\":\"T7\",\"date\":1764167640000}\n"
        "{\"id\":\"v8\",\"title\":\"T8\",\"date\":\"1764167640\"}\n"
        /* 9: an unparseable date is no reason to skip (a warning, below) */
        "{\"id\":\"v9\",\"title\":\"T9\",\"date\":\"sometime soon\"}\n"
        /* 10: a real-number id is its text as written (3.10, not the
         * double 3.1, nor "%.17g"'s 3.1000000000000001); the last line has
         * no newline */
        "{\"id\":3.10,\"title\":\"T10\",\"url\":\"u10\"}";
    const char *p = write_str("v.jsonl", in);
    result res;
    read_all(p, BYL_FMT_AUTO, 0, &res);
    ck_assert_int_eq(res.nw, 1);
    assert_warn(&res, 0, BYL_SKIP_FIELD, 9, 486);
    ck_assert_uint_eq(total_skipped(&res), 0);
    ck_assert_int_eq(res.n, 10);
    art *a = res.a;
    ck_assert_str_eq(a[0].id, "v1");
    ck_assert_str_eq(a[0].title, "T1");
    ck_assert_str_eq(a[0].body, "B1");
    ck_assert_int_eq(a[0].date, utc(2025, 11, 26, 0, 0, 0));
    ck_assert_str_eq(a[1].id, "v2");
    ck_assert_str_eq(a[1].body, "B2");
    ck_assert_str_eq(a[2].body, "D3");
    ck_assert_str_eq(a[2].source, "Wire Co");
    ck_assert_str_eq(a[3].body, "P1\n\nP2");
    ck_assert_str_eq(a[3].author, "Al Po; Bea Qi");
    ck_assert_str_eq(a[4].body, "a b");
    for (int i = 5; i < 8; i++)
        ck_assert_int_eq(a[i].date, 1764167640);
    ck_assert_int_eq(a[8].date, BYL_NO_DATE);
    ck_assert_str_eq(a[9].id, "3.10");
    ck_assert_str_eq(a[9].url, "u10");
    ck_assert_uint_eq(a[9].line, 10);
    free_result(&res);
}
END_TEST

/* Property: a real-number id is its text as written, every digit of it
 * (random doubles of every magnitude, written with all 17 digits, and
 * short forms); it still reads back to the double the JSON held. */
START_TEST(test_jsonl_real_ids)
{
    enum { N = 300 };
    char *in = malloc(N * 64);
    ck_assert_ptr_nonnull(in);
    size_t len = 0;
    double v[N];
    char text[N][32];
    uint64_t x = 88172645463325252ULL;
    for (int i = 0; i < N; i++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        double m = (double)(x >> 11) / (double)(1ULL << 53);
        int e = (int)(x % 41) - 20;
        double scale = 1;
        for (; e > 0; e--)
            scale *= 10;
        for (; e < 0; e++)
            scale /= 10;
        v[i] = (i % 3 ? m : -m) * scale;
        snprintf(text[i], sizeof text[i], "%.17g", v[i]);
        if (i % 5 == 0) { /* 0.1, 0.2 ...: short forms */
            v[i] = (double)(i / 5) / 10;
            snprintf(text[i], sizeof text[i], "%.1f", v[i]);
        }
        len += (size_t)snprintf(in + len, 64, "{\"id\":%s,\"text\":\"t\"}\n", text[i]);
    }
    result res;
    read_all(write_file("reals.jsonl", in, len), BYL_FMT_AUTO, 0, &res);
    free(in);
    ck_assert_int_eq(res.n, N);
    for (int i = 0; i < N; i++) {
        ck_assert_str_eq(res.a[i].id, text[i]);
        ck_assert_msg(strtod(res.a[i].id, NULL) == v[i], "id %s is not %.17g", res.a[i].id, v[i]);
    }
    ck_assert_str_eq(res.a[5].id, "0.1");
    free_result(&res);
}
END_TEST

/* A numeric id keeps its digits exactly as written, however big (20-digit
 * ids are common; jansson refuses integers beyond int64 as "too big
 * integer", and numbers beyond a double as "real number overflow"), and a
 * big number elsewhere in a record costs it nothing. */
START_TEST(test_jsonl_big_numbers)
{
    char big[420];
    memset(big, '9', 400);
    big[400] = '\0';
    char *in = malloc(4096);
    ck_assert_ptr_nonnull(in);
    snprintf(in, 4096,
             "{\"id\":12345678901234567890,\"title\":\"B\",\"text\":\"two\"}\n"
             "{\"id\":-98765432109876543210987,\"text\":\"t\"}\n"
             "{\"id\":1e2,\"text\":\"t\"}\n"
             "{\"id\":100,\"text\":\"t\"}\n"
             "{\"id\":1E+02,\"text\":\"t\"}\n"
             "{\"id\":-0.50,\"text\":\"t\"}\n"
             "{\"id\" : 9223372036854775808 , \"text\":\"t\"}\n"
             /* big numbers elsewhere: the record is kept, its id and text too */
             "{\"id\":\"s1\",\"text\":\"t\",\"views\":123456789012345678901234567890}\n"
             "{\"id\":\"s2\",\"text\":\"t\",\"x\":[1e400,{\"y\":-%s}],\"z\":\"1e400\"}\n"
             "{\"id\":%s,\"text\":\"t\",\"date\":99999999999999999999999}\n"
             /* an escaped key, a key given twice: as JSON reads them */
             "{\"\\u0069d\":7E+1,\"text\":\"t\"}\n"
             "{\"id\":1,\"text\":\"t\",\"id\":20000000000000000000000}\n",
             big, big);
    result res;
    read_all(write_str("big.jsonl", in), BYL_FMT_AUTO, 0, &res);
    free(in);
    static const char *const ids[] = {"12345678901234567890", "-98765432109876543210987", "1e2",
                                      "100", "1E+02", "-0.50", "9223372036854775808", "s1",
                                      "s2", NULL, "7E+1", "20000000000000000000000"};
    size_t nids = sizeof ids / sizeof *ids;
    ck_assert_uint_eq(total_skipped(&res), 0);
    ck_assert_int_eq(res.n, (int)nids);
    for (size_t i = 0; i < nids; i++)
        ck_assert_str_eq(res.a[i].id, ids[i] ? ids[i] : big);
    ck_assert_str_eq(res.a[0].title, "B");
    ck_assert_str_eq(res.a[0].body, "two");
    free_result(&res);
}
END_TEST

/* An author field listing writers keeps every one: after ';', "and" or
 * '&' a one-word name is a writer (after a comma it is a place or desk);
 * a one-word handle in lower case is kept as written. */
START_TEST(test_jsonl_author_lists)
{
    static const struct {
        const char *field, *want;
    } cases[] = {
        {"Madonna; Prince", "Madonna; Prince"},
        {"Madonna and Prince", "Madonna; Prince"},
        {"Jane Roe & Prince", "Jane Roe; Prince"},
        {"Jane Roe; Prince", "Jane Roe; Prince"},
        {"jdoe; asmith", "jdoe; asmith"},
        {"By Jane Doe, London", "Jane Doe"},
        {"JANE ROE", "Jane Roe"},
    };
    enum { N = sizeof cases / sizeof cases[0] };
    char in[2048];
    size_t len = 0;
    for (int i = 0; i < N; i++)
        len += (size_t)snprintf(in + len, sizeof in - len,
                                "{\"id\":\"a%d\",\"text\":\"t\",\"author\":\"%s\"}\n", i,
                                cases[i].field);
    result res;
    read_all(write_file("authors.jsonl", in, len), BYL_FMT_AUTO, 0, &res);
    ck_assert_int_eq(res.n, N);
    for (int i = 0; i < N; i++)
        ck_assert_msg(strcmp(res.a[i].author, cases[i].want) == 0, "%s: got [%s], want [%s]",
                      cases[i].field, res.a[i].author, cases[i].want);
    free_result(&res);
}
END_TEST

/* What a dump's author field holds beside its writer (hostile tester,
 * round 29): an e-mail address in any of its dress, a profile address
 * (its slug the writer, the bare site none), an agency with the place it
 * filed from (the place is no writer; the agency is the source). */
START_TEST(test_jsonl_author_values)
{
    static const struct {
        const char *field, *want, *source;
    } cases[] = {
        {"Jane Doe <jane@example.com>", "Jane Doe", ""},
        {"Jane Doe (jane.doe@example.com)", "Jane Doe", ""},
        {"mailto:jo@example.org Jo Bloggs", "Jo Bloggs", ""},
        {"https://example.com/authors/jane-doe", "Jane Doe", ""},
        {"https://example.com/people/maria_silva/", "Maria Silva", ""},
        {"https://example.com/authors/jane-doe.html?ref=1", "Jane Doe", ""},
        {"https://example.com", "", ""},
        {"https://example.com/profile", "", ""},
        {"https://example.com/u/12345", "", ""},
        {"Associated Press, Washington", "", "Associated Press"},
        {"Reuters, London", "", "Reuters"},
        {"By Jane Roe, Reuters", "Jane Roe", "Reuters"},
        {"Jane Roe and John Doe", "Jane Roe; John Doe", ""},
    };
    enum { N = sizeof cases / sizeof cases[0] };
    char in[4096];
    size_t len = 0;
    for (int i = 0; i < N; i++)
        len += (size_t)snprintf(in + len, sizeof in - len,
                                "{\"id\":\"v%d\",\"text\":\"t\",\"author\":\"%s\"}\n", i,
                                cases[i].field);
    result res;
    read_all(write_file("author-values.jsonl", in, len), BYL_FMT_AUTO, 0, &res);
    ck_assert_int_eq(res.n, N);
    for (int i = 0; i < N; i++) {
        ck_assert_msg(strcmp(res.a[i].author, cases[i].want) == 0, "%s: got [%s], want [%s]",
                      cases[i].field, res.a[i].author, cases[i].want);
        ck_assert_msg(strcmp(res.a[i].source, cases[i].source) == 0,
                      "%s: source [%s], want [%s]", cases[i].field, res.a[i].source,
                      cases[i].source);
    }
    free_result(&res);
}
END_TEST

START_TEST(test_jsonl_bad_records)
{
    static const char *const lines[] = {
        "{\"id\":\"ok1\",\"title\":\"First\"}",
        "{\"id\":\"j\",\"title\": }",                       /* malformed */
        "{\"id\":\"u\",\"title\":\"caf\xE9 au lait\"}",      /* Latin-1, not UTF-8 */
        "{\"id\":\"n\",\"title\":\"\",\"text\":\"   \"}",    /* no text */
        "[1,2,3]",                                          /* not an object */
        "\x01\x02garbage\x00\x03\x04\x05\x06",              /* binary ... */
        "\x07\x08\x0e\x0f\x10\x11",                         /* ... same run */
        "",                                                 /* blank */
        "{\"id\":\"ok2\",\"text\":\"Second\"}",
        "{\"id\":\"t\",\"title\":\"x\"} trailing",          /* malformed */
        "{\"id\":\"ok3\",\"title\":\"Third\"}",
    };
    static const size_t lens[] = {0, 0, 0, 0, 0, 14, 6, 0, 0, 0, 0};
    sbuf s = {0};
    uint64_t offs[16];
    for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++) {
        offs[i] = s.n;
        sb_add(&s, lines[i], lens[i] ? lens[i] : strlen(lines[i]));
        sb_add(&s, "\n", 1);
    }
    const char *p = write_file("bad.jsonl", s.d, s.n);
    result res;
    read_all(p, BYL_FMT_AUTO, 0, &res);
    ck_assert_int_eq(res.rc, 0);
    ck_assert_int_eq(res.n, 3);
    ck_assert_str_eq(res.a[0].id, "ok1");
    ck_assert_str_eq(res.a[1].id, "ok2");
    ck_assert_uint_eq(res.a[1].line, 9);
    ck_assert_str_eq(res.a[2].id, "ok3");
    ck_assert_int_eq(res.nw, 6);
    assert_warn(&res, 0, BYL_SKIP_JSON, 2, offs[1]);
    ck_assert_ptr_nonnull(strstr(res.w[0].detail, "column"));
    assert_warn(&res, 1, BYL_SKIP_UTF8, 3, offs[2]);
    assert_warn(&res, 2, BYL_SKIP_NOTEXT, 4, offs[3]);
    assert_warn(&res, 3, BYL_SKIP_JSON, 5, offs[4]);
    assert_warn(&res, 4, BYL_SKIP_BINARY, 6, offs[5]);
    assert_warn(&res, 5, BYL_SKIP_JSON, 10, offs[9]);
    ck_assert_str_eq(res.w[0].file, p);
    ck_assert_uint_eq(res.skipped[BYL_SKIP_JSON], 3);
    ck_assert_uint_eq(res.skipped[BYL_SKIP_UTF8], 1);
    ck_assert_uint_eq(res.skipped[BYL_SKIP_NOTEXT], 1);
    ck_assert_uint_eq(res.skipped[BYL_SKIP_BINARY], 1);
    ck_assert_uint_eq(res.records, 3 + 6);
    free_result(&res);
    free(s.d);
}
END_TEST

START_TEST(test_jsonl_too_long)
{
    /* A 3 MB line under a 4 KiB limit: reported once, never buffered (the
     * window stays at its initial size), and the next line comes out. */
    sbuf s = {0};
    sb_printf(&s, "{\"id\":\"before\",\"title\":\"B\"}\n");
    uint64_t off = s.n;
    sb_printf(&s, "{\"id\":\"big\",\"text\":\"");
    while (s.n < off + (3u << 20))
        sb_printf(&s, "%s ", word());
    sb_printf(&s, "\"}\n");
    sb_printf(&s, "{\"id\":\"after\",\"title\":\"A\"}\n");
    uint64_t off2 = s.n;
    /* A long last line without a newline. */
    sb_printf(&s, "{\"id\":\"tail\",\"text\":\"");
    while (s.n < off2 + 10000)
        sb_printf(&s, "%s ", word());
    const char *p = write_file("long.jsonl", s.d, s.n);
    result res;
    read_all(p, BYL_FMT_AUTO, 4096, &res);
    ck_assert_int_eq(res.n, 2);
    ck_assert_str_eq(res.a[0].id, "before");
    ck_assert_str_eq(res.a[1].id, "after");
    ck_assert_uint_eq(res.a[1].line, 3);
    ck_assert_int_eq(res.nw, 2);
    assert_warn(&res, 0, BYL_SKIP_TOOLONG, 2, off);
    assert_warn(&res, 1, BYL_SKIP_TOOLONG, 4, off2);
    ck_assert_uint_eq(res.skipped[BYL_SKIP_TOOLONG], 2);
    ck_assert_uint_eq(res.records, 4);
    ck_assert_uint_eq(res.max_cap, 2 * BYL_RD_CHUNK);
    free_result(&res);

    /* Under the default limit the same input is fine (the long text is
     * valid JSON, the tail is malformed: it was cut). */
    read_all(p, BYL_FMT_AUTO, 0, &res);
    ck_assert_int_eq(res.n, 3);
    ck_assert_uint_gt(strlen(res.a[1].body), 3000000);
    ck_assert_int_eq(res.nw, 1);
    assert_warn(&res, 0, BYL_SKIP_JSON, 4, off2);
    free_result(&res);
    free(s.d);

    byl_reader *r;
    ck_assert_int_eq(byl_reader_open(p, BYL_FMT_AUTO, NULL, NULL, &r), BYL_OK);
    ck_assert_int_eq(byl_reader_set_max_record(r, 0), BYL_EINVAL);
    ck_assert_int_eq(byl_reader_set_max_record(NULL, 10), BYL_EINVAL);
    byl_reader_close(r);
}
END_TEST

START_TEST(test_jsonl_constant_memory)
{
    /* Many records stream through a window that never grows. */
    sbuf s = {0};
    for (int i = 0; i < 12000; i++) {
        sb_printf(&s, "{\"id\":\"r%d\",\"title\":\"%s %s\",\"text\":\"", i, word(), word());
        for (int k = 0; k < 20; k++)
            sb_printf(&s, "%s ", word());
        sb_printf(&s, "\"}\n");
    }
    ck_assert_uint_gt(s.n, 3 * BYL_RD_CHUNK);
    const char *p = write_gz("many.jsonl.gz", s.d, s.n);
    result res;
    read_all(p, BYL_FMT_AUTO, 0, &res);
    ck_assert_int_eq(res.n, 12000);
    ck_assert_int_eq(res.nw, 0);
    ck_assert_str_eq(res.a[11999].id, "r11999");
    ck_assert_uint_eq(res.a[11999].line, 12000);
    ck_assert_uint_eq(res.max_cap, 2 * BYL_RD_CHUNK);
    free_result(&res);
    free(s.d);
}
END_TEST

/* ----------------------------------------------------------------- gzip */

static void assert_same_articles(const result *x, const result *y, int same_id)
{
    ck_assert_int_eq(x->n, y->n);
    for (int i = 0; i < x->n; i++) {
        if (same_id)
            ck_assert_str_eq(x->a[i].id, y->a[i].id);
        ck_assert_str_eq(x->a[i].title, y->a[i].title);
        ck_assert_str_eq(x->a[i].body, y->a[i].body);
        ck_assert_str_eq(x->a[i].author, y->a[i].author);
        ck_assert_str_eq(x->a[i].source, y->a[i].source);
        ck_assert_str_eq(x->a[i].url, y->a[i].url);
        ck_assert_int_eq(x->a[i].date, y->a[i].date);
        ck_assert_uint_eq(x->a[i].line, y->a[i].line);
    }
}

START_TEST(test_gzip_each_format)
{
    static const char *const names[] = {"articles.jsonl", "news.trec", "wire.sgm", "story.txt",
                                        "notice.txt"};
    static const byl_format fmts[] = {BYL_FMT_JSONL, BYL_FMT_TREC, BYL_FMT_REUTERS,
                                      BYL_FMT_TEXT, BYL_FMT_TEXT};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        size_t len;
        char *data = slurp(fixture(names[i]), &len);
        char gzname[64];
        snprintf(gzname, sizeof gzname, "%s.gz", names[i]);
        const char *gz = write_gz(gzname, data, len);
        result plain, comp;
        read_all(fixture(names[i]), BYL_FMT_AUTO, 0, &plain);
        read_all(gz, BYL_FMT_AUTO, 0, &comp);
        ck_assert_int_eq(comp.fmt, fmts[i]);
        ck_assert_int_gt(comp.n, 0);
        ck_assert_int_eq(comp.nw, 0);
        /* JSONL ids made from FILE:LINE and text ids name the file. */
        assert_same_articles(&plain, &comp, i == 1 || i == 2);
        free_result(&plain);
        free_result(&comp);
        free(data);
    }
}
END_TEST

/* data[0, n) as one gzip member, with a full flush after data[0, cut):
 * the deflate block that follows starts at byte *at of the result, on a
 * byte of its own.  Returns the gzip bytes (malloc'd), length in *len. */
static char *gzip_split(const char *data, size_t cut, size_t n, size_t *len, size_t *at)
{
    z_stream z;
    memset(&z, 0, sizeof z);
    ck_assert_int_eq(deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY), Z_OK);
    size_t cap = deflateBound(&z, n) + 64;
    char *out = malloc(cap);
    z.next_out = (Bytef *)out;
    z.avail_out = (uInt)cap;
    z.next_in = (Bytef *)data;
    z.avail_in = (uInt)cut;
    ck_assert_int_eq(deflate(&z, Z_FULL_FLUSH), Z_OK);
    *at = z.total_out;
    z.next_in = (Bytef *)data + cut;
    z.avail_in = (uInt)(n - cut);
    ck_assert_int_eq(deflate(&z, Z_FINISH), Z_STREAM_END);
    *len = z.total_out;
    deflateEnd(&z);
    return out;
}

/* A JSONL input of n records with some bulk, and each record's offset. */
static sbuf jsonl_input(int n, uint64_t *offs)
{
    sbuf s = {0};
    for (int i = 0; i < n; i++) {
        offs[i] = s.n;
        sb_printf(&s, "{\"id\":\"r%d\",\"title\":\"%s\",\"text\":\"", i + 1, word());
        for (int k = 0; k < 40; k++)
            sb_printf(&s, "%s%d ", word(), (int)(rng % 1000));
        sb_printf(&s, "\"}\n");
    }
    offs[n] = s.n;
    return s;
}

START_TEST(test_gzip_truncated)
{
    enum { N = 3000 };
    static uint64_t offs[N + 1];
    sbuf s = jsonl_input(N, offs);
    const char *full = write_gz("full.jsonl.gz", s.d, s.n);
    size_t zlen;
    char *z = slurp(full, &zlen);
    const char *cut = write_file("cut.jsonl.gz", z, zlen / 2);
    result res;
    read_all(cut, BYL_FMT_AUTO, 0, &res);
    ck_assert_int_eq(res.rc, 0);
    ck_assert_int_gt(res.n, 100);
    ck_assert_int_lt(res.n, N);
    for (int i = 0; i < res.n; i++) { /* every article before the damage */
        char id[16];
        snprintf(id, sizeof id, "r%d", i + 1);
        ck_assert_str_eq(res.a[i].id, id);
    }
    ck_assert_int_eq(res.nw, 1);
    assert_warn(&res, 0, BYL_SKIP_GZIP, (uint64_t)res.n + 1, offs[res.n]);
    ck_assert_ptr_nonnull(strstr(res.w[0].detail, "truncated"));
    ck_assert_uint_eq(res.skipped[BYL_SKIP_GZIP], 1);
    ck_assert_uint_eq(res.records, (uint64_t)res.n + 1);
    free_result(&res);

    /* Corrupt bytes in the middle: deflate decodes them into garbage
     * lines (each its own bad record), and only the CRC-32 at the end
     * tells.  Every record that still parses is kept, and the mismatch is
     * one warning that skips nothing. */
    z[zlen / 2] ^= 0x55;
    z[zlen / 2 + 1] ^= 0xAA;
    z[zlen / 2 + 2] ^= 0x0F;
    const char *bad = write_file("bad.jsonl.gz", z, zlen);
    read_all(bad, BYL_FMT_AUTO, 0, &res);
    ck_assert_int_eq(res.rc, 0);
    ck_assert_int_le(res.n, N);
    ck_assert_int_gt(res.n, 100);
    for (int i = 0; i < 100; i++) {
        char id[16];
        snprintf(id, sizeof id, "r%d", i + 1);
        ck_assert_str_eq(res.a[i].id, id);
    }
    ck_assert_int_ge(res.nw, 1);
    ck_assert_uint_eq(res.skipped[BYL_SKIP_GZIP], 0);
    ck_assert_int_eq(res.last.reason, BYL_SKIP_TRAILER);
    ck_assert_ptr_nonnull(strstr(res.last.detail, "CRC-32"));
    ck_assert_uint_eq(res.last.line, 0);
    ck_assert_uint_eq(res.last.off, zlen - 8);
    ck_assert_uint_eq(res.warned[BYL_SKIP_TRAILER], 1);
    ck_assert_uint_eq(res.records, (uint64_t)res.n + total_skipped(&res));
    ck_assert_uint_eq(total_skipped(&res), (uint64_t)res.nw - 1);
    free_result(&res);

    /* Damage that deflate itself finds (a block of an invalid type right
     * after a full flush at record 1000): the records before it come out,
     * and the failure is one skip, with its offset in the file. */
    size_t at;
    char *g = gzip_split(s.d, offs[1000], s.n, &zlen, &at);
    g[at] = (char)0xFF;
    bad = write_file("bad2.jsonl.gz", g, zlen);
    read_all(bad, BYL_FMT_AUTO, 0, &res);
    ck_assert_int_eq(res.rc, 0);
    ck_assert_int_eq(res.n, 1000);
    ck_assert_int_eq(res.nw, 1);
    ck_assert_uint_eq(res.skipped[BYL_SKIP_GZIP], 1);
    assert_warn(&res, 0, BYL_SKIP_GZIP, 1001, offs[1000]);
    ck_assert_ptr_nonnull(strstr(res.w[0].detail, "corrupt"));
    char want[64];
    snprintf(want, sizeof want, "at byte %zu of the file", at + 1);
    ck_assert_msg(strstr(res.w[0].detail, want), "%s", res.w[0].detail);
    ck_assert_uint_eq(res.records, 1001);
    free_result(&res);
    free(g);

    /* A cut right after the header yields nothing but the warning. */
    const char *tiny = write_file("tiny.jsonl.gz", z, 12);
    read_all(tiny, BYL_FMT_JSONL, 0, &res);
    ck_assert_int_eq(res.n, 0);
    ck_assert_int_eq(res.nw, 1);
    assert_warn(&res, 0, BYL_SKIP_GZIP, 1, 0);
    free_result(&res);
    free(z);
    free(s.d);
}
END_TEST

/* The records r1..rn in order, nothing else. */
static void assert_ids(const result *res, int n)
{
    ck_assert_int_eq(res->n, n);
    for (int i = 0; i < n; i++) {
        char id[16];
        snprintf(id, sizeof id, "r%d", i + 1);
        ck_assert_str_eq(res->a[i].id, id);
    }
}

START_TEST(test_gzip_trailer_and_tail)
{
    uint64_t offs[3001];
    for (int big = 0; big < 2; big++) {
        /* 3 records (a file smaller than one read), then 1500 (many reads). */
        int n = big ? 1500 : 3;
        sbuf s = jsonl_input(n, offs);
        size_t zlen;
        char *z = slurp(write_gz("t.jsonl.gz", s.d, s.n), &zlen);
        for (int which = 0; which < 2; which++) {
            /* A wrong CRC-32, then a wrong length: the data is intact, so
             * every record comes out; one warning that skips nothing names
             * the trailer's offset in the file. */
            char *c = malloc(zlen);
            memcpy(c, z, zlen);
            c[zlen - (which ? 1 : 8)] ^= 0x01;
            result res;
            read_all(write_file("crc.jsonl.gz", c, zlen), BYL_FMT_AUTO, 0, &res);
            ck_assert_int_eq(res.rc, 0);
            assert_ids(&res, n);
            ck_assert_int_eq(res.nw, 1);
            assert_warn(&res, 0, BYL_SKIP_TRAILER, 0, zlen - 8);
            ck_assert_ptr_nonnull(strstr(res.w[0].detail, which ? "length" : "CRC-32"));
            ck_assert_ptr_nonnull(strstr(res.w[0].detail, "every record was read"));
            ck_assert_uint_eq(res.records, (uint64_t)n);
            ck_assert_uint_eq(total_skipped(&res), 0);
            ck_assert_uint_eq(res.warned[BYL_SKIP_TRAILER], 1);
            free_result(&res);
            free(c);
        }

        /* Concatenated members are one stream: both are read, lines
         * numbered on; a bad trailer on the first is one warning. */
        char *two = malloc(2 * zlen);
        memcpy(two, z, zlen);
        memcpy(two + zlen, z, zlen);
        result res;
        read_all(write_file("two.jsonl.gz", two, 2 * zlen), BYL_FMT_AUTO, 0, &res);
        ck_assert_int_eq(res.n, 2 * n);
        ck_assert_int_eq(res.nw, 0);
        ck_assert_str_eq(res.a[n].id, "r1");
        ck_assert_uint_eq(res.a[n].line, (uint64_t)n + 1);
        free_result(&res);
        two[zlen - 5] ^= 0x40;
        two[2 * zlen - 5] ^= 0x40;
        read_all(write_file("two.jsonl.gz", two, 2 * zlen), BYL_FMT_AUTO, 0, &res);
        ck_assert_int_eq(res.n, 2 * n);
        ck_assert_int_eq(res.nw, 1);
        assert_warn(&res, 0, BYL_SKIP_TRAILER, 0, zlen - 8);
        ck_assert_ptr_nonnull(strstr(res.w[0].detail, "first of 2"));
        free_result(&res);
        /* The second member cut short: the first is whole. */
        two[zlen - 5] ^= 0x40;
        read_all(write_file("two.jsonl.gz", two, zlen + zlen / 2), BYL_FMT_AUTO, 0, &res);
        ck_assert_int_ge(res.n, n);
        ck_assert_uint_eq(res.skipped[BYL_SKIP_GZIP], 1);
        ck_assert_ptr_nonnull(strstr(res.last.detail, "truncated"));
        free_result(&res);
        free(two);

        /* Bytes after the gzip data that are not gzip: not read, one skip
         * naming their offset in the file and their count; every record
         * before them is kept. */
        static const char *const tails[] = {"{\"id\":\"tail\",\"title\":\"Appended\"}\n",
                                            "\0\0\0\0\0\0\0\0", "x"};
        static const size_t tail_len[] = {34, 8, 1};
        for (int t = 0; t < 3; t++) {
            char *c = malloc(zlen + tail_len[t]);
            memcpy(c, z, zlen);
            memcpy(c + zlen, tails[t], tail_len[t]);
            read_all(write_file("tail.jsonl.gz", c, zlen + tail_len[t]), BYL_FMT_AUTO, 0, &res);
            ck_assert_int_eq(res.rc, 0);
            assert_ids(&res, n);
            ck_assert_int_eq(res.nw, 1);
            assert_warn(&res, 0, BYL_SKIP_GZIP, 0, zlen);
            char want[64];
            snprintf(want, sizeof want, "%zu %sbytes after the end of the gzip data", tail_len[t],
                     t == 1 ? "zero " : "");
            ck_assert_msg(strstr(res.w[0].detail, want), "%s", res.w[0].detail);
            ck_assert_ptr_nonnull(strstr(res.w[0].detail, "not read"));
            ck_assert_uint_eq(res.records, (uint64_t)n + 1);
            free_result(&res);
            free(c);
        }
        free(z);
        free(s.d);
    }

    /* The last line without its newline, then a tail: the line is whole. */
    const char *line = "{\"id\":\"last\",\"title\":\"No newline\"}";
    size_t zlen;
    char *z = slurp(write_gz("nl.gz", line, strlen(line)), &zlen);
    z = realloc(z, zlen + 4);
    memcpy(z + zlen, "junk", 4);
    result res;
    read_all(write_file("nl.jsonl.gz", z, zlen + 4), BYL_FMT_AUTO, 0, &res);
    ck_assert_int_eq(res.n, 1);
    ck_assert_str_eq(res.a[0].id, "last");
    ck_assert_int_eq(res.nw, 1);
    free_result(&res);
    free(z);
    /* A plain-text article is kept whole too, the tail left out of it. */
    size_t tl;
    char *t = slurp(fixture("story.txt"), &tl);
    z = slurp(write_gz("story.gz", t, tl), &zlen);
    z = realloc(z, zlen + 4);
    memcpy(z + zlen, "junk", 4);
    result plain;
    read_all(fixture("story.txt"), BYL_FMT_AUTO, 0, &plain);
    read_all(write_file("story.txt.gz", z, zlen + 4), BYL_FMT_AUTO, 0, &res);
    ck_assert_int_eq(res.n, 1);
    ck_assert_str_eq(res.a[0].body, plain.a[0].body);
    ck_assert_int_eq(res.nw, 1);
    assert_warn(&res, 0, BYL_SKIP_GZIP, 0, zlen);
    free_result(&res);
    free_result(&plain);
    free(z);
    free(t);
}
END_TEST

START_TEST(test_gzip_truncated_sgml_and_text)
{
    sbuf s = {0};
    uint64_t offs[2001], lines[2001];
    uint64_t line = 1;
    for (int i = 0; i < 2000; i++) {
        offs[i] = s.n;
        lines[i] = line;
        sb_printf(&s, "<DOC>\n<DOCNO>D%d</DOCNO>\n<TEXT>\n", i + 1);
        for (int k = 0; k < 30; k++)
            sb_printf(&s, "%s%d ", word(), (int)(rng % 977));
        sb_printf(&s, "\n</TEXT>\n</DOC>\n");
        line += 6;
    }
    const char *full = write_gz("full.trec.gz", s.d, s.n);
    size_t zlen;
    char *z = slurp(full, &zlen);
    const char *cut = write_file("cut.trec.gz", z, zlen / 2);
    result res;
    read_all(cut, BYL_FMT_AUTO, 0, &res);
    ck_assert_int_eq(res.fmt, BYL_FMT_TREC);
    ck_assert_int_gt(res.n, 100);
    ck_assert_int_lt(res.n, 2000);
    ck_assert_int_eq(res.nw, 1);
    assert_warn(&res, 0, BYL_SKIP_GZIP, lines[res.n], offs[res.n]);
    ck_assert_uint_eq(res.skipped[BYL_SKIP_GZIP], 1);
    ck_assert_uint_eq(res.skipped[BYL_SKIP_SGML], 0);
    free_result(&res);
    free(z);

    /* A plain-text article cut short is dropped whole, with one warning. */
    size_t tl;
    char *t = slurp(fixture("story.txt"), &tl);
    sbuf big = {0};
    sb_add(&big, t, tl);
    for (int i = 0; i < 20000; i++)
        sb_printf(&big, "%s%d ", word(), (int)(rng % 991));
    full = write_gz("story.txt.gz", big.d, big.n);
    z = slurp(full, &zlen);
    cut = write_file("cut.txt.gz", z, zlen / 2);
    read_all(cut, BYL_FMT_AUTO, 0, &res);
    ck_assert_int_eq(res.fmt, BYL_FMT_TEXT);
    ck_assert_int_eq(res.n, 0);
    ck_assert_int_eq(res.nw, 1);
    assert_warn(&res, 0, BYL_SKIP_GZIP, 1, 0);
    free_result(&res);
    free(z);
    free(t);
    free(big.d);
    free(s.d);
}
END_TEST

/* ------------------------------------------------------------ TREC SGML */

START_TEST(test_trec_fixture)
{
    result res;
    read_all(fixture("news.trec"), BYL_FMT_AUTO, 0, &res);
    ck_assert_int_eq(res.nw, 0);
    ck_assert_int_eq(res.n, 3);
    art *a = res.a;
    ck_assert_str_eq(a[0].id, "BYL-0001");
    ck_assert_str_eq(a[0].title, "Harbor Bridge Reopens After Two-Year Repair");
    ck_assert_str_eq(a[0].author, "Marta Lindqvist"); /* role dropped */
    ck_assert_str_eq(a[0].body,
                     "The old harbor bridge opened to traffic again on Tuesday & drivers\n"
                     "cheered.\n\n"
                     "Officials said the work cost <$40 million>, less than \"feared\".");
    ck_assert_int_eq(a[0].date, utc(2025, 11, 26, 0, 0, 0));
    ck_assert_uint_eq(a[0].line, 1);
    ck_assert_str_eq(a[1].id, "BYL-0002");
    ck_assert_str_eq(a[1].title, "Snow Closes Mountain Pass");
    ck_assert_str_eq(a[1].author, "Kenji Watanabe; Ana Souza");
    ck_assert_str_eq(a[1].body, "DENVER (Byline) Heavy snow closed the pass overnight.\n\n"
                                "Crews expect to clear it by noon.");
    ck_assert_int_eq(a[1].date, utc(2025, 11, 27, 8, 15, 0));
    ck_assert_uint_eq(a[1].line, 17);
    ck_assert_str_eq(a[2].title, "Only a headline here");
    ck_assert_str_eq(a[2].body, "");
    ck_assert_int_eq(a[2].date, BYL_NO_DATE);
    ck_assert_str_eq(a[2].source, "");
    free_result(&res);
}
END_TEST

START_TEST(test_trec_variants)
{
    const char *in =
        "<doc>\n<docno>L1</docno>\n<headline><P>Lower Case Tags</P></headline>\n"
        "<section><P>Metro; Part B</P></section>\n" /* unknown: skipped whole */
        "<text><P>One &#233;t&eacute; &#x263A;.</P><P>Two &bogus; &amp c.</P></text>\n</doc>\n"
        "<DOC id=\"ATTR-2\" type=\"story\">\n<DOCTYPE> NEWS </DOCTYPE>\n"
        "<BODY>\n<SLUG>x</SLUG>\n<HEADLINE>Nested In Body</HEADLINE>\n"
        "<TEXT>\n<P>\nInner text.\n</P>\n</TEXT>\n</BODY>\n</DOC>\n"
        "<DOC>\n<DOCNO> WSJ1 </DOCNO>\n<DOCID>ignored</DOCID>\n<HL> Lead Story </HL>\n"
        "<DD> 03/24/87</DD>\n<SO> WALL STREET JOURNAL (J) </SO>\n"
        "<LP> Lead paragraph. </LP>\n<TEXT> Main <F P=102>text</F>. </TEXT>\n</DOC>\n"
        "<DOC>\n<DOCID>only-docid</DOCID>\n<HEADER><H3><TI>Fbis Title</TI></H3>"
        "<DATE1>2 March 1994</DATE1></HEADER>\n<TEXT>Body<!-- a comment --> here.</TEXT>\n"
        "</DOC>\n"
        "<DOC>\n<TEXT>No number, no title.</TEXT>\n</DOC>\n";
    const char *p = write_str("v.trec", in);
    result res;
    read_all(p, BYL_FMT_AUTO, 0, &res);
    ck_assert_int_eq(res.nw, 0);
    ck_assert_int_eq(res.n, 5);
    art *a = res.a;
    ck_assert_str_eq(a[0].id, "L1");
    ck_assert_str_eq(a[0].title, "Lower Case Tags");
    ck_assert_str_eq(a[0].body, "One \xC3\xA9t\xC3\xA9 \xE2\x98\xBA.\n\nTwo &bogus; &amp c.");
    ck_assert_str_eq(a[1].id, "ATTR-2");
    ck_assert_str_eq(a[1].title, "Nested In Body");
    ck_assert_str_eq(a[1].body, "Inner text.");
    ck_assert_str_eq(a[2].id, "WSJ1");
    ck_assert_str_eq(a[2].title, "Lead Story");
    ck_assert_str_eq(a[2].source, "WALL STREET JOURNAL (J)");
    ck_assert_str_eq(a[2].body, "Lead paragraph.\n\nMain text.");
    ck_assert_int_eq(a[2].date, utc(1987, 3, 24, 0, 0, 0));
    ck_assert_str_eq(a[3].id, "only-docid");
    ck_assert_str_eq(a[3].title, "Fbis Title");
    ck_assert_str_eq(a[3].body, "Body here.");
    ck_assert_int_eq(a[3].date, utc(1994, 3, 2, 0, 0, 0));
    char want[600];
    snprintf(want, sizeof want, "%s:%llu", p, (unsigned long long)a[4].line);
    ck_assert_str_eq(a[4].id, want);
    ck_assert_uint_eq(a[4].line, 33);
    free_result(&res);
}
END_TEST

START_TEST(test_trec_bad_records)
{
    sbuf s = {0};
    uint64_t off[12];
    off[0] = s.n; /* line 1: good */
    sb_printf(&s, "<DOC>\n<DOCNO>G1</DOCNO>\n<TEXT>good one</TEXT>\n</DOC>\n");
    off[1] = s.n; /* line 5: never closed before the next <DOC> */
    sb_printf(&s, "<DOC>\n<DOCNO>U1</DOCNO>\n<TEXT>unclosed</TEXT>\n");
    off[2] = s.n; /* line 8: good */
    sb_printf(&s, "<DOC>\n<DOCNO>G2</DOCNO>\n<TEXT>good two</TEXT>\n</DOC>\n");
    off[3] = s.n; /* line 12: stray text between records */
    sb_printf(&s, "stray words\nmore\n");
    off[4] = s.n; /* line 14: binary inside */
    sb_printf(&s, "<DOC>\n<DOCNO>B1</DOCNO>\n<TEXT>bin");
    sb_add(&s, "\0\0\x01", 3);
    sb_printf(&s, "</TEXT>\n</DOC>\n");
    off[5] = s.n; /* line 18: invalid UTF-8 */
    sb_printf(&s, "<DOC>\n<DOCNO>X1</DOCNO>\n<TEXT>caf\xE9</TEXT>\n</DOC>\n");
    off[6] = s.n; /* line 22: an unclosed element inside */
    sb_printf(&s, "<DOC>\n<DOCNO>E1</DOCNO>\n<TEXT>no end\n</DOC>\n");
    off[7] = s.n; /* line 26: no text */
    sb_printf(&s, "<DOC>\n<DOCNO>N1</DOCNO>\n<TEXT>  </TEXT>\n</DOC>\n");
    off[8] = s.n; /* line 30: good */
    sb_printf(&s, "<DOC>\n<DOCNO>G3</DOCNO>\n<TEXT>good three</TEXT>\n</DOC>\n");
    off[9] = s.n; /* line 34: unclosed at the end of input */
    sb_printf(&s, "<DOC>\n<DOCNO>U2</DOCNO>\n<TEXT>cut off</TEXT>\n");
    const char *p = write_file("bad.trec", s.d, s.n);
    result res;
    read_all(p, BYL_FMT_AUTO, 0, &res);
    ck_assert_int_eq(res.rc, 0);
    ck_assert_int_eq(res.n, 3);
    ck_assert_str_eq(res.a[0].id, "G1");
    ck_assert_str_eq(res.a[1].id, "G2");
    ck_assert_uint_eq(res.a[1].line, 8);
    ck_assert_str_eq(res.a[2].id, "G3");
    ck_assert_uint_eq(res.a[2].line, 30);
    ck_assert_int_eq(res.nw, 7);
    assert_warn(&res, 0, BYL_SKIP_SGML, 5, off[1]);
    ck_assert_ptr_nonnull(strstr(res.w[0].detail, "line 8"));
    assert_warn(&res, 1, BYL_SKIP_SGML, 12, off[3]);
    assert_warn(&res, 2, BYL_SKIP_BINARY, 14, off[4]);
    assert_warn(&res, 3, BYL_SKIP_UTF8, 18, off[5]);
    ck_assert_ptr_nonnull(strstr(res.w[3].detail, "line 20"));
    assert_warn(&res, 4, BYL_SKIP_SGML, 22, off[6]);
    ck_assert_ptr_nonnull(strstr(res.w[4].detail, "TEXT"));
    assert_warn(&res, 5, BYL_SKIP_NOTEXT, 26, off[7]);
    assert_warn(&res, 6, BYL_SKIP_SGML, 34, off[9]);
    ck_assert_uint_eq(res.skipped[BYL_SKIP_SGML], 4);
    ck_assert_uint_eq(res.skipped[BYL_SKIP_BINARY], 1);
    ck_assert_uint_eq(res.skipped[BYL_SKIP_UTF8], 1);
    ck_assert_uint_eq(res.skipped[BYL_SKIP_NOTEXT], 1);
    ck_assert_uint_eq(res.records, 3 + 7);
    free_result(&res);
    free(s.d);
}
END_TEST

START_TEST(test_trec_binary_junk)
{
    /* Binary garbage between records: one BINARY warning for the run. */
    sbuf s = {0};
    sb_printf(&s, "<DOC>\n<DOCNO>G1</DOCNO>\n<TEXT>one</TEXT>\n</DOC>\n");
    uint64_t off = s.n;
    for (int i = 0; i < 5000; i++) {
        unsigned char c = (unsigned char)(i * 7 % 32);
        if (c == '<')
            c = 0;
        sb_add(&s, &c, 1);
    }
    sb_printf(&s, "\n<DOC>\n<DOCNO>G2</DOCNO>\n<TEXT>two</TEXT>\n</DOC>\n");
    const char *p = write_file("junk.trec", s.d, s.n);
    result res;
    read_all(p, BYL_FMT_TREC, 0, &res);
    ck_assert_int_eq(res.n, 2);
    ck_assert_str_eq(res.a[1].id, "G2");
    ck_assert_int_eq(res.nw, 1);
    ck_assert_int_eq(res.w[0].reason, BYL_SKIP_BINARY);
    ck_assert_uint_eq(res.w[0].line, 5);
    ck_assert_uint_ge(res.w[0].off, off);
    ck_assert_uint_eq(res.skipped[BYL_SKIP_BINARY], 1);
    free_result(&res);
    free(s.d);
}
END_TEST

START_TEST(test_trec_too_long)
{
    /* A 5 MB record under a 4 KiB limit is dropped as it streams; the
     * window never grows; the record after it is read. */
    sbuf s = {0};
    sb_printf(&s, "<DOC>\n<DOCNO>G1</DOCNO>\n<TEXT>one</TEXT>\n</DOC>\n");
    uint64_t off = s.n;
    sb_printf(&s, "<DOC>\n<DOCNO>BIG</DOCNO>\n<TEXT>\n");
    for (int i = 0; s.n < off + (5u << 20); i++)
        sb_printf(&s, "<P>%s %s</P>\n", word(), word());
    sb_printf(&s, "</TEXT>\n</DOC>\n");
    sb_printf(&s, "<DOC>\n<DOCNO>G2</DOCNO>\n<TEXT>two</TEXT>\n</DOC>\n");
    uint64_t off3 = s.n;
    /* A long record that is never closed, at the end. */
    sb_printf(&s, "<DOC>\n<DOCNO>BIG2</DOCNO>\n<TEXT>\n");
    for (int i = 0; i < 2000; i++)
        sb_printf(&s, "%s\n", word());
    const char *p = write_gz("long.trec.gz", s.d, s.n);
    result res;
    read_all(p, BYL_FMT_AUTO, 4096, &res);
    ck_assert_int_eq(res.n, 2);
    ck_assert_str_eq(res.a[0].id, "G1");
    ck_assert_str_eq(res.a[1].id, "G2");
    uint64_t lines_before_g2 = 0;
    for (const char *q = s.d; q < s.d + off3; q++)
        lines_before_g2 += *q == '\n';
    ck_assert_uint_eq(res.a[1].line, lines_before_g2 - 3);
    ck_assert_int_eq(res.nw, 2);
    assert_warn(&res, 0, BYL_SKIP_TOOLONG, 5, off);
    assert_warn(&res, 1, BYL_SKIP_TOOLONG, lines_before_g2 + 1, off3);
    ck_assert_uint_eq(res.max_cap, 2 * BYL_RD_CHUNK);
    ck_assert_uint_eq(res.records, 4);
    free_result(&res);
    free(s.d);
}
END_TEST

/* --------------------------------------------------------- Reuters SGML */

START_TEST(test_reuters_fixture)
{
    result res;
    read_all(fixture("wire.sgm"), BYL_FMT_AUTO, 0, &res);
    ck_assert_int_eq(res.nw, 0);
    ck_assert_int_eq(res.n, 3);
    art *a = res.a;
    ck_assert_str_eq(a[0].id, "101");
    ck_assert_str_eq(a[0].title, "FARM GROUP SEES WHEAT & CORN CROP UP");
    ck_assert_str_eq(a[0].author, "Walter Brennan");
    ck_assert_str_eq(a[0].source, "Reuters");
    ck_assert_str_eq(a[0].body, "KANSAS CITY, Feb 26 - A farm group said the\n"
                                "wheat and corn crops should rise <about 5 pct> this year.\n"
                                "    The group gave no figure for soybeans.\n"
                                " Reuter");
    ck_assert_int_eq(a[0].date, utc(1987, 2, 26, 15, 1, 1));
    ck_assert_uint_eq(a[0].line, 2);
    /* BRIEF: a title alone. */
    ck_assert_str_eq(a[1].id, "102");
    ck_assert_str_eq(a[1].title, "MARKETS CLOSED FOR HOLIDAY");
    ck_assert_str_eq(a[1].body, "");
    ck_assert_int_eq(a[1].date, utc(1987, 3, 2, 9, 30, 0));
    /* UNPROC: raw text in <TEXT>, control characters dropped. */
    ck_assert_str_eq(a[2].id, "103");
    ck_assert_str_eq(a[2].title, "");
    ck_assert_str_eq(a[2].body,
                     "Unprocessed wire copy about freight rates\nthat never got a title.");
    ck_assert_int_eq(a[2].date, utc(1987, 3, 3, 11, 2, 13));
    free_result(&res);
}
END_TEST

START_TEST(test_reuters_bad_records)
{
    const char *in = "<!DOCTYPE lewis SYSTEM \"lewis.dtd\">\n"
                     "<REUTERS NEWID=\"1\">\n<TEXT><TITLE>ONE</TITLE></TEXT>\n"
                     "<REUTERS NEWID=\"2\">\n<TEXT><TITLE>TWO</TITLE><BODY>b</BODY></TEXT>\n"
                     "</REUTERS>\n"
                     "<REUTERS NEWID=\"3\">\n<TEXT TYPE=\"UNPROC\">&#2;\n&#3;</TEXT>\n</REUTERS>\n"
                     "<REUTERS NEWID=\"4\">\n<TEXT><TITLE>FOUR</TITLE></TEXT>\n</REUTERS>\n";
    const char *p = write_str("bad.sgm", in);
    result res;
    read_all(p, BYL_FMT_AUTO, 0, &res);
    ck_assert_int_eq(res.n, 2);
    ck_assert_str_eq(res.a[0].id, "2");
    ck_assert_str_eq(res.a[0].body, "b");
    ck_assert_str_eq(res.a[1].id, "4");
    ck_assert_int_eq(res.nw, 2);
    assert_warn(&res, 0, BYL_SKIP_SGML, 2, 36);
    assert_warn(&res, 1, BYL_SKIP_NOTEXT, 7, (uint64_t)(strstr(in, "<REUTERS NEWID=\"3\"") - in));
    free_result(&res);
}
END_TEST

/* ------------------------------------------------------------ plain text */

START_TEST(test_text_fixtures)
{
    result res;
    read_all(fixture("story.txt"), BYL_FMT_AUTO, 0, &res);
    ck_assert_int_eq(res.nw, 0);
    ck_assert_int_eq(res.n, 1);
    art *a = res.a;
    ck_assert_str_eq(a[0].id, fixture("story.txt"));
    ck_assert_str_eq(a[0].title, "City Council Approves New Bike Lanes");
    ck_assert_str_eq(a[0].author, "Priya Raman; Tom O'Neill");
    ck_assert_str_eq(a[0].source, "Reuters");
    ck_assert_int_eq(a[0].date, utc(2025, 11, 26, 2, 34, 0)); /* the page's clock */
    ck_assert_str_eq(a[0].body,
                     "The city council voted 7-2 on Tuesday to add protected bike lanes\n"
                     "on three downtown streets.\n\n"
                     "By 2030, the council hopes a quarter of trips will be by bike.");
    ck_assert_uint_eq(a[0].line, 1);
    free_result(&res);

    read_all(fixture("notice.txt"), BYL_FMT_AUTO, 0, &res);
    ck_assert_int_eq(res.n, 1);
    ck_assert_str_eq(res.a[0].title, "Library Extends Weekend Hours");
    ck_assert_str_eq(res.a[0].author, "");
    ck_assert_int_eq(res.a[0].date, utc(2025, 11, 7, 0, 0, 0));
    ck_assert_str_eq(res.a[0].body,
                     "The central library will stay open until 9 p.m. on Saturdays.");
    free_result(&res);
}
END_TEST

START_TEST(test_text_variants)
{
    static const struct {
        const char *in;
        const char *title, *author, *body;
        int64_t date;
    } cases[] = {
        {"Title\r\nBY JANE DOE\r\n2025-11-26\r\n\r\nBody line.\r\n", "Title", "Jane Doe",
         "Body line.", 1764115200},
        {"Title\nNovember 26, 2025\nBy Ann de la Cruz\nBody.\n", "Title", "Ann de la Cruz",
         "Body.", 1764115200},
        {"Title\nSubtitle that stays\nBy J. R. Smith, Associated Press Writer\nBody.\n", "Title",
         "J. R. Smith", "Subtitle that stays\nBody.", BYL_NO_DATE},
        {"Title\nUpdated: Wed, 26 Nov 2025 14:34:00 GMT\nBody.\n", "Title", "", "Body.",
         1764167640},
        {"Title\nBy the time the vote came, few were left.\nBody.\n", "Title", "",
         "By the time the vote came, few were left.\nBody.", BYL_NO_DATE},
        {"Title\nBy 2030, half of all cars may be electric.\n", "Title", "",
         "By 2030, half of all cars may be electric.", BYL_NO_DATE},
        {"Title\nBy Monday, the council had voted on it.\n", "Title", "",
         "By Monday, the council had voted on it.", BYL_NO_DATE},
        {"Title\na\nb\nc\nd\ne\nf\nBy Late Comer\n", "Title", "",
         "a\nb\nc\nd\ne\nf\nBy Late Comer", BYL_NO_DATE},
        {"  Only a title  \n\n\n", "Only a title", "", "", BYL_NO_DATE},
        {"\xEF\xBB\xBFTitle after BOM\nText.", "Title after BOM", "", "Text.", BYL_NO_DATE},
        /* old Mac line ends: CR alone ends a line, as LF and CRLF do */
        {"Title\rBy Jane Doe\r2025-11-26\r\rBody one.\rBody two.\r", "Title", "Jane Doe",
         "Body one.\nBody two.", 1764115200},
        {"Title\r\rBody one.\r\nBody two.\n\rBody three.", "Title", "",
         "Body one.\nBody two.\n\nBody three.", BYL_NO_DATE},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char name[32];
        snprintf(name, sizeof name, "t%zu.txt", i);
        const char *p = write_str(name, cases[i].in);
        result res;
        read_all(p, BYL_FMT_TEXT, 0, &res);
        ck_assert_msg(res.n == 1, "case %zu: %d articles", i, res.n);
        ck_assert_int_eq(res.nw, 0);
        ck_assert_str_eq(res.a[0].title, cases[i].title);
        ck_assert_str_eq(res.a[0].author, cases[i].author);
        ck_assert_str_eq(res.a[0].body, cases[i].body);
        ck_assert_msg(res.a[0].date == cases[i].date, "case %zu: date %lld", i,
                      (long long)res.a[0].date);
        free_result(&res);
    }
}
END_TEST

START_TEST(test_text_bad_files)
{
    static const unsigned char png[] = {0x89, 'P',  'N',  'G',  '\r', '\n', 0x1A, '\n',
                                        0,    0,    0,    0x0D, 'I',  'H',  'D',  'R',
                                        0,    0,    0,    0x10, 0,    0,    0,    0x10};
    static const char ctrl[] = "\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f\x10 a b";
    static const struct {
        const char *name;
        const void *data;
        size_t len;
        byl_skip_reason why;
    } cases[] = {
        {"image.png", png, sizeof png, BYL_SKIP_BINARY},
        {"ctrl.txt", ctrl, sizeof ctrl - 1, BYL_SKIP_BINARY},
        {"latin1.txt", "Caf\xE9 news\nBody.\n", 16, BYL_SKIP_UTF8},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *p = write_file(cases[i].name, cases[i].data, cases[i].len);
        for (int compressed = 0; compressed < 2; compressed++) {
            if (compressed) {
                char gz[64];
                snprintf(gz, sizeof gz, "%s.gz", cases[i].name);
                p = write_gz(gz, cases[i].data, cases[i].len);
            }
            result res;
            read_all(p, BYL_FMT_AUTO, 0, &res);
            ck_assert_int_eq(res.fmt, BYL_FMT_TEXT);
            ck_assert_int_eq(res.n, 0);
            ck_assert_msg(res.nw == 1, "%s: %d warnings", cases[i].name, res.nw);
            assert_warn(&res, 0, cases[i].why, 1, 0);
            ck_assert_str_eq(res.w[0].file, p);
            ck_assert_uint_eq(res.skipped[cases[i].why], 1);
            ck_assert_uint_eq(res.records, 1);
            free_result(&res);
        }
    }

    /* Too long: a 1 MB file under a 1 KiB limit. */
    sbuf s = {0};
    sb_printf(&s, "Title\n");
    while (s.n < (1u << 20))
        sb_printf(&s, "%s ", word());
    const char *p = write_file("long.txt", s.d, s.n);
    result res;
    read_all(p, BYL_FMT_AUTO, 1024, &res);
    ck_assert_int_eq(res.n, 0);
    ck_assert_int_eq(res.nw, 1);
    assert_warn(&res, 0, BYL_SKIP_TOOLONG, 1, 0);
    ck_assert_uint_eq(res.max_cap, 2 * BYL_RD_CHUNK);
    free_result(&res);
    /* The same file under the default limit is one article. */
    read_all(p, BYL_FMT_AUTO, 0, &res);
    ck_assert_int_eq(res.n, 1);
    ck_assert_str_eq(res.a[0].title, "Title");
    free_result(&res);
    free(s.d);

    /* A NUL far into a large file. */
    s = (sbuf){0};
    sb_printf(&s, "Title\n");
    while (s.n < 700000)
        sb_printf(&s, "%s ", word());
    uint64_t nul_at = s.n;
    sb_add(&s, "\0", 1);
    sb_printf(&s, "more text\n");
    p = write_file("nul.txt", s.d, s.n);
    read_all(p, BYL_FMT_AUTO, 0, &res);
    ck_assert_int_eq(res.n, 0);
    ck_assert_int_eq(res.nw, 1);
    assert_warn(&res, 0, BYL_SKIP_BINARY, 1, 0);
    char want[64];
    snprintf(want, sizeof want, "offset %llu", (unsigned long long)nul_at);
    ck_assert_ptr_nonnull(strstr(res.w[0].detail, want));
    free_result(&res);
    free(s.d);
}
END_TEST

/* ------------------------------------------- a title or body not text */

/* Reads the JSON line of case i: one article, nothing skipped, its body
 * holding body; with say, one warning (a field's, the record kept)
 * holding say and also (when set), else none. */
static void one_record_kept(size_t i, const char *line, const char *body, const char *say,
                            const char *also)
{
    result res;
    read_all(write_str("record.jsonl", line), BYL_FMT_AUTO, 0, &res);
    ck_assert_int_eq(res.n, 1);
    ck_assert_uint_eq(total_skipped(&res), 0);
    ck_assert_msg(strstr(res.a[0].body, body) != NULL, "case %zu: body '%s'", i, res.a[0].body);
    if (!say) {
        ck_assert_msg(res.nw == 0, "case %zu: %s", i, res.nw ? res.w[0].detail : "");
    } else {
        ck_assert_int_eq(res.nw, 1);
        ck_assert_int_eq(res.w[0].reason, BYL_SKIP_FIELD);
        ck_assert_msg(strstr(res.w[0].detail, say), "case %zu: %s", i, res.w[0].detail);
        if (also)
            ck_assert_ptr_nonnull(strstr(res.w[0].detail, also));
    }
    free_result(&res);
}

START_TEST(test_fields_not_text)
{
    /* A body or title that is there but is not text is said (one warning
     * that skips nothing); null, "" and [] are absent; another field of the
     * same kind that is text stands in, silently. */
    static const struct {
        const char *json;
        const char *say; /* in the warning; NULL: no warning */
        const char *body;
    } cases[] = {
        {"\"body\":{\"a\":\"words\"}", "\"body\": an object is not text", ""},
        {"\"text\":123", "\"text\": 123 is not text", ""},
        {"\"body\":true", "\"body\": true is not text", ""},
        {"\"body\":null", NULL, ""},
        {"\"body\":\"\"", NULL, ""},
        {"\"body\":[]", NULL, ""},
        {"\"body\":{\"a\":1},\"text\":\"real words\"", NULL, "real words"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char line[512];
        snprintf(line, sizeof line, "{\"id\":\"d\",\"title\":\"T\",%s}\n", cases[i].json);
        one_record_kept(i, line, cases[i].body, cases[i].say, "indexed without its body");
    }
}
END_TEST

/* A key given twice: JSON keeps the last value, and so do we, but one of
 * the two texts is not indexed, so it is said (one warning naming the line
 * and the key, nothing skipped); a key once is silent. */
START_TEST(test_key_given_twice)
{
    static const struct {
        const char *json, *body, *say;
    } cases[] = {
        {"{\"id\":\"d\",\"text\":\"first words\",\"text\":\"second words\"}", "second words",
         "duplicate object key near '\"text\"'"},
        {"{\"id\":\"d\",\"title\":\"T\",\"title\":\"U\",\"text\":\"x\"}", "x",
         "duplicate object key near '\"title\"'"},
        {"{\"id\":\"d\",\"title\":\"T\",\"text\":\"only once\"}", "only once", NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char line[512];
        snprintf(line, sizeof line, "%s\n", cases[i].json);
        one_record_kept(i, line, cases[i].body, cases[i].say, NULL);
    }
}
END_TEST

/* --------------------------------------------------- unparseable dates */

START_TEST(test_bad_dates)
{
    /* A date that is not one: the article is kept, without a date, and
     * one warning (that skips nothing) names the line and shows the value. */
    static const struct {
        const char *json;
        int64_t date;    /* what the article gets */
        const char *say; /* in the warning; NULL: no warning */
    } cases[] = {
        {"\"date\":\"2025-02-30\"", BYL_NO_DATE, "\"date\": \"2025-02-30\" is not a date"},
        {"\"date\":1e100", BYL_NO_DATE, "\"date\": 1e+100 is not a date"},
        {"\"pubDate\":\"yesterday-ish\"", BYL_NO_DATE, "\"pubDate\": \"yesterday-ish\""},
        {"\"date\":{\"$date\":\"2025-11-26\"}", BYL_NO_DATE, "\"date\": an object is not"},
        {"\"date\":true", BYL_NO_DATE, "true is not a date"},
        {"\"date\":-99999999999", BYL_NO_DATE, "-99999999999 is not a date"},
        {"\"date\":-62135596801", BYL_NO_DATE, "-62135596801 is not a date"},
        {"\"date\":\"bad\",\"published\":\"worse\"", BYL_NO_DATE,
         "\"date\": \"bad\" is not a date (nor are its other date fields)"},
        {"\"date\":\"line\\nbreak\"", BYL_NO_DATE, "\"line?break\""},
        {"\"date\":\"123456789012345678901234567890123456789012345678901234567890abc\"",
         BYL_NO_DATE, "\"123456789012345678901234567890123456789012345678901234567890...\""},
        {"\"date\":\"12345678901234567890123456789012345678901234567890123456789\u00e9\"",
         BYL_NO_DATE, "\"12345678901234567890123456789012345678901234567890123456789...\""},
        /* another date field stands in: no warning */
        {"\"date\":\"bad\",\"published\":\"2025-11-26\"", 1764115200, NULL},
        /* absent: no warning */
        {"\"date\":null", BYL_NO_DATE, NULL},
        {"\"date\":\"  \"", BYL_NO_DATE, NULL},
        {"\"date\":\"2025-02-28\"", 1740700800, NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char line[512];
        snprintf(line, sizeof line,
                 "{\"id\":\"ok\",\"title\":\"Before\"}\n\n{\"id\":\"d\",\"title\":\"T\",%s}\n"
                 "{\"id\":\"after\",\"title\":\"After\"}\n",
                 cases[i].json);
        result res;
        read_all(write_str("dates.jsonl", line), BYL_FMT_AUTO, 0, &res);
        ck_assert_int_eq(res.n, 3);
        ck_assert_str_eq(res.a[1].id, "d");
        ck_assert_msg(res.a[1].date == cases[i].date, "case %zu: date %lld", i,
                      (long long)res.a[1].date);
        ck_assert_uint_eq(res.records, 3);
        ck_assert_uint_eq(total_skipped(&res), 0);
        if (!cases[i].say) {
            ck_assert_msg(res.nw == 0, "case %zu: %s", i, res.w[0].detail);
            free_result(&res);
            continue;
        }
        ck_assert_int_eq(res.nw, 1);
        assert_warn(&res, 0, BYL_SKIP_FIELD, 3, 30);
        ck_assert_msg(strstr(res.w[0].detail, cases[i].say), "case %zu: %s", i, res.w[0].detail);
        ck_assert_ptr_nonnull(strstr(res.w[0].detail, "indexed without one"));
        ck_assert_uint_eq(res.warned[BYL_SKIP_FIELD], 1);
        free_result(&res);
    }
    /* A record skipped for another reason says nothing of its date. */
    result res;
    read_all(write_str("notext.jsonl", "{\"id\":\"x\",\"date\":\"2025-02-30\"}\n"), BYL_FMT_AUTO, 0,
             &res);
    ck_assert_int_eq(res.nw, 1);
    ck_assert_int_eq(res.w[0].reason, BYL_SKIP_NOTEXT);
    ck_assert_uint_eq(res.warned[BYL_SKIP_FIELD], 0);
    free_result(&res);

    /* SGML: the first date element that parses; none: the first shown,
     * with its line; an empty one is absent. */
    read_all(write_str("dates.trec", "<DOC>\n<DOCNO>D1</DOCNO>\n<DATE>\nyesterday-ish\n</DATE>\n"
                                     "<TEXT>x</TEXT>\n</DOC>\n"
                                     "<DOC>\n<DOCNO>D2</DOCNO>\n<DATE>2025-02-30</DATE>"
                                     "<DD>2025-02-03</DD>\n<TEXT>x</TEXT>\n</DOC>\n"
                                     "<DOC>\n<DOCNO>D3</DOCNO>\n<DATE> </DATE>\n<TEXT>x</TEXT>\n</DOC>\n"),
             BYL_FMT_AUTO, 0, &res);
    ck_assert_int_eq(res.n, 3);
    ck_assert_int_eq(res.a[0].date, BYL_NO_DATE);
    ck_assert_int_eq(res.a[1].date, utc(2025, 2, 3, 0, 0, 0));
    ck_assert_int_eq(res.a[2].date, BYL_NO_DATE);
    ck_assert_int_eq(res.nw, 1);
    assert_warn(&res, 0, BYL_SKIP_FIELD, 1, 0);
    ck_assert_ptr_nonnull(strstr(res.w[0].detail, "\"yesterday-ish\" at line 3 is not a date"));
    ck_assert_uint_eq(res.records, 3);
    ck_assert_uint_eq(total_skipped(&res), 0);
    free_result(&res);
}
END_TEST

/* ------------------------------------------- empty inputs, line ends */

START_TEST(test_empty_inputs)
{
    /* Nothing, blank space, a lone byte order mark, CRs: no record in any
     * format, compressed or not, and one warning that skips nothing. */
    static const char *const inputs[] = {"", "\n \n\t\n", "\xEF\xBB\xBF", "\r\r\r", "\xEF\xBB\xBF\r\n"};
    static const byl_format fmts[] = {BYL_FMT_AUTO, BYL_FMT_JSONL, BYL_FMT_TREC, BYL_FMT_REUTERS,
                                      BYL_FMT_TEXT};
    for (size_t i = 0; i < sizeof inputs / sizeof inputs[0]; i++) {
        for (int gz = 0; gz < 2; gz++) {
            const char *p = gz ? write_gz("empty.gz", inputs[i], strlen(inputs[i]))
                               : write_str("empty", inputs[i]);
            for (size_t f = 0; f < sizeof fmts / sizeof fmts[0]; f++) {
                result res;
                read_all(p, fmts[f], 0, &res);
                ck_assert_int_eq(res.rc, 0);
                ck_assert_msg(res.n == 0 && res.records == 0, "input %zu gz %d fmt %zu: %d/%llu",
                              i, gz, f, res.n, (unsigned long long)res.records);
                ck_assert_msg(res.nw == 1, "input %zu gz %d fmt %zu: %d warnings (%s)", i, gz, f,
                              res.nw, res.w[0].detail);
                assert_warn(&res, 0, BYL_SKIP_EMPTY, 0, 0);
                ck_assert_ptr_nonnull(strstr(res.w[0].detail, i == 0 ? "no bytes" : "blank"));
                ck_assert_uint_eq(res.warned[BYL_SKIP_EMPTY], 1);
                ck_assert_uint_eq(total_skipped(&res), 0);
                free_result(&res);
            }
        }
    }
    /* Empty standard input alike. */
    int saved = dup(STDIN_FILENO);
    int fd = open("/dev/null", O_RDONLY);
    ck_assert_int_ge(fd, 0);
    dup2(fd, STDIN_FILENO);
    close(fd);
    result res;
    read_all("-", BYL_FMT_AUTO, 0, &res);
    dup2(saved, STDIN_FILENO);
    close(saved);
    ck_assert_int_eq(res.n, 0);
    ck_assert_uint_eq(res.records, 0);
    ck_assert_int_eq(res.nw, 1);
    assert_warn(&res, 0, BYL_SKIP_EMPTY, 0, 0);
    ck_assert_str_eq(res.w[0].file, "-");
    free_result(&res);
    /* A cut gzip stream with nothing decoded is a failure, not emptiness. */
    size_t zlen;
    char *z = slurp(write_gz("x.gz", "{\"id\":1}\n", 10), &zlen);
    read_all(write_file("cut.gz", z, 10), BYL_FMT_AUTO, 0, &res);
    ck_assert_int_eq(res.nw, 1);
    ck_assert_int_eq(res.w[0].reason, BYL_SKIP_GZIP);
    ck_assert_uint_eq(res.records, 1);
    free_result(&res);
    free(z);
}
END_TEST

START_TEST(test_cr_line_ends)
{
    /* JSON Lines split on CR alone, on LF and on CRLF, in one file; line
     * numbers count each line end once. */
    const char *p = write_str("cr.jsonl", "{\"id\":\"a\",\"title\":\"A\"}\r"
                                          "{\"id\":\"b\",\"title\":\"B\"}\r\n"
                                          "{\"id\":\"c\",\"title\":\"C\"}\n"
                                          "\r"
                                          "{bad\r"
                                          "{\"id\":\"d\",\"title\":\"D\"}\r");
    result res;
    read_all(p, BYL_FMT_AUTO, 0, &res);
    ck_assert_int_eq(res.fmt, BYL_FMT_JSONL);
    ck_assert_int_eq(res.n, 4);
    static const char *const ids[] = {"a", "b", "c", "d"};
    static const uint64_t lines[] = {1, 2, 3, 6};
    for (int i = 0; i < 4; i++) {
        ck_assert_str_eq(res.a[i].id, ids[i]);
        ck_assert_uint_eq(res.a[i].line, lines[i]);
    }
    ck_assert_int_eq(res.nw, 1);
    assert_warn(&res, 0, BYL_SKIP_JSON, 5, 71);
    free_result(&res);

    /* Many CR-only records, gzip-compressed or not, cross many reads: a
     * CR that ends one read and its LF (or not) at the start of the next
     * are one line end.  The first read of a plain file is BYL_RD_CHUNK/2
     * bytes: put a lone CR, then a CRLF, across that boundary. */
    for (int crlf = 0; crlf < 2; crlf++) {
        enum { N = 6000 };
        sbuf s = {0};
        size_t edge = BYL_RD_CHUNK / 2;
        for (int i = 0; i < N; i++) {
            size_t start = s.n;
            sb_printf(&s, "{\"id\":\"r%d\",\"title\":\"%s\",\"text\":\"", i + 1, word());
            /* pad the record that holds the edge so that its CR is the
             * last byte before it */
            if (start < edge && start + 200 > edge) {
                while (s.n < edge - 3)
                    sb_add(&s, "x", 1);
                sb_add(&s, "\"}", 2);
            } else {
                sb_printf(&s, "%s %s\"}", word(), word());
            }
            sb_add(&s, crlf ? "\r\n" : "\r", crlf ? 2 : 1);
            if (start < edge && s.n > edge)
                ck_assert_uint_eq(s.n, edge + (size_t)crlf);
        }
        for (int gz = 0; gz < 2; gz++) {
            p = gz ? write_gz("many.jsonl.gz", s.d, s.n) : write_str("many.jsonl", s.d);
            read_all(p, BYL_FMT_AUTO, 0, &res);
            ck_assert_int_eq(res.nw, 0);
            assert_ids(&res, N);
            for (int i = 0; i < N; i++)
                ck_assert_uint_eq(res.a[i].line, (uint64_t)i + 1);
            free_result(&res);
        }
        free(s.d);
    }

    /* SGML: a warning names the line as an editor would count it. */
    p = write_str("cr.trec", "<DOC>\r<DOCNO>1</DOCNO>\r<TEXT>one\rtwo</TEXT>\r</DOC>\r"
                             "<DOC>\r<DOCNO>2</DOCNO>\r<TEXT>never closed\r"
                             "<DOC>\r<DOCNO>3</DOCNO>\r<TEXT>three</TEXT>\r</DOC>\r");
    read_all(p, BYL_FMT_AUTO, 0, &res);
    ck_assert_int_eq(res.fmt, BYL_FMT_TREC);
    ck_assert_int_eq(res.n, 2);
    ck_assert_str_eq(res.a[0].body, "one\ntwo");
    ck_assert_uint_eq(res.a[1].line, 9);
    ck_assert_int_eq(res.nw, 1);
    assert_warn(&res, 0, BYL_SKIP_SGML, 6, 51);
    ck_assert_ptr_nonnull(strstr(res.w[0].detail, "line 9"));
    free_result(&res);
}
END_TEST

/* ---------------------------------------------------- open, stdin, walk */

START_TEST(test_open_errors)
{
    byl_reader *r = (byl_reader *)1;
    ck_assert_int_eq(byl_reader_open(tpath("missing.jsonl"), BYL_FMT_AUTO, NULL, NULL, &r),
                     BYL_EIO);
    ck_assert_ptr_null(r);
    ck_assert_ptr_nonnull(strstr(byl_error_msg(), "missing.jsonl"));
    r = (byl_reader *)1;
    ck_assert_int_eq(byl_reader_open(tmpdir, BYL_FMT_AUTO, NULL, NULL, &r), BYL_EIO);
    ck_assert_ptr_null(r);
    ck_assert_int_eq(byl_reader_open(NULL, BYL_FMT_AUTO, NULL, NULL, &r), BYL_EINVAL);
    ck_assert_int_eq(byl_reader_open(fixture("story.txt"), (byl_format)99, NULL, NULL, &r),
                     BYL_EINVAL);
    byl_article a;
    ck_assert_int_eq(byl_reader_next(NULL, &a), BYL_EINVAL);
    ck_assert_uint_eq(byl_reader_records(NULL), 0);
    byl_reader_close(NULL);

    /* UTF-16 (either byte order, plain or gzip) is named, with the file
     * and the way to convert it, for every format asked for: a file that
     * cannot be read (BYL_EIO), skipped and counted as a missing one */
    static const char le[] = "\xFF\xFE{\0\"\0i\0d\0\"\0:\0\"\0a\0\"\0}\0\n\0";
    static const char be[] = "\xFE\xFF\0{\0\"\0i\0d\0\"\0:\0\"\0a\0\"\0}\0\n";
    const char *paths[] = {write_file("le.jsonl", le, sizeof le - 1),
                           write_file("be.txt", be, sizeof be - 1),
                           write_gz("le.jsonl.gz", le, sizeof le - 1)};
    for (int i = 0; i < 3; i++)
        for (int f = BYL_FMT_AUTO; f <= BYL_FMT_TEXT; f++) {
            r = (byl_reader *)1;
            ck_assert_int_eq(byl_reader_open(paths[i], (byl_format)f, NULL, NULL, &r), BYL_EIO);
            ck_assert_ptr_null(r);
            ck_assert_msg(strstr(byl_error_msg(), "UTF-16") && strstr(byl_error_msg(), "iconv") &&
                              strstr(byl_error_msg(), paths[i]),
                          "%s: %s", paths[i], byl_error_msg());
        }

    /* one JSON document (an array of articles, an object over several
     * lines) is one skipped record whose warning gives the jq command that
     * makes JSON Lines of it (not an open error: a folder's stray JSON
     * file must not stop its build);
     * a text that opens with a bracket, and JSON Lines, read as before */
    const char *docs[] = {write_file("arr.json", "[\n  {\"id\": \"a\", \"text\": \"x\"}\n]\n", 31),
                          write_file("arr1.json", "[{\"id\":\"a\",\"text\":\"x\"}]", 23),
                          write_file("obj.json", "{\n  \"id\": \"a\",\n  \"text\": \"x\"\n}\n", 31)};
    const char *jq[] = {"'.[]'", "'.[]'", "'.'"};
    for (int i = 0; i < 3; i++) {
        result res;
        read_all(docs[i], BYL_FMT_AUTO, 0, &res);
        ck_assert_int_eq(res.rc, 0);
        ck_assert_int_eq(res.n, 0);
        ck_assert_int_eq(res.nw, 1);
        ck_assert_uint_eq(res.skipped[BYL_SKIP_JSON], 1);
        ck_assert_msg(strstr(res.w[0].detail, "not JSON Lines") && strstr(res.w[0].detail, jq[i]),
                      "%s: %s", docs[i], res.w[0].detail);
    }
    const char *fine[] = {write_file("upd.txt", "[Updated] Port news\n\nThe port reopened.\n", 40),
                          write_file("one.jsonl", "{\"id\": \"a\", \"text\": \"x\"}\n", 25)};
    for (int i = 0; i < 2; i++) {
        ck_assert_int_eq(byl_reader_open(fine[i], BYL_FMT_AUTO, NULL, NULL, &r), BYL_OK);
        ck_assert_int_eq(byl_reader_next(r, &a), 1);
        byl_reader_close(r);
    }
}
END_TEST

START_TEST(test_read_error)
{
    /* Reading /proc/self/mem at offset 0 fails with EIO on Linux: a read
     * error is one IO warning and the end of that input. */
    if (access("/proc/self/mem", R_OK) != 0)
        return;
    result res;
    read_all("/proc/self/mem", BYL_FMT_AUTO, 0, &res);
    ck_assert_int_eq(res.rc, 0);
    ck_assert_int_eq(res.n, 0);
    ck_assert_int_eq(res.nw, 1);
    assert_warn(&res, 0, BYL_SKIP_IO, 1, 0);
    ck_assert_ptr_nonnull(strstr(res.w[0].detail, "read error"));
    ck_assert_uint_eq(res.skipped[BYL_SKIP_IO], 1);
    ck_assert_uint_eq(res.records, 1);
    free_result(&res);
    read_all("/proc/self/mem", BYL_FMT_JSONL, 0, &res);
    ck_assert_int_eq(res.nw, 1);
    assert_warn(&res, 0, BYL_SKIP_IO, 1, 0);
    free_result(&res);
    read_all("/proc/self/mem", BYL_FMT_TREC, 0, &res);
    ck_assert_int_eq(res.nw, 1);
    assert_warn(&res, 0, BYL_SKIP_IO, 1, 0);
    free_result(&res);
}
END_TEST

START_TEST(test_stdin)
{
    /* "-" shares every line of code with files once it has a descriptor:
     * put a gzip file on fd 0 for the duration of the test. */
    size_t len;
    char *data = slurp(fixture("news.trec"), &len);
    const char *gz = write_gz("stdin.trec.gz", data, len);
    free(data);
    int saved = dup(STDIN_FILENO);
    int fd = open(gz, O_RDONLY);
    ck_assert_int_ge(fd, 0);
    ck_assert_int_ge(dup2(fd, STDIN_FILENO), 0);
    close(fd);
    result res;
    read_all("-", BYL_FMT_AUTO, 0, &res);
    dup2(saved, STDIN_FILENO);
    close(saved);
    ck_assert_int_eq(res.fmt, BYL_FMT_TREC);
    ck_assert_int_eq(res.n, 3);
    ck_assert_str_eq(res.a[0].id, "BYL-0001");
    free_result(&res);

    /* An article with no id from stdin is named "-:LINE". */
    saved = dup(STDIN_FILENO);
    fd = open(write_str("noid.jsonl", "{\"title\":\"x\"}\n"), O_RDONLY);
    dup2(fd, STDIN_FILENO);
    close(fd);
    read_all("-", BYL_FMT_AUTO, 0, &res);
    dup2(saved, STDIN_FILENO);
    close(saved);
    ck_assert_int_eq(res.n, 1);
    ck_assert_str_eq(res.a[0].id, "-:1");
    free_result(&res);
}
END_TEST

typedef struct {
    char seen[16][512];
    int n;
    int stop_at;
} walk_log;

static int walk_cb(const char *file, void *ctx)
{
    walk_log *w = ctx;
    if (w->n < 16)
        snprintf(w->seen[w->n], sizeof w->seen[0], "%s", file + (file[0] == '/' ? strlen(tmpdir) + 1 : 0));
    w->n++;
    return w->stop_at && w->n == w->stop_at ? 7 : 0;
}

START_TEST(test_walk)
{
    ck_assert_int_eq(mkdir(tpath("d"), 0755), 0);
    ck_assert_int_eq(mkdir(tpath("d/b"), 0755), 0);
    ck_assert_int_eq(mkdir(tpath("d/b/inner"), 0755), 0);
    ck_assert_int_eq(mkdir(tpath("d/.hidden"), 0755), 0);
    ck_assert_int_eq(mkdir(tpath("d/empty"), 0755), 0);
    write_str("d/c.txt", "c");
    write_str("d/a.txt", "a");
    write_str("d/B.txt", "B");
    write_str("d/b/z.jsonl", "z");
    write_str("d/b/inner/x.gz", "x");
    write_str("d/.secret", "s");
    write_str("d/.hidden/h.txt", "h");
    ck_assert_int_eq(symlink("nowhere", tpath("d/dangling")), 0);

    walk_log w = {0};
    ck_assert_int_eq(byl_walk(tpath("d"), walk_cb, &w), 0);
    /* A link to nothing is handed over too, so that it is reported: it may
     * stand for an archive that is not mounted. */
    static const char *const want[] = {"d/B.txt", "d/a.txt", "d/b/inner/x.gz", "d/b/z.jsonl",
                                       "d/c.txt", "d/dangling"};
    ck_assert_int_eq(w.n, 6);
    for (int i = 0; i < 6; i++)
        ck_assert_str_eq(w.seen[i], want[i]);

    /* A trailing slash does not double. */
    char slash[600];
    snprintf(slash, sizeof slash, "%s/", tpath("d/b"));
    w = (walk_log){0};
    ck_assert_int_eq(byl_walk(slash, walk_cb, &w), 0);
    ck_assert_int_eq(w.n, 2);
    ck_assert_str_eq(w.seen[0], "d/b/inner/x.gz");

    /* A non-zero return stops the walk and comes back. */
    w = (walk_log){.stop_at = 2};
    ck_assert_int_eq(byl_walk(tpath("d"), walk_cb, &w), 7);
    ck_assert_int_eq(w.n, 2);

    /* A file and "-" are passed through; a missing path is an error. */
    w = (walk_log){0};
    ck_assert_int_eq(byl_walk(tpath("d/a.txt"), walk_cb, &w), 0);
    ck_assert_int_eq(w.n, 1);
    ck_assert_str_eq(w.seen[0], "d/a.txt");
    w = (walk_log){0};
    ck_assert_int_eq(byl_walk("-", walk_cb, &w), 0);
    ck_assert_str_eq(w.seen[0], "-");
    ck_assert_int_eq(byl_walk(tpath("nope"), walk_cb, &w), BYL_EIO);
    ck_assert_ptr_nonnull(strstr(byl_error_msg(), "nope"));
    ck_assert_int_eq(byl_walk(NULL, walk_cb, &w), BYL_EINVAL);

    /* A Byline index inside the folder (its MANIFEST, or the LOCK of a
     * first build) is handed over as left out, not read as articles; a
     * LOCK of other content, or a MANIFEST of another program, is just a
     * file.  A root that is an index is refused. */
    ck_assert_int_eq(mkdir(tpath("n"), 0755), 0);
    ck_assert_int_eq(mkdir(tpath("n/idx"), 0755), 0);
    ck_assert_int_eq(mkdir(tpath("n/building"), 0755), 0);
    ck_assert_int_eq(mkdir(tpath("n/other"), 0755), 0);
    write_str("n/a.txt", "a");
    write_file("n/idx/MANIFEST", "BYLMAN\r\n\2\0\0\0", 12);
    write_str("n/idx/000002-0001.seg", "s");
    write_str("n/building/LOCK", "19947\n");
    write_str("n/building/000001-0001.seg.pos", "p");
    write_str("n/other/LOCK", "held by the archive tool\n");
    write_str("n/other/MANIFEST", "files: a b c\n");
    w = (walk_log){0};
    ck_assert_int_eq(byl_walk(tpath("n"), walk_cb, &w), 0);
    static const char *const nwant[] = {"n/a.txt", "n/building", "n/idx", "n/other/LOCK",
                                        "n/other/MANIFEST"};
    ck_assert_int_eq(w.n, 5);
    for (int i = 0; i < 5; i++)
        ck_assert_str_eq(w.seen[i], nwant[i]);
    ck_assert_int_eq(byl_walk(tpath("n/idx"), walk_cb, &w), BYL_EINVAL);
    ck_assert_ptr_nonnull(strstr(byl_error_msg(), "is a Byline index"));
}
END_TEST

/* Opens every path it is given, as the indexer does, and logs what
 * opened and what failed (with the message). */
typedef struct {
    char ok[16][256], bad[16][600];
    int nok, nbad;
} open_log;

static int open_cb(const char *file, void *ctx)
{
    open_log *o = ctx;
    const char *rel = file + strlen(tmpdir) + 1;
    byl_reader *r;
    if (byl_reader_open(file, BYL_FMT_AUTO, NULL, NULL, &r) == BYL_OK) {
        if (o->nok < 16)
            snprintf(o->ok[o->nok], sizeof o->ok[0], "%s", rel);
        o->nok++;
        byl_reader_close(r);
    } else {
        if (o->nbad < 16)
            snprintf(o->bad[o->nbad], sizeof o->bad[0], "%s | %s", rel, byl_error_msg());
        o->nbad++;
    }
    return 0;
}

/* Some failure is about this path (exactly) and says this. */
static int has_bad(const open_log *o, const char *rel, const char *says)
{
    size_t n = strlen(rel);
    for (int i = 0; i < o->nbad && i < 16; i++)
        if (strncmp(o->bad[i], rel, n) == 0 && strncmp(o->bad[i] + n, " | ", 3) == 0 &&
            strstr(o->bad[i], says))
            return 1;
    return 0;
}

START_TEST(test_walk_links)
{
    /* d/a.txt  d/sub/x.txt  d/sub/up -> ..  d/self1 -> .  d/self2 -> .
     * d/alias -> other  d/other/y.txt  d/z.txt: each file once; each loop
     * and the second way into "other" handed over once, with its reason;
     * the files after them still come. */
    ck_assert_int_eq(mkdir(tpath("d"), 0755), 0);
    ck_assert_int_eq(mkdir(tpath("d/sub"), 0755), 0);
    ck_assert_int_eq(mkdir(tpath("d/other"), 0755), 0);
    write_str("d/a.txt", "A\n");
    write_str("d/sub/x.txt", "X\n");
    write_str("d/other/y.txt", "Y\n");
    write_str("d/z.txt", "Z\n");
    ck_assert_int_eq(symlink("..", tpath("d/sub/up")), 0);
    ck_assert_int_eq(symlink(".", tpath("d/self1")), 0);
    ck_assert_int_eq(symlink(".", tpath("d/self2")), 0);
    ck_assert_int_eq(symlink("other", tpath("d/alias")), 0);
    ck_assert_int_eq(symlink("me", tpath("d/me")), 0); /* a link to itself */

    open_log o = {0};
    ck_assert_int_eq(byl_walk(tpath("d"), open_cb, &o), 0);
    static const char *const files[] = {"d/a.txt", "d/alias/y.txt", "d/sub/x.txt", "d/z.txt"};
    ck_assert_int_eq(o.nok, 4);
    for (int i = 0; i < 4; i++)
        ck_assert_str_eq(o.ok[i], files[i]);
    ck_assert_msg(o.nbad == 5, "%d failures, first: %s", o.nbad, o.bad[0]);
    ck_assert(has_bad(&o, "d/self1", "link loop"));
    ck_assert(has_bad(&o, "d/self2", "link loop"));
    ck_assert(has_bad(&o, "d/sub/up", "link loop"));
    ck_assert(has_bad(&o, "d/other", "already read"));
    ck_assert(has_bad(&o, "d/me", "d/me")); /* the system's reason: too many levels of links */
    for (int i = 0; i < 5; i++)
        ck_assert_msg(strstr(o.bad[i] + 3, tmpdir), "%s: the message names the path", o.bad[i]);
    /* The walk's reason is for the walk's own call only: opened directly,
     * a directory is just a directory. */
    byl_reader *r;
    ck_assert_int_eq(byl_reader_open(tpath("d/self1"), BYL_FMT_AUTO, NULL, NULL, &r), BYL_EIO);
    ck_assert_ptr_null(strstr(byl_error_msg(), "loop"));

    /* A directory that cannot be listed is reported once, and the walk
     * goes on past it.  Root reads it anyway: nothing to test then. */
    ck_assert_int_eq(mkdir(tpath("d/sub/locked"), 0755), 0);
    write_str("d/sub/locked/hidden.txt", "H\n");
    ck_assert_int_eq(chmod(tpath("d/sub/locked"), 0), 0);
    o = (open_log){0};
    ck_assert_int_eq(byl_walk(tpath("d"), open_cb, &o), 0);
    if (geteuid() != 0) {
        ck_assert_int_eq(o.nok, 4);
        ck_assert_str_eq(o.ok[3], "d/z.txt");
        ck_assert_int_eq(o.nbad, 6);
        ck_assert(has_bad(&o, "d/sub/locked", "cannot read directory"));
        ck_assert(has_bad(&o, "d/sub/locked", "Permission denied"));
    } else {
        ck_assert_int_eq(o.nok, 5);
    }
    chmod(tpath("d/sub/locked"), 0755); /* so that teardown can remove it */

    /* Deep real nesting is not a loop: 40 levels are read. */
    char deep[1024] = "e";
    ck_assert_int_eq(mkdir(tpath(deep), 0755), 0);
    for (int i = 0; i < 40; i++) {
        strcat(deep, "/n");
        ck_assert_int_eq(mkdir(tpath(deep), 0755), 0);
    }
    strcat(deep, "/leaf.txt");
    write_str(deep, "L\n");
    o = (open_log){0};
    ck_assert_int_eq(byl_walk(tpath("e"), open_cb, &o), 0);
    ck_assert_int_eq(o.nok, 1);
    ck_assert_int_eq(o.nbad, 0);

    /* Allocation failures anywhere in the walk: BYL_ENOMEM, never a crash
     * or a leak (walk_cb allocates nothing). */
    int done = 0;
    for (long k = 0; k < 400 && !done; k++) {
        walk_log w = {0};
        byl_mem_fail_after(k);
        int rc = byl_walk(tpath("d"), walk_cb, &w);
        byl_mem_fail_after(-1);
        ck_assert_msg(rc == 0 || rc == BYL_ENOMEM, "fail after %ld: %d", k, rc);
        done = rc == 0;
    }
    ck_assert(done);
}
END_TEST

/* Logs, as open_cb, the code each failure came with. */
typedef struct {
    open_log log;
    int rc[16];
} coded_log;

static int coded_cb(const char *file, void *ctx)
{
    coded_log *c = ctx;
    int nbad = c->log.nbad;
    open_cb(file, &c->log);
    if (c->log.nbad > nbad && nbad < 16) {
        byl_reader *r;
        c->rc[nbad] = byl_reader_open(file, BYL_FMT_AUTO, NULL, NULL, &r);
    }
    return 0;
}

START_TEST(test_walk_special_files)
{
    /* f/a.jsonl  f/p.jsonl (a FIFO)  f/s.sock (a socket)  f/null -> /dev/null:
     * the FIFO, socket and device are each handed over once, with the
     * reason "not a regular file" and BYL_ELIMIT (left out, so that the
     * indexer names and counts them and goes on), and none is opened: a
     * FIFO would wait for a writer for ever. */
    ck_assert_int_eq(mkdir(tpath("f"), 0755), 0);
    write_str("f/a.jsonl", "{\"id\":\"z\",\"text\":\"zz\"}\n");
    ck_assert_int_eq(mkfifo(tpath("f/p.jsonl"), 0644), 0);
    int sock = socket(AF_UNIX, SOCK_STREAM, 0);
    ck_assert_int_ge(sock, 0);
    struct sockaddr_un sa = {.sun_family = AF_UNIX};
    snprintf(sa.sun_path, sizeof sa.sun_path, "%s", tpath("f/s.sock"));
    int have_sock = strlen(tpath("f/s.sock")) < sizeof sa.sun_path &&
                    bind(sock, (struct sockaddr *)&sa, sizeof sa) == 0;
    close(sock);
    ck_assert_int_eq(symlink("/dev/null", tpath("f/null")), 0);
    coded_log c = {0};
    alarm(20); /* a FIFO opened would block: fail rather than hang */
    ck_assert_int_eq(byl_walk(tpath("f"), coded_cb, &c), 0);
    alarm(0);
    ck_assert_int_eq(c.log.nok, 1);
    ck_assert_str_eq(c.log.ok[0], "f/a.jsonl");
    ck_assert_msg(c.log.nbad == 2 + have_sock, "%d failures, first: %s", c.log.nbad,
                  c.log.bad[0]);
    ck_assert(has_bad(&c.log, "f/p.jsonl", "not a regular file (a FIFO)"));
    ck_assert(has_bad(&c.log, "f/null", "not a regular file (a character device)"));
    if (have_sock)
        ck_assert(has_bad(&c.log, "f/s.sock", "not a regular file (a socket)"));
    for (int i = 0; i < c.log.nbad; i++)
        ck_assert_msg(c.rc[i] == BYL_ELIMIT, "%s: %d", c.log.bad[i], c.rc[i]);
}
END_TEST

/* Reading every fixture with allocation failures injected at each step
 * must fail cleanly (BYL_ENOMEM) or succeed, never crash or leak. */
START_TEST(test_alloc_failures)
{
    static const char *const names[] = {"articles.jsonl", "news.trec", "wire.sgm", "story.txt",
                                        "news.trec.gz"};
    size_t len;
    char *data = slurp(fixture("news.trec"), &len);
    const char *gz = write_gz("news.trec.gz", data, len);
    free(data);
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        int succeeded = 0;
        const char *path = i == 4 ? gz : fixture(names[i]);
        for (long k = 0; k < 200 && !succeeded; k++) {
            byl_mem_fail_after(k);
            byl_reader *r = NULL;
            int rc = byl_reader_open(path, BYL_FMT_AUTO, NULL, NULL, &r);
            if (rc == BYL_OK) {
                byl_article a;
                int n = 0;
                while ((rc = byl_reader_next(r, &a)) == 1)
                    n++;
                byl_reader_close(r);
                succeeded = rc == 0;
            } else {
                ck_assert_int_eq(rc, BYL_ENOMEM);
                ck_assert_ptr_null(r);
            }
            if (rc < 0)
                ck_assert_int_eq(rc, BYL_ENOMEM);
            byl_mem_fail_after(-1);
        }
        ck_assert_msg(succeeded, "%s never read through", names[i]);
    }
}
END_TEST

static Suite *reader_suite(void)
{
    Suite *s = suite_create("reader");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_names);
    tcase_add_test(tc, test_dates);
    tcase_add_test(tc, test_date_bounds_and_format);
    tcase_add_test(tc, test_detect);
    tcase_add_test(tc, test_format_override);
    tcase_add_test(tc, test_jsonl_fixture);
    tcase_add_test(tc, test_jsonl_variants);
    tcase_add_test(tc, test_jsonl_real_ids);
    tcase_add_test(tc, test_jsonl_big_numbers);
    tcase_add_test(tc, test_jsonl_author_lists);
    tcase_add_test(tc, test_jsonl_author_values);
    tcase_add_test(tc, test_jsonl_bad_records);
    tcase_add_test(tc, test_jsonl_too_long);
    tcase_add_test(tc, test_jsonl_constant_memory);
    tcase_add_test(tc, test_gzip_each_format);
    tcase_add_test(tc, test_gzip_truncated);
    tcase_add_test(tc, test_gzip_truncated_sgml_and_text);
    tcase_add_test(tc, test_gzip_trailer_and_tail);
    tcase_add_test(tc, test_trec_fixture);
    tcase_add_test(tc, test_trec_variants);
    tcase_add_test(tc, test_trec_bad_records);
    tcase_add_test(tc, test_trec_binary_junk);
    tcase_add_test(tc, test_trec_too_long);
    tcase_add_test(tc, test_reuters_fixture);
    tcase_add_test(tc, test_reuters_bad_records);
    tcase_add_test(tc, test_text_fixtures);
    tcase_add_test(tc, test_text_variants);
    tcase_add_test(tc, test_text_bad_files);
    tcase_add_test(tc, test_bad_dates);
    tcase_add_test(tc, test_fields_not_text);
    tcase_add_test(tc, test_key_given_twice);
    tcase_add_test(tc, test_empty_inputs);
    tcase_add_test(tc, test_cr_line_ends);
    tcase_add_test(tc, test_open_errors);
    tcase_add_test(tc, test_read_error);
    tcase_add_test(tc, test_stdin);
    tcase_add_test(tc, test_walk);
    tcase_add_test(tc, test_walk_links);
    tcase_add_test(tc, test_walk_special_files);
    tcase_add_test(tc, test_alloc_failures);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return byl_test_run(reader_suite());
}
