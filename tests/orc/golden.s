// SPDX-License-Identifier: GPL-2.0-or-later
// Golden fixture for `fpv orc` + `fpv dump` (tests/orc/run.sh compares the
// dump with golden.expected, derived by hand from the AArch64 rules):
//   aarch64-linux-gnu-as -o golden.o golden.s && fpv orc golden.o && fpv dump golden.o
// f_std: GCC's frame with a callee-saved register; f_leaf: no state change,
// so no record; alignment padding: an UNDEFINED gap; f_pac: a PAC-signed
// return address from paciasp to autiasp; the last record is the
// end-of-section terminator.
	.text
	.globl	f_std
	.type	f_std, %function
f_std:
	stp	x29, x30, [sp, #-32]!
	mov	x29, sp
	str	x19, [sp, #16]
	bl	g
	ldr	x19, [sp, #16]
	ldp	x29, x30, [sp], #32
	ret
	.size	f_std, .-f_std

	.globl	f_leaf
	.type	f_leaf, %function
f_leaf:
	add	x0, x0, #1
	ret
	.size	f_leaf, .-f_leaf

	.p2align 4
	.globl	f_pac
	.type	f_pac, %function
f_pac:
	paciasp
	stp	x29, x30, [sp, #-16]!
	mov	x29, sp
	bl	g
	ldp	x29, x30, [sp], #16
	autiasp
	ret
	.size	f_pac, .-f_pac
