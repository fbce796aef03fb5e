/*
 * repair.c - see repair.h.
 *
 * Steps, under the writer's lock: choose the segments (named by a sound
 * MANIFEST, or every *.seg file when it is not), check each in full, move
 * what cannot be used to damaged/, write a MANIFEST naming the rest; then,
 * as an ordinary writer, keep one article per id.
 *
 * Not for: checking (check.c) or the MANIFEST's bytes (manifest.c).
 */
#include "index/repair.h"

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "index/_manifest.h"
#include "index/_writer.h"
#include "index/check.h"
#include "index/deletes.h"
#include "index/index.h"
#include "index/lock.h"
#include "util/bytes.h"
#include "util/durable.h"
#include "util/err.h"
#include "util/mem.h"
#include "util/regular.h"

#define ASIDE "damaged"

typedef struct repairer {
    const char *dir;
    byl_repair_fn report;
    void *ctx;
    byl_repair_result *res;
    int aside_made;
    uint64_t max_gen;     /* largest generation in any file name */
} repairer;

static void say(repairer *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void say(repairer *r, const char *fmt, ...)
{
    char msg[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (r->report)
        r->report(r->ctx, msg);
}

/* Moves dir/name to dir/damaged/name (or name.N when taken), synced. */
static int set_aside(repairer *r, const char *name, const char *why)
{
    char aside[4096], from[4096], to[4096 + 16];
    int rc = byl_path_join(aside, sizeof aside, r->dir, ASIDE);
    if (!rc)
        rc = byl_path_join(from, sizeof from, r->dir, name);
    if (rc)
        return rc;
    if (!r->aside_made) {
        if (mkdir(aside, 0777) && errno != EEXIST)
            return byl_error_set(BYL_EIO, "cannot create %s: %s", aside, strerror(errno));
        r->aside_made = 1;
    }
    if (access(from, F_OK) && errno == ENOENT) {
        /* nothing to keep: a file the MANIFEST names may be gone */
        say(r, "%s: %s; the file is missing", name, why);
        return BYL_OK;
    }
    snprintf(to, sizeof to, "%s/%s", aside, name);
    for (int n = 1; access(to, F_OK) == 0 && n < 1000; n++)
        snprintf(to, sizeof to, "%s/%s.%d", aside, name, n);
    if (rename(from, to))
        return byl_error_set(BYL_EIO, "cannot move %s to %s: %s", from, to, strerror(errno));
    if ((rc = byl_dir_sync(aside)) != BYL_OK || (rc = byl_dir_sync(r->dir)) != BYL_OK)
        return rc;
    r->res->set_aside++;
    say(r, "%s: %s; moved to %s/%s/", name, why, r->dir, ASIDE);
    return BYL_OK;
}

/* "GGGGGG-SSSS.seg" -> generation and sequence; 0 if not such a name. */
static int seg_name(const char *name, uint64_t *gen, unsigned *seq)
{
    char *end;
    errno = 0;
    unsigned long long g = strtoull(name, &end, 10);
    if (errno || end == name || *end != '-')
        return 0;
    const char *s = end + 1;
    unsigned long q = strtoul(s, &end, 10);
    if (end == s || strcmp(end, ".seg") != 0)
        return 0;
    *gen = g;
    *seq = (unsigned)q;
    return 1;
}

/* "SEG.GEN.del" of segment seg -> GEN; 0 if not one of its. */
static int del_name(const char *name, const char *seg, uint64_t *gen)
{
    size_t n = strlen(seg);
    if (strncmp(name, seg, n) != 0 || name[n] != '.')
        return 0;
    char *end;
    errno = 0;
    unsigned long long g = strtoull(name + n + 1, &end, 10);
    if (errno || end == name + n + 1 || strcmp(end, ".del") != 0)
        return 0;
    *gen = g;
    return 1;
}

typedef struct cand {
    char name[64];
    uint64_t gen;
    unsigned seq;
    int newer; /* not named by a sound MANIFEST, written after it */
} cand;

static int cand_cmp(const void *a, const void *b)
{
    const cand *x = a, *y = b;
    if (x->gen != y->gen)
        return x->gen < y->gen ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static void check_report(void *ctx, const char *problem)
{
    /* the first problem of a segment, kept for the set-aside message */
    snprintf(ctx, 1024, "%s", problem);
}

/* Opens and fully checks dir/name; BYL_OK and *out, or BYL_ECORRUPT with
 * the reason in why. */
static int open_checked(repairer *r, const char *name, byl_segment **out, char *why)
{
    *out = NULL;
    char path[4096];
    int rc = byl_path_join(path, sizeof path, r->dir, name);
    if (rc)
        return rc;
    byl_segment *s;
    if ((rc = byl_segment_open(path, &s)) != BYL_OK) {
        snprintf(why, 1024, "%s", byl_error_msg());
        return rc == BYL_ENOMEM ? rc : BYL_ECORRUPT;
    }
    why[0] = '\0';
    if (byl_check_segment(s, check_report, why) != BYL_OK) {
        byl_segment_close(s);
        return BYL_ECORRUPT;
    }
    *out = s;
    return BYL_OK;
}

/* The newest deletion file of segment e that reads intact against ndocs
 * (its name into e->del, its count into e->ndeleted); damaged ones are set
 * aside. */
static int pick_dels(repairer *r, byl_segref *e, char **names, size_t nnames)
{
    for (;;) {
        uint64_t best = 0, g;
        long at = -1;
        for (size_t i = 0; i < nnames; i++)
            if (names[i] && del_name(names[i], e->name, &g) && (at < 0 || g > best)) {
                best = g;
                at = (long)i;
            }
        if (at < 0)
            return BYL_OK;
        if (best > r->max_gen)
            r->max_gen = best;
        char path[4096];
        int rc = byl_path_join(path, sizeof path, r->dir, names[at]);
        byl_dels *d;
        if (!rc && (rc = byl_dels_read(path, e->ndocs, &d)) == BYL_OK) {
            e->ndeleted = byl_dels_count(d);
            byl_dels_free(d);
            /* the manifest names a deletion file exactly when it deletes */
            if (e->ndeleted)
                snprintf(e->del, sizeof e->del, "%s", names[at]);
            return BYL_OK;
        }
        if (rc == BYL_ENOMEM)
            return rc;
        char why[1024];
        snprintf(why, sizeof why, "%s", byl_error_msg());
        if ((rc = set_aside(r, names[at], why)) != BYL_OK)
            return rc;
        byl_free(names[at]);
        names[at] = NULL;
    }
}

/* Every directory entry's name (NULL-free array of byl_strdup'ed names). */
static int list_dir(const char *dir, char ***out, size_t *n)
{
    *out = NULL;
    *n = 0;
    DIR *d = opendir(dir);
    if (!d)
        return byl_error_set(errno == ENOENT ? BYL_ENOTFOUND : BYL_EIO, "cannot read %s: %s",
                             dir, strerror(errno));
    char **v = NULL;
    size_t cap = 0;
    struct dirent *e;
    int rc = BYL_OK;
    while ((e = readdir(d)) != NULL && !rc) {
        if (e->d_name[0] == '.')
            continue;
        if (*n == cap) {
            cap = cap ? cap * 2 : 64;
            char **nv = byl_realloc(v, cap * sizeof *nv);
            if (!nv) {
                rc = byl_error_set(BYL_ENOMEM, "out of memory listing %s", dir);
                break;
            }
            v = nv;
        }
        if (!(v[*n] = byl_strdup(e->d_name)))
            rc = byl_error_set(BYL_ENOMEM, "out of memory listing %s", dir);
        else
            (*n)++;
    }
    closedir(d);
    *out = v;
    return rc;
}

static void free_list(char **v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        byl_free(v[i]);
    byl_free(v);
}

/* What is left of a damaged MANIFEST's header: title weight, flags and
 * generation, when its magic is intact and the values are plausible. */
static void salvage_header(const char *dir, byl_manifest *m, int *hint_tw)
{
    char path[4096];
    FILE *f;
    *hint_tw = 0;
    if (byl_path_join(path, sizeof path, dir, "MANIFEST") || byl_fopen_regular(path, &f))
        return;
    uint8_t h[32];
    size_t n = fread(h, 1, sizeof h, f);
    fclose(f);
    if (n < sizeof h || memcmp(h, BYL_MANIFEST_MAGIC, 8) != 0)
        return;
    /* the checksum failed, so these are hints: the segments' own
     * (checked) title weights and terms decide where they disagree */
    uint32_t flags = byl_get_u32(h + 12), tw = byl_get_u32(h + 24);
    uint64_t gen = byl_get_u64(h + 16);
    if (!(flags & ~(uint32_t)BYL_MF_ALL))
        m->flags = flags;
    if (gen < ((uint64_t)1 << 40))
        m->generation = gen;
    if (tw >= 1 && tw <= 100)
        *hint_tw = (int)tw;
}

/* Chooses the segments of the new manifest into *m (title weight, flags
 * and generation set); sets aside what cannot be used. */
/* Whether a segment holds name entities (was built without --no-names). */
static int has_names(byl_segment *s)
{
    byl_dictiter it;
    const uint8_t key = BYL_F_NAME;
    return byl_dictiter_seek(&it, s, &key, 1) == BYL_OK && !it.eof && it.key[0] == BYL_F_NAME;
}

/* Whether names hold a deletion file of segment seg newer than gen: one
 * a change after the MANIFEST wrote (an older MANIFEST put back). */
static int newer_dels(char **names, size_t nnames, const char *seg, uint64_t gen)
{
    uint64_t g;
    for (size_t i = 0; i < nnames; i++)
        if (names[i] && del_name(names[i], seg, &g) && g > gen)
            return 1;
    return 0;
}

/* The largest generation in any committed file name of dir: a repaired
 * MANIFEST is newer than every file there, so that none is taken for one
 * it retired (leftovers.c). */
static void note_generations(repairer *r, char **names, size_t nnames)
{
    uint64_t g;
    for (size_t i = 0; i < nnames; i++)
        if (names[i] && byl_index_file_kind(names[i], &g) == BYL_FILE_COMMITTED &&
            g > r->max_gen)
            r->max_gen = g;
}

static int choose(repairer *r, const byl_manifest *sound, int hint_tw, byl_manifest *m)
{
    char **names;
    size_t nnames;
    int rc = list_dir(r->dir, &names, &nnames);
    if (rc)
        return rc;
    cand *c = byl_calloc(nnames + 1, sizeof *c);
    byl_segment **segs = byl_calloc(nnames + 1, sizeof *segs);
    m->segs = byl_calloc(nnames + 1, sizeof *m->segs);
    if (!c || !segs || !m->segs) {
        rc = byl_error_set(BYL_ENOMEM, "out of memory repairing %s", r->dir);
        goto out;
    }
    size_t nc = 0;
    note_generations(r, names, nnames);
    for (size_t i = 0; i < nnames; i++) {
        cand x = {0};
        if (!seg_name(names[i], &x.gen, &x.seq) || strlen(names[i]) >= sizeof x.name)
            continue;
        if (sound) {
            int named = 0;
            for (uint32_t k = 0; k < sound->nseg; k++)
                named |= strcmp(sound->segs[k].name, names[i]) == 0;
            /* A segment of an older generation that the MANIFEST does not
             * name was superseded by it (a merge whose clean-up was cut
             * short): not part of the index.  One of a newer generation was
             * written after the MANIFEST: an older MANIFEST put back (from a
             * backup, or a copy taken during a change) or a change cut
             * short.  Its articles are taken in, not lost; the ids resolved
             * after the repair keep the newest copy of each. */
            if (!named && x.gen <= sound->generation)
                continue;
            x.newer = !named;
        }
        snprintf(x.name, sizeof x.name, "%s", names[i]);
        if (x.gen > r->max_gen)
            r->max_gen = x.gen;
        c[nc++] = x;
    }
    if (sound)
        for (uint32_t k = 0; k < sound->nseg; k++) {
            int found = 0;
            for (size_t i = 0; i < nc; i++)
                found |= strcmp(c[i].name, sound->segs[k].name) == 0;
            if (!found) {
                r->res->lost += sound->segs[k].ndocs - sound->segs[k].ndeleted;
                say(r, "%s: missing (the MANIFEST named it with %u articles); left out",
                    sound->segs[k].name, sound->segs[k].ndocs - sound->segs[k].ndeleted);
                /* its deletion files go aside too: a writer after the
                 * repair removed them as files no manifest named, and the
                 * segment, put back, came back with its deleted articles */
                for (size_t i = 0; i < nnames; i++)
                    if (names[i] && del_name(names[i], sound->segs[k].name, &(uint64_t){0}) &&
                        (rc = set_aside(r, names[i], "deletions of a missing segment")) != BYL_OK)
                        goto out;
            }
        }
    qsort(c, nc, sizeof *c, cand_cmp);
    /* open and check each; the title weight is the salvaged header's, or
     * the one most segments were built with */
    uint32_t tw_votes[101] = {0};
    for (size_t i = 0; i < nc; i++) {
        char why[1024];
        rc = open_checked(r, c[i].name, &segs[i], why);
        if (rc == BYL_ECORRUPT) {
            uint64_t had = 0;
            for (uint32_t k = 0; sound && k < sound->nseg; k++)
                if (strcmp(sound->segs[k].name, c[i].name) == 0)
                    had = sound->segs[k].ndocs - sound->segs[k].ndeleted;
            r->res->lost += had;
            if ((rc = set_aside(r, c[i].name, why)) != BYL_OK)
                goto out;
            for (size_t k = 0; k < nnames; k++) /* its deletion files go with it */
                if (names[k] && del_name(names[k], c[i].name, &(uint64_t){0}) &&
                    (rc = set_aside(r, names[k], "deletions of a segment set aside")) != BYL_OK)
                    goto out;
            continue;
        }
        if (rc)
            goto out;
        uint32_t tw = byl_segment_stats(segs[i])->title_weight;
        if (tw <= 100)
            tw_votes[tw]++;
    }
    if (!m->title_weight) { /* the sound manifest's, else most segments' */
        m->title_weight = hint_tw > 0 ? (uint32_t)hint_tw : 0;
        for (uint32_t t = 1; t <= 100; t++)
            if (tw_votes[t] > tw_votes[m->title_weight])
                m->title_weight = t;
    }
    int with_names = 0;
    for (size_t i = 0; i < nc; i++) {
        if (!segs[i])
            continue;
        const byl_segstats *st = byl_segment_stats(segs[i]);
        if (st->title_weight != m->title_weight) {
            char why[256];
            snprintf(why, sizeof why, "built with title weight %u, the index with %u",
                     st->title_weight, m->title_weight);
            if ((rc = set_aside(r, c[i].name, why)) != BYL_OK)
                goto out;
            continue;
        }
        with_names |= has_names(segs[i]);
        if (c[i].newer)
            say(r, "%s: not named by the MANIFEST but written after it (generation %llu, the "
                "MANIFEST's %llu); its %u articles taken in (a merge's output holds those of "
                "the segments it replaced: search before adding any again)", c[i].name,
                (unsigned long long)c[i].gen, (unsigned long long)sound->generation,
                st->ndocs);
        byl_segref *e = &m->segs[m->nseg++];
        snprintf(e->name, sizeof e->name, "%s", c[i].name);
        e->ndocs = st->ndocs;
        e->size = byl_segment_size(segs[i]);
        if (st->ndocs == 0) {
            m->nseg--;
            continue;
        }
        if (sound && !c[i].newer && !newer_dels(names, nnames, e->name, sound->generation)) {
            /* the deletion file the sound manifest names, if it reads */
            for (uint32_t k = 0; k < sound->nseg; k++)
                if (strcmp(sound->segs[k].name, e->name) == 0 && sound->segs[k].del[0]) {
                    char path[4096];
                    byl_dels *d;
                    if ((rc = byl_path_join(path, sizeof path, r->dir, sound->segs[k].del)))
                        goto out;
                    if ((rc = byl_dels_read(path, e->ndocs, &d)) == BYL_OK) {
                        snprintf(e->del, sizeof e->del, "%s", sound->segs[k].del);
                        e->ndeleted = byl_dels_count(d);
                        byl_dels_free(d);
                    } else if (rc == BYL_ENOMEM) {
                        goto out;
                    } else {
                        char why[1024];
                        snprintf(why, sizeof why, "%s (the %u articles it deleted are back)",
                                 byl_error_msg(), sound->segs[k].ndeleted);
                        if ((rc = set_aside(r, sound->segs[k].del, why)) != BYL_OK)
                            goto out;
                    }
                }
        } else if ((rc = pick_dels(r, e, names, nnames)) != BYL_OK) {
            goto out;
        }
        if (e->ndeleted >= e->ndocs) {
            m->nseg--; /* every article of it deleted */
            continue;
        }
        r->res->articles += e->ndocs - e->ndeleted;
    }
    if (!sound && with_names)
        m->flags &= ~(uint32_t)BYL_MF_NO_NAMES; /* what the segments hold decides */
    rc = BYL_OK;
out:
    for (size_t i = 0; i < nnames + 1 && segs; i++)
        byl_segment_close(segs[i]);
    byl_free(segs);
    byl_free(c);
    free_list(names, nnames);
    return rc;
}

/* Whether the sound manifest's every file opens and checks. */
static int all_sound(repairer *r, const byl_manifest *m)
{
    for (uint32_t k = 0; k < m->nseg; k++) {
        char why[1024];
        byl_segment *s;
        if (open_checked(r, m->segs[k].name, &s, why) != BYL_OK)
            return 0;
        int ok = byl_segment_stats(s)->ndocs == m->segs[k].ndocs;
        byl_segment_close(s);
        if (!ok)
            return 0;
        if (m->segs[k].del[0]) {
            char path[4096];
            byl_dels *d;
            if (byl_path_join(path, sizeof path, r->dir, m->segs[k].del) ||
                byl_dels_read(path, m->segs[k].ndocs, &d))
                return 0;
            ok = byl_dels_count(d) == m->segs[k].ndeleted;
            byl_dels_free(d);
            if (!ok)
                return 0;
        }
    }
    return 1;
}

/* Resolves ids across every segment as an ordinary writer (its own lock). */
static int resolve(repairer *r, size_t mem_budget)
{
    byl_index_opts o = {.mem_budget = mem_budget, .threads = 1};
    byl_index_writer *w;
    int rc = byl_index_writer_open(r->dir, &o, &w);
    if (!rc)
        rc = byl_index_writer_resolve_all(w);
    if (!rc)
        rc = byl_index_writer_commit(w);
    if (!rc) {
        r->res->resolved = byl_index_writer_deleted(w);
        r->res->articles -= r->res->resolved;
    }
    if (w)
        byl_index_writer_free(w);
    return rc;
}

int byl_index_repair(const char *dir, size_t mem_budget, byl_repair_fn report, void *ctx,
                     byl_repair_result *res)
{
    memset(res, 0, sizeof *res);
    repairer r = {.dir = dir, .report = report, .ctx = ctx, .res = res};
    struct stat st;
    if (stat(dir, &st) || !S_ISDIR(st.st_mode))
        return byl_error_set(BYL_ENOTFOUND, "no index at %s", dir);
    if (!byl_index_present(dir)) /* before the lock: leave a stranger's folder as it is */
        return byl_error_set(BYL_ENOTFOUND, "%s is not a Byline index (no MANIFEST and no "
                             "segment)", dir);
    int lock;
    int rc = byl_lock_take(dir, &lock);
    if (rc)
        return rc;
    byl_manifest sound, m = {0};
    int mrc = byl_manifest_read(dir, &sound);
    if (mrc == BYL_ENOMEM || mrc == BYL_EIO) {
        rc = mrc;
        goto out;
    }
    char stray[256];
    int newer = mrc == BYL_OK ? byl_index_unaccounted(dir, &sound, stray, sizeof stray) : 0;
    if (newer < 0) {
        rc = newer;
        goto out;
    }
    if (mrc == BYL_OK && all_sound(&r, &sound) && !newer) {
        say(&r, "%s: the MANIFEST and every file it names are sound; nothing to repair", dir);
        goto out;
    }
    if (newer)
        say(&r, "%s: %s is newer than the MANIFEST and not named by it (an older MANIFEST put "
            "back): taking in what was written since", dir, stray);
    if (mrc != BYL_OK && mrc != BYL_ENOTFOUND)
        say(&r, "%s", byl_error_msg());
    int hint_tw = 0;
    if (mrc == BYL_OK) {
        m.title_weight = sound.title_weight;
        m.flags = sound.flags;
        m.generation = sound.generation;
    } else {
        salvage_header(dir, &m, &hint_tw);
    }
    if ((rc = choose(&r, mrc == BYL_OK ? &sound : NULL, hint_tw, &m)) != BYL_OK)
        goto out;
    if (mrc == BYL_ENOTFOUND && m.nseg == 0 && res->set_aside == 0) {
        rc = byl_error_set(BYL_ENOTFOUND, "%s is not a Byline index (no MANIFEST and no "
                           "segment)", dir);
        goto out;
    }
    if (!m.title_weight)
        m.title_weight = 2;
    if (r.max_gen > m.generation)
        m.generation = r.max_gen;
    m.generation++;
    if (mrc != BYL_OK && mrc != BYL_ENOTFOUND) {
        /* the damaged MANIFEST is evidence: kept, never overwritten */
        if ((rc = set_aside(&r, "MANIFEST", "the damaged MANIFEST")) != BYL_OK)
            goto out;
    }
    res->changed = 1;
    res->segments = m.nseg;
    if ((rc = byl_manifest_write(dir, &m)) != BYL_OK && rc != BYL_ENOTSYNCED)
        goto out;
    say(&r, "%s: wrote a MANIFEST naming %u segment%s with %llu articles", dir, m.nseg,
        m.nseg == 1 ? "" : "s", (unsigned long long)res->articles);
    byl_lock_release(lock);
    lock = -1;
    if ((rc = resolve(&r, mem_budget)) != BYL_OK)
        rc = byl_error_set(rc, "%s (the new MANIFEST is in place; an id may be found twice: "
                           "run repair again)", byl_error_msg());
out:
    byl_lock_release(lock);
    if (mrc == BYL_OK)
        byl_manifest_free(&sound);
    byl_manifest_free(&m);
    return rc;
}
