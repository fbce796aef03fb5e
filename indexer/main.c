/*
 * byline-index - builds a Byline index from news dumps.
 *
 * Thin by design: options, progress, warnings and the summary live here;
 * reading, analysis and index writing are libbyline's.
 * Exit status: 0 built; 1 nothing could be indexed (the old index is left
 * as it was); 2 usage error; 3 the index could not be written.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "doc/reader.h"
#include "index/index.h"
#include "util/err.h"

#define EXIT_NOTHING 1
#define EXIT_USAGE 2
#define EXIT_WRITE 3
#define MAX_WARNINGS 1000

static const char usage_text[] =
    "Usage: byline-index -i INDEX [OPTIONS] INPUT...\n"
    "Build a search index from news article dumps.\n"
    "\n"
    "INPUT is a file, a directory (read recursively) or - for standard input.\n"
    "Formats, detected from the content: JSON Lines (one article per line),\n"
    "TREC SGML (<DOC>), Reuters-21578 SGML (<REUTERS>), or plain-text articles\n"
    "(one per file); any of them may be gzip-compressed.\n"
    "\n"
    "Options:\n"
    "  -i, --index DIR       the index directory to build (required). A new build\n"
    "                        replaces the old index only once it has succeeded.\n"
    "  -f, --format FMT      auto (default), jsonl, trec, reuters or text\n"
    "  -m, --mem SIZE        memory for the whole run (default 256M, at least 32M;\n"
    "                        suffixes K, M, G); past it segments go to disk\n"
    "      --title-weight N  how much a title word counts against a body word (default 2)\n"
    "      --max-record SIZE skip records larger than this (default 16M)\n"
    "  -j, --threads N       1: one thread; 2 (default on 2+ cores): analysis overlaps\n"
    "                        inversion and compression\n"
    "      --no-names        do not detect names (smaller, faster; name: and\n"
    "                        name-aware ranking then find nothing)\n"
    "  -q, --quiet           no warnings for skipped records (they are still counted)\n"
    "  -h, --help            show this help\n"
    "      --version         show the version\n"
    "\n"
    "Exit status: 0 built; 1 nothing could be indexed; 2 usage error;\n"
    "3 the index could not be written.\n"
    "See byline-index(1).\n";

typedef struct run {
    const char *prog;
    byl_format fmt;
    size_t max_record;
    int quiet;
    int tty;
    uint64_t warnings;
    uint64_t records, indexed, skipped[BYL_SKIP_COUNT], files;
    uint64_t bytes;
    struct timespec start, last_progress;
    byl_index_writer *w;
    int write_rc;
} run;

static double since(const struct timespec *a)
{
    struct timespec b;
    clock_gettime(CLOCK_MONOTONIC, &b);
    return (double)(b.tv_sec - a->tv_sec) + (double)(b.tv_nsec - a->tv_nsec) / 1e9;
}

static void warn_cb(void *ctx, const char *file, uint64_t line, uint64_t offset,
                    byl_skip_reason reason, const char *detail)
{
    run *r = ctx;
    if (r->quiet)
        return;
    if (++r->warnings > MAX_WARNINGS)
        return;
    if (r->tty)
        fputs("\r\033[K", stderr);
    if (line)
        fprintf(stderr, "%s: warning: %s:%llu: skipped: %s%s%s\n", r->prog, file,
                (unsigned long long)line, byl_skip_reason_text(reason), detail && *detail ? ": " : "",
                detail ? detail : "");
    else
        fprintf(stderr, "%s: warning: %s: byte %llu: skipped: %s%s%s\n", r->prog, file,
                (unsigned long long)offset, byl_skip_reason_text(reason),
                detail && *detail ? ": " : "", detail ? detail : "");
    if (r->warnings == MAX_WARNINGS)
        fprintf(stderr, "%s: further warnings are not shown (they are counted below)\n", r->prog);
}

static void progress(run *r, int force)
{
    if (!r->tty)
        return;
    if (!force && since(&r->last_progress) < 0.5)
        return;
    clock_gettime(CLOCK_MONOTONIC, &r->last_progress);
    double t = since(&r->start);
    fprintf(stderr, "\r\033[K  %llu articles, %.1f MB, %.1f MB/s, %zu MB in memory",
            (unsigned long long)r->indexed, r->bytes / 1e6, t > 0 ? r->bytes / 1e6 / t : 0.0,
            byl_index_writer_mem(r->w) >> 20);
}

static int index_file(const char *path, void *ctx)
{
    run *r = ctx;
    byl_reader *rd;
    int rc = byl_reader_open(path, r->fmt, warn_cb, r, &rd);
    if (rc) {
        fprintf(stderr, "%s: warning: %s: %s (skipped)\n", r->prog, path, byl_error_msg());
        r->skipped[BYL_SKIP_IO]++;
        return 0;
    }
    if (r->max_record)
        byl_reader_set_max_record(rd, r->max_record);
    r->files++;
    byl_article a;
    while ((rc = byl_reader_next(rd, &a)) == 1) {
        rc = byl_index_writer_add(r->w, &a);
        if (rc) {
            r->write_rc = rc;
            break;
        }
        r->indexed++;
        r->bytes += a.title_len + a.body_len;
        if ((r->indexed & 255) == 0)
            progress(r, 0);
    }
    if (rc < 0 && !r->write_rc) {
        fprintf(stderr, "%s: warning: %s: %s\n", r->prog, path, byl_error_msg());
        r->skipped[BYL_SKIP_IO]++;
    }
    r->records += byl_reader_records(rd);
    const uint64_t *sk = byl_reader_skipped(rd);
    for (int i = 0; i < BYL_SKIP_COUNT; i++)
        r->skipped[i] += sk[i];
    byl_reader_close(rd);
    return r->write_rc ? 1 : 0;
}

static int parse_size(const char *s, size_t *out)
{
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (errno || end == s || v <= 0)
        return -1;
    switch (*end) {
    case 'k': case 'K': v *= 1024; end++; break;
    case 'm': case 'M': v *= 1024 * 1024; end++; break;
    case 'g': case 'G': v *= 1024.0 * 1024 * 1024; end++; break;
    case '\0': break;
    default: return -1;
    }
    if (*end == 'B' || *end == 'b')
        end++;
    if (*end)
        return -1;
    *out = (size_t)v;
    return 0;
}

int main(int argc, char **argv)
{
    run r = {.prog = "byline-index", .fmt = BYL_FMT_AUTO};
    const char *dir = NULL;
    size_t mem = (size_t)256 << 20;
    long title_weight = 2;
    int threads = 0, no_names = 0;
    static const struct option longopts[] = {
        {"index", required_argument, 0, 'i'}, {"format", required_argument, 0, 'f'},
        {"mem", required_argument, 0, 'm'},   {"title-weight", required_argument, 0, 'T'},
        {"max-record", required_argument, 0, 'R'}, {"quiet", no_argument, 0, 'q'},
        {"help", no_argument, 0, 'h'},        {"version", no_argument, 0, 'V'},
        {"threads", required_argument, 0, 'j'}, {"no-names", no_argument, 0, 'N'},
        {0, 0, 0, 0}};
    int c;
    while ((c = getopt_long(argc, argv, "i:f:m:j:qh", longopts, NULL)) != -1) {
        switch (c) {
        case 'i': dir = optarg; break;
        case 'f': {
            int f = byl_format_parse(optarg);
            if (f < 0) {
                fprintf(stderr, "%s: unknown format '%s' (use auto, jsonl, trec, reuters or text)\n",
                        r.prog, optarg);
                return EXIT_USAGE;
            }
            r.fmt = (byl_format)f;
            break;
        }
        case 'm':
            if (parse_size(optarg, &mem) || mem < ((size_t)32 << 20)) {
                /* below that the program's own needs (about 8 MB) would
                 * break the budget */
                fprintf(stderr, "%s: --mem wants a size of at least 32M, like 512M or 2G\n",
                        r.prog);
                return EXIT_USAGE;
            }
            break;
        case 'T': {
            char *end;
            title_weight = strtol(optarg, &end, 10);
            if (*end || title_weight < 1 || title_weight > 100) {
                fprintf(stderr, "%s: --title-weight wants a whole number from 1 to 100\n", r.prog);
                return EXIT_USAGE;
            }
            break;
        }
        case 'R':
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
            threads = (int)t;
            break;
        }
        case 'q': r.quiet = 1; break;
        case 'N': no_names = 1; break;
        case 'h': fputs(usage_text, stdout); return 0;
        case 'V': puts("byline-index 0.1"); return 0;
        default:
            fprintf(stderr, "Try '%s --help'.\n", r.prog);
            return EXIT_USAGE;
        }
    }
    if (!dir || optind >= argc) {
        fprintf(stderr, "%s: %s\nTry '%s --help'.\n", r.prog,
                !dir ? "missing -i INDEX (the index directory to build)"
                     : "no input given (files, directories or - for standard input)",
                r.prog);
        return EXIT_USAGE;
    }
    r.tty = isatty(2);
    clock_gettime(CLOCK_MONOTONIC, &r.start);
    r.last_progress = r.start;
    long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
    /* The budget is for the whole process: the inverter gets what the
     * readers, the analysis ring, the segment writer and the program itself
     * leave (measured: about 6 MB plus an eighth, see docs/PERFORMANCE.md). */
    size_t reserve = mem / 8 + ((size_t)6 << 20);
    size_t inv_mem = mem > reserve + ((size_t)1 << 20) ? mem - reserve : (size_t)1 << 20;
    byl_index_opts o = {.mem_budget = inv_mem, .title_weight = (uint32_t)title_weight, .replace = 1,
                        .threads = threads ? threads : (ncpu > 1 ? 2 : 1), .no_names = no_names};
    int rc = byl_index_writer_open(dir, &o, &r.w);
    if (rc) {
        fprintf(stderr, "%s: %s\n", r.prog, byl_error_msg());
        return rc == BYL_EINVAL ? EXIT_USAGE : EXIT_WRITE;
    }
    for (int i = optind; i < argc && !r.write_rc; i++) {
        rc = byl_walk(argv[i], index_file, &r);
        if (rc < 0) {
            fprintf(stderr, "%s: warning: %s (skipped)\n", r.prog, byl_error_msg());
            r.skipped[BYL_SKIP_IO]++;
        }
    }
    progress(&r, 1);
    if (r.tty)
        fputs("\r\033[K", stderr);
    if (r.write_rc) {
        fprintf(stderr, "%s: cannot write the index: %s; the previous index is unchanged\n",
                r.prog, byl_error_msg());
        byl_index_writer_free(r.w);
        return EXIT_WRITE;
    }
    uint64_t skipped = 0;
    for (int i = 0; i < BYL_SKIP_COUNT; i++)
        skipped += r.skipped[i];
    fprintf(stderr, "%s: %llu files, %llu records: %llu indexed, %llu skipped", r.prog,
            (unsigned long long)r.files, (unsigned long long)(r.records),
            (unsigned long long)r.indexed, (unsigned long long)skipped);
    if (skipped) {
        const char *sep = " (";
        for (int i = 0; i < BYL_SKIP_COUNT; i++)
            if (r.skipped[i]) {
                fprintf(stderr, "%s%s %llu", sep, byl_skip_reason_text((byl_skip_reason)i),
                        (unsigned long long)r.skipped[i]);
                sep = ", ";
            }
        fputc(')', stderr);
    }
    fputc('\n', stderr);
    if (r.indexed == 0) {
        fprintf(stderr, "%s: nothing could be indexed; %s was left as it was\n", r.prog, dir);
        byl_index_writer_free(r.w);
        return EXIT_NOTHING;
    }
    rc = byl_index_writer_commit(r.w);
    byl_index_writer_free(r.w);
    if (rc) {
        fprintf(stderr, "%s: cannot write the index: %s; the previous index is unchanged\n",
                r.prog, byl_error_msg());
        return EXIT_WRITE;
    }
    byl_index *ix;
    double secs = since(&r.start);
    if (byl_index_open(dir, &ix) == BYL_OK) {
        fprintf(stderr, "%s: wrote %s: %u articles, %zu segment%s, %.1f MB, in %.2f s (%.1f MB/s of text)\n",
                r.prog, dir, byl_index_stats(ix)->ndocs, byl_index_nsegments(ix),
                byl_index_nsegments(ix) == 1 ? "" : "s", byl_index_size(ix) / 1e6, secs,
                secs > 0 ? r.bytes / 1e6 / secs : 0.0);
        byl_index_close(ix);
    }
    return 0;
}
