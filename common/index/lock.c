/*
 * lock.c - see lock.h.  Not for: deciding what a writer may remove
 * (writer.c, leftovers.c).
 */
#include "index/lock.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "index/_manifest.h"
#include "util/err.h"

int byl_lock_take(const char *dir, int *fd)
{
    *fd = -1;
    char path[4096];
    int rc = byl_path_join(path, sizeof path, dir, "LOCK");
    if (rc)
        return rc;
    int d = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NONBLOCK | O_NOFOLLOW, 0666);
    if (d < 0)
        return byl_error_set(BYL_EIO, "cannot create %s: %s", path, strerror(errno));
    if (flock(d, LOCK_EX | LOCK_NB)) {
        char pid[32] = "";
        ssize_t n = pread(d, pid, sizeof pid - 1, 0);
        pid[n > 0 ? n : 0] = '\0';
        pid[strcspn(pid, "\n")] = '\0';
        close(d);
        return byl_error_set(BYL_EBUSY, "%s is being written by another byline-index%s%s%s; "
                             "wait for it to finish", dir, *pid ? " (process " : "", pid,
                             *pid ? ")" : "");
    }
    char pid[32];
    int n = snprintf(pid, sizeof pid, "%ld\n", (long)getpid());
    if (ftruncate(d, 0) == 0 && pwrite(d, pid, (size_t)n, 0) != n) {
        /* only the message of a second writer would lack the pid */
    }
    *fd = d;
    return BYL_OK;
}

void byl_lock_release(int fd)
{
    if (fd >= 0)
        close(fd);
}
