#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Generate bad frame tables for tests/badtables/run.sh.

tests/badinput covers malformed ELF files; this covers the tables inside
well-formed ones: DWARF CFI (.eh_frame, .debug_frame), SFrame and ORC
(.orc_unwind*, .fpv_orc).  Every case starts from a real file that run.sh
compiled (or wrote with fpv orc) in WORKDIR and changes one thing.  The
manifest WORKDIR/cases.txt has one line per case:

    NAME<TAB>COMMANDS<TAB>text the one error line must contain

COMMANDS is a comma-separated list of run.sh's command names; each must
fail on the case with exactly one line naming the file.

usage: gen.py WORKDIR
"""
import os
import struct
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'badinput'))
from gen import Elf  # noqa: E402  (the ELF editor the ELF cases use)

SH_OFFSET, SH_SIZE = 4, 5


def sec_off(e, name):
    return e.secs[e.sec(name)][SH_OFFSET]


def cfi_entries(e, name):
    """(offset in file, length, is_cie) of each entry of a CFI section."""
    base, size = sec_off(e, name), e.secs[e.sec(name)][SH_SIZE]
    eh = name == '.eh_frame'
    out, off = [], 0
    while off + 8 <= size:
        length, cid = struct.unpack_from('<II', e.b, base + off)
        if length == 0:
            break
        is_cie = cid == 0 if eh else cid == 0xffffffff
        out.append((base + off, length, is_cie))
        off += 4 + length
    return out


def first(e, name, cie):
    return next(x for x in cfi_entries(e, name) if x[2] == cie)


# ---- DWARF ---------------------------------------------------------------

def dwarf_cases():
    def cie_length(name):
        def f(e):
            off, _, _ = first(e, name, True)
            struct.pack_into('<I', e.b, off, e.secs[e.sec(name)][SH_SIZE] + 0x100)
        return f

    def fde_length(name):
        def f(e):
            off, _, _ = first(e, name, False)
            struct.pack_into('<I', e.b, off, 0x7ffffff0)
        return f

    def fde_short(name):
        def f(e):      # an FDE too short for its initial location and range
            off, _, _ = first(e, name, False)
            struct.pack_into('<I', e.b, off, 6)
        return f

    def cie_augmentation(e):
        off, _, _ = first(e, '.eh_frame', True)
        e.b[off + 9] = ord('Q')                          # "zR" -> "QR"

    def cie_augmentation_z(e):
        off, _, _ = first(e, '.eh_frame', True)
        e.b[off + 10] = ord('Q')                         # "zR" -> "zQ": no 'R', unknown letter

    def cie_version(name):
        def f(e):
            off, _, _ = first(e, name, True)
            e.b[off + 8] = 9
        return f

    def fde_cie_pointer(e):
        off, _, _ = first(e, '.eh_frame', False)
        struct.pack_into('<I', e.b, off + 4, 0x7ffffff0)

    def fde_register(e):    # DW_CFA_offset_extended r4000 in the first FDE
        off, length, _ = first(e, '.eh_frame', False)
        at = off + 4 + 4 + 4 + 4 + 1                     # length, CIE ptr, pc, range, aug len 0
        e.b[at:at + 4] = bytes([0x05, 0xa0, 0x1f, 0x01])  # DW_CFA_offset_extended 4000, 1

    xc = 'xcheck,orc-dwarf,explain'
    return [
        ('eh_frame-cie-length.o', 'eh.o', cie_length('.eh_frame'), xc, '.eh_frame'),
        ('eh_frame-fde-length.o', 'eh.o', fde_length('.eh_frame'), xc, '.eh_frame'),
        ('eh_frame-fde-too-short.o', 'eh.o', fde_short('.eh_frame'), xc, '.eh_frame'),
        ('eh_frame-cie-augmentation.o', 'eh.o', cie_augmentation, xc, '.eh_frame'),
        ('eh_frame-cie-augmentation-letter.o', 'eh.o', cie_augmentation_z, xc, '.eh_frame'),
        ('eh_frame-cie-version.o', 'eh.o', cie_version('.eh_frame'), xc, '.eh_frame'),
        ('eh_frame-fde-cie-pointer.o', 'eh.o', fde_cie_pointer, xc, '.eh_frame'),
        ('eh_frame-register-number.o', 'eh.o', fde_register, xc, 'DWARF register 4000'),
        ('debug_frame-cie-length.o', 'dbg.o', cie_length('.debug_frame'), xc, '.debug_frame'),
        ('debug_frame-fde-length.o', 'dbg.o', fde_length('.debug_frame'), xc, '.debug_frame'),
        ('debug_frame-cie-version.o', 'dbg.o', cie_version('.debug_frame'), xc, '.debug_frame'),
        # linked files: the ELF layer reads .eh_frame at open (function starts)
        ('eh_frame-cie-length-exe', 'exe', cie_length('.eh_frame'), xc + ',check', '.eh_frame'),
        ('eh_frame-fde-length-exe', 'exe', fde_length('.eh_frame'), xc + ',check', '.eh_frame'),
    ]


# ---- SFrame --------------------------------------------------------------
# v1 header: magic u16, version u8, flags u8, abi u8, fixed fp/ra i8, auxhdr
# u8, num_fdes, num_fres, fre_len, fdeoff, freoff u32; FDEs of 17 bytes:
# start i32, size u32, fre_off u32, num_fres u32, info u8.

def sframe_cases():
    def hdr(e):
        return sec_off(e, '.sframe')

    def fde(e, i):
        return hdr(e) + 28 + e.b[hdr(e) + 7] + struct.unpack_from('<I', e.b, hdr(e) + 20)[0] + 17 * i

    def unsorted(e):       # swap the first two FDEs; the header still says sorted
        a, b = fde(e, 0), fde(e, 1)
        e.b[a:a + 17], e.b[b:b + 17] = e.b[b:b + 17], e.b[a:a + 17]

    def fre_offset(e):
        struct.pack_into('<I', e.b, fde(e, 0) + 8, 0x10000)

    def fre_count(e):
        struct.pack_into('<I', e.b, fde(e, 0) + 12, 0x1000000)

    def fde_count(e):
        struct.pack_into('<I', e.b, hdr(e) + 8, 0x1000000)

    def fre_start(e):      # the first row of the first FDE starts past its function
        fo = hdr(e) + 28 + e.b[hdr(e) + 7] + struct.unpack_from('<I', e.b, hdr(e) + 24)[0]
        off = fo + struct.unpack_from('<I', e.b, fde(e, 0) + 8)[0]
        size = struct.unpack_from('<I', e.b, fde(e, 0) + 4)[0]
        e.b[off] = min(size, 255)                     # FRE type ADDR1 in GCC's small functions

    def freoff(e):
        struct.pack_into('<I', e.b, hdr(e) + 24, 0x40)

    def magic(e):
        struct.pack_into('<H', e.b, hdr(e), 0xdee3)

    xs = 'xcheck,orc-sframe'
    return [
        ('sframe-unsorted-fdes', 'sfexe', unsorted, xs, 'not sorted'),
        ('sframe-fre-offset.o', 'sf.o', fre_offset, xs, '.sframe'),
        ('sframe-fre-count.o', 'sf.o', fre_count, xs, '.sframe'),
        ('sframe-fde-count.o', 'sf.o', fde_count, xs, '.sframe'),
        ('sframe-fre-start-outside.o', 'sf.o', fre_start, xs, '.sframe'),
        ('sframe-freoff.o', 'sf.o', freoff, xs, '.sframe'),
        ('sframe-bad-magic.o', 'sf.o', magic, xs, '.sframe'),
        ('sframe-fre-offset-exe', 'sfexe', fre_offset, xs, '.sframe'),
    ]


# ---- ORC -----------------------------------------------------------------

def orc_cases():
    def shrink(name, by):
        def f(e):
            i = e.sec(name)
            e.set_shdr(i, SH_SIZE, e.secs[i][SH_SIZE] - by)
        return f

    def header_hash(e):
        off = sec_off(e, '.orc_header')
        e.b[off + 8] ^= 1

    def blob(field_off, value, fmt='<I'):
        def f(e):
            struct.pack_into(fmt, e.b, sec_off(e, '.fpv_orc') + field_off, value)
        return f

    d = 'dump,dump-expand'
    return [
        ('orc-unwind-size.o', 'orc.o', shrink('.orc_unwind', 8), d, 'size does not match'),
        ('orc-ip-size-linked', 'orclinked', shrink('.orc_unwind_ip', 2), d, 'size does not match'),
        ('orc-header-size.o', 'orc.o', shrink('.orc_header', 8), d, 'table truncated'),
        ('orc-header-hash.o', 'orc.o', header_hash, d, 'hash mismatch'),
        ('orc-unwind-size-linked', 'orclinked', shrink('.orc_unwind', 16), d, 'size does not match'),
        ('orc-blob-size', 'orcexe', blob(28, 0x100000), d, 'table truncated'),
        ('orc-blob-count', 'orcexe', blob(24, 0x100000), d, 'table truncated'),
        ('orc-blob-truncated', 'orcexe', shrink('.fpv_orc', 8), d, 'table truncated'),
        ('orc-blob-compact-blocks', 'orcexec', blob(32 + 8, 0x10000), d, 'ORC table corrupt'),
        ('orc-blob-compact-stream', 'orcexec', blob(32 + 12, 0x100000), d, 'table truncated'),
    ]


def main():
    w = sys.argv[1]
    cases = os.path.join(w, 'cases')
    os.makedirs(cases, exist_ok=True)
    with open(os.path.join(w, 'cases.txt'), 'w') as manifest:
        for name, src, mutate, cmds, want in dwarf_cases() + sframe_cases() + orc_cases():
            path = os.path.join(w, src)
            if not os.path.exists(path):
                continue
            e = Elf(path)
            mutate(e)
            with open(os.path.join(cases, name), 'wb') as f:
                f.write(e.b)
            manifest.write('%s\t%s\t%s\n' % (name, cmds, want))


if __name__ == '__main__':
    main()
