// SPDX-License-Identifier: GPL-2.0-or-later
//
// What a join keeps from each path.  Facts that live outside the state
// hashed per instruction, or that one path has and the other not, must not
// survive a join because the path that got there first had them:
//  - ra_join: one path falls into the join right after its prologue's
//    saves, with x30 still the return address, so storing it again makes a
//    second copy that a load may restore from; the other path arrives
//    after a call, x30 garbage.  Joined, x30 is not known to hold the
//    return address, and the load of the "copy" restores nothing, which
//    disagrees with what the first path alone gave after it (a mismatch
//    at the next instruction).
//  - const_join: the two paths put different constants in x27 before
//    "sub x20, sp, x27 ; mov sp, x20": a constant known on one path is not
//    known at the join, so SP is lost there (and stays correct instead of
//    taking the first path's frame size for both).
// build: aarch64-linux-gnu-as -o $OBJ $SRC
// fpv: check --fp
	.text
	.p2align 2
	.globl	ra_join
	.type	ra_join, %function
ra_join:
	cbnz	x0, 3f
	stp	x29, x30, [sp, #-32]!
	mov	x29, sp
2:	str	x30, [sp, #16]
	ldr	x30, [sp, #16]
	ldp	x29, x9, [sp], #32
	ret
3:	stp	x29, x30, [sp, #-32]!
	mov	x29, sp
	bl	g
	b	2b
	.size	ra_join, .-ra_join

	.globl	const_join
	.type	const_join, %function
const_join:
	cbnz	x0, 1f
	mov	x27, #4096
	b	2f
1:	mov	x27, #8192
2:	sub	x20, sp, x27
	stp	x29, x30, [x20, #-8]
	mov	sp, x20
	sub	x29, sp, #8
	bl	g
	ldp	x29, x30, [sp, #-8]
	add	sp, sp, x27
	ret
	.size	const_join, .-const_join
