/*
 * grow.c - the growable arrays of an analysis (tokens, terms, the text
 * buffers): every pass of the analyzer grows them through here, and the
 * first allocation failure sticks in the analyzer (a->rc), so a pass can
 * go on cheaply and the driver reports it once.
 *
 * Apart from analyzer.c so that the passes (lexer, normalize, emit,
 * entity, cjk) depend on it and not on the driver that calls them.
 * Not for: anything else about an analysis.
 */
#include "text/_analyzer.h"

#include "util/err.h"
#include "util/mem.h"

/* Contract in _analyzer.h; grow() there is the fast path. */
int byl_analyzer_grow(byl_analyzer *a, void **p, size_t *cap, size_t need, size_t size)
{
    if (a->rc)
        return -1;
    size_t c = *cap ? *cap : 64;
    while (c < need)
        c *= 2;
    void *q = byl_realloc(*p, c * size);
    if (!q) {
        a->rc = BYL_ENOMEM;
        return -1;
    }
    *p = q;
    *cap = c;
    return 0;
}
