/*
 * snippet.c - densest-window snippet selection and whitespace folding.
 * Not for: markup or terminal handling.
 */
#include "query/snippet.h"

#include <string.h>

#include "index/format.h"
#include "util/err.h"
#include "util/mem.h"

void byl_snippet_init(byl_snippet *s) { memset(s, 0, sizeof *s); }

void byl_snippet_reset(byl_snippet *s)
{
    byl_free(s->text);
    byl_free(s->spans);
    byl_snippet_init(s);
}

static int is_ws(unsigned char c)
{
    return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

static int term_matches(const char *t, size_t n, int kind, const byl_qterm *q, size_t nq)
{
    for (size_t i = 0; i < nq; i++) {
        int f = q[i].field;
        int want_entity = f == BYL_F_NAME;
        if (want_entity != (kind == BYL_TOK_ENTITY))
            continue;
        if (f != BYL_F_TEXT && f != BYL_F_TITLE && f != BYL_F_NAME)
            continue;
        if (strlen(q[i].term) == n && memcmp(q[i].term, t, n) == 0)
            return 1;
    }
    return 0;
}

/* Moves a byte offset back to the start of a UTF-8 character. */
static size_t char_start(const char *b, size_t len, size_t i)
{
    while (i > 0 && i < len && ((unsigned char)b[i] & 0xC0) == 0x80)
        i--;
    return i;
}

/* Byte offset after advancing n characters from i. */
static size_t advance_chars(const char *b, size_t len, size_t i, size_t n)
{
    while (i < len && n) {
        i++;
        while (i < len && ((unsigned char)b[i] & 0xC0) == 0x80)
            i++;
        n--;
    }
    return i;
}

static int snippet_stem_all; /* byl_snippet_test_stem_all */

void byl_snippet_test_stem_all(int on) { snippet_stem_all = on; }

/* The matches of terms in text[0..len), as byte ranges in order, not
 * overlapping, into *out (byl_malloc'd, at least one slot).  BYL_OK or
 * BYL_ENOMEM. */
static int find_matches(byl_analyzer *a, const char *body, size_t len, const byl_qterm *terms,
                        size_t nterms, byl_span **out, size_t *n)
{
    const byl_token *tk = NULL;
    size_t nt = 0;
    const char *tt = NULL;
    /* Without a name among the terms, the name detector is switched off:
     * it only adds entity tokens, which match name terms alone, and marks
     * words as parts of names, which match as words do; the other tokens,
     * their offsets and their order are the same (a stable sort), so the
     * matches are too, for about 4% of a snippet's instructions and the
     * detector's tables (7 pages).  The analyzer is the searcher's own,
     * which detects names: it is switched back on. */
    int names = 0;
    uint64_t first[4] = {0, 0, 0, 0};
    for (size_t i = 0; i < nterms; i++) {
        names |= terms[i].field == BYL_F_NAME;
        /* the words stemmed: those that may match a term (a capital form
         * is matched by its lower-case word's stem too, as is any case) */
        uint8_t b = (uint8_t)terms[i].term[0];
        uint8_t lo = b >= 'A' && b <= 'Z' ? (uint8_t)(b + 32) : b;
        first[b >> 6] |= 1ull << (b & 63);
        first[lo >> 6] |= 1ull << (lo & 63);
    }
    if (!names)
        byl_analyzer_set_names(a, 0);
    if (snippet_stem_all)
        byl_analyzer_set_stem_filter(a, NULL);
    else
        byl_analyzer_set_stem_filter(a, first);
    if (len && byl_analyze(a, body, len, BYL_AN_INDEX, &tk, &nt, &tt))
        nt = 0;
    byl_analyzer_set_stem_filter(a, NULL);
    if (!names)
        byl_analyzer_set_names(a, 1);
    /* matches as byte ranges, in order */
    byl_span *m = byl_malloc((nt ? nt : 1) * sizeof *m);
    if (!m)
        return byl_error_set(BYL_ENOMEM, "out of memory finding matches");
    size_t nm = 0;
    for (size_t i = 0; i < nt; i++) {
        if (!term_matches(tt + tk[i].term_off, tk[i].term_len, tk[i].kind, terms, nterms))
            continue;
        uint32_t st = tk[i].start, en = tk[i].end;
        /* parts joined by punctuation ("LeiFeng.com", "U.S.-China") are
         * one highlight */
        if (nm && st >= m[nm - 1].start + m[nm - 1].len &&
            st - (m[nm - 1].start + m[nm - 1].len) <= 2) {
            int joined = 1;
            for (uint32_t k = m[nm - 1].start + m[nm - 1].len; k < st; k++)
                joined &= !is_ws((unsigned char)body[k]) && body[k] != ',' && body[k] != ';';
            if (joined)
                st = m[nm - 1].start;
        }
        if (nm && st < m[nm - 1].start + m[nm - 1].len) {
            /* overlapping (a part inside a whole, a word inside a name):
             * keep the union */
            uint32_t e0 = m[nm - 1].start + m[nm - 1].len;
            if (st < m[nm - 1].start)
                m[nm - 1].start = st;
            m[nm - 1].len = (en > e0 ? en : e0) - m[nm - 1].start;
            continue;
        }
        m[nm].start = st;
        m[nm].len = en - st;
        nm++;
    }
    *out = m;
    *n = nm;
    return BYL_OK;
}

int byl_snippet_spans(byl_analyzer *a, const char *text, size_t len, const byl_qterm *terms,
                      size_t nterms, byl_span **spans, size_t *n)
{
    *spans = NULL;
    *n = 0;
    return find_matches(a, text, len, terms, nterms, spans, n);
}

int byl_snippet_make(byl_analyzer *a, const char *body, size_t len, const byl_qterm *terms,
                     size_t nterms, size_t max_chars, byl_snippet *s)
{
    byl_snippet_reset(s);
    byl_span *m;
    size_t nm;
    int rc = find_matches(a, body, len, terms, nterms, &m, &nm);
    if (rc)
        return rc;
    /* choose the window: the start (a match) whose next max_chars bytes
     * cover the most matches; ties go to the earliest */
    size_t budget = max_chars * 2; /* bytes, roughly: most text is 1-2 bytes a char */
    size_t best = 0, best_n = 0;
    for (size_t i = 0, j = 0; i < nm; i++) {
        if (j < i)
            j = i;
        while (j < nm && m[j].start + m[j].len - m[i].start <= budget)
            j++;
        if (j - i > best_n) {
            best_n = j - i;
            best = i;
        }
    }
    size_t from = 0;
    if (nm) {
        /* some context before the first match: a fifth of the window */
        size_t first = m[best].start;
        size_t back = max_chars / 5;
        size_t f = first;
        while (f > 0 && back) {
            f = char_start(body, len, f - 1);
            back--;
        }
        from = f;
    }
    size_t to = advance_chars(body, len, from, max_chars);
    if (to == len && from > 0) {
        /* the window reaches the end: widen it backwards instead */
        size_t need = max_chars, f = from;
        for (size_t i = from; i < len; i++)
            if (((unsigned char)body[i] & 0xC0) != 0x80)
                need--;
        while (f > 0 && need) {
            f = char_start(body, len, f - 1);
            need--;
        }
        from = f;
    }
    /* cut at word boundaries */
    if (from > 0) {
        size_t f = from;
        while (f < len && !is_ws((unsigned char)body[f]) && f < (nm ? m[best].start : len))
            f++;
        from = f;
    }
    if (to < len) {
        size_t t = to;
        while (t > from && !is_ws((unsigned char)body[t]))
            t--;
        if (t > from)
            to = t;
        /* never cut a match in half */
        for (size_t i = 0; i < nm; i++)
            if (m[i].start < to && m[i].start + m[i].len > to)
                to = m[i].start + m[i].len;
    }
    while (from < to && is_ws((unsigned char)body[from]))
        from++;
    while (to > from && is_ws((unsigned char)body[to - 1]))
        to--;
    s->cut_start = from > 0;
    s->cut_end = to < len;
    s->text = byl_malloc(to - from + 1);
    s->spans = byl_malloc((nm ? nm : 1) * sizeof *s->spans);
    if (!s->text || !s->spans) {
        byl_free(m);
        byl_snippet_reset(s);
        return byl_error_set(BYL_ENOMEM, "out of memory making a snippet");
    }
    /* copy, folding white space, and map the match offsets */
    size_t o = 0, mi = 0;
    while (mi < nm && m[mi].start < from)
        mi++;
    int in_ws = 0;
    for (size_t i = from; i < to; i++) {
        if (mi < nm && i == m[mi].start && m[mi].start + m[mi].len <= to) {
            s->spans[s->nspans].start = (uint32_t)o;
            s->spans[s->nspans].len = 0;
        }
        unsigned char c = (unsigned char)body[i];
        if (is_ws(c)) {
            if (!in_ws)
                s->text[o++] = ' ';
            in_ws = 1;
        } else {
            s->text[o++] = (char)c;
            in_ws = 0;
        }
        if (mi < nm && i + 1 == m[mi].start + m[mi].len) {
            if (m[mi].start >= from && m[mi].start + m[mi].len <= to) {
                s->spans[s->nspans].len = (uint32_t)(o - s->spans[s->nspans].start);
                s->nspans++;
            }
            mi++;
        }
    }
    s->text[o] = '\0';
    s->len = o;
    byl_free(m);
    return BYL_OK;
}
