// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The real input the bad-input tests start from: a small program without
 * headers (so it also compiles for x86-64, 32-bit ARM and big-endian AArch64)
 * with functions, a jump through a relocation, data and a main().  gen.py
 * corrupts the compiled forms of it one field at a time.
 */
int table[4] = { 3, 1, 4, 1 };

__attribute__((noinline)) int leaf(int x)
{
	return x * 3 + table[x & 3];
}

int caller(int x)
{
	return leaf(x) + leaf(x + 1);
}

int main(void)
{
	return caller(2) == 0;
}
