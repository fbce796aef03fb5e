#!/usr/bin/env python3
"""web.py - how far a reader can trust Byline's names and metadata on news
copied from web pages (tests/data/web, truth in its TRUTH.json).

Usage: web.py BUILD_DIR DATA_DIR WORK_DIR [--min-precision P]
                 [--min-names-precision P] [--min-recall R] [--min-meta M]

Indexes DATA_DIR/*.txt with `byline-index build -i`, then measures:
  meta       the share of articles whose title, author and date (day) equal
             TRUTH's, each field alone and all three together;
  precision  of the top 50 of `byline-search --names` over the whole folder:
             a listed name is right if it is a person or organisation of
             TRUTH (strict) -- or any proper name there, places and products
             too (names) -- after case, accent, possessive, two-word order and
             a trailing legal form are folded: "Aqua Nordic Systems A/S" and
             "Aqua Nordic Systems" are one name, on both sides (TRUTH writes
             a company's legal form about twice as often as it leaves it
             out, and the text may do either; LEGAL_FORMS lists them);
  recall     of TRUTH's people and organisations: a name is found if
             `name:"X"` returns its article (query), or if `--names` over
             that article alone (`--names id:"ID"`) lists it (listed).
Prints one machine-readable line (bench=web ...), then the misses.  With
--min-precision, --min-names-precision, --min-recall or --min-meta it
exits 1 when strict precision, names precision, query recall or the share
of articles with all three fields right is below it (the guard
tests/e2e.sh runs).  --names lists people and organisations (places are
listed apart, by --names --places), so a place in its top 50 is a miss.

Not for: ranking quality (bench/names/run.sh measures name-query MAP).
"""
import json
import os
import subprocess
import sys
import unicodedata


# Companies' legal forms, written after the name, dots left out (S.A. is
# "sa", K.K. "kk"): fold() drops them from a name's end, with a "&" or "de"
# left before them (GmbH & Co. KG, S.A. de C.V.).
LEGAL_FORMS = {
    "inc", "incorporated", "llc", "llp", "lp", "ulc", "plc", "ltd", "limited", "co", "corp",
    "pty", "pvt", "pte", "gmbh", "kg", "kgaa", "ohg", "ag", "se", "sa", "sas", "sarl", "sab",
    "saa", "sac", "sae", "cv", "rl", "nv", "bv", "spa", "srl", "ab", "asa", "a/s", "p/f", "i/s",
    "k/s", "p/s", "aps", "oy", "oyj", "sdn", "bhd", "tbk", "kk", "gk", "ltda", "psc", "pjsc",
    "jsc", "saog", "nig", "saoc", "kft", "zrt", "nyrt",
    # round 29: Portugal's and Lusophone Africa's limitada and holding
    # (Lda., SGPS), Norway's AS, Lebanon's SAL, the CIS's CJSC/OJSC,
    # Lithuania's UAB, Bulgaria's AD/EOOD/OOD: the truth writes them after
    # a name as it writes Ltd ("Tejo Engenharia, Lda.", "Atlântico Capital,
    # SGPS, S.A."), the list lacked them
    "lda", "sgps", "as", "sal", "cjsc", "ojsc", "uab", "ad", "eood", "ood"}


def dotted_form(w):
    """Whether the word w (lower case, as written) has the shape of a legal
    form written with dots, which the reader knows by its shape after a
    name (docs/ARTICLES.md, "A legal form by its shape": Sh.a., B.S.C.,
    K.S.C.C., Sh.p.k., E.P.): two parts or more of one to three letters,
    each closed by a period (fold() strips the last)."""
    parts = w.rstrip(".").split(".")  # fold() has cut the last period
    return len(parts) >= 2 and all(1 <= len(p) <= 3 and p.isalpha() for p in parts)


def drop_legal_form(words):
    """words without the legal forms at their end, by the list or by the
    dotted shape, and a "&" or "de" just before them (at least one word
    kept)."""
    out = list(words)
    dropped = False
    while len(out) > 1:
        w = out[-1].replace(".", "")
        if w in LEGAL_FORMS or dotted_form(out[-1]) or (dropped and w in ("&", "de")):
            out.pop()
            dropped = True
        else:
            break
    return out


def fold(name):
    """Folded form: lower case, no accents, no possessive, no legal form at
    the end, words sorted when two."""
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    s = s.replace("\u2019", "'").replace("'s ", " ")
    if s.endswith("'s"):
        s = s[:-2]
    words = []
    for w in s.replace("\u00a0", " ").split():
        w = w.strip(".,;:\"()")
        if w and w != "the":
            words.append(w)
    words = drop_legal_form(words)
    if len(words) == 2:
        words.sort()
    return " ".join(words)


def run(cmd, ok=(0, 1)):
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if p.returncode not in ok:
        sys.exit("web.py: %s failed (%d): %s" % (" ".join(cmd), p.returncode, p.stderr.strip()))
    return p.stdout


def authors(s):
    out = []
    for part in s.replace(";", ",").replace(" and ", ",").replace(" & ", ",").split(","):
        part = part.strip()
        if part:
            out.append(fold(part))
    return sorted(out)


def main():
    args = sys.argv[1:]
    mins = {}
    for opt in ("--min-precision", "--min-names-precision", "--min-recall", "--min-meta"):
        if opt in args:
            i = args.index(opt)
            mins[opt] = float(args[i + 1])
            del args[i:i + 2]
    if len(args) != 3:
        sys.exit(__doc__)
    build, data, work = args
    truth = json.load(open(os.path.join(data, "TRUTH.json"), encoding="utf-8"))["articles"]
    idx = os.path.join(work, "web-index")
    run(["rm", "-rf", idx])
    files = [os.path.join(data, a["file"]) for a in truth]
    # BYL_WEB_INDEX_OPTS: options for byline-index (e.g. "--date-order dmy")
    opts = os.environ.get("BYL_WEB_INDEX_OPTS", "").split()
    run([os.path.join(build, "byline-index"), "build", "-i", idx] + opts + files, ok=(0,))
    # a text file's id is its folder's name and its own (docs/ARTICLES.md)
    fids = [os.path.basename(os.path.dirname(os.path.abspath(f))) + "/" + os.path.basename(f)
            for f in files]
    search = os.path.join(build, "byline-search")

    # metadata
    right = {"title": 0, "author": 0, "date": 0, "all": 0}
    meta_miss = []
    for a, f in zip(truth, fids):
        st = json.loads(run([search, "-i", idx, "--json", "--show", f], ok=(0,)).splitlines()[0])
        got = {"title": st.get("title") or "", "author": st.get("author") or "",
               "date": (st.get("date") or "")[:10]}
        ok = {"title": got["title"].strip() == a["title"],
              "author": authors(got["author"]) == authors(a["author"]),
              "date": got["date"] == a["date"]}
        for k, v in ok.items():
            right[k] += v
            if not v:
                meta_miss.append("%s %s: got %r, truth %r" % (a["file"], k, got[k], a[k]))
        right["all"] += all(ok.values())

    # precision of the top 50
    strict, names = set(), set()
    for a in truth:
        for n in a["people"] + a["orgs"]:
            strict.add(fold(n))
        for n in a["people"] + a["orgs"] + a["places"] + a["other"]:
            names.add(fold(n))
    top = [json.loads(l) for l in run([search, "-i", idx, "--json", "--names", "-n", "50"]).splitlines()]
    p_strict = sum(fold(t["name"]) in strict for t in top)
    p_names = sum(fold(t["name"]) in names for t in top)
    wrong = [t["name"] for t in top if fold(t["name"]) not in names]
    place = [t["name"] for t in top if fold(t["name"]) in names and fold(t["name"]) not in strict]

    # recall of people and organisations
    total = by_query = by_list = 0
    missed = []
    for a, f in zip(truth, fids):
        listed = {fold(json.loads(l)["name"]) for l in
                  run([search, "-i", idx, "--json", "--names", "-n", "500", 'id:"%s"' % f]).splitlines()}
        for n in a["people"] + a["orgs"]:
            total += 1
            q = 'name:"%s"' % n.replace('"', "")
            ids = {json.loads(l)["id"] for l in
                   run([search, "-i", idx, "--json", "--no-collapse", "-n", "100", q]).splitlines()}
            hit_q = f in ids
            hit_l = fold(n) in listed
            by_query += hit_q
            by_list += hit_l
            if not hit_q:
                missed.append("%s: %s%s" % (a["file"], n, " (listed)" if hit_l else ""))

    n_art = len(truth)
    line = ("bench=web articles=%d meta_title=%.3f meta_author=%.3f meta_date=%.3f meta_all=%.3f "
            "top=%d precision=%.3f precision_names=%.3f entities=%d recall_query=%.3f recall_listed=%.3f" % (
                n_art, right["title"] / n_art, right["author"] / n_art, right["date"] / n_art,
                right["all"] / n_art, len(top), p_strict / max(len(top), 1), p_names / max(len(top), 1),
                total, by_query / total, by_list / total))
    print(line)
    for m in meta_miss:
        print("meta miss: " + m)
    for w in wrong:
        print("top-50 not a name: " + w)
    for w in place:
        print("top-50 place/product: " + w)
    for m in missed:
        print("recall miss: " + m)
    got = {"--min-precision": p_strict / max(len(top), 1),
           "--min-names-precision": p_names / max(len(top), 1),
           "--min-recall": by_query / total,
           "--min-meta": right["all"] / n_art}
    fail = 0
    for opt, floor in mins.items():
        if got[opt] < floor:
            print("web.py: %s is %.3f, below %s %.3f" % (opt[6:], got[opt], opt, floor))
            fail = 1
    return fail


if __name__ == "__main__":
    sys.exit(main())
