/*
 * test_jsonscan.c - Check suite for the JSON Lines fast path (doc/jsonscan.h)
 * against its oracle, jansson's json_loadb(JSON_ALLOW_NUL).
 *
 * The property: whatever the line, when the scanner takes it, jansson takes
 * it too and builds the same tree (same keys in the same order, same
 * values: compared as jansson's own compact dump); when the scanner
 * declines, the reader asks jansson, so nothing is lost.  The lines are
 * generated (seeded: nested objects and arrays, escapes, surrogate pairs,
 * multibyte text, integers, reals, literals, duplicate keys) and then
 * mutated (bytes flipped, dropped, doubled, cut short, invalid UTF-8 put
 * in); a plain generated record must be taken (or the fast path would
 * quietly stop being one).
 *
 * Not for: the reader's field rules (test_reader.c).
 */
#include <check.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_main.h"
#include "doc/jsonscan.h"
#include "gen.h"

typedef struct {
    char *p;
    size_t n, cap;
} sbuf;

static void put(sbuf *b, const void *s, size_t n)
{
    if (b->n + n + 1 > b->cap) {
        b->cap = (b->n + n + 1) * 2;
        b->p = realloc(b->p, b->cap);
        ck_assert_ptr_nonnull(b->p);
    }
    memcpy(b->p + b->n, s, n);
    b->n += n;
    b->p[b->n] = '\0';
}

static void puts_(sbuf *b, const char *s)
{
    put(b, s, strlen(s));
}

static void ws(sbuf *b, uint64_t *s)
{
    static const char *const w[] = {"", "", "", " ", "\t", "  ", "\r", " \r\n "};
    puts_(b, w[rnd(s) % 8]);
}

/* A string's body: ASCII, multibyte UTF-8, escapes of every kind. */
static void gen_string(sbuf *b, uint64_t *s, int plain)
{
    static const char *const parts[] = {
        "oil", " prices ", "Reuters", "caf\xc3\xa9", "\xe2\x82\xac" "5", "\xf0\x9f\x93\xb0",
        "Z\xc3\xbcrich", "a\x7f" "b", "\\\"", "\\\\", "\\/", "\\n", "\\t", "\\r", "\\b", "\\f",
        "\\u00e9", "\\u20AC", "\\u0000", "\\ud83d\\udcf0", "\\uD834\\uDD1E", "\\u0041",
    };
    put(b, "\"", 1);
    int n = (int)(rnd(s) % 6);
    for (int i = 0; i < n; i++) {
        size_t k = rnd(s) % (sizeof parts / sizeof *parts);
        if (plain && k >= 8)
            k %= 8;
        puts_(b, parts[k]);
    }
    put(b, "\"", 1);
}

static void gen_value(sbuf *b, uint64_t *s, int depth);

static void gen_number(sbuf *b, uint64_t *s)
{
    static const char *const nums[] = {
        "0",     "-0",   "7",     "-12",     "1234567890",     "123456789012345678",
        "-123456789012345678", "1.5", "-0.25", "3e5", "2E-3", "6.02e+23", "1e-300", "0.1",
    };
    char tmp[32];
    if (rnd(s) % 3 == 0) {
        snprintf(tmp, sizeof tmp, "%u", rnd(s));
        puts_(b, tmp);
    } else {
        puts_(b, nums[rnd(s) % (sizeof nums / sizeof *nums)]);
    }
}

static void gen_object(sbuf *b, uint64_t *s, int depth)
{
    static const char *const keys[] = {"id", "title", "text", "date", "author", "tags",
                                       "source", "url", "x", "", "caf\xc3\xa9", "id"};
    put(b, "{", 1);
    ws(b, s);
    int n = (int)(rnd(s) % (depth ? 4 : 8));
    for (int i = 0; i < n; i++) {
        if (i) {
            put(b, ",", 1);
            ws(b, s);
        }
        put(b, "\"", 1);
        puts_(b, keys[rnd(s) % (sizeof keys / sizeof *keys)]);
        put(b, "\"", 1);
        ws(b, s);
        put(b, ":", 1);
        ws(b, s);
        gen_value(b, s, depth + 1);
        ws(b, s);
    }
    put(b, "}", 1);
}

static void gen_value(sbuf *b, uint64_t *s, int depth)
{
    unsigned k = rnd(s) % (depth > 3 ? 6 : 8);
    switch (k) {
    case 0:
    case 1:
    case 2:
        gen_string(b, s, 0);
        break;
    case 3:
        gen_number(b, s);
        break;
    case 4:
        puts_(b, rnd(s) % 2 ? "true" : "null");
        break;
    case 5:
        puts_(b, "false");
        break;
    case 6:
        gen_object(b, s, depth);
        break;
    default: {
        put(b, "[", 1);
        int n = (int)(rnd(s) % 4);
        for (int i = 0; i < n; i++) {
            if (i)
                put(b, ",", 1);
            ws(b, s);
            gen_value(b, s, depth + 1);
        }
        ws(b, s);
        put(b, "]", 1);
    }
    }
}

/* Whether jansson finds a key given twice in an object of p[0..n). */
static int key_twice(const char *p, size_t n)
{
    json_error_t err;
    json_t *t = json_loadb(p, n, JSON_ALLOW_NUL | JSON_REJECT_DUPLICATES, &err);
    json_decref(t);
    return !t && json_error_code(&err) == json_error_duplicate_key;
}

/* Checks the property on one line; returns 1 if the scanner took it, 0
 * if it declined it, 2 if it declined it for a key given twice (which
 * the reader hands to jansson, to name the key). */
static int check_line(const char *p, size_t n)
{
    json_t *mine = NULL;
    int took = byl_json_scan(p, n, &mine);
    json_error_t err;
    json_t *ref = json_loadb(p, n, JSON_ALLOW_NUL, &err);
    if (!took) {
        ck_assert_ptr_null(mine);
        json_decref(ref);
        return key_twice(p, n) ? 2 : 0;
    }
    ck_assert_msg(!key_twice(p, n), "scanner took a key given twice: %.*s", (int)n, p);
    ck_assert_msg(ref != NULL, "scanner took a line jansson rejects (%s): %.*s", err.text,
                  (int)n, p);
    ck_assert(json_is_object(mine));
    char *a = json_dumps(mine, JSON_COMPACT | JSON_ENCODE_ANY);
    char *r = json_dumps(ref, JSON_COMPACT | JSON_ENCODE_ANY);
    ck_assert_ptr_nonnull(a);
    ck_assert_ptr_nonnull(r);
    ck_assert_msg(strcmp(a, r) == 0, "trees differ:\n  scan    %s\n  jansson %s", a, r);
    ck_assert(json_equal(mine, ref));
    free(a);
    free(r);
    json_decref(mine);
    json_decref(ref);
    return 1;
}

START_TEST(generated_records_match_jansson)
{
    uint64_t seed = 18;
    sbuf b = {0};
    int taken = 0, twice = 0;
    for (int i = 0; i < 4000; i++) {
        b.n = 0;
        ws(&b, &seed);
        gen_object(&b, &seed, 0);
        ws(&b, &seed);
        int c = check_line(b.p, b.n);
        taken += c == 1;
        twice += c == 2;
    }
    /* Only nesting past the depth limit and keys given twice decline; no
     * such nesting is generated. */
    ck_assert_int_eq(taken + twice, 4000);
    ck_assert_int_gt(taken, 1000);
    free(b.p);
}
END_TEST

/* Property: on generated records, the text byl_json_member_text gives for
 * each top-level member parses, as JSON, to the very value jansson read
 * (the last of a key given twice); a key not there is not found. */
START_TEST(member_text_is_the_value)
{
    uint64_t seed = 29;
    sbuf b = {0};
    int members = 0;
    for (int i = 0; i < 2000; i++) {
        b.n = 0;
        ws(&b, &seed);
        gen_object(&b, &seed, 0);
        ws(&b, &seed);
        json_error_t err;
        json_t *ref = json_loadb(b.p, b.n, JSON_ALLOW_NUL, &err);
        ck_assert_msg(ref != NULL, "%.*s: %s", (int)b.n, b.p, err.text);
        const char *key;
        json_t *v;
        json_object_foreach(ref, key, v) {
            const char *t;
            size_t tn;
            ck_assert_msg(byl_json_member_text(b.p, b.n, key, strlen(key), &t, &tn),
                          "%.*s: member %s not found", (int)b.n, b.p, key);
            json_t *got = json_loadb(t, tn, JSON_DECODE_ANY | JSON_ALLOW_NUL, &err);
            ck_assert_msg(got && json_equal(got, v), "%.*s: member %s: %.*s", (int)b.n, b.p,
                          key, (int)tn, t);
            json_decref(got);
            members++;
        }
        const char *t;
        size_t tn;
        ck_assert(!byl_json_member_text(b.p, b.n, "no such key", 11, &t, &tn));
        json_decref(ref);
    }
    ck_assert_int_gt(members, 2000);
    free(b.p);
}
END_TEST

/* Numbers no double holds become +-1e308, padded, outside strings only;
 * the rest of the line is left byte for byte. */
START_TEST(tame_numbers_beyond_a_double)
{
    char line[] = "{\"a\":1e400,\"b\":\"1e400\\\"\",\"c\":[-2e308, 1e308, 12345678901234567890],"
                  "\"d\":1e-400}";
    const char *want = "{\"a\":1e308,\"b\":\"1e400\\\"\",\"c\":[-1e308, 1e308, 12345678901234567890],"
                       "\"d\":1e-400}";
    ck_assert_uint_eq(byl_json_tame_numbers(line, strlen(line)), 2);
    ck_assert_str_eq(line, want);
    json_error_t err;
    json_t *t = json_loads(line, JSON_DECODE_INT_AS_REAL, &err);
    ck_assert_msg(t != NULL, "%s", err.text);
    json_decref(t);
}
END_TEST

START_TEST(mutated_records_never_differ)
{
    static const char *const junk[] = {"\xc0\x80", "\xed\xa0\x80", "\xf4\x90\x80\x80", "\xff",
                                       "\x80", "\xe2\x82", "\x01", "\\u", "\\ud800",
                                       "\\udc00", "\\x", "\"", ",", "}", "]", "{", "[",
                                       ":", "0", "-", ".", "e", "\f", "\0"};
    uint64_t seed = 1806;
    sbuf b = {0};
    int taken = 0, total = 0;
    for (int i = 0; i < 6000; i++) {
        b.n = 0;
        gen_object(&b, &seed, 0);
        int muts = 1 + (int)(rnd(&seed) % 3);
        for (int m = 0; m < muts && b.n; m++) {
            size_t at = rnd(&seed) % b.n;
            switch (rnd(&seed) % 5) {
            case 0: /* flip a bit */
                b.p[at] ^= (char)(1u << (rnd(&seed) % 8));
                break;
            case 1: /* drop a byte */
                memmove(b.p + at, b.p + at + 1, b.n - at - 1);
                b.n--;
                break;
            case 2: /* cut short */
                b.n = at;
                break;
            case 3: { /* put junk in */
                const char *j = junk[rnd(&seed) % (sizeof junk / sizeof *junk)];
                size_t jn = j[0] ? strlen(j) : 1;
                char *tail = strndup(b.p + at, b.n - at);
                b.n = at;
                put(&b, j, jn);
                put(&b, tail, strlen(tail));
                free(tail);
                break;
            }
            default: { /* double a stretch */
                size_t len = 1 + rnd(&seed) % 8;
                if (at + len > b.n)
                    len = b.n - at;
                char *dup = strndup(b.p + at, len);
                size_t dn = strlen(dup);
                char *tail = strndup(b.p + at, b.n - at);
                b.n = at;
                put(&b, dup, dn);
                put(&b, tail, strlen(tail));
                free(dup);
                free(tail);
            }
            }
        }
        taken += check_line(b.p, b.n) == 1;
        total++;
    }
    /* Some mutants stay valid JSON and must still be taken. */
    ck_assert_int_gt(taken, 0);
    ck_assert_int_lt(taken, total);
    free(b.p);
}
END_TEST

/* Lines at the edges of jansson's rules: each either taken with jansson's
 * tree or declined (check_line asserts which is allowed). */
START_TEST(edges_taken_or_declined)
{
    static const struct {
        const char *line;
        int taken; /* 1 must be taken, 0 must be declined */
    } cases[] = {
        {"{}", 1},
        {" { \"a\" : 1 } \r", 1},
        {"{\"a\":1}\f", 0},               /* \f is no JSON white space */
        {"{\"a\":01}", 0},                /* leading zero */
        {"{\"a\":1.}", 0},
        {"{\"a\":-}", 0},
        {"{\"a\":.5}", 0},
        {"{\"a\":1e400}", 0},             /* out of range: jansson's error */
        {"{\"a\":1e-400}", 0},            /* underflow: jansson decides */
        {"{\"a\":123456789012345678}", 1},
        {"{\"a\":9223372036854775807}", 0}, /* 19 digits: jansson decides */
        {"{\"a\":truex}", 0},
        {"{\"a\":nul}", 0},
        {"{\"a\":\"\\ud800\"}", 0},       /* unpaired high surrogate */
        {"{\"a\":\"\\udc00\"}", 0},       /* low surrogate alone */
        {"{\"a\":\"\\ud83d\\udcf0\"}", 1},
        {"{\"a\":\"x\\u0000y\"}", 1},     /* NUL allowed in values */
        {"{\"a\\u0000\":1}", 0},          /* escaped keys go to jansson */
        {"{\"a\":\"\xc0\x80\"}", 0},      /* overlong */
        {"{\"a\":\"\xed\xa0\x80\"}", 0},  /* encoded surrogate */
        {"{\"a\":\"\xf4\x90\x80\x80\"}", 0}, /* above U+10FFFF */
        {"{\"a\":\"\xf4\x8f\xbf\xbf\"}", 1},
        {"{\"a\":\"tab\there\"}", 0},     /* raw control byte */
        {"{\"a\":1,\"a\":2}", 2},         /* a key twice: jansson reads it, the reader says so */
        {"{\"a\":1,}", 0},
        {"{\"a\" 1}", 0},
        {"[1,2]", 0},                     /* not an object */
        {"\"s\"", 0},
        {"{\"a\":1}{}", 0},
        {"{\"a\":[]}", 1},
        {"{\"a\":[1,]}", 0},
        {"{\"a\":\"\\q\"}", 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        const char *p = cases[i].line;
        int got = check_line(p, strlen(p));
        ck_assert_msg(got == cases[i].taken, "%s: taken %d", p, got);
    }
    /* nesting: 32 levels taken, 33 for jansson */
    sbuf b = {0};
    for (int depth = 31; depth <= 33; depth++) {
        b.n = 0;
        puts_(&b, "{\"a\":");
        for (int i = 1; i < depth; i++)
            puts_(&b, "[");
        puts_(&b, "1");
        for (int i = 1; i < depth; i++)
            puts_(&b, "]");
        puts_(&b, "}");
        ck_assert_int_eq(check_line(b.p, b.n), depth <= BYL_JSCAN_DEPTH);
    }
    free(b.p);
}
END_TEST

static Suite *jsonscan_suite(void)
{
    Suite *s = suite_create("jsonscan");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, generated_records_match_jansson);
    tcase_add_test(tc, mutated_records_never_differ);
    tcase_add_test(tc, edges_taken_or_declined);
    tcase_add_test(tc, member_text_is_the_value);
    tcase_add_test(tc, tame_numbers_beyond_a_double);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return byl_test_run(jsonscan_suite());
}
