/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Compiled jump tables: GCC -O2 (ldrb, sxtb #2 off an adr anchor) and, in
 * switch-clang below, Clang -O2.  Every case must be reached: the check is
 * silent and the JSON counts every instruction of sw as analysed.
 * build: aarch64-linux-gnu-gcc -O2 -fno-omit-frame-pointer -c -o $OBJ $SRC
 * fpv: check --werror
 * fpv: check --json
 */
int g(int);
int h(int);

int sw(int x)
{
	int r = 0;

	switch (x) {
	case 0: r = g(1); break;
	case 1: r = h(7) + 3; break;
	case 2: r = g(9) * 2; break;
	case 3: r = h(11) - 1; break;
	case 4: r = g(13); break;
	case 5: r = h(5); break;
	case 6: r = g(3) ^ 5; break;
	case 7: r = h(0) + g(1); break;
	case 8: r = g(99) + 7; break;
	case 9: r = h(4) * g(2); break;
	case 10: r = g(77); break;
	case 11: r = h(5) - g(5); break;
	}
	return r + 1;
}
