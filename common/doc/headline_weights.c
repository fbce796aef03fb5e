/*
 * headline_weights.c - GENERATED, do not edit: the weights of the head-line
 * model (doc/headline.h), a softmax ranker of is_title, by
 *   bench/names/headmodel.py BUILD tests/data/web tests/data/web-new tests/data/web-holdout2 tests/data/web-holdout3 tests/data/web-holdout4 tests/data/web-holdout5 tests/data/web-holdout6 tests/data/web-holdout7 tests/data/web-holdout8 tests/data/web-holdout9 tests/data/web-holdout10 tests/data/web-holdout11 --write common/doc/headline_weights.c tests/data/headmodel_picks.tsv
 * from the sets web, web-new, web-holdout2, web-holdout3, web-holdout4, web-holdout5, web-holdout6, web-holdout7, web-holdout8, web-holdout9, web-holdout10, web-holdout11.
 */
#include "doc/headline.h"

const double byl_hl_weights[BYL_HL_FIELDS][BYL_HL_NFEAT] = {{
    -1.8887998278735484e-16, /* bias */
    -0.24403551744192925, /* first */
    -1.684990460045263, /* pos */
    0.1570842559922192, /* words */
    -0.6119770438078227, /* few_words */
    1.5214565195467431, /* head_words */
    -0.74157358530341511, /* long_line */
    -0.86716947603033634, /* caps */
    0.42661052802536842, /* all_caps */
    -0.82092277971876559, /* title_case */
    -1.2025637479501876, /* end_stop */
    0.052659479084064875, /* end_qx */
    -0.02501530102251159, /* end_colon */
    0.35959421809247166, /* inner_colon */
    -0.73255767633923818, /* seps */
    -0.54441330899732243, /* date */
    -0.4445740329051821, /* year */
    -0.34825654223715119, /* byline */
    -0.093154767372843228, /* credit */
    -0.00028317978035098256, /* url */
    -0.1526790513650737, /* digits */
    0.21274138077588337, /* chrome */
    -1.0091340556834512, /* label */
    1.4522842249292125, /* recur */
    -0.54267139153969446, /* recur_none */
    0.64297520867300373, /* repeats */
    1.1719555906969792, /* shape */
    -1.2004388681110936, /* shape_rank */
    0.49713088713419556, /* prev_meta */
    0.96218431395838966, /* next_meta */
    -0.28756418078194335, /* next_para */
    0.34952341682713067, /* prev_chrome */
    -0.25613949171202471, /* next_chrome */
    -0.47039083360079764, /* bracket */
    -1.1934036505452277, /* prev_shape */
    0.1137562908645753, /* next_shape */
    -0.20754274354132757, /* social */
    -0.15488275500063256, /* org_name */
    1.3971517042767689, /* lead_overlap */
    1.0396184864275713, /* meta_below */
    -0.83358476360644818, /* next_nav */
    -0.43637312212850249, /* lead_in */
    0, /* rule */
}};
const double byl_hl_threshold[BYL_HL_FIELDS] = {-4};
const double byl_hl_margin[BYL_HL_FIELDS] = {1.75};
