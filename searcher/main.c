/*
 * byline-search - ranked search over one or more Byline indexes.
 *
 * Thin by design: options, output formats and exit codes live here; parsing,
 * retrieval and snippets are libbyline's.
 * Exit status: 0 results; 1 no result (also: a --batch file without a
 * query); 2 bad query, bad usage (an option's value out of range, a --batch
 * file that cannot be read), or a missing or damaged index.
 */
#include <errno.h>
#include <getopt.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "doc/date.h"
#include "doc/reader.h"
#include "index/idkey.h"
#include "index/index.h"
#include "query/collapse.h"
#include "query/export.h"
#include "query/facet.h"
#include "query/names.h"
#include "query/parser.h"
#include "query/plot.h"
#include "query/search.h"
#include "query/snippet.h"
#include "query/timeline.h"
#include "text/analyzer.h"
#include "text/utf8.h"
#include "util/err.h"
#include "util/mem.h"
#include "util/version.h"

#define EXIT_NONE 1
#define EXIT_ERR 2
#define MAX_INDEXES 64
#define SNIPPET_CHARS 160

static const char usage_text[] =
    "Usage: byline-search -i INDEX [OPTIONS] QUERY...\n"
    "       byline-search -i INDEX --batch FILE\n"
    "       byline-search -i INDEX --show ID [ID...]\n"
    "       byline-search -i INDEX --names [QUERY...]\n"
    "       byline-search -i INDEX --similar ID\n"
    "       byline-search -i INDEX --timeline [day|week|month|year] QUERY...\n"
    "       byline-search -i INDEX --facet source,author,name,tag,year QUERY...\n"
    "       byline-search -i INDEX --export jsonl|csv QUERY...\n"
    "Ranked search (BM25) over news articles indexed by byline-index.\n"
    "\n"
    "Query syntax:\n"
    "  words                 ranked by BM25; a result need not contain every word\n"
    "  \"exact phrase\"        the words in this order; \"...\"~N: within N positions\n"
    "  +word  -word          the word is required / excluded (NOT word = -word)\n"
    "  a AND b, a OR b, ( )  explicit operators; AND binds tighter than OR\n"
    "  title:  author:  name:  source:  body:  id:   search one field\n"
    "  tag:crude  tag:\"oil prices\"  a whole tag (category, section, keyword)\n"
    "  date:2025  date:2025-03  date:2025-01-01..2025-06-30  date:>=2025-03\n"
    "                        years 0001 to 9999, UTC; a range with its earlier date\n"
    "                        last (date:2025..2024) is an error, not an empty filter\n"
    "  bytedan*              every word starting with bytedan\n"
    "\n"
    "Options:\n"
    "  -i, --index DIR       index to search (repeat to search several as one)\n"
    "  -n, --limit N         results to show (default 10)\n"
    "      --offset N        skip the first N results (paging)\n"
    "      --and             require every word (default: rank by any of them)\n"
    "      --json            one JSON object per result\n"
    "      --count           print only the number of matching articles\n"
    "      --batch FILE      one query per line (QID<TAB>QUERY or QUERY), - for stdin;\n"
    "                        prints TREC run lines 'QID Q0 ID RANK SCORE byline'\n"
    "      --show ID         print the stored article with this id (repeat --show, or\n"
    "                        give more ids after it, to print several)\n"
    "      --collapse MODE   near-duplicates (syndicated copies of one story) are shown\n"
    "                        once, with a count of the others (\"+4 similar\"): MODE best\n"
    "                        (default) shows the best-ranked copy, oldest the earliest\n"
    "                        published (usually the original)\n"
    "      --no-collapse     show every matching article\n"
    "      --similar ID      list the article with this id and its near-duplicates,\n"
    "                        oldest first\n"
    "      --stats           print what the index holds: articles, terms, segments and\n"
    "                        the bytes of each part\n"
    "      --names           list the most frequent names (people, organisations,\n"
    "                        places) in the index, or in the articles matching QUERY\n"
    "      --sort ORDER      relevance (default), date (oldest first) or -date (newest first)\n"
    "      --recent HALF     weigh recency: a score halves for every HALF of age before\n"
    "                        the newest article (or --now); e.g. 30d, 12h, 2w\n"
    "      --now DATE        the date --recent measures age from\n"
    "      --explain         show how each result's score was made\n"
    "      --since DATE      only articles published on or after DATE (2025-03-01)\n"
    "      --until DATE      only articles published on or before DATE (2025: all of\n"
    "                        2025); --since after --until is an error\n"
    "      --k1 X, --b X     BM25 parameters (default 1.0 and 0.6; k1 from 0 to 100,\n"
    "                        b from 0 to 1)\n"
    "      --prf N           pseudo-relevance feedback (RM3): rank the matches again with\n"
    "                        terms from the N best of a first pass (default 0: off;\n"
    "                        10 is what was measured)\n"
    "      --prf-terms N     expansion terms (default 20)\n"
    "      --prf-weight X    weight of the original query against the terms, 0 to 1\n"
    "                        (default 0.8)\n"
    "      --timeline[=IV]   matching articles (and stories) per day, ISO week, month\n"
    "                        (default) or year, over every match; a chart, or --json\n"
    "      --plot FILE       with --timeline: also draw it as FILE.svg or FILE.png\n"
    "      --facet LIST      counts of matching articles by source, author, name, tag\n"
    "                        and year (comma-separated; -n values each)\n"
    "      --export FMT      every matching article, full text and score, in --sort\n"
    "                        order, as jsonl or csv (RFC 4180); -n limits it\n"
    "      --query Q         with --show: highlight the words of Q in the article\n"
    "      --color[=WHEN]    highlight matches in bold: auto (default: on a terminal;\n"
    "                        [brackets] when piped), always, never\n"
    "      --no-color        no highlighting (also when NO_COLOR is set): --color=never\n"
    "  -h, --help            show this help\n"
    "  -V, --version         show the version\n"
    "\n"
    "A query that starts with '-' goes after '--': byline-search -i INDEX -- -word\n"
    "\n"
    "Exit status: 0 results found; 1 no result; 2 bad query or usage (also a\n"
    "--batch FILE that cannot be read), or a missing or damaged index.\n"
    "See byline-search(1).\n";

typedef enum { MARK_NONE, MARK_BOLD, MARK_BRACKETS } markup;

typedef struct app {
    const char *prog;
    byl_index *ix[MAX_INDEXES];
    const char *ix_path[MAX_INDEXES];
    size_t nix;
    byl_searcher *s;
    byl_clusters *cl;
    int collapse;           /* enum byl_collapse_mode */
    byl_analyzer *an;
    byl_search_opts o;
    size_t limit, offset;
    int json, count, names, explain, stats;
    byl_buf explain_buf;
    markup mark;
    const byl_qterm *hl;    /* --show --query: the words to highlight */
    size_t nhl;
} app;

/* Not strftime: glibc's %Y writes year 1 as "1" and knows no year beyond
 * what struct tm holds; byl_date_format pads to four digits for any time. */
static void fmt_date(int64_t t, int full, char *buf, size_t cap)
{
    if (t == BYL_NO_DATE) {
        snprintf(buf, cap, full ? "" : "----------");
        return;
    }
    byl_date_format(t, full, buf, cap);
}

/* Writes stored text s (n bytes) for a terminal, with every control
 * character neutralised: an article is data, and its ESC[2J would clear the
 * reader's screen, BEL ring, U+009B (C1 CSI) start an escape sequence.  C0
 * controls, DEL, the C1 controls U+0080..U+009F and bytes that are not
 * UTF-8 print as U+FFFD, visibly, so that nothing vanishes without trace.
 * Tabs and line breaks become a space in a one-line field; with lines (an
 * article's body) '\n' and '\t' are kept and a '\r' before '\n' dropped. */
static void put_text(const char *s, size_t n, int lines, FILE *f)
{
    const uint8_t *p = (const uint8_t *)s, *end = p + n;
    while (p < end) {
        int32_t cp;
        size_t k = byl_utf8_decode(p, (size_t)(end - p), &cp);
        if ((cp == '\n' || cp == '\t') && lines)
            fputc(cp, f);
        else if (cp == '\r' && lines && p + 1 < end && p[1] == '\n')
            ; /* CRLF: the '\n' ends the line */
        else if (cp == '\n' || cp == '\t' || cp == '\r')
            fputc(' ', f);
        else if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) ||
                 (cp == BYL_UTF8_REPLACEMENT && k == 1))
            fputs("\xEF\xBF\xBD", f); /* U+FFFD */
        else
            fwrite(p, 1, k, f);
        p += k;
    }
}

/* A one-line field (title, id, author, snippet...): see put_text. */
static void put_clean(const char *s, size_t n, FILE *f) { put_text(s, n, 0, f); }

static void put_snippet(const app *a, const byl_snippet *sn, FILE *f)
{
    size_t at = 0;
    if (sn->cut_start)
        fputs("…", f);
    for (size_t i = 0; i < sn->nspans; i++) {
        put_clean(sn->text + at, sn->spans[i].start - at, f);
        const char *open = a->mark == MARK_BOLD ? "\033[1m" : a->mark == MARK_BRACKETS ? "[" : "";
        const char *close = a->mark == MARK_BOLD ? "\033[0m" : a->mark == MARK_BRACKETS ? "]" : "";
        fputs(open, f);
        put_clean(sn->text + sn->spans[i].start, sn->spans[i].len, f);
        fputs(close, f);
        at = sn->spans[i].start + sn->spans[i].len;
    }
    put_clean(sn->text + at, sn->len - at, f);
    if (sn->cut_end)
        fputs("…", f);
}

/* Stored text with the matches of --query marked (bold on a terminal,
 * [brackets] when piped); lines as for put_text.  The spans come from
 * byl_snippet_spans over the same text. */
static void put_marked(const app *a, const char *s, size_t n, int lines, const byl_span *sp,
                       size_t nsp, FILE *f)
{
    const char *open = a->mark == MARK_BOLD ? "\033[1m" : a->mark == MARK_BRACKETS ? "[" : "";
    const char *close = a->mark == MARK_BOLD ? "\033[0m" : a->mark == MARK_BRACKETS ? "]" : "";
    size_t at = 0;
    for (size_t i = 0; i < nsp; i++) {
        put_text(s + at, sp[i].start - at, lines, f);
        fputs(open, f);
        put_text(s + sp[i].start, sp[i].len, lines, f);
        fputs(close, f);
        at = sp[i].start + sp[i].len;
    }
    put_text(s + at, n - at, lines, f);
}

/* Prints one JSON object on a line and frees it (NULL: nothing).  jansson
 * escapes the C0 controls (\u001B) but writes DEL and the C1 controls
 * U+0080..U+009F raw: valid JSON, yet they act on a terminal that shows it.
 * They are escaped here too, which changes no decoded value.  Outside its
 * strings JSON is ASCII, and in UTF-8 0xC2 only leads a character, so the
 * bytes 7F and C2 80..C2 9F can only be those characters. */
static void put_json(json_t *o)
{
    char *out = o ? json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
    for (const unsigned char *p = (const unsigned char *)out; p && *p; p++) {
        if (*p == 0x7f) {
            fputs("\\u007F", stdout);
        } else if (*p == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F) {
            printf("\\u%04X", p[1]);
            p++;
        } else {
            putchar(*p);
        }
    }
    if (out)
        putchar('\n');
    free(out);
    json_decref(o);
}

static json_t *jstr(const char *s, size_t n)
{
    json_t *j = json_stringn(s, n);
    return j ? j : json_string("");
}

/* similar: other articles of the hit's cluster hidden by collapsing. */
static int print_hit(app *a, const byl_hit *h, size_t rank, const char *qid, uint32_t similar,
                     uint64_t total)
{
    byl_segment *seg = byl_searcher_segment(a->s, h);
    if (qid && !a->json) {
        /* run lines need only the id: no stored text is inflated */
        const char *id;
        size_t idlen;
        int rc = byl_segment_doc_id(seg, h->doc, &id, &idlen);
        if (rc)
            return rc;
        printf("%s Q0 ", qid);
        put_clean(id, idlen, stdout);
        printf(" %zu %.6f byline\n", rank, h->score);
        return BYL_OK;
    }
    byl_stored st;
    int rc = byl_segment_stored(seg, h->doc, &st);
    if (rc)
        return rc;
    size_t nq;
    const byl_qterm *qt = byl_search_terms(a->s, &nq);
    byl_snippet sn;
    byl_snippet_init(&sn);
    const char *src = st.body_len ? st.body : st.title;
    size_t srclen = st.body_len ? st.body_len : st.title_len;
    rc = byl_snippet_make(a->an, src, srclen, qt, nq, SNIPPET_CHARS, &sn);
    if (rc)
        return rc;
    char date[BYL_DATE_BUF];
    if (a->json) {
        fmt_date(st.date, 1, date, sizeof date);
        json_t *o = json_object();
        if (qid)
            json_object_set_new(o, "qid", json_string(qid));
        json_object_set_new(o, "rank", json_integer((json_int_t)rank));
        if (total != UINT64_MAX) /* exact for a single query: what "N matches" says */
            json_object_set_new(o, "total", json_integer((json_int_t)total));
        json_object_set_new(o, "id", jstr(st.id, st.id_len));
        json_object_set_new(o, "score", json_real(h->score));
        json_object_set_new(o, "title", jstr(st.title, st.title_len));
        json_object_set_new(o, "date", st.date == BYL_NO_DATE ? json_null() : json_string(date));
        json_object_set_new(o, "author", jstr(st.author, st.author_len));
        json_object_set_new(o, "source", jstr(st.source, st.source_len));
        json_object_set_new(o, "url", jstr(st.url, st.url_len));
        json_object_set_new(o, "snippet", jstr(sn.text, sn.len));
        json_t *m = json_array();
        for (size_t i = 0; i < sn.nspans; i++)
            json_array_append_new(m, json_pack("[I,I]", (json_int_t)sn.spans[i].start,
                                               (json_int_t)(sn.spans[i].start + sn.spans[i].len)));
        json_object_set_new(o, "matches", m);
        if (a->collapse)
            json_object_set_new(o, "similar", json_integer((json_int_t)similar));
        if (a->explain && byl_search_explain(a->s, h, &a->explain_buf) == BYL_OK)
            json_object_set_new(o, "explain", jstr((const char *)a->explain_buf.data,
                                                  a->explain_buf.len));
        put_json(o);
    } else {
        fmt_date(st.date, 0, date, sizeof date);
        printf("%2zu. %8.4f  %s  ", rank, h->score, date);
        if (st.title_len)
            put_clean(st.title, st.title_len, stdout);
        else
            fputs("(no title)", stdout);
        if (similar)
            printf("  (+%u similar)", similar);
        fputs("\n    ", stdout);
        put_clean(st.id, st.id_len, stdout);
        if (st.author_len) {
            fputs("  ·  ", stdout);
            put_clean(st.author, st.author_len, stdout);
        }
        if (st.source_len) {
            fputs("  ·  ", stdout);
            put_clean(st.source, st.source_len, stdout);
        }
        if (sn.len) {
            fputs("\n    ", stdout);
            put_snippet(a, &sn, stdout);
        }
        fputs("\n", stdout);
        if (a->explain && byl_search_explain(a->s, h, &a->explain_buf) == BYL_OK) {
            const char *p = (const char *)a->explain_buf.data, *end = p + a->explain_buf.len;
            while (p && p < end) {
                const char *nl = memchr(p, '\n', (size_t)(end - p));
                size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
                fputs("      ", stdout);
                put_clean(p, n, stdout); /* terms come from articles */
                fputc('\n', stdout);
                p = nl ? nl + 1 : end;
            }
        }
    }
    byl_snippet_reset(&sn);
    return BYL_OK;
}

/* Runs one query; returns 0 with results, EXIT_NONE, or EXIT_ERR. */
static int run_query(app *a, const char *q, size_t len, const char *qid)
{
    byl_qnode *n;
    int rc = byl_query_parse(q, len, &n);
    if (rc) {
        fprintf(stderr, "%s: %s%s%sbad query: %s\n", a->prog, qid ? "query " : "", qid ? qid : "",
                qid ? ": " : "", byl_error_msg());
        return EXIT_ERR;
    }
    const byl_group *hits;
    size_t nhits;
    uint64_t total, nmatches;
    size_t k = a->count ? 0 : a->offset + a->limit;
    /* an exact total is printed for a single query; a batch wants speed */
    a->o.count_total = a->count || !qid;
    rc = byl_collapse_search(a->cl, a->s, n, &a->o, a->collapse, k, &hits, &nhits, &total,
                             &nmatches);
    byl_qnode_free(n);
    if (rc) {
        fprintf(stderr, "%s: %s\n", a->prog, byl_error_msg());
        return EXIT_ERR;
    }
    if (a->count) {
        if (a->json) {
            json_t *o = json_object();
            if (qid)
                json_object_set_new(o, "qid", json_string(qid));
            json_object_set_new(o, "count", json_integer((json_int_t)total));
            json_object_set_new(o, "articles", json_integer((json_int_t)nmatches));
            put_json(o);
        } else if (qid) {
            printf("%s\t%llu\n", qid, (unsigned long long)total);
        } else {
            printf("%llu\n", (unsigned long long)total);
        }
        return total ? 0 : EXIT_NONE;
    }
    if (!qid && !a->json && total == 0) {
        fprintf(stderr, "%s: no article matches this query\n", a->prog);
        return EXIT_NONE;
    }
    if (!qid && !a->json && nmatches != total)
        printf("%llu matches, %llu distinct (--no-collapse shows all)\n",
               (unsigned long long)nmatches, (unsigned long long)total);
    else if (!qid && !a->json)
        printf("%llu match%s\n", (unsigned long long)total, total == 1 ? "" : "es");
    for (size_t i = a->offset; i < nhits; i++) {
        rc = print_hit(a, &hits[i].hit, i + 1, qid, hits[i].similar, qid ? UINT64_MAX : total);
        if (rc) {
            fprintf(stderr, "%s: %s\n", a->prog, byl_error_msg());
            return EXIT_ERR;
        }
    }
    return total ? 0 : EXIT_NONE;
}

/* --stats: what the indexes hold, and where the bytes go. */
static int print_stats(app *a)
{
    static const char *const names[BYL_SEC_COUNT_] = {
        NULL, "postings", "dictionary", "dictionary index", "document columns", "positions",
        "stored articles", "stored-article index", "ids", "fingerprints"};
    uint64_t bytes[BYL_SEC_COUNT_] = {0}, total = 0, nseg = 0, nterms = 0;
    for (size_t i = 0; i < a->nix; i++)
        for (size_t j = 0; j < byl_index_nsegments(a->ix[i]); j++) {
            byl_segment *seg = byl_index_segment(a->ix[i], j);
            for (int k = 1; k < BYL_SEC_COUNT_; k++)
                bytes[k] += byl_segment_section_size(seg, k);
            total += byl_segment_size(seg);
            nterms += byl_segment_stats(seg)->nterms;
            nseg++;
        }
    const byl_segstats *st = byl_searcher_stats(a->s);
    char lo[BYL_DATE_BUF], hi[BYL_DATE_BUF];
    fmt_date(st->min_date, 0, lo, sizeof lo);
    fmt_date(st->max_date, 0, hi, sizeof hi);
    uint64_t other = total - bytes[1] - bytes[2] - bytes[3] - bytes[4] - bytes[5] - bytes[6] -
                     bytes[7] - bytes[8] - bytes[BYL_SEC_FPRINT];
    if (a->json) {
        json_t *b = json_object();
        for (int k = 1; k < BYL_SEC_COUNT_; k++)
            json_object_set_new(b, names[k], json_integer((json_int_t)bytes[k]));
        json_object_set_new(b, "headers, footers, CRCs", json_integer((json_int_t)other));
        json_t *o = json_object();
        json_object_set_new(o, "articles", json_integer(st->ndocs - st->ndeleted));
        json_object_set_new(o, "deleted", json_integer(st->ndeleted));
        json_object_set_new(o, "first_date", st->min_date == BYL_NO_DATE ? json_null() : json_string(lo));
        json_object_set_new(o, "last_date", st->max_date == BYL_NO_DATE ? json_null() : json_string(hi));
        json_object_set_new(o, "segments", json_integer((json_int_t)nseg));
        json_object_set_new(o, "terms", json_integer((json_int_t)nterms));
        json_object_set_new(o, "bytes", json_integer((json_int_t)total));
        json_object_set_new(o, "bytes_without_stored_text",
                            json_integer((json_int_t)(total - bytes[BYL_SEC_STORE] -
                                                      bytes[BYL_SEC_STOREIDX])));
        json_object_set_new(o, "sections", b);
        put_json(o);
        return 0;
    }
    printf("articles        %u\n", st->ndocs - st->ndeleted);
    if (st->ndeleted)
        printf("deleted         %u (until a merge drops them)\n", st->ndeleted);
    printf("dates           %s .. %s\n", lo, hi);
    printf("segments        %llu\n", (unsigned long long)nseg);
    printf("terms           %llu (summed over segments)\n", (unsigned long long)nterms);
    printf("bytes           %llu\n", (unsigned long long)total);
    for (int k = 1; k < BYL_SEC_COUNT_; k++)
        printf("  %-22s %llu\n", names[k], (unsigned long long)bytes[k]);
    printf("  %-22s %llu\n", "headers, footers, CRCs", (unsigned long long)other);
    printf("without stored text %llu\n",
           (unsigned long long)(total - bytes[BYL_SEC_STORE] - bytes[BYL_SEC_STOREIDX]));
    return 0;
}

/* --names: who the index, or the matching articles, are about. */
static int list_names(app *a, const char *q)
{
    byl_qnode *n = NULL;
    if (q && byl_query_parse(q, strlen(q), &n)) {
        fprintf(stderr, "%s: bad query: %s\n", a->prog, byl_error_msg());
        return EXIT_ERR;
    }
    byl_name_count *names;
    size_t nn;
    int rc = byl_names_top(a->s, n, &a->o, a->limit, &names, &nn);
    byl_qnode_free(n);
    if (rc) {
        fprintf(stderr, "%s: %s\n", a->prog, byl_error_msg());
        return EXIT_ERR;
    }
    for (size_t i = 0; i < nn; i++) {
        if (a->json) {
            json_t *o = json_pack("{s:s,s:s,s:I}", "name", names[i].display, "key", names[i].key,
                                  "articles", (json_int_t)names[i].docs);
            put_json(o);
        } else {
            printf("%6llu  ", (unsigned long long)names[i].docs);
            put_clean(names[i].display, strlen(names[i].display), stdout);
            fputc('\n', stdout);
        }
    }
    byl_free(names);
    if (!nn)
        fprintf(stderr, "%s: no names found\n", a->prog);
    return nn ? 0 : EXIT_NONE;
}

/* --batch: one query per line ("-" is stdin).  A file that cannot be read
 * (missing, unreadable, a directory, a read error part way) is an error that
 * names it and the reason, exit EXIT_ERR, like other bad usage: a directory
 * opens fine and only fails at the first read, so a run once printed
 * nothing and exited 0.  A file without a query is EXIT_NONE, with a
 * message. */
static int run_batch(app *a, const char *path)
{
    int from_stdin = strcmp(path, "-") == 0;
    const char *name = from_stdin ? "(standard input)" : path;
    FILE *f = from_stdin ? stdin : fopen(path, "r");
    struct stat sb;
    if (!f || fstat(fileno(f), &sb)) {
        fprintf(stderr, "%s: cannot read the --batch file %s: %s\n", a->prog, name,
                strerror(errno));
        if (f && f != stdin)
            fclose(f);
        return EXIT_ERR;
    }
    if (S_ISDIR(sb.st_mode)) {
        fprintf(stderr, "%s: --batch %s is a directory; give a file with one query per line, "
                        "or - for stdin\n", a->prog, name);
        if (f != stdin)
            fclose(f);
        return EXIT_ERR;
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    unsigned long lineno = 0, nqueries = 0;
    int status = 0;
    errno = 0;
    while ((n = getline(&line, &cap, f)) != -1) {
        lineno++;
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            line[--n] = '\0';
        if (n == 0)
            continue;
        char qidbuf[32];
        const char *qid = qidbuf, *q = line;
        char *tab = memchr(line, '\t', (size_t)n);
        if (tab) {
            *tab = '\0';
            qid = line;
            q = tab + 1;
        } else {
            snprintf(qidbuf, sizeof qidbuf, "%lu", lineno);
        }
        nqueries++;
        /* the line's length, not strlen: a NUL byte is refused by the
         * parser instead of silently cutting the query short */
        if (run_query(a, q, (size_t)n - (size_t)(q - line), qid) == EXIT_ERR)
            status = EXIT_ERR;
        errno = 0;
    }
    if (ferror(f)) {
        fprintf(stderr, "%s: cannot read the --batch file %s after line %lu: %s\n", a->prog,
                name, lineno, strerror(errno ? errno : EIO));
        status = EXIT_ERR;
    } else if (!nqueries && !status) {
        fprintf(stderr, "%s: the --batch file %s holds no query\n", a->prog, name);
        status = EXIT_NONE;
    }
    free(line);
    if (f != stdin)
        fclose(f);
    return status;
}

/* The live article with this id: the newest segment holding it first (an
 * older version is deleted anyway).  0 and *ix, *seg, *doc when found;
 * EXIT_NONE, with a message, when no live article has it; EXIT_ERR on
 * damage. */
static int find_article(app *a, const char *id, size_t *ix, size_t *seg, uint32_t *doc)
{
    size_t len = strlen(id);
    uint8_t key[BYL_MAX_KEY];
    size_t keylen = len ? byl_idkey(id, len, key) : 0;
    for (size_t i = 0; i < a->nix && keylen; i++)
        for (size_t j = byl_index_nsegments(a->ix[i]); j-- > 0;) {
            byl_segment *sg = byl_index_segment(a->ix[i], j);
            byl_terminfo ti;
            int rc = byl_segment_lookup(sg, key, keylen, &ti);
            if (rc == BYL_ENOTFOUND)
                continue;
            byl_cursor c;
            if (!rc)
                byl_cursor_init(&c, sg, &ti);
            /* under a hashed key (a long id), the stored id decides */
            while (!rc && !(rc = c.err) && c.doc != BYL_END && byl_idkey_is_hashed(len)) {
                const char *got;
                size_t glen;
                if ((rc = byl_segment_doc_id(sg, c.doc, &got, &glen)) == BYL_OK &&
                    glen == len && memcmp(got, id, len) == 0)
                    break;
                byl_cursor_next(&c);
            }
            if (rc) {
                fprintf(stderr, "%s: %s\n", a->prog, byl_error_msg());
                return EXIT_ERR;
            }
            if (c.doc == BYL_END)
                continue; /* deleted or replaced */
            *ix = i;
            *seg = j;
            *doc = c.doc;
            return 0;
        }
    fprintf(stderr, "%s: no article with id ", a->prog);
    put_clean(id, strlen(id), stderr);
    fputc('\n', stderr);
    return EXIT_NONE;
}

static int show(app *a, const char *id)
{
    size_t i, j;
    uint32_t doc;
    int status = find_article(a, id, &i, &j, &doc);
    if (status)
        return status;
    byl_stored st;
    if (byl_segment_stored(byl_index_segment(a->ix[i], j), doc, &st)) {
        fprintf(stderr, "%s: %s\n", a->prog, byl_error_msg());
        return EXIT_ERR;
    }
    char date[BYL_DATE_BUF];
    fmt_date(st.date, a->json, date, sizeof date);
    /* --query: the matches in title and body */
    byl_span *tsp = NULL, *bsp = NULL;
    size_t ntsp = 0, nbsp = 0;
    if (a->hl && (byl_snippet_spans(a->an, st.title, st.title_len, a->hl, a->nhl, &tsp, &ntsp) ||
                  byl_snippet_spans(a->an, st.body, st.body_len, a->hl, a->nhl, &bsp, &nbsp))) {
        fprintf(stderr, "%s: %s\n", a->prog, byl_error_msg());
        byl_free(tsp);
        return EXIT_ERR;
    }
    if (a->json) {
        json_t *o = json_pack("{s:o,s:o,s:o,s:o,s:o,s:o,s:o}", "id", jstr(st.id, st.id_len),
                              "title", jstr(st.title, st.title_len), "date",
                              st.date == BYL_NO_DATE ? json_null() : json_string(date),
                              "author", jstr(st.author, st.author_len), "source",
                              jstr(st.source, st.source_len), "url", jstr(st.url, st.url_len),
                              "text", jstr(st.body, st.body_len));
        if (st.tags_len) {
            json_t *t = json_array();
            for (const char *p = st.tags, *end = st.tags + st.tags_len; p < end;) {
                const char *nl = memchr(p, '\n', (size_t)(end - p));
                size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
                json_array_append_new(t, jstr(p, len));
                p += len + 1;
            }
            json_object_set_new(o, "tags", t);
        }
        for (int part = 0; a->hl && part < 2; part++) {
            /* byte ranges [start, end) of the matches, as --json results give */
            json_t *m = json_array();
            for (size_t x = 0; x < (part ? nbsp : ntsp); x++) {
                const byl_span *sp = part ? &bsp[x] : &tsp[x];
                json_array_append_new(m, json_pack("[I,I]", (json_int_t)sp->start,
                                                   (json_int_t)(sp->start + sp->len)));
            }
            json_object_set_new(o, part ? "text_matches" : "title_matches", m);
        }
        put_json(o);
    } else {
        /* every field through put_text: the article's bytes must not reach
         * the terminal as escape sequences */
        put_marked(a, st.title, st.title_len, 0, tsp, ntsp, stdout);
        fputs("\nid: ", stdout);
        put_clean(st.id, st.id_len, stdout);
        fputc('\n', stdout);
        if (st.date != BYL_NO_DATE)
            printf("date: %s\n", date);
        static const char *const label[] = {"author: ", "source: ", "url: "};
        const char *const val[] = {st.author, st.source, st.url};
        const size_t len[] = {st.author_len, st.source_len, st.url_len};
        for (int k = 0; k < 3; k++)
            if (len[k]) {
                fputs(label[k], stdout);
                put_clean(val[k], len[k], stdout);
                fputc('\n', stdout);
            }
        if (st.tags_len) {
            fputs("tags: ", stdout);
            for (const char *p = st.tags, *end = st.tags + st.tags_len; p < end;) {
                const char *nl = memchr(p, '\n', (size_t)(end - p));
                size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
                put_clean(p, n, stdout);
                fputs(nl ? "; " : "\n", stdout);
                p += n + 1;
            }
        }
        fputc('\n', stdout);
        put_marked(a, st.body, st.body_len, 1, bsp, nbsp, stdout);
        fputc('\n', stdout);
    }
    byl_free(tsp);
    byl_free(bsp);
    return 0;
}

/* Global number of document doc of segment seg of index ix. */
static uint64_t global_doc(const app *a, size_t ix, size_t seg, uint32_t doc)
{
    uint64_t g = 0;
    for (size_t i = 0; i < ix; i++)
        g += byl_index_stats(a->ix[i])->ndocs;
    return g + byl_index_base(a->ix[ix], seg) + doc;
}

typedef struct member {
    uint64_t gdoc;
    int64_t date; /* INT64_MAX when undated */
} member;

static int cmp_members(const void *pa, const void *pb)
{
    const member *x = pa, *y = pb;
    if (x->date != y->date)
        return x->date < y->date ? -1 : 1;
    return x->gdoc < y->gdoc ? -1 : x->gdoc > y->gdoc;
}

/* --similar: the article with this id and its cluster, oldest first. */
static int similar(app *a, const char *id)
{
    size_t i0, j0;
    uint32_t doc0;
    const uint8_t *fp0 = NULL;
    int found = find_article(a, id, &i0, &j0, &doc0);
    if (found)
        return found;
    if (byl_segment_fingerprint(byl_index_segment(a->ix[i0], j0), doc0, &fp0)) {
        fprintf(stderr, "%s: %s\n", a->prog, byl_error_msg());
        return EXIT_ERR;
    }
    uint64_t gdoc = global_doc(a, i0, j0, doc0);
    uint64_t *g;
    size_t n;
    if (byl_clusters_members(a->cl, gdoc, &g, &n)) {
        fprintf(stderr, "%s: %s\n", a->prog, byl_error_msg());
        return EXIT_ERR;
    }
    member *m = byl_malloc((n ? n : 1) * sizeof *m);
    int status = m ? 0 : EXIT_ERR;
    for (size_t i = 0; i < n && !status; i++) {
        uint32_t ix, seg, doc;
        byl_clusters_locate(a->cl, g[i], &ix, &seg, &doc);
        m[i].gdoc = g[i];
        if (byl_segment_doc_info(byl_index_segment(a->ix[ix], seg), doc, &m[i].date, NULL))
            status = EXIT_ERR;
        if (m[i].date == BYL_NO_DATE)
            m[i].date = INT64_MAX;
    }
    if (!status)
        qsort(m, n, sizeof *m, cmp_members);
    if (!status && !a->json) {
        printf("%zu article%s in the cluster of ", n, n == 1 ? "" : "s");
        put_clean(id, strlen(id), stdout);
        fputc('\n', stdout);
    }
    for (size_t i = 0; i < n && !status; i++) {
        uint32_t ix, seg, doc;
        byl_clusters_locate(a->cl, m[i].gdoc, &ix, &seg, &doc);
        byl_segment *sg = byl_index_segment(a->ix[ix], seg);
        const uint8_t *fp;
        byl_stored st;
        if (byl_segment_fingerprint(sg, doc, &fp) || byl_segment_stored(sg, doc, &st)) {
            status = EXIT_ERR;
            break;
        }
        double res, con;
        byl_fp_similarity(fp0, fp, &res, &con);
        char date[BYL_DATE_BUF];
        fmt_date(st.date, a->json, date, sizeof date);
        if (a->json) {
            json_t *o = json_object();
            json_object_set_new(o, "rank", json_integer((json_int_t)(i + 1)));
            json_object_set_new(o, "id", jstr(st.id, st.id_len));
            json_object_set_new(o, "title", jstr(st.title, st.title_len));
            json_object_set_new(o, "date", st.date == BYL_NO_DATE ? json_null() : json_string(date));
            json_object_set_new(o, "source", jstr(st.source, st.source_len));
            json_object_set_new(o, "url", jstr(st.url, st.url_len));
            json_object_set_new(o, "resemblance", json_real(res));
            json_object_set_new(o, "containment", json_real(con));
            put_json(o);
        } else {
            printf("%2zu. %s  ", i + 1, date);
            if (st.title_len)
                put_clean(st.title, st.title_len, stdout);
            else
                fputs("(no title)", stdout);
            fputs("\n    ", stdout);
            put_clean(st.id, st.id_len, stdout);
            if (st.source_len) {
                fputs("  ·  ", stdout);
                put_clean(st.source, st.source_len, stdout);
            }
            if (m[i].gdoc == gdoc)
                fputs("  ·  this article\n", stdout);
            else
                printf("  ·  resemblance %.2f, containment %.2f\n", res, con);
        }
    }
    if (status)
        fprintf(stderr, "%s: %s\n", a->prog, byl_error_msg());
    byl_free(g);
    byl_free(m);
    return status;
}

/* ---- views over every match: --timeline, --facet, --export ---- */

/* Both visitors of one evaluation (either may be NULL). */
typedef struct views {
    byl_timeline *t;
    byl_facets *f;
} views;

static void views_match(void *ctx, uint32_t ix, uint32_t seg, uint32_t doc)
{
    views *v = ctx;
    if (v->t)
        byl_timeline_match(v->t, ix, seg, doc);
    if (v->f)
        byl_facets_match(v->f, ix, seg, doc);
}

/* Columns of the terminal: $COLUMNS, else the tty's width, else 80. */
static int term_columns(void)
{
    const char *c = getenv("COLUMNS");
    long n = c ? strtol(c, NULL, 10) : 0;
    if (n >= 20 && n <= 1000)
        return (int)n;
    struct winsize ws;
    if (isatty(1) && ioctl(1, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 20)
        return ws.ws_col;
    return 80;
}

static void print_timeline(const app *a, const char *q, const byl_timeline *t)
{
    size_t n;
    const byl_period *p = byl_timeline_periods(t, &n);
    int stories = a->collapse != BYL_COLLAPSE_NONE;
    const char *iv = byl_interval_name(byl_timeline_interval(t));
    if (a->json) {
        json_t *b = json_array();
        for (size_t i = 0; i < n; i++) {
            json_t *o = json_object();
            json_object_set_new(o, "period", json_string(p[i].label));
            json_object_set_new(o, "articles", json_integer((json_int_t)p[i].articles));
            if (stories)
                json_object_set_new(o, "stories", json_integer((json_int_t)p[i].stories));
            json_array_append_new(b, o);
        }
        json_t *o = json_object();
        json_object_set_new(o, "query", jstr(q, strlen(q)));
        json_object_set_new(o, "interval", json_string(iv));
        json_object_set_new(o, "total", json_integer((json_int_t)byl_timeline_total(t)));
        if (stories)
            json_object_set_new(o, "stories", json_integer((json_int_t)byl_timeline_stories(t)));
        json_object_set_new(o, "undated", json_integer((json_int_t)byl_timeline_undated(t)));
        json_object_set_new(o, "buckets", b);
        put_json(o);
        return;
    }
    printf("%llu article%s", (unsigned long long)byl_timeline_total(t),
           byl_timeline_total(t) == 1 ? "" : "s");
    if (stories)
        printf(" (%llu stor%s)", (unsigned long long)byl_timeline_stories(t),
               byl_timeline_stories(t) == 1 ? "y" : "ies");
    printf(" per %s (UTC%s), %llu undated\n", iv,
           byl_timeline_interval(t) == BYL_IV_WEEK ? ", ISO weeks" : "",
           (unsigned long long)byl_timeline_undated(t));
    uint64_t max = 0;
    for (size_t i = 0; i < n; i++)
        if (p[i].articles > max)
            max = p[i].articles;
    char num[32];
    int cw = snprintf(num, sizeof num, "%llu", (unsigned long long)max);
    int sw = stories ? cw + 2 : 0; /* "(N)" stories after the count */
    int lw = (int)strlen(n ? p[0].label : "");
    int room = term_columns() - lw - 2 - cw - (stories ? sw + 1 : 0) - 2;
    if (room < 10)
        room = 10;
    int fancy = a->mark == MARK_BOLD; /* a terminal (or --color=always) */
    for (size_t i = 0; i < n; i++) {
        printf("%s  %*llu", p[i].label, cw, (unsigned long long)p[i].articles);
        /* rounded up: a period with one article still shows a mark */
        int len = max ? (int)((p[i].articles * (uint64_t)room + max - 1) / max) : 0;
        if (stories) {
            snprintf(num, sizeof num, "(%llu)", (unsigned long long)p[i].stories);
            printf(" %-*s", len ? sw : 0, num);
        }
        if (len)
            fputs("  ", stdout);
        for (int k = 0; k < len; k++)
            fputs(fancy ? "\xE2\x96\x88" : "#", stdout); /* U+2588 FULL BLOCK */
        fputc('\n', stdout);
    }
}

/* The facets asked for (--facet source,author,name,tag,year) in text or
 * one JSON object. */
static int print_facets(app *a, const char *q, const byl_qnode *n, const byl_facets *f,
                        const char *list, uint64_t total)
{
    json_t *jf = a->json ? json_object() : NULL;
    if (!a->json)
        printf("%llu matching article%s\n", (unsigned long long)total, total == 1 ? "" : "s");
    for (const char *p = list; *p;) {
        size_t len = strcspn(p, ",");
        byl_facet_value *v = NULL;
        size_t nv = 0;
        uint64_t distinct = 0, missing = 0;
        int names = len == 4 && memcmp(p, "name", 4) == 0;
        byl_name_count *nc = NULL;
        int rc = names ? byl_names_top(a->s, n, &a->o, a->limit, &nc, &nv)
                       : byl_facets_top(f, byl_facet_parse(p, len), a->limit, &v, &nv, &distinct,
                                        &missing);
        if (rc) {
            fprintf(stderr, "%s: %s\n", a->prog, byl_error_msg());
            json_decref(jf);
            return EXIT_ERR;
        }
        if (a->json) {
            json_t *vals = json_array();
            for (size_t i = 0; i < nv; i++)
                json_array_append_new(vals, names ? json_pack("{s:s,s:s,s:I}", "value",
                                                              nc[i].display, "key", nc[i].key,
                                                              "articles", (json_int_t)nc[i].docs)
                                                  : json_pack("{s:o,s:I}", "value",
                                                              jstr(v[i].value, strlen(v[i].value)),
                                                              "articles", (json_int_t)v[i].articles));
            json_t *o = json_object();
            json_object_set_new(o, "values", vals);
            if (!names) {
                json_object_set_new(o, "distinct", json_integer((json_int_t)distinct));
                json_object_set_new(o, "missing", json_integer((json_int_t)missing));
            }
            json_object_set_new(jf, names ? "name" : byl_facet_name(byl_facet_parse(p, len)), o);
        } else {
            printf("%.*s", (int)len, p);
            if (!names)
                printf(" (%llu value%s; %llu article%s without one)",
                       (unsigned long long)distinct, distinct == 1 ? "" : "s",
                       (unsigned long long)missing, missing == 1 ? "" : "s");
            fputc('\n', stdout);
            for (size_t i = 0; i < nv; i++) {
                const char *s = names ? nc[i].display : v[i].value;
                printf("%8llu  ", (unsigned long long)(names ? nc[i].docs : v[i].articles));
                put_clean(s, strlen(s), stdout);
                fputc('\n', stdout);
            }
        }
        byl_free(v);
        byl_free(nc);
        p += len;
        if (*p == ',')
            p++;
    }
    if (a->json) {
        json_t *o = json_object();
        json_object_set_new(o, "query", jstr(q, strlen(q)));
        json_object_set_new(o, "total", json_integer((json_int_t)total));
        json_object_set_new(o, "facets", jf);
        put_json(o);
    }
    return 0;
}

/* --timeline and --facet: one evaluation of q over every match, both
 * visitors fed by it. */
static int run_views(app *a, const char *q, int interval, const char *plot, const char *facets)
{
    byl_qnode *n;
    if (byl_query_parse(q, strlen(q), &n)) {
        fprintf(stderr, "%s: bad query: %s\n", a->prog, byl_error_msg());
        return EXIT_ERR;
    }
    views v = {0};
    unsigned kinds = 0;
    for (const char *p = facets; p && *p;) {
        size_t len = strcspn(p, ",");
        int k = byl_facet_parse(p, len);
        if (k >= 0)
            kinds |= 1u << k;
        p += len + (p[len] == ',');
    }
    int status = EXIT_ERR, rc = BYL_OK;
    if ((interval >= 0 && (rc = byl_timeline_new(a->s, interval, &v.t))) ||
        (facets && (rc = byl_facets_new(a->s, kinds, &v.f))))
        goto out;
    byl_search_opts so = a->o;
    so.on_match = views_match;
    so.on_match_ctx = &v;
    const byl_group *g;
    size_t ng;
    uint64_t total, nmatches;
    if ((rc = byl_collapse_search(a->cl, a->s, n, &so, a->collapse, 0, &g, &ng, &total,
                                  &nmatches)) ||
        (v.t && (rc = byl_timeline_finish(v.t, a->collapse ? a->cl : NULL))) ||
        (v.f && (rc = byl_facets_finish(v.f))))
        goto out;
    status = nmatches ? 0 : EXIT_NONE;
    if (v.t) {
        print_timeline(a, q, v.t);
        if (plot && (rc = byl_plot_timeline(v.t, q, plot, 0, 0))) {
            status = EXIT_ERR;
            goto out;
        }
    }
    if (v.f && print_facets(a, q, n, v.f, facets, nmatches))
        status = EXIT_ERR;
out:
    if (rc)
        fprintf(stderr, "%s: %s\n", a->prog, byl_error_msg());
    if (!rc && status == EXIT_NONE)
        fprintf(stderr, "%s: no article matches this query\n", a->prog);
    byl_timeline_free(v.t);
    byl_facets_free(v.f);
    byl_qnode_free(n);
    return status;
}

/* --export jsonl|csv: every matching article (or the -n/--offset page when
 * -n is given) in the --sort order, written as each is read.  The hit list
 * (40 bytes a match) is the only thing held for all of them. */
static int run_export(app *a, const char *q, int format, int limit_given)
{
    byl_qnode *n;
    if (byl_query_parse(q, strlen(q), &n)) {
        fprintf(stderr, "%s: bad query: %s\n", a->prog, byl_error_msg());
        return EXIT_ERR;
    }
    byl_search_opts so = a->o;
    so.count_total = 1;
    so.k = 0;
    const byl_hit *hits;
    size_t nhits;
    uint64_t total;
    int rc = byl_search(a->s, n, &so, &hits, &nhits, &total);
    if (!rc) {
        so.k = limit_given ? a->offset + a->limit : (size_t)total;
        if (so.k > total)
            so.k = (size_t)total;
        rc = byl_search(a->s, n, &so, &hits, &nhits, &total);
    }
    byl_qnode_free(n);
    if (!rc)
        rc = byl_export_begin(stdout, format);
    for (size_t i = limit_given ? a->offset : 0; i < nhits && !rc; i++) {
        byl_stored st;
        if (!(rc = byl_segment_stored(byl_searcher_segment(a->s, &hits[i]), hits[i].doc, &st)))
            rc = byl_export_write(stdout, format, &st, i + 1, hits[i].score);
    }
    if (rc) {
        fprintf(stderr, "%s: %s\n", a->prog, byl_error_msg());
        return EXIT_ERR;
    }
    if (!total)
        fprintf(stderr, "%s: no article matches this query\n", a->prog);
    return total ? 0 : EXIT_NONE;
}

/* A date option.  YYYY, YYYY-MM and YYYY-MM-DD mean what they mean in a
 * date: clause, a whole year, month or day, so that --until 2025 takes all
 * of 2025 (it took only its first second) and 2025-02-30 is refused with the
 * query parser's reason; *out is the period's first second, or with
 * end_of_day its last.  Other forms ("Nov 26, 2025", "2025-11-26T14:00Z")
 * are one instant, except a ten-character day ("11/26/2025") which
 * --until extends to the end of that day as before. */
static int parse_date_opt(const app *a, const char *opt, const char *s, int end_of_day, int64_t *out)
{
    size_t len = strlen(s);
    if (len >= 4 && len <= 10 && strspn(s, "0123456789-") == len) {
        char q[32];
        byl_qnode *n;
        snprintf(q, sizeof q, "date:%s", s);
        if (byl_query_parse(q, strlen(q), &n)) {
            /* the reason a date cannot exist, without the clause's column */
            const char *msg = byl_error_msg(), *why = strstr(msg, ": ");
            if (!strstr(msg, "'date:'")) {
                fprintf(stderr, "%s: %s %s: %s\n", a->prog, opt, s, why ? why + 2 : msg);
                return -1;
            }
        } else {
            *out = end_of_day ? n->date_hi : n->date_lo;
            byl_qnode_free(n);
            return 0;
        }
    }
    if (byl_date_parse(s, len, out)) {
        fprintf(stderr, "%s: %s wants a date like 2025-03-01, 2025-03 or 2025 (years 0001 to 9999)\n",
                a->prog, opt);
        return -1;
    }
    if (end_of_day && len == 10)
        *out += 86399;
    return 0;
}

/* A number from lo to hi, and with whole a whole one.  The range test is
 * written so that NaN fails it (every comparison with NaN is false: --k1 nan
 * was taken and scored every article nan); inf and 1e999 fail it too. */
static int parse_num(const app *a, const char *opt, const char *s, double lo, double hi, int whole,
                     double *out)
{
    char *end;
    double v = strtod(s, &end);
    if (end == s || *end || !(v >= lo && v <= hi) || (whole && v != (double)(long long)v)) {
        fprintf(stderr, "%s: %s wants a %snumber from %.15g to %.15g, not '%s'\n", a->prog, opt,
                whole ? "whole " : "", lo, hi, s);
        return -1;
    }
    *out = v;
    return 0;
}

int main(int argc, char **argv)
{
    app a = {.prog = "byline-search", .limit = 10, .collapse = BYL_COLLAPSE_BEST};
    byl_search_opts_init(&a.o);
    const char *batch = NULL, *show_id = NULL, *similar_id = NULL;
    enum { MAX_SHOW = 1024 };
    const char *show_ids[MAX_SHOW];
    size_t nshow = 0;
    /* 0 auto (bold on a terminal, [brackets] when piped), 1 always, -1 never */
    int color = getenv("NO_COLOR") && *getenv("NO_COLOR") ? -1 : 0;
    static const struct option longopts[] = {
        {"index", required_argument, 0, 'i'}, {"limit", required_argument, 0, 'n'},
        {"offset", required_argument, 0, 'O'}, {"and", no_argument, 0, 'A'},
        {"json", no_argument, 0, 'J'},        {"count", no_argument, 0, 'C'},
        {"batch", required_argument, 0, 'B'}, {"show", required_argument, 0, 'S'},
        {"since", required_argument, 0, 's'}, {"until", required_argument, 0, 'u'},
        {"k1", required_argument, 0, 'K'},    {"b", required_argument, 0, 'b'},
        {"no-color", no_argument, 0, 'N'},    {"help", no_argument, 0, 'h'},
        {"color", optional_argument, 0, 'G'},
        {"version", no_argument, 0, 'V'},     {"names", no_argument, 0, 'M'},
        {"sort", required_argument, 0, 'o'},  {"recent", required_argument, 0, 'r'},
        {"now", required_argument, 0, 'w'},   {"explain", no_argument, 0, 'E'},
        {"stats", no_argument, 0, 'T'},
        {"collapse", required_argument, 0, 'D'}, {"no-collapse", no_argument, 0, 'U'},
        {"similar", required_argument, 0, 'Y'},
        {"prf", required_argument, 0, 0x100},  {"prf-terms", required_argument, 0, 0x101},
        {"prf-weight", required_argument, 0, 0x102},
        {"timeline", optional_argument, 0, 'L'}, {"plot", required_argument, 0, 'P'},
        {"facet", required_argument, 0, 'F'},    {"export", required_argument, 0, 'X'},
        {"query", required_argument, 0, 'Q'},
        {0, 0, 0, 0}};
    /* views over every match: --timeline, --facet, --export, --show --query */
    int interval = -1, export_fmt = -1, limit_given = 0;
    const char *plot = NULL, *facets = NULL, *show_query = NULL;
    int c;
    double v;
    while ((c = getopt_long(argc, argv, "i:n:hV", longopts, NULL)) != -1) {
        switch (c) {
        case 'i':
            if (a.nix == MAX_INDEXES) {
                fprintf(stderr, "%s: at most %d indexes at once\n", a.prog, MAX_INDEXES);
                return EXIT_ERR;
            }
            a.ix_path[a.nix++] = optarg;
            break;
        case 'n':
            if (parse_num(&a, "-n", optarg, 0, 100000, 1, &v))
                return EXIT_ERR;
            a.limit = (size_t)v;
            limit_given = 1;
            break;
        case 'O':
            if (parse_num(&a, "--offset", optarg, 0, 1000000, 1, &v))
                return EXIT_ERR;
            a.offset = (size_t)v;
            break;
        case 'A': a.o.all_required = 1; break;
        case 'J': a.json = 1; break;
        case 'C': a.count = 1; break;
        case 'B': batch = optarg; break;
        case 'S':
            if (nshow < MAX_SHOW)
                show_ids[nshow++] = optarg;
            show_id = optarg;
            break;
        case 's':
            if (parse_date_opt(&a, "--since", optarg, 0, &a.o.since))
                return EXIT_ERR;
            break;
        case 'u':
            if (parse_date_opt(&a, "--until", optarg, 1, &a.o.until))
                return EXIT_ERR;
            break;
        case 'K':
            if (parse_num(&a, "--k1", optarg, 0, 100, 0, &a.o.k1))
                return EXIT_ERR;
            break;
        case 'b':
            if (parse_num(&a, "--b", optarg, 0, 1, 0, &a.o.b))
                return EXIT_ERR;
            break;
        case 0x100:
            if (parse_num(&a, "--prf", optarg, 0, 1000, 1, &v))
                return EXIT_ERR;
            a.o.prf_docs = (size_t)v;
            break;
        case 0x101:
            if (parse_num(&a, "--prf-terms", optarg, 0, 1000, 1, &v))
                return EXIT_ERR;
            a.o.prf_terms = (size_t)v;
            break;
        case 0x102:
            if (parse_num(&a, "--prf-weight", optarg, 0, 1, 0, &a.o.prf_weight))
                return EXIT_ERR;
            break;
        case 'N': color = -1; break;
        case 'G':
            if (!optarg || strcmp(optarg, "always") == 0)
                color = 1;
            else if (strcmp(optarg, "never") == 0)
                color = -1;
            else if (strcmp(optarg, "auto") == 0)
                color = getenv("NO_COLOR") && *getenv("NO_COLOR") ? -1 : 0;
            else {
                fprintf(stderr, "%s: --color wants always, never or auto, not '%s'\n", a.prog,
                        optarg);
                return EXIT_ERR;
            }
            break;
        case 'M': a.names = 1; break;
        case 'E': a.explain = 1; break;
        case 'T': a.stats = 1; break;
        case 'U': a.collapse = BYL_COLLAPSE_NONE; break;
        case 'Y': similar_id = optarg; break;
        case 'L':
            /* --timeline=month, or --timeline month: an interval word right
             * after it is taken as its value (a query of that one word goes
             * after '--') */
            if (!optarg && optind < argc && byl_interval_parse(argv[optind]) >= 0)
                optarg = argv[optind++];
            interval = optarg ? byl_interval_parse(optarg) : BYL_IV_MONTH;
            if (interval < 0) {
                fprintf(stderr, "%s: --timeline wants day, week, month or year, not '%s'\n",
                        a.prog, optarg);
                return EXIT_ERR;
            }
            break;
        case 'P': plot = optarg; break;
        case 'F':
            for (const char *p = optarg;;) {
                size_t len = strcspn(p, ",");
                if (!(len == 4 && memcmp(p, "name", 4) == 0) && byl_facet_parse(p, len) < 0) {
                    fprintf(stderr, "%s: --facet wants a list of source, author, name, tag and "
                            "year (source,year), not '%s'\n", a.prog, optarg);
                    return EXIT_ERR;
                }
                if (!p[len])
                    break;
                p += len + 1;
            }
            facets = optarg;
            break;
        case 'X':
            if ((export_fmt = byl_export_parse(optarg)) < 0) {
                fprintf(stderr, "%s: --export wants jsonl or csv, not '%s'\n", a.prog, optarg);
                return EXIT_ERR;
            }
            break;
        case 'Q': show_query = optarg; break;
        case 'D':
            if (strcmp(optarg, "best") == 0)
                a.collapse = BYL_COLLAPSE_BEST;
            else if (strcmp(optarg, "oldest") == 0)
                a.collapse = BYL_COLLAPSE_OLDEST;
            else {
                fprintf(stderr, "%s: --collapse wants best or oldest\n", a.prog);
                return EXIT_ERR;
            }
            break;
        case 'o':
            if (strcmp(optarg, "relevance") == 0)
                a.o.sort = BYL_SORT_SCORE;
            else if (strcmp(optarg, "date") == 0)
                a.o.sort = BYL_SORT_DATE;
            else if (strcmp(optarg, "-date") == 0)
                a.o.sort = BYL_SORT_DATE_DESC;
            else {
                fprintf(stderr, "%s: --sort wants relevance, date or -date\n", a.prog);
                return EXIT_ERR;
            }
            break;
        case 'r': {
            char *end;
            double hl = strtod(optarg, &end);
            double unit = *end == 'h' ? 3600 : *end == 'd' ? 86400 : *end == 'w' ? 7 * 86400
                        : *end == 'y' ? 365.25 * 86400 : 0;
            if (end == optarg || !(hl > 0) || !unit || end[1] || !isfinite(hl * unit)) {
                fprintf(stderr, "%s: --recent wants a half-life like 12h, 30d, 2w or 1y\n", a.prog);
                return EXIT_ERR;
            }
            a.o.half_life = hl * unit;
            break;
        }
        case 'w':
            if (parse_date_opt(&a, "--now", optarg, 0, &a.o.now))
                return EXIT_ERR;
            break;
        case 'h': fputs(usage_text, stdout); return 0;
        case 'V': puts("byline-search " BYL_VERSION); return 0;
        default:
            /* "-apple pie": a query word getopt took for options */
            for (int i = optind - 1; i <= optind && i < argc; i++) /* where getopt was */
                if (i > 0 && argv[i][0] == '-' && argv[i][1] != '-' && strlen(argv[i]) > 2) {
                    fprintf(stderr, "%s: a query that starts with '-' goes after '--': "
                            "%s -i INDEX -- %s\n", a.prog, a.prog, argv[i]);
                    break;
                }
            fprintf(stderr, "Try '%s --help'.\n", a.prog);
            return EXIT_ERR;
        }
    }
    if (a.o.since > a.o.until) {
        /* as for date:2025..2024: an error rather than a filter that hides all */
        fprintf(stderr, "%s: --since is after --until; put the earlier date in --since\n", a.prog);
        return EXIT_ERR;
    }
    if (!a.nix) {
        fprintf(stderr, "%s: missing -i INDEX (an index built by byline-index)\nTry '%s --help'.\n",
                a.prog, a.prog);
        return EXIT_ERR;
    }
    if (plot && interval < 0) {
        fprintf(stderr, "%s: --plot draws a --timeline; add --timeline\n", a.prog);
        return EXIT_ERR;
    }
    if (show_query && !show_id) {
        fprintf(stderr, "%s: --query highlights the words of --show ID; give --show\n", a.prog);
        return EXIT_ERR;
    }
    if ((interval >= 0 || facets || export_fmt >= 0) &&
        (batch || show_id || similar_id || a.names || a.stats || a.count)) {
        fprintf(stderr, "%s: --timeline, --facet and --export take a QUERY, not --batch, --show, "
                "--similar, --names, --stats or --count\n", a.prog);
        return EXIT_ERR;
    }
    if (export_fmt >= 0 && (interval >= 0 || facets)) {
        fprintf(stderr, "%s: --export writes articles; run --timeline or --facet separately\n",
                a.prog);
        return EXIT_ERR;
    }
    if (!batch && !show_id && !similar_id && !a.names && !a.stats && optind >= argc) {
        fprintf(stderr, "%s: no query given\nTry '%s --help'.\n", a.prog, a.prog);
        return EXIT_ERR;
    }
    a.mark = color < 0 ? MARK_NONE : color > 0 || isatty(1) ? MARK_BOLD : MARK_BRACKETS;
    int status = EXIT_ERR;
    for (size_t i = 0; i < a.nix; i++)
        if (byl_index_open(a.ix_path[i], &a.ix[i])) {
            fprintf(stderr, "%s: %s\n", a.prog, byl_error_msg());
            goto out;
        }
    if (byl_searcher_new(a.ix, a.nix, &a.s) || byl_analyzer_new(&a.an) ||
        byl_clusters_new(a.ix, a.nix, NULL, &a.cl)) {
        fprintf(stderr, "%s: %s\n", a.prog, byl_error_msg());
        goto out;
    }
    if (a.stats) {
        status = print_stats(&a);
    } else if (show_id) {
        /* every id given: --show A --show B, or --show A B */
        for (int i = optind; i < argc && nshow < MAX_SHOW; i++)
            show_ids[nshow++] = argv[i];
        if (nshow == MAX_SHOW) {
            fprintf(stderr, "%s: at most %d ids for --show at once\n", a.prog, MAX_SHOW);
            goto out;
        }
        byl_qnode *hq = NULL;
        if (show_query) {
            /* the query's terms, as a search plans them, to highlight */
            const byl_hit *h;
            size_t nh;
            uint64_t tot;
            byl_search_opts so = a.o;
            so.k = 0;
            so.count_total = 0;
            if (byl_query_parse(show_query, strlen(show_query), &hq)) {
                fprintf(stderr, "%s: bad query: %s\n", a.prog, byl_error_msg());
                goto out;
            }
            int rc = byl_search(a.s, hq, &so, &h, &nh, &tot);
            byl_qnode_free(hq);
            if (rc) {
                fprintf(stderr, "%s: %s\n", a.prog, byl_error_msg());
                goto out;
            }
            a.hl = byl_search_terms(a.s, &a.nhl);
        }
        status = 0;
        for (size_t i = 0; i < nshow; i++) {
            if (i)
                putchar('\n');
            int st = show(&a, show_ids[i]);
            if (st > status)
                status = st;
        }
    } else if (similar_id) {
        status = similar(&a, similar_id);
    } else if (a.names && optind >= argc) {
        status = list_names(&a, NULL);
    } else if (batch) {
        status = run_batch(&a, batch);
    } else {
        size_t len = 0;
        for (int i = optind; i < argc; i++)
            len += strlen(argv[i]) + 1;
        char *q = malloc(len + 1);
        if (!q)
            goto out;
        q[0] = '\0';
        for (int i = optind; i < argc; i++) {
            if (i > optind)
                strcat(q, " ");
            strcat(q, argv[i]);
        }
        if (export_fmt >= 0)
            status = run_export(&a, q, export_fmt, limit_given);
        else if (interval >= 0 || facets)
            status = run_views(&a, q, interval, plot, facets);
        else
            status = a.names ? list_names(&a, q) : run_query(&a, q, strlen(q), NULL);
        free(q);
    }
out:
    byl_analyzer_free(a.an);
    byl_buf_reset(&a.explain_buf);
    byl_clusters_free(a.cl);
    byl_searcher_free(a.s);
    for (size_t i = 0; i < a.nix; i++)
        byl_index_close(a.ix[i]);
    if (fflush(stdout) && status == 0)
        status = EXIT_ERR;
    return status;
}
