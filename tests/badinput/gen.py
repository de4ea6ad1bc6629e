#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Generate the bad ELF inputs for tests/badinput/run.sh.

Every case starts from a real file compiled by run.sh in WORKDIR (base.o,
base, base-stripped.so) and changes one thing: a header field, a section
header, a symbol, a relocation, a string table byte, the .eh_frame, a Go
function table (.gopclntab, from the golden fixture go_pclntab.s) or a
compressed .debug_frame (from debug_frame_z.s).  Files
that are bad as compiled (x86-64, 32-bit ARM, big-endian AArch64, data only)
come from the compilers directly.  The script writes WORKDIR/cases/NAME and a
manifest WORKDIR/cases.txt of "NAME<TAB>text the error line must contain", or
"NAME<TAB>text<TAB>note" for a part fpv leaves out with a note and reads the
file without (a Go function table it cannot use): the file is no error.

usage: gen.py WORKDIR
"""
import os
import struct
import sys

EHDR = struct.Struct('<16sHHIQQQIHHHHHH')
SHDR = struct.Struct('<IIQQQQIIQQ')
PHDR = struct.Struct('<IIQQQQQQ')
SYM = struct.Struct('<IBBHQQ')
RELA = struct.Struct('<QQq')


class Elf:
    """A little-endian ELF64 image with just enough parsing to corrupt it."""

    def __init__(self, path):
        with open(path, 'rb') as f:
            self.b = bytearray(f.read())
        h = EHDR.unpack_from(self.b, 0)
        self.shoff, self.shnum, self.shstrndx = h[6], h[12], h[13]
        self.phoff, self.phnum = h[5], h[10]
        self.secs = [list(SHDR.unpack_from(self.b, self.shoff + i * 64))
                     for i in range(self.shnum)]
        names = self.secs[self.shstrndx]
        self.names = [self.cstr(names[4] + s[0]) for s in self.secs]

    def cstr(self, off):
        return self.b[off:self.b.index(b'\0', off)].decode()

    def sec(self, name):
        return self.names.index(name)

    def set_ehdr(self, field, value):
        h = list(EHDR.unpack_from(self.b, 0))
        h[field] = value
        EHDR.pack_into(self.b, 0, *h)

    def set_shdr(self, idx, field, value):
        s = self.secs[idx]
        s[field] = value
        SHDR.pack_into(self.b, self.shoff + idx * 64, *s)

    def set_phdr(self, idx, field, value):
        p = list(PHDR.unpack_from(self.b, self.phoff + idx * 56))
        p[field] = value
        PHDR.pack_into(self.b, self.phoff + idx * 56, *p)

    def symbol(self, name):
        """Offset in the image of the .symtab entry called name."""
        st = self.secs[self.sec('.symtab')]
        strtab = self.secs[st[6]]
        for off in range(st[4], st[4] + st[5], 24):
            s = SYM.unpack_from(self.b, off)
            if self.cstr(strtab[4] + s[0]) == name:
                return off
        raise KeyError(name)

    def set_sym(self, name, field, value):
        off = self.symbol(name)
        s = list(SYM.unpack_from(self.b, off))
        s[field] = value
        SYM.pack_into(self.b, off, *s)

    def set_rela(self, secname, idx, field, value):
        off = self.secs[self.sec(secname)][4] + idx * 24
        r = list(RELA.unpack_from(self.b, off))
        r[field] = value
        RELA.pack_into(self.b, off, *r)


# ELF header fields (EHDR) and section header fields (SHDR).
E_TYPE, E_MACHINE, E_PHOFF, E_SHOFF = 1, 2, 5, 6
E_PHNUM, E_SHENTSIZE, E_SHNUM, E_SHSTRNDX = 10, 11, 12, 13
SH_NAME, SH_TYPE, SH_OFFSET, SH_SIZE, SH_LINK, SH_INFO, SH_ENTSIZE = 0, 1, 4, 5, 6, 7, 9
ST_NAME, ST_SHNDX, ST_SIZE = 0, 3, 5
R_OFFSET, R_INFO = 0, 1


def obj_cases(w):
    """Cases made from the relocatable object base.o: name -> (mutator, expected)."""
    def text_off(e):
        e.set_shdr(e.sec('.text'), SH_OFFSET, len(e.b) + 0x1000)

    def text_size(e):
        e.set_shdr(e.sec('.text'), SH_SIZE, 1 << 40)

    def shoff(e):
        e.set_ehdr(E_SHOFF, len(e.b) + 64)

    def shnum(e):
        e.set_ehdr(E_SHNUM, 0xfeff)

    def symtab_count(e):
        e.set_shdr(e.sec('.symtab'), SH_SIZE, 24 * 10000000)

    def rela_count(e):
        e.set_shdr(e.sec('.rela.text'), SH_SIZE, 24 * 100000000)

    def sym_shndx(e):
        e.set_sym('leaf', ST_SHNDX, 0x7000)

    def sym_size(e):
        e.set_sym('caller', ST_SIZE, e.secs[e.sec('.text')][SH_SIZE] + 64)

    def sym_name(e):
        e.set_sym('leaf', ST_NAME, 0x7fffffff)

    def rel_offset(e):
        e.set_rela('.rela.text', 0, R_OFFSET, e.secs[e.sec('.text')][SH_SIZE] + 16)

    def rel_sym(e):
        r = RELA.unpack_from(e.b, e.secs[e.sec('.rela.text')][4])
        e.set_rela('.rela.text', 0, R_INFO, (0xffffff << 32) | (r[1] & 0xffffffff))

    def rela_entsize(e):
        e.set_shdr(e.sec('.rela.text'), SH_ENTSIZE, 16)

    def rela_link(e):
        e.set_shdr(e.sec('.rela.text'), SH_LINK, 999)

    def rela_info(e):
        e.set_shdr(e.sec('.rela.text'), SH_INFO, 999)

    def sec_name(e):
        e.set_shdr(e.sec('.text'), SH_NAME, 0x7fffffff)

    def strtab_nul(e):
        s = e.secs[e.sec('.strtab')]
        e.b[s[4] + s[5] - 1] = ord('A')

    def shentsize(e):
        e.set_ehdr(E_SHENTSIZE, 32)

    def shstrndx(e):
        e.set_ehdr(E_SHSTRNDX, e.shnum + 5)

    def core(e):
        e.set_ehdr(E_TYPE, 4)

    def symtab_entsize(e):
        e.set_shdr(e.sec('.symtab'), SH_ENTSIZE, 0)

    def symtab_link(e):
        e.set_shdr(e.sec('.symtab'), SH_LINK, e.sec('.text'))

    def shndx_table(e):     # found by the fuzzer: libelf overran it on write
        e.set_shdr(e.sec('.rela.text'), SH_TYPE, 18)     # SHT_SYMTAB_SHNDX

    def array_size(e):
        e.set_shdr(e.sec('.rela.text'), SH_TYPE, 14)     # SHT_INIT_ARRAY, 96 -> 95 bytes
        e.set_shdr(e.sec('.rela.text'), SH_SIZE, e.secs[e.sec('.rela.text')][SH_SIZE] - 1)

    return {
        'section-offset-past-end': (text_off, 'past the end of the file'),
        'section-size-past-end': (text_size, 'past the end of the file'),
        'shoff-past-end': (shoff, 'past the end of the file'),
        'huge-section-count': (shnum, 'past the end of the file'),
        'huge-symbol-count': (symtab_count, 'past the end of the file'),
        'huge-relocation-count': (rela_count, 'past the end of the file'),
        'symbol-section-index': (sym_shndx, 'section index 28672 out of range'),
        'symbol-size-past-section': (sym_size, 'runs past the end of section .text'),
        'symbol-name-offset': (sym_name, 'name offset 0x7fffffff outside'),
        'reloc-offset-outside-section': (rel_offset, 'outside section .text'),
        'reloc-symbol-index': (rel_sym, 'symbol index 16777215 out of range'),
        'rela-entsize': (rela_entsize, 'bad entry size 16'),
        'sh_link-out-of-range': (rela_link, 'sh_link 999 out of range'),
        'sh_info-out-of-range': (rela_info, 'sh_info 999 out of range'),
        'section-name-offset': (sec_name, 'outside the section name table'),
        'strtab-not-terminated': (strtab_nul, 'not NUL-terminated'),
        'bad-shentsize': (shentsize, 'bad section header entry size 32'),
        'shstrndx-out-of-range': (shstrndx, 'section name table'),
        'core-file': (core, 'unsupported ELF type 4'),
        'symtab-entsize': (symtab_entsize, 'bad entry size 0'),
        'symtab-link-not-strtab': (symtab_link, 'is not a string table'),
        'symtab_shndx-bad': (shndx_table, 'extended section index table'),
        'array-partial-entry': (array_size, 'is not a multiple of its 8-byte entries'),
    }


def group_cases(w):
    """Cases made from group.o, an object with a COMDAT section group."""
    def member(e):
        s = e.secs[e.sec('.group')]
        struct.pack_into('<I', e.b, s[4] + 4, 0x12345)

    def signature(e):
        e.set_shdr(e.sec('.group'), SH_INFO, 5000)

    return {
        'group-member-out-of-range': (member, 'member section index 74565 out of range'),
        'group-signature-out-of-range': (signature, 'signature symbol 5000'),
    }


def exe_cases(w):
    """Cases made from the linked executable base."""
    def seg_off(e):
        e.set_phdr(0, 2, len(e.b) + 0x10000)      # p_offset

    def seg_size(e):
        e.set_phdr(1, 5, 1 << 40)                 # p_filesz

    def phnum(e):
        e.set_ehdr(E_PHNUM, 0xfffe)

    def phoff(e):
        e.set_ehdr(E_PHOFF, len(e.b) - 8)

    def sym_value(e):
        e.set_sym('caller', 4, 0x7fff0000)        # st_value outside .text, sized

    return {
        'segment-offset-past-end': (seg_off, 'segment 0: offset'),
        'segment-size-past-end': (seg_size, 'segment 1: offset'),
        'huge-segment-count': (phnum, 'program headers'),
        'phoff-past-end': (phoff, 'program headers'),
        'exe-symbol-outside-section': (sym_value, 'outside section .text'),
    }


def so_cases(w):
    """Cases made from the stripped shared library (function starts from .eh_frame)."""
    def cie_length(e):
        s = e.secs[e.sec('.eh_frame')]
        struct.pack_into('<I', e.b, s[4], s[5] + 0x100)   # first CIE's length

    def fde_cie_pointer(e):
        s = e.secs[e.sec('.eh_frame')]
        off = s[4]
        off += 4 + struct.unpack_from('<I', e.b, off)[0]  # the first FDE
        struct.pack_into('<I', e.b, off + 4, 0x7ffffff0)  # CIE pointer far away

    def cie_augmentation(e):
        s = e.secs[e.sec('.eh_frame')]
        aug = s[4] + 9                                    # length, id, version
        e.b[aug] = ord('Q')                               # "zR" -> "QR"

    return {
        'eh_frame-cie-length': (cie_length, '.eh_frame'),
        'eh_frame-fde-cie-pointer': (fde_cie_pointer, '.eh_frame'),
        'eh_frame-bad-augmentation': (cie_augmentation, '.eh_frame'),
    }


def go_cases(w):
    """Cases made from the stripped Go file (functions from .gopclntab, Go 1.18 layout)."""
    def table(e):
        s = e.secs[e.sec('.gopclntab')]
        return s[4], struct.unpack_from('<Q', e.b, s[4] + 64)[0]  # offset, pclnOffset

    def truncated(e):
        e.set_shdr(e.sec('.gopclntab'), 5, 40)            # sh_size: half a header

    def nfunc(e):
        off, _ = table(e)
        struct.pack_into('<Q', e.b, off + 8, 1 << 40)      # nfunc

    def entry_order(e):
        off, pcln = table(e)
        struct.pack_into('<I', e.b, off + pcln, 0x1000)    # first entry after the second

    def funcoff(e):
        off, pcln = table(e)
        struct.pack_into('<I', e.b, off + pcln + 4, 0x7ffffff0)   # first _func far away

    def nameoff(e):
        off, pcln = table(e)
        rec = struct.unpack_from('<I', e.b, off + pcln + 4)[0]
        struct.pack_into('<I', e.b, off + pcln + rec + 4, 0x7ffffff0)  # its name

    # Not errors: the table is left out with a note, the file is read
    # (see note_cases in main()).
    return {
        'gopclntab-truncated': (truncated, '.gopclntab: header truncated'),
        'gopclntab-nfunc': (nfunc, 'do not fit in the section'),
        'gopclntab-entry-order': (entry_order, 'before its start'),
        'gopclntab-funcoff': (funcoff, 'its record at'),
        'gopclntab-nameoff': (nameoff, 'its name at'),
    }


def zdebug_cases(w):
    """Cases made from a file with a compressed .debug_frame (golden debug_frame_z.s)."""
    def stream(e):
        s = e.secs[e.sec('.debug_frame')]
        e.b[s[4] + 24:s[4] + s[5]] = b'\xff' * (s[5] - 24)    # after the header: no zlib

    def size(e):
        s = e.secs[e.sec('.debug_frame')]
        struct.pack_into('<Q', e.b, s[4] + 8, 1 << 40)          # ch_size: 1 TiB

    # Not errors: the section is left out with a note (see main()).
    return {
        'debug-frame-zlib-stream': (stream, 'section .debug_frame: cannot decompress it'),
        'debug-frame-zlib-size': (size, 'section .debug_frame: cannot decompress it (too large)'),
    }


def raw_cases(w, base):
    """Cases that are byte slices or other files, not field edits."""
    size = len(base)
    return {
        'empty': (b'', 'not an ELF file'),
        'not-elf': (b'#!/bin/sh\necho this is a shell script\n', 'not an ELF file'),
        'truncated-ident': (base[:10], 'truncated ELF header'),
        'truncated-header': (base[:40], 'truncated ELF header'),
        'truncated-half': (base[:size // 2], 'past the end of the file'),
        'truncated-last-byte': (base[:size - 1], 'past the end of the file'),
    }


def main():
    w = sys.argv[1]
    cases = os.path.join(w, 'cases')
    os.makedirs(cases, exist_ok=True)
    manifest = []
    with open(os.path.join(w, 'base.o'), 'rb') as f:
        base = f.read()
    for name, (data, want) in raw_cases(w, base).items():
        with open(os.path.join(cases, name), 'wb') as f:
            f.write(data)
        manifest.append((name, want))
    for src, table in (('base.o', obj_cases), ('group.o', group_cases), ('base', exe_cases),
                       ('base-stripped.so', so_cases), ('go', go_cases),
                       ('zdebug', zdebug_cases)):
        for name, (mutate, want) in table(w).items():
            e = Elf(os.path.join(w, src))
            mutate(e)
            with open(os.path.join(cases, name), 'wb') as f:
                f.write(e.b)
            manifest.append((name, want + ('\tnote' if src in ('go', 'zdebug') else '')))
    # Bad as compiled: copied in by run.sh, listed here with their messages.
    for name, want in (('x86-64.o', 'wrong machine: x86-64'),
                       ('arm32.o', 'wrong machine: 32-bit ARM'),
                       ('aarch64-big-endian.o', 'big-endian AArch64'),
                       ('data-only.o', 'no executable section')):
        if os.path.exists(os.path.join(cases, name)):
            manifest.append((name, want))
    with open(os.path.join(w, 'cases.txt'), 'w') as f:
        for name, want in manifest:
            f.write('%s\t%s\n' % (name, want))


if __name__ == '__main__':
    main()
