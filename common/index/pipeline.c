/*
 * pipeline.c - the indexing thread of a writer (pipeline.h): a ring of
 * analyzed articles between the caller's thread and the inverter's.
 * Not for: what analysis or inversion do (text/analyzer.c, inverter.c), or
 * what a change commits (writer.c).
 */
#include "index/pipeline.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>

#include "util/err.h"
#include "util/mem.h"

/* The analysis/inversion pipeline: the caller's thread reads articles
 * into slots of a ring and analyzes them, a helper thread analyzes some of
 * them too (analysis was the longest of the jobs: two analyzers keep the
 * inverter fed), and a worker thread inverts them in order and compresses
 * the stored text.  The ring is small, so memory stays bounded and the
 * inverter's budget still holds.  Analysis depends on the text alone, so
 * which analyzer took an article never shows in the index.
 * 32 slots: with 8, every article cost about two futex wake-ups and
 * context switches (49,000 futex calls building Reuters, 0.24 s of its
 * 1.29 s of CPU in the kernel); with 32 the threads sleep and wake a
 * quarter as often (14,000 calls, 0.07 s) and the build took 0.66-0.77 s
 * against 0.77-0.93 s (round 24, alternated; 64 slots were no faster).
 * The slots' bytes count against ring_limit whatever their number. */
#define RING 32
/* ... at a budget large enough for them: a ring of 32 under --mem 32M
 * took a build of 100,000 articles to 35.6 MB of memory, past its budget
 * (why was not found: the ring's byte limit holds); 8 slots kept it at
 * 31.2.  So a slot per RING_SLOT_BYTES of the ring's limit, 8 at least. */
#define RING_MIN 8
#define RING_SLOT_BYTES ((size_t)4 << 20)
/* The helper is handed the next article while it has fewer than this
 * many waiting.  With 2 the caller's thread, which also reads and parses
 * every article and writes the segment at the end, analyzed 62% of them
 * (callgrind, 5,000 Reuters records) and was the longest thread by far:
 * perf samples per thread, reading/helper, 877-1007 / 317-341; with 4,
 * 692-789 / 456-474 (8 slots).  A loaded machine gives each thread about
 * the same share, so the longest thread sets the wall time. */
#define HELPER_AHEAD(p) ((p)->nslots / 2)

/* What a queued slot waits for. */
enum { S_HELPER, S_HELPING, S_READY };

struct byl_pipeline {
    pthread_t thread, helper;
    int has_helper;            /* the helper thread was started */
    pthread_mutex_t mu;
    pthread_cond_t not_empty;  /* the worker waits: the head slot is ready */
    pthread_cond_t not_full;   /* the caller waits: room in the ring */
    pthread_cond_t for_helper; /* the helper waits: a slot to analyze */
    size_t nslots;             /* slots in use: RING_MIN to RING, by the budget */
    byl_analyzed slot[RING];
    unsigned char state[RING]; /* guarded by mu: of slots head..head+count */
    size_t head, count;        /* guarded by mu */
    size_t queued;             /* guarded by mu: slots in S_HELPER */
    int closing;               /* guarded by mu */
    int caller_waits;          /* guarded by mu: the caller waits for room */
    int rc;                    /* guarded by mu: the first error of a thread */
    char msg[1024];            /* its message (messages are per thread) */
    byl_analyzer *an;          /* the caller's analyzer */
    byl_analyzer *an2;         /* the helper's */
    byl_inverter *inv;         /* used by the worker only, until joined */
    _Atomic size_t mem;        /* the inverter's memory, for progress */
    _Atomic size_t ring_mem;   /* bytes the slots hold (the inverter's
                                  budget leaves room for them) */
    size_t slot_mem[RING];     /* each slot's share of it */
    size_t ring_limit;         /* slots wait past this, unless empty */
};

/* An analyzed long article leaves its slot's buffers large: they are freed
 * once inverted, so that eight slots never keep eight long articles. */
#define SLOT_KEEP ((size_t)2 << 20)

/* The worker has an article to invert (mu held). */
static int head_ready(const byl_pipeline *p)
{
    return p->count > 0 && p->state[p->head] == S_READY;
}

/* Whether to wake the worker (mu held).  Every wake-up is a futex call
 * and a context switch (two per article, 50,000 on Reuters, a tenth of a
 * build's samples in the kernel): a worker that found nothing to do
 * sleeps until half the ring is queued, unless the caller waits for room
 * (a full ring, the ring's bytes, a long article), the ring is closing, or
 * an error stops all. */
static int worker_may_go(const byl_pipeline *p)
{
    return head_ready(p) &&
           (p->count >= p->nslots / 2 || p->caller_waits || p->closing || p->rc);
}

/* Records slot i's new size in ring_mem. */
static void slot_account(byl_pipeline *p, size_t i)
{
    size_t now = byl_analyzed_mem(&p->slot[i]);
    if (now >= p->slot_mem[i])
        atomic_fetch_add(&p->ring_mem, now - p->slot_mem[i]);
    else
        atomic_fetch_sub(&p->ring_mem, p->slot_mem[i] - now);
    p->slot_mem[i] = now;
}

/* Keeps a thread's first error (mu held) and wakes every waiter. */
static void set_error(byl_pipeline *p, int rc)
{
    if (rc && !p->rc) {
        p->rc = rc;
        snprintf(p->msg, sizeof p->msg, "%s", byl_error_msg());
        pthread_cond_broadcast(&p->not_full);
        pthread_cond_broadcast(&p->not_empty);
    }
}

static void *pipeline_main(void *arg)
{
    byl_pipeline *p = arg;
    pthread_mutex_lock(&p->mu);
    for (;;) {
        if (!head_ready(p)) {
            /* Asleep, it waits for a batch (see worker_may_go). */
            while (!worker_may_go(p) && !(p->count == 0 && p->closing))
                pthread_cond_wait(&p->not_empty, &p->mu);
        }
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
        set_error(p, rc);
        p->head = (p->head + 1) % p->nslots;
        p->count--;
        if (p->count <= p->nslots / 2)
            pthread_cond_signal(&p->not_full);
    }
    pthread_mutex_unlock(&p->mu);
    return NULL;
}

/* The helper: analyzes the slots queued for it, oldest first. */
static void *helper_main(void *arg)
{
    byl_pipeline *p = arg;
    pthread_mutex_lock(&p->mu);
    for (;;) {
        while (p->queued == 0 && !p->closing)
            pthread_cond_wait(&p->for_helper, &p->mu);
        if (p->queued == 0)
            break;
        size_t i = p->head;
        while (p->state[i] != S_HELPER)
            i = (i + 1) % p->nslots;
        p->state[i] = S_HELPING;
        p->queued--;
        int failed = p->rc != 0;
        pthread_mutex_unlock(&p->mu);
        byl_analyzed *x = &p->slot[i];
        int rc = failed ? BYL_OK : byl_analyzed_run(x, p->an2); /* never a long one */
        pthread_mutex_lock(&p->mu);
        slot_account(p, i);
        set_error(p, rc);
        p->state[i] = S_READY;
        if (worker_may_go(p))
            pthread_cond_signal(&p->not_empty);
    }
    pthread_mutex_unlock(&p->mu);
    return NULL;
}

/* Surfaces the threads' error on the caller's thread. */
static int pipeline_error(byl_pipeline *p)
{
    pthread_mutex_lock(&p->mu);
    int rc = p->rc;
    if (rc)
        byl_error_set(rc, "%s", p->msg);
    pthread_mutex_unlock(&p->mu);
    return rc;
}

int byl_pipeline_add(byl_pipeline *p, const byl_article *a)
{
    /* what analysing it will take, about (docs/PERFORMANCE.md: 16 bytes of
     * tokens and terms per byte of text) */
    size_t text = a->title_len + a->body_len + a->author_len + a->source_len;
    size_t need = 16 * text;
    int is_long = text > BYL_LONG_ARTICLE / 4;
    pthread_mutex_lock(&p->mu);
    size_t room = p->nslots; /* once the ring was full, wait for half of it */
    while ((p->count >= room || (is_long && p->count > 0) ||
            (p->count > 0 && atomic_load(&p->ring_mem) + need > p->ring_limit)) && !p->rc) {
        if (p->count == p->nslots)
            room = p->nslots / 2 + 1;
        p->caller_waits = 1;
        if (head_ready(p))
            pthread_cond_signal(&p->not_empty); /* no batch will come: go on */
        pthread_cond_wait(&p->not_full, &p->mu);
    }
    p->caller_waits = 0;
    if (is_long && !p->rc) {
        /* The ring is empty and the worker waits for it: the inverter is
         * ours for a moment, to make room before the analysis takes it. */
        set_error(p, byl_inverter_make_room(p->inv, text));
    }
    int rc = p->rc;
    size_t at = (p->head + p->count) % p->nslots;
    /* The helper takes this one if it has few waiting: so it always has
     * the next article at hand, and this thread analyzes the rest.
     * Long articles stay here (the ring is empty for them anyway). */
    int to_helper = p->has_helper && p->queued < HELPER_AHEAD(p) && !is_long;
    pthread_mutex_unlock(&p->mu);
    if (rc)
        return pipeline_error(p);
    /* the other threads never touch slots past head + count */
    rc = to_helper ? byl_analyzed_copy(&p->slot[at], a)
                   : byl_analyzed_fill(&p->slot[at], p->an, a);
    if (!to_helper && need > 16 * BYL_LONG_ARTICLE)
        byl_analyzer_trim(p->an); /* its output was copied into the slot */
    pthread_mutex_lock(&p->mu);
    slot_account(p, at);
    if (rc) {
        pthread_mutex_unlock(&p->mu);
        return rc;
    }
    p->count++;
    if (to_helper) {
        p->state[at] = S_HELPER;
        p->queued++;
        pthread_cond_signal(&p->for_helper);
    } else {
        p->state[at] = S_READY;
        if (worker_may_go(p))
            pthread_cond_signal(&p->not_empty);
    }
    pthread_mutex_unlock(&p->mu);
    return BYL_OK;
}

/* Lets the threads drain the ring and stop; returns their first error. */
int byl_pipeline_close(byl_pipeline *p)
{
    pthread_mutex_lock(&p->mu);
    p->closing = 1;
    pthread_cond_broadcast(&p->not_empty);
    pthread_cond_broadcast(&p->for_helper);
    pthread_mutex_unlock(&p->mu);
    if (p->has_helper)
        pthread_join(p->helper, NULL);
    pthread_join(p->thread, NULL);
    return pipeline_error(p);
}

void byl_pipeline_free(byl_pipeline *p)
{
    if (!p)
        return;
    for (int i = 0; i < RING; i++)
        byl_analyzed_reset(&p->slot[i]);
    byl_analyzer_free(p->an);
    byl_analyzer_free(p->an2);
    pthread_mutex_destroy(&p->mu);
    pthread_cond_destroy(&p->not_empty);
    pthread_cond_destroy(&p->not_full);
    pthread_cond_destroy(&p->for_helper);
    byl_free(p);
}

int byl_pipeline_new(byl_inverter *inv, int names, size_t ring_limit, byl_pipeline **out)
{
    *out = NULL;
    byl_pipeline *p = byl_calloc(1, sizeof *p);
    if (!p)
        return byl_error_set(BYL_ENOMEM, "out of memory starting the indexing thread");
    p->inv = inv;
    p->ring_limit = ring_limit;
    p->nslots = ring_limit / RING_SLOT_BYTES;
    if (p->nslots < RING_MIN)
        p->nslots = RING_MIN;
    if (p->nslots > RING)
        p->nslots = RING;
    pthread_mutex_init(&p->mu, NULL);
    pthread_cond_init(&p->not_empty, NULL);
    pthread_cond_init(&p->not_full, NULL);
    pthread_cond_init(&p->for_helper, NULL);
    int rc = byl_analyzer_new(&p->an);
    if (!rc)
        rc = byl_analyzer_new(&p->an2);
    if (rc) {
        byl_pipeline_free(p);
        return rc;
    }
    byl_analyzer_set_names(p->an, names);
    byl_analyzer_set_names(p->an2, names);
    if (pthread_create(&p->thread, NULL, pipeline_main, p)) {
        byl_pipeline_free(p);
        return byl_error_set(BYL_ENOMEM, "cannot start the indexing thread");
    }
    /* Without the helper the caller's thread analyzes everything: slower,
     * not wrong. */
    p->has_helper = pthread_create(&p->helper, NULL, helper_main, p) == 0;
    *out = p;
    return BYL_OK;
}

size_t byl_pipeline_mem(byl_pipeline *p)
{
    return atomic_load_explicit(&p->mem, memory_order_relaxed);
}

size_t byl_pipeline_ring_mem(byl_pipeline *p)
{
    return atomic_load_explicit(&p->ring_mem, memory_order_relaxed);
}
