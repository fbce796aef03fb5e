/*
 * pipeline.h - the indexing threads of a writer: the caller's thread reads
 * articles into the slots of a small ring and analyzes some of them, a
 * helper thread analyzes the others, and a worker thread inverts them in
 * order (and compresses their stored text) into the inverter.
 *
 * Protocol: byl_pipeline_new(), byl_pipeline_add() per article, then
 * byl_pipeline_close() (drains the ring, joins the worker, returns its
 * first error) and byl_pipeline_free().  Until it is closed the inverter
 * belongs to the worker.  The ring is small and bounded in bytes, so memory
 * stays bounded and the inverter's budget still holds.
 *
 * Not for: what analysis and inversion do (text/analyzer.h, inverter.h),
 * or what a change commits (index.h).
 */
#ifndef BYL_PIPELINE_H
#define BYL_PIPELINE_H

#include <stddef.h>

#include "doc/reader.h"
#include "index/inverter.h"

typedef struct byl_pipeline byl_pipeline;

/* Starts the worker on inv (borrowed; the worker's until closed).  names:
 * the analyzer finds name entities.  ring_limit: bytes the waiting articles
 * may hold (one long article alone may hold more).  BYL_ENOMEM. */
int byl_pipeline_new(byl_inverter *inv, int names, size_t ring_limit, byl_pipeline **out);
/* Copies a into the ring and analyzes it on the caller's thread, or leaves
 * that to the helper when it has fewer than four waiting; waits while the
 * ring is full.  Returns the threads' first error once there is one. */
int byl_pipeline_add(byl_pipeline *p, const byl_article *a);
/* Lets the threads drain the ring and stop; returns their first error. */
int byl_pipeline_close(byl_pipeline *p);
/* Frees (after byl_pipeline_close); NULL: nothing. */
void byl_pipeline_free(byl_pipeline *p);
/* The inverter's memory as the worker last saw it, for progress. */
size_t byl_pipeline_mem(byl_pipeline *p);
/* Bytes the queued articles hold (the inverter's budget leaves room). */
size_t byl_pipeline_ring_mem(byl_pipeline *p);

#endif
