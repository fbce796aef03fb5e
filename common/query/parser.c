/*
 * parser.c - recursive-descent parser for the query language (parser.h).
 *
 *   or     := and ( "OR" and )*
 *   and    := group ( "AND" group )*
 *   group  := clause+                      (implicit: ranked, should-match)
 *   clause := [ "+" | "-" | "NOT" ] primary
 *   primary:= "(" or ")" | FIELD ":" ( word | phrase | "(" or ")" )
 *            | phrase [ "~" N ] | word [ "*" ]
 * Columns count characters, not bytes, so a message points where a person
 * looks.
 *
 * Prose is not an error: a '+' or '-' with a space after it (a dash), a
 * token of punctuation alone ("—", "?", "&", "*") and a capitalised
 * "Label:" before a space are passed over or kept as words, and in a query
 * written all in capitals (two words or more, no lower-case letter) AND, OR
 * and NOT are words.  Only a query broken as a query is refused.
 * Not for: analysis or evaluation.
 */
#include "query/parser.h"

#include <stdio.h>
#include <string.h>

#include "doc/reader.h"
#include "index/format.h"
#include "text/analyzer.h"
#include "util/err.h"
#include "util/mem.h"

typedef struct parser {
    const char *s;
    size_t len;
    size_t i;
    int depth;
    int nodes;
    int rc;
    int shouted;  /* all in capitals: AND, OR and NOT are words */
    size_t lone_star; /* 1 + offset of a '*' standing alone, passed over */
} parser;

#define MAX_DEPTH 64

/* 1-based character column of byte offset off. */
static int column(const parser *p, size_t off)
{
    int col = 1;
    for (size_t i = 0; i < off && i < p->len; i++)
        if (((unsigned char)p->s[i] & 0xC0) != 0x80)
            col++;
    return col;
}

static int perr(parser *p, size_t off, const char *what)
{
    if (!p->rc)
        p->rc = byl_error_set(BYL_EPARSE, "column %d: %s", column(p, off), what);
    return p->rc;
}

static byl_qnode *node_new(parser *p, byl_qtype t, size_t off)
{
    if (p->rc)
        return NULL;
    if (++p->nodes > BYL_QUERY_MAX_NODES) {
        p->rc = byl_error_set(BYL_ELIMIT, "query has more than %d clauses; shorten it",
                              BYL_QUERY_MAX_NODES);
        return NULL;
    }
    byl_qnode *n = byl_calloc(1, sizeof *n);
    if (!n) {
        p->rc = byl_error_set(BYL_ENOMEM, "out of memory parsing the query");
        return NULL;
    }
    n->type = t;
    n->field = -1;
    n->col = column(p, off);
    return n;
}

void byl_qnode_free(byl_qnode *n)
{
    if (!n)
        return;
    for (size_t i = 0; i < n->nkids; i++)
        byl_qnode_free(n->kids[i]);
    byl_free(n->kids);
    byl_free(n->text);
    byl_free(n);
}

static int add_kid(parser *p, byl_qnode *parent, byl_qnode *kid)
{
    byl_qnode **k = byl_realloc(parent->kids, (parent->nkids + 1) * sizeof *k);
    if (!k) {
        byl_qnode_free(kid);
        return p->rc = byl_error_set(BYL_ENOMEM, "out of memory parsing the query");
    }
    parent->kids = k;
    k[parent->nkids++] = kid;
    return BYL_OK;
}

static int is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

static void skip_space(parser *p)
{
    while (p->i < p->len && is_space(p->s[p->i]))
        p->i++;
}

/* Length of the bare word at p->i: up to space, parenthesis or quote. */
static size_t word_len(const parser *p, size_t at)
{
    size_t j = at;
    while (j < p->len && !is_space(p->s[j]) && p->s[j] != '(' && p->s[j] != ')' && p->s[j] != '"')
        j++;
    return j - at;
}

static int at_keyword(const parser *p, const char *kw)
{
    size_t n = strlen(kw);
    return !p->shouted && p->i + n <= p->len && memcmp(p->s + p->i, kw, n) == 0 &&
           word_len(p, p->i) == n;
}

/* The bare token at p->i has no letter, digit or mark: punctuation or a
 * symbol standing alone in prose ("—", "?", "&", "*"), which means nothing
 * to search for. */
static int at_punctuation(const parser *p)
{
    size_t n = word_len(p, p->i);
    return n > 0 && !byl_text_has_word(p->s + p->i, n);
}

/* Written all in capitals: at least two tokens with a letter, and no
 * lower-case letter anywhere.  "WAR AND PEACE IN THE MIDDLE EAST" is a
 * headline, not a conjunction. */
static int shouted(const char *s, size_t len)
{
    if (byl_text_cases(s, len) != BYL_CASE_UPPER)
        return 0;
    int words = 0;
    for (size_t i = 0; i < len && words < 2;) {
        while (i < len && is_space(s[i]))
            i++;
        size_t j = i;
        while (j < len && !is_space(s[j]))
            j++;
        words += j > i && byl_text_cases(s + i, j - i) != 0;
        i = j;
    }
    return words >= 2;
}

static byl_qnode *parse_or(parser *p);

static void set_field(byl_qnode *n, int field)
{
    if ((n->type == BYL_Q_WORD || n->type == BYL_Q_PHRASE) && n->field < 0)
        n->field = field;
    for (size_t i = 0; i < n->nkids; i++)
        set_field(n->kids[i], field);
}

#define DATE_FORMS "2025, 2025-03, 2025-03-01, 2025-01-01..2025-06-30 or >=2025-03"

/* Days in month m (1..12) of year y, by the Gregorian leap rule. */
static int month_days(int y, int m)
{
    static const unsigned char dm[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : dm[m - 1];
}

/* How many digits start at s[at] (below n); their value, if at most 4, in
 * *v. */
static size_t date_digits(const char *s, size_t n, size_t at, int *v)
{
    size_t k = 0;
    *v = 0;
    while (at + k < n && s[at + k] >= '0' && s[at + k] <= '9') {
        if (k < 4)
            *v = *v * 10 + (s[at + k] - '0');
        k++;
    }
    return k;
}

/* Parses "2025", "2025-03" or "2025-03-01" (month and day may have one
 * digit) at [s, s+n), which lies inside the query: the first and last second
 * of that year, month or day in *lo and *hi.  A date that cannot exist (year
 * 0000, month 00 or 13, day 00, 2025-02-29) is an error at the column of its
 * faulty part, so that "date:1987-00" is not taken for all of 1987; any other
 * text is an error at the clause, which starts at byte start.  The range is
 * 0001-01-01 .. 9999-12-31 for every form, as for byl_date_parse.  Returns 0
 * or the parser's error code. */
static int parse_day_range(parser *p, size_t start, const char *s, size_t n, int64_t *lo,
                           int64_t *hi)
{
    size_t off = (size_t)(s - p->s); /* where s lies in the query */
    size_t i, at_m = 0, at_d = 0, km = 0, kd = 0;
    int y, m = 1, d = 1;
    char msg[128];
    if (date_digits(s, n, 0, &y) != 4)
        goto shape;
    i = 4;
    if (i < n && s[i] == '-') {
        at_m = ++i;
        km = date_digits(s, n, i, &m);
        if (km < 1 || km > 2)
            goto shape;
        i += km;
        if (i < n && s[i] == '-') {
            at_d = ++i;
            kd = date_digits(s, n, i, &d);
            if (kd < 1 || kd > 2)
                goto shape;
            i += kd;
        }
    }
    if (i != n)
        goto shape;
    if (y == 0)
        return perr(p, off, "year 0000 does not exist; years run from 0001 to 9999");
    if (m < 1 || m > 12) {
        snprintf(msg, sizeof msg, "month %.*s does not exist; months run from 01 to 12",
                 (int)km, s + at_m);
        return perr(p, off + at_m, msg);
    }
    if (d < 1 || d > month_days(y, m)) {
        snprintf(msg, sizeof msg, "%04d-%02d has no day %.*s; its days run from 01 to %02d", y,
                 m, (int)kd, s + at_d, month_days(y, m));
        return perr(p, off + at_d, msg);
    }
    /* The last day of the period: the same day, the month's last, or Dec 31. */
    int m1 = at_m ? m : 12, d1 = at_d ? d : month_days(y, m1);
    char iso[32];
    int64_t a, b;
    snprintf(iso, sizeof iso, "%04d-%02d-%02d", y, m, d);
    if (byl_date_parse(iso, strlen(iso), &a))
        goto shape;
    snprintf(iso, sizeof iso, "%04d-%02d-%02d", y, m1, d1);
    if (byl_date_parse(iso, strlen(iso), &b))
        goto shape;
    *lo = a;
    *hi = b + 86399;
    return BYL_OK;
shape:
    return perr(p, start, "expected a date like " DATE_FORMS " after 'date:'");
}

/* date:VALUE at [v, v+n).  A range whose ends are reversed
 * ("date:2025..2024") is an error, not swapped and not silently empty:
 * it is more often a typo than a wish, and the man page says so. */
static byl_qnode *parse_date(parser *p, size_t start, const char *v, size_t n)
{
    int64_t lo = INT64_MIN, hi = INT64_MAX, a, b;
    const char *dots = NULL;
    for (size_t i = 0; i + 1 < n; i++)
        if (v[i] == '.' && v[i + 1] == '.')
            dots = v + i;
    int rc;
    if (dots) {
        size_t l1 = (size_t)(dots - v), l2 = n - l1 - 2;
        if (!l1 && !l2)
            rc = perr(p, start, "expected a date like " DATE_FORMS " after 'date:'");
        else
            rc = (l1 ? parse_day_range(p, start, v, l1, &lo, &b) : 0) ||
                 (l2 ? parse_day_range(p, start, dots + 2, l2, &a, &hi) : 0);
        if (!rc && lo > hi) {
            char msg[128];
            snprintf(msg, sizeof msg,
                     "this date range ends before it starts (%.*s is after %.*s); "
                     "put the earlier date first",
                     (int)l1, v, (int)l2, dots + 2);
            rc = perr(p, (size_t)(dots - p->s), msg);
        }
    } else if (n > 2 && v[0] == '>' && v[1] == '=') {
        rc = parse_day_range(p, start, v + 2, n - 2, &lo, &b);
    } else if (n > 1 && v[0] == '>') {
        rc = parse_day_range(p, start, v + 1, n - 1, &a, &b);
        lo = b + 1;
    } else if (n > 2 && v[0] == '<' && v[1] == '=') {
        rc = parse_day_range(p, start, v + 2, n - 2, &a, &hi);
    } else if (n > 1 && v[0] == '<') {
        rc = parse_day_range(p, start, v + 1, n - 1, &a, &b);
        hi = a - 1;
    } else {
        rc = parse_day_range(p, start, v, n, &lo, &hi);
    }
    if (rc)
        return NULL;
    byl_qnode *d = node_new(p, BYL_Q_DATE, start);
    if (d) {
        d->date_lo = lo;
        d->date_hi = hi;
    }
    return d;
}

/* A quoted phrase.  Inside it \" is a quote and \\ a backslash, so that
 * an id holding a quote can be asked for (id:"say \"cheese\""); any other
 * backslash is kept as it is. */
static byl_qnode *parse_phrase(parser *p)
{
    size_t start = p->i++;
    size_t a = p->i, escapes = 0;
    while (p->i < p->len && p->s[p->i] != '"') {
        if (p->s[p->i] == '\\' && p->i + 1 < p->len && (p->s[p->i + 1] == '"' || p->s[p->i + 1] == '\\'))
            p->i++, escapes++;
        p->i++;
    }
    if (p->i >= p->len) {
        perr(p, start, "unbalanced quote: this phrase has no closing '\"'");
        return NULL;
    }
    size_t b = p->i++;
    byl_qnode *n = node_new(p, BYL_Q_PHRASE, start);
    if (!n)
        return NULL;
    n->text = byl_strndup(p->s + a, b - a);
    n->text_len = b - a;
    if (n->text && escapes) {
        size_t o = 0;
        for (size_t j = 0; j < b - a; j++) {
            char c = n->text[j];
            if (c == '\\' && j + 1 < b - a && (n->text[j + 1] == '"' || n->text[j + 1] == '\\'))
                c = n->text[++j];
            n->text[o++] = c;
        }
        n->text[o] = '\0';
        n->text_len = o;
    }
    if (!n->text) {
        byl_qnode_free(n);
        p->rc = byl_error_set(BYL_ENOMEM, "out of memory parsing the query");
        return NULL;
    }
    if (p->i < p->len && p->s[p->i] == '~') {
        size_t at = p->i++;
        int slop = 0, digits = 0;
        /* every digit is read (the fifth of "~10000" was once left to be
         * a word of the query); past BYL_SLOP_MAX a phrase's words may be
         * anywhere in an article all the same */
        while (p->i < p->len && p->s[p->i] >= '0' && p->s[p->i] <= '9') {
            slop = slop * 10 + (p->s[p->i++] - '0');
            if (slop > BYL_SLOP_MAX)
                slop = BYL_SLOP_MAX;
            digits++;
        }
        if (!digits) {
            byl_qnode_free(n);
            perr(p, at, "expected a number after '~' (words within N positions)");
            return NULL;
        }
        if (p->i < p->len && p->s[p->i] == '~') {
            byl_qnode_free(n);
            perr(p, p->i, "a phrase takes one '~N' (words within N positions)");
            return NULL;
        }
        n->slop = slop;
    }
    return n;
}

static byl_qnode *parse_primary(parser *p)
{
    skip_space(p);
    if (p->i >= p->len) {
        perr(p, p->i, "expected a word, a \"phrase\" or '(' at the end of the query");
        return NULL;
    }
    if (++p->depth > MAX_DEPTH) {
        perr(p, p->i, "parentheses nested too deeply");
        return NULL;
    }
    byl_qnode *n = NULL;
    size_t start = p->i;
    char c = p->s[p->i];
    if (c == '(') {
        p->i++;
        n = parse_or(p);
        skip_space(p);
        if (n && (p->i >= p->len || p->s[p->i] != ')')) {
            byl_qnode_free(n);
            n = NULL;
            perr(p, start, "unbalanced parenthesis: this '(' is never closed");
        } else if (n) {
            p->i++;
        }
    } else if (c == ')') {
        perr(p, start, "unexpected ')' with no '(' before it");
    } else if (c == '"') {
        n = parse_phrase(p);
    } else {
        size_t wl = word_len(p, p->i);
        const char *w = p->s + p->i;
        const char *colon = memchr(w, ':', wl);
        int field = -2;
        char name[16];
        size_t fl = colon ? (size_t)(colon - w) : 0;
        /* a field name in any case (TITLE:oil is title:oil), but a
         * capitalised one before a space is a label in pasted prose
         * ("Source: Reuters"); in lower case it is a field with no value */
        int lower = 1;
        for (size_t k = 0; k < fl && fl < sizeof name; k++) {
            name[k] = (char)(w[k] >= 'A' && w[k] <= 'Z' ? w[k] - 'A' + 'a' : w[k]);
            lower &= name[k] == w[k];
        }
        size_t after = p->i + fl + 1;
        int value = after < p->len && !is_space(p->s[after]) && p->s[after] != ')';
        if (fl > 0 && fl < sizeof name && (lower || value)) {
            if (fl == 4 && memcmp(name, "date", 4) == 0)
                field = -3;
            else if (fl == 4 && memcmp(name, "body", 4) == 0)
                field = BYL_F_BODY;
            else
                field = byl_field_parse(name, fl);
            if (field == -1)
                field = -2; /* not a field: "10:30", "http://" stay words */
        }
        if (field == -3) {
            p->i += wl;
            n = parse_date(p, start, colon + 1, wl - (size_t)(colon + 1 - w));
        } else if (field >= 0) {
            p->i += (size_t)(colon + 1 - w);
            if (p->i >= p->len || is_space(p->s[p->i]) || p->s[p->i] == ')') {
                perr(p, start, "expected a word, a \"phrase\" or '(' after the field name");
            } else {
                n = parse_primary(p);
                if (n)
                    set_field(n, field);
            }
        } else {
            n = node_new(p, BYL_Q_WORD, start);
            if (n) {
                size_t tl = wl;
                if (tl > 1 && w[tl - 1] == '*') {
                    n->prefix = 1;
                    tl--;
                }
                if (tl == 1 && w[0] == '*') {
                    byl_qnode_free(n);
                    n = NULL;
                    perr(p, start, "a lone '*' matches nothing; put it after the start of a word");
                } else if (!(n->text = byl_strndup(w, tl))) {
                    byl_qnode_free(n);
                    n = NULL;
                    p->rc = byl_error_set(BYL_ENOMEM, "out of memory parsing the query");
                } else {
                    n->text_len = tl;
                }
            }
            p->i += wl;
        }
    }
    p->depth--;
    return n;
}

static int only_excluded(const byl_qnode *g)
{
    if (g->type != BYL_Q_GROUP)
        return 0;
    for (size_t i = 0; i < g->nkids; i++)
        if (g->kids[i]->role != BYL_ROLE_NOT)
            return 0;
    return 1;
}

static byl_qnode *parse_group(parser *p)
{
    byl_qnode *g = node_new(p, BYL_Q_GROUP, p->i);
    if (!g)
        return NULL;
    for (;;) {
        skip_space(p);
        if (p->i >= p->len || p->s[p->i] == ')' || at_keyword(p, "OR") || at_keyword(p, "AND"))
            break;
        byl_qrole role = BYL_ROLE_SHOULD;
        char ch = p->s[p->i];
        if (ch == '+' || ch == '-') {
            /* a run of signs right before a word is one operator, and a '-'
             * anywhere in it excludes: "-+oil" and "+-oil" both mean -oil
             * (never the opposite, +oil); a run with a space or ')' after it
             * is a dash in prose ("difficult - even"), not an operator */
            size_t e = p->i, minus = 0;
            for (; e < p->len && (p->s[e] == '+' || p->s[e] == '-'); e++)
                minus += p->s[e] == '-';
            p->i = e;
            if (e >= p->len || is_space(p->s[e]) || p->s[e] == ')')
                continue;
            role = minus ? BYL_ROLE_NOT : BYL_ROLE_MUST;
        } else if (at_punctuation(p)) {
            if (!p->lone_star && p->s[p->i] == '*' && word_len(p, p->i) == 1)
                p->lone_star = p->i + 1;
            p->i += word_len(p, p->i); /* "—", "?", "&": prose, no word */
            continue;
        } else if (at_keyword(p, "NOT")) {
            role = BYL_ROLE_NOT;
            p->i += 3;
        }
        byl_qnode *c = parse_primary(p);
        if (!c)
            break;
        c->role = role;
        if (add_kid(p, g, c))
            break;
    }
    if (p->rc) {
        byl_qnode_free(g);
        return NULL;
    }
    if (g->nkids == 0) {
        if (p->lone_star)
            perr(p, p->lone_star - 1, "a lone '*' matches nothing; put it after the start of a word");
        else if (p->i < p->len && p->s[p->i] != ')')
            perr(p, p->i, "expected a word before this operator (AND/OR need something on both sides)");
        else
            perr(p, p->i, p->i < p->len ? "expected a word before ')'"
                                        : "expected a word, a \"phrase\" or '(' at the end of the query");
        byl_qnode_free(g);
        return NULL;
    }
    if (g->nkids == 1 && g->kids[0]->role == BYL_ROLE_SHOULD) {
        byl_qnode *only = g->kids[0];
        g->nkids = 0;
        byl_qnode_free(g);
        return only;
    }
    return g;
}

static byl_qnode *parse_and(parser *p)
{
    byl_qnode *first = parse_group(p);
    if (!first)
        return NULL;
    skip_space(p);
    if (!at_keyword(p, "AND"))
        return first;
    byl_qnode *g = node_new(p, BYL_Q_GROUP, 0);
    if (!g) {
        byl_qnode_free(first);
        return NULL;
    }
    g->col = first->col;
    byl_qnode *operand = first;
    for (;;) {
        /* an operand that is only exclusions ("AND NOT x") joins this group */
        if (only_excluded(operand)) {
            for (size_t i = 0; i < operand->nkids && !p->rc; i++) {
                add_kid(p, g, operand->kids[i]);
            }
            operand->nkids = 0;
            byl_qnode_free(operand);
        } else {
            if (operand->role == BYL_ROLE_SHOULD)
                operand->role = BYL_ROLE_MUST;
            add_kid(p, g, operand);
        }
        if (p->rc)
            break;
        skip_space(p);
        if (!at_keyword(p, "AND"))
            break;
        size_t at = p->i;
        p->i += 3;
        operand = parse_group(p);
        if (!operand) {
            if (p->rc == BYL_EPARSE && p->i >= p->len) {
                byl_error_clear();
                p->rc = 0;
                perr(p, at, "expected a word after AND");
            }
            break;
        }
    }
    if (p->rc) {
        byl_qnode_free(g);
        return NULL;
    }
    return g;
}

static byl_qnode *parse_or(parser *p)
{
    byl_qnode *first = parse_and(p);
    if (!first)
        return NULL;
    skip_space(p);
    if (!at_keyword(p, "OR"))
        return first;
    byl_qnode *o = node_new(p, BYL_Q_OR, 0);
    if (!o) {
        byl_qnode_free(first);
        return NULL;
    }
    o->col = first->col;
    add_kid(p, o, first);
    while (!p->rc) {
        skip_space(p);
        if (!at_keyword(p, "OR"))
            break;
        size_t at = p->i;
        p->i += 2;
        skip_space(p);
        if (p->i >= p->len || p->s[p->i] == ')') {
            perr(p, at, "expected a word after OR");
            break;
        }
        byl_qnode *k = parse_and(p);
        if (!k)
            break;
        add_kid(p, o, k);
    }
    if (p->rc) {
        byl_qnode_free(o);
        return NULL;
    }
    return o;
}

/* Every group and OR branch must want something, not only exclude. */
static int check_positive(parser *p, const byl_qnode *n)
{
    if (only_excluded(n))
        return perr(p, 0, "a query of only excluded words matches nothing to rank; "
                          "add a word to search for, e.g. 'bytedance -tiktok'");
    for (size_t i = 0; i < n->nkids; i++)
        if (check_positive(p, n->kids[i]))
            return p->rc;
    return BYL_OK;
}

static int check_text(parser *p)
{
    const unsigned char *s = (const unsigned char *)p->s;
    size_t i = 0;
    while (i < p->len) {
        unsigned char c = s[i];
        if (c < 0x80) {
            if (c < 0x20 && !is_space((char)c))
                return perr(p, i, "control character in the query; remove it");
            if (c == 0x7f)
                return perr(p, i, "control character in the query; remove it");
            i++;
            continue;
        }
        size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
        if (!n || c > 0xF4 || i + n > p->len)
            return perr(p, i, "the query is not valid UTF-8");
        for (size_t k = 1; k < n; k++)
            if ((s[i + k] & 0xC0) != 0x80)
                return perr(p, i, "the query is not valid UTF-8");
        i += n;
    }
    return BYL_OK;
}

int byl_query_parse(const char *query, size_t len, byl_qnode **out)
{
    *out = NULL;
    if (len > BYL_QUERY_MAX)
        return byl_error_set(BYL_ELIMIT, "query is longer than %d bytes; shorten it", BYL_QUERY_MAX);
    parser p = {.s = query, .len = len};
    if (check_text(&p))
        return p.rc;
    p.shouted = shouted(query, len);
    skip_space(&p);
    if (p.i >= p.len)
        return byl_error_set(BYL_EPARSE, "the query is empty; give at least one word");
    /* Prose punctuation alone ("?", "— —") is not a broken query but one
     * with nothing to search for; say so rather than name a column.
     * Parentheses, quotes and a lone '*' keep their own messages below. */
    if (!byl_text_has_word(query, len) && !memchr(query, '*', len) && !memchr(query, '(', len) &&
        !memchr(query, ')', len) && !memchr(query, '"', len))
        return byl_error_set(BYL_EPARSE, "the query has no words, only punctuation; "
                                         "give at least one word");
    byl_qnode *n = parse_or(&p);
    if (n && !p.rc) {
        skip_space(&p);
        if (p.i < p.len) {
            if (p.s[p.i] == ')')
                perr(&p, p.i, "unbalanced parenthesis: this ')' has no '(' before it");
            else
                perr(&p, p.i, "unexpected text");
        }
    }
    if (n && !p.rc)
        check_positive(&p, n);
    if (p.rc) {
        byl_qnode_free(n);
        return p.rc;
    }
    *out = n;
    return BYL_OK;
}

static size_t fmt(const byl_qnode *n, char *buf, size_t cap, size_t at)
{
#define PUT(...)                                                                  \
    do {                                                                          \
        int k_ = snprintf(at < cap ? buf + at : NULL, at < cap ? cap - at : 0, __VA_ARGS__); \
        if (k_ > 0)                                                               \
            at += (size_t)k_;                                                     \
    } while (0)
    const char *role = n->role == BYL_ROLE_MUST ? "+" : n->role == BYL_ROLE_NOT ? "-" : "";
    const char *fname = n->field == BYL_F_BODY ? "body"
                        : n->field >= 0 ? byl_field_name(n->field) : NULL;
    switch (n->type) {
    case BYL_Q_WORD:
        PUT("%s%s%s%.*s%s", role, fname ? fname : "", fname ? ":" : "", (int)n->text_len,
            n->text, n->prefix ? "*" : "");
        break;
    case BYL_Q_PHRASE:
        /* quotes and backslashes escaped, as parse_phrase reads them */
        PUT("%s%s%s\"", role, fname ? fname : "", fname ? ":" : "");
        for (size_t j = 0; j < n->text_len; j++)
            PUT(n->text[j] == '"' || n->text[j] == '\\' ? "\\%c" : "%c", n->text[j]);
        PUT("\"");
        if (n->slop)
            PUT("~%d", n->slop);
        break;
    case BYL_Q_DATE:
        PUT("%sdate:[%lld,%lld]", role, (long long)n->date_lo, (long long)n->date_hi);
        break;
    case BYL_Q_GROUP:
    case BYL_Q_OR:
        PUT("%s%s(", role, n->type == BYL_Q_OR ? "OR" : "");
        for (size_t i = 0; i < n->nkids; i++) {
            if (i)
                PUT(" ");
            at = fmt(n->kids[i], buf, cap, at);
        }
        PUT(")");
        break;
    }
    return at;
#undef PUT
}

size_t byl_qnode_format(const byl_qnode *n, char *buf, size_t cap)
{
    if (cap)
        buf[0] = '\0';
    size_t at = fmt(n, buf, cap, 0);
    if (cap && at >= cap)
        buf[cap - 1] = '\0';
    return at;
}
