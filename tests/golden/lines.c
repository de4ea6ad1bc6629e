/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Source lines in findings: built with -g, each finding names the file and
 * line DWARF gives for its instruction, after objtool's line and in JSON.
 * Two functions in two sections (-ffunction-sections), so the object's
 * sections must be told apart; the call without a frame record is the
 * inline "bl" on the line that holds it.  The prefix map makes the recorded
 * file name the fixture's path in the tree.
 * --fp: every function that calls does so without a frame record, which
 * the default mode would take for a file built without frame pointers.
 * build: aarch64-linux-gnu-gcc -g -O2 -ffunction-sections -fdebug-prefix-map=$(dirname $SRC)=tests/golden -c -o $OBJ $SRC
 * fpv: check --fp
 * fpv: check --fp --json
 */
extern void g(void);

int add1(int x)
{
	return x + 1;
}

void leafcall(void)
{
	__asm__ volatile("bl g");	/* line 24: no frame record */
}

void leafcall2(int x)
{
	if (x)
		__asm__ volatile("nop\n\tbl g");	/* line 30 */
}
