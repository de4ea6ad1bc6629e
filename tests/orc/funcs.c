// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * .fpv_funcs fixture (tests/orc/run.sh): functions whose ORC_FUNC_ANY_CALLEE
 * flag is known.  Built at -O2 by GCC and Clang 16 and linked.
 *   leaf          returns only                       no flag
 *   sw            a bounded jump table (switch)      no flag
 *   sibling       "return leaf(x + 1)": B leaf       flag
 *   indirect      "return fp(x)": BR                 flag
 *   split         GCC: its unlikely path goes to split.cold, which is owned
 *                 by split; neither tail-calls      no flag on both
 * and whose ORC_FUNC_DIRECT_ONLY is known, linked as a PIE (nothing
 * exported) and as a shared library (every global function exported):
 *   only_direct   static, called directly only        direct-only in both
 *   tab_a, tab_b  in a static const table called by index (an absolute
 *                 table with R_AARCH64_RELATIVE relocations: Clang 16's
 *                 RelLookupTableConverter makes relative tables of
 *                 constant data only, never of functions)          not
 *   rel_a, rel_b  in a relative table (entries rel_a - rel_table, the
 *                 converter's form, written by hand)               not
 *   by_arg        its address is an argument (adrp + add)         not
 *   tail_target   tail-called (B) by tab_a only                   not
 *   leaf          its address is in fp                            not
 *   main          called by __libc_start_main (a GOT entry)       not
 *   sw, sibling, indirect, split, apply, by_index, by_rel: called directly
 *                 only: direct-only in the PIE, exported (not) in the
 *                 shared library
 * Every function whose address is taken is also called directly, so that
 * only the address, not the absence of callers, keeps its flag off.
 */
#include <stdio.h>
#include <stdlib.h>

__attribute__((noinline)) int leaf(int x)
{
	return x * 3 + 1;
}

__attribute__((noinline)) int sw(int x)
{
	switch (x) {
	case 0: return leaf(x) + 11;
	case 1: return leaf(x) * 7;
	case 2: return leaf(x) - 5;
	case 3: return leaf(x) ^ 9;
	case 4: return leaf(x) + 13;
	case 5: return leaf(x) * 17;
	case 6: return leaf(x) - 19;
	default: return 0;
	}
}

__attribute__((noinline)) int sibling(int x)
{
	return leaf(x + 1);
}

int (*volatile fp)(int) = leaf;

__attribute__((noinline)) int indirect(int x)
{
	return fp(x);
}

__attribute__((noinline, cold)) void report(int x)
{
	fprintf(stderr, "bad %d\n", x);
}

/* GCC 12 splits cold paths on AArch64 only when asked (corpus/noreturn.c) */
#if defined(__GNUC__) && !defined(__clang__)
__attribute__((optimize("reorder-blocks-and-partition")))
#endif
__attribute__((noinline)) int split(int x)
{
	if (__builtin_expect(x < 0, 0)) {
		report(x);
		report(x + 1);
		return -1;
	}
	return leaf(x) + leaf(x + 1);
}

static __attribute__((noinline)) int only_direct(int x)
{
	return x * x - 7;
}

__attribute__((noinline)) int tail_target(int x)
{
	return x * 5 + only_direct(x);
}

static __attribute__((noinline)) int tab_a(int x)
{
	return tail_target(x + 2);
}

static __attribute__((noinline)) int tab_b(int x)
{
	return x - 3 + only_direct(x + 1);
}

static __attribute__((noinline)) int tab_c(int x)
{
	return x ^ 0x55;
}

static int (*const table[])(int) = { tab_a, tab_b, tab_c };

__attribute__((noinline)) int by_index(unsigned i, int x)
{
	return table[i % 3](x);
}

static __attribute__((noinline)) int by_arg(int x)
{
	return x + 100;
}

__attribute__((noinline)) int apply(int (*f)(int), int x)
{
	return f(x) + 1;
}

static __attribute__((noinline, used)) int rel_a(int x)
{
	return x + 21;
}

static __attribute__((noinline, used)) int rel_b(int x)
{
	return x * 9;
}

__asm__(".pushsection .rodata\n"
	".balign 4\n"
	"rel_table:\n"
	"\t.word rel_a - rel_table\n"
	"\t.word rel_b - rel_table\n"
	".popsection\n");
extern const int rel_table[] __attribute__((visibility("hidden")));

__attribute__((noinline)) int by_rel(unsigned i, int x)
{
	return ((int (*)(int))((const char *)rel_table + rel_table[i % 2]))(x);
}

int fixture_main(int argc, char **argv)
{
	int x = argc > 1 ? atoi(argv[1]) : 3;

	printf("%d %d %d %d %d\n", leaf(x), sw(x), sibling(x), indirect(x), split(x));
	printf("%d %d %d %d\n", only_direct(x), by_index((unsigned)x, x), apply(by_arg, x),
	       by_rel((unsigned)x, x));
	printf("%d %d %d %d %d\n", tab_a(x), tab_b(x), by_arg(x), rel_a(x), rel_b(x));
	return 0;
}

#ifndef FUNCS_SHARED
int main(int argc, char **argv)
{
	return fixture_main(argc, argv);
}
#endif
