/*
 * jsonscan.c - one JSON Lines record read into a jansson tree without
 * jansson's lexer (contract in jsonscan.h).
 *
 * Why: jansson reads its input a byte at a time through a function pointer,
 * checks UTF-8 byte by byte and copies every string byte by byte into a
 * growing buffer; that was a quarter of the instructions of a Reuters build
 * (callgrind, 5,000 records).  Here a string without escapes is found with
 * a table lookup per byte and handed to json_stringn_nocheck in one copy;
 * the tree itself is built with jansson's own constructors, so what the
 * reader does with it is unchanged.
 *
 * Strict by design: every branch that is not the plain, common shape
 * declines (returns 0) rather than guess, and jansson reads the line.  The
 * cases taken here are exactly jansson's rules (RFC 8259 plus strict UTF-8:
 * no overlong forms, no encoded surrogates, nothing above U+10FFFF; \u0000
 * allowed in values as with JSON_ALLOW_NUL; a later duplicate key replaces
 * the earlier value in its place, as json_object_setn does).
 *
 * Also here: the text of a top-level member's value as the line writes it
 * (byl_json_member_text), for a number that must keep its digits, and
 * numbers beyond a double made ones it holds (byl_json_tame_numbers).
 *
 * Not for: error messages (jansson's), top-level values other than an
 * object, escaped keys (rare; jansson reads them).
 */
#include "doc/jsonscan.h"

#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/mem.h"

typedef struct {
    const unsigned char *q, *end; /* the unread rest of the line */
    char *buf;                    /* unescaped value strings; owned */
    size_t cap;
    int depth;
} scan;

/* 1 for the bytes that end the plain run of a string: '"', '\\', control
 * bytes and the first byte of a multibyte sequence (checked apart). */
static const unsigned char stop[256] = {
    ['"'] = 1, ['\\'] = 1,
#define C4(x) [x] = 1, [x + 1] = 1, [x + 2] = 1, [x + 3] = 1
#define C16(x) C4(x), C4(x + 4), C4(x + 8), C4(x + 12)
    C16(0x00), C16(0x10), C16(0x80), C16(0x90), C16(0xA0), C16(0xB0), C16(0xC0),
    C16(0xD0), C16(0xE0), C16(0xF0),
#undef C16
#undef C4
};

static int is_ws(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static void skip_ws(scan *s)
{
    while (s->q < s->end && is_ws(*s->q))
        s->q++;
}

/* Length of the valid UTF-8 sequence at q (first byte >= 0x80), or 0. */
static size_t utf8_seq(const unsigned char *q, const unsigned char *end)
{
    unsigned c = q[0];
    size_t n;
    unsigned lo = 0x80, hi = 0xBF;
    if (c < 0xC2)
        return 0; /* continuation byte, or overlong 2-byte form */
    if (c < 0xE0) {
        n = 2;
    } else if (c < 0xF0) {
        n = 3;
        if (c == 0xE0)
            lo = 0xA0; /* overlong */
        else if (c == 0xED)
            hi = 0x9F; /* UTF-16 surrogates */
    } else if (c < 0xF5) {
        n = 4;
        if (c == 0xF0)
            lo = 0x90; /* overlong */
        else if (c == 0xF4)
            hi = 0x8F; /* above U+10FFFF */
    } else {
        return 0;
    }
    if ((size_t)(end - q) < n || q[1] < lo || q[1] > hi)
        return 0;
    for (size_t i = 2; i < n; i++)
        if (q[i] < 0x80 || q[i] > 0xBF)
            return 0;
    return n;
}

static int hex4(const unsigned char *q, unsigned *out)
{
    unsigned v = 0;
    for (int i = 0; i < 4; i++) {
        unsigned c = q[i], d;
        if (c >= '0' && c <= '9')
            d = c - '0';
        else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
            d = (c | 0x20) - 'a' + 10;
        else
            return 0;
        v = v << 4 | d;
    }
    *out = v;
    return 1;
}

static size_t utf8_put(char *o, unsigned u)
{
    if (u < 0x80) {
        o[0] = (char)u;
        return 1;
    }
    if (u < 0x800) {
        o[0] = (char)(0xC0 | u >> 6);
        o[1] = (char)(0x80 | (u & 0x3F));
        return 2;
    }
    if (u < 0x10000) {
        o[0] = (char)(0xE0 | u >> 12);
        o[1] = (char)(0x80 | (u >> 6 & 0x3F));
        o[2] = (char)(0x80 | (u & 0x3F));
        return 3;
    }
    o[0] = (char)(0xF0 | u >> 18);
    o[1] = (char)(0x80 | (u >> 12 & 0x3F));
    o[2] = (char)(0x80 | (u >> 6 & 0x3F));
    o[3] = (char)(0x80 | (u & 0x3F));
    return 4;
}

/* The string whose opening quote is just read: *out and *len point into the
 * line when it has no escape, else into s->buf (valid until the next
 * string).  *escaped says which.  Returns 1, or 0 to decline. */
static int string(scan *s, const char **out, size_t *len, int *escaped)
{
    const unsigned char *q = s->q, *end = s->end, *from = q;
    for (;;) {
        while (q < end && !stop[*q])
            q++;
        if (q == end || *q < 0x20)
            return 0;
        if (*q == '"') {
            *out = (const char *)from;
            *len = (size_t)(q - from);
            *escaped = 0;
            s->q = q + 1;
            return 1;
        }
        if (*q == '\\')
            break;
        size_t n = utf8_seq(q, end);
        if (!n)
            return 0;
        q += n;
    }
    /* Escapes: unescape into s->buf, which the raw length bounds. */
    size_t raw = (size_t)(end - from);
    if (s->cap < raw) {
        char *b = byl_realloc(s->buf, raw);
        if (!b)
            return 0;
        s->buf = b;
        s->cap = raw;
    }
    size_t o = (size_t)(q - from);
    memcpy(s->buf, from, o);
    for (;;) {
        const unsigned char *run = q;
        while (q < end && !stop[*q])
            q++;
        memcpy(s->buf + o, run, (size_t)(q - run));
        o += (size_t)(q - run);
        if (q == end || *q < 0x20)
            return 0;
        if (*q == '"') {
            *out = s->buf;
            *len = o;
            *escaped = 1;
            s->q = q + 1;
            return 1;
        }
        if (*q >= 0x80) {
            size_t n = utf8_seq(q, end);
            if (!n)
                return 0;
            memcpy(s->buf + o, q, n);
            o += n;
            q += n;
            continue;
        }
        /* a backslash */
        if (end - q < 2)
            return 0;
        unsigned u;
        switch (q[1]) {
        case '"': case '\\': case '/':
            s->buf[o++] = (char)q[1];
            q += 2;
            continue;
        case 'b': s->buf[o++] = '\b'; q += 2; continue;
        case 'f': s->buf[o++] = '\f'; q += 2; continue;
        case 'n': s->buf[o++] = '\n'; q += 2; continue;
        case 'r': s->buf[o++] = '\r'; q += 2; continue;
        case 't': s->buf[o++] = '\t'; q += 2; continue;
        case 'u':
            if (end - q < 6 || !hex4(q + 2, &u))
                return 0;
            q += 6;
            if (u >= 0xDC00 && u <= 0xDFFF)
                return 0; /* a low surrogate alone */
            if (u >= 0xD800 && u <= 0xDBFF) {
                unsigned lo;
                if (end - q < 6 || q[0] != '\\' || q[1] != 'u' || !hex4(q + 2, &lo) ||
                    lo < 0xDC00 || lo > 0xDFFF)
                    return 0;
                q += 6;
                u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
            }
            /* six escaped bytes never decode to more than four */
            o += utf8_put(s->buf + o, u);
            continue;
        default:
            return 0;
        }
    }
}

/* A number as jansson lexes it: an integer of at most 18 digits exactly,
 * a real through strtod when the locale's decimal point is '.'. */
static json_t *number(scan *s)
{
    const unsigned char *q = s->q, *end = s->end, *start = q;
    int neg = 0;
    if (*q == '-') {
        neg = 1;
        q++;
    }
    if (q == end || *q < '0' || *q > '9')
        return NULL;
    const unsigned char *digits = q;
    if (*q == '0') {
        q++;
        if (q < end && *q >= '0' && *q <= '9')
            return NULL; /* a leading zero: jansson's error */
    } else {
        while (q < end && *q >= '0' && *q <= '9')
            q++;
    }
    if (q == end || (*q != '.' && *q != 'e' && *q != 'E')) {
        if (q - digits > 18)
            return NULL; /* may not fit json_int_t: jansson decides */
        long long v = 0;
        for (const unsigned char *d = digits; d < q; d++)
            v = v * 10 + (*d - '0');
        s->q = q;
        return json_integer(neg ? -v : v);
    }
    if (*q == '.') {
        q++;
        if (q == end || *q < '0' || *q > '9')
            return NULL;
        while (q < end && *q >= '0' && *q <= '9')
            q++;
    }
    if (q < end && (*q == 'e' || *q == 'E')) {
        q++;
        if (q < end && (*q == '+' || *q == '-'))
            q++;
        if (q == end || *q < '0' || *q > '9')
            return NULL;
        while (q < end && *q >= '0' && *q <= '9')
            q++;
    }
    char tmp[64];
    size_t n = (size_t)(q - start);
    const struct lconv *lc = localeconv();
    if (n >= sizeof tmp || !lc->decimal_point || strcmp(lc->decimal_point, ".") != 0)
        return NULL;
    memcpy(tmp, start, n);
    tmp[n] = '\0';
    errno = 0;
    char *e;
    double d = strtod(tmp, &e);
    if (errno || e != tmp + n)
        return NULL; /* overflow or underflow: jansson's own rules */
    s->q = q;
    return json_real(d);
}

static json_t *value(scan *s);

static json_t *object(scan *s)
{
    json_t *obj = json_object();
    if (!obj)
        return NULL;
    skip_ws(s);
    if (s->q < s->end && *s->q == '}') {
        s->q++;
        return obj;
    }
    for (;;) {
        const char *key;
        size_t klen;
        int esc;
        if (s->q == s->end || *s->q != '"')
            goto fail;
        s->q++;
        if (!string(s, &key, &klen, &esc) || esc)
            goto fail; /* escaped keys (and NULs in them) go to jansson */
        skip_ws(s);
        if (s->q == s->end || *s->q != ':')
            goto fail;
        s->q++;
        skip_ws(s);
        json_t *v = value(s);
        size_t had = json_object_size(obj);
        if (!v || json_object_setn_new_nocheck(obj, key, klen, v) != 0)
            goto fail;
        if (json_object_size(obj) == had)
            goto fail; /* a key given twice: jansson reads it, and the reader says so */
        skip_ws(s);
        if (s->q == s->end)
            goto fail;
        if (*s->q == '}') {
            s->q++;
            return obj;
        }
        if (*s->q != ',')
            goto fail;
        s->q++;
        skip_ws(s);
    }
fail:
    json_decref(obj);
    return NULL;
}

static json_t *array(scan *s)
{
    json_t *arr = json_array();
    if (!arr)
        return NULL;
    skip_ws(s);
    if (s->q < s->end && *s->q == ']') {
        s->q++;
        return arr;
    }
    for (;;) {
        json_t *v = value(s);
        if (!v || json_array_append_new(arr, v) != 0)
            goto fail;
        skip_ws(s);
        if (s->q == s->end)
            goto fail;
        if (*s->q == ']') {
            s->q++;
            return arr;
        }
        if (*s->q != ',')
            goto fail;
        s->q++;
        skip_ws(s);
    }
fail:
    json_decref(arr);
    return NULL;
}

static int literal(scan *s, const char *word, size_t n)
{
    if ((size_t)(s->end - s->q) < n || memcmp(s->q, word, n) != 0)
        return 0;
    s->q += n;
    return 1;
}

/* The value at s->q (white space skipped), or NULL to decline.  A value
 * that runs straight into a letter or digit ("truex", "1a") is left for
 * the caller's check of the next byte, which declines it. */
static json_t *value(scan *s)
{
    if (s->q == s->end)
        return NULL;
    json_t *v = NULL;
    switch (*s->q) {
    case '"': {
        const char *p;
        size_t n;
        int esc;
        s->q++;
        if (string(s, &p, &n, &esc))
            v = json_stringn_nocheck(p, n);
        break;
    }
    case '{':
    case '[':
        if (++s->depth > BYL_JSCAN_DEPTH)
            return NULL;
        s->q++;
        v = *(s->q - 1) == '{' ? object(s) : array(s);
        s->depth--;
        break;
    case 't':
        v = literal(s, "true", 4) ? json_true() : NULL;
        break;
    case 'f':
        v = literal(s, "false", 5) ? json_false() : NULL;
        break;
    case 'n':
        v = literal(s, "null", 4) ? json_null() : NULL;
        break;
    default:
        v = number(s);
        break;
    }
    return v;
}

/* ---- the text of a member's value, as written ---- */

/* Deeper than jansson's own limit (2048) a line never parsed. */
#define SKIP_DEPTH 2048

/* Steps over the value at s->q, checking only what finding its end needs
 * (the line parsed as JSON already).  Returns 1, or 0 if it cannot. */
static int skip_value(scan *s)
{
    if (s->q == s->end)
        return 0;
    const char *p;
    size_t n;
    int esc;
    unsigned char c = *s->q;
    if (c == '"') {
        s->q++;
        return string(s, &p, &n, &esc);
    }
    if (c == '{' || c == '[') {
        unsigned char close = c == '{' ? '}' : ']';
        if (++s->depth > SKIP_DEPTH)
            return 0;
        s->q++;
        skip_ws(s);
        if (s->q < s->end && *s->q == close) {
            s->q++;
            s->depth--;
            return 1;
        }
        for (;;) {
            if (c == '{') {
                if (s->q == s->end || *s->q != '"')
                    return 0;
                s->q++;
                if (!string(s, &p, &n, &esc))
                    return 0;
                skip_ws(s);
                if (s->q == s->end || *s->q != ':')
                    return 0;
                s->q++;
                skip_ws(s);
            }
            if (!skip_value(s))
                return 0;
            skip_ws(s);
            if (s->q == s->end)
                return 0;
            if (*s->q == close) {
                s->q++;
                s->depth--;
                return 1;
            }
            if (*s->q != ',')
                return 0;
            s->q++;
            skip_ws(s);
        }
    }
    /* a number or a literal: up to the next delimiter */
    const unsigned char *from = s->q;
    while (s->q < s->end && ((*s->q >= '0' && *s->q <= '9') || (*s->q >= 'a' && *s->q <= 'z') ||
                             *s->q == '-' || *s->q == '+' || *s->q == '.' || *s->q == 'E'))
        s->q++;
    return s->q > from;
}

int byl_json_member_text(const char *p, size_t n, const char *key, size_t klen, const char **vp,
                         size_t *vn)
{
    scan s = {(const unsigned char *)p, (const unsigned char *)p + n, NULL, 0, 0};
    int found = 0;
    *vp = NULL;
    *vn = 0;
    skip_ws(&s);
    if (s.q == s.end || *s.q != '{')
        return 0;
    s.q++;
    skip_ws(&s);
    if (s.q < s.end && *s.q == '}')
        goto out;
    for (;;) {
        const char *k;
        size_t kl;
        int esc;
        if (s.q == s.end || *s.q != '"')
            goto fail;
        s.q++;
        if (!string(&s, &k, &kl, &esc))
            goto fail;
        /* k may be in s.buf, which the value's strings reuse: compare now */
        int match = kl == klen && memcmp(k, key, klen) == 0;
        skip_ws(&s);
        if (s.q == s.end || *s.q != ':')
            goto fail;
        s.q++;
        skip_ws(&s);
        const unsigned char *at = s.q;
        if (!skip_value(&s))
            goto fail;
        if (match) { /* the last of a key given twice, as JSON reads it */
            *vp = (const char *)at;
            *vn = (size_t)(s.q - at);
            found = 1;
        }
        skip_ws(&s);
        if (s.q < s.end && *s.q == '}')
            goto out;
        if (s.q == s.end || *s.q != ',')
            goto fail;
        s.q++;
        skip_ws(&s);
    }
fail:
    found = 0;
    *vp = NULL;
    *vn = 0;
out:
    byl_free(s.buf);
    return found;
}

/* ---- numbers no double holds ---- */

size_t byl_json_tame_numbers(char *p, size_t n)
{
    size_t tamed = 0;
    for (size_t i = 0; i < n;) {
        if (p[i] == '"') { /* over a string, escapes and all */
            for (i++; i < n && p[i] != '"'; i++)
                if (p[i] == '\\')
                    i++;
            i++;
            continue;
        }
        if (p[i] != '-' && (p[i] < '0' || p[i] > '9')) {
            i++;
            continue;
        }
        size_t j = i;
        while (j < n && ((p[j] >= '0' && p[j] <= '9') || p[j] == '-' || p[j] == '+' ||
                         p[j] == '.' || p[j] == 'e' || p[j] == 'E'))
            j++;
        char *e;
        double d = strtod(p + i, &e);
        /* at least 5 bytes ("2e308"; an integer needs 309 digits): the
         * stand-in fits, padded with spaces so that columns stay put */
        if (e == p + j && isinf(d) && j - i >= 5 + (p[i] == '-')) {
            const char *stand = p[i] == '-' ? "-1e308" : "1e308";
            size_t sl = strlen(stand);
            memcpy(p + i, stand, sl);
            memset(p + i + sl, ' ', j - i - sl);
            tamed++;
        }
        i = j;
    }
    return tamed;
}

int byl_json_scan(const char *p, size_t n, json_t **out)
{
    scan s = {(const unsigned char *)p, (const unsigned char *)p + n, NULL, 0, 0};
    *out = NULL;
    skip_ws(&s);
    if (s.q == s.end || *s.q != '{')
        return 0;
    json_t *root = value(&s);
    byl_free(s.buf);
    if (!root)
        return 0;
    skip_ws(&s);
    if (s.q != s.end) {
        json_decref(root);
        return 0;
    }
    *out = root;
    return 1;
}
