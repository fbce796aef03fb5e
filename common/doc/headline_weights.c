/*
 * headline_weights.c - GENERATED, do not edit: the weights of the head-line
 * model (doc/headline.h), a softmax ranker of is_title, by
 *   bench/names/headmodel.py BUILD tests/data/web tests/data/web-new tests/data/web-holdout2 tests/data/web-holdout3 tests/data/web-holdout4 tests/data/web-holdout5 tests/data/web-holdout6 tests/data/web-holdout7 tests/data/web-holdout8 tests/data/web-holdout9 tests/data/web-holdout10 --write common/doc/headline_weights.c tests/data/headmodel_picks.tsv
 * from the sets web, web-new, web-holdout2, web-holdout3, web-holdout4, web-holdout5, web-holdout6, web-holdout7, web-holdout8, web-holdout9, web-holdout10.
 */
#include "doc/headline.h"

const double byl_hl_weights[BYL_HL_FIELDS][BYL_HL_NFEAT] = {{
    2.037249763418153e-16, /* bias */
    -0.18071895343088126, /* first */
    -1.9872343391698875, /* pos */
    0.11367440176681971, /* words */
    -0.65666594409242318, /* few_words */
    1.5585631935374447, /* head_words */
    -0.74547280189305798, /* long_line */
    -0.97956042265894827, /* caps */
    0.63028724990340534, /* all_caps */
    -0.70725371485626454, /* title_case */
    -1.1951225909591752, /* end_stop */
    0.049414596869248734, /* end_qx */
    -0.049849745650145376, /* end_colon */
    0.32216909257011023, /* inner_colon */
    -0.79637488142184387, /* seps */
    -0.66065778829737987, /* date */
    -0.33400660812859267, /* year */
    -0.54551570972118402, /* byline */
    -0.21733403337846277, /* credit */
    -0.00052236040494347451, /* url */
    -0.18219497407098051, /* digits */
    0.30833994591087638, /* chrome */
    -1.2811142811976413, /* label */
    1.722061134967168, /* recur */
    -0.54442915484728327, /* recur_none */
    0.75034404263196197, /* repeats */
    1.0243423091901531, /* shape */
    -1.3178603059811278, /* shape_rank */
    0.35101220483882317, /* prev_meta */
    1.3264199757523629, /* next_meta */
    -1.0216557947487419, /* next_para */
    0.45932688171336594, /* prev_chrome */
    -0.1553283150070871, /* next_chrome */
    -0.47344542752922752, /* bracket */
    -1.3788871211150611, /* prev_shape */
    0.13455423889420845, /* next_shape */
    0, /* rule */
}};
const double byl_hl_threshold[BYL_HL_FIELDS] = {-0.75};
const double byl_hl_margin[BYL_HL_FIELDS] = {2};
