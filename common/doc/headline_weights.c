/*
 * headline_weights.c - GENERATED, do not edit: the weights of the head-line
 * model (doc/headline.h), a softmax ranker of is_title, by
 *   bench/names/headmodel.py BUILD tests/data/web tests/data/web-new tests/data/web-holdout2 tests/data/web-holdout3 tests/data/web-holdout4 tests/data/web-holdout5 tests/data/web-holdout6 tests/data/web-holdout7 tests/data/web-holdout8 tests/data/web-holdout9 tests/data/web-holdout10 tests/data/web-holdout11 tests/data/web-holdout12 tests/data/web-holdout13 tests/data/web-holdout14 tests/data/web-holdout15 --write common/doc/headline_weights.c tests/data/headmodel_picks.tsv
 * from the sets web, web-new, web-holdout2, web-holdout3, web-holdout4, web-holdout5, web-holdout6, web-holdout7, web-holdout8, web-holdout9, web-holdout10, web-holdout11, web-holdout12, web-holdout13, web-holdout14, web-holdout15.
 */
#include "doc/headline.h"

const double byl_hl_weights[BYL_HL_FIELDS][BYL_HL_NFEAT] = {{
    1.2814689990605385e-16, /* bias */
    -0.30934328865525301, /* first */
    -1.3378011965014291, /* pos */
    0.20128463051818962, /* words */
    -0.45871948593027351, /* few_words */
    1.2311209413112767, /* head_words */
    -0.65312375886343166, /* long_line */
    -0.90199921400777461, /* caps */
    0.3954287400056406, /* all_caps */
    -0.70469016622228864, /* title_case */
    -0.90120319030176055, /* end_stop */
    0.059326981707370767, /* end_qx */
    -0.029659646003163752, /* end_colon */
    0.0059637204377068383, /* inner_colon */
    -0.6238337190148604, /* seps */
    -0.32008946600966348, /* date */
    -0.40076414731948679, /* year */
    -0.24117117721109443, /* byline */
    -0.17784910747182159, /* credit */
    -0.00016542058778003038, /* url */
    -0.15176757852349099, /* digits */
    -0.061922888672338652, /* chrome */
    -0.89227941921655807, /* label */
    1.2198517903316408, /* recur */
    -0.45114581290955869, /* recur_none */
    0.40959732373601843, /* repeats */
    1.7042725873585514, /* shape */
    -1.2778439073641303, /* shape_rank */
    0.23411662354514168, /* prev_meta */
    0.88417823963655051, /* next_meta */
    -0.20213127261928843, /* next_para */
    0.25838361082354433, /* prev_chrome */
    -0.13441455821653706, /* next_chrome */
    -0.45987694191300205, /* bracket */
    -1.5088770438269179, /* prev_shape */
    0.041785458630486452, /* next_shape */
    -0.19234571888287522, /* social */
    -0.13736109778081859, /* org_name */
    1.4957158914059867, /* lead_overlap */
    1.1673514462861239, /* meta_below */
    -0.91627874434321044, /* next_nav */
    -0.31891602417933734, /* lead_in */
    0, /* rule */
}};
const double byl_hl_threshold[BYL_HL_FIELDS] = {-4};
const double byl_hl_margin[BYL_HL_FIELDS] = {2};
