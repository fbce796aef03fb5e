/*
 * check.h - byline-index check: read every byte of an index and say what
 * is wrong with it.
 *
 * Searching verifies only the pages a query touches; this reads them all:
 * the manifest, every segment page against its CRC, the dictionary (keys
 * in order), every postings list and its positions, every document's
 * columns, id and stored text, and every deletion file.  Each problem is
 * reported with the file it is in; a segment's checking stops at its first
 * problem (what follows damage is noise) and goes on with the next.
 *
 * Not for: repairing anything (repair.h rebuilds a lost manifest; the
 * cure for a damaged segment is rebuilding from the articles).
 */
#ifndef BYL_CHECK_H
#define BYL_CHECK_H

#include <stdint.h>

typedef struct byl_check_result {
    uint64_t problems;
    uint64_t segments, articles, deleted, terms, bytes;
} byl_check_result;

typedef void (*byl_check_fn)(void *ctx, const char *problem);

/* Checks the index in dir, calling report once per problem.  Returns BYL_OK
 * when the index is intact; BYL_ECORRUPT when problems were found; other
 * codes (with a message) when it cannot be checked at all.  A writer may
 * commit meanwhile: the check sees the index before or after each change,
 * as a search does (BYL_EBUSY if the MANIFEST changed 20 times while the
 * files were being opened). */
int byl_index_check(const char *dir, byl_check_fn report, void *ctx, byl_check_result *res);

/* Checks one open segment as byl_index_check does (every page, term and
 * document), reporting its first problem.  BYL_OK or BYL_ECORRUPT. */
struct byl_segment;
int byl_check_segment(struct byl_segment *seg, byl_check_fn report, void *ctx);

#endif
