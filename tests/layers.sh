#!/bin/sh
# tests/layers.sh - checks that the house's layers only look down and that
# no two modules depend on each other (docs/ARCHITECTURE.md, STYLE.md 18).
#
#   util < text < doc < index < query < api (common/api, common/byline.h)
#        < programs (indexer/, searcher/)
#
# Two graphs are checked, between modules (a module is dir/name: name.c,
# name.h and the private _name.h are one):
#   - includes: every `#include "..."` of common/, indexer/, searcher/;
#   - calls: which module's object defines each symbol another one uses
#     (nm over $BUILD/common/*/*.o, when they are built).  A parser that
#     calls its dispatcher back is a circle no include shows.
# An offence is a module including or calling one of a higher layer, or a
# circle of modules.  It fails the check when it involves a module under
# one of LAYERS_STRICT (default: common/util common/doc common/index, the
# folders already rearranged); offences elsewhere are reported only.
# LAYERS_STRICT=all makes every offence fatal (REPORT_ONLY below included).  -v prints both graphs.
#
# Not for: whether a module should exist or what it does.
set -eu
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
STRICT=${LAYERS_STRICT:-"common/util common/doc common/index"}
VERBOSE=0
case "${1:-}" in
"") ;;
-v) VERBOSE=1 ;;
*) echo "usage: tests/layers.sh [-v]   (BUILD=DIR for the objects, LAYERS_STRICT=...)" >&2; exit 2 ;;
esac
command -v python3 >/dev/null || { echo "layers: python3 missing (make deps)" >&2; exit 1; }
export BUILD STRICT VERBOSE
exec python3 - <<'EOF'
import os, re, subprocess, sys, glob

BUILD, VERBOSE = os.environ["BUILD"], os.environ["VERBOSE"] == "1"
STRICT = os.environ["STRICT"].split()
LAYERS = ["util", "text", "doc", "index", "query", "api", "programs"]
# Known offenders inside the strict folders, reported rather than failed
# until they are moved (none today).
REPORT_ONLY = set()

def layer(path):
    if path == "common/byline.h" or path.startswith("common/api/"):
        return LAYERS.index("api")
    if path.startswith(("indexer/", "searcher/")):
        return LAYERS.index("programs")
    parts = path.split("/")
    if parts[0] == "common" and len(parts) == 3 and parts[1] in LAYERS:
        return LAYERS.index(parts[1])
    return None

def module(path):
    d, b = os.path.split(os.path.splitext(path)[0])
    return os.path.join(d, b[1:] if b.startswith("_") else b)

def strict(mod):
    if "all" in STRICT:
        return True
    if mod in REPORT_ONLY:
        return False
    return any(mod.startswith(s.rstrip("/") + "/") for s in STRICT)

inc_re = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)

def includes(root):
    """module -> {module: why} over the sources under root"""
    def resolve(src, name):
        for cand in (os.path.join(os.path.dirname(src), name), os.path.join("common", name)):
            if os.path.exists(os.path.join(root, cand)):
                return os.path.normpath(cand)
        return None
    files = sorted(os.path.relpath(f, root) for pat in
                   ("common/*.h", "common/*/*.[ch]", "indexer/*.[ch]", "searcher/*.[ch]")
                   for f in glob.glob(os.path.join(root, pat)))
    inc = {}
    for f in files:
        with open(os.path.join(root, f), encoding="utf-8", errors="replace") as fh:
            for name in inc_re.findall(fh.read()):
                t = resolve(f, name)
                if t and layer(t) is not None and module(t) != module(f):
                    inc.setdefault(module(f), {}).setdefault(module(t), f"{f} includes {t}")
    return inc

# The checker checks itself first, on a tree with known offences: a layer
# reaching up, a circle of two modules and one of three, a private header
# (_x.h is module x's), and clean includes that must not be reported.
def self_test():
    import tempfile
    tree = {"common/util/a.h": "", "common/util/a.c": '#include "util/a.h"',
            "common/index/x.c": '#include "index/y.h"', "common/index/x.h": "",
            "common/index/y.c": '#include "index/_x.h"', "common/index/_x.h": "",
            "common/index/y.h": "", "common/index/z.c": '#include "query/q.h"\n#include "util/a.h"',
            "common/query/q.h": '#include "index/x.h"', "common/doc/p.c": '#include "doc/r.h"',
            "common/doc/p.h": "", "common/doc/r.c": '#include "doc/s.h"', "common/doc/r.h": "",
            "common/doc/s.c": '#include "doc/p.h"', "common/doc/s.h": ""}
    with tempfile.TemporaryDirectory() as root:
        for path, text in tree.items():
            os.makedirs(os.path.join(root, os.path.dirname(path)), exist_ok=True)
            with open(os.path.join(root, path), "w") as fh:
                fh.write(text + "\n")
        got = sorted(m.split(" (")[0] for _, m in offences(includes(root), "include"))
    want = sorted(["include: layer index reaches up to query: common/index/z.c includes "
                   "common/query/q.h",
                   "include: circle between common/index/x, common/index/y",
                   "include: circle between common/doc/p, common/doc/r, common/doc/s"])
    if got != want:
        print("layers: the checker fails its self-test:\n  got  %s\n  want %s" % (got, want),
              file=sys.stderr)
        sys.exit(1)

calls = {}  # module -> {module: why}
# objects of sources that still exist (a moved file leaves its old object)
objs = sorted(o for o in glob.glob(os.path.join(BUILD, "common/*/*.o"))
              if os.path.exists(os.path.relpath(o[:-2], BUILD) + ".c"))
if objs:
    defined, used = {}, {}
    for o in objs:
        mod = os.path.relpath(o[:-2], BUILD)
        out = subprocess.run(["nm", "-P", o], capture_output=True, text=True).stdout
        for line in out.splitlines():
            sym, typ = line.split()[:2]
            if typ in "TDBRVWC" and typ.isupper():
                defined.setdefault(sym, mod)
            elif typ == "U":
                used.setdefault(mod, set()).add(sym)
    for mod, syms in used.items():
        for s in sorted(syms):
            t = defined.get(s)
            if t and t != mod:
                calls.setdefault(mod, {}).setdefault(t, f"{mod}.c calls {s} ({t}.c)")

def offences(graph, kind):
    out = []
    for a, targets in sorted(graph.items()):
        for b, why in sorted(targets.items()):
            la, lb = layer(a + ".c") or layer(a + ".h"), layer(b + ".c") or layer(b + ".h")
            if la is not None and lb is not None and lb > la:
                out.append((strict(a), f"{kind}: layer {LAYERS[la]} reaches up to "
                                       f"{LAYERS[lb]}: {why}"))
    # circles: strongly connected components of more than one module (Tarjan)
    index, low, stack, on, comps, n = {}, {}, [], set(), [], [0]
    def visit(v):
        index[v] = low[v] = n[0]; n[0] += 1; stack.append(v); on.add(v)
        for w in graph.get(v, {}):
            if w not in index:
                visit(w); low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop(); on.discard(w); comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                comps.append(sorted(comp))
    sys.setrecursionlimit(10000)
    for v in sorted(set(graph) | {w for t in graph.values() for w in t}):
        if v not in index:
            visit(v)
    for comp in comps:
        whys = [graph[a][b] for a in comp for b in graph.get(a, {}) if b in comp]
        out.append((any(strict(m) for m in comp),
                    f"{kind}: circle between {', '.join(comp)} ({'; '.join(sorted(whys))})"))
    return out

self_test()
inc = includes(".")
if VERBOSE:
    for kind, g in (("include", inc), ("call", calls)):
        for a in sorted(g):
            print(f"{kind} {a} -> {' '.join(sorted(g[a]))}")

found = offences(inc, "include") + (offences(calls, "call") if objs else [])
fatal = [m for s, m in found if s]
for s, m in found:
    print(("FAIL: " if s else "note (not checked strictly): ") + m,
          file=sys.stderr if s else sys.stdout)
if not objs:
    print(f"layers: no objects in {BUILD}/common: call graph not checked (build first)")
print(f"layers: {len(inc)} modules' includes{', calls' if objs else ''} checked; "
      f"{len(fatal)} offences in {' '.join(STRICT)}, {len(found) - len(fatal)} reported only")
sys.exit(1 if fatal else 0)
EOF
