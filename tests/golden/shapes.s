// SPDX-License-Identifier: GPL-2.0-or-later
//
// Frame shapes fpv must get right.  The state after "// s:" on each line is
// the frame state *before* that instruction, derived by hand (see
// docs/warnings.md for the notation); run.sh compares it with the state
// column of `fpv check --states`.
// build: aarch64-linux-gnu-as -o $OBJ $SRC
// fpv: check --werror
	.text
	.p2align 2

// stp x29, x30, [sp, #-N]! then mov x29, sp (GCC -O0/-O2).
	.globl	pre_index
	.type	pre_index, %function
pre_index:
	stp	x29, x30, [sp, #-32]!	// s: cfa:sp+0
	mov	x29, sp			// s: cfa:sp+32 fp:cfa-32 ra:cfa-24
	str	x19, [sp, #16]		// s: cfa:sp+32 fp:cfa-32 ra:cfa-24 x29=cfa-32 fprec
	bl	g			// s: cfa:sp+32 fp:cfa-32 ra:cfa-24 x29=cfa-32 fprec
	ldr	x19, [sp, #16]		// s: cfa:sp+32 fp:cfa-32 ra:cfa-24 x29=cfa-32 fprec
	ldp	x29, x30, [sp], #32	// s: cfa:sp+32 fp:cfa-32 ra:cfa-24 x29=cfa-32 fprec
	ret				// s: cfa:sp+0
	.size	pre_index, .-pre_index

// The frame record above the locals (Clang, GCC with large outgoing areas).
	.globl	record_above
	.type	record_above, %function
record_above:
	sub	sp, sp, #48		// s: cfa:sp+0
	stp	x29, x30, [sp, #32]	// s: cfa:sp+48
	add	x29, sp, #32		// s: cfa:sp+48 fp:cfa-16 ra:cfa-8
	add	x0, sp, #8		// s: cfa:sp+48 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	bl	g			// s: cfa:sp+48 fp:cfa-16 ra:cfa-8 x29=cfa-16 x0=cfa-40 fprec
	ldp	x29, x30, [sp, #32]	// s: cfa:sp+48 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	add	sp, sp, #48		// s: cfa:sp+48
	ret				// s: cfa:sp+0
	.size	record_above, .-record_above

// Over 4 KiB: GCC's "sub sp, sp, #1, lsl #12" pair.
	.globl	frame_5k
	.type	frame_5k, %function
frame_5k:
	stp	x29, x30, [sp, #-16]!	// s: cfa:sp+0
	mov	x29, sp			// s: cfa:sp+16 fp:cfa-16 ra:cfa-8
	sub	sp, sp, #1, lsl #12	// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	sub	sp, sp, #912		// s: cfa:sp+4112 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	mov	x0, sp			// s: cfa:sp+5024 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	bl	g			// s: cfa:sp+5024 fp:cfa-16 ra:cfa-8 x29=cfa-16 x0=cfa-5024 fprec
	add	sp, sp, #1, lsl #12	// s: cfa:sp+5024 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	add	sp, sp, #912		// s: cfa:sp+928 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	ldp	x29, x30, [sp], #16	// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	ret				// s: cfa:sp+0
	.size	frame_5k, .-frame_5k

// Over 64 KiB through a scratch register (GCC: mov x16 / movk / sub sp, sp, x16).
	.globl	frame_70k
	.type	frame_70k, %function
frame_70k:
	mov	x16, #0x1180		// s: cfa:sp+0
	movk	x16, #0x1, lsl #16	// s: cfa:sp+0
	sub	sp, sp, x16		// s: cfa:sp+0
	stp	x29, x30, [sp]		// s: cfa:sp+70016
	mov	x29, sp			// s: cfa:sp+70016 fp:cfa-70016 ra:cfa-70008
	bl	g			// s: cfa:sp+70016 fp:cfa-70016 ra:cfa-70008 x29=cfa-70016 fprec
	ldp	x29, x30, [sp]		// s: cfa:sp+70016 fp:cfa-70016 ra:cfa-70008 x29=cfa-70016 fprec
	mov	x16, #0x1180		// s: cfa:sp+70016
	movk	x16, #0x1, lsl #16	// s: cfa:sp+70016
	add	sp, sp, x16		// s: cfa:sp+70016
	ret				// s: cfa:sp+0
	.size	frame_70k, .-frame_70k

// The new SP computed in another register with a constant in a third, the
// frame record stored below it before SP moves (Go's frames over 4 KiB).
	.globl	frame_go_5k
	.type	frame_go_5k, %function
frame_go_5k:
	mov	x27, #0x1420		// s: cfa:sp+0
	sub	x20, sp, x27		// s: cfa:sp+0
	stp	x29, x30, [x20, #-8]	// s: cfa:sp+0 x20=cfa-5152
	mov	sp, x20			// s: cfa:sp+0 fp:cfa-5160 ra:cfa-5152 x20=cfa-5152
	sub	x29, sp, #0x8		// s: cfa:sp+5152 fp:cfa-5160 ra:cfa-5152 x20=cfa-5152
	bl	g			// s: cfa:sp+5152 fp:cfa-5160 ra:cfa-5152 x29=cfa-5160 x20=cfa-5152 fprec
	ldp	x29, x30, [sp, #-8]	// s: cfa:sp+5152 fp:cfa-5160 ra:cfa-5152 x29=cfa-5160 x20=cfa-5152 fprec
	mov	x27, #0x1420		// s: cfa:sp+5152 x20=cfa-5152
	add	sp, sp, x27		// s: cfa:sp+5152 x20=cfa-5152
	ret				// s: cfa:sp+0 x20=cfa-5152
	.size	frame_go_5k, .-frame_go_5k

// alloca/VLA: SP moves by a register amount, the CFA moves to x29.
	.globl	vla
	.type	vla, %function
vla:
	stp	x29, x30, [sp, #-16]!	// s: cfa:sp+0
	mov	x29, sp			// s: cfa:sp+16 fp:cfa-16 ra:cfa-8
	add	x0, x0, #15		// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	and	x0, x0, #-16		// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	sub	sp, sp, x0		// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	mov	x0, sp			// s: cfa:x29+16 fp:cfa-16 ra:cfa-8 sp=? fprec
	bl	g			// s: cfa:x29+16 fp:cfa-16 ra:cfa-8 sp=? fprec
	mov	sp, x29			// s: cfa:x29+16 fp:cfa-16 ra:cfa-8 sp=? fprec
	ldp	x29, x30, [sp], #16	// s: cfa:x29+16 fp:cfa-16 ra:cfa-8 sp=cfa-16 fprec
	ret				// s: cfa:sp+0
	.size	vla, .-vla

// alloca in a loop: SP is known on the first iteration and not after; at the
// loop head the two paths meet and the state widens to "SP unknown, CFA on
// x29" (equal by value on both paths), which is then propagated again.
	.globl	alloca_loop
	.type	alloca_loop, %function
alloca_loop:
	stp	x29, x30, [sp, #-16]!	// s: cfa:sp+0
	mov	x29, sp			// s: cfa:sp+16 fp:cfa-16 ra:cfa-8
1:	sub	sp, sp, x0		// s: cfa:x29+16 fp:cfa-16 ra:cfa-8 sp=? fprec
	bl	g			// s: cfa:x29+16 fp:cfa-16 ra:cfa-8 sp=? fprec
	cbnz	x0, 1b			// s: cfa:x29+16 fp:cfa-16 ra:cfa-8 sp=? fprec
	mov	sp, x29			// s: cfa:x29+16 fp:cfa-16 ra:cfa-8 sp=? fprec
	ldp	x29, x30, [sp], #16	// s: cfa:x29+16 fp:cfa-16 ra:cfa-8 sp=cfa-16 fprec
	ret				// s: cfa:sp+0
	.size	alloca_loop, .-alloca_loop

// Shrink-wrapped: the early exit runs before the prologue.
	.globl	shrink
	.type	shrink, %function
shrink:
	cbz	x0, 1f			// s: cfa:sp+0
	stp	x29, x30, [sp, #-16]!	// s: cfa:sp+0
	mov	x29, sp			// s: cfa:sp+16 fp:cfa-16 ra:cfa-8
	bl	g			// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	ldp	x29, x30, [sp], #16	// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
1:	ret				// s: cfa:sp+0
	.size	shrink, .-shrink

// Several epilogues.
	.globl	two_exits
	.type	two_exits, %function
two_exits:
	stp	x29, x30, [sp, #-16]!	// s: cfa:sp+0
	mov	x29, sp			// s: cfa:sp+16 fp:cfa-16 ra:cfa-8
	bl	g			// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	cbnz	x0, 1f			// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	ldp	x29, x30, [sp], #16	// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	ret				// s: cfa:sp+0
1:	mov	x0, #1			// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	ldp	x29, x30, [sp], #16	// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	ret				// s: cfa:sp+0
	.size	two_exits, .-two_exits

// Leaf without a frame, and leaf with one (-mno-omit-leaf-frame-pointer).
	.globl	leaf
	.type	leaf, %function
leaf:
	add	x0, x0, #1		// s: cfa:sp+0
	ret				// s: cfa:sp+0
	.size	leaf, .-leaf

	.globl	leaf_frame
	.type	leaf_frame, %function
leaf_frame:
	stp	x29, x30, [sp, #-16]!	// s: cfa:sp+0
	mov	x29, sp			// s: cfa:sp+16 fp:cfa-16 ra:cfa-8
	add	x0, x0, #1		// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	ldp	x29, x30, [sp], #16	// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	ret				// s: cfa:sp+0
	.size	leaf_frame, .-leaf_frame

// A noreturn call as the last instruction: no fall-through.
	.globl	dies
	.type	dies, %function
dies:
	stp	x29, x30, [sp, #-16]!	// s: cfa:sp+0
	mov	x29, sp			// s: cfa:sp+16 fp:cfa-16 ra:cfa-8
	bl	abort			// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	.size	dies, .-dies

// A local function fpv proves never returns (no RET, ends in a noreturn
// call), then a caller whose last instruction calls it.
	.type	local_dies, %function
local_dies:
	stp	x29, x30, [sp, #-16]!	// s: cfa:sp+0
	mov	x29, sp			// s: cfa:sp+16 fp:cfa-16 ra:cfa-8
	bl	panic			// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	.size	local_dies, .-local_dies

	.globl	calls_local_dies
	.type	calls_local_dies, %function
calls_local_dies:
	stp	x29, x30, [sp, #-16]!	// s: cfa:sp+0
	mov	x29, sp			// s: cfa:sp+16 fp:cfa-16 ra:cfa-8
	bl	local_dies		// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	.size	calls_local_dies, .-calls_local_dies

// Tail calls: after the frame is torn down, and from a frameless leaf.
	.globl	tail
	.type	tail, %function
tail:
	stp	x29, x30, [sp, #-16]!	// s: cfa:sp+0
	mov	x29, sp			// s: cfa:sp+16 fp:cfa-16 ra:cfa-8
	bl	g			// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	ldp	x29, x30, [sp], #16	// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	b	h			// s: cfa:sp+0
	.size	tail, .-tail

	.globl	tail_leaf
	.type	tail_leaf, %function
tail_leaf:
	cbz	x0, 1f			// s: cfa:sp+0
	b	h			// s: cfa:sp+0
1:	b	leaf			// s: cfa:sp+0
	.size	tail_leaf, .-tail_leaf

// The outermost frame (glibc's _start): x29 = 0 ends the frame chain, so
// calls need no frame record.
	.globl	outermost
	.type	outermost, %function
outermost:
	mov	x29, #0			// s: cfa:sp+0
	mov	x30, #0			// s: cfa:sp+0 fp:undef x29=0
	mov	x5, x0			// s: cfa:sp+0 fp:undef ra:undef x29=0
	bl	g			// s: cfa:sp+0 fp:undef ra:undef x29=0
	bl	abort			// s: cfa:sp+0 fp:undef ra:undef x29=0
	.size	outermost, .-outermost

// A stub outside any function, like GNU ld's Cortex-A53 erratum 843419
// veneer ("ldr x2, [x0] ; b back"): followed with the branch's state, and
// back into the function.
	.globl	veneer_user
	.type	veneer_user, %function
veneer_user:
	stp	x29, x30, [sp, #-16]!	// s: cfa:sp+0
	mov	x29, sp			// s: cfa:sp+16 fp:cfa-16 ra:cfa-8
	b	2f			// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
1:	bl	g			// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	ldp	x29, x30, [sp], #16	// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	ret				// s: cfa:sp+0
	.size	veneer_user, .-veneer_user
2:	ldr	x2, [x0]
	b	1b
