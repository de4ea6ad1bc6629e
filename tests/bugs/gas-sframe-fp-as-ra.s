// SPDX-License-Identifier: GPL-2.0-or-later
//
// x29 saved without x30, as clang does in some leaf functions: gas writes
// the SFrame offsets [CFA, FP], which every reader takes as [CFA, RA], so
// the row says the return address is in x29's slot
// (docs/bugs/gas-sframe-fp-as-ra.md).
//   aarch64-linux-gnu-as --gsframe -o gas-sframe-fp-as-ra.o gas-sframe-fp-as-ra.s
	.text
	.p2align 2
	.globl	fp_only
	.type	fp_only, %function
fp_only:
	.cfi_startproc
	sub	sp, sp, #16
	.cfi_def_cfa_offset 16
	str	x29, [sp, #8]
	.cfi_offset 29, -8
	ldr	x29, [sp, #8]
	.cfi_restore 29
	add	sp, sp, #16
	.cfi_def_cfa_offset 0
	ret
	.cfi_endproc
	.size	fp_only, .-fp_only
