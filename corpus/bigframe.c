// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Large frames: one over 4 KiB (SP adjusted with sub sp, sp, #N, lsl #12 or
 * several instructions) and one over 64 KiB (beyond a single immediate; the
 * compilers use a scratch register or two subtractions), both with calls so
 * the frame record must be set up.
 */
#include <stdio.h>
#include <string.h>

__attribute__((noinline)) static unsigned mix(const unsigned *p, size_t n)
{
	unsigned h = 0;

	for (size_t i = 0; i < n; i++)
		h = h * 31 + p[i];
	return h;
}

__attribute__((noinline)) static unsigned frame_5k(unsigned seed)
{
	unsigned buf[1280];		/* 5 KiB */

	for (size_t i = 0; i < sizeof(buf) / sizeof(buf[0]); i++)
		buf[i] = seed + (unsigned)i * 3;
	return mix(buf, sizeof(buf) / sizeof(buf[0]));
}

__attribute__((noinline)) static unsigned frame_80k(unsigned seed)
{
	unsigned buf[20480];		/* 80 KiB */
	unsigned small[8];

	memset(small, 0, sizeof(small));
	for (size_t i = 0; i < sizeof(buf) / sizeof(buf[0]); i++)
		buf[i] = seed ^ (unsigned)(i * 2654435761u);
	small[seed & 7] = mix(buf, sizeof(buf) / sizeof(buf[0]));
	return mix(small, 8);
}

__attribute__((noinline)) static unsigned frame_300k_nested(unsigned seed, int depth)
{
	unsigned buf[75000];		/* 300 KB */

	memset(buf, (int)(seed & 0xff), sizeof(buf));
	buf[seed % 75000] = 7;
	if (depth > 0)
		return frame_300k_nested(seed * 3 + 1, depth - 1) + buf[12345];
	return mix(buf, 64);
}

int main(void)
{
	printf("frame_5k = %08x\n", frame_5k(11));
	printf("frame_80k = %08x\n", frame_80k(12));
	printf("frame_300k_nested = %08x\n", frame_300k_nested(13, 3));
	return 0;
}
