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

int main(int argc, char **argv)
{
	int x = argc > 1 ? atoi(argv[1]) : 3;

	printf("%d %d %d %d %d\n", leaf(x), sw(x), sibling(x), indirect(x), split(x));
	return 0;
}
