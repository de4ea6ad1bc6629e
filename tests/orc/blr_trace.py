#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""
Dynamic check of ORC_FUNC_DIRECT_ONLY (include/fpv/orc.h): the program ran
under `qemu-aarch64 -singlestep -d exec,nochain,page -D LOG`, one "Trace"
line per instruction ("Trace N:", N the CPU, one per thread: each thread's
instructions are followed on their own); for every BLR/BLRAA... executed in
one of the given
files, every instruction run in the callee's frame (from the target until
the callee returns; tail calls and PLT jumps stay in the frame, BL/BLR
nest) must lie in a .fpv_funcs entry without DIRECT_ONLY.

  blr_trace.py LOG FILE...     (FILE: the program and its libraries; a file
                                without .fpv_funcs only has its BLRs found)

A file's load address is the r-x mapping of the size of its first LOAD
segment in the log's page layouts.  Prints "N BLRs, M callee instructions
checked" and exits 0, or lists the DIRECT_ONLY functions reached and exits
1; exits 2 when the log cannot be used.  Tools: aarch64-linux-gnu-readelf.
"""
import bisect
import itertools
import re
import struct
import subprocess
import sys

DIRECT = 2
MAX_STEPS = 200000      # instructions followed after one BLR


def readelf(opt, path):
    return subprocess.run(["aarch64-linux-gnu-readelf", opt, path], check=True,
                          capture_output=True, text=True).stdout


def load(path):
    data = open(path, "rb").read()
    starts, flags, segs = [], [], []
    for line in readelf("-SW", path).splitlines():
        f = re.sub(r"^\s*\[\s*", "[", line).split()
        if len(f) > 6 and f[1] == ".fpv_funcs":
            off = int(f[4], 16)
            base, nr = struct.unpack_from("<QI", data, off + 8)
            for i in range(nr):
                s, o = struct.unpack_from("<II", data, off + 24 + 8 * i)
                starts.append(base + s)
                flags.append(o & 3)
    for line in readelf("-lW", path).splitlines():
        f = line.split()
        if f and f[0] == "LOAD":
            segs.append((int(f[2], 16), int(f[1], 16), int(f[5], 16)))
    return {"path": path, "data": data, "starts": starts, "flags": flags, "segs": segs,
            "size": (segs[0][2] + 0xfff) & ~0xfff}


def word(m, va):
    for vaddr, off, memsz in m["segs"]:
        if vaddr <= va < vaddr + memsz and off + va - vaddr + 4 <= len(m["data"]):
            return struct.unpack_from("<I", m["data"], off + va - vaddr)[0]
    return None


def is_blr(w):
    return (w & 0xfeff0000) == 0xd63f0000          # BLR, BLRAA, BLRAB, BLRAAZ, BLRABZ


def is_call(w):
    return (w & 0xfc000000) == 0x94000000 or is_blr(w)


def is_ret(w):
    return (w & 0xfffffc1f) == 0xd65f0000 or w in (0xd65f0bff, 0xd65f0fff)   # RET, RETAA/AB


def parse(log):
    pcs, rx = {}, set()
    for line in open(log, errors="replace"):
        if line.startswith("Trace"):
            m = re.match(r"Trace (\d+): \S+ \[[0-9a-f]+/([0-9a-f]+)/", line)
            if m:
                pcs.setdefault(m.group(1), []).append(int(m.group(2), 16))
            continue
        f = line.split()
        if len(f) == 3 and f[2] == "r-x" and "-" in f[0]:
            rx.add((int(f[0].split("-")[0], 16), int(f[1], 16)))
    return pcs, rx


def main():
    pcs, rx = parse(sys.argv[1])
    mods = []
    for path in sys.argv[2:]:
        m = load(path)
        cands = sorted(a for a, size in rx if m["size"] <= size < m["size"] + 0x2000)
        if not cands:
            print("%s: no r-x mapping of 0x%x bytes in the log" % (path, m["size"]))
            return 2
        mods.append((cands[0], m))
    if not pcs:
        print("no Trace lines in the log")
        return 2

    def where(pc):
        for b, m in mods:
            if b <= pc < b + m["size"]:
                return b, m, word(m, pc - b)
        return 0, None, None

    nblr = checked = 0
    bad = {}
    for cpu in pcs.values():
        n, c = check_thread(cpu, where, bad)
        nblr += n
        checked += c
    for (path, start), blr in sorted(bad.items()):
        print("%s: function at 0x%x is DIRECT_ONLY, run in the callee frame of the BLR at 0x%x" %
              (path, start, blr))
    if bad:
        return 1
    print("%d BLRs, %d callee instructions checked" % (nblr, checked))
    return 0


def check_thread(pcs, where, bad):
    """The BLRs of one thread's instructions; bad collects the violations."""
    nblr = checked = 0
    for i in range(len(pcs) - 1):
        w = where(pcs[i])[2]
        if w is None or not is_blr(w):
            continue
        nblr += 1
        depth = 0
        for pc in itertools.islice(pcs, i + 1, i + 1 + MAX_STEPS):
            b, m, w = where(pc)
            if depth == 0 and m and m["starts"]:
                e = bisect.bisect_right(m["starts"], pc - b) - 1
                checked += 1
                if e >= 0 and m["flags"][e] & DIRECT:
                    bad.setdefault((m["path"], m["starts"][e]), pcs[i])
            if w is not None and is_call(w):
                depth += 1
            elif w is not None and is_ret(w):
                depth -= 1
                if depth < 0:
                    break
    return nblr, checked


if __name__ == "__main__":
    sys.exit(main())
