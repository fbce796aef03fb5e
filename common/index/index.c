/*
 * index.c - the writer and the reader of an index directory: the lock, the
 * indexing pipeline, id resolution, deletions, merging, and the segment set
 * a reader opens.
 * Not for: the MANIFEST's bytes (manifest.c), rebuilding a lost byl_manifest
 * (repair.c), what is inside a segment (segment.c, segwriter.c).
 */
#include "index/index.h"

#include <dirent.h>
#include <pthread.h>
#include <stdatomic.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "index/deletes.h"
#include "index/idkey.h"
#include "index/_manifest.h"
#include "index/inverter.h"
#include "index/lock.h"
#include "util/bytes.h"
#include "util/durable.h"
#include "util/err.h"
#include "util/mem.h"

/* ---- writer ---- */

/* The analysis/inversion pipeline: the caller's thread reads and analyzes
 * articles into slots of a ring; a worker thread inverts them and
 * compresses the stored text.  The ring is small, so memory stays bounded
 * and the inverter's budget still holds. */
#define RING 8

typedef struct pipeline {
    pthread_t thread;
    pthread_mutex_t mu;
    pthread_cond_t not_empty, not_full;
    byl_analyzed slot[RING];
    size_t head, count;        /* guarded by mu */
    int closing;               /* guarded by mu */
    int rc;                    /* guarded by mu: the worker's first error */
    char msg[1024];            /* its message (messages are per thread) */
    byl_analyzer *an;          /* the caller's analyzer */
    byl_inverter *inv;         /* used by the worker only, until joined */
    _Atomic size_t mem;        /* the inverter's memory, for progress */
    _Atomic size_t ring_mem;   /* bytes the slots hold (the inverter's
                                  budget leaves room for them) */
    size_t slot_mem[RING];     /* each slot's share of it */
    size_t ring_limit;         /* slots wait past this, unless empty */
} pipeline;

/* An analyzed long article leaves its slot's buffers large: they are freed
 * once inverted, so that eight slots never keep eight long articles. */
#define SLOT_KEEP ((size_t)2 << 20)

/* Records slot i's new size in ring_mem. */
static void slot_account(pipeline *p, size_t i)
{
    size_t now = byl_analyzed_mem(&p->slot[i]);
    if (now >= p->slot_mem[i])
        atomic_fetch_add(&p->ring_mem, now - p->slot_mem[i]);
    else
        atomic_fetch_sub(&p->ring_mem, p->slot_mem[i] - now);
    p->slot_mem[i] = now;
}

static void *pipeline_main(void *arg)
{
    pipeline *p = arg;
    pthread_mutex_lock(&p->mu);
    for (;;) {
        while (p->count == 0 && !p->closing)
            pthread_cond_wait(&p->not_empty, &p->mu);
        if (p->count == 0)
            break;
        byl_analyzed *x = &p->slot[p->head];
        int failed = p->rc != 0;
        pthread_mutex_unlock(&p->mu);
        int rc = failed ? BYL_OK : byl_inverter_add_analyzed(p->inv, x);
        atomic_store_explicit(&p->mem, byl_inverter_mem(p->inv), memory_order_relaxed);
        pthread_mutex_lock(&p->mu);
        if (p->slot_mem[p->head] > SLOT_KEEP) {
            byl_analyzed_reset(x);
            slot_account(p, p->head);
        }
        if (rc && !p->rc) {
            p->rc = rc;
            snprintf(p->msg, sizeof p->msg, "%s", byl_error_msg());
        }
        p->head = (p->head + 1) % RING;
        p->count--;
        pthread_cond_signal(&p->not_full);
    }
    pthread_mutex_unlock(&p->mu);
    return NULL;
}

/* Surfaces the worker's error on the caller's thread. */
static int pipeline_error(pipeline *p)
{
    pthread_mutex_lock(&p->mu);
    int rc = p->rc;
    if (rc)
        byl_error_set(rc, "%s", p->msg);
    pthread_mutex_unlock(&p->mu);
    return rc;
}

static int pipeline_add(pipeline *p, const byl_article *a)
{
    /* what analysing it will take, about (docs/PERFORMANCE.md: 16 bytes of
     * tokens and terms per byte of text) */
    size_t text = a->title_len + a->body_len + a->author_len + a->source_len;
    size_t need = 16 * text;
    int is_long = text > BYL_LONG_ARTICLE / 4;
    pthread_mutex_lock(&p->mu);
    while ((p->count == RING || (is_long && p->count > 0) ||
            (p->count > 0 && atomic_load(&p->ring_mem) + need > p->ring_limit)) && !p->rc)
        pthread_cond_wait(&p->not_full, &p->mu);
    if (is_long && !p->rc) {
        /* The ring is empty and the worker waits for it: the inverter is
         * ours for a moment, to make room before the analysis takes it. */
        int rc = byl_inverter_make_room(p->inv, text);
        if (rc && !p->rc) {
            p->rc = rc;
            snprintf(p->msg, sizeof p->msg, "%s", byl_error_msg());
        }
    }
    int rc = p->rc;
    size_t at = (p->head + p->count) % RING;
    pthread_mutex_unlock(&p->mu);
    if (rc)
        return pipeline_error(p);
    /* the worker never touches slots past head + count */
    rc = byl_analyzed_fill(&p->slot[at], p->an, a);
    if (need > 16 * BYL_LONG_ARTICLE)
        byl_analyzer_trim(p->an); /* its output was copied into the slot */
    pthread_mutex_lock(&p->mu);
    slot_account(p, at);
    if (rc) {
        pthread_mutex_unlock(&p->mu);
        return rc;
    }
    p->count++;
    pthread_cond_signal(&p->not_empty);
    pthread_mutex_unlock(&p->mu);
    return BYL_OK;
}

/* Lets the worker drain the ring and stop; returns its error. */
static int pipeline_close(pipeline *p)
{
    pthread_mutex_lock(&p->mu);
    p->closing = 1;
    pthread_cond_signal(&p->not_empty);
    pthread_mutex_unlock(&p->mu);
    pthread_join(p->thread, NULL);
    return pipeline_error(p);
}

static void pipeline_free(pipeline *p)
{
    if (!p)
        return;
    for (int i = 0; i < RING; i++)
        byl_analyzed_reset(&p->slot[i]);
    byl_analyzer_free(p->an);
    pthread_mutex_destroy(&p->mu);
    pthread_cond_destroy(&p->not_empty);
    pthread_cond_destroy(&p->not_full);
    byl_free(p);
}

static int pipeline_new(byl_inverter *inv, int names, size_t ring_limit, pipeline **out)
{
    *out = NULL;
    pipeline *p = byl_calloc(1, sizeof *p);
    if (!p)
        return byl_error_set(BYL_ENOMEM, "out of memory starting the indexing thread");
    p->inv = inv;
    p->ring_limit = ring_limit;
    pthread_mutex_init(&p->mu, NULL);
    pthread_cond_init(&p->not_empty, NULL);
    pthread_cond_init(&p->not_full, NULL);
    int rc = byl_analyzer_new(&p->an);
    if (rc) {
        pipeline_free(p);
        return rc;
    }
    byl_analyzer_set_names(p->an, names);
    if (pthread_create(&p->thread, NULL, pipeline_main, p)) {
        pipeline_free(p);
        return byl_error_set(BYL_ENOMEM, "cannot start the indexing thread");
    }
    *out = p;
    return BYL_OK;
}

struct byl_index_writer {
    char *dir;
    int lock_fd;
    byl_index_opts o;
    byl_manifest old;         /* what MANIFEST named when we started */
    byl_manifest cur;         /* what we will commit */
    uint32_t nold;        /* cur.segs[0..nold) were committed before */
    uint32_t seq;         /* segments created by this writer */
    byl_inverter *inv;
    pipeline *pipe;       /* NULL when single-threaded */
    uint64_t added;
    uint64_t deleted;     /* documents marked deleted (deletes, replaces) */
    int locked;           /* we hold LOCK */
    int known;            /* `old` accounts for every file of ours in the
                             directory: only then may files be removed */
    int merging;          /* byl_index_writer_merge ran */
    int committed;
};

/* Skips a run of digits at *p; 1 if there was one. */
static int digits(const char **p)
{
    const char *s = *p;
    while (**p >= '0' && **p <= '9')
        (*p)++;
    return *p > s;
}

/* Whether name is one a writer makes: "G-S.seg" (a segment), "G-S.seg.G.del"
 * (deletions), "G-S.seg.pos" and "G-S.seg.store" (the segment writer's side
 * files), "G.clusters" and its ".tmp", "MANIFEST.tmp".  Exactly these: a
 * user's "notes.seg.txt" is not ours. */
static int is_our_file(const char *name)
{
    if (strcmp(name, "MANIFEST.tmp") == 0)
        return 1;
    const char *p = name;
    if (!digits(&p))
        return 0;
    if (strncmp(p, BYL_CLUSTERS_SUFFIX, strlen(BYL_CLUSTERS_SUFFIX)) == 0) {
        p += strlen(BYL_CLUSTERS_SUFFIX);
        return *p == '\0' || strcmp(p, ".tmp") == 0;
    }
    if (*p++ != '-' || !digits(&p) || strncmp(p, ".seg", 4) != 0)
        return 0;
    p += 4;
    if (*p == '\0')
        return 1;
    /* "G-S.seg.G.del", or a side file of the segment writer */
    const char *q = p + 1;
    if (*p == '.' && digits(&q) && strcmp(q, ".del") == 0)
        return 1;
    return strcmp(p, ".pos") == 0 || strcmp(p, ".store") == 0;
}

static int named_in(const byl_manifest *m, const char *name)
{
    /* the cluster cache of the manifest's own generation (query/collapse.h) */
    char cache[64];
    snprintf(cache, sizeof cache, "%06llu%s", (unsigned long long)m->generation,
             BYL_CLUSTERS_SUFFIX);
    if (strcmp(name, cache) == 0)
        return 1;
    for (uint32_t i = 0; i < m->nseg; i++)
        if (strcmp(m->segs[i].name, name) == 0 || strcmp(m->segs[i].del, name) == 0)
            return 1;
    return 0;
}

/* Removes files of ours that `keep` does not name (only under the lock). */
static void remove_unnamed(const char *dir, const byl_manifest *keep)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct dirent *e;
    char path[4096];
    while ((e = readdir(d)) != NULL) {
        if (!is_our_file(e->d_name) || named_in(keep, e->d_name))
            continue;
        if (!byl_path_join(path, sizeof path, dir, e->d_name))
            byl_file_remove(path);
    }
    closedir(d);
}

/* Opens the segment a manifest entry names, with its deletion file, both
 * checked against the entry: for readers, writers and check alike.
 * BYL_ENOTFOUND (message set) when a named file is missing, which to a
 * reader means a writer may have just replaced it; BYL_ECORRUPT or
 * BYL_EVERSION otherwise. */
static int open_named(const char *dir, const char *name, const char *del, uint32_t ndocs,
                      uint32_t ndeleted, uint32_t title_weight, byl_segment **out)
{
    *out = NULL;
    char path[4096];
    int rc = byl_path_join(path, sizeof path, dir, name);
    if (rc)
        return rc;
    if (access(path, F_OK) && errno == ENOENT)
        return byl_error_set(BYL_ENOTFOUND, "%s: missing (the manifest names it; the index "
                             "is damaged: 'byline-index repair' makes it searchable from what "
                             "is intact, or rebuild it)", path);
    byl_segment *s;
    if ((rc = byl_segment_open(path, &s)) != BYL_OK)
        return rc != BYL_EIO ? rc : byl_error_set(BYL_ECORRUPT, "%s (the manifest names it; "
                                                  "the index is damaged: rebuild it, or "
                                                  "see byline-index repair)",
                                                  byl_error_msg());
    const byl_segstats *st = byl_segment_stats(s);
    if (st->ndocs != ndocs || st->title_weight != title_weight)
        rc = byl_error_set(BYL_ECORRUPT, "%s: segment disagrees with the manifest", path);
    byl_dels *d;
    if (!rc && del[0] && !(rc = byl_path_join(path, sizeof path, dir, del)) &&
        !(rc = byl_dels_read(path, ndocs, &d))) {
        byl_segment_set_dels(s, d);
        if (byl_dels_count(d) != ndeleted)
            rc = byl_error_set(BYL_ECORRUPT, "%s: deletions disagree with the manifest", path);
    }
    if (rc) {
        byl_segment_close(s);
        return rc;
    }
    *out = s;
    return BYL_OK;
}

/* Opens segment r of the writer's set, with its committed deletions. */
static int seg_open(const char *dir, const byl_manifest *m, byl_segref *r)
{
    if (r->seg)
        return BYL_OK;
    return open_named(dir, r->name, r->del, r->ndocs, r->ndeleted, m->title_weight, &r->seg);
}

static void seg_release(byl_segref *r)
{
    byl_segment_close(r->seg);
    byl_dels_free(r->pending);
    r->seg = NULL;
    r->pending = NULL;
}

/* Marks document doc of r deleted in this change. */
static int mark(byl_index_writer *w, byl_segref *r, uint32_t doc)
{
    if (!r->pending && byl_dels_new(r->ndocs, &r->pending))
        return BYL_ENOMEM;
    w->deleted += (uint64_t)byl_dels_mark(r->pending, doc);
    return BYL_OK;
}

static size_t writer_outside(void *ctx)
{
    byl_index_writer *w = ctx;
    return w->pipe ? atomic_load_explicit(&w->pipe->ring_mem, memory_order_relaxed) : 0;
}

static int writer_namer(void *ctx, char *buf, size_t cap)
{
    byl_index_writer *w = ctx;
    char name[64];
    snprintf(name, sizeof name, "%06llu-%04u.seg", (unsigned long long)(w->cur.generation),
             ++w->seq);
    return byl_path_join(buf, cap, w->dir, name);
}

static int writer_done(void *ctx, const char *path, uint32_t ndocs)
{
    byl_index_writer *w = ctx;
    byl_segref *s = byl_realloc(w->cur.segs, (w->cur.nseg + 1) * sizeof *s);
    if (!s)
        return byl_error_set(BYL_ENOMEM, "out of memory recording a segment");
    w->cur.segs = s;
    byl_segref *r = &s[w->cur.nseg++];
    memset(r, 0, sizeof *r);
    const char *base = strrchr(path, '/');
    snprintf(r->name, sizeof r->name, "%s", base ? base + 1 : path);
    r->ndocs = ndocs;
    struct stat st;
    r->size = stat(path, &st) == 0 ? (uint64_t)st.st_size : 0;
    return BYL_OK;
}

static int take_lock(byl_index_writer *w, const char *dir)
{
    int rc = byl_lock_take(dir, &w->lock_fd);
    w->locked = rc == BYL_OK;
    return rc;
}

int byl_index_writer_open(const char *dir, const byl_index_opts *o, byl_index_writer **out)
{
    *out = NULL;
    if (mkdir(dir, 0777) && errno != EEXIST)
        return byl_error_set(BYL_EIO, "cannot create index directory %s: %s", dir, strerror(errno));
    byl_index_writer *w = byl_calloc(1, sizeof *w);
    if (!w || !(w->dir = byl_strdup(dir))) {
        byl_free(w);
        return byl_error_set(BYL_ENOMEM, "out of memory opening %s", dir);
    }
    w->lock_fd = -1;
    w->o = *o;
    char lock_path[4096];
    int had_lock = byl_path_join(lock_path, sizeof lock_path, dir, "LOCK") != BYL_OK ||
                   access(lock_path, F_OK) == 0;
    int rc = take_lock(w, dir);
    if (rc)
        goto fail;
    /* A writer that cannot account for every file touches none: a damaged
     * or missing MANIFEST, whatever the command, leaves the directory as it
     * is, and the message says how to recover. */
    rc = byl_manifest_read(dir, &w->old);
    if (rc == BYL_ECORRUPT || rc == BYL_EVERSION || rc == BYL_EIO) {
        rc = byl_error_set(rc, "%s; nothing was changed. Run 'byline-index check -i %s' to see "
                           "what is damaged and 'byline-index repair -i %s' to rebuild the "
                           "manifest from the segments, or build into a new directory",
                           byl_error_msg(), dir, dir);
        goto fail;
    } else if (rc == BYL_ENOTFOUND) {
        /* A new index: refuse to take over a directory of other files, or
         * the segments of an index whose MANIFEST is gone. */
        DIR *d = opendir(dir);
        struct dirent *e;
        int foreign = 0, segments = 0;
        while (d && (e = readdir(d)) != NULL) {
            if (e->d_name[0] == '.' || strcmp(e->d_name, "LOCK") == 0)
                continue;
            if (!is_our_file(e->d_name))
                foreign = 1;
            else if (strcmp(e->d_name, "MANIFEST.tmp") != 0 &&
                     !strstr(e->d_name, BYL_CLUSTERS_SUFFIX))
                segments++;
        }
        if (d)
            closedir(d);
        if ((segments || foreign) && !had_lock)
            unlink(lock_path); /* leave the directory as it was */
        if (segments) {
            rc = byl_error_set(BYL_ECORRUPT, "%s holds %d segment file%s but no MANIFEST; "
                               "nothing was changed. Run 'byline-index repair -i %s' to rebuild "
                               "the manifest from them", dir, segments, segments == 1 ? "" : "s",
                               dir);
            goto fail;
        }
        if (foreign) {
            rc = byl_error_set(BYL_EINVAL, "%s exists and is not a Byline index; nothing was "
                               "changed: choose a new or empty directory", dir);
            goto fail;
        }
        rc = BYL_OK;
    }
    if (rc)
        goto fail;
    w->known = 1;
    remove_unnamed(dir, &w->old);
    w->cur.generation = w->old.generation + 1;
    if (!o->replace && w->old.nseg) {
        /* an update keeps the analysis the index was built with */
        if (o->title_weight && w->old.title_weight != o->title_weight) {
            rc = byl_error_set(BYL_EINVAL, "%s was built with title weight %u, not %u",
                               dir, w->old.title_weight, o->title_weight);
            goto fail;
        }
        w->o.title_weight = w->old.title_weight;
        w->o.no_names = (w->old.flags & BYL_MF_NO_NAMES) != 0;
        w->cur.segs = byl_malloc(w->old.nseg * sizeof *w->cur.segs);
        if (!w->cur.segs) {
            rc = byl_error_set(BYL_ENOMEM, "out of memory");
            goto fail;
        }
        memcpy(w->cur.segs, w->old.segs, w->old.nseg * sizeof *w->cur.segs);
        w->cur.nseg = w->nold = w->old.nseg;
    }
    if (!w->o.title_weight)
        w->o.title_weight = 2;
    w->cur.title_weight = w->o.title_weight;
    w->cur.flags = w->o.no_names ? BYL_MF_NO_NAMES : 0;
    byl_inverter_opts io = {.mem_budget = w->o.mem_budget, .title_weight = w->o.title_weight,
                            .no_names = w->o.no_names, .namer = writer_namer,
                            .done = writer_done, .outside_mem = writer_outside, .ctx = w};
    rc = byl_inverter_new(&io, &w->inv);
    if (rc)
        goto fail;
    /* articles waiting in the ring take at most half the budget (one long
     * article alone may take more; the inverter then makes room) */
    if (o->threads > 1 &&
        (rc = pipeline_new(w->inv, !w->o.no_names, w->o.mem_budget / 2, &w->pipe)))
        goto fail;
    *out = w;
    return BYL_OK;
fail:
    byl_index_writer_free(w);
    return rc;
}

static int writer_add(byl_index_writer *w, const byl_article *a)
{
    if (!w->inv)
        return byl_error_set(BYL_EINVAL, "the change was committed; open another writer");
    int rc = w->pipe ? pipeline_add(w->pipe, a) : byl_inverter_add(w->inv, a);
    if (!rc)
        w->added++;
    return rc;
}

int byl_index_writer_add(byl_index_writer *w, const byl_article *a)
{
    if (w->merging)
        return byl_error_set(BYL_EINVAL, "a merge is a change of its own; add in another");
    return writer_add(w, a);
}

uint64_t byl_index_writer_docs(const byl_index_writer *w) { return w->added; }
uint64_t byl_index_writer_deleted(const byl_index_writer *w) { return w->deleted; }

size_t byl_index_writer_mem(const byl_index_writer *w)
{
    if (w->pipe)
        return atomic_load_explicit(&w->pipe->mem, memory_order_relaxed);
    return w->inv ? byl_inverter_mem(w->inv) : 0;
}

/* Whether document doc of seg has the id (idlen bytes); for a hashed id
 * key, which two long ids could in theory share (idkey.h). */
static int has_id(byl_segment *seg, uint32_t doc, const char *id, size_t idlen, int *rc)
{
    const char *got;
    size_t len;
    if ((*rc = byl_segment_doc_id(seg, doc, &got, &len)) != BYL_OK)
        return 0;
    return len == idlen && memcmp(got, id, len) == 0;
}

/* Marks every live document of r whose id key is key, and, when the key is
 * a hashed one and id is given, whose stored id is id. */
static int mark_key(byl_index_writer *w, byl_segref *r, const uint8_t *key, size_t keylen,
                    const char *id, size_t idlen, uint32_t keep, uint64_t *found)
{
    byl_terminfo ti;
    int rc = byl_segment_lookup(r->seg, key, keylen, &ti);
    if (rc == BYL_ENOTFOUND)
        return BYL_OK;
    if (rc)
        return rc;
    byl_cursor c;
    int verify = id && byl_idkey_is_hashed(idlen);
    for (byl_cursor_init(&c, r->seg, &ti); c.doc != BYL_END; byl_cursor_next(&c)) {
        if (c.doc == keep || (r->pending && byl_dels_has(byl_dels_bits(r->pending), c.doc)))
            continue;
        if (verify && !has_id(r->seg, c.doc, id, idlen, &rc)) {
            if (rc)
                return rc;
            continue;
        }
        if ((rc = mark(w, r, c.doc)) != BYL_OK)
            return rc;
        if (found)
            (*found)++;
    }
    return c.err;
}

int byl_index_writer_delete(byl_index_writer *w, const char *id, size_t len, uint64_t *found)
{
    *found = 0;
    if (w->merging)
        return byl_error_set(BYL_EINVAL, "a merge is a change of its own; delete in another");
    uint8_t key[BYL_MAX_KEY];
    if (len == 0)
        return BYL_OK; /* no such id can be in the index */
    size_t keylen = byl_idkey(id, len, key);
    for (uint32_t i = 0; i < w->nold; i++) {
        int rc = seg_open(w->dir, &w->cur, &w->cur.segs[i]);
        if (!rc)
            rc = mark_key(w, &w->cur.segs[i], key, keylen, id, len, BYL_END, found);
        if (rc)
            return rc;
    }
    return BYL_OK;
}

/* Mapped pages count in the resident size: a writer that walks whole
 * segments lets go of them as it goes, to stay within --mem. */
static void drop_pages(byl_index_writer *w)
{
    for (uint32_t i = 0; i < w->cur.nseg; i++)
        if (w->cur.segs[i].seg)
            byl_segment_drop_pages(w->cur.segs[i].seg);
}

/* One id per article: walks the ids of the segments written in this change
 * together, in key order; for each id the last article added wins, and the
 * others, older ones in the index included, are marked deleted. */
static int resolve_ids(byl_index_writer *w)
{
    uint32_t n = w->cur.nseg - w->nold;
    if (n == 0)
        return BYL_OK;
    byl_dictiter *it = byl_calloc(n, sizeof *it);
    if (!it)
        return byl_error_set(BYL_ENOMEM, "out of memory resolving ids");
    const uint8_t start = BYL_F_ID;
    int rc = BYL_OK;
    for (uint32_t k = 0; k < n && !rc; k++) {
        byl_segref *r = &w->cur.segs[w->nold + k];
        if (!(rc = seg_open(w->dir, &w->cur, r)))
            rc = byl_dictiter_seek(&it[k], r->seg, &start, 1);
    }
    uint8_t key[BYL_MAX_KEY];
    uint64_t walked = 0;
    while (!rc) {
        /* the smallest id key among the new segments */
        size_t keylen = 0;
        int any = 0;
        for (uint32_t k = 0; k < n; k++) {
            if (it[k].eof || it[k].key[0] != BYL_F_ID)
                continue;
            if (!any || byl_key_cmp(it[k].key, it[k].keylen, key, keylen) < 0) {
                memcpy(key, it[k].key, it[k].keylen);
                keylen = it[k].keylen;
            }
            any = 1;
        }
        if (!any)
            break;
        /* the winner is the last document of the last segment holding it;
         * its id (borrowed from the map) tells articles apart under a hashed
         * key */
        int won = 0;
        const char *id = NULL;
        size_t idlen = 0;
        for (uint32_t k = n; k-- > 0 && !rc;) {
            if (it[k].eof || byl_key_cmp(it[k].key, it[k].keylen, key, keylen) != 0)
                continue;
            byl_segref *r = &w->cur.segs[w->nold + k];
            uint32_t keep = BYL_END;
            if (!won) {
                byl_cursor c;
                for (byl_cursor_init(&c, r->seg, &it[k].info); c.doc != BYL_END; byl_cursor_next(&c))
                    keep = c.doc;
                rc = c.err;
                if (!rc && keep != BYL_END)
                    rc = byl_segment_doc_id(r->seg, keep, &id, &idlen);
                won = 1;
            }
            if (!rc && (it[k].info.df > 1 || keep == BYL_END))
                rc = mark_key(w, r, key, keylen, id, idlen, keep, NULL);
            if (!rc)
                rc = byl_dictiter_next(&it[k]);
        }
        for (uint32_t i = 0; i < w->nold && !rc; i++)
            if (!w->cur.segs[i].drop && !(rc = seg_open(w->dir, &w->cur, &w->cur.segs[i])))
                rc = mark_key(w, &w->cur.segs[i], key, keylen, id, idlen, BYL_END, NULL);
        if ((++walked & 0xffff) == 0)
            drop_pages(w);
    }
    drop_pages(w);
    byl_free(it);
    return rc;
}

/* Writes the deletion files of this change and drops segments left with
 * no live article. */
static int write_deletions(byl_index_writer *w)
{
    for (uint32_t i = 0; i < w->cur.nseg; i++) {
        byl_segref *r = &w->cur.segs[i];
        if (r->drop || !r->pending || byl_dels_count(r->pending) == 0)
            continue;
        if (r->ndeleted + byl_dels_count(r->pending) >= r->ndocs) {
            r->drop = 1;
            continue;
        }
        char name[sizeof r->del], path[4096];
        int n = snprintf(name, sizeof name, "%s.%llu.del", r->name,
                         (unsigned long long)w->cur.generation);
        if (n < 0 || (size_t)n >= sizeof name)
            return byl_error_set(BYL_EINVAL, "segment name too long: %s", r->name);
        int rc = byl_path_join(path, sizeof path, w->dir, name);
        uint32_t ndel = 0;
        if (!rc) {
            unlink(path); /* a leftover of an interrupted change */
            rc = byl_dels_write(r->seg, r->pending, path, &ndel);
            byl_segment_drop_pages(r->seg);
        }
        if (rc)
            return rc;
        memcpy(r->del, name, (size_t)n + 1);
        r->ndeleted = ndel;
    }
    uint32_t kept = 0;
    for (uint32_t i = 0; i < w->cur.nseg; i++) {
        if (w->cur.segs[i].drop) {
            seg_release(&w->cur.segs[i]);
            continue;
        }
        w->cur.segs[kept++] = w->cur.segs[i];
    }
    w->cur.nseg = kept;
    return BYL_OK;
}

int byl_index_writer_commit(byl_index_writer *w)
{
    if (w->pipe) {
        int prc = pipeline_close(w->pipe);
        pipeline_free(w->pipe);
        w->pipe = NULL;
        if (prc)
            return prc;
    }
    int rc = byl_inverter_finish(w->inv);
    /* its memory is the budget the id resolution and deletions may use */
    byl_inverter_free(w->inv);
    w->inv = NULL;
    if (!rc && !w->merging)
        rc = resolve_ids(w);
    if (!rc)
        rc = write_deletions(w);
    if (!rc)
        rc = byl_dir_sync(w->dir);
    if (!rc)
        rc = byl_manifest_write(w->dir, &w->cur);
    if (rc == BYL_ENOTSYNCED) {
        /* The new MANIFEST is in place: the change is committed and is what
         * searches see.  But a power cut could bring the old MANIFEST back,
         * so the files it names stay; the next writer removes them. */
        w->committed = 1;
        return byl_error_set(rc, "the change is committed, but %s; it could be lost in a "
                             "power cut (the previous files are kept): run 'byline-index check "
                             "-i %s'", byl_error_msg(), w->dir);
    }
    if (rc)
        return rc;
    w->committed = 1;
    if (w->known)
        remove_unnamed(w->dir, &w->cur);
    return BYL_OK;
}

/* ---- merging ---- */

/* Live articles of a segment reference. */
static uint32_t live(const byl_segref *r) { return r->ndocs - r->ndeleted; }

/* Size tier: segments within a factor of BYL_MERGE_FACTOR of each other
 * share one. */
static int tier(const byl_segref *r)
{
    int t = 0;
    for (uint64_t n = live(r); n >= BYL_MERGE_MIN; n /= BYL_MERGE_FACTOR)
        t++;
    return t;
}

/* Chooses what a size-tiered policy merges: the smallest tier holding
 * BYL_MERGE_FACTOR segments or more, plus every segment more than half
 * deleted.  Segments of half the inverter's budget or more are left out of
 * the tiers: a merge writes at most that much per segment, so merging them
 * would only write as many segments again (and a full tier would be
 * re-indexed on every add).  Returns the number chosen (marked drop). */
static uint32_t plan_tiered(byl_manifest *m, size_t budget)
{
    uint32_t chosen = 0;
    for (int t = 0; t < 16 && !chosen; t++) {
        uint32_t n = 0;
        for (uint32_t i = 0; i < m->nseg; i++)
            n += tier(&m->segs[i]) == t && m->segs[i].size < budget / 2;
        if (n < BYL_MERGE_FACTOR)
            continue;
        for (uint32_t i = 0; i < m->nseg; i++)
            if (tier(&m->segs[i]) == t && m->segs[i].size < budget / 2) {
                m->segs[i].drop = 1;
                chosen++;
            }
    }
    for (uint32_t i = 0; i < m->nseg; i++)
        if (!m->segs[i].drop && m->segs[i].ndeleted * 2 > m->segs[i].ndocs) {
            m->segs[i].drop = 1;
            chosen++;
        }
    return chosen;
}

int byl_index_writer_merge(byl_index_writer *w, int all, byl_merge_progress progress,
                           void *ctx, uint32_t *merged)
{
    *merged = 0;
    if (w->added || w->deleted || w->merging)
        return byl_error_set(BYL_EINVAL, "a merge is a change of its own");
    w->merging = 1;
    uint32_t chosen = 0;
    if (all) {
        int worth = w->nold > 1 || (w->nold == 1 && w->cur.segs[0].ndeleted);
        for (uint32_t i = 0; worth && i < w->nold; i++, chosen++)
            w->cur.segs[i].drop = 1;
    } else {
        chosen = plan_tiered(&w->cur, w->o.mem_budget);
    }
    if (chosen < 2) {
        /* one clean segment merges into itself: nothing to do */
        int dirty = 0;
        for (uint32_t i = 0; i < w->nold; i++)
            dirty |= w->cur.segs[i].drop && w->cur.segs[i].ndeleted;
        if (!dirty) {
            for (uint32_t i = 0; i < w->nold; i++)
                w->cur.segs[i].drop = 0;
            return BYL_OK;
        }
    }
    uint64_t total = 0, done = 0;
    for (uint32_t i = 0; i < w->nold; i++)
        if (w->cur.segs[i].drop)
            total += live(&w->cur.segs[i]);
    for (uint32_t i = 0; i < w->nold; i++) {
        /* writer_done may move cur.segs: index, never hold a pointer */
        if (!w->cur.segs[i].drop)
            continue;
        int rc = seg_open(w->dir, &w->cur, &w->cur.segs[i]);
        if (rc)
            return rc;
        uint32_t ndocs = w->cur.segs[i].ndocs;
        for (uint32_t d = 0; d < ndocs; d++) {
            byl_segment *seg = w->cur.segs[i].seg;
            if (byl_segment_is_deleted(seg, d))
                continue;
            byl_stored st;
            if ((rc = byl_segment_stored(seg, d, &st)) != BYL_OK)
                return rc;
            byl_article a = {.id = st.id, .id_len = st.id_len, .title = st.title,
                             .title_len = st.title_len, .body = st.body, .body_len = st.body_len,
                             .author = st.author, .author_len = st.author_len,
                             .source = st.source, .source_len = st.source_len, .url = st.url,
                             .url_len = st.url_len, .tags = st.tags, .tags_len = st.tags_len,
                             .date = st.date, .file = byl_segment_path(seg), .line = 0};
            if ((rc = writer_add(w, &a)) != BYL_OK)
                return rc;
            if ((d & 4095) == 4095)
                byl_segment_drop_pages(w->cur.segs[i].seg);
            if (progress && (++done & 255) == 0)
                progress(ctx, done, total);
        }
        byl_segment_drop_pages(w->cur.segs[i].seg);
    }
    if (progress)
        progress(ctx, total, total);
    *merged = chosen;
    return BYL_OK;
}

int byl_index_writer_resolve_all(byl_index_writer *w)
{
    if (w->added || w->deleted || w->merging)
        return byl_error_set(BYL_EINVAL, "resolving every id is a change of its own");
    w->nold = 0;
    return BYL_OK;
}

void byl_index_writer_free(byl_index_writer *w)
{
    if (!w)
        return;
    if (w->pipe) {
        pipeline_close(w->pipe);
        pipeline_free(w->pipe);
    }
    byl_inverter_free(w->inv);
    for (uint32_t i = 0; i < w->cur.nseg; i++)
        seg_release(&w->cur.segs[i]);
    /* without the lock the files are another writer's, and w->old was
     * never read: remove nothing */
    if (!w->committed && w->locked && w->known)
        remove_unnamed(w->dir, &w->old);
    byl_lock_release(w->lock_fd);
    byl_manifest_free(&w->old);
    byl_manifest_free(&w->cur);
    byl_free(w->dir);
    byl_free(w);
}

/* ---- reader ---- */

int byl_index_files(const char *dir, byl_index_file **files, size_t *n, uint32_t *title_weight)
{
    *files = NULL;
    *n = 0;
    byl_manifest m;
    int rc = byl_manifest_read(dir, &m);
    if (rc)
        return rc;
    byl_index_file *f = byl_calloc(m.nseg + 1, sizeof *f);
    if (!f) {
        byl_manifest_free(&m);
        return byl_error_set(BYL_ENOMEM, "out of memory");
    }
    for (uint32_t i = 0; i < m.nseg; i++) {
        memcpy(f[i].segment, m.segs[i].name, sizeof f[i].segment);
        memcpy(f[i].deletions, m.segs[i].del, sizeof f[i].deletions);
        f[i].ndocs = m.segs[i].ndocs;
        f[i].ndeleted = m.segs[i].ndeleted;
        f[i].size = m.segs[i].size;
    }
    *files = f;
    *n = m.nseg;
    *title_weight = m.title_weight;
    byl_manifest_free(&m);
    return BYL_OK;
}

struct byl_index {
    byl_manifest m;
    char *dir;
    byl_segment **segs;
    uint64_t *base;
    byl_segstats stats;
    uint64_t size;
};

void byl_index_close(byl_index *ix)
{
    if (!ix)
        return;
    for (uint32_t i = 0; ix->segs && i < ix->m.nseg; i++)
        byl_segment_close(ix->segs[i]);
    byl_free(ix->segs);
    byl_free(ix->base);
    byl_free(ix->dir);
    byl_manifest_free(&ix->m);
    byl_free(ix);
}

static int open_segment(const char *dir, byl_index *ix, uint32_t i)
{
    const byl_segref *r = &ix->m.segs[i];
    return open_named(dir, r->name, r->del, r->ndocs, r->ndeleted, ix->m.title_weight,
                      &ix->segs[i]);
}

int byl_index_file_open(const char *dir, const byl_index_file *f, uint32_t title_weight,
                        byl_segment **out)
{
    return open_named(dir, f->segment, f->deletions, f->ndocs, f->ndeleted, title_weight, out);
}

static int open_once(const char *dir, byl_index *ix)
{
    if (!(ix->dir = byl_strdup(dir)))
        return byl_error_set(BYL_ENOMEM, "out of memory opening %s", dir);
    int rc = byl_manifest_read(dir, &ix->m);
    if (rc)
        return rc;
    ix->segs = byl_calloc(ix->m.nseg + 1, sizeof *ix->segs);
    ix->base = byl_calloc(ix->m.nseg + 1, sizeof *ix->base);
    if (!ix->segs || !ix->base)
        return byl_error_set(BYL_ENOMEM, "out of memory opening %s", dir);
    ix->stats.title_weight = ix->m.title_weight;
    ix->stats.min_date = ix->stats.max_date = INT64_MIN;
    uint64_t base = 0;
    for (uint32_t i = 0; i < ix->m.nseg; i++) {
        if ((rc = open_segment(dir, ix, i)) != BYL_OK)
            return rc;
        const byl_segstats *s = byl_segment_stats(ix->segs[i]);
        ix->base[i] = base;
        base += s->ndocs;
        ix->stats.ndeleted += s->ndeleted;
        ix->stats.nterms += s->nterms;
        for (int f = 0; f < BYL_NFIELDS; f++)
            ix->stats.total_len[f] += s->total_len[f];
        if (s->min_date != INT64_MIN &&
            (ix->stats.min_date == INT64_MIN || s->min_date < ix->stats.min_date))
            ix->stats.min_date = s->min_date;
        if (s->max_date != INT64_MIN &&
            (ix->stats.max_date == INT64_MIN || s->max_date > ix->stats.max_date))
            ix->stats.max_date = s->max_date;
        ix->size += byl_segment_size(ix->segs[i]);
    }
    if (base > UINT32_MAX)
        return byl_error_set(BYL_ELIMIT, "%s: more than 4 billion articles", dir);
    ix->stats.ndocs = (uint32_t)base;
    return BYL_OK;
}

int byl_index_open(const char *dir, byl_index **out)
{
    *out = NULL;
    struct stat st;
    if (stat(dir, &st) || !S_ISDIR(st.st_mode))
        return byl_error_set(BYL_ENOTFOUND, "no index at %s; build one with "
                             "byline-index build -i %s FILES...", dir, dir);
    /* A writer may commit between our reading MANIFEST and opening the
     * files it names, and then remove them: a file gone missing under a
     * manifest that has meanwhile changed means "read the new one". */
    for (int attempt = 0;; attempt++) {
        byl_index *ix = byl_calloc(1, sizeof *ix);
        if (!ix)
            return byl_error_set(BYL_ENOMEM, "out of memory opening %s", dir);
        int rc = open_once(dir, ix);
        if (!rc) {
            *out = ix;
            return BYL_OK;
        }
        uint64_t gen = ix->m.generation;
        byl_index_close(ix);
        char msg[1024]; /* reading the manifest again may replace the message */
        snprintf(msg, sizeof msg, "%s", byl_error_msg());
        byl_manifest now;
        if (rc != BYL_ENOTFOUND || attempt >= 20 || byl_manifest_read(dir, &now))
            return byl_error_set(rc, "%s", msg);
        int moved = now.generation != gen;
        byl_manifest_free(&now);
        if (!moved)
            return byl_error_set(BYL_ECORRUPT, "%s", msg);
    }
}

size_t byl_index_nsegments(const byl_index *ix) { return ix->m.nseg; }
byl_segment *byl_index_segment(const byl_index *ix, size_t i) { return ix->segs[i]; }
uint64_t byl_index_base(const byl_index *ix, size_t i) { return ix->base[i]; }
const byl_segstats *byl_index_stats(const byl_index *ix) { return &ix->stats; }
uint64_t byl_index_generation(const byl_index *ix) { return ix->m.generation; }
uint64_t byl_index_size(const byl_index *ix) { return ix->size; }
const char *byl_index_dir(const byl_index *ix) { return ix->dir; }
