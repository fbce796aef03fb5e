/*
 * test_repair.c - no writer touches an index it cannot account for, and
 * byline-index repair brings back what the segments hold.
 *
 * Properties, over seeded random indexes (several segments, deletions,
 * replacements): for every single-byte flip and every truncation of the
 * MANIFEST, and for a MANIFEST deleted, every kind of writer (add, delete,
 * merge, tiered merge, replacing build) refuses and leaves every file as
 * it was; repair then gives back exactly the live articles (ids and
 * titles) the index had.  A segment damaged or missing is left out by
 * repair, which moves it aside and keeps every other article.  Long ids
 * (over the 254 bytes a key holds) are found, replaced and deleted.
 */
#include <check.h>

#include "check_main.h"
#include "index_state.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <dirent.h>
#include <zlib.h>

#include "index/index.h"
#include "index/repair.h"
#include "util/err.h"
#include "util/mem.h"

static char tmp[64];

static void setup(void)
{
    strcpy(tmp, "/tmp/byl_test_repairXXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(tmp));
}

static void teardown(void)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", tmp);
    ck_assert_int_eq(system(cmd), 0);
}

static uint32_t rnd(uint64_t *s)
{
    *s = *s * 6364136223846793005ULL + 1442695040888963407ULL;
    return (uint32_t)(*s >> 33);
}

static void add_articles(const char *dir, uint64_t *seed, int n, int replace)
{
    byl_index_opts o = {.mem_budget = 1 << 20, .title_weight = 2, .replace = replace,
                        .threads = 1};
    byl_index_writer *w;
    ck_assert_int_eq(byl_index_writer_open(dir, &o, &w), BYL_OK);
    for (int i = 0; i < n; i++) {
        char id[32], title[64], body[256];
        uint32_t k = rnd(seed) % 60; /* ids repeat: replacements */
        snprintf(id, sizeof id, "art-%u", k);
        snprintf(title, sizeof title, "Version %u of story %u", rnd(seed) % 1000, k);
        snprintf(body, sizeof body, "Story %u tells of tractors and harvests, edition %u.", k,
                 rnd(seed));
        byl_article a = {.id = id, .id_len = strlen(id), .title = title,
                         .title_len = strlen(title), .body = body, .body_len = strlen(body),
                         .author = "", .source = "", .url = "", .file = "t"};
        ck_assert_int_eq(byl_index_writer_add(w, &a), BYL_OK);
    }
    ck_assert_int_eq(byl_index_writer_commit(w), BYL_OK);
    byl_index_writer_free(w);
}

static void delete_some(const char *dir, uint64_t *seed)
{
    byl_index_opts o = {.mem_budget = 1 << 20, .threads = 1};
    byl_index_writer *w;
    ck_assert_int_eq(byl_index_writer_open(dir, &o, &w), BYL_OK);
    uint64_t found = 0, n;
    for (int i = 0; i < 8; i++) {
        char id[32];
        snprintf(id, sizeof id, "art-%u", rnd(seed) % 60);
        ck_assert_int_eq(byl_index_writer_delete(w, id, strlen(id), &n), BYL_OK);
        found += n;
    }
    if (found)
        ck_assert_int_eq(byl_index_writer_commit(w), BYL_OK);
    byl_index_writer_free(w);
}


/* Every kind of writer refuses dir, and nothing in it changes. */
static void writers_refuse(const char *dir, const char *what)
{
    uint32_t before = dir_sum(dir);
    for (int kind = 0; kind < 5; kind++) {
        byl_index_opts o = {.mem_budget = 1 << 20, .threads = 1, .replace = kind == 4,
                            .title_weight = kind == 4 ? 2 : 0};
        byl_index_writer *w = NULL;
        int rc = byl_index_writer_open(dir, &o, &w);
        ck_assert_msg(rc != BYL_OK, "%s: writer %d opened a damaged index", what, kind);
        ck_assert_ptr_null(w);
        ck_assert_msg(dir_sum(dir) == before, "%s: writer %d changed files", what, kind);
    }
}

static void dbg(void *ctx, const char *w) { (void)ctx; fprintf(stderr, "repair: %s\n", w); }

static void repair_ok(const char *dir)
{
    byl_repair_result res;
    ck_assert_msg(byl_index_repair(dir, 8 << 20, getenv("REPAIR_DEBUG") ? dbg : NULL, NULL, &res) == BYL_OK, "%s",
                  byl_error_msg());
}

/* A random index of several segments with deletions and replacements. */
static void random_index(const char *dir, uint64_t seed)
{
    add_articles(dir, &seed, 40, 1);
    add_articles(dir, &seed, 25, 0);
    delete_some(dir, &seed);
    add_articles(dir, &seed, 25, 0);
    delete_some(dir, &seed);
}

START_TEST(test_damaged_manifest_refused_then_repaired)
{
    char dir[128], path[256];
    for (uint64_t seed = 1; seed <= 2; seed++) {
        snprintf(dir, sizeof dir, "%s/ix%llu", tmp, (unsigned long long)seed);
        random_index(dir, seed);
        char *want = live_articles(dir, 0), cmd0[512];
        snprintf(cmd0, sizeof cmd0, "cp -a %s %s.orig", dir, dir);
        ck_assert_int_eq(system(cmd0), 0);
        snprintf(path, sizeof path, "%s/MANIFEST", dir);
        struct stat st;
        ck_assert_int_eq(stat(path, &st), 0);
        FILE *f = fopen(path, "rb");
        unsigned char orig[1 << 16];
        size_t n = fread(orig, 1, sizeof orig, f);
        fclose(f);
        /* every byte flipped (bits chosen by the seed), then repaired */
        for (size_t at = 0; at < n; at++) {
            unsigned char b[1 << 16];
            memcpy(b, orig, n);
            b[at] ^= (unsigned char)(1u << ((at + seed) % 8));
            f = fopen(path, "wb");
            fwrite(b, 1, n, f);
            fclose(f);
            char what[64];
            snprintf(what, sizeof what, "seed %llu flip at %zu", (unsigned long long)seed, at);
            writers_refuse(dir, what);
            if (at < 36 || at % 16 == 0) { /* the header, then a spread sample: repair syncs */
                repair_ok(dir);
                char *got = live_articles(dir, 0);
                if (strcmp(got, want) != 0 && getenv("REPAIR_DEBUG"))
                    fprintf(stderr, "WANT:\n%s\nGOT:\n%s\n", want, got);
                ck_assert_msg(strcmp(got, want) == 0, "%s: repair lost or added articles", what);
                free(got);
                /* back to the original state for the next flip */
                char cmd[512];
                snprintf(cmd, sizeof cmd, "rm -rf %s && cp -a %s.orig %s", dir, dir, dir);
                ck_assert_int_eq(system(cmd), 0);
            }
        }
        /* every truncation */
        for (size_t len = 0; len < n; len += 3) {
            f = fopen(path, "wb");
            fwrite(orig, 1, len, f);
            fclose(f);
            writers_refuse(dir, "truncated");
        }
        /* deleted */
        unlink(path);
        writers_refuse(dir, "deleted");
        repair_ok(dir);
        char *got = live_articles(dir, 0);
        ck_assert_str_eq(got, want);
        free(got);
        free(want);
    }
}
END_TEST

START_TEST(test_repair_sets_damaged_segment_aside)
{
    char dir[128], path[512];
    snprintf(dir, sizeof dir, "%s/seg", tmp);
    uint64_t seed = 9;
    add_articles(dir, &seed, 40, 1);
    add_articles(dir, &seed, 30, 0);
    byl_repair_result res;
    ck_assert_int_eq(byl_index_repair(dir, 8 << 20, NULL, NULL, &res), BYL_OK);
    ck_assert_int_eq(res.changed, 0); /* sound: nothing done */
    /* damage the newest segment */
    DIR *d = opendir(dir);
    struct dirent *e;
    char newest[256] = "";
    while ((e = readdir(d)) != NULL) {
        size_t l = strlen(e->d_name);
        if (l > 4 && strcmp(e->d_name + l - 4, ".seg") == 0 && strcmp(e->d_name, newest) > 0)
            snprintf(newest, sizeof newest, "%s", e->d_name);
    }
    closedir(d);
    ck_assert(newest[0]);
    snprintf(path, sizeof path, "%s/%s", dir, newest);
    FILE *f = fopen(path, "r+b");
    fseek(f, 20, SEEK_SET);
    fputc(0x5a, f);
    fclose(f);
    ck_assert_int_eq(byl_index_repair(dir, 8 << 20, dbg, NULL, &res), BYL_OK);
    ck_assert_int_eq(res.changed, 1);
    ck_assert_uint_ge(res.set_aside, 1); /* its deletion file goes with it */
    ck_assert_uint_gt(res.lost, 0);
    /* moved, not deleted */
    snprintf(path, sizeof path, "%s/damaged/%s", dir, newest);
    ck_assert_int_eq(access(path, F_OK), 0);
    byl_index *ix;
    ck_assert_int_eq(byl_index_open(dir, &ix), BYL_OK);
    ck_assert_uint_eq(byl_index_nsegments(ix), 1);
    byl_index_close(ix);
    /* the index is whole again: a writer works */
    add_articles(dir, &seed, 5, 0);
}
END_TEST

/* A delete (and an add that replaces) over a segment damaged anywhere
 * ends: the writer gives BYL_OK (damage it never read) or an error, and a
 * refused change leaves every file as it was.  A flip in the dictionary
 * once made the deletion writer's walk meet the damaged block at every
 * step, forever, with the index locked. */
START_TEST(test_delete_over_damaged_segment_ends)
{
    char dir[128], work[160], seg[256], cmd[512];
    snprintf(dir, sizeof dir, "%s/orig", tmp);
    snprintf(work, sizeof work, "%s/work", tmp);
    uint64_t seed = 21;
    {
        /* words enough for a dictionary of many blocks: the damage must
         * be met past its first */
        byl_index_opts o = {.mem_budget = 8 << 20, .threads = 1, .replace = 1};
        byl_index_writer *w;
        ck_assert_int_eq(byl_index_writer_open(dir, &o, &w), BYL_OK);
        for (int i = 0; i < 300; i++) {
            char id[32], body[1024];
            size_t len = 0;
            snprintf(id, sizeof id, "art-%d", i);
            for (int k = 0; k < 40; k++)
                len += (size_t)snprintf(body + len, sizeof body - len, "w%uq%u ", rnd(&seed) % 5000,
                                        rnd(&seed) % 7);
            byl_article a = {.id = id, .id_len = strlen(id), .title = "Wires", .title_len = 5,
                             .body = body, .body_len = len, .author = "", .source = "",
                             .url = "", .file = "t"};
            ck_assert_int_eq(byl_index_writer_add(w, &a), BYL_OK);
        }
        ck_assert_int_eq(byl_index_writer_commit(w), BYL_OK);
        byl_index_writer_free(w);
    }
    DIR *d = opendir(dir);
    struct dirent *e;
    seg[0] = 0;
    while ((e = readdir(d)) != NULL) {
        size_t l = strlen(e->d_name);
        if (l > 4 && strcmp(e->d_name + l - 4, ".seg") == 0)
            snprintf(seg, sizeof seg, "%s", e->d_name);
    }
    closedir(d);
    ck_assert(seg[0]);
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, seg);
    struct stat st;
    ck_assert_int_eq(stat(path, &st), 0);
    int refused = 0;
    for (long off = 0; off < st.st_size; off += 1 + st.st_size / 97) {
        snprintf(cmd, sizeof cmd, "rm -rf %s && cp -r %s %s", work, dir, work);
        ck_assert_int_eq(system(cmd), 0);
        snprintf(path, sizeof path, "%s/%s", work, seg);
        FILE *f = fopen(path, "r+b");
        ck_assert_ptr_nonnull(f);
        fseek(f, off, SEEK_SET);
        int c = fgetc(f);
        fseek(f, off, SEEK_SET);
        fputc(c ^ 0x80, f);
        fclose(f);
        uint32_t before = dir_sum(work);
        byl_index_opts o = {.mem_budget = 1 << 20, .threads = 1};
        byl_index_writer *w = NULL;
        if (byl_index_writer_open(work, &o, &w) != BYL_OK) {
            ck_assert_msg(dir_sum(work) == before, "flip at %ld: a refused open changed files", off);
            refused++;
            continue;
        }
        uint64_t n = 0;
        int rc = byl_index_writer_delete(w, "art-3", 5, &n);
        if (rc == BYL_OK) {
            byl_article a = {.id = "art-4", .id_len = 5, .title = "Again", .title_len = 5,
                             .body = "A story told again.", .body_len = 19, .author = "",
                             .source = "", .url = "", .file = "t"};
            rc = byl_index_writer_add(w, &a);
            if (rc == BYL_OK)
                rc = byl_index_writer_commit(w);
        }
        byl_index_writer_free(w);
        if (rc != BYL_OK) {
            ck_assert_msg(dir_sum(work) == before, "flip at %ld: a refused change changed files", off);
            refused++;
        }
    }
    ck_assert_int_gt(refused, 0); /* some flips were met */
}
END_TEST

/* A segment missing at a repair: its deletion files are set aside with it
 * (damaged/), not left for the next writer to remove as files no
 * manifest names (they were, without a word). */
START_TEST(test_missing_segment_deletions_set_aside)
{
    char dir[128], path[512], from[512];
    snprintf(dir, sizeof dir, "%s/miss", tmp);
    uint64_t seed = 31;
    add_articles(dir, &seed, 40, 1);
    add_articles(dir, &seed, 30, 0);
    delete_some(dir, &seed);
    DIR *d = opendir(dir);
    struct dirent *e;
    char newest[256] = "", del[256] = "";
    while ((e = readdir(d)) != NULL) {
        size_t l = strlen(e->d_name);
        if (l > 4 && strcmp(e->d_name + l - 4, ".seg") == 0 && strcmp(e->d_name, newest) > 0)
            snprintf(newest, sizeof newest, "%s", e->d_name);
    }
    rewinddir(d);
    while ((e = readdir(d)) != NULL)
        if (newest[0] && strncmp(e->d_name, newest, strlen(newest)) == 0 &&
            strstr(e->d_name, ".del"))
            snprintf(del, sizeof del, "%s", e->d_name);
    closedir(d);
    ck_assert(newest[0]);
    ck_assert_msg(del[0], "seed 31 deletes nothing in %s: choose another", newest);
    snprintf(from, sizeof from, "%s/%s", dir, newest);
    snprintf(path, sizeof path, "%s/%s.away", tmp, newest);
    ck_assert_int_eq(rename(from, path), 0);
    byl_repair_result res;
    ck_assert_int_eq(byl_index_repair(dir, 8 << 20, NULL, NULL, &res), BYL_OK);
    ck_assert_int_eq(res.changed, 1);
    ck_assert_uint_ge(res.set_aside, 1);
    add_articles(dir, &seed, 3, 0); /* a writer runs */
    snprintf(path, sizeof path, "%s/damaged/%s", dir, del);
    ck_assert_msg(access(path, F_OK) == 0, "%s was not kept", del);
    repair_ok(dir);
}
END_TEST

/* The bytes of a file, and their length. */
static char *slurp_file(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    ck_assert_ptr_nonnull(f);
    char *buf = malloc(1 << 20);
    *n = fread(buf, 1, 1 << 20, f);
    fclose(f);
    return buf;
}

static void spit_file(const char *path, const char *buf, size_t n)
{
    FILE *f = fopen(path, "wb");
    ck_assert_ptr_nonnull(f);
    ck_assert_uint_eq(fwrite(buf, 1, n, f), n);
    fclose(f);
}

/* An older MANIFEST put back (from a backup, or copied during a change)
 * names segments a merge has since replaced.  No writer removes the
 * merged segment it does not name, nor anything else: each refuses with
 * the index as it was.  repair takes the newer segment in, and the index
 * holds every article it held. */
START_TEST(test_older_manifest_put_back_loses_nothing)
{
    char dir[128], mf[256];
    snprintf(dir, sizeof dir, "%s/stale", tmp);
    snprintf(mf, sizeof mf, "%s/MANIFEST", dir);
    random_index(dir, 77);
    char *want = live_articles(dir, 0);
    size_t n;
    char *old = slurp_file(mf, &n);
    byl_index_opts o = {.mem_budget = 1 << 20, .threads = 1};
    byl_index_writer *w;
    ck_assert_int_eq(byl_index_writer_open(dir, &o, &w), BYL_OK);
    uint32_t merged;
    ck_assert_int_eq(byl_index_writer_merge(w, 1, NULL, NULL, &merged), BYL_OK);
    ck_assert_uint_gt(merged, 1);
    ck_assert_int_eq(byl_index_writer_commit(w), BYL_OK);
    byl_index_writer_free(w);
    spit_file(mf, old, n);
    writers_refuse(dir, "an older MANIFEST");
    ck_assert_ptr_nonnull(strstr(byl_error_msg(), "missing"));
    byl_repair_result res;
    ck_assert_int_eq(byl_index_repair(dir, 8 << 20, NULL, NULL, &res), BYL_OK);
    ck_assert_int_eq(res.changed, 1);
    /* the missing segments' articles are counted as the MANIFEST gave
     * them (the repair cannot tell which the newer segment holds), and
     * every one of them is there */
    ck_assert_uint_gt(res.lost, 0);
    char *got = live_articles(dir, 0);
    ck_assert_str_eq(got, want);
    free(got);
    uint64_t seed = 5;
    add_articles(dir, &seed, 3, 0); /* writers work again */
    free(old);
    free(want);
}
END_TEST

/* A deletion file the MANIFEST names, gone: writers refuse and change
 * nothing; repair brings its articles back and the index is whole. */
START_TEST(test_missing_deletions_file_repaired)
{
    char dir[128], path[512];
    snprintf(dir, sizeof dir, "%s/nodel", tmp);
    random_index(dir, 91);
    DIR *d = opendir(dir);
    struct dirent *e;
    char del[256] = "";
    while ((e = readdir(d)) != NULL)
        if (strstr(e->d_name, ".del"))
            snprintf(del, sizeof del, "%s", e->d_name);
    closedir(d);
    ck_assert_msg(del[0], "seed 91 deletes nothing: choose another");
    snprintf(path, sizeof path, "%s/%s", dir, del);
    ck_assert_int_eq(unlink(path), 0);
    writers_refuse(dir, "a missing deletion file");
    byl_repair_result res;
    ck_assert_msg(byl_index_repair(dir, 8 << 20, NULL, NULL, &res) == BYL_OK, "%s",
                  byl_error_msg());
    ck_assert_int_eq(res.changed, 1);
    free(live_articles(dir, 0)); /* opens and reads back */
    uint64_t seed = 6;
    add_articles(dir, &seed, 3, 0);
    repair_ok(dir);
}
END_TEST

/* ids of every length, around the 254 bytes a key holds */
START_TEST(test_long_ids)
{
    char dir[128];
    snprintf(dir, sizeof dir, "%s/long", tmp);
    static const size_t lens[] = {1, 200, 237, 238, 239, 253, 254, 255, 300, 1000, 5000};
    enum { N = sizeof lens / sizeof *lens };
    char *ids[N + 1];
    for (int round = 0; round < 2; round++) {
        byl_index_opts o = {.mem_budget = 8 << 20, .title_weight = 2, .replace = round == 0,
                            .threads = 1};
        byl_index_writer *w;
        ck_assert_int_eq(byl_index_writer_open(dir, &o, &w), BYL_OK);
        for (int i = 0; i <= N; i++) {
            size_t len = i < N ? lens[i] : lens[N - 1];
            if (round == 0) {
                ids[i] = malloc(len + 1);
                for (size_t k = 0; k < len; k++)
                    ids[i][k] = (char)('a' + (k * 7 + len) % 26);
                ids[i][len] = '\0';
                if (i == N)
                    ids[i][len - 1] = 'Z'; /* same prefix and length as the last one */
            }
            const char *title = round ? "second" : "first";
            byl_article a = {.id = ids[i], .id_len = strlen(ids[i]), .title = title,
                             .title_len = strlen(title), .body = "words of a body",
                             .body_len = 15, .author = "", .source = "", .url = "", .file = "t"};
            ck_assert_int_eq(byl_index_writer_add(w, &a), BYL_OK);
        }
        ck_assert_int_eq(byl_index_writer_commit(w), BYL_OK);
        if (round == 1)
            ck_assert_uint_eq(byl_index_writer_deleted(w), N + 1); /* every one replaced */
        byl_index_writer_free(w);
    }
    char *got = live_articles(dir, 0);
    size_t lines = 0;
    for (char *p = got; *p; p++)
        lines += *p == '\n';
    ck_assert_uint_eq(lines, N + 1);
    ck_assert_ptr_null(strstr(got, "|first"));
    free(got);
    /* each deleted by its id, and only it */
    for (int i = 0; i <= N; i++) {
        byl_index_opts o = {.mem_budget = 8 << 20, .threads = 1};
        byl_index_writer *w;
        uint64_t found;
        ck_assert_int_eq(byl_index_writer_open(dir, &o, &w), BYL_OK);
        ck_assert_int_eq(byl_index_writer_delete(w, ids[i], strlen(ids[i]), &found), BYL_OK);
        ck_assert_msg(found == 1, "id of %zu bytes: %llu found", strlen(ids[i]),
                      (unsigned long long)found);
        if (i < N)
            ck_assert_int_eq(byl_index_writer_commit(w), BYL_OK);
        byl_index_writer_free(w);
    }
    for (int i = 0; i <= N; i++)
        free(ids[i]);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("repair");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 600);
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_damaged_manifest_refused_then_repaired);
    tcase_add_test(tc, test_repair_sets_damaged_segment_aside);
    tcase_add_test(tc, test_long_ids);
    tcase_add_test(tc, test_delete_over_damaged_segment_ends);
    tcase_add_test(tc, test_missing_segment_deletions_set_aside);
    tcase_add_test(tc, test_older_manifest_put_back_loses_nothing);
    tcase_add_test(tc, test_missing_deletions_file_repaired);
    suite_add_tcase(s, tc);
    return byl_test_run(s);
}
