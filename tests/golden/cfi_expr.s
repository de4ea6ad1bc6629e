// SPDX-License-Identifier: GPL-2.0-or-later
//
// DWARF expression rules that name a save slot relative to SP, as
// hand-written assembly writes them (libgcrypt's CFI macros):
// DW_CFA_expression x29: DW_OP_breg31 0, x30: DW_OP_breg31 8.  With the CFA
// at sp+16 they are CFA-16 and CFA-8, the slots fpv finds, so every
// instruction agrees.  expr_moved then moves SP after the rule was given:
// the expression is evaluated with the SP of each row, so DWARF's x29 slot
// follows SP (the bug of such macros) and xcheck reports fp-slot there.
// build: aarch64-linux-gnu-as -o $OBJ $SRC
// fpv: xcheck --summary
// fpv: xcheck
	.text
	.p2align 2
	.globl	expr_rule
	.type	expr_rule, %function
expr_rule:
	.cfi_startproc
	stp	x29, x30, [sp, #-16]!
	.cfi_def_cfa_offset 16
	.cfi_escape 0x10, 0x1d, 0x02, 0x8f, 0x00	// DW_CFA_expression x29 DW_OP_breg31 0
	.cfi_escape 0x10, 0x1e, 0x02, 0x8f, 0x08	// DW_CFA_expression x30 DW_OP_breg31 8
	mov	x29, sp
	bl	expr_callee
	ldp	x29, x30, [sp], #16
	.cfi_restore 29
	.cfi_restore 30
	.cfi_def_cfa_offset 0
	ret
	.cfi_endproc
	.size	expr_rule, .-expr_rule

	.globl	expr_moved
	.type	expr_moved, %function
expr_moved:
	.cfi_startproc
	stp	x29, x30, [sp, #-16]!
	.cfi_def_cfa_offset 16
	.cfi_escape 0x10, 0x1d, 0x02, 0x8f, 0x00	// DW_CFA_expression x29 DW_OP_breg31 0
	.cfi_escape 0x10, 0x1e, 0x02, 0x8f, 0x08	// DW_CFA_expression x30 DW_OP_breg31 8
	sub	sp, sp, #16
	.cfi_def_cfa_offset 32
	mov	x0, #0
	add	sp, sp, #16
	.cfi_def_cfa_offset 16
	ldp	x29, x30, [sp], #16
	.cfi_restore 29
	.cfi_restore 30
	.cfi_def_cfa_offset 0
	ret
	.cfi_endproc
	.size	expr_moved, .-expr_moved
