// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Fixture for the DWARF and SFrame witnesses in a relocatable object with
 * one section per function (every section starts at offset 0, so the FDEs
 * can only be told apart through their relocations).  Build:
 *   aarch64-linux-gnu-gcc -O2 -ffunction-sections -fno-omit-frame-pointer \
 *     -Wa,--gsframe -c funcs.c
 * Expected rows: tests/unit/test_witness.c.
 */
int ext(int);

int leaf(int x)
{
	return x * 3;
}

int caller(int x)
{
	return ext(x) + 1;
}
