/*
 * durable.c - see durable.h.
 * Not for: buffered streaming writes.
 */
#include "util/durable.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "util/err.h"
#include "util/fault.h"

static int io_error(const char *what, const char *path, int e)
{
    if (e == ENOSPC || e == EFBIG || e == EDQUOT)
        return byl_error_set(BYL_EIO, "cannot %s %s: %s (free some disk space and run again)",
                             what, path, strerror(e));
    return byl_error_set(BYL_EIO, "cannot %s %s: %s", what, path, strerror(e));
}

int byl_file_write_new(const char *path, const void *data, size_t len)
{
    int e = byl_fault("file create");
    if (e)
        return io_error("create", path, e);
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd < 0)
        return io_error("create", path, errno);
    const char *p = data;
    size_t left = len;
    while (left && !e) {
        size_t chunk = left < ((size_t)1 << 20) ? left : ((size_t)1 << 20);
        if ((e = byl_fault("file write")) != 0)
            break;
        ssize_t n = write(fd, p, chunk);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            e = n < 0 ? errno : ENOSPC;
            break;
        }
        p += n;
        left -= (size_t)n;
    }
    if (!e && (e = byl_fault("file sync")) == 0 && fsync(fd))
        e = errno;
    if (close(fd) && !e)
        e = errno;
    if (e) {
        unlink(path);
        return io_error("write", path, e);
    }
    return BYL_OK;
}

int byl_dir_sync(const char *dir)
{
    int e = byl_fault("directory sync");
    if (e)
        return io_error("sync", dir, e);
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return io_error("open", dir, errno);
    int r = fsync(fd);
    e = errno;
    close(fd);
    if (r)
        return io_error("sync", dir, e);
    return BYL_OK;
}

int byl_file_rename(const char *from, const char *to, const char *dir)
{
    int e = byl_fault("rename");
    if (e || rename(from, to))
        return io_error("rename", from, e ? e : errno);
    if (byl_dir_sync(dir) != BYL_OK)
        return byl_error_set(BYL_ENOTSYNCED, "%s is in place, but %s", to, byl_error_msg());
    return BYL_OK;
}

void byl_file_remove(const char *path)
{
    if (byl_fault("remove") == 0)
        unlink(path);
}
