/*
 * targets.c - the body of every fuzz target (contract in targets.h).
 *
 * Inputs reach the readers as files, because byl_reader_open takes a path:
 * one memfd is rewritten per input and opened as /proc/self/fd/N, which
 * costs no disk and leaves nothing behind if the process dies.  The index
 * target needs a directory (MANIFEST + segment), so it uses a scratch
 * directory, in /dev/shm when there is one.
 *
 * Not for: libFuzzer's entry points (fuzz_*.c) or the replay (test_fuzz.c).
 */
#include "targets.h"

#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utf8proc.h>
#include <zlib.h>

#include "doc/date.h"
#include "doc/reader.h"
#include "index/check.h"
#include "index/deletes.h"
#include "index/_manifest.h"
#include "index/index.h"
#include "index/segment.h"
#include "query/parser.h"
#include "query/search.h"
#include "text/analyzer.h"
#include "text/utf8.h"
#include "util/bytes.h"
#include "util/err.h"
#include "util/mem.h"

/* A broken promise: stop here, so that libFuzzer saves the input and the
 * replay's Check fork reports a signal. */
#define REQUIRE(c)              \
    do {                        \
        if (!(c))               \
            __builtin_trap();   \
    } while (0)

/* ------------------------------------------------------------ fixtures */

static int memfd = -1;          /* the readers' input file */
static char memfd_path[64];
static char scratch[256];       /* the index target's directory */
static char fixture[300];       /* an index of tests/data/corpus */
static byl_index *fix_ix;
static byl_searcher *fix_s;
static byl_analyzer *an;

static const char *data_dir(void)
{
    const char *d = getenv("BYL_TEST_DATA");
    return d && *d ? d : "tests/data";
}

static int rm_one(const char *p, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    return remove(p);
}

void byl_fuzz_cleanup(void)
{
    byl_searcher_free(fix_s);
    byl_index_close(fix_ix);
    byl_analyzer_free(an);
    fix_s = NULL;
    fix_ix = NULL;
    an = NULL;
    if (scratch[0])
        nftw(scratch, rm_one, 16, FTW_DEPTH | FTW_PHYS);
    scratch[0] = fixture[0] = '\0';
    if (memfd >= 0)
        close(memfd);
    memfd = -1;
}

static void make_scratch(void)
{
    if (scratch[0])
        return;
    struct stat st;
    const char *base = stat("/dev/shm", &st) == 0 && S_ISDIR(st.st_mode) &&
                               access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
    snprintf(scratch, sizeof scratch, "%s/byl-fuzz-XXXXXX", base);
    REQUIRE(mkdtemp(scratch) != NULL);
    /* libFuzzer ends with exit(): leave nothing in /dev/shm */
    static int registered;
    if (!registered++)
        atexit(byl_fuzz_cleanup);
}

static void write_file(const char *path, const void *d, size_t n)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    REQUIRE(fd >= 0);
    REQUIRE(n == 0 || write(fd, d, n) == (ssize_t)n);
    close(fd);
}

/* The input as a file: a path valid until the next call. */
static const char *as_file(const uint8_t *d, size_t n)
{
    if (memfd < 0) {
        memfd = memfd_create("byl-fuzz", MFD_CLOEXEC);
        REQUIRE(memfd >= 0);
        snprintf(memfd_path, sizeof memfd_path, "/proc/self/fd/%d", memfd);
    }
    REQUIRE(ftruncate(memfd, 0) == 0);
    REQUIRE(n == 0 || pwrite(memfd, d, n, 0) == (ssize_t)n);
    return memfd_path;
}

static int add_file(const char *file, void *ctx)
{
    byl_index_writer *w = ctx;
    byl_reader *r;
    REQUIRE(byl_reader_open(file, BYL_FMT_AUTO, NULL, NULL, &r) == BYL_OK);
    byl_article a;
    int rc;
    while ((rc = byl_reader_next(r, &a)) == 1)
        REQUIRE(byl_index_writer_add(w, &a) == BYL_OK);
    REQUIRE(rc == 0);
    byl_reader_close(r);
    return 0;
}

/* The index of tests/data/corpus (one segment, 000001-0001.seg), built on
 * first use in scratch/fixture. */
static void make_fixture(void)
{
    if (fix_s)
        return;
    make_scratch();
    snprintf(fixture, sizeof fixture, "%s/fixture", scratch);
    byl_index_opts o = {.mem_budget = 64u << 20, .title_weight = 2, .replace = 1};
    byl_index_writer *w;
    REQUIRE(byl_index_writer_open(fixture, &o, &w) == BYL_OK);
    char corpus[512];
    snprintf(corpus, sizeof corpus, "%s/corpus", data_dir());
    REQUIRE(byl_walk(corpus, add_file, w) == 0);
    REQUIRE(byl_index_writer_commit(w) == BYL_OK);
    byl_index_writer_free(w);
    REQUIRE(byl_index_open(fixture, &fix_ix) == BYL_OK);
    REQUIRE(byl_searcher_new(&fix_ix, 1, &fix_s) == BYL_OK);
}

/* ------------------------------------------------------------ analyzer */

/* Checks the structure of one analysis; returns the number of tokens. */
static size_t check_tokens(const uint8_t *d, size_t n, int mode, const byl_token **tp,
                           const char **termsp)
{
    const byl_token *t;
    size_t nt;
    const char *terms;
    REQUIRE(byl_analyze(an, (const char *)d, n, mode, &t, &nt, &terms) == BYL_OK);
    uint32_t unstacked = 0;
    uint64_t prev = 0;
    for (size_t i = 0; i < nt; i++) {
        int stacked = (t[i].flags & BYL_TOKF_STACKED) != 0;
        uint64_t key = ((uint64_t)t[i].pos << 1) | (uint64_t)stacked;
        REQUIRE(i == 0 || key >= prev);
        prev = key;
        REQUIRE(t[i].term_len >= 1 && t[i].term_len <= 64);
        REQUIRE(strlen(terms + t[i].term_off) == t[i].term_len);
        REQUIRE(t[i].start < t[i].end && t[i].end <= n);
        if (stacked) {
            REQUIRE(unstacked > 0 && t[i].pos == unstacked - 1);
        } else {
            REQUIRE(t[i].pos == unstacked);
            unstacked++;
        }
        if (mode == BYL_AN_QUERY)
            REQUIRE(t[i].kind != BYL_TOK_ENTITY && t[i].kind != BYL_TOK_NAMEPART);
    }
    *tp = t;
    *termsp = terms;
    return nt;
}

static int has_term(const byl_token *t, size_t n, const char *terms, const char *w)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(terms + t[i].term_off, w))
            return 1;
    return 0;
}

int byl_fuzz_analyzer(const uint8_t *d, size_t n)
{
    if (!an)
        REQUIRE(byl_analyzer_new(&an) == BYL_OK);
    const byl_token *t;
    const char *terms;
    check_tokens(d, n, BYL_AN_QUERY, &t, &terms);
    size_t nt = check_tokens(d, n, BYL_AN_INDEX, &t, &terms);

    /* every index term (but entities and acronyms) is also what a query of
     * the lower-cased input produces */
    char(*want)[65] = malloc((nt ? nt : 1) * sizeof *want);
    REQUIRE(want != NULL);
    size_t nw = 0;
    for (size_t i = 0; i < nt; i++)
        if (t[i].kind != BYL_TOK_ENTITY && t[i].kind != BYL_TOK_ACRONYM)
            memcpy(want[nw++], terms + t[i].term_off, t[i].term_len + 1);
    uint8_t *low = malloc(n * 4 + 1);
    REQUIRE(low != NULL);
    size_t ln = 0;
    for (size_t i = 0; i < n;) {
        int32_t cp;
        size_t k = byl_utf8_decode(d + i, n - i, &cp);
        if (cp == BYL_UTF8_REPLACEMENT && k == 1)
            low[ln++] = d[i];
        else
            ln += byl_utf8_encode(utf8proc_tolower(cp), low + ln);
        i += k;
    }
    size_t nq = check_tokens(low, ln, BYL_AN_QUERY, &t, &terms);
    for (size_t i = 0; i < nw; i++)
        REQUIRE(has_term(t, nq, terms, want[i]));
    free(want);
    free(low);

    /* the helpers for the query planner */
    char buf[65];
    size_t wl = byl_normalize_word(an, (const char *)d, n < 200 ? n : 200, buf, sizeof buf);
    REQUIRE(wl < sizeof buf && strlen(buf) == wl);
    if (n >= 2) {
        size_t half = n / 2;
        const char *w[2] = {(const char *)d, (const char *)d + half};
        size_t l[2] = {half, n - half};
        const char *r[2] = {w[1], w[0]};
        size_t rl[2] = {l[1], l[0]};
        char k1[130], k2[130];
        size_t a = byl_entity_key(w, l, 2, k1, sizeof k1);
        size_t b = byl_entity_key(r, rl, 2, k2, sizeof k2);
        REQUIRE(a == b && memcmp(k1, k2, a) == 0);
    }
    return 0;
}

/* ------------------------------------------------------------- readers */

static void on_warn(void *ctx, const char *file, uint64_t line, uint64_t offset,
                    byl_skip_reason reason, const char *detail)
{
    (void)ctx;
    (void)line;
    (void)offset;
    REQUIRE(file != NULL);
    REQUIRE((unsigned)reason < BYL_SKIP_COUNT);
    if (detail)
        REQUIRE(strlen(detail) < 4096);
}

/* A field of an article: present, NUL-terminated at its length, UTF-8. */
static void check_str(const char *s, size_t len)
{
    REQUIRE(s != NULL);
    REQUIRE(s[len] == '\0');
    const uint8_t *p = (const uint8_t *)s;
    for (size_t i = 0; i < len;) {
        int32_t cp;
        size_t k = byl_utf8_decode(p + i, len - i, &cp);
        REQUIRE(k >= 1 && k <= len - i);
        REQUIRE(!(cp == BYL_UTF8_REPLACEMENT && k == 1));
        i += k;
    }
}

/* Reads the whole input as fmt, with the record limit max (0: default). */
static void read_all(const uint8_t *d, size_t n, byl_format fmt, size_t max)
{
    const char *path = as_file(d, n);
    byl_reader *r;
    int orc = byl_reader_open(path, fmt, on_warn, NULL, &r);
    /* UTF-16 (its byte order mark first, the text perhaps gzip'd) is
     * refused at open, a file that cannot be read, with a message that
     * names it and says how to convert it */
    if (orc == BYL_EIO && strstr(byl_error_msg(), "UTF-16") && strstr(byl_error_msg(), path))
        return;
    REQUIRE(orc == BYL_OK);
    if (max)
        REQUIRE(byl_reader_set_max_record(r, max) == BYL_OK);
    byl_article a;
    int rc;
    uint64_t got = 0;
    while ((rc = byl_reader_next(r, &a)) == 1) {
        got++;
        check_str(a.id, a.id_len);
        check_str(a.title, a.title_len);
        check_str(a.body, a.body_len);
        check_str(a.author, a.author_len);
        check_str(a.source, a.source_len);
        check_str(a.url, a.url_len);
        REQUIRE(a.id_len > 0);
        REQUIRE(a.file != NULL);
        /* every article costs at least a byte of input (gzip: of output) */
        REQUIRE(got <= 1032 * (uint64_t)n + 1);
    }
    REQUIRE(rc == 0);
    const uint64_t *sk = byl_reader_skipped(r);
    uint64_t skipped = 0;
    for (int i = 0; i < BYL_SKIP_COUNT; i++)
        skipped += sk[i];
    REQUIRE(byl_reader_records(r) == got + skipped);
    REQUIRE(byl_reader_format(r) != BYL_FMT_AUTO);
    byl_reader_close(r);
}

int byl_fuzz_jsonl(const uint8_t *d, size_t n)
{
    read_all(d, n, BYL_FMT_JSONL, 0);
    read_all(d, n, BYL_FMT_JSONL, 64);
    read_all(d, n, BYL_FMT_AUTO, 0);
    return 0;
}

int byl_fuzz_sgml(const uint8_t *d, size_t n)
{
    read_all(d, n, BYL_FMT_TREC, 0);
    read_all(d, n, BYL_FMT_REUTERS, 0);
    read_all(d, n, BYL_FMT_TREC, 100);
    read_all(d, n, BYL_FMT_REUTERS, 100);
    return 0;
}

int byl_fuzz_text(const uint8_t *d, size_t n)
{
    read_all(d, n, BYL_FMT_TEXT, 0);
    read_all(d, n, BYL_FMT_TEXT, 32);
    return 0;
}

int byl_fuzz_gzip(const uint8_t *d, size_t n)
{
    read_all(d, n, BYL_FMT_AUTO, 0);
    read_all(d, n, BYL_FMT_AUTO, 48);
    /* the input itself gzipped whole: arbitrary content behind a sound
     * stream, and that stream cut short */
    z_stream z;
    memset(&z, 0, sizeof z);
    REQUIRE(deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) == Z_OK);
    size_t cap = deflateBound(&z, (uLong)n);
    uint8_t *gz = malloc(cap);
    REQUIRE(gz != NULL);
    z.next_in = (Bytef *)d;
    z.avail_in = (uInt)n;
    z.next_out = gz;
    z.avail_out = (uInt)cap;
    REQUIRE(deflate(&z, Z_FINISH) == Z_STREAM_END);
    size_t glen = z.total_out;
    deflateEnd(&z);
    read_all(gz, glen, BYL_FMT_AUTO, 0);
    read_all(gz, glen / 2 + 1, BYL_FMT_AUTO, 0);
    free(gz);
    return 0;
}

/* --------------------------------------------------------------- dates */

int byl_fuzz_date(const uint8_t *d, size_t n)
{
    /* on a copy of exactly n bytes, so ASan sees any read past the end */
    char *s = malloc(n ? n : 1);
    REQUIRE(s != NULL);
    memcpy(s, d, n);
    int64_t t = 12345, u = 12345;
    int rc = byl_date_parse(s, n, &t);
    REQUIRE(rc == 0 || rc == -1);
    int rl = byl_date_parse_lenient(s, n, &u);
    REQUIRE(rl == 0 || rl == -1);
    /* what the strict parser takes, the lenient one takes the same way */
    if (rc == 0)
        REQUIRE(rl == 0 && u == t);
    free(s);
    return 0;
}

/* --------------------------------------------------------------- query */

/* Runs q on s in a few ways; returns the status of the exhaustive search.
 * On an index that is intact, exhaustive and MaxScore must agree. */
static int run_query(byl_searcher *s, const byl_qnode *q, uint32_t ndocs, int intact,
                     unsigned variant)
{
    byl_search_opts o;
    byl_search_opts_init(&o);
    o.k = 5;
    o.all_required = variant & 1;
    const byl_hit *h;
    size_t nh;
    uint64_t total;
    int rc = byl_search(s, q, &o, &h, &nh, &total);
    REQUIRE(rc == BYL_OK || rc == BYL_ECORRUPT || rc == BYL_ELIMIT);
    if (intact)
        REQUIRE(rc == BYL_OK || rc == BYL_ELIMIT);
    if (rc)
        return rc;
    REQUIRE(nh <= o.k && nh <= total && total <= ndocs);
    double score[5];
    for (size_t i = 0; i < nh; i++) {
        REQUIRE(h[i].gdoc < ndocs);
        REQUIRE(h[i].score == h[i].score); /* not NaN */
        score[i] = h[i].score;
        byl_segment *seg = byl_searcher_segment(s, &h[i]);
        REQUIRE(seg != NULL);
        byl_buf b;
        byl_buf_init(&b);
        int erc = byl_search_explain(s, &h[i], &b);
        REQUIRE(erc == BYL_OK || erc == BYL_ECORRUPT);
        if (intact)
            REQUIRE(erc == BYL_OK);
        byl_buf_reset(&b);
        size_t nt;
        byl_search_terms(s, &nt);
    }
    /* the fast path (MaxScore) against the oracle */
    o.count_total = 0;
    size_t nh2;
    uint64_t total2;
    int rc2 = byl_search(s, q, &o, &h, &nh2, &total2);
    REQUIRE(rc2 == BYL_OK || rc2 == BYL_ECORRUPT);
    if (intact) {
        REQUIRE(rc2 == BYL_OK && nh2 == nh && total2 <= total);
        for (size_t i = 0; i < nh; i++) {
            double diff = h[i].score - score[i], mag = score[i] < 0 ? -score[i] : score[i];
            REQUIRE((diff < 0 ? -diff : diff) <= 1e-6 * (mag + 1));
        }
    }
    /* and by date, newest first, with recency */
    o.sort = variant & 2 ? BYL_SORT_DATE_DESC : BYL_SORT_SCORE;
    o.half_life = variant & 4 ? 86400.0 * 30 : 0;
    o.now = INT64_MIN;
    rc2 = byl_search(s, q, &o, &h, &nh2, &total2);
    REQUIRE(rc2 == BYL_OK || rc2 == BYL_ECORRUPT);
    if (intact)
        REQUIRE(rc2 == BYL_OK);
    return rc;
}

int byl_fuzz_query(const uint8_t *d, size_t n)
{
    make_fixture();
    char *text = malloc(n ? n : 1);
    REQUIRE(text != NULL);
    memcpy(text, d, n);
    byl_qnode *q = NULL;
    int rc = byl_query_parse(text, n, &q);
    REQUIRE(rc == BYL_OK || rc == BYL_EPARSE || rc == BYL_ELIMIT);
    if (rc) {
        REQUIRE(q == NULL);
        REQUIRE(strlen(byl_error_msg()) > 0);
    } else {
        REQUIRE(q != NULL);
        char buf[256];
        size_t len = byl_qnode_format(q, buf, sizeof buf);
        (void)len;
        REQUIRE(memchr(buf, '\0', sizeof buf) != NULL);
        unsigned variant = n ? d[0] + d[n - 1] : 0;
        run_query(fix_s, q, byl_index_stats(fix_ix)->ndocs, 1, variant);
        byl_qnode_free(q);
    }
    free(text);
    return 0;
}

/* --------------------------------------------------------------- index */

#define FUZZ_SEG "000001-0001.seg"

static void put_crc(uint8_t *at, uint32_t c)
{
    memcpy(at, (uint8_t[4]){(uint8_t)c, (uint8_t)(c >> 8), (uint8_t)(c >> 16), (uint8_t)(c >> 24)},
           4);
}

/* Recomputes a version-5 segment's chunk table (format.h), if its footer
 * says soundly where it is, so that mutations reach the readers behind the
 * chunk checks. */
static void fix_chunks(uint8_t *m, uint64_t foff, uint32_t flen, uint32_t version)
{
    if (version < BYL_SEG_VERSION_CHUNKS || flen < 4)
        return;
    uint64_t nsec = byl_get_u32(m + foff);
    uint64_t at = 4 + nsec * 20 + 20 + 8 * BYL_NFIELDS + 16;
    if (nsec > 64 || at + 8 > flen)
        return;
    uint64_t co = byl_get_u64(m + foff + at);
    uint64_t nchunks = (co + BYL_CHUNK_SIZE - 1) >> BYL_CHUNK_SHIFT;
    if (co > foff || foff - co != 4 * nchunks)
        return;
    for (uint64_t c = 0; c < nchunks; c++) {
        uint64_t a = c << BYL_CHUNK_SHIFT, b = a + BYL_CHUNK_SIZE < co ? a + BYL_CHUNK_SIZE : co;
        put_crc(m + co + 4 * c, (uint32_t)crc32(crc32(0, NULL, 0), m + a, (uInt)(b - a)));
    }
}

/* Recomputes a segment's page and footer checksums in place, if its tail
 * is sound enough to say where they are; otherwise leaves it alone (and
 * the open fails on the tail, as it must). */
static void fix_checksums(uint8_t *m, size_t n)
{
    if (n < BYL_SEG_HEADER + BYL_SEG_TAIL)
        return;
    uint8_t *tail = m + n - BYL_SEG_TAIL;
    uint64_t foff = byl_get_u64(tail);
    uint32_t flen = byl_get_u32(tail + 8), npages = byl_get_u32(tail + 16);
    if (foff < BYL_SEG_HEADER || foff > n - BYL_SEG_TAIL || flen != n - BYL_SEG_TAIL - foff)
        return;
    fix_chunks(m, foff, flen, byl_get_u32(tail + 20));
    if (npages == (foff + BYL_PAGE_SIZE - 1) >> BYL_PAGE_SHIFT && (uint64_t)npages * 4 <= flen) {
        uint8_t *crcs = m + foff + flen - 4 * (size_t)npages;
        for (uint32_t p = 0; p < npages; p++) {
            uint64_t a = (uint64_t)p << BYL_PAGE_SHIFT;
            uint64_t b = a + BYL_PAGE_SIZE < foff ? a + BYL_PAGE_SIZE : foff;
            uint32_t c = (uint32_t)crc32(crc32(0, NULL, 0), m + a, (uInt)(b - a));
            memcpy(crcs + 4 * (size_t)p, (uint8_t[4]){(uint8_t)c, (uint8_t)(c >> 8),
                                                      (uint8_t)(c >> 16), (uint8_t)(c >> 24)}, 4);
        }
    }
    uint32_t c = (uint32_t)crc32(crc32(0, NULL, 0), m + foff, (uInt)flen);
    memcpy(tail + 12, (uint8_t[4]){(uint8_t)c, (uint8_t)(c >> 8), (uint8_t)(c >> 16),
                                   (uint8_t)(c >> 24)}, 4);
}

/* A version-2 MANIFEST naming FUZZ_SEG and, when del is not NULL, its
 * deletion file with ndeleted documents. */
static void write_manifest(const char *dir, uint32_t title_weight, uint32_t ndocs,
                           uint64_t size, const char *del, uint32_t ndeleted)
{
    byl_buf b;
    byl_buf_init(&b);
    byl_buf_put(&b, BYL_MANIFEST_MAGIC, 8);
    byl_buf_put_u32(&b, BYL_MANIFEST_VERSION);
    byl_buf_put_u32(&b, 0);
    byl_buf_put_u64(&b, 1);
    byl_buf_put_u32(&b, title_weight);
    byl_buf_put_u32(&b, 1);
    byl_buf_put_u16(&b, (uint16_t)strlen(FUZZ_SEG));
    byl_buf_put(&b, FUZZ_SEG, strlen(FUZZ_SEG));
    byl_buf_put_u32(&b, ndocs);
    byl_buf_put_u64(&b, size);
    byl_buf_put_u32(&b, del ? ndeleted : 0);
    byl_buf_put_u16(&b, (uint16_t)(del ? strlen(del) : 0));
    if (del)
        byl_buf_put(&b, del, strlen(del));
    byl_buf_put_u32(&b, (uint32_t)crc32(crc32(0, NULL, 0), b.data, (uInt)b.len));
    REQUIRE(!b.failed);
    char path[600];
    snprintf(path, sizeof path, "%s/MANIFEST", dir);
    write_file(path, b.data, b.len);
    byl_buf_reset(&b);
}

static int ok_or_corrupt(int rc)
{
    return rc == BYL_OK || rc == BYL_ECORRUPT;
}

/* Walks what a segment holds; every failure must be BYL_ECORRUPT.  Fills
 * words with up to three TEXT terms (space-separated) for searching. */
static void walk_segment(byl_segment *s, char *words, size_t cap)
{
    const byl_segstats *st = byl_segment_stats(s);
    words[0] = '\0';
    for (uint32_t doc = 0; doc < st->ndocs && doc < 4096; doc++) {
        int64_t date;
        uint32_t lens[BYL_NFIELDS];
        REQUIRE(ok_or_corrupt(byl_segment_doc_info(s, doc, &date, lens)));
        const char *id;
        size_t idlen;
        REQUIRE(ok_or_corrupt(byl_segment_doc_id(s, doc, &id, &idlen)));
        byl_stored so;
        int rc = byl_segment_stored(s, doc, &so);
        REQUIRE(ok_or_corrupt(rc));
        if (rc == BYL_OK) {
            /* touch every byte the strings claim, for ASan */
            volatile unsigned sum = 0;
            const char *f[6] = {so.id, so.title, so.author, so.source, so.url, so.body};
            size_t l[6] = {so.id_len, so.title_len, so.author_len, so.source_len, so.url_len,
                           so.body_len};
            for (int k = 0; k < 6; k++)
                for (size_t i = 0; i < l[k]; i++)
                    sum += (unsigned char)f[k][i];
        }
    }
    REQUIRE(byl_segment_doc_info(s, st->ndocs, NULL, NULL) == BYL_EINVAL);
    byl_dictiter it;
    int rc = byl_dictiter_seek(&it, s, NULL, 0);
    REQUIRE(ok_or_corrupt(rc));
    int nwords = 0;
    uint32_t pos[64];
    for (int terms = 0; rc == BYL_OK && !it.eof && terms < 2000; terms++) {
        REQUIRE(it.keylen <= BYL_MAX_KEY);
        if (it.keylen > 1 && it.key[0] == BYL_F_TEXT && nwords < 3 && terms % 7 == 0) {
            size_t have = strlen(words);
            if (have + it.keylen + 1 < cap && !memchr(it.key + 1, '\0', it.keylen - 1)) {
                if (have)
                    words[have++] = ' ';
                memcpy(words + have, it.key + 1, it.keylen - 1);
                words[have + it.keylen - 1] = '\0';
                nwords++;
            }
        }
        byl_cursor c;
        byl_cursor_init(&c, s, &it.info);
        uint32_t steps = 0;
        while (c.doc != BYL_END && steps++ < 100000) {
            REQUIRE(c.doc < st->ndocs);
            REQUIRE(c.tf >= 1);
            uint32_t tf[BYL_IMPACTS], len[BYL_IMPACTS];
            size_t ni = byl_cursor_block_impacts(&c, tf, len);
            REQUIRE(ni >= 1 && ni <= BYL_IMPACTS);
            byl_cursor_block_last(&c);
            long np = byl_cursor_positions(&c, pos, 64);
            REQUIRE(np >= -1);
            if (np < 0)
                break;
            if (steps % 3 == 0)
                byl_cursor_next_geq(&c, c.doc + 2);
            else
                byl_cursor_next(&c);
        }
        REQUIRE(c.err == 0 || c.err == BYL_ECORRUPT);
        /* the same term through a lookup */
        byl_terminfo ti;
        int lrc = byl_segment_lookup(s, it.key, it.keylen, &ti);
        REQUIRE(lrc == BYL_OK || lrc == BYL_ENOTFOUND || lrc == BYL_ECORRUPT);
        rc = byl_dictiter_next(&it);
        REQUIRE(ok_or_corrupt(rc));
    }
}

static const char *const queries[] = {
    "oil prices", "\"export controls\"", "+trade -japan", "title:oil OR body:bank",
    "ban*", "date:1987", "author:smith", "name:(reagan)", "source:reuters", "id:x",
};

static void search_index(const char *dir, const char *words)
{
    byl_index *ix;
    int rc = byl_index_open(dir, &ix);
    REQUIRE(rc == BYL_OK || rc == BYL_ECORRUPT || rc == BYL_EVERSION || rc == BYL_ENOTFOUND);
    if (rc)
        return;
    byl_searcher *s;
    rc = byl_searcher_new(&ix, 1, &s);
    REQUIRE(rc == BYL_OK || rc == BYL_ECORRUPT || rc == BYL_ELIMIT);
    if (rc == BYL_OK) {
        uint32_t ndocs = byl_index_stats(ix)->ndocs;
        char q[3][300];
        size_t nq = 0;
        if (words[0]) {
            snprintf(q[nq++], sizeof q[0], "%s", words);
            snprintf(q[nq++], sizeof q[0], "\"%s\"", words);
            snprintf(q[nq++], sizeof q[0], "+%.5s* -zzz", words);
        }
        for (size_t i = 0; i < nq + sizeof queries / sizeof *queries; i++) {
            const char *t = i < nq ? q[i] : queries[i - nq];
            byl_qnode *qn;
            if (byl_query_parse(t, strlen(t), &qn) != BYL_OK)
                continue;
            run_query(s, qn, ndocs, 0, (unsigned)i);
            byl_qnode_free(qn);
        }
        byl_searcher_free(s);
    }
    byl_index_close(ix);
}

/* byline-index check over the directory: any verdict, never a crash. */
static void check_index(const char *dir)
{
    byl_check_result res;
    int rc = byl_index_check(dir, NULL, NULL, &res);
    REQUIRE(rc == BYL_OK || rc == BYL_ECORRUPT || rc == BYL_EVERSION || rc == BYL_ENOTFOUND);
    REQUIRE(rc != BYL_OK || res.problems == 0);
}

int byl_fuzz_index(const uint8_t *d, size_t n)
{
    make_scratch();
    char dir[512], path[600];
    snprintf(dir, sizeof dir, "%s/ix", scratch);
    mkdir(dir, 0700);
    snprintf(path, sizeof path, "%s/" FUZZ_SEG, dir);
    if (n >= 8 && memcmp(d, BYL_DEL_MAGIC, 8) == 0) {
        /* deletions of the fixture's segment: its CRC made right, so the
         * damage reaches the parser; the manifest takes the count the file
         * claims, so it gets past that check too */
        make_fixture();
        char seg[600], del[600];
        snprintf(seg, sizeof seg, "%s/" FUZZ_SEG, fixture);
        unlink(path);
        REQUIRE(link(seg, path) == 0 || symlink(seg, path) == 0);
        uint8_t *m = malloc(n);
        REQUIRE(m != NULL);
        memcpy(m, d, n);
        if (n >= 24) {
            uint32_t c = (uint32_t)crc32(crc32(0, NULL, 0), m, (uInt)(n - 4));
            byl_put_u32(m + n - 4, c);
        }
        snprintf(del, sizeof del, "%s/" FUZZ_SEG ".2.del", dir);
        write_file(del, m, n);
        struct stat st;
        REQUIRE(stat(seg, &st) == 0);
        const byl_segstats *fs = byl_segment_stats(byl_index_segment(fix_ix, 0));
        uint32_t claimed = n >= 20 ? byl_get_u32(m + 16) : 1;
        free(m);
        write_manifest(dir, fs->title_weight, fs->ndocs, (uint64_t)st.st_size, FUZZ_SEG ".2.del",
                       claimed <= fs->ndocs && claimed ? claimed : 1);
        search_index(dir, "oil");
        check_index(dir);
        unlink(del);
        return 0;
    }
    if (n >= 8 && memcmp(d, BYL_MANIFEST_MAGIC, 8) == 0) {
        /* a MANIFEST over the fixture's segment (same name) */
        make_fixture();
        char seg[600];
        snprintf(seg, sizeof seg, "%s/" FUZZ_SEG, fixture);
        unlink(path);
        REQUIRE(link(seg, path) == 0 || symlink(seg, path) == 0);
        char man[600];
        snprintf(man, sizeof man, "%s/MANIFEST", dir);
        write_file(man, d, n);
        search_index(dir, "oil");
        return 0;
    }
    uint8_t *m = malloc(n ? n : 1);
    REQUIRE(m != NULL);
    memcpy(m, d, n);
    fix_checksums(m, n);
    unlink(path);
    write_file(path, m, n);
    free(m);
    byl_segment *s;
    int rc = byl_segment_open(path, &s);
    REQUIRE(rc == BYL_OK || rc == BYL_ECORRUPT || rc == BYL_EVERSION);
    if (rc)
        return 0;
    char words[200];
    walk_segment(s, words, sizeof words);
    const byl_segstats *st = byl_segment_stats(s);
    write_manifest(dir, st->title_weight, st->ndocs, n, NULL, 0);
    byl_segment_close(s);
    search_index(dir, words);
    check_index(dir);
    return 0;
}

const byl_fuzz_target byl_fuzz_targets[] = {
    {"analyzer", byl_fuzz_analyzer}, {"jsonl", byl_fuzz_jsonl}, {"sgml", byl_fuzz_sgml},   {"text", byl_fuzz_text},
    {"gzip", byl_fuzz_gzip},   {"date", byl_fuzz_date},   {"query", byl_fuzz_query},
    {"index", byl_fuzz_index}, {NULL, NULL},
};
