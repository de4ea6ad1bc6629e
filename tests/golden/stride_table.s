// SPDX-License-Identifier: GPL-2.0-or-later
//
// Tables of code whose entries are k bytes, the index multiplied by a
// constant k ("mov w3, #0xc ; smull x2, w2, w3 ; adr x3, 0f ; add x3, x3,
// x2 ; br x3"): libffi 3.4.4's extend_hfa_type (inline assembly, entries of
// 3 instructions, Debian's libffi.so.8 fde_55c0), whose index has no bound
// in the function.  Guards:
//   ffi_stride    the libffi shape, in a frame: no compare, the table right
//                 after the br, so the entries are those below the common
//                 tail they branch forward to ("b 4f" .. "4: str q19"); the
//                 nop padding after each short entry's b is dead;
//   cmp_stride    a compare of the multiplied register bounds the table
//                 (3 entries of 16 bytes), which is not right after the br;
//                 reading a 4th entry would reach the ret with the frame live;
//   tail_lowest   the tail is the lowest address the entries branch forward
//                 to, not the first b's target: 3 entries of 8 bytes, a 4th
//                 would enter "1:" with the frame live (a mismatch);
//   no_tail       a table with no bound and no forward b (its entries
//                 branch back): not read, the br is an indirect jump fpv
//                 does not resolve, the entries unreached;
//   not_after_br  a forward tail but the table not right after the br
//                 (other code could reach it), no bound: not read either.
// "// s:" is the hand-derived state before each instruction, "-" where the
// word is reached by no path, "dead" where no execution reaches it.
// build: aarch64-linux-gnu-as -o $OBJ $SRC
// fpv: check
// fpv: check --stats
	.text
	.p2align 2

// libffi 3.4.4 src/aarch64/ffi.c extend_hfa_type (S and D entries of the
// 12 the original has), with a frame record around it.
	.globl	ffi_stride
	.type	ffi_stride, %function
ffi_stride:
	stp	x29, x30, [sp, #-16]!	// s: cfa:sp+0
	mov	x29, sp		// s: cfa:sp+16 fp:cfa-16 ra:cfa-8
	sub	w2, w2, #0x8	// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	mov	w3, #0xc	// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	smull	x2, w2, w3	// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	adr	x3, 0f		// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	add	x3, x3, x2	// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	br	x3		// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
0:	ldp	s16, s17, [x1]	// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	ldp	s18, s19, [x1, #8]	// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	b	4f		// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	ldp	s16, s17, [x1]	// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	ldr	s18, [x1, #8]	// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	b	3f		// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	ldp	s16, s17, [x1]	// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	b	2f		// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	nop			// s: dead
	ldr	s16, [x1]	// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	b	1f		// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	nop			// s: dead
	ldp	d16, d17, [x1]	// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	ldp	d18, d19, [x1, #16]	// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	b	4f		// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	ldp	d16, d17, [x1]	// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	ldr	d18, [x1, #16]	// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	b	3f		// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	ldp	d16, d17, [x1]	// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	b	2f		// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	nop			// s: dead
	ldr	d16, [x1]	// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	b	1f		// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
4:	str	q19, [x0, #48]	// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
3:	str	q18, [x0, #32]	// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
2:	str	q17, [x0, #16]	// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
1:	str	q16, [x0]	// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	ldp	x29, x30, [sp], #16	// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	ret			// s: cfa:sp+0
	.size	ffi_stride, .-ffi_stride

// The bound is "cmp w0, #2 ; b.hi" on the register umull multiplies.
	.globl	cmp_stride
	.type	cmp_stride, %function
cmp_stride:
	stp	x29, x30, [sp, #-16]!	// s: cfa:sp+0
	mov	x29, sp		// s: cfa:sp+16 fp:cfa-16 ra:cfa-8
	cmp	w0, #0x2	// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	b.hi	.Lc_def		// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	mov	w9, #0x10	// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	umull	x9, w0, w9	// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	adr	x10, .Lc_tab	// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	add	x10, x10, x9	// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	br	x10		// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
.Lc_def:
	mov	w0, #0x0	// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	ldp	x29, x30, [sp], #16	// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	ret			// s: cfa:sp+0
.Lc_tab:
	mov	w0, #0x1	// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	bl	g		// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	ldp	x29, x30, [sp], #16	// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	b	.Lc_ret		// s: cfa:sp+0
	mov	w0, #0x2	// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	ldp	x29, x30, [sp], #16	// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	b	.Lc_ret		// s: cfa:sp+0
	nop			// s: dead
	mov	w0, #0x3	// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	ldp	x29, x30, [sp], #16	// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	b	h		// s: cfa:sp+0
	nop			// s: dead
.Lc_ret:	ret		// s: cfa:sp+0
	.size	cmp_stride, .-cmp_stride

// Entries of 8 bytes (a 32-bit mul), the first branching further than the
// others: the table ends at "1:", the lowest forward target.
	.globl	tail_lowest
	.type	tail_lowest, %function
tail_lowest:
	stp	x29, x30, [sp, #-16]!	// s: cfa:sp+0
	mov	x29, sp		// s: cfa:sp+16 fp:cfa-16 ra:cfa-8
	mov	w8, #0x8	// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	mul	w9, w0, w8	// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	adr	x10, 0f		// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	add	x10, x10, x9	// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	br	x10		// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
0:	ldp	x29, x30, [sp], #16	// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	b	2f		// s: cfa:sp+0
	ldp	x29, x30, [sp], #16	// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	b	1f		// s: cfa:sp+0
	ldp	x29, x30, [sp], #16	// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	b	1f		// s: cfa:sp+0
1:	mov	w0, #0x1	// s: cfa:sp+0
2:	ret			// s: cfa:sp+0
	.size	tail_lowest, .-tail_lowest

// No bound and no forward b: every entry branches back to the epilogue.
	.globl	no_tail
	.type	no_tail, %function
no_tail:
	stp	x29, x30, [sp, #-16]!	// s: cfa:sp+0
	mov	x29, sp		// s: cfa:sp+16 fp:cfa-16 ra:cfa-8
	cbnz	w0, 1f		// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
.Ln_exit:
	ldp	x29, x30, [sp], #16	// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	ret			// s: cfa:sp+0
1:	mov	w3, #0xc	// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	smull	x2, w0, w3	// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	adr	x3, 0f		// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	add	x3, x3, x2	// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	br	x3		// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
0:	mov	w0, #0x1	// s: -
	bl	g		// s: -
	b	.Ln_exit	// s: -
	mov	w0, #0x2	// s: -
	bl	g		// s: -
	b	.Ln_exit	// s: -
	.size	no_tail, .-no_tail

// A forward tail, but code other paths reach lies between the br and the
// table, and nothing bounds the index.
	.globl	not_after_br
	.type	not_after_br, %function
not_after_br:
	stp	x29, x30, [sp, #-16]!	// s: cfa:sp+0
	mov	x29, sp		// s: cfa:sp+16 fp:cfa-16 ra:cfa-8
	cbz	w1, .Lnb_other	// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	mov	w3, #0xc	// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	smull	x2, w0, w3	// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	adr	x3, .Lnb_tab	// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	add	x3, x3, x2	// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	br	x3		// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
.Lnb_other:
	ldp	x29, x30, [sp], #16	// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	ret			// s: cfa:sp+0
.Lnb_tab:
	mov	w0, #0x1	// s: -
	mov	w1, #0x2	// s: -
	b	1f		// s: -
	mov	w0, #0x3	// s: -
	mov	w1, #0x4	// s: -
	b	1f		// s: -
1:	ldp	x29, x30, [sp], #16	// s: -
	ret			// s: -
	.size	not_after_br, .-not_after_br
