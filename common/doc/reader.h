/*
 * reader.h - article readers behind one small interface.
 *
 * A reader streams articles out of one input (a file, or "-" for stdin) in
 * constant memory, whatever the size of the dump: JSON Lines, TREC SGML,
 * Reuters-21578 SGML, or one plain-text article per file; any of them may be
 * gzip-compressed (detected from the bytes, read through zlib).  The format is
 * detected from the content unless given: the first bytes, or, when the first
 * line names no format (a stray note before the records), the first 64 KiB
 * line by line; the stray text is then reported and skipped.  byl_walk expands directories
 * (recursively, in sorted order) into files.
 *
 * Protocol:
 *     byl_reader *r;  byl_reader_open(path, BYL_FMT_AUTO, warn, ctx, &r);
 *     byl_article a;  while ((rc = byl_reader_next(r, &a)) == 1) use(&a);
 *     byl_reader_close(r);
 *
 * Bad records never stop a reader: each one is reported once through the
 * warning callback (file, line or byte offset, reason), counted, and skipped.
 * byl_reader_next returns <0 only for errors that end this input (it cannot
 * be opened); a truncated gzip stream is a warning and the end of input.
 * Concatenated gzip members are read as one stream; a gzip trailer that does
 * not match intact data is a warning that skips nothing; bytes after the gzip
 * data are reported and not read.  Line ends may be LF, CRLF or CR alone.
 *
 * Not for: analysis or indexing; a reader only turns bytes into articles.
 */
#ifndef BYL_READER_H
#define BYL_READER_H

#include <stddef.h>
#include <stdint.h>

#define BYL_NO_DATE INT64_MIN

typedef enum {
    BYL_FMT_AUTO = 0,
    BYL_FMT_JSONL,
    BYL_FMT_TREC,    /* TREC <DOC> SGML */
    BYL_FMT_REUTERS, /* Reuters-21578 <REUTERS> SGML */
    BYL_FMT_TEXT     /* one plain-text article per file */
} byl_format;

/* Why a record was skipped.  Order is the order of the summary.
 *
 * The last kinds, from BYL_SKIP_FIELD on, skip no record: they report
 * something ignored while every record was kept (a date that is not one, a
 * gzip trailer that does not match intact data, an input with nothing in
 * it).  They come through the same callback, so that every warning reads
 * alike, but are counted apart (byl_reader_warned), never in
 * byl_reader_skipped nor byl_reader_records.  Their texts read well after
 * "skipped: " as well as alone. */
#define BYL_SKIP_MAP(XX)                                 \
    XX(JSON, "malformed JSON")                           \
    XX(UTF8, "invalid UTF-8")                            \
    XX(NOTEXT, "no text")                                \
    XX(GZIP, "truncated or corrupt gzip stream")         \
    XX(SGML, "malformed SGML")                           \
    XX(BINARY, "binary data")                            \
    XX(TOOLONG, "record too long")                       \
    XX(IO, "read error")                                 \
    XX(FIELD, "field ignored (record kept)")             \
    XX(TRAILER, "bad gzip trailer ignored (data kept)")  \
    XX(EMPTY, "empty input")

typedef enum {
#define BYL_XX_(name, text) BYL_SKIP_##name,
    BYL_SKIP_MAP(BYL_XX_)
#undef BYL_XX_
    BYL_SKIP_COUNT
} byl_skip_reason;

const char *byl_skip_reason_text(byl_skip_reason r);
/* 1 for the kinds that keep every record (BYL_SKIP_FIELD and after), else 0. */
int byl_skip_reason_keeps(byl_skip_reason r);
const char *byl_skip_reason_name(byl_skip_reason r); /* "JSON", "UTF8", ... */
const char *byl_format_name(byl_format f);           /* "jsonl", "trec", ... */
/* Parses "jsonl", "trec", "reuters", "text" or "auto"; -1 if unknown. */
int byl_format_parse(const char *name);

/* One article.  Every string is UTF-8, NUL-terminated, borrowed from the
 * reader and valid until the next byl_reader_next/byl_reader_close.  Absent
 * fields are "" (never NULL) with length 0. */
typedef struct byl_article {
    const char *id;     size_t id_len;     /* dump id, else URL, else file:line */
    const char *title;  size_t title_len;
    const char *body;   size_t body_len;
    const char *author; size_t author_len; /* several authors joined by "; " */
    const char *source; size_t source_len;
    const char *url;    size_t url_len;
    const char *tags;   size_t tags_len;   /* categories, tags...: one per line */
    int64_t date;       /* seconds since 1970-01-01 UTC, or BYL_NO_DATE */
    const char *file;   /* input name for messages ("-" for stdin) */
    uint64_t line;      /* 1-based line where the record starts (0 if n/a) */
} byl_article;

/* Called once per skipped record, and once per warning of a kind that keeps
 * the record (see BYL_SKIP_MAP).  line is 1-based (0 when unknown), offset
 * the byte offset in the (uncompressed) input where the record starts; for
 * what concerns the file as stored (a gzip trailer, bytes after the gzip
 * data) line is 0 and offset counts bytes of the file itself. */
typedef void (*byl_warn_fn)(void *ctx, const char *file, uint64_t line,
                            uint64_t offset, byl_skip_reason reason,
                            const char *detail);

typedef struct byl_reader byl_reader;

/* Opens path ("-" = stdin) as fmt (BYL_FMT_AUTO to detect).  warn may be
 * NULL.  Returns BYL_OK and *out, or BYL_EIO / BYL_ENOMEM with a message
 * (*out = NULL).  Directories are not accepted here: use byl_walk. */
int byl_reader_open(const char *path, byl_format fmt, byl_warn_fn warn,
                    void *warn_ctx, byl_reader **out);

/* Next article: returns 1 and fills *a, 0 at end of input, <0 on an error
 * that ends the input (message set). */
int byl_reader_next(byl_reader *r, byl_article *a);

/* Counts of this reader so far: records seen (indexed + skipped) and skipped
 * per reason (array of BYL_SKIP_COUNT). */
uint64_t byl_reader_records(const byl_reader *r);
/* Bytes of the input file read so far (compressed bytes for gzip), for
 * progress against the file's size. */
uint64_t byl_reader_input_offset(const byl_reader *r);
const uint64_t *byl_reader_skipped(const byl_reader *r);
/* Warnings of the kinds that keep the record, per kind (array of
 * BYL_SKIP_COUNT, zero for the kinds that skip). */
const uint64_t *byl_reader_warned(const byl_reader *r);
byl_format byl_reader_format(const byl_reader *r);

void byl_reader_close(byl_reader *r);

/* The longest record a reader keeps, in bytes (a JSON line, an SGML element
 * from <DOC> to </DOC>, a plain-text file).  A longer one is reported once
 * as BYL_SKIP_TOOLONG and discarded as it streams past, never held whole,
 * so a reader's memory stays within about twice this bound (plus a 512 KiB
 * input window) whatever the size of the input. */
#define BYL_MAX_RECORD ((size_t)16 << 20)

/* Changes the limit of r (default BYL_MAX_RECORD); takes effect from the
 * next record.  Returns BYL_OK, or BYL_EINVAL for 0. */
int byl_reader_set_max_record(byl_reader *r, size_t bytes);

/* How a numeric date whose day and month could be either is read
 * ("11/07/2025"): when one part is above 12 it is the day, whatever the
 * order; otherwise month first (BYL_DATE_MDY, the reader's default: the US
 * convention) or day first (BYL_DATE_DMY, most of the rest of the world),
 * or, with BYL_DATE_AUTO, as the evidence says (doc/dateorder.h): the
 * article's other dates, then those of the records of the same file read
 * before it, then the hint (byl_reader_set_date_hint: what the other files
 * of its folder say), then month first.  "26.11.2025" with dots is always
 * day first; with BYL_DATE_AUTO, "04-12-2026" with dashes is day first
 * unless numeric dates, dated weekdays or zones say month first. */
enum { BYL_DATE_MDY = 0, BYL_DATE_DMY = 1, BYL_DATE_AUTO = 2 };

/* Sets the order r reads ambiguous numeric dates in plain-text articles,
 * sidecars and JSON date fields with (see above).  Returns BYL_OK, or
 * BYL_EINVAL. */
int byl_reader_set_date_order(byl_reader *r, int order);

/* With BYL_DATE_AUTO: the order to fall back on when neither an article
 * nor its file settles it (BYL_DATE_MDY, BYL_DATE_DMY, or -1: none, the
 * default).  Returns BYL_OK, or BYL_EINVAL. */
int byl_reader_set_date_hint(byl_reader *r, int order);

/* The latest date the other files of the run write whole (YYYYMMDD, as
 * byl_date_votes.latest; 0: none, the default): a wire dateline without a
 * year ("NAIROBI, Dec 4 (AFP) -") takes the year that puts it nearest
 * this when its own file has no such date (docs/ARTICLES.md).  Returns
 * BYL_OK. */
int byl_reader_set_date_near(byl_reader *r, uint32_t yyyymmdd);

/* Sets the name that stands for the file in ids: a plain-text article's id,
 * and the FILE:LINE id of a record that has neither id nor url (default:
 * the path given to byl_reader_open).  name is copied.  Returns BYL_OK,
 * BYL_EINVAL or BYL_ENOMEM. */
int byl_reader_set_id_name(byl_reader *r, const char *name);

/* The id name of file, found by walking root (byl_walk(root, ...)), that
 * does not depend on how root was typed: the base name of root's real path
 * (a directory) or of its folder (a file), then the path of file below it:
 * "news/2025/a.txt" whether root is "news", "./news/" or "/abs/path/news".
 * Returns a byl_malloc'ed string (the caller frees it with byl_free), or
 * NULL with a message (BYL_ENOMEM, or BYL_EIO if root cannot be resolved).
 * "-" stays "-". */
char *byl_input_id_name(const char *root, const char *file);

/* 1 if path is a sidecar: NAME.json beside a NAME.txt (or NAME.text,
 * NAME.md), which holds metadata for that article and is no input itself. */
int byl_is_sidecar(const char *path);

/* Calls fn(path, ctx) for path itself if it is a file (or "-", or a FIFO
 * named as such: `<(zcat news.gz)`), or for
 * every regular file below it in sorted order if it is a directory (hidden
 * files skipped).  Stops early and returns fn's value if it is non-zero;
 * returns BYL_EIO with a message if path cannot be read, BYL_ENOMEM.
 *
 * Symbolic links are followed, but no directory is read twice: each is
 * known by device and inode.  What the walk cannot read below path (a
 * directory it may not list, a link back to a directory being read, a
 * second link to one already read, a link to nothing, a name it may not
 * look at) is handed to fn too, once, and the walk goes on: byl_reader_open
 * on that path, called from inside fn, then fails with the walk's reason
 * ("cannot read directory d/x: Permission denied"), so a caller that opens
 * what it is given reports and counts it like any file it cannot open: with
 * BYL_EIO when something is not read, BYL_ELIMIT when nothing is lost (a
 * directory already read, a link loop, a Byline index inside the folder:
 * one with a Byline MANIFEST, or a LOCK holding a process id) or it is left
 * out on purpose (a FIFO, socket or device inside a folder: never opened,
 * a FIFO would wait for a writer).  A path that
 * is itself a Byline index is refused (BYL_EINVAL). */
int byl_walk(const char *path, int (*fn)(const char *file, void *ctx),
             void *ctx);

/* Parses a date in the forms news dumps use (ISO 8601 with or without time
 * and zone, RFC 2822, "Nov 26, 2025", "26 November 2025", "11/07/2025"
 * (month/day unless told otherwise: see byl_reader_set_date_order), "Nov 26, 2025, 2:34 a.m. ET", Reuters "26-FEB-1987
 * 15:01:01.79").  Returns 0 and seconds since the epoch (UTC) in *out, or -1.
 */
int byl_date_parse(const char *s, size_t len, int64_t *out);

/* The same, reading an ambiguous NN/NN/YYYY with order (BYL_DATE_MDY or
 * BYL_DATE_DMY). */
int byl_date_parse_order(const char *s, size_t len, int order, int64_t *out);

#endif
