// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * A walk through a signal frame the kernel (here qemu-user) put on the
 * interrupted stack (tests/runtime/run.sh): the handler, installed without
 * SA_ONSTACK, walks its own stack with fpv_unwind_here() through the
 * sigreturn trampoline into raise() and on to _start.  The generated
 * programs of the reliability matrix take their signals on an alternate
 * stack, so this is where the core's check that the kernel's frame record
 * lies just below the interrupted SP meets a real signal frame.  Prints
 * "reliable N S" (N frames, S sigreturn frames) or the reason.
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include <fpv/unwind.h>

static struct fpv_frame frames[64];
static struct fpv_trace trace;

static void on_signal(int sig)
{
	(void)sig;
	fpv_unwind_here(NULL, frames, 64, &trace);
}

int main(void)
{
	struct sigaction sa;
	unsigned sigret = 0;

	if (fpv_init())
		return 1;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigaction(SIGUSR1, &sa, NULL);
	raise(SIGUSR1);
	for (unsigned i = 0; i < trace.nr; i++)
		sigret += !!(frames[i].flags & FPV_FRAME_SIGRETURN);
	if (trace.verdict)
		printf("unreliable at frame %u: %s\n", trace.fail_frame, fpv_strerror(trace.verdict));
	else
		printf("reliable %u %u\n", trace.nr, sigret);
	return 0;
}
