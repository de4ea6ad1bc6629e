#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Run fpv over the ELF files of Debian arm64 packages and print per package
the figures a user sees: files, instructions analysed against the words of
the executable sections, findings of `fpv check` (default mode and
--no-fp) by class, `fpv xcheck` against DWARF (compared, agreement,
fpv-unknown, unreached, dead code: `-` from an fpv that does not count it
apart) and the warnings of `fpv orc` on a copy, with a
total row when there is more than one package.

    scripts/sweep.py [--fpv build/fpv] [--dir sweep] [PKG ...]

Packages are fetched with `apt-get download PKG:arm64` into DIR/debs (the
machine needs `dpkg --add-architecture arm64` and an `apt-get update`; a
.deb already there is reused) and unpacked into DIR/x/PKG.  An ELF file is
a regular file with the ELF magic, ELF64, little-endian and EM_AARCH64;
symbolic links are not followed.  `fpv orc` runs on a copy in a temporary
directory in DIR, one per run (runs may share DIR), removed afterwards.  The output is a Markdown table, then the findings
by class, then the unanalysed ranges (`not analysed` lines of --stats) by
reason.  It is not part of `make check`: it downloads.
"""
import argparse
import collections
import glob
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile

DEFAULT = ["libc6", "libzstd1", "libsqlite3-0", "libgcrypt20", "libssl3", "ripgrep"]
TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def warning_patterns():
    """(class, regex) for every warning of tool/warn.h, from its documented form."""
    pats = []
    with open(os.path.join(TOP, "tool", "warn.h")) as f:
        text = f.read()
    for m in re.finditer(r'W\((\w+),\s*"(?:[^"\\]|\\.)*",\s*(?:\\\s*)?"((?:[^"\\]|\\.)*)"\)', text):
        doc = m.group(2)
        rx = re.escape(doc)
        rx = re.sub(r"<[^>]*>", ".*", rx.replace(r"\<", "<").replace(r"\>", ">"))
        pats.append((m.group(1).lower(), re.compile(rx + "$")))
    return pats


def aarch64_elf(path):
    """Whether path is an AArch64 ELF64 LE file; and its executable words."""
    try:
        with open(path, "rb") as f:
            hdr = f.read(64)
            if len(hdr) < 64 or hdr[:4] != b"\x7fELF" or hdr[4] != 2 or hdr[5] != 1:
                return None
            if struct.unpack_from("<H", hdr, 18)[0] != 183:
                return None
            shoff, = struct.unpack_from("<Q", hdr, 40)
            shentsize, shnum = struct.unpack_from("<HH", hdr, 58)
            words = 0
            if shoff and shentsize == 64:
                f.seek(shoff)
                tab = f.read(64 * shnum)
                for i in range(len(tab) // 64):
                    _, sh_type, flags, _, _, size = struct.unpack_from("<IIQQQQ", tab, 64 * i)
                    if sh_type == 1 and flags & 4:	# SHT_PROGBITS, SHF_EXECINSTR
                        words += size // 4
            return words
    except OSError:
        return None


def fetch(pkg, d):
    debs = os.path.join(d, "debs")
    os.makedirs(debs, exist_ok=True)
    found = glob.glob(os.path.join(debs, pkg + "_*_arm64.deb"))
    if not found:
        r = subprocess.run(["apt-get", "download", pkg + ":arm64"], cwd=debs,
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        found = glob.glob(os.path.join(debs, pkg + "_*_arm64.deb"))
        if not found:
            sys.exit(f"sweep: {pkg}: apt-get download failed: {r.stderr.strip()}")
    x = os.path.join(d, "x", pkg)
    if not os.path.isdir(x):
        part = x + ".part"
        shutil.rmtree(part, ignore_errors=True)
        os.makedirs(part)
        subprocess.run(["dpkg-deb", "-x", found[0], part], check=True)
        os.rename(part, x)
    return os.path.basename(found[0]), x


def run(cmd):
    r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                       errors="replace")
    return r.returncode, r.stdout, r.stderr


def classify(out, pats, counts):
    n = 0
    for line in out.splitlines():
        m = re.search(r": warning: fpv: (?:\S+: )?(.*)$", line)
        if not m:
            continue
        n += 1
        text = re.sub(r" \([^ ()]*:\d+\)$", "", m.group(1))  # the source line, with -g
        for name, rx in pats:
            if rx.match(text):
                counts[name] += 1
                break
        else:
            counts["other"] += 1
    return n


def one_file(fpv, path, words, tmp, pats, pk):
    rc, out, err = run([fpv, "check", "--stats", path])
    if rc not in (0, 1) or "fpv check:" not in err:
        pk["errors"] += 1
        pk["error_files"].append(f"{path}: check exit {rc}: {err.strip()[:200]}")
        return
    pk["findings"] += classify(out, pats, pk["classes"])
    m_an = re.search(r"(\d+) instructions analy[sz]ed of (\d+) words", err)
    if m_an:
        pk["analysed"] += int(m_an.group(1))
        pk["func_words"] += int(m_an.group(2))
    gaps = 0
    for line in err.splitlines():
        m = re.search(r"not analysed: 0x[0-9a-f]+-0x[0-9a-f]+ in \S+ \((\d+) words\): (.*)$", line)
        if m:
            reason = re.sub(r"^(reached by no path in function|dead after a noreturn call in "
                            r"function|dead code \(no execution reaches it\) in function) \S+$",
                            r"\1", m.group(2))
            reason = re.sub(r"^function \S+, (entered by no path)$", r"function \1", reason)
            pk["gaps"][reason] += int(m.group(1))
            gaps += 1
    if m_an and int(m_an.group(1)) < 0.9 * words:
        pk["below90"] += 1
        pk["below90_reported"] += gaps > 0
    rc, out, err = run([fpv, "check", "--no-fp", path])
    pk["findings_nofp"] += classify(out, pats, pk["classes_nofp"])
    rc, out, err = run([fpv, "xcheck", "--json", "--summary", path])
    try:
        w = json.loads(out)["witnesses"]["dwarf"]
        if w["present"]:
            pk["compared"] += w["compared"]
            pk["agree"] += w["agree"]
            pk["unreached"] += w.get("unreached", 0)
            for key in ("dead", "dead_after_noreturn"):	# an fpv that counts it apart
                if key in w:
                    pk["dead"] += w[key]
                    pk["dead_counted"] = 1
            pk["fpv_unknown"] += w["classes"].get("fpv-unknown", 0)
    except (ValueError, KeyError):
        pk["xcheck_errors"] += 1
    copy = os.path.join(tmp, os.path.basename(path))
    shutil.copyfile(path, copy)
    rc, out, err = run([fpv, "orc", copy])
    pk["orc_warnings"] += sum(1 for l in (out + err).splitlines() if "warning" in l)
    if rc:
        pk["orc_errors"] += 1
    os.unlink(copy)


def pct(a, b):
    return f"{100.0 * a / b:.2f}%" if b else "-"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--fpv", default=os.path.join(TOP, "build", "fpv"))
    ap.add_argument("--dir", default="sweep")
    ap.add_argument("packages", nargs="*", default=DEFAULT)
    a = ap.parse_args()
    fpv = os.path.abspath(a.fpv)
    pats = warning_patterns()
    os.makedirs(a.dir, exist_ok=True)
    tmp = tempfile.mkdtemp(prefix="tmp.", dir=a.dir)
    rows = []
    for pkg in a.packages:
        deb, x = fetch(pkg, a.dir)
        pk = collections.defaultdict(int)
        pk["classes"] = collections.Counter()
        pk["classes_nofp"] = collections.Counter()
        pk["gaps"] = collections.Counter()
        pk["error_files"] = []
        for root, dirs, files in os.walk(x):
            dirs.sort()
            for name in sorted(files):
                p = os.path.join(root, name)
                if os.path.islink(p) or not os.path.isfile(p) or "/debug/" in p:
                    continue
                words = aarch64_elf(p)
                if words is None:
                    continue
                pk["files"] += 1
                pk["text_words"] += words
                one_file(fpv, p, words, tmp, pats, pk)
        rows.append((pkg, deb, pk))
    shutil.rmtree(tmp, ignore_errors=True)

    print("| package | files | text words | analysed | findings | per 1000 | --no-fp findings "
          "| compared | agree | fpv-unknown | unreached | dead | orc warnings "
          "| files < 90% (gaps reported) |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    total = collections.defaultdict(int)
    for _, _, pk in rows:
        for k in ("files", "text_words", "analysed", "findings", "findings_nofp", "compared",
                  "agree", "fpv_unknown", "unreached", "dead", "orc_warnings", "below90",
                  "below90_reported"):
            total[k] += pk[k]
        total["dead_counted"] |= pk["dead_counted"]
    if len(rows) > 1:
        rows_out = rows + [("total", "", total)]
    else:
        rows_out = rows
    for pkg, deb, pk in rows_out:
        per = f"{1000.0 * pk['findings'] / pk['analysed']:.2f}" if pk["analysed"] else "-"
        dead = f"{pk['dead']} ({pct(pk['dead'], pk['compared'])})" if pk["dead_counted"] else "-"
        print(f"| {pkg} | {pk['files']} | {pk['text_words']} | {pk['analysed']} "
              f"({pct(pk['analysed'], pk['text_words'])}) | {pk['findings']} | {per} "
              f"| {pk['findings_nofp']} | {pk['compared']} | {pct(pk['agree'], pk['compared'])} "
              f"| {pk['fpv_unknown']} ({pct(pk['fpv_unknown'], pk['compared'])}) "
              f"| {pk['unreached']} ({pct(pk['unreached'], pk['compared'])}) "
              f"| {dead} "
              f"| {pk['orc_warnings']} | {pk['below90']} ({pk['below90_reported']}) |")
    print()
    print("Findings by class (default mode / --no-fp):")
    print()
    for pkg, deb, pk in rows:
        names = sorted(set(pk["classes"]) | set(pk["classes_nofp"]))
        cls = ", ".join(f"{n} {pk['classes'][n]}/{pk['classes_nofp'][n]}" for n in names)
        print(f"- {pkg} ({deb}): {cls or 'none'}")
    print()
    print("Words not analysed, by reason (ranges of 256 bytes or more):")
    print()
    for pkg, deb, pk in rows:
        g = ", ".join(f"{r} {n}" for r, n in sorted(pk["gaps"].items()))
        print(f"- {pkg}: {g or 'none reported'}")
    errs = [e for _, _, pk in rows for e in pk["error_files"]]
    if errs:
        print()
        print("Tool failures:")
        for e in errs:
            print("- " + e)


if __name__ == "__main__":
    main()
