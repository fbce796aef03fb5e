/*
 * headline_weights.c - GENERATED, do not edit: the weights of the head-line
 * model (doc/headline.h), a softmax ranker of is_title, by
 *   bench/names/headmodel.py BUILD tests/data/web tests/data/web-holdout10 tests/data/web-holdout11 tests/data/web-holdout12 tests/data/web-holdout13 tests/data/web-holdout14 tests/data/web-holdout15 tests/data/web-holdout16 tests/data/web-holdout2 tests/data/web-holdout3 tests/data/web-holdout4 tests/data/web-holdout5 tests/data/web-holdout6 tests/data/web-holdout7 tests/data/web-holdout8 tests/data/web-holdout9 tests/data/web-new --write common/doc/headline_weights.c tests/data/headmodel_picks.tsv
 * from the sets web, web-holdout10, web-holdout11, web-holdout12, web-holdout13, web-holdout14, web-holdout15, web-holdout16, web-holdout2, web-holdout3, web-holdout4, web-holdout5, web-holdout6, web-holdout7, web-holdout8, web-holdout9, web-new.
 */
#include "doc/headline.h"

const double byl_hl_weights[BYL_HL_FIELDS][BYL_HL_NFEAT] = {{
    -5.929738850548455e-17, /* bias */
    -0.29060617906512959, /* first */
    -1.2755572054781641, /* pos */
    0.22649865103938335, /* words */
    -0.46019612822666622, /* few_words */
    1.2091828417354888, /* head_words */
    -0.63610888284884504, /* long_line */
    -0.90916531081451935, /* caps */
    0.37880917183499835, /* all_caps */
    -0.71548735010045061, /* title_case */
    -0.85518891419012, /* end_stop */
    0.084003193819932931, /* end_qx */
    -0.028042361056142582, /* end_colon */
    0.036607855820855115, /* inner_colon */
    -0.65533662477691879, /* seps */
    -0.30393370992423607, /* date */
    -0.39637809926765388, /* year */
    -0.22968812258211083, /* byline */
    -0.21110468988074077, /* credit */
    -0.00023253179613076869, /* url */
    -0.14405593086698698, /* digits */
    -0.10550555540856693, /* chrome */
    -0.89142940288174166, /* label */
    1.2071026943080569, /* recur */
    -0.44404898707910523, /* recur_none */
    0.37535435038312942, /* repeats */
    1.7912065825126129, /* shape */
    -1.2194249347351032, /* shape_rank */
    0.21311168659813126, /* prev_meta */
    0.85070471703259776, /* next_meta */
    -0.16169514584133335, /* next_para */
    0.28872856820298853, /* prev_chrome */
    -0.15922152002152448, /* next_chrome */
    -0.45501932614688889, /* bracket */
    -1.5627485833692858, /* prev_shape */
    0.028864644624185833, /* next_shape */
    -0.21599732235921598, /* social */
    -0.12867392974811026, /* org_name */
    1.5197318720210653, /* lead_overlap */
    1.2146714391981264, /* meta_below */
    -0.85462992164573737, /* next_nav */
    -0.30609381980258377, /* lead_in */
    0, /* rule */
}};
const double byl_hl_threshold[BYL_HL_FIELDS] = {-4};
const double byl_hl_margin[BYL_HL_FIELDS] = {1.75};
