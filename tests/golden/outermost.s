// SPDX-License-Identifier: GPL-2.0-or-later
//
// The outermost frame said two ways (crt1's _start): the code ends the
// frame chain with x29 = 0, the CFI marks the return address undefined
// (DWARF's end of stack).  fpv xcheck classes those instructions
// "outermost", which is agreement in substance, and fpv orc does not warn
// about them.
// build: aarch64-linux-gnu-as -o start.o $SRC && aarch64-linux-gnu-ld -o $OBJ start.o
// fpv: xcheck --summary
// fpv: orc --stats
	.text
	.p2align 2
	.globl	_start
	.type	_start, %function
_start:
	.cfi_startproc
	.cfi_undefined x30
	mov	x29, #0
	mov	x30, #0
	bl	work
	mov	x8, #93
	svc	#0
	brk	#0
	.cfi_endproc
	.size	_start, .-_start

	.type	work, %function
work:
	.cfi_startproc
	stp	x29, x30, [sp, #-16]!
	.cfi_def_cfa_offset 16
	.cfi_offset 29, -16
	.cfi_offset 30, -8
	mov	x29, sp
	ldp	x29, x30, [sp], #16
	.cfi_restore 30
	.cfi_restore 29
	.cfi_def_cfa_offset 0
	ret
	.cfi_endproc
	.size	work, .-work
