// SPDX-License-Identifier: GPL-2.0-or-later
//
// Jump tables whose range check is made on a second computation of the
// index: clang 16 (arm64 kernel, -O2) masks the switch value once in a
// 32-bit register for the compare and again into a 64-bit register for the
// load, "and w8, w4, #0xff ; cmp w8, #0x12 ; b.hi default ; and x8, x4,
// #0xff ; ... ldrsw x10, [x27, x8, lsl #2]" (lib/vsprintf.o vbin_printf,
// bstr_printf), in place "and w10, w9, #0xffff ; cmp w10, #4 ; b.hi ; and
// x9, x9, #0xffff" (mm/memcontrol.o mem_cgroup_read_u64,
// mm/hugetlb_cgroup.o), and with a bit offset "ubfx w10, w9, #24, #5 ...
// cmp w10, #0x13 ; b.hi ; ubfx x10, x9, #24, #5" (kernel/bpf/relo_core.o
// __bpf_core_types_are_compat).  The mask alone allows 256, 65536 or 32
// entries, past the end of the table, so the table was rejected: "indirect
// jump with unknown targets while the frame is live", and in a leaf
// "unreachable instruction" (hugetlb_cgroup_read_u64).  The compare bounds
// the index when its register holds the same mask (same source register,
// bit offset and width) of the same, unchanged source.  The bad_* functions
// are the fail-safe side: the source reloaded between the two masks, and a
// compare of a different bit field, bound nothing; the mask bounds the index
// only, so the table is read as one with no compare, while its entries land
// in the function, and the word after it, which does not, ends it.  Each
// table is followed by a word that is not an entry.  "// s:" is the
// hand-derived state before each instruction ("-": not reached).
// build: aarch64-linux-gnu-as -o $OBJ $SRC
// fpv: check
	.text
	.p2align 2

// vbin_printf: table address set before the loop, index re-masked from x0
// after a call; ldrsw entries relative to an adr anchor, PAC and BTI.
	.globl	remask_loop
	.type	remask_loop, %function
remask_loop:
	paciasp				// s: cfa:sp+0
	stp	x29, x30, [sp, #-32]!	// s: cfa:sp+0 pac
	str	x19, [sp, #16]		// s: cfa:sp+32 fp:cfa-32 ra:cfa-24 pac
	mov	x29, sp			// s: cfa:sp+32 fp:cfa-32 ra:cfa-24 pac
	adrp	x19, .Ltab_l		// s: cfa:sp+32 fp:cfa-32 ra:cfa-24 x29=cfa-32 fprec pac
	add	x19, x19, :lo12:.Ltab_l	// s: cfa:sp+32 fp:cfa-32 ra:cfa-24 x29=cfa-32 fprec pac
.Ll_loop:
	bl	g			// s: cfa:sp+32 fp:cfa-32 ra:cfa-24 x29=cfa-32 fprec pac
	and	w8, w0, #0xff		// s: cfa:sp+32 fp:cfa-32 ra:cfa-24 x29=cfa-32 fprec pac
	cmp	w8, #0x2		// s: cfa:sp+32 fp:cfa-32 ra:cfa-24 x29=cfa-32 fprec pac
	b.hi	.Ll_out			// s: cfa:sp+32 fp:cfa-32 ra:cfa-24 x29=cfa-32 fprec pac
	and	x8, x0, #0xff		// s: cfa:sp+32 fp:cfa-32 ra:cfa-24 x29=cfa-32 fprec pac
.Lanc_l:
	adr	x9, .Lanc_l		// s: cfa:sp+32 fp:cfa-32 ra:cfa-24 x29=cfa-32 fprec pac
	ldrsw	x10, [x19, x8, lsl #2]	// s: cfa:sp+32 fp:cfa-32 ra:cfa-24 x29=cfa-32 fprec pac
	add	x9, x9, x10		// s: cfa:sp+32 fp:cfa-32 ra:cfa-24 x29=cfa-32 fprec pac
	br	x9			// s: cfa:sp+32 fp:cfa-32 ra:cfa-24 x29=cfa-32 fprec pac
.Ll0:	bti	j			// s: cfa:sp+32 fp:cfa-32 ra:cfa-24 x29=cfa-32 fprec pac
	b	.Ll_loop		// s: cfa:sp+32 fp:cfa-32 ra:cfa-24 x29=cfa-32 fprec pac
.Ll1:	bti	j			// s: cfa:sp+32 fp:cfa-32 ra:cfa-24 x29=cfa-32 fprec pac
	mov	w0, #0x1		// s: cfa:sp+32 fp:cfa-32 ra:cfa-24 x29=cfa-32 fprec pac
	b	.Ll_loop		// s: cfa:sp+32 fp:cfa-32 ra:cfa-24 x29=cfa-32 fprec pac
.Ll2:	bti	j			// s: cfa:sp+32 fp:cfa-32 ra:cfa-24 x29=cfa-32 fprec pac
.Ll_out:
	ldr	x19, [sp, #16]		// s: cfa:sp+32 fp:cfa-32 ra:cfa-24 x29=cfa-32 fprec pac
	ldp	x29, x30, [sp], #32	// s: cfa:sp+32 fp:cfa-32 ra:cfa-24 x29=cfa-32 fprec pac
	autiasp				// s: cfa:sp+0 pac
	ret				// s: cfa:sp+0
	.size	remask_loop, .-remask_loop

// mem_cgroup_read_u64: the index register masked in place, the compare on
// a copy masked into x10, which then becomes the table register.
	.globl	remask_inplace
	.type	remask_inplace, %function
remask_inplace:
	stp	x29, x30, [sp, #-16]!	// s: cfa:sp+0
	mov	x29, sp			// s: cfa:sp+16 fp:cfa-16 ra:cfa-8
	ldr	x9, [x1, #64]		// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	and	w10, w9, #0xffff	// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	cmp	w10, #0x2		// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	b.hi	.Li_out			// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	and	x9, x9, #0xffff		// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	adrp	x10, .Ltab_i		// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	add	x10, x10, :lo12:.Ltab_i	// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
.Lanc_i:
	adr	x11, .Lanc_i		// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	ldrsw	x12, [x10, x9, lsl #2]	// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	add	x11, x11, x12		// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	br	x11			// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
.Li0:	bl	g			// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	b	.Li_out			// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
.Li1:	mov	w0, #0x3		// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	b	.Li_out			// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
.Li2:	ldp	x29, x30, [sp], #16	// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	b	h			// s: cfa:sp+0
.Li_out:
	ldp	x29, x30, [sp], #16	// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	ret				// s: cfa:sp+0
	.size	remask_inplace, .-remask_inplace

// __bpf_core_types_are_compat / hugetlb_cgroup_read_u64: a bit field
// (ubfx with an offset) compared in w10, extracted again into x10; byte
// entries; a leaf, where the cases were left "unreachable".
	.globl	remask_leaf
	.type	remask_leaf, %function
remask_leaf:
	ldr	w9, [x0, #4]		// s: cfa:sp+0
	ubfx	w10, w9, #24, #5	// s: cfa:sp+0
	cmp	w10, #0x2		// s: cfa:sp+0
	b.hi	.Lf_out			// s: cfa:sp+0
	ubfx	x10, x9, #24, #5	// s: cfa:sp+0
	adrp	x11, .Ltab_f		// s: cfa:sp+0
	add	x11, x11, :lo12:.Ltab_f	// s: cfa:sp+0
	adr	x12, .Lanc_f		// s: cfa:sp+0
	ldrb	w13, [x11, x10]		// s: cfa:sp+0
	add	x12, x12, x13, lsl #2	// s: cfa:sp+0
	br	x12			// s: cfa:sp+0
.Lanc_f:
.Lf0:	mov	w0, #0x1		// s: cfa:sp+0
	ret				// s: cfa:sp+0
.Lf1:	mov	w0, #0x2		// s: cfa:sp+0
	ret				// s: cfa:sp+0
.Lf2:	b	h			// s: cfa:sp+0
.Lf_out:
	mov	w0, #0x0		// s: cfa:sp+0
	ret				// s: cfa:sp+0
	.size	remask_leaf, .-remask_leaf

// Fail safe: x9 is reloaded between the masked compare and the index, so
// the compare says nothing about the index; 65536 entries do not fit.
	.globl	bad_remask_reloaded
	.type	bad_remask_reloaded, %function
bad_remask_reloaded:
	stp	x29, x30, [sp, #-16]!	// s: cfa:sp+0
	mov	x29, sp			// s: cfa:sp+16 fp:cfa-16 ra:cfa-8
	ldr	x9, [x1, #64]		// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	and	w10, w9, #0xffff	// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	cmp	w10, #0x1		// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	b.hi	.Lr_out			// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	ldr	x9, [x1, #72]		// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	and	x9, x9, #0xffff		// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	adrp	x10, .Ltab_r		// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	add	x10, x10, :lo12:.Ltab_r	// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
.Lanc_r:
	adr	x11, .Lanc_r		// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	ldrsw	x12, [x10, x9, lsl #2]	// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	add	x11, x11, x12		// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	br	x11			// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
.Lr0:	bl	g			// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
.Lr1:	mov	w0, #0x3		// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
.Lr_out:
	ldp	x29, x30, [sp], #16	// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	ret				// s: cfa:sp+0
	.size	bad_remask_reloaded, .-bad_remask_reloaded

// Fail safe: the compare is on bits 16-20, the index is bits 24-28.
	.globl	bad_remask_field
	.type	bad_remask_field, %function
bad_remask_field:
	stp	x29, x30, [sp, #-16]!	// s: cfa:sp+0
	mov	x29, sp			// s: cfa:sp+16 fp:cfa-16 ra:cfa-8
	ldr	w9, [x0, #4]		// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	ubfx	w10, w9, #16, #5	// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	cmp	w10, #0x1		// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	b.hi	.Lb_out			// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	ubfx	x10, x9, #24, #5	// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	adrp	x11, .Ltab_b		// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	add	x11, x11, :lo12:.Ltab_b	// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	adr	x12, .Lanc_b		// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	ldrb	w13, [x11, x10]		// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	add	x12, x12, x13, lsl #2	// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	br	x12			// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
.Lanc_b:
.Lb0:	bl	g			// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
.Lb1:	mov	w0, #0x3		// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
.Lb_out:
	ldp	x29, x30, [sp], #16	// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	ret				// s: cfa:sp+0
	.size	bad_remask_field, .-bad_remask_field

	.section .rodata
	.p2align 2
.Ltab_l:
	.word	.Ll0 - .Lanc_l
	.word	.Ll1 - .Lanc_l
	.word	.Ll2 - .Lanc_l
	.word	0x7fffff00		// not an entry: the compare bounds the table
.Ltab_i:
	.word	.Li0 - .Lanc_i
	.word	.Li1 - .Lanc_i
	.word	.Li2 - .Lanc_i
	.word	0x7fffff00		// not an entry
.Ltab_r:
	.word	.Lr0 - .Lanc_r
	.word	.Lr1 - .Lanc_r
	.word	0x7fffff00		// not an entry
.Ltab_f:
	.byte	(.Lf0 - .Lanc_f) / 4
	.byte	(.Lf1 - .Lanc_f) / 4
	.byte	(.Lf2 - .Lanc_f) / 4
	.byte	0xff			// not an entry
.Ltab_b:
	.byte	(.Lb0 - .Lanc_b) / 4
	.byte	(.Lb1 - .Lanc_b) / 4
	.byte	0xff			// not an entry
