/*
 * durable.h - files that reach the disk before anything names them.
 *
 * The index commits by renaming a new MANIFEST into place; everything the
 * manifest names must be on disk first, or a power cut could leave a
 * manifest naming half-written files.  These helpers write, fsync and
 * report errors (a full disk included) with the path, and pass through the
 * fault points of util/fault.h.
 *
 * Not for: the segment writer's streaming output (segwriter.c syncs its own
 * files) or reading.
 */
#ifndef BYL_DURABLE_H
#define BYL_DURABLE_H

#include <stddef.h>

/* Creates path (which must not exist), writes len bytes, fsyncs and
 * closes it.  On failure the file is removed.  BYL_OK or BYL_EIO. */
int byl_file_write_new(const char *path, const void *data, size_t len);
/* Renames from over to, then syncs dir.  BYL_OK; BYL_EIO when the rename
 * failed (nothing changed); BYL_ENOTSYNCED when the rename was done but
 * the directory could not be synced: the new name is in place and visible,
 * yet a power cut could still bring the old one back. */
int byl_file_rename(const char *from, const char *to, const char *dir);
/* fsync of a directory, so new names in it survive a power cut. */
int byl_dir_sync(const char *dir);
/* Removes path (a fault point too); errors are ignored: the next writer
 * removes leftovers. */
void byl_file_remove(const char *path);

#endif
