/*
 * headline_weights.c - GENERATED, do not edit: the weights of the head-line
 * model (doc/headline.h), a softmax ranker of is_title, by
 *   bench/names/headmodel.py BUILD tests/data/web tests/data/web-new tests/data/web-holdout2 tests/data/web-holdout3 tests/data/web-holdout4 tests/data/web-holdout5 tests/data/web-holdout6 tests/data/web-holdout7 tests/data/web-holdout8 tests/data/web-holdout9 --write common/doc/headline_weights.c tests/data/headmodel_picks.tsv
 * from the sets web, web-new, web-holdout2, web-holdout3, web-holdout4, web-holdout5, web-holdout6, web-holdout7, web-holdout8, web-holdout9.
 */
#include "doc/headline.h"

const double byl_hl_weights[BYL_HL_FIELDS][BYL_HL_NFEAT] = {{
    -6.8336924118582443e-17, /* bias */
    -0.27304059937732883, /* first */
    -2.1024579500912584, /* pos */
    -0.0046788050333692833, /* words */
    -0.6152097835765552, /* few_words */
    1.5238707033085448, /* head_words */
    -0.74705335340922774, /* long_line */
    -0.91015715183528834, /* caps */
    0.69144971532032207, /* all_caps */
    -0.66056594281123859, /* title_case */
    -1.2472697851970223, /* end_stop */
    0.039209101756507617, /* end_qx */
    -0.050022273669890024, /* end_colon */
    0.55791733349453088, /* inner_colon */
    -0.69008636839005888, /* seps */
    -0.70929145558599549, /* date */
    -0.22934106693678283, /* year */
    -0.55824589731759811, /* byline */
    -0.25509775951533825, /* credit */
    -0.00049916494957272716, /* url */
    -0.1477807998259863, /* digits */
    0.27918939780032637, /* chrome */
    -1.3098718135543608, /* label */
    1.6748180079851069, /* recur */
    -0.64798789897702291, /* recur_none */
    0.54451517672245764, /* repeats */
    0.85853178887782755, /* shape */
    -1.4745202278050924, /* shape_rank */
    0.24908191577419694, /* prev_meta */
    1.306435163896251, /* next_meta */
    -0.96955601936070823, /* next_para */
    0.38438373180902702, /* prev_chrome */
    -0.28718059807650176, /* next_chrome */
    -0.48678565926431377, /* bracket */
    -1.2250859924459165, /* prev_shape */
    0.035902173231935432, /* next_shape */
    0, /* rule */
}};
const double byl_hl_threshold[BYL_HL_FIELDS] = {-1};
const double byl_hl_margin[BYL_HL_FIELDS] = {2};
