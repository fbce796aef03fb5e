/*
 * writer.c - byline.h's writer: building and updating an index through
 * byline_writer, over the index writer of index/index.h.
 *
 * What it adds to index/index.h: checked arguments (a library's caller may
 * pass anything), one memory budget for the whole writer, and a writer
 * that lives on after a commit: each commit ends one change of the index
 * and the next add, delete or merge begins another (_write.h).
 *
 * Not for: input files (input.c), merging, checking or repairing (maintain.c),
 * reading (the rest of common/api/).
 */
#include <string.h>

#include "api/_write.h"
#include "text/utf8.h"
#include "util/err.h"
#include "util/mem.h"

#define DEFAULT_MEM ((size_t)256 << 20)
/* Below this the writer's fixed needs (about 6 MB) leave the inverter
 * nothing to work with. */
#define MIN_MEM ((size_t)8 << 20)
#define MAX_TITLE_WEIGHT 100

void byline_writer_opts_init(byline_writer_opts *o)
{
    if (!o)
        return;
    memset(o, 0, sizeof *o);
    o->mem = DEFAULT_MEM;
    o->threads = 2;
}

size_t byl_api_inverter_budget(size_t mem)
{
    size_t reserve = mem / 8 + ((size_t)6 << 20);
    return mem > reserve + ((size_t)1 << 20) ? mem - reserve : (size_t)1 << 20;
}

/* The internal options of o (NULL: the defaults); BYL_EINVAL with a
 * message for a field out of range.  A field left 0 takes its default, so
 * that a zeroed struct is as good as an initialised one. */
static int index_opts(const byline_writer_opts *o, byl_index_opts *io)
{
    byline_writer_opts d;
    byline_writer_opts_init(&d);
    if (!o)
        o = &d;
    size_t mem = o->mem ? o->mem : DEFAULT_MEM;
    if (mem < MIN_MEM)
        return byl_error_set(BYL_EINVAL, "a writer needs a memory budget of at least %zu MiB "
                             "(got %zu bytes)", MIN_MEM >> 20, mem);
    if (o->title_weight > MAX_TITLE_WEIGHT)
        return byl_error_set(BYL_EINVAL, "title weight %u is out of range (1 to %d, or 0 for "
                             "the index's own)", o->title_weight, MAX_TITLE_WEIGHT);
    if (o->threads < 0 || o->threads > 2)
        return byl_error_set(BYL_EINVAL, "a writer uses 1 or 2 threads (got %d)", o->threads);
    memset(io, 0, sizeof *io);
    io->mem_budget = byl_api_inverter_budget(mem);
    io->title_weight = o->title_weight;
    io->replace = o->replace != 0;
    io->no_names = o->no_names != 0;
    io->threads = o->threads ? o->threads : 2;
    return BYL_OK;
}

int byline_writer_open(const char *dir, const byline_writer_opts *o, byline_writer **out)
{
    if (out)
        *out = NULL;
    if (!dir || !*dir || !out)
        return byl_error_set(BYL_EINVAL, "byline_writer_open: %s",
                             !out ? "no place for the writer" : "no index directory given");
    byl_index_opts io;
    int rc = index_opts(o, &io);
    if (rc)
        return rc;
    byline_writer *w = byl_calloc(1, sizeof *w);
    if (!w || !(w->dir = byl_strdup(dir))) {
        byl_free(w);
        return byl_error_set(BYL_ENOMEM, "out of memory opening a writer on %s", dir);
    }
    w->io = io;
    if ((rc = byl_index_writer_open(dir, &w->io, &w->w)) != BYL_OK) {
        byl_free(w->dir);
        byl_free(w);
        return rc;
    }
    *out = w;
    return BYL_OK;
}

int byl_api_writer_begin(byline_writer *w)
{
    if (w->w)
        return BYL_OK;
    return byl_index_writer_open(w->dir, &w->io, &w->w);
}

/* Whether the string field (p, n) of an article is usable: NULL is "" when
 * n is 0. */
static int field_ok(const char *p, size_t n)
{
    return p || n == 0;
}

/* The offset of the first byte of s[0..n) that starts no valid UTF-8
 * character, or n.  The input files' readers skip such records; an
 * article given directly must be refused as well, or its text would be
 * stored as given and come back from every reader as bytes that are not
 * text (U+FFFD in Python). */
static size_t utf8_bad(const char *str, size_t n)
{
    const uint8_t *s = (const uint8_t *)str;
    for (size_t i = 0; i < n;) {
        if (s[i] < 0x80) {
            i++;
            continue;
        }
        int32_t cp;
        size_t len = byl_utf8_decode(s + i, n - i, &cp);
        if (len == 1) /* a byte >= 0x80 alone is never a character */
            return i;
        i += len;
    }
    return n;
}

int byline_writer_add(byline_writer *w, const byline_article *a)
{
    if (!w || !a)
        return byl_error_set(BYL_EINVAL, "byline_writer_add: no %s", !w ? "writer" : "article");
    if (!a->id || a->id_len == 0)
        return byl_error_set(BYL_EINVAL, "an article needs an id (it is what updates and "
                             "deletes name)");
    if (!field_ok(a->title, a->title_len) || !field_ok(a->body, a->body_len) ||
        !field_ok(a->author, a->author_len) || !field_ok(a->source, a->source_len) ||
        !field_ok(a->url, a->url_len) || !field_ok(a->tags, a->tags_len))
        return byl_error_set(BYL_EINVAL, "article %.*s: a field is NULL with a length",
                             a->id_len > 200 ? 200 : (int)a->id_len, a->id);
    /* nothing to search: the input readers skip such a record (counted as
     * skipped), and so does the writer, said (hostile tester, round 27) */
    if (a->title_len == 0 && a->body_len == 0)
        return byl_error_set(BYL_EINVAL, "article %.*s has neither a title nor a text; nothing "
                             "of it could be found", a->id_len > 200 ? 200 : (int)a->id_len, a->id);
    /* the id may be any bytes: a plain-text article's is its file name */
    const struct {
        const char *name, *p;
        size_t n;
    } f[] = {{"title", a->title, a->title_len},   {"body", a->body, a->body_len},
             {"author", a->author, a->author_len}, {"source", a->source, a->source_len},
             {"url", a->url, a->url_len},          {"tags", a->tags, a->tags_len}};
    for (size_t i = 0; i < sizeof f / sizeof f[0]; i++) {
        size_t bad = f[i].n ? utf8_bad(f[i].p, f[i].n) : 0;
        if (bad < f[i].n)
            return byl_error_set(BYL_EPARSE, "article %.*s: %s: invalid UTF-8 byte 0x%02x at "
                                 "offset %zu", a->id_len > 200 ? 200 : (int)a->id_len, a->id,
                                 f[i].name, (unsigned char)f[i].p[bad], bad);
    }
    /* the memory budget bounds an article as it bounds an input record
     * (byline_writer_record_limit): a larger one would take the process
     * past the budget while it is analyzed */
    size_t total = a->id_len, limit = w->io.mem_budget / BYL_RECORD_COST;
    for (size_t i = 0; i < sizeof f / sizeof f[0]; i++)
        total += f[i].n;
    if (total > limit)
        return byl_error_set(BYL_ELIMIT, "article %.*s: %zu bytes, more than the %zu a writer with "
                             "this memory budget takes; give the writer more memory "
                             "(byline-index: --mem)",
                             a->id_len > 200 ? 200 : (int)a->id_len, a->id, total, limit);
    if (w->merging)
        return byl_error_set(BYL_EINVAL, "a merge is a change of its own: commit it before "
                             "adding articles");
    int rc = byl_api_writer_begin(w);
    if (rc)
        return rc;
    /* the index copies every field into NUL-terminated storage of its own
     * (byl_analyzed_fill), so the caller's need not be terminated */
    byl_article x = {
        .id = a->id, .id_len = a->id_len,
        .title = a->title ? a->title : "", .title_len = a->title_len,
        .body = a->body ? a->body : "", .body_len = a->body_len,
        .author = a->author ? a->author : "", .author_len = a->author_len,
        .source = a->source ? a->source : "", .source_len = a->source_len,
        .url = a->url ? a->url : "", .url_len = a->url_len,
        .tags = a->tags ? a->tags : "", .tags_len = a->tags_len,
        .date = a->date, .file = NULL, .line = 0};
    return byl_index_writer_add(w->w, &x);
}

int byline_writer_delete(byline_writer *w, const char *id, size_t id_len, uint64_t *found)
{
    if (found)
        *found = 0;
    if (!w || (!id && id_len))
        return byl_error_set(BYL_EINVAL, "byline_writer_delete: no %s", !w ? "writer" : "id");
    if (id_len == 0)
        return BYL_OK; /* no article has an empty id */
    if (w->merging)
        return byl_error_set(BYL_EINVAL, "a merge is a change of its own: commit it before "
                             "deleting articles");
    int rc = byl_api_writer_begin(w);
    if (rc)
        return rc;
    uint64_t n = 0;
    rc = byl_index_writer_delete(w->w, id, id_len, &n);
    w->found += n;
    if (found)
        *found = n;
    return rc;
}

/* Ends the change under way: its counts join the writer's. */
static void end_change(byline_writer *w, int committed)
{
    if (committed) {
        if (w->merging)
            w->merged += byl_index_writer_docs(w->w);
        else
            w->added += byl_index_writer_docs(w->w);
        /* the index counts deletions and replacements together; the
         * deletions are those the deletes found */
        w->deleted += w->found;
        w->replaced += byl_index_writer_deleted(w->w) - w->found;
        w->commits++;
        /* what follows updates what was committed, with its analysis */
        w->io.replace = 0;
        w->io.no_names = 0;
        w->io.title_weight = 0;
    }
    byl_index_writer_free(w->w);
    w->w = NULL;
    w->merging = 0;
    w->found = 0;
}

int byline_writer_commit(byline_writer *w)
{
    if (!w)
        return byl_error_set(BYL_EINVAL, "byline_writer_commit: no writer");
    if (!w->w)
        return BYL_OK; /* nothing since the last commit */
    int rc = byl_index_writer_commit(w->w);
    /* BYL_ENOTSYNCED: committed all the same; anything else: nothing
     * changed, and the change is dropped (its segments removed) */
    end_change(w, rc == BYL_OK || rc == BYL_ENOTSYNCED);
    return rc;
}

int byline_writer_stats_get(const byline_writer *w, byline_writer_stats *out)
{
    if (!w || !out)
        return byl_error_set(BYL_EINVAL, "byline_writer_stats_get: bad argument");
    memset(out, 0, sizeof *out);
    out->added = w->added;
    out->deleted = w->deleted;
    out->replaced = w->replaced;
    out->merged = w->merged;
    out->commits = w->commits;
    if (w->w) {
        if (w->merging)
            out->merged += byl_index_writer_docs(w->w);
        else
            out->added += byl_index_writer_docs(w->w);
        out->deleted += w->found;
        out->replaced += byl_index_writer_deleted(w->w) - w->found;
        out->mem = byl_index_writer_mem(w->w);
    }
    return BYL_OK;
}

size_t byline_writer_record_limit(const byline_writer_opts *o)
{
    byl_index_opts io;
    if (index_opts(o, &io))
        return 0;
    return io.mem_budget / BYL_RECORD_COST;
}

int byline_index_exists(const char *dir)
{
    return dir && byl_index_present(dir);
}

void byline_writer_free(byline_writer *w)
{
    if (!w)
        return;
    byl_index_writer_free(w->w); /* without a commit: the index as it was */
    byl_free(w->dir);
    byl_free(w);
}
