// SPDX-License-Identifier: GPL-2.0-or-later
//
// Code after a call that never returns or after a trap is dead: no
// execution reaches it, so it has no state, and `fpv xcheck` counts it
// apart from the code fpv failed to follow ("dead", not "unreached"); so
// are padding and the speculation barriers after a RET.  rust_like is
// rustc's shape: "brk #1" after each panic, or a "b" to a shared one;
// dead_block a block and a loop that only the call's fall-through reaches,
// falling into live code; after_trap the "b" after a trap, a NOP, and
// "ret; dsb sy; isb".  An instruction after such a call that something else
// may enter is not dead: the target of a live branch (reached), code that
// an unreached block leads to (after_trap: the "mov x1" no path reaches,
// as behind a table fpv did not read), an address data holds (from_data),
// the branch back from a cold split (cold_parent), and any word of a
// function that takes an indirect jump fpv did not resolve (tail_br).
// "// s:" is the hand-derived state before each instruction, "dead" where
// the word is dead, "-" where it is unreached.
// build: aarch64-linux-gnu-as -o $OBJ $SRC
// fpv: check --werror
// fpv: xcheck --summary
// fpv: xcheck --summary --json
// fpv: check --stats
	.text
	.p2align 2

	.globl	rust_like
	.type	rust_like, %function
rust_like:
	.cfi_startproc
	stp	x29, x30, [sp, #-16]!	// s: cfa:sp+0
	.cfi_def_cfa_offset 16
	.cfi_offset 29, -16
	.cfi_offset 30, -8
	mov	x29, sp			// s: cfa:sp+16 fp:cfa-16 ra:cfa-8
	cbz	x0, 1f			// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	cbz	x1, 2f			// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	cbz	x2, 3f			// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	.cfi_remember_state
	ldp	x29, x30, [sp], #16	// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	.cfi_restore 30
	.cfi_restore 29
	.cfi_def_cfa_offset 0
	ret				// s: cfa:sp+0
	.cfi_restore_state
1:	bl	abort			// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	brk	#0x1			// s: dead
2:	bl	abort			// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	b	4f			// s: dead
3:	bl	abort			// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
4:	brk	#0x1			// s: dead
	.cfi_endproc
	.size	rust_like, .-rust_like

	.globl	dead_block
	.type	dead_block, %function
dead_block:
	.cfi_startproc
	stp	x29, x30, [sp, #-16]!	// s: cfa:sp+0
	.cfi_def_cfa_offset 16
	.cfi_offset 29, -16
	.cfi_offset 30, -8
	mov	x29, sp			// s: cfa:sp+16 fp:cfa-16 ra:cfa-8
	cbz	x0, 2f			// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	bl	abort			// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	mov	x0, #0x40		// s: dead
1:	subs	x0, x0, #0x1		// s: dead
	b.ne	1b			// s: dead
	mov	x1, #0x0		// s: dead
	mov	x2, #0x0		// s: dead
	mov	x3, #0x0		// s: dead
	mov	x4, #0x0		// s: dead
	mov	x5, #0x0		// s: dead
	mov	x6, #0x0		// s: dead
	mov	x7, #0x0		// s: dead
2:	ldp	x29, x30, [sp], #16	// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	.cfi_restore 30
	.cfi_restore 29
	.cfi_def_cfa_offset 0
	ret				// s: cfa:sp+0
	.cfi_endproc
	.size	dead_block, .-dead_block

	.globl	after_trap
	.type	after_trap, %function
after_trap:
	.cfi_startproc
	stp	x29, x30, [sp, #-16]!	// s: cfa:sp+0
	.cfi_def_cfa_offset 16
	.cfi_offset 29, -16
	.cfi_offset 30, -8
	mov	x29, sp			// s: cfa:sp+16 fp:cfa-16 ra:cfa-8
	cbz	x0, 3f			// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	bl	abort			// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
1:	mov	x0, #0x2		// s: -
	brk	#0x1			// s: -
3:	brk	#0x3e8			// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	b	1b			// s: dead
	nop				// s: dead
	mov	x1, #0x4		// s: -
	b	1b			// s: -
	ret				// s: -
	dsb	sy			// s: dead
	isb				// s: dead
	.cfi_endproc
	.size	after_trap, .-after_trap

	.globl	from_data
	.type	from_data, %function
from_data:
	.cfi_startproc
	stp	x29, x30, [sp, #-16]!	// s: cfa:sp+0
	.cfi_def_cfa_offset 16
	.cfi_offset 29, -16
	.cfi_offset 30, -8
	mov	x29, sp			// s: cfa:sp+16 fp:cfa-16 ra:cfa-8
	bl	abort			// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
.Lfrom_data_entry:
	brk	#0x1			// s: -
	.cfi_endproc
	.size	from_data, .-from_data

	.globl	cold_parent
	.type	cold_parent, %function
cold_parent:
	.cfi_startproc
	stp	x29, x30, [sp, #-16]!	// s: cfa:sp+0
	.cfi_def_cfa_offset 16
	.cfi_offset 29, -16
	.cfi_offset 30, -8
	mov	x29, sp			// s: cfa:sp+16 fp:cfa-16 ra:cfa-8
	cbz	x0, cold_parent.cold	// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	bl	abort			// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
.Lcold_back:
	ldp	x29, x30, [sp], #16	// s: -
	.cfi_restore 30
	.cfi_restore 29
	.cfi_def_cfa_offset 0
	ret				// s: -
	.cfi_endproc
	.size	cold_parent, .-cold_parent

	.globl	tail_br
	.type	tail_br, %function
tail_br:
	.cfi_startproc
	cbz	x0, 1f			// s: cfa:sp+0
	br	x1			// s: cfa:sp+0
1:	stp	x29, x30, [sp, #-16]!	// s: cfa:sp+0
	.cfi_def_cfa_offset 16
	.cfi_offset 29, -16
	.cfi_offset 30, -8
	mov	x29, sp			// s: cfa:sp+16 fp:cfa-16 ra:cfa-8
	bl	abort			// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	brk	#0x1			// s: -
	.cfi_endproc
	.size	tail_br, .-tail_br

	.section .text.unlikely,"ax",%progbits
	.p2align 2
	.type	cold_parent.cold, %function
cold_parent.cold:
	.cfi_startproc
	.cfi_def_cfa_offset 16
	.cfi_offset 29, -16
	.cfi_offset 30, -8
	mov	x0, #0x3		// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	b	.Lcold_back		// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	.cfi_endproc
	.size	cold_parent.cold, .-cold_parent.cold

	.data
	.p2align 3
	.xword	.Lfrom_data_entry
