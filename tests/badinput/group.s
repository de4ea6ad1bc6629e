// SPDX-License-Identifier: GPL-2.0-or-later
// A function in a COMDAT section group (as C++ inline functions and some
// kernel sections are), for the section-group cases of gen.py.
	.section .text.shared,"axG",@progbits,shared,comdat
	.globl shared
	.type shared, %function
shared:
	mov	x0, #1
	ret
	.size shared, .-shared
