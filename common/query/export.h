/*
 * export.h - one matching article as a record of a data file: JSON Lines
 * or CSV (RFC 4180), every stored field with the full text and the score,
 * for pipelines (jq, pandas, spreadsheets).
 *
 * Records are written one at a time as the caller reads each article, so
 * an export of any size holds one article at a time.  Text that is not
 * valid UTF-8 is written with U+FFFD in place of each bad byte (JSON must
 * be UTF-8; a NUL byte becomes U+FFFD in CSV, which cannot carry it), so
 * no record is ever dropped for its bytes.
 *
 * CSV: a header line, then one line per article; every field quoted,
 * quotes doubled, line breaks inside a field kept (inside its quotes),
 * records ended by CRLF as RFC 4180 says.  Columns: rank, score, id, date,
 * title, author, source, url, tags (joined by "; "), text.  JSON Lines: one
 * object per line with the same keys; tags an array, date null when
 * unknown.
 *
 * Not for: choosing or ordering the articles (search.h).
 */
#ifndef BYL_EXPORT_H
#define BYL_EXPORT_H

#include <stddef.h>
#include <stdio.h>

#include "index/segwriter.h"

enum byl_export_format { BYL_EXPORT_JSONL = 0, BYL_EXPORT_CSV };

/* "jsonl" or "csv" to enum byl_export_format, or -1. */
int byl_export_parse(const char *name);

/* What goes before the first record (the CSV header line; nothing for
 * JSON Lines).  BYL_OK or BYL_EIO. */
int byl_export_begin(FILE *f, int format);

/* Writes one article (borrowed) with its rank (1-based) and score.
 * BYL_OK, BYL_EIO (a write failed), BYL_ENOMEM. */
int byl_export_write(FILE *f, int format, const byl_stored *st, size_t rank, double score);

#endif
