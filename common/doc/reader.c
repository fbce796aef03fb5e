/*
 * reader.c - the article reader's front (reader.h): opening an input,
 * detecting its format, and handing each next() to that format's parser
 * (jsonl.c, sgml.c, text.c); the names of formats and skip reasons.
 *
 * The parsers never call back here: what they share lives in input.c (the
 * input window, warnings) and record.c (article assembly), behind
 * _reader.h.
 *
 * Whatever the format, an input of nothing but blank space (or nothing at
 * all) holds no record: one BYL_SKIP_EMPTY warning, no record counted.
 *
 * Not for: reading bytes (input.c), parsing any format (see the per-format
 * files), walking directories (walk.c), nor for knowing what an article is
 * used for.
 */
#include "doc/reader.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "doc/_reader.h"
#include "util/err.h"

/* ------------------------------------------------------------------ names */

const char *byl_skip_reason_text(byl_skip_reason r)
{
    switch (r) {
#define BYL_XX_(name, text) case BYL_SKIP_##name: return text;
        BYL_SKIP_MAP(BYL_XX_)
#undef BYL_XX_
    default:
        return "unknown reason";
    }
}

const char *byl_skip_reason_name(byl_skip_reason r)
{
    switch (r) {
#define BYL_XX_(name, text) case BYL_SKIP_##name: return #name;
        BYL_SKIP_MAP(BYL_XX_)
#undef BYL_XX_
    default:
        return "UNKNOWN";
    }
}

int byl_skip_reason_keeps(byl_skip_reason r)
{
    return r >= BYL_SKIP_FIELD && r < BYL_SKIP_COUNT;
}

static const char *const fmt_names[] = {"auto", "jsonl", "trec", "reuters", "text"};

const char *byl_format_name(byl_format f)
{
    if ((unsigned)f < sizeof fmt_names / sizeof fmt_names[0])
        return fmt_names[f];
    return "unknown";
}

int byl_format_parse(const char *name)
{
    if (!name)
        return -1;
    for (size_t i = 0; i < sizeof fmt_names / sizeof fmt_names[0]; i++)
        if (strcasecmp(name, fmt_names[i]) == 0)
            return (int)i;
    if (strcasecmp(name, "json") == 0 || strcasecmp(name, "ndjson") == 0)
        return BYL_FMT_JSONL;
    if (strcasecmp(name, "sgml") == 0)
        return BYL_FMT_TREC;
    if (strcasecmp(name, "txt") == 0 || strcasecmp(name, "plain") == 0)
        return BYL_FMT_TEXT;
    return -1;
}

/* ------------------------------------------------------------ open/close */

static int ci_prefix(const char *p, const char *e, const char *lit)
{
    for (; *lit; lit++, p++) {
        if (p >= e)
            return 0;
        char c = *p;
        if (c >= 'A' && c <= 'Z')
            c = (char)(c | 0x20);
        if (c != *lit)
            return 0;
    }
    return 1;
}

/* Consumes the blank space at the start of the input, counting its lines
 * (no format minds).  Returns 1 when something else follows, 0 when the
 * input holds nothing else, BYL_ENOMEM. */
static int skip_blank(byl_reader *r)
{
    for (;;) {
        const char *p = r->buf + r->start, *e = r->buf + r->end;
        while (p < e && byl_rd_is_space((unsigned char)*p))
            p++;
        byl_rd_consume(r, (size_t)(p - r->buf));
        if (p < e)
            return 1;
        if (r->eof)
            return 0;
        int rc = byl_rd_fill(r);
        if (rc < 0)
            return rc;
    }
}

/* How far detection looks past a first line that names no format. */
#define DETECT_PREFIX ((size_t)64 << 10)

/* The SGML format whose record (or Reuters doctype) opens [p, e), or
 * BYL_FMT_AUTO. */
static byl_format sgml_at(const char *p, const char *e)
{
    if (ci_prefix(p, e, "<doc") && (p + 4 == e || p[4] == '>' || byl_rd_is_space((unsigned char)p[4])))
        return BYL_FMT_TREC;
    if ((ci_prefix(p, e, "<reuters") &&
         (p + 8 == e || p[8] == '>' || byl_rd_is_space((unsigned char)p[8]))) ||
        ci_prefix(p, e, "<!doctype lewis"))
        return BYL_FMT_REUTERS;
    return BYL_FMT_AUTO;
}

/* The format of [p, e) (p after the first line), judged by whole lines: the
 * first line that opens an SGML record decides; else JSON Lines if from
 * some line that opens an object ('{' '"') on, every non-blank line opens
 * one; else plain text.  The last line counts only if complete (nl). */
static byl_format detect_lines(const char *p, const char *e, int last_complete)
{
    int json = 0;
    while (p < e) {
        const char *nl = memchr(p, '\n', (size_t)(e - p));
        if (!nl && !last_complete)
            break;
        const char *le = nl ? nl : e;
        while (p < le && byl_rd_is_space((unsigned char)*p))
            p++;
        if (p < le) {
            byl_format f = sgml_at(p, le);
            if (f != BYL_FMT_AUTO)
                return f;
            if (*p != '{')
                json = 0;
            else if (!json && le - p >= 2 && p[1] == '"')
                json = 1;
        }
        p = nl ? nl + 1 : e;
    }
    return json ? BYL_FMT_JSONL : BYL_FMT_TEXT;
}

/* Whether the input is one JSON document rather than JSON Lines: '[' then
 * (after blanks) '{' or '['; or a line that is '{' alone followed by a line
 * that opens a key ('"').  Reads up to 256 bytes more to see it. */
static int json_document(byl_reader *r)
{
    while (r->end - r->start < 256 && !r->eof)
        if (byl_rd_fill(r) < 0)
            return 0;
    const char *p = r->buf + r->start, *e = r->buf + r->end;
    char open = *p++;
    int newline = 0;
    while (p < e && byl_rd_is_space((unsigned char)*p))
        newline |= *p++ == '\n';
    if (open == '[')
        return p < e && (*p == '{' || *p == '[');
    return newline && p < e && *p == '"';
}

/* Decides the format from the content (the input starts at its first
 * non-blank byte, see skip_blank).  The first bytes settle the common case;
 * a first line that names no format may be a stray line (a note, a blank
 * line of spaces, a comment) before the records, so up to DETECT_PREFIX
 * bytes are looked at line by line before calling the input plain text.
 * The parser then reports the stray text (outside <DOC>, or not JSON). */
static int detect(byl_reader *r)
{
    for (;;) {
        if (r->end - r->start >= 16 || r->eof)
            break;
        int rc = byl_rd_fill(r);
        if (rc < 0)
            return rc;
    }
    const char *p = r->buf + r->start, *e = r->buf + r->end;
    if (p == e) {
        r->fmt = BYL_FMT_TEXT;
        return BYL_OK;
    }
    if ((*p == '[' || *p == '{') && json_document(r)) {
        /* A JSON array of articles, or an object spread over lines, read
         * as JSON Lines fails on every line, and as text becomes one
         * article of JSON: one skipped record instead, whose warning gives
         * the command that converts it (byl_reader_next).  Not an open
         * error: a folder's stray JSON file must not stop its build. */
        r->fmt = BYL_FMT_JSONL;
        r->json_doc = *p;
        return BYL_OK;
    }
    if (*p == '{') {
        r->fmt = BYL_FMT_JSONL;
        return BYL_OK;
    }
    byl_format f = sgml_at(p, e);
    if (f != BYL_FMT_AUTO) {
        r->fmt = f;
        return BYL_OK;
    }
    while (r->end - r->start < DETECT_PREFIX && !r->eof) {
        int rc = byl_rd_fill(r);
        if (rc < 0)
            return rc;
    }
    p = r->buf + r->start;
    size_t n = r->end - r->start;
    int whole = r->eof && n <= DETECT_PREFIX;
    e = p + (n < DETECT_PREFIX ? n : DETECT_PREFIX);
    const char *nl = memchr(p, '\n', (size_t)(e - p));
    r->fmt = nl ? detect_lines(nl + 1, e, whole) : BYL_FMT_TEXT;
    return BYL_OK;
}

int byl_reader_open(const char *path, byl_format fmt, byl_warn_fn warn, void *warn_ctx,
                    byl_reader **out)
{
    if (out)
        *out = NULL;
    if (!path || !out || (unsigned)fmt > BYL_FMT_TEXT)
        return byl_error_set(BYL_EINVAL, "byl_reader_open: bad argument");
    int refused = byl_rd_walk_refusal(path);
    if (refused)
        return refused;
    int is_stdin = strcmp(path, "-") == 0;
    int fd = is_stdin ? dup(STDIN_FILENO) : open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return byl_error_set(BYL_EIO, "cannot open %s: %s", path, strerror(errno));
    struct stat st;
    if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
        close(fd);
        return byl_error_set(BYL_EIO, "%s is a directory (use byl_walk)", path);
    }
    byl_reader *r = byl_calloc(1, sizeof *r);
    if (r)
        r->date_hint = r->art_order = -1;
    if (!r) {
        close(fd);
        return byl_error_set(BYL_ENOMEM, "out of memory opening %s", path);
    }
    r->fd = fd;
    r->fmt = fmt;
    r->warn = warn;
    r->warn_ctx = warn_ctx;
    r->max_record = BYL_MAX_RECORD;
    byl_buf_init(&r->out);
    byl_buf_init(&r->tmp);
    byl_buf_init(&r->spans);
    r->file = byl_strdup(path);
    r->cap = 2 * BYL_RD_CHUNK;
    r->buf = byl_malloc(r->cap);
    if (!r->file || !r->buf) {
        byl_reader_close(r);
        return byl_error_set(BYL_ENOMEM, "out of memory opening %s", path);
    }
    int rc = byl_rd_input_open(r);
    /* Enough bytes to see a byte order mark (a pipe may give fewer). */
    while (rc >= 0 && r->end < 3 && !r->eof)
        rc = byl_rd_fill(r);
    if (rc >= 0 && r->end - r->start >= 3 && memcmp(r->buf, "\xEF\xBB\xBF", 3) == 0)
        r->start = r->scan = r->lpos = 3; /* a UTF-8 byte order mark is no content */
    if (rc >= 0 && r->end - r->start >= 2 &&
        (memcmp(r->buf, "\xFF\xFE", 2) == 0 || memcmp(r->buf, "\xFE\xFF", 2) == 0)) {
        /* Windows tools (PowerShell's >, Notepad's "Unicode") write UTF-16
         * with a byte order mark; read as UTF-8 it would be "binary data"
         * at its first NUL.  Say what it is and how to convert it. */
        int le = (unsigned char)r->buf[0] == 0xFF;
        byl_reader_close(r);
        return byl_error_set(BYL_EIO, /* a file that cannot be read, as a missing one */
                             "%s is UTF-16 text (byte order mark %s), not UTF-8: convert it "
                             "first, e.g. iconv -f UTF-16 -t UTF-8 FILE > FILE.utf8",
                             path, le ? "FF FE" : "FE FF");
    }
    if (rc >= 0)
        rc = skip_blank(r);
    if (rc == 0 && !r->in_err) {
        /* Nothing in it: no record (one warning, at the first next()),
         * whatever the format; a failed input is reported by its parser. */
        r->empty = 1;
        r->done = 1;
    }
    if (rc >= 0 && fmt == BYL_FMT_AUTO)
        rc = detect(r);
    if (rc < 0) {
        byl_reader_close(r);
        return rc;
    }
    *out = r;
    return BYL_OK;
}

int byl_reader_set_max_record(byl_reader *r, size_t bytes)
{
    if (!r || bytes == 0)
        return byl_error_set(BYL_EINVAL, "byl_reader_set_max_record: bad argument");
    r->max_record = bytes;
    return BYL_OK;
}

int byl_reader_next(byl_reader *r, byl_article *a)
{
    if (!r || !a)
        return byl_error_set(BYL_EINVAL, "byl_reader_next: bad argument");
    if (r->json) {
        json_decref(r->json);
        r->json = NULL;
    }
    int rc;
    if (r->json_doc && !r->done) {
        byl_rd_skip(r, BYL_SKIP_JSON, 1, 0,
                    "%s, not JSON Lines (one article per line): convert it first, e.g. "
                    "jq -c '%s' FILE > FILE.jsonl",
                    r->json_doc == '[' ? "a JSON array" : "pretty-printed JSON",
                    r->json_doc == '[' ? ".[]" : ".");
        r->done = 1;
    }
    if (r->done)
        rc = 0;
    else if (r->fmt == BYL_FMT_JSONL)
        rc = byl_rd_jsonl_next(r, a);
    else if (r->fmt == BYL_FMT_TREC || r->fmt == BYL_FMT_REUTERS)
        rc = byl_rd_sgml_next(r, a);
    else
        rc = byl_rd_text_next(r, a);
    if (rc == 0)
        byl_rd_end_of_input(r);
    return rc;
}

uint64_t byl_reader_records(const byl_reader *r) { return r ? r->records : 0; }

const uint64_t *byl_reader_skipped(const byl_reader *r) { return r ? r->skipped : NULL; }

const uint64_t *byl_reader_warned(const byl_reader *r) { return r ? r->warned : NULL; }

byl_format byl_reader_format(const byl_reader *r) { return r ? r->fmt : BYL_FMT_AUTO; }

void byl_reader_close(byl_reader *r)
{
    if (!r)
        return;
    if (r->fd >= 0)
        close(r->fd);
    if (r->z_init)
        inflateEnd(&r->z);
    byl_free(r->in);
    if (r->json)
        json_decref(r->json);
    byl_buf_reset(&r->out);
    byl_buf_reset(&r->tmp);
    byl_buf_reset(&r->spans);
    byl_free(r->buf);
    byl_free(r->file);
    byl_free(r->id_name);
    byl_free(r->hl);
    byl_free(r);
}

int byl_reader_set_date_order(byl_reader *r, int order)
{
    if (!r || (order != BYL_DATE_MDY && order != BYL_DATE_DMY && order != BYL_DATE_AUTO))
        return byl_error_set(BYL_EINVAL, "byl_reader_set_date_order: bad argument");
    r->date_order = order;
    return BYL_OK;
}

_Static_assert((int)BYL_DATE_MDY == (int)BYL_VOTE_MDY && (int)BYL_DATE_DMY == (int)BYL_VOTE_DMY,
               "doc/dateorder.h votes by the reader's orders");

int byl_reader_set_date_hint(byl_reader *r, int order)
{
    if (!r || (order != BYL_DATE_MDY && order != BYL_DATE_DMY && order != -1))
        return byl_error_set(BYL_EINVAL, "byl_reader_set_date_hint: bad argument");
    r->date_hint = order;
    return BYL_OK;
}

int byl_reader_set_date_near(byl_reader *r, uint32_t yyyymmdd)
{
    if (!r)
        return byl_error_set(BYL_EINVAL, "byl_reader_set_date_near: bad argument");
    r->date_near = yyyymmdd;
    return BYL_OK;
}

int byl_reader_set_id_name(byl_reader *r, const char *name)
{
    if (!r || !name)
        return byl_error_set(BYL_EINVAL, "byl_reader_set_id_name: bad argument");
    char *c = byl_strdup(name);
    if (!c)
        return byl_error_set(BYL_ENOMEM, "out of memory");
    byl_free(r->id_name);
    r->id_name = c;
    return BYL_OK;
}
