/*
 * fts5_peer.c - SQLite FTS5 as a compiled peer of Byline in bench/: a C
 * program over libsqlite3, so no interpreter is timed against it.
 *
 *   fts5_peer check
 *   fts5_peer build CORPUS.jsonl[.gz] DB [--name NAME]
 *   fts5_peer query DB LOG [--mode or|and|phrase] [--runs 5] [-k 10] [--corpus NAME]
 *   fts5_peer batch DB QUERIES.tsv [--depth 1000] [--mode or]   TREC run to stdout
 *   fts5_peer first DB QUERY...    open, search once, print the top 10 with snippets
 *
 * How FTS5 is used is what a typical user would write, the same as
 * bench/peers/peer.py did through Python: CREATE VIRTUAL TABLE docs USING
 * fts5(id UNINDEXED, title, body, tokenize='porter unicode61'); every row
 * inserted in one transaction by one prepared statement; rank configured as
 * bm25(0, 2, 1) (title weight 2); then 'optimize' before the commit.
 * Queries: each plain word (peer_plain_words) quoted and joined with OR
 * ("or" log) or AND ("and" log); the phrase log becomes one quoted phrase;
 * SELECT rowid ... WHERE docs MATCH ? ORDER BY rank LIMIT k through one
 * prepared statement, reset and re-bound per query.
 *
 * "first" is the whole-process counterpart of `byline-search -n 10 QUERY`:
 * it opens the database, runs the query and prints, per hit, the id, score,
 * title and an FTS5 snippet() of the body, then exits.
 *
 * Not for: anything but benchmarks; libsqlite3 is never linked into Byline.
 */
#include <sqlite3.h>

#include "peer_common.h"

static sqlite3 *db_open(const char *path, int flags)
{
    sqlite3 *db = NULL;
    if (sqlite3_open_v2(path, &db, flags, NULL) != SQLITE_OK) {
        fprintf(stderr, "fts5_peer: cannot open %s: %s\n", path, db ? sqlite3_errmsg(db) : "?");
        exit(2);
    }
    return db;
}

static void exec(sqlite3 *db, const char *sql)
{
    char *err = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &err) != SQLITE_OK) {
        fprintf(stderr, "fts5_peer: %s: %s\n", sql, err ? err : "?");
        exit(1);
    }
}

static sqlite3_stmt *prepare(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
        fprintf(stderr, "fts5_peer: %s: %s\n", sql, sqlite3_errmsg(db));
        exit(1);
    }
    return st;
}

/* The MATCH expression of a log line in mode or/and/phrase, into buf;
 * 0 when the line has no plain word. */
static int match_expr(const char *q, const char *mode, char *buf, size_t cap)
{
    static char words[8192];
    const char *w[256];
    int n = peer_plain_words(q, words, sizeof words, w, 256);
    if (n == 0)
        return 0;
    int phrase = !strcmp(mode, "phrase");
    const char *join = !strcmp(mode, "and") ? " AND " : " OR ";
    size_t o = 0;
    if (phrase && o + 1 < cap)
        buf[o++] = '"';
    for (int i = 0; i < n; i++) {
        if (i && o + 6 < cap) {
            const char *j = phrase ? " " : join;
            memcpy(buf + o, j, strlen(j));
            o += strlen(j);
        }
        if (!phrase && o + 1 < cap)
            buf[o++] = '"';
        for (const char *p = w[i]; *p && o + 2 < cap; p++)
            if (*p != '"')
                buf[o++] = *p;
        if (!phrase && o + 1 < cap)
            buf[o++] = '"';
    }
    if (phrase && o + 1 < cap)
        buf[o++] = '"';
    buf[o < cap ? o : cap - 1] = '\0';
    return 1;
}

static int cmd_check(void)
{
    sqlite3 *db = db_open(":memory:", SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    exec(db, "CREATE VIRTUAL TABLE t USING fts5(x, tokenize='porter unicode61')");
    sqlite3_close(db);
    return 0;
}

static int cmd_build(const char *corpus, const char *path, const char *name)
{
    char nb[256];
    if (!name)
        name = peer_corpus_name(corpus, nb, sizeof nb);
    uint64_t t0 = bench_now_ns();
    peer_corpus c;
    if (peer_corpus_open(&c, corpus)) {
        fprintf(stderr, "fts5_peer: cannot read %s\n", corpus);
        return 2;
    }
    remove(path);
    sqlite3 *db = db_open(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    exec(db, "CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, title, body, "
             "tokenize='porter unicode61')");
    exec(db, "BEGIN");
    sqlite3_stmt *ins = prepare(db, "INSERT INTO docs(id, title, body) VALUES (?, ?, ?)");
    long n = 0;
    while (peer_corpus_next(&c)) {
        sqlite3_bind_text(ins, 1, c.id, -1, SQLITE_STATIC);
        sqlite3_bind_text(ins, 2, c.title, -1, SQLITE_STATIC);
        sqlite3_bind_text(ins, 3, c.text, -1, SQLITE_STATIC);
        if (sqlite3_step(ins) != SQLITE_DONE) {
            fprintf(stderr, "fts5_peer: insert: %s\n", sqlite3_errmsg(db));
            return 1;
        }
        sqlite3_reset(ins);
        n++;
    }
    sqlite3_finalize(ins);
    peer_corpus_close(&c);
    exec(db, "INSERT INTO docs(docs, rank) VALUES ('rank', 'bm25(0.0, 2.0, 1.0)')");
    exec(db, "INSERT INTO docs(docs) VALUES ('optimize')");
    exec(db, "COMMIT");
    sqlite3_close(db);
    double secs = (double)(bench_now_ns() - t0) / 1e9;
    printf("bench=build engine=fts5 corpus=%s docs=%ld seconds=%.3f index_bytes=%lld "
           "peak_rss_kb=%ld harness=c\n",
           name, n, secs, peer_path_bytes(path), peer_peak_rss_kb());
    return 0;
}

/* Runs one prepared query; returns the number of hits (ids not kept). */
static int run(sqlite3_stmt *st, const char *expr, int k)
{
    if (!expr)
        return 0;
    sqlite3_bind_text(st, 1, expr, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 2, k);
    int hits = 0, rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        hits++;
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? hits : -1;
}

static int cmd_query(const char *path, const char *logpath, const char *mode, int runs, int k,
                     const char *corpus)
{
    char **qs;
    long nq = bench_read_lines(logpath, &qs);
    if (nq < 0) {
        fprintf(stderr, "fts5_peer: cannot read %s\n", logpath);
        return 2;
    }
    uint64_t t0 = bench_now_ns();
    sqlite3 *db = db_open(path, SQLITE_OPEN_READONLY);
    sqlite3_stmt *st = prepare(db, "SELECT rowid FROM docs WHERE docs MATCH ? ORDER BY rank LIMIT ?");
    double open_us = (double)(bench_now_ns() - t0) / 1e3;
    char **ex = (char **)calloc((size_t)nq, sizeof *ex);
    long matched = 0, errors = 0, n = 0;
    static char buf[16384];
    for (long i = 0; i < nq; i++) { /* warm-up pass, untimed; errors left out */
        const char *e = match_expr(qs[i], mode, buf, sizeof buf) ? buf : NULL;
        int h = run(st, e, k);
        if (h < 0) {
            errors++;
            fprintf(stderr, "fts5_peer: query %ld '%s': %s\n", i + 1, qs[i], sqlite3_errmsg(db));
            continue;
        }
        matched += h > 0;
        ex[n++] = qs[i];
    }
    double *lat = (double *)calloc((size_t)(n ? n : 1) * (size_t)runs, sizeof *lat);
    double *wall = (double *)calloc((size_t)runs, sizeof *wall);
    for (int r = 0; r < runs; r++) {
        uint64_t w0 = bench_now_ns();
        for (long j = 0; j < n; j++) {
            uint64_t t = bench_now_ns();
            run(st, match_expr(ex[j], mode, buf, sizeof buf) ? buf : NULL, k);
            lat[j * runs + r] = (double)(bench_now_ns() - t) / 1e3;
        }
        wall[r] = (double)(bench_now_ns() - w0) / 1e9;
    }
    double floor_v[201];
    for (int i = 0; i < 201; i++) {
        uint64_t t = bench_now_ns();
        run(st, match_expr("qxzvjq", mode, buf, sizeof buf) ? buf : NULL, k);
        floor_v[i] = (double)(bench_now_ns() - t) / 1e3;
    }
    peer_print_query("fts5", "c", corpus, logpath, mode, (size_t)n, runs, k, lat, wall, floor_v,
                     open_us, matched, errors);
    sqlite3_finalize(st);
    sqlite3_close(db);
    for (long i = 0; i < nq; i++)
        free(qs[i]);
    free(qs);
    free(ex);
    free(lat);
    free(wall);
    return 0;
}

static int cmd_batch(const char *path, const char *topics, const char *mode, int depth)
{
    char **qs;
    long nq = bench_read_lines(topics, &qs);
    if (nq < 0) {
        fprintf(stderr, "fts5_peer: cannot read %s\n", topics);
        return 2;
    }
    sqlite3 *db = db_open(path, SQLITE_OPEN_READONLY);
    sqlite3_stmt *st =
        prepare(db, "SELECT id, rank FROM docs WHERE docs MATCH ? ORDER BY rank LIMIT ?");
    static char buf[16384];
    for (long i = 0; i < nq; i++) {
        char *tab = strchr(qs[i], '\t');
        if (!tab)
            continue;
        *tab = '\0';
        if (!match_expr(tab + 1, mode, buf, sizeof buf))
            continue;
        sqlite3_bind_text(st, 1, buf, -1, SQLITE_STATIC);
        sqlite3_bind_int(st, 2, depth);
        int rank = 0;
        while (sqlite3_step(st) == SQLITE_ROW)
            printf("%s Q0 %s %d %.6f fts5\n", qs[i], (const char *)sqlite3_column_text(st, 0),
                   ++rank, -sqlite3_column_double(st, 1));
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
    return 0;
}

static int cmd_first(const char *path, int argc, char **argv)
{
    static char q[8192], buf[16384];
    size_t o = 0;
    for (int i = 0; i < argc; i++)
        o += (size_t)snprintf(q + o, o < sizeof q ? sizeof q - o : 0, "%s%s", i ? " " : "", argv[i]);
    sqlite3 *db = db_open(path, SQLITE_OPEN_READONLY);
    if (!match_expr(q, "or", buf, sizeof buf))
        return 1;
    sqlite3_stmt *st = prepare(db, "SELECT id, rank, title, snippet(docs, 2, '', '', '...', 24) "
                                   "FROM docs WHERE docs MATCH ? ORDER BY rank LIMIT 10");
    sqlite3_bind_text(st, 1, buf, -1, SQLITE_STATIC);
    int hits = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        printf("%s  %.4f  %s\n    %s\n", (const char *)sqlite3_column_text(st, 0),
               -sqlite3_column_double(st, 1), (const char *)sqlite3_column_text(st, 2),
               (const char *)sqlite3_column_text(st, 3));
        hits++;
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
    return hits ? 0 : 1;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: fts5_peer check | build CORPUS DB [--name N] | query DB LOG "
                        "[--mode M] [--runs R] [-k K] [--corpus N] | batch DB TOPICS [--depth D] "
                        "| first DB QUERY...\n");
        return 2;
    }
    const char *cmd = argv[1];
    argc -= 2;
    argv += 2;
    if (!strcmp(cmd, "check"))
        return cmd_check();
    if (!strcmp(cmd, "build")) {
        const char *name = peer_opt(&argc, argv, "--name", NULL);
        return argc == 2 ? cmd_build(argv[0], argv[1], name) : 2;
    }
    if (!strcmp(cmd, "query")) {
        const char *mode = peer_opt(&argc, argv, "--mode", "or");
        int runs = atoi(peer_opt(&argc, argv, "--runs", "5"));
        int k = atoi(peer_opt(&argc, argv, "-k", "10"));
        const char *corpus = peer_opt(&argc, argv, "--corpus", "unknown");
        return argc == 2 && runs > 0 ? cmd_query(argv[0], argv[1], mode, runs, k, corpus) : 2;
    }
    if (!strcmp(cmd, "batch")) {
        int depth = atoi(peer_opt(&argc, argv, "--depth", "1000"));
        const char *mode = peer_opt(&argc, argv, "--mode", "or");
        return argc == 2 ? cmd_batch(argv[0], argv[1], mode, depth) : 2;
    }
    if (!strcmp(cmd, "first"))
        return argc >= 2 ? cmd_first(argv[0], argc - 1, argv + 1) : 2;
    fprintf(stderr, "fts5_peer: unknown command '%s'\n", cmd);
    return 2;
}
