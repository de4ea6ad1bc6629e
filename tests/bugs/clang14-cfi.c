// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * clang 14's CFI lags its code at both ends of a function: the prologue is
 * described only after its last instruction (docs/bugs/clang14-late-prologue-cfi.md)
 * and the epilogue not at all (docs/bugs/clang14-no-epilogue-cfi.md).
 *   clang-14 --target=aarch64-linux-gnu -O2 -fomit-frame-pointer -c clang14-cfi.c
 */
#include <alloca.h>
#include <string.h>

unsigned sum(const unsigned char *, unsigned long);

unsigned f(int rounds)
{
	unsigned h = 0;

	for (int r = 1; r <= rounds; r++) {
		char *s = alloca(16 * r);

		memset(s, r, 16 * r);
		h += sum((unsigned char *)s, 16 * r);
	}
	return h;
}
