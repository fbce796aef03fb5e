/*
 * leftovers.c - which files of an index directory are a writer's, which of
 * them a writer may remove, and removing those (_writer.h).
 *
 * The rule: a file with a committed name ("G-S.seg", "G-S.seg.D.del") is
 * removed only when a MANIFEST accounts for it:
 *   - the MANIFEST of generation M does not name it and its generation (G
 *     of a segment, D of a deletion file) is M or less: a MANIFEST of that
 *     generation named it and a later one retired it (a merge's inputs, a
 *     replaced deletion file) before its removal was cut short;
 *   - it is new in an interrupted commit: "MANIFEST.tmp", sound, of
 *     generation M+1, names it and its generation is M+1 (the files are
 *     renamed to their committed names between writing MANIFEST.tmp and
 *     renaming it over MANIFEST; writer.c).
 * Any other committed-name file that the MANIFEST does not name is newer
 * than it (an older MANIFEST put back from a backup, or copied during a
 * change): it may be the only copy of its articles, so it is kept and the
 * writer refuses (byl_index_unaccounted).
 * Files under temporary names ("….tmp", the segment writer's ".pos" and
 * ".store") never hold anything committed: a writer holding the lock
 * removes them.  A cluster cache other than the MANIFEST's generation's is
 * a cache: removed.
 *
 * Not for: deciding when removing is safe (writer.c holds the lock and has
 * read a sound MANIFEST naming only files that are there), or the
 * MANIFEST's bytes (manifest.c).
 */
#include "index/_writer.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/durable.h"
#include "util/err.h"

/* Skips a run of digits at *p into *v; 1 if there was one. */
static int digits(const char **p, uint64_t *v)
{
    const char *s = *p;
    uint64_t x = 0;
    while (**p >= '0' && **p <= '9')
        x = x * 10 + (uint64_t)(*(*p)++ - '0');
    if (v)
        *v = x;
    return *p > s && *p - s < 19;
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcmp(s + n - k, suffix) == 0;
}

/* The kind of a committed name without ".tmp": segment or deletion file
 * (BYL_FILE_COMMITTED, its generation in *gen), cluster cache
 * (BYL_FILE_CACHE), a segment writer's side file (BYL_FILE_TEMP), or
 * BYL_FILE_NOT_OURS. */
static int kind_of(const char *name, uint64_t *gen)
{
    const char *p = name;
    uint64_t g, d;
    if (!digits(&p, &g))
        return BYL_FILE_NOT_OURS;
    if (strcmp(p, BYL_CLUSTERS_SUFFIX) == 0)
        return BYL_FILE_CACHE;
    if (*p++ != '-' || !digits(&p, NULL) || strncmp(p, ".seg", 4) != 0)
        return BYL_FILE_NOT_OURS;
    p += 4;
    if (*p == '\0') {
        *gen = g;
        return BYL_FILE_COMMITTED;
    }
    /* "G-S.seg.D.del", or a side file of the segment writer (of a segment
     * under its temporary name too: "G-S.seg.tmp.pos") */
    const char *q = p + 1;
    if (*p == '.' && digits(&q, &d) && strcmp(q, ".del") == 0) {
        *gen = d;
        return BYL_FILE_COMMITTED;
    }
    if (strncmp(p, ".tmp", 4) == 0)
        p += 4;
    return strcmp(p, ".pos") == 0 || strcmp(p, ".store") == 0 ? BYL_FILE_TEMP
                                                               : BYL_FILE_NOT_OURS;
}

int byl_index_file_kind(const char *name, uint64_t *gen)
{
    uint64_t g = 0;
    if (gen)
        *gen = 0;
    if (strcmp(name, "MANIFEST.tmp") == 0)
        return BYL_FILE_TEMP;
    if (ends_with(name, ".tmp")) {
        /* the temporary name of one of ours: "G-S.seg.tmp", "….del.tmp",
         * "G.clusters.tmp" */
        char base[256];
        size_t n = strlen(name) - 4;
        if (n >= sizeof base)
            return BYL_FILE_NOT_OURS;
        memcpy(base, name, n);
        base[n] = '\0';
        return kind_of(base, &g) != BYL_FILE_NOT_OURS ? BYL_FILE_TEMP : BYL_FILE_NOT_OURS;
    }
    int k = kind_of(name, &g);
    if (gen)
        *gen = g;
    return k;
}

int byl_index_is_our_file(const char *name)
{
    return byl_index_file_kind(name, NULL) != BYL_FILE_NOT_OURS;
}

int byl_index_names(const byl_manifest *m, const char *name)
{
    for (uint32_t i = 0; i < m->nseg; i++)
        if (strcmp(m->segs[i].name, name) == 0 || strcmp(m->segs[i].del, name) == 0)
            return 1;
    return 0;
}

/* Whether a writer holding the lock may remove name, given the MANIFEST m
 * that accounts for the directory. */
static int removable(const byl_manifest *m, const char *name)
{
    uint64_t gen;
    switch (byl_index_file_kind(name, &gen)) {
    case BYL_FILE_TEMP:
        return 1;
    case BYL_FILE_CACHE: {
        /* the cluster cache of the manifest's own generation (index/cluster.h) */
        char cache[64];
        snprintf(cache, sizeof cache, "%06llu%s", (unsigned long long)m->generation,
                 BYL_CLUSTERS_SUFFIX);
        return strcmp(name, cache) != 0;
    }
    case BYL_FILE_COMMITTED:
        return gen <= m->generation && !byl_index_names(m, name);
    default:
        return 0;
    }
}

int byl_index_unaccounted(const char *dir, const byl_manifest *m, char *name, size_t cap)
{
    name[0] = '\0';
    DIR *d = opendir(dir);
    if (!d)
        return byl_error_set(BYL_EIO, "cannot read %s: %s", dir, strerror(errno));
    struct dirent *e;
    uint64_t gen;
    int found = 0;
    while (!found && (e = readdir(d)) != NULL)
        if (byl_index_file_kind(e->d_name, &gen) == BYL_FILE_COMMITTED &&
            gen > m->generation && !byl_index_names(m, e->d_name)) {
            snprintf(name, cap, "%s", e->d_name);
            found = 1;
        }
    closedir(d);
    return found;
}

void byl_index_remove_unnamed(const char *dir, const byl_manifest *keep)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct dirent *e;
    char path[4096];
    while ((e = readdir(d)) != NULL) {
        if (!removable(keep, e->d_name))
            continue;
        if (!byl_path_join(path, sizeof path, dir, e->d_name))
            byl_file_remove(path);
    }
    closedir(d);
}

void byl_index_roll_back(const char *dir, const byl_manifest *m)
{
    /* called on a failed change's way out too: the message says why it
     * failed, and must survive reading a MANIFEST.tmp that is not there */
    char saved[2048];
    snprintf(saved, sizeof saved, "%s", byl_error_msg());
    byl_manifest t;
    int rc = byl_manifest_read_named(dir, "MANIFEST.tmp", &t);
    byl_error_set(BYL_OK, "%s", saved);
    if (rc != BYL_OK)
        return; /* none, or not sound: it accounts for nothing */
    if (t.generation == m->generation + 1) {
        int removed = 0;
        char path[4096];
        for (uint32_t i = 0; i < t.nseg; i++)
            for (int k = 0; k < 2; k++) {
                const char *name = k ? t.segs[i].del : t.segs[i].name;
                uint64_t gen;
                if (!name[0] || byl_index_names(m, name) ||
                    byl_index_file_kind(name, &gen) != BYL_FILE_COMMITTED ||
                    gen != t.generation || byl_path_join(path, sizeof path, dir, name))
                    continue;
                byl_file_remove(path);
                removed = 1;
            }
        /* the files go before the intent that accounts for them */
        if (removed)
            byl_dir_sync(dir);
    }
    byl_manifest_free(&t);
}
