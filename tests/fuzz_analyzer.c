/*
 * fuzz_analyzer.c - libFuzzer target for the analyzer (text/analyzer.h).
 *
 * Runs every input through both modes and traps on any broken promise: an
 * error return, a token outside the input, a term over 64 bytes or not
 * NUL-terminated, tokens out of (position, unstacked-first) order, a
 * stacked token without a base, names in query mode, or an index term
 * (other than an entity or acronym) that the lower-cased query does not
 * produce.  It also exercises byl_normalize_word and byl_entity_key.
 * Built and run by `make fuzz` (tests/fuzz.mk); not a Check suite, hence
 * the name.
 *
 * Not for: measuring speed; libFuzzer inputs are tiny.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "text/analyzer.h"
#include "text/utf8.h"
#include "util/err.h"

#define REQUIRE(c)              \
    do {                        \
        if (!(c))               \
            __builtin_trap();   \
    } while (0)

static byl_analyzer *an;

/* Checks the structure of one result; returns the number of tokens. */
static size_t check(const uint8_t *d, size_t n, int mode, const byl_token **tp,
                    const char **termsp)
{
    const byl_token *t;
    size_t nt;
    const char *terms;
    REQUIRE(byl_analyze(an, (const char *)d, n, mode, &t, &nt, &terms) == BYL_OK);
    uint32_t unstacked = 0;
    uint64_t prev = 0;
    for (size_t i = 0; i < nt; i++) {
        int stacked = (t[i].flags & BYL_TOKF_STACKED) != 0;
        uint64_t key = ((uint64_t)t[i].pos << 1) | (uint64_t)stacked;
        REQUIRE(i == 0 || key >= prev);
        prev = key;
        REQUIRE(t[i].term_len >= 1 && t[i].term_len <= 64);
        REQUIRE(strlen(terms + t[i].term_off) == t[i].term_len);
        REQUIRE(t[i].start < t[i].end && t[i].end <= n);
        if (stacked) {
            REQUIRE(unstacked > 0 && t[i].pos == unstacked - 1);
        } else {
            REQUIRE(t[i].pos == unstacked);
            unstacked++;
        }
        if (mode == BYL_AN_QUERY)
            REQUIRE(t[i].kind != BYL_TOK_ENTITY && t[i].kind != BYL_TOK_NAMEPART);
    }
    *tp = t;
    *termsp = terms;
    return nt;
}

static int has_term(const byl_token *t, size_t n, const char *terms, const char *w)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(terms + t[i].term_off, w))
            return 1;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
    if (!an && byl_analyzer_new(&an) != BYL_OK)
        abort();
    const byl_token *t;
    const char *terms;
    check(d, n, BYL_AN_QUERY, &t, &terms);
    size_t nt = check(d, n, BYL_AN_INDEX, &t, &terms);

    /* the invariant, on the lower-cased input */
    char(*want)[65] = malloc((nt ? nt : 1) * sizeof *want);
    size_t nw = 0;
    for (size_t i = 0; i < nt; i++)
        if (t[i].kind != BYL_TOK_ENTITY && t[i].kind != BYL_TOK_ACRONYM)
            memcpy(want[nw++], terms + t[i].term_off, t[i].term_len + 1);
    uint8_t *low = malloc(n * 4 + 1);
    size_t ln = 0;
    for (size_t i = 0; i < n;) {
        int32_t cp;
        size_t k = byl_utf8_decode(d + i, n - i, &cp);
        if (cp == BYL_UTF8_REPLACEMENT && k == 1)
            low[ln++] = d[i];
        else
            ln += byl_utf8_encode(utf8proc_tolower(cp), low + ln);
        i += k;
    }
    size_t nq = check(low, ln, BYL_AN_QUERY, &t, &terms);
    for (size_t i = 0; i < nw; i++)
        REQUIRE(has_term(t, nq, terms, want[i]));
    free(want);
    free(low);

    /* the helpers for the query planner */
    char buf[65];
    size_t wl = byl_normalize_word(an, (const char *)d, n < 200 ? n : 200, buf, sizeof buf);
    REQUIRE(wl < sizeof buf && strlen(buf) == wl);
    if (n >= 2) {
        size_t half = n / 2;
        const char *w[2] = {(const char *)d, (const char *)d + half};
        size_t l[2] = {half, n - half};
        const char *r[2] = {w[1], w[0]};
        size_t rl[2] = {l[1], l[0]};
        char k1[130], k2[130];
        size_t a = byl_entity_key(w, l, 2, k1, sizeof k1);
        size_t b = byl_entity_key(r, rl, 2, k2, sizeof k2);
        REQUIRE(a == b && memcmp(k1, k2, a) == 0);
    }
    return 0;
}
