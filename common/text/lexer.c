/*
 * lexer.c - pass 1 of the analyzer: the bytes of a text split into units,
 * each a word with its connectors (U.S.-China, 60,000, AT&T, LeiFeng.com), a
 * CJK run, a URL, an e-mail address, a #tag or an @handle, and for each what
 * separated it from the one before (punctuation, sentence end, line,
 * paragraph, a lone &) and the case facts the later passes read (F_*).
 * URLs, e-mail addresses and tags are lexed again inside, as "inner" units,
 * so that their pieces are searchable too.
 *
 * Not for: what a unit becomes (emit.c), nor the context of a unit (its
 * sentence in capitals, a heading: context.c).
 */
#include <string.h>

#include "text/_analyzer.h"
#include "text/words.h"

/* ---- lexing ------------------------------------------------------------- */

static void push_unit(byl_analyzer *a, uint32_t start, uint32_t end,
                      uint32_t flags, int type, unsigned *brk)
{
    if (grow(a, (void **)&a->units, &a->capunits, a->nunits + 1, sizeof *a->units))
        return;
    struct unit *u = &a->units[a->nunits++];
    u->start = start;
    u->end = end;
    u->flags = flags;
    u->type = (uint8_t)type;
    u->brk = (uint8_t)*brk;
    *brk = 0;
    /* the first unit of each line, for mark_headings */
    if ((a->nunits == 1 || (u->brk & BRK_LINE)) &&
        !grow(a, (void **)&a->lines, &a->caplines, a->nlines + 1, sizeof *a->lines))
        a->lines[a->nlines++] = (uint32_t)(a->nunits - 1);
}

static int starter_at(const byl_analyzer *a, const uint8_t *s, size_t i, size_t to)
{
    size_t n;
    return i < to && IS_STARTER(class_at(a, s, i, to, &n));
}

static int letter_at(const byl_analyzer *a, const uint8_t *s, size_t i, size_t to)
{
    size_t n;
    return i < to && IS_LETTER(class_at(a, s, i, to, &n));
}

/* Exactly three ASCII digits at s[i..], not followed by another digit or
 * letter: the group after a thousands comma. */
static int thousands_at(const uint8_t *s, size_t i, size_t to)
{
    if (i + 3 > to || !is_digit(s[i]) || !is_digit(s[i + 1]) || !is_digit(s[i + 2]))
        return 0;
    if (i + 3 == to)
        return 1;
    if (is_digit(s[i + 3]) || is_alpha(s[i + 3]))
        return 0;
    /* a letter of any script ends it too: "9,282İ" must split as "9,282i"
     * (its lower case, what a query types) does, or the index holds a
     * compound no query can produce (found by fuzz-analyzer) */
    int32_t cp;
    byl_utf8_decode(s + i + 3, to - i - 3, &cp);
    utf8proc_category_t c = utf8proc_category(cp);
    return c < UTF8PROC_CATEGORY_LU || c > UTF8PROC_CATEGORY_LO;
}

static int ci_prefix(const uint8_t *s, size_t i, size_t to, const char *p)
{
    size_t n = strlen(p);
    if (to - i < n)
        return 0;
    for (size_t k = 0; k < n; k++) {
        uint8_t c = s[i + k];
        if (c >= 'A' && c <= 'Z')
            c = (uint8_t)(c + 32);
        if (c != (uint8_t)p[k])
            return 0;
    }
    return 1;
}

/* A URL starting at s[i]: "http://", "https://", "ftp://" or "www.".
 * Returns its end (trailing punctuation trimmed) and the start of its body
 * (after the scheme and "www.") in *body, or 0. */
static size_t try_url(const byl_analyzer *a, const uint8_t *s, size_t i,
                      size_t to, size_t *body)
{
    size_t b;
    if (ci_prefix(s, i, to, "http://"))
        b = i + 7;
    else if (ci_prefix(s, i, to, "https://"))
        b = i + 8;
    else if (ci_prefix(s, i, to, "ftp://"))
        b = i + 6;
    else if (ci_prefix(s, i, to, "www."))
        b = i;
    else
        return 0;
    if (ci_prefix(s, b, to, "www."))
        b += 4;
    if (!starter_at(a, s, b, to))
        return 0;
    size_t e = b;
    while (e < to) {
        uint8_t c = s[e];
        if (c < 0x80) {
            if (c <= ' ' || c == 0x7F || strchr("\"<>\\^`{|}", c))
                break;
            e++;
        } else {
            int32_t cp;
            size_t n = byl_utf8_decode(s + e, to - e, &cp);
            int cl = byl_charclass_cp(cp);
            if (cp == BYL_UTF8_REPLACEMENT || cl == C_SPACE || cl == C_NL ||
                cl == C_SENT || cp == 0x201D || cp == 0x300D)
                break;
            e += n;
        }
    }
    /* trailing punctuation belongs to the sentence, not the URL */
    for (;;) {
        if (e > b && s[e - 1] < 0x80 && strchr(".,;:!?'\")]}", s[e - 1]))
            e--;
        else if (e >= b + 3 && s[e - 3] == 0xE2 && s[e - 2] == 0x80 &&
                 (s[e - 1] == 0x99 || s[e - 1] == 0x9D))
            e -= 3; /* ’ ” */
        else
            break;
    }
    *body = b;
    return e > b ? e : 0;
}

/* An e-mail address starting at s[i]: local@label.label...  Letters and
 * digits of any script are allowed (internationalized addresses), so that
 * detection depends only on character classes, never on case: lower-casing
 * İ gives ASCII i, and the query side must still see the same address.
 * Returns its end or 0. */
static size_t try_email(const byl_analyzer *a, const uint8_t *s, size_t i, size_t to)
{
    size_t j = i, n;
    while (j < to) {
        int cl = class_at(a, s, j, to, &n);
        if (!(IS_STARTER(cl) || cl == C_MARK || (s[j] && strchr("._%+-", s[j]))))
            break;
        j += n;
    }
    if (j == i || j >= to || s[j] != '@')
        return 0;
    j++;
    size_t end = 0, labels = 0;
    for (;;) {
        size_t l = j, nlet = 0, other = 0;
        while (j < to) {
            int cl = class_at(a, s, j, to, &n);
            if (IS_LETTER(cl) || cl == C_MARK)
                nlet += IS_LETTER(cl);
            else if (cl == C_DIGIT || s[j] == '-')
                other++;
            else
                break;
            j += n;
        }
        if (j == l)
            break;
        labels++;
        if (labels >= 2 && nlet >= 2 && other == 0)
            end = j; /* a plausible top-level label */
        if (j < to && s[j] == '.' && starter_at(a, s, j + 1, to))
            j++;
        else
            break;
    }
    return end;
}

/* Scans one word unit at s[i] (a starter): atoms of letters, digits, marks
 * and inner apostrophes, joined by single connectors (- – . & and the
 * thousands comma) when a word character follows.  Fills *flags. */
static size_t scan_word(const byl_analyzer *a, const uint8_t *s, size_t i,
                        size_t to, uint32_t *flags)
{
    unsigned nup = 0, nlo = 0, nlet = 0, ndig = 0, natoms = 0;
    unsigned minlet = ~0u, maxlet = 0, two = 0, conns = 0;
    uint32_t f = 0;
    int first = 1;
    size_t j = i;
    for (;;) {
        unsigned alet = 0, adig = 0;
        while (j < to) {
            uint8_t c = s[j];
            if (c >= 'a' && c <= 'z' && !first) {
                /* the common case, without the class dispatch */
                nlo++;
                alet++;
                j++;
                continue;
            }
            size_t n;
            int cl = class_at(a, s, j, to, &n);
            if (cl == C_UPPER) {
                nup++;
                alet++;
                if (first)
                    f |= F_UPPER1;
            } else if (cl == C_LOWER) {
                nlo++;
                alet++;
                if (first)
                    f |= F_LOWER1;
            } else if (cl == C_OLETTER) {
                alet++;
            } else if (cl == C_DIGIT) {
                adig++;
            } else if (cl == C_MARK || cl == C_IGNORE) {
                /* part of the word */
            } else if (cl == C_APOS && letter_at(a, s, j + n, to)) {
                f |= F_APOS;
            } else {
                break;
            }
            first = 0;
            if (c >= 0x80)
                f |= F_NONASCII;
            j += n;
        }
        natoms++;
        nlet += alet;
        ndig += adig;
        if (alet < minlet)
            minlet = alet;
        if (alet > maxlet)
            maxlet = alet;
        two += alet == 2;
        if (j >= to)
            break;
        size_t n, n2;
        int cl = class_at(a, s, j, to, &n);
        size_t k = j + n;
        unsigned ck = 0;
        if (cl == C_HYPHEN) {
            ck = K_HYPH;
        } else if (cl == C_DOT) {
            ck = K_DOT;
            if (k < to && class_at(a, s, k, to, &n2) == C_HYPHEN) {
                ck = K_DOTHYPH;
                k += n2;
            }
        } else if (cl == C_AMP) {
            ck = K_AMP;
        } else if (cl == C_COMMA && alet == 0 && adig > 0 && thousands_at(s, k, to)) {
            ck = K_COMMA;
        }
        if (!ck || !starter_at(a, s, k, to))
            break;
        conns |= ck;
        j = k;
    }
    if (nup >= 2 && nlo == 0)
        f |= F_CAPSWORD;
    if (nup + nlo >= 2)
        f |= F_CASEWORD;
    if (ndig == 0)
        f |= F_ALPHA;
    if (nlet == 0)
        f |= F_NUM;
    if (natoms == 1 && !(f & (F_APOS | F_NONASCII)))
        f |= F_SIMPLE;
    if (natoms == 1 && nup >= 2 && nlo == 1 && s[j - 1] == 's')
        f |= F_PLURALACR;
    if (natoms == 1 && nlet == 1 && ndig == 0)
        f |= F_ONELETTER;
    if (natoms >= 2 && conns == K_DOT && ndig == 0 && maxlet <= 2 && minlet == 1 &&
        two <= 1)
        f |= F_ABBR;
    if (nlet >= 4)
        f |= F_LONG4;
    if (nlet >= 5)
        f |= F_LONG5;
    *flags = f;
    return j;
}

/* Whether a period right after unit u is part of an abbreviation (U.S.,
 * Mr., an initial) rather than the end of a sentence. */
static int abbrev_before_dot(const byl_analyzer *a, const uint8_t *s,
                             const struct unit *u)
{
    if (u->type != UT_WORD)
        return 0;
    if (u->flags & (F_ABBR | F_ONELETTER))
        return 1;
    size_t n = u->end - u->start;
    if ((u->flags & F_SIMPLE) && (u->flags & F_ALPHA) && n <= BYL_WORD_MAX) {
        char w[BYL_WORD_MAX + 1];
        for (size_t k = 0; k < n; k++) {
            uint8_t c = s[u->start + k];
            w[k] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
        }
        /* and a given name written short (Ma. Lourdes, Moh. Taufik), in
         * its capital only */
        return (byl_word_roles(w, n) & BYL_W_ABBR) != 0 ||
               (s[u->start] >= 'A' && s[u->start] <= 'Z' && byl_word_in(BYL_WL_NAME_ABBR, w, n));
    }
    return 0;
}

static size_t lex_word(byl_analyzer *a, const uint8_t *s, size_t i, size_t to,
                       int inner, unsigned *brk)
{
    uint32_t f, in = inner ? F_INNER : 0;
    size_t body, e;
    if (!inner && (e = try_url(a, s, i, to, &body)) != 0) {
        push_unit(a, (uint32_t)i, (uint32_t)e, 0, UT_URL, brk);
        byl_lex_range(a, s, body, e, 1);
        return e;
    }
    size_t j = scan_word(a, s, i, to, &f);
    if (!inner && j < to && (s[j] == '@' || s[j] == '_' || s[j] == '+' || s[j] == '%') &&
        (e = try_email(a, s, i, to)) != 0) {
        push_unit(a, (uint32_t)i, (uint32_t)e, 0, UT_EMAIL, brk);
        byl_lex_range(a, s, i, e, 1);
        return e;
    }
    push_unit(a, (uint32_t)i, (uint32_t)j, f | in, UT_WORD, brk);
    if ((f & F_UPPER1) && !inner && s[i] >= 'A' && s[i] <= 'Z') {
        /* first letters and lengths of the capitalised words (a possessive
         * or hyphenated one stands for every length up to its own; a
         * plain one for its plural's too: entity.c asks whether "Vendor"
         * is written "vendors" elsewhere) */
        size_t len = j - i < 32 ? j - i : 32;
        uint32_t bit = 1u << (s[i] - 'A');
        if (f & F_SIMPLE) {
            a->shape[len] |= bit;
            a->shape[len < 32 ? len + 1 : 32] |= bit;
        }
        else
            for (size_t l = 1; l <= len; l++)
                a->shape[l] |= bit;
    }
    return j;
}

static size_t lex_cjk(byl_analyzer *a, const uint8_t *s, size_t i, size_t to,
                      int inner, unsigned *brk)
{
    size_t j = i, n;
    while (j < to) {
        int cl = class_at(a, s, j, to, &n);
        if (cl != C_CJK && cl != C_MARK && cl != C_IGNORE)
            break;
        j += n;
    }
    push_unit(a, (uint32_t)i, (uint32_t)j, inner ? F_INNER : 0, UT_CJK, brk);
    return j;
}

/* A #hashtag or @handle at s[i]: the sign, then letters, digits, CJK and
 * underscores.  Returns its end, or 0. */
static size_t tag_end(const byl_analyzer *a, const uint8_t *s, size_t i, size_t to)
{
    size_t n, j;
    class_at(a, s, i, to, &n);
    j = i + n;
    int any = 0;
    while (j < to) {
        size_t m;
        int cl = class_at(a, s, j, to, &m);
        if (IS_STARTER(cl) || cl == C_CJK)
            any = 1;
        else if (!(cl == C_MARK || cl == C_IGNORE || s[j] == '_'))
            break;
        j += m;
    }
    return any ? j : 0;
}

/* Whether the character s[i, i + n) parts items of page chrome: |, [, ],
 * ·, », •, › or a slash between blanks (Terms · Privacy, Accept /
 * Reject). */
static int item_mark(const uint8_t *s, size_t i, size_t n, size_t from, size_t to)
{
    uint8_t c = s[i];
    if (n == 1)
        return c == '|' || c == '[' || c == ']' ||
               (c == '/' && i > from && i + 1 < to && s[i - 1] == ' ' && s[i + 1] == ' ');
    if (n == 2)
        return c == 0xC2 && (s[i + 1] == 0xB7 || s[i + 1] == 0xBB);
    return n == 3 && c == 0xE2 && s[i + 1] == 0x80 && (s[i + 2] == 0xA2 || s[i + 2] == 0xBA);
}

/* Lexes s[from..to) into a->units.  inner: the pieces of a URL, e-mail or
 * tag (no further URLs or tags inside). */
void byl_lex_range(byl_analyzer *a, const uint8_t *s, size_t from, size_t to,
                   int inner)
{
    unsigned brk = inner ? BRK_PUNCT : BRK_SENT;
    unsigned nl = 0;
    size_t base = a->nunits;
    size_t i = from;
    while (i < to && !a->rc) {
        size_t n;
        int cl = class_at(a, s, i, to, &n);
        if (cl == C_SPACE || cl == C_IGNORE) {
            if (s[i] == '\t' || (s[i] == ' ' && i > from && s[i - 1] == ' '))
                brk |= BRK_ITEM; /* a gap of blanks between items */
            i += n;
            continue;
        }
        if (cl == C_NL) {
            a->saw_sent |= !inner;
            brk |= BRK_LINE;
            if (++nl >= 2)
                brk |= BRK_PARA;
            i += n;
            continue;
        }
        nl = 0;
        struct unit *prev = a->nunits > base ? &a->units[a->nunits - 1] : NULL;
        if (IS_STARTER(cl)) {
            i = lex_word(a, s, i, to, inner, &brk);
        } else if (cl == C_CJK) {
            i = lex_cjk(a, s, i, to, inner, &brk);
        } else if ((cl == C_HASH || cl == C_AT) && !inner &&
                   !(prev && prev->end == i)) {
            size_t e = tag_end(a, s, i, to);
            if (e) {
                push_unit(a, (uint32_t)i, (uint32_t)e, 0, UT_TAG, &brk);
                byl_lex_range(a, s, i + n, e, 1);
                i = e;
            } else {
                brk |= BRK_PUNCT;
                i += n;
            }
        } else if (cl == C_DOT) {
            a->saw_sent |= !inner;
            if (prev && prev->end == i && !(prev->flags & F_DOTAFTER)) {
                prev->flags |= F_DOTAFTER;
                brk |= BRK_DOT;
                if (!abbrev_before_dot(a, s, prev))
                    brk |= BRK_SENT | BRK_PUNCT;
            } else {
                brk |= BRK_SENT | BRK_PUNCT;
            }
            i += n;
        } else if (cl == C_SENT) {
            a->saw_sent |= !inner;
            brk |= BRK_SENT | BRK_PUNCT;
            i += n;
        } else if (cl == C_AMP && !inner && prev && prev->end < i && i + n < to &&
                   s[i + n] == ' ' && !(brk & (BRK_PUNCT | BRK_LINE))) {
            brk |= BRK_AMP; /* Procter & Gamble: a connector, not punctuation */
            i += n;
        } else {
            brk |= BRK_PUNCT;
            if (item_mark(s, i, n, from, to))
                brk |= BRK_ITEM;
            i += n;
        }
    }
}

