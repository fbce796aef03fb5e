#!/usr/bin/env bash
# bench/million/run.sh - a one-million-article build within --mem, then an
# add, a delete and a merge on it: peak RSS (from /usr/bin/time) against the
# budget, time, index size.
#
# The articles are the shared corpora's (../shared/corpora/*.jsonl.gz, about
# 52,000 articles) streamed again and again under new ids
# ("<corpus>:<id>#<round>")
# until COUNT articles have gone to byline-index on standard input, so
# nothing is written to disk but the index.  Not for: query speed (bench/run.sh).
#
#   bench/million/run.sh [COUNT] [MEM]     defaults 1000000 256M
set -eu
cd "$(dirname "$0")/../.."
COUNT=${1:-1000000}
MEM=${2:-256M}
SHARED=${SHARED:-../shared}
OUT=${OUT:-/tmp/byline-million}
[ -d "$SHARED/corpora" ] || { echo "million: $SHARED/corpora not found: skipped" >&2; exit 0; }
make -s all
rm -rf "$OUT" && mkdir -p "$OUT"
stream() { # COUNT FIRST_ROUND
    python3 - "$1" "$2" "$SHARED/corpora" <<'PY'
import gzip, json, os, sys
count, first, d = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
files = sorted(f for f in os.listdir(d) if f.endswith(".jsonl.gz"))
out, n, r = sys.stdout, 0, first
while n < count:
    for f in files:
        with gzip.open(os.path.join(d, f), "rt", encoding="utf-8") as fh:
            for line in fh:
                if n >= count:
                    break
                a = json.loads(line)
                a["id"] = "%s:%s#%d" % (f[:-9], a.get("id", n), r)
                out.write(json.dumps(a) + "\n")
                n += 1
    r += 1
PY
}
measure() { # label, command...
    local label=$1; shift
    /usr/bin/time -f "%e %M" -o "$OUT/time" "$@" 2>"$OUT/err" || { cat "$OUT/err" >&2; return 1; }
    read -r secs kb < "$OUT/time"
    echo "bench=million step=$label seconds=$secs peak_rss_mib=$((kb / 1024)) budget=$MEM size_mb=$(du -sm "$OUT/ix" | cut -f1)"
    grep -E 'wrote|merged|deleted|replaced' "$OUT/err" | sed 's/^/  /' || true
}
stream "$COUNT" 0 | measure build build/byline-index build -q -m "$MEM" -i "$OUT/ix" -
stream 20000 0 > "$OUT/add.jsonl"   # new versions of 20,000 of them
measure add build/byline-index add -q -m "$MEM" -i "$OUT/ix" "$OUT/add.jsonl"
python3 -c 'import json,sys
for i, l in enumerate(open(sys.argv[1])):
    if i % 2: print(json.loads(l)["id"])' "$OUT/add.jsonl" > "$OUT/del.ids"
measure delete build/byline-index delete -q -i "$OUT/ix" --from "$OUT/del.ids"
measure merge build/byline-index merge -q -m "$MEM" -i "$OUT/ix"
measure check build/byline-index check -i "$OUT/ix"
rm -f "$OUT/add.jsonl"
