// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * clang 19 says x30 is saved at CFA - 16 from the prologue's first
 * instruction on, but stores it six instructions later, paired with a
 * va_list field in one STP (docs/bugs/clang19-early-ra-cfi.md).
 *   clang-19 --target=aarch64-linux-gnu -O2 -fomit-frame-pointer -c clang19-early-ra-cfi.c
 */
#include <stdarg.h>

int vf(char *out, unsigned long size, const char *fmt, va_list ap);

int f(char *out, unsigned long size, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	int n = vf(out, size, fmt, ap);
	va_end(ap);
	return n;
}
