// SPDX-License-Identifier: GPL-2.0-or-later
//
// Jump tables whose range check is made on the register the index was
// copied from, after the copy: GCC 12 (arm64 kernel, -O2,
// security/integrity/ima/ima_policy.c ima_parse_rule) keeps the switch
// value returned in w0 and copies it to w3 before the compare, "bl
// match_token ; mov w3, w0 ; cmp w0, #0x2d ; b.ls ; ... ; ldrh w0, [x24,
// w3, uxtw #1] ; adr x1, .Lanc ; add x0, x1, w0, sxth #2 ; br x0".  The
// compare bounds the index: w3 and w0 hold the same value from the move to
// the compare.  Without the bound the table is read while its entries land
// in the function, and the word after it (here an entry that sends the
// live frame to the ret) gives a false finding.
// The bad_* functions are the fail-safe side: a compare of an unrelated
// register, and a compare of the source after it was written again, bound
// nothing; the table is read on, and the stray entry reported.
// "// s:" is the hand-derived state before each instruction ("-": not
// reached).
// build: aarch64-linux-gnu-as -o $OBJ $SRC
// fpv: check
	.text
	.p2align 2

// ima_parse_rule: the copy, then the compare of the source.
	.globl	copy_cmp
	.type	copy_cmp, %function
copy_cmp:
	stp	x29, x30, [sp, #-32]!	// s: cfa:sp+0
	mov	x29, sp			// s: cfa:sp+32 fp:cfa-32 ra:cfa-24
	str	x24, [sp, #16]		// s: cfa:sp+32 fp:cfa-32 ra:cfa-24 x29=cfa-32 fprec
	adrp	x24, .Ltab_c		// s: cfa:sp+32 fp:cfa-32 ra:cfa-24 x29=cfa-32 fprec
	add	x24, x24, :lo12:.Ltab_c	// s: cfa:sp+32 fp:cfa-32 ra:cfa-24 x29=cfa-32 fprec
	bl	g			// s: cfa:sp+32 fp:cfa-32 ra:cfa-24 x29=cfa-32 fprec
	mov	w3, w0			// s: cfa:sp+32 fp:cfa-32 ra:cfa-24 x29=cfa-32 fprec
	cmp	w0, #0x2		// s: cfa:sp+32 fp:cfa-32 ra:cfa-24 x29=cfa-32 fprec
	b.hi	.Lc_out			// s: cfa:sp+32 fp:cfa-32 ra:cfa-24 x29=cfa-32 fprec
	ldrh	w0, [x24, w3, uxtw #1]	// s: cfa:sp+32 fp:cfa-32 ra:cfa-24 x29=cfa-32 fprec
	adr	x1, .Lanc_c		// s: cfa:sp+32 fp:cfa-32 ra:cfa-24 x29=cfa-32 fprec
	add	x0, x1, w0, sxth #2	// s: cfa:sp+32 fp:cfa-32 ra:cfa-24 x29=cfa-32 fprec
	br	x0			// s: cfa:sp+32 fp:cfa-32 ra:cfa-24 x29=cfa-32 fprec
.Lanc_c:
.Lc0:	bl	g			// s: cfa:sp+32 fp:cfa-32 ra:cfa-24 x29=cfa-32 fprec
	b	.Lc_out			// s: cfa:sp+32 fp:cfa-32 ra:cfa-24 x29=cfa-32 fprec
.Lc1:	mov	w0, #0x1		// s: cfa:sp+32 fp:cfa-32 ra:cfa-24 x29=cfa-32 fprec
	b	.Lc_out			// s: cfa:sp+32 fp:cfa-32 ra:cfa-24 x29=cfa-32 fprec
.Lc2:	mov	w0, #0x2		// s: cfa:sp+32 fp:cfa-32 ra:cfa-24 x29=cfa-32 fprec
.Lc_out:
	ldr	x24, [sp, #16]		// s: cfa:sp+32 fp:cfa-32 ra:cfa-24 x29=cfa-32 fprec
	ldp	x29, x30, [sp], #32	// s: cfa:sp+32 fp:cfa-32 ra:cfa-24 x29=cfa-32 fprec
.Lc_ret:
	ret				// s: cfa:sp+0
	.size	copy_cmp, .-copy_cmp

// Fail safe: the compare is on w1, which the index was never copied from.
	.globl	bad_copy_other
	.type	bad_copy_other, %function
bad_copy_other:
	stp	x29, x30, [sp, #-32]!	// s: cfa:sp+0
	mov	x29, sp			// s: cfa:sp+32 fp:cfa-32 ra:cfa-24
	str	x24, [sp, #16]		// s: cfa:sp+32 fp:cfa-32 ra:cfa-24 x29=cfa-32 fprec
	adrp	x24, .Ltab_o		// s: cfa:sp+32 fp:cfa-32 ra:cfa-24 x29=cfa-32 fprec
	add	x24, x24, :lo12:.Ltab_o	// s: cfa:sp+32 fp:cfa-32 ra:cfa-24 x29=cfa-32 fprec
	bl	g			// s: cfa:sp+32 fp:cfa-32 ra:cfa-24 x29=cfa-32 fprec
	mov	w3, w0			// s: cfa:sp+32 fp:cfa-32 ra:cfa-24 x29=cfa-32 fprec
	cmp	w1, #0x2		// s: cfa:sp+32 fp:cfa-32 ra:cfa-24 x29=cfa-32 fprec
	b.hi	.Lo_out			// s: cfa:sp+32 fp:cfa-32 ra:cfa-24 x29=cfa-32 fprec
	ldrh	w0, [x24, w3, uxtw #1]	// s: cfa:sp+32 fp:cfa-32 ra:cfa-24 x29=cfa-32 fprec
	adr	x1, .Lanc_o		// s: cfa:sp+32 fp:cfa-32 ra:cfa-24 x29=cfa-32 fprec
	add	x0, x1, w0, sxth #2	// s: cfa:sp+32 fp:cfa-32 ra:cfa-24 x29=cfa-32 fprec
	br	x0			// s: cfa:sp+32 fp:cfa-32 ra:cfa-24 x29=cfa-32 fprec
.Lanc_o:
.Lo0:	bl	g			// s: cfa:sp+32 fp:cfa-32 ra:cfa-24 x29=cfa-32 fprec
	b	.Lo_out			// s: cfa:sp+32 fp:cfa-32 ra:cfa-24 x29=cfa-32 fprec
.Lo1:	mov	w0, #0x1		// s: cfa:sp+32 fp:cfa-32 ra:cfa-24 x29=cfa-32 fprec
	b	.Lo_out			// s: cfa:sp+32 fp:cfa-32 ra:cfa-24 x29=cfa-32 fprec
.Lo2:	mov	w0, #0x2		// s: cfa:sp+32 fp:cfa-32 ra:cfa-24 x29=cfa-32 fprec
.Lo_out:
	ldr	x24, [sp, #16]		// s: cfa:sp+32 fp:cfa-32 ra:cfa-24 x29=cfa-32 fprec
	ldp	x29, x30, [sp], #32	// s: cfa:sp+32 fp:cfa-32 ra:cfa-24 x29=cfa-32 fprec
.Lo_ret:
	ret				// s: unknown
	.size	bad_copy_other, .-bad_copy_other

// Fail safe: w0 is written between the copy and the compare, so the
// compare says nothing about w3.
	.globl	bad_copy_rewritten
	.type	bad_copy_rewritten, %function
bad_copy_rewritten:
	stp	x29, x30, [sp, #-32]!	// s: cfa:sp+0
	mov	x29, sp			// s: cfa:sp+32 fp:cfa-32 ra:cfa-24
	str	x24, [sp, #16]		// s: cfa:sp+32 fp:cfa-32 ra:cfa-24 x29=cfa-32 fprec
	adrp	x24, .Ltab_w		// s: cfa:sp+32 fp:cfa-32 ra:cfa-24 x29=cfa-32 fprec
	add	x24, x24, :lo12:.Ltab_w	// s: cfa:sp+32 fp:cfa-32 ra:cfa-24 x29=cfa-32 fprec
	bl	g			// s: cfa:sp+32 fp:cfa-32 ra:cfa-24 x29=cfa-32 fprec
	mov	w3, w0			// s: cfa:sp+32 fp:cfa-32 ra:cfa-24 x29=cfa-32 fprec
	lsr	w0, w0, #8		// s: cfa:sp+32 fp:cfa-32 ra:cfa-24 x29=cfa-32 fprec
	cmp	w0, #0x2		// s: cfa:sp+32 fp:cfa-32 ra:cfa-24 x29=cfa-32 fprec
	b.hi	.Lw_out			// s: cfa:sp+32 fp:cfa-32 ra:cfa-24 x29=cfa-32 fprec
	ldrh	w0, [x24, w3, uxtw #1]	// s: cfa:sp+32 fp:cfa-32 ra:cfa-24 x29=cfa-32 fprec
	adr	x1, .Lanc_w		// s: cfa:sp+32 fp:cfa-32 ra:cfa-24 x29=cfa-32 fprec
	add	x0, x1, w0, sxth #2	// s: cfa:sp+32 fp:cfa-32 ra:cfa-24 x29=cfa-32 fprec
	br	x0			// s: cfa:sp+32 fp:cfa-32 ra:cfa-24 x29=cfa-32 fprec
.Lanc_w:
.Lw0:	bl	g			// s: cfa:sp+32 fp:cfa-32 ra:cfa-24 x29=cfa-32 fprec
	b	.Lw_out			// s: cfa:sp+32 fp:cfa-32 ra:cfa-24 x29=cfa-32 fprec
.Lw1:	mov	w0, #0x1		// s: cfa:sp+32 fp:cfa-32 ra:cfa-24 x29=cfa-32 fprec
	b	.Lw_out			// s: cfa:sp+32 fp:cfa-32 ra:cfa-24 x29=cfa-32 fprec
.Lw2:	mov	w0, #0x2		// s: cfa:sp+32 fp:cfa-32 ra:cfa-24 x29=cfa-32 fprec
.Lw_out:
	ldr	x24, [sp, #16]		// s: cfa:sp+32 fp:cfa-32 ra:cfa-24 x29=cfa-32 fprec
	ldp	x29, x30, [sp], #32	// s: cfa:sp+32 fp:cfa-32 ra:cfa-24 x29=cfa-32 fprec
.Lw_ret:
	ret				// s: unknown
	.size	bad_copy_rewritten, .-bad_copy_rewritten

	.section .rodata
	.p2align 1
// Halfword entries, scaled by 4 from the adr anchor.  The fourth is not an
// entry: it sends the live frame to the ret (a bounded table never reads it).
.Ltab_c:
	.hword	(.Lc0 - .Lanc_c) / 4
	.hword	(.Lc1 - .Lanc_c) / 4
	.hword	(.Lc2 - .Lanc_c) / 4
	.hword	(.Lc_ret - .Lanc_c) / 4
	.hword	0x7fff
.Ltab_o:
	.hword	(.Lo0 - .Lanc_o) / 4
	.hword	(.Lo1 - .Lanc_o) / 4
	.hword	(.Lo2 - .Lanc_o) / 4
	.hword	(.Lo_ret - .Lanc_o) / 4
	.hword	0x7fff
.Ltab_w:
	.hword	(.Lw0 - .Lanc_w) / 4
	.hword	(.Lw1 - .Lanc_w) / 4
	.hword	(.Lw2 - .Lanc_w) / 4
	.hword	(.Lw_ret - .Lanc_w) / 4
	.hword	0x7fff
