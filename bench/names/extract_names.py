#!/usr/bin/env python3
"""extract_names.py - frequent multi-word names of a corpus, and their
relevant documents, by a fixed procedure (no randomness, no model).

    extract_names.py CORPUS.jsonl.gz OUTDIR [--top 100] [--min-df 5] [--max-df 200]

Writes OUTDIR/names.tsv (QID<TAB>name, QID = 1..N in rank order),
OUTDIR/names.qrels (TREC qrels: 'QID 0 DOCID 1' for every relevant document)
and OUTDIR/names.stats.tsv (QID, name, extracted-in docs, relevant docs).

Procedure
  1. Text of an article: its title, then its text, as lines; whitespace
     inside a line is collapsed to one space.
  2. All-caps lines are skipped when extracting: a line whose letters are
     fewer than a quarter lower case (Reuters titles, tables, wire codes).
     The remaining lines are joined into segments: consecutive kept lines
     join with a space; a skipped line ends a segment.
  3. A segment is cut into whitespace-separated tokens.  A token's leading
     punctuation (quotes, brackets, ...) and trailing punctuation (and a
     possessive 's) are stripped; a token with leading punctuation starts a
     new run, one with trailing punctuation ends its run.  A token is
     *sentence-initial* when it is the first of its segment, the first of a
     line that begins with whitespace (a Reuters paragraph), or follows a
     token whose trailing punctuation contains . ! or ?.
  4. A capitalised word is a token matching [A-Z][a-z]+([A-Z][a-z]+)* (so
     not all-caps acronyms, not words with digits).  A run is a maximal
     sequence of consecutive capitalised words with no punctuation between.
  5. A run directly next to (no punctuation between) a token that starts
     with a capital or a digit but is not a capitalised word ("NCR Systems
     Inc", "Coca-Cola Bottling Co") is dropped: it is a fragment of a longer
     name.  If a run's first word is sentence-initial: when it is a function
     word (FUNCTION_WORDS below: The, A, In, ...) it is dropped and the rest
     of the run kept; otherwise the whole run is dropped (its capitals may
     be the sentence's).  Runs left with 2 or 3 words are candidate names;
     longer or shorter runs are not used (no sub-sequences are taken).
  6. extracted(name) = number of documents in which step 5 produced it.
  7. relevant(name) = the documents whose title + text (each line's
     whitespace collapsed, lines joined by one space) contains the name as
     an exact, case-sensitive string with a non-alphanumeric character (or
     the start/end) on each side.
  8. Names with extracted >= MIN_DF and MIN_DF <= relevant <= MAX_DF are
     ranked by relevant (descending), then extracted (descending), then the
     name (ascending, by code point); the first TOP are kept.
"""
import os
import re
import sys
from collections import Counter, defaultdict

sys.dont_write_bytecode = True  # keep bench/lib free of __pycache__
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from querytext import read_corpus  # noqa: E402

FUNCTION_WORDS = set("""
A An The This That These Those In On At For From To Of By With Without About After Before
Under Over Into During Since Until While When Where If But And Or Nor So Yet As It Its He She
They We You I His Her Their Our There Here Some Any Each Every All Both No Not Also However
Meanwhile Although Though Because Last Next Other Such Than Then Today Yesterday Earlier Later
""".split())

CAP = re.compile(r"[A-Z][a-z]+(?:[A-Z][a-z]+)*\Z")
LEAD = re.compile(r"^[^A-Za-z0-9]+")
TRAIL = re.compile(r"(?:['\u2019]s)?[^A-Za-z0-9]*$")
WS = re.compile(r"[ \t\f\v\u00a0]+")
ALNUM_RUN = re.compile(r"[A-Za-z0-9]+")


def all_caps(line):
    letters = [c for c in line if c.isalpha()]
    if not letters:
        return False
    lower = sum(1 for c in letters if c.islower())
    return lower * 4 < len(letters)


def lines_of(title, text):
    out = []
    for part in (title, text):
        for ln in part.split("\n"):
            out.append(ln)
    return out


def extract(title, text):
    """The set of candidate names in one article (steps 1-5)."""
    names = set()
    segments, cur = [], []
    for ln in lines_of(title, text):
        if all_caps(ln) or not ln.strip():
            if cur:
                segments.append(cur)
            cur = []
            continue
        para = ln[:1].isspace()
        toks = WS.sub(" ", ln).strip().split(" ")
        for j, t in enumerate(toks):
            cur.append((t, para and j == 0))
    if cur:
        segments.append(cur)

    for seg in segments:
        run, run_initial, tainted = [], False, False
        sentence_start = True
        prev_odd = False  # previous token was capital-or-digit but not a capitalised word

        def flush():
            nonlocal run, tainted
            r = run
            if r and run_initial:
                if r[0] in FUNCTION_WORDS:
                    r = r[1:]
                else:
                    r = []
            if 2 <= len(r) <= 3 and not tainted:
                names.add(" ".join(r))
            run, tainted = [], False

        for t, para_start in seg:
            initial = sentence_start or para_start
            lead = LEAD.match(t)
            core = t[lead.end():] if lead else t
            m = TRAIL.search(core)
            trail = core[m.start():] if m else ""
            core = core[:m.start()] if m else core
            if lead:
                flush()
                prev_odd = False
            if core and CAP.match(core):
                if not run:
                    run_initial = initial
                    tainted = prev_odd
                run.append(core)
                prev_odd = False
            else:
                odd = bool(core) and (core[0].isupper() or core[0].isdigit())
                if run and odd:
                    tainted = True
                flush()
                prev_odd = odd
            if trail:
                flush()
                prev_odd = False
            sentence_start = any(c in trail for c in ".!?") or (not core and sentence_start)
        flush()
    return names


def flat(title, text):
    return " ".join(WS.sub(" ", ln).strip() for ln in lines_of(title, text))


def main(argv):
    args = list(argv)

    def opt(name, default):
        if name in args:
            i = args.index(name)
            v = args[i + 1]
            del args[i:i + 2]
            return int(v)
        return default

    top, min_df, max_df = opt("--top", 100), opt("--min-df", 5), opt("--max-df", 200)
    if len(args) != 2:
        sys.stderr.write(__doc__)
        return 2
    corpus, outdir = args
    docs = []
    extracted = Counter()
    for docid, title, text in read_corpus(corpus):
        for n in extract(title, text):
            extracted[n] += 1
        docs.append((docid, flat(title, text)))
    cands = {n for n, c in extracted.items() if c >= min_df}
    # relevant documents: consecutive alphanumeric runs separated by exactly
    # one space that spell a candidate (== boundary-checked substring match)
    rel = defaultdict(list)
    for docid, s in docs:
        toks = [(m.start(), m.end()) for m in ALNUM_RUN.finditer(s)]
        seen = set()
        for i in range(len(toks)):
            if not s[toks[i][0]].isupper():
                continue
            for w in (2, 3):
                if i + w > len(toks):
                    break
                ok = all(toks[i + k + 1][0] == toks[i + k][1] + 1 and s[toks[i + k][1]] == " "
                         for k in range(w - 1))
                if not ok:
                    break
                g = s[toks[i][0]:toks[i + w - 1][1]]
                if g in cands and g not in seen:
                    seen.add(g)
                    rel[g].append(docid)
    ranked = sorted((n for n in cands if min_df <= len(rel[n]) <= max_df),
                    key=lambda n: (-len(rel[n]), -extracted[n], n))[:top]
    os.makedirs(outdir, exist_ok=True)
    with open(os.path.join(outdir, "names.tsv"), "w") as q, \
            open(os.path.join(outdir, "names.qrels"), "w") as r, \
            open(os.path.join(outdir, "names.stats.tsv"), "w") as st:
        for qid, n in enumerate(ranked, 1):
            q.write("%d\t%s\n" % (qid, n))
            st.write("%d\t%s\t%d\t%d\n" % (qid, n, extracted[n], len(rel[n])))
            for d in rel[n]:
                r.write("%d 0 %s 1\n" % (qid, d))
    sys.stderr.write("extract_names: %d documents, %d candidates (extracted in >= %d), %d names kept\n"
                     % (len(docs), len(cands), min_df, len(ranked)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
