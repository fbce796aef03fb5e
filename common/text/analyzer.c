/*
 * analyzer.c - the name-aware analyzer: UTF-8 text in, terms with positions
 * and byte offsets out (contract in analyzer.h, every rule with examples in
 * docs/TOKENIZATION.md).
 *
 * How it works, in three passes over one text:
 *   1. lex:     split the bytes into units (words with their connectors such
 *               as U.S.-China or 60,000, CJK runs, URLs, e-mail addresses,
 *               #tags/@handles), noting for each what separated it from the
 *               one before (punctuation, sentence end, line, paragraph) and a
 *               few case facts.  ASCII goes through a table; only non-ASCII
 *               code points are decoded and looked up in utf8proc.
 *   2. context: decide which sentences or lines are ALL-CAPS copy (old wire
 *               text, headlines), where capitals carry no information.
 *   2b. headings (index mode): mark heading lines and Title Case lead-ins,
 *               which give no names, the line breaks that only wrap a
 *               paragraph, and fill a filter of the text's lower-case words.
 *   3. emit:    turn each unit into terms (normalize, classify, stem), and in
 *               index mode feed capitalised words to the name detector, which
 *               adds one stacked ENTITY token per multi-word name, and, at
 *               the end of the text, one per mention of each one-word name
 *               the whole text gives evidence for.
 * Tokens are appended in emission order and put in position order at the
 * end by an insertion sort (a stacked whole is at most a few tokens late).
 *
 * Every growable array lives in the analyzer and is reused, so the steady
 * state allocates nothing.  Errors inside the passes are sticky (a->rc).
 *
 * This file is the driver: the public functions of analyzer.h and the
 * passes in order.  Each pass has its own file (_analyzer.h lists them);
 * the word lists are text/words.h.
 *
 * Not for: query syntax, field routing, or stop-word removal (stop words are
 * indexed; BM25 weighs them).
 */
#include "text/analyzer.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "text/_analyzer.h"
#include "text/words.h"
#include "util/err.h"
#include "util/mem.h"

void byl_analyzer_set_names(byl_analyzer *a, int on) { a->no_names = !on; }

void byl_analyzer_set_stem_filter(byl_analyzer *a, const uint64_t *first)
{
    a->stem_some = first != NULL;
    for (int i = 0; i < 4; i++)
        a->stem_first[i] = first ? first[i] : 0;
}

/* ---- the driver ------------------------------------------------------------ */

static void flush_pending(byl_analyzer *a)
{
    if (a->pending && a->pos > a->pend_pos)
        byl_emit_stacked(a, a->pend, a->pend_len, a->pend_pos, a->pend_start,
                         a->pend_end, BYL_TOK_OTHER);
    a->pending = 0;
}

/* Whether the word unit u comes right after an interview's label, "Q:" or
 * "A:" (a word of one or two letters opening its line, a colon, blanks):
 * what follows starts a sentence as far as names are concerned, so a word
 * that is common in lower case elsewhere ("Q: Campaigners say") is not
 * taken for a name.  So after a link's label at a line's start
 * ("Related:", "Read more:", BYL_W_LINK): the headline of another article
 * follows, whose first word is a common word ("Related: Drought grips
 * ...") or a name that needs the usual evidence, and after any label of
 * one to three words, the first capitalised, that opens a line ("Photo:
 * Roofs torn off", "Tags: Dates"): a caption, a field or a brief opens
 * there as a sentence does.  Colons inside a line are left alone. */
static int after_label(const uint8_t *s, const struct unit *u)
{
    uint32_t b = u->start;
    while (b > 0 && (s[b - 1] == ' ' || s[b - 1] == '\t' ||
                     (b >= 2 && s[b - 2] == 0xC2 && s[b - 1] == 0xA0)))
        b -= s[b - 1] == 0xA0 ? 2 : 1;
    if (b == 0 || s[b - 1] != ':')
        return 0;
    uint32_t e = b - 1, w = e;
    while (w > 0 && ((s[w - 1] >= 'A' && s[w - 1] <= 'Z') || (s[w - 1] >= 'a' && s[w - 1] <= 'z')))
        w--;
    if (e - w >= 1 && e - w <= 2 && (w == 0 || s[w - 1] == '\n' || s[w - 1] == '\r'))
        return 1;
    /* a line's label of one to three words, the first capitalised
     * ("Photo: Roofs torn off", "Tags: Dates, Exports", "Rice: Imports
     * fell"): a caption, a field or a brief opens after it as a sentence
     * does; an acronym there is still one (item_open) */
    if (!(u->flags & F_CAPSWORD)) {
        uint32_t b0 = e;
        int words = 0;
        while (b0 > 0 && words < 3) {
            uint32_t w0 = b0;
            while (w0 > 0 && ((s[w0 - 1] >= 'A' && s[w0 - 1] <= 'Z') || (s[w0 - 1] >= 'a' && s[w0 - 1] <= 'z')))
                w0--;
            if (w0 == b0)
                break;
            words++;
            b0 = w0;
            if (b0 == 0 || s[b0 - 1] == '\n' || s[b0 - 1] == '\r')
                return s[b0] >= 'A' && s[b0] <= 'Z';
            if (s[b0 - 1] != ' ')
                break;
            b0--;
        }
    }
    /* one or two link labels: "Related:", "Read more:", "See also:" */
    for (int k = 0; k < 2 && e > w && (byl_word_roles_ci((const char *)s + w, e - w) & BYL_W_LINK); k++) {
        if (w == 0 || s[w - 1] == '\n' || s[w - 1] == '\r')
            return 1;
        if (s[w - 1] != ' ')
            return 0;
        e = w - 1;
        w = e;
        while (w > 0 && ((s[w - 1] >= 'A' && s[w - 1] <= 'Z') || (s[w - 1] >= 'a' && s[w - 1] <= 'z')))
            w--;
    }
    return 0;
}

/* Whether unit u opens a quotation or an item between pipes: an opening
 * quote mark (" or the left double quote) right before it, after a space
 * or a line's start, or " | " (" · ", " • ") before it.  Their first word is capitalised
 * as a sentence's is ("Accept all" on a cookie banner, "We will appeal,"
 * she said, "Cookie settings | Accept all | Reject"), so it is read as
 * one: no evidence that a single capitalised word there is a name.  Not
 * an acronym, whose capitals say nothing of where it stands. */
static int item_open(const uint8_t *s, const struct unit *u)
{
    uint32_t b = u->start;
    if (u->flags & F_CAPSWORD)
        return 0; /* an acronym is in capitals wherever it stands (| MFDS (Korea)) */
    if (b >= 3 && s[b - 1] == ' ' && s[b - 2] == '|' && s[b - 3] == ' ')
        return 1;
    /* the other separators of page chrome (context.c): " · ", " • " */
    if (b >= 4 && s[b - 1] == ' ' && s[b - 4] == ' ' && s[b - 3] == 0xC2 && s[b - 2] == 0xB7)
        return 1;
    if (b >= 5 && s[b - 1] == ' ' && s[b - 5] == ' ' && s[b - 4] == 0xE2 && s[b - 3] == 0x80 && s[b - 2] == 0xA2)
        return 1;
    if (b >= 1 && s[b - 1] == '"')
        b -= 1;
    else if (b >= 3 && s[b - 3] == 0xE2 && s[b - 2] == 0x80 && s[b - 1] == 0x9C)
        b -= 3;
    else
        return 0;
    return b == 0 || s[b - 1] == ' ' || s[b - 1] == '\n' || s[b - 1] == '\t' || s[b - 1] == '(';
}

/* Whether unit u opens the story's first sentence after a dateline: a
 * spaced dash before it (" — ", " – ", " - ", " -- ") and, within 60
 * bytes back to the line's start, a place in capitals opening the line
 * ("VELMORA — Rope makers asked ...", "BELIZE CITY, Dec 4 (CBN) – Cane
 * farmers ...").  The word's capital is the sentence's, no evidence of a
 * name (round 29: "Rope" was a name of its own). */
static int dateline_open(const uint8_t *s, const struct unit *u)
{
    uint32_t b = u->start;
    if (b < 4 || s[b - 1] != ' ' || (u->flags & F_CAPSWORD))
        return 0;
    uint32_t d = b - 1; /* the dash ends before d */
    if (s[d - 1] == '-')
        d -= s[d - 2] == '-' ? 2 : 1;
    else if (d >= 4 && s[d - 3] == 0xE2 && s[d - 2] == 0x80 && (s[d - 1] == 0x93 || s[d - 1] == 0x94))
        d -= 3;
    else
        return 0;
    if (d == 0 || s[d - 1] != ' ')
        return 0;
    uint32_t l = d - 1;
    while (l > 0 && s[l - 1] != '\n' && s[l - 1] != '\r' && d - l < 60)
        l--;
    if (l > 0 && s[l - 1] != '\n' && s[l - 1] != '\r')
        return 0;
    uint32_t caps = 0;
    for (uint32_t i = l; i < d && s[i] != ' ' && s[i] != ','; i++) {
        if (s[i] >= 'a' && s[i] <= 'z')
            return 0;
        caps += s[i] >= 'A' && s[i] <= 'Z';
    }
    return caps >= 3;
}

static void emit_units(byl_analyzer *a, const uint8_t *s, int mode)
{
    int names = mode == BYL_AN_INDEX && !a->titlecase && !a->no_names;
    struct winfo w;
    for (size_t ui = 0; ui < a->nunits && !a->rc; ui++) {
        const struct unit *u = &a->units[ui];
        /* a name never spans punctuation or a line break */
        unsigned hard = u->brk & (BRK_PUNCT | BRK_SENT | BRK_PARA);
        if ((u->brk & BRK_LINE) && !(u->flags & F_SOFTNL))
            hard |= BRK_LINE;
        if (u->flags & F_ITEM)
            hard |= BRK_PUNCT; /* an item of page chrome after a gap (context.c) */
        /* a nickname in quotes inside a name (Johannes "Jannie"
         * Pretorius): its words are left out of the name, and the closing
         * quote does not end it */
        int nick = names && a->nick_hi > 0 && ui >= a->nick_lo && ui < a->nick_hi;
        if (names && a->nick_hi > 0 && ui == a->nick_hi && hard == BRK_PUNCT)
            hard = 0;
        if (names && a->nick_hi > 0 && ui >= a->nick_hi)
            a->nick_lo = a->nick_hi = 0;
        if (names && !nick && a->nrun > 0 && hard && !(hard == BRK_PUNCT && byl_entity_glue(a, s, ui))) {
            byl_entity_spelled(a, s, u);
            byl_entity_run_end(a);
        }
        nick |= names && a->nick_hi > 0 && ui == a->nick_lo;
        if (u->type == UT_WORD) {
            byl_emit_word(a, s, u, &w);
            if (nick)
                continue;
            if (names) {
                if ((u->flags & (F_CAPSCTX | F_INNER | F_HEADING)))
                    byl_entity_run_end(a);
                else
                    byl_entity_feed(a, s, u, ui + 1 < a->nunits ? u + 1 : NULL, &w,
                                    ui == 0 || (hard & (BRK_SENT | BRK_LINE | BRK_PARA)) ||
                                        ((hard & BRK_PUNCT) && (after_label(s, u) || item_open(s, u) || dateline_open(s, u))));
            }
        } else {
            if (names)
                byl_entity_run_end(a);
            if (u->type == UT_CJK) {
                struct sbuf c = {.n = 0};
                byl_cjk_emit(a, s, u, &c);
            } else {
                size_t n = byl_norm(a, s, u->start, u->end, NORM_KEEP_APOS);
                a->pending = n != TOO_LONG && n > 0;
                if (a->pending) {
                    memcpy(a->pend, a->nb, n);
                    a->pend_len = n;
                    a->pend_pos = a->pos;
                    a->pend_start = u->start;
                    a->pend_end = u->end;
                }
            }
        }
        if (a->pending && (ui + 1 == a->nunits || !(a->units[ui + 1].flags & F_INNER)))
            flush_pending(a);
    }
    if (names) {
        byl_entity_run_end(a);
        a->late0 = a->ntoks;
        byl_entity_text_end(a);
    }
}

/* ---- public API --------------------------------------------------------- */

int byl_analyzer_new(byl_analyzer **out)
{
    if (!out)
        return byl_error_set(BYL_EINVAL, "byl_analyzer_new: out is NULL");
    *out = NULL;
    byl_analyzer *a = byl_calloc(1, sizeof *a);
    if (!a)
        return byl_error_set(BYL_ENOMEM, "analyzer: out of memory");
    a->stems = byl_calloc(STEM_SLOTS0, sizeof *a->stems);
    a->stem_mask = STEM_SLOTS0 - 1;
    /* the name detector's tables (cands, persons) and the lower-case word
     * filter are made by the first byl_analyze() that needs them: a query's
     * analyzer never detects names, and each table is pages a search from
     * the shell would fault in for nothing */
    if (a->stems)
        a->stemmer = sb_stemmer_new("english", NULL);
    if (!a->stemmer) {
        byl_analyzer_free(a);
        return byl_error_set(BYL_ENOMEM, "analyzer: out of memory");
    }
    byl_charclass_ascii(a->cls);
    *out = a;
    return BYL_OK;
}

void byl_analyzer_free(byl_analyzer *a)
{
    if (!a)
        return;
    if (a->stemmer)
        sb_stemmer_delete(a->stemmer);
    byl_free(a->stems);
    byl_free(a->cands);
    byl_free(a->persons);
    byl_free(a->low);
    byl_analyzer_trim(a); /* the buffers that grow */
    byl_free(a);
}

void byl_analyzer_trim(byl_analyzer *a)
{
    /* the next call regrows what it needs; the last output is gone */
    byl_free(a->toks);
    byl_free(a->terms);
    byl_free(a->units);
    byl_free(a->atoms);
    byl_free(a->cu);
    byl_free(a->cjk);
    byl_free(a->u32);
    byl_free(a->ments);
    byl_free(a->mtoks);
    byl_free(a->lines);
    a->lines = NULL;
    a->caplines = 0;
    a->ments = NULL;
    a->mtoks = NULL;
    a->nments = a->capments = a->capmtoks = 0;
    a->toks = NULL, a->terms = NULL, a->units = NULL, a->atoms = NULL;
    a->cu = NULL, a->cjk = NULL, a->u32 = NULL;
    a->ntoks = a->nterms = a->nunits = 0;
    a->captoks = a->capterms = a->capunits = a->capatoms = a->capcu = a->capcjk = 0;
    a->capu32 = 0;
}

static void reset(byl_analyzer *a)
{
    a->ntoks = a->nterms = a->nunits = 0;
    a->rc = 0;
    a->dry = 0;
    a->pos = 0;
    a->pending = 0;
    a->nrun = 0;
    a->nick_lo = a->nick_hi = 0;
    a->run_over = 0;
    a->run_suffix = 0;
    a->run_tail = 0;
    a->open_carry = 0;
    a->run_fr = 0;
    a->run_spelled = 0;
    a->ncands = a->nments = a->npersons = 0;
    a->nlines = 0;
    memset(a->shape, 0, sizeof a->shape);
    a->late0 = SIZE_MAX;
    a->titlecase = 0;
    a->saw_sent = 0;
}

int byl_analyze(byl_analyzer *a, const char *text, size_t len, int mode,
                const byl_token **toks, size_t *ntoks, const char **terms)
{
    static const byl_token no_tokens[1];
    if (toks)
        *toks = NULL;
    if (ntoks)
        *ntoks = 0;
    if (terms)
        *terms = NULL;
    if (!a || !toks || !ntoks || !terms || (!text && len) ||
        (mode != BYL_AN_INDEX && mode != BYL_AN_QUERY))
        return byl_error_set(BYL_EINVAL, "byl_analyze: invalid argument");
    if (len > UINT32_MAX)
        return byl_error_set(BYL_ELIMIT, "analyzer: text of %zu bytes is over 4 GiB",
                             len);
    reset(a);
    if (!a->low && !(a->low = byl_calloc(LOW_WORDS, sizeof *a->low)))
        return byl_error_set(BYL_ENOMEM, "analyzer: out of memory");
    if (mode == BYL_AN_INDEX && !a->no_names && !a->cands) {
        a->cands = byl_calloc(MAX_CANDS, sizeof *a->cands);
        a->persons = byl_calloc(MAX_PERSONS, sizeof *a->persons);
        if (!a->cands || !a->persons) {
            byl_free(a->cands);
            byl_free(a->persons);
            a->cands = NULL;
            a->persons = NULL;
            return byl_error_set(BYL_ENOMEM, "analyzer: out of memory");
        }
    }
    const uint8_t *s = (const uint8_t *)text;
    a->tlen = (uint32_t)len;
    byl_lex_range(a, s, 0, len, 0);
    if (!a->rc) {
        byl_context_caps(a, s);
        if (mode == BYL_AN_INDEX && !a->no_names)
            byl_context_headings(a, s);
        emit_units(a, s, mode);
    }
    if (!a->rc)
        byl_emit_sort(a);
    if (a->rc) {
        int rc = a->rc;
        reset(a);
        return byl_error_set(rc, "analyzer: %s", byl_strerror(rc));
    }
    *toks = a->ntoks ? a->toks : no_tokens;
    *ntoks = a->ntoks;
    *terms = a->nterms ? a->terms : "";
    return BYL_OK;
}

size_t byl_normalize_word(byl_analyzer *a, const char *word, size_t len,
                          char *out, size_t cap)
{
    if (!out || cap == 0)
        return 0;
    out[0] = '\0';
    if (!a || (!word && len) || len > UINT32_MAX)
        return 0;
    /* lex, then run the emitters dry: they compute canonical forms without
     * touching the token output of the last byl_analyze() call */
    int saved_rc = a->rc;
    a->nunits = 0;
    a->nlines = 0;
    a->rc = 0;
    const uint8_t *s = (const uint8_t *)word;
    byl_lex_range(a, s, 0, len, 0);
    size_t n = 0;
    struct sbuf c = {.n = 0};
    uint32_t pos = a->pos;
    a->dry = 1;
    for (size_t k = 0; k < a->nunits && !a->rc; k++) {
        const struct unit *u = &a->units[k];
        if (u->type == UT_WORD) {
            struct winfo w;
            byl_emit_word(a, s, u, &w);
            if (w.ok)
                sb_put(&c, w.canon, w.clen);
            else
                c.over = 1;
        } else if (u->type == UT_CJK) {
            byl_cjk_emit(a, s, u, &c);
        } else {
            sb_put(&c, a->nb, byl_norm(a, s, u->start, u->end, NORM_KEEP_APOS));
        }
        break;
    }
    a->dry = 0;
    a->pos = pos;
    if (!a->rc && !c.over && c.n > 0 && c.n + 1 <= cap) {
        memcpy(out, c.b, c.n + 1);
        n = c.n;
    }
    a->rc = saved_rc;
    a->nunits = 0; /* units are scratch; the last token output is untouched */
    return n;
}

