#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Turn a kernel module's relocations against a placeholder symbol into
livepatch relocations (Documentation/livepatch/module-elf-format.rst), as
klp-convert or kpatch-build would:

  klp-relocs.py IN.ko OUT.ko --section .rela.X=.klp.rela.OBJ..X \\
                             --symbol PLACEHOLDER=.klp.sym.OBJ.NAME,POS

The relocation section is renamed and flagged SHF_RELA_LIVEPATCH | SHF_ALLOC
(its entries must stay in memory after loading: livepatch applies them when
the object it patches is loaded, later); the placeholder symbol is renamed
and given the section index SHN_LIVEPATCH.  The placeholder is defined in
the module (so that modpost accepts it), and the assembler may have
written the relocations against its section: those are pointed back at
the placeholder.  New names go into copies of
.shstrtab and .strtab appended to the file, so nothing else moves.  fpv's
kernel check uses it for a livepatch module whose relocations can only be
applied once its text is read-only (samples/fpv/fpv_klp_late.c).
"""
import argparse
import os
import struct
import sys

SHF_ALLOC = 0x2
SHF_RELA_LIVEPATCH = 0x00100000
SHN_LIVEPATCH = 0xff20
SHT_SYMTAB = 2
SHT_RELA = 4


def fail(msg):
    sys.exit(f"fpv: klp-relocs.py: {msg}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("input")
    ap.add_argument("output")
    ap.add_argument("--section", action="append", default=[], required=True)
    ap.add_argument("--symbol", action="append", default=[], required=True)
    a = ap.parse_args()
    try:
        data = bytearray(open(a.input, "rb").read())
    except OSError as e:
        fail(f"{a.input}: {e.strerror}")
    if data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
        fail(f"{a.input}: not a 64-bit little-endian ELF file")
    shoff, = struct.unpack_from("<Q", data, 0x28)
    shentsize, shnum, shstrndx = struct.unpack_from("<HHH", data, 0x3a)

    def shdr(i):
        return list(struct.unpack_from("<IIQQQQIIQQ", data, shoff + i * shentsize))

    def put_shdr(i, h):
        struct.pack_into("<IIQQQQIIQQ", data, shoff + i * shentsize, *h)

    def cstr(off):
        return bytes(data[off:data.index(b"\0", off)]).decode()

    def append_table(index, names):
        """Copy string table INDEX to the end of the file with NAMES added;
        return the offset of each new name."""
        h = shdr(index)
        table = bytearray(data[h[4]:h[4] + h[5]])
        offs = {}
        for n in names:
            offs[n] = len(table)
            table += n.encode() + b"\0"
        h[4] = len(data)
        h[5] = len(table)
        data.extend(table)
        put_shdr(index, h)
        return offs

    shstr = shdr(shstrndx)[4]
    secs = {cstr(shstr + shdr(i)[0]): i for i in range(shnum)}
    renames = dict(s.split("=", 1) for s in a.section)
    for old in renames:
        if old not in secs or shdr(secs[old])[1] != SHT_RELA:
            fail(f"{a.input}: no relocation section {old}")
    new_off = append_table(shstrndx, renames.values())
    for old, new in renames.items():
        h = shdr(secs[old])
        h[0] = new_off[new]
        h[2] |= SHF_RELA_LIVEPATCH | SHF_ALLOC
        put_shdr(secs[old], h)

    symtab = next((i for i in range(shnum) if shdr(i)[1] == SHT_SYMTAB), None)
    if symtab is None:
        fail(f"{a.input}: no symbol table")
    sh = shdr(symtab)
    strtab = shdr(sh[6])[4]
    syms = dict(s.split("=", 1) for s in a.symbol)
    found = {}
    for k in range(sh[5] // 24):
        off = sh[4] + k * 24
        name = cstr(strtab + struct.unpack_from("<I", data, off)[0])
        if name in syms:
            found[name] = off
    missing = set(syms) - set(found)
    if missing:
        fail(f"{a.input}: no symbol {', '.join(sorted(missing))}")
    # (section index, value) of each placeholder -> its symbol index
    where = {}
    for off in found.values():
        shndx, = struct.unpack_from("<H", data, off + 6)
        value, = struct.unpack_from("<Q", data, off + 8)
        where[(shndx, value)] = (off - sh[4]) // 24
    for old in renames:
        h = shdr(secs[old])
        for r in range(h[4], h[4] + h[5], 24):
            info, addend = struct.unpack_from("<Qq", data, r + 8)
            soff = sh[4] + (info >> 32) * 24
            st_info = data[soff + 4]
            shndx, = struct.unpack_from("<H", data, soff + 6)
            if st_info & 0xf == 3 and (shndx, addend) in where:    # STT_SECTION
                info = (where[(shndx, addend)] << 32) | (info & 0xffffffff)
                struct.pack_into("<Qq", data, r + 8, info, 0)
    new_off = append_table(sh[6], syms.values())
    for old, off in found.items():
        struct.pack_into("<I", data, off, new_off[syms[old]])
        struct.pack_into("<H", data, off + 6, SHN_LIVEPATCH)
    tmp = a.output + ".tmp"
    with open(tmp, "wb") as f:
        f.write(data)
    os.replace(tmp, a.output)


if __name__ == "__main__":
    main()
