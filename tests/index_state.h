/*
 * index_state.h - what an index directory holds, for tests that compare it
 * before and after a change: the live articles ("id|title" lines, sorted)
 * and a checksum of every file (names and contents).  Shared by
 * test_repair.c and test_commit.c.
 * Not for: checking the files' formats (byline-index check does that).
 */
#ifndef BYL_TEST_INDEX_STATE_H
#define BYL_TEST_INDEX_STATE_H

#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <zlib.h>

#include "index/index.h"
#include "util/err.h"

static int state_cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

#define STATE_MAX_LIVE 8192

/* "id|title\n" of every live article of dir, sorted: what the index holds
 * (malloc'd).  With unique_ids, an id found twice fails the test. */
static char *live_articles(const char *dir, int unique_ids)
{
    byl_index *ix;
    ck_assert_msg(byl_index_open(dir, &ix) == BYL_OK, "%s", byl_error_msg());
    size_t len = 0, nl = 0, cap = 1 << 16;
    char **lines = malloc(STATE_MAX_LIVE * sizeof *lines);
    for (size_t i = 0; i < byl_index_nsegments(ix); i++) {
        byl_segment *s = byl_index_segment(ix, i);
        for (uint32_t d = 0; d < byl_segment_stats(s)->ndocs; d++) {
            if (byl_segment_is_deleted(s, d))
                continue;
            byl_stored st;
            ck_assert_int_eq(byl_segment_stored(s, d, &st), BYL_OK);
            ck_assert_uint_lt(nl, STATE_MAX_LIVE);
            lines[nl] = malloc(st.id_len + st.title_len + 3);
            sprintf(lines[nl++], "%.*s|%.*s\n", (int)st.id_len, st.id, (int)st.title_len,
                    st.title);
        }
    }
    byl_index_close(ix);
    qsort(lines, nl, sizeof *lines, state_cmp_str);
    char *out = malloc(cap);
    out[0] = '\0';
    for (size_t i = 0; i < nl; i++) {
        size_t l = strlen(lines[i]), idl = strcspn(lines[i], "|");
        ck_assert_msg(!unique_ids || i == 0 || strcspn(lines[i - 1], "|") != idl ||
                          strncmp(lines[i - 1], lines[i], idl) != 0,
                      "%s: id found twice: %s", dir, lines[i]);
        if (len + l + 1 > cap)
            out = realloc(out, cap = (len + l + 1) * 2);
        memcpy(out + len, lines[i], l + 1);
        len += l;
    }
    for (size_t i = 0; i < nl; i++)
        free(lines[i]);
    free(lines);
    return out;
}

/* A checksum of every file in dir (one level down too) but LOCK: names
 * and contents. */
static uint32_t dir_sum_at(const char *dir, uint32_t crc, int depth)
{
    DIR *d = opendir(dir);
    ck_assert_ptr_nonnull(d);
    char *names[512];
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL && n < 512)
        if (e->d_name[0] != '.' && strcmp(e->d_name, "LOCK") != 0)
            names[n++] = strdup(e->d_name);
    closedir(d);
    qsort(names, n, sizeof *names, state_cmp_str);
    for (size_t i = 0; i < n; i++) {
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        crc = (uint32_t)crc32(crc, (const Bytef *)names[i], (uInt)strlen(names[i]) + 1);
        struct stat st;
        if (stat(path, &st) == 0 && S_ISDIR(st.st_mode) && depth == 0) {
            crc = dir_sum_at(path, crc, 1);
        } else if (S_ISREG(st.st_mode)) {
            FILE *f = fopen(path, "rb");
            unsigned char buf[8192];
            size_t k;
            while (f && (k = fread(buf, 1, sizeof buf, f)) > 0)
                crc = (uint32_t)crc32(crc, buf, (uInt)k);
            if (f)
                fclose(f);
        }
        free(names[i]);
    }
    return crc;
}

static inline uint32_t dir_sum(const char *dir) { return dir_sum_at(dir, 0, 0); }

#endif
