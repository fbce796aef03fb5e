/*
 * dups.h - generated corpora of stories and their near-duplicate copies
 * (exact, with a dateline, trimmed), for the cluster and collapse suites.
 * Not for: fixtures read from tests/data.
 */
#ifndef BYL_TEST_DUPS_H
#define BYL_TEST_DUPS_H

#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "index/index.h"
#include "util/err.h"

static inline uint64_t rnd(uint64_t *s)
{
    *s = *s * 6364136223846793005ull + 1442695040888963407ull;
    return *s >> 33;
}

/* A body of n pseudo-words drawn by seed: distinct seeds, unrelated texts. */
static inline char *story(uint64_t seed, int n)
{
    static const char *const syl[] = {"ka", "lo", "mi", "ren", "sto", "vu", "pal", "dor",
                                      "ne", "zi", "tam", "bor", "gue", "fi", "sha", "wen"};
    char *s = malloc((size_t)n * 12 + 64), *p = s;
    for (int i = 0; i < n; i++) {
        uint32_t r = (uint32_t)rnd(&seed);
        p += sprintf(p, "%s%s%s%s", i ? " " : "", syl[r & 15], syl[(r >> 4) & 15],
                     syl[(r >> 8) & 15]);
        if (i % 17 == 16)
            *p++ = '.';
    }
    *p = '\0';
    return s;
}

/* One generated article: its story, how it was copied, its body. */
typedef struct art {
    char id[24];
    int story;   /* which story */
    int exact;   /* 1: the story's text unchanged (or its first copy) */
    char *body;
} art;

#define MAXART 96

/* A corpus by seed: stories with 0 to 3 copies each, exact, with a
 * dateline, or trimmed to 60-95 %, plus short bodies that are nobody's
 * duplicate; shuffled so that copies fall anywhere. */
static inline size_t corpus(uint64_t seed, art *a)
{
    size_t n = 0;
    for (int st = 0; n + 6 < MAXART && st < 24; st++) {
        char *base = story(seed * 1000 + (uint64_t)st, 120 + (int)(rnd(&seed) % 200));
        int copies = (int)(rnd(&seed) % 4);
        for (int c = 0; c <= copies; c++) {
            art *x = &a[n++];
            x->story = st;
            int kind = c ? (int)(rnd(&seed) % 3) : 0;
            x->exact = kind == 0;
            size_t len = strlen(base);
            x->body = malloc(len + 64);
            if (kind == 1)
                snprintf(x->body, len + 64, "OSLO, May %d (Wire) - %s", c + 1, base);
            else
                strcpy(x->body, base);
            if (kind == 2)
                x->body[len * (60 + rnd(&seed) % 36) / 100] = '\0';
        }
        free(base);
        if (rnd(&seed) % 4 == 0) { /* too short to be anybody's copy */
            art *x = &a[n++];
            x->story = -1;
            x->exact = 0;
            x->body = strdup("Qtly div 25 cts vs 25 cts prior.");
        }
    }
    for (size_t i = n - 1; i > 0; i--) {
        size_t j = rnd(&seed) % (i + 1);
        art t = a[i];
        a[i] = a[j];
        a[j] = t;
    }
    for (size_t i = 0; i < n; i++)
        snprintf(a[i].id, sizeof a[i].id, "a%zu", i);
    return n;
}

static inline void corpus_free(art *a, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(a[i].body);
}

/* Writes a[from..to) as one commit (one segment) to dir. */
static inline void write_arts(const char *dir, int replace, const art *a, size_t from, size_t to)
{
    byl_index_opts o = {.mem_budget = 64 << 20, .title_weight = 2, .replace = replace};
    byl_index_writer *w;
    ck_assert_int_eq(byl_index_writer_open(dir, &o, &w), BYL_OK);
    for (size_t i = from; i < to; i++) {
        byl_article x = {.id = a[i].id, .id_len = strlen(a[i].id), .title = "Harbour news",
                         .title_len = 12, .body = a[i].body, .body_len = strlen(a[i].body),
                         .author = "", .source = "", .url = "", .date = (int64_t)i,
                         .file = "t"};
        ck_assert_int_eq(byl_index_writer_add(w, &x), BYL_OK);
    }
    ck_assert_int_eq(byl_index_writer_commit(w), BYL_OK);
    byl_index_writer_free(w);
}

#endif
