/*
 * test_words.c - Check suite for the word lists (text/words.h).
 *
 * Properties: the hash table answers as a linear scan of its own words
 * does, for every word, for its upper-case form (byl_word_roles_ci), and for
 * random strings and mutations of the words (one byte changed, cut, grown),
 * so that no word is lost and no word is invented; every list is lower case
 * and within BYL_WORD_MAX bytes; every role bit is held by some word; the
 * first use from several threads at once builds one table.  Examples: a word
 * of each list, and the differences words.h documents (two particle lists,
 * three stop-word lists), so that merging them is a decision, not an
 * accident.  Bylines: the byline reader takes its particles from the same
 * list as the analyzer (dela, bint, af), and "do" and "e" still.
 */
#include <check.h>

#include "check_main.h"
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "doc/_reader.h"
#include "text/words.h"
#include "util/mem.h"

#define NROLES 31

struct word {
    char w[BYL_WORD_MAX + 1];
    size_t len;
    unsigned roles;
};

struct all {
    struct word w[2048];
    size_t n;
};

static int collect(const char *w, unsigned roles, void *ctx)
{
    struct all *a = ctx;
    ck_assert_uint_lt(a->n, 2048);
    strcpy(a->w[a->n].w, w);
    a->w[a->n].len = strlen(w);
    a->w[a->n++].roles = roles;
    return 0;
}

/* Shorter first, then by bytes: the order the oracle searches. */
static int cmp_word(const void *x, const void *y)
{
    const struct word *p = x, *q = y;
    if (p->len != q->len)
        return p->len < q->len ? -1 : 1;
    return memcmp(p->w, q->w, p->len);
}

static struct all *all_words(void)
{
    struct all *a = calloc(1, sizeof *a);
    ck_assert_ptr_nonnull(a);
    ck_assert_int_eq(byl_words_each(collect, a), 0);
    qsort(a->w, a->n, sizeof a->w[0], cmp_word);
    return a;
}

/* The oracle: a binary search of the table's own words, sorted apart
 * from the hash table. */
static unsigned scan(const struct all *a, const char *w, size_t n)
{
    struct word key;
    if (n > BYL_WORD_MAX)
        return 0;
    memcpy(key.w, w, n);
    key.len = n;
    const struct word *f = bsearch(&key, a->w, a->n, sizeof a->w[0], cmp_word);
    return f ? f->roles : 0;
}

static void *first_use(void *arg)
{
    unsigned *r = arg;
    *r = byl_word_roles("senator", 7);
    return NULL;
}

/* Runs first in its process (Check forks each test; with CK_FORK=no it is
 * still the first test): four threads race to build the table. */
START_TEST(test_first_use_from_threads)
{
    pthread_t t[4];
    unsigned r[4] = {0, 0, 0, 0};
    for (int i = 0; i < 4; i++)
        ck_assert_int_eq(pthread_create(&t[i], NULL, first_use, &r[i]), 0);
    for (int i = 0; i < 4; i++) {
        pthread_join(t[i], NULL);
        ck_assert_uint_eq(r[i], BYL_W_TITLE);
    }
}
END_TEST

START_TEST(test_lists_are_lower_case_and_short)
{
    struct all *a = all_words();
    ck_assert_uint_gt(a->n, 900);
    unsigned seen = 0;
    for (size_t i = 0; i < a->n; i++) {
        const struct word *x = &a->w[i];
        ck_assert_msg(x->len >= 1 && x->len <= BYL_WORD_MAX, "[%s] length %zu", x->w, x->len);
        for (size_t k = 0; k < x->len; k++)
            ck_assert_msg(!(x->w[k] >= 'A' && x->w[k] <= 'Z'), "[%s] has a capital", x->w);
        ck_assert_msg(x->roles != 0 && x->roles < (1u << NROLES), "[%s] roles %#x", x->w,
                      x->roles);
        seen |= x->roles;
        /* sorted, so a word twice would be next to itself */
        ck_assert_msg(i == 0 || cmp_word(&a->w[i - 1], x) != 0, "[%s] twice in the table", x->w);
    }
    ck_assert_uint_eq(seen, (1u << NROLES) - 1); /* every list holds words */
    free(a);
}
END_TEST

START_TEST(test_every_word_is_found)
{
    struct all *a = all_words();
    for (size_t i = 0; i < a->n; i++) {
        const char *w = a->w[i].w;
        size_t n = a->w[i].len;
        char up[BYL_WORD_MAX + 1];
        ck_assert_uint_eq(byl_word_roles(w, n), a->w[i].roles);
        for (size_t k = 0; k <= n; k++)
            up[k] = w[k] >= 'a' && w[k] <= 'z' ? (char)(w[k] - 32) : w[k];
        ck_assert_uint_eq(byl_word_roles_ci(up, n), a->w[i].roles);
        ck_assert_uint_eq(byl_word_roles_ci(w, n), a->w[i].roles);
        /* the exact lookup does not fold case */
        if (strcmp(up, w) != 0)
            ck_assert_uint_eq(byl_word_roles(up, n), scan(a, up, n));
        /* a word need not be NUL-terminated: a prefix is looked up alone */
        ck_assert_uint_eq(byl_word_roles(w, n - 1), scan(a, w, n - 1));
    }
    free(a);
}
END_TEST

/* Random strings and mutated list words: the table agrees with the scan,
 * and nothing crashes on any byte (NUL, high bytes) or length. */
START_TEST(test_random_and_mutated_words)
{
    struct all *a = all_words();
    uint64_t x = 0x2545F4914F6CDD1Dull;
    char buf[64];
    size_t found = 0;
    for (int it = 0; it < 200000; it++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        size_t n;
        if (it % 2) {
            n = x % 24;
            for (size_t k = 0; k < n; k++) {
                x ^= x << 13, x ^= x >> 7, x ^= x << 17;
                buf[k] = (char)(x % 3 ? 'a' + x % 26 : x >> 8);
            }
        } else {
            const char *w = a->w[x % a->n].w;
            n = a->w[x % a->n].len;
            memcpy(buf, w, n);
            switch ((x >> 20) % 4) {
            case 0: buf[(x >> 24) % n] = (char)(x >> 32); break;     /* one byte changed */
            case 1: n = (x >> 24) % (n + 1); break;                   /* cut */
            case 2: buf[n++] = (char)('a' + (x >> 24) % 26); break;   /* grown */
            default: break;                                           /* as it is */
            }
        }
        unsigned want = n <= BYL_WORD_MAX ? scan(a, buf, n) : 0;
        ck_assert_uint_eq(byl_word_roles(buf, n), want);
        found += want != 0;
    }
    ck_assert_uint_gt(found, 25000); /* the mutations did reach the words */
    ck_assert_uint_eq(byl_word_roles(NULL, 3), 0);
    ck_assert_uint_eq(byl_word_roles("", 0), 0);
    ck_assert_uint_eq(byl_word_roles_ci(NULL, 3), 0);
    ck_assert_uint_eq(byl_word_roles("a", 0), 0);
    free(a);
}
END_TEST

START_TEST(test_a_word_of_each_list)
{
    static const struct {
        const char *w;
        unsigned role;
    } ex[] = {
        {"meanwhile", BYL_W_STOP},     {"president", BYL_W_TITLE},  {"von", BYL_W_PARTICLE},
        {"september", BYL_W_DATE},     {"inc", BYL_W_SUFFIX},       {"approx", BYL_W_ABBR},
        {"university", BYL_W_ORG},     {"for", BYL_W_OF},           {"may", BYL_W_DATENUM},
        {"updated", BYL_W_LABEL},      {"beijing", BYL_W_PLACE},    {"gdp", BYL_W_NOTORG},
        {"and", BYL_W_AND},            {"correspondent", BYL_W_BY_ROLE},
        {"do", BYL_W_BY_PARTICLE},     {"midnight", BYL_W_BY_COMMON},
        {"yourselves", BYL_W_Q_STOP},  {"who", BYL_W_Q_ACRONYM},
    };
    for (size_t i = 0; i < sizeof ex / sizeof *ex; i++)
        ck_assert_msg(byl_word_roles(ex[i].w, strlen(ex[i].w)) & ex[i].role, "[%s]", ex[i].w);
    ck_assert(byl_word_query_stop("themselves", 10));
    ck_assert(!byl_word_query_stop("Themselves", 10)); /* exact bytes */
    ck_assert(!byl_word_query_stop("shares", 6));
    ck_assert(byl_word_acronym_function("us", 2));
    ck_assert(!byl_word_acronym_function("US", 2));
    ck_assert(!byl_word_acronym_function("the", 3));
    /* "minister-president" (18 bytes) was never found by the analyzer */
    ck_assert_uint_eq(byl_word_roles("minister-president", 18), 0);
    ck_assert_uint_eq(byl_word_roles("president-elect", 15), BYL_W_TITLE);
}
END_TEST

/* The differences words.h explains: each is deliberate. */
START_TEST(test_documented_differences)
{
    /* do and e: particles of bylines only */
    ck_assert_uint_eq(byl_word_roles("do", 2) & (BYL_W_PARTICLE | BYL_W_BY_PARTICLE),
                      BYL_W_BY_PARTICLE);
    ck_assert_uint_eq(byl_word_roles("e", 1) & (BYL_W_PARTICLE | BYL_W_BY_PARTICLE),
                      BYL_W_BY_PARTICLE);
    /* the analyzer's stop words hold news words a query keeps */
    ck_assert_uint_eq(byl_word_roles("shares", 6) & (BYL_W_STOP | BYL_W_Q_STOP), BYL_W_STOP);
    /* the query's hold function words the analyzer lets start a name */
    ck_assert_uint_eq(byl_word_roles("own", 3) & (BYL_W_STOP | BYL_W_Q_STOP), BYL_W_Q_STOP);
    /* the byline's common words hold nouns no stop list has */
    ck_assert_uint_eq(byl_word_roles("car", 3) & (BYL_W_STOP | BYL_W_Q_STOP | BYL_W_BY_COMMON),
                      BYL_W_BY_COMMON);
}
END_TEST

static char *byline(const char *s)
{
    byl_buf b;
    byl_buf_init(&b);
    const char *agency = NULL;
    byl_rd_byline(s, strlen(s), 1, &b, 0, &agency);
    byl_buf_put(&b, "", 1);
    char *r = strdup(b.failed ? "" : (const char *)b.data);
    byl_buf_reset(&b);
    return r;
}

START_TEST(test_byline_particles)
{
    static const struct {
        const char *line, *names;
    } ex[] = {
        {"By Maria dela Cruz", "Maria dela Cruz"},
        {"By Amal bint Hassan", "Amal bint Hassan"},
        {"By Karl af Trolle", "Karl af Trolle"},
        {"By Jean des Cars", "Jean des Cars"},
        {"By João do Rio", "João do Rio"},
        {"By Ursula von der Leyen", "Ursula von der Leyen"},
        {"BY MARIA DELA CRUZ", "Maria dela Cruz"},
        {"By Jane Roe, Staff Writer", "Jane Roe"},
        {"by the time", ""},
    };
    for (size_t i = 0; i < sizeof ex / sizeof *ex; i++) {
        char *got = byline(ex[i].line);
        ck_assert_msg(strcmp(got, ex[i].names) == 0, "[%s] -> [%s], not [%s]", ex[i].line, got,
                      ex[i].names);
        free(got);
    }
}
END_TEST

/* The reader's phrase lists: each holds phrases in lower case, each is
 * found in any ASCII case and not with its last byte cut, and an unknown
 * list holds nothing. */
START_TEST(test_phrase_lists)
{
    for (int l = 0; l < BYL_PL_COUNT; l++) {
        size_t n;
        const char *const *p = byl_phrase_list(l, &n);
        ck_assert_ptr_nonnull(p);
        ck_assert_uint_gt(n, 0);
        for (size_t i = 0; i < n; i++) {
            size_t len = strlen(p[i]);
            char up[64];
            ck_assert_uint_lt(len, sizeof up);
            for (size_t k = 0; k < len; k++) {
                ck_assert_msg(!(p[i][k] >= 'A' && p[i][k] <= 'Z'), "list %d: [%s]", l, p[i]);
                up[k] = p[i][k] >= 'a' && p[i][k] <= 'z' ? (char)(p[i][k] - 32) : p[i][k];
            }
            ck_assert(byl_phrase_is(l, p[i], len));
            ck_assert_msg(byl_phrase_is(l, up, len), "list %d: [%.*s]", l, (int)len, up);
        }
    }
    size_t n = 7;
    ck_assert_ptr_null(byl_phrase_list(BYL_PL_COUNT, &n));
    ck_assert_uint_eq(n, 0);
    ck_assert(!byl_phrase_is(-1, "news", 4));
    ck_assert(!byl_phrase_is(BYL_PL_COUNT, "news", 4));
    ck_assert(byl_phrase_is(BYL_PL_SECTION, "World News", 10));
    ck_assert(!byl_phrase_is(BYL_PL_SECTION, "World New", 9));
    ck_assert(byl_phrase_is(BYL_PL_DESK, "Agentur", 7));
    ck_assert(!byl_phrase_is(BYL_PL_DESK, "Bank", 4)); /* a surname too */
}
END_TEST

int main(void)
{
    Suite *su = suite_create("words");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_first_use_from_threads);
    tcase_add_test(tc, test_phrase_lists);
    tcase_add_test(tc, test_lists_are_lower_case_and_short);
    tcase_add_test(tc, test_every_word_is_found);
    tcase_add_test(tc, test_random_and_mutated_words);
    tcase_add_test(tc, test_a_word_of_each_list);
    tcase_add_test(tc, test_documented_differences);
    tcase_add_test(tc, test_byline_particles);
    suite_add_tcase(su, tc);
    return byl_test_run(su);
}
