/*
 * _manifest.h - the MANIFEST of an index directory: the commit point that
 * names its segments and their deletion files (internal to index/).
 *
 * Layout (little-endian):
 *     magic "BYLMAN\r\n", u32 version, u32 flags, u64 generation,
 *     u32 title weight, u32 segment count,
 *     per segment: u16 name length, name, u32 documents, u64 bytes,
 *                  (version 2) u32 deleted, u16 length, deletion file name,
 *     u32 crc32 of everything before it.
 * docs/FORMAT.md gives every byte.
 *
 * Not for: deciding what a change commits (writer.c) or recovering a lost
 * manifest (repair.c).
 */
#ifndef BYL__MANIFEST_H
#define BYL__MANIFEST_H

#include <stddef.h>
#include <stdint.h>

#include "index/deletes.h"
#include "index/segment.h"

#define BYL_MANIFEST_MAGIC "BYLMAN\r\n"
#define BYL_MANIFEST_VERSION 2
#define BYL_MANIFEST_MAX (1 << 16) /* bytes; about 1,000 segments */
#define BYL_MF_NO_NAMES 1u          /* manifest flag: built with --no-names */
#define BYL_MF_ALL 1u

typedef struct byl_segref {
    char name[64];
    char del[96];       /* its deletion file, "" if none */
    uint32_t ndocs;
    uint32_t ndeleted;
    uint64_t size;
    /* the writer's, never written: */
    byl_segment *seg;   /* opened on demand */
    byl_dels *pending;  /* documents this change deletes */
    int drop;           /* leaves the index in this change */
    int fresh;          /* BYL_FRESH_*: written by this change, still under
                           its temporary name (name + ".tmp") */
} byl_segref;

#define BYL_FRESH_SEG 1u
#define BYL_FRESH_DEL 2u

typedef struct byl_manifest {
    uint64_t generation;
    uint32_t flags;         /* BYL_MF_* */
    uint32_t title_weight;
    uint32_t nseg;
    byl_segref *segs;
} byl_manifest;

/* Frees what m holds and zeroes it (m itself is the caller's). */
void byl_manifest_free(byl_manifest *m);

/* Reads dir/MANIFEST into *m.  BYL_OK; BYL_ENOTFOUND when there is none;
 * BYL_ECORRUPT (checksum, layout, not a regular file), BYL_EVERSION,
 * BYL_EIO, BYL_ENOMEM; *m is empty on failure. */
int byl_manifest_read(const char *dir, byl_manifest *m);

/* Reads dir/name ("MANIFEST.tmp": a commit's intent) as byl_manifest_read
 * reads the MANIFEST; BYL_ENOTFOUND (no message) when there is none. */
int byl_manifest_read_named(const char *dir, const char *name, byl_manifest *m);

/* Writes MANIFEST.tmp and syncs it: names what the commit will hold, and
 * accounts for the files renamed to committed names before it is renamed
 * over MANIFEST (leftovers.c).  BYL_OK; BYL_EIO, BYL_ELIMIT, BYL_ENOMEM. */
int byl_manifest_write_tmp(const char *dir, const byl_manifest *m);

/* Renames MANIFEST.tmp over MANIFEST: the commit.  BYL_OK; BYL_EIO when
 * nothing changed; BYL_ENOTSYNCED when the new MANIFEST is in place but
 * the directory could not be synced. */
int byl_manifest_install(const char *dir);

/* Writes MANIFEST.tmp, syncs it and renames it over MANIFEST: the commit.
 * BYL_OK; BYL_EIO, BYL_ELIMIT, BYL_ENOMEM when nothing changed;
 * BYL_ENOTSYNCED when the new MANIFEST is in place but the directory
 * could not be synced (util/durable.h). */
int byl_manifest_write(const char *dir, const byl_manifest *m);

/* dir/name into buf (cap bytes).  BYL_OK or BYL_EINVAL (too long). */
int byl_path_join(char *buf, size_t cap, const char *dir, const char *name);

#endif
