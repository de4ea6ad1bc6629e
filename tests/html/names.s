// SPDX-License-Identifier: GPL-2.0-or-later
//
// Names that are markup: the functions of this object are called x<y>&z and
// 'q"<b>', and its .comment says <i>as</i> & "friends".  `fpv xcheck --html`
// must show them as text (tests/html/run.sh).  x<y>&z's CFI is wrong on
// purpose at one instruction (the CFA offset after the stp), so its page has
// a disagreement to mark.
//
// aarch64-linux-gnu-as --gsframe -o names.o names.s
	.ident	"<i>as</i> & \"friends\""
	.text
	.globl	"x<y>&z"
	.type	"x<y>&z", %function
"x<y>&z":
	.cfi_startproc
	stp	x29, x30, [sp, #-16]!
	.cfi_def_cfa_offset 32
	.cfi_offset 29, -32
	.cfi_offset 30, -24
	mov	x29, sp
	.cfi_def_cfa_offset 16
	.cfi_offset 29, -16
	.cfi_offset 30, -8
	bl	"q\"<b>"
	ldp	x29, x30, [sp], #16
	.cfi_restore 29
	.cfi_restore 30
	.cfi_def_cfa_offset 0
	ret
	.cfi_endproc
	.size	"x<y>&z", .-"x<y>&z"

	.globl	"q\"<b>"
	.type	"q\"<b>", %function
"q\"<b>":
	.cfi_startproc
	ret
	.cfi_endproc
	.size	"q\"<b>", .-"q\"<b>"
