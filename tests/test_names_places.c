/*
 * test_names_places.c - places told from people and organisations in
 * byline_names (query/names.c), over seeded generated articles: made-up
 * places named where places stand in several articles (the kind of place
 * after them, in a pair with a place of the gazetteer, after a word of
 * places and "of", a place's head word) and once where nothing tells, and
 * made-up people and companies that speak beside them.  Invariants: no such
 * place is listed among people and organisations, each is listed among
 * places, and every person and company stays among people and
 * organisations; a body beside a place stays a body, and a prize or a
 * contest is neither.
 *
 * Not for: finding the names in text (test_analyzer.c), the gazetteer's
 * keys (test_dateorder.c), the figures on real copies (bench/names/web.py).
 */
#include <check.h>

#include "check_main.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "byline.h"

static char dir[128];

static void setup(void)
{
    snprintf(dir, sizeof dir, "/tmp/byl-names-places-%d", (int)getpid());
    char cmd[400];
    snprintf(cmd, sizeof cmd, "rm -rf %s && mkdir -p %s", dir, dir);
    ck_assert_int_eq(system(cmd), 0);
}

static void teardown(void)
{
    char cmd[400];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    (void)system(cmd);
}

/* A made-up word of two or three syllables, capitalised (no gazetteer's
 * name, no English word: "Tobaruke"). */
static void made_up(unsigned *seed, char *out)
{
    static const char *const syl[] = {"ba", "ko", "ru", "te", "mi", "sa", "lo", "ne", "wu", "ga",
                                      "di", "fo", "ha", "ju", "pe", "zo"};
    size_t n = 2 + (size_t)(rand_r(seed) % 2), o = 0;
    for (size_t i = 0; i < n; i++) {
        const char *s = syl[rand_r(seed) % 16];
        memcpy(out + o, s, 2);
        o += 2;
    }
    out[o] = '\0';
    out[0] = (char)(out[0] - 32);
}

/* Sentences where a place stands, %s its name: the kind of place after it,
 * a pair with a place of the gazetteer (either side), a word of places and
 * "of" before it. */
static const char *const placed[] = {
    "Water ran short across the %s region this week.",
    "Ferry operators said traffic to Lisbon and %s was down.",
    "Growers compared %s and Nairobi, where prices held.",
    "The communities of %s, in the hills, met on Friday.",
    "Schools in parts of %s were closed.",
    "Officials said the %s coast was hit hardest.",
    "Most of them came from %s and Gomuri villages.",
    "The provinces of Bate Lomi, %s and Kasu Doro closed schools.",
    "Kilns in the %s industrial zone were told to cut their gas.",
    "Growers across the %s wine district met on Friday.",
};

static const char *const headed[] = {"%s Creek", "Barangay %s", "%s Souq", "Mount %s", "%s Cemetery"};

/* The authors of the next index_open's articles (NULL: none). */
static const char *const *idx_authors;

/* An index at dir/name of the articles bodies[0, n) (ids d0, d1, ...),
 * opened: *c and *sr are the caller's to free. */
static void index_open(const char *name, char *const *bodies, size_t n, byline_collection **c,
                       byline_searcher **sr)
{
    char idx[300];
    snprintf(idx, sizeof idx, "%s/%s", dir, name);
    byline_writer *w;
    ck_assert_int_eq(byline_writer_open(idx, NULL, &w), BYLINE_OK);
    for (size_t d = 0; d < n; d++) {
        char id[24];
        snprintf(id, sizeof id, "d%zu", d);
        const char *au = idx_authors ? idx_authors[d] : "";
        byline_article a = {id, strlen(id), "Talks", 5, bodies[d], strlen(bodies[d]), au, strlen(au), "", 0, "", 0, "", 0,
                            BYLINE_NO_DATE};
        ck_assert_int_eq(byline_writer_add(w, &a), BYLINE_OK);
    }
    ck_assert_int_eq(byline_writer_commit(w), BYLINE_OK);
    byline_writer_free(w);
    ck_assert_int_eq(byline_open(idx, c), BYLINE_OK);
    ck_assert_int_eq(byline_searcher_new(*c, sr), BYLINE_OK);
}

/* The kind the list of every name gives the written form name, -1 if none. */
static int kind_of(const byline_name *nm, size_t n, const char *name)
{
    for (size_t j = 0; j < n; j++)
        if (!strcmp(nm[j].display, name))
            return nm[j].kind;
    return -1;
}

START_TEST(test_places_by_evidence)
{
    for (unsigned round = 0; round < 6; round++) {
        unsigned seed = 2024u + round * 7919u;
        char place[3][16], head[2][48], person[2][40], firm[2][48], w1[16], w2[16];
        for (int i = 0; i < 3; i++)
            made_up(&seed, place[i]);
        for (int i = 0; i < 2; i++) {
            made_up(&seed, w1);
            snprintf(head[i], sizeof head[i], headed[(round + (unsigned)i) % 5], w1);
            made_up(&seed, w1);
            made_up(&seed, w2);
            snprintf(person[i], sizeof person[i], "%s %s", w1, w2);
            made_up(&seed, w1);
            snprintf(firm[i], sizeof firm[i], "%s Holdings", w1);
        }
        static char bodies[5][2048];
        char *bp[5];
        /* five articles: each place in a place's context in four, and in
         * the fifth once where nothing tells ("X has grown") */
        for (int d = 0; d < 5; d++) {
            char *body = bodies[d], s[256];
            size_t o = 0, cap = sizeof bodies[d];
            /* a person after a place's appositive comma stays a person */
            o += (size_t)snprintf(body + o, cap - o, "The mayor of Tesa Riko, %s, said so. ", person[d % 2]);
            for (int i = 0; i < 2; i++) {
                snprintf(s, sizeof s, "%s said the plan was sound. ", person[(d + i) % 2]);
                o += (size_t)snprintf(body + o, cap - o, "%s", s);
                snprintf(s, sizeof s, "%s said sales rose. ", firm[(d + i) % 2]);
                o += (size_t)snprintf(body + o, cap - o, "%s", s);
            }
            for (int i = 0; i < 3; i++) {
                if (d == 4)
                    snprintf(s, sizeof s, "Since then %s has grown. ", place[i]);
                else
                    snprintf(s, sizeof s, placed[(round + (unsigned)d + (unsigned)i) % 8], place[i]);
                o += (size_t)snprintf(body + o, cap - o, "%s ", s);
            }
            for (int i = 0; i < 2; i++)
                o += (size_t)snprintf(body + o, cap - o, "Crowds filled %s on Sunday. ", head[i]);
            bp[d] = body;
        }
        char name[16];
        snprintf(name, sizeof name, "idx%u", round);
        byline_collection *c;
        byline_searcher *sr;
        index_open(name, bp, 5, &c, &sr);
        byline_search_opts so;
        byline_search_opts_init(&so);
        byline_name *nm;
        size_t n;
        ck_assert_int_eq(byline_names_kind(sr, NULL, &so, BYLINE_NAME_PLACE | BYLINE_NAME_WHO, 100, &nm, &n),
                         BYLINE_OK);
        const char *want_place[5] = {place[0], place[1], place[2], head[0], head[1]};
        const char *want_who[4] = {person[0], person[1], firm[0], firm[1]};
        for (int i = 0; i < 5; i++)
            ck_assert_msg(kind_of(nm, n, want_place[i]) == BYLINE_NAME_PLACE, "round %u: place `%s` listed as %d",
                          round, want_place[i], kind_of(nm, n, want_place[i]));
        for (int i = 0; i < 4; i++)
            ck_assert_msg(kind_of(nm, n, want_who[i]) == BYLINE_NAME_WHO, "round %u: `%s` listed as %d", round,
                          want_who[i], kind_of(nm, n, want_who[i]));
        byline_free(nm);
        byline_searcher_free(sr);
        byline_close(c);
    }
}
END_TEST

/* A body beside a place, or before a kind of place's word, stays a body
 * ("the Harlan Springs Public Schools district", "Observatory of Chile
 * and Nanyang Space Research Centre"), and a company before "and" and an
 * adjective of a country stays a company ("Tobaru Minerals and Chinese
 * company"); a prize, a contest or a code of conduct (Trust Principles) is
 * neither who nor where. */
START_TEST(test_bodies_stay)
{
    static const char body[] =
        "Kobaru won the Golden Boot at the Asian Cup. The Harlan Springs Public Schools district closed. The Observatory of Lima and Kobaru Space "
        "Research Centre asked for time. A venture between Tobaru Mining and Chinese company Sawu Steel "
        "was signed. Competitors include ZoomWallet and Harbour Bank's QuickPay. Lenders such as "
        "Merlion Growth Partners and US fund Copperline Capital bought. Our standards: the Kobaru Wire Trust "
        "Principles.";
    char *bp[1] = {(char *)body};
    byline_collection *c;
    byline_searcher *sr;
    index_open("bodies", bp, 1, &c, &sr);
    byline_search_opts so;
    byline_search_opts_init(&so);
    byline_name *nm;
    size_t n;
    ck_assert_int_eq(byline_names_kind(sr, NULL, &so, BYLINE_NAME_PLACE, 100, &nm, &n), BYLINE_OK);
    static const char *const bodies[] = {"Harlan Springs Public Schools", "Kobaru Space Research Centre",
                                         "Tobaru Mining", "ZoomWallet", "Merlion Growth Partners"};
    for (size_t j = 0; j < n; j++)
        for (size_t i = 0; i < sizeof bodies / sizeof bodies[0]; i++)
            ck_assert_msg(strcmp(nm[j].display, bodies[i]), "`%s` listed as a place", bodies[i]);
    byline_free(nm);
    /* a prize or a contest is neither who nor where */
    ck_assert_int_eq(byline_names_kind(sr, NULL, &so, BYLINE_NAME_PLACE | BYLINE_NAME_WHO, 100, &nm, &n),
                     BYLINE_OK);
    ck_assert_msg(kind_of(nm, n, "Golden Boot") < 0 && kind_of(nm, n, "Asian Cup") < 0, "a prize or a contest listed");
    /* nor is a code of conduct */
    ck_assert_msg(kind_of(nm, n, "Kobaru Wire Trust Principles") < 0, "a code of conduct listed");
    byline_free(nm);
    byline_searcher_free(sr);
    byline_close(c);
}
END_TEST

/* Every form of a verb of movement before "to" makes a place of what
 * follows: one made-up town a verb, in one article. */
START_TEST(test_movement_forms)
{
    static const char *const verbs[] = {"driving", "drives", "commuting", "walking", "walked", "sailing",
                                        "flying", "heading", "headed", "returning", "arriving", "fleeing",
                                        "relocated"};
    enum { NV = sizeof verbs / sizeof verbs[0] };
    static char body[4096];
    char town[NV][16];
    unsigned seed = 77;
    size_t o = 0;
    for (size_t i = 0; i < NV; i++) {
        made_up(&seed, town[i]);
        o += (size_t)snprintf(body + o, sizeof body - o, "Families were %s to %s last week. ", verbs[i], town[i]);
    }
    char *bp[1] = {body};
    byline_collection *c;
    byline_searcher *sr;
    index_open("moves", bp, 1, &c, &sr);
    byline_search_opts so;
    byline_search_opts_init(&so);
    byline_name *nm;
    size_t n;
    ck_assert_int_eq(byline_names_kind(sr, NULL, &so, BYLINE_NAME_PLACE | BYLINE_NAME_WHO, 100, &nm, &n), BYLINE_OK);
    for (size_t i = 0; i < NV; i++)
        ck_assert_msg(kind_of(nm, n, town[i]) == BYLINE_NAME_PLACE, "`%s` after \"%s to\" listed as %d", town[i],
                      verbs[i], kind_of(nm, n, town[i]));
    byline_free(nm);
    byline_searcher_free(sr);
    byline_close(c);
}
END_TEST

/* Round 26: "above"/"below"/"beyond" before a place, a harbour's or a
 * village's kind after it, and "the X growers" (a modifier) tells
 * neither way; a firm named the same way is still no place. */
START_TEST(test_places_round26)
{
    static char body[4096];
    char town[4][16], firm[16];
    unsigned seed = 2626;
    for (int i = 0; i < 4; i++)
        made_up(&seed, town[i]);
    made_up(&seed, firm);
    snprintf(body, sizeof body,
             "The goats graze on the slopes above %s every day. The %s growers depend on rain. "
             "Cargo went through the %s port terminal on Monday. Trucks waited below %s all night. "
             "The %s village council met. The %s Holdings board met, and %s Holdings said it would "
             "hire. Sales at %s Holdings rose.",
             town[0], town[0], town[1], town[2], town[3], firm, firm, firm);
    char *bp[1] = {body};
    byline_collection *c;
    byline_searcher *sr;
    index_open("r26", bp, 1, &c, &sr);
    byline_search_opts so;
    byline_search_opts_init(&so);
    byline_name *nm;
    size_t n;
    ck_assert_int_eq(byline_names_kind(sr, NULL, &so, BYLINE_NAME_PLACE | BYLINE_NAME_WHO, 100, &nm, &n), BYLINE_OK);
    for (int i = 0; i < 4; i++)
        ck_assert_msg(kind_of(nm, n, town[i]) == BYLINE_NAME_PLACE, "`%s` listed as %d", town[i],
                      kind_of(nm, n, town[i]));
    char f[32];
    snprintf(f, sizeof f, "%s Holdings", firm);
    ck_assert_msg(kind_of(nm, n, f) == BYLINE_NAME_WHO, "`%s` listed as %d", f, kind_of(nm, n, f));
    byline_free(nm);
    byline_searcher_free(sr);
    byline_close(c);
}
END_TEST

/* Round 27: the national capitals are places wherever they stand (a
 * reader knows them), and so is a name after "the cities of"; a
 * university named after its city is a body still. */
START_TEST(test_places_round27)
{
    static char body[4096];
    char town[2][16];
    unsigned seed = 2727;
    for (int i = 0; i < 2; i++)
        made_up(&seed, town[i]);
    snprintf(body, sizeof body,
             "Prices held in the shops, said Lanto Rabe, a lecturer at the University of Antananarivo. "
             "Vanilla growers sold to buyers from Antananarivo. Exporters in Bujumbura and Lilongwe "
             "waited. Mogadishu and Nouakchott reported no change. Families in the cities of %s "
             "and %s waited for the plots.",
             town[0], town[1]);
    char *bp[1] = {body};
    byline_collection *c;
    byline_searcher *sr;
    index_open("r27", bp, 1, &c, &sr);
    byline_search_opts so;
    byline_search_opts_init(&so);
    byline_name *nm;
    size_t n;
    ck_assert_int_eq(byline_names_kind(sr, NULL, &so, BYLINE_NAME_PLACE | BYLINE_NAME_WHO, 100, &nm, &n), BYLINE_OK);
    static const char *cap[] = {"Antananarivo", "Bujumbura", "Lilongwe", "Mogadishu", "Nouakchott"};
    for (int i = 0; i < 5; i++)
        ck_assert_msg(kind_of(nm, n, cap[i]) == BYLINE_NAME_PLACE, "`%s` listed as %d", cap[i], kind_of(nm, n, cap[i]));
    ck_assert_msg(kind_of(nm, n, town[0]) == BYLINE_NAME_PLACE, "`%s` after the cities of listed as %d", town[0], kind_of(nm, n, town[0]));
    ck_assert_msg(kind_of(nm, n, "University of Antananarivo") == BYLINE_NAME_WHO, "the university lost");
    ck_assert_msg(kind_of(nm, n, "Lanto Rabe") == BYLINE_NAME_WHO, "the lecturer lost");
    byline_free(nm);
    byline_searcher_free(sr);
    byline_close(c);
}
END_TEST

/* Round 27: a name the page writes only as where to send or post
 * something ("updates on X", "posted on X") is a channel, an app or a
 * network: neither who nor where.  One that does or undergoes something
 * in the story is a name still (a company fined, saying), and so is one
 * after "via" (a photo's credit) or before a possessive. */
START_TEST(test_channels_round27)
{
    static const char *bodies[] = {
        "The ferry operator said fares would rise in March. Send us your photos and updates on Qoomchat. "
        "Clips posted on Qoomchat showed the queue.",
        "Regulators fined Zirrapay on Monday. Zirrapay said it would appeal. Updates on Zirrapay are due.",
        "Rescuers waded in. Photo: Ana Ruiz/EFE via Lumenfoto Images. Fans posted on Varrow's forum."};
    char *bp[3] = {(char *)bodies[0], (char *)bodies[1], (char *)bodies[2]};
    byline_collection *c;
    byline_searcher *sr;
    index_open("r27c", bp, 3, &c, &sr);
    byline_search_opts so;
    byline_search_opts_init(&so);
    byline_name *nm;
    size_t n;
    ck_assert_int_eq(byline_names_kind(sr, NULL, &so, BYLINE_NAME_PLACE | BYLINE_NAME_WHO, 100, &nm, &n), BYLINE_OK);
    ck_assert_msg(kind_of(nm, n, "Qoomchat") == -1, "the channel listed as %d", kind_of(nm, n, "Qoomchat"));
    ck_assert_msg(kind_of(nm, n, "Zirrapay") == BYLINE_NAME_WHO, "the fined company listed as %d",
                  kind_of(nm, n, "Zirrapay"));
    ck_assert_msg(kind_of(nm, n, "Lumenfoto Images") == BYLINE_NAME_WHO, "the photo agency listed as %d",
                  kind_of(nm, n, "Lumenfoto Images"));
    byline_free(nm);
    byline_searcher_free(sr);
    byline_close(c);
}
END_TEST

/* Round 28: a name that stands once where places do and never where an
 * agent does (said, an auxiliary verb after it, a possessive before an
 * office) is a place however often it is only named ("Roofs came off in
 * Varnolo. Varnolo lost power. The Varnolo road was shut."), unless its
 * shape is a body's: an acronym, an organisation's word, a legal form.
 * Counter-examples: a team that plays at home and "are" something stays
 * who it is. */
START_TEST(test_places_round28)
{
    static const char *bodies[] = {
        "Roofs came off in Varnolo overnight. Varnolo lost power for a day. Crews walked to Varnolo "
        "road's end. Kelmstad was quiet.",
        "Seedlings were sent to growers near Pertisa. Pertisa keeps the oldest nursery. Trucks from the "
        "KVRN board waited in the rain, and KVRN staff counted them. Tanks at Ostrel Feeds Ltd were "
        "full. Ostrel Feeds Ltd shipped the rest in March.",
        "Fans travelled to Dunmarsh on Sunday. Dunmarsh are top of the table after the win, and "
        "Dunmarsh beat the visitors again. Traders in Quellin said prices held. Quellin's chief "
        "executive, Ada Borm, left."};
    char *bp[3] = {(char *)bodies[0], (char *)bodies[1], (char *)bodies[2]};
    byline_collection *c;
    byline_searcher *sr;
    index_open("r28", bp, 3, &c, &sr);
    byline_search_opts so;
    byline_search_opts_init(&so);
    byline_name *nm;
    size_t n;
    ck_assert_int_eq(byline_names_kind(sr, NULL, &so, BYLINE_NAME_PLACE | BYLINE_NAME_WHO, 100, &nm, &n), BYLINE_OK);
    ck_assert_msg(kind_of(nm, n, "Varnolo") == BYLINE_NAME_PLACE, "`Varnolo` listed as %d", kind_of(nm, n, "Varnolo"));
    ck_assert_msg(kind_of(nm, n, "Pertisa") == BYLINE_NAME_PLACE, "`Pertisa` listed as %d", kind_of(nm, n, "Pertisa"));
    ck_assert_msg(kind_of(nm, n, "Ostrel Feeds Ltd") == BYLINE_NAME_WHO, "the company listed as %d",
                  kind_of(nm, n, "Ostrel Feeds Ltd"));
    ck_assert_msg(kind_of(nm, n, "Dunmarsh") == BYLINE_NAME_WHO, "the team listed as %d", kind_of(nm, n, "Dunmarsh"));
    ck_assert_msg(kind_of(nm, n, "Quellin") == BYLINE_NAME_WHO, "the firm with a chief listed as %d",
                  kind_of(nm, n, "Quellin"));
    byline_free(nm);
    byline_searcher_free(sr);
    byline_close(c);
}
END_TEST

/* Round 28: a people's word made from a place of the gazetteer by its
 * ending (Kenya -> Kenyan, Kenyans; Bahrain -> Bahraini; Mexico ->
 * Mexican; Cuba -> Cubans) is neither who nor where, as Chilean and Lebanese were.
 * Counter-examples: a given name is none (Alan, Dean: their "places" would
 * be too short), nor a company that speaks. */
START_TEST(test_peoples_round28)
{
    static const char *bodies[] = {
        "Growers met Kenyan buyers early, and Kenyans queued at the depot. Prices for Bahraini importers "
        "rose, said a Mexican trader and two Cubans at the pier.",
        "Alan stayed at the yard; Dean said the boats were late. Kestrelan said it would buy the rest."};
    char *bp[2] = {(char *)bodies[0], (char *)bodies[1]};
    byline_collection *c;
    byline_searcher *sr;
    index_open("r28p", bp, 2, &c, &sr);
    byline_search_opts so;
    byline_search_opts_init(&so);
    byline_name *nm;
    size_t n;
    ck_assert_int_eq(byline_names_kind(sr, NULL, &so, BYLINE_NAME_PLACE | BYLINE_NAME_WHO, 100, &nm, &n), BYLINE_OK);
    static const char *peoples[] = {"Kenyan", "Kenyans", "Bahraini", "Mexican", "Cubans"};
    for (int i = 0; i < 5; i++)
        ck_assert_msg(kind_of(nm, n, peoples[i]) == -1, "`%s` listed as %d", peoples[i], kind_of(nm, n, peoples[i]));
    ck_assert_msg(kind_of(nm, n, "Dean") == BYLINE_NAME_WHO, "`Dean` listed as %d", kind_of(nm, n, "Dean"));
    ck_assert_msg(kind_of(nm, n, "Kestrelan") == BYLINE_NAME_WHO, "`Kestrelan` listed as %d", kind_of(nm, n, "Kestrelan"));
    byline_free(nm);
    byline_searcher_free(sr);
    byline_close(c);
}
END_TEST

/* Round 29: a name the page gives only in its copyright notice (after
 * the sign, a year, a legal form or its rights' words on the line) is the
 * publisher's or the rights holder's, the page's furniture: searchable,
 * not listed.  Counter-examples: the same outlet named in a sentence too
 * stays, a sign before a person's name alone credits a picture, and a
 * notice naming the page's own writer (its byline) names a person. */
START_TEST(test_notice_round29)
{
    static const char *bodies[] = {
        "Kelp growers on the outer reef met the buyers on Tuesday, Ilse Varnadottir said.\n"
        "\xC2\xA9 2027 Quorrin Lantern Media Ltd. All rights reserved.\n",
        "Dredging stopped at the north quay, the Tamsby Ledger reported.\n"
        "Harbour Verity \xC2\xA9 2027, published by Tamsby Ledger Press Holdings.\n"
        "Nets drying on the quay at dawn. \xC2\xA9 Oskar Bremmel\nMore boats came in the evening.\n",
        "Rope makers asked for a longer season. \xC2\xA9 Fenmoor Rigging ApS, Fenmoor",
        "Thanks for reading the letter. Reply to it any time.\n\xC2\xA9 2027 Maren Tollefsrud \xC2\xB7 Privacy \xC2\xB7 Terms \xC2\xB7 Collection notice"};
    static const char *const authors[] = {"", "", "", "Maren Tollefsrud"};
    char *bp[4] = {(char *)bodies[0], (char *)bodies[1], (char *)bodies[2], (char *)bodies[3]};
    byline_collection *c;
    byline_searcher *sr;
    idx_authors = authors;
    index_open("r29n", bp, 4, &c, &sr);
    idx_authors = NULL;
    byline_search_opts so;
    byline_search_opts_init(&so);
    byline_name *nm;
    size_t n;
    ck_assert_int_eq(byline_names_kind(sr, NULL, &so, BYLINE_NAME_PLACE | BYLINE_NAME_WHO, 100, &nm, &n), BYLINE_OK);
    static const char *gone[] = {"Quorrin Lantern Media Ltd", "Tamsby Ledger Press Holdings", "Fenmoor Rigging ApS"};
    for (int i = 0; i < 3; i++)
        ck_assert_msg(kind_of(nm, n, gone[i]) == -1, "`%s` listed as %d", gone[i], kind_of(nm, n, gone[i]));
    ck_assert_msg(kind_of(nm, n, "Ilse Varnadottir") == BYLINE_NAME_WHO, "the person listed as %d",
                  kind_of(nm, n, "Ilse Varnadottir"));
    ck_assert_msg(kind_of(nm, n, "Tamsby Ledger") == BYLINE_NAME_WHO, "the outlet of a sentence listed as %d",
                  kind_of(nm, n, "Tamsby Ledger"));
    ck_assert_msg(kind_of(nm, n, "Oskar Bremmel") == BYLINE_NAME_WHO, "the picture's maker listed as %d",
                  kind_of(nm, n, "Oskar Bremmel"));
    ck_assert_msg(kind_of(nm, n, "Maren Tollefsrud") == BYLINE_NAME_WHO, "the page's own writer listed as %d",
                  kind_of(nm, n, "Maren Tollefsrud"));
    byline_free(nm);
    /* still searchable */
    byline_query *q;
    size_t nh;
    uint64_t total;
    ck_assert_int_eq(byline_query_parse("name:\"Quorrin Lantern Media\"", &q), BYLINE_OK);
    ck_assert_int_eq(byline_search(sr, q, &so, &nh, &total), BYLINE_OK);
    ck_assert_uint_eq(total, 1);
    byline_query_free(q);
    byline_searcher_free(sr);
    byline_close(c);
}
END_TEST

/* Round 29: a town in a choice with a place of the gazetteer ("from
 * Trinidad, Houston or Glenmorrow") is a place, as in a pair joined by
 * "and".  A word in capitals at a line's start is a dateline's place
 * before a comma, a bracket or a dash, not before a lower-case word: an
 * acronym opening a related link's headline is a body.  After a
 * dateline's dash the story's first sentence opens: its first word's
 * capital is no evidence of a name (text/analyzer.c). */
START_TEST(test_dateline_round29)
{
    static const char *bodies[] = {
        "Kelp growers on the outer reef met the buyers on Tuesday and agreed a price.\n\n"
        "Read next\nFerry fares rise again as fuel costs climb on the islands\n"
        "KVRB fishing deal: what the islands get\n",
        "TARNBY, 3 Dec (AFP) - Dredging stopped at the north quay on Monday.\n"
        "VELMORA \xE2\x80\x94 Rope makers asked for a longer season.\n"
        "Crews come almost entirely from Trinidad, Houston or Glenmorrow. Ferries go to Kessavik or "
        "Nairobi. Buyers chose Walmart or Kestro, and Kestro said it would pay more.\n"};
    char *bp[2] = {(char *)bodies[0], (char *)bodies[1]};
    byline_collection *c;
    byline_searcher *sr;
    index_open("r29d", bp, 2, &c, &sr);
    byline_search_opts so;
    byline_search_opts_init(&so);
    byline_name *nm;
    size_t n;
    ck_assert_int_eq(byline_names_kind(sr, NULL, &so, BYLINE_NAME_PLACE | BYLINE_NAME_WHO, 100, &nm, &n), BYLINE_OK);
    ck_assert_msg(kind_of(nm, n, "KVRB") == BYLINE_NAME_WHO, "`KVRB` listed as %d", kind_of(nm, n, "KVRB"));
    /* the items of a choice are of one kind: a town beside a place of
     * the gazetteer after "or" (either side) is a place; a firm beside a
     * firm stays who it is */
    ck_assert_msg(kind_of(nm, n, "Glenmorrow") == BYLINE_NAME_PLACE, "`Glenmorrow` listed as %d",
                  kind_of(nm, n, "Glenmorrow"));
    ck_assert_msg(kind_of(nm, n, "Kessavik") == BYLINE_NAME_PLACE, "`Kessavik` listed as %d", kind_of(nm, n, "Kessavik"));
    ck_assert_msg(kind_of(nm, n, "Kestro") == BYLINE_NAME_WHO, "`Kestro` listed as %d", kind_of(nm, n, "Kestro"));
    /* the story's first word after a dateline's dash is a sentence's */
    ck_assert_msg(kind_of(nm, n, "Dredging") == -1, "`Dredging` listed as %d", kind_of(nm, n, "Dredging"));
    ck_assert_msg(kind_of(nm, n, "Rope") == -1, "`Rope` listed as %d", kind_of(nm, n, "Rope"));
    byline_free(nm);
    byline_searcher_free(sr);
    byline_close(c);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("names_places");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_places_by_evidence);
    tcase_add_test(tc, test_bodies_stay);
    tcase_add_test(tc, test_movement_forms);
    tcase_add_test(tc, test_places_round26);
    tcase_add_test(tc, test_places_round27);
    tcase_add_test(tc, test_channels_round27);
    tcase_add_test(tc, test_places_round28);
    tcase_add_test(tc, test_peoples_round28);
    tcase_add_test(tc, test_notice_round29);
    tcase_add_test(tc, test_dateline_round29);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return byl_test_run(suite());
}
