// SPDX-License-Identifier: GPL-2.0-or-later
//
// Jump tables in the shapes GCC 12 and Clang 14/16 emit at -O2, found
// through the relocations on adrp/add (R_AARCH64_ADR_PREL_PG_HI21,
// R_AARCH64_ADD_ABS_LO12_NC) and bounded by the cmp before b.hi/b.ls.
// Every case must be reached with the frame state of the br.  "// s:" is
// the hand-derived state before each instruction.
// build: aarch64-linux-gnu-as -o $OBJ $SRC
// fpv: check --werror
	.text
	.p2align 2

// GCC: signed byte entries relative to an adr anchor after the br.
	.globl	gcc_switch
	.type	gcc_switch, %function
gcc_switch:
	cmp	w0, #3			// s: cfa:sp+0
	b.hi	.Ldef			// s: cfa:sp+0
	stp	x29, x30, [sp, #-16]!	// s: cfa:sp+0
	adrp	x1, .Ltab1		// s: cfa:sp+16 fp:cfa-16 ra:cfa-8
	add	x1, x1, :lo12:.Ltab1	// s: cfa:sp+16 fp:cfa-16 ra:cfa-8
	mov	x29, sp			// s: cfa:sp+16 fp:cfa-16 ra:cfa-8
	ldrb	w1, [x1, w0, uxtw]	// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	adr	x0, .Lanchor1		// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	add	x1, x0, w1, sxtb #2	// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	br	x1			// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
.Lanchor1:
.Lc0:	mov	w0, #7			// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	b	.Lcall			// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
.Lc1:	mov	w0, #9			// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	b	.Lcall			// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
.Lc2:	mov	w0, #11			// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
.Lcall:	bl	g			// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	ldp	x29, x30, [sp], #16	// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	ret				// s: cfa:sp+0
.Lc3:	ldp	x29, x30, [sp], #16	// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	b	h			// s: cfa:sp+0
.Ldef:	mov	w0, #0			// s: cfa:sp+0
	ret				// s: cfa:sp+0
	.size	gcc_switch, .-gcc_switch

// Clang: unsigned halfword entries, anchor adr before the load, the table
// register reused for the anchor.
	.globl	clang_switch
	.type	clang_switch, %function
clang_switch:
	stp	x29, x30, [sp, #-16]!	// s: cfa:sp+0
	mov	x29, sp			// s: cfa:sp+16 fp:cfa-16 ra:cfa-8
	cmp	w0, #2			// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	b.hi	.Lcdef			// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	adrp	x9, .Ltab2		// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	mov	w8, w0			// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	add	x9, x9, :lo12:.Ltab2	// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	ldrh	w11, [x9, x8, lsl #1]	// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	adr	x9, .Lanchor2		// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	add	x9, x9, x11, lsl #2	// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	br	x9			// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
.Lanchor2:
.Ld0:	bl	g			// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	b	.Lcdef			// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
.Ld1:	bl	h			// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	b	.Lcdef			// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
.Ld2:	mov	w0, #1			// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
.Lcdef:	ldp	x29, x30, [sp], #16	// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	ret				// s: cfa:sp+0
	.size	clang_switch, .-clang_switch

	.section .rodata
	.p2align 2
	.byte	0x55			// something before the tables
.Ltab1:
	.byte	(.Lc0 - .Lanchor1) / 4
	.byte	(.Lc1 - .Lanchor1) / 4
	.byte	(.Lc2 - .Lanchor1) / 4
	.byte	(.Lc3 - .Lanchor1) / 4
	.p2align 1
.Ltab2:
	.hword	(.Ld0 - .Lanchor2) / 4
	.hword	(.Ld1 - .Lanchor2) / 4
	.hword	(.Ld2 - .Lanchor2) / 4
