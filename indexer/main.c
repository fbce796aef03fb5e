/*
 * byline-index - builds a Byline index from news dumps and keeps it current:
 * build, add, delete, merge, check, repair.
 *
 * Thin by design: options, progress, warnings and the summary live here;
 * reading, analysis and index writing are libbyline's, used through its
 * public header byline.h only, as any program would.
 * Exit status: 0 done; 1 nothing could be indexed or deleted, or an input
 * could not be read (the old index is left as it was), or check found
 * damage; 2 usage error; 3 the index could not be written (or read, for
 * check).
 */
#include <errno.h>
#include <getopt.h>
#include <malloc.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <dirent.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "byline.h"

#define EXIT_NOTHING 1
#define EXIT_USAGE 2
#define EXIT_WRITE 3
#define MAX_WARNINGS 1000

static const char usage_text[] =
    "Usage: byline-index build -i INDEX [OPTIONS] INPUT...\n"
    "       byline-index add -i INDEX [OPTIONS] INPUT...\n"
    "       byline-index delete -i INDEX [--from FILE] [ID...]\n"
    "       byline-index merge -i INDEX [--tiered]\n"
    "       byline-index check -i INDEX\n"
    "       byline-index repair -i INDEX\n"
    "Build a search index from news article dumps, and keep it current.\n"
    "The command may stand anywhere among the options.\n"
    "\n"
    "  build   index INPUT into a new index that replaces INDEX once it is done;\n"
    "          without a command, INPUT is built into INDEX only when INDEX does\n"
    "          not hold an index yet (say build, or --replace, to replace one)\n"
    "  add     add articles to INDEX; one whose id is already there replaces it;\n"
    "          then merge segments as the size-tiered policy asks\n"
    "  delete  delete the articles with these ids (and/or the ids in FILE, one per\n"
    "          line, - for standard input)\n"
    "  merge   merge all segments into one (or as few as --mem allows),\n"
    "          dropping deleted articles\n"
    "          (--tiered: only what the size-tiered policy picks)\n"
    "  check   read and verify every file of INDEX; report what is damaged\n"
    "  repair  make a damaged INDEX searchable again from its intact segments:\n"
    "          rebuilds a lost or damaged MANIFEST, leaves out damaged files\n"
    "          (moved to INDEX/damaged/, never deleted)\n"
    "\n"
    "INPUT is a file, a directory (read recursively) or - for standard input.\n"
    "Formats, detected from the content: JSON Lines (one article per line),\n"
    "TREC SGML (<DOC>), Reuters-21578 SGML (<REUTERS>), or plain-text articles\n"
    "(one per file); any of them may be gzip-compressed.\n"
    "\n"
    "Options:\n"
    "  -i, --index DIR       the index directory (required). A build replaces the\n"
    "                        old index only once it has succeeded.\n"
    "      --replace         build over an existing index (as the build command)\n"
    "      --skip-unreadable an input that cannot be read is skipped with a warning;\n"
    "                        without it, the build or add fails and nothing changes\n"
    "  -f, --format FMT      auto (default), jsonl, trec, reuters or text\n"
    "  -m, --mem SIZE        memory for the whole run (default 256M, at least 32M;\n"
    "                        suffixes K, M, G); past it segments go to disk, and\n"
    "                        the near-duplicate clusters saved after every change\n"
    "                        are found in passes over the sketches; when even that\n"
    "                        does not fit they are not saved and a warning names\n"
    "                        the --mem that would do (repair -i INDEX --mem SIZE)\n"
    "      --title-weight N  how much a title word counts against a body word (default 2)\n"
    "      --max-record SIZE skip records larger than this (default 16M, and at\n"
    "                        most what --mem allows: about a 30th of it)\n"
    "  -j, --threads N       1: one thread; 2 (default on 2+ cores): analysis, on two\n"
    "                        threads, overlaps inversion and compression\n"
    "      --no-names        do not detect names (smaller, faster; name: and\n"
    "                        name-aware ranking then find nothing)\n"
    "      --no-merge        add: do not merge segments afterwards\n"
    "      --date-order ORDER  mdy, dmy or auto: how a date such as 11/07/2025\n"
    "                        is read when either part could be the month (a part\n"
    "                        above 12 is always the day); auto (the default): as\n"
    "                        the article's other dates say, then the other\n"
    "                        files', else mdy\n"
    "      --source NAME     the source of every article of this run that names none\n"
    "      --id-prefix PREFIX  put PREFIX before every id of this run, so that two\n"
    "                        dumps whose ids clash both stay in one index\n"
    "  -q, --quiet           print nothing unless something fails: no warnings for\n"
    "                        skipped records, no progress, no summary\n"
    "  -h, --help            show this help\n"
    "  -V, --version         show the version\n"
    "\n"
    "Exit status: 0 done; 1 nothing could be indexed or deleted, an input could\n"
    "not be read, or check found damage (the index is then as it was); 2 usage\n"
    "error; 3 the index could not be written or read.\n"
    "See byline-index(1).\n";

typedef struct run {
    const char *prog;
    int fmt;             /* enum byline_format */
    size_t max_record;   /* the reader's limit: --max-record, within --mem */
    int max_record_set;  /* given on the command line */
    int quiet;
    int tty;
    int skip_unreadable;
    uint64_t warnings;
    uint64_t indexed;
    uint64_t refused;    /* articles the writer would not take (too long, bad UTF-8) */
    uint64_t bytes;
    int date_order;      /* --date-order */
    const char *source;  /* --source, or NULL */
    const char *id_prefix; /* --id-prefix, or NULL */
    struct timespec start, last_progress;
    byline_input *in;    /* the inputs being read (counts, progress) */
    byline_writer *w;
    int write_rc;
} run;

static double since(const struct timespec *a)
{
    struct timespec b;
    clock_gettime(CLOCK_MONOTONIC, &b);
    return (double)(b.tv_sec - a->tv_sec) + (double)(b.tv_nsec - a->tv_nsec) / 1e9;
}

static void warn_cb(void *ctx, const char *file, uint64_t line, uint64_t offset, int reason,
                    const char *detail)
{
    run *r = ctx;
    if (r->quiet)
        return;
    if (++r->warnings > MAX_WARNINGS)
        return;
    if (r->tty)
        fputs("\r\033[K", stderr);
    const char *hint = reason == BYLINE_SKIP_TOOLONG ? " (--max-record and --mem set the limit)" : "";
    const char *sk = byline_skip_keeps(reason) ? "" : "skipped: ";
    if (line)
        fprintf(stderr, "%s: warning: %s:%llu: %s%s%s%s%s\n", r->prog, file,
                (unsigned long long)line, sk, byline_skip_text(reason),
                detail && *detail ? ": " : "", detail ? detail : "", hint);
    else
        fprintf(stderr, "%s: warning: %s: byte %llu: %s%s%s%s%s\n", r->prog, file,
                (unsigned long long)offset, sk, byline_skip_text(reason),
                detail && *detail ? ": " : "", detail ? detail : "", hint);
    if (r->warnings == MAX_WARNINGS)
        fprintf(stderr, "%s: further warnings are not shown (they are counted below)\n", r->prog);
}

static void print_eta(double done, double total, double secs)
{
    if (total <= 0 || done <= 0 || done > total)
        return;
    double left = secs * (total - done) / done;
    fprintf(stderr, ", %.0f%%, about %d:%02d left", 100.0 * done / total, (int)(left / 60),
            (int)left % 60);
}

static void progress(run *r, int force)
{
    if (!r->tty || r->quiet)
        return;
    if (!force && since(&r->last_progress) < 0.5)
        return;
    clock_gettime(CLOCK_MONOTONIC, &r->last_progress);
    double t = since(&r->start);
    byline_writer_stats ws = {0};
    byline_input_stats is = {0};
    byline_writer_stats_get(r->w, &ws);
    byline_input_stats_get(r->in, &is);
    fprintf(stderr, "\r\033[K  %llu articles, %.1f MB, %.1f MB/s, %zu MB in memory",
            (unsigned long long)r->indexed, r->bytes / 1e6, t > 0 ? r->bytes / 1e6 / t : 0.0,
            ws.mem >> 20);
    if (is.bytes_total)
        print_eta((double)is.bytes_done, (double)is.bytes_total, t);
}

static void merge_progress(void *ctx, uint64_t done, uint64_t total)
{
    run *r = ctx;
    if (!r->tty || r->quiet || (since(&r->last_progress) < 0.5 && done < total))
        return;
    clock_gettime(CLOCK_MONOTONIC, &r->last_progress);
    fprintf(stderr, "\r\033[K  merging: %llu of %llu articles",
            (unsigned long long)done, (unsigned long long)total);
    print_eta((double)done, (double)total, since(&r->start));
}

/* A path that could not be read, said as the old walk said it: a warning
 * with --skip-unreadable, or for what was left out on purpose. */
static void report_unreadable(run *r, const char *path, int stage, int rc)
{
    int sk = r->skip_unreadable;
    if (stage == BYLINE_INPUT_WALK) {
        fprintf(stderr, "%s: %s%s%s\n", r->prog, sk ? "warning: " : "", byline_errmsg(),
                sk ? " (skipped)" : "");
    } else if (stage == BYLINE_INPUT_OPEN) {
        int lost = rc != BYLINE_ELIMIT; /* ELIMIT: the walk left it out (read already, a Byline index, a FIFO) */
        /* the path once: the reader's messages name it ("cannot open X: ...") */
        int named = strstr(byline_errmsg(), path) != NULL;
        fprintf(stderr, "%s: %s%s%s%s%s\n", r->prog, sk || !lost ? "warning: " : "",
                named ? "" : path, named ? "" : ": ", byline_errmsg(),
                sk || !lost ? " (skipped)" : "");
    } else {
        fprintf(stderr, "%s: %s%s: %s\n", r->prog, sk ? "warning: " : "", path, byline_errmsg());
    }
}

/* Reads every article of the open input into the writer; a failure of the
 * writer stops it (r->write_rc). */
static void index_input(run *r)
{
    byline_article a;
    int rc;
    while (!r->write_rc && (rc = byline_input_next(r->in, &a)) != 0) {
        if (rc < 0) {
            int stage;
            const char *path = byline_input_failed(r->in, &stage);
            if (!path) {
                r->write_rc = rc; /* out of memory: nothing to go on with */
                break;
            }
            report_unreadable(r, path, stage, rc);
            continue;
        }
        if ((rc = byline_writer_add(r->w, &a)) != BYLINE_OK) {
            if (rc == BYLINE_ELIMIT || rc == BYLINE_EPARSE) {
                /* this article, not the index: skipped, said and counted
                 * (a sidecar's metadata can take a file past the limit) */
                r->refused++;
                if (!r->quiet && ++r->warnings <= MAX_WARNINGS)
                    fprintf(stderr, "%s%s: warning: skipped: %s\n", r->tty ? "\r\033[K" : "",
                            r->prog, byline_errmsg());
                continue;
            }
            r->write_rc = rc;
            break;
        }
        r->indexed++;
        r->bytes += a.title_len + a.body_len;
        if ((r->indexed & 255) == 0)
            progress(r, 0);
    }
}

/* A size with an optional K, M, G or T (powers of 1024) and B: 0, -1 when
 * it cannot be read, -2 when it is past SIZE_MAX_OPT (a memory no machine
 * has; "16E" and 2^64 - 1 were once called too small). */
#define SIZE_MAX_OPT ((double)((uint64_t)1 << 50))
static int parse_size(const char *s, size_t *out)
{
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (errno == ERANGE && v >= HUGE_VAL)
        return -2; /* past a double; one that underflows ("1e-320") is no size */
    if (errno || end == s || !(v > 0))
        return -1;
    switch (*end) {
    case 'k': case 'K': v *= 1024; end++; break;
    case 'm': case 'M': v *= 1024 * 1024; end++; break;
    case 'g': case 'G': v *= 1024.0 * 1024 * 1024; end++; break;
    case 't': case 'T': v *= 1024.0 * 1024 * 1024 * 1024; end++; break;
    case 'p': case 'P': case 'e': case 'E': return -2;
    case '\0': break;
    default: return -1;
    }
    if (*end == 'B' || *end == 'b')
        end++;
    if (*end)
        return -1;
    if (v > SIZE_MAX_OPT)
        return -2;
    *out = (size_t)v;
    return 0;
}

enum { CMD_BUILD, CMD_ADD, CMD_DELETE, CMD_MERGE, CMD_CHECK, CMD_REPAIR, CMD_NONE };
static const char *const cmds[] = {"build", "add", "delete", "merge", "check", "repair"};
#define NCMDS (int)(sizeof cmds / sizeof *cmds)

typedef struct cli {
    const char *dir;
    int cmd;
    int replace;         /* build over an existing index (build or --replace) */
    size_t mem;
    long title_weight;   /* 0: the index's own */
    int threads, no_names, no_merge, tiered;
    const char *from;    /* delete: file of ids */
} cli;

/* The budget is for the whole process: the library splits it between the
 * inverter and what the readers, the analysis ring, the segment writer and
 * the program itself need. */
static byline_writer_opts writer_opts(const cli *c, int replace)
{
    long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
    byline_writer_opts o;
    byline_writer_opts_init(&o);
    o.mem = c->mem;
    o.title_weight = (unsigned)c->title_weight;
    o.replace = replace;
    o.threads = c->threads ? c->threads : (ncpu > 1 ? 2 : 1);
    o.no_names = c->no_names;
    return o;
}

/* --mem bounds the longest record too (byline_writer_record_limit). */
static size_t record_limit(const cli *c)
{
    byline_writer_opts o = writer_opts(c, 0);
    return byline_writer_record_limit(&o);
}

static int open_writer(run *r, const cli *c, int replace)
{
    byline_writer_opts o = writer_opts(c, replace);
    int rc = byline_writer_open(c->dir, &o, &r->w);
    if (rc) {
        fprintf(stderr, "%s: %s\n", r->prog, byline_errmsg());
        return rc == BYLINE_EINVAL ? EXIT_USAGE : EXIT_WRITE;
    }
    return 0;
}

/* The segment files ("*.seg") in dir, -1 (errno set) when it cannot be
 * read: what a folder holds of an index whatever its MANIFEST says. */
static long segment_files(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return -1;
    long n = 0;
    for (struct dirent *e; (e = readdir(d)) != NULL;) {
        size_t l = strlen(e->d_name);
        n += l > 4 && strcmp(e->d_name + l - 4, ".seg") == 0;
    }
    closedir(d);
    return n;
}

/* merge and delete change an index that is there: a path mistyped, or a
 * folder with nothing of an index in it, is said so (exit 3), not taken
 * for an empty index with nothing to merge or delete (exit 0 or 1 told a
 * cron job that all was well).  A folder with segments and no MANIFEST
 * is left to the writer, which says how to repair it. */
static int need_index(run *r, const cli *c)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/MANIFEST", c->dir);
    if (access(path, F_OK) == 0)
        return 0;
    long segs = segment_files(c->dir);
    if (segs > 0)
        return 0;
    fprintf(stderr, "%s: %s is not a Byline index (%s); build one with '%s build -i %s FILES...'\n",
            r->prog, c->dir, segs == 0 ? "no MANIFEST" : strerror(errno), r->prog, c->dir);
    return EXIT_WRITE;
}

/* After a failed change: what happened to the index, exactly. */
static int write_failed(run *r, int rc)
{
    if (rc == BYLINE_ENOTSYNCED)
        fprintf(stderr, "%s: %s\n", r->prog, byline_errmsg());
    else
        fprintf(stderr, "%s: cannot write the index: %s; the previous index is unchanged\n",
                r->prog, byline_errmsg());
    byline_writer_free(r->w);
    r->w = NULL;
    return EXIT_WRITE;
}

static void report_index(run *r, const char *dir)
{
    byline_collection *ix;
    byline_info info;
    double secs = since(&r->start);
    if (byline_open(dir, &ix) != BYLINE_OK)
        return;
    byline_info_get(ix, &info);
    fprintf(stderr, "%s: wrote %s: %llu articles, %llu segment%s, %.1f MB, in %.2f s",
            r->prog, dir, (unsigned long long)info.articles, (unsigned long long)info.segments,
            info.segments == 1 ? "" : "s", info.bytes / 1e6, secs);
    if (r->bytes)
        fprintf(stderr, " (%.1f MB/s of text)", secs > 0 ? r->bytes / 1e6 / secs : 0.0);
    fputc('\n', stderr);
    byline_close(ix);
}

/* merge, or the size-tiered merge after an add */
static int cmd_merge(run *r, const cli *c, int tiered)
{
    int rc = c->cmd == CMD_MERGE ? need_index(r, c) : 0;
    if (rc)
        return rc;
    rc = open_writer(r, c, 0);
    if (rc)
        return rc;
    uint32_t merged;
    clock_gettime(CLOCK_MONOTONIC, &r->start);
    if ((rc = byline_writer_merge(r->w, !tiered, merge_progress, r, &merged)) != BYLINE_OK)
        return write_failed(r, rc);
    if (r->tty && !r->quiet)
        fputs("\r\033[K", stderr);
    if (merged == 0) {
        if (!tiered)
            fprintf(stderr, "%s: %s: nothing to merge (no deletions, and no merge within "
                    "--mem makes fewer segments)\n", r->prog, c->dir);
        byline_writer_free(r->w);
        r->w = NULL;
        return 0;
    }
    byline_writer_stats ws;
    byline_writer_stats_get(r->w, &ws);
    uint64_t n = ws.merged;
    if ((rc = byline_writer_commit(r->w)) != BYLINE_OK)
        return write_failed(r, rc);
    byline_writer_free(r->w);
    r->w = NULL;
    if (!r->quiet)
        fprintf(stderr, "%s: merged %u segments (%llu articles)\n", r->prog, merged,
                (unsigned long long)n);
    return 0;
}

static int cmd_index(run *r, const cli *c, int argc, char **argv)
{
    int rc = open_writer(r, c, c->replace);
    if (rc)
        return rc;
    byline_input_opts io;
    byline_input_opts_init(&io);
    io.format = r->fmt;
    io.date_order = r->date_order;
    io.max_record = r->max_record;
    io.source = r->source;
    io.id_prefix = r->id_prefix;
    io.warn = warn_cb;
    io.warn_ctx = r;
    if ((rc = byline_input_open_many((const char *const *)argv, (size_t)argc, &io, &r->in)))
        return write_failed(r, rc);
    index_input(r);
    progress(r, 1);
    if (r->tty && !r->quiet)
        fputs("\r\033[K", stderr);
    byline_input_stats st;
    byline_input_stats_get(r->in, &st);
    byline_input_close(r->in);
    r->in = NULL;
    if (r->write_rc)
        return write_failed(r, r->write_rc);
    uint64_t skipped = 0, kept_warnings = 0;
    for (int i = 0; i < BYLINE_SKIP_COUNT; i++) {
        skipped += st.skipped[i];
        kept_warnings += st.warned[i];
    }
    if (r->quiet)
        goto summarised; /* -q: no summary; failures below still speak */
    fprintf(stderr, "%s: %llu files, %llu records: %llu indexed, %llu skipped", r->prog,
            (unsigned long long)st.files, (unsigned long long)st.records,
            (unsigned long long)r->indexed, (unsigned long long)skipped);
    if (skipped) {
        const char *sep = " (";
        for (int i = 0; i < BYLINE_SKIP_COUNT; i++)
            if (st.skipped[i]) {
                fprintf(stderr, "%s%s %llu", sep, byline_skip_text(i),
                        (unsigned long long)st.skipped[i]);
                sep = ", ";
            }
        fputc(')', stderr);
    }
    if (st.unreadable)
        fprintf(stderr, "; %llu path%s not read", (unsigned long long)st.unreadable,
                st.unreadable == 1 ? "" : "s");
    if (st.left_out)
        fprintf(stderr, "; %llu path%s left out (read already, an index, or not a regular "
                "file; see above)",
                (unsigned long long)st.left_out, st.left_out == 1 ? "" : "s");
    if (kept_warnings)
        fprintf(stderr, "; %llu warning%s (records kept)", (unsigned long long)kept_warnings,
                kept_warnings == 1 ? "" : "s");
    if (st.sidecars)
        fprintf(stderr, "; %llu sidecar%s read as metadata", (unsigned long long)st.sidecars,
                st.sidecars == 1 ? "" : "s");
    if (r->refused)
        fprintf(stderr, "; %llu article%s refused by the writer", (unsigned long long)r->refused,
                r->refused == 1 ? "" : "s");
    fputc('\n', stderr);
summarised:
    if (st.unreadable && !r->skip_unreadable) {
        fprintf(stderr, "%s: %llu input%s could not be read (see above); %s was left as it "
                "was. Fix them, or give --skip-unreadable to index the rest\n", r->prog,
                (unsigned long long)st.unreadable, st.unreadable == 1 ? "" : "s", c->dir);
        byline_writer_free(r->w);
        return EXIT_NOTHING;
    }
    if (r->indexed == 0) {
        fprintf(stderr, "%s: nothing could be indexed; %s was left as it was\n", r->prog, c->dir);
        byline_writer_free(r->w);
        return EXIT_NOTHING;
    }
    if ((rc = byline_writer_commit(r->w)) != BYLINE_OK)
        return write_failed(r, rc);
    byline_writer_stats ws;
    byline_writer_stats_get(r->w, &ws);
    uint64_t replaced = ws.replaced;
    byline_writer_free(r->w);
    r->w = NULL;
    if (replaced && !r->quiet)
        fprintf(stderr, "%s: %llu older version%s replaced (same id)\n", r->prog,
                (unsigned long long)replaced, replaced == 1 ? "" : "s");
    if (!r->quiet)
        report_index(r, c->dir);
    if (c->cmd == CMD_ADD && !c->no_merge && (rc = cmd_merge(r, c, 1)) != 0)
        return rc;
    return 0;
}

/* Deletes one id; returns 0, or an exit status. */
static int delete_one(run *r, const char *id, size_t len, uint64_t *found)
{
    while (len && (id[len - 1] == '\n' || id[len - 1] == '\r'))
        len--;
    if (len == 0)
        return 0;
    uint64_t n = 0;
    int rc;
    if ((rc = byline_writer_delete(r->w, id, len, &n)) != BYLINE_OK)
        return write_failed(r, rc);
    if (n == 0 && !r->quiet)
        fprintf(stderr, "%s: warning: no article with id %.*s\n", r->prog, (int)len, id);
    *found += n;
    return 0;
}

static int cmd_delete(run *r, const cli *c, int argc, char **argv)
{
    if (!c->from && argc == 0) {
        fprintf(stderr, "%s: delete wants ids, or --from FILE\n", r->prog);
        return EXIT_USAGE;
    }
    int rc = need_index(r, c);
    if (rc || (rc = open_writer(r, c, 0)))
        return rc;
    uint64_t found = 0;
    for (int i = 0; i < argc && !rc; i++)
        rc = delete_one(r, argv[i], strlen(argv[i]), &found);
    if (c->from && !rc) {
        FILE *f = strcmp(c->from, "-") ? fopen(c->from, "r") : stdin;
        if (!f) {
            fprintf(stderr, "%s: cannot read %s: %s\n", r->prog, c->from, strerror(errno));
            byline_writer_free(r->w);
            return EXIT_USAGE;
        }
        char *line = NULL;
        size_t cap = 0;
        ssize_t n;
        for (int first = 1; !rc && (n = getline(&line, &cap, f)) > 0; first = 0) {
            /* a UTF-8 byte order mark (Notepad's) is no part of the first id */
            size_t bom = first && n >= 3 && memcmp(line, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
            rc = delete_one(r, line + bom, (size_t)n - bom, &found);
        }
        free(line);
        if (f != stdin)
            fclose(f);
    }
    if (rc)
        return rc;
    if (found == 0) {
        fprintf(stderr, "%s: nothing to delete; %s was left as it was\n", r->prog, c->dir);
        byline_writer_free(r->w);
        return EXIT_NOTHING;
    }
    if ((rc = byline_writer_commit(r->w)) != BYLINE_OK)
        return write_failed(r, rc);
    byline_writer_free(r->w);
    r->w = NULL;
    if (!r->quiet)
        fprintf(stderr, "%s: deleted %llu article%s\n", r->prog, (unsigned long long)found,
                found == 1 ? "" : "s");
    return 0;
}

static void check_report(void *ctx, const char *problem)
{
    run *r = ctx;
    fprintf(stderr, "%s: %s\n", r->prog, problem);
}

static int cmd_check(run *r, const cli *c)
{
    byline_check_report res;
    /* the saved clusters are checked too: a damaged cache is damage all the
     * same (searches silently compute clusters instead) */
    int rc = byline_check(c->dir, check_report, r, &res);
    if (rc && res.problems == 0) {
        fprintf(stderr, "%s: %s\n", r->prog, byline_errmsg());
        return EXIT_WRITE;
    }
    if (res.problems) {
        fprintf(stderr, "%s: %s is damaged: %llu problem%s; 'byline-index repair -i %s' makes "
                "it searchable from what is intact, or rebuild it from the articles\n",
                r->prog, c->dir, (unsigned long long)res.problems, res.problems == 1 ? "" : "s",
                c->dir);
        return EXIT_NOTHING;
    }
    printf("%s: ok: %llu articles (%llu deleted) in %llu segments, %llu terms, %.1f MB verified\n",
           c->dir, (unsigned long long)res.articles, (unsigned long long)res.deleted,
           (unsigned long long)res.segments, (unsigned long long)res.terms, res.bytes / 1e6);
    /* segment files the MANIFEST does not name: sound, but searched by no
     * one.  Newer than the MANIFEST (an older one put back, or one put back
     * by hand after a repair left it out), they make every writer refuse
     * until repair takes them in; older ones a merge retired, and the next
     * change removes them (common/index/leftovers.c) */
    long found = segment_files(c->dir);
    uint64_t segs = found > 0 ? (uint64_t)found : 0;
    if (segs > res.segments) {
        uint64_t n = segs - res.segments;
        fprintf(stderr, "%s: warning: %llu segment file%s in %s %s not named by its MANIFEST: "
                "searches do not see %s; one newer than the MANIFEST makes add, delete and "
                "merge refuse until 'byline-index repair -i %s' takes it in, one older was "
                "replaced by a merge and the next change removes it\n",
                r->prog, (unsigned long long)n, n == 1 ? "" : "s", c->dir, n == 1 ? "is" : "are",
                n == 1 ? "it" : "them", c->dir);
    }
    return 0;
}

static void repair_report(void *ctx, const char *what)
{
    run *r = ctx;
    fprintf(stderr, "%s: %s\n", r->prog, what);
}

static int cmd_repair(run *r, const cli *c)
{
    byline_repair_report res;
    int rc = byline_repair(c->dir, c->mem, repair_report, r, &res);
    if (rc) {
        fprintf(stderr, "%s: %s\n", r->prog, byline_errmsg());
        return rc == BYLINE_ENOTFOUND ? EXIT_USAGE : EXIT_WRITE;
    }
    if (!res.changed)
        return 0;
    fprintf(stderr, "%s: repaired %s: %u segment%s, %llu articles", r->prog, c->dir,
            res.segments, res.segments == 1 ? "" : "s", (unsigned long long)res.articles);
    if (res.resolved)
        fprintf(stderr, ", %llu older version%s of an id marked deleted",
                (unsigned long long)res.resolved, res.resolved == 1 ? "" : "s");
    if (res.set_aside)
        fprintf(stderr, "; %u file%s moved to %s/damaged/%s", res.set_aside,
                res.set_aside == 1 ? "" : "s", c->dir,
                res.lost ? "" : " (remove it once you no longer need it)");
    if (res.lost)
        fprintf(stderr, "; %llu article%s %s in damaged or missing segments: add them again",
                (unsigned long long)res.lost, res.lost == 1 ? "" : "s",
                res.lost == 1 ? "was" : "were");
    fputc('\n', stderr);
    return 0;
}

/* After a change: the near-duplicate clusters of the new generation, saved
 * so that searches need not compute them (a cache: failing is a warning). */
static void save_clusters(run *r, const char *dir, size_t mem)
{
    int opened;
    /* the heap the run freed, given back first: the clusters' memory
     * comes on top of what stays resident (--mem is the whole run's) */
    malloc_trim(0);
    int rc = byline_clusters_refresh_mem(dir, mem, &opened);
    /* not opened: no index to cluster, nothing to say.  Too large for
     * --mem: said even with --quiet, as the run did not do all it should */
    if (rc == BYLINE_ELIMIT)
        fprintf(stderr, "%s: warning: near-duplicate clusters not saved within --mem (searches "
                "will find them): %s; 'byline-index repair -i %s --mem SIZE' saves them\n",
                r->prog, byline_errmsg(), dir);
    else if (rc && opened && !r->quiet)
        fprintf(stderr, "%s: warning: near-duplicate clusters not saved (searches will "
                "find them): %s\n", r->prog, byline_errmsg());
}

static int run_command(run *r, cli *c, int argc, char **argv)
{
    switch (c->cmd) {
    case CMD_DELETE: return cmd_delete(r, c, argc, argv);
    case CMD_MERGE: return cmd_merge(r, c, c->tiered);
    case CMD_CHECK: return cmd_check(r, c);
    case CMD_REPAIR: return cmd_repair(r, c);
    default: return cmd_index(r, c, argc, argv);
    }
}

/* Edit distance of two short words (the command names), capped. */
static int distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 15 || lb > 15)
        return 99;
    int d[16][16];
    for (size_t i = 0; i <= la; i++)
        d[i][0] = (int)i;
    for (size_t j = 0; j <= lb; j++)
        d[0][j] = (int)j;
    for (size_t i = 1; i <= la; i++)
        for (size_t j = 1; j <= lb; j++) {
            int sub = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
            int del = d[i - 1][j] + 1, ins = d[i][j - 1] + 1;
            d[i][j] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
        }
    return d[la][lb];
}

/* The command a mistyped word was probably meant to be, or NULL. */
static const char *suggest(const char *word)
{
    const char *best = NULL;
    int bestd = 3;
    for (int i = 0; i < NCMDS; i++) {
        int d = distance(word, cmds[i]);
        size_t n = strlen(word);
        if (n >= 2 && strncmp(word, cmds[i], n) == 0)
            d = 1; /* a prefix: "del", "rep" */
        if (d < bestd && (d <= 1 || strlen(cmds[i]) > 4)) {
            bestd = d;
            best = cmds[i];
        }
    }
    return best;
}

/* Checks the inputs before anything is touched: each must be readable (a
 * mistyped command or file name fails here, not after a build). */
static int check_inputs(run *r, int argc, char **argv)
{
    int bad = 0;
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "-") == 0 || access(argv[i], R_OK) == 0)
            continue;
        int e = errno;
        const char *hint = i == 0 ? suggest(argv[i]) : NULL;
        if (hint && e == ENOENT && strcmp(hint, argv[i]) == 0) {
            fprintf(stderr, "%s: cannot read %s: no such file ('%s' is a command: give it once, "
                    "before the inputs)\n", r->prog, argv[i], argv[i]);
            return EXIT_USAGE;
        }
        if (hint && e == ENOENT) {
            fprintf(stderr, "%s: unknown command '%s'; did you mean '%s'? (commands: build, "
                    "add, delete, merge, check, repair)\n", r->prog, argv[i], hint);
            return EXIT_USAGE;
        }
        if (!r->skip_unreadable) /* else the walk warns, and counts it */
            fprintf(stderr, "%s: cannot read %s: %s\n", r->prog, argv[i], strerror(e));
        bad++;
    }
    if (bad && !r->skip_unreadable) {
        fprintf(stderr, "%s: nothing was changed; give inputs that can be read (or "
                "--skip-unreadable to index the rest)\nTry '%s --help'.\n", r->prog, r->prog);
        return EXIT_USAGE;
    }
    return 0;
}

int main(int argc, char **argv)
{
    /* One malloc arena for both threads: with one per thread, memory the
     * indexing thread frees is not reused by the reading thread and the
     * process outgrows --mem (measured: 44 MB against 31 MB at --mem 32M
     * with long articles; docs/RELIABILITY.md). */
    mallopt(M_ARENA_MAX, 1);
    run r = {.prog = "byline-index", .fmt = BYLINE_FORMAT_AUTO, .date_order = BYLINE_DATE_AUTO};
    cli c = {.cmd = CMD_NONE, .mem = (size_t)256 << 20};
    static const struct option longopts[] = {
        {"index", required_argument, 0, 'i'}, {"format", required_argument, 0, 'f'},
        {"mem", required_argument, 0, 'm'},   {"title-weight", required_argument, 0, 'T'},
        {"max-record", required_argument, 0, 'R'}, {"quiet", no_argument, 0, 'q'},
        {"help", no_argument, 0, 'h'},        {"version", no_argument, 0, 'V'},
        {"threads", required_argument, 0, 'j'}, {"no-names", no_argument, 0, 'N'},
        {"from", required_argument, 0, 'F'},  {"tiered", no_argument, 0, 't'},
        {"no-merge", no_argument, 0, 'M'},    {"replace", no_argument, 0, 'P'},
        {"skip-unreadable", no_argument, 0, 'S'},
        {"date-order", required_argument, 0, 'D'}, {"source", required_argument, 0, 'O'},
        {"id-prefix", required_argument, 0, 'X'},
        {0, 0, 0, 0}};
    int opt, rc0;
    while ((opt = getopt_long(argc, argv, "i:f:m:j:qhV", longopts, NULL)) != -1) {
        switch (opt) {
        case 'i': c.dir = optarg; break;
        case 'f': {
            int f = byline_format_parse(optarg);
            if (f < 0) {
                fprintf(stderr, "%s: unknown format '%s' (use auto, jsonl, trec, reuters or text)\n",
                        r.prog, optarg);
                return EXIT_USAGE;
            }
            r.fmt = f;
            break;
        }
        case 'm': {
            int prc = parse_size(optarg, &c.mem);
            if (prc || c.mem < ((size_t)32 << 20)) {
                /* below 32M the program's own needs (about 8 MB) would
                 * break the budget */
                fprintf(stderr, "%s: --mem %s: %s; give a size like 512M or 2G\n", r.prog, optarg,
                        prc == -2 ? "more memory than any machine has"
                        : prc ? "not a size" : "too small: at least 32M");
                return EXIT_USAGE;
            }
            break;
        }
        case 'T': {
            char *end;
            c.title_weight = strtol(optarg, &end, 10);
            if (*end || c.title_weight < 1 || c.title_weight > 100) {
                fprintf(stderr, "%s: --title-weight wants a whole number from 1 to 100\n", r.prog);
                return EXIT_USAGE;
            }
            break;
        }
        case 'R':
            r.max_record_set = 1;
            if (parse_size(optarg, &r.max_record)) {
                fprintf(stderr, "%s: --max-record wants a size, like 16M\n", r.prog);
                return EXIT_USAGE;
            }
            break;
        case 'j': {
            char *end;
            long t = strtol(optarg, &end, 10);
            if (*end || t < 1 || t > 2) {
                fprintf(stderr, "%s: --threads wants 1 or 2\n", r.prog);
                return EXIT_USAGE;
            }
            c.threads = (int)t;
            break;
        }
        case 'q': r.quiet = 1; break;
        case 'N': c.no_names = 1; break;
        case 'F': c.from = optarg; break;
        case 't': c.tiered = 1; break;
        case 'M': c.no_merge = 1; break;
        case 'P': c.replace = 1; break;
        case 'S': r.skip_unreadable = 1; break;
        case 'D':
            if (strcmp(optarg, "mdy") == 0)
                r.date_order = BYLINE_DATE_MDY;
            else if (strcmp(optarg, "dmy") == 0)
                r.date_order = BYLINE_DATE_DMY;
            else if (strcmp(optarg, "auto") == 0)
                r.date_order = BYLINE_DATE_AUTO;
            else {
                fprintf(stderr, "%s: --date-order wants mdy (11/07/2025 is November 7), dmy "
                        "(11/07/2025 is 11 July) or auto (the default: as the other dates "
                        "say)\n", r.prog);
                return EXIT_USAGE;
            }
            break;
        case 'O':
        case 'X':
            if (!*optarg || strchr(optarg, '\n')) {
                fprintf(stderr, "%s: --%s wants a non-empty text on one line\n", r.prog,
                        opt == 'O' ? "source" : "id-prefix");
                return EXIT_USAGE;
            }
            /* refused here, not article by article (each would be refused,
             * and under -q only "nothing could be indexed" would show) */
            for (size_t i = 0, n = strlen(optarg); i < n;) {
                int32_t cp;
                size_t k = byline_utf8_next(optarg + i, n - i, &cp);
                if (cp == 0xFFFD && k == 1) {
                    fprintf(stderr, "%s: --%s is not UTF-8 (byte 0x%02x at offset %zu): give it "
                            "in UTF-8\n", r.prog, opt == 'O' ? "source" : "id-prefix",
                            (unsigned char)optarg[i], i);
                    return EXIT_USAGE;
                }
                i += k;
            }
            if (opt == 'O')
                r.source = optarg;
            else
                r.id_prefix = optarg;
            break;
        case 'h': fputs(usage_text, stdout); return 0;
        case 'V': puts("byline-index " BYLINE_VERSION); return 0;
        default:
            fprintf(stderr, "Try '%s --help'.\n", r.prog);
            return EXIT_USAGE;
        }
    }
    /* The command is the first word that is not an option, wherever it
     * stands (getopt has moved the other words after the options). */
    if (optind < argc)
        for (int i = 0; i < NCMDS; i++)
            if (strcmp(argv[optind], cmds[i]) == 0) {
                c.cmd = i;
                optind++;
                break;
            }
    int implicit = c.cmd == CMD_NONE;
    if (implicit)
        c.cmd = CMD_BUILD;
    if (c.cmd == CMD_BUILD && !implicit)
        c.replace = 1;
    if (c.replace && c.cmd != CMD_BUILD) {
        fprintf(stderr, "%s: --replace goes with build, not %s\n", r.prog, cmds[c.cmd]);
        return EXIT_USAGE;
    }
    int inputs = c.cmd == CMD_BUILD || c.cmd == CMD_ADD;
    if (inputs && optind < argc && (rc0 = check_inputs(&r, argc - optind, argv + optind)))
        return rc0;
    if (!c.dir || (inputs && optind >= argc)) {
        fprintf(stderr, "%s: %s\nTry '%s --help'.\n", r.prog,
                !c.dir ? "missing -i INDEX (the index directory)"
                       : "no input given (files, directories or - for standard input)",
                r.prog);
        return EXIT_USAGE;
    }
    if (!inputs && c.cmd != CMD_DELETE && optind < argc) {
        fprintf(stderr, "%s: %s takes no other arguments (got '%s')\n", r.prog, cmds[c.cmd],
                argv[optind]);
        return EXIT_USAGE;
    }
    if (c.cmd == CMD_BUILD && !c.replace && byline_index_exists(c.dir)) {
        fprintf(stderr, "%s: %s already holds an index; nothing was changed. To add these "
                "articles to it: %s add -i %s ...; to replace it: %s build -i %s ... (or "
                "--replace)\n", r.prog, c.dir, r.prog, c.dir, r.prog, c.dir);
        return EXIT_USAGE;
    }
    if (c.cmd == CMD_BUILD)
        c.replace = 1; /* a new directory: nothing to replace, but a fresh start */
    if (c.cmd == CMD_BUILD && !c.title_weight)
        c.title_weight = 2;
    size_t lim = record_limit(&c);
    if (!r.max_record)
        r.max_record = BYLINE_MAX_RECORD;
    if (r.max_record > lim) {
        if (r.max_record_set && !r.quiet)
            fprintf(stderr, "%s: warning: --mem %zuM allows records of up to %.1f MB, not the "
                    "%.1f MB of --max-record; longer ones are skipped (give --mem %zuM to index "
                    "them)\n", r.prog, c.mem >> 20, lim / 1048576.0, r.max_record / 1048576.0,
                    (size_t)((double)c.mem * ((double)r.max_record / (double)lim) / 1048576.0) + 1);
        r.max_record = lim;
    }
    /* a file over the size limit must fail its write (EFBIG), not kill us */
    signal(SIGXFSZ, SIG_IGN);
    r.tty = isatty(2);
    clock_gettime(CLOCK_MONOTONIC, &r.start);
    r.last_progress = r.start;
    int rc = run_command(&r, &c, argc - optind, argv + optind);
    if (rc == 0 && c.cmd != CMD_CHECK)
        save_clusters(&r, c.dir, c.mem);
    return rc;
}
