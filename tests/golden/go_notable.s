// SPDX-License-Identifier: GPL-2.0-or-later
//
// A file Go's linker marked (.note.go.buildid) with no function table fpv
// can find: no .gopclntab section, and the only pcHeader-like words in its
// data fail the table's checks (a text start in no executable section).
// Its code stays unknown, --stats says why, and nothing is an error.
// build: aarch64-linux-gnu-as -o go_notable.tmp.o $SRC && aarch64-linux-gnu-ld -s -e 0 -o $OBJ go_notable.tmp.o
// fpv: check --stats
	.text
	.rept	64
	add	x0, x0, #1
	.endr
	ret

	.section .rodata, "a"
	.p2align 3
	.word	0xfffffff0
	.byte	0, 0, 4, 8
	.quad	0, 0, 0x10, 0, 0, 0, 0, 0

	.section .note.go.buildid, "a", %note
	.p2align 2
	.word	4, 4, 4
	.ascii	"Go\0\0"
	.ascii	"abcd"
