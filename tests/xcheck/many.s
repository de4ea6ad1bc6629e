// SPDX-License-Identifier: GPL-2.0-or-later
//
// The text output of xcheck stays proportionate (tests/xcheck/run.sh):
// 20 functions no FDE covers (more than XCHECK_LIST_UNWITNESSED: one line,
// not 20), and one function whose CFI gives a wrong CFA offset at 120
// instructions (more than XCHECK_LIST_SITES cfa-offset sites: 100 listed,
// then one line).  --json lists every site.
	.text
	.p2align 2
	.globl	covered
	.type	covered, %function
covered:
	.cfi_startproc
	.cfi_def_cfa_offset 16		// wrong: nothing was pushed
	.rept	120
	add	x0, x0, #1
	.endr
	ret
	.cfi_endproc
	.size	covered, .-covered

	.irp	n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19
	.globl	bare\n
	.type	bare\n, %function
bare\n:
	add	x0, x0, #\n
	ret
	.size	bare\n, .-bare\n
	.endr
