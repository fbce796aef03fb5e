/*
 * where.c - what the text around one mention of a name says it is
 * (contract in where.h): a place by where it stands, or a person or an
 * organisation by what it does.  Read only around the mention, byte by
 * byte, at the time a list of names is made (query/names.c), so that a
 * better reading needs no new index.
 *
 * Not for: finding names (text/entity.c), nor the places every text
 * knows (text/place.c, the gazetteer).
 */
#include "text/where.h"

#include <string.h>

#include "text/analyzer.h"
#include "text/place.h"
#include "text/words.h"

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

/* Whether the words that end at text[we] and the text at text[at] are in one
 * sentence across the blanks between: no line break there, or one that
 * only wraps a paragraph (a line of 40 bytes or more, as a hard-wrapped
 * copy has; a heading's line is shorter). */
static int line_goes_on(const char *text, size_t we, size_t at)
{
    size_t nl = 0;
    for (size_t i = we; i < at; i++)
        nl += text[i] == '\n';
    if (nl == 0)
        return 1;
    if (nl > 1)
        return 0;
    size_t b = we;
    while (b > 0 && text[b - 1] != '\n')
        b--;
    return we - b >= 40;
}

/* Whether the mention text[start, end) reads as a place where it stands
 * (docs/ARTICLES.md, "Names: places by where they stand", and
 * docs/TOKENIZATION.md, "Places the gazetteer does not know"):
 *   - after "in", "near", "around", "outside", "across" or "throughout",
 *     itself or as a later item of a list that follows one ("in Algemesí,
 *     Alzira and Sueca"), but not after "shares in", "stake in" (a
 *     company), "a piece in" (a publication), nor in a list after a
 *     sentence's opening "In America," (Walmart and Target);
 *   - after "to", "from" or "between" within three words of a word of
 *     movement ("moved extra stocks to Amritsar and Bathinda", "flights
 *     from", "sails from Lochboisdale to Mallaig", "services between Perth
 *     and Inverness");
 *   - after "as far as" ("from as far as Matete and Likuyani");
 *   - after a word that links two places, or "with" after the first of
 *     them ("connecting Education City with Al Rayyan");
 *   - after "at" just after a word for a site ("coal units at Eraring and
 *     Bayswater", "a plant at Leirvik");
 *   - after "of" just after a word of places or a kind of area ("the
 *     mayor of Port Alder", "the hamlet of Wetherden Marsh", "north of
 *     Leeds", "the state of Westmarch"), or after a firm's legal form and
 *     a comma ("Atlantic Hull Works Inc., of Halifax");
 *   - before a comma and a place of the gazetteer ("Cambridge, England",
 *     "Salem, Oregon");
 *   - a dateline: in capitals at a line's start, before a comma, " (" or
 *     a dash ("BERGEN, Norway, Dec. 2"; not "KITH said").
 * A locative at the end of a heading's line is not the mention's ("Huawei
 * Steps In\nHuawei's chips"). 0 otherwise. */
static int place_context(const char *text, size_t len, size_t start, size_t end)
{
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
        char key[64];
        size_t kl = 0, words = 0;
        const char *w[2];
        size_t wl[2];
        for (size_t b = a; from && b < len && words < 2 && capital_at(text, len, b);) {
            size_t e2 = b;
            while (e2 < len && text[e2] != ' ' && text[e2] != ',' && text[e2] != '.' &&
                   text[e2] != '\n' && text[e2] != ';' && text[e2] != ')')
                e2++;
            if (e2 - b >= sizeof key / 2)
                break;
            w[words] = text + b;
            wl[words++] = e2 - b;
            if (e2 >= len || text[e2] != ' ')
                break;
            b = e2 + 1;
        }
        /* the first word, then the first two, as a key (lower case) */
        for (size_t nw = 1; nw <= words; nw++) {
            char low[2][32];
            const char *ws[2];
            for (size_t i = 0; i < nw; i++) {
                for (size_t c = 0; c < wl[i]; c++)
                    low[i][c] = w[i][c] >= 'A' && w[i][c] <= 'Z' ? (char)(w[i][c] | 0x20) : w[i][c];
                ws[i] = low[i];
            }
            kl = byl_entity_key(ws, wl, nw, key, sizeof key);
            if (kl && byl_place_is(key, kl))
                return 1;
        }
    }
    /* a dateline */
    if ((start == 0 || text[start - 1] == '\n') && end + 1 < len &&
        (text[end] == ',' ||
         (text[end] == ' ' && (text[end + 1] == '(' || text[end + 1] == '-' ||
                               (end + 4 <= len && !memcmp(text + end + 1, "\xE2\x80", 2)))))) {
        /* not "KITH said": a word after the space is the sentence's */
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
    int comma_hops = 0, via_with = 0;
    for (int hop = 0; hop < 6; hop++) {
        size_t we, wb = word_before(text, at, &we);
        if (hop == 0 && wb < we && !line_goes_on(text, we, at))
            return 0; /* "Huawei Steps In\nHuawei's chips": a heading's last word */
        if (wb == we) {
            if (we > 0 && text[we - 1] == ',') { /* "Algemesí, Alzira and": the item before */
                size_t e0 = hop == 0 ? end : 0; /* only an item the list goes on after */
                if (hop == 0 && !(e0 < len && (text[e0] == ',' ||
                                               (e0 + 5 <= len && !memcmp(text + e0, " and ", 5)))))
                    return 0;
                comma_hops++;
                wb = word_before(text, we - 1, &we);
                if (wb == we || !capital_at(text, len, wb))
                    return 0;
                at = wb;
                continue;
            }
            return 0;
        }
        if (byl_where_word(BYL_WL_LINK, text + wb, we - wb))
            return 1; /* "a tram line linking Al Wakra with the Red Line" */
        if (via_with)
            return 0; /* "in Paris with Macron": only a link joins two places */
        if (lower_eq(text + wb, we - wb, "and") || lower_eq(text + wb, we - wb, "or") ||
            lower_eq(text + wb, we - wb, "with")) {
            size_t we2, wb2 = word_before(text, wb, &we2);
            if (wb2 == we2 || !capital_at(text, len, wb2))
                return 0;
            /* the item before may be of several words ("Education City
             * with Al Rayyan") */
            for (int w = 0; w < 3; w++) {
                size_t we4, wb4 = word_before(text, wb2, &we4);
                if (wb4 == we4 || we4 != wb2 - 1 || !capital_at(text, len, wb4) ||
                    (byl_word_roles_ci(text + wb4, we4 - wb4) & (BYL_W_LOC | BYL_W_STOP)))
                    break;
                wb2 = wb4;
            }
            via_with = lower_eq(text + wb, we - wb, "with");
            at = wb2;
            continue;
        }
        if (lower_eq(text + wb, we - wb, "as")) {
            /* "from as far as Matete and Likuyani", "as far away as" */
            size_t we2, wb2 = word_before(text, wb, &we2);
            if (we2 > wb2 && lower_eq(text + wb2, we2 - wb2, "away"))
                wb2 = word_before(text, wb2, &we2);
            return we2 > wb2 && lower_eq(text + wb2, we2 - wb2, "far");
        }
        if (lower_eq(text + wb, we - wb, "of")) {
            /* "the mayor of Port Alder", "Residents of Tilsey": a word of
             * places before it; "the state of Westmarch": a kind of area */
            size_t we3, wb3 = word_before(text, wb, &we3);
            if ((byl_word_roles_ci(text + wb3, we3 - wb3) & BYL_W_PLACEOF) ||
                (we3 > wb3 && text[wb3] >= 'a' && text[wb3] <= 'z' &&
                 byl_where_word(BYL_WL_AREA, text + wb3, we3 - wb3)))
                return 1;
            /* "Atlantic Hull Works Inc., of Halifax": where a firm is */
            if (wb3 == we3 && we3 > 0 && text[we3 - 1] == ',') {
                size_t we4, wb4 = word_before(text, we3 - 1, &we4);
                if (we4 > wb4 && text[we4 - 1] == '.')
                    we4--;
                return we4 > wb4 && (byl_word_roles_ci(text + wb4, we4 - wb4) & BYL_W_SUFFIX);
            }
            return 0;
        }
        if (lower_eq(text + wb, we - wb, "at")) {
            /* "coal units at Eraring and Bayswater", "a plant at Leirvik" */
            size_t we3, wb3 = word_before(text, wb, &we3);
            return (byl_word_roles_ci(text + wb3, we3 - wb3) & BYL_W_SITE) != 0;
        }
        if (lower_eq(text + wb, we - wb, "to") || lower_eq(text + wb, we - wb, "from") ||
            lower_eq(text + wb, we - wb, "between")) {
            /* "moved extra stocks to Amritsar", "flights from Denver",
             * "services between Perth and Inverness" */
            size_t we3 = 0, wb3 = 0;
            /* the movement word, perhaps two words back ("moved extra stocks to") */
            size_t at3 = wb;
            for (int back = 0; back < 3; back++) {
                wb3 = word_before(text, at3, &we3);
                if (wb3 == we3)
                    return 0;
                if ((byl_word_roles_ci(text + wb3, we3 - wb3) & BYL_W_MOVE) ||
                    byl_where_word(BYL_WL_WAY, text + wb3, we3 - wb3))
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

/* The word that starts at text[b] after blanks (one line): its start in
 * *wb and its end; *wb == end when there is none.  A word runs to a blank
 * or a punctuation mark other than an apostrophe or a hyphen. */
static size_t word_after(const char *text, size_t len, size_t b, size_t *wb)
{
    while (b < len && text[b] == ' ')
        b++;
    *wb = b;
    size_t e = b;
    while (e < len && text[e] != ' ' && text[e] != '\n' && text[e] != ',' && text[e] != '.' &&
           text[e] != ';' && text[e] != ':' && text[e] != ')' && text[e] != '(' && text[e] != '"')
        e++;
    return e;
}

/* The length of a possessive at text[i] ("'s" or "’s"), 0 if none. */
static size_t possessive_at(const char *text, size_t len, size_t i)
{
    if (i + 2 <= len && text[i] == '\'' && text[i + 1] == 's')
        return 2;
    if (i + 4 <= len && !memcmp(text + i, "\xE2\x80\x99s", 4))
        return 4;
    return 0;
}

/* Whether the mention text[start, end) stands where places do, by what
 * comes after it or by who comes "from" it (place_context reads the rest):
 *   - a kind of area in lower case after it ("the Bahodopi district",
 *     "Morowali regency", "Lagos state");
 *   - a place's possessive ("Al Wakra's population", "Qrendi's parish");
 *   - between "a" and who lives there ("a Likuyani farmer");
 *   - an address: a house number and a comma, then a post code ("Akti
 *     Miaouli 47, 185 35 Piraeus");
 *   - after a person's age and "of" ("Stuart Penhaligon, 58, of
 *     Harrogate");
 *   - after "from" just after people who come from somewhere ("a fish
 *     vendor from Barangay San Sebastian", "farmers from Likuyani");
 *   - a dateline in any case: at a line's start, before a comma, a month,
 *     a day and the agency or a dash ("Nairobi, Dec 5 (Reuters) -"; not
 *     a byline's "Jane Roe, December 5, 2026"). */
static int place_around(const char *text, size_t len, size_t start, size_t end)
{
    size_t wb, we;
    if (end < len && text[end] == ' ') {
        we = word_after(text, len, end, &wb);
        if (we > wb && text[wb] >= 'a' && text[wb] <= 'z' &&
            byl_where_word(BYL_WL_AREA, text + wb, we - wb))
            return 1;
    }
    size_t ps = possessive_at(text, len, end);
    if (ps && end + ps < len && text[end + ps] == ' ') {
        we = word_after(text, len, end + ps, &wb);
        if (we > wb && text[wb] >= 'a' && text[wb] <= 'z' &&
            byl_where_word(BYL_WL_PLACE_POSS, text + wb, we - wb))
            return 1;
    }
    if (end < len && text[end] == ' ') {
        /* "a Likuyani farmer", "a Mississauga man" */
        size_t ae, ab = word_before(text, start, &ae);
        we = word_after(text, len, end, &wb);
        if (ae > ab && (lower_eq(text + ab, ae - ab, "a") || lower_eq(text + ab, ae - ab, "an")) &&
            we > wb && text[wb] >= 'a' && text[wb] <= 'z' &&
            byl_where_word(BYL_WL_RESIDENT, text + wb, we - wb))
            return 1;
    }
    if (end + 2 < len && text[end] == ' ' && text[end + 1] >= '0' && text[end + 1] <= '9') {
        size_t i = end + 1;
        while (i < len && i - end <= 5 && text[i] >= '0' && text[i] <= '9')
            i++;
        if (i + 2 < len && text[i] == ',' && text[i + 1] == ' ' && text[i + 2] >= '0' &&
            text[i + 2] <= '9')
            return 1; /* not "Shots: Sierra Madre 7, Bajío 4": a post code is digits */
    }
    size_t fe, fb = word_before(text, start, &fe);
    if (fe > fb && lower_eq(text + fb, fe - fb, "of") && fb >= 6 && text[fb - 1] == ' ' &&
        text[fb - 2] == ',') {
        /* "Stuart Penhaligon, 58, of Harrogate": a person's age, then
         * where the person lives */
        size_t i = fb - 2, d = 0;
        while (i > 0 && d < 3 && text[i - 1] >= '0' && text[i - 1] <= '9') {
            i--;
            d++;
        }
        if (d > 0 && i >= 2 && text[i - 1] == ' ' && text[i - 2] == ',')
            return 1;
    }
    if (fe > fb && lower_eq(text + fb, fe - fb, "from")) {
        size_t pe, pb = word_before(text, fb, &pe);
        if (pe > pb && byl_where_word(BYL_WL_FROM_WHO, text + pb, pe - pb))
            return 1;
    }
    if ((start == 0 || text[start - 1] == '\n') && end + 2 < len && text[end] == ',' &&
        text[end + 1] == ' ') {
        we = word_after(text, len, end + 2, &wb);
        if (we > wb && (byl_word_roles_ci(text + wb, we - wb) & BYL_W_DATE)) {
            /* the day, then the agency or the dash: not a byline's
             * "Jane Roe, December 5, 2026" */
            size_t i = we + (we < len && text[we] == '.');
            if (i < len && text[i] == ' ')
                i++;
            size_t d = i;
            while (i < len && i - d < 2 && text[i] >= '0' && text[i] <= '9')
                i++;
            return i > d && i + 1 < len && text[i] == ' ' &&
                   (text[i + 1] == '(' || text[i + 1] == '-' || (unsigned char)text[i + 1] == 0xE2);
        }
    }
    return 0;
}

/* Whether a title stands just before the mention at text[start] ("Mr
 * Akello", "Chief Executive Tan"): a person's, wherever it stands. */
static int titled(const char *text, size_t start)
{
    size_t we, wb = word_before(text, start, &we);
    return wb < we && (byl_word_roles_ci(text + wb, we - wb) & BYL_W_TITLE);
}

/* Whether an agent's word stands before the mention text[start, end): "by"
 * ("chips made by Huawei") or "according to". */
static int agent_before(const char *text, size_t len, size_t start, size_t end)
{
    size_t we, wb = word_before(text, start, &we);
    if (wb == we)
        return 0;
    if (lower_eq(text + wb, we - wb, "by") && line_goes_on(text, we, start)) {
        /* an agent: "chips made by Huawei and Cambricon", "Reporting by
         * Fransiska Hartono"; not "by Monterrey standards" */
        size_t ab, ae = word_after(text, len, end, &ab);
        return ae == ab || !(text[ab] >= 'a' && text[ab] <= 'z') ||
               (byl_word_roles(text + ab, ae - ab) & BYL_W_STOP);
    }
    if (lower_eq(text + wb, we - wb, "to")) {
        size_t ae, ab = word_before(text, wb, &ae);
        return ae > ab && lower_eq(text + ab, ae - ab, "according");
    }
    return 0;
}

/* Whether the mention at text[start] ends a list ("Washington and Bonn",
 * "Tokyo, Bonn"): a plural verb after it is the list's. */
static int list_end(const char *text, size_t start)
{
    size_t we, wb = word_before(text, start, &we);
    return (we > wb && (lower_eq(text + wb, we - wb, "and") || lower_eq(text + wb, we - wb, "or"))) ||
           (wb == we && we > 0 && text[we - 1] == ',');
}

/* Whether what follows the mention text[start, end) makes it a person or an
 * organisation: a verb of saying ("Kestrel said"; not after a comma:
 * "who represents Marsh Ferrars, told"), ", who", one of its people or
 * parts, after its possessive or not ("Kestrel's chief executive",
 * "Sierra Madre coach Gustavo"), a plural verb after a name that is no
 * plural nor a list's last ("Holloway are"; not "relations between the
 * Commission and Bonn are") or a legal form ("Kestrel Ltd"). */
static int who_after(const char *text, size_t len, size_t start, size_t end)
{
    size_t wb, we, b = end;
    if (b < len && text[b] == ',')
        b++; /* only for ", who": "represents Marsh Ferrars, told the
              * meeting" ends a clause */
    if (b < len && text[b] == ' ') {
        we = word_after(text, len, b, &wb);
        if (we > wb && text[wb] >= 'a' && text[wb] <= 'z' &&
            (b > end ? lower_eq(text + wb, we - wb, "who")
                     : (byl_word_roles(text + wb, we - wb) & BYL_W_SAYS) != 0))
            return 1;
        if (b == end && we > wb && (byl_word_roles_ci(text + wb, we - wb) & BYL_W_SUFFIX) &&
            capital_at(text, len, wb))
            return 1;
        if (b == end && we > wb && text[wb] >= 'a' && text[wb] <= 'z' &&
            byl_where_word(BYL_WL_FIRM_POSS, text + wb, we - wb))
            return 1; /* "Sierra Madre coach Gustavo", "TIMB chief executive" */
        /* a plural verb after a name that is no plural: a team or a
         * firm as British copy writes it ("Holloway are understood to") */
        if (b == end && we > wb && end > 0 && text[end - 1] != 's' && !list_end(text, start) &&
            (lower_eq(text + wb, we - wb, "are") || lower_eq(text + wb, we - wb, "were") ||
             lower_eq(text + wb, we - wb, "have")))
            return 1;
    }
    size_t ps = possessive_at(text, len, end);
    if (ps && end + ps < len && text[end + ps] == ' ') {
        we = word_after(text, len, end + ps, &wb);
        if (we > wb && byl_where_word(BYL_WL_FIRM_POSS, text + wb, we - wb))
            return 1;
    }
    return 0;
}

unsigned byl_where_mention(const char *text, size_t len, size_t start, size_t end)
{
    if (!text || start >= end || end > len)
        return 0;
    /* a name that ends in an organisation's word, or opens with one in
     * another language, is one wherever it stands ("works at Al Wakra
     * Hospital", "Ysgol Glan Teifi"), and so is a name written with its
     * legal form ("Kestrel Ltd") */
    size_t lb = end;
    while (lb > start && text[lb - 1] != ' ' && text[lb - 1] != '\n')
        lb--;
    size_t fe = start;
    while (fe < end && text[fe] != ' ' && text[fe] != '\n')
        fe++;
    if (byl_where_word(BYL_WL_ORG_END, text + lb, end - lb) ||
        (byl_word_roles_ci(text + lb, end - lb) & BYL_W_SUFFIX) ||
        (fe < end && byl_where_word(BYL_WL_ORG_START, text + start, fe - start)))
        return BYL_WHERE_WHO;
    /* a title just before names the mention itself: it outweighs any
     * place the rest suggests */
    if (titled(text, start))
        return BYL_WHERE_WHO;
    /* a place's phrase speaks for its head: "the mayor of Brackwater
     * said" is about the mayor; "according to Gazipur district
     * administration" about the administration */
    /* before a possessive the phrase is about what the name has: "in
     * Kestrel's annual report" places the report, not Kestrel ("Al
     * Wakra's population" is read by place_around) */
    int poss = possessive_at(text, len, end) != 0;
    if ((!poss && place_context(text, len, start, end)) || place_around(text, len, start, end))
        return BYL_WHERE_PLACE;
    return agent_before(text, len, start, end) || who_after(text, len, start, end) ? BYL_WHERE_WHO : 0;
}
