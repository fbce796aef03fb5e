/*
 * headline.c - the features of an article's head lines, and their scores
 * under the trained model (contract in headline.h).
 *
 * Five rounds of rules, one layout at a time, fixed the pages they were
 * written on and missed the next unseen set's (breadcrumbs, cookie
 * banners, mastheads with the weather).  So each of the first BYL_HL_HEAD
 * non-blank lines gets the features a reader goes by -- where it stands,
 * its length and case, how it ends, separators, a date, a byline, chrome
 * words, whether its words come back in the story below (a headline's do,
 * chrome's do not), whether it repeats, what its neighbours are, and
 * whether the rules took it -- and a linear model trained on the checked-in
 * sets (bench/names/headmodel.py) scores them.
 *
 * Cost: one pass over at most BYL_HL_SCAN bytes (word hashes into a fixed
 * table, line hashes against the head's), a cleaning of each head line's
 * first 256 bytes, and the byline and date parsers only on short lines
 * that may be such.  text.c runs all this only over a doubtful headline
 * (byl_hl_gate, from the line's cheap features): indexing the web sets
 * costs about 2% more instructions so, where every article cost 70% more.
 *
 * Not for: deciding what a byline or date says (byline.c, date.c), nor
 * the rules' own choice (text.c).
 */
#include <string.h>

#include "doc/_reader.h"
#include "doc/headline.h"
#include "util/err.h"

int byl_line_next(const char **p, const char *e, byl_line *l)
{
    if (*p >= e)
        return 0;
    const char *nl = memchr(*p, '\n', (size_t)(e - *p));
    l->p = *p;
    l->e = nl ? nl : e;
    *p = nl ? nl + 1 : e;
    if (l->e > l->p && l->e[-1] == '\r')
        l->e--;
    return 1;
}

const char *byl_hl_feature_name(int k)
{
    static const char *const names[] = {
#define BYL_HL_NAME(n) #n,
        BYL_HL_FEATURES(BYL_HL_NAME)
#undef BYL_HL_NAME
    };
    return k >= 0 && k < BYL_HL_NFEAT ? names[k] : "?";
}

/* Words looked for at the start of a word of the lower-cased line, each
 * with what it tells: page chrome (a headline seldom has them, a site's
 * furniture nearly always does), a credit, a link or an address. */
/* W_NEWSY: chrome that a headline may say too ("live", "breaking",
 * "weather"): one of them leaves a line headline-shaped, where a word of
 * the site's machinery ("newsletter", "cookie", "share") does not. */
enum { W_CHROME, W_NEWSY, W_CREDIT, W_URL, W_SOCIAL, W_KINDS };
static const struct {
    const char *w;
    int what;
} head_words[] = {
    {"cookie", W_CHROME}, {"subscribe", W_CHROME}, {"sign in", W_CHROME}, {"log in", W_CHROME},
    {"sign up", W_CHROME}, {"newsletter", W_CHROME}, {"advertisement", W_CHROME},
    {"menu", W_CHROME}, {"share", W_CHROME}, {"listen", W_CHROME}, {"min read", W_CHROME},
    {"updated", W_CHROME}, {"privacy", W_CHROME}, {"accept", W_CHROME}, {"home", W_CHROME},
    {"search", W_CHROME}, {"follow us", W_CHROME}, {"e-paper", W_CHROME}, {"epaper", W_CHROME},
    {"podcast", W_NEWSY}, {"episode", W_NEWSY}, {"weather", W_NEWSY}, {"shows", W_NEWSY},
    {"read more", W_CHROME}, {"watch", W_NEWSY}, {"skip to", W_CHROME},
    {"in your browser", W_CHROME}, {"print", W_CHROME}, {"support us", W_CHROME},
    {"about us", W_CHROME}, {"contact", W_CHROME}, {"trending", W_NEWSY},
    {"breaking", W_NEWSY}, {"live", W_NEWSY}, {"view this", W_CHROME}, {"since", W_NEWSY},
    {"community", W_NEWSY}, {"from:", W_CHROME}, {"to:", W_CHROME}, {"subject:", W_CHROME},
    {"date:", W_CHROME}, {"caption", W_CHROME}, {"[image]", W_CHROME}, {"[photo]", W_CHROME},
    {"photo:", W_CHROME}, {"courtesy", W_CHROME}, {"getty", W_CHROME},
    {"change size", W_CHROME}, {"by ", W_CREDIT}, {"story:", W_CREDIT},
    {"reporter", W_CREDIT}, {"author", W_CREDIT}, {"correspondent", W_CREDIT},
    {"editor", W_CREDIT}, {"written", W_CREDIT}, {"http", W_URL}, {"www.", W_URL},
    /* what a feed or a mailing says of a post, not a headline: a closed
     * class of page chrome (LinkedIn, Reddit, Mastodon, X, newsletters) */
    {"reposted", W_SOCIAL}, {"posted by", W_SOCIAL}, {"shared a post", W_SOCIAL},
    {"shared this", W_SOCIAL}, {"liked this", W_SOCIAL}, {"commented on", W_SOCIAL},
    {"retweeted", W_SOCIAL}, {"boosted", W_SOCIAL}, {"u/", W_SOCIAL},
    {"view this email", W_SOCIAL}, {"view in browser", W_SOCIAL}, {"view online", W_SOCIAL},
    {"view it in your browser", W_SOCIAL}, {"email in your browser", W_SOCIAL},
    /* a mailing's pre-header speaks of itself: "Trouble reading this
     * email?", "Not displaying correctly?", "Open it in your browser" */
    {"this email", W_SOCIAL}, {"this e-mail", W_SOCIAL}, {"this newsletter", W_SOCIAL},
    {"open it in your browser", W_SOCIAL}, {"open in browser", W_SOCIAL},
    {"open in your browser", W_SOCIAL}, {"displaying correctly", W_SOCIAL},
    {"web version", W_SOCIAL}, {"read it online", W_SOCIAL}, {"read online", W_SOCIAL}};

static int lower(int c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }

/* Counts into got[W_CHROME..W_SOCIAL] the words of head_words that begin at
 * a word start of the lower-cased line lc[0, n) (the line's start, or
 * after a blank): one look at each word, not one search per word. */
static void head_word_counts(const char *lc, size_t n, int got[W_KINDS])
{
    memset(got, 0, sizeof(int) * W_KINDS);
    for (size_t i = 0; i < n; i++) {
        if (i && lc[i - 1] != ' ')
            continue;
        for (size_t w = 0; w < sizeof head_words / sizeof head_words[0]; w++) {
            const char *hw = head_words[w].w;
            if (hw[0] != lc[i] || (hw[1] && (i + 1 >= n || hw[1] != lc[i + 1])))
                continue;
            size_t m = strlen(hw);
            got[head_words[w].what] += m <= n - i && !memcmp(lc + i, hw, m);
        }
    }
}

static uint32_t fnv(uint32_t h, int c) { return (h ^ (uint32_t)c) * 16777619u; }

#define TABLE BYL_HL_TABLE
#define TABLE_FULL (TABLE * 3 / 4)

/* The slot of word hash k in h's table, or -1 when full and absent. */
static int slot(byl_hl_head *h, uint32_t k, int *used)
{
    uint32_t i = k & (TABLE - 1);
    while (h->key[i] && h->key[i] != k)
        i = (i + 1) & (TABLE - 1);
    if (!h->key[i]) {
        if (*used >= TABLE_FULL)
            return -1;
        h->key[i] = k;
        (*used)++;
    }
    return (int)i;
}

static size_t uzero(const char *q, const char *e);

/* The hash of a word (four bytes or more, ASCII lower-cased, zero-width
 * characters left out) or 0. */
static uint32_t word_hash(const char *s, size_t n)
{
    uint32_t k = 2166136261u;
    size_t m = 0;
    for (size_t i = 0; i < n;) {
        size_t z = uzero(s + i, s + n);
        if (z) {
            i += z;
            continue;
        }
        k = fnv(k, lower((unsigned char)s[i++]));
        m++;
    }
    if (m < 4)
        return 0;
    return k ? k : 1;
}

static int word_byte(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c >= 0x80 || c == '\'';
}

/* Bytes of a Unicode blank at q (before e), or 0: U+00A0, U+2000..U+200A,
 * U+202F, U+205F, U+3000.  They part words as a space does (a copy may
 * have any of them). */
static size_t ublank(const char *q, const char *e)
{
    const unsigned char *u = (const unsigned char *)q;
    size_t n = (size_t)(e - q);
    if (n >= 2 && u[0] == 0xC2 && u[1] == 0xA0)
        return 2;
    if (n >= 3 && ((u[0] == 0xE2 && u[1] == 0x80 && (u[2] <= 0x8A || u[2] == 0xAF)) ||
                   (u[0] == 0xE2 && u[1] == 0x81 && u[2] == 0x9F) ||
                   (u[0] == 0xE3 && u[1] == 0x80 && u[2] == 0x80)))
        return 3;
    return 0;
}

/* Bytes of a zero-width character at q (before e), or 0: U+200B..U+200D,
 * U+2060, U+FEFF, U+00AD.  Inside a word they are nothing. */
static size_t uzero(const char *q, const char *e)
{
    const unsigned char *u = (const unsigned char *)q;
    size_t n = (size_t)(e - q);
    if (n >= 2 && u[0] == 0xC2 && u[1] == 0xAD)
        return 2;
    if (n >= 3 && ((u[0] == 0xE2 && u[1] == 0x80 && u[2] >= 0x8B && u[2] <= 0x8D) ||
                   (u[0] == 0xE2 && u[1] == 0x81 && u[2] == 0xA0) ||
                   (u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF)))
        return 3;
    return 0;
}

/* The next word of [*q, e) into [*w, *q): 0 at the end.  Words part at
 * blanks, Unicode ones too, and at punctuation. */
static int next_word(const char **q, const char *e, const char **w)
{
    while (*q < e) {
        size_t b = ublank(*q, e);
        if (!b && word_byte((unsigned char)**q))
            break;
        *q += b ? b : 1;
    }
    *w = *q;
    while (*q < e && word_byte((unsigned char)**q) && !ublank(*q, e))
        (*q)++;
    return *q > *w;
}

/* The hash of line [p, e) without its blanks at either end, 0 if blank. */
static uint32_t line_hash(const char *p, const char *e)
{
    while (p < e && byl_rd_is_space((unsigned char)*p))
        p++;
    while (e > p && byl_rd_is_space((unsigned char)e[-1]))
        e--;
    if (p == e)
        return 0;
    uint32_t k = 2166136261u;
    for (; p < e; p++)
        k = fnv(k, (unsigned char)*p);
    return k ? k : 1;
}

/* The gaps of a bar of sections set apart by blanks alone ("Frontpage
 * Iceland   Economy   Culture", a menu copied from a page: the cleaned
 * line keeps a run of blanks as two): three gaps or more, each item one to
 * three words opening with a capital or no letter, none ending a
 * sentence.  A headline copied with a double blank in it has one or two
 * gaps and items in lower case; 0 when the line is no such bar. */
static int gap_bar(const char *s, size_t n)
{
    int gaps = 0;
    size_t i = 0;
    while (i < n) {
        size_t j = i, w = 0;
        int ok = 1;
        while (j < n && !(s[j] == ' ' && j + 1 < n && s[j + 1] == ' ')) {
            if (j == i || s[j - 1] == ' ') {
                unsigned char c = (unsigned char)s[j];
                if (!w++ && c >= 'a' && c <= 'z')
                    ok = 0; /* an item opens with a capital ("Front page") */
            }
            j++;
        }
        if (!ok || w == 0 || w > 3 || s[j - 1] == '.')
            return 0;
        if (j >= n)
            break;
        gaps++;
        while (j < n && s[j] == ' ')
            j++;
        i = j;
    }
    return gaps >= 3 ? gaps : 0;
}

/* The separators of a line of sections: | › » > / · • ●, or the gaps of
 * a bar set apart by blanks (gap_bar). */
static int separators(const char *s, size_t n)
{
    int k = gap_bar(s, n);
    if (k)
        return k;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '|' || c == '>' || c == '/')
            k++;
        else if (c == 0xC2 && i + 1 < n &&
                 ((unsigned char)s[i + 1] == 0xBB || (unsigned char)s[i + 1] == 0xB7))
            k++; /* » · */
        else if (c == 0xE2 && i + 2 < n &&
                 ((!memcmp(s + i, "\xE2\x80\xBA", 3)) || !memcmp(s + i, "\xE2\x80\xA2", 3) ||
                  !memcmp(s + i, "\xE2\x97\x8F", 3)))
            k++; /* › • ● */
    }
    return k;
}

/* Whether s[0, n) is a bar of short items, however few: two items or
 * more parted by separators (| › » > · • ●, a spaced /), each one to
 * three words opening with a capital or no letter, none ending a
 * sentence, more of them of one word than longer, no digit ("Español |
 * English", "News · Sport"): a site's language switch or menu.  A
 * kicker before a headline ("Opinion | Why ...") has a longer side, a
 * byline ("Jane Roe | Nairobi") a two-word name, a date line digits. */
static int short_items(const char *s, size_t n)
{
    int one = 0, more = 0, seps = 0;
    size_t b = 0;
    for (size_t i = 0; i <= n;) {
        size_t k = 0; /* the separator's bytes at i, 0 if none */
        if (i < n) {
            unsigned char c = (unsigned char)s[i];
            if (c >= '0' && c <= '9')
                return 0;
            if (c == '|' || c == '>' ||
                (c == '/' && i > 0 && s[i - 1] == ' ' && i + 1 < n && s[i + 1] == ' '))
                k = 1;
            else if (c == 0xC2 && i + 1 < n &&
                     ((unsigned char)s[i + 1] == 0xBB || (unsigned char)s[i + 1] == 0xB7))
                k = 2; /* » · */
            else if (c == 0xE2 && i + 2 < n &&
                     (!memcmp(s + i, "\xE2\x80\xBA", 3) || !memcmp(s + i, "\xE2\x80\xA2", 3) ||
                      !memcmp(s + i, "\xE2\x97\x8F", 3)))
                k = 3; /* › • ● */
            if (!k) {
                i++;
                continue;
            }
            seps++;
        }
        /* the item s[b, i) */
        size_t x = b, y = i;
        while (x < y && s[x] == ' ')
            x++;
        while (y > x && s[y - 1] == ' ')
            y--;
        if (y > x) {
            int w = 0;
            for (size_t j = x; j < y; j++)
                w += s[j] != ' ' && (j == x || s[j - 1] == ' ');
            if (w > 3 || s[y - 1] == '.' || (s[x] >= 'a' && s[x] <= 'z'))
                return 0;
            if (w == 1)
                one++;
            else
                more++;
        }
        if (i >= n)
            break;
        i += k;
        b = i;
    }
    return seps && one + more >= 2 && one > more;
}

/* Whether head line g may be an item of a menu set one item a line
 * ("World" over "Business" over "Commodities"): one to three capitalised
 * words, no digit, no stop, no credit, date or byline. */
static int column_item(const byl_hl_line *g)
{
    const float *f = g->f;
    return g->words >= 1 && g->words <= 3 && f[BYL_HL_F_caps] >= 1.0f &&
           f[BYL_HL_F_digits] == 0 && f[BYL_HL_F_end_stop] == 0 && f[BYL_HL_F_end_colon] == 0 &&
           f[BYL_HL_F_credit] == 0 && f[BYL_HL_F_date] == 0 && f[BYL_HL_F_byline] == 0 &&
           f[BYL_HL_F_social] == 0;
}

/* Whether the lines g[0, ng) under a line are a bar of sections: the
 * first a bar (two separators or more, or short_items), or the first
 * three a menu set one item a line, two of them one word at least (a
 * name over its role, "Jane Roe" over "Staff Writer", is no menu). */
static int nav_under(const byl_hl_line *g, int ng)
{
    if (ng < 1)
        return 0;
    if (g[0].f[BYL_HL_F_seps] > 0.5f || g[0].bar)
        return 1;
    if (ng < 3)
        return 0;
    int one = 0;
    for (int k = 0; k < 3; k++) {
        if (!column_item(&g[k]))
            return 0;
        one += g[k].words == 1;
    }
    return one >= 2;
}

/* 1 if the acronym a[0, an) (ASCII capitals) is spelled, in order, by a
 * prefix of a letter or more of each of the words w[j..nw): "FECOPAV" by
 * Federación Colombiana Patinaje Velocidad (a syllabic acronym), "BBC" by
 * British Broadcasting Corporation.  Every word gives its part. */
static int spelled(const char *a, size_t an, const char *const *w, const size_t *wl, int nw,
                   int j)
{
    if (!an || j >= nw)
        return !an && j == nw;
    for (size_t k = 1; k <= an && k <= wl[j] && lower((unsigned char)w[j][k - 1]) == lower(a[k - 1]);
         k++)
        if (spelled(a + k, an - k, w, wl, nw, j + 1))
            return 1;
    return 0;
}

/* A word of two to ten ASCII capitals, with a colon after it or in
 * parentheses: an acronym.  Its letters go to *a, *an. */
static int acronym_word(const char *w, size_t n, const char **a, size_t *an)
{
    if (n >= 2 && w[0] == '(' && w[n - 1] == ')')
        w++, n -= 2;
    else if (n && w[n - 1] == ':')
        n--;
    if (n < 2 || n > 10)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!(w[i] >= 'A' && w[i] <= 'Z'))
            return 0;
    *a = w, *an = n;
    return 1;
}

/* 1 if the cleaned line s[0, n) names an organisation and says nothing
 * more: an acronym and the words it is made of, either way round, a dash,
 * bar or colon between or not ("FECOPAV – Federación Colombiana de
 * Patinaje de Velocidad", "Kenya Ports Authority (KPA)").  A masthead, not
 * a headline: a headline says what happened.  Short lower-case words
 * (particles: de, of, and) are passed over; any other lower-case word, or
 * a digit, is a sentence's. */
static int org_name(const char *s, size_t n)
{
    const char *w[16], *cw[16];
    size_t wl[16], cwl[16];
    int nw = 0;
    for (size_t i = 0; i < n;) {
        while (i < n && s[i] == ' ')
            i++;
        size_t w0 = i;
        while (i < n && s[i] != ' ')
            i++;
        if (i == w0)
            break;
        if (nw == 16)
            return 0;
        w[nw] = s + w0, wl[nw++] = i - w0;
    }
    if (nw < 3)
        return 0;
    const char *a;
    size_t an;
    int at;
    if (acronym_word(w[0], wl[0], &a, &an))
        at = 0;
    else if (acronym_word(w[nw - 1], wl[nw - 1], &a, &an))
        at = nw - 1;
    else
        return 0;
    int nc = 0;
    for (int i = 0; i < nw; i++) {
        if (i == at)
            continue;
        unsigned char c = (unsigned char)w[i][0];
        if ((wl[i] == 1 && (c == '-' || c == '|' || c == ':')) ||
            (wl[i] == 3 && !memcmp(w[i], "\xE2\x80", 2) &&
             ((unsigned char)w[i][2] == 0x93 || (unsigned char)w[i][2] == 0x94)))
            continue; /* - | : – — */
        for (size_t k = 0; k < wl[i]; k++)
            if (w[i][k] >= '0' && w[i][k] <= '9')
                return 0;
        if (c >= 'a' && c <= 'z') {
            if (wl[i] > 4)
                return 0;
            continue;
        }
        cw[nc] = w[i], cwl[nc++] = wl[i];
    }
    return nc >= 2 && spelled(a, an, cw, cwl, nc, 0);
}

/* The own features of the cleaned line s[0, n) (not its neighbours');
 * with parse 0 not the dear ones (date, byline, label). */
static void own_features(const char *s, size_t n, int order, byl_buf *scratch, byl_hl_line *hl,
                         int parse)
{
    float *f = hl->f;
    int words = 0, capital = 0, lettered = 0, long_words = 0, long_caps = 0, lower_letters = 0,
        upper_letters = 0, digits = 0, chars = 0;
    size_t i = 0;
    while (i < n) {
        while (i < n && s[i] == ' ')
            i++;
        if (i >= n)
            break;
        size_t w0 = i;
        while (i < n && s[i] != ' ')
            i++;
        words++;
        unsigned char c0 = (unsigned char)s[w0];
        int letter = (c0 >= 'a' && c0 <= 'z') || (c0 >= 'A' && c0 <= 'Z') || c0 >= 0xC0;
        int cap = (c0 >= 'A' && c0 <= 'Z') || (c0 >= 0xC0 && c0 < 0xE0 && i - w0 >= 2 &&
                                                  ((unsigned char)s[w0 + 1] & 0x3F) < 0x20 &&
                                                  c0 == 0xC3); /* Latin-1 capitals */
        lettered += letter;
        capital += letter && cap;
        if (i - w0 >= 4 && letter) {
            long_words++;
            long_caps += cap;
        }
    }
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        chars += (c & 0xC0) != 0x80;
        digits += c >= '0' && c <= '9';
        lower_letters += c >= 'a' && c <= 'z';
        upper_letters += c >= 'A' && c <= 'Z';
    }
    hl->words = words;
    f[BYL_HL_F_words] = (float)(words > 40 ? 40 : words) / 40.0f;
    f[BYL_HL_F_few_words] = words <= 3;
    f[BYL_HL_F_head_words] = words >= 4 && words <= 22;
    f[BYL_HL_F_long_line] = chars > 160;
    f[BYL_HL_F_caps] = lettered ? (float)capital / (float)lettered : 0.0f;
    f[BYL_HL_F_all_caps] = upper_letters >= 3 && lower_letters == 0;
    f[BYL_HL_F_title_case] = long_words >= 2 && long_caps == long_words;
    char last = n ? s[n - 1] : 0;
    f[BYL_HL_F_end_stop] = last == '.';
    f[BYL_HL_F_end_qx] = last == '?' || last == '!';
    f[BYL_HL_F_end_colon] = last == ':';
    f[BYL_HL_F_inner_colon] = n > 1 && memchr(s, ':', n - 1) != NULL;
    int seps = separators(s, n);
    f[BYL_HL_F_seps] = (float)(seps > 3 ? 3 : seps) / 3.0f;
    hl->bar = short_items(s, n);
    f[BYL_HL_F_digits] = chars ? (float)digits / (float)chars : 0.0f;
    int year = 0;
    for (i = 0; i + 4 <= n && !year; i++)
        year = (s[i] == '1' || s[i] == '2') && (s[i + 1] == '9' || s[i + 1] == '0') &&
               s[i + 2] >= '0' && s[i + 2] <= '9' && s[i + 3] >= '0' && s[i + 3] <= '9' &&
               (i + 4 == n || !(s[i + 4] >= '0' && s[i + 4] <= '9')) &&
               (i == 0 || !(s[i - 1] >= '0' && s[i - 1] <= '9'));
    f[BYL_HL_F_year] = year;
    char lc[256]; /* the line's start, lower-cased: chrome is said early */
    size_t ln = n < sizeof lc ? n : sizeof lc;
    for (i = 0; i < ln; i++)
        lc[i] = (char)lower((unsigned char)s[i]);
    int got[W_KINDS];
    head_word_counts(lc, ln, got);
    f[BYL_HL_F_social] = got[W_SOCIAL] > 0;
    f[BYL_HL_F_org_name] = org_name(s, n);
    f[BYL_HL_F_lead_in] = byl_rd_byline_lead(s, n);
    f[BYL_HL_F_url] = got[W_URL] || memchr(s, '@', n) != NULL;
    int ch = got[W_CHROME] + got[W_NEWSY];
    f[BYL_HL_F_chrome] = (float)(ch > 2 ? 2 : ch) / 2.0f;
    f[BYL_HL_F_credit] = got[W_CREDIT] > 0;
    /* The parsers are dear: a date line only where a year is, a byline
     * only where a credit word is or the line is a short run of capitalised
     * words (a name), and both only on short lines. */
    int64_t t;
    if (parse && n <= 120 && words <= 16) {
        if (year)
            f[BYL_HL_F_date] = byl_rd_date_line(s, n, order, &t) != 0;
        if (got[W_CREDIT] || (words >= 2 && words <= 5 && capital == lettered && !digits)) {
            scratch->len = 0;
            f[BYL_HL_F_byline] = byl_rd_byline_ex(s, n, 1, order, scratch, 0, NULL, NULL) >= 0;
        }
        if (words <= 6)
            f[BYL_HL_F_label] = byl_rd_label_line(s, n, 1);
    }
    /* "[Image] ...", "(Photo: ...)", markup or data ("{", "<") */
    f[BYL_HL_F_bracket] = n && (s[0] == '[' || s[0] == '(' || s[0] == '{' || s[0] == '<');
    f[BYL_HL_F_shape] = words >= 4 && words <= 22 && last != '.' && !got[W_CHROME] && ch < 2 && !seps &&
                        chars <= 160 &&
                        !f[BYL_HL_F_date] && !f[BYL_HL_F_byline] && lower_letters > 0;
}

/* A paragraph: a long line, or a sentence of twelve words or more. */
static int para_line(const byl_hl_line *g)
{
    return g->f[BYL_HL_F_long_line] > 0 || (g->words >= 12 && g->f[BYL_HL_F_end_stop] > 0);
}

/* A name alone on its line: two to five capitalised words, no digit, no
 * separator, no stop ("Iryna Kovalchuk-Melnyk"): a writer's line. */
static int name_alone(const byl_hl_line *g)
{
    const float *f = g->f;
    return g->words >= 2 && g->words <= 5 && f[BYL_HL_F_caps] >= 1.0f && f[BYL_HL_F_digits] == 0 &&
           f[BYL_HL_F_seps] == 0 && f[BYL_HL_F_end_stop] == 0 && f[BYL_HL_F_all_caps] == 0 &&
           f[BYL_HL_F_chrome] == 0 && f[BYL_HL_F_social] == 0;
}

#define LEAD_WORDS 128 /* words of the lead paragraph compared */

/* The share of line i's words (four bytes or more) that the first
 * paragraph below it in the head holds: a headline's words come back in
 * its lead at once, a masthead's motto or a newsletter's blurb do not.
 * 0 when no paragraph follows in the head. */
static float lead_overlap(const byl_hl_head *h, int i)
{
    int j = i + 1;
    while (j < h->n && !para_line(&h->line[j]))
        j++;
    if (j >= h->n)
        return 0.0f;
    uint32_t lead[LEAD_WORDS];
    int nl = 0;
    const byl_line *pl = &h->line[j].line;
    for (const char *q = pl->p; q < pl->e && nl < LEAD_WORDS;) {
        const char *w;
        if (!next_word(&q, pl->e, &w))
            break;
        uint32_t k = word_hash(w, (size_t)(q - w));
        if (k)
            lead[nl++] = k;
    }
    int words = 0, in = 0;
    const byl_line *il = &h->line[i].line;
    for (const char *q = il->p; q < il->e;) {
        const char *w;
        if (!next_word(&q, il->e, &w))
            break;
        uint32_t k = word_hash(w, (size_t)(q - w));
        if (!k)
            continue;
        words++;
        for (int m = 0; m < nl; m++)
            if (lead[m] == k) {
                in++;
                break;
            }
    }
    return words ? (float)in / (float)words : 0.0f;
}

/* 1 if the cleaned line s[0, n) holds quote marks and blanks only: a
 * blank line of a quoted story. */
static int marks_only(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != '>' && s[i] != ' ')
            return 0;
    return 1;
}

int byl_hl_features(const char *s, size_t n, int order, const char *rule_title, byl_buf *cl,
                    byl_buf *scratch, byl_hl_head *h)
{
    h->n = 0;
    const char *p = s, *e = s + n;
    byl_line l;
    /* the head lines and their own features */
    uint32_t lh[BYL_HL_HEAD];
    int raw[BYL_HL_HEAD]; /* raw line index of each head line */
    int li = 0;
    while (h->n < BYL_HL_HEAD && byl_line_next(&p, e, &l)) {
        li++;
        cl->len = 0;
        size_t ln = (size_t)(l.e - l.p);
        byl_rd_clean(l.p, ln > 256 ? 256 : ln, 1, cl); /* enough to tell */
        if (cl->failed)
            return BYL_ENOMEM;
        if (!cl->len || marks_only((const char *)cl->data, cl->len))
            continue; /* blank, or a quote's blank line ("> ") */
        byl_hl_line *hl = &h->line[h->n];
        memset(hl, 0, sizeof *hl);
        hl->line = l;
        own_features((const char *)cl->data, cl->len, order, scratch, hl, 1);
        if (ln > 256)
            hl->f[BYL_HL_F_long_line] = 1;
        hl->f[BYL_HL_F_bias] = 1;
        hl->f[BYL_HL_F_first] = h->n == 0;
        hl->f[BYL_HL_F_pos] = (float)h->n / BYL_HL_HEAD;
        hl->f[BYL_HL_F_rule] = rule_title == l.p;
        lh[h->n] = line_hash(l.p, l.e);
        raw[h->n] = li - 1;
        h->n++;
    }
    if (scratch->failed)
        return h->n = 0, BYL_ENOMEM;

    /* one pass over the text: where each word occurs last, and which head
     * lines repeat */
    memset(h->key, 0, sizeof h->key);
    int used = 0, at = 0, rep[BYL_HL_HEAD] = {0};
    const char *scan_end = n > BYL_HL_SCAN ? s + BYL_HL_SCAN : e;
    for (p = s; byl_line_next(&p, scan_end, &l); at++) {
        uint32_t k = line_hash(l.p, l.e);
        for (int i = 0; k && i < h->n; i++)
            rep[i] += lh[i] == k;
        for (const char *q = l.p; q < l.e;) {
            const char *w;
            if (!next_word(&q, l.e, &w))
                break;
            uint32_t wk = word_hash(w, (size_t)(q - w));
            int sl = wk ? slot(h, wk, &used) : -1;
            if (sl >= 0)
                h->last[sl] = (uint32_t)at;
        }
    }
    for (int i = 0; i < h->n; i++) {
        byl_hl_line *hl = &h->line[i];
        hl->f[BYL_HL_F_repeats] = rep[i] > 1;
        int words = 0, below = 0;
        for (const char *q = hl->line.p; q < hl->line.e;) {
            const char *w;
            if (!next_word(&q, hl->line.e, &w))
                break;
            uint32_t wk = word_hash(w, (size_t)(q - w));
            if (!wk)
                continue;
            uint32_t j = wk & (TABLE - 1);
            while (h->key[j] && h->key[j] != wk)
                j = (j + 1) & (TABLE - 1);
            words++;
            below += h->key[j] == wk && (int)h->last[j] > raw[i];
        }
        hl->f[BYL_HL_F_recur] = words ? (float)below / (float)words : 0.0f;
        hl->f[BYL_HL_F_recur_none] = words >= 2 && !below;
    }

    /* the neighbours, and the order of headline-shaped lines */
    int shapes = 0;
    for (int i = 0; i < h->n; i++) {
        float *f = h->line[i].f;
        f[BYL_HL_F_shape_rank] = (float)(shapes > 3 ? 3 : shapes) / 3.0f;
        shapes += f[BYL_HL_F_shape] > 0;
        for (int j = i + 1; j <= i + 2 && j < h->n; j++) {
            const float *g = h->line[j].f;
            if (g[BYL_HL_F_date] > 0 || g[BYL_HL_F_byline] > 0 || g[BYL_HL_F_credit] > 0)
                f[BYL_HL_F_next_meta] = 1;
        }
        if (i + 1 < h->n) {
            const float *g = h->line[i + 1].f;
            f[BYL_HL_F_next_para] = g[BYL_HL_F_long_line] > 0 ||
                                    (h->line[i + 1].words >= 12 && g[BYL_HL_F_end_stop] > 0);
            f[BYL_HL_F_next_chrome] = g[BYL_HL_F_chrome] > 0 || g[BYL_HL_F_seps] > 0;
            f[BYL_HL_F_next_shape] = g[BYL_HL_F_shape];
            f[BYL_HL_F_next_nav] = nav_under(&h->line[i + 1], h->n - i - 1);
        }
        /* a byline, a date line, a credit or a name alone a few lines
         * below, before any paragraph: a headline's metadata */
        for (int j = i + 1; j <= i + 4 && j < h->n; j++) {
            const byl_hl_line *g = &h->line[j];
            if (para_line(g))
                break;
            if (g->f[BYL_HL_F_date] > 0 || g->f[BYL_HL_F_byline] > 0 ||
                g->f[BYL_HL_F_credit] > 0 || name_alone(g))
                f[BYL_HL_F_meta_below] = 1;
        }
        f[BYL_HL_F_lead_overlap] = lead_overlap(h, i);
        if (i > 0) {
            const float *g = h->line[i - 1].f;
            f[BYL_HL_F_prev_meta] = g[BYL_HL_F_date] > 0 || g[BYL_HL_F_byline] > 0;
            f[BYL_HL_F_prev_chrome] = g[BYL_HL_F_chrome] > 0 || g[BYL_HL_F_seps] > 0;
            f[BYL_HL_F_prev_shape] = g[BYL_HL_F_shape];
        }
    }
    return BYL_OK;
}

int byl_hl_gate(const float *f)
{
    return f[BYL_HL_F_chrome] >= 1 || f[BYL_HL_F_seps] > 0 || f[BYL_HL_F_url] > 0 ||
           f[BYL_HL_F_few_words] > 0 || f[BYL_HL_F_end_colon] > 0 || f[BYL_HL_F_bracket] > 0 ||
           f[BYL_HL_F_social] > 0 || f[BYL_HL_F_org_name] > 0;
}

int byl_hl_rule_doubt(const float *f, int words)
{
    (void)words;
    return byl_hl_gate(f) || f[BYL_HL_F_next_nav] > 0;
}

int byl_hl_doubtful(const byl_line *l, const char *e, byl_buf *cl)
{
    byl_hl_line hl[4];
    memset(hl, 0, sizeof hl);
    const char *p = l->e;
    byl_line nl = *l;
    int k = 0;
    for (;;) {
        size_t ln = (size_t)(nl.e - nl.p);
        cl->len = 0;
        byl_rd_clean(nl.p, ln > 256 ? 256 : ln, 1, cl);
        if (cl->failed)
            return 1; /* the caller's buffer reports the failure */
        own_features((const char *)cl->data, cl->len, 0, NULL, &hl[k], 0);
        if (++k == 4)
            break;
        /* the next non-blank line: a bar of sections under it? */
        if (k == 1) {
            if (p < e && *p == '\r')
                p++;
            if (p < e && *p == '\n')
                p++;
        }
        int got = 0;
        while (!got && byl_line_next(&p, e, &nl)) {
            size_t nn = (size_t)(nl.e - nl.p);
            for (size_t i = 0; i < nn && !got; i++)
                got = !byl_rd_is_space((unsigned char)nl.p[i]);
        }
        if (!got)
            break;
    }
    hl[0].f[BYL_HL_F_next_nav] = nav_under(&hl[1], k - 1);
    return byl_hl_rule_doubt(hl[0].f, hl[0].words);
}

double byl_hl_score(const byl_hl_head *h, int i, int field)
{
    double z = 0;
    for (int k = 0; k < BYL_HL_NFEAT; k++)
        z += byl_hl_weights[field][k] * h->line[i].f[k];
    return z;
}

int byl_hl_pick_title(const byl_hl_head *h, const char *rule_title)
{
    int ri = -1;
    for (int i = 0; i < h->n && ri < 0; i++)
        if (h->line[i].line.p == rule_title)
            ri = i;
    if (ri < 0 || !byl_hl_rule_doubt(h->line[ri].f, h->line[ri].words))
        return -1;
    /* a feed's or a mailing's chrome, or an organisation's name, is no
     * headline by what it is: a later line need not outscore it */
    const float *rf = h->line[ri].f;
    double rs = rf[BYL_HL_F_social] > 0 || rf[BYL_HL_F_org_name] > 0
                    ? -1e9
                    : byl_hl_score(h, ri, BYL_HL_TITLE);
    double best = byl_hl_threshold[BYL_HL_TITLE];
    int bi = -1;
    for (int i = ri + 1; i < h->n; i++) {
        const byl_hl_line *hl = &h->line[i];
        if (hl->words < 2 || para_line(hl) || byl_hl_gate(hl->f) ||
            hl->f[BYL_HL_F_byline] > 0 || hl->f[BYL_HL_F_date] > 0 || hl->f[BYL_HL_F_lead_in] > 0)
            continue; /* a paragraph, a label, a doubtful line, a byline, a
                       * line opening as one ("By Inés Caballero y Montoya",
                       * a reviewed book's author) or a date line: no
                       * headline */
        double sc = byl_hl_score(h, i, BYL_HL_TITLE);
        if (sc > best && sc > rs + byl_hl_margin[BYL_HL_TITLE])
            best = sc, bi = i;
    }
    return bi;
}
