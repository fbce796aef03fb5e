/*
 * targets.h - the fuzz targets of Byline, one function each, shared by the
 * libFuzzer entry files (tests/fuzz/fuzz_*.c, built by `make fuzz`) and the
 * Check suite that replays every seed and crash reproducer under `make test`
 * (tests/test_fuzz.c), so that a reproducer runs through exactly the code
 * that found it, under ASan, UBSan and valgrind too.
 *
 * Each function takes one input, never fails on any input, and traps
 * (__builtin_trap) when the library breaks a promise: an unexpected status,
 * a string that is not NUL-terminated, a hit outside the index, ...  Memory
 * errors are left to the sanitizers.  Fixtures (an index of
 * tests/data/corpus, a scratch directory) are made on first use; the data
 * directory is $BYL_TEST_DATA, else tests/data.  byl_fuzz_cleanup() removes
 * them.
 *
 * Not for: unit tests with expected results (tests/test_*.c).
 */
#ifndef BYL_FUZZ_TARGETS_H
#define BYL_FUZZ_TARGETS_H

#include <stddef.h>
#include <stdint.h>

/* The analyzer, both modes: token order, offsets, terms; every index term
 * is produced by a query of the lower-cased input. */
int byl_fuzz_analyzer(const uint8_t *d, size_t n);
/* Readers: the input is a whole file. */
int byl_fuzz_jsonl(const uint8_t *d, size_t n); /* as JSON Lines, and detected */
int byl_fuzz_sgml(const uint8_t *d, size_t n);  /* as TREC and as Reuters SGML */
int byl_fuzz_text(const uint8_t *d, size_t n);  /* as one plain-text article */
int byl_fuzz_gzip(const uint8_t *d, size_t n);  /* raw (maybe gzip) bytes, detected;
                                                    and the input gzipped whole */
int byl_fuzz_date(const uint8_t *d, size_t n);  /* byl_date_parse(_lenient) */
/* The input is a query: parsed, formatted, then searched on the fixture
 * index of tests/data/corpus (exhaustive and MaxScore must agree). */
int byl_fuzz_query(const uint8_t *d, size_t n);
/* The input is a segment file (its checksums are recomputed first, so the
 * damage reaches the parsing code), or a MANIFEST if it starts with the
 * manifest magic.  Opened, walked (dictionary, cursors, positions, stored
 * articles) and searched. */
int byl_fuzz_index(const uint8_t *d, size_t n);

/* Removes the fixtures made so far (scratch files, the fixture index). */
void byl_fuzz_cleanup(void);

/* name -> function, for the replay; NULL-terminated. */
typedef struct byl_fuzz_target {
    const char *name;
    int (*fn)(const uint8_t *, size_t);
} byl_fuzz_target;
extern const byl_fuzz_target byl_fuzz_targets[];

#endif
