/*
 * input.c - the reader's input (_reader.h): one file descriptor, through
 * zlib when it is gzip, into the sliding window the parsers read; line
 * counting; the warnings and counts of skipped records.
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
 * Not for: parsing any format (jsonl.c, sgml.c, text.c), assembling
 * articles (record.c), or choosing the format (reader.c).
 */
#include "doc/_reader.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "util/crc.h"
#include "util/err.h"

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
void byl_rd_end_of_input(byl_reader *r)
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
int byl_rd_input_open(byl_reader *r)
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

uint64_t byl_reader_input_offset(const byl_reader *r)
{
    return r ? r->in_read : 0;
}
