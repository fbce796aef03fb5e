/*
 * test_index.c - the index directory: manifest commits, the writer lock,
 * cleanup after an interrupted writer, refusal of foreign directories and
 * damaged manifests, the inverter's memory budget, and the indexing
 * threads building what one thread builds.
 */
#include <check.h>

#include "check_main.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "index/collection.h"
#include "index/deletes.h"
#include "index/index.h"
#include "index/inverter.h"
#include "util/checked.h"
#include "util/err.h"
#include "util/mem.h"

#include "gen.h"

static char tmp[64];

static void setup(void)
{
    strcpy(tmp, "/tmp/byl_test_indexXXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(tmp));
}

static void teardown(void)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", tmp);
    ck_assert_int_eq(system(cmd), 0);
}

static byl_article art(const char *id, const char *title, const char *body)
{
    byl_article a = {.id = id, .id_len = strlen(id), .title = title, .title_len = strlen(title),
                     .body = body, .body_len = strlen(body), .author = "", .source = "",
                     .url = "", .date = 0, .file = "t"};
    return a;
}

static void build(const char *dir, int n, const char *word, size_t mem, int replace)
{
    byl_index_opts o = {.mem_budget = mem, .title_weight = 2, .replace = replace,
                        .threads = replace ? 2 : 1}; /* both paths */
    byl_index_writer *w;
    ck_assert_int_eq(byl_index_writer_open(dir, &o, &w), BYL_OK);
    for (int i = 0; i < n; i++) {
        char id[32], body[128];
        snprintf(id, sizeof id, "%s-%d", word, i);
        snprintf(body, sizeof body, "The %s report number %d mentions tractors.", word, i);
        byl_article a = art(id, "Daily report", body);
        ck_assert_int_eq(byl_index_writer_add(w, &a), BYL_OK);
    }
    ck_assert_int_eq(byl_index_writer_commit(w), BYL_OK);
    byl_index_writer_free(w);
}

static uint32_t ndocs(const char *dir)
{
    byl_index *ix;
    ck_assert_int_eq(byl_index_open(dir, &ix), BYL_OK);
    uint32_t n = byl_index_stats(ix)->ndocs;
    byl_index_close(ix);
    return n;
}

static int count_files(const char *dir, const char *suffix)
{
    char cmd[256];
    /* a directory never made counts none (ls says nothing of it) */
    snprintf(cmd, sizeof cmd, "ls %s 2>/dev/null | grep -c '%s$' > %s.count", dir, suffix, dir);
    if (system(cmd) < 0)
        return -1;
    char path[128];
    snprintf(path, sizeof path, "%s.count", dir);
    FILE *f = fopen(path, "r");
    int n = -1;
    if (f) {
        if (fscanf(f, "%d", &n) != 1)
            n = -1;
        fclose(f);
    }
    unlink(path);
    return n;
}

START_TEST(test_commit_replace_and_add)
{
    char dir[128];
    snprintf(dir, sizeof dir, "%s/ix", tmp);
    build(dir, 10, "alpha", 64 << 20, 1);
    ck_assert_uint_eq(ndocs(dir), 10);
    build(dir, 5, "beta", 64 << 20, 1); /* replace */
    ck_assert_uint_eq(ndocs(dir), 5);
    ck_assert_int_eq(count_files(dir, ".seg"), 1); /* old segment removed */
    build(dir, 7, "gamma", 64 << 20, 0); /* add a segment */
    ck_assert_uint_eq(ndocs(dir), 12);
    ck_assert_int_eq(count_files(dir, ".seg"), 2);
    byl_index *ix;
    ck_assert_int_eq(byl_index_open(dir, &ix), BYL_OK);
    ck_assert_uint_eq(byl_index_nsegments(ix), 2);
    ck_assert_uint_eq(byl_index_base(ix, 1), 5);
    ck_assert_uint_eq(byl_index_generation(ix), 3);
    byl_index_close(ix);
}
END_TEST

START_TEST(test_budget_splits_segments)
{
    char dir[128];
    snprintf(dir, sizeof dir, "%s/small", tmp);
    build(dir, 2000, "delta", 256 << 10, 1);
    byl_index *ix;
    ck_assert_int_eq(byl_index_open(dir, &ix), BYL_OK);
    ck_assert_uint_gt(byl_index_nsegments(ix), 1);
    ck_assert_uint_eq(byl_index_stats(ix)->ndocs, 2000);
    byl_index_close(ix);
}
END_TEST

START_TEST(test_inverter_accounts_memory)
{
    char dir[128];
    snprintf(dir, sizeof dir, "%s/acct", tmp);
    byl_index_opts o = {.mem_budget = (size_t)1 << 30, .title_weight = 1, .replace = 1};
    byl_index_writer *w;
    ck_assert_int_eq(byl_index_writer_open(dir, &o, &w), BYL_OK);
    size_t before = byl_index_writer_mem(w);
    for (int i = 0; i < 500; i++) {
        char id[16], body[64];
        snprintf(id, sizeof id, "m%d", i);
        snprintf(body, sizeof body, "unique%d words%d here%d", i, i, i);
        byl_article a = art(id, "", body);
        ck_assert_int_eq(byl_index_writer_add(w, &a), BYL_OK);
    }
    /* 1,500 new terms at least: the count must have grown accordingly */
    ck_assert_uint_gt(byl_index_writer_mem(w), before + 1500 * 16);
    ck_assert_uint_eq(byl_index_writer_docs(w), 500);
    byl_index_writer_free(w); /* no commit: nothing is left behind */
    ck_assert_int_eq(count_files(dir, ".seg"), 0);
}
END_TEST

START_TEST(test_lock_is_exclusive)
{
    char dir[128];
    snprintf(dir, sizeof dir, "%s/lock", tmp);
    byl_index_opts o = {.mem_budget = 1 << 20, .title_weight = 2, .replace = 1};
    byl_index_writer *w, *w2 = (byl_index_writer *)1;
    ck_assert_int_eq(byl_index_writer_open(dir, &o, &w), BYL_OK);
    ck_assert_int_eq(byl_index_writer_open(dir, &o, &w2), BYL_EBUSY);
    ck_assert_ptr_null(w2);
    ck_assert_ptr_nonnull(strstr(byl_error_msg(), "another byline-index"));
    byl_index_writer_free(w);
    ck_assert_int_eq(byl_index_writer_open(dir, &o, &w2), BYL_OK);
    byl_index_writer_free(w2);
}
END_TEST

START_TEST(test_leftovers_are_removed_and_old_index_kept)
{
    char dir[128], path[256];
    snprintf(dir, sizeof dir, "%s/left", tmp);
    build(dir, 3, "old", 64 << 20, 1);
    /* what a killed writer leaves: a half segment and a deletion file under
     * their temporary names, side files, a temp manifest, a cache's temp;
     * and what the previous version left: a half segment under its
     * committed name (newer than the MANIFEST: kept, the writer refuses) */
    const char *junk[] = {"000002-0001.seg.tmp", "000002-0001.seg.tmp.pos",
                          "000002-0001.seg.tmp.store", "000001-0001.seg.2.del.tmp",
                          "MANIFEST.tmp", "000002.clusters.tmp", "000002-0001.seg"};
    for (size_t i = 0; i < 7; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, junk[i]);
        FILE *f = fopen(path, "w");
        ck_assert_ptr_nonnull(f);
        fputs("partial", f);
        fclose(f);
    }
    ck_assert_uint_eq(ndocs(dir), 3); /* readers ignore them */
    byl_index_opts o = {.mem_budget = 1 << 20, .title_weight = 2, .replace = 0};
    byl_index_writer *w;
    ck_assert_int_eq(byl_index_writer_open(dir, &o, &w), BYL_ECORRUPT);
    ck_assert_ptr_nonnull(strstr(byl_error_msg(), "000002-0001.seg is newer than the MANIFEST"));
    for (size_t i = 0; i < 7; i++) { /* refused: nothing touched */
        snprintf(path, sizeof path, "%s/%s", dir, junk[i]);
        struct stat st;
        ck_assert_int_eq(stat(path, &st), 0);
    }
    snprintf(path, sizeof path, "%s/000002-0001.seg", dir);
    ck_assert_int_eq(unlink(path), 0);
    ck_assert_int_eq(byl_index_writer_open(dir, &o, &w), BYL_OK);
    byl_index_writer_free(w);
    for (size_t i = 0; i < 6; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, junk[i]);
        struct stat st;
        ck_assert_int_ne(stat(path, &st), 0);
    }
    ck_assert_uint_eq(ndocs(dir), 3);
}
END_TEST

START_TEST(test_foreign_directory_refused)
{
    char dir[128], path[256];
    snprintf(dir, sizeof dir, "%s/home", tmp);
    ck_assert_int_eq(mkdir(dir, 0777), 0);
    snprintf(path, sizeof path, "%s/thesis.tex", dir);
    FILE *f = fopen(path, "w");
    fputs("precious", f);
    fclose(f);
    byl_index_opts o = {.mem_budget = 1 << 20, .title_weight = 2, .replace = 1};
    byl_index_writer *w;
    ck_assert_int_eq(byl_index_writer_open(dir, &o, &w), BYL_EINVAL);
    struct stat st;
    ck_assert_int_eq(stat(path, &st), 0);
    byl_index *ix;
    ck_assert_int_eq(byl_index_open(dir, &ix), BYL_ENOTFOUND);
    ck_assert_ptr_nonnull(strstr(byl_error_msg(), "not a Byline index"));
}
END_TEST

START_TEST(test_damaged_manifest)
{
    char dir[128], path[256];
    snprintf(dir, sizeof dir, "%s/man", tmp);
    build(dir, 3, "m", 64 << 20, 1);
    snprintf(path, sizeof path, "%s/MANIFEST", dir);
    struct stat st;
    ck_assert_int_eq(stat(path, &st), 0);
    for (off_t at = 0; at < st.st_size; at++) {
        FILE *f = fopen(path, "r+b");
        fseek(f, at, SEEK_SET);
        int c = fgetc(f);
        fseek(f, at, SEEK_SET);
        fputc(c ^ 0x40, f);
        fclose(f);
        byl_index *ix = NULL;
        int rc = byl_index_open(dir, &ix);
        ck_assert_msg(rc == BYL_ECORRUPT || rc == BYL_EVERSION, "flip at %ld: rc %d", (long)at, rc);
        ck_assert_ptr_null(ix);
        f = fopen(path, "r+b");
        fseek(f, at, SEEK_SET);
        fputc(c, f);
        fclose(f);
    }
    ck_assert_int_eq(truncate(path, st.st_size - 3), 0);
    byl_index *ix;
    ck_assert_int_eq(byl_index_open(dir, &ix), BYL_ECORRUPT);
    /* a writer, even one that would replace the index, refuses it */
    byl_index_opts o = {.mem_budget = 64 << 20, .title_weight = 2, .replace = 1};
    byl_index_writer *w;
    ck_assert_int_eq(byl_index_writer_open(dir, &o, &w), BYL_ECORRUPT);
    ck_assert_ptr_nonnull(strstr(byl_error_msg(), "nothing was changed"));
    /* a segment named by the manifest but missing */
    snprintf(dir, sizeof dir, "%s/man2", tmp);
    build(dir, 3, "m", 64 << 20, 1);
    char cmd[256];
    snprintf(cmd, sizeof cmd, "rm %s/*.seg", dir);
    ck_assert_int_eq(system(cmd), 0);
    ck_assert_int_eq(byl_index_open(dir, &ix), BYL_ECORRUPT);
    ck_assert_ptr_nonnull(strstr(byl_error_msg(), "rebuild"));
}
END_TEST

/* Reads a whole small file into *buf (caller frees); its size. */
static size_t slurp(const char *path, uint8_t **buf)
{
    FILE *f = fopen(path, "rb");
    ck_assert_ptr_nonnull(f);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    ck_assert_int_gt(n, 0);
    rewind(f);
    *buf = malloc((size_t)n);
    ck_assert_ptr_nonnull(*buf);
    ck_assert_uint_eq(fread(*buf, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    return (size_t)n;
}

static void spill(const char *path, const uint8_t *buf, size_t n)
{
    FILE *f = fopen(path, "wb");
    ck_assert_ptr_nonnull(f);
    ck_assert_uint_eq(fwrite(buf, 1, n, f), n);
    fclose(f);
}

/* The MANIFEST and deletion files are framed by util/checked.h (magic,
 * version, crc32 of all before it), and a deletion file with any one bit
 * flipped or cut anywhere is refused, naming the file: never read, never
 * a crash, the index not opened. */
START_TEST(test_deletion_file_framed_and_checked)
{
    char dir[128], path[512];
    snprintf(dir, sizeof dir, "%s/del", tmp);
    build(dir, 40, "d", 64 << 20, 1);
    byl_index_opts o = {.mem_budget = 64 << 20};
    byl_index_writer *w;
    ck_assert_int_eq(byl_index_writer_open(dir, &o, &w), BYL_OK);
    uint64_t found = 0;
    for (int i = 0; i < 40; i += 3) {
        char id[32];
        snprintf(id, sizeof id, "d-%d", i);
        uint64_t one;
        ck_assert_int_eq(byl_index_writer_delete(w, id, strlen(id), &one), BYL_OK);
        found += one;
    }
    ck_assert_uint_eq(found, 14);
    ck_assert_int_eq(byl_index_writer_commit(w), BYL_OK);
    byl_index_writer_free(w);

    byl_index_file *files;
    size_t nfiles;
    uint32_t tw;
    ck_assert_int_eq(byl_index_files(dir, &files, &nfiles, &tw), BYL_OK);
    ck_assert_uint_eq(nfiles, 1);
    ck_assert_str_ne(files[0].deletions, "");
    snprintf(path, sizeof path, "%s/%s", dir, files[0].deletions);
    byl_free(files);

    uint8_t *orig;
    size_t n = slurp(path, &orig);
    const byl_checked_kind del = {BYL_DEL_MAGIC, BYL_DEL_VERSION, BYL_DEL_VERSION, 0,
                                  "deletion file"};
    ck_assert_int_eq(byl_checked_verify(orig, n, &del, path, NULL, NULL, NULL), BYL_OK);
    char man[512];
    snprintf(man, sizeof man, "%s/MANIFEST", dir);
    uint8_t *mb;
    size_t mn = slurp(man, &mb);
    const byl_checked_kind mk = {"BYLMAN\r\n", 2, 2, 20, "manifest"};
    uint32_t version = 0;
    ck_assert_int_eq(byl_checked_verify(mb, mn, &mk, man, &version, NULL, NULL), BYL_OK);
    ck_assert_uint_eq(version, 2);
    free(mb);

    uint8_t *bad = malloc(n);
    ck_assert_ptr_nonnull(bad);
    for (size_t at = 0; at < n * 8; at++) {
        memcpy(bad, orig, n);
        bad[at / 8] ^= (uint8_t)(1u << (at % 8));
        spill(path, bad, n);
        byl_index *ix = NULL;
        int rc = byl_index_open(dir, &ix);
        ck_assert_msg(rc == BYL_ECORRUPT || rc == BYL_EVERSION, "bit %zu: rc %d", at, rc);
        ck_assert_ptr_null(ix);
        ck_assert_msg(strstr(byl_error_msg(), path) != NULL,
                      "bit %zu: %s", at, byl_error_msg());
    }
    for (size_t len = 0; len < n; len++) {
        spill(path, orig, len);
        byl_index *ix = NULL;
        ck_assert_int_eq(byl_index_open(dir, &ix), BYL_ECORRUPT);
        ck_assert_ptr_null(ix);
        ck_assert_ptr_nonnull(strstr(byl_error_msg(), path));
    }
    spill(path, orig, n);
    byl_index *ix;
    ck_assert_int_eq(byl_index_open(dir, &ix), BYL_OK);
    ck_assert_uint_eq(byl_index_stats(ix)->ndeleted, 14);
    byl_index_close(ix);
    free(bad);
    free(orig);
}
END_TEST

START_TEST(test_allocation_failures_leave_old_index)
{
    char dir[128];
    snprintf(dir, sizeof dir, "%s/oom", tmp);
    build(dir, 4, "keep", 64 << 20, 1);
    for (long k = 0; k < 200; k += 7) {
        byl_index_opts o = {.mem_budget = 64 << 20, .title_weight = 2, .replace = 1};
        byl_index_writer *w = NULL;
        byl_mem_fail_after(k);
        int rc = byl_index_writer_open(dir, &o, &w);
        for (int i = 0; rc == BYL_OK && i < 20; i++) {
            byl_article a = art("x", "Some title", "and a body with several words in it");
            rc = byl_index_writer_add(w, &a);
        }
        if (rc == BYL_OK)
            rc = byl_index_writer_commit(w);
        byl_mem_fail_after(-1);
        byl_index_writer_free(w);
        uint32_t n = ndocs(dir);
        if (rc == BYL_OK) {
            ck_assert_uint_eq(n, 20);
            build(dir, 4, "keep", 64 << 20, 1);
        } else {
            ck_assert_int_eq(rc, BYL_ENOMEM);
            ck_assert_uint_eq(n, 4);
        }
    }
}
END_TEST

/* Three indexes of several segments each numbered as one collection:
 * every document's global number locates it again, numbers run without
 * gaps in index then segment order, and the statistics are the sums. */
START_TEST(test_collection_numbers_and_sums)
{
    const char *names[3] = {"a", "b", "c"};
    int counts[3] = {40, 0, 75};
    byl_index *ix[3];
    for (int i = 0; i < 3; i++) {
        char dir[128];
        snprintf(dir, sizeof dir, "%s/%s", tmp, names[i]);
        build(dir, counts[i], names[i], 4096, 1); /* a small budget: several segments */
        ck_assert_int_eq(byl_index_open(dir, &ix[i]), BYL_OK);
    }
    byl_collection *c;
    ck_assert_int_eq(byl_collection_new(ix, 3, &c), BYL_OK);
    ck_assert_uint_eq(byl_collection_ndocs(c), 115);
    ck_assert_uint_eq(byl_collection_stats(c)->ndocs, 115);
    uint64_t len = 0, sum = 0;
    for (int i = 0; i < 3; i++)
        len += byl_index_stats(ix[i])->total_len[BYL_F_TEXT];
    ck_assert_uint_eq(byl_collection_stats(c)->total_len[BYL_F_TEXT], len);
    uint64_t expect = 0;
    for (size_t i = 0; i < 3; i++)
        for (size_t j = 0; j < byl_index_nsegments(ix[i]); j++) {
            uint32_t n = byl_segment_stats(byl_index_segment(ix[i], j))->ndocs;
            for (uint32_t d = 0; d < n; d++, expect++) {
                uint64_t g = byl_collection_gdoc(c, i, j, d);
                ck_assert_uint_eq(g, expect);
                uint32_t gi, gj, gd;
                ck_assert_int_eq(byl_collection_locate(c, g, &gi, &gj, &gd), BYL_OK);
                ck_assert_uint_eq(gi, i);
                ck_assert_uint_eq(gj, j);
                ck_assert_uint_eq(gd, d);
                sum++;
            }
        }
    ck_assert_uint_eq(sum, 115);
    ck_assert_ptr_null(byl_collection_cseg_of(c, 115));
    ck_assert_int_eq(byl_collection_locate(c, 115, NULL, NULL, NULL), BYL_ENOTFOUND);
    byl_collection_free(c);
    for (int i = 0; i < 3; i++)
        byl_index_close(ix[i]);
}
END_TEST

/* Builds n seeded random articles (every 9th longer than a long article,
 * BYL_LONG_ARTICLE / 4, so the caller waits for an empty ring) with the
 * given number of threads. */
/* Adds n seeded random articles, every ninth longer than a long article;
 * a quarter of the words are "w0", so that one term's postings and
 * positions outgrow a batch of the two-thread flush (inverter.c).  The
 * segment writer refuses terms out of order, so a wrong sort fails. */
static int add_random(byl_index_writer *w, uint64_t seed, int n)
{
    size_t cap = 3 * BYL_LONG_ARTICLE / 4;
    char *body = malloc(cap), id[32], title[64];
    int rc = BYL_OK;
    for (int i = 0; i < n && rc == BYL_OK; i++) {
        int nwords = rnd(&seed) % 9 == 0 ? 12000 + (int)(rnd(&seed) % 8000)
                                          : 1 + (int)(rnd(&seed) % 300);
        size_t len = 0;
        for (int k = 0; k < nwords && len + 32 < cap; k++) {
            uint32_t r = rnd(&seed);
            /* one word in 16 shares its first 8 bytes with others: the
             * flush's radix sort then orders them by the whole key */
            len += (size_t)snprintf(body + len, cap - len, "%s%s%u", k ? " " : "",
                                    r % 16 == 1 ? "longsharedprefix" : "w",
                                    r % 4 == 0 ? 0 : r / 4 % 4000);
        }
        snprintf(id, sizeof id, "r%d", i);
        snprintf(title, sizeof title, "Title %u", rnd(&seed) % 50);
        byl_article a = art(id, title, body);
        rc = byl_index_writer_add(w, &a);
    }
    free(body);
    return rc;
}

static void build_random(const char *dir, uint64_t seed, int n, int threads)
{
    byl_index_opts o = {.mem_budget = (size_t)1 << 30, .title_weight = 2, .replace = 1,
                        .threads = threads};
    byl_index_writer *w;
    ck_assert_int_eq(byl_index_writer_open(dir, &o, &w), BYL_OK);
    ck_assert_int_eq(add_random(w, seed, n), BYL_OK);
    ck_assert_int_eq(byl_index_writer_commit(w), BYL_OK);
    byl_index_writer_free(w);
}

/* An allocation that fails while a segment is written on two threads (a
 * batch of the decoding thread, or the writer's own) fails the commit
 * with BYL_ENOMEM, whichever thread met it, and leaves the index as it
 * was. */
START_TEST(test_two_thread_flush_allocation_failures)
{
    char dir[128];
    snprintf(dir, sizeof dir, "%s/oom2", tmp);
    build(dir, 4, "keep", 64 << 20, 1);
    int failed = 0;
    for (long k = 0; k < 120; k += 3) {
        byl_index_opts o = {.mem_budget = 64 << 20, .title_weight = 2, .replace = 1,
                            .threads = 2};
        byl_index_writer *w = NULL;
        ck_assert_int_eq(byl_index_writer_open(dir, &o, &w), BYL_OK);
        ck_assert_int_eq(add_random(w, 7, 12), BYL_OK);
        byl_mem_fail_after(k);
        int rc = byl_index_writer_commit(w);
        byl_mem_fail_after(-1);
        byl_index_writer_free(w);
        uint32_t n = ndocs(dir);
        if (rc == BYL_OK) {
            ck_assert_uint_eq(n, 12);
            build(dir, 4, "keep", 64 << 20, 1);
        } else {
            ck_assert_msg(rc == BYL_ENOMEM, "k=%ld rc=%d: %s", k, rc, byl_error_msg());
            ck_assert_uint_eq(n, 4);
            failed++;
        }
    }
    ck_assert_int_gt(failed, 0);
}
END_TEST

/* The indexing threads hand articles over in batches and wait for each
 * other in several ways (a full ring, a long article, the end): whatever
 * the timing, the index is the one a single thread builds, byte for byte.
 * Random articles, several seeds. */
START_TEST(test_threads_build_the_same_index)
{
    int n = getenv("BYL_TEST_SHORT") ? 40 : 160;
    for (uint64_t seed = 1; seed <= 3; seed++) {
        char one[128], two[128];
        snprintf(one, sizeof one, "%s/one%llu", tmp, (unsigned long long)seed);
        snprintf(two, sizeof two, "%s/two%llu", tmp, (unsigned long long)seed);
        build_random(one, seed, n, 1);
        build_random(two, seed, n, 2);
        ck_assert_uint_eq(ndocs(two), (uint32_t)n);
        const char *files[] = {"000001-0001.seg", "MANIFEST"};
        for (int f = 0; f < 2; f++) {
            char pa[256], pb[256];
            size_t na = 0, nb = 0;
            snprintf(pa, sizeof pa, "%s/%s", one, files[f]);
            snprintf(pb, sizeof pb, "%s/%s", two, files[f]);
            uint8_t *da, *db;
            na = slurp(pa, &da);
            nb = slurp(pb, &db);
            ck_assert_uint_eq(na, nb);
            ck_assert_int_eq(memcmp(da, db, na), 0);
            free(da);
            free(db);
        }
    }
}
END_TEST

int main(void)
{
    Suite *s = suite_create("index");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 60);
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_commit_replace_and_add);
    tcase_add_test(tc, test_budget_splits_segments);
    tcase_add_test(tc, test_inverter_accounts_memory);
    tcase_add_test(tc, test_lock_is_exclusive);
    tcase_add_test(tc, test_leftovers_are_removed_and_old_index_kept);
    tcase_add_test(tc, test_foreign_directory_refused);
    tcase_add_test(tc, test_damaged_manifest);
    tcase_add_test(tc, test_deletion_file_framed_and_checked);
    tcase_add_test(tc, test_allocation_failures_leave_old_index);
    tcase_add_test(tc, test_collection_numbers_and_sums);
    tcase_add_test(tc, test_threads_build_the_same_index);
    tcase_add_test(tc, test_two_thread_flush_allocation_failures);
    suite_add_tcase(s, tc);
    return byl_test_run(s);
}
