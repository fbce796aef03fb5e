/*
 * leftovers.c - which files of an index directory are a writer's, and
 * removing those a manifest does not name: what an interrupted change
 * leaves behind (_writer.h).
 * Not for: deciding when that is safe (writer.c holds the lock and knows
 * the manifest accounts for every file), or reading the manifest
 * (manifest.c).
 */
#include "index/_writer.h"

#include <dirent.h>
#include <stdio.h>
#include <string.h>

#include "util/durable.h"

/* Skips a run of digits at *p; 1 if there was one. */
static int digits(const char **p)
{
    const char *s = *p;
    while (**p >= '0' && **p <= '9')
        (*p)++;
    return *p > s;
}

/* Whether name is one a writer makes: "G-S.seg" (a segment), "G-S.seg.G.del"
 * (deletions), "G-S.seg.pos" and "G-S.seg.store" (the segment writer's side
 * files), "G.clusters" and its ".tmp", "MANIFEST.tmp".  Exactly these: a
 * user's "notes.seg.txt" is not ours. */
int byl_index_is_our_file(const char *name)
{
    if (strcmp(name, "MANIFEST.tmp") == 0)
        return 1;
    const char *p = name;
    if (!digits(&p))
        return 0;
    if (strncmp(p, BYL_CLUSTERS_SUFFIX, strlen(BYL_CLUSTERS_SUFFIX)) == 0) {
        p += strlen(BYL_CLUSTERS_SUFFIX);
        return *p == '\0' || strcmp(p, ".tmp") == 0;
    }
    if (*p++ != '-' || !digits(&p) || strncmp(p, ".seg", 4) != 0)
        return 0;
    p += 4;
    if (*p == '\0')
        return 1;
    /* "G-S.seg.G.del", or a side file of the segment writer */
    const char *q = p + 1;
    if (*p == '.' && digits(&q) && strcmp(q, ".del") == 0)
        return 1;
    return strcmp(p, ".pos") == 0 || strcmp(p, ".store") == 0;
}

static int named_in(const byl_manifest *m, const char *name)
{
    /* the cluster cache of the manifest's own generation (index/cluster.h) */
    char cache[64];
    snprintf(cache, sizeof cache, "%06llu%s", (unsigned long long)m->generation,
             BYL_CLUSTERS_SUFFIX);
    if (strcmp(name, cache) == 0)
        return 1;
    for (uint32_t i = 0; i < m->nseg; i++)
        if (strcmp(m->segs[i].name, name) == 0 || strcmp(m->segs[i].del, name) == 0)
            return 1;
    return 0;
}

/* Removes files of ours that `keep` does not name (only under the lock). */
void byl_index_remove_unnamed(const char *dir, const byl_manifest *keep)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct dirent *e;
    char path[4096];
    while ((e = readdir(d)) != NULL) {
        if (!byl_index_is_our_file(e->d_name) || named_in(keep, e->d_name))
            continue;
        if (!byl_path_join(path, sizeof path, dir, e->d_name))
            byl_file_remove(path);
    }
    closedir(d);
}
