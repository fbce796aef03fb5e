# common.sh - sourced by bench/run.sh and the section scripts under bench/.
#
# Settings (environment; run.sh documents them):
#   BUILD          build tree with byline-index, byline-search, bench/* (build)
#   BENCH_SHARED   the shared data: corpora/, queries/, judgments/ (../shared)
#   BENCH_WORK     scratch: indexes, runs, results ($BUILD/bench-work)
#   BENCH_ENGINES  engines to run, comma-separated (byline,xapian,fts5)
#   PYTHON         interpreter for the peer scripts (default: the first of
#                  /usr/bin/python3, python3 that imports xapian, else one
#                  whose sqlite3 has FTS5)
# Result lines go to stdout and are appended to $BENCH_RESULTS; everything
# else goes to stderr.

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BUILD=${BUILD:-build}
case $BUILD in /*) ;; *) BUILD=$ROOT/$BUILD ;; esac
BENCH_SHARED=${BENCH_SHARED:-$ROOT/../shared}
BENCH_WORK=${BENCH_WORK:-$BUILD/bench-work}
BENCH_ENGINES=${BENCH_ENGINES:-byline,xapian,fts5}
BENCH_RESULTS=${BENCH_RESULTS:-$BENCH_WORK/results.txt}
PEER=$ROOT/bench/peers/peer.py
LIB=$ROOT/bench/lib
export BUILD BENCH_SHARED BENCH_WORK BENCH_ENGINES BENCH_RESULTS

say() { printf '%s\n' "bench: $*" >&2; }

# Prints a result line and keeps it.
result() {
    printf '%s\n' "$*"
    mkdir -p "$(dirname "$BENCH_RESULTS")"
    printf '%s\n' "$*" >>"$BENCH_RESULTS"
}

# Pipes result lines from a command through result().
results() { while IFS= read -r line; do result "$line"; done; }

have_shared() {
    if [ ! -d "$BENCH_SHARED/corpora" ]; then
        say "skipping $1: no shared data at $BENCH_SHARED (set BENCH_SHARED)"
        return 1
    fi
}

corpus_file() { printf '%s\n' "$BENCH_SHARED/corpora/$1.jsonl.gz"; }

# Picks the interpreter for peer.py once per process tree.
if [ -z "${PEER_PY:-}" ]; then
    PEER_PY=
    for py in ${PYTHON:-} /usr/bin/python3 python3; do
        command -v "$py" >/dev/null 2>&1 || continue
        if "$py" "$PEER" check xapian >/dev/null 2>&1; then PEER_PY=$py; break; fi
    done
    if [ -z "$PEER_PY" ]; then
        for py in ${PYTHON:-} /usr/bin/python3 python3; do
            command -v "$py" >/dev/null 2>&1 || continue
            if "$py" "$PEER" check fts5 >/dev/null 2>&1; then PEER_PY=$py; break; fi
        done
    fi
    PY=${PEER_PY:-$(command -v python3 || true)}
    export PEER_PY PY
fi

# peer ENGINE CMD ARGS...: runs a peer's command (check, build, query, batch,
# first) through its compiled harness, $BUILD/bench/peers/ENGINE_peer (`make
# peers`: C over libsqlite3, C++ over libxapian), so no interpreter is timed
# against it; through peer.py only where the harness was not built (its
# result lines then say nothing of harness=; read them as including Python).
peer() {
    local e=$1 cmd=$2
    shift 2
    if [ -x "$BUILD/bench/peers/${e}_peer" ]; then
        "$BUILD/bench/peers/${e}_peer" "$cmd" "$@"
    elif [ -n "$PEER_PY" ]; then
        "$PEER_PY" "$PEER" "$cmd" "$e" "$@"
    else
        return 3
    fi
}

# engine_on ENGINE: selected by BENCH_ENGINES and runnable here (says why not).
declare -A ENGINE_OK_ 2>/dev/null || true
engine_on() {
    case ",$BENCH_ENGINES," in *",$1,"*) ;; *) return 1 ;; esac
    [ "$1" = byline ] && return 0
    if [ -n "${ENGINE_OK_[$1]:-}" ]; then [ "${ENGINE_OK_[$1]}" = yes ]; return; fi
    if peer "$1" check >/dev/null 2>&1; then
        ENGINE_OK_[$1]=yes
        return 0
    fi
    ENGINE_OK_[$1]=no
    say "skipping $1: not installed (run bench/peers/setup.sh)"
    return 1
}

# Where ENGINE's index of CORPUS lives.
index_path() {
    case $1 in
    byline) printf '%s\n' "$BENCH_WORK/idx/byline/$2" ;;
    xapian) printf '%s\n' "$BENCH_WORK/idx/xapian/$2" ;;
    fts5) printf '%s\n' "$BENCH_WORK/idx/fts5/$2.db" ;;
    esac
}

# build_index ENGINE CORPUS: builds from scratch, prints nothing on stdout.
build_index() {
    local dst
    dst=$(index_path "$1" "$2")
    mkdir -p "$(dirname "$dst")"
    rm -rf "$dst"
    case $1 in
    byline) "$BUILD/byline-index" build -q -i "$dst" "$(corpus_file "$2")" >/dev/null 2>&1 ;;
    *) peer "$1" build "$(corpus_file "$2")" "$dst" >/dev/null ;;
    esac
}

# ensure_index ENGINE CORPUS: builds it unless this run already did.
ensure_index() {
    local dst
    dst=$(index_path "$1" "$2")
    # a Byline index left by an older build may be of an older format, or
    # readable but analysed by older rules (names, dates): figures must be
    # of this build, so an index older than byline-index is made again
    if [ "$1" = byline ] && [ -e "$dst" ] && { [ "$BUILD/byline-index" -nt "$dst" ] ||
        ! "$BUILD/byline-search" -i "$dst" --stats >/dev/null 2>&1; }; then
        rm -rf "$dst"
    fi
    if [ ! -e "$dst" ]; then
        say "indexing $2 with $1"
        build_index "$1" "$2" || { say "$1 could not index $2"; return 1; }
    fi
}

# median of numbers on stdin
median() { sort -g | awk '{v[NR]=$1} END {if (NR==0) print 0; else if (NR%2) print v[(NR+1)/2]; else print (v[NR/2]+v[NR/2+1])/2}'; }

# field KEY LINE: value of KEY=VALUE in a result line
field() { printf '%s\n' "$2" | tr ' ' '\n' | sed -n "s/^$1=//p" | head -1; }
