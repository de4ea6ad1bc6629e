// SPDX-License-Identifier: GPL-2.0-or-later
//
// The return address saved twice, as GHC's StgRun does: x30 with the
// callee-saved registers ("str x30, [sp, #80]"), then again in the frame
// record ("stp x29, x30, [sp, #-16]!" ; "mov x29, sp").  x30 held the
// return address at both stores, so the record {x29, x30} is a frame
// record, with the return address at CFA-104 as well as at CFA-16, where
// its CFI says it is (xcheck agrees).  `fpv orc` encodes the record's copy
// (ra = fp + 8) so that a frame-pointer walk can use the record.  second_bl:
// a call between the two stores changes x30, so the second store is no copy
// and the record is not one: no "fprec" at the second call (the finding is
// the first call's, made before any record).
// "// s:" is the hand-derived state before each instruction.
// build: aarch64-linux-gnu-as -o $OBJ $SRC
// fpv: check --fp
// fpv: xcheck --summary
// fpv: orc --dry-run
	.text
	.p2align 2

	.globl	stg_run
	.type	stg_run, %function
stg_run:
	.cfi_startproc
	stp	x19, x20, [sp, #-96]!	// s: cfa:sp+0
	.cfi_def_cfa_offset 96
	.cfi_offset 19, -96
	.cfi_offset 20, -88
	str	x30, [sp, #80]		// s: cfa:sp+96
	.cfi_offset 30, -16
	stp	x29, x30, [sp, #-16]!	// s: cfa:sp+96 ra:cfa-16
	.cfi_def_cfa_offset 112
	.cfi_offset 29, -112
	mov	x29, sp			// s: cfa:sp+112 fp:cfa-112 ra:cfa-16,cfa-104
	bl	f			// s: cfa:sp+112 fp:cfa-112 ra:cfa-16,cfa-104 x29=cfa-112 fprec
	ldp	x29, x30, [sp], #16	// s: cfa:sp+112 fp:cfa-112 ra:cfa-16,cfa-104 x29=cfa-112 fprec
	.cfi_def_cfa_offset 96
	.cfi_restore 29
	.cfi_restore 30
	ldp	x19, x20, [sp], #96	// s: cfa:sp+96
	.cfi_def_cfa_offset 0
	.cfi_restore 19
	.cfi_restore 20
	ret				// s: cfa:sp+0
	.cfi_endproc
	.size	stg_run, .-stg_run

	.globl	second_bl
	.type	second_bl, %function
second_bl:
	.cfi_startproc
	str	x30, [sp, #-32]!	// s: cfa:sp+0
	.cfi_def_cfa_offset 32
	.cfi_offset 30, -32
	bl	f			// s: cfa:sp+32 ra:cfa-32
	stp	x29, x30, [sp, #16]	// s: cfa:sp+32 ra:cfa-32
	.cfi_offset 29, -16
	add	x29, sp, #16		// s: cfa:sp+32 fp:cfa-16 ra:cfa-32
	bl	f			// s: cfa:sp+32 fp:cfa-16 ra:cfa-32 x29=cfa-16
	ldp	x29, x30, [sp, #16]	// s: cfa:sp+32 fp:cfa-16 ra:cfa-32 x29=cfa-16
	.cfi_restore 29
	ldr	x30, [sp], #32		// s: cfa:sp+32 ra:cfa-32
	.cfi_def_cfa_offset 0
	.cfi_restore 30
	ret				// s: cfa:sp+0
	.cfi_endproc
	.size	second_bl, .-second_bl
