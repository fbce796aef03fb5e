/*
 * inverter.c - accumulates postings per term in memory, writes segments.
 *
 * Each distinct term (field byte + text) has a record with two small
 * growable byte strings: postings (vbyte doc gap, weighted tf, position
 * count per document) and positions (vbyte gaps within each document).
 * Terms are found through an open-addressing hash table; at flush they are
 * sorted by key and streamed to the segment writer.  Memory is counted as it
 * is allocated, so the budget is checked after every article in O(1).
 *
 * Not for: reading inputs, or knowing where segments live.
 */
#include "index/inverter.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "index/codec.h"
#include "index/fingerprint.h"
#include "index/format.h"
#include "index/idkey.h"
#include "index/segwriter.h"
#include "text/analyzer.h"
#include "util/bytes.h"
#include "util/err.h"
#include "util/mem.h"

#define NO_DOC UINT32_MAX
/* Postings and positions live in a pool of 1 MiB blocks, as chains of
 * slices that grow from 16 to 2048 bytes (each ending in a 4-byte address
 * of the next).  Memory is then the number of blocks, exactly; nothing is
 * reallocated, so nothing fragments, and the blocks are reused after a
 * flush.  Blocks are smaller (down to 64 KiB) under small budgets.
 * Addresses are 32-bit: the pool holds at most 4 GiB. */
#define NO_ADDR UINT32_MAX
static const uint32_t slice_size[] = {16, 32, 64, 128, 256, 512, 1024, 2048};
#define TOP_LEVEL 7

typedef struct stream {
    uint32_t start;      /* first slice, or NO_ADDR while empty */
    uint32_t cur;        /* next byte to write */
    uint32_t end;        /* where the current slice's next-address begins */
    uint32_t len;        /* bytes written */
    uint8_t level;
} stream;

typedef struct stream_reader {
    uint32_t cur, end, left;
    uint8_t level;
} stream_reader;

typedef struct term {
    uint32_t key_off;
    uint32_t key_len;
    uint32_t hash;
    uint32_t last_doc;   /* last document appended to post */
    uint32_t cur_doc;    /* document being accumulated, or NO_DOC */
    uint32_t cur_tf;     /* weighted frequency in cur_doc */
    uint32_t cur_npos;
    uint32_t cur_lastpos;
    uint32_t df;
    stream post;         /* per document: vbyte gap, tf, position count */
    stream pos;          /* per document: vbyte position gaps */
} term;

struct byl_inverter {
    int rc;
    byl_inverter_opts o;
    byl_analyzer *an;
    byl_segw *segw;            /* open segment, or NULL */
    char seg_path[4096];

    term *terms;
    uint32_t nterms, terms_cap;
    uint32_t *table;           /* slot -> term index + 1, 0 = empty */
    uint32_t table_cap;        /* power of two */
    byl_buf keys;
    uint32_t *touched;         /* terms seen in the current document */
    uint32_t ntouched, touched_cap;
    uint8_t **blocks;          /* the pool */
    unsigned shift;            /* log2 of its block size */
    uint32_t max_blocks;
    uint32_t nblocks;          /* allocated */
    uint32_t block;            /* in use */
    uint32_t block_off;        /* first free byte in it */

    byl_analyzed scratch;      /* byl_inverter_add's copy of an article */
    /* flush scratch */
    uint32_t *f_docs, *f_tfs, *f_npos, *f_pos;
    size_t f_cap, f_pos_cap;
};

static int fail(byl_inverter *inv, int rc)
{
    if (!inv->rc)
        inv->rc = rc;
    return inv->rc;
}

static uint32_t hash_key(const uint8_t *k, size_t n)
{
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < n; i++)
        h = (h ^ k[i]) * 1099511628211ull;
    return (uint32_t)(h ^ (h >> 32));
}

/* hash_key of the key field byte + text[0..n), without building it. */
static uint32_t hash_field_key(int field, const char *text, size_t n)
{
    uint64_t h = (1469598103934665603ull ^ (uint8_t)field) * 1099511628211ull;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (uint8_t)text[i]) * 1099511628211ull;
    return (uint32_t)(h ^ (h >> 32));
}

size_t byl_inverter_mem(const byl_inverter *inv)
{
    size_t docs = inv->segw ? (size_t)byl_segw_ndocs(inv->segw) * (BYL_DOC_REC + 16) : 0;
    /* blocks in use; those kept from an earlier segment are reused, not new */
    size_t used = inv->nblocks ? (size_t)inv->block + 1 : 0;
    /* what writing the segment will add on top: the sort entries (16
     * bytes a term, sort_entry), the front-coded dictionary (its keys and
     * 32 bytes of numbers a term) */
    size_t flush = (size_t)inv->nterms * 48 + inv->keys.len;
    return flush + used * (1u << inv->shift) + (size_t)inv->terms_cap * sizeof(term) +
           (size_t)inv->table_cap * 4 + inv->keys.cap + (size_t)inv->touched_cap * 4 + docs +
           BYL_STORE_BLOCK * 2;
}

/* Bytes an analyzed article holds (its buffers' capacities). */
static size_t analyzed_mem(const byl_analyzed *x)
{
    size_t n = x->text.cap;
    for (int f = 0; f < 4; f++)
        n += x->f[f].cap * sizeof(byl_token) + x->f[f].terms.cap;
    return n;
}

static inline uint8_t *at(const byl_inverter *inv, uint32_t addr)
{
    return inv->blocks[addr >> inv->shift] + (addr & ((1u << inv->shift) - 1));
}

/* Blocks of 1 MiB are allocated two at a time, as one 2 MiB huge page
 * (byl_malloc_huge): the pool was a third of a build's page faults, each
 * of them dear on a virtual machine.  The second block of a pair is
 * counted only once it is used, so the memory held may exceed
 * byl_inverter_mem by up to 1 MiB. */
#define POOL_PAIR_SHIFT 20

/* A slice of n bytes from the pool; NO_ADDR when out of memory. */
static uint32_t pool_alloc(byl_inverter *inv, uint32_t n)
{
    if (inv->nblocks == 0 || inv->block_off + n > (1u << inv->shift)) {
        uint32_t next = inv->nblocks == 0 ? 0 : inv->block + 1;
        if (next >= inv->max_blocks)
            return NO_ADDR;
        if (next == inv->nblocks) {
            uint8_t **b = byl_realloc(inv->blocks, (inv->nblocks + 1) * sizeof *b);
            if (!b)
                return NO_ADDR;
            inv->blocks = b;
            if (inv->shift == POOL_PAIR_SHIFT && inv->nblocks % 2 == 1) {
                b[inv->nblocks] = b[inv->nblocks - 1] + (1u << inv->shift);
            } else if (inv->shift == POOL_PAIR_SHIFT) {
                if (!(b[inv->nblocks] = byl_malloc_huge((size_t)2 << inv->shift)))
                    return NO_ADDR;
            } else if (!(b[inv->nblocks] = byl_malloc((1u << inv->shift)))) {
                return NO_ADDR;
            }
            inv->nblocks++;
        }
        inv->block = next;
        inv->block_off = 0;
    }
    uint32_t addr = (inv->block << inv->shift) | inv->block_off;
    inv->block_off += n;
    return addr;
}

static void stream_init(stream *st)
{
    memset(st, 0, sizeof *st);
    st->start = NO_ADDR;
}

static int stream_byte(byl_inverter *inv, stream *st, uint8_t b)
{
    if (st->start == NO_ADDR || st->cur == st->end) {
        uint8_t level = st->start == NO_ADDR ? 0 : (st->level < TOP_LEVEL ? st->level + 1 : TOP_LEVEL);
        uint32_t a = pool_alloc(inv, slice_size[level]);
        if (a == NO_ADDR)
            return fail(inv, byl_error_set(BYL_ENOMEM, "out of memory adding postings"));
        if (st->start == NO_ADDR)
            st->start = a;
        else
            byl_put_u32(at(inv, st->end), a);
        st->cur = a;
        st->end = a + slice_size[level] - 4;
        st->level = level;
    }
    *at(inv, st->cur) = b;
    st->cur++;
    st->len++;
    return BYL_OK;
}

static __attribute__((noinline)) int stream_vbyte_slow(byl_inverter *inv, stream *st,
                                                        uint64_t v)
{
    while (v >= 0x80) {
        if (stream_byte(inv, st, (uint8_t)(v | 0x80)))
            return inv->rc;
        v >>= 7;
    }
    return stream_byte(inv, st, (uint8_t)v);
}

/* Most numbers are one or two bytes and fit in the current slice: written
 * in place, inline (three calls per term and document, one per position:
 * as a call it was 70 M instructions of 5,000 Reuters articles). */
static inline int stream_vbyte(byl_inverter *inv, stream *st, uint64_t v)
{
    if (v < (1u << 14) && st->start != NO_ADDR && st->end - st->cur >= 2) {
        uint8_t *p = at(inv, st->cur);
        uint32_t n = 1;
        if (v >= 0x80) {
            *p++ = (uint8_t)(v | 0x80);
            v >>= 7;
            n = 2;
        }
        *p = (uint8_t)v;
        st->cur += n;
        st->len += n;
        return BYL_OK;
    }
    return stream_vbyte_slow(inv, st, v);
}

static void reader_init(stream_reader *r, const stream *st)
{
    r->cur = st->start;
    r->end = st->start == NO_ADDR ? NO_ADDR : st->start + slice_size[0] - 4;
    r->left = st->len;
    r->level = 0;
}

/* One byte of r (which has one left). */
static inline uint8_t reader_byte(const byl_inverter *inv, stream_reader *r)
{
    if (r->cur == r->end) {
        r->cur = byl_get_u32(at(inv, r->end));
        r->level = r->level < TOP_LEVEL ? r->level + 1 : TOP_LEVEL;
        r->end = r->cur + slice_size[r->level] - 4;
    }
    uint8_t c = *at(inv, r->cur);
    r->cur++;
    r->left--;
    return c;
}

static uint64_t reader_vbyte_slow(const byl_inverter *inv, stream_reader *r)
{
    uint64_t v = 0;
    for (unsigned shift = 0; r->left && shift < 64; shift += 7) {
        uint8_t c = reader_byte(inv, r);
        v |= (uint64_t)(c & 0x7f) << shift;
        if (!(c & 0x80))
            break;
    }
    return v;
}

/* Most numbers are one byte inside the current slice: read in place (two
 * million calls in a 5,000-article segment). */
static inline uint64_t reader_vbyte(const byl_inverter *inv, stream_reader *r)
{
    if (r->left && r->cur != r->end) {
        uint8_t c = *at(inv, r->cur);
        if (!(c & 0x80)) {
            r->cur++;
            r->left--;
            return c;
        }
    }
    return reader_vbyte_slow(inv, r);
}

/* Copies the next n numbers of r, as their bytes, to out; returns the
 * bytes.  A slice is contiguous (pool_alloc never splits one over two
 * blocks), so each run of it is scanned for the numbers' last bytes and
 * copied at once: a byte at a time through reader_byte, copying the
 * positions was the larger part of the decoding thread of a segment's
 * flush, the longest thread of a build's last tenth (perf, Reuters,
 * round 27). */
static size_t reader_copy_numbers(const byl_inverter *inv, stream_reader *r, uint64_t n,
                                  uint8_t *out)
{
    size_t o = 0;
    while (n && r->left) {
        if (r->cur == r->end) {
            r->cur = byl_get_u32(at(inv, r->end));
            r->level = r->level < TOP_LEVEL ? r->level + 1 : TOP_LEVEL;
            r->end = r->cur + slice_size[r->level] - 4;
        }
        const uint8_t *p = at(inv, r->cur);
        uint32_t avail = r->end - r->cur, j = 0;
        if (avail > r->left)
            avail = r->left;
        for (; j < avail && n; j++)
            n -= !(p[j] & 0x80);
        memcpy(out + o, p, j);
        o += j;
        r->cur += j;
        r->left -= j;
    }
    return o;
}

int byl_inverter_new(const byl_inverter_opts *o, byl_inverter **out)
{
    *out = NULL;
    byl_inverter *inv = byl_calloc(1, sizeof *inv);
    if (!inv)
        return byl_error_set(BYL_ENOMEM, "out of memory creating inverter");
    inv->o = *o;
    inv->shift = 20;
    while (inv->shift > 16 && ((size_t)1 << inv->shift) * 16 > o->mem_budget)
        inv->shift--;
    inv->max_blocks = (uint32_t)((1ull << (32 - inv->shift)) - 1);
    if (!inv->o.title_weight)
        inv->o.title_weight = 1;
    byl_buf_init(&inv->keys);
    int rc = byl_analyzer_new(&inv->an);
    if (rc) {
        byl_inverter_free(inv);
        return rc;
    }
    byl_analyzer_set_names(inv->an, !o->no_names);
    *out = inv;
    return BYL_OK;
}

static int grow_table(byl_inverter *inv)
{
    uint32_t cap = inv->table_cap ? inv->table_cap * 2 : 1024;
    /* probed all over from the first term on: huge pages (page faults) */
    uint32_t *t = byl_malloc_huge((size_t)cap * sizeof *t);
    if (t)
        memset(t, 0, (size_t)cap * sizeof *t);
    if (!t)
        return fail(inv, byl_error_set(BYL_ENOMEM, "out of memory growing the term table"));
    for (uint32_t i = 0; i < inv->nterms; i++) {
        uint32_t s = inv->terms[i].hash & (cap - 1);
        while (t[s])
            s = (s + 1) & (cap - 1);
        t[s] = i + 1;
    }
    byl_free(inv->table);
    inv->table = t;
    inv->table_cap = cap;
    return BYL_OK;
}

/* Finds or creates the term for key, whose hash_key is h; returns its
 * index or -1. */
static long find_term(byl_inverter *inv, const uint8_t *key, size_t n, uint32_t h)
{
    if ((inv->nterms + 1) * 2 > inv->table_cap && grow_table(inv))
        return -1;
    uint32_t mask = inv->table_cap - 1, s = h & mask;
    for (;;) {
        uint32_t e = inv->table[s];
        if (!e)
            break;
        term *t = &inv->terms[e - 1];
        if (t->hash == h && t->key_len == n && memcmp(inv->keys.data + t->key_off, key, n) == 0)
            return (long)(e - 1);
        s = (s + 1) & mask;
    }
    if (inv->nterms == inv->terms_cap) {
        uint32_t cap = inv->terms_cap ? inv->terms_cap * 2 : 1024;
        term *nt = byl_realloc(inv->terms, (size_t)cap * sizeof *nt);
        if (!nt) {
            fail(inv, byl_error_set(BYL_ENOMEM, "out of memory adding a term"));
            return -1;
        }
        inv->terms = nt;
        inv->terms_cap = cap;
    }
    term *t = &inv->terms[inv->nterms];
    memset(t, 0, sizeof *t);
    t->key_off = (uint32_t)inv->keys.len;
    t->key_len = (uint32_t)n;
    t->hash = h;
    t->cur_doc = NO_DOC;
    stream_init(&t->post);
    stream_init(&t->pos);
    byl_buf_put(&inv->keys, key, n);
    if (inv->keys.failed) {
        fail(inv, byl_error_set(BYL_ENOMEM, "out of memory adding a term"));
        return -1;
    }
    inv->table[s] = inv->nterms + 1;
    return (long)inv->nterms++;
}

static void add_key_hashed(byl_inverter *inv, const uint8_t *key, size_t keylen, uint32_t h,
                           uint32_t doc, uint32_t pos, uint32_t weight, int with_pos);

/* Records one occurrence of a whole term key. */
static void add_key(byl_inverter *inv, const uint8_t *key, size_t keylen, uint32_t doc,
                    uint32_t pos, uint32_t weight, int with_pos)
{
    add_key_hashed(inv, key, keylen, hash_key(key, keylen), doc, pos, weight, with_pos);
}

/* Records one occurrence of (field, term) at pos in document doc; hp: the
 * key's hash when the caller has it, else NULL. */
static void add_occurrence(byl_inverter *inv, int field, const char *text, size_t len,
                           const uint32_t *hp, uint32_t doc, uint32_t pos, uint32_t weight,
                           int with_pos)
{
    uint8_t key[BYL_MAX_KEY];
    if (inv->rc || len == 0 || len >= BYL_MAX_KEY)
        return;
    key[0] = (uint8_t)field;
    memcpy(key + 1, text, len);
    add_key_hashed(inv, key, len + 1, hp ? *hp : hash_field_key(field, text, len), doc, pos,
                   weight, with_pos);
}

/* add_key with the key's hash_key h. */
static void add_key_hashed(byl_inverter *inv, const uint8_t *key, size_t keylen, uint32_t h,
                           uint32_t doc, uint32_t pos, uint32_t weight, int with_pos)
{
    if (inv->rc)
        return;
    long ti = find_term(inv, key, keylen, h);
    if (ti < 0)
        return;
    term *t = &inv->terms[ti];
    if (t->cur_doc != doc) {
        if (inv->ntouched == inv->touched_cap) {
            uint32_t cap = inv->touched_cap ? inv->touched_cap * 2 : 256;
            uint32_t *nt = byl_realloc(inv->touched, cap * sizeof *nt);
            if (!nt) {
                fail(inv, byl_error_set(BYL_ENOMEM, "out of memory indexing an article"));
                return;
            }
            inv->touched = nt;
            inv->touched_cap = cap;
        }
        inv->touched[inv->ntouched++] = (uint32_t)ti;
        t->cur_doc = doc;
        t->cur_tf = 0;
        t->cur_npos = 0;
        t->cur_lastpos = 0;
    }
    t->cur_tf += weight;
    if (with_pos) {
        if (pos < t->cur_lastpos)
            pos = t->cur_lastpos; /* stacked forms never go backwards */
        stream_vbyte(inv, &t->pos, pos - t->cur_lastpos);
        t->cur_lastpos = pos;
        t->cur_npos++;
    }
}

/* Closes the current document for every term it touched. */
static void end_doc(byl_inverter *inv, uint32_t doc)
{
    for (uint32_t i = 0; i < inv->ntouched && !inv->rc; i++) {
        term *t = &inv->terms[inv->touched[i]];
        uint32_t gap = t->df ? doc - t->last_doc - 1 : doc;
        stream_vbyte(inv, &t->post, gap);
        stream_vbyte(inv, &t->post, t->cur_tf);
        stream_vbyte(inv, &t->post, t->cur_npos);
        t->last_doc = doc;
        t->df++;
        t->cur_doc = NO_DOC;
    }
    inv->ntouched = 0;
}

/* The first key of token t: field, or NAME for a name in the text, or -1
 * when it has none that add_occurrence would take. */
static int first_field(const byl_token *t, int field)
{
    if (t->kind == BYL_TOK_ENTITY)
        field = field == BYL_F_TEXT ? BYL_F_NAME : -1;
    if (t->term_len == 0 || t->term_len >= BYL_MAX_KEY)
        return -1;
    return field;
}

/* Prefetches, for the tokens ahead of the one being added, what adding
 * them will read: the table slot (8 tokens ahead), the term it holds (4
 * ahead), that term's key and the end of its position stream (2 ahead).
 * Each token's lookups would otherwise miss the caches one after another
 * (the table, the terms and the pool are larger than the caches; these
 * misses were the inverter's largest cost in perf samples).  Only hints:
 * find_term looks up again whatever a later insertion changed.  The first
 * key's hash, computed here, is handed to it. */
#define AHEAD 8
#define LA_RING (2 * AHEAD) /* token j's entries stay until it is added */
typedef struct {
    uint32_t hash[LA_RING]; /* by token index % LA_RING */
    uint32_t ent[LA_RING];  /* the table entry seen 4 tokens ahead */
    uint8_t has[LA_RING];   /* the token has a first key */
} lookahead;

static void look_at(const byl_inverter *inv, lookahead *la, const byl_token *tk,
                    const char *terms, int field, size_t j)
{
    size_t r = j % LA_RING;
    int f = first_field(&tk[j], field);
    la->has[r] = f >= 0;
    la->ent[r] = 0;
    if (f < 0)
        return;
    la->hash[r] = hash_field_key(f, terms + tk[j].term_off, tk[j].term_len);
    if (inv->table_cap)
        __builtin_prefetch(&inv->table[la->hash[r] & (inv->table_cap - 1)]);
}

static void prefetch_ahead(const byl_inverter *inv, lookahead *la, const byl_token *tk,
                           size_t nt, const char *terms, int field, size_t i)
{
    if (i + AHEAD < nt)
        look_at(inv, la, tk, terms, field, i + AHEAD);
    size_t j = i + AHEAD / 2;
    if (j < nt && la->has[j % LA_RING] && inv->table_cap) {
        uint32_t e = inv->table[la->hash[j % LA_RING] & (inv->table_cap - 1)];
        la->ent[j % LA_RING] = e;
        if (e && e - 1 < inv->nterms) {
            __builtin_prefetch(&inv->terms[e - 1]);
            __builtin_prefetch((const char *)&inv->terms[e - 1] + sizeof(term) - 1);
        }
    }
    j = i + AHEAD / 4;
    if (j < nt) {
        uint32_t e = la->ent[j % LA_RING];
        if (e && e - 1 < inv->nterms) {
            const term *t = &inv->terms[e - 1];
            __builtin_prefetch(inv->keys.data + t->key_off);
            if (t->pos.start != NO_ADDR)
                __builtin_prefetch(at(inv, t->pos.cur), 1);
        }
    }
}

/* Adds analyzed tokens of one field.  TEXT-field words go to `field` (and
 * to TITLE too when also_title), entities to NAME.  Returns the number of
 * (unstacked) positions used, and adds the counts to lens. */
static uint32_t index_tokens(byl_inverter *inv, const byl_token *tk, size_t nt,
                             const char *terms, int field, int also_title, uint32_t doc,
                             uint32_t base, uint32_t weight, uint32_t *lens, uint32_t *span)
{
    *span = 0;
    uint32_t count = 0;
    lookahead la;
    for (size_t j = 0; j < AHEAD && j < nt; j++)
        look_at(inv, &la, tk, terms, field, j);
    for (size_t i = 0; i < nt && !inv->rc; i++) {
        prefetch_ahead(inv, &la, tk, nt, terms, field, i);
        const uint32_t *hp = la.has[i % LA_RING] ? &la.hash[i % LA_RING] : NULL;
        const char *tt = terms + tk[i].term_off;
        if (tk[i].kind == BYL_TOK_ENTITY) {
            if (field == BYL_F_TEXT) {
                add_occurrence(inv, BYL_F_NAME, tt, tk[i].term_len, hp, doc, base + tk[i].pos,
                               1, 1);
                lens[BYL_F_NAME]++;
            }
            continue;
        }
        add_occurrence(inv, field, tt, tk[i].term_len, hp, doc, base + tk[i].pos, weight, 1);
        if (also_title)
            add_occurrence(inv, BYL_F_TITLE, tt, tk[i].term_len, NULL, doc, tk[i].pos, 1, 1);
        if (!(tk[i].flags & BYL_TOKF_STACKED))
            count++;
        if (tk[i].pos + 1 > *span)
            *span = tk[i].pos + 1;
    }
    return count;
}

/* One TAG term per distinct tag (one per line of a->tags), at the tag's
 * rank as position; the first BYL_MAX_TAGS only: past them the tags are
 * stored (and counted by --facet tag) but not searchable, which bounds
 * the quadratic check for repeats. */
#define BYL_MAX_TAGS 64
static void add_tags(byl_inverter *inv, const byl_article *a, uint32_t doc)
{
    uint8_t keys[BYL_MAX_TAGS][BYL_MAX_KEY];
    size_t kl[BYL_MAX_TAGS], n = 0;
    const char *p = a->tags, *end = a->tags ? a->tags + a->tags_len : NULL;
    while (p && p < end && n < BYL_MAX_TAGS) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
        kl[n] = byl_tagkey(p, len, keys[n]); /* a long tag hashed, as the query's */
        p += len + 1;
        if (!kl[n])
            continue;
        size_t j = 0;
        while (j < n && (kl[j] != kl[n] || memcmp(keys[j], keys[n], kl[n]) != 0))
            j++;
        if (j < n)
            continue; /* "Oil" and "oil": one term */
        add_key(inv, keys[n], kl[n], doc, (uint32_t)n, 1, 1);
        n++;
    }
}

/* The fields an article is analyzed in, in byl_analyzed order. */
static void article_fields(const byl_article *a, const char **s, size_t *n)
{
    s[0] = a->title, n[0] = a->title_len;
    s[1] = a->body, n[1] = a->body_len;
    s[2] = a->author, n[2] = a->author_len;
    s[3] = a->source, n[3] = a->source_len;
}

void byl_analyzed_init(byl_analyzed *x) { memset(x, 0, sizeof *x); }

size_t byl_analyzed_mem(const byl_analyzed *x) { return analyzed_mem(x); }

void byl_analyzed_reset(byl_analyzed *x)
{
    byl_buf_reset(&x->text);
    for (int f = 0; f < 4; f++) {
        byl_free(x->f[f].tok);
        byl_buf_reset(&x->f[f].terms);
    }
    byl_analyzed_init(x);
}

int byl_analyzed_copy(byl_analyzed *x, const byl_article *a)
{
    /* one buffer for the strings, each NUL-terminated */
    const char *src[7] = {a->id, a->title, a->body, a->author, a->source, a->url, a->tags};
    size_t len[7] = {a->id_len,     a->title_len, a->body_len, a->author_len,
                     a->source_len, a->url_len,   a->tags_len};
    x->text.len = 0;
    for (int i = 0; i < 7; i++) {
        byl_buf_put(&x->text, src[i], len[i]);
        byl_buf_put_u8(&x->text, 0);
    }
    if (x->text.failed) {
        x->text.failed = 0;
        return byl_error_set(BYL_ENOMEM, "out of memory copying an article");
    }
    const char *p = (const char *)x->text.data;
    const char **dst[7] = {&x->a.id,  &x->a.title, &x->a.body, &x->a.author,
                           &x->a.source, &x->a.url, &x->a.tags};
    size_t *dlen[7] = {&x->a.id_len, &x->a.title_len, &x->a.body_len, &x->a.author_len,
                       &x->a.source_len, &x->a.url_len, &x->a.tags_len};
    for (int i = 0; i < 7; i++) {
        *dst[i] = p;
        *dlen[i] = len[i];
        p += len[i] + 1;
    }
    x->a.date = a->date;
    x->a.file = a->file;
    x->a.line = a->line;
    return BYL_OK;
}

int byl_analyzed_run(byl_analyzed *x, byl_analyzer *an)
{
    const char *fs[4];
    size_t fn[4];
    article_fields(&x->a, fs, fn);
    for (int f = 0; f < 4; f++) {
        byl_analyzed_field *af = &x->f[f];
        af->ntok = 0;
        af->terms.len = 0;
        if (!fn[f])
            continue;
        const byl_token *tk;
        size_t nt;
        const char *terms;
        int rc = byl_analyze(an, fs[f], fn[f], BYL_AN_INDEX, &tk, &nt, &terms);
        if (rc)
            return rc;
        if (nt > af->cap) {
            byl_token *t = byl_realloc(af->tok, nt * sizeof *t);
            if (!t)
                return byl_error_set(BYL_ENOMEM, "out of memory copying an article");
            af->tok = t;
            af->cap = nt;
        }
        if (nt) /* a field of punctuation only ("@"): no tokens, tok may be NULL */
            memcpy(af->tok, tk, nt * sizeof *tk);
        af->ntok = nt;
        size_t tlen = nt ? tk[nt - 1].term_off + tk[nt - 1].term_len + 1 : 0;
        for (size_t i = 0; i < nt; i++)
            if (tk[i].term_off + tk[i].term_len + 1 > tlen)
                tlen = tk[i].term_off + tk[i].term_len + 1;
        byl_buf_put(&af->terms, terms, tlen);
        if (af->terms.failed) {
            af->terms.failed = 0;
            return byl_error_set(BYL_ENOMEM, "out of memory copying an article");
        }
    }
    byl_fp_compute(x->f[1].tok, x->f[1].ntok, (const char *)x->f[1].terms.data, x->fp);
    return BYL_OK;
}

int byl_analyzed_fill(byl_analyzed *x, byl_analyzer *an, const byl_article *a)
{
    int rc = byl_analyzed_copy(x, a);
    return rc ? rc : byl_analyzed_run(x, an);
}

static int flush(byl_inverter *inv);

/* The inverter's memory and the analyzed articles waiting for it. */
static size_t used_mem(const byl_inverter *inv)
{
    size_t out = inv->o.outside_mem ? inv->o.outside_mem(inv->o.ctx) : 0;
    return byl_inverter_mem(inv) + out + analyzed_mem(&inv->scratch);
}

int byl_inverter_make_room(byl_inverter *inv, size_t text)
{
    if (inv->rc)
        return inv->rc;
    if (inv->segw && byl_segw_ndocs(inv->segw) > 0 && text > BYL_LONG_ARTICLE / 4 &&
        used_mem(inv) + BYL_ARTICLE_COST * text > inv->o.mem_budget)
        return flush(inv);
    return BYL_OK;
}

static int open_segment(byl_inverter *inv)
{
    int rc = inv->o.namer(inv->o.ctx, inv->seg_path, sizeof inv->seg_path);
    if (rc)
        return fail(inv, rc);
    rc = byl_segw_new(inv->seg_path, inv->o.title_weight, &inv->segw);
    if (rc)
        return fail(inv, rc);
    return BYL_OK;
}

/* Inverts one article whose fields are already analyzed: tok/nt/terms per
 * field in byl_analyzed order (title, body, author, source). */
static int add_fields(byl_inverter *inv, const byl_article *a, const byl_token *const *tok,
                      const size_t *nt, const char *const *terms, const uint8_t *sketch)
{
    if (inv->rc)
        return inv->rc;
    /* A long article makes room first: while it is read, analyzed and
     * inverted it takes about BYL_ARTICLE_COST bytes per byte of text (the
     * parsed record, its tokens and their copy, its postings, its stored
     * text), which must fit beside what is held, or the segment is written
     * before it, not after. */
    if (byl_inverter_make_room(inv, a->title_len + a->body_len + a->author_len + a->source_len))
        return inv->rc;
    if (!inv->segw && open_segment(inv))
        return inv->rc;
    uint32_t doc = byl_segw_ndocs(inv->segw);
    uint32_t lens[BYL_NFIELDS] = {0};
    uint32_t span, w = inv->o.title_weight;

    uint32_t tlen = index_tokens(inv, tok[0], nt[0], terms[0], BYL_F_TEXT, 1, doc, 0, w, lens, &span);
    lens[BYL_F_TITLE] = tlen;
    uint32_t base = span ? span + BYL_TITLE_GAP : 0;
    uint32_t blen = index_tokens(inv, tok[1], nt[1], terms[1], BYL_F_TEXT, 0, doc, base, 1, lens, &span);
    lens[BYL_F_TEXT] = w * tlen + blen;
    lens[BYL_F_AUTHOR] =
        index_tokens(inv, tok[2], nt[2], terms[2], BYL_F_AUTHOR, 0, doc, 0, 1, lens, &span);
    lens[BYL_F_SOURCE] =
        index_tokens(inv, tok[3], nt[3], terms[3], BYL_F_SOURCE, 0, doc, 0, 1, lens, &span);
    if (a->id_len) {
        /* every id gets a key, a long one a hashed key (idkey.h) */
        uint8_t key[BYL_MAX_KEY];
        add_key(inv, key, byl_idkey(a->id, a->id_len, key), doc, 0, 1, 0);
        lens[BYL_F_ID] = 1;
    }
    add_tags(inv, a, doc);
    end_doc(inv, doc);
    if (inv->rc)
        return inv->rc;

    byl_stored st = {
        .id = a->id, .id_len = a->id_len, .title = a->title, .title_len = a->title_len,
        .author = a->author, .author_len = a->author_len, .source = a->source,
        .source_len = a->source_len, .url = a->url, .url_len = a->url_len,
        .body = a->body, .body_len = a->body_len, .tags = a->tags, .tags_len = a->tags_len,
        .date = a->date};
    int rc = byl_segw_add_doc(inv->segw, &st, lens);
    if (!rc)
        rc = byl_segw_set_fingerprint(inv->segw, sketch);
    if (rc)
        return fail(inv, rc);
    if (used_mem(inv) > inv->o.mem_budget || byl_segw_ndocs(inv->segw) == UINT32_MAX - 1)
        return flush(inv);
    return BYL_OK;
}

int byl_inverter_add_analyzed(byl_inverter *inv, const byl_analyzed *x)
{
    const byl_token *tok[4];
    size_t nt[4];
    const char *terms[4];
    for (int f = 0; f < 4; f++) {
        tok[f] = x->f[f].tok;
        nt[f] = x->f[f].ntok;
        terms[f] = (const char *)x->f[f].terms.data;
    }
    return add_fields(inv, &x->a, tok, nt, terms, x->fp);
}

int byl_inverter_add(byl_inverter *inv, const byl_article *a)
{
    if (inv->rc)
        return inv->rc;
    /* the analyzer reuses its buffers at every call, so the fields are
     * analyzed into a copy first */
    int rc = byl_analyzed_fill(&inv->scratch, inv->an, a);
    if (rc)
        return fail(inv, rc);
    rc = byl_inverter_add_analyzed(inv, &inv->scratch);
    /* a long article leaves the buffers long: let them go */
    if (a->body_len + a->title_len > BYL_LONG_ARTICLE) {
        byl_analyzer_trim(inv->an);
        byl_analyzed_reset(&inv->scratch);
    }
    return rc;
}

static int cmp_terms(const void *pa, const void *pb, void *ctx)
{
    const byl_inverter *sort_ctx = ctx;
    const term *a = &sort_ctx->terms[*(const uint32_t *)pa];
    const term *b = &sort_ctx->terms[*(const uint32_t *)pb];
    const uint8_t *ka = sort_ctx->keys.data + a->key_off, *kb = sort_ctx->keys.data + b->key_off;
    return byl_key_cmp(ka, a->key_len, kb, b->key_len);
}

/* The sort of a segment's terms compares the first eight bytes of the
 * keys as one number, kept beside the term's index, and reads the keys
 * themselves only on a tie: each full comparison was two cache misses
 * into the key buffer. */
typedef struct {
    uint64_t prefix; /* the first 8 key bytes, big-endian, zero-padded */
    uint32_t idx;
} sort_entry;

static uint64_t key_prefix(const uint8_t *k, size_t n)
{
    uint64_t v = 0;
    for (size_t i = 0; i < 8; i++)
        v = v << 8 | (i < n ? k[i] : 0);
    return v;
}

/* The order of byl_key_cmp: where two prefixes differ, the keys differ
 * at that byte the same way, or the one that ended there (padded with 0)
 * is the shorter and sorts first. */
static int cmp_sort_entries(const void *pa, const void *pb, void *ctx)
{
    const sort_entry *a = pa, *b = pb;
    if (a->prefix != b->prefix)
        return a->prefix < b->prefix ? -1 : 1;
    uint32_t ia = a->idx, ib = b->idx;
    return cmp_terms(&ia, &ib, ctx);
}

/* Sorts se[0..n) as cmp_sort_entries does: a radix sort of the prefixes,
 * least significant byte first (a pass is skipped where every entry has
 * the same byte: the field byte, mostly), then each run of equal prefixes
 * by the whole keys.  qsort_r's comparisons through a function pointer
 * were 39 M instructions of 5,000 Reuters articles' flush, on one thread
 * while the other waited.  tmp holds n entries (qsort_r's merge sort
 * took the same).  Keys are distinct, so the order is the one qsort_r
 * gave. */
static void sort_entries(sort_entry *se, sort_entry *tmp, size_t n, byl_inverter *inv)
{
    sort_entry *a = se, *b = tmp;
    for (int shift = 0; shift < 64; shift += 8) {
        size_t count[256] = {0};
        for (size_t i = 0; i < n; i++)
            count[(a[i].prefix >> shift) & 0xff]++;
        if (n == 0 || count[(a[0].prefix >> shift) & 0xff] == n)
            continue;
        size_t at = 0;
        for (int d = 0; d < 256; d++) {
            size_t c = count[d];
            count[d] = at;
            at += c;
        }
        for (size_t i = 0; i < n; i++)
            b[count[(a[i].prefix >> shift) & 0xff]++] = a[i];
        sort_entry *t = a;
        a = b;
        b = t;
    }
    if (a != se)
        memcpy(se, a, n * sizeof *se);
    for (size_t i = 0; i < n;) {
        size_t j = i + 1;
        while (j < n && se[j].prefix == se[i].prefix)
            j++;
        if (j - i > 1)
            qsort_r(se + i, j - i, sizeof *se, cmp_sort_entries, inv);
        i = j;
    }
}

static int ensure_u32(uint32_t **p, size_t *cap, size_t need)
{
    if (need <= *cap)
        return 0;
    size_t ncap = *cap ? *cap : 1024;
    while (ncap < need)
        ncap *= 2;
    uint32_t *n = byl_realloc(*p, ncap * sizeof *n);
    if (!n)
        return -1;
    *p = n;
    *cap = ncap;
    return 0;
}

/* Reads document i's entry of a term's post stream (the gap from the
 * document before, *prev, its tf and its count of positions) into docs[i]
 * and tfs[i]; returns the count. */
static inline uint64_t post_entry(const byl_inverter *inv, stream_reader *p, uint32_t i,
                                  uint32_t *prev, uint32_t *docs, uint32_t *tfs)
{
    uint64_t gap = reader_vbyte(inv, p);
    uint64_t tf = reader_vbyte(inv, p);
    uint64_t n = reader_vbyte(inv, p);
    *prev = i ? *prev + 1 + (uint32_t)gap : (uint32_t)gap;
    docs[i] = *prev;
    tfs[i] = tf ? (uint32_t)tf : 1;
    return n;
}

/* Decodes term t's streams: docs, tfs and npos get t->df numbers each, pos
 * the positions (at most t->pos.len: every gap takes a byte at least).
 * Reads the pool only, so another thread may decode while this one
 * writes.  Returns the number of positions. */
static size_t decode_term(const byl_inverter *inv, const term *t, uint32_t *docs, uint32_t *tfs,
                          uint32_t *npos, uint32_t *pos)
{
    stream_reader p, q;
    reader_init(&p, &t->post);
    reader_init(&q, &t->pos);
    size_t np = 0, room = t->pos.len;
    uint32_t prev = 0;
    for (uint32_t i = 0; i < t->df; i++) {
        uint64_t n = post_entry(inv, &p, i, &prev, docs, tfs);
        if (n > room - np) /* never, unless the pool is damaged */
            n = room - np;
        npos[i] = (uint32_t)n;
        uint32_t last = 0;
        for (uint64_t k = 0; k < n; k++) {
            last += (uint32_t)reader_vbyte(inv, &q);
            pos[np++] = last;
        }
    }
    return np;
}


/* Decodes term t's documents into docs and tfs (t->df each) and writes its
 * positions as the segment holds them into penc (byl_segw_add_term_coded:
 * per document its count, then its gaps, copied from the pool's stream,
 * which holds them as vbytes from the document's start already), the
 * offset of each block's first document in pblock.  penc has room for
 * t->pos.len + 5 * t->df bytes.  Reads the pool only.  Returns the bytes
 * written. */
static size_t code_term(const byl_inverter *inv, const term *t, uint32_t *docs, uint32_t *tfs,
                        uint32_t *pblock, uint8_t *penc)
{
    stream_reader p, q;
    reader_init(&p, &t->post);
    reader_init(&q, &t->pos);
    size_t o = 0;
    uint32_t prev = 0;
    for (uint32_t i = 0; i < t->df; i++) {
        uint64_t n = post_entry(inv, &p, i, &prev, docs, tfs);
        if (i % BYL_BLOCK == 0)
            pblock[i / BYL_BLOCK] = (uint32_t)o;
        if (n > q.left) /* never, unless the pool is damaged (as decode_term) */
            n = q.left;
        o += byl_vbyte_put(penc + o, (uint32_t)n);
        o += reader_copy_numbers(inv, &q, n, penc + o);
    }
    return o;
}

/* Decodes one term's buffers and hands them to the segment writer. */
static int write_term(byl_inverter *inv, term *t)
{
    size_t cap = inv->f_cap;
    if (t->df > cap) {
        size_t c1 = cap, c2 = cap, c3 = cap;
        if (ensure_u32(&inv->f_docs, &c1, t->df) || ensure_u32(&inv->f_tfs, &c2, t->df) ||
            ensure_u32(&inv->f_npos, &c3, t->df))
            return fail(inv, byl_error_set(BYL_ENOMEM, "out of memory writing a segment"));
        inv->f_cap = c1;
    }
    if (ensure_u32(&inv->f_pos, &inv->f_pos_cap, t->pos.len ? t->pos.len : 1))
        return fail(inv, byl_error_set(BYL_ENOMEM, "out of memory writing a segment"));
    decode_term(inv, t, inv->f_docs, inv->f_tfs, inv->f_npos, inv->f_pos);
    return byl_segw_add_term(inv->segw, inv->keys.data + t->key_off, t->key_len, t->df,
                             inv->f_docs, inv->f_tfs, inv->f_npos, inv->f_pos);
}

/* Writing a segment's postings on two threads.  Decoding the pool's
 * streams and encoding them for the segment were about 70 M and 124 M
 * instructions of the 254 M of the last flush of 5,000 Reuters articles
 * (callgrind), on one thread while the other core had nothing to do: a
 * decoding thread now fills one batch of terms, in key order, while the
 * flushing thread writes the other.  The segment writer is called in the
 * same order with the same arrays, so the segment is the same.
 *
 * A batch is an arena of u32: per term its docs and tfs (df each), the
 * offsets of its blocks' positions, then its positions as the segment
 * holds them (code_term: the pool's gaps copied, not decoded and written
 * again; their bytes are the stream's, and a count before each document's).
 * The writing thread takes the term's key and length from the batch.
 * Terms are added until the arena holds FB_TARGET numbers; a term larger
 * than that goes alone into an arena grown to fit it.  The two arenas are
 * the memory this adds over one thread: at most 2 * max(FB_TARGET, the
 * largest term) numbers, where one thread keeps one largest term. */
#define FB_TARGET ((size_t)64 << 10)
/* Segments with fewer terms are written on one thread: a thread costs
 * more than it saves there. */
#define FB_MIN_TERMS 256

typedef struct fbatch {
    uint32_t *u;      /* the arena */
    size_t cap;
    uint32_t *ent;    /* per term: its place in order, arena offset, positions */
    size_t ent_cap;
    uint32_t n;       /* terms in the batch */
    int full;         /* guarded by the flusher's mu: the writer's turn */
    int rc;           /* BYL_ENOMEM: decoding failed here */
} fbatch;

typedef struct flusher {
    const byl_inverter *inv;
    const uint32_t *order;
    uint32_t nterms;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    int stop;         /* guarded by mu: the writer failed */
    fbatch b[2];
} flusher;

/* What a batch holds per term in ent: */
enum { FB_ORDER, FB_AT, FB_PLEN, FB_KEY_OFF, FB_KEY_LEN, FB_DF, FB_ENT };

/* Numbers term t takes in a batch's arena: docs, tfs, the blocks'
 * offsets, then its coded positions (code_term). */
static size_t fb_nblocks(size_t df) { return (df + BYL_BLOCK - 1) / BYL_BLOCK; }
static size_t fb_need(const term *t)
{
    return (size_t)2 * t->df + fb_nblocks(t->df) + (t->pos.len + (size_t)5 * t->df + 3) / 4;
}

/* Fills b with the terms of order from *next on (decoding thread). */
static int fb_fill(flusher *f, fbatch *b, uint32_t *next)
{
    const byl_inverter *inv = f->inv;
    size_t used = 0;
    b->n = 0;
    while (*next < f->nterms) {
        const term *t = &inv->terms[f->order[*next]];
        size_t need = fb_need(t);
        if (b->n > 0 && used + need > FB_TARGET)
            break;
        if (ensure_u32(&b->u, &b->cap, used + need) ||
            ensure_u32(&b->ent, &b->ent_cap, (size_t)FB_ENT * (b->n + 1)))
            return BYL_ENOMEM;
        uint32_t *d = b->u + used;
        size_t nb = fb_nblocks(t->df);
        size_t plen = code_term(inv, t, d, d + t->df, d + 2 * (size_t)t->df,
                                (uint8_t *)(d + 2 * (size_t)t->df + nb));
        /* the term's fields too: the writing thread reads nothing of the
         * terms array (its entries in key order are a cache miss each, a
         * tenth of the writing thread's time) */
        uint32_t *e = b->ent + (size_t)FB_ENT * b->n;
        e[FB_ORDER] = *next;
        e[FB_AT] = (uint32_t)used; /* < FB_TARGET + one term: a u32 */
        e[FB_PLEN] = (uint32_t)plen;
        e[FB_KEY_OFF] = t->key_off;
        e[FB_KEY_LEN] = t->key_len;
        e[FB_DF] = t->df;
        b->n++;
        used += need;
        (*next)++;
    }
    return BYL_OK;
}

static void *fb_decoder(void *arg)
{
    flusher *f = arg;
    uint32_t next = 0;
    for (int k = 0; next < f->nterms; k ^= 1) {
        fbatch *b = &f->b[k];
        pthread_mutex_lock(&f->mu);
        while (b->full && !f->stop)
            pthread_cond_wait(&f->cv, &f->mu);
        int stop = f->stop;
        pthread_mutex_unlock(&f->mu);
        if (stop)
            break;
        int rc = fb_fill(f, b, &next);
        pthread_mutex_lock(&f->mu);
        b->rc = rc;
        b->full = 1;
        pthread_cond_broadcast(&f->cv);
        pthread_mutex_unlock(&f->mu);
        if (rc)
            break;
    }
    return NULL;
}

/* Writes the terms of order through the decoding thread; *started is 0
 * if that thread could not be started (nothing was written then). */
static int write_terms_2(byl_inverter *inv, const uint32_t *order, int *started)
{
    flusher f;
    memset(&f, 0, sizeof f);
    f.inv = inv;
    f.order = order;
    f.nterms = inv->nterms;
    pthread_mutex_init(&f.mu, NULL);
    pthread_cond_init(&f.cv, NULL);
    pthread_t th;
    int rc = BYL_OK;
    *started = pthread_create(&th, NULL, fb_decoder, &f) == 0;
    if (*started) {
        uint32_t done = 0;
        for (int k = 0; done < inv->nterms && !rc; k ^= 1) {
            fbatch *b = &f.b[k];
            pthread_mutex_lock(&f.mu);
            while (!b->full)
                pthread_cond_wait(&f.cv, &f.mu);
            pthread_mutex_unlock(&f.mu);
            if (b->rc) {
                rc = byl_error_set(BYL_ENOMEM, "out of memory writing a segment");
                break;
            }
            for (uint32_t j = 0; j < b->n && !rc; j++) {
                const uint32_t *e = b->ent + (size_t)FB_ENT * j;
                size_t df = e[FB_DF], nb = fb_nblocks(df);
                uint32_t *d = b->u + e[FB_AT];
                rc = byl_segw_add_term_coded(inv->segw, inv->keys.data + e[FB_KEY_OFF],
                                             e[FB_KEY_LEN], df, d, d + df, (uint8_t *)(d + 2 * df + nb),
                                             e[FB_PLEN], d + 2 * df);
            }
            done += b->n;
            pthread_mutex_lock(&f.mu);
            b->full = 0;
            if (rc)
                f.stop = 1;
            pthread_cond_broadcast(&f.cv);
            pthread_mutex_unlock(&f.mu);
        }
        pthread_join(th, NULL);
    }
    for (int k = 0; k < 2; k++) {
        byl_free(f.b[k].u);
        byl_free(f.b[k].ent);
    }
    pthread_mutex_destroy(&f.mu);
    pthread_cond_destroy(&f.cv);
    return rc;
}

static void reset_terms(byl_inverter *inv)
{
    /* the pool's blocks are kept for the next segment; the term arrays are
     * given back, or their capacity alone could fill the budget */
    inv->block = 0;
    inv->block_off = 0;
    inv->nterms = 0;
    byl_free(inv->terms);
    inv->terms = NULL;
    inv->terms_cap = 0;
    byl_free(inv->table);
    inv->table = NULL;
    inv->table_cap = 0;
    byl_buf_reset(&inv->keys);
}

static int flush(byl_inverter *inv)
{
    if (inv->rc || !inv->segw)
        return inv->rc;
    sort_entry *se = byl_malloc_huge((size_t)(inv->nterms ? inv->nterms : 1) * sizeof *se);
    if (!se)
        return fail(inv, byl_error_set(BYL_ENOMEM, "out of memory writing a segment"));
    for (uint32_t i = 0; i < inv->nterms; i++) {
        const term *t = &inv->terms[i];
        se[i].prefix = key_prefix(inv->keys.data + t->key_off, t->key_len);
        se[i].idx = i;
    }
    sort_entry *tmp = byl_malloc((size_t)(inv->nterms ? inv->nterms : 1) * sizeof *tmp);
    if (!tmp) {
        byl_free(se);
        return fail(inv, byl_error_set(BYL_ENOMEM, "out of memory writing a segment"));
    }
    sort_entries(se, tmp, inv->nterms, inv);
    byl_free(tmp);
    /* the order, in place over the entries (index i is read before it is
     * overwritten: 4 * i < 16 * i + 8) */
    uint32_t *order = (uint32_t *)se;
    for (uint32_t i = 0; i < inv->nterms; i++)
        order[i] = se[i].idx;
    int rc = BYL_OK, two = 0;
    if (inv->o.threads > 1 && inv->nterms >= FB_MIN_TERMS)
        rc = write_terms_2(inv, order, &two);
    if (!two) { /* one thread, or a second could not be started */
        for (uint32_t i = 0; i < inv->nterms && !rc; i++)
            rc = write_term(inv, &inv->terms[order[i]]);
    }
    byl_free(order);
    if (!rc)
        rc = byl_segw_finish(inv->segw);
    if (rc)
        return fail(inv, rc);
    uint32_t ndocs = byl_segw_ndocs(inv->segw);
    byl_segw_free(inv->segw);
    inv->segw = NULL;
    reset_terms(inv);
    rc = inv->o.done ? inv->o.done(inv->o.ctx, inv->seg_path, ndocs) : BYL_OK;
    return rc ? fail(inv, rc) : BYL_OK;
}

int byl_inverter_finish(byl_inverter *inv)
{
    if (inv->rc)
        return inv->rc;
    return flush(inv);
}

void byl_inverter_free(byl_inverter *inv)
{
    if (!inv)
        return;
    byl_segw_free(inv->segw);
    reset_terms(inv);
    byl_free(inv->terms);
    byl_free(inv->table);
    byl_buf_reset(&inv->keys);
    byl_free(inv->touched);
    byl_free(inv->f_docs);
    byl_free(inv->f_tfs);
    byl_free(inv->f_npos);
    byl_free(inv->f_pos);
    byl_analyzer_free(inv->an);
    byl_analyzed_reset(&inv->scratch);
    for (uint32_t i = 0; i < inv->nblocks; i++)
        if (inv->shift != POOL_PAIR_SHIFT || i % 2 == 0) /* a pair's second is inside the first */
            byl_free(inv->blocks[i]);
    byl_free(inv->blocks);
    byl_free(inv);
}
