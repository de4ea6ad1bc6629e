#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Agreement tables of the xcheck study (scripts/xcheck-study.sh).

Reads every `fpv xcheck --json` output in JSONDIR and builds the tables of
docs/xcheck-study.md:

  corpus-table        one row per compiler and witness, the bundled programs
                      (sets named <compiler>-<opt>-<fp>-<pac>)
  config-table        strict / semantic DWARF disagreement per configuration
  distribution-table  one row per other set and witness; a set's row label is
                      in JSONDIR/<set>.label (sets with the same label, such
                      as the parts of the modules, are summed)
  versions            the Debian packages the study used, from
                      JSONDIR/versions.txt ("package version" lines)

"strict" counts every disagreement; "semantic" leaves out the benign classes
fp-restored, ra-restored, fp-in-reg, ra-in-reg and outermost (register and
save slot both hold the caller's value: both witnesses are right).

Usage:
  xcheck-table.py JSONDIR [BLOCK...]   print the blocks (default: all)
  xcheck-table.py JSONDIR --write DOC...
        replace each block between "<!-- BEGIN name -->" and
        "<!-- END name -->" in the DOCs.  In distribution-table, a row whose
        set was not run (kernel objects not built, packages not downloaded)
        is kept as it is, and said so on stderr.
  xcheck-table.py JSONDIR --compare DOC BLOCK...
        exit 1, with a diff, if a block in DOC differs from the generated one.
"""
import difflib
import json
import os
import re
import sys

BENIGN = ("fp-restored", "ra-restored", "fp-in-reg", "ra-in-reg", "outermost")
CORPUS_CC = ("gcc11", "gcc12", "clang14", "clang16", "clang19",
             "clang14+gas", "clang16+gas")
CORPUS_SET = re.compile(r"^(%s)-(O0|O2|Os)-(fp|nofp)-(pac|nopac)$"
                        % "|".join(re.escape(c) for c in CORPUS_CC))
HEADER = ("| {} | witness | compared | disagree (strict) | disagree (semantic) "
          "| uncovered | classes |\n|---|---|---|---|---|---|---|")


def load(path):
    try:
        with open(path) as f:
            return json.load(f)
    except (OSError, ValueError) as e:
        sys.exit(f"xcheck-table: {path}: unreadable: {e}")


def pct(a, b):
    return f"{100.0 * a / b:.2f}%" if b else "-"


def semantic(s):
    return s["disagree"] - sum(s["classes"].get(c, 0) for c in BENIGN)


def row(name, wit, s):
    classes = ", ".join(f"{k} {v}" for k, v in sorted(s["classes"].items())
                        if v and k != "no-witness")
    return (f"| {name} | {wit} | {s['compared']} | {pct(s['disagree'], s['compared'])} | "
            f"{pct(semantic(s), s['compared'])} | {s['uncovered']} | {classes} |")


def add(t, s):
    for k in ("compared", "agree", "disagree", "uncovered"):
        t[k] = t.get(k, 0) + s[k]
    cl = t.setdefault("classes", {})
    for k, v in s["classes"].items():
        cl[k] = cl.get(k, 0) + v


def witnesses(j):
    for wit in ("dwarf", "sframe"):
        s = j["witnesses"][wit]
        if s.get("present") and s["compared"]:
            yield wit, s


def corpus_label(cc):
    if cc.endswith("+gas"):
        return f"{cc[:-4]} through gas (corpus)"
    return f"{cc} (corpus)"


def build(d):
    names = sorted(n[:-5] for n in os.listdir(d) if n.endswith(".json"))
    corpus, configs, dist, order = {}, {}, {}, []
    for n in names:
        m = CORPUS_SET.match(n)
        j = load(os.path.join(d, n + ".json"))
        if m:
            cc = m.group(1)
            for wit, s in witnesses(j):
                add(corpus.setdefault((cc, wit), {}), s)
                if wit == "dwarf" and "+" not in cc:
                    configs[(m.group(2, 3, 4), cc)] = s
            continue
        try:
            with open(os.path.join(d, n + ".label")) as f:
                label = f.read().strip()
        except OSError:
            continue    # not a set of the study
        for wit, s in witnesses(j):
            if (label, wit) not in dist:
                order.append((label, wit))
            add(dist.setdefault((label, wit), {}), s)

    blocks = {}
    lines = [HEADER.format("compiler")]
    for cc in CORPUS_CC:
        for wit in ("dwarf", "sframe"):
            if (cc, wit) in corpus:
                lines.append(row(corpus_label(cc), wit, corpus[(cc, wit)]))
    if len(lines) > 1:
        blocks["corpus-table"] = "\n".join(lines)

    ccs = [c for c in CORPUS_CC if "+" not in c and any(k[1] == c for k in configs)]
    if ccs:
        lines = ["| config | " + " | ".join(ccs) + " |",
                 "|---|" + "---|" * len(ccs)]
        for opt in ("O0", "O2", "Os"):
            for fp in ("fp", "nofp"):
                for pac in ("nopac", "pac"):
                    cells = []
                    for c in ccs:
                        s = configs.get(((opt, fp, pac), c))
                        cells.append("-" if not s else "%.2f / %.2f" % (
                            100.0 * s["disagree"] / s["compared"],
                            100.0 * semantic(s) / s["compared"]))
                    lines.append(f"| {opt} {fp} {pac} | " + " | ".join(cells) + " |")
        blocks["config-table"] = "\n".join(lines)

    try:
        with open(os.path.join(d, "versions.txt")) as f:
            vs = [l.split(None, 1) for l in f if l.startswith("  ")]
    except OSError:
        vs = []
    vs = [v for v in vs if len(v) == 2 and v[0] != "fpv"]
    if vs:
        blocks["versions"] = "\n".join(["| package | version |", "|---|---|"] +
                                       [f"| {p} | {v.strip()} |" for p, v in vs])

    if order:
        blocks["distribution-table"] = [row(lab, wit, dist[(lab, wit)])
                                        for lab, wit in order]
    return blocks


def row_key(line):
    cells = [c.strip() for c in line.strip().strip("|").split("|")]
    return (cells[0], cells[1]) if len(cells) > 2 else None


def render(name, block, old):
    """The new text of a block; old is the block's current text (for
    distribution-table, whose rows not regenerated are kept)."""
    if name != "distribution-table":
        return block
    new = {row_key(r): r for r in block}
    out, done = [HEADER.format("set")], set()
    for line in (old or "").splitlines():
        k = row_key(line)
        if not line.startswith("| ") or k is None or k[0] == "set":
            continue
        if k in new:
            out.append(new[k])
            done.add(k)
        else:
            print(f"xcheck-table: kept, not run here: {k[0]} ({k[1]})", file=sys.stderr)
            out.append(line)
    out += [r for r in block if row_key(r) not in done]
    return "\n".join(out)


BLOCK = re.compile(r"(<!-- BEGIN ([a-z-]+) -->\n)(.*?)(<!-- END \2 -->)", re.S)


def write(blocks, doc):
    text = open(doc).read()

    def repl(m):
        if m.group(2) not in blocks:
            return m.group(0)
        return m.group(1) + render(m.group(2), blocks[m.group(2)], m.group(3)) + "\n" + m.group(4)
    new = BLOCK.sub(repl, text)
    if new != text:
        with open(doc + ".tmp", "w") as f:
            f.write(new)
        os.replace(doc + ".tmp", doc)
        print(f"xcheck-table: {doc} updated", file=sys.stderr)


def compare(blocks, doc, names):
    text = open(doc).read()
    found = {m.group(2): m.group(3).rstrip("\n") for m in BLOCK.finditer(text)}
    bad = 0
    for n in names:
        if n not in blocks:
            print(f"xcheck-table: no {n} generated (no data)")
            bad = 1
            continue
        want = render(n, blocks[n], found.get(n))
        if n not in found:
            print(f"xcheck-table: {doc}: no block {n}")
            bad = 1
        elif found[n] != want:
            print(f"xcheck-table: {doc}: block {n} differs from the study's output "
                  f"(rerun make xcheck-study):")
            sys.stdout.writelines(difflib.unified_diff(
                (found[n] + "\n").splitlines(True), (want + "\n").splitlines(True),
                "committed", "generated"))
            bad = 1
    return bad


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    blocks = build(sys.argv[1])
    args = sys.argv[2:]
    if args[:1] == ["--write"]:
        for doc in args[1:]:
            write(blocks, doc)
    elif args[:1] == ["--compare"]:
        sys.exit(compare(blocks, args[1], args[2:]))
    else:
        for n in args or sorted(blocks):
            if n in blocks:
                b = blocks[n]
                print(f"<!-- {n} -->\n" + (b if isinstance(b, str) else render(n, b, "")) + "\n")


if __name__ == "__main__":
    main()
