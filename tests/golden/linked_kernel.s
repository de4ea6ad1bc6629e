// SPDX-License-Identifier: GPL-2.0-or-later
//
// A linked arm64 kernel image in miniature, linked as the kernel is
// (CONFIG_RELOCATABLE: -shared -Bsymbolic --no-apply-dynamic-relocs), so
// that no relocation is left on the code or the tables and absolute words
// in data are zero, their values only in .rela.dyn:
//   - the special tables are not sections of their own but lie in .rodata
//     between their linker-script symbols: static keys
//     (__start___jump_table), the bug table, the alternatives
//     (__alt_instructions), the exception table and KVM's (8-byte entries);
//     each entry is PC-relative, resolved from the entry's own address;
//   - jump tables whose address was spilled to the stack, or copied to
//     another register, and one of absolute entries (R_AARCH64_RELATIVE);
//   - GCC's __builtin_unreachable() at the end of a function (a branch to
//     the padding after it), "bl .+4", an indirect call that ends a sized
//     function;
//   - a label on data in text and a label on the padding before a
//     function (linker-script boundaries), a label's .size, mapping symbols
//     behind an objcopy prefix (__kvm_nvhe_$d), GNU ld's erratum 843419
//     veneer symbol (e843419@...);
//   - hand-written code without CFI in a file that has CFI: its findings are
//     notes; the same finding in a function with an FDE is a warning.
// Every case is reached only through what it tests: without it, fpv reports
// an unreachable instruction, an unknown indirect jump, a fall-through or a
// call without a frame record.
// build: aarch64-linux-gnu-as -o $OBJ.in $SRC && aarch64-linux-gnu-ld -shared -Bsymbolic --no-apply-dynamic-relocs -o $OBJ $OBJ.in
// fpv: check
// fpv: check --stats --werror
// fpv: check --werror --function=asm_func
// fpv: check --states=warns
	.text
	.p2align 2

// A static key: the NOP may become "b 1f"; the code at 1 is reached only
// through the __jump_table entry.
	.globl	key_user
	.type	key_user, %function
key_user:
	stp	x29, x30, [sp, #-16]!
	mov	x29, sp
.Ljl_site:
	nop
	mov	w0, #0
	ldp	x29, x30, [sp], #16
	ret
.Ljl_target:
	bl	g
	mov	w0, #1
	ldp	x29, x30, [sp], #16
	ret
	.size	key_user, .-key_user

// WARN(): the BRK continues (bug table entry with BUGFLAG_WARNING); the
// code after it has a state (--states=warns).  Without the entry it would
// be exempt from "unreachable" as code after a trap, and have none.
	.globl	warns
	.type	warns, %function
warns:
	cbz	x0, 1f
.Lbug_site:
	brk	#0x800
	mov	w0, #2
1:	ret
	.size	warns, .-warns

// An alternative: "nop" may be replaced by "b .Lalt_only".
	.globl	patched
	.type	patched, %function
patched:
.Lalt_orig:
	nop
	mov	w0, #0
	ret
.Lalt_only:
	mov	w0, #3
	ret
	.size	patched, .-patched

// A uaccess with its fixup (__ex_table), and a hypervisor "at" with its
// fixup (__kvm_ex_table): the fixups are reached only through the tables.
	.globl	copy_user
	.type	copy_user, %function
copy_user:
.Lex_insn:
	ldr	x2, [x1]
	str	x2, [x0]
	mov	x0, #0
	ret
.Lex_fixup:
	mov	x0, #-14
	ret
	.size	copy_user, .-copy_user

	.globl	hyp_at
	.type	hyp_at, %function
hyp_at:
.Lkvm_insn:
	at	s1e1r, x0
	mov	w0, #0
	ret
.Lkvm_fixup:
	mov	w0, #1
	ret
	.size	hyp_at, .-hyp_at

// GCC at -O2 in a large function: the table address spilled to the stack.
	.globl	spilled
	.type	spilled, %function
spilled:
	stp	x29, x30, [sp, #-32]!
	mov	x29, sp
	adrp	x28, .Ltab_s
	add	x1, x28, :lo12:.Ltab_s
	str	x1, [sp, #16]
	bl	g
	cmp	w0, #0x2
	b.hi	.Ls_out
	ldr	x1, [sp, #16]
	ldrh	w0, [x1, w0, uxtw #1]
	adr	x1, .Lanc_s
	add	x0, x1, w0, sxth #2
	br	x0
.Lanc_s:
.Ls0:	bl	g
.Ls1:	mov	w0, #1
.Ls2:	mov	w0, #2
.Ls_out:
	ldp	x29, x30, [sp], #32
	ret
	.size	spilled, .-spilled

// The table address copied to another register (do_con_write).
	.globl	copied
	.type	copied, %function
copied:
	stp	x29, x30, [sp, #-16]!
	mov	x29, sp
	adrp	x0, .Ltab_c
	add	x0, x0, :lo12:.Ltab_c
	mov	x23, x0
	ldr	w0, [x2]
	cmp	w0, #0x2
	b.hi	.Lc_out
	ldrh	w3, [x23, w0, uxtw #1]
	adr	x4, .Lanc_c
	add	x3, x4, w3, sxth #2
	br	x3
.Lanc_c:
.Lc0:	bl	g
.Lc1:	mov	w0, #1
.Lc2:	mov	w0, #2
.Lc_out:
	ldp	x29, x30, [sp], #16
	ret
	.size	copied, .-copied

// ___bpf_prog_run: a computed goto through absolute entries, zero in the
// section and given by R_AARCH64_RELATIVE relocations.
	.globl	interp
	.type	interp, %function
interp:
	stp	x29, x30, [sp, #-16]!
	mov	x29, sp
	adrp	x21, .Ltab_a
	add	x21, x21, :lo12:.Ltab_a
	ldrb	w0, [x1]
	ldr	x1, [x21, w0, sxtw #3]
	br	x1
.La0:	bl	g
	ldp	x29, x30, [sp], #16
	ret
.La1:	mov	w0, #1
	ldp	x29, x30, [sp], #16
	ret
	.size	interp, .-interp

// __builtin_unreachable() as the default of a switch: the branch goes to
// the padding right after the function.
	.globl	no_default
	.type	no_default, %function
no_default:
	cmp	w0, #1
	b.ne	.Lnd_end
	mov	w0, #7
	ret
.Lnd_end:
	.size	no_default, .-no_default
	nop
	nop

// "bl .+4" (a return-stack flush) in a function without a frame record.
	.globl	flush_ras
	.type	flush_ras, %function
flush_ras:
	str	x30, [sp, #-16]!
	bl	.+4
	bl	.+4
	ldr	x30, [sp], #16
	ret
	.size	flush_ras, .-flush_ras

// A call through a pointer that never returns ends the function.
	.globl	enter_image
	.type	enter_image, %function
enter_image:
	stp	x29, x30, [sp, #-16]!
	mov	x29, sp
	mov	x4, x0
	mov	x0, #0
	blr	x4
	.size	enter_image, .-enter_image

// A label on data in text (a linker-script table), a label on the padding
// before a function (a section boundary), and a label whose .size ends
// before the next symbol.
	.globl	text_table
text_table:
	.word	0x12345678
	.word	0
	.globl	__boundary
__boundary:
	nop
	nop
	.globl	after_boundary
	.type	after_boundary, %function
after_boundary:
	mov	w0, #5
	ret
	.size	after_boundary, .-after_boundary
	.globl	sized_code
sized_code:
	mov	w0, #6
	ret
	.size	sized_code, .-sized_code
	.word	0xd4200000		// brk #0: not sized_code's, and no function's

// Mapping symbols behind an objcopy prefix are not functions.
	.globl	nvhe_func
	.type	nvhe_func, %function
nvhe_func:
	mov	w0, #8
	ret
	.size	nvhe_func, .-nvhe_func
__kvm_nvhe_$d:
	.word	0xffffffff
__kvm_nvhe_$x:
	.globl	nvhe_next
	.type	nvhe_next, %function
nvhe_next:
	ret
	.size	nvhe_next, .-nvhe_next

// A branch to GNU ld's erratum 843419 veneer, which carries a symbol in a
// vmlinux: followed back, not a tail call with the frame live.
	.globl	uses_veneer
	.type	uses_veneer, %function
uses_veneer:
	stp	x29, x30, [sp, #-16]!
	mov	x29, sp
	b	"e843419@0001_0000_10"
.Lveneer_back:
	ldp	x29, x30, [sp], #16
	ret
	.size	uses_veneer, .-uses_veneer
	.type	"e843419@0001_0000_10", %function
"e843419@0001_0000_10":
	ldr	x2, [x0]
	b	.Lveneer_back
	.size	"e843419@0001_0000_10", 8

// Hand-written code without CFI (SYM_CODE: no function type; SYM_FUNC:
// assembly), each calling without a frame record: notes.  The same in a
// function that has an FDE: a warning.
	.globl	entry_vector
entry_vector:
	bl	g
	eret
	.size	entry_vector, .-entry_vector

	.globl	asm_func
	.type	asm_func, %function
asm_func:
	bl	g
	ret
	.size	asm_func, .-asm_func

	.globl	c_func
	.type	c_func, %function
c_func:
	.cfi_startproc
	bl	g
	ret
	.cfi_endproc
	.size	c_func, .-c_func

	.globl	g
	.type	g, %function
g:
	.cfi_startproc
	ret
	.cfi_endproc
	.size	g, .-g

	.section .altinstr_replacement, "ax"
.Lalt_repl:
	b	.Lalt_only

	.section .rodata
	.p2align 3
	.globl	__start___jump_table, __stop___jump_table
__start___jump_table:
	.long	.Ljl_site - ., .Ljl_target - .
	.quad	0
__stop___jump_table:
	.globl	__start___bug_table, __stop___bug_table
__start___bug_table:
	.long	.Lbug_site - ., 0
	.short	0, 1			// line, BUGFLAG_WARNING
__stop___bug_table:
	.p2align 2
	.globl	__alt_instructions, __alt_instructions_end
__alt_instructions:
	.long	.Lalt_orig - ., .Lalt_repl - .
	.short	5
	.byte	4, 4
__alt_instructions_end:
	.globl	__start___ex_table, __stop___ex_table
__start___ex_table:
	.long	.Lex_insn - ., .Lex_fixup - .
	.short	3, 0
__stop___ex_table:
	.globl	__start___kvm_ex_table, __stop___kvm_ex_table
__start___kvm_ex_table:
	.long	.Lkvm_insn - ., .Lkvm_fixup - .
__stop___kvm_ex_table:
	.p2align 1
.Ltab_s:
	.hword	(.Ls0 - .Lanc_s) / 4
	.hword	(.Ls1 - .Lanc_s) / 4
	.hword	(.Ls2 - .Lanc_s) / 4
.Ltab_c:
	.hword	(.Lc0 - .Lanc_c) / 4
	.hword	(.Lc1 - .Lanc_c) / 4
	.hword	(.Lc2 - .Lanc_c) / 4
	.p2align 3
.Ltab_a:
	.xword	.La0
	.xword	.La1
