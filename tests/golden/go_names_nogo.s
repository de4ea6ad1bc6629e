// SPDX-License-Identifier: GPL-2.0-or-later
//
// Go's rules are for the functions of a Go binary's .gopclntab only: in a
// file without one, a function named "runtime.throw" that returns is an
// ordinary function (not noreturn by Go's name), so its caller's epilogue
// after the call is analysed, not dead code.
// build: aarch64-linux-gnu-as -o $OBJ $SRC
// fpv: check --stats
// fpv: check --states=caller
	.text
	.p2align 2
	.globl	caller
	.type	caller, %function
caller:
	stp	x29, x30, [sp, #-16]!		// s: cfa:sp+0
	mov	x29, sp				// s: cfa:sp+16 fp:cfa-16 ra:cfa-8
	bl	"runtime.throw"			// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	ldp	x29, x30, [sp], #16		// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	ret					// s: cfa:sp+0
	.size	caller, .-caller

	.globl	"runtime.throw"
	.type	"runtime.throw", %function
"runtime.throw":
	ret					// s: cfa:sp+0
	.size	"runtime.throw", .-"runtime.throw"
