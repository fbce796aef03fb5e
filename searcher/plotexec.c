/*
 * plotexec.c - hands --plot to the dynamically linked twin of byline-search.
 * Not for: anything but --plot; every other search runs in the static
 * program, whose start costs half the page faults of a dynamic one
 * (docs/PERFORMANCE.md, "One search from the shell (round 17)").
 */
#include "plotexec.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/auxv.h>
#include <unistd.h>

int plotexec_twin(char **argv, const char *prog)
{
    /* a dynamically linked program has an interpreter (ld.so) */
    if (getauxval(AT_BASE) != 0)
        return 0;
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0) {
        fprintf(stderr, "%s: --plot: cannot find this program's path (/proc/self/exe)\n", prog);
        return -1;
    }
    exe[n] = 0;
    char *slash = strrchr(exe, '/');
    if (slash)
        slash[1] = 0;
    else
        exe[0] = 0;
    static const char *const where[] = {"", "../"};
    char path[PATH_MAX + 64];
    for (size_t i = 0; i < sizeof where / sizeof *where; i++) {
        snprintf(path, sizeof path, "%s%s%s", exe, where[i], PLOTEXEC_TWIN);
        if (access(path, X_OK) == 0) {
            execv(path, argv);
            fprintf(stderr, "%s: --plot: cannot run %s: %m\n", prog, path);
            return -1;
        }
    }
    fprintf(stderr, "%s: --plot draws with %s%s (installed with byline-search), "
            "which is missing\n", prog, exe, "../" PLOTEXEC_TWIN);
    return -1;
}
