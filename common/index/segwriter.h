/*
 * segwriter.h - writes one immutable segment file (layout in format.h).
 *
 * Protocol: byl_segw_new(), then byl_segw_add_doc() for documents 0..n-1 in
 * order (their stored text streams to disk at once), then byl_segw_add_term()
 * for every term in ascending key order, then byl_segw_finish(), which writes
 * the footer and fsyncs.  byl_segw_free() on an unfinished writer removes the
 * partial file.  Errors are sticky: after a failure every call does nothing
 * and byl_segw_finish() returns the first error.
 *
 * Not for: deciding what the terms are (inverter.h) or naming segments in an
 * index (index.h).
 */
#ifndef BYL_SEGWRITER_H
#define BYL_SEGWRITER_H

#include <stddef.h>
#include <stdint.h>

#include "index/format.h"
#include "index/stored.h"

typedef struct byl_segw byl_segw;

/* Creates path (must not exist).  title_weight is recorded in the footer.
 * Returns BYL_OK and *out, or BYL_EIO/BYL_ENOMEM (*out = NULL). */
int byl_segw_new(const char *path, uint32_t title_weight, byl_segw **out);

/* Appends the next document.  lens[f] is its length in terms for field f. */
int byl_segw_add_doc(byl_segw *w, const byl_stored *doc, const uint32_t *lens);

/* Sets the near-duplicate sketch (BYL_FP_REC bytes, index/fingerprint.h)
 * of the document added last; a document without one has an empty sketch
 * (never a duplicate). */
int byl_segw_set_fingerprint(byl_segw *w, const uint8_t *rec);

/* Appends one term's postings: n documents (ascending docs[]), each with
 * its term frequency tfs[i] >= 1 and npos[i] positions taken in order from
 * pos (ascending within a document).  Keys must ascend (memcmp order). */
int byl_segw_add_term(byl_segw *w, const uint8_t *key, size_t keylen,
                      size_t n, const uint32_t *docs, const uint32_t *tfs,
                      const uint32_t *npos, const uint32_t *pos);
/* As byl_segw_add_term, the positions given as the segment holds them
 * (format.h: per document its count of positions, then the gaps from the
 * previous one, each a vbyte): plen bytes at penc, pblock[b] the offset in
 * them of block b's first document (one per BYL_BLOCK documents).  The
 * inverter's pool holds the gaps so written: copied, not decoded and
 * written again. */
int byl_segw_add_term_coded(byl_segw *w, const uint8_t *key, size_t keylen, size_t n,
                            const uint32_t *docs, const uint32_t *tfs, const uint8_t *penc,
                            size_t plen, const uint32_t *pblock);

/* Completes the file, fsyncs it and closes it.  Returns the first error of
 * the whole write, or BYL_OK.  The writer must still be freed. */
int byl_segw_finish(byl_segw *w);

/* Documents added so far. */
uint32_t byl_segw_ndocs(const byl_segw *w);

/* Frees the writer; if byl_segw_finish() did not succeed, removes the file. */
void byl_segw_free(byl_segw *w);

#endif
