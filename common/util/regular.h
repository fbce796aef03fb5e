/*
 * regular.h - opening an index's files for reading, regular files only,
 * and reading a range of one whole.
 *
 * A FIFO, a device or a directory under a name the index uses (MANIFEST,
 * a segment, a deletion file, a cluster cache) must not block a search or
 * `byline-index check` forever, nor be read as data: the open never waits
 * (O_NONBLOCK) and anything but a regular file is refused as damage.
 *
 * Not for: input articles (doc/reader.c reads pipes on purpose) or writing.
 */
#ifndef BYL_REGULAR_H
#define BYL_REGULAR_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Opens path read-only; *fd (blocking mode, close-on-exec) on BYL_OK.
 * BYL_ENOTFOUND when it does not exist, BYL_ECORRUPT when it is not a
 * regular file, BYL_EIO otherwise; the message names the path. */
int byl_open_regular(const char *path, int *fd);

/* The same as a stdio stream ("rb"); *f NULL on failure. */
int byl_fopen_regular(const char *path, FILE **f);

/* Reads the n bytes at offset off of fd (the file path) into buf, short
 * reads and interruptions retried.  BYL_OK, or BYL_EIO with a message
 * naming path and the bytes ("end of file" for a truncated file). */
int byl_pread_all(int fd, const char *path, void *buf, size_t n, uint64_t off);

#endif
