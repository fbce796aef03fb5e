/*
 * text.c - one plain-text article per file, and the byline parser that the
 * SGML reader shares.
 *
 * The first non-empty line is the title.  Among the next six non-empty
 * lines, a byline ("By NAME", "By NAME and NAME", "By NAME, Reuters") and
 * date lines ("Nov 26, 2025, 2:34 a.m. ET", "Published Date : 11/07/2025",
 * "2025-11-26", "November 26, 2025"; labels such as Published, Updated,
 * Posted, Date are allowed in front) are taken out of the text: the first
 * byline gives the author (and an agency in it the source), the first date
 * line the date.  Lines that are neither stay in the body, which is the rest
 * of the file (CRLF and a lone CR read as LF, blank lines at either end
 * trimmed).  The id is the path as given to byl_reader_open.
 *
 * A byline must look like one, so that body text such as "By 2030, the
 * company..." or "By the time..." is left alone: after "By", every part
 * between commas / "and" must be a name (capitalized words, initials and
 * particles such as de, van, bin, al), an agency, or a role.
 *
 * Not for: HTML pages, or files holding several articles.
 */
#include <string.h>

#include "doc/_reader.h"
#include "util/err.h"

static char lower(char c) { return c >= 'A' && c <= 'Z' ? (char)(c | 0x20) : c; }

static int is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static void trim(const char **s, size_t *n)
{
    while (*n && is_space((unsigned char)**s)) {
        (*s)++;
        (*n)--;
    }
    while (*n && is_space((unsigned char)(*s)[*n - 1]))
        (*n)--;
}

static int ci_eqn(const char *a, size_t n, const char *lit)
{
    size_t i = 0;
    for (; i < n && lit[i]; i++)
        if (lower(a[i]) != lit[i])
            return 0;
    return i == n && lit[i] == '\0';
}

/* --------------------------------------------------------------- bylines */

static const struct {
    const char *match; /* lower case */
    const char *name;  /* as a source */
} agencies[] = {
    {"reuters", "Reuters"},
    {"reuter", "Reuters"},
    {"thomson reuters", "Reuters"},
    {"associated press", "Associated Press"},
    {"the associated press", "Associated Press"},
    {"ap", "Associated Press"},
    {"afp", "AFP"},
    {"agence france-presse", "AFP"},
    {"agence france presse", "AFP"},
    {"bloomberg", "Bloomberg"},
    {"bloomberg news", "Bloomberg"},
    {"upi", "UPI"},
    {"united press international", "UPI"},
    {"cnn", "CNN"},
    {"bbc", "BBC"},
    {"bbc news", "BBC"},
    {"xinhua", "Xinhua"},
    {"dpa", "dpa"},
    {"kyodo", "Kyodo"},
    {"kyodo news", "Kyodo"},
    {"press association", "Press Association"},
    {"the canadian press", "The Canadian Press"},
};

/* Words that make a byline part a role or a desk, not a person. */
static const char *const roles[] = {
    "writer",  "writers",  "correspondent", "correspondents", "reporter", "reporters",
    "editor",  "editors",  "staff",         "contributor",    "contributors",
    "columnist", "bureau", "chief",         "special",        "analyst",  "desk",
    "newsroom", "team",
};

static const char *const particles[] = {"de",  "da", "das", "del", "della", "der", "den",
                                        "di",  "do", "dos", "du",  "la",    "le",  "van",
                                        "von", "bin", "ibn", "al", "el",    "y",   "ter",
                                        "ten", "zu", "e"};

static const char *agency_of(const char *s, size_t n)
{
    for (size_t i = 0; i < sizeof agencies / sizeof agencies[0]; i++)
        if (ci_eqn(s, n, agencies[i].match))
            return agencies[i].name;
    return NULL;
}

/* Calls on each blank-separated word of [s, s+n); stops on non-zero. */
typedef int (*word_fn)(const char *w, size_t n, void *ctx);

static int each_word(const char *s, size_t n, word_fn fn, void *ctx)
{
    size_t i = 0;
    while (i < n) {
        while (i < n && is_space((unsigned char)s[i]))
            i++;
        size_t j = i;
        while (j < n && !is_space((unsigned char)s[j]))
            j++;
        if (j > i) {
            int rc = fn(s + i, j - i, ctx);
            if (rc)
                return rc;
        }
        i = j;
    }
    return 0;
}

static int role_word(const char *w, size_t n, void *ctx)
{
    (void)ctx;
    while (n && (w[n - 1] == '.' || w[n - 1] == ','))
        n--;
    for (size_t i = 0; i < sizeof roles / sizeof roles[0]; i++)
        if (ci_eqn(w, n, roles[i]))
            return 1;
    return 0;
}

static int count_word(const char *w, size_t n, void *ctx)
{
    (void)w;
    (void)n;
    ++*(int *)ctx;
    return 0;
}

/* 1 if the word cannot be part of a name. */
static int not_name_word(const char *w, size_t n, void *ctx)
{
    (void)ctx;
    for (size_t i = 0; i < sizeof particles / sizeof particles[0]; i++)
        if (ci_eqn(w, n, particles[i]) && w[0] >= 'a')
            return 0;
    unsigned char c = (unsigned char)w[0];
    if (!(c >= 'A' && c <= 'Z') && c < 0xC0)
        return 1; /* lower case, a digit, punctuation (non-ASCII letters pass) */
    if (n > 40)
        return 1;
    for (size_t i = 0; i < n; i++) {
        unsigned char d = (unsigned char)w[i];
        if (d < 0x80 && !((d | 0x20) >= 'a' && (d | 0x20) <= 'z') && d != '.' && d != '\'' &&
            d != '-')
            return 1;
    }
    return 0;
}

static int words(const char *s, size_t n)
{
    int k = 0;
    each_word(s, n, count_word, &k);
    return k;
}

/* Finds the next separator in [s, e): ',', ';', '|', " and ", " & ".
 * Returns its start and sets *len; NULL when none. */
static const char *next_sep(const char *s, const char *e, size_t *len)
{
    for (const char *p = s; p < e; p++) {
        if (*p == ',' || *p == ';' || *p == '|') {
            *len = 1;
            return p;
        }
        if (is_space((unsigned char)*p)) {
            if (e - p >= 5 && lower(p[1]) == 'a' && lower(p[2]) == 'n' && lower(p[3]) == 'd' &&
                is_space((unsigned char)p[4])) {
                *len = 5;
                return p;
            }
            if (e - p >= 3 && p[1] == '&' && is_space((unsigned char)p[2])) {
                *len = 3;
                return p;
            }
        }
    }
    return NULL;
}

int byl_rd_byline(const char *s, size_t n, int strict, byl_buf *out, size_t from,
                  const char **agency)
{
    if (!s) /* (NULL, 0) from a byl_buf never grown: pointer arithmetic on NULL is UB */
        s = "";
    trim(&s, &n);
    if (n >= 2 && lower(s[0]) == 'b' && lower(s[1]) == 'y' &&
        (n == 2 || is_space((unsigned char)s[2]) || s[2] == ':')) {
        s += 2;
        n -= 2;
        while (n && (is_space((unsigned char)*s) || *s == ':')) {
            s++;
            n--;
        }
    } else if (strict) {
        return -1;
    }
    if (strict && (n == 0 || n > 150))
        return -1;
    size_t len0 = out->len;
    const char *found = NULL;
    int names = 0, parts = 0;
    const char *p = s, *e = s + n;
    while (p < e) {
        size_t sl = 0;
        const char *sep = next_sep(p, e, &sl);
        const char *q = sep ? sep : e;
        const char *w = p;
        size_t wn = (size_t)(q - p);
        p = sep ? sep + sl : e;
        trim(&w, &wn);
        if (!wn)
            continue;
        parts++;
        const char *ag = agency_of(w, wn);
        if (ag) {
            if (!found)
                found = ag;
            continue;
        }
        if (each_word(w, wn, role_word, NULL))
            continue;
        int nw = words(w, wn);
        if (parts > 1 && nw == 1 && names > 0)
            continue; /* "By Jane Doe, London": a place or a desk */
        if (strict && (nw > 6 || each_word(w, wn, not_name_word, NULL))) {
            out->len = len0;
            return -1;
        }
        if (out->len > from)
            byl_buf_put(out, "; ", 2);
        byl_buf_put(out, w, wn);
        names++;
    }
    if (strict && parts == 0)
        return -1;
    if (found && agency && !*agency)
        *agency = found;
    return names;
}

/* ----------------------------------------------------------- plain text */

/* A date line: an optional label ("Published Date :", "Updated", ...) and
 * then nothing but a date. */
static int date_line(const char *s, size_t n, int64_t *t)
{
    static const char *const labels[] = {
        "published date", "publication date", "date published", "first published",
        "last updated",   "published on",     "posted on",      "updated on",
        "published",      "updated",          "posted",         "dated",
        "date",
    };
    trim(&s, &n);
    for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++) {
        size_t l = strlen(labels[i]);
        if (n > l && ci_eqn(s, l, labels[i]) && (is_space((unsigned char)s[l]) || s[l] == ':')) {
            s += l;
            n -= l;
            while (n && (is_space((unsigned char)*s) || *s == ':')) {
                s++;
                n--;
            }
            break;
        }
    }
    return n && byl_date_parse(s, n, t) == 0;
}

typedef struct {
    const char *p, *e; /* the line, without its newline */
} line_t;

static int next_line(const char **p, const char *e, line_t *l)
{
    if (*p >= e)
        return 0;
    const char *nl = memchr(*p, '\n', (size_t)(e - *p));
    l->p = *p;
    l->e = nl ? nl : e;
    *p = nl ? nl + 1 : e;
    if (l->e > l->p && l->e[-1] == '\r')
        l->e--;
    return 1;
}

static int blank_line(const line_t *l)
{
    for (const char *p = l->p; p < l->e; p++)
        if (!is_space((unsigned char)*p))
            return 0;
    return 1;
}

#define HEAD_LINES 6 /* non-empty lines after the title that may be metadata */

static int text_article(byl_reader *r, byl_article *a)
{
    const char *s = r->buf + r->start, *e = r->buf + r->end;
    size_t n = (size_t)(e - s);
    if (byl_rd_binary(s, n)) {
        byl_rd_skip(r, BYL_SKIP_BINARY, 1, 0, "binary data, not text");
        return 0;
    }
    size_t bad = byl_rd_utf8_bad(s, n);
    if (bad < n) {
        uint64_t line = 1;
        for (const char *p = s; (p = memchr(p, '\n', (size_t)(s + bad - p))) != NULL; p++)
            line++;
        byl_rd_skip(r, BYL_SKIP_UTF8, 1, 0, "invalid UTF-8 byte 0x%02x at line %llu",
                    (unsigned char)s[bad], (unsigned long long)line);
        return 0;
    }
    byl_rd_begin(r);
    byl_rd_put(r, BYL_F_ID, r->file, strlen(r->file));

    const char *p = s;
    line_t l;
    int got;
    while ((got = next_line(&p, e, &l)) != 0 && blank_line(&l))
        ;
    if (got)
        byl_rd_put(r, BYL_F_TITLE, l.p, (size_t)(l.e - l.p));

    /* Metadata lines near the top: remember which to leave out. */
    const char *drop[HEAD_LINES];
    int ndrop = 0, seen = 0, have_author = 0;
    int64_t date = BYL_NO_DATE;
    const char *agency = NULL;
    const char *q = p;
    r->tmp.len = 0;
    while (seen < HEAD_LINES && next_line(&q, e, &l)) {
        if (blank_line(&l))
            continue;
        seen++;
        int64_t t;
        if (!have_author && byl_rd_byline(l.p, (size_t)(l.e - l.p), 1, &r->tmp, 0, &agency) >= 0) {
            have_author = 1;
            drop[ndrop++] = l.p;
        } else if (date_line(l.p, (size_t)(l.e - l.p), &t)) {
            if (date == BYL_NO_DATE)
                date = t;
            drop[ndrop++] = l.p;
        }
    }

    byl_rd_field_open(r, BYL_F_BODY);
    int k = 0;
    while (next_line(&p, e, &l)) {
        if (k < ndrop && l.p == drop[k]) {
            k++;
            continue;
        }
        byl_buf_put(&r->out, l.p, (size_t)(l.e - l.p));
        byl_buf_put_u8(&r->out, '\n');
    }
    byl_rd_field_close(r, BYL_F_BODY);

    if (r->tmp.len)
        byl_rd_put(r, BYL_F_AUTHOR, (const char *)r->tmp.data, r->tmp.len);
    if (agency)
        byl_rd_put(r, BYL_F_SOURCE, agency, strlen(agency));
    if (r->tmp.failed) {
        r->tmp.failed = 0;
        r->out.failed = 1;
    }
    return byl_rd_emit(r, a, date, 1, 0);
}

int byl_rd_text_next(byl_reader *r, byl_article *a)
{
    /* The whole file is one record: read it all, within the limit.  A NUL
     * byte or an oversize file ends the input at once (nothing else in the
     * file could be an article), with one warning and no draining. */
    for (;;) {
        const char *nul = r->scan < r->end ? memchr(r->buf + r->scan, 0, r->end - r->scan) : NULL;
        if (nul) {
            byl_rd_skip(r, BYL_SKIP_BINARY, 1, 0, "NUL byte at offset %llu: binary data, not text",
                        (unsigned long long)(r->base + (size_t)(nul - r->buf)));
            r->err_reported = 1;
            return byl_rd_finish(r, 1, 0);
        }
        r->scan = r->end;
        if (r->end - r->start > r->max_record) {
            byl_rd_skip(r, BYL_SKIP_TOOLONG, 1, 0, "file longer than %zu bytes", r->max_record);
            r->err_reported = 1;
            return byl_rd_finish(r, 1, 0);
        }
        if (r->eof)
            break;
        int rc = byl_rd_fill(r);
        if (rc < 0) {
            r->done = 1;
            return rc;
        }
    }
    if (r->in_err) {
        if (r->end > r->start)
            byl_rd_cut(r, 1, 0);
        return byl_rd_finish(r, 1, 0);
    }
    r->done = 1;
    return text_article(r, a);
}
