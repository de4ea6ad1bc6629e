// SPDX-License-Identifier: GPL-2.0-or-later
//
// Computed gotos (GCC's labels as values): a BR that is no jump table,
// taken with the frame live, goes to a label of its function whose address
// is taken, and such labels are in data.  interp is a threaded interpreter
// in the shape of OCaml's caml_interprete (ocamlrun): each handler ends in
// "goto *(base + *pc++)", the label addresses sit in a table in .data (an
// R_AARCH64_ABS64 relocation in the object, R_AARCH64_RELATIVE in the PIE,
// the address itself in the executable), and every label is entered with
// the state at the BR.  interp_sp pushes 16 bytes in one handler and
// dispatches again: the labels' states disagree, a mismatch.  interp_none
// has no label in data: the BR keeps its finding.  tail_goto's BR runs with
// the frame torn down, where it may be a tail call: not a computed goto, so
// its label stays unreached.  "// s:" is the hand-derived state before each
// instruction of the object.
// build: aarch64-linux-gnu-as -o $OBJ $SRC && aarch64-linux-gnu-ld -pie -e ext -o computed_goto.pie $OBJ && aarch64-linux-gnu-ld -e ext -o computed_goto.exe $OBJ
// fpv: check computed_goto.pie computed_goto.exe
// fpv: xcheck --summary computed_goto.pie computed_goto.exe
	.text
	.p2align 2

	.globl	ext
	.type	ext, %function
ext:
	.cfi_startproc
	ret				// s: cfa:sp+0
	.cfi_endproc
	.size	ext, .-ext

	.globl	interp
	.type	interp, %function
interp:
	.cfi_startproc
	stp	x29, x30, [sp, #-32]!	// s: cfa:sp+0
	.cfi_def_cfa_offset 32
	.cfi_offset 29, -32
	.cfi_offset 30, -24
	mov	x29, sp			// s: cfa:sp+32 fp:cfa-32 ra:cfa-24
	stp	x19, x20, [sp, #16]	// s: cfa:sp+32 fp:cfa-32 ra:cfa-24 x29=cfa-32 fprec
	.cfi_offset 19, -16
	.cfi_offset 20, -8
	mov	x19, x0			// s: cfa:sp+32 fp:cfa-32 ra:cfa-24 x29=cfa-32 fprec
	adr	x20, .Li_inc		// s: cfa:sp+32 fp:cfa-32 ra:cfa-24 x29=cfa-32 fprec
	ldrsw	x2, [x19], #4		// s: cfa:sp+32 fp:cfa-32 ra:cfa-24 x29=cfa-32 fprec
	add	x2, x20, x2		// s: cfa:sp+32 fp:cfa-32 ra:cfa-24 x29=cfa-32 fprec
	br	x2			// s: cfa:sp+32 fp:cfa-32 ra:cfa-24 x29=cfa-32 fprec
.Li_inc:
	add	x1, x1, #0x1		// s: cfa:sp+32 fp:cfa-32 ra:cfa-24 x29=cfa-32 fprec
	ldrsw	x2, [x19], #4		// s: cfa:sp+32 fp:cfa-32 ra:cfa-24 x29=cfa-32 fprec
	add	x2, x20, x2		// s: cfa:sp+32 fp:cfa-32 ra:cfa-24 x29=cfa-32 fprec
	br	x2			// s: cfa:sp+32 fp:cfa-32 ra:cfa-24 x29=cfa-32 fprec
.Li_call:
	mov	x0, x1			// s: cfa:sp+32 fp:cfa-32 ra:cfa-24 x29=cfa-32 fprec
	bl	ext			// s: cfa:sp+32 fp:cfa-32 ra:cfa-24 x29=cfa-32 fprec
	mov	x1, x0			// s: cfa:sp+32 fp:cfa-32 ra:cfa-24 x29=cfa-32 fprec
	ldrsw	x2, [x19], #4		// s: cfa:sp+32 fp:cfa-32 ra:cfa-24 x29=cfa-32 fprec
	add	x2, x20, x2		// s: cfa:sp+32 fp:cfa-32 ra:cfa-24 x29=cfa-32 fprec
	br	x2			// s: cfa:sp+32 fp:cfa-32 ra:cfa-24 x29=cfa-32 fprec
.Li_stop:
	mov	x0, x1			// s: cfa:sp+32 fp:cfa-32 ra:cfa-24 x29=cfa-32 fprec
	ldp	x19, x20, [sp, #16]	// s: cfa:sp+32 fp:cfa-32 ra:cfa-24 x29=cfa-32 fprec
	ldp	x29, x30, [sp], #32	// s: cfa:sp+32 fp:cfa-32 ra:cfa-24 x29=cfa-32 fprec
	.cfi_restore 30
	.cfi_restore 29
	.cfi_restore 20
	.cfi_restore 19
	.cfi_def_cfa_offset 0
	ret				// s: cfa:sp+0
	.cfi_endproc
	.size	interp, .-interp

	.globl	interp_sp
	.type	interp_sp, %function
interp_sp:
	.cfi_startproc
	sub	sp, sp, #0x20		// s: cfa:sp+0
	.cfi_def_cfa_offset 32
	str	x30, [sp, #8]		// s: cfa:sp+32
	.cfi_offset 30, -24
	adr	x3, .Ls_push		// s: cfa:sp+32 ra:cfa-24
	ldrsw	x2, [x0], #4		// s: cfa:sp+32 ra:cfa-24
	add	x2, x3, x2		// s: cfa:sp+32 ra:cfa-24
	br	x2			// s: cfa:sp+32 ra:cfa-24
.Ls_push:
	sub	sp, sp, #0x10		// s: unknown
	ldrsw	x2, [x0], #4		// s: unknown
	add	x2, x3, x2		// s: unknown
	br	x2			// s: unknown
.Ls_stop:
	ldr	x30, [sp, #8]		// s: unknown
	add	sp, sp, #0x20		// s: unknown
	ret				// s: unknown
	.cfi_endproc
	.size	interp_sp, .-interp_sp

	.globl	interp_none
	.type	interp_none, %function
interp_none:
	.cfi_startproc
	stp	x29, x30, [sp, #-16]!	// s: cfa:sp+0
	.cfi_def_cfa_offset 16
	.cfi_offset 29, -16
	.cfi_offset 30, -8
	mov	x29, sp			// s: cfa:sp+16 fp:cfa-16 ra:cfa-8
	adr	x3, .Ln_op		// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	ldrsw	x2, [x0], #4		// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	add	x2, x3, x2		// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	br	x2			// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
.Ln_op:
	ldp	x29, x30, [sp], #16	// s: -
	.cfi_restore 30
	.cfi_restore 29
	.cfi_def_cfa_offset 0
	ret				// s: -
	.cfi_endproc
	.size	interp_none, .-interp_none

	.globl	tail_goto
	.type	tail_goto, %function
tail_goto:
	.cfi_startproc
	adr	x3, .Lt_op		// s: cfa:sp+0
	ldrsw	x2, [x0]		// s: cfa:sp+0
	add	x2, x3, x2		// s: cfa:sp+0
	br	x2			// s: cfa:sp+0
.Lt_op:
	mov	x0, #0x0		// s: -
	ret				// s: -
	.cfi_endproc
	.size	tail_goto, .-tail_goto

	.data
	.p2align 3
	.xword	.Li_inc, .Li_call, .Li_stop
	.xword	.Ls_push, .Ls_stop
	.xword	.Lt_op
