// SPDX-License-Identifier: GPL-2.0-or-later
//
// A frame record in memory the caller provides, as libffi's ffi_call_SYSV
// keeps one: the caller's x29 and x30 and SP are saved through a pointer
// argument (x1), x29 is pointed at them, and SP is set to another argument.
// fpv follows the copies at P (x1, then x29): the caller's x29 is at
// [x29+0], x30 at [x29+8] once the call has clobbered it, and the CFA is
// the value saved at [x29+32], so every instruction has a state, the call
// is made with x29 at a frame record, and the return finds SP, x29 and x30
// restored.  The CFI is libffi's: it names x29 + 40 as the CFA (not the
// caller's SP: cfa-base), and after SP is restored, SP + 40 with x29 and
// x30 at [sp] and [sp+8] (cfa-offset: SP is the CFA again there, and the
// registers are at P, then restored).  clobbered: a store over the saved
// x30 ends the frame record, so the call is made without one; lost: P's
// register overwritten while the CFA is only at P leaves the state unknown.
// "// s:" is the hand-derived state before each instruction.
// build: aarch64-linux-gnu-as -o $OBJ $SRC
// fpv: check
// fpv: xcheck --summary
	.text
	.p2align 2

	.globl	call_sysv
	.type	call_sysv, %function
call_sysv:
	.cfi_startproc
	.cfi_def_cfa x1, 40
	stp	x29, x30, [x1]		// s: cfa:sp+0
	mov	x9, sp			// s: cfa:sp+0 x1->{fp+0,ra+8}
	str	x9, [x1, #32]		// s: cfa:sp+0 x9=cfa+0 x1->{fp+0,ra+8}
	mov	x29, x1			// s: cfa:sp+0 x9=cfa+0 x1->{fp+0,ra+8,cfa+32}
	mov	sp, x0			// s: cfa:sp+0 fp:[x29+0] x9=cfa+0 x29->{ra+8,cfa+32} fprec
	.cfi_def_cfa_register x29
	.cfi_rel_offset x29, 0
	.cfi_rel_offset x30, 8
	mov	x9, x2			// s: cfa:x9+0 fp:[x29+0] sp=? x29->{ra+8,cfa+32} fprec
	stp	x3, x4, [x29, #16]	// s: cfa:[x29+32] fp:[x29+0] sp=? x29->{ra+8} fprec
	ldp	x0, x1, [sp, #128]	// s: cfa:[x29+32] fp:[x29+0] sp=? x29->{ra+8} fprec
	add	sp, sp, #0xc0		// s: cfa:[x29+32] fp:[x29+0] sp=? x29->{ra+8} fprec
	blr	x9			// s: cfa:[x29+32] fp:[x29+0] sp=? x29->{ra+8} fprec
	ldp	x3, x4, [x29, #16]	// s: cfa:[x29+32] fp:[x29+0] ra:[x29+8] sp=? fprec
	ldr	x9, [x29, #32]		// s: cfa:[x29+32] fp:[x29+0] ra:[x29+8] sp=? fprec
	mov	sp, x9			// s: cfa:[x29+32] fp:[x29+0] ra:[x29+8] sp=? x9=cfa+0 fprec
	.cfi_def_cfa_register sp
	mov	x2, x29			// s: cfa:sp+0 fp:[x29+0] ra:[x29+8] x9=cfa+0 x29->{cfa+32} fprec
	ldp	x29, x30, [x29]		// s: cfa:sp+0 fp:[x29+0] ra:[x29+8] x9=cfa+0 x29->{cfa+32} fprec
	str	x0, [x3]		// s: cfa:sp+0 x9=cfa+0
	ret				// s: cfa:sp+0 x9=cfa+0
	.cfi_endproc
	.size	call_sysv, .-call_sysv

	.globl	clobbered
	.type	clobbered, %function
clobbered:
	stp	x29, x30, [x1]		// s: cfa:sp+0
	mov	x29, x1			// s: cfa:sp+0 x1->{fp+0,ra+8}
	str	xzr, [x29, #8]		// s: cfa:sp+0 fp:[x29+0] x29->{ra+8} fprec
	bl	abort			// s: cfa:sp+0 fp:[x29+0]
	.size	clobbered, .-clobbered

	.globl	lost
	.type	lost, %function
lost:
	mov	x9, sp			// s: cfa:sp+0
	str	x9, [x1, #32]		// s: cfa:sp+0 x9=cfa+0
	mov	sp, x0			// s: cfa:sp+0 x9=cfa+0 x1->{cfa+32}
	mov	x9, x2			// s: cfa:x9+0 sp=? x1->{cfa+32}
	ldr	x1, [sp]		// s: cfa:[x1+32] sp=?
	ret				// s: unknown
	.size	lost, .-lost
