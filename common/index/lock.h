/*
 * lock.h - the one-writer lock of an index directory (internal to index/).
 *
 * An flock on INDEX/LOCK: the kernel drops it when its holder dies, so a
 * killed writer never leaves a stale lock.  The holder's pid is written in
 * the file for the message a second writer gets.
 *
 * Not for: readers, which never lock (each change is one rename).
 */
#ifndef BYL_LOCK_H
#define BYL_LOCK_H

/* Takes the lock of dir; *fd holds it until byl_lock_release.  BYL_OK;
 * BYL_EBUSY (another process holds it; the message names it); BYL_EIO. */
int byl_lock_take(const char *dir, int *fd);
/* Releases it (fd < 0: nothing). */
void byl_lock_release(int fd);

#endif
