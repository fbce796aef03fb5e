/*
 * example.c - a small program over the installed Byline library, and
 * nothing else: it includes only <byline.h> and links with
 *
 *     cc example.c $(pkg-config --cflags --libs byline) -o example
 *
 *     ./example build news.idx             a tiny index of two articles
 *     ./example search news.idx QUERY...   the best five hits, with their
 *                                          snippets, and the first hit's
 *                                          stored article
 *
 * It shows the conventions of byline.h: every call returns BYLINE_OK or a
 * negative code, byline_errmsg() says why; _new/_open pair with
 * _free/_close; hits and snippets are borrowed from the searcher until
 * its next search, byline_article_get's copy is the caller's.
 * `make install-check` builds and runs it against a scratch install.
 * Not for: the command line users want (byline-search does that).
 */
#include <byline.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int fail(const char *what)
{
    fprintf(stderr, "example: %s: %s\n", what, byline_errmsg());
    return 1;
}

/* Two articles through a writer: nothing is visible until the commit. */
static int build(const char *dir)
{
    static const char *ids[] = {"a1", "a2"};
    static const char *titles[] = {
        "Qiao Siyuan's model tops a multilingual benchmark",
        "Port of Rotterdam strike enters its second week"};
    static const char *bodies[] = {
        "An open-source language model released by researcher Qiao Siyuan "
        "has topped a widely watched multilingual reasoning benchmark.",
        "Dock workers at the Port of Rotterdam extended their strike, "
        "leaving container ships waiting off the Dutch coast."};
    static const int64_t dates[] = {1760452440, BYLINE_NO_DATE}; /* 2025-10-14T14:34:00Z */
    byline_writer *w;
    byline_writer_opts o;
    byline_writer_opts_init(&o);
    if (byline_writer_open(dir, &o, &w) != BYLINE_OK)
        return fail(dir);
    for (int i = 0; i < 2; i++) {
        byline_article a = {0};
        a.id = ids[i], a.id_len = strlen(ids[i]);
        a.title = titles[i], a.title_len = strlen(titles[i]);
        a.body = bodies[i], a.body_len = strlen(bodies[i]);
        a.date = dates[i];
        if (byline_writer_add(w, &a) != BYLINE_OK) {
            byline_writer_free(w); /* not committed: the index is as it was */
            return fail("add");
        }
    }
    int rc = byline_writer_commit(w);
    byline_writer_free(w);
    if (rc != BYLINE_OK)
        return fail("commit");
    printf("built %s: 2 articles\n", dir);
    return 0;
}

static void print_date(int64_t t)
{
    if (t == BYLINE_NO_DATE) {
        printf("undated   ");
        return;
    }
    time_t tt = (time_t)t;
    struct tm tm;
    char buf[16];
    gmtime_r(&tt, &tm);
    strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
    printf("%s", buf);
}

/* The snippet with its matched words in [brackets]. */
static void print_snippet(const byline_snippet *sn)
{
    size_t at = 0;
    printf("    %s", sn->cut_start ? "..." : "");
    for (size_t j = 0; j < sn->nspans; j++) {
        const byline_span *sp = &sn->spans[j];
        printf("%.*s[%.*s]", (int)(sp->start - at), sn->text + at, (int)sp->len,
               sn->text + sp->start);
        at = sp->start + sp->len;
    }
    printf("%s%s\n", sn->text + at, sn->cut_end ? "..." : "");
}

static int search(const char *dir, int argc, char **argv)
{
    /* The query is the words of argv, joined by spaces. */
    size_t len = 1;
    for (int i = 0; i < argc; i++)
        len += strlen(argv[i]) + 1;
    char *text = calloc(1, len);
    if (!text)
        return 1;
    for (int i = 0; i < argc; i++) {
        if (i)
            strcat(text, " ");
        strcat(text, argv[i]);
    }

    byline_collection *c = NULL;
    byline_searcher *s = NULL;
    byline_query *q = NULL;
    int status = 1;
    if (byline_open(dir, &c) != BYLINE_OK) {
        fail(dir);
        goto out;
    }
    if (byline_searcher_new(c, &s) != BYLINE_OK) {
        fail("searcher");
        goto out;
    }
    if (byline_query_parse(text, &q) != BYLINE_OK) {
        fail("query"); /* "column 1: unbalanced quote: ..." */
        goto out;
    }

    byline_search_opts o;
    byline_search_opts_init(&o);
    o.k = 5;
    size_t n;
    uint64_t total;
    if (byline_search(s, q, &o, &n, &total) != BYLINE_OK) {
        fail("search");
        goto out;
    }
    printf("%llu matches\n", (unsigned long long)total);
    char *first = NULL; /* the first hit's id, copied: hits are borrowed */
    for (size_t i = 0; i < n; i++) {
        byline_hit h;
        byline_snippet sn;
        if (byline_hit_get(s, i, &h) != BYLINE_OK || byline_hit_snippet(s, i, &sn) != BYLINE_OK) {
            fail("hit");
            free(first);
            goto out;
        }
        printf("%zu. %8.4f  ", i + 1, h.score);
        print_date(h.date);
        printf("  %s  (%s)\n", h.title, h.id);
        print_snippet(&sn);
        if (i == 0)
            first = strdup(h.id);
    }

    if (first) {
        byline_article *a;
        if (byline_article_get(s, first, strlen(first), &a) != BYLINE_OK) {
            fail(first);
            free(first);
            goto out;
        }
        printf("article %s: \"%s\", %zu bytes of text\n", a->id, a->title, a->body_len);
        byline_free(a); /* the article and its strings, at once */
        free(first);
    }
    status = 0;
out:
    byline_query_free(q);
    byline_searcher_free(s);
    byline_close(c);
    free(text);
    return status;
}

int main(int argc, char **argv)
{
    if (strcmp(byline_version(), BYLINE_VERSION) != 0)
        fprintf(stderr, "example: built for libbyline %s, running with %s\n", BYLINE_VERSION,
                byline_version());
    if (argc == 3 && strcmp(argv[1], "build") == 0)
        return build(argv[2]);
    if (argc >= 4 && strcmp(argv[1], "search") == 0)
        return search(argv[2], argc - 3, argv + 3);
    fprintf(stderr, "usage: example build INDEX\n"
                    "       example search INDEX QUERY...\n");
    return 2;
}
