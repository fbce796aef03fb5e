/*
 * delwriter.h - writes the deletion file of a segment (layout in
 * deletes.h): the deletions it already has plus new ones, with the per-term
 * counts BM25 needs, taken from the segment's postings.
 *
 * Not for: reading deletion files or asking whether a document is deleted
 * (deletes.h, which segments include; this header is above them).
 */
#ifndef BYL_DELWRITER_H
#define BYL_DELWRITER_H

#include <stdint.h>

#include "index/deletes.h"
#include "index/segment.h"

/* Writes path (created, synced): the deletions seg already has plus those
 * marked in add, with the per-term counts taken from seg's postings.
 * *deleted gets the new total.  BYL_EIO (disk full, ...), BYL_ECORRUPT
 * (the segment is damaged), BYL_ENOMEM. */
int byl_dels_write(byl_segment *seg, const byl_dels *add, const char *path,
                   uint32_t *deleted);

#endif
