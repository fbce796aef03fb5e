/*
 * input.c - byline.h's input: articles pulled out of dump files and
 * directories, one at a time, over the readers of doc/reader.h.
 *
 * What it adds to the readers: several paths read as one stream, with
 * directories walked (byl_walk) and files opened in turn; the options a
 * run applies to every article (source, id prefix, date order, record
 * limit); the ids of plain-text articles made independent of how a path
 * was typed; and counts summed over every file.
 *
 * byl_walk calls back for each file; the input is pulled.  So each path is
 * walked when its turn comes, into a list of its files: what the walk
 * could not read (a directory it may not list, a link loop) is noted in
 * the list, with its reason, and reported when the list reaches it, in the
 * order a walk would have reported it.
 *
 * Not for: writing (writer.c); the formats themselves (doc/).
 */
#include <string.h>
#include <sys/stat.h>

#include "api/_write.h"
#include "doc/dateorder.h"
#include "doc/reader.h"
#include "util/err.h"
#include "util/mem.h"

/* The public codes are the internal ones (byline.h promises it). */
#define SAME_(pub, in) _Static_assert((int)(pub) == (int)(in), #pub " != " #in);
SAME_(BYLINE_FORMAT_AUTO, BYL_FMT_AUTO)
SAME_(BYLINE_FORMAT_JSONL, BYL_FMT_JSONL)
SAME_(BYLINE_FORMAT_TREC, BYL_FMT_TREC)
SAME_(BYLINE_FORMAT_REUTERS, BYL_FMT_REUTERS)
SAME_(BYLINE_FORMAT_TEXT, BYL_FMT_TEXT)
SAME_(BYLINE_SKIP_JSON, BYL_SKIP_JSON)
SAME_(BYLINE_SKIP_UTF8, BYL_SKIP_UTF8)
SAME_(BYLINE_SKIP_NOTEXT, BYL_SKIP_NOTEXT)
SAME_(BYLINE_SKIP_GZIP, BYL_SKIP_GZIP)
SAME_(BYLINE_SKIP_SGML, BYL_SKIP_SGML)
SAME_(BYLINE_SKIP_BINARY, BYL_SKIP_BINARY)
SAME_(BYLINE_SKIP_TOOLONG, BYL_SKIP_TOOLONG)
SAME_(BYLINE_SKIP_IO, BYL_SKIP_IO)
SAME_(BYLINE_SKIP_FIELD, BYL_SKIP_FIELD)
SAME_(BYLINE_SKIP_TRAILER, BYL_SKIP_TRAILER)
SAME_(BYLINE_SKIP_EMPTY, BYL_SKIP_EMPTY)
SAME_(BYLINE_SKIP_COUNT, BYL_SKIP_COUNT)
SAME_(BYLINE_DATE_MDY, BYL_DATE_MDY)
SAME_(BYLINE_DATE_DMY, BYL_DATE_DMY)
SAME_(BYLINE_DATE_AUTO, BYL_DATE_AUTO)
SAME_(BYLINE_MAX_RECORD, BYL_MAX_RECORD)
SAME_(BYLINE_NO_DATE, BYL_NO_DATE)
SAME_(BYLINE_OK, BYL_OK)
SAME_(BYLINE_ENOMEM, BYL_ENOMEM)
SAME_(BYLINE_EIO, BYL_EIO)
SAME_(BYLINE_ECORRUPT, BYL_ECORRUPT)
SAME_(BYLINE_EPARSE, BYL_EPARSE)
SAME_(BYLINE_EINVAL, BYL_EINVAL)
SAME_(BYLINE_ENOTFOUND, BYL_ENOTFOUND)
SAME_(BYLINE_EVERSION, BYL_EVERSION)
SAME_(BYLINE_ELIMIT, BYL_ELIMIT)
SAME_(BYLINE_EBUSY, BYL_EBUSY)
SAME_(BYLINE_ENOTSYNCED, BYL_ENOTSYNCED)
#undef SAME_

/* One thing a walk handed over: a file to read, or a path it could not
 * read (rc != 0) with the reason. */
typedef struct entry {
    char *path;  /* owned */
    int rc;      /* 0, or BYL_EIO / BYL_ELIMIT / ... to report */
    int stage;   /* with rc: BYLINE_INPUT_WALK or BYLINE_INPUT_OPEN */
    char *why;   /* owned, with rc: the message */
} entry;

struct byline_input {
    char **paths;             /* owned copies of the paths given */
    size_t npaths;
    size_t next_path;         /* the next path to walk */
    entry *list;              /* the files of the path being read */
    size_t nlist, cap, at;    /* list[at] is the next one */
    byl_reader *rd;           /* the file being read, or NULL */
    const char *rd_path;      /* its path (in list) */
    byl_format fmt;
    int date_order;
    byl_date_votes run_votes; /* with BYLINE_DATE_AUTO: what the run's files say */
    size_t max_record;
    char *source;             /* owned, or NULL */
    size_t source_len;
    char *prefix;             /* owned, or NULL */
    size_t prefix_len;
    byline_warn_fn warn;
    void *warn_ctx;
    uint32_t shards, shard; /* this input returns shard of shards (1, 0: all) */
    char *idbuf;              /* owned: the prefixed id of the last article */
    size_t idcap;
    const char *failed;       /* the path of the last failure (in list), or NULL */
    int failed_stage;
    byline_input_stats st;    /* of the files closed (and every path count) */
    int broken;               /* an error that names no path: unusable */
};

void byline_input_opts_init(byline_input_opts *o)
{
    if (o) {
        memset(o, 0, sizeof *o);
        o->date_order = BYLINE_DATE_AUTO;
    }
}

int byline_format_parse(const char *name)
{
    return name ? byl_format_parse(name) : -1;
}

const char *byline_format_name(int format)
{
    if (format < BYLINE_FORMAT_AUTO || format > BYLINE_FORMAT_TEXT)
        return "?";
    return byl_format_name((byl_format)format);
}

const char *byline_skip_text(int reason)
{
    if (reason < 0 || reason >= BYLINE_SKIP_COUNT)
        return "?";
    return byl_skip_reason_text((byl_skip_reason)reason);
}

int byline_skip_keeps(int reason)
{
    if (reason < 0 || reason >= BYLINE_SKIP_COUNT)
        return 0;
    return byl_skip_reason_keeps((byl_skip_reason)reason);
}

/* Sums the sizes of the input files, for the progress estimate. */
static int size_file(const char *path, void *ctx)
{
    struct stat st;
    if (stat(path, &st) == 0 && S_ISREG(st.st_mode))
        *(uint64_t *)ctx += (uint64_t)st.st_size;
    return 0;
}

static void free_list(byline_input *in)
{
    for (size_t i = 0; i < in->nlist; i++) {
        byl_free(in->list[i].path);
        byl_free(in->list[i].why);
    }
    in->nlist = in->at = 0;
}

void byline_input_close(byline_input *in)
{
    if (!in)
        return;
    byl_reader_close(in->rd);
    free_list(in);
    byl_free(in->list);
    for (size_t i = 0; i < in->npaths; i++)
        byl_free(in->paths[i]);
    byl_free(in->paths);
    byl_free(in->source);
    byl_free(in->prefix);
    byl_free(in->idbuf);
    byl_free(in);
}

/* A text given as an option: non-empty, on one line. */
static int one_line(const char *s, const char *what)
{
    if (!*s || strchr(s, '\n'))
        return byl_error_set(BYL_EINVAL, "%s wants a non-empty text on one line", what);
    return BYL_OK;
}

int byline_input_open_many(const char *const *paths, size_t n, const byline_input_opts *o,
                           byline_input **out)
{
    if (out)
        *out = NULL;
    if (!paths || n == 0 || !out)
        return byl_error_set(BYL_EINVAL, "byline_input_open: no %s",
                             !out ? "place for the input" : "path given");
    for (size_t i = 0; i < n; i++)
        if (!paths[i] || !*paths[i])
            return byl_error_set(BYL_EINVAL, "byline_input_open: path %zu is empty", i + 1);
    byline_input_opts d;
    byline_input_opts_init(&d);
    if (!o)
        o = &d;
    if (o->format < BYLINE_FORMAT_AUTO || o->format > BYLINE_FORMAT_TEXT)
        return byl_error_set(BYL_EINVAL, "unknown input format %d", o->format);
    if (o->date_order != BYLINE_DATE_MDY && o->date_order != BYLINE_DATE_DMY &&
        o->date_order != BYLINE_DATE_AUTO)
        return byl_error_set(BYL_EINVAL, "unknown date order %d", o->date_order);
    if (o->shards > 1 && o->shard >= o->shards)
        return byl_error_set(BYL_EINVAL, "shard %u of %u: shards are numbered 0 to %u", o->shard,
                             o->shards, o->shards - 1);
    int rc;
    if ((o->source && (rc = one_line(o->source, "the source"))) ||
        (o->id_prefix && (rc = one_line(o->id_prefix, "the id prefix"))))
        return rc;
    byline_input *in = byl_calloc(1, sizeof *in);
    if (!in)
        return byl_error_set(BYL_ENOMEM, "out of memory opening an input");
    in->fmt = (byl_format)o->format;
    in->date_order = o->date_order;
    in->max_record = o->max_record ? o->max_record : BYL_MAX_RECORD;
    in->warn = o->warn;
    in->warn_ctx = o->warn_ctx;
    in->shards = o->shards > 1 ? o->shards : 1;
    in->shard = o->shards > 1 ? o->shard : 0;
    int oom = !(in->paths = byl_calloc(n, sizeof *in->paths));
    for (size_t i = 0; !oom && i < n; i++, in->npaths++)
        oom = !(in->paths[i] = byl_strdup(paths[i]));
    if (!oom && o->source) {
        oom = !(in->source = byl_strdup(o->source));
        in->source_len = strlen(o->source);
    }
    if (!oom && o->id_prefix) {
        oom = !(in->prefix = byl_strdup(o->id_prefix));
        in->prefix_len = strlen(o->id_prefix);
    }
    if (oom) {
        byline_input_close(in);
        return byl_error_set(BYL_ENOMEM, "out of memory opening an input");
    }
    /* the size of what will be read, for the progress estimate; standard
     * input has none */
    int has_stdin = 0;
    for (size_t i = 0; i < n; i++)
        byl_walk(paths[i], size_file, &in->st.bytes_total);
    for (size_t i = 0; i < n; i++)
        has_stdin |= strcmp(paths[i], "-") == 0;
    if (has_stdin)
        in->st.bytes_total = 0;
    /* the evidence of the files given one by one, for the order of
     * numeric dates no article settles alone (folders vote when read) */
    for (size_t i = 0; in->date_order == BYLINE_DATE_AUTO && i < n; i++) {
        struct stat sb;
        if (strcmp(paths[i], "-") != 0 && stat(paths[i], &sb) == 0 && S_ISREG(sb.st_mode))
            byl_date_votes_file(paths[i], &in->run_votes);
    }
    byl_error_clear(); /* the size walk's failures are reported in turn */
    *out = in;
    return BYL_OK;
}

int byline_input_open(const char *path, const byline_input_opts *o, byline_input **out)
{
    return byline_input_open_many(&path, 1, o, out);
}

typedef struct collector {
    byline_input *in;
    const char *root;
    int rc;  /* BYL_ENOMEM once the list could not grow */
} collector;

static int push(byline_input *in, const char *path, int rc, int stage, const char *why)
{
    if (in->nlist == in->cap) {
        size_t nc = in->cap ? in->cap * 2 : 64;
        entry *nl = byl_realloc(in->list, nc * sizeof *nl);
        if (!nl)
            return BYL_ENOMEM;
        in->list = nl;
        in->cap = nc;
    }
    entry *e = &in->list[in->nlist];
    memset(e, 0, sizeof *e);
    e->rc = rc;
    e->stage = stage;
    if (!(e->path = byl_strdup(path)) || (why && !(e->why = byl_strdup(why)))) {
        byl_free(e->path);
        return BYL_ENOMEM;
    }
    in->nlist++;
    return BYL_OK;
}

/* byl_walk's callback: a regular file below the root, the root itself, or
 * a path the walk could not read, whose reason only a byl_reader_open
 * called from here can learn (reader.h). */
static int collect(const char *path, void *ctx)
{
    collector *c = ctx;
    struct stat st;
    int rc = 0;
    const char *why = NULL;
    if (strcmp(path, c->root) != 0 && (stat(path, &st) != 0 || !S_ISREG(st.st_mode))) {
        byl_reader *rd;
        rc = byl_reader_open(path, c->in->fmt, NULL, NULL, &rd);
        if (rc)
            why = byl_error_msg();
        else
            byl_reader_close(rd); /* no report after all: a file to read */
    }
    if (push(c->in, path, rc, BYLINE_INPUT_OPEN, why)) {
        c->rc = BYL_ENOMEM;
        return 1;
    }
    return 0;
}

/* Lists the files of the next path.  BYL_OK (the list may be empty), or
 * BYL_ENOMEM. */
static int walk_next(byline_input *in)
{
    free_list(in);
    const char *root = in->paths[in->next_path++];
    collector c = {.in = in, .root = root};
    int rc = byl_walk(root, collect, &c);
    if (c.rc)
        return byl_error_set(BYL_ENOMEM, "out of memory listing the files of %s", root);
    /* the walk itself failed (the root cannot be read), after the files it
     * handed over, if any: reported after them */
    if (rc < 0 && push(in, root, rc, BYLINE_INPUT_WALK, byl_error_msg()))
        return byl_error_set(BYL_ENOMEM, "out of memory listing the files of %s", root);
    /* a folder's files vote before its first is read: the first bytes of
     * each (its head, where the dates are); a file given alone has voted */
    struct stat sb;
    if (in->date_order == BYLINE_DATE_AUTO && stat(root, &sb) == 0 && S_ISDIR(sb.st_mode))
        for (size_t i = 0; i < in->nlist; i++)
            if (!in->list[i].rc)
                byl_date_votes_file(in->list[i].path, &in->run_votes);
    return BYL_OK;
}

static void warn_tramp(void *ctx, const char *file, uint64_t line, uint64_t offset,
                       byl_skip_reason reason, const char *detail)
{
    byline_input *in = ctx;
    if (in->warn)
        in->warn(in->warn_ctx, file, line, offset, (int)reason, detail ? detail : "");
}

/* Adds the counts of the file being read to the input's, and closes it. */
static void close_file(byline_input *in)
{
    in->st.records += byl_reader_records(in->rd);
    const uint64_t *sk = byl_reader_skipped(in->rd), *wn = byl_reader_warned(in->rd);
    for (int i = 0; i < BYL_SKIP_COUNT; i++) {
        in->st.skipped[i] += sk[i];
        in->st.warned[i] += wn[i];
    }
    struct stat st;
    if (strcmp(in->rd_path, "-") && stat(in->rd_path, &st) == 0)
        in->st.bytes_done += (uint64_t)st.st_size;
    byl_reader_close(in->rd);
    in->rd = NULL;
}

/* Records a failure about path and returns rc (the message is set). */
static int fail_path(byline_input *in, const char *path, int stage, int rc)
{
    in->failed = path;
    in->failed_stage = stage;
    if (rc == BYL_ELIMIT)
        in->st.left_out++;
    else
        in->st.unreadable++;
    return rc;
}

/* The article a with the run's source and id prefix put in: 1, or 0 when
 * it belongs to another shard (skip it), or BYL_ENOMEM. */
static int finish_article(byline_input *in, const byl_article *ba, byline_article *a)
{
    *a = (byline_article){.id = ba->id, .id_len = ba->id_len, .title = ba->title,
                          .title_len = ba->title_len, .body = ba->body, .body_len = ba->body_len,
                          .author = ba->author, .author_len = ba->author_len,
                          .source = ba->source, .source_len = ba->source_len, .url = ba->url,
                          .url_len = ba->url_len, .tags = ba->tags, .tags_len = ba->tags_len,
                          .date = ba->date};
    if (in->source && a->source_len == 0) {
        a->source = in->source;
        a->source_len = in->source_len;
    }
    if (in->prefix) {
        size_t need = in->prefix_len + a->id_len + 1;
        if (need > in->idcap) {
            char *nb = byl_realloc(in->idbuf, need);
            if (!nb)
                return byl_error_set(BYL_ENOMEM, "out of memory");
            in->idbuf = nb;
            in->idcap = need;
        }
        memcpy(in->idbuf, in->prefix, in->prefix_len);
        memcpy(in->idbuf + in->prefix_len, a->id, a->id_len);
        in->idbuf[in->prefix_len + a->id_len] = '\0';
        a->id = in->idbuf;
        a->id_len += in->prefix_len;
    }
    if (in->shards > 1 && byline_shard_of(a->id, a->id_len, in->shards) != in->shard)
        return 0; /* another shard's */
    in->st.articles++;
    return 1;
}

uint32_t byline_shard_of(const char *id, size_t len, uint32_t shards)
{
    /* FNV-1a, 64 bits: simple enough to restate in any language (the
     * cluster's Python does, to route deletes), and it spreads ids that
     * differ in one digit */
    uint64_t h = 14695981039346656037ULL;
    for (size_t i = 0; id && i < len; i++) {
        h ^= (unsigned char)id[i];
        h *= 1099511628211ULL;
    }
    return shards > 1 ? (uint32_t)(h % shards) : 0;
}

int byline_input_next(byline_input *in, byline_article *a)
{
    if (!in || !a)
        return byl_error_set(BYL_EINVAL, "byline_input_next: bad argument");
    in->failed = NULL;
    in->failed_stage = 0;
    if (in->broken)
        return byl_error_set(BYL_EINVAL, "the input failed; close it");
    for (;;) {
        if (in->rd) {
            byl_article ba;
            int rc = byl_reader_next(in->rd, &ba);
            if (rc == 1) {
                rc = finish_article(in, &ba, a);
                if (rc < 0)
                    in->broken = 1;
                if (rc == 0)
                    continue; /* another shard's article */
                return rc;
            }
            const char *path = in->rd_path;
            close_file(in);
            if (rc == 0)
                continue;
            /* the rest of this file is lost: one record skipped, as a read
             * error */
            in->st.skipped[BYL_SKIP_IO]++;
            return fail_path(in, path, BYLINE_INPUT_READ, rc);
        }
        if (in->at == in->nlist) {
            if (in->next_path == in->npaths)
                return 0;
            int rc = walk_next(in);
            if (rc) {
                in->broken = 1;
                return rc;
            }
            continue;
        }
        entry *e = &in->list[in->at++];
        if (e->stage != BYLINE_INPUT_WALK && (in->fmt == BYL_FMT_AUTO || in->fmt == BYL_FMT_TEXT) &&
            byl_is_sidecar(e->path)) {
            in->st.sidecars++; /* read with its NAME.txt (docs/ARTICLES.md) */
            continue;
        }
        if (e->rc) {
            byl_error_set(e->rc, "%s", e->why ? e->why : byl_strerror(e->rc));
            return fail_path(in, e->path, e->stage, e->rc);
        }
        int rc = byl_reader_open(e->path, in->fmt, warn_tramp, in, &in->rd);
        /* a file that cannot be read for what it holds is a path failure
         * like a missing one (byline.h: EIO or ELIMIT), its message kept:
         * a caller that goes on past EIO must not meet a code it stops at
         * (UTF-16 was EINVAL, and Python's add_input raised, round 29) */
        if (rc && rc != BYL_EIO && rc != BYL_ELIMIT && rc != BYL_ENOMEM)
            rc = BYL_EIO;
        if (rc)
            return fail_path(in, e->path, BYLINE_INPUT_OPEN, rc);
        byl_reader_set_max_record(in->rd, in->max_record);
        byl_reader_set_date_order(in->rd, in->date_order);
        byl_reader_set_date_hint(in->rd, byl_date_votes_order(&in->run_votes));
        byl_reader_set_date_near(in->rd, in->run_votes.latest);
        /* ids that do not depend on how the input was typed */
        const char *root = in->paths[in->next_path - 1];
        char *idname = byl_input_id_name(root, e->path);
        if (idname)
            byl_reader_set_id_name(in->rd, idname);
        byl_free(idname);
        in->rd_path = e->path;
        in->st.files++;
    }
}

const char *byline_input_failed(const byline_input *in, int *stage)
{
    if (stage)
        *stage = in && in->failed ? in->failed_stage : 0;
    return in ? in->failed : NULL;
}

int byline_input_stats_get(const byline_input *in, byline_input_stats *out)
{
    if (!in || !out)
        return byl_error_set(BYL_EINVAL, "byline_input_stats_get: bad argument");
    *out = in->st;
    if (in->rd) {
        out->records += byl_reader_records(in->rd);
        const uint64_t *sk = byl_reader_skipped(in->rd), *wn = byl_reader_warned(in->rd);
        for (int i = 0; i < BYL_SKIP_COUNT; i++) {
            out->skipped[i] += sk[i];
            out->warned[i] += wn[i];
        }
        out->bytes_done += byl_reader_input_offset(in->rd);
    }
    return BYL_OK;
}

int byline_writer_add_input(byline_writer *w, byline_input *in, uint64_t *added)
{
    if (added)
        *added = 0;
    if (!w || !in)
        return byl_error_set(BYL_EINVAL, "byline_writer_add_input: no %s", !w ? "writer" : "input");
    byline_article a;
    int rc;
    while ((rc = byline_input_next(in, &a)) == 1) {
        if ((rc = byline_writer_add(w, &a)) != BYL_OK)
            return rc;
        if (added)
            (*added)++;
    }
    return rc;
}
