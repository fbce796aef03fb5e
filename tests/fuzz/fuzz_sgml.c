/*
 * fuzz_sgml.c - libFuzzer entry point for byl_fuzz_sgml (targets.h), built
 * and run by `make fuzz-sgml`.  The target's logic is in targets.c, so that
 * the replay in tests/test_fuzz.c runs the very same code.
 * Not for: anything else; keep it this thin.
 */
#include "targets.h"

int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
    return byl_fuzz_sgml(d, n);
}
