// SPDX-License-Identifier: GPL-2.0-or-later
//
// Labels that mark the end of a module's code, not a function: OCaml's
// camlFoo__code_begin/camlFoo__code_end around each module, the end label
// followed only by the alignment padding before the next module (NOPs) or
// by a zero word.  A label whose range holds only padding is not a
// function, so neither "falls through" from the padding nor "undecodable
// instruction word 0x00000000" is reported; the begin label is an alias of
// the module's first function.
// build: aarch64-linux-gnu-as -o $OBJ $SRC
// fpv: check
	.text
	.globl	camlFoo__code_begin
camlFoo__code_begin:
	.globl	camlFoo__f_100
	.type	camlFoo__f_100, %function
camlFoo__f_100:
	add	x0, x0, #1
	ret
	.size	camlFoo__f_100, .-camlFoo__f_100
	.globl	camlFoo__code_end
camlFoo__code_end:
	.p2align 5
	.globl	camlBar__code_begin
camlBar__code_begin:
	.globl	camlBar__g_200
	.type	camlBar__g_200, %function
camlBar__g_200:
	ret
	.size	camlBar__g_200, .-camlBar__g_200
	.globl	camlBar__code_end
camlBar__code_end:
	.word 0
