// SPDX-License-Identifier: GPL-2.0-or-later
//
// Return-address signing (PAC) and BTI landing pads, as GCC and Clang emit
// them with -mbranch-protection=standard.  "// s:" is the hand-derived state
// before each instruction.  bad_* trigger "return with x30 still signed".
// build: aarch64-linux-gnu-as -march=armv8.5-a -o $OBJ $SRC
// fpv: check
	.text
	.p2align 2

// bti c; paciasp ... autiasp; ret
	.globl	pac_frame
	.type	pac_frame, %function
pac_frame:
	bti	c			// s: cfa:sp+0
	paciasp				// s: cfa:sp+0
	stp	x29, x30, [sp, #-16]!	// s: cfa:sp+0 pac
	mov	x29, sp			// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 pac
	bl	g			// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec pac
	ldp	x29, x30, [sp], #16	// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec pac
	autiasp				// s: cfa:sp+0 pac
	ret				// s: cfa:sp+0
	.size	pac_frame, .-pac_frame

// The combined form: retaa authenticates and returns.
	.globl	pac_retaa
	.type	pac_retaa, %function
pac_retaa:
	paciasp				// s: cfa:sp+0
	stp	x29, x30, [sp, #-16]!	// s: cfa:sp+0 pac
	mov	x29, sp			// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 pac
	bl	g			// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec pac
	ldp	x29, x30, [sp], #16	// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec pac
	retaa				// s: cfa:sp+0 pac
	.size	pac_retaa, .-pac_retaa

// B-key, and a leaf that signs nothing.
	.globl	pac_bkey
	.type	pac_bkey, %function
pac_bkey:
	pacibsp				// s: cfa:sp+0
	stp	x29, x30, [sp, #-32]!	// s: cfa:sp+0 pac
	mov	x29, sp			// s: cfa:sp+32 fp:cfa-32 ra:cfa-24 pac
	bl	g			// s: cfa:sp+32 fp:cfa-32 ra:cfa-24 x29=cfa-32 fprec pac
	ldp	x29, x30, [sp], #32	// s: cfa:sp+32 fp:cfa-32 ra:cfa-24 x29=cfa-32 fprec pac
	autibsp				// s: cfa:sp+0 pac
	ret				// s: cfa:sp+0
	.size	pac_bkey, .-pac_bkey

	.globl	bti_leaf
	.type	bti_leaf, %function
bti_leaf:
	bti	c			// s: cfa:sp+0
	add	x0, x0, #1		// s: cfa:sp+0
	ret				// s: cfa:sp+0
	.size	bti_leaf, .-bti_leaf

// return with x30 still signed: the autiasp is missing.
	.globl	bad_pac_ret
	.type	bad_pac_ret, %function
bad_pac_ret:
	paciasp				// s: cfa:sp+0
	stp	x29, x30, [sp, #-16]!	// s: cfa:sp+0 pac
	mov	x29, sp			// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 pac
	bl	g			// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec pac
	ldp	x29, x30, [sp], #16	// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec pac
	ret				// s: cfa:sp+0 pac
	.size	bad_pac_ret, .-bad_pac_ret
