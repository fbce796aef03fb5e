/*
 * headline_weights.c - GENERATED, do not edit: the weights of the head-line
 * model (doc/headline.h), a softmax ranker of is_title, by
 *   bench/names/headmodel.py BUILD tests/data/web tests/data/web-new tests/data/web-holdout2 tests/data/web-holdout3 tests/data/web-holdout4 tests/data/web-holdout5 tests/data/web-holdout6 tests/data/web-holdout7 tests/data/web-holdout8 tests/data/web-holdout9 tests/data/web-holdout10 tests/data/web-holdout11 tests/data/web-holdout12 --write common/doc/headline_weights.c tests/data/headmodel_picks.tsv
 * from the sets web, web-new, web-holdout2, web-holdout3, web-holdout4, web-holdout5, web-holdout6, web-holdout7, web-holdout8, web-holdout9, web-holdout10, web-holdout11, web-holdout12.
 */
#include "doc/headline.h"

const double byl_hl_weights[BYL_HL_FIELDS][BYL_HL_NFEAT] = {{
    -1.6438950742515444e-16, /* bias */
    -0.23179114425565212, /* first */
    -1.589062241799039, /* pos */
    0.2336950104074785, /* words */
    -0.60329622148841366, /* few_words */
    1.5199566966020257, /* head_words */
    -0.75199521499237154, /* long_line */
    -0.91182071358946459, /* caps */
    0.44622028930829311, /* all_caps */
    -0.86916236236051592, /* title_case */
    -1.184828515265409, /* end_stop */
    0.047032349055901805, /* end_qx */
    -0.031125403137897016, /* end_colon */
    0.23429366691402428, /* inner_colon */
    -0.82091226338938261, /* seps */
    -0.47824059716702572, /* date */
    -0.50142515924587716, /* year */
    -0.32077166865203727, /* byline */
    -0.11822074135201836, /* credit */
    -0.00024604157693048831, /* url */
    -0.17249969874194299, /* digits */
    0.26971461301549338, /* chrome */
    -1.0068774744814653, /* label */
    1.3311923132550509, /* recur */
    -0.52972921805315798, /* recur_none */
    0.55937174555818325, /* repeats */
    1.2548122200619949, /* shape */
    -1.2560555374775659, /* shape_rank */
    0.43274035897341179, /* prev_meta */
    0.98117508045749735, /* next_meta */
    -0.18700017668052601, /* next_para */
    0.3328983734848644, /* prev_chrome */
    -0.27708066163350653, /* next_chrome */
    -0.60457348640870523, /* bracket */
    -1.1550830102661336, /* prev_shape */
    0.12886963200691587, /* next_shape */
    -0.22879404101414644, /* social */
    -0.13286666526069768, /* org_name */
    1.357404757231834, /* lead_overlap */
    1.1445490532854647, /* meta_below */
    -0.94492152357700043, /* next_nav */
    -0.39617473419113958, /* lead_in */
    0, /* rule */
}};
const double byl_hl_threshold[BYL_HL_FIELDS] = {-4};
const double byl_hl_margin[BYL_HL_FIELDS] = {1.5};
