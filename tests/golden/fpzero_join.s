// SPDX-License-Identifier: GPL-2.0-or-later
//
// x29 = 0 on one path into a join only.  Clang 16 -O2 with
// -fno-omit-frame-pointer sets up no frame record in a leaf, saves x29/x30
// and uses both as general registers (arm64 kernel, lib/zstd
// ZSTD_compressBlock_doubleFast, ZSTD_BtFindBestMatch_selectMLS: "mov x29,
// xzr" on one path into a loop).  The paths differed only in the "x29 = 0"
// relation (the end of the frame chain, as in _start), and the join was
// reported as "stack state mismatch" with the state unknown from there.
// x29 is no frame address on either path, so the join just forgets that
// it is 0.  Fail safe: x29 = 0 exempts a call from the frame-record rule,
// so after such a join a call is reported under --fp (fpzero_call), as when
// x29 is not 0 on either path.  "// s:" is the hand-derived state before
// each instruction.
// build: aarch64-linux-gnu-as -o $OBJ $SRC
// fpv: check --fp
	.text
	.p2align 2

// Forward join: x29 = 0 on the fall-through, x1 + 8 on the branch.
	.globl	fpzero_leaf
	.type	fpzero_leaf, %function
fpzero_leaf:
	sub	sp, sp, #0x20		// s: cfa:sp+0
	stp	x29, x30, [sp, #16]	// s: cfa:sp+32
	cbz	x0, 1f			// s: cfa:sp+32 fp:cfa-16 ra:cfa-8
	mov	x29, xzr		// s: cfa:sp+32 fp:cfa-16 ra:cfa-8
	b	2f			// s: cfa:sp+32 fp:cfa-16 ra:cfa-8 x29=0
1:	add	x29, x1, #0x8		// s: cfa:sp+32 fp:cfa-16 ra:cfa-8
2:	add	x0, x0, x29		// s: cfa:sp+32 fp:cfa-16 ra:cfa-8
	ldp	x29, x30, [sp, #16]	// s: cfa:sp+32 fp:cfa-16 ra:cfa-8
	add	sp, sp, #0x20		// s: cfa:sp+32
	ret				// s: cfa:sp+0
	.size	fpzero_leaf, .-fpzero_leaf

// Loop (the zstd shape): x29 = 0 arrives at the loop head by the back edge.
	.globl	fpzero_loop
	.type	fpzero_loop, %function
fpzero_loop:
	paciasp				// s: cfa:sp+0
	sub	sp, sp, #0x20		// s: cfa:sp+0 pac
	stp	x29, x30, [sp, #16]	// s: cfa:sp+32 pac
	mov	x29, x1			// s: cfa:sp+32 fp:cfa-16 ra:cfa-8 pac
1:	add	x0, x0, x29		// s: cfa:sp+32 fp:cfa-16 ra:cfa-8 pac
	subs	x2, x2, #0x1		// s: cfa:sp+32 fp:cfa-16 ra:cfa-8 pac
	mov	x29, xzr		// s: cfa:sp+32 fp:cfa-16 ra:cfa-8 pac
	b.ne	1b			// s: cfa:sp+32 fp:cfa-16 ra:cfa-8 x29=0 pac
	ldp	x29, x30, [sp, #16]	// s: cfa:sp+32 fp:cfa-16 ra:cfa-8 x29=0 pac
	add	sp, sp, #0x20		// s: cfa:sp+32 pac
	autiasp				// s: cfa:sp+0 pac
	ret				// s: cfa:sp+0
	.size	fpzero_loop, .-fpzero_loop

// Fail safe: after the join x29 may be any value, so the call needs a
// frame record and has none.
	.globl	fpzero_call
	.type	fpzero_call, %function
fpzero_call:
	stp	x29, x30, [sp, #-16]!	// s: cfa:sp+0
	cbz	x0, 1f			// s: cfa:sp+16 fp:cfa-16 ra:cfa-8
	mov	x29, xzr		// s: cfa:sp+16 fp:cfa-16 ra:cfa-8
	b	2f			// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=0
1:	mov	x29, x1			// s: cfa:sp+16 fp:cfa-16 ra:cfa-8
2:	bl	g			// s: cfa:sp+16 fp:cfa-16 ra:cfa-8
	ldp	x29, x30, [sp], #16	// s: cfa:sp+16 fp:cfa-16 ra:cfa-8
	ret				// s: cfa:sp+0
	.size	fpzero_call, .-fpzero_call
