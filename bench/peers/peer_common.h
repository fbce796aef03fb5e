/*
 * peer_common.h - what the compiled peers (fts5_peer.c, xapian_peer.cc)
 * share: reading a ../shared corpus (JSON Lines, gzip or not) the way
 * bench/lib/querytext.py's read_corpus does, making a log line into plain
 * words the way its plain_words does, the latency procedure of
 * bench/query_latency.c, and the result line format of every benchmark.
 *
 * Header-only and written in the common subset of C and C++, so the C++
 * Xapian harness and the C SQLite one include the same code.  Benchmark
 * tools only: nothing here is linked into Byline.
 *
 * Not for: query syntax.  Each engine's own parser is used as a user of it
 * would use it; plain_words only removes what one of the three query
 * languages would read as syntax, as the Python peers did.
 */
#ifndef BYL_PEER_COMMON_H
#define BYL_PEER_COMMON_H

#include <ctype.h>
#include <dirent.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <zlib.h>

#include "../bench.h"

/* ------------------------------------------------------------ the corpus */

typedef struct {
    gzFile f;          /* reads gzip and plain files alike */
    char *line;
    size_t cap;
    json_t *rec;       /* the current record */
    const char *id, *title, *text;
    char idbuf[32];
    long lineno;
    const char *path;
} peer_corpus;

static inline int peer_corpus_open(peer_corpus *c, const char *path)
{
    memset(c, 0, sizeof *c);
    c->path = path;
    c->f = gzopen(path, "rb");
    if (!c->f)
        return -1;
    gzbuffer(c->f, 1 << 17);
    c->cap = 1 << 16;
    c->line = (char *)malloc(c->cap);
    return c->line ? 0 : -1;
}

/* Reads one whole line into c->line (any length); 0 at the end. */
static inline int peer_read_line(peer_corpus *c, size_t *len)
{
    size_t n = 0;
    for (;;) {
        if (!gzgets(c->f, c->line + n, (int)(c->cap - n)))
            break;
        n += strlen(c->line + n);
        if (n > 0 && c->line[n - 1] == '\n')
            break;
        if (n + 1 >= c->cap) {
            c->cap *= 2;
            char *p = (char *)realloc(c->line, c->cap);
            if (!p)
                abort();
            c->line = p;
        }
    }
    *len = n;
    return n > 0;
}

/* Next record with a title or a text (read_corpus skips the others, as
 * byline-index does); 0 at the end.  A line that is not JSON stops the
 * run: the shared corpora have none, so one means a wrong file. */
static inline int peer_corpus_next(peer_corpus *c)
{
    size_t len;
    while (peer_read_line(c, &len)) {
        c->lineno++;
        while (len && (c->line[len - 1] == '\n' || c->line[len - 1] == '\r' ||
                       c->line[len - 1] == ' '))
            c->line[--len] = '\0';
        if (len == 0)
            continue;
        if (c->rec)
            json_decref(c->rec);
        json_error_t e;
        c->rec = json_loadb(c->line, len, 0, &e);
        if (!c->rec || !json_is_object(c->rec)) {
            fprintf(stderr, "%s:%ld: not a JSON object: %s\n", c->path, c->lineno, e.text);
            exit(1);
        }
        json_t *id = json_object_get(c->rec, "id");
        const char *t = json_string_value(json_object_get(c->rec, "title"));
        const char *x = json_string_value(json_object_get(c->rec, "text"));
        c->title = t ? t : "";
        c->text = x ? x : "";
        if (json_is_string(id))
            c->id = json_string_value(id);
        else {
            snprintf(c->idbuf, sizeof c->idbuf, "%lld", (long long)json_integer_value(id));
            c->id = c->idbuf;
        }
        int blank = 1;
        for (const char *p = c->title; *p && blank; p++)
            blank = isspace((unsigned char)*p) != 0;
        for (const char *p = c->text; *p && blank; p++)
            blank = isspace((unsigned char)*p) != 0;
        if (!blank)
            return 1;
    }
    return 0;
}

static inline void peer_corpus_close(peer_corpus *c)
{
    if (c->rec)
        json_decref(c->rec);
    free(c->line);
    if (c->f)
        gzclose(c->f);
}

/* ------------------------------------------------------------ the query */

/* Splits q into plain words (querytext.plain_words): the characters
 * " ( ) * : + ^ ~ [ ] { } are spaces, a leading '-' is dropped, and so are
 * the words AND, OR, NOT, NEAR and words with no letter or digit (any
 * non-ASCII byte counts as a letter, as Python's isalnum does for the
 * letters of other scripts).  Writes the words into out (NUL-separated)
 * and their starts into w[]; returns their number. */
static inline int peer_plain_words(const char *q, char *out, size_t cap, const char **w, int maxw)
{
    int n = 0;
    size_t o = 0;
    const char *p = q;
    for (;;) {
        while (*p && (isspace((unsigned char)*p) || strchr("\"()*:+^~[]{}", *p)))
            p++;
        if (!*p)
            break;
        const char *s = p;
        while (*p && !isspace((unsigned char)*p) && !strchr("\"()*:+^~[]{}", *p))
            p++;
        const char *e = p;
        while (s < e && *s == '-')
            s++;
        size_t len = (size_t)(e - s);
        int alnum = 0;
        for (const char *t = s; t < e && !alnum; t++)
            alnum = isalnum((unsigned char)*t) || (unsigned char)*t >= 0x80;
        if (!len || !alnum || n == maxw || o + len + 1 > cap)
            continue;
        if ((len == 3 && (!strncmp(s, "AND", 3) || !strncmp(s, "NOT", 3))) ||
            (len == 2 && !strncmp(s, "OR", 2)) || (len == 4 && !strncmp(s, "NEAR", 4)))
            continue;
        memcpy(out + o, s, len);
        out[o + len] = '\0';
        w[n++] = out + o;
        o += len + 1;
    }
    return n;
}

/* ------------------------------------------------------------ reporting */

static inline long peer_peak_rss_kb(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

/* Bytes of a file, or of every file in a directory (one level: both
 * peers' databases are flat). */
static inline long long peer_path_bytes(const char *path)
{
    struct stat st;
    if (stat(path, &st))
        return -1;
    if (!S_ISDIR(st.st_mode))
        return (long long)st.st_size;
    long long total = 0;
    DIR *d = opendir(path);
    if (!d)
        return -1;
    struct dirent *e;
    char buf[4096];
    while ((e = readdir(d)) != NULL) {
        snprintf(buf, sizeof buf, "%s/%s", path, e->d_name);
        if (stat(buf, &st) == 0 && S_ISREG(st.st_mode))
            total += (long long)st.st_size;
    }
    closedir(d);
    return total;
}

/* The corpus name of a path: "../shared/corpora/reuters21578.jsonl.gz" ->
 * "reuters21578". */
static inline const char *peer_corpus_name(const char *path, char *buf, size_t cap)
{
    const char *s = strrchr(path, '/');
    snprintf(buf, cap, "%s", s ? s + 1 : path);
    char *dot = strchr(buf, '.');
    if (dot && dot != buf)
        *dot = '\0';
    return buf;
}

/* Takes "NAME VALUE" out of argv (argc shrinks); def when absent. */
static inline const char *peer_opt(int *argc, char **argv, const char *name, const char *def)
{
    for (int i = 0; i + 1 < *argc; i++)
        if (!strcmp(argv[i], name)) {
            const char *v = argv[i + 1];
            memmove(argv + i, argv + i + 2, (size_t)(*argc - i - 2) * sizeof *argv);
            *argc -= 2;
            return v;
        }
    return def;
}

/* The result line of a latency run, as bench/query_latency.c prints it:
 * lat holds n queries x runs timings (us, query-major), wall the runs'
 * seconds, floor_v 201 timings of a query matching nothing. */
static inline void peer_print_query(const char *engine, const char *harness, const char *corpus,
                                    const char *logpath, const char *mode, size_t n, int runs,
                                    int k, const double *lat, const double *wall,
                                    const double *floor_v, double open_us, long matched,
                                    long errors)
{
    double *per = (double *)calloc(n ? n : 1, sizeof *per), sum = 0;
    if (!per)
        abort();
    for (size_t j = 0; j < n; j++) {
        per[j] = bench_median(lat + j * (size_t)runs, (size_t)runs);
        sum += per[j];
    }
    bench_sort(per, n);
    double wm = bench_median(wall, (size_t)runs);
    char lb[256];
    printf("bench=query engine=%s corpus=%s log=%s mode=%s count=topk n=%zu runs=%d k=%d "
           "p50_us=%.1f p95_us=%.1f p99_us=%.1f mean_us=%.1f qps=%.0f open_us=%.0f floor_us=%.1f "
           "matched=%ld errors=%ld harness=%s\n",
           engine, corpus, bench_basename(logpath, lb, sizeof lb), mode, n, runs, k,
           bench_pct_sorted(per, n, .50), bench_pct_sorted(per, n, .95),
           bench_pct_sorted(per, n, .99), n ? sum / (double)n : 0, wm > 0 ? (double)n / wm : 0,
           open_us, bench_median(floor_v, 201), matched, errors, harness);
    free(per);
}

#endif
