/*
 * cjk.c - pass 3 of the analyzer for CJK runs (Han, kana, Hangul): the
 * characters, each with the marks that follow it, normalized once and
 * emitted as overlapping bigrams, or alone when the run has one character.
 * Chinese and Japanese have no spaces; bigrams find words without a
 * dictionary.
 *
 * Not for: CJK names (entity.c sees only words in Latin-like scripts).
 */
#include <string.h>

#include "text/_analyzer.h"

/* ---- CJK ------------------------------------------------------------------ */

/* A CJK run: overlapping bigrams of its characters (a character carries
 * any combining marks after it), or the character alone. */
void byl_cjk_emit(byl_analyzer *a, const uint8_t *s, const struct unit *u,
                  struct sbuf *canon)
{
    size_t ncu = 0, j = u->start, n, off = 0, k;
    while (j < u->end) {
        int32_t cp;
        n = byl_utf8_decode(s + j, u->end - j, &cp);
        int cl = byl_charclass_cp(cp);
        int joins = cl == C_MARK || cl == C_IGNORE || cp == 0x3099 || cp == 0x309A ||
                    cp == 0xFF9E || cp == 0xFF9F;
        if (joins && ncu > 0) {
            a->cu[ncu - 1].end = (uint32_t)(j + n);
        } else {
            if (grow(a, (void **)&a->cu, &a->capcu, ncu + 1, sizeof *a->cu))
                return;
            a->cu[ncu].start = (uint32_t)j;
            a->cu[ncu].end = (uint32_t)(j + n);
            ncu++;
        }
        j += n;
    }
    /* normalize each character once, back to back in a->cjk */
    for (k = 0; k < ncu; k++) {
        size_t m = byl_norm(a, s, a->cu[k].start, a->cu[k].end, 0);
        if (m == TOO_LONG)
            m = 0;
        if (grow(a, (void **)&a->cjk, &a->capcjk, off + m + 1, 1))
            return;
        memcpy(a->cjk + off, a->nb, m);
        sb_put(canon, a->nb, m);
        a->cu[k].toff = (uint32_t)off;
        a->cu[k].tlen = (uint32_t)m;
        off += m;
    }
    if (a->dry)
        return;
    if (ncu == 1) {
        byl_emit(a, a->cjk, a->cu[0].tlen, a->cu[0].start, a->cu[0].end, BYL_TOK_CJK);
        return;
    }
    for (k = 0; k + 1 < ncu; k++)
        byl_emit(a, a->cjk + a->cu[k].toff, a->cu[k].tlen + a->cu[k + 1].tlen,
                 a->cu[k].start, a->cu[k + 1].end, BYL_TOK_CJK);
}

