#!/usr/bin/env bash
# updates/run.sh - what keeping an index current costs: add, replace,
# delete, merge and check on the shared corpora, beside a rebuild.
#
# Sequence (BENCH_UPDATE_RUNS times, default 3; medians reported):
#   build    reuters21578 from scratch
#   add      20newsgroups added (new segment, then the size-tiered policy)
#   replace  reuters21578 added again: every article replaces its old version
#   delete   2,000 ids of it deleted
#   merge    everything merged into one segment, deleted articles dropped
#   check    byline-index check of the result
#   rebuild  reuters21578 + 20newsgroups from scratch (what merge replaces)
# One line per step: bench=updates step=... seconds=... peak_rss_kb=...
# index_mb=...  Not for: query speed (bench/query).
set -u
. "$(dirname "$0")/../lib/common.sh"
have_shared updates || exit 0
RUNS=${BENCH_UPDATE_RUNS:-3}
R=$(corpus_file reuters21578)
N=$(corpus_file 20newsgroups)
[ -f "$R" ] && [ -f "$N" ] || { say "updates: reuters21578 or 20newsgroups missing"; exit 0; }
W=$BENCH_WORK/updates
mkdir -p "$W"
python3 -c 'import gzip, json, sys
ids = [json.loads(l)["id"] for i, l in enumerate(gzip.open(sys.argv[1], "rt")) if i % 10 == 3]
print("\n".join(ids[:2000]))' "$R" > "$W/delete.ids"

step() { # name, command...
    local name=$1; shift
    local t0 t1
    t0=$(date +%s%N)
    /usr/bin/time -f '%M' -o "$W/rss" "$@" >/dev/null 2>"$W/err" || { say "updates: $name failed: $(tail -2 "$W/err")"; return 1; }
    t1=$(date +%s%N)
    echo "$name $(( (t1 - t0) / 1000000 )) $(cat "$W/rss") $(du -sm "$W/ix" | cut -f1)" >> "$W/times"
}
rm -f "$W/times"
for run in $(seq 1 "$RUNS"); do
    rm -rf "$W/ix"
    step build "$BUILD/byline-index" build -q -i "$W/ix" "$R" &&
    step add "$BUILD/byline-index" add -q -i "$W/ix" "$N" &&
    step replace "$BUILD/byline-index" add -q -i "$W/ix" "$R" &&
    step delete "$BUILD/byline-index" delete -q -i "$W/ix" --from "$W/delete.ids" &&
    step merge "$BUILD/byline-index" merge -q -i "$W/ix" &&
    step check "$BUILD/byline-index" check -i "$W/ix" || exit 1
    mv "$W/ix" "$W/ix.kept"
    step rebuild "$BUILD/byline-index" build -q -i "$W/ix" "$R" "$N" || exit 1
    rm -rf "$W/ix" && mv "$W/ix.kept" "$W/ix"
done
for s in build add replace delete merge check rebuild; do
    awk -v s="$s" '$1 == s { print $2, $3, $4 }' "$W/times" | sort -n | awk -v s="$s" -v runs="$RUNS" '
        { t[NR] = $1; m[NR] = $2; sz[NR] = $3 }
        END { i = int((NR + 1) / 2); printf "bench=updates step=%s runs=%d seconds=%.3f peak_rss_kb=%d index_mb=%d\n", s, runs, t[i] / 1000, m[i], sz[i] }' |
        while read -r line; do result "$line"; done
done
