// SPDX-License-Identifier: GPL-2.0-or-later
//
// Jump tables whose bound is not a "cmp wI, #max" on the index: the index
// masked to n bits (clang 14 -O2 / clang 16 -Os: "ubfx x10, x19, #1, #3",
// no range check, 8 entries), "and w8, w0, #3" (4 entries), and a compare
// of the index made before a zero-extension "and x8, x0, #0xffffffff".
// Each has a compare of another register on the path before the table
// (clang's "cmp w1, #0 ; b.le" of an unrelated test), which bounds nothing:
// taking it for the bound made 1 or 2 entries of 8 reachable and left the
// other cases "unreachable instruction" (runtime gt-clang14-O2-pac-1009,
// gt_f8).  Every case must be reached with the state of the br.  "// s:"
// is the hand-derived state before each instruction.
// build: aarch64-linux-gnu-as -o $OBJ $SRC
// fpv: check --werror
	.text
	.p2align 2

// clang 14 -O2 -mbranch-protection=standard: ldrsw entries relative to
// an adr anchor, index a 3-bit field of x0.
	.globl	ubfx_switch
	.type	ubfx_switch, %function
ubfx_switch:
	paciasp				// s: cfa:sp+0
	stp	x29, x30, [sp, #-16]!	// s: cfa:sp+0 pac
	mov	x29, sp			// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 pac
	cmp	w1, #0x0		// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec pac
	b.le	.Lu_out			// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec pac
	adrp	x11, .Ltab_u		// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec pac
	ubfx	x10, x0, #1, #3		// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec pac
	add	x11, x11, :lo12:.Ltab_u	// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec pac
.Lanc_u:
	adr	x12, .Lanc_u		// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec pac
	ldrsw	x13, [x11, x10, lsl #2]	// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec pac
	add	x12, x12, x13		// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec pac
	br	x12			// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec pac
.Lu0:	bti	j			// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec pac
	bl	g			// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec pac
	b	.Lu_out			// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec pac
.Lu1:	bti	j			// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec pac
	mov	w0, #0x90		// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec pac
	b	.Lu_out			// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec pac
.Lu7:	bti	j			// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec pac
	ldp	x29, x30, [sp], #16	// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec pac
	autiasp				// s: cfa:sp+0 pac
	b	h			// s: cfa:sp+0
.Lu_out:
	ldp	x29, x30, [sp], #16	// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec pac
	autiasp				// s: cfa:sp+0 pac
	ret				// s: cfa:sp+0
	.size	ubfx_switch, .-ubfx_switch

// Index masked with AND (32-bit bitmask immediate, 2 bits): byte entries.
	.globl	and_switch
	.type	and_switch, %function
and_switch:
	stp	x29, x30, [sp, #-16]!	// s: cfa:sp+0
	mov	x29, sp			// s: cfa:sp+16 fp:cfa-16 ra:cfa-8
	and	w8, w0, #0x3		// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	cmp	w1, #0x1		// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	b.ne	.La_out			// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	adrp	x10, .Ltab_a		// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	add	x10, x10, :lo12:.Ltab_a	// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	ldrb	w9, [x10, x8]		// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	adr	x11, .Lanc_a		// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	add	x9, x11, x9, lsl #2	// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	br	x9			// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
.Lanc_a:
.La0:	bl	g			// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	b	.La_out			// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
.La2:	mov	w0, #0x7		// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	b	.La_out			// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
.La3:	ldp	x29, x30, [sp], #16	// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	b	h			// s: cfa:sp+0
.La_out:
	ldp	x29, x30, [sp], #16	// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	ret				// s: cfa:sp+0
	.size	and_switch, .-and_switch

// The range check on w0, then a zero-extension into the index register and
// an unrelated compare: the bound is the check on w0 (3 entries).
	.globl	zext_switch
	.type	zext_switch, %function
zext_switch:
	stp	x29, x30, [sp, #-16]!	// s: cfa:sp+0
	mov	x29, sp			// s: cfa:sp+16 fp:cfa-16 ra:cfa-8
	cmp	w0, #0x2		// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	b.hi	.Lz_out			// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	and	x8, x0, #0xffffffff	// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	cmp	w1, #0x0		// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	b.eq	.Lz_out			// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	adrp	x10, .Ltab_z		// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	add	x10, x10, :lo12:.Ltab_z	// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	ldrh	w9, [x10, x8, lsl #1]	// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	adr	x11, .Lanc_z		// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	add	x9, x11, x9, lsl #2	// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	br	x9			// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
.Lanc_z:
.Lz0:	bl	g			// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	b	.Lz_out			// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
.Lz1:	mov	w0, #0x5		// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	b	.Lz_out			// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
.Lz2:	ldp	x29, x30, [sp], #16	// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	b	h			// s: cfa:sp+0
.Lz_out:
	ldp	x29, x30, [sp], #16	// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	ret				// s: cfa:sp+0
	.size	zext_switch, .-zext_switch

	.section .rodata
	.p2align 2
.Ltab_u:				// entry i = case of (x0 >> 1) & 7
	.word	.Lu0 - .Lanc_u
	.word	.Lu1 - .Lanc_u
	.word	.Lu1 - .Lanc_u
	.word	.Lu0 - .Lanc_u
	.word	.Lu1 - .Lanc_u
	.word	.Lu0 - .Lanc_u
	.word	.Lu1 - .Lanc_u
	.word	.Lu7 - .Lanc_u
	.word	0x7fffff00		// not an entry: the mask bounds the table
.Ltab_a:
	.byte	(.La0 - .Lanc_a) / 4
	.byte	(.La0 - .Lanc_a) / 4
	.byte	(.La2 - .Lanc_a) / 4
	.byte	(.La3 - .Lanc_a) / 4
	.byte	0xff			// not an entry
	.p2align 1
.Ltab_z:
	.hword	(.Lz0 - .Lanc_z) / 4
	.hword	(.Lz1 - .Lanc_z) / 4
	.hword	(.Lz2 - .Lanc_z) / 4
	.hword	0x7fff			// not an entry
