// SPDX-License-Identifier: GPL-2.0-or-later
//
// A file with a .gopclntab section is Go: its functions are listed there,
// not in the symbol table or .eh_frame, so code outside every function
// fpv knows is reported as a language runtime's.
// build: aarch64-linux-gnu-as -o $OBJ $SRC
// fpv: check --stats
	.text
	.p2align 2
	.globl	go_known
	.type	go_known, %function
go_known:
	ret
	.size	go_known, .-go_known
	.rept	64
	add	x0, x0, #1
	.endr

	.section .gopclntab, "a"
	.word	0xfffffff1
