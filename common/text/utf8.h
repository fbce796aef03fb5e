/*
 * utf8.h - a defensive UTF-8 decoder and an encoder, for the analyzer and
 * anything else that walks user text code point by code point.
 *
 * byl_utf8_decode never reads past the end it is given and never fails:
 * an invalid, overlong, surrogate or truncated sequence decodes as U+FFFD
 * and consumes exactly one byte, so the caller resynchronises on the next
 * byte and any byte sequence is safe.
 *
 * Not for: normalization or character classes (utf8proc does those; the
 * analyzer wraps it), nor for validating whole documents.
 */
#ifndef BYL_UTF8_H
#define BYL_UTF8_H

#include <stddef.h>
#include <stdint.h>

#define BYL_UTF8_REPLACEMENT 0xFFFD

/* Decodes one code point from s[0..n) (n >= 1) into *cp and returns the
 * number of bytes it took (1..4).  Invalid input gives U+FFFD and 1. */
static inline size_t byl_utf8_decode(const uint8_t *s, size_t n, int32_t *cp)
{
    uint32_t c = s[0];
    if (c < 0x80) {
        *cp = (int32_t)c;
        return 1;
    }
    if (c >= 0xC2 && c <= 0xDF) {
        if (n >= 2 && (s[1] & 0xC0) == 0x80) {
            *cp = (int32_t)(((c & 0x1F) << 6) | (s[1] & 0x3F));
            return 2;
        }
    } else if (c >= 0xE0 && c <= 0xEF) {
        if (n >= 3 && (s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80) {
            uint32_t v = ((c & 0x0F) << 12) | ((uint32_t)(s[1] & 0x3F) << 6) |
                         (s[2] & 0x3F);
            if (v >= 0x800 && (v < 0xD800 || v > 0xDFFF)) {
                *cp = (int32_t)v;
                return 3;
            }
        }
    } else if (c >= 0xF0 && c <= 0xF4) {
        if (n >= 4 && (s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80 &&
            (s[3] & 0xC0) == 0x80) {
            uint32_t v = ((c & 0x07) << 18) | ((uint32_t)(s[1] & 0x3F) << 12) |
                         ((uint32_t)(s[2] & 0x3F) << 6) | (s[3] & 0x3F);
            if (v >= 0x10000 && v <= 0x10FFFF) {
                *cp = (int32_t)v;
                return 4;
            }
        }
    }
    *cp = BYL_UTF8_REPLACEMENT;
    return 1;
}

/* Encodes cp (a valid scalar value) into out (room for 4 bytes); returns the
 * number of bytes written, or 0 for a surrogate or out-of-range value. */
size_t byl_utf8_encode(int32_t cp, uint8_t *out);

#endif
