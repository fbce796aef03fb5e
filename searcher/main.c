/*
 * byline-search - ranked search over one or more Byline indexes.
 *
 * Thin by design: options, output formats and exit codes live here; parsing,
 * retrieval and snippets are libbyline's, reached only through its public
 * API (byline.h), as any other program would.
 * Exit status: 0 results; 1 no result (also: a --batch file without a
 * query); 2 bad query, bad usage (an option's value out of range, a --batch
 * file that cannot be read), a missing or damaged index, or results that
 * could not be written (a full disk; a closed pipe is no error).
 */
#include <errno.h>
#include <getopt.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <malloc.h>
#include <stdint.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <signal.h>
#include <unistd.h>

#include "byline.h"
#include "plotexec.h"

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
    "      --exact-total     count every match for the total line (by default, past\n"
    "                        1,000 matches a collapsed search estimates it: \"about\n"
    "                        260,000 matches, about 120,000 distinct\"; the results are\n"
    "                        exact either way, and so is \"+N similar\" but for a story\n"
    "                        of over 20,000 copies: \"+about N similar\")\n"
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
    "      --names           list the most frequent names (people, organisations)\n"
    "                        in the index, or in the articles matching QUERY\n"
    "      --places          with --names: list the places instead (countries,\n"
    "                        states, cities, regions)\n"
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
    "      --prf-depth N     rank again only the first pass's N best (default 100;\n"
    "                        0: every match, slower)\n"
    "      --timeline[=IV]   matching articles (and stories) per day, ISO week, month\n"
    "                        (default) or year, over every match; a chart, or --json\n"
    "      --plot FILE       with --timeline: also draw it as FILE.svg or FILE.png\n"
    "      --facet LIST      counts of matching articles by source, author, name, tag\n"
    "                        and year (comma-separated; -n values each)\n"
    "      --export FMT      every matching article, full text and score, in --sort\n"
    "                        order, as jsonl or csv (RFC 4180); --offset and -n\n"
    "                        page it\n"
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
    "--batch FILE that cannot be read), a missing or damaged index, or results\n"
    "that could not be written (a full disk; a closed pipe is no error).\n"
    "See byline-search(1).\n";

typedef enum { MARK_NONE, MARK_BOLD, MARK_BRACKETS } markup;

typedef struct app {
    const char *prog;
    const char *ix_path[MAX_INDEXES];
    size_t nix;
    byline_collection *c;
    byline_searcher *s;
    byline_search_opts o;   /* o.collapse: enum byline_collapse */
    size_t limit, offset;
    int json, count, names, explain, stats;
    int places; /* --places: --names lists places */
    int exact_total; /* --exact-total: every match counted, not estimated */
    markup mark;
    int hl;                 /* --show --query: its words are highlighted */
} app;

/* n with a comma every three digits ("260,000"), in buf. */
static const char *group3(uint64_t n, char *buf, size_t cap)
{
    char t[32];
    int len = snprintf(t, sizeof t, "%llu", (unsigned long long)n);
    size_t o = 0;
    for (int i = 0; i < len && o + 2 < cap; i++) {
        if (i && (len - i) % 3 == 0)
            buf[o++] = ',';
        buf[o++] = t[i];
    }
    buf[o] = '\0';
    return buf;
}

/* Not strftime: glibc's %Y writes year 1 as "1" and knows no year beyond
 * what struct tm holds; byline_date_format pads to four digits for any time. */
static void fmt_date(int64_t t, int full, char *buf, size_t cap)
{
    if (t == BYLINE_NO_DATE) {
        snprintf(buf, cap, full ? "" : "----------");
        return;
    }
    byline_date_format(t, full, buf, cap);
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
    const char *p = s, *end = p + n;
    while (p < end) {
        int32_t cp;
        size_t k = byline_utf8_next(p, (size_t)(end - p), &cp);
        if ((cp == '\n' || cp == '\t') && lines)
            fputc(cp, f);
        else if (cp == '\r' && lines && p + 1 < end && p[1] == '\n')
            ; /* CRLF: the '\n' ends the line */
        else if (cp == '\n' || cp == '\t' || cp == '\r')
            fputc(' ', f);
        else if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) ||
                 (cp == 0xFFFD && k == 1))
            fputs("\xEF\xBF\xBD", f); /* U+FFFD */
        else
            fwrite(p, 1, k, f);
        p += k;
    }
}

/* A one-line field (title, id, author, snippet...): see put_text. */
static void put_clean(const char *s, size_t n, FILE *f) { put_text(s, n, 0, f); }

static void put_snippet(const app *a, const byline_snippet *sn, FILE *f)
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
 * byline_highlight over the same text. */
static void put_marked(const app *a, const char *s, size_t n, int lines, const byline_span *sp,
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

/* s as a JSON string.  Bytes that are not UTF-8 (an id from a Latin-1 file
 * name, a damaged stored field) become U+FFFD, as the text output shows
 * them, not an empty string: the value still tells one article from
 * another. */
static json_t *jstr(const char *s, size_t n)
{
    json_t *j = json_stringn(s, n);
    if (j)
        return j;
    char *u = malloc(3 * n + 1);
    size_t k = 0;
    for (size_t i = 0; u && i < n;) {
        int32_t cp;
        size_t step = byline_utf8_next(s + i, n - i, &cp);
        if (cp == 0xFFFD && step == 1) /* a byte that starts no character */
            memcpy(u + k, "\xEF\xBF\xBD", 3), k += 3;
        else
            memcpy(u + k, s + i, step), k += step;
        i += step ? step : 1;
    }
    j = u ? json_stringn(u, k) : NULL;
    free(u);
    return j ? j : json_string("");
}

/* The reason the first failed write to stdout gave (0: none yet). */
static int out_errno;

/* Whether a write to stdout has failed; the first time it is seen, its
 * reason is kept.  Called right after writing (a loop's test, a mode's
 * end), while errno still holds the reason: glibc writes a long string
 * past the buffer at once and keeps nothing of it to try again. */
static int out_failed(void)
{
    if (ferror(stdout) && !out_errno)
        out_errno = errno ? errno : EIO;
    return ferror(stdout);
}

/* What is left to write goes out; a write that failed (a full disk, a
 * closed terminal) is said, with the reason, and is exit EXIT_ERR (as a
 * failed --export was; docs/byline-search.1): it was exit 2 with no word.
 * A reader that went away (a closed pipe: "| head -1") is no error: quiet,
 * the status as it was. */
static int finish_output(const char *prog, int status)
{
    out_failed();
    errno = 0;
    if (fflush(stdout) == 0 && !ferror(stdout))
        return status;
    int e = out_errno ? out_errno : errno ? errno : EIO;
    if (e == EPIPE)
        return status;
    fprintf(stderr, "%s: cannot write the results: %s\n", prog, strerror(e));
    return EXIT_ERR;
}

/* Says when a prefix of the last search or view stood for more words than
 * one expands to, so that co* finding less than com* is no riddle. */
static void note_prefix_cut(const app *a, const char *qid)
{
    if (byline_search_prefix_cut(a->s))
        fprintf(stderr, "%s: %s%s%sa prefix (word*) stands for more than 256 words; only the "
                "first 256 found were searched: give a longer prefix to find the rest\n",
                a->prog, qid ? "query " : "", qid ? qid : "", qid ? ": " : "");
}

/* Hit i of the last search, ranked rank. */
static int print_hit(app *a, size_t i, size_t rank, const char *qid, uint64_t total)
{
    if (qid && !a->json) {
        /* run lines need only the id: no stored text is inflated */
        const char *id;
        size_t idlen;
        double score;
        int rc = byline_hit_id(a->s, i, &id, &idlen, &score);
        if (rc)
            return rc;
        printf("%s Q0 ", qid);
        put_clean(id, idlen, stdout);
        printf(" %zu %.6f byline\n", rank, score);
        return BYLINE_OK;
    }
    byline_hit h;
    byline_snippet sn;
    int rc = byline_hit_get(a->s, i, &h);
    if (!rc)
        rc = byline_hit_snippet(a->s, i, &sn);
    if (rc)
        return rc;
    char *explain = NULL;
    if (a->explain && byline_hit_explain(a->s, i, &explain) != BYLINE_OK)
        explain = NULL;
    char date[BYLINE_DATE_BUF];
    if (a->json) {
        fmt_date(h.date, 1, date, sizeof date);
        json_t *o = json_object();
        if (qid)
            json_object_set_new(o, "qid", json_string(qid));
        json_object_set_new(o, "rank", json_integer((json_int_t)rank));
        if (total != UINT64_MAX) { /* for a single query: what "N matches" says */
            json_object_set_new(o, "total", json_integer((json_int_t)total));
            json_object_set_new(o, "total_exact", json_boolean(byline_search_total_exact(a->s)));
        }
        json_object_set_new(o, "id", jstr(h.id, h.id_len));
        json_object_set_new(o, "score", json_real(h.score));
        json_object_set_new(o, "title", jstr(h.title, h.title_len));
        json_object_set_new(o, "date", h.date == BYLINE_NO_DATE ? json_null() : json_string(date));
        json_object_set_new(o, "author", jstr(h.author, h.author_len));
        json_object_set_new(o, "source", jstr(h.source, h.source_len));
        json_object_set_new(o, "url", jstr(h.url, h.url_len));
        json_object_set_new(o, "snippet", jstr(sn.text, sn.len));
        json_t *m = json_array();
        for (size_t k = 0; k < sn.nspans; k++)
            json_array_append_new(m, json_pack("[I,I]", (json_int_t)sn.spans[k].start,
                                               (json_int_t)(sn.spans[k].start + sn.spans[k].len)));
        json_object_set_new(o, "matches", m);
        if (a->o.collapse)
            json_object_set_new(o, "similar", json_integer((json_int_t)h.similar));
        if (a->o.collapse && h.similar_estimated)
            json_object_set_new(o, "similar_exact", json_false());
        if (explain)
            json_object_set_new(o, "explain", jstr(explain, strlen(explain)));
        put_json(o);
    } else {
        fmt_date(h.date, 0, date, sizeof date);
        printf("%2zu. %8.4f  %s  ", rank, h.score, date);
        if (h.title_len)
            put_clean(h.title, h.title_len, stdout);
        else
            fputs("(no title)", stdout);
        char sim[32];
        if (h.similar && h.similar_estimated)
            printf("  (+about %s similar)", group3(h.similar, sim, sizeof sim));
        else if (h.similar)
            printf("  (+%u similar)", h.similar);
        fputs("\n    ", stdout);
        put_clean(h.id, h.id_len, stdout);
        if (h.author_len) {
            fputs("  ·  ", stdout);
            put_clean(h.author, h.author_len, stdout);
        }
        if (h.source_len) {
            fputs("  ·  ", stdout);
            put_clean(h.source, h.source_len, stdout);
        }
        if (sn.len) {
            fputs("\n    ", stdout);
            put_snippet(a, &sn, stdout);
        }
        fputs("\n", stdout);
        if (explain) {
            const char *p = explain, *end = p + strlen(explain);
            while (p < end) {
                const char *nl = memchr(p, '\n', (size_t)(end - p));
                size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
                fputs("      ", stdout);
                put_clean(p, n, stdout); /* terms come from articles */
                fputc('\n', stdout);
                p = nl ? nl + 1 : end;
            }
        }
    }
    byline_free(explain);
    return BYLINE_OK;
}

/* Runs one query; returns 0 with results, EXIT_NONE, or EXIT_ERR. */
static int run_query(app *a, const char *q, size_t len, const char *qid)
{
    byline_query *n;
    int rc = byline_query_parse_n(q, len, &n);
    if (rc) {
        fprintf(stderr, "%s: %s%s%sbad query: %s\n", a->prog, qid ? "query " : "", qid ? qid : "",
                qid ? ": " : "", byline_errmsg());
        return EXIT_ERR;
    }
    size_t nhits;
    uint64_t total, nmatches;
    a->o.k = a->count ? 0 : a->limit;
    a->o.offset = a->count ? 0 : a->offset;
    /* an exact total is printed for a single query; a batch wants speed */
    a->o.count_total = a->count || !qid;
    /* a collapsed total past 1,000 matches is estimated (byline.h), the
     * walk of every match being most of a search at a million articles;
     * --count and --exact-total count them */
    a->o.total_bound = a->count || a->exact_total ? 0 : 1000;
    rc = byline_search(a->s, n, &a->o, &nhits, &total);
    nmatches = byline_search_matches(a->s);
    byline_query_free(n);
    if (rc) {
        fprintf(stderr, "%s: %s\n", a->prog, byline_errmsg());
        return EXIT_ERR;
    }
    note_prefix_cut(a, qid);
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
    if (!qid && !a->json && !byline_search_total_exact(a->s)) {
        char m[32], d[32];
        printf("about %s matches, about %s distinct (--exact-total counts them)\n",
               group3(nmatches, m, sizeof m), group3(total, d, sizeof d));
    } else if (!qid && !a->json && nmatches != total)
        printf("%llu matches, %llu distinct (--no-collapse shows all)\n",
               (unsigned long long)nmatches, (unsigned long long)total);
    else if (!qid && !a->json)
        printf("%llu match%s\n", (unsigned long long)total, total == 1 ? "" : "es");
    for (size_t i = 0; i < nhits && !out_failed(); i++) { /* stopped by a failed write */
        rc = print_hit(a, i, a->offset + i + 1, qid, qid ? UINT64_MAX : total);
        if (rc) {
            fprintf(stderr, "%s: %s\n", a->prog, byline_errmsg());
            return EXIT_ERR;
        }
    }
    return total ? 0 : EXIT_NONE;
}

/* --stats: what the indexes hold, and where the bytes go. */
static int print_stats(app *a)
{
    uint64_t bytes[BYLINE_SEC_COUNT] = {0}, total = 0, nseg = 0, nterms = 0, secs = 0;
    size_t n = byline_segment_count(a->c);
    for (size_t i = 0; i < n; i++) {
        byline_segment_info si;
        if (byline_segment_info_get(a->c, i, &si)) {
            fprintf(stderr, "%s: %s\n", a->prog, byline_errmsg());
            return EXIT_ERR;
        }
        for (int k = 0; k < BYLINE_SEC_COUNT; k++)
            bytes[k] += si.section_bytes[k];
        total += si.bytes;
        nterms += si.terms;
        nseg++;
    }
    for (int k = 0; k < BYLINE_SEC_COUNT; k++)
        secs += bytes[k];
    byline_info st;
    byline_info_get(a->c, &st);
    char lo[BYLINE_DATE_BUF], hi[BYLINE_DATE_BUF];
    fmt_date(st.first_date, 0, lo, sizeof lo);
    fmt_date(st.last_date, 0, hi, sizeof hi);
    uint64_t other = total - secs;
    uint64_t stored = bytes[BYLINE_SEC_STORE] + bytes[BYLINE_SEC_STOREIDX];
    if (a->json) {
        json_t *b = json_object();
        for (int k = 0; k < BYLINE_SEC_COUNT; k++)
            json_object_set_new(b, byline_section_name(k), json_integer((json_int_t)bytes[k]));
        json_object_set_new(b, "headers, footers, CRCs", json_integer((json_int_t)other));
        json_t *o = json_object();
        json_object_set_new(o, "articles", json_integer((json_int_t)st.articles));
        json_object_set_new(o, "deleted", json_integer((json_int_t)st.deleted));
        json_object_set_new(o, "first_date", st.first_date == BYLINE_NO_DATE ? json_null() : json_string(lo));
        json_object_set_new(o, "last_date", st.last_date == BYLINE_NO_DATE ? json_null() : json_string(hi));
        json_object_set_new(o, "segments", json_integer((json_int_t)nseg));
        json_object_set_new(o, "terms", json_integer((json_int_t)nterms));
        json_object_set_new(o, "bytes", json_integer((json_int_t)total));
        json_object_set_new(o, "bytes_without_stored_text",
                            json_integer((json_int_t)(total - stored)));
        json_object_set_new(o, "sections", b);
        put_json(o);
        return 0;
    }
    printf("articles        %llu\n", (unsigned long long)st.articles);
    if (st.deleted)
        printf("deleted         %llu (until a merge drops them)\n", (unsigned long long)st.deleted);
    printf("dates           %s .. %s\n", lo, hi);
    printf("segments        %llu\n", (unsigned long long)nseg);
    printf("terms           %llu (summed over segments)\n", (unsigned long long)nterms);
    printf("bytes           %llu\n", (unsigned long long)total);
    for (int k = 0; k < BYLINE_SEC_COUNT; k++)
        printf("  %-22s %llu\n", byline_section_name(k), (unsigned long long)bytes[k]);
    printf("  %-22s %llu\n", "headers, footers, CRCs", (unsigned long long)other);
    printf("without stored text %llu\n", (unsigned long long)(total - stored));
    return 0;
}

/* --names: who the index, or the matching articles, are about. */
static int list_names(app *a, const char *q)
{
    byline_query *n = NULL;
    if (q && byline_query_parse(q, &n)) {
        fprintf(stderr, "%s: bad query: %s\n", a->prog, byline_errmsg());
        return EXIT_ERR;
    }
    byline_name *names;
    size_t nn;
    /* -n 0 shows no name, as a search's -n 0 shows no result, and the exit
     * status still says whether there are any: one is looked for (it
     * printed "no names found" and exit 1, round 29) */
    int rc = byline_names_kind(a->s, n, &a->o, a->places ? BYLINE_NAME_PLACE : BYLINE_NAME_WHO,
                               a->limit ? a->limit : 1, &names, &nn);
    byline_query_free(n);
    if (rc) {
        fprintf(stderr, "%s: %s\n", a->prog, byline_errmsg());
        return EXIT_ERR;
    }
    note_prefix_cut(a, NULL);
    for (size_t i = 0; i < nn && i < a->limit && !out_failed(); i++) {
        if (a->json) {
            json_t *o = json_pack("{s:s,s:s,s:I,s:s}", "name", names[i].display, "key",
                                  names[i].key, "articles", (json_int_t)names[i].articles, "type",
                                  names[i].kind == BYLINE_NAME_PLACE ? "place" : "name");
            put_json(o);
        } else {
            printf("%6llu  ", (unsigned long long)names[i].articles);
            put_clean(names[i].display, strlen(names[i].display), stdout);
            fputc('\n', stdout);
        }
    }
    byline_free(names);
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
    while (!out_failed() && (n = getline(&line, &cap, f)) != -1) { /* main says it */
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
        }
        if (!tab || tab == line) /* no id, or an empty one: the line's number (run files
                                  * with an empty column misread) */
            snprintf(qidbuf, sizeof qidbuf, "%lu", lineno), qid = qidbuf;
        nqueries++;
        /* a run line's columns are split at white space: an id with a space
         * ("q 7") made a line of seven columns (round 29); refused, as any
         * bad query of the batch is, and the rest run */
        if (strpbrk(qid, " \v\f")) {
            fprintf(stderr, "%s: line %lu: the query id '", a->prog, lineno);
            put_clean(qid, strlen(qid), stderr);
            fputs("' holds a space; a run line's columns are split at spaces: give an id "
                  "of one word (QID<TAB>QUERY)\n", stderr);
            status = EXIT_ERR;
            continue;
        }
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

/* The message for an article that is not there (EXIT_NONE), or for
 * another failure (EXIT_ERR). */
static int article_error(const app *a, int rc, const char *id)
{
    if (rc != BYLINE_ENOTFOUND) {
        fprintf(stderr, "%s: %s\n", a->prog, byline_errmsg());
        return EXIT_ERR;
    }
    fprintf(stderr, "%s: no article with id ", a->prog);
    put_clean(id, strlen(id), stderr);
    fputc('\n', stderr);
    return EXIT_NONE;
}

static int show(app *a, const char *id)
{
    byline_article *art;
    int rc = byline_article_get(a->s, id, strlen(id), &art);
    if (rc)
        return article_error(a, rc, id);
    const byline_article st = *art;
    char date[BYLINE_DATE_BUF];
    fmt_date(st.date, a->json, date, sizeof date);
    /* --query: the matches in title and body */
    byline_span *tsp = NULL, *bsp = NULL;
    size_t ntsp = 0, nbsp = 0;
    if (a->hl && (byline_highlight(a->s, st.title, st.title_len, &tsp, &ntsp) ||
                  byline_highlight(a->s, st.body, st.body_len, &bsp, &nbsp))) {
        fprintf(stderr, "%s: %s\n", a->prog, byline_errmsg());
        byline_free(tsp);
        byline_free(art);
        return EXIT_ERR;
    }
    if (a->json) {
        json_t *o = json_pack("{s:o,s:o,s:o,s:o,s:o,s:o,s:o}", "id", jstr(st.id, st.id_len),
                              "title", jstr(st.title, st.title_len), "date",
                              st.date == BYLINE_NO_DATE ? json_null() : json_string(date),
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
                const byline_span *sp = part ? &bsp[x] : &tsp[x];
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
        if (st.date != BYLINE_NO_DATE)
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
    byline_free(tsp);
    byline_free(bsp);
    byline_free(art);
    return 0;
}

/* --similar: the article with this id and its cluster, oldest first. */
static int similar(app *a, const char *id)
{
    byline_similar_article *m;
    size_t n;
    int rc = byline_similar(a->s, id, strlen(id), &m, &n);
    if (rc)
        return article_error(a, rc, id);
    if (!a->json) {
        printf("%zu article%s in the cluster of ", n, n == 1 ? "" : "s");
        put_clean(id, strlen(id), stdout);
        fputc('\n', stdout);
    }
    for (size_t i = 0; i < n && !out_failed(); i++) {
        const byline_similar_article *st = &m[i];
        char date[BYLINE_DATE_BUF];
        fmt_date(st->date, a->json, date, sizeof date);
        if (a->json) {
            json_t *o = json_object();
            json_object_set_new(o, "rank", json_integer((json_int_t)(i + 1)));
            json_object_set_new(o, "id", jstr(st->id, st->id_len));
            json_object_set_new(o, "title", jstr(st->title, st->title_len));
            json_object_set_new(o, "date", st->date == BYLINE_NO_DATE ? json_null() : json_string(date));
            json_object_set_new(o, "source", jstr(st->source, st->source_len));
            json_object_set_new(o, "url", jstr(st->url, st->url_len));
            json_object_set_new(o, "resemblance", json_real(st->resemblance));
            json_object_set_new(o, "containment", json_real(st->containment));
            put_json(o);
        } else {
            printf("%2zu. %s  ", i + 1, date);
            if (st->title_len)
                put_clean(st->title, st->title_len, stdout);
            else
                fputs("(no title)", stdout);
            fputs("\n    ", stdout);
            put_clean(st->id, st->id_len, stdout);
            if (st->source_len) {
                fputs("  ·  ", stdout);
                put_clean(st->source, st->source_len, stdout);
            }
            if (st->self)
                fputs("  ·  this article\n", stdout);
            else
                printf("  ·  resemblance %.2f, containment %.2f\n", st->resemblance,
                       st->containment);
        }
    }
    byline_free(m);
    return 0;
}

/* ---- views over every match: --timeline, --facet, --export ---- */

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

static void print_timeline(const app *a, const char *q, const byline_tally *t)
{
    size_t n;
    const byline_period *p = byline_tally_periods(t, &n);
    byline_tally_totals tt;
    byline_tally_totals_get(t, &tt);
    int stories = a->o.collapse != BYLINE_COLLAPSE_NONE;
    const char *iv = byline_interval_name(tt.interval);
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
        json_object_set_new(o, "total", json_integer((json_int_t)tt.matches));
        if (stories)
            json_object_set_new(o, "stories", json_integer((json_int_t)tt.stories));
        json_object_set_new(o, "undated", json_integer((json_int_t)tt.undated));
        json_object_set_new(o, "buckets", b);
        put_json(o);
        return;
    }
    printf("%llu article%s", (unsigned long long)tt.matches, tt.matches == 1 ? "" : "s");
    if (stories)
        printf(" (%llu stor%s)", (unsigned long long)tt.stories, tt.stories == 1 ? "y" : "ies");
    printf(" per %s (UTC%s), %llu undated\n", iv, tt.interval == BYLINE_WEEK ? ", ISO weeks" : "",
           (unsigned long long)tt.undated);
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
static int print_facets(app *a, const char *q, byline_tally *t, const char *list, uint64_t total)
{
    json_t *jf = a->json ? json_object() : NULL;
    if (!a->json)
        printf("%llu matching article%s\n", (unsigned long long)total, total == 1 ? "" : "s");
    for (const char *p = list; *p;) {
        size_t len = strcspn(p, ",");
        byline_facet_value *v = NULL;
        size_t nv = 0;
        uint64_t distinct = 0, missing = 0;
        int kind = byline_facet_parse(p, len);
        int names = kind == BYLINE_FACET_NAME;
        int rc = byline_tally_facet(t, kind, a->limit, &v, &nv, &distinct, &missing);
        if (rc) {
            fprintf(stderr, "%s: %s\n", a->prog, byline_errmsg());
            json_decref(jf);
            return EXIT_ERR;
        }
        if (a->json) {
            json_t *vals = json_array();
            for (size_t i = 0; i < nv; i++)
                json_array_append_new(vals, names ? json_pack("{s:s,s:s,s:I}", "value",
                                                              v[i].value, "key", v[i].key,
                                                              "articles", (json_int_t)v[i].articles)
                                                  : json_pack("{s:o,s:I}", "value",
                                                              jstr(v[i].value, strlen(v[i].value)),
                                                              "articles", (json_int_t)v[i].articles));
            json_t *o = json_object();
            json_object_set_new(o, "values", vals);
            if (!names) {
                json_object_set_new(o, "distinct", json_integer((json_int_t)distinct));
                json_object_set_new(o, "missing", json_integer((json_int_t)missing));
            }
            json_object_set_new(jf, byline_facet_name(kind), o);
        } else {
            printf("%.*s", (int)len, p);
            if (!names)
                printf(" (%llu value%s; %llu article%s without one)",
                       (unsigned long long)distinct, distinct == 1 ? "" : "s",
                       (unsigned long long)missing, missing == 1 ? "" : "s");
            fputc('\n', stdout);
            for (size_t i = 0; i < nv; i++) {
                printf("%8llu  ", (unsigned long long)v[i].articles);
                put_clean(v[i].value, strlen(v[i].value), stdout);
                fputc('\n', stdout);
            }
        }
        byline_free(v);
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
 * counted from it. */
static int run_views(app *a, const char *q, int interval, const char *plot, const char *facets)
{
    byline_query *n;
    if (byline_query_parse(q, &n)) {
        fprintf(stderr, "%s: bad query: %s\n", a->prog, byline_errmsg());
        return EXIT_ERR;
    }
    unsigned kinds = 0;
    for (const char *p = facets; p && *p;) {
        size_t len = strcspn(p, ",");
        int k = byline_facet_parse(p, len);
        if (k >= 0)
            kinds |= 1u << k;
        p += len + (p[len] == ',');
    }
    int status = EXIT_ERR, rc;
    byline_tally *t = NULL;
    byline_tally_totals tt;
    if ((rc = byline_tally_new(a->s, n, &a->o, interval, kinds, &t)))
        goto out;
    note_prefix_cut(a, NULL);
    byline_tally_totals_get(t, &tt);
    status = tt.matches ? 0 : EXIT_NONE;
    if (interval >= 0) {
        print_timeline(a, q, t);
        if (plot && (rc = byline_tally_plot(t, q, plot, 0, 0))) {
            status = EXIT_ERR;
            goto out;
        }
    }
    if (facets && print_facets(a, q, t, facets, tt.matches))
        status = EXIT_ERR;
out:
    if (rc)
        fprintf(stderr, "%s: %s\n", a->prog, byline_errmsg());
    if (!rc && status == EXIT_NONE)
        fprintf(stderr, "%s: no article matches this query\n", a->prog);
    byline_tally_free(t);
    byline_query_free(n);
    return status;
}

/* --export jsonl|csv: every matching article in the --sort order, past the
 * first --offset, at most -n when it is given, written as each is read
 * (--offset alone was ignored: round 29). */
static int run_export(app *a, const char *q, int format, int limit_given)
{
    byline_query *n;
    if (byline_query_parse(q, &n)) {
        fprintf(stderr, "%s: bad query: %s\n", a->prog, byline_errmsg());
        return EXIT_ERR;
    }
    byline_search_opts so = a->o;
    so.offset = a->offset;
    so.k = limit_given ? a->limit : SIZE_MAX;
    uint64_t total;
    int rc = byline_export(a->s, n, &so, format, stdout, &total);
    byline_query_free(n);
    if (rc == BYLINE_EIO && out_failed())
        return 0; /* a failed write: main says it (finish_output), or a closed pipe */
    if (rc) {
        fprintf(stderr, "%s: %s\n", a->prog, byline_errmsg());
        return EXIT_ERR;
    }
    note_prefix_cut(a, NULL);
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
        int64_t lo, hi;
        if (byline_date_period(s, len, &lo, &hi)) {
            /* the reason a date cannot exist, without the clause's column */
            const char *msg = byline_errmsg(), *why = strstr(msg, ": ");
            if (!strstr(msg, "'date:'")) {
                fprintf(stderr, "%s: %s %s: %s\n", a->prog, opt, s, why ? why + 2 : msg);
                return -1;
            }
        } else {
            *out = end_of_day ? hi : lo;
            return 0;
        }
    }
    if (byline_date_parse(s, len, out)) {
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

#define HUGE_PAGE ((uintptr_t)2 << 20)
/* Two huge pages: the second is faulted in (one fault) only by a search
 * whose heap outgrows the first, such as one that reads many postings
 * lists by pread (index/segment.c, struct listread). */
#define HEAP_HUGE (2 * HUGE_PAGE)

/* Puts the heap a search works in (about 1 MB: its plan, cursors, the
 * chunks it reads, the snippets' analysis) in one transparent huge page.
 * On the virtual machines of docs/PERFORMANCE.md the first touch of a
 * 4 KiB page cost 12-14 us, and one search from the shell at a million
 * articles touched about 220 heap pages: 375 page faults in all, 152 with
 * the huge page, and the median search 12.6 -> 9.7 ms (round 25).  The
 * heap is grown by the allocator (M_TOP_PAD); a block held for the
 * process's life takes it up to a 2 MiB boundary, so that nothing has
 * touched the pages past it when they are advised MADV_HUGEPAGE (a page
 * touched first keeps its 2 MiB in small pages).  Where a step fails or
 * the kernel gives no huge page, the heap is as it was; the sanitizers
 * and valgrind keep heaps of their own (mallinfo2 tells nothing there).
 * BYL_SMALL_PAGES=1 in the environment leaves it out, to measure it. */
static void heap_in_a_huge_page(void)
{
#if !defined(__SANITIZE_ADDRESS__)
    static void *hold; /* reachable: never freed, never a leak */
    const char *off = getenv("BYL_SMALL_PAGES");
    if (off && *off && strcmp(off, "0") != 0)
        return;
    struct mallinfo2 mi = mallinfo2();
    uintptr_t end = (uintptr_t)sbrk(0);
    if (end == (uintptr_t)-1 || mi.keepcost < 64 || mi.keepcost > end)
        return;
    mallopt(M_MMAP_THRESHOLD, 32 << 20); /* the readers' buffers in the heap too */
    mallopt(M_TRIM_THRESHOLD, 64 << 20);
    uintptr_t top = end - mi.keepcost; /* where the allocator's free top starts */
    uintptr_t a = (end + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);
    size_t want = ((size_t)(a - top) - 64) & ~(size_t)15; /* its chunk ends below a */
    mallopt(M_TOP_PAD, (int)(HEAP_HUGE + (64 << 10)));
    hold = malloc(want - 8);
    mallopt(M_TOP_PAD, 128 << 10);
    uintptr_t e = (uintptr_t)sbrk(0);
    if (hold && (uintptr_t)hold < a && e >= a + HEAP_HUGE)
        madvise((void *)a, HEAP_HUGE, MADV_HUGEPAGE);
#endif
}

/* Faults in the stack a search will use (about 40 KiB: its plan, cursors
 * and lists) in one call, where each page touched first was a fault of
 * its own: 10 of a search's ~80 at a million articles, 12-14 us each on
 * the virtual machines of docs/PERFORMANCE.md (round 27).  Only as far as
 * the stack's mapping already reaches (the call fails past it, harmless):
 * 24 pages below the frame of main. */
static void stack_populate(void)
{
#ifdef MADV_POPULATE_WRITE
    char here;
    uintptr_t top = (uintptr_t)&here & ~(uintptr_t)4095;
    (void)madvise((void *)(top - 23 * 4096), 24 * 4096, MADV_POPULATE_WRITE);
#endif
}

/* A file of the index truncated or written over in place while this
 * search reads it through its map (a search checks each segment first,
 * byl_segment_reads_begin, but not during the search): said, not a bare
 * "Bus error".  Only async-signal-safe calls. */
static void on_sigbus(int sig)
{
    static const char msg[] =
        "byline-search: a file of the index changed while it was read (truncated or written "
        "over in place?); run 'byline-index check -i INDEX', and do not modify an index by "
        "hand while it is searched\n";
    (void)sig;
    (void)!write(2, msg, sizeof msg - 1);
    _exit(EXIT_ERR);
}

int main(int argc, char **argv)
{
    signal(SIGBUS, on_sigbus);
    /* a reader that goes away is EPIPE, seen by finish_output, not a
     * death by signal (exit 141 under set -o pipefail) */
    signal(SIGPIPE, SIG_IGN);
    stack_populate();
    heap_in_a_huge_page();
    app a = {.prog = "byline-search", .limit = 10};
    /* getopt reorders argv; --plot runs the arguments as given again (static:
     * still reachable at exit, so no leak to report) */
    static char **given;
    given = malloc(((size_t)argc + 1) * sizeof *given);
    if (!given) {
        fprintf(stderr, "%s: out of memory\n", a.prog);
        return EXIT_ERR;
    }
    memcpy(given, argv, ((size_t)argc + 1) * sizeof *given);
    byline_search_opts_init(&a.o);
    a.o.collapse = BYLINE_COLLAPSE_BEST;
    a.o.snippet_chars = SNIPPET_CHARS;
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
        {"prf-depth", required_argument, 0, 0x103},
        {"timeline", optional_argument, 0, 'L'}, {"plot", required_argument, 0, 'P'},
        {"facet", required_argument, 0, 'F'},    {"export", required_argument, 0, 'X'},
        {"query", required_argument, 0, 'Q'},    {"places", no_argument, 0, 0x104},
        {"exact-total", no_argument, 0, 0x105},
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
        case 0x105: a.exact_total = 1; break;
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
        case 0x103:
            if (parse_num(&a, "--prf-depth", optarg, 0, 1000000, 1, &v))
                return EXIT_ERR;
            a.o.prf_depth = (size_t)v;
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
        case 0x104: a.names = a.places = 1; break;
        case 'E': a.explain = 1; break;
        case 'T': a.stats = 1; break;
        case 'U': a.o.collapse = BYLINE_COLLAPSE_NONE; break;
        case 'Y': similar_id = optarg; break;
        case 'L':
            /* --timeline=month, or --timeline month: an interval word right
             * after it is taken as its value (a query of that one word goes
             * after '--') */
            if (!optarg && optind < argc && byline_interval_parse(argv[optind]) >= 0)
                optarg = argv[optind++];
            /* "--timeline weekly oil": a word that reads as an interval is
             * refused, not searched for over months */
            if (!optarg && optind < argc && byline_interval_lookalike(argv[optind])) {
                fprintf(stderr, "%s: --timeline wants day, week, month or year, not '%s'; to "
                        "search for '%s', give the interval first (--timeline=month %s ...) or "
                        "the query after '--' (--timeline -- %s ...)\n", a.prog, argv[optind],
                        argv[optind], argv[optind], argv[optind]);
                return EXIT_ERR;
            }
            interval = optarg ? byline_interval_parse(optarg) : BYLINE_MONTH;
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
                if (byline_facet_parse(p, len) < 0) {
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
            if ((export_fmt = byline_export_parse(optarg)) < 0) {
                fprintf(stderr, "%s: --export wants jsonl or csv, not '%s'\n", a.prog, optarg);
                return EXIT_ERR;
            }
            break;
        case 'Q': show_query = optarg; break;
        case 'D':
            if (strcmp(optarg, "best") == 0)
                a.o.collapse = BYLINE_COLLAPSE_BEST;
            else if (strcmp(optarg, "oldest") == 0)
                a.o.collapse = BYLINE_COLLAPSE_OLDEST;
            else {
                fprintf(stderr, "%s: --collapse wants best or oldest, not '%s' (collapse is on by "
                                "default; --no-collapse turns it off)\n", a.prog, optarg);
                return EXIT_ERR;
            }
            break;
        case 'o':
            if (strcmp(optarg, "relevance") == 0)
                a.o.sort = BYLINE_SORT_SCORE;
            else if (strcmp(optarg, "date") == 0)
                a.o.sort = BYLINE_SORT_DATE;
            else if (strcmp(optarg, "-date") == 0)
                a.o.sort = BYLINE_SORT_DATE_DESC;
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
        case 'h': fputs(usage_text, stdout); return finish_output(a.prog, 0);
        case 'V': puts("byline-search " BYLINE_VERSION); return finish_output(a.prog, 0);
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
    if (plot) {
        /* refused before the search, so that a script never gets a
         * timeline on stdout and then exit 2 (plot.c draws only these two) */
        size_t pl = strlen(plot);
        if (pl <= 4 || (strcasecmp(plot + pl - 4, ".svg") && strcasecmp(plot + pl - 4, ".png"))) {
            fprintf(stderr, "%s: --plot %s: the image must be a .svg or .png file\n", a.prog, plot);
            return EXIT_ERR;
        }
    }
    if (plot && plotexec_twin(given, a.prog))
        return EXIT_ERR;
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
    if (a.offset && (a.names || facets || interval >= 0 || a.stats || show_id || similar_id)) {
        /* said, not ignored: a script paging --names would loop forever */
        fprintf(stderr, "%s: --offset pages the results of a search; --names, --facet, "
                "--timeline, --stats, --show and --similar have no pages (give a larger -n)\n",
                a.prog);
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
    if (byline_open_many(a.ix_path, a.nix, &a.c) || byline_searcher_new(a.c, &a.s)) {
        fprintf(stderr, "%s: %s\n", a.prog, byline_errmsg());
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
        byline_query *hq = NULL;
        if (show_query) {
            /* the query's terms, as a search plans them, to highlight */
            size_t nh;
            uint64_t tot;
            byline_search_opts so = a.o;
            so.k = 0;
            so.count_total = 0;
            so.collapse = BYLINE_COLLAPSE_NONE;
            if (byline_query_parse(show_query, &hq)) {
                fprintf(stderr, "%s: bad query: %s\n", a.prog, byline_errmsg());
                goto out;
            }
            int rc = byline_search(a.s, hq, &so, &nh, &tot);
            byline_query_free(hq);
            if (rc) {
                fprintf(stderr, "%s: %s\n", a.prog, byline_errmsg());
                goto out;
            }
            a.hl = byline_search_terms(a.s) > 0;
        }
        status = 0;
        for (size_t i = 0; i < nshow && !out_failed(); i++) {
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
    byline_searcher_free(a.s);
    byline_close(a.c);
    return finish_output(a.prog, status);
}
