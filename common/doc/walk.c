/*
 * walk.c - the inputs under a path (byl_walk, reader.h): every regular file
 * of a directory tree in name order, each directory once whatever the
 * links, what cannot be read or is left out (a FIFO, a socket, a device)
 * handed to the caller with its reason; and the
 * names of inputs in article ids (byl_input_id_name).
 * Not for: reading a file (reader.c).
 */
#include "doc/_reader.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/err.h"

/* Why the walk hands a path that is not a file to its callback, for the
 * duration of that call only: byl_reader_open() on that very path fails
 * with this reason, so a caller that opens what it is given reports and
 * counts it like any file it cannot read (see byl_walk below). */
static _Thread_local const char *walk_path;
static _Thread_local char walk_why[1024];
static _Thread_local int walk_rc; /* BYL_EIO, or BYL_ELIMIT: left out on purpose */

int byl_rd_walk_refusal(const char *path)
{
    if (walk_path && strcmp(path, walk_path) == 0)
        return byl_error_set(walk_rc, "%s", walk_why);
    return BYL_OK;
}

/* ---------------------------------------------------------------- id names */

char *byl_input_id_name(const char *root, const char *file)
{
    if (!root || !file)
    {
        byl_error_set(BYL_EINVAL, "byl_input_id_name: bad argument");
        return NULL;
    }
    if (strcmp(file, "-") == 0)
        return byl_strdup("-");
    struct stat st;
    int dir = stat(root, &st) == 0 && S_ISDIR(st.st_mode);
    char *real = realpath(root, NULL);
    if (!real) {
        byl_error_set(BYL_EIO, "cannot resolve %s: %s", root, strerror(errno));
        return NULL;
    }
    /* The folder whose base name leads the id: root itself, or a file's own. */
    size_t rl = strlen(real);
    if (!dir) {
        while (rl > 1 && real[rl - 1] != '/')
            rl--;
        if (rl > 1)
            rl--; /* the slash */
    }
    size_t b = rl;
    while (b > 0 && real[b - 1] != '/')
        b--;
    const char *base = real + b;
    size_t bl = rl - b;
    /* What follows root in file (the walk builds paths as root + "/" + ...). */
    const char *rest;
    if (dir) {
        size_t n = strlen(root);
        rest = strncmp(file, root, n) == 0 ? file + n : file;
    } else {
        rest = strrchr(file, '/');
        rest = rest ? rest + 1 : file;
    }
    while (*rest == '/')
        rest++;
    size_t need = bl + 1 + strlen(rest) + 1;
    char *out = byl_malloc(need);
    if (!out) {
        free(real);
        byl_error_set(BYL_ENOMEM, "out of memory");
        return NULL;
    }
    size_t o = 0;
    if (bl) {
        memcpy(out, base, bl);
        o = bl;
        out[o++] = '/';
    }
    /* "a//b", "a/./b" as typed do not change the id */
    for (const char *p = rest; *p;) {
        if (*p == '/') {
            p++;
            continue;
        }
        if (p[0] == '.' && (p[1] == '/' || p[1] == '\0')) {
            p++;
            continue;
        }
        const char *q = strchr(p, '/');
        size_t l = q ? (size_t)(q - p) : strlen(p);
        memcpy(out + o, p, l);
        o += l;
        p += l;
        if (*p)
            out[o++] = '/';
    }
    while (o && out[o - 1] == '/')
        o--;
    out[o] = '\0';
    free(real);
    return out;
}

/* ------------------------------------------------------------------- walk */

/* A directory by identity, whatever the path that reached it. */
typedef struct {
    dev_t dev;
    ino_t ino;
    int used;
} dir_key;

/* Directories nested deeper than this are reported, not read (a real tree
 * that deep is unheard of in news dumps; links cannot make one: no
 * directory is entered twice). */
#define WALK_MAX_DEPTH 64

typedef struct {
    int (*fn)(const char *, void *);
    void *ctx;
    dir_key *seen;                       /* owned; every directory entered (open addressing) */
    size_t nseen, cap;                   /* cap: a power of two, or 0 */
    dir_key up[WALK_MAX_DEPTH];          /* the directories from the root down to here */
    const char *up_path[WALK_MAX_DEPTH]; /* borrowed: their paths (in the callers' frames) */
} walker;

static size_t dir_hash(dev_t dev, ino_t ino)
{
    uint64_t h = (uint64_t)ino * 0x9E3779B97F4A7C15ull ^ (uint64_t)dev * 0xC2B2AE3D27D4EB4Full;
    return (size_t)(h ^ h >> 29);
}

/* Adds (dev, ino) to the set.  Returns 1 if it was new, 0 if it was there
 * already, BYL_ENOMEM. */
static int seen_add(walker *w, dev_t dev, ino_t ino)
{
    if (2 * (w->nseen + 1) > w->cap) {
        size_t nc = w->cap ? w->cap * 2 : 64;
        dir_key *ns = byl_calloc(nc, sizeof *ns);
        if (!ns)
            return byl_error_set(BYL_ENOMEM, "out of memory walking directories");
        for (size_t i = 0; i < w->cap; i++) {
            if (!w->seen[i].used)
                continue;
            size_t k = dir_hash(w->seen[i].dev, w->seen[i].ino) & (nc - 1);
            while (ns[k].used)
                k = (k + 1) & (nc - 1);
            ns[k] = w->seen[i];
        }
        byl_free(w->seen);
        w->seen = ns;
        w->cap = nc;
    }
    size_t k = dir_hash(dev, ino) & (w->cap - 1);
    for (; w->seen[k].used; k = (k + 1) & (w->cap - 1))
        if (w->seen[k].dev == dev && w->seen[k].ino == ino)
            return 0;
    w->seen[k] = (dir_key){dev, ino, 1};
    w->nseen++;
    return 1;
}

/* Hands path, which the walk cannot read as it should, to the callback
 * with the reason (formatted), once. */
static int walk_report(walker *w, const char *path, int code, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static int walk_report(walker *w, const char *path, int code, const char *fmt, ...)
{
    walk_rc = code;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(walk_why, sizeof walk_why, fmt, ap);
    va_end(ap);
    walk_path = path;
    int rc = w->fn(path, w->ctx);
    walk_path = NULL;
    return rc;
}

/* 1 if dir holds a Byline index: its MANIFEST (magic "BYLMAN\r\n",
 * index/_manifest.h) or, while a first build writes it, its LOCK (the
 * writer's process id and a newline, index/lock.c).  Such a folder inside
 * the folder being indexed (`build -i news/idx news`) holds segments and
 * locks, not articles: reading them would add the LOCK as an article and
 * warn of binary data at every add. */
static int is_index_dir(const char *dir)
{
    char path[4096], buf[33];
    if (snprintf(path, sizeof path, "%s/MANIFEST", dir) < (int)sizeof path) {
        FILE *f = fopen(path, "rb");
        if (f) {
            size_t n = fread(buf, 1, 8, f);
            fclose(f);
            if (n == 8 && memcmp(buf, "BYLMAN\r\n", 8) == 0)
                return 1;
        }
    }
    if (snprintf(path, sizeof path, "%s/LOCK", dir) < (int)sizeof path) {
        FILE *f = fopen(path, "rb");
        if (f) {
            size_t n = fread(buf, 1, sizeof buf, f);
            fclose(f);
            size_t i = 0;
            while (i < n && buf[i] >= '0' && buf[i] <= '9')
                i++;
            if (i > 0 && i + 1 == n && buf[i] == '\n')
                return 1;
        }
    }
    return 0;
}

/* What a file that is neither a directory nor a regular file is. */
static const char *file_kind(mode_t mode)
{
    if (S_ISFIFO(mode))
        return "a FIFO";
    if (S_ISSOCK(mode))
        return "a socket";
    if (S_ISCHR(mode))
        return "a character device";
    if (S_ISBLK(mode))
        return "a block device";
    return "of an unknown kind";
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Reads the directory dir (already in the seen set, and up[depth]) and
 * walks what it holds.  Returns 0, fn's non-zero value, or BYL_ENOMEM. */
static int walk_dir(walker *w, const char *dir, int depth)
{
    DIR *d = opendir(dir);
    if (!d)
        return walk_report(w, dir, BYL_EIO, "cannot read directory %s: %s", dir, strerror(errno));
    char **names = NULL;
    size_t n = 0, cap = 0;
    int rc = BYL_OK;
    int list_err = 0;
    for (;;) {
        errno = 0;
        struct dirent *de = readdir(d);
        if (!de) {
            list_err = errno; /* 0 at the end of the list */
            break;
        }
        if (de->d_name[0] == '.')
            continue; /* hidden files, "." and ".." */
        if (n == cap) {
            size_t nc = cap ? cap * 2 : 32;
            char **nn = byl_realloc(names, nc * sizeof *nn);
            if (!nn) {
                rc = byl_error_set(BYL_ENOMEM, "out of memory listing %s", dir);
                break;
            }
            names = nn;
            cap = nc;
        }
        if (!(names[n] = byl_strdup(de->d_name))) {
            rc = byl_error_set(BYL_ENOMEM, "out of memory listing %s", dir);
            break;
        }
        n++;
    }
    closedir(d);
    if (rc == BYL_OK && n > 1)
        qsort(names, n, sizeof *names, cmp_names);
    size_t dl = strlen(dir);
    int slash = dl > 0 && dir[dl - 1] == '/';
    for (size_t i = 0; i < n && rc == BYL_OK; i++) {
        size_t nl = strlen(names[i]);
        char *path = byl_malloc(dl + nl + 2);
        if (!path) {
            rc = byl_error_set(BYL_ENOMEM, "out of memory walking %s", dir);
            break;
        }
        memcpy(path, dir, dl);
        if (!slash)
            path[dl] = '/';
        memcpy(path + dl + !slash, names[i], nl + 1);
        struct stat st;
        if (stat(path, &st) != 0) {
            /* A link that leads nowhere (an archive not mounted?), or a
             * name we may not look at: whatever it holds is not read, so
             * say so. */
            int e = errno;
            struct stat lst;
            if (e == ENOENT && lstat(path, &lst) == 0 && S_ISLNK(lst.st_mode))
                rc = walk_report(w, path, BYL_EIO, "%s is a symbolic link to nothing", path);
            else
                rc = walk_report(w, path, BYL_EIO, "cannot read %s: %s", path, strerror(e));
        } else if (S_ISDIR(st.st_mode)) {
            int k, fresh;
            for (k = 0; k <= depth; k++)
                if (w->up[k].dev == st.st_dev && w->up[k].ino == st.st_ino)
                    break;
            if (k <= depth)
                rc = walk_report(w, path, BYL_ELIMIT,
                                 "%s leads back to %s, which is being read (a link loop: "
                                 "not read twice)",
                                 path, w->up_path[k]);
            else if ((fresh = seen_add(w, st.st_dev, st.st_ino)) < 0)
                rc = fresh;
            else if (!fresh)
                rc = walk_report(w, path, BYL_ELIMIT,
                                 "%s is a directory already read through another path "
                                 "(not read twice)",
                                 path);
            else if (is_index_dir(path))
                rc = walk_report(w, path, BYL_ELIMIT,
                                 "%s is a Byline index, not articles (not read)", path);
            else if (depth + 1 >= WALK_MAX_DEPTH)
                rc = walk_report(w, path, BYL_EIO, "%s is nested deeper than %d directories (not read)",
                                 path, WALK_MAX_DEPTH);
            else {
                w->up[depth + 1] = (dir_key){st.st_dev, st.st_ino, 1};
                w->up_path[depth + 1] = path;
                rc = walk_dir(w, path, depth + 1);
            }
        } else if (S_ISREG(st.st_mode)) {
            rc = w->fn(path, w->ctx);
        } else {
            /* A FIFO, socket or device found in a folder is not an article
             * file someone put there: opening a FIFO would wait for a
             * writer that never comes, so it is named and counted, never
             * opened.  (One named on the command line is read: that is how
             * `<(zcat news.gz)` arrives.) */
            rc = walk_report(w, path, BYL_ELIMIT, "%s is not a regular file (%s): not read",
                             path, file_kind(st.st_mode));
        }
        byl_free(path);
    }
    for (size_t i = 0; i < n; i++)
        byl_free(names[i]);
    byl_free(names);
    if (rc == BYL_OK && list_err)
        rc = walk_report(w, dir, BYL_EIO, "error listing directory %s: %s (some files may be missing)",
                         dir, strerror(list_err));
    return rc;
}

int byl_walk(const char *path, int (*fn)(const char *file, void *ctx), void *ctx)
{
    if (!path || !fn)
        return byl_error_set(BYL_EINVAL, "byl_walk: bad argument");
    if (strcmp(path, "-") == 0)
        return fn(path, ctx);
    struct stat st;
    if (stat(path, &st) != 0)
        return byl_error_set(BYL_EIO, "cannot read %s: %s", path, strerror(errno));
    if (!S_ISDIR(st.st_mode))
        return fn(path, ctx);
    DIR *d = opendir(path); /* the root itself: an error, as for a missing path */
    if (!d)
        return byl_error_set(BYL_EIO, "cannot read directory %s: %s", path, strerror(errno));
    closedir(d);
    if (is_index_dir(path))
        return byl_error_set(BYL_EINVAL,
                             "%s is a Byline index, not articles (search it with byline-search -i %s)",
                             path, path);
    walker w = {.fn = fn, .ctx = ctx};
    int rc = seen_add(&w, st.st_dev, st.st_ino);
    if (rc >= 0) {
        w.up[0] = (dir_key){st.st_dev, st.st_ino, 1};
        w.up_path[0] = path;
        rc = walk_dir(&w, path, 0);
    }
    byl_free(w.seen);
    return rc;
}
