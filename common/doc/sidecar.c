/*
 * sidecar.c - metadata a user gives beside a plain-text article: NAME.json
 * next to NAME.txt (or NAME.text, NAME.md).
 *
 * A text file holds what was copied from the page, and often lacks the
 * date, the source or the URL, or has them wrong.  The sidecar is one JSON
 * object; each field it has overrides what the text gave:
 *     id                      the article's id
 *     title, headline         the title
 *     date, published, datePublished, pubDate
 *                             a date as date.h reads them (ambiguous
 *                             numeric dates in the reader's order), or
 *                             seconds since the epoch
 *     author, authors, byline a byline string ("By Jane Roe and John Doe")
 *                             or an array of names
 *     source, site, publisher the source
 *     url, link               the URL
 * Other fields (tags, notes) are ignored: an article has no field for them.
 * A sidecar that is not a JSON object, or a field of the wrong type, is one
 * BYL_SKIP_FIELD warning naming the sidecar, line and column; the article
 * is kept with what its text gave.
 *
 * The walk hands sidecars to the caller like any file: byl_is_sidecar tells
 * them apart, so that they are not indexed as articles of their own.  A
 * file named like one that holds articles (JSON Lines, an array, an object
 * with a "text" or "body") is no sidecar and is indexed as what it is.  A
 * UTF-8 byte order mark before the object is skipped.
 *
 * Not for: metadata of JSON Lines or SGML records (they carry their own).
 */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "doc/_reader.h"
#include "util/err.h"

static const char *const text_exts[] = {".txt", ".text", ".md"};

/* The length of path without a text extension, or 0 if it has none. */
static size_t stem_len(const char *path)
{
    size_t n = strlen(path);
    for (size_t i = 0; i < sizeof text_exts / sizeof text_exts[0]; i++) {
        size_t l = strlen(text_exts[i]);
        if (n > l && strcasecmp(path + n - l, text_exts[i]) == 0 && path[n - l - 1] != '/')
            return n - l;
    }
    return 0;
}

static json_t *field(json_t *o, const char *const *names);

static int is_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* The first JSON value of the file at path, a UTF-8 byte order mark
 * skipped (as in a text file); *more is 1 when anything but white space
 * follows it.  NULL (err set) when it does not parse. */
static json_t *first_value(const char *path, int *more, json_error_t *err)
{
    *more = 0;
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err->text, sizeof err->text, "cannot open it");
        err->line = err->column = 0;
        return NULL;
    }
    unsigned char bom[3];
    if (fread(bom, 1, 3, f) != 3 || memcmp(bom, "\xEF\xBB\xBF", 3) != 0)
        rewind(f);
    json_t *v = json_loadf(f, JSON_DISABLE_EOF_CHECK | JSON_REJECT_DUPLICATES, err);
    int c;
    while (v && (c = getc(f)) != EOF)
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
            *more = 1;
            break;
        }
    fclose(f);
    return v;
}

/* Whether an object holds an article's text under a key the JSON Lines
 * reader takes for one (doc/jsonl.c): then it is an article, not the
 * metadata of one. */
static int has_body(json_t *o)
{
    static const char *const bodies[] = {"text", "body", "content", "article", "maintext",
                                         "articlebody", NULL};
    json_t *v = field(o, bodies);
    if (!v || !json_is_string(v))
        return 0; /* "text": null or a number holds no article */
    for (const char *p = json_string_value(v); *p; p++)
        if (*p != ' ' && *p != '\t' && *p != '\n' && *p != '\r')
            return 1;
    return 0;
}

/* Whether the file, whose first value does not parse, holds more lines
 * that open an object at their start, as JSON Lines records do (a first
 * record damaged, the rest sound); an object spread over lines indents
 * its keys.  Looks at the first 64 KiB. */
static int records_follow(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return 0;
    char buf[1 << 16];
    size_t n = fread(buf, 1, sizeof buf, f);
    fclose(f);
    int opens = 0;
    for (size_t i = 1; i < n; i++)
        opens += buf[i - 1] == '\n' && buf[i] == '{';
    return opens >= 1;
}

/* The sidecar at path by what it holds: its first value (NULL, err set,
 * when it does not parse), with *is 0 when it holds articles instead: more
 * than one value (JSON Lines), an array, an object with an article's text
 * (a non-blank string), or records after a first one that does not parse.
 * A dump of articles named like the notes beside it (dump.json by
 * dump.txt) is input, not metadata.  The caller frees the value. */
static json_t *sidecar_value(const char *path, int *is, json_error_t *err)
{
    int more;
    json_t *v = first_value(path, &more, err);
    *is = v ? !more && !json_is_array(v) && !(json_is_object(v) && has_body(v))
            : !records_follow(path);
    return v;
}

int byl_is_sidecar(const char *path)
{
    size_t n = path ? strlen(path) : 0;
    if (n < 6 || strcasecmp(path + n - 5, ".json") != 0 || n > 4000 || !is_file(path))
        return 0;
    char buf[4096];
    int beside = 0;
    for (size_t i = 0; i < sizeof text_exts / sizeof text_exts[0] && !beside; i++) {
        memcpy(buf, path, n - 5);
        strcpy(buf + n - 5, text_exts[i]);
        beside = is_file(buf);
    }
    if (!beside)
        return 0;
    int is;
    json_error_t err;
    json_decref(sidecar_value(path, &is, &err));
    return is;
}

/* The first of the keys (case and '_'/'-' ignored) present in o. */
static json_t *field(json_t *o, const char *const *names)
{
    const char *key;
    json_t *v;
    for (; *names; names++)
        json_object_foreach(o, key, v) {
            const char *a = key, *b = *names;
            for (;;) {
                while (*a == '_' || *a == '-')
                    a++;
                if (!*a || !*b || ((*a | 0x20) != *b))
                    break;
                a++;
                b++;
            }
            if (!*a && !*b)
                return v;
        }
    return NULL;
}

static void bad_field(byl_reader *r, const char *path, const char *what)
{
    byl_rd_warn(r, BYL_SKIP_FIELD, 1, 0, "sidecar %s: %s is not used", path, what);
}

static void put_str(byl_reader *r, const char *path, json_t *o, int f,
                    const char *const *names, const char *what)
{
    json_t *v = field(o, names);
    if (!v)
        return;
    if (!json_is_string(v)) {
        bad_field(r, path, what);
        return;
    }
    size_t n = json_string_length(v);
    if (n && !memchr(json_string_value(v), 0, n))
        byl_rd_put(r, f, json_string_value(v), n);
}

void byl_rd_sidecar(byl_reader *r, int64_t *date)
{
    size_t stem = stem_len(r->file);
    if (!stem || stem > 4000)
        return;
    char path[4096];
    memcpy(path, r->file, stem);
    strcpy(path + stem, ".json");
    if (!is_file(path))
        return;
    json_error_t err;
    int is;
    json_t *o = sidecar_value(path, &is, &err); /* read once: no byl_is_sidecar first */
    if (!is) { /* a dump, indexed on its own */
        json_decref(o);
        return;
    }
    if (!o || !json_is_object(o)) {
        if (o)
            byl_rd_warn(r, BYL_SKIP_FIELD, 1, 0,
                        "sidecar %s: not a JSON object; its metadata is not used", path);
        else
            byl_rd_warn(r, BYL_SKIP_FIELD, 1, 0,
                        "sidecar %s: line %d column %d: %s; its metadata is not used", path,
                        err.line, err.column, err.text);
        json_decref(o);
        return;
    }
    static const char *const k_id[] = {"id", NULL};
    static const char *const k_title[] = {"title", "headline", NULL};
    static const char *const k_source[] = {"source", "site", "publisher", NULL};
    static const char *const k_url[] = {"url", "link", NULL};
    static const char *const k_date[] = {"date", "published", "datepublished", "pubdate", NULL};
    static const char *const k_author[] = {"author", "authors", "byline", NULL};
    put_str(r, path, o, BYL_RF_ID, k_id, "\"id\" (not a string)");
    put_str(r, path, o, BYL_RF_TITLE, k_title, "\"title\" (not a string)");
    put_str(r, path, o, BYL_RF_SOURCE, k_source, "\"source\" (not a string)");
    put_str(r, path, o, BYL_RF_URL, k_url, "\"url\" (not a string)");
    json_t *v = field(o, k_date);
    if (v) {
        int64_t t;
        if (json_is_string(v) && byl_date_parse_order(json_string_value(v), json_string_length(v),
                                                      r->art_order >= 0 ? r->art_order
                                                                        : byl_rd_date_order(r, NULL),
                                                      &t) == 0)
            *date = t;
        else if (json_is_integer(v))
            *date = (int64_t)json_integer_value(v);
        else
            bad_field(r, path, "\"date\" (not a date)");
    }
    v = field(o, k_author);
    if (v) {
        if (json_is_string(v) || json_is_array(v)) {
            byl_rd_field_open(r, BYL_RF_AUTHOR);
            size_t from = r->out.len;
            if (json_is_string(v)) {
                byl_rd_byline(json_string_value(v), json_string_length(v), 0, &r->out, from, NULL);
            } else {
                size_t i;
                json_t *e;
                json_array_foreach(v, i, e) {
                    if (json_is_string(e))
                        byl_rd_byline(json_string_value(e), json_string_length(e), 0, &r->out,
                                      from, NULL);
                }
            }
            byl_rd_field_close(r, BYL_RF_AUTHOR);
        } else {
            bad_field(r, path, "\"author\" (not a string or array)");
        }
    }
    json_decref(o);
}
