/*
 * reader.c - the article reader's front: opening an input through zlib,
 * detecting its format, the sliding input window, warnings and counts,
 * article assembly, and byl_walk.  The formats themselves live in jsonl.c,
 * sgml.c and text.c behind _reader.h.
 *
 * Every input, "-" included, is one file descriptor.  If it starts with the
 * gzip magic it is inflated member after member (concatenated gzip is one
 * stream, RFC 1952); otherwise its bytes pass through as they are.  One code
 * path serves plain and compressed files, and stdin shares it.  zlib's
 * gzread() is not used: it drops what it decoded in the call that meets a
 * bad trailer, and ignores bytes after the last member without a word.
 * Here instead:
 *   - a trailer (CRC-32, length) that does not match the data is one
 *     warning per file (BYL_SKIP_TRAILER) that skips nothing, since every
 *     byte before it already went to the parsers;
 *   - bytes after the last member that do not start another are not read,
 *     and are one skip (BYL_SKIP_GZIP) with their offset in the file and
 *     their count.  Not read as plain text, because in practice they are
 *     padding or garbage (gzip(1) ignores them too, with a warning) and,
 *     read, they could join the last record or spoil a plain-text article;
 *     appended lines stay recoverable from the offset the warning gives.
 *   - damage deflate finds, or an end inside a member, ends the input:
 *     the records before it are kept, the one it cuts is the one skip.
 * As bytes arrive, every lone CR (old Mac line ends) becomes LF, so the
 * parsers only meet LF and CRLF; offsets do not move.
 *
 * Whatever the format, an input of nothing but blank space (or nothing at
 * all) holds no record: one BYL_SKIP_EMPTY warning, no record counted.
 *
 * Not for: parsing any format (see the per-format files), nor for knowing
 * what an article is used for.
 */
#include "doc/reader.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "doc/_reader.h"
#include "util/crc.h"
#include "util/err.h"

/* Why the walk hands a path that is not a file to its callback, for the
 * duration of that call only: byl_reader_open() on that very path fails
 * with this reason, so a caller that opens what it is given reports and
 * counts it like any file it cannot read (see byl_walk below). */
static _Thread_local const char *walk_path;
static _Thread_local char walk_why[1024];
static _Thread_local int walk_rc; /* BYL_EIO, or BYL_ELIMIT: left out on purpose */

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

/* ------------------------------------------------------------------ input */

/* zlib allocates through byl_malloc, as the rest of the library does. */
static voidpf z_alloc(voidpf opaque, uInt items, uInt size)
{
    (void)opaque;
    return byl_calloc(items, size);
}

static void z_free(voidpf opaque, voidpf p)
{
    (void)opaque;
    byl_free(p);
}

/* Marks the input failed (the first failure wins); the parsers report it
 * once, at the record it cuts. */
static void in_fail(byl_reader *r, byl_skip_reason why, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void in_fail(byl_reader *r, byl_skip_reason why, const char *fmt, ...)
{
    if (r->in_err)
        return;
    r->in_err = 1 + why;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(r->err_msg, sizeof r->err_msg, fmt, ap);
    va_end(ap);
}

/* One read() of up to want bytes into dst, again after a signal.  0 at the
 * end of the input or on a read error (reported), which both end it. */
static size_t read_some(byl_reader *r, void *dst, size_t want)
{
    for (;;) {
        ssize_t n = read(r->fd, dst, want);
        if (n > 0) {
            r->in_read += (uint64_t)n;
            return (size_t)n;
        }
        if (n < 0 && errno == EINTR)
            continue;
        r->in_eof = 1;
        if (n < 0)
            in_fail(r, BYL_SKIP_IO, "read error: %s", strerror(errno));
        return 0;
    }
}

/* Reads more of the file into r->in, after the bytes not yet used and the
 * 8 used just before them (a gzip trailer is checked there).  Returns 1 if
 * bytes came, 0 at the end of the file or on a read error (r->in_eof set,
 * and r->in_err on an error). */
static int raw_more(byl_reader *r)
{
    if (r->in_eof)
        return 0;
    size_t used = (size_t)(r->z.next_in - r->in);
    size_t hist = used < 8 ? used : 8;
    memmove(r->in, r->in + used - hist, hist + r->z.avail_in);
    r->z.next_in = r->in + hist;
    size_t have = hist + r->z.avail_in;
    size_t n = read_some(r, r->in + have, r->in_cap - have);
    r->z.avail_in += (uInt)n;
    return n > 0;
}

/* Up to want bytes of a plain input: first those read while detecting,
 * then straight from the file.  0 at the end. */
static long plain_read(byl_reader *r, char *dst, size_t want)
{
    if (r->z.avail_in) {
        size_t n = r->z.avail_in < want ? r->z.avail_in : want;
        memcpy(dst, r->z.next_in, n);
        r->z.next_in += n;
        r->z.avail_in -= (uInt)n;
        return (long)n;
    }
    if (r->in_eof)
        return 0;
    return (long)read_some(r, dst, want);
}

static uint32_t get_le32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* At the end of a gzip member: its trailer against what was inflated.  A
 * mismatch loses no byte (all of them went to the parsers already), so it
 * is a warning, not a skip: the data or the trailer is damaged, and only
 * the user can tell which. */
static void trailer_check(byl_reader *r)
{
    if (r->z.next_in - r->in < 8)
        return; /* cannot happen: raw_more keeps the 8 bytes used last */
    const unsigned char *t = r->z.next_in - 8;
    uint32_t crc = get_le32(t), len = get_le32(t + 4);
    uint64_t at = r->in_read - r->z.avail_in - 8;
    if (crc == r->crc && len == (uint32_t)r->member_len)
        return;
    if (r->bad_trailers++)
        return; /* one warning per file tells the first, and how many */
    r->trailer_at = at;
    if (crc != r->crc)
        snprintf(r->trailer_msg, sizeof r->trailer_msg,
                 "the CRC-32 in the trailer of the gzip member at byte %llu (0x%08x) does not "
                 "match its %llu bytes of data (0x%08x): the data or the trailer is damaged",
                 (unsigned long long)r->member_off, crc, (unsigned long long)r->member_len,
                 r->crc);
    else
        snprintf(r->trailer_msg, sizeof r->trailer_msg,
                 "the length in the trailer of the gzip member at byte %llu (%u) does not "
                 "match its %llu bytes of data",
                 (unsigned long long)r->member_off, len, (unsigned long long)r->member_len);
}

/* Bytes after a gzip member that do not start another: counted to the end
 * of the file, not read, reported once as a skip (see the file comment). */
static void gz_tail(byl_reader *r)
{
    r->tail = 1;
    r->tail_at = r->in_read - r->z.avail_in;
    r->tail_zeros = 1;
    do {
        for (uInt i = 0; i < r->z.avail_in && r->tail_zeros; i++)
            r->tail_zeros = r->z.next_in[i] == 0;
        r->tail_len += r->z.avail_in;
        r->z.next_in += r->z.avail_in;
        r->z.avail_in = 0;
    } while (raw_more(r));
}

/* The warnings about the input as a whole, once, when the parser is done
 * with it: sent earlier, they would come before those of records read
 * from the same window. */
static void end_of_input(byl_reader *r)
{
    if (r->ended)
        return;
    r->ended = 1;
    if (r->empty)
        byl_rd_warn(r, BYL_SKIP_EMPTY, 0, 0, "%s",
                    r->base + r->end == 0 ? "no bytes at all" : "nothing but blank space");
    if (r->bad_trailers == 1)
        byl_rd_warn(r, BYL_SKIP_TRAILER, 0, r->trailer_at, "%s; every record was read",
                    r->trailer_msg);
    else if (r->bad_trailers > 1)
        byl_rd_warn(r, BYL_SKIP_TRAILER, 0, r->trailer_at,
                    "%s (the first of %u gzip members with a bad trailer); every record was read",
                    r->trailer_msg, r->bad_trailers);
    if (r->tail)
        byl_rd_skip(r, BYL_SKIP_GZIP, 0, r->tail_at,
                    "%llu %sbytes after the end of the gzip data, from byte %llu of the file, "
                    "are not gzip: not read%s",
                    (unsigned long long)r->tail_len, r->tail_zeros ? "zero " : "",
                    (unsigned long long)r->tail_at,
                    r->in_err == 1 + BYL_SKIP_IO ? " (reading them failed)" : "");
}

/* Up to want bytes of a gzip input into dst (a place in r->buf), member
 * after member.  Returns the count, 0 only at the end (or on a failure,
 * r->in_err set: the bytes before it are returned first), BYL_ENOMEM. */
static long gz_read(byl_reader *r, char *dst, size_t want)
{
    size_t got = 0;
    while (got == 0) {
        if (r->zmode == BYL_IN_BETWEEN) {
            while (r->z.avail_in < 2 && raw_more(r))
                ;
            if (r->z.avail_in == 0 || r->in_err)
                return 0;
            if (r->z.avail_in < 2 || r->z.next_in[0] != 0x1f || r->z.next_in[1] != 0x8b) {
                gz_tail(r);
                return 0;
            }
            /* Another member: concatenated gzip is one stream (RFC 1952). */
            inflateReset(&r->z);
            r->member_off = r->in_read - r->z.avail_in;
            r->crc = 0;
            r->member_len = 0;
            r->zmode = BYL_IN_MEMBER;
        }
        uint64_t data_at = r->base + (uint64_t)(dst - r->buf);
        if (r->z.avail_in == 0 && !raw_more(r)) {
            if (!r->in_err)
                in_fail(r, BYL_SKIP_GZIP,
                        "gzip stream truncated after %llu bytes (zlib: unexpected end of file)",
                        (unsigned long long)data_at);
            return 0;
        }
        r->z.next_out = (Bytef *)dst;
        r->z.avail_out = (uInt)want;
        int zr = inflate(&r->z, Z_NO_FLUSH);
        got = want - r->z.avail_out;
        r->crc = byl_crc32(r->crc, dst, got);
        r->member_len += got;
        if (zr == Z_STREAM_END) {
            trailer_check(r);
            r->zmode = BYL_IN_BETWEEN;
        } else if (zr == Z_MEM_ERROR) {
            return byl_error_set(BYL_ENOMEM, "%s: zlib out of memory", r->file);
        } else if (zr != Z_OK && zr != Z_BUF_ERROR) {
            in_fail(r, BYL_SKIP_GZIP,
                    "gzip stream corrupt after %llu bytes, at byte %llu of the file (zlib: %s)",
                    (unsigned long long)(data_at + got),
                    (unsigned long long)(r->in_read - r->z.avail_in),
                    r->z.msg ? r->z.msg : "bad data");
            return (long)got;
        }
    }
    return (long)got;
}

/* Opens the input side: reads the first bytes and, if they are the gzip
 * magic, starts inflating.  Returns BYL_OK or BYL_ENOMEM. */
static int input_open(byl_reader *r)
{
    r->in_cap = BYL_RD_CHUNK / 2;
    r->in = byl_malloc(r->in_cap);
    if (!r->in)
        return byl_error_set(BYL_ENOMEM, "out of memory opening %s", r->file);
    r->z.next_in = r->in;
    r->z.avail_in = 0;
    while (r->z.avail_in < 2 && raw_more(r))
        ;
    if (r->z.avail_in < 2 || r->in[0] != 0x1f || r->in[1] != 0x8b) {
        r->zmode = BYL_IN_PLAIN;
        return BYL_OK;
    }
    r->z.zalloc = z_alloc;
    r->z.zfree = z_free;
    r->z.opaque = Z_NULL;
    int zr = inflateInit2(&r->z, 16 + MAX_WBITS);
    if (zr != Z_OK)
        return byl_error_set(zr == Z_MEM_ERROR ? BYL_ENOMEM : BYL_EIO, "%s: zlib cannot start: %s",
                             r->file, zError(zr));
    r->z_init = 1;
    /* zlib would end the stream at a bad trailer and keep the data it
     * decoded in that call to itself: check the trailer here instead. */
    inflateValidate(&r->z, 0);
    r->zmode = BYL_IN_MEMBER;
    r->member_off = 0;
    r->crc = 0;
    return BYL_OK;
}

int byl_rd_fill(byl_reader *r)
{
    if (r->eof)
        return 0;
    /* Keep at least half a chunk of room: slide the pending bytes to the
     * front, and grow only when the pending record itself fills the window
     * (the parsers never let it pass max_record before asking for more). */
    if (r->cap - r->end < BYL_RD_CHUNK / 2) {
        if (r->start > 0) {
            size_t sh = r->start;
            if (r->lpos < sh)
                byl_rd_line_at(r, sh);
            memmove(r->buf, r->buf + sh, r->end - sh);
            r->base += sh;
            r->end -= sh;
            r->start = 0;
            r->scan = r->scan > sh ? r->scan - sh : 0;
            r->mark = r->mark > sh ? r->mark - sh : 0;
            r->lpos -= sh;
        }
        if (r->cap - r->end < BYL_RD_CHUNK / 2) {
            char *nb = byl_realloc(r->buf, r->cap * 2);
            if (!nb)
                return byl_error_set(BYL_ENOMEM, "%s: out of memory for a %zu-byte record",
                                     r->file, r->end);
            r->buf = nb;
            r->cap *= 2;
        }
    }
    size_t old_end = r->end;
    for (;;) {
        /* A CR held back from the last read sits at buf[end], decided below. */
        size_t at = r->end + (size_t)r->cr_held;
        size_t want = r->cap - at;
        if (want > (1u << 30))
            want = 1u << 30;
        long n = r->zmode == BYL_IN_PLAIN ? plain_read(r, r->buf + at, want)
                                          : gz_read(r, r->buf + at, want);
        if (n < 0) {
            r->eof = 1;
            return (int)n;
        }
        if (n == 0 || r->in_err)
            r->eof = 1;
        /* Line ends: a CR followed by LF stays (the parsers read CRLF); a
         * CR alone becomes LF.  A CR that ends the read waits for the next
         * byte, so that no parser ever sees a CR whose meaning is unknown. */
        if (r->cr_held) {
            r->buf[r->end] = n > 0 && r->buf[at] == '\n' ? '\r' : '\n';
            r->end++;
            r->cr_held = 0;
        }
        char *p = r->buf + at, *e = p + n;
        while (p < e && (p = memchr(p, '\r', (size_t)(e - p))) != NULL) {
            if (p + 1 < e) {
                if (p[1] == '\n')
                    p++;
                else
                    *p = '\n';
                p++;
            } else if (r->eof) {
                *p++ = '\n';
            } else {
                r->cr_held = 1;
                e--;
            }
        }
        r->end = (size_t)(e - r->buf);
        if (r->end > old_end)
            return 1;
        if (r->eof)
            return 0;
    }
}

uint64_t byl_rd_line_at(byl_reader *r, size_t pos)
{
    const char *p = r->buf + r->lpos, *e = r->buf + pos;
    while (p < e && (p = memchr(p, '\n', (size_t)(e - p))) != NULL) {
        r->lineno++;
        p++;
    }
    r->lpos = pos;
    return r->lineno + 1;
}

void byl_rd_consume(byl_reader *r, size_t pos)
{
    byl_rd_line_at(r, pos);
    r->start = pos;
    if (r->scan < pos)
        r->scan = pos;
}

/* Formats a warning's detail and hands it to the callback. */
static void report(byl_reader *r, byl_skip_reason why, uint64_t line, uint64_t off,
                   const char *fmt, va_list ap)
{
    char detail[512];
    vsnprintf(detail, sizeof detail, fmt, ap);
    if (r->warn)
        r->warn(r->warn_ctx, r->file, line, off, why, detail);
}

void byl_rd_skip(byl_reader *r, byl_skip_reason why, uint64_t line, uint64_t off,
                 const char *fmt, ...)
{
    r->records++;
    r->skipped[why]++;
    va_list ap;
    va_start(ap, fmt);
    report(r, why, line, off, fmt, ap);
    va_end(ap);
}

void byl_rd_warn(byl_reader *r, byl_skip_reason why, uint64_t line, uint64_t off,
                 const char *fmt, ...)
{
    r->warned[why]++;
    va_list ap;
    va_start(ap, fmt);
    report(r, why, line, off, fmt, ap);
    va_end(ap);
}

void byl_rd_cut(byl_reader *r, uint64_t line, uint64_t off)
{
    if (!r->in_err || r->err_reported)
        return;
    r->err_reported = 1;
    byl_rd_skip(r, (byl_skip_reason)(r->in_err - 1), line, off,
                "input ends inside this record: %s", r->err_msg);
}

int byl_rd_finish(byl_reader *r, uint64_t line, uint64_t off)
{
    if (r->in_err && !r->err_reported) {
        r->err_reported = 1;
        byl_rd_skip(r, (byl_skip_reason)(r->in_err - 1), line, off, "%s", r->err_msg);
    }
    r->done = 1;
    return 0;
}

/* ------------------------------------------------------- article assembly */

static int is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

void byl_rd_begin(byl_reader *r)
{
    r->out.len = 0;
    memset(r->f, 0, sizeof r->f);
}

void byl_rd_field_open(byl_reader *r, int field)
{
    r->f[field].ptr = NULL;
    r->f[field].off = r->out.len;
    r->f[field].len = 0;
    r->f[field].set = 1;
}

void byl_rd_field_close(byl_reader *r, int field)
{
    byl_rd_field *f = &r->f[field];
    if (r->out.failed)
        return;
    while (r->out.len > f->off && is_space(r->out.data[r->out.len - 1]))
        r->out.len--;
    while (f->off < r->out.len && is_space(r->out.data[f->off]))
        f->off++;
    f->len = r->out.len - f->off;
    byl_buf_put_u8(&r->out, 0);
}

void byl_rd_put(byl_reader *r, int field, const char *s, size_t n)
{
    byl_rd_field_open(r, field);
    byl_buf_put(&r->out, s, n);
    byl_rd_field_close(r, field);
}

static const char *field_ptr(const byl_reader *r, int i, size_t *len)
{
    const byl_rd_field *f = &r->f[i];
    *len = f->len;
    if (f->ptr)
        return f->ptr;
    if (f->set && f->len)
        return (const char *)r->out.data + f->off;
    *len = 0;
    return "";
}

int byl_rd_emit(byl_reader *r, byl_article *a, int64_t date, uint64_t line, uint64_t off)
{
    if (r->f[BYL_F_TITLE].len == 0 && r->f[BYL_F_BODY].len == 0) {
        byl_rd_skip(r, BYL_SKIP_NOTEXT, line, off, "record has neither a title nor a body");
        return 0;
    }
    if (r->f[BYL_F_ID].len == 0) {
        if (r->f[BYL_F_URL].len) {
            r->f[BYL_F_ID] = r->f[BYL_F_URL];
        } else {
            char id[64];
            byl_rd_field_open(r, BYL_F_ID);
            const char *name = r->id_name ? r->id_name : r->file;
            byl_buf_put(&r->out, name, strlen(name));
            int n = snprintf(id, sizeof id, ":%llu", (unsigned long long)line);
            byl_buf_put(&r->out, id, (size_t)n);
            byl_rd_field_close(r, BYL_F_ID);
        }
    }
    if (r->out.failed) {
        r->out.failed = 0;
        r->done = 1;
        return byl_error_set(BYL_ENOMEM, "%s:%llu: out of memory", r->file,
                             (unsigned long long)line);
    }
    a->id = field_ptr(r, BYL_F_ID, &a->id_len);
    a->title = field_ptr(r, BYL_F_TITLE, &a->title_len);
    a->body = field_ptr(r, BYL_F_BODY, &a->body_len);
    a->author = field_ptr(r, BYL_F_AUTHOR, &a->author_len);
    a->source = field_ptr(r, BYL_F_SOURCE, &a->source_len);
    a->url = field_ptr(r, BYL_F_URL, &a->url_len);
    a->tags = field_ptr(r, BYL_F_TAGS, &a->tags_len);
    a->date = date;
    a->file = r->file;
    a->line = line;
    r->records++;
    return 1;
}

/* ---------------------------------------------------------- byte checks */

void byl_rd_quote(char *out, size_t cap, const char *s, size_t n)
{
    size_t o = 0, show = n > 60 ? 60 : n;
    while (show < n && show > 0 && ((unsigned char)s[show] & 0xC0) == 0x80)
        show--; /* not in the middle of a character */
    if (cap < 8) {
        if (cap)
            out[0] = '\0';
        return;
    }
    out[o++] = '"';
    for (size_t i = 0; i < show && o + 5 < cap; i++) {
        unsigned char c = (unsigned char)s[i];
        out[o++] = c < 0x20 || c == 0x7F ? '?' : (char)c;
    }
    if (show < n && o + 5 < cap) {
        memcpy(out + o, "...", 3);
        o += 3;
    }
    out[o++] = '"';
    out[o] = '\0';
}

size_t byl_rd_utf8_bad(const char *str, size_t n)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0;
    while (i < n) {
        /* ASCII runs are the common case: test eight bytes at a time. */
        while (i + 8 <= n) {
            uint64_t w;
            memcpy(&w, s + i, 8);
            if (w & 0x8080808080808080ull)
                break;
            i += 8;
        }
        if (i >= n)
            break;
        unsigned c = s[i];
        if (c < 0x80) {
            i++;
            continue;
        }
        size_t need;
        unsigned min;
        if (c >= 0xC2 && c <= 0xDF) {
            need = 1;
            min = 0x80;
        } else if (c >= 0xE0 && c <= 0xEF) {
            need = 2;
            min = 0x800;
        } else if (c >= 0xF0 && c <= 0xF4) {
            need = 3;
            min = 0x10000;
        } else {
            return i;
        }
        if (i + need >= n) /* cut short by the end */
            return i;
        unsigned cp = c & (0x3F >> need);
        for (size_t k = 1; k <= need; k++) {
            if ((s[i + k] & 0xC0) != 0x80)
                return i;
            cp = cp << 6 | (s[i + k] & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return i;
        i += need + 1;
    }
    return n;
}

int byl_rd_binary(const char *str, size_t n)
{
    const unsigned char *s = (const unsigned char *)str;
    if (memchr(s, 0, n))
        return 1;
    size_t ctrl = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned c = s[i];
        if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v' &&
             c != 0x1b) ||
            c == 0x7f)
            ctrl++;
    }
    return ctrl * 4 > n;
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
        while (p < e && is_space((unsigned char)*p))
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
    if (ci_prefix(p, e, "<doc") && (p + 4 == e || p[4] == '>' || is_space((unsigned char)p[4])))
        return BYL_FMT_TREC;
    if ((ci_prefix(p, e, "<reuters") &&
         (p + 8 == e || p[8] == '>' || is_space((unsigned char)p[8]))) ||
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
        while (p < le && is_space((unsigned char)*p))
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
    if (walk_path && strcmp(path, walk_path) == 0)
        return byl_error_set(walk_rc, "%s", walk_why);
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
    int rc = input_open(r);
    /* Enough bytes to see a byte order mark (a pipe may give fewer). */
    while (rc >= 0 && r->end < 3 && !r->eof)
        rc = byl_rd_fill(r);
    if (rc >= 0 && r->end - r->start >= 3 && memcmp(r->buf, "\xEF\xBB\xBF", 3) == 0)
        r->start = r->scan = r->lpos = 3; /* a UTF-8 byte order mark is no content */
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
    if (r->done)
        rc = 0;
    else if (r->fmt == BYL_FMT_JSONL)
        rc = byl_rd_jsonl_next(r, a);
    else if (r->fmt == BYL_FMT_TREC || r->fmt == BYL_FMT_REUTERS)
        rc = byl_rd_sgml_next(r, a);
    else
        rc = byl_rd_text_next(r, a);
    if (rc == 0)
        end_of_input(r);
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
    byl_free(r);
}

int byl_reader_set_date_order(byl_reader *r, int order)
{
    if (!r || (order != BYL_DATE_MDY && order != BYL_DATE_DMY))
        return byl_error_set(BYL_EINVAL, "byl_reader_set_date_order: bad argument");
    r->date_order = order;
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

/* ---------------------------------------------------------------- id names */

char *byl_input_id_name(const char *root, const char *file)
{
    if (!root || !file)
    {
        byl_error_set(BYL_EINVAL, "byl_input_id_name: bad argument");
        return NULL;
    }
    if (strcmp(file, "-") == 0)
        return byl_strdup("-");
    struct stat st;
    int dir = stat(root, &st) == 0 && S_ISDIR(st.st_mode);
    char *real = realpath(root, NULL);
    if (!real) {
        byl_error_set(BYL_EIO, "cannot resolve %s: %s", root, strerror(errno));
        return NULL;
    }
    /* The folder whose base name leads the id: root itself, or a file's own. */
    size_t rl = strlen(real);
    if (!dir) {
        while (rl > 1 && real[rl - 1] != '/')
            rl--;
        if (rl > 1)
            rl--; /* the slash */
    }
    size_t b = rl;
    while (b > 0 && real[b - 1] != '/')
        b--;
    const char *base = real + b;
    size_t bl = rl - b;
    /* What follows root in file (the walk builds paths as root + "/" + ...). */
    const char *rest;
    if (dir) {
        size_t n = strlen(root);
        rest = strncmp(file, root, n) == 0 ? file + n : file;
    } else {
        rest = strrchr(file, '/');
        rest = rest ? rest + 1 : file;
    }
    while (*rest == '/')
        rest++;
    size_t need = bl + 1 + strlen(rest) + 1;
    char *out = byl_malloc(need);
    if (!out) {
        free(real);
        byl_error_set(BYL_ENOMEM, "out of memory");
        return NULL;
    }
    size_t o = 0;
    if (bl) {
        memcpy(out, base, bl);
        o = bl;
        out[o++] = '/';
    }
    /* "a//b", "a/./b" as typed do not change the id */
    for (const char *p = rest; *p;) {
        if (*p == '/') {
            p++;
            continue;
        }
        if (p[0] == '.' && (p[1] == '/' || p[1] == '\0')) {
            p++;
            continue;
        }
        const char *q = strchr(p, '/');
        size_t l = q ? (size_t)(q - p) : strlen(p);
        memcpy(out + o, p, l);
        o += l;
        p += l;
        if (*p)
            out[o++] = '/';
    }
    while (o && out[o - 1] == '/')
        o--;
    out[o] = '\0';
    free(real);
    return out;
}

/* ------------------------------------------------------------------- walk */

/* A directory by identity, whatever the path that reached it. */
typedef struct {
    dev_t dev;
    ino_t ino;
    int used;
} dir_key;

/* Directories nested deeper than this are reported, not read (a real tree
 * that deep is unheard of in news dumps; links cannot make one: no
 * directory is entered twice). */
#define WALK_MAX_DEPTH 64

typedef struct {
    int (*fn)(const char *, void *);
    void *ctx;
    dir_key *seen;                       /* owned; every directory entered (open addressing) */
    size_t nseen, cap;                   /* cap: a power of two, or 0 */
    dir_key up[WALK_MAX_DEPTH];          /* the directories from the root down to here */
    const char *up_path[WALK_MAX_DEPTH]; /* borrowed: their paths (in the callers' frames) */
} walker;

static size_t dir_hash(dev_t dev, ino_t ino)
{
    uint64_t h = (uint64_t)ino * 0x9E3779B97F4A7C15ull ^ (uint64_t)dev * 0xC2B2AE3D27D4EB4Full;
    return (size_t)(h ^ h >> 29);
}

/* Adds (dev, ino) to the set.  Returns 1 if it was new, 0 if it was there
 * already, BYL_ENOMEM. */
static int seen_add(walker *w, dev_t dev, ino_t ino)
{
    if (2 * (w->nseen + 1) > w->cap) {
        size_t nc = w->cap ? w->cap * 2 : 64;
        dir_key *ns = byl_calloc(nc, sizeof *ns);
        if (!ns)
            return byl_error_set(BYL_ENOMEM, "out of memory walking directories");
        for (size_t i = 0; i < w->cap; i++) {
            if (!w->seen[i].used)
                continue;
            size_t k = dir_hash(w->seen[i].dev, w->seen[i].ino) & (nc - 1);
            while (ns[k].used)
                k = (k + 1) & (nc - 1);
            ns[k] = w->seen[i];
        }
        byl_free(w->seen);
        w->seen = ns;
        w->cap = nc;
    }
    size_t k = dir_hash(dev, ino) & (w->cap - 1);
    for (; w->seen[k].used; k = (k + 1) & (w->cap - 1))
        if (w->seen[k].dev == dev && w->seen[k].ino == ino)
            return 0;
    w->seen[k] = (dir_key){dev, ino, 1};
    w->nseen++;
    return 1;
}

/* Hands path, which the walk cannot read as it should, to the callback
 * with the reason (formatted), once. */
static int walk_report(walker *w, const char *path, int code, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static int walk_report(walker *w, const char *path, int code, const char *fmt, ...)
{
    walk_rc = code;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(walk_why, sizeof walk_why, fmt, ap);
    va_end(ap);
    walk_path = path;
    int rc = w->fn(path, w->ctx);
    walk_path = NULL;
    return rc;
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Reads the directory dir (already in the seen set, and up[depth]) and
 * walks what it holds.  Returns 0, fn's non-zero value, or BYL_ENOMEM. */
static int walk_dir(walker *w, const char *dir, int depth)
{
    DIR *d = opendir(dir);
    if (!d)
        return walk_report(w, dir, BYL_EIO, "cannot read directory %s: %s", dir, strerror(errno));
    char **names = NULL;
    size_t n = 0, cap = 0;
    int rc = BYL_OK;
    int list_err = 0;
    for (;;) {
        errno = 0;
        struct dirent *de = readdir(d);
        if (!de) {
            list_err = errno; /* 0 at the end of the list */
            break;
        }
        if (de->d_name[0] == '.')
            continue; /* hidden files, "." and ".." */
        if (n == cap) {
            size_t nc = cap ? cap * 2 : 32;
            char **nn = byl_realloc(names, nc * sizeof *nn);
            if (!nn) {
                rc = byl_error_set(BYL_ENOMEM, "out of memory listing %s", dir);
                break;
            }
            names = nn;
            cap = nc;
        }
        if (!(names[n] = byl_strdup(de->d_name))) {
            rc = byl_error_set(BYL_ENOMEM, "out of memory listing %s", dir);
            break;
        }
        n++;
    }
    closedir(d);
    if (rc == BYL_OK && n > 1)
        qsort(names, n, sizeof *names, cmp_names);
    size_t dl = strlen(dir);
    int slash = dl > 0 && dir[dl - 1] == '/';
    for (size_t i = 0; i < n && rc == BYL_OK; i++) {
        size_t nl = strlen(names[i]);
        char *path = byl_malloc(dl + nl + 2);
        if (!path) {
            rc = byl_error_set(BYL_ENOMEM, "out of memory walking %s", dir);
            break;
        }
        memcpy(path, dir, dl);
        if (!slash)
            path[dl] = '/';
        memcpy(path + dl + !slash, names[i], nl + 1);
        struct stat st;
        if (stat(path, &st) != 0) {
            /* A link that leads nowhere (an archive not mounted?), or a
             * name we may not look at: whatever it holds is not read, so
             * say so. */
            int e = errno;
            struct stat lst;
            if (e == ENOENT && lstat(path, &lst) == 0 && S_ISLNK(lst.st_mode))
                rc = walk_report(w, path, BYL_EIO, "%s is a symbolic link to nothing", path);
            else
                rc = walk_report(w, path, BYL_EIO, "cannot read %s: %s", path, strerror(e));
        } else if (S_ISDIR(st.st_mode)) {
            int k, fresh;
            for (k = 0; k <= depth; k++)
                if (w->up[k].dev == st.st_dev && w->up[k].ino == st.st_ino)
                    break;
            if (k <= depth)
                rc = walk_report(w, path, BYL_ELIMIT,
                                 "%s leads back to %s, which is being read (a link loop: "
                                 "not read twice)",
                                 path, w->up_path[k]);
            else if ((fresh = seen_add(w, st.st_dev, st.st_ino)) < 0)
                rc = fresh;
            else if (!fresh)
                rc = walk_report(w, path, BYL_ELIMIT,
                                 "%s is a directory already read through another path "
                                 "(not read twice)",
                                 path);
            else if (depth + 1 >= WALK_MAX_DEPTH)
                rc = walk_report(w, path, BYL_EIO, "%s is nested deeper than %d directories (not read)",
                                 path, WALK_MAX_DEPTH);
            else {
                w->up[depth + 1] = (dir_key){st.st_dev, st.st_ino, 1};
                w->up_path[depth + 1] = path;
                rc = walk_dir(w, path, depth + 1);
            }
        } else if (S_ISREG(st.st_mode)) {
            rc = w->fn(path, w->ctx);
        }
        byl_free(path);
    }
    for (size_t i = 0; i < n; i++)
        byl_free(names[i]);
    byl_free(names);
    if (rc == BYL_OK && list_err)
        rc = walk_report(w, dir, BYL_EIO, "error listing directory %s: %s (some files may be missing)",
                         dir, strerror(list_err));
    return rc;
}

int byl_walk(const char *path, int (*fn)(const char *file, void *ctx), void *ctx)
{
    if (!path || !fn)
        return byl_error_set(BYL_EINVAL, "byl_walk: bad argument");
    if (strcmp(path, "-") == 0)
        return fn(path, ctx);
    struct stat st;
    if (stat(path, &st) != 0)
        return byl_error_set(BYL_EIO, "cannot read %s: %s", path, strerror(errno));
    if (!S_ISDIR(st.st_mode))
        return fn(path, ctx);
    DIR *d = opendir(path); /* the root itself: an error, as for a missing path */
    if (!d)
        return byl_error_set(BYL_EIO, "cannot read directory %s: %s", path, strerror(errno));
    closedir(d);
    walker w = {.fn = fn, .ctx = ctx};
    int rc = seen_add(&w, st.st_dev, st.st_ino);
    if (rc >= 0) {
        w.up[0] = (dir_key){st.st_dev, st.st_ino, 1};
        w.up_path[0] = path;
        rc = walk_dir(&w, path, 0);
    }
    byl_free(w.seen);
    return rc;
}

uint64_t byl_reader_input_offset(const byl_reader *r)
{
    return r ? r->in_read : 0;
}
