// SPDX-License-Identifier: GPL-2.0-or-later
//
// fpv disasm on hand-written code: prologues and epilogues in the GCC and
// Clang shapes, PAC and BTI, every branch class, SP moved by register, by
// SVE vector length and by alignment, and a literal pool marked $d inside a
// function (printed as .word, not decoded).
// build: aarch64-linux-gnu-as -march=armv8.5-a+sve -o $OBJ $SRC
// fpv: disasm
// fpv: disasm --function leaf
// fpv: disasm --function nosuch
	.text
	.p2align 2

	.globl	framed
	.type	framed, %function
framed:
	paciasp
	stp	x29, x30, [sp, #-48]!
	mov	x29, sp
	stp	x19, x20, [sp, #16]
	str	d8, [sp, #32]
	mov	x16, #0x1010
	sub	sp, sp, x16
	addvl	sp, sp, #-2
	cbz	x0, 1f
	bl	leaf
	blr	x1
1:	add	sp, x29, #0
	ldr	d8, [sp, #32]
	ldp	x19, x20, [sp, #16]
	ldp	x29, x30, [sp], #48
	autiasp
	ret
	.size	framed, .-framed

	.globl	leaf
	.type	leaf, %function
leaf:
	bti	c
	ldr	w1, 2f
	tbnz	w0, #3, 3f
	b.ne	framed
	br	x17
3:	retaa
	.p2align 2
2:	.word	0x12345678
	.size	leaf, .-leaf

	.globl	odd
	.type	odd, %function
odd:
	mov	x9, sp
	and	sp, x9, #-64
	str	x30, [sp, #-16]!
	ldr	x30, [sp], #16
	mov	sp, x9
	brk	#0x800
	udf	#0
	b	odd
	.size	odd, .-odd
