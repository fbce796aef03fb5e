/*
 * jsonscan.h - the fast path of JSON Lines reading: one record's line turned
 * into the same jansson tree json_loadb(p, n, JSON_ALLOW_NUL) would build,
 * without jansson's byte-at-a-time lexer.
 *
 * It is strict and declines what it is not sure of: anything it does not
 * accept exactly as jansson would (a line that is not one object, bad
 * syntax, invalid UTF-8, a control byte, an unpaired surrogate, a NUL in a
 * key, an integer of 19 digits or more, a real strtod calls out of range,
 * nesting deeper than BYL_JSCAN_DEPTH) returns 0, and the caller hands the
 * line to jansson, which then builds the tree or names the error.  So the
 * reader's results and messages stay jansson's; tests/test_jsonscan.c holds
 * the two to the same trees on generated and mutated lines.
 *
 * Not for: JSON outside JSON Lines records, or error messages.
 */
#ifndef BYL_JSONSCAN_H
#define BYL_JSONSCAN_H

#include <jansson.h>
#include <stddef.h>

#define BYL_JSCAN_DEPTH 32 /* deeper nesting goes to jansson */

/* Parses p[0..n) (one line, no LF inside) as one JSON object followed by
 * white space only.  Returns 1 and sets *out to a new tree (the caller owns
 * it: json_decref), or 0 with *out NULL when the line is for jansson to
 * read (anything declined above, an object with a key given twice, or
 * out of memory). */
int byl_json_scan(const char *p, size_t n, json_t **out);

/* The text of the value of the top-level member named key[0..klen) (its
 * name decoded, escapes and all; the last one when a key is given twice)
 * in the line p[0..n), exactly as written: "12345678901234567890", "1e2",
 * "\"a\"" with its quotes.  For a number, whose digits jansson does not
 * keep (a double, or an overflow error).  Returns 1 and sets *vp (into p)
 * and *vn, or 0 when there is no such member or the line is not one JSON
 * object. */
int byl_json_member_text(const char *p, size_t n, const char *key, size_t klen, const char **vp,
                         size_t *vn);

/* Rewrites in place, in the line p[0..n) (NUL at p[n]), every number
 * outside strings that no double holds (a 400-digit integer, 1e400: valid
 * JSON that jansson refuses as "real number overflow") as 1e308 or -1e308,
 * padded with spaces to its length.  Returns how many it rewrote. */
size_t byl_json_tame_numbers(char *p, size_t n);

#endif
