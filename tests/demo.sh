#!/usr/bin/env bash
# make demo: index the sample articles the repository ships and run a few
# searches on them.
set -euo pipefail
cd "$(dirname "$0")/.."
B=${BUILD:-build}
IDX=${DEMO_INDEX:-demo-index}
run() { printf '\n$ %s\n' "$*"; "$@" || true; }
run "$B/byline-index" build -i "$IDX" tests/data/corpus
run "$B/byline-search" -i "$IDX" -n 3 'Qiao Siyuan'
run "$B/byline-search" -i "$IDX" -n 3 'U.S. trade'
run "$B/byline-search" -i "$IDX" -n 3 '"export controls"'
run "$B/byline-search" -i "$IDX" -n 3 '字节跳动'
run "$B/byline-search" -i "$IDX" -n 2 --json 'ByteDance’s founder'
printf '\nThe index is in %s/; try: %s/byline-search -i %s "your words"\n' "$IDX" "$B" "$IDX"
