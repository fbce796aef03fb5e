/*
 * text.c - one plain-text article per file, read as a person reads it.
 *
 * Web articles copied into .txt files carry the page's furniture around the
 * headline: a section kicker above it ("NEWS / Analysis", "EXCLUSIVE"),
 * labels ("Listen to this article", "5 min read", "Updated 3 hours ago"), a
 * byline and a date line, together or apart, in any order, and at the end of
 * a wire story a credit line ("(Reporting by ...; Editing by ...)").  So:
 *
 *   - Every line is looked at through byl_rd_clean (Unicode blanks as
 *     spaces, zero-width characters gone); a line ends at LF or CRLF
 *     (byl_line_next; input.c made a lone CR an LF and dropped a byte
 *     order mark).
 *   - When the rules' headline is doubtful (page chrome, separators, a
 *     bare masthead: byl_hl_gate), the head lines are scored by a trained
 *     model (headline.c): a later line it scores above its threshold and
 *     the rules' line by its margin is the headline, the rules' line
 *     staying in the body as chrome.
 *   - Up to PRE_LINES non-blank lines before the headline may be kickers,
 *     labels, bylines or date lines; the first line that is none of them is
 *     the headline.  Up to HEAD_LINES non-blank lines after it may be a
 *     byline, date lines or labels; any other line there (a dek, a
 *     standfirst) stays in the body.  The last TAIL_LINES non-blank lines may
 *     be credit lines or a sign-off ("— Jane Roe"), or, when the top named
 *     no writer, a closing byline ("By Jane Roe", "Reported by Jane Roe, 4
 *     December 2026": kept in the body).  What these lines are is
 *     decided in byline.c; the first byline gives the author (and an agency
 *     in it the source), the first date the date.
 *   - A short all-caps label over a mixed-case headline is left out; a
 *     headline wrapped over two lines is joined (docs/ARTICLES.md).
 *   - A headline that is really a paragraph (an article copied without its
 *     headline: more than TITLE_MAX characters, or a sentence of at least
 *     PARA_WORDS words ending in a full stop) gives a title cut at its first
 *     sentence end, else at a word boundary, within TITLE_MAX characters; the
 *     paragraph stays whole in the body.
 *   - No date in the text: a date in the path ("2025/11/26/", "2025-11-26")
 *     is the date.  A sidecar NAME.json beside NAME.txt overrides what the
 *     text gave (sidecar.c).
 *   - The body is every other line, with Unicode blanks as spaces and
 *     zero-width characters dropped; blank lines at either end are trimmed.
 *     Metadata lines are left out of it, and nothing else: every character
 *     of the file is in the title, the body or one of those lines.
 *
 * The id is the id name (byl_reader_set_id_name), else the path as given to
 * byl_reader_open.
 *
 * Not for: HTML pages, or files holding several articles.
 */
#include <ctype.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include <utf8proc.h>

#include "doc/_reader.h"
#include "doc/date.h"
#include "doc/headline.h"
#include "text/words.h"
#include "text/utf8.h"
#include "util/err.h"

typedef byl_line line_t; /* a line without its end (LF or CRLF) */

#define next_line byl_line_next

#define PRE_LINES 6   /* non-blank lines before the headline that may be metadata */
#define HEAD_LINES 6  /* non-blank lines after it that may be metadata */
#define TAIL_LINES 3  /* last non-blank lines that may be credit lines */
#define TAIL_WIDE 25  /* last non-blank lines before those that may hold a closing byline */
#define TITLE_MAX 160 /* characters of a title cut from a paragraph */
#define PARA_WORDS 12 /* a first line of this many words ending in '.' is a paragraph */
#define CHROME_LINES 6 /* non-blank lines of page chrome over a headline */
#define MAX_DROP (PRE_LINES + HEAD_LINES + TAIL_LINES + CHROME_LINES + 2)
#define DATELINE_LINES 3 /* non-blank body lines that may open with the dateline */
#define META_MAX 240  /* bytes of the longest metadata line (cleaned): longer is text */
/* Non-blank lines from the top where a date among other words is looked
 * for when no date line dated the page (byl_rd_date_loose): as far as a
 * page's head reaches under a masthead, a share bar and a caption. */
#define LOOSE_LINES 16
/* ... and above the headline, the words of such a line at most: a
 * headline that opens with a date has more ("4 December 2026: the day
 * the yard closed for good") */
#define LOOSE_WORDS 10

static int line_words(const char *s, size_t n);

/* Cleans line l into *cl (reset first) for looking at; returns its length.
 * For head (1) a line that is surely longer than any metadata line is cut
 * short: only its first part is cleaned, and its length is then more than
 * META_MAX (what the callers need to know of it). */
static size_t clean(byl_buf *cl, const line_t *l, int head)
{
    size_t n = (size_t)(l->e - l->p);
    cl->len = 0;
    if (head == 1 && n > META_MAX + 16) {
        byl_rd_clean(l->p, META_MAX + 16, head, cl); /* cleaning seldom grows text */
        if (cl->len > META_MAX)
            return cl->len;
        cl->len = 0;
    }
    byl_rd_clean(l->p, n, head, cl);
    return cl->len;
}

static const char *cdata(const byl_buf *cl) { return cl->data ? (const char *)cl->data : ""; }

/* Characters (code points) in s[0, n). */
static size_t chars(const char *s, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        k += ((unsigned char)s[i] & 0xC0) != 0x80;
    return k;
}

/* 1 if the cleaned first line s[0, n) is a paragraph, not a headline. */
static int paragraph(const char *s, size_t n)
{
    if (chars(s, n) > TITLE_MAX)
        return 1;
    int w = 1;
    for (size_t i = 0; i < n; i++)
        w += s[i] == ' ';
    return w >= PARA_WORDS && n && s[n - 1] == '.';
}

/* Length of the title cut from paragraph s[0, n): its first sentence if
 * that ends within TITLE_MAX characters (and is not a mere "Mr."), else the
 * last whole word that fits, else TITLE_MAX characters. */
static size_t cut_title(const char *s, size_t n)
{
    size_t i = 0, k = 0, last_space = 0;
    while (i < n && k < TITLE_MAX) {
        unsigned char c = (unsigned char)s[i];
        size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        if (i + len > n)
            len = n - i;
        /* ". X" with X a capital, or the line's end; 。！？ end a sentence too */
        if ((c == '.' || c == '!' || c == '?') && k >= 20 &&
            (i + 1 == n || (s[i + 1] == ' ' && i + 2 < n &&
                            ((s[i + 2] >= 'A' && s[i + 2] <= 'Z') || s[i + 2] == '"' ||
                             (unsigned char)s[i + 2] >= 0xC0))))
            return c == '.' ? i : i + 1;
        if (len == 3 && k >= 10 && (!memcmp(s + i, "\xE3\x80\x82", 3) ||
                                    !memcmp(s + i, "\xEF\xBC\x81", 3) ||
                                    !memcmp(s + i, "\xEF\xBC\x9F", 3)))
            return memcmp(s + i, "\xE3\x80\x82", 3) ? i + 3 : i;
        if (c == ' ')
            last_space = i;
        i += len;
        k++;
    }
    if (i >= n)
        return n;
    size_t cut = last_space ? last_space : i;
    while (cut && (s[cut - 1] == ',' || s[cut - 1] == ';' || s[cut - 1] == ':' ||
                   s[cut - 1] == ' ' || s[cut - 1] == '-'))
        cut--;
    return cut ? cut : i;
}

/* A date in a path: ".../2025/11/26/..." or "...2025-11-26..." */
static int64_t path_date(const char *s)
{
    size_t n = strlen(s);
    for (size_t i = 0; i + 10 <= n; i++) {
        const char *p = s + i;
        int ok = 1;
        for (int k = 0; k < 10 && ok; k++)
            ok = k == 4 || k == 7 ? 1 : p[k] >= '0' && p[k] <= '9';
        if (!ok || p[4] != p[7] || (p[4] != '/' && p[4] != '-'))
            continue;
        if (i > 0 && ((p[-1] >= '0' && p[-1] <= '9') || (p[4] == '/' && p[-1] != '/')))
            continue;
        if (i + 10 < n && ((p[10] >= '0' && p[10] <= '9') || (p[4] == '/' && p[10] != '/')))
            continue;
        int64_t t;
        if (byl_date_parse(p, 10, &t) == 0)
            return t;
    }
    return BYL_NO_DATE;
}

typedef struct {
    const char *at[MAX_DROP]; /* starts of the lines left out, in order */
    int n;
} drops;

static void drop(byl_reader *r, drops *d, const line_t *l, int kind)
{
    if (d->n == MAX_DROP) /* cannot happen: each pass bounds its drops */
        return;
    int i = d->n++;
    while (i > 0 && d->at[i - 1] > l->p) { /* keep them in file order */
        d->at[i] = d->at[i - 1];
        i--;
    }
    d->at[i] = l->p;
    if (r->on_drop)
        r->on_drop(r->on_drop_ctx, l->p, (size_t)(l->e - l->p), kind);
}

/* Whether line l shows anything: at once when it has a byte that starts
 * no blank (nearly every line), else through clean (*cl clobbered). */
static int visible(byl_buf *cl, const line_t *l)
{
    for (const char *p = l->p; p < l->e; p++) {
        unsigned char c = (unsigned char)*p;
        if (c > 0x20 && c < 0x7F)
            return 1;
    }
    return clean(cl, l, 1) != 0;
}

/* Takes line at back into the body (a credit read first as the byline,
 * then found to name someone else). */
static void undrop(drops *d, const char *at)
{
    for (int i = 0; i < d->n; i++)
        if (d->at[i] == at) {
            memmove(&d->at[i], &d->at[i + 1], sizeof d->at[0] * (size_t)(d->n - i - 1));
            d->n--;
            return;
        }
}

static int dropped(const drops *d, const char *at)
{
    for (int i = 0; i < d->n; i++)
        if (d->at[i] == at)
            return 1;
    return 0;
}

/* Whether a non-blank line follows p. */
static int more_text(const char *p, const char *e)
{
    for (; p < e; p++)
        if (!byl_rd_is_space((unsigned char)*p) && *p != '\n')
            return 1;
    return 0;
}

/* Where a writer's place or desk after a bar begins in the cleaned line
 * s[0, n) ("Ananya Krishnan | New Delhi", "Jane Roe · Lagos": one to
 * three capitalised words, no digit, after " | " or " · "): the length of
 * what stands before the bar, else 0. */
static size_t place_after_bar(const char *s, size_t n)
{
    const char *b = memmem(s, n, " | ", 3);
    size_t sl = 3;
    if (!b) {
        b = memmem(s, n, " \xC2\xB7 ", 4);
        sl = 4;
    }
    if (!b || b == s)
        return 0;
    const char *t = b + sl, *e = s + n;
    size_t tn = (size_t)(e - t);
    if (!tn || tn > 30 || memmem(t, tn, " | ", 3))
        return 0;
    int w = 0;
    for (const char *q = t; q < e; q++) {
        if ((*q >= '0' && *q <= '9') || *q == '.' || *q == ',' || *q == ':')
            return 0;
        if (q == t || q[-1] == ' ') {
            if (*q == ' ')
                continue;
            if (!(*q >= 'A' && *q <= 'Z') && (unsigned char)*q < 0xC0)
                return 0;
            w++;
        }
    }
    return w >= 1 && w <= 3 ? (size_t)(b - s) : 0;
}

/* Whether the cleaned line s[0, n) is a rule drawn in text ("*****",
 * "=====", "- - -"): three marks or more of one kind, blanks between. */
static int rule_line(const char *s, size_t n)
{
    if (n < 3 || !strchr("*=-_~#", s[0]))
        return 0;
    int k = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == s[0])
            k++;
        else if (s[i] != ' ')
            return 0;
    }
    return k >= 3;
}

/* Whether the cleaned line s[0, n) is a time stamp relative to an
 * unknown now ("Published 5 hours ago", "Updated 3 mins ago"): a label
 * line that opens with a date's label. */
static int relative_stamp(const char *s, size_t n)
{
    static const char *const dl[] = {"published", "updated", "posted"};
    for (size_t i = 0; i < sizeof dl / sizeof dl[0]; i++) {
        size_t k = strlen(dl[i]);
        if (n > k && strncasecmp(s, dl[i], k) == 0 && (s[k] == ' ' || s[k] == ':'))
            return byl_rd_label_line(s, n, 0);
    }
    return 0;
}

/* Whether the cleaned line s[0, n) could be a publication's or a desk's
 * name standing between a byline and its date ("The Harlan
 * Courier-Ledger", "Metro Desk"): six words at most, capitalised, no
 * digit, no sentence's end. */
static int masthead_like(const char *s, size_t n)
{
    if (!n || n > 60 || !(s[0] >= 'A' && s[0] <= 'Z'))
        return 0;
    int w = 1;
    for (size_t i = 0; i < n; i++) {
        if ((s[i] >= '0' && s[i] <= '9') || s[i] == ',' || s[i] == ':' || s[i] == ';')
            return 0;
        w += s[i] == ' ';
    }
    /* "Published" over "05/12/2026": a date's label, no paper */
    static const char *const dl[] = {"published", "updated", "posted", "date"};
    for (size_t i = 0; i < sizeof dl / sizeof dl[0]; i++) {
        size_t k = strlen(dl[i]);
        if (n >= k && strncasecmp(s, dl[i], k) == 0 && (n == k || s[k] == ' ' || s[k] == ':'))
            return 0;
    }
    return w >= 2 && w <= 6 && s[n - 1] != '.' && s[n - 1] != '?' && s[n - 1] != '!';
}

/* Whether the cleaned date line s[0, n) has no date's label in it
 * ("Thursday, December 3, 2026 | ...", "HARBOUR VOICE · 3 December
 * 2026", not "Published: ..."): over the headline, such a line is most
 * often the masthead's day, the day the page was printed, not the
 * story's. */
static int bare_date(const char *s, size_t n)
{
    return !byl_rd_date_labelled(s, n);
}

/* Whether the date t of the byline's block under the headline beats
 * date, a bare date line's over it (bare): a masthead prints the day the
 * page was seen, the story's own date is that day or earlier ("Thursday,
 * December 3, 2026" in the masthead, "Wednesday, December 2, 2026 —
 * 8:00 PM GST" under the columnist's name). */
static int masthead_day(int bare, int64_t date, int64_t t)
{
    return bare && date != BYL_NO_DATE && t != BYL_NO_DATE && t / 86400 < date / 86400;
}

static int lower_elsewhere(const char *nm, size_t n, const char *s, size_t sn);

/* The length of the first part of the cleaned line s[0, n), before a
 * strong separator (" | ", " · ", " / ", " — ", a gap of two blanks). */
static size_t first_segment(const char *s, size_t n)
{
    for (size_t i = 0; i + 1 < n; i++) {
        if (s[i] != ' ')
            continue;
        const char *q = s + i + 1;
        size_t m = n - i - 1;
        if (*q == ' ' || ((*q == '|' || *q == '/') && m > 1 && q[1] == ' ') ||
            (m > 2 && !memcmp(q, "\xC2\xB7", 2)) || (m > 3 && !memcmp(q, "\xE2\x80\x94", 3)) ||
            (m > 3 && !memcmp(q, "\xE2\x80\xA2", 3)))
            return i;
    }
    return n;
}

/* Whether the name s[0, n) has no letter in lower case ("AEGEAN FREIGHT
 * BRIEF"): a masthead's way of writing a name. */
static int caps_name(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] >= 'a' && s[i] <= 'z')
            return 0;
    return 1;
}

/* Whether s[0, n) is a writer's contact set under the name in a byline
 * block: one address alone, an e-mail ("jane.roe@harbourpost.example")
 * or a handle ("@janeroe"), after one label word at most ("Email:",
 * "Follow", "X:").  It belongs to the name above it, as a role does. */
static int contact_line(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && s[i] != ' ')
        i++;
    if (i < n && !memchr(s, '@', i)) { /* a label, then the address */
        while (i < n && s[i] == ' ')
            i++;
        s += i, n -= i;
    }
    const char *at = memchr(s, '@', n);
    if (!at || n > 80 || memchr(s, ' ', n))
        return 0;
    if (at == s) /* a handle: "@janeroe" */
        return n >= 3;
    return at > s && memchr(at, '.', (size_t)(s + n - at)) != NULL; /* an e-mail */
}

/* Whether line l (cleaned in *cl) is a bare name ("Jane Smith") and the
 * next non-blank line after p names only a desk, a role or an agency ("BBC
 * Wales News"), or is a date line ("6/12/2026"): then the name is a
 * byline, appended to r->tmp.  Returns 1 (an affiliation), 2 (a date line:
 * its date in *t), or 0.  *cl is clobbered. */
static int name_over_affiliation(byl_reader *r, byl_buf *cl, const line_t *l, const char *p,
                                 const char *e, int64_t *t)
{
    size_t cn = clean(cl, l, 1);
    /* "© Lagoon Courier" over "More news": a copyright names the outlet,
     * never a writer */
    if (cn >= 2 && !memcmp(cdata(cl), "\xC2\xA9", 2))
        return 0;
    size_t bar = place_after_bar(cdata(cl), cn);
    if (bar)
        cn = bar; /* "Ananya Krishnan | New Delhi": the name */
    int w = 1, conj = 0;
    for (size_t i = 0; i < cn; i++) {
        /* "Sam Whitlock at the Emirates Stadium": the name's words */
        if (i && cdata(cl)[i - 1] == ' ' && i + 3 < cn &&
            (!memcmp(cdata(cl) + i, "at ", 3) || !memcmp(cdata(cl) + i, "in ", 3)))
            break;
        /* "Ravi Chandran & Joanna Pike": two names, each of two to four
         * words */
        if (i && cdata(cl)[i - 1] == ' ' &&
            ((i + 2 < cn && !memcmp(cdata(cl) + i, "& ", 2)) ||
             (i + 4 < cn && !memcmp(cdata(cl) + i, "and ", 4))))
            conj++, w--;
        /* "Salim bin Hamad Al Farsi", "Pieter van der Berg": a particle
         * after the first word joins the name's words and is not one of
         * them (Arabic, Dutch and Spanish names run to five or six) */
        if (i && cdata(cl)[i - 1] == ' ') {
            size_t j = i;
            while (j < cn && cdata(cl)[j] != ' ')
                j++;
            if (j < cn && (byl_word_roles_ci(cdata(cl) + i, j - i) & BYL_W_PARTICLE))
                w--;
        }
        w += cdata(cl)[i] == ' ';
    }
    if (cn > 80 || w < 2 * (conj + 1) || w > 4 * (conj + 1) || conj > 2)
        return 0;
    /* "The Harlan Courier-Ledger", "THE REEF LEDGER": a publication, not
     * a person, in a masthead's capitals too */
    if ((cn > 4 && !strncasecmp(cdata(cl), "The ", 4)) || (cn > 2 && !memcmp(cdata(cl), "A ", 2)) ||
        (cn > 3 && !memcmp(cdata(cl), "An ", 3)))
        return 0;
    byl_buf by;
    byl_buf_init(&by);
    byl_buf_put(&by, "By ", 3);
    byl_buf_put(&by, cdata(cl), cn);
    line_t l2;
    int ok = 0;
    while (next_line(&p, e, &l2))
        if ((cn = clean(cl, &l2, 1)) != 0)
            break;
    /* "SHONTELLE ROE" over "s.roe@harbourpost.example" over the date: the
     * writer's address belongs to the block; what is under it tells */
    if (cn && contact_line(cdata(cl), cn))
        while (next_line(&p, e, &l2))
            if ((cn = clean(cl, &l2, 1)) != 0)
                break;
    int kind = 0;
    if (cn && !by.failed)
        kind = byl_rd_affiliation_line(cdata(cl), cn) || byl_rd_job_line(cdata(cl), cn) ? 1
               : cn <= META_MAX && byl_rd_date_line(cdata(cl), cn, r->art_order, t) ? 2
                                                                                  : 0;
    /* "03/12/2026 16:05 | Courts", "3.12.2026 | Photo: Anel Mujić": a
     * line that opens with a date, a few of the page's words after it
     * (byl_rd_date_loose), is the byline block's date line as well.  Not
     * under a name in capitals: "AEGEAN FREIGHT BRIEF" over "The Friday
     * Brief · Issue 212 · 4 December 2026" is a masthead over its issue */
    if (!kind && cn && cn <= META_MAX && !by.failed && line_words(cdata(cl), cn) <= LOOSE_WORDS &&
        !caps_name((const char *)by.data + 3, by.len - 3)) {
        size_t fs = first_segment(cdata(cl), cn);
        if (byl_rd_date_loose(cdata(cl), fs, r->art_order, t))
            kind = 2;
    }
    if (!kind && cn && cn <= META_MAX && !by.failed && !byl_rd_byline_lead(cdata(cl), cn)) {
        /* "Kadri Tamm-Saar" over "Baltic Lens | 5 December 2026, 10:14
         * EET": the line under reads as a byline of its own (a name and a
         * date), but the name alone over it is the writer's, the name
         * beside the date whom for; its date is the date */
        byl_buf nb;
        byl_buf_init(&nb);
        int64_t bt = BYL_NO_DATE;
        if (byl_rd_byline_ex(cdata(cl), cn, 1, r->art_order, &nb, 0, NULL, &bt) > 0)
            kind = bt != BYL_NO_DATE ? (*t = bt, 2) : 1;
        byl_buf_reset(&nb);
    }
    if (!kind && cn && !by.failed && relative_stamp(cdata(cl), cn))
        kind = 1; /* "Jane Roe" over "Published 5 hours ago": a byline, no date */
    /* "Jane Roe" over "2 hours ago", "Yesterday, 14:05" or "5 min read":
     * the stamp a site prints under the writer's name, without a label.
     * A section's name could stand there too ("World News" over "4 min
     * read"): a word the article writes in lower case is no name's */
    if (!kind && cn && !by.failed && byl_rd_stamp_line(cdata(cl), cn)) {
        byl_buf all;
        byl_buf_init(&all);
        byl_rd_clean(r->buf + r->start, (size_t)(e - (r->buf + r->start)), 0, &all);
        if (!all.failed && !lower_elsewhere((const char *)by.data + 3, by.len - 3,
                                            (const char *)all.data, all.len))
            kind = 1;
        byl_buf_reset(&all);
    }
    if (!kind && cn && !by.failed && masthead_like(cdata(cl), cn)) {
        /* "Dana Roe and Tuan Nguyen" over "The Harlan Courier-Ledger" over
         * "Published 3:45 p.m. ET Dec. 5, 2026": the writers, their paper
         * and the date, one block; the paper's line goes with the byline
         * and the date line is read as one after it */
        line_t l3;
        size_t c3 = 0;
        while (next_line(&p, e, &l3))
            if ((c3 = clean(cl, &l3, 1)) != 0)
                break;
        int64_t t3;
        if (c3 && c3 <= META_MAX && byl_rd_date_line(cdata(cl), c3, r->art_order, &t3))
            kind = 1;
    }
    if (kind) {
        size_t len0 = r->tmp.len;
        ok = byl_rd_byline_ex((const char *)by.data, by.len, 1, r->art_order, &r->tmp, 0, NULL,
                              NULL) > 0 ? kind : 0;
        if (!ok)
            r->tmp.len = len0;
    }
    byl_buf_reset(&by);
    return ok;
}

/* Whether a word of the name nm[0, n) is written in lower case as a
 * whole word somewhere in s[0, sn) ("Key Figures" over a story of "the
 * figures"): a word the article writes in lower case is a common word, and
 * the line is a sub-heading, not a writer.  Words of three letters or
 * more in ASCII; particles (bin, van) are lower case in names too. */
static int lower_elsewhere(const char *nm, size_t n, const char *s, size_t sn)
{
    size_t i = 0;
    while (i < n) {
        while (i < n && nm[i] == ' ')
            i++;
        size_t j = i;
        int ascii = 1;
        while (j < n && nm[j] != ' ') {
            unsigned char c = (unsigned char)nm[j];
            ascii &= (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
            j++;
        }
        size_t wl = j - i;
        char w[32];
        if (ascii && wl >= 3 && wl < sizeof w && nm[i] >= 'A' && nm[i] <= 'Z') {
            for (size_t k = 0; k < wl; k++)
                w[k] = (char)(nm[i + k] | 0x20);
            for (const char *q = s; (q = memmem(q, (size_t)(s + sn - q), w, wl)) != NULL; q++) {
                int before = q == s || !((q[-1] | 0x20) >= 'a' && (q[-1] | 0x20) <= 'z');
                int after = q + wl == s + sn ||
                            !((q[wl] | 0x20) >= 'a' && (q[wl] | 0x20) <= 'z');
                if (before && after)
                    return 1;
                if ((size_t)(s + sn - q) <= wl)
                    break;
            }
        }
        i = j;
    }
    return 0;
}

/* Whether line l is a writer's name alone ("S. Karthikeyan", "Jane Roe
 * and John Doe") standing under a date line and over the story's first
 * paragraph (the line after it, p on): the byline of a site that prints
 * no "By".  Appends the names to r->tmp; 1 if so.  A Title Case dek or a
 * sub-heading under the date has a line of its own under it, not a
 * paragraph, or is no name ("Key points:"), or has a word the article
 * writes in lower case (s0 to e: the whole file).  *cl is clobbered. */
static int name_under_date(byl_reader *r, byl_buf *cl, const line_t *l, const char *p,
                           const char *e, const char *s0)
{
    size_t cn = clean(cl, l, 1);
    const char *s = cdata(cl);
    if (!cn || cn > 80 || !((s[0] >= 'A' && s[0] <= 'Z') || (unsigned char)s[0] >= 0xC0) ||
        s[cn - 1] == ':' || s[cn - 1] == '.' || s[cn - 1] == '?' || s[cn - 1] == '!' ||
        (cn > 4 && !memcmp(s, "The ", 4)) || (cn > 2 && !memcmp(s, "A ", 2)) ||
        byl_rd_label_line(s, cn, 0))
        return 0;
    for (size_t i = 0; i < cn; i++)
        if (s[i] >= '0' && s[i] <= '9')
            return 0;
    line_t l2;
    size_t c2 = 0;
    /* a page's furniture may stand between the byline block and the
     * story ("Listen to this article · 4 min", "Share"): two labels, or
     * the writer's address ("j.roe@harbourpost.example") */
    for (int k = 0; k < 3; k++) {
        c2 = 0;
        while (next_line(&p, e, &l2))
            if ((c2 = clean(cl, &l2, 1)) != 0)
                break;
        if (k == 2 || !c2 ||
            !(byl_rd_label_line(cdata(cl), c2, 0) || contact_line(cdata(cl), c2)))
            break;
    }
    if (!c2 || (c2 <= META_MAX && line_words(cdata(cl), c2) < 12))
        return 0; /* no paragraph under it */
    cn = clean(cl, l, 1);
    byl_buf all; /* the article as read: zero-width characters gone */
    byl_buf_init(&all);
    byl_rd_clean(s0, (size_t)(e - s0), 0, &all);
    int common = all.failed || lower_elsewhere(cdata(cl), cn, cdata(&all), all.len);
    byl_buf_reset(&all);
    if (common)
        return 0;
    byl_buf by;
    byl_buf_init(&by);
    byl_buf_put(&by, "By ", 3);
    byl_buf_put(&by, cdata(cl), cn);
    size_t len0 = r->tmp.len;
    int ok = !by.failed && byl_rd_byline_ex((const char *)by.data, by.len, 1, r->art_order,
                                            &r->tmp, 0, NULL, NULL) > 0;
    if (!ok)
        r->tmp.len = len0;
    byl_buf_reset(&by);
    return ok;
}

/* A date without its year after a dateline's place: "Dec 4 (AFP) -",
 * "Nov. 26 /PRNewswire/": a month's name, a day, then no year.  Its month
 * and day in *mo, *d; 0 if none. */
static int yearless(const char *d, size_t m, int *mo, int *dd)
{
    size_t i = 0;
    while (i < m && i < 10 && ((d[i] >= 'A' && d[i] <= 'Z') || (d[i] >= 'a' && d[i] <= 'z')))
        i++;
    if (i < 3)
        return 0;
    size_t j = i;
    if (j < m && d[j] == '.')
        j++;
    if (j >= m || d[j] != ' ')
        return 0;
    while (j < m && d[j] == ' ')
        j++;
    size_t k = j;
    while (k < m && k - j < 3 && d[k] >= '0' && d[k] <= '9')
        k++;
    if (k == j || k - j > 2 || (k < m && ((d[k] >= '0' && d[k] <= '9') || d[k] == ',')))
        return 0; /* "Dec 4, 2026" has its year: not this */
    char buf[32];
    size_t bn = k;
    if (bn + 7 > sizeof buf)
        return 0;
    memcpy(buf, d, bn);
    memcpy(buf + bn, ", 2000", 6); /* a leap year: 29 February reads */
    int64_t t;
    if (byl_date_parse_order(buf, bn + 6, BYL_DATE_MDY, &t) != 0)
        return 0;
    int64_t y;
    byl_civil_from_days(t / 86400, &y, mo, dd);
    return 1;
}

/* A release's dateline with its place in Title Case: "Copenhagen, 2
 * December 2026 – Nordhavn Biotek today announced ...".  One to three
 * capitalised words, a comma, a whole date with its year, then a dash
 * (– — or a spaced hyphen) before the text: the dash says the date is
 * the dateline's, not the first words of a sentence ("Paris, 2 December
 * 2026 was cold" has none).  BYL_NO_DATE otherwise. */
/* Where the names start in a checker's credit s[0, n) ("Checked by:
 * Mariela Quispe", "Fact-checked by Jane Roe"), past its lead-in and a
 * colon; 0 if s is none. */
static size_t checker_credit(const char *s, size_t n)
{
    size_t nl;
    const char *const *lead = byl_phrase_list(BYL_PL_CHECKER, &nl);
    for (size_t i = 0; i < nl; i++) {
        size_t k = strlen(lead[i]);
        if (n <= k + 1 || strncasecmp(s, lead[i], k) != 0 || (s[k] != ' ' && s[k] != ':'))
            continue;
        while (k < n && (s[k] == ' ' || s[k] == ':'))
            k++;
        return k < n ? k : 0;
    }
    return 0;
}

/* Whether w[0, n) is a craft of who made the page, not the story
 * (BYL_PL_CREW: "photo", "video", "editing"), or a participle ("Medically
 * reviewed", "Sponsored"): a credit for something else than the words. */
static int crew_word(const char *w, size_t n)
{
    size_t nl;
    const char *const *crew = byl_phrase_list(BYL_PL_CREW, &nl);
    for (size_t i = 0; i < nl; i++)
        if (strlen(crew[i]) == n && strncasecmp(w, crew[i], n) == 0)
            return 1;
    return n > 3 && w[n - 2] == 'e' && w[n - 1] == 'd';
}

/* Where the names start in a piece's credit s[0, n) that names the
 * piece's kind in the site's own two words ("Live blog by NAME", "Photo
 * essay by NAME", "Explainer piece by"): the first capitalised, the
 * second in lower case, letters and hyphens only, neither a craft of
 * the page's makers (crew_word), then "by " and a capital; 0 if none.
 * Sites name their pieces' kinds freely; the kind is no part of the
 * name, the line next to the date line is the byline. */
static size_t kind_by(const char *s, size_t n)
{
    size_t i = 0;
    for (int w = 0; w < 2; w++) {
        size_t b = i;
        while (i < n && (isalpha((unsigned char)s[i]) || s[i] == '-'))
            i++;
        if (i - b < 3 || i >= n || s[i] != ' ')
            return 0;
        if (w == 0 ? !isupper((unsigned char)s[b]) : !islower((unsigned char)s[b]))
            return 0;
        if (crew_word(s + b, i - b))
            return 0;
        i++;
    }
    if (n < i + 4 || strncmp(s + i, "by ", 3) != 0 || !isupper((unsigned char)s[i + 3]))
        return 0;
    return i + 3;
}

/* Whether s[0, n) is one to three words of a place's name, each opening
 * with a capital ("Nampula", "Ponta Delgada", "Saint-Louis"): letters,
 * hyphens and apostrophes only. */
static int place_words(const char *s, size_t n)
{
    int w = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == ' ')
            continue;
        if ((i == 0 || s[i - 1] == ' ') && !((c >= 'A' && c <= 'Z') || c >= 0xC3))
            return 0; /* a word in lower case */
        if (i == 0 || s[i - 1] == ' ')
            w++;
        if (c < 0x80 && !((c | 0x20) >= 'a' && (c | 0x20) <= 'z') && c != '-' && c != '\'')
            return 0;
    }
    return w >= 1 && w <= 3;
}

/* Whether s[0, n) opens with a list's mark and a blank ("• ", "▪ ",
 * "- ", "* "). */
static int list_item(const char *s, size_t n)
{
    static const char *const marks[] = {"\xE2\x80\xA2", "\xE2\x96\xAA", "\xE2\x80\xA3",
                                        "\xE2\x97\xA6", "-", "*"};
    for (size_t i = 0; i < sizeof marks / sizeof marks[0]; i++) {
        size_t k = strlen(marks[i]);
        if (n > k && !memcmp(s, marks[i], k) && s[k] == ' ')
            return 1;
    }
    return 0;
}

/* The length of a place's part and its comma at the front of s[0, m)
 * ("Mahé, ", "Central Province, "): one to three words, each opening
 * with a capital, letters only; 0 if none. */
static size_t region_part(const char *s, size_t m)
{
    size_t i = 0;
    int words = 0;
    while (i < m && i < 40 && s[i] != ',') {
        unsigned char c = (unsigned char)s[i];
        if (c == ' ') {
            i++;
            continue;
        }
        if (!((c >= 'A' && c <= 'Z') || c >= 0xC0) || ++words > 3)
            return 0;
        while (i < m && s[i] != ' ' && s[i] != ',') {
            c = (unsigned char)s[i];
            if (!((c | 0x20) >= 'a' && (c | 0x20) <= 'z') && c < 0x80 && c != '-' && c != '\'')
                return 0;
            i++;
        }
    }
    return words && i < m && s[i] == ',' ? i + 1 : 0;
}

static int64_t release_dateline(const char *s, size_t n)
{
    size_t i = 0;
    int words = 0;
    while (i < n && i < 40 && s[i] != ',') {
        unsigned char c = (unsigned char)s[i];
        if (c == ' ') {
            i++;
            continue;
        }
        if (!((c >= 'A' && c <= 'Z') || c >= 0xC0) || ++words > 3)
            return BYL_NO_DATE; /* each word opens with a capital */
        while (i < n && s[i] != ' ' && s[i] != ',') {
            c = (unsigned char)s[i];
            if (!((c | 0x20) >= 'a' && (c | 0x20) <= 'z') && c < 0x80 && c != '.' && c != '-' &&
                c != '\'')
                return BYL_NO_DATE;
            i++;
        }
    }
    if (!words || i >= n || s[i] != ',')
        return BYL_NO_DATE;
    const char *d = s + i + 1;
    size_t m = n - i - 1 < 48 ? n - i - 1 : 48;
    while (m && *d == ' ')
        d++, m--;
    /* "Victoria, Mahé, 2 December 2026 –": the town and its island,
     * region or country, a second part of one to three capitalised words
     * before the date */
    size_t rg = region_part(d, m);
    if (rg) {
        d += rg, m -= rg;
        while (m && *d == ' ')
            d++, m--;
    }
    if (!m || (!(*d >= '0' && *d <= '9') && !(*d >= 'A' && *d <= 'Z')))
        return BYL_NO_DATE;
    for (size_t k = m; k > 6; k--) {
        int64_t t;
        if (!(d[k - 1] >= '0' && d[k - 1] <= '9') || byl_date_parse_lenient(d, k, &t) != 0)
            continue; /* the date ends with its year (or its time) */
        size_t j = k;
        while (j < m && d[j] == ' ')
            j++;
        if (j == k || j >= m)
            return BYL_NO_DATE;
        if (j + 3 <= m && (!memcmp(d + j, "\xE2\x80\x93", 3) || !memcmp(d + j, "\xE2\x80\x94", 3)))
            return t;
        if (j + 1 < m && d[j] == '-' && d[j + 1] == ' ')
            return t;
        return BYL_NO_DATE;
    }
    return BYL_NO_DATE;
}

/* The date of a dateline that opens the body: "SAN FRANCISCO, Nov. 26,
 * 2025 /PRNewswire/ --", "BERGEN, Norway, Dec. 2, 2026 /PRNewswire/ --",
 * "PARIS, 26 novembre 2025 -": a place in capitals, a comma, perhaps its
 * region or country and a comma, then a date with its year.  Without a
 * year ("NAIROBI, Dec 4 (AFP) -") *mo and *dd get its month and day for
 * the caller to find the year (they stay 0 otherwise). */
static int64_t dateline_date(const char *s, size_t n, int *mo, int *dd)
{
    int64_t tc = release_dateline(s, n);
    if (tc != BYL_NO_DATE)
        return tc;
    size_t i = 0;
    while (i < n && i < 40 && s[i] != ',' &&
           ((s[i] >= 'A' && s[i] <= 'Z') || s[i] == ' ' || s[i] == '.' || s[i] == '-' ||
            s[i] == '/' || (unsigned char)s[i] >= 0x80))
        i++;
    if (i < 2 || i >= n || s[i] != ',' || !(s[0] >= 'A' && s[0] <= 'Z'))
        return BYL_NO_DATE;
    size_t m = n - i - 1 < 40 ? n - i - 1 : 40;
    const char *d = s + i + 1;
    while (m && *d == ' ')
        d++, m--;
    /* "Norway, ", "Calif., ": a capitalised region before the date */
    if (m && *d >= 'A' && *d <= 'Z' && !yearless(d, m, mo, dd)) {
        size_t k = 0;
        while (k < m && k < 30 && d[k] != ',' && d[k] != '(' && !(d[k] >= '0' && d[k] <= '9'))
            k++;
        int64_t t0;
        /* "GDYNIA, Poland – 3 December 2026 –": a dash after the region */
        size_t j = k;
        while (j && d[j - 1] == ' ')
            j--;
        int dash = k < m && d[k] >= '0' && d[k] <= '9' && j < k &&
                   ((j >= 1 && d[j - 1] == '-') ||
                    (j >= 3 && (!memcmp(d + j - 3, "\xE2\x80\x93", 3) ||
                                !memcmp(d + j - 3, "\xE2\x80\x94", 3))));
        if (k < m && (d[k] == ',' || dash) && byl_date_parse_lenient(d, m, &t0) != 0) {
            size_t rest = n - (size_t)(d + k + (dash ? 0 : 1) - s);
            d += k + (dash ? 0 : 1);
            m = rest < 40 ? rest : 40;
            while (m && *d == ' ')
                d++, m--;
        }
    }
    if (m >= 4 && d[0] >= '0' && d[0] <= '9' && d[1] >= '0' && d[1] <= '9' && d[2] >= '0' &&
        d[2] <= '9' && d[3] >= '0' && d[3] <= '9' && (m == 4 || (d[4] != '-' && d[4] != '/')))
        return BYL_NO_DATE; /* "SEOUL, 2025 will be": a year alone is no dateline's date */
    int64_t t;
    /* the longest prefix that is a date, read leniently (text follows) */
    for (size_t k = m; k > 6; k--)
        if (byl_date_parse_lenient(d, k, &t) == 0)
            return t;
    if (!yearless(d, m, mo, dd))
        *mo = *dd = 0;
    return BYL_NO_DATE;
}

/* The year of a dateline's date written without one (month mo, day d):
 * the one nearest the latest date written whole in the article (*v), else
 * in the run's other files (r->date_near), else the file's time (it was
 * saved after it was published).  BYL_NO_DATE when nothing says. */
static int64_t dateline_year(byl_reader *r, const byl_date_votes *v, int mo, int d)
{
    uint32_t ref = v->latest ? v->latest : r->date_near;
    struct stat st;
    if (!ref && r->file && stat(r->file, &st) == 0 && S_ISREG(st.st_mode) && st.st_mtime > 0) {
        int64_t y;
        int m2, d2;
        byl_civil_from_days((int64_t)st.st_mtime / 86400, &y, &m2, &d2);
        if (y >= 1900 && y <= 2199)
            ref = (uint32_t)(y * 10000 + m2 * 100 + d2);
    }
    int y = byl_date_near(ref, mo, d);
    return y ? byl_days_from_civil(y, mo, d) * 86400 : BYL_NO_DATE;
}

/* Whether the cleaned line s[0, n) could be a section kicker written in
 * Title Case ("Premier League", "Climate Crisis", "Championship"): one to
 * four words, each capitalised, no digit, no sentence punctuation: the
 * number of words, else 0. */
static int kicker_like(const char *s, size_t n)
{
    if (!n || n > 40)
        return 0;
    int w = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if ((c >= '0' && c <= '9') || c == '.' || c == ':' || c == '?' || c == '!' || c == ',' ||
            c == '"' || c == ';')
            return 0;
        if (i == 0 || s[i - 1] == ' ') {
            if (c == ' ')
                continue;
            w++;
            if (!(c >= 'A' && c <= 'Z') && (unsigned char)c < 0xC0 && c != '&')
                return 0;
        }
    }
    /* one word too ("Championship", "Technology"): the label list knows
     * the common sections, not every site's; the caller asks for a
     * headline and a byline or date line after it */
    return w >= 1 && w <= 4 ? w : 0;
}

/* Whether the cleaned line s[0, n) could name a column or a section
 * over a headline ("Ask the Law", "Money matters", "The Long Read"):
 * capitalised; letters, blanks, '&', '-' and '\'' only (no digit, no
 * sentence's punctuation). */
static int name_kicker(const char *s, size_t n)
{
    if (!n || !((s[0] >= 'A' && s[0] <= 'Z') || (unsigned char)s[0] >= 0xC0))
        return 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c >= 0x80 || c == ' ' ||
              c == '&' || c == '-' || c == '\''))
            return 0;
    }
    return 1;
}

/* Whether the cleaned line s[0, n) could be a section named in sentence
 * case ("UK news", "World news", "Opinion"): one to three words, the
 * first capitalised, the others in lower case or capitals, no digit or
 * punctuation, at most 24 bytes: the number of words, else 0. */
static int section_like(const char *s, size_t n)
{
    if (!n || n > 24 || !(s[0] >= 'A' && s[0] <= 'Z'))
        return 0;
    int w = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == ' ')
            continue;
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '-' || c == '&'))
            return 0;
        w += i == 0 || s[i - 1] == ' ';
    }
    return w <= 3 ? w : 0;
}

/* The number of words of the cleaned line s[0, n). */
static int line_words(const char *s, size_t n)
{
    int w = 0;
    for (size_t i = 0; i < n; i++)
        w += s[i] != ' ' && (i == 0 || s[i - 1] == ' ');
    return w;
}

/* Whether line l is a byline or a date line (what follows a headline),
 * without keeping what it says.  *cl is clobbered. */
static int meta_line(byl_reader *r, byl_buf *cl, const line_t *l, const char *p, const char *e)
{
    size_t cn = clean(cl, l, 1);
    if (!cn || cn > META_MAX)
        return 0;
    int64_t t;
    size_t len0 = r->tmp.len;
    int yes = byl_rd_byline_ex(cdata(cl), cn, 1, r->art_order, &r->tmp, 0, NULL, NULL) >= 0 ||
              byl_rd_date_line(cdata(cl), cn, r->art_order, &t) ||
              byl_rd_date_by_line(cdata(cl), cn, r->art_order, &r->tmp, 0, &t) >= 0 ||
              name_over_affiliation(r, cl, l, p, e, &t);
    r->tmp.len = len0;
    return yes;
}

/* Whether [p, e) holds a paragraph (a line of eight words or more): a
 * byline at the end closes a story; under a list of short lines it is
 * one more line of the list. */
static int story_before(const char *p, const char *e)
{
    line_t l;
    while (p < e && next_line(&p, e, &l)) {
        int w = 0;
        for (const char *q = l.p; q < l.e && w < 8; q++)
            w += *q != ' ' && (q == l.p || q[-1] == ' ');
        if (w >= 8)
            return 1;
    }
    return 0;
}

/* Words (1 to 4) of s[0, n) when it is a short line all in capitals,
 * letters, blanks and '&' only ("NEWS IN ENGLISH", "WORLD"); else 0. */
static int caps_label(const char *s, size_t n)
{
    if (!n || n > 40)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= 'A' && s[i] <= 'Z') || s[i] == ' ' || s[i] == '&'))
            return 0;
    int w = line_words(s, n);
    return w <= 4 ? w : 0;
}

/* Whether s[0, n) has letters in both cases (a headline, not a label). */
static int mixed_case(const char *s, size_t n)
{
    int up = 0, lo = 0;
    for (size_t i = 0; i < n; i++) {
        up |= s[i] >= 'A' && s[i] <= 'Z';
        lo |= s[i] >= 'a' && s[i] <= 'z';
    }
    return up && lo;
}

/* Whether every word of s[0, n) of four letters or more is capitalised
 * (Title Case: "Hiring Away Big Tech's AI Engineers"). */
static int title_case(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        size_t j = i;
        while (j < n && s[j] != ' ')
            j++;
        if (j - i >= 4 && s[i] >= 'a' && s[i] <= 'z')
            return 0;
        i = j + 1;
    }
    return 1;
}

/* Whether l2, the line just under the headline l (no blank between),
 * goes on with it: l ends without a stop, l2 is no byline or date line,
 * not a sentence ending in a stop, and in the same case: it opens in
 * lower case, or both are in Title Case.  *cl is clobbered. */
static int wrapped(byl_reader *r, byl_buf *cl, const line_t *l, const line_t *l2, const char *p2,
                   const char *e)
{
    size_t cn = clean(cl, l, 1);
    if (!cn || cn > 120 || line_words(cdata(cl), cn) < 3)
        return 0;
    char last = cdata(cl)[cn - 1];
    if (last == '.' || last == '!' || last == '?' || last == ':' || last == ';' || last == ',')
        return 0;
    int tc = title_case(cdata(cl), cn);
    if (caps_label(cdata(cl), cn) || !mixed_case(cdata(cl), cn))
        return 0;
    size_t c2 = clean(cl, l2, 1);
    if (!c2 || c2 > 120 || cn + c2 > 200 || line_words(cdata(cl), c2) > 12)
        return 0;
    const char *t = cdata(cl);
    if (t[c2 - 1] == '.')
        return 0;
    int lower_start = t[0] >= 'a' && t[0] <= 'z';
    if (!lower_start && !(tc && t[0] >= 'A' && t[0] <= 'Z' && title_case(t, c2)))
        return 0;
    return !meta_line(r, cl, l2, p2, e);
}

/* Whether the line after p, or the one after that (a dek between), is a
 * byline or a date line.  *cl is clobbered. */
static int followed_by_meta(byl_reader *r, byl_buf *cl, const char *p, const char *e)
{
    line_t l;
    for (int i = 0; i < 2; i++) {
        int got = 0;
        while ((got = next_line(&p, e, &l)) != 0 && !visible(cl, &l))
            ;
        if (!got || l.e - l.p > 3 * META_MAX) /* none, or a paragraph */
            return 0;
        if (meta_line(r, cl, &l, p, e))
            return 1;
    }
    return 0;
}

/* Bytes of a sign-off's dash and the blank after it opening s[0, n)
 * ("— ", "– ", "-- ", "- "), or 0. */
static size_t sign_dash(const char *s, size_t n)
{
    size_t k = 0;
    if (n > 3 && (unsigned char)s[0] == 0xE2 && (unsigned char)s[1] == 0x80 &&
        ((unsigned char)s[2] == 0x93 || (unsigned char)s[2] == 0x94))
        k = 3;
    else if (n > 2 && s[0] == '-')
        k = s[1] == '-' ? 2 : 1;
    return k && k < n && s[k] == ' ' ? k + 1 : 0;
}

/* Whether the next non-blank line after p is a date line.  *cl is
 * clobbered. */
static int followed_by_date(byl_reader *r, byl_buf *cl, const char *p, const char *e)
{
    line_t l;
    int got;
    while ((got = next_line(&p, e, &l)) != 0 && !visible(cl, &l))
        ;
    if (!got || l.e - l.p > 3 * META_MAX)
        return 0;
    size_t cn = clean(cl, &l, 1);
    int64_t t;
    return cn && cn <= META_MAX && byl_rd_date_line(cdata(cl), cn, r->art_order, &t);
}

/* Reads the piece's credit *l (kind_by) as "By NAMES": the writers to
 * r->tmp, a date in it to *date when none was read; whether it named
 * any.  *cl is clobbered. */
static int kind_byline(byl_reader *r, byl_buf *cl, const line_t *l, int64_t *date)
{
    size_t cn = clean(cl, l, 1), k = kind_by(cdata(cl), cn);
    byl_buf by;
    byl_buf_init(&by);
    byl_buf_put(&by, "By ", 3);
    byl_buf_put(&by, cdata(cl) + k, cn - k);
    size_t len0 = r->tmp.len;
    int64_t bt = BYL_NO_DATE;
    int ok = !by.failed && byl_rd_byline_ex((const char *)by.data, by.len, 1, r->art_order,
                                            &r->tmp, 0, NULL, &bt) > 0;
    if (!ok)
        r->tmp.len = len0;
    else if (*date == BYL_NO_DATE)
        *date = bt;
    byl_buf_reset(&by);
    return ok;
}

/* Whether a name of the list names[0, nn) (joined by "; ", as the
 * byline parsers write them) is written in s[0, n). */
static int names_any(const char *names, size_t nn, const char *s, size_t n)
{
    for (size_t b = 0; b < nn;) {
        size_t e = b;
        while (e < nn && !(names[e] == ';' && e + 1 < nn && names[e + 1] == ' '))
            e++;
        if (e > b && memmem(s, n, names + b, e - b))
            return 1;
        b = e + 2;
    }
    return 0;
}

/* Whether the cleaned line s[0, n) is page chrome that can stand over a
 * headline: a name of four words or fewer (a masthead, a newsletter's
 * name, "Share on X"), a promo in capitals ("WATCH LIVE: ..."), or an
 * editor's note or correction: 2 for a note or a promo (never a
 * headline, even over a line and a byline), 1 for a short name (a
 * headline when a byline follows it), else 0. */
static int chrome_like(const char *s, size_t n)
{
    static const char *const note[] = {"editor's note", "editor\xE2\x80\x99s note", "editors' note",
                                       "editors note", "correction", "clarification",
                                       "an earlier version"};
    for (size_t i = 0; i < sizeof note / sizeof note[0]; i++) {
        size_t l = strlen(note[i]);
        if (n > l && strncasecmp(s, note[i], l) == 0 && (s[l] == ':' || s[l] == ' '))
            return 2;
    }
    if (n <= META_MAX && line_words(s, n) <= 4 && s[n - 1] != '.' && s[n - 1] != '?' &&
        s[n - 1] != '!')
        return 1;
    /* "WATCH LIVE: KRVL 6 News at 10", "LISTEN: ...": capitals, a colon */
    const char *c = memchr(s, ':', n < 24 ? n : 24);
    if (!c || c == s)
        return 0;
    for (const char *q = s; q < c; q++)
        if (!((*q >= 'A' && *q <= 'Z') || *q == ' '))
            return 0;
    return 2;
}

/* The length of the name of two to five words at the start of the
 * cleaned s[0, n) ("Jane Roe", "Iain Mac Gille Eathain", "Siôn ap
 * Dafydd"): each word capitalised or a particle, letters, hyphens,
 * apostrophes and initials' full stops only; 0 if none.  The name ends
 * at the end of s or at a blank followed by a word in lower case. */
static size_t lead_name(const char *s, size_t n)
{
    static const char *const part[] = {"mac", "mc", "nic", "ap", "ab", "de", "da", "del", "van",
                                       "von", "der", "den", "bin", "al", "el", "le", "la", "du"};
    size_t i = 0, end = 0;
    int w = 0, full = 0;
    while (i < n && w < 6) {
        size_t j = i;
        while (j < n && s[j] != ' ')
            j++;
        unsigned char c = (unsigned char)s[i];
        int32_t cp = c;
        if (c >= 0x80)
            byl_utf8_decode((const uint8_t *)s + i, j - i, &cp);
        /* beyond ASCII by the letter's own case ("Ġorġ", "Łucja") */
        int upper = (c >= 'A' && c <= 'Z') ||
                    (c >= 0x80 && utf8proc_category(cp) == UTF8PROC_CATEGORY_LU);
        int particle = 0;
        for (size_t k = 0; k < sizeof part / sizeof part[0] && !particle; k++)
            particle = j - i == strlen(part[k]) && strncasecmp(s + i, part[k], j - i) == 0;
        if (!upper && !particle)
            break; /* a word in lower case: the name ended before it */
        for (size_t k = i; k < j; k++) {
            unsigned char b = (unsigned char)s[k];
            if ((b >= '0' && b <= '9') || b == ',' || b == ':' || b == ';' || b == '(' ||
                b == ')' || b == '"' || b == '!' || b == '?' || b == '|' || b == '/')
                return 0;
        }
        w++;
        full += !particle;
        end = j;
        i = j + 1;
    }
    return w >= 2 && w <= 5 && full >= 2 ? end : 0; /* "Mac Ap" is no name */
}

/* Whether the cleaned line s[0, n) is "News provided by" (a wire's
 * release: the company's name follows on the next line). */
static int provided_by(const char *s, size_t n)
{
    while (n && (s[n - 1] == ':' || s[n - 1] == ' '))
        n--;
    return (n == 16 && strncasecmp(s, "news provided by", 16) == 0) ||
           (n == 11 && strncasecmp(s, "provided by", 11) == 0);
}

/* Whether the cleaned line s[0, n) says the page is a release ("PRESS
 * RELEASE", "Media release:", "For immediate release"). */
static int release_label(const char *s, size_t n)
{
    static const char *const rel[] = {"press release", "media release", "news release",
                                      "for immediate release", "press statement",
                                      "media statement"};
    while (n && (s[n - 1] == ':' || s[n - 1] == ' '))
        n--;
    for (size_t i = 0; i < sizeof rel / sizeof rel[0]; i++) {
        size_t l = strlen(rel[i]);
        if (n == l && strncasecmp(s, rel[i], l) == 0)
            return 1;
    }
    return 0;
}

/* A release's letterhead: the short lines over its "PRESS RELEASE" label
 * among the first PRE_LINES non-blank lines ("Central Electricity Trading
 * Commission" over "Press Information Office"), each of at most eight
 * words with no full stop at the end, neither a byline nor a date line:
 * the issuer, not the headline.  Returns how many lines (0 if none) and
 * the first, cleaned, in src (the source, when it fits). */
static int letterhead(byl_reader *r, byl_buf *cl, const char *p, const char *e, line_t *lines,
                      char *src, size_t cap)
{
    int nl = 0, found = 0;
    line_t l;
    /* the label first (cheap, and nearly every article has none) */
    while (nl < PRE_LINES && next_line(&p, e, &l)) {
        if (!visible(cl, &l))
            continue;
        size_t rn = (size_t)(l.e - l.p);
        int plain = 1; /* ASCII: no blank or zero-width character to clean */
        for (const char *q = l.p; plain && q < l.e; q++)
            plain = (unsigned char)*q < 0x80;
        if (rn <= 160 && (!plain || memmem(l.p, rn, "elease", 6) || memmem(l.p, rn, "ELEASE", 6) ||
                          memmem(l.p, rn, "tatement", 8) || memmem(l.p, rn, "TATEMENT", 8))) {
            size_t cn = clean(cl, &l, 1);
            if (release_label(cdata(cl), cn)) {
                found = 1;
                break;
            }
        }
        lines[nl++] = l;
    }
    if (!found || !nl)
        return 0;
    for (int i = 0; i < nl; i++) {
        size_t cn = clean(cl, &lines[i], 1);
        int64_t t;
        if (!cn || cn > 80 || line_words(cdata(cl), cn) > 8 || cdata(cl)[cn - 1] == '.' ||
            byl_rd_date_line(cdata(cl), cn, r->art_order, &t))
            return 0;
        if (i == 0) {
            if (cn < cap) {
                memcpy(src, cdata(cl), cn);
                src[cn] = '\0';
            } else {
                src[0] = '\0';
            }
        }
    }
    return nl;
}

/* Whether the name nm[0, n) (cleaned) appears in s[0, upto), read with
 * its blanks and zero-width characters cleaned as the name was. */
static int named_before(const char *nm, size_t n, const char *s, size_t upto)
{
    byl_buf b;
    byl_buf_init(&b);
    byl_rd_clean(s, upto, 0, &b);
    int found = b.failed || (b.len && memmem(b.data, b.len, nm, n) != NULL);
    byl_buf_reset(&b);
    return found;
}

#define NOTE_TAGS 8 /* short lines (tags, "Comments (44)") under an author's note */

/* Whether the cleaned line s[0, n) is an item of a list of links under a
 * story ("• Qrendi band club opens new museum", "– Court upholds the
 * ruling", "› Port opens": a bullet or dash, then a headline's words), or
 * a labelled row of buttons or tags ("Share: Facebook Twitter Email"). */
static int listed_link(const char *s, size_t n)
{
    static const char *const marks[] = {"\xE2\x80\xA2", "\xE2\x80\x93", "\xE2\x80\x94",
                                        "\xE2\x80\xBA", "- ", "* ", "\xC2\xBB"};
    if (n > 120)
        return 0;
    for (size_t i = 0; i < sizeof marks / sizeof marks[0]; i++) {
        size_t l = strlen(marks[i]);
        if (n > l + 1 && !memcmp(s, marks[i], l))
            return line_words(s + l, n - l) <= 14;
    }
    /* "Share: Facebook Twitter Email", "Tags: ferries, islands": a label
     * of one or two words and a colon, then buttons or tags */
    const char *c = memchr(s, ':', n < 16 ? n : 16);
    return c && c > s && line_words(s, (size_t)(c - s)) <= 2 && n <= 80 && s[n - 1] != '.';
}

/* An author's note as the last paragraph, under at most NOTE_TAGS short
 * lines: "Jane Roe is a senior fellow at ..." whose name appears nowhere
 * before it.  Puts the name in r->tmp; 1 if found.  The paragraph stays
 * in the body. */
static int author_note(byl_reader *r, byl_buf *cl, const char *from, const char *e,
                       const char *s)
{
    /* from the end back: short lines, then the note (a few lines read,
     * not the whole article) */
    line_t note = {NULL, NULL};
    int tags = 0;
    const char *q = e;
    while (q > from && tags <= NOTE_TAGS) {
        const char *le = q;
        while (q > from && q[-1] != '\n')
            q--;
        line_t l = {q, le};
        if (q > from)
            q--; /* the newline before it */
        if (l.e > l.p && l.e[-1] == '\r')
            l.e--;
        if (l.e - l.p > 3 * 40 + 8) { /* longer than any tag, cleaned or not */
            note = l;
            break;
        }
        size_t cn = clean(cl, &l, 1);
        if (!cn)
            continue;
        if ((cn > 40 || line_words(cdata(cl), cn) > 3) && !listed_link(cdata(cl), cn)) {
            note = l;
            break;
        }
        tags++;
    }
    if (!note.p)
        return 0;
    /* the name and its verb open the note: its head is enough */
    line_t head = {note.p, note.e - note.p > 160 ? note.p + 160 : note.e};
    size_t cn = clean(cl, &head, 1);
    const char *t = cdata(cl);
    size_t nm = lead_name(t, cn);
    static const char *const verbs[] = {" is a ", " is an ", " is the ", " is professor ",
                                        " is director ", " is chief ", " is our "};
    int bio = 0;
    for (size_t i = 0; nm && !bio && i < sizeof verbs / sizeof verbs[0]; i++) {
        size_t vl = strlen(verbs[i]);
        bio = cn > nm + vl && !memcmp(t + nm, verbs[i], vl);
    }
    /* a writer's note says what the writer does: "John Smith is a farmer
     * in Kent." closing a story is its subject */
    static const char *const roles[] = {"fellow", "professor", "lecturer", "author", "director",
                                        "editor", "columnist", "writer", "journalist",
                                        "correspondent", "researcher", "economist", "analyst",
                                        "adviser", "advisor", "scientist", "contributor",
                                        "reporter", "photographer", "producer"};
    /* a writer's box: the name alone on the line over the note
     * ("Jane Roe" over "Jane Roe is a former president of ..."): the
     * note needs no writer's role then, and the name may stand before */
    const char *bp = note.p;
    while (bp > from && (bp[-1] == '\n' || bp[-1] == '\r' || bp[-1] == ' '))
        bp--;
    const char *ap = bp;
    while (ap > from && ap[-1] != '\n')
        ap--;
    if (bio && nm < 128 && bp > ap && (size_t)(bp - ap) < 3 * 128) {
        char name[128];
        memcpy(name, t, nm);
        line_t above = {ap, bp};
        size_t an = clean(cl, &above, 1);
        if (an == nm && !memcmp(cdata(cl), name, nm) &&
            !named_before(name, nm, s, (size_t)(ap - s)))
            return byl_rd_byline_ex(name, nm, 0, r->art_order, &r->tmp, 0, NULL, NULL) > 0;
        cn = clean(cl, &head, 1); /* clobbered */
        t = cdata(cl);
    }
    const char *dot = bio ? memchr(t + nm, '.', cn - nm) : NULL;
    size_t sn = dot ? (size_t)(dot - t) : cn;
    int role = 0;
    for (size_t i = 0; bio && !role && i < sizeof roles / sizeof roles[0]; i++)
        role = memmem(t + nm, sn - nm, roles[i], strlen(roles[i])) != NULL;
    if (!bio || !role || named_before(t, nm, s, (size_t)(note.p - s)))
        return 0;
    return byl_rd_byline_ex(t, nm, 0, r->art_order, &r->tmp, 0, NULL, NULL) > 0;
}

/* Whether s[0, n), a file's first line, is the header a browser prints
 * over a page: the day and time of printing, then the page's title
 * ("12/6/26, 9:14 AM<TAB>Subte workers strike ... | Herald",
 * "06/12/2026, 09:14  Title").  Returns where the title starts, or 0.
 * The headline follows in the page, so the line is chrome; its date is
 * the printing's, not the article's. */
static size_t print_header(const char *s, size_t n)
{
    size_t i = 0;
    for (int part = 0; part < 3; part++) {
        size_t d0 = i;
        while (i < n && s[i] >= '0' && s[i] <= '9')
            i++;
        if (i == d0 || i - d0 > 4)
            return 0;
        if (part < 2 && (i >= n || s[i++] != '/'))
            return 0;
    }
    if (i + 1 >= n || s[i] != ',' || s[i + 1] != ' ')
        return 0;
    i += 2;
    size_t h0 = i;
    while (i < n && s[i] >= '0' && s[i] <= '9')
        i++;
    if (i == h0 || i - h0 > 2 || i + 3 > n || s[i] != ':')
        return 0;
    i += 3; /* ":14" */
    while (i < n && s[i] == ' ')
        i++;
    if (i + 1 < n && (s[i] == 'A' || s[i] == 'P' || s[i] == 'a' || s[i] == 'p') &&
        (s[i + 1] == 'M' || s[i + 1] == 'm'))
        i += 2;
    while (i < n && byl_rd_is_space((unsigned char)s[i]))
        i++;
    return line_words(s + i, n - i) >= 3 ? i : 0; /* a title follows */
}

/* The length of a mail header's name and colon opening s[0, n) ("From:",
 * "Subject: "), with the blanks after it; 0 if none.  *kind: 'f' From,
 * 'd' Date or Sent, 's' Subject, 'o' To, Cc, Reply-To. */
static size_t mail_field(const char *s, size_t n, int *kind)
{
    static const struct {
        const char *name;
        int kind;
    } f[] = {{"from:", 'f'}, {"date:", 'd'}, {"sent:", 'd'}, {"subject:", 's'},
             {"to:", 'o'},   {"cc:", 'o'},   {"reply-to:", 'o'}};
    for (size_t i = 0; i < sizeof f / sizeof f[0]; i++) {
        size_t l = strlen(f[i].name);
        if (n > l && strncasecmp(s, f[i].name, l) == 0) {
            while (l < n && s[l] == ' ')
                l++;
            *kind = f[i].kind;
            return l;
        }
    }
    return 0;
}

static size_t title_label(const char *s, size_t n);

#define AGAIN_LINES 40 /* non-blank lines under a headline searched for it again */

/* Whether want[0, tn) (cleaned) stands on a line of its own among the
 * next AGAIN_LINES non-blank lines after p; that line in *out.  *cl is
 * clobbered. */
static int line_again(byl_buf *cl, const char *want, size_t tn, const char *p, const char *e,
                      line_t *out)
{
    line_t l;
    for (int seen = 0; seen < AGAIN_LINES && next_line(&p, e, &l);) {
        size_t ln = (size_t)(l.e - l.p);
        if (!ln)
            continue;
        seen++;
        /* cleaning only shortens a line (blanks merged, zero-width
         * characters dropped), never to below half of it for a headline's
         * text: lines too short or far too long are not cleaned at all */
        if (ln < tn || ln > 2 * tn + 16)
            continue;
        size_t cn = clean(cl, &l, 1);
        if (cn == tn && !memcmp(cdata(cl), want, tn)) {
            *out = l;
            return 1;
        }
    }
    return 0;
}

/* Whether the headline t (a line of four words or more) stands again on a
 * line of its own among the next AGAIN_LINES non-blank lines after p;
 * that line in *out.  *cl is clobbered. */
static int title_again(byl_buf *cl, const line_t *t, const char *p, const char *e, line_t *out)
{
    size_t tn = clean(cl, t, 1);
    /* "Translated: Headline" over the quoted story's "Headline" */
    size_t lb = title_label(cdata(cl), tn);
    tn -= lb;
    if (tn < 20 || tn > TITLE_MAX || line_words(cdata(cl) + lb, tn) < 4)
        return 0;
    char want[TITLE_MAX];
    memcpy(want, cdata(cl) + lb, tn);
    return line_again(cl, want, tn, p, e, out);
}

/* An "About the author" box anywhere in the story: the heading ("ABOUT
 * THE AUTHOR", "About the writer:") over the writer's name alone or over
 * a note that opens with it ("Jane Roe is the paper's Milan
 * correspondent.").  Puts the name in r->tmp; 1 if found.  The box stays
 * in the body.  *cl is clobbered. */
static int about_author(byl_reader *r, byl_buf *cl, const char *p, const char *e)
{
    static const char *const heads[] = {"about the author", "about the writer",
                                        "about the reporter", "about the authors"};
    line_t l;
    while (next_line(&p, e, &l)) {
        size_t ln = (size_t)(l.e - l.p);
        if (ln < 16 || ln > 40 || ((*l.p | 0x20) != 'a'))
            continue; /* not worth cleaning */
        size_t cn = clean(cl, &l, 1);
        while (cn && (cdata(cl)[cn - 1] == ':' || cdata(cl)[cn - 1] == ' '))
            cn--;
        int head = 0;
        for (size_t i = 0; i < sizeof heads / sizeof heads[0] && !head; i++)
            head = cn == strlen(heads[i]) && strncasecmp(cdata(cl), heads[i], cn) == 0;
        if (!head)
            continue;
        line_t nx;
        size_t nn = 0;
        while (next_line(&p, e, &nx) && !(nn = clean(cl, &nx, 1)))
            ;
        const char *t = cdata(cl);
        size_t nm = lead_name(t, nn > 160 ? 160 : nn), after = nm;
        /* "Elias Roe (he/him) is ...": what the bracket says is no name */
        if (nm && nn > nm + 2 && t[nm] == ' ' && t[nm + 1] == '(') {
            const char *cb = memchr(t + nm, ')', nn - nm);
            if (cb && cb - (t + nm) <= 24)
                after = (size_t)(cb + 1 - t);
        }
        if (nm && (nm == nn || (nn > after + 4 && !memcmp(t + after, " is ", 4))))
            return byl_rd_byline_ex(t, nm, 0, r->art_order, &r->tmp, 0, NULL, NULL) > 0;
        return 0;
    }
    return 0;
}

/* 1 if the first of the names nm[0, n) ("A; B") stands in the text
 * [p, e) after a word in lower case ("told Berriak Euskadi that"): the
 * story speaks of it, as of a body or a third person. */
static int named_in_story(const char *nm, size_t n, const char *p, const char *e)
{
    const char *semi = memchr(nm, ';', n);
    if (semi)
        n = (size_t)(semi - nm);
    if (n < 4)
        return 0;
    /* the text as a reader sees it: blanks as spaces, no zero-width
     * characters (a copy may have any) */
    byl_buf t;
    byl_buf_init(&t);
    byl_rd_clean(p, (size_t)(e - p), 0, &t);
    int found = 0;
    const char *s = t.data ? (const char *)t.data : "", *se = s + t.len;
    for (const char *o = s; !found && (o = memmem(o, (size_t)(se - o), nm, n)) != NULL; o += n) {
        /* the whole name ("Ann Lee" is not in "Ann Leeds"), after a
         * word in lower case that is no writer's role or contact ("Contact
         * reporter Jane Roe at ...", "Harbour Post reporter Jane Roe":
         * the writer, not the story's subject) */
        if (o - s < 2 || o[-1] != ' ' || o[-2] < 'a' || o[-2] > 'z')
            continue;
        if (o + n < se && (isalnum((unsigned char)o[n]) || (unsigned char)o[n] >= 0x80))
            continue;
        const char *w = o - 1;
        while (w > s && w[-1] != ' ')
            w--;
        size_t wl = (size_t)(o - 1 - w);
        found = !(byl_word_roles_ci(w, wl) & BYL_W_BY_ROLE) &&
                !(wl == 7 && !memcmp(w, "contact", 7)) && !(wl == 2 && !memcmp(w, "by", 2));
    }
    byl_buf_reset(&t);
    return found;
}

/* 1 if line l opens with a quote mark ('>') or bold ("**", "__"), which
 * byl_rd_clean leaves out of a head line. */
static int quote_marked(const line_t *l)
{
    const char *p = l->p;
    while (p < l->e && (*p == ' ' || *p == '\t'))
        p++;
    return p < l->e && (*p == '>' || (l->e - p >= 2 && ((p[0] == '*' && p[1] == '*') ||
                                                        (p[0] == '_' && p[1] == '_'))));
}

#define JOIN_LINES 3 /* lines a byline may be set over */

/* A byline set over lines: a lead-in alone ("WRITTEN BY") over the names,
 * and lines that go on with a joiner ("& Chloe Teoh Xin Yi", "and John
 * Doe") under a name, with no blank line between.  Puts line l cleaned,
 * and the lines that go on from it (from q, before e) after a blank, into
 * *jb; the lines joined go to more[], and *end past the last.  Returns how
 * many were joined (0: l stands alone). */
static int byline_lines(byl_buf *cl, byl_buf *jb, const line_t *l, const char *q, const char *e,
                        line_t more[JOIN_LINES - 1], const char **end)
{
    size_t cn = clean(cl, l, 1);
    if (cn > META_MAX)
        return 0;
    jb->len = 0;
    byl_buf_put(jb, cdata(cl), cn);
    int alone = byl_rd_byline_lead_alone(cdata(cl), cn), k = 0;
    line_t l2;
    while (k < JOIN_LINES - 1 && next_line(&q, e, &l2)) {
        size_t c2 = clean(cl, &l2, 1);
        const char *t = cdata(cl);
        if (!c2 || c2 > META_MAX)
            break;
        int joiner = (c2 > 2 && t[0] == '&' && t[1] == ' ') ||
                     (c2 > 4 && (!memcmp(t, "and ", 4) || !memcmp(t, "And ", 4)));
        if (!(alone && k == 0) && !joiner)
            break;
        byl_buf_put(jb, " ", 1);
        byl_buf_put(jb, t, c2);
        more[k++] = l2;
        *end = q;
    }
    return alone && k < 1 ? 0 : k;
}

/* A sign-off over the writer's role, or under a letter's closing
 * ("Thanks for reading,"), closing a letter or a newsletter:
 * among the last TAIL_WIDE non-blank lines after p, a name alone right
 * over (no blank line between) a line of roles or desks
 * (byl_rd_affiliation_line) or a job at a body (byl_rd_job_line: "Eleni
 * Papathanasiou" over "Editor, Aegean Freight Brief").  A name the text
 * gives earlier (from s) is a person the story tells of, no writer.  Puts
 * the name into r->tmp; returns 1 if one was found. */
static int sign_off_over_role(byl_reader *r, byl_buf *cl, const char *p, const char *e,
                              const char *s)
{
    line_t wide[TAIL_WIDE], l;
    int nw = 0;
    for (const char *q = p; next_line(&q, e, &l);) {
        if (!visible(cl, &l))
            continue;
        if (nw == TAIL_WIDE)
            memmove(wide, wide + 1, sizeof wide[0] * (TAIL_WIDE - 1)), nw--;
        wide[nw++] = l;
    }
    for (int i = 0; i + 1 < nw; i++) {
        const line_t *a = &wide[i], *b = &wide[i + 1];
        const char *after = a->e < e && *a->e == '\r' ? a->e + 1 : a->e;
        if (a->e - a->p > 80 || b->p != after + 1)
            continue; /* a long line, or a blank line between */
        size_t cn = clean(cl, a, 1);
        if (!cn || lead_name(cdata(cl), cn) != cn)
            continue;
        size_t c2 = clean(cl, b, 1);
        if (!c2 || c2 > 120 ||
            !(byl_rd_affiliation_line(cdata(cl), c2) || byl_rd_job_line(cdata(cl), c2)))
            continue;
        cn = clean(cl, a, 1);
        if (named_before(cdata(cl), cn, s, (size_t)(a->p - s)))
            continue;
        size_t from = r->tmp.len;
        if (byl_rd_byline_ex(cdata(cl), cn, 0, r->art_order, &r->tmp, 0, NULL, NULL) > 0)
            return 1;
        r->tmp.len = from;
    }
    /* a writer's name on a line of its own under the story's last
     * paragraph, alone, with a role ("Nadia Berrada, Oujda correspondent",
     * "Tomás Ibarra, economics desk") or a place after a dash ("Ines
     * Vaz-Ferreira – Ponta Delgada"), and only a page's closing under it
     * (related links, share buttons: no paragraph): how a site without a
     * byline on top signs a story */
    for (int i = 1; i < nw; i++) {
        const line_t *v = &wide[i - 1], *a = &wide[i];
        if (a->e - a->p > 80)
            continue;
        size_t c0 = clean(cl, v, 1);
        if (c0 <= 60 || line_words(cdata(cl), c0) < 12)
            continue; /* not under a paragraph */
        int closing = 1;
        for (int j = i + 1; j < nw && closing; j++) {
            size_t cj = clean(cl, &wide[j], 1);
            closing = cj <= META_MAX && line_words(cdata(cl), cj) <= 16;
        }
        size_t cn = clean(cl, a, 1);
        const char *t = cdata(cl);
        const char *cm = cn ? memchr(t, ',', cn) : NULL;
        size_t nm = cm ? (size_t)(cm - t) : cn;
        if (!nm || lead_name(t, nm) != nm)
            nm = cm ? 0 : lead_name(t, cn);
        /* "Communications Division" over the bank's address: a desk's
         * name, no person's */
        size_t lw = nm;
        while (lw && t[lw - 1] != ' ')
            lw--;
        /* "About Skerry Salmon" over a release's boilerplate: a heading
         * that opens with a function word, no person's name */
        size_t fw = 0;
        while (fw < nm && t[fw] != ' ')
            fw++;
        if (!nm || byl_rd_affiliation_line(t, nm) || byl_rd_job_line(t, nm) ||
            (byl_word_roles_ci(t + lw, nm - lw) & BYL_W_ORG) ||
            (byl_word_roles_ci(t, fw) & BYL_W_STOP))
            continue;
        t = cdata(cl);
        const char *rest = t + nm;
        size_t rn = cn - nm;
        int ok = 0;
        if (rn == 0) {
            ok = closing; /* the name alone */
        } else if (rn > 2 && rest[0] == ',' && rest[1] == ' ') {
            ok = byl_rd_affiliation_line(rest + 2, rn - 2);
            /* "Ernesto Bila, in Quelimane": where the writer filed from,
             * one to three capitalised words after "in" */
            if (!ok && rn > 6 && !memcmp(rest + 2, "in ", 3)) {
                const char *pl = rest + 5;
                size_t pn = rn - 5;
                ok = closing && line_words(pl, pn) <= 3 && place_words(pl, pn);
            }
            /* "Sunil Chotkan, Nickerie": a single word after a name and
             * a comma is where the writer filed from, as in a byline on
             * top ("By Jane Roe, London"); two words may be a second
             * writer */
            if (!ok && place_words(rest + 2, rn - 2) && line_words(rest + 2, rn - 2) == 1)
                ok = closing;
        } else if (rn > 4 && rest[0] == ' ') {
            /* " – Ponta Delgada", " - Ponta Delgada": one to three
             * capitalised words of a place */
            size_t dl = rest[1] == '-' ? 1
                        : rn > 5 && (unsigned char)rest[1] == 0xE2 && (unsigned char)rest[2] == 0x80 &&
                                  ((unsigned char)rest[3] == 0x93 || (unsigned char)rest[3] == 0x94)
                            ? 3
                            : 0;
            if (dl && rn > dl + 2 && rest[dl + 1] == ' ') {
                const char *pl = rest + dl + 2;
                size_t pn = rn - dl - 2;
                ok = closing && line_words(pl, pn) <= 3 && lead_name(pl, pn) == pn;
                if (!ok && pn && pl[0] >= 'A' && pl[0] <= 'Z') { /* "Mestre" */
                    size_t k = 1;
                    while (k < pn && ((pl[k] >= 'a' && pl[k] <= 'z') || (unsigned char)pl[k] >= 0x80))
                        k++;
                    ok = closing && k == pn;
                }
            }
        }
        /* named before: a person the story tells of; named again under
         * it ("© 2026 Nordvik Compass"): the outlet's name, no writer's */
        if (!ok || named_before(t, nm, s, (size_t)(a->p - s)) ||
            named_before(t, nm, a->e, (size_t)(e - a->e)))
            continue;
        size_t from = r->tmp.len;
        if (byl_rd_byline_ex(t, nm, 0, r->art_order, &r->tmp, 0, NULL, NULL) > 0)
            return 1;
        r->tmp.len = from;
    }
    /* a letter's closing: a short line ending in a comma ("Thanks for
     * reading,", "Until next week,") right over a name alone */
    for (int i = 1; i < nw; i++) {
        const line_t *v = &wide[i - 1], *a = &wide[i];
        const char *after = v->e < e && *v->e == '\r' ? v->e + 1 : v->e;
        if (v->e - v->p > 60 || a->e - a->p > 80 || a->p != after + 1)
            continue;
        size_t c0 = clean(cl, v, 1);
        if (c0 < 3 || cdata(cl)[c0 - 1] != ',' || line_words(cdata(cl), c0) > 5)
            continue;
        size_t cn = clean(cl, a, 1);
        if (!cn || lead_name(cdata(cl), cn) != cn ||
            named_before(cdata(cl), cn, s, (size_t)(a->p - s)))
            continue;
        size_t from = r->tmp.len;
        if (byl_rd_byline_ex(cdata(cl), cn, 0, r->art_order, &r->tmp, 0, NULL, NULL) > 0)
            return 1;
        r->tmp.len = from;
    }
    return 0;
}

/* What the copy is, said before its headline: forwarded, replied to,
 * translated or reposted by whoever kept it ("Translated: ...", "Fwd:
 * ...", "Re: ..."), no part of the story's headline. */
static const char *const copy_labels[] = {
    "translated", "translation", "english translation", "machine translation",
    "my translation", "repost", "reposted", "crosspost", "cross-post", "x-post",
    "fwd", "fw", "re"};

/* The bytes of a label glued before the headline on its line, with its
 * separator and blanks, or 0: a section's kicker set on the headline's
 * line ("TEA ▸ Factory skips the auction", "Opinion | Why ...", "MARKETS
 * » ...": one to three words, no digit, then ▸ ► » › | and a headline of
 * four words or more, at least twice the kicker's, opening with a
 * capital), or a label of what the copy is (copy_labels, before a colon).
 * Other colon labels ("LIVE:", "FACT CHECK:", "Interview:") are the
 * site's own headline and stay. */
static size_t title_label(const char *s, size_t n)
{
    static const char *const seps[] = {"\xE2\x96\xB8", "\xE2\x96\xBA", "\xC2\xBB",
                                       "\xE2\x80\xBA", "|"}; /* ▸ ► » › | */
    size_t i = 0;
    int words = 0;
    while (i < n && i <= 32) {
        if (s[i] == ':') {
            size_t m = i;
            while (m && s[m - 1] == ' ')
                m--;
            for (size_t k = 0; k < sizeof copy_labels / sizeof copy_labels[0]; k++)
                if (strlen(copy_labels[k]) == m && !strncasecmp(s, copy_labels[k], m)) {
                    size_t j = i + 1;
                    while (j < n && s[j] == ' ')
                        j++;
                    return line_words(s + j, n - j) >= 3 ? j : 0;
                }
            return 0;
        }
        for (size_t k = 0; k < sizeof seps / sizeof seps[0]; k++) {
            size_t m = strlen(seps[k]);
            if (i && s[i - 1] == ' ' && i + m < n && !memcmp(s + i, seps[k], m) && s[i + m] == ' ') {
                words = line_words(s, i);
                size_t j = i + m;
                while (j < n && s[j] == ' ')
                    j++;
                unsigned char c = j < n ? (unsigned char)s[j] : 0;
                int rest = line_words(s + j, n - j);
                if (words < 1 || words > 3 || rest < 4 || rest < 2 * words ||
                    !((c >= 'A' && c <= 'Z') || c >= 0xC0 || (c >= '0' && c <= '9') ||
                      c == '"' || c == '\''))
                    return 0;
                /* one headline after it: no second bar ("A | B | C" is a path) */
                for (size_t q = j; q < n; q++)
                    if (s[q] == '|' || (q + 1 < n && !memcmp(s + q, "\xC2\xBB", 2)) ||
                        (q + 2 < n && (!memcmp(s + q, "\xE2\x80\xBA", 3) ||
                                       !memcmp(s + q, "\xE2\x96\xB8", 3))))
                        return 0;
                return j;
            }
        }
        if (s[i] >= '0' && s[i] <= '9')
            return 0;
        i++;
    }
    return 0;
}

/* The first sentence of a closing byline that a note follows on its
 * line ("Interview by Jane Roe. This interview was edited for length.",
 * "Reported by Jane Roe. Translated by John Doe."): its length up to the
 * first stop after two lower-case letters (or letters beyond ASCII; not an
 * initial's, "J. R. Roe", nor "Jr."), a blank and a capital; n when there
 * is none. */
static int low_byte(char c) /* a lower-case letter, or a byte of one beyond ASCII */
{
    return (c >= 'a' && c <= 'z') || (unsigned char)c >= 0x80;
}

static size_t byline_sentence(const char *s, size_t n)
{
    for (size_t i = 2; i + 2 < n; i++)
        if (s[i] == '.' && s[i + 1] == ' ' && s[i + 2] >= 'A' && s[i + 2] <= 'Z' &&
            low_byte(s[i - 1]) && low_byte(s[i - 2]))
            return i;
    return n;
}

/* What binary data the bytes look like, as advice after "binary data, not
 * text": an archive or a document a user may have meant to index. */
static const char *binary_hint(const char *s, size_t n)
{
    static const struct {
        const char *magic;
        size_t len, at;
        const char *hint;
    } kinds[] = {
        {"PK\3\4", 4, 0, " (a zip archive: unpack it first, e.g. unzip)"},
        {"\x1f\x8b", 2, 0, " (gzip inside gzip: unpack the outer one first)"},
        {"BZh", 3, 0, " (bzip2: unpack it first, e.g. bunzip2 -k)"},
        {"\xfd" "7zXZ", 5, 0, " (xz: unpack it first, e.g. unxz -k)"},
        {"(\xb5/\xfd", 4, 0, " (zstd: unpack it first, e.g. unzstd)"},
        {"ustar", 5, 257, " (a tar archive: unpack it first, e.g. tar -xf)"},
        {"%PDF", 4, 0, " (a PDF: extract its text first, e.g. pdftotext)"},
    };
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        if (n >= kinds[i].at + kinds[i].len &&
            memcmp(s + kinds[i].at, kinds[i].magic, kinds[i].len) == 0)
            return kinds[i].hint;
    return "";
}

static int text_article(byl_reader *r, byl_article *a)
{
    const char *s = r->buf + r->start, *e = r->buf + r->end;
    size_t n = (size_t)(e - s);
    if (byl_rd_binary(s, n)) {
        byl_rd_skip(r, BYL_SKIP_BINARY, 1, 0, "binary data, not text%s", binary_hint(s, n));
        return 0;
    }
    size_t bad = byl_rd_utf8_bad(s, n);
    if (bad < n) {
        uint64_t line = 1;
        for (const char *p = s; (p = memchr(p, '\n', (size_t)(s + bad - p))) != NULL; p++)
            line++;
        /* a byte of 0x80-0x9f alone is Windows-1252's curly quotes and
         * dashes; other lone high bytes, Latin-1 (ISO-8859-1) */
        unsigned char c = (unsigned char)s[bad];
        byl_rd_skip(r, BYL_SKIP_UTF8, 1, 0, "invalid UTF-8 byte 0x%02x at line %llu: not UTF-8 "
                    "(%s?); convert it first, e.g. iconv -f %s -t UTF-8 FILE > FILE.utf8", c,
                    (unsigned long long)line, c < 0xa0 ? "Windows-1252" : "Latin-1",
                    c < 0xa0 ? "WINDOWS-1252" : "LATIN1");
        return 0;
    }
    byl_rd_begin(r);
    const char *idname = r->id_name ? r->id_name : r->file;
    byl_rd_put(r, BYL_RF_ID, idname, strlen(idname));
    /* the order of its numeric dates: what its other dates say, before
     * any line is read as a date (doc/dateorder.h) */
    byl_date_votes v = {0};
    byl_date_votes_add(&v, s, n); /* also the latest whole date, for a year */
    if (r->date_order == BYL_DATE_AUTO) {
        r->art_order = byl_rd_date_order(r, &v);
        /* nothing voted: the reading nearer the run's dates */
        if (byl_date_votes_order(&v) < 0 && byl_date_votes_order(&r->file_votes) < 0 &&
            r->date_hint < 0) {
            int o = byl_date_order_near(s, n, v.latest ? v.latest : r->date_near);
            if (o >= 0)
                r->art_order = o;
        }
        /* a dashed date is day first unless strong evidence says not */
        int so = byl_date_votes_strong_order(&v);
        if (so < 0)
            so = byl_date_votes_strong_order(&r->file_votes);
        if (so != BYL_DATE_MDY)
            r->art_order |= BYL_DATE_DASH_DMY;
        byl_date_votes_merge(&r->file_votes, &v);
    } else {
        r->art_order = r->date_order;
    }
    r->art_order |= BYL_DATE_LOCAL; /* the page's own day, not UTC's */

    byl_buf cl, jb; /* a line cleaned; a byline joined from lines */
    byl_buf_init(&cl);
    byl_buf_init(&jb);
    drops d = {{0}, 0};
    int have_author = 0, date_upd = 0; /* date_upd: the date is only an update's */
    int date_bare = 0; /* the date is a bare date line's over the headline */
    int64_t date = BYL_NO_DATE;
    const char *agency = NULL;
    r->tmp.len = 0;

    /* Before the headline: kickers, labels, bylines, date lines. */
    const char *p = s;
    line_t l = {NULL, NULL}, title = {NULL, NULL};
    int seen = 0, provided = 0;
    char printed[TITLE_MAX]; /* the title of a browser's print header */
    size_t printed_n = 0;
    const char *printed_from = NULL; /* the line after that header */
    /* a release's letterhead over its label: the issuer, the source */
    line_t lh[PRE_LINES];
    char issuer[128] = "";
    int nlh = letterhead(r, &cl, s, e, lh, issuer, sizeof issuer);
    for (int i = 0; i < nlh; i++) {
        drop(r, &d, &lh[i], 'k');
        p = lh[i].e;
        seen++;
    }
    /* A newsletter as it came by mail: its head (From:, Date:, Subject:,
     * To:) first.  The subject is the headline, the date the date; the
     * rest of the head is no text of the story. */
    size_t subject_at = 0; /* the subject's start in the title line */
    {
        const char *q = p;
        line_t hl[8], subj = {NULL, NULL};
        int nh = 0, kind, from = 0;
        int64_t mt = BYL_NO_DATE;
        while (nh < 8 && next_line(&q, e, &hl[nh])) {
            size_t cn = clean(&cl, &hl[nh], 1);
            if (!cn) {
                if (nh)
                    break; /* the head ends at a blank line */
                continue;
            }
            size_t fl = mail_field(cdata(&cl), cn, &kind);
            if (!fl || (!nh && kind != 'f') || (kind == 'f' && nh))
                break;
            if (kind == 'f')
                from = memchr(cdata(&cl), '@', cn) != NULL; /* an address: mail */
            else if (kind == 'd' && mt == BYL_NO_DATE)
                byl_rd_date_line(cdata(&cl) + fl, cn - fl, r->art_order, &mt);
            else if (kind == 's' && !subj.p && cn - fl >= 8) {
                subj = hl[nh];
                subject_at = fl;
            }
            nh++;
        }
        if (from && subj.p) {
            for (int i = 0; i < nh; i++)
                if (hl[i].p != subj.p)
                    drop(r, &d, &hl[i], mail_field(hl[i].p, (size_t)(hl[i].e - hl[i].p), &kind) &&
                                                kind == 'd' ? 'd' : 'k');
            if (mt != BYL_NO_DATE)
                date = mt;
            title = subj;
            p = hl[nh - 1].e;
            seen = PRE_LINES + 1; /* no kicker or chrome over it */
        } else {
            subject_at = 0;
        }
    }
    while (!subject_at && next_line(&p, e, &l)) {
        size_t cn = clean(&cl, &l, 1);
        if (!cn)
            continue;
        int64_t t;
        size_t ph;
        if (!seen && (ph = print_header(cdata(&cl), cn)) != 0) {
            /* a browser's print header: the page's title (without " |
             * Outlet"), printed again below as the headline */
            size_t tn = cn - ph;
            const char *bar = NULL;
            for (const char *b = cdata(&cl) + ph; b + 3 <= cdata(&cl) + cn; b++)
                if (b[0] == ' ' && b[1] == '|' && b[2] == ' ')
                    bar = b;
            if (bar)
                tn = (size_t)(bar - cdata(&cl)) - ph;
            if (tn < sizeof printed) {
                memcpy(printed, cdata(&cl) + ph, tn);
                printed_n = tn;
                printed_from = p;
            }
            drop(r, &d, &l, 'k');
            seen++;
            continue;
        }
        if (seen++ < PRE_LINES && cn <= META_MAX) {
            size_t from = r->tmp.len;
            if (!have_author &&
                byl_rd_byline_ex(cdata(&cl), cn, 1, r->art_order, &r->tmp, 0, &agency, &date) >= 0) {
                /* "BERRIAK EUSKADI · BASQUE NEWS IN ENGLISH" over the
                 * headline: names beside a label, no lead-in, and the story
                 * speaks of the name as of a third party ("told Berriak
                 * Euskadi that"): the page's masthead, no writer */
                if (!byl_rd_byline_lead(cdata(&cl), cn) &&
                    named_in_story((const char *)r->tmp.data + from, r->tmp.len - from, p, e)) {
                    r->tmp.len = from;
                    drop(r, &d, &l, 'k');
                    continue;
                }
                have_author = 1;
                drop(r, &d, &l, 'b');
                continue;
            }
            int dk = byl_rd_date_line(cdata(&cl), cn, r->art_order, &t);
            if (dk) {
                if (date == BYL_NO_DATE || (date_upd && dk == 1))
                    date = t, date_upd = dk == 2, date_bare = bare_date(cdata(&cl), cn);
                drop(r, &d, &l, 'd');
                continue;
            }
            if (!have_author &&
                byl_rd_date_by_line(cdata(&cl), cn, r->art_order, &r->tmp, 0, &t) >= 0) {
                have_author = 1;
                if (date == BYL_NO_DATE)
                    date = t;
                drop(r, &d, &l, 'b');
                continue;
            }
            /* "Sat, Dec 05, 2026 page2" under a masthead: a date among a
             * few words of the page (byl_rd_date_loose) is no headline */
            if (line_words(cdata(&cl), cn) <= LOOSE_WORDS &&
                byl_rd_date_loose(cdata(&cl), cn, r->art_order, &t)) {
                if (date == BYL_NO_DATE)
                    date = t, date_bare = bare_date(cdata(&cl), cn);
                drop(r, &d, &l, 'd');
                continue;
            }
            int k2 = 0, bar = !have_author && place_after_bar(cdata(&cl), cn);
            from = r->tmp.len;
            if (bar && (k2 = name_over_affiliation(r, &cl, &l, p, e, &t)) != 0 &&
                named_in_story((const char *)r->tmp.data + from, r->tmp.len - from, p, e)) {
                /* "HARBOUR VOICE · NEWS IN ENGLISH" over a bar of
                 * sections, and the story tells of "Harbour Voice": the
                 * masthead (as above) */
                r->tmp.len = from;
                drop(r, &d, &l, 'k');
                continue;
            }
            if (k2) {
                /* "NAME | City" over a date line (or a desk): a byline,
                 * even above the headline */
                line_t l2;
                while (next_line(&p, e, &l2) && !clean(&cl, &l2, 1))
                    ;
                size_t c2 = clean(&cl, &l2, 1);
                if (c2 && contact_line(cdata(&cl), c2)) { /* the writer's address */
                    drop(r, &d, &l2, 'b');
                    while (next_line(&p, e, &l2) && !clean(&cl, &l2, 1))
                        ;
                }
                have_author = 1;
                drop(r, &d, &l, 'b');
                drop(r, &d, &l2, k2 == 2 ? 'd' : 'b');
                if (k2 == 2 && date == BYL_NO_DATE)
                    date = t;
                seen++;
                continue;
            }
            if (bar)
                clean(&cl, &l, 1); /* clobbered */
            /* "News provided by" over the company: a wire's release; the
             * company is its source, not its writer */
            if (!provided && !have_author && provided_by(cdata(&cl), cn)) {
                line_t l2;
                const char *p2 = p;
                size_t c2 = 0;
                while (next_line(&p2, e, &l2) && !(c2 = clean(&cl, &l2, 1)))
                    ;
                if (c2 && c2 <= 120 && line_words(cdata(&cl), c2) <= 8) {
                    if (!nlh && c2 < sizeof issuer) {
                        memcpy(issuer, cdata(&cl), c2);
                        issuer[c2] = '\0';
                    }
                    provided = 1;
                    drop(r, &d, &l, 'k');
                    drop(r, &d, &l2, 'k');
                    p = p2;
                    seen++;
                    continue;
                }
                clean(&cl, &l, 1); /* clobbered */
            }
            if (more_text(p, e) && byl_rd_label_line(cdata(&cl), cn, 1)) {
                drop(r, &d, &l, 'k');
                continue;
            }
        }
        title = l;
        break;
    }
    /* "Premier League" over the headline and its byline: a kicker in Title
     * Case.  A line in Title Case is the headline unless the next line is
     * one a byline or a date line follows (docs/ARTICLES.md).  A section
     * in sentence case ("UK news") is one too; a dek may stand between the
     * headline and the byline; a masthead may stand over a section
     * ("The Millbrook Courier" over "METRO"). */
    if (title.p && seen <= PRE_LINES) {
        size_t cn = clean(&cl, &title, 1);
        int kw = kicker_like(cdata(&cl), cn), sentence = 0;
        if (!kw && (sentence = section_like(cdata(&cl), cn)) != 0)
            kw = sentence;
        if (kw) {
            /* the next four non-blank lines, and where each ends */
            line_t nl[4];
            const char *after[4];
            int nn = 0;
            const char *p2 = p;
            while (nn < 4 && next_line(&p2, e, &nl[nn]))
                if (clean(&cl, &nl[nn], 1))
                    after[nn++] = p2;
            for (int h = 0; h < 2 && h < nn; h++) {
                if (h == 1) { /* a second kicker line under the first */
                    size_t c0 = clean(&cl, &nl[0], 1);
                    if (!kicker_like(cdata(&cl), c0) || line_words(cdata(&cl), c0) > 2 ||
                        meta_line(r, &cl, &nl[0], after[0], e))
                        break;
                }
                size_t c2 = clean(&cl, &nl[h], 1);
                int hw = line_words(cdata(&cl), c2);
                /* under a one-word line, a headline says something (four
                 * words or more): "Title" over "Subtitle that stays" is a
                 * headline over its dek */
                if (!c2 || c2 > META_MAX || cdata(&cl)[c2 - 1] == '.' ||
                    ((kw == 1 || sentence || h) && hw < 4) ||
                    meta_line(r, &cl, &nl[h], after[h], e))
                    continue;
                int at = -1;
                if (h + 1 < nn && meta_line(r, &cl, &nl[h + 1], after[h + 1], e))
                    at = h + 1;
                else if (hw >= 4 && h + 2 < nn &&
                         meta_line(r, &cl, &nl[h + 2], after[h + 2], e)) {
                    /* a dek between: it says more than the headline (of
                     * four words or more: "METRO" is no headline) */
                    size_t c3 = clean(&cl, &nl[h + 1], 1);
                    if (line_words(cdata(&cl), c3) > hw)
                        at = h + 2;
                }
                if (at < 0)
                    continue;
                drop(r, &d, &title, 'k');
                if (h == 1)
                    drop(r, &d, &nl[0], 'k');
                title = nl[h];
                p = after[h];
                break;
            }
        }
    }
    /* A short name over a headline over the story, with no byline or date
     * line to tell: "Ask the Law", "Money Matters", "The Long Read" over
     * "Can my landlord keep my deposit ...?" over the first paragraph.  A
     * headline says something, a kicker names a place on the site: the
     * shorter line (three words at most, no sentence's end) over a line of
     * twice its words and six at least, itself over a paragraph or a rule,
     * is the kicker.  "Title" over "Subtitle that stays" stays. */
    if (title.p && !subject_at && seen <= PRE_LINES && !dropped(&d, title.p)) {
        size_t cn = clean(&cl, &title, 1);
        int aw = line_words(cdata(&cl), cn);
        if (cn && cn <= 40 && aw <= 3 && name_kicker(cdata(&cl), cn)) {
            line_t nl[2];
            const char *after[2];
            int nn = 0;
            const char *p2 = p;
            while (nn < 2 && next_line(&p2, e, &nl[nn]))
                if (visible(&cl, &nl[nn]))
                    after[nn++] = p2;
            size_t c1 = nn == 2 && nl[0].e - nl[0].p <= 3 * META_MAX ? clean(&cl, &nl[0], 1) : 0;
            int bw = c1 ? line_words(cdata(&cl), c1) : 0;
            if (c1 && c1 <= META_MAX && bw >= 6 && bw >= 2 * aw && cdata(&cl)[c1 - 1] != '.' &&
                !paragraph(cdata(&cl), c1) && !meta_line(r, &cl, &nl[0], after[0], e)) {
                size_t c2 = clean(&cl, &nl[1], 1);
                int para2 = c2 > META_MAX || paragraph(cdata(&cl), c2) ||
                            (line_words(cdata(&cl), c2) >= 10 && cdata(&cl)[c2 - 1] == '.');
                /* a bare name under the headline, over the story: a
                 * writer's, the headline's place is the same */
                if (!para2 && c2 <= 80 && lead_name(cdata(&cl), c2) == c2)
                    para2 = 1;
                if (para2 || rule_line(cdata(&cl), c2)) {
                    drop(r, &d, &title, 'k');
                    title = nl[0];
                    p = after[0];
                }
            }
        }
    }
    /* Page chrome over the headline: share links, a promo ("WATCH LIVE:
     * ..."), a masthead and its motto, a newsletter's name, an editor's
     * note.  When the line taken is such a line and no byline or date line
     * follows it (at once or under a dek), a line of four words or more a
     * few lines lower that one follows is the headline; what stands
     * between is chrome. */
    const char *chrome_from = NULL;
    if (title.p && !subject_at) {
        size_t cn = clean(&cl, &title, 1);
        int ch = chrome_like(cdata(&cl), cn);
        if (ch == 2 || (ch == 1 && !followed_by_meta(r, &cl, p, e))) {
            line_t nl[CHROME_LINES];
            const char *after[CHROME_LINES];
            int nn = 0;
            const char *p2 = p;
            while (nn < CHROME_LINES && next_line(&p2, e, &nl[nn]))
                if (visible(&cl, &nl[nn]))
                    after[nn++] = p2;
            for (int h = 0; h < nn; h++) {
                if (nl[h].e - nl[h].p > 3 * META_MAX)
                    break; /* a paragraph, however it is cleaned */
                size_t c2 = clean(&cl, &nl[h], 1);
                if (c2 == 0)
                    continue; /* marks alone, cleaned away (fuzz_text) */
                int hw = line_words(cdata(&cl), c2);
                /* a paragraph or a sentence: no headline, no chrome */
                if (c2 > META_MAX || cdata(&cl)[c2 - 1] == '.')
                    break;
                /* a byline before any headline: the line taken stays */
                if (hw <= 10 && meta_line(r, &cl, &nl[h], after[h], e))
                    break;
                /* a section path ("Business › Port & Shipping") over the
                 * headline and its date line is the page's, never the
                 * headline (a dek may stand between a headline and its
                 * date line, so the path would pass for one) */
                c2 = clean(&cl, &nl[h], 1); /* clobbered by meta_line */
                int path = byl_rd_label_line(cdata(&cl), c2, 1);
                if (hw >= 4 && !path && followed_by_meta(r, &cl, after[h], e)) {
                    chrome_from = title.p;
                    /* labels, share links and a promo are left out; a
                     * masthead, its motto, a note stay in the body (a
                     * publication's name is text a reader may look for) */
                    for (int k = -1; k < h; k++) {
                        const line_t *lk = k < 0 ? &title : &nl[k];
                        size_t ck = clean(&cl, lk, 1);
                        if (byl_rd_label_line(cdata(&cl), ck, 1) ||
                            (k < 0 && ch == 2 && !paragraph(cdata(&cl), ck)))
                            drop(r, &d, lk, 'k'); /* a label, a promo */
                    }
                    drop(r, &d, &nl[h], 'k');
                    title = nl[h];
                    p = after[h];
                    break;
                }
                /* what stands between is chrome too: ten words at most */
                if (hw > 10)
                    break;
            }
        }
    }
    /* "NEWS IN ENGLISH", "WORLD", "BREAKING" over "Salmon farmer fined
     * ...": a short line in capitals over a headline in mixed case of
     * more words is a label, whatever follows them */
    if (title.p && !subject_at && seen <= PRE_LINES && !dropped(&d, title.p)) {
        size_t cn = clean(&cl, &title, 1);
        int aw = caps_label(cdata(&cl), cn);
        line_t l2;
        const char *p2 = p;
        size_t c2 = 0;
        while (aw && next_line(&p2, e, &l2) && !(c2 = clean(&cl, &l2, 1)))
            ;
        if (aw && c2 && c2 <= META_MAX && line_words(cdata(&cl), c2) >= aw + 3 &&
            !caps_label(cdata(&cl), c2) && mixed_case(cdata(&cl), c2) &&
            cdata(&cl)[c2 - 1] != '.' && !meta_line(r, &cl, &l2, p2, e)) {
            drop(r, &d, &title, 'k');
            title = l2;
            p = p2;
        }
    }
    /* The model of head lines (headline.h): where the rules' headline is
     * doubtful and the model scores a later head line above its threshold
     * and above the rules' line by its margin, that line is the headline.  The rules' line stays in the body, as chrome does, and
     * the lines between are read for a byline and dates with the head's. */
    const char *head_from = NULL; /* where the head's lines start, if not p */
    int head_extra = 0;           /* non-blank lines between the two */
    int again_date = 0; /* the headline was found again further down */
    if (title.p) {
        /* the model is dear: only over a doubtful headline (or for the
         * tools that dump its features) */
        int look = !subject_at && (r->on_head || byl_hl_doubtful(&title, e, &cl));
        if (look && !r->hl)
            r->hl = byl_malloc(sizeof *r->hl);
        byl_buf hs;
        byl_buf_init(&hs);
        if (!look)
            ;
        else if (!r->hl)
            cl.failed = 1;
        else if (byl_hl_features(s, n, r->art_order, title.p, &cl, &hs, r->hl) != BYL_OK)
            cl.failed = 1;
        else {
            if (r->on_head)
                r->on_head(r->on_head_ctx, r->hl);
            int bi = byl_hl_pick_title(r->hl, title.p);
            if (bi >= 0) {
                int ri = bi;
                while (ri > 0 && r->hl->line[ri].line.p != title.p)
                    ri--;
                head_extra = bi - ri - 1;
                if (!chrome_from)
                    chrome_from = title.p;
                head_from = p;
                title = r->hl->line[bi].line;
                /* the model's headline printed above it already ("Translated:
                 * Headline" in a forum post over the quoted story): found
                 * again, as below, and the story's own date wins */
                for (int k = 0; k < bi && !again_date; k++) {
                    line_t ag;
                    again_date = title_again(&cl, &r->hl->line[k].line, r->hl->line[k].line.e, e,
                                             &ag) &&
                                 ag.p == title.p;
                }
                drop(r, &d, &title, 'k');
                p = title.p;
                next_line(&p, e, &l);
                if (again_date)
                    head_from = NULL, head_extra = 0; /* the post's lines: none of the story's */
            }
        }
        byl_buf_reset(&hs);
    }
    /* The headline printed again further down, on a line of its own: the
     * first was a list of stories (an aggregator's "Top coverage", a
     * "Most read" box) over the article itself, whose byline and date
     * follow the second.  The first stays in the body (as chrome). */
    if (title.p && !subject_at) {
        line_t again;
        /* under a browser's print header, the title it printed */
        int found = printed_n ? line_again(&cl, printed, printed_n, printed_from, e, &again)
                              : title_again(&cl, &title, p, e, &again);
        if (found && again.p > title.p) {
            /* a date read above was the list's or the post's: the one
             * under the story's own headline wins */
            again_date = 1;
            if (!chrome_from)
                chrome_from = title.p;
            title = again;
            drop(r, &d, &title, 'k');
            p = title.p;
            next_line(&p, e, &l);
            head_from = NULL;
            head_extra = 0;
        }
    }
    /* A headline wrapped over two lines: "Why Eindhoven's chip-tool makers
     * are quietly" over "hiring away Big Tech's AI engineers", no blank
     * between, the first without a stop, the second going on in the same
     * case (lower case, or Title Case under Title Case) */
    line_t wrap = {NULL, NULL};
    if (title.p && !subject_at) {
        const char *p2 = p;
        line_t l2;
        if (next_line(&p2, e, &l2) && wrapped(r, &cl, &title, &l2, p2, e)) {
            wrap = l2;
            drop(r, &d, &l2, 'k');
            p = p2;
        }
    }
    const char *body_from = chrome_from ? chrome_from : p; /* after the title line */
    int para = 0;
    if (title.p) {
        size_t cn = clean(&cl, &title, 2);
        if (subject_at) { /* "Subject: The Friday Brief: ...": the subject */
            size_t k = subject_at < cn ? subject_at : cn;
            memmove(cl.data, cl.data + k, cn - k);
            cn -= k;
            cl.len = cn;
        }
        /* "TEA ▸ Headline", "Translated: Headline": the label is left
         * out of the title, as the kicker on a line of its own is */
        size_t lb = subject_at ? 0 : title_label(cdata(&cl), cn);
        if (lb) {
            if (r->on_drop && !dropped(&d, title.p))
                r->on_drop(r->on_drop_ctx, cdata(&cl), lb, 'k');
            memmove(cl.data, cl.data + lb, cn - lb);
            cn -= lb;
            cl.len = cn;
        }
        para = !wrap.p && !subject_at && paragraph(cdata(&cl), cn);
        /* "> **Headline**" (a story quoted in a post): the title is the
         * words, the line as it was stays in the body with its marks */
        if (!chrome_from && quote_marked(&title))
            body_from = title.p;
        if (para) {
            cn = cut_title(cdata(&cl), cn);
            body_from = title.p;
        }
        if (wrap.p) {
            byl_buf_put(&cl, " ", 1);
            byl_rd_clean(wrap.p, (size_t)(wrap.e - wrap.p), 2, &cl);
            cn = cl.len;
        }
        byl_rd_put(r, BYL_RF_TITLE, cdata(&cl), cn);
    }

    /* After it: a byline, date lines, labels; a dek stays.  Under a
     * headline found again, a date read above it was the list's or the
     * post's that quotes the story: the story's own date wins. */
    int64_t date_above = BYL_NO_DATE;
    if (again_date && !date_upd)
        date_above = date, date = BYL_NO_DATE;
    const char *q = head_from ? head_from : p;
    seen = 0;
    int was_date = 0; /* the line before was a date line */
    line_t checker = {NULL, NULL}; /* a checker's credit ("Checked by: NAME") */
    line_t reviewer = {NULL, NULL}; /* the byline taken was "Reviewed by NAME" */
    size_t author_from = 0;         /* where its names start in r->tmp */
    while (seen < HEAD_LINES + head_extra && next_line(&q, e, &l)) {
        if (l.p == title.p || (wrap.p && l.p == wrap.p))
            continue; /* the model's headline, under the rules' line */
        size_t cn = clean(&cl, &l, 1);
        if (!cn)
            continue;
        seen++;
        int64_t t;
        int k2, dk, under_date = was_date;
        was_date = 0;
        if (cn > META_MAX)
            continue; /* a paragraph */
        line_t more[JOIN_LINES - 1];
        const char *qj = q;
        int nj = have_author ? 0 : byline_lines(&cl, &jb, &l, q, e, more, &qj);
        for (int j = 0; j < nj; j++)
            if (more[j].p == title.p || (wrap.p && more[j].p == wrap.p))
                nj = 0; /* the headline under "WRITTEN BY" is no writer */
        if (nj && byl_rd_byline_ex((const char *)jb.data, jb.len, 1, r->art_order, &r->tmp, 0,
                                   &agency, &date) >= 0) {
            /* "WRITTEN BY" over "Nur Syafiqah binti Roslan" over "& Chloe
             * Teoh Xin Yi": one byline */
            have_author = 1;
            drop(r, &d, &l, 'b');
            for (int j = 0; j < nj; j++)
                drop(r, &d, &more[j], 'b');
            q = qj;
            seen += nj;
            continue;
        }
        if (!have_author)
            clean(&cl, &l, 1); /* clobbered */
        /* the byline's own date; over a bare date line (the masthead's
         * day) or an update's ("Updated: 5 Dec 2026" over the headline) it
         * is read apart, and the byline's wins */
        int64_t bd = date_bare || date_upd ? BYL_NO_DATE : date;
        size_t tmp0 = r->tmp.len;
        if (!have_author &&
            byl_rd_byline_ex(cdata(&cl), cn, 1, r->art_order, &r->tmp, 0, &agency, &bd) >= 0) {
            have_author = 1;
            if (cn > 12 && !strncasecmp(cdata(&cl), "reviewed by", 11))
                reviewer = l, author_from = tmp0;
            if (date_upd && !date_bare) {
                if (bd != BYL_NO_DATE)
                    date = bd, date_upd = 0; /* "NAME | 3 December 2026" */
            } else if (!date_bare || masthead_day(date_bare, date, bd)) {
                date = bd;
            }
            drop(r, &d, &l, 'b');
        } else if ((dk = byl_rd_date_line(cdata(&cl), cn, r->art_order, &t)) != 0) {
            /* a line over the model's headline (head_from) is over the
             * headline all the same: a bare date there is the masthead's
             * day, which the byline block's date under it beats */
            int above = l.p < title.p;
            if (date == BYL_NO_DATE || (date_upd && dk == 1) || masthead_day(date_bare, date, t))
                date = t, date_upd = dk == 2, date_bare = above && bare_date(cdata(&cl), cn);
            else if (!above)
                date_bare = 0;
            drop(r, &d, &l, 'd');
            was_date = 1;
        } else if (again_date && byl_rd_date_loose(cdata(&cl), cn, r->art_order, &t)) {
            /* "Outlet — Published on 5 December 2026" under a quoted
             * story's headline: its date, not the post's above it */
            if (date == BYL_NO_DATE)
                date = t;
            drop(r, &d, &l, 'd');
            was_date = 1;
        } else if (byl_rd_label_line(cdata(&cl), cn, 0) || rule_line(cdata(&cl), cn)) {
            drop(r, &d, &l, 'k'); /* a label, or a rule under the headline */
        } else if (!have_author &&
                   byl_rd_date_by_line(cdata(&cl), cn, r->art_order, &r->tmp, 0, &t) >= 0) {
            have_author = 1;
            if (date == BYL_NO_DATE)
                date = t;
            drop(r, &d, &l, 'b');
        } else if (!have_author && (k2 = name_over_affiliation(r, &cl, &l, q, e, &t)) != 0) {
            /* "Jane Smith" over "BBC Wales News": both lines are the
             * byline; over a date line: a byline and a date line */
            line_t l2;
            const char *q2 = q;
            while (next_line(&q2, e, &l2) && !clean(&cl, &l2, 1))
                ;
            size_t c2 = clean(&cl, &l2, 1);
            if (c2 && contact_line(cdata(&cl), c2)) { /* the writer's address */
                drop(r, &d, &l2, 'b');
                seen++;
                while (next_line(&q2, e, &l2) && !clean(&cl, &l2, 1))
                    ;
            }
            have_author = 1;
            drop(r, &d, &l, 'b');
            drop(r, &d, &l2, k2 == 2 ? 'd' : 'b');
            if (k2 == 2 &&
                (date == BYL_NO_DATE || date_upd || masthead_day(date_bare, date, t)))
                date = t, date_upd = 0; /* the byline block's date beats an update's */
            date_bare = 0;
            q = q2;
            seen++;
        } else if (!have_author && under_date && name_under_date(r, &cl, &l, q, e, s)) {
            /* "Updated: 05 Dec 2026" over "S. Karthikeyan" over the story */
            have_author = 1;
            drop(r, &d, &l, 'b');
        } else if (!have_author && (clean(&cl, &l, 1), kind_by(cdata(&cl), cn)) &&
                   (under_date || followed_by_date(r, &cl, q, e)) &&
                   kind_byline(r, &cl, &l, &date)) {
            /* "Live blog by NAME" next to the date line: the byline */
            have_author = 1;
            drop(r, &d, &l, 'b');
        } else if (!checker.p && (clean(&cl, &l, 1), checker_credit(cdata(&cl), cn))) {
            checker = l; /* "Checked by: NAME": the writer if none is named */
        }
    }
    /* A fact-check's credit ("Checked by: Mariela Quispe") and no byline:
     * the check is the story, the checker its writer.  Beside a writer's
     * byline ("By John Doe" over "Fact checked by Jane Roe") it names
     * someone else, and stays in the body. */
    /* "Checked by NAME" and "Reviewed by: NAME" in one block: a
     * fact-check's two credits, the checker's (the writer's) and its
     * editor's review; the review names no writer there, whichever comes
     * first.  (Alone, "Reviewed by" heads a review and names its writer.) */
    if (checker.p && reviewer.p) {
        r->tmp.len = author_from;
        have_author = 0;
        undrop(&d, reviewer.p); /* it stays in the body, for the name finder */
    }
    if (!have_author && checker.p) {
        size_t cn = clean(&cl, &checker, 1), k = checker_credit(cdata(&cl), cn);
        byl_buf by;
        byl_buf_init(&by);
        byl_buf_put(&by, "By ", 3);
        byl_buf_put(&by, cdata(&cl) + k, cn - k);
        size_t len0 = r->tmp.len;
        int64_t bt = BYL_NO_DATE;
        if (!by.failed && byl_rd_byline_ex((const char *)by.data, by.len, 1, r->art_order, &r->tmp,
                                           0, NULL, &bt) > 0) {
            have_author = 1;
            drop(r, &d, &checker, 'b');
            if (date == BYL_NO_DATE)
                date = bt;
        } else {
            r->tmp.len = len0;
        }
        byl_buf_reset(&by);
    }

    if (date == BYL_NO_DATE)
        date = date_above;

    /* At the end: credit lines and a sign-off, past the head. */
    line_t tail[TAIL_LINES];
    int nt = 0;
    int64_t tail_date = BYL_NO_DATE;
    q = p;
    while (next_line(&q, e, &l)) {
        if (!visible(&cl, &l) || dropped(&d, l.p))
            continue;
        if (nt == TAIL_LINES)
            memmove(tail, tail + 1, sizeof tail[0] * (TAIL_LINES - 1)), nt--;
        tail[nt++] = l;
    }
    for (int i = 0; i < nt; i++) {
        cl.len = 0;
        byl_rd_clean(tail[i].p, (size_t)(tail[i].e - tail[i].p), 1, &cl);
        size_t cn = cl.len;
        if (cn > 2 * META_MAX) /* credit lines run longer than bylines */
            continue;
        size_t from = r->tmp.len;
        const char *ag = NULL;
        int k = byl_rd_credit_line(cdata(&cl), cn, &r->tmp, 0, &ag);
        int64_t t;
        if (k < 0 && date == BYL_NO_DATE && tail_date == BYL_NO_DATE && cn <= META_MAX &&
            byl_rd_date_line(cdata(&cl), cn, r->art_order, &t)) {
            /* a release dated only at its end ("Ends/Saturday, December
             * 5, 2026"): when the dateline says nothing, its date */
            tail_date = t;
            drop(r, &d, &tail[i], 'd');
            continue;
        }
        /* "Editor, Silk Road Ledger" under a sign-off: a job at a body
         * names whom the writer works for, no writer (the name over it is
         * the writer's: sign_off_over_role) */
        if (k < 0 && !have_author && cn <= META_MAX && line_words(cdata(&cl), cn) <= 16 &&
            !byl_rd_job_line(cdata(&cl), cn)) {
            /* "By Eirik Solheim", "Reported by Jane Roe, 5 December 2026"
             * closing the story: the byline a site prints at the end.  It
             * stays in the body: the lines around it ("Translated from
             * Norwegian by Helle Kristiansen") read as a credit block
             * there, where the name finder looks for names */
            int64_t bt = BYL_NO_DATE;
            if (byl_rd_byline_ex(cdata(&cl), cn, 1, r->art_order, &r->tmp, 0, &ag, &bt) > 0 &&
                story_before(p, tail[i].p)) {
                have_author = 1;
                if (date == BYL_NO_DATE && tail_date == BYL_NO_DATE && bt != BYL_NO_DATE)
                    tail_date = bt;
                if (!agency)
                    agency = ag;
                continue;
            }
            r->tmp.len = from;
        }
        if (k < 0)
            continue;
        if (have_author) {
            r->tmp.len = from; /* the byline said it first */
            /* a credit that names only others (an editor, a
             * photographer: "Edited by: NAME" under the story) stays in
             * the body, where the name finder finds them; one that names
             * the writer again ("(Reporting by WRITER; Editing by ...)")
             * is the byline's echo, left out */
            if (!names_any((const char *)r->tmp.data, r->tmp.len, cdata(&cl), cn))
                continue;
        } else if (k > 0)
            have_author = 1;
        if (!agency)
            agency = ag;
        drop(r, &d, &tail[i], 'c');
    }

    /* Still no writer: a byline with a lead-in ("Author: Jane Roe",
     * "Reported by Jane Roe, Dar es Salaam", "Story: Jane Roe") above
     * what closes a page (related links, tags, share buttons, a
     * translator's credit), among the last TAIL_WIDE non-blank lines.
     * Only with a lead-in: a bare name there is a related story's or a
     * list's.  It stays in the body, as a closing byline does. */
    if (!have_author) {
        const char *wide[TAIL_WIDE];
        int nw = 0;
        q = p;
        while (next_line(&q, e, &l)) {
            if (nt && l.p >= tail[0].p)
                break; /* the last lines were read above */
            if (!visible(&cl, &l) || dropped(&d, l.p))
                continue;
            if (nw == TAIL_WIDE)
                memmove(wide, wide + 1, sizeof wide[0] * (TAIL_WIDE - 1)), nw--;
            wide[nw++] = l.p;
        }
        for (int i = 0; i < nw && !have_author; i++) {
            const char *w = wide[i];
            next_line(&w, e, &l);
            if (l.e - l.p > 3 * META_MAX)
                continue; /* a paragraph */
            size_t cn = clean(&cl, &l, 1);
            if (cn > META_MAX || !byl_rd_byline_lead(cdata(&cl), cn))
                continue;
            cn = byline_sentence(cdata(&cl), cn);
            /* "— By Jane Roe": a sign-off's dash before the lead-in */
            size_t dash = sign_dash(cdata(&cl), cn);
            size_t from = r->tmp.len;
            const char *ag = NULL;
            int64_t bt = BYL_NO_DATE;
            if (byl_rd_byline_ex(cdata(&cl) + dash, cn - dash, 1, r->art_order, &r->tmp, 0, &ag,
                                 &bt) > 0 &&
                story_before(p, l.p)) {
                have_author = 1;
                if (date == BYL_NO_DATE && tail_date == BYL_NO_DATE && bt != BYL_NO_DATE)
                    tail_date = bt;
                if (!agency)
                    agency = ag;
            } else {
                r->tmp.len = from;
            }
        }
    }

    /* Still no writer: one named only at the end.  A sign-off, the last
     * line a name alone under a paragraph (an obituary's "Iain Mac Gille
     * Eathain"), or the last paragraph an author's note under trailing
     * tags ("Jane Roe is a senior fellow at ...").  Either name must not
     * appear earlier in the text: a name the story is about is no writer. */
    if (!have_author && nt >= 2 && tail[nt - 1].e - tail[nt - 1].p <= 3 * 80) {
        int last = nt - 1;
        clean(&cl, &tail[last], 1);
        size_t cn = cl.len, nm = lead_name(cdata(&cl), cn);
        size_t c0 = clean(&cl, &tail[last - 1], 1);
        if (nm && nm == cn && c0 > 60 && line_words(cdata(&cl), c0) >= 8) {
            clean(&cl, &tail[last], 1);
            if (!named_before(cdata(&cl), nm, s, (size_t)(tail[last].p - s)) &&
                byl_rd_byline_ex(cdata(&cl), nm, 0, r->art_order, &r->tmp, 0, NULL, NULL) > 0) {
                have_author = 1;
                drop(r, &d, &tail[last], 'c');
            }
        }
    }
    if (!have_author)
        have_author = author_note(r, &cl, p, e, s);
    if (!have_author)
        have_author = about_author(r, &cl, p, e);
    if (!have_author)
        have_author = sign_off_over_role(r, &cl, p, e, s);

    /* The body: every line from the title on, but the title and what was
     * left out. */
    byl_rd_field_open(r, BYL_RF_BODY);
    int k = 0, first_body = 1, dl_mo = 0, dl_d = 0;
    int64_t dl_date = BYL_NO_DATE;
    p = body_from;
    while (next_line(&p, e, &l)) {
        while (k < d.n && d.at[k] < l.p)
            k++;
        if (k < d.n && l.p == d.at[k]) {
            k++;
            continue;
        }
        size_t before = r->out.len;
        byl_rd_clean(l.p, (size_t)(l.e - l.p), 0, &r->out);
        /* the dateline opens the first paragraph of the story, which may
         * come after a dek or two ("Fjord1 contract worth ...") */
        if (first_body > 0 && first_body <= DATELINE_LINES && r->out.len > before) {
            const char *ag = byl_rd_dateline_agency((const char *)r->out.data + before,
                                                    r->out.len - before);
            if (!agency && ag)
                agency = ag;
            size_t b0 = before;
            while (b0 < r->out.len && r->out.data[b0] == ' ')
                b0++;
            int mo = 0, dd = 0;
            int64_t t = dateline_date((const char *)r->out.data + b0, r->out.len - b0, &mo, &dd);
            if (t != BYL_NO_DATE || mo) {
                dl_date = t, dl_mo = mo, dl_d = dd;
                first_body = -1; /* found */
            } else if (ag) {
                first_body = -1;
            }
            /* a release's highlights ("• 320 jobs, ...") stand between
             * its headline and the dateline: list items are no paragraph */
            for (size_t i = before; first_body > 0 && i < r->out.len; i++)
                if (!byl_rd_is_space(r->out.data[i])) {
                    if (!list_item((const char *)r->out.data + i, r->out.len - i))
                        first_body++;
                    break;
                }
        }
        byl_buf_put_u8(&r->out, '\n');
    }
    (void)para;
    byl_rd_field_close(r, BYL_RF_BODY);

    if (r->tmp.len)
        byl_rd_put(r, BYL_RF_AUTHOR, (const char *)r->tmp.data, r->tmp.len);
    if (agency)
        byl_rd_put(r, BYL_RF_SOURCE, agency, strlen(agency));
    else if ((nlh || provided) && issuer[0])
        byl_rd_put(r, BYL_RF_SOURCE, issuer, strlen(issuer));
    if (date == BYL_NO_DATE)
        date = dl_date;
    if (date == BYL_NO_DATE)
        date = tail_date;
    if (date == BYL_NO_DATE && dl_mo)
        date = dateline_year(r, &v, dl_mo, dl_d);
    /* no line read as a date line: a head line holding a whole date
     * among a few other words (byl_rd_date_loose), the first of them */
    p = s;
    for (int i = 0; date == BYL_NO_DATE && i < LOOSE_LINES && next_line(&p, e, &l);) {
        size_t cn = clean(&cl, &l, 1);
        if (!cn)
            continue;
        i++;
        int64_t t;
        if (cn <= META_MAX && byl_rd_date_loose(cdata(&cl), cn, r->art_order, &t))
            date = t;
    }
    if (date == BYL_NO_DATE)
        date = path_date(idname);
    if (cl.failed || jb.failed || r->tmp.failed) {
        r->tmp.failed = 0;
        r->out.failed = 1;
    }
    byl_buf_reset(&cl);
    byl_buf_reset(&jb);
    byl_rd_sidecar(r, &date);
    return byl_rd_emit(r, a, date, 1, 0);
}

int byl_rd_text_next(byl_reader *r, byl_article *a)
{
    /* The whole file is one record: read it all, within the limit.  A NUL
     * byte or an oversize file ends the input at once (nothing else in the
     * file could be an article), with one warning and no draining. */
    for (;;) {
        const char *nul = r->scan < r->end ? memchr(r->buf + r->scan, 0, r->end - r->scan) : NULL;
        if (nul) {
            byl_rd_skip(r, BYL_SKIP_BINARY, 1, 0, "NUL byte at offset %llu: binary data, not text%s",
                        (unsigned long long)(r->base + (size_t)(nul - r->buf)),
                        r->base ? "" : binary_hint(r->buf, r->end));
            r->err_reported = 1;
            return byl_rd_finish(r, 1, 0);
        }
        r->scan = r->end;
        if (r->end - r->start > r->max_record) {
            byl_rd_skip(r, BYL_SKIP_TOOLONG, 1, 0, "file longer than %zu bytes", r->max_record);
            r->err_reported = 1;
            return byl_rd_finish(r, 1, 0);
        }
        if (r->eof)
            break;
        int rc = byl_rd_fill(r);
        if (rc < 0) {
            r->done = 1;
            return rc;
        }
    }
    if (r->in_err) {
        if (r->end > r->start)
            byl_rd_cut(r, 1, 0);
        return byl_rd_finish(r, 1, 0);
    }
    r->done = 1;
    return text_article(r, a);
}
