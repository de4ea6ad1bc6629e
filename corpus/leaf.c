// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Leaf functions (no calls, often no frame at all), shrink-wrapping
 * candidates (an early return before the path that calls, so the prologue
 * can move past the test) and functions with several returns from different
 * frame states.
 */
#include <stdio.h>
#include <string.h>

__attribute__((noinline)) static unsigned popcount_leaf(unsigned long x)
{
	unsigned n = 0;

	while (x) {
		x &= x - 1;
		n++;
	}
	return n;
}

__attribute__((noinline)) static long clamp(long v, long lo, long hi)
{
	if (v < lo)
		return lo;
	if (v > hi)
		return hi;
	return v;
}

__attribute__((noinline)) static void report(const char *what, long v)
{
	printf("  %s: %ld\n", what, v);
}

/* Shrink-wrapping: the fast path returns before any call. */
__attribute__((noinline)) static long checked_div(long a, long b)
{
	if (b == 1)
		return a;
	if (b == 0) {
		report("division by zero, returning", 0);
		return 0;
	}
	report("dividing", a);
	return a / b;
}

/* Several returns, some after calls, some not. */
__attribute__((noinline)) static int classify(const char *s)
{
	size_t n;

	if (!s)
		return -1;
	if (!*s)
		return 0;
	n = strlen(s);
	if (n > 8) {
		report("long word", (long)n);
		return 3;
	}
	if (s[0] >= 'A' && s[0] <= 'Z')
		return 2;
	return 1;
}

int main(void)
{
	static const char *words[] = { "", "fpv", "Frame", "unwinding", NULL };

	for (unsigned long x = 1; x < 1000000; x *= 37)
		printf("popcount(%lu) = %u\n", x, popcount_leaf(x));
	printf("clamp: %ld %ld %ld\n", clamp(-5, 0, 10), clamp(5, 0, 10), clamp(50, 0, 10));
	printf("checked_div: %ld\n", checked_div(100, 1));
	printf("checked_div: %ld\n", checked_div(100, 0));
	printf("checked_div: %ld\n", checked_div(100, 7));
	for (int i = 0; i < 5; i++)
		printf("classify(%s) = %d\n", words[i] ? words[i] : "NULL", classify(words[i]));
	return 0;
}
