// SPDX-License-Identifier: GPL-2.0-or-later
//
// The shapes of OCaml's native code (ocamlopt 4.13, arm64), as in Debian's
// unison and the OCaml runtime:
//   - match_table: a match on a constructor is a table of B instructions
//     after the br, "asr x4, x3, #1 ; adr x16, .Ltab ; add x16, x16, x4,
//     lsl #2 ; br x16", with no compare (the type gives the range); the
//     table is the run of B instructions from .Ltab.
//   - try_with: a handler is pushed as a trap frame, "adr x16, .Lhandler ;
//     str x26, [sp, #-16]! ; str x16, [sp, #8] ; mov x26, sp"; a raise
//     restores SP from x26, pops the frame and jumps to the handler, which
//     therefore starts from the state at the adr.
//   - bound_check: the out-of-line bound error ends the function with a call
//     to caml_ml_array_bound_error, which raises and never returns.
// build: aarch64-linux-gnu-as -o $OBJ $SRC
// fpv: check --werror --no-fp
	.text
	.p2align 2

	.globl	match_table
	.type	match_table, %function
match_table:
	sub	sp, sp, #0x20		// s: cfa:sp+0
	str	x30, [sp, #24]		// s: cfa:sp+32
	ldr	x3, [x0, #16]		// s: cfa:sp+32 ra:cfa-8
	asr	x4, x3, #1		// s: cfa:sp+32 ra:cfa-8
	adr	x16, .Ltab		// s: cfa:sp+32 ra:cfa-8
	add	x16, x16, x4, lsl #2	// s: cfa:sp+32 ra:cfa-8
	br	x16			// s: cfa:sp+32 ra:cfa-8
.Ltab:
	b	.Lm0			// s: cfa:sp+32 ra:cfa-8
	b	.Lm1			// s: cfa:sp+32 ra:cfa-8
	b	.Lm2			// s: cfa:sp+32 ra:cfa-8
.Lm0:	bl	g			// s: cfa:sp+32 ra:cfa-8
	b	.Lm_out			// s: cfa:sp+32 ra:cfa-8
.Lm1:	mov	x0, #0x3		// s: cfa:sp+32 ra:cfa-8
	b	.Lm_out			// s: cfa:sp+32 ra:cfa-8
.Lm2:	mov	x0, #0x5		// s: cfa:sp+32 ra:cfa-8
.Lm_out:
	ldr	x30, [sp, #24]		// s: cfa:sp+32 ra:cfa-8
	add	sp, sp, #0x20		// s: cfa:sp+32
	ret				// s: cfa:sp+0
	.size	match_table, .-match_table

	.globl	try_with
	.type	try_with, %function
try_with:
	sub	sp, sp, #0x10		// s: cfa:sp+0
	str	x30, [sp, #8]		// s: cfa:sp+16
	adr	x16, .Lhandler		// s: cfa:sp+16 ra:cfa-8
	str	x26, [sp, #-16]!	// s: cfa:sp+16 ra:cfa-8
	str	x16, [sp, #8]		// s: cfa:sp+32 ra:cfa-8
	mov	x26, sp			// s: cfa:sp+32 ra:cfa-8
	bl	g			// s: cfa:sp+32 ra:cfa-8 x26=cfa-32
	ldr	x26, [sp], #16		// s: cfa:sp+32 ra:cfa-8 x26=cfa-32
.Lt_out:
	ldr	x30, [sp, #8]		// s: cfa:sp+16 ra:cfa-8
	add	sp, sp, #0x10		// s: cfa:sp+16
	ret				// s: cfa:sp+0
.Lhandler:
	mov	x0, #0x1		// s: cfa:sp+16 ra:cfa-8
	b	.Lt_out			// s: cfa:sp+16 ra:cfa-8
	.size	try_with, .-try_with

	.globl	bound_check
	.type	bound_check, %function
bound_check:
	sub	sp, sp, #0x10		// s: cfa:sp+0
	str	x30, [sp, #8]		// s: cfa:sp+16
	ldr	x1, [x0, #-8]		// s: cfa:sp+16 ra:cfa-8
	cmp	x1, #0x10		// s: cfa:sp+16 ra:cfa-8
	b.ls	.Lb_err			// s: cfa:sp+16 ra:cfa-8
	ldr	x0, [x0, #8]		// s: cfa:sp+16 ra:cfa-8
	ldr	x30, [sp, #8]		// s: cfa:sp+16 ra:cfa-8
	add	sp, sp, #0x10		// s: cfa:sp+16
	ret				// s: cfa:sp+0
.Lb_err:
	bl	caml_ml_array_bound_error	// s: cfa:sp+16 ra:cfa-8
	.size	bound_check, .-bound_check

	.globl	g
	.type	g, %function
g:
	ret				// s: cfa:sp+0
	.size	g, .-g
