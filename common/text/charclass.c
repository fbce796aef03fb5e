/*
 * charclass.c - the class of a character for the analyzer's lexer: space,
 * line break, punctuation of several kinds (sentence end, dot, hyphen, &,
 * comma, apostrophe, @, #), CJK, combining mark, upper/lower/other letter,
 * digit.  ASCII is a table the analyzer keeps (filled here); beyond it the
 * class comes from a few explicit cases and utf8proc's categories.
 *
 * Not for: deciding what a word is (lexer.c), nor case mapping
 * (normalize.c).
 */
#include "text/_analyzer.h"

/* ---- character classes -------------------------------------------------- */

void byl_charclass_ascii(uint8_t *cls)
{
    for (int c = 0; c < 128; c++) {
        int k = C_PUNCT;
        if (c >= 'A' && c <= 'Z')
            k = C_UPPER;
        else if (c >= 'a' && c <= 'z')
            k = C_LOWER;
        else if (c >= '0' && c <= '9')
            k = C_DIGIT;
        else if (c == '\n')
            k = C_NL;
        else if (c < 0x20 || c == ' ' || c == 0x7F)
            k = C_SPACE;
        else if (c == '.')
            k = C_DOT;
        else if (c == '!' || c == '?')
            k = C_SENT;
        else if (c == '-')
            k = C_HYPHEN;
        else if (c == '&')
            k = C_AMP;
        else if (c == ',')
            k = C_COMMA;
        else if (c == '\'')
            k = C_APOS;
        else if (c == '@')
            k = C_AT;
        else if (c == '#')
            k = C_HASH;
        cls[c] = (uint8_t)k;
    }
}

static int is_cjk(int32_t cp)
{
    return (cp >= 0x3040 && cp <= 0x309A) || (cp >= 0x309D && cp <= 0x30FF) ||
           (cp >= 0x31F0 && cp <= 0x31FF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
           (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
           (cp >= 0x20000 && cp <= 0x3134F) || (cp >= 0xAC00 && cp <= 0xD7AF) ||
           (cp >= 0x1100 && cp <= 0x11FF) || (cp >= 0x3130 && cp <= 0x318F) ||
           (cp >= 0xA960 && cp <= 0xA97F) || (cp >= 0xD7B0 && cp <= 0xD7FF) ||
           (cp >= 0xFF66 && cp <= 0xFF9F) || (cp >= 0xFFA0 && cp <= 0xFFDC) ||
           cp == 0x3005 || cp == 0x3006 || cp == 0x3007 || cp == 0x303B;
}

/* Class of a non-ASCII code point.  The explicit cases are the characters
 * whose Unicode category would mislead: apostrophes and hyphens that join
 * words, spaces that are format characters, full-width ASCII punctuation. */
int byl_charclass_cp(int32_t cp)
{
    switch (cp) {
    case 0x2019: case 0x02BC: case 0xFF07:
        return C_APOS;
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2212:
    case 0xFE63: case 0xFF0D:
        return C_HYPHEN;
    case 0xFF0E:
        return C_DOT;
    case 0xFF06:
        return C_AMP;
    case 0xFF20:
        return C_AT;
    case 0xFF03:
        return C_HASH;
    case 0x00A0: case 0x200B: case 0x202F: case 0x205F: case 0x3000:
    case 0x1680: case 0x180E:
        return C_SPACE;
    case 0x0085: case 0x2028: case 0x2029:
        return C_NL;
    case 0x00AD: case 0x200C: case 0x200D: case 0x2060: case 0xFEFF:
    case 0x034F:
        return C_IGNORE;
    case 0x3002: case 0xFF01: case 0xFF1F: case 0xFF61: case 0x0964:
    case 0x0965: case 0x061F: case 0x06D4: case 0x2026:
        return C_SENT;
    case 0x30FB: case 0xFF65: case 0x30A0: case 0xFFFD:
        return C_PUNCT;
    }
    if (is_cjk(cp))
        return C_CJK;
    switch (utf8proc_get_property(cp)->category) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LT:
        return C_UPPER;
    case UTF8PROC_CATEGORY_LL:
        return C_LOWER;
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_NL:
        return C_OLETTER;
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ME:
        return C_MARK;
    case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NO:
        return C_DIGIT;
    case UTF8PROC_CATEGORY_ZS:
    case UTF8PROC_CATEGORY_CC:
        return C_SPACE;
    case UTF8PROC_CATEGORY_ZL:
    case UTF8PROC_CATEGORY_ZP:
        return C_NL;
    case UTF8PROC_CATEGORY_CF:
        return C_IGNORE;
    default:
        return C_PUNCT;
    }
}

/* Class of the character at s[i] (i < to); its length goes to *n. */
