// SPDX-License-Identifier: GPL-2.0-or-later
//
// Shapes of linked code that have no symbol of their own or share one.
// Assembled twice (FIRST defined in one copy) and linked by GNU ld with
// the Cortex-A53 erratum 843419 fix:
//  - erratum: its "adrp" sits at 0xff8 of a page and is followed by a load
//    and a load based on it, so ld moves that load to a veneer named
//    "e843419@...", which branches back: the veneer continues the
//    function (no tail call, no finding);
//  - sls: "ret ; dsb sy ; isb" and "br x16 ; sb", the straight-line-
//    speculation barriers of -mharden-sls=retbr: not unreachable;
//  - falls: its last instruction is an ordinary call, so control runs on
//    into the code after its .size, which no symbol names: the finding
//    names it by address;
//  - helper: a local function in both objects, one of them with a bad
//    epilogue: the finding names it helper@ADDR, and --function takes
//    both that name and an address inside it;
//  - --stats: the stub section GNU ld made for the veneer (a branch over
//    it, the stub, zeros to the next page) is reported as linker stubs.
// build: aarch64-linux-gnu-as --defsym FIRST=1 -o first.o $SRC && aarch64-linux-gnu-as -o second.o $SRC && aarch64-linux-gnu-ld --fix-cortex-a53-843419 -o $OBJ first.o second.o
// fpv: check
// fpv: check --function=helper@0x401044
// fpv: check --function=0x404014
// fpv: check --stats
	.text
	.p2align 2
.ifdef FIRST
	.globl	_start
	.type	_start, %function
_start:
	mov	x29, #0
	bl	erratum
	bl	sls
	bl	falls
1:	b	1b
	.size	_start, .-_start

	.type	sls, %function
sls:
	cbz	x0, 1f
	ldr	x16, [x1]
	br	x16
	.inst	0xd50330ff	// sb (ARMv8.5)
1:	ret
	dsb	sy
	isb
	.size	sls, .-sls

	.type	falls, %function
falls:
	stp	x29, x30, [sp, #-16]!
	mov	x29, sp
	bl	sls
	.size	falls, .-falls
	ldp	x29, x30, [sp], #16
	ret
.endif

	.type	helper, %function
helper:
	sub	sp, sp, #16
.ifdef FIRST
	ret
.else
	add	sp, sp, #16
	ret
.endif
	.size	helper, .-helper

.ifdef FIRST
	.p2align 12
	.space	0xff0
	.type	erratum, %function
erratum:
	stp	x29, x30, [sp, #-16]!
	mov	x29, sp
	adrp	x0, far_var
	ldr	x1, [x2]
	ldr	x0, [x0, #:lo12:far_var]
	ldp	x29, x30, [sp], #16
	ret
	.size	erratum, .-erratum

	.bss
	.p2align 3
	.space	0x300000
far_var:
	.quad	0
.endif
