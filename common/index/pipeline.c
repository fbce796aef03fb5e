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

/* The analysis/inversion pipeline: the caller's thread reads and analyzes
 * articles into slots of a ring; a worker thread inverts them and
 * compresses the stored text.  The ring is small, so memory stays bounded
 * and the inverter's budget still holds. */
#define RING 8

struct byl_pipeline {
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
};

/* An analyzed long article leaves its slot's buffers large: they are freed
 * once inverted, so that eight slots never keep eight long articles. */
#define SLOT_KEEP ((size_t)2 << 20)

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

static void *pipeline_main(void *arg)
{
    byl_pipeline *p = arg;
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
int byl_pipeline_close(byl_pipeline *p)
{
    pthread_mutex_lock(&p->mu);
    p->closing = 1;
    pthread_cond_signal(&p->not_empty);
    pthread_mutex_unlock(&p->mu);
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
    pthread_mutex_destroy(&p->mu);
    pthread_cond_destroy(&p->not_empty);
    pthread_cond_destroy(&p->not_full);
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
    pthread_mutex_init(&p->mu, NULL);
    pthread_cond_init(&p->not_empty, NULL);
    pthread_cond_init(&p->not_full, NULL);
    int rc = byl_analyzer_new(&p->an);
    if (rc) {
        byl_pipeline_free(p);
        return rc;
    }
    byl_analyzer_set_names(p->an, names);
    if (pthread_create(&p->thread, NULL, pipeline_main, p)) {
        byl_pipeline_free(p);
        return byl_error_set(BYL_ENOMEM, "cannot start the indexing thread");
    }
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
