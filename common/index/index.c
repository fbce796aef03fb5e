/*
 * index.c - manifest, lock and segment set of an index directory.
 *
 * MANIFEST layout (little-endian):
 *     magic "BYLMAN\r\n", u32 version, u32 0, u64 generation,
 *     u32 title weight, u32 segment count,
 *     per segment: u16 name length, name, u32 documents, u64 bytes,
 *     u32 crc32 of everything before it.
 * Not for: what is inside a segment (segment.c, segwriter.c).
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
#include <zlib.h>

#include "index/inverter.h"
#include "util/bytes.h"
#include "util/err.h"
#include "util/mem.h"

typedef struct segref {
    char name[64];
    uint32_t ndocs;
    uint64_t size;
} segref;

typedef struct manifest {
    uint64_t generation;
    uint32_t title_weight;
    uint32_t nseg;
    segref *segs;
} manifest;

static void manifest_free(manifest *m)
{
    byl_free(m->segs);
    memset(m, 0, sizeof *m);
}

static int join(char *buf, size_t cap, const char *dir, const char *name)
{
    int n = snprintf(buf, cap, "%s/%s", dir, name);
    if (n < 0 || (size_t)n >= cap)
        return byl_error_set(BYL_EINVAL, "path too long: %s/%s", dir, name);
    return BYL_OK;
}

/* Reads dir/MANIFEST.  BYL_ENOTFOUND when there is none. */
static int manifest_read(const char *dir, manifest *m)
{
    memset(m, 0, sizeof *m);
    char path[4096];
    int rc = join(path, sizeof path, dir, "MANIFEST");
    if (rc)
        return rc;
    FILE *f = fopen(path, "rb");
    if (!f) {
        if (errno == ENOENT)
            return byl_error_set(BYL_ENOTFOUND, "%s is not a Byline index (no MANIFEST); "
                                 "build one with byline-index -i %s FILES...", dir, dir);
        return byl_error_set(BYL_EIO, "cannot read %s: %s", path, strerror(errno));
    }
    uint8_t buf[1 << 16];
    size_t n = fread(buf, 1, sizeof buf, f);
    int big = !feof(f);
    fclose(f);
    if (big)
        return byl_error_set(BYL_ECORRUPT, "%s: too large to be a manifest", path);
    if (n < 36 || memcmp(buf, BYL_MANIFEST_MAGIC, 8) != 0)
        return byl_error_set(BYL_ECORRUPT, "%s: not a Byline manifest (bad magic or truncated)", path);
    if (byl_get_u32(buf + 8) != BYL_MANIFEST_VERSION)
        return byl_error_set(BYL_EVERSION, "%s: manifest version %u, this program reads %u; "
                             "rebuild the index", path, byl_get_u32(buf + 8), BYL_MANIFEST_VERSION);
    if ((uint32_t)crc32(crc32(0, NULL, 0), buf, (uInt)(n - 4)) != byl_get_u32(buf + n - 4))
        return byl_error_set(BYL_ECORRUPT, "%s: manifest fails its checksum", path);
    m->generation = byl_get_u64(buf + 16);
    m->title_weight = byl_get_u32(buf + 24);
    m->nseg = byl_get_u32(buf + 28);
    const uint8_t *p = buf + 32, *end = buf + n - 4;
    if (m->nseg > 100000)
        return byl_error_set(BYL_ECORRUPT, "%s: impossible segment count", path);
    m->segs = byl_calloc(m->nseg ? m->nseg : 1, sizeof *m->segs);
    if (!m->segs)
        return byl_error_set(BYL_ENOMEM, "out of memory reading %s", path);
    for (uint32_t i = 0; i < m->nseg; i++) {
        if (end - p < 2)
            goto bad;
        size_t len = byl_get_u16(p);
        p += 2;
        if (len == 0 || len >= sizeof m->segs[i].name || (size_t)(end - p) < len + 12)
            goto bad;
        memcpy(m->segs[i].name, p, len);
        m->segs[i].name[len] = '\0';
        if (memchr(m->segs[i].name, '/', len) || m->segs[i].name[0] == '.')
            goto bad;
        p += len;
        m->segs[i].ndocs = byl_get_u32(p);
        m->segs[i].size = byl_get_u64(p + 4);
        p += 12;
    }
    if (p != end)
        goto bad;
    return BYL_OK;
bad:
    manifest_free(m);
    return byl_error_set(BYL_ECORRUPT, "%s: manifest is malformed", path);
}

static int sync_dir(const char *dir)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return byl_error_set(BYL_EIO, "cannot open %s: %s", dir, strerror(errno));
    int r = fsync(fd);
    close(fd);
    if (r)
        return byl_error_set(BYL_EIO, "cannot sync %s: %s", dir, strerror(errno));
    return BYL_OK;
}

static int manifest_write(const char *dir, const manifest *m)
{
    byl_buf b;
    byl_buf_init(&b);
    byl_buf_put(&b, BYL_MANIFEST_MAGIC, 8);
    byl_buf_put_u32(&b, BYL_MANIFEST_VERSION);
    byl_buf_put_u32(&b, 0);
    byl_buf_put_u64(&b, m->generation);
    byl_buf_put_u32(&b, m->title_weight);
    byl_buf_put_u32(&b, m->nseg);
    for (uint32_t i = 0; i < m->nseg; i++) {
        size_t len = strlen(m->segs[i].name);
        byl_buf_put_u16(&b, (uint16_t)len);
        byl_buf_put(&b, m->segs[i].name, len);
        byl_buf_put_u32(&b, m->segs[i].ndocs);
        byl_buf_put_u64(&b, m->segs[i].size);
    }
    if (b.failed) {
        byl_buf_reset(&b);
        return byl_error_set(BYL_ENOMEM, "out of memory writing the manifest");
    }
    byl_buf_put_u32(&b, (uint32_t)crc32(crc32(0, NULL, 0), b.data, (uInt)b.len));
    if (b.len > (1 << 16) - 1) {
        byl_buf_reset(&b);
        return byl_error_set(BYL_ELIMIT, "too many segments for one manifest; merge the index");
    }
    char tmp[4096], path[4096];
    int rc = join(tmp, sizeof tmp, dir, "MANIFEST.tmp");
    if (!rc)
        rc = join(path, sizeof path, dir, "MANIFEST");
    if (rc) {
        byl_buf_reset(&b);
        return rc;
    }
    FILE *f = fopen(tmp, "wb");
    if (!f) {
        byl_buf_reset(&b);
        return byl_error_set(BYL_EIO, "cannot create %s: %s", tmp, strerror(errno));
    }
    int ok = fwrite(b.data, 1, b.len, f) == b.len && fflush(f) == 0 && fsync(fileno(f)) == 0;
    int saved = errno;
    ok = (fclose(f) == 0) && ok;
    byl_buf_reset(&b);
    if (!ok) {
        unlink(tmp);
        return byl_error_set(BYL_EIO, "cannot write %s: %s", tmp, strerror(saved));
    }
    if (rename(tmp, path)) {
        saved = errno;
        unlink(tmp);
        return byl_error_set(BYL_EIO, "cannot rename %s: %s", tmp, strerror(saved));
    }
    return sync_dir(dir);
}

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
} pipeline;

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
    pthread_mutex_lock(&p->mu);
    while (p->count == RING && !p->rc)
        pthread_cond_wait(&p->not_full, &p->mu);
    int rc = p->rc;
    size_t at = (p->head + p->count) % RING;
    pthread_mutex_unlock(&p->mu);
    if (rc)
        return pipeline_error(p);
    /* the worker never touches slots past head + count */
    rc = byl_analyzed_fill(&p->slot[at], p->an, a);
    if (rc)
        return rc;
    pthread_mutex_lock(&p->mu);
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

static int pipeline_new(byl_inverter *inv, int names, pipeline **out)
{
    *out = NULL;
    pipeline *p = byl_calloc(1, sizeof *p);
    if (!p)
        return byl_error_set(BYL_ENOMEM, "out of memory starting the indexing thread");
    p->inv = inv;
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
    manifest old;         /* what MANIFEST named when we started */
    manifest cur;         /* what we will commit */
    uint32_t seq;         /* segments created by this writer */
    byl_inverter *inv;
    pipeline *pipe;       /* NULL when single-threaded */
    uint64_t added;
    int committed;
};

static int is_our_file(const char *name)
{
    size_t n = strlen(name);
    return (n > 4 && strstr(name, ".seg") != NULL) || strcmp(name, "MANIFEST.tmp") == 0;
}

static int named_in(const manifest *m, const char *name)
{
    for (uint32_t i = 0; i < m->nseg; i++)
        if (strcmp(m->segs[i].name, name) == 0)
            return 1;
    return 0;
}

/* Removes files of ours that `keep` does not name (only under the lock). */
static void remove_unnamed(const char *dir, const manifest *keep)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct dirent *e;
    char path[4096];
    while ((e = readdir(d)) != NULL) {
        if (!is_our_file(e->d_name) || named_in(keep, e->d_name))
            continue;
        if (!join(path, sizeof path, dir, e->d_name))
            unlink(path);
    }
    closedir(d);
}

static int writer_namer(void *ctx, char *buf, size_t cap)
{
    byl_index_writer *w = ctx;
    char name[64];
    snprintf(name, sizeof name, "%06llu-%04u.seg", (unsigned long long)(w->cur.generation),
             ++w->seq);
    return join(buf, cap, w->dir, name);
}

static int writer_done(void *ctx, const char *path, uint32_t ndocs)
{
    byl_index_writer *w = ctx;
    segref *s = byl_realloc(w->cur.segs, (w->cur.nseg + 1) * sizeof *s);
    if (!s)
        return byl_error_set(BYL_ENOMEM, "out of memory recording a segment");
    w->cur.segs = s;
    segref *r = &s[w->cur.nseg++];
    memset(r, 0, sizeof *r);
    const char *base = strrchr(path, '/');
    snprintf(r->name, sizeof r->name, "%s", base ? base + 1 : path);
    r->ndocs = ndocs;
    struct stat st;
    r->size = stat(path, &st) == 0 ? (uint64_t)st.st_size : 0;
    return BYL_OK;
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
    char path[4096];
    int rc = join(path, sizeof path, dir, "LOCK");
    if (rc)
        goto fail;
    w->lock_fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
    if (w->lock_fd < 0) {
        rc = byl_error_set(BYL_EIO, "cannot create %s: %s", path, strerror(errno));
        goto fail;
    }
    if (flock(w->lock_fd, LOCK_EX | LOCK_NB)) {
        rc = byl_error_set(BYL_EBUSY, "%s is being written by another byline-index; "
                           "wait for it to finish", dir);
        goto fail;
    }
    rc = manifest_read(dir, &w->old);
    if ((rc == BYL_ECORRUPT || rc == BYL_EVERSION) && o->replace) {
        /* a damaged or older index is being rebuilt: start afresh */
        manifest_free(&w->old);
        rc = BYL_OK;
    } else if (rc == BYL_ENOTFOUND) {
        /* A new index: refuse to take over a directory of other files. */
        DIR *d = opendir(dir);
        struct dirent *e;
        int foreign = 0;
        while (d && (e = readdir(d)) != NULL)
            if (e->d_name[0] != '.' && strcmp(e->d_name, "LOCK") && !is_our_file(e->d_name))
                foreign = 1;
        if (d)
            closedir(d);
        if (foreign) {
            rc = byl_error_set(BYL_EINVAL, "%s exists and is not a Byline index; "
                               "choose a new or empty directory", dir);
            goto fail;
        }
        rc = BYL_OK;
    }
    if (rc)
        goto fail;
    remove_unnamed(dir, &w->old);
    w->cur.generation = w->old.generation + 1;
    w->cur.title_weight = o->title_weight;
    if (!o->replace && w->old.nseg) {
        if (w->old.title_weight != o->title_weight) {
            rc = byl_error_set(BYL_EINVAL, "%s was built with title weight %u, not %u",
                               dir, w->old.title_weight, o->title_weight);
            goto fail;
        }
        w->cur.segs = byl_malloc(w->old.nseg * sizeof *w->cur.segs);
        if (!w->cur.segs) {
            rc = byl_error_set(BYL_ENOMEM, "out of memory");
            goto fail;
        }
        memcpy(w->cur.segs, w->old.segs, w->old.nseg * sizeof *w->cur.segs);
        w->cur.nseg = w->old.nseg;
    }
    byl_inverter_opts io = {.mem_budget = o->mem_budget, .title_weight = o->title_weight,
                            .no_names = o->no_names,
                            .namer = writer_namer, .done = writer_done, .ctx = w};
    rc = byl_inverter_new(&io, &w->inv);
    if (rc)
        goto fail;
    if (o->threads > 1 && (rc = pipeline_new(w->inv, !o->no_names, &w->pipe)))
        goto fail;
    *out = w;
    return BYL_OK;
fail:
    byl_index_writer_free(w);
    return rc;
}

int byl_index_writer_add(byl_index_writer *w, const byl_article *a)
{
    int rc = w->pipe ? pipeline_add(w->pipe, a) : byl_inverter_add(w->inv, a);
    if (!rc)
        w->added++;
    return rc;
}

uint64_t byl_index_writer_docs(const byl_index_writer *w) { return w->added; }

size_t byl_index_writer_mem(const byl_index_writer *w)
{
    if (w->pipe)
        return atomic_load_explicit(&w->pipe->mem, memory_order_relaxed);
    return byl_inverter_mem(w->inv);
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
    if (rc)
        return rc;
    rc = sync_dir(w->dir);
    if (rc)
        return rc;
    rc = manifest_write(w->dir, &w->cur);
    if (rc)
        return rc;
    w->committed = 1;
    remove_unnamed(w->dir, &w->cur);
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
    if (!w->committed && w->dir && w->lock_fd >= 0)
        remove_unnamed(w->dir, &w->old);
    if (w->lock_fd >= 0)
        close(w->lock_fd);
    manifest_free(&w->old);
    manifest_free(&w->cur);
    byl_free(w->dir);
    byl_free(w);
}

/* ---- reader ---- */

struct byl_index {
    manifest m;
    byl_segment **segs;
    uint64_t *base;
    byl_segstats stats;
    uint64_t size;
};

int byl_index_open(const char *dir, byl_index **out)
{
    *out = NULL;
    byl_index *ix = byl_calloc(1, sizeof *ix);
    if (!ix)
        return byl_error_set(BYL_ENOMEM, "out of memory opening %s", dir);
    struct stat st;
    if (stat(dir, &st) || !S_ISDIR(st.st_mode)) {
        byl_free(ix);
        return byl_error_set(BYL_ENOTFOUND, "no index at %s; build one with "
                             "byline-index -i %s FILES...", dir, dir);
    }
    int rc = manifest_read(dir, &ix->m);
    if (rc) {
        byl_free(ix);
        return rc;
    }
    ix->segs = byl_calloc(ix->m.nseg + 1, sizeof *ix->segs);
    ix->base = byl_calloc(ix->m.nseg + 1, sizeof *ix->base);
    if (!ix->segs || !ix->base) {
        byl_index_close(ix);
        return byl_error_set(BYL_ENOMEM, "out of memory opening %s", dir);
    }
    ix->stats.title_weight = ix->m.title_weight;
    ix->stats.min_date = ix->stats.max_date = INT64_MIN;
    uint64_t base = 0;
    for (uint32_t i = 0; i < ix->m.nseg; i++) {
        char path[4096];
        rc = join(path, sizeof path, dir, ix->m.segs[i].name);
        if (!rc)
            rc = byl_segment_open(path, &ix->segs[i]);
        if (rc) {
            if (rc == BYL_EIO)
                rc = byl_error_set(BYL_ECORRUPT, "%s (the manifest names it; the index is "
                                   "damaged: rebuild it)", byl_error_msg());
            byl_index_close(ix);
            return rc;
        }
        const byl_segstats *s = byl_segment_stats(ix->segs[i]);
        if (s->ndocs != ix->m.segs[i].ndocs || s->title_weight != ix->m.title_weight) {
            byl_index_close(ix);
            return byl_error_set(BYL_ECORRUPT, "%s: segment disagrees with the manifest", path);
        }
        ix->base[i] = base;
        base += s->ndocs;
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
    if (base > UINT32_MAX) {
        byl_index_close(ix);
        return byl_error_set(BYL_ELIMIT, "%s: more than 4 billion articles", dir);
    }
    ix->stats.ndocs = (uint32_t)base;
    *out = ix;
    return BYL_OK;
}

void byl_index_close(byl_index *ix)
{
    if (!ix)
        return;
    for (uint32_t i = 0; ix->segs && i < ix->m.nseg; i++)
        byl_segment_close(ix->segs[i]);
    byl_free(ix->segs);
    byl_free(ix->base);
    manifest_free(&ix->m);
    byl_free(ix);
}

size_t byl_index_nsegments(const byl_index *ix) { return ix->m.nseg; }
byl_segment *byl_index_segment(const byl_index *ix, size_t i) { return ix->segs[i]; }
uint64_t byl_index_base(const byl_index *ix, size_t i) { return ix->base[i]; }
const byl_segstats *byl_index_stats(const byl_index *ix) { return &ix->stats; }
uint64_t byl_index_generation(const byl_index *ix) { return ix->m.generation; }
uint64_t byl_index_size(const byl_index *ix) { return ix->size; }
