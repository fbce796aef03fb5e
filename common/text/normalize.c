/*
 * normalize.c - the form a word is indexed and searched as: NFKC,
 * case-folded, accents and default-ignorables stripped, apostrophes dropped
 * (utf8proc; plain ASCII takes a fast path), then, for ordinary English
 * words, the Porter2 stem (libstemmer, behind a small cache); and the case
 * helpers of analyzer.h (byl_text_cases, byl_text_has_word,
 * byl_text_case_map) that the query planner and parser use.
 *
 * Not for: deciding which words are stemmed or become acronyms (emit.c).
 */
#include <string.h>

#include "text/_analyzer.h"
#include "util/err.h"
#include "util/mem.h"

/* ---- normalization and stemming --------------------------------------- */

static int is_apos_cp(int32_t cp)
{
    return cp == 0x27 || cp == 0x2019 || cp == 0x02BC || cp == 0xFF07;
}

/* The combining marks that Latin, Greek and Cyrillic text uses as accents.
 * Marks of other scripts (kana voicing, Indic vowel signs) carry meaning and
 * are kept. */
static int is_accent(int32_t cp)
{
    return (cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x1AB0 && cp <= 0x1AFF) ||
           (cp >= 0x1DC0 && cp <= 0x1DFF) || (cp >= 0x20D0 && cp <= 0x20FF) ||
           (cp >= 0xFE20 && cp <= 0xFE2F);
}

/* Contract in _analyzer.h; ASCII takes a fast path. */
size_t byl_norm(byl_analyzer *a, const uint8_t *s, size_t b, size_t e,
                unsigned how)
{
    size_t n = e - b, k, o = 0;
    if (n > MAX_SPAN)
        return TOO_LONG;
    for (k = b; k < e; k++)
        if (s[k] >= 0x80)
            break;
    if (k == e) {
        for (k = b; k < e; k++) {
            uint8_t c = s[k];
            if (c == '\'' && !(how & NORM_KEEP_APOS))
                continue;
            if (o == MAX_TERM)
                return TOO_LONG;
            a->nb[o++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
        }
        a->nb[o] = '\0';
        return o;
    }
    const utf8proc_option_t opt = UTF8PROC_STABLE | UTF8PROC_COMPAT |
                                  UTF8PROC_DECOMPOSE | UTF8PROC_CASEFOLD |
                                  UTF8PROC_IGNORE;
    utf8proc_ssize_t r;
    for (;;) {
        r = utf8proc_decompose_custom(s + b, (utf8proc_ssize_t)n, a->u32,
                                      (utf8proc_ssize_t)a->capu32, opt, NULL, NULL);
        if (r < 0)
            return 0;
        if ((size_t)r <= a->capu32)
            break;
        if (grow(a, (void **)&a->u32, &a->capu32, (size_t)r, sizeof *a->u32))
            return 0;
    }
    size_t m = 0;
    for (k = 0; k < (size_t)r; k++) {
        int32_t cp = a->u32[k];
        if (is_accent(cp) || (is_apos_cp(cp) && !(how & NORM_KEEP_APOS)))
            continue;
        a->u32[m++] = cp;
    }
    if (m == 0)
        return 0;
    r = utf8proc_reencode(a->u32, (utf8proc_ssize_t)m,
                          UTF8PROC_STABLE | UTF8PROC_COMPOSE);
    if (r < 0)
        return 0;
    if ((size_t)r > MAX_TERM)
        return TOO_LONG;
    memcpy(a->nb, a->u32, (size_t)r);
    a->nb[r] = '\0';
    return (size_t)r;
}

/* The stem cache is set-associative: a word may sit in any of STEM_WAYS
 * neighbouring slots, the most recently used first.  Direct-mapped, two
 * common words that shared a slot evicted each other for good, and a
 * miss (libstemmer) costs about 2,500 instructions.  callgrind, 5,000
 * Reuters articles on one thread (`--threads 1`), instructions of the
 * whole build / of stemming: 4,096 slots direct-mapped 2,151 M / 307 M;
 * 2 ways 2,105 / 261; 4 ways 2,091 / 247; 8 ways 2,090 / 246; 16,384
 * slots in 4 ways 2,024 / 181 (754 KB an analyzer, reached only by a
 * build: the cache grows with its misses). */
#ifndef STEM_WAYS
#define STEM_WAYS 4
#endif

/* Porter2 stem of w[0..n) (lower-case ASCII letters) into out (room for
 * MAX_TERM + 1); returns its length.  A small cache in front of
 * libstemmer pays for itself: news text repeats its words. */
size_t byl_norm_stem(byl_analyzer *a, const char *w, size_t n, char *out)
{
    struct stem_slot *set = NULL;
    if (a->stem_some && n && !(a->stem_first[(uint8_t)w[0] >> 6] >> ((uint8_t)w[0] & 63) & 1)) {
        memcpy(out, w, n); /* cannot match (byl_analyzer_set_stem_filter) */
        return n;
    }
    if (n <= STEM_MAX) {
        uint32_t h = hash_bytes(w, n);
        set = &a->stems[h & a->stem_mask & ~(uint32_t)(STEM_WAYS - 1)];
        for (int j = 0; j < STEM_WAYS; j++) {
            struct stem_slot *sl = &set[j];
            if (sl->klen == n && memcmp(sl->key, w, n) == 0) {
                size_t m = sl->slen;
                memcpy(out, sl->stem, m);
                if (j > 0) { /* to the front: the least recent is the last */
                    struct stem_slot hit = *sl;
                    memmove(&set[1], &set[0], (size_t)j * sizeof *set);
                    set[0] = hit;
                }
                return m;
            }
        }
        /* The cache starts small and grows with its misses: a search
         * stems a few hundred words, and every page of a large cache it
         * touched would be a page fault (a one-shot search paid about
         * forty); indexing reaches the full size within its first
         * articles.  Growing drops what was cached. */
        if (++a->stem_misses > 4 * (a->stem_mask + 1) && a->stem_mask + 1 < STEM_SLOTS) {
            struct stem_slot *big = byl_calloc(4 * ((size_t)a->stem_mask + 1), sizeof *big);
            if (big) {
                byl_free(a->stems);
                a->stems = big;
                a->stem_mask = 4 * (a->stem_mask + 1) - 1;
                a->stem_misses = 0;
                set = &a->stems[h & a->stem_mask & ~(uint32_t)(STEM_WAYS - 1)];
            }
        }
    }
    const sb_symbol *r = sb_stemmer_stem(a->stemmer, (const sb_symbol *)w, (int)n);
    if (!r) {
        a->rc = BYL_ENOMEM;
        return 0;
    }
    size_t m = (size_t)sb_stemmer_length(a->stemmer);
    if (m > MAX_TERM)
        m = MAX_TERM;
    memcpy(out, r, m);
    if (set && m <= STEM_MAX) {
        memmove(&set[1], &set[0], (STEM_WAYS - 1) * sizeof *set);
        set[0].klen = (uint8_t)n;
        set[0].slen = (uint8_t)m;
        memcpy(set[0].key, w, n);
        memcpy(set[0].stem, r, m);
    }
    return m;
}


/* ---- case helpers of analyzer.h ------------------------------------------ */

int byl_text_cases(const char *text, size_t len)
{
    const uint8_t *s = (const uint8_t *)text;
    int cases = 0;
    for (size_t i = 0; i < len;) {
        int32_t cp;
        if (s[i] < 0x80) {
            cp = s[i++];
            cases |= cp >= 'a' && cp <= 'z' ? BYL_CASE_LOWER : cp >= 'A' && cp <= 'Z' ? BYL_CASE_UPPER : 0;
            continue;
        }
        i += byl_utf8_decode(s + i, len - i, &cp);
        if (cp == BYL_UTF8_REPLACEMENT)
            continue;
        utf8proc_category_t c = utf8proc_category(cp);
        if (c == UTF8PROC_CATEGORY_LL)
            cases |= BYL_CASE_LOWER;
        else if (c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT)
            cases |= BYL_CASE_UPPER;
    }
    return cases;
}

int byl_text_has_word(const char *text, size_t len)
{
    const uint8_t *s = (const uint8_t *)text;
    for (size_t i = 0; i < len;) {
        int32_t cp;
        if (s[i] < 0x80) {
            cp = s[i++];
            if ((cp >= '0' && cp <= '9') || ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z'))
                return 1;
            continue;
        }
        i += byl_utf8_decode(s + i, len - i, &cp);
        char c = utf8proc_category_string(cp)[0];
        if (cp != BYL_UTF8_REPLACEMENT && (c == 'L' || c == 'M' || c == 'N'))
            return 1;
    }
    return 0;
}

size_t byl_text_case_map(const char *text, size_t len, int upper, char *out, size_t cap)
{
    const uint8_t *s = (const uint8_t *)text;
    size_t n = 0;
    if (!out || cap == 0)
        return 0;
    for (size_t i = 0; i < len;) {
        int32_t cp;
        size_t k = byl_utf8_decode(s + i, len - i, &cp);
        uint8_t enc[4];
        int32_t to = upper ? utf8proc_toupper(cp) : utf8proc_tolower(cp);
        size_t m = to == cp ? 0 : byl_utf8_encode(to, enc);
        if (m == 0) { /* unchanged (invalid bytes too): the bytes as they are */
            memcpy(enc, s + i, k);
            m = k;
        }
        if (n + m + 1 > cap) {
            out[0] = '\0';
            return 0;
        }
        memcpy(out + n, enc, m);
        n += m;
        i += k;
    }
    out[n] = '\0';
    return n;
}
