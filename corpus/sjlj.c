// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * setjmp/longjmp: a longjmp out of several frames (the frames in between are
 * abandoned without their epilogues), nested jump buffers restored on the
 * way out, and a retry loop around setjmp with volatile state.
 */
#include <setjmp.h>
#include <stdio.h>

static jmp_buf *current;
static int depth_reached;

__attribute__((noinline)) static void fail_at(int depth, int limit)
{
	char pad[64];

	pad[depth & 63] = (char)depth;
	depth_reached = depth + pad[depth & 63] - depth;
	if (depth >= limit)
		longjmp(*current, depth);
	if (depth < 1000)
		fail_at(depth + 1, limit);
	depth_reached = -1;		/* not reached: limit < 1000 */
}

__attribute__((noinline)) static int try_limit(int limit)
{
	jmp_buf env, *saved = current;
	int rc;

	current = &env;
	rc = setjmp(env);
	if (rc == 0) {
		fail_at(0, limit);
		rc = -1;		/* not reached */
	}
	current = saved;
	return rc;
}

__attribute__((noinline)) static int nested(void)
{
	jmp_buf outer, *saved = current;
	volatile int inner_result = 0;
	int rc;

	current = &outer;
	rc = setjmp(outer);
	if (rc == 0) {
		inner_result = try_limit(3);	/* inner jump stays inside */
		fail_at(0, 5);			/* this one comes back here */
	}
	current = saved;
	return rc * 100 + inner_result;
}

int main(void)
{
	jmp_buf top;
	volatile int attempts = 0;
	int rc;

	printf("try_limit(4) = %d\n", try_limit(4));
	rc = try_limit(10);
	printf("try_limit(10) = %d, depth %d\n", rc, depth_reached);
	printf("nested = %d\n", nested());
	current = &top;
	if (setjmp(top) < 3) {
		attempts++;
		if (attempts < 3)
			longjmp(top, attempts);
	}
	printf("attempts = %d\n", attempts);
	return 0;
}
