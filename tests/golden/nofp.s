// SPDX-License-Identifier: GPL-2.0-or-later
//
// Code built with -fomit-frame-pointer, checked with --no-fp: a call only
// needs x30 saved.  "// s:" is the hand-derived state before each
// instruction.  bad_nofp_call triggers "call with x30 not saved".  The
// default mode finds no frame record in the file and checks it as --no-fp
// (one finding says so); --fp applies the frame-record rule to every call.
// build: aarch64-linux-gnu-as -o $OBJ $SRC
// fpv: check --no-fp
// fpv: check
// fpv: check --fp
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

// x29 as an ordinary register that holds a stack address on one path only
// (rustc -O: "add x29, sp, #N" as a temporary): under --no-fp the join
// drops it as it drops a scratch register; under --fp it is a bad record.
	.globl	nofp_x29_join
	.type	nofp_x29_join, %function
nofp_x29_join:
	stp	x29, x30, [sp, #-32]!	// s: cfa:sp+0
	cbz	w0, 1f			// s: cfa:sp+32 fp:cfa-32 ra:cfa-24
	add	x29, sp, #16		// s: cfa:sp+32 fp:cfa-32 ra:cfa-24
	ldr	x0, [x29]		// s: cfa:sp+32 fp:cfa-32 ra:cfa-24 x29=cfa-16
1:	bl	g			// s: cfa:sp+32 fp:cfa-32 ra:cfa-24
	ldp	x29, x30, [sp], #32	// s: cfa:sp+32 fp:cfa-32 ra:cfa-24
	ret				// s: cfa:sp+0
	.size	nofp_x29_join, .-nofp_x29_join

// call with x30 not saved
	.globl	bad_nofp_call
	.type	bad_nofp_call, %function
bad_nofp_call:
	sub	sp, sp, #16		// s: cfa:sp+0
	bl	g			// s: cfa:sp+16
	add	sp, sp, #16		// s: cfa:sp+16 ra:undef
	ret				// s: cfa:sp+0 ra:undef
	.size	bad_nofp_call, .-bad_nofp_call
