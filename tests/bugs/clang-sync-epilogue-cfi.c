// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Clang with synchronous unwind tables (the arm64 kernel's
 * -fno-asynchronous-unwind-tables -fno-unwind-tables -g) writes no CFI for
 * the epilogue: at the `ret` the CFA is still x29 + 32, x29 already the
 * caller's (docs/bugs/clang-sync-no-epilogue-cfi.md).
 *   clang-19 --target=aarch64-linux-gnu -O2 -fno-omit-frame-pointer \
 *     -fno-asynchronous-unwind-tables -fno-unwind-tables -g -c clang-sync-epilogue-cfi.c
 */
extern long g(long);

long callee(long a)
{
	return g(a) * 3 + a;
}
