// SPDX-License-Identifier: GPL-2.0-or-later
//
// clang 14 -O0 alloca on one path only ("mov x8, sp ; subs x8, x8, x9 ;
// mov sp, x8"), joining a path where SP is still known (cfa:sp+96): at the
// join SP is unknown and the CFA must be on x29, whichever path the walk
// records first (the two functions lay the paths out in both orders).  A
// CFA on SP there would be wrong on the alloca path.  After "mov sp, x29"
// SP and x29 both hold CFA - 16; the CFA keeps the spelling of the state
// recorded first there (the alloca path's x29 in the first function, walked
// first as the fall-through; SP in the second), the same address either
// way.  "// s:" is the hand-derived state before each instruction.
// build: aarch64-linux-gnu-as -o $OBJ $SRC
// fpv: check --werror
	.text
	.p2align 2

// The SP-known path branches to the join; the alloca path falls into it.
	.globl	alloca_join_fall
	.type	alloca_join_fall, %function
alloca_join_fall:
	stp	x29, x30, [sp, #-16]!	// s: cfa:sp+0
	mov	x29, sp			// s: cfa:sp+16 fp:cfa-16 ra:cfa-8
	sub	sp, sp, #0x50		// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	subs	w8, w0, #0x0		// s: cfa:sp+96 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	b.le	1f			// s: cfa:sp+96 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	ldurb	w8, [x29, #-16]		// s: cfa:sp+96 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	add	x8, x8, #0xf		// s: cfa:sp+96 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	and	x9, x8, #0xfffffffffffffff0	// s: cfa:sp+96 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	mov	x8, sp			// s: cfa:sp+96 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	subs	x8, x8, x9		// s: cfa:sp+96 fp:cfa-16 ra:cfa-8 x29=cfa-16 x8=cfa-96 fprec
	mov	sp, x8			// s: cfa:sp+96 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	bl	g			// s: cfa:x29+16 fp:cfa-16 ra:cfa-8 sp=? fprec
	stur	x0, [x29, #-8]		// s: cfa:x29+16 fp:cfa-16 ra:cfa-8 sp=? fprec
	b	2f			// s: cfa:x29+16 fp:cfa-16 ra:cfa-8 sp=? fprec
1:	ldur	x8, [x29, #-32]		// s: cfa:sp+96 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	stur	x8, [x29, #-8]		// s: cfa:sp+96 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
2:	ldur	x0, [x29, #-8]		// s: cfa:x29+16 fp:cfa-16 ra:cfa-8 sp=? fprec
	mov	sp, x29			// s: cfa:x29+16 fp:cfa-16 ra:cfa-8 sp=? fprec
	ldp	x29, x30, [sp], #16	// s: cfa:x29+16 fp:cfa-16 ra:cfa-8 sp=cfa-16 fprec
	ret				// s: cfa:sp+0
	.size	alloca_join_fall, .-alloca_join_fall

// The alloca path branches to the join; the SP-known path falls into it
// (gt_f14's layout: "b 0x4488" from both).
	.globl	alloca_join_branch
	.type	alloca_join_branch, %function
alloca_join_branch:
	stp	x29, x30, [sp, #-16]!	// s: cfa:sp+0
	mov	x29, sp			// s: cfa:sp+16 fp:cfa-16 ra:cfa-8
	sub	sp, sp, #0x50		// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	subs	w8, w0, #0x0		// s: cfa:sp+96 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	b.gt	1f			// s: cfa:sp+96 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	ldur	x8, [x29, #-32]		// s: cfa:sp+96 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	stur	x8, [x29, #-8]		// s: cfa:sp+96 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	b	2f			// s: cfa:sp+96 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
1:	ldurb	w8, [x29, #-16]		// s: cfa:sp+96 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	add	x8, x8, #0xf		// s: cfa:sp+96 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	and	x9, x8, #0xfffffffffffffff0	// s: cfa:sp+96 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	mov	x8, sp			// s: cfa:sp+96 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	subs	x8, x8, x9		// s: cfa:sp+96 fp:cfa-16 ra:cfa-8 x29=cfa-16 x8=cfa-96 fprec
	mov	sp, x8			// s: cfa:sp+96 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	stur	x8, [x29, #-48]		// s: cfa:x29+16 fp:cfa-16 ra:cfa-8 sp=? fprec
	bl	g			// s: cfa:x29+16 fp:cfa-16 ra:cfa-8 sp=? fprec
	stur	x0, [x29, #-8]		// s: cfa:x29+16 fp:cfa-16 ra:cfa-8 sp=? fprec
	b	2f			// s: cfa:x29+16 fp:cfa-16 ra:cfa-8 sp=? fprec
2:	ldur	x0, [x29, #-8]		// s: cfa:x29+16 fp:cfa-16 ra:cfa-8 sp=? fprec
	mov	sp, x29			// s: cfa:x29+16 fp:cfa-16 ra:cfa-8 sp=? fprec
	ldp	x29, x30, [sp], #16	// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	ret				// s: cfa:sp+0
	.size	alloca_join_branch, .-alloca_join_branch
