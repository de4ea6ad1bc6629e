// SPDX-License-Identifier: GPL-2.0-or-later
//
// Every warning of `fpv check`: a function that triggers it (bad_*), and the
// corrected form (good_*), which must be silent.  docs/warnings.md explains
// each one; shapes.s, pac.s and nofp.s hold the remaining cases.
// build: aarch64-linux-gnu-as -o $OBJ $SRC
// fpv: check
// fpv: check --werror --backtrace
	.text
	.p2align 2

// call without x29 pointing at the frame record
	.globl	bad_call_no_frame
	.type	bad_call_no_frame, %function
bad_call_no_frame:
	stp	x29, x30, [sp, #-16]!
	bl	g
	ldp	x29, x30, [sp], #16
	ret
	.size	bad_call_no_frame, .-bad_call_no_frame

	.globl	good_call_frame
	.type	good_call_frame, %function
good_call_frame:
	stp	x29, x30, [sp, #-16]!
	mov	x29, sp
	bl	g
	ldp	x29, x30, [sp], #16
	ret
	.size	good_call_frame, .-good_call_frame

// frame record is not {x29, x30} adjacent in ABI order
	.globl	bad_record_order
	.type	bad_record_order, %function
bad_record_order:
	stp	x30, x29, [sp, #-16]!
	mov	x29, sp
	bl	g
	ldp	x30, x29, [sp], #16
	ret
	.size	bad_record_order, .-bad_record_order

// x29 overwritten while the frame is live
	.globl	bad_fp_clobber
	.type	bad_fp_clobber, %function
bad_fp_clobber:
	stp	x29, x30, [sp, #-16]!
	mov	x29, sp
	bl	g
	mov	x29, x0
	ldp	x29, x30, [sp], #16
	ret
	.size	bad_fp_clobber, .-bad_fp_clobber

// return with SP not restored
	.globl	bad_ret_sp
	.type	bad_ret_sp, %function
bad_ret_sp:
	sub	sp, sp, #16
	ret
	.size	bad_ret_sp, .-bad_ret_sp

	.globl	good_ret_sp
	.type	good_ret_sp, %function
good_ret_sp:
	sub	sp, sp, #16
	add	sp, sp, #16
	ret
	.size	good_ret_sp, .-good_ret_sp

// return with x29 not restored
	.globl	bad_ret_fp
	.type	bad_ret_fp, %function
bad_ret_fp:
	stp	x29, x30, [sp, #-16]!
	mov	x29, sp
	bl	g
	ldr	x30, [sp, #8]
	add	sp, sp, #16
	ret
	.size	bad_ret_fp, .-bad_ret_fp

// return with x30 not restored
	.globl	bad_ret_ra
	.type	bad_ret_ra, %function
bad_ret_ra:
	stp	x29, x30, [sp, #-16]!
	mov	x29, sp
	bl	g
	ldr	x29, [sp]
	add	sp, sp, #16
	ret
	.size	bad_ret_ra, .-bad_ret_ra

// tail call with SP / x29 / x30 not restored
	.globl	bad_tail_sp
	.type	bad_tail_sp, %function
bad_tail_sp:
	sub	sp, sp, #16
	b	h
	.size	bad_tail_sp, .-bad_tail_sp

	.globl	bad_tail_fp
	.type	bad_tail_fp, %function
bad_tail_fp:
	stp	x29, x30, [sp, #-16]!
	mov	x29, sp
	bl	g
	ldr	x30, [sp, #8]
	add	sp, sp, #16
	b	h
	.size	bad_tail_fp, .-bad_tail_fp

	.globl	bad_tail_ra
	.type	bad_tail_ra, %function
bad_tail_ra:
	stp	x29, x30, [sp, #-16]!
	mov	x29, sp
	bl	g
	ldr	x29, [sp]
	add	sp, sp, #16
	b	h
	.size	bad_tail_ra, .-bad_tail_ra

	.globl	good_tail
	.type	good_tail, %function
good_tail:
	stp	x29, x30, [sp, #-16]!
	mov	x29, sp
	bl	g
	ldp	x29, x30, [sp], #16
	b	h
	.size	good_tail, .-good_tail

// stack state mismatch: one path pushes the frame, the other does not
	.globl	bad_mismatch
	.type	bad_mismatch, %function
bad_mismatch:
	cbz	x0, 1f
	stp	x29, x30, [sp, #-16]!
	mov	x29, sp
	bl	g
1:	ldp	x29, x30, [sp], #16
	ret
	.size	bad_mismatch, .-bad_mismatch

	.globl	good_join
	.type	good_join, %function
good_join:
	stp	x29, x30, [sp, #-16]!
	mov	x29, sp
	cbz	x0, 1f
	bl	g
1:	ldp	x29, x30, [sp], #16
	ret
	.size	good_join, .-good_join

// SP changed by an unknown amount, no x29 to take over
	.globl	bad_sp_unknown
	.type	bad_sp_unknown, %function
bad_sp_unknown:
	sub	sp, sp, x0
	mov	sp, x1
	ret
	.size	bad_sp_unknown, .-bad_sp_unknown

	.globl	good_sp_alloca
	.type	good_sp_alloca, %function
good_sp_alloca:
	stp	x29, x30, [sp, #-16]!
	mov	x29, sp
	sub	sp, sp, x0
	mov	sp, x29
	ldp	x29, x30, [sp], #16
	ret
	.size	good_sp_alloca, .-good_sp_alloca

// indirect jump with unknown targets while the frame is live
	.globl	bad_dyn_jump
	.type	bad_dyn_jump, %function
bad_dyn_jump:
	stp	x29, x30, [sp, #-16]!
	mov	x29, sp
	br	x0
	.size	bad_dyn_jump, .-bad_dyn_jump

	.globl	good_dyn_tail
	.type	good_dyn_tail, %function
good_dyn_tail:
	stp	x29, x30, [sp, #-16]!
	mov	x29, sp
	bl	g
	ldp	x29, x30, [sp], #16
	br	x16
	.size	good_dyn_tail, .-good_dyn_tail

// unreachable instruction
	.globl	bad_unreachable
	.type	bad_unreachable, %function
bad_unreachable:
	ret
	add	x0, x0, #1
	ret
	.size	bad_unreachable, .-bad_unreachable

	.globl	good_padding
	.type	good_padding, %function
good_padding:
	ret
	nop
	.size	good_padding, .-good_padding

// falls through to next function
	.globl	bad_fallthrough
	.type	bad_fallthrough, %function
bad_fallthrough:
	stp	x29, x30, [sp, #-16]!
	mov	x29, sp
	bl	g
	.size	bad_fallthrough, .-bad_fallthrough

// undecodable instruction word
	.globl	bad_undecodable
	.type	bad_undecodable, %function
bad_undecodable:
	.inst	0x02000000
	ret
	.size	bad_undecodable, .-bad_undecodable

	.globl	good_literal_pool
	.type	good_literal_pool, %function
good_literal_pool:
	ldr	x0, 1f
	ret
1:	.word	0xffffffff
	.word	0
	.size	good_literal_pool, .-good_literal_pool

// branch to an address outside any function (code before the first symbol
// of its section)
	.section .text.orphan, "ax", %progbits
	.p2align 2
	nop
	.globl	bad_target
	.type	bad_target, %function
bad_target:
	b	.-4
	.size	bad_target, .-bad_target

// falls off the end of its section
	.section .text.last, "ax", %progbits
	.globl	bad_falloff
	.type	bad_falloff, %function
bad_falloff:
	add	x0, x0, #1
	.size	bad_falloff, .-bad_falloff
