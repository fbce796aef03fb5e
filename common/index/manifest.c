/*
 * manifest.c - reading and writing the MANIFEST (_manifest.h), in the
 * frame of util/checked.h (magic, version, crc32).
 * Not for: what a change puts in it (writer.c).
 */
#include "index/_manifest.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "index/index.h"
#include "util/bytes.h"
#include "util/checked.h"
#include "util/durable.h"
#include "util/err.h"
#include "util/mem.h"
#include "util/regular.h"

void byl_manifest_free(byl_manifest *m)
{
    byl_free(m->segs);
    memset(m, 0, sizeof *m);
}

int byl_path_join(char *buf, size_t cap, const char *dir, const char *name)
{
    int n = snprintf(buf, cap, "%s/%s", dir, name);
    if (n < 0 || (size_t)n >= cap)
        return byl_error_set(BYL_EINVAL, "path too long: %s/%s", dir, name);
    return BYL_OK;
}

/* A file name the manifest may hold: no directories, no dot files. */
static int get_name(const uint8_t **pp, const uint8_t *end, char *out, size_t cap, int may_be_empty)
{
    const uint8_t *p = *pp;
    if (end - p < 2)
        return -1;
    size_t len = byl_get_u16(p);
    p += 2;
    if ((len == 0 && !may_be_empty) || len >= cap || (size_t)(end - p) < len)
        return -1;
    memcpy(out, p, len);
    out[len] = '\0';
    if (len && (memchr(out, '/', len) || memchr(out, '\0', len) || out[0] == '.'))
        return -1;
    *pp = p + len;
    return 0;
}

static int has_segments(const char *dir);

int byl_index_present(const char *dir)
{
    char path[4096];
    if (byl_path_join(path, sizeof path, dir, "MANIFEST") == BYL_OK && access(path, F_OK) == 0)
        return 1;
    return has_segments(dir);
}

/* Whether dir holds a segment file (what is left of an index). */
static int has_segments(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    int found = 0;
    while (d && !found && (e = readdir(d)) != NULL) {
        size_t n = strlen(e->d_name);
        found = n > 4 && strcmp(e->d_name + n - 4, ".seg") == 0;
    }
    if (d)
        closedir(d);
    return found;
}

static int read_file(const char *dir, const char *name, byl_manifest *m);

/* Reads dir/MANIFEST.  BYL_ENOTFOUND when there is none. */
int byl_manifest_read(const char *dir, byl_manifest *m)
{
    int rc = read_file(dir, "MANIFEST", m);
    if (rc == BYL_ENOTFOUND) {
        if (has_segments(dir))
            return byl_error_set(BYL_ENOTFOUND, "%s holds segments but no MANIFEST: run "
                                 "'byline-index repair -i %s' to rebuild it from them", dir, dir);
        return byl_error_set(BYL_ENOTFOUND, "%s is not a Byline index (no MANIFEST); "
                             "build one with byline-index build -i %s FILES...", dir, dir);
    }
    return rc;
}

int byl_manifest_read_named(const char *dir, const char *name, byl_manifest *m)
{
    return read_file(dir, name, m);
}

/* Reads dir/name as a manifest; BYL_ENOTFOUND when there is none. */
static int read_file(const char *dir, const char *name, byl_manifest *m)
{
    memset(m, 0, sizeof *m);
    char path[4096];
    int rc = byl_path_join(path, sizeof path, dir, name);
    if (rc)
        return rc;
    FILE *f;
    rc = byl_fopen_regular(path, &f);
    if (rc)
        return rc;
    uint8_t buf[BYL_MANIFEST_MAX + 1];
    size_t n = fread(buf, 1, sizeof buf, f);
    fclose(f);
    if (n > BYL_MANIFEST_MAX)
        return byl_error_set(BYL_ECORRUPT, "%s: too large to be a manifest", path);
    /* version 1 lacks the deletion fields; the body is at least flags,
     * generation, title weight and the segment count */
    static const byl_checked_kind kind = {BYL_MANIFEST_MAGIC, 1, BYL_MANIFEST_VERSION, 20,
                                          "manifest"};
    uint32_t version;
    if ((rc = byl_checked_verify(buf, n, &kind, path, &version, NULL, NULL)) != BYL_OK)
        return rc;
    m->flags = byl_get_u32(buf + 12);
    m->generation = byl_get_u64(buf + 16);
    m->title_weight = byl_get_u32(buf + 24);
    m->nseg = byl_get_u32(buf + 28);
    const uint8_t *p = buf + 32, *end = buf + n - BYL_CHECKED_TAIL;
    if (m->nseg > BYL_MANIFEST_MAX / 16 || (m->flags & ~(uint32_t)BYL_MF_ALL))
        return byl_error_set(BYL_ECORRUPT, "%s: manifest is malformed", path);
    m->segs = byl_calloc(m->nseg ? m->nseg : 1, sizeof *m->segs);
    if (!m->segs)
        return byl_error_set(BYL_ENOMEM, "out of memory reading %s", path);
    for (uint32_t i = 0; i < m->nseg; i++) {
        byl_segref *r = &m->segs[i];
        if (get_name(&p, end, r->name, sizeof r->name, 0) || end - p < 12)
            goto bad;
        r->ndocs = byl_get_u32(p);
        r->size = byl_get_u64(p + 4);
        p += 12;
        if (version >= 2) {
            if (end - p < 4)
                goto bad;
            r->ndeleted = byl_get_u32(p);
            p += 4;
            if (get_name(&p, end, r->del, sizeof r->del, 1) || r->ndeleted > r->ndocs ||
                (r->ndeleted > 0) != (r->del[0] != '\0'))
                goto bad;
        }
    }
    if (p != end)
        goto bad;
    return BYL_OK;
bad:
    byl_manifest_free(m);
    return byl_error_set(BYL_ECORRUPT, "%s: manifest is malformed", path);
}

/* Writes and syncs MANIFEST.tmp. */
int byl_manifest_write_tmp(const char *dir, const byl_manifest *m)
{
    byl_buf b;
    byl_buf_init(&b);
    byl_checked_begin(&b, BYL_MANIFEST_MAGIC, BYL_MANIFEST_VERSION);
    byl_buf_put_u32(&b, m->flags);
    byl_buf_put_u64(&b, m->generation);
    byl_buf_put_u32(&b, m->title_weight);
    byl_buf_put_u32(&b, m->nseg);
    for (uint32_t i = 0; i < m->nseg; i++) {
        const byl_segref *r = &m->segs[i];
        byl_buf_put_u16(&b, (uint16_t)strlen(r->name));
        byl_buf_put(&b, r->name, strlen(r->name));
        byl_buf_put_u32(&b, r->ndocs);
        byl_buf_put_u64(&b, r->size);
        byl_buf_put_u32(&b, r->ndeleted);
        byl_buf_put_u16(&b, (uint16_t)strlen(r->del));
        byl_buf_put(&b, r->del, strlen(r->del));
    }
    if (byl_checked_seal(&b)) {
        byl_buf_reset(&b);
        return byl_error_set(BYL_ENOMEM, "out of memory writing the manifest");
    }
    if (b.len > BYL_MANIFEST_MAX) {
        byl_buf_reset(&b);
        return byl_error_set(BYL_ELIMIT, "too many segments for one manifest; "
                             "run byline-index merge");
    }
    char tmp[4096];
    int rc = byl_path_join(tmp, sizeof tmp, dir, "MANIFEST.tmp");
    if (!rc) {
        unlink(tmp);
        rc = byl_file_write_new(tmp, b.data, b.len);
    }
    byl_buf_reset(&b);
    return rc;
}

/* Renames MANIFEST.tmp over MANIFEST: the commit. */
int byl_manifest_install(const char *dir)
{
    char tmp[4096], path[4096];
    int rc = byl_path_join(tmp, sizeof tmp, dir, "MANIFEST.tmp");
    if (!rc)
        rc = byl_path_join(path, sizeof path, dir, "MANIFEST");
    if (!rc)
        rc = byl_file_rename(tmp, path, dir);
    return rc;
}

/* Writes MANIFEST.tmp, syncs it and renames it over MANIFEST: the commit. */
int byl_manifest_write(const char *dir, const byl_manifest *m)
{
    int rc = byl_manifest_write_tmp(dir, m);
    if (!rc && (rc = byl_manifest_install(dir)) != BYL_OK && rc != BYL_ENOTSYNCED) {
        char tmp[4096];
        if (!byl_path_join(tmp, sizeof tmp, dir, "MANIFEST.tmp"))
            unlink(tmp);
    }
    return rc;
}

