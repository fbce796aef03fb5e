/*
 * plotexec.h - --plot from a statically linked byline-search.
 * Not for: drawing (libbyline's plot.c) or finding any other program.
 */
#ifndef BYLINE_SEARCHER_PLOTEXEC_H
#define BYLINE_SEARCHER_PLOTEXEC_H

/* The path of the same program linked dynamically, relative to the running
 * executable: <dir>/libexec/byline/byline-search (a build tree) or
 * <dir>/../libexec/byline/byline-search (an install, bin/ beside libexec/). */
#define PLOTEXEC_TWIN "libexec/byline/byline-search"

/* When this program is statically linked, runs argv again with its
 * dynamically linked twin (cairo, which draws --plot, is loaded with dlopen,
 * and a static program cannot load it: it would bring a second C library
 * and crash inside pixman).  Returns 0 at once when the program is dynamic
 * (draw here); otherwise returns only on failure, -1, after printing one
 * message naming what is missing, prefixed by prog. */
int plotexec_twin(char **argv, const char *prog);

#endif
