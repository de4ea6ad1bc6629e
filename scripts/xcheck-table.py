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
  vmlinux-summary     per Debian vmlinux: `fpv check` findings and notes on
                      hand-written code (JSONDIR/debian_vmlinux-*.stats) and
                      the xcheck figures (compared, unreached, dead after
                      noreturn, fpv-unknown)
  vmlinux-notes       docs/check-notes.md's classification of what `fpv
                      check` leaves on each vmlinux: the count columns, one
                      per vmlinux, of the rows of NOTE_CLASSES (by symbol;
                      the text columns are the document's own).  A finding
                      no class matches is a row of its own, "unclassified"
  corpus-check        `fpv check --stats` per compiler over its corpus
                      configurations (JSONDIR/check_<set>.out)
  libc-check          `fpv check --stats --no-fp` on the cross libraries
                      (JSONDIR/check_lib_<name>.out): totals, and the
                      findings by kind
  kernel-check        `fpv check --allow-empty --stats` per kernel object
                      flavour (JSONDIR/kernel_<cc>.check); a flavour not
                      built keeps its row, as in distribution-table

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
# The rows of docs/check-notes.md's classification table, in order: the
# symbols each row covers (the function a note or warning is in).
NOTE_CLASSES = [
    r"el[01][th]_(64|32)_\w+|__bad_stack",
    r"vectors|__bp_harden_el1_vectors|ret_to_user|ret_to_kernel|ret_from_fork",
    r"tramp_\w+|__entry_tramp_text_start",
    r"__sdei_\w+",
    r"__kvm_nvhe_\w+|__kvm_hyp_vector|__bp_harden_hyp_vecs|el1_sync|el2_sync|el2_error"
    r"|wa_epilogue|__guest_enter|__host_\w+|__hyp_do_panic|_*kvm_hyp_init\w*|__do_hyp_init"
    r"|__kvm_handle_stub_hvc|reset|__kvm_hyp_host_vector|__pkvm_init_switch_pgd",
    r"__hyp_stub_vectors|__finalise_el2",
    r"primary_entry|__primary_switch|__primary_switched|secondary_entry|secondary_holding_pen"
    r"|secondary_startup|__secondary_switched|create_idmap|init_kernel_el",
    r"__cpu_suspend_enter|_?cpu_resume|swsusp_arch_suspend_exit",
    r"cpu_switch_to",
    r"ftrace_\w+|return_to_handler|__kretprobe_trampoline|dummy_tramp",
    r"__efi_rt_asm_recover|(__efistub_)?efi_enter_kernel",
    r"qcom_link_stack_sanitisation",
]
FINDING = re.compile(r": (note|warning): fpv: ([^ ]+?)(@0x[0-9a-f]+)?\+0x[0-9a-f]+: ")
STATS = re.compile(r"fpv check: .* (\d+) instructions analyzed of (\d+) words, (\d+) findings, "
                   r"(\d+) notes on hand-written code")

SUMMARY = re.compile(r"^fpv check: (\d+) files, (\d+) functions, (\d+) instructions analyzed of "
                     r"(\d+) words, (\d+) findings, (\d+) notes on hand-written code, "
                     r"(\d+) distinct states", re.M)
KIND = re.compile(r": (?:warning|note): fpv: \S+\+0x[0-9a-f]+: (.*)$", re.M)

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
        blocks["versions"] = [(p, v.strip()) for p, v in vs]

    pkgs = dict(v for v in vs if len(v) == 2)
    try:
        # the versions of the run that left the vmlinux results
        with open(os.path.join(d, "debian.versions")) as f:
            pkgs.update(l.split(None, 1) for l in f if len(l.split(None, 1)) == 2)
    except OSError:
        pass
    vml = vmlinux(d, pkgs)
    if vml:
        blocks.update(vml)

    blocks.update(checks(d))

    kinds = ("kernel objects", "Debian vmlinux", "Debian modules", "Debian user space")
    order.sort(key=lambda k: ([i for i, p in enumerate(kinds) if k[0].startswith(p)] or [9],
                              release_key(k[0]), k[1]))
    if order:
        blocks["distribution-table"] = [row(lab, wit, dist[(lab, wit)])
                                        for lab, wit in order]
    return blocks


def check_text(base):
    """`fpv check`'s output: base.out (findings) and base.err (--stats)."""
    text = ""
    for ext in (".out", ".err"):
        try:
            with open(base + ext) as f:
                text += f.read()
        except OSError:
            pass
    return text


def summary_of(path):
    """The figures of `fpv check --stats`'s last line: files, functions,
    analysed, words, findings, notes, distinct states."""
    m = SUMMARY.findall(check_text(path))
    if not m:
        sys.exit(f"xcheck-table: {path}: no fpv check --stats summary")
    return [int(x) for x in m[-1]], path


def kind(msg):
    """A finding's kind: its message without the names and details after it."""
    msg = re.sub(r" (to next function|at|of|from) \S+.*$", "", msg)
    return re.sub(r"[,(:;].*$", "", msg).strip()


def checks(d):
    blocks, names = {}, os.listdir(d)
    lines = ["| compiler | configurations | objects | functions | analysed / words | findings |",
             "|---|---:|---:|---:|---|---:|"]
    for cc in CORPUS_CC:
        t = [0] * 7
        n = 0
        for name in sorted(names):
            m = CORPUS_SET.match(name[len("check_"):-len(".out")]) if name.startswith("check_") \
                and name.endswith(".out") else None
            if m and m.group(1) == cc:
                t = [a + b for a, b in zip(t, summary_of(os.path.join(d, name[:-4]))[0])]
                n += 1
        if n:
            lines.append(f"| {cc} | {n} | {t[0]} | {t[1]} | {t[2]} / {t[3]} | {t[4]} |")
    if len(lines) > 2:
        blocks["corpus-check"] = "\n".join(lines)

    libs = [n[len("check_lib_"):-len(".out")] for n in
            ("check_lib_libc.so.6.out", "check_lib_libstdc++.so.6.out", "check_lib_libm.so.6.out")
            if n in names]
    if libs:
        out = ["| library | package | functions | analysed / words | findings |",
               "|---|---|---:|---|---:|"]
        kinds = {}
        for lib in libs:
            base = os.path.join(d, "check_lib_" + lib)
            t = summary_of(base)[0]
            try:
                with open(base + ".pkg") as f:
                    pkg = f.read().strip()
            except OSError:
                pkg = "?"
            out.append(f"| {lib} | {pkg} | {t[1]} | {t[2]} / {t[3]} | {t[4]} |")
            for m in KIND.finditer(check_text(base)):
                k = kinds.setdefault(kind(m.group(1)), {})
                k[lib] = k.get(lib, 0) + 1
        out += ["", "| finding | " + " | ".join(libs) + " |", "|---|" + "---:|" * len(libs)]
        for k in sorted(kinds, key=lambda k: (-sum(kinds[k].values()), k)):
            out.append(f"| {k} | " + " | ".join(str(kinds[k].get(l, 0)) for l in libs) + " |")
        blocks["libc-check"] = "\n".join(out)

    rows = []
    for cc in ("gcc12", "clang16"):
        base = os.path.join(d, f"kernel_{cc}.check")
        if os.path.exists(base + ".err"):
            t = summary_of(base)[0]
            rows.append(f"| kernel objects ({cc}) | {t[0]} | {t[1]} | {t[2]} / {t[3]} "
                        f"| {t[4]} | {t[6]} |")
    if rows:
        blocks["kernel-check"] = rows
    return blocks


def release_key(rel):
    return [(0, int(x), "") if x.isdigit() else (1, 0, x) for x in re.split(r"[.+-]", rel)]


def vmlinux(d, versions):
    rels = sorted((n[len("debian_vmlinux-"):-len(".check")] for n in os.listdir(d)
                   if n.startswith("debian_vmlinux-") and n.endswith(".check")), key=release_key)
    if not rels:
        return {}
    summary = ["| vmlinux | package | compiler | findings | notes on hand-written code "
               "| analysed / words | xcheck compared | unreached | dead "
               "| fpv-unknown |",
               "|---|---|---|---:|---:|---|---:|---|---|---:|"]
    counts = {}     # (class index, release) -> [notes, warnings]
    other = {}      # release -> [symbol]
    for rel in rels:
        base = os.path.join(d, "debian_vmlinux-" + rel)
        m = None
        with open(base + ".stats") as f:
            for line in f:
                m = STATS.search(line) or m
        if not m:
            sys.exit(f"xcheck-table: {base}.stats: no fpv check --stats summary")
        analysed, words, findings, notes = (int(x) for x in m.groups())
        w = load(base + ".json")["witnesses"]["dwarf"]
        with open(base + ".label") as f:
            cc = f.read().strip().rsplit("(", 1)[-1].rstrip(")")
        pkg = f"linux-image-{rel}-dbg"
        # "-": an fpv that does not count the dead code apart
        nd = w.get("dead", w.get("dead_after_noreturn"))
        dead = "-" if nd is None else f"{nd} ({100.0 * nd / max(w['compared'], 1):.3f}%)"
        summary.append(
            f"| {rel} | {pkg} {versions.get(pkg, '?').strip()} | {cc} | {findings} | {notes} "
            f"| {analysed} / {words} | {w['compared']} "
            f"| {w['unreached']} ({100.0 * w['unreached'] / max(w['compared'], 1):.3f}%) "
            f"| {dead} | {w['classes'].get('fpv-unknown', 0)} |")
        with open(base + ".check") as f:
            for line in f:
                m = FINDING.search(line)
                if not m:
                    continue
                for i, pat in enumerate(NOTE_CLASSES):
                    if re.fullmatch(pat, m.group(2)):
                        c = counts.setdefault((i, rel), [0, 0])
                        c[m.group(1) == "warning"] += 1
                        break
                else:
                    other.setdefault(rel, []).append(f"{m.group(1)} {m.group(2)}")
    cells = {}
    for i in range(len(NOTE_CLASSES)):
        cells[i] = []
        for rel in rels:
            n, wn = counts.get((i, rel), [0, 0])
            cells[i].append(" + ".join(x for x in ([str(n)] if n or not wn else []) +
                                       ([f"**{wn} warning{'s' if wn > 1 else ''}**"] if wn else [])))
    if other:
        cells["other"] = [", ".join(other.get(rel, [])) or "0" for rel in rels]
    short = [re.sub(r"^(\d+\.\d+)[.-].*", r"\1", rel) for rel in rels]
    return {"vmlinux-summary": "\n".join(summary),
            "vmlinux-notes": (short, cells)}


def notes_table(short, cells, old):
    rows = [l for l in (old or "").splitlines() if l.startswith("| ")][1:]
    rows = [l for l in rows if "| unclassified |" not in l]
    if not rows:    # printing: the class's pattern stands for its text
        rows = [f"| | {p} | | |" for p in NOTE_CLASSES]
    if len(rows) != len(NOTE_CLASSES):
        sys.exit(f"xcheck-table: vmlinux-notes: the document has {len(rows)} rows, "
                 f"NOTE_CLASSES {len(NOTE_CLASSES)}")
    out = ["| " + " | ".join(short) + " | where | findings | why the code is so |",
           "|" + "---:|" * len(short) + "---|---|---|"]
    for i, line in enumerate(rows):
        text = [c.strip() for c in line.strip().strip("|").split("|")][-3:]
        out.append("| " + " | ".join(cells[i] + text) + " |")
    if "other" in cells:
        print("xcheck-table: vmlinux-notes: unclassified findings: " + "; ".join(cells["other"]),
              file=sys.stderr)
        out.append("| " + " | ".join(cells["other"]) +
                   " | unclassified | | not in NOTE_CLASSES (scripts/xcheck-table.py): classify them |")
    return "\n".join(out)


def versions_table(vs, old):
    """The versions used; a package of a set not run here (the Debian
    downloads) keeps its row, after those of this run."""
    new = dict(vs)
    out = ["| package | version |", "|---|---|"] + [f"| {p} | {v} |" for p, v in vs]
    for line in (old or "").splitlines():
        k = row_key(line + " |")
        if line.startswith("| ") and k and k[0] not in new and k[0] != "package":
            print(f"xcheck-table: kept, not run here: {k[0]} {k[1]}", file=sys.stderr)
            out.append(line)
    return "\n".join(out)


def row_key(line):
    cells = [c.strip() for c in line.strip().strip("|").split("|")]
    return (cells[0], cells[1]) if len(cells) > 2 else None


def render(name, block, old):
    """The new text of a block; old is the block's current text (for
    distribution-table, whose rows not regenerated are kept)."""
    if name == "vmlinux-notes":
        return notes_table(block[0], block[1], old)
    if name == "versions":
        return versions_table(block, old)
    if name not in ("distribution-table", "kernel-check"):
        return block
    # a row is the same row when its set (and witness) is: kernel-check's
    # second column is a figure
    key = row_key if name == "distribution-table" else \
        lambda l: row_key(l) and (row_key(l)[0], "check")
    new = {key(r): r for r in block}
    out, done = [HEADER.format("set") if name == "distribution-table" else KERNEL_HEADER], set()
    for line in (old or "").splitlines():
        k = key(line)
        if not line.startswith("| ") or k is None or k[0] == "set":
            continue
        if k in new:
            out.append(new[k])
            done.add(k)
        else:
            print(f"xcheck-table: kept, not run here: {k[0]} ({k[1]})", file=sys.stderr)
            out.append(line)
    out += [r for r in block if key(r) not in done]
    return "\n".join(out)


KERNEL_HEADER = ("| set | objects | functions | analysed / words | findings | distinct states |\n"
                 "|---|---:|---:|---|---:|---:|")
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
