/*
 * snippet.h - the window of an article's body that best shows why it
 * matched, with the matched words marked.
 *
 * The body is re-analyzed with byte offsets, so a highlighted word is
 * exactly a word that produced a query term: stemmed forms ("departures"
 * for departure) and name entities included.  The window holds the most
 * query matches, is cut at word boundaries and never splits a UTF-8
 * character; runs of white space become one space.
 *
 * Not for: choosing the markup (the programs decide between bold, [..] or
 * nothing).
 */
#ifndef BYL_SNIPPET_H
#define BYL_SNIPPET_H

#include <stddef.h>
#include <stdint.h>

#include "query/qterm.h"
#include "text/analyzer.h"

typedef struct byl_span {
    uint32_t start; /* byte offset in the snippet text */
    uint32_t len;
} byl_span;

typedef struct byl_snippet {
    char *text;       /* NUL-terminated; owned by the snippet */
    size_t len;
    byl_span *spans;  /* matched words, in order, not overlapping */
    size_t nspans;
    int cut_start;    /* text starts after the start of the body */
    int cut_end;      /* text stops before the end of the body */
} byl_snippet;

void byl_snippet_init(byl_snippet *s);
void byl_snippet_reset(byl_snippet *s);

/* Fills s with a window of about max_chars characters of body (len bytes)
 * around the densest matches of terms (from byl_search_terms).  BYL_OK or
 * BYL_ENOMEM. */
int byl_snippet_make(byl_analyzer *a, const char *body, size_t len,
                     const byl_qterm *terms, size_t nterms, size_t max_chars,
                     byl_snippet *s);

/* Every match of terms in text[0..len) (a whole body or title, for
 * --show): byte ranges in order, not overlapping, into *spans (free with
 * byl_free; may be NULL when *n is 0).  BYL_OK or BYL_ENOMEM. */
int byl_snippet_spans(byl_analyzer *a, const char *text, size_t len, const byl_qterm *terms,
                      size_t nterms, byl_span **spans, size_t *n);

/* For the tests' oracle: with on, snippets stem every word of a text, not
 * only those that may match a term (byl_analyzer_set_stem_filter); the
 * matches must be the same.  Process-wide; off by default. */
void byl_snippet_test_stem_all(int on);

#endif
