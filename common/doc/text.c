/*
 * text.c - one plain-text article per file, read as a person reads it.
 *
 * Web articles copied into .txt files carry the page's furniture around the
 * headline: a section kicker above it ("NEWS / Analysis", "EXCLUSIVE"),
 * labels ("Listen to this article", "5 min read", "Updated 3 hours ago"), a
 * byline and a date line, together or apart, in any order, and at the end of
 * a wire story a credit line ("(Reporting by ...; Editing by ...)").  So:
 *
 *   - Every line is looked at through byl_rd_clean (Unicode blanks as
 *     spaces, zero-width characters gone); reader.c has already made every
 *     line end LF and dropped a byte order mark.
 *   - Up to PRE_LINES non-blank lines before the headline may be kickers,
 *     labels, bylines or date lines; the first line that is none of them is
 *     the headline.  Up to HEAD_LINES non-blank lines after it may be a
 *     byline, date lines or labels; any other line there (a dek, a
 *     standfirst) stays in the body.  The last TAIL_LINES non-blank lines may
 *     be credit lines or a sign-off ("— Jane Roe").  What these lines are is
 *     decided in byline.c; the first byline gives the author (and an agency
 *     in it the source), the first date the date.
 *   - A headline that is really a paragraph (an article copied without its
 *     headline: more than TITLE_MAX characters, or a sentence of at least
 *     PARA_WORDS words ending in a full stop) gives a title cut at its first
 *     sentence end, else at a word boundary, within TITLE_MAX characters; the
 *     paragraph stays whole in the body.
 *   - No date in the text: a date in the path ("2025/11/26/", "2025-11-26")
 *     is the date.  A sidecar NAME.json beside NAME.txt overrides what the
 *     text gave (sidecar.c).
 *   - The body is every other line, with Unicode blanks as spaces and
 *     zero-width characters dropped; blank lines at either end are trimmed.
 *     Metadata lines are left out of it, and nothing else: every character
 *     of the file is in the title, the body or one of those lines.
 *
 * The id is the id name (byl_reader_set_id_name), else the path as given to
 * byl_reader_open.
 *
 * Not for: HTML pages, or files holding several articles.
 */
#include <string.h>

#include "doc/_reader.h"
#include "doc/date.h"
#include "util/err.h"

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

#define PRE_LINES 6   /* non-blank lines before the headline that may be metadata */
#define HEAD_LINES 6  /* non-blank lines after it that may be metadata */
#define TAIL_LINES 3  /* last non-blank lines that may be credit lines */
#define TITLE_MAX 160 /* characters of a title cut from a paragraph */
#define PARA_WORDS 12 /* a first line of this many words ending in '.' is a paragraph */
#define MAX_DROP (PRE_LINES + HEAD_LINES + TAIL_LINES)
#define META_MAX 240  /* bytes of the longest metadata line (cleaned): longer is text */

/* Cleans line l into *cl (reset first) for looking at; returns its length.
 * For head (1) a line that is surely longer than any metadata line is cut
 * short: only its first part is cleaned, and its length is then more than
 * META_MAX (what the callers need to know of it). */
static size_t clean(byl_buf *cl, const line_t *l, int head)
{
    size_t n = (size_t)(l->e - l->p);
    cl->len = 0;
    if (head == 1 && n > META_MAX + 16) {
        byl_rd_clean(l->p, META_MAX + 16, head, cl); /* cleaning seldom grows text */
        if (cl->len > META_MAX)
            return cl->len;
        cl->len = 0;
    }
    byl_rd_clean(l->p, n, head, cl);
    return cl->len;
}

static const char *cdata(const byl_buf *cl) { return cl->data ? (const char *)cl->data : ""; }

/* Characters (code points) in s[0, n). */
static size_t chars(const char *s, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        k += ((unsigned char)s[i] & 0xC0) != 0x80;
    return k;
}

/* 1 if the cleaned first line s[0, n) is a paragraph, not a headline. */
static int paragraph(const char *s, size_t n)
{
    if (chars(s, n) > TITLE_MAX)
        return 1;
    int w = 1;
    for (size_t i = 0; i < n; i++)
        w += s[i] == ' ';
    return w >= PARA_WORDS && n && s[n - 1] == '.';
}

/* Length of the title cut from paragraph s[0, n): its first sentence if
 * that ends within TITLE_MAX characters (and is not a mere "Mr."), else the
 * last whole word that fits, else TITLE_MAX characters. */
static size_t cut_title(const char *s, size_t n)
{
    size_t i = 0, k = 0, last_space = 0;
    while (i < n && k < TITLE_MAX) {
        unsigned char c = (unsigned char)s[i];
        size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        if (i + len > n)
            len = n - i;
        /* ". X" with X a capital, or the line's end; 。！？ end a sentence too */
        if ((c == '.' || c == '!' || c == '?') && k >= 20 &&
            (i + 1 == n || (s[i + 1] == ' ' && i + 2 < n &&
                            ((s[i + 2] >= 'A' && s[i + 2] <= 'Z') || s[i + 2] == '"' ||
                             (unsigned char)s[i + 2] >= 0xC0))))
            return c == '.' ? i : i + 1;
        if (len == 3 && k >= 10 && (!memcmp(s + i, "\xE3\x80\x82", 3) ||
                                    !memcmp(s + i, "\xEF\xBC\x81", 3) ||
                                    !memcmp(s + i, "\xEF\xBC\x9F", 3)))
            return memcmp(s + i, "\xE3\x80\x82", 3) ? i + 3 : i;
        if (c == ' ')
            last_space = i;
        i += len;
        k++;
    }
    if (i >= n)
        return n;
    size_t cut = last_space ? last_space : i;
    while (cut && (s[cut - 1] == ',' || s[cut - 1] == ';' || s[cut - 1] == ':' ||
                   s[cut - 1] == ' ' || s[cut - 1] == '-'))
        cut--;
    return cut ? cut : i;
}

/* A date in a path: ".../2025/11/26/..." or "...2025-11-26..." */
static int64_t path_date(const char *s)
{
    size_t n = strlen(s);
    for (size_t i = 0; i + 10 <= n; i++) {
        const char *p = s + i;
        int ok = 1;
        for (int k = 0; k < 10 && ok; k++)
            ok = k == 4 || k == 7 ? 1 : p[k] >= '0' && p[k] <= '9';
        if (!ok || p[4] != p[7] || (p[4] != '/' && p[4] != '-'))
            continue;
        if (i > 0 && ((p[-1] >= '0' && p[-1] <= '9') || (p[4] == '/' && p[-1] != '/')))
            continue;
        if (i + 10 < n && ((p[10] >= '0' && p[10] <= '9') || (p[4] == '/' && p[10] != '/')))
            continue;
        int64_t t;
        if (byl_date_parse(p, 10, &t) == 0)
            return t;
    }
    return BYL_NO_DATE;
}

typedef struct {
    const char *at[MAX_DROP]; /* starts of the lines left out, in order */
    int n;
} drops;

static void drop(byl_reader *r, drops *d, const line_t *l, int kind)
{
    int i = d->n++;
    while (i > 0 && d->at[i - 1] > l->p) { /* keep them in file order */
        d->at[i] = d->at[i - 1];
        i--;
    }
    d->at[i] = l->p;
    if (r->on_drop)
        r->on_drop(r->on_drop_ctx, l->p, (size_t)(l->e - l->p), kind);
}

/* Whether line l shows anything: at once when it has a byte that starts
 * no blank (nearly every line), else through clean (*cl clobbered). */
static int visible(byl_buf *cl, const line_t *l)
{
    for (const char *p = l->p; p < l->e; p++) {
        unsigned char c = (unsigned char)*p;
        if (c > 0x20 && c < 0x7F)
            return 1;
    }
    return clean(cl, l, 1) != 0;
}

static int dropped(const drops *d, const char *at)
{
    for (int i = 0; i < d->n; i++)
        if (d->at[i] == at)
            return 1;
    return 0;
}

/* Whether a non-blank line follows p. */
static int more_text(const char *p, const char *e)
{
    for (; p < e; p++)
        if (!byl_rd_is_space((unsigned char)*p) && *p != '\n')
            return 1;
    return 0;
}

/* Whether line l (cleaned in *cl) is a bare name ("Jane Smith") and the
 * next non-blank line after p names only a desk, a role or an agency ("BBC
 * Wales News"), or is a date line ("6/12/2026"): then the name is a
 * byline, appended to r->tmp.  Returns 1 (an affiliation), 2 (a date line:
 * its date in *t), or 0.  *cl is clobbered. */
static int name_over_affiliation(byl_reader *r, byl_buf *cl, const line_t *l, const char *p,
                                 const char *e, int64_t *t)
{
    size_t cn = clean(cl, l, 1);
    int w = 1;
    for (size_t i = 0; i < cn; i++)
        w += cdata(cl)[i] == ' ';
    if (cn > 60 || w < 2 || w > 4)
        return 0;
    byl_buf by;
    byl_buf_init(&by);
    byl_buf_put(&by, "By ", 3);
    byl_buf_put(&by, cdata(cl), cn);
    line_t l2;
    int ok = 0;
    while (next_line(&p, e, &l2))
        if ((cn = clean(cl, &l2, 1)) != 0)
            break;
    int kind = 0;
    if (cn && !by.failed)
        kind = byl_rd_affiliation_line(cdata(cl), cn)                    ? 1
               : cn <= META_MAX && byl_rd_date_line(cdata(cl), cn, r->art_order, t) ? 2
                                                                                  : 0;
    if (kind) {
        size_t len0 = r->tmp.len;
        ok = byl_rd_byline_ex((const char *)by.data, by.len, 1, r->art_order, &r->tmp, 0, NULL,
                              NULL) > 0 ? kind : 0;
        if (!ok)
            r->tmp.len = len0;
    }
    byl_buf_reset(&by);
    return ok;
}

/* The date of a dateline that opens the body: "SAN FRANCISCO, Nov. 26,
 * 2025 /PRNewswire/ --", "PARIS, 26 novembre 2025 -": a place in capitals,
 * a comma, then a date with its year. */
static int64_t dateline_date(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && i < 40 && s[i] != ',' &&
           ((s[i] >= 'A' && s[i] <= 'Z') || s[i] == ' ' || s[i] == '.' || s[i] == '-' ||
            (unsigned char)s[i] >= 0x80))
        i++;
    if (i < 2 || i >= n || s[i] != ',' || !(s[0] >= 'A' && s[0] <= 'Z'))
        return BYL_NO_DATE;
    size_t m = n - i - 1 < 40 ? n - i - 1 : 40;
    const char *d = s + i + 1;
    while (m && *d == ' ')
        d++, m--;
    if (m >= 4 && d[0] >= '0' && d[0] <= '9' && d[1] >= '0' && d[1] <= '9' && d[2] >= '0' &&
        d[2] <= '9' && d[3] >= '0' && d[3] <= '9' && (m == 4 || (d[4] != '-' && d[4] != '/')))
        return BYL_NO_DATE; /* "SEOUL, 2025 will be": a year alone is no dateline's date */
    int64_t t;
    /* the longest prefix that is a date, read leniently (text follows) */
    for (size_t k = m; k > 6; k--)
        if (byl_date_parse_lenient(d, k, &t) == 0)
            return t;
    return BYL_NO_DATE;
}

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
    const char *idname = r->id_name ? r->id_name : r->file;
    byl_rd_put(r, BYL_RF_ID, idname, strlen(idname));
    /* the order of its numeric dates: what its other dates say, before
     * any line is read as a date (doc/dateorder.h) */
    if (r->date_order == BYL_DATE_AUTO) {
        byl_date_votes v = {{0, 0}, {0, 0}};
        byl_date_votes_add(&v, s, n);
        r->art_order = byl_rd_date_order(r, &v);
        byl_date_votes_merge(&r->file_votes, &v);
    } else {
        r->art_order = r->date_order;
    }

    byl_buf cl;
    byl_buf_init(&cl);
    drops d = {{0}, 0};
    int have_author = 0;
    int64_t date = BYL_NO_DATE;
    const char *agency = NULL;
    r->tmp.len = 0;

    /* Before the headline: kickers, labels, bylines, date lines. */
    const char *p = s;
    line_t l, title = {NULL, NULL};
    int seen = 0;
    while (next_line(&p, e, &l)) {
        size_t cn = clean(&cl, &l, 1);
        if (!cn)
            continue;
        int64_t t;
        if (seen++ < PRE_LINES && cn <= META_MAX) {
            if (!have_author &&
                byl_rd_byline_ex(cdata(&cl), cn, 1, r->art_order, &r->tmp, 0, &agency, &date) >= 0) {
                have_author = 1;
                drop(r, &d, &l, 'b');
                continue;
            }
            if (byl_rd_date_line(cdata(&cl), cn, r->art_order, &t)) {
                if (date == BYL_NO_DATE)
                    date = t;
                drop(r, &d, &l, 'd');
                continue;
            }
            if (!have_author &&
                byl_rd_date_by_line(cdata(&cl), cn, r->art_order, &r->tmp, 0, &t) >= 0) {
                have_author = 1;
                if (date == BYL_NO_DATE)
                    date = t;
                drop(r, &d, &l, 'b');
                continue;
            }
            if (more_text(p, e) && byl_rd_label_line(cdata(&cl), cn, 1)) {
                drop(r, &d, &l, 'k');
                continue;
            }
        }
        title = l;
        break;
    }
    const char *body_from = p; /* after the title line */
    int para = 0;
    if (title.p) {
        size_t cn = clean(&cl, &title, 2);
        para = paragraph(cdata(&cl), cn);
        if (para) {
            cn = cut_title(cdata(&cl), cn);
            body_from = title.p;
        }
        byl_rd_put(r, BYL_RF_TITLE, cdata(&cl), cn);
    }

    /* After it: a byline, date lines, labels; a dek stays. */
    const char *q = p;
    seen = 0;
    while (seen < HEAD_LINES && next_line(&q, e, &l)) {
        size_t cn = clean(&cl, &l, 1);
        if (!cn)
            continue;
        seen++;
        int64_t t;
        int k2;
        if (cn > META_MAX)
            continue; /* a paragraph */
        if (!have_author &&
            byl_rd_byline_ex(cdata(&cl), cn, 1, r->art_order, &r->tmp, 0, &agency, &date) >= 0) {
            have_author = 1;
            drop(r, &d, &l, 'b');
        } else if (byl_rd_date_line(cdata(&cl), cn, r->art_order, &t)) {
            if (date == BYL_NO_DATE)
                date = t;
            drop(r, &d, &l, 'd');
        } else if (byl_rd_label_line(cdata(&cl), cn, 0)) {
            drop(r, &d, &l, 'k');
        } else if (!have_author &&
                   byl_rd_date_by_line(cdata(&cl), cn, r->art_order, &r->tmp, 0, &t) >= 0) {
            have_author = 1;
            if (date == BYL_NO_DATE)
                date = t;
            drop(r, &d, &l, 'b');
        } else if (!have_author && (k2 = name_over_affiliation(r, &cl, &l, q, e, &t)) != 0) {
            /* "Jane Smith" over "BBC Wales News": both lines are the
             * byline; over a date line: a byline and a date line */
            line_t l2;
            const char *q2 = q;
            while (next_line(&q2, e, &l2) && !clean(&cl, &l2, 1))
                ;
            have_author = 1;
            drop(r, &d, &l, 'b');
            drop(r, &d, &l2, k2 == 2 ? 'd' : 'b');
            if (k2 == 2 && date == BYL_NO_DATE)
                date = t;
            q = q2;
            seen++;
        }
    }

    /* At the end: credit lines and a sign-off, past the head. */
    line_t tail[TAIL_LINES];
    int nt = 0;
    q = p;
    while (next_line(&q, e, &l)) {
        if (!visible(&cl, &l) || dropped(&d, l.p))
            continue;
        if (nt == TAIL_LINES)
            memmove(tail, tail + 1, sizeof tail[0] * (TAIL_LINES - 1)), nt--;
        tail[nt++] = l;
    }
    for (int i = 0; i < nt; i++) {
        cl.len = 0;
        byl_rd_clean(tail[i].p, (size_t)(tail[i].e - tail[i].p), 1, &cl);
        size_t cn = cl.len;
        if (cn > 2 * META_MAX) /* credit lines run longer than bylines */
            continue;
        size_t from = r->tmp.len;
        const char *ag = NULL;
        int k = byl_rd_credit_line(cdata(&cl), cn, &r->tmp, 0, &ag);
        if (k < 0)
            continue;
        if (have_author)
            r->tmp.len = from; /* the byline said it first */
        else if (k > 0)
            have_author = 1;
        if (!agency)
            agency = ag;
        drop(r, &d, &tail[i], 'c');
    }

    /* The body: every line from the title on, but the title and what was
     * left out. */
    byl_rd_field_open(r, BYL_RF_BODY);
    int k = 0, first_body = 1;
    int64_t dl_date = BYL_NO_DATE;
    p = body_from;
    while (next_line(&p, e, &l)) {
        while (k < d.n && d.at[k] < l.p)
            k++;
        if (k < d.n && l.p == d.at[k]) {
            k++;
            continue;
        }
        size_t before = r->out.len;
        byl_rd_clean(l.p, (size_t)(l.e - l.p), 0, &r->out);
        if (first_body && r->out.len > before) {
            const char *ag = byl_rd_dateline_agency((const char *)r->out.data + before,
                                                    r->out.len - before);
            if (!agency && ag)
                agency = ag;
            size_t b0 = before;
            while (b0 < r->out.len && r->out.data[b0] == ' ')
                b0++;
            dl_date = dateline_date((const char *)r->out.data + b0, r->out.len - b0);
            for (size_t i = before; i < r->out.len; i++)
                if (!byl_rd_is_space(r->out.data[i])) {
                    first_body = 0;
                    break;
                }
        }
        byl_buf_put_u8(&r->out, '\n');
    }
    (void)para;
    byl_rd_field_close(r, BYL_RF_BODY);

    if (r->tmp.len)
        byl_rd_put(r, BYL_RF_AUTHOR, (const char *)r->tmp.data, r->tmp.len);
    if (agency)
        byl_rd_put(r, BYL_RF_SOURCE, agency, strlen(agency));
    if (date == BYL_NO_DATE)
        date = dl_date;
    if (date == BYL_NO_DATE)
        date = path_date(idname);
    if (cl.failed || r->tmp.failed) {
        r->tmp.failed = 0;
        r->out.failed = 1;
    }
    byl_buf_reset(&cl);
    byl_rd_sidecar(r, &date);
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
