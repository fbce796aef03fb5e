/*
 * emit.c - pass 3 of the analyzer for words: a word unit becomes its terms
 * (a number, an acronym in capitals, a dotted abbreviation, an &-acronym, a
 * stemmed word, the parts of a hyphenated or dotted compound with the whole
 * stacked over them), and the tokens are put in position order at the end.
 * It also tells the name detector what each word was (struct winfo).
 *
 * Not for: normalization itself (normalize.c), CJK runs (cjk.c), names
 * (entity.c).
 */
#include <stdlib.h>
#include <string.h>

#include "text/_analyzer.h"
#include "text/words.h"
#include "util/err.h"

static int all_lower_ascii(const char *w, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (w[i] < 'a' || w[i] > 'z')
            return 0;
    return n > 0;
}

static int all_ascii_alnum(const char *w, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char c = w[i];
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '&'))
            return 0;
    }
    return n > 0;
}

static void upper_ascii(char *w, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (w[i] >= 'a' && w[i] <= 'z')
            w[i] = (char)(w[i] - 32);
}

/* ---- token output ------------------------------------------------------ */

/* Appends one token; terms that are empty or over MAX_TERM bytes are
 * dropped.  Returns 1 if a token was added. */
static int push_tok(byl_analyzer *a, const char *t, size_t n, uint32_t pos,
                    uint32_t start, uint32_t end, int kind, int flags)
{
    if (a->rc || a->dry || n == 0 || n > MAX_TERM)
        return 0;
    if (a->nterms + n + 1 > UINT32_MAX) {
        a->rc = BYL_ELIMIT;
        return 0;
    }
    if (grow(a, (void **)&a->toks, &a->captoks, a->ntoks + 1, sizeof *a->toks) ||
        grow(a, (void **)&a->terms, &a->capterms, a->nterms + n + 1, 1))
        return 0;
    byl_token *tk = &a->toks[a->ntoks++];
    tk->term_off = (uint32_t)a->nterms;
    tk->term_len = (uint32_t)n;
    tk->pos = pos;
    tk->start = start;
    tk->end = end;
    tk->kind = (uint16_t)kind;
    tk->flags = (uint16_t)flags;
    memcpy(a->terms + a->nterms, t, n);
    a->terms[a->nterms + n] = '\0';
    a->nterms += n + 1;
    return 1;
}

/* An ordinary token at the next position. */
int byl_emit(byl_analyzer *a, const char *t, size_t n, uint32_t start,
             uint32_t end, int kind)
{
    if (!push_tok(a, t, n, a->pos, start, end, kind, 0))
        return 0;
    a->pos++;
    return 1;
}

void byl_emit_stacked(byl_analyzer *a, const char *t, size_t n, uint32_t pos,
                      uint32_t start, uint32_t end, int kind)
{
    push_tok(a, t, n, pos, start, end, kind, BYL_TOKF_STACKED);
}


/* ---- emitting words ------------------------------------------------------ */

/* Splits word unit u into a->atoms; returns how many.  Cuts possessive 's
 * and the contractions 're 've 'll 'd 'm off each atom. */
static size_t split_atoms(byl_analyzer *a, const uint8_t *s, const struct unit *u)
{
    size_t na = 0, j = u->start;
    unsigned conn = K_NONE;
    while (j <= u->end) {
        if (grow(a, (void **)&a->atoms, &a->capatoms, na + 1, sizeof *a->atoms))
            return 0;
        struct atom *at = &a->atoms[na++];
        memset(at, 0, sizeof *at);
        at->start = (uint32_t)j;
        at->conn = (uint8_t)conn;
        int first = 1;
        size_t n;
        while (j < u->end) {
            int cl = class_at(a, s, j, u->end, &n);
            if (cl == C_HYPHEN || cl == C_DOT || cl == C_AMP || cl == C_COMMA)
                break;
            if (cl == C_UPPER) {
                at->nup++;
                at->nlet++;
                if (first)
                    at->fup = 1;
            } else if (cl == C_LOWER || cl == C_OLETTER) {
                at->nlo += cl == C_LOWER;
                at->nlet++;
            } else if (cl == C_DIGIT) {
                at->ndig++;
            } else if (cl == C_APOS) {
                at->apos = 1;
                at->apos_at = (uint32_t)j;
                at->apos_len = (uint32_t)n;
            }
            if (cl != C_MARK && cl != C_IGNORE && cl != C_APOS)
                first = 0;
            j += n;
        }
        at->end = (uint32_t)j;
        if (at->apos) {
            /* possessive and contraction suffixes (ASCII letters after the
             * last apostrophe) */
            size_t sb = at->apos_at + at->apos_len, sl = at->end - sb, k;
            char suf[3] = {0, 0, 0};
            int ascii = sl >= 1 && sl <= 2;
            for (k = 0; ascii && k < sl; k++) {
                if (!is_alpha(s[sb + k]))
                    ascii = 0;
                else
                    suf[k] = (char)(s[sb + k] | 32);
            }
            if (ascii && (!strcmp(suf, "s") || !strcmp(suf, "re") ||
                          !strcmp(suf, "ve") || !strcmp(suf, "ll") ||
                          !strcmp(suf, "d") || !strcmp(suf, "m"))) {
                for (k = 0; k < sl; k++) {
                    if (s[sb + k] < 'a')
                        at->nup--;
                    else
                        at->nlo--;
                    at->nlet--;
                }
                at->end = at->apos_at;
                at->poss = 1;
            }
        }
        if (j >= u->end)
            break;
        /* the connector */
        int cl = class_at(a, s, j, u->end, &n);
        j += n;
        conn = cl == C_HYPHEN ? K_HYPH : cl == C_AMP ? K_AMP : cl == C_COMMA ? K_COMMA : K_DOT;
        if (cl == C_DOT && j < u->end && class_at(a, s, j, u->end, &n) == C_HYPHEN) {
            conn = K_DOTHYPH;
            j += n;
        }
    }
    return na;
}

/* Emits one atom as a word, number or acronym; its canonical (unstemmed
 * lower-case) form goes to *canon.  Returns whether a token was emitted. */
static int emit_atom(byl_analyzer *a, const uint8_t *s, const struct atom *at,
                     int capsctx, struct sbuf *canon)
{
    size_t n = byl_norm(a, s, at->start, at->end, 0);
    sb_put(canon, a->nb, n);
    if (n == 0 || n == TOO_LONG)
        return 0;
    char t[MAX_TERM + 1];
    memcpy(t, a->nb, n);
    if (at->nlet == 0)
        return byl_emit(a, t, n, at->start, at->end, BYL_TOK_NUMBER);
    if (!capsctx && at->nup >= 2 && at->nlo == 0 && all_ascii_alnum(t, n)) {
        upper_ascii(t, n);
        return byl_emit(a, t, n, at->start, at->end, BYL_TOK_ACRONYM);
    }
    if (!capsctx && at->nup >= 2 && at->nlo == 1 && !at->poss && n > 1 &&
        s[at->end - 1] == 's' && all_ascii_alnum(t, n)) {
        upper_ascii(t, n - 1);
        return byl_emit(a, t, n - 1, at->start, at->end, BYL_TOK_ACRONYM);
    }
    if (all_lower_ascii(t, n) && !a->dry) {
        char st[MAX_TERM + 1];
        size_t m = byl_norm_stem(a, t, n, st);
        return byl_emit(a, st, m, at->start, at->end, BYL_TOK_WORD);
    }
    return byl_emit(a, t, n, at->start, at->end, BYL_TOK_WORD);
}

/* Emits one segment (atoms joined by . & ,) of a word unit: a number, a
 * dotted abbreviation, an &-acronym, a single atom, or a dotted compound
 * (whole stacked over its parts).  Its canonical form goes to *canon. */
static void emit_segment(byl_analyzer *a, const uint8_t *s, const struct unit *u,
                         const struct atom *at, size_t cnt, int last,
                         struct sbuf *canon)
{
    int capsctx = (u->flags & F_CAPSCTX) != 0;
    if (cnt == 1) {
        emit_atom(a, s, at, capsctx, canon);
        return;
    }
    size_t k, digits = 0, dots = 0, amps = 0, letters_ok = 1, ones = 0,
              twos = 0, amp_ok = 1;
    for (k = 0; k < cnt; k++) {
        digits += at[k].nlet == 0;
        if (k > 0) {
            dots += at[k].conn == K_DOT;
            amps += at[k].conn == K_AMP;
        }
        if (at[k].ndig || at[k].nlet == 0 || at[k].nlet > 2)
            letters_ok = 0;
        ones += at[k].nlet == 1;
        twos += at[k].nlet == 2;
        if (at[k].nlo || at[k].nlet == 0 || at[k].nlet + at[k].ndig > 4)
            amp_ok = 0;
    }
    uint32_t start = at[0].start, end = at[cnt - 1].end;
    struct sbuf t = {.n = 0};
    if (digits == cnt && (dots == 0 || (dots == 1 && at[cnt - 1].conn == K_DOT))) {
        /* 60,000  1.54  1,234.5 */
        for (k = 0; k < cnt; k++) {
            if (k > 0 && at[k].conn == K_DOT)
                sb_put(&t, ".", 1);
            sb_put(&t, a->nb, byl_norm(a, s, at[k].start, at[k].end, 0));
        }
        sb_put(canon, t.b, t.over ? TOO_LONG : t.n);
        if (!t.over)
            byl_emit(a, t.b, t.n, start, end, BYL_TOK_NUMBER);
        return;
    }
    if (dots == cnt - 1 && letters_ok && ones >= 1 && twos <= 1) {
        /* U.S.  Ph.D.  e.g.: one acronym, whatever the case */
        for (k = 0; k < cnt; k++)
            sb_put(&t, a->nb, byl_norm(a, s, at[k].start, at[k].end, 0));
        sb_put(canon, t.b, t.over ? TOO_LONG : t.n);
        if (t.over)
            return;
        int dot_after = last ? (u->flags & F_DOTAFTER) != 0
                             : at[cnt].conn == K_DOTHYPH;
        if (all_ascii_alnum(t.b, t.n)) {
            upper_ascii(t.b, t.n);
            byl_emit(a, t.b, t.n, start, end + (dot_after ? 1 : 0), BYL_TOK_ACRONYM);
        } else {
            byl_emit(a, t.b, t.n, start, end + (dot_after ? 1 : 0), BYL_TOK_WORD);
        }
        return;
    }
    if (amps == cnt - 1 && amp_ok) {
        /* AT&T  R&D  S&P */
        for (k = 0; k < cnt; k++) {
            if (k > 0)
                sb_put(&t, "&", 1);
            sb_put(&t, a->nb, byl_norm(a, s, at[k].start, at[k].end, 0));
        }
        sb_put(canon, t.b, t.over ? TOO_LONG : t.n);
        if (t.over)
            return;
        if (all_ascii_alnum(t.b, t.n)) {
            upper_ascii(t.b, t.n);
            byl_emit(a, t.b, t.n, start, end, BYL_TOK_ACRONYM);
        } else {
            byl_emit(a, t.b, t.n, start, end, BYL_TOK_WORD);
        }
        return;
    }
    /* a dotted compound: LeiFeng.com, 01.AI, 192.168.0.1, Johnson&Johnson */
    uint32_t p0 = a->pos;
    for (k = 0; k < cnt; k++) {
        if (k > 0)
            sb_put(&t, at[k].conn == K_AMP ? "&" : at[k].conn == K_COMMA ? "," : ".", 1);
        emit_atom(a, s, &at[k], capsctx, &t);
    }
    sb_put(canon, t.b, t.over ? TOO_LONG : t.n);
    if (!t.over && a->pos > p0)
        byl_emit_stacked(a, t.b, t.n, p0, start, end, BYL_TOK_COMPOUND);
}

/* Emits a word unit (fast path for one plain ASCII atom) and describes it
 * for the name detector in *w. */
/* Whether s[b, e) is a French or Italian elided particle before a capital
 * ("d'Unienville", "d’Estaing"): a name word, as "de Gaulle" is two. */
static int elided_particle(const uint8_t *s, uint32_t b, uint32_t e)
{
    if (e - b < 3 || s[b] != 'd')
        return 0;
    if (s[b + 1] == '\'')
        return s[b + 2] >= 'A' && s[b + 2] <= 'Z';
    return e - b >= 5 && s[b + 1] == 0xE2 && s[b + 2] == 0x80 && s[b + 3] == 0x99 && s[b + 4] >= 'A' &&
           s[b + 4] <= 'Z';
}

void byl_emit_word(byl_analyzer *a, const uint8_t *s, const struct unit *u,
                   struct winfo *w)
{
    uint32_t f = u->flags;
    int capsctx = (f & F_CAPSCTX) != 0;
    w->tok0 = a->ntoks;
    w->pos = a->pos;
    w->poss = 0;
    w->wend = u->end;
    w->clen = 0;
    w->ok = 0;
    w->nameable = 0;
    w->capital = 0;
    if (f & F_SIMPLE) {
        size_t n = u->end - u->start;
        const uint8_t *p = s + u->start;
        if (n > MAX_TERM) {
            w->tok1 = a->ntoks;
            return;
        }
        for (size_t k = 0; k < n; k++)
            w->canon[k] = (char)(p[k] >= 'A' && p[k] <= 'Z' ? p[k] + 32 : p[k]);
        w->canon[n] = '\0';
        w->clen = n;
        w->ok = 1;
        if (f & F_NUM) {
            byl_emit(a, (const char *)p, n, u->start, u->end, BYL_TOK_NUMBER);
        } else if (!capsctx && (f & F_CAPSWORD)) {
            byl_emit(a, (const char *)p, n, u->start, u->end, BYL_TOK_ACRONYM);
        } else if (!capsctx && (f & F_PLURALACR)) {
            byl_emit(a, (const char *)p, n - 1, u->start, u->end, BYL_TOK_ACRONYM);
        } else if ((f & F_ALPHA) && !a->dry) {
            char st[MAX_TERM + 1];
            size_t m = byl_norm_stem(a, w->canon, n, st);
            byl_emit(a, st, m, u->start, u->end, BYL_TOK_WORD);
        } else {
            byl_emit(a, w->canon, n, u->start, u->end, BYL_TOK_WORD);
        }
        w->tok1 = a->ntoks;
        w->nameable = (f & F_ALPHA) != 0;
        w->capital = w->nameable && (f & F_UPPER1) && !(f & (F_CAPSWORD | F_PLURALACR));
        return;
    }

    size_t na = split_atoms(a, s, u);
    if (na == 0) {
        w->tok1 = a->ntoks;
        return;
    }
    const struct atom *at = a->atoms;
    struct sbuf whole = {.n = 0};
    uint32_t p0 = a->pos;
    size_t nseg = 0, k = 0;
    int plain = 1; /* every segment is one letters-only atom */
    while (k < na) {
        size_t m = k + 1;
        while (m < na && at[m].conn != K_HYPH && at[m].conn != K_DOTHYPH)
            m++;
        if (nseg > 0)
            sb_put(&whole, "-", 1);
        if (m - k != 1 || at[k].ndig || at[k].nlet == 0)
            plain = 0;
        emit_segment(a, s, u, at + k, m - k, m == na, &whole);
        nseg++;
        k = m;
    }
    if (nseg > 1 && !whole.over && a->pos > p0)
        byl_emit_stacked(a, whole.b, whole.n, p0, at[0].start, at[na - 1].end,
                         BYL_TOK_COMPOUND);
    w->tok1 = a->ntoks;
    w->wend = at[na - 1].end;
    w->poss = at[na - 1].poss;
    if (!whole.over && whole.n > 0) {
        memcpy(w->canon, whole.b, whole.n + 1);
        w->clen = whole.n;
        w->ok = 1;
    }
    if (!plain || capsctx || !w->ok)
        return;
    /* a name word: every part capitalised, or a particle before a
     * capitalised part (Jean-Claude, al-Assad, O'Brien) */
    w->nameable = 1;
    int cap = 1, any = 0;
    for (k = 0; k < na; k++) {
        int c = at[k].fup && !(at[k].nup >= 2 && at[k].nlo == 0);
        /* an elided particle before a capital: d'Unienville, d’Estaing */
        c |= elided_particle(s, at[k].start, at[k].end);
        if (c) {
            any = 1;
            continue;
        }
        /* a Korean given name: Young-hyun, Seo-yeon */
        if (na == 2 && k == 1 && any && at[k].conn == K_HYPH && at[k].nup == 0 &&
            at[k].nlet >= 2 && at[k].nlet <= 4)
            continue;
        /* a co-operative's word (Co-operative Union, Co-op Bank,
         * Co-ordinating Committee): "Co-" is the prefix of a capitalised
         * word, the lower-case rest is no second name */
        if (na == 2 && k == 1 && any && at[k].conn == K_HYPH && at[0].end - at[0].start == 2 &&
            s[at[0].start] == 'C' && s[at[0].start + 1] == 'o' && at[k].end - at[k].start >= 2 &&
            s[at[k].start] == 'o' && (s[at[k].start + 1] == 'p' || s[at[k].start + 1] == 'r'))
            continue;
        /* or a small word between capitalised parts (Carrick-on-Shannon,
         * Cash-in-Transit, Stoke-on-Trent) */
        size_t n = byl_norm(a, s, at[k].start, at[k].end, 0);
        unsigned roles = n == TOO_LONG ? 0 : byl_word_roles(a->nb, n);
        if (!(roles & BYL_W_PARTICLE) && !(k > 0 && any && (roles & BYL_W_TC_SMALL) &&
                                           at[k].conn == K_HYPH))
            cap = 0;
        if (k + 1 == na)
            cap = 0;
    }
    w->capital = cap && any;
}


/* ---- token order ---------------------------------------------------------- */


/* Puts tokens in (position, unstacked first) order.  Stable, and linear on
 * the almost-sorted arrays emission produces: a stacked whole is emitted
 * after its parts, but a whole has at most MAX_TERM bytes and a name at
 * most MAX_RUN words, so each is a bounded number of tokens late. */
static void sort_tokens_to(byl_analyzer *a, size_t end)
{
    byl_token *t = a->toks;
    for (size_t i = 1; i < end; i++) {
        uint64_t ki = ((uint64_t)t[i].pos << 1) | (t[i].flags & BYL_TOKF_STACKED);
        uint64_t kp = ((uint64_t)t[i - 1].pos << 1) | (t[i - 1].flags & BYL_TOKF_STACKED);
        if (kp <= ki)
            continue;
        byl_token x = t[i];
        size_t j = i;
        while (j > 0 && (((uint64_t)t[j - 1].pos << 1) |
                         (t[j - 1].flags & BYL_TOKF_STACKED)) > ki) {
            t[j] = t[j - 1];
            j--;
        }
        t[j] = x;
    }
}

static uint64_t tok_key(const byl_token *t)
{
    return ((uint64_t)t->pos << 1) | (t->flags & BYL_TOKF_STACKED);
}

static int cmp_late(const void *x, const void *y)
{
    const byl_token *p = x, *q = y;
    uint64_t a = tok_key(p), b = tok_key(q);
    if (a != b)
        return a < b ? -1 : 1;
    return p->start < q->start ? -1 : p->start > q->start;
}

/* Puts tokens in position order: the ones emitted in order of the text by
 * insertion, then the one-word entities emitted at the end (a->late0 on),
 * which may belong anywhere, by sorting them apart and merging. */
void byl_emit_sort(byl_analyzer *a)
{
    size_t late = a->late0 < a->ntoks ? a->late0 : a->ntoks, n = a->ntoks;
    sort_tokens_to(a, late);
    if (late == n)
        return;
    qsort(a->toks + late, n - late, sizeof *a->toks, cmp_late);
    /* merge from the end: the late ones wait aside, and only the tokens
     * after the first of them move */
    size_t m = n - late;
    if (grow(a, (void **)&a->mtoks, &a->capmtoks, m, sizeof *a->mtoks))
        return;
    byl_token *t = a->toks, *o = a->mtoks;
    memcpy(o, t + late, m * sizeof *t);
    size_t i = late, j = m, k = n;
    while (j > 0) {
        if (i > 0 && tok_key(&t[i - 1]) > tok_key(&o[j - 1]))
            t[--k] = t[--i];
        else
            t[--k] = o[--j];
    }
}

