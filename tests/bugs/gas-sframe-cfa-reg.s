// SPDX-License-Identifier: GPL-2.0-or-later
//
// A CFA on x9, as stack-probing code writes it: SFrame v1 can only say SP or
// FP, and gas writes the x9 + 16 rows as sp + 16, wrong once SP moves
// (docs/bugs/gas-sframe-cfa-reg.md).
//   aarch64-linux-gnu-as --gsframe -o gas-sframe-cfa-reg.o gas-sframe-cfa-reg.s
	.text
	.p2align 2
	.globl	x9_cfa
	.type	x9_cfa, %function
x9_cfa:
	.cfi_startproc
	stp	x29, x30, [sp, #-16]!
	.cfi_def_cfa_offset 16
	.cfi_offset 29, -16
	.cfi_offset 30, -8
	mov	x9, sp
	.cfi_def_cfa 9, 16
	sub	sp, sp, #4096
	str	xzr, [sp]
	mov	sp, x9
	.cfi_def_cfa 31, 16
	ldp	x29, x30, [sp], #16
	.cfi_def_cfa_offset 0
	.cfi_restore 29
	.cfi_restore 30
	ret
	.cfi_endproc
	.size	x9_cfa, .-x9_cfa
