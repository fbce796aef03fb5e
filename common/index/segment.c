/*
 * segment.c - segment reader over mmap, with lazy page verification.
 *
 * Trust nothing read from the file: every length and offset is checked
 * against the section it points into before use, and a page is read only
 * after its CRC32 matched (in version 5, the 4 KiB chunk read, format.h).  A mismatch is reported as BYL_ECORRUPT with the
 * file and page; it is never an assert.
 *
 * Not for: writing (segwriter.c) or scoring.
 */
#include "index/segment.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>
#include <libdeflate.h>

#include "index/deletes.h"
#include "index/fingerprint.h"
#include "util/crc.h"
#include "util/bytes.h"
#include "util/err.h"
#include "util/mem.h"
#include "util/regular.h"

struct byl_segment {
    char *path;
    const uint8_t *map;
    uint64_t size;
    uint64_t footer_off;
    uint32_t npages;
    uint32_t version;           /* 3 (no tags) or 4 */
    const uint8_t *page_crcs;   /* in the footer: u32 per page */
    uint8_t *footer;            /* the footer, read by pread (owned) */
    uint8_t *verified;          /* bit per page */
    uint64_t chunks_off;        /* version 5: the chunk table, covering [0, chunks_off); else 0 */
    uint8_t *chunk_ok;          /* bit per chunk verified, or NULL */
    uint64_t sec_off[BYL_SEC_COUNT_];
    uint64_t sec_len[BYL_SEC_COUNT_];
    byl_segstats stats;
    byl_dels *dels;             /* owned, or NULL */
    const uint8_t *del_bits;    /* its bitmap */
    uint32_t ndict_blocks;
    uint32_t nstore_blocks;
    /* stored-text cache: the last block inflated */
    uint32_t cache_block;
    uint8_t *cache;
    size_t cache_cap, cache_len;
    /* version 5: DOCS records are read with pread into a few verified
     * chunks (doc_chunks), not through the map, so scoring documents spread
     * over a large column maps none of its pages (see byl_segment_doc_info) */
    int fd;                     /* the file, kept open for pread; -1 when closed */
    int hold;                   /* ... or kept only for byl_segment_clone; -1 */
    int sketch_fd;              /* opened by byl_segment_fingerprints without the two; -1 */
    struct doc_chunks *docs;    /* made on first use, or NULL */
    struct doc_chunks *lens;    /* the same for LENS (version 7) */
    struct peek *peek;          /* made on first use, or NULL */
    struct memo *memo;          /* made on first look-up, or NULL */
    struct fences *fences;      /* made on first look-up by pread, or NULL */
    int reads_on;               /* byl_segment_reads_begin was called */
    ino_t ino;                  /* the file as opened (byl_segment_reads_begin) */
    struct timespec mtime;
    struct listread *reads;     /* postings lists read so, newest first */
    struct table_pages *table;  /* chunk table pages read by pread, or NULL */
    uint64_t reads_bytes;       /* their size */
    uint8_t docrec[BYL_DOC_REC]; /* a record that spans two chunks */
};

/* DOCS chunks read by pread, each checked against its CRC in the chunk
 * table: chunk c lives in slot c % nslots.  Scoring visits a segment's
 * documents in order, so a miss on the chunk after the last one read reads
 * ahead to the end of the slots, each chunk checked when first used, once
 * in the segment's life (chunk_ok, as for mapped reads: the file is written
 * once, so a chunk read again holds the bytes that matched; checking each
 * re-read cost 25% of the AOL log's instructions at a million articles,
 * the slots cycling).  A segment starts with DOC_SLOTS0 slots and takes all
 * DOC_CHUNKS (a pread of up to 64 KiB, not 16) once DOC_RUNS misses came
 * in order: a search that scores documents spread over the column writes
 * 4 pages of the cache, not 16 (each page first written is a fault, see
 * struct peek: 60 faults of a search at a million articles, five
 * segments), and one that scores them densely still reads far ahead (4
 * slots throughout cost "new york population" 2,805 preads, not 1,248). */
#define DOC_CHUNKS 16
#define DOC_SLOTS0 4
#define DOC_RUNS 8
/* A smaller DOCS column is mapped: all of it costs fewer pages than the
 * chunk cache, and a fault maps its neighbours too (fault-around). */
#define DOC_READ_MIN ((uint64_t)1 << 20)
/* A process that goes on reading DOCS (a server, a benchmark, a batch of
 * queries) is better served by the map: past this many preads in a
 * segment its records are read through the map, each chunk checked once
 * (check_chunks; chunk_ok is shared with the preads).  A pread a chunk
 * made the AOL log at a million articles 20 times slower at the median
 * (p50 14 ms against 0.69 ms mapped, in one process, syscalls and copies
 * that instruction counts do not show); one search from the shell stays
 * under the limit and maps none of the column. */
#define DOC_PREADS 1024
struct doc_chunks {
    uint64_t chunk[DOC_CHUNKS]; /* the chunk in each slot, UINT64_MAX when empty */
    uint8_t ok[DOC_CHUNKS];     /* its CRC checked (read ahead: checked when first used) */
    uint64_t next;              /* the chunk after the last one read */
    uint32_t reads;             /* preads so far: past DOC_PREADS, DOCS is mapped */
    uint32_t nslots;            /* DOC_SLOTS0, then DOC_CHUNKS */
    uint32_t runs;              /* misses on next so far */
    uint8_t data[DOC_CHUNKS][BYL_CHUNK_SIZE];
};

/* Small reads by pread (version 5 on, a segment large enough to keep its
 * file open): the probes of the binary searches over the dictionary and
 * the store index, and a stored block before it is inflated.  A probe
 * through the map faults in a page of a large section at nearly every
 * step; on the 2-core VM of docs/PERFORMANCE.md a fault on a mapped file
 * cost 18-30 us against 2.6 us for a pread of 4 KiB (the page tables, not
 * the copy, are dear there), and the probes of a two-word search at a
 * million articles were 90 of its 140 faults in the segments.  The chunks
 * covering a read are read whole into one buffer and each checked against
 * the chunk table; the pointer returned lasts until the segment's next
 * peek.  Past PEEK_READS preads a segment goes back to the map, as DOCS
 * does (DOC_PREADS): a process that goes on searching has those pages. */
#define PEEK_CHUNKS 5
#define PEEK_MAX ((uint64_t)(PEEK_CHUNKS - 1) * BYL_CHUNK_SIZE)
#define PEEK_READS 1024
struct peek {
    uint64_t first;  /* the first chunk in data */
    uint32_t n;      /* chunks in data, 0 before the first read */
    uint32_t reads;  /* preads so far */
    uint8_t data[PEEK_CHUNKS * BYL_CHUNK_SIZE];
};

/* A search's postings lists read by pread into the heap, whole, rather
 * than through the map (byl_segment_reads_begin).  On the 2-core VM of
 * docs/PERFORMANCE.md the first touch of a mapped file page in a 2 MiB
 * region the process had not touched cost 45-70 us and a later one 9-19
 * us, against 3.4 us for a pread of 4 KiB (round 26); a two-word search
 * at a million articles faulted 73 times in 31 such regions of its six
 * segments, in the lists it opened, the dictionary's index, the chunk
 * table and the footer, and unmapping them at exit cost more again.  A
 * list is read as the chunks that cover it, each checked against the
 * chunk table as a mapped read would be (once in the segment's life: the
 * file is written once), and stays until the next byl_segment_reads_begin
 * or the segment's close, since cursors keep pointers into it.  A list
 * longer than LIST_READ_MAX (a stopword's: the map's read-around serves
 * it better than a copy), past LIST_READS_CAP bytes read since the last
 * begin, or meeting a failed allocation goes through the map as before,
 * so what a search keeps is bounded.  A writer never begins reads, so
 * walking every list of a segment (merge, check, delete) maps, as it
 * always did; nor does a segment too small to keep its file open, whose
 * reads write nothing and which threads may share.  32, 64 and 128 KiB lists gave the same times over the AOL
 * log at a million articles (faults 159 / 159 / 159 median). */
#define LIST_READ_MAX ((uint64_t)64 << 10)
#define LIST_READS_CAP ((uint64_t)512 << 10)
struct listread {
    struct listread *next;
    uint8_t data[];
};

/* Pages of the chunk table read by pread, each checked against its page
 * CRC, for a segment with its file open.  Checking a chunk read by pread
 * needs its entry in the table, and the table's pages through the map
 * were four of the eight faults a segment took in a two-word search at a
 * million articles (each in a 2 MiB region untouched before: see struct
 * listread).  A search meets three or four table pages a segment (one
 * covers 32 MiB of the file: the postings, the dictionary, DOCS, the
 * store); two slots, taken in turn, hold the last two. */
#define TABLE_SLOTS 2
struct table_pages {
    uint64_t page[TABLE_SLOTS]; /* the file's page in each slot, UINT64_MAX when empty */
    uint32_t next;              /* the slot to take next */
    uint8_t data[TABLE_SLOTS][BYL_PAGE_SIZE];
};

/* The last look-ups of a segment read by pread (byl_segment_lookup), each
 * key with what it found.  A search plans its words more than once (the
 * ranking, then the sample of a collapsed search's totals; rewrites that
 * ask a word's df first), and each look-up is a binary search of about ten
 * probes over the dictionary, a pread each: at a million articles a
 * two-word search looked each key up twice in each of five segments, 538
 * preads of 4 KiB.  The file is written once and a lookup's deletions
 * change only with byl_segment_set_dels, which empties the memo.  Only a
 * segment with its file open keeps one: like the peek buffer and the DOCS
 * chunks, it is one reader's; a mapped segment's look-ups write nothing,
 * and readers on several threads may share it. */
#define MEMO_SLOTS 16
struct memo {
    uint8_t len[MEMO_SLOTS];    /* the key's length, 0: an empty slot */
    uint8_t found[MEMO_SLOTS];  /* 1: info holds it; 0: not in the segment */
    uint8_t key[MEMO_SLOTS][BYL_MAX_KEY];
    byl_terminfo info[MEMO_SLOTS];
};

/* The first keys of the dictionary blocks at the top of the binary
 * search, by their place in it (heap order: 1 the first probe, 2p and
 * 2p + 1 the probes after p), kept by a segment read by pread as the memo
 * is: every look-up goes down through the same blocks first, so a
 * search's later look-ups in a segment read about seven blocks, not
 * fourteen (12,335 blocks a segment at a million articles, where a
 * two-word search read 272 blocks of dictionary for 25 look-ups; 202 with
 * the fences).  Blocks are never rewritten, and a key here came from a
 * checked read. */
#define FENCE_DEPTH 7
#define FENCE_SLOTS (1u << FENCE_DEPTH)
struct fences {
    uint8_t have[FENCE_SLOTS];
    uint8_t len[FENCE_SLOTS];
    uint8_t key[FENCE_SLOTS][BYL_MAX_KEY];
};

static int corrupt(const byl_segment *s, const char *what)
{
    return byl_error_set(BYL_ECORRUPT, "%s: %s (the index is damaged: 'byline-index repair' "
                         "makes it searchable from what is intact)", s->path, what);
}

static int check_chunks(byl_segment *s, uint64_t off, uint64_t len);

/* The page-CRC error of page p, bytes [a, b). */
static int page_damaged(const byl_segment *s, uint64_t p, uint64_t a, uint64_t b)
{
    return byl_error_set(BYL_ECORRUPT, "%s: page %llu (bytes %llu..%llu) fails its checksum "
                         "(the index is damaged: 'byline-index repair' makes it searchable "
                         "from what is intact)",
                         s->path, (unsigned long long)p, (unsigned long long)a,
                         (unsigned long long)b);
}

/* Verifies the pages covering [off, off+len) of the file (the chunks, when
 * the segment has them and the range lies before their table). */
static int check(byl_segment *s, uint64_t off, uint64_t len)
{
    if (len == 0)
        return BYL_OK;
    if (off > s->footer_off || len > s->footer_off - off)
        return corrupt(s, "reference past the end of the data");
    if (s->chunk_ok && off + len <= s->chunks_off)
        return check_chunks(s, off, len);
    uint64_t first = off >> BYL_PAGE_SHIFT, last = (off + len - 1) >> BYL_PAGE_SHIFT;
    for (uint64_t p = first; p <= last; p++) {
        if (s->verified[p >> 3] & (1u << (p & 7)))
            continue;
        uint64_t a = p << BYL_PAGE_SHIFT;
        uint64_t b = a + BYL_PAGE_SIZE < s->footer_off ? a + BYL_PAGE_SIZE : s->footer_off;
        uint32_t crc = byl_crc32(0, s->map + a, b - a);
        if (crc != byl_get_u32(s->page_crcs + 4 * p))
            return page_damaged(s, p, a, b);
        s->verified[p >> 3] |= (uint8_t)(1u << (p & 7));
    }
    return BYL_OK;
}

/* The error of chunk c failing its CRC. */
static int chunk_damaged(const byl_segment *s, uint64_t c)
{
    uint64_t a = c << BYL_CHUNK_SHIFT;
    uint64_t b = a + BYL_CHUNK_SIZE < s->chunks_off ? a + BYL_CHUNK_SIZE : s->chunks_off;
    return byl_error_set(BYL_ECORRUPT, "%s: chunk %llu (bytes %llu..%llu) fails its checksum "
                         "(the index is damaged: 'byline-index repair' makes it searchable "
                         "from what is intact)",
                         s->path, (unsigned long long)c, (unsigned long long)a,
                         (unsigned long long)b);
}

/* Chunk c's entry in the chunk table, from a page checked against its CRC:
 * read by pread into s->table when the file is open and the page was not
 * checked through the map already, else through the map. */
static int table_crc(byl_segment *s, uint64_t c, uint32_t *crc)
{
    uint64_t at = s->chunks_off + 4 * c, p = at >> BYL_PAGE_SHIFT;
    uint64_t in = at & (BYL_PAGE_SIZE - 1);
    struct table_pages *t = s->table;
    if (!t && s->fd >= 0 && (t = s->table = byl_malloc(sizeof *t)) != NULL) {
        for (int i = 0; i < TABLE_SLOTS; i++)
            t->page[i] = UINT64_MAX;
        t->next = 0;
    }
    /* no file, a page checked already, an entry across two pages or no
     * memory for the slots: the map */
    if (!t || (s->verified[p >> 3] & (1u << (p & 7))) || in + 4 > BYL_PAGE_SIZE) {
        if (check(s, at, 4))
            return BYL_ECORRUPT;
        *crc = byl_get_u32(s->map + at);
        return BYL_OK;
    }
    for (int i = 0; i < TABLE_SLOTS; i++)
        if (t->page[i] == p) {
            *crc = byl_get_u32(t->data[i] + in);
            return BYL_OK;
        }
    uint32_t slot = t->next;
    t->next = (slot + 1) % TABLE_SLOTS;
    t->page[slot] = UINT64_MAX;
    uint64_t a = p << BYL_PAGE_SHIFT;
    uint64_t b = a + BYL_PAGE_SIZE < s->footer_off ? a + BYL_PAGE_SIZE : s->footer_off;
    if (byl_pread_all(s->fd, s->path, t->data[slot], (size_t)(b - a), a))
        return BYL_EIO;
    if (byl_crc32(0, t->data[slot], b - a) != byl_get_u32(s->page_crcs + 4 * p))
        return page_damaged(s, p, a, b);
    t->page[slot] = p;
    *crc = byl_get_u32(t->data[slot] + in);
    return BYL_OK;
}

/* Whether bytes, chunk c of the file (read or mapped), match its entry in
 * the chunk table: BYL_OK, or BYL_ECORRUPT (BYL_EIO) with the error set. */
static int chunk_bytes_ok(byl_segment *s, uint64_t c, const uint8_t *bytes)
{
    uint64_t a = c << BYL_CHUNK_SHIFT;
    uint64_t b = a + BYL_CHUNK_SIZE < s->chunks_off ? a + BYL_CHUNK_SIZE : s->chunks_off;
    uint32_t want = 0;
    int rc = table_crc(s, c, &want);
    if (rc)
        return rc;
    if (byl_crc32(0, bytes, b - a) != want)
        return chunk_damaged(s, c);
    return BYL_OK;
}

/* Compares chunk c with its entry in the table and marks it verified. */
static int chunk_crc(byl_segment *s, uint64_t c)
{
    if (chunk_bytes_ok(s, c, s->map + (c << BYL_CHUNK_SHIFT)))
        return BYL_ECORRUPT;
    s->chunk_ok[c >> 3] |= (uint8_t)(1u << (c & 7));
    return BYL_OK;
}

/* Verifies the chunks covering [off, off+len), all before chunks_off: their
 * table entries through the page CRCs, then each chunk against its entry.
 * Reading a 32-byte record so checks 4 KiB, not the 32 KiB page around it
 * (at a million articles, scoring touched most pages of DOCS). */
static int check_chunks(byl_segment *s, uint64_t off, uint64_t len)
{
    uint64_t first = off >> BYL_CHUNK_SHIFT, last = (off + len - 1) >> BYL_CHUNK_SHIFT;
    for (uint64_t c = first; c <= last; c++) {
        uint64_t pg = c >> (BYL_PAGE_SHIFT - BYL_CHUNK_SHIFT); /* a page checked whole covers it */
        if ((s->chunk_ok[c >> 3] & (1u << (c & 7))) || (s->verified[pg >> 3] & (1u << (pg & 7))))
            continue;
        int rc = chunk_crc(s, c);
        if (rc)
            return rc;
    }
    return BYL_OK;
}

/* Pointer to [off, off+len) of a section after verifying it, or NULL. */
static const uint8_t *region(byl_segment *s, int sec, uint64_t off, uint64_t len)
{
    if (off > s->sec_len[sec] || len > s->sec_len[sec] - off) {
        corrupt(s, "reference outside its section");
        return NULL;
    }
    if (check(s, s->sec_off[sec] + off, len))
        return NULL;
    return s->map + s->sec_off[sec] + off;
}

/* Whether chunk c was checked already, alone or with its page. */
static int chunk_known(const byl_segment *s, uint64_t c)
{
    uint64_t pg = c >> (BYL_PAGE_SHIFT - BYL_CHUNK_SHIFT);
    return (s->chunk_ok[c >> 3] & (1u << (c & 7))) || (s->verified[pg >> 3] & (1u << (pg & 7)));
}

/* The end of chunk c1's bytes: the next chunk's start, or chunks_off. */
static uint64_t chunk_end(const byl_segment *s, uint64_t c1)
{
    uint64_t b = (c1 + 1) << BYL_CHUNK_SHIFT;
    return b < s->chunks_off ? b : s->chunks_off;
}

/* Reads chunks c0..c1 whole by pread into buf and checks each against the
 * chunk table, but one whose bytes matched before (the file is written
 * once), marking those it checks: what peek() and list_region() share. */
static int read_chunks(byl_segment *s, uint64_t c0, uint64_t c1, uint8_t *buf)
{
    uint64_t ra = c0 << BYL_CHUNK_SHIFT;
    int rc = byl_pread_all(s->fd, s->path, buf, (size_t)(chunk_end(s, c1) - ra), ra);
    for (uint64_t c = c0; !rc && c <= c1; c++) {
        if (chunk_known(s, c))
            continue;
        if (!(rc = chunk_bytes_ok(s, c, buf + ((c << BYL_CHUNK_SHIFT) - ra))))
            s->chunk_ok[c >> 3] |= (uint8_t)(1u << (c & 7));
    }
    return rc;
}

/* As region(), read by pread into the segment's peek buffer when it can
 * be (see struct peek): the pointer lasts until the next peek. */
static const uint8_t *peek(byl_segment *s, int sec, uint64_t off, uint64_t len)
{
    if (off > s->sec_len[sec] || len > s->sec_len[sec] - off) {
        corrupt(s, "reference outside its section");
        return NULL;
    }
    uint64_t a = s->sec_off[sec] + off;
    if (len == 0 || len > PEEK_MAX || s->fd < 0 || !s->chunk_ok || a + len > s->chunks_off ||
        (s->peek && s->peek->reads >= PEEK_READS))
        return region(s, sec, off, len);
    uint64_t c0 = a >> BYL_CHUNK_SHIFT, c1 = (a + len - 1) >> BYL_CHUNK_SHIFT;
    struct peek *k = s->peek;
    if (k && k->n && c0 >= k->first && c1 < k->first + k->n)
        return k->data + (a - (k->first << BYL_CHUNK_SHIFT));
    if (!k) {
        k = s->peek = byl_malloc(sizeof *k);
        if (!k) /* the map needs no memory of the process's own */
            return region(s, sec, off, len);
        k->n = 0;
        k->reads = 0;
    }
    k->n = 0;
    k->reads++;
    if (read_chunks(s, c0, c1, k->data))
        return NULL;
    k->first = c0;
    k->n = (uint32_t)(c1 - c0 + 1);
    return k->data + (a - (c0 << BYL_CHUNK_SHIFT));
}

/* As region(), read by pread into the heap when reads are on and the
 * list is small enough (struct listread): the pointer lasts until the
 * next byl_segment_reads_begin. */
static const uint8_t *list_region(byl_segment *s, int sec, uint64_t off, uint64_t len)
{
    if (off > s->sec_len[sec] || len > s->sec_len[sec] - off) {
        corrupt(s, "reference outside its section");
        return NULL;
    }
    uint64_t a = s->sec_off[sec] + off;
    if (!s->reads_on || len == 0 || len > LIST_READ_MAX || s->fd < 0 || !s->chunk_ok ||
        a + len > s->chunks_off || s->reads_bytes + len > LIST_READS_CAP)
        return region(s, sec, off, len);
    uint64_t c0 = a >> BYL_CHUNK_SHIFT, c1 = (a + len - 1) >> BYL_CHUNK_SHIFT;
    uint64_t ra = c0 << BYL_CHUNK_SHIFT, rb = chunk_end(s, c1);
    struct listread *r = byl_malloc(sizeof *r + (size_t)(rb - ra));
    if (!r) /* the map needs no memory of the process's own */
        return region(s, sec, off, len);
    if (read_chunks(s, c0, c1, r->data)) {
        byl_free(r);
        return NULL;
    }
    r->next = s->reads;
    s->reads = r;
    s->reads_bytes += rb - ra;
    return r->data + (a - ra);
}

static void reads_free(byl_segment *s)
{
    while (s->reads) {
        struct listread *r = s->reads;
        s->reads = r->next;
        byl_free(r);
    }
    s->reads_bytes = 0;
}

/* Whether the file under the map is still the one opened, as long: a
 * segment is never written again once it is named, so a change of its
 * size or time is a hand (a truncation, an index copied over a live one
 * with cp), and a read through the map past a new end is SIGBUS, which
 * kills the process (hostile tester, round 27).  A file replaced by
 * another of the same name (a new inode) is harmless: the map holds the
 * old one.  A change during a search is not seen (docs/RELIABILITY.md). */
static int unchanged(const byl_segment *s)
{
    struct stat st;
    int fd = s->fd >= 0 ? s->fd : s->hold;
    int r = fd >= 0 ? fstat(fd, &st) : stat(s->path, &st);
    if (r != 0)
        return fd >= 0 ? corrupt(s, "cannot be examined") : BYL_OK; /* gone: the map holds it */
    if (st.st_ino != s->ino)
        return BYL_OK;
    if ((uint64_t)st.st_size != s->size || st.st_mtim.tv_sec != s->mtime.tv_sec ||
        st.st_mtim.tv_nsec != s->mtime.tv_nsec)
        return corrupt(s, "changed since it was opened (truncated or written over in place: "
                          "an index must not be modified by hand while it is searched); "
                          "open it again, and run 'byline-index check'");
    return BYL_OK;
}

int byl_segment_reads_begin(byl_segment *s)
{
    int rc = unchanged(s);
    if (rc || s->fd < 0)
        return rc; /* mapped: its reads write nothing (threads may share it) */
    reads_free(s);
    s->reads_on = 1;
    return BYL_OK;
}

static int open_fd(const char *path, int fd, int may_hold, byl_segment **out);

/* Descriptors kept only for byl_segment_clone (the `hold` of mapped
 * segments), process-wide, and their budget: a quarter of the process's
 * limit of open files, so that an index of many small segments opens
 * where it did before (a review of round 27: holding one per segment,
 * 60 segments under `ulimit -n 40` failed; 24 searchers of them took
 * 1,445 descriptors).  Past the budget a segment holds none, and a clone
 * opens its file again by name. */
static long held;
static long hold_budget(void)
{
    static long budget = -1;
    long b = __atomic_load_n(&budget, __ATOMIC_RELAXED);
    if (b < 0) {
        struct rlimit rl;
        b = getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY
                ? (long)(rl.rlim_cur / 4) : 256;
        __atomic_store_n(&budget, b, __ATOMIC_RELAXED);
    }
    return b;
}

static int take_hold(void)
{
    if (__atomic_add_fetch(&held, 1, __ATOMIC_RELAXED) <= hold_budget())
        return 1;
    __atomic_sub_fetch(&held, 1, __ATOMIC_RELAXED);
    return 0;
}

int byl_segment_open(const char *path, byl_segment **out)
{
    *out = NULL;
    int fd;
    int rc0 = byl_open_regular(path, &fd);
    if (rc0) {
        /* missing or unreadable is an I/O matter to the caller; a FIFO in
         * its place is damage; too many open files is neither (the index
         * is intact: said so, not "damaged") */
        if (rc0 == BYL_ELIMIT)
            return byl_error_set(BYL_ELIMIT, "%s (the index is intact: raise the limit of open "
                                 "files, ulimit -n, or merge the index into fewer segments)",
                                 byl_error_msg());
        if (rc0 != BYL_ECORRUPT)
            rc0 = byl_error_set(BYL_EIO, "%s", byl_error_msg());
        return rc0;
    }
    return open_fd(path, fd, 1, out);
}

int byl_segment_clone(const byl_segment *s, byl_segment **out)
{
    *out = NULL;
    int keep = s->fd >= 0 ? s->fd : s->hold, fd;
    if (keep >= 0) {
        fd = fcntl(keep, F_DUPFD_CLOEXEC, 0); /* not dup: a child must not inherit it */
        if (fd < 0)
            return byl_error_set(errno == EMFILE || errno == ENFILE ? BYL_ELIMIT : BYL_EIO,
                                 "%s: cannot open again: %s%s", s->path, strerror(errno),
                                 errno == EMFILE || errno == ENFILE
                                     ? " (raise the limit of open files, ulimit -n, or merge "
                                       "the index into fewer segments)"
                                     : "");
    } else { /* nothing held: the file by its name, if it is still the one opened */
        int rc = byl_open_regular(s->path, &fd);
        struct stat st;
        if (!rc && (fstat(fd, &st) || st.st_ino != s->ino || (uint64_t)st.st_size != s->size)) {
            close(fd);
            rc = BYL_ENOTFOUND;
        }
        if (rc)
            return byl_error_set(BYL_ENOTFOUND, "%s: the index changed since it was opened (a "
                                 "writer removed or replaced this file); open it again",
                                 s->path);
    }
    int rc = open_fd(s->path, fd, 0, out);
    byl_dels *d;
    if (!rc && s->dels && (rc = byl_dels_copy(s->dels, &d)) == BYL_OK)
        byl_segment_set_dels(*out, d);
    if (rc && *out) {
        byl_segment_close(*out);
        *out = NULL;
    }
    return rc;
}

/* Opens the segment of the open file fd (taken: closed on failure), named
 * path in messages; a mapped one keeps fd for byl_segment_clone when
 * may_hold and the budget allows. */
static int open_fd(const char *path, int fd, int may_hold, byl_segment **out)
{
    *out = NULL;
    byl_segment *s = byl_calloc(1, sizeof *s);
    if (!s || !(s->path = byl_strdup(path))) {
        byl_free(s);
        close(fd);
        return byl_error_set(BYL_ENOMEM, "out of memory opening %s", path);
    }
    s->cache_block = UINT32_MAX;
    s->fd = -1;
    s->hold = -1;
    s->sketch_fd = -1;
    struct stat st;
    if (fstat(fd, &st) || st.st_size < BYL_SEG_HEADER + BYL_SEG_TAIL) {
        close(fd);
        int rc = corrupt(s, "file too short to be a segment (truncated?)");
        byl_segment_close(s);
        return rc;
    }
    s->size = (uint64_t)st.st_size;
    s->ino = st.st_ino;
    s->mtime = st.st_mtim;
    void *m = mmap(NULL, s->size, PROT_READ, MAP_PRIVATE, fd, 0);
    s->fd = fd; /* closed below unless the segment has chunk CRCs */
    if (m == MAP_FAILED) {
        int rc = byl_error_set(BYL_EIO, "cannot map %s: %s", path, strerror(errno));
        byl_segment_close(s);
        return rc;
    }
    s->map = m;
    /* the header, the tail and the footer are read by pread, not through
     * the map: each lies in a 2 MiB region of the file no search touches
     * otherwise, where a first fault costs 45-70 us on the VM of
     * docs/PERFORMANCE.md (struct listread) */
    uint8_t head[12], tail[BYL_SEG_TAIL];
    int rc = byl_pread_all(fd, path, head, sizeof head, 0);
    if (!rc)
        rc = byl_pread_all(fd, path, tail, sizeof tail, s->size - BYL_SEG_TAIL);
    if (rc)
        goto fail;
    if (memcmp(head, BYL_SEG_MAGIC, 8) != 0) {
        rc = corrupt(s, "not a Byline segment (bad magic number)");
        goto fail;
    }
    if (memcmp(tail + 24, BYL_SEG_TAIL_MAGIC, 8) != 0) {
        rc = corrupt(s, "segment end marker missing (truncated or overwritten)");
        goto fail;
    }
    s->version = byl_get_u32(head + 8);
    if (s->version < BYL_SEG_VERSION_MIN || s->version > BYL_SEG_VERSION) {
        rc = byl_error_set(BYL_EVERSION, "%s: segment format version %u, this program reads %u "
                           "to %u; rebuild the index", path, s->version,
                           BYL_SEG_VERSION_MIN, BYL_SEG_VERSION);
        goto fail;
    }
    /* a version this program reads at the start and another at the end is
     * damage, not a newer format */
    if (byl_get_u32(tail + 20) != s->version) {
        rc = corrupt(s, "end marker's format version differs from the header's");
        goto fail;
    }
    s->footer_off = byl_get_u64(tail);
    uint32_t flen = byl_get_u32(tail + 8);
    s->npages = byl_get_u32(tail + 16);
    if (s->footer_off < BYL_SEG_HEADER || s->footer_off > s->size - BYL_SEG_TAIL ||
        flen != s->size - BYL_SEG_TAIL - s->footer_off) {
        rc = corrupt(s, "footer position does not match the file size (truncated?)");
        goto fail;
    }
    if (!(s->footer = byl_malloc(flen ? flen : 1))) {
        rc = byl_error_set(BYL_ENOMEM, "out of memory opening %s", path);
        goto fail;
    }
    if ((rc = byl_pread_all(fd, path, s->footer, flen, s->footer_off)))
        goto fail;
    const uint8_t *f = s->footer, *fend = f + flen;
    if (byl_crc32(0, f, flen) != byl_get_u32(tail + 12)) {
        rc = corrupt(s, "footer fails its checksum");
        goto fail;
    }
    uint64_t want_pages = (s->footer_off + BYL_PAGE_SIZE - 1) >> BYL_PAGE_SHIFT;
    if (s->npages != want_pages) {
        rc = corrupt(s, "page table does not cover the file");
        goto fail;
    }
    if (flen < 4) {
        rc = corrupt(s, "footer too short");
        goto fail;
    }
    uint32_t nsec = byl_get_u32(f);
    f += 4;
    if (nsec != (uint32_t)byl_seg_nsections(s->version) ||
        (size_t)(fend - f) < nsec * 20u + 20 + 8 * BYL_NFIELDS + 16) {
        rc = corrupt(s, "bad section table");
        goto fail;
    }
    for (uint32_t i = 0; i < nsec; i++, f += 20) {
        uint32_t id = byl_get_u32(f);
        uint64_t off = byl_get_u64(f + 4), len = byl_get_u64(f + 12);
        if (id == 0 || id > nsec || off < BYL_SEG_HEADER || off > s->footer_off ||
            len > s->footer_off - off) {
            rc = corrupt(s, "section outside the file");
            goto fail;
        }
        s->sec_off[id] = off;
        s->sec_len[id] = len;
    }
    s->stats.ndocs = byl_get_u32(f);
    s->stats.title_weight = byl_get_u32(f + 4);
    s->stats.nterms = byl_get_u64(f + 8);
    if (byl_get_u32(f + 16) != BYL_NFIELDS) {
        rc = corrupt(s, "unexpected number of fields");
        goto fail;
    }
    f += 20;
    for (int i = 0; i < BYL_NFIELDS; i++, f += 8)
        s->stats.total_len[i] = byl_get_u64(f);
    s->stats.min_date = (int64_t)byl_get_u64(f);
    s->stats.max_date = (int64_t)byl_get_u64(f + 8);
    f += 16;
    if (s->version >= BYL_SEG_VERSION_CHUNKS) {
        if (fend - f < 8) {
            rc = corrupt(s, "footer too short");
            goto fail;
        }
        /* the table covers [0, chunks_off) and ends where the footer starts */
        uint64_t co = byl_get_u64(f);
        f += 8;
        uint64_t nchunks = (co + BYL_CHUNK_SIZE - 1) >> BYL_CHUNK_SHIFT;
        if (co < BYL_SEG_HEADER || co > s->footer_off || s->footer_off - co != 4 * nchunks) {
            rc = corrupt(s, "chunk table does not cover the file");
            goto fail;
        }
        s->chunks_off = co;
        s->chunk_ok = byl_calloc(nchunks / 8 + 1, 1);
        if (!s->chunk_ok) {
            rc = byl_error_set(BYL_ENOMEM, "out of memory opening %s", path);
            goto fail;
        }
    }
    if ((size_t)(fend - f) != 4 * (size_t)s->npages) {
        rc = corrupt(s, "page table has the wrong size");
        goto fail;
    }
    s->page_crcs = f;
    if (s->sec_len[BYL_SEC_DOCS] != (uint64_t)s->stats.ndocs * BYL_DOC_REC ||
        s->sec_len[BYL_SEC_IDS] < (uint64_t)s->stats.ndocs * 4 ||
        s->sec_len[BYL_SEC_FPRINT] != (uint64_t)s->stats.ndocs * BYL_FP_REC ||
        s->sec_len[BYL_SEC_DICTIDX] % 4 || s->sec_len[BYL_SEC_STOREIDX] % 12 ||
        (s->version >= BYL_SEG_VERSION_LENS &&
         (s->sec_len[BYL_SEC_LENS] != (uint64_t)s->stats.ndocs * BYL_LENS_REC ||
          s->sec_off[BYL_SEC_LENS] % BYL_LENS_REC)) ||
        (s->stats.ndocs && !s->sec_len[BYL_SEC_STOREIDX])) {
        rc = corrupt(s, "section sizes disagree with the document count");
        goto fail;
    }
    s->ndict_blocks = (uint32_t)(s->sec_len[BYL_SEC_DICTIDX] / 4);
    s->nstore_blocks = (uint32_t)(s->sec_len[BYL_SEC_STOREIDX] / 12);
    s->verified = byl_calloc((s->npages + 7) / 8 + 1, 1);
    if (!s->verified) {
        rc = byl_error_set(BYL_ENOMEM, "out of memory opening %s", path);
        goto fail;
    }
    if (!s->chunk_ok || s->sec_len[BYL_SEC_DOCS] < DOC_READ_MIN) {
        /* DOCS is read through the map (byl_segment_doc_info); the file
         * may stay open, unread, so that another reader can open the same
         * file again after a writer removed its name (byl_segment_clone) */
        if (may_hold && take_hold())
            s->hold = s->fd;
        else
            close(s->fd);
        s->fd = -1;
    }
    *out = s;
    return BYL_OK;
fail:
    byl_segment_close(s);
    return rc;
}

void byl_segment_close(byl_segment *s)
{
    if (!s)
        return;
    if (s->map)
        munmap((void *)s->map, s->size);
    if (s->fd >= 0)
        close(s->fd);
    if (s->sketch_fd >= 0)
        close(s->sketch_fd);
    if (s->hold >= 0) {
        close(s->hold);
        __atomic_sub_fetch(&held, 1, __ATOMIC_RELAXED);
    }
    reads_free(s);
    byl_free(s->docs);
    byl_free(s->lens);
    byl_free(s->peek);
    byl_free(s->table);
    byl_free(s->footer);
    byl_free(s->memo);
    byl_free(s->fences);
    byl_free(s->verified);
    byl_free(s->chunk_ok);
    byl_dels_free(s->dels);
    byl_free(s->cache);
    byl_free(s->path);
    byl_free(s);
}

const byl_segstats *byl_segment_stats(const byl_segment *s) { return &s->stats; }
const byl_dels *byl_segment_dels(const byl_segment *s) { return s->dels; }
const char *byl_segment_path(const byl_segment *s) { return s->path; }

void byl_segment_set_dels(byl_segment *s, byl_dels *d)
{
    byl_dels_free(s->dels);
    byl_free(s->memo); /* its entries counted the old deletions */
    s->memo = NULL;
    s->dels = d;
    s->del_bits = byl_dels_bits(d);
    s->stats.ndeleted = byl_dels_count(d);
    const uint64_t *l = byl_dels_lens(d);
    for (int f = 0; f < BYL_NFIELDS; f++)
        s->stats.total_len[f] = s->stats.total_len[f] > l[f] ? s->stats.total_len[f] - l[f] : 0;
}

int byl_segment_is_deleted(const byl_segment *s, uint32_t doc)
{
    return s->del_bits && doc < s->stats.ndocs && byl_dels_has(s->del_bits, doc);
}

void byl_segment_drop_pages(byl_segment *s)
{
    /* a read-only file mapping: dropped pages come back from the file on
     * the next touch, unchanged, so every pointer into the map stays valid */
    madvise((void *)s->map, s->size, MADV_DONTNEED);
}

int byl_segment_verify(byl_segment *s)
{
    int rc = check(s, 0, s->footer_off);
    if (rc || !s->chunk_ok)
        return rc;
    /* the chunk table too, so that a check finds what a search would; the
     * pages being verified now, clear their cover */
    uint64_t nchunks = (s->chunks_off + BYL_CHUNK_SIZE - 1) >> BYL_CHUNK_SHIFT;
    for (uint64_t c = 0; c < nchunks; c++)
        if (chunk_crc(s, c))
            return BYL_ECORRUPT;
    return BYL_OK;
}
uint64_t byl_segment_size(const byl_segment *s) { return s->size; }

uint64_t byl_segment_section_size(const byl_segment *s, int section)
{
    return section > 0 && section < BYL_SEC_COUNT_ ? s->sec_len[section] : 0;
}

/* ---- dictionary ---- */

/* Reads the entry at it->p (first of a block when first != 0). */
static int read_entry(byl_dictiter *it, int first)
{
    byl_segment *s = it->seg;
    const uint8_t *p = it->p, *end = it->end;
    uint64_t pre = 0, len, df, maxtf, plen, poslen;
    if (first) {
        if (byl_vbyte_get(&p, end, &it->post_next) || byl_vbyte_get(&p, end, &it->pos_next))
            goto bad;
    } else if (byl_vbyte_get(&p, end, &pre) || pre > it->keylen) {
        goto bad;
    }
    if (byl_vbyte_get(&p, end, &len) || pre + len > BYL_MAX_KEY || len > (uint64_t)(end - p))
        goto bad;
    memcpy(it->key + pre, p, len);
    it->keylen = pre + len;
    p += len;
    if (byl_vbyte_get(&p, end, &df) || byl_vbyte_get(&p, end, &maxtf) ||
        byl_vbyte_get(&p, end, &plen) || byl_vbyte_get(&p, end, &poslen) || df == 0 ||
        df > s->stats.ndocs || maxtf == 0 || maxtf > UINT32_MAX)
        goto bad;
    it->info.df = (uint32_t)df;
    it->info.max_tf = (uint32_t)maxtf;
    it->info.post_off = it->post_next;
    it->info.post_len = plen;
    it->info.pos_off = it->pos_next;
    it->info.pos_len = poslen;
    if (plen > s->sec_len[BYL_SEC_POSTINGS] || it->post_next > s->sec_len[BYL_SEC_POSTINGS] - plen ||
        poslen > s->sec_len[BYL_SEC_POSITIONS] || it->pos_next > s->sec_len[BYL_SEC_POSITIONS] - poslen)
        goto bad;
    it->post_next += plen;
    it->pos_next += poslen;
    it->p = p;
    return BYL_OK;
bad:
    it->err = corrupt(s, "dictionary entry is malformed");
    it->eof = 1;
    return it->err;
}

/* Starts reading dictionary block b from its bytes [p, end), however
 * they were read. */
static int block_at(byl_dictiter *it, uint32_t b, const uint8_t *p, const uint8_t *end)
{
    it->block = b;
    it->in_block = 0;
    it->p = p;
    it->end = end;
    it->keylen = 0;
    return read_entry(it, 1);
}

/* Starts reading dictionary block b: through the map, or by peek() when
 * peeked (the block then lasts until the segment's next peek). */
static int open_block(byl_dictiter *it, uint32_t b, int peeked)
{
    byl_segment *s = it->seg;
    /* the block's start and the next one's, read together (the next peek,
     * of the block, reuses the buffer: both are copied out first) */
    int last = b + 1 >= s->ndict_blocks;
    uint64_t n = last ? 4 : 8;
    const uint8_t *idx = peeked ? peek(s, BYL_SEC_DICTIDX, 4 * (uint64_t)b, n)
                                : region(s, BYL_SEC_DICTIDX, 4 * (uint64_t)b, n);
    if (!idx)
        return it->err = BYL_ECORRUPT;
    uint64_t off = byl_get_u32(idx);
    uint64_t endoff = last ? s->sec_len[BYL_SEC_DICT] : byl_get_u32(idx + 4);
    if (endoff < off || endoff > s->sec_len[BYL_SEC_DICT])
        return it->err = corrupt(s, "dictionary index is malformed");
    const uint8_t *p = peeked ? peek(s, BYL_SEC_DICT, off, endoff - off)
                              : region(s, BYL_SEC_DICT, off, endoff - off);
    if (!p)
        return it->err = BYL_ECORRUPT;
    return block_at(it, b, p, p + (endoff - off));
}

/* The deleted documents of the current entry (deletes.h). */
static int note_dels(byl_dictiter *it, int rc)
{
    it->info.ndel = !rc && !it->eof && it->seg->dels
                        ? byl_dels_df(it->seg->dels, it->key, it->keylen) : 0;
    if (it->info.ndel > it->info.df)
        return it->err = corrupt(it->seg, "deletions disagree with the postings");
    return rc;
}

static int dictiter_next(byl_dictiter *it, int peeked)
{
    if (it->eof)
        return it->err;
    if (it->p < it->end) {
        it->in_block++;
        return read_entry(it, 0);
    }
    if (it->block + 1 >= it->seg->ndict_blocks) {
        it->eof = 1;
        return BYL_OK;
    }
    return open_block(it, it->block + 1, peeked);
}

/* An error ends the walk: the iterator is at its end with err set, so a
 * loop on !eof stops on a damaged block rather than meeting it again at
 * every step (a delete over a damaged dictionary never returned). */
int byl_dictiter_next(byl_dictiter *it)
{
    int rc = note_dels(it, dictiter_next(it, 0));
    if (rc) {
        it->err = rc;
        it->eof = 1;
    }
    return rc;
}

/* byl_dictiter_seek; the blocks probed on the way are peeked, and when
 * peeked the block it stops in too (for a look-up, which keeps nothing of
 * the block: an iterator goes on through the map). */
/* The bottom of a look-up's binary search, read at once (peeked): once
 * the blocks left span at most SPAN_IDX entries of the dictionary's index,
 * those entries are read in one peek and copied out; once they span at
 * most PEEK_MAX bytes of the dictionary, those blocks are read in one
 * peek and the search ends in memory.  Each probe below the fences read
 * two chunks, the index entry's and the block's (the peek buffer holds
 * one of them at a time): a look-up at a million articles made about ten
 * preads where it now makes three or four. */
#define SPAN_IDX 1024u
struct span {
    uint32_t lo, n;            /* index entries [lo, lo + n) held, n = 0: none */
    uint64_t off[SPAN_IDX + 1]; /* block lo + i starts at off[i]; off[n - 1]: the
                                   end of the last block held */
    const uint8_t *bytes;      /* the dictionary's bytes from at, or NULL */
    uint64_t at;
};

/* Reads the index entries of blocks [lo, hi) (and where block hi starts,
 * or the dictionary's end).  BYL_OK or an error (it->err set). */
static int span_index(byl_dictiter *it, struct span *sp, uint32_t lo, uint32_t hi)
{
    byl_segment *s = it->seg;
    int last = hi >= s->ndict_blocks;
    uint32_t n = hi - lo + (last ? 0 : 1);
    const uint8_t *idx = peek(s, BYL_SEC_DICTIDX, 4 * (uint64_t)lo, 4 * (uint64_t)n);
    if (!idx)
        return it->err = BYL_ECORRUPT;
    for (uint32_t i = 0; i < n; i++)
        sp->off[i] = byl_get_u32(idx + 4 * i);
    if (last)
        sp->off[n++] = s->sec_len[BYL_SEC_DICT];
    for (uint32_t i = 1; i < n; i++)
        if (sp->off[i] < sp->off[i - 1])
            return it->err = corrupt(s, "dictionary index is malformed");
    if (sp->off[n - 1] > s->sec_len[BYL_SEC_DICT])
        return it->err = corrupt(s, "dictionary index is malformed");
    sp->lo = lo;
    sp->n = n;
    sp->bytes = NULL;
    return BYL_OK;
}

/* Starts block b (held by sp's index entries): from sp's bytes when they
 * hold it, else by one peek of the block. */
static int span_block(byl_dictiter *it, struct span *sp, uint32_t b)
{
    uint64_t a = sp->off[b - sp->lo], e = sp->off[b - sp->lo + 1];
    if (sp->bytes)
        return block_at(it, b, sp->bytes + (a - sp->at), sp->bytes + (e - sp->at));
    const uint8_t *p = peek(it->seg, BYL_SEC_DICT, a, e - a);
    if (!p)
        return it->err = BYL_ECORRUPT;
    return block_at(it, b, p, p + (e - a));
}

static int dict_seek(byl_dictiter *it, byl_segment *s, const uint8_t *key, size_t keylen,
                     int peeked)
{
    memset(it, 0, sizeof *it);
    it->seg = s;
    if (s->ndict_blocks == 0) {
        it->eof = 1;
        return BYL_OK;
    }
    /* last block whose first key <= key; the first probes' keys from the
     * fences of a segment read by pread (struct fences) */
    struct fences *f = peeked && s->fd >= 0 ? s->fences : NULL;
    if (!f && peeked && s->fd >= 0)
        f = s->fences = byl_calloc(1, sizeof *f); /* none: probes read as before */
    struct span sp; /* peeked: the bottom of the search (struct span) */
    sp.n = 0;
    uint32_t lo = 0, hi = s->ndict_blocks, pos = 1;
    while (hi - lo > 1) {
        uint32_t mid = lo + (hi - lo) / 2;
        const uint8_t *fk;
        size_t fl;
        if (f && pos < FENCE_SLOTS && f->have[pos]) {
            fk = f->key[pos];
            fl = f->len[pos];
        } else {
            if (peeked && !sp.n && hi - lo <= SPAN_IDX && span_index(it, &sp, lo, hi))
                return it->err;
            if (sp.n && !sp.bytes && sp.off[hi - sp.lo] - sp.off[lo - sp.lo] <= PEEK_MAX) {
                /* blocks [lo, hi) in one read; the index entries copied
                 * out already */
                uint64_t a = sp.off[lo - sp.lo], e = sp.off[hi - sp.lo];
                const uint8_t *b = e > a ? peek(s, BYL_SEC_DICT, a, e - a) : NULL;
                if (e > a && !b)
                    return it->err = BYL_ECORRUPT;
                sp.bytes = b;
                sp.at = a;
            }
            if (sp.n ? span_block(it, &sp, mid) : open_block(it, mid, 1))
                return it->err;
            fk = it->key;
            fl = it->keylen;
            if (f && pos < FENCE_SLOTS && fl <= BYL_MAX_KEY) {
                memcpy(f->key[pos], fk, fl);
                f->len[pos] = (uint8_t)fl;
                f->have[pos] = 1;
            }
        }
        if (byl_key_cmp(fk, fl, key, keylen) <= 0) {
            lo = mid;
            pos = 2 * pos + 1;
        } else {
            hi = mid;
            pos = 2 * pos;
        }
    }
    if (sp.n && peeked ? span_block(it, &sp, lo) : open_block(it, lo, peeked))
        return it->err;
    while (!it->eof && byl_key_cmp(it->key, it->keylen, key, keylen) < 0)
        if (dictiter_next(it, peeked))
            return it->err;
    return note_dels(it, BYL_OK);
}

int byl_dictiter_seek(byl_dictiter *it, byl_segment *s, const uint8_t *key, size_t keylen)
{
    return dict_seek(it, s, key, keylen, 0);
}

/* The memo's slot for key (FNV-1a of its bytes). */
static size_t memo_slot(const uint8_t *key, size_t keylen)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < keylen; i++)
        h = (h ^ key[i]) * 16777619u;
    return h % MEMO_SLOTS;
}

int byl_segment_lookup(byl_segment *s, const uint8_t *key, size_t keylen, byl_terminfo *ti)
{
    size_t slot = memo_slot(key, keylen);
    struct memo *m = s->fd >= 0 ? s->memo : NULL;
    if (m && m->len[slot] == keylen && keylen && memcmp(m->key[slot], key, keylen) == 0) {
        if (!m->found[slot])
            return BYL_ENOTFOUND;
        *ti = m->info[slot];
        return BYL_OK;
    }
    byl_dictiter it;
    int rc = dict_seek(&it, s, key, keylen, 1);
    if (rc)
        return rc; /* damage is never remembered: asked again, it is met again */
    int found = !it.eof && it.keylen == keylen && memcmp(it.key, key, keylen) == 0;
    if (!m && s->fd >= 0 && keylen && keylen <= BYL_MAX_KEY)
        m = s->memo = byl_calloc(1, sizeof *m); /* none: the look-up stands alone */
    if (m && keylen && keylen <= BYL_MAX_KEY) {
        m->len[slot] = (uint8_t)keylen;
        memcpy(m->key[slot], key, keylen);
        m->found[slot] = (uint8_t)found;
        if (found)
            m->info[slot] = it.info;
    }
    if (!found)
        return BYL_ENOTFOUND;
    *ti = it.info;
    return BYL_OK;
}

/* ---- documents ---- */

/* The bytes [off, off+len) of the file, inside one chunk before chunks_off,
 * from the chunk cache: a miss reads the chunk with pread and checks it
 * against its entry in the chunk table (itself verified through the page
 * CRCs).  BYL_OK and *out, or BYL_ECORRUPT, BYL_EIO, BYL_ENOMEM with the
 * message set. */
static int doc_chunk_read(byl_segment *s, struct doc_chunks **cache, uint64_t off,
                          const uint8_t **out)
{
    uint64_t c = off >> BYL_CHUNK_SHIFT;
    struct doc_chunks *d = *cache;
    if (!d) {
        d = *cache = byl_malloc(sizeof *d);
        if (!d)
            return byl_error_set(BYL_ENOMEM, "out of memory reading %s", s->path);
        for (size_t i = 0; i < DOC_CHUNKS; i++)
            d->chunk[i] = UINT64_MAX;
        d->next = UINT64_MAX;
        d->reads = d->runs = 0;
        d->nslots = DOC_SLOTS0;
    }
    size_t slot = (size_t)(c % d->nslots);
    if (d->chunk[slot] != c && c == d->next && ++d->runs == DOC_RUNS) {
        /* scoring in order: every slot from now on (the chunks held are
         * dropped, their slots change) */
        for (size_t i = 0; i < DOC_CHUNKS; i++)
            d->chunk[i] = UINT64_MAX;
        d->nslots = DOC_CHUNKS;
        slot = (size_t)(c % d->nslots);
    }
    if (d->chunk[slot] != c) {
        /* c alone, or on from c to the last slot when reading in order */
        uint64_t nchunks = (s->chunks_off + BYL_CHUNK_SIZE - 1) >> BYL_CHUNK_SHIFT;
        uint64_t n = c == d->next ? d->nslots - slot : 1;
        if (n > nchunks - c)
            n = nchunks - c;
        uint64_t a = c << BYL_CHUNK_SHIFT;
        uint64_t b = a + (n << BYL_CHUNK_SHIFT) < s->chunks_off ? a + (n << BYL_CHUNK_SHIFT)
                                                                 : s->chunks_off;
        for (uint64_t i = 0; i < n; i++)
            d->chunk[slot + i] = UINT64_MAX;
        /* each chunk is checked against the table when first used, so a
         * damaged chunk or table page read ahead costs nothing unless used */
        if (byl_pread_all(s->fd, s->path, d->data[slot], (size_t)(b - a), a))
            return BYL_EIO;
        for (uint64_t i = 0; i < n; i++) {
            d->chunk[slot + i] = c + i;
            d->ok[slot + i] = 0;
        }
        d->next = c + n;
        d->reads++;
    } else if (d->chunk[(slot + 1) % d->nslots] != c + 1) {
        d->next = c + 1; /* in order past what was read ahead */
    }
    if (!d->ok[slot] && (s->chunk_ok[c >> 3] & (1u << (c & 7))))
        d->ok[slot] = 1; /* its bytes matched the CRC before (write-once file) */
    if (!d->ok[slot]) {
        if (chunk_bytes_ok(s, c, d->data[slot])) {
            d->chunk[slot] = UINT64_MAX;
            return BYL_ECORRUPT;
        }
        d->ok[slot] = 1;
        s->chunk_ok[c >> 3] |= (uint8_t)(1u << (c & 7));
    }
    *out = d->data[slot] + (off & (BYL_CHUNK_SIZE - 1));
    return BYL_OK;
}

/* The bytes at off of a column read by pread (DOCS, LENS), through its
 * chunk cache: a chunk held, checked and not the last of a run read ahead
 * is taken as it is (the hot path of scoring); else doc_chunk_read. */
static int column_read(byl_segment *s, struct doc_chunks **cache, uint64_t off,
                       const uint8_t **out)
{
    struct doc_chunks *d = *cache;
    uint64_t c = off >> BYL_CHUNK_SHIFT;
    size_t slot = d ? (size_t)(c % d->nslots) : 0;
    if (d && d->chunk[slot] == c && d->ok[slot] && d->chunk[(slot + 1) % d->nslots] == c + 1) {
        *out = d->data[slot] + (off & (BYL_CHUNK_SIZE - 1)); /* read, checked */
        return BYL_OK;
    }
    return doc_chunk_read(s, cache, off, out);
}

int byl_segment_doc_info(byl_segment *s, uint32_t doc, int64_t *date, uint32_t *lens)
{
    if (doc >= s->stats.ndocs)
        return byl_error_set(BYL_EINVAL, "document %u out of range", doc);
    uint64_t rel = (uint64_t)doc * BYL_DOC_REC, off = s->sec_off[BYL_SEC_DOCS] + rel;
    const uint8_t *r = NULL;
    if (s->fd >= 0 && s->sec_len[BYL_SEC_DOCS] >= DOC_READ_MIN &&
        (!s->docs || s->docs->reads < DOC_PREADS) &&
        rel + BYL_DOC_REC <= s->sec_len[BYL_SEC_DOCS] && off + BYL_DOC_REC <= s->chunks_off) {
        /* scored documents are spread over the column: read, not mapped */
        uint64_t split = ((off >> BYL_CHUNK_SHIFT) + 1) << BYL_CHUNK_SHIFT;
        int rc = column_read(s, &s->docs, off, &r);
        if (!rc && off + BYL_DOC_REC > split) {
            /* a record across two chunks: its two parts, copied together */
            size_t head = (size_t)(split - off);
            memcpy(s->docrec, r, head);
            if (!(rc = doc_chunk_read(s, &s->docs, split, &r)))
                memcpy(s->docrec + head, r, BYL_DOC_REC - head);
            r = s->docrec;
        }
        if (rc)
            return rc;
    } else if (!(r = region(s, BYL_SEC_DOCS, rel, BYL_DOC_REC))) {
        return BYL_ECORRUPT;
    }
    if (date)
        *date = (int64_t)byl_get_u64(r);
    if (lens)
        for (int f = 0; f < BYL_NFIELDS; f++)
            lens[f] = byl_get_u32(r + 8 + 4 * f);
    return BYL_OK;
}

int byl_segment_short_lens(byl_segment *s, uint32_t doc, uint32_t *lens)
{
    if (doc >= s->stats.ndocs)
        return byl_error_set(BYL_EINVAL, "document %u out of range", doc);
    if (s->version < BYL_SEG_VERSION_LENS)
        return byl_segment_doc_info(s, doc, NULL, lens);
    uint64_t rel = BYL_LENS_REC * (uint64_t)doc, off = s->sec_off[BYL_SEC_LENS] + rel;
    const uint8_t *r;
    if (s->fd >= 0 && (!s->lens || s->lens->reads < DOC_PREADS) && off + BYL_LENS_REC <= s->chunks_off) {
        /* as DOCS (byl_segment_doc_info): read, not mapped; an entry never
         * spans two chunks (the section starts on a multiple of its size) */
        int rc = column_read(s, &s->lens, off, &r);
        if (rc)
            return rc;
    } else if (!(r = region(s, BYL_SEC_LENS, rel, BYL_LENS_REC))) {
        return BYL_ECORRUPT;
    }
    lens[BYL_F_TEXT] = byl_get_u16(r);
    lens[BYL_F_TITLE] = r[2];
    lens[BYL_F_NAME] = r[3];
    if (lens[BYL_F_TEXT] == 0xFFFF || lens[BYL_F_TITLE] == 0xFF || lens[BYL_F_NAME] == 0xFF)
        return byl_segment_doc_info(s, doc, NULL, lens); /* a long one: DOCS has it whole */
    return BYL_OK;
}

int byl_segment_doc_id(byl_segment *s, uint32_t doc, const char **id, size_t *len)
{
    if (doc >= s->stats.ndocs)
        return byl_error_set(BYL_EINVAL, "document %u out of range", doc);
    uint64_t n = s->stats.ndocs, bytes = s->sec_len[BYL_SEC_IDS] - 4 * n;
    const uint8_t *e = region(s, BYL_SEC_IDS, 4 * (uint64_t)(doc ? doc - 1 : 0), doc ? 8 : 4);
    if (!e)
        return BYL_ECORRUPT;
    uint64_t a = doc ? byl_get_u32(e) : 0, b = byl_get_u32(e + (doc ? 4 : 0));
    if (a > b || b > bytes)
        return corrupt(s, "id table is malformed");
    const uint8_t *p = region(s, BYL_SEC_IDS, 4 * n + a, b - a);
    if (!p && b > a)
        return BYL_ECORRUPT;
    *id = (const char *)(p ? p : e);
    *len = (size_t)(b - a);
    return BYL_OK;
}

int byl_segment_fingerprint(byl_segment *s, uint32_t doc, const uint8_t **rec)
{
    if (doc >= s->stats.ndocs)
        return byl_error_set(BYL_EINVAL, "document %u out of range", doc);
    const uint8_t *r = region(s, BYL_SEC_FPRINT, (uint64_t)doc * BYL_FP_REC, BYL_FP_REC);
    if (!r)
        return BYL_ECORRUPT;
    *rec = r;
    return BYL_OK;
}

/* Whether [off, off+len) of the file was verified already (check() would
 * touch none of it). */
static int known(const byl_segment *s, uint64_t off, uint64_t len)
{
    if (s->chunk_ok && off + len <= s->chunks_off) {
        for (uint64_t c = off >> BYL_CHUNK_SHIFT; c <= (off + len - 1) >> BYL_CHUNK_SHIFT; c++)
            if (!chunk_known(s, c))
                return 0;
        return 1;
    }
    for (uint64_t p = off >> BYL_PAGE_SHIFT; p <= (off + len - 1) >> BYL_PAGE_SHIFT; p++)
        if (!(s->verified[p >> 3] & (1u << (p & 7))))
            return 0;
    return 1;
}

int byl_segment_fingerprints(byl_segment *s, uint32_t first, uint32_t n, uint8_t *out)
{
    if (first > s->stats.ndocs || n > s->stats.ndocs - first)
        return byl_error_set(BYL_EINVAL, "documents %u+%u out of range", first, n);
    if (!n)
        return BYL_OK;
    size_t len = (size_t)n * BYL_FP_REC;
    /* checked before: the map was not touched, nothing to let go of */
    int touched = !known(s, s->sec_off[BYL_SEC_FPRINT] + (uint64_t)first * BYL_FP_REC, len);
    const uint8_t *r = region(s, BYL_SEC_FPRINT, (uint64_t)first * BYL_FP_REC, len);
    if (!r)
        return BYL_ECORRUPT;
    /* Verified now (the pages a first pass checked through the map) or
     * before: read by pread, which faults in no page, rather than copied
     * from the map (a clustering in passes reads every sketch 60 times) */
    uint64_t at = (uint64_t)(r - s->map);
    int fd = s->fd >= 0 ? s->fd : s->hold;
    if (fd < 0 && !touched) {
        if (s->sketch_fd == -1 && (s->sketch_fd = open(s->path, O_RDONLY | O_CLOEXEC)) >= 0) {
            /* the file mapped, not another of its name since */
            struct stat st;
            if (fstat(s->sketch_fd, &st) || st.st_ino != s->ino ||
                (uint64_t)st.st_size != s->size) {
                close(s->sketch_fd);
                s->sketch_fd = -2; /* not tried again */
            }
        }
        fd = s->sketch_fd;
    }
    if (touched || fd < 0 || byl_pread_all(fd, s->path, out, len, at)) {
        memcpy(out, r, len);
        touched = 1;
    }
    /* the pages the check touched, let go of: a read-only file map reads
     * them again if touched (byl_segment_drop_pages) */
    uint64_t a = at & ~(uint64_t)(BYL_PAGE_SIZE - 1);
    uint64_t b = (at + len + BYL_PAGE_SIZE - 1) & ~(uint64_t)(BYL_PAGE_SIZE - 1);
    if (b > s->size)
        b = s->size;
    /* (only then: each call flushes the TLB of every core, 60% of a
     * clustering by passes when made every time) */
    if (touched)
        madvise((void *)(s->map + a), (size_t)(b - a), MADV_DONTNEED);
    return BYL_OK;
}

static int get_str(const uint8_t **p, const uint8_t *end, const char **s, size_t *len)
{
    uint64_t n;
    if (byl_vbyte_get(p, end, &n) || n > (uint64_t)(end - *p))
        return -1;
    *s = (const char *)*p;
    *len = (size_t)n;
    *p += n;
    return 0;
}

int byl_segment_stored(byl_segment *s, uint32_t doc, byl_stored *out)
{
    memset(out, 0, sizeof *out);
    int rc = byl_segment_doc_info(s, doc, &out->date, NULL);
    if (rc)
        return rc;
    /* the block holding doc: last block whose first doc <= doc; only the
     * entries probed are verified (the whole index is 240 KB a segment at a
     * million articles).  Blocks hold about as many articles each, so a
     * guess from the first documents of the bounds lands a block or two
     * away, on the same page as the answer: interpolation every other
     * step, halving in between (never more than twice the halving steps,
     * and the loop ends whatever a damaged index holds).  A search from
     * the shell showing ten articles read 130 scattered entries halving. */
    uint32_t lo = 0, hi = s->nstore_blocks;
    uint64_t flo = 0, fhi = s->stats.ndocs > doc ? s->stats.ndocs : (uint64_t)doc + 1;
    const uint8_t *e;
    for (int step = 0; hi - lo > 1; step++) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (!(step & 1)) { /* flo <= doc < fhi */
            uint64_t guess = lo + ((uint64_t)doc - flo) * (hi - lo) / (fhi - flo);
            mid = guess <= lo ? lo + 1 : guess >= hi ? hi - 1 : (uint32_t)guess;
        }
        if (!(e = peek(s, BYL_SEC_STOREIDX, 12 * (uint64_t)mid, 12)))
            return BYL_ECORRUPT;
        uint32_t f = byl_get_u32(e + 8);
        if (f <= doc)
            lo = mid, flo = f;
        else
            hi = mid, fhi = f;
    }
    if (!(e = peek(s, BYL_SEC_STOREIDX, 12 * (uint64_t)lo, 12)))
        return BYL_ECORRUPT;
    uint32_t first = byl_get_u32(e + 8);
    uint64_t off = byl_get_u64(e); /* read now: the next peek replaces e */
    if (first > doc)
        return corrupt(s, "store index is malformed");
    if (s->cache_block != lo) {
        const uint8_t *h = peek(s, BYL_SEC_STORE, off, 8);
        if (!h)
            return BYL_ECORRUPT;
        uint32_t raw = byl_get_u32(h), clen = byl_get_u32(h + 4);
        /* the header and the block in one peek when it fits */
        const uint8_t *z = peek(s, BYL_SEC_STORE, off, 8 + (uint64_t)clen);
        if (!z)
            return BYL_ECORRUPT;
        z += 8;
        if (raw > (1u << 30))
            return corrupt(s, "stored block claims an impossible size");
        if (s->cache_cap < raw + 1) {
            uint8_t *c = byl_realloc(s->cache, raw + 1);
            if (!c)
                return byl_error_set(BYL_ENOMEM, "out of memory reading stored article");
            s->cache = c;
            s->cache_cap = raw + 1;
        }
        size_t got = 0;
        s->cache_block = UINT32_MAX;
        /* a decompressor a block, not one a segment: its 11 KiB are
         * written whole by each inflate, and freed they serve the next
         * segment's block without new pages (see struct peek) */
        struct libdeflate_decompressor *dz = libdeflate_alloc_decompressor();
        if (!dz)
            return byl_error_set(BYL_ENOMEM, "out of memory reading stored article");
        /* a zlib stream (adler32 checked); libdeflate inflates it about
         * twice as fast as zlib */
        enum libdeflate_result zr = libdeflate_zlib_decompress(dz, z, clen, s->cache, raw, &got);
        libdeflate_free_decompressor(dz);
        if (zr != LIBDEFLATE_SUCCESS || got != raw)
            return corrupt(s, "stored article block does not decompress");
        s->cache_len = raw;
        s->cache_block = lo;
    }
    const uint8_t *p = s->cache, *end = s->cache + s->cache_len;
    for (uint32_t d = first; d <= doc; d++) {
        if (get_str(&p, end, &out->id, &out->id_len) ||
            get_str(&p, end, &out->title, &out->title_len) ||
            get_str(&p, end, &out->author, &out->author_len) ||
            get_str(&p, end, &out->source, &out->source_len) ||
            get_str(&p, end, &out->url, &out->url_len) ||
            get_str(&p, end, &out->body, &out->body_len) ||
            (s->version >= 4 && get_str(&p, end, &out->tags, &out->tags_len)))
            return corrupt(s, "stored article record is malformed");
    }
    return BYL_OK;
}

/* ---- postings cursors ---- */

static void cursor_fail(byl_cursor *c, int rc)
{
    c->err = rc;
    c->doc = BYL_END;
    c->block = c->nblocks;
}

void byl_cursor_init(byl_cursor *c, byl_segment *s, const byl_terminfo *ti)
{
    c->seg = s;
    c->del = s->del_bits;
    c->err = 0;
    c->df = ti->df;
    c->max_tf = ti->max_tf;
    c->nblocks = (ti->df + BYL_BLOCK - 1) / BYL_BLOCK;
    c->block = UINT32_MAX;
    c->doc = BYL_END;
    c->tf = 0;
    const uint8_t *p = list_region(s, BYL_SEC_POSTINGS, ti->post_off, ti->post_len);
    c->pos = s->map + s->sec_off[BYL_SEC_POSITIONS] + ti->pos_off;
    c->pos_end = c->pos + ti->pos_len;
    if (!p || ti->pos_off > s->sec_len[BYL_SEC_POSITIONS] ||
        ti->pos_len > s->sec_len[BYL_SEC_POSITIONS] - ti->pos_off) {
        cursor_fail(c, BYL_ECORRUPT);
        return;
    }
    c->end = p + ti->post_len;
    c->skip_size = s->version >= BYL_SEG_VERSION_IMPACTS ? BYL_SKIP_ENTRY6 : BYL_SKIP_ENTRY5;
    if (c->nblocks > 1) {
        if (ti->post_len < (uint64_t)c->nblocks * c->skip_size) {
            cursor_fail(c, corrupt(s, "skip table runs past the postings"));
            return;
        }
        c->skip = p;
        c->blocks = p + (size_t)c->nblocks * c->skip_size;
    } else {
        c->skip = NULL;
        c->blocks = p;
    }
    byl_cursor_next(c);
}

/* Decodes block b and positions the cursor on its first document. */
static int load_block(byl_cursor *c, uint32_t b)
{
    const uint8_t *p, *end = c->end;
    uint32_t prev;
    if (c->skip) {
        uint32_t off = byl_get_u32(c->skip + (size_t)b * c->skip_size + 4);
        if (off > (size_t)(c->end - c->blocks))
            return corrupt(c->seg, "skip entry points outside the postings");
        p = c->blocks + off;
        prev = b ? byl_get_u32(c->skip + (size_t)(b - 1) * c->skip_size) : UINT32_MAX;
    } else {
        p = c->blocks;
        prev = UINT32_MAX;
    }
    uint32_t n = b + 1 < c->nblocks ? BYL_BLOCK : c->df - b * BYL_BLOCK;
    if (n == BYL_BLOCK) {
        size_t k = byl_block_unpack(p, end, c->docs);
        size_t k2 = k ? byl_block_unpack(p + k, end, c->tfs) : 0;
        if (!k || !k2)
            return corrupt(c->seg, "postings block is malformed");
    } else {
        for (uint32_t i = 0; i < n; i++) {
            uint64_t g, f;
            if (byl_vbyte_get(&p, end, &g) || byl_vbyte_get(&p, end, &f) || g > UINT32_MAX ||
                f >= UINT32_MAX)
                return corrupt(c->seg, "postings tail is malformed");
            c->docs[i] = (uint32_t)g;
            c->tfs[i] = (uint32_t)f;
        }
    }
    /* gaps to ids: the sums run in 64 bits and only grow, so the last id
     * alone is checked against the segment's end (a check a document cost
     * a fifth of decoding a list) */
    uint64_t d = prev == UINT32_MAX ? c->docs[0] : (uint64_t)prev + 1 + c->docs[0];
    c->docs[0] = (uint32_t)d;
    for (uint32_t i = 1; i < n; i++) {
        d += (uint64_t)c->docs[i] + 1;
        c->docs[i] = (uint32_t)d;
    }
    if (d >= c->seg->stats.ndocs)
        return corrupt(c->seg, "postings name a document past the end");
    if (n == BYL_BLOCK) /* a fixed count: the compiler unrolls it */
        for (uint32_t i = 0; i < BYL_BLOCK; i++)
            c->tfs[i] += 1;
    else
        for (uint32_t i = 0; i < n; i++)
            c->tfs[i] += 1;
    c->block = b;
    c->n = n;
    c->i = 0;
    c->pos_i = 0;
    c->pos_p = NULL;
    c->doc = c->docs[0];
    c->tf = c->tfs[0];
    return BYL_OK;
}

static uint32_t cursor_next(byl_cursor *c)
{
    if (c->err)
        return BYL_END;
    if (c->block != UINT32_MAX && c->block < c->nblocks && c->i + 1 < c->n) {
        c->i++;
        c->doc = c->docs[c->i];
        c->tf = c->tfs[c->i];
        return c->doc;
    }
    uint32_t b = c->block == UINT32_MAX ? 0 : c->block + 1;
    if (b >= c->nblocks) {
        c->doc = BYL_END;
        c->block = c->nblocks;
        return BYL_END;
    }
    int rc = load_block(c, b);
    if (rc)
        cursor_fail(c, rc);
    return c->doc;
}

uint32_t byl_cursor_next(byl_cursor *c)
{
    uint32_t d = cursor_next(c);
    while (c->del && d != BYL_END && byl_dels_has(c->del, d))
        d = cursor_next(c);
    return d;
}

size_t byl_cursor_block_rest(const byl_cursor *c, const uint32_t **docs)
{
    if (c->err || c->doc == BYL_END || c->block >= c->nblocks || c->i >= c->n)
        return 0;
    *docs = c->docs + c->i;
    return c->n - c->i;
}

uint32_t byl_cursor_skip_block(byl_cursor *c)
{
    if (c->err || c->doc == BYL_END || c->block >= c->nblocks)
        return BYL_END;
    if (c->block + 1 >= c->nblocks) {
        c->doc = BYL_END;
        c->block = c->nblocks;
        return BYL_END;
    }
    int rc = load_block(c, c->block + 1);
    if (rc)
        cursor_fail(c, rc);
    return c->doc;
}

uint32_t byl_cursor_block_last(const byl_cursor *c)
{
    if (c->doc == BYL_END)
        return BYL_END;
    if (c->skip)
        return byl_get_u32(c->skip + (size_t)c->block * c->skip_size);
    return c->docs[c->n - 1];
}

size_t byl_cursor_block_impacts(const byl_cursor *c, uint32_t *tf, uint32_t *len)
{
    return byl_cursor_impacts_of(c, c->block, tf, len);
}

uint32_t byl_cursor_block_find(const byl_cursor *c, uint32_t from, uint32_t target)
{
    if (c->err || c->doc == BYL_END)
        return c->nblocks;
    if (!c->skip) /* one block, decoded at init */
        return c->n && c->docs[c->n - 1] >= target ? 0 : c->nblocks;
    uint32_t b = from, step = 1;
    /* gallop from 'from', then bisect: a target is most often in the next
     * few blocks, but a rare word's proposals jump far */
    while (b < c->nblocks && byl_get_u32(c->skip + (size_t)b * c->skip_size) < target) {
        from = b + 1;
        b += step;
        step *= 2;
    }
    if (b > c->nblocks)
        b = c->nblocks;
    while (from < b) { /* the first block in [from, b] whose last doc >= target */
        uint32_t mid = from + (b - from) / 2;
        if (byl_get_u32(c->skip + (size_t)mid * c->skip_size) < target)
            from = mid + 1;
        else
            b = mid;
    }
    return b;
}

uint32_t byl_cursor_last_of(const byl_cursor *c, uint32_t b)
{
    if (b >= c->nblocks)
        return BYL_END;
    if (!c->skip) /* b is 0: the block decoded at init */
        return c->doc != BYL_END ? c->docs[c->n - 1] : BYL_END;
    return byl_get_u32(c->skip + (size_t)b * c->skip_size);
}

size_t byl_cursor_impacts_of(const byl_cursor *c, uint32_t b, uint32_t *tf, uint32_t *len)
{
    if (!c->skip || b >= c->nblocks) {
        tf[0] = c->max_tf;
        len[0] = 0;
        return 1;
    }
    const uint8_t *e = c->skip + (size_t)b * c->skip_size + 12;
    size_t n = 0;
    if (c->skip_size == BYL_SKIP_ENTRY6) {
        /* vbyte count, then pairs (format.h), read within the postings */
        uint32_t off = byl_get_u32(e);
        const uint8_t *p = c->blocks + off;
        uint64_t cnt, t, l;
        if (off < (size_t)(c->end - c->blocks) && !byl_vbyte_get(&p, c->end, &cnt) && cnt >= 1 &&
            cnt <= BYL_IMPACTS) {
            for (; n < cnt; n++) {
                if (byl_vbyte_get(&p, c->end, &t) || byl_vbyte_get(&p, c->end, &l) || !t ||
                    t > UINT32_MAX || l > UINT32_MAX)
                    break;
                tf[n] = (uint32_t)t;
                len[n] = (uint32_t)l;
            }
            if (n < cnt)
                n = 0;
        }
        if (!n) { /* damaged: fall back to the list's bound */
            tf[0] = c->max_tf;
            len[0] = 0;
            n = 1;
        }
        return n;
    }
    for (size_t k = 0; k < BYL_IMPACTS5; k++) {
        uint32_t t = byl_get_u32(e + 8 * k);
        if (!t)
            break;
        tf[n] = t;
        len[n] = byl_get_u32(e + 8 * k + 4);
        n++;
    }
    if (!n) { /* damaged: fall back to the list's bound */
        tf[0] = c->max_tf;
        len[0] = 0;
        n = 1;
    }
    return n;
}

uint32_t byl_cursor_next_geq(byl_cursor *c, uint32_t target)
{
    if (c->doc == BYL_END || c->doc >= target)
        return c->doc;
    if (c->skip && byl_get_u32(c->skip + (size_t)c->block * c->skip_size) < target) {
        uint32_t b = c->block + 1;
        while (b < c->nblocks && byl_get_u32(c->skip + (size_t)b * c->skip_size) < target)
            b++;
        if (b >= c->nblocks) {
            c->doc = BYL_END;
            c->block = c->nblocks;
            return BYL_END;
        }
        int rc = load_block(c, b);
        if (rc) {
            cursor_fail(c, rc);
            return BYL_END;
        }
    }
    /* within the block, a scan of the decoded ids (a step of cursor_next
     * a document costs several times more: a list only probed, as
     * MaxScore's, is walked this way document by document) */
    if (c->doc < target && c->block < c->nblocks) {
        uint32_t i = c->i;
        while (i + 1 < c->n && c->docs[i] < target)
            i++;
        c->i = i;
        c->doc = c->docs[i];
        c->tf = c->tfs[i];
    }
    while (c->doc < target && cursor_next(c) != BYL_END)
        ;
    if (c->del && c->doc != BYL_END && byl_dels_has(c->del, c->doc))
        byl_cursor_next(c);
    return c->doc;
}

/* Skips n vbyte values from p; NULL if they run past end. */
static const uint8_t *skip_vbytes(const uint8_t *p, const uint8_t *end, uint64_t n)
{
    while (n) {
        if (p >= end)
            return NULL;
        if (!(*p++ & 0x80))
            n--;
    }
    return p;
}

long byl_cursor_positions(byl_cursor *c, uint32_t *buf, size_t cap)
{
    if (c->doc == BYL_END)
        return 0;
    const uint8_t *end = c->pos_end;
    if (!c->pos_p || c->pos_i > c->i) {
        uint64_t off = c->skip ? byl_get_u32(c->skip + (size_t)c->block * c->skip_size + 8) : 0;
        if (off > (uint64_t)(end - c->pos))
            goto bad;
        c->pos_p = c->pos + off;
        c->pos_i = 0;
    }
    const uint8_t *p = c->pos_p;
    /* positions are verified lazily, one page range per document walk */
    while (c->pos_i < c->i) {
        uint64_t n;
        if (byl_vbyte_get(&p, end, &n) || !(p = skip_vbytes(p, end, n)))
            goto bad;
        c->pos_i++;
    }
    c->pos_p = p;
    uint64_t n;
    const uint8_t *q = p;
    if (byl_vbyte_get(&q, end, &n) || n > (uint64_t)(end - q))
        goto bad;
    const uint8_t *stop = skip_vbytes(q, end, n);
    if (!stop)
        goto bad;
    {
        byl_segment *s = c->seg;
        uint64_t a = (uint64_t)(c->pos_p - s->map), len = (uint64_t)(stop - c->pos_p);
        if (check(s, a, len)) {
            cursor_fail(c, BYL_ECORRUPT);
            return -1;
        }
    }
    uint32_t last = 0;
    for (uint64_t k = 0; k < n; k++) {
        uint64_t g = 0;
        byl_vbyte_get(&q, end, &g);
        last += (uint32_t)g;
        if (k < cap)
            buf[k] = last;
    }
    return (long)n;
bad:
    cursor_fail(c, corrupt(c->seg, "positions are malformed"));
    return -1;
}
