/*
 * headline.h - the features of the lines at the head of a plain-text
 * article, and the score a trained model gives each line for being the
 * headline (issue 14: a scored model of page-head lines).
 *
 * Protocol: byl_hl_features() reads the first BYL_HL_HEAD non-blank lines
 * of an article into caller-owned storage with one feature vector each
 * (what the line looks like, what stands around it, whether its words
 * recur in the story below, whether today's rules took it); then
 * byl_hl_score() gives line i's score for a field from the generated
 * weights (headline_weights.c, written by bench/names/headmodel.py; do not
 * edit it by hand).  text.c takes the best-scoring line as the headline
 * where the model beats its rules (byl_hl_pick_title).
 *
 * byl_line_next() is the one line splitter of the plain-text reader: a
 * line ends at LF or CRLF (input.c has made a lone CR an LF).
 *
 * Not for: cleaning the fields (byline.c, date.c do that), or any format
 * but plain text.
 */
#ifndef BYL_DOC_HEADLINE_H
#define BYL_DOC_HEADLINE_H

#include <stddef.h>
#include <stdint.h>

#include "util/mem.h"

typedef struct {
    const char *p, *e; /* the line, without its line end (borrowed) */
} byl_line;

/* Reads the line at *p (before e) into *l and moves *p past its end (LF
 * or CRLF).  Returns 0 at e. */
int byl_line_next(const char **p, const char *e, byl_line *l);

#define BYL_HL_HEAD 12   /* non-blank lines looked at (the headline is near the top) */
#define BYL_HL_SCAN 16384 /* bytes of the text read for recurring words */
#define BYL_HL_TABLE 4096 /* slots of the word table (a power of two) */

/* The features, in the order of the weight vectors (X-macro: name). */
#define BYL_HL_FEATURES(X)                                                   \
    X(bias) X(first) X(pos) X(words) X(few_words) X(head_words) X(long_line) \
    X(caps) X(all_caps) X(title_case) X(end_stop) X(end_qx) X(end_colon)     \
    X(inner_colon) X(seps) X(date) X(year) X(byline) X(credit) X(url)        \
    X(digits) X(chrome) X(label) X(recur) X(recur_none) X(repeats)           \
    X(shape) X(shape_rank) X(prev_meta) X(next_meta) X(next_para)            \
    X(prev_chrome) X(next_chrome) X(bracket) X(prev_shape) X(next_shape)       \
    X(social) X(org_name) X(lead_overlap) X(meta_below) X(next_nav) X(lead_in) X(rule)

enum {
#define BYL_HL_ENUM(n) BYL_HL_F_##n,
    BYL_HL_FEATURES(BYL_HL_ENUM)
#undef BYL_HL_ENUM
    BYL_HL_NFEAT
};

enum { BYL_HL_TITLE, BYL_HL_FIELDS };

typedef struct {
    byl_line line;            /* the raw line (borrowed from the text) */
    int words;                /* words of the cleaned line */
    int bar;                  /* items of one to three words parted by
                               * separators ("Español | English") */
    float f[BYL_HL_NFEAT];    /* its features */
} byl_hl_line;

typedef struct byl_hl_head {
    byl_hl_line line[BYL_HL_HEAD];
    int n;                    /* lines filled */
    uint32_t key[BYL_HL_TABLE];  /* word hashes seen in the text (0: empty) */
    uint32_t last[BYL_HL_TABLE]; /* the last line (raw index) each occurs on */
} byl_hl_head;

/* Fills *h with the first BYL_HL_HEAD non-blank lines of s[0, n) and their
 * features.  order: the article's date order (for byl_rd_date_line);
 * rule_title: the start of the line today's rules took as the headline, or
 * NULL.  cl and scratch are caller-owned buffers, clobbered.  Returns 0, or
 * BYL_ENOMEM when a buffer could not grow (h->n is then 0). */
int byl_hl_features(const char *s, size_t n, int order, const char *rule_title, byl_buf *cl,
                    byl_buf *scratch, byl_hl_head *h);

/* Whether a line with features f is doubtful as a headline, so that the
 * model may replace it: two chrome words or more (one is often a
 * headline's: "shares", "live"), separators, a link, three words or
 * fewer, a colon at its end, a bracket first.  A paragraph taken for want
 * of a headline is no doubt: the rules cut its first sentence.  These are features of the line alone and cheap; the model costs
 * more than the rest of the reading, so text.c runs it only then. */
int byl_hl_gate(const float *f);

/* Whether the rules' headline, with features f and words words, is
 * doubtful: byl_hl_gate, or a line over a bar of sections (a masthead, its
 * motto or a section's name: "GLOBAL COFFEE & COCOA TRADE" over "Markets |
 * Origins | Roasting").  Only the rules' line is judged so: a headline
 * over a share bar may still be taken.  A short line in capitals alone is
 * no doubt: headlines are set so too ("STORM WARNING FOR THE COAST"). */
int byl_hl_rule_doubt(const float *f, int words);

/* byl_hl_rule_doubt of line *l (in a text ending at e), from the cheap
 * features of l and of the next three non-blank lines (*cl clobbered). */
int byl_hl_doubtful(const byl_line *l, const char *e, byl_buf *cl);

/* The model's score (a logit) of line i of *h for field. */
double byl_hl_score(const byl_hl_head *h, int i, int field);

/* The line the title model takes over the rules' headline rule_title, or
 * -1 to keep the rules' line (always when that is not doubtful,
 * byl_hl_rule_doubt): the best-scoring line after it that is no paragraph and
 * not doubtful itself, when its
 * score is above the field's threshold and above the rules' line's by the
 * field's margin. */
int byl_hl_pick_title(const byl_hl_head *h, const char *rule_title);

/* The name of feature k ("bias", "first", ...), for the dump tool. */
const char *byl_hl_feature_name(int k);

/* The generated weights (headline_weights.c). */
extern const double byl_hl_weights[BYL_HL_FIELDS][BYL_HL_NFEAT];
extern const double byl_hl_threshold[BYL_HL_FIELDS];
extern const double byl_hl_margin[BYL_HL_FIELDS];

#endif
