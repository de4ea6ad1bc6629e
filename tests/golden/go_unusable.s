// SPDX-License-Identifier: GPL-2.0-or-later
//
// A Go binary whose .gopclntab fpv cannot use (Go 1.18's layout, but its
// textStart points at no executable section and no dynamic relocation gives
// it): the table is left out with a note naming the file and the cause, not
// the file; the code is read as if the table were absent, and --stats says
// why its functions stay unknown.  The file is linked without symbols.
// build: aarch64-linux-gnu-as -o go_unusable.tmp.o $SRC && aarch64-linux-gnu-ld -s -e 0x400000 -Ttext=0x400000 -o $OBJ go_unusable.tmp.o
// fpv: check --stats
	.text
	.rept	64
	add	x0, x0, #1
	.endr
	ret

	.section .gopclntab, "a"
	.word	0xfffffff0		// magic: Go 1.18
	.byte	0, 0, 4, 8
	.quad	0, 0		// nfunc, nfiles
	.quad	0x10		// textStart: no executable section
	.quad	0, 0, 0, 0, 0
