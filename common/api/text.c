/*
 * text.c - the public helpers for dates and UTF-8 that programs need to
 * read options and show stored text, over doc/date.h, the query parser's
 * date: clause and text/utf8.h.
 *
 * Not for: analysis (text/analyzer.h is internal).
 */
#include <stdio.h>
#include <string.h>

#include "byline.h"
#include "doc/date.h"
#include "doc/reader.h"
#include "query/parser.h"
#include "text/utf8.h"
#include "util/err.h"

_Static_assert(BYLINE_DATE_BUF >= BYL_DATE_BUF, "BYLINE_DATE_BUF is too small");

int byline_date_parse(const char *s, size_t len, int64_t *out)
{
    if (!s || !out)
        return byl_error_set(BYL_EINVAL, "byline_date_parse: NULL argument");
    if (byl_date_parse(s, len, out))
        return byl_error_set(BYL_EPARSE, "cannot read '%.*s' as a date", (int)(len > 64 ? 64 : len),
                             s);
    return BYL_OK;
}

/* As a date: clause reads it, so that the two never disagree on what a
 * period is or why a date does not exist. */
int byline_date_period(const char *s, size_t len, int64_t *first, int64_t *last)
{
    if (!s || !first || !last)
        return byl_error_set(BYL_EINVAL, "byline_date_period: NULL argument");
    if (len > 64 || memchr(s, '\0', len) || memchr(s, ' ', len))
        return byl_error_set(BYL_EPARSE, "'%.*s' is not a period like 2025, 2025-03 or "
                             "2025-03-01", (int)(len > 64 ? 64 : len), s);
    char q[80];
    int n = snprintf(q, sizeof q, "date:%.*s", (int)len, s);
    byl_qnode *node;
    int rc = byl_query_parse(q, (size_t)n, &node);
    if (rc)
        return rc;
    if (node->type != BYL_Q_DATE) {
        byl_qnode_free(node);
        return byl_error_set(BYL_EPARSE, "'%.*s' is not a period like 2025, 2025-03 or "
                             "2025-03-01", (int)len, s);
    }
    *first = node->date_lo;
    *last = node->date_hi;
    byl_qnode_free(node);
    return BYL_OK;
}

size_t byline_date_format(int64_t t, int full, char *buf, size_t cap)
{
    return byl_date_format(t, full, buf, cap);
}

size_t byline_utf8_next(const char *s, size_t n, int32_t *cp)
{
    return byl_utf8_decode((const uint8_t *)s, n, cp);
}
