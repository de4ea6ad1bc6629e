// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Calls that never return and cold paths.  Error branches call abort(),
 * exit() or a local noreturn function (the compiler drops the code after the
 * call, so the next function may follow directly), and
 * __attribute__((cold)) paths that GCC moves out of line into a separate
 * func.cold fragment in .text.unlikely.  The normal run takes none of the
 * error paths and ends with a deliberate exit() from a nested call.
 *
 * GCC 12 leaves -freorder-blocks-and-partition off by default on AArch64
 * (it is on for x86-64), so the functions with cold paths ask for it.
 */
#include <stdio.h>
#include <stdlib.h>

#if defined(__GNUC__) && !defined(__clang__)
#define SPLIT_COLD __attribute__((optimize("reorder-blocks-and-partition")))
#else
#define SPLIT_COLD
#endif

__attribute__((noreturn, noinline)) static void die(const char *msg, int code)
{
	fprintf(stderr, "fatal: %s\n", msg);
	exit(code);
}

__attribute__((cold, noinline)) static void log_cold(const char *what, long v)
{
	fprintf(stderr, "cold path: %s %ld\n", what, v);
}

__attribute__((noinline)) static long parse_digit(int c)
{
	if (c < '0' || c > '9')
		die("not a digit", 2);
	return c - '0';
}

SPLIT_COLD __attribute__((noinline)) static long parse(const char *s)
{
	long v = 0;

	if (!s)
		abort();
	for (; *s; s++) {
		if (__builtin_expect(*s == '_', 0)) {
			log_cold("separator at", v);
			continue;
		}
		v = v * 10 + parse_digit(*s);
		if (__builtin_expect(v > 1000000000L, 0)) {
			log_cold("overflow", v);
			abort();
		}
	}
	return v;
}

SPLIT_COLD __attribute__((noinline)) static int checked_index(const int *a, int n, int i)
{
	if (i < 0 || i >= n) {
		log_cold("index", i);
		__builtin_trap();
	}
	return a[i];
}

__attribute__((noinline)) static void finish(long total)
{
	printf("total %ld, exiting from a nested call\n", total);
	fflush(stdout);
	exit(0);
}

int main(void)
{
	static const char *inputs[] = { "12", "345", "1000", "99999" };
	static const int arr[] = { 4, 8, 15, 16, 23, 42 };
	long total = 0;

	for (int i = 0; i < 4; i++) {
		long v = parse(inputs[i]);
		printf("parse(%s) = %ld\n", inputs[i], v);
		total += v;
	}
	for (int i = 0; i < 6; i++)
		total += checked_index(arr, 6, i);
	finish(total);
}
