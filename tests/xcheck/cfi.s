// SPDX-License-Identifier: GPL-2.0-or-later
//
// Fixture for the DWARF and SFrame witnesses (tests/xcheck/run.sh and
// tests/unit/test_witness.c).  Hand-written CFI, so the expected rows do not
// depend on a compiler version.  Build:
//   aarch64-linux-gnu-as --gsframe -o cfi.o cfi.s
// Every function's rows are derived by hand in test_witness.c.

	.text
	.p2align 2

// A PAC-protected frame whose CFA moves to x29, with a second epilogue
// reached through DW_CFA_remember_state/restore_state: the signing state
// must come back with the remembered row.
	.globl	fp_based
	.type	fp_based, %function
fp_based:
	.cfi_startproc
	paciasp					// 0x00
	.cfi_negate_ra_state
	stp	x29, x30, [sp, #-32]!		// 0x04
	.cfi_def_cfa_offset 32
	.cfi_offset 29, -32
	.cfi_offset 30, -24
	mov	x29, sp				// 0x08
	.cfi_def_cfa_register 29
	cbz	x0, 1f				// 0x0c
	.cfi_remember_state
	ldp	x29, x30, [sp], #32		// 0x10
	.cfi_def_cfa 31, 0
	.cfi_restore 29
	.cfi_restore 30
	autiasp					// 0x14
	.cfi_negate_ra_state
	ret					// 0x18
1:
	.cfi_restore_state
	bl	ext				// 0x1c
	ldp	x29, x30, [sp], #32		// 0x20
	.cfi_def_cfa 31, 0
	.cfi_restore 29
	.cfi_restore 30
	autiasp					// 0x24
	.cfi_negate_ra_state
	ret					// 0x28
	.cfi_endproc
	.size	fp_based, .-fp_based

// The CFA on x9, as stack-probing code writes it: gas 2.40 silently
// encodes the x9+16 rows in SFrame as sp+16, wrong once SP moves.
	.globl	x9_cfa
	.type	x9_cfa, %function
x9_cfa:
	.cfi_startproc
	stp	x29, x30, [sp, #-16]!		// 0x00
	.cfi_def_cfa_offset 16
	.cfi_offset 29, -16
	.cfi_offset 30, -8
	mov	x9, sp				// 0x04
	.cfi_def_cfa 9, 16
	sub	sp, sp, #4096			// 0x08
	str	xzr, [sp]			// 0x0c
	mov	sp, x9				// 0x10
	.cfi_def_cfa 31, 16
	ldp	x29, x30, [sp], #16		// 0x14
	.cfi_def_cfa_offset 0
	.cfi_restore 29
	.cfi_restore 30
	ret					// 0x18
	.cfi_endproc
	.size	x9_cfa, .-x9_cfa

// The outermost frame: x30 explicitly undefined (like _start), which must
// stay "undefined", not become "same value".
	.globl	outermost
	.type	outermost, %function
outermost:
	.cfi_startproc
	.cfi_undefined 30
	mov	x29, #0				// 0x00
	bl	ext				// 0x04
	brk	#0x3e8				// 0x08
	.cfi_endproc
	.size	outermost, .-outermost

// .cfi_remember_state right after the directives that define the row at the
// same address (clang emits this): gas 2.40 remembers the previous SFrame
// row, so after .cfi_restore_state the SFrame row is stale (sp+16, x29 and
// x30 "not saved") while DWARF has the right one.
	.globl	remember
	.type	remember, %function
remember:
	.cfi_startproc
	stp	x29, x30, [sp, #-16]!		// 0x00
	.cfi_def_cfa_offset 16
	mov	x29, sp				// 0x04
	.cfi_def_cfa 29, 16
	.cfi_offset 30, -8
	.cfi_offset 29, -16
	.cfi_remember_state
	cbz	x0, 1f				// 0x08
	ldp	x29, x30, [sp], #16		// 0x0c
	.cfi_def_cfa 31, 0
	.cfi_restore 30
	.cfi_restore 29
	ret					// 0x10
1:
	.cfi_restore_state
	bl	ext				// 0x14
	ldp	x29, x30, [sp], #16		// 0x18
	.cfi_def_cfa 31, 0
	.cfi_restore 30
	.cfi_restore 29
	ret					// 0x1c
	.cfi_endproc
	.size	remember, .-remember

// x29 saved without x30 (clang saves x29 alone in some leaf functions).
// SFrame v1 has no way to say "FP saved, RA not": gas 2.40 writes the
// offsets [CFA, FP], which every reader (objdump too) takes as [CFA, RA],
// so the row claims the return address is at x29's slot.
	.globl	fp_only
	.type	fp_only, %function
fp_only:
	.cfi_startproc
	sub	sp, sp, #16			// 0x00
	.cfi_def_cfa_offset 16
	str	x29, [sp, #8]			// 0x04
	.cfi_offset 29, -8
	ldr	x29, [sp, #8]			// 0x08
	.cfi_restore 29
	add	sp, sp, #16			// 0x0c
	.cfi_def_cfa_offset 0
	ret					// 0x10
	.cfi_endproc
	.size	fp_only, .-fp_only
