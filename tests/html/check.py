#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Compare the pages of `fpv xcheck --html`, as Chromium rendered them
(--dump-dom), with what `fpv xcheck --json` says for the same inputs.

Usage: check.py XCHECK.json INDEX.dom FILE.dom FUNC.dom NAME

INDEX.dom: the summary page; FILE.dom: the page of the file holding the
function NAME; FUNC.dom: NAME's page.  Prints one "PASS: ..."/"FAIL: ..."
line per check, with the differences below a FAIL.
"""
import json
import sys
from html.parser import HTMLParser


class Dom(HTMLParser):
    """Every element's attributes and text, in document order."""

    def __init__(self, text):
        super().__init__(convert_charrefs=True)
        self.elems = []         # [tag, attrs dict, text]
        self.stack = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        e = [tag, dict(attrs), ""]
        self.elems.append(e)
        if tag not in ("meta", "br", "img", "input", "link"):
            self.stack.append(e)

    def handle_startendtag(self, tag, attrs):
        self.elems.append([tag, dict(attrs), ""])

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        for e in self.stack:
            e[2] += data

    def with_attr(self, name):
        return [e for e in self.elems if name in e[1]]


results = []


def check(name, errors):
    results.append((name, errors))


def num(text):
    return int(text.strip())


def main():
    js, index, filepage, funcpage, fname = sys.argv[1:6]
    with open(js) as f:
        j = json.load(f)
    idx = Dom(open(index, encoding="utf-8").read())
    wits = list(j["witnesses"])

    # Totals: every count and class of every witness.
    got = {e[1]["data-total"]: e[2].strip() for e in idx.with_attr("data-total")}
    err = []
    nfunc = 0
    for w in wits:
        s = j["witnesses"][w]
        want = {"present": "yes" if s["present"] else "no"}
        for k in ("compared", "agree", "disagree", "uncovered", "unreached",
                  "dead"):
            want[k] = str(s[k])
        for c, v in s["classes"].items():
            want["class:" + c] = str(v)
        for k, v in want.items():
            if got.get(f"{w}:{k}") != v:
                err.append(f"{w} {k}: page {got.get(f'{w}:{k}')}, json {v}")
    if got.get("files") != str(len(j["files"])):
        err.append(f"files: page {got.get('files')}, json {len(j['files'])}")
    insns = sum(f["instructions"] for f in j["files"])
    if got.get("instructions") != str(insns):
        err.append(f"instructions: page {got.get('instructions')}, json {insns}")
    check(f"summary totals match xcheck --json ({len(want) * len(wits)} counts)", err)

    # One row per file, with its counts.
    err = []
    rows = {e[1]["data-file"]: e for e in idx.with_attr("data-file")}
    if sorted(rows) != sorted(f["file"] for f in j["files"]):
        err.append(f"files listed: {len(rows)}, json {len(j['files'])}")
    for f in j["files"]:
        tr = rows.get(f["file"])
        if not tr:
            continue
        i = idx.elems.index(tr)
        cells = {}
        for e in idx.elems[i + 1:]:
            if e[0] == "tr":
                break
            if "data-k" in e[1]:
                cells[e[1]["data-k"]] = e[2].strip()
        for w in wits:
            s = f["witnesses"][w]
            if not s["present"]:
                if f"{w}:absent" not in cells:
                    err.append(f"{f['file']}: {w} absent, not so on the page")
                continue
            for k in ("compared", "disagree", "uncovered"):
                if cells.get(f"{w}:{k}") != str(s[k]):
                    err.append(f"{f['file']} {w} {k}: page {cells.get(f'{w}:{k}')}, "
                               f"json {s[k]}")
    check(f"file table matches xcheck --json ({len(j['files'])} files)", err[:20])

    # The charts: per witness and class, the segments add up to the totals.
    for chart in ("compiler", "set"):
        err = []
        svg = [e for e in idx.elems if e[0] == "svg" and e[1].get("data-chart") == chart]
        if len(svg) != 1:
            check(f"chart per {chart} adds up to the totals", ["no such chart"])
            continue
        i = idx.elems.index(svg[0])
        sums = {}
        for e in idx.elems[i + 1:]:
            if e[0] == "svg":
                break
            if e[0] == "rect" and "data-class" in e[1]:
                key = (e[1]["data-wit"], e[1]["data-class"])
                sums[key] = sums.get(key, 0) + num(e[1]["data-count"])
        for w in wits:
            for c, v in j["witnesses"][w]["classes"].items():
                if c in ("no-witness", "witness-undef"):
                    continue
                if sums.get((w, c), 0) != v:
                    err.append(f"{w} {c}: chart {sums.get((w, c), 0)}, json {v}")
        check(f"chart per {chart} adds up to the totals", err)

    # The file page: the function named with markup, as text, with its counts.
    fp = Dom(open(filepage, encoding="utf-8").read())
    err = []
    trs = [e for e in fp.with_attr("data-func") if e[1]["data-func"] == fname]
    links = [e for e in fp.elems if e[0] == "a" and e[2] == fname]
    if len(trs) != 1 or len(links) != 1:
        err.append(f"{fname!r}: {len(trs)} rows, {len(links)} links")
    for tag in ("y", "b", "i"):
        if any(e[0] == tag for e in fp.elems):
            err.append(f"an element <{tag}> from a name")
    comp = [e for e in fp.elems if e[0] == "p" and '<i>as</i> & "friends"' in e[2]]
    if not comp:
        err.append(".comment's markup is not shown as text")
    check(f"file page shows {fname!r} and its compiler as text", err)

    # The function page: the explain view, marked where xcheck has a site.
    fn = Dom(open(funcpage, encoding="utf-8").read())
    err = []
    h1 = [e[2] for e in fn.elems if e[0] == "h1"]
    if h1 != [fname]:
        err.append(f"h1 {h1}")
    sites = [s for s in j["sites"] if s["function"] == fname
             and s["class"] not in ("no-witness", "witness-undef")]
    marked = [(e[2].strip(), e[1]["title"]) for e in fn.elems
              if e[0] == "td" and e[1].get("class") in ("xd", "xb")]
    want = sorted((s[s["witness"]], s["class"]) for s in sites)
    if sorted(marked) != want or not want:
        err.append(f"marked cells {sorted(marked)}, json sites {want}")
    check(f"function page marks each xcheck --json site of {fname!r} ({len(want)})", err)

    for name, errors in results:
        print(("FAIL: " if errors else "PASS: ") + "html: " + name)
        for e in errors:
            print("  " + e)


if __name__ == "__main__":
    main()
