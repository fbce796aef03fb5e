/*
 * xapian_peer.cc - Xapian 1.4 as a compiled peer of Byline in bench/: a
 * small C++ program over libxapian, so no interpreter is timed against it.
 *
 *   xapian_peer check
 *   xapian_peer build CORPUS.jsonl[.gz] DB [--name NAME]
 *   xapian_peer query DB LOG [--mode or|and|phrase] [--runs 5] [-k 10] [--corpus NAME]
 *   xapian_peer batch DB QUERIES.tsv [--depth 1000] [--mode or]  TREC run to stdout
 *   xapian_peer first DB QUERY...  open, search once, print the top 10 with snippets
 *
 * How Xapian is used is what a typical user would write, the same as
 * bench/peers/peer.py did through Python: one document per article;
 * TermGenerator with the English stemmer (STEM_SOME, positions kept, no
 * stopper); the title indexed with wdf increment 2, the term position
 * bumped, then the text with 1; the document data is the JSON of
 * id/title/text; value 0 and a boolean term Q<id> hold the id; one commit at
 * the end.  Queries go through QueryParser (English stemmer, STEM_SOME,
 * FLAG_DEFAULT) with OP_OR ("or" log) or OP_AND ("and" log); the phrase log
 * is parsed as given.  Ranking: the default BM25Weight.
 *
 * "first" is the whole-process counterpart of `byline-search -n 10 QUERY`:
 * open, parse, get_mset(0, 10), and per hit the id, weight, title and
 * MSet::snippet() of the text.
 *
 * Not for: anything but benchmarks; libxapian is never linked into Byline.
 */
#include <xapian.h>

#include <string>
#include <vector>

#include "peer_common.h"

static Xapian::QueryParser parser(const Xapian::Database &db, const char *mode)
{
    Xapian::QueryParser qp;
    qp.set_stemmer(Xapian::Stem("en"));
    qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    qp.set_database(db);
    qp.set_default_op(!strcmp(mode, "and") ? Xapian::Query::OP_AND : Xapian::Query::OP_OR);
    return qp;
}

static int cmd_build(const char *corpus, const char *path, const char *name)
{
    char nb[256];
    if (!name)
        name = peer_corpus_name(corpus, nb, sizeof nb);
    uint64_t t0 = bench_now_ns();
    peer_corpus c;
    if (peer_corpus_open(&c, corpus)) {
        fprintf(stderr, "xapian_peer: cannot read %s\n", corpus);
        return 2;
    }
    Xapian::WritableDatabase wdb(path, Xapian::DB_CREATE_OR_OVERWRITE);
    Xapian::TermGenerator tg;
    tg.set_stemmer(Xapian::Stem("en"));
    long n = 0;
    while (peer_corpus_next(&c)) {
        Xapian::Document doc;
        tg.set_document(doc);
        tg.index_text(c.title, 2);
        tg.increase_termpos();
        tg.index_text(c.text);
        json_t *o = json_pack("{s:s, s:s, s:s}", "id", c.id, "title", c.title, "text", c.text);
        char *data = o ? json_dumps(o, JSON_COMPACT) : NULL;
        if (data)
            doc.set_data(data);
        free(data);
        json_decref(o);
        doc.add_value(0, c.id);
        doc.add_boolean_term(std::string("Q") + c.id);
        wdb.add_document(doc);
        n++;
    }
    wdb.commit();
    wdb.close();
    peer_corpus_close(&c);
    double secs = (double)(bench_now_ns() - t0) / 1e9;
    printf("bench=build engine=xapian corpus=%s docs=%ld seconds=%.3f index_bytes=%lld "
           "peak_rss_kb=%ld harness=c++\n",
           name, n, secs, peer_path_bytes(path), peer_peak_rss_kb());
    return 0;
}

static int cmd_query(const char *path, const char *logpath, const char *mode, int runs, int k,
                     const char *corpus)
{
    char **qs;
    long nq = bench_read_lines(logpath, &qs);
    if (nq < 0) {
        fprintf(stderr, "xapian_peer: cannot read %s\n", logpath);
        return 2;
    }
    uint64_t t0 = bench_now_ns();
    Xapian::Database db(path);
    Xapian::Enquire enq(db);
    Xapian::QueryParser qp = parser(db, mode);
    double open_us = (double)(bench_now_ns() - t0) / 1e3;
    std::vector<const char *> ex;
    long matched = 0, errors = 0;
    for (long i = 0; i < nq; i++) { /* warm-up pass, untimed; errors left out */
        try {
            enq.set_query(qp.parse_query(qs[i], Xapian::QueryParser::FLAG_DEFAULT));
            Xapian::MSet m = enq.get_mset(0, (Xapian::doccount)k);
            matched += m.size() > 0;
            ex.push_back(qs[i]);
        } catch (const Xapian::Error &e) {
            errors++;
            fprintf(stderr, "xapian_peer: query %ld '%s': %s\n", i + 1, qs[i],
                    e.get_description().c_str());
        }
    }
    size_t n = ex.size();
    std::vector<double> lat(n * (size_t)runs), wall((size_t)runs);
    for (int r = 0; r < runs; r++) {
        uint64_t w0 = bench_now_ns();
        for (size_t j = 0; j < n; j++) {
            uint64_t t = bench_now_ns();
            enq.set_query(qp.parse_query(ex[j], Xapian::QueryParser::FLAG_DEFAULT));
            Xapian::MSet m = enq.get_mset(0, (Xapian::doccount)k);
            for (Xapian::MSetIterator it = m.begin(); it != m.end(); ++it)
                (void)*it; /* the document numbers, as the others return */
            lat[j * (size_t)runs + (size_t)r] = (double)(bench_now_ns() - t) / 1e3;
        }
        wall[(size_t)r] = (double)(bench_now_ns() - w0) / 1e9;
    }
    double floor_v[201];
    for (int i = 0; i < 201; i++) {
        uint64_t t = bench_now_ns();
        enq.set_query(qp.parse_query("qxzvjq", Xapian::QueryParser::FLAG_DEFAULT));
        Xapian::MSet m = enq.get_mset(0, (Xapian::doccount)k);
        floor_v[i] = (double)(bench_now_ns() - t) / 1e3;
    }
    peer_print_query("xapian", "c++", corpus, logpath, mode, n, runs, k, lat.data(), wall.data(),
                     floor_v, open_us, matched, errors);
    for (long i = 0; i < nq; i++)
        free(qs[i]);
    free(qs);
    return 0;
}

static int cmd_batch(const char *path, const char *topics, const char *mode, int depth)
{
    char **qs;
    long nq = bench_read_lines(topics, &qs);
    if (nq < 0) {
        fprintf(stderr, "xapian_peer: cannot read %s\n", topics);
        return 2;
    }
    Xapian::Database db(path);
    Xapian::Enquire enq(db);
    Xapian::QueryParser qp = parser(db, mode);
    for (long i = 0; i < nq; i++) {
        char *tab = strchr(qs[i], '\t');
        if (!tab)
            continue;
        *tab = '\0';
        try {
            enq.set_query(qp.parse_query(tab + 1, Xapian::QueryParser::FLAG_DEFAULT));
            Xapian::MSet m = enq.get_mset(0, (Xapian::doccount)depth);
            int rank = 0;
            for (Xapian::MSetIterator it = m.begin(); it != m.end(); ++it)
                printf("%s Q0 %s %d %.6f xapian\n", qs[i],
                       it.get_document().get_value(0).c_str(), ++rank, it.get_weight());
        } catch (const Xapian::Error &e) {
            fprintf(stderr, "xapian_peer: query %s: %s\n", qs[i], e.get_description().c_str());
        }
    }
    return 0;
}

static int cmd_first(const char *path, int argc, char **argv)
{
    std::string q;
    for (int i = 0; i < argc; i++)
        q += (i ? " " : "") + std::string(argv[i]);
    Xapian::Database db(path);
    Xapian::Enquire enq(db);
    Xapian::QueryParser qp = parser(db, "or");
    enq.set_query(qp.parse_query(q, Xapian::QueryParser::FLAG_DEFAULT));
    Xapian::MSet m = enq.get_mset(0, 10);
    for (Xapian::MSetIterator it = m.begin(); it != m.end(); ++it) {
        std::string data = it.get_document().get_data();
        json_t *o = json_loadb(data.data(), data.size(), 0, NULL);
        const char *title = o ? json_string_value(json_object_get(o, "title")) : NULL;
        const char *text = o ? json_string_value(json_object_get(o, "text")) : NULL;
        printf("%s  %.4f  %s\n    %s\n", it.get_document().get_value(0).c_str(), it.get_weight(),
               title ? title : "", m.snippet(text ? text : "", 200).c_str());
        json_decref(o);
    }
    return m.size() ? 0 : 1;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: xapian_peer check | build CORPUS DB [--name N] | query DB LOG "
                        "[--mode M] [--runs R] [-k K] [--corpus N] | batch DB TOPICS [--depth D] "
                        "| first DB QUERY...\n");
        return 2;
    }
    const char *cmd = argv[1];
    argc -= 2;
    argv += 2;
    try {
        if (!strcmp(cmd, "check"))
            return Xapian::major_version() == 1 ? 0 : 3;
        if (!strcmp(cmd, "build")) {
            const char *name = peer_opt(&argc, argv, "--name", NULL);
            return argc == 2 ? cmd_build(argv[0], argv[1], name) : 2;
        }
        if (!strcmp(cmd, "query")) {
            const char *mode = peer_opt(&argc, argv, "--mode", "or");
            int runs = atoi(peer_opt(&argc, argv, "--runs", "5"));
            int k = atoi(peer_opt(&argc, argv, "-k", "10"));
            const char *corpus = peer_opt(&argc, argv, "--corpus", "unknown");
            return argc == 2 && runs > 0 ? cmd_query(argv[0], argv[1], mode, runs, k, corpus) : 2;
        }
        if (!strcmp(cmd, "batch")) {
            int depth = atoi(peer_opt(&argc, argv, "--depth", "1000"));
            const char *mode = peer_opt(&argc, argv, "--mode", "or");
            return argc == 2 ? cmd_batch(argv[0], argv[1], mode, depth) : 2;
        }
        if (!strcmp(cmd, "first"))
            return argc >= 2 ? cmd_first(argv[0], argc - 1, argv + 1) : 2;
    } catch (const Xapian::Error &e) {
        fprintf(stderr, "xapian_peer: %s\n", e.get_description().c_str());
        return 1;
    }
    fprintf(stderr, "xapian_peer: unknown command '%s'\n", cmd);
    return 2;
}
