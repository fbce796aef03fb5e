/*
 * context.c - pass 2 of the analyzer: what a unit means depends on the text
 * around it.  Decides which sentences, lines or whole texts are ALL-CAPS
 * copy (old wire text, headlines: capitals carry no information there) and
 * whether the text is a Title Case headline; in index mode marks heading
 * lines and Title Case lead-ins (no names there), line breaks that only wrap
 * a paragraph, and fills a filter of the words the text has in lower case
 * (a capitalised word also written in lower case is no name).
 *
 * Not for: the names themselves (entity.c).
 */
#include <string.h>

#include "text/_analyzer.h"
#include "text/words.h"

/* Bytes of the longest line of hard-wrapped copy (wire text wraps at 60
 * to 80): a longer line is a paragraph of its own. */
#define WRAP_MAX 100

/* ---- context: ALL-CAPS copy and Title Case headlines --------------------- */

void byl_context_caps(byl_analyzer *a, const uint8_t *s)
{
    struct unit *u = a->units;
    size_t n = a->nunits, k, seg = 0;
    unsigned caps = 0, cased = 0, cap4 = 0, content_low = 0, caps5 = 0;
    for (k = 0; k < n; k++) {
        if (u[k].type != UT_WORD || (u[k].flags & F_INNER))
            continue;
        uint32_t f = u[k].flags;
        cased += (f & F_CASEWORD) != 0;
        caps += (f & F_CAPSWORD) != 0;
        caps5 += (f & F_CAPSWORD) && (f & F_LONG5);
        cap4 += (f & F_LONG4) && (f & F_UPPER1) && !(f & F_CAPSWORD);
        if ((f & F_LOWER1) && !content_low) {
            /* a Title Case headline lower-cases only its function words */
            char w[BYL_WORD_MAX + 1];
            size_t len = u[k].end - u[k].start;
            content_low = !(f & F_SIMPLE) || len > BYL_WORD_MAX;
            for (size_t c = 0; !content_low && c < len; c++)
                w[c] = (char)(s[u[k].start + c] | 0x20);
            if (!content_low && !(byl_word_roles(w, len) & (BYL_W_STOP | BYL_W_PARTICLE)))
                content_low = 1;
        }
    }
    /* Title Case: one line, no sentence punctuation anywhere, at least four
     * capitalised words of four letters or more, and every lower-case word
     * a function word ("Nvidia Shares Rise on Strong Earnings") */
    a->titlecase = !a->saw_sent && cap4 >= 4 && !content_low;
    /* the whole text is ALL CAPS: two thirds of its cased words, or a
     * two-word headline with a word too long for an acronym (IBM PROFITS) */
    if ((caps >= 3 && caps * 3 >= cased * 2) ||
        (caps >= 2 && caps == cased && caps5 > 0)) {
        for (k = 0; k < n; k++)
            u[k].flags |= F_CAPSCTX;
        return;
    }
    caps = cased = 0;
    for (k = 0; k <= n; k++) {
        if (k == n || (k > seg && (u[k].brk & (BRK_SENT | BRK_LINE)))) {
            if (caps >= 3 && caps * 4 >= cased * 3)
                for (size_t m = seg; m < k; m++)
                    u[m].flags |= F_CAPSCTX;
            if (k == n)
                break;
            seg = k;
            caps = cased = 0;
        }
        if (u[k].type == UT_WORD && !(u[k].flags & F_INNER)) {
            cased += (u[k].flags & F_CASEWORD) != 0;
            caps += (u[k].flags & F_CAPSWORD) != 0;
        }
    }
}

/* ---- context: headings, and the text's lower-case words ------------------ */

/* The lower-case form of a plain ASCII word unit in w (room for BYL_WORD_MAX+1
 * bytes... or MAX_TERM+1); its length, or 0 if it is not one. */
static size_t simple_lower(const uint8_t *s, const struct unit *u, char *w, size_t cap)
{
    size_t n = u->end - u->start;
    if (u->type != UT_WORD || !(u->flags & F_SIMPLE) || !(u->flags & F_ALPHA) || n >= cap)
        return 0;
    for (size_t k = 0; k < n; k++) {
        uint8_t c = s[u->start + k];
        w[k] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    w[n] = '\0';
    return n;
}

/* A cheap hash of a lower-case ASCII word w[0..n) (or, with fold = 0x20,
 * of one in any case): bytes shifted into 64 bits, folded every 8, one
 * multiply at the end; the filter needs no more. */
static uint64_t word_hash(const uint8_t *w, size_t n, uint8_t fold)
{
    uint64_t x = n, y = 0;
    for (size_t i = 0; i < n; i++) {
        y = (y << 8) | (uint8_t)(w[i] | fold);
        if ((i & 7) == 7) {
            x = (x ^ y) * 0x9E3779B97F4A7C15ull;
            y = 0;
        }
    }
    x = (x ^ y) * 0x9E3779B97F4A7C15ull;
    return x ^ (x >> 29);
}

/* Two bits of the filter per word, from two parts of its hash. */
static void low_add(byl_analyzer *a, uint64_t h)
{
    a->low[(h >> 6) & a->lowmask] |= 1ull << (h & 63);
    a->low[(h >> 38) & a->lowmask] |= 1ull << ((h >> 32) & 63);
}

/* Whether the text has the word in lower case (a false "yes" is possible,
 * a false "no" is not). */
int byl_context_low_has(const byl_analyzer *a, const char *w, size_t n)
{
    uint64_t h = word_hash((const uint8_t *)w, n, 0);
    return (a->low[(h >> 6) & a->lowmask] >> (h & 63) & 1) &&
           (a->low[(h >> 38) & a->lowmask] >> ((h >> 32) & 63) & 1);
}

/* Whether unit u is a plain ASCII word (letters only): its lower-case
 * form is then word_hash(its bytes, 0x20), | 0x20 lower-casing letters. */
static int plain_word(const struct unit *u)
{
    return u->type == UT_WORD && (u->flags & F_SIMPLE) && (u->flags & F_ALPHA) &&
           u->end - u->start <= MAX_TERM;
}

/* Whether unit u is written with a capital a name may have: Title Case,
 * CamelCase, an acronym, or a number (Model 3). */
static int heading_word(const byl_analyzer *a, const uint8_t *s, const struct unit *u)
{
    if (u->type != UT_WORD)
        return 0;
    if (u->flags & (F_UPPER1 | F_NUM))
        return 1;
    /* a lower-case word: only what Title Case leaves in lower case, an
     * article, a conjunction or a short preposition (of, the, and:
     * BYL_W_TC_SMALL), or a name's particle (van, de).  Not any function
     * word: "Caroline Ashworth said so. Then ..." is a sentence, not a
     * lead-in, and its "said" and "so" must not make it one. */
    char w[BYL_WORD_MAX + 1];
    size_t n = simple_lower(s, u, w, sizeof w);
    if (!n)
        return 0;
    return (byl_word_roles(w, n) & (BYL_W_PARTICLE | BYL_W_OF | BYL_W_TC_SMALL)) != 0;
}

/* Whether s[b, e) leaves a bracket open: a colon there is a ticker's
 * ("Tanjong Harbour Holdings (SGX: THH) posted"), not a lead-in's end. */
static int in_brackets(const uint8_t *s, uint32_t b, uint32_t e)
{
    int open = 0;
    for (; b < e; b++)
        open += (s[b] == '(') - (s[b] == ')');
    return open > 0;
}

/* Whether unit u opens a line of page furniture (BYL_W_CHROME: Share,
 * Follow). */
static int chrome_word(const uint8_t *s, const struct unit *u)
{
    char w[BYL_WORD_MAX + 1];
    size_t n = simple_lower(s, u, w, sizeof w);
    return n && (byl_word_roles(w, n) & BYL_W_CHROME);
}

/* Whether the line of units u[k, e) is a site's navigation, with no
 * label ("National | Politics | Business | North Korea | Sports"): four
 * items or more between pipes, of at most three words each, and no digit
 * (a table's row pasted as text has its figures).  Its words head the
 * site's sections and name no one the story is about: pasted above a
 * story that the head-line model finds below them (doc/headline.c), they
 * came into the list of names ("Politics", "Business", "Culture" in
 * web-holdout10). */
static int nav_bar(const uint8_t *s, const struct unit *u, size_t k, size_t e)
{
    int pipes = 0, words = 1;
    /* three separators at least (the lexer's BRK_ITEM) before the bytes
     * are looked at: most lines have none */
    for (size_t j = k + 1; j < e && pipes < 3; j++)
        pipes += (u[j].brk & BRK_ITEM) != 0;
    if (pipes < 3)
        return 0;
    pipes = 0;
    for (uint32_t b = u[k].start; b < u[e - 1].end; b++)
        if (s[b] >= '0' && s[b] <= '9')
            return 0;
    for (size_t j = k + 1; j < e; j++) {
        int pipe = 0;
        for (uint32_t b = u[j - 1].end; b < u[j].start && !pipe; b++)
            pipe = s[b] == '|';
        if (pipe) {
            pipes++;
            words = 1;
        } else if (++words > 3) {
            return 0;
        }
    }
    return pipes >= 3;
}

/* What parts the units around s[b, e) on a line: 1 for a separator of
 * items (|, ·, •, ›, », a bracket [ ]), 2 for a gap of two blanks or a
 * tab, 3 for a spaced slash, else 0. */
static int item_gap(const uint8_t *s, uint32_t b, uint32_t e)
{
    int blanks = 0, wide = 0;
    for (uint32_t i = b; i < e; i++) {
        uint8_t c = s[i];
        if (c == '|' || c == '[' || c == ']')
            return 1;
        if (c == '/' && i > b && i + 1 < e && s[i - 1] == ' ' && s[i + 1] == ' ')
            return 3;
        if (c == 0xC2 && i + 1 < e && (s[i + 1] == 0xB7 || s[i + 1] == 0xBB))
            return 1; /* · » */
        if (c == 0xE2 && i + 2 < e && s[i + 1] == 0x80 && (s[i + 2] == 0xA2 || s[i + 2] == 0xBA))
            return 1; /* • › */
        blanks = c == ' ' ? blanks + 1 : 0;
        wide |= blanks >= 2 || c == '\t';
    }
    return wide ? 2 : 0;
}

/* item_gap before unit j, the item so far being u[sb, j): a spaced slash
 * after two capitalised words or more is a credit's ("Photo: Keo Vannak /
 * MBP": the maker, then the agency), no separator of items.  The lexer
 * marks the gaps that may be one (BRK_ITEM): most are one blank. */
static int item_sep(const byl_analyzer *a, const uint8_t *s, size_t sb, size_t j)
{
    const struct unit *u = a->units;
    if (!(u[j].brk & BRK_ITEM))
        return 0;
    int g = item_gap(s, u[j - 1].end, u[j].start);
    if (g == 3 && j - sb >= 2 && (u[j - 1].flags & F_UPPER1) && (u[j - 2].flags & F_UPPER1))
        return 0;
    return g == 3 ? 1 : g;
}

/* Whether the item u[b, e) is short: one to three words, figures aside
 * ("Abo ab 4,90", "Comments (1,204)"). */
static int short_item(const struct unit *u, size_t b, size_t e)
{
    size_t w = 0;
    for (; b < e; b++)
        w += !(u[b].flags & F_NUM);
    return w <= 3;
}

/* Whether no stop (. ! ?) follows unit j - 1 before unit j (or, at the
 * text's end, before the line's end): an item that is no sentence. */
static int open_item(const byl_analyzer *a, const uint8_t *s, size_t j)
{
    const struct unit *u = a->units;
    for (uint32_t b = u[j - 1].end; b < (j < a->nunits ? u[j].start : a->tlen); b++) {
        if (s[b] == '\n' || s[b] == '\r')
            return 1;
        if (s[b] == '.' || s[b] == '!' || s[b] == '?')
            return 0;
    }
    return 1;
}

/* Whether the line of units u[k, e) is an item of a list of links, not a
 * line of wrapped prose: a headline of three words or more, a spaced
 * dash or bar (" — ", " – ", " | "), then one to four capitalised words
 * (particles aside) to the line's end ("Why the ferry needs a new pier —
 * Idris Al Balushi", "Ten years of the tram | Opinion").  A related-links
 * or "more from" box sets one such item a line with no blank line between
 * them; read as wrapped copy, the name at one item's end ran into the next
 * item's first word (web-holdout13's "Ahmed Al Shanfari Tourism").  Prose
 * wrapped after a dash goes on in lower case ("— and the minister"). */
static int link_item(const uint8_t *s, const struct unit *u, size_t k, size_t e)
{
    size_t j = e, caps = 0;
    /* the tail ends in a capitalised word (most wrapped lines end in a
     * lower-case one: asked first, it costs them nothing more) */
    if (e <= k + 3 || !(u[e - 1].flags & F_UPPER1))
        return 0;
    while (j > k + 3 && e - j < 5) {
        const struct unit *w = &u[j - 1];
        if (w->type != UT_WORD)
            return 0;
        if (w->flags & F_UPPER1)
            caps++;
        else if (!(w->flags & F_LOWER1) ||
                 !(byl_word_roles_ci((const char *)s + w->start, w->end - w->start) & BYL_W_PARTICLE))
            return 0;
        j--;
        /* the separator before the tail: blanks round a dash or a bar */
        uint32_t b = u[j - 1].end, g = u[j].start;
        if (!(u[j].brk & BRK_PUNCT) || g - b < 3 || s[b] != ' ' || s[g - 1] != ' ')
            continue;
        uint32_t c = b + 1;
        int sep = (g - c == 2 && s[c] == '|') ||
                  (g - c == 4 && s[c] == 0xE2 && s[c + 1] == 0x80 && (s[c + 2] == 0x94 || s[c + 2] == 0x93));
        return sep && caps > 0;
    }
    return 0;
}

/* Marks F_CHROME the words of page chrome on the line of units u[k, e),
 * by its shape, not its words: a name seen only there is no evidence of
 * one (Privacy, Cookies, Comments, Advertise came into the list of names
 * from pages' footers, web-holdout12).  Chrome is
 *   - a line of items parted by separators (item_gap) or sentence ends,
 *     two of them or more short (short_item) and one at least no
 *     sentence: the short items ("Terms · Privacy · Cookies", "©
 *     Nordhavn Biotek A/S   Cookie settings   Privacy", "... content.
 *     Accept / Reject"); an item after a gap of blanks is F_ITEM, so that
 *     no name runs over the gap;
 *   - a line of one to three words without a lower-case one, a
 *     separator or a stop, standing alone: no line wraps into it or
 *     from it (F_SOFTNL: "Goldman Sachs" closing a paragraph of wrapped
 *     copy is prose), and the text is more than this line ("Comments
 *     (7)", "2 Comments").
 * A name of two words or more there is still one (a footer's "© 2026
 * Mekong Business Post" names the outlet); only a one-word name needs
 * evidence from the prose (entity.c). */
static void chrome_items(byl_analyzer *a, const uint8_t *s, size_t k, size_t e)
{
    struct unit *u = a->units;
    if (k >= e || e - k > 48)
        return;
    /* most lines are prose, their words one blank apart */
    int any = 0;
    for (size_t j = k + 1; j < e && !any; j++)
        any = (u[j].brk & BRK_ITEM) && item_sep(a, s, k, j) != 0;
    if (!any) {
        /* a line alone: not the whole text, not wrapped into its
         * neighbours (but a soft break after a line of chrome is none:
         * "Share: X · Email" over "Comments (7)") */
        if (e - k > 8 || (k == 0 && e == a->nunits) || !short_item(u, k, e) || !open_item(a, s, e) ||
            ((u[k].flags & F_SOFTNL) && !(u[k - 1].flags & (F_HEADING | F_CHROME))) ||
            (e < a->nunits && (u[e].flags & F_SOFTNL)))
            return;
        for (size_t j = k; j < e; j++)
            if ((u[j].flags & F_LOWER1) || (j > k && (u[j].brk & BRK_SENT)))
                return;
        for (size_t j = k; j < e; j++)
            u[j].flags |= F_CHROME;
        return;
    }
    int strong = 0, nshort = 0, open_short = 0;
    size_t sb = k;
    for (size_t j = k + 1; j <= e; j++) {
        int g = j < e ? item_sep(a, s, sb, j) : 0;
        if (j < e && !g && !(u[j].brk & BRK_SENT))
            continue;
        strong += g != 0;
        if (short_item(u, sb, j)) {
            nshort++;
            open_short += open_item(a, s, j);
        }
        sb = j;
    }
    if (!strong || nshort < 2 || !open_short)
        return;
    sb = k;
    for (size_t j = k + 1; j <= e; j++) {
        int g = j < e ? item_sep(a, s, sb, j) : 0;
        if (j < e && !g && !(u[j].brk & BRK_SENT))
            continue;
        if (short_item(u, sb, j))
            for (size_t m = sb; m < j; m++)
                u[m].flags |= F_CHROME;
        if (g == 2)
            u[j].flags |= F_ITEM;
        sb = j;
    }
}

/* Marks F_CHROME the words of a roster on the line of units u[k, e): after
 * a label and its colon, four items or more parted by commas or
 * semicolons, nearly all of one word, none in lower case but a name's
 * particle, words in brackets aside ("Harbour Rovers: Tamsen; Orrek,
 * Vallin, Duret; Kessel (Marno 70), ...", "Tags: Kelp, Ferries,
 * Tarnby").  A team sheet or a list of tags sets its items in capitals
 * because they are items: no evidence of a one-word name (round 29:
 * players' surnames came into the lists of names); a name of two words
 * there is one still, and a surname of a person the text names in full
 * is that person's. */
static void roster_items(byl_analyzer *a, const uint8_t *s, size_t k, size_t e)
{
    struct unit *u = a->units;
    if (e - k < 5 || e - k > 80)
        return;
    /* three marks at least (the lexer's BRK_PUNCT) before the bytes are
     * looked at: most lines have fewer */
    size_t marks = 0;
    for (size_t j = k + 1; j < e && marks < 3; j++)
        marks += (u[j].brk & BRK_PUNCT) != 0;
    if (marks < 3)
        return;
    size_t from = k, items = 1, words = 0;
    int depth = 0;
    for (size_t j = k; j < e; j++) {
        uint32_t b = j > k ? u[j - 1].end : u[j].start, g = u[j].start;
        for (; b < g; b++) {
            depth += (s[b] == '(') - (s[b] == ')');
            if (depth == 0 && (s[b] == ',' || s[b] == ';'))
                items++;
            if (depth == 0 && s[b] == ':' && j - k <= 4 && words == j - k) {
                from = j; /* the label's words are none of the list */
                items = 1;
                words = 0;
            }
            if (s[b] == '.' || s[b] == '!' || s[b] == '?')
                return; /* a sentence's stop: prose */
        }
        if (depth > 0 || u[j].type != UT_WORD || (u[j].flags & F_NUM))
            continue;
        if (u[j].flags & F_LOWER1) {
            if (!(byl_word_roles_ci((const char *)s + u[j].start, u[j].end - u[j].start) & BYL_W_PARTICLE))
                return;
            continue;
        }
        words++;
    }
    if (items < 4 || words * 2 > items * 3)
        return;
    for (size_t j = from; j < e; j++)
        u[j].flags |= F_CHROME;
}

/* Whether unit j of the line that ends before unit e is a capitalised
 * word (a name may open there). */
static int cap_word_at(const struct unit *u, size_t j, size_t e)
{
    return j < e && u[j].type == UT_WORD && (u[j].flags & F_UPPER1) && !(u[j].flags & F_INNER);
}

/* Whether a line of the block of lines [l0, l1) ends in a stop (. ! ?,
 * a closing quote or bracket after it allowed). */
static int stop_ends(const byl_analyzer *a, const uint8_t *s, size_t l0, size_t l1)
{
    const struct unit *u = a->units;
    for (size_t l = l0; l < l1; l++) {
        size_t e = l + 1 < a->nlines ? a->lines[l + 1] : a->nunits;
        uint32_t b = u[e - 1].end, end = e < a->nunits ? u[e].start : a->tlen;
        for (; b < end && s[b] != '\n' && s[b] != '\r'; b++)
            if (s[b] == '.' || s[b] == '!' || s[b] == '?')
                return 1;
    }
    return 0;
}

/* Marks the units of headings F_HEADING, for the name detector to skip:
 *   - a short line in Title Case ("Rapid Expansion", "Key Takeaways",
 *     "Published Date: 14/11/2026"): at most 12 words, all capitalised but
 *     function words, and a line of its own;
 *   - a Title Case lead-in of a paragraph ending in ':' or '.', before a
 *     capitalised word on the same line ("Fierce Rivalry: DeepSeek and ...",
 *     "Money Magnet. ByteDance remains ...");
 *   - a share or follow bar (BYL_W_CHROME first: "Share this article on:
 *     Facebook | X | Email"), of 16 words at most.
 * And fills the filter of the text's lower-case words. */
void byl_context_headings(byl_analyzer *a, const uint8_t *s)
{
    struct unit *u = a->units;
    size_t n = a->nunits, nsoft = 0, nlines = a->nlines;
    const uint32_t *shape = a->shape;
    /* hard-wrapped copy (a line of 40 to 100 bytes that stops inside a
     * sentence, not even at a period: Inc.) continues a name on the next line:
     * Texas\nCommerce Bank */
    /* Not in a paragraph that opens with a label line (Related:, Read
     * more:): a list of headlines under it is lines of their own ("...
     * win over Windward Storm\nGreaves banned for one match").  (Asking
     * for a period somewhere in the paragraph instead cost Reuters' name
     * MAP 0.0001: wire paragraphs without one.) */
    for (size_t p0 = 0; p0 < nlines;) {
        size_t p1 = p0 + 1;
        while (p1 < nlines && !(u[a->lines[p1]].brk & BRK_PARA))
            p1++;
        int prose = 1, links = 0;
        if (p1 > p0 + 1) {
            size_t k0 = a->lines[p0], e0 = a->lines[p0 + 1];
            for (uint32_t b = u[e0 - 1].end; b < u[e0].start && prose; b++)
                prose = s[b] != ':';
            prose |= e0 - k0 > 3; /* a label of one to three words: Related:, Read more: */
            /* or without its colon ("Read next", "More from Economy"),
             * when no line of the block ends a sentence (round 29): the
             * first line of wrapped copy is a full one and its last ends
             * in a stop, but a box of links under its label is headlines,
             * none with a stop, so that the next one's first word
             * ("Remittances hit record ...") read as a capital inside a
             * sentence, a name */
            if (prose && e0 - k0 <= 3 && !stop_ends(a, s, p0, p1))
                links = 1;
        }
        /* a block with a line longer than hard-wrapped copy's is a page's
         * copy, a paragraph a line: its short lines (a list's item, a
         * related link, a box's heading) end there, and the next line
         * ("Tags: ...", "Stay informed.") opens its own */
        for (size_t l = p0; prose && l < p1; l++) {
            size_t k = a->lines[l], m = l + 1 < nlines ? a->lines[l + 1] : n;
            prose = !(m > k && u[m - 1].end - u[k].start > WRAP_MAX);
        }
        for (size_t l = p0; prose && l + 1 < p1; l++) {
            size_t k = a->lines[l], m = a->lines[l + 1];
            uint32_t llen = u[m - 1].end - u[k].start;
            if (llen >= 40 && llen <= WRAP_MAX &&
                !(u[m].brk & (BRK_SENT | BRK_PARA | BRK_PUNCT | BRK_DOT)) && !link_item(s, u, k, m)) {
                if (!links)
                    u[m].flags |= F_SOFTNL;
                nsoft++;
            }
        }
        p0 = p1;
    }
    /* a filter of 16 bits or more a word (of which only some go in),
     * cleared in time of the text's size */
    size_t words = 8;
    while (words < LOW_WORDS && words * 4 < n)
        words *= 2;
    a->lowmask = (uint32_t)(words - 1);
    memset(a->low, 0, words * sizeof *a->low);
    for (size_t m = 0; m < n; m++) {
        uint8_t c = s[u[m].start];
        size_t len = u[m].end - u[m].start;
        if ((u[m].flags & F_LOWER1) && c >= 'a' && c <= 'z' &&
            (shape[len < 32 ? len : 32] >> (c - 'a') & 1) && plain_word(&u[m]))
            low_add(a, word_hash(s + u[m].start, len, 0x20));
    }
    /* in wrapped copy a short line is the end or the start of a paragraph,
     * not a heading ("Standard Oil Co and BP North America") */
    int wrapped = nsoft >= 2;
    for (size_t l = 0; l < nlines; l++) {
        size_t k = a->lines[l], e = l + 1 < nlines ? a->lines[l + 1] : n;
        chrome_items(a, s, k, e);
        roster_items(a, s, k, e);
        /* a share or follow bar, wherever it stands ("Share this article
         * on: Facebook | X | Email"), or a site's navigation: at most 16
         * words */
        if (k < e && e - k <= 16 &&
            (((u[k].flags & F_UPPER1) && chrome_word(s, &u[k])) || nav_bar(s, u, k, e))) {
            for (size_t j = k; j < e; j++)
                u[j].flags |= F_HEADING;
            continue;
        }
        /* a share bar inside a line, after a count or a translation ("3
         * comments · Share: Facebook · Instagram", "Partekatu / Share:
         * Facebook · X"): a chrome word and a colon, to the line's end */
        for (size_t j = k + 1; j < e; j++)
            if ((u[j].flags & F_UPPER1) && e - j <= 16 && u[j].end < a->tlen && s[u[j].end] == ':' &&
                chrome_word(s, &u[j])) {
                for (size_t m = j; m < e; m++)
                    u[m].flags |= F_HEADING;
                e = j;
                break;
            }
        /* a heading starts after a sentence's end or a blank line: the short
         * last line of a wrapped paragraph ("Goldman Sachs said") is not one */
        if (k == e || !(u[k].brk & (BRK_SENT | BRK_PARA)))
            continue;
        size_t m = k, lead = 0;
        int caps = 0, cap4 = 0;
        for (; m < e && heading_word(a, s, &u[m]); m++) {
            caps += (u[m].flags & F_UPPER1) != 0;
            cap4 += (u[m].flags & F_UPPER1) && (u[m].flags & F_LONG4);
            if (!lead && m > k && m - k <= 8 && (u[m].flags & F_UPPER1) &&
                (u[m].brk & (BRK_SENT | BRK_PUNCT)))
                for (uint32_t b = u[m - 1].end; b < u[m].start && !lead; b++)
                    if ((s[b] == ':' && !in_brackets(s, u[k].start, b)) ||
                        (s[b] == '.' && (u[m].brk & BRK_SENT)))
                        lead = m;
            if (m - k > 24 && lead)
                break; /* too long for a heading: the lead-in is known */
        }
        /* a whole text of one line is a heading as a headline is (at least
         * four long capitalised words: "New York" alone is a name) */
        int whole = k == 0 && e == n;
        size_t limit = whole ? 24 : 12;
        if (whole && cap4 < 4)
            caps = 0;
        /* a line that ends in a period is a sentence, not a heading */
        int period = 0;
        for (uint32_t b = u[e - 1].end; b < (e < n ? u[e].start : a->tlen) && !period; b++)
            period = s[b] == '.' || s[b] == '!';
        size_t to = caps && m == e && e - k <= limit && !period && !wrapped ? e : lead;
        /* a credit's lead-in ("Edited by: NAME", "Photos by NAME",
         * "Additional reporting by NAME") is the heading's part, the name
         * after it a person's, as in a sentence */
        for (size_t j = k + 1; j < to && j <= k + 3; j++)
            if (u[j].end - u[j].start == 2 && (s[u[j].start] | 0x20) == 'b' && s[u[j].start + 1] == 'y' &&
                cap_word_at(u, j + 1, e)) {
                to = j + 1;
                break;
            }
        for (size_t j = k; j < to; j++)
            u[j].flags |= F_HEADING;
    }
}

