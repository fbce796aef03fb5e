#!/usr/bin/env python3
"""The README's example searches, run: they must print what the README shows.

Every line `$ byline-search -i demo-index ...` inside a ``` block of
README.md is a command; the lines after it, up to a blank line or the end
of the block, are its expected output (standard output, piped, so matched
words are [bracketed]).  --check (the default) runs each against an index
of tests/data/corpus and fails on any difference; --update rewrites the
README with what the build prints.  Not for: anything but README.md.

Usage: readme_examples.py --index DIR --bin BUILD/byline-search [--update]
"""
import argparse
import shlex
import subprocess
import sys


def examples(lines):
    """(index of the command line, index past its output, argv) per example."""
    out, in_block, i = [], False, 0
    while i < len(lines):
        line = lines[i]
        if line.startswith("```"):
            in_block = not in_block
        elif in_block and line.startswith("$ byline-search -i demo-index"):
            j = i + 1
            while j < len(lines) and lines[j].strip() and not lines[j].startswith("```"):
                j += 1
            out.append((i, j, shlex.split(line[2:])))
            i = j
            continue
        i += 1
    return out


def run(argv, index, binary):
    argv = [binary if a == "byline-search" else index if a == "demo-index" else a for a in argv]
    p = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if p.returncode not in (0, 1):
        sys.exit("readme_examples: %s: exit %d: %s" % (" ".join(argv), p.returncode, p.stderr))
    return p.stdout.rstrip("\n").split("\n")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--index", required=True)
    ap.add_argument("--bin", required=True)
    ap.add_argument("--readme", default="README.md")
    ap.add_argument("--update", action="store_true")
    a = ap.parse_args()
    lines = open(a.readme, encoding="utf-8").read().split("\n")
    found = examples(lines)
    if not found:
        sys.exit("readme_examples: no example in %s" % a.readme)
    bad = 0
    for start, end, argv in reversed(found):  # reversed: edits keep earlier indexes
        got = run(argv, a.index, a.bin)
        want = lines[start + 1:end]
        if got != want:
            bad += 1
            if not a.update:
                print("README example differs: %s" % lines[start], file=sys.stderr)
                for w, g in zip(want + [""] * len(got), got + [""] * len(want)):
                    if w != g:
                        print("  README: %s\n  build:  %s" % (w, g), file=sys.stderr)
                        break
            lines[start + 1:end] = got
    if a.update:
        open(a.readme, "w", encoding="utf-8").write("\n".join(lines))
        print("readme_examples: %d of %d examples updated" % (bad, len(found)))
        return 0
    print("readme_examples: %d examples, %d differ" % (len(found), bad))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
