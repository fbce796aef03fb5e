/*
 * segment.h - reading one segment: mapped, verified as it is touched.
 *
 * byl_segment_open() maps the file and checks what is small: header,
 * tail, footer CRC and the section table.  Everything else is covered by
 * per-page CRC32s, checked the first time any part of a page is used, so
 * answering one query touches (and verifies) only the pages it needs.
 *
 * Cursors (byl_cursor) walk one term's postings: transparent stack structs
 * whose output fields (doc, tf) are public; _next/_next_geq advance them and
 * never allocate.  A cursor that meets damaged data stops (doc = BYL_END)
 * and sets err = BYL_ECORRUPT with a message; callers check err when done.
 *
 * Not for: combining segments or scoring (index.h, query/).
 */
#ifndef BYL_SEGMENT_H
#define BYL_SEGMENT_H

#include <stddef.h>
#include <stdint.h>

#include "index/codec.h"
#include "index/format.h"
#include "index/stored.h"

#define BYL_END UINT32_MAX

typedef struct byl_segment byl_segment;

typedef struct byl_segstats {
    uint32_t ndocs;                  /* documents in the file, deleted or not */
    uint32_t ndeleted;               /* of them, deleted (deletes.h) */
    uint32_t title_weight;
    uint64_t nterms;
    uint64_t total_len[BYL_NFIELDS]; /* sum of field lengths over live documents */
    int64_t min_date, max_date;      /* over dated documents; BYL_NO_DATE if none */
} byl_segstats;

typedef struct byl_terminfo {
    uint32_t df;       /* documents containing the term */
    uint32_t ndel;     /* of them, deleted: df - ndel are live */
    uint32_t max_tf;   /* largest frequency in any document */
    uint64_t post_off; /* byte range of its postings in POSTINGS */
    uint64_t post_len;
    uint64_t pos_off;  /* byte range of its positions in POSITIONS */
    uint64_t pos_len;
} byl_terminfo;

/* Maps and checks path.  Returns BYL_OK and *out; BYL_EIO if it cannot be
 * read; BYL_ECORRUPT or BYL_EVERSION, with a message naming the file and the
 * problem, if it is not an intact segment of this version. */
int byl_segment_open(const char *path, byl_segment **out);
/* Opens s's file again (the same file, even if a writer has removed its
 * name since) with its deletions copied: another reader of the same
 * snapshot, with state of its own.  BYL_OK, BYL_EIO, BYL_ENOMEM,
 * BYL_ECORRUPT. */
int byl_segment_clone(const byl_segment *s, byl_segment **out);
void byl_segment_close(byl_segment *s);

const byl_segstats *byl_segment_stats(const byl_segment *s);

struct byl_dels;
/* Gives s its deletions (s takes ownership; once, right after opening):
 * from then on cursors skip deleted documents, lookups report how many of
 * a term's documents are deleted, and the statistics count live ones. */
void byl_segment_set_dels(byl_segment *s, struct byl_dels *d);
/* The deletions given, or NULL. */
const struct byl_dels *byl_segment_dels(const byl_segment *s);
/* 1 if doc is deleted. */
int byl_segment_is_deleted(const byl_segment *s, uint32_t doc);
/* Lets go of the pages of the file mapped so far, so that a writer that
 * walks whole segments (resolving ids, deleting, merging) stays within its
 * memory budget: mapped file pages count in the resident size.  Nothing
 * else changes; the pages are read again if touched. */
void byl_segment_drop_pages(byl_segment *s);
/* Lets go of the postings lists read for the last search and reads the
 * next search's small lists by pread rather than through the map (the
 * cursors of the last search must be done with).  Only a searcher calls
 * it; a segment never begun maps every list.  Not for segments shared
 * between threads (a mapped one may be: then nothing is written).
 * First checks that the file is the one opened, as long as it was:
 * BYL_ECORRUPT, message set, when it was truncated or written over in
 * place since (a read through the map past its new end would kill the
 * process with SIGBUS); BYL_OK otherwise. */
int byl_segment_reads_begin(byl_segment *s);
/* Reads and checks every page of the file (for byline-index check). */
int byl_segment_verify(byl_segment *s);
/* The path it was opened from. */
const char *byl_segment_path(const byl_segment *s);
/* File size in bytes. */
uint64_t byl_segment_size(const byl_segment *s);
/* Bytes of one section (enum byl_section). */
uint64_t byl_segment_section_size(const byl_segment *s, int section);

/* Looks a key (field byte + term) up.  BYL_OK and *ti; BYL_ENOTFOUND;
 * BYL_ECORRUPT. */
int byl_segment_lookup(byl_segment *s, const uint8_t *key, size_t keylen,
                       byl_terminfo *ti);

/* The lengths of a document (doc < ndocs) that queries mostly need:
 * lens[BYL_F_TEXT], lens[BYL_F_TITLE] and lens[BYL_F_NAME] (the fields of
 * BYL_LENS_FIELDS; the others are left as they were), exact: from LENS
 * (version 7, 4 bytes a document, a 4 KiB chunk holding 1,024 of them),
 * else (a length too long for LENS, an older segment) from DOCS.  BYL_OK,
 * BYL_EINVAL, BYL_ECORRUPT, BYL_EIO, BYL_ENOMEM. */
int byl_segment_short_lens(byl_segment *s, uint32_t doc, uint32_t *lens);

/* Date (or BYL_NO_DATE) and field lengths of a document (doc < ndocs;
 * documents of a verified page).  Return BYL_OK or BYL_ECORRUPT. */
int byl_segment_doc_info(byl_segment *s, uint32_t doc, int64_t *date,
                         uint32_t *lens /* [BYL_NFIELDS] */);

/* The external id of a document, without decompressing anything.  *id is
 * borrowed from the map (not NUL-terminated).  BYL_OK, BYL_ECORRUPT,
 * BYL_EINVAL. */
int byl_segment_doc_id(byl_segment *s, uint32_t doc, const char **id, size_t *len);

/* The near-duplicate sketch of a document (BYL_FP_REC bytes,
 * index/fingerprint.h), borrowed from the map; its page is verified.
 * BYL_OK, BYL_ECORRUPT, BYL_EINVAL (doc out of range). */
int byl_segment_fingerprint(byl_segment *s, uint32_t doc, const uint8_t **rec);
/* The sketches of documents [first, first + n) copied into out (n *
 * BYL_FP_REC bytes), verified; the mapped pages wholly under them are let
 * go of, so that a pass over every sketch (the clustering's, cluster.h)
 * keeps no more of them resident than its buffer.  BYL_OK, BYL_ECORRUPT,
 * BYL_EINVAL (past the last document). */
int byl_segment_fingerprints(byl_segment *s, uint32_t first, uint32_t n, uint8_t *out);

/* The stored article.  Strings in *out are borrowed from the segment and
 * valid until the next byl_segment_stored() on it.  BYL_OK, BYL_ECORRUPT,
 * BYL_ENOMEM, BYL_EINVAL (doc out of range). */
int byl_segment_stored(byl_segment *s, uint32_t doc, byl_stored *out);

/* Dictionary walk in key order, from the first key >= a given one. */
typedef struct byl_dictiter {
    byl_segment *seg;
    uint32_t block;      /* current dictionary block */
    uint32_t in_block;   /* index of the current term in it */
    const uint8_t *p;    /* next entry */
    const uint8_t *end;  /* end of DICT */
    uint64_t post_next, pos_next;
    uint8_t key[BYL_MAX_KEY];
    size_t keylen;
    byl_terminfo info;
    int eof;
    int err;
} byl_dictiter;

/* Positions it on the first key >= key (keylen may be 0: the first key).
 * Then it->key/keylen/info describe it, or it->eof is set. */
int byl_dictiter_seek(byl_dictiter *it, byl_segment *s, const uint8_t *key,
                      size_t keylen);
int byl_dictiter_next(byl_dictiter *it);

typedef struct byl_cursor {
    /* output */
    uint32_t doc;            /* current document, BYL_END when done */
    uint32_t tf;             /* its term frequency */
    int err;                 /* BYL_ECORRUPT once damage was met */
    /* read-only after init */
    uint32_t df;
    uint32_t max_tf;
    /* private */
    byl_segment *seg;
    const uint8_t *del;      /* deleted documents to skip, or NULL */
    const uint8_t *skip;     /* skip table, NULL for single-block lists */
    uint32_t skip_size;      /* bytes of a skip entry: the segment version's */
    const uint8_t *blocks;   /* first block */
    const uint8_t *end;      /* end of the term's postings */
    const uint8_t *pos;      /* term's positions */
    const uint8_t *pos_end;
    uint32_t nblocks;
    uint32_t block;          /* decoded block, or UINT32_MAX */
    uint32_t n;              /* documents in the decoded block */
    uint32_t i;              /* index of doc in it */
    uint32_t pos_i;          /* positions reader: document index in block */
    const uint8_t *pos_p;    /* and where its positions start */
    uint32_t docs[BYL_BLOCK];
    uint32_t tfs[BYL_BLOCK];
} byl_cursor;

/* Starts a cursor on a term of s at its first live document. */
void byl_cursor_init(byl_cursor *c, byl_segment *s, const byl_terminfo *ti);
/* Advances to the next document; returns c->doc. */
uint32_t byl_cursor_next(byl_cursor *c);
/* Advances to the first document >= target (never backwards); returns
 * c->doc. */
uint32_t byl_cursor_next_geq(byl_cursor *c, uint32_t target);
/* Reading a list whole into a bitmap (maxscore.c), on a copy of a
 * cursor: byl_cursor_block_rest gives the documents of the current block
 * from the current one on (*docs, valid until the cursor moves; 0 at the
 * end), deleted ones included; byl_cursor_skip_block moves to the next
 * block's first document, deleted or not (BYL_END at the end or on
 * damage, c->err set).  A cursor so moved is for nothing else. */
size_t byl_cursor_block_rest(const byl_cursor *c, const uint32_t **docs);
uint32_t byl_cursor_skip_block(byl_cursor *c);
/* Largest doc of the current block (for skipping), BYL_END when done. */
uint32_t byl_cursor_block_last(const byl_cursor *c);
/* The current block's impacts (see format.h): up to BYL_IMPACTS (tf,
 * length) pairs that bound its BM25 scores, tf and length descending.
 * Returns their number (at least 1); a list of one block, or impacts that
 * do not decode, report the list's largest tf with length 0. */
size_t byl_cursor_block_impacts(const byl_cursor *c, uint32_t *tf, uint32_t *len);
/* A shallow advance: the first block at or after block 'from' whose last
 * document is >= target, found in the skip table without decoding a block
 * (c->nblocks if none; the cursor does not move).  With
 * byl_cursor_last_of and byl_cursor_impacts_of (both for any block b, as
 * byl_cursor_block_last and byl_cursor_block_impacts are for the current
 * one), a list that is only probed bounds the documents around a target
 * by its own block, as the lists it is probed for do. */
uint32_t byl_cursor_block_find(const byl_cursor *c, uint32_t from, uint32_t target);
uint32_t byl_cursor_last_of(const byl_cursor *c, uint32_t b);
size_t byl_cursor_impacts_of(const byl_cursor *c, uint32_t b, uint32_t *tf, uint32_t *len);
/* Decodes the positions of the current document into buf (room for cap);
 * returns their number (which may exceed cap: then only cap are written),
 * or -1 on damage (c->err set). */
long byl_cursor_positions(byl_cursor *c, uint32_t *buf, size_t cap);

#endif
