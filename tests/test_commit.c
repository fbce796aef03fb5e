/*
 * test_commit.c - a writer never removes a committed segment: the commit
 * protocol of common/index/writer.c and leftovers.c.
 *
 * Properties:
 *   - put back: after an add, a delete or a merge, the backup from before
 *     it copied back (its MANIFEST naming only files that are there); every
 *     kind of writer (add, delete, merge, tiered merge, replacing build)
 *     refuses, names the newer file and changes no file; repair takes the
 *     newer files in, every one of them kept, and the live articles (ids
 *     and titles) are exactly those after the change, none twice;
 *   - kill points: build, add (with replacements), delete and merge, run
 *     by the fault-point program (build/faults/byline-index, BYL_FAULT_AT)
 *     and killed at every point where they change the disk in turn: the
 *     index opens and holds exactly the state before or after the change;
 *     the next writer succeeds and the state is then the one after it; and
 *     no file is left that no writer will remove (every committed-name
 *     file named by the MANIFEST, no temporary file).
 * Not for: the damaged-MANIFEST cases (test_repair.c) or scores after
 * updates (test_update.c).
 */
#include <check.h>

#include "check_main.h"
#include "index_state.h"
#include <dirent.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zlib.h>

#include "index/_writer.h"
#include "index/index.h"
#include "index/repair.h"
#include "util/err.h"

static char tmp[64];

static void setup(void)
{
    strcpy(tmp, "/tmp/byl_test_commitXXXXXX");
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
    ck_assert_msg(byl_index_writer_open(dir, &o, &w) == BYL_OK, "%s", byl_error_msg());
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
    ck_assert_uint_gt(found, 0);
    ck_assert_int_eq(byl_index_writer_commit(w), BYL_OK);
    byl_index_writer_free(w);
}

static void merge_all(const char *dir)
{
    byl_index_opts o = {.mem_budget = 1 << 20, .threads = 1};
    byl_index_writer *w;
    uint32_t merged;
    ck_assert_int_eq(byl_index_writer_open(dir, &o, &w), BYL_OK);
    ck_assert_int_eq(byl_index_writer_merge(w, 1, NULL, NULL, &merged), BYL_OK);
    ck_assert_uint_gt(merged, 1);
    ck_assert_int_eq(byl_index_writer_commit(w), BYL_OK);
    byl_index_writer_free(w);
}

/* Every kind of writer refuses dir naming the newer file, and nothing in
 * it changes. */
static void writers_refuse(const char *dir, const char *what)
{
    uint32_t before = dir_sum(dir);
    for (int kind = 0; kind < 5; kind++) {
        byl_index_opts o = {.mem_budget = 1 << 20, .threads = 1, .replace = kind == 4,
                            .title_weight = kind == 4 ? 2 : 0};
        byl_index_writer *w = NULL;
        int rc = byl_index_writer_open(dir, &o, &w);
        ck_assert_msg(rc != BYL_OK, "%s: writer %d opened", what, kind);
        ck_assert_ptr_null(w);
        ck_assert_msg(strstr(byl_error_msg(), "newer than the MANIFEST") &&
                          strstr(byl_error_msg(), "repair"),
                      "%s: %s", what, byl_error_msg());
        ck_assert_msg(dir_sum(dir) == before, "%s: writer %d changed files", what, kind);
    }
}

/* The committed-name files of dir (segments, deletion files), sorted, one
 * a line. */
static char *committed_files(const char *dir)
{
    DIR *d = opendir(dir);
    ck_assert_ptr_nonnull(d);
    char *names[512], *out = calloc(1, 512 * 64);
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL && n < 512)
        if (byl_index_file_kind(e->d_name, NULL) == BYL_FILE_COMMITTED)
            names[n++] = strdup(e->d_name);
    closedir(d);
    qsort(names, n, sizeof *names, state_cmp_str);
    for (size_t i = 0; i < n; i++) {
        strcat(out, names[i]);
        strcat(out, "\n");
        free(names[i]);
    }
    return out;
}

/* dir/MANIFEST's bytes into buf (cap bytes); the length. */
static size_t read_manifest(const char *dir, char *buf, size_t cap)
{
    char path[256];
    snprintf(path, sizeof path, "%s/MANIFEST", dir);
    FILE *f = fopen(path, "rb");
    ck_assert_ptr_nonnull(f);
    size_t n = fread(buf, 1, cap, f);
    fclose(f);
    return n;
}

static void write_manifest(const char *dir, const char *buf, size_t n)
{
    char path[256];
    snprintf(path, sizeof path, "%s/MANIFEST", dir);
    FILE *f = fopen(path, "wb");
    ck_assert_ptr_nonnull(f);
    ck_assert_uint_eq(fwrite(buf, 1, n, f), n);
    fclose(f);
}

/* Whether every name of want (lines) is a file of dir. */
static void all_there(const char *dir, const char *want)
{
    char *copy = strdup(want), *save = NULL;
    for (char *t = strtok_r(copy, "\n", &save); t; t = strtok_r(NULL, "\n", &save)) {
        char path[512];
        struct stat st;
        snprintf(path, sizeof path, "%s/%s", dir, t);
        ck_assert_msg(stat(path, &st) == 0, "%s: gone", path);
    }
    free(copy);
}

enum { ADD, DELETE, MERGE };
static const char *const change_name[] = {"add", "delete", "merge"};

/* The put-back case for one kind of change: the MANIFEST from before it
 * put back, every file there. */
static void put_back(int change)
{
    char dir[128], save[128], cmd[512];
    snprintf(dir, sizeof dir, "%s/%s", tmp, change_name[change]);
    snprintf(save, sizeof save, "%s/%s.saved", tmp, change_name[change]);
    uint64_t seed = 40 + (uint64_t)change;
    add_articles(dir, &seed, 40, 1);
    add_articles(dir, &seed, 25, 0);
    delete_some(dir, &seed);
    add_articles(dir, &seed, 25, 0);
    /* the backup: the whole directory as it is */
    snprintf(cmd, sizeof cmd, "cp -a %s %s", dir, save);
    ck_assert_int_eq(system(cmd), 0);
    char old[65536];
    size_t nold = read_manifest(dir, old, sizeof old);
    switch (change) {
    case ADD: add_articles(dir, &seed, 30, 0); break;
    case DELETE: delete_some(dir, &seed); break;
    case MERGE: merge_all(dir); break;
    }
    char *want = live_articles(dir, 1);
    char *newer = committed_files(dir);
    /* put back the files of the backup (the merge's inputs among them),
     * its MANIFEST with them */
    snprintf(cmd, sizeof cmd, "cp -a %s/. %s/ && rm -rf %s/damaged", save, dir, dir);
    ck_assert_int_eq(system(cmd), 0);
    write_manifest(dir, old, nold);
    char what[64];
    snprintf(what, sizeof what, "an older MANIFEST put back after %s", change_name[change]);
    writers_refuse(dir, what);
    all_there(dir, newer);
    byl_repair_result res;
    ck_assert_msg(byl_index_repair(dir, 8 << 20, NULL, NULL, &res) == BYL_OK, "%s",
                  byl_error_msg());
    ck_assert_int_eq(res.changed, 1);
    all_there(dir, newer); /* repair, a writer too, kept every one */
    char *got = live_articles(dir, 1);
    ck_assert_str_eq(got, want);
    free(got);
    add_articles(dir, &seed, 3, 0); /* writers work again */
    free(newer);
    free(want);
}

START_TEST(test_put_back_after_add) { put_back(ADD); }
END_TEST
START_TEST(test_put_back_after_delete) { put_back(DELETE); }
END_TEST
START_TEST(test_put_back_after_merge) { put_back(MERGE); }
END_TEST

/* ---- kill points ---- */

static char faults_prog[PATH_MAX];

/* Writes n JSON Lines articles, ids prefix-0..n-1, to path. */
static void jsonl(const char *path, const char *prefix, int n, const char *version)
{
    FILE *f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    for (int i = 0; i < n; i++)
        fprintf(f, "{\"id\": \"%s-%d\", \"title\": \"%s story %d of the harvest\", "
                   "\"text\": \"Tractors and harvests, part %d, filed %s. Farmers in the "
                   "valley count the grain again.\", \"date\": \"2025-03-%02d\"}\n",
                prefix, i, version, i, i, version, 1 + i % 28);
    fclose(f);
}

/* Runs the fault-point program with args; BYL_FAULT_AT=at unless 0.  The
 * wait status. */
static int run(unsigned long at, char *const args[])
{
    pid_t pid = fork();
    ck_assert_int_ge(pid, 0);
    if (pid == 0) {
        char n[32];
        snprintf(n, sizeof n, "%lu", at);
        if (at)
            setenv("BYL_FAULT_AT", n, 1);
        else
            unsetenv("BYL_FAULT_AT");
        unsetenv("BYL_FAULT");
        int fd = open("/dev/null", 1);
        dup2(fd, 1);
        dup2(fd, 2);
        execv(faults_prog, args);
        _exit(127);
    }
    int st;
    ck_assert_int_eq(waitpid(pid, &st, 0), pid);
    return st;
}

/* Runs change c (0 build, 1 add, 2 delete, 3 merge) on dir. */
static int change(int c, const char *dir, unsigned long at)
{
    char in1[256], in2[256], ids[256];
    snprintf(in1, sizeof in1, "%s/base.jsonl", tmp);
    snprintf(in2, sizeof in2, "%s/replace.jsonl", tmp);
    snprintf(ids, sizeof ids, "%s/delete.ids", tmp);
    char *p = faults_prog, *d = (char *)dir;
    switch (c) {
    case 0: return run(at, (char *const[]){p, "build", "-q", "-i", d, in1, NULL});
    case 1: return run(at, (char *const[]){p, "add", "-q", "--no-merge", "-i", d, in2, NULL});
    case 2: return run(at, (char *const[]){p, "delete", "-q", "-i", d, "--from", ids, NULL});
    default: return run(at, (char *const[]){p, "merge", "-q", "-i", d, NULL});
    }
}

/* No file that no writer would remove: every committed-name file named by
 * the MANIFEST, nothing temporary. */
static void clean(const char *dir, const char *what)
{
    byl_manifest m;
    ck_assert_int_eq(byl_manifest_read(dir, &m), BYL_OK);
    DIR *d = opendir(dir);
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        int k = byl_index_file_kind(e->d_name, NULL);
        ck_assert_msg(k != BYL_FILE_TEMP, "%s: %s left", what, e->d_name);
        ck_assert_msg(k != BYL_FILE_COMMITTED || byl_index_names(&m, e->d_name),
                      "%s: %s left, not named", what, e->d_name);
    }
    closedir(d);
    byl_manifest_free(&m);
}

START_TEST(test_killed_at_every_point)
{
    char self[PATH_MAX];
    ssize_t k = readlink("/proc/self/exe", self, sizeof self - 1);
    ck_assert_int_gt(k, 0);
    self[k] = '\0';
    snprintf(faults_prog, sizeof faults_prog, "%s/../faults/byline-index", dirname(self));
    ck_assert_msg(access(faults_prog, X_OK) == 0, "%s: build it (make crash)", faults_prog);
    char path[256];
    snprintf(path, sizeof path, "%s/base.jsonl", tmp);
    jsonl(path, "b", 80, "first");
    snprintf(path, sizeof path, "%s/replace.jsonl", tmp);
    jsonl(path, "b", 12, "second"); /* new versions of b-0..b-11 */
    snprintf(path, sizeof path, "%s/delete.ids", tmp);
    FILE *f = fopen(path, "w");
    for (int i = 30; i < 45; i++)
        fprintf(f, "b-%d\n", i);
    fclose(f);
    /* the states, each from the one before: state[0] empty */
    char state[5][128], *answer[5] = {NULL}, cmd[1024];
    for (int s = 0; s < 5; s++)
        snprintf(state[s], sizeof state[s], "%s/state%d", tmp, s);
    /* state 0: an index of other articles, which the build replaces */
    uint64_t seed = 3;
    add_articles(state[0], &seed, 20, 1);
    answer[0] = live_articles(state[0], 1);
    for (int c = 0; c < 4; c++) {
        snprintf(cmd, sizeof cmd, "cp -a %s %s", state[c], state[c + 1]);
        ck_assert_int_eq(system(cmd), 0);
        int st = change(c, state[c + 1], 0);
        ck_assert_msg(WIFEXITED(st) && WEXITSTATUS(st) == 0, "change %d: status %d", c, st);
        answer[c + 1] = live_articles(state[c + 1], 1);
    }
    unsigned points[4] = {0};
    char w[128];
    snprintf(w, sizeof w, "%s/w", tmp);
    for (int c = 0; c < 4; c++) {
        for (unsigned long n = 1; n < 500; n++) {
            snprintf(cmd, sizeof cmd, "rm -rf %s && cp -a %s %s", w, state[c], w);
            ck_assert_int_eq(system(cmd), 0);
            int st = change(c, w, n);
            if (WIFEXITED(st) && WEXITSTATUS(st) == 0) {
                points[c] = (unsigned)n - 1;
                break;
            }
            ck_assert_msg(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL,
                          "change %d at %lu: status %d, not killed", c, n, st);
            char what[64];
            snprintf(what, sizeof what, "change %d killed at %lu", c, n);
            /* the index opens and is the state before or after */
            char *got = live_articles(w, 1);
            int before = strcmp(got, answer[c]) == 0, after = strcmp(got, answer[c + 1]) == 0;
            ck_assert_msg(before || after, "%s: neither before nor after", what);
            free(got);
            /* the next writer succeeds: the change again if it was lost */
            if (!after) {
                st = change(c, w, 0);
                ck_assert_msg(WIFEXITED(st) && WEXITSTATUS(st) == 0, "%s: rerun: %d", what, st);
            } else {
                byl_index_opts o = {.mem_budget = 1 << 20, .threads = 1};
                byl_index_writer *wr;
                ck_assert_msg(byl_index_writer_open(w, &o, &wr) == BYL_OK, "%s: %s", what,
                              byl_error_msg());
                byl_index_writer_free(wr);
            }
            got = live_articles(w, 1);
            ck_assert_msg(strcmp(got, answer[c + 1]) == 0, "%s: an article lost", what);
            free(got);
            clean(w, what);
        }
        ck_assert_msg(points[c] >= 5, "change %d: only %u fault points", c, points[c]);
    }
    fprintf(stderr, "commit: fault points: build %u, add %u, delete %u, merge %u\n", points[0],
            points[1], points[2], points[3]);
    for (int s = 0; s < 5; s++)
        free(answer[s]);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("commit");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 600);
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_put_back_after_add);
    tcase_add_test(tc, test_put_back_after_delete);
    tcase_add_test(tc, test_put_back_after_merge);
    tcase_add_test(tc, test_killed_at_every_point);
    suite_add_tcase(s, tc);
    return byl_test_run(s);
}
