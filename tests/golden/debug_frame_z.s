// SPDX-License-Identifier: GPL-2.0-or-later
//
// A compressed .debug_frame (SHF_COMPRESSED, as Go's linker writes its DWARF
// and ld --compress-debug-sections does) is read decompressed: xcheck
// compares fpv's states with its rows, as for an uncompressed one.
// build: aarch64-linux-gnu-as --compress-debug-sections=zlib-gabi -o debug_frame_z.tmp.o $SRC && aarch64-linux-gnu-ld --compress-debug-sections=zlib-gabi -e f -o $OBJ debug_frame_z.tmp.o
// fpv: xcheck --dwarf=debug
	.cfi_sections .debug_frame
	.text
	.p2align 2
	.globl	f
	.type	f, %function
f:
	.cfi_startproc
	stp	x29, x30, [sp, #-16]!
	.cfi_def_cfa_offset 16
	.cfi_offset 29, -16
	.cfi_offset 30, -8
	mov	x29, sp
	bl	g
	ldp	x29, x30, [sp], #16
	.cfi_restore 30
	.cfi_restore 29
	.cfi_def_cfa_offset 0
	ret
	.cfi_endproc
	.size	f, .-f
	.globl	g
	.type	g, %function
g:
	.cfi_startproc
	ret
	.cfi_endproc
	.size	g, .-g
