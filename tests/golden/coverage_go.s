// SPDX-License-Identifier: GPL-2.0-or-later
//
// A relocatable object with a .gopclntab section is Go, whose functions are
// listed there, not in the symbol table or .eh_frame; fpv reads the table
// only in linked files (go_pclntab.s), so code outside every function fpv
// knows is reported as a language runtime's.  The file is analysed
// below 90%, so even the 8 words after go_small get their line.
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

	.section .text.small, "ax", %progbits
	.globl	go_small
	.type	go_small, %function
go_small:
	ret
	.size	go_small, .-go_small
	.rept	8
	add	x0, x0, #3
	.endr

	.section .gopclntab, "a"
	.word	0xfffffff1
