// SPDX-License-Identifier: GPL-2.0-or-later
//
// A Go binary whose .gopclntab has a layout fpv does not read (Go 1.2 to
// 1.15, magic 0xfffffffb): its functions stay unknown, and --stats says
// why, with the magic.  The file is linked without symbols.
// build: aarch64-linux-gnu-as -o go_layout.tmp.o $SRC && aarch64-linux-gnu-ld -s -e 0x400000 -Ttext=0x400000 -o $OBJ go_layout.tmp.o
// fpv: check --stats
	.text
	.rept	64
	add	x0, x0, #1
	.endr
	ret

	.section .gopclntab, "a"
	.word	0xfffffffb
	.byte	0, 0, 4, 8
	.quad	0
