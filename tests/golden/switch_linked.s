// SPDX-License-Identifier: GPL-2.0-or-later
//
// Jump tables in a linked file, in the shapes of Debian's arm64 packages:
//   - table_other_reg: GCC builds the table address in a callee-saved
//     register from an adrp of another one, "adrp x1, page ; add x23, x1,
//     #lo12" (pcre2's compiler); the table is read from x23.
//   - end_entry: clang's table for a switch whose default is
//     llvm_unreachable has entries that point at the function's end, an
//     empty block (libLLVM's DIELabel::sizeOf).  They are not targets, and
//     the compare still bounds the table.
//   - no_bound, byte_index: rustc and clang know the range of an enum from
//     its type and emit no compare, "ldr x9, [x1] ; ldrb w12, [x10, x9]"
//     (ripgrep, libLLVM's IEEEFloat::compare); or the index comes from a
//     byte load, below 256.  The table is read while its entries land in
//     the function, and no further than the next address the file's code
//     computes outside its code: here .Lnext_b and .Lnext_n, whose entries
//     would send the live frame to a ret.
//   - code_table: libffi's return-type dispatch, "adr x1, .Ltab ; and w0,
//     w0, #0x1f ; add x1, x1, x0, lsl #3 ; br x1": entries of two
//     instructions each, as many as the mask allows.
//   - eq_then_table: "and w2, w2, #0x7 ; cmp w2, #0x1 ; b.ne" tests for one
//     case before the table (libLLVM's AsmPrinter::emitCallSiteValue): a
//     compare for equality bounds nothing, the mask does (8 entries).
// Every case block is reached with the state of the br; a table read too
// short leaves "unreachable instruction", one read too long a "stack state
// mismatch", one not read "indirect jump with unknown targets".
// build: aarch64-linux-gnu-as -o switch_linked_in.o $SRC && aarch64-linux-gnu-ld -shared -o $OBJ switch_linked_in.o
// fpv: check --werror
	.text
	.p2align 2

	.globl	table_other_reg
	.type	table_other_reg, %function
table_other_reg:
	stp	x29, x30, [sp, #-32]!
	mov	x29, sp
	str	x23, [sp, #16]
	adrp	x1, .Ltab_o
	add	x23, x1, :lo12:.Ltab_o
	cmp	w0, #0x2
	b.hi	.Lo_out
	ldrh	w1, [x23, w0, uxtw #1]
	adr	x4, .Lanc_o
	add	x1, x4, w1, sxth #2
	br	x1
.Lanc_o:
.Lo0:	bl	g
	b	.Lo_out
.Lo1:	mov	w0, #0x1
	b	.Lo_out
.Lo2:	mov	w0, #0x2
.Lo_out:
	ldr	x23, [sp, #16]
	ldp	x29, x30, [sp], #32
	ret
	.size	table_other_reg, .-table_other_reg

	.globl	end_entry
	.type	end_entry, %function
end_entry:
	stp	x29, x30, [sp, #-16]!
	mov	x29, sp
	cmp	w0, #0x3
	b.hi	.Le_out
	adrp	x9, .Ltab_e
	add	x9, x9, :lo12:.Ltab_e
	adr	x10, .Lanc_e
	ldrb	w11, [x9, w0, uxtw]
	add	x10, x10, x11, lsl #2
	br	x10
.Lanc_e:
.Le0:	bl	g
	b	.Le_out
.Le3:	mov	w0, #0x3
.Le_out:
	ldp	x29, x30, [sp], #16
	ret
.Le_end:
	.size	end_entry, .-end_entry

	.globl	no_bound
	.type	no_bound, %function
no_bound:
	stp	x29, x30, [sp, #-16]!
	mov	x29, sp
	ldr	x9, [x1]
	adrp	x10, .Ltab_n
	add	x10, x10, :lo12:.Ltab_n
	adr	x11, .Lanc_n
	ldrb	w12, [x10, x9]
	add	x11, x11, x12, lsl #2
	br	x11
.Lanc_n:
.Ln0:	bl	g
	b	.Ln_out
.Ln1:	mov	w0, #0x1
	b	.Ln_out
.Ln2:	bl	g
.Ln_out:
	ldp	x29, x30, [sp], #16
.Ln_ret:
	ret
	.size	no_bound, .-no_bound

	.globl	byte_index
	.type	byte_index, %function
byte_index:
	stp	x29, x30, [sp, #-16]!
	mov	x29, sp
	ldrb	w9, [x1, #8]
	adrp	x10, .Ltab_b
	add	x10, x10, :lo12:.Ltab_b
	adr	x11, .Lanc_b
	ldrh	w12, [x10, w9, uxtw #1]
	add	x11, x11, x12, lsl #2
	br	x11
.Lanc_b:
.Lb0:	bl	g
	b	.Lb_out
.Lb1:	mov	w0, #0x1
.Lb_out:
	ldp	x29, x30, [sp], #16
.Lb_ret:
	ret
	.size	byte_index, .-byte_index

	.globl	code_table
	.type	code_table, %function
code_table:
	stp	x29, x30, [sp, #-16]!
	mov	x29, sp
	bl	g
	adr	x1, .Lcode
	and	w0, w0, #0x3
	add	x1, x1, x0, lsl #3
	br	x1
.Lcode:
	b	.Lc_out
	nop
	mov	x0, #0x1
	b	.Lc_out
	mov	x0, #0x2
	b	.Lc_out
	mov	x0, #0x3
	nop
.Lc_out:
	ldp	x29, x30, [sp], #16
	ret
	.size	code_table, .-code_table

	.globl	eq_then_table
	.type	eq_then_table, %function
eq_then_table:
	stp	x29, x30, [sp, #-16]!
	mov	x29, sp
	and	w2, w2, #0x7
	cmp	w2, #0x1
	b.ne	.Lq_tab
	bl	g
	b	.Lq_out
.Lq_tab:
	adrp	x8, .Ltab_q
	add	x8, x8, :lo12:.Ltab_q
	adr	x9, .Lanc_q
	ldrb	w10, [x8, x2]
	add	x9, x9, x10, lsl #2
	br	x9
.Lanc_q:
.Lq0:	mov	x0, #0x1
	b	.Lq_out
.Lq2:	bl	g
.Lq_out:
	ldp	x29, x30, [sp], #16
	ret
	.size	eq_then_table, .-eq_then_table

// Takes the addresses of the objects after the tables with no compare.
	.globl	next_user
	.type	next_user, %function
next_user:
	adrp	x0, .Lnext_b
	add	x0, x0, :lo12:.Lnext_b
	adrp	x1, .Lnext_n
	add	x1, x1, :lo12:.Lnext_n
	ret
	.size	next_user, .-next_user

	.globl	g
	.type	g, %function
g:
	ret
	.size	g, .-g

	.section .rodata
	.p2align 1
.Ltab_o:
	.hword	(.Lo0 - .Lanc_o) / 4
	.hword	(.Lo1 - .Lanc_o) / 4
	.hword	(.Lo2 - .Lanc_o) / 4
.Ltab_e:
	.byte	(.Le0 - .Lanc_e) / 4
	.byte	(.Le_end - .Lanc_e) / 4	// llvm_unreachable: the function's end
	.byte	(.Le_end - .Lanc_e) / 4
	.byte	(.Le3 - .Lanc_e) / 4
.Ltab_q:
	.byte	(.Lq0 - .Lanc_q) / 4
	.byte	(.Lq0 - .Lanc_q) / 4
	.byte	(.Lq2 - .Lanc_q) / 4
	.byte	(.Lq2 - .Lanc_q) / 4
	.byte	(.Lq2 - .Lanc_q) / 4
	.byte	(.Lq2 - .Lanc_q) / 4
	.byte	(.Lq2 - .Lanc_q) / 4
	.byte	(.Lq2 - .Lanc_q) / 4
	.p2align 1
.Ltab_b:
	.hword	(.Lb0 - .Lanc_b) / 4
	.hword	(.Lb1 - .Lanc_b) / 4
// Other objects, whose addresses next_user takes: read as an entry of
// .Ltab_b or .Ltab_n, each would send the live frame to the ret.
.Lnext_b:
	.hword	(.Lb_ret - .Lanc_b) / 4
.Ltab_n:
	.byte	(.Ln0 - .Lanc_n) / 4
	.byte	(.Ln1 - .Lanc_n) / 4
	.byte	(.Ln2 - .Lanc_n) / 4
.Lnext_n:
	.byte	(.Ln_ret - .Lanc_n) / 4
