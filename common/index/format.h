/*
 * format.h - constants of the on-disk format shared by the segment writer
 * and reader, and the fields an article is indexed under.
 *
 * A segment is one file:
 *     header  (16 bytes)  magic "BYLSEG\r\n", u32 version, u32 0
 *     POSTINGS            per term: skip table, then 128-doc blocks
 *     DICT                sorted term keys, front-coded in blocks of 32
 *     DICTIDX             u32 offset of every DICT block
 *     DOCS                per document: i64 date, u32 length per field
 *     POSITIONS           per term, per document: vbyte count, vbyte gaps
 *     STORE               zlib blocks of stored articles
 *     STOREIDX            per store block: u64 offset, u32 first doc
 *     IDS                 external ids, uncompressed, for result lists
 *     FPRINT              per document: body sketch for near-duplicates
 *     CHUNKS  (version 5) u32 CRC32 per 4 KiB chunk of all the bytes above
 *     footer              section table, statistics, (version 5) u64
 *                         offset of CHUNKS, page CRC table
 *     tail    (32 bytes)  u64 footer offset, u32 footer length,
 *                         u32 crc32(footer), u32 page count, u32 version,
 *                         magic "BYLEND\r\n"
 * docs/FORMAT.md gives every byte.  Integers are little-endian.
 *
 * Not for: reading or writing (segment.h, segwriter.h).
 */
#ifndef BYL_FORMAT_H
#define BYL_FORMAT_H

#include <stddef.h>
#include <stdint.h>

#define BYL_SEG_MAGIC "BYLSEG\r\n"
#define BYL_SEG_TAIL_MAGIC "BYLEND\r\n"
#define BYL_SEG_VERSION 7
/* Version 7 adds LENS, the lengths a query mostly needs (TEXT, TITLE,
 * NAME) in 4 bytes a document beside DOCS: scoring reads them instead of a
 * 32-byte record (versions 3 to 6 are read through DOCS). */
#define BYL_SEG_VERSION_LENS 7
/* The oldest version still read: 3 has no tags (no TAG terms, and stored
 * articles of six strings); 4 has no chunk CRCs; 5 has four impacts per
 * block, inline in the skip table (BYL_SKIP_ENTRY5). */
#define BYL_SEG_VERSION_MIN 3
#define BYL_SEG_HEADER 16
#define BYL_SEG_TAIL 32
/* Every page of the file before the footer has its own CRC32, checked the
 * first time a reader touches it, so a query never reads the whole file. */
#define BYL_PAGE_SHIFT 15
#define BYL_PAGE_SIZE (1u << BYL_PAGE_SHIFT)
/* Version 5 also keeps a CRC32 per 4 KiB chunk of the data before the chunk
 * table (itself covered by the page CRCs), so a read of a few bytes here and
 * there (a document's lengths, an id, a dictionary block) checks the memory
 * page it reads and not the 32 KiB around it.  A page CRC is still what
 * 'byline-index check' uses, and what covers the chunk table. */
#define BYL_CHUNK_SHIFT 12
#define BYL_CHUNK_SIZE (1u << BYL_CHUNK_SHIFT)
#define BYL_SEG_VERSION_CHUNKS 5
#define BYL_DICT_BLOCK 32        /* terms per front-coded dictionary block */
/* Raw bytes of stored articles per zlib block: a writer's choice (readers
 * find blocks through the store index), small so that a snippet inflates
 * little beside its article (16 KiB blocks cost Reuters searches 10-24%
 * more instructions for an index 3% smaller). */
#define BYL_STORE_BLOCK 4096
#define BYL_MAX_KEY 255          /* longest term key (field byte + term) */

enum byl_section {
    BYL_SEC_POSTINGS = 1,
    BYL_SEC_DICT,
    BYL_SEC_DICTIDX,
    BYL_SEC_DOCS,
    BYL_SEC_POSITIONS,
    BYL_SEC_STORE,
    BYL_SEC_STOREIDX,
    BYL_SEC_IDS,      /* u32 end offset per document, then the ids' bytes */
    BYL_SEC_FPRINT,   /* BYL_FP_REC bytes per document (index/fingerprint.h) */
    BYL_SEC_LENS,     /* (version 7) BYL_LENS_REC bytes per document: its TEXT,
                         TITLE and NAME lengths, short (BYL_LENS_REC) */
    BYL_SEC_COUNT_ /* one past the last */
};

/* Fields.  A term key is one field byte followed by the term's bytes.
 * TEXT is the title and body together (title term frequencies weighted by
 * the index's title weight), the default target of a query word. */
enum byl_field {
    BYL_F_TEXT = 0,
    BYL_F_TITLE,
    BYL_F_AUTHOR,
    BYL_F_NAME,   /* name entities from title and body */
    BYL_F_SOURCE,
    BYL_F_ID,     /* the external id, one term per article, for lookups */
    BYL_NFIELDS
};

/* Not a stored field: the body part of TEXT (positions after the title),
 * searched through TEXT's postings by `body:`. */
#define BYL_F_BODY BYL_NFIELDS

/* A keyword field (segment version 4): one term per distinct tag of the
 * article (its categories, tags, section, keywords), the whole tag
 * normalized by byl_tag_norm (text/tag.h), a long one hashed as a long id
 * is (byl_tagkey, index/idkey.h), position = the tag's rank.  It
 * has no length column in DOCS (a tag term scores as in a field of length
 * 1) and its impacts carry length 0.  Version-3 segments have no TAG
 * terms: tag: finds nothing there. */
#define BYL_F_TAG (BYL_NFIELDS + 1)

/* In TEXT, body positions start this far after the title's last, so a
 * phrase never runs from the headline into the first sentence, and a
 * position tells which of the two it is in. */
#define BYL_TITLE_GAP 16

/* A LENS entry: u16 TEXT length, u8 TITLE length, u8 NAME length; a
 * length too long for its place is written as the place's largest value
 * (0xFFFF, 0xFF), and DOCS is read for it.  The section starts on a
 * multiple of 4, so an entry never spans two chunks. */
#define BYL_LENS_REC 4
#define BYL_LENS_FIELDS ((1u << BYL_F_TEXT) | (1u << BYL_F_TITLE) | (1u << BYL_F_NAME))

/* Whether LENS gives a field's length: TEXT, TITLE, NAME, and BODY (TEXT
 * less the weighted TITLE).  One test for every reader of it. */
static inline int byl_lens_has(int field)
{
    return field == BYL_F_BODY || (field >= 0 && field < BYL_NFIELDS && (BYL_LENS_FIELDS >> field & 1));
}

/* Sections of a segment of version v: LENS from version 7 on. */
static inline int byl_seg_nsections(uint32_t v)
{
    return v >= BYL_SEG_VERSION_LENS ? BYL_SEC_LENS : BYL_SEC_FPRINT;
}

/* Bytes of one DOCS record: i64 date + u32 length per field. */
#define BYL_DOC_REC (8 + 4 * BYL_NFIELDS)

/* Version 5 skip table entry, one per 128-doc block: u32 last doc, u32 byte offset of
 * the block from the start of the term's blocks, u32 byte offset of the
 * block's positions from the start of the term's positions, then the
 * block's impacts: BYL_IMPACTS5 pairs (u32 term frequency, u32 length of the
 * term's field), tf descending, unused pairs tf 0.  Every document of the
 * block has a tf no larger and a length no smaller than one of the pairs,
 * so they bound any BM25 score in the block, whatever k1, b and average
 * length a query uses. */
#define BYL_IMPACTS5 4
#define BYL_SKIP_ENTRY5 (12 + 8 * BYL_IMPACTS5)
/* Version 6: the skip entry is 16 bytes, u32 last doc, u32 offset of the
 * block, u32 offset of its positions, u32 offset of its impacts (the two
 * offsets into postings counted from the end of the skip table); the
 * impacts of every block follow the table, before the first block, each
 * as vbyte count (1..BYL_IMPACTS) then count times vbyte tf, vbyte length,
 * tf descending.  Up to 16 pairs follow a saturated word's frontier
 * (four merged pairs, taking the largest tf of one document and the least
 * length of another, bounded most blocks of "the" near the word's top
 * score), and as vbytes they take less room than version 5's four u32
 * pairs.  The entry size is fixed so that the block of a target is found
 * without decoding (a shallow advance). */
#define BYL_SEG_VERSION_IMPACTS 6
#define BYL_IMPACTS 16
#define BYL_SKIP_ENTRY6 16

/* Order of term keys: memcmp, a shorter key before its extensions. */
static inline int byl_key_cmp(const uint8_t *a, size_t al, const uint8_t *b, size_t bl)
{
    size_t n = al < bl ? al : bl;
    for (size_t i = 0; i < n; i++)
        if (a[i] != b[i])
            return a[i] < b[i] ? -1 : 1;
    return al < bl ? -1 : al > bl;
}

/* Name of a field as written in queries ("title"), or NULL. */
const char *byl_field_name(int field);
/* Field number for a name ("title", "author", ...), or -1. */
int byl_field_parse(const char *name, size_t len);

#endif
