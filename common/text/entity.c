/*
 * entity.c - the analyzer's name detector (index mode): capitalised words
 * fed in text order are collected into runs of name words, initials,
 * particles and the connectors organisations need (of, and, &); a run of
 * two name words or more becomes one stacked ENTITY token (and its words
 * NAMEPART), a single word becomes a candidate that is an entity only on
 * the evidence of the whole text; a person's surname alone later in the
 * text gets the whole name.  Also the canonical key of a name
 * (byl_entity_key).  docs/TOKENIZATION.md has every rule with examples.
 *
 * Not for: headings and ALL-CAPS copy, where no names are looked for
 * (context.c marks them), nor names in queries (query/names.c).
 */
#include <string.h>

#include "text/_analyzer.h"
#include "text/place.h"
#include "text/words.h"

/* French organisations are written in sentence case: after the
 * institution's word, lower-case words and connectors up to the end of
 * the name ("Conseil québécois du transport lourd", "École de conduite
 * Dufresne", "Société de transport de Montréal"). */
static const char *const fr_org[] = {"conseil", "ecole", "societe", "institut", "ministere", "regie",
                                     "syndicat", "caisse", "chambre", "universite", "comite",
                                     "agence", "autorite", "compagnie", "fondation", "musee",
                                     "hopital", "commission", "association", "federation",
                                     "centre", "banque", "groupe", "cegep", "ordre", "office"};
static const char *const fr_conn[] = {"de", "du", "des", "la", "le", "les", "et", "pour", "sur", "aux", "en"};

static int in_list(const char *const *l, size_t n, const char *w, size_t len)
{
    for (size_t i = 0; i < n; i++)
        if (strlen(l[i]) == len && !memcmp(l[i], w, len))
            return 1;
    return 0;
}
#define IN(l, w, n) in_list(l, sizeof l / sizeof l[0], w, n)

/* ---- one-word names ----------------------------------------------------------
 *
 * A capitalised word alone is a name only on evidence from the whole text,
 * so its mentions are collected while the text is emitted and decided at the
 * end.  It is one when it is never written in lower case in the text, is not
 * a place, a people, a common abbreviation (AI) or a listed word, and is
 * CamelCase (ByteDance), or is capitalised inside a sentence somewhere
 * (an acronym too: OPEC), or starts a sentence followed by "said" or
 * "says" (Tesla says) or by an appositive or a ticker (Safaricom, the
 * country's largest company; Nvidia (NVDA.O) rose), or is an acronym of three letters or more that
 * starts a sentence before a lower-case word (ICAR director general), or
 * starts two sentences or more (and is not a plural: Analysts); mentions
 * in page chrome count for none of these (F_CHROME, context.c: a word seen
 * only in a footer's "Terms · Privacy · Cookies" is no name).  A word that is the last (or, for a two-word name, the
 * first) word of a person's name found in the same text is a later mention
 * of that person: it gets the whole name's entity ("Raghunathan expects" after
 * "Priya Raghunathan"). */

/* The candidate of the word r->w, made if new; MAX_CANDS if full. */
static size_t cand_of(byl_analyzer *a, const struct runword *r, int shape)
{
    uint32_t h = hash_bytes(r->w, r->len);
    size_t c;
    for (c = 0; c < a->ncands; c++)
        if (a->cands[c].h == h && a->cands[c].len == r->len &&
            memcmp(a->cands[c].w, r->w, r->len) == 0)
            return c;
    if (c == MAX_CANDS)
        return c;
    struct cand *x = &a->cands[a->ncands++];
    x->h = h;
    x->mid = x->first = 0;
    x->leads = x->defined = x->prose = 0;
    x->nment = x->titled = x->figured = 0;
    x->shape = (uint8_t)shape;
    x->len = (uint8_t)r->len;
    memcpy(x->w, r->w, r->len + 1);
    return c;
}

static void cand_add(byl_analyzer *a, const struct runword *r, int shape)
{
    size_t c = cand_of(a, r, shape);
    if (c == MAX_CANDS)
        return;
    /* a word that starts a sentence (after one's end: not a line's
     * start alone) and says something (Tesla says) speaks as a name does: as good as a mention inside one, but
     * not for a plural (Analysts said, Officials say) */
    int speaks = r->sent && r->period && r->said && r->w[r->len - 1] != 's';
    /* so does an acronym of three capitals or more that opens a sentence
     * (ICAR director general ..., ECB board member ...); the common ones
     * (CEO, GDP, RMB) are BYL_W_NOTORG, and one alone or before a number
     * (RMB 1 million) is no evidence */
    speaks |= r->sent && r->period && shape == CS_ACRONYM && r->len >= 3 && r->lowafter;
    /* an acronym that opens a line but no sentence (a list's item, a
     * related link's headline: "EU fishing deal: what it gives") has its
     * capitals of its own, not of where it stands: as good as a mention
     * inside a sentence (round 29) */
    speaks |= r->sent && !r->period && shape == CS_ACRONYM;
    /* a mention in page chrome (a footer's "Terms · Privacy", a
     * "Comments (7)" line) is no evidence: only prose is */
    if (!r->chrome) {
        if ((!r->sent || speaks) && a->cands[c].mid < UINT16_MAX)
            a->cands[c].mid++;
        if (r->sent && r->period && a->cands[c].first < UINT16_MAX)
            a->cands[c].first++;
        a->cands[c].defined |= (uint8_t)r->defined;
        a->cands[c].prose = 1;
    }
    if (a->cands[c].nment < UINT16_MAX) {
        a->cands[c].nment++;
        a->cands[c].titled += (uint16_t)(r->dot_title != 0);
        a->cands[c].figured += (uint16_t)(r->figure != 0);
    }
    if (grow(a, (void **)&a->ments, &a->capments, a->nments + 1, sizeof *a->ments))
        return;
    struct mention *m = &a->ments[a->nments++];
    m->cand = (uint32_t)c;
    m->pos = r->pos;
    m->start = r->start;
    m->end = r->end;
    m->tok0 = r->tok0;
    m->tok1 = r->tok1;
}

static void mark_nameparts(byl_analyzer *a, size_t tok0, size_t tok1)
{
    for (size_t t = tok0; t < tok1; t++)
        if (a->toks[t].kind == BYL_TOK_WORD)
            a->toks[t].kind = BYL_TOK_NAMEPART;
}

/* Whether the lower-case word w[0, n) reads as a people or its
 * adjective, by its ending (Chilean, Peruvian, Lebanese, Kurdish): seven
 * letters or more, so that a first name (Adrian, Julian) is spared; one
 * that is a person's name of the text was taken before this is asked. */
static int demonym(const char *w, size_t n)
{
    if (n < 7)
        return 0;
    const char *t = w + n - 3;
    return !memcmp(t, "ean", 3) || !memcmp(t, "ese", 3) || !memcmp(t, "ian", 3) ||
           !memcmp(t, "ish", 3) || (n >= 8 && !memcmp(w + n - 4, "ians", 4));
}

/* Whether w[0, n) is a one-word candidate of the text. */
static int has_cand(const byl_analyzer *a, const char *w, size_t n)
{
    for (size_t c = 0; c < a->ncands; c++)
        if (a->cands[c].len == n && memcmp(a->cands[c].w, w, n) == 0)
            return 1;
    return 0;
}

/* The one person of the text whose name of three words or more (a key in
 * text order) has the word w[0, n) after its first, not as a particle;
 * NULL if none, or if two have it.  Not the first word: a company's first
 * word alone is its short name ("Tri-River" after "Tri-River Public
 * Radio"), a name of its own (byl_entity_run_end's leads). */
static const struct person *person_word(const byl_analyzer *a, const char *w, size_t n)
{
    const struct person *found = NULL;
    if (byl_word_roles(w, n) & BYL_W_PARTICLE)
        return NULL;
    for (size_t i = 0; i < a->npersons; i++) {
        const struct person *p = &a->persons[i];
        if (p->flen != 0 || p->legal)
            continue;
        const char *sp0 = memchr(p->key, ' ', p->klen);
        for (size_t o = sp0 ? (size_t)(sp0 - p->key) + 1 : p->klen; o + n <= p->klen;) {
            if (!memcmp(p->key + o, w, n) && (o + n == p->klen || p->key[o + n] == ' ')) {
                if (found && strcmp(found->key, p->key) != 0)
                    return NULL;
                found = p;
                break;
            }
            const char *sp = memchr(p->key + o, ' ', p->klen - o);
            if (!sp)
                break;
            o = (size_t)(sp - p->key) + 1;
        }
    }
    return found;
}

/* Emits the entities of the one-word names the text gives evidence for. */
void byl_entity_text_end(byl_analyzer *a)
{
    for (size_t c = 0; c < a->ncands && !a->rc; c++) {
        const struct cand *x = &a->cands[c];
        const char *key = x->w;
        size_t kl = x->len;
        /* a short word with a period that stands before a person's name
         * wherever the text writes it, twice or more, is an abbreviated
         * title (Ing. Jan Novak, JUDr. Eva Mala, Mag. Karl Huber) */
        if (x->titled >= 2 && x->titled == x->nment)
            continue;
        /* an acronym that stands right before a figure wherever the text
         * writes it is a currency's or a unit's code (AMD 14.2 billion,
         * KGS 500), not an organisation */
        if (x->shape == CS_ACRONYM && x->figured == x->nment && x->nment > 0 && !x->defined)
            continue;
        int lowered = x->shape != CS_ACRONYM && byl_context_low_has(a, x->w, x->len);
        /* a later mention of a person: the last name, else a first word */
        const struct person *p = NULL;
        for (size_t i = 0; i < a->npersons && !p && !lowered; i++)
            if (a->persons[i].llen == kl && memcmp(a->persons[i].last, key, kl) == 0)
                p = &a->persons[i];
        for (size_t i = 0; i < a->npersons && !p && !lowered; i++)
            if (a->persons[i].flen == kl && memcmp(a->persons[i].first, key, kl) == 0 &&
                memchr(a->persons[i].last, '-', a->persons[i].llen))
                p = &a->persons[i]; /* Kim, after Kim Seo-yeon */
        /* a first name alone, after a name of two words whose surname is
         * written alone too: a person called by first name ("Bukayo
         * decides" beside "Saka's shot"); otherwise the first word alone
         * is a short form of its own (Kestrel, after Kestrel Minerals) */
        for (size_t i = 0; i < a->npersons && !p && !lowered && x->leads; i++)
            if (a->persons[i].flen == kl && memcmp(a->persons[i].first, key, kl) == 0 &&
                has_cand(a, a->persons[i].last, a->persons[i].llen))
                p = &a->persons[i];
        /* a later word but a particle of one person's name of three words
         * or more: a middle name used as the surname ("Dr Akello" after
         * "Grace Akello Okwir"), a first surname ("Gaviria" after "María
         * Camila Gaviria Londoño"); not when two such names hold the word */
        if (!p && !lowered && kl >= 3)
            p = person_word(a, key, kl);
        if (p) {
            key = p->key;
            kl = p->klen;
        } else {
            unsigned bits = byl_word_roles(x->w, x->len);
            /* starting two sentences or more stands for a mention inside
             * one, but not for a plural (Analysts, Investors) */
            int starts = x->first >= 2 && x->len >= 4 && x->w[x->len - 1] != 's';
            if (!x->prose)
                continue; /* seen only in page chrome (context.c) */
            if (x->defined)
                ; /* "the National Anti-Corruption Directorate (DNA)": the text says what it is */
            else if (lowered || (x->mid == 0 && !starts && !x->leads && x->shape != CS_CAMEL) || x->len < 2 ||
                demonym(x->w, x->len) ||
                (x->len > 4 && x->w[x->len - 1] == 's' &&
                 (byl_word_roles(x->w, x->len - 1) & (BYL_W_DATE | BYL_W_DATENUM))) || /* Sundays */
                (bits & (BYL_W_PLACE | BYL_W_STOP | BYL_W_TITLE | BYL_W_DATE | BYL_W_DATENUM | BYL_W_SUFFIX |
                         BYL_W_LABEL | BYL_W_PARTICLE | BYL_W_ORG | BYL_W_NOTORG)))
                continue;
        }
        for (size_t m = 0; m < a->nments; m++) {
            const struct mention *me = &a->ments[m];
            if (me->cand != c)
                continue;
            byl_emit_stacked(a, key, kl, me->pos, me->start, me->end, BYL_TOK_ENTITY);
            mark_nameparts(a, me->tok0, me->tok1);
        }
    }
    a->ncands = a->nments = 0;
    a->npersons = 0;
    a->portfolio_end = 0;
    a->run_listed = 0;
}

/* ---- names ------------------------------------------------------------------ */

/* The capitalised parts of an organisation's name with connectors, as
 * entities of their own: "Securities and Exchange Commission" is also found
 * as "Exchange Commission", "Moody's Investors Service" as "Investors
 * Service" (the name a search for a part of it types; --names lists only
 * the whole, query/names.c). */
static void sub_names(byl_analyzer *a, size_t lo, size_t hi)
{
    const struct runword *r = a->run;
    size_t b = lo;
    while (b < hi) {
        size_t e = b, names = 0, long_names = 0;
        while (e < hi && r[e].role <= RW_PARTICLE) {
            names += r[e].role != RW_PARTICLE;
            long_names += r[e].role == RW_NAME && r[e].len >= 2;
            if (r[e++].poss)
                break;
        }
        size_t last = e;
        while (last > b && r[last - 1].role == RW_PARTICLE)
            last--;
        if (names >= 2 && long_names >= 1 && (last - b) < (hi - lo) && r[b].role != RW_PARTICLE) {
            const char *words[MAX_RUN];
            size_t lens[MAX_RUN], nw = 0;
            char key[MAX_TERM + 1];
            for (size_t k = b; k < last; k++) {
                words[nw] = r[k].w;
                lens[nw++] = r[k].len;
            }
            size_t kl = byl_entity_key(words, lens, nw, key, sizeof key);
            if (kl)
                byl_emit_stacked(a, key, kl, r[b].pos, r[b].start, r[last - 1].end, BYL_TOK_ENTITY);
        }
        b = e > b ? e : b + 1;
        while (b < hi && r[b].role > RW_PARTICLE)
            b++;
    }
}

/* Whether run[b, e) is an organisation's whole name of its own: two to
 * six name words, no connector, the last an organisation's word. */
static int org_piece(const struct runword *r, size_t b, size_t e)
{
    if (e < b + 2 || e > b + MAX_NAMEW)
        return 0;
    for (size_t k = b; k < e; k++)
        if (r[k].role != RW_NAME)
            return 0;
    return (byl_word_roles(r[e - 1].w, r[e - 1].len) & BYL_W_ORG) != 0;
}

/* Emits run[b, e) (an org_piece) as an entity, its words as name parts. */
static void emit_piece(byl_analyzer *a, size_t b, size_t e)
{
    const char *words[MAX_RUN] = {0};
    size_t lens[MAX_RUN] = {0}, nw = 0;
    char key[MAX_TERM + 1];
    for (size_t k = b; k < e; k++) {
        words[nw] = a->run[k].w;
        lens[nw++] = a->run[k].len;
    }
    size_t kl = byl_entity_key(words, lens, nw, key, sizeof key);
    if (!kl)
        return;
    byl_emit_stacked(a, key, kl, a->run[b].pos, a->run[b].start, a->run[e - 1].end, BYL_TOK_ENTITY);
    for (size_t k = b; k < e; k++)
        mark_nameparts(a, a->run[k].tok0, a->run[k].tok1);
}

/* The person of the text whose name of three words or more ends in the
 * n words (n >= 2) given, one of them a particle (El Amrani, Baptista dos
 * Reis, van der Berg: a surname of several words), or NULL.  Not any two
 * last words: "Coast Guard" after "Philippine Coast Guard", "Lindani
 * Mabaso" after "Substitute Lindani Mabaso" are names of their own as
 * often as a later mention; nor a company's (a legal form followed it). */
static const struct person *person_tail(const byl_analyzer *a, const char *const *words,
                                        const size_t *lens, size_t n)
{
    if (n < 2 || a->npersons == 0)
        return NULL;
    size_t total = n - 1;
    int particle = 0;
    for (size_t k = 0; k < n; k++) {
        total += lens[k];
        particle |= (byl_word_roles(words[k], lens[k]) & BYL_W_PARTICLE) != 0;
    }
    if (!particle)
        return NULL;
    for (size_t i = 0; i < a->npersons; i++) {
        const struct person *p = &a->persons[i];
        if (p->flen != 0 || p->legal || p->klen <= total + 1 || p->key[p->klen - total - 1] != ' ')
            continue; /* flen: a name of two words, its key in sorted order */
        const char *t = p->key + p->klen - total;
        size_t o = 0, k;
        for (k = 0; k < n; k++) {
            if (memcmp(t + o, words[k], lens[k]) != 0 || (k + 1 < n && t[o + lens[k]] != ' '))
                break;
            o += lens[k] + 1;
        }
        if (k == n)
            return p;
    }
    return NULL;
}

/* The person of the text whose name of three words or more opens with
 * the two words given and goes on with a particle: "Ahmad Faizal said"
 * after "Datuk Ahmad Faizal bin Mohd Noor"; NULL if none, or if two do.
 * Not without the particle: a company's first words are its short name
 * ("Harlow Crest" after "Harlow Crest Homes"), a name of its own. */
static const struct person *person_head(const byl_analyzer *a, const char *const *words,
                                        const size_t *lens, size_t n)
{
    if (n != 2)
        return NULL;
    size_t total = lens[0] + 1 + lens[1];
    const struct person *found = NULL;
    for (size_t i = 0; i < a->npersons; i++) {
        const struct person *p = &a->persons[i];
        if (p->flen != 0 || p->legal || p->klen <= total + 1 || p->key[total] != ' ' ||
            memcmp(p->key, words[0], lens[0]) != 0 || p->key[lens[0]] != ' ' ||
            memcmp(p->key + lens[0] + 1, words[1], lens[1]) != 0)
            continue;
        const char *next = p->key + total + 1, *sp = strchr(next, ' ');
        if (!sp || !(byl_word_roles(next, (size_t)(sp - next)) & BYL_W_PARTICLE))
            continue;
        if (found && strcmp(found->key, p->key) != 0)
            return NULL;
        found = p;
    }
    return found;
}

/* Emits the name run[lo..hi) (connectors at either end dropped): an entity
 * if it has two name words or more, a one-word candidate if it has one. */
static int run_place(const struct runword *r, size_t b, size_t e);
static void run_emit(byl_analyzer *a, size_t lo, size_t hi)
{
    struct runword *r = a->run;
    size_t k;
    /* a patronymic written after the name (Nurlan Asanbek uulu, Aigerim
     * Toktogul kyzy, Elvin Mammadov oglu) is its last word; other
     * particles at the end belong to no name */
    int patronymic = hi > lo + 2 && r[hi - 1].role == RW_PARTICLE && r[hi - 2].role == RW_NAME &&
                     byl_word_in(BYL_WL_PATRONYMIC, r[hi - 1].w, r[hi - 1].len);
    while (!patronymic && hi > lo && r[hi - 1].role >= RW_PARTICLE)
        hi--;
    while (lo < hi && (r[lo].role == RW_OF || r[lo].role == RW_AND || r[lo].role == RW_AMP ||
                       r[lo].role == RW_COMMA))
        lo++;
    size_t names = 0, long_names = 0, conn = 0, acr = 0;
    for (k = lo; k < hi; k++) {
        names += r[k].role == RW_NAME || r[k].role == RW_INITIAL;
        long_names += r[k].role == RW_NAME && r[k].len >= 2 && !r[k].shape;
        conn += r[k].role >= RW_OF;
        acr += r[k].shape == CS_ACRONYM;
    }
    if (names == 1 && hi - lo == 1 && r[lo].role == RW_NAME) {
        /* a legal form after the word is the evidence a sentence's
         * opening word lacks: a company names itself so (round 27:
         * "Orvani LLC, a payments start-up, ..."; "Kestoro Ltd grew") */
        struct runword one = r[lo];
        if (a->run_legal && one.sent) {
            one.sent = 0;
            one.said = 0;
        }
        cand_add(a, &one, one.shape);
        return;
    }
    /* a company's or a body's name may be longer than a person's: one
     * with connectors, or one that ends in an organisation's word or a
     * legal form (Cuu Long Premium Rice Joint Stock Company) */
    if (names < 2 || long_names < 1 || names > MAX_NAMEW + 2 ||
        (names > MAX_NAMEW && !conn && !a->run_legal &&
         !(byl_word_roles(r[hi - 1].w, r[hi - 1].len) & BYL_W_ORG)))
        return;
    const char *words[MAX_RUN] = {0}; /* set (gcc's ASan build cannot see it) */
    size_t lens[MAX_RUN] = {0}, nw = 0;
    char key[MAX_TERM + 1];
    for (k = lo; k < hi; k++)
        if (r[k].role != RW_AMP && r[k].role != RW_COMMA) {
            words[nw] = r[k].w;
            lens[nw++] = r[k].len;
        }
    size_t kl = byl_entity_key(words, lens, nw, key, sizeof key);
    if (kl == 0) {
        /* a name too long for a key (Civic Transport Research Centre of
         * the Hong Kong Polytechnic University): the two organisations
         * either side of its "of the" are names of their own */
        for (k = lo + 2; k + 3 < hi && !a->rc; k++)
            if (r[k].role == RW_OF && r[k].len == 2 && !memcmp(r[k].w, "of", 2) && r[k + 1].role == RW_OF &&
                r[k + 1].len == 3 && !memcmp(r[k + 1].w, "the", 3) && org_piece(r, lo, k) &&
                org_piece(r, k + 2, hi)) {
                emit_piece(a, lo, k);
                emit_piece(a, k + 2, hi);
                break;
            }
        return;
    }
    /* the last words of a person's name of three words or more, found
     * before in the text, are a later mention of that person: "El Amrani
     * said" after "Noor El Amrani", "Baptista dos Reis said" after
     * "Ricardo Baptista dos Reis" (a one-word surname has its own rule,
     * byl_entity_text_end) */
    const struct person *tail = conn ? NULL : person_tail(a, words, lens, nw);
    if (!tail && !conn && hi - lo == 2 && r[lo].role == RW_NAME && r[lo + 1].role == RW_NAME)
        tail = person_head(a, words, lens, nw);
    if (tail)
        byl_emit_stacked(a, tail->key, tail->klen, r[lo].pos, r[lo].start, r[hi - 1].end, BYL_TOK_ENTITY);
    else
        byl_emit_stacked(a, key, kl, r[lo].pos, r[lo].start, r[hi - 1].end, BYL_TOK_ENTITY);
    int inner_poss = 0;
    for (k = lo; k + 1 < hi; k++)
        inner_poss |= r[k].poss;
    if (conn > 0 || inner_poss)
        sub_names(a, lo, hi);
    /* the body without its country ("Court of Appeal of Tanzania", often
     * "the Court of Appeal"; "Ministry of Health of Ukraine"): the words
     * before the last "of", an "of" among them, when a place follows it
     * and no organisation's word (Central Bank of the Republic of X) ends
     * them */
    for (k = hi - 2; k > lo + 2; k--) {
        if (r[k].role != RW_OF)
            continue;
        size_t at = k + 1; /* the place's first word ("of the Philippines") */
        if (r[k].len == 3 && !memcmp(r[k].w, "the", 3) && r[k - 1].role == RW_OF)
            k--;
        int of_in = 0;
        for (size_t j = lo + 1; j + 1 < k; j++)
            of_in |= r[j].role == RW_OF;
        if (r[k].len == 2 && !memcmp(r[k].w, "of", 2) && of_in && r[k - 1].role == RW_NAME &&
            !(byl_word_roles(r[k - 1].w, r[k - 1].len) & BYL_W_ORG) && run_place(r, at, hi)) {
            size_t m = 0;
            for (size_t j = lo; j < k; j++)
                if (r[j].role != RW_AMP && r[j].role != RW_COMMA) {
                    words[m] = r[j].w;
                    lens[m++] = r[j].len;
                }
            char sub[MAX_TERM + 1];
            size_t sl = byl_entity_key(words, lens, m, sub, sizeof sub);
            if (sl)
                byl_emit_stacked(a, sub, sl, r[lo].pos, r[lo].start, r[k - 1].end, BYL_TOK_ENTITY);
        }
        break;
    }
    /* the organisation after "of the" is a name of its own (Children's
     * Hospital of the University of Graz: University of Graz) */
    for (k = lo + 1; k + 2 < hi; k++)
        if (r[k].role == RW_OF && r[k].len == 3 && !memcmp(r[k].w, "the", 3) && r[k + 1].role == RW_NAME &&
            (byl_word_roles(r[k + 1].w, r[k + 1].len) & BYL_W_ORG)) {
            size_t m = 0;
            for (size_t j = k + 1; j < hi; j++)
                if (r[j].role != RW_AMP && r[j].role != RW_COMMA) {
                    words[m] = r[j].w;
                    lens[m++] = r[j].len;
                }
            char sub[MAX_TERM + 1];
            size_t sl = m >= 2 ? byl_entity_key(words, lens, m, sub, sizeof sub) : 0;
            if (sl)
                byl_emit_stacked(a, sub, sl, r[k + 1].pos, r[k + 1].start, r[hi - 1].end, BYL_TOK_ENTITY);
            break;
        }
    /* its first word alone elsewhere in the text is a short form of it
     * ("Kestrel's managing director" after "Kestrel Minerals", "Northline
     * kept" after "Northline Securities"); a word of the name lists
     * (places, titles, organisations' words) is still turned down at the
     * end */
    if (r[lo].role == RW_NAME && r[lo].len >= 3) {
        size_t c = cand_of(a, &r[lo], r[lo].shape);
        if (c < MAX_CANDS)
            a->cands[c].leads = 1;
    }
    int org = conn > 0 || acr > 0;
    for (k = lo; k < hi && !a->rc; k++) {
        mark_nameparts(a, r[k].tok0, r[k].tok1);
        org |= (byl_word_roles(r[k].w, r[k].len) & (BYL_W_ORG | BYL_W_PLACE)) != 0;
    }
    /* a person's name, for later mentions of the surname alone */
    if (!org && !tail && names <= 4 && a->npersons < MAX_PERSONS && r[lo].role == RW_NAME &&
        r[hi - 1].role == RW_NAME) {
        struct person *p = &a->persons[a->npersons++];
        memcpy(p->key, key, kl + 1);
        p->klen = (uint8_t)kl;
        memcpy(p->first, r[lo].w, r[lo].len + 1);
        p->flen = names == 2 ? (uint8_t)r[lo].len : 0;
        memcpy(p->last, r[hi - 1].w, r[hi - 1].len + 1);
        p->llen = (uint8_t)r[hi - 1].len;
        /* a company's word alone later is still a short form of it
         * ("the Telegraph" after "Daily Telegraph PLC"), but its last
         * words are a name of their own ("Serra dos Cristais" after
         * "Mineração Serra dos Cristais SA"): person_tail */
        p->legal = (uint8_t)(a->run_legal != 0);
    }
}

/* Whether the words r[b, e) name a place (Japan, South Africa): "Bank of
 * Japan and Citibank" is two names, "Ministry of Health and Social
 * Welfare" one. */
static int run_place(const struct runword *r, size_t b, size_t e)
{
    const char *words[MAX_RUN];
    size_t lens[MAX_RUN], nw = 0;
    char key[MAX_TERM + 1];
    for (size_t k = b; k < e; k++) {
        if (r[k].role != RW_NAME)
            return 0;
        words[nw] = r[k].w;
        lens[nw++] = r[k].len;
    }
    if (nw == 1 && (byl_word_roles(words[0], lens[0]) & BYL_W_PLACE))
        return 1;
    size_t kl = nw ? byl_entity_key(words, lens, nw, key, sizeof key) : 0;
    return kl && byl_place_is(key, kl);
}

/* Whether the words after the "and" at r[k], to the run's end, are an
 * organisation's whole name: two name words or more, the last an
 * organisation's word, no connector ("... and Northbridge University"). */
static int second_org(const struct runword *r, size_t k, size_t last)
{
    size_t e = k + 1, names = 0;
    while (e < last && r[e].role != RW_AND && r[e].role != RW_COMMA && r[e].role != RW_OF) {
        names += r[e].role == RW_NAME;
        e++;
    }
    return e == last && names >= 2 && (byl_word_roles(r[e - 1].w, r[e - 1].len) & BYL_W_ORG);
}

/* Whether "and" (or a listing comma) at r[k] goes on an organisation's
 * subjects after "of"/"for" ("Ministry of Health and Social Welfare",
 * "National Agency for Food and Drug Administration and Control",
 * "Council for Arts and Culture"): an "of" after an organisation's word
 * before it, name words between, and neither a place as that "of"'s object
 * ("Bank of Japan and Citibank") nor a second organisation's whole name
 * after it, to the run's end ("University of Hallam and Northbridge
 * University"). */
static int and_in_subjects(const struct runword *r, size_t lo, size_t k, size_t last)
{
    size_t of = k;
    while (of > lo && r[of - 1].role != RW_OF)
        of--;
    if (of <= lo || of == k)
        return 0;
    if (run_place(r, of, k))
        return 0;
    return !second_org(r, k, last);
}

/* Whether an organisation's word with "of"/"for" after it follows r[k],
 * after a name word of its own ("Bill and Ruth Adeyemi Foundation for
 * Health"; not "Walmart and Bank of America"). */
static int org_of_after(const struct runword *r, size_t k, size_t last)
{
    for (size_t j = k + 2; j + 1 < last; j++) {
        if (r[j].role == RW_AND || r[j].role == RW_COMMA)
            return 0;
        if (r[j + 1].role == RW_OF && r[j].role == RW_NAME &&
            (byl_word_roles(r[j].w, r[j].len) & BYL_W_ORG))
            return 1;
    }
    return 0;
}

/* Whether run[0, n) names a body or a place: after "Minister of" it is
 * a body's name (Governor of the Bank of Ghana, Premier of Lagos State:
 * an organisation's word last or before "of") or a place's (Western
 * Cape), not a portfolio (Home Affairs: Home opens it).  A run with a
 * subject of three name words or more may go on to the holder's name
 * ("Secretary of State George Shultz and Foreign Minister ...",
 * "Minister of International Trade and Industry Hajime Tamura"), which
 * holder_at cuts off where it can; "Civil Aviation and Tourism" is a
 * portfolio. */
static int run_named(const struct runword *r, size_t n)
{
    size_t names = 0, most = 0;
    for (size_t k = 0; k < n; k++) {
        names = r[k].role == RW_AND || r[k].role == RW_COMMA ? 0 : names + (r[k].role == RW_NAME);
        most = names > most ? names : most;
    }
    if (most >= 3)
        return 1;
    for (size_t k = 0; k < n; k++)
        if (r[k].role == RW_NAME && ((byl_word_roles(r[k].w, r[k].len) & BYL_W_PLACE) ||
                                     ((byl_word_roles(r[k].w, r[k].len) & BYL_W_ORG) &&
                                      (k + 1 == n || r[k + 1].role == RW_OF))))
            return 1;
    return run_place(r, 0, n);
}

/* Whether the run's word r is a portfolio's subject, not a person's name:
 * written in lower case elsewhere in the text (the labor market), a
 * portfolio's word (BYL_WL_PORTFOLIO: Affairs, Health, Trade), or an
 * English noun by its ending (Transition, Development, Communities,
 * Energy, Security, Industry, Finance, Defence). */
static const char *const noun_ends[] = {"tion", "sion", "ment", "ity", "ies", "ure", "ism",
                                        "ness", "ics", "ogy", "rgy", "stry", "nance", "fence"};

/* Whether w[0, n) is an English noun by its ending (Transportation,
 * Development, Security, Industry, Finance, Defence). */
static int noun_ending(const char *w, size_t n)
{
    for (size_t k = 0; k < sizeof noun_ends / sizeof noun_ends[0]; k++) {
        size_t m = strlen(noun_ends[k]);
        if (n > m + 2 && !memcmp(w + n - m, noun_ends[k], m))
            return 1;
    }
    return 0;
}

static int subject_word(const byl_analyzer *a, const struct runword *r)
{
    unsigned roles = byl_word_roles(r->w, r->len);
    if ((byl_context_low_has(a, r->w, r->len) && !(roles & BYL_W_STOP)) || (roles & BYL_W_ORG) ||
        byl_word_in(BYL_WL_PORTFOLIO, r->w, r->len))
        return 1;
    return noun_ending(r->w, r->len);
}

/* Where the holder's name starts in a minister's portfolio run r[0, n)
 * that goes on to the holder ("Minister of Energy Transition Leila
 * Benjelloun", "Deputy Minister for Communities and Territories
 * Development Bohdan Tkachenko"): the two to four name words after the
 * last subject word (subject_word), none a subject, a place or an
 * organisation's word; 0 when there is no such split ("Governor of the
 * Bank of Ghana": a body, left whole). */
static size_t holder_at(const byl_analyzer *a, const struct runword *r, size_t n)
{
    size_t k = n, names = 0;
    while (k > 0 && (r[k - 1].role == RW_NAME || r[k - 1].role == RW_PARTICLE || r[k - 1].role == RW_INITIAL)) {
        const struct runword *x = &r[k - 1];
        if (x->role == RW_NAME && subject_word(a, x))
            break;
        if (x->role == RW_NAME && (byl_word_roles(x->w, x->len) & (BYL_W_PLACE | BYL_W_ORG)))
            return 0;
        names += x->role == RW_NAME;
        k--;
    }
    if (k == 0 || k == n || names < 2 || n - k > 4 || r[k - 1].role != RW_NAME || r[k].role != RW_NAME)
        return 0;
    return k;
}

/* An acronym in brackets right after a run of three name words or more
 * that spells their initials ("Office of the Cane and Sugar Board (OCSB)",
 * "Port and Harbour Workers Union (PHWU)") says the writer means the run
 * as one name: an "and" inside it joins, it lists no two names. */
void byl_entity_spelled(byl_analyzer *a, const uint8_t *s, const struct unit *u)
{
    if (!(u->flags & F_CAPSWORD) || u->type != UT_WORD || u->start < 2 || s[u->start - 1] != '(' ||
        u->end >= a->tlen || s[u->end] != ')' || a->run_over)
        return;
    size_t names = 0, i = u->start;
    for (size_t k = 0; k < a->nrun; k++) {
        if (a->run[k].role != RW_NAME)
            continue;
        if (i >= u->end || (s[i] | 0x20) != (uint8_t)a->run[k].w[0])
            return;
        i++;
        names++;
    }
    a->run_spelled = names >= 3 && i == u->end;
}

/* Closes the current run of name words.  A connector stays inside a name
 * only where an organisation needs it: "of"/"for" after an organisation
 * word (Bank of England, Office for National Statistics), "and" before one
 * (Securities and Exchange Commission, but not Tsinghua University and
 * Peking University), "&" (Procter & Gamble); a possessive only inside an
 * organisation's name (Moody's Investors Service, not Meta's Reality Labs).
 * Elsewhere the run is cut there, into names of their own. */
static int and_place(const struct runword *r, size_t lo, size_t k, size_t last);
void byl_entity_run_end(byl_analyzer *a)
{
    size_t n = a->nrun, k, lo = 0;
    struct runword *r = a->run;
    int spelled = a->run_spelled;
    a->run_spelled = 0;
    /* a portfolio's list goes on after a comma until its "and" (Minister
     * of Trade, Industry and Energy Tomas Brekke): an item of one word, or
     * one opening with a subject's word (subject_word) or with one word
     * and its "and" (Heritage and Tourism); not a name (Minister of
     * Finance, Tomas Brekke, said; ... Finance, Tomas Brekke and Jane Roe) */
    if (a->run_listed && n > 0 && !a->run_over)
        a->run_portfolio = n == 1 || subject_word(a, &r[0]) || (n > 2 && r[1].role == RW_AND);
    a->run_listed = 0;
    a->portfolio_end = 0;
    if (a->run_portfolio && n > 0) {
        int and = 0;
        for (k = 0; k < n; k++)
            and |= r[k].role == RW_AND;
        a->portfolio_end = and ? 0 : r[n - 1].end;
    }
    if (a->run_over) {
        a->nrun = 0;
        a->run_over = 0;
        a->run_suffix = 0;
        a->run_tail = 0;
        a->run_fr = 0;
        a->run_portfolio = 0;
        return;
    }
    size_t last = n;
    while (last > 0 && r[last - 1].role >= RW_PARTICLE)
        last--;
    /* an organisation's name: it ends in an institution word, or Inc,
     * Corp, Co follows it (Standard and Poor's Corp) */
    int legal = a->run_suffix;
    int org_end = legal || (last > 0 && (byl_word_roles(r[last - 1].w, r[last - 1].len) & BYL_W_ORG));
    /* or in an organisation's word in the plural after a plural's
     * possessive (Aegean Exporters' Associations, Growers' Unions) */
    if (!org_end && last >= 2 && r[last - 2].poss && r[last - 1].len > 4 &&
        r[last - 1].w[r[last - 1].len - 1] == 's' && r[last - 2].w[r[last - 2].len - 1] == 's')
        org_end = (byl_word_roles(r[last - 1].w, r[last - 1].len - 1) & BYL_W_ORG) != 0;
    /* or an organisation's word opens an "of" in it (Children's Hospital
     * of the University of Graz): a possessive before that word is the
     * name's, one after it is not (Department of Rural and Community
     * Development's Outdoor Recreation Scheme) */
    size_t org_of = 0;
    for (k = 0; k + 1 < last && !org_of; k++)
        if (r[k + 1].role == RW_OF && r[k].role == RW_NAME && (byl_word_roles(r[k].w, r[k].len) & BYL_W_ORG))
            org_of = k;
    a->run_suffix = 0;
    a->run_tail = 0;
    a->run_fr = 0;
    int portfolio = a->run_portfolio;
    a->run_portfolio = 0;
    if (portfolio && !run_named(r, last)) {
        a->nrun = 0; /* Minister of Foreign Affairs: a portfolio, no name */
        a->run_over = 0;
        return;
    }
    /* the portfolio is no name, its holder is; in a list ("Secretary of
     * State George Shultz and Foreign Minister ..."), the first item's */
    size_t cut = 0;
    while (portfolio && cut < last && r[cut].role != RW_AND && r[cut].role != RW_COMMA)
        cut++;
    size_t h = portfolio ? holder_at(a, r, last) : 0;
    if (h)
        cut = last;
    else if (portfolio)
        h = holder_at(a, r, cut);
    if (h) {
        run_emit(a, h, cut);
        if (cut >= last) {
            a->nrun = 0;
            a->run_over = 0;
            return;
        }
        lo = cut + 1;
    }
    for (k = lo; k < last; k++) {
        /* "and" joins two names unless an organisation's name ends after
         * it and the words before it are not a whole one already */
        int and_like = (r[k].role == RW_AND && r[k].w[0] == 'a') || r[k].role == RW_COMMA;
        /* after "X of Y", a whole organisation's name is a second name
         * ("University of Hallam and Northbridge University") */
        int of_before = 0;
        for (size_t j = lo; j < k && !of_before; j++)
            of_before = r[j].role == RW_OF;
        if (and_like && r[k].role == RW_AND && and_place(r, lo, k, last))
            continue; /* Transparency International Trinidad and Tobago */
        if (and_like && !spelled && ((of_before && second_org(r, k, last)) ||
                         (!and_in_subjects(r, lo, k, last) &&
                          !((org_end || org_of_after(r, k, last)) && r[k].role == RW_AND && k > lo &&
                            !(k - lo >= 2 && (byl_word_roles(r[k - 1].w, r[k - 1].len) & BYL_W_ORG)))))) {
            r[lo].sent = 0; /* names in a list: Walmart and Costco */
            run_emit(a, lo, k);
            lo = k + 1;
        } else if (r[k].poss && k + 1 < last &&
                   (!(org_end || k < org_of) || run_place(r, lo, k + 1))) {
            /* "Meta's Reality Labs": two names; inside an organisation's
             * name only a place's possessive is no part of it ("Kenya's
             * Energy Regulatory Authority", "Fiji's Ministry of
             * Education", "New Zealand's Ministry of Health": a place of
             * the word lists or of the gazetteer; but "Moody's Investors
             * Service") */
            run_emit(a, lo, k + 1);
            lo = k + 1;
        }
    }
    a->run_legal = legal; /* the last name is a company's */
    run_emit(a, lo, n);
    a->run_legal = 0;
    a->nrun = 0;
    a->run_over = 0;
}

/* Whether the "and" at r[k] is inside a place of the gazetteer that a
 * name holds (round 27: Bosnia and Herzegovina, Trinidad and Tobago,
 * Saint Kitts and Nevis: a country's name written with "and"), one or
 * two words either side: no list's two items, the name goes on over it
 * (Transparency International Trinidad and Tobago). */
static int and_place(const struct runword *r, size_t lo, size_t k, size_t last)
{
    for (size_t b = k; b > lo && b + 1 >= k && r[b - 1].role == RW_NAME; b--)
        for (size_t e = k + 2; e <= last && e <= k + 3 && r[e - 1].role == RW_NAME; e++) {
            char key[MAX_TERM + 1];
            size_t o = 0;
            for (size_t j = b - 1; j < e; j++) {
                if (o + r[j].len + 2 > sizeof key)
                    return 0;
                if (o)
                    key[o++] = ' ';
                memcpy(key + o, r[j].w, r[j].len);
                o += r[j].len;
            }
            if (byl_place_listed_and(key, o))
                return 1;
        }
    return 0;
}

static void run_add(byl_analyzer *a, const struct unit *u, const struct winfo *w,
                    int role, int shape, int sent)
{
    if (a->nrun == MAX_RUN) {
        a->run_over = 1;
        return;
    }
    struct runword *r = &a->run[a->nrun++];
    r->start = u->start;
    r->end = w->wend;
    r->pos = w->pos;
    r->tok0 = w->tok0;
    r->tok1 = w->tok1;
    r->role = role;
    r->poss = w->poss;
    r->sent = sent;
    r->period = (u->brk & BRK_SENT) != 0;
    r->said = r->lowafter = r->defined = 0;
    r->chrome = (u->flags & F_CHROME) != 0;
    r->dot_title = 0;
    r->figure = shape == CS_ACRONYM && a->nrun == 1 && u + 1 < a->units + a->nunits && (u[1].flags & F_NUM) &&
                u[1].type == UT_WORD && !(u[1].brk & (BRK_PUNCT | BRK_LINE | BRK_SENT | BRK_PARA));
    r->shape = (uint8_t)shape;
    r->len = w->clen;
    memcpy(r->w, w->canon, w->clen + 1);
}

/* CS_CAMEL if a capital follows a lower-case letter inside the word
 * (ByteDance, DeepSeek; not O'Brien or Coca-Cola), else CS_PLAIN. */
static int word_shape(const uint8_t *s, const struct unit *u)
{
    for (uint32_t b = u->start + 1; b < u->end; b++)
        if (s[b] >= 'A' && s[b] <= 'Z' && s[b - 1] >= 'a' && s[b - 1] <= 'z')
            return CS_CAMEL;
    return CS_PLAIN;
}

/* Whether the word ending at s[end] is followed by an appositive or a
 * ticker, as a company's name is ("Safaricom, the country's largest
 * company,", "Wise, which moves money", "Nvidia (NVDA.O) rose"): ", " then
 * the, a, an, which or who; or " (" then a capital.  next is the next word
 * unit. */
static int appositive(const uint8_t *s, uint32_t end, const struct unit *next)
{
    if (next->start < end || next->start - end > 3)
        return 0;
    const uint8_t *g = s + end;
    size_t gn = next->start - end, wn = next->end - next->start;
    const uint8_t *nw = s + next->start;
    if (gn == 2 && g[0] == ',' && g[1] == ' ')
        return (wn == 3 && !memcmp(nw, "the", 3)) || (wn == 1 && nw[0] == 'a') ||
               (wn == 2 && !memcmp(nw, "an", 2)) || (wn == 5 && !memcmp(nw, "which", 5)) ||
               (wn == 3 && !memcmp(nw, "who", 3));
    if (gn == 2 && g[0] == ' ' && g[1] == '(')
        return nw[0] >= 'A' && nw[0] <= 'Z' && wn >= 2 && nw[1] >= 'A' && nw[1] <= 'Z';
    return 0;
}

/* Whether the lower-case word w[0, n) is a title written with hyphens:
 * a title's word first and "general", "elect", "designate" or "chief"
 * last ("Auditor-General", "Attorney-General", "Editor-in-Chief",
 * "Senator-elect"), or a title's word both first and last ("Vice-Admiral",
 * "Lieutenant-Colonel"); such words are mostly too long for the word lists.
 * Not a surname that begins with a title's word ("Bishop-Smith"). */
static int hyphen_title(const char *w, size_t n)
{
    const char *h = memchr(w, '-', n), *l = w + n;
    if (!h)
        return 0;
    while (l > h && l[-1] != '-')
        l--;
    size_t ln = (size_t)(w + n - l);
    if (!((ln == 7 && !memcmp(l, "general", 7)) || (ln == 5 && !memcmp(l, "elect", 5)) ||
          (ln == 9 && !memcmp(l, "designate", 9)) || (ln == 5 && !memcmp(l, "chief", 5)) ||
          (byl_word_roles(l, ln) & BYL_W_TITLE))) /* Vice-Admiral, Lieutenant-Colonel */
        return 0;
    return (byl_word_roles(w, (size_t)(h - w)) & BYL_W_TITLE) != 0;
}

/* Whether unit u is a coined name with a number at its end: a capital,
 * lower-case letters (at least three letters in all, capitals allowed
 * after the first: AxonLabs9) and one to three digits: Robo7, Axon22,
 * Fjord1.  Not N26, A380, F35, M25, G20 (one letter: models, roads,
 * groups as often as firms), nor 4G or COVID19. */
static int coined_name(const uint8_t *s, const struct unit *u)
{
    if (!(u->flags & F_SIMPLE) || !(u->flags & F_UPPER1) || (u->flags & (F_ALPHA | F_NUM)))
        return 0;
    uint32_t b = u->start, e = u->end, d = e;
    while (d > b && s[d - 1] >= '0' && s[d - 1] <= '9')
        d--;
    if (e - d < 1 || e - d > 3 || d - b < 3)
        return 0;
    int lower = 0;
    for (uint32_t i = b + 1; i < d; i++) {
        if (s[i] >= 'a' && s[i] <= 'z')
            lower = 1;
        else if (!(s[i] >= 'A' && s[i] <= 'Z'))
            return 0;
    }
    return lower;
}

/* Whether unit u is a coined name with a number at its start: one or two
 * digits, a capital and four lower-case letters or more: 4Front, 3Sixty.
 * Not 5G, 4K, 10Gbps, 3D (units and standards: no word after the digits). */
static int digit_led_name(const uint8_t *s, const struct unit *u)
{
    if (!(u->flags & F_SIMPLE) || (u->flags & (F_ALPHA | F_NUM)))
        return 0;
    uint32_t b = u->start, e = u->end, d = b;
    while (d < e && s[d] >= '0' && s[d] <= '9')
        d++;
    if (d - b < 1 || d - b > 2 || d >= e || !(s[d] >= 'A' && s[d] <= 'Z') || e - d < 5)
        return 0;
    for (uint32_t i = d + 1; i < e; i++)
        if (!(s[i] >= 'a' && s[i] <= 'z'))
            return 0;
    return 1;
}

/* Whether unit u is a place's or a project's name numbered after a
 * hyphen (Marsyangdi-3, Tamakoshi-5: a capital, three lower-case letters
 * or more, "-" and one or two digits) before a capitalised word of the
 * same name ("Marsyangdi-3 Affected People's Struggle Committee"), which
 * must not be cut from it.  Alone it is no name (Sentinel-2 alone, a
 * model). */
static int cap_word(const struct unit *u);
static int hyphen_number(const uint8_t *s, const struct unit *u, const struct unit *next)
{
    uint32_t b = u->start, e = u->end, d = e;
    while (d > b && s[d - 1] >= '0' && s[d - 1] <= '9')
        d--;
    if (e - d < 1 || e - d > 2 || d - b < 5 || s[d - 1] != '-' || !(s[b] >= 'A' && s[b] <= 'Z'))
        return 0;
    for (uint32_t i = b + 1; i + 1 < d; i++)
        if (!(s[i] >= 'a' && s[i] <= 'z'))
            return 0;
    return next && cap_word(next) && next->start == e + 1 && s[e] == ' ' &&
           !(next->brk & (BRK_PUNCT | BRK_SENT | BRK_PARA | BRK_LINE));
}

/* Whether the word before s[e], a space away, is a title's word: a
 * rank's second word ("Lieutenant General", "Major General", "Auditor
 * General") is a title there, while "General Motors" alone is a name. */
static int title_before(const uint8_t *s, uint32_t e)
{
    if (e < 2 || s[e - 1] != ' ')
        return 0;
    e--;
    uint32_t b = e;
    while (b > 0 && e - b < BYL_WORD_MAX &&
           ((s[b - 1] >= 'a' && s[b - 1] <= 'z') || (s[b - 1] >= 'A' && s[b - 1] <= 'Z')))
        b--;
    return b < e && (b == 0 || !((s[b - 1] >= 'a' && s[b - 1] <= 'z') ||
                                 (s[b - 1] >= 'A' && s[b - 1] <= 'Z') || s[b - 1] >= 0x80)) &&
           (byl_word_roles_ci((const char *)s + b, e - b) & BYL_W_TITLE) != 0;
}

static int cap_word(const struct unit *u);

/* The word before s[e] a space away, an apostrophe after it skipped
 * (Dato' Sri, Dato’ Sri): sets *b to its start and returns its length, 0
 * if there is none or it is not of ASCII letters. */
static size_t word_before(const uint8_t *s, uint32_t e, uint32_t *b)
{
    if (e < 2 || s[e - 1] != ' ')
        return 0;
    e--;
    if (e > 0 && s[e - 1] == '\'')
        e--;
    else if (e >= 3 && s[e - 3] == 0xE2 && s[e - 2] == 0x80 && s[e - 1] == 0x99)
        e -= 3;
    uint32_t x = e;
    while (x > 0 && e - x < BYL_WORD_MAX &&
           ((s[x - 1] >= 'a' && s[x - 1] <= 'z') || (s[x - 1] >= 'A' && s[x - 1] <= 'Z')))
        x--;
    if (x == e || (x > 0 && (s[x - 1] >= 0x80 || (unsigned)((s[x - 1] | 0x20) - 'a') < 26u)))
        return 0;
    *b = x;
    return e - x;
}

/* Whether a run that starts at s[start] names a minister's or a
 * secretary's portfolio: "Minister of Foreign Affairs", "Secretary for
 * the Environment", "Ministers of Health" (run_named tells a body's name
 * apart).  A portfolio is who a person is, as a title is.  Only after the
 * title written as one, capitalised: "Japan's deputy minister of
 * International Trade and Industry (MITI)" names the ministry. */
static int portfolio_before(const uint8_t *s, uint32_t start)
{
    uint32_t b;
    size_t n = word_before(s, start, &b);
    if (n == 3 && !memcmp(s + b, "the", 3))
        n = word_before(s, b, &b);
    if (!((n == 2 && !memcmp(s + b, "of", 2)) || (n == 3 && !memcmp(s + b, "for", 3))))
        return 0;
    n = word_before(s, b, &b);
    const uint8_t *w = s + b;
    return (n == 8 && !memcmp(w, "Minister", 8)) || (n == 9 && !memcmp(w, "Ministers", 9)) ||
           (n == 9 && !memcmp(w, "Secretary", 9)) || (n == 11 && !memcmp(w, "Secretaries", 11)) ||
           (n == 4 && !memcmp(w, "Head", 4));
}

/* Whether s[b, e) is a comma and a blank, as between the items of a
 * list. */
static int list_goes_on(const uint8_t *s, uint32_t b, uint32_t e)
{
    return e == b + 2 && s[b] == ',' && s[b + 1] == ' ';
}

/* Whether unit u (next: the unit after it, or NULL) is a word of a
 * Malaysian honour of two words: "Tan" before "Sri" and a capitalised
 * word (Tan Sri Muhyiddin Yassin; Tan alone is a surname: Tony Tan), or
 * "Sri" after Tan or a title (Dato' Sri Najib Razak, Datuk Seri; Sri
 * alone opens Sri Lanka and Sri Mulyani). */
static int malay_honour(const byl_analyzer *a, const uint8_t *s, const struct unit *u,
                        const struct unit *next)
{
    size_t n = u->end - u->start;
    const uint8_t *w = s + u->start;
    if (n == 3 && !memcmp(w, "Tan", 3))
        return next && next->start == u->end + 1 && s[u->end] == ' ' && next->end - next->start >= 3 &&
               !memcmp(s + next->start, "Sri", 3) && next->end - next->start <= 4 &&
               next + 1 < a->units + a->nunits && cap_word(next + 1) &&
               !(next[1].brk & (BRK_PUNCT | BRK_LINE | BRK_SENT));
    if (!((n == 3 && !memcmp(w, "Sri", 3)) || (n == 4 && !memcmp(w, "Seri", 4))))
        return 0;
    uint32_t b;
    size_t pn = word_before(s, u->start, &b);
    return (pn == 3 && !memcmp(s + b, "Tan", 3)) ||
           (pn > 0 && (byl_word_roles_ci((const char *)s + b, pn) & BYL_W_TITLE));
}


/* Whether the lower-case word w (a plain word, no English function word)
 * (bits: its roles) goes on a French organisation's name of the current
 * run: the run holds a French institution's word (a->run_fr), and w is a French connector, or one
 * follows it, or one is in the run already (so "Conseil approved the
 * plan" is no name: no connector). */
static int french_word(const byl_analyzer *a, const struct winfo *w, unsigned bits,
                       const struct unit *next, const uint8_t *s)
{
    if (!a->run_fr || !w->nameable || w->clen > 20 || (bits & (BYL_W_STOP | BYL_W_Q_STOP | BYL_W_SAYS)))
        return 0;
    int conn = 0;
    for (size_t k = 0; k < a->nrun; k++)
        conn |= a->run[k].role != RW_NAME && IN(fr_conn, a->run[k].w, a->run[k].len);
    if (IN(fr_conn, w->canon, w->clen))
        return 1;
    /* a lower-case word follows the institution's word, a connector or
     * another lower-case word; after a proper name the name has ended
     * ("Compagnie de Navigation du Pacifique Sud cut fuel use") */
    const struct runword *p = &a->run[a->nrun - 1];
    if (!(p->role != RW_NAME || IN(fr_org, p->w, p->len) || (s[p->start] >= 'a' && s[p->start] <= 'z')))
        return 0;
    if (conn)
        return 1;
    return next && next->type == UT_WORD && !(next->brk & (BRK_PUNCT | BRK_LINE | BRK_SENT)) &&
           next->end - next->start <= 4 && IN(fr_conn, (const char *)s + next->start, next->end - next->start);
}

/* Whether unit u is an Irish noun after a particle, its capital behind
 * the letter of an eclipsis or an h (Éaluíocht na nOileán, Banc
 * Ceannais na hÉireann, Cumann na mBan): n, m, b, d, g, t or h, then a
 * capital. */
static int eclipsed(const uint8_t *s, const struct unit *u)
{
    if (u->end - u->start < 3 || !strchr("nmbdgth", s[u->start]))
        return 0;
    uint8_t c = s[u->start + 1];
    if (c >= 'A' && c <= 'Z')
        return 1;
    int32_t cp;
    if (c < 0x80 || !byl_utf8_decode(s + u->start + 1, u->end - u->start - 1, &cp))
        return 0;
    return byl_charclass_cp(cp) == C_UPPER;
}

/* Whether the lower-case word w[0, n) has an adjective's ending: -al,
 * -ic, -ive, -ary (Judicial, Technical, Executive, Regional), five
 * letters or more. */
static int adjective(const char *w, size_t n)
{
    if (n < 5)
        return 0;
    const char *e = w + n;
    return !memcmp(e - 2, "al", 2) || !memcmp(e - 2, "ic", 2) || !memcmp(e - 3, "ive", 3) ||
           !memcmp(e - 3, "ary", 3);
}

/* Whether the lower-case word w[0, n), capitalised between two name
 * words, is a word of the name (Po On Road, Sai Wan Ho, Stoke On Trent):
 * Said, or two or three letters, and not a connector an organisation's name has
 * its own rule for (the, and, of, for) nor an article. */
static int small_in_name(const char *w, size_t n)
{
    /* and the given name Said (Rehema Said Kombo, Ahmed Said Hassan),
     * which no verb of saying is when capitalised between two names */
    if (n == 4 && !memcmp(w, "said", 4))
        return 1;
    if (n < 2 || n > 3)
        return 0;
    return !(n == 3 && (!memcmp(w, "the", 3) || !memcmp(w, "and", 3) || !memcmp(w, "for", 3) ||
                        !memcmp(w, "nor", 3) || !memcmp(w, "but", 3))) &&
           !(n == 2 && (!memcmp(w, "of", 2) || !memcmp(w, "or", 2) || !memcmp(w, "an", 2)));
}

/* Whether the words of unit u (which opens a sentence) and of the next
 * unit, a capitalised word after a space, are written together elsewhere
 * in the text inside a sentence (after a lower-case letter or a comma and
 * a space): then u is the first word of a name ("Trucking News Canada
 * also notes" beside "the correspondent for Trucking News Canada"), not a
 * common word that opens the sentence.  Only asked of an opening word
 * also written in lower case, before a capitalised one: seldom. */
static int named_inside(const byl_analyzer *a, const uint8_t *s, const struct unit *u,
                        const struct unit *next)
{
    if (!next || !cap_word(next) || (next->brk & (BRK_PUNCT | BRK_LINE | BRK_SENT | BRK_PARA | BRK_AMP)) ||
        next->end - u->start > MAX_TERM)
        return 0;
    const uint8_t *pat = s + u->start;
    size_t pn = next->end - u->start, tl = a->tlen;
    for (size_t b = 2; b + pn <= tl; b++) {
        const uint8_t *h = memchr(s + b, pat[0], tl - pn - b + 1);
        if (!h)
            return 0;
        b = (size_t)(h - s);
        if (b != u->start && s[b - 1] == ' ' && ((s[b - 2] >= 'a' && s[b - 2] <= 'z') || s[b - 2] == ',') &&
            !memcmp(h, pat, pn) &&
            (b + pn == tl || !((s[b + pn] | 0x20) >= 'a' && (s[b + pn] | 0x20) <= 'z')))
            return 1;
    }
    return 0;
}

/* Whether the sentence's opening word w is a common noun whose plural
 * the text writes in lower case ("Vendor Litia Naivalu, who sells ..."
 * beside "the vendors"), before two capitalised words at least: a job
 * written before a person's name, as a title is, not the name's first
 * word.  Not before one word (Banks said: a surname). */
static int plural_low(const byl_analyzer *a, const struct winfo *w, const struct unit *next)
{
    char pl[MAX_TERM + 2];
    if (w->clen < 4 || w->clen >= MAX_TERM || w->canon[w->clen - 1] == 's' || !next ||
        next + 1 >= a->units + a->nunits || !cap_word(next) || !cap_word(next + 1) ||
        (next->brk & (BRK_PUNCT | BRK_LINE | BRK_SENT)) || (next[1].brk & (BRK_PUNCT | BRK_LINE | BRK_SENT)))
        return 0;
    memcpy(pl, w->canon, w->clen);
    pl[w->clen] = 's';
    return byl_context_low_has(a, pl, w->clen + 1);
}

/* Whether the sentence's opening word w names someone by the science or
 * the cause they follow, by its ending (-ist: Agronomist, Criminologist,
 * Columnist, Activist), before two capitalised words at least: a job
 * written before a person's name, as a title is ("Agronomist Tavita
 * Molesi of the university warned ..."; round 29), whether or not the
 * text writes it in lower case too.  Not a Nordic surname (-qvist,
 * -kvist, -quist: Lindqvist) nor a German one (-eist: Kleist). */
static int agent_ist(const byl_analyzer *a, const struct winfo *w, const struct unit *next)
{
    const char *c = w->canon;
    size_t n = w->clen;
    if (n < 6 || memcmp(c + n - 3, "ist", 3) || c[n - 4] == 'e' || c[n - 4] == 'u' ||
        (c[n - 4] == 'v' && (c[n - 5] == 'q' || c[n - 5] == 'k')) || !next ||
        next + 1 >= a->units + a->nunits || !cap_word(next) || !cap_word(next + 1) ||
        (next->brk & (BRK_PUNCT | BRK_LINE | BRK_SENT)) || (next[1].brk & (BRK_PUNCT | BRK_LINE | BRK_SENT)))
        return 0;
    return 1;
}

/* Whether unit u is the Irish particle "Ó" (Stephen Ó Floinn): one
 * capital letter that is a word of a name, not an initial. */
static int irish_o(const uint8_t *s, const struct unit *u)
{
    return u->end - u->start == 2 && s[u->start] == 0xC3 && s[u->start + 1] == 0x93;
}

/* Whether unit u is a one-letter lower-case particle written with an
 * accent (round 27): Faroese "í" and "á" ("in", "on": Jógvan í Dalbø,
 * Rannvá á Heygum), a place of origin inside a person's name.  English
 * writes no such word alone, so between two words of a name it is the
 * name's, as "de" and "van" are. */
static int accent_particle(const uint8_t *s, const struct unit *u)
{
    return u->end - u->start == 2 && s[u->start] == 0xC3 &&
           (s[u->start + 1] == 0xAD || s[u->start + 1] == 0xA1); /* í á */
}

/* Whether the lower-case word w[0, n) is an office held in a firm or a
 * body, written between its name and the holder's ("Fed Chair Jerome
 * Powell", "Tesla CEO Elon Musk", "Nvidia founder"). */
static int office_word(const char *w, size_t n)
{
    return (byl_word_roles(w, n) & BYL_W_OFFICE) != 0;
}

/* Whether the current run holds a connector of the role. */
static int run_has(const byl_analyzer *a, int role)
{
    for (size_t k = 0; k < a->nrun; k++)
        if (a->run[k].role == role)
            return 1;
    return 0;
}

/* Whether the current run holds a connector of the role before its last
 * word. */
static int run_has_before(const byl_analyzer *a, int role)
{
    for (size_t k = 0; k + 1 < a->nrun; k++)
        if (a->run[k].role == role)
            return 1;
    return 0;
}

/* Whether unit u is a capitalised word of a name that no break parts
 * from the one before it. */
static int cap_word(const struct unit *u)
{
    return u->type == UT_WORD && (u->flags & (F_UPPER1 | F_CAPSWORD)) &&
           !(u->flags & (F_CAPSCTX | F_INNER | F_HEADING));
}

/* Whether s[b, e) is an opening (open) or closing quote, with the space
 * outside it: ' "', ' “' before a nickname, '" ', '” ' after it. */
static int quote_gap(const uint8_t *s, uint32_t b, uint32_t e, int open)
{
    size_t n = e - b;
    const uint8_t *g = s + b;
    if (n == 2)
        return open ? g[0] == ' ' && g[1] == '"' : g[0] == '"' && g[1] == ' ';
    if (n == 4 && open)
        return g[0] == ' ' && g[1] == 0xE2 && g[2] == 0x80 && g[3] == 0x9C;
    if (n == 4)
        return g[0] == 0xE2 && g[1] == 0x80 && g[2] == 0x9D && g[3] == ' ';
    return 0;
}

/* Whether unit ui opens a nickname in quotes inside a person's name: a
 * name word before, one or two capitalised words in quotes, a capitalised
 * word right after (Rodolfo "Dolfo" Tablizo, Rogelio "Ka Roger"
 * Bongalos).  Sets nick_lo and nick_hi. */
static int nickname(byl_analyzer *a, const uint8_t *s, size_t ui)
{
    const struct runword *p = &a->run[a->nrun - 1];
    const struct unit *u = &a->units[ui];
    if (!quote_gap(s, p->end, u->start, 1))
        return 0;
    for (size_t j = ui; j < ui + 2 && j + 1 < a->nunits; j++) {
        const struct unit *v = &a->units[j], *x = &a->units[j + 1];
        if (!cap_word(v) || (j > ui && (v->brk & (BRK_PUNCT | BRK_SENT | BRK_PARA | BRK_LINE | BRK_AMP))))
            return 0;
        if (x->start > v->end && quote_gap(s, v->end, x->start, 0)) {
            /* or a surname's particle and the surname (Jacobus "Koos"
             * van Wyk, Manuel "Lito" de la Paz) */
            int part = x->type == UT_WORD && (x->flags & F_LOWER1) && j + 2 < a->nunits &&
                       (byl_word_roles((const char *)s + x->start, x->end - x->start) & BYL_W_PARTICLE) &&
                       !(a->units[j + 2].brk & (BRK_PUNCT | BRK_SENT | BRK_PARA | BRK_LINE)) &&
                       (cap_word(&a->units[j + 2]) ||
                        ((byl_word_roles((const char *)s + a->units[j + 2].start,
                                         a->units[j + 2].end - a->units[j + 2].start) & BYL_W_PARTICLE) &&
                         j + 3 < a->nunits && cap_word(&a->units[j + 3])));
            if ((!cap_word(x) && !part) || (x->brk & (BRK_SENT | BRK_PARA | BRK_LINE)))
                return 0;
            a->nick_lo = ui;
            a->nick_hi = j + 1;
            return 1;
        }
    }
    return 0;
}

/* Whether w[0, n) is a person's suffix (Jr, Sr), of the suffixes. */
static int person_suffix(const char *w, size_t n)
{
    return n == 2 && w[1] == 'r' && (w[0] == 'j' || w[0] == 's');
}

/* Whether the lower-case word w[0, n) is a company's legal form (Ltd,
 * LLC, Pty, Sdn, Bhd, PJSC, SA, SE): a suffix that is no person's (Jr,
 * Sr; once every suffix of two letters that began with j or s, which
 * lost SA and SE). */
static int legal_form(const char *w, size_t n)
{
    return (byl_word_roles(w, n) & BYL_W_SUFFIX) && !person_suffix(w, n);
}

/* Whether unit u is a legal form written with dots between its letters
 * (A.Ş., S.A., s.r.o., d.o.o., W.L.L., S.p.A.: byl_word_dotted_legal),
 * in either case: the letters without the dots are looked up, accents
 * folded (Ş is s), so "a.s." is a legal form where "as" is not. */
static int dotted_bytes(const uint8_t *s, size_t len)
{
    char w[BYL_WORD_MAX + 1];
    size_t n = 0, dots = 0;
    while (len > 0 && s[len - 1] == '.')
        len--; /* the last period, whether the lexer kept it or not */
    for (size_t b = 0; b < len; b++) {
        uint8_t c = s[b];
        if (c == '.') {
            dots++;
            continue;
        }
        if (c >= 'A' && c <= 'Z')
            c |= 0x20;
        else if ((c == 0xC5 && b + 1 < len && (s[b + 1] == 0x9E || s[b + 1] == 0x9F)) ||
                 (c == 0xC3 && b + 1 < len && (s[b + 1] == 0x87 || s[b + 1] == 0xA7)))
            c = (uint8_t)(c == 0xC5 ? 's' : 'c'), b++; /* Ş ş, Ç ç */
        else if (c == 0xC3 && b + 1 < len && s[b + 1] == 0xA0)
            c = 'a', b++; /* à: S.à r.l. */
        else if (c < 'a' || c > 'z')
            return 0;
        if (n == BYL_WORD_MAX)
            return 0;
        w[n++] = (char)c;
    }
    return dots > 0 && n >= 2 && s[0] != '.' && byl_word_dotted_legal(w, n);
}

/* Dotted abbreviations that follow a name and are no company's form: a
 * person's degrees (M.D., Ph.D., B.Sc.), a place's letters (Washington
 * D.C., Acme U.S.), a clock's (a.m. is lower case, A.M. is not).  As
 * written, case and dots, since Bahrain's B.S.C. is a legal form where
 * the degree B.Sc. is not. */
static const char *const dotted_not_legal[] = {
    "M.D.", "Ph.D.", "D.Phil.", "Ed.D.", "D.D.S.", "D.M.D.", "D.O.", "D.V.M.", "J.D.", "LL.B.",
    "LL.M.", "B.A.", "M.A.", "B.S.", "M.S.", "B.Sc.", "M.Sc.", "M.B.A.", "M.Phil.", "R.N.", "Esq.",
    "U.S.", "U.K.", "U.N.", "E.U.", "D.C.", "U.A.E.", "U.S.A.", "N.Y.", "L.A.", "N.Z.", "S.F.",
    "A.M.", "P.M.", "Jr.", "Sr.", "St.", "Mt.", "Ft.", "No.", "Co.", "P.O."};

/* Whether s[0, len) has the shape of a company's legal form written with
 * dots, whatever the country (round 27): a capital, then two parts or
 * more of one to three letters, each closed by a period (Sh.p.k. and
 * Sh.a. of Albania, B.S.C. of Bahrain, K.S.C.P. of Kuwait, S.p.A.,
 * S.A.E.).  The registries of the world write their forms so; a reader
 * who does not know the form still sees one by its shape after a name.
 * Not the degrees and places of dotted_not_legal. */
static int dotted_shape(const uint8_t *s, size_t len)
{
    if (len < 4 || len > 12 || s[0] < 'A' || s[0] > 'Z' || s[len - 1] != '.')
        return 0;
    size_t parts = 0, run = 0;
    for (size_t b = 0; b < len; b++) {
        uint8_t c = s[b];
        if (c == '.') {
            if (run == 0 || run > 3)
                return 0;
            parts++;
            run = 0;
        } else if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) {
            run++;
        } else {
            return 0;
        }
    }
    if (parts < 2)
        return 0;
    for (size_t i = 0; i < sizeof dotted_not_legal / sizeof dotted_not_legal[0]; i++)
        if (strlen(dotted_not_legal[i]) == len && !memcmp(dotted_not_legal[i], s, len))
            return 0;
    return 1;
}

/* The unit u with the period after it when the lexer left it out. */
static size_t with_dot(const byl_analyzer *a, const uint8_t *s, const struct unit *u)
{
    return u->end < a->tlen && s[u->end] == '.' ? u->end + 1 - u->start : u->end - u->start;
}

static int dotted_legal(const uint8_t *s, const struct unit *u)
{
    /* most words have no period among their first bytes: asked of every
     * word after a name's, this is the cheap "no" */
    size_t n = u->end - u->start;
    if (n < 3 || !memchr(s + u->start + 1, '.', n - 1 < 3 ? n - 1 : 3))
        return 0;
    return dotted_bytes(s + u->start, n);
}

int byl_entity_legal_written(const char *w, size_t n)
{
    if (!w || n < 3)
        return 0;
    /* a country's letter in brackets: (T), (K), (U) */
    if (n == 3 && w[0] == '(' && w[1] >= 'A' && w[1] <= 'Z' && w[2] == ')')
        return 1;
    return dotted_bytes((const uint8_t *)w, n);
}

int byl_entity_legal_shape(const char *w, size_t n)
{
    return w && dotted_shape((const uint8_t *)w, n);
}

/* Whether unit u is a country's letter in brackets before a company's
 * legal form ("Victoria Cold Chain (T) Ltd", "(K) Ltd", "(U) Limited": a
 * subsidiary's country): one capital letter, " (" before it, ") " and the
 * legal form after it. */
static int country_letter(const byl_analyzer *a, const uint8_t *s, size_t ui)
{
    const struct unit *u = &a->units[ui];
    if (ui + 1 >= a->nunits || u->end != u->start + 1 || s[u->start] < 'A' || s[u->start] > 'Z' ||
        u->start < 2 || s[u->start - 1] != '(' || s[u->start - 2] != ' ' || u->end + 2 > a->tlen ||
        s[u->end] != ')' || s[u->end + 1] != ' ')
        return 0;
    const struct unit *v = &a->units[ui + 1];
    size_t n = v->end - v->start;
    if (v->start != u->end + 2 || !(s[v->start] >= 'A' && s[v->start] <= 'Z') || n < 2 || n > BYL_WORD_MAX)
        return 0;
    char w[BYL_WORD_MAX];
    for (size_t i = 0; i < n; i++)
        w[i] = (char)(s[v->start + i] >= 'A' && s[v->start + i] <= 'Z' ? s[v->start + i] | 0x20 : s[v->start + i]);
    return legal_form(w, n);
}

/* Whether a company's legal form ends the name that goes on at unit u
 * (a capitalised word): up to four capitalised words, spaces between,
 * then the legal form (Sanayi ve Ticaret A.Ş., Hijos y Cía S.A.). */
static int legal_ahead(const byl_analyzer *a, const uint8_t *s, const struct unit *u)
{
    const struct unit *end = a->units + a->nunits;
    for (int k = 0; u < end && k < 5; u++, k++) {
        if (k > 0 && country_letter(a, s, (size_t)(u - a->units)))
            return 1;
        /* the form after a comma (Corticeira do Vouga, S.A.; Corchos de
         * Extremadura, S.L.) */
        int comma = k > 0 && u->type == UT_WORD && (u->brk & (BRK_PUNCT | BRK_SENT | BRK_PARA | BRK_LINE)) == BRK_PUNCT &&
                    u->start == u[-1].end + 2 && s[u[-1].end] == ',' && s[u[-1].end + 1] == ' ';
        if (comma && dotted_legal(s, u))
            return 1;
        if (u->type != UT_WORD || (!comma && (u->brk & (BRK_PUNCT | BRK_SENT | BRK_PARA | BRK_LINE | BRK_AMP))))
            return 0;
        if (k > 0 && dotted_legal(s, u))
            return 1;
        size_t n = u->end - u->start;
        /* Poland's "sp. z o.o.", its first word abbreviated */
        if (k > 0 && n == 2 && s[u->start] == 's' && s[u->start + 1] == 'p' && (u->flags & F_DOTAFTER) &&
            u + 1 < end && u[1].end == u[1].start + 1 && s[u[1].start] == 'z')
            return 1;
        /* a form in capitals, or in lower case with its period (Iceland's
         * hf., ehf.) */
        if (k > 0 && n >= 2 && n <= BYL_WORD_MAX &&
            ((s[u->start] >= 'A' && s[u->start] <= 'Z') || (u->flags & F_DOTAFTER))) {
            char w[BYL_WORD_MAX];
            for (size_t i = 0; i < n; i++)
                w[i] = (char)(s[u->start + i] >= 'A' && s[u->start + i] <= 'Z' ? s[u->start + i] | 0x20
                                                                               : s[u->start + i]);
            if (legal_form(w, n))
                return 1;
        }
        if (comma || !cap_word(u))
            return 0;
    }
    return 0;
}

/* Whether the lower-case unit u goes on a company's name written in
 * sentence case to a Central European legal form in lower case
 * ("Moravskoslezské energetické závody, a.s.", "Stavby silnic a
 * železnic, s.r.o."): up to three lower-case words, u the first, then the
 * form after a space or a comma, and a letter with an accent between
 * s[from] (the name's first word) and the form. */
static int sentence_case_company(const byl_analyzer *a, const uint8_t *s, const struct unit *u,
                                 uint32_t from)
{
    const struct unit *end = a->units + a->nunits;
    for (int k = 0; u < end && k < 4; u++, k++) {
        if (u->type != UT_WORD || (k > 0 && (u->brk & (BRK_SENT | BRK_PARA | BRK_LINE | BRK_AMP))))
            return 0;
        if (k > 0 && s[u->start] >= 'a' && s[u->start] <= 'z' && dotted_legal(s, u)) {
            if ((u->brk & BRK_PUNCT) && !(u->start >= 2 && s[u->start - 2] == ',' && s[u->start - 1] == ' '))
                return 0;
            /* in the language's letters somewhere (ž, é, ů): not an
             * English clause before an "a.s." */
            for (uint32_t b = from; b < u->start; b++)
                if (s[b] >= 0x80)
                    return 1;
            return 0;
        }
        if ((k > 0 && (u->brk & BRK_PUNCT)) || k == 3 || !(u->flags & F_ALPHA) || (u->flags & F_UPPER1))
            return 0;
    }
    return 0;
}

/* Whether unit u is a legal form written in brackets ("Chinhoyi Leaf
 * Contractors (Pvt) Ltd"): the gap s[b, b + 2) before it is " (" or ") ".
 * Not after a comma ("4Front Robotics, Inc.": the name is written without
 * it, as the truth of our sets does), and not "Co" (a county: "Ballinasloe
 * (Co Galway)"), which joins a name only after a space. */
static int legal_after_punct(const uint8_t *s, uint32_t b, const struct unit *u)
{
    size_t n = u->end - u->start;
    if (u->type != UT_WORD || !(u->flags & (F_UPPER1 | F_CAPSWORD)) || n < 2 || n > BYL_WORD_MAX ||
        u->start != b + 2 || (n == 2 && (s[u->start + 1] | 0x20) == 'o'))
        return 0;
    if (!((s[b] == ' ' && s[b + 1] == '(') || (s[b] == ')' && s[b + 1] == ' ')))
        return 0;
    char w[BYL_WORD_MAX];
    for (size_t i = 0; i < n; i++)
        w[i] = (char)(s[u->start + i] >= 'A' && s[u->start + i] <= 'Z' ? s[u->start + i] | 0x20
                                                                       : s[u->start + i]);
    return legal_form(w, n);
}

/* Whether the gap s[b, e) before unit u is a space and the glottal stop
 * that opens a Polynesian name ("Viliami 'Ahio Moala", "Keli ‘Akau"): an
 * apostrophe (straight or turned) before a capital vowel, and no closing
 * one after the word or the next (a quoted 'Word' is no name's). */
static int glottal_stop(const byl_analyzer *a, const uint8_t *s, uint32_t b, uint32_t e,
                        const struct unit *u)
{
    if (!((e - b == 2 && s[b] == ' ' && s[b + 1] == '\'') ||
          (e - b == 4 && s[b] == ' ' && s[b + 1] == 0xE2 && s[b + 2] == 0x80 && s[b + 3] == 0x98)))
        return 0;
    uint8_t c = s[u->start];
    if (!(c == 'A' || c == 'E' || c == 'I' || c == 'O' || c == 'U' || c == 0xC3 || c == 0xC4 || c == 0xC5))
        return 0;
    for (const struct unit *v = u; v < u + 2 && v < a->units + a->nunits; v++) {
        uint32_t x = v->end;
        if (x < a->tlen && (s[x] == '\'' || (x + 2 < a->tlen && s[x] == 0xE2 && s[x + 1] == 0x80 &&
                                              (s[x + 2] == 0x99 || s[x + 2] == 0x98))))
            return 0;
    }
    return 1;
}

int byl_entity_glue(byl_analyzer *a, const uint8_t *s, size_t ui)
{
    if (a->nrun == 0 || a->nrun >= MAX_RUN || ui == 0 || ui >= a->nunits)
        return 0;
    struct runword *p = &a->run[a->nrun - 1];
    const struct unit *u = &a->units[ui];
    if (p->role != RW_NAME || u->start <= p->end)
        return 0;
    /* "Moravskoslezské energetické závody, a.s.", "Ekobat, s.r.o.": a
     * Central European legal form in lower case after a comma is the
     * name's tail, as the company writes it (byl_entity_feed) */
    if (u->start == p->end + 2 && s[p->end] == ',' && s[p->end + 1] == ' ' && s[u->start] >= 'a' &&
        s[u->start] <= 'z' && dotted_legal(s, u))
        return 1;
    if (!cap_word(u))
        return 0;
    /* "Leaf Contractors (Pvt) Ltd": the legal form is the name's tail
     * (byl_entity_feed) */
    if (legal_after_punct(s, u->start - 2, u))
        return 1;
    /* "Victoria Cold Chain (T) Ltd": the letter is the tail's, no word of
     * the name (fed as a nickname is not), and the legal form after it
     * ends the name as Ltd does */
    if (country_letter(a, s, ui)) {
        p->end = u->end + 1;
        a->nick_lo = ui;
        a->nick_hi = ui + 1;
        return 1;
    }
    const uint8_t *g = s + p->end;
    size_t gn = u->start - p->end;
    /* a plural's possessive: "Growers' Council", "Growers’ Council" */
    if (p->len >= 3 && p->w[p->len - 1] == 's' && !p->poss &&
        ((gn == 2 && g[0] == '\'' && g[1] == ' ') ||
         (gn == 4 && g[0] == 0xE2 && g[1] == 0x80 && g[2] == 0x99 && g[3] == ' '))) {
        p->poss = 1;
        return 1;
    }
    /* a name written with a closing apostrophe (Achieng’ Owino-Baraza,
     * the Luo spelling), before a capitalised word: no possessive, as the
     * word does not end in s */
    if (p->len >= 3 && p->w[p->len - 1] != 's' && !p->poss && gn == 4 && g[0] == 0xE2 &&
        g[1] == 0x80 && g[2] == 0x99 && g[3] == ' ' && !(u->brk & (BRK_SENT | BRK_PARA | BRK_LINE)) &&
        !(a->run[0].start >= 3 && s[a->run[0].start - 3] == 0xE2 && s[a->run[0].start - 2] == 0x80 &&
          s[a->run[0].start - 1] == 0x98)) /* not the end of a quote: 'Big Ben' Tower */
        return 1;
    if (nickname(a, s, ui))
        return 1;
    if (glottal_stop(a, s, p->end, u->start, u))
        return 1;
    /* a firm of partners' surnames ("Kessler, Haught & Associates",
     * "Pryce, Okafor & Co"): one name word (alone, or after "and"), a
     * comma, one capitalised word,
     * "&" and a firm's word or a legal form; the comma is no word of the
     * key, as "&" is not */
    if (gn == 2 && g[0] == ',' && g[1] == ' ' && (a->nrun == 1 || a->run[a->nrun - 2].role == RW_AND) &&
        ui + 1 < a->nunits &&
        cap_word(&a->units[ui + 1]) && (a->units[ui + 1].brk & BRK_AMP) &&
        !(a->units[ui + 1].brk & (BRK_PUNCT | BRK_SENT | BRK_LINE | BRK_PARA)) &&
        (byl_word_roles_ci((const char *)s + a->units[ui + 1].start,
                           a->units[ui + 1].end - a->units[ui + 1].start) &
         (BYL_W_ORG | BYL_W_SUFFIX))) {
        struct runword *c = &a->run[a->nrun++];
        memset(c, 0, sizeof *c);
        c->role = RW_AMP;
        c->start = c->end = p->end;
        return 1;
    }
    /* ", Land Reform and Rural Development": one to three capitalised
     * words, "and", a capitalised word, after an organisation's "of" */
    if (!(gn == 2 && g[0] == ',' && g[1] == ' ') || !run_has(a, RW_OF))
        return 0;
    /* and a longer list of them ("Ministry of Lands, Agriculture,
     * Fisheries, Water and Rural Development"): up to six items */
    size_t j = ui, words = 0, items = 1;
    for (; j < a->nunits && words <= 3 && items <= 6; j++) {
        const struct unit *v = &a->units[j];
        if (j > ui && (v->brk & (BRK_SENT | BRK_PARA | BRK_LINE)))
            return 0;
        if (j > ui && (v->brk & BRK_PUNCT)) {
            const struct unit *pv = &a->units[j - 1];
            if (words == 0 || v->start != pv->end + 2 || s[pv->end] != ',' || s[pv->end + 1] != ' ')
                return 0;
            items++;
            words = 0;
        }
        if (v->type != UT_WORD)
            return 0;
        if (v->end - v->start == 3 && !memcmp(s + v->start, "and", 3))
            break;
        if (!cap_word(v))
            return 0;
        words++;
    }
    if (words == 0 || words > 3 || j + 1 >= a->nunits || !cap_word(&a->units[j + 1]) ||
        (a->units[j + 1].brk & (BRK_PUNCT | BRK_SENT | BRK_PARA | BRK_LINE)))
        return 0;
    struct runword *c = &a->run[a->nrun++];
    memset(c, 0, sizeof *c);
    c->role = RW_COMMA;
    c->start = c->end = p->end;
    return 1;
}

/* Whether w[0, n) is one to two ASCII letters, the first a capital. */
static int slash_half(const char *w, size_t n)
{
    if (n < 1 || n > 2 || w[0] < 'A' || w[0] > 'Z')
        return 0;
    return n == 1 || (unsigned)((w[1] | 0x20) - 'a') < 26u;
}

int byl_entity_slash_form(const char *w, size_t n)
{
    if (!w || n < 3 || n > 5)
        return 0;
    if (n > 3) {
        /* the shape of a legal form with a slash (round 27): one or two
         * letters each side, each opening with a capital (Faroese Sp/F,
         * smápartafelag; Belgian SA/NV), as A/S and P/F are written */
        const char *sl = memchr(w, '/', n);
        return sl && slash_half(w, (size_t)(sl - w)) && slash_half(sl + 1, n - (size_t)(sl - w) - 1)
                   ? BYL_SLASH_LEGAL
                   : 0;
    }
    if (w[1] != '/')
        return 0;
    char x = w[0], y = w[2];
    /* Rajendran a/l Muthusamy, Meena a/p Subramaniam (anak lelaki, anak
     * perempuan), s/o, d/o, w/o: lower case, as names write them */
    if ((x == 'a' && (y == 'l' || y == 'p')) || ((x == 's' || x == 'd' || x == 'w') && y == 'o'))
        return BYL_SLASH_PATRONYMIC;
    /* Aqua Nordic Systems A/S, Havsbrún Holding P/F (aktieselskab,
     * partafelag), I/S, K/S, P/S */
    x = (char)(x & ~0x20);
    y = (char)(y & ~0x20);
    if (((x == 'A' || x == 'I' || x == 'K' || x == 'P') && y == 'S') || (x == 'P' && y == 'F'))
        return BYL_SLASH_LEGAL;
    return 0;
}

/* Whether unit u (one letter) and next are written "x/y" as one word of
 * a name (byl_entity_slash_form; a legal form in capitals only). */
static int slash_pair(const byl_analyzer *a, const uint8_t *s, const struct unit *u,
                      const struct unit *next)
{
    if (!next || u->end > u->start + 2 || u->end >= a->tlen || s[u->end] != '/' ||
        next->start != u->end + 1 || next->end > next->start + 2 ||
        (next->end < a->tlen && ((unsigned)((s[next->end] | 0x20) - 'a') < 26u || s[next->end] >= 0x80)))
        return 0;
    int f = byl_entity_slash_form((const char *)s + u->start, next->end - u->start);
    return f == BYL_SLASH_LEGAL && !(s[u->start] >= 'A' && s[u->start] <= 'Z' && s[next->start] >= 'A' &&
                                     s[next->start] <= 'Z')
               ? 0
               : f;
}

/* Titles that are adjectives as well, and open organisations' names:
 * Premier League, Premier Soccer Association, General Medical Council.
 * Not Senior, which stands before a body's name as a rank ("Senior
 * Reagan Administration officials"). */
static const char *const adj_title[] = {"premier", "general"};
/* Honorifics that are given names as often (text/words.c lists Alhaji
 * and Haji as titles; Dona is a given name elsewhere). */
static const char *const given_title[] = {"alhaji", "alhaja", "haji", "hajia", "hajiya", "dona"};
/* Organisations' words that are surnames or places as often (Premier
 * Jane House, Senior Counsel Ann Bay): no evidence of a name going on. */
static const char *const org_surname[] = {"house", "bay", "lake", "cape", "port", "duke", "city",
                                          "state", "states", "capital", "trust", "union", "press",
                                          "home", "order", "fund", "isle", "gulf", "partners"};

/* Whether the units from next on are one to three capitalised words, no
 * title, no break between them, the last an organisation's word
 * ("Soccer Association" after Premier): an organisation's name goes on. */
static int adj_title_org(const byl_analyzer *a, const uint8_t *s, const struct unit *next)
{
    for (const struct unit *v = next; v && v < next + 3 && v < a->units + a->nunits; v++) {
        if (!cap_word(v) || (v->brk & (BRK_PUNCT | BRK_LINE | BRK_SENT | BRK_PARA | BRK_AMP)))
            return 0;
        unsigned r = byl_word_roles_ci((const char *)s + v->start, v->end - v->start);
        if (r & BYL_W_TITLE)
            return 0;
        if (r & BYL_W_ORG) {
            char low[BYL_WORD_MAX];
            size_t n = v->end - v->start;
            for (size_t i = 0; i < n; i++)
                low[i] = (char)(s[v->start + i] | 0x20);
            return !IN(org_surname, low, n);
        }
    }
    return 0;
}

/* Whether unit u is a ticker after its exchange in brackets: "(SGX:
 * THH)", "(JSE: UCG)", "(NYSE: F)": the exchange's acronym is a name,
 * the symbol after it is none. */
static int ticker(const uint8_t *s, const struct unit *u)
{
    uint32_t b = u->start;
    if (b < 5 || s[b - 1] != ' ' || s[b - 2] != ':')
        return 0;
    uint32_t x = b - 2;
    while (x > 0 && b - 2 - x <= 8 && ((s[x - 1] >= 'A' && s[x - 1] <= 'Z') || s[x - 1] == '.'))
        x--;
    return x > 0 && b - 2 - x >= 2 && s[x - 1] == '(';
}

/* Whether unit u is written with a letter outside ASCII (an accent, a
 * letter of another alphabet). */
static int accented(const uint8_t *s, const struct unit *u)
{
    for (uint32_t b = u->start; b < u->end; b++)
        if (s[b] >= 0x80)
            return 1;
    return 0;
}

/* Whether unit u is a regnal number in Roman numerals, I to XXX, in
 * capitals, with no period after it. */
static int regnal(const uint8_t *s, const struct unit *u)
{
    static const char *const units[] = {"", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"};
    size_t n = u->end - u->start;
    const uint8_t *w = s + u->start;
    if (n == 0 || n > 7 || (u->flags & F_DOTAFTER) || !(w[0] == 'I' || w[0] == 'V' || w[0] == 'X'))
        return 0;
    size_t tens = 0;
    while (tens < n && tens < 3 && w[tens] == 'X')
        tens++;
    for (size_t k = 0; k < 10; k++)
        if (strlen(units[k]) == n - tens && !memcmp(units[k], w + tens, n - tens))
            return 1;
    return 0;
}

/* Whether the lower-case word w between the run's word p and the
 * capitalised unit next makes the three a place of the gazetteer (Dar es
 * Salaam, Bandar Seri Begawan's kind): a small word of the place's own
 * language, which must not cut it ("University of Dar es Salaam"). */
static int place_inside(const uint8_t *s, const struct runword *p, const struct winfo *w,
                        const struct unit *next)
{
    char k[3 * BYL_WORD_MAX + 3];
    size_t nl = next ? next->end - next->start : 0;
    if (!next || !cap_word(next) || (next->brk & (BRK_PUNCT | BRK_SENT | BRK_PARA | BRK_LINE)) ||
        w->clen > 3 || p->len > BYL_WORD_MAX || nl > BYL_WORD_MAX)
        return 0;
    size_t o = 0;
    memcpy(k + o, p->w, p->len);
    o += p->len;
    k[o++] = ' ';
    memcpy(k + o, w->canon, w->clen);
    o += w->clen;
    k[o++] = ' ';
    for (size_t i = 0; i < nl; i++) {
        uint8_t c = s[next->start + i];
        if (c >= 0x80)
            return 0;
        k[o++] = (char)(c >= 'A' && c <= 'Z' ? c | 0x20 : c);
    }
    return byl_place_is(k, o);
}

/* Whether "in" (w) after the run's word p, before the capitalised unit
 * next, belongs to the name: a members' body (an association, a
 * federation, a union of ...) named for the country or city its members
 * work in, the run's last word before it a plural (its members) and the
 * place of the gazetteer the name's end (Association for Renewable
 * Producers in Bulgaria, Federation of Taxi Owners in Kenya).  Not a
 * ministry's or a company's "in" (Ministry of Foreign Affairs in Nairobi:
 * where it stands). */
static int members_in(const byl_analyzer *a, const uint8_t *s, const struct runword *p, const struct winfo *w,
                      const struct unit *next)
{
    static const char *const bodies[] = {"association", "federation", "confederation", "union",
                                         "league", "guild", "syndicate"};
    const struct unit *end = a->units + a->nunits;
    if (w->clen != 2 || memcmp(w->canon, "in", 2) || !next || !cap_word(next) || (next->flags & F_CAPSWORD) ||
        (next->brk & (BRK_PUNCT | BRK_SENT | BRK_PARA | BRK_LINE)) || p->len < 4 || p->w[p->len - 1] != 's' ||
        p->w[p->len - 2] == 's' || !run_has(a, RW_OF) || a->run[0].role != RW_NAME)
        return 0;
    int body = 0;
    for (size_t k = 0; k < a->nrun && a->run[k].role == RW_NAME && !body; k++)
        for (size_t i = 0; i < sizeof bodies / sizeof bodies[0] && !body; i++)
            body = a->run[k].len == strlen(bodies[i]) && !memcmp(a->run[k].w, bodies[i], a->run[k].len);
    if (!body)
        return 0;
    /* the place ends the name */
    if (next + 1 < end && cap_word(next + 1) && !(next[1].brk & (BRK_PUNCT | BRK_SENT | BRK_PARA | BRK_LINE)))
        return 0;
    char k[BYL_WORD_MAX + 1];
    size_t nl = next->end - next->start;
    if (nl > BYL_WORD_MAX)
        return 0;
    for (size_t i = 0; i < nl; i++) {
        uint8_t c = s[next->start + i];
        if (c >= 0x80)
            return 0;
        k[i] = (char)(c >= 'A' && c <= 'Z' ? c | 0x20 : c);
    }
    return byl_place_is(k, nl);
}

/* Whether unit u stands alone in brackets after a name of two capitalised
 * words or more, its long form ("National Anti-Corruption Directorate
 * (DNA)", "Federación Colombiana de Patinaje de Velocidad (FECOPAV)"). */
static int acronym_defined(const uint8_t *s, uint32_t len, const struct unit *u)
{
    uint32_t b = u->start;
    /* the bracket closes inside the text (an acronym ending it once read
     * the byte past it: fuzz_analyzer) */
    if (b < 4 || u->end >= len || s[b - 1] != '(' || s[b - 2] != ' ' || s[u->end] != ')')
        return 0;
    /* the two words before the bracket are capitalised */
    uint32_t e = b - 2;
    int caps = 0;
    for (int k = 0; k < 2; k++) {
        uint32_t x = e;
        while (x > 0 && s[x - 1] != ' ' && s[x - 1] != '\n' && s[x - 1] != '(')
            x--;
        if (x == e || !((s[x] >= 'A' && s[x] <= 'Z') || s[x] >= 0xC3))
            break;
        caps++;
        if (x < 2 || s[x - 1] != ' ')
            break;
        e = x - 1;
        /* a connector inside the long form (de, of, for, and) */
        uint32_t y = e;
        while (y > 0 && s[y - 1] >= 'a' && s[y - 1] <= 'z')
            y--;
        if (y < e && e - y <= 3 && y > 0 && s[y - 1] == ' ')
            e = y - 1;
    }
    return caps == 2;
}

/* Whether unit u is a forum's user or board name, after "u/" or "r/"
 * ("u/AutoModerator", "r/Tallinn"): a handle, as an @handle is, not a
 * name the text gives (a moderator bot's came into web-holdout11's list). */
static int forum_handle(const uint8_t *s, const struct unit *u)
{
    uint32_t b = u->start;
    if (b < 2 || s[b - 1] != '/' || (s[b - 2] != 'u' && s[b - 2] != 'r'))
        return 0;
    return b == 2 || !((s[b - 3] | 0x20) >= 'a' && (s[b - 3] | 0x20) <= 'z');
}

/* Feeds one emitted word unit to the name detector (index mode). */
/* Whether the current run is an organisation's name up to an "of the"
 * and name words after it (Office of the Special ...): its word before
 * "of" an organisation's. */
static int the_of_run(const byl_analyzer *a)
{
    size_t k = a->nrun;
    while (k > 0 && a->run[k - 1].role == RW_NAME)
        k--;
    return k >= 3 && a->run[k - 1].role == RW_OF && a->run[k - 1].len == 3 &&
           !memcmp(a->run[k - 1].w, "the", 3) && a->run[k - 2].role == RW_OF &&
           a->run[k - 3].role == RW_NAME &&
           (byl_word_roles(a->run[k - 3].w, a->run[k - 3].len) & BYL_W_ORG);
}

/* Whether unit u is a plural of four letters or more, perhaps with its
 * possessive apostrophe (Growers', Doctors, Nurses’). */
static int plural_poss(const uint8_t *s, const struct unit *u)
{
    uint32_t e = u->end;
    if (e > u->start + 1 && s[e - 1] == 0x27)
        e--;
    else if (e > u->start + 3 && s[e - 3] == 0xE2 && s[e - 2] == 0x80 && s[e - 1] == 0x99)
        e -= 3;
    return e >= u->start + 4 && s[e - 1] == 's' && s[e - 2] != 's' && s[e - 2] != '\x27';
}

/* Whether the capitalised words from unit u on, to where the phrase
 * ends, are all titles' words (u NULL or no such word: yes): "Chief
 * Auditor," ends an office's name, "Auditor Mara Velk" goes on to a
 * holder's. */
static int titles_end(const byl_analyzer *a, const uint8_t *s, const struct unit *u)
{
    for (int k = 0; k < 4; k++, u++) {
        if (!u || u >= a->units + a->nunits || !cap_word(u) || (u->brk & (BRK_PUNCT | BRK_LINE | BRK_SENT)))
            return 1;
        if (!(byl_word_roles_ci((const char *)s + u->start, u->end - u->start) & BYL_W_TITLE))
            return 0;
    }
    return 0;
}

/* Whether the run that starts at s[start] opens after the definite
 * article ("the Freeport of Riga Authority", "The National System of
 * Conservation Areas"): "the" before a capitalised phrase names one
 * thing, so an "of" inside it joins the phrase's two halves as it does
 * after an organisation's word (Bank of England), whatever the head
 * noun (Freeport, Conservatory, Cabinet, System). */
static int the_before(const uint8_t *s, uint32_t start)
{
    uint32_t b;
    size_t n = word_before(s, start, &b);
    return n == 3 && (s[b] == 't' || s[b] == 'T') && s[b + 1] == 'h' && s[b + 2] == 'e';
}

/* Whether unit u is an Iberian or Guaraní form of address (Don, Doña,
 * Ña) before a whole name of three words on its line: a given name and
 * the father's and the mother's surnames ("Don Rafael Gutiérrez Obando",
 * "Ña Zulma Acosta Ferreira").  Alone before one or two words "Don" and
 * "Dona" are as often given names (Don Johnson, Dona Maria), and "Na" a
 * Korean surname, so only the full Iberian name of three words before it
 * says it is a title (web-holdout13). */
static int iberian_address(const byl_analyzer *a, const uint8_t *s, const struct unit *u, const struct winfo *w)
{
    const struct unit *end = a->units + a->nunits;
    int don = (w->clen == 3 && !memcmp(w->canon, "don", 3)) || (w->clen == 4 && !memcmp(w->canon, "dona", 4));
    int na = w->clen == 2 && !memcmp(w->canon, "na", 2) && accented(s, u);
    if ((!don && !na) || a->nrun != 0 || u + 3 >= end)
        return 0;
    for (const struct unit *v = u + 1; v <= u + 3; v++)
        if (!cap_word(v) || (v->flags & F_CAPSWORD) || (v->brk & (BRK_PUNCT | BRK_LINE | BRK_SENT | BRK_AMP)))
            return 0;
    /* and no fourth name word: a longer run is some other name */
    return u + 4 >= end || !cap_word(u + 4) || (u[4].brk & (BRK_PUNCT | BRK_LINE | BRK_SENT | BRK_PARA));
}

/* Whether unit u is a title's word with a possessive ('s, ’s) before
 * an organisation's capitalised word (u2): "Minister's Office",
 * "General's Office" (a title's word before it is the office's too). */
static int title_poss_org(const uint8_t *s, const struct unit *u, const struct unit *u2)
{
    uint32_t e = u->end;
    if (e >= u->start + 4 && s[e - 1] == 's' && s[e - 2] == 0x27)
        e -= 2;
    else if (e >= u->start + 6 && s[e - 1] == 's' && s[e - 2] == 0x99 && s[e - 3] == 0x80 && s[e - 4] == 0xE2)
        e -= 4;
    else
        return 0;
    /* General: a rank's second word (Attorney General, as title_before) */
    int title = (byl_word_roles_ci((const char *)s + u->start, e - u->start) & BYL_W_TITLE) ||
                (e - u->start == 7 && !memcmp(s + u->start, "General", 7));
    return u->type == UT_WORD && (u->flags & F_UPPER1) && title &&
           u2->type == UT_WORD && (u2->flags & F_UPPER1) && !(u2->brk & (BRK_PUNCT | BRK_LINE)) &&
           (byl_word_roles_ci((const char *)s + u2->start, u2->end - u2->start) & BYL_W_ORG);
}

void byl_entity_feed(byl_analyzer *a, const uint8_t *s, const struct unit *u,
                     const struct unit *next, const struct winfo *w, int sent)
{
    /* after a sentence's opening word taken for a common one, the next
     * capitalised word is at the start still ("Fisheries Act
     * amendments": no evidence for Act alone); a name of two words or
     * more there is found as before */
    if (a->open_carry) {
        sent |= u == a->units + a->open_carry - 1;
        a->open_carry = 0;
    }
    int carry = 0;
    int slash = a->nrun > 0 && a->nrun < MAX_RUN && a->run[a->nrun - 1].role == RW_NAME &&
                        !(u->brk & (BRK_PUNCT | BRK_SENT | BRK_PARA | BRK_LINE))
                    ? slash_pair(a, s, u, next)
                    : 0;
    if (slash == BYL_SLASH_PATRONYMIC && w->ok && next + 1 < a->units + a->nunits && cap_word(next + 1) &&
        !(next[1].brk & (BRK_PUNCT | BRK_SENT | BRK_PARA | BRK_LINE))) {
        /* the patronymic is a particle of the name, its key word its
         * first letter, as the query's normalisation of "a/l" gives; the
         * letter after the slash is no word of the name */
        run_add(a, u, w, RW_PARTICLE, CS_PLAIN, 0);
        a->nick_lo = (size_t)(next - a->units);
        a->nick_hi = a->nick_lo + 1;
        return;
    }
    if (slash == BYL_SLASH_LEGAL && !sent) {
        /* the legal form is the name's tail, as Ltd is */
        a->run[a->nrun - 1].end = next->end;
        a->run_tail = 1;
        a->run_suffix = 1;
        a->nick_lo = (size_t)(next - a->units);
        a->nick_hi = a->nick_lo + 1;
        return;
    }
    if (a->nrun > 0 && a->run[a->nrun - 1].role == RW_NAME && !sent &&
        !(u->brk & (BRK_SENT | BRK_PARA | BRK_LINE)) && dotted_legal(s, u)) {
        /* a legal form written with dots (Denizli Tekstil A.Ş., Ekobat
         * Recycling s.r.o., Acme S.A.) is the name's tail, as Ltd is */
        a->run[a->nrun - 1].end = u->end < a->tlen && s[u->end] == '.' ? u->end + 1 : u->end;
        a->run_tail = 1;
        a->run_suffix = 1;
        return;
    }
    if (a->nrun > 0 && a->run[a->nrun - 1].role == RW_NAME && !sent &&
        !(u->brk & (BRK_PUNCT | BRK_SENT | BRK_PARA | BRK_LINE)) && s[u->start] >= 'A' && s[u->start] <= 'Z' &&
        dotted_shape(s + u->start, with_dot(a, s, u)) &&
        (!next || (next->brk & (BRK_PUNCT | BRK_SENT | BRK_PARA | BRK_LINE)) || !cap_word(next))) {
        /* a legal form known by its shape (Sh.p.k., B.S.C., K.S.C.P.)
         * closes the name before it: nothing capitalised goes on after it
         * in the same sentence, as a person's initials would */
        a->run[a->nrun - 1].end = u->start + (uint32_t)with_dot(a, s, u);
        a->run_tail = 1;
        a->run_suffix = 1;
        return;
    }
    if (a->nrun > 0 && a->run[a->nrun - 1].role == RW_NAME && !a->run[a->nrun - 1].poss && !sent &&
        !(u->brk & (BRK_PUNCT | BRK_SENT | BRK_PARA | BRK_LINE | BRK_AMP)) && regnal(s, u) && next &&
        cap_word(next) && !(next->brk & (BRK_PUNCT | BRK_SENT | BRK_PARA | BRK_LINE))) {
        /* a king's or a pope's number inside a name (Mohammed V
         * University, John Paul II Catholic University): a word of it */
        run_add(a, u, w, RW_NAME, CS_PLAIN, 0);
        return;
    }
    if ((u->flags & F_CAPSWORD) && ticker(s, u)) {
        byl_entity_run_end(a);
        return;
    }
    if (forum_handle(s, u)) {
        byl_entity_run_end(a);
        return;
    }
    int coined = !w->nameable && w->ok && (coined_name(s, u) || digit_led_name(s, u) || hyphen_number(s, u, next));
    if (!w->ok || (!w->nameable && !coined) || w->tok1 == w->tok0) {
        byl_entity_run_end(a);
        return;
    }
    int capital = w->capital || coined || (a->nrun > 0 && a->run[a->nrun - 1].role == RW_PARTICLE &&
                                           w->nameable && eclipsed(s, u));
    /* an acronym (OPEC, SK Hynix) may be a name word; a common
     * abbreviation (AI, CEO, US) is not */
    int caps = (u->flags & F_CAPSWORD) != 0;
    if (!caps && w->poss && w->wend - u->start >= 2 && !capital) {
        caps = 1; /* BYD's */
        for (uint32_t b = u->start; b < w->wend && caps; b++)
            caps = s[b] >= 'A' && s[b] <= 'Z';
    }
    unsigned bits = capital || caps || a->nrun > 0 ? byl_word_roles(w->canon, w->clen) : 0;
    /* "Tel" is a contact line's label before a number (Tel: +254, Tel
     * 020); before a capitalised word it opens a place's name (Tel Aviv,
     * Tel Hashomer), never to be cut out of it */
    if ((bits & BYL_W_LABEL) && capital && w->clen == 3 && !memcmp(w->canon, "tel", 3) && next &&
        cap_word(next) && next->start == u->end + 1 && s[u->end] == ' ')
        bits &= ~(unsigned)BYL_W_LABEL;
    /* a capitalised word with accents is no English function word its
     * folded form spells (Cần Thơ: "can"; Tô Lâm: "to"; Thì: "thi") */
    if ((bits & BYL_W_STOP) && capital && accented(s, u))
        bits &= ~(unsigned)BYL_W_STOP;
    /* the titles of the longer list, only before a name (Fly-half Saba
     * Tsiklauri-Kapanadze): asked of every capitalised word, the list is
     * not read where no name follows */
    if (capital && !(bits & BYL_W_TITLE) &&
        (hyphen_title(w->canon, w->clen) || (next && cap_word(next) && byl_word_in(BYL_WL_MORE_TITLE, w->canon, w->clen))))
        bits |= BYL_W_TITLE;
    if (capital && w->clen == 7 && !memcmp(w->canon, "general", 7) && a->nrun == 0 &&
        title_before(s, u->start))
        bits |= BYL_W_TITLE; /* Lieutenant General Thembisa Mahlaba */
    if (capital && w->clen >= 2 && w->clen <= 4 && (w->canon[0] == 'd' || w->canon[0] == 'n') &&
        !(bits & BYL_W_TITLE) && iberian_address(a, s, u, w))
        bits |= BYL_W_TITLE; /* Don Rafael Gutiérrez Obando */
    if (capital && !(bits & BYL_W_TITLE) && (w->clen == 3 || w->clen == 4) && malay_honour(a, s, u, next))
        bits |= BYL_W_TITLE; /* Tan Sri, Dato' Sri */
    /* a title's plural opening a sentence before names ("Lawmakers Jane
     * Roe and Tom Poe"); inside a run it is a name's word ("Kansas City
     * Chiefs") */
    if (capital && sent && a->nrun == 0 && !(bits & BYL_W_TITLE) && w->clen > 4 &&
        w->canon[w->clen - 1] == 's' && (byl_word_roles(w->canon, w->clen - 1) & BYL_W_TITLE))
        bits |= BYL_W_TITLE;
    /* a title's possessive before an office's name is a word of that
     * name (Marlow County Sheriff's Office, Prime Minister's Office), not
     * a title before a person */
    if (capital && (bits & BYL_W_TITLE) && w->poss && next && next->type == UT_WORD &&
        (next->flags & F_UPPER1) && !(next->brk & (BRK_PUNCT | BRK_LINE)) &&
        (byl_word_roles_ci((const char *)s + next->start, next->end - next->start) & BYL_W_ORG))
        bits &= ~(unsigned)BYL_W_TITLE;
    /* and the title before it, one word of the office too (Prime
     * Minister's Office, Attorney General's Office) */
    if (capital && (bits & BYL_W_TITLE) && !w->poss && next && next + 1 < a->units + a->nunits &&
        !(next->brk & (BRK_PUNCT | BRK_LINE)) && title_poss_org(s, next, next + 1))
        bits &= ~(unsigned)BYL_W_TITLE;
    /* a title's word that ends an organisation's name after its "of
     * the" names the office the body serves (Office of the Special
     * Prosecutor, Office of the President), when no name follows it */
    if (capital && (bits & BYL_W_TITLE) && !(bits & BYL_W_ABBR) && a->nrun >= 3 &&
        !(u->brk & (BRK_PUNCT | BRK_LINE | BRK_SENT | BRK_AMP)) && the_of_run(a) &&
        titles_end(a, s, next))
        bits &= ~(unsigned)BYL_W_TITLE;
    /* a title's word inside an organisation's subject after its "of" or
     * "for", before a noun (Association of Pupil Transportation, Office
     * for Patient Safety): the subject's word, not a title before a
     * person */
    if (capital && (bits & BYL_W_TITLE) && !(bits & BYL_W_ABBR) && !w->poss && a->nrun >= 2 &&
        a->run[a->nrun - 1].role == RW_OF && a->run[a->nrun - 2].role == RW_NAME &&
        (byl_word_roles(a->run[a->nrun - 2].w, a->run[a->nrun - 2].len) & BYL_W_ORG) &&
        !(u->brk & (BRK_PUNCT | BRK_LINE | BRK_SENT | BRK_AMP)) && next && cap_word(next) &&
        !(next->brk & (BRK_PUNCT | BRK_LINE | BRK_SENT | BRK_AMP)) && next->end - next->start < 64 &&
        noun_ending((const char *)s + next->start, next->end - next->start))
        bits &= ~(unsigned)BYL_W_TITLE;
    /* Sheikh after two name words is a surname (Kamran Nisar Sheikh), as
     * no title follows a person's name */
    if (capital && w->clen == 6 && !memcmp(w->canon, "sheikh", 6) && a->nrun >= 2 &&
        a->run[a->nrun - 1].role == RW_NAME && a->run[a->nrun - 2].role == RW_NAME &&
        !(u->brk & (BRK_PUNCT | BRK_LINE)) && !(next && next->type == UT_WORD && (next->flags & F_UPPER1) &&
                                                 !(next->brk & (BRK_PUNCT | BRK_LINE))))
        bits &= ~(unsigned)BYL_W_TITLE;
    /* Welsh "Sir" (county) after a name word is a word of the name
     * (Cyngor Sir Dyfed Uchaf); the English title stands before a name,
     * after a lower-case word or a possessive (Britain's Sir Keir) */
    if (capital && w->clen == 3 && !memcmp(w->canon, "sir", 3) && a->nrun >= 1 &&
        a->run[a->nrun - 1].role == RW_NAME && !a->run[a->nrun - 1].poss && !(u->brk & (BRK_PUNCT | BRK_LINE)))
        bits &= ~(unsigned)BYL_W_TITLE;
    /* a title's word before an organisation's word is a word of its
     * name (Executive Council, Executive Committee), not a title before a
     * person */
    if (capital && (bits & BYL_W_TITLE) && !(bits & BYL_W_ABBR) && next && next->type == UT_WORD &&
        (next->flags & F_UPPER1) && !(next->brk & (BRK_PUNCT | BRK_LINE | BRK_SENT | BRK_AMP)) &&
        (byl_word_roles_ci((const char *)s + next->start, next->end - next->start) & BYL_W_ORG) &&
        !(byl_word_roles_ci((const char *)s + next->start, next->end - next->start) & BYL_W_TITLE))
        bits &= ~(unsigned)BYL_W_TITLE;
    /* and one before a plural and an organisation's word: the body's
     * members (Smallholder Growers' Union, Resident Doctors Association);
     * a plural is no person's first name */
    if (capital && (bits & BYL_W_TITLE) && !(bits & BYL_W_ABBR) && !w->poss && next &&
        next + 1 < a->units + a->nunits && cap_word(next) && cap_word(next + 1) &&
        !(next->brk & (BRK_PUNCT | BRK_LINE | BRK_SENT | BRK_AMP)) &&
        !(next[1].brk & (BRK_LINE | BRK_SENT | BRK_AMP)) &&
        (!(next[1].brk & BRK_PUNCT) || s[next->end] == 0x27 || s[next->end] == 0xE2) && plural_poss(s, next) &&
        (byl_word_roles_ci((const char *)s + next[1].start, next[1].end - next[1].start) & BYL_W_ORG))
        bits &= ~(unsigned)BYL_W_TITLE;
    /* and a title that is an adjective too, before an organisation's name
     * a few words on (Premier Soccer Association, General Medical
     * Council) */
    if (capital && (bits & BYL_W_TITLE) && IN(adj_title, w->canon, w->clen) && adj_title_org(a, s, next))
        bits &= ~(unsigned)BYL_W_TITLE;
    /* a title's word after an organisation's name that ends in its
     * word, and before no person: the name's last word (the Health
     * Service Executive has, the Civil Service Commission) */
    if (capital && (bits & BYL_W_TITLE) && !(bits & BYL_W_ABBR) && a->nrun >= 2 &&
        a->run[a->nrun - 1].role == RW_NAME && !a->run[a->nrun - 1].poss &&
        !(u->brk & (BRK_PUNCT | BRK_LINE | BRK_SENT | BRK_AMP)) &&
        (byl_word_roles(a->run[a->nrun - 1].w, a->run[a->nrun - 1].len) & BYL_W_ORG) &&
        !(next && cap_word(next) && !(next->brk & (BRK_PUNCT | BRK_LINE | BRK_SENT))))
        bits &= ~(unsigned)BYL_W_TITLE;
    /* an honorific that is a given name too (Sierra Leone's and
     * Nigeria's Alhaji, Haji; Portuguese Dona): before two name words
     * or more it is the title (Dona Feliciana Mucavele, Alhaji Musa
     * Danjuma), before one the person's first name (Alhaji Sesay; round
     * 27) */
    if (capital && a->nrun == 0 && w->clen >= 4 && w->clen <= 6 &&
        (w->canon[0] == 'a' || w->canon[0] == 'h' || w->canon[0] == 'd') && /* most words: a cheap "no" */
        IN(given_title, w->canon, w->clen) && next && cap_word(next) &&
        !(next->brk & (BRK_PUNCT | BRK_LINE | BRK_SENT | BRK_PARA))) {
        /* (an apostrophe glued to the first name is no stop: Achieng’) */
        int more = next + 1 < a->units + a->nunits && cap_word(next + 1) &&
                   !(next[1].brk & (BRK_LINE | BRK_SENT | BRK_PARA)) &&
                   (!(next[1].brk & BRK_PUNCT) || !memchr(",;:.!?()[]", s[next->end], 11));
        bits = more ? bits | BYL_W_TITLE : bits & ~(unsigned)BYL_W_TITLE;
    }
    /* a title's word after an organisation's word and before a
     * connector and more of the name: an adjective of the name in its
     * language, no office (round 27: Universidad Mayor de San Calixto,
     * Seminario Mayor de Cuenca; Spanish "mayor" is "major") */
    if (capital && (bits & BYL_W_TITLE) && !(bits & BYL_W_ABBR) && a->nrun >= 1 &&
        a->run[a->nrun - 1].role == RW_NAME && !a->run[a->nrun - 1].poss &&
        !(u->brk & (BRK_PUNCT | BRK_LINE | BRK_SENT | BRK_AMP)) &&
        (byl_word_roles(a->run[a->nrun - 1].w, a->run[a->nrun - 1].len) & BYL_W_ORG) && next &&
        next->type == UT_WORD && !(next->brk & (BRK_PUNCT | BRK_LINE | BRK_SENT)) &&
        (byl_word_roles((const char *)s + next->start, next->end - next->start) & BYL_W_PARTICLE) &&
        next + 1 < a->units + a->nunits && cap_word(next + 1) && !(next[1].brk & (BRK_PUNCT | BRK_LINE | BRK_SENT)))
        bits &= ~(unsigned)BYL_W_TITLE;
    /* "& Co" before more of the name is a word of it (Al Rashdi & Co
     * Legal Consultants); elsewhere a legal form is the name's tail */
    if ((capital || caps) && (u->brk & BRK_AMP) && w->clen == 2 && !memcmp(w->canon, "co", 2) && next &&
        cap_word(next) && !(next->brk & (BRK_PUNCT | BRK_LINE | BRK_SENT | BRK_AMP)) &&
        !(byl_word_roles_ci((const char *)s + next->start, next->end - next->start) & BYL_W_SUFFIX))
        bits &= ~(unsigned)BYL_W_SUFFIX;
    /* a legal form in capitals, or in lower case with its period
     * (Vestfirskur Lax hf., Iceland) */
    int legal = (bits & BYL_W_SUFFIX) && (capital || caps || (u->flags & F_DOTAFTER)) && !sent &&
                legal_form(w->canon, w->clen);
    if (a->run_tail && !legal)
        byl_entity_run_end(a);
    if (legal && a->nrun > 0 && a->run[a->nrun - 1].role == RW_NAME &&
        !(u->brk & (BRK_SENT | BRK_PARA | BRK_LINE))) {
        /* the company's legal form, as the name is written (Kaveri
         * Polymers Ltd, Semenanjung Lithium Sdn Bhd, Brightwell & Co):
         * the entity's span grows over it, its key keeps none of it
         * (byl_entity_key), so name:"Kaveri Polymers" finds it */
        a->run[a->nrun - 1].end = w->wend;
        a->run_tail = 1;
        a->run_suffix = 1;
        return;
    }
    /* an acronym of two to eight capitals (FECOPAV); one the lists call no
     * organisation's (DNA, EU) is one when the text gives its long form
     * before it in brackets */
    int defined = !capital && caps && w->clen <= 8 && acronym_defined(s, a->tlen, u);
    int acronym = !capital && caps && w->clen <= 8 && (!(bits & (BYL_W_NOTORG | BYL_W_TITLE)) || defined);
    if (!capital && !acronym && a->nrun == 0)
        return; /* a lower-case word outside a name: nothing to do */
    int role = -1, shape = acronym ? CS_ACRONYM : CS_PLAIN;
    if (acronym) {
        role = RW_NAME;
    } else if (capital) {
        if (a->nrun > 0 && a->run[a->nrun - 1].role == RW_PARTICLE &&
            !(u->brk & (BRK_PUNCT | BRK_LINE | BRK_SENT | BRK_PARA | BRK_AMP)) &&
            !(bits & (BYL_W_DATE | BYL_W_DATENUM)))
            role = RW_NAME; /* after a particle, a name's word whatever the
                             * lists say: the father's name after "bin"
                             * (Khalid bin Said Al Rawahi), "de Paz" */
        else if (irish_o(s, u) && !(u->flags & F_DOTAFTER) && next && next->type == UT_WORD &&
            (next->flags & F_UPPER1) && !(next->brk & (BRK_PUNCT | BRK_LINE)))
            role = RW_NAME; /* Eoin Ó Súilleabháin */
        else if ((u->flags & F_DOTAFTER) && byl_word_in(BYL_WL_NAME_ABBR, w->canon, w->clen) && next && cap_word(next) &&
                 !(next->brk & (BRK_PUNCT | BRK_LINE | BRK_PARA)))
            role = RW_INITIAL; /* Ma. Lourdes Villanueva-Sison, Moh. Taufik Lamasitudju */
        else if (u->flags & F_ONELETTER)
            role = (u->flags & F_DOTAFTER) && w->canon[0] != 'i' && w->canon[0] != 'a'
                       ? RW_INITIAL
                       : -1;
        else if ((bits & BYL_W_STOP) && !sent && a->nrun == 0 && byl_word_in(BYL_WL_GIVEN_STOP, w->canon, w->clen) &&
                 next && next->start == u->end + 1 && s[u->end] == ' ' && cap_word(next) &&
                 !(next->brk & (BRK_PUNCT | BRK_LINE | BRK_SENT)) &&
                 !(byl_word_roles_ci((const char *)s + next->start, next->end - next->start) &
                   (BYL_W_STOP | BYL_W_TITLE | BYL_W_DATE)))
            role = RW_NAME; /* a given name inside a sentence: Prof. dr. An Verhaegen, actor Will Hutton */
        else if (!(bits & (BYL_W_STOP | BYL_W_TITLE | BYL_W_DATE | BYL_W_SUFFIX | BYL_W_LABEL)) &&
                 !((bits & BYL_W_DATENUM) && next && next->type == UT_WORD &&
                   (next->flags & F_NUM) && !(next->brk & (BRK_PUNCT | BRK_LINE))))
            role = RW_NAME;
        else if ((bits & BYL_W_STOP) && !sent && small_in_name(w->canon, w->clen) && a->nrun > 0 &&
                 a->run[a->nrun - 1].role == RW_NAME && !a->run[a->nrun - 1].poss &&
                 !(u->brk & (BRK_PUNCT | BRK_LINE | BRK_AMP)) && next && cap_word(next) &&
                 !(next->brk & (BRK_PUNCT | BRK_LINE | BRK_SENT | BRK_AMP)))
            role = RW_NAME; /* a capitalised small word inside a name: Po On Road, Tai Po */
        else if (!sent && w->clen == 3 && !memcmp(w->canon, "the", 3) && a->nrun >= 2 &&
                 a->run[a->nrun - 1].role == RW_OF && a->run[a->nrun - 1].len == 2 &&
                 !memcmp(a->run[a->nrun - 1].w, "of", 2) && !run_has_before(a, RW_OF) &&
                 !(u->brk & (BRK_PUNCT | BRK_LINE | BRK_AMP)) && next && cap_word(next) &&
                 !(next->brk & (BRK_PUNCT | BRK_LINE | BRK_SENT | BRK_AMP)))
            role = RW_OF; /* a country's name with its article in capitals,
                           * as it is officially written (round 29: Central
                           * Bank of The Bahamas, University of The Gambia),
                           * as "of the" is */
        if (role < 0 && w->clen == 5 && !memcmp(w->canon, "today", 5) && !sent && a->nrun > 0 &&
            a->run[a->nrun - 1].role == RW_NAME && !a->run[a->nrun - 1].poss &&
            !(u->brk & (BRK_PUNCT | BRK_LINE | BRK_AMP)))
            role = RW_NAME; /* a paper's or an app's name (Danube Today, Brasil Wire Today) */
        if (role == RW_NAME && a->nrun == 0 && sent &&
            (byl_context_low_has(a, w->canon, w->clen) || plural_low(a, w, next) || agent_ist(a, w, next)) &&
            !named_inside(a, s, u, next) &&
            /* a company's first word, its legal form a few words on
             * (Coral Reach Resorts Pvt Ltd beside "the coral") */
            !(next && cap_word(next) && !(next->brk & (BRK_PUNCT | BRK_LINE | BRK_SENT)) &&
              legal_ahead(a, s, next)) &&
            /* nor an institution's word before "of"/"for" and a
             * capitalised word (Ministry of Agriculture figures show,
             * beside "ministry figures") */
            !((bits & BYL_W_ORG) && next && next + 1 < a->units + a->nunits && next->type == UT_WORD &&
              !(next->brk & (BRK_PUNCT | BRK_LINE | BRK_SENT)) &&
              ((next->end - next->start == 2 && !memcmp(s + next->start, "of", 2)) ||
               (next->end - next->start == 3 && !memcmp(s + next->start, "for", 3))) &&
              cap_word(next + 1) && !(next[1].brk & (BRK_PUNCT | BRK_LINE | BRK_SENT)))) {
            role = -1; /* a common word that starts a sentence (Including) */
            carry = next && next->start == u->end + 1 && s[u->end] == ' ' && cap_word(next);
        }
        if (role == RW_NAME)
            shape = word_shape(s, u);
    } else if (a->nrun > 0) {
        const struct runword *p = &a->run[a->nrun - 1];
        if (bits & BYL_W_PARTICLE)
            role = RW_PARTICLE;
        else if ((bits & BYL_W_OF) && p->role == RW_NAME && !p->poss &&
                 ((byl_word_roles(p->w, p->len) & BYL_W_ORG) || run_has(a, RW_OF) ||
                  byl_word_in(BYL_WL_OFFICE_BODY, p->w, p->len) ||
                  (w->clen == 2 && !memcmp(w->canon, "of", 2) && !(u->brk & (BRK_PUNCT | BRK_LINE | BRK_SENT)) &&
                   next && cap_word(next) && !(next->brk & (BRK_PUNCT | BRK_LINE | BRK_SENT)) &&
                   !(byl_word_roles(p->w, p->len) & BYL_W_PLACE) && the_before(s, a->run[0].start))))
            role = RW_OF; /* also a second "of" (Centre of Excellence for Climate Extremes) */
        else if (w->clen == 3 && !memcmp(w->canon, "the", 3) && p->role == RW_OF &&
                 a->nrun >= 2 && ((p->len == 2 && !memcmp(p->w, "of", 2)) ||
                                  (p->len == 3 && !memcmp(p->w, "for", 3))) &&
                 !run_has_before(a, RW_OF))
            role = RW_OF; /* "of the", "for the" (Civil Aviation Authority of the
                           * Philippines, Hong Kong Society for the Aged); not
                           * after a second "of" (Department of Revenue of the Government) */
        else if ((bits & BYL_W_AND) && p->role == RW_NAME && !p->poss)
            role = RW_AND;
        else if (p->role == RW_NAME && !p->poss && !(u->brk & (BRK_PUNCT | BRK_SENT | BRK_PARA | BRK_LINE)) &&
                 accent_particle(s, u) && next && cap_word(next) &&
                 !(next->brk & (BRK_PUNCT | BRK_SENT | BRK_PARA | BRK_LINE)))
            role = RW_PARTICLE; /* Jógvan í Dalbø */
        else if (p->role == RW_NAME && !p->poss && !(u->brk & (BRK_PUNCT | BRK_SENT | BRK_PARA | BRK_LINE)) &&
                 place_inside(s, p, w, next))
            role = RW_PARTICLE; /* University of Dar es Salaam */
        else if (w->clen == 2 && w->canon[0] == 'i' && p->role == RW_NAME && !p->poss &&
                 !(u->brk & (BRK_PUNCT | BRK_SENT | BRK_PARA | BRK_LINE)) && members_in(a, s, p, w, next))
            role = RW_OF; /* Association for Renewable Producers in Bulgaria */
        else if (p->role == RW_NAME && !p->poss && !(u->brk & (BRK_PUNCT | BRK_SENT | BRK_PARA | BRK_LINE)) &&
                 w->clen <= 3 && byl_word_in(BYL_WL_LEGAL_CONNECTOR, w->canon, w->clen) && next && legal_ahead(a, s, next))
            role = RW_AND; /* Denizli Tekstil Sanayi ve Ticaret A.Ş. */
        else if (french_word(a, w, bits, next, s))
            role = RW_NAME; /* Conseil québécois du transport lourd */
        else if (p->role == RW_NAME && !p->poss && !(u->brk & (BRK_PUNCT | BRK_SENT | BRK_PARA | BRK_LINE)) &&
                 w->clen >= 4 && sentence_case_company(a, s, u, a->run[0].start))
            role = RW_NAME; /* Moravskoslezské energetické závody, a.s. */
    }
    if (role < 0) {
        if (carry)
            a->open_carry = (size_t)(next - a->units) + 1;
        /* one word before the office a person holds in it, and the
         * person: an organisation ("Fed Chair Jerome Powell", "Tesla CEO
         * Elon Musk"); not a ministry's subject ("Finance Minister", "Health
         * Secretary": no office of a firm) */
        if (a->nrun == 1 && a->run[0].role == RW_NAME && !(u->brk & (BRK_PUNCT | BRK_LINE)) &&
            (capital || (u->flags & F_CAPSWORD)) && office_word(w->canon, w->clen) && next &&
            next->type == UT_WORD && (next->flags & F_UPPER1) && !(next->brk & (BRK_PUNCT | BRK_LINE)))
            a->run[0].said = 1;
        /* an adjective before a title, and the holder's name: a word of
         * the title ("Judicial Member Raj Kumar", "Regional Director Jane
         * Roe"): written in lower case elsewhere in the text, or of an
         * adjective's ending (-al, -ic, -ive, -ary); not a party or a
         * firm ("Labour TD Ged Nash", "Tesla CEO Elon Musk") */
        const struct runword *q = a->nrun ? &a->run[a->nrun - 1] : NULL;
        if (q && q->role == RW_NAME && (a->nrun == 1 || a->run[a->nrun - 2].role >= RW_AND) && capital &&
            (bits & BYL_W_TITLE) && !(bits & BYL_W_OFFICE) && !(u->brk & (BRK_PUNCT | BRK_LINE)) && next &&
            cap_word(next) && !(next->brk & (BRK_PUNCT | BRK_LINE | BRK_SENT)) &&
            (adjective(q->w, q->len) || byl_context_low_has(a, q->w, q->len))) {
            a->nrun--; /* and, in a list, the connector before it ends the run */
            byl_entity_run_end(a);
            return;
        }
        /* one word between two titles' words is a title's too ("Chief
         * Regulatory Officer", "Chief Operating Officer"), not a name */
        if (a->nrun == 1 && a->run[0].role == RW_NAME && capital && (bits & BYL_W_TITLE) &&
            !(u->brk & (BRK_PUNCT | BRK_LINE)) && title_before(s, a->run[0].start)) {
            a->nrun = 0;
            return;
        }
        a->run_suffix = capital && (bits & BYL_W_SUFFIX) && !(u->brk & (BRK_PUNCT | BRK_LINE));
        byl_entity_run_end(a);
        return;
    }
    if ((u->brk & BRK_AMP) && !(u->brk & BRK_PUNCT) && a->nrun > 0 && role == RW_NAME &&
        a->nrun < MAX_RUN) {
        struct runword *r = &a->run[a->nrun++];
        memset(r, 0, sizeof *r);
        r->role = RW_AMP; /* Procter & Gamble: no word of the key */
    } else if (u->brk & BRK_AMP) {
        byl_entity_run_end(a);
    }
    /* a period after a name word ends the name; after an initial it does
     * not (George W. Bush) */
    if (a->nrun == 0 && role == RW_NAME)
        a->run_portfolio = portfolio_before(s, u->start);
    run_add(a, u, w, role, shape, sent && a->nrun == 0);
    if (a->nrun == 1 && role == RW_NAME && !a->run_portfolio && a->portfolio_end)
        a->run_listed = list_goes_on(s, a->portfolio_end, u->start);
    if (defined && acronym && a->nrun > 0)
        a->run[a->nrun - 1].defined = 1;
    if (role == RW_NAME && (bits & BYL_W_ORG) && IN(fr_org, w->canon, w->clen))
        a->run_fr = 1;
    /* a verb of saying after it (Tesla says, Ausgrid warned); or, for a
     * word that opens a sentence, a possessive before a lower-case word
     * (Kestrel's managing director): a common word that opens a sentence
     * is seldom a possessive (Today's and Everyone's are stop words) */
    if (a->nrun > 0 && next && next->type == UT_WORD && !(next->brk & (BRK_PUNCT | BRK_LINE)) &&
        s[next->start] >= 'a' && s[next->start] <= 'z' &&
        ((byl_word_roles((const char *)s + next->start, next->end - next->start) & BYL_W_SAYS) ||
         (a->nrun == 1 && w->poss && !(byl_word_roles_ci(w->canon, w->clen) & BYL_W_BY_COMMON))))
        a->run[a->nrun - 1].said = 1;
    if (a->nrun == 1 && next && next->type == UT_WORD && appositive(s, w->wend, next) &&
        !(w->clen > 2 && w->canon[w->clen - 2] == 'l' && w->canon[w->clen - 1] == 'y') &&
        !(byl_word_roles_ci(w->canon, w->clen) & BYL_W_BY_COMMON))
        a->run[0].said = 1; /* "Safaricom, the country's largest company," */
    /* a plus sign glued to it is its writing, not a stop (OPEC+ meets,
     * Disney+ added) */
    int plus = next && next->start == w->wend + 2 && s[w->wend] == '+' && s[w->wend + 1] == ' ';
    if (a->nrun > 0 && next && next->type == UT_WORD &&
        (!(next->brk & (BRK_PUNCT | BRK_LINE)) || plus) && s[next->start] >= 'a' && s[next->start] <= 'z')
        a->run[a->nrun - 1].lowafter = 1;
    if ((u->flags & F_DOTAFTER) && role != RW_INITIAL) {
        if (a->nrun == 1 && role == RW_NAME && w->clen <= 4 && !(u->flags & F_CAPSWORD) && next &&
            next + 1 < a->units + a->nunits && cap_word(next) && cap_word(next + 1) &&
            !(next->brk & (BRK_LINE | BRK_PARA)) && !(next[1].brk & (BRK_PUNCT | BRK_LINE | BRK_PARA | BRK_SENT)))
            a->run[0].dot_title = 1;
        byl_entity_run_end(a);
    }
}


/* ---- entity keys ------------------------------------------------------------ */

/* A company's legal form that is no person's suffix (Jr.), for a key. */
static int is_legal_form(const char *w, size_t n)
{
    return (byl_word_roles(w, n) & BYL_W_SUFFIX) && !person_suffix(w, n);
}

size_t byl_entity_key(const char *const *words, const size_t *lens, size_t n,
                      char *out, size_t cap)
{
    if (!out || cap == 0)
        return 0;
    out[0] = '\0';
    if (n == 0 || !words || !lens)
        return 0;
    /* a company's legal form ends a name and is not part of it (the index
     * never puts Inc, Ltd or plc in a run), so name:"Acme Logistics Ltd"
     * and "Tallis Group plc" find the name as it is written in the text */
    while (n > 1 && is_legal_form(words[n - 1], lens[n - 1]) &&
           !(n == 2 && is_legal_form(words[0], lens[0])))
        n--;
    /* two words left of which the first alone is a form: the form goes all
     * the same, so that the key is the same in either order ("Sa Ss" once
     * kept both where "Ss Sa" kept one: fuzz_analyzer), and after a form
     * at the end went ("Sa Nordwerk Ltd" is "Sa Nordwerk") */
    if (n == 2 && is_legal_form(words[0], lens[0]) && !is_legal_form(words[1], lens[1])) {
        words++;
        lens++;
        n = 1;
    }
    size_t order[2] = {0, 1}, total = n - 1, k;
    for (k = 0; k < n; k++)
        total += lens[k];
    if (total + 1 > cap)
        return 0;
    if (n == 2) {
        /* two-word names are order-insensitive: Zhang Yiming = Yiming Zhang */
        size_t m = lens[0] < lens[1] ? lens[0] : lens[1];
        int c = memcmp(words[0], words[1], m);
        if (c > 0 || (c == 0 && lens[0] > lens[1])) {
            order[0] = 1;
            order[1] = 0;
        }
    }
    size_t o = 0;
    for (k = 0; k < n; k++) {
        size_t i = n == 2 ? order[k] : k;
        if (k > 0)
            out[o++] = ' ';
        memcpy(out + o, words[i], lens[i]);
        o += lens[i];
    }
    out[o] = '\0';
    return o;
}

