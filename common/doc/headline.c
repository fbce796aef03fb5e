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
enum { W_CHROME, W_CREDIT, W_URL };
static const struct {
    const char *w;
    int what;
} head_words[] = {
    {"cookie", W_CHROME}, {"subscribe", W_CHROME}, {"sign in", W_CHROME}, {"log in", W_CHROME},
    {"sign up", W_CHROME}, {"newsletter", W_CHROME}, {"advertisement", W_CHROME},
    {"menu", W_CHROME}, {"share", W_CHROME}, {"listen", W_CHROME}, {"min read", W_CHROME},
    {"updated", W_CHROME}, {"privacy", W_CHROME}, {"accept", W_CHROME}, {"home", W_CHROME},
    {"search", W_CHROME}, {"follow us", W_CHROME}, {"e-paper", W_CHROME}, {"epaper", W_CHROME},
    {"podcast", W_CHROME}, {"episode", W_CHROME}, {"weather", W_CHROME}, {"shows", W_CHROME},
    {"read more", W_CHROME}, {"watch", W_CHROME}, {"skip to", W_CHROME},
    {"in your browser", W_CHROME}, {"print", W_CHROME}, {"support us", W_CHROME},
    {"about us", W_CHROME}, {"contact", W_CHROME}, {"trending", W_CHROME},
    {"breaking", W_CHROME}, {"live", W_CHROME}, {"view this", W_CHROME}, {"since", W_CHROME},
    {"community", W_CHROME}, {"from:", W_CHROME}, {"to:", W_CHROME}, {"subject:", W_CHROME},
    {"date:", W_CHROME}, {"caption", W_CHROME}, {"[image]", W_CHROME}, {"[photo]", W_CHROME},
    {"photo:", W_CHROME}, {"courtesy", W_CHROME}, {"getty", W_CHROME},
    {"change size", W_CHROME}, {"by ", W_CREDIT}, {"story:", W_CREDIT},
    {"reporter", W_CREDIT}, {"author", W_CREDIT}, {"correspondent", W_CREDIT},
    {"editor", W_CREDIT}, {"written", W_CREDIT}, {"http", W_URL}, {"www.", W_URL}};

static int lower(int c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }

/* Counts into got[W_CHROME..W_URL] the words of head_words that begin at
 * a word start of the lower-cased line lc[0, n) (the line's start, or
 * after a blank): one look at each word, not one search per word. */
static void head_word_counts(const char *lc, size_t n, int got[3])
{
    got[0] = got[1] = got[2] = 0;
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

/* The hash of a word (four bytes or more, ASCII lower-cased) or 0. */
static uint32_t word_hash(const char *s, size_t n)
{
    if (n < 4)
        return 0;
    uint32_t k = 2166136261u;
    for (size_t i = 0; i < n; i++)
        k = fnv(k, lower((unsigned char)s[i]));
    return k ? k : 1;
}

static int word_byte(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c >= 0x80 || c == '\'';
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

/* The separators of a line of sections: | › » > / · • ●. */
static int separators(const char *s, size_t n)
{
    int k = 0;
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
    int got[3];
    head_word_counts(lc, ln, got);
    f[BYL_HL_F_url] = got[W_URL] || memchr(s, '@', n) != NULL;
    int ch = got[W_CHROME];
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
    f[BYL_HL_F_shape] = words >= 4 && words <= 22 && last != '.' && !ch && !seps && chars <= 160 &&
                        !f[BYL_HL_F_date] && !f[BYL_HL_F_byline] && lower_letters > 0;
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
        if (!cl->len)
            continue;
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
            while (q < l.e && !word_byte((unsigned char)*q))
                q++;
            const char *w = q;
            while (q < l.e && word_byte((unsigned char)*q))
                q++;
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
            while (q < hl->line.e && !word_byte((unsigned char)*q))
                q++;
            const char *w = q;
            while (q < hl->line.e && word_byte((unsigned char)*q))
                q++;
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
        }
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
           f[BYL_HL_F_few_words] > 0 || f[BYL_HL_F_end_colon] > 0 || f[BYL_HL_F_bracket] > 0;
}

int byl_hl_doubtful(const byl_line *l, byl_buf *cl)
{
    size_t ln = (size_t)(l->e - l->p);
    cl->len = 0;
    byl_rd_clean(l->p, ln > 256 ? 256 : ln, 1, cl);
    if (cl->failed)
        return 1; /* the caller's buffer reports the failure */
    byl_hl_line hl;
    memset(&hl, 0, sizeof hl);
    own_features((const char *)cl->data, cl->len, 0, NULL, &hl, 0);
    return byl_hl_gate(hl.f);
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
    if (ri < 0 || !byl_hl_gate(h->line[ri].f))
        return -1;
    double rs = byl_hl_score(h, ri, BYL_HL_TITLE), best = byl_hl_threshold[BYL_HL_TITLE];
    int bi = -1;
    for (int i = ri + 1; i < h->n; i++) {
        const byl_hl_line *hl = &h->line[i];
        if (hl->f[BYL_HL_F_long_line] > 0 || hl->words < 2 ||
            (hl->words >= 12 && hl->f[BYL_HL_F_end_stop] > 0) || byl_hl_gate(hl->f))
            continue; /* a paragraph, a label, a doubtful line: no headline */
        double sc = byl_hl_score(h, i, BYL_HL_TITLE);
        if (sc > best && sc > rs + byl_hl_margin[BYL_HL_TITLE])
            best = sc, bi = i;
    }
    return bi;
}
