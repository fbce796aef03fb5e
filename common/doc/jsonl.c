/*
 * jsonl.c - JSON Lines: one article object per line, the indexing front end
 * for big dumps.
 *
 * Lines end at LF, CRLF or a CR alone (reader.c has made a lone CR an LF
 * by the time the bytes reach the window).
 *
 * Lines are found with memchr in the reader's window and read one at a
 * time by jsonscan.c (json_loadb for what it declines); the only
 * allocations per record are the jansson tree (freed at the next call:
 * the article's strings point into it when they need no trimming).  A
 * line longer than the record limit is reported and then skipped to its
 * newline without being held.
 *
 * Field names are matched ignoring case, '_' and '-' ("pubDate" =
 * "pub_date"), with a preference order inside each field:
 *     id      id, docid, docno, articleid, guid, uuid     (string, or number:
 *             its text as written, every digit: 12345678901234567890, 1e2)
 *     url     url, link, permalink, canonicalurl
 *     title   title, headline                             (string or array of strings)
 *     body    text, body, content, article, maintext, articlebody, then
 *             description, summary when nothing better is there
 *     date    date, published, publishdate, pubdate, datepublish,
 *             datepublished, publishedat, publicationdate, datetime, timestamp
 *             (a string per date.h, or a number: seconds since the epoch,
 *             milliseconds when above 1e11; all-digit strings likewise)
 *     author  author, authors, byline, creator   (string; array of strings or
 *             of objects with "name", joined by "; "; an object with "name")
 *     source  source, site, domain, sourcedomain, sitename, publisher,
 *             sourcename                          (string, or object with "name")
 *     tags    categories, category, tags, tag, section, keywords: every one
 *             of them, each a string or an array of strings (one tag per
 *             string, a string never split), one tag per line
 * An empty or blank value counts as absent, so a later synonym can fill it.
 * A date that is not one (a string date.h cannot read, a number out of
 * range, an object) gives way to the next date field; when none is a date,
 * the article is kept without one and a BYL_SKIP_FIELD warning shows the
 * best-ranked value (the record is not skipped).
 * Unknown fields are ignored.  Blank lines are skipped silently (they are
 * not records).  Consecutive binary lines form one bad region: one warning.
 *
 * Not for: JSON documents that are not one object per line (a top-level
 * array is reported as malformed, line by line).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "doc/_reader.h"
#include "doc/date.h"
#include "doc/jsonscan.h"
#include "util/err.h"

enum { K_ID, K_URL, K_TITLE, K_BODY, K_DATE, K_AUTHOR, K_SOURCE, K_N };

static const struct {
    const char *name; /* lower case, without '_' and '-' */
    signed char kind, rank;
} keys[] = {
    {"id", K_ID, 0},           {"docid", K_ID, 1},         {"docno", K_ID, 1},
    {"articleid", K_ID, 2},    {"guid", K_ID, 3},          {"uuid", K_ID, 4},
    {"url", K_URL, 0},         {"link", K_URL, 1},         {"permalink", K_URL, 2},
    {"canonicalurl", K_URL, 3}, {"title", K_TITLE, 0},     {"headline", K_TITLE, 1},
    {"text", K_BODY, 0},       {"body", K_BODY, 1},        {"content", K_BODY, 2},
    {"article", K_BODY, 3},    {"maintext", K_BODY, 4},    {"articlebody", K_BODY, 5},
    {"description", K_BODY, 8}, {"summary", K_BODY, 9},    {"date", K_DATE, 0},
    {"published", K_DATE, 1},  {"publishdate", K_DATE, 2}, {"pubdate", K_DATE, 3},
    {"datepublish", K_DATE, 4}, {"datepublished", K_DATE, 5}, {"publishedat", K_DATE, 6},
    {"publicationdate", K_DATE, 7}, {"datetime", K_DATE, 8}, {"timestamp", K_DATE, 9},
    {"author", K_AUTHOR, 0},   {"authors", K_AUTHOR, 1},   {"byline", K_AUTHOR, 2},
    {"creator", K_AUTHOR, 3},  {"source", K_SOURCE, 0},    {"site", K_SOURCE, 1},
    {"domain", K_SOURCE, 2},   {"sourcedomain", K_SOURCE, 3}, {"sitename", K_SOURCE, 4},
    {"publisher", K_SOURCE, 5}, {"sourcename", K_SOURCE, 6},
};

#define DATE_RANKS 10 /* ranks of the date synonyms above: 0..9 */

static const int field_of[K_N] = {BYL_RF_ID,   BYL_RF_URL,    BYL_RF_TITLE, BYL_RF_BODY,
                                  -1,         BYL_RF_AUTHOR, BYL_RF_SOURCE};

static int key_kind(const char *key, int *rank)
{
    char norm[24];
    size_t n = 0;
    for (const char *p = key; *p; p++) {
        char c = *p;
        if (c == '_' || c == '-' || c == ' ')
            continue;
        if (n == sizeof norm - 1)
            return -1;
        norm[n++] = c >= 'A' && c <= 'Z' ? (char)(c | 0x20) : c;
    }
    norm[n] = '\0';
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        if (keys[i].name[0] == norm[0] && strcmp(keys[i].name, norm) == 0) {
            *rank = keys[i].rank;
            return keys[i].kind;
        }
    }
    return -1;
}

static int blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!byl_rd_is_space((unsigned char)s[i]))
            return 0;
    return 1;
}

static int str_usable(const json_t *v)
{
    return json_is_string(v) && !blank(json_string_value(v), json_string_length(v));
}

static const json_t *named(const json_t *v)
{
    if (json_is_object(v)) {
        const json_t *n = json_object_get(v, "name");
        return str_usable(n) ? n : NULL;
    }
    return str_usable(v) ? v : NULL;
}

static int usable(int kind, const json_t *v)
{
    size_t i;
    const json_t *e;
    switch (kind) {
    case K_ID:
    case K_DATE:
        return str_usable(v) || json_is_number(v);
    case K_URL:
        return str_usable(v);
    case K_TITLE:
    case K_BODY:
    case K_AUTHOR:
        if (json_is_array(v)) {
            json_array_foreach(v, i, e) {
                if (kind == K_AUTHOR ? named(e) != NULL : str_usable(e))
                    return 1;
            }
            return 0;
        }
        return kind == K_AUTHOR ? named(v) != NULL : str_usable(v);
    case K_SOURCE:
        return named(v) != NULL;
    }
    return 0;
}

/* Appends s, with NUL bytes (allowed escaped in JSON) made spaces. */
static void put_clean(byl_reader *r, const char *s, size_t n)
{
    const char *z;
    while (n && (z = memchr(s, '\0', n)) != NULL) {
        byl_buf_put(&r->out, s, (size_t)(z - s));
        byl_buf_put_u8(&r->out, ' ');
        n -= (size_t)(z - s) + 1;
        s = z + 1;
    }
    byl_buf_put(&r->out, s, n);
}

/* A string value: borrowed straight from the tree when it needs no
 * trimming at the end, else copied. */
static void put_string(byl_reader *r, int field, const json_t *v)
{
    const char *s = json_string_value(v);
    size_t n = json_string_length(v);
    while (n && byl_rd_is_space((unsigned char)*s)) {
        s++;
        n--;
    }
    if (n && !byl_rd_is_space((unsigned char)s[n - 1]) && !memchr(s, '\0', n)) {
        byl_rd_field *f = &r->f[field];
        f->ptr = s;
        f->len = n;
        f->set = 1;
        return;
    }
    byl_rd_field_open(r, field);
    put_clean(r, s, n);
    byl_rd_field_close(r, field);
}

static void put_joined(byl_reader *r, int field, const json_t *arr, const char *sep, int names)
{
    size_t i, seplen = strlen(sep);
    const json_t *e;
    int first = 1;
    byl_rd_field_open(r, field);
    json_array_foreach(arr, i, e) {
        const json_t *s = names ? named(e) : (str_usable(e) ? e : NULL);
        if (!s)
            continue;
        const char *p = json_string_value(s);
        size_t n = json_string_length(s);
        while (n && byl_rd_is_space((unsigned char)*p)) {
            p++;
            n--;
        }
        while (n && byl_rd_is_space((unsigned char)p[n - 1]))
            n--;
        if (!first)
            byl_buf_put(&r->out, sep, seplen);
        put_clean(r, p, n);
        first = 0;
    }
    byl_rd_field_close(r, field);
}

/* Whether s (n bytes) is an e-mail address, bare or as "<...>", "(...)"
 * or "mailto:...": something before an '@' and a dot after it. */
static int email_word(const char *s, size_t n)
{
    const char *at = memchr(s, '@', n);
    return at && at > s && memchr(at, '.', n - (size_t)(at - s)) != NULL;
}

/* What a dump's author field holds beyond the writer, taken out before the
 * byline parser reads it: e-mail addresses ("Jane Doe <jane@x.com>", whose
 * '>' the parser took for a bracket of the name) and a profile address
 * ("https://example.com/authors/jane-doe": its last part, "Jane Doe";
 * the bare site, no writer).  The result goes to *out. */
static void author_value(const char *s, size_t n, byl_buf *out)
{
    while (n && byl_rd_is_space((unsigned char)*s))
        s++, n--;
    while (n && byl_rd_is_space((unsigned char)s[n - 1]))
        n--;
    if ((n > 7 && !strncasecmp(s, "http://", 7)) || (n > 8 && !strncasecmp(s, "https://", 8)) ||
        (n > 4 && !strncasecmp(s, "www.", 4))) {
        if (memchr(s, ' ', n))
            goto words; /* not an address alone */
        const char *e = s + n, *q = memchr(s, '?', n), *h = memchr(s, '#', n);
        if (q && q < e)
            e = q;
        if (h && h < e)
            e = h;
        while (e > s && e[-1] == '/')
            e--;
        const char *b = e;
        while (b > s && b[-1] != '/')
            b--;
        const char *scheme = memchr(s, '/', (size_t)(e - s));
        if (!scheme || b <= scheme + 2)
            return; /* the site alone ("https://example.com"): no writer */
        const char *dot = memchr(b, '.', (size_t)(e - b));
        if (dot)
            e = dot; /* "jane-doe.html" */
        /* a name's slug: two words or more, letters only ("jane-doe");
         * "profile", "12345" or "a" name no one */
        int seps = 0;
        for (const char *p = b; p < e; p++) {
            if (*p == '-' || *p == '_' || *p == '+')
                seps += p > b && p[-1] != '-' && p[-1] != '_' && p[-1] != '+';
            else if ((*p >= '0' && *p <= '9') || *p == '%')
                return;
        }
        if (!seps || e[-1] == '-' || e[-1] == '_' || e[-1] == '+')
            return;
        int upper = 1;
        for (const char *p = b; p < e; p++) {
            char c = *p == '-' || *p == '_' || *p == '+' ? ' ' : *p;
            if (upper && c >= 'a' && c <= 'z')
                c = (char)(c - 'a' + 'A');
            upper = c == ' ';
            byl_buf_put_u8(out, (uint8_t)c);
        }
        return;
    }
words:
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && !byl_rd_is_space((unsigned char)s[j]))
            j++;
        const char *w = s + i;
        size_t wn = j - i;
        if (wn > 7 && !strncasecmp(w, "mailto:", 7))
            w += 7, wn -= 7;
        if (!email_word(w, wn)) {
            if (out->len)
                byl_buf_put_u8(out, ' ');
            byl_buf_put(out, s + i, j - i);
        }
        i = j;
        while (i < n && byl_rd_is_space((unsigned char)s[i]))
            i++;
    }
}

/* One author value through author_value and the byline parser. */
static void put_author(byl_reader *r, const json_t *s, size_t from, const char **agency)
{
    byl_buf b;
    byl_buf_init(&b);
    author_value(json_string_value(s), json_string_length(s), &b);
    if (!b.failed && b.len)
        byl_rd_byline((const char *)b.data, b.len, 0, &r->out, from, agency);
    byl_buf_reset(&b);
}

/* Authors through the byline parser that text and SGML share ("By Jane
 * Roe and John Doe" -> "Jane Roe; John Doe"): a string, an object with a
 * name, or an array of either.  The first agency named goes to *agency. */
static void put_authors(byl_reader *r, const json_t *val, const char **agency)
{
    byl_rd_field_open(r, BYL_RF_AUTHOR);
    size_t from = r->out.len;
    if (json_is_array(val)) {
        size_t i;
        const json_t *e;
        json_array_foreach(val, i, e) {
            const json_t *s = named(e);
            if (s)
                put_author(r, s, from, agency);
        }
    } else {
        const json_t *s = json_is_object(val) ? named(val) : val;
        if (json_is_string(s))
            put_author(r, s, from, agency);
    }
    byl_rd_field_close(r, BYL_RF_AUTHOR);
}

/* The tags of a record: every string of every tag key, one per line, in
 * the order of the record; line breaks inside a tag become spaces. */
static int is_tag_key(const char *key)
{
    static const char *const names[] = {"categories", "category", "tags", "tag", "section",
                                        "keywords"};
    char norm[16];
    size_t n = 0;
    for (const char *p = key; *p; p++) {
        if (n == sizeof norm - 1)
            return 0;
        norm[n++] = *p >= 'A' && *p <= 'Z' ? (char)(*p | 0x20) : *p;
    }
    norm[n] = '\0';
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (strcmp(names[i], norm) == 0)
            return 1;
    return 0;
}

static void put_tag(byl_reader *r, const json_t *v, int *first)
{
    if (!str_usable(v))
        return;
    const char *p = json_string_value(v);
    size_t n = json_string_length(v);
    while (n && byl_rd_is_space((unsigned char)*p))
        p++, n--;
    while (n && byl_rd_is_space((unsigned char)p[n - 1]))
        n--;
    if (!*first)
        byl_buf_put_u8(&r->out, '\n');
    size_t at = r->out.len;
    put_clean(r, p, n);
    for (size_t i = at; i < r->out.len && !r->out.failed; i++)
        if (r->out.data[i] == '\n' || r->out.data[i] == '\r')
            r->out.data[i] = ' ';
    *first = 0;
}

static void put_tags(byl_reader *r, const json_t *root)
{
    const char *key;
    json_t *v;
    int first = 1;
    byl_rd_field_open(r, BYL_RF_TAGS);
    json_object_foreach((json_t *)root, key, v) {
        if (!is_tag_key(key))
            continue;
        if (json_is_array(v)) {
            size_t i;
            const json_t *e;
            json_array_foreach(v, i, e)
                put_tag(r, e, &first);
        } else {
            put_tag(r, v, &first);
        }
    }
    byl_rd_field_close(r, BYL_RF_TAGS);
}

static int64_t epoch_number(double v)
{
    if (v > 1e11 || v < -1e11)
        v /= 1000; /* milliseconds */
    /* the years 0001 to 9999, as every other date Byline reads */
    if (!(v >= -62135596800.0 && v <= 253402300799.0))
        return BYL_NO_DATE;
    return (int64_t)v;
}

static int64_t date_of(const json_t *v, int order)
{
    if (json_is_integer(v))
        return epoch_number((double)json_integer_value(v));
    if (json_is_real(v))
        return epoch_number(json_real_value(v));
    const char *s = json_string_value(v);
    size_t n = json_string_length(v);
    int64_t t;
    if (byl_date_parse_order(s, n, order, &t) == 0)
        return t;
    while (n && byl_rd_is_space((unsigned char)*s)) {
        s++;
        n--;
    }
    while (n && byl_rd_is_space((unsigned char)s[n - 1]))
        n--;
    if (n >= 9 && n <= 13 && strspn(s, "0123456789") == n) {
        double d = 0;
        for (size_t i = 0; i < n; i++)
            d = d * 10 + (s[i] - '0');
        return epoch_number(d);
    }
    return BYL_NO_DATE;
}

/* The text of field f of the record being built (title, body). */
static void field_votes(byl_reader *r, int f, byl_date_votes *v)
{
    const byl_rd_field *x = &r->f[f];
    if (x->set && x->len)
        byl_date_votes_add(v, x->ptr ? x->ptr : (const char *)r->out.data + x->off, x->len);
}

/* The order to read this record's date fields in.  With BYL_DATE_AUTO the
 * record's date strings vote (a few short strings: cheap), and only when
 * the date it will take reads two ways ("11/07/2025") do its title and body
 * vote too; then the records of the file before it (doc/dateorder.h). */
static int date_order(byl_reader *r, const json_t *const *dates)
{
    if (r->date_order != BYL_DATE_AUTO)
        return r->date_order;
    byl_date_votes v = {0};
    int ambiguous = 0, decided = 0;
    for (int k = 0; k < DATE_RANKS; k++) {
        if (!dates[k] || !json_is_string(dates[k]))
            continue;
        byl_date_votes_add(&v, json_string_value(dates[k]), json_string_length(dates[k]));
        int64_t m = decided ? BYL_NO_DATE : date_of(dates[k], BYL_DATE_MDY);
        if (m != BYL_NO_DATE) {
            decided = 1;
            ambiguous = m != date_of(dates[k], BYL_DATE_DMY);
        }
    }
    if (ambiguous) {
        field_votes(r, BYL_RF_TITLE, &v);
        field_votes(r, BYL_RF_BODY, &v);
    }
    int o = byl_rd_date_order(r, &v);
    byl_date_votes_merge(&r->file_votes, &v);
    return o;
}

/* A real number as its shortest text that reads back to the same double
 * ("3.1", not printf's "3.1000000000000001"): an id such as 3.10 keeps
 * the form a person would type (jansson keeps the double, not the
 * text, so "3.10" itself is gone).  Returns the length. */
static int real_text(char *out, size_t cap, double v)
{
    int len = 0;
    for (int prec = 1; prec <= 17; prec++) {
        len = snprintf(out, cap, "%.*g", prec, v);
        if (strtod(out, NULL) == v)
            break;
    }
    return len;
}

/* A value as a warning shows it: a string quoted and cut short, a number
 * as written, else its type. */
static void show_value(const json_t *v, char *out, size_t cap)
{
    if (json_is_string(v))
        byl_rd_quote(out, cap, json_string_value(v), json_string_length(v));
    else if (json_is_integer(v))
        snprintf(out, cap, "%lld", (long long)json_integer_value(v));
    else if (json_is_real(v))
        real_text(out, cap, json_real_value(v));
    else
        snprintf(out, cap, "%s", json_is_object(v) ? "an object"
                                 : json_is_array(v) ? "an array"
                                                    : json_is_true(v) ? "true" : "false");
}

/* One non-blank line.  Returns 1 with an article, 0 if it was skipped,
 * <0 on an error that ends the input. */
static int jsonl_record(byl_reader *r, const char *p, size_t n, uint64_t line, uint64_t off,
                        byl_article *a)
{
    json_error_t err;
    json_t *root;
    char twice[JSON_ERROR_TEXT_LENGTH + 32] = ""; /* a key given twice, as jansson names it */
    /* jsonscan.c reads the common shapes; jansson reads the rest and
     * names the errors.  A key given twice ({"text":"A","text":"B"}) is
     * read as JSON reads it, the last value kept, and said: one of the
     * two texts is not indexed. */
    if (!byl_json_scan(p, n, &root)) {
        size_t flags = JSON_ALLOW_NUL | JSON_REJECT_DUPLICATES;
        const char *src = p;
        char *tame = NULL; /* the line with numbers beyond a double tamed */
        while (!(root = json_loadb(src, n, flags, &err))) {
            if (json_error_code(&err) == json_error_duplicate_key &&
                (flags & JSON_REJECT_DUPLICATES)) {
                snprintf(twice, sizeof twice, "column %d: %s", err.column, err.text);
                flags &= ~(size_t)JSON_REJECT_DUPLICATES;
            } else if (json_error_code(&err) == json_error_numeric_overflow &&
                       !(flags & JSON_DECODE_INT_AS_REAL)) {
                /* an integer beyond int64 ("id":12345678901234567890, a
                 * 20-digit id, common) is valid JSON: read the record with
                 * integers as doubles (every field but the id reads a
                 * number as a double anyway; the id keeps its text, below) */
                flags |= JSON_DECODE_INT_AS_REAL;
            } else if (json_error_code(&err) == json_error_numeric_overflow && !tame &&
                       (tame = byl_malloc(n + 1)) != NULL) {
                /* beyond a double (a 400-digit integer, 1e400): valid JSON
                 * still, read as the largest double (the id keeps its
                 * text all the same) */
                memcpy(tame, p, n);
                tame[n] = '\0';
                if (!byl_json_tame_numbers(tame, n))
                    break;
                src = tame;
            } else {
                break;
            }
        }
        byl_free(tame);
    }
    if (!root) {
        if (json_error_code(&err) == json_error_out_of_memory) {
            r->done = 1;
            return byl_error_set(BYL_ENOMEM, "%s:%llu: out of memory parsing JSON", r->file,
                                 (unsigned long long)line);
        }
        if (byl_rd_binary(p, n)) {
            if (!r->bin_run)
                byl_rd_skip(r, BYL_SKIP_BINARY, line, off, "binary data (%zu bytes)", n);
            r->bin_run = 1;
            return 0;
        }
        r->bin_run = 0;
        if (json_error_code(&err) == json_error_invalid_utf8) {
            size_t bad = byl_rd_utf8_bad(p, n);
            byl_rd_skip(r, BYL_SKIP_UTF8, line, off, "invalid UTF-8 byte 0x%02x at column %zu",
                        bad < n ? (unsigned char)p[bad] : 0, bad + 1);
        } else {
            byl_rd_skip(r, BYL_SKIP_JSON, line, off, "column %d: %s", err.column, err.text);
        }
        return 0;
    }
    r->bin_run = 0;
    if (!json_is_object(root)) {
        json_decref(root);
        byl_rd_skip(r, BYL_SKIP_JSON, line, off, "not a JSON object");
        return 0;
    }
    const json_t *best[K_N] = {NULL};
    const char *best_key[K_N] = {NULL};
    const json_t *odd[K_N] = {NULL};   /* a title or body that is not text */
    const char *odd_key[K_N] = {NULL};
    int brank[K_N] = {0};
    const json_t *dates[DATE_RANKS] = {NULL}; /* every date field, by rank */
    const char *date_keys[DATE_RANKS] = {NULL};
    const char *key;
    json_t *v;
    json_object_foreach(root, key, v) {
        int rank, k = key_kind(key, &rank);
        if (k == K_DATE) {
            /* null and blank are absent; anything else is tried */
            if (!dates[rank] && !json_is_null(v) &&
                !(json_is_string(v) && !str_usable(v))) {
                dates[rank] = v;
                date_keys[rank] = key;
            }
            continue;
        }
        if (k < 0 || (best[k] && rank >= brank[k]))
            continue;
        if (!usable(k, v)) {
            /* a title or body that is there but not text ("body": {...},
             * "text": 12) is said, not dropped unseen */
            if ((k == K_TITLE || k == K_BODY) && !odd_key[k] && !json_is_null(v) &&
                !json_is_string(v) && !(json_is_array(v) && json_array_size(v) == 0)) {
                odd_key[k] = key;
                odd[k] = v;
            }
            continue;
        }
        best[k] = v;
        best_key[k] = key;
        brank[k] = rank;
    }
    byl_rd_begin(r);
    const char *agency = NULL;
    for (int k = 0; k < K_N; k++) {
        const json_t *val = best[k];
        int field = field_of[k];
        if (!val || field < 0)
            continue;
        const char *text;
        size_t tlen;
        if (k == K_AUTHOR) {
            put_authors(r, val, &agency);
        } else if (k == K_ID && json_is_number(val) &&
                   byl_json_member_text(p, n, best_key[k], strlen(best_key[k]), &text, &tlen)) {
            /* a numeric id is its text as written: jansson keeps a double
             * or an int64, which would make 12345678901234567890 lose
             * digits and 1e2 read "1e+02" while 100 reads "100" */
            byl_rd_put(r, field, text, tlen);
        } else if (json_is_string(val)) {
            put_string(r, field, val);
        } else if (json_is_integer(val)) {
            char num[32];
            int len = snprintf(num, sizeof num, "%lld", (long long)json_integer_value(val));
            byl_rd_put(r, field, num, (size_t)len);
        } else if (json_is_real(val)) {
            char num[40];
            int len = real_text(num, sizeof num, json_real_value(val));
            byl_rd_put(r, field, num, (size_t)len);
        } else if (json_is_array(val)) {
            put_joined(r, field, val, k == K_AUTHOR ? "; " : k == K_TITLE ? " " : "\n\n",
                       k == K_AUTHOR);
        } else if (json_is_object(val)) {
            put_string(r, field, named(val));
        }
    }
    if (agency && !r->f[BYL_RF_SOURCE].len) /* "By Jane Roe, Reuters" and no source */
        byl_rd_put(r, BYL_RF_SOURCE, agency, strlen(agency));
    put_tags(r, root);
    /* The best-ranked date field that is a date; if none is, the article
     * goes without a date and the warning shows the best-ranked value. */
    int64_t date = BYL_NO_DATE;
    int bad = -1, nbad = 0;
    int order = date_order(r, dates);
    for (int k = 0; k < DATE_RANKS && date == BYL_NO_DATE; k++) {
        if (!dates[k])
            continue;
        date = date_of(dates[k], order);
        if (date == BYL_NO_DATE && nbad++ == 0)
            bad = k;
    }
    r->json = root; /* the article borrows its strings */
    int rc = byl_rd_emit(r, a, date, line, off);
    if (rc != 1) {
        json_decref(root);
        r->json = NULL;
    }
    for (int k = 0; rc == 1 && k < K_N; k++) {
        if (!odd[k] || best[k])
            continue;
        char name[96], shown[96];
        byl_rd_quote(name, sizeof name, odd_key[k], strlen(odd_key[k]));
        show_value(odd[k], shown, sizeof shown);
        byl_rd_warn(r, BYL_SKIP_FIELD, line, off,
                    "%s: %s is not text; the article is indexed without its %s", name, shown,
                    k == K_TITLE ? "title" : "body");
    }
    if (rc == 1 && twice[0])
        byl_rd_warn(r, BYL_SKIP_FIELD, line, off, "%s; its last value is the one indexed",
                    twice);
    if (rc == 1 && date == BYL_NO_DATE && bad >= 0) {
        char name[96], shown[96];
        byl_rd_quote(name, sizeof name, date_keys[bad], strlen(date_keys[bad]));
        show_value(dates[bad], shown, sizeof shown);
        byl_rd_warn(r, BYL_SKIP_FIELD, line, off,
                    "%s: %s is not a date%s; the article is indexed without one", name, shown,
                    nbad > 1 ? " (nor are its other date fields)" : "");
    }
    return rc;
}

int byl_rd_jsonl_next(byl_reader *r, byl_article *a)
{
    for (;;) {
        if (r->discard) {
            /* The rest of a too-long line: drop it as it streams past. */
            char *nl = memchr(r->buf + r->scan, '\n', r->end - r->scan);
            if (nl) {
                r->start = r->scan = r->lpos = (size_t)(nl - r->buf) + 1;
                r->lineno++;
                r->discard = 0;
                continue;
            }
            r->start = r->scan = r->lpos = r->end;
            if (r->eof) {
                r->discard = 0;
                r->lineno++;
                continue;
            }
        } else {
            char *nl = r->scan < r->end ? memchr(r->buf + r->scan, '\n', r->end - r->scan)
                                        : NULL;
            size_t s = r->start;
            if (nl) {
                size_t e = (size_t)(nl - r->buf);
                r->start = r->scan = r->lpos = e + 1;
                r->lineno++;
                const char *p = r->buf + s, *q = r->buf + e;
                while (p < q && byl_rd_is_space((unsigned char)*p))
                    p++;
                if (p == q)
                    continue; /* blank lines are not records */
                if (e - s > r->max_record) {
                    r->bin_run = 0;
                    byl_rd_skip(r, BYL_SKIP_TOOLONG, r->lineno, r->base + s,
                                "line longer than %zu bytes", r->max_record);
                    continue;
                }
                int rc = jsonl_record(r, p, (size_t)(q - p), r->lineno, r->base + s, a);
                if (rc != 0)
                    return rc;
                continue;
            }
            uint64_t line = r->lineno + 1;
            if (r->end - s > r->max_record) {
                r->bin_run = 0;
                byl_rd_skip(r, BYL_SKIP_TOOLONG, line, r->base + s,
                            "line longer than %zu bytes", r->max_record);
                r->discard = 1;
                r->start = r->scan = r->lpos = r->end;
                continue;
            }
            if (r->eof) {
                const char *p = r->buf + s, *q = r->buf + r->end;
                while (p < q && byl_rd_is_space((unsigned char)*p))
                    p++;
                if (p == q)
                    return byl_rd_finish(r, line, r->base + r->end);
                r->start = r->scan = r->lpos = r->end;
                if (r->in_err) { /* the last line was cut by the damage */
                    byl_rd_cut(r, line, r->base + s);
                    continue;
                }
                r->lineno++;
                int rc = jsonl_record(r, p, (size_t)(q - p), line, r->base + s, a);
                if (rc != 0)
                    return rc;
                continue;
            }
            r->scan = r->end;
        }
        int rc = byl_rd_fill(r);
        if (rc < 0) {
            r->done = 1;
            return rc;
        }
    }
}
