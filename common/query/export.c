/*
 * export.c - JSON Lines and CSV records of stored articles (export.h).
 *
 * JSON goes through jansson, which escapes what JSON requires; CSV is
 * written here, since RFC 4180 is a few lines and no Debian library for
 * it is worth a dependency.
 *
 * Not for: choosing articles or their order.
 */
#include "query/export.h"

#include <errno.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "doc/date.h"
#include "doc/reader.h"
#include "text/utf8.h"
#include "util/err.h"
#include "util/mem.h"

int byl_export_parse(const char *name)
{
    if (name && strcmp(name, "jsonl") == 0)
        return BYL_EXPORT_JSONL;
    if (name && strcmp(name, "csv") == 0)
        return BYL_EXPORT_CSV;
    return -1;
}

/* Appends s[0..n) to b as valid UTF-8: each byte that does not start a
 * valid sequence becomes U+FFFD, and so does NUL when nul is set. */
static void put_utf8(byl_buf *b, const char *s, size_t n, int nul)
{
    const uint8_t *p = (const uint8_t *)s, *end = p + n;
    while (p < end) {
        int32_t cp;
        size_t k = byl_utf8_decode(p, (size_t)(end - p), &cp);
        if ((cp == BYL_UTF8_REPLACEMENT && k == 1) || (nul && cp == 0))
            byl_buf_put(b, "\xEF\xBF\xBD", 3);
        else
            byl_buf_put(b, p, k);
        p += k;
    }
}

/* The tags (one per line) joined by sep, as valid UTF-8, into b. */
static void put_tags(byl_buf *b, const byl_stored *st, const char *sep, int nul)
{
    const char *p = st->tags, *end = st->tags ? st->tags + st->tags_len : NULL;
    int first = 1;
    while (p && p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
        if (n) {
            if (!first)
                byl_buf_put(b, sep, strlen(sep));
            put_utf8(b, p, n, nul);
            first = 0;
        }
        p = nl ? nl + 1 : end;
    }
}

static const char *const columns[] = {"rank", "score", "id",  "date", "title",
                                      "author", "source", "url", "tags", "text"};

int byl_export_begin(FILE *f, int format)
{
    if (format != BYL_EXPORT_CSV)
        return BYL_OK;
    for (size_t i = 0; i < sizeof columns / sizeof *columns; i++)
        fprintf(f, "%s%s", i ? "," : "", columns[i]);
    fputs("\r\n", f);
    return ferror(f) ? byl_error_set(BYL_EIO, "cannot write the export: %s",
                                     strerror(errno ? errno : EIO))
                     : BYL_OK;
}

int byl_export_write(FILE *f, int format, const byl_stored *st, size_t rank, double score)
{
    char date[BYL_DATE_BUF] = "";
    if (st->date != BYL_NO_DATE)
        byl_date_format(st->date, 1, date, sizeof date);
    /* in column order after rank and score; NULL: the tags */
    const char *val[] = {st->id, date, st->title, st->author, st->source, st->url, NULL, st->body};
    const size_t len[] = {st->id_len, strlen(date), st->title_len, st->author_len,
                          st->source_len, st->url_len, 0, st->body_len};
    static const char *const keys[] = {"id", "date", "title", "author",
                                       "source", "url", "tags", "text"};
    byl_buf b;
    byl_buf_init(&b);
    int rc = BYL_OK;
    if (format == BYL_EXPORT_CSV) {
        fprintf(f, "%zu,%.6f", rank, score);
        for (int i = 0; i < 8; i++) {
            b.len = 0;
            if (val[i] || i != 6)
                put_utf8(&b, val[i], len[i], 1);
            else
                put_tags(&b, st, "; ", 1);
            if (b.failed)
                break;
            fputs(",\"", f);
            for (size_t j = 0; j < b.len; j++) {
                if (b.data[j] == '"')
                    fputc('"', f);
                fputc(b.data[j], f);
            }
            fputc('"', f);
        }
        fputs("\r\n", f);
    } else {
        json_t *o = json_object();
        json_object_set_new(o, "rank", json_integer((json_int_t)rank));
        json_object_set_new(o, "score", json_real(score));
        for (int i = 0; i < 8 && o && !b.failed; i++) {
            json_t *v;
            if (i == 1 && !*date) {
                v = json_null();
            } else if (i == 6) {
                v = json_array();
                const char *p = st->tags, *end = st->tags ? st->tags + st->tags_len : NULL;
                while (p && p < end) {
                    const char *nl = memchr(p, '\n', (size_t)(end - p));
                    size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
                    b.len = 0;
                    put_utf8(&b, p, n, 0);
                    if (n && !b.failed)
                        json_array_append_new(v, json_stringn((const char *)b.data, b.len));
                    p = nl ? nl + 1 : end;
                }
            } else {
                b.len = 0;
                put_utf8(&b, val[i], len[i], 0);
                v = json_stringn(b.data ? (const char *)b.data : "", b.len);
            }
            if (!v || json_object_set_new(o, keys[i], v))
                b.failed = 1;
        }
        char *out = o && !b.failed ? json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
        if (out) {
            fputs(out, f);
            fputc('\n', f);
        } else {
            b.failed = 1;
        }
        free(out);
        json_decref(o);
    }
    if (b.failed)
        rc = byl_error_set(BYL_ENOMEM, "out of memory exporting an article");
    byl_buf_reset(&b);
    if (!rc && ferror(f))
        rc = byl_error_set(BYL_EIO, "cannot write the export: %s", strerror(errno ? errno : EIO));
    return rc;
}
