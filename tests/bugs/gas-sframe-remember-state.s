// SPDX-License-Identifier: GPL-2.0-or-later
//
// .cfi_remember_state right after the directives that define the row at the
// same address (clang writes this): gas remembers the previous SFrame row,
// so after .cfi_restore_state the SFrame row is stale
// (docs/bugs/gas-sframe-remember-state.md).
//   aarch64-linux-gnu-as --gsframe -o gas-sframe-remember-state.o gas-sframe-remember-state.s
	.text
	.p2align 2
	.globl	remember
	.type	remember, %function
remember:
	.cfi_startproc
	stp	x29, x30, [sp, #-16]!
	.cfi_def_cfa_offset 16
	mov	x29, sp
	.cfi_def_cfa 29, 16
	.cfi_offset 30, -8
	.cfi_offset 29, -16
	.cfi_remember_state
	cbz	x0, 1f
	ldp	x29, x30, [sp], #16
	.cfi_def_cfa 31, 0
	.cfi_restore 30
	.cfi_restore 29
	ret
1:
	.cfi_restore_state
	bl	ext
	ldp	x29, x30, [sp], #16
	.cfi_def_cfa 31, 0
	.cfi_restore 30
	.cfi_restore 29
	ret
	.cfi_endproc
	.size	remember, .-remember
