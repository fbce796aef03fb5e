/*
 * _reader.h - private to common/doc: the reader's state and what the
 * per-format parsers (jsonl.c, sgml.c, text.c) share.  Dependencies run one
 * way: reader.c dispatches to the parsers; the parsers call input.c (the
 * window, warnings), record.c (article assembly), byline.c, date.c and
 * sidecar.c, never reader.c.
 *
 * input.c owns the input: one file descriptor, inflated through zlib when
 * it starts with the gzip magic (member after member), read in large chunks
 * into one sliding window `buf`.  Every lone CR (old Mac line ends) reaches
 * the window as LF, so the parsers only ever meet LF and CRLF.  Bytes
 * [start, end) are not yet consumed; a parser advances `start` as it finishes
 * records and calls byl_rd_fill() for more.  The window grows only while one
 * record is pending and never past about max_record + BYL_RD_CHUNK, so memory
 * stays bounded whatever the size of the input; a longer record is reported
 * and then discarded as it streams past.
 *
 * Every buffer position a parser keeps between fills lives in this struct
 * (start, scan, mark, lpos), because byl_rd_fill() slides them all when it
 * moves the window.
 *
 * Tests include this header to check that the window stays bounded.
 * Not a public interface: nothing outside common/doc/ and the tests uses it.
 */
#ifndef BYL_READER_PRIV_H
#define BYL_READER_PRIV_H

#include <jansson.h>
#include <stdarg.h>
#include <zlib.h>

#include "doc/dateorder.h"
#include "doc/reader.h"
#include "util/mem.h"

/* Bytes asked of zlib per read.  The fuzz build (tests/fuzz/fuzz.mk) makes
 * it small, so that records straddle refills and no input costs an mmap. */
#ifndef BYL_RD_CHUNK
#define BYL_RD_CHUNK ((size_t)256 << 10)
#endif

enum { BYL_IN_PLAIN, BYL_IN_MEMBER, BYL_IN_BETWEEN };

/* ASCII white space, as C's isspace in the C locale (no locale lookup). */
static inline int byl_rd_is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* The fields of an article as built in r->out (record slots; not the
 * index's field ids, index/format.h's BYL_F_*). */
enum { BYL_RF_ID, BYL_RF_TITLE, BYL_RF_BODY, BYL_RF_AUTHOR, BYL_RF_SOURCE, BYL_RF_URL, BYL_RF_TAGS,
       BYL_RF_COUNT };

typedef struct {
    const char *ptr; /* direct pointer (borrowed from the JSON tree), or NULL */
    size_t off;      /* else: offset of the NUL-terminated text in r->out */
    size_t len;
    int set;
} byl_rd_field;

struct byl_reader {
    char *file;            /* owned; name for messages and text ids */
    int fd;                /* owned */
    int zmode;             /* BYL_IN_PLAIN, _MEMBER (inside a gzip member), _BETWEEN */
    z_stream z;            /* inflate state of a gzip input; also next_in/avail_in
                              for the raw bytes of a plain one read while detecting */
    int z_init;            /* z needs inflateEnd */
    unsigned char *in;     /* owned; raw bytes not yet inflated, and the 8 before */
    size_t in_cap;
    int in_eof;            /* the file has no more bytes */
    uint64_t in_read;      /* bytes read from the file */
    uint64_t member_off;   /* file offset of the current gzip member */
    uint32_t crc;          /* CRC-32 and length of its data so far */
    uint64_t member_len;
    unsigned bad_trailers; /* gzip members whose trailer did not match; the first: */
    uint64_t trailer_at;   /*   file offset of its trailer, and the warning */
    char trailer_msg[240];
    uint64_t tail_at, tail_len; /* bytes after the gzip data that are not gzip */
    int tail, tail_zeros;
    int empty;             /* the input holds nothing but blank space */
    int ended;             /* the end-of-input warnings were sent */
    int cr_held;           /* a CR ended the last read: the next byte tells
                              whether it ends a line alone (then it becomes LF) */
    byl_format fmt;        /* never BYL_FMT_AUTO after open */
    byl_warn_fn warn;      /* may be NULL */
    void *warn_ctx;
    size_t max_record;     /* longest record kept, in bytes */

    char *buf;             /* owned window on the uncompressed input */
    size_t cap;            /* bytes allocated for buf */
    size_t start;          /* first unconsumed byte */
    size_t end;            /* one past the last byte read */
    size_t scan;           /* parser: where to resume scanning */
    size_t mark;           /* parser: start of the pending record */
    size_t lpos;           /* newlines before buf[lpos] are counted in lineno */
    uint64_t lineno;       /* newlines before buf[lpos] since the input began */
    uint64_t base;         /* input offset of buf[0] */
    int eof;               /* no more bytes will come (end, or an error) */
    int in_err;            /* 0, or 1 + BYL_SKIP_GZIP / BYL_SKIP_IO: the input failed */
    int err_reported;      /* the input failure has had its warning */
    char err_msg[160];     /* zlib's or the system's message */
    int done;              /* next() returns 0 from now on */
    char json_doc;         /* '[' or '{': one JSON document, skipped whole at next() */

    int state;             /* parser state (per format) */
    int discard;           /* skipping the rest of a too-long record */
    int bin_run;           /* JSONL: previous line was binary (one warning per run) */
    uint64_t rec_line;     /* SGML: line and offset of the pending record */
    uint64_t rec_off;
    int junk;              /* SGML: inside a run of text outside records */
    uint64_t junk_line, junk_off, junk_len, junk_ctrl;
    int junk_nul;

    uint64_t records;                  /* records seen: indexed + skipped */
    uint64_t skipped[BYL_SKIP_COUNT];  /* per reason */
    uint64_t warned[BYL_SKIP_COUNT];   /* per kind that keeps the record */

    json_t *json;          /* JSONL: the current record's tree (strings borrowed) */
    byl_buf out;           /* the current article's strings */
    byl_buf tmp;           /* scratch for the parsers */
    byl_buf spans;         /* SGML: element spans of the current record */
    byl_rd_field f[BYL_RF_COUNT];

    int date_order;        /* BYL_DATE_MDY, _DMY or _AUTO, for NN/NN/YYYY */
    int date_hint;         /* with _AUTO: the folder's order, or -1 */
    int art_order;         /* the order decided for the current article, or -1 */
    byl_date_votes file_votes; /* with _AUTO: the evidence of the records read so far */
    uint32_t date_near;    /* the run's latest whole date (YYYYMMDD), 0 if none */
    char *id_name;         /* owned, or NULL: the file's name in ids (else file) */
    /* Tests only: called for every line the plain-text reader leaves out of
     * the body as metadata (kind: 'k' kicker/label, 'b' byline, 'd' date,
     * 'c' credit), so that a test can account for every character. */
    void (*on_drop)(void *ctx, const char *line, size_t n, int kind);
    void *on_drop_ctx;
    /* The plain-text reader's head lines and their features (headline.h),
     * owned, made at the first article; on_head (tools and tests only) is
     * called with them, the rules' title marked, before the model picks. */
    struct byl_hl_head *hl;
    void (*on_head)(void *ctx, const struct byl_hl_head *h);
    void *on_head_ctx;
};

/* The order to read the current article's ambiguous numeric dates in: the
 * one set, or with BYL_DATE_AUTO what the evidence says -- the article's
 * (*article, may be NULL), then r->file_votes, then r->date_hint, then
 * month first (doc/dateorder.h).  Inline: the format parsers call it, and
 * reader.c calls them. */
static inline int byl_rd_date_order(const byl_reader *r, const byl_date_votes *article)
{
    if (r->date_order != BYL_DATE_AUTO)
        return r->date_order;
    int o = byl_date_votes_order(article);
    if (o < 0)
        o = byl_date_votes_order(&r->file_votes);
    if (o < 0)
        o = r->date_hint;
    return o < 0 ? BYL_DATE_MDY : o;
}

/* Reads more input after r->end (sliding or growing the window first).
 * Returns 1 if bytes were added, 0 at end of input (r->eof set; r->in_err
 * set if the input failed), BYL_ENOMEM. */
int byl_rd_fill(byl_reader *r);

/* 1-based line number of buf[pos] (pos >= r->lpos); counts forward. */
uint64_t byl_rd_line_at(byl_reader *r, size_t pos);

/* Consumes the window up to pos, counting its lines. */
void byl_rd_consume(byl_reader *r, size_t pos);

/* Counts one skipped record and sends one warning. */
void byl_rd_skip(byl_reader *r, byl_skip_reason why, uint64_t line, uint64_t off,
                 const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* Sends one warning of a kind that keeps the record (byl_skip_reason_keeps)
 * and counts it apart from skipped records. */
void byl_rd_warn(byl_reader *r, byl_skip_reason why, uint64_t line, uint64_t off,
                 const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* At end of input: reports a failed input once (as a skipped record at
 * line/off unless it already was), marks the reader done; returns 0. */
int byl_rd_finish(byl_reader *r, uint64_t line, uint64_t off);

/* Reports the pending partial record cut by a failed input (the one warning
 * for the failure). */
void byl_rd_cut(byl_reader *r, uint64_t line, uint64_t off);

/* Article assembly: byl_rd_begin() clears the fields and r->out; the put
 * functions append NUL-terminated text; byl_rd_emit() resolves the id
 * fallbacks (url, then file:line), applies the no-text rule and fills *a.
 * Returns 1 (article), 0 (skipped: no text), BYL_ENOMEM. */
void byl_rd_begin(byl_reader *r);
void byl_rd_put(byl_reader *r, int field, const char *s, size_t n);
void byl_rd_field_open(byl_reader *r, int field);   /* start appending */
void byl_rd_field_close(byl_reader *r, int field);  /* trim, NUL, record */
int byl_rd_emit(byl_reader *r, byl_article *a, int64_t date, uint64_t line, uint64_t off);

/* Writes s[0, n) into out (cap bytes, NUL-terminated) quoted for a warning:
 * control characters as '?', cut after 60 bytes (at a character boundary)
 * with "...". */
void byl_rd_quote(char *out, size_t cap, const char *s, size_t n);

/* Index of the first byte that is not valid UTF-8, or n. */
size_t byl_rd_utf8_bad(const char *s, size_t n);

/* NUL bytes, or more than a quarter control characters (not tab, newline,
 * CR, FF, VT, ESC): binary data, not text. */
int byl_rd_binary(const char *s, size_t n);

/* byline.c: the lines around a headline (see byline.c for the rules).
 *
 * byl_rd_clean appends s[0, n) to out with every Unicode blank (no-break,
 * thin, figure, ideographic, ...) as an ASCII space and zero-width
 * characters (U+200B, U+2060, U+FEFF, soft hyphen) dropped.  head (for
 * lines looked at as metadata): also drops U+200C/U+200D, collapses each
 * run of blanks to one space, or to two for a run of two or more (a gap,
 * which can part a byline from its date; head 2: always one space),
 * drops blanks at the start, and drops the marks of a quote or of bold
 * around the line ("> **Headline**" is "Headline"). */
void byl_rd_clean(const char *s, size_t n, int head, byl_buf *out);

/* 1 if s[0, n) opens with a byline's lead-in ("By", "Reported by",
 * "Author:", "Text:", ...), after an opening bracket or dash, or after the
 * same label in another language and a slash ("Testua / Text:"); else 0.
 * Says nothing of whether names follow (byl_rd_byline_ex decides). */
int byl_rd_byline_lead(const char *s, size_t n);

/* 1 if s[0, n) is a byline's lead-in and nothing more ("WRITTEN BY",
 * "By", "Author:"): the names are on the lines under it. */
int byl_rd_byline_lead_alone(const char *s, size_t n);

/* Parses a byline into names appended to *out, joined by "; " (also to
 * what *out holds past offset from).  The lead-in ("By", "Written by",
 * "Author:", ...) is dropped; names are split at commas, ";", " and ",
 * " & "; agencies (Reuters, AP, ...) and roles ("Staff Writer") are dropped,
 * and the first agency seen is returned in *agency (static string, or NULL,
 * left alone if already set); a date in the line goes to *date (if not NULL
 * and still BYL_NO_DATE), read with order (BYL_DATE_MDY or _DMY).  strict
 * (plain-text lines): the line must look like a byline (see byline.c);
 * otherwise returns -1 and appends nothing.  Returns the number of names. */
int byl_rd_byline_ex(const char *s, size_t n, int strict, int order, byl_buf *out,
                     size_t from, const char **agency, int64_t *date);
/* The same, month-first and without the date. */
int byl_rd_byline(const char *s, size_t n, int strict, byl_buf *out, size_t from,
                  const char **agency);

/* 1 if the cleaned line s[0, n) is a kicker or label, no title: a section
 * ("Opinion", "NEWS / Analysis", "Business | Markets"), page chrome
 * ("Share", "Advertisement", "Listen to this article", "5 min read") or a
 * relative time ("Updated 3 hours ago").  before_title: also one or two
 * words in capitals ("EXCLUSIVE", "MIDEAST"). */
int byl_rd_label_line(const char *s, size_t n, int before_title);

/* 1 and the date in *t if the cleaned line s[0, n) is a date line: labels
 * ("Published Date :", "Updated:") and dates, parted by strong separators
 * ("Published Nov 26, 2025 | Updated Nov 27, 2025": the first date; a
 * date labelled as published before one labelled as updated: "Updated:
 * Dec 5 | Published: Dec 4" is Dec 4).  Returns 1, or 2 when the date is
 * only an update's ("Updated 5 December 2026": a later line's published
 * date is worth more); 0 otherwise (a relative time alone is a label, not
 * a date). */
int byl_rd_date_line(const char *s, size_t n, int order, int64_t *t);

/* Whether a part of the cleaned line s[0, n) (parted as byl_rd_date_line
 * parts it) opens with a date's label ("Published", "Updated:", "Posted
 * on", "Started:"): 1 if so.  A line without one ("Friday 11 December
 * 2026 | Edition 48", "HARBOUR VOICE · Friday 11 December 2026") over the
 * headline is most often the masthead's day. */
int byl_rd_date_labelled(const char *s, size_t n);

/* Whether every part of the cleaned line s[0, n) (parted as
 * byl_rd_date_line parts it) is a time relative to the page's now or a
 * reading time ("2 hours ago", "Yesterday, 14:05", "5 min read",
 * "Updated 3 hrs ago · 4 min read"): a stamp without a date. */
int byl_rd_stamp_line(const char *s, size_t n);

/* The last resort of a page's head that no date line dated: 1 and the
 * date in *t when a part of the cleaned line s[0, n) (parted as
 * byl_rd_date_line parts it) opens with a whole date, its day included,
 * and at most four words follow it there ("Published 4 Dec 2026 | 18:40
 * hrs.", "Sat, Dec 05, 2026 page2", "Issue #212 · Thursday 3 December
 * 2026 · 7 min read", "> Outlet | 5 December 2026, 10:14 EET"); a date
 * labelled as an update's only when no other is there.  0 when a part is
 * a sentence (more than eight words) or none holds such a date. */
int byl_rd_date_loose(const char *s, size_t n, int order, int64_t *t);

/* A credit line at the end of a story: "(Reporting by Jane Roe; Editing by
 * John Doe)" (writers are names, editors not) or a sign-off "— Jane Roe".
 * Appends the names as byl_rd_byline does; returns their count, or -1 if
 * the line is no credit line (nothing appended). */
int byl_rd_credit_line(const char *s, size_t n, byl_buf *out, size_t from, const char **agency);

/* 1 if the cleaned line s[0, n) names only agencies, desks or roles
 * ("BBC Wales News", "Environment reporter"): the line under a bare name
 * that makes the name a byline. */
int byl_rd_affiliation_line(const char *s, size_t n);

/* 1 if s[0, n) is a writer's job at an organisation, the line under a
 * name ("Head of Communications at Kvarner Container Terminal d.o.o.",
 * "Senior Reporter at The Harbour Post", "Editor, Aegean Freight Brief"):
 * a role (its first word a title or role, or a job's ending), " at ", a
 * capitalised name; or words of roles only, a comma, a capitalised name;
 * no digit. */
int byl_rd_job_line(const char *s, size_t n);

/* A date line with the author after "by" ("Posted on November 26, 2025 by
 * jdoe"): the date in *t and the names appended as byl_rd_byline does.
 * Returns the count of names, or -1 (nothing appended) if it is not one. */
int byl_rd_date_by_line(const char *s, size_t n, int order, byl_buf *out, size_t from,
                        int64_t *t);

/* The agency of a wire dateline at the start of s[0, n) ("LONDON (Reuters)
 * - ..."), or NULL. */
const char *byl_rd_dateline_agency(const char *s, size_t n);

/* sidecar.c: applies NAME.json beside the plain-text file r->file, if
 * there is one, to the article being built (fields overridden, *date set);
 * a bad sidecar is one BYL_SKIP_FIELD warning. */
void byl_rd_sidecar(byl_reader *r, int64_t *date);

/* input.c: starts reading r->fd (detects gzip); BYL_OK or an error. */
int byl_rd_input_open(byl_reader *r);
/* input.c: the end-of-input warnings (once): an empty input, a bad gzip
 * trailer, bytes after the gzip data. */
void byl_rd_end_of_input(byl_reader *r);

/* walk.c: when byl_walk hands path to its callback as unreadable, the
 * walk's error (message set) for byl_reader_open to return; else BYL_OK. */
int byl_rd_walk_refusal(const char *path);

/* The parsers, which reader.c dispatches to; they call only input.c,
 * record.c, byline.c, date.c and sidecar.c. */
int byl_rd_jsonl_next(byl_reader *r, byl_article *a);
int byl_rd_sgml_next(byl_reader *r, byl_article *a);
int byl_rd_text_next(byl_reader *r, byl_article *a);

#endif
