// SPDX-License-Identifier: GPL-2.0-or-later
//
// A Go binary that keeps its symbol table: the functions of go_pclntab.s,
// linked without -s, so each has a .symtab symbol (STT_FUNC, sized, as Go's
// linker writes them) whose name is not its Go name ("main_main" for
// main.main, as Go's "runtime.abort.abi0" is not "runtime.abort").  The Go
// rules key on the function of .gopclntab at the address, whatever named
// its symbol: the same findings and states as the stripped go_pclntab.o,
// under the symbols' names.
// build: aarch64-linux-gnu-as -I "$(dirname $SRC)" -o go_symtab.tmp.o $SRC && aarch64-linux-gnu-ld -e 0x400000 -Ttext=0x400000 -o $OBJ go_symtab.tmp.o
// fpv: check --stats
// fpv: check --states=main_main
	.include "go_pclntab.s"

	.macro	gofunc sym, next
	.type	\sym, %function
	.size	\sym, \next - \sym
	.endm
	gofunc	main_main, main_deferring
	gofunc	main_deferring, main_leaf
	gofunc	main_leaf, main_leafframe
	gofunc	main_leafframe, runtime_duffzero
	gofunc	runtime_duffzero, runtime_deferreturn
	gofunc	runtime_deferreturn, runtime_panicIndex
	gofunc	runtime_panicIndex, runtime_morestack_noctxt
	gofunc	runtime_morestack_noctxt, runtime_morestack
	gofunc	runtime_morestack, text_end
