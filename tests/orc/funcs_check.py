#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""
Check the .fpv_funcs section `fpv orc` wrote into a linked file
(include/fpv/orc.h), independently of fpv's own reader:

  - the header: magic "FPVF", version 1 or 2, reserved 0, base = the
    .fpv_orc header's base, size = 24 + 8 * nr = the section size;
  - starts strictly ascending, every owner is the start of an entry, and an
    entry's flags (ANY_CALLEE, DIRECT_ONLY) equal its owner's; version 1
    has no DIRECT_ONLY; DIRECT_ONLY is never on code outside every function
    (an entry in .plt/.iplt, or, in a file with symbols, at no symbol);
  - every function symbol (nm -S: T/t/W with a non-zero size, in .text; nm -D
    for a stripped file) has an entry at its address whose owner is itself, or for "foo.cold"/"foo.cold.N"
    the symbol foo;
  - --any=f,g: these functions carry ORC_FUNC_ANY_CALLEE; --none=f,g: not;
    --direct=f,g: these carry ORC_FUNC_DIRECT_ONLY; --indirect=f,g: not;
    --cold=p: p is a cold part (the build must have split it).

Prints "N functions, M any-callee, D direct-only, S symbols checked" and
exits 0, or prints the problems and exits 1.  Tools: aarch64-linux-gnu-readelf
and -nm.
"""
import re
import struct
import subprocess
import sys

ANY = 1
DIRECT = 2
FLAGS = 3


def sections(path):
    out = subprocess.run(["aarch64-linux-gnu-readelf", "-SW", path], check=True,
                         capture_output=True, text=True).stdout
    secs = {}
    for line in out.splitlines():
        f = re.sub(r"^\s*\[\s*", "[", line).split()
        if len(f) > 6 and f[0].startswith("[") and f[0][1:-1].isdigit():
            secs[f[1]] = (int(f[3], 16), int(f[4], 16), int(f[5], 16))
    return secs


def symbols(path, text, dynamic):
    nm = ["aarch64-linux-gnu-nm", "-S"] + (["-D", "--defined-only"] if dynamic else [])
    out = subprocess.run(nm + [path], check=True, capture_output=True, text=True).stdout
    lo, hi = text
    syms = []
    for line in out.splitlines():
        f = line.split()
        if len(f) == 4 and f[2] in "TtW" and int(f[1], 16) and lo <= int(f[0], 16) < hi:
            syms.append((f[3].split("@")[0], int(f[0], 16)))  # atol@@GLIBC_2.17
    return syms


def symbol_addrs(path):
    """Addresses of every text symbol (sized or not), for the gap check."""
    out = subprocess.run(["aarch64-linux-gnu-nm", path], capture_output=True, text=True).stdout
    return {int(f[0], 16) for f in (l.split() for l in out.splitlines())
            if len(f) == 3 and f[1] in "TtWw"}


def section_of(secs, a):
    for name, (addr, _, size) in secs.items():
        if addr and addr <= a < addr + size:
            return name
    return None


def main():
    opts = {"any": [], "none": [], "direct": [], "indirect": [], "cold": []}
    args = []
    for a in sys.argv[1:]:
        m = re.match(r"--(any|none|direct|indirect|cold)=(.*)", a)
        if m:
            opts[m.group(1)] += [x for x in m.group(2).split(",") if x]
        else:
            args.append(a)
    path = args[0]
    secs = sections(path)
    data = open(path, "rb").read()
    bad = []
    if ".fpv_funcs" not in secs or ".fpv_orc" not in secs:
        print("no .fpv_funcs or no .fpv_orc section")
        return 1
    _, off, size = secs[".fpv_funcs"]
    blob = data[off:off + size]
    if size < 24:
        print(".fpv_funcs: %d bytes, shorter than its header" % size)
        return 1
    magic, ver, rsvd, base, nr, bsize = struct.unpack_from("<IHHQII", blob)
    _, ooff, _ = secs[".fpv_orc"]
    orc_base = struct.unpack_from("<Q", data, ooff + 16)[0]
    if magic != 0x46565046 or ver not in (1, 2) or rsvd:
        bad.append("header: magic 0x%x version %d reserved %d" % (magic, ver, rsvd))
    if base != orc_base:
        bad.append("base 0x%x, .fpv_orc's is 0x%x" % (base, orc_base))
    if bsize != size or size != 24 + 8 * nr:
        bad.append("size %d, header says %d, %d entries need %d" % (size, bsize, nr, 24 + 8 * nr))
        nr = max(0, (size - 24) // 8)
    ents = [struct.unpack_from("<II", blob, 24 + 8 * i) for i in range(nr)]
    owner = {}
    for i, (s, o) in enumerate(ents):
        if i and s <= ents[i - 1][0]:
            bad.append("entry %d: start 0x%x not above 0x%x" % (i, base + s, base + ents[i - 1][0]))
        if ver == 1 and o & DIRECT:
            bad.append("entry %d: DIRECT_ONLY in a version 1 table" % i)
        owner[base + s] = (base + (o & ~FLAGS), o & ANY, (o & DIRECT) >> 1)
    named = symbol_addrs(path) if ".symtab" in secs else None
    for a, (o, fl, dr) in owner.items():
        if o not in owner:
            bad.append("0x%x: owner 0x%x is no entry" % (a, o))
        elif owner[o][1:] != (fl, dr):
            bad.append("0x%x: flags any %d direct %d, its owner 0x%x has %d %d" %
                       ((a, fl, dr, o) + owner[o][1:]))
        if dr and (section_of(secs, a) in (".plt", ".iplt") or (named is not None and a not in named)):
            bad.append("0x%x: DIRECT_ONLY on code outside every function" % a)
    text = secs.get(".text")
    # a stripped file: its exported functions (.dynsym)
    syms = symbols(path, (text[0], text[0] + text[2]), ".symtab" not in secs) if text else []
    addr = {}
    for name, a in syms:
        addr.setdefault(name, set()).add(a)
    for name, a in syms:
        if a not in owner:
            bad.append("%s (0x%x): no entry" % (name, a))
            continue
        want = {a}
        c = re.search(r"\.cold(\.\d+)?$", name)
        if c:
            want = addr.get(name[:c.start()], set())
        if owner[a][0] not in want:
            bad.append("%s (0x%x): owner 0x%x, want %s" % (name, a, owner[a][0],
                                                          " or ".join(hex(w) for w in want) or "its parent"))
    for kind, flag, want in (("any", 1, 1), ("none", 1, 0), ("direct", 2, 1), ("indirect", 2, 0)):
        for name in opts[kind]:
            for a in addr.get(name, []) or [None]:
                if a is None or a not in owner:
                    bad.append("%s: no such function" % name)
                elif owner[a][flag] != want:
                    bad.append("%s: %s %s, want %s" % (name, ("ANY_CALLEE", "DIRECT_ONLY")[flag - 1],
                                                      owner[a][flag], want))
    for name in opts["cold"]:
        if name not in addr:
            bad.append("%s: the build has no such cold part" % name)
    if bad:
        print("\n".join(bad[:20]))
        return 1
    print("%d functions, %d any-callee, %d direct-only, %d symbols checked" %
          (len(ents), sum(f[1] for f in owner.values()), sum(f[2] for f in owner.values()), len(syms)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
