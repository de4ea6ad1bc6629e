// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Variable-sized frames: alloca() in a loop-free function and in a loop,
 * variable-length arrays whose size depends on the argument, and an
 * over-aligned local.  SP moves by an amount known only at run time, so the
 * frame has to be addressed through x29.
 */
#include <alloca.h>
#include <stdio.h>
#include <string.h>

__attribute__((noinline)) static unsigned checksum(const unsigned char *p, size_t n)
{
	unsigned h = 2166136261u;

	for (size_t i = 0; i < n; i++)
		h = (h ^ p[i]) * 16777619u;
	return h;
}

__attribute__((noinline)) static unsigned with_alloca(size_t n)
{
	unsigned char *buf = alloca(n);

	for (size_t i = 0; i < n; i++)
		buf[i] = (unsigned char)(i * 7 + n);
	return checksum(buf, n);
}

__attribute__((noinline)) static unsigned alloca_in_loop(int rounds)
{
	unsigned h = 0;

	for (int r = 1; r <= rounds; r++) {
		char *s = alloca(16 * r);
		memset(s, 'a' + r, 16 * r);
		h += checksum((unsigned char *)s, 16 * r);
	}
	return h;
}

__attribute__((noinline)) static long vla_matrix(int n)
{
	long m[n][n];
	long trace = 0;

	for (int i = 0; i < n; i++)
		for (int j = 0; j < n; j++)
			m[i][j] = (long)(i + 1) * (j + 2) - i;
	for (int i = 0; i < n; i++)
		trace += m[i][i] + m[n - 1 - i][i];
	return trace;
}

__attribute__((noinline)) static unsigned aligned_local(int seed)
{
	unsigned char block[96] __attribute__((aligned(64)));

	for (int i = 0; i < 96; i++)
		block[i] = (unsigned char)(seed + i * 3);
	return checksum(block, sizeof(block)) ^ (unsigned)(((unsigned long)block) & 63);
}

int main(void)
{
	for (size_t n = 1; n <= 4096; n *= 8)
		printf("with_alloca(%zu) = %08x\n", n, with_alloca(n));
	printf("alloca_in_loop(6) = %08x\n", alloca_in_loop(6));
	for (int n = 1; n <= 33; n += 8)
		printf("vla_matrix(%d) = %ld\n", n, vla_matrix(n));
	printf("aligned_local(5) = %08x\n", aligned_local(5));
	return 0;
}
