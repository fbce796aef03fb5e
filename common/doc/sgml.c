/*
 * sgml.c - TREC <DOC> and Reuters-21578 <REUTERS> SGML.
 *
 * Streaming: between records the scanner looks at every byte (text there is
 * reported once per run as junk); inside a record it jumps from '<' to '<'
 * with memchr looking only for the record's close tag, or for a new open tag
 * which means the current record was never closed.  A record longer than the
 * limit is reported and discarded up to its close tag as it streams past.
 *
 * Inside a complete record, elements are read by name (case-insensitive):
 *     id       DOCNO, else DOCID, else the open tag's NEWID / id / docid
 *              attribute, else FILE:LINE
 *     title    first non-empty HEADLINE, HEAD, HL, TITLE or TI
 *     body     TEXT, BODY, LP and top-level P elements in document order,
 *              joined by blank lines; a DATELINE ("SALVADOR, Feb 26 -") is
 *              kept in front of the text that follows it, as on the wire
 *     date     first DATE, DATE_TIME, DD or DATE1 that parses (leniently);
 *              when one is there and none parses, the article is kept
 *              without a date, with a BYL_SKIP_FIELD warning showing it
 *     author   BYLINE and AUTHOR, through the byline parser ("By " and
 *              agencies and roles dropped, several names joined by "; ")
 *     source   SO or SOURCE; else an agency named in the byline; else
 *              "Reuters" for Reuters-21578 records
 * TEXT and BODY are containers when they hold field elements (Reuters
 * <TEXT><TITLE>..<BODY>..</TEXT>, AQUAINT <BODY><HEADLINE>..<TEXT>..),
 * and text otherwise (Reuters TYPE="UNPROC", LA Times <TEXT><P>..</P>).
 * HEADER and H3 (FBIS) are containers; other elements are skipped whole.
 * Text has its tags removed (<P> becomes a paragraph break), the entities
 * &amp; &lt; &gt; &quot; &apos;, the Latin-1 and a few typographic names and
 * &#NN; / &#xHH; decoded, and control characters (&#3; included) dropped.
 *
 * A record is skipped, with one warning, when it holds NUL bytes or mostly
 * control characters (BINARY), bytes that are not UTF-8 (UTF8), a field
 * element that is not closed (SGML), or neither title nor body (NOTEXT).
 *
 * Not for: general SGML or XML (no DTDs, no nesting beyond the above).
 */
#include <string.h>

#include "doc/_reader.h"
#include "doc/date.h"
#include "util/err.h"

enum { OUTSIDE = 0, INSIDE = 1 };

enum {
    E_UNKNOWN,
    E_ID0,      /* DOCNO */
    E_ID1,      /* DOCID */
    E_TITLE,
    E_SMART,    /* TEXT, BODY: container or text */
    E_BODY,     /* LP, P */
    E_DATELINE,
    E_DATE,
    E_AUTHOR,
    E_SOURCE,
    E_CONTAINER /* HEADER, H3 */
};

static const struct {
    const char *name;
    int kind;
} elems[] = {
    {"docno", E_ID0},    {"docid", E_ID1},       {"headline", E_TITLE},  {"head", E_TITLE},
    {"hl", E_TITLE},     {"title", E_TITLE},     {"ti", E_TITLE},        {"text", E_SMART},
    {"body", E_SMART},   {"lp", E_BODY},         {"p", E_BODY},          {"dateline", E_DATELINE},
    {"date", E_DATE},    {"date_time", E_DATE},  {"dd", E_DATE},         {"date1", E_DATE},
    {"byline", E_AUTHOR}, {"author", E_AUTHOR},  {"so", E_SOURCE},       {"source", E_SOURCE},
    {"header", E_CONTAINER}, {"h3", E_CONTAINER},
};

typedef struct {
    int kind;
    const char *p, *e; /* content, between the tags */
} span;

static char lower(char c) { return c >= 'A' && c <= 'Z' ? (char)(c | 0x20) : c; }
static int is_alpha(char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }

static int ci_eq(const char *a, const char *lit, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (lower(a[i]) != lit[i])
            return 0;
    return lit[n] == '\0';
}

static size_t name_len(const char *p, const char *e)
{
    const char *q = p;
    if (q >= e || !is_alpha(*q))
        return 0;
    while (q < e && (is_alpha(*q) || (*q >= '0' && *q <= '9') || *q == '_' || *q == '-' ||
                     *q == '.' || *q == ':'))
        q++;
    return (size_t)(q - p);
}

static int elem_kind(const char *name, size_t n)
{
    for (size_t i = 0; i < sizeof elems / sizeof elems[0]; i++)
        if (lower(name[0]) == elems[i].name[0] && ci_eq(name, elems[i].name, n))
            return elems[i].kind;
    return E_UNKNOWN;
}

/* The '>' ending the tag at q ('<'), skipping quoted attribute values;
 * NULL if the tag is not closed before e or another '<' comes first. */
static const char *tag_end(const char *q, const char *e)
{
    for (const char *p = q + 1; p < e; p++) {
        if (*p == '>')
            return p;
        if (*p == '<')
            return NULL;
        if (*p == '"' || *p == '\'') {
            const char *c = memchr(p + 1, *p, (size_t)(e - p - 1));
            if (!c)
                return NULL;
            p = c;
        }
    }
    return NULL;
}

/* End of a "<!...>" declaration or "<!-- -->" comment at q; NULL if not
 * complete before e. */
static const char *decl_end(const char *q, const char *e)
{
    if (e - q >= 4 && memcmp(q, "<!--", 4) == 0) {
        for (const char *p = q + 4; p + 3 <= e; p++) {
            p = memchr(p, '-', (size_t)(e - p));
            if (!p || p + 3 > e)
                return NULL;
            if (p[1] == '-' && p[2] == '>')
                return p + 3;
        }
        return NULL;
    }
    const char *gt = memchr(q, '>', (size_t)(e - q));
    return gt ? gt + 1 : NULL;
}

/* At q ('<'): 1 if "<name" ends there (followed by blank, '>' or '/'),
 * 0 if not, -1 if more bytes are needed to tell. */
static int open_tag_at(const char *q, const char *e, const char *name, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (q + 1 + i >= e)
            return -1;
        if (lower(q[1 + i]) != name[i])
            return 0;
    }
    if (q + 1 + n >= e)
        return -1;
    char c = q[1 + n];
    return c == '>' || c == '/' || byl_rd_is_space((unsigned char)c);
}

/* At q ('<'): the length of "</name>" (blanks allowed before '>') if that is
 * what starts there, 0 if not, -1 if more bytes are needed. */
static long close_tag_at(const char *q, const char *e, const char *name, size_t n)
{
    if (q + 1 >= e)
        return -1;
    if (q[1] != '/')
        return 0;
    for (size_t i = 0; i < n; i++) {
        if (q + 2 + i >= e)
            return -1;
        if (lower(q[2 + i]) != name[i])
            return 0;
    }
    const char *p = q + 2 + n;
    while (p < e && byl_rd_is_space((unsigned char)*p) && p - q < 64)
        p++;
    if (p >= e)
        return -1;
    return *p == '>' ? (long)(p + 1 - q) : 0;
}

/* The close tag of the element named (name, n) after p: its '<', with the
 * byte after its '>' in *after; NULL if there is none before e. */
static const char *find_close(const char *p, const char *e, const char *name, size_t n,
                              const char **after)
{
    char lname[32];
    if (n >= sizeof lname)
        return NULL;
    for (size_t i = 0; i < n; i++)
        lname[i] = lower(name[i]);
    while (p < e && (p = memchr(p, '<', (size_t)(e - p))) != NULL) {
        long c = close_tag_at(p, e, lname, n);
        if (c > 0) {
            *after = p + c;
            return p;
        }
        p++;
    }
    return NULL;
}

/* ---------------------------------------------------------------- text */

static void put_utf8(byl_buf *o, uint32_t cp)
{
    uint8_t u[4];
    size_t n;
    if (cp < 0x80) {
        u[0] = (uint8_t)cp;
        n = 1;
    } else if (cp < 0x800) {
        u[0] = (uint8_t)(0xC0 | cp >> 6);
        u[1] = (uint8_t)(0x80 | (cp & 0x3F));
        n = 2;
    } else if (cp < 0x10000) {
        u[0] = (uint8_t)(0xE0 | cp >> 12);
        u[1] = (uint8_t)(0x80 | (cp >> 6 & 0x3F));
        u[2] = (uint8_t)(0x80 | (cp & 0x3F));
        n = 3;
    } else {
        u[0] = (uint8_t)(0xF0 | cp >> 18);
        u[1] = (uint8_t)(0x80 | (cp >> 12 & 0x3F));
        u[2] = (uint8_t)(0x80 | (cp >> 6 & 0x3F));
        u[3] = (uint8_t)(0x80 | (cp & 0x3F));
        n = 4;
    }
    byl_buf_put(o, u, n);
}

/* HTML 4 Latin-1 entity names, U+00A0 .. U+00FF in order. */
static const char *const latin1[96] = {
    "nbsp",   "iexcl",  "cent",   "pound",  "curren", "yen",    "brvbar", "sect",
    "uml",    "copy",   "ordf",   "laquo",  "not",    "shy",    "reg",    "macr",
    "deg",    "plusmn", "sup2",   "sup3",   "acute",  "micro",  "para",   "middot",
    "cedil",  "sup1",   "ordm",   "raquo",  "frac14", "frac12", "frac34", "iquest",
    "Agrave", "Aacute", "Acirc",  "Atilde", "Auml",   "Aring",  "AElig",  "Ccedil",
    "Egrave", "Eacute", "Ecirc",  "Euml",   "Igrave", "Iacute", "Icirc",  "Iuml",
    "ETH",    "Ntilde", "Ograve", "Oacute", "Ocirc",  "Otilde", "Ouml",   "times",
    "Oslash", "Ugrave", "Uacute", "Ucirc",  "Uuml",   "Yacute", "THORN",  "szlig",
    "agrave", "aacute", "acirc",  "atilde", "auml",   "aring",  "aelig",  "ccedil",
    "egrave", "eacute", "ecirc",  "euml",   "igrave", "iacute", "icirc",  "iuml",
    "eth",    "ntilde", "ograve", "oacute", "ocirc",  "otilde", "ouml",   "divide",
    "oslash", "ugrave", "uacute", "ucirc",  "uuml",   "yacute", "thorn",  "yuml",
};

static const struct {
    const char *name;
    uint32_t cp;
} named[] = {
    {"amp", '&'},      {"lt", '<'},       {"gt", '>'},       {"quot", '"'},
    {"apos", '\''},    {"ndash", 0x2013}, {"mdash", 0x2014}, {"lsquo", 0x2018},
    {"rsquo", 0x2019}, {"ldquo", 0x201C}, {"rdquo", 0x201D}, {"bull", 0x2022},
    {"hellip", 0x2026}, {"euro", 0x20AC}, {"trade", 0x2122},
};

/* Decodes the entity at p ('&').  Returns 0 if it is none (the '&' is
 * literal), else 1 with the code point in *cp (0: drop it) and *next. */
static int entity(const char *p, const char *e, uint32_t *cp, const char **next)
{
    const char *q = p + 1;
    if (q < e && *q == '#') {
        q++;
        int hex = q < e && lower(*q) == 'x';
        q += hex;
        uint32_t v = 0;
        int nd = 0;
        while (q < e && nd < 8) {
            char c = lower(*q);
            if (c >= '0' && c <= '9')
                v = v * (hex ? 16 : 10) + (uint32_t)(c - '0');
            else if (hex && c >= 'a' && c <= 'f')
                v = v * 16 + (uint32_t)(c - 'a' + 10);
            else
                break;
            nd++;
            q++;
        }
        if (!nd)
            return 0;
        if (q < e && *q == ';')
            q++;
        *next = q;
        if (v == '\t' || v == '\n' || v == '\r')
            v = ' ';
        else if (v < 0x20 || (v >= 0x7F && v <= 0x9F) || (v >= 0xD800 && v <= 0xDFFF) ||
                 v > 0x10FFFF)
            v = 0; /* control characters (Reuters' &#2; &#3; &#5;) and junk */
        *cp = v;
        return 1;
    }
    size_t n = 0;
    while (q + n < e && n < 8 && (is_alpha(q[n]) || (q[n] >= '0' && q[n] <= '9')))
        n++;
    if (!n || q + n >= e || q[n] != ';')
        return 0;
    *next = q + n + 1;
    for (size_t i = 0; i < sizeof named / sizeof named[0]; i++) {
        if (ci_eq(q, named[i].name, n)) {
            *cp = named[i].cp;
            return 1;
        }
    }
    for (size_t i = 0; i < 96; i++) {
        if (strlen(latin1[i]) == n && memcmp(latin1[i], q, n) == 0) {
            *cp = i == 0 ? ' ' : 0xA0 + (uint32_t)i; /* &nbsp; is a plain space here */
            return 1;
        }
    }
    return 0;
}

/* Is the tag [q, gt] a paragraph-level one (<P>, </P>, <BR>, <DIV>, ...)? */
static int para_tag(const char *q, const char *gt)
{
    const char *p = q + 1;
    if (p < gt && *p == '/')
        p++;
    size_t n = name_len(p, gt);
    return ci_eq(p, "p", n) || ci_eq(p, "br", n) || ci_eq(p, "div", n) || ci_eq(p, "li", n) ||
           ci_eq(p, "lp", n) || (n == 2 && lower(p[0]) == 'h' && p[1] >= '1' && p[1] <= '6');
}

enum { TXT_BLOCK, TXT_INLINE };

/* Writes the separator owed before more text (1 space, 2 blank line),
 * unless nothing was written yet since start. */
static void flush_pending(byl_buf *o, size_t start, int pend)
{
    if (!pend || o->len == start)
        return;
    if (pend == 2) {
        while (o->len > start && byl_rd_is_space(o->data[o->len - 1]))
            o->len--;
        byl_buf_put(o, "\n\n", 2);
    } else if (!byl_rd_is_space(o->data[o->len - 1])) {
        byl_buf_put_u8(o, ' ');
    }
}

/* Appends the text of SGML content [p, e) to o: tags removed (paragraph
 * tags become a blank line, others vanish), entities decoded, control
 * characters dropped, leading and trailing blanks trimmed.  TXT_INLINE
 * also folds every run of whitespace into one space (titles, ids, names);
 * TXT_BLOCK keeps line breaks and indentation (bodies). */
static void sgml_text(byl_buf *o, const char *p, const char *e, int mode)
{
    size_t start = o->len;
    int pend = 0; /* separator owed before the next visible byte: 1 space, 2 paragraph */
    while (p < e) {
        /* A run of ordinary bytes goes out in one piece. */
        const char *q = p;
        while (q < e) {
            unsigned char c = (unsigned char)*q;
            if (c == '<' || c == '&' || c < 0x20 || c == 0x7F || (c == ' ' && mode == TXT_INLINE))
                break;
            q++;
        }
        if (q > p) {
            if (pend == 2 && mode == TXT_BLOCK && o->len > start) {
                while (o->len > start && byl_rd_is_space(o->data[o->len - 1]))
                    o->len--;
                byl_buf_put(o, "\n\n", 2);
                while (p < q && *p == ' ')
                    p++;
            } else if (pend && o->len > start && !byl_rd_is_space(o->data[o->len - 1]) && *p != ' ') {
                byl_buf_put_u8(o, ' ');
            }
            pend = 0;
            if (mode == TXT_BLOCK && o->len == start)
                while (p < q && *p == ' ')
                    p++;
            byl_buf_put(o, p, (size_t)(q - p));
            p = q;
            continue;
        }
        unsigned char c = (unsigned char)*p;
        if (c == '<') {
            const char *gt;
            if (p + 1 < e && (is_alpha(p[1]) || p[1] == '/' || p[1] == '!' || p[1] == '?') &&
                (gt = tag_end(p, e)) != NULL) {
                /* Paragraph tags separate; inline ones (<F>, <B>, comments)
                 * vanish, as they do on a page. */
                if (para_tag(p, gt))
                    pend = mode == TXT_BLOCK ? 2 : 1;
                p = gt + 1;
                continue;
            }
        } else if (c == '&') {
            uint32_t cp;
            const char *next;
            if (entity(p, e, &cp, &next)) {
                p = next;
                if (cp == ' ') {
                    if (!pend)
                        pend = 1;
                } else if (cp) {
                    flush_pending(o, start, pend);
                    pend = 0;
                    put_utf8(o, cp);
                }
                continue;
            }
        } else if (byl_rd_is_space(c)) {
            p++;
            if (mode == TXT_INLINE) {
                if (!pend)
                    pend = 1;
            } else if (c != '\r' && o->len > start && !pend) {
                byl_buf_put_u8(o, c == '\f' || c == '\v' ? '\n' : c);
            }
            continue;
        } else if (c < 0x20 || c == 0x7F) {
            p++; /* control characters are dropped */
            continue;
        }
        /* A literal '<' or '&'. */
        flush_pending(o, start, pend);
        pend = 0;
        byl_buf_put_u8(o, c);
        p++;
    }
    while (o->len > start && byl_rd_is_space(o->data[o->len - 1]))
        o->len--;
}

/* ------------------------------------------------------------- records */

typedef struct {
    byl_reader *r;
    const char *rec;  /* the record, for line numbers in messages */
    char err[160];
} walker;

static int push(walker *w, int kind, const char *p, const char *e)
{
    span s = {kind, p, e};
    byl_buf_put(&w->r->spans, &s, sizeof s);
    return w->r->spans.failed ? -1 : 0;
}

/* Does [p, e) hold a field element (so that TEXT/BODY is a container)? */
static int has_field_tag(const char *p, const char *e)
{
    while (p < e && (p = memchr(p, '<', (size_t)(e - p))) != NULL) {
        p++;
        size_t n = name_len(p, e);
        int k = n ? elem_kind(p, n) : E_UNKNOWN;
        if (k != E_UNKNOWN && k != E_BODY && k != E_SOURCE && k != E_CONTAINER)
            return 1;
    }
    return 0;
}

static uint64_t line_in(const walker *w, const char *q)
{
    uint64_t l = w->r->rec_line;
    for (const char *p = w->rec; p < q && (p = memchr(p, '\n', (size_t)(q - p))) != NULL; p++)
        l++;
    return l;
}

/* Collects the field elements of [p, e) into r->spans.  Returns 0, or -1
 * with w->err set (an unclosed field element, or out of memory). */
static int walk(walker *w, const char *p, const char *e, int depth)
{
    while (p < e) {
        const char *q = memchr(p, '<', (size_t)(e - p));
        if (!q || q + 1 >= e)
            return 0;
        if (q[1] == '!') {
            const char *d = decl_end(q, e);
            p = d ? d : q + 1;
            continue;
        }
        size_t n = name_len(q + 1, e);
        const char *gt = n ? tag_end(q, e) : NULL;
        if (!gt) {
            p = q + 1;
            continue;
        }
        const char *cs = gt + 1, *after;
        if (gt[-1] == '/') { /* <EMPTY/> */
            p = cs;
            continue;
        }
        int kind = elem_kind(q + 1, n);
        const char *ce = find_close(cs, e, q + 1, n, &after);
        if (!ce) {
            if (kind == E_UNKNOWN || kind == E_CONTAINER) {
                p = cs; /* an empty element, or an unclosed wrapper: look inside */
                continue;
            }
            if (kind == E_BODY) { /* an unclosed <P> runs to the next tag */
                const char *nx = memchr(cs, '<', (size_t)(e - cs));
                if (push(w, E_BODY, cs, nx ? nx : e) < 0)
                    goto oom;
                p = nx ? nx : e;
                continue;
            }
            snprintf(w->err, sizeof w->err, "<%.*s> at line %llu is not closed", (int)n, q + 1,
                     (unsigned long long)line_in(w, q));
            return -1;
        }
        switch (kind) {
        case E_UNKNOWN:
            break;
        case E_CONTAINER:
            if (depth < 8 && walk(w, cs, ce, depth + 1) < 0)
                return -1;
            break;
        case E_SMART:
            if (depth < 8 && has_field_tag(cs, ce)) {
                if (walk(w, cs, ce, depth + 1) < 0)
                    return -1;
            } else if (push(w, E_BODY, cs, ce) < 0) {
                goto oom;
            }
            break;
        default:
            if (push(w, kind, cs, ce) < 0)
                goto oom;
        }
        p = after;
    }
    return 0;
oom:
    snprintf(w->err, sizeof w->err, "out of memory");
    return -1;
}

/* The value of attribute name (lower case) in the tag [q, gt). */
static int attr(const char *q, const char *gt, const char *name, const char **v, size_t *vn)
{
    size_t nl = strlen(name);
    const char *p = q + 1;
    p += name_len(p, gt);
    while (p < gt) {
        while (p < gt && byl_rd_is_space((unsigned char)*p))
            p++;
        size_t n = name_len(p, gt);
        if (!n) {
            p++;
            continue;
        }
        int match = n == nl && ci_eq(p, name, n);
        p += n;
        while (p < gt && byl_rd_is_space((unsigned char)*p))
            p++;
        if (p >= gt || *p != '=')
            continue;
        p++;
        while (p < gt && byl_rd_is_space((unsigned char)*p))
            p++;
        const char *s = p, *t;
        if (p < gt && (*p == '"' || *p == '\'')) {
            t = memchr(p + 1, *p, (size_t)(gt - p - 1));
            if (!t)
                return 0;
            s = p + 1;
            p = t + 1;
        } else {
            while (p < gt && !byl_rd_is_space((unsigned char)*p))
                p++;
            t = p;
        }
        if (match) {
            *v = s;
            *vn = (size_t)(t - s);
            return 1;
        }
    }
    return 0;
}

/* Fills field from the first span of kind whose text is not empty. */
static void first_text(byl_reader *r, int field, int kind, int mode)
{
    const span *sp = (const span *)r->spans.data;
    size_t ns = r->spans.len / sizeof *sp;
    for (size_t i = 0; i < ns; i++) {
        if (sp[i].kind != kind)
            continue;
        size_t mark = r->out.len;
        byl_rd_field_open(r, field);
        sgml_text(&r->out, sp[i].p, sp[i].e, mode);
        byl_rd_field_close(r, field);
        if (r->f[field].len)
            return;
        r->out.len = mark;
        r->f[field].set = 0;
    }
}

/* Parses the complete record [p, p+n) (open tag to close tag). */
static int sgml_record(byl_reader *r, const char *p, size_t n, byl_article *a)
{
    uint64_t line = r->rec_line, off = r->rec_off;
    const char *e = p + n;
    if (n > r->max_record) {
        byl_rd_skip(r, BYL_SKIP_TOOLONG, line, off, "record longer than %zu bytes",
                    r->max_record);
        return 0;
    }
    if (byl_rd_binary(p, n)) {
        byl_rd_skip(r, BYL_SKIP_BINARY, line, off, "binary data in the record");
        return 0;
    }
    size_t bad = byl_rd_utf8_bad(p, n);
    if (bad < n) {
        walker tw = {r, p, ""};
        byl_rd_skip(r, BYL_SKIP_UTF8, line, off, "invalid UTF-8 byte 0x%02x at line %llu",
                    (unsigned char)p[bad], (unsigned long long)line_in(&tw, p + bad));
        return 0;
    }
    const char *gt = tag_end(p, e);
    const char *close = memrchr(p, '<', n);
    if (!gt || !close || close <= gt) {
        byl_rd_skip(r, BYL_SKIP_SGML, line, off, "malformed open tag");
        return 0;
    }
    walker w = {r, p, ""};
    r->spans.len = 0;
    if (walk(&w, gt + 1, close, 0) < 0) {
        if (r->spans.failed) {
            r->spans.failed = 0;
            r->done = 1;
            return byl_error_set(BYL_ENOMEM, "%s:%llu: out of memory", r->file,
                                 (unsigned long long)line);
        }
        byl_rd_skip(r, BYL_SKIP_SGML, line, off, "%s", w.err);
        return 0;
    }
    const span *sp = (const span *)r->spans.data;
    size_t ns = r->spans.len / sizeof *sp;

    byl_rd_begin(r);
    first_text(r, BYL_RF_ID, E_ID0, TXT_INLINE);
    if (!r->f[BYL_RF_ID].len)
        first_text(r, BYL_RF_ID, E_ID1, TXT_INLINE);
    const char *v;
    size_t vn;
    if (!r->f[BYL_RF_ID].len &&
        (attr(p, gt, "newid", &v, &vn) || attr(p, gt, "id", &v, &vn) ||
         attr(p, gt, "docid", &v, &vn) || attr(p, gt, "docno", &v, &vn))) {
        byl_rd_field_open(r, BYL_RF_ID);
        sgml_text(&r->out, v, v + vn, TXT_INLINE);
        byl_rd_field_close(r, BYL_RF_ID);
    }
    first_text(r, BYL_RF_TITLE, E_TITLE, TXT_INLINE);

    byl_rd_field_open(r, BYL_RF_BODY);
    size_t body0 = r->out.len;
    int after_dateline = 0;
    for (size_t i = 0; i < ns; i++) {
        if (sp[i].kind != E_BODY && sp[i].kind != E_DATELINE)
            continue;
        size_t before = r->out.len;
        if (before > body0)
            byl_buf_put(&r->out, after_dateline ? " " : "\n\n", after_dateline ? 1 : 2);
        size_t from = r->out.len;
        int dl = sp[i].kind == E_DATELINE;
        sgml_text(&r->out, sp[i].p, sp[i].e, dl ? TXT_INLINE : TXT_BLOCK);
        if (r->out.len == from) {
            r->out.len = before;
            continue;
        }
        after_dateline = dl;
    }
    byl_rd_field_close(r, BYL_RF_BODY);

    const char *agency = NULL;
    byl_rd_field_open(r, BYL_RF_AUTHOR);
    size_t author0 = r->out.len;
    for (size_t i = 0; i < ns; i++) {
        if (sp[i].kind != E_AUTHOR)
            continue;
        r->tmp.len = 0;
        sgml_text(&r->tmp, sp[i].p, sp[i].e, TXT_INLINE);
        byl_rd_byline((const char *)r->tmp.data, r->tmp.len, 0, &r->out, author0, &agency);
    }
    byl_rd_field_close(r, BYL_RF_AUTHOR);

    first_text(r, BYL_RF_SOURCE, E_SOURCE, TXT_INLINE);
    if (!r->f[BYL_RF_SOURCE].len) {
        const char *src = agency ? agency : r->fmt == BYL_FMT_REUTERS ? "Reuters" : NULL;
        if (src)
            byl_rd_put(r, BYL_RF_SOURCE, src, strlen(src));
    }

    /* The first date element that parses; when none does, the article is
     * kept without a date and the first one's text is shown in a warning. */
    int64_t date = BYL_NO_DATE;
    char shown[96] = "";
    uint64_t bad_line = 0;
    for (size_t i = 0; i < ns && date == BYL_NO_DATE; i++) {
        if (sp[i].kind != E_DATE)
            continue;
        r->tmp.len = 0;
        sgml_text(&r->tmp, sp[i].p, sp[i].e, TXT_INLINE);
        int64_t t;
        if (r->tmp.failed)
            break;
        if (r->tmp.len == 0)
            continue; /* an empty element is an absent date */
        if (byl_date_parse_lenient((const char *)r->tmp.data, r->tmp.len, &t) == 0) {
            date = t;
        } else if (!bad_line) {
            byl_rd_quote(shown, sizeof shown, (const char *)r->tmp.data, r->tmp.len);
            bad_line = line_in(&w, sp[i].p);
        }
    }
    if (r->tmp.failed) {
        r->tmp.failed = 0;
        r->out.failed = 1; /* reported by emit */
    }
    int rc = byl_rd_emit(r, a, date, line, off);
    if (rc == 1 && date == BYL_NO_DATE && bad_line)
        byl_rd_warn(r, BYL_SKIP_FIELD, line, off,
                    "the date %s at line %llu is not a date; the article is indexed without one",
                    shown, (unsigned long long)bad_line);
    return rc;
}

/* ------------------------------------------------------------ streaming */

static void junk_add(byl_reader *r, unsigned char c)
{
    if (!r->junk) {
        r->junk = 1;
        r->junk_line = byl_rd_line_at(r, r->scan);
        r->junk_off = r->base + r->scan;
        r->junk_len = r->junk_ctrl = 0;
        r->junk_nul = 0;
    }
    r->junk_len++;
    if (c == 0)
        r->junk_nul = 1;
    else if ((c < 0x20 && !byl_rd_is_space(c) && c != 0x1B) || c == 0x7F)
        r->junk_ctrl++;
}

static void junk_flush(byl_reader *r, const char *tag)
{
    if (!r->junk)
        return;
    r->junk = 0;
    int bin = r->junk_nul || r->junk_ctrl * 4 > r->junk_len;
    byl_rd_skip(r, bin ? BYL_SKIP_BINARY : BYL_SKIP_SGML, r->junk_line, r->junk_off,
                "%llu bytes of %s outside <%s> elements", (unsigned long long)r->junk_len,
                bin ? "binary data" : "text", tag);
}

int byl_rd_sgml_next(byl_reader *r, byl_article *a)
{
    const char *tag = r->fmt == BYL_FMT_REUTERS ? "reuters" : "doc";
    const char *TAG = r->fmt == BYL_FMT_REUTERS ? "REUTERS" : "DOC";
    size_t tn = strlen(tag);
    for (;;) {
        char *buf = r->buf, *e = buf + r->end;
        int need = 0;
        if (r->discard) {
            /* The rest of a too-long record: drop it up to its close tag. */
            for (;;) {
                char *q = r->scan < r->end ? memchr(buf + r->scan, '<', r->end - r->scan) : NULL;
                if (!q) {
                    byl_rd_consume(r, r->end);
                    if (r->eof)
                        r->discard = 0;
                    break;
                }
                size_t pos = (size_t)(q - buf);
                long c = close_tag_at(q, e, tag, tn);
                int o = c ? 0 : open_tag_at(q, e, tag, tn);
                if ((c < 0 || o < 0) && !r->eof) {
                    byl_rd_consume(r, pos);
                    need = 1;
                    break;
                }
                if (c > 0 || o > 0) {
                    byl_rd_consume(r, c > 0 ? pos + (size_t)c : pos);
                    r->scan = r->start;
                    r->discard = 0;
                    break;
                }
                r->scan = pos + 1;
            }
            if (!r->discard)
                continue;
        } else if (r->state == OUTSIDE) {
            while (r->scan < r->end) {
                char *p = buf + r->scan;
                unsigned char c = (unsigned char)*p;
                if (c == '<') {
                    int o = open_tag_at(p, e, tag, tn);
                    if (o < 0 && !r->eof) {
                        need = 1;
                        break;
                    }
                    if (o > 0) {
                        junk_flush(r, TAG);
                        r->rec_line = byl_rd_line_at(r, r->scan);
                        r->rec_off = r->base + r->scan;
                        r->start = r->mark = r->scan;
                        r->scan++;
                        r->state = INSIDE;
                        break;
                    }
                    if (p + 1 < e && p[1] == '!' && !r->junk) {
                        const char *d = decl_end(p, e);
                        if (!d && !r->eof && (size_t)(e - p) < r->max_record) {
                            need = 1;
                            break;
                        }
                        if (d) { /* <!DOCTYPE ...>, <!-- ... --> */
                            r->scan = (size_t)(d - buf);
                            continue;
                        }
                    }
                }
                if (!byl_rd_is_space(c))
                    junk_add(r, c);
                r->scan++;
            }
            if (r->state == OUTSIDE) {
                byl_rd_consume(r, r->scan);
                if (!need && r->eof) {
                    junk_flush(r, TAG);
                    return byl_rd_finish(r, byl_rd_line_at(r, r->end), r->base + r->end);
                }
            }
        }
        if (!need && !r->discard && r->state == INSIDE) {
            for (;;) {
                char *q = r->scan < r->end ? memchr(buf + r->scan, '<', r->end - r->scan) : NULL;
                if (!q) {
                    r->scan = r->end;
                    break;
                }
                size_t pos = (size_t)(q - buf);
                long c = close_tag_at(q, e, tag, tn);
                int o = c ? 0 : open_tag_at(q, e, tag, tn);
                if ((c < 0 || o < 0) && !r->eof) {
                    r->scan = pos;
                    need = 1;
                    break;
                }
                if (c > 0) {
                    size_t rend = pos + (size_t)c;
                    r->state = OUTSIDE;
                    r->scan = rend;
                    int rc = sgml_record(r, buf + r->mark, rend - r->mark, a);
                    byl_rd_consume(r, rend);
                    if (rc != 0)
                        return rc;
                    goto next;
                }
                if (o > 0) {
                    byl_rd_skip(r, BYL_SKIP_SGML, r->rec_line, r->rec_off,
                                "<%s> not closed before the next <%s> at line %llu", TAG, TAG,
                                (unsigned long long)byl_rd_line_at(r, pos));
                    r->state = OUTSIDE;
                    byl_rd_consume(r, pos);
                    r->scan = pos;
                    goto next;
                }
                r->scan = pos + 1;
            }
            if (r->end - r->mark > r->max_record) {
                byl_rd_skip(r, BYL_SKIP_TOOLONG, r->rec_line, r->rec_off,
                            "<%s> element longer than %zu bytes", TAG, r->max_record);
                r->state = OUTSIDE;
                r->discard = 1;
                byl_rd_consume(r, r->scan);
                continue;
            }
            if (r->eof) {
                if (r->in_err)
                    byl_rd_cut(r, r->rec_line, r->rec_off);
                else
                    byl_rd_skip(r, BYL_SKIP_SGML, r->rec_line, r->rec_off,
                                "<%s> not closed at end of input", TAG);
                r->state = OUTSIDE;
                byl_rd_consume(r, r->end);
                continue;
            }
        }
        {
            int rc = byl_rd_fill(r);
            if (rc < 0) {
                r->done = 1;
                return rc;
            }
        }
    next:;
    }
}
