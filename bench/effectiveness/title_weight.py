#!/usr/bin/env python3
"""title_weight.py - CISI MAP / nDCG@10 / P@10 of Byline for title weights 1..3
and a few BM25 settings: the measurement behind the default --title-weight.

    bench/effectiveness/title_weight.py [SHARED_DIR] [BUILD_DIR]

Builds one CISI index per title weight under BUILD_DIR/bench-work/tw<N>, runs
the judged queries (query-syntax characters removed) with --batch -n 1000,
and prints one `bench=title_weight ...` line per setting.  Needs ../shared.
"""
import collections, os, re, subprocess, sys

root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
shared = sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, '..', 'shared')
build = sys.argv[2] if len(sys.argv) > 2 else os.path.join(root, 'build')
qrels_path = os.path.join(shared, 'judgments', 'cisi.qrels')
if not os.path.exists(qrels_path):
    print('title_weight: skipped: no %s' % qrels_path, file=sys.stderr)
    sys.exit(0)

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(root, 'bench', 'lib'))
from treceval import read_qrels, rank_lines, evaluate  # noqa: E402
qrels = read_qrels(qrels_path)

def sanitize(q):
    q = re.sub(r'[\"()*:+\-\\~]', ' ', q)
    q = re.sub(r'\b(AND|OR|NOT)\b', lambda m: m.group(0).lower(), q)
    return ' '.join(q.split())

queries = []
for line in open(os.path.join(shared, 'judgments', 'cisi.queries.tsv')):
    qid, q = line.rstrip('\n').split('\t', 1)
    if any(g >= 1 for g in qrels.get(qid, {}).values()):
        queries.append((qid, sanitize(q)))

def run(index, extra):
    inp = ''.join('%s\t%s\n' % (qid, q) for qid, q in queries)
    out = subprocess.run([os.path.join(build, 'byline-search'), '-i', index, '-n', '1000', '--no-collapse',
                          '--batch', '-'] + extra, input=inp, capture_output=True, text=True).stdout
    res = collections.defaultdict(list)
    for l in out.splitlines():
        p = l.split()
        res[p[0]].append((p[2], float(p[4])))
    return {q: rank_lines(v) for q, v in res.items()}

def metrics(res):
    # trec_eval's measures (bench/lib/treceval.py -c): graded nDCG, ties by score then docid
    _n, m, p10, ndcg, _r = evaluate(qrels, res, complete=True)
    return m, ndcg, p10

settings = [('1.2', '0.75'), ('0.9', '0.4'), ('1.2', '0.5'), ('1.5', '0.75'), ('2.0', '0.75')]
for tw in (1, 2, 3):
    index = os.path.join(build, 'bench-work', 'tw%d' % tw)
    subprocess.run(['rm', '-rf', index], check=True)
    subprocess.run([os.path.join(build, 'byline-index'), '-q', '--title-weight', str(tw), '-i', index,
                    os.path.join(shared, 'corpora', 'cisi.jsonl.gz')], check=True,
                   stderr=subprocess.DEVNULL)
    for k1, b in settings:
        m = metrics(run(index, ['--k1', k1, '--b', b]))
        print('bench=title_weight corpus=cisi title_weight=%d k1=%s b=%s queries=%d map=%.4f ndcg10=%.4f p10=%.4f'
              % (tw, k1, b, len(queries), m[0], m[1], m[2]))
