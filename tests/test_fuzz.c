/*
 * test_fuzz.c - Check suite that replays every fuzz seed and crash
 * reproducer (each file of tests/fuzz/seeds/TARGET/ and
 * tests/fuzz/crashes/TARGET/) through the fuzz targets' own code
 * (tests/fuzz/targets.c), so that a bug
 * once found by `make fuzz` stays fixed under the normal, ASan+UBSan and
 * valgrind runs of `make test`.  A target traps on a broken promise, which
 * Check reports as a failed case naming the target; the file being replayed
 * is printed first when BYL_FUZZ_VERBOSE is set.
 *
 * Not for: fuzzing (make fuzz), nor tests with expected results.
 */
#include <check.h>

#include "check_main.h"
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz/targets.h"

static const char *data_dir(void)
{
    const char *d = getenv("BYL_TEST_DATA");
    return d && *d ? d : "tests/data";
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Runs fn on every file of dir (sorted); returns how many. */
static int replay_dir(const char *dir, int (*fn)(const uint8_t *, size_t))
{
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        if (n == cap) {
            cap = cap ? 2 * cap : 16;
            names = realloc(names, cap * sizeof *names);
            ck_assert_ptr_nonnull(names);
        }
        names[n++] = strdup(e->d_name);
    }
    closedir(d);
    if (n)
        qsort(names, n, sizeof *names, cmp_names);
    for (size_t i = 0; i < n; i++) {
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        if (getenv("BYL_FUZZ_VERBOSE"))
            fprintf(stderr, "replay %s\n", path);
        FILE *f = fopen(path, "rb");
        ck_assert_msg(f != NULL, "cannot open %s", path);
        fseek(f, 0, SEEK_END);
        long len = ftell(f);
        fseek(f, 0, SEEK_SET);
        ck_assert_int_ge(len, 0);
        /* exactly len bytes, so a read past the input is caught */
        uint8_t *buf = malloc(len ? (size_t)len : 1);
        ck_assert_ptr_nonnull(buf);
        ck_assert_uint_eq(fread(buf, 1, (size_t)len, f), (size_t)len);
        fclose(f);
        fn(buf, (size_t)len);
        free(buf);
        free(names[i]);
    }
    free(names);
    return (int)n;
}

START_TEST(replay)
{
    const byl_fuzz_target *t = &byl_fuzz_targets[_i];
    char dir[512];
    /* tests/data/.. is the tests/ directory */
    snprintf(dir, sizeof dir, "%s/../fuzz/seeds/%s", data_dir(), t->name);
    int seeds = replay_dir(dir, t->fn);
    snprintf(dir, sizeof dir, "%s/../fuzz/crashes/%s", data_dir(), t->name);
    replay_dir(dir, t->fn);
    byl_fuzz_cleanup();
    ck_assert_msg(seeds > 0, "no seeds for fuzz target %s", t->name);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("fuzz");
    TCase *tc = tcase_create("replay");
    tcase_set_timeout(tc, 600);
    int n = 0;
    while (byl_fuzz_targets[n].name)
        n++;
    tcase_add_loop_test(tc, replay, 0, n);
    suite_add_tcase(s, tc);
    return byl_test_run(s);
}
