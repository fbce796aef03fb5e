/*
 * tag.c - tag keys (tag.h), through utf8proc.
 *
 * Not for: words of text.
 */
#include "text/tag.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "text/utf8.h"
#include "util/mem.h"

/* Tag s[0..n) in NFKC, case folded, accents stripped, controls as
 * spaces: a buffer of *fl bytes to free(), or NULL (no memory, or
 * nothing utf8proc takes). */
static uint8_t *fold(const char *s, size_t n, size_t *fl)
{
    /* valid UTF-8 first (utf8proc refuses anything else), controls and
     * white space as a space */
    uint8_t *v = byl_malloc(n * 3 + 1);
    if (!v)
        return NULL;
    size_t m = 0;
    for (size_t i = 0; i < n;) {
        int32_t cp;
        size_t k = byl_utf8_decode((const uint8_t *)s + i, n - i, &cp);
        if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp <= 0x9f))
            v[m++] = ' ';
        else if (cp == BYL_UTF8_REPLACEMENT && k == 1)
            memcpy(v + m, "\xEF\xBF\xBD", 3), m += 3;
        else
            memcpy(v + m, s + i, k), m += k;
        i += k;
    }
    uint8_t *f = NULL;
    utf8proc_ssize_t l = utf8proc_map(v, (utf8proc_ssize_t)m, &f,
                                      UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_COMPOSE |
                                          UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK);
    byl_free(v);
    if (l < 0)
        return NULL;
    *fl = (size_t)l;
    return f;
}

/* The folded tag f[0..fl) with white space folded and trimmed into out,
 * cut to cap (with the NUL) at a character boundary; its length. */
static size_t spaces(const uint8_t *f, size_t fl, char *out, size_t cap)
{
    size_t o = 0;
    for (size_t i = 0; i < fl;) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate(f + i, (utf8proc_ssize_t)(fl - i), &cp);
        if (k <= 0)
            break;
        int space = cp == ' ' || utf8proc_category(cp) == UTF8PROC_CATEGORY_ZS;
        if (space) {
            if (o && out[o - 1] != ' ' && o + 1 < cap)
                out[o++] = ' ';
        } else {
            if (o + (size_t)k >= cap)
                break;
            memcpy(out + o, f + i, (size_t)k);
            o += (size_t)k;
        }
        i += (size_t)k;
    }
    while (o && out[o - 1] == ' ')
        o--;
    out[o] = '\0';
    return o;
}

size_t byl_tag_norm(const char *s, size_t n, char *out, size_t cap)
{
    if (!cap)
        return 0;
    out[0] = '\0';
    if (cap < 2 || !n)
        return 0;
    size_t fl;
    uint8_t *f = fold(s, n, &fl);
    if (!f)
        return 0;
    size_t o = spaces(f, fl, out, cap);
    free(f);
    return o;
}

char *byl_tag_norm_all(const char *s, size_t n, size_t *len)
{
    *len = 0;
    size_t fl;
    uint8_t *f = n ? fold(s, n, &fl) : NULL;
    if (!f)
        return NULL;
    /* folding white space only shrinks: fl + 1 bytes hold it all */
    char *out = byl_malloc(fl + 1);
    if (out)
        *len = spaces(f, fl, out, fl + 1);
    free(f);
    if (out && !*len) {
        byl_free(out);
        out = NULL;
    }
    return out;
}
