/*
 * headfeat.c - prints the features of every head line of a set's articles
 * (doc/headline.h) with its truth labels, for the trainer
 * bench/names/headmodel.py.  Not installed; not a benchmark (no timing).
 *
 * Usage: headfeat DIR...   (each DIR holds *.txt and a TRUTH.json)
 *
 * One header line, then one tab-separated line per head line:
 *   set file i is_title is_author is_date words <features...> text
 * is_title: the cleaned line is TRUTH's title, or a part of at least 20
 * bytes at its start (a wrapped headline), or begins with it (a headline
 * run into its paragraph); is_author: the line holds TRUTH's first
 * author's name; is_date: the line is a date line of TRUTH's day.  The
 * features are the ones text.c scores, with the rules' headline marked,
 * because they come from its own hook (on_head).
 *
 * Not for: scoring or choosing (text.c does that with the generated
 * weights).
 */
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "doc/_reader.h"
#include "doc/date.h"
#include "doc/headline.h"
#include "doc/reader.h"
#include "util/err.h"

typedef struct {
    const char *set, *file, *title, *author, *date;
    byl_reader *r;
    byl_buf cl;
} ctx_t;

static int starts(const char *s, size_t n, const char *w, size_t m)
{
    return m <= n && !memcmp(s, w, m);
}

static void on_head(void *vc, const struct byl_hl_head *h)
{
    ctx_t *c = vc;
    size_t tn = strlen(c->title);
    char author[256] = "";
    snprintf(author, sizeof author, "%s", c->author);
    author[strcspn(author, ",;")] = '\0'; /* the first writer */
    char *and = strstr(author, " and ");
    if (and)
        *and = '\0';
    for (int i = 0; i < h->n; i++) {
        const byl_hl_line *hl = &h->line[i];
        c->cl.len = 0;
        byl_rd_clean(hl->line.p, (size_t)(hl->line.e - hl->line.p), 2, &c->cl);
        byl_buf_put_u8(&c->cl, '\0');
        const char *s = (const char *)c->cl.data;
        size_t n = strlen(s);
        int is_title = tn && ((n == tn && !memcmp(s, c->title, n)) ||
                              (n >= 20 && starts(c->title, tn, s, n)) ||
                              (tn >= 20 && starts(s, n, c->title, tn)));
        int is_author = author[0] && strstr(s, author) != NULL && hl->words <= 20;
        int64_t t;
        char day[40] = "";
        if (n <= 240 && byl_rd_date_line(s, n, c->r->art_order, &t))
            byl_date_format(t, 0, day, sizeof day);
        int is_date = day[0] && c->date[0] && !strncmp(day, c->date, 10);
        printf("%s\t%s\t%d\t%d\t%d\t%d\t%d", c->set, c->file, i, is_title, is_author, is_date,
               hl->words);
        for (int k = 0; k < BYL_HL_NFEAT; k++)
            printf("\t%.9g", (double)hl->f[k]);
        putchar('\t');
        size_t m = n < 120 ? n : 120;
        while (m < n && ((unsigned char)s[m] & 0xC0) == 0x80)
            m--; /* a whole character last */
        for (size_t k = 0; k < m; k++)
            putchar(s[k] == '\t' ? ' ' : s[k]);
        putchar('\n');
    }
}

static int one_set(const char *dir)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/TRUTH.json", dir);
    json_error_t je;
    json_t *root = json_load_file(path, 0, &je);
    json_t *arts = root ? json_object_get(root, "articles") : NULL;
    if (!json_is_array(arts)) {
        fprintf(stderr, "headfeat: %s: no articles (%s)\n", path, root ? "" : je.text);
        json_decref(root);
        return 1;
    }
    const char *set = strrchr(dir, '/') ? strrchr(dir, '/') + 1 : dir;
    size_t i;
    json_t *a;
    int bad = 0;
    json_array_foreach(arts, i, a) {
        ctx_t c = {set, json_string_value(json_object_get(a, "file")),
                   json_string_value(json_object_get(a, "title")),
                   json_string_value(json_object_get(a, "author")),
                   json_string_value(json_object_get(a, "date")), NULL, {0}};
        if (!c.file || !c.title || !c.author || !c.date) {
            fprintf(stderr, "headfeat: %s: article %zu lacks a field\n", path, i);
            bad = 1;
            continue;
        }
        snprintf(path, sizeof path, "%s/%s", dir, c.file);
        if (byl_reader_open(path, BYL_FMT_TEXT, NULL, NULL, &c.r) != BYL_OK) {
            fprintf(stderr, "headfeat: %s: %s\n", path, byl_error_msg());
            bad = 1;
            continue;
        }
        c.r->on_head = on_head;
        c.r->on_head_ctx = &c;
        byl_article art;
        while (byl_reader_next(c.r, &art) == 1)
            ;
        byl_reader_close(c.r);
        byl_buf_reset(&c.cl);
    }
    json_decref(root);
    return bad;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: headfeat DIR...\n");
        return 2;
    }
    printf("set\tfile\ti\tis_title\tis_author\tis_date\tnwords");
    for (int k = 0; k < BYL_HL_NFEAT; k++)
        printf("\t%s", byl_hl_feature_name(k));
    printf("\ttext\n");
    int bad = 0;
    for (int i = 1; i < argc; i++)
        bad |= one_set(argv[i]);
    return bad;
}
