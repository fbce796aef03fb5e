/*
 * headline_weights.c - GENERATED, do not edit: the weights of the head-line
 * model (doc/headline.h), a softmax ranker of is_title, by
 *   bench/names/headmodel.py BUILD tests/data/web tests/data/web-new tests/data/web-holdout2 tests/data/web-holdout3 tests/data/web-holdout4 tests/data/web-holdout5 tests/data/web-holdout6 tests/data/web-holdout7 tests/data/web-holdout8 tests/data/web-holdout9 tests/data/web-holdout10 --write common/doc/headline_weights.c tests/data/headmodel_picks.tsv
 * from the sets web, web-new, web-holdout2, web-holdout3, web-holdout4, web-holdout5, web-holdout6, web-holdout7, web-holdout8, web-holdout9, web-holdout10.
 */
#include "doc/headline.h"

const double byl_hl_weights[BYL_HL_FIELDS][BYL_HL_NFEAT] = {{
    4.4866488183113035e-17, /* bias */
    -0.18145702071178069, /* first */
    -1.9913684294976943, /* pos */
    0.11489989543449927, /* words */
    -0.65755501803442995, /* few_words */
    1.5608794361484901, /* head_words */
    -0.74663290757506595, /* long_line */
    -0.98124380967501823, /* caps */
    0.63266996927550379, /* all_caps */
    -0.70777456604803424, /* title_case */
    -1.1982370748828379, /* end_stop */
    0.049612648776689132, /* end_qx */
    -0.049914865193130299, /* end_colon */
    0.32267917042228877, /* inner_colon */
    -0.7988514880772517, /* seps */
    -0.66284251965261309, /* date */
    -0.33431671966307003, /* year */
    -0.54682110183822186, /* byline */
    -0.21758483634998035, /* credit */
    -0.00052065860177258328, /* url */
    -0.18274384305500888, /* digits */
    0.30881582053554679, /* chrome */
    -1.2853713813572831, /* label */
    1.7256592979223431, /* recur */
    -0.5448352014461082, /* recur_none */
    0.75418548633210969, /* repeats */
    1.0234620022489942, /* shape */
    -1.3192916205018246, /* shape_rank */
    0.35309061403565328, /* prev_meta */
    1.3275529327854789, /* next_meta */
    -1.0225741566378268, /* next_para */
    0.45971253487929892, /* prev_chrome */
    -0.15585776495552633, /* next_chrome */
    -0.47552554719796025, /* bracket */
    -1.382140768967933, /* prev_shape */
    0.13519738674765591, /* next_shape */
    0, /* rule */
}};
const double byl_hl_threshold[BYL_HL_FIELDS] = {-0.75};
const double byl_hl_margin[BYL_HL_FIELDS] = {2};
