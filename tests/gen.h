/*
 * gen.h - the seeded random text the update tests generate articles from:
 * one generator, so that "add + delete = rebuild" is checked on the same
 * kind of text through the internal writer (test_update.c) and the public
 * one (test_api_write.c).  Not for: corpora with a shape of their own
 * (test_qstats.c's names and acronyms, dups.h's near-duplicates).
 */
#ifndef BYL_TEST_GEN_H
#define BYL_TEST_GEN_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* A 64-bit LCG: the same sequence on every machine. */
static inline uint32_t rnd(uint64_t *s)
{
    *s = *s * 6364136223846793005ull + 1442695040888963407ull;
    return (uint32_t)(*s >> 33);
}

/* Up to nwords words of words[0..nw) into buf, a name of names[0..nn) now
 * and then, full stops here and there, never past cap. */
static inline void gen_text(uint64_t *s, char *buf, size_t cap, int nwords,
                            const char *const *words, size_t nw,
                            const char *const *names, size_t nn)
{
    buf[0] = '\0';
    for (int i = 0; i < nwords; i++) {
        const char *w = words[rnd(s) % nw];
        if (i && rnd(s) % 7 == 0)
            w = names[rnd(s) % nn];
        if (strlen(buf) + strlen(w) + 3 >= cap)
            break;
        if (i)
            strcat(buf, " ");
        strcat(buf, w);
        if (rnd(s) % 11 == 0)
            strcat(buf, ".");
    }
}

#endif
