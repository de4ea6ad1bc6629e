// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The libfpv example program from docs/libfpv.md: a reliable stack trace of
 * the current thread, then one taken in a signal handler from the
 * interrupted context.  Build for AArch64 with frame pointers, then let fpv
 * add the ORC tables to the executable:
 *   aarch64-linux-gnu-gcc -O2 -fno-omit-frame-pointer -Iinclude example.c \
 *       build/aarch64/libfpv.a -o example
 *   fpv orc example
 *   qemu-aarch64 -L /usr/aarch64-linux-gnu ./example
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include <fpv/unwind.h>

static void print_trace(const char *what, const struct fpv_frame *f,
			const struct fpv_trace *t)
{
	printf("%s: %s", what, t->verdict ? "unreliable" : "reliable");
	if (t->verdict)
		printf(" at frame %u: %s", t->fail_frame, fpv_strerror(t->verdict));
	printf("\n");
	for (unsigned i = 0; i < t->nr; i++)
		printf("  #%u pc %#llx sp %#llx%s%s\n", i, (unsigned long long)f[i].pc,
		       (unsigned long long)f[i].sp,
		       f[i].flags & FPV_FRAME_SIGRETURN ? " <signal frame>" : "",
		       f[i].flags & FPV_FRAME_INTERRUPTED ? " (interrupted)" : "");
}

static struct fpv_frame sig_frames[64];
static struct fpv_trace sig_trace;
static volatile sig_atomic_t got_signal;

/* Async-signal-safe: only records the walk; main() prints it. */
static void on_signal(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)si;
	fpv_unwind_ucontext(uc, NULL, sig_frames, 64, &sig_trace);
	got_signal = 1;
}

static __attribute__((noinline)) int work(int n)
{
	struct fpv_frame frames[64];
	struct fpv_trace t;

	if (n > 0)
		return work(n - 1) + 1;
	fpv_unwind_here(NULL, frames, 64, &t);
	print_trace("current", frames, &t);
	raise(SIGUSR1);		/* the handler unwinds from inside raise() */
	return t.verdict;
}

int main(void)
{
	struct sigaction sa;

	if (fpv_init()) {
		fprintf(stderr, "fpv_init failed\n");
		return 1;
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_signal;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGUSR1, &sa, NULL);
	work(3);
	if (got_signal)
		print_trace("signal", sig_frames, &sig_trace);
	return 0;
}
