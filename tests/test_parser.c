/*
 * test_parser.c - the query language: trees for valid queries, and errors
 * that name the column and what was expected for malformed ones.
 */
#include <check.h>

#include "check_main.h"
#include <stdlib.h>
#include <string.h>

#include "query/parser.h"
#include "util/err.h"
#include "util/mem.h"

static void expect_tree(const char *q, const char *want)
{
    byl_qnode *n;
    int rc = byl_query_parse(q, strlen(q), &n);
    ck_assert_msg(rc == BYL_OK, "%s: %s", q, byl_error_msg());
    char buf[512];
    byl_qnode_format(n, buf, sizeof buf);
    ck_assert_msg(strcmp(buf, want) == 0, "%s: got %s, want %s", q, buf, want);
    byl_qnode_free(n);
}

static void expect_error(const char *q, size_t len, int code, const char *msg_part)
{
    byl_qnode *n = (byl_qnode *)1;
    int rc = byl_query_parse(q, len, &n);
    ck_assert_msg(rc == code, "%s: rc %d, want %d (%s)", q, rc, code, byl_error_msg());
    ck_assert_ptr_null(n);
    ck_assert_msg(strstr(byl_error_msg(), msg_part) != NULL, "%s: message '%s' lacks '%s'", q,
                  byl_error_msg(), msg_part);
}

START_TEST(test_valid_queries)
{
    expect_tree("bytedance", "bytedance");
    expect_tree("  zhang   yiming ", "(zhang yiming)");
    expect_tree("\"export controls\"", "\"export controls\"");
    expect_tree("\"export controls\"~3", "\"export controls\"~3");
    /* every digit of ~N (the fifth was once a word of the query), and a
     * number too large counts as BYL_SLOP_MAX */
    expect_tree("\"oil prices\"~10000", "\"oil prices\"~10000");
    expect_tree("\"oil prices\"~99999999999999999999", "\"oil prices\"~100000");
    expect_tree("+nvidia -apple chips", "(+nvidia -apple chips)");
    expect_tree("nvidia NOT apple", "(nvidia -apple)");
    expect_tree("a AND b", "(+a +b)");
    expect_tree("a OR b", "OR(a b)");
    expect_tree("a b OR c", "OR((a b) c)");
    expect_tree("a AND b OR c AND d", "OR((+a +b) (+c +d))");
    expect_tree("(a OR b) AND c", "(+OR(a b) +c)");
    expect_tree("a AND NOT b", "(+a -b)");
    expect_tree("title:bytedance", "title:bytedance");
    expect_tree("title:\"chip war\"", "title:\"chip war\"");
    expect_tree("author:(doe OR smith)", "OR(author:doe author:smith)");
    expect_tree("name:\"Qiao Siyuan\"", "name:\"Qiao Siyuan\"");
    expect_tree("bytedan*", "bytedan*");
    expect_tree("U.S.-China", "U.S.-China");
    expect_tree("10:30 http://x.com", "(10:30 http://x.com)");
    expect_tree("body:chips", "body:chips");
    expect_tree("字节跳动", "字节跳动");
    expect_tree("x date:2025", "(x date:[1735689600,1767225599])");
    expect_tree("date:2025-03", "date:[1740787200,1743465599]");
    expect_tree("date:2025-01-01..2025-06-30", "date:[1735689600,1751327999]");
    expect_tree("date:>=2025-03", "date:[1740787200,9223372036854775807]");
    expect_tree("date:<2025", "date:[-9223372036854775808,1735689599]");
    expect_tree("co-operation", "co-operation");
    /* in a phrase, \" is a quote and \\ a backslash (an id holding them) */
    expect_tree("id:\"say \\\"cheese\\\"\"", "id:\"say \\\"cheese\\\"\"");
    expect_tree("id:\"a\\\\b\"", "id:\"a\\\\b\"");
    expect_tree("id:\"C:\\temp\"", "id:\"C:\\\\temp\"");
}
END_TEST

/* Property: any text, its quotes and backslashes escaped, comes back from
 * a phrase as it was, and formats to the same query. */
START_TEST(test_phrase_escapes_round_trip)
{
    static const char alphabet[] = "ab \"\\:.-";
    uint32_t x = 2463534242u;
    for (int round = 0; round < 2000; round++) {
        char text[24], q[64];
        size_t tl = 0, ql = 0;
        x ^= x << 13, x ^= x >> 17, x ^= x << 5;
        size_t len = 1 + x % 20;
        q[ql++] = '"';
        for (size_t i = 0; i < len; i++) {
            x ^= x << 13, x ^= x >> 17, x ^= x << 5;
            char c = alphabet[x % (sizeof alphabet - 1)];
            text[tl++] = c;
            if (c == '"' || c == '\\')
                q[ql++] = '\\';
            q[ql++] = c;
        }
        text[tl] = '\0';
        q[ql++] = '"';
        q[ql] = '\0';
        byl_qnode *n = NULL;
        ck_assert_msg(byl_query_parse(q, ql, &n) == BYL_OK, "%s: %s", q, byl_error_msg());
        ck_assert_int_eq(n->type, BYL_Q_PHRASE);
        ck_assert_uint_eq(n->text_len, tl);
        ck_assert_msg(memcmp(n->text, text, tl) == 0, "%s: got %.*s", q, (int)n->text_len, n->text);
        char buf[128];
        byl_qnode_format(n, buf, sizeof buf);
        ck_assert_str_eq(buf, q);
        byl_qnode_free(n);
    }
}
END_TEST

/* Prose is words: dashes and punctuation standing alone are passed over, a
 * capitalised label before a space is a word, and in a query written all in
 * capitals AND, OR and NOT are words (docs/QUERY.md, "Prose"). */
START_TEST(test_prose_is_not_an_error)
{
    expect_tree("difficult - even", "(difficult even)");
    expect_tree("a + b", "(a b)");
    expect_tree("price -- and volume", "(price and volume)");
    expect_tree("oil \xe2\x80\x94 gas ? & coal", "(oil gas coal)");
    expect_tree("* footnote", "footnote");
    expect_tree("Meta: the new hires", "(Meta: the new hires)");
    expect_tree("Source: Reuters", "(Source: Reuters)");
    expect_tree("WAR AND PEACE IN THE MIDDLE EAST", "(WAR AND PEACE IN THE MIDDLE EAST)");
    expect_tree("NASA OR ESA", "(NASA OR ESA)");
    expect_tree("NOT GUILTY", "(NOT GUILTY)");
    expect_tree("nasa OR esa", "OR(nasa esa)");
    expect_tree("TITLE:oil", "title:oil");
    expect_tree("Title:\"chip war\"", "title:\"chip war\"");
    expect_tree("y = a log(x + c) + b", "(y a log (x c) b)");
    expect_tree("it's 'quoted'", "(it's 'quoted')");
    expect_tree("+nvidia -apple - chips", "(+nvidia -apple chips)");
    /* a run of signs before a word is one operator; a '-' in it excludes,
     * whichever comes first (-+oil was read as +oil) */
    expect_tree("wheat -+oil", "(wheat -oil)");
    expect_tree("wheat +-oil", "(wheat -oil)");
    expect_tree("wheat --oil", "(wheat -oil)");
    expect_tree("wheat ++oil", "(wheat +oil)");
    expect_tree("wheat +-+ oil", "(wheat oil)");
}
END_TEST

START_TEST(test_errors_name_the_column)
{
    expect_error("\"export controls", 16, BYL_EPARSE, "column 1: unbalanced quote");
    expect_error("chips (nvidia OR amd", 20, BYL_EPARSE, "column 7: unbalanced parenthesis");
    expect_error("chips nvidia)", 13, BYL_EPARSE, "column 13: unbalanced parenthesis");
    expect_error("AND", 3, BYL_EPARSE, "column 1");
    expect_error("OR", 2, BYL_EPARSE, "column 1");
    expect_error("chips AND", 9, BYL_EPARSE, "expected a word after AND");
    expect_error("chips OR", 8, BYL_EPARSE, "expected a word after OR");
    expect_error("-apple", 6, BYL_EPARSE, "only excluded");
    expect_error("\"oil\"~2~3", 9, BYL_EPARSE, "column 8: a phrase takes one '~N'");
    expect_error("-+apple", 7, BYL_EPARSE, "only excluded");
    expect_error("NOT apple -pear", 15, BYL_EPARSE, "only excluded");
    expect_error("title:", 6, BYL_EPARSE, "after the field name");
    expect_error("oil title: prices", 17, BYL_EPARSE, "column 5: expected a word");
    expect_error(" - ", 3, BYL_EPARSE, "only punctuation");
    expect_error("?", 1, BYL_EPARSE, "only punctuation");
    expect_error("\xe2\x80\x94 \xe2\x80\x94", 7, BYL_EPARSE, "only punctuation");
    expect_error("? !", 3, BYL_EPARSE, "only punctuation");
    expect_error("what is (this - that", 20, BYL_EPARSE, "column 9: unbalanced parenthesis");
    expect_error("date:yesterday", 14, BYL_EPARSE, "expected a date");
    expect_error("\"a b\"~", 6, BYL_EPARSE, "expected a number");
    expect_error("", 0, BYL_EPARSE, "empty");
    expect_error("   ", 3, BYL_EPARSE, "empty");
    expect_error("*", 1, BYL_EPARSE, "lone '*'");
    expect_error("()", 2, BYL_EPARSE, "column 2");
    expect_error("résumé \"x", strlen("résumé \"x"), BYL_EPARSE, "column 8"); /* columns count characters */
}
END_TEST

/* date: has one range, 0001-01-01 .. 9999-12-31, in all three forms; a
 * month or day that cannot exist is an error at its column (date:1987-00
 * meant all of 1987); reversed ranges are errors, not empty filters. */
START_TEST(test_date_clauses)
{
    expect_tree("date:9999", "date:[253370764800,253402300799]");
    expect_tree("date:9999-12", "date:[253399622400,253402300799]");
    expect_tree("date:9999-12-31", "date:[253402214400,253402300799]");
    expect_tree("date:0001", "date:[-62135596800,-62104060801]");
    expect_tree("date:2024-02-29", "date:[1709164800,1709251199]");
    expect_tree("date:2025-3", "date:[1740787200,1743465599]");
    expect_tree("date:2025-03..2025-03", "date:[1740787200,1743465599]");
    expect_tree("date:2025..2025-06-30", "date:[1735689600,1751327999]");
    expect_tree("date:2025-03..", "date:[1740787200,9223372036854775807]");
    expect_tree("date:..2025-03", "date:[-9223372036854775808,1743465599]");
    expect_tree("date:>9999", "date:[253402300800,9223372036854775807]");
    expect_tree("date:<0001", "date:[-9223372036854775808,-62135596801]");

    expect_error("date:1987-00", 12, BYL_EPARSE, "column 11: month 00 does not exist");
    expect_error("date:2025-13", 12, BYL_EPARSE, "column 11: month 13 does not exist");
    expect_error("date:1987-01-00", 15, BYL_EPARSE, "column 14: 1987-01 has no day 00");
    expect_error("date:2025-02-30", 15, BYL_EPARSE, "column 14: 2025-02 has no day 30");
    expect_error("date:2025-02-29", 15, BYL_EPARSE, "column 14: 2025-02 has no day 29; its days run from 01 to 28");
    expect_error("date:2025-04-31", 15, BYL_EPARSE, "has no day 31");
    expect_error("x date:0000", 11, BYL_EPARSE, "column 8: year 0000 does not exist");
    expect_error("date:0000-01..2025", 18, BYL_EPARSE, "year 0000");
    expect_error("date:2025..2024", 15, BYL_EPARSE,
                 "column 10: this date range ends before it starts (2025 is after 2024)");
    expect_error("date:2025-06-01..2025-03", 24, BYL_EPARSE, "ends before it starts");
    expect_error("date:2025..2025-13", 18, BYL_EPARSE, "column 17: month 13");
    static const char *const shape[] = {"date:87", "date:+987", "date:12025", "date:2025-001",
                                        "date:2025-", "date:2025-03-", "date:..", "date:",
                                        "date:>=", "date:2025/03", "date:2025-03-01T10"};
    for (size_t i = 0; i < sizeof shape / sizeof shape[0]; i++)
        expect_error(shape[i], strlen(shape[i]), BYL_EPARSE, "column 1: expected a date like");
}
END_TEST

START_TEST(test_hostile_input)
{
    expect_error("abc\xff", 4, BYL_EPARSE, "UTF-8");
    expect_error("abc\xc3", 4, BYL_EPARSE, "UTF-8");
    expect_error("a\x01" "b", 3, BYL_EPARSE, "control character");
    char nul[] = {'a', '\0', 'b'};
    expect_error(nul, 3, BYL_EPARSE, "control character");
    /* 10,000 words: over the length limit, refused without work */
    size_t n = 10000 * 6;
    char *big = malloc(n + 1);
    for (size_t i = 0; i < n; i += 6)
        memcpy(big + i, "word ", 6);
    for (size_t i = 5; i < n; i += 6)
        big[i] = ' ';
    expect_error(big, n, BYL_ELIMIT, "longer than");
    /* under the byte limit but over the clause limit */
    size_t m = 2000 * 2;
    for (size_t i = 0; i < m; i += 2) {
        big[i] = 'x';
        big[i + 1] = ' ';
    }
    expect_error(big, m, BYL_ELIMIT, "clauses");
    /* deep nesting */
    size_t d = 200;
    for (size_t i = 0; i < d; i++)
        big[i] = '(';
    big[d] = 'x';
    for (size_t i = 0; i < d; i++)
        big[d + 1 + i] = ')';
    expect_error(big, 2 * d + 1, BYL_EPARSE, "nested too deeply");
    free(big);
}
END_TEST

START_TEST(test_allocation_failures)
{
    const char *q = "title:(a OR b) +\"c d\"~2 -e f* date:2025";
    for (long k = 0; k < 40; k++) {
        byl_qnode *n;
        byl_mem_fail_after(k);
        int rc = byl_query_parse(q, strlen(q), &n);
        byl_mem_fail_after(-1);
        if (rc == BYL_OK)
            byl_qnode_free(n);
        else
            ck_assert_int_eq(rc, BYL_ENOMEM);
    }
}
END_TEST

int main(void)
{
    Suite *s = suite_create("parser");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_valid_queries);
    tcase_add_test(tc, test_phrase_escapes_round_trip);
    tcase_add_test(tc, test_prose_is_not_an_error);
    tcase_add_test(tc, test_errors_name_the_column);
    tcase_add_test(tc, test_date_clauses);
    tcase_add_test(tc, test_hostile_input);
    tcase_add_test(tc, test_allocation_failures);
    suite_add_tcase(s, tc);
    return byl_test_run(s);
}
