/*
 * byline.c - the lines around a news article's headline, read as a person
 * reads them: bylines, date lines, kicker and label lines, and credit lines
 * at the end.  Shared by the plain-text reader (text.c), which must decide
 * whether a line is one of these at all, and by the JSON and SGML readers,
 * whose byline/author fields are known to be bylines and only need their
 * names taken out ("By Jane Roe and John Doe" -> "Jane Roe; John Doe").
 *
 * Lines are looked at after byl_rd_clean(): every Unicode space is an ASCII
 * space, zero-width characters are gone, and a run of two or more blanks is
 * kept as a gap of two spaces, since sites that set a byline and its date on
 * one line ("By␣␣jane roe␣␣Nov 26, 2025") separate them with such gaps.
 *
 * A byline must look like one, so that body text such as "By 2030, the
 * company..." or "By the time..." is left alone: after the lead-in ("By",
 * "Written by", "Words by", "Author:", ...) the line falls into segments at
 * strong separators ('|', '·', '•', " — ", " / ", gaps); a segment may hold a
 * date (taken as the article's date), be a label ("5 min read"), or hold
 * names split at commas, ";", " and ", " & ", each of which must be a name
 * (capitalized words, initials, particles such as de, van, bin, al), an
 * agency (its name becomes the source) or a role ("Staff Writer").  Names
 * all in lower case are taken after "by" when no word of them is a common
 * word ("by jane roe", not "by the time"); names all in capitals or all in
 * lower case are given capitals as a person writes them ("Jane Roe").
 * Without a lead-in a line is a byline only when names stand beside an
 * agency, a date or a label ("Jane Roe, Reuters", "Jane Roe · 5 min read"):
 * a bare name could as well be a two-word headline or dek.  A name "for"
 * an outlet ("Jane Roe for Lakeside Public Radio") is one; a desk, an
 * office or an agency after a name ("Communications Office", "Presse
 * Agentur") is never a second writer.  The phrase lists these rules read
 * (section labels, date labels, credit lead-ins, desks) are in
 * text/words.c with the word lists.
 *
 * Not for: finding names in running text (the analyzer's name detection),
 * or dates themselves (date.c).
 */
#include <string.h>
#include <strings.h>

#include <utf8proc.h>

#include "doc/_reader.h"
#include "doc/date.h"
#include "text/place.h"
#include "text/utf8.h"
#include "text/words.h"

static char lower(char c) { return c >= 'A' && c <= 'Z' ? (char)(c | 0x20) : c; }
static int is_upper(char c) { return c >= 'A' && c <= 'Z'; }
static int is_lower(char c) { return c >= 'a' && c <= 'z'; }
static int is_digit(char c) { return c >= '0' && c <= '9'; }

static void trim(const char **s, size_t *n)
{
    while (*n && byl_rd_is_space((unsigned char)**s)) {
        (*s)++;
        (*n)--;
    }
    while (*n && byl_rd_is_space((unsigned char)(*s)[*n - 1]))
        (*n)--;
}

/* s[0,n) equals lit (lower case) ignoring ASCII case. */
static int ci_eqn(const char *s, size_t n, const char *lit)
{
    size_t i = 0;
    for (; i < n && lit[i]; i++)
        if (lower(s[i]) != lit[i])
            return 0;
    return i == n && lit[i] == '\0';
}

/* s[0,n) starts with lit ignoring case, followed by the end, a blank or
 * punctuation (not a letter or digit).  Returns strlen(lit) or 0. */
static size_t ci_word_prefix(const char *s, size_t n, const char *lit)
{
    size_t l = strlen(lit);
    if (n < l || !ci_eqn(s, l, lit))
        return 0;
    if (n > l && (is_lower(lower(s[l])) || is_digit(s[l])))
        return 0;
    return l;
}

/* ------------------------------------------------------------- cleaning */

/* Bytes of a Unicode blank at s (tab, no-break, en/em/thin/hair/figure,
 * narrow no-break, medium mathematical, ideographic space), or 0.  head:
 * control characters count as blanks too. */
static size_t uspace(const unsigned char *s, size_t n, int head)
{
    if (n >= 1 && (s[0] == ' ' || s[0] == '\t' || s[0] == '\f' || s[0] == '\v'))
        return 1;
    if (head && n >= 1 && (s[0] < 0x20 || s[0] == 0x7F))
        return 1; /* a control character, even NUL (allowed escaped in JSON) */
    if (n >= 2 && s[0] == 0xC2 && s[1] == 0xA0)
        return 2;
    if (n >= 3 && s[0] == 0xE2 && s[1] == 0x80 && (s[2] <= 0x8A || s[2] == 0xAF))
        return 3;
    if (n >= 3 && ((s[0] == 0xE2 && s[1] == 0x81 && s[2] == 0x9F) ||
                   (s[0] == 0xE3 && s[1] == 0x80 && s[2] == 0x80) ||
                   (s[0] == 0xE1 && s[1] == 0x9A && s[2] == 0x80)))
        return 3;
    return 0;
}

/* Bytes of a zero-width character at s, or 0: U+200B (space), U+2060 (word
 * joiner), U+FEFF (BOM), U+00AD (soft hyphen); with all also U+200C and
 * U+200D, which body text keeps (they shape Persian words and emoji). */
static size_t uzero(const unsigned char *s, size_t n, int all)
{
    if (n >= 2 && s[0] == 0xC2 && s[1] == 0xAD)
        return 2;
    if (n < 3)
        return 0;
    if (s[0] == 0xE2 && s[1] == 0x80 && (s[2] == 0x8B || (all && (s[2] == 0x8C || s[2] == 0x8D))))
        return 3;
    if ((s[0] == 0xE2 && s[1] == 0x81 && s[2] == 0xA0) ||
        (s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF))
        return 3;
    return 0;
}

/* The length of a pictograph at s (n bytes left) that a page sets as an
 * icon before its furniture ("📅 14 November 2026   ⏱ 11 min read   💬
 * 52", "☰ MENU"), with its variation selector; 0 if none.  Miscellaneous
 * technical (U+2300-23FF), symbols and dingbats (U+2600-27BF), and the
 * emoji planes (U+1F300-1FAFF); not the geometric shapes (● ▸ ■) that
 * part a line's segments. */
static size_t icon(const unsigned char *s, size_t n)
{
    size_t k = 0;
    if (n >= 3 && s[0] == 0xE2 &&
        ((s[1] >= 0x8C && s[1] <= 0x8F) || (s[1] >= 0x98 && s[1] <= 0x9E)))
        k = 3;
    else if (n >= 4 && s[0] == 0xF0 && s[1] == 0x9F && s[2] >= 0x8C && s[2] <= 0xAB)
        k = 4;
    if (k && n >= k + 3 && s[k] == 0xEF && s[k + 1] == 0xB8 && s[k + 2] == 0x8F)
        k += 3; /* U+FE0F: shown as an emoji */
    return k;
}

/* 1 if byte c never starts a blank or a zero-width character (in head
 * mode an ASCII space or control character is one too): runs of such bytes
 * are copied whole, which is nearly all of a body. */
static int plain_byte(unsigned char c, int head)
{
    switch (c) {
    case '\t': case '\f': case '\v': case 0xC2: case 0xE1: case 0xE2: case 0xE3: case 0xEF:
        return 0;
    case 0xF0: /* an icon, left out of a head line (icon) */
        return head != 1;
    default:
        return !head || (c > 0x20 && c != 0x7F);
    }
}

/* s[a, b) past blanks and zero-width characters at its start (fw) or end. */
static size_t skip_fw(const unsigned char *s, size_t a, size_t b)
{
    for (size_t k; a < b;) {
        if (s[a] == ' ' || s[a] == '\t')
            a++;
        else if ((k = uzero(s + a, b - a, 1)) != 0 || (k = uspace(s + a, b - a, 0)) != 0)
            a += k;
        else
            break;
    }
    return a;
}
static size_t skip_bw(const unsigned char *s, size_t a, size_t b)
{
    while (b > a) {
        size_t k = 0;
        if (s[b - 1] == ' ' || s[b - 1] == '\t')
            k = 1;
        for (size_t m = 2; !k && m <= 3 && b - a >= m; m++)
            if (uzero(s + b - m, m, 1) == m || uspace(s + b - m, m, 0) == m)
                k = m;
        if (!k)
            break;
        b -= k;
    }
    return b;
}

/* In head mode, the marks of a quoted or Markdown line around what it
 * says: "> " quote marks at its start (a story pasted into a post or a
 * reply), and "**" or "__" around the whole line (bold), with any blank or
 * zero-width character among them.  Moves *i past the opening marks and
 * *n before the closing ones, unless nothing but marks is there. */
static void quote_marks(const unsigned char *s, size_t *i, size_t *n)
{
    size_t a = skip_fw(s, 0, *n), b = skip_bw(s, 0, *n);
    while (a < b && s[a] == '>')
        a = skip_fw(s, a + 1, b);
    /* a < b first: a line of blanks leaves a past b (then b - a wrapped
     * and s[a] was read past the line: valgrind, test_random_files) */
    if (a < b && b - a >= 4 && (s[a] == '*' || s[a] == '_') && s[b - 1] == s[a]) {
        unsigned char m = s[a]; /* "**" or "__" at both ends */
        size_t a2 = skip_fw(s, a + 1, b), b2 = skip_bw(s, a, b - 1);
        if (a2 < b2 && s[a2] == m && s[b2 - 1] == m) {
            size_t a3 = skip_fw(s, a2 + 1, b), b3 = skip_bw(s, a, b2 - 1);
            if (a3 < b3)
                a = a3, b = b3;
        }
    }
    if (a >= b)
        return; /* a line of marks alone ("> "): it shows them */
    *i = a, *n = b;
}

void byl_rd_clean(const char *str, size_t n, int head, byl_buf *out)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0, run = 0, start = out->len;
    byl_buf_reserve(out, n + 1);
    if (head)
        quote_marks(s, &i, &n);
    while (i < n) {
        size_t j = i;
        while (j < n && plain_byte(s[j], head))
            j++;
        if (j > i) {
            if (head && run && out->len > start)
                byl_buf_put(out, "  ", run > 1 && head == 1 ? 2 : 1);
            run = 0;
            byl_buf_put(out, s + i, j - i);
            i = j;
            continue;
        }
        size_t k = head == 1 ? icon(s + i, n - i) : 0;
        if (!k)
            k = uspace(s + i, n - i, head);
        if (k) {
            if (!head)
                byl_buf_put_u8(out, ' ');
            run += s[i] == '\t' ? 2 : 1;
            i += k;
            continue;
        }
        if ((k = uzero(s + i, n - i, head)) != 0) {
            i += k;
            continue;
        }
        if (head && run && out->len > start)
            byl_buf_put(out, "  ", run > 1 && head == 1 ? 2 : 1);
        run = 0;
        byl_buf_put_u8(out, s[i++]); /* the lead byte of another character */
    }
}

/* ---------------------------------------------------------- word lists */

static const struct {
    const char *match; /* lower case */
    const char *name;  /* as a source */
} agencies[] = {
    {"reuters", "Reuters"},
    {"reuter", "Reuters"},
    {"thomson reuters", "Reuters"},
    {"associated press", "Associated Press"},
    {"the associated press", "Associated Press"},
    {"ap", "Associated Press"},
    {"afp", "AFP"},
    {"agence france-presse", "AFP"},
    {"agence france presse", "AFP"},
    {"bloomberg", "Bloomberg"},
    {"bloomberg news", "Bloomberg"},
    {"upi", "UPI"},
    {"united press international", "UPI"},
    {"cnn", "CNN"},
    {"bbc", "BBC"},
    {"bbc news", "BBC"},
    {"xinhua", "Xinhua"},
    {"dpa", "dpa"},
    {"kyodo", "Kyodo"},
    {"kyodo news", "Kyodo"},
    {"press association", "Press Association"},
    {"pa media", "PA Media"},
    {"the canadian press", "The Canadian Press"},
    {"ansa", "ANSA"},
    {"prnewswire", "PR Newswire"},
    {"pr newswire", "PR Newswire"},
    {"business wire", "Business Wire"},
    {"globe newswire", "GlobeNewswire"},
    {"globenewswire", "GlobeNewswire"},
    {"efe", "EFE"},
};

/* The words of roles and desks, name particles and common words are in
 * text/words.h, beside the analyzer's lists. */

/* A lower-case particle of a name in a byline (de, van, bin, al; do, e). */
static int name_particle(const char *w, size_t n)
{
    return (byl_word_roles_ci(w, n) & (BYL_W_PARTICLE | BYL_W_BY_PARTICLE)) != 0;
}


static const char *agency_of(const char *s, size_t n)
{
    /* "(Reuters)", "AP." */
    while (n && (*s == '(' || *s == '['))
        s++, n--;
    while (n && (s[n - 1] == ')' || s[n - 1] == ']' || s[n - 1] == '.'))
        n--;
    for (size_t i = 0; i < sizeof agencies / sizeof agencies[0]; i++)
        if (ci_eqn(s, n, agencies[i].match))
            return agencies[i].name;
    return NULL;
}

/* Calls fn on each blank-separated word of [s, s+n); stops on non-zero. */
typedef int (*word_fn)(const char *w, size_t n, void *ctx);

static int each_word(const char *s, size_t n, word_fn fn, void *ctx)
{
    size_t i = 0;
    while (i < n) {
        while (i < n && byl_rd_is_space((unsigned char)s[i]))
            i++;
        size_t j = i;
        while (j < n && !byl_rd_is_space((unsigned char)s[j]))
            j++;
        if (j > i) {
            int rc = fn(s + i, j - i, ctx);
            if (rc)
                return rc;
        }
        i = j;
    }
    return 0;
}

static int role_word(const char *w, size_t n, void *ctx)
{
    (void)ctx;
    while (n && (w[n - 1] == '.' || w[n - 1] == ','))
        n--;
    return (byl_word_roles_ci(w, n) & BYL_W_BY_ROLE) != 0;
}

/* An organisation's word (Service, Agency, Association, Press): with the
 * index of the word in *ctx, for affiliation(). */
/* 1 when w[0, n) is no role word (each_word stops there). */
static int not_role_word(const char *w, size_t n, void *ctx)
{
    return !role_word(w, n, ctx);
}

static int org_word(const char *w, size_t n, void *ctx)
{
    int *at = ctx;
    while (n && (w[n - 1] == '.' || w[n - 1] == ','))
        n--;
    if (byl_word_roles_ci(w, n) & BYL_W_ORG)
        return 1;
    if (byl_word_roles_ci(w, n) & BYL_W_BY_PRESS) {
        *at = -1; /* a publication, wherever the word stands */
        return 1;
    }
    ++*at;
    return 0;
}

static int count_word(const char *w, size_t n, void *ctx)
{
    (void)w;
    (void)n;
    ++*(int *)ctx;
    return 0;
}

static int words(const char *s, size_t n)
{
    int k = 0;
    each_word(s, n, count_word, &k);
    return k;
}

/* Letters, '.', '\'', '-' and non-ASCII bytes only. */
static int name_chars(const char *w, size_t n)
{
    if (n > 40)
        return 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char d = (unsigned char)w[i];
        if (d < 0x80 && !is_lower(lower((char)d)) && d != '.' && d != '\'' && d != '-')
            return 0;
    }
    return 1;
}

/* 1 if the word cannot be part of a capitalized name. */
static int not_name_word(const char *w, size_t n, void *ctx)
{
    (void)ctx;
    if (name_particle(w, n) && is_lower(w[0]))
        return 0;
    unsigned char c = (unsigned char)w[0];
    if (!is_upper((char)c) && c < 0xC0)
        return 1; /* lower case, a digit, punctuation (non-ASCII letters pass) */
    return !name_chars(w, n);
}

/* 1 if the word cannot be part of a lower-case name ("jane roe"). */
static int not_lower_name_word(const char *w, size_t n, void *ctx)
{
    (void)ctx;
    for (size_t i = 0; i < n; i++)
        if (is_upper(w[i]))
            return 1;
    return !name_chars(w, n) || !is_lower(w[0]) || (byl_word_roles_ci(w, n) & BYL_W_BY_COMMON);
}

/* ------------------------------------------------------------- labels */

/* Section names and page chrome that sites print above or below a
 * headline, lower case.  A line made of these alone is no title. */

/* "N min read", "N minute read", "Listen (5 min)", "3 hours ago", "Updated
 * 3 hours ago", "Published 2 days ago": times relative to an unknown now,
 * which are no dates.  Returns 1 if s[0,n) is one. */
static int relative_or_reading(const char *s, size_t n)
{
    size_t n_lead;
    const char *const *lead_l = byl_phrase_list(BYL_PL_READ_LEAD, &n_lead);
    for (size_t i = 0; i < n_lead; i++) {
        size_t l = ci_word_prefix(s, n, lead_l[i]);
        if (l) {
            const char *p = s + l;
            size_t m = n - l;
            while (m && (byl_rd_is_space((unsigned char)*p) || *p == ':' || *p == '(' || *p == '-')) {
                p++;
                m--;
            }
            if (m && is_digit(*p)) {
                s = p;
                n = m;
                break;
            }
        }
    }
    size_t i = 0;
    while (i < n && is_digit(s[i]))
        i++;
    if (i == 0 || i > 3)
        return 0;
    if (i + 2 < n && s[i] == ':' && is_digit(s[i + 1]) && is_digit(s[i + 2]))
        i += 3; /* "7:32 min": a listening time */
    size_t lm = n;
    while (lm > i && s[lm - 1] == ' ')
        lm--;
    if (lm >= 11 && ci_eqn(s + lm - 10, 10, "learn more") && s[lm - 11] == ' ')
        n = lm - 11;
    while (i < n && s[i] == ' ')
        i++;
    const char *w = s + i;
    size_t m = n - i;
    while (m && (w[m - 1] == ')' || w[m - 1] == '.'))
        m--;
    return byl_phrase_is(BYL_PL_READ_TAIL, w, m);
}

/* Strong separators: between the segments of a kicker, byline or date
 * line; none of them appears inside a date or a name.  Returns the length
 * of the one at s (0 if none); a gap is two spaces. */
static size_t strong_sep(const char *s, const char *e)
{
    size_t n = (size_t)(e - s);
    if (*s == '|' || *s == '>' || *s == '\xE2' || *s == '\xC2' || *s == ' ') {
        if (*s == '|' || *s == '>')
            return 1;
        if (n >= 2 && s[0] == ' ' && s[1] == ' ')
            return 2;
        if (n >= 3 && s[0] == ' ' && s[1] == '/' && s[2] == ' ')
            return 3;
        if (n >= 2 && (unsigned char)s[0] == 0xC2 && ((unsigned char)s[1] == 0xB7 ||
                                                      (unsigned char)s[1] == 0xBB))
            return 2; /* · » */
        if (n >= 3 && (unsigned char)s[0] == 0xE2 &&
            (((unsigned char)s[1] == 0x80 &&
              ((unsigned char)s[2] == 0xA2 || (unsigned char)s[2] == 0xBA ||
               (unsigned char)s[2] == 0x94 || (unsigned char)s[2] == 0x93)) ||
             ((unsigned char)s[1] == 0x88 && (unsigned char)s[2] == 0x99)))
            return 3; /* • › — – ∙ */
        if (n >= 3 && (unsigned char)s[0] == 0xE2 &&
            (((unsigned char)s[1] == 0x97 &&
              ((unsigned char)s[2] == 0x8F || (unsigned char)s[2] == 0x86)) ||
             ((unsigned char)s[1] == 0x96 &&
              ((unsigned char)s[2] == 0xA0 || (unsigned char)s[2] == 0xAA)) ||
             ((unsigned char)s[1] == 0x99 && (unsigned char)s[2] == 0xA6)))
            return 3; /* ● ◆ ■ ▪ ♦: the shapes sites set between a place and a date */
    }
    return 0;
}

/* Calls fn on each segment (trimmed, non-empty) between strong separators;
 * stops on non-zero.  A hyphen or a slash inside a word is no separator. */
typedef int (*seg_fn)(const char *s, size_t n, void *ctx);

/* Whether the slash at q (in s[0, e)) is inside a Nordic legal form
 * written as two capitals (A/S, I/S, K/S, P/S, P/F: "Nordhavn Biotek
 * A/S"): a word of its own, no separator of sections. */
static int slash_form(const char *s, const char *e, const char *q)
{
    return *q == '/' && q - s >= 1 && q + 1 < e && is_upper(q[-1]) && is_upper(q[1]) &&
           (q - s == 1 || q[-2] == ' ') && (q + 2 == e || !(is_upper(q[2]) || is_lower(q[2]) || is_digit(q[2])));
}

static int each_segment(const char *s, size_t n, seg_fn fn, void *ctx)
{
    const char *p = s, *e = s + n, *q = s;
    while (q < e) {
        size_t k = strong_sep(q, e);
        /* "Business/Markets": a slash between words is one too */
        if (!k && *q == '/' && q > s && q + 1 < e && q[-1] != ' ' && q[1] != ' ' &&
            q[-1] != '/' && q[1] != '/' && !is_digit(q[-1]) && !slash_form(s, e, q))
            k = 1;
        if (!k) {
            q++;
            continue;
        }
        const char *w = p;
        size_t wn = (size_t)(q - p);
        trim(&w, &wn);
        if (wn) {
            int rc = fn(w, wn, ctx);
            if (rc)
                return rc;
        }
        q += k;
        p = q;
    }
    const char *w = p;
    size_t wn = (size_t)(e - p);
    trim(&w, &wn);
    return wn ? fn(w, wn, ctx) : 0;
}

/* Whether w[0, n) is a section's label with its last word in the plural
 * folded ("Press Releases", "Obituaries" -> "press release"). */
static int label_plural(const char *w, size_t n)
{
    char buf[64];
    if (n < 4 || n >= sizeof buf)
        return 0;
    memcpy(buf, w, n);
    if (n > 4 && ci_eqn(w + n - 3, 3, "ies")) { /* "Stories" -> "story" */
        memcpy(buf + n - 3, "y", 1);
        return byl_phrase_is(BYL_PL_SECTION, buf, n - 2);
    }
    if (lower(w[n - 1]) != 's' || lower(w[n - 2]) == 's')
        return 0;
    return byl_phrase_is(BYL_PL_SECTION, buf, n - 1);
}

static int not_label_word(const char *w, size_t n, void *ctx)
{
    (void)ctx;
    return !byl_phrase_is(BYL_PL_SECTION, w, n) && !label_plural(w, n);
}

/* Whether s[0, n) names a section: a label of the list, its plural, or
 * two or three words each a section's word ("LOCAL NEWS", "Business
 * News", "Sports Live"): the list names the common sections, and a site
 * joins them as it likes. */
static int section_label(const char *s, size_t n)
{
    if (n > 40)
        return 0; /* longer than any label: most lines, at once */
    while (n && (s[n - 1] == ':' || s[n - 1] == '.' || s[n - 1] == '!'))
        n--;
    if (byl_phrase_is(BYL_PL_SECTION, s, n) || label_plural(s, n))
        return 1;
    int nw = words(s, n);
    if (nw < 2 || nw > 3 || n > 32)
        return 0;
    /* "Regional News", "Donegal News": a desk named for what it covers,
     * unless it is an agency's name ("Bloomberg News") */
    if (n > 5 && ci_eqn(s + n - 5, 5, " news") && !agency_of(s, n))
        return 1;
    return !each_word(s, n, not_label_word, NULL);
}

/* Counts and page furniture that trail a date or a byline: "0 Views",
 * "12 Comments", "No Comments", "3 shares": no date, no name. */
static int counter_segment(const char *s, size_t n)
{
    size_t i = 0;
    if (n > 3 && ci_word_prefix(s, n, "no"))
        i = 3;
    else
        while (i < n && (is_digit(s[i]) || (i && (s[i] == ',' || s[i] == '.') && i + 1 < n &&
                                            is_digit(s[i + 1]))))
            i++;
    if (i && i < n && lower(s[i]) == 'k') /* "1.2k views" */
        i++;
    while (i < n && s[i] == ' ')
        i++;
    return i < n && byl_phrase_is(BYL_PL_COUNT_NOUN, s + i, n - i);
}

/* Whether s[0, n) is a weekday alone ("Saturday", "Sat.", "Sat,"): on a
 * date line it stands beside the date, in its own segment or not. */
static int weekday_alone(const char *s, size_t n)
{
    while (n && (s[n - 1] == '.' || s[n - 1] == ','))
        n--;
    return byl_phrase_is(BYL_PL_WEEKDAY, s, n);
}

/* Whether s[0, n) is a day named relative to the page's now, alone or
 * with its time ("Yesterday, 14:05", "Today at 9:10 am", "gestern 18:20"):
 * a site prints it beside the whole date ("Yesterday, 14:05 | Sun 06 Dec
 * 2026"); the whole date is the line's, this part says nothing more. */
static int relative_day(const char *s, size_t n)
{
    size_t w = 0;
    while (w < n && s[w] != ',' && !(s[w] == ' ' && !(w == 1 && (s[0] | 0x20) == 'i')))
        w++; /* "i går": Norwegian and Swedish write it as two words */
    if (!w || !byl_phrase_is(BYL_PL_REL_DAY, s, w))
        return 0;
    while (w < n && (s[w] == ',' || s[w] == ' '))
        w++;
    if (w + 3 < n && (s[w] | 0x20) == 'a' && (s[w + 1] | 0x20) == 't' && s[w + 2] == ' ')
        w += 3; /* "Today at 9:10 am" */
    return w == n || byl_date_time_only(s + w, n - w);
}

/* Marks a release's end over its date ("Ends/Saturday, December 5,
 * 2026", "- Ends -", "###"): no date, no name. */
static int end_mark(const char *s, size_t n)
{
    while (n && (*s == '-' || *s == ' '))
        s++, n--;
    while (n && (s[n - 1] == '-' || s[n - 1] == ' '))
        n--;
    return ci_eqn(s, n, "ends") || ci_eqn(s, n, "end") || ci_eqn(s, n, "###");
}

static int label_segment(const char *s, size_t n)
{
    return section_label(s, n) || relative_or_reading(s, n) || counter_segment(s, n);
}

typedef struct {
    int segs, labels, short_words;
} kick_ctx;

static int kick_seg(const char *s, size_t n, void *ctx)
{
    kick_ctx *k = ctx;
    k->segs++;
    if (label_segment(s, n)) {
        k->labels++;
        return 0;
    }
    int nw = words(s, n);
    if (nw > 3 || n > 30)
        return 1;
    for (size_t i = 0; i < n; i++) {
        /* the period of an abbreviation in capitals is no sentence's:
         * "U.S.", "U.K. POLITICS" */
        if (s[i] == '.' && i > 0 && is_upper(s[i - 1]) && (i + 1 == n || is_upper(s[i + 1]) ||
                                                          s[i + 1] == ' '))
            continue;
        if (s[i] == '.' || s[i] == '?' || s[i] == '!' || s[i] == ',' || s[i] == '"')
            return 1;
    }
    k->short_words++;
    return 0;
}

/* Counts segments; records whether the first is a section's label. */
typedef struct {
    int segs;
    const char *first;
    size_t first_n;
} path_ctx;

static int path_seg(const char *s, size_t n, void *ctx)
{
    path_ctx *c = ctx;
    if (!c->segs++) {
        c->first = s;
        c->first_n = n;
        return 0;
    }
    return 1; /* two parts: enough */
}

/* Whether s[0, n) is a section path whose first part is a section's label
 * ("NATIONAL / Local Democracy", "News | Local"). */
static int label_path(const char *s, size_t n)
{
    path_ctx c = {0, NULL, 0};
    each_segment(s, n, path_seg, &c);
    return c.segs >= 2 && section_label(c.first, c.first_n);
}

int byl_rd_label_line(const char *s, size_t n, int before_title)
{
    trim(&s, &n);
    if (!n || n > 80)
        return 0;
    /* "Skip to main content", "Skip to navigation": a page's skip link,
     * whatever it skips to (the label list holds only "skip to content") */
    if (n > 8 && strncasecmp(s, "skip to ", 8) == 0 && words(s, n) <= 5 &&
        !memchr(s, '.', n))
        return 1;
    kick_ctx k = {0, 0, 0};
    if (each_segment(s, n, kick_seg, &k))
        return 0;
    if (k.labels == k.segs)
        return 1; /* "Opinion", "Share", "5 min read", "Live · Updated 3 hours ago" */
    if (k.segs >= 2)
        return 1; /* a section path: "NEWS / Analysis", "Business | Markets" */
    if (before_title) {
        /* one or two words in capitals above the headline: "MIDEAST" */
        int nw = words(s, n), letters = 0;
        for (size_t i = 0; i < n; i++) {
            if (is_lower(s[i]))
                return 0;
            letters += is_upper(s[i]);
        }
        return nw <= 2 && letters >= 2 && n <= 24;
    }
    return 0;
}

/* ----------------------------------------------------------- dates */

static int gazetteer_place(const char *w, size_t wn);
static int outlet_name(const char *w, size_t wn);


/* Whether every word of s[0, n) that holds a digit is an offset from
 * UTC or GMT ("UTC+11", "GMT-3", "UTC+05:30"): a bracket naming the
 * page's zone by its offset ("(VUT, UTC+11)") is the date's, as one
 * naming it in words. */
static int has_digit(const char *s, size_t n);
static int zone_offsets(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        while (i < n && (s[i] == ' ' || s[i] == ','))
            i++;
        size_t b = i;
        while (i < n && s[i] != ' ' && s[i] != ',')
            i++;
        if (!has_digit(s + b, i - b))
            continue;
        /* the sign as typeset: a minus sign (U+2212) where a keyboard
         * puts a hyphen ("UTC\u221210", as encyclopedias write it) */
        size_t sg = i - b >= 7 && !memcmp(s + b + 3, "\xE2\x88\x92", 3) ? 3 : 1;
        if (i - b < 4 + sg || (strncmp(s + b, "UTC", 3) && strncmp(s + b, "GMT", 3)) ||
            (sg == 1 && s[b + 3] != '+' && s[b + 3] != '-'))
            return 0;
        for (size_t k = b + 3 + sg; k < i; k++)
            if (!is_digit(s[k]) && s[k] != ':')
                return 0;
    }
    return 1;
}

/* Words that may stand before a date on a date line, lower case. */

/* Drops a date label and the ':' after it from the front of [*s, *s+*n). */
static void strip_date_label(const char **s, size_t *n)
{
    size_t n_date_labels;
    const char *const *date_labels_l = byl_phrase_list(BYL_PL_DATE_LABEL, &n_date_labels);
    for (size_t i = 0; i < n_date_labels; i++) {
        size_t l = ci_word_prefix(*s, *n, date_labels_l[i]);
        if (!l)
            continue;
        const char *p = *s + l;
        size_t m = *n - l;
        while (m && (byl_rd_is_space((unsigned char)*p) || *p == ':' || (m >= 3 && !memcmp(p, "：", 3)))) {
            size_t k = *p == ':' || byl_rd_is_space((unsigned char)*p) ? 1 : 3;
            p += k;
            m -= k;
        }
        *s = p;
        *n = m;
        return;
    }
    /* "Started: Thursday, December 3, 2026" (a live blog's), "Filed:",
     * "Aired:": a label is an open class; one capitalised word of letters
     * and a colon go, and the rest must still read as a date */
    size_t i = 0;
    while (i < *n && i < 14 && ((*s)[i] | 0x20) >= 'a' && ((*s)[i] | 0x20) <= 'z')
        i++;
    if (i >= 3 && i + 2 < *n && is_upper((*s)[0]) && (*s)[i] == ':' && (*s)[i + 1] == ' ') {
        *s += i + 2;
        *n -= i + 2;
    }
}

typedef struct {
    int order;
    int64_t date;     /* the first date */
    int64_t pub;      /* the first date labelled as when it was published */
    int first_upd;    /* the first date was labelled as an update */
    int dates, relative, other;
    int time_kind;    /* a time alone before any date: its label's kind + 1 */
} date_ctx;

/* 1 if the date label at the front of s[0, n) says when the article was
 * changed ("Updated", "Last modified", "mis à jour"), 2 if when it was
 * published ("Published", "Posted", "Publié"), 0 for none or another. */
static int date_label_kind(const char *s, size_t n)
{
    size_t n_upd;
    const char *const *upd_l = byl_phrase_list(BYL_PL_UPDATED, &n_upd);
    for (size_t i = 0; i < n_upd; i++)
        if (ci_word_prefix(s, n, upd_l[i]))
            return 1;
    size_t n_pub;
    const char *const *pub_l = byl_phrase_list(BYL_PL_PUBLISHED, &n_pub);
    for (size_t i = 0; i < n_pub; i++)
        if (ci_word_prefix(s, n, pub_l[i]))
            return 2;
    return 0;
}

/* Where a second label starts inside s[0, n) (" Updated 2 hours ago",
 * ", modifié le ..."), so that one segment holding two stamps splits; 0 if
 * none. */
static size_t inner_label(const char *s, size_t n)
{
    for (size_t i = 1; i < n; i++) {
        if (s[i - 1] != ' ')
            continue;
        /* "Last modified 5 December": one label of two words, not two */
        if (i == 5 && ci_word_prefix(s, n, "last"))
            continue;
        /* "First published 3 December 2026": one label too */
        if (i == 6 && ci_word_prefix(s, n, "first"))
            continue;
        size_t n_inner;
        const char *const *inner_l = byl_phrase_list(BYL_PL_INNER_LABEL, &n_inner);
        for (size_t k = 0; k < n_inner; k++)
            if (ci_word_prefix(s + i, n - i, inner_l[k]))
                return i;
        /* "Date: 05/12/2026 Time: 10:20": a time under its own label */
        if (i + 5 < n && ci_word_prefix(s + i, n - i, "time") == 4 && s[i + 4] == ':')
            return i;
    }
    return 0;
}

static int has_digit(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (is_digit(s[i]))
            return 1;
    return 0;
}

/* Where a spaced hyphen parts a date from what follows in s[0, n) ("05
 * Dec, 2026 - 00:12", "Fri Dec 4 2026 - 19:41"): the start of the hyphen's
 * leading blank, or 0.  Only after a digit, so that a hyphen inside a
 * date ("2026-12-05") or a name never parts anything. */
static size_t spaced_hyphen(const char *s, size_t n)
{
    for (size_t i = 1; i + 2 < n; i++)
        if (s[i] == ' ' && s[i + 1] == '-' && s[i + 2] == ' ' &&
            (is_digit(s[i - 1]) || (s[i - 1] == '.' && i > 1 && is_digit(s[i - 2]))))
            return i; /* "2026.12.05. - 14:02": a closing dot too */
    return 0;
}

/* Drops counts that trail a date inside one segment ("00:12 0 Views",
 * "Dec 5, 2026 3 Comments"): the count and its noun. */
static void strip_counter_tail(const char *s, size_t *n)
{
    size_t m = *n;
    while (m && s[m - 1] == ' ')
        m--;
    size_t w = m; /* the last word */
    while (w && s[w - 1] != ' ')
        w--;
    if (!w || w == m)
        return;
    size_t v = w - 1; /* the word before it: the count, or "No" */
    while (v && s[v - 1] == ' ')
        v--;
    size_t u = v;
    while (u && s[u - 1] != ' ')
        u--;
    if (u < v && counter_segment(s + u, m - u))
        m = u;
    else if (counter_segment(s + w, m - w)) /* "Comments" alone */
        m = w;
    else
        return;
    while (m && (s[m - 1] == ' ' || s[m - 1] == '-' || s[m - 1] == ','))
        m--; /* "10:12 - 1.2k views" */
    *n = m;
}

/* Whether s[0, n) is a place written "City, Region" ("Morowali, Central
 * Sulawesi"): two parts of one to three capitalised words, letters only,
 * one comma between.  Beside a date it is the story's place, as a place
 * the gazetteer knows is. */
static int city_region(const char *s, size_t n)
{
    const char *c = memchr(s, ',', n);
    if (!c || c == s || memchr(c + 1, ',', (size_t)(s + n - c - 1)))
        return 0;
    for (int part = 0; part < 2; part++) {
        const char *p = part ? c + 1 : s, *e = part ? s + n : c;
        size_t pn = (size_t)(e - p);
        trim(&p, &pn);
        int nw = words(p, pn);
        if (!pn || nw < 1 || nw > 3)
            return 0;
        for (size_t i = 0; i < pn; i++) {
            unsigned char ch = (unsigned char)p[i];
            if ((i == 0 || p[i - 1] == ' ') && !(is_upper((char)ch) || ch >= 0xC3))
                return 0;
            if (ch < 0x80 && !is_upper((char)ch) && !is_lower((char)ch) && ch != ' ' &&
                ch != '-' && ch != '\'')
                return 0;
        }
    }
    return 1;
}

static int digits_only(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!is_digit(s[i]))
            return 0;
    return n > 0;
}

static int date_seg(const char *s, size_t n, void *ctx)
{
    date_ctx *d = ctx;
    /* what trails a date on a page is no part of it: a count of views or
     * comments, a weekday or a release's end in a segment of its own */
    strip_counter_tail(s, &n);
    if (!n || weekday_alone(s, n) || end_mark(s, n)) {
        d->relative++;
        return 0;
    }
    size_t hy = spaced_hyphen(s, n);
    if (hy && n < 120 && byl_date_time_only(s + hy + 3, n - hy - 3)) {
        /* "04 Dec 2026 - 09:12 pm": the date and its time, read as one
         * (the hyphen dropped), else as two parts below */
        char one[120];
        memcpy(one, s, hy);
        one[hy] = ' ';
        memcpy(one + hy + 1, s + hy + 3, n - hy - 3);
        date_ctx was = *d;
        if (!date_seg(one, n - 2, ctx) && (d->dates > was.dates || d->pub != was.pub))
            return 0;
        *d = was;
    }
    if (hy) { /* "05 Dec, 2026 - 00:12": two parts, read as two segments */
        if (date_seg(s, hy, ctx))
            return 1;
        return date_seg(s + hy + 3, n - hy - 3, ctx);
    }
    size_t cut = inner_label(s, n);
    if (cut) {
        size_t a = cut;
        while (a && (s[a - 1] == ' ' || s[a - 1] == ','))
            a--;
        if (a && date_seg(s, a, ctx))
            return 1;
        return date_seg(s + cut, n - cut, ctx);
    }
    int kind = date_label_kind(s, n);
    const char *s0 = s;
    strip_date_label(&s, &n);
    if (s != s0) /* "Last updated on 6 December": a label, then "on" */
        strip_date_label(&s, &n);
    while (n && (s[n - 1] == ',' || s[n - 1] == ';'))
        n--;
    if (s != s0 && (!n || weekday_alone(s, n))) {
        /* "Published: Saturday | December 5, 2026": the label and the
         * weekday in one segment, the date in the next */
        d->relative++;
        return 0;
    }
    int64_t t;
    int year_only = n == 4 && is_digit(s[0]) && is_digit(s[1]) && is_digit(s[2]) && is_digit(s[3]);
    int parsed = n && !year_only && byl_date_parse_order(s, n, d->order, &t) == 0;
    /* "Last updated on 6 December 2026, 09:40 GMT. From the section
     * Football": after a labelled date, a second sentence of a few words
     * without a digit is the page's, not the date's */
    for (size_t i = 1; !parsed && kind && i + 2 < n; i++) {
        if (s[i] != '.' || s[i + 1] != ' ' || !is_upper(s[i + 2]))
            continue;
        if (has_digit(s + i, n - i) || words(s + i + 2, n - i - 2) > 6)
            break;
        parsed = byl_date_parse_order(s, i, d->order, &t) == 0;
        break;
    }
    /* "5 December 2026 4:10pm (Nuku'alofa time)", "14:02 (local time)",
     * "10:15 (IST)": a bracket after the date that names its zone or
     * place in words, no digit, is the date's */
    if (!parsed && n > 8 && s[n - 1] == ')') {
        size_t o = n - 1;
        while (o && s[o] != '(')
            o--;
        size_t dn = o;
        while (dn && s[dn - 1] == ' ')
            dn--;
        if (dn && s[o] == '(' &&
            (((!has_digit(s + o, n - o) || zone_offsets(s + o + 1, n - o - 2)) &&
              words(s + o, n - o) <= 4) ||
             relative_or_reading(s + o + 1, n - o - 2))) /* "(3 hrs ago)" */
            parsed = byl_date_parse_order(s, dn, d->order, &t) == 0;
    }
    /* "Yesterday at 22:14 (4.12.2026)", "Today, 09:10 (5 Dec 2026)": a
     * day said relative to the page's now, the whole date in a bracket
     * after it; the bracket's date is the line's */
    if (!parsed && n > 8 && s[n - 1] == ')') {
        size_t o = n - 1;
        while (o && s[o] != '(')
            o--;
        if (s[o] == '(' && o > 0 && words(s, o) <= 4 && n - o - 2 >= 6)
            parsed = byl_date_parse_order(s + o + 1, n - o - 2, d->order, &t) == 0;
    }
    /* "Dec 5, 2026 3 hrs ago": a relative time after the date, no
     * separator between */
    for (size_t i = n; !parsed && i > 8 && kind != 0; i--) {
        if (s[i - 1] != ' ' || !is_digit(s[i]))
            continue;
        if (relative_or_reading(s + i, n - i)) {
            size_t dn = i - 1;
            while (dn && (s[dn - 1] == ' ' || s[dn - 1] == ','))
                dn--;
            parsed = byl_date_parse_order(s, dn, d->order, &t) == 0;
        }
        break;
    }
    /* "New Delhi, 4 December 2026", "LAGOS, 4 December 2026": a
     * dateline standing alone, its place (of the gazetteer, or in
     * capitals) before the date */
    if (!parsed && !kind && n > 8) {
        const char *cm = memchr(s, ',', n < 40 ? n : 40);
        size_t pn = cm ? (size_t)(cm - s) : 0;
        int caps = pn >= 2;
        for (size_t i = 0; i < pn && caps; i++)
            caps = is_upper(s[i]) || s[i] == ' ' || s[i] == '-' || s[i] == '.';
        if (pn && words(s, pn) <= 3 && (caps || gazetteer_place(s, pn))) {
            const char *r = cm + 1;
            size_t rn = n - pn - 1;
            trim(&r, &rn);
            parsed = rn > 4 && (is_digit(r[0]) || is_upper(r[0])) &&
                     byl_date_parse_order(r, rn, d->order, &t) == 0;
        }
    }
    /* "Posted: Dec 5, 2026 / 6:12 PM NZDT": the time of the date before
     * it, in the page's zone; the date stays the page's own (local) day */
    if (!parsed && d->dates && byl_date_time_only(s, n))
        return 0; /* "Dec 5, 2026 | Updated 10:20 a.m. ET": that day's update */
    /* "Published 12:40 · 03/12/2026", "14:05 | Fri 4 Dec 2026": sites
     * that print the clock first set the time in a part of its own
     * before the day; it is the date's, and so is its label.  Alone (no
     * date after it) the line stays no date line. */
    if (!parsed && !d->dates && !d->time_kind && byl_date_time_only(s, n)) {
        d->time_kind = kind + 1;
        d->relative++;
        return 0;
    }
    if (parsed && !kind && d->time_kind && !d->dates)
        kind = d->time_kind - 1;
    if (parsed) {
        if (!d->dates++) {
            d->date = t;
            d->first_upd = kind == 1;
        }
        if (kind == 2 && d->pub == BYL_NO_DATE)
            d->pub = t;
    } else if (d->dates && n <= 6 && digits_only(s, n)) {
        /* "30.11.2026 | 18:20 · 8 min read · 💬 4": a count of comments or
         * views after the date, its icon cleaned away */
        d->relative++;
    } else if (relative_or_reading(s, n) || label_segment(s, n) || gazetteer_place(s, n) ||
               relative_day(s, n) ||
               (words(s, n) >= 2 && words(s, n) <= 5 && outlet_name(s, n)) ||
               city_region(s, n)) {
        /* "NAIROBI | Dec 5, 2026", "... | 14:20 | Nairobi": its place;
         * "Philippine Daily Newsline / 05:32 PM December 04, 2026": its paper */
        d->relative++;
    } else {
        d->other++;
        return 1;
    }
    return 0;
}

int byl_rd_date_line(const char *s, size_t n, int order, int64_t *t)
{
    trim(&s, &n);
    if (!n || n > 120 || !has_digit(s, n)) /* every date has a digit */
        return 0;
    date_ctx d = {order, BYL_NO_DATE, BYL_NO_DATE, 0, 0, 0, 0, 0};
    if (each_segment(s, n, date_seg, &d) || d.other)
        return 0;
    if (d.pub != BYL_NO_DATE) { /* "Updated: Dec 5 | Published: Dec 4": Dec 4 */
        *t = d.pub;
        return 1;
    }
    if (d.dates) {
        *t = d.date;
        return d.first_upd ? 2 : 1;
    }
    return 0;
}

static int stamp_seg(const char *s, size_t n, void *ctx)
{
    (void)ctx;
    trim(&s, &n);
    const char *p = s;
    size_t m = n;
    strip_date_label(&p, &m); /* "Updated 3 hours ago" */
    return !(m && (relative_or_reading(p, m) || relative_day(p, m)));
}

int byl_rd_stamp_line(const char *s, size_t n)
{
    trim(&s, &n);
    return n && n <= 120 && each_segment(s, n, stamp_seg, NULL) == 0;
}

static int labelled_seg(const char *s, size_t n, void *ctx)
{
    (void)ctx;
    trim(&s, &n);
    const char *p = s;
    size_t m = n;
    strip_date_label(&p, &m);
    return p != s;
}

int byl_rd_date_labelled(const char *s, size_t n)
{
    trim(&s, &n);
    return n && each_segment(s, n, labelled_seg, NULL) != 0;
}

/* ------------------------------------------- date lines, read loosely */

/* Runs of digits in s[0, n). */
static int digit_runs(const char *s, size_t n)
{
    int runs = 0;
    for (size_t i = 0; i < n; i++)
        runs += is_digit(s[i]) && (i == 0 || !is_digit(s[i - 1]));
    return runs;
}

/* The date segment s[0, n) opens with: its first words, at most eight,
 * the most of them that read as a date with its day (two numbers at
 * least: "Dec 05, 2026", "4.12.2026"; "December 2026" is a month), and
 * at most four words after them ("page2", "18:40 hrs.", "(GMT+5)
 * Updated: ...").  1 and *t, or 0. */
static int seg_date_loose(const char *s, size_t n, int order, int64_t *t)
{
    size_t ends[9];
    int ne = 0;
    for (size_t i = 1; i <= n && ne < 9; i++)
        if (i == n || (s[i] == ' ' && s[i - 1] != ' '))
            ends[ne++] = i;
    for (int k = ne - 1; k >= 0; k--) {
        size_t m = ends[k];
        if (words(s + m, n - m) > 4)
            break; /* longer tails only grow from here */
        while (m && (s[m - 1] == ',' || s[m - 1] == ';'))
            m--;
        if (m >= 6 && digit_runs(s, m) >= 2 && byl_date_parse_order(s, m, order, t) == 0)
            return 1;
    }
    return 0;
}

typedef struct {
    int order;
    int64_t date, upd; /* the first date, the first labelled as an update's */
    int found, found_upd;
} loose_ctx;

static int loose_seg(const char *s, size_t n, void *ctx)
{
    loose_ctx *c = ctx;
    if (words(s, n) > 8)
        return 1; /* a sentence: no line of a page's head */
    int kind = date_label_kind(s, n);
    strip_date_label(&s, &n);
    int64_t t;
    if (!n || !seg_date_loose(s, n, c->order, &t))
        return 0;
    if (kind == 1) {
        if (!c->found_upd++)
            c->upd = t;
    } else if (!c->found++) {
        c->date = t;
    }
    return 0;
}

int byl_rd_date_loose(const char *s, size_t n, int order, int64_t *t)
{
    trim(&s, &n);
    while (n && (*s == '>' || *s == ' ')) { /* a quoted line ("> Outlet | date") */
        s++;
        n--;
    }
    if (!n || n > 160 || !has_digit(s, n))
        return 0;
    loose_ctx c = {order, BYL_NO_DATE, BYL_NO_DATE, 0, 0};
    if (each_segment(s, n, loose_seg, &c) || (!c.found && !c.found_upd))
        return 0;
    *t = c.found ? c.date : c.upd;
    return 1;
}

/* --------------------------------------------------------------- bylines */

/* Lead-ins of a byline, lower case; "by" last so that the longer win. */
static const struct {
    const char *lit;
    int colon; /* needs a ':' after it */
} leads[] = {
    /* a writer who took the pictures too */
    {"words and photos by", 0}, {"words and pictures by", 0}, {"words & photos by", 0},
    {"text and photos by", 0}, {"story and photos by", 0}, {"reporting and photos by", 0},
    {"written by", 0}, {"words by", 0},  {"hosted by", 0}, {"presented by", 0},  {"story by", 0},   {"text by", 0},
    {"interview by", 0}, {"interviewed by", 0}, {"analysis by", 0}, {"commentary by", 0},
    {"reported by", 0}, {"reporting by", 0}, {"posted by", 0}, {"reviewed by", 0},
    {"review by", 0},  {"opinion by", 0}, {"essay by", 0},  {"column by", 0}, {"authors", 1},
    /* kinds of an opinion page ("Op-ed by", "Column: NAME") */
    {"op-ed by", 0},   {"letter by", 0},  {"feature by", 0}, {"dispatch by", 0}, {"column", 1},
    {"author", 1},     {"byline", 1},    {"reporter", 1},   {"writer", 1},
    /* "Autor:" (German, Spanish, Portuguese, Polish, Czech, Croatian,
     * Romanian), "Autorka:", "Auteur :", "Autore:", "Autora:" */
    {"autorka", 1},    {"autor", 1},     {"autora", 1},     {"autore", 1},     {"auteur", 1},
    {"story", 1},      {"text", 1},      {"words", 1},      {"reporting", 1},  {"by", 0},
    {"von", 0},
    {"par", 0},        {"por", 0},       {"文", 1},          {"记者", 0},
};

typedef struct {
    int strict, lower_ok, order;
    byl_buf *out;
    size_t from;
    const char *agency;
    int64_t date;
    int names, parts, meta, bad;
    int lead; /* the line began with a lead-in ("By") */
    int listed; /* the part follows ';', "and" or '&': a list of writers,
                   so a one-word part is a writer ("Madonna; Prince"), not
                   a place or desk as after a comma */
    int places; /* parts that are places of the gazetteer ("Kuala Lumpur") */
} by_ctx;

/* Appends a name, with capitals as a person writes them when it is all
 * in capitals or all in lower case ("JANE ROE", "jane roe" -> "Jane Roe";
 * particles stay lower case, "O'NEILL" -> "O'Neill"). */
static void put_name(by_ctx *c, const char *w, size_t n)
{
    /* "Dr. Priya Nair-Hollis": the honorific is no part of the name; a
     * name of two words or more must follow ("Dr Who" stays) */
    size_t hw = 0;
    while (hw < n && w[hw] != ' ' && w[hw] != '.')
        hw++;
    if (hw < n && is_upper(w[0]) && byl_phrase_is(BYL_PL_HONORIFIC, w, hw)) {
        size_t k = hw + (w[hw] == '.');
        if (k < n && w[k] == ' ' && words(w + k, n - k) >= 2) {
            w += k + 1;
            n -= k + 1;
        }
    }
    int up = 0, lo = 0;
    for (size_t i = 0; i < n; i++) {
        up += is_upper(w[i]);
        lo += is_lower(w[i]);
    }
    if (c->out->len > c->from)
        byl_buf_put(c->out, "; ", 2);
    size_t at = c->out->len;
    byl_buf_put(c->out, w, n);
    if ((up && lo) || up + lo < 2 || c->out->failed)
        return;
    if (!up && !memchr(w, ' ', n))
        return; /* one word in lower case is a handle ("jdoe"): as written */
    char *o = (char *)c->out->data + at;
    size_t i = 0;
    while (i < n) {
        size_t j = i;
        while (j < n && o[j] != ' ')
            j++;
        int particle = name_particle(o + i, j - i) && j - i <= 4 && i > 0;
        for (size_t k = i; k < j; k++) {
            int start = k == i || o[k - 1] == '-' || (o[k - 1] == '\'' && k - i == 2) ||
                        (o[k - 1] == '.' && k > i);
            if ((unsigned char)o[k] >= 0x80) {
                /* "LUCÍA FERNÁNDEZ" -> "Lucía Fernández": a letter beyond
                 * ASCII changes case too, in place when both cases take
                 * as many bytes (every Latin letter does) */
                int32_t cp;
                size_t cl = byl_utf8_decode((const uint8_t *)o + k, j - k, &cp);
                int32_t to = start && !particle ? utf8proc_toupper(cp) : utf8proc_tolower(cp);
                uint8_t enc[4];
                if (cl && to != cp && byl_utf8_encode(to, enc) == cl)
                    memcpy(o + k, enc, cl);
                k += cl ? cl - 1 : 0;
                continue;
            }
            o[k] = start && !particle ? (char)(is_lower(o[k]) ? o[k] - 32 : o[k])
                                      : lower(o[k]);
        }
        i = j + 1;
    }
}

/* Whether w[0, n) is neither capitalised nor a small word of Title Case
 * (of, for, and, the). */
static int not_title_word(const char *w, size_t n, void *ctx)
{
    (void)ctx;
    return !is_upper(*w) && !(byl_word_roles_ci(w, n) & BYL_W_TC_SMALL);
}

/* Whether w[0, wn), of nw words, after a name and a comma, is where the
 * writer works rather than a second writer: four words or more
 * in Title Case ("Local Democracy Reporting Service"), opening with "The"
 * ("The Guardian"), a publication's word (BYL_W_BY_PRESS: "Financial
 * Times"), or an organisation's word that
 * is not the surname of two words ("Press Association", "Bank of
 * England"; but "Jane Roe, Lisa Bank" names two people). */
static int affiliation(const char *w, size_t wn, int nw, int listed)
{
    if (!wn || !is_upper(*w) || each_word(w, wn, not_title_word, NULL))
        return 0; /* "Inside DeepSeek, the quiet lab that ...": a headline */
    /* four capitalised words after a comma are a body's name; after "&" or
     * "and" a second writer's ("Chloe Teoh Xin Yi"), unless its words say
     * it is a body (org_word, below) */
    if ((nw >= 4 && !listed) || (wn > 4 && !memcmp(w, "The ", 4)))
        return 1; /* "The Guardian" */
    int at = 0;
    if (!each_word(w, wn, org_word, &at))
        return 0;
    return nw >= 3 || at < nw - 1;
}

/* Whether w[0, wn), after a name, names a desk, an office or an agency
 * by its last word ("Communications Office", "Nordwest Presse Agentur",
 * "Metro Desk"), or an outlet of two words or more ("Lakeside Public
 * Radio", "Harbour FM"): never a second writer, whatever its length. */
static int desk(const char *w, size_t wn)
{
    size_t i = wn;
    while (i && w[i - 1] != ' ')
        i--;
    return is_upper(*w) && (byl_phrase_is(BYL_PL_DESK, w + i, wn - i) ||
                            (i && byl_phrase_is(BYL_PL_OUTLET, w + i, wn - i)));
}

/* Whether w[0, wn), one to three capitalised words in ASCII, is a place
 * of the gazetteer (text/place.h: "New Delhi", "Lagos"): a writer's
 * city after a name, or a dateline's, never a writer. */
static int gazetteer_place(const char *w, size_t wn)
{
    char key[64], a[64];
    if (!wn || wn >= sizeof key || !is_upper(*w))
        return 0;
    size_t sp = 0, nsp = 0;
    for (size_t i = 0; i < wn; i++) {
        if ((unsigned char)w[i] >= 0x80 || is_digit(w[i]))
            return 0;
        key[i] = lower(w[i]);
        if (w[i] == ' ')
            sp = i, nsp++;
    }
    if (nsp > 2)
        return 0;
    size_t bl = nsp == 1 ? wn - sp - 1 : 0;
    int cmp = nsp == 1 ? memcmp(key, key + sp + 1, sp < bl ? sp : bl) : 0;
    if (nsp == 1 && (cmp > 0 || (cmp == 0 && sp > bl))) {
        /* an entity key of two words holds them in byte order */
        memcpy(a, key, sp);
        memmove(key, key + sp + 1, bl);
        key[bl] = ' ';
        memcpy(key + bl + 1, a, sp);
    }
    return byl_place_is(key, wn);
}

/* Whether w[0, n) is a word of the analyzer's lists that no given name
 * or surname is (a stop word, a title, an organisation's word, a role):
 * "Harbor Robotics Launches Autonomous Crane for ..." is a headline. */
static int listed_word(const char *w, size_t n, void *ctx)
{
    (void)ctx;
    return (byl_word_roles_ci(w, n) & (BYL_W_STOP | BYL_W_TITLE | BYL_W_ORG | BYL_W_BY_ROLE)) != 0;
}

/* Whether w[0, n) is a word of a news outlet's name: a publication's
 * (Times, Dispatch), a desk's or agency's (Agentur, Desk), a
 * broadcaster's (Radio, Television, News). */
static int outlet_word(const char *w, size_t n, void *ctx)
{
    (void)ctx;
    while (n && (w[n - 1] == '.' || w[n - 1] == ','))
        n--;
    return (byl_word_roles_ci(w, n) & BYL_W_BY_PRESS) || byl_phrase_is(BYL_PL_DESK, w, n) ||
           byl_phrase_is(BYL_PL_OUTLET, w, n);
}

/* Whether w[0, wn) is a publication's name rather than a person's: a
 * word after the first is one of a paper's or a broadcaster's ("Warsaw
 * Courier", "Saigon Daily Post", "Philippine Daily Newsline", "Harbour
 * Times"), and every word is capitalised.  The first word is left out,
 * since "Herald" or "Times" may open a name only as a given name, never
 * close one; no surname list holds Courier, Daily, Tribune or Gazette. */
typedef struct {
    int idx, press;
} outlet_ctx;

static int outlet_walk(const char *w, size_t n, void *ctx)
{
    outlet_ctx *o = ctx;
    if (!is_upper(*w) && (unsigned char)*w < 0xC3)
        return 1; /* a word in lower case: no paper's name */
    if (o->idx++ > 0 && outlet_word(w, n, NULL))
        o->press = 1;
    return 0;
}

static int outlet_name(const char *w, size_t wn)
{
    outlet_ctx o = {0, 0};
    return !each_word(w, wn, outlet_walk, &o) && o.press;
}

/* Whether the last word of w[0, wn) is a company's legal form (Co, Ltd,
 * Inc, GmbH, ...: the name-suffix list but Jr and Sr, which end a
 * person's name). */
static int legal_form_last(const char *w, size_t wn)
{
    while (wn && (w[wn - 1] == '.' || w[wn - 1] == ','))
        wn--;
    size_t i = wn;
    while (i && w[i - 1] != ' ')
        i--;
    size_t ln = wn - i;
    if (ln == 3 && slash_form(w + i, w + wn, w + i + 1))
        return 1; /* "Nordhavn Biotek A/S" */
    if (!ln || !is_upper(w[i]) || ci_eqn(w + i, ln, "jr") || ci_eqn(w + i, ln, "sr"))
        return 0;
    return (byl_word_roles_ci(w + i, ln) & BYL_W_SUFFIX) != 0;
}

/* One part of the names text (between commas, " and ", ...). */
static void name_part(by_ctx *c, const char *w, size_t wn)
{
    trim(&w, &wn);
    /* "Jane Roe in Washington", "Jane Roe at the Emirates Stadium": the
     * place goes */
    for (size_t i = 0; i + 4 < wn; i++)
        if (w[i] == ' ' && ((w[i + 1] == 'i' && w[i + 2] == 'n') || (w[i + 1] == 'a' && w[i + 2] == 't')) &&
            w[i + 3] == ' ' &&
            (is_upper(w[i + 4]) || (i + 8 < wn && !memcmp(w + i + 4, "the ", 4) && is_upper(w[i + 8])))) {
            wn = i;
            break;
        }
    /* "— Jane Roe, for the Lagoon Gazette": after a writer and a comma,
     * whom the writer wrote for */
    if (c->names > 0 && wn > 5 && !memcmp(w, "for ", 4) &&
        (is_upper(w[4]) || (wn > 9 && !memcmp(w + 4, "the ", 4) && is_upper(w[8])))) {
        c->meta++;
        return;
    }
    /* "Marisol Vega for Tri-River Public Radio", "Jane Roe for the BBC":
     * whom the writer works for goes (a bare name still needs a date
     * line or a lead-in beside it to be a byline) */
    for (size_t i = 0; c->names == 0 && i + 5 < wn; i++)
        if (w[i] == ' ' && !memcmp(w + i + 1, "for ", 4)) {
            const char *o = w + i + 5;
            size_t on = wn - i - 5;
            if (on > 4 && !memcmp(o, "the ", 4))
                o += 4, on -= 4;
            if (i && is_upper(*o) && !each_word(o, on, not_title_word, NULL) &&
                (agency_of(o, on) || each_word(o, on, outlet_word, NULL))) {
                int nw = words(w, i);
                wn = i;
                if (nw >= 2 && nw <= 3 && !each_word(w, wn, listed_word, NULL))
                    c->meta++; /* a person's name for an outlet: a byline */
            }
            break;
        }
    while (wn && (w[wn - 1] == '.' || w[wn - 1] == ',' || w[wn - 1] == ':') &&
           !(wn >= 2 && is_upper(w[wn - 2]) && (wn == 2 || w[wn - 3] == ' ' || w[wn - 3] == '.')))
        wn--; /* a stop at the end, not an initial's */
    if (!wn)
        return;
    /* "Selamawit Bekele Tadesse (Addis Ababa)", "Elias Roe (he/him)":
     * what a bracket after a name says (where the writer is, whom for,
     * the pronouns) is no part of it */
    {
        /* (the line's closing bracket may be gone with the line's) */
        const char *o = memchr(w, '(', wn);
        size_t k = o ? (size_t)(o - w) : 0;
        const char *cb = o ? memchr(o, ')', wn - k) : NULL;
        size_t end = cb ? (size_t)(cb - w) : wn;
        if (o && k >= 2 && w[k - 1] == ' ' && (!cb || end == wn - 1) &&
            words(w + k + 1, end - k - 1) <= 4) {
            wn = k - 1;
            c->meta++;
        }
    }
    /* "with CNA", "with agencies", "with Reuters": who helped, after the
     * writer: an agency's name is the source, and no part is a writer */
    if (c->names > 0 && wn > 5 && !memcmp(w, "with ", 5)) {
        const char *o = w + 5;
        size_t on = wn - 5;
        const char *ag = agency_of(o, on);
        if (ag && !c->agency)
            c->agency = ag;
        if (ag || (words(o, on) <= 4 && !each_word(o, on, not_title_word, NULL)) ||
            ci_eqn(o, on, "agencies")) {
            c->parts++;
            c->meta++;
            return;
        }
    }
    c->parts++;
    const char *ag = agency_of(w, wn);
    if (ag) {
        if (!c->agency)
            c->agency = ag;
        c->meta++;
        return;
    }
    int k = 0;
    {
        /* the index of the first role word: "Helena Horton Environment
         * reporter" is a name (all but the word before the role) and a role */
        const char *q = w, *e = w + wn;
        int idx = 0, role_at = -1;
        while (q < e) {
            while (q < e && *q == ' ')
                q++;
            const char *x = q;
            while (x < e && *x != ' ')
                x++;
            if (x > q && role_word(q, (size_t)(x - q), NULL)) {
                role_at = idx;
                break;
            }
            idx++;
            q = x;
        }
        /* a capitalized role after words ("BBC Wales News", "Jane Roe
         * Staff Writer") cannot be told from a desk's name: all of it goes */
        if (role_at == 0 || (role_at > 0 && is_upper(*q))) {
            c->meta++;
            return;
        }
        if (role_at > 0) {
            k = role_at >= 3 ? role_at - 1 : role_at; /* words of the name */
            const char *x = w;
            for (int i = 0; i < k; i++) {
                while (x < e && *x == ' ')
                    x++;
                while (x < e && *x != ' ')
                    x++;
            }
            wn = (size_t)(x - w);
            c->meta++;
        }
    }
    int nw = words(w, wn);
    if (c->parts > 1 && nw == 1 && c->names > 0 && !c->listed) {
        c->places += gazetteer_place(w, wn) != 0;
        return; /* "By Jane Doe, London": a place or a desk */
    }
    if (nw <= 3 && gazetteer_place(w, wn)) {
        if (c->strict && !c->lead && c->names == 0) {
            c->bad = 1; /* "New Delhi, 4 December 2026": a dateline */
            return;
        }
        if (c->names > 0 || c->agency) {
            /* "By Jane Roe, New Delhi", "Jane Roe | Kuala Lumpur"; after an
             * agency, where it filed from ("Associated Press, Washington") */
            c->meta++;
            c->places++;
            return;
        }
    }
    if (nw >= 2 && legal_form_last(w, wn)) {
        /* "Hanbit Robotics Co., Ltd.", "Aqua Nordic Systems Inc": a
         * company (a release's issuer), no writer; beside a writer, whom
         * he writes for */
        if (c->names > 0)
            c->meta++;
        return;
    }
    if (nw >= 2 && nw <= 5 && outlet_name(w, wn)) {
        /* "Warsaw Courier · 05.12.2026", "Saigon Daily Post": a paper, no
         * writer.  After a name it says whom the writer works for ("Jane
         * Roe | Delta Dispatch"); first, it proves nothing ("WARSAW
         * COURIER · ENGLISH EDITION" is a masthead, not a byline) */
        if (c->names > 0)
            c->meta++;
        return;
    }
    if (c->lead && c->names == 0 && nw >= 2 && desk(w, wn)) {
        c->meta++; /* "By Nordwest Presse Agentur": an agency's credit names no writer */
        return;
    }
    if (c->parts > 1 && c->names > 0 && (affiliation(w, wn, nw, c->listed) || desk(w, wn))) {
        c->meta++; /* "By Jane Roe, Local Democracy Reporting Service" */
        return;
    }
    if (c->strict && !c->lead && nw >= 2 && ((wn > 4 && !strncasecmp(w, "The ", 4)) || (wn > 2 && !memcmp(w, "A ", 2)) ||
                                 (wn > 3 && !memcmp(w, "An ", 3)))) {
        c->bad = 1; /* "The Climate Brief": a title, no person's name */
        return;
    }
    if (c->strict) {
        /* one word is no name in a line that must prove it is a byline
         * ("By Design" is a headline), unless it is written in a script
         * without spaces */
        int cjk = nw == 1 && (unsigned char)w[0] >= 0xE3 && wn <= 15; /* 张伟: no spaces */
        int ok = (nw >= 2 || cjk) && nw <= 6 && !each_word(w, wn, not_name_word, NULL);
        if (!ok && c->lower_ok && nw >= 2 && nw <= 4)
            ok = !each_word(w, wn, not_lower_name_word, NULL);
        if (!ok) {
            c->bad = 1;
            return;
        }
    }
    put_name(c, w, wn);
    c->names++;
}

/* Finds the next weak separator in [s, e): ',', ';', " and ", " & ", " und
 * ", " et ".  Returns its start and sets *len; NULL when none. */
static const char *next_sep(const char *s, const char *e, size_t *len)
{
    for (const char *p = s; p < e; p++) {
        if (*p == ',' || *p == ';') {
            *len = 1;
            return p;
        }
        if (*p == ' ') {
            size_t n_conj;
            const char *const *conj_l = byl_phrase_list(BYL_PL_NAME_AND, &n_conj);
            for (size_t i = 0; i < n_conj; i++) {
                size_t l = strlen(conj_l[i]);
                if ((size_t)(e - p) >= l && ci_eqn(p, l, conj_l[i])) {
                    *len = l;
                    return p;
                }
            }
        }
    }
    return NULL;
}

/* Whether w[0, n) is an acronym: two to six capitals and nothing else
 * ("BWS", "UNB"): an agency's or a desk's code, no surname. */
static int acronym(const char *w, size_t n)
{
    if (n < 2 || n > 6)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!is_upper(w[i]))
            return 0;
    return 1;
}

static void names_text(by_ctx *c, const char *s, size_t n)
{
    const char *p = s, *e = s + n;
    /* "Roe, Jane": one surname, a comma, one given name, and nothing else
     * is a name written last name first: "Jane Roe" */
    const char *comma = memchr(s, ',', n);
    if (comma && !memchr(comma + 1, ',', (size_t)(e - comma - 1)) && !memchr(s, ';', n)) {
        const char *a = s, *b = comma + 1;
        size_t an = (size_t)(comma - s), bn = (size_t)(e - b);
        trim(&a, &an);
        trim(&b, &bn);
        if (an && bn && words(a, an) == 1 && words(b, bn) == 1 && !agency_of(a, an) &&
            acronym(a, an) == acronym(b, bn) && !gazetteer_place(b, bn) && !gazetteer_place(a, an) &&
            !agency_of(b, bn) && !role_word(a, an, NULL) && !role_word(b, bn, NULL) &&
            !not_name_word(a, an, NULL) && !not_name_word(b, bn, NULL) &&
            !next_sep(a, a + an, &(size_t){0})) {
            char buf[96];
            if (an + bn + 1 < sizeof buf) {
                memcpy(buf, b, bn);
                buf[bn] = ' ';
                memcpy(buf + bn + 1, a, an);
                c->parts++;
                put_name(c, buf, an + bn + 1);
                c->names++;
                return;
            }
        }
    }
    /* "Gantulga Bat-Erdene and Sarnai Dorjsuren, in Ulaanbaatar and
     * Baruun-Urt": where the writers are, after a comma, to the end (only
     * capitalised words, "and", commas): no writer, and a byline's mark */
    for (const char *k = s; k + 5 < e; k++) {
        if (k[0] != ',' || k[1] != ' ' || !((k[2] == 'i' && k[3] == 'n') || (k[2] == 'a' && k[3] == 't')) ||
            k[4] != ' ')
            continue;
        const char *w = k + 5;
        int ok = w < e && is_upper(*w);
        while (ok && w < e) {
            const char *we = w;
            while (we < e && *we != ' ' && *we != ',')
                we++;
            size_t wl = (size_t)(we - w);
            ok = is_upper(*w) || (wl == 3 && !memcmp(w, "and", 3));
            w = we;
            while (w < e && (*w == ' ' || *w == ','))
                w++;
        }
        if (ok && k > s) {
            e = k;
            n = (size_t)(k - s);
            c->meta++;
        }
        break;
    }
    c->listed = 0;
    while (p < e && !c->bad) {
        size_t sl = 0;
        const char *sep = next_sep(p, e, &sl);
        const char *q = sep ? sep : e;
        name_part(c, p, (size_t)(q - p));
        c->listed = sep && *sep != ','; /* after ";", " and ", " & " ... */
        p = sep ? sep + sl : e;
    }
}

/* Drops date labels and separators left at the end of a names text in
 * front of a date ("Jane Roe | Updated" -> "Jane Roe"). */
static void strip_tail_label(const char *s, size_t *n)
{
    for (;;) {
        while (*n && (byl_rd_is_space((unsigned char)s[*n - 1]) || s[*n - 1] == ',' ||
                      s[*n - 1] == '-' || s[*n - 1] == ':' || s[*n - 1] == '|'))
            (*n)--;
        size_t i = *n;
        while (i && !byl_rd_is_space((unsigned char)s[i - 1]))
            i--;
        if (i < *n && (ci_eqn(s + i, *n - i, "updated") || ci_eqn(s + i, *n - i, "published") ||
                       ci_eqn(s + i, *n - i, "posted") || ci_eqn(s + i, *n - i, "on"))) {
            *n = i;
            continue;
        }
        return;
    }
}

/* Whether w[0, n) is a job title that a name's segment may carry after a
 * bar or a slash ("Legal Consultant", "Senior Partner", "Staff
 * Reporter"): two to four words ("Brackwater" alone is a town), each
 * capitalised or a small word of Title Case, the last a noun of a trade
 * by its ending (-ant, -ent, -ist, -yst, -ian, -ate, -ney, -yer, -eon,
 * -ive, -ect, -er, -or).  Only in a segment of its own after a name:
 * after a comma such endings are as likely a second writer's surname
 * (Grant, Carter). */
static int job_title(const char *w, size_t n)
{
    while (n && (w[n - 1] == '.' || w[n - 1] == ','))
        n--;
    int nw = words(w, n);
    if (!n || nw < 2 || nw > 4 || !is_upper(*w) || each_word(w, n, not_title_word, NULL))
        return 0;
    size_t i = n;
    while (i && w[i - 1] != ' ')
        i--;
    size_t ln = n - i;
    for (size_t k = 0; k < ln; k++)
        if (!is_lower(lower(w[i + k])))
            return 0; /* letters only: no initials, no hyphenated name */
    size_t n_ends;
    const char *const *ends_l = byl_phrase_list(BYL_PL_JOB_END, &n_ends);
    for (size_t k = 0; k < n_ends; k++) {
        size_t el = strlen(ends_l[k]);
        if (ln > el + 2 && ci_eqn(w + n - el, el, ends_l[k]))
            return 1;
    }
    return 0;
}

static size_t lead_in(const char *s, size_t n, int *lower_ok);

static int by_seg(const char *s, size_t n, void *ctx)
{
    by_ctx *c = ctx;
    if (c->bad)
        return 1;
    /* "Muscat Herald · Published by Gulf Print House SAOC": a colophon
     * of the page's foot, the outlet beside its publisher or owner; the
     * name before it is the paper's, no writer's */
    static const char *const colophon[] = {"published by", "owned by", "operated by",
                                           "a publication of", "a product of"};
    for (size_t i = 0; c->names > 0 && i < sizeof colophon / sizeof colophon[0]; i++) {
        size_t l = ci_word_prefix(s, n, colophon[i]);
        if (l && l + 1 < n && s[l] == ' ' && is_upper(s[l + 1]))
            return c->bad = 1;
    }
    if (label_segment(s, n)) {
        c->meta++;
        return 0;
    }
    if (c->names > 0 && job_title(s, n)) { /* "NAME | Legal Consultant" */
        c->meta++;
        return 0;
    }
    /* "2026-12-05 | Interview: Jane Roe, Editor": a lead-in with a colon
     * opens a later segment too */
    /* "Story: Jane Roe | Photos: John Doe": who took the pictures made
     * the page, not the story */
    size_t n_crew;
    const char *const *crew_l = byl_phrase_list(BYL_PL_CREW, &n_crew);
    for (size_t i = 0; (c->names > 0 || c->lead) && i < n_crew; i++) {
        size_t l = ci_word_prefix(s, n, crew_l[i]);
        if (l && l < n && (s[l] == ':' || s[l - 1] == 'y')) {
            c->meta++;
            return 0;
        }
    }
    size_t n_seg_leads;
    int seg_lead = 0;
    const char *const *seg_leads_l = byl_phrase_list(BYL_PL_SEG_LEAD, &n_seg_leads);
    for (size_t i = 0; i < n_seg_leads; i++) {
        size_t l = ci_word_prefix(s, n, seg_leads_l[i]);
        if (l && l < n && s[l] == ':') {
            s += l + 1;
            n -= l + 1;
            trim(&s, &n);
            c->lead = seg_lead = 1;
            break;
        }
    }
    /* "Published: 04-12-2026 09:40 | By Jane Roe": after the date, a
     * part that opens with a lead-in and a capital is the byline's */
    if (!seg_lead && c->meta > 0 && c->names == 0) {
        int lo;
        size_t l = lead_in(s, n, &lo);
        if (l && l < n && (is_upper(s[l]) || (unsigned char)s[l] >= 0xC3)) {
            s += l;
            n -= l;
            c->lead = 1;
        }
    }
    /* "By Salma Idrissi - Friday 4 December 2026 - 16:20": a time alone
     * after the last spaced hyphen is the date's; the date before it is
     * read alone below (the day is what the page shows) */
    for (size_t k = n; k > 3; k--)
        if (s[k - 3] == ' ' && s[k - 2] == '-' && s[k - 1] == ' ') {
            if (k - 3 > 0 && is_digit(s[k - 4]) && byl_date_time_only(s + k, n - k)) {
                n = k - 3;
                c->meta++;
            }
            break;
        }
    /* "Ratna Kusumawardani (The Archipelago Times)": the paper in
     * brackets after the name (its closing bracket may be gone with the
     * line's) */
    for (size_t k = 1; k + 2 < n; k++)
        if (s[k] == ' ' && s[k + 1] == '(') {
            const char *o = s + k + 2;
            size_t on = n - k - 2;
            if (on && o[on - 1] == ')')
                on--;
            int ow = words(o, on);
            if (ow >= 1 && ow <= 5 &&
                ((ow >= 2 && outlet_name(o, on)) || agency_of(o, on))) {
                n = k;
                c->meta++;
            }
            break;
        }
    /* "Jerome S. Aquino - Reporter": a role after a spaced hyphen is the
     * writer's, no second name (a hyphen inside a name has no blanks) */
    for (size_t k = 1; c->lead && k + 3 < n; k++)
        if (s[k] == ' ' && s[k + 1] == '-' && s[k + 2] == ' ') {
            const char *r = s + k + 3;
            size_t rn = n - k - 3;
            trim(&r, &rn);
            if (rn && (job_title(r, rn) || (words(r, rn) <= 2 && !each_word(r, rn, not_role_word, NULL)))) {
                n = k;
                c->meta++;
            }
            break;
        }
    /* "By Jane Roe | Published 09:15 · 14/12/2026": the clock in a part
     * of its own, with its label or without, is the date's beside it
     * (after a lead-in: "Key Event | 14:02" on a live blog is no byline) */
    if (c->lead) {
        const char *d = s;
        size_t dn = n;
        strip_date_label(&d, &dn);
        trim(&d, &dn);
        if (dn && byl_date_time_only(d, dn)) {
            c->meta++;
            return 0;
        }
    }
    /* a date at a word start runs to the end of the segment */
    for (size_t k = 0; k < n; k++) {
        if (k && s[k - 1] != ' ')
            continue;
        const char *d = s + k;
        size_t dn = n - k;
        while (dn && (d[dn - 1] == ',' || d[dn - 1] == ';'))
            dn--;
        strip_date_label(&d, &dn);
        int64_t t;
        if (dn && (is_digit(*d) || is_upper(*d) || is_lower(*d)) &&
            byl_date_parse_order(d, dn, c->order, &t) == 0) {
            if (c->date == BYL_NO_DATE)
                c->date = t;
            c->meta++;
            n = k;
            strip_tail_label(s, &n);
            break;
        }
    }
    if (n)
        names_text(c, s, n);
    return c->bad;
}

static int section_seg(const char *s, size_t n, void *ctx)
{
    (void)ctx;
    return section_label(s, n);
}

/* The nouns of a credit a photo essay or a feature joins ("Photographs
 * and words by", "Text & photography by", "Words, pictures and video
 * by"): the first five name the writing. */
static const char *const credit_nouns[] = {"words", "text", "story", "reporting", "writing",
                                           "photos", "photographs", "photography", "pictures",
                                           "images", "video"};

/* The length of a credit of two to four such nouns parted by ",", "and"
 * or "&" and closed by "by" or a colon, one of them the writing's, opening s[0, n)
 * (the blank after "by" not counted), or 0.  Sites list the crafts of
 * one maker in any order; whoever wrote the words is the writer, and in
 * a photo essay the photographer is. */
static size_t credit_lead(const char *s, size_t n)
{
    size_t i = 0;
    int nouns = 0, writing = 0;
    for (;;) {
        size_t l = 0, k = 0;
        for (; k < sizeof credit_nouns / sizeof credit_nouns[0] && !l; k++)
            l = ci_word_prefix(s + i, n - i, credit_nouns[k]);
        if (!l)
            return 0;
        nouns++;
        writing |= k <= 5;
        i += l;
        if (i < n && s[i] == ':') /* "Text and photos: NAME" */
            return nouns >= 2 && nouns <= 4 && writing ? i + 1 : 0;
        if (i < n && s[i] == ',')
            i++;
        if (i >= n || s[i] != ' ')
            return 0;
        i++;
        size_t c = ci_word_prefix(s + i, n - i, "and");
        if (!c)
            c = i < n && s[i] == '&' ? 1 : 0;
        if (!c && nouns >= 2 && writing && ci_word_prefix(s + i, n - i, "by"))
            return nouns <= 4 ? i + 2 : 0;
        if (c) {
            i += c;
            if (i >= n || s[i] != ' ')
                return 0;
            i++;
        } else if (s[i - 2] != ',') {
            return 0;
        }
    }
}

/* The length of the byline lead-in ("By ", "Reported by ", "Author: ")
 * opening s[0, n), with the blanks and colon after it; 0 when none.
 * *lower_ok: names after it may be in lower case ("by jane roe"). */
static size_t lead_in(const char *s, size_t n, int *lower_ok)
{
    /* "A column by", "Guest column by", "An essay by": the piece's kind
     * with an article or "guest" before it leads as the kind alone */
    static const char *const before[] = {"a ", "an ", "guest "};
    for (size_t i = 0; i < sizeof before / sizeof before[0]; i++) {
        size_t bl = strlen(before[i]);
        if (n > bl && ci_eqn(s, bl, before[i])) {
            int lo;
            size_t l = lead_in(s + bl, n - bl, &lo);
            const char *k = s + bl;
            size_t kn = n - bl;
            if (l && !ci_word_prefix(k, kn, "by") && !ci_word_prefix(k, kn, "von") &&
                !ci_word_prefix(k, kn, "par") && !ci_word_prefix(k, kn, "por")) {
                *lower_ok = lo;
                return bl + l;
            }
        }
    }
    size_t cl = credit_lead(s, n);
    if (cl) {
        *lower_ok = s[cl - 1] != ':'; /* as "Words:" and "Words by" */
        while (cl < n && byl_rd_is_space((unsigned char)s[cl]))
            cl++;
        return cl;
    }
    for (size_t i = 0; i < sizeof leads / sizeof leads[0]; i++) {
        size_t l = ci_word_prefix(s, n, leads[i].lit);
        if (!l)
            continue;
        const char *p = s + l;
        size_t m = n - l;
        int colon = 0;
        while (m && (byl_rd_is_space((unsigned char)*p) || *p == ':')) {
            colon |= *p == ':';
            p++;
            m--;
        }
        if (leads[i].colon && !colon)
            continue;
        /* "Par", "Von", "Por" lead only capitalized names */
        int foreign = !strcmp(leads[i].lit, "von") || !strcmp(leads[i].lit, "par") ||
                      !strcmp(leads[i].lit, "por");
        if (foreign && (!m || !is_upper(*p)))
            continue;
        *lower_ok = !foreign && !leads[i].colon;
        return n - m;
    }
    return 0;
}

/* Bytes of a label in the page's other language before a lead-in, or 0:
 * one or two words, " / ", then a lead-in ("Testua / Text: NAME",
 * "Egilea / Author: NAME"): bilingual sites give their labels twice. */
static size_t other_language(const char *s, size_t n)
{
    const char *sl = n > 3 ? memmem(s, n < 40 ? n : 40, " / ", 3) : NULL;
    if (!sl || sl == s || words(s, (size_t)(sl - s)) > 2)
        return 0;
    size_t k = (size_t)(sl - s) + 3;
    int lower_ok;
    return lead_in(s + k, n - k, &lower_ok) ? k : 0;
}

/* The lead-in of s[0, n) (after brackets and dashes, or a label in another
 * language), its length in *ll, and where it starts; NULL if none. */
static const char *lead_at(const char *s, size_t n, size_t *ll)
{
    int lower_ok;
    trim(&s, &n);
    while (n && (*s == '(' || *s == '[' || *s == '-' || *s == ' '))
        s++, n--; /* "(Reporting by", "- Reported by" */
    if (n >= 3 && !memcmp(s, "\xE2\x80\x94", 3))
        s += 3, n -= 3; /* "— Reported by" */
    trim(&s, &n);
    size_t ol = other_language(s, n);
    s += ol, n -= ol;
    *ll = lead_in(s, n, &lower_ok);
    return *ll ? s : NULL;
}

int byl_rd_byline_lead(const char *s, size_t n)
{
    size_t ll;
    return lead_at(s, n, &ll) != NULL;
}

int byl_rd_byline_lead_alone(const char *s, size_t n)
{
    size_t ll;
    const char *p = lead_at(s, n, &ll);
    if (!p)
        return 0;
    size_t m = n - (size_t)(p - s) - ll;
    p += ll;
    trim(&p, &m);
    return m == 0;
}

int byl_rd_byline_ex(const char *str, size_t n, int strict, int order, byl_buf *out,
                     size_t from, const char **agency, int64_t *date)
{
    char tmp[512];
    const char *s = str ? str : ""; /* (NULL, 0) from a byl_buf never grown */
    if (n < sizeof tmp) { /* read alike whatever the blanks */
        byl_buf b;
        byl_buf_init(&b);
        byl_rd_clean(s, n, 1, &b);
        if (!b.failed && b.len < sizeof tmp) {
            memcpy(tmp, b.data ? (const char *)b.data : "", b.len);
            s = tmp;
            n = b.len;
        }
        byl_buf_reset(&b);
    }
    trim(&s, &n);
    while (n && (*s == '(' || *s == '[')) { /* "(By Jane Roe)" */
        s++;
        n--;
    }
    while (n && (s[n - 1] == ')' || s[n - 1] == ']'))
        n--;
    int had_lead = 0, lower_lead = 0;
    size_t ll = lead_in(s, n, &lower_lead);
    size_t ol = ll ? 0 : other_language(s, n);
    if (ol) { /* "Testua / Text: NAME" */
        s += ol, n -= ol;
        ll = lead_in(s, n, &lower_lead);
    }
    if (ll) {
        had_lead = 1;
        s += ll;
        n -= ll;
    }
    if (strict && !had_lead && (n && (is_lower(*s) || words(s, n) > 12)))
        return -1; /* no byline without "By" runs that long */
    /* "© The Harbour Ledger 2026 · Ledger Publishing Ltd", "Copyright
     * 2026 Jane Roe Media": a copyright notice names whoever owns the
     * page, at its head or its foot, never the story's writer */
    if (strict && !had_lead &&
        ((n >= 2 && !memcmp(s, "\xC2\xA9", 2)) || ci_word_prefix(s, n, "copyright")))
        return -1;
    /* "Newsroom > Press Releases": a breadcrumb, a site's path, names no
     * writer */
    if (strict && !had_lead && (memmem(s, n, " > ", 3) || memmem(s, n, "\xE2\x80\xBA", 3) ||
                                memmem(s, n, "\xC2\xBB", 2)))
        return -1;
    if (strict && (n == 0 || n > 200))
        return -1;
    /* "NATIONAL / Local Democracy": a section path, its first part a
     * section's name; what follows the section is a desk, not a writer.
     * A section's name anywhere in a line without a lead-in makes it a
     * kicker ("LOCAL NEWS | Harlan County", "Corrib Coast Radio – News"):
     * a byline beside its writer gives a date, a role, a place or an
     * agency, never the page's section. */
    if (strict && !had_lead && (label_path(s, n) || each_segment(s, n, section_seg, NULL)))
        return -1;
    size_t len0 = out->len;
    by_ctx c = {strict, strict && lower_lead, order, out, from, NULL, BYL_NO_DATE, 0, 0, 0, 0, had_lead, 0, 0};
    each_segment(s, n, by_seg, &c);
    /* "MACAO · Macau · Hong Kong · Greater Bay", "Edition: Lagos | Abuja |
     * London": places one after another are an edition switch or a list of
     * bureaus, no byline; a writer stands beside one place at most, the
     * one the story was filed from */
    if (strict && !had_lead && c.places >= 2)
        c.bad = 1;
    if (strict && (c.bad || c.parts + c.meta == 0 || (!had_lead && (c.names == 0 || c.meta == 0)))) {
        out->len = len0;
        return -1;
    }
    if (c.agency && agency && !*agency)
        *agency = c.agency;
    if (date && c.date != BYL_NO_DATE && *date == BYL_NO_DATE)
        *date = c.date;
    return c.names;
}

int byl_rd_byline(const char *s, size_t n, int strict, byl_buf *out, size_t from,
                  const char **agency)
{
    return byl_rd_byline_ex(s, n, strict, BYL_DATE_MDY, out, from, agency, NULL);
}

/* The next part of [*p, e) up to sep or the end, trimmed, in *w and *wn;
 * *p moves past the separator.  0 when nothing is left. */
static int next_part(const char **p, const char *e, char sep, const char **w, size_t *wn)
{
    if (*p >= e)
        return 0;
    const char *q = memchr(*p, sep, (size_t)(e - *p));
    if (!q)
        q = e;
    *w = *p;
    *wn = (size_t)(q - *p);
    trim(w, wn);
    *p = q < e ? q + 1 : e;
    return 1;
}


/* ------------------------------------------------------- credit lines */

typedef struct {
    byl_buf *out;
    size_t from;
    int names;
    const char **agency;
} credit_ctx;

int byl_rd_credit_line(const char *s, size_t n, byl_buf *out, size_t from, const char **agency)
{
    trim(&s, &n);
    if (!n || n > 400)
        return -1;
    /* A sign-off: "— Jane Roe", "– Jane Roe", "-- Jane Roe, Reuters" */
    size_t dash = 0;
    if (n >= 3 && !memcmp(s, "\xE2\x80\x94", 3))
        dash = 3;
    else if (n >= 3 && !memcmp(s, "\xE2\x80\x93", 3))
        dash = 3;
    else if (n >= 2 && s[0] == '-' && s[1] == '-')
        dash = 2; /* not one '-': that starts list items */
    if (dash) {
        const char *p = s + dash;
        size_t m = n - dash;
        trim(&p, &m);
        /* "— Reported by A and B, Lanka Herald Fact Check Unit": a
         * lead-in after the dash, then the names and their desk */
        size_t ll = 0;
        for (size_t i = 0; i < sizeof leads / sizeof leads[0] && !ll; i++)
            if ((ll = ci_word_prefix(p, m, leads[i].lit)) != 0 && leads[i].colon &&
                (ll >= m || p[ll] != ':'))
                ll = 0;
        if (ll) {
            p += ll + (ll < m && p[ll] == ':');
            m -= ll + (ll < m && p[ll] == ':');
            trim(&p, &m);
        }
        if (!m || words(p, m) > (ll ? 14 : 8))
            return -1;
        size_t len0 = out->len;
        by_ctx c = {1, 0, BYL_DATE_MDY, out, from, NULL, BYL_NO_DATE, 0, 0, 0, 0, 1, 0, 0};
        names_text(&c, p, m);
        if (c.bad || c.names == 0) {
            out->len = len0;
            return -1;
        }
        if (c.agency && agency && !*agency)
            *agency = c.agency;
        return c.names;
    }
    /* Reuters: "(Reporting by Jane Roe in London; Additional reporting by
     * John Doe; Editing by Ed Smith)"; writers count, editors do not. */
    while (n && (*s == '(' || *s == '['))
        s++, n--;
    while (n && (s[n - 1] == ')' || s[n - 1] == ']' || s[n - 1] == '.'))
        n--;
    if (!n)
        return -1;
    int any = 0;
    size_t len0 = out->len;
    by_ctx c = {1, 0, BYL_DATE_MDY, out, from, NULL, BYL_NO_DATE, 0, 0, 0, 0, 1, 0, 0};
    const char *p = s, *e = s + n, *w;
    size_t wn;
    while (next_part(&p, e, ';', &w, &wn)) {
        if (!wn)
            continue;
        size_t l = 0;
        int writer = 0;
        size_t n_credit;
        const char *const *credit_l = byl_phrase_list(BYL_PL_CREDIT_WRITER, &n_credit);
        for (size_t i = 0; i < n_credit && !l; i++)
            if ((l = ci_word_prefix(w, wn, credit_l[i])) != 0)
                writer = 1;
        size_t n_other;
        const char *const *other_l = byl_phrase_list(BYL_PL_CREDIT_OTHER, &n_other);
        for (size_t i = 0; i < n_other && !l; i++)
            l = ci_word_prefix(w, wn, other_l[i]);
        if (!l) {
            out->len = len0;
            return -1; /* not a credit line */
        }
        any = 1;
        if (writer) {
            c.bad = 0;
            names_text(&c, w + l, wn - l);
            if (c.bad) {
                out->len = len0;
                return -1;
            }
        }
    }
    if (!any)
        return -1;
    if (c.agency && agency && !*agency)
        *agency = c.agency;
    return c.names;
}

const char *byl_rd_dateline_agency(const char *s, size_t n)
{
    /* "LONDON (Reuters) - ...", "WASHINGTON (AP) — ..." in the first 80 bytes */
    size_t lim = n < 80 ? n : 80;
    /* a press release: "SAN FRANCISCO, Nov. 26, 2025 /PRNewswire/ --" */
    for (size_t i = 0; i + 1 < lim; i++) {
        if (s[i] != '/' || (i && s[i - 1] != ' '))
            continue;
        const char *q = memchr(s + i + 1, '/', n - i - 1);
        if (!q || q - (s + i) > 30)
            break;
        const char *ag = agency_of(s + i + 1, (size_t)(q - (s + i) - 1));
        if (ag)
            return ag;
        break;
    }
    for (size_t i = 0; i < lim; i++) {
        if (s[i] != '(')
            continue;
        const char *q = memchr(s + i, ')', n - i);
        if (!q || q - (s + i) > 40)
            return NULL;
        const char *ag = agency_of(s + i + 1, (size_t)(q - (s + i) - 1));
        size_t rest = n - (size_t)(q + 1 - s);
        const char *r = q + 1;
        while (rest && *r == ' ')
            r++, rest--;
        if (ag && rest && (*r == '-' || (rest >= 3 && (!memcmp(r, "\xE2\x80\x94", 3) ||
                                                       !memcmp(r, "\xE2\x80\x93", 3)))))
            return ag;
        return NULL;
    }
    return NULL;
}

/* --------------------------------------------- lines that go together */

typedef struct {
    int parts, meta;
} aff_ctx;

int byl_rd_job_line(const char *s, size_t n)
{
    trim(&s, &n);
    while (n && s[n - 1] == '.')
        n--;
    const char *at = n <= 120 ? memmem(s, n, " at ", 4) : NULL;
    size_t al = 4;
    if (!at && n <= 120) {
        /* "Editor, Aegean Freight Brief" (a comma with a word after it;
         * any other comma leaves at unset: a comma near the end once read
         * past the line, found by fuzz_text) */
        const char *comma = memchr(s, ',', n);
        if (comma && comma + 2 < s + n && comma[1] == ' ') {
            at = comma;
            al = 2;
        }
    }
    if (!at || (size_t)(at - s) + al >= n || !is_upper(*s) || !is_upper(at[al]) ||
        has_digit(s, n))
        return 0;
    size_t rn = (size_t)(at - s);
    int nw = words(s, rn);
    if (nw < 1 || nw > 6 || words(at + al, n - rn - al) > 8)
        return 0;
    if (al == 2 && !each_word(s, rn, not_role_word, NULL))
        return 1; /* a role of its own words before the comma ("Editor") */
    if (al == 2)
        return 0;
    /* the role: its first word a title or role ("Head of Communications",
     * "Senior Reporter") or a job's ending ("Policy Analyst") */
    size_t fw = 0;
    while (fw < rn && s[fw] != ' ')
        fw++;
    return (byl_word_roles_ci(s, fw) & (BYL_W_TITLE | BYL_W_BY_ROLE)) != 0 ||
           each_word(s, rn, role_word, NULL) || job_title(s, rn);
}

int byl_rd_affiliation_line(const char *s, size_t n)
{
    trim(&s, &n);
    if (!n || n > 80 || words(s, n) > 6)
        return 0;
    const char *p = s, *e = s + n, *w;
    size_t wn;
    int parts = 0;
    while (next_part(&p, e, ',', &w, &wn)) {
        if (!wn)
            continue;
        parts++;
        if (!agency_of(w, wn) && !each_word(w, wn, role_word, NULL))
            return 0;
    }
    return parts > 0;
}

int byl_rd_date_by_line(const char *s, size_t n, int order, byl_buf *out, size_t from,
                        int64_t *t)
{
    trim(&s, &n);
    if (n > 200 || !has_digit(s, n))
        return -1;
    for (size_t i = 1; i + 4 < n; i++) {
        if (s[i - 1] != ' ' || !ci_word_prefix(s + i, n - i, "by"))
            continue;
        size_t a = i - 1;
        if (!byl_rd_date_line(s, a, order, t))
            return -1;
        const char *w = s + i + 2;
        size_t wn = n - i - 2;
        trim(&w, &wn);
        size_t len0 = out->len;
        byl_buf b;
        byl_buf_init(&b);
        byl_buf_put(&b, "By ", 3);
        byl_buf_put(&b, w, wn);
        int k = b.failed ? -1
                         : byl_rd_byline_ex((const char *)b.data, b.len, 1, order, out, from, NULL,
                                            NULL);
        byl_buf_reset(&b);
        if (k < 0 && wn && wn <= 30 && words(w, wn) == 1 && name_chars(w, wn)) {
            /* a blog's handle: "Posted on November 26, 2025 by jdoe" */
            if (out->len > from)
                byl_buf_put(out, "; ", 2);
            byl_buf_put(out, w, wn);
            k = 1;
        }
        if (k < 0)
            out->len = len0;
        return k;
    }
    return -1;
}
