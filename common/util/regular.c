/*
 * regular.c - see regular.h.  Not for: anything past the open.
 */
#include "util/regular.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/err.h"

int byl_open_regular(const char *path, int *fd)
{
    *fd = -1;
    int d = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
    if (d < 0) {
        int e = errno; /* too many open files is a limit, not damage (BYL_ELIMIT) */
        return byl_error_set(e == ENOENT                   ? BYL_ENOTFOUND
                             : e == EMFILE || e == ENFILE ? BYL_ELIMIT
                                                          : BYL_EIO,
                             "cannot open %s: %s", path, strerror(e));
    }
    struct stat st;
    if (fstat(d, &st)) {
        int e = errno;
        close(d);
        return byl_error_set(BYL_EIO, "cannot open %s: %s", path, strerror(e));
    }
    if (!S_ISREG(st.st_mode)) {
        close(d);
        return byl_error_set(BYL_ECORRUPT, "%s: not a regular file (a %s); the index "
                             "directory holds something that is not Byline's under this name",
                             path, S_ISDIR(st.st_mode) ? "directory" : S_ISFIFO(st.st_mode) ?
                             "FIFO" : "device or socket");
    }
    int flags = fcntl(d, F_GETFL);
    if (flags >= 0)
        fcntl(d, F_SETFL, flags & ~O_NONBLOCK);
    *fd = d;
    return 0;
}

int byl_fopen_regular(const char *path, FILE **f)
{
    *f = NULL;
    int fd;
    int rc = byl_open_regular(path, &fd);
    if (rc)
        return rc;
    if (!(*f = fdopen(fd, "rb"))) {
        int e = errno;
        close(fd);
        return byl_error_set(BYL_EIO, "cannot open %s: %s", path, strerror(e));
    }
    return 0;
}

int byl_pread_all(int fd, const char *path, void *buf, size_t n, uint64_t off)
{
    size_t got = 0;
    while (got < n) {
        ssize_t r = pread(fd, (char *)buf + got, n - got, (off_t)(off + got));
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            return byl_error_set(BYL_EIO, "%s: cannot read bytes %llu..%llu: %s", path,
                                 (unsigned long long)off, (unsigned long long)(off + n),
                                 r < 0 ? strerror(errno) : "end of file (truncated?)");
        got += (size_t)r;
    }
    return BYL_OK;
}
