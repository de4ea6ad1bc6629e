// SPDX-License-Identifier: GPL-2.0-or-later
//
// A function that ends with a call through a pointer never returns: a
// compiler puts nothing after a call that cannot return (clang,
// llvm::report_bad_alloc_error calls the installed handler with "blr x22"
// as its last word).  The noreturn proof takes the same view as the
// analysis, so a caller whose last word is "bl fatal" does not fall
// through into the next function.  cond_to_end branches, with its frame
// live, to its own end, the empty block clang leaves for a path it knows is
// never taken (libLLVM: "b.eq" to the word after "bl __stack_chk_fail"):
// not a tail call into the next function.
// build: aarch64-linux-gnu-as -o $OBJ $SRC
// fpv: check --werror
	.text
	.p2align 2

	.globl	fatal
	.type	fatal, %function
fatal:
	stp	x29, x30, [sp, #-16]!	// s: cfa:sp+0
	mov	x29, sp			// s: cfa:sp+16 fp:cfa-16 ra:cfa-8
	ldr	x22, [x0]		// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	blr	x22			// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	.size	fatal, .-fatal

	.globl	caller
	.type	caller, %function
caller:
	stp	x29, x30, [sp, #-16]!	// s: cfa:sp+0
	mov	x29, sp			// s: cfa:sp+16 fp:cfa-16 ra:cfa-8
	cbz	x0, 1f			// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	ldp	x29, x30, [sp], #16	// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	ret				// s: cfa:sp+0
1:	bl	fatal			// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	.size	caller, .-caller

	.globl	cond_to_end
	.type	cond_to_end, %function
cond_to_end:
	stp	x29, x30, [sp, #-16]!	// s: cfa:sp+0
	mov	x29, sp			// s: cfa:sp+16 fp:cfa-16 ra:cfa-8
	cmp	x0, #0x0		// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	b.eq	.Lcte_end		// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	cmp	x1, #0x0		// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	b.ne	2f			// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	ldp	x29, x30, [sp], #16	// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	ret				// s: cfa:sp+0
2:	bl	abort			// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
.Lcte_end:
	.size	cond_to_end, .-cond_to_end

	.globl	next
	.type	next, %function
next:
	ret				// s: cfa:sp+0
	.size	next, .-next
