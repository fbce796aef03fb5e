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

size_t byl_tag_norm(const char *s, size_t n, char *out, size_t cap)
{
    if (!cap)
        return 0;
    out[0] = '\0';
    if (cap < 2 || !n)
        return 0;
    /* valid UTF-8 first (utf8proc refuses anything else), controls and
     * white space as a space */
    uint8_t *v = byl_malloc(n * 3 + 1);
    if (!v)
        return 0;
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
    utf8proc_ssize_t fl = utf8proc_map(v, (utf8proc_ssize_t)m, &f,
                                       UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_COMPOSE |
                                           UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK);
    byl_free(v);
    if (fl < 0)
        return 0;
    /* white space folded and trimmed, cut to cap at a character boundary */
    size_t o = 0;
    for (utf8proc_ssize_t i = 0; i < fl;) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate(f + i, fl - i, &cp);
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
        i += k;
    }
    free(f);
    while (o && out[o - 1] == ' ')
        o--;
    out[o] = '\0';
    return o;
}
