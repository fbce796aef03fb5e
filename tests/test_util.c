/*
 * test_util.c - status codes and messages, the allocation hook and its
 * failure injection, byl_buf, the huge-page allocations, and reading a
 * range of a file whole.
 */
#include <check.h>

#include "check_main.h"
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/bytes.h"
#include "util/checked.h"
#include "util/err.h"
#include "util/mem.h"
#include "util/regular.h"

START_TEST(test_error_messages)
{
    byl_error_clear();
    ck_assert_str_eq(byl_error_msg(), "success");
    ck_assert_int_eq(byl_error_set(BYL_ECORRUPT, "page %d bad", 7), BYL_ECORRUPT);
    ck_assert_str_eq(byl_error_msg(), "page 7 bad");
    byl_error_clear();
    ck_assert_str_eq(byl_strerror(BYL_ENOMEM), "out of memory");
    ck_assert_str_eq(byl_strerror(-999), "unknown error");
    /* an over-long message is cut, never overflows */
    char big[4000];
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    byl_error_set(BYL_EIO, "%s", big);
    ck_assert_uint_lt(strlen(byl_error_msg()), sizeof big);
}
END_TEST

START_TEST(test_failure_injection)
{
    byl_mem_fail_after(2);
    void *a = byl_malloc(10), *b = byl_calloc(2, 8), *c = byl_malloc(1), *d = byl_strdup("x");
    byl_mem_fail_after(-1);
    ck_assert_ptr_nonnull(a);
    ck_assert_ptr_nonnull(b);
    ck_assert_ptr_null(c);
    ck_assert_ptr_null(d);
    void *e = byl_malloc(0); /* zero-size requests still give a pointer */
    ck_assert_ptr_nonnull(e);
    byl_free(a);
    byl_free(b);
    byl_free(e);
    byl_free(NULL);
    char *s = byl_strndup("abcdef", 3);
    ck_assert_str_eq(s, "abc");
    byl_free(s);
}
END_TEST

START_TEST(test_buf)
{
    byl_buf b;
    byl_buf_init(&b);
    for (int i = 0; i < 10000; i++)
        byl_buf_put_vbyte(&b, (uint64_t)i * 977);
    byl_buf_put_str(&b, "tail", 4);
    ck_assert(!b.failed);
    const uint8_t *p = b.data, *end = b.data + b.len;
    for (int i = 0; i < 10000; i++) {
        uint64_t v;
        ck_assert_int_eq(byl_vbyte_get(&p, end, &v), 0);
        ck_assert_uint_eq(v, (uint64_t)i * 977);
    }
    uint64_t n;
    ck_assert_int_eq(byl_vbyte_get(&p, end, &n), 0);
    ck_assert_uint_eq(n, 4);
    ck_assert_mem_eq(p, "tail", 4);
    byl_buf_zero(&b, 5);
    ck_assert_uint_eq(b.data[b.len - 1], 0);
    byl_buf_reset(&b);
    ck_assert_ptr_null(b.data);
    ck_assert_uint_eq(b.len, 0);
}
END_TEST

/* A sealed small file verifies; every truncation, every flipped bit and
 * every version outside the range read is refused, never read past. */
START_TEST(test_checked_frame)
{
    static const byl_checked_kind k = {"BYLTST\r\n", 2, 3, 4, "test file"};
    byl_buf b;
    byl_buf_init(&b);
    byl_checked_begin(&b, k.magic, 3);
    for (uint32_t i = 0; i < 20; i++)
        byl_buf_put_u32(&b, i * 2654435761u);
    ck_assert_int_eq(byl_checked_seal(&b), BYL_OK);
    uint32_t v;
    const uint8_t *body;
    size_t blen;
    ck_assert_int_eq(byl_checked_verify(b.data, b.len, &k, "f", &v, &body, &blen), BYL_OK);
    ck_assert_uint_eq(v, 3);
    ck_assert_uint_eq(blen, 80);
    ck_assert_uint_eq(byl_get_u32(body + 4), 2654435761u);
    for (size_t n = 0; n < b.len; n++)
        ck_assert_int_eq(byl_checked_verify(b.data, n, &k, "f", NULL, NULL, NULL), BYL_ECORRUPT);
    for (size_t i = 0; i < b.len; i++)
        for (int bit = 0; bit < 8; bit++) {
            b.data[i] ^= (uint8_t)(1u << bit);
            int rc = byl_checked_verify(b.data, b.len, &k, "f", NULL, NULL, NULL);
            /* a changed version byte may name a version not read */
            ck_assert(rc == BYL_ECORRUPT || (rc == BYL_EVERSION && i >= 8 && i < 12));
            b.data[i] ^= (uint8_t)(1u << bit);
        }
    byl_buf_reset(&b);
    byl_checked_begin(&b, k.magic, 4);
    byl_buf_put_u32(&b, 7);
    ck_assert_int_eq(byl_checked_seal(&b), BYL_OK);
    ck_assert_int_eq(byl_checked_verify(b.data, b.len, &k, "f", NULL, NULL, NULL), BYL_EVERSION);
    ck_assert_ptr_nonnull(strstr(byl_error_msg(), "f: test file version 4, this program reads 2 to 3"));
    byl_buf_reset(&b);
}
END_TEST

/* Huge-page allocations: aligned and whole at every size around the
 * threshold (small ones plain), and an injected failure is a NULL. */
START_TEST(test_huge_alloc)
{
    size_t sizes[] = {1, 4096, BYL_HUGE_PAGE - 1, BYL_HUGE_PAGE, BYL_HUGE_PAGE + 1,
                      3 * BYL_HUGE_PAGE + 5};
    for (size_t i = 0; i < sizeof sizes / sizeof *sizes; i++) {
        uint8_t *p = byl_malloc_huge(sizes[i]);
        ck_assert_ptr_nonnull(p);
        if (sizes[i] >= BYL_HUGE_PAGE)
            ck_assert_uint_eq((uintptr_t)p % BYL_HUGE_PAGE, 0);
        for (size_t k = 0; k < sizes[i]; k++)
            p[k] = (uint8_t)(k * 31 + 7);
        for (size_t k = 0; k < sizes[i]; k += 997)
            ck_assert_uint_eq(p[k], (uint8_t)(k * 31 + 7));
        ck_assert_uint_eq(p[sizes[i] - 1], (uint8_t)((sizes[i] - 1) * 31 + 7));
        byl_free(p);
    }
    byl_mem_fail_after(0);
    ck_assert_ptr_null(byl_malloc_huge(BYL_HUGE_PAGE));
    ck_assert_ptr_null(byl_malloc_huge(10));
    byl_mem_fail_after(-1);
}
END_TEST

/* byl_pread_all: every range of a file reads back as written, from any
 * offset and of any length to its end; a range past the end is BYL_EIO
 * naming the file and "end of file". */
START_TEST(test_pread_all)
{
    char path[] = "/tmp/byl_test_preadXXXXXX";
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    uint8_t data[10000], buf[10000];
    for (size_t i = 0; i < sizeof data; i++)
        data[i] = (uint8_t)(i * 131 + 7);
    ck_assert_int_eq(write(fd, data, sizeof data), (ssize_t)sizeof data);
    uint64_t seed = 3;
    for (int it = 0; it < 500; it++) {
        seed = seed * 6364136223846793005ull + 1442695040888963407ull;
        size_t off = (size_t)(seed >> 33) % sizeof data;
        size_t n = (size_t)(seed >> 13) % (sizeof data - off + 1);
        ck_assert_int_eq(byl_pread_all(fd, path, buf, n, off), BYL_OK);
        ck_assert_mem_eq(buf, data + off, n);
    }
    ck_assert_int_eq(byl_pread_all(fd, path, buf, 2, sizeof data - 1), BYL_EIO);
    ck_assert_ptr_nonnull(strstr(byl_error_msg(), path));
    ck_assert_ptr_nonnull(strstr(byl_error_msg(), "end of file"));
    close(fd);
    unlink(path);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("util");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_error_messages);
    tcase_add_test(tc, test_failure_injection);
    tcase_add_test(tc, test_buf);
    tcase_add_test(tc, test_checked_frame);
    tcase_add_test(tc, test_huge_alloc);
    tcase_add_test(tc, test_pread_all);
    suite_add_tcase(s, tc);
    return byl_test_run(s);
}
