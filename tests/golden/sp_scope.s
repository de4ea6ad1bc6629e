// SPDX-License-Identifier: GPL-2.0-or-later
//
// SP kept in a callee-saved register across a call and restored from it
// (clang 16 -Os, a VLA scope: "mov x24, sp ; mov x9, sp ; ... bl ; mov sp,
// x24").  The relation x24 = CFA + k must survive the later copy of SP into
// a caller-saved register, which the call ends: taking x9 in its place lost
// SP at "mov sp, x24", put the CFA on x29, and the epilogue's "ldp x29,
// x30, [sp], #32" was reported as "x29 overwritten while the frame is live"
// (runtime gt-clang16-Os-nopac-1016, gt_f4).  "// s:" is the hand-derived
// state before each instruction.
// build: aarch64-linux-gnu-as -o $OBJ $SRC
// fpv: check --werror
	.text
	.p2align 2

	.globl	sp_scope
	.type	sp_scope, %function
sp_scope:
	stp	x29, x30, [sp, #-32]!	// s: cfa:sp+0
	str	x24, [sp, #16]		// s: cfa:sp+32 fp:cfa-32 ra:cfa-24
	mov	x29, sp			// s: cfa:sp+32 fp:cfa-32 ra:cfa-24
	cbz	w0, .Lplain		// s: cfa:sp+32 fp:cfa-32 ra:cfa-24 x29=cfa-32 fprec
	mov	x24, sp			// s: cfa:sp+32 fp:cfa-32 ra:cfa-24 x29=cfa-32 fprec
	sub	sp, sp, #16		// s: cfa:sp+32 fp:cfa-32 ra:cfa-24 x29=cfa-32 x24=cfa-32 fprec
	mov	x9, sp			// s: cfa:sp+48 fp:cfa-32 ra:cfa-24 x29=cfa-32 x24=cfa-32 fprec
	mov	x0, x9			// s: cfa:sp+48 fp:cfa-32 ra:cfa-24 x29=cfa-32 x24=cfa-32 fprec
	bl	g			// s: cfa:sp+48 fp:cfa-32 ra:cfa-24 x29=cfa-32 x24=cfa-32 fprec
	mov	sp, x24			// s: cfa:sp+48 fp:cfa-32 ra:cfa-24 x29=cfa-32 x24=cfa-32 fprec
	b	.Lout			// s: cfa:sp+32 fp:cfa-32 ra:cfa-24 x29=cfa-32 x24=cfa-32 fprec
.Lplain:
	bl	g			// s: cfa:sp+32 fp:cfa-32 ra:cfa-24 x29=cfa-32 fprec
.Lout:
	ldr	x24, [sp, #16]		// s: cfa:sp+32 fp:cfa-32 ra:cfa-24 x29=cfa-32 fprec
	ldp	x29, x30, [sp], #32	// s: cfa:sp+32 fp:cfa-32 ra:cfa-24 x29=cfa-32 fprec
	ret				// s: cfa:sp+0
	.size	sp_scope, .-sp_scope
