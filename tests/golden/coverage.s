// SPDX-License-Identifier: GPL-2.0-or-later
//
// What --stats says about code fpv did not analyse: per executable section
// its words and those analysed, and one "not analysed" line per range of
// 256 bytes or more with its reason.  .text holds a function, then 70
// words after its .size that no symbol and no FDE name (hand-written NEON
// blocks look like this), then a function whose second half no path
// reaches (70 words after an unconditional branch), then cov_big, whose
// 1501 words are all analysed (the file is above 90%); .text.small holds
// a gap below 256 bytes, which is counted but gets no line of its own.
// build: aarch64-linux-gnu-as -o $OBJ $SRC
// fpv: check --stats
	.text
	.p2align 2
	.globl	cov_named
	.type	cov_named, %function
cov_named:
	ret
	.size	cov_named, .-cov_named

	.rept	69
	add	x0, x0, #1
	.endr
	ret

	.globl	cov_half
	.type	cov_half, %function
cov_half:
	b	1f
	.rept	70
	add	x0, x0, #2
	.endr
1:	ret
	.size	cov_half, .-cov_half

	.globl	cov_big
	.type	cov_big, %function
cov_big:
	.rept	1500
	add	x0, x0, #4
	.endr
	ret
	.size	cov_big, .-cov_big

	.section .text.small, "ax", %progbits
	.globl	cov_small
	.type	cov_small, %function
cov_small:
	ret
	.size	cov_small, .-cov_small
	.rept	8
	add	x0, x0, #3
	.endr
