// SPDX-License-Identifier: GPL-2.0-or-later
//
// A stripped Go binary names its functions only in .gopclntab.  This one is
// built by hand in Go 1.18's layout (runtime/symtab.go: pcHeader, functab,
// _func) and linked without symbols, so every function comes from the table,
// named by its Go name, and the Go frame shapes are checked:
//  - main.main: the stack-bound check, "str x30, [sp, #-32]! ; stur x29,
//    [sp, #-8] ; sub x29, sp, #8" (the frame record at SP - 8), a call of
//    runtime.duffzero through a link record ("adr x27 ; stp x29, x27,
//    [sp, #-24] ; sub x29, sp, #24 ; bl", fplink), a bounds check calling
//    runtime.panicIndex (noreturn by name), the epilogue "ldp x29, x30,
//    [sp, #-8] ; add sp", and the morestack tail "mov x3, x30 ; bl
//    runtime.morestack_noctxt ; b main.main", then the literal pool after
//    "b .";
//  - main.deferring: its _func.deferreturn names the call of
//    runtime.deferreturn after its RET, entered as the runtime does after
//    a recovered panic;
//  - main.leaf: no frame (NOFRAME), saves nothing;
//  - main.leafframe: a leaf with a frame restores x29 as SP - 8 (Go's
//    convention for the caller's x29), which fpv cannot prove: a finding;
//  - runtime.morestack: no RET, yet it resumes its caller (stand-in body).
// build: aarch64-linux-gnu-as -o go_pclntab.tmp.o $SRC && aarch64-linux-gnu-ld -s -e 0x400000 -Ttext=0x400000 -o $OBJ go_pclntab.tmp.o
// fpv: check --stats
// fpv: check --states=main.main
// fpv: check --states=main.deferring

	.text
	.p2align 4
text_start:
main_main:
	ldr	x16, [x28, #16]
	cmp	sp, x16
	b.ls	1f
	str	x30, [sp, #-32]!
	stur	x29, [sp, #-8]
	sub	x29, sp, #8
	bl	main_leaf
	adr	x27, 2f
	stp	x29, x27, [sp, #-24]
	sub	x29, sp, #24
	bl	runtime_duffzero
2:	sub	x29, sp, #8
	cmp	x0, #4
	b.hs	3f
	ldp	x29, x30, [sp, #-8]
	add	sp, sp, #32
	ret
3:	bl	runtime_panicIndex
1:	str	x0, [sp, #8]
	mov	x3, x30
	bl	runtime_morestack_noctxt
	ldr	x0, [sp, #8]
	b	main_main
	b	.
	.word	0x12345678
	.word	0x9abcdef0
	.p2align 4
main_deferring:
	ldr	x16, [x28, #16]
	cmp	sp, x16
	b.ls	1f
	str	x30, [sp, #-32]!
	stur	x29, [sp, #-8]
	sub	x29, sp, #8
	bl	main_leaf
	ldp	x29, x30, [sp, #-8]
	add	sp, sp, #32
	ret
deferreturn:
	bl	runtime_deferreturn
	ldp	x29, x30, [sp, #-8]
	add	sp, sp, #32
	ret
1:	mov	x3, x30
	bl	runtime_morestack_noctxt
	b	main_deferring
	.p2align 4
main_leaf:
	add	x0, x0, #1
	ret
	.p2align 4
main_leafframe:
	str	x30, [sp, #-16]!
	stur	x29, [sp, #-8]
	sub	x29, sp, #8
	add	x0, x0, #1
	add	sp, sp, #16
	sub	x29, sp, #8
	ret
	.p2align 4
runtime_duffzero:
	stp	xzr, xzr, [x20], #16
	stp	xzr, xzr, [x20], #16
	ret
	.p2align 4
runtime_deferreturn:
	ret
	.p2align 4
runtime_panicIndex:
	b	runtime_deferreturn	// stand-in: noreturn by its name
	.p2align 4
runtime_morestack_noctxt:
	mov	x26, xzr
	b	runtime_morestack
	.p2align 4
runtime_morestack:
	brk	#0			// stand-in: switches stacks, resumes the caller
	.p2align 4
text_end:

	.ifdef	GO_PIE			// go_pie.s: a PIE's table, relocated
	.section .data.rel.ro.gopclntab, "aw"
	.else
	.ifdef	GO_EXT			// go_pie_ext.s: inside .data.rel.ro, after a
	.section .data.rel.ro, "aw"	// decoy header that fails the checks
	.p2align 3
	.quad	1, 2, 3
	.word	0xfffffff0
	.byte	0, 0, 4, 8
	.quad	1 << 40			// nfunc: does not fit
	.quad	0, 0, 0, 0, 0, 0, 0, 0
	.else
	.section .gopclntab, "a"
	.endif
	.endif
	.p2align 3
pcheader:
	.word	0xfffffff0		// magic: Go 1.18
	.byte	0, 0, 4, 8		// pad, pad, minLC, ptrSize
	.quad	(functab_end - functab) / 8	// nfunc
	.quad	0			// nfiles
	.quad	text_start		// textStart
	.quad	funcnames - pcheader	// funcnameOffset
	.quad	0, 0, 0			// cuOffset, filetabOffset, pctabOffset
	.quad	functab - pcheader	// pclnOffset

	.macro	ftab fn, rec
	.word	\fn - text_start, \rec - functab
	.endm
	.macro	func fn, name, defer=0, flag=0
	.word	\fn - text_start, \name - funcnames, 0, \defer
	.word	0, 0, 0, 0, 0
	.byte	0, \flag, 0, 0
	.endm
functab:
	ftab	main_main, f_main
	ftab	main_deferring, f_deferring
	ftab	main_leaf, f_leaf
	ftab	main_leafframe, f_leafframe
	ftab	runtime_duffzero, f_duffzero
	ftab	runtime_deferreturn, f_deferreturn
	ftab	runtime_panicIndex, f_panicIndex
	ftab	runtime_morestack_noctxt, f_morestack_noctxt
	ftab	runtime_morestack, f_morestack
functab_end:
	.word	text_end - text_start
f_main:		func	main_main, n_main
f_deferring:	func	main_deferring, n_deferring, deferreturn - main_deferring
f_leaf:		func	main_leaf, n_leaf
f_leafframe:	func	main_leafframe, n_leafframe
f_duffzero:	func	runtime_duffzero, n_duffzero, 0, 4
f_deferreturn:	func	runtime_deferreturn, n_deferreturn
f_panicIndex:	func	runtime_panicIndex, n_panicIndex, 0, 4
f_morestack_noctxt: func runtime_morestack_noctxt, n_morestack_noctxt, 0, 4
f_morestack:	func	runtime_morestack, n_morestack, 0, 4
funcnames:
n_main:		.asciz	"main.main"
n_deferring:	.asciz	"main.deferring"
n_leaf:		.asciz	"main.leaf"
n_leafframe:	.asciz	"main.leafframe"
n_duffzero:	.asciz	"runtime.duffzero"
n_deferreturn:	.asciz	"runtime.deferreturn"
n_panicIndex:	.asciz	"runtime.panicIndex"
n_morestack_noctxt: .asciz "runtime.morestack_noctxt"
n_morestack:	.asciz	"runtime.morestack"
