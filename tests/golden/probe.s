// SPDX-License-Identifier: GPL-2.0-or-later
//
// Scratch registers known relative to the CFA, and the joins they meet at:
// GCC's stack-clash probe loops (-fstack-clash-protection), SP kept in x9
// and restored from it, and joins whose states do not reconcile (reported,
// and unknown from there: fail safe).  The state after "// s:" is the state
// before that instruction, derived by hand (docs/warnings.md gives the
// notation); run.sh compares it with the state column of `fpv check --states`.
// build: aarch64-linux-gnu-as -o $OBJ $SRC
// fpv: check
// fpv: check --backtrace --function=late_mismatch
// fpv: check --states=x9_alloca
	.text
	.p2align 2

// GCC 12 -O2 -fstack-clash-protection, a 1 MiB frame and a tail call
// (int huge(int x) { volatile char buf[1 << 20]; ... return g(buf[x + 1]); }).
// x12 = CFA - 1 MiB.  At the loop head the entry brings SP = CFA and the back
// edge SP = CFA - 64 KiB * k: SP varies, x12 is the same on both, so the CFA
// is x12 + 1048576 (GCC's own CFI says so too).  Where "cmp sp, x12 ; b.ne"
// falls through, SP = x12 = CFA - 1048576.
	.globl	probe_tail
	.type	probe_tail, %function
probe_tail:
	sub	x12, sp, #256, lsl #12	// s: cfa:sp+0
1:	sub	sp, sp, #16, lsl #12	// s: cfa:x12+1048576 sp=?
	str	xzr, [sp, #1024]	// s: cfa:x12+1048576 sp=?
	cmp	sp, x12			// s: cfa:x12+1048576 sp=?
	b.ne	1b			// s: cfa:x12+1048576 sp=?
	mov	x1, sp			// s: cfa:sp+1048576 x12=cfa-1048576
	add	w2, w0, #1		// s: cfa:sp+1048576 x1=cfa-1048576
	mov	w3, #1			// s: cfa:sp+1048576 x1=cfa-1048576
	strb	w3, [x1, w0, sxtw]	// s: cfa:sp+1048576 x1=cfa-1048576
	ldrb	w0, [x1, w2, sxtw]	// s: cfa:sp+1048576 x1=cfa-1048576
	add	sp, sp, #256, lsl #12	// s: cfa:sp+1048576 x1=cfa-1048576
	and	w0, w0, #0xff		// s: cfa:sp+0 x1=cfa-1048576
	b	g			// s: cfa:sp+0 x1=cfa-1048576
	.size	probe_tail, .-probe_tail

// The same with -fno-omit-frame-pointer: the frame record is set up below
// the probed area, after the loop.  The call clobbers x1 (caller-saved).
	.globl	probe_frame
	.type	probe_frame, %function
probe_frame:
	sub	x12, sp, #256, lsl #12	// s: cfa:sp+0
1:	sub	sp, sp, #16, lsl #12	// s: cfa:x12+1048576 sp=?
	str	xzr, [sp, #1024]	// s: cfa:x12+1048576 sp=?
	cmp	sp, x12			// s: cfa:x12+1048576 sp=?
	b.ne	1b			// s: cfa:x12+1048576 sp=?
	sub	sp, sp, #16		// s: cfa:sp+1048576 x12=cfa-1048576
	add	x1, sp, #16		// s: cfa:sp+1048592 x12=cfa-1048576
	stp	x29, x30, [sp]		// s: cfa:sp+1048592 x1=cfa-1048576
	mov	x29, sp			// s: cfa:sp+1048592 fp:cfa-1048592 ra:cfa-1048584 x1=cfa-1048576
	ldrb	w0, [x1, w0, sxtw]	// s: cfa:sp+1048592 fp:cfa-1048592 ra:cfa-1048584 x29=cfa-1048592 x1=cfa-1048576 fprec
	bl	g			// s: cfa:sp+1048592 fp:cfa-1048592 ra:cfa-1048584 x29=cfa-1048592 x1=cfa-1048576 fprec
	ldp	x29, x30, [sp]		// s: cfa:sp+1048592 fp:cfa-1048592 ra:cfa-1048584 x29=cfa-1048592 fprec
	add	sp, sp, #16		// s: cfa:sp+1048592
	add	sp, sp, #256, lsl #12	// s: cfa:sp+1048576
	ret				// s: cfa:sp+0
	.size	probe_frame, .-probe_frame

// The test at the top of the loop: "cmp sp, x9 ; b.eq done" (the equality is
// on the taken edge), the back edge an unconditional branch.
	.globl	probe_eq
	.type	probe_eq, %function
probe_eq:
	sub	x9, sp, #32, lsl #12	// s: cfa:sp+0
1:	cmp	sp, x9			// s: cfa:x9+131072 sp=?
	b.eq	2f			// s: cfa:x9+131072 sp=?
	sub	sp, sp, #1, lsl #12	// s: cfa:x9+131072 sp=?
	str	xzr, [sp]		// s: cfa:x9+131072 sp=?
	b	1b			// s: cfa:x9+131072 sp=?
2:	add	sp, sp, #32, lsl #12	// s: cfa:sp+131072 x9=cfa-131072
	ret				// s: cfa:sp+0 x9=cfa-131072
	.size	probe_eq, .-probe_eq

// SP saved in x9 and restored from it ("mov sp, x9" gives a known SP), as
// tests/xcheck/cfi.s x9_cfa.
	.globl	x9_saved
	.type	x9_saved, %function
x9_saved:
	stp	x29, x30, [sp, #-16]!	// s: cfa:sp+0
	mov	x9, sp			// s: cfa:sp+16 fp:cfa-16 ra:cfa-8
	sub	sp, sp, #4096		// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x9=cfa-16
	str	xzr, [sp]		// s: cfa:sp+4112 fp:cfa-16 ra:cfa-8 x9=cfa-16
	mov	sp, x9			// s: cfa:sp+4112 fp:cfa-16 ra:cfa-8 x9=cfa-16
	ldp	x29, x30, [sp], #16	// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x9=cfa-16
	ret				// s: cfa:sp+0 x9=cfa-16
	.size	x9_saved, .-x9_saved

// SP moved by an unknown amount with no x29: the CFA moves to x9, and SP is
// known again when it is restored from x9.
	.globl	x9_alloca
	.type	x9_alloca, %function
x9_alloca:
	mov	x9, sp			// s: cfa:sp+0
	sub	sp, sp, x0		// s: cfa:sp+0 x9=cfa+0
	str	xzr, [sp]		// s: cfa:x9+0 sp=?
	mov	sp, x9			// s: cfa:x9+0 sp=?
	ret				// s: cfa:sp+0 x9=cfa+0
	.size	x9_alloca, .-x9_alloca

// x9 overwritten while the CFA is based on it, no x29 to take over.
	.globl	bad_x9_clobbered
	.type	bad_x9_clobbered, %function
bad_x9_clobbered:
	mov	x9, sp			// s: cfa:sp+0
	sub	sp, sp, x0		// s: cfa:sp+0 x9=cfa+0
	mov	x9, x1			// s: cfa:x9+0 sp=?
	mov	sp, x9			// s: unknown
	ret				// s: unknown
	.size	bad_x9_clobbered, .-bad_x9_clobbered

// Paths that meet with a relation on one of them only: it is dropped.
	.globl	xr_join
	.type	xr_join, %function
xr_join:
	cbz	x0, 1f			// s: cfa:sp+0
	mov	x9, sp			// s: cfa:sp+0
1:	ret				// s: cfa:sp+0
	.size	xr_join, .-xr_join

// A join with an SP-based CFA and different SP offsets: a mismatch, and the
// state is unknown from there (neither path's state is claimed).
	.globl	bad_sp_join
	.type	bad_sp_join, %function
bad_sp_join:
	cbz	x0, 1f			// s: cfa:sp+0
	sub	sp, sp, #16		// s: cfa:sp+0
1:	add	x0, x0, #1		// s: unknown
	add	sp, sp, #16		// s: unknown
	ret				// s: unknown
	.size	bad_sp_join, .-bad_sp_join

// The fall-through path is walked first and reaches "b h" with SP not
// restored; then the branch arrives at the nop with another SP.  The
// mismatch is the cause, and it replaces the tail-call finding, whose state
// (now unknown) did not hold on every path.
	.globl	late_mismatch
	.type	late_mismatch, %function
late_mismatch:
	cbz	x0, 1f			// s: cfa:sp+0
	sub	sp, sp, #16		// s: cfa:sp+0
1:	nop				// s: unknown
	b	h			// s: unknown
	.size	late_mismatch, .-late_mismatch

// CBZ after a comparison of SP is not B.EQ: no equality on either edge, and
// a forward join does not widen through x9 (the join is reported).
	.globl	bad_cbz_after_cmp
	.type	bad_cbz_after_cmp, %function
bad_cbz_after_cmp:
	mov	x9, sp			// s: cfa:sp+0
	sub	sp, sp, #16		// s: cfa:sp+0 x9=cfa+0
	cmp	sp, x9			// s: cfa:sp+16 x9=cfa+0
	cbz	x0, 1f			// s: cfa:sp+16 x9=cfa+0
	add	sp, sp, #16		// s: cfa:sp+16 x9=cfa+0
1:	ret				// s: unknown
	.size	bad_cbz_after_cmp, .-bad_cbz_after_cmp
