/*
 * names.c - entity facet: document counts of NAME-field terms, restricted
 * to a match set when there is a query, then display forms.
 *
 * Every NAME term of every segment is visited in dictionary order (k-way
 * merged so that one name in several segments is counted once), and its
 * postings are counted against a per-segment bitmap of matching documents.
 * The work is the size of the name postings, not of the collection.
 *
 * Not for: finding names in text (text/analyzer.c does that).
 */
#include "query/names.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "index/collection.h"
#include "text/analyzer.h"
#include "text/place.h"
#include "text/words.h"
#include "util/err.h"
#include "util/mem.h"

#define FORM_SAMPLES 5
/* Tokens either side of a mention among which a longer name around it
 * stands: a name of up to eight words, each with its stacked forms. */
#define NAME_NEAR 64

typedef struct segset {
    byl_segment *seg;
    uint64_t *bits; /* matching documents; NULL = all */
} segset;

typedef struct facet {
    byl_collection *col; /* the searcher's indexes, numbered as one */
    segset *segs;        /* in the collection's order */
    size_t nsegs;
} facet;

static void mark(void *ctx, uint32_t ix, uint32_t seg, uint32_t doc)
{
    facet *f = ctx;
    segset *s = &f->segs[byl_collection_seg_pos(f->col, ix, seg)];
    s->bits[doc >> 6] |= 1ull << (doc & 63);
}

/* a worse than b: fewer documents, then later key */
static int worse(const byl_name_count *a, const byl_name_count *b)
{
    if (a->docs != b->docs)
        return a->docs < b->docs;
    return strcmp(a->key, b->key) > 0;
}

static int cmp_best(const void *x, const void *y)
{
    const byl_name_count *a = x, *b = y;
    return worse(a, b) ? 1 : worse(b, a) ? -1 : 0;
}

/* Keeps the k best in a min-heap on h[0..*n). */
/* Candidates kept so far, a heap (worst on top) of at most a limit; the
 * array grows with what is found, so that memory follows the names the
 * index holds, not the k a caller asks for (a k of 10^6 once took 2 GB
 * up front, and 2^62 wrapped the size to a few bytes). */
typedef struct cands {
    byl_name_count *h;
    size_t n, cap;
} cands;

/* Adds c to the heap, keeping the limit best; BYL_ENOMEM when it cannot
 * grow. */
static int keep(cands *v, size_t limit, const byl_name_count *c)
{
    byl_name_count *h = v->h;
    if (v->n < limit) {
        if (v->n == v->cap) {
            size_t cap = v->cap ? v->cap * 2 : 64;
            if (cap > limit)
                cap = limit;
            if (cap > SIZE_MAX / sizeof *h)
                return byl_error_set(BYL_ENOMEM, "out of memory listing names");
            if (!(h = byl_realloc(v->h, cap * sizeof *h)))
                return byl_error_set(BYL_ENOMEM, "out of memory listing names");
            v->h = h;
            v->cap = cap;
        }
        size_t i = v->n++;
        h[i] = *c;
        while (i && worse(&h[i], &h[(i - 1) / 2])) {
            byl_name_count t = h[i];
            h[i] = h[(i - 1) / 2];
            h[(i - 1) / 2] = t;
            i = (i - 1) / 2;
        }
        return BYL_OK;
    }
    if (!worse(&h[0], c))
        return BYL_OK;
    h[0] = *c;
    for (size_t i = 0;;) {
        size_t l = 2 * i + 1, r = l + 1, m = i;
        if (l < v->n && worse(&h[l], &h[m]))
            m = l;
        if (r < v->n && worse(&h[r], &h[m]))
            m = r;
        if (m == i)
            break;
        byl_name_count t = h[i];
        h[i] = h[m];
        h[m] = t;
        i = m;
    }
    return BYL_OK;
}

/* Documents of one segment's term that are in the set. */
static int count_term(segset *ss, const byl_terminfo *ti, uint64_t *docs)
{
    if (!ss->bits) {
        *docs += ti->df - ti->ndel;
        return BYL_OK;
    }
    byl_cursor c;
    byl_cursor_init(&c, ss->seg, ti);
    for (; c.doc != BYL_END; byl_cursor_next(&c))
        if (ss->bits[c.doc >> 6] & (1ull << (c.doc & 63)))
            (*docs)++;
    return c.err;
}

static int lower_eq(const char *s, size_t n, const char *lit)
{
    size_t l = strlen(lit);
    if (n != l)
        return 0;
    for (size_t i = 0; i < n; i++)
        if ((s[i] >= 'A' && s[i] <= 'Z' ? s[i] | 0x20 : s[i]) != lit[i])
            return 0;
    return 1;
}

/* The word that ends at text[e] (after blanks): its start, or e if none. */
static size_t word_before(const char *text, size_t e, size_t *we)
{
    while (e > 0 && (text[e - 1] == ' ' || text[e - 1] == '\n'))
        e--;
    *we = e;
    size_t b = e;
    while (b > 0 && text[b - 1] != ' ' && text[b - 1] != '\n' && text[b - 1] != ',' &&
           text[b - 1] != '(')
        b--;
    return b;
}

static int capital_at(const char *text, size_t len, size_t i)
{
    return i < len && ((text[i] >= 'A' && text[i] <= 'Z') || (unsigned char)text[i] >= 0xC3);
}

/* The one or two capitalised words that start at text[a], each shorter
 * than 32 bytes, into w[] and wl[]: how many. */
static size_t cap_words(const char *text, size_t len, size_t a, const char *w[2], size_t wl[2])
{
    size_t words = 0;
    for (size_t b = a; b < len && words < 2 && capital_at(text, len, b);) {
        size_t e2 = b;
        while (e2 < len && text[e2] != ' ' && text[e2] != ',' && text[e2] != '.' && text[e2] != '\n' &&
               text[e2] != ';' && text[e2] != ')' && text[e2] != ':')
            e2++;
        if (e2 - b >= 32)
            break;
        w[words] = text + b;
        wl[words++] = e2 - b;
        if (e2 >= len || text[e2] != ' ')
            break;
        b = e2 + 1;
    }
    return words;
}

/* Whether the words w[0, nw) (nw <= 2, each shorter than 32 bytes, any
 * case) name a place of the gazetteer. */
static int words_place(const char *const w[2], const size_t wl[2], size_t nw)
{
    char low[2][32], key[64];
    const char *ws[2];
    for (size_t i = 0; i < nw; i++) {
        for (size_t c = 0; c < wl[i]; c++)
            low[i][c] = w[i][c] >= 'A' && w[i][c] <= 'Z' ? (char)(w[i][c] | 0x20) : w[i][c];
        ws[i] = low[i];
    }
    size_t kl = byl_entity_key(ws, wl, nw, key, sizeof key);
    return kl && byl_place_is(key, kl);
}

/* Whether the one or two capitalised words that start at text[a] are a
 * place of the gazetteer ("Tangier", "Buenos Aires") and a whole item of
 * a list: a punctuation mark, "and" or "or" after them ("Algeciras and
 * Tangier.", not "Harbour Bank's", "US fund", "Pacific Blue Wings"). */
static int gazetteer_at(const char *text, size_t len, size_t a)
{
    const char *w[2];
    size_t wl[2], words = cap_words(text, len, a, w, wl);
    if (!words)
        return 0;
    size_t e = (size_t)(w[words - 1] - text) + wl[words - 1];
    int item_end = e >= len || text[e] == ',' || text[e] == '.' || text[e] == ';' || text[e] == ')' ||
                   text[e] == ':' || text[e] == '\n' || (e + 5 <= len && !memcmp(text + e, " and ", 5)) ||
                   (e + 4 <= len && !memcmp(text + e, " or ", 4));
    return item_end && words_place(w, wl, words); /* the whole item */
}

/* Whether a word of text[start, end) is an organisation's (Centre, Bank,
 * Schools): a body, even beside a place or before "region". */
static int org_worded(const char *text, size_t start, size_t end)
{
    for (size_t b = start; b < end;) {
        size_t e = b;
        while (e < end && text[e] != ' ')
            e++;
        if (byl_word_roles_ci(text + b, e - b) & (BYL_W_ORG | BYL_W_SUFFIX))
            return 1;
        if (e - b > 1 && text[e - 1] == 's' && (byl_word_roles_ci(text + b, e - b - 1) & BYL_W_ORG))
            return 1; /* Schools, Associations */
        b = e + 1;
    }
    return 0;
}

/* The start of the list's item whose last word starts at text[wb]: up to
 * two capitalised words before it, one space apart ("the provinces of Bến
 * Tre, Trà Vinh, Sóc Trăng and Bạc Liêu"). */
static size_t item_start(const char *text, size_t len, size_t wb)
{
    for (int k = 0; k < 2 && wb > 1 && text[wb - 1] == ' ' && text[wb - 2] != ' '; k++) {
        size_t pe, pb = word_before(text, wb, &pe);
        if (pb == pe || pe != wb - 1 || !capital_at(text, len, pb))
            break;
        wb = pb;
    }
    return wb;
}

/* Whether the word after text[e] (one space), or the one after that, is
 * a kind of place, perhaps after another item of a list ("Bhulbhule and
 * Ghermu villages", "Sóc Trăng and Bạc Liêu provinces", "the Ain Sokhna
 * industrial zone"). */
static int place_noun_after(const char *text, size_t len, size_t e)
{
    if (e + 5 < len && !memcmp(text + e, " and ", 5) && capital_at(text, len, e + 5)) {
        /* over the other item: one or two capitalised words */
        size_t b = e + 5;
        for (int k = 0; k < 2 && capital_at(text, len, b); k++) {
            while (b < len && text[b] != ' ' && text[b] != ',' && text[b] != '.' && text[b] != '\n')
                b++;
            e = b;
            if (b < len && text[b] == ' ')
                b++;
        }
    }
    /* the kind, or one word that qualifies it and the kind ("the Ain
     * Sokhna industrial zone", "the Serra wine region") */
    for (int k = 0; k < 2; k++) {
        if (e + 1 >= len || text[e] != ' ' || text[e + 1] < 'a' || text[e + 1] > 'z')
            return 0;
        size_t e2 = e + 1;
        while (e2 < len && text[e2] >= 'a' && text[e2] <= 'z')
            e2++;
        if (byl_word_in(BYL_WL_PLACE_NOUN, text + e + 1, e2 - e - 1))
            return 1;
        e = e2;
    }
    return 0;
}

/* The length of the lower-case ASCII word at text[b]. */
static size_t lower_len(const char *text, size_t len, size_t b)
{
    size_t e = b;
    while (e < len && text[e] >= 'a' && text[e] <= 'z')
        e++;
    return e - b;
}

/* Whether the mention text[start, end) reads as a place where it stands
 * (docs/ARTICLES.md, "Names: places by where they stand"):
 *   - after "in", "near", "around", "outside", "across" or "throughout",
 *     itself or as a later item of a list that follows one ("in Algemesí,
 *     Alzira and Sueca"), but not after "shares in", "stake in" (a
 *     company), "a piece in" (a publication), nor in a list after a
 *     sentence's opening "In America," (Walmart and Target);
 *   - after "to" or "from" within three words of a word of movement
 *     ("moved extra stocks to Amritsar and Bathinda", "flights from");
 *   - after "at" just after a word for a site ("coal units at Eraring and
 *     Bayswater", "a plant at Leirvik");
 *   - after "of" just after a word of places ("the mayor of Port
 *     Alder", "the hamlet of Wetherden Marsh", "north of Leeds");
 *   - before a comma and a place of the gazetteer ("Cambridge, England",
 *     "Salem, Oregon");
 *   - a dateline: in capitals at a line's start, before a comma, " (" or
 *     a dash ("BERGEN, Norway, Dec. 2").
 * 0 otherwise. */
static int place_context(const char *text, size_t len, size_t start, size_t end)
{
    /* the kind of place after it: "the Antofagasta region", "Bicol
     * municipalities", "the Adriatic coast" (not a body's name: "the
     * Harlan Springs Public Schools district") */
    int body = org_worded(text, start, end);
    if (!body && place_noun_after(text, len, end))
        return 1;
    /* in a pair with a place of the gazetteer: "compete with Algeciras and
     * Tangier", "Nigeria and Ibadan" */
    if (!body && end + 5 < len && !memcmp(text + end, " and ", 5) && gazetteer_at(text, len, end + 5))
        return 1;
    /* or of a choice between places: "from Trinidad, Houston or
     * Aberdeen", "Nairobi or Kisumu" (round 29: the items of one list are
     * of one kind, whichever word joins them) */
    if (!body && end + 4 < len && !memcmp(text + end, " or ", 4) && gazetteer_at(text, len, end + 4))
        return 1;
    if (!body) {
        /* the place before "and" opens its item: not "Observatory of
         * Chile and Nanyang Space Research Centre" */
        size_t we, wb = word_before(text, start, &we);
        if (wb < we && (lower_eq(text + wb, we - wb, "and") || lower_eq(text + wb, we - wb, "or"))) {
            size_t we2, wb2 = word_before(text, wb, &we2), we3, wb3;
            if (wb2 < we2 && capital_at(text, len, wb2) && gazetteer_at(text, we2, wb2)) {
                wb3 = word_before(text, wb2, &we3);
                if (wb3 == we3 || !(capital_at(text, len, wb3) || lower_eq(text + wb3, we3 - wb3, "of")))
                    return 1;
            }
        }
    }
    /* "Ballinasloe in Co Galway": a place inside a county; "from
     * Rathkeel in Kerry", "from Kirkwood in the Eastern Cape": where a
     * person comes from, inside a place of the gazetteer (not "an
     * economist at JPMorgan in Buenos Aires": a firm's office) */
    if (end + 4 < len && !memcmp(text + end, " in ", 4)) {
        size_t a = end + 4;
        if (a + 4 <= len && !memcmp(text + a, "the ", 4))
            a += 4;
        if ((a + 3 <= len && !memcmp(text + a, "Co ", 3)) ||
            (a + 7 <= len && !memcmp(text + a, "County ", 7)))
            return 1;
        size_t fe, fb = word_before(text, start, &fe);
        int from = lower_eq(text + fb, fe - fb, "from");
        const char *w[2];
        size_t wl[2], words = from ? cap_words(text, len, a, w, wl) : 0;
        /* the first word, then the first two */
        for (size_t nw = 1; nw <= words; nw++)
            if (words_place(w, wl, nw))
                return 1;
    }
    /* a dateline: before a comma, a bracket or a dash ("LES CAYES —",
     * "NAIROBI (AFP)"); not before a lower-case word, where an acronym
     * opens a line's sentence or headline ("KVRB fishing deal: ...",
     * round 29) */
    if ((start == 0 || text[start - 1] == '\n') && end < len &&
        (text[end] == ',' ||
         (text[end] == ' ' && end + 1 < len &&
          (text[end + 1] == '(' || text[end + 1] == '-' || (uint8_t)text[end + 1] == 0xE2)))) {
        int caps = 1, letters = 0;
        for (size_t i = start; i < end && caps; i++)
            if ((text[i] >= 'a' && text[i] <= 'z'))
                caps = 0;
            else
                letters += text[i] >= 'A' && text[i] <= 'Z';
        if (caps && letters >= 3)
            return 1;
    }
    /* a comma and a place of the gazetteer after it */
    if (end + 2 < len && text[end] == ',' && text[end + 1] == ' ' && capital_at(text, len, end + 2)) {
        size_t a = end + 2, b = a;
        char key[64];
        size_t kl = 0;
        int words = 0;
        const char *w[2];
        size_t wl[2];
        while (b < len && words < 2) {
            size_t e2 = b;
            while (e2 < len && text[e2] != ' ' && text[e2] != ',' && text[e2] != '.' &&
                   text[e2] != '\n' && text[e2] != ';' && text[e2] != ')')
                e2++;
            if (e2 == b || !capital_at(text, len, b))
                break;
            w[words] = text + b;
            wl[words++] = e2 - b;
            char one[64];
            size_t ol = 0;
            for (size_t i = a; i < e2 && ol + 1 < sizeof one; i++)
                one[ol++] = text[i] >= 'A' && text[i] <= 'Z' ? (char)(text[i] | 0x20) : text[i];
            if (ol < sizeof one - 1) {
                /* one word, or two as byl_entity_key orders them */
                if (words == 1) {
                    memcpy(key, one, ol);
                    kl = ol;
                    if (byl_place_is(key, kl) || (byl_word_roles(key, kl) & BYL_W_PLACE))
                        return 1;
                } else {
                    const char *ws[2] = {one, one + (w[1] - w[0])};
                    size_t ls[2] = {wl[0], wl[1]};
                    char k2[64];
                    size_t n2 = byl_entity_key(ws, ls, 2, k2, sizeof k2);
                    if (n2 && byl_place_is(k2, n2))
                        return 1;
                }
            }
            if (e2 >= len || text[e2] != ' ')
                break;
            b = e2 + 1;
        }
    }
    /* a locative word (BYL_W_LOC) before it, or before the list it ends */
    size_t at = start;
    int comma_hops = 0;
    for (int hop = 0; hop < 6; hop++) {
        size_t we, wb = word_before(text, at, &we);
        if (wb == we) {
            if (we > 0 && text[we - 1] == ',') { /* "Algemesí, Alzira and": the item before */
                size_t e0 = hop == 0 ? end : 0; /* only an item the list goes on after */
                /* another item after it, not an appositive's comma ("The
                 * mayor of Ruda Śląska, Aleksandra Mrozek-Pawlak, said") */
                if (hop == 0 && !(e0 < len && ((text[e0] == ',' && e0 + 2 < len && text[e0 + 1] == ' ' &&
                                                capital_at(text, len, e0 + 2)) ||
                                               (e0 + 5 <= len && !memcmp(text + e0, " and ", 5)))))
                    return 0;
                comma_hops++;
                wb = word_before(text, we - 1, &we);
                if (wb == we || !capital_at(text, len, wb))
                    return 0;
                at = item_start(text, len, wb);
                continue;
            }
            return 0;
        }
        if (lower_eq(text + wb, we - wb, "and") || lower_eq(text + wb, we - wb, "or")) {
            size_t we2, wb2 = word_before(text, wb, &we2);
            if (wb2 == we2 || !capital_at(text, len, wb2))
                return 0;
            at = item_start(text, len, wb2);
            continue;
        }
        if (lower_eq(text + wb, we - wb, "of")) {
            /* "the mayor of Port Alder", "Residents of Tilsey": a word of
             * places before it */
            size_t we3, wb3 = word_before(text, wb, &we3);
            return (byl_word_roles_ci(text + wb3, we3 - wb3) & BYL_W_PLACEOF) != 0;
        }
        if (lower_eq(text + wb, we - wb, "at")) {
            /* "coal units at Eraring and Bayswater", "a plant at Leirvik" */
            size_t we3, wb3 = word_before(text, wb, &we3);
            return (byl_word_roles_ci(text + wb3, we3 - wb3) & BYL_W_SITE) != 0;
        }
        if (lower_eq(text + wb, we - wb, "to") || lower_eq(text + wb, we - wb, "from")) {
            /* "moved extra stocks to Amritsar", "flights from Denver" */
            size_t we3 = 0, wb3 = 0;
            /* the movement word, perhaps two words back ("moved extra stocks to") */
            size_t at3 = wb;
            for (int back = 0; back < 3; back++) {
                wb3 = word_before(text, at3, &we3);
                if (wb3 == we3)
                    return 0;
                if (byl_word_roles_ci(text + wb3, we3 - wb3) & BYL_W_MOVE)
                    return 1;
                at3 = wb3;
            }
            return 0;
        }
        if (byl_word_roles_ci(text + wb, we - wb) & BYL_W_LOC) {
            if (comma_hops && text[wb] == 'I')
                return 0; /* "In America, Walmart and Target": the sentence's setting */
            /* a company after money words, a publication after writing */
            size_t we3, wb3 = word_before(text, wb, &we3);
            return !(byl_word_roles_ci(text + wb3, we3 - wb3) & BYL_W_HOLDING);
        }
        return 0;
    }
    return 0;
}

/* Whether the entity key names neither a person, an organisation nor a
 * place: a market index ("Nasdaq Composite", "Dow Jones Industrial
 * Average", "Hang Seng Index": its last word) or a weather system ("Storm
 * Bram", "Hurricane Milton", "Typhoon Gaemi": its first word); a two-word
 * key has its words sorted, so either of its words may be the one. */
static int not_who(const char *key)
{
    const char *sp = strchr(key, ' '), *lw = strrchr(key, ' ');
    if (!sp)
        return 0;
    int two = sp == lw;
    unsigned first = byl_word_roles(key, (size_t)(sp - key));
    unsigned last = byl_word_roles(lw + 1, strlen(lw + 1));
    return (last & BYL_W_INDEX_END) || (two && (first & BYL_W_INDEX_END)) ||
           (first & BYL_W_STORM) || (two && (last & BYL_W_STORM));
}

/* Whether the mention text[start, end) is an item of a line of page
 * chrome: a short line of items parted by `|`, `·` or `•` ("Share:
 * Facebook | X | WhatsApp"), the mention one whole item (a separator, a
 * colon or the line's edge on each side). */
static int chrome_item(const char *text, size_t len, size_t start, size_t end)
{
    /* a short line: looked for no further than 200 bytes either way (a
     * long article on one line costs no more per mention) */
    size_t a = start, b = end;
    while (a > 0 && text[a - 1] != '\n' && start - a <= 200)
        a--;
    while (b < len && text[b] != '\n' && text[b] != '\r' && b - end <= 200)
        b++;
    if (b - a > 200)
        return 0;
    size_t seps = 0;
    for (size_t i = a; i < b; i++)
        seps += text[i] == '|' || (i + 1 < b && (uint8_t)text[i] == 0xC2 && (uint8_t)text[i + 1] == 0xB7) ||
                (i + 2 < b && (uint8_t)text[i] == 0xE2 && (uint8_t)text[i + 1] == 0x80 &&
                 (uint8_t)text[i + 2] == 0xA2);
    if (seps == 0)
        return 0;
    /* the item's edges: blanks, then a separator, a colon or the line's */
    size_t l = start, r = end;
    while (l > a && text[l - 1] == ' ')
        l--;
    while (r < b && text[r] == ' ')
        r++;
    int left = l == a || text[l - 1] == '|' || text[l - 1] == ':' || (uint8_t)text[l - 1] == 0xB7 ||
               (uint8_t)text[l - 1] == 0xA2;
    int right = r == b || text[r] == '|' || (uint8_t)text[r] == 0xC2 || (uint8_t)text[r] == 0xE2;
    return left && right;
}

/* Whether the mention at text[start] stands in a copyright notice: after
 * a sign (U+00A9) on its line, which has a year, a company's legal form
 * or its rights' words after the sign ("© 2026 Harbour Lantern Media
 * Ltd. All rights reserved.", "Tern Bay Post © 2026, published by
 * ...").  A notice names whoever holds the page's rights, its publisher
 * or the company whose site it is: the page's furniture, as a menu is
 * (round 29: every web set's truth lists a publisher named only there
 * under neither people nor organisations).  A sign before a name alone
 * ("© Mira Holt" under a picture) credits the picture's maker. */
static int in_notice(const char *text, size_t len, size_t start)
{
    size_t a = start, b = start;
    while (a > 0 && text[a - 1] != '\n' && text[a - 1] != '\r' && start - a <= 300)
        a--;
    size_t sign = start;
    for (size_t i = a; i + 1 < start; i++)
        if ((uint8_t)text[i] == 0xC2 && (uint8_t)text[i + 1] == 0xA9) {
            sign = i;
            break;
        }
    if (sign == start)
        return 0;
    while (b < len && text[b] != '\n' && text[b] != '\r' && b - start <= 300)
        b++;
    for (size_t i = sign + 2; i < b;) {
        while (i < b && (text[i] == ' ' || text[i] == ',' || text[i] == '.' || text[i] == '|'))
            i++;
        size_t j = i;
        while (j < b && text[j] != ' ' && text[j] != ',' && text[j] != '|')
            j++;
        size_t n = j - i;
        char w[32];
        if (n == 0) {
            i = j + 1;
            continue;
        }
        if (n == 4 && (text[i] == '1' || text[i] == '2') && (text[i + 1] == '9' || text[i + 1] == '0') &&
            text[i + 2] >= '0' && text[i + 2] <= '9' && text[i + 3] >= '0' && text[i + 3] <= '9')
            return 1;
        size_t m = n;
        while (m > 0 && text[i + m - 1] == '.')
            m--; /* "Ltd." */
        if (m > 0 && m < sizeof w) {
            for (size_t c = 0; c < m; c++)
                w[c] = text[i + c] >= 'A' && text[i + c] <= 'Z' ? (char)(text[i + c] | 0x20) : text[i + c];
            if ((m == 6 && !memcmp(w, "rights", 6)) || (m == 8 && !memcmp(w, "reserved", 8)) ||
                (text[i] >= 'A' && text[i] <= 'Z' && byl_word_dotted_legal(w, m)) ||
                byl_entity_slash_form(text + i, m) == BYL_SLASH_LEGAL)
                return 1;
        }
        i = j;
    }
    return 0;
}

/* Whether the mention text[start, end) is where a message goes: after a
 * word of sending or posting and "on" ("updates on Signal", "posted on
 * X", words.h BYL_WL_MESSAGE); not before a possessive ("posted on
 * Acme's website" names the firm), nor after "via" (a photo's credit:
 * "AFP via Getty Images"). */
static int channel_before(const char *text, size_t len, size_t start, size_t end)
{
    if (end < len && (text[end] == '\'' || (uint8_t)text[end] == 0xE2))
        return 0;
    if (start < 5 || memcmp(text + start - 4, " on ", 4))
        return 0;
    size_t e = start - 4, b = e;
    while (b > 0 && text[b - 1] >= 'a' && text[b - 1] <= 'z')
        b--;
    return e > b && (b == 0 || text[b - 1] == ' ') && byl_word_in(BYL_WL_MESSAGE, text + b, e - b);
}

/* Whether a possessive after a name ends at text[e] and a title or an
 * office follows it within two words ("Kestrel's chief executive",
 * "Huawei's rotating chairman"): whose office it is, a body's or a
 * person's. */
static int office_after(const char *text, size_t len, size_t e)
{
    if (e + 3 < len && text[e] == '\'' && text[e + 1] == 's')
        e += 2;
    else if (e + 5 < len && !memcmp(text + e, "\xE2\x80\x99s", 4))
        e += 4;
    else
        return 0;
    for (int k = 0; k < 2 && e + 1 < len && text[e] == ' '; k++) {
        size_t n = lower_len(text, len, e + 1);
        if (!n)
            return 0;
        if (byl_word_roles(text + e + 1, n) & (BYL_W_TITLE | BYL_W_OFFICE))
            return 1;
        e += 1 + n;
    }
    return 0;
}

/* Whether the one-word key[0, n) is a people's word made from a place
 * of the gazetteer (a country, a state, a city) by an ending: Angola ->
 * Angolan, Angolans; Pakistan -> Pakistani; Uruguay -> Uruguayan;
 * Morocco -> Moroccan.  Neither who nor where: "Angolans work there",
 * "Qatari buyers".  The place is of four letters or more, so that a given
 * name (Alan, Ali, Dean) is no people. */
static int people_of_place(const char *key, size_t n)
{
    static const char *const ends[] = {"ans", "an", "ns", "n", "is", "i"};
    char base[48];
    if (n >= sizeof base || memchr(key, ' ', n))
        return 0;
    for (size_t i = 0; i < sizeof ends / sizeof ends[0]; i++) {
        size_t el = strlen(ends[i]);
        if (n < el + 4 || memcmp(key + n - el, ends[i], el))
            continue;
        size_t bl = n - el;
        memcpy(base, key, bl);
        if (byl_place_is(base, bl))
            return 1;
        if (ends[i][0] == 'a' && bl + 1 < sizeof base) { /* Moroccan: Morocco */
            base[bl] = 'o';
            if (byl_place_is(base, bl + 1))
                return 1;
        }
    }
    return 0;
}

/* Whether the written form of a name has a body's shape: a word in
 * capitals (an acronym: EU, KRVL), an organisation's word or a legal form
 * (Lugari Sugar Company, Medisoft Slovakia s.r.o., Adriaport Sh.a.). */
static int body_shaped(const char *form)
{
    if (org_worded(form, 0, strlen(form)))
        return 1;
    for (const char *b = form; *b;) {
        const char *e = b;
        while (*e && *e != ' ')
            e++;
        size_t n = (size_t)(e - b), up = 0, lo = 0;
        for (const char *c = b; c < e; c++) {
            up += *c >= 'A' && *c <= 'Z';
            lo += *c >= 'a' && *c <= 'z';
        }
        if ((up >= 2 && !lo) || byl_entity_legal_written(b, n) || byl_entity_legal_shape(b, n) ||
            byl_entity_slash_form(b, n) == BYL_SLASH_LEGAL)
            return 1;
        b = *e ? e + 1 : e;
    }
    return 0;
}

/* Whether the written form of a name of two words or more reads as a
 * place's by its first or last word ("Al Wakra Souq", "Barangay San
 * Sebastian", text/place.c), with no organisation's word in it ("Kenya
 * Airports Authority"): listed among places. */
static int place_headed(const char *form)
{
    const char *sp = strchr(form, ' '), *lw = strrchr(form, ' ');
    if (!sp || org_worded(form, 0, strlen(form)))
        return 0;
    return byl_place_written(form, (size_t)(sp - form), lw + 1, strlen(lw + 1));
}

/* The bytes of a nickname in quotes and the space after it that start at
 * text[b], inside a name that ends at e (' "Biggs" ', ' “Dolfo” '): from
 * the opening quote after a space to the space after the closing one;
 * 0 if none starts there. */
static size_t nick_len(const char *text, size_t b, size_t e)
{
    if (b == 0 || text[b - 1] != ' ')
        return 0;
    size_t ql;
    if (text[b] == '"')
        ql = 1;
    else if (b + 3 <= e && !memcmp(text + b, "\xE2\x80\x9C", 3))
        ql = 3;
    else
        return 0;
    for (size_t i = b + ql; i < e && i - b < 40; i++) {
        if (ql == 1 && text[i] == '"' && i + 1 < e && text[i + 1] == ' ')
            return i + 2 - b;
        if (ql == 3 && i + 4 <= e && !memcmp(text + i, "\xE2\x80\x9D ", 4))
            return i + 4 - b;
    }
    return 0;
}

/* One article that display_form reads: which, and the rank that chose it. */
typedef struct sample {
    uint64_t hash; /* of the article's id */
    const char *id; /* borrowed from the segment's map */
    size_t id_len;
    size_t seg;    /* in f->segs */
    uint32_t doc;
} sample;

/* a before b: smaller hash, then smaller id (equal ids of two live
 * articles are the same article indexed twice: either will do) */
static int sample_before(const sample *a, const sample *b)
{
    if (a->hash != b->hash)
        return a->hash < b->hash;
    size_t n = a->id_len < b->id_len ? a->id_len : b->id_len;
    int c = memcmp(a->id, b->id, n);
    return c ? c < 0 : a->id_len < b->id_len;
}

/* The FORM_SAMPLES live articles of the term key that come first by the
 * hash of their id, in that order, into samp[0..*n).  Chosen by their ids
 * and never by where they lie: the first postings in segment order made
 * --names depend on the order articles were added in, and deleted ones
 * (still in the postings until a merge) were read as if live (review:
 * "Finance NV" for "Finance", "Bonn" a place in one index and a name in
 * its rebuild).  The hash, not the id itself, so that the sample spreads
 * over the collection rather than its oldest ids.  Reads every posting's
 * id: a map look-up each, no stored text. */
static int pick_samples(facet *f, const uint8_t *key, size_t keylen, sample *samp, size_t *n)
{
    *n = 0;
    for (size_t i = 0; i < f->nsegs; i++) {
        byl_segment *seg = f->segs[i].seg;
        byl_terminfo ti;
        int rc = byl_segment_lookup(seg, key, keylen, &ti);
        if (rc == BYL_ENOTFOUND)
            continue;
        if (rc)
            return rc;
        byl_cursor c;
        byl_cursor_init(&c, seg, &ti);
        for (; c.doc != BYL_END; byl_cursor_next(&c)) {
            if (byl_segment_is_deleted(seg, c.doc))
                continue;
            sample s = {.seg = i, .doc = c.doc, .hash = 14695981039346656037ull};
            if ((rc = byl_segment_doc_id(seg, c.doc, &s.id, &s.id_len)))
                return rc;
            for (size_t b = 0; b < s.id_len; b++)
                s.hash = (s.hash ^ (uint8_t)s.id[b]) * 1099511628211ull;
            if (*n == FORM_SAMPLES && !sample_before(&s, &samp[*n - 1]))
                continue;
            /* insertion into the sorted few */
            size_t at = *n < FORM_SAMPLES ? (*n)++ : *n - 1;
            while (at > 0 && sample_before(&s, &samp[at - 1])) {
                samp[at] = samp[at - 1];
                at--;
            }
            samp[at] = s;
        }
        if (c.err)
            return c.err;
    }
    return BYL_OK;
}

/* The written form of an entity (its longest, then its most frequent) in a
 * few of its articles.  *is_part is set when every occurrence seen lies inside a longer name: the
 * analyzer indexes the parts of an organisation's name ("Exchange
 * Commission" of "Securities and Exchange Commission") so that a search for
 * them finds it, but a list of names shows the whole. */
static int display_form(facet *f, byl_analyzer *an, byl_name_count *nc, int *is_part,
                        int *is_place, int *is_channel)
{
    size_t occ = 0, body = 0, inside = 0, placed = 0, speaks = 0, modifier = 0, chromed = 0, channel = 0;
    size_t noticed = 0; /* mentions in a copyright notice (in_notice) */
    size_t acts = 0; /* mentions before an auxiliary verb: "Holloway are understood" */
    char forms[FORM_SAMPLES * 2][BYL_MAX_KEY];
    int counts[FORM_SAMPLES * 2] = {0};
    size_t nforms = 0, nsamp = 0;
    sample samp[FORM_SAMPLES];
    uint8_t key[BYL_MAX_KEY];
    size_t kl = strlen(nc->key);
    key[0] = BYL_F_NAME;
    memcpy(key + 1, nc->key, kl);
    int rc = pick_samples(f, key, kl + 1, samp, &nsamp);
    if (rc)
        return rc;
    for (size_t si = 0; si < nsamp; si++) {
        {
            byl_stored st;
            if ((rc = byl_segment_stored(f->segs[samp[si].seg].seg, samp[si].doc, &st)))
                return rc;
            for (int part = 0; part < 2; part++) {
                const char *text = part ? st.body : st.title;
                size_t len = part ? st.body_len : st.title_len;
                const byl_token *tk;
                size_t nt;
                const char *terms;
                if (!len || byl_analyze(an, text, len, BYL_AN_INDEX, &tk, &nt, &terms))
                    continue;
                for (size_t t = 0; t < nt; t++) {
                    if (tk[t].kind != BYL_TOK_ENTITY || tk[t].term_len != kl ||
                        memcmp(terms + tk[t].term_off, nc->key, kl) != 0)
                        continue;
                    occ++;
                    body += part;
                    if (part) {
                        /* a placed mention's verb is its phrase's ("the
                         * mayor of Brackwater said") */
                        int pl = place_context(text, len, tk[t].start, tk[t].end);
                        placed += pl;
                        size_t e = tk[t].end;
                        /* "the Kessa growers", "the Tavrin farmers": a
                         * name before a lower-case noun after "the" is a
                         * modifier, neither a place's nor a body's mention */
                        modifier += !pl && tk[t].start >= 4 && e + 2 < len &&
                                    (!memcmp(text + tk[t].start - 4, "the ", 4) ||
                                     !memcmp(text + tk[t].start - 4, "The ", 4)) &&
                                    text[e] == ' ' && text[e + 1] >= 'a' && text[e + 1] <= 'z' &&
                                    !(byl_word_roles_ci(text + e + 1, lower_len(text, len, e + 1)) &
                                      (BYL_W_SAYS | BYL_W_STOP));
                        /* a share line's item, or where a message goes */
                        int ci = chrome_item(text, len, tk[t].start, e);
                        /* not the page's own writer's ("© 2026 NAME ·
                         * Privacy" under a one-writer newsletter): a
                         * person the page names, its byline says so */
                        noticed += in_notice(text, len, tk[t].start) &&
                                   !(st.author_len && memmem(st.author, st.author_len, text + tk[t].start,
                                                             tk[t].end - tk[t].start));
                        chromed += ci;
                        channel += !ci && channel_before(text, len, tk[t].start, e);
                        acts += !pl && ((e + 1 < len && text[e] == ' ' &&
                                         byl_word_in(BYL_WL_AUX, text + e + 1, lower_len(text, len, e + 1))) ||
                                        office_after(text, len, e));
                        speaks += !pl && (e + 5 <= len && (!memcmp(text + e, " said", 5) ||
                                                    !memcmp(text + e, " says", 5) ||
                                                    !memcmp(text + e, " told", 5)));
                    }
                    /* a longer name around this mention: tokens come in
                     * the order of their positions, a name's words are
                     * few, so it is among the NAME_NEAR tokens either side
                     * (all of them were looked at: --names over one long
                     * article took minutes, 11 s at 1 MB) */
                    size_t u0 = t > NAME_NEAR ? t - NAME_NEAR : 0;
                    size_t u1 = nt - t > NAME_NEAR ? t + NAME_NEAR : nt;
                    for (size_t u = u0; u < u1; u++)
                        if (u != t && tk[u].kind == BYL_TOK_ENTITY && tk[u].start <= tk[t].start &&
                            tk[u].end >= tk[t].end && tk[u].end - tk[u].start > tk[t].end - tk[t].start) {
                            inside++;
                            break;
                        }
                    /* the written form, white space folded */
                    char form[BYL_MAX_KEY];
                    size_t o = 0;
                    for (uint32_t b = tk[t].start; b < tk[t].end && o + 1 < sizeof form; b++) {
                        /* a nickname in quotes inside a name is no word of
                         * it (Winston "Biggs" Thompson, text/entity.c):
                         * shown as the name, Winston Thompson */
                        size_t q = nick_len(text, b, tk[t].end);
                        if (q) {
                            b += (uint32_t)q - 1;
                            continue;
                        }
                        char ch = text[b];
                        if (ch == '\n' || ch == '\t' || ch == '\r')
                            ch = ' ';
                        if (ch == ' ' && o && form[o - 1] == ' ')
                            continue;
                        form[o++] = ch;
                    }
                    form[o] = '\0';
                    size_t j = 0;
                    while (j < nforms && strcmp(forms[j], form) != 0)
                        j++;
                    if (j == nforms && nforms < FORM_SAMPLES * 2)
                        strcpy(forms[nforms++], form);
                    if (j < nforms)
                        counts[j]++;
                }
            }
        }
    }
    /* the form with the most words, then the most frequent: a person
     * named once in full and then by surname ("Fergus O'Neill", then
     * "O'Neill" twice) is shown in full */
    size_t best = 0, best_words = 0;
    for (size_t j = 0; j < nforms; j++) {
        size_t w = 1;
        for (const char *c = forms[j]; *c; c++)
            w += *c == ' ';
        /* ties by the text, never by which was seen first */
        if (j == 0 || w > best_words ||
            (w == best_words && (counts[j] > counts[best] ||
                                 (counts[j] == counts[best] && strcmp(forms[j], forms[best]) < 0)))) {
            best = j;
            best_words = w;
        }
    }
    strcpy(nc->display, nforms ? forms[best] : nc->key);
    *is_part = occ > 0 && inside == occ;
    /* most of its mentions in bodies stand where places do, none speaks
     * (a headline's mention tells nothing: "Ibadan researchers report");
     * or one does and none stands where an agent does (said, "are", a
     * possessive before an office), and its shape is no body's: an
     * acronym ("in the EU"), an organisation's word or a legal form
     * ("Tanks at Ostrel Feeds Ltd") keep the majority's rule (round 28:
     * the towns of a story are mostly named bare, "Varnolo lost power") */
    *is_place = placed > 0 && speaks == 0 && (placed * 2 > body - modifier || (!acts && !body_shaped(nc->display)));
    /* a name the page names only as where to send, post or find
     * something ("on" after such a word), besides the items of a share line, is a
     * channel, an app or a network, neither who nor where (round 27:
     * "send us your photos on Signal", "Share: Facebook | X | Signal") */
    *is_channel = channel > 0 && chromed + channel == body && speaks == 0;
    /* a name the page gives only in its copyright notice is its
     * publisher's or its rights holder's, furniture: searchable, not
     * listed */
    *is_channel |= noticed > 0 && noticed == occ;
    return BYL_OK;
}

/* Whether key s has the word w (wl bytes). */
static int has_word(const char *s, const char *w, size_t wl)
{
    while (*s) {
        size_t l = strcspn(s, " ");
        if (l == wl && memcmp(s, w, wl) == 0)
            return 1;
        s += l;
        while (*s == ' ')
            s++;
    }
    return 0;
}

/* Whether every word of key a is a word of key b. */
static int words_within(const char *a, const char *b)
{
    while (*a) {
        size_t wl = strcspn(a, " ");
        if (wl && !has_word(b, a, wl))
            return 0;
        a += wl;
        while (*a == ' ')
            a++;
    }
    return 1;
}

#define PART_MIN_DOCS 20
/* Whether a is a part of a longer name among the n candidates: one whose
 * key holds all of a's words and that is in at least nine in ten of a's
 * articles.  The analyzer indexes a name's parts (entity.c), so the
 * longer name's articles are among the part's, and where they are nearly
 * all of them the part is the longer name cut short ("Exchange
 * Commission" of "Securities and Exchange Commission").  The samples of
 * display_form say the same for most parts, but five articles may hold a
 * mention alone ("the Exchange Commission said"), and which five depends
 * on the ids: the counts do not.  Keys are compared as sets of words: a
 * two-word name's key is its words in order (entity.c: "Zhang Yiming" =
 * "Yiming Zhang"). */
static int part_by_counts(const byl_name_count *a, const byl_name_count *all, size_t n)
{
    /* a count says something only past a few articles; in fewer the
     * sample reads most or all of them (and in one article every name
     * holding another's words would swallow it: "Zhang Yiming" in
     * "Zhang Yiming Foundation") */
    if (a->docs < PART_MIN_DOCS)
        return 0;
    size_t al = strlen(a->key);
    for (size_t j = 0; j < n; j++) {
        const byl_name_count *b = &all[j];
        if (strlen(b->key) > al && b->docs * 10 >= a->docs * 9 && b->place == a->place &&
            words_within(a->key, b->key))
            return 1;
    }
    return 0;
}

int byl_names_top(byl_searcher *s, const byl_qnode *q, const byl_search_opts *o, unsigned kinds,
                  size_t k, byl_name_count **out, size_t *n)
{
    if (!q && (o->since != INT64_MIN || o->until != INT64_MAX)) {
        /* no query but a date filter: the names of the articles it keeps,
         * found as those of a query every dated article matches (the
         * filter drops the undated ones, as it does with a query) */
        static const char every[] = "date:0001-01-01..9999-12-31";
        byl_qnode *all;
        int rc = byl_query_parse(every, sizeof every - 1, &all);
        if (rc)
            return rc;
        rc = byl_names_top(s, all, o, kinds, k, out, n);
        byl_qnode_free(all);
        return rc;
    }
    if (!(kinds & (BYL_NAMES_WHO | BYL_NAMES_PLACE)))
        kinds |= BYL_NAMES_WHO;
    *out = NULL;
    *n = 0;
    size_t nix;
    byl_index *const *ixs = byl_searcher_indexes(s, &nix);
    facet f = {0};
    int rc = BYL_OK;
    byl_analyzer *an = NULL;
    byl_dictiter *its = NULL;
    byl_name_count *heap = NULL;
    cands places = {0}, rest = {0}; /* the gazetteer's places, then the rest */
    uint8_t *counted = NULL; /* per candidate: a part by the counts */
    if ((rc = byl_collection_new(ixs, nix, &f.col))) {
        if (rc == BYL_ENOMEM)
            byl_error_set(rc, "out of memory listing names");
        goto out;
    }
    f.nsegs = byl_collection_nsegs(f.col);
    f.segs = byl_calloc(f.nsegs + 1, sizeof *f.segs);
    its = byl_calloc(f.nsegs + 1, sizeof *its);
    /* room for the parts of names that are dropped below; a k past what
     * the index can hold (2^62, SIZE_MAX) saturates: every name is kept */
    size_t kk = !k ? 0 : k > (SIZE_MAX - 16) / 2 ? SIZE_MAX : k * 2 + 16;
    if (!f.segs || !its || byl_analyzer_new(&an)) {
        rc = byl_error_set(BYL_ENOMEM, "out of memory listing names");
        goto out;
    }
    const byl_cseg *cs = byl_collection_segs(f.col);
    for (size_t at = 0; at < f.nsegs; at++) {
        f.segs[at].seg = cs[at].seg;
        if (q) {
            f.segs[at].bits = byl_calloc(cs[at].ndocs / 64 + 1, sizeof(uint64_t));
            if (!f.segs[at].bits) {
                rc = byl_error_set(BYL_ENOMEM, "out of memory listing names");
                goto out;
            }
        }
    }
    if (q) {
        byl_search_opts so = *o;
        so.k = 0;
        so.on_match = mark;
        so.on_match_ctx = &f;
        const byl_hit *hits;
        size_t nh;
        uint64_t total;
        if ((rc = byl_search(s, q, &so, &hits, &nh, &total)))
            goto out;
    }
    /* k-way merge of the NAME terms of every segment */
    uint8_t start = BYL_F_NAME;
    for (size_t i = 0; i < f.nsegs; i++)
        if ((rc = byl_dictiter_seek(&its[i], f.segs[i].seg, &start, 1)))
            goto out;
    for (;;) {
        const byl_dictiter *min = NULL;
        for (size_t i = 0; i < f.nsegs; i++) {
            const byl_dictiter *it = &its[i];
            if (it->eof || it->key[0] != BYL_F_NAME)
                continue;
            if (!min || byl_key_cmp(it->key, it->keylen, min->key, min->keylen) < 0)
                min = it;
        }
        if (!min)
            break;
        byl_name_count c;
        memset(&c, 0, sizeof c);
        size_t kl = min->keylen - 1;
        memcpy(c.key, min->key + 1, kl);
        uint8_t mkey[BYL_MAX_KEY];
        size_t mlen = min->keylen;
        memcpy(mkey, min->key, mlen);
        for (size_t i = 0; i < f.nsegs; i++) {
            byl_dictiter *it = &its[i];
            if (it->eof || it->keylen != mlen || memcmp(it->key, mkey, mlen) != 0)
                continue;
            if ((rc = count_term(&f.segs[i], &it->info, &c.docs)) ||
                (rc = byl_dictiter_next(it)))
                goto out;
        }
        /* places are typed here, by the gazetteer, not at index time:
         * they stay entities (name:"Buenos Aires" finds them) and a
         * better gazetteer needs no new index */
        c.place = byl_place_is(c.key, kl);
        /* the gazetteer's places and the other names are kept apart, so
         * that a list of places has as many as before; any other name may
         * be a place by where it stands (below) */
        if (c.docs && k && c.place && (kinds & BYL_NAMES_PLACE))
            rc = keep(&places, kk, &c);
        else if (c.docs && k && !c.place && (kinds & (BYL_NAMES_WHO | BYL_NAMES_PLACE)))
            rc = keep(&rest, kk, &c);
        if (rc)
            goto out;
    }
    /* both lists in one array (+1: never a zero-sized block) */
    size_t nheap = places.n + rest.n;
    heap = byl_realloc(places.h, (nheap + 1) * sizeof *heap);
    if (!heap) {
        rc = byl_error_set(BYL_ENOMEM, "out of memory listing names");
        goto out;
    }
    places.h = NULL; /* now heap */
    if (rest.n)
        memcpy(heap + places.n, rest.h, rest.n * sizeof *heap);
    qsort(heap, nheap, sizeof *heap, cmp_best);
    /* the parts by the counts, decided over the candidates as found (the
     * loop below types places and compacts the heap as it goes) */
    counted = byl_calloc(nheap + 1, 1);
    if (!counted) {
        rc = byl_error_set(BYL_ENOMEM, "out of memory listing names");
        goto out;
    }
    for (size_t i = 0; i < nheap; i++)
        counted[i] = (uint8_t)part_by_counts(&heap[i], heap, nheap);
    size_t kept = 0;
    for (size_t i = 0; i < nheap && kept < k; i++) {
        int part, placed = 0, chan = 0;
        if ((rc = display_form(&f, an, &heap[i], &part, &placed, &chan)))
            goto out;
        if (chan)
            continue; /* neither who nor where: a channel (Signal, WhatsApp) */
        if (!part)
            part = counted[i];
        heap[i].part = part;
        if (placed || place_headed(heap[i].display))
            heap[i].place = 1; /* a place by where it stands (Clifden, Darmstadt) or by its
                                * words (Bindi Creek) */
        if (!heap[i].place && (not_who(heap[i].key) || people_of_place(heap[i].key, strlen(heap[i].key))))
            continue; /* neither who nor where: "Nasdaq Composite", "Storm Bram" */
        if (!(kinds & (heap[i].place ? BYL_NAMES_PLACE : BYL_NAMES_WHO)))
            continue;
        if (!part || (kinds & BYL_NAMES_PARTS))
            heap[kept++] = heap[i];
    }
    nheap = kept;
    *out = heap;
    *n = nheap;
    heap = NULL;
out:
    for (size_t i = 0; f.segs && i < f.nsegs; i++)
        byl_free(f.segs[i].bits);
    byl_free(f.segs);
    byl_collection_free(f.col);
    byl_free(its);
    byl_free(heap);
    byl_free(places.h);
    byl_free(rest.h);
    byl_free(counted);
    byl_analyzer_free(an);
    return rc;
}
