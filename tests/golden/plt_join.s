// SPDX-License-Identifier: GPL-2.0-or-later
//
// A noreturn call through the PLT in the middle of a function: the slow
// path sets up a frame and calls join_fatal, a function of this shared
// library called through its own PLT (it is global and preemptible, so ld
// routes the call through .plt), which ends in abort@plt.  The fast path
// branches over it to the return.  If the call were taken to return, the
// frame state after it (a frame record) would meet the fast path's (none)
// at the RET: a false "stack state mismatch".  "// s:" is the hand-derived
// state before each instruction.
// build: aarch64-linux-gnu-as -o plt_join_in.o $SRC && aarch64-linux-gnu-ld -shared -o $OBJ plt_join_in.o
// fpv: check
	.text
	.p2align 2
	.globl	join_fatal
	.type	join_fatal, %function
join_fatal:
	stp	x29, x30, [sp, #-16]!	// s: cfa:sp+0
	mov	x29, sp			// s: cfa:sp+16 fp:cfa-16 ra:cfa-8
	bl	abort			// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
	.size	join_fatal, .-join_fatal

	.globl	join_user
	.type	join_user, %function
join_user:
	cbz	x0, 1f			// s: cfa:sp+0
	stp	x29, x30, [sp, #-16]!	// s: cfa:sp+0
	mov	x29, sp			// s: cfa:sp+16 fp:cfa-16 ra:cfa-8
	bl	join_fatal		// s: cfa:sp+16 fp:cfa-16 ra:cfa-8 x29=cfa-16 fprec
1:	ret				// s: cfa:sp+0
	.size	join_user, .-join_user
