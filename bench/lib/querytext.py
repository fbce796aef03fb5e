"""querytext.py - corpus reading and query sanitising shared by the bench scripts.

Nothing here depends on Xapian or SQLite; any Python 3 will do.

- read_corpus(path): yields (id, title, text) from a JSON Lines file, gzip or
  not (../shared/corpora format: one article per line, keys id/title/text),
  skipping records with neither a title nor a text, as byline-index does.
- text_bytes(path): UTF-8 bytes of title + text over those records: the
  "input text" every build's MB/s is computed from (1 MB = 10^6 bytes).
- plain_words(q): a natural-language query made into plain words for every
  engine: characters that one of the three query languages treats as syntax
  ( " ( ) * : + ^ ~ [ ] { } ) become spaces, a leading '-' is dropped, the
  upper-case words AND, OR, NOT and NEAR are dropped, and so are "words" with
  no letter or digit.  Byline and Xapian get the words joined by spaces;
  FTS5 gets them quoted and joined by OR (bench/peers/peer.py).
"""
import gzip
import json
import re

_SYNTAX = re.compile(r'["()*:+^~\[\]{}]')
_OPS = {"AND", "OR", "NOT", "NEAR"}


def _open(path):
    with open(path, "rb") as f:
        magic = f.read(2)
    if magic == b"\x1f\x8b":
        return gzip.open(path, "rt", encoding="utf-8")
    return open(path, "r", encoding="utf-8")


def read_corpus(path):
    with _open(path) as f:
        for line in f:
            line = line.strip()
            if not line:
                continue
            r = json.loads(line)
            title = r.get("title") or ""
            text = r.get("text") or ""
            if not title.strip() and not text.strip():
                continue
            yield str(r["id"]), title, text


def text_bytes(path):
    n = 0
    docs = 0
    for _id, title, text in read_corpus(path):
        n += len(title.encode("utf-8")) + len(text.encode("utf-8"))
        docs += 1
    return docs, n


def plain_words(q):
    out = []
    for w in _SYNTAX.sub(" ", q).split():
        w = w.lstrip("-")
        if not w or w in _OPS or not any(c.isalnum() for c in w):
            continue
        out.append(w)
    return out
