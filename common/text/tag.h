/*
 * tag.h - the search key of a tag (a category, section or keyword of an
 * article): the whole tag, so that "oil prices" is one term and never
 * matches an article tagged only "oil".
 *
 * The key is the tag in Unicode NFKC, case-folded, accents stripped, runs
 * of white space (and control characters) as one space, trimmed; bytes
 * that are not UTF-8 count as U+FFFD.  The indexer and the query planner
 * both call this, so "Oil  Prices" in a query finds "oil prices" in an
 * article.
 *
 * Not for: words of text (analyzer.h).
 */
#ifndef BYL_TAG_H
#define BYL_TAG_H

#include <stddef.h>

/* Writes the key of tag s[0..n) into out (room for cap bytes with the NUL,
 * cut at a character boundary when longer) and returns its length; 0 for a
 * blank tag or on lack of memory. */
size_t byl_tag_norm(const char *s, size_t n, char *out, size_t cap);

/* The key of tag s[0..n) whole, however long: a NUL-terminated string (free
 * with byl_free) of *len bytes, or NULL with *len = 0 for a blank tag or on
 * lack of memory.  What the dictionary holds is made of it by byl_tagkey
 * (index/idkey.h), which hashes a long one. */
char *byl_tag_norm_all(const char *s, size_t n, size_t *len);

#endif
