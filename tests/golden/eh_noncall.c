/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A landing pad under -fnon-call-exceptions (gccgo builds all of libgo so: a
 * nil dereference is a panic): the load of *p may fault and throw, so its
 * call site holds the load and no call.  The pad that runs the cleanup is
 * entered from the state at the first reached instruction of the call
 * site; without it the pad reads as unreachable.
 * build: aarch64-linux-gnu-gcc -O2 -fexceptions -fnon-call-exceptions -fno-omit-frame-pointer -c -o $OBJ $SRC
 * fpv: check --werror
 */
void release(int *p);

int load(int *p, int n)
{
	int __attribute__((cleanup(release))) g = n;

	g += *p;
	return g * 3;
}
