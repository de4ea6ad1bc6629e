// SPDX-License-Identifier: GPL-2.0-or-later
//
// A stripped Go PIE (-buildmode=pie): the functions of go_pclntab.s, with
// the table in .data.rel.ro.gopclntab, where Go's linker puts it in a PIE,
// and its textStart filled by an R_AARCH64_RELATIVE dynamic relocation (the
// word in the file is not relied on: fpv takes the relocation's addend when
// it does not point into an executable section: linked with
// --no-apply-dynamic-relocs, the file holds 0 there).  The same functions,
// findings and states as go_pclntab.o.
// build: aarch64-linux-gnu-as --defsym GO_PIE=1 -I "$(dirname $SRC)" -o go_pie.tmp.o $SRC && aarch64-linux-gnu-ld -s -pie --no-apply-dynamic-relocs --unique=.data.rel.ro.gopclntab -e 0 -o $OBJ go_pie.tmp.o
// fpv: check --stats
	.include "go_pclntab.s"
