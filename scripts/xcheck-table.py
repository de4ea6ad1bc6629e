#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Agreement tables for the xcheck study (scripts/xcheck-study.sh).

Reads every `fpv xcheck --json` output in the directory given and prints
markdown: one row per set (compiler-opt-fp-pac, kernel, debian) and witness,
then totals per compiler.  "strict" counts every disagreement; "semantic"
leaves out the benign classes fp-restored, ra-restored, fp-in-reg, ra-in-reg and outermost
(register and save slot both hold the caller's value: both witnesses are right).
"""
import json
import os
import sys

BENIGN = ("fp-restored", "ra-restored", "fp-in-reg", "ra-in-reg", "outermost")


def load(path):
    try:
        with open(path) as f:
            return json.load(f)
    except (OSError, ValueError) as e:
        print(f"<!-- {os.path.basename(path)}: unreadable: {e} -->")
        return None


def pct(a, b):
    return f"{100.0 * a / b:.2f}%" if b else "-"


def row(name, wit, s):
    benign = sum(s["classes"].get(c, 0) for c in BENIGN)
    dis = s["disagree"]
    classes = ", ".join(f"{k} {v}" for k, v in sorted(s["classes"].items())
                        if v and k not in ("no-witness",))
    return (f"| {name} | {wit} | {s['compared']} | {pct(dis, s['compared'])} | "
            f"{pct(dis - benign, s['compared'])} | {s['uncovered']} | {classes} |")


def add(t, s):
    for k in ("compared", "agree", "disagree", "uncovered"):
        t[k] = t.get(k, 0) + s[k]
    cl = t.setdefault("classes", {})
    for k, v in s["classes"].items():
        cl[k] = cl.get(k, 0) + v


def main():
    d = sys.argv[1]
    names = sorted(n[:-5] for n in os.listdir(d) if n.endswith(".json"))
    print("| set | witness | compared | disagree (strict) | disagree (semantic) "
          "| uncovered | classes |")
    print("|---|---|---|---|---|---|---|")
    groups = {}
    for n in names:
        j = load(os.path.join(d, n + ".json"))
        if not j:
            continue
        for wit in ("dwarf", "sframe"):
            s = j["witnesses"][wit]
            if not s.get("present") or not s["compared"]:
                continue
            print(row(n, wit, s))
            g = n.split("-")[0] if "-" in n else n
            add(groups.setdefault((g, wit), {}), s)
    print()
    print("| compiler / set | witness | compared | disagree (strict) "
          "| disagree (semantic) | uncovered | classes |")
    print("|---|---|---|---|---|---|---|")
    for (g, wit), s in sorted(groups.items()):
        print(row(g, wit, s))


if __name__ == "__main__":
    main()
