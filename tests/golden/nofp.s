// SPDX-License-Identifier: GPL-2.0-or-later
//
// Code built with -fomit-frame-pointer, checked with --no-fp: a call only
// needs x30 saved.  "// s:" is the hand-derived state before each
// instruction.  bad_nofp_call triggers "call with x30 not saved".
// build: aarch64-linux-gnu-as -o $OBJ $SRC
// fpv: check --no-fp
// fpv: check
	.text
	.p2align 2

// GCC -O2 -fomit-frame-pointer: str x30, [sp, #-16]!
	.globl	nofp_call
	.type	nofp_call, %function
nofp_call:
	str	x30, [sp, #-16]!	// s: cfa:sp+0
	bl	g			// s: cfa:sp+16 ra:cfa-16
	add	w0, w0, #1		// s: cfa:sp+16 ra:cfa-16
	ldr	x30, [sp], #16		// s: cfa:sp+16 ra:cfa-16
	ret				// s: cfa:sp+0
	.size	nofp_call, .-nofp_call

// x29 as a callee-saved register, saved and restored like x19.
	.globl	nofp_x29_scratch
	.type	nofp_x29_scratch, %function
nofp_x29_scratch:
	stp	x29, x30, [sp, #-32]!	// s: cfa:sp+0
	str	x19, [sp, #16]		// s: cfa:sp+32 fp:cfa-32 ra:cfa-24
	mov	x29, x0			// s: cfa:sp+32 fp:cfa-32 ra:cfa-24
	bl	g			// s: cfa:sp+32 fp:cfa-32 ra:cfa-24
	ldr	x19, [sp, #16]		// s: cfa:sp+32 fp:cfa-32 ra:cfa-24
	ldp	x29, x30, [sp], #32	// s: cfa:sp+32 fp:cfa-32 ra:cfa-24
	ret				// s: cfa:sp+0
	.size	nofp_x29_scratch, .-nofp_x29_scratch

// call with x30 not saved
	.globl	bad_nofp_call
	.type	bad_nofp_call, %function
bad_nofp_call:
	sub	sp, sp, #16		// s: cfa:sp+0
	bl	g			// s: cfa:sp+16
	add	sp, sp, #16		// s: cfa:sp+16 ra:undef
	ret				// s: cfa:sp+0 ra:undef
	.size	bad_nofp_call, .-bad_nofp_call
