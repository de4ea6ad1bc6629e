// SPDX-License-Identifier: GPL-2.0-or-later
//
// Labels that mark the end of a module's code, not a function: OCaml's
// camlFoo__code_begin/camlFoo__code_end around each module, the end label
// followed only by the alignment padding before the next module (NOPs) or
// by a zero word.  A label whose range holds only padding is not a
// function, so neither "falls through" from the padding nor "undecodable
// instruction word 0x00000000" is reported; the begin label is an alias of
// the module's first function.  GNU ld's erratum-843419 stubs land after the
// last input section, so inside the range of a last end label: a B over the
// stubs to the label's end, then "ldr ; b back" per stub.  Such a label is
// no function either, and the function that branches to a stub continues
// through it with its frame live, instead of "tail call to
// camlBaz__code_end with SP not restored".
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
	.globl	camlBaz__code_begin
camlBaz__code_begin:
	.globl	camlBaz__h_300
	.type	camlBaz__h_300, %function
camlBaz__h_300:
	stp	x29, x30, [sp, #-16]!
	mov	x29, sp
	cmp	x0, x1
	b.hs	.Lstub
.Lback:
	bl	camlFoo__f_100
	ldp	x29, x30, [sp], #16
	ret
	.size	camlBaz__h_300, .-camlBaz__h_300
	.globl	camlBaz__code_end
camlBaz__code_end:
	nop
	b	.Lover
	nop
.Lstub:
	ldr	x2, [x0, #8]
	b	.Lback
	.word 0
	.word 0
.Lover:
	.globl	camlQux__g_400
	.type	camlQux__g_400, %function
camlQux__g_400:
	ret
	.size	camlQux__g_400, .-camlQux__g_400
