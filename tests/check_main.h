/*
 * check_main.h - the one way every Check suite of tests/ runs: all cases,
 * normal output, exit status from the failures.  Not for: fixtures.
 */
#ifndef BYL_CHECK_MAIN_H
#define BYL_CHECK_MAIN_H

#include <check.h>
#include <stdlib.h>

static inline int byl_test_run(Suite *suite)
{
    SRunner *r = srunner_create(suite);
    srunner_run_all(r, CK_NORMAL);
    int failed = srunner_ntests_failed(r);
    srunner_free(r);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

#endif
