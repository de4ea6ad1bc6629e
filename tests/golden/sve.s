// SPDX-License-Identifier: GPL-2.0-or-later
//
// SVE stack adjustments.  "addvl sp, sp, #-N" moves SP by N vector lengths,
// a value only known at run time: fpv keeps SP as CFA + k + n*VL and moves
// the CFA to x29, the one description independent of the vector length
// (docs/warnings.md): Clang's layout (frame record first, SVE area below
// it).  GCC 12 allocates the SVE save area *above* the frame record, before
// anything is saved (gcc_layout): there fpv measures every offset from
// R = CFA - 1*VL ("rel:cfa-1*vl") until the mirror addvl in the epilogue.
// "// s:" is the hand-derived state.
// build: aarch64-linux-gnu-as -march=armv8.2-a+sve -o $OBJ $SRC
// fpv: check
	.text
	.p2align 2

	.globl	sve_clang_layout
	.type	sve_clang_layout, %function
sve_clang_layout:
	stp	x29, x30, [sp, #-16]!	// s: cfa:sp+0
	mov	x29, sp			// s: cfa:sp+16 fp:cfa-16 ra:cfa-8
	addvl	sp, sp, #-2		// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	str	z8, [sp]		// s: cfa:x29+16 fp:cfa-16 ra:cfa-8 sp=cfa-16-2*vl fprec
	addpl	sp, sp, #-1		// s: cfa:x29+16 fp:cfa-16 ra:cfa-8 sp=cfa-16-2*vl fprec
	bl	g			// s: cfa:x29+16 fp:cfa-16 ra:cfa-8 sp=cfa-16-34*vl/16 fprec
	addpl	sp, sp, #1		// s: cfa:x29+16 fp:cfa-16 ra:cfa-8 sp=cfa-16-34*vl/16 fprec
	ldr	z8, [sp]		// s: cfa:x29+16 fp:cfa-16 ra:cfa-8 sp=cfa-16-2*vl fprec
	addvl	sp, sp, #2		// s: cfa:x29+16 fp:cfa-16 ra:cfa-8 sp=cfa-16-2*vl fprec
	ldp	x29, x30, [sp], #16	// s: cfa:x29+16 fp:cfa-16 ra:cfa-8 sp=cfa-16 fprec
	ret				// s: cfa:sp+0
	.size	sve_clang_layout, .-sve_clang_layout

	.globl	gcc_layout
	.type	gcc_layout, %function
gcc_layout:
	addvl	sp, sp, #-1		// s: cfa:sp+0
	str	z8, [sp]		// s: cfa:sp+0 rel:cfa-1*vl
	sub	sp, sp, #16		// s: cfa:sp+0 rel:cfa-1*vl
	stp	x29, x30, [sp]		// s: cfa:sp+16 rel:cfa-1*vl
	mov	x29, sp			// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 rel:cfa-1*vl
	bl	g			// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 rel:cfa-1*vl fprec
	ldp	x29, x30, [sp]		// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 rel:cfa-1*vl fprec
	add	sp, sp, #16		// s: cfa:sp+16 rel:cfa-1*vl
	ldr	z8, [sp]		// s: cfa:sp+0 rel:cfa-1*vl
	addvl	sp, sp, #1		// s: cfa:sp+0 rel:cfa-1*vl
	ret				// s: cfa:sp+0
	.size	gcc_layout, .-gcc_layout

// The same with the final addvl missing: SP is 1*VL short at the return.
	.globl	bad_sve_ret
	.type	bad_sve_ret, %function
bad_sve_ret:
	addvl	sp, sp, #-1		// s: cfa:sp+0
	str	z8, [sp]		// s: cfa:sp+0 rel:cfa-1*vl
	ldr	z8, [sp]		// s: cfa:sp+0 rel:cfa-1*vl
	ret				// s: cfa:sp+0 rel:cfa-1*vl
	.size	bad_sve_ret, .-bad_sve_ret
