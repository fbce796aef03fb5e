/*
 * headline_weights.c - GENERATED, do not edit: the weights of the head-line
 * model (doc/headline.h), a softmax ranker of is_title, by
 *   bench/names/headmodel.py BUILD tests/data/web tests/data/web-new tests/data/web-holdout2 tests/data/web-holdout3 tests/data/web-holdout4 tests/data/web-holdout5 tests/data/web-holdout6 tests/data/web-holdout7 tests/data/web-holdout8 tests/data/web-holdout9 --write common/doc/headline_weights.c tests/data/headmodel_picks.tsv
 * from the sets web, web-new, web-holdout2, web-holdout3, web-holdout4, web-holdout5, web-holdout6, web-holdout7, web-holdout8, web-holdout9.
 */
#include "doc/headline.h"

const double byl_hl_weights[BYL_HL_FIELDS][BYL_HL_NFEAT] = {{
    -1.4631689482518147e-16, /* bias */
    -0.1815972170997083, /* first */
    -1.5544872750755587, /* pos */
    0.23996393153672585, /* words */
    -0.70414553909400968, /* few_words */
    1.5878998997437066, /* head_words */
    -0.66773953764029026, /* long_line */
    -0.86433302558353264, /* caps */
    0.88279380594786061, /* all_caps */
    -0.59326364816032018, /* title_case */
    -1.5560948755638442, /* end_stop */
    0.15957036561109184, /* end_qx */
    -0.11974388742128951, /* end_colon */
    0.45866181367996034, /* inner_colon */
    -0.65788733367611896, /* seps */
    -0.64240844882582004, /* date */
    -0.13902065283234186, /* year */
    -0.54258917934456918, /* byline */
    -0.29466362571717314, /* credit */
    -0.018720894702369643, /* url */
    -0.16533750631602853, /* digits */
    0.40150557730178826, /* chrome */
    -1.323407696188742, /* label */
    2.0314981490495714, /* recur */
    -0.82210452776471332, /* recur_none */
    0.557760441582559, /* repeats */
    0.63707529343398861, /* shape */
    -2.4439878074363244, /* shape_rank */
    0.17530910951675052, /* prev_meta */
    1.4409399385352089, /* next_meta */
    -1.2679525990945362, /* next_para */
    0.43655875156760704, /* prev_chrome */
    -0.38552160494928067, /* next_chrome */
    -0.60319555450669804, /* bracket */
    -1.1919812354023767, /* prev_shape */
    -0.25845977208154863, /* next_shape */
    0, /* rule */
}};
const double byl_hl_threshold[BYL_HL_FIELDS] = {1.75};
const double byl_hl_margin[BYL_HL_FIELDS] = {2};
