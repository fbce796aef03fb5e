/*
 * test_codec.c - block bit packing and variable-byte integers: round trips
 * at every width, and refusal of malformed input.
 */
#include <check.h>

#include "check_main.h"
#include <stdlib.h>
#include <string.h>

#include "index/codec.h"
#include "util/bytes.h"
#include "util/mem.h"

static uint32_t rnd(uint64_t *s)
{
    *s = *s * 6364136223846793005ull + 1442695040888963407ull;
    return (uint32_t)(*s >> 32);
}

START_TEST(test_roundtrip_every_width)
{
    uint64_t seed = 42;
    for (unsigned b = 0; b <= 32; b++) {
        uint32_t in[BYL_BLOCK], out[BYL_BLOCK];
        for (int i = 0; i < BYL_BLOCK; i++) {
            uint32_t v = rnd(&seed);
            in[i] = b == 0 ? 0 : b == 32 ? v : v & ((1u << b) - 1);
        }
        if (b > 0)
            in[7] = b == 32 ? UINT32_MAX : (1u << b) - 1; /* force the full width */
        uint8_t buf[1 + 16 * 32];
        size_t n = byl_block_pack(in, buf);
        ck_assert_uint_eq(n, byl_block_size(b));
        ck_assert_uint_eq(buf[0], b);
        memset(out, 0xAB, sizeof out);
        ck_assert_uint_eq(byl_block_unpack(buf, buf + n, out), n);
        ck_assert_mem_eq(in, out, sizeof in);
    }
}
END_TEST

START_TEST(test_unpack_rejects_malformed)
{
    uint32_t in[BYL_BLOCK] = {0}, out[BYL_BLOCK];
    in[3] = 1000;
    uint8_t buf[1 + 16 * 32];
    size_t n = byl_block_pack(in, buf);
    /* truncated by one byte */
    ck_assert_uint_eq(byl_block_unpack(buf, buf + n - 1, out), 0);
    /* empty */
    ck_assert_uint_eq(byl_block_unpack(buf, buf, out), 0);
    /* impossible width */
    buf[0] = 33;
    ck_assert_uint_eq(byl_block_unpack(buf, buf + sizeof buf, out), 0);
}
END_TEST

START_TEST(test_vbyte)
{
    const uint64_t vals[] = {0, 1, 127, 128, 300, 16383, 16384, UINT32_MAX, UINT64_MAX};
    uint8_t buf[16];
    for (size_t i = 0; i < sizeof vals / sizeof *vals; i++) {
        size_t n = byl_vbyte_put(buf, vals[i]);
        const uint8_t *p = buf;
        uint64_t v;
        ck_assert_int_eq(byl_vbyte_get(&p, buf + n, &v), 0);
        ck_assert_uint_eq(v, vals[i]);
        ck_assert_ptr_eq(p, buf + n);
        /* one byte short fails and does not move */
        p = buf;
        ck_assert_int_eq(byl_vbyte_get(&p, buf + n - 1, &v), -1);
        ck_assert_ptr_eq(p, buf);
    }
    /* eleven continuation bytes: longer than 64 bits */
    memset(buf, 0xff, sizeof buf);
    const uint8_t *p = buf;
    uint64_t v;
    ck_assert_int_eq(byl_vbyte_get(&p, buf + sizeof buf, &v), -1);
}
END_TEST

START_TEST(test_buf_writers_and_oom)
{
    byl_buf b;
    byl_buf_init(&b);
    byl_buf_put_u16(&b, 0x1234);
    byl_buf_put_u32(&b, 0xdeadbeef);
    byl_buf_put_u64(&b, 0x0102030405060708ull);
    ck_assert_uint_eq(b.len, 14);
    ck_assert_uint_eq(byl_get_u16(b.data), 0x1234);
    ck_assert_uint_eq(byl_get_u32(b.data + 2), 0xdeadbeef);
    ck_assert_uint_eq(byl_get_u64(b.data + 6), 0x0102030405060708ull);
    byl_buf_reset(&b);
    byl_mem_fail_after(0);
    byl_buf_put_u32(&b, 1);
    byl_mem_fail_after(-1);
    ck_assert_int_eq(b.failed, 1);
    byl_buf_put_u32(&b, 2); /* sticky: still failed, nothing written */
    ck_assert_uint_eq(b.len, 0);
    byl_buf_reset(&b);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("codec");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_roundtrip_every_width);
    tcase_add_test(tc, test_unpack_rejects_malformed);
    tcase_add_test(tc, test_vbyte);
    tcase_add_test(tc, test_buf_writers_and_oom);
    suite_add_tcase(s, tc);
    return byl_test_run(s);
}
