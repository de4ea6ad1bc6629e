// SPDX-License-Identifier: GPL-2.0-or-later
//
// A CFA that DWARF gives as an expression (DW_CFA_def_cfa_expression: sp + 0,
// plus 16) for one instruction; gas leaves the function out of .sframe.
// tests/unit/test_witness.c checks that DWARF's undefined CFA and SFrame's
// silence reach `fpv orc --from=` alike: as no state.
//
// aarch64-linux-gnu-as --gsframe -o undef_cfa.o undef_cfa.s
	.text
	.globl	expr_cfa
	.type	expr_cfa, %function
expr_cfa:
	.cfi_startproc
	stp	x29, x30, [sp, #-16]!
	.cfi_def_cfa_offset 16
	.cfi_offset 29, -16
	.cfi_offset 30, -8
	mov	x29, sp
	.cfi_escape 0x0f, 0x04, 0x8f, 0x00, 0x23, 0x10
	nop
	.cfi_def_cfa 31, 16
	ldp	x29, x30, [sp], #16
	.cfi_def_cfa_offset 0
	.cfi_restore 29
	.cfi_restore 30
	ret
	.cfi_endproc
	.size	expr_cfa, .-expr_cfa
